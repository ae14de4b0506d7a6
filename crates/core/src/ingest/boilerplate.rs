//! Article-body extraction: which blocks are the article and which are page furniture.
//!
//! In the spirit of boilerpipe and readability, and with no phrase list: each block is
//! described by shallow text features (word count, share of lower-case words, sentence-final
//! punctuation, link density, all-caps, time-of-day patterns, agency-credit shape, list
//! bullets, repetition on the page, furniture markup) and classed as
//! - `Content`: sentence-shaped prose of some length,
//! - `Prose`: a short sentence ("He declined to comment."),
//! - `Label`: a short line that is not a sentence (headline, subhead, section label, teaser),
//! - `Furniture`: a block with a strong boilerplate signal.
//!
//! The article is then the contiguous run of Content/Prose blocks holding the most prose (the
//! earliest on a tie), where single Labels (subheads, a kicker) may sit inside, and two Labels
//! in a row or any Furniture block end a run. Neighbouring runs are joined across gaps that
//! occur inside articles (a list, a photo credit) when they add real prose, and a list that
//! ends the article is kept. When no run holds enough prose the page is not recognised as an
//! article and nothing is removed. Invariant: removal only ever happens at block granularity,
//! and a removed block is returned as furniture (or as the headline), never dropped.

use super::block::{Block, Kind};
use rustc_hash::FxHashMap as HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Content,
    Prose,
    Label,
    Furniture,
}

/// Shallow text features of a block.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Features {
    pub words: usize,
    pub lower_words: usize,
    pub caps_words: usize,
    pub letter_words: usize,
    pub ends_sentence: bool,
    pub link_density: f32,
    pub has_time: bool,
    pub has_credit: bool,
}

/// Less prose than this in the best run: not an article, keep everything.
const MIN_ARTICLE_WORDS: usize = 25;
/// Runs joined across gaps must together add at least this much prose.
const MIN_MERGE_WORDS: usize = 40;

pub(crate) fn features(b: &Block) -> Features {
    let mut f = Features::default();
    for w in split_spaces(&b.text) {
        let (letters, marks) = letters(w);
        // A time has a digit and a credit a slash or a ©: most words have neither.
        f.has_time |= marks.digit && is_time(w);
        let Some(letters) = letters else {
            if marks.digit || w.chars().any(char::is_alphanumeric) {
                f.words += 1;
            }
            continue;
        };
        f.words += 1;
        f.letter_words += 1;
        if letters.first_lower {
            f.lower_words += 1;
        }
        // All-caps words of two letters or more ("AFP", "LATEST"); caseless scripts never are.
        if letters.all_upper && letters.count >= 2 {
            f.caps_words += 1;
        }
        f.has_credit |= (marks.slash || w.starts_with('©')) && is_credit(w);
    }
    let tail = b
        .text
        .trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    f.ends_sentence = tail.ends_with(['.', '!', '?', '…', '。', '؟']);
    let link_bytes: usize = b
        .anchors
        .iter()
        .map(|a| a.end.saturating_sub(a.start))
        .sum();
    f.link_density = if b.text.is_empty() {
        0.0
    } else {
        link_bytes as f32 / b.text.len() as f32
    };
    f
}

/// The letters of a word: how many, whether the first is lowercase, whether all are uppercase.
struct Letters {
    count: usize,
    first_lower: bool,
    all_upper: bool,
}

/// Whether a word has an ASCII digit, and a slash.
#[derive(Default)]
struct Marks {
    digit: bool,
    slash: bool,
}

/// [`Letters`] of a word (`None` if it has none) and its [`Marks`], in one pass over its bytes
/// for most words (ASCII; others decode their chars for the letters).
fn letters(w: &str) -> (Option<Letters>, Marks) {
    let mut l = Letters {
        count: 0,
        first_lower: false,
        all_upper: true,
    };
    let mut marks = Marks::default();
    let mut add = |lower: bool, upper: bool| {
        if l.count == 0 {
            l.first_lower = lower;
        }
        l.count += 1;
        l.all_upper &= upper;
    };
    if w.is_ascii() {
        for b in w.bytes() {
            if b.is_ascii_alphabetic() {
                add(b.is_ascii_lowercase(), b.is_ascii_uppercase());
            } else {
                marks.digit |= b.is_ascii_digit();
                marks.slash |= b == b'/';
            }
        }
    } else {
        for c in w.chars().filter(|c| c.is_alphabetic()) {
            add(c.is_lowercase(), c.is_uppercase());
        }
        marks.digit = w.bytes().any(|b| b.is_ascii_digit());
        marks.slash = w.contains('/');
    }
    ((l.count > 0).then_some(l), marks)
}

