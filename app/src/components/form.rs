//! Form pieces that work without JavaScript: the server re-renders the page with what
//! the user typed and a message next to each field, summarised at the top.
use std::collections::HashMap;

use leptos::prelude::*;

use crate::domain::checks::Check;

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
            // Focused on arrival (autofocus works without JavaScript), so keyboard and
            // screen-reader users start at the list of problems, not at the header.
            <div class="error-summary" role="alert" aria-labelledby="felsammanfattning" tabindex="-1" autofocus>
                <h2 id="felsammanfattning">{crate::i18n::t("error-summary")}</h2>
                {state.message.clone().map(|message| view! { <p>{message}</p> })}
                {(!state.errors.is_empty()).then(|| view! { <ul>{items}</ul> })}
            </div>
        }
    })
}

/// What a field needs to describe itself: its id, its error, and the ids of its hint and
/// error for `aria-describedby`.
struct FieldMeta {
    id: String,
    error: Option<String>,
    described_by: Option<String>,
}

fn field_meta(name: &str, hint: Option<&str>) -> FieldMeta {
    let id = field_id(name);
    let error = FormState::current().error(name);
    let described_by = [
        hint.map(|_| format!("{id}-hint")),
        error.as_ref().map(|_| format!("{id}-fel")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    FieldMeta {
        id,
        error,
        described_by: (!described_by.is_empty()).then_some(described_by),
    }
}

/// The frame every field shares: label, hint and error message around the control.
#[component]
fn FieldFrame(
    id: String,
    label: &'static str,
    hint: Option<&'static str>,
    error: Option<String>,
    children: Children,
) -> impl IntoView {
    let invalid = error.is_some();
    view! {
        <div class="field" class:field--error=invalid>
            <label for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=format!("{id}-hint")>{hint}</p> })}
            {error.map(|message| view! {
                <p class="field__error" id=format!("{id}-fel")>
                    <span class="visually-hidden">"Fel: "</span>{message}
                </p>
            })}
            {children()}
        </div>
    }
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
    /// A check to run inline once the page is hydrated; the server always runs it too.
    #[prop(optional)]
    check: Option<Check>,
    /// The server's limit, so the browser stops the typing there too.
    #[prop(optional)]
    maxlength: Option<usize>,
) -> impl IntoView {
    let meta = field_meta(name, hint);
    let is_password = input_type == "password";
    let value = (!is_password).then(|| FormState::current().value(name));
    let invalid = meta.error.is_some().then_some("true");
    // A password is never sent back, so after a rejected submit its field is empty: say
    // why by the field, instead of letting "too short" be the next surprise.
    let again = (is_password && meta.error.is_none() && FormState::current().has_problems())
        .then(|| format!("{}-igen", meta.id));
    let described_by = match (&meta.described_by, &again) {
        (Some(ids), Some(again)) => Some(format!("{ids} {again}")),
        (None, Some(again)) => Some(again.clone()),
        (ids, None) => ids.clone(),
    };
    view! {
        <FieldFrame id=meta.id.clone() label hint error=meta.error>
            {again.map(|id| view! {
                <p class="field__again" id=id>{crate::i18n::t("password-again")}</p>
            })}
            <input
                id=meta.id.clone()
                name=name
                type=input_type
                value=value.clone()
                autocomplete=autocomplete
                required=required
                aria-invalid=invalid
                aria-describedby=described_by
                data-check=check.map(Check::as_str)
                maxlength=maxlength
            />
        </FieldFrame>
    }
}

/// A labelled multi-line text field with its hint and error.
#[component]
pub fn TextArea(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
    /// How many lines it shows.
    #[prop(default = 4)]
    rows: u32,
) -> impl IntoView {
    let meta = field_meta(name, hint);
    let value = FormState::current().value(name);
    let invalid = meta.error.is_some().then_some("true");
    view! {
        <FieldFrame id=meta.id.clone() label hint error=meta.error>
            <textarea
                id=meta.id.clone()
                name=name
                rows=rows
                required=required
                aria-invalid=invalid
                aria-describedby=meta.described_by.clone()
            >
                {value.clone()}
            </textarea>
        </FieldFrame>
    }
}

/// A labelled list to choose from, with its hint and error. `options` are
/// `(value, label)`; `placeholder` is a first, empty choice ("Välj …"), so nothing is
/// chosen by mistake. A rejected form keeps the choice.
#[component]
pub fn Select(
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
) -> impl IntoView {
    let meta = field_meta(name, hint);
    let chosen = FormState::current().value(name);
    let invalid = meta.error.is_some().then_some("true");
    let options = placeholder
        .map(|text| (String::new(), text.to_owned()))
        .into_iter()
        .chain(options)
        .map(|(value, label)| {
            let selected = value == chosen;
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view();
    view! {
        <FieldFrame id=meta.id.clone() label hint error=meta.error>
            <select id=meta.id.clone() name=name aria-invalid=invalid aria-describedby=meta.described_by.clone()>
                {options}
            </select>
        </FieldFrame>
    }
}

/// A group of checkboxes under a legend, with its error. The first box carries the
/// field's id, so the error summary's link lands on something that takes focus.
#[component]
pub fn CheckboxGroup(
    name: &'static str,
    legend: &'static str,
    /// `(value, label)` for each box.
    options: Vec<(String, String)>,
    /// The values ticked.
    checked: Vec<String>,
) -> impl IntoView {
    let id = field_id(name);
    let error = FormState::current().error(name);
    let error_id = format!("{id}-fel");
    let boxes = options
        .into_iter()
        .enumerate()
        .map(|(index, (value, label))| {
            let box_id = if index == 0 {
                id.clone()
            } else {
                format!("{id}-{index}")
            };
            let ticked = checked.contains(&value);
            view! {
                <div class="checkbox">
                    <input type="checkbox" id=box_id.clone() name=name value=value checked=ticked />
                    <label for=box_id>{label}</label>
                </div>
            }
        })
        .collect_view();
    let invalid = error.is_some();
    view! {
        <fieldset
            class="field"
            class:field--error=invalid
            aria-describedby=invalid.then(|| error_id.clone())
        >
            <legend>{legend}</legend>
            {error.map(|message| view! {
                <p class="field__error" id=error_id.clone()>
                    <span class="visually-hidden">"Fel: "</span>{message}
                </p>
            })}
            {boxes}
        </fieldset>
    }
}
