//! Greedy left-to-right decoding of a document. Each token gets the best tag allowed after the
//! previous one (IOB2: `I-X` only continues `X`); earlier decisions feed the next token's
//! features (previous tags, types given to the same word earlier in the document).
//! Training and tagging both decode through [`decode_doc`], so they see the same features.

use super::features::{dynamic_features, sentence_info, static_features, Context, Hasher, History};
use super::lexicon::{Gazetteer, WordClasses};
use super::model::Model;
use super::tags::{Tag, N_TAGS};

/// Best tag allowed after `prev`, and its margin over the runner-up allowed tag.
#[inline]
pub fn best_tag(scores: &[f32; N_TAGS], prev: Tag) -> (Tag, f32) {
    let (mut best, mut best_s, mut second) = (Tag::O, f32::NEG_INFINITY, f32::NEG_INFINITY);
    for (id, &s) in scores.iter().enumerate() {
        let Some(t) = Tag::from_id(id) else { continue };
        if !t.may_follow(prev) {
            continue;
        }
        if s > best_s {
            second = best_s;
            best_s = s;
            best = t;
        } else if s > second {
            second = s;
        }
    }
    (best, best_s - second)
}

/// What the decoder needs besides the weights.
pub struct Decoder<'a> {
    pub hasher: Hasher,
    pub classes: &'a WordClasses,
    pub gazetteer: &'a Gazetteer,
}

impl<'a> Decoder<'a> {
    pub fn for_model(m: &'a Model) -> Decoder<'a> {
        Decoder {
            hasher: m.hasher,
            classes: &m.classes,
            gazetteer: &m.gazetteer,
        }
    }

    /// Tag every sentence of a document. `score` turns feature rows into tag scores;
    /// `visit(sentence, token, rows, chosen)` sees every decision (training updates there).
    /// (A second pass with features from the first pass's labels of the same words was
    /// tried: in training the first pass is near-perfect on seen documents, so the model
    /// over-trusts it; dev F1 fell from 0.905 to 0.900.)
    pub fn decode_doc<S, V>(
        &self,
        doc: &[Vec<&str>],
        mut score: S,
        mut visit: V,
    ) -> Vec<Vec<(Tag, f32)>>
    where
        S: FnMut(&[u32]) -> [f32; N_TAGS],
        V: FnMut(usize, usize, &[u32], Tag),
    {
        let mut hist = History::default();
        let mut rows: Vec<u32> = Vec::with_capacity(96);
        let mut out = Vec::with_capacity(doc.len());
        for (si, words) in doc.iter().enumerate() {
            let info = sentence_info(words, self.classes, self.gazetteer);
            let (mut p1, mut p2) = (Tag::O, Tag::O);
            let mut tags = Vec::with_capacity(info.len());
            for (i, t) in info.iter().enumerate() {
                rows.clear();
                static_features(self.hasher, &info, i, &mut rows);
                let c = Context {
                    p1,
                    p2,
                    hist: hist.lookup(t),
                };
                dynamic_features(self.hasher, t, c, &mut rows);
                let s = score(&rows);
                let (tag, margin) = best_tag(&s, p1);
                visit(si, i, &rows, tag);
                hist.record(t, tag);
                p2 = p1;
                p1 = tag;
                tags.push((tag, margin));
            }
            out.push(tags);
        }
        out
    }
}

impl Model {
    /// Tag a document (sentences of words) with this model: tags and margins.
    pub fn tag_doc(&self, doc: &[Vec<&str>]) -> Vec<Vec<(Tag, f32)>> {
        let scale = self.scale;
        let rows = &self.rows;
        Decoder::for_model(self).decode_doc(
            doc,
            |feats| {
                let mut acc = [0i32; N_TAGS];
                for &r in feats {
                    if let Some(row) = rows.get(r) {
                        for (a, &q) in acc.iter_mut().zip(row) {
                            *a += q as i32;
                        }
                    }
                }
                acc.map(|a| a as f32 * scale)
            },
            |_, _, _, _| {},
        )
    }
}
