//! The symbol code: `integrationModule[integrationCode]` in the module API.

use serde::{Deserialize, Serialize};

pub const MIN_CODE: usize = 2;
pub const MAX_CODE: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeError {
    TooShort,
    TooLong,
    /// The first character that is not a Latin letter, digit, `-` or `_`.
    Character(char),
    /// Codes starting with `souk-` are Souk's own built-in modules.
    Reserved,
}

pub fn check_code(code: &str) -> Result<(), CodeError> {
    if let Some(bad) = code.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
        Err(CodeError::Character(bad))
    } else if code.len() < MIN_CODE {
        Err(CodeError::TooShort)
    } else if code.len() > MAX_CODE {
        Err(CodeError::TooLong)
    } else if code.to_ascii_lowercase().starts_with(crate::domain::builtin::RESERVED_PREFIX) {
        Err(CodeError::Reserved)
    } else {
        Ok(())
    }
}

/// How the module sends its code when it activates itself in an account.
pub fn as_sent(code: &str) -> String {
    format!("integrationModule[integrationCode]={code}")
}
