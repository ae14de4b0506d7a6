//! Training: averaged perceptron over greedy decoding (the decoder's own earlier decisions are
//! the history features, as at tagging time), documents shuffled each epoch by a seeded
//! generator, integer weights so a run is exactly reproducible. Several seeded runs may be
//! averaged; then quantisation to i16. A second stage ([`TwoStage`]) is trained the same way
//! on top of a first-stage model, from first-stage tags its training documents never shaped.

use super::conll::Document;
use super::decode::Decoder;
use super::features::Hasher;
use super::model::{sparse, to_bytes, Lexicons, Model, ModelError};
use super::score::Scorer;
use super::tags::{Tag, N_TAGS};

#[derive(Clone, Debug)]
pub struct TrainConfig {
    pub hash_bits: u8,
    pub epochs: usize,
    pub seed: u64,
    /// Weights with |w| below this quantile of the non-zero magnitudes are dropped.
    pub prune_quantile: f64,
    /// Independent runs (seeds `seed`, `seed + 1`, ...) whose averaged weights are averaged.
    pub runs: usize,
    /// Probability of hiding a capitalised training word's identity (word dropout), so the
    /// model learns to tag names it has not seen from shape, classes and context.
    pub word_dropout: f64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            hash_bits: 20,
            epochs: 12,
            seed: 1,
            prune_quantile: 0.3,
            runs: 1,
            word_dropout: 0.0,
        }
    }
}

/// Small deterministic generator (xorshift64*) for shuffling.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

/// Perceptron state: current weights and the running sums for averaging.
pub struct Perceptron {
    pub bits: u8,
    w: Vec<i32>,
    u: Vec<i64>,
    c: i64,
}

impl Perceptron {
    pub fn new(bits: u8) -> Perceptron {
        let n = (1usize << bits) * N_TAGS;
        Perceptron {
            bits,
            w: vec![0; n],
            u: vec![0; n],
            c: 1,
        }
    }

    fn scores(&self, rows: &[u32]) -> [f32; N_TAGS] {
        let mut acc = [0i64; N_TAGS];
        for &r in rows {
            let base = r as usize * N_TAGS;
            if let Some(ws) = self.w.get(base..base + N_TAGS) {
                for (a, &x) in acc.iter_mut().zip(ws) {
                    *a += x as i64;
                }
            }
        }
        acc.map(|a| a as f32)
    }

    fn update(&mut self, rows: &[u32], gold: Tag, pred: Tag) {
        for &r in rows {
            for (tag, delta) in [(gold, 1i32), (pred, -1i32)] {
                let i = r as usize * N_TAGS + tag.id();
                if let (Some(w), Some(u)) = (self.w.get_mut(i), self.u.get_mut(i)) {
                    *w += delta;
                    *u += self.c * delta as i64;
                }
            }
        }
    }

    /// Averaged weights.
    pub fn averaged(&self) -> Vec<f32> {
        let c = self.c as f64;
        self.w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| (w as f64 - u as f64 / c) as f32)
            .collect()
    }
}

/// Words of a document as the decoder takes them.
pub fn doc_words(d: &Document) -> Vec<Vec<&str>> {
    d.sentences
        .iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect()
}

/// Train on one document: decode it with the current weights, update on every mistake.
/// `stage1`: the first stage's tags of the document when training a second stage.
pub fn train_doc(
    p: &mut Perceptron,
    dec: &Decoder,
    d: &Document,
    stage1: Option<&[Vec<Tag>]>,
    dropout: Option<(&mut Rng, f64)>,
) {
    let words = doc_words(d);
    let prep = match dropout {
        Some((rng, rate)) => {
            let cut = (rate.clamp(0.0, 1.0) * u32::MAX as f64) as u64;
            dec.prepare_with(&words, |_| rng.next_u64() >> 32 < cut)
        }
        None => dec.prepare(&words),
    };
    // Updates need the weights mutably while the decoder reads them: decode token by
    // token through a cell.
    let cell = std::cell::RefCell::new(&mut *p);
    dec.decode_doc(
        &prep,
        stage1,
        &[],
        |rows| cell.borrow().scores(rows),
        |si, i, rows, pred| {
            let gold = d
                .sentences
                .get(si)
                .and_then(|s| s.tags.get(i))
                .copied()
                .unwrap_or(Tag::O);
            let mut p = cell.borrow_mut();
            if pred != gold {
                p.update(rows, gold, pred);
            }
            p.c += 1;
        },
    );
}

