//! Saving the workspace in the browser (localStorage) so a reload restores it: the tabs, the
//! open tab and the selection (`gloss.workspace`, small, rewritten on every change), each
//! article's input once under its content key (`gloss.article.<key>`), and each article's
//! corrections under the same key (`gloss.corrections.<key>`), so corrections also come back
//! when the same article is pasted again later.
//!
//! Every stored value is JSON with a `version`; a value that cannot be read (corrupted, or of
//! another version) is reported and ignored, and the app starts clean. A write that fails
//! (storage full, storage disabled) is reported once; the work stays in memory. Nothing here
//! panics. The storage itself is behind [`Store`], so tests can use [`MemoryStore`] with a
//! quota.

use crate::annotate::ArticleInput;
use crate::ui::edits::{content_key, Edits};
use gloss_core::corrections::Correction;
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

pub const WORKSPACE_KEY: &str = "gloss.workspace";
pub const CORRECTIONS_PREFIX: &str = "gloss.corrections.";
pub const ARTICLE_PREFIX: &str = "gloss.article.";
/// Version of the stored JSON; another version is not read.
pub const STORAGE_VERSION: u32 = 1;
/// Articles longer than this (bytes) are not stored: writing one would hold up the page
/// (serialising, hashing and copying megabytes into localStorage on the main thread), and
/// localStorage holds only a few megabytes in all. They stay open in memory.
pub const STORE_MAX_BYTES: usize = 1024 * 1024;

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

/// The workspace as the app restores it.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedWorkspace {
    pub version: u32,
    pub articles: Vec<ArticleInput>,
    pub active: usize,
    pub selected: Option<String>,
    pub pastes: usize,
}

/// What `gloss.workspace` holds: the articles by content key.
#[derive(Serialize, Deserialize)]
struct StoredWorkspace {
    version: u32,
    articles: Vec<StoredTab>,
    active: usize,
    selected: Option<String>,
    pastes: usize,
}

#[derive(Serialize, Deserialize)]
struct StoredTab {
    source: String,
    key: String,
}

