//! Roles: titles stated beside a person's name, before it ("Qatar's foreign ministry spokesman
//! X", "transitional authority head X") or in an appositive after it ("X, Minister of State at
//! Qatar's foreign ministry,", "X, an HTS leader,"). Resolve keeps the title on the entity;
//! relate turns the title plus its owner (a country or organisation named in the phrase) into a
//! `role` relation. A phrase counts only if it contains a title head word ("minister",
//! "spokesman", "leader"), so ordinary clauses are never read as titles.

use super::names::{self, KINSHIP};
use super::words::Word;
use std::ops::Range;

/// A title found beside a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Title {
    /// Word range of the title itself ("foreign ministry spokesman").
    pub title: Range<usize>,
    /// Word range of the whole phrase in which an owner may be named ("Qatar's foreign ministry
    /// spokesman", "Minister of State at Qatar's foreign ministry").
    pub phrase: Range<usize>,
}

fn is_title_word(w: &Word) -> bool {
    names::is_title_word(&w.lower())
}

fn is_head(w: &Word) -> bool {
    names::is_title_head(&w.lower())
}

/// The title right before the name that starts at word `start`.
pub fn title_before(words: &[Word], start: usize) -> Option<Title> {
    let sentence = words.get(start)?.sentence;
    let mut i = start;
    while i > 0 {
        let Some(w) = words.get(i - 1) else { break };
        if w.sentence != sentence || !is_title_word(w) {
            break;
        }
        i -= 1;
    }
    // Function words cannot open a title.
    while words
        .get(i)
        .is_some_and(|w| w.is_any(&["of", "the", "and", "for", "on", "to", "at", "in"]))
        && i < start
    {
        i += 1;
    }
    let title = i..start;
    if !words.get(title.clone())?.iter().any(is_head) {
        return None;
    }
    // The owner stands right before: "Qatar's <title>", "US <title>".
    let mut p = i;
    if p > 0
        && words
            .get(p - 1)
            .is_some_and(|w| w.sentence == sentence && (w.text == "'s" || w.text == "’s"))
    {
        p -= 1;
    }
    let mut q = p;
    while q > 0
        && words
            .get(q - 1)
            .is_some_and(|w| w.sentence == sentence && w.is_capitalized() && !w.is_punct())
    {
        q -= 1;
    }
    Some(Title {
        title,
        phrase: q..start,
    })
}

/// The title in an appositive right after the name that ends at word `end` (exclusive):
/// ", Minister of State at Qatar's foreign ministry," or ", an HTS leader,".
pub fn title_after(words: &[Word], end: usize) -> Option<Title> {
    let sentence = words.get(end)?.sentence;
    if words.get(end)?.text != "," {
        return None;
    }
    let first = end + 1;
    let mut j = first;
    while let Some(w) = words.get(j) {
        if w.sentence != sentence
            || matches!(w.text, "," | "." | ";" | ":" | "(" | ")" | "\"" | "“" | "”")
        {
            break;
        }
        if w.is_any(&[
            "said", "says", "told", "who", "whom", "which", "that", "was", "were", "is", "are",
            "has", "had", "will", "would",
        ]) {
            return None;
        }
        j += 1;
        if j - first > 12 {
            return None;
        }
    }
    let phrase = first..j;
    let ws = words.get(phrase.clone())?;
    // The title: the first run of title words (capitalised words count inside a run that
    // holds a head, as in "Minister of State") containing a head.
    let mut k = 0;
    while k < ws.len() {
        if ws.get(k).is_some_and(is_title_word) {
            let s = k;
            while ws
                .get(k)
                .is_some_and(|w| is_title_word(w) || (w.is_capitalized() && k > s))
            {
                k += 1;
            }
            let run = ws.get(s..k).unwrap_or(&[]);
            if run.iter().any(is_head) {
                // trim function words and trailing capitalised owners at the edges
                let mut a = s;
                let mut b = k;
                while a < b
                    && ws.get(a).is_some_and(|w| {
                        !is_head(w)
                            && w.is_any(&["of", "the", "and", "at", "for", "to", "in", "on"])
                    })
                {
                    a += 1;
                }
                while b > a
                    && ws.get(b - 1).is_some_and(|w| {
                        (!is_head(w) && !is_title_word(w))
                            || w.is_any(&["of", "the", "and", "at", "for", "to", "in", "on"])
                    })
                {
                    b -= 1;
                }
                return Some(Title {
                    title: first + a..first + b,
                    phrase,
                });
            }
        } else {
            k += 1;
        }
    }
    None
}

/// The kinship word introducing the name at word `start` ("his late father Hafez"), if any.
pub fn kinship_before<'a>(words: &[Word<'a>], start: usize) -> Option<&'a str> {
    let sentence = words.get(start)?.sentence;
    let mut i = start;
    let mut skipped = 0;
    while i > 0 && skipped < 3 {
        let w = words.get(i - 1)?;
        if w.sentence != sentence {
            return None;
        }
        let lower = w.text.to_lowercase();
        if KINSHIP.contains(&lower.as_str()) {
            return Some(w.text);
        }
        if !w.is_any(&[
            "late",
            "own",
            "younger",
            "elder",
            "eldest",
            "older",
            "youngest",
            "estranged",
            "former",
            ",",
        ]) {
            return None;
        }
        i -= 1;
        skipped += 1;
    }
    None
}

/// The text of a word range, words joined by single spaces (possessive 's attached).
pub fn join(words: &[Word], r: Range<usize>) -> String {
    let mut s = String::new();
    for w in words.get(r).unwrap_or(&[]) {
        if !s.is_empty() && w.text != "'s" && w.text != "’s" {
            s.push(' ');
        }
        s.push_str(w.text);
    }
    s
}
