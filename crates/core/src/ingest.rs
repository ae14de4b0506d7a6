//! Ingest: HTML or plain text → clean article text, paragraphs, link anchors.
//! OWNER: ingest helper. Interface fixed; implementation to be filled in.

use crate::{Diagnostic, Span};

/// An `<a href>` (or a bare URL in plain text) with the span of its anchor text in the clean text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub href: String,
    pub span: Span,
}

/// The result of ingesting one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ingested {
    /// The headline, when one can be told apart from the body; not part of `text`.
    pub title: Option<String>,
    /// Clean article text: paragraphs joined by "\n\n".
    pub text: String,
    /// Byte spans of the paragraphs in `text`, in order.
    pub paragraphs: Vec<Span>,
    /// Links, in text order, spans inside `text`.
    pub anchors: Vec<Anchor>,
    /// Blocks judged to be page furniture (navigation, listings, credits), kept for display.
    pub furniture: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Ingest HTML or plain text (detected).
pub fn ingest(input: &str) -> Ingested {
    let mut out = Ingested::default();
    for line in input.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        if !out.text.is_empty() {
            out.text.push_str("\n\n");
        }
        let start = out.text.len();
        out.text.push_str(line);
        out.paragraphs.push(Span::new(start, out.text.len()));
    }
    out
}
