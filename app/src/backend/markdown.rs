//! Markdown that staff write (minutes, guidance texts), made safe to show: rendered by
//! `pulldown-cmark`, then sanitised by `ammonia` (no script, no event handlers, no
//! `javascript:` links, every link `rel="noopener noreferrer"`). A text's sections are
//! `##` (`<h2>`, under the page's own `<h1>`) and `###`; a `#` is read as `##`.
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Markdown as sanitised HTML.
pub fn to_html(markdown: &str) -> String {
    to_html_from(markdown, HeadingLevel::H2)
}

/// As [`to_html`], for a text shown under a heading of its own: its headings start at
/// `top` (`<h5>` under a meeting's `<h4>` date), so the page's outline stays in order.
pub fn to_html_from(markdown: &str, top: HeadingLevel) -> String {
    let lower = |level: HeadingLevel| lower_to(level, top);
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: lower(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level))),
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .clean(&html)
        .to_string()
}

/// `level` moved down so that the text's first level is `top` (the page has the one
/// `<h1>`; a `#` and a `##` both read as the top level), never below `<h6>`.
fn lower_to(level: HeadingLevel, top: HeadingLevel) -> HeadingLevel {
    let n = |l: HeadingLevel| l as usize;
    let shift = n(top).saturating_sub(n(HeadingLevel::H2));
    let wanted = n(level).max(n(HeadingLevel::H2)) + shift;
    HeadingLevel::try_from(wanted.min(6)).unwrap_or(HeadingLevel::H6)
}

/// The words of the Markdown without its markup, a line per block (what search reads
/// and a hit is shown from). Link targets are left out, their texts kept.
pub fn to_plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock,
            ) => text.push('\n'),
            _ => {}
        }
    }
    text.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_handlers_and_javascript_links_are_removed() {
        let html = to_html(
            "Hej <script>alert(1)</script><img src=x onerror=alert(2)> \
             [klicka](javascript:alert(3)) <a href=\"#\" onclick=\"x()\">a</a>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn links_get_noopener_noreferrer() {
        let html = to_html("Läs mer på <https://jagkan.helsingborg.se/>");
        assert!(
            html.contains(r#"<a href="https://jagkan.helsingborg.se/" rel="noopener noreferrer">"#),
            "{html}"
        );
    }

    #[test]
    fn headings_sit_under_the_page_heading() {
        let html = to_html("# Helsam\n\n### Hur går vi med?\n\n- Utveckla och dela kompetens");
        assert!(html.contains("<h2>Helsam</h2>"), "{html}");
        assert!(html.contains("<h3>Hur går vi med?</h3>"), "{html}");
        assert!(
            html.contains("<li>Utveckla och dela kompetens</li>"),
            "{html}"
        );
    }

    #[test]
    fn plain_text_keeps_words_not_markup() {
        let text =
            to_plain_text("## Lokaler\n\nEtt *problem* för [många](https://x.se) föreningar.");
        assert_eq!(text, "Lokaler\nEtt problem för många föreningar.");
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    /// Pieces an attacker would mix into Markdown.
    fn hostile() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//x.se/a.js>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](java\tscript:alert(1))",
            "<svg onload=alert(1)>",
            "<div style=\"x\" onclick=\"y()\">",
            "<iframe src=\"https://x.se\">",
            "](",
            "<",
            ">",
            "\"",
            "'",
            "`",
            "\n\n",
            "# ",
            "- ",
            "text ",
            "<https://helsingborg.se/>",
            "&#106;avascript:",
            "<p onmouseover=x>",
            "<math><mi xlink:href=\"javascript:1\">",
            "<style>body{}</style>",
        ]);
        prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn nothing_executable_survives(markdown in hostile()) {
            let html = super::to_html(&markdown).to_lowercase();
            prop_assert!(!html.contains("<script"), "{}", html);
            prop_assert!(!html.contains("<iframe"), "{}", html);
            prop_assert!(!html.contains("<style"), "{}", html);
            prop_assert!(!html.contains("<svg"), "{}", html);
            // Inside every tag: no javascript: and no event handler (` on…=`). Text
            // between tags is escaped, so it may say anything.
            for tag in html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("")) {
                prop_assert!(!tag.contains("javascript:"), "{}", html);
                for (i, _) in tag.match_indices(" on") {
                    let name: String = tag[i + 1..].chars().take_while(|c| c.is_ascii_alphabetic()).collect();
                    let after = tag[i + 1 + name.len()..].trim_start();
                    prop_assert!(!after.starts_with('='), "{}", html);
                }
            }
        }

        #[test]
        fn any_text_renders_without_panic(markdown in ".{0,400}") {
            let html = super::to_html(&markdown);
            prop_assert!(!html.to_lowercase().contains("<script"));
        }
    }
}
