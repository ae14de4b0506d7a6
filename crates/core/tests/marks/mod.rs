//! Hand-made mentions over hand-written texts, for the tests that must not depend on the NER
//! model (resolve, relate).

use gloss_core::ner::Mention;
use gloss_core::{Label, Span};

/// Paragraph spans of `text`, split at blank lines.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        out.push(Span::new(start, start + part.len()));
        start += part.len() + 2;
    }
    out
}

/// Byte span of the `nth` occurrence (0-based) of `needle` in `text`.
pub fn find(text: &str, needle: &str, nth: usize) -> Span {
    let (at, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in {text:?}"));
    Span::new(at, at + needle.len())
}

/// Sure mentions from marks given as (substring, occurrence, label), in text order.
pub fn mentions(text: &str, marks: &[(&str, usize, Label)]) -> Vec<Mention> {
    let mut mentions: Vec<Mention> = marks
        .iter()
        .map(|(s, n, l)| Mention {
            span: find(text, s, *n),
            label: *l,
            score: 1.0,
        })
        .collect();
    mentions.sort_by_key(|m| m.span.start);
    mentions
}
