//! The JSON contract (version 1): serde DTOs, separate from the core types. The CLI's
//! `--json`, the web worker's messages and the exports all speak it.
//!
//! Offsets here are Unicode *code-point* offsets into the document's `text`; core spans are
//! bytes, converted once in [`Contract::from_workspace`].

use crate::links::is_safe_href;
use crate::pipeline::Workspace;
use crate::span::CharIndex;
use crate::Span;
use serde::{Deserialize, Serialize};

pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contract {
    pub version: u32,
    pub documents: Vec<DocumentDto>,
    pub entities: Vec<EntityDto>,
    pub relations: Vec<RelationDto>,
    /// What the pipeline noticed (input too large, HTML repaired, ...), for display.
    #[serde(default)]
    pub diagnostics: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentDto {
    pub source: String,
    pub title: Option<String>,
    /// Clean article text; paragraphs are separated by a blank line ("\n\n").
    pub text: String,
    pub mentions: Vec<MentionDto>,
    pub links: Vec<LinkDto>,
    pub quotes: Vec<QuoteDto>,
    /// Page furniture removed from the article (navigation, listings, credits).
    #[serde(default)]
    pub furniture: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentionDto {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub label: String,
    pub entity: String,
    /// Recognizer confidence in [0, 1].
    #[serde(default)]
    pub score: f32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkDto {
    pub href: String,
    pub anchor: String,
    pub start: usize,
    pub end: usize,
    /// Whether the link may be followed (http, https, mailto only).
    #[serde(default)]
    pub safe: bool,
    pub preview: Option<PreviewDto>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PreviewDto {
    pub site: String,
    pub section: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub entities: Vec<String>,
    /// The section as a readable trail ("News › MENA").
    #[serde(default)]
    pub trail: Option<String>,
    /// The title was rebuilt from the link's slug, not taken from the linked page.
    #[serde(default)]
    pub title_derived: bool,
    /// The link's date relative to the article's ("two days earlier"); the article's date comes
    /// from its dateline or "published" line, else the newest of its links' dates.
    #[serde(default)]
    pub relative: Option<String>,
    /// Index of the workspace document the link leads to (same URL, or a slug that spells its
    /// headline); `title` is then that document's real headline.
    #[serde(default)]
    pub document: Option<usize>,
    /// The first sentence of that document.
    #[serde(default)]
    pub lead: Option<String>,
    /// A description of the linked article given by the host page (`setLinkMetadata`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The host page gave metadata for this link (title, description or date).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_host: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteDto {
    pub start: usize,
    pub end: usize,
    pub speaker: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityDto {
    pub id: String,
    pub label: String,
    pub name: String,
    pub aliases: Vec<String>,
    #[serde(default)]
    pub roles: Vec<String>,
    /// Entities related without being the same: a demonym's country ("Qatari" → Qatar's id).
    #[serde(default)]
    pub related: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelationDto {
    pub source: String,
    pub target: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub document: usize,
    pub evidence: OffsetsDto,
    #[serde(default)]
    pub detail: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetsDto {
    pub start: usize,
    pub end: usize,
}

/// The contract's id of entity `i`: "e1", "e2", ...
pub fn entity_id(i: usize) -> String {
    // Written digit by digit: one per mention, and `format!` costs several times more.
    let mut digits = [0u8; 20];
    let (mut n, mut k) = (i.saturating_add(1), digits.len());
    while k > 0 {
        k -= 1;
        if let Some(d) = digits.get_mut(k) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut id = String::with_capacity(1 + digits.len() - k);
    id.push('e');
    for &d in digits.get(k..).unwrap_or(&[]) {
        id.push(d as char);
    }
    id
}

impl Contract {
    pub fn from_workspace(ws: &Workspace) -> Contract {
        // Each document's code-point index, built once for its mentions, links, quotes and
        // relations.
        let char_indexes: Vec<CharIndex> = ws
            .documents
            .iter()
            .map(|doc| CharIndex::new(&doc.ingested.text))
            .collect();
        let documents = ws
            .documents
            .iter()
            .zip(&char_indexes)
            .enumerate()
            .map(|(d, (doc, idx))| {
                let text = &doc.ingested.text;
                let cp = |s: Span| (idx.to_char(s.start), idx.to_char(s.end));
                let of = ws.entity_of.get(d);
                let mentions = doc
                    .mentions
                    .iter()
                    .enumerate()
                    .map(|(m, mention)| {
                        let (start, end) = cp(mention.span);
                        let entity = of
                            .and_then(|o| o.get(m))
                            .map(|&e| entity_id(e))
                            .unwrap_or_default();
                        MentionDto {
                            start,
                            end,
                            text: mention.span.text(text).to_string(),
                            label: mention.label.as_str().to_string(),
                            entity,
                            score: (mention.score * 1000.0).round() / 1000.0,
                        }
                    })
                    .collect();
                let article_date = crate::links::article_date_of(doc);
                let links = doc
                    .ingested
                    .anchors
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        let (start, end) = cp(a.span);
                        let preview =
                            doc.previews
                                .get(i)
                                .and_then(|p| p.as_ref())
                                .map(|(p, ids)| {
                                    preview_dto(ws, d, &a.href, p, ids, article_date.as_deref())
                                });
                        LinkDto {
                            href: a.href.clone(),
                            anchor: a.span.text(text).to_string(),
                            start,
                            end,
                            safe: is_safe_href(&a.href),
                            preview,
                        }
                    })
                    .collect();
                let quotes = doc
                    .quotes
                    .iter()
                    .map(|q| {
                        let (start, end) = cp(q.span);
                        QuoteDto {
                            start,
                            end,
                            speaker: q.speaker.map(entity_id),
                        }
                    })
                    .collect();
                DocumentDto {
                    source: doc.source.clone(),
                    title: doc.ingested.title.clone(),
                    text: text.clone(),
                    mentions,
                    links,
                    quotes,
                    furniture: doc.ingested.furniture.clone(),
                }
            })
            .collect();
        let entities = ws
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| EntityDto {
                id: entity_id(i),
                label: e.label.as_str().to_string(),
                name: e.name.clone(),
                aliases: e.aliases.clone(),
                roles: e.roles.clone(),
                related: ws
                    .related
                    .iter()
                    .filter(|&&(from, _)| from == i)
                    .map(|&(_, to)| entity_id(to))
                    .collect(),
            })
            .collect();
        let relations = ws
            .documents
            .iter()
            .zip(&char_indexes)
            .enumerate()
            .flat_map(|(d, (doc, idx))| {
                doc.relations
                    .iter()
                    .map(|r| RelationDto {
                        source: entity_id(r.source),
                        target: entity_id(r.target),
                        kind: r.kind.as_str().to_string(),
                        document: d,
                        evidence: OffsetsDto {
                            start: idx.to_char(r.evidence.start),
                            end: idx.to_char(r.evidence.end),
                        },
                        detail: r.detail.clone(),
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        Contract {
            version: VERSION,
            documents,
            entities,
            relations,
            diagnostics: ws
                .diagnostics
                .iter()
                .map(|d| format!("{}: {}", d.stage, d.message))
                .collect(),
        }
    }
}

/// The contract's preview of link `href` in document `d`: the URL's preview, its title's
/// entities (the pipeline's whole-word matches, then names the title spells only in part, as
/// "Hayat Tahrir" for Hayat Tahrir al-Sham), the date relative to the article's, and — when
/// the link leads to another document of the workspace — that document's real headline.
fn preview_dto(
    ws: &Workspace,
    d: usize,
    href: &str,
    p: &crate::links::Preview,
    ids: &[usize],
    article_date: Option<&str>,
) -> PreviewDto {
    let target = crate::links::linked_document(href, p, d, ws);
    let target_doc = target.and_then(|t| ws.documents.get(t));
    let real_title = target_doc.and_then(|t| t.ingested.title.clone());
    let partly_named = crate::links::title_entities(p, &ws.entities)
        .into_iter()
        .filter(|e| !ids.contains(e));
    PreviewDto {
        site: p.site.clone(),
        section: p.section.clone(),
        date: p.date.clone(),
        title_derived: p.title_derived && real_title.is_none(),
        title: real_title.or_else(|| p.title.clone()),
        entities: ids
            .iter()
            .copied()
            .chain(partly_named)
            .map(entity_id)
            .collect(),
        trail: p.trail.clone(),
        relative: p
            .date
            .as_deref()
            .zip(article_date)
            .and_then(|(l, a)| crate::links::relative_label(l, a)),
        document: target,
        lead: target_doc.and_then(crate::links::first_sentence),
        description: None,
        from_host: false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn entity_ids_count_from_one() {
        for (i, id) in [(0, "e1"), (8, "e9"), (9, "e10"), (1233, "e1234")] {
            assert_eq!(super::entity_id(i), id);
        }
        assert_eq!(super::entity_id(usize::MAX), format!("e{}", usize::MAX));
    }
}
