//! The payment order as an ISO 20022 credit-transfer initiation, `pain.001.001.03` (the
//! version Swedish banks and Bankgirot take), written with `quick-xml`. Swedish
//! creditor accounts: a bankgiro number as `Othr/Id` with the proprietary scheme `BGNR`
//! and Bankgirot's clearing number 9900; a plusgiro number with the scheme `BBAN` and
//! PlusGirot's clearing number 9960. `tests/api/payments.rs` validates the file
//! against the official XSD (shipped by PyPI's `sepaxml`) with `xmllint`.
use chrono::{DateTime, NaiveDate, Utc};
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

/// The municipality: who pays, from which account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payer {
    pub name: String,
    pub iban: String,
    pub bic: String,
    /// The bankgiro the municipality takes repayments (återkrav) on, as printed
    /// (`5050-1055`).
    pub bankgiro: String,
}

impl Default for Payer {
    /// The demo's payer (an example account in Swedish IBAN form).
    fn default() -> Self {
        Payer {
            name: "Stockholms stad, socialförvaltningen".into(),
            iban: "SE4550000000058398257466".into(),
            bic: "ESSESESS".into(),
            bankgiro: "5050-1055".into(),
        }
    }
}

/// Where the money goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Account {
    /// Digits only.
    Bankgiro(String),
    Plusgiro(String),
}

/// One credit transfer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transfer {
    /// The payment's reference through the banks (at most 35 characters).
    pub end_to_end: String,
    pub amount_ore: i64,
    pub creditor: String,
    pub account: Account,
    /// The message to the association (at most 140 characters).
    pub message: String,
}

/// `ore` as the file writes amounts: `1234.50`.
pub fn amount(ore: i64) -> String {
    format!("{}.{:02}", ore / 100, ore % 100)
}

fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

type W = Writer<Vec<u8>>;

fn text(w: &mut W, name: &str, value: &str) -> std::io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))
        .map(drop)
}

/// The whole file.
pub fn document(
    message_id: &str,
    created: DateTime<Utc>,
    execute_on: NaiveDate,
    payer: &Payer,
    transfers: &[Transfer],
) -> String {
    write(message_id, created, execute_on, payer, transfers)
        .expect("writing XML into memory cannot fail")
}

