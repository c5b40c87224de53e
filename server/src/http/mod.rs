//! HTTP plumbing around the Leptos routes: health checks, security headers and the
//! page shown when something goes wrong inside the server.
pub mod errors;
pub mod health;
pub mod security;
