//! The reviews' rules: what a review, a reply and a report may say; who may
//! review (a paid charge, not a trial, a free or a service-side module); how
//! long the module was used; the average, "New", the Bayesian score, the
//! rating over time; the order reviews are read in; edits and decisions.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use souk::domain::billing::{Connection, Operation, OperationKind, Status};
use souk::domain::review::eligibility::{used_months, Eligibility};
use souk::domain::review::rating::{by_month, Rating, MIN_SHOWN};
use souk::domain::review::report::{report_text, Decision, Report, ReportReason, Target};
use souk::domain::review::{
    reply_text, Reply, Review, ReviewDraft, ReviewError, ReviewOrder, ReviewProblem, ReviewRefusal, Shown, Stars,
    REPLY_MAX,
};
use souk::domain::{AccountId, ConnectionId, Email, Lang, ModuleCode, Pricing, ReportId, ReviewId, Section};

fn at(month: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, 9, 0, 0).unwrap()
}

fn review(id: &str, stars: u8, lang: Lang, written_at: DateTime<Utc>) -> Review {
    Review {
        id: ReviewId::new(id),
        module: ModuleCode::new("tel"),
        account: AccountId::new(id),
        author: Email::parse("owner@example.com").unwrap(),
        author_name: "Owner".into(),
        stars: Stars::new(stars).unwrap(),
        text: "x".repeat(20),
        lang,
        used_months: 1,
        written_at,
        edited_at: None,
        helpful: 0,
        shown: Shown::Shown,
        reply: None,
    }
}

#[test]
fn a_review_needs_one_to_five_stars_and_twenty_to_two_thousand_characters() {
    let twenty = "a".repeat(20);
    assert!(ReviewDraft::parse(5, &twenty, Lang::En).is_ok());
    assert!(ReviewDraft::parse(1, &"я".repeat(2000), Lang::Ru).is_ok());
    assert_eq!(ReviewDraft::parse(0, &twenty, Lang::En), Err(vec![ReviewProblem::Stars]));
    assert_eq!(ReviewDraft::parse(6, &twenty, Lang::En), Err(vec![ReviewProblem::Stars]));
    // Spaces around the text do not count towards the twenty.
    assert_eq!(
        ReviewDraft::parse(0, &format!("  {}  ", &twenty[1..]), Lang::En),
        Err(vec![ReviewProblem::Stars, ReviewProblem::TextShort])
    );
    assert_eq!(ReviewDraft::parse(3, &"я".repeat(2001), Lang::Ru), Err(vec![ReviewProblem::TextLong]));
    assert_eq!(ReviewProblem::TextLong.field(), "text");
    assert_eq!(ReviewProblem::Stars.field(), "stars");
}

#[test]
fn texts_are_kept_as_typed_markup_and_all() {
    let text = "<script>alert(1)</script> works well for us";
    assert_eq!(ReviewDraft::parse(4, text, Lang::En).map(|d| d.text), Ok(text.to_string()));
    assert_eq!(reply_text("  "), Err(ReviewProblem::ReplyEmpty));
    assert_eq!(reply_text(&"x".repeat(REPLY_MAX + 1)), Err(ReviewProblem::ReplyLong));
    assert_eq!(reply_text(" <b>thanks</b> "), Ok("<b>thanks</b>".to_string()));
    assert_eq!(report_text(""), Err(ReviewProblem::ReportEmpty));
    assert_eq!(report_text(&"x".repeat(1001)), Err(ReviewProblem::ReportLong));
}

fn op(kind: OperationKind, module: &str, amount: i64, when: DateTime<Utc>) -> Operation {
    Operation {
        seq: 0,
        key: format!("{kind:?}:{when}"),
        at: when,
        kind,
        module: Some(ModuleCode::new(module)),
        connection_id: None,
        connection_name: None,
        amount: Decimal::new(amount, 0),
        balance_after: Decimal::ZERO,
    }
}

