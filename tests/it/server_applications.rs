//! Partner applications over real HTTP, on SQLite and PostgreSQL: apply, the
//! moderator's decision and its letter, the one-time link, and who may do what.

use crate::common::{ok, TestServer};
use serde_json::{json, Value};
use souk::api::applications::{ApplicationView, Invitation};
use souk::api::partner::ListingSummary;
use souk::api::SessionInfo;
use souk::app::limits::APPLICATIONS_PER_ADDRESS;
use souk::domain::application::Decision;
use souk::domain::Role;

const VOLGA: (&str, &str) = ("owner@volga.demo", "volga-demo-2026");
const PARTNER: (&str, &str) = ("partner@govorun.demo", "partner-demo-2026");
const MODERATOR: (&str, &str) = ("moderator@souk.demo", "moderator-demo-2026");

fn application(email: &str) -> Value {
    json!({
        "company": "Северный ветер", "contact": "Ольга Ветрова", "email": email, "phone": "+7 (912) 345-67-89",
        "website": "https://veter.example", "message": "Модуль доставки по Сибири"
    })
}

async fn apply(server: &TestServer, application: Value, lang: &str) -> reqwest::Response {
    server.call_json("apply", json!({ "application": application, "lang": lang })).await
}

async fn error_of(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, serde_json::from_str(&response.text().await.unwrap()).unwrap())
}

async fn pending_id(moderator: &TestServer, email: &str) -> String {
    let list: Vec<ApplicationView> = ok(moderator.call("applications", &[]).await).await;
    let found = list.iter().find(|a| a.application.email == email && a.decision == Decision::Pending);
    found.expect("the application waits for the moderator").id.to_string()
}

/// The one-time link's token, read from the approval letter.
fn token_in(letter: &str) -> String {
    let start = letter.find("/welcome/").expect("the letter has the link") + "/welcome/".len();
    letter[start..].chars().take_while(char::is_ascii_alphanumeric).collect()
}

