//! Any text: a typed date is a day that reads back the same, or a message.
#![no_main]
use app::domain::validation::date_typed;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(day) = date_typed("datum", text) {
        assert_eq!(date_typed("datum", &day.to_string()).ok(), Some(day));
    }
});
