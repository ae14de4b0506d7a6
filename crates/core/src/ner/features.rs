//! Feature extraction: every feature is a hash of (template, value) reduced to a row of the
//! weight table (`hash_bits` bits). Static features depend on the words only and are computed
//! once per token; dynamic ones depend on earlier decisions (previous tags, labels given to the
//! same word earlier in the document) and are added during decoding.
//!
//! Invariant: feature extraction is deterministic and identical in training and tagging; the
//! template ids and value encodings are part of the model format.

use super::hash::{self, mix};
use super::lexicon::{Gazetteer, WordClasses, NO_CLASS};
use super::tags::{Tag, N_TYPES};

// Token flags.
const INIT_CAP: u16 = 1;
const ALL_CAPS: u16 = 2;
const HAS_DIGIT: u16 = 4;
const HAS_HYPHEN: u16 = 8;
const PUNCT: u16 = 16;
const HAS_PERIOD: u16 = 32;
const HAS_ALPHA: u16 = 64;
const FIRST: u16 = 128;
const CAPS_LINE: u16 = 256;
const MIXED: u16 = 512;
const TABLE_LINE: u16 = 1024;

/// What a token contributes to its own and its neighbours' features.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokInfo {
    pub w: u64,
    pub lw: u64,
    pub shape: u64,
    pub sshape: u64,
    pub pre: [u64; 4],
    pub suf: [u64; 4],
    pub class: u16,
    pub lclass: u16,
    pub freq: u8,
    pub lfreq: u8,
    pub flags: u16,
    pub gaz: u32,
    /// The document's topic word (see [`set_topic`]), 0 if none.
    pub topic: u64,
}

/// Word hash of a token whose identity training hid (word dropout, see `train`).
pub const DROPPED_WORD: u64 = 0x6472_6f70_7065_6400;

impl TokInfo {
    /// Hide the word's identity (exact and lowercase form), keeping its shape, affixes,
    /// classes and gazetteer matches: the model must then tag it like an unseen name.
    pub fn drop_word(&mut self) {
        self.w = DROPPED_WORD;
        self.lw = DROPPED_WORD;
    }

    /// Whether the token starts with a capital (the tokens document history tracks).
    pub fn is_capitalised(&self) -> bool {
        self.flags & INIT_CAP != 0
    }
}

/// Shape class of a char: X, x, d, or the char itself for ASCII punctuation, else `o`.
fn shape_char(c: char) -> u8 {
    if c.is_uppercase() {
        b'X'
    } else if c.is_lowercase() {
        b'x'
    } else if c.is_numeric() {
        b'd'
    } else if c.is_ascii() {
        c as u8
    } else if c.is_alphabetic() {
        b'a'
    } else {
        b'o'
    }
}

/// Compute the per-token information of one sentence.
pub fn sentence_info(words: &[&str], classes: &WordClasses, gaz: &Gazetteer) -> Vec<TokInfo> {
    sentence_info_cached(
        words,
        classes,
        gaz,
        &mut WordCache::default(),
        &mut Vec::new(),
    )
}

/// The word-only part of [`TokInfo`] (hashes, shapes, affixes, classes, frequencies, flags
/// of the word itself) of the words seen so far in a document: words repeat, and computing
/// it costs more than looking it up.
#[derive(Default)]
pub struct WordCache<'w> {
    /// Word hash → index in `infos`.
    index: super::hash::U64Map<u32>,
    infos: Vec<(&'w str, TokInfo)>,
    /// A sentence's gazetteer input and output, kept between sentences (no allocation each).
    lower: Vec<u64>,
    eligible: Vec<bool>,
    masks: Vec<u32>,
}

impl<'w> WordCache<'w> {
    /// The word's information and its id in this cache (`None` for a word not cached).
    fn info(&mut self, word: &'w str, classes: &WordClasses) -> (TokInfo, Option<u32>) {
        let w = hash::bytes(word.as_bytes());
        // Index + 1 (0 = absent).
        let slot = self.index.get(w).unwrap_or(0);
        if let Some(i) = slot.checked_sub(1) {
            if let Some((seen, t)) = self.infos.get(i as usize) {
                // A different word with the same hash is computed afresh, never shared.
                if *seen == word {
                    return (*t, Some(i));
                }
            }
        }
        let t = token_info(word, classes);
        if slot == 0 {
            if let Ok(n) = u32::try_from(self.infos.len() + 1) {
                self.infos.push((word, t));
                self.index.insert(w, n);
                return (t, Some(n - 1));
            }
        }
        (t, None)
    }

