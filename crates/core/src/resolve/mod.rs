//! Resolve: group mentions into entities across all articles of a workspace.
//! OWNER: semantics helper. Interface fixed; implementation to be filled in.

pub mod words;

use crate::ner::Mention;
use crate::tokenize::Tokenized;
use crate::Label;

/// One document's mentions, as resolve sees them.
pub struct DocMentions<'a> {
    pub text: &'a str,
    pub tok: &'a Tokenized,
    pub mentions: &'a [Mention],
}

/// One real-world entity.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub label: Label,
    /// The fullest name seen (canonical display name).
    pub name: String,
    /// Every distinct surface form, the name included.
    pub aliases: Vec<String>,
    /// Titles and roles found beside the name ("Minister of State", "President").
    pub roles: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resolution {
    pub entities: Vec<Entity>,
    /// For each document, for each of its mentions: the index of its entity.
    pub entity_of: Vec<Vec<usize>>,
}

/// Group mentions into entities.
pub fn resolve(docs: &[DocMentions]) -> Resolution {
    let mut res = Resolution::default();
    for d in docs {
        let mut ids = Vec::new();
        for m in d.mentions {
            let surface = m.span.text(d.text).to_string();
            let found = res.entities.iter().position(|e| e.label == m.label && e.name == surface);
            let id = found.unwrap_or_else(|| {
                res.entities.push(Entity { label: m.label, name: surface.clone(), aliases: vec![surface], roles: vec![] });
                res.entities.len() - 1
            });
            ids.push(id);
        }
        res.entity_of.push(ids);
    }
    res
}
