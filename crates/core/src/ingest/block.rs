//! Blocks: the unit between the format readers (html, text) and the article assembly.
//!
//! A [`Block`] is one would-be paragraph: whitespace-collapsed text (single spaces, no leading
//! or trailing space, no control characters) with its links as block-relative byte ranges.
//! The [`Builder`] is the only way blocks are made, so these invariants hold everywhere:
//! anchor ranges are non-empty, on char boundaries, sorted, non-overlapping, inside the text,
//! and never start or end with a space.

/// What kind of element a block came from; a hint for boilerplate scoring.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Kind {
    #[default]
    Para,
    /// h1: the first one becomes the title.
    Title,
    /// h2–h6 (h1 is taken as the title).
    Heading,
    ListItem,
    /// A bold lead-in at the start of a paragraph ("Live updates: ..."), split off.
    Kicker,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BlockAnchor {
    pub start: usize,
    pub end: usize,
    pub href: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Block {
    pub text: String,
    pub anchors: Vec<BlockAnchor>,
    pub kind: Kind,
    /// Came from inside page furniture markup (nav, footer, aside, captions, ...).
    pub furniture_hint: bool,
}

/// Where the text being pushed sits in the page.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Ctx {
    pub kind: Kind,
    pub furniture: bool,
    pub bold: bool,
}

/// Longest bold lead-in that is split off as its own block.
const KICKER_MAX: usize = 200;

#[derive(Default)]
pub(crate) struct Builder {
    pub blocks: Vec<Block>,
    cur: Block,
    pending_space: bool,
    /// Open link: href and the start of its text in `cur` (set at its first visible char).
    anchor: Option<(String, Option<usize>)>,
    /// Every visible char of `cur` so far was bold.
    all_bold: bool,
}

impl Builder {
    pub fn new() -> Builder {
        Builder::default()
    }

    /// Appends text, collapsing whitespace runs to one space and dropping control chars.
    pub fn push_str(&mut self, s: &str, ctx: Ctx) {
        let mut rest = s;
        while let Some(c) = rest.chars().next() {
            // Inside a block with nothing pending, a run of printable ASCII goes in whole: the
            // per-char rules below would append each of its chars unchanged.
            if self.steady(ctx) {
                let run = ascii_run(rest.as_bytes());
                if run > 0 {
                    self.cur.text.push_str(rest.get(..run).unwrap_or(""));
                    self.all_bold &= ctx.bold;
                    rest = rest.get(run..).unwrap_or("");
                    continue;
                }
            }
            rest = rest.get(c.len_utf8()..).unwrap_or("");
            self.push_char(c, ctx);
        }
    }

    /// Whether the next visible char is appended as is: the block has begun, no space or
    /// link start is pending, and no bold lead-in can end here.
    fn steady(&self, ctx: Ctx) -> bool {
        !self.cur.text.is_empty()
            && !self.pending_space
            && !matches!(self.anchor, Some((_, None)))
            && (ctx.bold || !self.all_bold || self.anchor.is_some())
    }

    fn push_char(&mut self, c: char, ctx: Ctx) {
        if c.is_whitespace() {
            self.pending_space = !self.cur.text.is_empty();
            return;
        }
        // Controls, and invisible characters that would split a word for the tokenizer
        // (soft hyphen, zero-width space, byte-order mark), are dropped. Joiners and bidi
        // marks stay: emoji sequences and RTL text need them.
        if c.is_control()
            || matches!(
                c,
                '\u{AD}' | '\u{200B}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
            )
        {
            return;
        }
        if self.cur.text.is_empty() {
            self.cur.kind = ctx.kind;
            self.cur.furniture_hint = ctx.furniture;
            self.all_bold = true;
        } else if !ctx.bold && self.all_bold && self.anchor.is_none() && self.kicker_ends_here(c) {
            self.cur.kind = Kind::Kicker;
            self.break_block();
            self.cur.kind = ctx.kind;
            self.cur.furniture_hint = ctx.furniture;
            self.all_bold = true;
        }
        if self.pending_space {
            self.cur.text.push(' ');
            self.pending_space = false;
        }
        if let Some((_, start @ None)) = &mut self.anchor {
            *start = Some(self.cur.text.len());
        }
        self.all_bold &= ctx.bold;
        self.cur.text.push(c);
    }

    /// A bold run opening a block ends where plain text resumes with a capital letter, as in
    /// "<b>Live updates: latest news</b> Officials said ...". A bold dateline ("DUBAI:") or
    /// a bold sentence (ending in punctuation) is not a kicker.
    fn kicker_ends_here(&self, next: char) -> bool {
        let t = self.cur.text.as_str();
        if t.len() > KICKER_MAX || !(next.is_uppercase() || matches!(next, '"' | '“')) {
            return false;
        }
        let last = t.chars().next_back().unwrap_or(' ');
        let words = t.split(' ').filter(|w| !w.is_empty()).count();
        words >= 2
            && !matches!(
                last,
                '.' | '!' | '?' | ':' | ',' | ';' | '-' | '–' | '—' | '"' | '”' | '\''
            )
    }

    /// Opens a link; an open one is closed first (`<a>` does not nest).
    pub fn open_anchor(&mut self, href: String) {
        self.close_anchor();
        self.anchor = Some((href, None));
    }

    pub fn close_anchor(&mut self) {
        if let Some((href, Some(start))) = self.anchor.take() {
            let end = self.cur.text.len();
            if end > start {
                self.cur.anchors.push(BlockAnchor { start, end, href });
            }
        }
    }

    /// Ends the current block (if it has text). An open link continues into the next block.
    pub fn break_block(&mut self) {
        self.pending_space = false;
        if self.cur.text.is_empty() {
            return;
        }
        let reopen = self.anchor.as_ref().map(|(h, _)| h.clone());
        self.close_anchor();
        self.blocks.push(std::mem::take(&mut self.cur));
        self.all_bold = false;
        if let Some(href) = reopen {
            self.anchor = Some((href, None));
        }
    }

    pub fn finish(mut self) -> Vec<Block> {
        self.close_anchor();
        self.break_block();
        self.blocks
    }
}

/// The length of the run of printable ASCII that `bytes` opens, single spaces between its
/// words included: a lone space before a printable char is appended as it stands, as the
/// per-char rules of [`Builder::push_str`] would (a space pends, then is written before that
/// char); a space run, or one before anything else, ends the run.
fn ascii_run(bytes: &[u8]) -> usize {
    let mut n = 0;
    loop {
        match bytes.get(n) {
            Some(b) if b.is_ascii_graphic() => n += 1,
            Some(b' ') if bytes.get(n + 1).is_some_and(u8::is_ascii_graphic) => n += 2,
            _ => return n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_whitespace_and_tracks_anchor() {
        let mut b = Builder::new();
        let ctx = Ctx::default();
        b.push_str("  a \t\n b ", ctx);
        b.open_anchor("u".into());
        b.push_str("  link\u{0}  text ", ctx);
        b.close_anchor();
        b.push_str(" .", ctx);
        let blocks = b.finish();
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].text, "a b link text .");
        assert_eq!(
            blocks[0].anchors,
            vec![BlockAnchor {
                start: 4,
                end: 13,
                href: "u".into()
            }]
        );
    }
}
