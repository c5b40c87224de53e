//! The person's own pages: signing in, a forgotten password, my pages, settings, a new
//! password, deleting the account.
pub mod change_password;
pub mod delete_account;
pub mod login;
pub mod my_pages;
pub mod password_reset;
pub mod settings;
