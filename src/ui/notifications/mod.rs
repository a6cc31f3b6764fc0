//! Notifications: the notices of coming charges, as e-mailed to the account
//! owner. Without an SMTP server they stay here, in the outbox.

use crate::api;
use crate::api::types::module_name;
use crate::api::types::{MailView, Page};
use crate::api::CatalogModule;
use crate::domain::dates::format_date_time;
use crate::i18n::*;
use crate::texts::notice_mail;
use crate::ui::books::use_books;
use crate::ui::labels::lang_of;
use crate::ui::links::GoTo;
use crate::ui::session::{use_session, SessionKind, SessionState};
use crate::ui::widgets::tr;
use crate::ui::widgets::{loaded, Paged};
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let books = use_books();
    let kind = Memo::new(move |_| session.state.with(SessionState::kind));
    // A billing change (the preview's clock moving, say) may bring new notices.
    // The notices name modules: the catalog comes with them, so a code never
    // shows in place of a name (a failed catalog leaves the codes).
    let mail = LocalResource::new(move || {
        books.state.track();
        async {
            let catalog = api::catalog::catalog().await.unwrap_or_default();
            api::billing::notifications(None).await.map(|mail| (mail, catalog.modules))
        }
    });
    let list = loaded(mail, move |(first, modules): (Page<MailView>, Vec<CatalogModule>)| {
        let mails = move |items: RwSignal<Vec<MailView>>| {
            let modules = modules.clone();
            move || {
                let locale = i18n.get_locale();
                let lang = lang_of(locale);
                let tz = books.tz.get();
                items.get().iter()
                .map(|m| {
                    let module = module_name(&modules, m.notice.module.as_str(), lang);
                    let (subject, body) = notice_mail(lang, tz, &m.notice, &module);
                    let state = match m.sent_at {
                        Some(at) => td_string!(locale, mail_sent, at = format_date_time(at, tz, lang)).to_string(),
                        None => td_string!(locale, mail_in_outbox).to_string(),
                    };
                    view! {
                        <article class="mail" data-testid="notification">
                            <header class="mail-head">
                                <h2 class="mail-subject">{subject}</h2>
                                <p class="mail-meta">
                                    {format_date_time(m.created_at, tz, lang)} " · " {m.recipient.to_string()} " · " {state}
                                </p>
                            </header>
                            <p class="mail-body">{body}</p>
                        </article>
                    }
                })
                .collect_view()
            }
        };
        Paged::new(first, |from| api::billing::notifications(Some(from))).list(
            move || view! { <p class="empty" data-testid="notifications-empty">{tr!(notifications_empty)}</p> },
            mails,
        )
    });

    move || match kind.get() {
        SessionKind::SignedOut => Either::Left(view! { <GoTo path="/signin?next=/notifications".to_string() /> }),
        _ => Either::Right(view! {
            <div class="page notifications">
                <header class="page-head">
                    <div>
                        <h1>{tr!(nav_notifications)}</h1>
                        <p class="lead">{tr!(notifications_lead)}</p>
                    </div>
                </header>
                <div class="mail-list">{list}</div>
            </div>
        }),
    }
}
