//! **Guidance**: what anyone reads without signing in: the start page, how to apply, the
//! forum Gemensam utvecklingsgrupp, the umbrella membership, contact, accessibility and
//! privacy statements.
//!
//! Their prose is Markdown that admins edit with a preview at `/admin/texter`; the public
//! sees a saved text at once. Each text ships with the wording in `texts/<slug>.md`,
//! shown until an admin saves another (`guidance_text` holds the saved ones). What is
//! computed (the programmes' windows, documents and criteria) stays in the pages.
//!
//! Here: the texts (this file), saving (`commands`), the reads (`queries`, `api`) and the
//! pages (`pages/`). The admin's post is in `server/src/http/guidance.rs`; the tests are
//! `tests/api/guidance.rs`.
use serde::{Deserialize, Serialize};

pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;

/// An editable text: where it is, what it is called, and the wording it ships with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextDef {
    pub slug: &'static str,
    /// What the admins' list calls it.
    pub name: &'static str,
    /// The public page it is on.
    pub page: &'static str,
    pub shipped: &'static str,
}

/// Every editable text, in the order of the admins' list.
pub const TEXTS: [TextDef; 8] = [
    TextDef {
        slug: "startsida",
        name: "Startsidan: inledningen",
        page: "/",
        shipped: include_str!("texts/startsida.md"),
    },
    TextDef {
        slug: "soka-bidrag",
        name: "Söka bidrag: inledningen",
        page: "/soka-bidrag",
        shipped: include_str!("texts/soka-bidrag.md"),
    },
    TextDef {
        slug: "soka-bidrag-anvisningar",
        name: "Söka bidrag: bilagor, bedömning och vägen till beslut",
        page: "/soka-bidrag",
        shipped: include_str!("texts/soka-bidrag-anvisningar.md"),
    },
    TextDef {
        slug: "gemensam-utvecklingsgrupp",
        name: "Gemensam utvecklingsgrupp",
        page: "/gemensam-utvecklingsgrupp",
        shipped: include_str!("texts/gemensam-utvecklingsgrupp.md"),
    },
    TextDef {
        slug: "medlemskap",
        name: "Medlemskap i Helsam",
        page: "/medlemskap",
        shipped: include_str!("texts/medlemskap.md"),
    },
    TextDef {
        slug: "kontakt",
        name: "Kontakta oss",
        page: "/kontakt",
        shipped: include_str!("texts/kontakt.md"),
    },
    TextDef {
        slug: "tillganglighet",
        name: "Tillgänglighetsredogörelse",
        page: "/tillganglighet",
        shipped: include_str!("texts/tillganglighet.md"),
    },
    TextDef {
        slug: "personuppgifter",
        name: "Så behandlar vi personuppgifter",
        page: "/personuppgifter",
        shipped: include_str!("texts/personuppgifter.md"),
    },
];

/// The text at `slug`.
pub fn text(slug: &str) -> Option<&'static TextDef> {
    TEXTS.iter().find(|t| t.slug == slug)
}

/// The form's field names.
pub mod field {
    pub const TEXT: &str = "text";
    /// `forhandsgranska` shows the preview; anything else saves.
    pub const ACTION: &str = "atgard";
}

/// The action value that asks for a preview.
pub const PREVIEW: &str = "forhandsgranska";

/// A text in the admins' list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextRow {
    pub slug: String,
    pub name: String,
    pub page: String,
    /// "Ändrad 2 december 2026 av Admin", or that the shipped wording is shown.
    pub changed: String,
}

/// What the admin's form starts from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextDraft {
    pub slug: String,
    pub name: String,
    pub page: String,
    pub markdown: String,
    pub changed: String,
}
