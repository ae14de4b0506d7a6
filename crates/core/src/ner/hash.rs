//! Hashing shared by features, the word-class table and the gazetteer. The hash of a string
//! is part of the model format (word classes and gazetteer phrases are looked up by it), so
//! changing these functions requires a new model format version.

/// FNV-1a offset basis.
pub const SEED: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
pub fn step(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(PRIME)
}

/// Hash of a byte string.
#[inline]
pub fn bytes(s: &[u8]) -> u64 {
    s.iter().fold(SEED, |h, &b| step(h, b))
}

/// Hash of a string's lowercase form, without allocating.
pub fn lower(s: &str) -> u64 {
    let mut h = SEED;
    let mut buf = [0u8; 4];
    for c in s.chars() {
        if c.is_ascii() {
            h = step(h, c.to_ascii_lowercase() as u8);
        } else {
            for l in c.to_lowercase() {
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    h = step(h, b);
                }
            }
        }
    }
    h
}

/// Combine two hashes (order matters).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let x = (a ^ b.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x ^ (x >> 31)
}

/// Open-addressing map from u64 keys (already well mixed) to small values. Keys 0 and 1 share
/// a slot (0 marks empty slots); for hash keys that collision is negligible.
#[derive(Clone, Debug, Default)]
pub struct U64Map<V: Copy + Default> {
    keys: Vec<u64>,
    vals: Vec<V>,
    mask: usize,
    len: usize,
}

impl<V: Copy + Default> U64Map<V> {
    pub fn with_capacity(n: usize) -> Self {
        let cap = (n * 2).max(16).next_power_of_two();
        U64Map {
            keys: vec![0; cap],
            vals: vec![V::default(); cap],
            mask: cap - 1,
            len: 0,
        }
    }

    fn slot(key: u64) -> u64 {
        // Key 0 marks an empty slot.
        if key == 0 {
            1
        } else {
            key
        }
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.keys);
        let vals = std::mem::take(&mut self.vals);
        *self = U64Map::with_capacity(old.len());
        for (k, v) in old.into_iter().zip(vals) {
            if k != 0 {
                self.insert_slot(k, v);
            }
        }
    }

    fn insert_slot(&mut self, k: u64, v: V) -> &mut V {
        let mut i = (mix(k, 0) as usize) & self.mask;
        loop {
            let cur = self.keys.get(i).copied().unwrap_or(0);
            if cur == 0 || cur == k {
                if cur == 0 {
                    self.len += 1;
                    if let Some(slot) = self.keys.get_mut(i) {
                        *slot = k;
                    }
                    if let Some(slot) = self.vals.get_mut(i) {
                        *slot = v;
                    }
                }
                // `i` is in range: both vectors have `mask + 1` slots.
                return &mut self.vals[i];
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The value for `key`, inserting `V::default()` first if absent.
    pub fn entry(&mut self, key: u64) -> &mut V {
        if self.keys.is_empty() || (self.len + 1) * 2 > self.keys.len() {
            self.grow();
        }
        self.insert_slot(Self::slot(key), V::default())
    }

    pub fn insert(&mut self, key: u64, v: V) {
        *self.entry(key) = v;
    }

    #[inline]
    pub fn get(&self, key: u64) -> Option<V> {
        if self.keys.is_empty() {
            return None;
        }
        let k = Self::slot(key);
        let mut i = (mix(k, 0) as usize) & self.mask;
        loop {
            let cur = *self.keys.get(i)?;
            if cur == k {
                return self.vals.get(i).copied();
            }
            if cur == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}
