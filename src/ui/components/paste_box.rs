//! Where articles come in: a paste box (text or HTML), a file picker and file drop, and the
//! sample. What is pasted is handed on as a string; it is never parsed or shown as HTML here.
//! The text box is not mirrored in state (a 10 MB paste would be copied between the page and
//! the app on every keystroke): its value is read once, when the article is added.

use crate::annotate::PasteFormat;
use crate::ui::state::size_text;
use gloo::file::callbacks::{read_as_text, FileReader};
use gloo::file::File;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// A paste longer than this (UTF-16 units, as the text box counts) is taken out of the box
/// in the same task, before the browser lays it out, and held until Annotate: emptying a box
/// whose megabytes of text have been laid out takes the browser hundreds of milliseconds.
const HOLD_UNITS: u32 = 256 * 1024;
/// Files larger than this are refused before reading (the core refuses larger inputs too).
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A file is read by its extension when it has a telling one, else as the box is set.
pub fn file_format(name: &str, chosen: PasteFormat) -> PasteFormat {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".txt") || lower.ends_with(".md") {
        PasteFormat::Text
    } else if lower.ends_with(".html") || lower.ends_with(".htm") {
        PasteFormat::Html
    } else {
        chosen
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct NewArticle {
    /// The file name, or `None` for a paste.
    pub source: Option<String>,
    pub input: String,
}

#[derive(Properties, PartialEq)]
pub struct PasteBoxProps {
    pub on_add: Callback<NewArticle>,
    pub on_sample: Callback<()>,
    pub on_notice: Callback<String>,
    #[prop_or_default]
    pub busy: bool,
}

#[component]
pub fn PasteBox(props: &PasteBoxProps) -> Html {
    let area_ref = use_node_ref();
    let has_text = use_state(|| false);
    // A long paste taken out of the box, and its size in bytes for the note that stands in.
    let held = use_mut_ref(|| None::<String>);
    let held_bytes = use_state(|| None::<usize>);
    let format = use_state(|| PasteFormat::Auto);
    let dragging = use_state(|| false);
    // Readers must live until they call back.
    let readers = use_mut_ref(Vec::<FileReader>::new);

    let read_files = {
        let format = format.clone();
        let on_add = props.on_add.clone();
        let on_notice = props.on_notice.clone();
        let readers = readers.clone();
        Callback::from(move |files: web_sys::FileList| {
            for i in 0..files.length() {
                let Some(file) = files.get(i) else { continue };
                let file = File::from(file);
                let name = file.name();
                if file.size() > MAX_FILE_BYTES {
                    on_notice.emit(format!("{name} is larger than 16 MB and was not opened."));
                    continue;
                }
                let on_add = on_add.clone();
                let on_notice = on_notice.clone();
                let format = file_format(&name, *format);
                let reader = read_as_text(&file, move |res| match res {
                    Ok(text) => on_add.emit(NewArticle {
                        source: Some(name),
                        input: format.prepare(text),
                    }),
                    Err(_) => on_notice.emit(format!("Could not read {name} as text.")),
                });
                readers.borrow_mut().push(reader);
            }
        })
    };

    let submit = {
        let area_ref = area_ref.clone();
        let has_text = has_text.clone();
        let format = format.clone();
        let on_add = props.on_add.clone();
        let held = held.clone();
        let held_bytes = held_bytes.clone();
        move || {
            let Some(area) = area_ref.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let input = held.borrow_mut().take().unwrap_or_else(|| {
                let input = area.value();
                area.set_value("");
                input
            });
            held_bytes.set(None);
            has_text.set(false);
            on_add.emit(NewArticle {
                source: None,
                input: format.prepare(input),
            });
        }
    };
    let onformat = {
        let format = format.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            format.set(PasteFormat::from_value(&select.value()));
        })
    };
    let onclick = {
        let submit = submit.clone();
        Callback::from(move |_: MouseEvent| submit())
    };
    let oninput = {
        let has_text = has_text.clone();
        let held = held.clone();
        let held_bytes = held_bytes.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let units = area.text_length();
            if units > HOLD_UNITS {
                let text = area.value();
                area.set_value("");
                held_bytes.set(Some(text.len()));
                *held.borrow_mut() = Some(text);
            } else if units > 0 && held.borrow_mut().take().is_some() {
                // Typing or pasting again replaces the held paste.
                held_bytes.set(None);
            }
            let non_empty = units > 0 || held.borrow().is_some();
            if non_empty != *has_text {
                has_text.set(non_empty);
            }
        })
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
            e.prevent_default();
            submit();
        }
    });
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let dragging = dragging.clone();
        let read_files = read_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(files) = e.data_transfer().and_then(|dt| dt.files()) {
                read_files.emit(files);
            }
        })
    };
    let onchange = Callback::from(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        if let Some(files) = input.files() {
            read_files.emit(files);
        }
        input.set_value("");
    });
    let on_sample = {
        let cb = props.on_sample.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };

    html! {
        <section class={classes!("paste", dragging.then_some("paste--drag"))} aria-label="Add an article"
            {ondragover} {ondragleave} {ondrop}>
            <label class="paste__label" for="paste-input">{ "Add an article" }</label>
            <textarea id="paste-input" class="paste__input" rows="3" spellcheck="false"
                placeholder="Paste article text or the HTML of a page — or drop a .html / .txt file here"
                ref={area_ref} {oninput} {onkeydown} />
            if let Some(bytes) = *held_bytes {
                <p id="paste-held" class="paste__held" role="status">
                    { format!("{} of text pasted (kept out of the box, which stays quick): press Annotate, or type or paste to replace it.", size_text(bytes)) }
                </p>
            }
            <div class="paste__actions">
                <button id="annotate-btn" type="button" class="btn btn--primary" {onclick}
                    disabled={!*has_text}>
                    { "Annotate" }
                </button>
                <label class="btn btn--quiet paste__file">
                    { "Open file…" }
                    <input type="file" accept=".html,.htm,.txt,.md,text/html,text/plain" multiple=true
                        class="visually-hidden" {onchange} />
                </label>
                <button id="sample-btn" type="button" class="btn btn--quiet" onclick={on_sample}>
                    { "Load sample" }
                </button>
                <label class="paste__format">
                    <span class="paste__format-label">{ "Read as" }</span>
                    <select id="format-select" class="select" onchange={onformat}>
                        <option value="auto" selected={*format == PasteFormat::Auto}>{ "Detect" }</option>
                        <option value="html" selected={*format == PasteFormat::Html}>{ "HTML" }</option>
                        <option value="text" selected={*format == PasteFormat::Text}>{ "Plain text" }</option>
                    </select>
                </label>
                <span class="paste__hint">
                    { "Ctrl+Enter annotates · stays in this browser" }
                </span>
            </div>
        </section>
    }
}
