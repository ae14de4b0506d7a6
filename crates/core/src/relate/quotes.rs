//! Quotes and their speakers.
//!
//! Quote marks: curly “…”, low „…“, guillemets «…» and straight "…" (a straight mark opens
//! after a space or at a paragraph start and closes after a non-space). A quote may run over
//! several paragraphs the newsroom way: an open quote whose paragraph ends without a close
//! continues if the next paragraph opens with a quote mark. The quote's span INCLUDES its
//! quote marks (from the first opening mark to the last closing mark).
//!
//! Speakers, first rule that applies:
//! 1. after the quote: `,” X said`, `,” said X`, `,” X told Reuters`, `,” he said`;
//! 2. before it, in its sentence: `X said: “…”`, `X said the fall was a “…”`, `X told
//!    reporters that “…”`;
//! 3. `according to X` in a sentence the quote touches;
//! 4. a quote that makes up a whole paragraph right after a paragraph ending in a quote with a
//!    named speaker continues that speaker (the wire convention: a new speaker is introduced).
//!
//! "he"/"she" resolve to the last person seen as a subject or speaker; a speaker named by a
//! common noun ("an official said", "the source said") is `None`, never a guess.

use super::context::{Ctx, WINDOW};
use super::Quote;
use crate::resolve::names::{is_title_word, HONORIFICS};
use crate::{Label, Span};

const SPEECH: &[&str] = &[
    "vowed",
    "pledged",
    "promised",
    "threatened",
    "predicted",
    "confirmed",
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "wrote",
    "writes",
    "posted",
    "declared",
    "insisted",
    "warned",
    "noted",
    "explained",
    "argued",
    "asked",
    "replied",
    "announced",
    "continued",
    "stressed",
    "recalled",
    "tweeted",
    "remarked",
    "acknowledged",
    "admitted",
    "claimed",
    "conceded",
    "cautioned",
];

/// Quote segments as byte spans including their marks.
///
/// Only `"`, a line break and the lead bytes of the curly marks and guillemets (0xC2 for « »,
/// 0xE2 for “ ” „) can change anything, so the scan jumps from one of those bytes to the next
/// and reads the character before it only where a straight mark needs it.
pub fn find_quotes(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut i = 0;
    while let Some(skip) = bytes.get(i..).and_then(|b| {
        b.iter()
            .position(|&b| matches!(b, b'"' | b'\n' | 0xC2 | 0xE2))
    }) {
        i += skip;
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        let prev = text.get(..i).and_then(|t| t.chars().next_back());
        let opens = is_opening_mark(c)
            || (c == '"' && prev.is_none_or(|p| p.is_whitespace() || "([—–-".contains(p)));
        // "„…“" closes with “; so does a straight mark after a non-space.
        let closes = matches!(c, '”' | '»')
            || (matches!(c, '"' | '“')
                && open.is_some()
                && prev.is_some_and(|p| !p.is_whitespace()));
        if c == '\n' {
            if let Some(start) = open {
                // Skip the blank lines; does the next paragraph open with a quote mark?
                let rest = text.get(i..).unwrap_or("");
                let n = i + (rest.len() - rest.trim_start().len());
                if let Some(m) = text
                    .get(n..)
                    .and_then(|t| t.chars().next())
                    .filter(|&m| is_opening_mark(m) || m == '"')
                {
                    i = n + m.len_utf8();
                    continue;
                }
                // Unclosed: the quote ends with its paragraph.
                let end = text.get(..i).map_or(i, |t| t.trim_end().len());
                if end > start + 1 {
                    out.push(Span::new(start, end));
                }
                open = None;
            }
        } else {
            match open {
                Some(start) if closes => {
                    out.push(Span::new(start, i + c.len_utf8()));
                    open = None;
                }
                Some(_) | None if opens => open = Some(i),
                _ => {}
            }
        }
        i += c.len_utf8();
    }
    finish_quotes(text, open, out)
}

/// The end of a scan: a quote still open runs to the end of the text, and quotes without a
/// letter or digit are dropped.
fn finish_quotes(text: &str, open: Option<usize>, mut out: Vec<Span>) -> Vec<Span> {
    if let Some(start) = open {
        let end = text.trim_end().len();
        if end > start + 1 {
            out.push(Span::new(start, end));
        }
    }
    out.retain(|s| s.text(text).chars().any(char::is_alphanumeric));
    out
}

