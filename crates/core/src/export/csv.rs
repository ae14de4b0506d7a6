//! CSV (RFC 4180): a header row, CRLF line ends, and fields quoted when they hold a comma, a
//! double quote, CR or LF (quotes inside doubled). Lists inside one field are joined by "; ".
//!
//! Entities: id, label, name, aliases, roles, mentions (count across the workspace).
//! Relations: source, source_name, type, target, target_name, document (its source),
//! evidence (the sentence's text), detail.

use super::CodePoints;
use crate::protocol::Contract;
use std::collections::HashMap;

pub fn entities(c: &Contract) -> String {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in c.documents.iter().flat_map(|d| &d.mentions) {
        *counts.entry(m.entity.as_str()).or_insert(0) += 1;
    }
    let mut out = String::new();
    row(
        &mut out,
        &["id", "label", "name", "aliases", "roles", "mentions"],
    );
    for e in &c.entities {
        let n = counts.get(e.id.as_str()).copied().unwrap_or(0).to_string();
        row(
            &mut out,
            &[
                &e.id,
                &e.label,
                &e.name,
                &e.aliases.join("; "),
                &e.roles.join("; "),
                &n,
            ],
        );
    }
    out
}

pub fn relations(c: &Contract) -> String {
    let names: HashMap<&str, &str> = c
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    let name = |id: &str| names.get(id).copied().unwrap_or("");
    let texts: Vec<CodePoints> = c
        .documents
        .iter()
        .map(|d| CodePoints::new(&d.text))
        .collect();
    let mut out = String::new();
    row(
        &mut out,
        &[
            "source",
            "source_name",
            "type",
            "target",
            "target_name",
            "document",
            "evidence",
            "detail",
        ],
    );
    for r in &c.relations {
        let document = c
            .documents
            .get(r.document)
            .map(|d| d.source.as_str())
            .unwrap_or("");
        let evidence = texts
            .get(r.document)
            .and_then(|t| t.slice(r.evidence.start, r.evidence.end))
            .unwrap_or("");
        row(
            &mut out,
            &[
                &r.source,
                name(&r.source),
                &r.kind,
                &r.target,
                name(&r.target),
                document,
                evidence,
                r.detail.as_deref().unwrap_or(""),
            ],
        );
    }
    out
}

/// Appends one record and its CRLF.
fn row(out: &mut String, fields: &[&str]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, f);
    }
    out.push_str("\r\n");
}

/// One field, quoted only when RFC 4180 needs it.
pub fn field(out: &mut String, f: &str) {
    if f.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&f.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(f);
    }
}
