//! Plain text → blocks.
//!
//! Owns: line splitting (`\n`, `\r\n`, lone `\r`), paragraph assembly and bare-URL anchors.
//! A paragraph is one non-blank line, except where lines are soft-wrapped: in a hard-wrapped
//! document (most lines no longer than a typical wrap width, and blank lines between
//! paragraphs) the lines of a blank-line-separated group are joined; anywhere, a line that
//! stops mid-sentence and is followed by a line starting in lower case is joined to it.

use super::block::{Block, Builder, Ctx, Kind};
use crate::tokenize::trim_url;

/// Hard-wrapped text is wrapped at a width in this range (chars).
const WRAP_MIN: usize = 40;
const WRAP_MAX: usize = 100;

pub(crate) fn parse(input: &str) -> Vec<Block> {
    let sep = if input.contains('\n') { '\n' } else { '\r' };
    let lines: Vec<&str> = input
        .split(sep)
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c.is_control()))
        .collect();
    let width = wrap_width(&lines);
    let mut b = Builder::new();
    let mut prev: Option<&str> = None;
    for line in lines {
        if line.is_empty() {
            b.break_block();
            prev = None;
            continue;
        }
        let kind = if is_list_item(line) {
            Kind::ListItem
        } else {
            Kind::Para
        };
        let ctx = Ctx {
            kind,
            ..Ctx::default()
        };
        if let Some(p) = prev {
            if joins(p, line, width) {
                b.push_str(" ", ctx);
            } else {
                b.break_block();
            }
        }
        push_line(&mut b, line, ctx);
        prev = Some(line);
    }
    b.finish()
}

/// The wrap width of a hard-wrapped document, or `None` when lines are paragraphs.
fn wrap_width(lines: &[&str]) -> Option<usize> {
    let mut lens: Vec<usize> = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.chars().count())
        .collect();
    let has_blank = lines.iter().any(|l| l.is_empty());
    let wrapped_pairs = lines
        .windows(2)
        .filter(|w| matches!(w, [a, b] if !a.is_empty() && !b.is_empty()))
        .count();
    if lens.len() < 3 || !has_blank || wrapped_pairs * 3 < lens.len() {
        return None;
    }
    let k = lens.len() * 9 / 10;
    let p90 = if k < lens.len() {
        *lens.select_nth_unstable(k).1
    } else {
        0
    };
    (WRAP_MIN..=WRAP_MAX).contains(&p90).then_some(p90)
}

/// Does `next` continue the paragraph of `prev` (same blank-line group)?
fn joins(prev: &str, next: &str, width: Option<usize>) -> bool {
    if is_list_item(next) {
        return false;
    }
    let ends = prev
        .trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with(['.', '!', '?', ':', '…']);
    match width {
        // Hard-wrapped: a short line that ends a sentence ends the paragraph.
        Some(w) => !(ends && prev.chars().count() * 10 < w * 6),
        None => !ends && next.chars().next().is_some_and(char::is_lowercase),
    }
}

fn is_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('•' | '·' | '▪' | '◦' | '‣' | '●' | '■' | '►') => true,
        Some('-' | '*' | '–' | '—') => chars.next().is_some_and(char::is_whitespace),
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            (rest.starts_with(". ") || rest.starts_with(") ")) && line.len() - rest.len() <= 3
        }
        _ => false,
    }
}

/// Pushes a line, turning bare http(s) URLs into anchors.
fn push_line(b: &mut Builder, line: &str, ctx: Ctx) {
    let mut rest = line;
    while let Some((start, end)) = next_url(rest) {
        let (Some(before), Some(url), Some(after)) =
            (rest.get(..start), rest.get(start..end), rest.get(end..))
        else {
            break;
        };
        b.push_str(before, ctx);
        b.open_anchor(url.to_string());
        b.push_str(url, ctx);
        b.close_anchor();
        rest = after;
    }
    b.push_str(rest, ctx);
}

/// The next bare URL in `s`: starts with http:// or https:// at a word start.
fn next_url(s: &str) -> Option<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(off) = s.get(from..)?.find(['h', 'H']) {
        let i = from + off;
        from = i + 1;
        let head = bytes.get(i..(i + 8).min(bytes.len()))?;
        let scheme_len = if head.len() >= 8 && head.eq_ignore_ascii_case(b"https://") {
            8
        } else if head.len() >= 7
            && head
                .get(..7)
                .is_some_and(|h| h.eq_ignore_ascii_case(b"http://"))
        {
            7
        } else {
            continue;
        };
        let at_word_start = i == 0
            || !s
                .get(..i)?
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        if !at_word_start {
            continue;
        }
        let tail = s.get(i..)?;
        let len = tail
            .find(|c: char| {
                c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '“' | '”')
            })
            .unwrap_or(tail.len());
        let url = trim_url(tail.get(..len)?);
        if url.len() > scheme_len + 1 {
            return Some((i, i + url.len()));
        }
        from = i + len.max(1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_found_at_word_starts_only() {
        let s = "see https://a.example/x). and xhttp://no, HTTP://b.example";
        let got: Vec<&str> =
            std::iter::successors(next_url(s).map(|r| (r, 0)), |&((_, e), base)| {
                next_url(&s[base + e..]).map(|(a, b)| ((a, b), base + e))
            })
            .map(|((a, b), base)| &s[base + a..base + b])
            .collect();
        assert_eq!(got, ["https://a.example/x", "HTTP://b.example"]);
    }
}
