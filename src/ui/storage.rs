//! Saving the workspace in the browser (localStorage) so a reload restores it: the articles,
//! the open tab, the selection (`gloss.workspace`), and each article's corrections under its
//! content key (`gloss.corrections.<key>`), so corrections also come back when the same article
//! is pasted again later.
//!
//! Every stored value is JSON with a `version`; a value that cannot be read (corrupted, or of
//! another version) is reported and ignored, and the app starts clean. A write that fails
//! (storage full, storage disabled) is reported once; the work stays in memory. Nothing here
//! panics. The storage itself is behind [`Store`], so tests can use [`MemoryStore`] with a
//! quota.

use crate::annotate::ArticleInput;
use crate::ui::edits::Edits;
use gloss_core::corrections::Correction;
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

pub const WORKSPACE_KEY: &str = "gloss.workspace";
pub const CORRECTIONS_PREFIX: &str = "gloss.corrections.";
/// Version of the stored JSON; another version is not read.
pub const STORAGE_VERSION: u32 = 1;

/// A key-value store of strings: the browser's localStorage, or memory in tests.
pub trait Store {
    fn get(&self, key: &str) -> Result<Option<String>, String>;
    fn set(&self, key: &str, value: &str) -> Result<(), String>;
    fn remove(&self, key: &str) -> Result<(), String>;
}

/// A store passed as a prop; equal when it is the same store.
#[derive(Clone)]
pub struct StoreHandle(pub Rc<dyn Store>);

impl PartialEq for StoreHandle {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(
            Rc::as_ptr(&self.0) as *const u8,
            Rc::as_ptr(&other.0) as *const u8,
        )
    }
}

impl StoreHandle {
    /// The page's localStorage, when the browser lets the page use it.
    pub fn local() -> Option<StoreHandle> {
        let storage = web_sys::window()?.local_storage().ok()??;
        Some(StoreHandle(Rc::new(LocalStore(storage))))
    }
}

/// `window.localStorage`.
pub struct LocalStore(web_sys::Storage);

/// The DOMException's name ("QuotaExceededError", "SecurityError"), else its text.
fn js_error(e: wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(&e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "storage error".to_string())
}

impl Store for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        self.0.get_item(key).map_err(js_error)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), String> {
        self.0.set_item(key, value).map_err(js_error)
    }
    fn remove(&self, key: &str) -> Result<(), String> {
        self.0.remove_item(key).map_err(js_error)
    }
}

/// A store in memory, with an optional quota in bytes (keys and values counted together),
/// failing like a full localStorage.
#[derive(Default)]
pub struct MemoryStore {
    pub items: RefCell<BTreeMap<String, String>>,
    pub quota: Cell<Option<usize>>,
}

impl MemoryStore {
    pub fn with_quota(bytes: usize) -> MemoryStore {
        let s = MemoryStore::default();
        s.quota.set(Some(bytes));
        s
    }
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        Ok(self.items.borrow().get(key).cloned())
    }
    fn set(&self, key: &str, value: &str) -> Result<(), String> {
        let mut items = self.items.borrow_mut();
        if let Some(quota) = self.quota.get() {
            let others: usize = items
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            if others + key.len() + value.len() > quota {
                return Err("QuotaExceededError".to_string());
            }
        }
        items.insert(key.to_string(), value.to_string());
        Ok(())
    }
    fn remove(&self, key: &str) -> Result<(), String> {
        self.items.borrow_mut().remove(key);
        Ok(())
    }
}

/// What `gloss.workspace` holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedWorkspace {
    pub version: u32,
    pub articles: Vec<ArticleInput>,
    pub active: usize,
    pub selected: Option<String>,
    pub pastes: usize,
}

/// What `gloss.corrections.<key>` holds.
#[derive(Serialize, Deserialize)]
struct SavedCorrections {
    version: u32,
    corrections: Vec<Correction>,
}

/// The notice for a stored value that could not be read.
fn unreadable(what: &str, why: &str) -> String {
    format!("The saved {what} could not be read ({why}), so it was set aside: gloss starts clean.")
}

/// The notice for a failed write.
pub fn unsaved(why: &str) -> String {
    format!(
        "Could not save in this browser's storage ({why}). Your work stays open on this page, \
         but reloading it will lose the latest changes."
    )
}

fn parse_versioned<T: for<'de> Deserialize<'de>>(json: &str) -> Result<T, String> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(STORAGE_VERSION) => {}
        Some(v) => return Err(format!("version {v}, this gloss reads {STORAGE_VERSION}")),
        None => return Err("no version".to_string()),
    }
    serde_json::from_value(value).map_err(|e| e.to_string())
}

/// The saved workspace, `Ok(None)` when there is none; `Err` is the notice to show.
pub fn load_workspace(store: &dyn Store) -> Result<Option<SavedWorkspace>, String> {
    let Some(json) = store
        .get(WORKSPACE_KEY)
        .map_err(|e| unreadable("workspace", &e))?
    else {
        return Ok(None);
    };
    parse_versioned(&json).map(Some).map_err(|e| {
        set_aside(store, WORKSPACE_KEY, &json);
        unreadable("workspace", &e)
    })
}

