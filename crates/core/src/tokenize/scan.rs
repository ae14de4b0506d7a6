//! The token scanner: one paragraph of text → tokens in the style of the Penn Treebank /
//! CoNLL-2003 (the NER model was trained on that tokenization).
//!
//! Rules, in short: punctuation is split off; clitics `'s` `'re` `'ve` `'ll` `'d` `'m` and
//! `n't` are their own tokens; hyphenated words, numbers with separators (`1,000`, `3.7`,
//! `6:00`), dotted abbreviations (`U.S.`, `e.g.`) and known abbreviations (`Mr.`, `Jan.`) stay
//! whole; URLs stay whole; a non-letter grapheme (emoji, ZWJ sequence, symbol) is one token.
//!
//! Invariants: spans are on char boundaries, sorted, non-overlapping, non-empty, inside the
//! paragraph. Speed: ASCII is scanned byte by byte; grapheme segmentation runs only on
//! non-ASCII, non-letter input. Nothing is allocated per token besides the output vectors.

use super::abbrev::{self, Abbrev};
use crate::Span;
use unicode_segmentation::UnicodeSegmentation;

/// What the sentence splitter needs to know about a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    /// An abbreviation that introduces a name (`Mr.`, `Gen.`) or an initial (`J.`): never
    /// ends a sentence.
    AbbrevTitle,
    /// An abbreviation that may end a sentence (`U.S.`, `Inc.`, `etc.`).
    AbbrevEnd,
    /// `.`
    Period,
    /// `!` `?` (or a run of them).
    Terminal,
    /// `...` or `…`
    Ellipsis,
    /// A quote or closing bracket that can follow the end of a sentence.
    Closer,
    Other,
}

/// Scans `para` (a paragraph; `base` = its byte offset in the document) and appends tokens.
pub(crate) fn scan(para: &str, base: usize, spans: &mut Vec<Span>, kinds: &mut Vec<Kind>) {
    let b = para.as_bytes();
    let n = b.len();
    let first = spans.len();
    let mut i = 0;
    while i < n {
        let c = b.get(i).copied().unwrap_or(b' ');
        if c < 0x80 {
            if c.is_ascii_whitespace() || c.is_ascii_control() {
                i += 1;
            } else if c.is_ascii_alphanumeric() {
                i = word(para, i, base, spans, kinds, spans.len() == first);
            } else {
                i = ascii_punct(para, i, base, spans, kinds);
            }
            continue;
        }
        let ch = char_at(para, i);
        let w = ch.map_or(1, char::len_utf8);
        match ch {
            Some(ch) if ch.is_whitespace() || is_ignorable(ch) => i += w,
            Some(ch) if is_alnum(ch) => i = word(para, i, base, spans, kinds, false),
            Some(_) => {
                let end = grapheme_end(para, i).max(i + w);
                let kind = match ch {
                    Some('…') => Kind::Ellipsis,
                    Some('”' | '’' | '»' | '›' | '」' | '』') => Kind::Closer,
                    Some('。' | '！' | '？' | '؟' | '۔') => Kind::Terminal,
                    _ => Kind::Other,
                };
                push(spans, kinds, base, i, end, kind);
                i = end;
            }
            None => i += 1,
        }
    }
}

#[inline]
fn push(spans: &mut Vec<Span>, kinds: &mut Vec<Kind>, base: usize, s: usize, e: usize, k: Kind) {
    if e > s {
        spans.push(Span::new(base + s, base + e));
        kinds.push(k);
    }
}

/// `char::is_alphanumeric`, with the letter blocks of common scripts answered without the
/// (slow) general table lookup.
#[inline]
pub(crate) fn is_alnum(c: char) -> bool {
    match c {
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{24F}' // Latin
        | '\u{391}'..='\u{3A9}' | '\u{3B1}'..='\u{3C9}' // Greek
        | '\u{400}'..='\u{481}' | '\u{48A}'..='\u{52F}' // Cyrillic
        | '\u{5D0}'..='\u{5EA}' // Hebrew
        | '\u{620}'..='\u{64A}' | '\u{660}'..='\u{669}' | '\u{671}'..='\u{6D3}' // Arabic
        | '\u{904}'..='\u{939}' // Devanagari
        | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}' => true, // CJK, Hangul
        _ => c.is_alphanumeric(),
    }
}

