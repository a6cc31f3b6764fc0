//! Partner applications over real HTTP, on SQLite and PostgreSQL: apply, the
//! moderator's decision and its letter, the one-time link, and who may do what.

use crate::common::Mailbox;
use crate::common::{ok, server_in, Setup, TestServer, SQLITE};
use serde_json::{json, Value};
use souk::api::applications::Letter;
use souk::api::applications::{ApplicationView, Invitation};
use souk::api::partner::ListingSummary;
use souk::api::types::Page;
use souk::api::SessionInfo;
use souk::app::limits::APPLICATIONS_PER_ADDRESS;
use souk::app::passwords::Passwords;
use souk::app::users::{create_user, NewUser};
use souk::domain::application::Decision;
use souk::domain::Role;
use souk::server::mail::send_letters;
use souk::store::sql::{SecretKey, SqlStore};

const VOLGA: (&str, &str) = ("owner@volga.demo", "volga-demo-2026");
const PARTNER: (&str, &str) = ("partner@govorun.demo", "partner-demo-2026");
const MODERATOR: (&str, &str) = ("moderator@souk.demo", "moderator-demo-2026");
const PUBLIC: &str = "https://souk.example";

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
    let list: Vec<ApplicationView> = ok::<Page<ApplicationView>>(moderator.call("applications", &[]).await).await.items;
    let found = list.iter().find(|a| a.application.email == email && a.decision == Decision::Pending);
    found.expect("the application waits for the moderator").id.to_string()
}

/// The one-time link's token, read from the letter as the applicant got it.
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

        let fresh = apply(&visitor, application(" Olga@Veter.Example "), "en").await;
        let fresh = (fresh.status(), fresh.text().await.unwrap());
        assert_eq!(fresh.0, 200);
        // An address that waits already, or signs in already, gets the answer a new one gets.
        for taken in ["olga@veter.example", PARTNER.0, PARTNER.0] {
            let again = apply(&server.another_client(), application(taken), "en").await;
            assert_eq!((again.status(), again.text().await.unwrap()), fresh, "{taken}");
        }

        let moderator = server.as_user(MODERATOR).await;
        let listed: Vec<ApplicationView> =
            ok::<Page<ApplicationView>>(moderator.call("applications", &[]).await).await.items;
        let emails: Vec<&str> = listed.iter().map(|a| a.application.email.as_str()).collect();
        assert_eq!(emails, ["olga@veter.example"], "one application; none for the partner's address");
        // The partner is told, once, by a letter the applicant never sees.
        let mailbox = Mailbox::default();
        assert_eq!(send_letters(&server.store().await, &mailbox, chrono::Utc::now()).await.unwrap(), 1);
        let told = mailbox.last_to(PARTNER.0);
        assert!(told.contains("already signs in") && told.contains(&format!("{}/signin", server.base)), "{told}");

        let id = pending_id(&moderator, "olga@veter.example").await;
        let approved: ApplicationView = ok(moderator.call("approve_application", &[("id", &id)]).await).await;
        assert_eq!(approved.decision, Decision::Approved);
        let letter = approved.letter.expect("the decision wrote a letter");
        assert_eq!(letter.recipient, "olga@veter.example");
        assert!(letter.subject.contains("Северный ветер") && letter.body.contains("Set the password"), "{letter:?}");
        assert!(letter.body.contains(Letter::LINK) && !letter.body.contains("/welcome/"), "{}", letter.body);
        let link = letter.demo_link.expect("demo mode without a mail server: the outbox is the mailbox");
        assert!(link.starts_with(&format!("{}/welcome/", server.base)), "{link}");
        let token = token_in(&link);
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
async fn the_one_time_link_reaches_the_applicant_only_and_a_new_one_voids_it() {
    let dir = tempfile::tempdir().unwrap();
    let operator = SqlStore::connect(&SQLITE.replace("{dir}", &dir.path().display().to_string()), &{
        SecretKey::load_or_create(&dir.path().join("secret.key")).unwrap()
    })
    .await
    .unwrap();
    let moderator =
        NewUser { role: Role::Moderator, email: "ops@souk.example".into(), name: String::new(), company: None };
    create_user(&operator, Passwords::Preview, moderator, "a long operator pass".into()).await.unwrap();
    let server = server_in(dir, Setup { public_url: Some(PUBLIC), demo: false, ..Setup::DEMO }).await;
    let moderator = server.as_user(("ops@souk.example", "a long operator pass")).await;

    assert_eq!(apply(&server.another_client(), application("olga@veter.example"), "en").await.status(), 200);
    let id = pending_id(&moderator, "olga@veter.example").await;
    let approved: ApplicationView = ok(moderator.call("approve_application", &[("id", &id)]).await).await;
    let letters: Vec<ApplicationView> =
        ok::<Page<ApplicationView>>(moderator.call("applications", &[]).await).await.items;
    for letter in [approved.letter.unwrap(), letters[0].letter.clone().unwrap()] {
        assert!(letter.body.contains(Letter::LINK) && !letter.body.contains("/welcome/"), "{}", letter.body);
        assert_eq!(letter.demo_link, None, "outside demo mode a moderator never sees the link");
    }
    let store = server.store().await;
    let kept: Vec<(String,)> = sqlx::query_as(
        "SELECT COALESCE(letter_body, '') || ' ' || COALESCE(link_sealed, '') FROM applications          UNION ALL SELECT token_hash FROM invitations",
    )
    .fetch_all(&store.pool)
    .await
    .unwrap();
    assert!(kept.iter().all(|(text,)| !text.contains("/welcome/")), "no link in clear: {kept:?}");

    // The mail sender puts the link in at the last moment, and keeps none once sent.
    let mailbox = Mailbox::default();
    assert_eq!(send_letters(&store, &mailbox, chrono::Utc::now()).await.unwrap(), 1);
    let first = token_in(&mailbox.last_to("olga@veter.example"));
    assert!(mailbox.last_to("olga@veter.example").contains(&format!("{PUBLIC}/welcome/{first}")));
    let (sealed,): (Option<String>,) =
        sqlx::query_as("SELECT link_sealed FROM applications").fetch_one(&store.pool).await.unwrap();
    assert_eq!(sealed, None);
    let visitor = server.another_client();
    assert_eq!(visitor.call("open_invitation", &[("token", &first)]).await.status(), 200);

    // Sent again: a new link, the old one dead.
    let again: ApplicationView = ok(moderator.call("resend_link", &[("id", &id)]).await).await;
    assert_eq!(again.letter.unwrap().sent_at, None, "waits for the mail server again");
    assert_eq!(send_letters(&store, &mailbox, chrono::Utc::now()).await.unwrap(), 1);
    let second = token_in(&mailbox.last_to("olga@veter.example"));
    assert_ne!(first, second);
    assert_eq!(visitor.call("open_invitation", &[("token", &first)]).await.status(), 404, "voided");
    ok::<SessionInfo>(
        visitor.call("accept_invitation", &[("token", &second), ("password", "a long new password")]).await,
    )
    .await;
    let (status, body) = error_of(moderator.call("resend_link", &[("id", &id)]).await).await;
    assert_eq!((status, &body["detail"]), (409, &json!("already_joined")));
    let listed: Vec<ApplicationView> =
        ok::<Page<ApplicationView>>(moderator.call("applications", &[]).await).await.items;
    assert!(listed[0].joined);
    for (who, status) in [(&visitor, 403), (&server.another_client(), 401)] {
        assert_eq!(who.call("resend_link", &[("id", &id)]).await.status(), status);
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
        let still: Vec<ApplicationView> =
            ok::<Page<ApplicationView>>(server.as_user(MODERATOR).await.call("applications", &[]).await).await.items;
        assert_eq!(still[0].decision, Decision::Pending, "nothing was decided");

        for n in 1..APPLICATIONS_PER_ADDRESS {
            assert_eq!(apply(&server, application(&format!("more{n}@veter.example")), "en").await.status(), 200);
        }
        let (status, body) = error_of(apply(&server, application("spam@veter.example"), "en").await).await;
        assert_eq!((status, &body["error"]), (429, &json!("too_many_attempts")));
    }
}

