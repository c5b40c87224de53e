//! Föreningsportalen: the Leptos application shared by the server (`ssr`) and the
//! browser (`hydrate`).
//!
//! Pages are rendered on the server as plain HTML that works without JavaScript;
//! only the components in [`islands`] hydrate in the browser.
#![recursion_limit = "256"]

pub mod auth;
pub mod components;
pub mod domain;
pub mod error;
pub mod features;
pub mod i18n;
pub mod islands;
pub mod live;
pub mod notifications;
pub mod site;

#[cfg(feature = "ssr")]
pub mod backend;
#[cfg(feature = "ssr")]
mod shell;
#[cfg(feature = "ssr")]
pub use shell::shell;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::components::layout::Layout;
use crate::features::{
    access_requests, accounts, admin, applications, assessment, committee, completion, decisions,
    directory, follow_up, guidance, membership, minutes, notice_board, partnerships, payments,
    profile, programmes, queue, registration, report, representatives, statistics, umbrella,
};

/// The application: the site layout around the router.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    view! {
        <Title formatter=|page: String| format!("{page} – Föreningsportalen") />
        <Router>
            <Layout>
                <Routes fallback=crate::components::not_found::NotFound>
                    <Route path=path!("/") view=guidance::pages::home::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/soka-bidrag") view=guidance::pages::apply_guide::ApplyGuidePage ssr=SsrMode::Async />
                    <Route path=path!("/gemensam-utvecklingsgrupp") view=guidance::pages::forum::ForumPage ssr=SsrMode::Async />
                    <Route path=path!("/gemensam-utvecklingsgrupp/minnesanteckningar") view=minutes::pages::MinutesPage ssr=SsrMode::Async />
                    <Route path=path!("/gemensam-utvecklingsgrupp/minnesanteckningar/:date") view=minutes::pages::MinutesMeetingPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/minnesanteckningar/ny") view=minutes::pages::EditMinutesPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/minnesanteckningar/:date") view=minutes::pages::EditMinutesPage ssr=SsrMode::Async />
                    <Route path=path!("/medlemskap") view=guidance::pages::membership::MembershipPage ssr=SsrMode::Async />
                    <Route path=path!("/logga-in") view=accounts::pages::login::LoginPage />
                    <Route path=path!("/inbjudan") view=membership::pages::invitation::InvitationPage ssr=SsrMode::Async />
                    <Route path=path!("/registrera") view=registration::pages::register::RegisterPage />
                    <Route path=path!("/registrera/tack") view=registration::pages::register::RegisteredPage />
                    <Route path=path!("/registrera/be-om-atkomst") view=access_requests::pages::AccessRequestPage />
                    <Route path=path!("/registrera/be-om-atkomst/skickad") view=access_requests::pages::AccessRequestedPage />
                    <Route path=path!("/registrera/be-om-atkomst/bekrafta") view=access_requests::pages::ConfirmAccessRequestPage ssr=SsrMode::Async />
                    <Route path=path!("/registrera/be-om-atkomst/bekraftad") view=access_requests::pages::AccessRequestConfirmedPage />
                    <Route path=path!("/mina-sidor/byt-losenord") view=accounts::pages::change_password::ChangePasswordPage />
                    <Route path=path!("/handlaggning") view=queue::pages::QueuePage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/moten") view=committee::pages::MeetingsPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/moten/:id") view=committee::pages::MeetingPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/oversikt") view=queue::pages::OverviewPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/massandring") view=queue::pages::BulkPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/arenden/:id/tjansteutlatande") view=report::pages::ReportPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/arenden/:id/versioner") view=completion::pages::VersionsPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/arenden/:id/bedomning") view=assessment::pages::AssessmentPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/arenden/:id/utbetalning") view=payments::pages::CasePaymentsPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/arenden/:id/aterrapport/:nr") view=follow_up::pages::ReviewPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/aterrapporter") view=follow_up::pages::OverviewPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/partnerskap") view=partnerships::pages::OverviewPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/partnerskap/nytt") view=partnerships::pages::NewPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/partnerskap/:id") view=partnerships::pages::StaffPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/partnerskap/:id/rapport/:nr") view=partnerships::pages::ReviewPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/partnerskap/:id/rapport/:nr/tjansteutlatande") view=partnerships::pages::StatementPage ssr=SsrMode::Async />
                    <Route path=path!("/partnerskap/:id") view=partnerships::pages::PartnerPage ssr=SsrMode::Async />
                    <Route path=path!("/partnerskap/:id/rapport/:nr") view=partnerships::pages::ReportPage ssr=SsrMode::Async />
                    <Route path=path!("/ansokningar/:id/aterrapport/:nr") view=follow_up::pages::ReportPage ssr=SsrMode::Async />
                    <Route path=path!("/ekonomi/aterkrav") view=follow_up::pages::ReclaimsPage ssr=SsrMode::Async />
                    <Route path=path!("/ekonomi/utbetalningar") view=payments::pages::FinancePage ssr=SsrMode::Async />
                    <Route path=path!("/ekonomi/utbetalningar/:id") view=payments::pages::BatchPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/arenden/:id") view=queue::pages::CasePage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/foretradare") view=representatives::pages::verifications::VerificationsPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/foretradare/:id") view=representatives::pages::verification::VerificationPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/sena-ansokningar") view=programmes::pages::LateWindowsPage ssr=SsrMode::Async />
                    <Route path=path!("/bekrafta-epost") view=registration::pages::verify_email::VerifyEmailPage />
                    <Route path=path!("/glomt-losenord") view=accounts::pages::password_reset::ForgotPasswordPage />
                    <Route path=path!("/nytt-losenord") view=accounts::pages::password_reset::NewPasswordPage />
                    <Route path=path!("/mina-sidor") view=accounts::pages::my_pages::MyPages ssr=SsrMode::Async />
                    <Route path=path!("/foreningar/:id") view=profile::pages::association::AssociationPage ssr=SsrMode::Async />
                    <Route path=path!("/foreningar/:id/styrelse/:member") view=profile::pages::removal::RemoveBoardMemberPage ssr=SsrMode::Async />
                    <Route path=path!("/foreningar/:id/medlemmar/:user") view=profile::pages::removal::RemoveMemberPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/anvandare/:id") view=admin::pages::deactivation::AccountActivationPage ssr=SsrMode::Async />
                    <Route path=path!("/mina-sidor/radera-konto") view=accounts::pages::delete_account::DeleteAccountPage />
                    <Route path=path!("/mina-sidor/installningar") view=accounts::pages::settings::SettingsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/bidragsformer") view=programmes::pages::ProgrammesPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/bidragsformer/:id") view=programmes::pages::ProgrammePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/texter") view=guidance::pages::text::TextsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/texter/:slug") view=guidance::pages::text::TextPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/utskick") view=admin::pages::outbox::OutboxPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/anvandare") view=admin::pages::users::UsersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/skickad-e-post") view=admin::pages::sent_mail::SentMailPage ssr=SsrMode::Async />
                    <Route path=path!("/foreningar/:id/helsam") view=umbrella::pages::AssociationUmbrellaPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/helsam") view=umbrella::pages::UmbrellaStaffPage ssr=SsrMode::Async />
                    <Route path=path!("/foreningar/:id/ansokningar") view=applications::pages::list::ApplicationsPage ssr=SsrMode::Async />
                    <Route path=path!("/ansokningar/:id") view=applications::pages::case::ApplicationPage ssr=SsrMode::Async />
                    <Route path=path!("/ansokningar/:id/kvitto") view=applications::pages::case::ReceiptPage ssr=SsrMode::Async />
                    <Route path=path!("/ansokningar/:id/aterkalla") view=applications::pages::case::WithdrawPage ssr=SsrMode::Async />
                    <Route path=path!("/ansokningar/:id/bilagor") view=applications::pages::attachments::AttachmentsPage ssr=SsrMode::Async />
                    <Route path=path!("/ansokningar/:id/skicka-in") view=applications::pages::submit::SubmitPage ssr=SsrMode::Async />
                    <Route path=path!("/ansokningar/:id/steg/:step") view=applications::pages::step::StepPage ssr=SsrMode::Async />
                    <Route path=path!("/beslut") view=decisions::pages::DecisionsPage ssr=SsrMode::Async />
                    <Route path=path!("/beslut/:slug") view=decisions::pages::DecisionPage ssr=SsrMode::Async />
                    <Route path=path!("/statistik") view=statistics::pages::StatisticsPage ssr=SsrMode::Async />
                    <Route path=path!("/forening/:org") view=directory::pages::PublicAssociationPage ssr=SsrMode::Async />
                    <Route path=path!("/anslagstavla") view=notice_board::pages::NoticeBoardPage ssr=SsrMode::Async />
                    <Route path=path!("/kontakt") view=guidance::pages::contact::ContactPage ssr=SsrMode::Async />
                    <Route path=path!("/tillganglighet") view=guidance::pages::accessibility::AccessibilityPage ssr=SsrMode::Async />
                    <Route path=path!("/personuppgifter") view=guidance::pages::privacy::PrivacyPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
