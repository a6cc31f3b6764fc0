//! Which call tells the partner of a change: a service newly published is
//! created, one no longer published (unticked or deleted) is deleted, and a
//! change of what the partner shows is a `PATCH` naming exactly the fields
//! changed.

use super::Published;
use serde::{Deserialize, Serialize};

/// A field of a partner's service, as `updateMask` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    #[serde(rename = "localizedServiceName")]
    Name,
    #[serde(rename = "price")]
    Price,
    #[serde(rename = "durationSec")]
    Duration,
}

impl Field {
    pub fn mask_name(self) -> &'static str {
        match self {
            Field::Name => "localizedServiceName",
            Field::Price => "price",
            Field::Duration => "durationSec",
        }
    }
}

/// What the partner is to be told of one service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ServiceCall {
    Create,
    /// These fields changed, in the mask's order.
    Patch {
        fields: Vec<Field>,
    },
    Delete,
}

impl ServiceCall {
    /// `updateMask`'s value of a patch.
    pub fn mask(fields: &[Field]) -> String {
        fields.iter().map(|field| field.mask_name()).collect::<Vec<_>>().join(",")
    }
}

/// The call that takes the partner from `before` (what it was last told of
/// the service; `None`: nothing) to `after` (what is published now; `None`:
/// nothing); `None` when the partner already shows it.
pub fn call_for(before: Option<&Published>, after: Option<&Published>) -> Option<ServiceCall> {
    match (before, after) {
        (None, None) => None,
        (None, Some(_)) => Some(ServiceCall::Create),
        (Some(_), None) => Some(ServiceCall::Delete),
        (Some(before), Some(after)) => {
            let mut fields = Vec::new();
            if before.name != after.name {
                fields.push(Field::Name);
            }
            if before.price != after.price {
                fields.push(Field::Price);
            }
            if before.duration_min != after.duration_min {
                fields.push(Field::Duration);
            }
            (!fields.is_empty()).then_some(ServiceCall::Patch { fields })
        }
    }
}