fn connection(status: Status, due_on: Option<NaiveDate>) -> Connection {
    Connection {
        id: ConnectionId::new("c"),
        module: ModuleCode::new("tel"),
        section: Section::Telephony,
        name: "Tel".into(),
        created_at: at(1, 1),
        status,
        anchor_day: None,
        due_on,
        frozen_at: None,
        noticed: false,
        price: None,
    }
}

fn monthly() -> Pricing {
    Pricing::Monthly { price: Decimal::new(990, 0), discounted: None, trial_days: Some(14) }
}

#[test]
fn a_paid_charge_opens_reviews_even_after_deactivation() {
    let tel = ModuleCode::new("tel");
    let history =
        [op(OperationKind::TrialStart, "tel", 0, at(1, 5)), op(OperationKind::Charge, "tel", -990, at(1, 19))];
    // No connection left: deactivated after paying.
    assert_eq!(Eligibility::of(&tel, &monthly(), &history, []), Eligibility::Yes { since: at(1, 5) });
    assert!(Eligibility::of(&tel, &monthly(), &history, []).allows());
}

#[test]
fn a_trial_a_free_or_a_service_side_module_is_not_enough() {
    let tel = ModuleCode::new("tel");
    let trial = [op(OperationKind::TrialStart, "tel", 0, at(1, 5))];
    let ends = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap();
    let in_trial = connection(Status::Trial, Some(ends));
    assert_eq!(Eligibility::of(&tel, &monthly(), &trial, [&in_trial]), Eligibility::Trial { on: ends });
    let frozen = connection(Status::Frozen, None);
    assert_eq!(Eligibility::of(&tel, &monthly(), &trial, [&frozen]), Eligibility::Frozen);
    assert_eq!(Eligibility::of(&tel, &monthly(), &[], []), Eligibility::NotActivated);
    let unbilled = connection(Status::Unbilled, None);
    assert_eq!(Eligibility::of(&tel, &Pricing::Free, &[], [&unbilled]), Eligibility::Free);
    assert_eq!(Eligibility::of(&tel, &Pricing::ServiceSide, &[], [&unbilled]), Eligibility::ServiceSide);
    // A zero charge (a free module's) and another module's charge pay nothing for this one.
    let others = [op(OperationKind::Charge, "tel", 0, at(2, 1)), op(OperationKind::Charge, "sms", -100, at(2, 1))];
    assert_eq!(Eligibility::of(&tel, &monthly(), &others, []), Eligibility::NotActivated);
}

#[test]
fn used_months_run_to_now_while_active_else_to_the_end_of_the_last_paid_month() {
    let tel = ModuleCode::new("tel");
    let history = [
        op(OperationKind::TrialStart, "tel", 0, at(1, 5)),
        op(OperationKind::Charge, "tel", -990, at(1, 19)),
        op(OperationKind::Charge, "tel", -990, at(2, 19)),
    ];
    assert_eq!(used_months(&tel, &history, true, at(6, 4)), 4);
    assert_eq!(used_months(&tel, &history, true, at(6, 5)), 5);
    assert_eq!(used_months(&tel, &history, false, at(6, 5)), 2, "paid until March 19");
    assert_eq!(used_months(&tel, &history, true, at(1, 6)), 1, "at least one");
    assert_eq!(used_months(&tel, &[], false, at(1, 6)), 1);
}

fn rating(bars: [u32; 5]) -> Rating {
    Rating { bars }
}

#[test]
fn the_average_has_one_decimal_and_waits_for_three_reviews() {
    assert_eq!(rating([0; 5]).average(), None);
    assert_eq!(rating([0, 0, 0, 1, 1]).average(), Some(Decimal::new(45, 1)));
    assert_eq!(rating([0, 0, 0, 1, 1]).shown_average(), None);
    // 14 / 3 = 4.666… → 4.7; 13 / 3 = 4.333… → 4.3.
    assert_eq!(rating([0, 0, 0, 1, 2]).shown_average(), Some(Decimal::new(47, 1)));
    assert_eq!(rating([0, 0, 0, 2, 1]).shown_average(), Some(Decimal::new(43, 1)));
    assert!(rating([0, 0, 0, 2, 1]).is_high());
    assert!(!rating([0, 0, 3, 0, 0]).is_high());
    assert!(!rating([0, 0, 0, 0, 2]).is_high(), "new: no average to filter by");
}

