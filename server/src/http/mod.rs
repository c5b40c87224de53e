//! HTTP plumbing around the Leptos routes: health checks, sessions, sign-in, CSRF,
//! security headers, the form handlers and the page shown when something goes wrong.
pub mod access_requests;
pub mod account;
pub mod admin;
pub mod applications;
pub mod assessment;
pub mod board;
pub mod committee;
pub mod completion;
pub mod csrf;
pub mod decisions;
pub mod errors;
pub mod health;
pub mod members;
pub mod programmes;
pub mod queue;
pub mod registration;
pub mod render;
pub mod report;
pub mod representatives;
pub mod security;
pub mod session;
pub mod toolkit;
pub mod uploads;
