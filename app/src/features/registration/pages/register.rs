//! "Registrera förening": the association and the person who will hold its account.
use crate::domain::registration::limit;
use leptos::prelude::*;

use crate::components::form::{ErrorSummary, FormState, TextArea, TextField};
use crate::components::page::Page;
use crate::domain::checks::Check;
use crate::domain::registration::field;
use crate::i18n::t;

/// Set by the server when the organisationsnummer is already registered: the page
/// then offers to ask the association's owners for access.
pub const TAKEN_ORG_NUMBER: &str = "taken_org_number";

#[component]
pub fn RegisterPage() -> impl IntoView {
    let taken = FormState::current().values.get(TAKEN_ORG_NUMBER).cloned();
    view! {
        <Page title=t("register-title")>
            <p class="lead">
                {t("register-lead")}
            </p>
            <ErrorSummary />
            {taken.map(|org| view! {
                <div class="notice" role="status">
                    <p>{t("register-taken")}</p>
                    <p><a class="button button--secondary" href=format!("/registrera/be-om-atkomst?org={org}")>{t("register-ask-access")}</a></p>
                </div>
            })}
            <form class="form" method="post" action="/registrera" novalidate>
                <fieldset>
                    <legend>{t("register-association")}</legend>
                    <TextField name=field::NAME maxlength=limit::NAME label=t("register-name") autocomplete="organization" required=true />
                    <TextField name=field::ORG_NUMBER label=t("register-org-number") hint=t("register-org-number-hint") required=true check=Check::OrgNumber />
                    <TextField name=field::FOUNDED_YEAR label=t("register-founded") input_type="text" hint=t("register-founded-hint") required=true check=Check::FoundedYear />
                    <TextField name=field::MEMBERS_IN_CITY label=t("register-members") required=true check=Check::Members />
                    <TextArea name=field::TARGET_GROUP label=t("register-target-group") hint=t("register-target-group-hint") required=true />
                    <TextField name=field::POSTAL_ADDRESS maxlength=limit::POSTAL_ADDRESS label=t("register-postal-address") autocomplete="street-address" required=true />
                </fieldset>
                <fieldset>
                    <legend>{t("register-contact")}</legend>
                    <TextField name=field::CONTACT_PERSON maxlength=limit::NAME label=t("register-contact-name") autocomplete="name" required=true />
                    <TextField name=field::EMAIL label=t("register-email") input_type="email" autocomplete="email" hint=t("register-email-hint") required=true check=Check::Email />
                    <TextField name=field::PHONE maxlength=limit::PHONE label=t("register-phone") input_type="tel" autocomplete="tel" required=true check=Check::Phone />
                    <TextField name=field::PASSWORD label=t("register-password") input_type="password" autocomplete="new-password" hint=t("register-password-hint") required=true check=Check::NewPassword />
                </fieldset>
                <button class="button" type="submit">{t("register-submit")}</button>
            </form>
            <p>{t("register-already")}</p>
        </Page>
    }
}

/// After registering: check your e-mail.
#[component]
pub fn RegisteredPage() -> impl IntoView {
    view! {
        <Page title=t("registered-title")>
            <p class="lead">{t("registered-lead")}</p>
            <p>{t("registered-text")}</p>
            <p>{t("registered-spam")}</p>
            <p><a href="/logga-in">{t("registered-to-login")}</a></p>
        </Page>
    }
}
