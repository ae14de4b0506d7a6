//! The sidebar (`#sidebar`): the workspace's entities grouped by type with mention counts,
//! relations (graph, filters, entity card and list: `graph::RelationGraph`), and the
//! quotes of the article on screen with their speakers.

use crate::ui::components::graph::RelationGraph;
use crate::ui::entities;
use crate::ui::labels;
use crate::ui::state::Shared;
use crate::ui::text::{excerpt, CpText};
use gloss_core::protocol::{Contract, EntityDto};
use std::collections::{HashMap, HashSet};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SidebarProps {
    pub contract: Shared<Contract>,
    /// The document on screen (its quotes are listed).
    pub doc: usize,
    #[prop_or_default]
    pub selected: Option<String>,
    #[prop_or_default]
    pub on_select: Callback<String>,
    /// Open another tab (a relation's evidence lives in document `n`).
    #[prop_or_default]
    pub on_open_doc: Callback<usize>,
}

/// Rows a long entity group shows before "Show all".
pub const GROUP_PREVIEW: usize = 6;
/// Quotes listed before "Show all" (a long article can hold thousands).
pub const QUOTE_PREVIEW: usize = 50;

/// Mentions per entity across the whole workspace.
pub fn mention_counts(contract: &Contract) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for m in contract.documents.iter().flat_map(|d| d.mentions.iter()) {
        *counts.entry(m.entity.as_str()).or_insert(0) += 1;
    }
    counts
}

