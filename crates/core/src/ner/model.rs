//! The model file: magic bytes, format version, then tagged sections. Loading checks
//! everything and returns a [`ModelError`]; it never panics on any bytes.
//!
//! ```text
//! "GLOSSNER"  u16 version  u8 hash_bits  u8 n_tags  f32 scale    (little-endian)
//! sections: [u8; 4] name, u32 length, payload
//!   WGHT  u32 n_rows, n_rows varint row-id deltas, then the i16 weights (weight = q * scale)
//!         of every row, tag-major, as a plane of low bytes then a plane of high bytes
//!         (the high bytes are nearly all 0x00/0xff and compress well)
//!   WCLS  u32 n, n front-coded words (u8 shared, u8 len, bytes), n u16 classes, n u8 freqs
//!   GAZT  u32 n, n front-coded phrases (tokens joined by ' '), n u8 list ids
//!   WGT2  f32 scale, then a second stage's weights as in WGHT (optional: a two-stage model
//!         tags twice, the second stage seeing the first stage's labels)
//!   META  UTF-8 text: how the model was trained
//! ```
//! Unknown sections are skipped, so later versions may add some.

use super::features::Hasher;
use super::hash;
use super::lexicon::{Gazetteer, WordClasses, WordInfo};
use super::tags::N_TAGS;
use std::fmt;

pub const MAGIC: &[u8; 8] = b"GLOSSNER";
pub const VERSION: u16 = 1;
/// Smallest and largest weight tables a file may ask for.
const MIN_BITS: u8 = 8;
const MAX_BITS: u8 = 24;

#[derive(Clone, Debug, PartialEq)]
pub enum ModelError {
    BadMagic,
    UnsupportedVersion(u16),
    Truncated(&'static str),
    Invalid(String),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::BadMagic => write!(f, "not a gloss NER model (bad magic bytes)"),
            ModelError::UnsupportedVersion(v) => write!(
                f,
                "NER model format version {v} is not supported (this build reads version {VERSION})"
            ),
            ModelError::Truncated(what) => write!(f, "NER model is truncated (in {what})"),
            ModelError::Invalid(why) => write!(f, "NER model is invalid: {why}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// Word classes and gazetteer phrases as stored (the trainer's input, the file's content).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lexicons {
    /// (exact word form, class id, frequency bucket)
    pub words: Vec<(String, u16, u8)>,
    /// (tokens joined by one space, list id < 16)
    pub phrases: Vec<(String, u8)>,
}

impl Lexicons {
    pub fn classes(&self) -> WordClasses {
        WordClasses::new(self.words.iter().map(|(w, c, f)| {
            (
                hash::bytes(w.as_bytes()),
                WordInfo {
                    class: *c,
                    freq: *f,
                },
            )
        }))
    }
    pub fn gazetteer(&self) -> Gazetteer {
        Gazetteer::new(
            self.phrases
                .iter()
                .map(|(p, l)| (p.split(' ').collect(), *l as usize)),
        )
    }
}

/// A loaded model, ready to tag.
#[derive(Clone, Debug)]
pub struct Model {
    pub hasher: Hasher,
    /// A weight is `q as f32 * scale`.
    pub scale: f32,
    /// The non-zero rows.
    pub rows: RowTable,
    /// Second stage (scale, rows), if the model has one.
    pub stage2: Option<(f32, RowTable)>,
    /// With a second stage: both stages' rows side by side, for tagging (built on load from
    /// `rows` and `stage2`, so private to the recognizer).
    pub(super) pairs: Option<StagePairs>,
    pub classes: WordClasses,
    pub gazetteer: Gazetteer,
    pub meta: String,
}

/// Non-zero rows of a dense table, as (row id, weights).
pub fn sparse(rows: &[[i16; N_TAGS]]) -> Vec<(u32, [i16; N_TAGS])> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| r.iter().any(|&x| x != 0))
        .map(|(i, r)| (i as u32, *r))
        .collect()
}

/// Quantised weights of one stage: scale and non-zero rows sorted by id.
pub type Weights<'a> = (f32, &'a [(u32, [i16; N_TAGS])]);

