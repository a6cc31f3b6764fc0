//! Cross-site request forgery: a server function runs only for a JSON request
//! sent by the app's own pages. A page elsewhere (another port, a sibling
//! subdomain) can make the browser POST a form or `text/plain` with the
//! victim's cookie, but not `application/json` without a CORS preflight this
//! server never grants; and the browser names the page's origin in `Origin`,
//! which must be the app's. A request without `Origin` must carry the
//! browser's own `Sec-Fetch-Site: same-origin`.

use super::AppState;
use crate::api::ApiError;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn same_origin_json(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    if !is_json(headers) {
        let refusal = ApiError::BadRequest("server functions take application/json".into());
        return refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, &refusal);
    }
    let own = state.config.public_url.clone().or_else(|| request_origin(headers));
    if !from_own_pages(headers, own.as_deref()) {
        return refuse(StatusCode::FORBIDDEN, &ApiError::Forbidden);
    }
    next.run(request).await
}

fn refuse(status: StatusCode, error: &ApiError) -> Response {
    let body = serde_json::to_string(error).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// `application/json`, with or without parameters such as `charset`.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(kind) = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else { return false };
    kind.split(';').next().is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

/// Whether the request came from a page of `own` origin.
pub fn from_own_pages(headers: &HeaderMap, own: Option<&str>) -> bool {
    match headers.get(header::ORIGIN) {
        Some(origin) => own.is_some_and(|own| origin.as_bytes().eq_ignore_ascii_case(own.as_bytes())),
        None => headers.get("sec-fetch-site").is_some_and(|site| site == "same-origin"),
    }
}

/// `http://host` as the browser reached the server, when SOUK_PUBLIC_URL does
/// not say where users reach it: for links in letters, and the origin pages'
/// requests must come from. Forwarded headers are not read: behind a proxy,
/// SOUK_PUBLIC_URL says it.
pub fn request_origin(headers: &HeaderMap) -> Option<String> {
    Some(format!("http://{}", headers.get(header::HOST)?.to_str().ok()?))
}
