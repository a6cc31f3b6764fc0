//! The module API over HTTP (`MODULE-API.md` §2), as RetailCRM's clients call
//! it: the key in the `X-API-KEY` header, the `apiKey` query parameter or
//! form field; bodies form-urlencoded or multipart, nested values as JSON
//! strings; every answer JSON, refusals with the protocol's `errorMsg`.

use super::AppState;
use crate::api::edge::context_of;
use crate::app::module_api::{self, Edited, ModuleApiError};
use crate::app::Ctx;
use crate::store::sql::SqlStore;
use crate::store::ApiKeyRecord;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use std::collections::HashMap;

/// The versions the platform answers to, as RetailCRM lists them.
const VERSIONS: [&str; 3] = ["3.0", "4.0", "5.0"];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/api-versions", get(api_versions).fallback(wrong_method))
        .route("/api/credentials", get(credentials).fallback(wrong_method))
        .route("/api/system-info", get(system_info).fallback(wrong_method))
        .route("/api/v5/integration-modules/{code}", get(integration_module).fallback(wrong_method))
        .route("/api/v5/integration-modules/{code}/edit", post(edit).fallback(wrong_method))
        .route("/api/v5/integration-modules/{code}/update-scopes", post(update_scopes).fallback(wrong_method))
        .route("/api/v3/{*method}", any(unknown_method))
        .route("/api/v4/{*method}", any(unknown_method))
        .route("/api/v5/{*method}", any(unknown_method))
}

/// A call as it came: its key (wherever it was put) and its fields, from the
/// query and the body alike.
struct Call {
    cx: Ctx<SqlStore>,
    key: Option<String>,
    fields: HashMap<String, String>,
}

impl Call {
    async fn read(state: &AppState, request: Request) -> Result<Call, ModuleApiError> {
        let (parts, body) = request.into_parts();
        let cx = context_of(state, Some(&parts));
        let header_key = parts.headers.get("x-api-key").and_then(|v| v.to_str().ok()).map(str::to_string);
        let mut fields: HashMap<String, String> = parts
            .uri
            .query()
            .map(|query| form_urlencoded::parse(query.as_bytes()).into_owned().collect())
            .unwrap_or_default();
        let content_type =
            parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        let body_is = |kind: &str| content_type.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case(kind));
        let request = Request::from_parts(parts, body);
        if body_is("multipart/form-data") {
            let mut multipart = Multipart::from_request(request, &()).await.map_err(|e| unreadable(e.body_text()))?;
            while let Some(field) = multipart.next_field().await.map_err(|e| unreadable(e.body_text()))? {
                let name = field.name().unwrap_or_default().to_string();
                fields.insert(name, field.text().await.map_err(|e| unreadable(e.body_text()))?);
            }
        } else if body_is("application/x-www-form-urlencoded") {
            let bytes =
                axum::body::to_bytes(request.into_body(), super::router::MAX_BODY_BYTES).await.map_err(unreadable)?;
            fields.extend(form_urlencoded::parse(&bytes).into_owned());
        }
        let key = header_key.or_else(|| fields.get("apiKey").cloned());
        Ok(Call { cx, key, fields })
    }

    async fn authenticated(state: &AppState, request: Request) -> Result<(Call, ApiKeyRecord), ModuleApiError> {
        let call = Call::read(state, request).await?;
        let key = module_api::authenticate(&call.cx, call.key.as_deref()).await?;
        Ok((call, key))
    }

    fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }
}

fn unreadable(error: impl std::fmt::Display) -> ModuleApiError {
    ModuleApiError::Entity([("body".to_string(), error.to_string())].into())
}

fn success(status: StatusCode, mut body: Value) -> Response {
    body["success"] = Value::Bool(true);
    (status, Json(body)).into_response()
}

