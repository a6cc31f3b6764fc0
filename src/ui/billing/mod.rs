//! Billing: the balance with its top-up form, and the operations history.

mod history;
mod top_up;

use crate::domain::PaymentId;
use crate::ui::books::{use_books, BooksState};
use crate::ui::links::GoTo;
use crate::ui::session::{use_session, SessionKind, SessionState};
use crate::ui::widgets::tr;
use crate::ui::widgets::ErrorPanel;
use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn BillingPage() -> impl IntoView {
    let session = use_session();
    let books = use_books();
    let query = use_query_map();
    let history_tab = move || query.with(|q| q.get("tab").as_deref() == Some("history"));
    let kind = Memo::new(move |_| session.state.with(SessionState::kind));

    // Switches on the kind of state only: a new balance must not rebuild the form.
    let state_kind = Memo::new(move |_| {
        books.state.with(|s| match s {
            BooksState::Loaded(_) => 0,
            BooksState::Failed(_) => 1,
            BooksState::Loading => 2,
            BooksState::None => 3,
        })
    });
    let content = move || match (state_kind.get(), books.state.get_untracked()) {
        (_, BooksState::Loaded(_)) => EitherOf4::A(move || {
            if history_tab() {
                Either::Left(view! { <history::History /> })
            } else {
                let payment = query.with_untracked(|q| q.get("payment")).map(PaymentId::new);
                Either::Right(view! { <top_up::BalancePanel payment /> })
            }
        }),
        (_, BooksState::Failed(error)) => EitherOf4::B(view! { <ErrorPanel error on_retry=move |_| books.reload() /> }),
        (_, BooksState::Loading) => {
            EitherOf4::C(view! { <div class="panel panel--loading" aria-busy="true">{tr!(loading)}</div> })
        }
        (_, BooksState::None) => EitherOf4::D(view! { <p class="empty">{tr!(billing_no_account)}</p> }),
    };

    move || match kind.get() {
        SessionKind::SignedOut => Either::Left(view! { <GoTo path="/signin?next=/billing".to_string() /> }),
        _ => Either::Right(view! {
            <div class="page billing">
                <header class="page-head">
                    <div>
                        <h1>{tr!(nav_billing)}</h1>
                        <p class="lead">{tr!(billing_lead)}</p>
                    </div>
                </header>
                <nav class="tabs" aria-label=tr!(nav_billing)>
                    <a class="tab" href="/billing" aria-current=move || (!history_tab()).then_some("page") data-testid="tab-balance">
                        {tr!(tab_balance)}
                    </a>
                    <a class="tab" href="/billing?tab=history" aria-current=move || history_tab().then_some("page") data-testid="tab-history">
                        {tr!(tab_history)}
                    </a>
                </nav>
                {content}
            </div>
        }),
    }
}
