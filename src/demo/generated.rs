//! A demo catalog of any size, for measuring search and the server at scale
//! (`souk-server seed --modules N`): the modules of the search anchor page
//! (`../shared/bench/search-baseline.html`), the same words drawn by the same
//! random sequence, so both pages filter the same 10,000 modules; each with a
//! Russian name and description as well.

use super::DemoModule;
use crate::domain::lang::Localized;
use crate::domain::{ApiVersion, CountryCode, Links, Listing, Materials, ModuleCode, Pricing, Section};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

/// An English word of the anchor page, and the Russian word it stands for.
type Word = (&'static str, &'static str);

/// The anchor page's words.
const WORDS: [Word; 20] = [
    ("telephony", "телефония"),
    ("warehouse", "склад"),
    ("cash", "касса"),
    ("register", "регистратор"),
    ("call", "звонок"),
    ("tracking", "отслеживание"),
    ("delivery", "доставка"),
    ("sms", "смс"),
    ("loyalty", "лояльность"),
    ("booking", "бронирование"),
    ("analytics", "аналитика"),
    ("messenger", "мессенджер"),
    ("billing", "биллинг"),
    ("reseller", "реселлер"),
    ("invoice", "счёт"),
    ("courier", "курьер"),
    ("label", "этикетка"),
    ("widget", "виджет"),
    ("sync", "синхронизация"),
    ("export", "экспорт"),
];

/// The anchor page's linear congruential generator, in the same double
/// arithmetic as its JavaScript (whose products above 2^53 round).
struct Draws(f64);

impl Draws {
    fn next(&mut self) -> f64 {
        self.0 = (self.0 * 1_103_515_245.0 + 12_345.0) % 2_147_483_648.0;
        self.0 / 2_147_483_648.0
    }

    fn word(&mut self) -> Word {
        WORDS[(self.next() * WORDS.len() as f64) as usize]
    }
}

/// Every demo account's country, so that each account sees every module.
const COUNTRIES: [&str; 3] = ["RU", "KZ", "BY"];

/// The generated modules' logo: one small mark for all of them.
const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64"><rect width="64" height="64" rx="14" fill="#2a7"/><circle cx="32" cy="32" r="14" fill="#fff"/></svg>"##;

/// The code of the `i`-th generated module.
pub fn code(i: usize) -> ModuleCode {
    ModuleCode::new(format!("gen-{i}"))
}

/// Which generated module `code` names, if it names one.
pub fn number(code: &ModuleCode) -> Option<usize> {
    let number = code.as_str().strip_prefix("gen-")?.parse().ok()?;
    (*code == self::code(number)).then_some(number)
}

/// `count` modules, `gen-0` to `gen-{count-1}`: the anchor page's first
/// `count`, each in a section after its first word, published a day apart.
pub fn modules(count: usize) -> Vec<DemoModule> {
    let mut draws = Draws(42.0);
    let first_published = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    (0..count)
        .map(|i| {
            let (name, text) = ([draws.word(), draws.word()], [draws.word(), draws.word(), draws.word(), draws.word()]);
            let price = Decimal::from((draws.next() * 5000.0) as u32);
            let discounted = draws.next() < 0.2;
            let materials = |pick: fn(&Word) -> &'static str, integration: &str| {
                let words = |words: &[Word]| words.iter().map(pick).collect::<Vec<_>>().join(" ");
                let description = format!("{} {integration}", words(&text));
                Materials {
                    name: format!("{} {i}", words(&name)),
                    short: description.clone(),
                    description,
                    features: Vec::new(),
                    install: String::new(),
                }
            };
            let pricing = if price.is_zero() {
                Pricing::Free
            } else {
                let discounted = discounted.then(|| (price * Decimal::new(8, 1)).floor());
                Pricing::Monthly { price, discounted, trial_days: None }
            };
            let listing = Listing {
                code: code(i),
                section: section(name[0].0),
                vendor: format!("Generated {}", i % 100),
                pricing,
                countries: COUNTRIES.iter().filter_map(|c| CountryCode::try_from(c.to_string()).ok()).collect(),
                min_api: ApiVersion::V4,
                scopes: Vec::new(),
                links: Links {
                    documentation: format!("https://gen-{i}.example/docs"),
                    support: format!("https://gen-{i}.example/support"),
                    website: format!("https://gen-{i}.example"),
                    connection: String::new(),
                    simple_connection: None,
                },
                materials: Localized {
                    ru: materials(|w| w.1, "интеграция"), en: materials(|w| w.0, "integration")
                },
                installs: u32::try_from(count - i).unwrap_or(u32::MAX),
                published: first_published.checked_add_days(Days::new((i % 700) as u64)).unwrap_or(first_published),
                added_section: None,
            };
            DemoModule { listing, logo: LOGO.to_string(), secret: None }
        })
        .collect()
}

fn section(word: &str) -> Section {
    match word {
        "telephony" | "call" => Section::Telephony,
        "warehouse" | "label" => Section::Warehouse,
        "cash" | "register" | "invoice" => Section::CashRegisters,
        "tracking" => Section::CallTracking,
        "delivery" | "courier" => Section::Delivery,
        "messenger" | "widget" => Section::Messengers,
        "sms" => Section::SmsEmail,
        "loyalty" => Section::Loyalty,
        "billing" | "reseller" => Section::Billing,
        "booking" => Section::Booking,
        "analytics" | "export" | "sync" => Section::Analytics,
        _ => Section::Other,
    }
}
