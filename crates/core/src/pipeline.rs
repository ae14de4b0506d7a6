//! Pipeline: runs every stage over a workspace of articles. This is the one entry point the
//! CLI, the web worker and the tests call.

use crate::ingest::{ingest, Ingested};
use crate::links::{preview, Preview};
use crate::ner::{recognize, Mention};
use crate::relate::context::demonym_countries;
use crate::relate::{relations_and_quotes_with_words, DocView, Quote, Relation};
use crate::resolve::words::{attach, detach, words, Word, WordAt};
use crate::resolve::{resolve_with_words, DocMentions, Entity};
use crate::tokenize::{tokenize, Tokenized};
use crate::{dates, Diagnostic, Label};

/// Inputs larger than this are refused with a diagnostic instead of being annotated.
pub const DEFAULT_MAX_BYTES: usize = 16 * 1024 * 1024;

/// One article as the user gave it.
#[derive(Clone, Debug)]
pub struct Article {
    /// Where it came from: a file name, "paste 1", ...
    pub source: String,
    /// HTML or plain text.
    pub input: String,
}

/// One annotated document.
#[derive(Clone, Debug)]
pub struct Document {
    pub source: String,
    pub ingested: Ingested,
    pub tok: Tokenized,
    /// Sorted, non-overlapping.
    pub mentions: Vec<Mention>,
    /// The word view of the text ([`crate::resolve::words::words`]) built for dates, kept
    /// for resolve and relations; [`finish_workspace`] empties it once they are done.
    pub words: Vec<WordAt>,
    /// For each anchor of `ingested.anchors`: its preview and the entities named in its title.
    pub previews: Vec<Option<(Preview, Vec<usize>)>>,
    pub quotes: Vec<Quote>,
    pub relations: Vec<Relation>,
}

/// The whole annotated workspace.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    pub documents: Vec<Document>,
    pub entities: Vec<Entity>,
    /// `entity_of[d][m]`: entity index of mention `m` of document `d`.
    pub entity_of: Vec<Vec<usize>>,
    /// (demonym entity, country entity): "Qatari" is related to Qatar, not the same entity.
    pub related: Vec<(usize, usize)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Annotate a single article.
pub fn annotate(source: &str, input: &str) -> Workspace {
    annotate_workspace(&[Article {
        source: source.to_string(),
        input: input.to_string(),
    }])
}

/// Annotate several articles as one workspace: entities are shared across them.
pub fn annotate_workspace(articles: &[Article]) -> Workspace {
    let mut diagnostics = Vec::new();
    let documents: Vec<Document> = articles
        .iter()
        .map(|a| {
            let ingested = ingest_article(a, &mut diagnostics);
            recognize_article(&a.source, ingested)
        })
        .collect();
    finish_workspace(documents, diagnostics)
}

/// First stage of one article: its clean text (nothing, with a diagnostic, above
/// [`DEFAULT_MAX_BYTES`]). Ingest diagnostics are appended to `diagnostics`.
pub fn ingest_article(a: &Article, diagnostics: &mut Vec<Diagnostic>) -> Ingested {
    let ingested = if a.input.len() > DEFAULT_MAX_BYTES {
        diagnostics.push(Diagnostic::new(
            "pipeline",
            format!(
                "{}: input is {} MB, above the {} MB limit; not annotated",
                a.source,
                a.input.len() / (1024 * 1024),
                DEFAULT_MAX_BYTES / (1024 * 1024)
            ),
        ));
        Ingested::default()
    } else {
        ingest(&a.input)
    };
    diagnostics.extend(ingested.diagnostics.iter().cloned());
    ingested
}

/// Second stage of one article: sentences, tokens, names and dates.
pub fn recognize_article(source: &str, ingested: Ingested) -> Document {
    let tok = tokenize(&ingested.text, &ingested.paragraphs);
    let names = recognize(&ingested.text, &tok);
    let ws = words(&ingested.text, &tok);
    let found_dates = dates::find_dates_in_words(&ws);
    let words = detach(&ws);
    let mentions = merge_mentions(names, found_dates);
    Document {
        source: source.to_string(),
        ingested,
        tok,
        mentions,
        words,
        previews: Vec::new(),
        quotes: Vec::new(),
        relations: Vec::new(),
    }
}

