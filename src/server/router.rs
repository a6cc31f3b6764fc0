//! Every address the server answers.

use super::headers::{page_of, security_headers, SecurityHeaders};
use super::{csrf, logos, module_api, payments, statics, AppState};
use crate::apps::App;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::IntoResponse;
use axum::routing::{any, get, post};
use axum::Router;
use leptos::prelude::provide_context;
use std::path::PathBuf;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::{ServeDir, ServeFile};

/// The largest request body: a listing with its 256 KiB logo, JSON-escaped, fits.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

pub fn app(state: AppState) -> Router {
    let dist = state.config.dist.clone();
    // Unknown paths get the page of the app that answers them (`crate::apps`),
    // whose router shows the screen or "not found". `make dist` writes .br/.gz
    // beside each file at the highest quality; those are sent as they are, and
    // the compression layer only handles the rest.
    let page = |file: PathBuf| ServeFile::new(file).precompressed_br().precompressed_gzip();
    let files = ServeDir::new(&dist).precompressed_br().precompressed_gzip().fallback(page(dist.join("index.html")));
    let pages = App::OTHERS.into_iter().fold(Router::new(), |router, app| {
        let file = page(page_of(&dist, app));
        app.pages().iter().fold(router, |router, path| {
            router.route_service(path, file.clone()).route_service(&format!("{path}/{{*rest}}"), file.clone())
        })
    });
    let security = Arc::new(SecurityHeaders::for_dist(&dist, state.config.https()));
    let same_origin_json = axum::middleware::from_fn_with_state(state.clone(), csrf::same_origin_json);
    let standin = state.standin.clone();
    let pages = match standin {
        Some(standin) => pages.nest(payments::STANDIN_PATH, payments::standin::router(standin)),
        None => pages,
    };
    pages
        .merge(module_api::router())
        .route("/api/{*fn_name}", any(server_fns).layer(same_origin_json))
        .route(payments::NOTIFICATIONS_PATH, post(payments::notification))
        .route("/healthz", get(|| async { "ok" }))
        .route("/logos/{file}", get(logos::logo))
        .fallback_service(files)
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(statics::cache_headers))
        .layer(axum::middleware::from_fn_with_state(security, security_headers))
        .layer(CompressionLayer::new())
        .with_state(state)
}

async fn server_fns(State(state): State<AppState>, request: Request<Body>) -> impl IntoResponse {
    leptos_axum::handle_server_fns_with_context(move || provide_context(state.clone()), request).await
}
