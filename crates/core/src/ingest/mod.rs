//! Ingest: HTML or plain text → clean article text, paragraphs, link anchors.
//!
//! Owns: format detection (here), the readers (`html`, `text`) that turn input into
//! [`block::Block`]s, the cutting of over-long paragraphs at sentence boundaries (here), the
//! headline, article-body extraction (`boilerplate`), and the assembly of the clean text.
//!
//! Invariants of [`Ingested`]: `text` is the kept paragraphs joined by `"\n\n"`; each paragraph
//! is non-empty, has no leading/trailing whitespace, no control chars and no whitespace runs;
//! `paragraphs` are their spans, in order; every anchor span is non-empty, lies inside one
//! paragraph, is on char boundaries, and anchors are sorted and non-overlapping. Everything is
//! linear in the input size and never panics.

mod block;
mod boilerplate;
mod html;
mod text;

use crate::tokenize::sentence_spans;
use crate::{Diagnostic, Span};
use block::{Block, BlockAnchor, Kind};

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
    /// The address the page gives for itself (`<link rel="canonical">`, else `og:url`): an
    /// absolute http(s) URL, so a link to it from another article can be recognised.
    pub canonical: Option<String>,
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

/// Paragraphs longer than this (bytes) are cut into paragraphs of a few sentences.
pub const LONG_PARAGRAPH: usize = 600;
/// A cut paragraph is closed after this many sentences...
const CUT_SENTENCES: usize = 3;
/// ...or once it is this long (bytes).
const CUT_BYTES: usize = 400;

/// Ingest HTML or plain text (detected).
pub fn ingest(input: &str) -> Ingested {
    let mut out = Ingested::default();
    let (blocks, title) = if looks_like_html(input) {
        let parsed = html::parse(input);
        if parsed.unsafe_links > 0 {
            out.diagnostics.push(Diagnostic::new(
                "ingest",
                format!(
                    "{} link(s) with an unsafe URL scheme kept as plain text",
                    parsed.unsafe_links
                ),
            ));
        }
        out.canonical = parsed.canonical;
        (split_long(parsed.blocks), parsed.title)
    } else {
        let mut blocks = split_long(text::parse(input));
        let title = text_title(&blocks).then(|| blocks.remove(0).text);
        (blocks, title)
    };
    let keep = boilerplate::select(&blocks);
    // No headline yet: the page may carry one among the furniture just above the article.
    let headline = if title.is_none() {
        boilerplate::headline_before(&blocks, &keep)
    } else {
        None
    };
    out.title = title;
    for (i, (b, k)) in blocks.into_iter().zip(keep).enumerate() {
        if k {
            append(&mut out, b);
        } else if headline == Some(i) {
            out.title = Some(b.text);
        } else {
            out.furniture.push(b.text);
        }
    }
    if !out.furniture.is_empty() {
        out.diagnostics.push(Diagnostic::new(
            "ingest",
            format!(
                "{} block(s) set aside as page furniture",
                out.furniture.len()
            ),
        ));
    }
    out
}

/// HTML when the input contains markup of known HTML elements: a doctype, a comment, or a
/// start/end tag of a known element (one is enough when the input starts with `<`, else two).
pub fn looks_like_html(input: &str) -> bool {
    #[rustfmt::skip]
    const TAGS: &[&str] = &[
        "html", "head", "body", "p", "div", "span", "a", "br", "b", "i", "em", "strong", "ul", "ol",
        "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "img", "section", "article",
        "script", "style", "blockquote", "figure", "figcaption", "header", "footer", "nav", "main",
        "aside", "title", "meta", "link", "pre", "hr", "iframe", "svg", "u", "sup", "sub", "small",
        "time", "picture", "source", "button", "form", "input",
    ];
    let starts_with_tag = input.trim_start().starts_with('<');
    let need = if starts_with_tag { 1 } else { 2 };
    let mut found = 0;
    let bytes = input.as_bytes();
    let mut from = 0;
    while let Some(off) = input.get(from..).and_then(|s| s.find('<')) {
        let i = from + off;
        from = i + 1;
        let rest = bytes.get(i + 1..).unwrap_or(&[]);
        if rest.starts_with(b"!--")
            || rest
                .get(..8)
                .is_some_and(|r| r.eq_ignore_ascii_case(b"!doctype"))
        {
            return true;
        }
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let name_len = rest
            .iter()
            .take(12)
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let after = rest.get(name_len).copied();
        let name = rest.get(..name_len).unwrap_or(&[]);
        let known = TAGS.iter().any(|t| t.as_bytes().eq_ignore_ascii_case(name));
        if known && matches!(after, Some(b'>' | b' ' | b'/' | b'\t' | b'\n' | b'\r')) {
            found += 1;
            if found >= need {
                return true;
            }
        }
    }
    false
}

