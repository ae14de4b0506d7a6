//! Invariants of an annotated workspace and of its contract, as checks that name the first
//! one broken: spans inside the text on char boundaries, mentions sorted and non-overlapping,
//! contract offsets (code points) that slice the text to what they claim, ids that resolve.
//! Used by the property tests and by `gloss fuzz`.

use crate::protocol::Contract;
use crate::{Span, Workspace};

fn on_boundary(text: &str, s: Span) -> bool {
    s.start <= s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

/// A text sliced by code points, in constant time per slice.
struct CpSlicer<'a> {
    text: &'a str,
    /// Byte offset of each code point, and the text's length.
    bytes: Vec<usize>,
}

impl<'a> CpSlicer<'a> {
    fn new(text: &'a str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CpSlicer { text, bytes }
    }

    /// Code points `start..end`, or `None` if out of range or reversed.
    fn get(&self, start: usize, end: usize) -> Option<&'a str> {
        if start > end {
            return None;
        }
        self.text
            .get(*self.bytes.get(start)?..*self.bytes.get(end)?)
    }
}

/// Every invariant of one annotated workspace; `Err` names the first one broken.
pub fn workspace(ws: &Workspace) -> Result<(), String> {
    for (d, doc) in ws.documents.iter().enumerate() {
        let text = &doc.ingested.text;
        let mut prev_end = 0;
        for m in &doc.mentions {
            if !on_boundary(text, m.span) || m.span.is_empty() {
                return Err(format!(
                    "doc {d}: mention {:?} not a non-empty span on char boundaries",
                    m.span
                ));
            }
            if m.span.start < prev_end {
                return Err(format!(
                    "doc {d}: mention {:?} overlaps or is out of order",
                    m.span
                ));
            }
            prev_end = m.span.end;
            if !(0.0..=1.0).contains(&m.score) {
                return Err(format!("doc {d}: score {} out of [0, 1]", m.score));
            }
        }
        for a in &doc.ingested.anchors {
            if !on_boundary(text, a.span) {
                return Err(format!("doc {d}: anchor {:?} off the text", a.span));
            }
        }
        for p in &doc.ingested.paragraphs {
            if !on_boundary(text, *p) {
                return Err(format!("doc {d}: paragraph {p:?} off the text"));
            }
        }
        for q in &doc.quotes {
            if !on_boundary(text, q.span) || q.speaker.is_some_and(|s| s >= ws.entities.len()) {
                return Err(format!(
                    "doc {d}: quote {:?} off the text or speaker unknown",
                    q.span
                ));
            }
        }
        for r in &doc.relations {
            if !on_boundary(text, r.evidence)
                || r.source >= ws.entities.len()
                || r.target >= ws.entities.len()
            {
                return Err(format!(
                    "doc {d}: relation {r:?} off the text or to an unknown entity"
                ));
            }
        }
        if doc.previews.len() != doc.ingested.anchors.len() {
            return Err(format!(
                "doc {d}: {} previews for {} anchors",
                doc.previews.len(),
                doc.ingested.anchors.len()
            ));
        }
        let of = ws
            .entity_of
            .get(d)
            .ok_or(format!("doc {d}: no entity_of row"))?;
        if of.len() != doc.mentions.len() || of.iter().any(|&e| e >= ws.entities.len()) {
            return Err(format!(
                "doc {d}: entity_of does not map every mention to an entity"
            ));
        }
    }
    Ok(())
}

/// The contract's code-point offsets slice each document's text to what they claim.
pub fn contract(c: &Contract) -> Result<(), String> {
    let ids: Vec<&str> = c.entities.iter().map(|e| e.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    if sorted.len() != ids.len() {
        return Err("entity ids are not unique".to_string());
    }
    let slicers: Vec<CpSlicer> = c.documents.iter().map(|d| CpSlicer::new(&d.text)).collect();
    for (doc, cp) in c.documents.iter().zip(&slicers) {
        for m in &doc.mentions {
            if cp.get(m.start, m.end) != Some(m.text.as_str()) {
                return Err(format!(
                    "mention {}..{} does not slice to {:?}",
                    m.start, m.end, m.text
                ));
            }
            if !ids.contains(&m.entity.as_str()) {
                return Err(format!(
                    "mention {:?} points at unknown entity {}",
                    m.text, m.entity
                ));
            }
            if !["PER", "ORG", "LOC", "MISC", "DATE"].contains(&m.label.as_str()) {
                return Err(format!("label {}", m.label));
            }
        }
        for l in &doc.links {
            if cp.get(l.start, l.end) != Some(l.anchor.as_str()) {
                return Err(format!(
                    "link {}..{} does not slice to {:?}",
                    l.start, l.end, l.anchor
                ));
            }
            if !l.safe && l.preview.is_some() {
                return Err(format!("unsafe link {} has a preview", l.href));
            }
            let preview_ids = l.preview.iter().flat_map(|p| &p.entities);
            if let Some(bad) = preview_ids.into_iter().find(|e| !ids.contains(&e.as_str())) {
                return Err(format!("preview names unknown entity {bad}"));
            }
        }
        for q in &doc.quotes {
            if cp.get(q.start, q.end).is_none()
                || q.speaker.as_deref().is_some_and(|s| !ids.contains(&s))
            {
                return Err(format!(
                    "quote {}..{} off the text or speaker unknown",
                    q.start, q.end
                ));
            }
        }
    }
    for r in &c.relations {
        let cp = slicers
            .get(r.document)
            .ok_or("relation in unknown document")?;
        if cp.get(r.evidence.start, r.evidence.end).is_none() {
            return Err(format!("relation evidence {:?} off the text", r.evidence));
        }
        if !ids.contains(&r.source.as_str()) || !ids.contains(&r.target.as_str()) {
            return Err("relation to an unknown entity".to_string());
        }
    }
    Ok(())
}
