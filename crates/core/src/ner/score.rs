//! Entity-level scoring exactly as conlleval counts it: a predicted chunk is correct when a gold
//! chunk has the same start, end and type. Precision, recall and F1 overall and per type.

use super::tags::{chunks, Tag, N_TYPES};

/// Counts for one type (or overall).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub correct: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Accumulates chunk counts over sentences.
#[derive(Clone, Debug, Default)]
pub struct Scorer {
    pub per_type: [Counts; N_TYPES],
    pub tokens: usize,
}

impl Scorer {
    /// Add one sentence (gold and predicted tag sequences of equal length).
    pub fn add(&mut self, gold: &[Tag], pred: &[Tag]) {
        self.tokens += gold.len();
        let g = chunks(gold);
        let p = chunks(pred);
        for c in &g {
            if let Some(k) = self.per_type.get_mut(c.ty) {
                k.gold += 1;
            }
        }
        for c in &p {
            if let Some(k) = self.per_type.get_mut(c.ty) {
                k.predicted += 1;
                if g.binary_search(c).is_ok() {
                    k.correct += 1;
                }
            }
        }
    }

    pub fn overall(&self) -> Counts {
        let mut o = Counts::default();
        for k in &self.per_type {
            o.correct += k.correct;
            o.predicted += k.predicted;
            o.gold += k.gold;
        }
        o
    }
}
