//! The marketplace's rules as pure functions: no Leptos, no I/O, no clock.

pub mod account;
pub mod api_key;
pub mod application;
pub mod billing;
pub mod booking;
pub mod builtin;
pub mod catalog;
pub mod coded;
pub mod countries;
pub mod dates;
pub mod delivery;
pub mod ids;
pub mod integration;
pub mod lang;
pub mod listing;
pub mod logo;
pub mod money;
pub mod payment;
pub mod plural;
pub mod pricing;
pub mod reseller;
pub mod review;
pub mod role;
pub mod scope;
pub mod search;
pub mod section;
pub mod simple_connection;
pub mod sms;
pub mod submission;
pub mod visibility;

pub use account::{Account, ApiVersion, CountryCode};
pub use catalog::{CatalogQuery, PriceFilter, SortOrder};
pub use coded::Coded;
pub use ids::{
    AccountId, ApiKeyId, ApplicationId, ConnectionId, Email, IdempotencyKey, ListingId, ModuleCode, PaymentId,
    ReportId, ReviewId,
};
pub use lang::Lang;
pub use listing::{Links, Listing, Materials};
pub use pricing::{PriceLine, Pricing};
pub use role::Role;
pub use scope::{Access, ApiSection, Scope};
pub use section::Section;
