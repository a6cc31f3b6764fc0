//! The offline preview's use cases, natively: the same `souk::app` functions
//! the browser runs, on the in-memory store seeded from the demo data, with a
//! clock the test moves as the preview's "Move time forward" does.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use rust_decimal::dec;
use souk::api::applications::Letter;
use souk::api::types::TopUpOutcome;
use souk::api::ApiError;
use souk::app::limits::Limits;
use souk::app::passwords::Passwords;
use souk::app::payments::Payments;
use souk::app::second_factor::SignInStep;
use souk::app::tokens::SessionToken;
use souk::app::{self, Ctx};
use souk::demo::DemoData;
use souk::domain::application::{Application, Decision};
use souk::domain::billing::{HistoryFilter, OperationKind, Refusal, Status};
use souk::domain::submission::lifecycle::Status as ListingStatus;
use souk::domain::submission::ListingDraft;
use souk::domain::{IdempotencyKey, Lang, ModuleCode, Role};
use souk::store::memory::{Keeper, MemoryStore, State};
use souk::store::StoreError;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

const VOLGA: (&str, &str) = ("owner@volga.demo", "volga-demo-2026");
const STEPPE: (&str, &str) = ("owner@steppe.demo", "steppe-demo-2026");
const PARTNER: (&str, &str) = ("partner@govorun.demo", "partner-demo-2026");
const MODERATOR: (&str, &str) = ("moderator@souk.demo", "moderator-demo-2026");

/// A key of its own for each intended change, as the app makes one.
fn key() -> IdempotencyKey {
    IdempotencyKey::new(app::tokens::random_hex(16))
}

/// The preview as a browser holds it: a store, a clock, the limits.
struct Preview {
    store: MemoryStore,
    now: Cell<DateTime<Utc>>,
    limits: Arc<Limits>,
}

impl Preview {
    async fn new() -> Preview {
        Preview::kept_by(MemoryStore::default()).await
    }

    async fn kept_by(store: MemoryStore) -> Preview {
        let demo = DemoData::parse(include_str!("../../public/demo/catalog.json")).unwrap();
        let start = Utc.with_ymd_and_hms(2027, 1, 10, 9, 0, 0).unwrap();
        app::seed::seed_demo_if_empty(&store, &demo, Passwords::Preview, start).await.unwrap();
        Preview { store, now: Cell::new(start), limits: Arc::default() }
    }

    fn cx(&self, session: Option<SessionToken>) -> Ctx<MemoryStore> {
        Ctx {
            store: self.store.clone(),
            now: self.now.get(),
            session,
            client: None,
            origin: "http://preview.test".into(),
            limits: self.limits.clone(),
            passwords: Passwords::Preview,
            demo_mail: true,
            demo: true,
            payments: Payments::Instant,
            modules: Arc::new(crate::fixtures::NoModules),
            outside: souk::app::builtins::Outside::default(),
            session_times: Default::default(),
        }
    }

    /// A browser signed in as `(email, password)`.
    async fn signed_in(&self, (email, password): (&str, &str)) -> Ctx<MemoryStore> {
        let cx = self.cx(None);
        let signed_in = match app::session::sign_in(&cx, email, password).await.expect("signs in") {
            SignInStep::SignedIn(signed_in) => signed_in,
            // The demo moderator's app, as the demo's code hint shows it.
            SignInStep::Code { challenge, demo_code } => {
                let code = demo_code.expect("the preview shows the demo's code");
                app::second_factor::second_factor(&cx, challenge.as_str(), &code).await.expect("the code signs in").0
            }
            enrol => panic!("{email}: {enrol:?}"),
        };
        self.cx(Some(signed_in.token))
    }

    /// "Move time forward" as the signed-in user of `cx` presses it: the
    /// session moves with the clock, then what came due is billed.
    async fn move_signed_in(&self, cx: &Ctx<MemoryStore>, days: i64) -> app::billing::Report {
        app::session::carry_session(&self.cx(cx.session.clone()), self.now.get() + TimeDelta::days(days))
            .await
            .unwrap();
        self.move_by(days).await
    }

    /// Moves the clock and bills what came due, as the preview's edge does before every call.
    async fn move_by(&self, days: i64) -> app::billing::Report {
        self.now.set(self.now.get() + TimeDelta::days(days));
        app::billing::run_billing(&self.store, self.now.get()).await.unwrap()
    }
}