#[component]
pub fn Sidebar(props: &SidebarProps) -> Html {
    let shown_all = use_state(HashSet::<&'static str>::new);
    let all_quotes = use_state(|| false);
    let contract = &*props.contract;
    // Once per contract: a long article has hundreds of thousands of mentions.
    let counts = use_memo(props.contract.clone(), |c| {
        mention_counts(c)
            .into_iter()
            .map(|(id, n)| (id.to_string(), n))
            .collect::<HashMap<String, usize>>()
    });
    let by_id = entities::by_id(contract);
    let name_of = |id: &str| entities::name(&by_id, id);
    let selected = props.selected.as_deref();

    let groups = labels::ORDER.iter().filter_map(|&label| {
        let mut rows: Vec<&EntityDto> = contract.entities.iter().filter(|e| labels::code(&e.label) == label).collect();
        if rows.is_empty() {
            return None;
        }
        rows.sort_by(|a, b| {
            let (ca, cb) = (counts.get(&a.id), counts.get(&b.id));
            cb.cmp(&ca).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        // Long groups show their most mentioned names first; the rest on request (or when
        // the selection is among them), so relations and quotes stay within reach.
        let total = rows.len();
        let selected_hidden = rows.iter().skip(GROUP_PREVIEW).any(|e| Some(e.id.as_str()) == selected);
        let show_all = total <= GROUP_PREVIEW + 1 || selected_hidden || shown_all.contains(label);
        if !show_all {
            rows.truncate(GROUP_PREVIEW);
        }
        let more = (total > rows.len()).then(|| {
            let shown_all = shown_all.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                let mut next = (*shown_all).clone();
                next.insert(label);
                shown_all.set(next);
            });
            html! {
                <button type="button" class="entity-group__more" {onclick}>
                    { format!("Show all {total} {}", labels::group_title(label).to_lowercase()) }
                </button>
            }
        });
        Some(html! {
            <div class="entity-group">
                <h3 class={classes!("entity-group__title", format!("entity-group__title--{}", labels::css(label)))}>
                    <span class="entity-group__tag" aria-hidden="true">{ labels::tag(label) }</span>
                    { labels::group_title(label) }
                    <span class="entity-group__count">{ rows.len() }</span>
                </h3>
                <ul class="entity-list">
                    { for rows.iter().map(|e| entity_row(e, counts.get(&e.id).copied().unwrap_or(0), selected, &props.on_select)) }
                </ul>
                { more.unwrap_or_default() }
            </div>
        })
    });
    let groups: Html = groups.collect();

    let doc = contract.documents.get(props.doc);
    let quote_limit = if *all_quotes {
        usize::MAX
    } else {
        QUOTE_PREVIEW
    };
    let quotes: Html = doc
        .map(|d| {
            let listed = d.quotes.iter().take(quote_limit);
            // Index only the text the listed quotes reach, not a whole long article.
            let reach = listed.clone().map(|q| q.end).max().unwrap_or(0);
            let end = d.text.char_indices().nth(reach).map_or(d.text.len(), |(b, _)| b);
            let cp = CpText::new(d.text.get(..end).unwrap_or(""));
            listed
                .map(|q| {
                    let text = excerpt(cp.slice(q.start, q.end).trim_matches(|c: char| "\"“”'‘’ ".contains(c)), 220);
                    let speaker = q.speaker.as_ref().map(|id| {
                        let onclick = {
                            let cb = props.on_select.clone();
                            let id = id.clone();
                            Callback::from(move |_: MouseEvent| cb.emit(id.clone()))
                        };
                        html! {
                            <button type="button" class="speaker" data-entity={id.clone()} {onclick}>
                                { format!("— {}", name_of(id)) }
                            </button>
                        }
                    });
                    html! {
                        <li class="quote-row">
                            <q class="quote-row__text">{ text }</q>
                            { speaker.unwrap_or_else(|| html! { <span class="speaker speaker--unknown">{ "Speaker not stated" }</span> }) }
                        </li>
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let quote_count = doc.map(|d| d.quotes.len()).unwrap_or(0);
    let more_quotes = (quote_count > quote_limit).then(|| {
        let all_quotes = all_quotes.clone();
        let onclick = Callback::from(move |_: MouseEvent| all_quotes.set(true));
        html! {
            <button type="button" class="entity-group__more" {onclick}>
                { format!("Show all {quote_count} quotes") }
            </button>
        }
    });

    html! {
        <aside id="sidebar" class="sidebar" aria-label="Entities, relations and quotes">
            <section class="panel">
                <h2 class="panel__title">{ "Entities" }<span class="panel__count">{ contract.entities.len() }</span></h2>
                if contract.entities.is_empty() {
                    <p class="panel__empty">{ "No names, places or dates were recognised yet." }</p>
                } else {
                    <p class="panel__hint">{ "Mentions across all open articles. Choose one to highlight it." }</p>
                    { groups }
                }
            </section>
            <section class="panel">
                <h2 class="panel__title">{ "Relations" }<span class="panel__count">{ contract.relations.len() }</span></h2>
                <RelationGraph contract={props.contract.clone()} selected={props.selected.clone()}
                    on_select={props.on_select.clone()} on_open_doc={props.on_open_doc.clone()} />
            </section>
            <section class="panel">
                <h2 class="panel__title">{ "Quotes in this article" }<span class="panel__count">{ quote_count }</span></h2>
                if quote_count == 0 {
                    <p class="panel__empty">{ "No quotations found in this article." }</p>
                } else {
                    <ul class="quote-list">{ quotes }</ul>
                    { more_quotes.unwrap_or_default() }
                }
            </section>
        </aside>
    }
}

fn entity_row(
    e: &EntityDto,
    mentions: usize,
    selected: Option<&str>,
    on_select: &Callback<String>,
) -> Html {
    let active = selected == Some(e.id.as_str());
    let onclick = {
        let cb = on_select.clone();
        let id = e.id.clone();
        Callback::from(move |_: MouseEvent| cb.emit(id.clone()))
    };
    let aliases: Vec<&str> = e
        .aliases
        .iter()
        .map(String::as_str)
        .filter(|a| a.trim() != e.name.trim())
        .take(4)
        .collect();
    let mentions_label = if mentions == 1 {
        "1 mention".to_string()
    } else {
        format!("{mentions} mentions")
    };
    html! {
        <li>
            <button type="button" class={classes!("entity-row", active.then_some("entity-row--active"))}
                data-entity={e.id.clone()} data-label={labels::code(&e.label)} aria-pressed={active.to_string()} {onclick}>
                <span class={classes!("swatch", format!("swatch--{}", labels::css(&e.label)))} aria-hidden="true"></span>
                <span class="entity-row__main">
                    <span class="entity-row__name">{ &e.name }</span>
                    if !aliases.is_empty() {
                        <span class="entity-row__aliases">{ format!("also {}", aliases.join(", ")) }</span>
                    }
                    if !e.roles.is_empty() {
                        <span class="entity-row__roles">{ e.roles.join(" · ") }</span>
                    }
                </span>
                <span class="entity-row__count" aria-label={mentions_label.clone()} title={mentions_label}>{ mentions }</span>
            </button>
        </li>
    }
}
