//! What the relationship graph shows, before any markup: which relations pass the filters,
//! which entities become nodes (in layout order), and the drawn edges with their geometry.
//!
//! Invariants:
//! - A relation is shown when its kind is not hidden and neither end's type is hidden; the
//!   graph and the accessible list both use [`Filters::shows`], so they always agree.
//! - Dates are never nodes (the brief: DATE omitted); relations to a date stay in the list.
//! - Nodes are ordered by degree, then name, then id, so the same contract always gives the
//!   same picture; at most [`MAX_NODES`] of the most connected are drawn.
//! - Relations between the same two entities in the same direction share one edge whose label
//!   lists their kinds; a reciprocal pair is drawn as two bent curves.

use crate::ui::entities;
use crate::ui::graph_layout::{self, EdgeGeom, Point, NODE_R};
use crate::ui::labels;
use gloss_core::protocol::{Contract, RelationDto};
use std::collections::{BTreeSet, HashMap};

/// The most nodes the sidebar can draw legibly; the rest stay in the list.
pub const MAX_NODES: usize = 24;
/// Node labels longer than this are shortened (the full name is in the node's tooltip).
pub const LABEL_CHARS: usize = 18;

/// Entity types and relation kinds the reader switched off.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub hidden_labels: BTreeSet<&'static str>,
    pub hidden_kinds: BTreeSet<String>,
}

impl Filters {
    /// Does relation `r` pass? (Ends missing from the entity table count as MISC.)
    pub fn shows(&self, r: &RelationDto, by_id: &entities::ById) -> bool {
        let label = |id: &str| {
            by_id
                .get(id)
                .map(|e| labels::code(&e.label))
                .unwrap_or("MISC")
        };
        !self.hidden_kinds.contains(&r.kind)
            && !self.hidden_labels.contains(label(&r.source))
            && !self.hidden_labels.contains(label(&r.target))
    }

    /// The same filters with `label` switched.
    pub fn toggle_label(&self, label: &'static str) -> Filters {
        let mut next = self.clone();
        if !next.hidden_labels.remove(label) {
            next.hidden_labels.insert(label);
        }
        next
    }

    /// The same filters with relation kind `kind` switched.
    pub fn toggle_kind(&self, kind: &str) -> Filters {
        let mut next = self.clone();
        if !next.hidden_kinds.remove(kind) {
            next.hidden_kinds.insert(kind.to_string());
        }
        next
    }
}

/// A relation kind as readers see it: `member_of` → "member of".
pub fn kind_text(kind: &str) -> String {
    kind.replace('_', " ")
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub id: String,
    pub name: String,
    /// Contract label code (PER, ORG, LOC, MISC).
    pub label: &'static str,
    pub degree: usize,
    pub at: Point,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// Indices into [`GraphModel::nodes`].
    pub from: usize,
    pub to: usize,
    /// Distinct kinds in contract order.
    pub kinds: Vec<String>,
    pub geom: EdgeGeom,
}

