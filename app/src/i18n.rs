//! The site's languages: Swedish, the default, and English for the public pages, the
//! navigation, sign-in and registration.
//!
//! The wording is Fluent (`app/locales/<lang>/*.ftl`, compiled into the binary by
//! `fluent-templates`); a page asks [`Lang::current`] and looks its texts up with
//! [`Lang::text`] (no arguments) or [`Lang::format`]. The choice is the cookie
//! [`Lang::COOKIE`], set by `GET /sprak/{sv|en}?till=…` (the switch in the header, which
//! brings the visitor back to the page they were on). Dates and amounts are written as
//! each language writes them ([`Lang::long_date`], [`Lang::kronor`]).
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{LazyLock, RwLock};

use chrono::{Datelike, NaiveDate};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{langid, LanguageIdentifier, Loader};
use serde::{Deserialize, Serialize};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "sv",
        // No Unicode isolation marks around arguments: the texts are HTML text nodes,
        // and the marks would end up in copied Dnr and amounts.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static SWEDISH: LanguageIdentifier = langid!("sv");
static ENGLISH: LanguageIdentifier = langid!("en");

/// A language of the site.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    /// The cookie that holds a visitor's choice.
    pub const COOKIE: &'static str = "sprak";
    pub const ALL: [Lang; 2] = [Lang::Sv, Lang::En];

    /// The BCP 47 code, for `lang` attributes and the switch's address.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The language the switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Sv => Lang::En,
            Lang::En => Lang::Sv,
        }
    }

    /// The language's name in itself, as the switch shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Sv => "Svenska",
            Lang::En => "English",
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Sv => &SWEDISH,
            Lang::En => &ENGLISH,
        }
    }

    /// The language of this request: the visitor's cookie, else Swedish.
    #[cfg(feature = "ssr")]
    pub fn current() -> Lang {
        leptos::prelude::use_context::<http::request::Parts>()
            .map(|parts| Lang::from_headers(&parts.headers))
            .unwrap_or_default()
    }

    /// In the browser the islands speak Swedish.
    #[cfg(not(feature = "ssr"))]
    pub fn current() -> Lang {
        Lang::Sv
    }

    /// The language chosen in a request's `Cookie` headers.
    #[cfg(feature = "ssr")]
    pub fn from_headers(headers: &http::HeaderMap) -> Lang {
        crate::backend::security::cookie(headers, Lang::COOKIE)
            .and_then(Lang::parse)
            .unwrap_or_default()
    }

    /// The text `key` in this language. Texts without arguments are looked up once per
    /// language and kept: the keys are the code's own literals, so the set is fixed.
    pub fn text(self, key: &'static str) -> &'static str {
        static KEPT: LazyLock<RwLock<HashMap<(Lang, &'static str), &'static str>>> =
            LazyLock::new(Default::default);
        if let Some(text) = KEPT
            .read()
            .ok()
            .and_then(|kept| kept.get(&(self, key)).copied())
        {
            return text;
        }
        let text: &'static str = Box::leak(LOCALES.lookup(self.id(), key).into_boxed_str());
        if let Ok(mut kept) = KEPT.write() {
            return kept.entry((self, key)).or_insert(text);
        }
        text
    }

    /// The text `key` with its arguments, e.g. `("year", 2027.into())`.
    pub fn format(self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
            .collect();
        LOCALES.lookup_with_args(self.id(), key, &args)
    }

    /// The name of month `month` (1–12): `april` / `April`.
    pub fn month(self, month: u32) -> &'static str {
        const MONTHS: [&str; 12] = [
            "month-1", "month-2", "month-3", "month-4", "month-5", "month-6", "month-7", "month-8",
            "month-9", "month-10", "month-11", "month-12",
        ];
        self.text(MONTHS[(month.clamp(1, 12) - 1) as usize])
    }

    /// `1 april 2027` / `1 April 2027`.
    pub fn long_date(self, date: NaiveDate) -> String {
        self.format(
            "date-long",
            &[
                ("day", date.day().into()),
                ("month", self.month(date.month()).into()),
                ("year", date.year().into()),
            ],
        )
    }

    /// An amount in öre as this language writes kronor: `1 600 000 kr` / `SEK 1,600,000`.
    pub fn kronor(self, ore: i64) -> String {
        let swedish = crate::domain::money::format(ore);
        let number = match self {
            Lang::Sv => swedish,
            Lang::En => swedish.replace(',', ".").replace('\u{a0}', ","),
        };
        self.format("amount-kronor", &[("amount", number.into())])
    }
}

