//! **Guidance**: what anyone reads without signing in: the start page, how to apply, the
//! forum Gemensam utvecklingsgrupp, the umbrella membership, contact, accessibility and
//! privacy statements.
pub mod pages;
