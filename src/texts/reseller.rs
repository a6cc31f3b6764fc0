//! The reseller billing's words in either language: product types,
//! departments, each field's problem, each refusal, the selling billing's
//! errors by their type, and what a synchronisation changed.

use crate::domain::money::format_rub;
use crate::domain::reseller::{
    BillFailure, Department, HandlerProblem, NotImportable, PlanChange, ProductType, ResellerRefusal, ServiceAction,
    ServiceStatus,
};
use crate::i18n::*;
use crate::texts::lang_of;

pub fn product_name(locale: Locale, product: ProductType) -> &'static str {
    match product {
        ProductType::Vhost => td_string!(locale, res_product_vhost),
        ProductType::Vds => td_string!(locale, res_product_vds),
        ProductType::Certificate => td_string!(locale, res_product_certificate),
        ProductType::Soft => td_string!(locale, res_product_soft),
    }
}

pub fn department_name(locale: Locale, department: Department) -> &'static str {
    match department {
        Department::Support => td_string!(locale, res_department_support),
        Department::Technical => td_string!(locale, res_department_technical),
        Department::Sales => td_string!(locale, res_department_sales),
        Department::Accounting => td_string!(locale, res_department_accounting),
    }
}

pub fn status_name(locale: Locale, status: ServiceStatus) -> &'static str {
    match status {
        ServiceStatus::Active => td_string!(locale, res_status_active),
        ServiceStatus::Suspended => td_string!(locale, res_status_suspended),
        ServiceStatus::Deleted => td_string!(locale, res_status_deleted),
    }
}

pub fn action_name(locale: Locale, action: ServiceAction) -> &'static str {
    match action {
        ServiceAction::Prolong => td_string!(locale, res_action_prolong),
        ServiceAction::Suspend => td_string!(locale, res_action_suspend),
        ServiceAction::Resume => td_string!(locale, res_action_resume),
        ServiceAction::Delete => td_string!(locale, res_action_delete),
    }
}

/// A period of `months`: "1 month", "3 months", "1 year".
pub fn period_name(locale: Locale, months: u32) -> String {
    match months {
        1 => td_string!(locale, res_period_month).to_string(),
        3 => td_string!(locale, res_period_3_months).to_string(),
        6 => td_string!(locale, res_period_6_months).to_string(),
        12 => td_string!(locale, res_period_year).to_string(),
        _ => td_string!(locale, res_period_months, n = months).to_string(),
    }
}

/// A period and what it costs: "3 months — ₽1,410".
pub fn period_price(locale: Locale, months: u32, cost: rust_decimal::Decimal) -> String {
    format!("{} — {}", period_name(locale, months), format_rub(cost, lang_of(locale)))
}

pub fn problem_text(locale: Locale, problem: &HandlerProblem) -> String {
    match problem {
        HandlerProblem::Url => td_string!(locale, res_problem_url),
        HandlerProblem::User => td_string!(locale, res_problem_user),
        HandlerProblem::Password => td_string!(locale, res_problem_password),
        HandlerProblem::DataCentre => td_string!(locale, res_problem_data_centre),
        HandlerProblem::Name => td_string!(locale, res_problem_name),
        HandlerProblem::Priority => td_string!(locale, res_problem_priority),
        HandlerProblem::MinBalance => td_string!(locale, res_problem_min_balance),
        HandlerProblem::DataCentreName => td_string!(locale, res_problem_data_centre_name),
        HandlerProblem::Provider => td_string!(locale, res_problem_provider),
        HandlerProblem::Plans => td_string!(locale, res_problem_plans),
    }
    .to_string()
}

pub fn not_importable_text(locale: Locale, why: &NotImportable) -> String {
    match why {
        NotImportable::Currency(currency) => {
            td_string!(locale, res_not_importable_currency, currency = currency.as_str()).to_string()
        }
        NotImportable::Periods => td_string!(locale, res_not_importable_periods).to_string(),
        NotImportable::Product => td_string!(locale, res_not_importable_product).to_string(),
    }
}

