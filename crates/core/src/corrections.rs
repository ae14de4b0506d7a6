//! Editor corrections: accept, reject, retype, add, merge and split, applied to a [`Contract`].
//!
//! A correction addresses its mention by text ([`MentionRef`]: the document's `source`, the
//! contract's code-point offsets and the covered text), never by index or entity id, so the
//! same list can be re-applied to a fresh annotation of the same article. [`apply`] runs the
//! corrections in order, each on the result of the ones before, and returns the corrected
//! contract with every correction that no longer fits, and why ([`Unapplied`]); none is
//! dropped silently and nothing panics.
//!
//! Invariants kept by [`apply`]: the result passes [`crate::export::validate`] whenever the
//! input does (mentions reference existing entities, relations, quotes, previews and
//! `related` lists never name a removed entity, mentions stay sorted); entity ids of untouched
//! entities never change; new entities take the next free `eN` id; same input, same output.
//!
//! The gloss JSON export of an edited workspace is the corrected contract plus, under the
//! extra top-level key `corrections`, the list that produced it ([`export_json`],
//! [`import_json`]); readers of the plain contract ignore the key.

use crate::export::{CodePoints, ExportError};
use crate::protocol::{Contract, DocumentDto, MentionDto};
use crate::Label;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A mention addressed by text, so a correction survives re-annotation: the document's
/// `source`, the contract's offsets (code points, as in [`MentionDto`]) and the covered text,
/// which must still be there.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MentionRef {
    pub document: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl MentionRef {
    /// The reference to mention `m` of `doc`.
    pub fn of(doc: &DocumentDto, m: &MentionDto) -> MentionRef {
        MentionRef {
            document: doc.source.clone(),
            start: m.start,
            end: m.end,
            text: m.text.clone(),
        }
    }

    fn overlaps(&self, m: &MentionDto) -> bool {
        self.start < m.end && m.start < self.end
    }
}

/// One editor decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "camelCase")]
pub enum Correction {
    /// The editor confirms the mention: its score becomes 1.
    Accept { mention: MentionRef },
    /// Not an entity: the mention is removed (and its entity, when it was the last mention).
    Reject { mention: MentionRef },
    /// The mention's entity is of another type: the entity and all its mentions take `label`.
    Retype { mention: MentionRef, label: String },
    /// A mention the recognizer missed, from a text selection. It joins an entity of that
    /// label with that name or alias, else becomes a new entity.
    Add { mention: MentionRef, label: String },
    /// The mention's entity is the same as `into`'s: it joins it (all its mentions move).
    Merge {
        mention: MentionRef,
        into: MentionRef,
    },
    /// The mention is not the entity it was resolved to: it becomes an entity of its own.
    Split { mention: MentionRef },
}

impl Correction {
    /// The mention the correction is about.
    pub fn mention(&self) -> &MentionRef {
        match self {
            Correction::Accept { mention }
            | Correction::Reject { mention }
            | Correction::Retype { mention, .. }
            | Correction::Add { mention, .. }
            | Correction::Merge { mention, .. }
            | Correction::Split { mention } => mention,
        }
    }

    /// The same correction with each mention's `document` replaced by `rename(document)`: the
    /// app stores corrections under the article's content key and names the document by its
    /// current source only when applying.
    pub fn with_documents(mut self, rename: impl Fn(&str) -> String) -> Correction {
        let fix = |m: &mut MentionRef| m.document = rename(&m.document);
        match &mut self {
            Correction::Merge { mention, into } => {
                fix(mention);
                fix(into);
            }
            Correction::Accept { mention }
            | Correction::Reject { mention }
            | Correction::Retype { mention, .. }
            | Correction::Add { mention, .. }
            | Correction::Split { mention } => fix(mention),
        }
        self
    }

    /// The other mention a merge names, if any.
    pub fn merge_target(&self) -> Option<&MentionRef> {
        match self {
            Correction::Merge { into, .. } => Some(into),
            _ => None,
        }
    }

    /// A short line for lists and undo labels: `Rejected “Qatar”`.
    pub fn describe(&self) -> String {
        let text = &self.mention().text;
        match self {
            Correction::Accept { .. } => format!("Accepted “{text}”"),
            Correction::Reject { .. } => format!("Rejected “{text}”"),
            Correction::Retype { label, .. } => format!("Changed “{text}” to {label}"),
            Correction::Add { label, .. } => format!("Added “{text}” as {label}"),
            Correction::Merge { into, .. } => format!("Merged “{text}” into “{}”", into.text),
            Correction::Split { .. } => format!("Split “{text}” from its entity"),
        }
    }
}

