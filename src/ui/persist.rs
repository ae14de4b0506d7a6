//! Effects of editing: saving the workspace after every change, bringing back the saved
//! corrections of each article, and the undo/redo keys. The logic is in `ui::storage` and the
//! reducer; these hooks only connect them to the page.

use crate::ui::edits::content_key;
use crate::ui::state::{Action, AppState};
use crate::ui::storage::{
    load_corrections, load_workspace, save, unsaved, SavedWorkspace, StoreHandle, Written,
    STORAGE_VERSION, STORE_MAX_BYTES,
};
use gloo::events::{EventListener, EventListenerOptions};
use std::collections::HashSet;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The start-up state: the saved workspace when there is one, else `fallback()`; a saved
/// workspace that cannot be read becomes a notice.
pub fn initial_state(store: Option<&StoreHandle>, fallback: impl FnOnce() -> AppState) -> AppState {
    let Some(store) = store else {
        return fallback();
    };
    let loaded = load_workspace(&*store.0);
    let mut s = match loaded.workspace {
        Some(saved) if !saved.articles.is_empty() => AppState::restored(saved),
        _ => fallback(),
    };
    if loaded.problem.is_some() {
        s.notice = loaded.problem;
    }
    s
}

/// Save after every change to the articles, tabs, selection or corrections; restore the
/// saved corrections of each article the first time it appears. A failed save is reported
/// once (until a save succeeds again); the state stays as it is.
#[hook]
pub fn use_persistence(state: &UseReducerHandle<AppState>, store: Option<StoreHandle>) {
    let written = use_mut_ref(Written::default);
    let failing = use_mut_ref(|| false);
    // Sources of the articles already reported as too big to store.
    let told_too_big = use_mut_ref(HashSet::<String>::new);
    let checked = use_mut_ref(HashSet::<String>::new);
    {
        let store = store.clone();
        let dispatch = state.dispatcher();
        use_effect_with(state.articles.clone(), move |articles| {
            let Some(store) = store else {
                return;
            };
            for a in articles.iter() {
                let key = content_key(&a.input);
                if !checked.borrow_mut().insert(key.clone()) {
                    continue;
                }
                match load_corrections(&*store.0, &key) {
                    Ok(corrections) if !corrections.is_empty() => {
                        dispatch.dispatch(Action::RestoreCorrections { key, corrections })
                    }
                    Ok(_) => {}
                    Err(notice) => dispatch.dispatch(Action::Notice(notice)),
                }
            }
        });
    }
    let deps = (
        state.articles.clone(),
        state.active,
        state.selected.clone(),
        state.pastes,
        state.edits.clone(),
    );
    let dispatch = state.dispatcher();
    use_effect_with(deps, move |(articles, active, selected, pastes, edits)| {
        let Some(store) = store else {
            return;
        };
        let saved = SavedWorkspace {
            version: STORAGE_VERSION,
            articles: articles.to_vec(),
            active: *active,
            selected: selected.clone(),
            pastes: *pastes,
        };
        let result = save(&*store.0, &saved, edits, &mut written.borrow_mut());
        let mut failing = failing.borrow_mut();
        match result {
            Ok(too_big) => {
                *failing = false;
                let mut told = told_too_big.borrow_mut();
                let new: Vec<String> = too_big
                    .into_iter()
                    .filter(|s| told.insert(s.clone()))
                    .collect();
                if !new.is_empty() {
                    dispatch.dispatch(Action::Notice(not_stored(&new)));
                }
            }
            Err(why) => {
                if !*failing {
                    dispatch.dispatch(Action::Notice(unsaved(&why)));
                }
                *failing = true;
            }
        }
    });
}

/// The notice for articles too big to keep in storage.
fn not_stored(sources: &[String]) -> String {
    let one = sources.len() == 1;
    format!(
        "{} {} larger than {} MB, so gloss does not save {} in this browser: {} open on this page \
         but will not come back after a reload.",
        sources.join(", "),
        if one { "is" } else { "are" },
        STORE_MAX_BYTES / (1024 * 1024),
        if one { "it" } else { "them" },
        if one { "it stays" } else { "they stay" },
    )
}

/// Ctrl+Z undoes the last correction, Ctrl+Shift+Z or Ctrl+Y redoes (⌘ on a Mac), except in
/// text fields, which keep their own undo.
#[hook]
pub fn use_undo_keys(dispatch: UseReducerDispatcher<AppState>) {
    use_effect_with((), move |_| {
        // Not passive: the browser's own Ctrl+Z must be prevented.
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(
            &gloo::utils::document(),
            "keydown",
            options,
            move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if !(e.ctrl_key() || e.meta_key()) || e.alt_key() || in_text_field(e) {
                    return;
                }
                let key = e.key().to_ascii_lowercase();
                let action = match (key.as_str(), e.shift_key()) {
                    ("z", false) => Action::Undo,
                    ("z", true) | ("y", false) => Action::Redo,
                    _ => return,
                };
                e.prevent_default();
                dispatch.dispatch(action);
            },
        );
        move || drop(listener)
    });
}

fn in_text_field(e: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || el.get_attribute("contenteditable").is_some()
}
