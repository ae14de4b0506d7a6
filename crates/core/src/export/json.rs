//! gloss JSON: the contract itself, pretty-printed, and [`import`], which reads it back and
//! checks that it fits together (version, offsets inside their texts, quoted text equal to
//! the text at its offsets, references to entities and documents that exist), so every other
//! export can trust an imported contract as it trusts a fresh one.

use super::{CodePoints, ExportError};
use crate::protocol::{Contract, VERSION};
use crate::Label;
use std::collections::HashSet;

pub fn export(contract: &Contract) -> Result<String, ExportError> {
    let mut s =
        serde_json::to_string_pretty(contract).map_err(|e| ExportError::Json(e.to_string()))?;
    s.push('\n');
    Ok(s)
}

/// A contract read from gloss JSON, after [`validate`].
pub fn import(json: &str) -> Result<Contract, ExportError> {
    // Read the version first, so a contract of another version says so rather than failing
    // on a field it lacks.
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| ExportError::Json(e.to_string()))?;
    let found = value.get("version").and_then(|v| v.as_u64());
    match found {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) => {
            return Err(ExportError::Version {
                found: u32::try_from(v).unwrap_or(u32::MAX),
                expected: VERSION,
            })
        }
        None => return Err(invalid("contract", "no numeric `version`")),
    }
    let contract: Contract =
        serde_json::from_value(value).map_err(|e| ExportError::Json(e.to_string()))?;
    validate(&contract)?;
    Ok(contract)
}

fn invalid(at: impl Into<String>, problem: impl Into<String>) -> ExportError {
    ExportError::Invalid {
        at: at.into(),
        problem: problem.into(),
    }
}

/// Checks everything the exports rely on; the first problem found is the error.
pub fn validate(c: &Contract) -> Result<(), ExportError> {
    if c.version != VERSION {
        return Err(ExportError::Version {
            found: c.version,
            expected: VERSION,
        });
    }
    let mut ids = HashSet::new();
    for (i, e) in c.entities.iter().enumerate() {
        let at = format!("entity {}", i + 1);
        if e.id.is_empty() || !ids.insert(e.id.as_str()) {
            return Err(invalid(at, format!("id `{}` is empty or repeated", e.id)));
        }
        if Label::parse(&e.label).is_none() {
            return Err(invalid(at, format!("unknown label `{}`", e.label)));
        }
    }
    let known = |id: &str| ids.contains(id);
    for (d, doc) in c.documents.iter().enumerate() {
        let cps = CodePoints::new(&doc.text);
        let fits = |start: usize, end: usize| cps.slice(start, end);
        for (m, mention) in doc.mentions.iter().enumerate() {
            let at = format!("document {}, mention {}", d + 1, m + 1);
            match fits(mention.start, mention.end) {
                None => {
                    return Err(invalid(
                        at,
                        offsets_problem(mention.start, mention.end, cps.len()),
                    ))
                }
                Some(t) if t != mention.text => {
                    return Err(invalid(
                        at,
                        format!(
                            "text `{}` is not the text at its offsets (`{t}`)",
                            mention.text
                        ),
                    ))
                }
                Some(_) => {}
            }
            if Label::parse(&mention.label).is_none() {
                return Err(invalid(at, format!("unknown label `{}`", mention.label)));
            }
            if !mention.entity.is_empty() && !known(&mention.entity) {
                return Err(invalid(at, format!("unknown entity `{}`", mention.entity)));
            }
        }
        for (l, link) in doc.links.iter().enumerate() {
            let at = format!("document {}, link {}", d + 1, l + 1);
            match fits(link.start, link.end) {
                None => {
                    return Err(invalid(
                        at,
                        offsets_problem(link.start, link.end, cps.len()),
                    ))
                }
                Some(t) if t != link.anchor => {
                    return Err(invalid(
                        at,
                        format!("anchor `{}` is not the text at its offsets", link.anchor),
                    ))
                }
                Some(_) => {}
            }
            if let Some(p) = &link.preview {
                if p.document.is_some_and(|t| t >= c.documents.len()) {
                    return Err(invalid(
                        at,
                        "preview leads to a document that does not exist",
                    ));
                }
                if let Some(e) = p.entities.iter().find(|e| !known(e)) {
                    return Err(invalid(at, format!("preview names unknown entity `{e}`")));
                }
            }
        }
        for (q, quote) in doc.quotes.iter().enumerate() {
            let at = format!("document {}, quote {}", d + 1, q + 1);
            if fits(quote.start, quote.end).is_none() {
                return Err(invalid(
                    at,
                    offsets_problem(quote.start, quote.end, cps.len()),
                ));
            }
            if let Some(s) = quote.speaker.as_deref().filter(|s| !known(s)) {
                return Err(invalid(at, format!("unknown speaker `{s}`")));
            }
        }
    }
    for (r, rel) in c.relations.iter().enumerate() {
        let at = format!("relation {}", r + 1);
        for id in [&rel.source, &rel.target] {
            if !known(id) {
                return Err(invalid(at, format!("unknown entity `{id}`")));
            }
        }
        let Some(doc) = c.documents.get(rel.document) else {
            return Err(invalid(
                at,
                format!("document {} does not exist", rel.document),
            ));
        };
        let cps = CodePoints::new(&doc.text);
        if cps.slice(rel.evidence.start, rel.evidence.end).is_none() {
            return Err(invalid(
                at,
                offsets_problem(rel.evidence.start, rel.evidence.end, cps.len()),
            ));
        }
    }
    Ok(())
}

fn offsets_problem(start: usize, end: usize, len: usize) -> String {
    format!("offsets {start}..{end} do not fit a text of {len} characters")
}
