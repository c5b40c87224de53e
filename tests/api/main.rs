//! Integration tests: each starts the real application on a free port with a fresh
//! database (see `portal_tests::spawn_app`). Run against PostgreSQL with
//! `PORTAL_TEST_BACKEND=postgres`.
mod access;
mod access_requests;
mod applications;
mod assessment;
mod attachments;
mod board;
mod change_password;
mod committee;
mod completion;
mod database;
mod health;
mod members;
mod my_data;
mod outbox;
mod pages;
mod public_records;
mod queue;
mod registration;
mod representatives;
mod security;
mod sign_in;
mod smtp;
mod staff;
