//! The helpers of a draft's step, once hydrated: the step saves itself a few seconds
//! after a change ("Sparat 14:32", or "Inte sparat – försöker igen" while the
//! connection is down, retrying until it is back), text fields count their characters
//! against the limit, and the budget's totals follow what is typed, computed by the same
//! Rust code as the server's. Without JavaScript, "Spara" saves and the totals are
//! those of the last save.
use leptos::prelude::*;

#[island]
pub fn DraftForm(form: String, autosave: String, requested_ore: i64) -> impl IntoView {
    let status = RwSignal::new(String::new());
    #[cfg(feature = "hydrate")]
    browser::attach(&form, autosave, requested_ore, status);
    #[cfg(not(feature = "hydrate"))]
    let _ = (form, autosave, requested_ore);
    view! { <p class="autosave" role="status">{move || status.get()}</p> }
}

/// The budget's totals from the amounts typed: (income, costs), in öre; amounts that
/// cannot be read count as nothing (their field says why on save).
pub fn totals<'a>(
    requested_ore: i64,
    income: impl Iterator<Item = &'a str>,
    costs: impl Iterator<Item = &'a str>,
) -> (i64, i64) {
    let sum = |values: &mut dyn Iterator<Item = &'a str>| -> i64 {
        values
            .filter_map(|v| crate::domain::money::parse_optional(v).ok().flatten())
            .fold(0i64, |a, b| a.saturating_add(b))
    };
    let mut income = income;
    let mut costs = costs;
    (
        requested_ore.saturating_add(sum(&mut income)),
        sum(&mut costs),
    )
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::{cell::Cell, rc::Rc};

    use leptos::prelude::*;
    use wasm_bindgen::{closure::Closure, JsCast};
    use web_sys::{
        FormData, HtmlFormElement, HtmlInputElement, HtmlTextAreaElement, UrlSearchParams,
        XmlHttpRequest,
    };

    use crate::domain::money;

    /// Seconds after the last change before the step saves itself.
    const QUIET_MS: i32 = 3000;

    struct Saver {
        form: HtmlFormElement,
        url: String,
        status: RwSignal<String>,
        /// The pending timer, if a save is scheduled.
        timer: Cell<Option<i32>>,
        /// The wait before the next retry after a failure, in ms.
        backoff: Cell<i32>,
        /// Set once someone else saved: saving stops, the page says why.
        stopped: Cell<bool>,
        /// An autosave is on its way; a "Spara" pressed meanwhile waits for it.
        in_flight: Cell<bool>,
        /// The button pressed while an autosave was on its way.
        waiting: std::cell::RefCell<Option<web_sys::HtmlElement>>,
    }

    fn now() -> String {
        let date = js_sys::Date::new_0();
        format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
    }

    fn schedule(saver: &Rc<Saver>, delay: i32) {
        if saver.stopped.get() {
            return;
        }
        if let Some(timer) = saver.timer.take() {
            window().clear_timeout_with_handle(timer);
        }
        let again = saver.clone();
        let callback = Closure::once_into_js(move || save(&again));
        if let Ok(timer) = window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), delay)
        {
            saver.timer.set(Some(timer));
        }
    }

    fn save(saver: &Rc<Saver>) {
        saver.timer.set(None);
        let (Ok(data), Ok(request)) = (FormData::new_with_form(&saver.form), XmlHttpRequest::new())
        else {
            return;
        };
        let Ok(body) = UrlSearchParams::new_with_str_sequence_sequence(&data) else {
            return;
        };
        if request.open("POST", &saver.url).is_err() {
            return;
        }
        let _ = request.set_request_header("content-type", "application/x-www-form-urlencoded");
        saver.in_flight.set(true);
        let done = {
            let saver = saver.clone();
            let request = request.clone();
            Closure::once_into_js(move || {
                let status = request.status().unwrap_or(0);
                let text = request.response_text().ok().flatten().unwrap_or_default();
                saver.in_flight.set(false);
                let waiting = saver.waiting.borrow_mut().take();
                match status {
                    200 => {
                        saver.backoff.set(QUIET_MS);
                        if let Some(revision) = text
                            .split("\"revision\":")
                            .nth(1)
                            .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
                        {
                            if let Ok(Some(input)) =
                                saver.form.query_selector("input[name=revision]")
                            {
                                if let Ok(input) = input.dyn_into::<HtmlInputElement>() {
                                    input.set_value(revision);
                                }
                            }
                        }
                        saver.status.set(format!("Sparat {}", now()));
                    }
                    409 => {
                        saver.stopped.set(true);
                        saver.status.set("Inte sparat: någon annan i föreningen har sparat ansökan under tiden. Tryck på ”Spara och fortsätt” för att se vad som gäller; det du skrivit står kvar.".into());
                    }
                    422 => saver.status.set(
                        "Inte sparat: något svar behöver rättas. Tryck på ”Spara och fortsätt” för att se vad.".into(),
                    ),
                    401 | 403 | 404 => {
                        saver.stopped.set(true);
                        saver.status.set("Inte sparat: du är inte inloggad längre. Logga in igen i en ny flik och tryck sedan på ”Spara och fortsätt”.".into());
                    }
                    _ => {
                        let wait = saver.backoff.get();
                        saver.backoff.set((wait * 2).min(60_000));
                        saver.status.set("Inte sparat – försöker igen".into());
                        if waiting.is_none() {
                            schedule(&saver, wait);
                        }
                    }
                }
                // The "Spara" pressed meanwhile goes now, with the revision just saved.
                if let Some(button) = waiting {
                    saver.stopped.set(true);
                    let _ = saver.form.request_submit_with_submitter(Some(&button));
                }
            })
        };
        request.set_onloadend(Some(done.unchecked_ref()));
        let _ = request.send_with_opt_str(Some(&String::from(body.to_string())));
    }

    /// The characters of each text field against its limit, in the hint below it.
    fn count(area: &HtmlTextAreaElement) {
        let Some(limit) = area.get_attribute("data-limit") else {
            return;
        };
        let used = area.value().chars().count();
        if let Some(counter) = document().get_element_by_id(&format!("{}-antal", area.id())) {
            let text = format!("{used} av {limit} tecken");
            counter.set_text_content(Some(&text));
            let over = limit.parse::<usize>().is_ok_and(|limit| used > limit);
            let _ = counter
                .class_list()
                .toggle_with_force("field__counter--over", over);
        }
    }

    fn amounts(form: &HtmlFormElement, prefix: &str) -> Vec<String> {
        let selector = format!("input[name^={prefix}_][name$=_amount_ore]");
        let mut out = Vec::new();
        if let Ok(inputs) = form.query_selector_all(&selector) {
            for i in 0..inputs.length() {
                if let Some(input) = inputs
                    .get(i)
                    .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
                {
                    out.push(input.value());
                }
            }
        }
        out
    }

    fn update_totals(form: &HtmlFormElement, requested_ore: i64) {
        let document = document();
        let Some(income_cell) = document.get_element_by_id("summa-intakter") else {
            return;
        };
        let income = amounts(form, "budget_income");
        let costs = amounts(form, "budget_costs");
        let (income, costs) = super::totals(
            requested_ore,
            income.iter().map(String::as_str),
            costs.iter().map(String::as_str),
        );
        income_cell.set_text_content(Some(&money::format(income)));
        if let Some(cell) = document.get_element_by_id("summa-kostnader") {
            cell.set_text_content(Some(&money::format(costs)));
        }
        if let Some(cell) = document.get_element_by_id("skillnad") {
            cell.set_text_content(Some(&money::format(income - costs)));
        }
    }

    pub fn attach(id: &str, url: String, requested_ore: i64, status: RwSignal<String>) {
        let Some(form) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let saver = Rc::new(Saver {
            form: form.clone(),
            url,
            status,
            timer: Cell::new(None),
            backoff: Cell::new(QUIET_MS),
            stopped: Cell::new(false),
            in_flight: Cell::new(false),
            waiting: std::cell::RefCell::new(None),
        });
        let on_input = {
            let saver = saver.clone();
            let form = form.clone();
            Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
                if let Some(area) = event
                    .target()
                    .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
                {
                    count(&area);
                }
                update_totals(&form, requested_ore);
                if !saver.stopped.get() {
                    saver.status.set("Ändrat, sparas strax …".into());
                    schedule(&saver, QUIET_MS);
                }
            })
        };
        let _ = form.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
        let _ = form.add_event_listener_with_callback("change", on_input.as_ref().unchecked_ref());
        on_input.forget();
        // Back online: try at once instead of waiting for the next retry.
        let online = {
            let saver = saver.clone();
            Closure::<dyn Fn()>::new(move || {
                if saver.timer.get().is_some() {
                    schedule(&saver, 0);
                }
            })
        };
        let _ =
            window().add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
        online.forget();
        // A plain "Spara" must not race a pending autosave with the same revision.
        let on_submit = {
            let saver = saver.clone();
            Closure::<dyn Fn(web_sys::SubmitEvent)>::new(move |event: web_sys::SubmitEvent| {
                if let Some(timer) = saver.timer.take() {
                    window().clear_timeout_with_handle(timer);
                }
                if saver.in_flight.get() {
                    event.prevent_default();
                    *saver.waiting.borrow_mut() = event.submitter();
                    if saver.waiting.borrow().is_none() {
                        *saver.waiting.borrow_mut() = saver
                            .form
                            .query_selector("button[value=spara]")
                            .ok()
                            .flatten()
                            .and_then(|b| b.dyn_into().ok());
                    }
                    return;
                }
                saver.stopped.set(true);
            })
        };
        let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        on_submit.forget();
        // What was typed before the island woke (a slow line, a fast typist) is saved too.
        if typed_before_hydration(&form) {
            saver.status.set("Ändrat, sparas strax …".into());
            update_totals(&form, requested_ore);
            schedule(&saver, QUIET_MS);
        }
    }

    /// Whether a field of `form` differs from what the server sent.
    fn typed_before_hydration(form: &HtmlFormElement) -> bool {
        let Ok(fields) = form.query_selector_all("input, textarea") else {
            return false;
        };
        (0..fields.length())
            .filter_map(|i| fields.get(i))
            .any(|node| {
                if let Some(input) = node.dyn_ref::<HtmlInputElement>() {
                    !matches!(
                        input.type_().as_str(),
                        "checkbox" | "radio" | "file" | "hidden"
                    ) && input.value() != input.default_value()
                } else if let Some(area) = node.dyn_ref::<HtmlTextAreaElement>() {
                    area.default_value().is_ok_and(|sent| area.value() != sent)
                } else {
                    false
                }
            })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_totals_use_the_servers_parsing_and_count_the_requested_amount_as_income() {
        let (income, costs) = super::totals(
            50_000_000,
            ["1 000 000", "100 000 kr"].into_iter(),
            ["1 500 000", "100 000:-", "inte ett belopp", ""].into_iter(),
        );
        assert_eq!(income, 160_000_000);
        assert_eq!(costs, 160_000_000);
    }
}
