//! The module protocol's rules (`MODULE-API.md`): which scopes a key may
//! have, what a key looks like, and how a module's registration is read.

use serde_json::json;
use souk::domain::api_key::{grant, is_well_formed, KeyRefusal};
use souk::domain::integration::IntegrationModule;
use souk::domain::Scope;

fn scopes(names: &[&str]) -> Vec<Scope> {
    names.iter().map(|name| name.parse().unwrap()).collect()
}

#[test]
fn a_key_gets_only_scopes_its_module_declares() {
    let declared = scopes(&["order_read", "integration_read", "integration_write"]);
    let granted = grant(&["integration_write", " order_read", "order_read"], &declared).unwrap();
    assert_eq!(granted.into_iter().collect::<Vec<_>>(), scopes(&["order_read", "integration_write"]));
    assert_eq!(grant(&["order_read", "file_read"], &declared), Err(KeyRefusal::Undeclared(scopes(&["file_read"]))));
    assert_eq!(
        grant(&["order_read", "payments_read", "orders"], &declared),
        Err(KeyRefusal::Unknown(vec!["payments_read".into(), "orders".into()]))
    );
    assert_eq!(grant::<&str>(&[], &declared), Err(KeyRefusal::Empty));
}

#[test]
fn only_keys_of_the_form_handed_out_are_looked_up() {
    assert!(is_well_formed("AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd"));
    for key in
        ["", "short", &"a".repeat(39), &"a".repeat(41), "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789ab-d", "' OR 1=1 --"]
    {
        assert!(!is_well_formed(key), "{key:?}");
    }
}

#[test]
fn a_registration_is_read_as_sent_and_its_problems_named_by_field() {
    let sent = json!({
        "code": "chatterbox-1",
        "integrationCode": "chatterbox",
        "clientId": "c-1",
        "baseUrl": "https://module.example/",
        "actions": { "activity": "/actions/activity" },
        "integrations": { "mgTransport": { "webhookUrl": "https://module.example/hook" } },
        "freeze": true,
        "somethingNew": 1
    });
    let module = IntegrationModule::parse(&sent.to_string(), "chatterbox-1").unwrap();
    assert!(module.active, "active unless it says otherwise");
    assert!(!module.freeze, "the platform's to set");
    assert_eq!(module.action_url("activity").as_deref(), Some("https://module.example/actions/activity"));
    assert_eq!(serde_json::to_value(&module).unwrap()["integrations"], sent["integrations"]);

    // The address names the connection: a body without a code means it.
    let without = json!({ "integrationCode": "chatterbox" }).to_string();
    assert_eq!(IntegrationModule::parse(&without, "chatterbox-2").unwrap().code, "chatterbox-2");

    let problems = |body: serde_json::Value, path: &str| IntegrationModule::parse(&body.to_string(), path).unwrap_err();
    assert!(problems(json!({ "code": "other", "integrationCode": "x" }), "chatterbox-1").contains_key("code"));
    assert!(problems(json!({ "code": "a b", "integrationCode": "x" }), "a b").contains_key("code"));
    assert!(problems(json!({ "code": "c" }), "c").contains_key("integrationCode"));
    let bad_url = json!({ "code": "c", "integrationCode": "x", "accountUrl": "javascript:alert(1)" });
    assert!(problems(bad_url, "c").contains_key("accountUrl"));
    assert!(IntegrationModule::parse("[1, 2]", "c").unwrap_err().contains_key("integrationModule"));
    assert!(IntegrationModule::parse("{\"code\":", "c").unwrap_err().contains_key("integrationModule"));
}