#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

/// End of the extended grapheme cluster starting at `i` (or `i` when there is none), cut
/// before any whitespace: a prepended mark (U+0600) makes a cluster with a following space.
fn grapheme_end(s: &str, i: usize) -> usize {
    let g = s
        .get(i..)
        .and_then(|t| t.graphemes(true).next())
        .unwrap_or("");
    let len = g
        .char_indices()
        .find(|&(k, c)| k > 0 && c.is_whitespace())
        .map_or(g.len(), |(k, _)| k);
    i + len
}

/// Invisible format characters (soft hyphen, zero-width space, bidi controls, BOM): never a
/// token on their own.
fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
        || c.is_control()
}

/// Is there a letter or digit starting at byte `i`?
#[inline]
fn alnum_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        Some(&c) if c < 0x80 => c.is_ascii_alphanumeric(),
        Some(_) => char_at(s, i).is_some_and(is_alnum),
        None => false,
    }
}

#[inline]
fn digit_at(s: &str, i: usize) -> bool {
    s.as_bytes().get(i).is_some_and(u8::is_ascii_digit)
}

/// Length of a right single quote / apostrophe at `i` (`'` or `’`), or 0.
#[inline]
fn apostrophe_len(s: &str, i: usize) -> usize {
    let b = s.as_bytes();
    match b.get(i) {
        Some(b'\'') => 1,
        Some(0xE2) if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x99) => 3,
        _ => 0,
    }
}

/// Consumes letters and digits (with their combining marks) from `i`; returns the end.
fn alnum_run(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    loop {
        match b.get(i) {
            Some(&c) if c.is_ascii_alphanumeric() => i += 1,
            Some(&c) if c < 0x80 => return i,
            Some(_) => match char_at(s, i) {
                // Marks that are not alphanumeric are taken by the caller's grapheme check.
                Some(ch) if is_alnum(ch) => i += ch.len_utf8(),
                _ => return i,
            },
            None => return i,
        }
    }
}

/// Clitic after an apostrophe at `i` (whose length is `alen`): the end of the clitic token, or
/// `None` when the apostrophe is word-internal (`O'Brien`).
fn clitic_end(s: &str, i: usize, alen: usize) -> Option<usize> {
    let start = i + alen;
    let end = alnum_run(s, start);
    if alnum_after_connector(s, end) {
        return None;
    }
    let run = s.get(start..end)?;
    let is_clitic = ["s", "re", "ve", "ll", "d", "m"]
        .iter()
        .any(|c| run.eq_ignore_ascii_case(c));
    is_clitic.then_some(end)
}

/// True when a word continues at `i` through a hyphen or similar (so a clitic check must not
/// stop there).
fn alnum_after_connector(s: &str, i: usize) -> bool {
    alnum_at(s, i) || (matches!(s.as_bytes().get(i), Some(b'-')) && alnum_at(s, i + 1))
}