/// A mark that only opens a quote (a straight `"` opens or closes by its neighbours).
fn is_opening_mark(c: char) -> bool {
    matches!(c, '“' | '„' | '«')
}

/// Quotes with speakers.
pub fn extract(ctx: &Ctx) -> Vec<Quote> {
    let spans = find_quotes(ctx.text);
    let mut out: Vec<Quote> = Vec::new();
    for span in spans {
        let first_in = ctx.words.partition_point(|w| w.span.start < span.start);
        let after = ctx.words.partition_point(|w| w.span.start < span.end);
        // A nickname quoted inside a name (Joaquin "El Chapo" Guzman) is not a quotation.
        let inside = ctx.mention_covering(first_in);
        if inside.is_some() && inside == after.checked_sub(1).and_then(|l| ctx.mention_covering(l))
        {
            continue;
        }
        let speaker = after_quote(ctx, after, span)
            .or_else(|| before_quote(ctx, first_in))
            .or_else(|| according_to(ctx, first_in, after))
            .or_else(|| continued(ctx, span, &out));
        let speaker = speaker
            .and_then(|s| s.and_then(|mi| ctx.mentions.get(mi)).map(|m| m.entity))
            .filter(|&e| e != usize::MAX);
        out.push(Quote { span, speaker });
    }
    out
}

/// `Some(Some(mention))` for a speaker, `Some(None)` when the text names one by a common noun
/// (stop looking, never guess), `None` when this rule does not apply.
type Found = Option<Option<usize>>;

fn is_speech(w: &crate::resolve::words::Word) -> bool {
    w.is_any(SPEECH)
}

fn speaker_label_ok(ctx: &Ctx, mi: usize) -> bool {
    matches!(
        ctx.mentions.get(mi).map(|m| m.label),
        Some(Label::Per | Label::Org | Label::Loc)
    )
}

/// Rule 1: `,” X said` / `,” said X` / `,” he said`.
fn after_quote(ctx: &Ctx, mut i: usize, span: Span) -> Found {
    // Attribution must follow within the paragraph.
    let gap = ctx.text.get(span.end..ctx.word(i)?.span.start)?;
    if gap.contains('\n') {
        return None;
    }
    while ctx
        .word(i)
        .is_some_and(|w| matches!(w.text, "," | "”" | "\"" | "—" | "–"))
    {
        i += 1;
    }
    let w = ctx.word(i)?;
    if is_speech(w) {
        return Some(np_after(ctx, i + 1));
    }
    // "X said", "X, a spokesman, said", "he said", "the official said"
    for k in i..i + 8 {
        let wk = ctx.word(k)?;
        if is_speech(wk) {
            return Some(subject_np(ctx, i, k));
        }
        if matches!(wk.text, "." | ";" | "“" | "\"") {
            return None;
        }
    }
    None
}

/// The noun phrase after a speech verb: a name (past titles and owners), a pronoun, or a
/// common noun (→ unknown).
fn np_after(ctx: &Ctx, mut i: usize) -> Option<usize> {
    let start = i;
    while let Some(w) = ctx.word(i) {
        if let Some(mi) = ctx.mention_starting(i) {
            let m = ctx.mentions.get(mi)?;
            let possessive = ctx
                .word(m.words.end)
                .is_some_and(|w| w.text == "'s" || w.text == "’s");
            if ctx.rel_label(mi) == Label::Per
                || (!possessive
                    && m.label != Label::Misc
                    && speaker_label_ok(ctx, mi)
                    && i == start)
            {
                return Some(mi).filter(|&mi| speaker_label_ok(ctx, mi));
            }
            i = m.words.end + usize::from(possessive);
            continue;
        }
        if w.is_any(&["he", "she"]) {
            return pronoun(ctx, i);
        }
        let lower = w.lower();
        let skippable =
            HONORIFICS.contains(&&*lower) || is_title_word(&lower) || w.is_any(&["'s", "’s"]);
        if !skippable || i - start > 8 {
            return None;
        }
        i += 1;
    }
    None
}

