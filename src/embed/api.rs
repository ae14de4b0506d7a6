//! The JS API of `<gloss-annotator>`: `mount` renders the app into a container and returns a
//! plain object of methods (closures, so the page bundle needs no exported classes):
//!
//! - `annotate(htmlOrText, source?)` → `Promise<Contract>`: the article becomes the workspace;
//!   resolves with the contract shown once annotated, rejects with the reason it could not be.
//! - `getAnnotations()` → the contract shown (link metadata applied), or `null`.
//! - `applyCorrections(list)` → `{applied, unapplied}`: editor corrections
//!   (`gloss_core::corrections`, documents named by `source`) applied in order to the contract
//!   shown; those that fit join the workspace's corrections (undoable in the UI), the others
//!   come back with the reason.
//! - `setLinkMetadata(url, {title, description, date})` → `{links, diagnostics}`: how many
//!   previews it reached now; it is kept and applied to every later annotation too.
//! - `exportAs(format)` → `string` (json, jsonld, webannotation, conll, csv-entities,
//!   csv-relations) of the contract shown; `json` is the gloss JSON (with its `corrections`).
//!   Made by [`crate::ui::export`], as the edit bar's Download is.
//! - `destroy()`: unmount.
//!
//! Changes show after the app's next render, announced by `gloss:change`.

use crate::embed::bridge::{Embed, EmbedLink};
use crate::embed::to_js;
use crate::ui::export::export_workspace;
use crate::ui::hooks::Inline;
use crate::ui::state::Action;
use crate::worker::set_asset_base;
use crate::{ui::AppProps, App};
use gloss_core::corrections::{apply, Correction};
use gloss_core::export::Format;
use gloss_core::links::metadata::{apply_link_metadata, LinkMetadata};
use gloss_core::protocol::Contract;
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How to mount the embedded app.
#[derive(Clone)]
pub struct EmbedOptions {
    /// `emit(name, detail)`: the element turns it into a DOM event.
    pub emit: Option<Function>,
    pub paste_box: bool,
    pub readonly: bool,
    /// The folder URL of the bundle's files (ends in `/`).
    pub asset_base: Option<String>,
    pub use_worker: bool,
    /// An annotator linked in (tests); `None` loads the worker bundle when needed.
    pub inline: Option<Inline>,
}

impl EmbedOptions {
    /// Options from the JS object `{emit, pasteBox, readonly, assetBase}`.
    pub fn from_js(options: &JsValue) -> EmbedOptions {
        let get = |k: &str| Reflect::get(options, &k.into()).unwrap_or(JsValue::UNDEFINED);
        EmbedOptions {
            emit: get("emit").dyn_into::<Function>().ok(),
            paste_box: get("pasteBox").as_bool().unwrap_or(true),
            readonly: get("readonly").as_bool().unwrap_or(false),
            asset_base: get("assetBase").as_string().filter(|b| b.ends_with('/')),
            use_worker: true,
            inline: None,
        }
    }
}

/// Mount from JS options (see [`EmbedOptions::from_js`]).
pub fn mount(container: web_sys::Element, options: &JsValue) -> Result<Object, JsValue> {
    mount_with(container, EmbedOptions::from_js(options))
}

/// Render the app into `container` and return its API object.
pub fn mount_with(container: web_sys::Element, options: EmbedOptions) -> Result<Object, JsValue> {
    if options.asset_base.is_some() {
        set_asset_base(options.asset_base.clone());
    }
    let link = EmbedLink::new(options.emit.clone());
    let props = AppProps {
        use_worker: options.use_worker,
        with_sample: false,
        inline: options.inline,
        // The host page's storage is not ours to fill: nothing is saved.
        store: None,
        embed: Some(Embed {
            link: link.clone(),
            paste_box: options.paste_box && !options.readonly,
            readonly: options.readonly,
        }),
        max_input_bytes: None,
    };
    let app = yew::Renderer::<App>::with_root_and_props(container, props).render();
    link.0.borrow_mut().app = Some(app);
    api_object(&link)
}

fn error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

fn method(
    obj: &Object,
    name: &str,
    f: impl Fn(JsValue, JsValue) -> Result<JsValue, JsValue> + 'static,
) -> Result<(), JsValue> {
    let f = Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(f);
    Reflect::set(obj, &name.into(), &f.into_js_value()).map(|_| ())
}

#[derive(serde::Serialize)]
struct UnappliedReport {
    correction: Correction,
    reason: String,
}

