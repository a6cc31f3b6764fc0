//! Step 4, publishing and traffic: **Publish** sends the merchant and the
//! ticked services; the traffic permission ends the connection (the partner
//! removes the merchant) and restores it.

use super::messages::booking_error;
use super::Screen;
use crate::api;
use crate::api::ApiError;
use crate::i18n::*;
use crate::texts::booking::sync_text;
use crate::ui::books::use_books;
use crate::ui::widgets;
use crate::ui::widgets::tr;
use leptos::prelude::*;

#[component]
pub fn Publish(screen: Screen) -> impl IntoView {
    let i18n = use_i18n();
    let books = use_books();
    let publish = widgets::submit(move |()| {
        let call = api::booking::publish_channel(screen.connection());
        async move {
            screen.answered(call.await?);
            Ok::<(), ApiError>(())
        }
    });
    let traffic = widgets::submit(move |on: &bool| {
        let call = api::booking::set_traffic(screen.connection(), *on);
        async move {
            screen.answered(call.await?);
            Ok::<(), ApiError>(())
        }
    });
    let failure =
        move || publish.value().get().and_then(Result::err).or_else(|| traffic.value().get().and_then(Result::err));
    let channel = move || screen.channel.get();
    view! {
        <section class="panel" data-testid="channel-publishing" aria-labelledby="bk-publish-title">
            <h2 id="bk-publish-title">{tr!(bk_publish_title)}</h2>
            <p class="hint">{tr!(bk_publish_lead)}</p>
            {move || {
                let channel = channel();
                if channel.published {
                    view! { <p class="notice-box" role="status" data-testid="channel-published">{tr!(bk_published)}</p> }.into_any()
                } else {
                    view! {
                        <div class="form-actions">
                            <button type="button" class="button button--primary" data-testid="channel-publish"
                                disabled=move || publish.pending().get() || screen.channel.with(|c| c.consent.is_none())
                                on:click=move |_| publish.dispatch(())>
                                {move || if publish.pending().get() { t_string!(i18n, working) } else { t_string!(i18n, bk_publish) }}
                            </button>
                        </div>
                    }.into_any()
                }
            }}
            <p data-testid="channel-live" data-live=move || channel().live.to_string()>
                {move || if channel().live { t_string!(i18n, bk_live) } else { t_string!(i18n, bk_not_live) }}
            </p>
            {move || channel().merchant_sync.map(|state| {
                let locale = i18n.get_locale();
                let status = sync_text(locale, &state, books.tz.get());
                view! { <p class="hint" data-testid="merchant-sync">{td_string!(locale, bk_merchant_sync, status = status.as_str()).to_string()}</p> }
            })}
            <label class="switch">
                <input type="checkbox" role="switch" id="traffic-permission" data-testid="traffic-permission"
                    prop:checked=move || channel().traffic disabled=traffic.pending() aria-describedby="hint-traffic-permission"
                    on:change=move |e| traffic.dispatch(event_target_checked(&e)) />
                <span>{tr!(bk_traffic)}</span>
            </label>
            <p class="hint" id="hint-traffic-permission">{tr!(bk_traffic_hint)}</p>
            {move || failure().map(|e| view! { <p class="form-error" role="alert" data-testid="publish-error">{booking_error(i18n.get_locale(), &e)}</p> })}
            <p class="hint">
                {move || {
                    let email = screen.channel.with(|c| c.partner_email.clone());
                    td_string!(i18n.get_locale(), bk_partner_mail, email = email.as_str()).to_string()
                }}
            </p>
        </section>
    }
}