/// The subject between `from` and the speech verb at `verb`: a name, possibly followed by an
/// appositive; a pronoun; else unknown.
fn subject_np(ctx: &Ctx, from: usize, verb: usize) -> Option<usize> {
    // A pronoun right before the verb.
    if let Some(w) = verb.checked_sub(1).and_then(|p| ctx.word(p)) {
        if w.is_any(&["he", "she"]) {
            return pronoun(ctx, verb - 1);
        }
    }
    // The first name in the span, if what follows it up to the verb is an appositive, a date
    // or an adverb; names inside the appositive are owners, not speakers.
    let first = (from..verb).find_map(|k| {
        ctx.mention_starting(k)
            .filter(|&mi| ctx.labels.get(mi) != Some(&Label::Date))
    })?;
    let m = ctx.mentions.get(first)?;
    // "National Rally leader Marine Le Pen told": an owner and a title before the person.
    if ctx.labels.get(first) != Some(&Label::Per) {
        let mut k = m.words.end;
        while k < verb {
            if let Some(mi) = ctx.mention_starting(k) {
                if ctx.labels.get(mi) == Some(&Label::Per) {
                    return Some(mi);
                }
                k = ctx.mentions.get(mi).map_or(k + 1, |x| x.words.end);
                continue;
            }
            let titleish = ctx
                .word(k)
                .is_some_and(|w| is_title_word(&w.lower()) || w.text == "'s" || w.text == "’s");
            if !titleish {
                break;
            }
            k += 1;
        }
    }
    let lead: Vec<_> = (from..m.words.start).filter_map(|k| ctx.word(k)).collect();
    // "the official", "a senior Iranian official": a common-noun speaker.
    if lead.iter().any(|w| w.is_any(&["the", "a", "an"])) && ctx.rel_label(first) != Label::Per {
        return None;
    }
    speaker_label_ok(ctx, first).then_some(first)
}

/// Rule 2: the subject of the last speech verb before the quote in its sentence.
fn before_quote(ctx: &Ctx, first_in: usize) -> Found {
    // `first_in` is the opening mark's word.
    let open = first_in;
    let sentence = ctx.word(first_in)?.sentence;
    let start = ctx
        .sentence_words(sentence)
        .start
        .max(open.saturating_sub(WINDOW));
    let verb = (start..open).rev().find(|&k| {
        ctx.mention_covering(k).is_none()
            && ctx.word(k).is_some_and(|w| {
                is_speech(w)
                    || w.is("urged")
                    || (w.is("called") && ctx.word(k + 1).is_some_and(|n| n.is_any(&["on", "for"])))
            })
    })?;
    // "said Mr X: “…”": the name must run up to the quote.
    if let Some(mi) = np_after(ctx, verb + 1) {
        let end = ctx.mentions.get(mi).map_or(usize::MAX, |m| m.words.end);
        if end == open
            || (end + 1 == open && ctx.word(end).is_some_and(|w| matches!(w.text, ":" | ",")))
        {
            return Some(Some(mi));
        }
    }
    // Walk back from the verb: skip dates, adverbs, an appositive between commas.
    let mut k = verb;
    let mut hops = 0;
    while k > start && hops < 16 {
        k -= 1;
        hops += 1;
        let w = ctx.word(k)?;
        if w.is_any(&["he", "she"]) {
            return Some(pronoun(ctx, k));
        }
        if w.text == "," {
            // ", Minister of State at X's ministry, said" / "Its spokesman, X, said": the
            // name before the opening comma, else a name filling the commas, else go on
            // from the opening comma.
            let Some(back) = (start..k)
                .rev()
                .find(|&j| ctx.word(j).is_some_and(|w| w.text == ","))
            else {
                continue;
            };
            let head = ctx.mention_ending(back);
            let inner = ctx
                .mention_ending(k)
                .filter(|&mi| ctx.mentions.get(mi).is_some_and(|m| m.words.start > back));
            let pick = [head, inner]
                .into_iter()
                .flatten()
                .find(|&mi| ctx.labels.get(mi) == Some(&Label::Per))
                .or(head.filter(|&mi| speaker_label_ok(ctx, mi)));
            if let Some(mi) = pick {
                return Some(Some(mi));
            }
            k = back;
            continue;
        }
        if let Some(mi) = ctx.mention_covering(k) {
            if ctx.labels.get(mi) == Some(&Label::Date) {
                k = ctx.mentions.get(mi).map_or(k, |m| m.words.start);
                continue;
            }
            let possessive = ctx
                .word(k + 1)
                .is_some_and(|w| w.text == "'s" || w.text == "’s");
            if possessive {
                return Some(None);
            }
            return Some(Some(mi).filter(|&mi| speaker_label_ok(ctx, mi)));
        }
        if w.is_any(&[
            "official",
            "officials",
            "source",
            "sources",
            "spokesman",
            "spokeswoman",
            "diplomat",
            "statement",
            "analyst",
            "analysts",
            "people",
            "witnesses",
            "residents",
        ]) {
            return Some(None);
        }
    }
    None
}

