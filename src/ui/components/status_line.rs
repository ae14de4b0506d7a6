//! The status line (`#status`): what the annotator is doing, announced politely.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StatusLineProps {
    pub text: AttrValue,
    #[prop_or_default]
    pub busy: bool,
}

#[component]
pub fn StatusLine(props: &StatusLineProps) -> Html {
    let class = classes!("status", props.busy.then_some("status--busy"));
    html! {
        <div id="status" {class} role="status" aria-live="polite" aria-busy={props.busy.to_string()}>
            <span class="status__dot" aria-hidden="true"></span>
            <span class="status__text">{ props.text.clone() }</span>
        </div>
    }
}
