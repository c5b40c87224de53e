//! E-mail: what a mail job holds and how its templates render.
//!
//! Each [`MailKind`] has three templates in `templates/<kind>/`: `subject.txt`,
//! `body.txt` and `body.html` (which extends `layout.html`). HTML templates escape
//! every value; the plain-text ones do not. To add a mail: add the kind, its three
//! templates and its sample data in the tests below.
use std::sync::OnceLock;

use minijinja::Environment;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::notifications::MailKind;

/// One e-mail to send, as stored in the outbox. Rendered when sent, not when queued.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailJob {
    pub kind: MailKind,
    pub to: String,
    pub to_name: String,
    /// The recipient's account, whose notification choices the worker respects.
    pub user_id: Option<Uuid>,
    /// The template's values.
    pub data: serde_json::Value,
}

impl EmailJob {
    /// A mail to an account: its address and name, and its id, so that the worker
    /// respects the notifications the person has turned off.
    pub fn to_account(
        kind: MailKind,
        id: Uuid,
        email: &str,
        name: &str,
        data: serde_json::Value,
    ) -> Self {
        Self {
            kind,
            to: email.to_owned(),
            to_name: name.to_owned(),
            user_id: Some(id),
            data,
        }
    }
}

/// The same kind of mail to each of `people`, with the data `data` gives for each
/// (which holds their name): the effects of an event that tells several accounts.
pub fn to_each(
    kind: MailKind,
    people: impl IntoIterator<Item = crate::backend::entities::app_user::Model>,
    data: impl Fn(&crate::backend::entities::app_user::Model) -> serde_json::Value,
) -> Vec<crate::backend::events::Effect> {
    people
        .into_iter()
        .map(|person| {
            crate::backend::events::Effect::Email(EmailJob::to_account(
                kind,
                person.id,
                &person.email,
                &person.display_name,
                data(&person),
            ))
        })
        .collect()
}

/// A mail ready for the transport.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderedMail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

macro_rules! templates {
    ($($kind:literal),* $(,)?) => {
        &[
            ("layout.html", include_str!("templates/layout.html")),
            $(
                (concat!($kind, "/subject.txt"), include_str!(concat!("templates/", $kind, "/subject.txt"))),
                (concat!($kind, "/body.txt"), include_str!(concat!("templates/", $kind, "/body.txt"))),
                (concat!($kind, "/body.html"), include_str!(concat!("templates/", $kind, "/body.html"))),
            )*
        ]
    };
}

const TEMPLATES: &[(&str, &str)] = templates![
    "account_verification",
    "password_reset",
    "staff_invitation",
    "association_invitation",
    "sign_in_notice",
    "test_mail",
    "access_request",
    "access_request_confirmation",
    "access_request_waiting",
    "representatives_verified",
    "representatives_rejected",
    "verification_ending",
    "application_received",
    "registration_address_taken",
    "payment_details_changed",
    "late_window_opened",
    "application_withdrawn",
    "decision_letter",
    "completion_requested",
    "completion_received",
    "attestation_requested",
    "umbrella_decided",
    "follow_up_reminder",
    "follow_up_reviewed",
    "reclaim_decided",
    "partnership_report_reminder",
    "partnership_report_reviewed",
    "partnership_follow_up_decided",
    "partnership_notice_deadline",
];

fn environment() -> &'static Environment<'static> {
    static ENVIRONMENT: OnceLock<Environment<'static>> = OnceLock::new();
    ENVIRONMENT.get_or_init(|| {
        let mut env = Environment::new();
        // Undefined values are errors, so a template cannot silently lose a field.
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        for (name, source) in TEMPLATES {
            env.add_template(name, source)
                .expect("the mail templates parse");
        }
        env
    })
}

