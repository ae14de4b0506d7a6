//! Browser tests for the sidebar's relationship graph: mount `RelationGraph` with a hand-made
//! contract and check the SVG (nodes shaped by type, labelled edges with arrowheads), the
//! filters (graph and list agree), selection (click and Enter emit the entity id; the
//! selected node, its edges and the entity card follow) and determinism.
//! Run: `wasm-pack test --headless --chrome --mode no-install -- -p gloss-app --test web_graph`.
#![cfg(target_arch = "wasm32")]

use gloss_app::ui::components::graph::RelationGraph;
use gloss_app::ui::graph_layout;
use gloss_app::ui::state::Shared;
use gloss_core::protocol::{Contract, DocumentDto, EntityDto, MentionDto, OffsetsDto, RelationDto};
use std::cell::RefCell;
use wasm_bindgen_test::*;
use web_sys::Element;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

mod dom;
use dom::*;

// ---------- a hand-made contract ----------

const TEXT: &str = "KASSALA, Sudan (Wire) — Amal Haddad, who leads the Northern Front, met Omar Saïd in Kassala on Monday. \
Saïd, a member of the Northern Front, later fled to Port Sudan. \
The Front is allied with the Eastern Bloc, a spokesman said.";

/// Offsets of the first occurrence of `needle` in TEXT.
fn at(needle: &str) -> OffsetsDto {
    let (start, end) = span(TEXT, needle, 0);
    OffsetsDto { start, end }
}

fn entity(id: &str, label: &str, name: &str, aliases: &[&str], roles: &[&str]) -> EntityDto {
    EntityDto {
        id: id.into(),
        label: label.into(),
        name: name.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        roles: roles.iter().map(|r| r.to_string()).collect(),
        related: vec![],
    }
}

const S1: &str = "Amal Haddad, who leads the Northern Front, met Omar Saïd in Kassala on Monday.";
const S2: &str = "Saïd, a member of the Northern Front, later fled to Port Sudan.";
const S3: &str = "The Front is allied with the Eastern Bloc, a spokesman said.";

fn rel(source: &str, kind: &str, target: &str, sentence: &str) -> RelationDto {
    RelationDto {
        source: source.into(),
        target: target.into(),
        kind: kind.into(),
        document: 0,
        evidence: at(sentence),
        detail: None,
    }
}

fn mention(needle: &str, label: &str, entity: &str) -> MentionDto {
    let o = at(needle);
    MentionDto {
        start: o.start,
        end: o.end,
        text: needle.into(),
        label: label.into(),
        entity: entity.into(),
        score: 0.9,
    }
}

fn contract() -> Shared<Contract> {
    Shared::new(Contract {
        version: 1,
        documents: vec![DocumentDto {
            source: "wire.txt".into(),
            title: None,
            text: TEXT.into(),
            mentions: vec![
                mention("Amal Haddad", "PER", "p1"),
                mention("Northern Front", "ORG", "o1"),
                mention("Omar Saïd", "PER", "p2"),
                mention("Kassala", "LOC", "l1"),
                mention("Monday", "DATE", "d1"),
                mention("Port Sudan", "LOC", "l2"),
                mention("Eastern Bloc", "MISC", "m1"),
            ],
            links: vec![],
            quotes: vec![],
            furniture: vec![],
        }],
        entities: vec![
            entity(
                "p1",
                "PER",
                "Amal Haddad",
                &["Amal Haddad", "Haddad", "Umm Khalid"],
                &["commander"],
            ),
            entity("p2", "PER", "Omar Saïd", &["Omar Saïd", "Saïd"], &[]),
            entity("o1", "ORG", "Northern Front", &["the Front"], &[]),
            entity("l1", "LOC", "Kassala", &[], &[]),
            entity("l2", "LOC", "Port Sudan", &[], &[]),
            EntityDto {
                related: vec!["l1".into()],
                ..entity("m1", "MISC", "Eastern Bloc", &[], &[])
            },
            entity("d1", "DATE", "Monday", &[], &[]),
        ],
        relations: vec![
            rel("p1", "leads", "o1", S1),
            rel("p1", "contact", "p2", S1),
            rel("p2", "member_of", "o1", S2),
            rel("p2", "fled_to", "l2", S2),
            rel("o1", "ally", "m1", S3),
        ],
        diagnostics: vec![],
    })
}

// ---------- harness ----------

