//! The IOB2 tag set of the recognizer: `O` plus `B-X`/`I-X` for the four name types.
//! Invariant: a [`Tag`] is always one of [`N_TAGS`] values; tag ids are stable (they index
//! model weight rows), so never reorder them.

use crate::Label;

/// Number of tags: O + B/I for PER, ORG, LOC, MISC.
pub const N_TAGS: usize = 9;
/// Number of name types.
pub const N_TYPES: usize = 4;
/// Name types in tag-id order.
pub const TYPES: [Label; N_TYPES] = [Label::Per, Label::Org, Label::Loc, Label::Misc];

/// One IOB2 tag: 0 = O, 1 + 2t = B-type t, 2 + 2t = I-type t.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag(u8);

impl Tag {
    pub const O: Tag = Tag(0);

    /// The tag with id `id`, if it exists.
    pub fn from_id(id: usize) -> Option<Tag> {
        (id < N_TAGS).then_some(Tag(id as u8))
    }
    pub fn begin(ty: usize) -> Tag {
        Tag(1 + 2 * (ty.min(N_TYPES - 1) as u8))
    }
    pub fn inside(ty: usize) -> Tag {
        Tag(2 + 2 * (ty.min(N_TYPES - 1) as u8))
    }
    pub fn id(self) -> usize {
        self.0 as usize
    }
    /// Type index (0..4) of a B/I tag; `None` for O.
    pub fn ty(self) -> Option<usize> {
        (self.0 > 0).then(|| (self.0 as usize - 1) / 2)
    }
    pub fn is_begin(self) -> bool {
        self.0 & 1 == 1
    }
    pub fn is_inside(self) -> bool {
        self.0 > 0 && self.0 & 1 == 0
    }
    pub fn label(self) -> Option<Label> {
        self.ty().and_then(|t| TYPES.get(t).copied())
    }

    /// Whether `self` may follow `prev` in IOB2: `I-X` only after `B-X` or `I-X`.
    pub fn may_follow(self, prev: Tag) -> bool {
        !self.is_inside() || prev.ty() == self.ty()
    }

    /// Parse `O`, `B-PER`, `I-LOC`, ... (IOB1 and IOB2 spellings; `E-`/`S-` are not used).
    pub fn parse(s: &str) -> Option<Tag> {
        if s == "O" {
            return Some(Tag::O);
        }
        let (bi, ty) = s.split_once('-')?;
        let t = match ty {
            "PER" => 0,
            "ORG" => 1,
            "LOC" => 2,
            "MISC" => 3,
            _ => return None,
        };
        match bi {
            "B" => Some(Tag::begin(t)),
            "I" => Some(Tag::inside(t)),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        const NAMES: [&str; N_TAGS] = [
            "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
        ];
        NAMES.get(self.id()).copied().unwrap_or("O")
    }
}

/// Rewrite a tag sequence to strict IOB2 (an `I-X` that starts a chunk becomes `B-X`), the way
/// conlleval reads IOB1 input.
pub fn to_iob2(tags: &mut [Tag]) {
    let mut prev = Tag::O;
    for t in tags.iter_mut() {
        if t.is_inside() && prev.ty() != t.ty() {
            if let Some(ty) = t.ty() {
                *t = Tag::begin(ty);
            }
        }
        prev = *t;
    }
}

/// A chunk: tokens `start..end` of one sentence, with type index `ty`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    pub ty: usize,
}

/// Maximal chunks as conlleval sees them: a chunk starts at `B-X`, or at `I-X` not preceded by
/// `B-X`/`I-X` of the same type, and runs over the `I-X` that follow.
pub fn chunks(tags: &[Tag]) -> Vec<Chunk> {
    iter_chunks(tags).collect()
}

/// [`chunks`] one at a time, without a list (the consistency repairs read a sentence's chunks
/// several times).
pub fn iter_chunks(tags: &[Tag]) -> Chunks<'_> {
    Chunks { tags, next: 0 }
}

/// The iterator of [`iter_chunks`].
pub struct Chunks<'a> {
    tags: &'a [Tag],
    next: usize,
}

impl Iterator for Chunks<'_> {
    type Item = Chunk;

    fn next(&mut self) -> Option<Chunk> {
        while let Some(t) = self.tags.get(self.next) {
            let start = self.next;
            self.next += 1;
            let Some(ty) = t.ty() else { continue };
            while self
                .tags
                .get(self.next)
                .is_some_and(|n| n.is_inside() && n.ty() == Some(ty))
            {
                self.next += 1;
            }
            return Some(Chunk {
                start,
                end: self.next,
                ty,
            });
        }
        None
    }
}