#[tokio::test]
async fn each_role_signs_in_and_reaches_its_own_part_only() {
    let preview = Preview::new().await;
    let anonymous = preview.cx(None);
    assert_eq!(app::catalog::catalog(&anonymous).await.unwrap_err(), ApiError::NotSignedIn);
    let wrong = app::session::sign_in(&anonymous, VOLGA.0, "guess").await.err();
    assert_eq!(wrong, Some(ApiError::BadCredentials));

    let volga = preview.signed_in(VOLGA).await;
    let session = app::session::current_session(&volga).await.unwrap().unwrap();
    assert_eq!((session.user.role, session.account.unwrap().balance), (Role::AccountOwner, dec!(12500)));
    assert_eq!(
        app::catalog::catalog(&volga).await.unwrap().modules.len(),
        43,
        "40 partners' modules and the three built-ins"
    );
    assert_eq!(app::partner::my_listings(&volga).await.unwrap_err(), ApiError::Forbidden);

    let partner = preview.signed_in(PARTNER).await;
    let listings = app::partner::my_listings(&partner).await.unwrap();
    let codes: Vec<&str> = listings.iter().map(|l| l.code.as_str()).collect();
    assert_eq!(codes.len(), 2, "{codes:?}");
    assert!(codes.contains(&"chatterbox") && codes.contains(&"vibe-chat"));
    assert_eq!(app::billing::billing(&partner).await.unwrap_err(), ApiError::Forbidden);
    let view = app::partner::open_listing(&partner, &listings[0].id).await.unwrap();
    assert!(view.has_secret, "the demo's listings get a secret that can sign");

    let moderator = preview.signed_in(MODERATOR).await;
    assert!(app::moderation::review_queue(&moderator, None).await.unwrap().items.is_empty());
    assert_eq!(app::catalog::catalog(&moderator).await.unwrap().modules.len(), 51);
    assert_eq!(app::moderation::review_queue(&partner, None).await.unwrap_err(), ApiError::Forbidden);

    app::session::sign_out(&volga).await.unwrap();
    assert_eq!(app::session::current_session(&volga).await.unwrap(), None, "the session is gone");
}

#[tokio::test]
async fn a_paid_activation_charges_at_once_and_a_refused_one_changes_nothing() {
    let preview = Preview::new().await;
    let volga = preview.signed_in(VOLGA).await;
    let view = app::billing::activate(&volga, &ModuleCode::new("ambar-wms"), &key()).await.unwrap();
    assert_eq!(view.ledger.balance, dec!(5600), "the discounted 6 900 ₽, charged at once");
    let connection = view.ledger.connections.iter().find(|c| c.module == "ambar-wms").unwrap();
    assert_eq!((connection.status, connection.name.as_str()), (Status::Paid, "Амбар WMS"));

    let history = app::billing::history(&volga, &HistoryFilter::default(), None).await.unwrap().items;
    assert_eq!((history[0].kind, history[0].amount), (OperationKind::Charge, dec!(-6900)));

    // A second connection no longer fits in the balance: refused, and nothing stored.
    let refused = app::billing::activate(&volga, &ModuleCode::new("ambar-wms"), &key()).await.unwrap_err();
    assert!(matches!(refused, ApiError::Refused(Refusal::InsufficientFunds { .. })), "{refused:?}");
    let after = app::billing::billing(&volga).await.unwrap();
    assert_eq!(after.ledger, view.ledger);
    assert_eq!(app::billing::history(&volga, &HistoryFilter::default(), None).await.unwrap().items, history);

    // Another account cannot see, rename or remove it.
    let steppe = preview.signed_in(STEPPE).await;
    let renamed = app::billing::rename_connection(&steppe, &connection.id, "mine").await.unwrap_err();
    assert_eq!(renamed, ApiError::Refused(Refusal::UnknownConnection));
    let unknown = app::billing::activate(&steppe, &ModuleCode::new("ambar-wms"), &key()).await.unwrap_err();
    assert_eq!(unknown, ApiError::Refused(Refusal::UnknownModule), "not made for Kazakhstan");
}

