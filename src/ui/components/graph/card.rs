//! The entity card: what the workspace knows about the selected entity — name, type,
//! aliases, roles, mention count, and every relation it takes part in with its evidence
//! sentence (regardless of the graph's filters: the card is about the entity).

use super::list::evidence;
use super::model::kind_text;
use crate::ui::labels;
use crate::ui::text::excerpt;
use gloss_core::protocol::{Contract, EntityDto};
use yew::prelude::*;

/// Relations listed on an entity's card, with their evidence.
pub const CARD_RELATIONS: usize = 40;

pub fn entity_card(
    contract: &Contract,
    e: &EntityDto,
    name_of: &dyn Fn(&str) -> String,
    on_select: &Callback<String>,
) -> Html {
    let css = labels::css(&e.label);
    let aliases: Vec<&str> = e
        .aliases
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty() && *a != e.name.trim())
        .collect();
    let mentions = contract
        .documents
        .iter()
        .flat_map(|d| d.mentions.iter())
        .filter(|m| m.entity == e.id)
        .count();
    let select = |id: &str| {
        let cb = on_select.clone();
        let id = id.to_string();
        Callback::from(move |_: MouseEvent| cb.emit(id.clone()))
    };
    let relations: Html = contract
        .relations
        .iter()
        .filter(|r| r.source == e.id || r.target == e.id)
        // An entity of a very long article can take part in thousands of relations.
        .take(CARD_RELATIONS)
        .map(|r| {
            let outgoing = r.source == e.id;
            let other = if outgoing { &r.target } else { &r.source };
            // "leads → Northern Front" or "← leads Amal Haddad": direction stays readable.
            let arrow = if outgoing { "→" } else { "←" };
            html! {
                <li class="entity-card__relation">
                    <span class="entity-card__rel-line">
                        <span class="entity-card__arrow" aria-label={if outgoing { "to" } else { "from" }}>{ arrow }</span>
                        <span class="relation-row__type">{ kind_text(&r.kind) }</span>
                        <button type="button" class="entity-card__other" data-entity={other.clone()} onclick={select(other)}>
                            { name_of(other) }
                        </button>
                    </span>
                    if let Some(detail) = r.detail.as_ref().filter(|d| !d.is_empty()) {
                        <span class="relation-row__detail">{ detail }</span>
                    }
                    <blockquote class="entity-card__evidence">{ excerpt(&evidence(contract, r), 300) }</blockquote>
                </li>
            }
        })
        .collect();
    // Related, not the same: a demonym and its country, shown on both cards.
    let related: Vec<&str> = contract
        .entities
        .iter()
        .filter(|o| e.related.contains(&o.id) || o.related.contains(&e.id))
        .map(|o| o.id.as_str())
        .collect();
    let has_relations = contract
        .relations
        .iter()
        .any(|r| r.source == e.id || r.target == e.id);
    let mentions_text = if mentions == 1 {
        "1 mention".to_string()
    } else {
        format!("{mentions} mentions")
    };
    html! {
        <section class={classes!("entity-card", format!("entity-card--{css}"))} data-entity={e.id.clone()}
            aria-label={format!("About {}", e.name)}>
            <div class="entity-card__head">
                <span class={classes!("entity-card__tag")}>{ labels::tag(&e.label) }</span>
                <h3 class="entity-card__name">{ &e.name }</h3>
                <button type="button" class="entity-card__close" aria-label="Clear the selection"
                    title="Clear the selection" onclick={select(&e.id)}>{ "×" }</button>
            </div>
            <dl class="entity-card__facts">
                <dt>{ "Type" }</dt><dd>{ labels::noun(&e.label) }</dd>
                if !aliases.is_empty() {
                    <dt>{ "Also called" }</dt><dd class="entity-card__aliases">{ aliases.join(", ") }</dd>
                }
                if !e.roles.is_empty() {
                    <dt>{ "Roles" }</dt><dd class="entity-card__roles">{ e.roles.join(" · ") }</dd>
                }
                if !related.is_empty() {
                    <dt>{ "Related" }</dt>
                    <dd class="entity-card__related">
                        { for related.iter().map(|id| html! {
                            <button type="button" class="entity-card__other" data-entity={id.to_string()} onclick={select(id)}>
                                { name_of(id) }
                            </button>
                        }) }
                    </dd>
                }
                <dt>{ "Mentions" }</dt><dd>{ mentions_text }</dd>
            </dl>
            if has_relations {
                <ul class="entity-card__relations">{ relations }</ul>
            } else {
                <p class="panel__empty">{ "No relation is stated for this name." }</p>
            }
        </section>
    }
}
