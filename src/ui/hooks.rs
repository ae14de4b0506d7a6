//! Effects: getting the workspace annotated.
//!
//! The normal path is the web worker (`gloss-worker`), so a long article never freezes the
//! page. The worker is started on the first request and must answer `Ready`; if it cannot
//! be created, or has not answered within [`WORKER_START_TIMEOUT_MS`], the request runs on
//! the main thread instead (and so does every later one): with the [`Inline`] annotator when
//! one is linked in (tests), else with the worker bundle loaded on the page
//! (`ui::fallback`). Results come back as [`Action::Annotated`] with the request's `seq`;
//! the reducer drops stale ones, so a late worker answer after a fallback is harmless.
//!
//! The worker reports progress ([`Action::Progress`]) and sends the contract in paragraph
//! parts, joined here ([`Assembler`]); what has arrived is shown as [`Action::Partial`], at
//! most every [`PARTIAL_EVERY_MS`] and up to [`PARTIAL_MAX_BYTES`], so a long article is not
//! copied and re-rendered per part. When the
//! pending request disappears while the worker is still on it (Cancel), the bridge is
//! dropped — the worker closes at its next step — and the next request starts a new worker.

use crate::annotate::{now_ms, ArticleInput};
use crate::stream::Assembler;
use crate::ui::fallback::annotate_on_page;
use crate::ui::state::{Action, AppState, Engine, Shared};
use crate::worker::{
    asset_url, AnnotateRequest, AnnotateWorker, JsonCodec, WorkerOutput, WORKER_LOADER_PATH,
};
use gloo::timers::callback::Timeout;
use gloo_worker::{Spawnable, WorkerBridge};
use gloss_core::protocol::Contract;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use std::time::Duration;
use yew::prelude::*;

/// How long a starting worker may take to say `Ready` before the page annotates by itself.
pub const WORKER_START_TIMEOUT_MS: u32 = 8_000;
/// Partial results are shown at most this often while parts arrive...
pub const PARTIAL_EVERY_MS: f64 = 250.0;
/// ...and only while what has arrived is smaller than this (bytes of text): each partial
/// result is a copy, and beyond the first screens it would show nothing new.
pub const PARTIAL_MAX_BYTES: usize = 1024 * 1024;

/// An annotator linked into the page bundle, used instead of the worker bundle when the
/// worker cannot run. `main.rs` passes none (the page then carries no model); tests pass
/// `annotate::annotate_articles`.
#[derive(Clone, Copy)]
pub struct Inline(pub fn(&[ArticleInput]) -> Contract);

impl PartialEq for Inline {
    /// Props compare equal: which function annotates never changes what is shown.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

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
    /// The answer being received: its `seq` and what has arrived.
    receiving: Option<(u64, Assembler)>,
    /// When a partial result was last shown.
    last_partial_ms: f64,
    start_timer: Option<Timeout>,
    /// The request about to be sent, in a task of its own (see [`use_annotator`]).
    send_timer: Option<Timeout>,
    inline: Option<Inline>,
}

/// Annotate the workspace whenever `pending` names a new request.
#[hook]
pub fn use_annotator(
    pending: Option<u64>,
    articles: Rc<Vec<ArticleInput>>,
    dispatch: UseReducerDispatcher<AppState>,
    use_worker: bool,
    inline: Option<Inline>,
) {
    let annotator = use_mut_ref(Annotator::default);
    annotator.borrow_mut().inline = inline;
    use_effect_with(pending, move |pending| match *pending {
        // Copying and encoding a long article for the worker takes a while: do it in a task
        // of its own, not in the one that renders the new tab and saves the workspace.
        Some(seq) => {
            let weak = Rc::downgrade(&annotator);
            let send = Timeout::new(0, move || {
                let Some(annotator) = weak.upgrade() else {
                    return;
                };
                annotator.borrow_mut().send_timer = None;
                let request = AnnotateRequest {
                    seq,
                    articles: (*articles).clone(),
                };
                submit(&annotator, request, dispatch, use_worker);
            });
            annotator.borrow_mut().send_timer = Some(send);
        }
        None => abandon(&annotator),
    });
}

/// Nothing is pending any more but the worker is still on a request (it was cancelled, or
/// every tab was closed): let that worker go and start a fresh one for the next request.
fn abandon(annotator: &Rc<RefCell<Annotator>>) {
    let mut a = annotator.borrow_mut();
    // A request not sent yet is not sent at all.
    a.send_timer = None;
    if a.waiting.is_none() || a.phase == Phase::Failed {
        return;
    }
    a.waiting = None;
    a.receiving = None;
    a.bridge = None;
    a.start_timer = None;
    a.phase = Phase::NotStarted;
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
            let inline = a.inline;
            drop(a);
            run_on_main_thread(request, dispatch, inline);
        }
    }
}

