//! Words: a word-level view of a tokenized document shared by dates, resolve and relate.
//!
//! The tokenizer is PTB-style ("Syria's" → "Syria" "'s", punctuation split, hyphenated words
//! whole), but the rules here must also work on coarser tokens. So each token is split once
//! more at its edges: leading and trailing punctuation become words of their own and a final
//! possessive `'s`/`’s` is detached. Inner punctuation ("1,000", "al-Sham", "2024-12-10",
//! "U.S.") stays inside the word, so a word never crosses a real token boundary and spans built
//! from words are token-aligned with a PTB tokenizer.
//!
//! Invariant: word spans are non-empty, on char boundaries, in text order, inside their token.

use crate::tokenize::Tokenized;
use crate::Span;

/// One word with the index of its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    pub span: Span,
    pub text: &'a str,
    pub sentence: usize,
}

impl<'a> Word<'a> {
    /// Whether the word starts with an uppercase letter.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether the word is a single punctuation mark (or several).
    pub fn is_punct(&self) -> bool {
        !self.text.chars().any(char::is_alphanumeric)
    }

    /// Case-insensitive comparison with an ASCII lowercase word.
    pub fn is(&self, lower: &str) -> bool {
        self.text.eq_ignore_ascii_case(lower)
    }

    /// The word in lowercase (`str::to_lowercase`), borrowed when it already is: most words
    /// are plain lowercase ASCII, and then nothing is allocated.
    pub fn lower(&self) -> std::borrow::Cow<'a, str> {
        if self
            .text
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            std::borrow::Cow::Borrowed(self.text)
        } else {
            std::borrow::Cow::Owned(self.text.to_lowercase())
        }
    }

    /// Whether the word is one of `options` (case-insensitive).
    pub fn is_any(&self, options: &[&str]) -> bool {
        options.iter().any(|o| self.is(o))
    }
}

/// A word without its text: what a document keeps of its word view between the pipeline's
/// stages (the view borrows the text; see [`detach`] and [`attach`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordAt {
    pub span: Span,
    pub sentence: usize,
}

/// The word view without its text.
pub fn detach(ws: &[Word]) -> Vec<WordAt> {
    ws.iter()
        .map(|w| WordAt {
            span: w.span,
            sentence: w.sentence,
        })
        .collect()
}

/// The word view of `text` again from [`detach`]'s output (cheaper than [`words`]).
pub fn attach<'a>(text: &'a str, ws: &[WordAt]) -> Vec<Word<'a>> {
    ws.iter()
        .filter_map(|w| {
            text.get(w.span.start..w.span.end).map(|t| Word {
                span: w.span,
                text: t,
                sentence: w.sentence,
            })
        })
        .collect()
}

/// Words that keep a final period: abbreviations and initials ("Mr.", "Dec.", "U.S.").
const KEEP_PERIOD: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "lt", "col", "sgt", "capt", "maj", "rep",
    "sen", "gov", "prof", "rev", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "no", "vs",
];

/// All words of a document, sentence by sentence.
pub fn words<'a>(text: &'a str, tok: &Tokenized) -> Vec<Word<'a>> {
    let mut out = Vec::with_capacity(tok.tokens.len() + tok.tokens.len() / 8);
    for (si, s) in tok.sentences.iter().enumerate() {
        for t in tok.sentence_tokens(s) {
            split_token(text, t.span, si, &mut out);
        }
    }
    out
}

fn split_token<'a>(text: &'a str, span: Span, sentence: usize, out: &mut Vec<Word<'a>>) {
    let Some(tt) = text.get(span.start..span.end) else {
        return;
    };
    // Most tokens are plain ASCII words or numbers: no edge punctuation, no possessive.
    if tt.bytes().all(|b| b.is_ascii_alphanumeric()) {
        push(text, span.start, span.end, sentence, out);
        return;
    }
    // A clitic the tokenizer split off ("'s", "’re") is one word.
    if let Some(rest) = tt.strip_prefix('\'').or_else(|| tt.strip_prefix('’')) {
        if !rest.is_empty() && rest.len() <= 2 && rest.chars().all(|c| c.is_ascii_alphabetic()) {
            push(text, span.start, span.end, sentence, out);
            return;
        }
    }
    // No edge punctuation: the whole token is the core (a hyphenated or dotted word, a
    // possessive). All punctuation: one word per char. Neither needs the char list below.
    let first = tt.chars().next();
    let last = tt.chars().next_back();
    if first.is_some_and(char::is_alphanumeric) && last.is_some_and(char::is_alphanumeric) {
        push_core(text, span.start, tt, 0, tt.len(), sentence, out);
        return;
    }
    if !tt.chars().any(char::is_alphanumeric) {
        for (i, c) in tt.char_indices() {
            push_char(text, span.start + i, c, sentence, out);
        }
        return;
    }
    let chars: Vec<(usize, char)> = tt.char_indices().collect();
    // Leading punctuation, one word per char.
    let mut lo = 0;
    while let Some(&(i, c)) = chars.get(lo) {
        if c.is_alphanumeric() {
            break;
        }
        push_char(text, span.start + i, c, sentence, out);
        lo += 1;
    }
    if lo >= chars.len() {
        return;
    }
    // Trailing punctuation, collected from the right.
    let mut hi = chars.len();
    let mut trailing = Vec::new();
    while hi > lo {
        let Some(&(i, c)) = chars.get(hi - 1) else {
            break;
        };
        if c.is_alphanumeric() {
            break;
        }
        if c == '.' && keeps_period(tt, chars.get(lo).map_or(0, |p| p.0), i) {
            break;
        }
        trailing.push((i, c));
        hi -= 1;
    }
    let core_start = chars.get(lo).map_or(0, |p| p.0);
    let core_end = chars.get(hi).map_or(tt.len(), |p| p.0);
    push_core(text, span.start, tt, core_start, core_end, sentence, out);
    for (i, c) in trailing.into_iter().rev() {
        push_char(text, span.start + i, c, sentence, out);
    }
}

