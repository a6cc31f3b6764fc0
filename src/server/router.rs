//! Every address the server answers.

use super::{logos, statics, AppState};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{any, get};
use axum::Router;
use leptos::prelude::provide_context;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::{ServeDir, ServeFile};

/// The largest request body: a listing with its 256 KiB logo, JSON-escaped, fits.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

pub fn app(state: AppState) -> Router {
    let dist = state.config.dist.clone();
    // Unknown paths get the app's page, whose router shows the screen or "not found".
    // `make dist` writes .br/.gz beside each file at the highest quality; those are
    // sent as they are, and the compression layer only handles the rest.
    let files = ServeDir::new(&dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(ServeFile::new(dist.join("index.html")).precompressed_br().precompressed_gzip());
    Router::new()
        .route("/api/{*fn_name}", any(server_fns))
        .route("/healthz", get(|| async { "ok" }))
        .route("/logos/{file}", get(logos::logo))
        // The offline preview's data (with demo passwords) is not part of the server.
        .route("/demo/{*file}", get(|| async { StatusCode::NOT_FOUND }))
        .fallback_service(files)
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(statics::cache_headers))
        .layer(CompressionLayer::new())
        .with_state(state)
}

async fn server_fns(State(state): State<AppState>, request: Request<Body>) -> impl IntoResponse {
    leptos_axum::handle_server_fns_with_context(move || provide_context(state.clone()), request).await
}
