//! Any text: an accepted e-mail address reads back the same.
#![no_main]
use app::domain::email;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(address) = email::parse(text) {
        assert_eq!(email::parse(&address), Ok(address.clone()));
    }
});
