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
    let ws = annotate_workspace(&to_articles(articles));
    Contract::from_workspace(&ws)
}

/// The core's articles for the inputs.
pub fn to_articles(articles: &[ArticleInput]) -> Vec<Article> {
    articles
        .iter()
        .map(|a| Article {
            source: a.source.clone(),
            input: a.input.clone(),
        })
        .collect()
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

/// How the paste box asks for an input to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasteFormat {
    /// Let the core decide (HTML when it sees markup of known elements).
    Auto,
    Html,
    /// Plain text, even if it contains things that look like tags.
    Text,
}

impl PasteFormat {
    pub fn from_value(value: &str) -> PasteFormat {
        match value {
            "html" => PasteFormat::Html,
            "text" => PasteFormat::Text,
            _ => PasteFormat::Auto,
        }
    }

    /// What to hand to the core for `input` read in this format.
    pub fn prepare(self, input: String) -> String {
        match self {
            PasteFormat::Text => plain_text_as_html(&input),
            PasteFormat::Auto | PasteFormat::Html => input,
        }
    }
}

/// Plain text as an HTML document whose text is exactly that text: every `<`, `>`, `&` and
/// quote escaped, blank lines as paragraphs and single line breaks as `<br>`. The core then
/// shows "<b>" typed in a story as the characters it is, never as markup.
pub fn plain_text_as_html(text: &str) -> String {
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::new();
    for para in normalized
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        out.push_str("<p>");
        for (i, line) in para.split('\n').enumerate() {
            if i > 0 {
                out.push_str("<br>");
            }
            for c in line.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' => out.push_str("&quot;"),
                    '\'' => out.push_str("&#39;"),
                    c => out.push(c),
                }
            }
        }
        out.push_str("</p>\n");
    }
    out
}
