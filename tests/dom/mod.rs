//! Helpers shared by the browser tests (`tests/web*.rs`): a fresh mount point with the
//! app's stylesheets, the app mounted as the tests run it, waiting for Yew to render,
//! finding elements, firing events, and small pieces of hand-made contracts.
#![allow(dead_code)] // each test crate uses its own subset

use gloss_app::annotate::annotate_articles;
use gloss_app::ui::hooks::Inline;
use gloss_app::ui::AppProps;
use gloss_app::App;
use gloss_core::protocol::EntityDto;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, EventTarget, HtmlElement};
use yew::UseStateHandle;

const CSS: &str = concat!(
    include_str!("../../static/gloss.css"),
    include_str!("../../static/edit.css")
);

/// A new `<div>` in the body, with the app's stylesheets installed once per page.
pub fn fresh_root() -> Element {
    let document = gloo::utils::document();
    if document.get_element_by_id("gloss-css").is_none() {
        let style = document.create_element("style").expect("style");
        style.set_id("gloss-css");
        style.set_text_content(Some(CSS));
        document
            .head()
            .expect("head")
            .append_child(&style)
            .expect("append style");
    }
    let div = document.create_element("div").expect("div");
    gloo::utils::body().append_child(&div).expect("append");
    div
}

/// The app as the tests run it: annotating on the page (no worker), without the sample,
/// saving nothing. Tests change a field with `AppProps { field, ..app_props() }`.
pub fn app_props() -> AppProps {
    AppProps {
        use_worker: false,
        with_sample: false,
        inline: Some(Inline(annotate_articles)),
        embed: None,
        store: None,
        max_input_bytes: None,
    }
}

/// The app mounted in a fresh root and rendered once.
pub async fn mount_app(props: AppProps) -> Element {
    let root = fresh_root();
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    settle().await;
    root
}

/// Put `input` in the app's paste box and press Annotate.
pub async fn paste(root: &Element, input: &str) {
    paste_value(root, &input.into()).await;
}

/// `paste` of any JavaScript value: a JS string can hold what a Rust one cannot (lone
/// surrogates).
pub async fn paste_value(root: &Element, value: &JsValue) {
    let area = one(root, "#paste-input");
    js_sys::Reflect::set(&area, &"value".into(), value).expect("set value");
    area.dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    settle().await;
    click(&one(root, "#annotate-btn"));
    settle().await;
}

/// Let Yew render what is scheduled.
pub async fn settle() {
    yew::scheduler::flush().await;
}

/// Wait `ms` (timers, the hover delay), then let Yew render.
pub async fn wait(ms: u64) {
    yew::platform::time::sleep(Duration::from_millis(ms)).await;
    settle().await;
}

/// Wait (up to 15 s) until the first element matching `selector` has text containing
/// `needle`, and return that text.
pub async fn wait_for(root: &Element, selector: &str, needle: &str) -> String {
    for _ in 0..300 {
        let found = root
            .query_selector(selector)
            .ok()
            .flatten()
            .map(|s| text(&s))
            .unwrap_or_default();
        if found.contains(needle) {
            return found;
        }
        wait(50).await;
    }
    panic!("{selector} never said {needle:?}");
}

pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

pub fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

pub fn attr(el: &Element, name: &str) -> String {
    el.get_attribute(name).unwrap_or_default()
}

pub fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

/// A bubbling click (SVG elements are not `HtmlElement`s).
pub fn click(el: &Element) {
    match el.dyn_ref::<HtmlElement>() {
        Some(h) => h.click(),
        None => mouse(el, "click"),
    }
}

/// A mouse event of type `event`; it bubbles, except `mouseenter` and `mouseleave`.
pub fn mouse(target: &EventTarget, event: &str) {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(event != "mouseenter" && event != "mouseleave");
    let ev = web_sys::MouseEvent::new_with_mouse_event_init_dict(event, &init).expect("event");
    target.dispatch_event(&ev).expect("dispatch");
}

/// A bubbling, cancelable `keydown` of `key`.
pub fn key(target: &EventTarget, key: &str) {
    key_with(target, key, false, false);
}

/// `key` with Ctrl and Shift held or not.
pub fn key_with(target: &EventTarget, key: &str, ctrl: bool, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_ctrl_key(ctrl);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
    target.dispatch_event(&ev).expect("dispatch");
}

/// Select `id`, or clear the selection if `id` is already selected, as the app's reducer
/// does (for test harnesses that hold the selection themselves).
pub fn toggle(selected: &UseStateHandle<Option<String>>, id: String) {
    let next = (selected.as_deref() != Some(id.as_str())).then_some(id);
    selected.set(next);
}

/// Code-point range (the contract's offsets) of the `nth` occurrence of `needle` in `text`.
pub fn span(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let (byte, _) = text.match_indices(needle).nth(nth).expect("needle in text");
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

/// An entity known by its name alone.
pub fn entity(id: &str, label: &str, name: &str) -> EntityDto {
    EntityDto {
        id: id.into(),
        label: label.into(),
        name: name.into(),
        aliases: vec![name.into()],
        roles: vec![],
        related: vec![],
    }
}
