//! The reseller billing over real HTTP, on SQLite and PostgreSQL, against the
//! selling BILLmanager's stand-in (`souk-server billmgr`): the handler
//! wizard's test call and each of its refusals, data centres, plans imported,
//! enabled, ordered, prolonged and synchronised, two handlers chosen by
//! priority and minimum balance, and no one else seeing any of it.

use crate::common::{ok, TestServer};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use souk::api::reseller::{Offer, Ordered, ResellerView, SellingCheck, Synchronised};
use souk::api::types::{BillingView, Page};
use souk::domain::builtin::ApiCall;
use souk::domain::reseller::{PlanChange, ServiceStatus};
use souk::server::billmgr::Shared;

const VOLGA: (&str, &str) = ("owner@volga.demo", "volga-demo-2026");
const STEPPE: (&str, &str) = ("owner@steppe.demo", "steppe-demo-2026");
const PARTNER: (&str, &str) = ("partner@govorun.demo", "partner-demo-2026");

/// The stand-in, and its state for a test to change.
async fn stand_in() -> (String, Shared) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let billing = Shared::default();
    let addr = souk::server::billmgr::start(listener, billing.clone()).await.unwrap();
    (format!("http://{addr}"), billing)
}

async fn activate(owner: &TestServer) -> String {
    let key = souk::app::tokens::random_hex(16);
    let body = [("code", "souk-reseller"), ("idempotency_key", key.as_str())];
    let view: BillingView = ok(owner.call("activate", &body).await).await;
    view.ledger.connections.iter().find(|c| c.module == "souk-reseller").expect("activated").id.to_string()
}

fn sign_in(product: &str, url: &str, user: &str, password: &str) -> Value {
    json!({ "product": product, "url": url, "user": user, "password": password })
}

fn details(data_centre: &str, name: &str, priority: u32, min_balance: &str) -> Value {
    json!({ "data_centre": data_centre, "name": name, "department": "technical", "priority": priority, "min_balance": min_balance })
}

