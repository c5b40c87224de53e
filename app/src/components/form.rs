//! Form pieces that work without JavaScript: the server re-renders the page with what
//! the user typed and a message next to each field, summarised at the top.
use std::collections::HashMap;

use leptos::prelude::*;

/// One field's problem, in Swedish.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// What a rejected submission left behind: the values to show again and the errors.
/// Provided as context by the server when it re-renders a page after a POST.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormState {
    pub values: HashMap<String, String>,
    pub errors: Vec<FieldError>,
    /// A problem with the whole form (e.g. wrong e-mail or password), not one field.
    pub message: Option<String>,
}

impl FormState {
    /// The state of the request being rendered, or an empty form.
    pub fn current() -> Self {
        use_context::<FormState>().unwrap_or_default()
    }

    pub fn value(&self, field: &str) -> String {
        self.values.get(field).cloned().unwrap_or_default()
    }

    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    }

    pub fn add_error(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    pub fn has_problems(&self) -> bool {
        !self.errors.is_empty() || self.message.is_some()
    }
}

/// The id of a field's input, which the error summary links to.
pub fn field_id(name: &str) -> String {
    format!("falt-{name}")
}

/// "Det finns fel": at the top of the form, linking to each field with a problem.
#[component]
pub fn ErrorSummary() -> impl IntoView {
    let state = FormState::current();
    state.has_problems().then(|| {
        let items = state
            .errors
            .iter()
            .map(|error| {
                view! { <li><a href=format!("#{}", field_id(&error.field))>{error.message.clone()}</a></li> }
            })
            .collect_view();
        view! {
            <div class="error-summary" role="alert" aria-labelledby="felsammanfattning" tabindex="-1">
                <h2 id="felsammanfattning">"Det finns fel som behöver rättas"</h2>
                {state.message.clone().map(|message| view! { <p>{message}</p> })}
                {(!state.errors.is_empty()).then(|| view! { <ul>{items}</ul> })}
            </div>
        }
    })
}

/// A labelled input with its hint and error. Passwords are never written back.
#[component]
pub fn TextField(
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let state = FormState::current();
    let id = field_id(name);
    let error = state.error(name);
    let value = (input_type != "password").then(|| state.value(name));
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let error_id = error.as_ref().map(|_| format!("{id}-fel"));
    let described_by = [hint_id.clone(), error_id.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <div class="field" class:field--error=error.is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> })}
            {error.clone().map(|message| view! {
                <p class="field__error" id=error_id.clone()>
                    <span class="visually-hidden">"Fel: "</span>{message}
                </p>
            })}
            <input
                id=id
                name=name
                type=input_type
                value=value
                autocomplete=autocomplete
                required=required
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=(!described_by.is_empty()).then_some(described_by)
            />
        </div>
    }
}

/// A labelled multi-line text field with its hint and error.
#[component]
pub fn TextArea(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let state = FormState::current();
    let id = field_id(name);
    let error = state.error(name);
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let error_id = error.as_ref().map(|_| format!("{id}-fel"));
    let described_by = [hint_id.clone(), error_id.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <div class="field" class:field--error=error.is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> })}
            {error.clone().map(|message| view! {
                <p class="field__error" id=error_id.clone()>
                    <span class="visually-hidden">"Fel: "</span>{message}
                </p>
            })}
            <textarea
                id=id
                name=name
                rows="4"
                required=required
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=(!described_by.is_empty()).then_some(described_by)
            >
                {state.value(name)}
            </textarea>
        </div>
    }
}
