//! DATE mentions from rules: calendar dates, weekdays, months, years in date context, ISO
//! dates, and relative expressions ("last year", "earlier this month", "the next 24 hours").
//!
//! Rules run over [`words`](crate::resolve::words), one sentence at a time, trying every
//! pattern at each word and keeping the longest match (then moving past it), so the result is
//! sorted, non-overlapping and token-aligned. A leading preposition ("on Monday", "in 2011") is
//! not part of the span; a time-of-day modifier is ("late on Monday", "early December").
//! A four-digit number is a year only when it lies in 1900–2099 *and* its context is date-like
//! ("in 2011", "December 2024", "the 2016 election"), so "900 troops" and "1,000" never match.

use crate::ner::Mention;
use crate::resolve::words::{words, Word};
use crate::tokenize::Tokenized;
use crate::{Label, Span};

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
/// English month names, lowercase, January first.
pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const MONTH_ABBR: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];
const PARTS_OF_DAY: &[&str] = &["morning", "afternoon", "evening", "night"];
const UNITS: &[&str] = &[
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "hour",
    "hours",
    "weekend",
    "century",
    "centuries",
];
const PERIODS: &[&str] = &[
    "week",
    "month",
    "year",
    "weekend",
    "decade",
    "century",
    "summer",
    "winter",
    "spring",
    "autumn",
    "morning",
    "afternoon",
    "evening",
];
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "few", "several", "24",
    "48", "72",
];
/// Words before a bare year that make it a date ("in 2011", "since 2016").
const YEAR_CUES: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "during",
    "before",
    "after",
    "of",
    "through",
    "to",
    "between",
    "and",
    "early",
    "late",
    "mid",
    "around",
    "circa",
    "throughout",
    "spring",
    "summer",
    "autumn",
    "winter",
    "fall",
];
/// Nouns after "the YEAR" that make it a date ("the 2016 election").
const YEAR_NOUNS: &[&str] = &[
    "election",
    "elections",
    "vote",
    "war",
    "invasion",
    "uprising",
    "revolution",
    "coup",
    "budget",
    "census",
    "season",
    "olympics",
    "summit",
    "agreement",
    "accord",
    "deal",
    "protests",
    "earthquake",
    "attack",
    "attacks",
    "offensive",
    "campaign",
    "referendum",
    "ceasefire",
    "truce",
    "law",
    "decision",
    "report",
    "crisis",
    "floods",
];

/// DATE mentions, sorted and non-overlapping, token-aligned.
pub fn find_dates(text: &str, tok: &Tokenized) -> Vec<Mention> {
    find_dates_in_words(&words(text, tok))
}