/// The core of a token (`tt[core_start..core_end]`, the token starting at byte `at`): one word,
/// or two when it ends in a possessive 's / ’s.
fn push_core<'a>(
    text: &'a str,
    at: usize,
    tt: &str,
    core_start: usize,
    core_end: usize,
    sentence: usize,
    out: &mut Vec<Word<'a>>,
) {
    // Detach a possessive 's / ’s.
    let core = tt.get(core_start..core_end).unwrap_or("");
    let poss = ["'s", "’s", "'S", "’S"].iter().find_map(|p| {
        core.strip_suffix(p)
            .filter(|rest| rest.chars().any(char::is_alphanumeric))
            .map(|rest| rest.len())
    });
    match poss {
        Some(cut) => {
            push(text, at + core_start, at + core_start + cut, sentence, out);
            push(text, at + core_start + cut, at + core_end, sentence, out);
        }
        None => push(text, at + core_start, at + core_end, sentence, out),
    }
}

/// "Mr." keeps its period, as do initials and dotted acronyms ("J.", "U.S.").
fn keeps_period(tt: &str, core_start: usize, dot: usize) -> bool {
    let core = tt.get(core_start..dot).unwrap_or("");
    if core.is_empty() {
        return false;
    }
    let lower = core.to_ascii_lowercase();
    if KEEP_PERIOD.contains(&lower.as_str()) {
        return true;
    }
    let letters = core.chars().filter(|c| c.is_alphabetic()).count();
    (letters == 1 && core.chars().count() == 1 && core.chars().all(char::is_uppercase))
        || (core.contains('.') && core.split('.').all(|p| p.chars().count() == 1))
}

/// One punctuation char of a token, at byte `at` of the text, as a word.
fn push_char<'a>(text: &'a str, at: usize, c: char, sentence: usize, out: &mut Vec<Word<'a>>) {
    push(text, at, at + c.len_utf8(), sentence, out);
}

fn push<'a>(text: &'a str, start: usize, end: usize, sentence: usize, out: &mut Vec<Word<'a>>) {
    if start < end {
        if let Some(t) = text.get(start..end) {
            out.push(Word {
                span: Span::new(start, end),
                text: t,
                sentence,
            });
        }
    }
}

/// Index of the first word whose span starts at or after `byte`.
pub fn word_at(words: &[Word], byte: usize) -> usize {
    words.partition_point(|w| w.span.start < byte)
}

/// The range of word indices lying inside `span`.
pub fn words_in(words: &[Word], span: Span) -> std::ops::Range<usize> {
    let a = word_at(words, span.start);
    let b = words.partition_point(|w| w.span.end <= span.end);
    a..b.max(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::whitespace_tokens as ws_tok;

    #[test]
    fn splits_edges_not_insides() {
        let cases: &[(&str, &[&str])] = &[
            ("Syria's HTS,", &["Syria", "'s", "HTS", ","]),
            ("(Mr. Al-Bashir)", &["(", "Mr.", "Al-Bashir", ")"]),
            ("“1,000 troops.”", &["“", "1,000", "troops", ".", "”"]),
            ("the U.S. said", &["the", "U.S.", "said"]),
            ("Dec. 10, 2024", &["Dec.", "10", ",", "2024"]),
            ("Syria’s", &["Syria", "’s"]),
            ("Syria 's", &["Syria", "'s"]),
            ("'Hello'", &["'", "Hello", "'"]),
        ];
        for (text, want) in cases {
            let tok = ws_tok(text);
            let got: Vec<&str> = words(text, &tok).iter().map(|w| w.text).collect();
            assert_eq!(&got, want, "{text}");
        }
    }
}
