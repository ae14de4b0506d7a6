//! Entry point of the browser app: mount [`gloss_app::App`] on the page's `#app` element.

use gloss_app::ui::AppProps;

fn main() {
    let root = gloo::utils::document()
        .get_element_by_id("app")
        .unwrap_or_else(|| gloo::utils::body().into());
    let props = AppProps {
        use_worker: true,
        with_sample: true,
        // No inline annotator: the page bundle stays free of the model; if the worker cannot
        // start, the worker bundle itself is loaded on the page (ui::fallback).
        inline: None,
        // The workspace and its corrections survive a reload.
        store: gloss_app::ui::storage::StoreHandle::local(),
    };
    yew::Renderer::<gloss_app::App>::with_root_and_props(root, props).render();
}