async fn error_of(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// A data centre, then a handler of `product` on `user`'s selling account.
async fn handler(owner: &TestServer, connection: &str, sign_in: Value, details: Value) -> ResellerView {
    ok(owner
        .call_json("create_handler", json!({ "connection": connection, "sign_in": sign_in, "details": details }))
        .await)
    .await
}

async fn data_centre(owner: &TestServer, connection: &str) -> String {
    let view: ResellerView =
        ok(owner.call_json("create_data_centre", json!({ "connection": connection, "name": "Moscow DC" })).await).await;
    view.data_centres[0].id.clone()
}

#[tokio::test]
async fn the_wizard_tests_the_selling_account_and_a_customer_orders_an_enabled_plan() {
    let sms_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let not_billmanager = format!("http://{}", souk::server::smsc::start(sms_listener).await.unwrap());
    let unreachable = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    for server in crate::common::servers().await {
        // A selling billing for each server: the balance is as the test call expects.
        let (url, billing) = stand_in().await;
        let owner = server.as_user(VOLGA).await;
        let connection = activate(&owner).await;
        let one = json!({ "connection": connection });
        let fresh: ResellerView = ok(owner.call_json("reseller", one.clone()).await).await;
        assert!(fresh.handlers.is_empty() && fresh.plans.is_empty());
        let _: () = ok(owner.call_json("set_api_log", json!({ "connection": connection, "on": true })).await).await;
        let check = |sign_in: Value| {
            owner.call_json("check_selling_account", json!({ "connection": connection, "sign_in": sign_in }))
        };

        // Each refusal of the test call, with its reason.
        let (status, error) = error_of(check(sign_in("vds", &url, "reseller1", "wrong")).await).await;
        assert_eq!(status, 409, "{}", server.label);
        assert_eq!(error["detail"]["detail"]["detail"]["kind"], "auth", "{error}");
        let (status, error) = error_of(check(sign_in("vds", &url, "admin", "admin")).await).await;
        assert_eq!((status, &error["detail"]), (409, &json!({ "kind": "not_client", "detail": 28 })));
        let (status, error) = error_of(check(sign_in("vds", &not_billmanager, "reseller1", "secret1")).await).await;
        assert_eq!((status, &error["detail"]["detail"]["kind"]), (502, &json!("not_billmanager")), "{error}");
        let (status, error) = error_of(check(sign_in("vds", &unreachable, "reseller1", "secret1")).await).await;
        assert_eq!((status, &error["detail"]["detail"]["kind"]), (502, &json!("no_answer")), "{error}");
        let (status, error) = error_of(check(sign_in("vds", "billing.example", "", "x")).await).await;
        assert_eq!((status, &error["detail"]["detail"]["field"]), (422, &json!("url")));

        let found: SellingCheck = ok(check(sign_in("vds", &format!("{url}/"), "reseller1", "secret1")).await).await;
        assert_eq!((found.account.balance, found.account.level, found.shared), (Decimal::new(150_000, 2), 16, false));

        // Finish: the data centre must be one of the account's.
        let body = json!({ "connection": connection, "sign_in": sign_in("vds", &url, "reseller1", "secret1"), "details": details("dc-none", "VDS", 10, "100") });
        let (status, error) = error_of(owner.call_json("create_handler", body).await).await;
        assert_eq!((status, &error["detail"]["detail"]["field"]), (422, &json!("data_centre")));
        let centre = data_centre(&owner, &connection).await;
        let view = handler(
            &owner,
            &connection,
            sign_in("vds", &url, "reseller1", "secret1"),
            details(&centre, "VDS", 10, "100"),
        )
        .await;
        assert_eq!(
            (view.handlers.len(), view.handlers[0].url.as_str()),
            (1, url.as_str()),
            "kept without its trailing /"
        );
        assert_eq!(view.handlers[0].data_centre_name, "Moscow DC");
        // One handler per product type and selling account.
        let body = json!({ "connection": connection, "sign_in": sign_in("vds", &url, "reseller1", "secret1"), "details": details(&centre, "VDS 2", 10, "100") });
        let (status, error) = error_of(owner.call_json("create_handler", body).await).await;
        assert_eq!((status, &error["detail"]), (409, &json!({ "kind": "handler_taken", "detail": "vds" })));
        let handler_id = view.handlers[0].id.clone();

        // Import: every VDS plan shown, the daily one refused with its reason.
        let offers: Vec<Offer> =
            ok(owner.call_json("offered_plans", json!({ "connection": connection, "handler": handler_id })).await)
                .await;
        let names: Vec<&str> = offers.iter().map(|o| o.plan.name.as_str()).collect();
        assert_eq!(names, ["VDS Light", "VDS Medium", "VDS Heavy", "VDS Daily"]);
        assert_eq!(offers[3].refused, Some(souk::domain::reseller::NotImportable::Periods));
        assert!(offers[..3].iter().all(|o| o.refused.is_none() && !o.imported));
        let import = |plans: Value| {
            owner.call_json(
                "import_plans",
                json!({ "connection": connection, "handler": handler_id, "plans": plans, "provider": "Volga Hosting" }),
            )
        };
        let (status, error) = error_of(import(json!(["2190"])).await).await;
        assert_eq!((status, &error["detail"]["kind"]), (409, &json!("not_importable")));
        let view: ResellerView = ok(import(json!(["2187", "2188"])).await).await;
        assert_eq!(view.plans.len(), 2);
        assert!(view.plans.iter().all(|p| !p.enabled), "imported plans start off");
        let (light, medium) = (view.plans[0].id.clone(), view.plans[1].id.clone());

        // Ordering a plan that is off is refused; enabled, it is placed on the selling billing.
        let key = || souk::app::tokens::random_hex(16);
        let order = |plan: &str, months: u32, key: &str| {
            owner.call_json(
                "order_plan",
                json!({ "connection": connection, "plan": plan, "months": months, "key": key }),
            )
        };
        let (status, error) = error_of(order(&light, 1, &key()).await).await;
        assert_eq!((status, &error["detail"]["kind"]), (409, &json!("plan_disabled")));
        let _: ResellerView = ok(owner
            .call_json("set_plan_enabled", json!({ "connection": connection, "plan": light, "enabled": true }))
            .await)
        .await;
        let (status, error) = error_of(order(&light, 6, &key()).await).await;
        assert_eq!((status, &error["detail"]), (409, &json!({ "kind": "no_such_period", "detail": 6 })));
        let once = key();
        let ordered: Ordered = ok(order(&light, 1, &once).await).await;
        assert_eq!(ordered.handler_name, "VDS");
        // Sent twice, placed once.
        let again: Ordered = ok(order(&light, 1, &once).await).await;
        assert_eq!((again.service.as_str(), again.view.services.len()), (ordered.service.as_str(), 1));
        let service = &ordered.view.services[0];
        {
            let billing = billing.lock().unwrap();
            let sold: Vec<_> = billing.services.iter().filter(|s| s.remote_id == ordered.service).collect();
            assert_eq!(sold.len(), 1);
            assert_eq!(sold[0].id.to_string(), service.remote_id);
        }
        // The medium plan is still off.
        let (status, _) = error_of(order(&medium, 12, &key()).await).await;
        assert_eq!(status, 409);

        // Prolong, suspend, resume reach the selling billing.
        let act = |action: &str| {
            owner.call_json(
                "act_on_service",
                json!({ "connection": connection, "service": ordered.service, "action": action }),
            )
        };
        let view: ResellerView = ok(act("prolong").await).await;
        assert!(view.services[0].paid_until > service.paid_until);
        let view: ResellerView = ok(act("suspend").await).await;
        assert_eq!(view.services[0].status, ServiceStatus::Suspended);
        let (status, error) = error_of(act("suspend").await).await;
        assert_eq!((status, &error["detail"]["kind"]), (409, &json!("service_state")));
        let _: ResellerView = ok(act("resume").await).await;
        {
            let billing = billing.lock().unwrap();
            let sold = billing.services.iter().find(|s| s.remote_id == ordered.service).unwrap();
            assert_eq!(sold.status, "active");
        }

        // The handler serves an enabled plan and a live service: not deleted, and the message says which.
        let (status, error) = error_of(
            owner.call_json("delete_handler", json!({ "connection": connection, "handler": handler_id })).await,
        )
        .await;
        assert_eq!(status, 409);
        assert_eq!(error["detail"]["detail"], json!({ "plans": ["VDS Light"], "services": 1 }));
        // Deleted on the selling billing too; then, the plan off, nothing holds the handler.
        let view: ResellerView = ok(act("delete").await).await;
        assert_eq!(view.services[0].status, ServiceStatus::Deleted);
        assert_eq!(error_of(act("resume").await).await.0, 409, "a deleted service stays deleted");
        {
            let billing = billing.lock().unwrap();
            let sold = billing.services.iter().find(|s| s.remote_id == ordered.service).unwrap();
            assert_eq!(sold.status, "deleted");
        }

        // The log: every call, authinfo masked, the billing's refusal kept.
        let page: Page<ApiCall> = ok(owner.call_json("api_log", one.clone()).await).await;
        assert!(page.items.iter().all(|c| c.params.contains("authinfo=***")), "{:?}", page.items);
        let funcs: Vec<&str> = page.items.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(funcs.last(), Some(&"/billmgr?func=whoami"));
        assert_eq!(page.items.last().unwrap().error.as_deref(), Some("doc.error auth/badpassword"));
        assert!(funcs.contains(&"/billmgr?func=vds.order.param") && funcs.contains(&"/billmgr?func=pricelist.export"));
        let raw = owner.call_json("api_log", one.clone()).await.text().await.unwrap();
        let view = owner.call_json("reseller", one.clone()).await.text().await.unwrap();
        assert!(!raw.contains("secret1") && !view.contains("secret1"), "the password came back");
        let sealed = server.sealed_builtin_secret(&connection).await;
        assert!(sealed.starts_with("v1:") && !sealed.contains("secret1"));
        let off = json!({ "connection": connection, "plan": light, "enabled": false });
        let _: ResellerView = ok(owner.call_json("set_plan_enabled", off).await).await;
        let with_handler = json!({ "connection": connection, "handler": handler_id });
        let view: ResellerView = ok(owner.call_json("delete_handler", with_handler).await).await;
        assert!(view.handlers.is_empty() && view.plans.len() == 2, "the plans stay, served by no handler");
        let on = json!({ "connection": connection, "plan": light, "enabled": true });
        let (status, error) = error_of(owner.call_json("set_plan_enabled", on).await).await;
        assert_eq!((status, &error["detail"]["kind"]), (409, &json!("no_handler")));
    }
}

#[tokio::test]
async fn the_lowest_priority_handler_with_its_minimum_balance_places_orders_and_plans_follow_the_billing() {
    let (url, billing) = stand_in().await;
    for server in crate::common::servers().await {
        let owner = server.as_user(VOLGA).await;
        let connection = activate(&owner).await;
        let centre = data_centre(&owner, &connection).await;
        // `poor` (10 ₽) comes first by priority but is below its minimum balance.
        handler(&owner, &connection, sign_in("soft", &url, "poor", "secret2"), details(&centre, "Poor", 1, "100"))
            .await;
        let view = handler(
            &owner,
            &connection,
            sign_in("soft", &url, "reseller1", "secret1"),
            details(&centre, "Main", 5, "100"),
        )
        .await;
        let main = view.handlers.iter().find(|h| h.details.name == "Main").unwrap().id.clone();
        let import = json!({ "connection": connection, "handler": main, "plans": ["4402"], "provider": "Volga" });
        let view: ResellerView = ok(owner.call_json("import_plans", import).await).await;
        let plan = view.plans[0].id.clone();
        let _: ResellerView = ok(owner
            .call_json("set_plan_enabled", json!({ "connection": connection, "plan": plan, "enabled": true }))
            .await)
        .await;
        let order = |key: String| {
            owner.call_json("order_plan", json!({ "connection": connection, "plan": plan, "months": 1, "key": key }))
        };
        let ordered: Ordered = ok(order(souk::app::tokens::random_hex(16)).await).await;
        assert_eq!(ordered.handler_name, "Main", "{}", server.label);

        // A new password is tested before it replaces the saved one.
        let with_password = |password: &str| json!({ "connection": connection, "handler": main, "details": details(&centre, "Main", 5, "100"), "password": password });
        let (status, error) = error_of(owner.call_json("update_handler", with_password("changed")).await).await;
        assert_eq!((status, &error["detail"]["detail"]["detail"]["kind"]), (409, &json!("auth")), "{error}");
        assert_eq!(owner.call_json("update_handler", with_password("")).await.status(), 422);
        let _: ResellerView = ok(owner.call_json("update_handler", with_password("secret1")).await).await;

        // Main's minimum raised above its balance: no handler can place the order.
        let update =
            json!({ "connection": connection, "handler": main, "details": details(&centre, "Main", 5, "100000") });
        let _: ResellerView = ok(owner.call_json("update_handler", update).await).await;
        let (status, error) = error_of(order(souk::app::tokens::random_hex(16)).await).await;
        assert_eq!((status, &error["detail"]["kind"]), (409, &json!("no_balance")));

        // The selling billing changes the plan's price: synchronising shows what changed.
        billing.lock().unwrap().plans.iter_mut().find(|p| p.id == 4402).unwrap().periods[0].2 = Decimal::new(650, 0);
        let synced: Synchronised =
            ok(owner.call_json("synchronise_plan", json!({ "connection": connection, "plan": plan })).await).await;
        assert_eq!(
            synced.changes,
            vec![PlanChange::Price { months: 1, from: Decimal::new(590, 0), to: Decimal::new(650, 0) }]
        );
        assert_eq!(synced.view.plans[0].cost_of(1), Some(Decimal::new(650, 0)));
        billing.lock().unwrap().plans.iter_mut().find(|p| p.id == 4402).unwrap().periods[0].2 = Decimal::new(590, 0);
    }
}

#[tokio::test]
async fn no_one_else_sees_or_uses_the_handlers() {
    let (url, _) = stand_in().await;
    for server in crate::common::servers().await {
        let owner = server.as_user(VOLGA).await;
        let connection = activate(&owner).await;
        let centre = data_centre(&owner, &connection).await;
        let view = handler(
            &owner,
            &connection,
            sign_in("vhost", &url, "reseller1", "secret1"),
            details(&centre, "Hosting", 0, "0"),
        )
        .await;
        let handler_id = view.handlers[0].id.clone();
        let one = json!({ "connection": connection });
        let with_handler = json!({ "connection": connection, "handler": handler_id });

        let other = server.as_user(STEPPE).await;
        for (call, body) in [("reseller", &one), ("offered_plans", &with_handler), ("delete_handler", &with_handler)] {
            assert_eq!(other.call_json(call, body.clone()).await.status(), 404, "{call} by another owner");
        }
        let partner = server.as_user(PARTNER).await;
        assert_eq!(partner.call_json("reseller", one.clone()).await.status(), 403);
        assert_eq!(server.another_client().call_json("reseller", one.clone()).await.status(), 401);

        // Another account's connection on the same selling account is warned about, once the password is right.
        let steppe = activate(&other).await;
        let body = json!({ "connection": steppe, "sign_in": sign_in("vhost", &url, "reseller1", "secret1") });
        let found: SellingCheck = ok(other.call_json("check_selling_account", body).await).await;
        assert!(found.shared);

        // A bad name is named and changes nothing.
        let bad = json!({ "connection": connection, "handler": handler_id, "details": details(&centre, "", 0, "0") });
        let (status, error) = error_of(owner.call_json("update_handler", bad).await).await;
        assert_eq!((status, &error["detail"]["detail"]["field"]), (422, &json!("name")));
        let (status, _) = error_of(
            owner.call_json("create_data_centre", json!({ "connection": connection, "name": "moscow dc" })).await,
        )
        .await;
        assert_eq!(status, 409, "data centre names are unique");
        let view: ResellerView = ok(owner.call_json("reseller", one.clone()).await).await;
        assert_eq!((view.handlers[0].details.name.as_str(), view.data_centres.len()), ("Hosting", 1));
        // With nothing holding it, the handler is deleted, and its password with it.
        let view: ResellerView = ok(owner.call_json("delete_handler", with_handler.clone()).await).await;
        assert!(view.handlers.is_empty());
    }
}
