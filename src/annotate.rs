//! The one call that turns the workspace's articles into a contract. The worker and the
//! main-thread fallback both use it, so they cannot disagree.

use gloss_core::protocol::Contract;
use gloss_core::{annotate_workspace, Article};
use serde::{Deserialize, Serialize};

/// One article as the user gave it: where it came from and its raw text or HTML.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleInput {
    pub source: String,
    pub input: String,
}

/// Annotate all articles together so that entities are shared across them.
pub fn annotate_articles(articles: &[ArticleInput]) -> Contract {
    let articles: Vec<Article> = articles
        .iter()
        .map(|a| Article {
            source: a.source.clone(),
            input: a.input.clone(),
        })
        .collect();
    let ws = annotate_workspace(&articles);
    Contract::from_workspace(&ws)
}

/// Milliseconds since the epoch; works on the main thread and in workers.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}
