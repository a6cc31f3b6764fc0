//! Security headers on every answer, and each page's Content Security Policy:
//! scripts from the app's own origin and the one inline loader Trunk writes
//! into the page (allowed by its hash, read from the built page at start-up),
//! no framing, nothing loaded from elsewhere.

use crate::apps::App;
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;

pub struct SecurityHeaders {
    /// Each app's page policy; the marketplace's first.
    policies: Vec<(App, HeaderValue)>,
    /// HTTPS only, for a year, once the app is served over it (SOUK_PUBLIC_URL).
    hsts: bool,
}

impl SecurityHeaders {
    pub fn for_dist(dist: &Path, https: bool) -> SecurityHeaders {
        let policy = |page: &Path| {
            let html = std::fs::read_to_string(page).unwrap_or_default();
            HeaderValue::from_str(&content_security_policy(&html))
                .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'; frame-ancestors 'none'"))
        };
        let apps = std::iter::once(App::Marketplace).chain(App::OTHERS);
        SecurityHeaders { policies: apps.map(|app| (app, policy(&page_of(dist, app)))).collect(), hsts: https }
    }
}

/// The built page of an app.
pub fn page_of(dist: &Path, app: App) -> std::path::PathBuf {
    app.dir().map_or_else(|| dist.to_path_buf(), |dir| dist.join(dir)).join("index.html")
}

/// The policy of a built page: its inline scripts are allowed by their SHA-256.
pub fn content_security_policy(html: &str) -> String {
    let hashes: String = inline_scripts(html)
        .map(|script| {
            use base64::Engine;
            format!(" 'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script)))
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// The contents of the `<script>` elements that have no `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (tag, body) = rest.split_once('>')?;
        let (script, _) = body.split_once("</script>")?;
        (!tag.contains(" src=")).then_some(script)
    })
}

pub async fn security_headers(State(headers): State<Arc<SecurityHeaders>>, request: Request, next: Next) -> Response {
    let app = App::of(request.uri().path());
    let mut response = next.run(request).await;
    let is_page =
        response.headers().get(header::CONTENT_TYPE).is_some_and(|kind| kind.as_bytes().starts_with(b"text/html"));
    let set = response.headers_mut();
    if is_page && !set.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Some((_, policy)) = headers.policies.iter().find(|(of, _)| *of == app) {
            set.insert(header::CONTENT_SECURITY_POLICY, policy.clone());
        }
    }
    set.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    set.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    set.insert(HeaderName::from_static("x-frame-options"), HeaderValue::from_static("DENY"));
    if headers.hsts {
        set.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    response
}