/// Scans a word starting at `s0` (a letter or digit) and pushes it, plus any clitic and an
/// abbreviation's period. Returns where scanning continues.
fn word(
    s: &str,
    s0: usize,
    base: usize,
    spans: &mut Vec<Span>,
    kinds: &mut Vec<Kind>,
    para_start: bool,
) -> usize {
    if let Some(end) = url_end(s, s0) {
        push(spans, kinds, base, s0, end, Kind::Word);
        return end;
    }
    let b = s.as_bytes();
    let mut j = s0;
    let mut seg_start = s0; // start of the current dot-separated segment
    let mut has_dot = false;
    loop {
        let run_start = j;
        j = alnum_run(s, j);
        if j == run_start {
            break;
        }
        // Combining marks after the run (decomposed accents) belong to the word.
        if b.get(j).is_some_and(|&c| c >= 0x80) {
            if let Some(prev) = s
                .get(..j)
                .and_then(|t| t.char_indices().next_back())
                .map(|(p, _)| p)
            {
                let g = grapheme_end(s, prev);
                if g > j {
                    j = g;
                    continue;
                }
            }
        }
        let next = b.get(j).copied();
        match next {
            Some(b'-' | b'/' | b'&' | b'_' | b'@') if alnum_at(s, j + 1) => j += 1,
            Some(b'.') if alnum_at(s, j + 1) => {
                // "U.S", "e.g", "3.7", "example.com" join; "end.The" (a missing space) does not.
                let seg_len = j - seg_start;
                let after = char_at(s, j + 1);
                let joins = seg_len <= 2
                    || (digit_at(s, j - 1) && digit_at(s, j + 1))
                    || after.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
                if !joins {
                    break;
                }
                // Short segments make a dotted abbreviation ("U.S."), not "3.7" or "example.com".
                has_dot |= seg_len <= 2 && !digit_at(s, j - 1);
                j += 1;
                seg_start = j;
            }
            // "U.S.-backed": a dotted abbreviation joined to a word by a hyphen.
            Some(b'.') if has_dot && b.get(j + 1) == Some(&b'-') && alnum_at(s, j + 2) => {
                j += 2;
                seg_start = j;
            }
            Some(b',' | b':') if digit_at(s, j.wrapping_sub(1)) && digit_at(s, j + 1) => j += 1,
            _ => {
                let alen = apostrophe_len(s, j);
                if alen == 0 || !alnum_at(s, j + alen) {
                    break;
                }
                // n't: "don't" → "do" "n't"
                let n_before = j > s0 + 1 && matches!(b.get(j - 1), Some(b'n' | b'N'));
                let t_after = matches!(b.get(j + alen), Some(b't' | b'T'))
                    && !alnum_after_connector(s, j + alen + 1);
                if n_before && t_after {
                    push(spans, kinds, base, s0, j - 1, Kind::Word);
                    push(spans, kinds, base, j - 1, j + alen + 1, Kind::Word);
                    return j + alen + 1;
                }
                if let Some(cend) = clitic_end(s, j, alen) {
                    push(spans, kinds, base, s0, j, Kind::Word);
                    push(spans, kinds, base, j, cend, Kind::Word);
                    return cend;
                }
                j += alen; // O'Brien
            }
        }
    }
    let w = s.get(s0..j).unwrap_or("");
    // Currency prefixes: "C$", "US$", "HK$" before a number.
    if b.get(j) == Some(&b'$')
        && next_is_digit(s, j + 1)
        && w.len() <= 2
        && w.bytes().all(|c| c.is_ascii_uppercase())
    {
        push(spans, kinds, base, s0, j + 1, Kind::Word);
        return j + 1;
    }
    // A period after the word: part of it when the word is an abbreviation.
    if b.get(j) == Some(&b'.') && b.get(j + 1) != Some(&b'.') {
        // At the very end of a paragraph a sentence-final abbreviation gives up its period,
        // as in CoNLL-2003 ("Acme Co" "."): the period ends the sentence.
        let at_end = s
            .get(j + 1..)
            .unwrap_or("")
            .trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')')
            })
            .is_empty();
        let kind = if has_dot {
            Some(Kind::AbbrevEnd)
        } else {
            match abbrev::lookup(w) {
                Abbrev::Title => Some(Kind::AbbrevTitle),
                Abbrev::End if at_end => None,
                Abbrev::End => Some(Kind::AbbrevEnd),
                Abbrev::Number if next_is_digit(s, j + 1) => Some(Kind::AbbrevTitle),
                Abbrev::Number | Abbrev::None => {
                    let single_cap = w.len() == 1 && w.bytes().all(|c| c.is_ascii_uppercase());
                    // "1. Jan Ullrich (Germany)": a rank opening a paragraph.
                    let rank = para_start
                        && w.len() <= 3
                        && w.bytes().all(|c| c.is_ascii_digit())
                        && s.get(j + 1..).is_some_and(|r| r.starts_with(' '));
                    (single_cap || rank).then_some(Kind::AbbrevTitle)
                }
            }
        };
        if let Some(kind) = kind {
            push(spans, kinds, base, s0, j + 1, kind);
            return j + 1;
        }
    }
    push(spans, kinds, base, s0, j, Kind::Word);
    j
}

