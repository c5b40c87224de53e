//! The public page cache: a public page is rendered once for everyone who is not signed
//! in, compressed once (gzip and brotli), and then served from memory until an event
//! that changes public content is recorded (`app::backend::events::public_changes`) or
//! [`TTL`] has passed.
//!
//! - Only `GET` of the read-only public pages ([`cacheable`]), only without a session
//!   cookie, only answers `200 text/html` without `Set-Cookie`. The language cookie is
//!   part of the key; nothing else of the request is.
//! - The same bytes go to many visitors, so a stored page's inline scripts (the islands'
//!   hydration script) are allowed by their SHA-256 in its CSP instead of a nonce, and
//!   the nonce attributes are taken out.
//! - A page rendered while public content changed is served but not kept; after a
//!   request that recorded such an event, the count moves once more when its commit is
//!   done, so nothing rendered between the event and the commit survives.
//! - Another instance's changes reach this one's cache after at most [`TTL`] (the
//!   cache is per process); so do date changes (a window that opens at midnight).
use std::{
    collections::HashMap,
    io::Write,
    sync::{Arc, RwLock},
    time::{Duration, Instant},
};

use app::backend::events::{public_changes, settle_public_change};
use app::i18n::Lang;
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use base64::Engine;
use sha2::{Digest, Sha256};

/// How long a page is kept at most.
pub const TTL: Duration = Duration::from_secs(30);
/// The most bytes (all encodings together) kept; past it, the cache starts over.
const MAX_BYTES: usize = 32 * 1024 * 1024;
/// The largest page kept (a larger one is rendered each time).
const MAX_PAGE: usize = 2 * 1024 * 1024;

/// Whether `path` is a read-only public page whose answer is the same for every visitor
/// who is not signed in (per language).
pub fn cacheable(path: &str) -> bool {
    const PAGES: [&str; 11] = [
        "/",
        "/soka-bidrag",
        "/gemensam-utvecklingsgrupp",
        "/gemensam-utvecklingsgrupp/minnesanteckningar",
        "/medlemskap",
        "/beslut",
        "/statistik",
        "/anslagstavla",
        "/kontakt",
        "/tillganglighet",
        "/personuppgifter",
    ];
    const UNDER: [&str; 3] = [
        "/gemensam-utvecklingsgrupp/minnesanteckningar/",
        "/beslut/",
        "/forening/",
    ];
    PAGES.contains(&path)
        || UNDER.iter().any(|prefix| {
            path.strip_prefix(prefix)
                .is_some_and(|rest| !rest.is_empty() && !rest.contains('/'))
        })
}

#[derive(Clone, Debug, Hash, PartialEq, Eq)]
struct Key {
    path_and_query: String,
    lang: Lang,
}

struct Page {
    /// The public-change count it was rendered at.
    version: u64,
    stored: Instant,
    headers: HeaderMap,
    identity: Bytes,
    gzip: Bytes,
    brotli: Bytes,
}

impl Page {
    fn size(&self) -> usize {
        self.identity.len() + self.gzip.len() + self.brotli.len()
    }
}

#[derive(Default)]
struct Pages {
    by_key: HashMap<Key, Arc<Page>>,
    bytes: usize,
}

/// One server's cache (each router has its own: the tests run many in one process).
#[derive(Clone)]
pub struct PublicCache {
    pages: Arc<RwLock<Pages>>,
    /// Whether the site is served over https (the session cookie's name depends on it).
    https: bool,
}

impl PublicCache {
    pub fn new(https: bool) -> Self {
        Self {
            pages: Arc::default(),
            https,
        }
    }

    fn get(&self, key: &Key) -> Option<Arc<Page>> {
        let pages = self.pages.read().unwrap_or_else(|e| e.into_inner());
        let page = pages.by_key.get(key)?;
        (page.version == public_changes() && page.stored.elapsed() < TTL).then(|| page.clone())
    }