/// `s.split(' ')` by a byte scan (cheaper than the memchr searcher on short words).
fn split_spaces(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == b' ') {
            Some(i) => {
                rest = r.get(i + 1..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// "6:00am", "10:00", "9pm", "18.30GMT" are times of day.
fn is_time(w: &str) -> bool {
    // A time starts with an ASCII digit once trimmed (most words have none: a byte scan).
    if !w.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return false;
    }
    let rest = w.get(digits..).unwrap_or("");
    let rest = match rest.strip_prefix([':', '.']) {
        Some(r) => {
            let mins = r.bytes().take_while(u8::is_ascii_digit).count();
            if mins != 2 {
                return false;
            }
            if r.len() == 2 {
                return w.contains(':');
            }
            r.get(2..).unwrap_or("")
        }
        None => rest,
    };
    let rest = rest.to_ascii_lowercase();
    matches!(
        rest.as_str(),
        "am" | "pm" | "a.m" | "p.m" | "gmt" | "utc" | "hrs" | "h"
    )
}

/// "NAME/AFP", "Photo/REUTERS": a slash next to an all-caps word, the shape of a photo credit.
fn is_credit(w: &str) -> bool {
    // A byte scan: words are short, and this runs for every word of the page.
    let Some(slash) = w.bytes().position(|b| b == b'/') else {
        return w.starts_with('©');
    };
    let (a, b) = (
        w.get(..slash).unwrap_or(""),
        w.get(slash + 1..).unwrap_or(""),
    );
    let caps = |s: &str| {
        let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
    };
    !a.is_empty() && !b.is_empty() && (caps(a) || caps(b)) && !b.contains('/')
}

pub(crate) fn classify(b: &Block, f: &Features, repeated: bool, use_hints: bool) -> Class {
    // Share of lower-case words among words with letters: prose is mostly lower case,
    // headlines and teasers are Title Case.
    let lower_ratio = if f.letter_words == 0 {
        0.0
    } else {
        f.lower_words as f32 / f.letter_words as f32
    };
    let shouting = f.letter_words >= 2 && f.caps_words == f.letter_words && f.words <= 12;
    let furniture = (use_hints && b.furniture_hint)
        || (repeated && f.words <= 12)
        || (f.link_density >= 0.5 && f.words < 30 && b.kind != Kind::Kicker)
        || (f.has_time && f.words <= 8)
        || (f.has_credit && f.words <= 8 && f.lower_words == 0 && !b.text.contains(','))
        || shouting
        || f.letter_words == 0;
    if furniture {
        return Class::Furniture;
    }
    if b.kind == Kind::Heading || b.kind == Kind::Kicker {
        return Class::Label;
    }
    // A sentence, or a line of sentence-case prose that lost its final stop and is longer
    // than headlines usually are.
    if (f.ends_sentence && f.words >= 7 && lower_ratio >= 0.35)
        || (f.words >= 12 && lower_ratio >= 0.6)
    {
        Class::Content
    } else if f.ends_sentence && f.lower_words >= 1 {
        Class::Prose
    } else {
        Class::Label
    }
}

/// A contiguous run of blocks `[start, end)` and the prose it holds.
#[derive(Clone, Copy, Debug)]
struct Run {
    start: usize,
    end: usize,
    words: usize,
    content_blocks: usize,
}

/// Which blocks are the article (`true`) and which are furniture.
pub(crate) fn select(blocks: &[Block]) -> Vec<bool> {
    let feats: Vec<Features> = blocks.iter().map(features).collect();
    let mut seen: HashMap<&str, u32> = HashMap::default();
    for b in blocks {
        *seen.entry(b.text.as_str()).or_insert(0) += 1;
    }
    // Furniture markup only counts when the page has real prose outside it; otherwise a
    // misleading class on a wrapper would make the whole page furniture.
    let unhinted_prose: usize = blocks
        .iter()
        .zip(&feats)
        .filter(|(b, f)| !b.furniture_hint && classify(b, f, false, false) == Class::Content)
        .map(|(_, f)| f.words)
        .sum();
    let use_hints = unhinted_prose >= MIN_ARTICLE_WORDS;
    let classes: Vec<Class> = blocks
        .iter()
        .zip(&feats)
        .map(|(b, f)| {
            classify(
                b,
                f,
                seen.get(b.text.as_str()).copied().unwrap_or(0) > 1,
                use_hints,
            )
        })
        .collect();
    let runs = runs(blocks, &classes, &feats);
    // The run with the most prose; the earliest one on a tie.
    let Some(best) =
        (0..runs.len()).max_by_key(|&i| (runs.get(i).map_or(0, |r| r.words), usize::MAX - i))
    else {
        return vec![true; blocks.len()];
    };
    let Some(&main) = runs.get(best) else {
        return vec![true; blocks.len()];
    };
    if main.words < MIN_ARTICLE_WORDS {
        return vec![true; blocks.len()];
    }
    // Extend outwards from the best run across gaps that occur inside articles. Runs beyond
    // a gap join in chunks that together hold real prose, so a trailing teaser is left out.
    let bridge = |gap: (usize, usize), r: &Run| bridgeable(blocks, &classes, &feats, gap, r);
    let (mut start, mut end) = (main.start, main.end);
    let (mut reach, mut pending) = (end, 0);
    for r in runs.iter().skip(best + 1) {
        if !bridge((reach, r.start), r) {
            break;
        }
        reach = r.end;
        pending += r.words;
        if pending >= MIN_MERGE_WORDS {
            end = reach;
            pending = 0;
        }
    }
    let (mut reach, mut pending) = (start, 0);
    for r in runs.iter().take(best).rev() {
        if !bridge((r.end, reach), r) {
            break;
        }
        reach = r.start;
        pending += r.words;
        if pending >= MIN_MERGE_WORDS {
            start = reach;
            pending = 0;
        }
    }
    let end = trailing_list_end(blocks, &classes, end);
    let mut keep = vec![false; blocks.len()];
    for (i, k) in keep.iter_mut().enumerate() {
        // A one-word label inside the article ("Advertisement", "Share") is furniture; a
        // subhead has more words.
        let lone_word = classes.get(i) == Some(&Class::Label)
            && feats
                .get(i)
                .is_some_and(|f| f.words <= 1 && !f.ends_sentence)
            && blocks.get(i).is_some_and(|b| b.kind != Kind::ListItem);
        *k = (start..end).contains(&i) && classes.get(i) != Some(&Class::Furniture) && !lone_word;
    }
    keep
}

/// An article may end with a list: bulleted items right after its last paragraph, or after
/// one introducing line ending in ':'. Returns the new end.
fn trailing_list_end(blocks: &[Block], classes: &[Class], end: usize) -> usize {
    let intro = blocks
        .get(end)
        .is_some_and(|b| b.kind != Kind::ListItem && b.text.ends_with(':'));
    let first_item = end + usize::from(intro);
    let items = blocks
        .iter()
        .zip(classes)
        .skip(first_item)
        .take_while(|(b, c)| b.kind == Kind::ListItem && **c != Class::Furniture)
        .count();
    if items >= 2 || (items == 1 && intro) {
        first_item + items
    } else {
        end
    }
}

/// Can the article continue across the gap `[gap.0, gap.1)` into run `other`? Gaps that
/// occur inside articles: a list (with its "...:" intro) or up to two short labels; a lone
/// photo credit; a lone furniture block before more than one paragraph of prose.
fn bridgeable(
    blocks: &[Block],
    classes: &[Class],
    feats: &[Features],
    gap: (usize, usize),
    other: &Run,
) -> bool {
    let (gap_start, gap_end) = gap;
    let len = gap_end.saturating_sub(gap_start);
    let gap_blocks = blocks.get(gap_start..gap_end).unwrap_or(&[]);
    let gap_classes = classes.get(gap_start..gap_end).unwrap_or(&[]);
    let furniture = gap_classes
        .iter()
        .filter(|&&c| c == Class::Furniture)
        .count();
    if furniture == 0 {
        // A list, maybe with an introducing line.
        let list = gap_blocks.iter().skip(1).all(|b| b.kind == Kind::ListItem);
        return len <= 2 || (len <= 8 && list);
    }
    let credit = feats.get(gap_start).is_some_and(|f| f.has_credit);
    len == 1 && (credit || other.content_blocks >= 2)
}

/// Maximal runs of prose; single labels may sit between prose blocks, and a label that
/// introduces a run (a kicker, or one carrying a link) is part of it.
fn runs(blocks: &[Block], classes: &[Class], feats: &[Features]) -> Vec<Run> {
    let mut out = Vec::new();
    let mut cur: Option<Run> = None;
    let mut labels: Vec<usize> = Vec::new(); // labels since the last prose block of `cur`
    for (i, &c) in classes.iter().enumerate() {
        match c {
            Class::Furniture => {
                out.extend(cur.take());
                labels.clear();
            }
            Class::Label => {
                if cur.is_some() {
                    labels.push(i);
                    let headings = labels
                        .iter()
                        .all(|&j| blocks.get(j).is_some_and(|b| b.kind == Kind::Heading));
                    if labels.len() >= 2 && !(headings && labels.len() == 2) {
                        out.extend(cur.take());
                    }
                } else {
                    labels.clear();
                    labels.push(i);
                }
            }
            Class::Content | Class::Prose => {
                let words = feats.get(i).map_or(0, |f| f.words);
                let words = if c == Class::Content {
                    words
                } else {
                    words / 2
                };
                let content = usize::from(c == Class::Content);
                match &mut cur {
                    Some(r) => {
                        r.end = i + 1;
                        r.words += words;
                        r.content_blocks += content;
                    }
                    None => {
                        // A label right before the run introduces it when it is a kicker or links out.
                        let intro = i.checked_sub(1).filter(|&j| {
                            labels.last() == Some(&j)
                                && blocks.get(j).is_some_and(|b| {
                                    b.kind == Kind::Kicker || !b.anchors.is_empty()
                                })
                        });
                        cur = Some(Run {
                            start: intro.unwrap_or(i),
                            end: i + 1,
                            words,
                            content_blocks: content,
                        });
                    }
                }
                labels.clear();
            }
        }
    }
    out.extend(cur);
    out
}

/// How far above the article a headline is looked for.
const HEADLINE_REACH: usize = 6;

/// The headline among the furniture just above the article: the longest headline-shaped
/// label (4 to 25 words, mostly words not numbers, not a sentence, no link) within a few blocks of the first kept one.
pub(crate) fn headline_before(blocks: &[Block], keep: &[bool]) -> Option<usize> {
    let first = keep.iter().position(|&k| k)?;
    let from = first.saturating_sub(HEADLINE_REACH);
    let mut best: Option<(usize, usize)> = None; // (words, index)
    for i in from..first {
        let b = blocks.get(i)?;
        let f = features(b);
        let shaped = (4..=25).contains(&f.words)
            && f.letter_words * 10 >= f.words * 8
            && b.anchors.is_empty()
            && matches!(b.kind, Kind::Para | Kind::Heading)
            && !b.text.ends_with(['.', ':', ',', ';'])
            && classify(b, &f, false, false) == Class::Label;
        if shaped && best.is_none_or(|(w, _)| f.words >= w) {
            best = Some((f.words, i));
        }
    }
    best.map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_spaces_is_split_at_each_space() {
        for s in [
            "",
            " ",
            "a",
            "a b",
            " a  b ",
            "Ωmega  naïve ‘x’ ",
            "a\u{a0}b c",
        ] {
            assert_eq!(
                split_spaces(s).collect::<Vec<_>>(),
                s.split(' ').collect::<Vec<_>>(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn time_shapes() {
        let table = [
            ("6:00am", true),
            ("10:00", true),
            ("9pm", true),
            ("(18.30GMT)", true),
            ("1996-08-30", false),
            ("3.7", false),
            ("2024", false),
            ("am", false),
            ("123:00", false),
        ];
        for (w, want) in table {
            assert_eq!(is_time(w), want, "{w:?}");
        }
    }

    #[test]
    fn credit_shapes() {
        let table = [
            ("KADOUR/AFP", true),
            ("Photo/REUTERS", true),
            ("©", true),
            ("and/or", false),
            ("24/7", false),
            ("a/b/C", false),
            ("/AFP", false),
        ];
        for (w, want) in table {
            assert_eq!(is_credit(w), want, "{w:?}");
        }
    }
}
