//! A partner's module form, field by field as typed, and the one validator
//! the browser runs as the partner types and the server runs on every save
//! (SPEC §4, seed 001).

pub mod code;
pub mod diff;
pub mod install;
pub mod lifecycle;
pub mod links;

use self::code::{check_code, CodeError};
use self::install::{check_install, InstallError};
use self::links::{check_url, UrlError};
use super::billing::amount::{parse_rubles, AmountError};
use super::lang::Localized;
use super::logo::{check_logo, LogoError, MAX_LOGO_BYTES};
use super::section::AddedSection;
use super::{
    countries, ApiSection, ApiVersion, CountryCode, Lang, Links, Listing, Materials, ModuleCode, Pricing, Scope,
    Section,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

pub const MAX_NAME: usize = 80;
pub const MAX_SHORT: usize = 160;
pub const MAX_SECTION_NAME: usize = 40;
pub const MAX_TRIAL_DAYS: u16 = 365;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionChoice {
    Existing(Section),
    /// A section the marketplace does not have yet; the moderator decides.
    Requested(Localized<String>),
    /// A requested section the moderator added.
    Added(AddedSection),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PricingKind {
    #[default]
    Free,
    Monthly,
    ServiceSide,
}

/// Amounts as typed: "1 990", "1490,50"; empty means not given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PricingDraft {
    pub kind: PricingKind,
    pub price: String,
    pub discounted: String,
    pub trial_days: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct MaterialsDraft {
    pub name: String,
    /// The card's one line.
    pub short: String,
    pub description: String,
    /// One feature per line.
    pub features: String,
    pub install: String,
}

impl MaterialsDraft {
    pub fn feature_list(&self) -> Vec<String> {
        self.features.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingDraft {
    pub code: String,
    pub min_api: ApiVersion,
    /// Where the marketplace asks for the simple connection configuration; empty when not supported.
    pub simple_connection_url: String,
    /// Where the Connect button sends the user when there is no simple connection.
    pub connection_url: String,
    pub scopes: BTreeSet<Scope>,
    pub section: SectionChoice,
    /// The SVG file's text; empty until one is chosen.
    pub logo: String,
    pub pricing: PricingDraft,
    pub countries: BTreeSet<CountryCode>,
    pub materials: Localized<MaterialsDraft>,
    pub support_url: String,
    pub documentation_url: String,
}

impl Default for ListingDraft {
    fn default() -> Self {
        ListingDraft {
            code: String::new(),
            min_api: ApiVersion::V5,
            simple_connection_url: String::new(),
            connection_url: String::new(),
            scopes: BTreeSet::new(),
            section: SectionChoice::Existing(Section::Other),
            logo: String::new(),
            pricing: PricingDraft::default(),
            countries: BTreeSet::new(),
            materials: Localized { ru: MaterialsDraft::default(), en: MaterialsDraft::default() },
            support_url: String::new(),
            documentation_url: String::new(),
        }
    }
}

/// Where on the form a problem is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Code,
    MinApi,
    SimpleConnectionUrl,
    ConnectionUrl,
    Scopes,
    Section,
    NewSection(Lang),
    Logo,
    Pricing,
    Price,
    Discounted,
    TrialDays,
    Countries,
    Name(Lang),
    Short(Lang),
    /// Free text: no rule, but a place on the form.
    Description(Lang),
    Features(Lang),
    Install(Lang),
    SupportUrl,
    DocumentationUrl,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Issue {
    Required,
    TooLong(usize),
    Code(CodeError),
    /// Another listing already uses the code.
    CodeTaken,
    /// The module is published: its code can no longer change.
    CodeFixed,
    Url(UrlError),
    Logo(LogoError),
    Amount(AmountError),
    /// A discounted price must be lower than the price.
    DiscountNotLower,
    /// A trial is 1 to 365 days.
    TrialDays,
    TrialWithoutPrice,
    UnknownCountry(CountryCode),
    Install(InstallError),
    /// Not an e-mail address.
    Email,
    /// Not a phone number in international format.
    Phone,
    /// A partner or a pending application already has this e-mail.
    EmailTaken,
    /// A password shorter than this many characters.
    PasswordShort(usize),
    /// The password typed again is not the same.
    PasswordsDiffer,
    /// Not the password in use.
    WrongPassword,
    /// The requested new section waits for the moderator's decision.
    SectionUndecided,
    /// A section only the moderator adds, which this listing was not given.
    SectionNotAdded,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub field: Field,
    pub issue: Issue,
}

/// What the validator needs to know beyond the form: facts only the server holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// Another listing holds `code`: a live module, or a listing in review.
    pub code_taken: bool,
    /// The code this module was published under, if it was.
    pub published_code: Option<String>,
}

/// What a listing already holds, which its next draft may keep but no draft
/// may claim anew.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Held {
    /// The code its module was published under.
    pub published_code: Option<String>,
    /// The sections the moderator added for it: in its saved draft, and in
    /// its live module.
    pub added_sections: Vec<AddedSection>,
}

impl ListingDraft {
    pub fn supports_simple_connection(&self) -> bool {
        !self.simple_connection_url.trim().is_empty()
    }

    pub fn api_sections(&self) -> BTreeSet<ApiSection> {
        self.scopes.iter().map(|s| s.section).collect()
    }

    /// Every problem, in the form's order; none means it may go to review.
    pub fn problems(&self, context: &Context) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut report = |field, result: Result<(), Issue>| {
            if let Err(issue) = result {
                problems.push(Problem { field, issue });
            }
        };
        report(Field::Code, self.check_code(context));
        report(Field::SimpleConnectionUrl, optional_url(&self.simple_connection_url));
        let connection_url = if self.supports_simple_connection() {
            optional_url(&self.connection_url)
        } else {
            required_url(&self.connection_url)
        };
        report(Field::ConnectionUrl, connection_url);
        report(Field::Scopes, if self.scopes.is_empty() { Err(Issue::Required) } else { Ok(()) });
        if let SectionChoice::Requested(names) = &self.section {
            for lang in Lang::ALL {
                report(Field::NewSection(lang), required_text(names.get(lang), MAX_SECTION_NAME));
            }
        }
        report(
            Field::Logo,
            if self.logo.is_empty() {
                Err(Issue::Required)
            } else {
                check_logo(self.logo.as_bytes()).map_err(Issue::Logo)
            },
        );
        for (field, result) in self.pricing.problems() {
            report(field, Err(result));
        }
        report(Field::Countries, self.check_countries());
        for lang in Lang::ALL {
            let materials = self.materials.get(lang);
            report(Field::Name(lang), required_text(&materials.name, MAX_NAME));
            report(Field::Short(lang), required_text(&materials.short, MAX_SHORT));
            report(
                Field::Features(lang),
                if materials.feature_list().is_empty() { Err(Issue::Required) } else { Ok(()) },
            );
            report(Field::Install(lang), self.check_install(&materials.install));
        }
        report(Field::SupportUrl, required_url(&self.support_url));
        report(Field::DocumentationUrl, required_url(&self.documentation_url));
        problems
    }

    /// Problems that refuse even a draft: a logo too large to store, a new
    /// code for a module published under another, and an added section the
    /// moderator did not add for this listing.
    pub fn unstorable(&self, held: &Held) -> Vec<Problem> {
        let mut problems = Vec::new();
        if self.logo.len() > MAX_LOGO_BYTES {
            problems.push(Problem { field: Field::Logo, issue: Issue::Logo(LogoError::TooLarge) });
        }
        if held.published_code.as_ref().is_some_and(|code| *code != self.code) {
            problems.push(Problem { field: Field::Code, issue: Issue::CodeFixed });
        }
        if let SectionChoice::Added(added) = &self.section {
            if !held.added_sections.contains(added) {
                problems.push(Problem { field: Field::Section, issue: Issue::SectionNotAdded });
            }
        }
        problems
    }

    fn check_code(&self, context: &Context) -> Result<(), Issue> {
        if let Some(published) = &context.published_code {
            return if *published == self.code { Ok(()) } else { Err(Issue::CodeFixed) };
        }
        if self.code.is_empty() {
            return Err(Issue::Required);
        }
        check_code(&self.code).map_err(Issue::Code)?;
        if context.code_taken {
            Err(Issue::CodeTaken)
        } else {
            Ok(())
        }
    }

    fn check_countries(&self) -> Result<(), Issue> {
        if let Some(unknown) = self.countries.iter().find(|c| !countries::is_known(c)) {
            Err(Issue::UnknownCountry(unknown.clone()))
        } else if self.countries.is_empty() {
            Err(Issue::Required)
        } else {
            Ok(())
        }
    }

    fn check_install(&self, text: &str) -> Result<(), Issue> {
        if text.trim().is_empty() {
            return Err(Issue::Required);
        }
        check_install(text, &self.api_sections(), self.supports_simple_connection()).map_err(Issue::Install)
    }
}

impl PricingDraft {
    /// The pricing the draft describes, once it has no problems. A monthly
    /// price of 0 is a free module (seed 001: "enter 0").
    pub fn pricing(&self) -> Result<Pricing, Vec<(Field, Issue)>> {
        let problems = self.problems();
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(match self.kind {
            PricingKind::Free => Pricing::Free,
            PricingKind::ServiceSide => Pricing::ServiceSide,
            PricingKind::Monthly => {
                let price = parse_rubles(&self.price).unwrap_or_default();
                let discounted = optional(&self.discounted).and_then(|d| parse_rubles(d).ok());
                let trial_days = optional(&self.trial_days).and_then(|d| d.parse().ok());
                if price.is_zero() {
                    Pricing::Free
                } else {
                    Pricing::Monthly { price, discounted, trial_days }
                }
            }
        })
    }

    fn problems(&self) -> Vec<(Field, Issue)> {
        if self.kind != PricingKind::Monthly {
            return Vec::new();
        }
        let mut problems = Vec::new();
        let price = match optional(&self.price).map(parse_rubles) {
            None => {
                problems.push((Field::Price, Issue::Required));
                None
            }
            Some(Err(error)) => {
                problems.push((Field::Price, Issue::Amount(error)));
                None
            }
            Some(Ok(price)) if price < Decimal::ZERO => {
                problems.push((Field::Price, Issue::Amount(AmountError::NotPositive)));
                None
            }
            Some(Ok(price)) => Some(price),
        };
        if let Some(discounted) = optional(&self.discounted) {
            match parse_rubles(discounted) {
                Err(error) => problems.push((Field::Discounted, Issue::Amount(error))),
                Ok(d) if d <= Decimal::ZERO => {
                    problems.push((Field::Discounted, Issue::Amount(AmountError::NotPositive)));
                }
                Ok(d) if price.is_some_and(|p| d >= p) => problems.push((Field::Discounted, Issue::DiscountNotLower)),
                Ok(_) => {}
            }
        }
        if let Some(days) = optional(&self.trial_days) {
            let valid = days.parse::<u16>().is_ok_and(|d| (1..=MAX_TRIAL_DAYS).contains(&d));
            if !valid {
                problems.push((Field::TrialDays, Issue::TrialDays));
            }
        }
        // A price of 0 is a free module: nothing to try for free.
        if price.is_some_and(|p| p.is_zero()) && optional(&self.trial_days).is_some() {
            problems.push((Field::TrialDays, Issue::TrialWithoutPrice));
        }
        problems
    }
}

fn optional(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

fn required_text(text: &str, max: usize) -> Result<(), Issue> {
    let length = text.trim().chars().count();
    if length == 0 {
        Err(Issue::Required)
    } else if length > max {
        Err(Issue::TooLong(max))
    } else {
        Ok(())
    }
}

fn required_url(text: &str) -> Result<(), Issue> {
    optional(text).map_or(Err(Issue::Required), |url| check_url(url).map_err(Issue::Url))
}

fn optional_url(text: &str) -> Result<(), Issue> {
    optional(text).map_or(Ok(()), |url| check_url(url).map_err(Issue::Url))
}

/// Who publishes the listing: shown on the card and in the pop-up.
pub struct Vendor<'a> {
    pub name: &'a str,
    pub website: &'a str,
}

impl ListingDraft {
    /// The working copy of a listing already in the marketplace, for its
    /// partner to edit. Listings carry no connection page; the vendor's site
    /// stands in until the partner gives one.
    pub fn from_listing(listing: &Listing, logo: &str) -> ListingDraft {
        let materials = |m: &Materials| MaterialsDraft {
            name: m.name.clone(),
            short: m.short.clone(),
            description: m.description.clone(),
            features: m.features.join("\n"),
            install: m.install.clone(),
        };
        let pricing = match &listing.pricing {
            Pricing::Free => PricingDraft::default(),
            Pricing::ServiceSide => PricingDraft { kind: PricingKind::ServiceSide, ..PricingDraft::default() },
            Pricing::Monthly { price, discounted, trial_days } => PricingDraft {
                kind: PricingKind::Monthly,
                price: price.to_string(),
                discounted: discounted.map(|d| d.to_string()).unwrap_or_default(),
                trial_days: trial_days.map(|d| d.to_string()).unwrap_or_default(),
            },
        };
        ListingDraft {
            code: listing.code.to_string(),
            min_api: listing.min_api,
            simple_connection_url: listing.links.simple_connection.clone().unwrap_or_default(),
            connection_url: if listing.links.connection.is_empty() {
                listing.links.website.clone()
            } else {
                listing.links.connection.clone()
            },
            scopes: listing.scopes.iter().copied().collect(),
            section: match &listing.added_section {
                Some(added) => SectionChoice::Added(added.clone()),
                None => SectionChoice::Existing(listing.section),
            },
            logo: logo.to_string(),
            pricing,
            countries: listing.countries.iter().cloned().collect(),
            materials: Localized { ru: materials(&listing.materials.ru), en: materials(&listing.materials.en) },
            support_url: listing.links.support.clone(),
            documentation_url: listing.links.documentation.clone(),
        }
    }

    /// The moderator adds the section this draft asks for; `false` when it asks for none.
    pub fn add_requested_section(&mut self) -> bool {
        let SectionChoice::Requested(names) = &self.section else { return false };
        self.section = SectionChoice::Added(AddedSection::approved(names));
        true
    }

    /// The listing an account will see, once the draft has no problems and
    /// the moderator has decided on any new section it asks for.
    pub fn listing(&self, vendor: &Vendor, installs: u32, published: NaiveDate) -> Result<Listing, Vec<Problem>> {
        let mut problems = self.problems(&Context::default());
        if matches!(self.section, SectionChoice::Requested(_)) {
            problems.push(Problem { field: Field::Section, issue: Issue::SectionUndecided });
        }
        if problems.is_empty() {
            Ok(self.preview(vendor, installs, published))
        } else {
            Err(problems)
        }
    }

    /// The listing as the draft stands, problems and all: the form's live
    /// preview. A pricing with mistakes shows as free until it is fixed; a
    /// requested section shows under "Other" until the moderator adds it.
    pub fn preview(&self, vendor: &Vendor, installs: u32, published: NaiveDate) -> Listing {
        let materials = |m: &MaterialsDraft| Materials {
            name: m.name.trim().to_string(),
            short: m.short.trim().to_string(),
            description: m.description.trim().to_string(),
            features: m.feature_list(),
            install: m.install.trim().to_string(),
        };
        Listing {
            code: ModuleCode::new(self.code.clone()),
            section: match &self.section {
                SectionChoice::Existing(section) => *section,
                SectionChoice::Requested(_) | SectionChoice::Added(_) => Section::Other,
            },
            added_section: match &self.section {
                SectionChoice::Added(added) => Some(added.clone()),
                _ => None,
            },
            vendor: vendor.name.to_string(),
            pricing: self.pricing.pricing().unwrap_or(Pricing::Free),
            countries: self.countries.iter().cloned().collect(),
            min_api: self.min_api,
            scopes: self.scopes.iter().copied().collect(),
            links: Links {
                documentation: self.documentation_url.trim().to_string(),
                support: self.support_url.trim().to_string(),
                website: vendor.website.to_string(),
                connection: self.connection_url.trim().to_string(),
                simple_connection: Some(self.simple_connection_url.trim().to_string()).filter(|url| !url.is_empty()),
            },
            materials: Localized { ru: materials(&self.materials.ru), en: materials(&self.materials.en) },
            installs,
            published,
        }
    }
}