#[derive(serde::Serialize)]
struct CorrectionsReport {
    applied: usize,
    unapplied: Vec<UnappliedReport>,
}

/// Each correction on the result of those before; the ones that fit are dispatched.
fn apply_corrections(
    link: &EmbedLink,
    list: Vec<Correction>,
) -> Result<CorrectionsReport, JsValue> {
    let shown = link
        .contract()
        .ok_or_else(|| error("applyCorrections(): nothing has been annotated yet"))?;
    let mut current = Contract::clone(&shown);
    let mut report = CorrectionsReport {
        applied: 0,
        unapplied: Vec::new(),
    };
    for correction in list {
        let mut result = apply(&current, std::slice::from_ref(&correction));
        match result.unapplied.pop() {
            Some(u) => report.unapplied.push(UnappliedReport {
                correction,
                reason: u.reason.to_string(),
            }),
            None => {
                current = result.contract;
                report.applied += 1;
                link.dispatch(Action::Correct(correction));
            }
        }
    }
    Ok(report)
}

#[derive(serde::Serialize)]
struct MetadataReport {
    links: usize,
    diagnostics: Vec<String>,
}

fn api_object(link: &EmbedLink) -> Result<Object, JsValue> {
    let api = Object::new();
    let l = link.clone();
    method(&api, "annotate", move |input, source| {
        let input = input
            .as_string()
            .ok_or_else(|| error("annotate() takes the article's HTML or text as a string"))?;
        let source = source
            .as_string()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "embedded article".to_string());
        if input.trim().is_empty() {
            // The reducer keeps the workspace and says so in the widget (with `for`, the host
            // page has no other sign of it); nothing will be annotated, so reject now.
            l.dispatch(Action::Replace { source, input });
            return Err(error(
                "annotate(): nothing to annotate (the article is empty)",
            ));
        }
        let link = l.clone();
        let promise = Promise::new(&mut |resolve, reject| link.wait(resolve, reject));
        l.dispatch(Action::Replace { source, input });
        Ok(promise.into())
    })?;
    let l = link.clone();
    method(&api, "getAnnotations", move |_, _| {
        Ok(l.contract().map(|c| to_js(&*c)).unwrap_or(JsValue::NULL))
    })?;
    let l = link.clone();
    method(&api, "setLinkMetadata", move |url, meta| {
        let url = url
            .as_string()
            .filter(|u| !u.trim().is_empty())
            .ok_or_else(|| error("setLinkMetadata(url, metadata): url must be a string"))?;
        let meta: LinkMetadata = if meta.is_undefined() || meta.is_null() {
            LinkMetadata::default()
        } else {
            serde_wasm_bindgen::from_value(meta).map_err(|e| {
                error(&format!(
                    "setLinkMetadata: metadata must be {{title, description, date}} strings: {e}"
                ))
            })?
        };
        let report = match l.contract() {
            Some(c) => {
                let out = apply_link_metadata(
                    &mut gloss_core::protocol::Contract::clone(&c),
                    &url,
                    &meta,
                );
                MetadataReport {
                    links: out.links,
                    diagnostics: out.diagnostics,
                }
            }
            None => MetadataReport {
                links: 0,
                diagnostics: Vec::new(),
            },
        };
        l.dispatch(Action::SetLinkMetadata { url, meta });
        Ok(to_js(&report))
    })?;
    let l = link.clone();
    method(&api, "applyCorrections", move |list, _| {
        let list: Vec<Correction> = serde_wasm_bindgen::from_value(list).map_err(|e| {
            error(&format!("applyCorrections(list): each item must be a correction ({{op, mention, ...}}): {e}"))
        })?;
        apply_corrections(&l, list).map(|r| to_js(&r))
    })?;
    let l = link.clone();
    method(&api, "exportAs", move |format, _| {
        let name = format.as_string().unwrap_or_default();
        let format = Format::parse(&name).map_err(|e| error(&e.to_string()))?;
        // The same bytes as the edit bar's Download (`ui::export`).
        let out = l
            .with_state(|s| export_workspace(s, format))
            .flatten()
            .ok_or_else(|| error("exportAs(): nothing has been annotated yet"))?;
        out.map(JsValue::from).map_err(|e| error(&e))
    })?;
    let l = link.clone();
    method(&api, "destroy", move |_, _| {
        let app = l.0.borrow_mut().app.take();
        if let Some(app) = app {
            app.destroy();
        }
        Ok(JsValue::UNDEFINED)
    })?;
    Ok(api)
}