/// Tag `docs` with a scoring function and score against gold (`stage1`: first-stage tags of
/// each document, for a second stage).
pub fn evaluate<S: FnMut(&[u32]) -> [f32; N_TAGS]>(
    dec: &Decoder,
    docs: &[Document],
    stage1: Option<&[Vec<Vec<Tag>>]>,
    mut score: S,
) -> Scorer {
    let mut sc = Scorer::default();
    for (k, d) in docs.iter().enumerate() {
        let words = doc_words(d);
        let prep = dec.prepare(&words);
        let s1 = stage1.and_then(|s| s.get(k)).map(Vec::as_slice);
        let tagged = dec.decode_doc(&prep, s1, &[], &mut score, |_, _, _, _| {});
        for (s, t) in d.sentences.iter().zip(&tagged) {
            let pred: Vec<Tag> = t.iter().map(|x| x.0).collect();
            sc.add(&s.tags, &pred);
        }
    }
    sc
}

/// Evaluate a model on documents with gold tags.
pub fn evaluate_model(m: &Model, docs: &[Document]) -> Scorer {
    let mut sc = Scorer::default();
    for d in docs {
        let tagged = m.tag_doc(&doc_words(d));
        for (s, t) in d.sentences.iter().zip(&tagged) {
            let pred: Vec<Tag> = t.iter().map(|x| x.0).collect();
            sc.add(&s.tags, &pred);
        }
    }
    sc
}

/// Quantise averaged weights to i16 with one scale (the largest weight maps to 32767).
/// Weights with |w| below the `prune_quantile` quantile of the non-zero magnitudes become 0,
/// which is what makes the file small. Why not 8 bits: perceptron weights span three orders
/// of magnitude and a score sums ~60 of them; every 8-bit codebook tried (linear, log,
/// k-means) lost 1-5 F1 points on dev, 16 bits lose nothing measurable.
/// Returns (scale, rows).
pub fn quantise(avg: &[f32], prune_quantile: f64) -> (f32, Vec<[i16; N_TAGS]>) {
    let mut mags: Vec<f32> = avg.iter().map(|w| w.abs()).filter(|&w| w > 0.0).collect();
    mags.sort_by(f32::total_cmp);
    let k = ((mags.len().saturating_sub(1)) as f64 * prune_quantile.clamp(0.0, 1.0)) as usize;
    let lo = mags.get(k).copied().unwrap_or(0.0);
    let hi = mags.last().copied().unwrap_or(1.0).max(1e-6);
    let scale = hi / 32767.0;
    let rows = avg
        .chunks(N_TAGS)
        .map(|ch| {
            let mut r = [0i16; N_TAGS];
            for (q, &w) in r.iter_mut().zip(ch) {
                if w.abs() >= lo && w.is_finite() {
                    *q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                }
            }
            r
        })
        .collect();
    (scale, rows)
}

/// Progress of one epoch, for the caller to print.
pub struct EpochReport {
    pub epoch: usize,
    pub dev_f1: Option<f64>,
}

/// A second stage to train on top of a first-stage model.
pub struct TwoStage<'a> {
    /// The first stage, written into the output file as is.
    pub first: &'a Model,
    /// First-stage tags of every training document, each from a model that never saw that
    /// document's labels (so they are as reliable as on new text).
    pub train_tags: &'a [Vec<Vec<Tag>>],
}

