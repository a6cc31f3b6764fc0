//! The browser app ships as five Trunk builds of this crate, so that each
//! user's first load carries only the screens of what they came to do: Trunk
//! cannot split one wasm, so each group of pages is a single-page app of its own.
//!
//! - the marketplace (`index.html`): the catalog, a module's pop-up and
//!   activation, and sign-in — an account owner's first screen;
//! - the account (`src/account.html`): balance, top-up and history, notices,
//!   API keys, one's sign-in and sessions;
//! - built-in modules (`src/builtins.html`): the settings screens of Souk's
//!   own modules, which the owner of a connection of one opens;
//! - the cabinet (`src/cabinet.html`): partners' modules, applying and the
//!   welcome link;
//! - moderation (`src/moderation.html`): the review queue, applications and the search's synonyms.
//!
//! The server, the preview's server and every router ask this table which app
//! answers a page; a link into another app loads it.

/// One of the browser apps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum App {
    Marketplace,
    Account,
    Cabinet,
    Moderation,
    Builtins,
}

impl App {
    /// Every app but the marketplace, which answers every page they do not.
    pub const OTHERS: [App; 4] = [App::Account, App::Cabinet, App::Moderation, App::Builtins];

    /// The pages an app answers: these paths and everything under them.
    pub fn pages(self) -> &'static [&'static str] {
        match self {
            App::Marketplace => &[],
            App::Account => &["/billing", "/notifications", "/api-keys", "/account"],
            App::Cabinet => &["/partner", "/apply", "/welcome"],
            App::Moderation => &["/moderation"],
            App::Builtins => &["/builtins"],
        }
    }

    /// The folder under `dist/` that holds an app's build, also its public URL
    /// (the marketplace's is `dist/` itself). Never under one of the pages.
    pub fn dir(self) -> Option<&'static str> {
        match self {
            App::Marketplace => None,
            App::Account => Some("apps/account"),
            App::Cabinet => Some("apps/cabinet"),
            App::Moderation => Some("apps/moderation"),
            App::Builtins => Some("apps/builtins"),
        }
    }

    /// The app that answers a page's path (a query or fragment may follow it).
    pub fn of(path: &str) -> App {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let answers =
            |page: &&str| path.strip_prefix(page).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
        App::OTHERS.into_iter().find(|app| app.pages().iter().any(answers)).unwrap_or(App::Marketplace)
    }
}
