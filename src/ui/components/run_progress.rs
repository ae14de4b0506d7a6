//! The bar shown while an annotation runs: how far it has got, what it is doing, and a
//! Cancel button. Without a report yet (or on the page, where nothing reports) the bar is
//! indeterminate.

use crate::ui::state::RunProgress;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RunProgressBarProps {
    pub progress: Option<RunProgress>,
    /// Paragraphs of the result are arriving.
    #[prop_or_default]
    pub receiving: bool,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn RunProgressBar(props: &RunProgressBarProps) -> Html {
    let percent = props
        .progress
        .as_ref()
        .map(|p| (p.fraction * 100.0).floor().clamp(0.0, 100.0) as u32);
    let what = match (&props.progress, props.receiving) {
        (_, true) => "showing the result as it arrives".to_string(),
        (Some(p), false) => p.next.clone(),
        (None, false) => "starting".to_string(),
    };
    let label = match percent {
        Some(p) => format!("Annotating · {p}% · {what}"),
        None => format!("Annotating · {what}"),
    };
    let onclick = {
        let cb = props.on_cancel.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <div class="run" id="run-progress" role="group" aria-label="Annotation in progress">
            <progress class="run__bar" max="100" value={percent.map(|p| p.to_string())}
                aria-label="Annotation progress"></progress>
            <span class="run__label">{ label }</span>
            <button id="cancel-btn" type="button" class="btn btn--quiet run__cancel" {onclick}>
                { "Cancel" }
            </button>
        </div>
    }
}
