//! The tjänsteutlåtande and the case's full record as PDFs, typeset by Typst
//! (`typst-as-lib`) from the same data the print page shows, with the fonts of
//! `typst-assets` embedded (Libertinus Serif: å, ä and ö included), so a file looks the
//! same on every machine. The templates are `tjansteutlatande.typ` and `arende.typ`,
//! which share `gemensamt.typ`.
use std::sync::OnceLock;

use typst::foundations::{Dict, IntoValue};
use typst::layout::PagedDocument;
use typst_as_lib::TypstEngine;

use super::{Record, Report};

/// The engine with its templates and fonts, built once (reading the fonts takes a while).
fn engine() -> &'static TypstEngine {
    static ENGINE: OnceLock<TypstEngine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        TypstEngine::builder()
            .with_static_source_file_resolver([
                ("gemensamt.typ", include_str!("gemensamt.typ")),
                ("tjansteutlatande.typ", include_str!("tjansteutlatande.typ")),
                ("arende.typ", include_str!("arende.typ")),
                (
                    "uppfoljning.typ",
                    include_str!("../partnerships/uppfoljning.typ"),
                ),
            ])
            .fonts(typst_assets::fonts())
            .build()
    })
}

/// `template` with `data` as JSON in `sys.inputs.data`, as PDF bytes.
fn typeset(template: &str, data: &impl serde::Serialize) -> Result<Vec<u8>, String> {
    let data = serde_json::to_string(data).map_err(|e| format!("the data as JSON: {e}"))?;
    let mut inputs = Dict::new();
    inputs.insert("data".into(), data.into_value());
    let document: PagedDocument = engine()
        .compile_with_input(template, inputs)
        .output
        .map_err(|e| format!("typesetting {template}: {e:?}"))?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
        .map_err(|e| format!("writing the PDF of {template}: {e:?}"))
}

/// The tjänsteutlåtande as PDF bytes. Blocking work (tens of milliseconds): call it
/// from a blocking task.
pub fn render(report: &Report) -> Result<Vec<u8>, String> {
    typeset("tjansteutlatande.typ", report)
}

/// The case's full record as PDF bytes; blocking, as [`render`].
pub fn render_record(record: &Record) -> Result<Vec<u8>, String> {
    typeset("arende.typ", record)
}

/// An IOP partnership's follow-up tjänsteutlåtande as PDF bytes; blocking, as
/// [`render`].
pub fn render_partnership(
    document: &crate::features::partnerships::StatementDocument,
) -> Result<Vec<u8>, String> {
    typeset("uppfoljning.typ", document)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        Report {
            dnr: "SOF 2023/7".into(),
            handler: ("Emelie Steen".into(), "08-50825158".into()),
            to: "Organisations- och föreningsutskottet".into(),
            date: "2023-12-12".into(),
            title: "Verksamheten ”Etablering av ett självhjälpscenter”".into(),
            subtitle: "Ansökan om tidsbegränsat bidrag från föreningen Kindness & Compassion"
                .into(),
            proposal_points: vec!["Paragrafen justeras omedelbart.".into()],
            criteria: vec![(
                "God kvalitet".into(),
                "Uppfyller".into(),
                "Förvaltningen bedömer att verksamheten bedrivs med god kvalitet. #set text(red) <script>".into(),
            )],
            income: vec![("Sökt belopp från nämnden".into(), "500 000".into())],
            ..Report::default()
        }
    }

    #[test]
    fn a_report_becomes_a_pdf_with_its_fonts() {
        let pdf = render(&report()).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        // The font is embedded (a FontFile2 or FontFile3 stream), not referenced.
        let raw = String::from_utf8_lossy(&pdf);
        assert!(raw.contains("/FontFile"), "the font is embedded");
    }

    #[test]
    fn a_partnership_follow_up_becomes_a_pdf() {
        let document = crate::features::partnerships::StatementDocument {
            dnr: "SOF 2023/202".into(),
            handler: ("Emelie Steen".into(), String::new()),
            to: "Socialnämnden".into(),
            date: "2024-03-19".into(),
            title: "Uppföljning av idéburet offentligt partnerskap (IOP)".into(),
            subtitle: "Uppföljning av verksamheten under perioden 1 juli–31 december 2023".into(),
            sections: vec![(
                "Deltagares synpunkter".into(),
                vec!["”Mallis är bra.” #set text(red) <script>".into()],
            )],
            signers: vec![("Emelie Steen".into(), "Handläggare".into())],
            ..Default::default()
        };
        let pdf = render_partnership(&document).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }

    #[test]
    fn a_record_with_versions_and_changes_becomes_a_pdf() {
        use crate::features::completion::{Change, Piece, VersionRow};
        let record = Record {
            report: report(),
            versions: vec![VersionRow {
                number: 1,
                submitted: "2023-10-02 09:00:00".into(),
                by: "Sara Lind".into(),
            }],
            changes: vec![(
                2,
                vec![Change {
                    label: "Budget: kostnader".into(),
                    lines: true,
                    pieces: vec![(Piece::Added, "Lokal – Hyra: 120 000 kr".into())],
                }],
            )],
            timeline: vec![(
                "2023-10-02".into(),
                "Ansökan skickades in".into(),
                "Sara Lind".into(),
            )],
            ..Record::default()
        };
        let pdf = render_record(&record).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