#[test]
fn one_five_star_review_does_not_beat_fifty_at_four_point_eight() {
    let one = rating([0, 0, 0, 0, 1]);
    let fifty = rating([0, 0, 0, 10, 40]);
    assert_eq!(fifty.average(), Some(Decimal::new(48, 1)));
    assert!(fifty.score() > one.score());
    assert!(one.score() > rating([0; 5]).score());
    assert_eq!(rating([0; 5]).score(), 3.0, "the middle of the scale before any review");
    assert!(rating([0, 0, 0, 0, 50]).score() > fifty.score());
}

#[test]
fn the_rating_over_time_grows_month_by_month_without_hidden_reviews() {
    let mut reviews = vec![
        review("a", 5, Lang::Ru, Utc.with_ymd_and_hms(2026, 10, 3, 12, 0, 0).unwrap()),
        review("b", 1, Lang::Ru, Utc.with_ymd_and_hms(2026, 10, 20, 12, 0, 0).unwrap()),
        review("c", 3, Lang::Ru, Utc.with_ymd_and_hms(2026, 10, 30, 12, 0, 0).unwrap()),
        review("d", 4, Lang::Ru, Utc.with_ymd_and_hms(2026, 12, 2, 12, 0, 0).unwrap()),
    ];
    reviews[1].shown = Shown::Hidden { reason: "spam".into() };
    let first = |month| NaiveDate::from_ymd_opt(2026, month, 1).unwrap();
    let months: Vec<_> = by_month(&reviews).iter().map(|m| (m.month, m.rating.count(), m.rating.average())).collect();
    assert_eq!(months, [(first(10), 2, Some(Decimal::new(40, 1))), (first(12), 3, Some(Decimal::new(40, 1)))]);
}

proptest! {
    /// Whatever the reviews and whichever are hidden, the card's count and
    /// average are those of the shown reviews.
    #[test]
    fn the_shown_average_and_count_are_the_visible_reviews(
        reviews in prop::collection::vec((1u8..=5, any::<bool>()), 0..60)
    ) {
        let reviews: Vec<Review> = reviews
            .iter()
            .map(|&(stars, hidden)| {
                let mut review = review("r", stars, Lang::En, at(11, 1));
                if hidden {
                    review.shown = Shown::Hidden { reason: "spam".into() };
                }
                review
            })
            .collect();
        let visible: Vec<u32> =
            reviews.iter().filter(|r| r.shown.is_shown()).map(|r| u32::from(r.stars.get())).collect();
        let rating = Rating::of(&reviews);
        prop_assert_eq!(rating.count() as usize, visible.len());
        prop_assert_eq!(rating.sum(), visible.iter().sum::<u32>());
        let exact = (!visible.is_empty())
            .then(|| Decimal::from(visible.iter().sum::<u32>()) / Decimal::from(visible.len()));
        let expected =
            exact.map(|e| e.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero));
        prop_assert_eq!(rating.average(), expected);
        prop_assert_eq!(rating.shown_average().is_some(), visible.len() >= MIN_SHOWN as usize);
    }
}

#[test]
fn reviews_in_the_readers_language_come_first() {
    let mut reviews = vec![
        review("a", 4, Lang::En, at(11, 1)),
        review("b", 4, Lang::Ru, at(11, 2)),
        review("c", 4, Lang::Ru, at(11, 3)),
    ];
    reviews[0].helpful = 9;
    reviews[2].helpful = 5;
    ReviewOrder::Newest.sort(&mut reviews, Lang::Ru);
    assert_eq!(reviews.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["c", "b", "a"]);
    ReviewOrder::Helpful.sort(&mut reviews, Lang::En);
    assert_eq!(reviews.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["a", "c", "b"]);
}

