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
    /// No `PORTAL_PUBLIC_URL` was given: the server sets `public_url` from the address
    /// it actually bound (which differs from `site_addr` when that names port 0).
    pub public_url_is_default: bool,
    /// `PORTAL_MAIL_FROM`, default `Föreningsportalen <noreply@<public host>>`.
    pub mail_from: String,
    /// The outbox worker.
    pub worker: WorkerSettings,
    /// `PORTAL_TRUSTED_PROXIES`, default none: the addresses of the reverse proxies in
    /// front of the server (comma-separated IPs). A request from one of them is taken to
    /// come from the last address in its `X-Forwarded-For` that is not a trusted proxy,
    /// so throttles count visitors, not the proxy. From anyone else the header is ignored.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Where uploaded documents are kept.
    pub storage: StorageSettings,
    /// `PORTAL_UPLOAD_MAX_MB`, default 25: the largest document accepted, in MB.
    pub upload_max_bytes: u64,
    /// Who pays the grants, in the payment orders' pain.001 files: `PORTAL_PAYER_NAME`,
    /// `PORTAL_PAYER_IBAN`, `PORTAL_PAYER_BIC` and `PORTAL_PAYER_BANKGIRO` (where
    /// repayments go), by default the demo's payer.
    pub payer: app::features::payments::pain001::Payer,
}

/// Where uploaded documents are kept: `PORTAL_STORAGE_URL`, default the folder
/// `<data dir>/attachments`; `s3://bucket[/prefix]` for an S3-compatible bucket, with
/// `AWS_ENDPOINT_URL` (for a server other than Amazon's), `AWS_REGION` (default
/// `us-east-1`), `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_ALLOW_HTTP`
/// (`true` for a plain-http endpoint, such as one on loopback).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageSettings {
    Local(PathBuf),
    S3 {
        url: String,
        endpoint: Option<String>,
        region: String,
        access_key_id: Option<String>,
        secret_access_key: Option<Secret>,
        allow_http: bool,
    },
}