/// [`find_dates`] over the document's word view already built (`words(text, tok)`).
pub fn find_dates_in_words(ws: &[Word]) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(w) = ws.get(i) {
        if !may_open_date(w) {
            i += 1;
            continue;
        }
        match longest_match(ws, i) {
            Some((a, b)) => {
                if let (Some(first), Some(last)) = (ws.get(a), ws.get(b.saturating_sub(1))) {
                    out.push(Mention {
                        span: Span::new(first.span.start, last.span.end),
                        label: Label::Date,
                        score: 1.0,
                    });
                }
                i = b.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// The lowercase words that can open a date, sorted: the modifiers and relative words that
/// the patterns of [`longest_match`] accept first, and the counts of [`NUMBER_WORDS`] (see
/// [`may_open_date`]; a test checks the list against those patterns' words).
const LOWERCASE_OPENERS: &[&str] = &[
    "a",
    "autumn",
    "coming",
    "earlier",
    "early",
    "eight",
    "eleven",
    "few",
    "fifteen",
    "fifty",
    "five",
    "forty",
    "four",
    "hundred",
    "last",
    "late",
    "later",
    "mid",
    "next",
    "nine",
    "one",
    "past",
    "seven",
    "several",
    "six",
    "spring",
    "summer",
    "ten",
    "the",
    "thirty",
    "this",
    "three",
    "today",
    "tomorrow",
    "tonight",
    "twelve",
    "twenty",
    "two",
    "winter",
    "yesterday",
];

/// Whether some pattern can match from this word: each opens with a digit, a capital (month,
/// weekday), "mid-", or one of [`LOWERCASE_OPENERS`]. Most words of a text are other
/// lowercase words, and this spares them the seven patterns.
fn may_open_date(w: &Word) -> bool {
    if !w.text.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    let t = w.text.as_bytes();
    if t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case(b"mid-")) {
        return true;
    }
    // The openers are ASCII and shorter than 16 bytes: compare as numbers, in lowercase.
    t.len() < 16 && OPENER_KEYS.binary_search(&word_key(t)).is_ok()
}

/// A word of up to 15 bytes as a number: its bytes lowercased, big-endian, padded with zeros,
/// then its length. Keys of lowercase words sort as the words do.
const fn word_key(t: &[u8]) -> u128 {
    let mut key = 0u128;
    let mut i = 0;
    while i < t.len() && i < 15 {
        key = (key << 8) | t[i].to_ascii_lowercase() as u128;
        i += 1;
    }
    // The zero padding: the bytes missing up to 15.
    key <<= 8 * (15 - i) as u32;
    (key << 8) | (t.len() & 0xFF) as u128
}

/// [`LOWERCASE_OPENERS`] as [`word_key`]s, in the same (sorted) order.
const OPENER_KEYS: [u128; LOWERCASE_OPENERS.len()] = {
    let mut keys = [0u128; LOWERCASE_OPENERS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = word_key(LOWERCASE_OPENERS[i].as_bytes());
        i += 1;
    }
    keys
};

/// The longest date starting at word `i`, as a word range `[a, b)` (a may be > i when a
/// matched preposition is dropped, never the other way).
fn longest_match(ws: &[Word], i: usize) -> Option<(usize, usize)> {
    let pats: [fn(&Cursor) -> Option<usize>; 7] = [
        modified_weekday,
        calendar,
        iso_or_slash,
        relative,
        span_of_units,
        year_phrase,
        weekday,
    ];
    let cur = Cursor { ws, start: i };
    let best = pats.iter().filter_map(|p| p(&cur)).max()?;
    Some((i, best))
}

/// A position in the word list with sentence-aware lookups.
struct Cursor<'a, 'b> {
    ws: &'b [Word<'a>],
    start: usize,
}

impl Cursor<'_, '_> {
    /// The word `k` after the start, if it is in the same sentence.
    fn at(&self, k: usize) -> Option<&Word<'_>> {
        let first = self.ws.get(self.start)?;
        self.ws
            .get(self.start + k)
            .filter(|w| w.sentence == first.sentence)
    }
    fn is(&self, k: usize, options: &[&str]) -> bool {
        self.at(k).is_some_and(|w| w.is_any(options))
    }
    fn before(&self) -> Option<&Word<'_>> {
        let first = self.ws.get(self.start)?;
        self.start
            .checked_sub(1)
            .and_then(|p| self.ws.get(p))
            .filter(|w| w.sentence == first.sentence)
    }
    /// End (exclusive, absolute) of a match that covers `k` words.
    fn end(&self, k: usize) -> usize {
        self.start + k
    }
}

fn is_weekday(w: &Word) -> bool {
    w.is_capitalized() && w.is_any(WEEKDAYS)
}

/// A month name; "May" and abbreviations only when capitalised.
fn is_month(w: &Word) -> bool {
    if !w.is_capitalized() {
        return false;
    }
    let t = w.text.trim_end_matches('.');
    MONTHS
        .iter()
        .chain(MONTH_ABBR)
        .any(|m| t.eq_ignore_ascii_case(m))
}

fn day_number(w: &Word) -> bool {
    // The day's digits open the word: anything else is rejected without allocating.
    if !w.text.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let t = w.text.to_ascii_lowercase();
    let digits = t
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    !digits.is_empty()
        && digits.len() <= 2
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
}

/// A plausible year: four digits, 1900–2099.
pub fn is_year(s: &str) -> bool {
    s.len() == 4
        && s.bytes().all(|b| b.is_ascii_digit())
        && s.parse::<u32>().is_ok_and(|y| (1900..=2099).contains(&y))
}

fn year_word(w: &Word) -> bool {
    is_year(w.text)
}

/// "Monday", "Monday night", "Monday, Dec. 9, 2024".
fn weekday(c: &Cursor) -> Option<usize> {
    let w = c.at(0)?;
    if !is_weekday(w) {
        return None;
    }
    if c.at(1).is_some_and(|w| w.text == ",") && c.at(2).is_some() {
        if let Some(end) = calendar(&Cursor {
            ws: c.ws,
            start: c.end(2),
        }) {
            return Some(end);
        }
    }
    if c.is(1, PARTS_OF_DAY) {
        return Some(c.end(2));
    }
    Some(c.end(1))
}

