//! **Assessment and attestation**: before acting on a case, each person declares that
//! they have no conflict of interest (jäv) or recuses themselves with a reason
//! (förvaltningslagen 16–18 §§); the officer assesses the case per criterion of its
//! programme (uppfyller / uppfyller delvis / uppfyller inte, with a text), writes the
//! jämställdhetsanalys and the proposal (bevilja, bevilja delvis with an amount, or
//! avslå) with its motivation; two approvers attest the proposal or send it back. A
//! change to an attested proposal voids its attestations; nobody attests their own.
//!
//! Here: the answers (`Content`, read and checked by [`read_form`]), the stages and
//! choices, the page's data (`AssessmentView`), the state changes (`commands`), the
//! reads (`queries`, `api`) and the page (`pages`). The posts are handled in
//! `server/src/http/assessment.rs`; the tests are `tests/api/assessment.rs`.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::features::applications::Status;

pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

/// The attestations a proposal needs (e.g. enhetschef and avdelningschef).
pub const ATTESTATIONS_NEEDED: usize = 2;
/// The longest text of one answer.
pub const TEXT_LIMIT: usize = 6000;

/// The stage at which someone declares jäv.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    Assessment,
    Attestation,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Assessment => "bedomning",
            Stage::Attestation => "attest",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "bedomning" => Some(Stage::Assessment),
            "attest" => Some(Stage::Attestation),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Stage::Assessment => "bedömning",
            Stage::Attestation => "attest",
        }
    }
}

/// A verdict on one criterion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    Meets,
    Partly,
    DoesNotMeet,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [Verdict::Meets, Verdict::Partly, Verdict::DoesNotMeet];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Meets => "uppfyller",
            Verdict::Partly => "delvis",
            Verdict::DoesNotMeet => "uppfyller-inte",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Verdict::Meets => "Uppfyller",
            Verdict::Partly => "Uppfyller delvis",
            Verdict::DoesNotMeet => "Uppfyller inte",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == value)
    }
}

/// The proposal to the committee.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Proposal {
    Grant,
    PartialGrant,
    Reject,
}

impl Proposal {
    pub const ALL: [Proposal; 3] = [Proposal::Grant, Proposal::PartialGrant, Proposal::Reject];

    pub fn as_str(self) -> &'static str {
        match self {
            Proposal::Grant => "bevilja",
            Proposal::PartialGrant => "bevilja_delvis",
            Proposal::Reject => "avsla",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Proposal::Grant => "Bevilja",
            Proposal::PartialGrant => "Bevilja delvis",
            Proposal::Reject => "Avslå",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == value)
    }
}

/// The form's field names.
pub mod field {
    pub const EQUALITY: &str = "jamstalldhetsanalys";
    pub const PROPOSAL: &str = "forslag";
    pub const AMOUNT: &str = "belopp";
    pub const MOTIVATION: &str = "motivering";
    pub const IMMEDIATE: &str = "omedelbar";
    pub const RECUSED: &str = "jav";
    pub const REASON: &str = "skal";
    pub const COMMENT: &str = "kommentar";

    /// The verdict field of a criterion.
    pub fn verdict(criterion: &str) -> String {
        format!("bedomning_{criterion}")
    }

    /// The text field of a criterion.
    pub fn text(criterion: &str) -> String {
        format!("text_{criterion}")
    }
}

/// The criteria assessed one by one: the programme's, except gender equality, which is
/// the jämställdhetsanalys of its own.
pub fn assessed_criteria(programme_criteria: &[String]) -> Vec<(String, String)> {
    programme_criteria
        .iter()
        .filter(|key| key.as_str() != "jamstalldhet")
        .map(|key| {
            let label = crate::features::programmes::CRITERIA
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, label)| (*label).to_owned())
                .unwrap_or_else(|| key.clone());
            (key.clone(), label)
        })
        .collect()
}

/// One criterion's verdict and text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionAnswer {
    pub criterion: String,
    pub verdict: Option<Verdict>,
    pub text: String,
}

/// The assessment's texts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    pub criteria: Vec<CriterionAnswer>,
    pub equality: String,
    pub motivation: String,
}

/// What a posted assessment says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Posted {
    pub content: Content,
    pub proposal: Option<Proposal>,
    pub amount_ore: Option<i64>,
    pub immediate: bool,
}