impl Edge {
    pub fn label(&self) -> String {
        self.kinds
            .iter()
            .map(|k| kind_text(k))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct GraphModel {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Indices of the relations that pass the filters (for the list).
    pub shown: Vec<usize>,
    /// Entities with a shown relation that did not fit in the drawing.
    pub left_out: usize,
    /// Height of the viewBox (`0 0 VIEW_W height`).
    pub height: f64,
}

/// Build the graph for `contract` under `filters`.
pub fn build(contract: &Contract, filters: &Filters) -> GraphModel {
    let by_id = entities::by_id(contract);
    let shown: Vec<usize> = contract
        .relations
        .iter()
        .enumerate()
        .filter(|(_, r)| filters.shows(r, &by_id))
        .map(|(i, _)| i)
        .collect();
    let drawable = |id: &str| {
        by_id
            .get(id)
            .map(|e| labels::code(&e.label))
            .filter(|&l| l != "DATE")
    };

    // Degree over distinct drawable pairs.
    let mut degree: HashMap<&str, usize> = HashMap::new();
    let mut pairs: BTreeSet<(&str, &str)> = BTreeSet::new();
    for r in shown.iter().filter_map(|&i| contract.relations.get(i)) {
        let (s, t) = (r.source.as_str(), r.target.as_str());
        if s == t || drawable(s).is_none() || drawable(t).is_none() {
            continue;
        }
        if pairs.insert((s.min(t), s.max(t))) {
            *degree.entry(s).or_insert(0) += 1;
            *degree.entry(t).or_insert(0) += 1;
        }
    }
    let mut ids: Vec<&str> = degree.keys().copied().collect();
    let name = |id: &str| -> String {
        by_id
            .get(id)
            .map(|e| e.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    ids.sort_by(|a, b| {
        degree[b]
            .cmp(&degree[a])
            .then_with(|| name(a).to_lowercase().cmp(&name(b).to_lowercase()))
            .then_with(|| a.cmp(b))
    });
    let left_out = ids.len().saturating_sub(MAX_NODES);
    ids.truncate(MAX_NODES);
    let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();

    // One edge per directed pair, kinds merged.
    let mut directed: Vec<((usize, usize), Vec<String>)> = Vec::new();
    for r in shown.iter().filter_map(|&i| contract.relations.get(i)) {
        let (Some(&a), Some(&b)) = (index.get(r.source.as_str()), index.get(r.target.as_str()))
        else {
            continue;
        };
        if a == b {
            continue;
        }
        match directed.iter_mut().find(|(p, _)| *p == (a, b)) {
            Some((_, kinds)) => {
                if !kinds.contains(&r.kind) {
                    kinds.push(r.kind.clone());
                }
            }
            None => directed.push(((a, b), vec![r.kind.clone()])),
        }
    }
    let undirected: Vec<(usize, usize)> = directed.iter().map(|(p, _)| *p).collect();
    let drawing = graph_layout::layout(ids.len(), &undirected);
    let at = &drawing.points;
    let nodes: Vec<Node> = ids
        .iter()
        .zip(at.iter())
        .map(|(&id, &p)| Node {
            id: id.to_string(),
            name: name(id),
            label: drawable(id).unwrap_or("MISC"),
            degree: degree.get(id).copied().unwrap_or(0),
            at: p,
        })
        .collect();
    let edges = directed
        .iter()
        .filter_map(|((a, b), kinds)| {
            let (pa, pb) = (nodes.get(*a)?.at, nodes.get(*b)?.at);
            let reciprocal = undirected.contains(&(*b, *a));
            let bend = if reciprocal { 14.0 } else { 0.0 };
            Some(Edge {
                from: *a,
                to: *b,
                kinds: kinds.clone(),
                geom: graph_layout::edge(pa, pb, bend, NODE_R + 2.0, NODE_R + 5.0),
            })
        })
        .collect();
    GraphModel {
        nodes,
        edges,
        shown,
        left_out,
        height: drawing.height,
    }
}

/// Entity types and relation kinds that occur among the relations (for the filter buttons),
/// in sidebar order and contract order.
pub fn facets(contract: &Contract) -> (Vec<&'static str>, Vec<String>) {
    let by_id = entities::by_id(contract);
    let mut present: BTreeSet<&'static str> = BTreeSet::new();
    let mut kinds: Vec<String> = Vec::new();
    for r in &contract.relations {
        for id in [&r.source, &r.target] {
            present.insert(
                by_id
                    .get(id.as_str())
                    .map(|e| labels::code(&e.label))
                    .unwrap_or("MISC"),
            );
        }
        if !kinds.contains(&r.kind) {
            kinds.push(r.kind.clone());
        }
    }
    let labels = labels::ORDER
        .iter()
        .copied()
        .filter(|l| present.contains(l))
        .collect();
    (labels, kinds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use gloss_core::protocol::{EntityDto, OffsetsDto};

    fn entity(id: &str, label: &str, name: &str) -> EntityDto {
        EntityDto {
            id: id.into(),
            label: label.into(),
            name: name.into(),
            aliases: vec![],
            roles: vec![],
            related: vec![],
        }
    }

    fn rel(s: &str, kind: &str, t: &str) -> RelationDto {
        RelationDto {
            source: s.into(),
            target: t.into(),
            kind: kind.into(),
            document: 0,
            evidence: OffsetsDto { start: 0, end: 0 },
            detail: None,
        }
    }

    fn contract() -> Contract {
        Contract {
            version: 1,
            documents: vec![],
            entities: vec![
                entity("p1", "PER", "Amal Haddad"),
                entity("p2", "PER", "Omar Said"),
                entity("o1", "ORG", "Northern Front"),
                entity("l1", "LOC", "Kassala"),
                entity("d1", "DATE", "Monday"),
                entity("m1", "MISC", "Sudanese"),
            ],
            relations: vec![
                rel("p1", "leads", "o1"),
                rel("p2", "member_of", "o1"),
                rel("p2", "contact", "p1"),
                rel("p1", "contact", "p2"),
                rel("p1", "fled_to", "l1"),
                rel("p1", "role", "d1"),
                rel("o1", "ally", "m1"),
                rel("o1", "leads", "o1"),
                rel("p2", "member_of", "o1"),
            ],
            diagnostics: vec![],
        }
    }

    fn names(m: &GraphModel) -> Vec<&str> {
        m.nodes.iter().map(|n| n.id.as_str()).collect()
    }

    fn edge_list(m: &GraphModel) -> Vec<(String, String, String)> {
        m.edges
            .iter()
            .map(|e| {
                (
                    m.nodes[e.from].id.clone(),
                    e.label(),
                    m.nodes[e.to].id.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn nodes_by_degree_without_dates_or_self_loops() {
        let m = build(&contract(), &Filters::default());
        // p1: o1, p2, l1 (date skipped) = 3; o1: p1, p2, m1 = 3; p2: 2; l1, m1: 1.
        assert_eq!(names(&m), ["p1", "o1", "p2", "l1", "m1"]);
        assert_eq!(m.shown.len(), 9, "the list keeps every relation");
        let want = [
            ("p1", "leads", "o1"),
            ("p2", "member of", "o1"),
            ("p2", "contact", "p1"),
            ("p1", "contact", "p2"),
            ("p1", "fled to", "l1"),
            ("o1", "ally", "m1"),
        ];
        let got = edge_list(&m);
        assert_eq!(got.len(), want.len(), "{got:?}");
        for (g, w) in got.iter().zip(want) {
            assert_eq!((g.0.as_str(), g.1.as_str(), g.2.as_str()), w);
        }
    }

    #[test]
    fn filters_hide_relations_and_nodes() {
        let c = contract();
        // (filters, expected nodes, expected shown relation count)
        let table: Vec<(Filters, Vec<&str>, usize)> = vec![
            (
                Filters::default().toggle_label("ORG"),
                vec!["p1", "l1", "p2"],
                4,
            ),
            (
                Filters::default().toggle_kind("contact"),
                vec!["o1", "p1", "l1", "p2", "m1"],
                7,
            ),
            (
                Filters::default().toggle_kind("leads").toggle_kind("leads"),
                vec!["p1", "o1", "p2", "l1", "m1"],
                9,
            ),
            (
                Filters::default().toggle_label("PER").toggle_label("MISC"),
                vec![],
                1,
            ),
        ];
        for (f, nodes, shown) in table {
            let m = build(&c, &f);
            assert_eq!(names(&m), nodes, "{f:?}");
            assert_eq!(m.shown.len(), shown, "{f:?}");
        }
    }

    #[test]
    fn reciprocal_pairs_bend_apart_and_others_are_straight() {
        let m = build(&contract(), &Filters::default());
        for e in &m.edges {
            let (a, b) = (m.nodes[e.from].at, m.nodes[e.to].at);
            let mid = Point {
                x: (a.x + b.x) / 2.0,
                y: (a.y + b.y) / 2.0,
            };
            let off = ((e.geom.ctrl.x - mid.x).powi(2) + (e.geom.ctrl.y - mid.y).powi(2)).sqrt();
            let reciprocal = m.edges.iter().any(|o| o.from == e.to && o.to == e.from);
            assert_eq!(off > 1.0, reciprocal, "{:?}", e.kinds);
        }
    }

    #[test]
    fn too_many_nodes_are_capped_and_counted() {
        let mut c = contract();
        for i in 0..30 {
            c.entities
                .push(entity(&format!("x{i}"), "LOC", &format!("Town {i}")));
            c.relations.push(rel("p1", "fled_to", &format!("x{i}")));
        }
        let m = build(&c, &Filters::default());
        assert_eq!(m.nodes.len(), MAX_NODES);
        assert_eq!(m.left_out, 35 - MAX_NODES);
        assert_eq!(m.nodes[0].id, "p1");
    }

    #[test]
    fn facets_in_sidebar_and_contract_order() {
        let (labels, kinds) = facets(&contract());
        assert_eq!(labels, ["PER", "ORG", "LOC", "MISC", "DATE"]);
        assert_eq!(
            kinds,
            ["leads", "member_of", "contact", "fled_to", "role", "ally"]
        );
    }
}