/// Why a correction was not applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "camelCase")]
pub enum Reason {
    /// No document has the correction's `source`.
    NoDocument,
    /// The text at the offsets is not the correction's text any more.
    TextChanged { found: String },
    /// The text is there but no mention covers exactly these offsets.
    NoMention,
    /// An added mention would overlap the mention `text`.
    Overlaps { text: String },
    /// A label that is none of PER, ORG, LOC, MISC, DATE.
    UnknownLabel { label: String },
    /// A merge of two mentions of the same entity.
    SameEntity,
    /// A split of the only mention of an entity.
    AlreadyAlone,
    /// The mention names no entity of the contract.
    NoEntity,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::NoDocument => f.write_str("its article is not in the workspace"),
            Reason::TextChanged { found } if found.is_empty() => {
                f.write_str("the text is no longer there")
            }
            Reason::TextChanged { found } => write!(f, "the text there now reads “{found}”"),
            Reason::NoMention => f.write_str("the text is no longer marked as a mention"),
            Reason::Overlaps { text } => write!(f, "it overlaps the mention “{text}”"),
            Reason::UnknownLabel { label } => write!(f, "unknown type “{label}”"),
            Reason::SameEntity => f.write_str("both mentions are already the same entity"),
            Reason::AlreadyAlone => f.write_str("the mention is already an entity of its own"),
            Reason::NoEntity => f.write_str("the mention belongs to no entity"),
        }
    }
}

/// A correction that did not fit the contract, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unapplied {
    pub correction: Correction,
    pub reason: Reason,
}

/// The corrected contract and the corrections that could not be applied, in their order.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub contract: Contract,
    pub unapplied: Vec<Unapplied>,
}

/// `corrections` applied in order to a copy of `contract`.
pub fn apply(contract: &Contract, corrections: &[Correction]) -> Applied {
    let mut c = contract.clone();
    let mut unapplied = Vec::new();
    for correction in corrections {
        if let Err(reason) = apply_one(&mut c, correction) {
            unapplied.push(Unapplied {
                correction: correction.clone(),
                reason,
            });
        }
    }
    Applied {
        contract: c,
        unapplied,
    }
}

/// Position of a mention: document index, mention index.
type At = (usize, usize);

fn apply_one(c: &mut Contract, correction: &Correction) -> Result<(), Reason> {
    match correction {
        Correction::Accept { mention } => {
            let at = locate(c, mention)?;
            if let Some(m) = mention_mut(c, at) {
                m.score = 1.0;
            }
            Ok(())
        }
        Correction::Reject { mention } => {
            let at = locate(c, mention)?;
            reject(c, at);
            Ok(())
        }
        Correction::Retype { mention, label } => {
            let label = parse_label(label)?;
            let at = locate(c, mention)?;
            retype(c, at, label)
        }
        Correction::Add { mention, label } => {
            let label = parse_label(label)?;
            add(c, mention, label)
        }
        Correction::Merge { mention, into } => {
            let from = locate(c, mention)?;
            let to = locate(c, into)?;
            merge(c, from, to)
        }
        Correction::Split { mention } => {
            let at = locate(c, mention)?;
            split(c, at)
        }
    }
}

fn parse_label(label: &str) -> Result<&'static str, Reason> {
    Label::parse(label)
        .map(Label::as_str)
        .ok_or_else(|| Reason::UnknownLabel {
            label: label.to_string(),
        })
}

fn mention_mut(c: &mut Contract, (d, m): At) -> Option<&mut MentionDto> {
    c.documents.get_mut(d)?.mentions.get_mut(m)
}

fn mention_at(c: &Contract, (d, m): At) -> Option<&MentionDto> {
    c.documents.get(d)?.mentions.get(m)
}

