//! What every submit runs through: an action's shape (dispatch it with its
//! input; read whether it is under way and what it came to), so no form keeps
//! a busy flag of its own. Leptos' `Action` has that shape too, but its
//! machinery, instantiated once per form, cost the marketplace's first load
//! 9.5 KB of gzip (measured over its nine submits), more than the budget had;
//! this one is a pair of signals and `spawn_local`, its futures boxed so all
//! submits share one copy of it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

type Run<I, O> = Rc<dyn Fn(&I) -> Pin<Box<dyn Future<Output = O>>>>;

pub struct Submit<I: 'static, O: 'static> {
    run: StoredValue<Run<I, O>, LocalStorage>,
    /// Sends under way: a second one may start before the first ends.
    in_flight: RwSignal<usize>,
    value: RwSignal<Option<O>, LocalStorage>,
}

impl<I, O> Clone for Submit<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, O> Copy for Submit<I, O> {}

/// A submit that runs `run` with what it is dispatched with.
pub fn submit<I, O, F>(run: impl Fn(&I) -> F + 'static) -> Submit<I, O>
where
    F: Future<Output = O> + 'static,
{
    let run: Run<I, O> = Rc::new(move |input: &I| Box::pin(run(input)));
    Submit { run: StoredValue::new_local(run), in_flight: RwSignal::new(0), value: RwSignal::new_local(None) }
}

impl<I: 'static, O: 'static> Submit<I, O> {
    pub fn dispatch(self, input: I) {
        let Some(sending) = self.run.try_with_value(|run| run(&input)) else { return };
        self.in_flight.update(|n| *n += 1);
        spawn_local(async move {
            let outcome = sending.await;
            self.value.try_set(Some(outcome));
            self.in_flight.try_update(|n| *n = n.saturating_sub(1));
        });
    }

    /// Whether a send is under way.
    pub fn pending(self) -> Signal<bool> {
        Signal::derive(move || self.in_flight.get() > 0)
    }

    /// What the last send came to; `None` before the first.
    pub fn value(self) -> RwSignal<Option<O>, LocalStorage> {
        self.value
    }
}
