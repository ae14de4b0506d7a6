//! Building contracts for the tests of what is done with them (corrections, exports): from
//! annotated articles, or by hand with offsets in code points, as the contract counts them.

use gloss_core::protocol::{Contract, EntityDto, OffsetsDto};
use gloss_core::{annotate_workspace, Article};
use proptest::prelude::*;

/// The contract of a workspace of (source, input) articles.
pub fn annotated(articles: &[(&str, &str)]) -> Contract {
    let articles: Vec<Article> = articles
        .iter()
        .map(|(s, i)| Article {
            source: s.to_string(),
            input: i.to_string(),
        })
        .collect();
    Contract::from_workspace(&annotate_workspace(&articles))
}

/// Code-point offsets of the `nth` occurrence of `exact` in `text`.
pub fn offsets(text: &str, exact: &str, nth: usize) -> (usize, usize) {
    let byte = text
        .match_indices(exact)
        .nth(nth)
        .map(|(b, _)| b)
        .unwrap_or_else(|| panic!("fixture text holds {exact:?} #{nth}"));
    let start = text[..byte].chars().count();
    (start, start + exact.chars().count())
}

/// Code-point offsets of the first occurrence of `sentence` in `text`, as relation evidence.
pub fn offsets_of(text: &str, sentence: &str) -> OffsetsDto {
    let (start, end) = offsets(text, sentence, 0);
    OffsetsDto { start, end }
}

pub fn entity(id: &str, label: &str, name: &str, aliases: &[&str], roles: &[&str]) -> EntityDto {
    EntityDto {
        id: id.into(),
        label: label.into(),
        name: name.into(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        roles: roles.iter().map(|s| s.to_string()).collect(),
        related: vec![],
    }
}

/// Article text of up to 40 pieces drawn from `words`, joined by spaces.
pub fn article(words: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(words), 0..40).prop_map(|w| w.join(" "))
}
