//! The catalogue of notifications: which exist, which a person may turn off.
use serde::{Deserialize, Serialize};

/// Every e-mail the portal sends. Each has its templates under
/// `backend/mail/templates/<kind>/` (subject, plain text, HTML).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailKind {
    /// "Bekräfta din e-postadress": the link that activates a new account (24 hours).
    AccountVerification,
    /// "Återställ ditt lösenord": the link to choose a new password (1 hour).
    PasswordReset,
    /// "Du är inbjuden till Föreningsportalen": a staff account, choose a password (7 days).
    StaffInvitation,
    /// "Du är inbjuden till föreningens konto": join an association (7 days).
    AssociationInvitation,
    /// "Ny inloggning på ditt konto": sent after each sign-in.
    SignInNotice,
    /// A test mail an admin sends to check the mail settings.
    TestMail,
    /// "X ber om tillgång till föreningen": to the owners of an association's account.
    AccessRequest,
    /// "Bekräfta din förfrågan": to someone asking for access, before the owners hear of it.
    AccessRequestConfirmation,
    /// "Din förfrågan ligger redan hos föreningen": asked again while a confirmed one waits.
    AccessRequestWaiting,
    /// "Företrädare är verifierade": to the person who sent in the proof.
    RepresentativesVerified,
    /// "Dokumentet behöver kompletteras": the officer could not accept the proof.
    RepresentativesRejected,
    /// "Verifieringen går ut": to each representative, 30 days before the end date.
    VerificationEnding,
    /// "Någon försökte registrera en förening med din e-postadress": registering with an
    /// address that has an account answers as for a new one and tells the owner instead.
    RegistrationAddressTaken,
    /// "Föreningens betalningsuppgifter har ändrats": to the owners and the verified
    /// representatives whenever the bankgiro or plusgiro changes.
    PaymentDetailsChanged,
    /// "Ansökan har kommit in": the receipt with the Dnr, to every member of the
    /// association, when an application is submitted.
    ApplicationReceived,
    /// "Ni kan söka efter sista dag": to the owners when an officer opens a closed
    /// programme for their association.
    LateWindowOpened,
    /// "Ansökan är återkallad": to the officers when an association withdraws a
    /// submitted application.
    ApplicationWithdrawn,
    /// "Beslut om er ansökan": the decision letter, to every member of the association,
    /// when the minutes with the decision are justerade.
    DecisionLetter,
    /// "Ansökan behöver kompletteras": the officer's request, with the reply date, to
    /// every member of the association.
    CompletionRequested,
    /// "Komplettering har kommit in": to the handling officer when the association sends
    /// the completed application in again.
    CompletionReceived,
    /// "Förslag väntar på din attest": to each approver when an officer finishes an
    /// assessment.
    AttestationRequested,
    /// "Beslut om medlemskap i Helsam": to every member of an association whose
    /// application to join the umbrella organisation was decided.
    UmbrellaDecided,
    /// "Påminnelse: återrapporten": to every member of a granted association 30 days
    /// before the report is due, on the day and when it is overdue.
    FollowUpReminder,
    /// "Återrapporten är godkänd" or "… behöver ändras": the officer's review.
    FollowUpReviewed,
    /// "Beslut om återbetalning": the reclaim letter with the amount, the reason, the
    /// calculation and how to pay.
    ReclaimDecided,
    /// "Påminnelse: rapporten för partnerskapet": to every member of an IOP partner 30
    /// days before a period's report is due, on the day and when it is overdue.
    PartnershipReportReminder,
    /// "Rapporten är godkänd" or "… behöver ändras": the officer's review of an IOP
    /// partner's report.
    PartnershipReportReviewed,
    /// "Nämndens beslut om uppföljningen": the committee's decision on an IOP follow-up,
    /// when the minutes are justerade.
    PartnershipFollowUpDecided,
    /// "Sista dag för uppsägning närmar sig": to the partnership's officer 60 days before
    /// a notice deadline.
    PartnershipNoticeDeadline,
}

