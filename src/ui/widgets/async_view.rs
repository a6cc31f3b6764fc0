//! What a screen shows of data on its way, written once: "Loading…", the
//! error with a way to retry, the empty state of a list, or the data.

use super::ErrorPanel;
use crate::api::ApiError;
use crate::ui::widgets::tr;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

#[component]
pub fn Loading() -> impl IntoView {
    view! { <div class="panel--loading" role="status" aria-busy="true">{tr!(loading)}</div> }
}

/// `view` of the data once it arrives.
pub fn loaded<T, V>(
    resource: LocalResource<Result<T, ApiError>>,
    view: impl Fn(T) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView + Copy
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    move || match resource.get() {
        None => EitherOf3::A(view! { <Loading /> }),
        Some(Err(error)) => EitherOf3::B(view! { <ErrorPanel error on_retry=move |_| resource.refetch() /> }),
        Some(Ok(value)) => EitherOf3::C(view(value)),
    }
}

/// A list: `empty` when there is nothing in it, else `items` of what there is.
pub fn list<T, E, V>(
    resource: LocalResource<Result<Vec<T>, ApiError>>,
    empty: impl Fn() -> E + Copy + Send + Sync + 'static,
    items: impl Fn(Vec<T>) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView + Copy
where
    T: Clone + 'static,
    E: IntoView + 'static,
    V: IntoView + 'static,
{
    loaded(resource, move |all| if all.is_empty() { Either::Left(empty()) } else { Either::Right(items(all)) })
}
