//! Annotating on the page when the web worker cannot start.
//!
//! The page bundle does not contain the NER model (it would be downloaded twice). Instead the
//! worker bundle is loaded here as a classic script: it declares `wasm_bindgen`, whose
//! `annotateJson` export runs the same pipeline on the main thread. That declaration is a
//! global `let`, not a `window` property, so a second static script (`static/
//! worker-bundle-bridge.js`) hands it over as `self.glossWorkerBundle` (no eval, CSP-safe).
//! The loading promise is kept, so the bundle is fetched and instantiated once.

use crate::annotate::ArticleInput;
use crate::worker::{asset_url, WORKER_SCRIPT_PATH, WORKER_WASM_PATH};

/// The static script that exposes the worker bundle's `wasm_bindgen` (copied by Trunk).
const BRIDGE_SCRIPT_PATH: &str = "./worker-bundle-bridge.js";
const BRIDGE_GLOBAL: &str = "glossWorkerBundle";
use gloss_core::protocol::Contract;
use js_sys::{Function, Object, Promise, Reflect};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{future_to_promise, JsFuture};

thread_local! {
    static ENGINE: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// Annotate `articles` with the worker bundle running on the page.
pub async fn annotate_on_page(articles: &[ArticleInput]) -> Result<Contract, String> {
    let promise = ENGINE.with(|e| {
        e.borrow_mut()
            .get_or_insert_with(|| future_to_promise(load_engine()))
            .clone()
    });
    let namespace = JsFuture::from(promise).await.map_err(describe)?;
    let annotate: Function = Reflect::get(&namespace, &"annotateJson".into())
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| "the annotator bundle has no annotateJson".to_string())?;
    let request = serde_json::to_string(articles).map_err(|e| e.to_string())?;
    let out = annotate
        .call1(&JsValue::NULL, &request.into())
        .map_err(describe)?;
    let json = out.as_string().ok_or("the annotator returned no text")?;
    serde_json::from_str(&json)
        .map_err(|e| format!("the annotator's answer is not a contract: {e}"))
}

async fn load_engine() -> Result<JsValue, JsValue> {
    let global = js_sys::global();
    let mut namespace = Reflect::get(&global, &BRIDGE_GLOBAL.into())?;
    if namespace.is_undefined() {
        load_script(&asset_url(WORKER_SCRIPT_PATH)).await?;
        load_script(&asset_url(BRIDGE_SCRIPT_PATH)).await?;
        namespace = Reflect::get(&global, &BRIDGE_GLOBAL.into())?;
    }
    let init: Function = namespace
        .clone()
        .dyn_into()
        .map_err(|_| JsValue::from_str("the annotator bundle did not load"))?;
    let options = Object::new();
    Reflect::set(
        &options,
        &"module_or_path".into(),
        &asset_url(WORKER_WASM_PATH).into(),
    )?;
    let started: Promise = init.call1(&JsValue::NULL, &options)?.dyn_into()?;
    JsFuture::from(started).await?;
    Ok(namespace)
}

/// Append a classic `<script src>` and wait until it has run.
async fn load_script(src: &str) -> Result<(), JsValue> {
    let document = gloo::utils::document();
    let script = document.create_element("script")?;
    script.set_attribute("src", src)?;
    let loaded = Promise::new(&mut |resolve, reject| {
        let _ = script.add_event_listener_with_callback("load", &resolve);
        let _ = script.add_event_listener_with_callback("error", &reject);
    });
    gloo::utils::head().append_child(&script)?;
    JsFuture::from(loaded)
        .await
        .map(|_| ())
        .map_err(|_| JsValue::from_str(&format!("could not load {src}")))
}

fn describe(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "the annotator could not run".to_string())
}
