//! "Registrera förening": the association and the person who will hold its account.
use crate::domain::registration::limit;
use leptos::prelude::*;

use crate::components::form::{ErrorSummary, FormState, TextArea, TextField};
use crate::components::page::Page;
use crate::domain::checks::Check;
use crate::domain::registration::field;

/// Set by the server when the organisationsnummer is already registered: the page
/// then offers to ask the association's owners for access.
pub const TAKEN_ORG_NUMBER: &str = "taken_org_number";

#[component]
pub fn RegisterPage() -> impl IntoView {
    let taken = FormState::current().values.get(TAKEN_ORG_NUMBER).cloned();
    view! {
        <Page title="Registrera förening">
            <p class="lead">
                "Registrera föreningen för att kunna söka bidrag. Du som registrerar blir ägare av föreningens konto och kan senare bjuda in fler från föreningen."
            </p>
            <ErrorSummary />
            {taken.map(|org| view! {
                <div class="notice" role="status">
                    <p>"Föreningen är redan registrerad i portalen. Du kan be den som har föreningens konto om tillgång."</p>
                    <p><a class="button button--secondary" href=format!("/registrera/be-om-atkomst?org={org}")>"Be om tillgång till föreningens konto"</a></p>
                </div>
            })}
            <form class="form" method="post" action="/registrera" novalidate>
                <fieldset>
                    <legend>"Föreningen"</legend>
                    <TextField name=field::NAME maxlength=limit::NAME label="Föreningens namn" autocomplete="organization" required=true />
                    <TextField name=field::ORG_NUMBER label="Organisationsnummer" hint="Tio siffror, till exempel 802534-3750." required=true check=Check::OrgNumber />
                    <TextField name=field::FOUNDED_YEAR label="År då föreningen bildades" input_type="text" hint="Fyra siffror, till exempel 2021." required=true check=Check::FoundedYear />
                    <TextField name=field::MEMBERS_IN_CITY label="Antal medlemmar i staden" required=true check=Check::Members />
                    <TextArea name=field::TARGET_GROUP label="Målgrupp" hint="Vilka vänder sig föreningens verksamhet till?" required=true />
                    <TextField name=field::POSTAL_ADDRESS maxlength=limit::POSTAL_ADDRESS label="Postadress" autocomplete="street-address" required=true />
                </fieldset>
                <fieldset>
                    <legend>"Kontaktperson och inloggning"</legend>
                    <TextField name=field::CONTACT_PERSON maxlength=limit::NAME label="Ditt namn" autocomplete="name" required=true />
                    <TextField name=field::EMAIL label="Din e-postadress" input_type="email" autocomplete="email" hint="Du loggar in med den. Vi skickar en länk för att bekräfta den." required=true check=Check::Email />
                    <TextField name=field::PHONE maxlength=limit::PHONE label="Telefonnummer" input_type="tel" autocomplete="tel" required=true check=Check::Phone />
                    <TextField name=field::PASSWORD label="Välj ett lösenord" input_type="password" autocomplete="new-password" hint="Minst 8 tecken. Gärna flera ord i en fras; vanliga och lättgissade lösenord godtas inte." required=true check=Check::NewPassword />
                </fieldset>
                <button class="button" type="submit">"Registrera föreningen"</button>
            </form>
            <p>"Finns föreningen redan i portalen? Be då om tillgång till föreningens konto: skriv organisationsnumret ovan, så visar vi hur."</p>
        </Page>
    }
}

/// After registering: check your e-mail.
#[component]
pub fn RegisteredPage() -> impl IntoView {
    view! {
        <Page title="Kontrollera din e-post">
            <p class="lead">"Tack! Föreningen är registrerad."</p>
            <p>"Vi har skickat ett mejl med en länk till e-postadressen du angav. Öppna länken för att bekräfta adressen; därefter kan du logga in. Länken gäller i 24 timmar."</p>
            <p>"Har mejlet inte kommit inom några minuter? Titta i skräpposten. Du kan också försöka logga in, så skickar vi en ny länk."</p>
            <p><a href="/logga-in">"Till inloggningen"</a></p>
        </Page>
    }
}
