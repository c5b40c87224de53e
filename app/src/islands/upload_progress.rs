//! The upload's progress: once hydrated, the form with the id `form` is sent in the
//! background (`XMLHttpRequest`, which reports how much of the body has gone out), with
//! a progress bar per chosen file; when the server answers, the browser goes where a
//! plain post would have taken it (or shows the page with the problems). Without
//! JavaScript the same form posts as usual.
use leptos::prelude::*;

/// One chosen file: its name, its size and how much of it has been sent (0–100).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
struct Chosen {
    name: String,
    size: f64,
    percent: u32,
}

/// Draws nothing until files are chosen; the browser code fills the list in (plain DOM
/// updates keep the island small).
#[island]
pub fn UploadProgress(form: String) -> impl IntoView {
    let id = format!("{form}-forlopp");
    #[cfg(feature = "hydrate")]
    browser::attach(&form, &id);
    view! { <div class="upload-progress" id=id aria-live="polite"></div> }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::{closure::Closure, JsCast};
    use web_sys::{FormData, HtmlFormElement, HtmlInputElement, ProgressEvent, XmlHttpRequest};

    use super::Chosen;

    /// The files chosen in the form's file inputs.
    fn chosen(form: &HtmlFormElement) -> Vec<Chosen> {
        let mut out = Vec::new();
        let Ok(inputs) = form.query_selector_all("input[type=file]") else {
            return out;
        };
        for i in 0..inputs.length() {
            let Some(input) = inputs
                .get(i)
                .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
            else {
                continue;
            };
            if let Some(list) = input.files() {
                for j in 0..list.length() {
                    if let Some(file) = list.get(j) {
                        out.push(Chosen {
                            name: file.name(),
                            size: file.size(),
                            percent: 0,
                        });
                    }
                }
            }
        }
        out
    }

    /// Draws the list of files with their bars, or the failure.
    fn draw(target: &str, files: &[Chosen], failed: bool) {
        let document = document();
        let Some(container) = document.get_element_by_id(target) else {
            return;
        };
        let mut html = String::from("<ul class=\"upload-progress__list\">");
        for file in files {
            let name = file
                .name
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('"', "&quot;");
            html.push_str(&format!(
                "<li><span class=\"upload-progress__name\">{name}</span> <progress max=\"100\" value=\"{p}\" aria-label=\"Uppladdning av {name}\"></progress> <span class=\"upload-progress__percent\">{p} %</span></li>",
                p = file.percent
            ));
        }
        html.push_str("</ul>");
        if failed {
            html.push_str("<p class=\"field__error\" role=\"alert\">Uppladdningen avbröts. Kontrollera anslutningen och försök igen.</p>");
        }
        container.set_inner_html(&html);
    }

    pub fn attach(id: &str, target: &str) {
        let Some(form) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let on_change = {
            let form = form.clone();
            let target = target.to_owned();
            Closure::<dyn Fn()>::new(move || draw(&target, &chosen(&form), false))
        };
        let _ = form.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
        // Files chosen before the island woke show at once.
        let already = chosen(&form);
        if !already.is_empty() {
            draw(target, &already, false);
        }

        let on_submit = {
            let form = form.clone();
            let target = target.to_owned();
            Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
                let list = chosen(&form);
                if list.is_empty() {
                    // Nothing to show progress for: the plain post says what is missing.
                    return;
                }
                let (Ok(data), Ok(request)) =
                    (FormData::new_with_form(&form), XmlHttpRequest::new())
                else {
                    return;
                };
                event.prevent_default();
                draw(&target, &list, false);
                send(&form, &request, data, list, target.clone());
            })
        };
        let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        on_submit.forget();
    }

    fn send(
        form: &HtmlFormElement,
        request: &XmlHttpRequest,
        data: FormData,
        list: Vec<Chosen>,
        target: String,
    ) {
        if request.open("POST", &form.action()).is_err() {
            return;
        }
        let files = std::rc::Rc::new(std::cell::RefCell::new(list));
        let progress = {
            let files = files.clone();
            let target = target.clone();
            Closure::<dyn Fn(ProgressEvent)>::new(move |event: ProgressEvent| {
                // The body is the files in order (plus a little framing): each file's bar
                // fills as the bytes sent pass through its share.
                let mut sent = event.loaded();
                let mut files = files.borrow_mut();
                for file in files.iter_mut() {
                    let part = if file.size <= 0.0 {
                        1.0
                    } else {
                        (sent / file.size).clamp(0.0, 1.0)
                    };
                    file.percent = (part * 100.0).round() as u32;
                    sent -= file.size;
                }
                draw(&target, &files, false);
            })
        };
        if let Ok(upload) = request.upload() {
            upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
        }
        progress.forget();
        let done = {
            let request = request.clone();
            Closure::<dyn Fn()>::new(move || {
                let status = request.status().unwrap_or(0);
                if status == 0 {
                    draw(&target, &files.borrow(), true);
                    return;
                }
                let url = request.response_url();
                let body = request.response_text().ok().flatten().unwrap_or_default();
                if status < 400 && !url.is_empty() {
                    let _ = window().location().assign(&url);
                } else {
                    // The page with the problems, as the plain post would have shown it.
                    let document = document();
                    if let Some(root) = document.document_element() {
                        root.set_inner_html(&body);
                    }
                    let _ = window().history().and_then(|h| {
                        h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                    });
                    if let Ok(Some(summary)) = document.query_selector(".error-summary") {
                        if let Ok(summary) = summary.dyn_into::<web_sys::HtmlElement>() {
                            let _ = summary.focus();
                        }
                    }
                }
            })
        };
        request.set_onloadend(Some(done.as_ref().unchecked_ref()));
        done.forget();
        let _ = request.send_with_opt_form_data(Some(&data));
    }
}
