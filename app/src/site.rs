//! Facts about this installation that pages show, provided by the server as context.

/// One demo account, shown on the sign-in page and printed at start-up in demo mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoAccount {
    pub role: crate::domain::role::Role,
    /// The role in Swedish as the user sees it, e.g. `handläggare`.
    pub role_label: &'static str,
    pub email: &'static str,
    pub password: &'static str,
}

/// What the running installation tells its pages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SiteInfo {
    /// Demo mode: a banner on every page and the demo accounts on the sign-in page.
    pub demo: bool,
    pub demo_accounts: Vec<DemoAccount>,
    /// No `SMTP_URL`: mails are kept as `.eml` files that admins can download.
    pub mail_to_files: bool,
    /// `PORTAL_UPLOAD_MAX_MB`: the largest document accepted (0: the default).
    pub upload_max_bytes: u64,
}

impl SiteInfo {
    /// The installation's facts from context; outside a request (tests), the defaults.
    pub fn current() -> Self {
        leptos::prelude::use_context::<SiteInfo>().unwrap_or_default()
    }

    /// The largest document accepted, in whole MB, as hints state it.
    pub fn upload_max_mb(&self) -> u64 {
        let bytes = match self.upload_max_bytes {
            0 => crate::domain::document::MAX_BYTES,
            bytes => bytes,
        };
        bytes / 1024 / 1024
    }
}

/// The municipality's contact details, shown in the footer and on the contact page.
pub mod contact {
    pub const ORGANISATION: &str = "Socialförvaltningen";
    pub const UNIT: &str = "Enheten för föreningsstöd";
    pub const EMAIL: &str = "foreningsstod@socialforvaltningen.example";
    pub const PHONE: &str = "08-508 25 158";
    pub const PHONE_HOURS: &str = "måndag–fredag kl. 9–12";
    pub const POSTAL_ADDRESS: &str = "Box 44, 100 31 Stockholm";
}