/// Serialise quantised weights (first stage, optional second stage) and lexicons.
pub fn to_bytes(
    bits: u8,
    stage1: Weights,
    stage2: Option<Weights>,
    lex: &Lexicons,
    meta: &str,
) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.push(bits);
    out.push(N_TAGS as u8);
    out.extend_from_slice(&stage1.0.to_le_bytes());
    section(&mut out, b"WGHT", &weights_payload(stage1.1));
    if let Some((scale, rows)) = stage2 {
        let mut w = scale.to_le_bytes().to_vec();
        w.extend_from_slice(&weights_payload(rows));
        section(&mut out, b"WGT2", &w);
    }

    let mut words: Vec<&(String, u16, u8)> = lex.words.iter().collect();
    words.sort_by(|a, b| a.0.cmp(&b.0));
    words.dedup_by(|a, b| a.0 == b.0);
    let mut s = Vec::new();
    s.extend_from_slice(&(words.len() as u32).to_le_bytes());
    front_code(&mut s, words.iter().map(|e| e.0.as_str()));
    for e in &words {
        s.extend_from_slice(&e.1.to_le_bytes());
    }
    for e in &words {
        s.push(e.2);
    }
    section(&mut out, b"WCLS", &s);

    let mut phrases: Vec<&(String, u8)> = lex.phrases.iter().collect();
    phrases.sort();
    phrases.dedup();
    let mut g = Vec::new();
    g.extend_from_slice(&(phrases.len() as u32).to_le_bytes());
    front_code(&mut g, phrases.iter().map(|e| e.0.as_str()));
    for e in &phrases {
        g.push(e.1);
    }
    section(&mut out, b"GAZT", &g);

    section(&mut out, b"META", meta.as_bytes());
    out
}

fn weights_payload(used: &[(u32, [i16; N_TAGS])]) -> Vec<u8> {
    let mut w = Vec::new();
    w.extend_from_slice(&(used.len() as u32).to_le_bytes());
    let mut last = 0u32;
    for &(i, _) in used {
        put_varint(&mut w, u64::from(i.wrapping_sub(last)));
        last = i;
    }
    for byte in 0..2 {
        for tag in 0..N_TAGS {
            for (_, r) in used {
                w.push(r[tag].to_le_bytes()[byte]);
            }
        }
    }
    w
}

fn section(out: &mut Vec<u8>, name: &[u8; 4], payload: &[u8]) {
    out.extend_from_slice(name);
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(payload);
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Front coding of sorted strings: bytes shared with the previous string, then the rest.
/// Strings longer than 255 bytes are cut (at a char boundary) to fit.
fn front_code<'a>(out: &mut Vec<u8>, items: impl Iterator<Item = &'a str>) {
    let mut prev: &[u8] = &[];
    for s in items {
        let mut end = s.len().min(255);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        let b = s.as_bytes().get(..end).unwrap_or(&[]);
        let shared = prev
            .iter()
            .zip(b)
            .take_while(|(x, y)| x == y)
            .count()
            .min(255);
        let rest = b.get(shared..).unwrap_or(&[]);
        out.push(shared as u8);
        out.push(rest.len() as u8);
        out.extend_from_slice(rest);
        prev = b;
    }
}

/// A bounds-checked reader over the file.
struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    what: &'static str,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .pos
            .checked_add(n)
            .ok_or(ModelError::Truncated(self.what))?;
        let s = self
            .buf
            .get(self.pos..end)
            .ok_or(ModelError::Truncated(self.what))?;
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?.first().copied().unwrap_or(0))
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([
            b.first().copied().unwrap_or(0),
            b.get(1).copied().unwrap_or(0),
        ]))
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        let mut a = [0u8; 4];
        a.copy_from_slice(b);
        Ok(u32::from_le_bytes(a))
    }
    fn varint(&mut self) -> Result<u64, ModelError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ModelError::Invalid(format!(
            "varint too long in {}",
            self.what
        )))
    }
    fn done(&self) -> bool {
        self.pos >= self.buf.len()
    }
    /// A count of items that each take at least `min_bytes`, checked against what is left.
    fn count(&mut self, min_bytes: usize) -> Result<usize, ModelError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_bytes) > self.buf.len().saturating_sub(self.pos) {
            return Err(ModelError::Truncated(self.what));
        }
        Ok(n)
    }
    fn front_coded(&mut self, n: usize) -> Result<Vec<String>, ModelError> {
        let mut out: Vec<String> = Vec::with_capacity(n);
        let mut prev: Vec<u8> = Vec::new();
        for _ in 0..n {
            let shared = self.u8()? as usize;
            let len = self.u8()? as usize;
            let rest = self.take(len)?;
            let mut b = prev.get(..shared).ok_or_else(|| bad(self.what))?.to_vec();
            b.extend_from_slice(rest);
            let s = String::from_utf8(b.clone()).map_err(|_| bad(self.what))?;
            out.push(s);
            prev = b;
        }
        Ok(out)
    }
}

fn bad(what: &str) -> ModelError {
    ModelError::Invalid(format!("malformed {what} section"))
}