#[tokio::test]
async fn a_trial_ends_under_the_movable_clock_and_is_charged_once() {
    let preview = Preview::new().await;
    let volga = preview.signed_in(VOLGA).await;
    // Chek-Online (990 ₽) and Chatterbox (1 990 ₽) started 14-day trials when the demo was seeded.
    let notices = preview.move_signed_in(&volga, 13).await;
    assert_eq!((notices.notices, notices.charges), (2, 0));
    let mail = app::billing::notifications(&preview.cx(volga.session.clone()), None).await.unwrap().items;
    assert!(mail.len() == 2 && mail.iter().all(|m| m.notice.after_trial && m.recipient == VOLGA.0));

    let charged = preview.move_signed_in(&volga, 2).await;
    assert_eq!((charged.charges, charged.freezes), (2, 0));
    assert_eq!(preview.move_by(0).await, Default::default(), "billing twice for one moment charges once");
    let volga = preview.cx(volga.session.clone());
    let view = app::billing::billing(&volga).await.unwrap();
    assert_eq!(view.ledger.balance, dec!(9520));
    assert_eq!(view.ledger.connections.iter().filter(|c| c.status == Status::Paid).count(), 2);
    let ended = HistoryFilter { kind: Some(OperationKind::TrialEnd), ..HistoryFilter::default() };
    assert_eq!(app::billing::history(&volga, &ended, None).await.unwrap().items.len(), 2);
}

#[tokio::test]
async fn a_listing_saved_submitted_and_approved_goes_live_for_its_countries() {
    let preview = Preview::new().await;
    let partner = preview.signed_in(PARTNER).await;
    let chatterbox = app::partner::open_listing(&partner, &"lst-chatterbox".into()).await.unwrap();
    let mut draft = ListingDraft { code: "kaz-chat".into(), ..chatterbox.draft.clone() };
    draft.countries = [souk::domain::CountryCode::try_from("KZ".to_string()).unwrap()].into();
    draft.min_api = souk::domain::ApiVersion::V4;
    draft.materials.en.name = "Kaz Chat".into();

    let saved = app::partner::save_listing(&partner, None, draft).await.unwrap();
    assert_eq!(saved.secret.as_ref().map(String::len), Some(64), "the secret, shown once");
    assert!(saved.view.problems.is_empty(), "{:?}", saved.view.problems);
    let id = saved.view.id.clone();
    assert!(app::partner::code_available(&partner, "kaz-chat", None).await.unwrap(), "a draft holds no code");
    let submitted = app::partner::submit_listing(&partner, &id).await.unwrap();
    assert_eq!(submitted.lifecycle.status(), ListingStatus::InReview);
    assert!(!app::partner::code_available(&partner, "kaz-chat", None).await.unwrap(), "a listing in review does");

    let moderator = preview.signed_in(MODERATOR).await;
    let queue = app::moderation::review_queue(&moderator, None).await.unwrap().items;
    assert_eq!((queue.len(), queue[0].partner.as_str()), (1, "Govorun <partner@govorun.demo>"));
    let revision = queue[0].revision;
    app::moderation::approve_listing(&moderator, &id, revision).await.unwrap();
    assert!(app::moderation::approve_listing(&moderator, &id, revision).await.is_err(), "decided once");

    let steppe = preview.signed_in(STEPPE).await;
    let live = app::catalog::catalog(&steppe).await.unwrap();
    let module = live.modules.iter().find(|m| m.listing.code == "kaz-chat").expect("live for Kazakhstan");
    assert_eq!(module.listing.vendor, "Govorun");
    assert!(module.logo_url.starts_with("data:image/svg+xml"), "the preview's logos are data URLs");
    let volga = preview.signed_in(VOLGA).await;
    assert!(!app::catalog::catalog(&volga).await.unwrap().modules.iter().any(|m| m.listing.code == "kaz-chat"));
    let listings = app::partner::my_listings(&partner).await.unwrap();
    assert_eq!(listings.iter().find(|l| l.id == id).unwrap().status, ListingStatus::Published);
}