/// How the outbox worker runs and retries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkerSettings {
    /// `PORTAL_WORKER`, default `1`: run the worker inside the server process. `0` when
    /// a separate `server worker` process does the work.
    pub in_process: bool,
    /// `PORTAL_OUTBOX_MAX_ATTEMPTS`, default 20: attempts before a row is dead.
    pub max_attempts: i32,
    /// `PORTAL_OUTBOX_BACKOFF_MS`, default 1000: the first retry's wait, doubled each time.
    pub backoff_base_ms: i64,
    /// `PORTAL_OUTBOX_BACKOFF_MAX_MS`, default 3 600 000 (one hour): the longest wait.
    pub backoff_max_ms: i64,
    /// `PORTAL_OUTBOX_POLL_MS`, default 5000: the fallback poll when no wake-up arrives.
    pub poll_ms: u64,
    /// `PORTAL_OUTBOX_LEASE_MS`, default 60 000: how long a claim holds before another
    /// worker may take the row over (its worker died).
    pub lease_ms: i64,
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

        let public_url_is_default = var("PORTAL_PUBLIC_URL").is_none();
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

        let mail_from = match var("PORTAL_MAIL_FROM") {
            Some(value) => {
                let value = value.trim().to_owned();
                if !looks_like_mailbox(&value) {
                    return Err(SettingsError::new(
                        "PORTAL_MAIL_FROM",
                        format!("{value:?} is not an address such as Föreningsportalen <noreply@example.se>"),
                    ));
                }
                value
            }
            None => {
                let host = match public_url.host() {
                    Some(url::Host::Domain(domain)) if domain.contains('.') => domain.to_owned(),
                    _ => "localhost".to_owned(),
                };
                format!("Föreningsportalen <noreply@{host}>")
            }
        };

        let number = |name: &'static str, default: i64, min: i64| -> Result<i64, SettingsError> {
            match var(name) {
                None => Ok(default),
                Some(value) => value
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|n| *n >= min)
                    .ok_or_else(|| {
                        SettingsError::new(
                            name,
                            format!("{value:?} is not a whole number of at least {min}"),
                        )
                    }),
            }
        };
        let worker = WorkerSettings {
            in_process: match var("PORTAL_WORKER").as_deref().map(str::trim) {
                None | Some("1") | Some("true") => true,
                Some("0") | Some("false") => false,
                Some(other) => {
                    return Err(SettingsError::new(
                        "PORTAL_WORKER",
                        format!("{other:?} is not 1 or 0"),
                    ))
                }
            },
            max_attempts: number("PORTAL_OUTBOX_MAX_ATTEMPTS", 20, 1)? as i32,
            backoff_base_ms: number("PORTAL_OUTBOX_BACKOFF_MS", 1000, 1)?,
            backoff_max_ms: number("PORTAL_OUTBOX_BACKOFF_MAX_MS", 3_600_000, 1)?,
            poll_ms: number("PORTAL_OUTBOX_POLL_MS", 5000, 10)? as u64,
            lease_ms: number("PORTAL_OUTBOX_LEASE_MS", 60_000, 100)?,
        };

        let trusted_proxies = match var("PORTAL_TRUSTED_PROXIES") {
            None => Vec::new(),
            Some(value) => value
                .split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(|item| {
                    item.parse::<std::net::IpAddr>().map_err(|_| {
                        SettingsError::new(
                            "PORTAL_TRUSTED_PROXIES",
                            format!("{item:?} is not an IP address such as 10.0.0.5"),
                        )
                    })
                })
                .collect::<Result<_, _>>()?,
        };

        let storage = match var("PORTAL_STORAGE_URL") {
            None => StorageSettings::Local(data_dir.join("attachments")),
            Some(value) => {
                let value = value.trim().to_owned();
                if let Some(path) = value.strip_prefix("file://") {
                    StorageSettings::Local(PathBuf::from(path))
                } else if Url::parse(&value)
                    .ok()
                    .is_some_and(|url| url.scheme() == "s3" && url.host_str().is_some())
                {
                    StorageSettings::S3 {
                        url: value,
                        endpoint: var("AWS_ENDPOINT_URL").or_else(|| var("AWS_ENDPOINT")),
                        region: var("AWS_REGION").unwrap_or_else(|| "us-east-1".into()),
                        access_key_id: var("AWS_ACCESS_KEY_ID"),
                        secret_access_key: var("AWS_SECRET_ACCESS_KEY").map(Secret::new),
                        allow_http: matches!(
                            var("AWS_ALLOW_HTTP").as_deref().map(str::trim),
                            Some("1") | Some("true")
                        ),
                    }
                } else {
                    return Err(SettingsError::new(
                        "PORTAL_STORAGE_URL",
                        format!("{value:?} is not s3://bucket or file:///folder"),
                    ));
                }
            }
        };
        let upload_max_bytes = number("PORTAL_UPLOAD_MAX_MB", 25, 1)? as u64 * 1024 * 1024;
        let demo_payer = app::features::payments::pain001::Payer::default();
        let iban = var("PORTAL_PAYER_IBAN")
            .map(|v| {
                v.chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_uppercase()
            })
            .unwrap_or(demo_payer.iban);
        if !(15..=34).contains(&iban.len())
            || !iban.starts_with(|c: char| c.is_ascii_uppercase())
            || !iban.chars().all(|c| c.is_ascii_alphanumeric())
        {
            return Err(SettingsError::new(
                "PORTAL_PAYER_IBAN",
                format!("{iban:?} is not an IBAN such as SE4550000000058398257466"),
            ));
        }
        let bic = var("PORTAL_PAYER_BIC")
            .map(|v| v.trim().to_uppercase())
            .unwrap_or(demo_payer.bic);
        if !matches!(bic.len(), 8 | 11) || !bic.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(SettingsError::new(
                "PORTAL_PAYER_BIC",
                format!("{bic:?} is not a BIC such as ESSESESS"),
            ));
        }
        let bankgiro = match var("PORTAL_PAYER_BANKGIRO") {
            Some(value) => app::domain::giro::parse_bankgiro(&value)
                .map_err(|m| SettingsError::new("PORTAL_PAYER_BANKGIRO", m.to_owned()))?,
            None => demo_payer.bankgiro,
        };
        let payer = app::features::payments::pain001::Payer {
            bankgiro,
            name: var("PORTAL_PAYER_NAME")
                .map(|v| v.trim().to_owned())
                .unwrap_or(demo_payer.name),
            iban,
            bic,
        };

        Ok(Self {
            storage,
            upload_max_bytes,
            payer,
            trusted_proxies,
            site_addr,
            site_root,
            data_dir,
            database_url: Secret::new(database_url),
            database_kind,
            smtp_url,
            demo,
            public_url,
            public_url_is_default,
            mail_from,
            worker,
        })
    }

    /// Whether browsers are told to use https only (HSTS): when the public address is https.
    pub fn uses_https(&self) -> bool {
        self.public_url.scheme() == "https"
    }
}

