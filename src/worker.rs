//! The annotation worker: receives the whole workspace and answers with its contract.
//!
//! Protocol: on connect the worker answers [`WorkerOutput::Ready`], so the page knows the
//! worker really started (a missing or blocked worker script never says it). An
//! [`AnnotateRequest`] is answered, all with its `seq`, by [`WorkerOutput::Progress`] after
//! each step of the annotation, then the contract in pieces ([`crate::stream`]):
//! [`WorkerOutput::Skeleton`], one [`WorkerOutput::Part`] per run of paragraphs, and
//! [`WorkerOutput::Done`]. The work runs as an async task that yields to the worker's event
//! loop between steps, so when the page drops its bridge (Cancel) the worker closes at the
//! next step instead of finishing the job; a newer request likewise stops an older one.

use crate::annotate::{annotate_articles, now_ms, to_articles, ArticleInput};
use crate::stream::{split, DocPart, PART_BYTES};
use gloo_worker::{HandlerId, Worker, WorkerScope};
use gloss_core::job::Job;
use gloss_core::protocol::Contract;
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

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
    /// `fraction` of request `seq` is done; `next` says what runs now.
    Progress {
        seq: u64,
        fraction: f64,
        next: String,
    },
    /// The contract without the documents' text and items ([`crate::stream::split`]).
    Skeleton {
        seq: u64,
        contract: Contract,
    },
    Part {
        seq: u64,
        part: DocPart,
    },
    /// Every part of request `seq` has been sent.
    Done {
        seq: u64,
        elapsed_ms: f64,
    },
}

pub struct AnnotateWorker {
    /// `seq` of the newest request received; older jobs stop at their next step.
    latest: Rc<Cell<u64>>,
}

impl Worker for AnnotateWorker {
    type Message = ();
    type Input = AnnotateRequest;
    type Output = WorkerOutput;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        AnnotateWorker {
            latest: Rc::new(Cell::new(0)),
        }
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn connected(&mut self, scope: &WorkerScope<Self>, id: HandlerId) {
        scope.respond(id, WorkerOutput::Ready);
    }

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Self::Input, id: HandlerId) {
        let scope = scope.clone();
        self.latest.set(msg.seq);
        let latest = Rc::clone(&self.latest);
        wasm_bindgen_futures::spawn_local(async move { run(scope, id, msg, latest).await });
    }
}

/// Give the event loop a turn (messages in, such as the bridge going away).
async fn yield_now() {
    yew::platform::time::sleep(Duration::ZERO).await;
}

async fn run(
    scope: WorkerScope<AnnotateWorker>,
    id: HandlerId,
    msg: AnnotateRequest,
    latest: Rc<Cell<u64>>,
) {
    let started = now_ms();
    let seq = msg.seq;
    let mut job = Job::new(to_articles(&msg.articles));
    drop(msg);
    loop {
        let p = job.progress();
        scope.respond(
            id,
            WorkerOutput::Progress {
                seq,
                fraction: p.fraction(),
                next: p.next,
            },
        );
        yield_now().await;
        if latest.get() != seq {
            return;
        }
        if !job.step() {
            break;
        }
    }
    let contract = Contract::from_workspace(&job.finish());
    yield_now().await;
    let (skeleton, parts) = split(contract, PART_BYTES);
    scope.respond(
        id,
        WorkerOutput::Skeleton {
            seq,
            contract: skeleton,
        },
    );
    for part in parts {
        scope.respond(id, WorkerOutput::Part { seq, part });
    }
    scope.respond(
        id,
        WorkerOutput::Done {
            seq,
            elapsed_ms: now_ms() - started,
        },
    );
}