#[tokio::test]
async fn an_approved_application_becomes_a_partner_through_the_letter_once() {
    let preview = Preview::new().await;
    let application = Application {
        company: "Северный ветер".into(),
        contact: "Ольга Ветрова".into(),
        email: " Olga@Veter.Example ".into(),
        phone: "+7 (912) 345-67-89".into(),
        website: "https://veter.example".into(),
        message: String::new(),
    };
    app::applications::apply(&preview.cx(None), &application, Lang::En).await.unwrap();
    app::applications::apply(&preview.cx(None), &application, Lang::En).await.expect("the answer a new one gets");

    let moderator = preview.signed_in(MODERATOR).await;
    let pending = app::applications::applications(&moderator, None).await.unwrap().items;
    assert_eq!(pending.len(), 1, "one pending application per e-mail");
    let approved = app::applications::approve_application(&moderator, &pending[0].id).await.unwrap();
    assert_eq!(approved.decision, Decision::Approved);
    let letter = approved.letter.unwrap();
    assert!(letter.body.contains(Letter::LINK) && !letter.body.contains("/welcome/"), "{}", letter.body);
    let link = letter.demo_link.expect("the preview's outbox is the demo's mailbox");
    let token = link.strip_prefix("http://preview.test/welcome/").expect("the link").to_string();

    let visitor = preview.cx(None);
    let invitation = app::applications::open_invitation(&visitor, &token).await.unwrap();
    assert_eq!((invitation.email.as_str(), invitation.company.as_str()), ("olga@veter.example", "Северный ветер"));
    assert!(app::session::sign_in(&visitor, "olga@veter.example", "").await.is_err(), "no password yet");
    let signed_in = app::applications::accept_invitation(&visitor, &token, "veter-2027-pass").await.unwrap();
    assert_eq!(signed_in.info.user.role, Role::Partner);
    let partner = preview.cx(Some(signed_in.token));
    assert!(app::partner::my_listings(&partner).await.unwrap().is_empty());
    let used = app::applications::accept_invitation(&visitor, &token, "another-pass-1").await.unwrap_err();
    assert_eq!(used, ApiError::NotFound, "the link works once");
    preview.signed_in(("olga@veter.example", "veter-2027-pass")).await;
}

/// A browser's localStorage, as the preview's keeper sees it.
#[derive(Default)]
struct Kept(RefCell<Option<(u64, State)>>);

impl Keeper for Kept {
    fn revision(&self) -> Option<u64> {
        self.0.borrow().as_ref().map(|(revision, _)| *revision)
    }

    fn load(&self) -> Option<(u64, State)> {
        self.0.borrow().clone()
    }

    fn keep(&self, revision: u64, state: &State) -> Result<(), StoreError> {
        *self.0.borrow_mut() = Some((revision, state.clone()));
        Ok(())
    }
}

#[tokio::test]
async fn what_one_page_commits_the_other_app_reads_and_a_refusal_keeps_nothing() {
    let kept = Rc::new(Kept::default());
    let marketplace = Preview::kept_by(MemoryStore::kept_by(kept.clone())).await;
    let volga = marketplace.signed_in(VOLGA).await;
    app::payments::top_up(&volga, "250.50", &key()).await.unwrap();

    // The cabinet's page, loaded later in the same browser, starts from what was kept…
    let cabinet = Preview::kept_by(MemoryStore::kept_by(kept.clone())).await;
    let volga_there = cabinet.cx(volga.session.clone());
    assert_eq!(app::billing::billing(&volga_there).await.unwrap().ledger.balance, dec!(12750.50));
    // …and each reads what the other commits after.
    app::payments::top_up(&volga_there, "100", &key()).await.unwrap();
    assert_eq!(app::billing::billing(&volga).await.unwrap().ledger.balance, dec!(12850.50));

    // One key, one top-up, whichever page sends it again.
    let once = key();
    app::payments::top_up(&volga, "10", &once).await.unwrap();
    let again = app::payments::top_up(&volga_there, "10", &once).await.unwrap();
    let TopUpOutcome::Credited(again) = again else { panic!("the preview credits at once: {again:?}") };
    assert_eq!(again.ledger.balance, dec!(12860.50));
    assert!(app::payments::top_up(&volga, "11", &once).await.is_err(), "the key names another top-up");

    let revision = kept.revision();
    assert!(app::payments::top_up(&volga, "0", &key()).await.is_err());
    assert!(app::billing::rename_connection(&volga, &"no-such".into(), "x").await.is_err());
    assert_eq!(kept.revision(), revision, "a refused change is not kept");
}