/// `Name <user@host>` or `user@host`; the mailer checks it fully at start-up.
fn looks_like_mailbox(value: &str) -> bool {
    let address = match (value.rfind('<'), value.ends_with('>')) {
        (Some(start), true) => &value[start + 1..value.len() - 1],
        _ => value,
    };
    matches!(address.split_once('@'), Some((user, host)) if !user.is_empty() && !host.is_empty() && !host.contains(' '))
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
    fn an_s3_bucket_takes_its_endpoint_and_credentials_from_the_environment() {
        let s = settings(&[
            ("PORTAL_STORAGE_URL", "s3://bilagor"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:9000"),
            ("AWS_ACCESS_KEY_ID", "nyckel"),
            ("AWS_SECRET_ACCESS_KEY", "hemlig"),
            ("AWS_ALLOW_HTTP", "true"),
            ("PORTAL_UPLOAD_MAX_MB", "10"),
        ])
        .unwrap();
        let StorageSettings::S3 {
            url,
            endpoint,
            region,
            secret_access_key,
            allow_http,
            ..
        } = &s.storage
        else {
            panic!("not S3: {:?}", s.storage);
        };
        assert_eq!(url, "s3://bilagor");
        assert_eq!(endpoint.as_deref(), Some("http://127.0.0.1:9000"));
        assert_eq!(region, "us-east-1");
        assert!(*allow_http);
        assert!(!format!("{secret_access_key:?}").contains("hemlig"));
        assert_eq!(s.upload_max_bytes, 10 * 1024 * 1024);
        let bad = settings(&[("PORTAL_STORAGE_URL", "ftp://x")]).unwrap_err();
        assert_eq!(bad.variable, "PORTAL_STORAGE_URL");
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
        assert_eq!(
            s.storage,
            StorageSettings::Local(PathBuf::from("./data/attachments"))
        );
        assert_eq!(s.upload_max_bytes, 25 * 1024 * 1024);
        assert!(!s.demo, "demo content must be opt-in");
        assert!(s.smtp_url.is_none());
        assert_eq!(s.public_url.as_str(), "http://127.0.0.1:3000/");
        assert!(
            s.public_url_is_default,
            "start-up replaces it with the bound address"
        );
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
    fn the_worker_defaults_retry_twenty_times_from_one_second() {
        let s = settings(&[]).unwrap();
        assert!(s.worker.in_process);
        assert_eq!(s.worker.max_attempts, 20);
        assert_eq!(s.worker.backoff_base_ms, 1000);
        assert_eq!(s.mail_from, "Föreningsportalen <noreply@localhost>");
        let error = settings(&[("PORTAL_OUTBOX_MAX_ATTEMPTS", "0")]).unwrap_err();
        assert_eq!(error.variable, "PORTAL_OUTBOX_MAX_ATTEMPTS");
        assert_eq!(
            settings(&[("PORTAL_MAIL_FROM", "nej")])
                .unwrap_err()
                .variable,
            "PORTAL_MAIL_FROM"
        );
    }

    #[test]
    fn an_https_public_url_turns_on_hsts() {
        let s = settings(&[("PORTAL_PUBLIC_URL", "https://foreningsportalen.example.se")]).unwrap();
        assert!(s.uses_https());
        assert!(!s.public_url_is_default);
        let error = settings(&[("PORTAL_PUBLIC_URL", "ftp://x")]).unwrap_err();
        assert_eq!(error.variable, "PORTAL_PUBLIC_URL");
    }
}
