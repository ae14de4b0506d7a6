//! Entry point of the browser app: mount [`gloss_app::App`] on the page's `#app` element.
//!
//! The same bundle serves `<gloss-annotator>` (static/gloss-annotator.js): on a page without
//! `#app` nothing is mounted at start, and the element calls `mountAnnotator` instead.

use gloss_app::ui::AppProps;
use wasm_bindgen::prelude::*;

fn main() {
    let Some(root) = gloo::utils::document().get_element_by_id("app") else {
        return;
    };
    let props = AppProps {
        use_worker: true,
        with_sample: true,
        // No inline annotator: the page bundle stays free of the model; if the worker cannot
        // start, the worker bundle itself is loaded on the page (ui::fallback).
        inline: None,
        embed: None,
        // The workspace and its corrections survive a reload.
        store: gloss_app::ui::storage::StoreHandle::local(),
        max_input_bytes: max_input_bytes(),
    };
    yew::Renderer::<gloss_app::App>::with_root_and_props(root, props).render();
}

/// Mount the annotator in `container` (inside the element's shadow root) and return its JS
/// API object; see `gloss_app::embed::api` and `static/gloss-annotator.d.ts`.
#[wasm_bindgen(js_name = mountAnnotator)]
pub fn mount_annotator(container: web_sys::Element, options: JsValue) -> Result<JsValue, JsValue> {
    gloss_app::embed::mount(container, &options).map(JsValue::from)
}

/// The size cap from the page address, `?max-mb=N` (a positive number of megabytes); without
/// one the app uses the core's limit.
fn max_input_bytes() -> Option<usize> {
    let location = js_sys::Reflect::get(&gloo::utils::window(), &"location".into()).ok()?;
    let search = js_sys::Reflect::get(&location, &"search".into())
        .ok()?
        .as_string()?;
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix("max-mb="))
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|mb| mb.is_finite() && *mb > 0.0)
        .map(|mb| (mb * 1024.0 * 1024.0) as usize)
}
