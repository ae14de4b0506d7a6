//! CoNLL IOB2: each document opens with `-DOCSTART- O` and a blank line, then one
//! "token TAG" line per token and a blank line after each sentence.
//!
//! Tokens and sentences come from [`crate::tokenize`] over the document's text, with the
//! paragraphs the contract keeps ("\n\n" between them), so they are the pipeline's own.
//! Tags: `B-LABEL` on the first token that overlaps a mention, `I-LABEL` on the next ones
//! that overlap it, `O` elsewhere; a mention starting inside a token tags that whole token.
//! Mention offsets (code points) become bytes through [`CodePoints`]; mentions that do not
//! fit their text are skipped.

use super::CodePoints;
use crate::protocol::{Contract, DocumentDto};
use crate::tokenize::tokenize;
use crate::Span;

pub fn export(c: &Contract) -> String {
    let mut out = String::new();
    for doc in &c.documents {
        out.push_str("-DOCSTART- O\n\n");
        write_document(doc, &mut out);
    }
    out
}

/// Byte spans of the paragraphs of a contract text: the non-blank pieces between "\n\n".
pub fn paragraph_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    for piece in text.split("\n\n") {
        let end = start + piece.len();
        if !piece.trim().is_empty() {
            spans.push(Span::new(start, end));
        }
        start = end + 2;
    }
    spans
}

fn write_document(doc: &DocumentDto, out: &mut String) {
    let text = &doc.text;
    let tok = tokenize(text, &paragraph_spans(text));
    let cps = CodePoints::new(text);
    let mut mentions: Vec<(Span, &str)> = doc
        .mentions
        .iter()
        .filter_map(|m| {
            let (a, b) = cps.bytes_of(m.start, m.end)?;
            (a < b).then_some((Span::new(a, b), m.label.as_str()))
        })
        .collect();
    mentions.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    // Tokens come in text order, so one cursor walks the mentions.
    let mut cursor = 0;
    let mut begun: Option<usize> = None;
    for sentence in &tok.sentences {
        for token in tok.sentence_tokens(sentence) {
            while mentions
                .get(cursor)
                .is_some_and(|(s, _)| s.end <= token.span.start)
            {
                cursor += 1;
            }
            let word = token.span.text(text);
            if word.is_empty() {
                continue;
            }
            // A token holds no whitespace; should one ever, keep the line's two columns.
            if word.contains(char::is_whitespace) {
                out.extend(
                    word.chars()
                        .map(|c| if c.is_whitespace() { '_' } else { c }),
                );
            } else {
                out.push_str(word);
            }
            out.push(' ');
            match mentions.get(cursor) {
                Some((s, label)) if s.overlaps(token.span) => {
                    out.push_str(if begun == Some(cursor) { "I-" } else { "B-" });
                    out.push_str(label);
                    begun = Some(cursor);
                }
                _ => out.push('O'),
            }
            out.push('\n');
        }
        out.push('\n');
    }
}