fn refusal(error: ModuleApiError) -> Response {
    let (status, message) = match &error {
        ModuleApiError::MissingKey => (StatusCode::UNAUTHORIZED, "\"apiKey\" is missing.".to_string()),
        ModuleApiError::WrongKey => (StatusCode::FORBIDDEN, "Wrong \"apiKey\" value.".to_string()),
        ModuleApiError::AccessDenied => (StatusCode::FORBIDDEN, "Access denied.".to_string()),
        ModuleApiError::NotFound => (StatusCode::NOT_FOUND, "Not found".to_string()),
        ModuleApiError::MissingParameter(name) => (StatusCode::BAD_REQUEST, format!("Parameter '{name}' is missing")),
        ModuleApiError::Entity(_) => (StatusCode::BAD_REQUEST, "Errors in the entity format".to_string()),
        ModuleApiError::RateLimited => (StatusCode::SERVICE_UNAVAILABLE, "Service temporary unavailable".to_string()),
        ModuleApiError::Internal => (StatusCode::INTERNAL_SERVER_ERROR, "Internal server error".to_string()),
    };
    let mut body = json!({ "success": false, "errorMsg": message });
    if let ModuleApiError::Entity(errors) = error {
        body["errors"] = json!(errors);
    }
    (status, Json(body)).into_response()
}

fn answer(result: Result<Response, ModuleApiError>) -> Response {
    result.unwrap_or_else(refusal)
}

async fn api_versions(State(state): State<AppState>, request: Request) -> Response {
    answer(
        async {
            Call::authenticated(&state, request).await?;
            Ok(success(StatusCode::OK, json!({ "versions": VERSIONS })))
        }
        .await,
    )
}

async fn credentials(State(state): State<AppState>, request: Request) -> Response {
    answer(
        async {
            let (_, key) = Call::authenticated(&state, request).await?;
            let credentials = module_api::credentials(&key);
            Ok(success(
                StatusCode::OK,
                json!({
                    "scopes": credentials.scopes,
                    "credentials": credentials.methods,
                    "siteAccess": "access_full",
                    "sitesAvailable": [],
                }),
            ))
        }
        .await,
    )
}

/// Needs no key: a module asks it before it has one.
async fn system_info(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let cx = context_of(&state, Some(&parts));
    success(
        StatusCode::OK,
        json!({
            "systemVersion": concat!("souk ", env!("CARGO_PKG_VERSION")),
            "publicUrl": cx.origin,
            "technicalUrl": cx.origin,
        }),
    )
}

async fn integration_module(State(state): State<AppState>, Path(code): Path<String>, request: Request) -> Response {
    answer(
        async {
            let (call, key) = Call::authenticated(&state, request).await?;
            let module = module_api::integration_module(&call.cx, &key, &code).await?;
            Ok(success(StatusCode::OK, json!({ "integrationModule": module })))
        }
        .await,
    )
}

async fn edit(State(state): State<AppState>, Path(code): Path<String>, request: Request) -> Response {
    answer(
        async {
            let (call, key) = Call::authenticated(&state, request).await?;
            let edited = module_api::edit(&call.cx, &key, &code, call.field("integrationModule")).await?;
            // `info` is always an object: the Go client fails on an array.
            let status = if edited == Edited::Created { StatusCode::CREATED } else { StatusCode::OK };
            Ok(success(status, json!({ "info": {} })))
        }
        .await,
    )
}

async fn update_scopes(State(state): State<AppState>, Path(code): Path<String>, request: Request) -> Response {
    answer(
        async {
            let (call, key) = Call::authenticated(&state, request).await?;
            let new_key = module_api::update_scopes(&call.cx, &key, &code, call.field("requires")).await?;
            Ok(success(StatusCode::OK, json!({ "apiKey": new_key })))
        }
        .await,
    )
}

/// Methods of RetailCRM's API the platform does not have: JSON all the same,
/// which clients read (the Go client takes an HTML page for "no such account").
async fn unknown_method() -> Response {
    (StatusCode::NOT_FOUND, Json(json!({ "success": false, "errorMsg": "Method not found" }))).into_response()
}

async fn wrong_method() -> Response {
    (StatusCode::METHOD_NOT_ALLOWED, Json(json!({ "success": false, "errorMsg": "Method not allowed" })))
        .into_response()
}
