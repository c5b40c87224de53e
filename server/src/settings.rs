//! Typed settings from environment variables, each with a documented default.
//!
//! A bad value stops start-up with one line that names the variable
//! (see [`SettingsError`]); `main` turns it into exit status 2.
use std::{fmt, net::SocketAddr, path::PathBuf};

use url::Url;

/// A value that must never reach a log line or an error message (it may hold a password).
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value itself, for the one place that needs it (a connection).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Which database a `DATABASE_URL` points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatabaseKind {
    Sqlite,
    Postgres,
}

/// The whole configuration of one server process.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `LEPTOS_SITE_ADDR`, default `127.0.0.1:3000`.
    pub site_addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`, default `target/site`: the built JS, WASM, CSS and public files.
    pub site_root: PathBuf,
    /// `PORTAL_DATA_DIR`, default `./data`: the SQLite database, stored files and mails.
    pub data_dir: PathBuf,
    /// `DATABASE_URL`, default `sqlite://<data dir>/portal.db`.
    pub database_url: Secret,
    pub database_kind: DatabaseKind,
    /// `SMTP_URL`; unset means mails are kept as `.eml` files in the data folder.
    pub smtp_url: Option<Secret>,
    /// `PORTAL_DEMO` (`1`/`true` or `0`/`false`), default off.
    pub demo: bool,
    /// `PORTAL_PUBLIC_URL`, default `http://<site addr>`: the address users reach, used
    /// in links in mails and to decide on HSTS.
    pub public_url: Url,
}

/// A setting that could not be used: which variable, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{variable}: {message}")]
pub struct SettingsError {
    pub variable: &'static str,
    pub message: String,
}

impl SettingsError {
    fn new(variable: &'static str, message: impl Into<String>) -> Self {
        Self {
            variable,
            message: message.into(),
        }
    }
}

impl Settings {
    /// Reads the settings from the process environment.
    pub fn from_env() -> Result<Self, SettingsError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the settings through `lookup`, so tests need not touch the environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, SettingsError> {
        let var = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());

        let site_addr = match var("LEPTOS_SITE_ADDR") {
            None => SocketAddr::from(([127, 0, 0, 1], 3000)),
            Some(value) => value.trim().parse().map_err(|_| {
                SettingsError::new(
                    "LEPTOS_SITE_ADDR",
                    format!("{value:?} is not an address and port such as 127.0.0.1:3000"),
                )
            })?,
        };
        let site_root =
            PathBuf::from(var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()));
        let data_dir = PathBuf::from(var("PORTAL_DATA_DIR").unwrap_or_else(|| "./data".into()));

        let (database_url, database_kind) = match var("DATABASE_URL") {
            None => {
                let path = data_dir.join("portal.db");
                let path = path.to_str().ok_or_else(|| {
                    SettingsError::new("PORTAL_DATA_DIR", "the path is not valid UTF-8")
                })?;
                (format!("sqlite://{path}?mode=rwc"), DatabaseKind::Sqlite)
            }
            Some(value) => {
                let kind = database_kind(&value).ok_or_else(|| {
                    SettingsError::new(
                        "DATABASE_URL",
                        "must start with sqlite:// or postgres:// (the value is not shown, it may hold a password)",
                    )
                })?;
                (value, kind)
            }
        };

        let smtp_url = match var("SMTP_URL") {
            None => None,
            Some(value) => {
                let parsed = Url::parse(&value).ok().filter(|url| {
                    matches!(url.scheme(), "smtp" | "smtps") && url.host_str().is_some()
                });
                if parsed.is_none() {
                    return Err(SettingsError::new(
                        "SMTP_URL",
                        "must look like smtp://user:pass@host:587?tls=required or smtps://host (the value is not shown, it may hold a password)",
                    ));
                }
                Some(Secret::new(value))
            }
        };

        let demo = match var("PORTAL_DEMO").as_deref().map(str::trim) {
            None | Some("0") | Some("false") | Some("no") | Some("off") => false,
            Some("1") | Some("true") | Some("yes") | Some("on") => true,
            Some(other) => {
                return Err(SettingsError::new(
                    "PORTAL_DEMO",
                    format!("{other:?} is not 1 or 0 (true or false)"),
                ))
            }
        };

        let public_url = match var("PORTAL_PUBLIC_URL") {
            None => Url::parse(&format!("http://{site_addr}")).map_err(|error| {
                SettingsError::new("LEPTOS_SITE_ADDR", format!("gives no usable public address: {error}"))
            })?,
            Some(value) => Url::parse(value.trim())
                .ok()
                .filter(|url| matches!(url.scheme(), "http" | "https") && url.host_str().is_some())
                .ok_or_else(|| {
                    SettingsError::new(
                        "PORTAL_PUBLIC_URL",
                        format!("{value:?} is not an http(s) address such as https://foreningsportalen.example.se"),
                    )
                })?,
        };

        Ok(Self {
            site_addr,
            site_root,
            data_dir,
            database_url: Secret::new(database_url),
            database_kind,
            smtp_url,
            demo,
            public_url,
        })
    }

    /// Whether browsers are told to use https only (HSTS): when the public address is https.
    pub fn uses_https(&self) -> bool {
        self.public_url.scheme() == "https"
    }
}