#[tokio::test]
async fn the_applications_come_in_pages_and_the_tab_counts_every_one_waiting() {
    let server = server_in(tempfile::tempdir().unwrap(), Setup::BEHIND_PROXY).await;
    for n in 0..55 {
        // From as many addresses, so the limit on applying from one does not stop them.
        let body = json!({ "application": application(&format!("p{n}@veter.example")), "lang": "en" });
        let from = server.client.post(server.url("/api/apply")).header("x-forwarded-for", format!("198.51.100.{n}"));
        assert_eq!(from.json(&body).send().await.unwrap().status(), 200, "application {n}");
    }
    let moderator = server.as_user(MODERATOR).await;
    let first: Page<ApplicationView> = ok(moderator.call_json("applications", json!({})).await).await;
    assert_eq!((first.items.len(), first.next), (50, Some(50)));
    let second: Page<ApplicationView> = ok(moderator.call_json("applications", json!({ "from": 50 })).await).await;
    assert_eq!((second.items.len(), second.next), (5, None));
    let emails: std::collections::BTreeSet<_> =
        first.items.iter().chain(&second.items).map(|a| a.application.email.clone()).collect();
    assert_eq!(emails.len(), 55, "every application once");
    let waiting: souk::api::types::Waiting = ok(moderator.call("waiting", &[]).await).await;
    assert_eq!((waiting.applications, waiting.in_review), (55, 0));
    let queue: Page<souk::api::moderation::ReviewItem> = ok(moderator.call_json("review_queue", json!({})).await).await;
    assert_eq!((queue.items.len(), queue.next), (0, None));
}
