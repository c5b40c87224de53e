//! The queue's table, live: once hydrated it listens to the staff's event stream
//! (`/handlaggning/live`) and, when a case comes in or changes, asks for the same view
//! again and redraws the rows, saying what happened in a polite live region. The
//! keyboard focus stays where it is: a focused link of the table is focused again
//! after the redraw.
//! Without JavaScript the table is the server's, and a reload shows what is new.
use leptos::prelude::*;

use crate::features::queue::QueueView;

#[island]
pub fn LiveQueue(view: QueueView) -> impl IntoView {
    let current = RwSignal::new(view);
    let said = RwSignal::new(String::new());
    #[cfg(feature = "hydrate")]
    browser::listen(current, said);
    view! {
        <p class="visually-hidden" role="status" aria-live="polite">{move || said.get()}</p>
        <p class="queue__total">{move || {
            let total = current.with(|v| v.total);
            if total == 1 { "1 ärende matchar filtren.".to_owned() } else { format!("{total} ärenden matchar filtren.") }
        }}</p>
        {move || current.with(crate::features::queue::pages::queue_table)}
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::{cell::Cell, rc::Rc};

    use leptos::prelude::*;
    use wasm_bindgen::{closure::Closure, JsCast};
    use web_sys::{EventSource, MessageEvent};

    use crate::features::queue::{api::queue, QueueView};
    use crate::live::LiveEvent;

    /// What to say about `event`, given the view after it.
    fn message(event: Option<&LiveEvent>, view: &QueueView) -> String {
        let Some(event) = event.filter(|e| e.event != "resync") else {
            return "Ärendekön är uppdaterad.".to_owned();
        };
        let dnr = event
            .dnr
            .clone()
            .unwrap_or_else(|| "utan nummer".to_owned());
        let shown = view.rows.iter().any(|row| row.id == event.case_id);
        let base = if event.event == "case_created" {
            format!("Ett nytt ärende har kommit in: {dnr}.")
        } else {
            format!("Ärende {dnr} har ändrats.")
        };
        if shown || event.event != "case_created" {
            base
        } else {
            format!("{base} Det syns inte med de här filtren eller på den här sidan.")
        }
    }

    /// The address of the table's link that has the focus, if one has.
    fn focused_link() -> Option<String> {
        let active = document().active_element()?;
        active.closest(".queue").ok()??;
        active.get_attribute("href")
    }

    /// Focuses the table's link to `href` again, if it is still there.
    fn refocus(href: &str) {
        let selector = format!(".queue a[href=\"{href}\"]");
        if let Ok(Some(link)) = document().query_selector(&selector) {
            if let Ok(link) = link.dyn_into::<web_sys::HtmlElement>() {
                let _ = link.focus();
            }
        }
    }

    pub fn listen(current: RwSignal<QueueView>, said: RwSignal<String>) {
        let Ok(source) = EventSource::new("/handlaggning/live") else {
            return;
        };
        // One request at a time; events that come meanwhile ask for one more.
        let busy = Rc::new(Cell::new(false));
        let again = Rc::new(Cell::new(false));
        for name in ["case_created", "case_changed", "resync"] {
            let (busy, again) = (busy.clone(), again.clone());
            let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let data = event.data().as_string().unwrap_or_default();
                let live: Option<LiveEvent> = serde_json::from_str(&data).ok();
                if busy.get() {
                    again.set(true);
                    return;
                }
                busy.set(true);
                let (busy, again) = (busy.clone(), again.clone());
                leptos::task::spawn_local(async move {
                    loop {
                        again.set(false);
                        let pairs = current.with_untracked(|v| {
                            v.filter
                                .pairs()
                                .into_iter()
                                .map(|(k, v)| (k.to_owned(), v))
                                .collect::<Vec<_>>()
                        });
                        if let Ok(view) = queue(pairs).await {
                            let focused = focused_link();
                            said.set(message(live.as_ref(), &view));
                            current.set(view);
                            if let Some(href) = focused {
                                // After the redraw, which runs once this task yields.
                                request_animation_frame(move || refocus(&href));
                            }
                        }
                        if !again.get() {
                            break;
                        }
                    }
                    busy.set(false);
                });
            });
            let _ = source.add_event_listener_with_callback(name, handler.as_ref().unchecked_ref());
            handler.forget();
        }
        std::mem::forget(source);
    }
}
