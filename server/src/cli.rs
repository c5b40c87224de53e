//! The `server` command line.
use clap::{Parser, Subcommand};

/// Föreningsportalen: föreningsbidrag från socialnämnden.
///
/// Configuration comes from environment variables (LEPTOS_SITE_ADDR, PORTAL_DATA_DIR,
/// DATABASE_URL, SMTP_URL, PORTAL_DEMO, PORTAL_PUBLIC_URL); see the README.
#[derive(Debug, Parser)]
#[command(name = "server", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand, PartialEq, Eq)]
pub enum Command {
    /// Apply migrations and serve the portal (the default).
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Create an administrator account (the first one of a new installation). The
    /// password is read from standard input, so it stays out of the shell history.
    CreateAdmin {
        /// The administrator's e-mail address, used to sign in.
        #[arg(long)]
        email: String,
        /// The administrator's name, as the portal shows it.
        #[arg(long)]
        name: String,
    },
    /// Copy the SQLite database and every stored document into an empty folder while
    /// the server runs (PostgreSQL's database: use pg_dump, see the README).
    Backup {
        /// The folder to write, new or empty.
        path: std::path::PathBuf,
    },
    /// Bring a backup back into an empty installation (no database, no documents).
    Restore {
        /// The backup's folder.
        path: std::path::PathBuf,
    },
    /// Run only the outbox worker (e-mail, live queue), e.g. beside servers started with
    /// PORTAL_WORKER=0.
    Worker,
}
