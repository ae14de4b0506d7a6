//! `RelationGraph`: the body of the sidebar's Relations panel — the selected entity's card,
//! filter toggles for entity types and relation kinds, the relationship graph in SVG, and the
//! equivalent list of relations with evidence on expand.
//!
//! Invariants:
//! - The graph and the list show exactly the relations that pass the filters
//!   ([`model::Filters::shows`]).
//! - Choosing a node (click, Enter or Space) emits `on_select` with its entity id, the same
//!   callback as the sidebar's entity rows; the selected node and its edges are emphasised.
//! - No inline styles (the app runs under a strict CSP): look comes from `static/graph.css`
//!   classes; geometry uses SVG attributes only.

pub mod card;
pub mod list;
pub mod model;

use crate::ui::entities;
use crate::ui::graph_layout::{self, Shape, NODE_R, VIEW_W};
use crate::ui::labels;
use crate::ui::state::Shared;
use gloss_core::protocol::Contract;
use model::{kind_text, Filters, GraphModel};
use std::collections::HashSet;
use yew::prelude::*;

/// Relations listed before "Show all" (a long article can state thousands).
pub const LIST_PREVIEW: usize = 100;

#[derive(Properties, PartialEq)]
pub struct RelationGraphProps {
    pub contract: Shared<Contract>,
    #[prop_or_default]
    pub selected: Option<String>,
    #[prop_or_default]
    pub on_select: Callback<String>,
    #[prop_or_default]
    pub on_open_doc: Callback<usize>,
}

#[component]
pub fn RelationGraph(props: &RelationGraphProps) -> Html {
    let filters = use_state(Filters::default);
    let expanded = use_state(HashSet::<usize>::new);
    let list_all = use_state(|| false);
    let contract = &*props.contract;
    let by_id = entities::by_id(contract);
    let name_of = |id: &str| entities::name(&by_id, id);
    let selected = props.selected.as_deref();
    // Once per contract and filter setting, not on every selection or hover.
    let model = use_memo((props.contract.clone(), (*filters).clone()), |(c, f)| {
        model::build(c, f)
    });

    let card = selected
        .and_then(|id| by_id.get(id))
        .map(|e| card::entity_card(contract, e, &name_of, &props.on_select))
        .unwrap_or_default();

    if contract.relations.is_empty() {
        return html! {
            <>
                { card }
                <p class="panel__empty">{ "No relation is stated between two recognised names." }</p>
            </>
        };
    }

    let ctx = list::RowCtx {
        contract,
        name_of: &name_of,
        selected,
        on_open_doc: &props.on_open_doc,
    };
    let list_limit = if *list_all { usize::MAX } else { LIST_PREVIEW };
    let rows: Html = model
        .shown
        .iter()
        .take(list_limit)
        .filter_map(|&i| contract.relations.get(i).map(|r| (i, r)))
        .map(|(i, r)| {
            let toggle = {
                let expanded = expanded.clone();
                Callback::from(move |_: MouseEvent| {
                    let mut next = (*expanded).clone();
                    if !next.remove(&i) {
                        next.insert(i);
                    }
                    expanded.set(next);
                })
            };
            list::relation_row(i, r, expanded.contains(&i), toggle, &ctx)
        })
        .collect();
    let hidden = contract.relations.len() - model.shown.len();

    html! {
        <>
            { card }
            { filter_bar(contract, &filters) }
            if model.nodes.is_empty() {
                <p class="panel__empty graph-empty">{ "No relation between people, organisations or places passes the filters." }</p>
            } else {
                { svg(&model, selected, &props.on_select) }
            }
            if model.left_out > 0 {
                <p class="panel__hint">{ format!("The graph shows the {} most connected names; {} more are in the list.", model.nodes.len(), model.left_out) }</p>
            }
            if hidden > 0 {
                <p class="panel__hint graph-hidden-note">{ format!("{hidden} of {} relations hidden by the filters.", contract.relations.len()) }</p>
            }
            <ul class="relation-list" aria-label="Relations, as a list">{ rows }</ul>
            if model.shown.len() > list_limit {
                <button type="button" class="entity-group__more" onclick={
                    let list_all = list_all.clone();
                    Callback::from(move |_: MouseEvent| list_all.set(true))
                }>{ format!("Show all {} relations", model.shown.len()) }</button>
            }
        </>
    }
}

/// Toggle buttons for each entity type and relation kind present (pressed = shown).
fn filter_bar(contract: &Contract, filters: &UseStateHandle<Filters>) -> Html {
    let (types, kinds) = model::facets(contract);
    let type_buttons: Html = types
        .into_iter()
        .map(|label| {
            let shown = !filters.hidden_labels.contains(label);
            let onclick = {
                let filters = filters.clone();
                Callback::from(move |_: MouseEvent| filters.set(filters.toggle_label(label)))
            };
            let css = labels::css(label);
            html! {
                <button type="button" class={classes!("graph-filter", format!("graph-filter--{css}"))}
                    data-filter={format!("label:{label}")} aria-pressed={shown.to_string()}
                    title={format!("Show {}", labels::group_title(label).to_lowercase())} {onclick}>
                    { shape_icon(label) }
                    { labels::group_title(label) }
                </button>
            }
        })
        .collect();
    let kind_buttons: Html = kinds
        .into_iter()
        .map(|kind| {
            let shown = !filters.hidden_kinds.contains(&kind);
            let onclick = {
                let filters = filters.clone();
                let kind = kind.clone();
                Callback::from(move |_: MouseEvent| filters.set(filters.toggle_kind(&kind)))
            };
            html! {
                <button type="button" class="graph-filter graph-filter--kind"
                    data-filter={format!("kind:{kind}")} aria-pressed={shown.to_string()} {onclick}>
                    { kind_text(&kind) }
                </button>
            }
        })
        .collect();
    html! {
        <div class="graph-filters">
            <div class="graph-filters__row" role="group" aria-label="Show entity types">{ type_buttons }</div>
            <div class="graph-filters__row" role="group" aria-label="Show relation types">{ kind_buttons }</div>
        </div>
    }
}

