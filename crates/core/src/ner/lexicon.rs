//! Word classes and gazetteers: the model's knowledge from outside the labelled data.
//!
//! - [`WordClasses`]: for frequent word forms of unlabelled news text, a hierarchical class id
//!   (`CLASS_BITS` bits, coarse to fine in 4-bit steps: the id's prefixes are the coarser
//!   classes) and a log-frequency bucket. Looked up by [`hash::bytes`] of the exact form.
//! - [`Gazetteer`]: phrases (token sequences, matched case-insensitively) with a bit mask of
//!   the lists they come from (countries, cities, ...). Looked up by the hash of their tokens.

use super::hash::{self, U64Map};

/// Bits of a class id; levels are its top 4, 8 and 12 bits.
pub const CLASS_BITS: u32 = 12;
/// Class id of a word the table does not know.
pub const NO_CLASS: u16 = u16::MAX;
/// Longest gazetteer phrase, in tokens.
pub const MAX_PHRASE: usize = 6;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordInfo {
    pub class: u16,
    /// 1 + floor(log2(count)), capped at 15; 0 = unknown word.
    pub freq: u8,
}

/// Word form → class and frequency.
#[derive(Clone, Debug, Default)]
pub struct WordClasses {
    map: U64Map<(u16, u8)>,
}

impl WordClasses {
    pub fn new(entries: impl IntoIterator<Item = (u64, WordInfo)>) -> WordClasses {
        let entries: Vec<_> = entries.into_iter().collect();
        let mut map = U64Map::with_capacity(entries.len());
        for (h, wi) in entries {
            map.insert(h, (wi.class, wi.freq));
        }
        WordClasses { map }
    }

    #[inline]
    pub fn get(&self, word_hash: u64) -> WordInfo {
        match self.map.get(word_hash) {
            Some((class, freq)) => WordInfo { class, freq },
            None => WordInfo {
                class: NO_CLASS,
                freq: 0,
            },
        }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Frequency bucket of a count.
pub fn freq_bucket(count: u64) -> u8 {
    if count == 0 {
        0
    } else {
        (1 + (63 - count.leading_zeros()) as u8).min(15)
    }
}

/// Phrase (lowercased tokens) → bit mask of the lists holding it.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    map: U64Map<u16>,
    /// Hashes of every proper prefix of a phrase, so matching stops early.
    prefixes: U64Map<u8>,
    pub n_lists: usize,
}

/// Hash of a phrase given its tokens' lowercase hashes.
#[inline]
pub fn phrase_step(h: u64, token_lower_hash: u64) -> u64 {
    hash::mix(h, token_lower_hash)
}

impl Gazetteer {
    /// Build from (tokens of the phrase, list index < 16).
    pub fn new<'a>(phrases: impl IntoIterator<Item = (Vec<&'a str>, usize)>) -> Gazetteer {
        let mut g = Gazetteer::default();
        for (tokens, list) in phrases {
            if tokens.is_empty() || tokens.len() > MAX_PHRASE || list >= 16 {
                continue;
            }
            let mut h = hash::SEED;
            let n = tokens.len();
            for (i, t) in tokens.iter().enumerate() {
                h = phrase_step(h, hash::lower(t));
                if i + 1 < n {
                    *g.prefixes.entry(h) = 1;
                }
            }
            *g.map.entry(h) |= 1 << list;
            g.n_lists = g.n_lists.max(list + 1);
        }
        g
    }

    /// For every token, a mask with bit `2*list` set where a phrase of `list` begins and bit
    /// `2*list + 1` where one continues. `lower[i]` is the lowercase hash of token i;
    /// `eligible[i]` says whether token i may be part of a match (capitalised, or any token of
    /// an all-capitals line).
    pub fn annotate(&self, lower: &[u64], eligible: &[bool], out: &mut [u32]) {
        if self.map.is_empty() {
            return;
        }
        for start in 0..lower.len() {
            if !eligible.get(start).copied().unwrap_or(false) {
                continue;
            }
            let mut h = hash::SEED;
            for end in start..lower.len().min(start + MAX_PHRASE) {
                let Some(&lh) = lower.get(end) else { break };
                h = phrase_step(h, lh);
                if let Some(mask) = self.map.get(h) {
                    for list in 0..16 {
                        if mask & (1 << list) != 0 {
                            for (k, o) in out.iter_mut().enumerate().take(end + 1).skip(start) {
                                *o |= 1 << (2 * list + usize::from(k > start));
                            }
                        }
                    }
                }
                if self.prefixes.get(h).is_none() {
                    break;
                }
            }
        }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}