#[tokio::test]
async fn a_key_is_made_shown_once_and_stops_with_its_connection() {
    let preview = Preview::new().await;
    let volga = preview.signed_in(VOLGA).await;
    let view = app::api_keys::api_keys(&volga).await.unwrap();
    assert!(view.keys.is_empty());
    let chatterbox = view.targets.iter().find(|t| t.module == "chatterbox").unwrap().connection.clone();
    let scopes = vec!["integration_read".to_string()];
    let made = app::api_keys::create_api_key(&volga, &chatterbox, &scopes).await.unwrap();
    assert!(souk::domain::api_key::is_well_formed(&made.key));

    // The module's side runs on the same store: the key works, once only as its hash.
    let module = preview.cx(None);
    let record = app::module_api::authenticate(&module, Some(&made.key)).await.expect("the key works");
    assert_eq!(record.key_hash, app::tokens::sha256_hex(&made.key));
    let listed = app::api_keys::api_keys(&volga).await.unwrap();
    assert_eq!(listed.keys.len(), 1);
    assert!(listed.keys[0].last_used_at.is_some());
    assert!(!serde_json::to_string(&listed).unwrap().contains(&made.key));

    // Another account cannot revoke it; deactivating the connection takes the key with it.
    let steppe = preview.signed_in(STEPPE).await;
    assert_eq!(app::api_keys::revoke_api_key(&steppe, &made.view.id).await, Err(ApiError::NotFound));
    app::billing::deactivate_connection(&volga, &chatterbox).await.unwrap();
    assert!(app::api_keys::api_keys(&volga).await.unwrap().keys.is_empty());
    let refused = app::module_api::authenticate(&module, Some(&made.key)).await;
    assert_eq!(refused, Err(app::module_api::ModuleApiError::WrongKey));
}

