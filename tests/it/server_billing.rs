//! Activation, connections and billing over real HTTP, on SQLite and PostgreSQL.

use crate::common::{ok, TestServer};
use chrono::{Duration, Utc};
use rust_decimal::{dec, Decimal};
use serde_json::{json, Value};
use souk::api::types::{BillingView, HistoryPage, MailView, Page, TopUpOutcome};
use souk::domain::billing::{Operation, OperationKind, Status};

const VOLGA: (&str, &str) = ("owner@volga.demo", "volga-demo-2026");
const STEPPE: (&str, &str) = ("owner@steppe.demo", "steppe-demo-2026");

async fn billing(server: &TestServer) -> BillingView {
    let response = server.call("billing", &[]).await;
    assert_eq!(response.status(), 200, "{}", server.label);
    response.json().await.unwrap()
}

async fn history(server: &TestServer, filter: Value) -> Vec<Operation> {
    history_page(server, filter, None).await.items
}

async fn history_page(server: &TestServer, filter: Value, before: Option<u64>) -> HistoryPage {
    let response = server.call_json("history", json!({ "filter": filter, "before": before })).await;
    assert_eq!(response.status(), 200, "{}", server.label);
    response.json().await.unwrap()
}

/// A key of its own for each intended change, as the app makes one.
fn new_key() -> String {
    souk::app::tokens::random_hex(16)
}

async fn activate(server: &TestServer, code: &str) -> reqwest::Response {
    server.call("activate", &[("code", code), ("idempotency_key", &new_key())]).await
}

async fn top_up(server: &TestServer, amount: &str) -> reqwest::Response {
    server.call("top_up", &[("amount", amount), ("idempotency_key", &new_key())]).await
}

/// A top-up paid on the provider's page: the ledger once the payer is back.
async fn pay(server: &TestServer, amount: &str) -> BillingView {
    let started = top_up(server, amount).await;
    crate::server_payments::pay_on_page(server, started).await.billing
}

/// The refusal a server function answered with, as `{"error": "refused", "detail": …}`.
async fn refusal(response: reqwest::Response, status: u16) -> Value {
    assert_eq!(response.status(), status);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "refused", "{body}");
    body["detail"].clone()
}

fn in_days(days: i64) -> String {
    (Utc::now() + Duration::days(days)).to_rfc3339()
}

#[tokio::test]
async fn a_paid_activation_charges_at_once_and_is_in_the_history() {
    for server in crate::common::servers().await {
        server.sign_in(VOLGA.0, VOLGA.1).await;
        let before = billing(&server).await;
        assert_eq!(before.ledger.balance, dec!(12500), "{}", server.label);
        assert_eq!(before.ledger.connections.len(), 3);

        let response = activate(&server, "ambar-wms").await;
        assert_eq!(response.status(), 200, "{}", server.label);
        let after: BillingView = response.json().await.unwrap();
        // The discounted price is the one charged.
        assert_eq!(after.ledger.balance, dec!(5600));
        let connection = after.ledger.connections.iter().find(|c| c.module == "ambar-wms").unwrap();
        assert_eq!((connection.status, connection.name.as_str()), (Status::Paid, "Амбар WMS"));

        let rows = history(&server, json!({})).await;
        assert_eq!(rows[0].kind, OperationKind::Charge);
        assert_eq!((rows[0].amount, rows[0].balance_after), (dec!(-6900), dec!(5600)));
        assert_eq!(rows.iter().map(|o| o.amount).sum::<Decimal>(), dec!(5600));

        // A trial module: nothing charged, the trial is in the history.
        let trial: BillingView = activate(&server, "gruz-line").await.json().await.unwrap();
        assert_eq!(trial.ledger.balance, dec!(5600));
        assert_eq!(history(&server, json!({"kind": "trial_start"})).await.len(), 3);

        // Deactivation refunds nothing, and activating again would charge again:
        // 6 900 ₽ no longer fits in 5 600 ₽, so it is refused and nothing changes.
        let response = server.call("deactivate_module", &[("code", "ambar-wms")]).await;
        assert_eq!(response.status(), 200);
        assert_eq!(billing(&server).await.ledger.balance, dec!(5600));
        let detail = refusal(activate(&server, "ambar-wms").await, 409).await;
        assert_eq!(detail, json!({"insufficient_funds": {"price": "6900", "balance": "5600.00"}}));
        assert_eq!(billing(&server).await.ledger.balance, dec!(5600));
        assert_eq!(history(&server, json!({})).await.len(), rows.len() + 1);
    }
}