    /// Number of words cached.
    pub fn len(&self) -> usize {
        self.infos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.infos.is_empty()
    }
}

/// Word id of a token whose word is not in the [`WordCache`].
pub const NO_WORD: u32 = u32::MAX;

/// [`sentence_info`], reusing (and adding to) the word information of `cache`; pushes each
/// token's word id in the cache (or [`NO_WORD`]) to `ids`.
pub fn sentence_info_cached<'w>(
    words: &[&'w str],
    classes: &WordClasses,
    gaz: &Gazetteer,
    cache: &mut WordCache<'w>,
    ids: &mut Vec<u32>,
) -> Vec<TokInfo> {
    let mut out: Vec<TokInfo> = words
        .iter()
        .map(|w| {
            let (t, id) = cache.info(w, classes);
            ids.push(id.unwrap_or(NO_WORD));
            t
        })
        .collect();
    let alpha = out.iter().filter(|t| t.flags & HAS_ALPHA != 0).count();
    let caps = out.iter().filter(|t| t.flags & ALL_CAPS != 0).count();
    // A headline or sports-table line in capitals: case says nothing there.
    let caps_line = alpha >= 2 && caps * 10 >= alpha * 8;
    // A results-table row ("Bolton 2 Newcastle 1", "Smith ( Kenya ) 27:30.1"): numbers
    // make up much of the line.
    let digits = out.iter().filter(|t| t.flags & HAS_DIGIT != 0).count();
    let table_line = digits >= 1 && digits * 10 >= out.len() * 3;
    for (i, t) in out.iter_mut().enumerate() {
        if i == 0 {
            t.flags |= FIRST;
        }
        if caps_line {
            t.flags |= CAPS_LINE;
        }
        if table_line {
            t.flags |= TABLE_LINE;
        }
    }
    if !gaz.is_empty() {
        let (lower, eligible, masks) = (&mut cache.lower, &mut cache.eligible, &mut cache.masks);
        lower.clear();
        lower.extend(out.iter().map(|t| t.lw));
        eligible.clear();
        eligible.extend(out.iter().map(|t| t.flags & (INIT_CAP | CAPS_LINE) != 0));
        masks.clear();
        masks.resize(out.len(), 0);
        gaz.annotate(lower, eligible, masks);
        for (t, &m) in out.iter_mut().zip(masks.iter()) {
            t.gaz = m;
        }
    }
    out
}

fn token_info(word: &str, classes: &WordClasses) -> TokInfo {
    let mut t = TokInfo {
        w: hash::bytes(word.as_bytes()),
        lw: hash::lower(word),
        ..TokInfo::default()
    };
    // Shapes: full (runs capped at 4) and short (runs collapsed).
    let (mut shape, mut sshape) = (hash::SEED, hash::SEED);
    let (mut last, mut run) = (0u8, 0u32);
    let (mut upper, mut lower, mut alpha, mut n) = (0usize, 0usize, 0usize, 0usize);
    let mut all_punct = true;
    for c in word.chars() {
        n += 1;
        let s = shape_char(c);
        if s == last {
            run += 1;
        } else {
            run = 1;
            sshape = hash::step(sshape, s);
        }
        if run <= 4 {
            shape = hash::step(shape, s);
        }
        last = s;
        match s {
            b'X' => upper += 1,
            b'x' => lower += 1,
            b'd' => t.flags |= HAS_DIGIT,
            b'-' => t.flags |= HAS_HYPHEN,
            b'.' => t.flags |= HAS_PERIOD,
            _ => {}
        }
        if c.is_alphabetic() {
            alpha += 1;
        }
        if c.is_alphanumeric() {
            all_punct = false;
        }
    }
    t.shape = shape;
    t.sshape = sshape;
    if word.chars().next().is_some_and(char::is_uppercase) {
        t.flags |= INIT_CAP;
    }
    if upper > 0 && lower == 0 {
        t.flags |= ALL_CAPS;
    }
    if alpha > 0 {
        t.flags |= HAS_ALPHA;
    }
    if all_punct && n > 0 {
        t.flags |= PUNCT;
    }
    if upper > 1 && lower > 0 {
        t.flags |= MIXED;
    }
    // Prefixes of the exact form, suffixes of the lowercase form (shape carries case).
    let mut h = hash::SEED;
    for (k, c) in word.chars().take(4).enumerate() {
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h = hash::step(h, b);
        }
        if let Some(p) = t.pre.get_mut(k) {
            *p = h;
        }
    }
    let mut h = hash::SEED;
    for (k, c) in word.chars().rev().take(4).enumerate() {
        for l in c.to_lowercase() {
            let mut buf = [0u8; 4];
            for &b in l.encode_utf8(&mut buf).as_bytes() {
                h = hash::step(h, b);
            }
        }
        if let Some(p) = t.suf.get_mut(k) {
            *p = h;
        }
    }
    let wi = classes.get(t.w);
    t.class = wi.class;
    t.freq = wi.freq;
    // `lw` is FNV-1a over the lowercase bytes, so it is also the exact-form key of the
    // lowercase word in the class table.
    let li = classes.get(t.lw);
    t.lclass = li.class;
    t.lfreq = li.freq;
    t
}

