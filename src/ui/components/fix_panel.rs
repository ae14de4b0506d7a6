//! The correction toolbar of one mention (accept, reject, change type, merge into another
//! entity, split from its entity) or of a text selection (add it as an entity of a type).
//! It opens with the focus on its first button; arrow keys move between its controls,
//! Enter/Space press them, Escape closes it and gives the focus back to the chip.

use crate::ui::labels;
use crate::ui::state::Shared;
use gloss_core::corrections::{Correction, MentionRef};
use gloss_core::protocol::{Contract, EntityDto};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What the panel is about: a mention (its offsets) or a selection to add.
#[derive(Clone, Debug, PartialEq)]
pub enum FixTarget {
    Mention {
        start: usize,
        end: usize,
    },
    Selection {
        start: usize,
        end: usize,
        text: String,
    },
}

#[derive(Properties, PartialEq)]
pub struct FixPanelProps {
    pub contract: Shared<Contract>,
    pub doc: usize,
    pub target: FixTarget,
    /// The editor already accepted, retyped or added this mention.
    #[prop_or_default]
    pub confirmed: bool,
    pub on_correct: Callback<Correction>,
    pub on_close: Callback<()>,
}

/// Move the focus among the panel's enabled controls with the arrow keys, Home and End.
fn arrow_keys(panel: NodeRef, on_close: Callback<()>) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        let key = e.key();
        if key == "Escape" {
            e.prevent_default();
            e.stop_propagation();
            on_close.emit(());
            return;
        }
        let in_select = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|t| t.tag_name() == "SELECT");
        let step: isize = match key.as_str() {
            "ArrowRight" => 1,
            "ArrowDown" if !in_select => 1,
            "ArrowLeft" => -1,
            "ArrowUp" if !in_select => -1,
            "Home" => isize::MIN,
            "End" => isize::MAX,
            _ => return,
        };
        let Some(root) = panel.cast::<web_sys::Element>() else {
            return;
        };
        let Ok(list) = root.query_selector_all("button:not([disabled]), select") else {
            return;
        };
        let controls: Vec<web_sys::HtmlElement> = (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
            .collect();
        if controls.is_empty() {
            return;
        }
        let active = gloo::utils::document().active_element();
        let here = controls.iter().position(|c| {
            active
                .as_ref()
                .is_some_and(|a| a == c.unchecked_ref::<web_sys::Element>())
        });
        let last = controls.len() - 1;
        let next = match (step, here) {
            (isize::MIN, _) => 0,
            (isize::MAX, _) => last,
            (1, Some(i)) => (i + 1).min(last),
            (-1, Some(i)) => i.saturating_sub(1),
            _ => 0,
        };
        if let Some(c) = controls.get(next) {
            e.prevent_default();
            let _ = c.focus();
        }
    })
}