#[tokio::test]
async fn exclusive_sections_refuse_a_second_module_but_not_a_second_connection() {
    for server in crate::common::servers().await {
        server.sign_in(VOLGA.0, VOLGA.1).await;
        // Chek-Online is active among the cash registers.
        let detail = refusal(activate(&server, "kassa-mobile").await, 409).await;
        assert_eq!(detail, json!({"exclusive": {"active": "chek-online"}}), "{}", server.label);
        // Its trial is spent, so a second connection is charged at once.
        let response = activate(&server, "chek-online").await;
        assert_eq!(response.status(), 200);
        let view: BillingView = response.json().await.unwrap();
        let names: Vec<&str> =
            view.ledger.connections.iter().filter(|c| c.module == "chek-online").map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Чек Онлайн", "Чек Онлайн 2"]);
        assert_eq!(view.ledger.balance, dec!(11510));
    }
}

#[tokio::test]
async fn connections_are_renamed_by_their_owner_only() {
    for server in crate::common::servers().await {
        server.sign_in(VOLGA.0, VOLGA.1).await;
        let id = billing(&server).await.ledger.connections[0].id.to_string();
        let rename = |id: String, name: String| {
            let server = &server;
            async move { server.call("rename_connection", &[("id", &id), ("name", &name)]).await }
        };
        let response = rename(id.clone(), "  Склад на Тверской ".into()).await;
        assert_eq!(response.status(), 200, "{}", server.label);
        let view: BillingView = response.json().await.unwrap();
        assert_eq!(view.ledger.connections.iter().find(|c| c.id == id).unwrap().name, "Склад на Тверской");
        assert_eq!(refusal(rename(id.clone(), "   ".into()).await, 422).await, json!({"name": "empty"}));
        assert_eq!(refusal(rename(id.clone(), "x".repeat(65)).await, 422).await, json!({"name": "too_long"}));

        // Another account cannot reach it.
        let steppe = server.another_client();
        steppe.sign_in(STEPPE.0, STEPPE.1).await;
        assert_eq!(
            refusal(steppe.call("rename_connection", &[("id", &id), ("name", "mine")]).await, 404).await,
            "unknown_connection"
        );
        assert_eq!(
            refusal(steppe.call("deactivate_connection", &[("id", &id)]).await, 404).await,
            "unknown_connection"
        );
        assert_eq!(
            billing(&server).await.ledger.connections.iter().find(|c| c.id == id).unwrap().name,
            "Склад на Тверской"
        );
    }
}

#[tokio::test]
async fn fifty_simultaneous_activations_that_the_balance_covers_once_charge_once() {
    for server in crate::common::servers().await {
        server.sign_in(STEPPE.0, STEPPE.1).await;
        // 3 000 ₽ covers one 2 200 ₽ charge of Astana Track, not two.
        let requests = (0..50).map(|_| {
            let server = &server;
            async move { activate(server, "astana-track").await.status().as_u16() }
        });
        let statuses = futures_util::future::join_all(requests).await;
        assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{} {statuses:?}", server.label);
        assert_eq!(statuses.iter().filter(|s| **s == 409).count(), 49, "{statuses:?}");
        let view = billing(&server).await;
        assert_eq!(view.ledger.balance, dec!(800));
        assert_eq!(view.ledger.connections.iter().filter(|c| c.module == "astana-track").count(), 1);
        let rows = history(&server, json!({})).await;
        assert_eq!(rows.iter().filter(|o| o.kind == OperationKind::Charge).count(), 1);
        assert_eq!(rows.iter().map(|o| o.amount).sum::<Decimal>(), view.ledger.balance);
    }
}

