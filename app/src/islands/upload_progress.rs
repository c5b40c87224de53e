//! The upload's progress: once hydrated, the form with the id `form` is sent in the
//! background (`XMLHttpRequest`, which reports how much of the body has gone out), with
//! a progress bar per chosen file; when the server answers, the browser goes where a
//! plain post would have taken it (or shows the page with the problems). Without
//! JavaScript the same form posts as usual.
use leptos::prelude::*;

/// One chosen file: its name, its size and how much of it has been sent (0–100).
#[derive(Clone, Debug, PartialEq)]
struct Chosen {
    name: String,
    size: f64,
    percent: u32,
}

#[island]
pub fn UploadProgress(form: String) -> impl IntoView {
    let files = RwSignal::new(Vec::<Chosen>::new());
    let failed = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    browser::attach(&form, files, failed);
    #[cfg(not(feature = "hydrate"))]
    let _ = form;
    view! {
        <div class="upload-progress" aria-live="polite">
            <ul class="upload-progress__list">
                <For each=move || files.get().into_iter().enumerate() key=|(i, f)| (*i, f.name.clone(), f.percent) let:item>
                    <li>
                        <span class="upload-progress__name">{item.1.name.clone()}</span>
                        <progress max="100" value=item.1.percent.to_string() aria-label=format!("Uppladdning av {}", item.1.name)></progress>
                        <span class="upload-progress__percent">{format!("{} %", item.1.percent)}</span>
                    </li>
                </For>
            </ul>
            <Show when=move || failed.get()>
                <p class="field__error" role="alert">"Uppladdningen avbröts. Kontrollera anslutningen och försök igen."</p>
            </Show>
        </div>
    }
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
            let Some(input) = inputs.get(i).and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
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

    pub fn attach(id: &str, files: RwSignal<Vec<Chosen>>, failed: RwSignal<bool>) {
        let Some(form) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let on_change = {
            let form = form.clone();
            Closure::<dyn Fn()>::new(move || {
                failed.set(false);
                files.set(chosen(&form));
            })
        };
        let _ = form.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();

        let on_submit = {
            let form = form.clone();
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
                files.set(list.clone());
                failed.set(false);
                send(&form, &request, data, list, files, failed);
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
        files: RwSignal<Vec<Chosen>>,
        failed: RwSignal<bool>,
    ) {
        if request.open("POST", &form.action()).is_err() {
            return;
        }
        let sizes: Vec<f64> = list.iter().map(|f| f.size).collect();
        let progress = Closure::<dyn Fn(ProgressEvent)>::new(move |event: ProgressEvent| {
            // The body is the files in order (plus a little framing): each file's bar
            // fills as the bytes sent pass through its share.
            let mut sent = event.loaded();
            files.update(|files| {
                for (file, size) in files.iter_mut().zip(&sizes) {
                    let part = if *size <= 0.0 { 1.0 } else { (sent / size).clamp(0.0, 1.0) };
                    file.percent = (part * 100.0).round() as u32;
                    sent -= size;
                }
            });
        });
        if let Ok(upload) = request.upload() {
            upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
        }
        progress.forget();
        let done = {
            let request = request.clone();
            Closure::<dyn Fn()>::new(move || {
                let status = request.status().unwrap_or(0);
                if status == 0 {
                    failed.set(true);
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
        let on_error = Closure::<dyn Fn()>::new(move || failed.set(true));
        request.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        let _ = request.send_with_opt_form_data(Some(&data));
    }
}