/// Name particles: lowercase words that do begin names ("de Klerk", "van Gaal", "bin Salman",
/// "al Qaeda"), so [`plain_tokens`] never skips them.
const PARTICLES: [&str; 30] = [
    "de", "da", "di", "do", "du", "dos", "das", "del", "della", "der", "den", "van", "von", "ter",
    "ten", "zu", "le", "la", "lo", "al", "el", "bin", "ibn", "ben", "bint", "abu", "mac", "st",
    "y", "e",
];

/// For every token of a document (flattened): whether tagging may give it `O` without scoring
/// it when the previous tag is `O`. Those are punctuation tokens and the words of lowercase
/// letters alone (short shape "x": no digit, hyphen or apostrophe) other than [`PARTICLES`],
/// in sentences that have a capitalised word (in a text written all in lowercase, case says
/// nothing). After an `O` such a token almost never begins a name (in CoNLL-2003 train, 18
/// lowercase words in 101,327: "Serie A", "interior ministry", "de"; 1 punctuation token in
/// 18,369, an annotation slip), and they are over half of news text, so tagging skips them
/// and computes the model's scores for the rest.
pub fn plain_tokens(infos: &[Vec<TokInfo>]) -> Vec<bool> {
    let lower = hash::step(hash::SEED, b'x');
    let particles: Vec<u64> = PARTICLES
        .iter()
        .map(|p| hash::bytes(p.as_bytes()))
        .collect();
    // One bit per particle's hash (mod 64): most words are ruled out without the list.
    let bloom = particles.iter().fold(0u64, |m, &h| m | 1 << (h & 63));
    let particle = |lw: u64| bloom & 1 << (lw & 63) != 0 && particles.contains(&lw);
    let mut out = Vec::with_capacity(infos.iter().map(Vec::len).sum());
    for info in infos {
        let cased = info.iter().any(TokInfo::is_capitalised);
        out.extend(
            info.iter()
                .map(|t| cased && (t.flags & PUNCT != 0 || t.sshape == lower && !particle(t.lw))),
        );
    }
    out
}

/// Mark every token with the document's topic word: the first word of a document whose first
/// line is a capitals headline of the wire form "SOCCER - ...", "CRICKET - ...", "GOLF - ...".
/// Sports result tables name clubs after their towns; the topic tells the model so.
pub fn set_topic(infos: &mut [Vec<TokInfo>], doc: &[Vec<&str>]) {
    let first = infos.first().and_then(|s| s.first()).copied();
    let dash = doc
        .first()
        .and_then(|s| s.get(1))
        .is_some_and(|w| *w == "-");
    let topic = match first {
        Some(t) if dash && t.flags & ALL_CAPS != 0 && t.flags & HAS_ALPHA != 0 => t.lw,
        _ => 0,
    };
    for s in infos.iter_mut() {
        for t in s.iter_mut() {
            t.topic = topic;
        }
    }
}

