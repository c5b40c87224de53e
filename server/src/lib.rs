//! The Föreningsportalen server: settings, database, router and command line.
//! `main.rs` only parses the command line and calls into here.
pub mod accounts;
pub mod backup;
pub mod cli;
pub mod db;
pub mod demo;
pub mod http;
pub mod live;
pub mod mailer;
pub mod settings;
pub mod startup;
pub mod storage;
pub mod telemetry;
pub mod worker;
