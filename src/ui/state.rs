//! The app's one reducer. `AppState` holds the workspace (articles in tab order), the latest
//! contract, the active tab, the selected entity, the annotation request in flight and the
//! editor's corrections with their undo history (`ui::edits`).
//! `reduce` is pure: effects (talking to the worker) live in `ui::hooks` and come back as
//! actions.
//!
//! Invariants:
//! - Every change to the list of articles issues a new request: `pending` gets a fresh `seq`.
//! - A result is applied only if its `seq` is the pending one; late answers are dropped.
//!   So are progress reports and partial results; Cancel forgets the pending request and
//!   the articles that were waiting for it.
//! - An article above the size cap is refused with a notice, never sent to the annotator.
//! - When the contract is present, its documents are in the same order as `articles`, except
//!   for articles added since the last result (they sit at the end, waiting).
//! - `contract` is always `base` (the annotation) with the corrections, then the host's link
//!   metadata (embedded annotator), applied; every change
//!   to either recomputes it, and `unapplied` lists the corrections that no longer fit.

use crate::annotate::ArticleInput;
use crate::sample::{SAMPLE_HTML, SAMPLE_SOURCE};
use crate::ui::edits::{content_key, Edits};
use crate::ui::storage::{SavedWorkspace, STORAGE_VERSION};
use gloss_core::corrections::{article_input, Correction, Unapplied};
use gloss_core::links::metadata::{apply_all, LinkMetadata};
use gloss_core::pipeline::DEFAULT_MAX_BYTES;
use gloss_core::protocol::Contract;
use std::ops::Deref;
use std::rc::Rc;
use yew::Reducible;

/// An `Rc` whose equality is identity: cheap `PartialEq` for large props.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Where the last annotation ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Worker,
    MainThread,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RunInfo {
    pub elapsed_ms: f64,
    pub engine: Engine,
}

/// How far the pending request has got (from the worker's progress reports).
#[derive(Clone, Debug, PartialEq)]
pub struct RunProgress {
    /// Completed fraction of the annotation, in [0, 1].
    pub fraction: f64,
    /// What runs now ("finding names in article 2 of 3").
    pub next: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A new article (paste, file, sample). `source: None` names it "paste N".
    Add {
        source: Option<String>,
        input: String,
    },
    /// Make this article the whole workspace (the embedded annotator's `annotate()`).
    Replace {
        source: String,
        input: String,
    },
    /// Metadata the host page gives for a link URL: shown in that link's preview now and
    /// after every later annotation.
    SetLinkMetadata {
        url: String,
        meta: LinkMetadata,
    },
    /// Show the sample: switch to its tab, or add it if it is not in the workspace.
    LoadSample,
    SelectTab(usize),
    CloseTab(usize),
    /// Select an entity, or clear the selection if it is already selected.
    ToggleEntity {
        id: String,
        from_sidebar: bool,
    },
    ClearSelection,
    /// An annotation result for request `seq`.
    Annotated {
        seq: u64,
        contract: Shared<Contract>,
        elapsed_ms: f64,
        engine: Engine,
    },
    /// Request `seq` has got this far.
    Progress {
        seq: u64,
        fraction: f64,
        next: String,
    },
    /// Part of the result of request `seq`: every document's paragraphs received so far.
    Partial {
        seq: u64,
        contract: Shared<Contract>,
    },
    /// Stop the pending request; the articles waiting for it are dropped.
    Cancel,
    /// Request `seq` could not be annotated.
    Failed {
        seq: u64,
        message: String,
    },
    /// Tell the user something (a file could not be read, ...).
    Notice(String),
    /// An editor correction, its documents named by `source` as in the shown contract.
    Correct(Correction),
    /// Take back the last correction (Ctrl+Z).
    Undo,
    /// Make the last undone correction again (Ctrl+Shift+Z).
    Redo,
    /// Corrections saved earlier for the article with content key `key` (not in the undo
    /// history; ignored when the article already has corrections in memory).
    RestoreCorrections {
        key: String,
        corrections: Vec<Correction>,
    },
    /// A gloss JSON file read back: its documents become the workspace's articles (their clean
    /// text and title, `corrections::article_input`), re-annotated, with its corrections applied.
    Import {
        contract: Shared<Contract>,
        corrections: Vec<Correction>,
    },
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct AppState {
    pub articles: Rc<Vec<ArticleInput>>,
    /// What is shown: `base` with the corrections applied.
    pub contract: Option<Shared<Contract>>,
    /// The latest annotation, before corrections.
    pub base: Option<Shared<Contract>>,
    pub edits: Edits,
    /// Corrections that no longer fit the annotation (documents named by source).
    pub unapplied: Rc<Vec<Unapplied>>,
    pub active: usize,
    pub selected: Option<String>,
    /// True when the selection came from the sidebar (the article then scrolls to it).
    pub selected_from_sidebar: bool,
    /// `seq` of the request whose answer we wait for.
    pub pending: Option<u64>,
    pub next_seq: u64,
    /// How many pastes were made, for naming them.
    pub pastes: usize,
    pub last_run: Option<RunInfo>,
    pub notice: Option<String>,
    /// Host-provided link metadata, in the order given (applied to every contract shown).
    pub link_metadata: Rc<Vec<(String, LinkMetadata)>>,
    /// Progress of the pending request, once the worker has reported some.
    pub progress: Option<RunProgress>,
    /// The pending request's result as far as it has arrived (shown instead of `contract`).
    pub partial: Option<Shared<Contract>>,
    /// Largest article accepted, in bytes; `None` is the core's limit ([`DEFAULT_MAX_BYTES`]).
    pub max_input_bytes: Option<usize>,
}

impl AppState {
    /// The start-up state: the sample article, with its annotation requested.
    pub fn with_sample() -> Self {
        let mut s = AppState::default();
        s.apply(Action::LoadSample);
        s
    }