/// Template ids (part of the model format).
mod t {
    pub const BIAS: u64 = 1;
    pub const W: u64 = 2;
    pub const LW: u64 = 3;
    pub const LW_M1: u64 = 4;
    pub const LW_P1: u64 = 5;
    pub const LW_M2: u64 = 6;
    pub const LW_P2: u64 = 7;
    pub const SSHAPE: u64 = 8;
    pub const SHAPE: u64 = 9;
    pub const SSHAPE_M1: u64 = 10;
    pub const SSHAPE_P1: u64 = 11;
    pub const SSHAPE_M1_0: u64 = 12;
    pub const SSHAPE_0_P1: u64 = 13;
    pub const PRE: u64 = 14; // +k, k < 4
    pub const SUF: u64 = 18; // +k, k < 4
    pub const LW_M1_0: u64 = 22;
    pub const LW_0_P1: u64 = 23;
    pub const CLASS: u64 = 24; // +level, level < 3
    pub const CLASS_M1: u64 = 27; // +level
    pub const CLASS_P1: u64 = 30; // +level
    pub const LCLASS: u64 = 33;
    pub const FREQ_SHAPE: u64 = 34;
    pub const LFREQ_SHAPE: u64 = 35;
    pub const FIRST_SHAPE: u64 = 36;
    pub const CAPS_SHAPE: u64 = 37;
    pub const GAZ: u64 = 38;
    pub const GAZ_M1: u64 = 39;
    pub const GAZ_P1: u64 = 40;
    pub const FLAGS: u64 = 41;
    pub const CLASS_M2: u64 = 42;
    pub const CLASS_P2: u64 = 43;
    pub const SSHAPE_M2: u64 = 44;
    pub const SSHAPE_P2: u64 = 45;
    pub const W_M1: u64 = 46;
    pub const W_P1: u64 = 47;
    pub const TOPIC_SHAPE: u64 = 53;
    pub const TOPIC_GAZ: u64 = 54;
    pub const TOPIC_CLASS: u64 = 55;
    pub const TOPIC_TABLE: u64 = 56;
    pub const TOPIC_LW: u64 = 57;
    // Dynamic.
    pub const P1: u64 = 100;
    pub const P2P1: u64 = 101;
    pub const P1_LW: u64 = 102;
    pub const P1_SHAPE: u64 = 103;
    pub const HIST: u64 = 104;
    pub const HIST_SHAPE: u64 = 105;
    pub const P1_CLASS: u64 = 106;
    // Second stage: what the first stage said (see [`Aggregate`]).
    pub const A_OWN: u64 = 120;
    pub const A_L1: u64 = 121;
    pub const A_R1: u64 = 122;
    pub const A_L1_R1: u64 = 123;
    pub const A_R2: u64 = 124;
    pub const A_DOC: u64 = 125;
    pub const A_DOC_MAJ: u64 = 126;
    pub const A_DOC_MAJ_OWN: u64 = 127;
    pub const A_DOC_MAJ_FLAGS: u64 = 128;
    pub const A_DOC_OTHER: u64 = 129;
}

/// Maps feature hashes to weight rows.
#[derive(Clone, Copy, Debug)]
pub struct Hasher {
    pub bits: u32,
}

impl Hasher {
    #[inline]
    pub fn row(&self, template: u64, value: u64) -> u32 {
        (mix(template.wrapping_mul(0x2545_f491_4f6c_dd1d), value) >> (64 - self.bits)) as u32
    }
}

const PAD: [u64; 5] = [0x51ed_2701, 0x51ed_2702, 0, 0x51ed_2703, 0x51ed_2704];

/// What stands for a neighbour at offset `d` past the sentence's edge.
#[inline]
fn pad(d: isize) -> u64 {
    PAD[(d + 2).clamp(0, 4) as usize]
}

/// Static feature rows of token `i` of a sentence, appended to `out`.
pub fn static_features(h: Hasher, s: &[TokInfo], i: usize, out: &mut Vec<u32>) {
    static_features_by(h, s, i, true, true, |_, r| out.push(r));
}

/// The offsets of the neighbours whose word alone gives rows of a token ([`near_features_by`]).
pub const NEAR: [isize; 4] = [-2, -1, 1, 2];

