//! Server-only code: database entities, security policy and password hashing.
//! Compiled only with the `ssr` feature, so none of it reaches the wasm bundle.
pub mod entities;
pub mod password;
pub mod security;
