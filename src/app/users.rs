//! Users an operator creates from the command line (`souk-server user
//! create`): the first moderator of a deployment that starts without demo
//! data, and partners onboarded by hand. Nobody is signed in for this; whoever
//! can run the server's binary on its database already holds everything.

use super::passwords::Passwords;
use crate::domain::application::check_password;
use crate::domain::submission::Issue;
use crate::domain::{Email, Role};
use crate::store::{Store, StoreError, Tx, UserRecord, Users};

/// Who to create; the password is read apart, never from the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub role: Role,
    pub email: String,
    pub name: String,
    /// A partner's company: the vendor of its listings.
    pub company: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    #[error("--email: not an e-mail address")]
    Email,
    #[error("the password: {0}")]
    Password(String),
    #[error("--role: an account owner belongs to an account; create moderators and partners here")]
    AccountOwner,
    #[error("--company: a partner needs its company, the vendor of its modules")]
    NoCompany,
    #[error("{0} already signs in")]
    Taken(Email),
    #[error("{0}")]
    Store(#[from] StoreError),
}

pub async fn create_user<S: Store>(
    store: &S,
    passwords: Passwords,
    new: NewUser,
    password: String,
) -> Result<Email, CreateUserError> {
    let email = Email::parse(&new.email).map_err(|_| CreateUserError::Email)?;
    check_password(&password).map_err(|issue| {
        CreateUserError::Password(match issue {
            Issue::PasswordShort(min) => format!("at least {min} characters"),
            Issue::TooLong(max) => format!("at most {max} characters"),
            other => format!("{other:?}"),
        })
    })?;
    let company = new.company.map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
    match new.role {
        Role::AccountOwner => return Err(CreateUserError::AccountOwner),
        Role::Partner if company.is_none() => return Err(CreateUserError::NoCompany),
        Role::Partner | Role::Moderator => {}
    }
    let password_hash = passwords.hash(password).await;
    let mut tx = store.write().await?;
    if tx.user(&email).await?.is_some() {
        return Err(CreateUserError::Taken(email));
    }
    let name = Some(new.name.trim()).filter(|n| !n.is_empty()).map_or_else(|| email.as_str().into(), Into::into);
    tx.insert_user(&UserRecord {
        email: email.clone(),
        name,
        role: new.role,
        account: None,
        company,
        website: None,
        timezone: None,
        password_hash,
    })
    .await?;
    tx.commit().await?;
    Ok(email)
}