    /// The workspace saved by an earlier visit; its annotation is requested.
    pub fn restored(saved: SavedWorkspace) -> Self {
        let mut s = AppState {
            articles: Rc::new(saved.articles),
            pastes: saved.pastes,
            selected: saved.selected,
            ..AppState::default()
        };
        s.active = saved.active.min(s.articles.len().saturating_sub(1));
        if !s.articles.is_empty() {
            s.request();
        }
        s
    }

    /// What storage keeps of this state.
    pub fn saved(&self) -> SavedWorkspace {
        SavedWorkspace {
            version: STORAGE_VERSION,
            articles: self.articles.to_vec(),
            active: self.active,
            selected: self.selected.clone(),
            pastes: self.pastes,
        }
    }

    /// Apply one action in place (the pure core of `reduce`).
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Add { source, input } => self.add(source, input),
            Action::Replace { input, .. } if input.trim().is_empty() => {
                // The embed's annotate(): there may be no paste box to point to.
                self.notice =
                    Some("Nothing to annotate: the article given to gloss is empty.".to_string());
            }
            Action::Replace { source, input } => {
                self.articles = Rc::new(Vec::new());
                self.contract = None;
                self.base = None;
                self.unapplied = Rc::default();
                self.selected = None;
                self.active = 0;
                self.add(Some(source), input);
            }
            Action::SetLinkMetadata { url, meta } => {
                Rc::make_mut(&mut self.link_metadata).push((url, meta));
                self.recompute();
            }
            Action::LoadSample => {
                match self.articles.iter().position(|a| a.source == SAMPLE_SOURCE) {
                    Some(i) => {
                        self.active = i;
                        self.notice = None;
                    }
                    None => self.add(Some(SAMPLE_SOURCE.to_string()), SAMPLE_HTML.to_string()),
                }
            }
            Action::SelectTab(i) => {
                if i < self.articles.len() {
                    self.active = i;
                }
            }
            Action::CloseTab(i) => self.close(i),
            Action::ToggleEntity { id, from_sidebar } => {
                if self.selected.as_deref() == Some(id.as_str()) {
                    self.selected = None;
                } else {
                    self.selected = Some(id);
                }
                self.selected_from_sidebar = from_sidebar;
            }
            Action::ClearSelection => self.selected = None,
            Action::Annotated {
                seq,
                contract,
                elapsed_ms,
                engine,
            } => {
                if self.pending != Some(seq) {
                    return;
                }
                self.base = Some(contract);
                self.recompute();
                self.pending = None;
                self.progress = None;
                self.partial = None;
                self.last_run = Some(RunInfo { elapsed_ms, engine });
            }
            Action::Progress {
                seq,
                fraction,
                next,
            } => {
                if self.pending == Some(seq) {
                    let fraction = if fraction.is_finite() {
                        fraction.clamp(0.0, 1.0)
                    } else {
                        0.0
                    };
                    self.progress = Some(RunProgress { fraction, next });
                }
            }
            Action::Partial { seq, contract } => {
                if self.pending == Some(seq) {
                    self.partial = Some(contract);
                }
            }
            Action::Cancel => self.cancel(),
            Action::Failed { seq, message } => {
                if self.pending == Some(seq) {
                    self.pending = None;
                    self.progress = None;
                    self.partial = None;
                    self.notice = Some(format!("Annotation failed: {message}"));
                }
            }
            Action::Notice(text) => self.notice = Some(text),
            Action::Correct(c) => self.correct(c),
            Action::Undo => {
                if self.edits.undo().is_some() {
                    self.recompute();
                }
            }
            Action::Redo => {
                if self.edits.redo().is_some() {
                    self.recompute();
                }
            }
            Action::RestoreCorrections { key, corrections } => {
                if !self.edits.knows(&key) && !corrections.is_empty() {
                    self.edits.set_list(&key, corrections);
                    self.recompute();
                }
            }
            Action::Import {
                contract,
                corrections,
            } => self.import(&contract, corrections),
        }
    }

    /// The content key of the article shown as the document named `source`.
    fn key_of_source(&self, source: &str) -> Option<String> {
        let docs = &self.contract.as_ref()?.documents;
        let i = docs.iter().position(|d| d.source == source)?;
        self.articles.get(i).map(|a| content_key(&a.input))
    }

    fn correct(&mut self, c: Correction) {
        let mut keys: Vec<(String, String)> = Vec::new();
        for m in std::iter::once(c.mention()).chain(c.merge_target()) {
            match self.key_of_source(&m.document) {
                Some(key) => keys.push((m.document.clone(), key)),
                None => return,
            }
        }
        let keyed = c.with_documents(|source| {
            keys.iter()
                .find(|(s, _)| s == source)
                .map(|(_, k)| k.clone())
                .unwrap_or_default()
        });
        self.edits.push(keyed);
        self.recompute();
    }

    fn import(&mut self, contract: &Contract, corrections: Vec<Correction>) {
        let articles: Vec<ArticleInput> = contract
            .documents
            .iter()
            .map(|d| ArticleInput {
                source: d.source.clone(),
                input: article_input(d),
            })
            .collect();
        if articles.is_empty() {
            self.notice = Some("That gloss JSON holds no articles.".to_string());
            return;
        }
        let key_of = |source: &str| {
            articles
                .iter()
                .find(|a| a.source == source)
                .map(|a| content_key(&a.input))
                .unwrap_or_default()
        };
        let mut lists: Vec<(String, Vec<Correction>)> = Vec::new();
        for c in corrections {
            let c = c.with_documents(key_of);
            let key = c.mention().document.clone();
            match lists.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(c),
                None => lists.push((key, vec![c])),
            }
        }
        for a in &articles {
            self.edits.set_list(&content_key(&a.input), Vec::new());
        }
        for (key, list) in lists {
            self.edits.set_list(&key, list);
        }
        self.articles = Rc::new(articles);
        self.active = 0;
        self.selected = None;
        self.contract = None;
        self.base = None;
        self.unapplied = Rc::default();
        self.notice = None;
        self.request();
    }

    /// `contract` = `base` with the corrections; a selection whose entity went is cleared.
    fn recompute(&mut self) {
        let Some(base) = &self.base else {
            return;
        };
        // Nothing to apply: share the annotation itself. Copying a 10 MB article's contract
        // (hundreds of thousands of mentions) would hold up the page when its result arrives.
        let (contract, unapplied) =
            if self.link_metadata.is_empty() && !self.edits.touches(&self.articles) {
                (base.clone(), Vec::new())
            } else {
                let corrected = self.edits.apply(base, &self.articles);
                let contract = Shared::new(self.with_link_metadata(corrected.contract));
                (contract, corrected.unapplied)
            };
        let still_there = |id: &String| contract.entities.iter().any(|e| &e.id == id);
        if !self.selected.as_ref().is_some_and(still_there) {
            self.selected = None;
        }
        self.contract = Some(contract);
        self.unapplied = Rc::new(unapplied);
    }

    fn add(&mut self, source: Option<String>, input: String) {
        if input.trim().is_empty() {
            self.notice =
                Some("Nothing to annotate: paste an article or drop a file first.".to_string());
            return;
        }
        let cap = self.max_input_bytes.unwrap_or(DEFAULT_MAX_BYTES);
        if input.len() > cap {
            self.notice = Some(format!(
                "This article is {}, above the {} that gloss annotates at a time, so it was not added. \
                 Split it into smaller parts.",
                size_text(input.len()),
                size_text(cap)
            ));
            return;
        }
        let source = source.unwrap_or_else(|| {
            self.pastes += 1;
            format!("paste {}", self.pastes)
        });
        Rc::make_mut(&mut self.articles).push(ArticleInput { source, input });
        self.active = self.articles.len() - 1;
        self.notice = None;
        self.request();
    }

    fn close(&mut self, i: usize) {
        if i >= self.articles.len() {
            return;
        }
        Rc::make_mut(&mut self.articles).remove(i);
        // Keep the shown contract aligned with the tabs until the new result arrives.
        if let Some(c) = &self.base {
            if i < c.documents.len() {
                let mut c = Contract::clone(c);
                c.documents.remove(i);
                c.relations.retain(|r| r.document != i);
                for r in c.relations.iter_mut() {
                    if r.document > i {
                        r.document -= 1;
                    }
                }
                self.base = Some(Shared::new(c));
                self.recompute();
            }
        }
        if self.active > i || self.active >= self.articles.len() {
            self.active = self.active.saturating_sub(1);
        }
        if self.articles.is_empty() {
            self.contract = None;
            self.base = None;
            self.unapplied = Rc::default();
            self.pending = None;
            self.selected = None;
        } else {
            self.request();
        }
    }

    /// `contract` with the host's link metadata applied (what it did not match is ignored:
    /// the API call that gave it already reported that).
    fn with_link_metadata(&self, mut contract: Contract) -> Contract {
        if !self.link_metadata.is_empty() {
            let _unmatched = apply_all(&mut contract, &self.link_metadata);
        }
        contract
    }

    fn request(&mut self) {
        self.next_seq += 1;
        self.pending = Some(self.next_seq);
        self.progress = None;
        self.partial = None;
    }

    /// Forget the pending request. Articles without a result (those added since the last
    /// one) leave the workspace, so every tab left has its annotation.
    fn cancel(&mut self) {
        if self.pending.is_none() {
            return;
        }
        self.pending = None;
        self.progress = None;
        self.partial = None;
        let annotated = self.contract.as_ref().map_or(0, |c| c.documents.len());
        if self.articles.len() > annotated {
            Rc::make_mut(&mut self.articles).truncate(annotated);
            self.notice = Some("Annotation cancelled; the new article was not added.".to_string());
        } else {
            self.notice = Some("Annotation cancelled.".to_string());
        }
        self.active = self.active.min(self.articles.len().saturating_sub(1));
        if self.articles.is_empty() {
            self.contract = None;
            self.selected = None;
        }
    }

    /// The contract the view shows: the pending request's partial result, else the last one.
    pub fn shown(&self) -> Option<&Shared<Contract>> {
        self.partial.as_ref().or(self.contract.as_ref())
    }

    /// The annotated document shown in tab `i`, if its result has arrived.
    pub fn document(&self, i: usize) -> Option<&gloss_core::protocol::DocumentDto> {
        self.shown().and_then(|c| c.documents.get(i))
    }

    /// The line shown in `#status` of the app with a paste box.
    pub fn status_text(&self) -> String {
        self.status_text_with("Paste an article to begin.")
    }

    /// The line shown in `#status`; `idle` when nothing is annotated or being annotated (an
    /// embed without a paste box must not ask for a paste).
    pub fn status_text_with(&self, idle: &str) -> String {
        let n = self.articles.len();
        let articles = plural(n, "article", "articles");
        let percent = self
            .progress
            .as_ref()
            .map(|p| format!(" {}%", (p.fraction * 100.0).floor() as i64))
            .unwrap_or_default();
        match (&self.contract, self.pending) {
            (_, Some(_)) if self.contract.is_some() => {
                format!("Re-annotating {articles}…{percent}")
            }
            (None, Some(_)) => format!("Annotating {articles}…{percent}"),
            (Some(c), None) => {
                let mut line = format!(
                    "Annotated {}: {}, {}",
                    plural(c.documents.len(), "article", "articles"),
                    plural(c.entities.len(), "entity", "entities"),
                    plural(c.relations.len(), "relation", "relations"),
                );
                if let Some(run) = &self.last_run {
                    let place = match run.engine {
                        Engine::Worker => "in a web worker",
                        Engine::MainThread => "on the page",
                    };
                    line.push_str(&format!(" · {} ms {place}", run.elapsed_ms.round() as i64));
                }
                line
            }
            _ => idle.to_string(),
        }
    }
}

/// "17.3 MB", "900 KB".
pub fn size_text(bytes: usize) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    if bytes as f64 >= MB {
        format!("{:.1} MB", bytes as f64 / MB)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = AppState::clone(&self);
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
#[path = "state_corrections_tests.rs"]
mod corrections_tests;
#[cfg(test)]
#[path = "state_run_tests.rs"]
mod run_tests;
