//! Aliases stated in the text: "X, also known as Y", "X, better known by his nom de guerre Y",
//! "X, formerly known as Y", "X, formerly called Y", "X, previously Y", "X (also known as Y)".
//!
//! Works on word ranges of mentions: the mention right before the trigger (a comma, a bracket
//! and a relative clause opener like "who was" may stand between) is one side, the mention
//! right after it (after "his/the nom de guerre", "the name") is the other. Both must be in the
//! same sentence. Only adjacency counts, so two names merely near a trigger are never joined.

use super::words::Word;
use std::ops::Range;

/// Trigger phrases, as word sequences.
const TRIGGERS: &[&[&str]] = &[
    &["also", "known", "as"],
    &["also", "known", "by"],
    &["better", "known", "as"],
    &["better", "known", "by"],
    &["formerly", "known", "as"],
    &["formerly", "known", "by"],
    &["previously", "known", "as"],
    &["previously", "known", "by"],
    &["once", "known", "as"],
    &["known", "as"],
    &["known", "by"],
    &["formerly", "called"],
    &["previously", "called"],
    &["also", "called"],
    &["formerly"],
    &["previously"],
    &["aka"],
    &["a.k.a."],
    &["alias"],
    &["whose", "real", "name", "is"],
    &["whose", "real", "name", "was"],
    &["formally", "known", "as"],
    &["officially", "known", "as"],
    &["officially", "called"],
    &["born"],
];

/// Words that may stand between the first name and the trigger (", who was formerly ...").
const LEAD_FILLERS: &[&str] = &[
    ",", "(", "who", "which", "was", "is", "has", "had", "been", "also", "then",
];
/// Words that may stand between the trigger and the second name ("by his nom de guerre").
const TAIL_FILLERS: &[&str] = &[
    "his",
    "her",
    "its",
    "their",
    "the",
    "nom",
    "de",
    "guerre",
    "name",
    "names",
    "alias",
    "moniker",
    "pseudonym",
    "kunya",
    "by",
    "as",
    "of",
    "war",
    ":",
    "\"",
    "“",
];

/// Pairs `(a, b)` of indices into `mention_words`: mention `b` is stated to be another name
/// of mention `a`.
pub fn stated_aliases(words: &[Word], mention_words: &[Range<usize>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let starts: rustc_hash::FxHashMap<usize, usize> = mention_words
        .iter()
        .enumerate()
        .map(|(i, m)| (m.start, i))
        .collect();
    for (ai, a) in mention_words.iter().enumerate() {
        let Some(sentence) = words.get(a.start).map(|w| w.sentence) else {
            continue;
        };
        let mut i = a.end;
        let mut skipped = 0;
        while trigger_at(words, i, sentence).is_none()
            && words
                .get(i)
                .is_some_and(|w| w.sentence == sentence && w.is_any(LEAD_FILLERS))
            && skipped < 4
        {
            i += 1;
            skipped += 1;
        }
        let Some(len) = trigger_at(words, i, sentence) else {
            continue;
        };
        // "born" only after a comma or bracket: "X, born Y".
        let bare = words
            .get(i)
            .is_some_and(|w| w.is_any(&["formerly", "previously", "born"]));
        if bare && skipped == 0 {
            continue;
        }
        let mut j = i + len;
        let mut tail = 0;
        while words
            .get(j)
            .is_some_and(|w| w.sentence == sentence && w.is_any(TAIL_FILLERS))
            && tail < 6
        {
            j += 1;
            tail += 1;
        }
        if let Some(&bi) = starts.get(&j) {
            // "formerly known as the Wagner Group's Africa operations": a possessor is not
            // the other name.
            let possessor = mention_words
                .get(bi)
                .and_then(|m| words.get(m.end))
                .is_some_and(|w| w.text == "'s" || w.text == "’s");
            if bi != ai && !possessor {
                out.push((ai, bi));
            }
        }
    }
    out
}

fn trigger_at(words: &[Word], i: usize, sentence: usize) -> Option<usize> {
    TRIGGERS.iter().find_map(|t| {
        let ok = t.iter().enumerate().all(|(k, want)| {
            words
                .get(i + k)
                .is_some_and(|w| w.sentence == sentence && w.text.eq_ignore_ascii_case(want))
        });
        ok.then_some(t.len())
    })
}
