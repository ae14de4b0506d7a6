//! A text selection in the article turned into contract offsets, for "add as entity".
//!
//! The DOM half reads the selection relative to the paragraph element that holds it
//! (`data-start`/`data-end` carry the paragraph's code-point range); the pure half,
//! [`locate`], checks the result against the document text and, when the rendered text
//! differs from it (a warning badge inside a paragraph), finds the selected words nearest to
//! where the selection started. Offsets are code points, as in the contract.

use crate::ui::text::CpText;

/// The selection `selected`, which starts `prefix` code points into the paragraph
/// `paragraph` of `text`, as trimmed `(start, end, text)`; `None` when it is empty, spans
/// paragraphs or is not in the paragraph.
pub fn locate(
    text: &str,
    paragraph: (usize, usize),
    prefix: usize,
    selected: &str,
) -> Option<(usize, usize, String)> {
    let trimmed = selected.trim();
    if trimmed.is_empty() || trimmed.contains('\n') {
        return None;
    }
    let len = trimmed.chars().count();
    let lead = selected.chars().take_while(|c| c.is_whitespace()).count();
    let cp = CpText::new(text);
    let (p_start, p_end) = paragraph;
    let guess = p_start + prefix + lead;
    if guess + len <= p_end && cp.slice(guess, guess + len) == trimmed {
        return Some((guess, guess + len, trimmed.to_string()));
    }
    let par = cp.slice(p_start, p_end);
    par.match_indices(trimmed)
        .map(|(b, _)| p_start + par.get(..b).map_or(0, |s| s.chars().count()))
        .min_by_key(|&s| s.abs_diff(guess))
        .map(|s| (s, s + len, trimmed.to_string()))
}

/// The first occurrence of `needle` (trimmed) in `text` that overlaps none of `taken`.
pub fn first_free(
    text: &str,
    needle: &str,
    taken: &[(usize, usize)],
) -> Option<(usize, usize, String)> {
    let needle = needle.trim();
    if needle.is_empty() {
        return None;
    }
    let len = needle.chars().count();
    text.match_indices(needle)
        .map(|(b, _)| text.get(..b).map_or(0, |s| s.chars().count()))
        .find(|&s| !taken.iter().any(|&(a, e)| s < e && a < s + len))
        .map(|s| (s, s + len, needle.to_string()))
}

/// The current selection inside `body` as (paragraph range, prefix code points, selected
/// text); `None` when nothing is selected there.
pub fn read_dom_selection(body: &web_sys::Element) -> Option<((usize, usize), usize, String)> {
    use wasm_bindgen::JsCast;
    let selection = web_sys::window()?.get_selection().ok()??;
    if selection.is_collapsed() || selection.range_count() == 0 {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let node = range.start_container().ok()?;
    let element = match node.dyn_ref::<web_sys::Element>() {
        Some(e) => e.clone(),
        None => node.parent_element()?,
    };
    let paragraph = element.closest("[data-start]").ok()??;
    if !body.contains(Some(&*paragraph)) {
        return None;
    }
    let start: usize = paragraph.get_attribute("data-start")?.parse().ok()?;
    let end: usize = paragraph.get_attribute("data-end")?.parse().ok()?;
    let before = gloo::utils::document().create_range().ok()?;
    before.set_start(&paragraph, 0).ok()?;
    before.set_end(&node, range.start_offset().ok()?).ok()?;
    let prefix = String::from(before.to_string()).chars().count();
    Some(((start, end), prefix, String::from(range.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Headline here\n\nTalks in Brellin 🇱🇧 ended. Ana Ruiz left Brellin.";

    #[test]
    fn selections_become_trimmed_offsets() {
        let par = (15, TEXT.chars().count());
        // (prefix, selected, expected)
        let cases: Vec<(usize, &str, Option<&str>)> = vec![
            (9, "Brellin", Some("Brellin")),
            (8, " Brellin ", Some("Brellin")),
            (27, "Ana Ruiz", Some("Ana Ruiz")),
            // The rendered text had 3 extra characters (a badge): nearest occurrence wins.
            (12, "Brellin", Some("Brellin")),
            (0, "   ", None),
            (0, "Talks\n\nin", None),
            (0, "Nowhere", None),
        ];
        for (prefix, selected, expected) in cases {
            let got = locate(TEXT, par, prefix, selected);
            match expected {
                None => assert_eq!(got, None, "{selected:?}"),
                Some(t) => {
                    let (s, e, text) = got.unwrap_or_else(|| panic!("{selected:?} found"));
                    assert_eq!(text, t);
                    assert_eq!(CpText::new(TEXT).slice(s, e), t);
                    if t == "Brellin" {
                        assert!(
                            s >= par.0 && s < par.0 + 20,
                            "{selected:?} at {s}: the first Brellin"
                        );
                    }
                }
            }
        }
        // The second "Brellin", after an emoji (code points, not bytes or UTF-16 units).
        let second = locate(TEXT, par, 41, "Brellin").unwrap();
        assert_eq!(CpText::new(TEXT).slice(second.0, second.1), "Brellin");
        assert_eq!(second.0, 56);
    }

    #[test]
    fn first_free_skips_marked_text() {
        let first = first_free(TEXT, "Brellin", &[]).unwrap();
        let second = first_free(TEXT, " Brellin", &[(first.0, first.1)]).unwrap();
        assert!(second.0 > first.0);
        assert_eq!(
            first_free(TEXT, "Brellin", &[(first.0, first.1), (second.0, second.1)]),
            None
        );
        assert_eq!(first_free(TEXT, "  ", &[]), None);
    }
}
