//! Effects: getting the workspace annotated.
//!
//! The normal path is the web worker (`gloss-worker`), so a long article never freezes the
//! page. The worker is started on the first request and must answer `Ready`; if it cannot
//! be created, or has not answered within [`WORKER_START_TIMEOUT_MS`], the request runs on
//! the main thread instead (and so does every later one). Results come back as
//! [`Action::Annotated`] with the request's `seq`; the reducer drops stale ones, so a late
//! worker answer after a fallback is harmless.

use crate::annotate::{annotate_articles, now_ms, ArticleInput};
use crate::ui::state::{Action, AppState, Engine, Shared};
use crate::worker::{AnnotateRequest, AnnotateWorker, WorkerOutput, WORKER_LOADER_PATH};
use gloo::timers::callback::Timeout;
use gloo_worker::{Spawnable, WorkerBridge};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use std::time::Duration;
use yew::prelude::*;

/// How long a starting worker may take to say `Ready` before the page annotates by itself.
pub const WORKER_START_TIMEOUT_MS: u32 = 8_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum Phase {
    #[default]
    NotStarted,
    Starting,
    Ready,
    Failed,
}

#[derive(Default)]
struct Annotator {
    phase: Phase,
    bridge: Option<WorkerBridge<AnnotateWorker>>,
    /// The request sent to the worker and not answered yet.
    waiting: Option<AnnotateRequest>,
    start_timer: Option<Timeout>,
}

/// Annotate the workspace whenever `pending` names a new request.
#[hook]
pub fn use_annotator(
    pending: Option<u64>,
    articles: Rc<Vec<ArticleInput>>,
    dispatch: UseReducerDispatcher<AppState>,
    use_worker: bool,
) {
    let annotator = use_mut_ref(Annotator::default);
    use_effect_with(pending, move |pending| {
        if let Some(seq) = *pending {
            let request = AnnotateRequest {
                seq,
                articles: (*articles).clone(),
            };
            submit(&annotator, request, dispatch, use_worker);
        }
    });
}

fn submit(
    annotator: &Rc<RefCell<Annotator>>,
    request: AnnotateRequest,
    dispatch: UseReducerDispatcher<AppState>,
    use_worker: bool,
) {
    let mut a = annotator.borrow_mut();
    if a.phase == Phase::NotStarted {
        if use_worker && worker_supported() {
            start_worker(annotator, &mut a, dispatch.clone());
        } else {
            a.phase = Phase::Failed;
        }
    }
    match (a.phase, a.bridge.as_ref()) {
        (Phase::Starting | Phase::Ready, Some(bridge)) => {
            bridge.send(request.clone());
            a.waiting = Some(request);
        }
        _ => {
            drop(a);
            run_on_main_thread(request, dispatch);
        }
    }
}

fn worker_supported() -> bool {
    js_sys::Reflect::has(&js_sys::global(), &"Worker".into()).unwrap_or(false)
}

fn start_worker(
    annotator: &Rc<RefCell<Annotator>>,
    a: &mut Annotator,
    dispatch: UseReducerDispatcher<AppState>,
) {
    let weak = Rc::downgrade(annotator);
    let on_output = {
        let weak = weak.clone();
        let dispatch = dispatch.clone();
        move |out: WorkerOutput| on_worker_output(&weak, &dispatch, out)
    };
    let mut spawner = AnnotateWorker::spawner();
    spawner
        .as_module(false)
        .with_loader(true)
        .callback(on_output);
    a.bridge = Some(spawner.spawn(WORKER_LOADER_PATH));
    a.phase = Phase::Starting;
    a.start_timer = Some(Timeout::new(WORKER_START_TIMEOUT_MS, move || {
        give_up_on_worker(&weak, dispatch)
    }));
}

fn on_worker_output(
    weak: &Weak<RefCell<Annotator>>,
    dispatch: &UseReducerDispatcher<AppState>,
    out: WorkerOutput,
) {
    let Some(annotator) = weak.upgrade() else {
        return;
    };
    match out {
        WorkerOutput::Ready => {
            let mut a = annotator.borrow_mut();
            if a.phase == Phase::Starting {
                a.phase = Phase::Ready;
                a.start_timer = None;
            }
        }
        WorkerOutput::Annotated {
            seq,
            contract,
            elapsed_ms,
        } => {
            {
                let mut a = annotator.borrow_mut();
                if a.waiting.as_ref().is_some_and(|w| w.seq == seq) {
                    a.waiting = None;
                }
            }
            dispatch.dispatch(Action::Annotated {
                seq,
                contract: Shared::new(contract),
                elapsed_ms,
                engine: Engine::Worker,
            });
        }
    }
}

fn give_up_on_worker(weak: &Weak<RefCell<Annotator>>, dispatch: UseReducerDispatcher<AppState>) {
    let Some(annotator) = weak.upgrade() else {
        return;
    };
    let waiting = {
        let mut a = annotator.borrow_mut();
        if a.phase != Phase::Starting {
            return;
        }
        a.phase = Phase::Failed;
        a.bridge = None;
        a.waiting.take()
    };
    if let Some(request) = waiting {
        run_on_main_thread(request, dispatch);
    }
}

/// Annotate on the page, after yielding once so the "Annotating…" status can paint.
fn run_on_main_thread(request: AnnotateRequest, dispatch: UseReducerDispatcher<AppState>) {
    yew::platform::spawn_local(async move {
        yew::platform::time::sleep(Duration::from_millis(16)).await;
        let started = now_ms();
        let contract = annotate_articles(&request.articles);
        dispatch.dispatch(Action::Annotated {
            seq: request.seq,
            contract: Shared::new(contract),
            elapsed_ms: now_ms() - started,
            engine: Engine::MainThread,
        });
    });
}
