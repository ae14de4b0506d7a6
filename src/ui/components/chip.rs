//! An entity chip: the mention's text on a type colour, plus a visible type tag (CSS
//! `::after` from `data-label`, so colour is never the only cue and the text stays clean).
//! Interactive chips are focusable and activate on click, Enter and Space.
//!
//! Confidence: a mention the model scored below [`UNSURE_BELOW`] is marked `chip--unsure`
//! (dashed outline, "low confidence" for screen readers) so editors know where to look
//! first; one an editor confirmed is marked `chip--confirmed`.

use crate::ui::labels;
use yew::prelude::*;

/// Model scores below this mark a chip as unsure.
pub const UNSURE_BELOW: f32 = 0.75;

#[derive(Properties, PartialEq, Clone)]
pub struct ChipProps {
    /// Contract entity id ("e3").
    pub entity: AttrValue,
    /// Contract label (PER, ORG, LOC, MISC, DATE).
    pub label: AttrValue,
    /// What a screen reader announces for the name part: usually the mention text.
    pub name: AttrValue,
    #[prop_or_default]
    pub active: bool,
    /// Chips in a preview card are not focusable and do nothing when clicked.
    #[prop_or(true)]
    pub interactive: bool,
    #[prop_or_default]
    pub small: bool,
    #[prop_or_default]
    pub on_activate: Callback<String>,
    /// Tooltip, e.g. the entity's canonical name when the mention differs.
    #[prop_or_default]
    pub title: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
    /// The recognizer's score, when known.
    #[prop_or_default]
    pub score: Option<f32>,
    /// An editor confirmed the mention.
    #[prop_or_default]
    pub confirmed: bool,
    /// Its correction panel is open.
    #[prop_or_default]
    pub editing: bool,
}

#[component]
pub fn Chip(props: &ChipProps) -> Html {
    let unsure = !props.confirmed && props.score.is_some_and(|s| s < UNSURE_BELOW);
    let class = classes!(
        "chip",
        format!("chip--{}", labels::css(&props.label)),
        props.active.then_some("chip--active"),
        props.small.then_some("chip--small"),
        unsure.then_some("chip--unsure"),
        props.confirmed.then_some("chip--confirmed"),
        props.editing.then_some("chip--editing"),
    );
    let mut aria = labels::aria(&props.name, &props.label);
    if unsure {
        aria.push_str(", low confidence");
    } else if props.confirmed {
        aria.push_str(", confirmed");
    }
    let score = props.score.map(|s| format!("{s:.3}"));
    let code = labels::code(&props.label);
    if !props.interactive {
        return html! {
            <span {class} data-entity={props.entity.clone()} data-label={code} aria-label={aria} role="img"
                title={props.title.clone()}>
                { props.children.clone() }
            </span>
        };
    }
    let onclick = {
        let cb = props.on_activate.clone();
        let id = props.entity.to_string();
        Callback::from(move |e: MouseEvent| {
            // A chip inside a link selects the entity; it does not follow the link.
            e.prevent_default();
            e.stop_propagation();
            cb.emit(id.clone());
        })
    };
    let onkeydown = {
        let cb = props.on_activate.clone();
        let id = props.entity.to_string();
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            if key == "Enter" || key == " " || key == "Spacebar" {
                e.prevent_default();
                e.stop_propagation();
                cb.emit(id.clone());
            }
        })
    };
    html! {
        <span {class} data-entity={props.entity.clone()} data-label={code} data-score={score} role="button" tabindex="0"
            aria-pressed={if props.active { "true" } else { "false" }} aria-label={aria}
            title={props.title.clone()} {onclick} {onkeydown}>
            { props.children.clone() }
        </span>
    }
}