/// "late on Monday", "early Tuesday", "last Friday", "next Monday", "this Sunday".
fn modified_weekday(c: &Cursor) -> Option<usize> {
    let first = c.at(0)?;
    if !first.is_any(&["late", "early", "last", "next", "this", "earlier", "later"]) {
        return None;
    }
    let k = if first.is_any(&["late", "early", "earlier", "later"]) && c.is(1, &["on"]) {
        2
    } else {
        1
    };
    let w = c.at(k)?;
    if !is_weekday(w) {
        return None;
    }
    Some(if c.is(k + 1, PARTS_OF_DAY) {
        c.end(k + 2)
    } else {
        c.end(k + 1)
    })
}

/// "Dec 10, 2024", "December 10", "10 December 2024", "December 2024", "early December",
/// "mid-December", "the 10th of December".
fn calendar(c: &Cursor) -> Option<usize> {
    // "mid-December" / "mid-2024" is one word.
    if let Some(rest) = c.at(0).and_then(|w| {
        w.text
            .get(..4)
            .filter(|p| p.eq_ignore_ascii_case("mid-"))
            .and_then(|_| w.text.get(4..))
    }) {
        return (MONTHS.iter().any(|m| rest.eq_ignore_ascii_case(m)) || is_year(rest))
            .then(|| c.end(1));
    }
    let modified = c.is(0, &["early", "late", "mid"]);
    let k = usize::from(modified);
    let w = c.at(k)?;
    if is_month(w) {
        // Month [day][,] [year]
        if c.at(k + 1).is_some_and(day_number) {
            let after_day = if c.at(k + 2).is_some_and(|w| w.text == ",") {
                k + 3
            } else {
                k + 2
            };
            if c.at(after_day).is_some_and(year_word) {
                return Some(c.end(after_day + 1));
            }
            return Some(c.end(k + 2));
        }
        let after = if c.is(k + 1, &["of"]) { k + 2 } else { k + 1 };
        if c.at(after).is_some_and(year_word) {
            return Some(c.end(after + 1));
        }
        // A bare month: "May" needs support, other months stand alone.
        if w.is("may")
            && !modified
            && !c.before().is_some_and(|b| {
                b.is_any(&[
                    "in", "since", "until", "last", "next", "early", "late", "of", "from", "by",
                ])
            })
        {
            return None;
        }
        return Some(c.end(k + 1));
    }
    if modified {
        // "early 2024", "late 2011"
        if c.at(k).is_some_and(year_word) {
            return Some(c.end(k + 1));
        }
        return None;
    }
    // Day Month [Year]; "the 10th of December".
    if day_number(w) {
        let m = if c.is(1, &["of"]) { 2 } else { 1 };
        if c.at(m).is_some_and(is_month) {
            if c.at(m + 1).is_some_and(year_word) {
                return Some(c.end(m + 2));
            }
            if c.at(m + 1).is_some_and(|w| w.text == ",") && c.at(m + 2).is_some_and(year_word) {
                return Some(c.end(m + 3));
            }
            return Some(c.end(m + 1));
        }
    }
    None
}

/// "2024-12-10", "10/12/2024".
fn iso_or_slash(c: &Cursor) -> Option<usize> {
    let t = c.at(0)?.text;
    // Both shapes open with a digit.
    if !t.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let dash: Vec<&str> = t.split('-').collect();
    let iso = dash.len() == 3
        && dash.first().is_some_and(|y| is_year(y))
        && dash
            .iter()
            .skip(1)
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    let slash: Vec<&str> = t.split('/').collect();
    let slashed = slash.len() == 3
        && slash.last().is_some_and(|y| is_year(y))
        && slash
            .iter()
            .take(2)
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    (iso || slashed).then(|| c.end(1))
}

/// "yesterday", "last year", "earlier this month", "this week", "the 1990s".
fn relative(c: &Cursor) -> Option<usize> {
    let w = c.at(0)?;
    if w.is_any(&["yesterday", "today", "tomorrow", "tonight"]) {
        return Some(c.end(1));
    }
    // "earlier this month", "later this year", "early next week"
    let k =
        if w.is_any(&["earlier", "later", "early", "late"]) && c.is(1, &["this", "next", "last"]) {
            1
        } else {
            0
        };
    if c.is(k, &["last", "next", "this", "past", "coming"]) && c.is(k + 1, PERIODS) {
        // "this morning" is fine; "this week's" leaves the 's out naturally.
        return Some(c.end(k + 2));
    }
    // Decades: "the 1990s", "1990s".
    let t = w.text;
    if let Some(y) = t.strip_suffix('s') {
        if is_year(y) && y.ends_with('0') {
            return Some(c.end(1));
        }
    }
    None
}

