//! The link between the embedded app and its JS API: the reducer handle of the latest render,
//! the host's event callback, and the `annotate()` promises waiting for a result.

use crate::embed::to_js;
use crate::ui::state::{Action, AppState, Shared};
use crate::App;
use gloss_core::protocol::Contract;
use js_sys::Function;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use yew::prelude::*;
use yew::AppHandle;

/// An `annotate()` call waiting for its result.
struct Waiter {
    resolve: Function,
    reject: Function,
    /// The contract shown when the call was made: a result must be another one.
    before: Option<Shared<Contract>>,
    /// The request was seen in flight; the next idle state settles the call.
    saw_pending: bool,
}

#[derive(Default)]
pub(crate) struct Bridge {
    state: Option<UseReducerHandle<AppState>>,
    emit: Option<Function>,
    waiters: Vec<Waiter>,
    /// Actions sent before the app's first render, dispatched once it has rendered.
    queued: Vec<Action>,
    pub(crate) app: Option<AppHandle<App>>,
}

/// Shared by the API object and the mounted app; equality is identity.
#[derive(Clone, Default)]
pub struct EmbedLink(pub(crate) Rc<RefCell<Bridge>>);

impl PartialEq for EmbedLink {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What the app needs to know when it runs embedded.
#[derive(Clone, PartialEq)]
pub struct Embed {
    pub link: EmbedLink,
    /// Show the paste box (not when the element annotates a host element, nor read-only).
    pub paste_box: bool,
    /// The host asked for no editing.
    pub readonly: bool,
}

impl EmbedLink {
    /// A link whose events go to `emit(name, detail)` (a JS function), if given.
    pub fn new(emit: Option<Function>) -> EmbedLink {
        let link = EmbedLink::default();
        link.0.borrow_mut().emit = emit;
        link
    }

    /// Send an action to the app (queued until its first render).
    pub fn dispatch(&self, action: Action) {
        let dispatcher = self.0.borrow().state.as_ref().map(|s| s.dispatcher());
        match dispatcher {
            Some(d) => d.dispatch(action),
            None => self.0.borrow_mut().queued.push(action),
        }
    }

    /// The contract shown at the latest render.
    pub fn contract(&self) -> Option<Shared<Contract>> {
        self.0
            .borrow()
            .state
            .as_ref()
            .and_then(|s| s.contract.clone())
    }

    /// `f` of the app's state at the latest render (`None` before the first).
    pub fn with_state<R>(&self, f: impl FnOnce(&AppState) -> R) -> Option<R> {
        let state = self.0.borrow().state.clone();
        state.map(|s| f(&s))
    }

    /// Whether the app has rendered (and so accepts actions).
    pub fn is_mounted(&self) -> bool {
        self.0.borrow().state.is_some()
    }

    /// Wait for the next annotation result: `resolve(contract)` or `reject(message)`.
    pub fn wait(&self, resolve: Function, reject: Function) {
        let before = self.contract();
        self.0.borrow_mut().waiters.push(Waiter {
            resolve,
            reject,
            before,
            saw_pending: false,
        });
    }

    fn emit(&self, name: &str, detail: &JsValue) {
        let emit = self.0.borrow().emit.clone();
        if let Some(f) = emit {
            let _ = f.call2(&JsValue::NULL, &name.into(), detail);
        }
    }

    /// Called when the request in flight changes: settle the waiters once idle again.
    fn settle(
        &self,
        pending: Option<u64>,
        contract: Option<Shared<Contract>>,
        notice: Option<String>,
    ) {
        let done: Vec<Waiter> = {
            let mut b = self.0.borrow_mut();
            if pending.is_some() {
                b.waiters.iter_mut().for_each(|w| w.saw_pending = true);
                return;
            }
            let (done, keep) = b.waiters.drain(..).partition(|w| w.saw_pending);
            b.waiters = keep;
            done
        };
        for w in done {
            match &contract {
                Some(c) if w.before.as_ref() != Some(c) => {
                    let _ = w.resolve.call1(&JsValue::NULL, &to_js(&**c));
                }
                _ => {
                    let message = notice.clone().unwrap_or_else(|| "annotation failed".into());
                    let _ = w
                        .reject
                        .call1(&JsValue::NULL, &js_sys::Error::new(&message).into());
                }
            }
        }
    }
}

#[derive(serde::Serialize)]
struct Selection<'a> {
    entity: Option<&'a str>,
    name: Option<&'a str>,
    label: Option<&'a str>,
}

/// In the embedded app: keep the link up to date and tell the host about changes
/// (`gloss:change` with the contract shown, `gloss:select` with the selected entity).
#[hook]
pub fn use_embed(embed: Option<Embed>, state: UseReducerHandle<AppState>) {
    let link = embed.map(|e| e.link);
    if let Some(link) = &link {
        link.0.borrow_mut().state = Some(state.clone());
    }
    {
        let link = link.clone();
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let queued = link.map(|l| std::mem::take(&mut l.0.borrow_mut().queued));
            for action in queued.into_iter().flatten() {
                dispatcher.dispatch(action);
            }
        });
    }
    {
        let link = link.clone();
        use_effect_with(state.contract.clone(), move |contract| {
            if let (Some(link), Some(c)) = (&link, contract) {
                link.emit("gloss:change", &to_js(&**c));
            }
        });
    }
    {
        let link = link.clone();
        let contract = state.contract.clone();
        let notice = state.notice.clone();
        use_effect_with(state.pending, move |pending| {
            if let Some(link) = &link {
                link.settle(*pending, contract, notice);
            }
        });
    }
    let announced = use_mut_ref(|| None::<String>);
    let contract = state.contract.clone();
    use_effect_with(state.selected.clone(), move |selected| {
        let Some(link) = &link else { return };
        if *announced.borrow() == *selected {
            return;
        }
        *announced.borrow_mut() = selected.clone();
        let entity = selected
            .as_deref()
            .and_then(|id| contract.as_ref()?.entities.iter().find(|e| e.id == id));
        let detail = Selection {
            entity: selected.as_deref(),
            name: entity.map(|e| e.name.as_str()),
            label: entity.map(|e| e.label.as_str()),
        };
        link.emit("gloss:select", &to_js(&detail));
    });
}
