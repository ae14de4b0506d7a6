//! NER: PER/ORG/LOC/MISC mentions from a trained model.
//!
//! An averaged perceptron over hashed features (word, affixes, shape, context window, word
//! classes learned from unlabelled news, gazetteers, previous tags, the types given to the same
//! word earlier in the document, the document's topic word), decoded greedily left to right in
//! two stages (the second sees the first stage's labels of the whole document), then made
//! consistent across the document. The model file (`models/ner.bin`) is embedded and parsed once.
//!
//! Submodules: [`tags`] (IOB2 tag set, chunks), [`conll`] (reading CoNLL files), [`score`]
//! (conlleval-exact scoring), [`hash`], [`lexicon`] (word classes, gazetteers), [`features`],
//! [`model`] (file format), [`decode`], [`consistency`], [`train`].
//!
//! Invariant: [`recognize`] returns sorted, non-overlapping, token-aligned mentions and never
//! panics; a model that fails to load yields no mentions (and [`model`] says why).

pub mod conll;
pub mod consistency;
pub mod decode;
pub mod features;
pub mod hash;
pub mod lexicon;
pub mod model;
pub mod score;
pub mod tags;
pub mod train;

use crate::tokenize::Tokenized;
use crate::{Label, Span};
use model::{Model, ModelError};
use std::sync::OnceLock;
use tags::{iter_chunks, Tag};

/// One recognised mention.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mention {
    pub span: Span,
    pub label: Label,
    /// Model confidence in [0, 1].
    pub score: f32,
}

static EMBEDDED: &[u8] = include_bytes!("../../../../models/ner.bin");

/// The embedded model, parsed on first use.
pub fn model() -> Result<&'static Model, &'static ModelError> {
    static MODEL: OnceLock<Result<Model, ModelError>> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(EMBEDDED)).as_ref()
}

/// Tag a document (sentences of words) the way the app does: model, then document
/// consistency. Returns tags and per-token confidences in [0, 1].
pub fn tag_document(m: &Model, doc: &[Vec<&str>]) -> Vec<Vec<(Tag, f32)>> {
    consistent(m, doc, m.tag_doc(doc))
}

/// [`tag_document`] scoring every token ([`Model::tag_doc_scoring_all`]): for tagging what
/// training learns from, so that the tagging shortcut for plain tokens never changes a model.
pub fn tag_document_scoring_all(m: &Model, doc: &[Vec<&str>]) -> Vec<Vec<(Tag, f32)>> {
    consistent(m, doc, m.tag_doc_scoring_all(doc))
}

/// The model's tags of `doc` made consistent across the document.
fn consistent(
    m: &Model,
    doc: &[Vec<&str>],
    mut tagged: Vec<Vec<(Tag, f32)>>,
) -> Vec<Vec<(Tag, f32)>> {
    consistency::apply_with_classes(doc, &mut tagged, &m.classes);
    tagged
}

/// Confidence in [0, 1] from a score margin.
fn confidence(margin: f32) -> f32 {
    if margin.is_finite() {
        1.0 / (1.0 + (-margin).exp())
    } else {
        1.0
    }
}

/// Recognise PER/ORG/LOC/MISC mentions in a document. Sorted, non-overlapping, token-aligned.
pub fn recognize(text: &str, tok: &Tokenized) -> Vec<Mention> {
    let Ok(m) = model() else { return Vec::new() };
    let spans: Vec<&[crate::tokenize::Token]> = tok
        .sentences
        .iter()
        .map(|s| tok.sentence_tokens(s))
        .collect();
    let doc: Vec<Vec<&str>> = spans
        .iter()
        .map(|ts| ts.iter().map(|t| t.span.text(text)).collect())
        .collect();
    let tagged = tag_document(m, &doc);
    let mut out = Vec::new();
    for (ts, tt) in spans.iter().zip(&tagged) {
        let tags: Vec<Tag> = tt.iter().map(|x| x.0).collect();
        for c in iter_chunks(&tags) {
            let (Some(first), Some(last)) = (ts.get(c.start), ts.get(c.end.wrapping_sub(1))) else {
                continue;
            };
            let Some(label) = tags::TYPES.get(c.ty).copied() else {
                continue;
            };
            let score = tt
                .get(c.start..c.end)
                .unwrap_or(&[])
                .iter()
                .map(|x| confidence(x.1))
                .fold(1.0f32, f32::min);
            out.push(Mention {
                span: Span::new(first.span.start, last.span.end),
                label,
                score,
            });
        }
    }
    out.sort_by_key(|m| (m.span.start, m.span.end));
    // Token spans of a well-formed tokenization never overlap; guard anyway.
    let mut kept: Vec<Mention> = Vec::with_capacity(out.len());
    for m in out {
        if kept
            .last()
            .is_none_or(|k: &Mention| k.span.end <= m.span.start)
        {
            kept.push(m);
        }
    }
    kept
}
