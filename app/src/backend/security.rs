//! The Content-Security-Policy every response carries.

/// The value of the cookie `name` in a request's `Cookie` headers (the first non-empty
/// one), as the session and the language are read.
pub fn cookie<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, value)| *key == name && !value.trim().is_empty())
        .map(|(_, value)| value.trim())
}

/// The policy for a response. HTML pages pass the nonce of their hydration script;
/// other responses pass `None` and may run no inline script at all.
///
/// `'wasm-unsafe-eval'` lets the browser compile the islands' WebAssembly; it does
/// not allow `eval` of JavaScript (that would be `'unsafe-eval'`, which is never sent).
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let script_src = match nonce {
        Some(nonce) => format!("script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        None => "script-src 'self' 'wasm-unsafe-eval'".to_owned(),
    };
    policy(&script_src)
}

/// The policy for a page served from the public page cache: the same bytes go to many
/// visitors, so its inline scripts are allowed by their hashes (`sha256-…`, base64)
/// instead of a per-response nonce.
pub fn content_security_policy_with_hashes(hashes: &[String]) -> String {
    let allowed: String = hashes
        .iter()
        .map(|hash| format!(" 'sha256-{hash}'"))
        .collect();
    policy(&format!("script-src 'self'{allowed} 'wasm-unsafe-eval'"))
}

fn policy(script_src: &str) -> String {
    [
        "default-src 'self'",
        script_src,
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
    .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_never_allows_eval_of_javascript() {
        for policy in [
            content_security_policy(None),
            content_security_policy(Some("abc")),
        ] {
            assert!(!policy.contains("'unsafe-eval'"), "{policy}");
            assert!(!policy.contains("'unsafe-inline'"), "{policy}");
            assert!(policy.contains("object-src 'none'"));
            assert!(policy.contains("base-uri 'none'"));
            assert!(policy.contains("frame-ancestors 'none'"));
        }
    }

    #[test]
    fn a_cookie_is_read_by_its_name_and_an_empty_one_is_none() {
        let mut headers = http::HeaderMap::new();
        headers.append(http::header::COOKIE, "a=1; sprak=en".parse().unwrap());
        headers.append(http::header::COOKIE, "portal_session=".parse().unwrap());
        assert_eq!(cookie(&headers, "sprak"), Some("en"));
        assert_eq!(cookie(&headers, "a"), Some("1"));
        assert_eq!(cookie(&headers, "portal_session"), None);
        assert_eq!(cookie(&headers, "x"), None);
    }

    #[test]
    fn a_cached_page_allows_its_inline_scripts_by_hash_only() {
        let policy = content_security_policy_with_hashes(&["YWJj".to_owned()]);
        assert!(policy.contains("script-src 'self' 'sha256-YWJj' 'wasm-unsafe-eval'"));
        assert!(!policy.contains("nonce") && !policy.contains("'unsafe-inline'"));
    }

    #[test]
    fn a_page_policy_allows_only_its_own_inline_script() {
        let policy = content_security_policy(Some("r4nd0m"));
        assert!(policy.contains("script-src 'self' 'nonce-r4nd0m' 'wasm-unsafe-eval'"));
    }
}
