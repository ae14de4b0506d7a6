//! Tokenizer and sentence splitter: tables of text → expected tokens / sentences, plus
//! property tests on arbitrary strings.

use gloss_core::tokenize::{sentence_spans, tokenize, Tokenized};
use gloss_core::Span;
use proptest::prelude::*;

fn one_paragraph(text: &str) -> Tokenized {
    tokenize(text, &[Span::new(0, text.len())])
}

fn tokens(text: &str) -> Vec<&str> {
    one_paragraph(text)
        .tokens
        .iter()
        .map(|t| t.span.text(text))
        .collect()
}

fn sentences<'a>(text: &'a str, paragraphs: &[Span]) -> Vec<&'a str> {
    let t = tokenize(text, paragraphs);
    t.sentences.iter().map(|s| s.span.text(text)).collect()
}

#[test]
fn tokens_table() {
    let table: &[(&str, &[&str])] = &[
        ("Syria's rebels", &["Syria", "'s", "rebels"]),
        ("Syria’s rebels", &["Syria", "’s", "rebels"]),
        ("the rebels' gains", &["the", "rebels", "'", "gains"]),
        ("They don't know", &["They", "do", "n't", "know"]),
        ("It can’t be", &["It", "ca", "n’t", "be"]),
        (
            "we're here, I'm told",
            &["we", "'re", "here", ",", "I", "'m", "told"],
        ),
        (
            "O'Brien and O'Neill's aide",
            &["O'Brien", "and", "O'Neill", "'s", "aide"],
        ),
        ("Bashar al-Assad", &["Bashar", "al-Assad"]),
        (
            "Al-Assad's U.S.-backed foes",
            &["Al-Assad", "'s", "U.S.-backed", "foes"],
        ),
        (
            "keycap 1\u{fe0f}\u{20e3} here",
            &["keycap", "1\u{fe0f}\u{20e3}", "here"],
        ),
        (
            "the north-east of Syria.",
            &["the", "north-east", "of", "Syria", "."],
        ),
        ("a 13-year-old boy", &["a", "13-year-old", "boy"]),
        (
            "the U.S. and the U.K.",
            &["the", "U.S.", "and", "the", "U.K."],
        ),
        (
            "Mr. Smith met Dr. Jones",
            &["Mr.", "Smith", "met", "Dr.", "Jones"],
        ),
        ("on Jan. 5, 2024", &["on", "Jan.", "5", ",", "2024"]),
        (
            "e.g. this, i.e. that",
            &["e.g.", "this", ",", "i.e.", "that"],
        ),
        (
            "1,000 troops and 3.7 million",
            &["1,000", "troops", "and", "3.7", "million"],
        ),
        ("at 6:00am - 10:00am", &["at", "6:00am", "-", "10:00am"]),
        (
            "$5.5 billion (20%)",
            &["$", "5.5", "billion", "(", "20", "%", ")"],
        ),
        (
            "“We will go,” he said.",
            &["“", "We", "will", "go", ",", "”", "he", "said", "."],
        ),
        // An opening curly quote is its own token after a space, a newline or a dash too.
        (
            "said: “Talks resumed.\n“Sanctions stay” —“Ceasefire",
            &[
                "said",
                ":",
                "“",
                "Talks",
                "resumed",
                ".",
                "“",
                "Sanctions",
                "stay",
                "”",
                "—",
                "“",
                "Ceasefire",
            ],
        ),
        (
            "‘Operation Dawn’ began",
            &["‘", "Operation", "Dawn", "’", "began"],
        ),
        (
            "\"Hello,\" she said",
            &["\"", "Hello", ",", "\"", "she", "said"],
        ),
        ("Wait... what?!", &["Wait", "...", "what", "?!"]),
        ("Wait… what", &["Wait", "…", "what"]),
        (
            "war -- and peace—again",
            &["war", "--", "and", "peace", "—", "again"],
        ),
        (
            "see https://example.com/a/b?c=1.",
            &["see", "https://example.com/a/b?c=1", "."],
        ),
        ("(www.example.org)", &["(", "www.example.org", ")"]),
        (
            "mail press@example.com now",
            &["mail", "press@example.com", "now"],
        ),
        (
            "J. Smith and John F. Kennedy",
            &["J.", "Smith", "and", "John", "F.", "Kennedy"],
        ),
        ("No. 10 Downing St.", &["No.", "10", "Downing", "St."]),
        ("said no.", &["said", "no", "."]),
        ("Acme Inc. shares", &["Acme", "Inc.", "shares"]),
        ("OMAR HAJ/AFP", &["OMAR", "HAJ/AFP"]),
        ("AT&T and S&P", &["AT&T", "and", "S&P"]),
        (
            "great 👍🏽 news 👨‍👩‍👧 here",
            &["great", "👍🏽", "news", "👨‍👩‍👧", "here"],
        ),
        ("flags 🇶🇦🇸🇾", &["flags", "🇶🇦", "🇸🇾"]),
        (
            "قال المتحدث باسم الوزارة.",
            &["قال", "المتحدث", "باسم", "الوزارة", "."],
        ),
        ("مُحَمَّد وصل", &["مُحَمَّد", "وصل"]),
        ("שלום, עולם", &["שלום", ",", "עולם"]),
        ("cafe\u{301} crème", &["cafe\u{301}", "crème"]),
        ("soft\u{AD}ware \u{200B} x", &["soft", "ware", "x"]),
        ("tab\tand\u{a0}nbsp", &["tab", "and", "nbsp"]),
        ("end.The next", &["end", ".", "The", "next"]),
        // CoNLL-2003 conventions for results tables and wire datelines.
        (
            "1. Jan Kowalski (Poland) 10.94",
            &["1.", "Jan", "Kowalski", "(", "Poland", ")", "10.94"],
        ),
        ("won in 10.94.", &["won", "in", "10.94", "."]),
        (
            "batting .462 and +0.435 or -3",
            &["batting", ".462", "and", "+0.435", "or", "-3"],
        ),
        (
            "rose to C$ 1.5 from US$2",
            &["rose", "to", "C$", "1.5", "from", "US$", "2"],
        ),
        ("shares of Acme Co.", &["shares", "of", "Acme", "Co", "."]),
        (
            "TAMPA, Fla. officials",
            &["TAMPA", ",", "Fla.", "officials"],
        ),
        ("visit example.com.", &["visit", "example.com", "."]),
        ("", &[]),
        ("   ", &[]),
    ];
    for (text, want) in table {
        assert_eq!(tokens(text), *want, "tokens of {text:?}");
    }
}

