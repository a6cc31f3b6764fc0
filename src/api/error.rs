//! The errors a server function can answer with; the UI translates each one.

use crate::domain::api_key::KeyRefusal;
use crate::domain::application::{ApplicationProblem, DecisionError};
use crate::domain::billing::Refusal;
use crate::domain::booking::BookingRefusal;
use crate::domain::reseller::{BillFailure, ResellerRefusal};
use crate::domain::review::{ReviewError, ReviewProblem, ReviewRefusal};
use crate::domain::search::synonyms::SynonymProblem;
use crate::domain::simple_connection::ConnectRefusal;
use crate::domain::sms::gateway::GatewayFailure;
use crate::domain::sms::SmsRefusal;
use crate::domain::submission::lifecycle::LifecycleError;
use crate::domain::submission::Problem;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::marker::PhantomData;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "error", content = "detail", rename_all = "snake_case")]
pub enum ApiError {
    /// No valid session: sign in again.
    #[error("not signed in")]
    NotSignedIn,
    /// Deliberately does not say whether the e-mail or the password was wrong.
    #[error("wrong e-mail or password")]
    BadCredentials,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// The request itself was malformed; the detail is for logs, not for users.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// A rule refused the change; nothing changed.
    #[error("refused: {0}")]
    Refused(Refusal),
    /// Too many attempts from this address or on this account: try again
    /// in this many seconds.
    #[error("too many attempts: wait {0} s")]
    TooManyAttempts(u32),
    /// No API key was issued, or its scopes not changed; nothing changed.
    #[error("no key: {0}")]
    Key(KeyRefusal),
    /// A simple connection did not come to be; nothing was charged or kept.
    #[error("not connected: {0}")]
    Connect(ConnectRefusal),
    /// No connection of the module has registered an `activity` action to send a test event to.
    #[error("no registered connection")]
    NoRegistration,
    #[error("SMS service refused")]
    Sms(Encoded<SmsRefusal>),
    /// The booking channel refused; its screen decodes why.
    #[error("refused by the booking channel")]
    Booking(Encoded<BookingRefusal>),
    /// The reseller billing refused; its screen decodes why.
    #[error("refused by the reseller billing")]
    Reseller(Encoded<ResellerRefusal>),
    /// A moderator's synonym breaks this rule; nothing changed.
    #[error("synonym refused: {0}")]
    Synonym(SynonymProblem),
    /// A review, a reply, a mark or a decision on a report was refused; nothing changed.
    #[error("review refused: {0}")]
    Review(ReviewRefusal),
    /// What was typed for a review, a reply, a report or a decision breaks these rules; nothing changed.
    #[error("invalid review")]
    ReviewInvalid(Problems<ReviewProblem>),
    /// The listing breaks these rules; nothing changed.
    #[error("invalid listing")]
    Invalid(Problems<Problem>),
    /// The application (or the password chosen through its link) breaks these rules; nothing changed.
    #[error("invalid application")]
    Application(Problems<ApplicationProblem>),
    /// The application was already decided, or a decline came without a reason.
    #[error("not now: {0}")]
    Decision(DecisionError),
    /// The listing is not where this step starts from (in review, not in review…).
    #[error("not now: {0}")]
    Lifecycle(LifecycleError),
    /// The listing changed since the moderator opened it: read it again first.
    #[error("changed since you opened it")]
    Changed,
    /// The sign-in waiting for a code has expired, or took too many wrong
    /// codes: the password is asked again.
    #[error("sign in again")]
    SignInExpired,
    /// Not the code the authenticator app shows now (or a used one), nor an unused recovery code.
    #[error("wrong code")]
    WrongCode,
    /// This server takes no payments (no provider is set up, outside demo mode).
    #[error("top-ups are not set up")]
    PaymentsOff,
    /// The payment provider did not answer, or not as it should: nothing was
    /// paid or credited, and the same request may be sent again.
    #[error("the payment provider did not answer")]
    PaymentProvider,
    /// Something failed on the server; the detail stays in the server log.
    #[error("server error")]
    Internal,
    /// The server could not be reached or answered something unreadable.
    #[error("network: {0}")]
    Network(String),
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(detail) | ServerFnErrorErr::MissingArg(detail) => ApiError::BadRequest(detail),
            ServerFnErrorErr::ServerError(_) => ApiError::Internal,
            other => ApiError::Network(other.to_string()),
        }
    }
}