/// Reads the form (`get` gives a field's value) for `criteria`. `finish` asks for a
/// complete assessment (to be attested): every verdict and text, the analysis, the
/// proposal with an amount that fits it, and the motivation. Problems come by field.
pub fn read_form(
    get: impl Fn(&str) -> String,
    criteria: &[(String, String)],
    requested_ore: i64,
    finish: bool,
) -> Result<Posted, Vec<(String, String)>> {
    let mut problems = Vec::new();
    let text = |name: &str, problems: &mut Vec<(String, String)>, missing: &str| {
        let value = get(name).trim().to_owned();
        if value.chars().count() > TEXT_LIMIT {
            problems.push((
                name.to_owned(),
                format!("Texten får vara högst {TEXT_LIMIT} tecken."),
            ));
        } else if finish && value.is_empty() {
            problems.push((name.to_owned(), missing.to_owned()));
        }
        value
    };
    let mut answers = Vec::new();
    for (key, label) in criteria {
        let verdict_field = field::verdict(key);
        let verdict = Verdict::parse(get(&verdict_field).trim());
        if verdict.is_none() && (finish || !get(&verdict_field).trim().is_empty()) {
            problems.push((
                verdict_field,
                format!(
                    "Välj om ansökan uppfyller kriteriet {}.",
                    label.to_lowercase()
                ),
            ));
        }
        let written = text(
            &field::text(key),
            &mut problems,
            &format!("Motivera bedömningen av {}.", label.to_lowercase()),
        );
        answers.push(CriterionAnswer {
            criterion: key.clone(),
            verdict,
            text: written,
        });
    }
    let equality = text(
        field::EQUALITY,
        &mut problems,
        "Skriv jämställdhetsanalysen.",
    );
    let proposal_text = get(field::PROPOSAL);
    let proposal = Proposal::parse(proposal_text.trim());
    if proposal.is_none() && (finish || !proposal_text.trim().is_empty()) {
        problems.push((
            field::PROPOSAL.to_owned(),
            "Välj förvaltningens förslag: bevilja, bevilja delvis eller avslå.".to_owned(),
        ));
    }
    let typed_amount = get(field::AMOUNT);
    let mut amount_ore = match crate::domain::money::parse_optional(&typed_amount) {
        Ok(amount) => amount,
        Err(message) => {
            problems.push((field::AMOUNT.to_owned(), message.to_owned()));
            None
        }
    };
    let requested = crate::domain::money::format_kr(requested_ore);
    match proposal {
        Some(Proposal::Reject) => amount_ore = None,
        Some(Proposal::Grant) => match amount_ore {
            None => amount_ore = Some(requested_ore),
            Some(amount) if amount != requested_ore => problems.push((
                field::AMOUNT.to_owned(),
                format!("Att bevilja är att bevilja det sökta beloppet, {requested}. Välj bevilja delvis för ett lägre belopp."),
            )),
            Some(_) => {}
        },
        Some(Proposal::PartialGrant) => match amount_ore {
            None if finish => problems.push((field::AMOUNT.to_owned(), "Ange beloppet som föreslås.".to_owned())),
            Some(amount) if amount <= 0 || amount >= requested_ore => problems.push((
                field::AMOUNT.to_owned(),
                format!("Ett delvis beviljat belopp är mer än 0 kr och mindre än det sökta, {requested}."),
            )),
            _ => {}
        },
        None => {}
    }
    let motivation = text(
        field::MOTIVATION,
        &mut problems,
        "Skriv motiveringen till förslaget.",
    );
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Posted {
        content: Content {
            criteria: answers,
            equality,
            motivation,
        },
        proposal,
        amount_ore,
        immediate: !get(field::IMMEDIATE).is_empty(),
    })
}

/// Someone's jäv declaration on a case, for staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declaration {
    pub name: String,
    pub stage: Stage,
    pub recused: bool,
    pub reason: String,
    pub date: String,
}

/// An attestation: "Attesterat av".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attestation {
    pub name: String,
    pub title: String,
    pub date: String,
}

