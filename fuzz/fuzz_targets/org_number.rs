//! Any text: the organisation number parser answers, and what it accepts reads back.
#![no_main]
use app::domain::org_number::OrgNumber;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(number) = OrgNumber::parse(text) {
        assert_eq!(OrgNumber::parse(&number.to_string()), Ok(number));
    }
});
