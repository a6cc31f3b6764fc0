//! Which published modules an account may see.

use super::{Account, Listing};

/// A module is visible when it serves one of the account's countries and the
/// account's API is at least the module's minimum version.
pub fn is_visible(listing: &Listing, account: &Account) -> bool {
    listing.min_api <= account.api_version && listing.countries.iter().any(|c| account.countries.contains(c))
}
