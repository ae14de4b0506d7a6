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
