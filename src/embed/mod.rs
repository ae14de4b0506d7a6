//! The embeddable annotator: `<gloss-annotator>` (static/gloss-annotator.js) mounts the same
//! [`crate::App`] inside its shadow root and talks to it through the JS API built in [`api`].
//!
//! ```text
//! gloss-annotator.js ── mountAnnotator(container, options) ──▶ api::mount ──▶ App { embed }
//!        ▲                                                        │ actions      │ use_embed
//!        └──── emit("gloss:change" | "gloss:select", detail) ◀── EmbedLink ◀────┘ renders
//! ```
//!
//! [`EmbedLink`] is shared by the API object and the mounted app: the app leaves its reducer
//! handle there on every render; the API dispatches actions through it and reads the contract
//! shown. Nothing here touches the host page: the app renders only into its container.

pub mod api;
mod bridge;

pub use api::{mount, mount_with, EmbedOptions};
pub use bridge::{use_embed, Embed, EmbedLink};

/// A value as plain JSON-compatible JS (objects, arrays, `null` for `None`).
pub(crate) fn to_js<T: serde::Serialize + ?Sized>(value: &T) -> wasm_bindgen::JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(wasm_bindgen::JsValue::NULL)
}