/// Renders the three parts of a mail of `kind` with `data`.
pub fn render(kind: MailKind, data: &serde_json::Value) -> Result<RenderedMail, minijinja::Error> {
    let env = environment();
    let part = |part: &str| -> Result<String, minijinja::Error> {
        env.get_template(&format!("{}/{part}", kind.as_str()))?
            .render(data)
    };
    Ok(RenderedMail {
        subject: part("subject.txt")?.trim().to_owned(),
        text: part("body.txt")?,
        html: part("body.html")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample(kind: MailKind) -> serde_json::Value {
        match kind {
            MailKind::AccountVerification => json!({
                "name": "Sara Lind",
                "association": "Kindness & Compassion",
                "link": "http://127.0.0.1:3000/bekrafta-epost?token=abc",
            }),
            MailKind::PasswordReset => json!({
                "name": "Sara Lind",
                "link": "http://127.0.0.1:3000/nytt-losenord?token=abc",
            }),
            MailKind::StaffInvitation => json!({
                "name": "Emelie Steen",
                "role": "handläggare",
                "invited_by": "Portalens administratör",
                "link": "http://127.0.0.1:3000/nytt-losenord?token=abc",
            }),
            MailKind::AssociationInvitation => json!({
                "association": "Kindness & Compassion",
                "invited_by": "Sara Lind",
                "link": "http://127.0.0.1:3000/inbjudan?token=abc",
            }),
            MailKind::SignInNotice => json!({
                "name": "Sara Lind",
                "time": "2026-11-22 kl. 18:00",
                "contact_email": "foreningsstod@socialforvaltningen.example",
                "settings_url": "http://127.0.0.1:3000/mina-sidor/installningar",
            }),
            MailKind::AccessRequest => json!({
                "association": "Kindness & Compassion",
                "requester": "Nils Ek",
                "requester_email": "nils@example.org",
                "message": "Jag är ny kassör.",
                "link": "http://127.0.0.1:3000/foreningar/1",
            }),
            MailKind::AccessRequestWaiting => json!({ "association": "Kindness & Compassion" }),
            MailKind::AccessRequestConfirmation => json!({
                "association": "Kindness & Compassion",
                "link": "http://127.0.0.1:3000/registrera/be-om-atkomst/bekrafta?token=abc",
            }),
            MailKind::RepresentativesVerified => json!({
                "association": "Kindness & Compassion",
                "names": "Sara Lind, Nils Ek",
                "valid_until": "2027-03-20",
                "link": "http://127.0.0.1:3000/foreningar/1",
            }),
            MailKind::RepresentativesRejected => json!({
                "association": "Kindness & Compassion",
                "note": "Protokollet saknar justering.",
                "link": "http://127.0.0.1:3000/foreningar/1",
            }),
            MailKind::VerificationEnding => json!({
                "name": "Sara Lind",
                "association": "Kindness & Compassion",
                "valid_until": "2027-03-20",
                "link": "http://127.0.0.1:3000/foreningar/1",
            }),
            MailKind::RegistrationAddressTaken => json!({
                "name": "Sara Lind",
                "sign_in_url": "http://127.0.0.1:3000/logga-in",
                "reset_url": "http://127.0.0.1:3000/glomt-losenord",
            }),
            MailKind::PaymentDetailsChanged => json!({
                "name": "Sara Lind",
                "association": "Kindness & Compassion",
                "changed_by": "Nils Ek",
                "time": "den 1 december 2026 kl. 10.00",
                "now": "bankgiro 5050-1055",
                "before": "inget bankgiro eller plusgiro",
                "contact_email": "foreningsstod@socialforvaltningen.example",
                "link": "http://127.0.0.1:3000/foreningar/1",
            }),
            MailKind::ApplicationReceived => json!({
                "name": "Sara Lind",
                "association": "Kindness & Compassion",
                "dnr": "SOF 2026/1",
                "programme": "Tidsbegränsat bidrag",
                "activity": "Etablering av ett självhjälpscenter",
                "amount": "500 000 kr",
                "weeks": 8,
                "link": "http://127.0.0.1:3000/ansokningar/1",
            }),
            MailKind::LateWindowOpened => json!({
                "name": "Sara Lind",
                "association": "Kindness & Compassion",
                "programme": "Verksamhetsbidrag",
                "until": "15 juni 2027",
                "link": "http://127.0.0.1:3000/foreningar/1/ansokningar",
            }),
            MailKind::ApplicationWithdrawn => json!({
                "name": "Emelie Steen",
                "association": "Kindness & Compassion",
                "dnr": "SOF 2026/1",
                "activity": "Etablering av ett självhjälpscenter",
            }),
            MailKind::DecisionLetter => json!({
                "name": "Sara Lind",
                "association": "Kindness & Compassion",
                "dnr": "SOF 2023/202",
                "activity": "Etablering av ett självhjälpscenter",
                "programme": "Tidsbegränsat bidrag",
                "requested": "500 000 kr",
                "outcome": "Avslagen",
                "amount": "",
                "granted": false,
                "motivation": "Ansökan uppfyller inte kriterierna.",
                "criteria": [{ "label": "God kvalitet", "verdict": "Uppfyller delvis", "text": "Kort erfarenhet." }],
                "body": "Organisations- och föreningsutskottet",
                "meeting": "12 december 2023",
                "paragraph": 7,
                "justered": "12 december 2023",
                "appeal_until": "2 januari 2024",
                "legal_force": "3 januari 2024",
                "minutes_kept": "Protokollet finns hos socialförvaltningens registratur.",
                "link": "http://127.0.0.1:3000/ansokningar/1",
            }),
            MailKind::CompletionRequested => json!({
                "name": "Sara Lind",
                "association": "Kindness & Compassion",
                "dnr": "SOF 2026/1",
                "activity": "Etablering av ett självhjälpscenter",
                "message": "Skicka en budget där intäkter och kostnader går ihop.",
                "reply_by": "15 december 2026",
                "documents": ["Budget för hela föreningen"],
                "officer": "Emelie Steen",
                "phone": "08-508 251 58",
                "link": "http://127.0.0.1:3000/ansokningar/1",
            }),
            MailKind::CompletionReceived => json!({
                "name": "Emelie Steen",
                "association": "Kindness & Compassion",
                "dnr": "SOF 2026/1",
                "activity": "Etablering av ett självhjälpscenter",
                "version": 2,
                "amount": "500 000 kr",
                "link": "http://127.0.0.1:3000/handlaggning/arenden/1/versioner",
            }),
            MailKind::AttestationRequested => json!({
                "name": "Lina Blombergsson",
                "officer": "Emelie Steen",
                "association": "Kindness & Compassion",
                "dnr": "SOF 2026/1",
                "activity": "Etablering av ett självhjälpscenter",
                "proposal": "avslå",
                "link": "http://127.0.0.1:3000/handlaggning/arenden/1/bedomning",
            }),
            MailKind::UmbrellaDecided => json!({
                "name": "Sara Lind",
                "association": "Kindness & Compassion",
                "approved": true,
                "note": "",
                "fee": 100,
                "link": "http://127.0.0.1:3000/foreningar/1/helsam",
            }),
            MailKind::FollowUpReminder => json!({
                "name": "Sara Lind",
                "association": "Kindness & Compassion",
                "dnr": "SOF 2026/1",
                "activity": "Etablering av ett självhjälpscenter",
                "programme": "Tidsbegränsat bidrag",
                "stage": "before",
                "due": "31 mars 2027",
                "period": "1 januari–31 december 2026",
                "link": "http://127.0.0.1:3000/ansokningar/1/aterrapport/1",
            }),
            MailKind::FollowUpReviewed => json!({
                "name": "Sara Lind",
                "association": "Kindness & Compassion",
                "dnr": "SOF 2026/1",
                "activity": "Etablering av ett självhjälpscenter",
                "approved": false,
                "reclaim": false,
                "note": "Kommentera varför lokalkostnaden blev lägre.",
                "due": "31 mars 2027",
                "link": "http://127.0.0.1:3000/ansokningar/1/aterrapport/1",
            }),
            MailKind::ReclaimDecided => json!({
                "name": "Sara Lind",
                "association": "Kindness & Compassion",
                "dnr": "SOF 2026/1",
                "activity": "Etablering av ett självhjälpscenter",
                "decided": "15 april 2027",
                "decided_by": "av Emelie Steen på delegation",
                "amount": "25 000 kr",
                "reason": "Hela bidraget användes inte.",
                "calculation": "Beviljat 100 000 kr − (kostnader 80 000 kr − andra intäkter 5 000 kr) = 25 000 kr",
                "due": "15 maj 2027",
                "payee": "Stockholms stad, socialförvaltningen",
                "bankgiro": "5050-1055",
                "reference": "SOF 2026/1",
                "officer": "Emelie Steen",
                "link": "http://127.0.0.1:3000/ansokningar/1/aterrapport/1",
            }),
            MailKind::PartnershipReportReminder => json!({
                "name": "Sara Lind",
                "association": "Street Minds",
                "activity": "Öppen verksamhet för deltagare inom Bostad Först",
                "stage": "before",
                "due": "31 januari 2024",
                "period": "1 juli–31 december 2023",
                "link": "http://127.0.0.1:3000/partnerskap/1/rapport/1",
            }),
            MailKind::PartnershipReportReviewed => json!({
                "name": "Sara Lind",
                "association": "Street Minds",
                "activity": "Öppen verksamhet för deltagare inom Bostad Först",
                "period": "1 juli–31 december 2023",
                "approved": false,
                "note": "Beskriv hur ni når fler kvinnor.",
                "officer": "Emelie Steen",
                "link": "http://127.0.0.1:3000/partnerskap/1/rapport/1",
            }),
            MailKind::PartnershipFollowUpDecided => json!({
                "name": "Sara Lind",
                "association": "Street Minds",
                "activity": "Öppen verksamhet för deltagare inom Bostad Först",
                "period": "1 juli–31 december 2023",
                "body": "Socialnämnden",
                "meeting": "20 februari 2024",
                "paragraph": 4,
                "decision": "godkänner uppföljningen",
                "returned": false,
                "justered": "22 februari 2024",
                "link": "http://127.0.0.1:3000/partnerskap/1/rapport/1",
            }),
            MailKind::PartnershipNoticeDeadline => json!({
                "name": "Emelie Steen",
                "association": "Street Minds",
                "activity": "Öppen verksamhet för deltagare inom Bostad Först",
                "deadline": "31 december 2023",
                "ends_on": "30 juni 2024",
                "extended_to": "30 juni 2025",
                "link": "http://127.0.0.1:3000/handlaggning/partnerskap/1",
            }),
            MailKind::TestMail => json!({
                "name": "Emelie Steen",
                "sent_by": "Portalens administratör",
                "time": "2026-11-22 kl. 18:00",
                "portal_url": "http://127.0.0.1:3000/",
            }),
        }
    }

    #[test]
    fn every_kind_renders_a_subject_a_text_part_and_an_html_part_in_swedish() {
        for kind in MailKind::ALL {
            let mail = render(kind, &sample(kind)).unwrap_or_else(|e| panic!("{kind:?}: {e:#}"));
            assert!(
                !mail.subject.is_empty() && !mail.subject.contains('\n'),
                "{kind:?}"
            );
            assert!(mail.text.starts_with("Hej"), "{kind:?}: {}", mail.text);
            assert!(mail.html.contains(r#"<html lang="sv">"#), "{kind:?}");
            assert!(mail.html.contains("Föreningsportalen"), "{kind:?}");
        }
    }

    #[test]
    fn html_parts_escape_values_and_text_parts_keep_them() {
        let mut data = sample(MailKind::TestMail);
        data["name"] = json!("<script>alert(1)</script> & Co");
        let mail = render(MailKind::TestMail, &data).unwrap();
        assert!(
            mail.html.contains("&lt;script&gt;alert(1)"),
            "{}",
            mail.html
        );
        assert!(mail.html.contains(" &amp; Co"));
        assert!(!mail.html.contains("<script>"));
        assert!(mail.text.contains("<script>alert(1)</script> & Co"));
    }

    #[test]
    fn a_missing_value_is_an_error_not_an_empty_hole() {
        let mut data = sample(MailKind::SignInNotice);
        data.as_object_mut().unwrap().remove("name");
        assert!(render(MailKind::SignInNotice, &data).is_err());
    }
}