#[tokio::test]
async fn a_change_sent_twice_under_one_key_happens_once() {
    for server in crate::common::servers().await {
        server.sign_in(VOLGA.0, VOLGA.1).await;
        let before = billing(&server).await.ledger;
        let top_ups = |rows: Vec<Operation>| rows.iter().filter(|o| o.kind == OperationKind::TopUp).count();
        let top_ups_before = top_ups(history(&server, json!({})).await);
        let key = new_key();
        let activation = [("code", "ambar-wms"), ("idempotency_key", key.as_str())];
        // A double click and a retry: at the same moment, then again after.
        let burst = (0..5).map(|_| {
            let server = &server;
            async move { server.call("activate", &activation).await.status().as_u16() }
        });
        let statuses = futures_util::future::join_all(burst).await;
        assert!(statuses.iter().all(|s| *s == 200), "{} {statuses:?}", server.label);
        let retried: BillingView = server.call("activate", &activation).await.json().await.unwrap();
        let ambar = retried.ledger.connections.iter().filter(|c| c.module == "ambar-wms").count();
        assert_eq!((ambar, retried.ledger.balance), (1, before.balance - dec!(6900)), "one connection, one charge");

        let key = new_key();
        let mut pages = Vec::new();
        for _ in 0..3 {
            let started = server.call("top_up", &[("amount", "500"), ("idempotency_key", &key)]).await;
            pages.push(crate::common::ok::<TopUpOutcome>(started).await);
        }
        assert!(pages.windows(2).all(|w| w[0] == w[1]), "one payment: {pages:?}");
        let other = server.call("top_up", &[("amount", "700"), ("idempotency_key", &key)]).await;
        assert_eq!(other.status(), 400, "one key, one request");
        assert!(other.text().await.unwrap().contains("idempotency_key"));
        let again = server.call("top_up", &[("amount", "500"), ("idempotency_key", &key)]).await;
        crate::server_payments::pay_on_page(&server, again).await;
        assert_eq!(billing(&server).await.ledger.balance, before.balance - dec!(6900) + dec!(500));
        assert_eq!(top_ups(history(&server, json!({})).await), top_ups_before + 1);

        for bad in ["", "short", &"x".repeat(65), "no spaces allowed here"] {
            let refused = server.call("top_up", &[("amount", "1"), ("idempotency_key", bad)]).await;
            assert_eq!(refused.status(), 400, "{bad:?}");
        }
        // Another account's key is its own: the same string runs there.
        let steppe = server.as_user(STEPPE).await;
        let started = steppe.call("top_up", &[("amount", "500"), ("idempotency_key", &key)]).await;
        crate::server_payments::pay_on_page(&steppe, started).await;
        assert_eq!(billing(&steppe).await.ledger.balance, dec!(3500));
    }
}

#[tokio::test]
async fn a_billing_run_twice_for_one_moment_charges_once() {
    for server in crate::common::servers().await {
        server.sign_in(VOLGA.0, VOLGA.1).await;
        // Chek-Online (990 ₽) and Chatterbox (1 990 ₽) started 14-day trials when the demo was seeded.
        let notices = server.run_billing(&in_days(13)).await;
        assert_eq!((notices.notices, notices.charges), (2, 0), "{}", server.label);
        let mail: Vec<MailView> = ok::<Page<MailView>>(server.call("notifications", &[]).await).await.items;
        assert_eq!(mail.len(), 2);
        assert!(mail.iter().all(|m| m.notice.after_trial && m.recipient == VOLGA.0 && m.sent_at.is_none()));

        let first = server.run_billing(&in_days(15)).await;
        assert_eq!((first.charges, first.freezes), (2, 0));
        let after_first = (billing(&server).await.ledger, history(&server, json!({})).await);
        assert_eq!(after_first.0.balance, dec!(9520));

        let second = server.run_billing(&in_days(15)).await;
        assert_eq!(second, Default::default());
        let after_second = (billing(&server).await.ledger, history(&server, json!({})).await);
        assert_eq!(after_first, after_second);
        assert_eq!(after_second.1.iter().map(|o| o.amount).sum::<Decimal>(), dec!(9520));
        let charged: Vec<_> = after_second.0.connections.iter().filter(|c| c.status == Status::Paid).collect();
        assert_eq!(charged.len(), 2);
    }
}

