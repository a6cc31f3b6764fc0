//! A module's registration of one connection (`integrationModule` in
//! `MODULE-API.md` §2): what the module's backend tells the platform through
//! `edit`, and reads back through `integration-modules/{code}`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The longest `code` a module may register a connection under.
pub const MAX_CODE_CHARS: usize = 100;

/// An `integrationModule` as a module sends it. Fields the protocol names are
/// read; whatever else comes (`integrations` and its sections, `actions`) is
/// kept as it came and given back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IntegrationModule {
    pub code: String,
    pub integration_code: String,
    /// `false` deactivates the connection from the module's side.
    #[serde(default = "yes")]
    pub active: bool,
    /// Set by the platform while the connection waits for a top-up; what a module sends is ignored.
    #[serde(default)]
    pub freeze: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// The module's own id for this connection, echoed in callbacks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub native: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_url: Option<String>,
    /// Paths relative to `base_url`, e.g. `{"activity": "/actions/activity"}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Map<String, Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_countries: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrations: Option<Map<String, Value>>,
}

fn yes() -> bool {
    true
}

/// Problems by field, as the protocol's `errors` object names them.
pub type EntityErrors = BTreeMap<String, String>;

impl IntegrationModule {
    /// Reads the `integrationModule` field's JSON for the connection code in
    /// the address; every problem is named by its field.
    pub fn parse(json: &str, code_in_path: &str) -> Result<IntegrationModule, EntityErrors> {
        let value: Value = serde_json::from_str(json).map_err(|e| errors("integrationModule", e.to_string()))?;
        let Value::Object(mut object) = value else {
            return Err(errors("integrationModule", "must be a JSON object".into()));
        };
        // The address names the connection; a body without a code means that one.
        object.entry("code").or_insert_with(|| Value::String(code_in_path.to_string()));
        object.remove("freeze");
        let module: IntegrationModule = serde_json::from_value(Value::Object(object))
            .map_err(|e| errors(field_of(&e.to_string()), e.to_string()))?;
        module.problems(code_in_path).map(|()| module)
    }

    fn problems(&self, code_in_path: &str) -> Result<(), EntityErrors> {
        let mut found = EntityErrors::new();
        if self.code != code_in_path {
            found.insert("code".into(), format!("must be the code in the address, {code_in_path:?}"));
        } else if !is_code(&self.code) {
            found.insert("code".into(), format!("1 to {MAX_CODE_CHARS} Latin letters, digits, '-', '_' or '.'"));
        }
        if self.integration_code.trim().is_empty() {
            found.insert("integrationCode".into(), "is required".into());
        }
        for (field, url) in [("baseUrl", &self.base_url), ("accountUrl", &self.account_url)] {
            if url.as_deref().is_some_and(|url| !is_web_address(url)) {
                found.insert(field.into(), "must be an absolute http(s) address".into());
            }
        }
        if found.is_empty() {
            Ok(())
        } else {
            Err(found)
        }
    }

    /// The full address of one of its actions (`activity`), when it gave a base and that path.
    pub fn action_url(&self, action: &str) -> Option<String> {
        let path = self.actions.as_ref()?.get(action)?.as_str()?;
        let base = self.base_url.as_deref()?;
        Some(format!("{}/{}", base.trim_end_matches('/'), path.trim_start_matches('/')))
    }
}

fn errors(field: &str, message: String) -> EntityErrors {
    EntityErrors::from([(field.to_string(), message)])
}

/// The field a serde message is about: it quotes a missing field's name; a
/// value of the wrong type is not placed, so the whole entity is named.
fn field_of(message: &str) -> &'static str {
    const FIELDS: [&str; 11] = [
        "integrationCode",
        "availableCountries",
        "accountUrl",
        "baseUrl",
        "clientId",
        "integrations",
        "actions",
        "active",
        "native",
        "name",
        "logo",
    ];
    FIELDS.into_iter().find(|field| message.contains(&format!("`{field}`"))).unwrap_or("integrationModule")
}

fn is_code(code: &str) -> bool {
    (1..=MAX_CODE_CHARS).contains(&code.chars().count())
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

use super::simple_connection::is_web_address;