/// Shorthand for pages: the text `key` in the request's language.
pub fn t(key: &'static str) -> &'static str {
    Lang::current().text(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of one language's Fluent files.
    fn ftl(lang: &str) -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        std::fs::read_dir(dir)
            .expect("locale folder")
            .map(|entry| std::fs::read_to_string(entry.expect("entry").path()).expect("ftl"))
            .collect()
    }

    /// Every message's name in one language's files.
    fn keys(lang: &str) -> Vec<String> {
        let mut keys: Vec<String> = ftl(lang)
            .lines()
            .filter_map(|line| line.split_once(" =").map(|(key, _)| key))
            .filter(|key| !key.starts_with([' ', '#', '.', '-']) && !key.is_empty())
            .map(|key| key.trim().to_owned())
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn both_languages_have_every_text() {
        let (sv, en) = (keys("sv"), keys("en"));
        assert!(sv.len() > 50, "the Swedish texts are read");
        let missing_in_english: Vec<_> = sv.iter().filter(|k| !en.contains(k)).collect();
        let missing_in_swedish: Vec<_> = en.iter().filter(|k| !sv.contains(k)).collect();
        assert!(
            missing_in_english.is_empty(),
            "not in English: {missing_in_english:?}"
        );
        assert!(
            missing_in_swedish.is_empty(),
            "not in Swedish: {missing_in_swedish:?}"
        );
        // Every variable any message uses, so that each message can be formatted.
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        for text in [ftl("sv"), ftl("en")] {
            for part in text.split('$').skip(1) {
                let name: String = part
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                args.insert(Cow::Owned(name), FluentValue::from(1));
            }
        }
        for key in &sv {
            for lang in Lang::ALL {
                assert!(
                    LOCALES
                        .try_lookup_with_args(lang.id(), key, &args)
                        .is_some(),
                    "{key} cannot be formatted in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn dates_and_amounts_as_each_language_writes_them() {
        let day = NaiveDate::from_ymd_opt(2027, 4, 1).unwrap();
        assert_eq!(Lang::Sv.long_date(day), "1 april 2027");
        assert_eq!(Lang::En.long_date(day), "1 April 2027");
        assert_eq!(Lang::Sv.kronor(160_000_000), "1\u{a0}600\u{a0}000\u{a0}kr");
        assert_eq!(Lang::En.kronor(160_000_000), "SEK\u{a0}1,600,000");
        assert_eq!(Lang::En.kronor(300_050), "SEK\u{a0}3,000.50");
    }

    #[test]
    fn a_text_is_the_same_each_time_and_differs_by_language() {
        assert_eq!(Lang::Sv.text("nav-start"), "Start");
        assert_eq!(Lang::En.text("nav-apply"), "Apply for a grant");
        assert_eq!(Lang::Sv.text("nav-apply"), "Söka bidrag");
        assert!(std::ptr::eq(
            Lang::En.text("nav-apply"),
            Lang::En.text("nav-apply")
        ));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_cookie_chooses_and_anything_else_is_swedish() {
        let mut headers = http::HeaderMap::new();
        assert_eq!(Lang::from_headers(&headers), Lang::Sv);
        headers.insert(http::header::COOKIE, "a=b; sprak=en; c=d".parse().unwrap());
        assert_eq!(Lang::from_headers(&headers), Lang::En);
        headers.insert(http::header::COOKIE, "sprak=<script>".parse().unwrap());
        assert_eq!(Lang::from_headers(&headers), Lang::Sv);
    }
}
