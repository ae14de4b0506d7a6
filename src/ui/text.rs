//! From contract offsets to what the article view renders. Pure functions, no DOM.
//!
//! Contract offsets are Unicode code points into a document's `text`. [`CpText`] is the one
//! place that turns them into string slices (clamping anything out of range, so a bad offset
//! can never panic). Text reaches the DOM as text nodes, so no UTF-16 conversion is needed.
//!
//! Invariants: paragraphs never overlap and never contain a blank line; the segments of a
//! paragraph tile it exactly, each covered by at most one mention, one link and one quote.

/// A half-open range of code points.
pub type Range = (usize, usize);

/// A text indexed by code point.
pub struct CpText<'a> {
    text: &'a str,
    /// `bytes[i]` is the byte offset of code point `i`; one extra entry for the end.
    bytes: Vec<usize>,
}

impl<'a> CpText<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CpText { text, bytes }
    }

    /// Number of code points.
    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text of code points `start..end`, clamped to the text; empty if reversed.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let end = end.min(self.len());
        let start = start.min(end);
        let (Some(&b0), Some(&b1)) = (self.bytes.get(start), self.bytes.get(end)) else {
            return "";
        };
        self.text.get(b0..b1).unwrap_or("")
    }

    pub fn chars(&self) -> impl Iterator<Item = char> + 'a {
        self.text.chars()
    }
}

/// Paragraphs of `text`: split at blank lines (two or more line breaks, with only white
/// space between them) and trimmed; empty ones are skipped.
pub fn paragraphs(text: &str) -> Vec<Range> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        if chars.get(i) == Some(&'\n') {
            let mut j = i;
            let mut breaks = 0;
            while let Some(c) = chars.get(j).filter(|c| c.is_whitespace()) {
                if *c == '\n' {
                    breaks += 1;
                }
                j += 1;
            }
            if breaks >= 2 {
                push_trimmed(&chars, start, i, &mut out);
                start = j;
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    push_trimmed(&chars, start, chars.len(), &mut out);
    out
}

fn push_trimmed(chars: &[char], mut start: usize, mut end: usize, out: &mut Vec<Range>) {
    while start < end && chars.get(start).is_some_and(|c| c.is_whitespace()) {
        start += 1;
    }
    while end > start && chars.get(end - 1).is_some_and(|c| c.is_whitespace()) {
        end -= 1;
    }
    if start < end {
        out.push((start, end));
    }
}

/// A paragraph as code points (what contract offsets count) and as bytes (for slicing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParaSpan {
    pub cp: Range,
    pub bytes: Range,
}

/// The same paragraphs as [`paragraphs`], found in one pass without copying the text, with
/// their byte ranges too: for long documents, where the view renders a window of them.
pub fn paragraph_spans(text: &str) -> Vec<ParaSpan> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    let mut cp = 0;
    // First non-blank character of the current paragraph, and the end of its last one.
    let mut first: Option<(usize, usize)> = None;
    let mut last_end = (0, 0);
    let mut flush = |first: &mut Option<(usize, usize)>, last_end: (usize, usize)| {
        if let Some((c0, b0)) = first.take() {
            out.push(ParaSpan {
                cp: (c0, last_end.0),
                bytes: (b0, last_end.1),
            });
        }
    };
    while let Some((b, c)) = it.next() {
        let here = cp;
        cp += 1;
        if c == '\n' {
            let mut breaks = 1;
            while let Some(&(_, next)) = it.peek() {
                if !next.is_whitespace() {
                    break;
                }
                if next == '\n' {
                    breaks += 1;
                }
                it.next();
                cp += 1;
            }
            if breaks >= 2 {
                flush(&mut first, last_end);
            }
            continue;
        }
        if !c.is_whitespace() {
            if first.is_none() {
                first = Some((here, b));
            }
            last_end = (cp, b + c.len_utf8());
        }
    }
    flush(&mut first, last_end);
    out
}

/// Ranges sorted for "which of them touch this paragraph" in logarithmic time plus the
/// answer's size (any order and overlaps are accepted; they only cost time).
pub struct SpanIndex {
    /// Indices of the ranges by start.
    order: Vec<usize>,
    /// `max_end[k]`: the largest end among `order[..=k]`.
    max_end: Vec<usize>,
}