/// The mention `r` addresses. Several documents may share a source; the first that holds
/// the mention wins, else the first document's reason is given.
fn locate(c: &Contract, r: &MentionRef) -> Result<At, Reason> {
    let mut first_err = None;
    for (d, doc) in c.documents.iter().enumerate() {
        if doc.source != r.document {
            continue;
        }
        let found = doc
            .mentions
            .iter()
            .position(|m| m.start == r.start && m.end == r.end);
        let result: Result<(), Reason> = match found {
            Some(m) if doc.mentions.get(m).is_some_and(|x| x.text == r.text) => return Ok((d, m)),
            Some(m) => Err(Reason::TextChanged {
                found: doc
                    .mentions
                    .get(m)
                    .map(|x| x.text.clone())
                    .unwrap_or_default(),
            }),
            None => match CodePoints::new(&doc.text).slice(r.start, r.end) {
                Some(t) if t == r.text => Err(Reason::NoMention),
                found => Err(Reason::TextChanged {
                    found: found.unwrap_or("").to_string(),
                }),
            },
        };
        if first_err.is_none() {
            first_err = result.err();
        }
    }
    Err(first_err.unwrap_or(Reason::NoDocument))
}

fn mentions_of<'a>(c: &'a Contract, id: &'a str) -> impl Iterator<Item = (usize, &'a MentionDto)> {
    c.documents
        .iter()
        .enumerate()
        .flat_map(move |(d, doc)| doc.mentions.iter().map(move |m| (d, m)))
        .filter(move |(_, m)| m.entity == id)
}

/// The next free `eN` id.
fn new_entity_id(c: &Contract) -> String {
    let highest = c
        .entities
        .iter()
        .filter_map(|e| e.id.strip_prefix('e')?.parse::<usize>().ok())
        .max()
        .unwrap_or(0);
    let mut n = highest.saturating_add(1);
    loop {
        let id = format!("e{n}");
        if !c.entities.iter().any(|e| e.id == id) {
            return id;
        }
        n = n.saturating_add(1);
    }
}

fn push_entity(c: &mut Contract, label: &str, text: &str) -> String {
    let id = new_entity_id(c);
    c.entities.push(crate::protocol::EntityDto {
        id: id.clone(),
        label: label.to_string(),
        name: text.to_string(),
        aliases: vec![text.to_string()],
        roles: Vec::new(),
        related: Vec::new(),
    });
    id
}

fn reject(c: &mut Contract, (d, m): At) {
    let Some(doc) = c.documents.get_mut(d) else {
        return;
    };
    if m >= doc.mentions.len() {
        return;
    }
    let removed = doc.mentions.remove(m);
    let id = removed.entity.clone();
    if id.is_empty() {
        return;
    }
    if mentions_of(c, &id).next().is_none() {
        remove_entity(c, &id);
        return;
    }
    // Relations stated only through this mention go with it.
    let stated = stated_only_by(c, d, &removed);
    let mut i = 0;
    c.relations.retain(|_| {
        let keep = !stated.contains(&i);
        i += 1;
        keep
    });
    forget_alias(c, &id, &removed.text);
}

/// Indices of the relations of document `d` that involve `m`'s entity, whose evidence
/// covers `m`, and whose evidence holds no other mention of that entity (so `m` is what
/// stated them).
fn stated_only_by(c: &Contract, d: usize, m: &MentionDto) -> Vec<usize> {
    let id = m.entity.as_str();
    let others: Vec<(usize, usize)> = mentions_of(c, id)
        .filter(|(md, x)| *md == d && (x.start, x.end) != (m.start, m.end))
        .map(|(_, x)| (x.start, x.end))
        .collect();
    c.relations
        .iter()
        .enumerate()
        .filter(|(_, r)| r.document == d && (r.source == id || r.target == id))
        .filter(|(_, r)| r.evidence.start <= m.start && m.end <= r.evidence.end)
        .filter(|(_, r)| {
            !others
                .iter()
                .any(|&(s, e)| r.evidence.start <= s && e <= r.evidence.end)
        })
        .map(|(i, _)| i)
        .collect()
}

/// Drops `text` from the aliases of entity `id` when no mention of it spells it any more;
/// a name so dropped is replaced by the longest remaining alias.
fn forget_alias(c: &mut Contract, id: &str, text: &str) {
    if mentions_of(c, id).any(|(_, m)| m.text == text) {
        return;
    }
    let Some(e) = c.entities.iter_mut().find(|e| e.id == id) else {
        return;
    };
    e.aliases.retain(|a| a != text);
    if e.name == text {
        if let Some(longest) = e
            .aliases
            .iter()
            .fold(None::<&String>, |best, a| match best {
                Some(b) if b.chars().count() >= a.chars().count() => Some(b),
                _ => Some(a),
            })
        {
            e.name = longest.clone();
        }
    }
}

