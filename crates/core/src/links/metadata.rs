//! Link metadata given by the host page: a CMS that embeds gloss knows the real title,
//! description and date of the articles it links to, which the URL alone cannot tell. This
//! applies such metadata to the link previews of a contract (after the pipeline, so it never
//! touches annotation itself): the preview then shows the host's title instead of the one
//! rebuilt from the slug, and its description.
//!
//! Invariants: only links that already have a preview (http/https) are changed; a link matches
//! when its href equals the given URL or leads to the same article ([`super::same_article`]);
//! text is trimmed, stripped of control characters and capped at [`MAX_TITLE`] /
//! [`MAX_DESCRIPTION`] code points; a date must be ISO `YYYY-MM-DD` or `YYYY-MM` and a valid
//! calendar date, otherwise it is ignored with a diagnostic. Applying the same metadata twice
//! gives the same contract.

use super::date::Ymd;
use crate::protocol::{Contract, PreviewDto};
use serde::{Deserialize, Serialize};

/// Longest title kept, in code points (longer ones end with "…").
pub const MAX_TITLE: usize = 200;
/// Longest description kept, in code points.
pub const MAX_DESCRIPTION: usize = 400;

/// What the host page says about the article at a URL. Every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkMetadata {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// ISO date, `YYYY-MM-DD` or `YYYY-MM`.
    #[serde(default)]
    pub date: Option<String>,
}

/// What applying metadata did: how many links it reached, and what was ignored and why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MetadataOutcome {
    pub links: usize,
    pub diagnostics: Vec<String>,
}

/// Metadata cleaned once: text trimmed and capped, a date only when it is valid.
struct Clean {
    title: Option<String>,
    description: Option<String>,
    date: Option<String>,
}

fn clean(meta: &LinkMetadata, diagnostics: &mut Vec<String>) -> Clean {
    let date = match meta
        .date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => match Ymd::parse_iso(d) {
            Some(ymd) => Some(ymd.iso()),
            None => {
                diagnostics.push(format!(
                    "link metadata: date `{}` is not YYYY-MM-DD or YYYY-MM; ignored",
                    tidy(d, 40)
                ));
                None
            }
        },
        None => None,
    };
    Clean {
        title: meta
            .title
            .as_deref()
            .map(|t| tidy(t, MAX_TITLE))
            .filter(|t| !t.is_empty()),
        description: meta
            .description
            .as_deref()
            .map(|t| tidy(t, MAX_DESCRIPTION))
            .filter(|t| !t.is_empty()),
        date,
    }
}

/// Whitespace runs (and control characters) as one space, trimmed, at most `max` code points.
fn tidy(text: &str, max: usize) -> String {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    if joined.chars().count() <= max {
        return joined;
    }
    let mut cut: String = joined.chars().take(max.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

fn matches(href: &str, url: &str) -> bool {
    href.trim() == url.trim() || super::same_article(href, url)
}

fn apply_to(preview: &mut PreviewDto, meta: &Clean) {
    if let Some(title) = &meta.title {
        preview.title = Some(title.clone());
        preview.title_derived = false;
    }
    if let Some(description) = &meta.description {
        preview.description = Some(description.clone());
    }
    if let Some(date) = &meta.date {
        if preview.date.as_deref() != Some(date.as_str()) {
            // The relative label was computed for the URL's date; it no longer holds.
            preview.relative = None;
        }
        preview.date = Some(date.clone());
    }
    if meta.title.is_some() || meta.description.is_some() || meta.date.is_some() {
        preview.from_host = true;
    }
}

/// Apply `meta` to every previewed link of `contract` that leads to `url`.
pub fn apply_link_metadata(
    contract: &mut Contract,
    url: &str,
    meta: &LinkMetadata,
) -> MetadataOutcome {
    let mut outcome = MetadataOutcome::default();
    let cleaned = clean(meta, &mut outcome.diagnostics);
    for doc in contract.documents.iter_mut() {
        for link in doc.links.iter_mut().filter(|l| matches(&l.href, url)) {
            if let Some(preview) = link.preview.as_mut() {
                apply_to(preview, &cleaned);
                outcome.links += 1;
            }
        }
    }
    if outcome.links == 0 {
        outcome.diagnostics.push(format!(
            "link metadata: no previewed link leads to `{}`",
            tidy(url, 120)
        ));
    }
    outcome
}

/// Apply a list of `(url, metadata)` in order (a later entry for the same URL wins where it
/// gives a field).
pub fn apply_all(contract: &mut Contract, all: &[(String, LinkMetadata)]) -> Vec<String> {
    all.iter()
        .flat_map(|(url, meta)| apply_link_metadata(contract, url, meta).diagnostics)
        .collect()
}
