//! Pages for a signed-in person, whatever their role.
pub mod change_password;
pub mod delete_account;
pub mod my_pages;
pub mod settings;
