//! Relate: typed relations between entities, and quotes with their speakers.
//!
//! Relations come only from structure, never from two names sharing a sentence:
//! [`triggers`] reads verb phrases ("X held talks with Y", "Y designated X a terrorist
//! organisation"), [`nominal`] reads noun phrases beside a name ("Qatar's foreign ministry
//! spokesman X", "X, an HTS leader", "his late father Y"). [`quotes`] finds quotations and
//! their speakers. Each relation carries its sentence as evidence and appears once per
//! (source, kind, target, sentence).
//!
//! Directions: contact, ally, split_from: subject → other party; leads, member_of, role:
//! person (or member group) → organisation or country, with the title in `detail`; fled_to:
//! person → place; designated_by: designated group → designating body; family (A, B, k):
//! "B is A's k" (k in `detail`). Demonyms stand for their country ("Qatari diplomats spoke
//! with ..." relates Qatar).

pub mod context;
pub mod nominal;
pub mod quotes;
pub mod triggers;

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

/// A relation before its evidence span is filled in.
#[derive(Clone, Debug, PartialEq)]
pub struct Raw {
    pub source: usize,
    pub target: usize,
    pub kind: RelationKind,
    /// Sentence index.
    pub sentence: usize,
    pub detail: Option<String>,
}

/// Relations stated in one document, each at most once per (source, kind, target, sentence).
pub fn relations(doc: &DocView) -> Vec<Relation> {
    relations_in(&context::Ctx::new(doc), doc)
}

/// Relations and quotes of one document from one shared [`context::Ctx`] (what the pipeline
/// calls: the context is built once).
pub fn relations_and_quotes(doc: &DocView) -> (Vec<Relation>, Vec<Quote>) {
    let ctx = context::Ctx::new(doc);
    (relations_in(&ctx, doc), quotes::extract(&ctx))
}

/// [`relations_and_quotes`] from the document's word view already built
/// ([`crate::resolve::words::words`] of its text and tokens).
pub fn relations_and_quotes_with_words<'a>(
    doc: &DocView<'a>,
    ws: Vec<crate::resolve::words::Word<'a>>,
) -> (Vec<Relation>, Vec<Quote>) {
    let ctx = context::Ctx::with_words(doc, ws);
    (relations_in(&ctx, doc), quotes::extract(&ctx))
}

fn relations_in(ctx: &context::Ctx, doc: &DocView) -> Vec<Relation> {
    let mut raw = Vec::new();
    nominal::extract(ctx, &mut raw);
    triggers::extract(ctx, &mut raw);
    let mut out: Vec<Relation> = Vec::new();
    let mut seen: rustc_hash::FxHashSet<(usize, RelationKind, usize, usize)> = Default::default();
    for r in raw {
        let key = (r.source, r.kind, r.target, r.sentence);
        if r.source == r.target
            || r.source >= doc.entities.len()
            || r.target >= doc.entities.len()
            || !seen.insert(key)
        {
            continue;
        }
        out.push(Relation {
            source: r.source,
            target: r.target,
            kind: r.kind,
            evidence: ctx.sentence_span(r.sentence),
            detail: r.detail,
        });
    }
    out.sort_by_key(|r| (r.evidence.start, r.kind, r.source, r.target));
    out
}

/// Quotes in one document, in text order.
pub fn quotes(doc: &DocView) -> Vec<Quote> {
    let ctx = context::Ctx::new(doc);
    quotes::extract(&ctx)
}