/// Rule 3: "according to X" in a sentence the quote touches.
fn according_to(ctx: &Ctx, first_in: usize, after: usize) -> Found {
    let s0 = ctx.word(first_in)?.sentence;
    let s1 = ctx.word(after.saturating_sub(1)).map_or(s0, |w| w.sentence);
    for s in s0..=s1 {
        let r = ctx.sentence_words(s);
        for k in r.clone() {
            if ctx.word(k).is_some_and(|w| w.is("according"))
                && ctx.word(k + 1).is_some_and(|w| w.is("to"))
            {
                return Some(np_after(ctx, k + 2));
            }
        }
    }
    None
}

/// Rule 4: a whole-paragraph quote continues the previous paragraph's named speaker.
fn continued(ctx: &Ctx, span: Span, before: &[Quote]) -> Found {
    let prev = before.last()?;
    let between = ctx.text.get(prev.span.end..span.start)?;
    let para_start = ctx.text.get(..span.start)?.rfind('\n').map_or(0, |p| p + 1);
    let opens_paragraph = ctx.text.get(para_start..span.start)?.trim().is_empty();
    // Either the quote opens a paragraph and runs to its end, right after the paragraph of
    // the previous quote, or it opens a sentence right after the previous quote's short
    // attribution ("…,” said Mr X. “…”).
    let whole_paragraph = opens_paragraph && {
        let para_end = ctx
            .text
            .get(span.end..)?
            .find('\n')
            .map_or(ctx.text.len(), |p| span.end + p);
        ctx.text.get(span.end..para_end)?.trim().is_empty() && between.matches('\n').count() <= 2
    };
    let same_paragraph = !between.contains('\n') && between.trim_end().ends_with(['.', '!', '?']);
    if !(whole_paragraph || same_paragraph) || between.split_whitespace().count() > 12 {
        return None;
    }
    let entity = prev.speaker?;
    let at = ctx.words.partition_point(|w| w.span.start < span.start);
    let mi = ctx
        .mentions_within(at, 400)
        .find(|&mi| ctx.mentions.get(mi).is_some_and(|m| m.entity == entity))?;
    Some(Some(mi))
}

/// "he"/"she" at word `i`: the last person mention seen as a subject or speaker before it.
fn pronoun(ctx: &Ctx, i: usize) -> Option<usize> {
    let persons = || {
        ctx.mentions_within(i, 150)
            .filter(|&mi| ctx.mentions.get(mi).is_some_and(|m| m.label == Label::Per))
    };
    // "…,” he added": a pronoun beside a speech verb continues the last quoted speaker,
    // even if another person was named in between ("Hemedti, he added, was ...").
    let speaking = ctx.word(i + 1).is_some_and(is_speech)
        || i.checked_sub(1)
            .and_then(|p| ctx.word(p))
            .is_some_and(is_speech);
    if speaking {
        let here = ctx.word(i).map_or(0, |w| w.span.start);
        let same_paragraph = |mi: usize| {
            let from = ctx
                .mentions
                .get(mi)
                .and_then(|m| ctx.word(m.words.start))
                .map_or(0, |w| w.span.start);
            ctx.text
                .get(from..here)
                .is_some_and(|between| !between.contains('\n'))
        };
        if let Some(mi) = persons().find(|&mi| quoted_speaker(ctx, mi) && same_paragraph(mi)) {
            return Some(mi);
        }
    }
    persons().find(|&mi| {
        let Some(m) = ctx.mentions.get(mi) else {
            return false;
        };
        let next_speech = ctx.word(m.words.end).is_some_and(is_speech)
            || (ctx.word(m.words.end).is_some_and(|w| w.text == ",")
                && ctx.word(m.words.end + 1).is_some_and(is_speech));
        ctx.opens_clause(mi)
            || next_speech
            || quoted_speaker(ctx, mi)
            || ctx.antecedent(i) == Some(mi)
    })
}