#[tokio::test]
async fn a_charge_the_balance_cannot_cover_freezes_until_a_top_up() {
    for server in crate::common::servers().await {
        server.sign_in(STEPPE.0, STEPPE.1).await;
        // Sled (3 490 ₽ after a 14-day trial) against 3 000 ₽.
        assert_eq!(activate(&server, "sled-calltracking").await.status(), 200, "{}", server.label);
        assert_eq!(server.run_billing(&in_days(15)).await.freezes, 1);
        let frozen = billing(&server).await.ledger;
        assert_eq!(frozen.connections.iter().find(|c| c.module == "sled-calltracking").unwrap().status, Status::Frozen);
        assert_eq!(frozen.balance, dec!(3000));

        assert_eq!(refusal(top_up(&server, "0").await, 422).await, json!({"amount": "not_positive"}));
        assert_eq!(refusal(top_up(&server, "1000000.01").await, 422).await, json!({"amount": "too_large"}));
        let view = pay(&server, "1 000,50").await;
        assert_eq!(view.ledger.balance, dec!(510.50));
        let sled = view.ledger.connections.iter().find(|c| c.module == "sled-calltracking").unwrap();
        assert_eq!(sled.status, Status::Paid);
        let kinds: Vec<OperationKind> =
            history(&server, json!({"module": "sled-calltracking"})).await.iter().map(|o| o.kind).collect();
        assert_eq!(
            kinds,
            [
                OperationKind::Unfreeze,
                OperationKind::Charge,
                OperationKind::Freeze,
                OperationKind::TrialEnd,
                OperationKind::TrialStart
            ]
        );
    }
}

#[tokio::test]
async fn the_csv_export_holds_exactly_the_filtered_rows() {
    for server in crate::common::servers().await {
        server.sign_in(VOLGA.0, VOLGA.1).await;
        assert_eq!(pay(&server, "250.5").await.ledger.balance, dec!(12750.50));
        assert_eq!(activate(&server, "mail-otklik").await.status(), 200);
        let response = server.call_json("history_csv", json!({"filter": {"kind": "charge"}, "lang": "en"})).await;
        assert_eq!(response.status(), 200, "{}", server.label);
        let csv: String = response.json().await.unwrap();
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines[0], "Date and time,Operation,Module,Connection,\"Amount, RUB\",\"Balance after, RUB\"");
        assert_eq!(lines.len(), 2, "{csv}");
        assert!(lines[1].ends_with(",Charge,Otklik Reviews,Отклик Отзывы,-590.00,12160.50"), "{}", lines[1]);

        let everything: String =
            server.call_json("history_csv", json!({"filter": {}, "lang": "ru"})).await.json().await.unwrap();
        assert!(everything
            .starts_with("Дата и время,Операция,Модуль,Подключение,\"Сумма, руб.\",\"Баланс после, руб.\"\r\n"));
        assert_eq!(everything.matches("\r\n").count(), 1 + history(&server, json!({})).await.len());
        assert!(everything.contains(",Пополнение,,,250.50,12750.50\r\n"), "{everything}");
    }
}

