//! What a storage failure says: what the store was doing, for which id, and
//! why. It goes to the log in full; the wire gets `ApiError::Internal` (see
//! `crate::app::error`), except a duplicate, which a use case may answer.

use std::error::Error;
use std::fmt;

type Cause = Box<dyn Error + Send + Sync>;

#[derive(Debug)]
pub struct StoreError {
    doing: String,
    duplicate: bool,
    cause: Option<Cause>,
}

impl StoreError {
    pub fn new(doing: impl Into<String>) -> StoreError {
        StoreError { doing: doing.into(), duplicate: false, cause: None }
    }

    /// A row that must be unique already exists.
    pub fn duplicate(doing: impl Into<String>) -> StoreError {
        StoreError { duplicate: true, ..StoreError::new(doing) }
    }

    pub fn caused_by(mut self, cause: impl Into<Cause>) -> StoreError {
        self.cause = Some(cause.into());
        self
    }

    pub fn is_duplicate(&self) -> bool {
        self.duplicate
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.cause {
            Some(cause) => write!(f, "{}: {cause}", self.doing),
            None => f.write_str(&self.doing),
        }
    }
}

impl Error for StoreError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.cause.as_deref().map(|cause| cause as &(dyn Error + 'static))
    }
}

/// `.context(|| format!("load the ledger of {id}"))` on any fallible result.
pub trait WithContext<T> {
    fn context(self, doing: impl FnOnce() -> String) -> Result<T, StoreError>;
}

impl<T, E: Into<Cause>> WithContext<T> for Result<T, E> {
    fn context(self, doing: impl FnOnce() -> String) -> Result<T, StoreError> {
        self.map_err(|cause| {
            let cause: Cause = cause.into();
            let duplicate = is_unique_violation(cause.as_ref());
            StoreError { doing: doing(), duplicate, cause: Some(cause) }
        })
    }
}

#[cfg(feature = "server")]
fn is_unique_violation(cause: &(dyn Error + Send + Sync + 'static)) -> bool {
    matches!(cause.downcast_ref::<sqlx::Error>(), Some(sqlx::Error::Database(error)) if error.is_unique_violation())
}

#[cfg(not(feature = "server"))]
fn is_unique_violation(_: &(dyn Error + Send + Sync + 'static)) -> bool {
    false
}