impl ApiError {
    /// The refusal of an attempt that must wait `wait`, in whole seconds, rounded up.
    pub fn wait(wait: chrono::TimeDelta) -> ApiError {
        let seconds = (wait.num_milliseconds().max(0) + 999) / 1000;
        ApiError::TooManyAttempts(u32::try_from(seconds).unwrap_or(u32::MAX).max(1))
    }
}

impl From<Refusal> for ApiError {
    fn from(refusal: Refusal) -> ApiError {
        ApiError::Refused(refusal)
    }
}

impl From<SmsRefusal> for ApiError {
    fn from(refusal: SmsRefusal) -> ApiError {
        ApiError::Sms(Encoded::new(&refusal))
    }
}

impl From<ResellerRefusal> for ApiError {
    fn from(refusal: ResellerRefusal) -> ApiError {
        ApiError::Reseller(Encoded::new(&refusal))
    }
}

impl From<BookingRefusal> for ApiError {
    fn from(refusal: BookingRefusal) -> ApiError {
        ApiError::Booking(Encoded::new(&refusal))
    }
}

impl From<BillFailure> for ApiError {
    fn from(failure: BillFailure) -> ApiError {
        ResellerRefusal::Billing(failure).into()
    }
}

impl From<crate::domain::sms::SmsProblem> for ApiError {
    fn from(problem: crate::domain::sms::SmsProblem) -> ApiError {
        SmsRefusal::Invalid(problem).into()
    }
}

impl From<ReviewRefusal> for ApiError {
    fn from(refusal: ReviewRefusal) -> ApiError {
        ApiError::Review(refusal)
    }
}

impl From<ReviewError> for ApiError {
    fn from(error: ReviewError) -> ApiError {
        match error {
            ReviewError::Refused(refusal) => ApiError::Review(refusal),
            ReviewError::Invalid(problems) => ApiError::ReviewInvalid(Problems::new(&problems)),
        }
    }
}

impl From<KeyRefusal> for ApiError {
    fn from(refusal: KeyRefusal) -> ApiError {
        ApiError::Key(refusal)
    }
}

impl From<LifecycleError> for ApiError {
    fn from(error: LifecycleError) -> ApiError {
        ApiError::Lifecycle(error)
    }
}

impl From<DecisionError> for ApiError {
    fn from(error: DecisionError) -> ApiError {
        ApiError::Decision(error)
    }
}

impl From<Vec<Problem>> for ApiError {
    fn from(problems: Vec<Problem>) -> ApiError {
        ApiError::Invalid(Problems::new(&problems))
    }
}

impl From<Vec<ApplicationProblem>> for ApiError {
    fn from(problems: Vec<ApplicationProblem>) -> ApiError {
        ApiError::Application(Problems::new(&problems))
    }
}

/// A value kept as the JSON it came in and decoded only where it is shown: an
/// app that shows none of it then carries no decoder for its type (the
/// marketplace has none for the listing's, the application's and the SMS
/// service's rules: about 13 KB of gzip each). On the wire, the plain value.
/// Raw JSON is read in place: the error's tag must come before it, as serde
/// writes it (see the round-trip test).
#[derive(Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Encoded<T> {
    json: Box<RawValue>,
    #[serde(skip)]
    kind: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Encoded<T> {
    pub fn new(value: &(impl Serialize + ?Sized)) -> Encoded<T> {
        let json = serde_json::value::to_raw_value(value).ok();
        Encoded { json: json.unwrap_or_else(null), kind: PhantomData }
    }

    /// The value, or nothing when this app cannot read it.
    pub fn decode(&self) -> Option<T> {
        serde_json::from_str(self.json.get()).ok()
    }
}

