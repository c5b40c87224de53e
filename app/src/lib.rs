//! Föreningsportalen: the Leptos application shared by the server (`ssr`) and the
//! browser (`hydrate`).
//!
//! Pages are rendered on the server as plain HTML that works without JavaScript;
//! only the components in [`islands`] hydrate in the browser.
#![recursion_limit = "256"]

pub mod api;
pub mod auth;
pub mod components;
pub mod domain;
pub mod error;
pub mod features;
pub mod islands;
pub mod live;
pub mod notifications;
pub mod pages;
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
use crate::pages::{account, admin, applicant, public};

/// The application: the site layout around the router.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    view! {
        <Title formatter=|page: String| format!("{page} – Föreningsportalen") />
        <Router>
            <Layout>
                <Routes fallback=public::not_found::NotFound>
                    <Route path=path!("/") view=public::home::HomePage />
                    <Route path=path!("/soka-bidrag") view=public::apply_guide::ApplyGuidePage />
                    <Route path=path!("/gemensam-utvecklingsgrupp") view=public::forum::ForumPage />
                    <Route path=path!("/medlemskap") view=public::membership::MembershipPage />
                    <Route path=path!("/logga-in") view=public::login::LoginPage />
                    <Route path=path!("/inbjudan") view=public::invitation::InvitationPage ssr=SsrMode::Async />
                    <Route path=path!("/registrera") view=public::register::RegisterPage />
                    <Route path=path!("/registrera/tack") view=public::register::RegisteredPage />
                    <Route path=path!("/registrera/be-om-atkomst") view=public::access_request::AccessRequestPage />
                    <Route path=path!("/registrera/be-om-atkomst/skickad") view=public::access_request::AccessRequestedPage />
                    <Route path=path!("/registrera/be-om-atkomst/bekrafta") view=public::access_request::ConfirmAccessRequestPage ssr=SsrMode::Async />
                    <Route path=path!("/registrera/be-om-atkomst/bekraftad") view=public::access_request::AccessRequestConfirmedPage />
                    <Route path=path!("/mina-sidor/byt-losenord") view=account::change_password::ChangePasswordPage />
                    <Route path=path!("/handlaggning/foretradare") view=features::representatives::pages::verifications::VerificationsPage ssr=SsrMode::Async />
                    <Route path=path!("/handlaggning/foretradare/:id") view=features::representatives::pages::verification::VerificationPage ssr=SsrMode::Async />
                    <Route path=path!("/bekrafta-epost") view=public::verify_email::VerifyEmailPage />
                    <Route path=path!("/glomt-losenord") view=public::password_reset::ForgotPasswordPage />
                    <Route path=path!("/nytt-losenord") view=public::password_reset::NewPasswordPage />
                    <Route path=path!("/mina-sidor") view=account::my_pages::MyPages ssr=SsrMode::Async />
                    <Route path=path!("/foreningar/:id") view=applicant::association::AssociationPage ssr=SsrMode::Async />
                    <Route path=path!("/foreningar/:id/styrelse/:member") view=applicant::removal::RemoveBoardMemberPage ssr=SsrMode::Async />
                    <Route path=path!("/foreningar/:id/medlemmar/:user") view=applicant::removal::RemoveMemberPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/anvandare/:id") view=admin::deactivation::AccountActivationPage ssr=SsrMode::Async />
                    <Route path=path!("/mina-sidor/radera-konto") view=account::delete_account::DeleteAccountPage />
                    <Route path=path!("/mina-sidor/installningar") view=account::settings::SettingsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/utskick") view=admin::outbox::OutboxPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/anvandare") view=admin::users::UsersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/skickad-e-post") view=admin::sent_mail::SentMailPage ssr=SsrMode::Async />
                    <Route path=path!("/kontakt") view=public::contact::ContactPage />
                    <Route path=path!("/tillganglighet") view=public::accessibility::AccessibilityPage />
                    <Route path=path!("/personuppgifter") view=public::privacy::PrivacyPage />
                </Routes>
            </Layout>
        </Router>
    }
}