/// Whether a worker can be constructed here. gloo-worker panics when the constructor throws
/// (no Worker API, or a Content-Security-Policy that forbids the script), so try first with
/// a throwaway worker that is terminated at once.
fn worker_supported() -> bool {
    if !js_sys::Reflect::has(&js_sys::global(), &"Worker".into()).unwrap_or(false) {
        return false;
    }
    match web_sys::Worker::new(&asset_url(WORKER_LOADER_PATH)) {
        Ok(probe) => {
            probe.terminate();
            true
        }
        Err(_) => false,
    }
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
    let mut spawner = AnnotateWorker::spawner().encoding::<JsonCodec>();
    spawner
        .as_module(false)
        .with_loader(true)
        .callback(on_output);
    a.bridge = Some(spawner.spawn(&asset_url(WORKER_LOADER_PATH)));
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
        WorkerOutput::Progress {
            seq,
            fraction,
            next,
        } => {
            if is_waiting_for(&annotator, seq) {
                dispatch.dispatch(Action::Progress {
                    seq,
                    fraction,
                    next,
                });
            }
        }
        WorkerOutput::Skeleton { seq, contract } => {
            let mut a = annotator.borrow_mut();
            if a.waiting.as_ref().is_some_and(|w| w.seq == seq) {
                a.receiving = Some((seq, Assembler::new(contract)));
                a.last_partial_ms = 0.0;
            }
        }
        WorkerOutput::Part { seq, part } => {
            let partial = {
                let mut a = annotator.borrow_mut();
                let Some((_, assembler)) = a.receiving.as_mut().filter(|(s, _)| *s == seq) else {
                    return;
                };
                assembler.add(part);
                let now = now_ms();
                // The first part of each document shows its opening paragraphs at once.
                let opening = assembler.received() == 1 || assembler.first_of_its_document();
                let small = assembler.text_bytes() <= PARTIAL_MAX_BYTES;
                if opening || (small && now - a.last_partial_ms >= PARTIAL_EVERY_MS) {
                    a.last_partial_ms = now;
                    a.receiving.as_ref().map(|(_, asm)| asm.contract().clone())
                } else {
                    None
                }
            };
            if let Some(contract) = partial {
                dispatch.dispatch(Action::Partial {
                    seq,
                    contract: Shared::new(contract),
                });
            }
        }
        WorkerOutput::Done { seq, elapsed_ms } => {
            let contract = {
                let mut a = annotator.borrow_mut();
                if !a.waiting.as_ref().is_some_and(|w| w.seq == seq) {
                    return;
                }
                a.waiting = None;
                match a.receiving.take() {
                    Some((s, assembler)) if s == seq => assembler.into_contract(),
                    _ => return,
                }
            };
            dispatch.dispatch(Action::Annotated {
                seq,
                contract: Shared::new(contract),
                elapsed_ms,
                engine: Engine::Worker,
            });
        }
    }
}

fn is_waiting_for(annotator: &Rc<RefCell<Annotator>>, seq: u64) -> bool {
    annotator
        .borrow()
        .waiting
        .as_ref()
        .is_some_and(|w| w.seq == seq)
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
        (a.waiting.take(), a.inline)
    };
    if let (Some(request), inline) = waiting {
        run_on_main_thread(request, dispatch, inline);
    }
}

/// Annotate on the page, after yielding once so the "Annotating…" status can paint.
fn run_on_main_thread(
    request: AnnotateRequest,
    dispatch: UseReducerDispatcher<AppState>,
    inline: Option<Inline>,
) {
    yew::platform::spawn_local(async move {
        yew::platform::time::sleep(Duration::from_millis(16)).await;
        let started = now_ms();
        let result = match inline {
            Some(Inline(annotate)) => Ok(annotate(&request.articles)),
            None => annotate_on_page(&request.articles).await,
        };
        let seq = request.seq;
        match result {
            Ok(contract) => dispatch.dispatch(Action::Annotated {
                seq,
                contract: Shared::new(contract),
                elapsed_ms: now_ms() - started,
                engine: Engine::MainThread,
            }),
            Err(message) => dispatch.dispatch(Action::Failed { seq, message }),
        }
    });
}
