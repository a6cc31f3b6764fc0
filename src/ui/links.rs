//! Links and moves that may cross from one browser app into the other
//! (`crate::apps`): within an app the router shows the page; into the other,
//! the browser loads that app.

use crate::apps::App;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// Which app this page runs, provided by its root.
#[derive(Clone, Copy)]
struct ThisApp(App);

pub fn provide(app: App) {
    provide_context(ThisApp(app));
}

fn this_app() -> App {
    expect_context::<ThisApp>().0
}

/// `rel="external"` for a link into the other app, which the router then leaves to the browser.
pub fn rel(path: &str) -> Option<&'static str> {
    (App::of(path) != this_app()).then_some("external")
}

/// Goes to `path`, as a click on a link to it would.
pub fn use_go() -> impl Fn(&str) + Clone + 'static {
    use_go_with(false)
}

/// Replaces the page with `path` (the router's `Redirect`, for either app).
#[component]
pub fn GoTo(path: String) -> impl IntoView {
    let go = use_go_with(true);
    Effect::new(move || go(&path));
}

/// Goes to a path, through this app's router or by loading the other app;
/// `replace` takes the current page's place in the history instead of adding one.
fn use_go_with(replace: bool) -> impl Fn(&str) + Clone + 'static {
    let navigate = use_navigate();
    let here = this_app();
    move |path: &str| {
        if App::of(path) == here {
            navigate(path, NavigateOptions { replace, ..NavigateOptions::default() });
        } else {
            let location = window().location();
            let _ = if replace { location.replace(path) } else { location.assign(path) };
        }
    }
}
