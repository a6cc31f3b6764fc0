//! The `modules` table: the published revision of each module, its logo, and
//! the approved working copy behind it; and the published modules as this
//! server last read them, kept until `modules_revision` moves on.

use super::{json, to_json, Result, SqlStore, SqlTx, Statement, WithContext};
use crate::domain::submission::ListingDraft;
use crate::domain::{Coded, ModuleCode};
use crate::store::{Module, Modules};
use std::sync::{Arc, Mutex};

/// The published modules as last read, and the revision they are of: the
/// catalog is read on every visit and changes on a moderator's approval.
#[derive(Default)]
pub(super) struct Published(Mutex<Option<(i64, Arc<[Module]>)>>);

impl Published {
    fn of(&self, revision: i64) -> Option<Arc<[Module]>> {
        let kept = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        kept.as_ref().filter(|(of, _)| *of == revision).map(|(_, modules)| modules.clone())
    }

    fn keep(&self, revision: i64, modules: Arc<[Module]>) {
        *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some((revision, modules));
    }
}

#[derive(sqlx::FromRow)]
struct ModuleRow {
    listing: String,
    logo_svg: String,
}

impl ModuleRow {
    fn module(self) -> Result<Module> {
        Ok(Module { listing: json("modules.listing", &self.listing)?, logo: self.logo_svg })
    }
}

impl SqlTx {
    async fn load_modules(&mut self) -> Result<Arc<[Module]>> {
        let rows: Vec<ModuleRow> = sqlx::query_as("SELECT listing, logo_svg FROM modules ORDER BY code")
            .fetch_all(self.conn())
            .await
            .context(|| "load the published modules".into())?;
        rows.into_iter().map(ModuleRow::module).collect()
    }
}

impl Modules for SqlTx {
    /// Kept between reads: the revision is read first, so on PostgreSQL a
    /// publish committed between the two reads leaves the modules marked
    /// older than they are, and they are read again next time. A transaction
    /// that has published sees its own publish, not yet committed: it reads apart.
    async fn modules(&mut self) -> Result<Arc<[Module]>> {
        if self.published_here {
            return self.load_modules().await;
        }
        let revision: i64 = sqlx::query_scalar("SELECT revision FROM modules_revision")
            .fetch_one(self.conn())
            .await
            .context(|| "read the revision of the published modules".into())?;
        if let Some(modules) = self.published.of(revision) {
            return Ok(modules);
        }
        let modules = self.load_modules().await?;
        self.published.keep(revision, modules.clone());
        Ok(modules)
    }

    async fn module(&mut self, code: &ModuleCode) -> Result<Option<Module>> {
        let row: Option<ModuleRow> = sqlx::query_as("SELECT listing, logo_svg FROM modules WHERE code = $1")
            .bind(code.as_str())
            .fetch_optional(self.conn())
            .await
            .context(|| format!("load module {code}"))?;
        row.map(ModuleRow::module).transpose()
    }

    async fn approved_draft(&mut self, code: &ModuleCode) -> Result<Option<ListingDraft>> {
        let row: Option<(Option<String>,)> = sqlx::query_as("SELECT draft FROM modules WHERE code = $1")
            .bind(code.as_str())
            .fetch_optional(self.conn())
            .await
            .context(|| format!("load the approved draft of {code}"))?;
        row.and_then(|(draft,)| draft).map(|draft| json("modules.draft", &draft)).transpose()
    }

    async fn publish(&mut self, module: &Module, draft: Option<&ListingDraft>) -> Result<()> {
        let listing = &module.listing;
        let draft = draft.map(|draft| to_json("modules.draft", draft)).transpose()?;
        sqlx::query(
            "INSERT INTO modules (code, section, listing, logo_svg, draft) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (code) DO UPDATE SET section = excluded.section, listing = excluded.listing, \
             logo_svg = excluded.logo_svg, draft = excluded.draft",
        )
        .bind(listing.code.as_str())
        .bind(listing.section.code())
        .bind(to_json("modules.listing", listing)?)
        .bind(&module.logo)
        .bind(draft)
        .run(self, || format!("publish module {}", listing.code))
        .await?;
        self.published_here = true;
        sqlx::query("UPDATE modules_revision SET revision = revision + 1")
            .run(self, || "move the revision of the published modules on".into())
            .await
    }
}

impl SqlStore {
    /// A published module's logo, for the `/logos/` route.
    pub async fn logo(&self, code: &str) -> Result<Option<String>> {
        let row: Option<(String,)> = sqlx::query_as("SELECT logo_svg FROM modules WHERE code = $1")
            .bind(code)
            .fetch_optional(&self.pool)
            .await
            .context(|| format!("load the logo of {code}"))?;
        Ok(row.map(|(svg,)| svg))
    }
}