#[test]
fn sentences_table() {
    let table: &[(&str, &[&str])] = &[
        ("He left. She stayed.", &["He left.", "She stayed."]),
        (
            "Mr. Smith went to Washington. He met Gen. Lee there.",
            &["Mr. Smith went to Washington.", "He met Gen. Lee there."],
        ),
        (
            "J. Smith spoke. Then he left.",
            &["J. Smith spoke.", "Then he left."],
        ),
        (
            "He lives in the U.S. The move was sudden.",
            &["He lives in the U.S.", "The move was sudden."],
        ),
        (
            "The U.S. Treasury said so.",
            &["The U.S. Treasury said so."],
        ),
        (
            "“We agree,” he said. “We will go.” Then silence.",
            &["“We agree,” he said.", "“We will go.”", "Then silence."],
        ),
        ("\"Stop.\" It stopped.", &["\"Stop.\"", "It stopped."]),
        ("Why? Because. ok", &["Why?", "Because. ok"]),
        (
            "There is ... the risk. There is… More.",
            &["There is ... the risk.", "There is…", "More."],
        ),
        (
            "Prices rose 3.7 percent in Jan. 2024 to No. 5.",
            &["Prices rose 3.7 percent in Jan. 2024 to No. 5."],
        ),
        (
            "It was 5 p.m. when they came.",
            &["It was 5 p.m. when they came."],
        ),
        (
            "Acme Corp. The firm said.",
            &["Acme Corp.", "The firm said."],
        ),
        (
            "He said (quietly.) Then left.",
            &["He said (quietly.)", "Then left."],
        ),
        ("no final stop", &["no final stop"]),
        (
            "وصل الوفد. بدأت المحادثات.",
            &["وصل الوفد.", "بدأت المحادثات."],
        ),
    ];
    for (text, want) in table {
        assert_eq!(
            sentences(text, &[Span::new(0, text.len())]),
            *want,
            "sentences of {text:?}"
        );
        let direct: Vec<&str> = sentence_spans(text).iter().map(|s| s.text(text)).collect();
        assert_eq!(direct, *want, "sentence_spans of {text:?}");
    }
}

