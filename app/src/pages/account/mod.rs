//! Pages for a signed-in person, whatever their role.
pub mod my_pages;
pub mod settings;