/// Static feature rows of token `i`, each given to `emit` with whether it depends on the word
/// alone (its hashes, shapes, affixes, classes and frequency, not its neighbours or line):
/// those rows are the same for every occurrence of the word, so a caller may compute them
/// once per word and ask for them only once (`own = false` leaves them out). Likewise the
/// rows that depend on one neighbour's word alone ([`near_features_by`], for each offset of
/// [`NEAR`]) are the same wherever that word stands at that offset: `near = false` leaves them
/// out. With both, these are the rows of [`static_features`] (the order of a token's rows
/// does not matter: tagging and training sum or update them one by one).
pub fn static_features_by(
    h: Hasher,
    s: &[TokInfo],
    i: usize,
    own: bool,
    near: bool,
    mut emit: impl FnMut(bool, u32),
) {
    let Some(t) = s.get(i) else { return };
    let at = |d: isize| -> Option<&TokInfo> { i.checked_add_signed(d).and_then(|j| s.get(j)) };
    let lw = |d: isize| at(d).map_or(pad(d), |x| x.lw);
    let ss = |d: isize| at(d).map_or(pad(d), |x| x.sshape);
    if near {
        for d in NEAR {
            near_features_by(h, at(d), d, |r| emit(false, r));
        }
    }
    let mut f = |word_only: bool, tpl: u64, v: u64| {
        if own || !word_only {
            emit(word_only, h.row(tpl, v));
        }
    };
    f(true, t::BIAS, 0);
    f(true, t::W, t.w);
    f(true, t::LW, t.lw);
    f(true, t::SSHAPE, t.sshape);
    f(true, t::SHAPE, t.shape);
    f(false, t::SSHAPE_M1_0, mix(ss(-1), t.sshape));
    f(false, t::SSHAPE_0_P1, mix(t.sshape, ss(1)));
    for k in 0..4 {
        if t.pre[k] != 0 {
            f(true, t::PRE + k as u64, t.pre[k]);
        }
        if t.suf[k] != 0 {
            f(true, t::SUF + k as u64, t.suf[k]);
        }
    }
    f(false, t::LW_M1_0, mix(lw(-1), t.lw));
    f(false, t::LW_0_P1, mix(t.lw, lw(1)));
    for level in 0..3 {
        f(true, t::CLASS + level as u64, class_at(t.class, level));
    }
    if t.lclass != t.class {
        f(true, t::LCLASS, class_at(t.lclass, 2));
    }
    f(true, t::FREQ_SHAPE, mix(t.freq as u64, t.sshape));
    f(
        false,
        t::LFREQ_SHAPE,
        mix(
            (t.lfreq as u64) << 1 | u64::from(t.flags & FIRST != 0),
            t.sshape,
        ),
    );
    if t.flags & FIRST != 0 {
        f(false, t::FIRST_SHAPE, t.shape);
    }
    if t.flags & CAPS_LINE != 0 {
        f(false, t::CAPS_SHAPE, t.shape);
    }
    if t.topic != 0 {
        f(false, t::TOPIC_SHAPE, mix(t.topic, t.sshape));
        f(false, t::TOPIC_CLASS, mix(t.topic, class_at(t.class, 1)));
        f(
            false,
            t::TOPIC_TABLE,
            mix(t.topic, mix(u64::from(t.flags & TABLE_LINE != 0), t.sshape)),
        );
        f(false, t::TOPIC_LW, mix(t.topic, t.lw));
        let topic = t.topic;
        gaz_features(
            &mut |tpl, v| f(false, tpl, mix(topic, v)),
            t::TOPIC_GAZ,
            t.gaz,
        );
    }
    f(false, t::FLAGS, (t.flags & !TABLE_LINE) as u64);
    gaz_features(&mut |tpl, v| f(false, tpl, v), t::GAZ, t.gaz);
    gaz_features(
        &mut |tpl, v| f(false, tpl, v),
        t::GAZ_M1,
        at(-1).map_or(0, |x| x.gaz),
    );
    gaz_features(
        &mut |tpl, v| f(false, tpl, v),
        t::GAZ_P1,
        at(1).map_or(0, |x| x.gaz),
    );
}

/// Rows a token gets from the word of its neighbour `x` at offset `d` (one of [`NEAR`]; `None`
/// past the sentence's edge): its words, short shape and classes at that offset. They depend
/// on that word and `d` alone.
pub fn near_features_by(h: Hasher, x: Option<&TokInfo>, d: isize, mut emit: impl FnMut(u32)) {
    let pad = pad(d);
    let lw = x.map_or(pad, |x| x.lw);
    let ss = x.map_or(pad, |x| x.sshape);
    let cls = |level: u32| x.map_or(pad, |x| class_at(x.class, level));
    let mut f = |tpl: u64, v: u64| emit(h.row(tpl, v));
    match d {
        -1 => {
            f(t::LW_M1, lw);
            f(t::W_M1, x.map_or(pad, |x| x.w));
            f(t::SSHAPE_M1, ss);
            for level in 0..3 {
                f(t::CLASS_M1 + level as u64, cls(level));
            }
        }
        1 => {
            f(t::LW_P1, lw);
            f(t::W_P1, x.map_or(pad, |x| x.w));
            f(t::SSHAPE_P1, ss);
            for level in 0..3 {
                f(t::CLASS_P1 + level as u64, cls(level));
            }
        }
        -2 => {
            f(t::LW_M2, lw);
            f(t::SSHAPE_M2, ss);
            f(t::CLASS_M2, cls(1));
        }
        2 => {
            f(t::LW_P2, lw);
            f(t::SSHAPE_P2, ss);
            f(t::CLASS_P2, cls(1));
        }
        _ => {}
    }
}