impl Model {
    /// Parse and check a model file.
    pub fn from_bytes(buf: &[u8]) -> Result<Model, ModelError> {
        if buf.len() < MAGIC.len() || buf.get(..MAGIC.len()) != Some(&MAGIC[..]) {
            return Err(ModelError::BadMagic);
        }
        let mut r = Reader {
            buf,
            pos: MAGIC.len(),
            what: "header",
        };
        let version = r.u16()?;
        if version != VERSION {
            return Err(ModelError::UnsupportedVersion(version));
        }
        let bits = r.u8()?;
        if !(MIN_BITS..=MAX_BITS).contains(&bits) {
            return Err(ModelError::Invalid(format!("hash size of {bits} bits")));
        }
        let n_tags = r.u8()?;
        if n_tags as usize != N_TAGS {
            return Err(ModelError::Invalid(format!(
                "{n_tags} tags, expected {N_TAGS}"
            )));
        }
        let scale = f32::from_bits(r.u32()?);
        if !scale.is_finite() || scale <= 0.0 {
            return Err(ModelError::Invalid(
                "weight scale is not a positive number".into(),
            ));
        }
        let mut model = Model {
            hasher: Hasher { bits: bits as u32 },
            scale,
            rows: RowTable::default(),
            stage2: None,
            pairs: None,
            classes: WordClasses::default(),
            gazetteer: Gazetteer::default(),
            meta: String::new(),
        };
        let mut seen_weights = false;
        while !r.done() {
            r.what = "section header";
            let name = r.take(4)?;
            let len = r.u32()? as usize;
            let payload = r.take(len)?;
            match name {
                b"WGHT" => {
                    model.rows = read_weights(payload, bits)?;
                    seen_weights = true;
                }
                b"WGT2" => {
                    let (head, rest) = payload
                        .split_at_checked(4)
                        .ok_or(ModelError::Truncated("second stage"))?;
                    let mut a = [0u8; 4];
                    a.copy_from_slice(head);
                    let scale2 = f32::from_le_bytes(a);
                    if !scale2.is_finite() || scale2 <= 0.0 {
                        return Err(ModelError::Invalid(
                            "second-stage weight scale is not a positive number".into(),
                        ));
                    }
                    model.stage2 = Some((scale2, read_weights(rest, bits)?));
                }
                b"WCLS" => model.classes = read_classes(payload)?,
                b"GAZT" => model.gazetteer = read_gazetteer(payload)?,
                b"META" => model.meta = String::from_utf8_lossy(payload).into_owned(),
                _ => {}
            }
        }
        if !seen_weights {
            return Err(ModelError::Invalid("no weights section".into()));
        }
        model.pairs = model
            .stage2
            .as_ref()
            .map(|(_, second)| stage_pairs(&model.rows, second));
        Ok(model)
    }
}

/// Non-zero weight rows, stored densely in row-id order, with a rank index over the row ids:
/// one bit per id (set when the row is stored) and, per 64 ids, how many stored rows come
/// before them. Why not a dense array: after pruning only a few percent of the
/// `1 << hash_bits` rows are non-zero. Why not a hash table: a lookup here is one index word
/// (the index is 16 bytes per 64 ids, 256 KB for 2^20 ids, so it stays in L2) and, on a hit,
/// one row of the compact row array; no probing. Most lookups are misses (features never seen
/// in training), and those touch only the index. Tagging speed is bound by these lookups.
#[derive(Clone, Debug)]
pub struct RowTable<const W: usize = N_TAGS> {
    /// Per block of 64 ids: which ids have a row, and the number of rows before the block.
    index: Vec<Block>,
    rows: Vec<[i16; W]>,
}

impl<const W: usize> Default for RowTable<W> {
    fn default() -> Self {
        RowTable {
            index: Vec::new(),
            rows: Vec::new(),
        }
    }
}

/// Both stages' rows of a two-stage model side by side, `[first stage | second stage]` (zeros
/// where a stage has no row): the static features of a token are looked up in both stages,
/// and one index word and one row serve both.
pub type StagePairs = RowTable<{ 2 * N_TAGS }>;

/// [`StagePairs`] of two stages' tables.
pub fn stage_pairs(first: &RowTable, second: &RowTable) -> StagePairs {
    let (a, b) = (first.entries(), second.entries());
    let mut out: Vec<(u32, [i16; 2 * N_TAGS])> = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);
    loop {
        let (id, x, y) = match (a.get(i), b.get(j)) {
            (Some(p), Some(q)) if p.0 == q.0 => {
                i += 1;
                j += 1;
                (p.0, p.1, q.1)
            }
            (Some(p), q) if q.is_none_or(|q| p.0 < q.0) => {
                i += 1;
                (p.0, p.1, [0; N_TAGS])
            }
            (_, Some(q)) => {
                j += 1;
                (q.0, [0; N_TAGS], q.1)
            }
            _ => break,
        };
        let mut row = [0i16; 2 * N_TAGS];
        for (r, v) in row.iter_mut().zip(x.iter().chain(&y)) {
            *r = *v;
        }
        out.push((id, row));
    }
    RowTable::new(out.into_iter())
}