fn write(
    message_id: &str,
    created: DateTime<Utc>,
    execute_on: NaiveDate,
    payer: &Payer,
    transfers: &[Transfer],
) -> std::io::Result<String> {
    let count = transfers.len().to_string();
    let total = amount(transfers.iter().map(|t| t.amount_ore).sum());
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("Document")
        .with_attribute(("xmlns", "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"))
        .write_inner_content(|w| {
            w.create_element("CstmrCdtTrfInitn")
                .write_inner_content(|w| {
                    w.create_element("GrpHdr").write_inner_content(|w| {
                        text(w, "MsgId", &cut(message_id, 35))?;
                        text(
                            w,
                            "CreDtTm",
                            &created.format("%Y-%m-%dT%H:%M:%S").to_string(),
                        )?;
                        text(w, "NbOfTxs", &count)?;
                        text(w, "CtrlSum", &total)?;
                        w.create_element("InitgPty")
                            .write_inner_content(|w| text(w, "Nm", &cut(&payer.name, 70)))?;
                        Ok(())
                    })?;
                    w.create_element("PmtInf").write_inner_content(|w| {
                        text(w, "PmtInfId", &cut(message_id, 35))?;
                        text(w, "PmtMtd", "TRF")?;
                        text(w, "NbOfTxs", &count)?;
                        text(w, "CtrlSum", &total)?;
                        w.create_element("PmtTpInf").write_inner_content(|w| {
                            w.create_element("SvcLvl")
                                .write_inner_content(|w| text(w, "Cd", "NURG"))?;
                            Ok(())
                        })?;
                        text(w, "ReqdExctnDt", &execute_on.format("%Y-%m-%d").to_string())?;
                        w.create_element("Dbtr")
                            .write_inner_content(|w| text(w, "Nm", &cut(&payer.name, 70)))?;
                        w.create_element("DbtrAcct").write_inner_content(|w| {
                            w.create_element("Id")
                                .write_inner_content(|w| text(w, "IBAN", &payer.iban))?;
                            Ok(())
                        })?;
                        w.create_element("DbtrAgt").write_inner_content(|w| {
                            w.create_element("FinInstnId")
                                .write_inner_content(|w| text(w, "BIC", &payer.bic))?;
                            Ok(())
                        })?;
                        text(w, "ChrgBr", "SLEV")?;
                        for transfer in transfers {
                            transfer_element(w, transfer)?;
                        }
                        Ok(())
                    })?;
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(String::from_utf8(w.into_inner()).expect("the writer writes UTF-8"))
}

fn transfer_element(w: &mut W, transfer: &Transfer) -> std::io::Result<()> {
    let (clearing, number, scheme) = match &transfer.account {
        Account::Bankgiro(digits) => ("9900", digits, None),
        Account::Plusgiro(digits) => ("9960", digits, Some("BBAN")),
    };
    w.create_element("CdtTrfTxInf").write_inner_content(|w| {
        w.create_element("PmtId")
            .write_inner_content(|w| text(w, "EndToEndId", &cut(&transfer.end_to_end, 35)))?;
        w.create_element("Amt").write_inner_content(|w| {
            w.create_element("InstdAmt")
                .with_attribute(("Ccy", "SEK"))
                .write_text_content(BytesText::new(&amount(transfer.amount_ore)))?;
            Ok(())
        })?;
        w.create_element("CdtrAgt").write_inner_content(|w| {
            w.create_element("FinInstnId").write_inner_content(|w| {
                w.create_element("ClrSysMmbId").write_inner_content(|w| {
                    w.create_element("ClrSysId")
                        .write_inner_content(|w| text(w, "Cd", "SESBA"))?;
                    text(w, "MmbId", clearing)
                })?;
                Ok(())
            })?;
            Ok(())
        })?;
        w.create_element("Cdtr")
            .write_inner_content(|w| text(w, "Nm", &cut(&transfer.creditor, 70)))?;
        w.create_element("CdtrAcct").write_inner_content(|w| {
            w.create_element("Id").write_inner_content(|w| {
                w.create_element("Othr").write_inner_content(|w| {
                    text(w, "Id", number)?;
                    w.create_element("SchmeNm")
                        .write_inner_content(|w| match scheme {
                            Some(code) => text(w, "Cd", code),
                            None => text(w, "Prtry", "BGNR"),
                        })?;
                    Ok(())
                })?;
                Ok(())
            })?;
            Ok(())
        })?;
        w.create_element("RmtInf")
            .write_inner_content(|w| text(w, "Ustrd", &cut(&transfer.message, 140)))?;
        Ok(())
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_with_a_point_and_two_decimals() {
        assert_eq!(amount(123_450), "1234.50");
        assert_eq!(amount(5), "0.05");
    }

    #[test]
    fn the_file_holds_every_transfer_and_escapes_names() {
        let xml = document(
            "FP-2026-001",
            "2026-12-03T10:00:00Z".parse().unwrap(),
            "2026-12-04".parse().unwrap(),
            &Payer::default(),
            &[
                Transfer {
                    end_to_end: "SOF 2026/12-1".into(),
                    amount_ore: 5_000_000,
                    creditor: "Kindness & Compassion <ideell>".into(),
                    account: Account::Bankgiro("50501055".into()),
                    message: "Bidrag SOF 2026/12".into(),
                },
                Transfer {
                    end_to_end: "SOF 2026/13-1".into(),
                    amount_ore: 250_050,
                    creditor: "Förening B".into(),
                    account: Account::Plusgiro("9001223".into()),
                    message: "Bidrag SOF 2026/13".into(),
                },
            ],
        );
        assert!(xml.contains("<NbOfTxs>2</NbOfTxs>"), "{xml}");
        assert!(xml.contains("<CtrlSum>52500.50</CtrlSum>"), "{xml}");
        assert!(
            xml.contains("Kindness &amp; Compassion &lt;ideell&gt;"),
            "{xml}"
        );
        assert!(xml.contains("<Prtry>BGNR</Prtry>"), "{xml}");
        assert!(xml.contains("<MmbId>9960</MmbId>"), "{xml}");
    }
}
