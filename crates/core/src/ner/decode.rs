//! Greedy left-to-right decoding of a document. Each token gets the best tag allowed after the
//! previous one (IOB2: `I-X` only continues `X`); earlier decisions feed the next token's
//! features (previous tags, types given to the same word earlier in the document).
//! Training and tagging both decode through [`decode_doc`], so they see the same features.

use super::features::{
    aggregate_features, aggregates, dynamic_features, sentence_info_cached, set_topic,
    static_features, Context, Hasher, History, TokInfo, WordCache,
};
use super::lexicon::{Gazetteer, WordClasses};
use super::model::{Model, RowTable};
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

    /// Per-token information and static feature rows of a document, computed once for
    /// both stages.
    pub fn prepare(&self, doc: &[Vec<&str>]) -> Prepared {
        self.prepare_with(doc, |_| false)
    }

    /// [`Decoder::prepare`], hiding the identity of the capitalised words for which `hide`
    /// says so (word dropout in training).
    pub fn prepare_with(
        &self,
        doc: &[Vec<&str>],
        mut hide: impl FnMut(&TokInfo) -> bool,
    ) -> Prepared {
        let mut cache = WordCache::default();
        let mut infos: Vec<Vec<TokInfo>> = doc
            .iter()
            .map(|words| sentence_info_cached(words, self.classes, self.gazetteer, &mut cache))
            .collect();
        set_topic(&mut infos, doc);
        for t in infos.iter_mut().flatten() {
            if t.is_capitalised() && hide(t) {
                t.drop_word();
            }
        }
        let n: usize = infos.iter().map(Vec::len).sum();
        let mut rows = Vec::with_capacity(n * 64);
        let mut ends = Vec::with_capacity(n);
        for info in &infos {
            for i in 0..info.len() {
                static_features(self.hasher, info, i, &mut rows);
                ends.push(rows.len());
            }
        }
        Prepared { infos, rows, ends }
    }

    /// Tag every sentence of a document. `score` turns feature rows into tag scores;
    /// `visit(sentence, token, rows, chosen)` sees every decision (training updates there).
    /// `stage1`, for a second-stage model, holds the first stage's tags of the document;
    /// they add the aggregation features of [`aggregate_features`].
    ///
    /// (Feeding a model its own first-pass labels was tried and hurt: in training the first
    /// pass is near-perfect on seen documents, so the model over-trusts it. The second stage
    /// is therefore trained on first-stage labels from models that never saw the document.)
    pub fn decode_doc<S, V>(
        &self,
        prep: &Prepared,
        stage1: Option<&[Vec<Tag>]>,
        mut score: S,
        mut visit: V,
    ) -> Vec<Vec<(Tag, f32)>>
    where
        S: FnMut(&[u32]) -> [f32; N_TAGS],
        V: FnMut(usize, usize, &[u32], Tag),
    {
        let infos = &prep.infos;
        let aggs = stage1.map(|s1| aggregates(infos, s1));
        let mut g = 0usize;
        let mut start = 0usize;
        let mut hist = History::default();
        let mut rows: Vec<u32> = Vec::with_capacity(112);
        let mut out = Vec::with_capacity(infos.len());
        for (si, info) in infos.iter().enumerate() {
            let agg = aggs.as_ref().and_then(|a| a.get(si));
            let (mut p1, mut p2) = (Tag::O, Tag::O);
            let mut tags = Vec::with_capacity(info.len());
            for (i, t) in info.iter().enumerate() {
                rows.clear();
                let end = prep.ends.get(g).copied().unwrap_or(start);
                rows.extend_from_slice(prep.rows.get(start..end).unwrap_or(&[]));
                start = end;
                g += 1;
                let c = Context {
                    p1,
                    p2,
                    hist: hist.lookup(t),
                };
                dynamic_features(self.hasher, t, c, &mut rows);
                if let Some(a) = agg.and_then(|a| a.get(i)) {
                    aggregate_features(self.hasher, t, a, &mut rows);
                }
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

/// A document ready to decode: token information and each token's static feature rows
/// (token `g` of the document, counting across sentences, owns `rows[ends[g-1]..ends[g]]`).
pub struct Prepared {
    pub infos: Vec<Vec<TokInfo>>,
    rows: Vec<u32>,
    ends: Vec<usize>,
}

/// Sum the rows of `feats` in `table` into scores.
#[inline]
fn table_scores(table: &RowTable, scale: f32, feats: &[u32]) -> [f32; N_TAGS] {
    let mut acc = [0i32; N_TAGS];
    for &r in feats {
        if let Some(row) = table.get(r) {
            for (a, &q) in acc.iter_mut().zip(row) {
                *a += q as i32;
            }
        }
    }
    acc.map(|a| a as f32 * scale)
}

impl Model {
    /// Tag a document (sentences of words) with this model: tags and margins. A two-stage
    /// model tags it twice; the second stage sees the first stage's labels.
    pub fn tag_doc(&self, doc: &[Vec<&str>]) -> Vec<Vec<(Tag, f32)>> {
        let dec = Decoder::for_model(self);
        let prep = dec.prepare(doc);
        let first = dec.decode_doc(
            &prep,
            None,
            |f| table_scores(&self.rows, self.scale, f),
            |_, _, _, _| {},
        );
        let Some((scale2, rows2)) = &self.stage2 else {
            return first;
        };
        let tags: Vec<Vec<Tag>> = first
            .iter()
            .map(|s| s.iter().map(|x| x.0).collect())
            .collect();
        dec.decode_doc(
            &prep,
            Some(&tags),
            |f| table_scores(rows2, *scale2, f),
            |_, _, _, _| {},
        )
    }

    /// First-stage tags only (for training a second stage on this model's labels).
    pub fn tag_doc_stage1(&self, doc: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let dec = Decoder::for_model(self);
        let prep = dec.prepare(doc);
        dec.decode_doc(
            &prep,
            None,
            |f| table_scores(&self.rows, self.scale, f),
            |_, _, _, _| {},
        )
        .into_iter()
        .map(|s| s.into_iter().map(|x| x.0).collect())
        .collect()
    }
}
