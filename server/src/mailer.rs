//! Sending mail: SMTP through lettre when `SMTP_URL` is set, otherwise `.eml` files in
//! the data folder (so the default install works offline and admins can read them).
use std::{path::PathBuf, time::Duration};

use anyhow::Context;
use app::{
    backend::mail::{EmailJob, RenderedMail},
    domain::text::safe_display_name,
};
use lettre::{
    message::{Mailbox, MultiPart},
    transport::smtp::PoolConfig,
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use uuid::Uuid;

use crate::settings::Settings;

/// How many mails are handed to SMTP at once: the worker's concurrency and the size of
/// lettre's connection pool (default 10), which otherwise caps the rate: each SMTP
/// exchange waits on the network, so throughput is connections ÷ round-trip time.
pub const SEND_CONCURRENCY: usize = 32;

/// Where mail goes.
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

impl Mailer {
    /// The transport the settings ask for. The SMTP URL is checked here, at start-up.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Self> {
        match &settings.smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
                    .context("SMTP_URL could not be used (the value is not shown)")?
                    .timeout(Some(Duration::from_secs(15)))
                    .pool_config(PoolConfig::new().max_size(SEND_CONCURRENCY as u32))
                    .build();
                Ok(Mailer::Smtp(transport))
            }
            None => Ok(Mailer::Files(mail_folder(&settings.data_dir))),
        }
    }

    /// Hands `message` to the transport. A file is written under a temporary name and
    /// renamed, so a crash never leaves half a mail; the same outbox row always writes
    /// the same file name, so a redelivery replaces rather than doubles it.
    pub async fn send(&self, id: Uuid, message: Message) -> Result<(), String> {
        match self {
            Mailer::Smtp(transport) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|error| format!("SMTP: {error}")),
            Mailer::Files(folder) => {
                let bytes = message.formatted();
                let folder = folder.clone();
                tokio::task::spawn_blocking(move || -> std::io::Result<()> {
                    std::fs::create_dir_all(&folder)?;
                    let temporary = folder.join(format!(".{id}.eml.tmp"));
                    std::fs::write(&temporary, bytes)?;
                    std::fs::rename(&temporary, folder.join(format!("{id}.eml")))
                })
                .await
                .map_err(|error| format!("file: {error}"))?
                .map_err(|error| format!("file: {error}"))
            }
        }
    }
}

/// Where `.eml` files are kept.
pub fn mail_folder(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join("mail")
}

/// The mail for one outbox row. Its `Message-ID` is derived from the row, so the same
/// row always yields the same id and a redelivery after a crash is recognisable.
///
/// Never panics, whatever the row holds: the display name is cleaned of line breaks and
/// other hidden characters (names are checked at input, but rows queued before that
/// check, or by a future bug, must not stop the worker), the subject too, and a panic
/// inside lettre is caught and returned as an error, so the row takes the retry and
/// dead-letter way like any other failure.
pub fn build_message(
    id: Uuid,
    domain: &str,
    from: &Mailbox,
    job: &EmailJob,
    rendered: RenderedMail,
) -> Result<Message, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        build_message_unguarded(id, domain, from, job, rendered)
    }))
    .unwrap_or_else(|panic| {
        Err(format!(
            "building the message panicked: {}",
            crate::telemetry::panic_text(&panic)
        ))
    })
}

fn build_message_unguarded(
    id: Uuid,
    domain: &str,
    from: &Mailbox,
    job: &EmailJob,
    rendered: RenderedMail,
) -> Result<Message, String> {
    let address: lettre::Address = job
        .to
        .parse()
        .map_err(|error| format!("recipient {:?}: {error}", job.to))?;
    let name = safe_display_name(&job.to_name);
    let to = Mailbox::new(Some(name).filter(|name| !name.is_empty()), address);
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(safe_display_name(&rendered.subject))
        .message_id(Some(message_id(id, domain)))
        .multipart(MultiPart::alternative_plain_html(
            rendered.text,
            rendered.html,
        ))
        .map_err(|error| format!("building the message: {error}"))
}

/// `<outbox-row-id@domain>`
pub fn message_id(id: Uuid, domain: &str) -> String {
    format!("<{id}@{domain}>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::notifications::MailKind;

    /// A test mail to `to` named `to_name`, with `subject`, from the portal.
    fn build(to: &str, to_name: &str, subject: &str) -> Result<Message, String> {
        let job = EmailJob {
            kind: MailKind::TestMail,
            to: to.into(),
            to_name: to_name.into(),
            user_id: None,
            data: serde_json::json!({}),
        };
        let rendered = RenderedMail {
            subject: subject.into(),
            text: "Hej!".into(),
            html: "<p>Hej!</p>".into(),
        };
        let from: Mailbox = "Föreningsportalen <noreply@localhost>".parse().unwrap();
        build_message(Uuid::now_v7(), "portal.example.se", &from, &job, rendered)
    }

    #[test]
    fn the_message_id_comes_from_the_outbox_row_and_both_parts_are_present() {
        let id = Uuid::now_v7();
        let job = EmailJob {
            kind: MailKind::TestMail,
            to: "sara.lind@kindness-compassion.example".into(),
            to_name: "Sara Lind".into(),
            user_id: None,
            data: serde_json::json!({}),
        };
        let rendered = RenderedMail {
            subject: "Ämne".into(),
            text: "Hej!".into(),
            html: "<p>Hej!</p>".into(),
        };
        let from: Mailbox = "Föreningsportalen <noreply@localhost>".parse().unwrap();
        let message = build_message(id, "portal.example.se", &from, &job, rendered).unwrap();
        let text = String::from_utf8(message.formatted()).unwrap();
        assert!(
            text.contains(&format!("Message-ID: <{id}@portal.example.se>")),
            "{text}"
        );
        assert!(text.contains("multipart/alternative"));
        assert!(text.contains("text/plain") && text.contains("text/html"));
    }

    #[test]
    fn a_header_injection_in_the_name_yields_a_mail_with_one_recipient_and_no_panic() {
        let message = build(
            "evil@example.se",
            "Evil\r\nBcc: x@example.se",
            "Ämne\r\nBcc: y@example.se",
        )
        .unwrap();
        let text = String::from_utf8(message.formatted()).unwrap();
        assert!(
            !text
                .lines()
                .any(|line| line.to_ascii_lowercase().starts_with("bcc:")),
            "{text}"
        );
        let recipients: Vec<String> = message
            .envelope()
            .to()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(recipients, ["evil@example.se"]);
    }

    #[test]
    fn an_address_that_is_not_one_is_an_error_not_a_panic() {
        assert!(build("\u{202e}fuzz@💩", "\u{202e}", "Ämne").is_err());
    }
}