impl MailKind {
    pub const ALL: [MailKind; 29] = [
        MailKind::AssociationInvitation,
        MailKind::AccountVerification,
        MailKind::PasswordReset,
        MailKind::StaffInvitation,
        MailKind::SignInNotice,
        MailKind::TestMail,
        MailKind::AccessRequest,
        MailKind::AccessRequestConfirmation,
        MailKind::AccessRequestWaiting,
        MailKind::RepresentativesVerified,
        MailKind::RepresentativesRejected,
        MailKind::VerificationEnding,
        MailKind::RegistrationAddressTaken,
        MailKind::PaymentDetailsChanged,
        MailKind::ApplicationReceived,
        MailKind::LateWindowOpened,
        MailKind::ApplicationWithdrawn,
        MailKind::DecisionLetter,
        MailKind::CompletionRequested,
        MailKind::CompletionReceived,
        MailKind::AttestationRequested,
        MailKind::UmbrellaDecided,
        MailKind::FollowUpReminder,
        MailKind::FollowUpReviewed,
        MailKind::ReclaimDecided,
        MailKind::PartnershipReportReminder,
        MailKind::PartnershipReportReviewed,
        MailKind::PartnershipFollowUpDecided,
        MailKind::PartnershipNoticeDeadline,
    ];

    /// The name used in templates, the outbox and stored preferences.
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::AccountVerification => "account_verification",
            MailKind::PasswordReset => "password_reset",
            MailKind::AssociationInvitation => "association_invitation",
            MailKind::StaffInvitation => "staff_invitation",
            MailKind::SignInNotice => "sign_in_notice",
            MailKind::TestMail => "test_mail",
            MailKind::AccessRequest => "access_request",
            MailKind::AccessRequestConfirmation => "access_request_confirmation",
            MailKind::AccessRequestWaiting => "access_request_waiting",
            MailKind::RepresentativesVerified => "representatives_verified",
            MailKind::RepresentativesRejected => "representatives_rejected",
            MailKind::VerificationEnding => "verification_ending",
            MailKind::RegistrationAddressTaken => "registration_address_taken",
            MailKind::PaymentDetailsChanged => "payment_details_changed",
            MailKind::ApplicationReceived => "application_received",
            MailKind::LateWindowOpened => "late_window_opened",
            MailKind::ApplicationWithdrawn => "application_withdrawn",
            MailKind::DecisionLetter => "decision_letter",
            MailKind::CompletionRequested => "completion_requested",
            MailKind::CompletionReceived => "completion_received",
            MailKind::AttestationRequested => "attestation_requested",
            MailKind::UmbrellaDecided => "umbrella_decided",
            MailKind::FollowUpReminder => "follow_up_reminder",
            MailKind::FollowUpReviewed => "follow_up_reviewed",
            MailKind::ReclaimDecided => "reclaim_decided",
            MailKind::PartnershipReportReminder => "partnership_report_reminder",
            MailKind::PartnershipReportReviewed => "partnership_report_reviewed",
            MailKind::PartnershipFollowUpDecided => "partnership_follow_up_decided",
            MailKind::PartnershipNoticeDeadline => "partnership_notice_deadline",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == value)
    }

    /// Required mails are always sent; the others can be turned off by the recipient.
    pub fn required(self) -> bool {
        match self {
            MailKind::AccountVerification
            | MailKind::PasswordReset
            | MailKind::StaffInvitation
            | MailKind::AssociationInvitation => true,
            MailKind::SignInNotice => false,
            MailKind::TestMail
            | MailKind::AccessRequest
            | MailKind::AccessRequestConfirmation
            | MailKind::AccessRequestWaiting
            | MailKind::RepresentativesVerified
            | MailKind::RepresentativesRejected
            | MailKind::VerificationEnding
            | MailKind::RegistrationAddressTaken
            | MailKind::PaymentDetailsChanged
            | MailKind::ApplicationReceived
            | MailKind::LateWindowOpened
            | MailKind::ApplicationWithdrawn
            | MailKind::DecisionLetter
            | MailKind::CompletionRequested
            | MailKind::UmbrellaDecided
            | MailKind::FollowUpReminder
            | MailKind::FollowUpReviewed
            | MailKind::ReclaimDecided
            | MailKind::PartnershipReportReminder
            | MailKind::PartnershipReportReviewed
            | MailKind::PartnershipFollowUpDecided
            | MailKind::PartnershipNoticeDeadline => true,
            MailKind::CompletionReceived | MailKind::AttestationRequested => false,
        }
    }

    /// How the settings page describes the notification, in Swedish.
    pub fn label(self) -> &'static str {
        match self {
            MailKind::AccountVerification => "Länk för att bekräfta e-postadressen",
            MailKind::PasswordReset => "Länk för att återställa lösenordet",
            MailKind::AssociationInvitation => "Inbjudan till en förenings konto",
            MailKind::StaffInvitation => "Inbjudan till ett konto för handläggning",
            MailKind::SignInNotice => "E-post när någon loggar in på mitt konto",
            MailKind::TestMail => "Testmejl som administratören skickar",
            MailKind::AccessRequest => "Förfrågan om tillgång till en förening jag äger",
            MailKind::AccessRequestConfirmation => "Länk för att bekräfta en förfrågan om tillgång",
            MailKind::AccessRequestWaiting => {
                "Besked om att min förfrågan om tillgång redan väntar"
            }
            MailKind::RepresentativesVerified => {
                "Besked om att föreningens företrädare är verifierade"
            }
            MailKind::RepresentativesRejected => {
                "Besked om att föreningens dokument behöver kompletteras"
            }
            MailKind::VerificationEnding => {
                "Påminnelse när min verifiering som företrädare snart går ut"
            }
            MailKind::RegistrationAddressTaken => {
                "Besked när någon försöker registrera en förening med min e-postadress"
            }
            MailKind::PaymentDetailsChanged => {
                "Besked när föreningens bankgiro eller plusgiro ändras"
            }
            MailKind::ApplicationReceived => "Kvitto när föreningen har skickat in en ansökan",
            MailKind::LateWindowOpened => "Besked när föreningen får söka efter sista dag",
            MailKind::ApplicationWithdrawn => "Besked när en förening återkallar en ansökan",
            MailKind::DecisionLetter => "Beslutsmeddelande när nämnden har beslutat om en ansökan",
            MailKind::CompletionRequested => "Begäran om komplettering av en ansökan",
            MailKind::CompletionReceived => {
                "Besked när en förening har kompletterat ett ärende jag handlägger"
            }
            MailKind::AttestationRequested => "Påminnelse när ett förslag väntar på min attest",
            MailKind::UmbrellaDecided => "Beslut om föreningens medlemskap i Helsam",
            MailKind::FollowUpReminder => "Påminnelse om återrapport för ett beviljat bidrag",
            MailKind::FollowUpReviewed => "Besked när handläggaren har granskat en återrapport",
            MailKind::ReclaimDecided => "Beslut om återbetalning av bidrag",
            MailKind::PartnershipReportReminder => {
                "Påminnelse om rapport för ett partnerskap (IOP)"
            }
            MailKind::PartnershipReportReviewed => {
                "Besked när handläggaren har granskat en rapport för ett partnerskap"
            }
            MailKind::PartnershipFollowUpDecided => {
                "Nämndens beslut om uppföljningen av ett partnerskap"
            }
            MailKind::PartnershipNoticeDeadline => {
                "Varning när sista dag för uppsägning av ett partnerskap närmar sig"
            }
        }
    }

    /// The notifications a person may turn off.
    pub fn optional() -> impl Iterator<Item = MailKind> {
        Self::ALL.into_iter().filter(|kind| !kind.required())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_survives_the_round_trip_through_its_name() {
        for kind in MailKind::ALL {
            assert_eq!(MailKind::parse(kind.as_str()), Some(kind));
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
        }
    }
}
