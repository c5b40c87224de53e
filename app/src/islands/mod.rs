//! The only components that hydrate in the browser. Everything else is plain
//! server-rendered HTML, so every page works without JavaScript.
pub mod draft_form;
pub mod inline_validation;
pub mod live_queue;
pub mod menu;
pub mod upload_progress;
