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

#[test]
fn connect_opens_the_modules_page_for_the_account() {
    use souk::domain::Links;
    let mut links = Links {
        documentation: String::new(),
        support: String::new(),
        website: "https://govorun.example".into(),
        connection: String::new(),
        simple_connection: None,
    };
    let account = "https://souk.example:8443/";
    assert_eq!(links.connection_page(account), "https://govorun.example?account=https%3A%2F%2Fsouk.example%3A8443%2F");
    links.connection = "https://govorun.example/connect?from=souk".into();
    assert_eq!(
        links.connection_page("http://a&b=c"),
        "https://govorun.example/connect?from=souk&account=http%3A%2F%2Fa%26b%3Dc"
    );
}

#[test]
fn a_listings_connection_addresses_survive_publication() {
    use souk::domain::submission::ListingDraft;
    use souk::domain::{ApiVersion, Pricing, Section};
    let mut listing =
        crate::fixtures::listing("chatterbox", Section::Messengers, Pricing::Free, &["RU"], ApiVersion::V5);
    listing.links.connection = "https://govorun.example/connect".into();
    listing.links.simple_connection = Some("https://govorun.example/simple/config".into());
    let draft = ListingDraft::from_listing(&listing, "");
    assert_eq!(draft.connection_url, "https://govorun.example/connect");
    assert_eq!(draft.simple_connection_url, "https://govorun.example/simple/config");
    let vendor = souk::domain::submission::Vendor { name: "Govorun", website: "https://govorun.example" };
    let again = draft.preview(&vendor, 0, listing.published);
    assert_eq!(
        (again.links.connection, again.links.simple_connection),
        (listing.links.connection, listing.links.simple_connection)
    );
}

#[test]
fn each_change_of_a_connection_is_one_event_with_the_activity_after_it() {
    use souk::domain::billing::{Connection, Status};
    use souk::domain::delivery::{transitions, Activity, Event};
    use souk::domain::{ConnectionId, ModuleCode, Section};
    let connection = |id: &str, status: Status| Connection {
        id: ConnectionId::new(id),
        module: ModuleCode::new("chatterbox"),
        section: Section::Messengers,
        name: id.into(),
        created_at: chrono::Utc::now(),
        status,
        anchor_day: None,
        due_on: None,
        frozen_at: None,
        noticed: false,
        price: None,
    };
    let before = [
        connection("kept", Status::Paid),
        connection("freezes", Status::Trial),
        connection("thaws", Status::Frozen),
        connection("goes", Status::Paid),
    ];
    let after = [
        connection("kept", Status::Paid),
        connection("freezes", Status::Frozen),
        connection("thaws", Status::Paid),
        connection("new", Status::Trial),
    ];
    let events: Vec<(String, Event, Activity)> = transitions(&before, &after)
        .into_iter()
        .map(|(id, event, activity)| (id.to_string(), event, activity))
        .collect();
    let activity = |active, freeze| Activity { active, freeze };
    assert_eq!(
        events,
        [
            ("freezes".into(), Event::Frozen, activity(true, true)),
            ("thaws".into(), Event::Unfrozen, activity(true, false)),
            ("goes".into(), Event::Deactivated, activity(false, false)),
            ("new".into(), Event::Activated, activity(true, false)),
        ]
    );
}

#[test]
fn a_failed_delivery_waits_longer_each_time_then_is_given_up() {
    use souk::domain::delivery::{accepted, next_attempt};
    let now = chrono::Utc::now();
    let waits: Vec<i64> = (1..=6).filter_map(|n| next_attempt(n, now)).map(|at| (at - now).num_minutes()).collect();
    assert_eq!(waits, [1, 5, 30, 120, 720]);
    assert!(accepted(200, r#"{"success":true}"#) && accepted(201, "") && accepted(204, "not json"));
    assert!(!accepted(200, r#"{"success":false,"errorMsg":"no"}"#) && !accepted(500, r#"{"success":true}"#));
}

#[test]
fn the_register_token_is_the_keys_hmac_under_the_modules_secret() {
    use souk::app::tokens::register_token;
    assert_eq!(register_token("secret", "api_key"), "016ab397889c59a1f61a07d69857880a0d867aa1b0edb1014971757cf7a25bb1");
    assert_eq!(register_token("secret", "key"), "96de09a0f8699191b28587118ac57df88bbf6c2d0c131d196dcd90f7efd68c93");
}

#[test]
fn a_modules_configuration_and_its_answer_to_the_registration_are_read_as_the_protocol_says() {
    use souk::domain::simple_connection::{account_url, ConnectRefusal, ModuleConfig};
    let real = r#"{"success":true,"scopes":["integration_read","order_read"],"registerUrl":"https://m.example/simple","errorMsg":null,"extra":1}"#;
    let config = ModuleConfig::parse(200, real).unwrap();
    assert_eq!((config.scopes.len(), config.register_url.as_str()), (2, "https://m.example/simple"));
    assert_eq!(
        ModuleConfig::parse(200, r#"{"success":false,"errorMsg":"Account blocked"}"#),
        Err(ConnectRefusal::Refused("Account blocked".into()))
    );
    for bad in [
        r#"{"success":true,"scopes":[],"registerUrl":"https://m.example"}"#,
        r#"{"success":true,"scopes":["order_read"],"registerUrl":"/relative"}"#,
        "<html>",
        "[]",
    ] {
        assert!(matches!(ModuleConfig::parse(200, bad), Err(ConnectRefusal::BadAnswer(_))), "{bad}");
    }
    assert_eq!(
        account_url(201, r#"{"success":true,"accountUrl":"https://m.example/settings"}"#).unwrap(),
        "https://m.example/settings"
    );
    assert_eq!(
        account_url(401, r#"{"success":false,"errorMsg":"Invalid token"}"#),
        Err(ConnectRefusal::Refused("Invalid token".into()))
    );
    assert_eq!(
        account_url(500, r#"{"success":true,"accountUrl":"https://m.example"}"#),
        Err(ConnectRefusal::Refused("success: false".into()))
    );
    assert!(matches!(
        account_url(200, r#"{"success":true,"accountUrl":"javascript:alert(1)"}"#),
        Err(ConnectRefusal::BadAnswer(_))
    ));
}