#[test]
fn editing_answers_a_request_to_edit_but_does_not_unhide() {
    let now = at(12, 1);
    let draft = ReviewDraft::parse(2, &"y".repeat(30), Lang::En).unwrap();
    let mut asked = review("a", 4, Lang::En, at(11, 1));
    asked.shown = Shown::EditAsked { note: "no links".into() };
    asked.edit(draft.clone(), 3, now);
    assert_eq!(
        (asked.shown.clone(), asked.edited_at, asked.stars.get(), asked.used_months),
        (Shown::Shown, Some(now), 2, 3)
    );
    let mut hidden = review("b", 4, Lang::En, at(11, 1));
    hidden.shown = Shown::Hidden { reason: "spam".into() };
    hidden.edit(draft, 3, now);
    assert!(!hidden.shown.is_shown());
}

fn moderator() -> Email {
    Email::parse("moderator@example.com").unwrap()
}

fn report(target: Target) -> Report {
    Report {
        id: ReportId::new("rep-1"),
        review: ReviewId::new("a"),
        target,
        reporter: Email::parse("partner@example.com").unwrap(),
        reason: ReportReason::ConflictOfInterest,
        text: "a competitor".into(),
        at: at(12, 1),
        decided: None,
    }
}

#[test]
fn hiding_needs_a_reason_and_closes_the_report_once() {
    let (mut review, mut report) = (review("a", 1, Lang::En, at(11, 1)), report(Target::Review));
    assert_eq!(
        report.decide(&mut review, Decision::Hide, " ", &moderator(), at(12, 1)),
        Err(ReviewError::Invalid(vec![ReviewProblem::NoteEmpty]))
    );
    assert!(review.shown.is_shown() && report.decided.is_none());
    report.decide(&mut review, Decision::Hide, "advertises another module", &moderator(), at(12, 1)).unwrap();
    assert_eq!(review.shown, Shown::Hidden { reason: "advertises another module".into() });
    assert_eq!(
        report.decided.as_ref().map(|d| (d.decision, d.by.clone(), d.at)),
        Some((Decision::Hide, moderator(), at(12, 1)))
    );
    assert_eq!(
        report.decide(&mut review, Decision::Keep, "", &moderator(), at(12, 2)),
        Err(ReviewError::Refused(ReviewRefusal::Decided))
    );
}

#[test]
fn keeping_changes_nothing_and_asking_to_edit_keeps_it_shown() {
    let mut review = review("a", 1, Lang::En, at(11, 1));
    report(Target::Review).decide(&mut review, Decision::Keep, "", &moderator(), at(12, 1)).unwrap();
    assert_eq!(review.shown, Shown::Shown);
    report(Target::Review)
        .decide(&mut review, Decision::AskToEdit, "remove the link", &moderator(), at(12, 1))
        .unwrap();
    assert_eq!(review.shown, Shown::EditAsked { note: "remove the link".into() });
    assert!(review.shown.is_shown() && Rating::of([&review]).count() == 1, "still counted");
}

#[test]
fn a_reply_is_hidden_apart_from_its_review() {
    let mut review = review("a", 1, Lang::En, at(11, 1));
    assert_eq!(
        report(Target::Reply).decide(&mut review, Decision::Hide, "rude", &moderator(), at(12, 1)),
        Err(ReviewError::Refused(ReviewRefusal::NoReply))
    );
    review.reply = Some(Reply {
        author: Email::parse("partner@example.com").unwrap(),
        text: "you are wrong".into(),
        written_at: at(11, 2),
        edited_at: None,
        shown: Shown::Shown,
    });
    report(Target::Reply).decide(&mut review, Decision::Hide, "rude", &moderator(), at(12, 1)).unwrap();
    assert!(review.shown.is_shown());
    assert!(review.shown_reply().is_none());
    // Changing a hidden reply does not show it again: a moderator decides that.
    review.answer(&Email::parse("partner@example.com").unwrap(), "Thank you".into(), at(12, 2));
    assert_eq!(review.reply.as_ref().map(|r| (r.edited_at, r.shown.is_shown())), Some((Some(at(12, 2)), false)));
}