impl SpanIndex {
    pub fn new(ranges: &[Range]) -> Self {
        let mut order: Vec<usize> = (0..ranges.len()).collect();
        order.sort_by_key(|&i| ranges.get(i).map_or(0, |r| r.0));
        let mut max_end = Vec::with_capacity(order.len());
        let mut m = 0;
        for &i in &order {
            m = m.max(ranges.get(i).map_or(0, |r| r.1));
            max_end.push(m);
        }
        SpanIndex { order, max_end }
    }

    /// Indices (ascending) of the non-empty `ranges` (the ones given to `new`) that overlap
    /// `start..end`.
    pub fn touching(&self, ranges: &[Range], start: usize, end: usize) -> Vec<usize> {
        let from = self.max_end.partition_point(|&e| e <= start);
        let mut out = Vec::new();
        for &i in self.order.get(from..).unwrap_or(&[]) {
            let Some(&(s, e)) = ranges.get(i) else {
                continue;
            };
            if s >= end {
                break;
            }
            if s < e && e > start {
                out.push(i);
            }
        }
        out.sort_unstable();
        out
    }
}

/// The render runs of one paragraph, with item indices into the whole lists: only the items
/// that touch it are looked at (through the indexes).
pub fn paragraph_runs(par: Range, items: [(&[Range], &SpanIndex); 3]) -> Vec<Run> {
    let [(mentions, mi), (links, li), (quotes, qi)] = items;
    let pick = |ranges: &[Range], index: &SpanIndex| {
        let ids = index.touching(ranges, par.0, par.1);
        let sub: Vec<Range> = ids.iter().filter_map(|&i| ranges.get(i).copied()).collect();
        (ids, sub)
    };
    let (m_ids, ms) = pick(mentions, mi);
    let (l_ids, ls) = pick(links, li);
    let (q_ids, qs) = pick(quotes, qi);
    let segs: Vec<Segment> = segments(par, &ms, &ls, &qs)
        .into_iter()
        .map(|s| Segment {
            mention: s.mention.and_then(|i| m_ids.get(i).copied()),
            link: s.link.and_then(|i| l_ids.get(i).copied()),
            quote: s.quote && !q_ids.is_empty(),
            ..s
        })
        .collect();
    runs(&segs)
}

/// A stretch of a paragraph with one mention, link and quote status throughout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub mention: Option<usize>,
    pub link: Option<usize>,
    pub quote: bool,
}

/// Cut paragraph `par` at every boundary of the mentions, links and quotes that touch it.
/// Items are given by index into the caller's lists; an item that partly overlaps another
/// (a mention running past the end of a link) is split between the segments it covers.
pub fn segments(par: Range, mentions: &[Range], links: &[Range], quotes: &[Range]) -> Vec<Segment> {
    let (p0, p1) = par;
    if p0 >= p1 {
        return Vec::new();
    }
    let touching = |items: &[Range]| -> Vec<(usize, Range)> {
        items
            .iter()
            .enumerate()
            .filter(|(_, &(s, e))| s < e && s < p1 && e > p0)
            .map(|(i, &(s, e))| (i, (s.max(p0), e.min(p1))))
            .collect()
    };
    let ms = touching(mentions);
    let ls = touching(links);
    let qs = touching(quotes);
    let mut cuts = vec![p0, p1];
    for (_, (s, e)) in ms.iter().chain(ls.iter()).chain(qs.iter()) {
        cuts.push(*s);
        cuts.push(*e);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let covering = |items: &[(usize, Range)], s: usize, e: usize| {
        items
            .iter()
            .find(|(_, (a, b))| *a <= s && e <= *b)
            .map(|(i, _)| *i)
    };
    cuts.windows(2)
        .filter_map(|w| match w {
            [s, e] if s < e => Some(Segment {
                start: *s,
                end: *e,
                mention: covering(&ms, *s, *e),
                link: covering(&ls, *s, *e),
                quote: covering(&qs, *s, *e).is_some(),
            }),
            _ => None,
        })
        .collect()
}

/// Consecutive segments under the same mention (within one link run): one chip.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub mention: Option<usize>,
    pub parts: Vec<Segment>,
}

/// Consecutive pieces under the same link (or under none): one `<a>` or plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub link: Option<usize>,
    pub pieces: Vec<Piece>,
}

/// Group segments into link runs and, inside each, into mention pieces.
pub fn runs(segments: &[Segment]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for seg in segments {
        let same_run = out.last().is_some_and(|r| r.link == seg.link);
        if !same_run {
            out.push(Run {
                link: seg.link,
                pieces: Vec::new(),
            });
        }
        let Some(run) = out.last_mut() else { continue };
        match run.pieces.last_mut() {
            Some(p) if p.mention == seg.mention && seg.mention.is_some() => p.parts.push(*seg),
            Some(p) if p.mention.is_none() && seg.mention.is_none() => p.parts.push(*seg),
            _ => run.pieces.push(Piece {
                mention: seg.mention,
                parts: vec![*seg],
            }),
        }
    }
    out
}