fn gaz_features(f: &mut impl FnMut(u64, u64), tpl: u64, mut mask: u32) {
    while mask != 0 {
        let bit = mask.trailing_zeros();
        f(tpl, bit as u64 + 1);
        mask &= mask - 1;
    }
}

/// Class id at `level` (0 = coarsest), tagged with the level; unknown words share one value.
#[inline]
fn class_at(class: u16, level: u32) -> u64 {
    if class == NO_CLASS {
        return 0xdead;
    }
    let shift = 8 - 4 * level.min(2);
    ((class as u64) >> shift) | ((level as u64 + 1) << 16)
}

/// What earlier decisions in the document say about a token.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context {
    pub p1: Tag,
    pub p2: Tag,
    /// Entity type most often given to this word earlier in the document, plus one (0 = none).
    pub hist: u8,
}

/// Dynamic feature rows of token `t` in context `c`, appended to `out`.
pub fn dynamic_features(h: Hasher, t: &TokInfo, c: Context, out: &mut Vec<u32>) {
    let p1 = c.p1.id() as u64;
    let p2 = c.p2.id() as u64;
    out.push(h.row(t::P1, p1));
    out.push(h.row(t::P2P1, p2 * 16 + p1));
    out.push(h.row(t::P1_LW, mix(p1, t.lw)));
    out.push(h.row(t::P1_SHAPE, mix(p1, t.sshape)));
    out.push(h.row(t::P1_CLASS, mix(p1, class_at(t.class, 1))));
    if c.hist != 0 {
        out.push(h.row(t::HIST, c.hist as u64));
        out.push(h.row(t::HIST_SHAPE, mix(c.hist as u64, t.sshape)));
    }
}

/// Per-document memory of the types given to capitalised words.
#[derive(Clone, Debug, Default)]
pub struct History {
    counts: super::hash::U64Map<[u16; N_TYPES]>,
}

impl History {
    pub fn lookup(&self, t: &TokInfo) -> u8 {
        if !t.is_capitalised() || t.lw == DROPPED_WORD {
            return 0;
        }
        match self.counts.get(t.lw) {
            None => 0,
            Some(c) => {
                let mut best = 0;
                for k in 1..N_TYPES {
                    if c[k] > c[best] {
                        best = k;
                    }
                }
                if c[best] == 0 {
                    0
                } else {
                    best as u8 + 1
                }
            }
        }
    }

    pub fn record(&mut self, t: &TokInfo, tag: Tag) {
        if t.lw == DROPPED_WORD {
            return;
        }
        if let (true, Some(ty)) = (t.is_capitalised(), tag.ty()) {
            if let Some(c) = self.counts.entry(t.lw).get_mut(ty) {
                *c = c.saturating_add(1);
            }
        }
    }
}

/// Second stage (Ratinov & Roth 2009, "two-stage prediction aggregation"): what the first
/// stage's labels say about a token: its own label, its neighbours' labels (including the
/// ones to its right, which greedy decoding cannot otherwise see), and the types the first
/// stage gave the other capitalised mentions of the same word anywhere in the document
/// (headlines in capitals and sports tables share words with the body text).
#[derive(Clone, Copy, Debug, Default)]
pub struct Aggregate {
    pub own: Tag,
    pub left: Tag,
    pub right: Tag,
    pub right2: Tag,
    /// Other capitalised mentions of the word: [untagged, PER, ORG, LOC, MISC], capped.
    pub doc: [u8; N_TYPES + 1],
}