#[derive(Clone, Copy, Debug, Default)]
struct Block {
    bits: u64,
    before: u32,
}

impl<const W: usize> RowTable<W> {
    /// Build from (row id, weights); a repeated id keeps its last weights.
    pub fn new(entries: impl ExactSizeIterator<Item = (u32, [i16; W])>) -> RowTable<W> {
        let mut sorted: Vec<(u32, [i16; W])> = entries.collect();
        // Stable: among equal ids the last given comes last, and is the one kept.
        sorted.sort_by_key(|e| e.0);
        let mut kept: Vec<(u32, [i16; W])> = Vec::with_capacity(sorted.len());
        for e in sorted {
            match kept.last_mut() {
                Some(last) if last.0 == e.0 => *last = e,
                _ => kept.push(e),
            }
        }
        let blocks = kept.last().map_or(0, |e| (e.0 as usize >> 6) + 1);
        let mut index = vec![Block::default(); blocks];
        for (id, _) in &kept {
            if let Some(b) = index.get_mut(*id as usize >> 6) {
                b.bits |= 1u64 << (id & 63);
            }
        }
        let mut before = 0u32;
        for b in &mut index {
            b.before = before;
            before += b.bits.count_ones();
        }
        RowTable {
            index,
            rows: kept.into_iter().map(|e| e.1).collect(),
        }
    }

    /// The row with id `id`, if it is non-zero.
    #[inline]
    pub fn get(&self, id: u32) -> Option<&[i16; W]> {
        let b = self.index.get(id as usize >> 6)?;
        let bit = 1u64 << (id & 63);
        if b.bits & bit == 0 {
            return None;
        }
        let rank = b.before as usize + (b.bits & (bit - 1)).count_ones() as usize;
        self.rows.get(rank)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// All non-zero rows, sorted by id.
    pub fn entries(&self) -> Vec<(u32, [i16; W])> {
        let mut v = Vec::with_capacity(self.rows.len());
        let mut rows = self.rows.iter();
        for (k, b) in self.index.iter().enumerate() {
            let mut bits = b.bits;
            while bits != 0 {
                let id = (k as u32) << 6 | bits.trailing_zeros();
                bits &= bits - 1;
                if let Some(r) = rows.next() {
                    v.push((id, *r));
                }
            }
        }
        v
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

fn read_weights(payload: &[u8], bits: u8) -> Result<RowTable, ModelError> {
    let size = 1usize << bits;
    let mut r = Reader {
        buf: payload,
        pos: 0,
        what: "weights",
    };
    let n = r.count(1 + 2 * N_TAGS)?;
    let mut ids = Vec::with_capacity(n);
    let mut at = 0u64;
    for k in 0..n {
        let d = r.varint()?;
        if k > 0 && d == 0 {
            return Err(bad("weights"));
        }
        at = at.checked_add(d).ok_or_else(|| bad("weights"))?;
        if at >= size as u64 {
            return Err(ModelError::Invalid("weight row outside the table".into()));
        }
        ids.push(at as usize);
    }
    let mut rows = vec![[0i16; N_TAGS]; n];
    for byte in 0..2 {
        for tag in 0..N_TAGS {
            let col = r.take(n)?;
            for (k, &b) in col.iter().enumerate() {
                if let Some(q) = rows.get_mut(k).and_then(|row| row.get_mut(tag)) {
                    let mut le = q.to_le_bytes();
                    le[byte] = b;
                    *q = i16::from_le_bytes(le);
                }
            }
        }
    }
    Ok(RowTable::new(ids.into_iter().map(|i| i as u32).zip(rows)))
}

fn read_classes(payload: &[u8]) -> Result<WordClasses, ModelError> {
    let mut r = Reader {
        buf: payload,
        pos: 0,
        what: "word classes",
    };
    let n = r.count(5)?;
    let words = r.front_coded(n)?;
    let mut classes = Vec::with_capacity(n);
    for _ in 0..n {
        classes.push(r.u16()?);
    }
    let freqs = r.take(n)?;
    Ok(WordClasses::new(words.iter().zip(classes).zip(freqs).map(
        |((w, c), &f)| (hash::bytes(w.as_bytes()), WordInfo { class: c, freq: f }),
    )))
}

fn read_gazetteer(payload: &[u8]) -> Result<Gazetteer, ModelError> {
    let mut r = Reader {
        buf: payload,
        pos: 0,
        what: "gazetteer",
    };
    let n = r.count(3)?;
    let phrases = r.front_coded(n)?;
    let lists = r.take(n)?;
    Ok(Gazetteer::new(
        phrases
            .iter()
            .zip(lists)
            .map(|(p, &l)| (p.split(' ').collect(), l as usize)),
    ))
}
