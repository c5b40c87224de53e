//! Any text: an amount is within the limit and reads back the same.
#![no_main]
use app::domain::money;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(ore) = money::parse(text) {
        assert!((0..=money::MAX_KRONOR * 100).contains(&ore));
        assert_eq!(money::parse(&money::format_kr(ore)), Ok(ore));
    }
});
