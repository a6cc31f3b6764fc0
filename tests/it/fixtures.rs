//! Listings and accounts for the domain tests.

use chrono::NaiveDate;
use souk::domain::lang::Localized;
use souk::domain::{ApiVersion, CountryCode, Links, Listing, Materials, Pricing, Section};

pub fn country(code: &str) -> CountryCode {
    CountryCode::try_from(code.to_string()).unwrap()
}

pub fn materials(name: &str, short: &str) -> Materials {
    Materials {
        name: name.into(),
        short: short.into(),
        description: format!("{name}: {short}"),
        features: vec![],
        install: String::new(),
    }
}

pub fn listing(code: &str, section: Section, pricing: Pricing, countries: &[&str], api: ApiVersion) -> Listing {
    Listing {
        code: code.into(),
        section,
        vendor: "Vendor".into(),
        pricing,
        countries: countries.iter().map(|c| country(c)).collect(),
        min_api: api,
        scopes: vec![],
        links: Links {
            documentation: String::new(),
            support: String::new(),
            website: String::new(),
            connection: String::new(),
            simple_connection: None,
        },
        materials: Localized {
            ru: materials(&format!("Модуль {code}"), "описание"),
            en: materials(&format!("Module {code}"), "about"),
        },
        installs: 0,
        published: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        added_section: None,
    }
}

/// Calls to modules from use cases run natively on the memory store: none
/// answers, as from a machine with no network.
pub struct NoModules;

impl souk::app::module_calls::ModuleCalls for NoModules {
    fn system_url(&self) -> String {
        "http://preview.test".into()
    }
}

/// The SMS gateway's stand-in answering in the same process, as the offline
/// preview answers calls to the default gateway in the browser.
#[derive(Default)]
pub struct StandInGateway(std::sync::Mutex<souk::standins::smsc::Smsc>);

impl souk::app::module_calls::ModuleCalls for StandInGateway {
    fn system_url(&self) -> String {
        "http://preview.test".into()
    }

    fn post<'a>(&'a self, url: &'a str, fields: &'a [(&'a str, String)]) -> souk::app::module_calls::Call<'a> {
        let command = url.rsplit('/').next().and_then(|file| file.strip_suffix(".php")).unwrap_or_default();
        let fields: Vec<(String, String)> = fields.iter().map(|(n, v)| (n.to_string(), v.clone())).collect();
        let answer = self.0.lock().unwrap().answer(command, &fields, chrono::Utc::now());
        let outcome = souk::app::module_calls::CallOutcome {
            status: Some(200),
            body: answer.to_string(),
            latency_ms: 1,
            error: None,
        };
        Box::pin(std::future::ready(outcome))
    }
}

/// The selling BILLmanager's stand-in answering in the same process, as the
/// offline preview answers calls to the default billing in the browser.
#[derive(Default)]
pub struct StandInBilling(std::sync::Mutex<souk::standins::billmgr::Billmgr>);

impl souk::app::module_calls::ModuleCalls for StandInBilling {
    fn system_url(&self) -> String {
        "http://preview.test".into()
    }

    fn post<'a>(&'a self, _url: &'a str, fields: &'a [(&'a str, String)]) -> souk::app::module_calls::Call<'a> {
        let fields: Vec<(String, String)> = fields.iter().map(|(n, v)| (n.to_string(), v.clone())).collect();
        let answer = self.0.lock().unwrap().answer(&fields, chrono::Utc::now());
        let outcome = souk::app::module_calls::CallOutcome {
            status: Some(200),
            body: answer.map_or_else(|| "<html>BILLmanager</html>".into(), |answer| answer.to_string()),
            latency_ms: 1,
            error: None,
        };
        Box::pin(std::future::ready(outcome))
    }
}

/// The booking partner's stand-in answering in the same process, as the
/// offline preview answers calls to the default partner in the browser.
#[derive(Default)]
pub struct StandInPartner(pub std::sync::Mutex<souk::standins::booking::BookingPartner>);

impl souk::app::module_calls::ModuleCalls for StandInPartner {
    fn system_url(&self) -> String {
        "http://preview.test".into()
    }

    fn send_json<'a>(&'a self, call: &'a souk::app::module_calls::JsonCall) -> souk::app::module_calls::Call<'a> {
        let path = call.url.strip_prefix(souk::domain::booking::DEFAULT_PARTNER_URL).unwrap_or(&call.url);
        let body = call.body.as_deref().map(|body| serde_json::from_str(body).unwrap());
        let bearer = format!("Bearer {}", call.bearer);
        let (status, answer) = self.0.lock().unwrap().answer(call.method, path, Some(&bearer), body);
        let outcome = souk::app::module_calls::CallOutcome {
            status: Some(status),
            body: answer.to_string(),
            latency_ms: 1,
            error: None,
        };
        Box::pin(std::future::ready(outcome))
    }
}
