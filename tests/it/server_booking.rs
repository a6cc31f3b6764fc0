//! The booking channel over real HTTP, on SQLite and PostgreSQL. So far the
//! account's own services: the owner adds, changes and deletes them; each
//! wrong field is named and changes nothing; no one else reads or changes them.

use crate::common::{ok, TestServer};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use souk::domain::booking::services::OwnService;

const VOLGA: (&str, &str) = ("owner@volga.demo", "volga-demo-2026");
const STEPPE: (&str, &str) = ("owner@steppe.demo", "steppe-demo-2026");
const PARTNER: (&str, &str) = ("partner@govorun.demo", "partner-demo-2026");

fn input(ru: &str, en: &str, minutes: &str, price: &str) -> Value {
    json!({ "name_ru": ru, "name_en": en, "duration_min": minutes, "price": price })
}

async fn save(owner: &TestServer, id: Option<&str>, service: Value) -> reqwest::Response {
    owner.call_json("save_account_service", json!({ "id": id, "service": service })).await
}

#[tokio::test]
async fn an_owner_keeps_the_services_the_channel_will_publish() {
    for server in crate::common::servers().await {
        let owner = server.as_user(VOLGA).await;
        let none: Vec<OwnService> = ok(owner.call_json("account_services", json!({})).await).await;
        assert!(none.is_empty(), "{}", server.label);
        let _: Vec<OwnService> =
            ok(save(&owner, None, input("МРТ головного мозга", "Brain MRI", "40", "4500")).await).await;
        let _: Vec<OwnService> = ok(save(&owner, None, input("ЭКГ", "ECG", "15", "1200,50")).await).await;
        let services: Vec<OwnService> =
            ok(save(&owner, None, input(" Общий анализ крови ", "Blood count", "10", "350")).await).await;
        let names: Vec<&str> = services.iter().map(|s| s.name.ru.as_str()).collect();
        assert_eq!(names, ["МРТ головного мозга", "ЭКГ", "Общий анализ крови"], "oldest first, trimmed");
        assert_eq!(services[1].price, Decimal::new(120_050, 2));

        // A longer examination: changed in place.
        let mri = services[0].id.clone();
        let changed: Vec<OwnService> =
            ok(save(&owner, Some(&mri), input("МРТ головного мозга", "Brain MRI", "60", "4500")).await).await;
        assert_eq!((changed.len(), changed[0].duration_min), (3, 60));

        // Each wrong field is named; nothing changes.
        for (service, field) in [
            (input("", "Brain MRI", "60", "4500"), "name_ru"),
            (input("МРТ", &"x".repeat(101), "60", "4500"), "name_en"),
            (input("МРТ", "MRI", "4", "4500"), "duration"),
            (input("МРТ", "MRI", "60", "0"), "price"),
            (input("МРТ", "MRI", "60", "10.001"), "price"),
        ] {
            let response = save(&owner, Some(&mri), service).await;
            assert_eq!(response.status(), 422, "{field}");
            let error: Value = response.json().await.unwrap();
            assert_eq!(error["detail"]["detail"]["field"], field, "{error}");
        }
        assert_eq!(save(&owner, Some("svc-nobody"), input("МРТ", "MRI", "60", "100")).await.status(), 404);
        let kept: Vec<OwnService> = ok(owner.call_json("account_services", json!({})).await).await;
        assert_eq!(kept, changed);

        // No one else reads or changes them.
        let other = server.as_user(STEPPE).await;
        let theirs: Vec<OwnService> = ok(other.call_json("account_services", json!({})).await).await;
        assert!(theirs.is_empty());
        assert_eq!(save(&other, Some(&mri), input("МРТ", "MRI", "60", "1")).await.status(), 404);
        assert_eq!(other.call_json("delete_account_service", json!({ "id": mri })).await.status(), 404);
        let partner = server.as_user(PARTNER).await;
        assert_eq!(partner.call_json("account_services", json!({})).await.status(), 403);
        assert_eq!(server.another_client().call_json("account_services", json!({})).await.status(), 401);

        let left: Vec<OwnService> = ok(owner.call_json("delete_account_service", json!({ "id": mri })).await).await;
        assert_eq!(left.len(), 2);
        assert_eq!(owner.call_json("delete_account_service", json!({ "id": mri })).await.status(), 404);
    }
}
