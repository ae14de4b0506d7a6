//! The editing bar above the article: undo and redo (also Ctrl+Z / Ctrl+Shift+Z), how many
//! corrections the workspace has, the export control (a format and Download: the workspace
//! with its corrections in any of the core's formats, made by [`crate::ui::export`]) and the
//! import of a gloss JSON file as the workspace.

use crate::ui::state::Shared;
use gloo::file::callbacks::{read_as_text, FileReader};
use gloo::file::File;
use gloss_core::corrections::{import_json, Correction};
use gloss_core::export::Format;
use gloss_core::protocol::Contract;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Gloss JSON files larger than this are refused before reading.
const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Properties, PartialEq)]
pub struct EditBarProps {
    /// What undo and redo would do ("Rejected “Qatar”").
    pub next_undo: Option<String>,
    pub next_redo: Option<String>,
    /// The workspace's corrections (documents named by source).
    pub corrections: Rc<Vec<Correction>>,
    /// Whether there is an annotation to export.
    pub can_export: bool,
    pub on_undo: Callback<()>,
    pub on_redo: Callback<()>,
    /// Download the workspace in this format.
    pub on_export: Callback<Format>,
    pub on_import: Callback<(Shared<Contract>, Vec<Correction>)>,
    pub on_notice: Callback<String>,
}

#[component]
pub fn EditBar(props: &EditBarProps) -> Html {
    let reader = use_mut_ref(|| None::<FileReader>);
    let format = use_state(|| Format::Json);
    let n = props.corrections.len();
    let on_undo = {
        let cb = props.on_undo.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let on_redo = {
        let cb = props.on_redo.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let on_format = {
        let format = format.clone();
        Callback::from(move |e: Event| {
            let chosen = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .and_then(|s| Format::parse(&s.value()).ok());
            if let Some(f) = chosen {
                format.set(f);
            }
        })
    };
    let on_export = {
        let cb = props.on_export.clone();
        let format = *format;
        Callback::from(move |_: MouseEvent| cb.emit(format))
    };
    let on_file = {
        let on_import = props.on_import.clone();
        let on_notice = props.on_notice.clone();
        let reader = reader.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let file = File::from(file);
            let name = file.name();
            if file.size() > MAX_IMPORT_BYTES {
                on_notice.emit(format!("{name} is too large to import."));
                return;
            }
            let on_import = on_import.clone();
            let on_notice = on_notice.clone();
            *reader.borrow_mut() = Some(read_as_text(&file, move |res| match res {
                Ok(text) => match import_json(&text) {
                    Ok((contract, corrections)) => {
                        on_import.emit((Shared::new(contract), corrections))
                    }
                    Err(e) => on_notice.emit(format!(
                        "{name} is not a gloss JSON file gloss can import: {e}"
                    )),
                },
                Err(_) => on_notice.emit(format!("Could not read {name} as text.")),
            }));
        })
    };
    let undo_title = props
        .next_undo
        .as_ref()
        .map(|d| format!("Undo: {d} (Ctrl+Z)"))
        .unwrap_or_else(|| "Nothing to undo".to_string());
    let redo_title = props
        .next_redo
        .as_ref()
        .map(|d| format!("Redo: {d} (Ctrl+Shift+Z)"))
        .unwrap_or_else(|| "Nothing to redo".to_string());
    html! {
        <div class="edit-bar" role="group" aria-label="Corrections">
            <button type="button" id="undo" class="edit-bar__button" disabled={props.next_undo.is_none()}
                title={undo_title.clone()} aria-label={undo_title} onclick={on_undo}>{ "↶ Undo" }</button>
            <button type="button" id="redo" class="edit-bar__button" disabled={props.next_redo.is_none()}
                title={redo_title.clone()} aria-label={redo_title} onclick={on_redo}>{ "↷ Redo" }</button>
            <span class="edit-bar__count" aria-live="polite">
                { match n { 0 => "No corrections yet".to_string(), 1 => "1 correction".to_string(), n => format!("{n} corrections") } }
            </span>
            <span class="edit-bar__spacer"></span>
            <span class="edit-bar__export" role="group" aria-label="Export">
                <label for="export-format" class="edit-bar__label">{ "Export as" }</label>
                <select id="export-format" class="edit-bar__select" disabled={!props.can_export} onchange={on_format}>
                    { for Format::ALL.iter().map(|f| html! {
                        <option value={f.name()} selected={*f == *format}>{ f.title() }</option>
                    }) }
                </select>
                <button type="button" id="export-download" class="edit-bar__button" disabled={!props.can_export}
                    title={format!("Download the annotation with your corrections as {}", format.title())}
                    onclick={on_export}>
                    { "Download" }
                </button>
            </span>
            <label class="edit-bar__button edit-bar__import">
                { "Import gloss JSON" }
                <input type="file" id="import-json" accept=".json,application/json" class="visually-hidden" onchange={on_file} />
            </label>
        </div>
    }
}
