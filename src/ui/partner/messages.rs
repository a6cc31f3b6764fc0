//! What the partner form says about each problem and status, in the UI language.

use crate::domain::logo::LogoError;
use crate::domain::submission::code::CodeError;
use crate::domain::submission::install::InstallError;
use crate::domain::submission::lifecycle::Status;
use crate::domain::submission::links::UrlError;
use crate::domain::submission::{Field, Issue};
use crate::domain::Coded;
use crate::domain::Lang;
use crate::i18n::*;
use crate::ui::labels::{amount_error, api_section_name};

pub fn issue_text(locale: Locale, issue: &Issue) -> String {
    match issue {
        Issue::Required => td_string!(locale, issue_required).to_string(),
        Issue::TooLong(max) => td_string!(locale, issue_too_long, max = *max).to_string(),
        Issue::Code(CodeError::TooShort) => td_string!(locale, issue_code_short).to_string(),
        Issue::Code(CodeError::TooLong) => td_string!(locale, issue_code_long).to_string(),
        Issue::Code(CodeError::Character(c)) => td_string!(locale, issue_code_character, c = *c).to_string(),
        Issue::Code(CodeError::Reserved) => td_string!(locale, issue_code_reserved).to_string(),
        Issue::CodeTaken => td_string!(locale, issue_code_taken).to_string(),
        Issue::CodeFixed => td_string!(locale, issue_code_fixed).to_string(),
        Issue::Url(UrlError::NotAbsolute) => td_string!(locale, issue_url_absolute).to_string(),
        Issue::Url(UrlError::NotHttps) => td_string!(locale, issue_url_https).to_string(),
        Issue::Logo(error) => logo_text(locale, error),
        Issue::Amount(error) => amount_error(locale, *error).to_string(),
        Issue::DiscountNotLower => td_string!(locale, issue_discount).to_string(),
        Issue::TrialDays => td_string!(locale, issue_trial_days).to_string(),
        Issue::TrialWithoutPrice => td_string!(locale, issue_trial_free).to_string(),
        Issue::UnknownCountry(code) => td_string!(locale, issue_country, code = code.as_str()).to_string(),
        Issue::Install(InstallError::Blanket(phrase)) => {
            td_string!(locale, issue_blanket, phrase = phrase.as_str()).to_string()
        }
        Issue::Install(InstallError::SectionsNotNamed(sections)) => {
            let names: Vec<&str> = sections.iter().map(|s| api_section_name(locale, *s)).collect();
            td_string!(locale, issue_sections, sections = names.join(", ")).to_string()
        }
        Issue::Email => td_string!(locale, issue_email).to_string(),
        Issue::Phone => td_string!(locale, issue_phone).to_string(),
        Issue::EmailTaken => td_string!(locale, issue_email_taken).to_string(),
        Issue::PasswordShort(min) => td_string!(locale, issue_password_short, min = *min).to_string(),
        Issue::PasswordsDiffer => td_string!(locale, issue_passwords_differ).to_string(),
        Issue::WrongPassword => td_string!(locale, issue_wrong_password).to_string(),
        Issue::SectionUndecided => td_string!(locale, issue_section_undecided).to_string(),
        Issue::SectionNotAdded => td_string!(locale, issue_section_not_added).to_string(),
    }
}

pub fn logo_text(locale: Locale, error: &LogoError) -> String {
    match error {
        LogoError::TooLarge => td_string!(locale, logo_too_large).to_string(),
        LogoError::NotSvg => td_string!(locale, logo_not_svg).to_string(),
        LogoError::Malformed(line) => td_string!(locale, logo_malformed, line = *line).to_string(),
        LogoError::NoSize => td_string!(locale, logo_no_size).to_string(),
        LogoError::Doctype => td_string!(locale, logo_doctype).to_string(),
        LogoError::ProcessingInstruction(target) => {
            td_string!(locale, logo_processing_instruction, target = target.as_str()).to_string()
        }
        LogoError::Encoding(encoding) => td_string!(locale, logo_encoding, encoding = encoding.as_str()).to_string(),
        LogoError::Script => td_string!(locale, logo_script).to_string(),
        LogoError::EventHandler(name) => td_string!(locale, logo_handler, name = name.as_str()).to_string(),
        LogoError::JavascriptLink => td_string!(locale, logo_javascript).to_string(),
        LogoError::ExternalReference(url) => td_string!(locale, logo_external, url = url.as_str()).to_string(),
        LogoError::ForeignObject => td_string!(locale, logo_foreign_object).to_string(),
        LogoError::Element(name) => td_string!(locale, logo_element, name = name.as_str()).to_string(),
        LogoError::Attribute(name) => td_string!(locale, logo_attribute, name = name.as_str()).to_string(),
    }
}

pub fn status_text(locale: Locale, status: Status) -> &'static str {
    match status {
        Status::Draft => td_string!(locale, status_draft),
        Status::InReview => td_string!(locale, status_in_review),
        Status::Published => td_string!(locale, status_published),
        Status::Rejected => td_string!(locale, status_rejected),
        Status::PublishedRevisionInReview => td_string!(locale, status_revision_in_review),
        Status::PublishedRevisionDraft => td_string!(locale, status_revision_draft),
    }
}

/// A field's name, for the moderator's comparison.
pub fn field_label(locale: Locale, field: Field) -> String {
    let with_lang = |label: &str, lang: Lang| format!("{label} ({})", lang.code().to_uppercase());
    match field {
        Field::Code => td_string!(locale, field_code).to_string(),
        Field::MinApi => td_string!(locale, field_min_api).to_string(),
        Field::SimpleConnectionUrl => td_string!(locale, field_simple_connection).to_string(),
        Field::ConnectionUrl => td_string!(locale, field_connection_url).to_string(),
        Field::Scopes => td_string!(locale, field_permissions).to_string(),
        Field::Section => td_string!(locale, field_section).to_string(),
        Field::NewSection(lang) => with_lang(td_string!(locale, field_section_request), lang),
        Field::Logo => td_string!(locale, field_logo).to_string(),
        Field::Pricing => td_string!(locale, group_prices).to_string(),
        Field::Price => td_string!(locale, field_price).to_string(),
        Field::Discounted => td_string!(locale, field_discounted).to_string(),
        Field::TrialDays => td_string!(locale, field_trial_days).to_string(),
        Field::Countries => td_string!(locale, field_countries).to_string(),
        Field::Name(lang) => with_lang(td_string!(locale, field_name), lang),
        Field::Short(lang) => with_lang(td_string!(locale, field_short), lang),
        Field::Description(lang) => with_lang(td_string!(locale, field_description), lang),
        Field::Features(lang) => with_lang(td_string!(locale, field_features), lang),
        Field::Install(lang) => with_lang(td_string!(locale, field_install), lang),
        Field::SupportUrl => td_string!(locale, field_support_url).to_string(),
        Field::DocumentationUrl => td_string!(locale, field_documentation_url).to_string(),
    }
}

/// The pricing kind as `diff::pricing_kind_code` writes it, named in the UI language.
pub fn pricing_kind_name(locale: Locale, code: &str) -> &'static str {
    match code {
        "monthly" => td_string!(locale, pricing_monthly),
        "service_side" => td_string!(locale, pricing_service_side),
        _ => td_string!(locale, pricing_free),
    }
}
