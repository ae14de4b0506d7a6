//! JSON-LD with the schema.org vocabulary: one `@graph` holding a `NewsArticle` per document
//! and one node per entity, shared across documents through stable `@id`s (`#e1`, the
//! contract's entity ids; documents are `#d1`, `#d2`, ...).
//!
//! Mapping: PER → `Person`, ORG → `Organization`, LOC → `Place`, MISC → `Thing`; DATE
//! entities are left out (their text is not an ISO 8601 value). Aliases are `alternateName`,
//! a person's roles `jobTitle`, another entity's roles `description`. An article is `about`
//! the entities its headline names (else its most mentioned entity) and `mentions` the rest.
//! Relations whose types schema.org has a property for become that property on the source
//! node: member_of → `memberOf`, role → `worksFor`, family → `relatedTo`. No `sameAs`: gloss
//! makes no network requests, so it links to nothing it has not seen.

use super::ExportError;
use crate::links::is_safe_href;
use crate::protocol::{Contract, DocumentDto, EntityDto};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};

pub fn export(c: &Contract) -> Result<String, ExportError> {
    let label_of: HashMap<&str, &str> = c
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.label.as_str()))
        .collect();
    let typed = |id: &str| label_of.get(id).and_then(|l| schema_type(l)).is_some();
    let mut graph = Vec::with_capacity(c.documents.len() + c.entities.len());
    for (d, doc) in c.documents.iter().enumerate() {
        graph.push(article(d, doc, &c.entities, &typed));
    }
    let mut links = links_by_source(c, &label_of);
    for e in &c.entities {
        if let Some(node) = entity(e, links.remove(e.id.as_str()).unwrap_or_default()) {
            graph.push(node);
        }
    }
    let doc = json!({ "@context": "https://schema.org", "@graph": graph });
    let mut s = serde_json::to_string_pretty(&doc).map_err(|e| ExportError::Json(e.to_string()))?;
    s.push('\n');
    Ok(s)
}

/// The schema.org type of a contract label, `None` for DATE (and anything unknown).
pub fn schema_type(label: &str) -> Option<&'static str> {
    match label {
        "PER" => Some("Person"),
        "ORG" => Some("Organization"),
        "LOC" => Some("Place"),
        "MISC" => Some("Thing"),
        _ => None,
    }
}

fn node_ref(id: &str) -> Value {
    json!({ "@id": format!("#{id}") })
}

fn article(
    d: usize,
    doc: &DocumentDto,
    entities: &[EntityDto],
    typed: &dyn Fn(&str) -> bool,
) -> Value {
    // Entities in order of first mention, with their mention counts.
    let mut order: Vec<&str> = Vec::new();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for m in doc.mentions.iter().filter(|m| typed(&m.entity)) {
        let n = count.entry(m.entity.as_str()).or_insert(0);
        if *n == 0 {
            order.push(&m.entity);
        }
        *n += 1;
    }
    let by_id: HashMap<&str, &EntityDto> = entities.iter().map(|e| (e.id.as_str(), e)).collect();
    let in_title = |id: &str| {
        let (Some(title), Some(e)) = (doc.title.as_deref(), by_id.get(id)) else {
            return false;
        };
        std::iter::once(&e.name)
            .chain(&e.aliases)
            .any(|n| !n.is_empty() && names_word(title, n))
    };
    let mut about: Vec<&str> = order.iter().copied().filter(|id| in_title(id)).collect();
    if about.is_empty() {
        // The most mentioned entity; `max_by_key` keeps the last of equals, so reverse to
        // keep the first mentioned.
        about.extend(
            order
                .iter()
                .rev()
                .max_by_key(|id| count.get(*id).copied().unwrap_or(0))
                .copied(),
        );
    }
    let mentions: Vec<Value> = order
        .iter()
        .filter(|id| !about.contains(id))
        .map(|id| node_ref(id))
        .collect();

    let mut node = Map::new();
    node.insert("@id".into(), json!(format!("#d{}", d + 1)));
    node.insert("@type".into(), json!("NewsArticle"));
    if let Some(t) = &doc.title {
        node.insert("headline".into(), json!(t));
    }
    node.insert("articleBody".into(), json!(doc.text));
    node.insert("identifier".into(), json!(doc.source));
    if is_web_url(&doc.source) {
        node.insert("url".into(), json!(doc.source));
    }
    if !about.is_empty() {
        node.insert(
            "about".into(),
            Value::Array(about.iter().map(|id| node_ref(id)).collect()),
        );
    }
    if !mentions.is_empty() {
        node.insert("mentions".into(), Value::Array(mentions));
    }
    let cited: Vec<Value> = doc
        .links
        .iter()
        .filter(|l| is_web_url(&l.href))
        .map(|l| {
            let mut w = Map::new();
            w.insert("@type".into(), json!("CreativeWork"));
            w.insert("url".into(), json!(l.href));
            if let Some(t) = l.preview.as_ref().and_then(|p| p.title.as_ref()) {
                w.insert("headline".into(), json!(t));
            }
            Value::Object(w)
        })
        .collect();
    if !cited.is_empty() {
        node.insert("citation".into(), Value::Array(cited));
    }
    Value::Object(node)
}

/// Whether `name` occurs in `text` as whole words (not inside a longer word).
fn names_word(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(i, _)| {
        let before = text.get(..i).and_then(|s| s.chars().next_back());
        let after = text.get(i + name.len()..).and_then(|s| s.chars().next());
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn is_web_url(s: &str) -> bool {
    let lower = s.trim_start().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")) && is_safe_href(s)
}

/// schema.org properties from relations, per source entity id: property → target ids (in
/// contract order, without repeats).
fn links_by_source<'a>(
    c: &'a Contract,
    label_of: &HashMap<&str, &str>,
) -> HashMap<&'a str, BTreeMap<&'static str, Vec<&'a str>>> {
    let mut out: HashMap<&str, BTreeMap<&str, Vec<&str>>> = HashMap::new();
    for r in &c.relations {
        let (Some(&src), Some(&tgt)) = (
            label_of.get(r.source.as_str()),
            label_of.get(r.target.as_str()),
        ) else {
            continue;
        };
        // Only where the property's domain and range take these types.
        let property = match (r.kind.as_str(), src, tgt) {
            ("member_of", "PER" | "ORG", "ORG") => "memberOf",
            ("role", "PER", "ORG") => "worksFor",
            ("family", "PER", "PER") => "relatedTo",
            _ => continue,
        };
        let targets = out
            .entry(r.source.as_str())
            .or_default()
            .entry(property)
            .or_default();
        if !targets.contains(&r.target.as_str()) {
            targets.push(r.target.as_str());
        }
    }
    out
}

fn entity(e: &EntityDto, links: BTreeMap<&str, Vec<&str>>) -> Option<Value> {
    let kind = schema_type(&e.label)?;
    let mut node = Map::new();
    node.insert("@id".into(), json!(format!("#{}", e.id)));
    node.insert("@type".into(), json!(kind));
    node.insert("name".into(), json!(e.name));
    let aliases: Vec<&String> = e.aliases.iter().filter(|a| **a != e.name).collect();
    if !aliases.is_empty() {
        node.insert("alternateName".into(), json!(aliases));
    }
    if !e.roles.is_empty() {
        if kind == "Person" {
            node.insert("jobTitle".into(), json!(e.roles));
        } else {
            node.insert("description".into(), json!(e.roles.join("; ")));
        }
    }
    for (property, targets) in links {
        node.insert(
            property.into(),
            Value::Array(targets.iter().map(|t| node_ref(t)).collect()),
        );
    }
    Some(Value::Object(node))
}
