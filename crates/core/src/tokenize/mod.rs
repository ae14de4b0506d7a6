//! Tokenize: sentences and tokens with byte spans, Penn Treebank / CoNLL-2003 style.
//!
//! Owns: the token scanner (`scan`), the abbreviation lists (`abbrev`) and the sentence
//! splitter (here). Invariants: token and sentence spans are on char boundaries, sorted,
//! non-overlapping, non-empty and inside the paragraph they come from; a sentence never
//! crosses a paragraph; every sentence has at least one token and its span runs from its first
//! token's start to its last token's end. Runs in linear time; never panics.

mod abbrev;
mod scan;

use crate::Span;
use scan::Kind;
use std::ops::Range;

pub(crate) use scan::trim_url;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Indices into `Tokenized::tokens`.
    pub tokens: Range<usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tokenized {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

impl Tokenized {
    pub fn sentence_tokens(&self, s: &Sentence) -> &[Token] {
        self.tokens.get(s.tokens.clone()).unwrap_or(&[])
    }
}

/// Split `text` into sentences (never across paragraphs) and tokens.
///
/// Paragraph spans that do not fit `text` (out of range, not on char boundaries, or starting
/// before the end of the previous one) are skipped, so the output stays sorted.
pub fn tokenize(text: &str, paragraphs: &[Span]) -> Tokenized {
    let mut out = Tokenized {
        tokens: Vec::with_capacity(text.len() / 5),
        sentences: Vec::with_capacity(text.len() / 100),
    };
    let mut spans = Vec::new();
    let mut kinds = Vec::new();
    let mut done = 0;
    for p in paragraphs {
        let Some(ptext) = text.get(p.start..p.end) else {
            continue;
        };
        if p.start < done {
            continue;
        }
        done = p.end;
        spans.clear();
        kinds.clear();
        scan::scan(ptext, p.start, &mut spans, &mut kinds);
        let first = out.tokens.len();
        out.tokens.extend(spans.iter().map(|&span| Token { span }));
        for r in split(text, &spans, &kinds) {
            let (Some(a), Some(b)) = (spans.get(r.start), spans.get(r.end.wrapping_sub(1))) else {
                continue;
            };
            out.sentences.push(Sentence {
                span: Span::new(a.start, b.end),
                tokens: first + r.start..first + r.end,
            });
        }
    }
    out
}

/// Sentence spans of `text` taken as one paragraph (used by ingest to cut over-long
/// paragraphs at sentence boundaries).
pub fn sentence_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::with_capacity(text.len() / 5 + 1);
    let mut kinds = Vec::with_capacity(text.len() / 5 + 1);
    scan::scan(text, 0, &mut spans, &mut kinds);
    split(text, &spans, &kinds)
        .filter_map(|r| {
            Some(Span::new(
                spans.get(r.start)?.start,
                spans.get(r.end.checked_sub(1)?)?.end,
            ))
        })
        .collect()
}

/// Splits one paragraph's tokens into sentences: ranges of token indices covering all tokens.
fn split<'a>(
    text: &'a str,
    spans: &'a [Span],
    kinds: &'a [Kind],
) -> impl Iterator<Item = Range<usize>> + 'a {
    let n = spans.len();
    let mut start = 0;
    let mut k = 0;
    std::iter::from_fn(move || {
        while k < n {
            let kind = kinds.get(k).copied().unwrap_or(Kind::Other);
            if !matches!(
                kind,
                Kind::Period | Kind::Terminal | Kind::Ellipsis | Kind::AbbrevEnd
            ) {
                k += 1;
                continue;
            }
            // Closing quotes and brackets right after the mark stay with the sentence.
            let mut m = k + 1;
            while m < n
                && matches!(
                    kinds.get(m),
                    Some(Kind::Closer | Kind::Terminal | Kind::Period)
                )
                && spans.get(m).map(|s| s.start) == spans.get(m - 1).map(|s| s.end)
            {
                m += 1;
            }
            k = m;
            if m >= n {
                break;
            }
            let next = spans.get(m).map_or("", |s| s.text(text));
            if ends_sentence(kind, next) {
                let r = start..m;
                start = m;
                return Some(r);
            }
        }
        if start < n {
            let r = start..n;
            start = n;
            return Some(r);
        }
        None
    })
}

/// Does a sentence end at a mark of `kind`, given the text of the next token?
fn ends_sentence(kind: Kind, next: &str) -> bool {
    let Some(c) = next.chars().next() else {
        return false;
    };
    match kind {
        Kind::Period | Kind::Terminal => {
            !c.is_lowercase() && !matches!(c, ',' | ';' | ':' | ')' | ']' | '%' | '-')
        }
        Kind::Ellipsis => c.is_uppercase() || matches!(c, '"' | '“' | '‘'),
        Kind::AbbrevEnd => abbrev::is_sentence_starter(next),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let t = tokenize(s, &[Span::new(0, s.len())]);
        t.tokens.iter().map(|t| t.span.text(s)).collect()
    }

    #[test]
    fn splits_possessive_and_keeps_abbreviation() {
        assert_eq!(
            toks("Mr. Smith's U.S. trip."),
            ["Mr.", "Smith", "'s", "U.S.", "trip", "."]
        );
    }

    #[test]
    fn bad_paragraph_spans_are_skipped() {
        let s = "aé b";
        let t = tokenize(
            s,
            &[
                Span::new(0, 2),
                Span::new(3, 99),
                Span::new(0, 3),
                Span::new(1, 5),
            ],
        );
        let got: Vec<&str> = t.tokens.iter().map(|t| t.span.text(s)).collect();
        assert_eq!(got, ["aé"]);
    }
}

/// One sentence of whitespace-separated tokens: lets stage unit tests pick their own token
/// boundaries without depending on the real tokenizer's rules.
#[cfg(test)]
pub(crate) fn whitespace_tokens(text: &str) -> Tokenized {
    let mut tokens = Vec::new();
    let mut pos = 0;
    for w in text.split_whitespace() {
        let at = text[pos..].find(w).map_or(pos, |i| i + pos);
        tokens.push(Token {
            span: Span::new(at, at + w.len()),
        });
        pos = at + w.len();
    }
    let n = tokens.len();
    Tokenized {
        tokens,
        sentences: vec![Sentence {
            span: Span::new(0, text.len()),
            tokens: 0..n,
        }],
    }
}