/// "No. 5": is the next non-space char a digit?
fn next_is_digit(s: &str, i: usize) -> bool {
    let rest = s.get(i..).unwrap_or("");
    rest.trim_start()
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_digit)
}

/// A URL starting at `i` (`http://`, `https://`, `www.`): its end, without trailing punctuation.
fn url_end(s: &str, i: usize) -> Option<usize> {
    let rest = s.get(i..)?;
    let head = rest.as_bytes().get(..8).unwrap_or(rest.as_bytes());
    let starts = |p: &[u8]| {
        head.len() >= p.len()
            && head
                .get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
    };
    if !(starts(b"http://") || starts(b"https://") || starts(b"www.")) {
        return None;
    }
    let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let url = trim_url(rest.get(..len)?);
    (url.len() > 4).then_some(i + url.len())
}

/// Drops trailing punctuation from a URL-like run, keeping a `)` that closes a `(` inside.
pub(crate) fn trim_url(mut url: &str) -> &str {
    loop {
        let Some(last) = url.chars().next_back() else {
            return url;
        };
        let drop = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '”' | '’' | '»' | ']' | '}' | '>'
            | '…' => true,
            ')' => url.matches('(').count() < url.matches(')').count(),
            _ => false,
        };
        if !drop {
            return url;
        }
        url = url.get(..url.len() - last.len_utf8()).unwrap_or("");
    }
}

/// Punctuation or a symbol in ASCII at `i`: runs of `.` `-` `!` `?` stay together.
fn ascii_punct(
    s: &str,
    i: usize,
    base: usize,
    spans: &mut Vec<Span>,
    kinds: &mut Vec<Kind>,
) -> usize {
    let b = s.as_bytes();
    let c = b.get(i).copied().unwrap_or(b' ');
    let after_space = i == 0
        || matches!(
            b.get(i - 1),
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'(' | b'[')
        );
    if after_space && digit_at(s, i + 1) {
        // ".496" is a number; "+0.5" and "-3" are signed numbers.
        if c == b'.' {
            let end = i
                + 1
                + b.get(i + 1..)
                    .unwrap_or(&[])
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
            push(spans, kinds, base, i, end, Kind::Word);
            return end;
        }
        if c == b'+' || c == b'-' {
            let before = spans.len();
            let end = word(s, i + 1, base, spans, kinds, false);
            if let Some(sp) = spans.get_mut(before) {
                if sp.start == base + i + 1 {
                    sp.start = base + i;
                }
            }
            return end;
        }
    }
    let mut j = i + 1;
    match c {
        b'.' | b'-' | b'=' | b'*' | b'_' => {
            while b.get(j) == Some(&c) {
                j += 1;
            }
        }
        b'!' | b'?' => {
            while matches!(b.get(j), Some(b'!' | b'?')) {
                j += 1;
            }
        }
        _ => {}
    }
    let kind = match c {
        b'.' if j - i == 1 => Kind::Period,
        b'.' => Kind::Ellipsis,
        b'!' | b'?' => Kind::Terminal,
        b'"' | b'\'' | b')' | b']' => Kind::Closer,
        _ => Kind::Other,
    };
    push(spans, kinds, base, i, j, kind);
    j
}