/// Aggregates for every token of a document from the first stage's tags.
pub fn aggregates(infos: &[Vec<TokInfo>], stage1: &[Vec<Tag>]) -> Vec<Vec<Aggregate>> {
    let mut counts: super::hash::U64Map<[u16; N_TYPES + 1]> = super::hash::U64Map::default();
    for (info, tags) in infos.iter().zip(stage1) {
        for (t, tag) in info.iter().zip(tags) {
            if t.is_capitalised() && t.flags & HAS_ALPHA != 0 && t.lw != DROPPED_WORD {
                let k = tag.ty().map_or(0, |ty| ty + 1);
                if let Some(c) = counts.entry(t.lw).get_mut(k) {
                    *c = c.saturating_add(1);
                }
            }
        }
    }
    infos
        .iter()
        .zip(stage1)
        .map(|(info, tags)| {
            let tag = |j: usize| tags.get(j).copied().unwrap_or(Tag::O);
            info.iter()
                .enumerate()
                .map(|(i, t)| {
                    let own = tag(i);
                    let mut doc = [0u8; N_TYPES + 1];
                    if t.is_capitalised() && t.flags & HAS_ALPHA != 0 {
                        if let Some(c) = counts.get(t.lw) {
                            let k = own.ty().map_or(0, |ty| ty + 1);
                            for (j, (d, &n)) in doc.iter_mut().zip(c.iter()).enumerate() {
                                let n = if j == k { n.saturating_sub(1) } else { n };
                                *d = n.min(3) as u8;
                            }
                        }
                    }
                    Aggregate {
                        own,
                        left: i.checked_sub(1).map_or(Tag::O, tag),
                        right: tag(i + 1),
                        right2: tag(i + 2),
                        doc,
                    }
                })
                .collect()
        })
        .collect()
}

/// Second-stage feature rows of token `t`, appended to `out`.
pub fn aggregate_features(h: Hasher, t: &TokInfo, a: &Aggregate, out: &mut Vec<u32>) {
    let own = a.own.id() as u64;
    out.push(h.row(t::A_OWN, own));
    out.push(h.row(t::A_L1, a.left.id() as u64));
    out.push(h.row(t::A_R1, a.right.id() as u64));
    out.push(h.row(t::A_L1_R1, (a.left.id() * 16 + a.right.id()) as u64));
    out.push(h.row(t::A_R2, mix(a.right.id() as u64, a.right2.id() as u64)));
    let others: u32 = a.doc.iter().map(|&n| n as u32).sum();
    if others == 0 {
        return;
    }
    let mut maj = 0;
    for (k, &n) in a.doc.iter().enumerate() {
        if n > 0 {
            out.push(h.row(t::A_DOC, (k * 4 + n as usize) as u64));
        }
        if n > a.doc.get(maj).copied().unwrap_or(0) {
            maj = k;
        }
    }
    let named = others - a.doc.first().copied().unwrap_or(0) as u32;
    out.push(h.row(t::A_DOC_MAJ, maj as u64));
    out.push(h.row(t::A_DOC_MAJ_OWN, mix(maj as u64, own)));
    out.push(h.row(
        t::A_DOC_MAJ_FLAGS,
        mix(
            maj as u64,
            (t.flags & (FIRST | CAPS_LINE | ALL_CAPS)) as u64,
        ),
    ));
    out.push(h.row(t::A_DOC_OTHER, mix(named.min(3) as u64, own)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(sentences: &[&str]) -> Vec<Vec<bool>> {
        let doc: Vec<Vec<&str>> = sentences.iter().map(|s| s.split(' ').collect()).collect();
        let (classes, gaz) = (WordClasses::default(), Gazetteer::default());
        let infos: Vec<Vec<TokInfo>> = doc
            .iter()
            .map(|w| sentence_info(w, &classes, &gaz))
            .collect();
        let flat = plain_tokens(&infos);
        let mut it = flat.into_iter();
        doc.iter()
            .map(|w| it.by_ref().take(w.len()).collect())
            .collect()
    }

    #[test]
    fn plain_tokens_are_lowercase_words_and_punctuation_of_cased_sentences() {
        let got = plain(&[
            "He met de Klerk , bin Salman and the al-Assad family in 2024 .",
            "it's all lowercase here .",
        ]);
        let expect = [
            // He met de Klerk , bin Salman and the al-Assad family in 2024 .
            vec![
                false, true, false, false, true, false, false, true, true, false, true, true,
                false, true,
            ],
            // a sentence without capitals says nothing through case: nothing is skipped
            vec![false; 5],
        ];
        assert_eq!(got, expect);
    }
}