/// The assessment page's data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentView {
    pub case_id: Uuid,
    pub dnr: String,
    pub association: String,
    pub activity: String,
    pub requested: String,
    pub status: Status,
    /// `(key, label)` of each criterion assessed.
    pub criteria: Vec<(String, String)>,
    pub content: Content,
    pub proposal: Option<Proposal>,
    /// "250 000 kr".
    pub amount: Option<String>,
    pub immediate: bool,
    /// Who wrote the assessment.
    pub author: Option<String>,
    pub finished: bool,
    pub attestations: Vec<Attestation>,
    /// The approvers who have not attested yet.
    pub still_to_attest: Vec<String>,
    pub declarations: Vec<Declaration>,
    /// The viewer's own declaration at the stage they act in: `Some(recused)`.
    pub my_declaration: Option<bool>,
    /// The stage the viewer acts in: assessment (officers) or attestation (approvers).
    pub my_stage: Stage,
    /// The viewer wrote the assessment (and may not attest it).
    pub mine: bool,
    /// The viewer has attested the current proposal.
    pub attested_by_me: bool,
}

/// The OFU seed's assessment (Kindness & Compassion, "Etablering av ett
/// självhjälpscenter", 2023-12-12): the verdicts and texts of its tjänsteutlåtande, as
/// the assessment form posts them. The demo data and the tests use it.
pub mod ofu_seed {
    use std::collections::HashMap;

