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

use crate::i18n::Lang;

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
    /// The language it is written in.
    pub lang: Lang,
    /// What the admins' list calls it.
    pub name: &'static str,
    /// The public page it is on.
    pub page: &'static str,
    pub shipped: &'static str,
}

/// Every editable text, in the order of the admins' list: each in Swedish, then in
/// English (the slug ends in `-en`; see [`slug_in`]).
pub const TEXTS: [TextDef; 16] = [
    TextDef {
        slug: "startsida",
        lang: Lang::Sv,
        name: "Startsidan: inledningen",
        page: "/",
        shipped: include_str!("texts/startsida.md"),
    },
    TextDef {
        slug: "startsida-en",
        lang: Lang::En,
        name: "Startsidan: inledningen (engelska)",
        page: "/",
        shipped: include_str!("texts/en/startsida.md"),
    },
    TextDef {
        slug: "soka-bidrag",
        lang: Lang::Sv,
        name: "Söka bidrag: inledningen",
        page: "/soka-bidrag",
        shipped: include_str!("texts/soka-bidrag.md"),
    },
    TextDef {
        slug: "soka-bidrag-en",
        lang: Lang::En,
        name: "Söka bidrag: inledningen (engelska)",
        page: "/soka-bidrag",
        shipped: include_str!("texts/en/soka-bidrag.md"),
    },
    TextDef {
        slug: "soka-bidrag-anvisningar",
        lang: Lang::Sv,
        name: "Söka bidrag: bilagor, bedömning och vägen till beslut",
        page: "/soka-bidrag",
        shipped: include_str!("texts/soka-bidrag-anvisningar.md"),
    },
    TextDef {
        slug: "soka-bidrag-anvisningar-en",
        lang: Lang::En,
        name: "Söka bidrag: bilagor, bedömning och vägen till beslut (engelska)",
        page: "/soka-bidrag",
        shipped: include_str!("texts/en/soka-bidrag-anvisningar.md"),
    },
    TextDef {
        slug: "gemensam-utvecklingsgrupp",
        lang: Lang::Sv,
        name: "Gemensam utvecklingsgrupp",
        page: "/gemensam-utvecklingsgrupp",
        shipped: include_str!("texts/gemensam-utvecklingsgrupp.md"),
    },
    TextDef {
        slug: "gemensam-utvecklingsgrupp-en",
        lang: Lang::En,
        name: "Gemensam utvecklingsgrupp (engelska)",
        page: "/gemensam-utvecklingsgrupp",
        shipped: include_str!("texts/en/gemensam-utvecklingsgrupp.md"),
    },
    TextDef {
        slug: "medlemskap",
        lang: Lang::Sv,
        name: "Medlemskap i Helsam",
        page: "/medlemskap",
        shipped: include_str!("texts/medlemskap.md"),
    },
    TextDef {
        slug: "medlemskap-en",
        lang: Lang::En,
        name: "Medlemskap i Helsam (engelska)",
        page: "/medlemskap",
        shipped: include_str!("texts/en/medlemskap.md"),
    },
    TextDef {
        slug: "kontakt",
        lang: Lang::Sv,
        name: "Kontakta oss",
        page: "/kontakt",
        shipped: include_str!("texts/kontakt.md"),
    },
    TextDef {
        slug: "kontakt-en",
        lang: Lang::En,
        name: "Kontakta oss (engelska)",
        page: "/kontakt",
        shipped: include_str!("texts/en/kontakt.md"),
    },
    TextDef {
        slug: "tillganglighet",
        lang: Lang::Sv,
        name: "Tillgänglighetsredogörelse",
        page: "/tillganglighet",
        shipped: include_str!("texts/tillganglighet.md"),
    },
    TextDef {
        slug: "tillganglighet-en",
        lang: Lang::En,
        name: "Tillgänglighetsredogörelse (engelska)",
        page: "/tillganglighet",
        shipped: include_str!("texts/en/tillganglighet.md"),
    },
    TextDef {
        slug: "personuppgifter",
        lang: Lang::Sv,
        name: "Så behandlar vi personuppgifter",
        page: "/personuppgifter",
        shipped: include_str!("texts/personuppgifter.md"),
    },
    TextDef {
        slug: "personuppgifter-en",
        lang: Lang::En,
        name: "Så behandlar vi personuppgifter (engelska)",
        page: "/personuppgifter",
        shipped: include_str!("texts/en/personuppgifter.md"),
    },
];

/// The slug of the text `slug` (a Swedish one) in `lang`.
pub fn slug_in(slug: &str, lang: Lang) -> String {
    match lang {
        Lang::Sv => slug.to_owned(),
        Lang::En => format!("{slug}-en"),
    }
}

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
    pub lang: Lang,
    pub name: String,
    pub page: String,
    pub markdown: String,
    pub changed: String,
}