    fn put(&self, key: Key, page: Page) {
        let mut pages = self.pages.write().unwrap_or_else(|e| e.into_inner());
        let current = public_changes();
        if pages.bytes + page.size() > MAX_BYTES {
            // Full (many distinct searches): keep only what is still valid, or start over.
            pages
                .by_key
                .retain(|_, kept| kept.version == current && kept.stored.elapsed() < TTL);
            pages.bytes = pages.by_key.values().map(|kept| kept.size()).sum();
            if pages.bytes + page.size() > MAX_BYTES {
                pages.by_key.clear();
                pages.bytes = 0;
            }
        }
        pages.bytes += page.size();
        if let Some(old) = pages.by_key.insert(key, Arc::new(page)) {
            pages.bytes -= old.size();
        }
    }

    /// A session cookie means "signed in": never answered from the cache.
    fn signed_in(&self, headers: &HeaderMap) -> bool {
        super::session::token_from(headers, self.https).is_some()
    }
}

/// The outermost layer: answers from the cache, or renders and keeps the page.
pub async fn serve(State(cache): State<PublicCache>, request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        let before = public_changes();
        let response = next.run(request).await;
        if public_changes() != before {
            settle_public_change();
        }
        return response;
    }
    let path = request.uri().path();
    if !cacheable(path) || cache.signed_in(request.headers()) {
        return next.run(request).await;
    }
    let key = Key {
        path_and_query: request
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| path.to_owned()),
        lang: Lang::from_headers(request.headers()),
    };
    let encoding = Encoding::accepted(request.headers());
    if let Some(page) = cache.get(&key) {
        let mut response = answer(&page, encoding, "hit");
        // As for every other answer: the proxy's request id, or a new one.
        let id = request
            .headers()
            .get("x-request-id")
            .cloned()
            .or_else(|| HeaderValue::from_str(&uuid::Uuid::new_v4().to_string()).ok());
        if let Some(id) = id {
            response.headers_mut().insert("x-request-id", id);
        }
        return response;
    }

    // Rendered uncompressed (the compression layer inside sees no Accept-Encoding) and
    // compressed here once.
    let version = public_changes();
    let (mut parts, body) = request.into_parts();
    parts.headers.remove(header::ACCEPT_ENCODING);
    let response = next.run(Request::from_parts(parts, body)).await;
    let keep = response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && !response.headers().contains_key(header::CONTENT_ENCODING)
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
    if !keep {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        tracing::error!(path = %key.path_and_query, "a public page's body failed");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let request_id = parts.headers.get("x-request-id").cloned();
    let page = match store(parts.headers.clone(), &bytes, version) {
        Ok(page) => page,
        Err(error) => {
            tracing::warn!(%error, "compressing a public page for the cache");
            return Response::from_parts(parts, Body::from(bytes));
        }
    };
    let mut answered = answer(&page, encoding, "miss");
    if let Some(id) = request_id {
        answered.headers_mut().insert("x-request-id", id);
    }
    if public_changes() == version && bytes.len() <= MAX_PAGE {
        cache.put(key, page);
    }
    answered
}

/// What the visitor's browser takes, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    fn accepted(headers: &HeaderMap) -> Self {
        let accepted: Vec<(String, bool)> = headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|item| {
                let mut parts = item.split(';');
                let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
                let refused = parts.any(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.trim().parse::<f32>().ok())
                        .is_some_and(|q| q == 0.0)
                });
                (name, !refused)
            })
            .collect();
        let takes = |name: &str| accepted.iter().any(|(n, ok)| *ok && n == name);
        if takes("br") {
            Encoding::Brotli
        } else if takes("gzip") {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }
}

/// The page as kept: its headers with the CSP by hashes, the body without nonces,
/// compressed both ways.
fn store(mut headers: HeaderMap, body: &[u8], version: u64) -> std::io::Result<Page> {
    let html = String::from_utf8_lossy(body);
    let html = without_nonces(&html);
    let hashes: Vec<String> = inline_scripts(&html)
        .map(|script| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script)))
        .collect();
    if let Ok(policy) =
        HeaderValue::from_str(&app::backend::security::content_security_policy_with_hashes(&hashes))
    {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    for per_response in ["x-request-id", "content-length", "vary"] {
        headers.remove(per_response);
    }
    headers.insert(
        header::VARY,
        HeaderValue::from_static("accept-encoding, cookie"),
    );
    let identity = Bytes::from(html.into_owned());

    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(&identity)?;
    let gzip = Bytes::from(gzip.finish()?);
    let mut brotli = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut brotli, 4096, 10, 22);
        writer.write_all(&identity)?;
    }
    Ok(Page {
        version,
        stored: Instant::now(),
        headers,
        identity,
        gzip,
        brotli: Bytes::from(brotli),
    })
}

