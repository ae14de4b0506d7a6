//! The editor's corrections in the app: one list per article, keyed by the article's content
//! hash ([`content_key`]), and the undo/redo history across all of them. Pure; the reducer
//! owns one [`Edits`] and applies it to every fresh annotation ([`Edits::apply`]).
//!
//! Invariants:
//! - Stored corrections name their documents by content key, never by tab name, so they
//!   follow the article (a reload, a re-paste, another tab order); they are renamed to the
//!   document's `source` only when applied.
//! - The undo stack holds exactly the corrections of the lists, in the order made; undo
//!   removes the last correction of its list and moves it to the redo stack; a new
//!   correction clears the redo stack. Lists restored from storage have no history.

use crate::annotate::ArticleInput;
use gloss_core::corrections::{apply, Correction, Unapplied};
use gloss_core::protocol::Contract;
use std::collections::BTreeMap;
use std::rc::Rc;

/// The content key of an article's input: 64-bit FNV-1a of its bytes, as 16 hex digits.
/// Stable across builds and platforms (unlike `std`'s hasher), short enough for a storage key.
pub fn content_key(input: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in input.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Edits {
    /// Corrections per article content key, in the order made.
    lists: Rc<BTreeMap<String, Vec<Correction>>>,
    undo: Vec<Correction>,
    redo: Vec<Correction>,
}

/// The result of [`Edits::apply`]: the corrected contract and the corrections that no longer
/// fit (their documents named by source).
#[derive(Clone, Debug, PartialEq)]
pub struct Corrected {
    pub contract: Contract,
    pub unapplied: Vec<Unapplied>,
}

impl Edits {
    /// Record `correction` (its documents named by content key).
    pub fn push(&mut self, correction: Correction) {
        let key = correction.mention().document.clone();
        Rc::make_mut(&mut self.lists)
            .entry(key)
            .or_default()
            .push(correction.clone());
        self.undo.push(correction);
        self.redo.clear();
    }

    /// Take back the last correction; returns it.
    pub fn undo(&mut self) -> Option<Correction> {
        let c = self.undo.pop()?;
        let key = c.mention().document.clone();
        let lists = Rc::make_mut(&mut self.lists);
        if let Some(list) = lists.get_mut(&key) {
            if let Some(i) = list.iter().rposition(|x| *x == c) {
                list.remove(i);
            }
            if list.is_empty() {
                lists.remove(&key);
            }
        }
        self.redo.push(c.clone());
        Some(c)
    }

    /// Make the last undone correction again; returns it.
    pub fn redo(&mut self) -> Option<Correction> {
        let c = self.redo.pop()?;
        let key = c.mention().document.clone();
        Rc::make_mut(&mut self.lists)
            .entry(key)
            .or_default()
            .push(c.clone());
        self.undo.push(c.clone());
        Some(c)
    }

    /// What undo would take back.
    pub fn next_undo(&self) -> Option<&Correction> {
        self.undo.last()
    }

    /// What redo would make again.
    pub fn next_redo(&self) -> Option<&Correction> {
        self.redo.last()
    }

    /// The corrections of the article with content key `key`.
    pub fn list(&self, key: &str) -> &[Correction] {
        self.lists.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every list, by content key.
    pub fn lists(&self) -> &BTreeMap<String, Vec<Correction>> {
        &self.lists
    }

    /// Whether the article with content key `key` has a list (possibly restored).
    pub fn knows(&self, key: &str) -> bool {
        self.lists.contains_key(key)
    }

    /// Set the list of `key` from storage or an import, outside the history: corrections of
    /// that article already in the history are forgotten by it.
    pub fn set_list(&mut self, key: &str, list: Vec<Correction>) {
        self.undo.retain(|c| c.mention().document != key);
        self.redo.retain(|c| c.mention().document != key);
        let lists = Rc::make_mut(&mut self.lists);
        if list.is_empty() {
            lists.remove(key);
        } else {
            lists.insert(key.to_string(), list);
        }
    }

    /// Whether any of `articles` has corrections. Without any correction at all, no article
    /// is hashed (a long one takes a while).
    pub fn touches(&self, articles: &[ArticleInput]) -> bool {
        !self.lists.is_empty() && articles.iter().any(|a| self.knows(&content_key(&a.input)))
    }

    /// The corrections of the workspace's articles, in article order, their documents named
    /// by the sources of `base` (whose document `i` is article `i`; articles beyond its
    /// documents are still being annotated). This is the list exports carry.
    pub fn sourced(&self, base: &Contract, articles: &[ArticleInput]) -> Vec<Correction> {
        if self.lists.is_empty() {
            return Vec::new();
        }
        let keys: Vec<String> = articles
            .iter()
            .take(base.documents.len())
            .map(|a| content_key(&a.input))
            .collect();
        let source_of = |key: &str| -> String {
            keys.iter()
                .position(|k| k == key)
                .and_then(|i| base.documents.get(i))
                .map(|d| d.source.clone())
                .unwrap_or_else(|| key.to_string())
        };
        let mut seen: Vec<&str> = Vec::new();
        let mut all = Vec::new();
        for key in &keys {
            if seen.contains(&key.as_str()) {
                continue;
            }
            seen.push(key);
            all.extend(
                self.list(key)
                    .iter()
                    .map(|c| c.clone().with_documents(|k| source_of(k))),
            );
        }
        all
    }

    /// [`Edits::sourced`] applied to `base`.
    pub fn apply(&self, base: &Contract, articles: &[ArticleInput]) -> Corrected {
        let all = self.sourced(base, articles);
        if all.is_empty() {
            return Corrected {
                contract: base.clone(),
                unapplied: Vec::new(),
            };
        }
        let applied = apply(base, &all);
        Corrected {
            contract: applied.contract,
            unapplied: applied.unapplied,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gloss_core::corrections::MentionRef;

    fn reject(key: &str, text: &str) -> Correction {
        Correction::Reject {
            mention: MentionRef {
                document: key.into(),
                start: 0,
                end: text.chars().count(),
                text: text.into(),
            },
        }
    }

    #[test]
    fn content_keys_are_stable_and_differ() {
        // FNV-1a 64 test vectors.
        assert_eq!(content_key(""), "cbf29ce484222325");
        assert_eq!(content_key("a"), "af63dc4c8601ec8c");
        assert_ne!(
            content_key("Talks in Brellin."),
            content_key("Talks in Brellin!")
        );
    }

    #[test]
    fn undo_and_redo_walk_the_history_across_articles() {
        let mut e = Edits::default();
        e.push(reject("k1", "One"));
        e.push(reject("k2", "Two"));
        e.push(reject("k1", "Three"));
        assert_eq!(e.list("k1").len(), 2);
        assert_eq!(e.undo(), Some(reject("k1", "Three")));
        assert_eq!(e.undo(), Some(reject("k2", "Two")));
        assert!(!e.knows("k2"), "an emptied list is gone");
        assert_eq!(e.next_redo(), Some(&reject("k2", "Two")));
        assert_eq!(e.redo(), Some(reject("k2", "Two")));
        assert_eq!(e.list("k2"), &[reject("k2", "Two")]);
        // A new correction clears what could be redone.
        e.push(reject("k2", "Four"));
        assert_eq!(e.redo(), None);
        assert_eq!(e.list("k1"), &[reject("k1", "One")]);
        assert_eq!(e.undo(), Some(reject("k2", "Four")));
        assert_eq!(e.undo(), Some(reject("k2", "Two")));
        assert_eq!(e.undo(), Some(reject("k1", "One")));
        assert_eq!(e.undo(), None);
        assert!(e.lists().is_empty());
    }

    #[test]
    fn restored_lists_have_no_history() {
        let mut e = Edits::default();
        e.push(reject("k1", "One"));
        e.set_list("k1", vec![reject("k1", "Two"), reject("k1", "Three")]);
        assert_eq!(e.next_undo(), None);
        assert_eq!(e.list("k1").len(), 2);
        e.set_list("k1", vec![]);
        assert!(!e.knows("k1"));
    }
}