    /// The form, finished (`klar=1`) or as a draft.
    pub fn form(finish: bool) -> HashMap<String, String> {
        let mut form: HashMap<String, String> = [
            ("bedomning_stadsovergripande", "delvis"),
            ("text_stadsovergripande", r#"Verksamheten riktar sig till personer i alla stadsdelsförvaltningar. Förvaltningen bedömer att verksamheten är stadsövergripande men att föreningen vänder sig till en bred, något ospecificerad målgrupp där de välkomnar alla. Vissa av aktiviteterna sker online och riktar sig till boendes i hela Sverige."#),
            ("bedomning_kompletterar", "uppfyller-inte"),
            ("text_kompletterar", r#"I staden finns flera verksamheter som vänder sig till personer med psykisk ohälsa. Bland annat finns flertalet olika träffpunkter som är öppna för alla med psykisk ohälsa att delta i. Staden har även åtta ungdomsmottagningar i Stockholms stad dit ungdomar mellan 12 och 22 år kan vända sig om de exempelvis känner oro, nedstämdhet eller stress.

Socialnämnden ger bidrag till ett flertal föreningar som möter personer med psykisk ohälsa. Bland annat Attention som riktar sig till barn, ungdomar, unga vuxna och vuxna med neuropsykiatriska funktionsnedsättningar. De erbjuder verksamhet i form av öppna och slutna samtalsgrupper, cafékvällar, temakvällar, till exempel för mammor med ADHD, föräldraträffar, online spelträffar för barn och tjej- och killträffar. Föreningen Autism Stockholm riktar sig till barn, unga och vuxna med autismspektrumtillstånd, de erbjuder bland annat sociala aktiviteter i form av samtalsträffar, caféträffar, tjejträffar, olika föräldraträffar, bowling, föreläsningar samt stöd och vägledning. Intresseföreningen Mellanmålet vänder sig till unga vuxna i åldrarna 18 till 35 med psykisk ohälsa och erbjuder olika sociala aktiviteter till målgruppen vid flera tillfällen per vecka. Socialnämnden ger också bidrag till flera RSMH-föreningar som erbjuder aktiviteter, stöd och verksamhet till personer med psykisk ohälsa. De utgår alla från kamratstödande verksamheter. Vidare ger nämnden bidrag till Ångestföreningen, OCD-föreningen, IFS/CS Intresseföreningen för Schizofreni och liknande psykoser och Stiftelsen Fountain House som alla erbjuder verksamhet, stöd och aktiviteter för målgruppen.

Nämnden ger också bidrag till Tilia som ger chatt- och mejlstöd till unga med psykisk ohälsa upp till 30 år. Även Tjejjonen får bidrag för att ge stöd via chatt till de som definierar sig som tjejer i Stockholms stad mellan 10 och 25 år, där de flesta har någon form av utsatthet. Stockholms tjejjour får bidrag för sin stödverksamhet för de som definierar sig som tjejer och är mellan 10 och 30 år. De erbjuder stöd via chatt, mejl, telefon, videosamtal eller fysiska samtal både i form av akut och/eller långsiktigt stöd. Målgruppen är i behov av stöd av olika anledningar, vanligtvis på grund av psykisk ohälsa.

Förvaltningen bedömer att Kindness & Compassions målgrupp är väldigt bred och att alla är välkomna till föreningens samtalsgrupper och andra aktiviteter. I nämndens budget för 2024 nämns särskilt gruppen unga tjejer med psykisk ohälsa som en prioriterad grupp. Kindness & Compassion uppger att de genom sina samtalsgrupper under 2022 och 2023 har nått 16 personer under 23 år, åtta procent av föreningens totala antal deltagare. Föreningen planerar att starta olika samtalsgrupper som är öppna för alla att delta i. De nämner att i de olika samtalsgrupperna deltar personer ur socialtjänstens målgrupper men att syftet är att alla ska vara välkomna, oavsett om man tillhör socialtjänstens målgrupper eller inte. Förvaltningen bedömer att många av de samtalsgrupper som föreningen planerar att starta inte är kompletterande socialtjänstens insatser. Föreningen planerar även att erbjuda filmvisning med efterföljande diskussion och samtalsgrupper för fans till musikgruppen BTS. De aktiviteterna bedömer förvaltningen inte komplettera socialtjänstens insatser då de riktar sig till vem som helst att delta i.

Förvaltningen anser att vissa delar av föreningens aktiviteter kan komplettera socialtjänstens insatser men att en stor del av verksamheten inte gör det. Föreningen planerar att genomföra samtalsgrupper mer riktade till socialtjänstens målgrupper under 2024. Förvaltningen ger bidrag till flera föreningar som når målgruppen personer med psykisk ohälsa som erbjuder en varierad verksamhet och stöd, staden bedriver även egna verksamheter för målgruppen. Förvaltningen bedömer därför att det inte är prioriterat att bevilja ett bidrag till Kindness & Compassions verksamhet."#),
            ("bedomning_kvalitet", "uppfyller"),
            ("text_kvalitet", r#"Föreningens verksamhet utgår från kamratstödande samtalsgrupper med ledarledda träffar. Föreningen använder sig av 12-stegsgruppernas samtalsmodell som fokuserar på reflektion och erfarenhetsutbyte. Alla träffar leds av en samtalsledare som fått utbildning i metoden. Föreningen lånar lokaler av olika hotell i staden som är tillgänglighetsanpassade, de erbjuder även träffar online. Styrelsen består av olika kompetenser och generaldirektören har lång erfarenhet av arbete i olika ideella organisationer som vänder sig till utsatta målgrupper.

Förvaltningen bedömer att verksamheten bedrivs med god kvalitet."#),
            ("bedomning_kostnader", "uppfyller"),
            ("text_kostnader", r#"Förvaltningen bedömer att föreningens kostnader är rimliga men att Kindness & Compassions verksamhet inte kompletterat socialtjänstens verksamheter och att målgruppen är för bred för att nämnden ska kunna prioritera att bevilja ett tidsbegränsat bidrag."#),
            ("jamstalldhetsanalys", r#"Föreningen når fler kvinnor än män. De samarbetar med ”Citypolarna” för att nå fler män. Kindness & Compassion erbjuder gruppmöten online för att ge anonymitet och flexibilitet, de planerar att starta självhjälpsgrupper med specifika ämnen som kan tänkas locka fler män. Förvaltningen bedömer att föreningen aktivt arbetar med att försöka nå fler män men att mer finns att göra för att få en jämnare fördelning bland deltagarna."#),
            ("forslag", "avsla"),
            ("motivering", r#"Efter en samlad bedömning anser förvaltningen att Kindness & Compassions verksamhet inte lever upp till kraven i riktlinjerna för att beviljas ett tidsbegränsat bidrag.

Förvaltningen föreslår att OFU avslår föreningen Kindness & Compassions ansökan om ett tidsbegränsat bidrag på 500 000 kronor för perioden 1 januari till och med 31 december 2024."#),
            ("omedelbar", "1"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        form.insert("klar".into(), if finish { "1" } else { "" }.into());
        form
    }
}
