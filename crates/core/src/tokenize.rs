//! Tokenize: sentences and tokens with byte spans.
//! OWNER: ingest helper. Interface fixed; implementation to be filled in.

use crate::Span;
use std::ops::Range;

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
pub fn tokenize(text: &str, paragraphs: &[Span]) -> Tokenized {
    let mut out = Tokenized::default();
    for p in paragraphs {
        let first = out.tokens.len();
        let ptext = p.text(text);
        let mut pos = 0;
        for word in ptext.split_whitespace() {
            let at = ptext[pos..].find(word).map(|i| i + pos).unwrap_or(pos);
            out.tokens.push(Token { span: Span::new(p.start + at, p.start + at + word.len()) });
            pos = at + word.len();
        }
        out.sentences.push(Sentence { span: *p, tokens: first..out.tokens.len() });
    }
    out
}
