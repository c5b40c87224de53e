//! Any text: bankgiro and plusgiro numbers read back as they were accepted.
#![no_main]
use app::domain::giro;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(number) = giro::parse_bankgiro(text) {
        assert_eq!(giro::parse_bankgiro(&number), Ok(number.clone()));
    }
    if let Ok(number) = giro::parse_plusgiro(text) {
        assert_eq!(giro::parse_plusgiro(&number), Ok(number.clone()));
    }
});
