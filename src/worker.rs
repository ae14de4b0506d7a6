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

/// The page-side entry of the worker bundle: JSON articles in, JSON contract out.
pub fn annotate_json(articles_json: &str) -> Result<String, String> {
    let articles: Vec<ArticleInput> =
        serde_json::from_str(articles_json).map_err(|e| format!("bad request: {e}"))?;
    serde_json::to_string(&annotate_articles(&articles)).map_err(|e| e.to_string())
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