thread_local! {
    /// Every id the graph emitted through `on_select`, in order.
    static EMITTED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn take_emitted() -> Vec<String> {
    EMITTED.with(|e| std::mem::take(&mut *e.borrow_mut()))
}

#[derive(Properties, PartialEq)]
struct HarnessProps {
    contract: Shared<Contract>,
    initial: Option<String>,
}

/// The graph with a selection toggled the way the app's reducer does it.
#[component]
fn Harness(props: &HarnessProps) -> Html {
    let selected = use_state(|| props.initial.clone());
    let on_select = {
        let selected = selected.clone();
        Callback::from(move |id: String| {
            EMITTED.with(|e| e.borrow_mut().push(id.clone()));
            toggle(&selected, id);
        })
    };
    html! { <RelationGraph contract={props.contract.clone()} selected={(*selected).clone()} {on_select} /> }
}

async fn mount(initial: Option<&str>) -> Element {
    let root = fresh_root();
    take_emitted();
    yew::Renderer::<Harness>::with_root_and_props(
        root.clone(),
        HarnessProps {
            contract: contract(),
            initial: initial.map(str::to_string),
        },
    )
    .render();
    settle().await;
    root
}

fn attrs(root: &Element, selector: &str, name: &str) -> Vec<String> {
    let mut v: Vec<String> = all(root, selector).iter().map(|e| attr(e, name)).collect();
    v.sort();
    v
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    let mut v: Vec<String> = all(root, selector).iter().map(text).collect();
    v.sort();
    v
}

fn node(root: &Element, id: &str) -> Element {
    one(root, &format!(".graph-node[data-entity='{id}']"))
}

// ---------- tests ----------

#[wasm_bindgen_test]
async fn nodes_are_shaped_and_labelled_by_type() {
    let root = mount(None).await;
    let svg = one(&root, "svg.graph__svg");
    assert!(attr(&svg, "aria-label").starts_with("Relationship graph: 5 names joined by 5 links"));
    let view: Vec<f64> = attr(&svg, "viewBox")
        .split(' ')
        .filter_map(|v| v.parse().ok())
        .collect();
    assert_eq!(view.len(), 4);
    assert_eq!(&view[..3], [0.0, 0.0, graph_layout::VIEW_W]);
    assert!((graph_layout::MIN_H..=graph_layout::MAX_H).contains(&view[3]));
    // Entities without a relation (Kassala) and dates (Monday) are not drawn.
    assert_eq!(
        attrs(&root, ".graph-node", "data-entity"),
        ["l2", "m1", "o1", "p1", "p2"]
    );
    // (entity, shape, element drawn, label text, accessible name)
    let table = [
        (
            "p1",
            "circle",
            "circle",
            "Amal Haddad",
            "Amal Haddad, person, 2 links",
        ),
        (
            "p2",
            "circle",
            "circle",
            "Omar Saïd",
            "Omar Saïd, person, 3 links",
        ),
        (
            "o1",
            "square",
            "polygon",
            "Northern Front",
            "Northern Front, organisation, 3 links",
        ),
        (
            "l2",
            "diamond",
            "polygon",
            "Port Sudan",
            "Port Sudan, place, 1 link",
        ),
        (
            "m1",
            "hexagon",
            "polygon",
            "Eastern Bloc",
            "Eastern Bloc, other name, 1 link",
        ),
    ];
    for (id, shape, tag, label, aria) in table {
        let n = node(&root, id);
        assert_eq!(attr(&n, "data-shape"), shape, "{id}");
        let outline = one(&n, ".graph-node__shape");
        assert_eq!(outline.tag_name().to_lowercase(), tag, "{id}");
        if tag == "polygon" {
            let corners = attr(&outline, "points").split(' ').count();
            let want = if shape == "hexagon" { 6 } else { 4 };
            assert_eq!(corners, want, "{id}");
        }
        assert_eq!(text(&one(&n, ".graph-node__label")), label, "{id}");
        assert_eq!(attr(&n, "aria-label"), aria, "{id}");
        assert_eq!(attr(&n, "role"), "button");
        assert_eq!(attr(&n, "tabindex"), "0");
        assert!(
            n.class_list().contains(&format!(
                "graph-node--{}",
                &attr(&n, "data-label").to_lowercase()
            )),
            "colour class follows the type: {id}"
        );
    }
}

#[wasm_bindgen_test]
async fn edges_carry_their_relation_type_and_an_arrowhead() {
    let root = mount(None).await;
    let edges: Vec<(String, String, String)> = {
        let mut v: Vec<_> = all(&root, ".graph-edge")
            .iter()
            .map(|e| {
                (
                    attr(e, "data-source"),
                    text(&one(e, ".graph-edge__label")),
                    attr(e, "data-target"),
                )
            })
            .collect();
        v.sort();
        v
    };
    let want = [
        ("o1", "ally", "m1"),
        ("p1", "contact", "p2"),
        ("p1", "leads", "o1"),
        ("p2", "fled to", "l2"),
        ("p2", "member of", "o1"),
    ];
    assert_eq!(edges.len(), want.len(), "{edges:?}");
    for (got, w) in edges.iter().zip(want) {
        assert_eq!((got.0.as_str(), got.1.as_str(), got.2.as_str()), w);
    }
    for line in all(&root, ".graph-edge__line") {
        assert_eq!(attr(&line, "marker-end"), "url(#graph-arrow)");
        assert!(attr(&line, "d").starts_with('M'));
    }
    assert!(root
        .query_selector("marker#graph-arrow path")
        .ok()
        .flatten()
        .is_some());
    // The accessible list has one row per relation, folded, evidence on expand.
    let rows = all(&root, ".relation-row");
    assert_eq!(rows.len(), 5);
    let first = rows.first().expect("row");
    assert!(
        text(first).contains("Amal Haddad")
            && text(first).contains("leads")
            && text(first).contains("Northern Front")
    );
    assert!(first.query_selector("blockquote").ok().flatten().is_none());
    click(&one(first, "button"));
    settle().await;
    assert_eq!(text(&one(first, "blockquote")), S1);
}

#[wasm_bindgen_test]
async fn filters_hide_nodes_edges_and_list_rows_together() {
    let root = mount(None).await;
    let filter = |f: &str| one(&root, &format!(".graph-filter[data-filter='{f}']"));
    assert_eq!(
        attrs(&root, ".graph-filter", "data-filter"),
        [
            "kind:ally",
            "kind:contact",
            "kind:fled_to",
            "kind:leads",
            "kind:member_of",
            "label:LOC",
            "label:MISC",
            "label:ORG",
            "label:PER"
        ]
    );
    // (filter to toggle, nodes after, edge labels after, list rows after)
    let steps: [(&str, &[&str], &[&str], usize); 4] = [
        ("label:ORG", &["l2", "p1", "p2"], &["contact", "fled to"], 2),
        ("kind:contact", &["l2", "p2"], &["fled to"], 1),
        (
            "label:ORG",
            &["l2", "m1", "o1", "p1", "p2"],
            &["ally", "fled to", "leads", "member of"],
            4,
        ),
        (
            "kind:contact",
            &["l2", "m1", "o1", "p1", "p2"],
            &["ally", "contact", "fled to", "leads", "member of"],
            5,
        ),
    ];
    for (f, nodes, labels, rows) in steps {
        let button = filter(f);
        let was = attr(&button, "aria-pressed");
        click(&button);
        settle().await;
        assert_ne!(attr(&filter(f), "aria-pressed"), was, "{f} toggles");
        assert_eq!(
            attrs(&root, ".graph-node", "data-entity"),
            nodes,
            "after {f}"
        );
        assert_eq!(texts(&root, ".graph-edge__label"), labels, "after {f}");
        assert_eq!(all(&root, ".relation-row").len(), rows, "after {f}");
    }
    // Hiding every entity type leaves no graph, with a note instead.
    for f in ["label:PER", "label:ORG"] {
        click(&filter(f));
        settle().await;
    }
    assert!(all(&root, ".graph-node").is_empty());
    assert!(text(&one(&root, ".graph-empty")).contains("passes the filters"));
    assert!(text(&one(&root, ".graph-hidden-note")).starts_with("5 of 5"));
}

#[wasm_bindgen_test]
async fn clicking_or_entering_a_node_selects_its_entity() {
    let root = mount(None).await;
    click(&node(&root, "p2"));
    settle().await;
    assert_eq!(take_emitted(), ["p2"]);
    let p2 = node(&root, "p2");
    assert!(p2.class_list().contains("graph-node--selected"));
    assert_eq!(attr(&p2, "aria-pressed"), "true");
    assert!(one(&root, "svg.graph__svg")
        .class_list()
        .contains("graph__svg--focus"));
    // Its three edges are emphasised, the other two are not; its neighbours are "near".
    let active: Vec<String> = all(&root, ".graph-edge--active")
        .iter()
        .map(|e| text(&one(e, ".graph-edge__label")))
        .collect();
    let mut active_sorted = active.clone();
    active_sorted.sort();
    assert_eq!(active_sorted, ["contact", "fled to", "member of"]);
    for e in all(&root, ".graph-edge--active .graph-edge__line") {
        assert_eq!(attr(&e, "marker-end"), "url(#graph-arrow-active)");
    }
    assert_eq!(
        attrs(&root, ".graph-node--near", "data-entity"),
        ["l2", "o1", "p1"]
    );
    // The list marks the same relations.
    assert_eq!(all(&root, ".relation-row--active").len(), 3);

    // Keyboard: Enter on another node moves the selection; Space on it clears it.
    key(&node(&root, "o1"), "Enter");
    settle().await;
    assert_eq!(take_emitted(), ["o1"]);
    assert!(node(&root, "o1")
        .class_list()
        .contains("graph-node--selected"));
    assert!(!node(&root, "p2")
        .class_list()
        .contains("graph-node--selected"));
    key(&node(&root, "o1"), " ");
    settle().await;
    assert_eq!(take_emitted(), ["o1"]);
    assert!(all(&root, ".graph-node--selected").is_empty());
    assert!(all(&root, ".entity-card").is_empty());
    key(&node(&root, "o1"), "a");
    settle().await;
    assert!(take_emitted().is_empty(), "other keys do nothing");
}

#[wasm_bindgen_test]
async fn the_entity_card_shows_aliases_roles_and_evidence() {
    let root = mount(Some("p1")).await;
    let card = one(&root, ".entity-card");
    assert_eq!(attr(&card, "data-entity"), "p1");
    assert!(card.class_list().contains("entity-card--per"));
    assert_eq!(text(&one(&card, ".entity-card__name")), "Amal Haddad");
    assert_eq!(text(&one(&card, ".entity-card__tag")), "PER");
    assert_eq!(
        text(&one(&card, ".entity-card__aliases")),
        "Haddad, Umm Khalid"
    );
    assert_eq!(text(&one(&card, ".entity-card__roles")), "commander");
    assert!(text(&card).contains("1 mention"));
    let rels = all(&card, ".entity-card__relation");
    assert_eq!(rels.len(), 2);
    // (relation line contains, evidence)
    let want = [("leads", "Northern Front"), ("contact", "Omar Saïd")];
    for (r, (kind, other)) in rels.iter().zip(want) {
        let line = text(&one(r, ".entity-card__rel-line"));
        assert!(line.contains(kind) && line.contains(other), "{line}");
        assert_eq!(text(&one(r, ".entity-card__evidence")), S1);
    }
    // Following a relation selects the other end; the card follows.
    click(&one(&card, ".entity-card__other[data-entity='o1']"));
    settle().await;
    assert_eq!(take_emitted(), ["o1"]);
    let card = one(&root, ".entity-card");
    assert_eq!(text(&one(&card, ".entity-card__name")), "Northern Front");
    assert_eq!(text(&one(&card, ".entity-card__aliases")), "the Front");
    assert_eq!(all(&card, ".entity-card__relation").len(), 3);
    // The card's close button clears the selection.
    click(&one(&card, ".entity-card__close"));
    settle().await;
    assert!(all(&root, ".entity-card").is_empty());
}

#[wasm_bindgen_test]
async fn related_entities_show_on_both_cards() {
    for (selected, other, other_name) in [("m1", "l1", "Kassala"), ("l1", "m1", "Eastern Bloc")] {
        let root = mount(Some(selected)).await;
        let related = one(&one(&root, ".entity-card"), ".entity-card__related");
        assert_eq!(text(&related), other_name);
        click(&one(
            &related,
            &format!(".entity-card__other[data-entity='{other}']"),
        ));
        settle().await;
        assert_eq!(take_emitted(), [other]);
    }
}

#[wasm_bindgen_test]
async fn the_layout_is_the_same_on_every_mount_and_fits_the_box() {
    let a = mount(None).await;
    let b = mount(None).await;
    let transforms = |root: &Element| -> Vec<(String, String)> {
        all(root, ".graph-node")
            .iter()
            .map(|n| (attr(n, "data-entity"), attr(n, "transform")))
            .collect()
    };
    assert_eq!(transforms(&a), transforms(&b));
    let height: f64 = attr(&one(&a, "svg.graph__svg"), "viewBox")
        .rsplit(' ')
        .next()
        .and_then(|h| h.parse().ok())
        .expect("viewBox height");
    for (id, t) in transforms(&a) {
        let nums: Vec<f64> = t
            .trim_start_matches("translate(")
            .trim_end_matches(')')
            .split(' ')
            .filter_map(|s| s.parse().ok())
            .collect();
        assert_eq!(nums.len(), 2, "{id}: {t}");
        assert!(
            (0.0..=320.0).contains(&nums[0]) && (0.0..=height).contains(&nums[1]),
            "{id}: {t}"
        );
    }
}
