//! Any text: the sanitised HTML has no script and, inside its tags, no javascript: and
//! no event handler (text between tags is escaped and may say anything).
#![no_main]
use app::backend::markdown::to_html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let html = to_html(text).to_lowercase();
    assert!(!html.contains("<script"));
    for tag in html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("")) {
        assert!(!tag.contains("javascript:"));
        assert!(!tag.contains(" onerror=") && !tag.contains(" onload="));
    }
});