/// Removes entity `id` and every reference to it.
fn remove_entity(c: &mut Contract, id: &str) {
    c.entities.retain(|e| e.id != id);
    for e in c.entities.iter_mut() {
        e.related.retain(|r| r != id);
    }
    c.relations.retain(|r| r.source != id && r.target != id);
    for doc in c.documents.iter_mut() {
        for m in doc.mentions.iter_mut().filter(|m| m.entity == id) {
            m.entity.clear();
        }
        for q in doc.quotes.iter_mut() {
            if q.speaker.as_deref() == Some(id) {
                q.speaker = None;
            }
        }
        for p in doc.links.iter_mut().filter_map(|l| l.preview.as_mut()) {
            p.entities.retain(|e| e != id);
        }
    }
}

fn retype(c: &mut Contract, at: At, label: &str) -> Result<(), Reason> {
    let id = mention_at(c, at)
        .map(|m| m.entity.clone())
        .unwrap_or_default();
    if let Some(m) = mention_mut(c, at) {
        m.label = label.to_string();
        m.score = 1.0;
    }
    if id.is_empty() {
        return Ok(());
    }
    for doc in c.documents.iter_mut() {
        for m in doc.mentions.iter_mut().filter(|m| m.entity == id) {
            m.label = label.to_string();
        }
    }
    if let Some(e) = c.entities.iter_mut().find(|e| e.id == id) {
        e.label = label.to_string();
    }
    Ok(())
}

fn add(c: &mut Contract, r: &MentionRef, label: &str) -> Result<(), Reason> {
    let mut first_err = None;
    let mut target = None;
    for (d, doc) in c.documents.iter().enumerate() {
        if doc.source != r.document {
            continue;
        }
        let result: Result<(), Reason> = match CodePoints::new(&doc.text).slice(r.start, r.end) {
            Some(t) if t == r.text && !t.trim().is_empty() => {
                match doc.mentions.iter().find(|m| r.overlaps(m)) {
                    Some(m) => Err(Reason::Overlaps {
                        text: m.text.clone(),
                    }),
                    None => {
                        target = Some(d);
                        break;
                    }
                }
            }
            found => Err(Reason::TextChanged {
                found: found.unwrap_or("").to_string(),
            }),
        };
        if first_err.is_none() {
            first_err = result.err();
        }
    }
    let Some(d) = target else {
        return Err(first_err.unwrap_or(Reason::NoDocument));
    };
    let known = c
        .entities
        .iter()
        .find(|e| e.label == label && (e.name == r.text || e.aliases.iter().any(|a| a == &r.text)))
        .map(|e| e.id.clone());
    let entity = match known {
        Some(id) => id,
        None => push_entity(c, label, &r.text),
    };
    let Some(doc) = c.documents.get_mut(d) else {
        return Err(Reason::NoDocument);
    };
    let at = doc
        .mentions
        .iter()
        .position(|m| (m.start, m.end) > (r.start, r.end))
        .unwrap_or(doc.mentions.len());
    doc.mentions.insert(
        at,
        MentionDto {
            start: r.start,
            end: r.end,
            text: r.text.clone(),
            label: label.to_string(),
            entity,
            score: 1.0,
        },
    );
    Ok(())
}

fn merge(c: &mut Contract, from: At, to: At) -> Result<(), Reason> {
    let a = mention_at(c, from)
        .map(|m| m.entity.clone())
        .unwrap_or_default();
    let b = mention_at(c, to)
        .map(|m| m.entity.clone())
        .unwrap_or_default();
    if a.is_empty() || b.is_empty() {
        return Err(Reason::NoEntity);
    }
    if a == b {
        return Err(Reason::SameEntity);
    }
    let Some(gone) = c.entities.iter().find(|e| e.id == a).cloned() else {
        return Err(Reason::NoEntity);
    };
    let Some(kept) = c.entities.iter_mut().find(|e| e.id == b) else {
        return Err(Reason::NoEntity);
    };
    let label = kept.label.clone();
    for alias in gone.aliases.iter().chain([&gone.name]) {
        if !kept.aliases.contains(alias) && kept.name != *alias {
            kept.aliases.push(alias.clone());
        }
    }
    for role in gone.roles {
        if !kept.roles.contains(&role) {
            kept.roles.push(role);
        }
    }
    for rel in gone.related {
        if rel != b && !kept.related.contains(&rel) {
            kept.related.push(rel);
        }
    }
    for doc in c.documents.iter_mut() {
        for m in doc.mentions.iter_mut().filter(|m| m.entity == a) {
            m.entity = b.clone();
            m.label = label.clone();
        }
        for q in doc.quotes.iter_mut() {
            if q.speaker.as_deref() == Some(a.as_str()) {
                q.speaker = Some(b.clone());
            }
        }
        for p in doc.links.iter_mut().filter_map(|l| l.preview.as_mut()) {
            rename_in_list(&mut p.entities, &a, &b);
        }
    }
    for e in c.entities.iter_mut() {
        rename_in_list(&mut e.related, &a, &b);
        let own = e.id.clone();
        e.related.retain(|r| *r != own);
    }
    for r in c.relations.iter_mut() {
        if r.source == a {
            r.source = b.clone();
        }
        if r.target == a {
            r.target = b.clone();
        }
    }
    c.relations.retain(|r| r.source != r.target);
    let mut seen = Vec::new();
    c.relations.retain(|r| {
        let fresh = !seen.contains(r);
        if fresh {
            seen.push(r.clone());
        }
        fresh
    });
    c.entities.retain(|e| e.id != a);
    Ok(())
}

