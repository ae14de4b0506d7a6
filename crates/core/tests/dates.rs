//! DATE rules: a table of sentences and the date strings they must yield, in order.
//! Runs through the real tokenizer, so spans must be token-aligned whatever it splits.

use gloss_core::dates::find_dates;
use gloss_core::tokenize::tokenize;
use gloss_core::{Label, Span};

fn dates_of(text: &str) -> Vec<String> {
    let tok = tokenize(text, &[Span::new(0, text.len())]);
    let found = find_dates(text, &tok);
    for m in &found {
        assert_eq!(m.label, Label::Date);
        assert!((m.score - 1.0).abs() < f32::EPSILON);
        assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
    }
    for pair in found.windows(2) {
        if let [a, b] = pair {
            assert!(
                a.span.end <= b.span.start,
                "sorted and non-overlapping in {text:?}"
            );
        }
    }
    found
        .iter()
        .map(|m| m.span.text(text).to_string())
        .collect()
}

#[test]
fn date_table() {
    let table: &[(&str, &[&str])] = &[
        ("The talks began on Monday.", &["Monday"]),
        ("He will travel on Tuesday, officials said.", &["Tuesday"]),
        (
            "The minister spoke late on Monday in Doha.",
            &["late on Monday"],
        ),
        (
            "The vote took place on Dec 10, 2024 in Kyiv.",
            &["Dec 10, 2024"],
        ),
        ("The vote took place on Dec. 10, 2024.", &["Dec. 10, 2024"]),
        (
            "It was signed on 10 December 2024 in Brussels.",
            &["10 December 2024"],
        ),
        (
            "Prices rose in December 2024, data showed.",
            &["December 2024"],
        ),
        ("The group broke with al Qaeda in 2016.", &["2016"]),
        ("He led the branch in 2011, early in the war.", &["2011"]),
        ("Exports fell 4% last year.", &["last year"]),
        ("The strike happened yesterday.", &["yesterday"]),
        (
            "Talks collapsed earlier this month.",
            &["earlier this month"],
        ),
        (
            "Contacts will continue in the next 24 hours.",
            &["the next 24 hours"],
        ),
        ("The report is dated 2024-12-10.", &["2024-12-10"]),
        ("Monday's meeting ended without a deal.", &["Monday"]),
        ("Elections are due in May.", &["May"]),
        ("They may meet again.", &[]),
        ("The US has about 900 troops in Syria.", &[]),
        ("More than 1,000 people were displaced.", &[]),
        ("A total of 2024 votes were cast.", &[]),
        (
            "She was elected in the 2019 election and again in 2024.",
            &["2019", "2024"],
        ),
        ("The fighting of the 1990s left scars.", &["1990s"]),
        (
            "He arrived two weeks ago and will stay until mid-January.",
            &["two weeks ago", "mid-January"],
        ),
        (
            "The accord, signed on Monday, Dec. 9, 2024, holds.",
            &["Monday, Dec. 9, 2024"],
        ),
        (
            "Troops withdrew in early March after talks on Sunday night.",
            &["early March", "Sunday night"],
        ),
        (
            "Between 2014 and 2016 the city was besieged.",
            &["2014", "2016"],
        ),
    ];
    let mut failures = Vec::new();
    for (text, want) in table {
        let got = dates_of(text);
        if got != want.iter().map(|s| s.to_string()).collect::<Vec<_>>() {
            failures.push(format!("{text:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "",
        "   ",
        "’s",
        "mid-",
        "Dec.",
        "2024-",
        "٢٠٢٤ في دمشق",
        "😀 Monday 😀",
        "the next",
        "May",
    ] {
        let _ = dates_of(text);
    }
}