#[tokio::test]
async fn a_name_that_a_spreadsheet_would_run_goes_into_the_csv_as_text() {
    for server in crate::common::servers().await {
        server.sign_in(VOLGA.0, VOLGA.1).await;
        let view: BillingView = activate(&server, "mail-otklik").await.json().await.unwrap();
        let id = view.ledger.connections.iter().find(|c| c.module == "mail-otklik").unwrap().id.to_string();
        let formula = "=HYPERLINK(\"https://evil.example\",\"Open\")";
        assert_eq!(server.call("rename_connection", &[("id", &id), ("name", formula)]).await.status(), 200);
        // The next month's charge is recorded under the new name.
        assert_eq!(server.run_billing(&in_days(32)).await.charges, 3, "{}", server.label);
        let csv: String = server
            .call_json("history_csv", json!({"filter": {"kind": "charge"}, "lang": "en"}))
            .await
            .json()
            .await
            .unwrap();
        assert!(csv.contains(",\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"Open\"\")\","), "{csv}");
        assert!(!csv.contains(",=") && !csv.contains(",\"="), "no cell a spreadsheet would run: {csv}");
    }
}

#[tokio::test]
async fn an_account_holds_at_most_a_hundred_connections_of_one_module() {
    for server in crate::common::servers().await {
        server.sign_in(VOLGA.0, VOLGA.1).await;
        let had = billing(&server).await.ledger.connections_of("polka-stock").count();
        for _ in had..100 {
            assert_eq!(activate(&server, "polka-stock").await.status(), 200, "{}", server.label);
        }
        let refused = refusal(activate(&server, "polka-stock").await, 409).await;
        assert_eq!(refused, json!({"too_many_connections": {"max": 100}}));
        let ledger = billing(&server).await.ledger;
        let polka: Vec<_> = ledger.connections.iter().filter(|c| c.module == "polka-stock").collect();
        assert_eq!(polka.len(), 100);
        let names: std::collections::HashSet<_> = polka.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names.len(), 100, "{}: a name of its own each", server.label);
    }
}

#[tokio::test]
async fn the_history_comes_in_pages_and_its_filter_runs_in_the_database() {
    for server in crate::common::servers().await {
        server.sign_in(STEPPE.0, STEPPE.1).await;
        let before = history(&server, json!({})).await.len();
        let seeded = history(&server, json!({"kind": "top_up"})).await.len();
        for n in 1..=55 {
            pay(&server, &n.to_string()).await;
        }
        let first = history_page(&server, json!({}), None).await;
        assert_eq!(first.items.len(), 50, "{}", server.label);
        let second = history_page(&server, json!({}), first.next).await;
        assert_eq!(second.items.len(), 55 + before - 50);
        assert_eq!(second.next, None, "the last page");
        let seqs: Vec<u64> = first.items.iter().chain(&second.items).map(|o| o.seq).collect();
        assert!(seqs.windows(2).all(|w| w[0] > w[1]), "newest first, no row twice: {seqs:?}");
        assert_eq!(first.items[0].amount, dec!(55), "the newest first");

        // Filtered by the database: kind, and the account's local days (Moscow's for Steppe).
        let top_ups = history_page(&server, json!({"kind": "top_up"}), None).await;
        assert!(top_ups.items.iter().all(|o| o.kind == OperationKind::TopUp));
        let today = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Moscow).date_naive();
        let (from, to) = (today.pred_opt().unwrap(), today.succ_opt().unwrap());
        let dated = history_page(&server, json!({"kind": "top_up", "from": from, "to": to}), top_ups.next).await;
        assert_eq!(top_ups.items.len() + dated.items.len(), 55 + seeded);
        let yesterday = today.pred_opt().unwrap();
        assert!(history(&server, json!({"from": yesterday - Duration::days(30), "to": yesterday})).await.is_empty());
        let csv: String =
            ok(server.call_json("history_csv", json!({"filter": {"kind": "top_up"}, "lang": "en"})).await).await;
        assert_eq!(csv.matches("\r\n").count(), 1 + 55 + seeded, "the export holds every page");
    }
}