/// The selling billing's error, in our words by its type, its own words after.
pub fn failure_text(locale: Locale, failure: &BillFailure) -> String {
    match failure {
        BillFailure::Refused { kind, object, message } => {
            let ours = match kind.as_str() {
                "auth" => td_string!(locale, res_billing_auth).to_string(),
                "access" => td_string!(locale, res_billing_access).to_string(),
                "missed" => td_string!(locale, res_billing_missed, object = object.as_str()).to_string(),
                "value" => td_string!(locale, res_billing_value, object = object.as_str()).to_string(),
                "balance" => td_string!(locale, res_billing_balance).to_string(),
                other => td_string!(locale, res_billing_other, kind = other).to_string(),
            };
            if message.is_empty() {
                ours
            } else {
                td_string!(locale, res_billing_said, ours = ours.as_str(), message = message.as_str()).to_string()
            }
        }
        BillFailure::NoAnswer(why) => td_string!(locale, res_billing_no_answer, why = why.as_str()).to_string(),
        BillFailure::NotBillmanager(why) => {
            td_string!(locale, res_billing_not_billmanager, why = why.as_str()).to_string()
        }
    }
}

pub fn refusal_text(locale: Locale, refusal: &ResellerRefusal) -> String {
    match refusal {
        ResellerRefusal::Invalid(problem) => problem_text(locale, problem),
        ResellerRefusal::Billing(failure) => failure_text(locale, failure),
        ResellerRefusal::NotClient(level) => td_string!(locale, res_refused_not_client, level = *level).to_string(),
        ResellerRefusal::HandlerTaken(product) => {
            td_string!(locale, res_refused_handler_taken, product = product_name(locale, *product)).to_string()
        }
        ResellerRefusal::HandlerInUse { plans, services } => {
            let plans = plans.join(", ");
            match (plans.is_empty(), *services) {
                (false, 0) => td_string!(locale, res_refused_in_use_plans, plans = plans.as_str()).to_string(),
                (true, count) => td_string!(locale, res_refused_in_use_services, n = count).to_string(),
                (false, count) => {
                    td_string!(locale, res_refused_in_use_both, plans = plans.as_str(), n = count).to_string()
                }
            }
        }
        ResellerRefusal::DataCentreTaken(name) => {
            td_string!(locale, res_refused_data_centre_taken, name = name.as_str()).to_string()
        }
        ResellerRefusal::NotImportable(name, why) => {
            let why = not_importable_text(locale, why);
            td_string!(locale, res_refused_not_importable, name = name.as_str(), why = why.as_str()).to_string()
        }
        ResellerRefusal::AlreadyImported(name) => {
            td_string!(locale, res_refused_already_imported, name = name.as_str()).to_string()
        }
        ResellerRefusal::PlanGone(name) => td_string!(locale, res_refused_plan_gone, name = name.as_str()).to_string(),
        ResellerRefusal::PlanDisabled => td_string!(locale, res_refused_plan_disabled).to_string(),
        ResellerRefusal::NoSuchPeriod(months) => {
            let period = period_name(locale, *months);
            td_string!(locale, res_refused_no_such_period, period = period.as_str()).to_string()
        }
        ResellerRefusal::NoHandler => td_string!(locale, res_refused_no_handler).to_string(),
        ResellerRefusal::NoBalance => td_string!(locale, res_refused_no_balance).to_string(),
        ResellerRefusal::ServiceState(action, status) => td_string!(
            locale,
            res_refused_service_state,
            action = action_name(locale, *action),
            status = status_name(locale, *status)
        )
        .to_string(),
        ResellerRefusal::Frozen => td_string!(locale, res_refused_frozen).to_string(),
    }
}

pub fn change_text(locale: Locale, change: &PlanChange) -> String {
    let rub = |amount| format_rub(amount, lang_of(locale));
    match change {
        PlanChange::Name { from, to } => {
            td_string!(locale, res_change_name, from = from.as_str(), to = to.as_str()).to_string()
        }
        PlanChange::Price { months, from, to } => {
            let (period, from, to) = (period_name(locale, *months), rub(*from), rub(*to));
            td_string!(locale, res_change_price, period = period.as_str(), from = from.as_str(), to = to.as_str())
                .to_string()
        }
        PlanChange::PeriodAdded { months, cost } => {
            let (period, cost) = (period_name(locale, *months), rub(*cost));
            td_string!(locale, res_change_period_added, period = period.as_str(), cost = cost.as_str()).to_string()
        }
        PlanChange::PeriodRemoved { months } => {
            let period = period_name(locale, *months);
            td_string!(locale, res_change_period_removed, period = period.as_str()).to_string()
        }
    }
}