#[tokio::test]
async fn the_preview_tells_a_registered_module_of_a_deactivation_in_its_log() {
    use souk::app::deliveries::send_due;
    use souk::app::module_calls::{Call, CallOutcome, ModuleCalls};
    struct Taken;
    impl ModuleCalls for Taken {
        fn system_url(&self) -> String {
            "http://preview.test".into()
        }
        fn get<'a>(&'a self, url: &'a str) -> Call<'a> {
            self.post(url, &[])
        }
        fn post<'a>(&'a self, _url: &'a str, _fields: &'a [(&'a str, String)]) -> Call<'a> {
            Box::pin(std::future::ready(CallOutcome {
                status: Some(200),
                body: "{}".into(),
                latency_ms: 0,
                error: None,
            }))
        }
    }
    let preview = Preview::new().await;
    let volga = preview.signed_in(VOLGA).await;
    let billing = app::billing::billing(&volga).await.unwrap();
    let chatterbox = billing.ledger.connections.iter().find(|c| c.module == "chatterbox").unwrap().id.clone();
    app::billing::deactivate_connection(&volga, &chatterbox).await.unwrap();
    assert_eq!(send_due(&preview.store, &Taken, preview.now.get()).await.unwrap(), 1);
    let partner = preview.signed_in(PARTNER).await;
    let log =
        app::deliveries::deliveries(&partner, &souk::domain::ListingId::new("lst-chatterbox"), None).await.unwrap();
    assert_eq!(log.items.len(), 1);
    assert_eq!(log.items[0].url, "https://govorun.example/souk/actions/activity");
    assert_eq!(log.items[0].status, souk::domain::delivery::DeliveryStatus::Delivered);
}

#[tokio::test]
async fn the_sms_service_works_in_the_preview_on_its_simulated_gateway() {
    use souk::api::sms::GatewayInput;
    use souk::domain::sms::{PasswordKind, SmsEvent};
    use souk::domain::ConnectionId;
    let preview = Preview::new().await;
    let mut volga = preview.signed_in(VOLGA).await;
    volga.modules = Arc::new(crate::fixtures::StandInGateway::default());
    let view = app::billing::activate(&volga, &ModuleCode::new("souk-sms"), &key()).await.unwrap();
    let connection = view.ledger.connections.iter().find(|c| c.module == "souk-sms").unwrap().id.clone();

    let input = |password: Option<&str>| GatewayInput {
        gateway_url: souk::domain::sms::settings::DEFAULT_GATEWAY.into(),
        login: "demo".into(),
        password_kind: PasswordKind::Main,
        password: password.map(str::to_string),
        sender: "VolgaTrade".into(),
    };
    app::sms::save_sms_gateway(&volga, &connection, input(Some("demo"))).await.unwrap();
    app::builtins::set_api_log(&volga, &connection, true).await.unwrap();
    let balance = app::sms::check_sms_balance(&volga, &connection).await.unwrap();
    assert_eq!(balance.amount, dec!(1500));
    let sent = app::sms::send_test_sms(&volga, &connection, "+7 999 000-11-22", Lang::Ru).await.unwrap();
    assert_eq!((sent.parts, sent.balance), (1, dec!(1496.20)));
    let log = app::builtins::api_log(&volga, &connection, None).await.unwrap();
    assert_eq!(log.items.len(), 2);
    assert!(log.items.iter().all(|call| call.params.contains("psw=***") && !call.params.contains("psw=demo")));

    // The programme rules the reminder out; the view never holds the password.
    let never = souk::domain::sms::LoyaltyProgramme { expiry_days: None, ..Default::default() };
    let view = app::sms::save_loyalty_programme(&volga, &connection, never).await.unwrap();
    assert!(!view.settings.sends(SmsEvent::PointsExpiring, &view.programme));
    assert!(view.password_saved && !serde_json::to_string(&view).unwrap().contains("\"demo\"}"));

    // Another account reaches none of it; an unknown connection is no one's.
    let steppe = preview.signed_in(STEPPE).await;
    assert_eq!(app::sms::sms_service(&steppe, &connection).await.unwrap_err(), ApiError::NotFound);
    assert_eq!(app::builtins::api_log(&steppe, &connection, None).await.unwrap_err(), ApiError::NotFound);
    let nobody = ConnectionId::new("con-nobody");
    assert_eq!(app::sms::sms_service(&volga, &nobody).await.unwrap_err(), ApiError::NotFound);
}

#[tokio::test]
async fn the_reseller_billing_works_in_the_preview_on_its_simulated_billing() {
    use souk::api::reseller::SignInInput;
    use souk::domain::reseller::{Department, HandlerDetails, ProductType, ResellerRefusal};
    let preview = Preview::new().await;
    let mut volga = preview.signed_in(VOLGA).await;
    volga.modules = Arc::new(crate::fixtures::StandInBilling::default());
    let view = app::billing::activate(&volga, &ModuleCode::new("souk-reseller"), &key()).await.unwrap();
    let connection = view.ledger.connections.iter().find(|c| c.module == "souk-reseller").unwrap().id.clone();
    app::builtins::set_api_log(&volga, &connection, true).await.unwrap();

    let sign_in = |password: &str| SignInInput {
        product: ProductType::Soft,
        url: souk::domain::reseller::DEFAULT_BILLING.into(),
        user: "reseller1".into(),
        password: password.into(),
    };
    let refused = app::reseller::check_selling_account(&volga, &connection, sign_in("nope")).await.unwrap_err();
    assert!(
        matches!(refused, ApiError::Reseller(r) if matches!(r.decode(), Some(ResellerRefusal::Billing(f)) if f.is_bad_password()))
    );
    let found = app::reseller::check_selling_account(&volga, &connection, sign_in("secret1")).await.unwrap();
    assert_eq!(found.account.balance, dec!(1500));
    let view = app::reseller::create_data_centre(&volga, &connection, "Kazan").await.unwrap();
    let details = HandlerDetails {
        data_centre: view.data_centres[0].id.clone(),
        name: "Licences".into(),
        department: Department::Sales,
        priority: 1,
        min_balance: dec!(100),
    };
    let view = app::reseller::create_handler(&volga, &connection, sign_in("secret1"), details).await.unwrap();
    let handler = view.handlers[0].id.clone();
    let offers = app::reseller::offered_plans(&volga, &connection, &handler).await.unwrap();
    assert_eq!(offers.iter().filter(|o| o.refused.is_none()).count(), 2, "the plan priced in euros cannot be imported");
    let view = app::reseller::import_plans(&volga, &connection, &handler, vec!["4401".into()], "Volga").await.unwrap();
    let plan = view.plans[0].id.clone();
    app::reseller::set_plan_enabled(&volga, &connection, &plan, true).await.unwrap();
    let ordered = app::reseller::order_plan(&volga, &connection, &plan, 1, &key()).await.unwrap();
    assert_eq!((ordered.handler_name.as_str(), ordered.view.services.len()), ("Licences", 1));
    let log = app::builtins::api_log(&volga, &connection, None).await.unwrap();
    assert!(log.items.iter().all(|call| call.params.contains("authinfo=***") && !call.params.contains("secret1")));

    let steppe = preview.signed_in(STEPPE).await;
    assert_eq!(app::reseller::reseller(&steppe, &connection).await.unwrap_err(), ApiError::NotFound);
    assert_eq!(app::reseller::offered_plans(&steppe, &connection, &handler).await.unwrap_err(), ApiError::NotFound);
}

#[tokio::test]
async fn the_booking_channel_works_in_the_preview_on_its_simulated_partner() {
    use souk::api::booking::PriceEdit;
    use souk::domain::booking::channel::Acceptance;
    let preview = Preview::new().await;
    let mut clinic = preview.signed_in(("owner@clinic.demo", "clinic-demo-2026")).await;
    let partner = Arc::new(crate::fixtures::StandInPartner::default());
    clinic.modules = partner.clone();
    let billing = app::billing::billing(&clinic).await.unwrap();
    let connection = billing.ledger.connections.iter().find(|c| c.module == "souk-booking").unwrap().id.clone();
    let view = app::booking::booking_channel(&clinic, &connection).await.unwrap();
    assert_eq!(view.rows.len(), 12, "the demo clinic's examinations");
    let ids: Vec<String> = view.rows.iter().map(|row| row.service.id.clone()).collect();

    let half = Acceptance { declaration: Some("2026-09".into()), terms: None };
    assert!(app::booking::activate_channel(&clinic, &connection, half).await.is_err());
    let both = Acceptance { declaration: Some("2026-09".into()), terms: Some("3.1".into()) };
    app::booking::activate_channel(&clinic, &connection, both).await.unwrap();
    app::booking::tick_service(&clinic, &connection, &ids[5], true).await.unwrap();
    let edit = PriceEdit { services: vec![ids[5].clone()], kind: "amount".into(), value: "-900".into(), round: false };
    app::booking::edit_prices(&clinic, &connection, edit).await.unwrap();
    let view = app::booking::publish_channel(&clinic, &connection).await.unwrap();
    assert!(view.live && view.rows[5].shown);
    assert_eq!(view.rows[5].channel_price, dec!(7000), "7 900 ₽ − 900 ₽");
    let shown = partner.0.lock().unwrap().shown();
    assert_eq!(shown.len(), 1);

    let steppe = preview.signed_in(STEPPE).await;
    assert_eq!(app::booking::booking_channel(&steppe, &connection).await.unwrap_err(), ApiError::NotFound);
    assert_eq!(app::booking::publish_channel(&steppe, &connection).await.unwrap_err(), ApiError::NotFound);
}

#[tokio::test]
async fn a_missed_query_reaches_the_moderator_and_a_synonym_answers_it_in_the_preview() {
    let preview = Preview::new().await;
    let owner = preview.signed_in(VOLGA).await;
    assert!(app::search_terms::report_missed_query(&owner, "ККТ", Lang::Ru).await.unwrap());
    assert!(!app::search_terms::report_missed_query(&owner, "касса", Lang::Ru).await.unwrap());
    let moderator = preview.signed_in(MODERATOR).await;
    let terms = app::search_terms::search_terms(&moderator).await.unwrap();
    assert_eq!((terms.missed[0].query.as_str(), terms.missed[0].accounts), ("ккт", 1));
    assert_eq!(app::search_terms::add_synonym(&owner, "ккт", "касса").await, Err(ApiError::Forbidden));
    let terms = app::search_terms::add_synonym(&moderator, "ККТ", "онлайн-касса").await.unwrap();
    assert_eq!((terms.synonyms.len(), terms.missed.len()), (1, 0));
    assert!(!app::search_terms::report_missed_query(&owner, "ккт", Lang::Ru).await.unwrap(), "found now");
}

#[tokio::test]
async fn the_preview_at_scale_makes_its_generated_modules_again_rather_than_keep_them() {
    use souk::store::memory::WithoutGenerated;
    use souk::store::{Modules, Store};
    let kept = Rc::new(Kept::default());
    let page = || MemoryStore::kept_by(Rc::new(WithoutGenerated { inner: kept.clone(), count: 150 }));
    let modules = |store: MemoryStore| async move { store.read().await.unwrap().modules().await.unwrap().len() };
    let store = page();
    let preview = Preview::kept_by(store.clone()).await;
    app::seed::seed_generated(&store, 150).await.unwrap();
    let demo = modules(MemoryStore::kept_by(kept.clone())).await;
    assert_eq!(modules(store.clone()).await, demo + 150);
    let steppe = preview.signed_in(STEPPE).await;
    let seen = app::catalog::catalog(&steppe).await.unwrap().modules;
    assert_eq!(seen.iter().filter(|m| m.listing.code.as_str().starts_with("gen-")).count(), 150);

    // Another page of the same browser makes them again; what it commits keeps them out.
    let other = Preview::kept_by(page()).await;
    let steppe_there = other.cx(steppe.session.clone());
    assert_eq!(app::catalog::catalog(&steppe_there).await.unwrap().modules.len(), seen.len());
    app::payments::top_up(&steppe_there, "100", &key()).await.unwrap();
    assert_eq!(modules(MemoryStore::kept_by(kept.clone())).await, demo, "only the demo's modules are kept");
    assert_eq!(modules(page()).await, demo + 150);
}

#[tokio::test]
async fn an_owner_reviews_after_the_first_charge_and_a_moderator_hides_a_report_in_the_preview() {
    use souk::domain::review::eligibility::Eligibility;
    use souk::domain::review::report::{Decision, ReportReason, Target};
    use souk::domain::review::{ReviewOrder, ReviewRefusal, Shown};
    let preview = Preview::new().await;
    let volga = preview.signed_in(VOLGA).await;
    let chatterbox = ModuleCode::new("chatterbox");
    let text = "Все чаты в одном окне, клиенты отвечают быстрее.";
    let seen = app::reviews::module_reviews(&volga, &chatterbox, ReviewOrder::Newest, Lang::Ru, None).await.unwrap();
    assert!(matches!(seen.may_write, Some(Eligibility::Trial { .. })), "{:?}", seen.may_write);
    assert_eq!((seen.rating.count(), seen.reviews.items.len()), (4, 4), "the demo's reviews");
    let refused = app::reviews::write_review(&volga, &chatterbox, 5, text, Lang::Ru).await.unwrap_err();
    assert!(matches!(refused, ApiError::Review(ReviewRefusal::NotYet(Eligibility::Trial { .. }))), "{refused:?}");

    // The clock reaches the end of the trial: the first charge is paid.
    preview.move_signed_in(&volga, 15).await;
    let volga = preview.cx(volga.session.clone());
    let written = app::reviews::write_review(&volga, &chatterbox, 5, text, Lang::Ru).await.unwrap();
    assert_eq!((written.stars.get(), written.used_months), (5, 1));

    let partner = preview.signed_in(PARTNER).await;
    let replied = app::reviews::reply_to_review(&partner, &written.id, "Спасибо за отзыв!").await.unwrap();
    assert_eq!(replied.reply.map(|r| r.text), Some("Спасибо за отзыв!".to_string()));

    let steppe = preview.signed_in(STEPPE).await;
    let unseen = app::reviews::report_review(&steppe, &written.id, Target::Review, ReportReason::Spam, "spam").await;
    assert_eq!(unseen, Err(ApiError::NotFound), "Chatterbox is not made for Steppe's API version");
    let clinic = preview.signed_in(("owner@clinic.demo", "clinic-demo-2026")).await;
    app::reviews::report_review(&clinic, &written.id, Target::Reply, ReportReason::Offensive, "грубо").await.unwrap();

    let moderator = preview.signed_in(MODERATOR).await;
    let queue = app::reviews::review_reports(&moderator, None).await.unwrap();
    let report = queue.open.items[0].report.id.clone();
    let decided = app::reviews::decide_report(&moderator, &report, Decision::Hide, "Грубость").await.unwrap();
    assert_eq!(decided.open_count, 0);
    let seen = app::reviews::module_reviews(&clinic, &chatterbox, ReviewOrder::Newest, Lang::Ru, None).await.unwrap();
    let mine = seen.reviews.items.iter().find(|r| r.id == written.id).expect("the review stays");
    assert_eq!((mine.reply.as_ref(), seen.rating.count()), (None, 5), "only the reply is hidden");
    let partners = app::reviews::partner_reviews(&partner).await.unwrap();
    let reply = partners.iter().flat_map(|m| &m.reviews).find(|r| r.id == written.id).and_then(|r| r.reply.clone());
    assert_eq!(reply.map(|r| r.shown), Some(Shown::Hidden { reason: "Грубость".into() }));
}