/// A node's outline centred on (0, 0).
fn shape(label: &str, r: f64) -> Html {
    let shape = Shape::for_label(label);
    match shape.points(r) {
        None => html! { <circle class="graph-node__shape" r={r.to_string()} /> },
        Some(points) => html! { <polygon class="graph-node__shape" {points} /> },
    }
}

/// The type's shape as a small legend icon inside a filter button.
fn shape_icon(label: &'static str) -> Html {
    if label == "DATE" {
        return html! { <span class="graph-filter__swatch graph-filter__swatch--date" aria-hidden="true"></span> };
    }
    html! {
        <svg class={classes!("graph-filter__icon", format!("graph-node--{}", labels::css(label)))}
            viewBox="-13 -13 26 26" aria-hidden="true" focusable="false">
            { shape(label, NODE_R) }
        </svg>
    }
}

fn num(v: f64) -> String {
    graph_layout::round(v).to_string()
}

fn svg(model: &GraphModel, selected: Option<&str>, on_select: &Callback<String>) -> Html {
    let view_h = model.height;
    let sel = selected.and_then(|id| model.nodes.iter().position(|n| n.id == id));
    let near: HashSet<usize> = sel
        .map(|s| {
            model
                .edges
                .iter()
                .filter(|e| e.from == s || e.to == s)
                .flat_map(|e| [e.from, e.to])
                .collect()
        })
        .unwrap_or_default();

    let edges: Html = model
        .edges
        .iter()
        .map(|e| {
            let active = sel.is_some_and(|s| e.from == s || e.to == s);
            let label = e.label();
            let (label_at, anchor) = graph_layout::edge_label_at(&e.geom);
            let (from, to) = (&model.nodes[e.from], &model.nodes[e.to]);
            let marker = if active { "url(#graph-arrow-active)" } else { "url(#graph-arrow)" };
            html! {
                <g class={classes!("graph-edge", active.then_some("graph-edge--active"))}
                    data-source={from.id.clone()} data-target={to.id.clone()} data-kinds={e.kinds.join(" ")}>
                    <path class="graph-edge__line" d={e.geom.path()} marker-end={marker} />
                    <text class="graph-edge__label" x={num(label_at.x)} y={num(label_at.y)}
                        text-anchor={anchor}>{ label }</text>
                </g>
            }
        })
        .collect();

    let nodes: Html = model
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let is_sel = sel == Some(i);
            let is_near = near.contains(&i) && !is_sel;
            let css = labels::css(n.label);
            let text = graph_layout::short_label(&n.name, model::LABEL_CHARS);
            let lx = graph_layout::label_x(n.at.x, text.chars().count()) - n.at.x;
            let ly = graph_layout::LABEL_DROP;
            let onclick = {
                let cb = on_select.clone();
                let id = n.id.clone();
                Callback::from(move |_: MouseEvent| cb.emit(id.clone()))
            };
            let onkeydown = {
                let cb = on_select.clone();
                let id = n.id.clone();
                Callback::from(move |ev: KeyboardEvent| {
                    if ev.key() == "Enter" || ev.key() == " " {
                        ev.prevent_default();
                        cb.emit(id.clone());
                    }
                })
            };
            let relations = if n.degree == 1 { "1 link".to_string() } else { format!("{} links", n.degree) };
            html! {
                <g class={classes!("graph-node", format!("graph-node--{css}"),
                        is_sel.then_some("graph-node--selected"), is_near.then_some("graph-node--near"))}
                    transform={format!("translate({} {})", num(n.at.x), num(n.at.y))}
                    data-entity={n.id.clone()} data-label={n.label} data-shape={Shape::for_label(n.label).name()}
                    tabindex="0" role="button" aria-pressed={is_sel.to_string()}
                    aria-label={format!("{}, {}, {relations}", n.name, labels::noun(n.label))}
                    {onclick} {onkeydown}>
                    <title>{ &n.name }</title>
                    { shape(n.label, NODE_R) }
                    <text class="graph-node__label" x={num(lx)} y={num(ly)} text-anchor="middle">{ text }</text>
                </g>
            }
        })
        .collect();

    let summary = format!(
        "Relationship graph: {} names joined by {} links. The list below gives the same relations.",
        model.nodes.len(),
        model.edges.len()
    );
    html! {
        <figure class="graph">
            <svg class={classes!("graph__svg", sel.is_some().then_some("graph__svg--focus"))}
                viewBox={format!("0 0 {VIEW_W} {}", num(view_h))} role="group" aria-label={summary}>
                <defs>
                    <marker id="graph-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7"
                        orient="auto-start-reverse" markerUnits="userSpaceOnUse">
                        <path class="graph-arrow" d="M0 1 L9 5 L0 9 z" />
                    </marker>
                    <marker id="graph-arrow-active" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="8" markerHeight="8"
                        orient="auto-start-reverse" markerUnits="userSpaceOnUse">
                        <path class="graph-arrow graph-arrow--active" d="M0 1 L9 5 L0 9 z" />
                    </marker>
                </defs>
                <g class="graph__edges">{ edges }</g>
                <g class="graph__nodes">{ nodes }</g>
            </svg>
        </figure>
    }
}