/// Replaces `from` with `to` in a list of ids, keeping the first of any duplicates.
fn rename_in_list(ids: &mut Vec<String>, from: &str, to: &str) {
    for id in ids.iter_mut() {
        if id == from {
            *id = to.to_string();
        }
    }
    let mut seen: Vec<String> = Vec::new();
    ids.retain(|id| {
        let fresh = !seen.contains(id);
        if fresh {
            seen.push(id.clone());
        }
        fresh
    });
}

fn split(c: &mut Contract, at: At) -> Result<(), Reason> {
    let Some(m) = mention_at(c, at).cloned() else {
        return Err(Reason::NoMention);
    };
    if m.entity.is_empty() {
        return Err(Reason::NoEntity);
    }
    if mentions_of(c, &m.entity).count() < 2 {
        return Err(Reason::AlreadyAlone);
    }
    let stated = stated_only_by(c, at.0, &m);
    let id = push_entity(c, &m.label, &m.text);
    if let Some(x) = mention_mut(c, at) {
        x.entity = id.clone();
    }
    for i in stated {
        if let Some(r) = c.relations.get_mut(i) {
            if r.source == m.entity {
                r.source = id.clone();
            }
            if r.target == m.entity {
                r.target = id.clone();
            }
        }
    }
    forget_alias(c, &m.entity, &m.text);
    Ok(())
}

/// gloss JSON of an edited workspace: `base` with `corrections` applied, plus the list of
/// corrections (all of them, applied or not) under the key `corrections`.
pub fn export_json(base: &Contract, corrections: &[Correction]) -> Result<String, ExportError> {
    /// The contract's fields in their order, then `corrections` (left out when empty, so an
    /// unedited workspace exports exactly as [`crate::export::export`] writes it).
    #[derive(Serialize)]
    struct Edited<'a> {
        #[serde(flatten)]
        contract: &'a Contract,
        #[serde(skip_serializing_if = "<[Correction]>::is_empty")]
        corrections: &'a [Correction],
    }
    let applied = apply(base, corrections);
    let edited = Edited {
        contract: &applied.contract,
        corrections,
    };
    let mut s =
        serde_json::to_string_pretty(&edited).map_err(|e| ExportError::Json(e.to_string()))?;
    s.push('\n');
    Ok(s)
}

/// A gloss JSON file read back: the contract (validated as [`crate::export::import`] does)
/// and its corrections (none when the key is absent).
pub fn import_json(json: &str) -> Result<(Contract, Vec<Correction>), ExportError> {
    let contract = crate::export::import(json)?;
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| ExportError::Json(e.to_string()))?;
    let corrections = match value.get("corrections") {
        None | Some(serde_json::Value::Null) => Vec::new(),
        Some(list) => serde_json::from_value(list.clone())
            .map_err(|e| ExportError::Json(format!("corrections: {e}")))?,
    };
    Ok((contract, corrections))
}

/// The input that re-creates `doc` when annotated again (an imported gloss JSON document):
/// its clean text, after its title when it has one, so plain-text ingest finds the same
/// headline and the same text. (A title that does not look like a headline is then kept as
/// the first paragraph; the offsets shift, and corrections are listed as not fitting.)
pub fn article_input(doc: &DocumentDto) -> String {
    match doc
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(title) if !doc.text.starts_with(title) => format!("{title}\n\n{}", doc.text),
        _ => doc.text.clone(),
    }
}
