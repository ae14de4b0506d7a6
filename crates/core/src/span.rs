//! The one span type of gloss. Invariant: `start <= end`, both byte offsets on `char`
//! boundaries of the text the span belongs to.

/// Half-open byte range `[start, end)` into a document's clean text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span from two offsets; swaps them if given in the wrong order.
    pub fn new(start: usize, end: usize) -> Span {
        if start <= end {
            Span { start, end }
        } else {
            Span {
                start: end,
                end: start,
            }
        }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text under the span, or `""` if the span does not fit `text`.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// Maps byte offsets of one text to code-point offsets (the JSON contract's unit).
/// Built once per document; lookups are a binary search over multi-byte chars only.
pub struct CharIndex {
    /// Byte offsets of every char that is wider than one byte, with the number of extra bytes
    /// seen up to and including it.
    wide: Vec<(usize, usize)>,
    len: usize,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut wide = Vec::new();
        let mut extra = 0;
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            // Eight ASCII bytes at a time: most text has no wide char for long stretches.
            if let Some(chunk) = bytes.get(i..i + 8) {
                let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 8;
                    continue;
                }
            }
            // A lead byte opens a wide char (`text` is valid UTF-8); its leading ones are its width.
            if b >= 0xC0 {
                let w = b.leading_ones() as usize;
                extra += w - 1;
                wide.push((i, extra));
            }
            i += 1;
        }
        CharIndex {
            wide,
            len: text.len(),
        }
    }

    /// Code-point offset of a byte offset (clamped to the text's length).
    pub fn to_char(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        // Extra bytes of all wide chars that start strictly before `byte`.
        let n = self.wide.partition_point(|&(b, _)| b < byte);
        let extra = if n == 0 { 0 } else { self.wide[n - 1].1 };
        byte - extra
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_counts_code_points() {
        // Short and long ASCII stretches between wide chars of every width (the index skips
        // ASCII eight bytes at a time).
        for text in [
            "a😀b مرحبا c",
            "plain ascii text, long enough for several words: é then more ascii “quoted” 😀 end.ü",
        ] {
            let idx = CharIndex::new(text);
            for (chars, (byte, _)) in text.char_indices().enumerate() {
                assert_eq!(idx.to_char(byte), chars);
            }
            assert_eq!(idx.to_char(text.len()), text.chars().count());
        }
    }

    #[test]
    fn span_text_out_of_range_is_empty() {
        assert_eq!(Span::new(3, 10).text("abc"), "");
        assert_eq!(Span::new(2, 0), Span { start: 0, end: 2 });
    }
}
