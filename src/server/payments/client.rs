//! The payment provider's API, called over HTTPS with the shop's id and
//! secret (SOUK_PAYMENTS_URL, SOUK_PAYMENTS_SHOP_ID, SOUK_PAYMENTS_SECRET).

use super::wire::{Amount, ConfirmationRequest, CreatePayment, PaymentObject};
use crate::app::payments::{Created, PaymentRequest, Provider, ProviderCall, ProviderError};
use crate::domain::payment::ProviderReport;
use std::time::Duration;

/// Where the provider is and how the shop signs in to it.
#[derive(Clone)]
pub struct PaymentsConfig {
    /// The API's base, e.g. `https://api.yookassa.ru/v3`.
    pub url: String,
    pub shop_id: String,
    pub secret: String,
}

impl std::fmt::Debug for PaymentsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaymentsConfig").field("url", &self.url).field("shop_id", &self.shop_id).finish_non_exhaustive()
    }
}

pub struct HttpProvider {
    config: PaymentsConfig,
    http: reqwest::Client,
}

/// A provider slower than this is taken as down: the payer may try again.
const TIMEOUT: Duration = Duration::from_secs(10);

impl HttpProvider {
    pub fn new(config: PaymentsConfig) -> Result<HttpProvider, ProviderError> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| ProviderError(format!("HTTP client: {e}")))?;
        Ok(HttpProvider { config, http })
    }

    fn url(&self, path: &str) -> String {
        format!("{}/{path}", self.config.url.trim_end_matches('/'))
    }

    async fn answer(response: reqwest::Result<reqwest::Response>, doing: &str) -> Result<PaymentObject, ProviderError> {
        let response = response.map_err(|e| ProviderError(format!("{doing}: {e}")))?;
        let status = response.status();
        if !status.is_success() {
            let body = response.text().await.unwrap_or_default();
            return Err(ProviderError(format!("{doing}: {status} {}", body.chars().take(300).collect::<String>())));
        }
        response.json().await.map_err(|e| ProviderError(format!("{doing}: unreadable answer: {e}")))
    }
}

impl Provider for HttpProvider {
    fn create<'a>(&'a self, request: &'a PaymentRequest) -> ProviderCall<'a, Created> {
        Box::pin(async move {
            let body = CreatePayment {
                amount: Amount::rub(request.amount),
                capture: true,
                confirmation: ConfirmationRequest { kind: "redirect".into(), return_url: request.return_url.clone() },
                description: request.description.clone(),
                metadata: [("payment_id".to_string(), request.payment.as_str().into())].into_iter().collect(),
            };
            let sent = self
                .http
                .post(self.url("payments"))
                .basic_auth(&self.config.shop_id, Some(&self.config.secret))
                .header("Idempotence-Key", request.payment.as_str())
                .json(&body)
                .send()
                .await;
            let payment = Self::answer(sent, "create a payment").await?;
            let url = payment.confirmation.and_then(|c| c.confirmation_url);
            let url =
                url.ok_or_else(|| ProviderError(format!("payment {} came without a payment page", payment.id)))?;
            Ok(Created { provider_id: payment.id, confirmation_url: url })
        })
    }

    fn report<'a>(&'a self, provider_id: &'a str) -> ProviderCall<'a, ProviderReport> {
        Box::pin(async move {
            let path = format!("payments/{}", urlencode(provider_id));
            let sent =
                self.http.get(self.url(&path)).basic_auth(&self.config.shop_id, Some(&self.config.secret)).send().await;
            let payment = Self::answer(sent, "read a payment").await?;
            if payment.id != provider_id {
                return Err(ProviderError(format!("asked for payment {provider_id}, got {}", payment.id)));
            }
            payment.report().ok_or_else(|| ProviderError(format!("payment {provider_id}: amount {:?}", payment.amount)))
        })
    }
}

/// A provider's id goes into a path: anything but letters, digits and `-` is escaped.
fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b == b'-' { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}
