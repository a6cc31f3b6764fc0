//! The browser app ships as two Trunk builds, so that an account owner's first
//! load carries none of the partner's and moderator's screens: the marketplace
//! (`index.html`: the catalog, billing, notices, sign-in) and the cabinet
//! (`src/cabinet.html`, built into `dist/cabinet/`: partners' modules,
//! moderation, applying and the welcome link). The server and both routers ask
//! this table which of the two answers a page.

/// One of the two browser apps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum App {
    Marketplace,
    Cabinet,
}

/// The folder under `dist/` that holds the cabinet's build, also its public URL.
pub const CABINET_DIR: &str = "cabinet";

/// The pages the cabinet answers: these paths and everything under them.
pub const CABINET_PAGES: [&str; 4] = ["/partner", "/moderation", "/apply", "/welcome"];

impl App {
    /// The app that answers a page's path (a query or fragment may follow it).
    pub fn of(path: &str) -> App {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let in_cabinet = CABINET_PAGES
            .iter()
            .any(|page| path.strip_prefix(page).is_some_and(|rest| rest.is_empty() || rest.starts_with('/')));
        if in_cabinet {
            App::Cabinet
        } else {
            App::Marketplace
        }
    }
}
