//! Whether the symbol code is free needs the server: asked 400 ms after the
//! last keystroke, and only the answer for the code still in the field counts.

use crate::api;
use crate::domain::submission::ListingDraft;
use crate::domain::ListingId;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// `true` while another listing holds the code in the draft.
pub fn code_taken(
    draft: RwSignal<ListingDraft>,
    id: RwSignal<Option<ListingId>>,
    published_code: Option<String>,
) -> RwSignal<bool> {
    let taken = RwSignal::new(false);
    let code = Memo::new(move |_| draft.with(|d| d.code.clone()));
    Effect::new(move |_| {
        let asked = code.get();
        if asked.len() < 2 || published_code.as_deref() == Some(asked.as_str()) {
            taken.set(false);
            return;
        }
        let listing = id.get_untracked();
        set_timeout(
            move || {
                if code.get_untracked() != asked {
                    return;
                }
                spawn_local(async move {
                    if let Ok(available) = api::partner::code_available(asked.clone(), listing).await {
                        if code.get_untracked() == asked {
                            taken.set(!available);
                        }
                    }
                });
            },
            std::time::Duration::from_millis(400),
        );
    });
    taken
}
