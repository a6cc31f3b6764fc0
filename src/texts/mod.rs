//! Texts made outside a page, in either language: the history's CSV export
//! and the notice e-mails; and the SMS service's (`sms`) and the reseller
//! billing's (`reseller`), which native tests read. The words come from `locales/` like the UI's.

pub mod booking;
pub mod reseller;
pub mod reviews;
pub mod search;
pub mod sms;

use crate::domain::billing::history::{csv_amount, csv_document, csv_text};
use crate::domain::billing::{Notice, Operation, OperationKind};
use crate::domain::dates::{format_date, format_date_time, iso_date_time};
use crate::domain::money::format_rub;
use crate::domain::Lang;
use crate::i18n::*;
use chrono_tz::Tz;

pub fn locale_of(lang: Lang) -> Locale {
    match lang {
        Lang::Ru => Locale::ru,
        Lang::En => Locale::en,
    }
}

pub fn lang_of(locale: Locale) -> Lang {
    match locale {
        Locale::ru => Lang::Ru,
        Locale::en => Lang::En,
    }
}

pub fn operation_kind_name(locale: Locale, kind: OperationKind) -> &'static str {
    match kind {
        OperationKind::TopUp => td_string!(locale, op_top_up),
        OperationKind::Charge => td_string!(locale, op_charge),
        OperationKind::TrialStart => td_string!(locale, op_trial_start),
        OperationKind::TrialEnd => td_string!(locale, op_trial_end),
        OperationKind::Freeze => td_string!(locale, op_freeze),
        OperationKind::Unfreeze => td_string!(locale, op_unfreeze),
    }
}

/// The history rows as CSV: a header, then one line per row, amounts with a dot.
pub fn history_csv(lang: Lang, tz: Tz, operations: &[Operation], module_name: impl Fn(&str) -> String) -> String {
    let locale = locale_of(lang);
    let header = [
        td_string!(locale, csv_date),
        td_string!(locale, csv_kind),
        td_string!(locale, csv_module),
        td_string!(locale, csv_connection),
        td_string!(locale, csv_amount),
        td_string!(locale, csv_balance),
    ]
    .map(str::to_string);
    let rows = operations.iter().map(|op| {
        [
            iso_date_time(op.at, tz),
            operation_kind_name(locale, op.kind).to_string(),
            csv_text(&op.module.as_ref().map(|code| module_name(code.as_str())).unwrap_or_default()),
            csv_text(op.connection_name.as_deref().unwrap_or_default()),
            csv_amount(op.amount),
            csv_amount(op.balance_after),
        ]
    });
    csv_document(std::iter::once(header).chain(rows))
}

/// The e-mail sent two days before a charge: subject and plain-text body.
pub fn notice_mail(lang: Lang, tz: Tz, notice: &Notice, module: &str) -> (String, String) {
    let locale = locale_of(lang);
    let amount = format_rub(notice.amount, lang);
    let date = format_date(notice.due_on, lang);
    let connection = notice.connection_name.as_str();
    let subject = td_string!(locale, mail_subject, module = module, amount = amount.as_str(), date = date.as_str());
    let body = if notice.after_trial {
        td_string!(
            locale,
            mail_body_trial,
            module = module,
            connection = connection,
            amount = amount.as_str(),
            date = date.as_str()
        )
        .to_string()
    } else {
        td_string!(
            locale,
            mail_body,
            module = module,
            connection = connection,
            amount = amount.as_str(),
            date = date.as_str()
        )
        .to_string()
    };
    let sent = format_date_time(notice.at, tz, lang);
    (subject.to_string(), format!("{body}\n\n{}", td_string!(locale, mail_footer, sent = sent.as_str())))
}

/// The letter a moderator's decision sends the applicant: subject and plain-text body.
/// `link` is the one-time address to set a password, for an approval.
/// To someone who already signs in, when an application names their address.
pub fn already_signs_in_letter(lang: Lang, sign_in: &str) -> (String, String) {
    let locale = locale_of(lang);
    (
        td_string!(locale, letter_already_signs_in_subject).to_string(),
        td_string!(locale, letter_already_signs_in_body, link = sign_in).to_string(),
    )
}

pub fn decision_letter(lang: Lang, company: &str, reason: Option<&str>, link: Option<&str>) -> (String, String) {
    let locale = locale_of(lang);
    match (reason, link) {
        (Some(reason), _) => (
            td_string!(locale, letter_declined_subject, company = company).to_string(),
            td_string!(locale, letter_declined_body, company = company, reason = reason).to_string(),
        ),
        (None, link) => (
            td_string!(locale, letter_approved_subject, company = company).to_string(),
            td_string!(
                locale,
                letter_approved_body,
                link = link.unwrap_or_default(),
                days = crate::domain::application::INVITATION_DAYS
            )
            .to_string(),
        ),
    }
}
