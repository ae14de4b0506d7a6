//! Training: averaged perceptron over greedy decoding (the decoder's own earlier decisions are
//! the history features, as at tagging time), documents shuffled each epoch by a seeded
//! generator, integer weights so a run is exactly reproducible. Then quantisation to i8.

use super::conll::Document;
use super::decode::Decoder;
use super::features::Hasher;
use super::model::{to_bytes, Lexicons, Model, ModelError};
use super::score::Scorer;
use super::tags::{Tag, N_TAGS};

#[derive(Clone, Debug)]
pub struct TrainConfig {
    pub hash_bits: u8,
    pub epochs: usize,
    pub seed: u64,
    /// Weights with |w| below this quantile of the non-zero magnitudes are dropped.
    pub prune_quantile: f64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            hash_bits: 20,
            epochs: 12,
            seed: 1,
            prune_quantile: 0.3,
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

/// One training epoch over `docs` in the given order.
pub fn epoch(p: &mut Perceptron, dec: &Decoder, docs: &[&Document]) {
    for d in docs {
        let words = doc_words(d);
        // Updates need the weights mutably while the decoder reads them: decode token by
        // token through a cell.
        let cell = std::cell::RefCell::new(&mut *p);
        dec.decode_doc(
            &words,
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
}

/// Tag `docs` with a scoring function and score against gold.
pub fn evaluate<S: FnMut(&[u32]) -> [f32; N_TAGS]>(
    dec: &Decoder,
    docs: &[Document],
    mut score: S,
) -> Scorer {
    let mut sc = Scorer::default();
    for d in docs {
        let words = doc_words(d);
        let tagged = dec.decode_doc(&words, &mut score, |_, _, _, _| {});
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
    let mut p = Perceptron::new(cfg.hash_bits);
    let mut rng = Rng::new(cfg.seed);
    let mut order: Vec<(usize, &Document)> = train.iter().enumerate().collect();
    for e in 0..cfg.epochs {
        rng.shuffle(&mut order);
        for &(i, d) in &order {
            let dec_i = fold_dec.as_ref().and_then(|f| f.get(i % 2)).unwrap_or(&dec);
            epoch(&mut p, dec_i, &[d]);
        }
        let dev_f1 = (!dev.is_empty()).then(|| {
            let avg = p.averaged();
            evaluate(&dec, dev, |rows| {
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
            epoch: e + 1,
            dev_f1,
        });
    }
    let (scale, rows) = quantise(&p.averaged(), cfg.prune_quantile);
    let meta = format!(
        "averaged perceptron, greedy decoding; hash_bits={} epochs={} seed={} prune_quantile={}",
        cfg.hash_bits, cfg.epochs, cfg.seed, cfg.prune_quantile
    );
    let bytes = to_bytes(cfg.hash_bits, scale, &rows, lex, &meta);
    Model::from_bytes(&bytes)?;
    Ok(bytes)
}