#[component]
pub fn FixPanel(props: &FixPanelProps) -> Html {
    let panel = use_node_ref();
    let merge_into = use_state(|| None::<String>);
    // Focus the first control when the panel opens or its target changes.
    {
        let panel = panel.clone();
        use_effect_with(props.target.clone(), move |_| {
            if let Some(first) = panel
                .cast::<web_sys::Element>()
                .and_then(|p| p.query_selector("button:not([disabled])").ok().flatten())
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = first.focus();
            }
        });
    }
    let onkeydown = arrow_keys(panel.clone(), props.on_close.clone());
    let Some(doc) = props.contract.documents.get(props.doc) else {
        return Html::default();
    };
    let close = {
        let cb = props.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let close_button = html! {
        <button type="button" class="fix-panel__close" data-fix="close" aria-label="Close the correction menu"
            onclick={close}>{ "✕" }</button>
    };

    let (start, end) = match &props.target {
        FixTarget::Selection { start, end, text } => {
            let mention = MentionRef {
                document: doc.source.clone(),
                start: *start,
                end: *end,
                text: text.clone(),
            };
            let buttons: Html = labels::ORDER
                .iter()
                .map(|&label| {
                    let cb = props.on_correct.clone();
                    let mention = mention.clone();
                    let onclick = Callback::from(move |_: MouseEvent| {
                        cb.emit(Correction::Add { mention: mention.clone(), label: label.to_string() })
                    });
                    html! {
                        <button type="button" class={classes!("fix-panel__type", format!("fix-panel__type--{}", labels::css(label)))}
                            data-fix={format!("add-{}", label.to_ascii_lowercase())} {onclick}>
                            { labels::noun(label) }
                        </button>
                    }
                })
                .collect();
            return html! {
                <section class="fix-panel" role="toolbar" aria-label={format!("Add “{text}” as an entity")}
                    ref={panel} {onkeydown}>
                    <p class="fix-panel__what">{ "Add " }<strong>{ format!("“{text}”") }</strong>{ " as" }</p>
                    <div class="fix-panel__group" role="group" aria-label="Type">{ buttons }</div>
                    { close_button }
                </section>
            };
        }
        FixTarget::Mention { start, end } => (*start, *end),
    };
    let Some(m) = doc
        .mentions
        .iter()
        .find(|m| m.start == start && m.end == end)
    else {
        return Html::default();
    };
    let this = MentionRef::of(doc, m);
    let entity = props.contract.entities.iter().find(|e| e.id == m.entity);
    let mentions_of_entity = props
        .contract
        .documents
        .iter()
        .flat_map(|d| d.mentions.iter())
        .filter(|x| x.entity == m.entity)
        .count();
    let emit = |make: fn(MentionRef) -> Correction| {
        let cb = props.on_correct.clone();
        let this = this.clone();
        Callback::from(move |_: MouseEvent| cb.emit(make(this.clone())))
    };
    let confidence = if props.confirmed {
        "confirmed by an editor".to_string()
    } else {
        format!("model confidence {}%", (m.score * 100.0).round() as i64)
    };
    let types: Html = labels::ORDER
        .iter()
        .map(|&label| {
            let current = labels::code(&m.label) == label;
            let cb = props.on_correct.clone();
            let this = this.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                if !current {
                    cb.emit(Correction::Retype { mention: this.clone(), label: label.to_string() })
                }
            });
            html! {
                <button type="button" class={classes!("fix-panel__type", format!("fix-panel__type--{}", labels::css(label)))}
                    data-fix={format!("type-{}", label.to_ascii_lowercase())}
                    aria-pressed={if current { "true" } else { "false" }} {onclick}>
                    { labels::noun(label) }
                </button>
            }
        })
        .collect();

    let mut others: Vec<&EntityDto> = props
        .contract
        .entities
        .iter()
        .filter(|e| e.id != m.entity)
        .collect();
    others.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.id.cmp(&b.id))
    });
    let onchange = {
        let merge_into = merge_into.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value())
                .filter(|v| !v.is_empty());
            merge_into.set(value);
        })
    };
    let target_ref = (*merge_into)
        .as_ref()
        .and_then(|id| first_mention_ref(&props.contract, props.doc, id));
    let on_merge = {
        let cb = props.on_correct.clone();
        let this = this.clone();
        let target = target_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(into) = target.clone() {
                cb.emit(Correction::Merge {
                    mention: this.clone(),
                    into,
                })
            }
        })
    };
    let name = entity
        .map(|e| e.name.clone())
        .unwrap_or_else(|| m.text.clone());
    html! {
        <section class="fix-panel" role="toolbar" aria-label={format!("Correct “{}”", m.text)} ref={panel} {onkeydown}>
            <p class="fix-panel__what">
                <strong class={classes!("fix-panel__mention", format!("fix-panel__type--{}", labels::css(&m.label)))}>
                    { format!("“{}”", m.text) }
                </strong>
                <span class="fix-panel__label">{ format!(" · {}", labels::noun(&m.label)) }</span>
                if name.trim() != m.text.trim() {
                    <span class="fix-panel__name">{ format!(" · {name}") }</span>
                }
                <span class="fix-panel__score">{ format!(" · {confidence}") }</span>
            </p>
            <div class="fix-panel__group">
                <button type="button" data-fix="accept" disabled={props.confirmed} onclick={emit(|mention| Correction::Accept { mention })}>{ "Accept" }</button>
                <button type="button" data-fix="reject" onclick={emit(|mention| Correction::Reject { mention })}>{ "Reject" }</button>
            </div>
            <div class="fix-panel__group" role="group" aria-label="Change type">{ types }</div>
            <div class="fix-panel__group">
                <label class="fix-panel__merge">{ "Same as " }
                    <select data-fix="merge-into" {onchange}>
                        <option value="" selected={merge_into.is_none()}>{ "another entity…" }</option>
                        { for others.iter().map(|e| html! {
                            <option value={e.id.clone()} selected={merge_into.as_deref() == Some(e.id.as_str())}>
                                { format!("{} ({})", e.name, labels::noun(&e.label)) }
                            </option>
                        }) }
                    </select>
                </label>
                <button type="button" data-fix="merge" disabled={target_ref.is_none()} onclick={on_merge}>{ "Merge" }</button>
                <button type="button" data-fix="split" disabled={mentions_of_entity < 2}
                    title="Make this mention an entity of its own"
                    onclick={emit(|mention| Correction::Split { mention })}>{ "Split" }</button>
            </div>
            { close_button }
        </section>
    }
}

/// A mention of entity `id`, preferably in document `doc`, to merge into.
fn first_mention_ref(c: &Contract, doc: usize, id: &str) -> Option<MentionRef> {
    let in_doc = |d: &gloss_core::protocol::DocumentDto| {
        d.mentions
            .iter()
            .find(|m| m.entity == id)
            .map(|m| MentionRef::of(d, m))
    };
    c.documents
        .get(doc)
        .and_then(in_doc)
        .or_else(|| c.documents.iter().find_map(in_doc))
}