/// Whether a person mention names the speaker of a quote just closed: ",” said Mr X" or
/// "…,” RSF adviser X told AFP".
fn quoted_speaker(ctx: &Ctx, mi: usize) -> bool {
    let Some(m) = ctx.mentions.get(mi) else {
        return false;
    };
    let closing = |w: &crate::resolve::words::Word| matches!(w.text, "”" | "\"" | "’");
    // ",” said Mr X"
    let mut p = m.words.start;
    while p > 0
        && ctx
            .word(p - 1)
            .is_some_and(|w| HONORIFICS.contains(&w.text.to_lowercase().as_str()))
    {
        p -= 1;
    }
    if p > 1
        && ctx.word(p - 1).is_some_and(is_speech)
        && ctx.word(p - 2).is_some_and(|w| w.text == "," || closing(w))
    {
        return true;
    }
    // "…,” RSF adviser X told": owner and title words back to a closing mark, a verb after.
    if !ctx.word(m.words.end).is_some_and(is_speech) {
        return false;
    }
    let mut k = m.words.start;
    for _ in 0..8 {
        let Some(w) = k.checked_sub(1).and_then(|q| ctx.word(q)) else {
            return false;
        };
        if closing(w) {
            return true;
        }
        let l = w.lower();
        let titleish = is_title_word(&l)
            || HONORIFICS.contains(&&*l)
            || ctx.mention_covering(k - 1).is_some()
            || matches!(w.text, "," | "'s" | "’s");
        if !titleish {
            return false;
        }
        k -= 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The scan [`find_quotes`] replaced: one step per character, kept as its oracle.
    fn find_quotes_by_chars(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut open: Option<usize> = None;
        let mut k = 0;
        while let Some(&(i, c)) = chars.get(k) {
            let prev = k.checked_sub(1).and_then(|p| chars.get(p)).map(|p| p.1);
            let opens = matches!(c, '“' | '„' | '«')
                || (c == '"' && prev.is_none_or(|p| p.is_whitespace() || "([—–-".contains(p)));
            // "„…“" closes with “; so does a straight mark after a non-space.
            let closes = matches!(c, '”' | '»')
                || (matches!(c, '"' | '“')
                    && open.is_some()
                    && prev.is_some_and(|p| !p.is_whitespace()));
            if c == '\n' {
                if let Some(start) = open {
                    // Skip the blank lines; does the next paragraph open with a quote mark?
                    let mut n = k;
                    while chars.get(n).is_some_and(|p| p.1.is_whitespace()) {
                        n += 1;
                    }
                    let continues = chars
                        .get(n)
                        .is_some_and(|p| matches!(p.1, '“' | '„' | '«' | '"'));
                    if continues {
                        k = n + 1;
                        continue;
                    }
                    // Unclosed: the quote ends with its paragraph.
                    let end = text.get(..i).map_or(i, |t| t.trim_end().len());
                    if end > start + 1 {
                        out.push(Span::new(start, end));
                    }
                    open = None;
                }
                k += 1;
                continue;
            }
            match open {
                Some(start) if closes => {
                    out.push(Span::new(start, i + c.len_utf8()));
                    open = None;
                }
                Some(_) if opens => open = Some(i),
                None if opens => open = Some(i),
                _ => {}
            }
            k += 1;
        }
        finish_quotes(text, open, out)
    }

    proptest! {
        /// Text made of quote marks, spaces, line breaks, brackets, dashes and letters (ASCII
        /// and not) finds exactly the quotes the one-character-at-a-time scan found.
        #[test]
        fn byte_scan_finds_what_the_char_scan_found(
            parts in proptest::collection::vec(prop_oneof![
                Just("\""), Just("“"), Just("”"), Just("„"), Just("«"), Just("»"), Just(" "), Just("\n"),
                Just("\n\n"), Just("("), Just("—"), Just("-"), Just("\u{a0}"), Just("word"), Just("é"), Just("said"),
            ], 0..40)
        ) {
            let text: String = parts.concat();
            prop_assert_eq!(find_quotes(&text), find_quotes_by_chars(&text));
        }
    }

    #[test]
    fn quotes_across_paragraphs_and_unclosed() {
        let text = "He said \"we will stay.\n\n\"We will not leave,\" he added. «Non» and “open\nNext line.";
        let got: Vec<&str> = find_quotes(text).iter().map(|s| s.text(text)).collect();
        assert_eq!(
            got,
            [
                "\"we will stay.\n\n\"We will not leave,\"",
                "«Non»",
                "“open"
            ]
        );
    }
}
