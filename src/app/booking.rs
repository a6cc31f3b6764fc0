//! The booking channel's use cases (seed 004). So far the account's own
//! services, which the channel will publish: listed, added, changed and
//! deleted by the account's owner.

use super::tokens::random_hex;
use super::Ctx;
use crate::api::ApiError;
use crate::domain::booking::services::{OwnService, ServiceInput};
use crate::domain::booking::BookingRefusal;
use crate::store::{AccountServices, Store, Tx};

/// The owner's services, oldest first.
pub async fn account_services<S: Store>(cx: &Ctx<S>) -> Result<Vec<OwnService>, ApiError> {
    let mut tx = cx.store.read().await?;
    let account = cx.account_owner(&mut tx).await?;
    Ok(tx.account_services(&account).await?)
}

/// Adds a service (`id` is `None`) or changes the owner's service `id`;
/// nothing is kept unless every field is right.
pub async fn save_account_service<S: Store>(
    cx: &Ctx<S>,
    id: Option<String>,
    input: ServiceInput,
) -> Result<Vec<OwnService>, ApiError> {
    let mut tx = cx.store.write().await?;
    let account = cx.account_owner(&mut tx).await?;
    let services = tx.account_services(&account).await?;
    let id = match id {
        Some(id) if services.iter().any(|service| service.id == id) => id,
        Some(_) => return Err(ApiError::NotFound),
        None => format!("svc-{}", random_hex(6)),
    };
    let service = input.service(id).map_err(BookingRefusal::Invalid)?;
    tx.save_account_service(&account, &service, cx.now).await?;
    let services = tx.account_services(&account).await?;
    tx.commit().await?;
    Ok(services)
}

pub async fn delete_account_service<S: Store>(cx: &Ctx<S>, id: &str) -> Result<Vec<OwnService>, ApiError> {
    let mut tx = cx.store.write().await?;
    let account = cx.account_owner(&mut tx).await?;
    if !tx.delete_account_service(&account, id).await? {
        return Err(ApiError::NotFound);
    }
    let services = tx.account_services(&account).await?;
    tx.commit().await?;
    Ok(services)
}
