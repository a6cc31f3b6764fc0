//! The standard texts of each event in both languages, each with its length,
//! encoding and parts counted with the sender name added, as typed.

use crate::domain::sms::texts::standard_text;
use crate::domain::sms::{count, with_sender, Encoding, SmsEvent};
use crate::domain::{Coded, Lang};
use crate::i18n::*;
use crate::texts::sms::event_name;
use crate::ui::widgets::tr;
use leptos::prelude::*;

#[component]
pub fn Texts(sender: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = move || {
        let locale = i18n.get_locale();
        let sender = sender.get();
        SmsEvent::ALL
            .into_iter()
            .flat_map(|event| Lang::ALL.map(|lang| (event, lang)))
            .map(|(event, lang)| {
                let message = with_sender(&sender, standard_text(event, lang));
                let counted = count(&message);
                let encoding = match counted.encoding {
                    Encoding::Gsm7 => "GSM-7",
                    Encoding::Ucs2 => "UCS-2",
                };
                let unit = td_string!(locale, sms_unit);
                let (single, split) = counted.encoding.limits();
                let limit = if counted.parts > 1 { split } else { single };
                view! {
                    <tr data-testid="sms-template" data-event=event.code() data-lang=lang.code()>
                        <th scope="row">
                            {event_name(locale, event)}
                            <span class="hint">{lang.code().to_uppercase()}</span>
                        </th>
                        <td><p class="sms-text" lang=lang.code()>{message}</p></td>
                        <td class="num">
                            <span data-testid="sms-template-length">{counted.units}</span>
                            <span class="hint">{format!(" {unit} · {encoding}")}</span>
                        </td>
                        <td class="num">
                            <span data-testid="sms-template-parts">{counted.parts}</span>
                            <span class="hint">{td_string!(locale, sms_part_limit, limit = limit)}</span>
                            {(counted.parts > 1).then(|| view! {
                                <p class="warning" data-testid="sms-template-warning">
                                    {td_string!(locale, sms_long_text, parts = counted.parts)}
                                </p>
                            })}
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel sms-texts" data-testid="sms-texts" aria-labelledby="sms-texts-title">
            <h2 id="sms-texts-title">{tr!(sms_texts_title)}</h2>
            <p class="hint">{tr!(sms_texts_lead)}</p>
            <div class="table-wrap">
                <table class="table">
                    <caption class="visually-hidden">{tr!(sms_texts_title)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr!(sms_texts_col_event)}</th>
                            <th scope="col">{tr!(sms_texts_col_text)}</th>
                            <th scope="col">{tr!(sms_texts_col_length)}</th>
                            <th scope="col">{tr!(sms_texts_col_parts)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
