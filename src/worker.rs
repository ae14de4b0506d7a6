//! The annotation worker: receives the whole workspace, answers with its contract.
//!
//! Protocol: on connect the worker answers [`WorkerOutput::Ready`], so the page knows the
//! worker really started (a missing or blocked worker script never says it); every
//! [`AnnotateRequest`] is answered by one [`WorkerOutput::Annotated`] with the same `seq`.

use crate::annotate::{annotate_articles, now_ms, ArticleInput};
use gloo_worker::{HandlerId, Worker, WorkerScope};
use gloss_core::protocol::Contract;
use serde::{Deserialize, Serialize};

/// Path of the loader Trunk writes for the worker binary (`data-loader-shim`).
pub const WORKER_LOADER_PATH: &str = "./gloss-worker_loader.js";
/// The worker bundle's script and wasm (Trunk does not hash worker file names).
pub const WORKER_SCRIPT_PATH: &str = "./gloss-worker.js";
pub const WORKER_WASM_PATH: &str = "./gloss-worker_bg.wasm";

thread_local! {
    /// Where the bundle's files are, when not beside the page (an embedded annotator on a CMS
    /// page loads them from its script's folder).
    static ASSET_BASE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Load the bundle's files from `base` (a folder URL ending in `/`) instead of the page's folder.
pub fn set_asset_base(base: Option<String>) {
    ASSET_BASE.with(|b| *b.borrow_mut() = base);
}

/// The URL of one of the bundle's files (`path` is one of the `./…` paths above).
pub fn asset_url(path: &str) -> String {
    ASSET_BASE.with(|b| match b.borrow().as_deref() {
        Some(base) => format!("{base}{}", path.trim_start_matches("./")),
        None => path.to_string(),
    })
}

/// The page-side entry of the worker bundle: JSON articles in, JSON contract out.
pub fn annotate_json(articles_json: &str) -> Result<String, String> {
    let articles: Vec<ArticleInput> =
        serde_json::from_str(articles_json).map_err(|e| format!("bad request: {e}"))?;
    serde_json::to_string(&annotate_articles(&articles)).map_err(|e| e.to_string())
}

/// Worker messages as JSON text. gloo-worker's default (bincode) is not self-describing, so it
/// cannot carry the contract's optional fields that JSON omits when empty
/// (`skip_serializing_if`, e.g. `PreviewDto::description`); JSON reads them back as defaults.
pub struct JsonCodec;

impl gloo_worker::Codec for JsonCodec {
    fn encode<I: Serialize>(input: I) -> wasm_bindgen::JsValue {
        serde_json::to_string(&input)
            .map(wasm_bindgen::JsValue::from)
            .unwrap_or(wasm_bindgen::JsValue::NULL)
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: wasm_bindgen::JsValue) -> O {
        let text = input.as_string().unwrap_or_default();
        // The trait has no error path; both ends are one build, as with gloo's own codec.
        serde_json::from_str(&text).expect("a worker message from this build")
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnnotateRequest {
    pub seq: u64,
    pub articles: Vec<ArticleInput>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WorkerOutput {
    Ready,
    Annotated {
        seq: u64,
        contract: Contract,
        elapsed_ms: f64,
    },
}

pub struct AnnotateWorker;

impl Worker for AnnotateWorker {
    type Message = ();
    type Input = AnnotateRequest;
    type Output = WorkerOutput;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        AnnotateWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn connected(&mut self, scope: &WorkerScope<Self>, id: HandlerId) {
        scope.respond(id, WorkerOutput::Ready);
    }

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Self::Input, id: HandlerId) {
        let started = now_ms();
        let contract = annotate_articles(&msg.articles);
        let elapsed_ms = now_ms() - started;
        scope.respond(
            id,
            WorkerOutput::Annotated {
                seq: msg.seq,
                contract,
                elapsed_ms,
            },
        );
    }
}
