//! One tab per article of the workspace. Tabs are `role="tab"` buttons; arrow keys move
//! between them; each has a close button beside it (not inside: buttons do not nest).

use yew::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct TabInfo {
    pub label: String,
    /// Its annotation has not arrived yet.
    pub pending: bool,
}

#[derive(Properties, PartialEq)]
pub struct TabsProps {
    pub tabs: Vec<TabInfo>,
    pub active: usize,
    pub on_select: Callback<usize>,
    pub on_close: Callback<usize>,
}

#[component]
pub fn Tabs(props: &TabsProps) -> Html {
    if props.tabs.is_empty() {
        return html! {};
    }
    let count = props.tabs.len();
    let onkeydown = {
        let on_select = props.on_select.clone();
        let active = props.active;
        Callback::from(move |e: KeyboardEvent| {
            let next = match e.key().as_str() {
                "ArrowRight" => Some((active + 1) % count),
                "ArrowLeft" => Some((active + count - 1) % count),
                "Home" => Some(0),
                "End" => Some(count - 1),
                _ => None,
            };
            if let Some(i) = next {
                e.prevent_default();
                on_select.emit(i);
            }
        })
    };
    html! {
        <div class="tabs" role="tablist" aria-label="Articles in this workspace" {onkeydown}>
            { for props.tabs.iter().enumerate().map(|(i, tab)| {
                let selected = i == props.active;
                let select = { let cb = props.on_select.clone(); Callback::from(move |_: MouseEvent| cb.emit(i)) };
                let close = { let cb = props.on_close.clone(); Callback::from(move |_: MouseEvent| cb.emit(i)) };
                html! {
                    <div class={classes!("tab-item", selected.then_some("tab-item--active"))} key={i} role="presentation">
                        <button type="button" class="tab" role="tab" id={format!("tab-{i}")}
                            aria-selected={selected.to_string()} aria-controls="article"
                            title={tab.label.clone()} onclick={select}>
                            if tab.pending { <span class="tab__spinner" aria-hidden="true"></span> }
                            <span class="tab__label">{ &tab.label }</span>
                        </button>
                        <button type="button" class="tab-close" aria-label={format!("Close {}", tab.label)}
                            title="Close this article" onclick={close}>{ "×" }</button>
                    </div>
                }
            }) }
        </div>
    }
}
