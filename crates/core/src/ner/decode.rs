//! Greedy left-to-right decoding of a document. Each token gets the best tag allowed after the
//! previous one (IOB2: `I-X` only continues `X`); earlier decisions feed the next token's
//! features (previous tags, types given to the same word earlier in the document).
//! Training and tagging both decode through [`decode_doc`], so they see the same features.

use super::features::{
    aggregate_features, aggregates, dynamic_features, near_features_by, plain_tokens,
    sentence_info_cached, set_topic, static_features, static_features_by, Context, Hasher, History,
    TokInfo, WordCache, NEAR, NO_WORD,
};
use super::lexicon::{Gazetteer, WordClasses};
use super::model::{stage_pairs, Model, RowTable, StagePairs};
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
    pub fn prepare_with(&self, doc: &[Vec<&str>], hide: impl FnMut(&TokInfo) -> bool) -> Prepared {
        let (infos, _) = self.token_infos(doc, hide);
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

    /// Per-token information of a document and each token's word id in a per-document
    /// [`WordCache`] ([`NO_WORD`] for hidden words and words not cached).
    fn token_infos(
        &self,
        doc: &[Vec<&str>],
        mut hide: impl FnMut(&TokInfo) -> bool,
    ) -> (Vec<Vec<TokInfo>>, Vec<u32>) {
        let mut cache = WordCache::default();
        let n: usize = doc.iter().map(Vec::len).sum();
        let mut ids = Vec::with_capacity(n);
        let mut infos: Vec<Vec<TokInfo>> = doc
            .iter()
            .map(|words| {
                sentence_info_cached(words, self.classes, self.gazetteer, &mut cache, &mut ids)
            })
            .collect();
        set_topic(&mut infos, doc);
        for (t, id) in infos.iter_mut().flatten().zip(ids.iter_mut()) {
            if t.is_capitalised() && hide(t) {
                t.drop_word();
                *id = NO_WORD;
            }
        }
        (infos, ids)
    }

    /// Tag every sentence of a document. `score` turns feature rows into tag scores;
    /// `visit(sentence, token, rows, chosen)` sees every decision (training updates there;
    /// training passes no `plain` tokens, so it sees every token).
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
        plain: &[bool],
        mut score: S,
        mut visit: V,
    ) -> Vec<Vec<(Tag, f32)>>
    where
        S: FnMut(&[u32]) -> [f32; N_TAGS],
        V: FnMut(usize, usize, &[u32], Tag),
    {
        let mut rows: Vec<u32> = Vec::with_capacity(112);
        self.decode_by(&prep.infos, stage1, plain, |si, i, g, dynamic, p1| {
            // Token `g` owns static rows `ends[g-1]..ends[g]`.
            let start = g
                .checked_sub(1)
                .and_then(|k| prep.ends.get(k))
                .copied()
                .unwrap_or(0);
            let end = prep.ends.get(g).copied().unwrap_or(start);
            rows.clear();
            rows.extend_from_slice(prep.rows.get(start..end).unwrap_or(&[]));
            rows.extend_from_slice(dynamic);
            let s = score(&rows);
            let (tag, margin) = best_tag(&s, p1);
            visit(si, i, &rows, tag);
            (tag, margin)
        })
    }

    /// The decoding loop shared by training and tagging: for every token (sentence `si`,
    /// token `i`, token `g` of the document) `choose(si, i, g, dynamic_rows, previous_tag)`
    /// picks the tag and its margin; `dynamic_rows` are the rows that depend on earlier
    /// decisions and, in a second stage, on the first stage's labels. A token marked in
    /// `plain` ([`plain_tokens`]; empty: none) after an `O` is tagged `O` unscored, with an
    /// infinite margin.
    fn decode_by<C>(
        &self,
        infos: &[Vec<TokInfo>],
        stage1: Option<&[Vec<Tag>]>,
        plain: &[bool],
        mut choose: C,
    ) -> Vec<Vec<(Tag, f32)>>
    where
        C: FnMut(usize, usize, usize, &[u32], Tag) -> (Tag, f32),
    {
        let aggs = stage1.map(|s1| aggregates(infos, s1));
        let mut g = 0usize;
        let mut hist = History::default();
        let mut rows: Vec<u32> = Vec::with_capacity(32);
        let mut out = Vec::with_capacity(infos.len());
        for (si, info) in infos.iter().enumerate() {
            let agg = aggs.as_ref().and_then(|a| a.get(si));
            let (mut p1, mut p2) = (Tag::O, Tag::O);
            let mut tags = Vec::with_capacity(info.len());
            for (i, t) in info.iter().enumerate() {
                let (tag, margin) = if p1 == Tag::O && plain.get(g).copied().unwrap_or(false) {
                    (Tag::O, f32::INFINITY)
                } else {
                    rows.clear();
                    let c = Context {
                        p1,
                        p2,
                        hist: hist.lookup(t),
                    };
                    dynamic_features(self.hasher, t, c, &mut rows);
                    if let Some(a) = agg.and_then(|a| a.get(i)) {
                        aggregate_features(self.hasher, t, a, &mut rows);
                    }
                    choose(si, i, g, &rows, p1)
                };
                g += 1;
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

/// Add the rows of `feats` in `table` to `acc`. Integer sums, so the order of the rows does
/// not change the result.
#[inline]
fn add_rows(table: &RowTable, feats: &[u32], acc: &mut [i32; N_TAGS]) {
    for &r in feats {
        if let Some(row) = table.get(r) {
            add_row(acc, row);
        }
    }
}

#[inline]
fn add_row(acc: &mut [i32; N_TAGS], row: &[i16]) {
    for (a, &q) in acc.iter_mut().zip(row) {
        *a += q as i32;
    }
}

/// Sum the rows of `feats` in `table` into scores (the generic decoder's scoring, which the
/// tests compare the tagging path with).
#[cfg(test)]
fn table_scores(table: &RowTable, scale: f32, feats: &[u32]) -> [f32; N_TAGS] {
    let mut acc = [0i32; N_TAGS];
    add_rows(table, feats, &mut acc);
    acc.map(|a| a as f32 * scale)
}

/// Where a token's static rows are summed: the first stage's table alone, or both stages'
/// side by side (one look-up per row for both).
enum StaticTables<'a> {
    One(&'a RowTable),
    Both(&'a StagePairs),
}

impl StaticTables<'_> {
    fn count(&self) -> usize {
        match self {
            StaticTables::One(_) => 1,
            StaticTables::Both(_) => 2,
        }
    }

    /// Add the rows of `feats` to `acc` (one accumulator per stage).
    #[inline]
    fn add_rows(&self, feats: &[u32], acc: &mut [[i32; N_TAGS]]) {
        match (self, acc) {
            (StaticTables::One(t), [a, ..]) => add_rows(t, feats, a),
            (StaticTables::Both(t), [a, b, ..]) => {
                for &r in feats {
                    if let Some(row) = t.get(r) {
                        let (x, y) = row.split_at(N_TAGS);
                        add_row(a, x);
                        add_row(b, y);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Each token's sum of its static rows in each stage of `tables`, computed when first asked
/// for (tagging skips the tokens of [`plain_tokens`], and their rows are never summed unless a
/// stage scores them after all). The rows that depend on one word alone, the token's own or a
/// neighbour's at one offset of [`NEAR`], are hashed and looked up once per distinct word (and
/// offset) of the document (`ids` from [`Decoder::token_infos`]); only the rest, about a third,
/// are looked up for every token.
struct StaticSums<'a> {
    hasher: Hasher,
    infos: &'a [Vec<TokInfo>],
    ids: &'a [u32],
    tables: &'a StaticTables<'a>,
    /// Stages summed (1 or 2).
    nt: usize,
    /// One more than the largest word id.
    words: usize,
    /// Keyed by token `g` of the document: its sums, one per stage.
    sums: SumCache,
    /// Keyed by word id; and by (word id, offset), plus one key per offset past a sentence's edge.
    own: SumCache,
    near: SumCache,
    word_rows: Vec<u32>,
    ctx_rows: Vec<u32>,
    near_rows: Vec<u32>,
}

impl<'a> StaticSums<'a> {
    fn new(
        hasher: Hasher,
        infos: &'a [Vec<TokInfo>],
        ids: &'a [u32],
        tables: &'a StaticTables<'a>,
    ) -> Self {
        let nt = tables.count();
        let n: usize = infos.iter().map(Vec::len).sum();
        let words = ids
            .iter()
            .filter(|&&id| id != NO_WORD)
            .map(|&id| id as usize + 1)
            .max()
            .unwrap_or(0);
        StaticSums {
            hasher,
            infos,
            ids,
            tables,
            nt,
            words,
            sums: SumCache::new(n, nt),
            own: SumCache::new(words, nt),
            near: SumCache::new((words + 1) * NEAR.len(), nt),
            word_rows: Vec::with_capacity(24),
            ctx_rows: Vec::with_capacity(24),
            near_rows: Vec::with_capacity(8),
        }
    }

    /// The sum of stage `k` of token `i` of sentence `si`, token `g` of the document.
    fn get(&mut self, si: usize, i: usize, g: usize, k: usize) -> Option<&[i32; N_TAGS]> {
        if !self.sums.is_known(Some(g)) {
            let mut acc = [[0i32; N_TAGS]; 2];
            let acc = acc.get_mut(..self.nt.min(2))?;
            self.compute(si, i, g, acc);
            self.sums.keep(g, acc);
        }
        self.sums.kept(Some(g))?.get(k)
    }

    fn compute(&mut self, si: usize, i: usize, g: usize, acc: &mut [[i32; N_TAGS]]) {
        let (hasher, ids, tables, words) = (self.hasher, self.ids, self.tables, self.words);
        let Some(info) = self.infos.get(si) else {
            return;
        };
        let id = ids.get(g).copied().unwrap_or(NO_WORD);
        let own_key = (id != NO_WORD).then_some(id as usize);
        let own_known = self.own.is_known(own_key);
        let (word_rows, ctx_rows) = (&mut self.word_rows, &mut self.ctx_rows);
        word_rows.clear();
        ctx_rows.clear();
        static_features_by(hasher, info, i, !own_known, false, |word_only, r| {
            if word_only {
                word_rows.push(r);
            } else {
                ctx_rows.push(r);
            }
        });
        tables.add_rows(&self.ctx_rows, acc);
        self.own.add(own_key, tables, &self.word_rows, acc);
        for (k, &d) in NEAR.iter().enumerate() {
            let j = i.checked_add_signed(d).filter(|&j| j < info.len());
            let key = match j {
                None => Some(words * NEAR.len() + k),
                Some(_) => g
                    .checked_add_signed(d)
                    .and_then(|h| ids.get(h))
                    .filter(|&&x| x != NO_WORD)
                    .map(|&x| x as usize * NEAR.len() + k),
            };
            self.near_rows.clear();
            if !self.near.is_known(key) {
                let near_rows = &mut self.near_rows;
                near_features_by(hasher, j.and_then(|j| info.get(j)), d, |r| {
                    near_rows.push(r)
                });
            }
            self.near.add(key, tables, &self.near_rows, acc);
        }
    }
}

/// Per-stage sums of rows that are the same wherever their key recurs, kept once computed.
struct SumCache {
    /// Per key: where its sums start in `sums` ([`UNSEEN`]: not computed yet). Sums are
    /// stored as computed, so only the keys in use take room (and nothing large is zeroed).
    slot: Vec<u32>,
    sums: Vec<[i32; N_TAGS]>,
    nt: usize,
}

/// A [`SumCache`] key whose sums are not computed yet.
const UNSEEN: u32 = u32::MAX;

impl SumCache {
    fn new(keys: usize, nt: usize) -> SumCache {
        SumCache {
            slot: vec![UNSEEN; keys],
            sums: Vec::new(),
            nt,
        }
    }

    /// The kept sums of `key`, if computed.
    fn kept(&self, key: Option<usize>) -> Option<&[[i32; N_TAGS]]> {
        let at = *self.slot.get(key?)?;
        if at == UNSEEN {
            return None;
        }
        self.sums.get(at as usize..at as usize + self.nt)
    }

    fn is_known(&self, key: Option<usize>) -> bool {
        self.kept(key).is_some()
    }

    /// Keep `sums` as the sums of `key`.
    fn keep(&mut self, key: usize, sums: &[[i32; N_TAGS]]) {
        let at = u32::try_from(self.sums.len()).unwrap_or(UNSEEN);
        if let Some(slot) = self.slot.get_mut(key) {
            if at != UNSEEN && sums.len() == self.nt {
                *slot = at;
                self.sums.extend_from_slice(sums);
            }
        }
    }

    /// Add the sums of `key` to `acc`: the kept ones when known, else those of `rows`, kept
    /// for next time (`None`: a key that is never kept).
    fn add(
        &mut self,
        key: Option<usize>,
        tables: &StaticTables,
        rows: &[u32],
        acc: &mut [[i32; N_TAGS]],
    ) {
        let mut fresh = [[0i32; N_TAGS]; 2];
        let sums: &[[i32; N_TAGS]] = match self.kept(key) {
            Some(s) => s,
            None => {
                let fresh = &mut fresh[..self.nt.min(2)];
                tables.add_rows(rows, fresh);
                if let Some(k) = key {
                    self.keep(k, fresh);
                }
                fresh
            }
        };
        add_sums(acc, sums);
    }
}

/// `acc[k] += sums[k]` for each stage `k`.
#[inline]
fn add_sums(acc: &mut [[i32; N_TAGS]], sums: &[[i32; N_TAGS]]) {
    for (a, w) in acc.iter_mut().zip(sums) {
        for (x, y) in a.iter_mut().zip(w) {
            *x += y;
        }
    }
}

/// Scores of a token: its static sum plus its dynamic rows.
#[inline]
fn scores_with(
    table: &RowTable,
    scale: f32,
    base: Option<&[i32; N_TAGS]>,
    dynamic: &[u32],
) -> [f32; N_TAGS] {
    let mut acc = base.copied().unwrap_or([0; N_TAGS]);
    add_rows(table, dynamic, &mut acc);
    acc.map(|a| a as f32 * scale)
}

impl Model {
    /// Tag a document (sentences of words) with this model: tags and margins. A two-stage
    /// model tags it twice; the second stage sees the first stage's labels. Same tags as
    /// [`Decoder::decode_doc`] with this model's weights (the static rows' sums are computed
    /// once per token for both stages, the word-only ones once per distinct word).
    pub fn tag_doc(&self, doc: &[Vec<&str>]) -> Vec<Vec<(Tag, f32)>> {
        self.tag_stages(doc, true, true)
    }

    /// [`Model::tag_doc`] scoring every token, the plain ones too: for what training learns
    /// from (names mined from unlabelled text), so that the tagging shortcut never changes a
    /// model.
    pub fn tag_doc_scoring_all(&self, doc: &[Vec<&str>]) -> Vec<Vec<(Tag, f32)>> {
        self.tag_stages(doc, true, false)
    }

    /// First-stage tags only, every token scored (for training a second stage on this
    /// model's labels).
    pub fn tag_doc_stage1(&self, doc: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        self.tag_stages(doc, false, false)
            .into_iter()
            .map(|s| s.into_iter().map(|x| x.0).collect())
            .collect()
    }

    /// Tag with the first stage, and the second if `second`; `skip`: tag the plain tokens
    /// ([`plain_tokens`]) unscored.
    fn tag_stages(&self, doc: &[Vec<&str>], second: bool, skip: bool) -> Vec<Vec<(Tag, f32)>> {
        let dec = Decoder::for_model(self);
        let (infos, ids) = dec.token_infos(doc, |_| false);
        let stage2 = if second { self.stage2.as_ref() } else { None };
        // A loaded two-stage model has its pairs; one put together otherwise gets them here.
        let built;
        let tables = match (stage2, &self.pairs) {
            (Some(_), Some(pairs)) => StaticTables::Both(pairs),
            (Some((_, rows2)), None) => {
                built = stage_pairs(&self.rows, rows2);
                StaticTables::Both(&built)
            }
            (None, _) => StaticTables::One(&self.rows),
        };
        let plain = if skip {
            plain_tokens(&infos)
        } else {
            Vec::new()
        };
        let mut sums = StaticSums::new(self.hasher, &infos, &ids, &tables);
        let first = dec.decode_by(&infos, None, &plain, |si, i, g, dynamic, p1| {
            let s = scores_with(&self.rows, self.scale, sums.get(si, i, g, 0), dynamic);
            best_tag(&s, p1)
        });
        let Some((scale2, rows2)) = stage2 else {
            return first;
        };
        let tags: Vec<Vec<Tag>> = first
            .iter()
            .map(|s| s.iter().map(|x| x.0).collect())
            .collect();
        dec.decode_by(&infos, Some(&tags), &plain, |si, i, g, dynamic, p1| {
            let s = scores_with(rows2, *scale2, sums.get(si, i, g, 1), dynamic);
            best_tag(&s, p1)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast tagging path gives exactly the tags and margins of the generic decoder.
    #[test]
    fn tag_doc_matches_decode_doc() {
        let Ok(m) = super::super::model() else {
            panic!("the embedded model loads")
        };
        let doc: Vec<Vec<&str>> = vec![
            "SOCCER - LEEDS BEAT CHELSEA 2-1 IN LONDON"
                .split(' ')
                .collect(),
            "Leeds United beat Chelsea at Stamford Bridge on Saturday , said John Smith ."
                .split(' ')
                .collect(),
            "Smith told Reuters in London that Leeds would play in Europe ."
                .split(' ')
                .collect(),
            "The the THE , , Leeds Chelsea smith O'Neill-Jones U.S. 3.5 % Zürich"
                .split(' ')
                .collect(),
        ];
        let dec = Decoder::for_model(m);
        let prep = dec.prepare(&doc);
        let plain = plain_tokens(&prep.infos);
        let first = dec.decode_doc(
            &prep,
            None,
            &plain,
            |f| table_scores(&m.rows, m.scale, f),
            |_, _, _, _| {},
        );
        let expect = match &m.stage2 {
            None => first,
            Some((scale2, rows2)) => {
                let tags: Vec<Vec<Tag>> = first
                    .iter()
                    .map(|s| s.iter().map(|x| x.0).collect())
                    .collect();
                dec.decode_doc(
                    &prep,
                    Some(&tags),
                    &plain,
                    |f| table_scores(rows2, *scale2, f),
                    |_, _, _, _| {},
                )
            }
        };
        // The stages' pairs built on load and built when tagging give the same result.
        assert_eq!(m.pairs.is_some(), m.stage2.is_some());
        let mut apart = m.clone();
        apart.pairs = None;
        for got in [m.tag_doc(&doc), apart.tag_doc(&doc)] {
            assert_eq!(got.len(), expect.len());
            for (a, b) in got.iter().zip(&expect) {
                assert_eq!(a.len(), b.len());
                for (x, y) in a.iter().zip(b) {
                    assert_eq!(x.0, y.0);
                    assert_eq!(x.1.to_bits(), y.1.to_bits());
                }
            }
        }
    }
}
