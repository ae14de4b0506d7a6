//! DOM helpers shared by the browser tests (`tests/web*.rs`): a fresh mount point with the
//! app's stylesheets, waiting for Yew to render, finding elements and firing events.
#![allow(dead_code)] // each test crate uses its own subset

use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

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

/// Let Yew render what is scheduled.
pub async fn settle() {
    yew::scheduler::flush().await;
}

/// Wait `ms` (timers, the hover delay), then let Yew render.
pub async fn wait(ms: u64) {
    yew::platform::time::sleep(Duration::from_millis(ms)).await;
    settle().await;
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
        None => {
            let init = web_sys::MouseEventInit::new();
            init.set_bubbles(true);
            let ev =
                web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).expect("event");
            el.dispatch_event(&ev).expect("dispatch");
        }
    }
}
