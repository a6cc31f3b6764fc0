//! A list read page by page: the first page as loaded, then each next one the
//! user asks for with the button below the list.

use super::submit::{submit, Submit};
use crate::api::types::Page;
use crate::api::ApiError;
use crate::i18n::*;
use crate::ui::labels::error_message;
use leptos::either::Either;
use leptos::prelude::*;
use std::future::Future;

pub struct Paged<T: Send + Sync + 'static, C: Send + Sync + 'static> {
    pub items: RwSignal<Vec<T>>,
    next: RwSignal<Option<C>>,
    more: Submit<C, Result<(), ApiError>>,
}

impl<T: Send + Sync + 'static, C: Send + Sync + 'static> Clone for Paged<T, C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static, C: Send + Sync + 'static> Copy for Paged<T, C> {}

impl<T: Send + Sync + 'static, C: Clone + Send + Sync + 'static> Paged<T, C> {
    /// The list from its `first` page; `load` reads the page a `next` names.
    pub fn new<F, Fut>(first: Page<T, C>, load: F) -> Paged<T, C>
    where
        F: Fn(C) -> Fut + 'static,
        Fut: Future<Output = Result<Page<T, C>, ApiError>> + 'static,
    {
        let items = RwSignal::new(first.items);
        let next = RwSignal::new(first.next);
        let more = submit(move |from: &C| {
            let page = load(from.clone());
            async move {
                let page = page.await?;
                items.update(|items| items.extend(page.items));
                next.set(page.next);
                Ok(())
            }
        });
        Paged { items, next, more }
    }

    /// `empty` while the list has nothing, else `items` of it and the button
    /// for the next page; only a change between the two rebuilds the view.
    pub fn list<E, V>(
        self,
        empty: impl Fn() -> E + Send + Sync + 'static,
        items: impl Fn(RwSignal<Vec<T>>) -> V + Send + Sync + 'static,
    ) -> impl IntoView
    where
        E: IntoView + 'static,
        V: IntoView + 'static,
    {
        let none = Memo::new(move |_| self.items.with(Vec::is_empty));
        move || {
            if none.get() {
                Either::Left(empty())
            } else {
                Either::Right(view! { {items(self.items)} {self.more_button()} })
            }
        }
    }

    /// "Show more" while another page follows, and why the last one failed to come.
    fn more_button(self) -> impl IntoView {
        let i18n = use_i18n();
        let pending = self.more.pending();
        let failure = move || self.more.value().get().and_then(Result::err);
        view! {
            {move || failure().map(|e| view! { <p class="form-error" role="alert">{error_message(i18n.get_locale(), &e)}</p> })}
            {move || self.next.get().map(|from| view! {
                <button type="button" class="button show-more" data-testid="show-more" disabled=pending
                    on:click=move |_| self.more.dispatch(from.clone())>
                    {move || if pending.get() { t_string!(i18n, loading) } else { t_string!(i18n, show_more) }}
                </button>
            })}
        }
    }
}
