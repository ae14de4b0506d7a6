//! Entry point of the `gloss-worker` bundle (built by Trunk with `data-type="worker"`).
//!
//! In a worker it registers the annotation worker. The same bundle can also be loaded on the
//! page as a plain script when a worker cannot start; then it only exports `annotateJson`, so
//! the page bundle never has to carry the model (see `ui::fallback`).

use gloo_worker::Registrable;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    let in_window = js_sys::global().dyn_into::<web_sys::Window>().is_ok();
    if !in_window {
        gloss_app::worker::AnnotateWorker::registrar()
            .encoding::<gloss_app::worker::JsonCodec>()
            .register();
    }
}

/// Annotate a JSON array of `{source, input}` and return the contract as JSON.
#[wasm_bindgen(js_name = annotateJson)]
pub fn annotate_json(articles_json: &str) -> Result<String, JsError> {
    gloss_app::worker::annotate_json(articles_json).map_err(|e| JsError::new(&e))
}