/// Keep an unreadable value under `<key>.unreadable` (best effort: storage may be full), so
/// starting clean never destroys it.
fn set_aside(store: &dyn Store, key: &str, json: &str) {
    let _ = store.set(&format!("{key}.unreadable"), json);
}

/// The saved corrections of the article with content key `key`.
pub fn load_corrections(store: &dyn Store, key: &str) -> Result<Vec<Correction>, String> {
    let item = format!("{CORRECTIONS_PREFIX}{key}");
    let Some(json) = store
        .get(&item)
        .map_err(|e| unreadable("corrections", &e))?
    else {
        return Ok(Vec::new());
    };
    parse_versioned::<SavedCorrections>(&json)
        .map(|s| s.corrections)
        .map_err(|e| {
            set_aside(store, &item, &json);
            unreadable("corrections of an article", &e)
        })
}

/// What was last written, so a save writes only what changed.
#[derive(Default)]
pub struct Written {
    workspace: Option<String>,
    corrections: BTreeMap<String, String>,
}

/// Write the workspace and the corrections that changed since `written`; corrections whose
/// list was emptied are removed. The first failure stops the save and is returned.
pub fn save(
    store: &dyn Store,
    workspace: &SavedWorkspace,
    edits: &Edits,
    written: &mut Written,
) -> Result<(), String> {
    let json = serde_json::to_string(workspace).map_err(|e| e.to_string())?;
    if written.workspace.as_deref() != Some(json.as_str()) {
        store.set(WORKSPACE_KEY, &json)?;
        written.workspace = Some(json);
    }
    for (key, list) in edits.lists() {
        let saved = SavedCorrections {
            version: STORAGE_VERSION,
            corrections: list.clone(),
        };
        let json = serde_json::to_string(&saved).map_err(|e| e.to_string())?;
        if written.corrections.get(key) != Some(&json) {
            store.set(&format!("{CORRECTIONS_PREFIX}{key}"), &json)?;
            written.corrections.insert(key.clone(), json);
        }
    }
    let gone: Vec<String> = written
        .corrections
        .keys()
        .filter(|k| !edits.knows(k))
        .cloned()
        .collect();
    for key in gone {
        store.remove(&format!("{CORRECTIONS_PREFIX}{key}"))?;
        written.corrections.remove(&key);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use gloss_core::corrections::MentionRef;

    fn workspace() -> SavedWorkspace {
        SavedWorkspace {
            version: STORAGE_VERSION,
            articles: vec![ArticleInput {
                source: "paste 1".into(),
                input: "Talks in Brellin.".into(),
            }],
            active: 0,
            selected: Some("e1".into()),
            pastes: 1,
        }
    }

    fn edits(key: &str) -> Edits {
        let mut e = Edits::default();
        e.push(Correction::Reject {
            mention: MentionRef {
                document: key.into(),
                start: 9,
                end: 16,
                text: "Brellin".into(),
            },
        });
        e
    }

    #[test]
    fn saved_work_loads_back() {
        let store = MemoryStore::default();
        let mut w = Written::default();
        save(&store, &workspace(), &edits("k1"), &mut w).unwrap();
        assert_eq!(load_workspace(&store), Ok(Some(workspace())));
        assert_eq!(
            load_corrections(&store, "k1").unwrap(),
            edits("k1").list("k1")
        );
        assert_eq!(load_corrections(&store, "k2"), Ok(vec![]));
        // An emptied list is removed from the store.
        let mut e = edits("k1");
        e.undo();
        save(&store, &workspace(), &e, &mut w).unwrap();
        assert_eq!(store.get("gloss.corrections.k1"), Ok(None));
    }

    #[test]
    fn unreadable_values_are_reported_not_used() {
        let cases = [
            ("{\"version\": 1, \"articles\": [", "EOF"),
            ("{\"version\": 7, \"articles\": []}", "version 7"),
            ("[1, 2]", "no version"),
            ("{\"version\": 1}", "missing field"),
        ];
        for (json, why) in cases {
            let store = MemoryStore::default();
            store.set(WORKSPACE_KEY, json).unwrap();
            store.set("gloss.corrections.k1", json).unwrap();
            let err = load_workspace(&store).unwrap_err();
            assert!(
                err.contains(why) && err.contains("starts clean"),
                "{json}: {err}"
            );
            assert!(load_corrections(&store, "k1").is_err(), "{json}");
            assert_eq!(
                store.get("gloss.workspace.unreadable"),
                Ok(Some(json.to_string()))
            );
        }
    }

    #[test]
    fn a_full_store_is_an_error_and_nothing_half_written_is_remembered() {
        let store = MemoryStore::with_quota(120);
        let mut w = Written::default();
        let err = save(&store, &workspace(), &edits("k1"), &mut w).unwrap_err();
        assert_eq!(err, "QuotaExceededError");
        // Room again: the next save writes everything.
        store.quota.set(None);
        save(&store, &workspace(), &edits("k1"), &mut w).unwrap();
        assert_eq!(load_workspace(&store), Ok(Some(workspace())));
        assert_eq!(load_corrections(&store, "k1").unwrap().len(), 1);
        assert!(unsaved(&err).contains("stays open"));
    }
}