/// What `gloss.article.<key>` holds.
#[derive(Serialize, Deserialize)]
struct StoredArticle {
    version: u32,
    input: String,
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

/// A workspace read back: what could be read, and a notice about what could not.
#[derive(Debug, PartialEq, Default)]
pub struct Loaded {
    pub workspace: Option<SavedWorkspace>,
    pub problem: Option<String>,
}

/// The saved workspace. An unreadable workspace is set aside (the app starts clean); an
/// article whose input is missing or unreadable is left out; either gives a notice.
pub fn load_workspace(store: &dyn Store) -> Loaded {
    let json = match store.get(WORKSPACE_KEY) {
        Ok(Some(json)) => json,
        Ok(None) => return Loaded::default(),
        Err(e) => {
            return Loaded {
                workspace: None,
                problem: Some(unreadable("workspace", &e)),
            }
        }
    };
    let stored: StoredWorkspace = match parse_versioned(&json) {
        Ok(w) => w,
        Err(e) => {
            set_aside(store, WORKSPACE_KEY, &json);
            return Loaded {
                workspace: None,
                problem: Some(unreadable("workspace", &e)),
            };
        }
    };
    let mut articles = Vec::new();
    let mut missing = Vec::new();
    for tab in stored.articles {
        match load_article(store, &tab.key) {
            Ok(input) => articles.push(ArticleInput {
                source: tab.source,
                input,
            }),
            Err(why) => missing.push(format!("{} ({why})", tab.source)),
        }
    }
    let problem = (!missing.is_empty()).then(|| {
        format!(
            "Some saved articles could not be read and were left out: {}.",
            missing.join(", ")
        )
    });
    Loaded {
        workspace: Some(SavedWorkspace {
            version: stored.version,
            active: stored.active.min(articles.len().saturating_sub(1)),
            articles,
            selected: stored.selected,
            pastes: stored.pastes,
        }),
        problem,
    }
}

/// The input saved under content key `key`; it must still hash to that key.
fn load_article(store: &dyn Store, key: &str) -> Result<String, String> {
    let item = format!("{ARTICLE_PREFIX}{key}");
    let json = store.get(&item)?.ok_or_else(|| "missing".to_string())?;
    let article: StoredArticle =
        parse_versioned(&json).inspect_err(|_| set_aside(store, &item, &json))?;
    if content_key(&article.input) != key {
        set_aside(store, &item, &json);
        return Err("content does not match its key".to_string());
    }
    Ok(article.input)
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
    /// Content keys of the article inputs written.
    articles: BTreeSet<String>,
    corrections: BTreeMap<String, String>,
}

/// Write the articles not written yet, the workspace, and the corrections that changed since
/// `written`; inputs of closed articles and corrections whose list was emptied are removed.
/// Articles above [`STORE_MAX_BYTES`] are left out of the stored workspace; their sources are
/// returned. The first failure stops the save and is returned.
pub fn save(
    store: &dyn Store,
    workspace: &SavedWorkspace,
    edits: &Edits,
    written: &mut Written,
) -> Result<Vec<String>, String> {
    let (kept, too_big): (Vec<&ArticleInput>, Vec<&ArticleInput>) = workspace
        .articles
        .iter()
        .partition(|a| a.input.len() <= STORE_MAX_BYTES);
    // The open tab among those kept: itself, else the nearest kept one before it.
    let active = workspace
        .articles
        .iter()
        .take(workspace.active.saturating_add(1))
        .filter(|a| a.input.len() <= STORE_MAX_BYTES)
        .count()
        .saturating_sub(1);
    let keys: Vec<String> = kept.iter().map(|a| content_key(&a.input)).collect();
    for (a, key) in kept.iter().zip(&keys) {
        if written.articles.contains(key) {
            continue;
        }
        let stored = StoredArticle {
            version: STORAGE_VERSION,
            input: a.input.clone(),
        };
        let json = serde_json::to_string(&stored).map_err(|e| e.to_string())?;
        store.set(&format!("{ARTICLE_PREFIX}{key}"), &json)?;
        written.articles.insert(key.clone());
    }
    let stored = StoredWorkspace {
        version: STORAGE_VERSION,
        articles: kept
            .iter()
            .zip(&keys)
            .map(|(a, key)| StoredTab {
                source: a.source.clone(),
                key: key.clone(),
            })
            .collect(),
        active,
        selected: workspace.selected.clone(),
        pastes: workspace.pastes,
    };
    let json = serde_json::to_string(&stored).map_err(|e| e.to_string())?;
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
    let closed: Vec<String> = written
        .articles
        .iter()
        .filter(|k| !keys.contains(k))
        .cloned()
        .collect();
    for key in closed {
        store.remove(&format!("{ARTICLE_PREFIX}{key}"))?;
        written.articles.remove(&key);
    }
    Ok(too_big.iter().map(|a| a.source.clone()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use gloss_core::corrections::MentionRef;

    const TEXT: &str = "Talks in Brellin.";

    fn workspace() -> SavedWorkspace {
        SavedWorkspace {
            version: STORAGE_VERSION,
            articles: vec![ArticleInput {
                source: "paste 1".into(),
                input: TEXT.into(),
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

    fn loaded(w: SavedWorkspace) -> Loaded {
        Loaded {
            workspace: Some(w),
            problem: None,
        }
    }

    #[test]
    fn saved_work_loads_back() {
        let store = MemoryStore::default();
        let mut w = Written::default();
        save(&store, &workspace(), &edits("k1"), &mut w).unwrap();
        assert_eq!(load_workspace(&store), loaded(workspace()));
        let key = content_key(TEXT);
        assert!(store.get(WORKSPACE_KEY).unwrap().unwrap().contains(&key));
        assert!(
            !store
                .get(WORKSPACE_KEY)
                .unwrap()
                .unwrap()
                .contains("Brellin"),
            "inputs apart"
        );
        assert_eq!(
            load_corrections(&store, "k1").unwrap(),
            edits("k1").list("k1")
        );
        assert_eq!(load_corrections(&store, "k2"), Ok(vec![]));
        // An emptied list is removed from the store; so is a closed article's input.
        let mut e = edits("k1");
        e.undo();
        let empty = SavedWorkspace {
            articles: vec![],
            ..workspace()
        };
        save(&store, &empty, &e, &mut w).unwrap();
        assert_eq!(store.get("gloss.corrections.k1"), Ok(None));
        assert_eq!(store.get(&format!("{ARTICLE_PREFIX}{key}")), Ok(None));
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
            let l = load_workspace(&store);
            let err = l.problem.unwrap_or_default();
            assert!(l.workspace.is_none());
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
    fn an_unreadable_article_is_left_out_with_a_notice() {
        let store = MemoryStore::default();
        let mut two = workspace();
        two.articles.push(ArticleInput {
            source: "paste 2".into(),
            input: "Rain in Tolm.".into(),
        });
        two.active = 1;
        save(&store, &two, &Edits::default(), &mut Written::default()).unwrap();
        let item = format!("{ARTICLE_PREFIX}{}", content_key("Rain in Tolm."));
        for broken in [
            "{\"version\":1,\"input\":\"Rain in Tol",
            "{\"version\":1,\"input\":\"Snow.\"}",
        ] {
            store.set(&item, broken).unwrap();
            let l = load_workspace(&store);
            assert_eq!(
                l.workspace,
                Some(SavedWorkspace {
                    active: 0,
                    ..workspace()
                })
            );
            assert!(
                l.problem.unwrap_or_default().contains("paste 2"),
                "{broken}"
            );
        }
    }

    #[test]
    fn an_article_too_big_to_store_is_left_out_and_named() {
        let store = MemoryStore::default();
        let mut three = workspace();
        let big = "Rain in Tolm. ".repeat(STORE_MAX_BYTES / 14 + 1);
        three.articles.push(ArticleInput {
            source: "paste 2".into(),
            input: big.clone(),
        });
        three.articles.push(ArticleInput {
            source: "paste 3".into(),
            input: "Snow.".into(),
        });
        three.active = 1;
        let left_out = save(&store, &three, &Edits::default(), &mut Written::default()).unwrap();
        assert_eq!(left_out, vec!["paste 2".to_string()]);
        assert_eq!(
            store.get(&format!("{ARTICLE_PREFIX}{}", content_key(&big))),
            Ok(None)
        );
        let back = load_workspace(&store);
        assert_eq!(back.problem, None);
        let back = back.workspace.unwrap();
        let sources: Vec<&str> = back.articles.iter().map(|a| a.source.as_str()).collect();
        assert_eq!(sources, ["paste 1", "paste 3"]);
        assert_eq!(
            back.active, 0,
            "the open tab was the big one: the one before it"
        );
    }

    #[test]
    fn a_full_store_is_an_error_and_nothing_half_written_is_remembered() {
        let store = MemoryStore::with_quota(60);
        let mut w = Written::default();
        let err = save(&store, &workspace(), &edits("k1"), &mut w).unwrap_err();
        assert_eq!(err, "QuotaExceededError");
        // Room again: the next save writes everything.
        store.quota.set(None);
        save(&store, &workspace(), &edits("k1"), &mut w).unwrap();
        assert_eq!(load_workspace(&store), loaded(workspace()));
        assert_eq!(load_corrections(&store, "k1").unwrap().len(), 1);
        assert!(unsaved(&err).contains("stays open"));
    }
}
