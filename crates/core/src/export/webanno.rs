//! W3C Web Annotation Data Model (JSON-LD, `http://www.w3.org/ns/anno.jsonld`): an
//! `AnnotationCollection` whose first `AnnotationPage` holds one `Annotation` per mention.
//!
//! Each annotation targets its document's source with a `TextQuoteSelector` (exact text, and
//! up to [`CONTEXT_CHARS`] code points of prefix and suffix) and a `TextPositionSelector`
//! (code-point `start`/`end` into the document's text, as the model asks). Bodies: the label
//! as a `tagging` `TextualBody`, and, when the mention belongs to an entity, the entity as an
//! `identifying` `TextualBody` whose `id` is the entity's (`#e1`, the JSON-LD export's ids).
//! Mentions whose offsets do not fit their text are skipped, so every selector is true.

use super::{CodePoints, ExportError};
use crate::protocol::{Contract, EntityDto};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// Code points of context in `prefix` and `suffix`.
pub const CONTEXT_CHARS: usize = 32;

pub fn export(c: &Contract) -> Result<String, ExportError> {
    let by_id: HashMap<&str, &EntityDto> = c.entities.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut items = Vec::new();
    for (d, doc) in c.documents.iter().enumerate() {
        let cps = CodePoints::new(&doc.text);
        for (m, mention) in doc.mentions.iter().enumerate() {
            let Some(exact) = cps.slice(mention.start, mention.end) else {
                continue;
            };
            let (prefix, suffix) = cps.context(mention.start, mention.end, CONTEXT_CHARS);
            let mut bodies = vec![json!({
                "type": "TextualBody",
                "purpose": "tagging",
                "value": mention.label,
                "format": "text/plain",
            })];
            if let Some(e) = by_id.get(mention.entity.as_str()) {
                bodies.push(json!({
                    "id": format!("#{}", e.id),
                    "type": "TextualBody",
                    "purpose": "identifying",
                    "value": e.name,
                    "format": "text/plain",
                }));
            }
            let mut quote = Map::new();
            quote.insert("type".into(), json!("TextQuoteSelector"));
            quote.insert("exact".into(), json!(exact));
            if !prefix.is_empty() {
                quote.insert("prefix".into(), json!(prefix));
            }
            if !suffix.is_empty() {
                quote.insert("suffix".into(), json!(suffix));
            }
            items.push(json!({
                "id": format!("#d{}-m{}", d + 1, m + 1),
                "type": "Annotation",
                "motivation": "tagging",
                "body": bodies,
                "target": {
                    "source": doc.source,
                    "selector": [
                        Value::Object(quote),
                        { "type": "TextPositionSelector", "start": mention.start, "end": mention.end },
                    ],
                },
            }));
        }
    }
    let mut collection = Map::new();
    collection.insert("@context".into(), json!("http://www.w3.org/ns/anno.jsonld"));
    collection.insert("id".into(), json!("#annotations"));
    collection.insert("type".into(), json!("AnnotationCollection"));
    collection.insert("label".into(), json!("gloss annotations"));
    collection.insert(
        "generator".into(),
        json!({ "type": "Software", "name": "gloss" }),
    );
    collection.insert("total".into(), json!(items.len()));
    // The model asks for a first page only when there are annotations.
    if !items.is_empty() {
        collection.insert(
            "first".into(),
            json!({ "id": "#annotations-page1", "type": "AnnotationPage", "startIndex": 0, "items": items }),
        );
    }
    let mut s = serde_json::to_string_pretty(&Value::Object(collection))
        .map_err(|e| ExportError::Json(e.to_string()))?;
    s.push('\n');
    Ok(s)
}