/// Last stage, over the whole workspace: entities across documents, relations, quotes and
/// link previews.
pub fn finish_workspace(mut documents: Vec<Document>, diagnostics: Vec<Diagnostic>) -> Workspace {
    // Each document's word view is built once and shared by resolve and relations.
    let word_views: Vec<Vec<Word>> = documents
        .iter()
        .map(|d| {
            if d.words.is_empty() {
                words(&d.ingested.text, &d.tok)
            } else {
                attach(&d.ingested.text, &d.words)
            }
        })
        .collect();
    let views: Vec<DocMentions> = documents
        .iter()
        .map(|d| DocMentions {
            text: &d.ingested.text,
            tok: &d.tok,
            mentions: &d.mentions,
        })
        .collect();
    let resolution = resolve_with_words(&views, &word_views);
    let entities = resolution.entities;
    let entity_of = resolution.entity_of;

    // A mention is shown with its entity's label (one chip colour per entity); dates keep theirs.
    let empty = Vec::new();
    let relabeled: Vec<Vec<Mention>> = documents
        .iter()
        .enumerate()
        .map(|(d, doc)| {
            let mut mentions = doc.mentions.clone();
            for (m, &e) in mentions.iter_mut().zip(entity_of.get(d).unwrap_or(&empty)) {
                if let Some(ent) = entities.get(e) {
                    if m.label != Label::Date && ent.label != Label::Date {
                        m.label = ent.label;
                    }
                }
            }
            mentions
        })
        .collect();

    let related_quoted: Vec<(Vec<Relation>, Vec<Quote>)> = documents
        .iter()
        .zip(word_views)
        .enumerate()
        .map(|(d, (doc, ws))| {
            let view = DocView {
                text: &doc.ingested.text,
                tok: &doc.tok,
                mentions: relabeled.get(d).unwrap_or(&doc.mentions),
                entity_of: entity_of.get(d).unwrap_or(&empty),
                entities: &entities,
            };
            relations_and_quotes_with_words(&view, ws)
        })
        .collect();
    for ((doc, (relations, quotes)), mentions) in
        documents.iter_mut().zip(related_quoted).zip(relabeled)
    {
        doc.mentions = mentions;
        doc.relations = relations;
        doc.quotes = quotes;
        doc.words = Vec::new();
    }

    let names: Vec<&str> = entities
        .iter()
        .filter(|e| e.label != Label::Date)
        .flat_map(|e| e.aliases.iter().map(String::as_str))
        .collect();
    for doc in documents.iter_mut() {
        doc.previews = doc
            .ingested
            .anchors
            .iter()
            .map(|a| {
                preview(&a.href, &names).map(|p| {
                    let ids = p
                        .title
                        .as_deref()
                        .map(|t| entities_named_in(t, &entities))
                        .unwrap_or_default();
                    (p, ids)
                })
            })
            .collect();
    }

    let related = demonym_links(&entities);
    Workspace {
        documents,
        entities,
        entity_of,
        related,
        diagnostics,
    }
}

/// Each one-word demonym entity ("Qatari", "Syrians") paired with the place entity of its
/// country, when the workspace has one.
fn demonym_links(entities: &[Entity]) -> Vec<(usize, usize)> {
    let mut links = Vec::new();
    // Lowercase alias → the first place entity with it, built on first need.
    let mut places: Option<rustc_hash::FxHashMap<String, usize>> = None;
    for (d, e) in entities.iter().enumerate() {
        if e.label != Label::Misc || e.name.contains(char::is_whitespace) {
            continue;
        }
        let countries = demonym_countries(&e.name);
        if countries.is_empty() {
            continue;
        }
        let places = places.get_or_insert_with(|| {
            let mut m = rustc_hash::FxHashMap::default();
            for (p, place) in entities
                .iter()
                .enumerate()
                .filter(|(_, p)| p.label == Label::Loc)
            {
                for a in &place.aliases {
                    m.entry(a.to_lowercase()).or_insert(p);
                }
            }
            m
        });
        let country = countries
            .iter()
            .find_map(|c| places.get(c.as_str()).copied());
        if let Some(c) = country {
            links.push((d, c));
        }
    }
    links
}

/// Merge model mentions with rule dates: sorted, and where two overlap the model's wins.
///
/// Dates never overlap one another (see [`dates::find_dates`]), so each is checked against the
/// model's mentions only: sorted by start with the running maximum of their ends, one binary
/// search per date finds whether any of them overlaps it.
fn merge_mentions(mut names: Vec<Mention>, found_dates: Vec<Mention>) -> Vec<Mention> {
    let mut spans: Vec<crate::Span> = names.iter().map(|m| m.span).collect();
    spans.sort_by_key(|s| s.start);
    let max_end: Vec<usize> = spans
        .iter()
        .scan(0, |acc, s| {
            *acc = (*acc).max(s.end);
            Some(*acc)
        })
        .collect();
    for d in found_dates {
        // Names starting before the date ends overlap it iff one of them ends after it starts.
        let before = spans.partition_point(|s| s.start < d.span.end);
        let overlapped = before
            .checked_sub(1)
            .and_then(|k| max_end.get(k))
            .is_some_and(|&e| e > d.span.start);
        if !overlapped {
            names.push(d);
        }
    }
    names.sort_by_key(|m| (m.span.start, m.span.end));
    names
}

/// Entities whose name or an alias appears in `title` as whole words (case-insensitive).
fn entities_named_in(title: &str, entities: &[Entity]) -> Vec<usize> {
    let lower = title.to_lowercase();
    let mut ids = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        if e.label == Label::Date {
            continue;
        }
        let hit = e
            .aliases
            .iter()
            .any(|a| a.chars().count() >= 2 && contains_words(&lower, &a.to_lowercase()));
        if hit {
            ids.push(i);
        }
    }
    ids
}

fn contains_words(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    haystack.match_indices(needle).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(label: Label, name: &str) -> Entity {
        Entity {
            label,
            name: name.into(),
            aliases: vec![name.into()],
            roles: vec![],
        }
    }

    #[test]
    fn demonyms_relate_to_their_country_only() {
        let entities = [
            entity(Label::Misc, "Qatari"),
            entity(Label::Loc, "Qatar"),
            entity(Label::Misc, "Syrians"),
            entity(Label::Loc, "Syria"),
            entity(Label::Misc, "Turkish"),
            entity(Label::Misc, "Arab Spring"),
            entity(Label::Per, "Iranian"),
        ];
        // Turkish has no Turkey in the workspace; a multi-word MISC and a person are not demonyms.
        assert_eq!(demonym_links(&entities), vec![(0, 1), (2, 3)]);
    }
}
