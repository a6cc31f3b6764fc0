//! The preview at scale: the generated demo modules (`crate::demo::generated`)
//! are made again on every load rather than kept, since 10,000 of them would
//! not fit in the 5 MB of a browser's localStorage.

use super::{Keeper, ModuleEntry, State};
use crate::demo::generated;
use crate::domain::ModuleCode;
use crate::store::{Module, Result};

/// A keeper that keeps everything but the first `count` generated modules,
/// and puts them back whenever it loads.
pub struct WithoutGenerated<K> {
    pub inner: K,
    pub count: usize,
}

impl<K> WithoutGenerated<K> {
    fn is_generated(&self, code: &ModuleCode) -> bool {
        (0..self.count).contains(&generated::number(code).unwrap_or(usize::MAX))
    }
}

impl<K: Keeper> Keeper for WithoutGenerated<K> {
    fn revision(&self) -> Option<u64> {
        self.inner.revision()
    }

    fn load(&self) -> Option<(u64, State)> {
        let (revision, mut state) = self.inner.load()?;
        for made in generated::modules(self.count) {
            let module = Module { listing: made.listing, logo: made.logo };
            state.modules.insert(module.listing.code.clone(), ModuleEntry { module, draft: None });
        }
        Some((revision, state))
    }

    fn keep(&self, revision: u64, state: &State) -> Result<()> {
        if self.count == 0 {
            return self.inner.keep(revision, state);
        }
        let mut kept = state.clone();
        kept.modules.retain(|code, _| !self.is_generated(code));
        self.inner.keep(revision, &kept)
    }
}