/// At most `max` characters of `s`, cut at a word boundary, with an ellipsis when cut.
pub fn excerpt(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => cut.get(..i).unwrap_or(&cut).to_string(),
        _ => cut,
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';')
    )
}

/// "2024-12-10" → "10 Dec 2024"; anything else is returned as it is.
pub fn human_date(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = iso.split('-').collect();
    let parsed = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => match (y.parse::<u32>(), m.parse::<usize>(), d.parse::<u32>())
        {
            (Ok(y), Ok(m), Ok(d)) if (1..=31).contains(&d) => MONTHS
                .get(m.wrapping_sub(1))
                .map(|mon| format!("{d} {mon} {y}")),
            _ => None,
        },
        [y, m] if y.len() == 4 => match (y.parse::<u32>(), m.parse::<usize>()) {
            (Ok(y), Ok(m)) => MONTHS
                .get(m.wrapping_sub(1))
                .map(|mon| format!("{mon} {y}")),
            _ => None,
        },
        _ => None,
    };
    parsed.unwrap_or_else(|| iso.to_string())
}

/// "news/mena" → "News › Mena": a readable breadcrumb of a URL section.
pub fn section_trail(section: &str) -> String {
    section
        .split('/')
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(|p| {
            let words = p.replace(['-', '_'], " ");
            let mut chars = words.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" › ")
}

/// The host of an http(s) URL or the address of a mailto link, for display.
pub fn display_address(href: &str) -> String {
    let h = href.trim();
    let lower = h.to_ascii_lowercase();
    if lower.starts_with("mailto:") {
        return h
            .get(7..)
            .unwrap_or("")
            .split('?')
            .next()
            .unwrap_or("")
            .to_string();
    }
    let rest = h.split_once("://").map(|(_, r)| r).unwrap_or(h);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    host.trim_start_matches("www.").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: &[&str] = &[
        "",
        "one",
        "  one  \n\n two \n\n\n",
        "a\nb\n \nc\r\n\r\nd",
        "مرحبا\n\n👨‍👩‍👧 family\n \t\n\nשלום",
        "\n\n\n",
        "x\n\u{a0}\ny",
    ];

    #[test]
    fn paragraph_spans_are_the_paragraphs() {
        for text in TEXTS {
            let spans = paragraph_spans(text);
            let cps: Vec<Range> = spans.iter().map(|p| p.cp).collect();
            assert_eq!(cps, paragraphs(text), "{text:?}");
            let cp = CpText::new(text);
            for p in spans {
                assert_eq!(
                    text.get(p.bytes.0..p.bytes.1),
                    Some(cp.slice(p.cp.0, p.cp.1))
                );
            }
        }
    }

    #[test]
    fn paragraph_runs_match_runs_over_every_item() {
        let mentions: Vec<Range> = vec![(0, 3), (5, 9), (12, 30), (31, 33), (40, 41), (2, 1)];
        let links: Vec<Range> = vec![(7, 14), (29, 45)];
        let quotes: Vec<Range> = vec![(4, 35)];
        let (mi, li, qi) = (
            SpanIndex::new(&mentions),
            SpanIndex::new(&links),
            SpanIndex::new(&quotes),
        );
        for par in [(0, 10), (10, 20), (20, 32), (32, 50), (50, 60), (0, 60)] {
            let want = runs(&segments(par, &mentions, &links, &quotes));
            let got = paragraph_runs(par, [(&mentions, &mi), (&links, &li), (&quotes, &qi)]);
            assert_eq!(got, want, "{par:?}");
        }
    }

    #[test]
    fn touching_copes_with_unsorted_overlapping_ranges() {
        let r: Vec<Range> = vec![(50, 60), (0, 100), (10, 12), (70, 71), (5, 5)];
        let ix = SpanIndex::new(&r);
        assert_eq!(ix.touching(&r, 11, 20), vec![1, 2]);
        assert_eq!(ix.touching(&r, 65, 80), vec![1, 3]);
        assert_eq!(ix.touching(&r, 100, 200), Vec::<usize>::new());
        assert_eq!(ix.touching(&r, 5, 6), vec![1]);
    }
}