fn null() -> Box<RawValue> {
    RawValue::from_string("null".to_string()).unwrap_or_else(|_| unreachable!("null is JSON"))
}

impl<T> Clone for Encoded<T> {
    fn clone(&self) -> Self {
        Encoded { json: self.json.clone(), kind: PhantomData }
    }
}

impl<T> PartialEq for Encoded<T> {
    fn eq(&self, other: &Self) -> bool {
        self.json.get() == other.json.get()
    }
}

impl<T> Eq for Encoded<T> {}

/// The problems the server found in what was sent, each naming its field.
#[derive(Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Problems<P>(Encoded<Vec<P>>);

impl<P: Serialize + DeserializeOwned> Problems<P> {
    pub fn new(problems: &[P]) -> Problems<P> {
        Problems(Encoded::new(problems))
    }

    /// The list, or nothing when this app cannot read it.
    pub fn decode(&self) -> Vec<P> {
        self.0.decode().unwrap_or_default()
    }
}

impl<P> Clone for Problems<P> {
    fn clone(&self) -> Self {
        Problems(self.0.clone())
    }
}

impl<P> PartialEq for Problems<P> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<P> Eq for Problems<P> {}

impl ApiError {
    /// The HTTP status the server answers this error with.
    pub fn status(&self) -> u16 {
        match self {
            ApiError::NotSignedIn | ApiError::BadCredentials => 401,
            ApiError::Forbidden => 403,
            ApiError::NotFound => 404,
            ApiError::BadRequest(_) => 400,
            ApiError::Refused(Refusal::Name(_) | Refusal::Amount(_)) => 422,
            ApiError::Refused(Refusal::UnknownModule | Refusal::UnknownConnection) => 404,
            ApiError::Refused(_) => 409,
            ApiError::Invalid(_) | ApiError::Synonym(_) | ApiError::ReviewInvalid(_) => 422,
            ApiError::Review(_) => 409,
            ApiError::Key(KeyRefusal::TooMany) => 409,
            ApiError::Key(KeyRefusal::NoConnection) => 404,
            ApiError::Key(_) => 422,
            ApiError::NoRegistration => 409,
            ApiError::Connect(ConnectRefusal::NotSimple) => 404,
            ApiError::Connect(ConnectRefusal::NoAnswer(_) | ConnectRefusal::BadAnswer(_)) => 502,
            ApiError::Connect(_) => 409,
            ApiError::Sms(refusal) => match refusal.decode() {
                Some(SmsRefusal::Invalid(_) | SmsRefusal::Programme(_)) => 422,
                Some(SmsRefusal::Gateway(GatewayFailure::NoAnswer(_) | GatewayFailure::BadAnswer(_))) => 502,
                _ => 409,
            },
            ApiError::Booking(refusal) => match refusal.decode() {
                Some(BookingRefusal::Invalid(_) | BookingRefusal::Price(_) | BookingRefusal::ConsentMissing(_)) => 422,
                _ => 409,
            },
            ApiError::Reseller(refusal) => match refusal.decode() {
                Some(ResellerRefusal::Invalid(_)) => 422,
                Some(ResellerRefusal::Billing(BillFailure::NoAnswer(_) | BillFailure::NotBillmanager(_))) => 502,
                _ => 409,
            },
            ApiError::TooManyAttempts(_) => 429,
            ApiError::Lifecycle(_) | ApiError::Changed => 409,
            ApiError::Application(_) => 422,
            ApiError::Decision(_) => 409,
            ApiError::SignInExpired | ApiError::WrongCode => 401,
            ApiError::PaymentsOff => 503,
            ApiError::PaymentProvider => 502,
            ApiError::Internal => 500,
            ApiError::Network(_) => 502,
        }
    }
}
