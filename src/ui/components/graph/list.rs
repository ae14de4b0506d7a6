//! The graph's accessible equivalent: one "source — type — target" row per shown relation,
//! the evidence sentence folded under a disclosure button. Same rows (and classes) as the
//! sidebar always had, so keyboard and screen-reader users get everything the picture says.

use super::model::kind_text;
use crate::ui::text::excerpt;
use gloss_core::protocol::{Contract, RelationDto};
use yew::prelude::*;

/// The evidence sentence of `r`, trimmed ("" when its document is gone). Walks the text only
/// up to the evidence, so it stays cheap in a long article.
pub fn evidence(contract: &Contract, r: &RelationDto) -> String {
    contract
        .documents
        .get(r.document)
        .map(|d| {
            let (start, end) = (r.evidence.start, r.evidence.end.max(r.evidence.start));
            d.text
                .chars()
                .skip(start)
                .take(end - start)
                .collect::<String>()
                .trim()
                .to_string()
        })
        .unwrap_or_default()
}

/// "In “Title”": a button that opens the tab holding the evidence, when several are open.
pub fn open_doc_button(
    contract: &Contract,
    r: &RelationDto,
    on_open_doc: &Callback<usize>,
) -> Html {
    if contract.documents.len() < 2 {
        return Html::default();
    }
    let doc_name = contract
        .documents
        .get(r.document)
        .map(|d| d.title.clone().unwrap_or_else(|| d.source.clone()))
        .unwrap_or_default();
    let onclick = {
        let cb = on_open_doc.clone();
        let d = r.document;
        Callback::from(move |_: MouseEvent| cb.emit(d))
    };
    html! {
        <button type="button" class="link-button" {onclick}>
            { format!("In “{}”", excerpt(&doc_name, 60)) }
        </button>
    }
}

pub struct RowCtx<'a> {
    pub contract: &'a Contract,
    pub name_of: &'a dyn Fn(&str) -> String,
    pub selected: Option<&'a str>,
    pub on_open_doc: &'a Callback<usize>,
}

/// Row `i` (index into the contract's relations).
pub fn relation_row(
    i: usize,
    r: &RelationDto,
    open: bool,
    toggle: Callback<MouseEvent>,
    ctx: &RowCtx,
) -> Html {
    let involved = ctx.selected.is_some_and(|s| s == r.source || s == r.target);
    let panel_id = format!("relation-{i}");
    html! {
        <li class={classes!("relation-row", involved.then_some("relation-row--active"))}
            data-source={r.source.clone()} data-target={r.target.clone()} data-kind={r.kind.clone()}>
            <button type="button" class="relation-row__toggle" aria-expanded={open.to_string()}
                aria-controls={panel_id.clone()} onclick={toggle}>
                <span class="relation-row__chevron" aria-hidden="true">{ if open { "▾" } else { "▸" } }</span>
                <span class="relation-row__end">{ (ctx.name_of)(&r.source) }</span>
                <span class="relation-row__dash" aria-hidden="true">{ "—" }</span>
                <span class="relation-row__type">{ kind_text(&r.kind) }</span>
                <span class="relation-row__dash" aria-hidden="true">{ "—" }</span>
                <span class="relation-row__end">{ (ctx.name_of)(&r.target) }</span>
            </button>
            if let Some(detail) = r.detail.as_ref().filter(|d| !d.is_empty()) {
                <span class="relation-row__detail">{ detail }</span>
            }
            if open {
                <div class="relation-row__evidence" id={panel_id}>
                    <blockquote>{ excerpt(&evidence(ctx.contract, r), 400) }</blockquote>
                    { open_doc_button(ctx.contract, r, ctx.on_open_doc) }
                </div>
            }
        </li>
    }
}