fn database_kind(url: &str) -> Option<DatabaseKind> {
    if url.starts_with("sqlite:") {
        Some(DatabaseKind::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Some(DatabaseKind::Postgres)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn settings(pairs: &[(&str, &str)]) -> Result<Settings, SettingsError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn the_defaults_serve_sqlite_in_the_data_folder_on_port_3000() {
        let s = settings(&[]).unwrap();
        assert_eq!(s.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(s.data_dir, PathBuf::from("./data"));
        assert_eq!(
            s.database_url.expose(),
            "sqlite://./data/portal.db?mode=rwc"
        );
        assert_eq!(s.database_kind, DatabaseKind::Sqlite);
        assert!(!s.demo, "demo content must be opt-in");
        assert!(s.smtp_url.is_none());
        assert_eq!(s.public_url.as_str(), "http://127.0.0.1:3000/");
        assert!(!s.uses_https());
    }

    #[test]
    fn a_bad_address_names_the_variable() {
        let error = settings(&[("LEPTOS_SITE_ADDR", "localhost")]).unwrap_err();
        assert_eq!(error.variable, "LEPTOS_SITE_ADDR");
        assert!(error.to_string().starts_with("LEPTOS_SITE_ADDR: "));
    }

    #[test]
    fn a_bad_database_url_is_refused_without_echoing_it() {
        let error = settings(&[("DATABASE_URL", "mysql://root:hemligt@db/portal")]).unwrap_err();
        assert_eq!(error.variable, "DATABASE_URL");
        assert!(!error.to_string().contains("hemligt"));
    }

    #[test]
    fn postgres_urls_are_recognised() {
        let s = settings(&[("DATABASE_URL", "postgres://127.0.0.1:5432/test")]).unwrap();
        assert_eq!(s.database_kind, DatabaseKind::Postgres);
    }

    #[test]
    fn demo_mode_takes_only_clear_yes_or_no() {
        assert!(settings(&[("PORTAL_DEMO", "1")]).unwrap().demo);
        assert!(!settings(&[("PORTAL_DEMO", "0")]).unwrap().demo);
        assert_eq!(
            settings(&[("PORTAL_DEMO", "kanske")]).unwrap_err().variable,
            "PORTAL_DEMO"
        );
    }

    #[test]
    fn smtp_urls_must_be_smtp_and_are_never_shown() {
        let error = settings(&[("SMTP_URL", "http://user:hemligt@mail")]).unwrap_err();
        assert_eq!(error.variable, "SMTP_URL");
        assert!(!error.to_string().contains("hemligt"));
        let s = settings(&[("SMTP_URL", "smtp://user:hemligt@mail:587?tls=required")]).unwrap();
        assert!(!format!("{s:?}").contains("hemligt"));
    }

    #[test]
    fn an_https_public_url_turns_on_hsts() {
        let s = settings(&[("PORTAL_PUBLIC_URL", "https://foreningsportalen.example.se")]).unwrap();
        assert!(s.uses_https());
        let error = settings(&[("PORTAL_PUBLIC_URL", "ftp://x")]).unwrap_err();
        assert_eq!(error.variable, "PORTAL_PUBLIC_URL");
    }
}