#[tokio::test]
async fn an_approved_applicant_sets_a_password_through_the_letter_once() {
    for server in crate::common::servers().await {
        let visitor = server.another_client();
        let (status, body) = error_of(apply(&visitor, json!({ "email": "not an address" }), "en").await).await;
        assert_eq!(status, 422, "{} incomplete application", server.label);
        let fields: Vec<&str> =
            body["detail"].as_array().unwrap().iter().map(|p| p["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["company", "contact", "email", "phone", "website"]);

        assert_eq!(apply(&visitor, application(" Olga@Veter.Example "), "en").await.status(), 200);
        for taken in ["olga@veter.example", PARTNER.0] {
            let (status, body) = error_of(apply(&visitor, application(taken), "en").await).await;
            assert_eq!((status, &body["detail"][0]["issue"]), (422, &json!("email_taken")), "{taken}");
        }

        let moderator = server.as_user(MODERATOR).await;
        let id = pending_id(&moderator, "olga@veter.example").await;
        let approved: ApplicationView = ok(moderator.call("approve_application", &[("id", &id)]).await).await;
        assert_eq!(approved.decision, Decision::Approved);
        let letter = approved.letter.expect("the decision wrote a letter");
        assert_eq!(letter.recipient, "olga@veter.example");
        assert!(letter.subject.contains("Северный ветер") && letter.body.contains("Set the password"), "{letter:?}");
        assert!(letter.body.contains(&format!("{}/welcome/", server.base)), "{}", letter.body);
        let token = token_in(&letter.body);
        assert_eq!(token.len(), 64);
        assert_eq!(moderator.call("approve_application", &[("id", &id)]).await.status(), 409, "decided once");

        let newcomer = server.another_client();
        let refused = newcomer.call("sign_in", &[("email", "olga@veter.example"), ("password", "")]).await;
        assert_eq!(refused.status(), 401, "no password before the link is used");
        let invitation: Invitation = ok(newcomer.call("open_invitation", &[("token", &token)]).await).await;
        assert_eq!((invitation.email.as_str(), invitation.company.as_str()), ("olga@veter.example", "Северный ветер"));

        let (status, body) =
            error_of(newcomer.call("accept_invitation", &[("token", &token), ("password", "short")]).await).await;
        assert_eq!((status, &body["detail"][0]["field"]), (422, &json!("password")));
        let session: SessionInfo =
            ok(newcomer.call("accept_invitation", &[("token", &token), ("password", "a long new password")]).await)
                .await;
        assert_eq!((session.user.role, session.user.name.as_str()), (Role::Partner, "Ольга Ветрова"));
        let listings: Vec<ListingSummary> = ok(newcomer.call("my_listings", &[]).await).await;
        assert!(listings.is_empty(), "a new partner starts with no modules");

        let again = server.another_client();
        assert_eq!(again.call("open_invitation", &[("token", &token)]).await.status(), 404, "the link is used up");
        let reuse = again.call("accept_invitation", &[("token", &token), ("password", "someone else's pw")]).await;
        assert_eq!(reuse.status(), 404);
        again.sign_in("olga@veter.example", "a long new password").await;
        assert_eq!(again.call("open_invitation", &[("token", &"0".repeat(64))]).await.status(), 404);
    }
}

#[tokio::test]
async fn a_declined_applicant_reads_the_reason_and_gets_no_sign_in() {
    for server in crate::common::servers().await {
        let visitor = server.another_client();
        assert_eq!(apply(&visitor, application("ivan@veter.example"), "ru").await.status(), 200);
        let moderator = server.as_user(MODERATOR).await;
        let id = pending_id(&moderator, "ivan@veter.example").await;
        let (status, body) =
            error_of(moderator.call("decline_application", &[("id", &id), ("reason", " ")]).await).await;
        assert_eq!((status, &body["detail"]), (409, &json!("no_reason")), "{} a decline needs a reason", server.label);

        let reason = "Сайт компании не открывается";
        let declined: ApplicationView =
            ok(moderator.call("decline_application", &[("id", &id), ("reason", reason)]).await).await;
        assert_eq!(declined.decision, Decision::Declined(reason.into()));
        let letter = declined.letter.unwrap();
        assert!(letter.body.contains(reason) && letter.body.contains("отклонил"), "in Russian: {}", letter.body);
        assert!(!letter.body.contains("/welcome/"));
        let refused = visitor.call("sign_in", &[("email", "ivan@veter.example"), ("password", "")]).await;
        assert_eq!(refused.status(), 401);
        assert_eq!(apply(&visitor, application("ivan@veter.example"), "ru").await.status(), 200, "may apply again");
    }
}

#[tokio::test]
async fn only_moderators_decide_and_an_address_applies_a_few_times_an_hour() {
    for server in crate::common::servers().await {
        assert_eq!(apply(&server, application("first@veter.example"), "en").await.status(), 200);
        let id = pending_id(&server.as_user(MODERATOR).await, "first@veter.example").await;
        let anonymous = server.another_client();
        let owner = server.as_user(VOLGA).await;
        let partner = server.as_user(PARTNER).await;
        for (who, client, status) in
            [("anonymous", &anonymous, 401), ("owner", &owner, 403), ("partner", &partner, 403)]
        {
            let calls = [
                ("applications", json!({})),
                ("approve_application", json!({ "id": id })),
                ("decline_application", json!({ "id": id, "reason": "no" })),
            ];
            for (function, args) in calls {
                let response = client.call_json(function, args).await;
                assert_eq!(response.status(), status, "{} {who} calls {function}", server.label);
            }
        }
        let still: Vec<ApplicationView> = ok(server.as_user(MODERATOR).await.call("applications", &[]).await).await;
        assert_eq!(still[0].decision, Decision::Pending, "nothing was decided");

        for n in 1..APPLICATIONS_PER_ADDRESS {
            assert_eq!(apply(&server, application(&format!("more{n}@veter.example")), "en").await.status(), 200);
        }
        let (status, body) = error_of(apply(&server, application("spam@veter.example"), "en").await).await;
        assert_eq!((status, &body["error"]), (429, &json!("too_many_attempts")));
    }
}