fn answer(page: &Page, encoding: Encoding, how: &'static str) -> Response {
    let (body, coding) = match encoding {
        Encoding::Brotli => (page.brotli.clone(), Some("br")),
        Encoding::Gzip => (page.gzip.clone(), Some("gzip")),
        Encoding::Identity => (page.identity.clone(), None),
    };
    let mut response = Response::new(Body::from(body));
    *response.headers_mut() = page.headers.clone();
    if let Some(coding) = coding {
        response
            .headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    response
        .headers_mut()
        .insert("x-cache", HeaderValue::from_static(how));
    response
}

/// `html` without the nonce of the render that made it (the nonce of one response must
/// not be handed to everyone): its ` nonce="…"` attributes go, and so does the value
/// Leptos also writes into `crossorigin` of the preload links.
fn without_nonces(html: &str) -> std::borrow::Cow<'_, str> {
    const ATTRIBUTE: &str = " nonce=\"";
    let Some(at) = html.find(ATTRIBUTE) else {
        return std::borrow::Cow::Borrowed(html);
    };
    let value = &html[at + ATTRIBUTE.len()..];
    let Some(nonce) = value.split('"').next().filter(|n| !n.is_empty()) else {
        return std::borrow::Cow::Borrowed(html);
    };
    std::borrow::Cow::Owned(
        html.replace(&format!(" nonce=\"{nonce}\""), "")
            .replace(&format!(" crossorigin=\"{nonce}\""), " crossorigin"),
    )
}

/// The text of every inline `<script>` (one without `src`), as the browser hashes it.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    let mut rest = html;
    std::iter::from_fn(move || loop {
        let start = rest.find("<script")?;
        let after = &rest[start..];
        let open_end = after.find('>')?;
        let tag = &after[..open_end];
        let content = &after[open_end + 1..];
        let close = content.find("</script>")?;
        rest = &content[close..];
        if !tag.contains(" src=") {
            return Some(&content[..close]);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_read_only_public_pages_are_kept() {
        for public in [
            "/",
            "/beslut",
            "/beslut/sof-2023-1",
            "/gemensam-utvecklingsgrupp/minnesanteckningar/2017-11-27",
            "/forening/802534-3750",
            "/statistik",
        ] {
            assert!(cacheable(public), "{public}");
        }
        for private in [
            "/logga-in",
            "/registrera",
            "/mina-sidor",
            "/handlaggning",
            "/beslut/",
            "/beslut/a/b",
            "/foreningar/x",
            "/statistik/kon.csv",
            "/api/public/association",
        ] {
            assert!(!cacheable(private), "{private}");
        }
    }

    #[test]
    fn nonces_are_taken_out_and_inline_scripts_found() {
        let html = r#"<head><link rel="modulepreload" href="/pkg/portal.js" crossorigin="abc"><script nonce="abc">import('/pkg/portal.js')</script><script src="/x.js" nonce="abc"></script></head>"#;
        let clean = without_nonces(html);
        assert!(
            !clean.contains("abc") && !clean.contains("nonce"),
            "{clean}"
        );
        assert!(
            clean.contains(r#"href="/pkg/portal.js" crossorigin>"#),
            "{clean}"
        );
        let scripts: Vec<&str> = inline_scripts(&clean).collect();
        assert_eq!(scripts, vec!["import('/pkg/portal.js')"]);
    }

    #[test]
    fn the_best_encoding_the_browser_takes() {
        let with = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
            Encoding::accepted(&headers)
        };
        assert_eq!(with("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(with("gzip"), Encoding::Gzip);
        assert_eq!(with("br;q=0, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(with("identity"), Encoding::Identity);
        assert_eq!(Encoding::accepted(&HeaderMap::new()), Encoding::Identity);
    }
}
