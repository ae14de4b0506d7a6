//! A workspace annotation run in steps, for callers that report progress or may stop between
//! steps (the web worker yields to its event loop after each one, so a cancel can arrive).
//! Running every step gives exactly [`annotate_workspace`](crate::annotate_workspace)'s result.
//!
//! Steps: for each article, ingest, then tokenize + names + dates; then the workspace stages
//! (entities across articles, relations, quotes, previews) as one step.

use crate::ingest::Ingested;
use crate::pipeline::{
    finish_workspace, ingest_article, recognize_article, Article, Document, Workspace,
};
use crate::Diagnostic;

/// Relative cost of the steps per input byte, measured on news text (`gloss bench`): ingest
/// is cheap, names are the bulk of the per-article work, the workspace stages the rest.
const INGEST_COST: u64 = 1;
const RECOGNIZE_COST: u64 = 4;
const FINISH_COST: u64 = 5;

/// Where a job stands: `done` of `total` work units, and what the next step does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
    pub next: String,
}

impl Progress {
    /// Completed fraction in [0, 1].
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            (self.done as f64 / self.total as f64).clamp(0.0, 1.0)
        }
    }
}

pub struct Job {
    articles: Vec<Article>,
    /// Index of the article the next step works on (`articles.len()`: the workspace step).
    next: usize,
    /// The current article, ingested and waiting for recognition.
    ingested: Option<Ingested>,
    documents: Vec<Document>,
    diagnostics: Vec<Diagnostic>,
    workspace: Option<Workspace>,
    done: u64,
}

impl Job {
    pub fn new(articles: Vec<Article>) -> Job {
        Job {
            articles,
            next: 0,
            ingested: None,
            documents: Vec::new(),
            diagnostics: Vec::new(),
            workspace: None,
            done: 0,
        }
    }

    fn weight(&self) -> u64 {
        self.articles.iter().map(|a| a.input.len() as u64 + 1).sum()
    }

    pub fn progress(&self) -> Progress {
        let total = self.weight() * (INGEST_COST + RECOGNIZE_COST + FINISH_COST);
        let n = self.articles.len();
        let next = match (self.articles.get(self.next), &self.ingested) {
            _ if self.workspace.is_some() => "done".to_string(),
            (Some(_), None) => format!("reading article {} of {n}", self.next + 1),
            (Some(_), Some(_)) => format!("finding names in article {} of {n}", self.next + 1),
            (None, _) => "linking entities, relations and quotes".to_string(),
        };
        Progress {
            done: self.done.min(total),
            total,
            next,
        }
    }

    pub fn is_done(&self) -> bool {
        self.workspace.is_some()
    }

    /// Do the next step; false once there is nothing left to do.
    pub fn step(&mut self) -> bool {
        if self.workspace.is_some() {
            return false;
        }
        match (self.articles.get(self.next), self.ingested.take()) {
            (Some(a), None) => {
                self.ingested = Some(ingest_article(a, &mut self.diagnostics));
                self.done += (a.input.len() as u64 + 1) * INGEST_COST;
            }
            (Some(a), Some(ingested)) => {
                self.documents.push(recognize_article(&a.source, ingested));
                self.done += (a.input.len() as u64 + 1) * RECOGNIZE_COST;
                self.next += 1;
            }
            (None, _) => {
                let documents = std::mem::take(&mut self.documents);
                let diagnostics = std::mem::take(&mut self.diagnostics);
                self.workspace = Some(finish_workspace(documents, diagnostics));
                self.done += self.weight() * FINISH_COST;
            }
        }
        true
    }

    /// Run what is left and return the workspace.
    pub fn finish(mut self) -> Workspace {
        while self.step() {}
        self.workspace.unwrap_or_default()
    }
}