/// "the next 24 hours", "the past two weeks", "two weeks ago", "13 years ago".
fn span_of_units(c: &Cursor) -> Option<usize> {
    let w = c.at(0)?;
    if w.is("the") && c.is(1, &["next", "past", "last", "coming"]) {
        let n = if c.at(2).is_some_and(is_count) { 3 } else { 2 };
        if c.is(n, UNITS) {
            return Some(c.end(n + 1));
        }
        return None;
    }
    // Both remaining shapes end in "ago": checked first, it spares the other tests at most words.
    if !c.is(2, &["ago"]) {
        return None;
    }
    if is_count(w) && c.is(1, UNITS) {
        return Some(c.end(3));
    }
    if w.is("a") && c.is(1, &["day", "week", "month", "year", "decade"]) {
        return Some(c.end(3));
    }
    None
}

fn is_count(w: &Word) -> bool {
    w.is_any(NUMBER_WORDS)
        || (w.text.len() <= 3 && !w.text.is_empty() && w.text.bytes().all(|b| b.is_ascii_digit()))
}

/// A bare year in date context: "in 2011", "since 2016", "2016's", "the 2016 election",
/// "summer 2024".
fn year_phrase(c: &Cursor) -> Option<usize> {
    let w = c.at(0)?;
    if w.is_any(&["spring", "summer", "autumn", "winter"]) {
        let k = if c.is(1, &["of"]) { 2 } else { 1 };
        return c.at(k).is_some_and(year_word).then(|| c.end(k + 1));
    }
    if !year_word(w) {
        return None;
    }
    let cue_before = c.before().is_some_and(|b| b.is_any(YEAR_CUES));
    let the_before = c.before().is_some_and(|b| b.is("the"));
    let noun_after = c.is(1, YEAR_NOUNS);
    let possessive_after = c.at(1).is_some_and(|n| n.text == "'s" || n.text == "’s");
    let closes = c.at(1).is_none_or(|n| n.is_punct() && n.text != "%")
        && c.before().is_none_or(|b| b.text != "$");
    // "of 2024 votes": a year is not followed by a counted plural noun.
    let counted = c.at(1).is_some_and(|n| {
        n.text.len() > 3
            && n.text.chars().all(|ch| ch.is_ascii_lowercase())
            && n.text.ends_with('s')
            && !n.is_any(&[
                "was", "has", "this", "its", "his", "towards", "across", "unless", "becomes",
                "remains",
            ])
            && !n.is_any(YEAR_NOUNS)
    });
    if counted {
        return None;
    }
    let date_like =
        cue_before || (the_before && noun_after) || possessive_after || (closes && !the_before);
    date_like.then(|| c.end(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::whitespace_tokens as tok;

    #[test]
    fn lowercase_openers_are_sorted_and_cover_the_patterns_first_words() {
        assert!(LOWERCASE_OPENERS.windows(2).all(|p| p[0] < p[1]));
        assert!(OPENER_KEYS.windows(2).all(|p| p[0] < p[1]));
        assert!(LOWERCASE_OPENERS
            .iter()
            .all(|o| o.len() < 16 && o.bytes().all(|b| b.is_ascii_lowercase())));
        let firsts = [
            "late",
            "early",
            "last",
            "next",
            "this",
            "earlier",
            "later",
            "mid",
            "yesterday",
            "today",
            "tomorrow",
            "tonight",
            "past",
            "coming",
            "the",
            "a",
            "spring",
            "summer",
            "autumn",
            "winter",
        ];
        let counts = NUMBER_WORDS
            .iter()
            .filter(|w| w.bytes().all(|b| b.is_ascii_lowercase()));
        for w in firsts.iter().chain(counts) {
            assert!(LOWERCASE_OPENERS.binary_search(w).is_ok(), "{w}");
        }
    }

    #[test]
    fn bare_numbers_are_not_years() {
        for text in [
            "The US has 900 troops there.",
            "About 1,000 people fled.",
            "It cost $2024 in total.",
            "Room 2016 is empty",
        ] {
            assert!(find_dates(text, &tok(text)).is_empty(), "{text}");
        }
    }
}