/// Plain text: the first block is a headline when it is short, does not end with a full stop,
/// is not a list item or furniture-shaped (nor repeated on the page), and prose follows within
/// the next few blocks.
fn text_title(blocks: &[Block]) -> bool {
    let Some(first) = blocks.first() else {
        return false;
    };
    let f = boilerplate::features(first);
    let t = first.text.as_str();
    // A final single period makes a sentence; "..." may end a headline.
    let sentence_stop = t.ends_with('.') && !t.ends_with("..");
    let shape_ok = first.kind == Kind::Para
        && (2..=14).contains(&f.words)
        && f.letter_words * 10 >= f.words * 6
        && t.len() <= 200
        && !sentence_stop
        && !t.ends_with([':', ',', ';'])
        && first.anchors.is_empty();
    let repeated = blocks.iter().skip(1).any(|b| b.text == first.text);
    let class = boilerplate::classify(first, &f, repeated, false);
    let prose_follows = blocks.iter().skip(1).take(3).any(|b| {
        boilerplate::classify(b, &boilerplate::features(b), false, false)
            == boilerplate::Class::Content
    });
    shape_ok && class != boilerplate::Class::Furniture && prose_follows
}

/// Cuts blocks longer than [`LONG_PARAGRAPH`] into blocks of a few sentences, never inside
/// an anchor.
fn split_long(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        if b.text.len() <= LONG_PARAGRAPH {
            out.push(b);
            continue;
        }
        let sents = sentence_spans(&b.text);
        let mut cuts = Vec::new(); // (end of a piece, start of the next)
        let mut piece_start = 0;
        let mut count = 0;
        let mut quotes = QuoteDepth::default();
        let mut first_open = 0; // first anchor not ending before the candidate cut
        for pair in sents.windows(2) {
            let [s, next] = pair else { continue };
            count += 1;
            quotes.scan(b.text.get(quotes.pos..s.end).unwrap_or(""));
            quotes.pos = s.end;
            let full = count >= CUT_SENTENCES || s.end - piece_start >= CUT_BYTES;
            if !full && next.end - piece_start <= LONG_PARAGRAPH {
                continue;
            }
            // Anchors are sorted and disjoint: only the first one not ending before the cut
            // can straddle it.
            while b.anchors.get(first_open).is_some_and(|a| a.end <= s.end) {
                first_open += 1;
            }
            let crosses = b
                .anchors
                .get(first_open)
                .is_some_and(|a| a.start < next.start);
            // Not inside a quotation, unless the piece grows far too long.
            let quoted = quotes.depth > 0 && s.end - piece_start < 2 * LONG_PARAGRAPH;
            if !crosses && !quoted {
                cuts.push((s.end, next.start));
                piece_start = next.start;
                count = 0;
            }
        }
        if cuts.is_empty() {
            out.push(b);
            continue;
        }
        let mut start = 0;
        let mut anchors = b.anchors.into_iter().peekable();
        for &(end, next) in cuts
            .iter()
            .chain(std::iter::once(&(b.text.len(), b.text.len())))
        {
            let mut piece = Block {
                text: b.text.get(start..end).unwrap_or("").to_string(),
                anchors: Vec::new(),
                kind: b.kind,
                furniture_hint: b.furniture_hint,
            };
            while let Some(a) = anchors.next_if(|a| a.end <= end) {
                if a.start >= start {
                    piece.anchors.push(BlockAnchor {
                        start: a.start - start,
                        end: a.end - start,
                        href: a.href,
                    });
                }
            }
            if !piece.text.is_empty() {
                out.push(piece);
            }
            start = next;
        }
    }
    out
}

/// Quotation nesting while scanning a paragraph: `“` opens, `”` closes, and a straight `"`
/// closes an open quotation or opens one.
#[derive(Default)]
struct QuoteDepth {
    depth: usize,
    pos: usize,
}

impl QuoteDepth {
    fn scan(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '“' => self.depth += 1,
                '”' => self.depth = self.depth.saturating_sub(1),
                '"' if self.depth > 0 => self.depth -= 1,
                '"' => self.depth += 1,
                _ => {}
            }
        }
    }
}

/// Appends a kept block as the next paragraph.
fn append(out: &mut Ingested, b: Block) {
    if !out.text.is_empty() {
        out.text.push_str("\n\n");
    }
    let base = out.text.len();
    out.text.push_str(&b.text);
    out.paragraphs.push(Span::new(base, out.text.len()));
    for a in b.anchors {
        out.anchors.push(Anchor {
            href: a.href,
            span: Span::new(base + a.start, base + a.end),
        });
    }
}