/// Train on `train` (dev F1 reported after each epoch through `report`); returns the model file.
///
/// `folds`, when given, are the gazetteers to use while training on the even-numbered and the
/// odd-numbered training documents (jackknifing: name lists mined by a model that never saw a
/// document's labels, so the lists look as reliable in training as on new text). Dev scoring
/// and the written model use `lex`.
pub fn train(
    cfg: &TrainConfig,
    train: &[Document],
    dev: &[Document],
    lex: &Lexicons,
    folds: Option<&[Lexicons; 2]>,
    two_stage: Option<&TwoStage>,
    mut report: impl FnMut(EpochReport),
) -> Result<Vec<u8>, ModelError> {
    let classes = lex.classes();
    let gazetteer = lex.gazetteer();
    let hasher = Hasher {
        bits: cfg.hash_bits as u32,
    };
    let dec = Decoder {
        hasher,
        classes: &classes,
        gazetteer: &gazetteer,
    };
    let fold_gaz: Option<[super::lexicon::Gazetteer; 2]> =
        folds.map(|f| [f[0].gazetteer(), f[1].gazetteer()]);
    let fold_dec: Option<[Decoder; 2]> = fold_gaz.as_ref().map(|g| {
        [
            Decoder {
                hasher,
                classes: &classes,
                gazetteer: &g[0],
            },
            Decoder {
                hasher,
                classes: &classes,
                gazetteer: &g[1],
            },
        ]
    });
    if let Some(ts) = two_stage {
        if ts.first.hasher.bits != hasher.bits {
            return Err(ModelError::Invalid(format!(
                "first stage has {} hash bits, second {}",
                ts.first.hasher.bits, hasher.bits
            )));
        }
    }
    let dev_stage1: Option<Vec<Vec<Vec<Tag>>>> = two_stage.map(|ts| {
        dev.iter()
            .map(|d| ts.first.tag_doc_stage1(&doc_words(d)))
            .collect()
    });
    let mut sum: Vec<f32> = Vec::new();
    for run in 0..cfg.runs.max(1) {
        let mut p = Perceptron::new(cfg.hash_bits);
        let mut rng = Rng::new(cfg.seed.wrapping_add(run as u64));
        let mut drop_rng = Rng::new(cfg.seed.wrapping_add(run as u64) ^ 0xd20b);
        let mut order: Vec<(usize, &Document)> = train.iter().enumerate().collect();
        for e in 0..cfg.epochs {
            rng.shuffle(&mut order);
            for &(i, d) in &order {
                let dec_i = fold_dec.as_ref().and_then(|f| f.get(i % 2)).unwrap_or(&dec);
                let s1 = two_stage
                    .and_then(|ts| ts.train_tags.get(i))
                    .map(Vec::as_slice);
                let dropout = (cfg.word_dropout > 0.0).then_some((&mut drop_rng, cfg.word_dropout));
                train_doc(&mut p, dec_i, d, s1, dropout);
            }
            let dev_f1 = (!dev.is_empty()).then(|| {
                let avg = p.averaged();
                evaluate(&dec, dev, dev_stage1.as_deref(), |rows| {
                    let mut acc = [0f32; N_TAGS];
                    for &r in rows {
                        let base = r as usize * N_TAGS;
                        if let Some(ws) = avg.get(base..base + N_TAGS) {
                            for (a, &x) in acc.iter_mut().zip(ws) {
                                *a += x;
                            }
                        }
                    }
                    acc
                })
                .overall()
                .f1()
            });
            report(EpochReport {
                epoch: run * cfg.epochs + e + 1,
                dev_f1,
            });
        }
        let avg = p.averaged();
        if sum.is_empty() {
            sum = avg;
        } else {
            for (s, a) in sum.iter_mut().zip(avg) {
                *s += a;
            }
        }
    }
    let (scale, rows) = quantise(&sum, cfg.prune_quantile);
    let rows = sparse(&rows);
    let stages = if two_stage.is_some() {
        "two stages"
    } else {
        "one stage"
    };
    let meta = format!(
        "averaged perceptron, greedy decoding, {stages}; hash_bits={} epochs={} seed={} runs={} word_dropout={} prune_quantile={}",
        cfg.hash_bits, cfg.epochs, cfg.seed, cfg.runs, cfg.word_dropout, cfg.prune_quantile
    );
    let bytes = match two_stage {
        None => to_bytes(cfg.hash_bits, (scale, &rows), None, lex, &meta),
        Some(ts) => {
            let first = ts.first.rows.entries();
            to_bytes(
                cfg.hash_bits,
                (ts.first.scale, &first),
                Some((scale, &rows)),
                lex,
                &meta,
            )
        }
    };
    Model::from_bytes(&bytes)?;
    Ok(bytes)
}