#[test]
fn sentences_never_cross_paragraphs() {
    let text = "First para ends without a stop\n\nsecond para. Two sentences.";
    let paras = [Span::new(0, 30), Span::new(32, text.len())];
    assert_eq!(
        sentences(text, &paras),
        [
            "First para ends without a stop",
            "second para.",
            "Two sentences."
        ]
    );
    let t = tokenize(text, &paras);
    for s in &t.sentences {
        assert!(paras.iter().any(|p| p.contains(s.span)));
    }
}

#[test]
fn sentence_token_ranges_cover_all_tokens() {
    let text = "A b. C d! E f? G\n\nH i.";
    let paras = [Span::new(0, 16), Span::new(18, text.len())];
    let t = tokenize(text, &paras);
    let mut next = 0;
    for s in &t.sentences {
        assert_eq!(s.tokens.start, next);
        assert!(s.tokens.end > s.tokens.start);
        let toks = t.sentence_tokens(s);
        assert_eq!(toks.first().map(|t| t.span.start), Some(s.span.start));
        assert_eq!(toks.last().map(|t| t.span.end), Some(s.span.end));
        next = s.tokens.end;
    }
    assert_eq!(next, t.tokens.len());
    assert_eq!(t.sentences.len(), 5);
}

#[test]
fn long_input_is_linear_and_complete() {
    let unit = "Officials in Damascus said on Monday that 1,000 people, including Mr. Smith's aides, left. ";
    let text = unit.repeat(20_000);
    let t = one_paragraph(&text);
    assert_eq!(t.sentences.len(), 20_000);
    assert_eq!(t.tokens.len(), 20_000 * 18);
}

fn check_invariants(text: &str, paragraphs: &[Span]) -> Result<(), TestCaseError> {
    let t = tokenize(text, paragraphs);
    let mut last_end = 0;
    for tok in &t.tokens {
        let s = tok.span;
        prop_assert!(s.start < s.end, "empty token {s:?}");
        prop_assert!(s.start >= last_end, "unsorted or overlapping {s:?}");
        prop_assert!(
            text.get(s.start..s.end).is_some(),
            "not on char boundaries {s:?}"
        );
        prop_assert!(
            !s.text(text).chars().any(char::is_whitespace),
            "whitespace in token {s:?}"
        );
        last_end = s.end;
    }
    let mut next = 0;
    for sent in &t.sentences {
        prop_assert_eq!(sent.tokens.start, next);
        prop_assert!(sent.tokens.end > sent.tokens.start);
        prop_assert!(paragraphs.iter().any(|p| p.contains(sent.span)));
        next = sent.tokens.end;
    }
    prop_assert_eq!(next, t.tokens.len());
    Ok(())
}

proptest! {
    #[test]
    fn arbitrary_text_keeps_invariants(text in any::<String>()) {
        check_invariants(&text, &[Span::new(0, text.len())])?;
    }

    #[test]
    fn wordy_text_keeps_invariants(text in "([A-Za-z]{1,6}|[ .,'’\"“”!?…()-]|[0-9]{1,3}|[\u{600}-\u{6ff}]{1,4}|👍🏽|\u{200d}|\u{301}|\n){0,60}") {
        let mid = text.char_indices().map(|(i, _)| i).nth(text.chars().count() / 2).unwrap_or(0);
        check_invariants(&text, &[Span::new(0, mid), Span::new(mid, text.len())])?;
    }

    #[test]
    fn arbitrary_paragraph_spans_do_not_panic(text in any::<String>(), a in 0usize..64, b in 0usize..64) {
        let t = tokenize(&text, &[Span::new(a, b), Span::new(b, a + b)]);
        for tok in &t.tokens {
            prop_assert!(text.get(tok.span.start..tok.span.end).is_some());
        }
    }
}
