//! Relate: typed relations between entities and quotes with their speakers.
//! OWNER: semantics helper. Interface fixed; implementation to be filled in.

use crate::ner::Mention;
use crate::resolve::Entity;
use crate::tokenize::Tokenized;
use crate::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RelationKind {
    Contact,
    Leads,
    MemberOf,
    Ally,
    SplitFrom,
    FledTo,
    Designated,
    Role,
    Family,
    Said,
}

impl RelationKind {
    pub const ALL: [RelationKind; 10] = [
        RelationKind::Contact,
        RelationKind::Leads,
        RelationKind::MemberOf,
        RelationKind::Ally,
        RelationKind::SplitFrom,
        RelationKind::FledTo,
        RelationKind::Designated,
        RelationKind::Role,
        RelationKind::Family,
        RelationKind::Said,
    ];

    /// The contract's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Contact => "contact",
            RelationKind::Leads => "leads",
            RelationKind::MemberOf => "member_of",
            RelationKind::Ally => "ally",
            RelationKind::SplitFrom => "split_from",
            RelationKind::FledTo => "fled_to",
            RelationKind::Designated => "designated_by",
            RelationKind::Role => "role",
            RelationKind::Family => "family",
            RelationKind::Said => "said",
        }
    }

    pub fn parse(s: &str) -> Option<RelationKind> {
        RelationKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A relation between two entities (indices into the workspace's entities).
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    pub source: usize,
    pub target: usize,
    pub kind: RelationKind,
    /// The sentence that states it.
    pub evidence: Span,
    /// Extra words, such as the title for `Role` or the kinship for `Family`.
    pub detail: Option<String>,
}

/// A quotation and, when the text says who, its speaker (an entity index).
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    pub span: Span,
    pub speaker: Option<usize>,
}

/// Everything one document needs for relation and quote extraction.
pub struct DocView<'a> {
    pub text: &'a str,
    pub tok: &'a Tokenized,
    pub mentions: &'a [Mention],
    /// Entity index of each mention.
    pub entity_of: &'a [usize],
    pub entities: &'a [Entity],
}

/// Relations stated in one document, each at most once per (source, kind, target, sentence).
pub fn relations(doc: &DocView) -> Vec<Relation> {
    let _ = doc;
    Vec::new()
}

/// Quotes in one document, in text order.
pub fn quotes(doc: &DocView) -> Vec<Quote> {
    let _ = doc;
    Vec::new()
}
