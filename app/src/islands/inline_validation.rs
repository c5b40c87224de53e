//! Inline validation: once hydrated, a field that asks for a check (`data-check`) is
//! checked when the person leaves it after a change, with the very message the server
//! would give. Without JavaScript the server's answer after submitting is the same.
use leptos::prelude::*;

/// Rendered once by the layout; it draws nothing and listens for `change` events on
/// the whole page, so every form gets inline validation without islands of its own.
#[island]
pub fn InlineValidation() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::change, |event| {
            if let Some(input) = event
                .target()
                .and_then(|target| wasm_bindgen::JsCast::dyn_into(target).ok())
            {
                browser::check(&input);
            }
        });
        // A field that shows an error loses it as soon as what is typed passes, while
        // the person is still typing: if it waited for them to leave the field, the
        // message would vanish as they press "Skicka", the button would jump out from
        // under the pointer, and the click would be lost.
        let typing = window_event_listener(leptos::ev::input, |event| {
            if let Some(input) = event
                .target()
                .and_then(|target| wasm_bindgen::JsCast::dyn_into(target).ok())
            {
                browser::clear_if_fixed(&input);
            }
        });
        on_cleanup(move || {
            handle.remove();
            typing.remove();
        });
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use web_sys::{Element, HtmlInputElement};

    use crate::domain::checks::Check;

    /// Clears the message of a field that shows one once its value passes; never adds
    /// one (that waits until the person leaves the field).
    pub fn clear_if_fixed(input: &HtmlInputElement) {
        let shows_error = input.get_attribute("aria-invalid").as_deref() == Some("true");
        let passes = input
            .get_attribute("data-check")
            .and_then(|name| Check::parse(&name))
            .is_some_and(|check| {
                let year = js_sys::Date::new_0().get_full_year() as i32;
                check.problem(&input.value(), year).is_none()
            });
        if shows_error && passes {
            check(input);
        }
    }

    /// Checks one input and shows or clears its message, as the server renders it.
    pub fn check(input: &HtmlInputElement) {
        let Some(check) = input
            .get_attribute("data-check")
            .and_then(|name| Check::parse(&name))
        else {
            return;
        };
        let year = js_sys::Date::new_0().get_full_year() as i32;
        let problem = check.problem(&input.value(), year);
        let error_id = format!("{}-fel", input.id());
        let (Some(frame), Some(document)) = (
            input.closest(".field").ok().flatten(),
            input.owner_document(),
        ) else {
            return;
        };
        let existing = document.get_element_by_id(&error_id);
        let described: Vec<String> = input
            .get_attribute("aria-describedby")
            .unwrap_or_default()
            .split_whitespace()
            .filter(|id| *id != error_id)
            .map(str::to_owned)
            .collect();
        match problem {
            Some(message) => {
                let paragraph = match existing {
                    Some(paragraph) => paragraph,
                    None => match new_error(&document, &error_id) {
                        Some(paragraph) => {
                            let _ = frame.insert_before(&paragraph, Some(input));
                            paragraph
                        }
                        None => return,
                    },
                };
                // Announced as the person moves on, since they are no longer looking at it.
                let _ = paragraph.set_attribute("role", "alert");
                paragraph.set_inner_html("");
                if let Ok(hidden) = document.create_element("span") {
                    hidden.set_class_name("visually-hidden");
                    hidden.set_text_content(Some("Fel: "));
                    let _ = paragraph.append_child(&hidden);
                }
                let _ = paragraph.append_with_str_1(&message);
                let _ = frame.class_list().add_1("field--error");
                let _ = input.set_attribute("aria-invalid", "true");
                let mut ids = described;
                ids.push(error_id);
                let _ = input.set_attribute("aria-describedby", &ids.join(" "));
            }
            None => {
                if let Some(paragraph) = existing {
                    paragraph.remove();
                }
                forget_in_summary(&document, &input.id());
                let _ = frame.class_list().remove_1("field--error");
                let _ = input.remove_attribute("aria-invalid");
                if described.is_empty() {
                    let _ = input.remove_attribute("aria-describedby");
                } else {
                    let _ = input.set_attribute("aria-describedby", &described.join(" "));
                }
            }
        }
    }

    /// Takes a corrected field out of the error summary, and the summary away once
    /// nothing is left in it.
    fn forget_in_summary(document: &web_sys::Document, id: &str) {
        let selector = format!(".error-summary a[href=\"#{id}\"]");
        if let Ok(Some(link)) = document.query_selector(&selector) {
            if let Ok(Some(item)) = link.closest("li") {
                item.remove();
            }
        }
        let empty = matches!(document.query_selector(".error-summary li"), Ok(None))
            && matches!(document.query_selector(".error-summary p"), Ok(None));
        if empty {
            if let Ok(Some(summary)) = document.query_selector(".error-summary") {
                summary.remove();
            }
        }
    }

    fn new_error(document: &web_sys::Document, id: &str) -> Option<Element> {
        let paragraph = document.create_element("p").ok()?;
        paragraph.set_class_name("field__error");
        paragraph.set_id(id);
        Some(paragraph)
    }
}
