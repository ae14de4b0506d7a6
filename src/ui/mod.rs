//! The Yew user interface: state, effects, text layout and components.

pub mod components;
pub mod entities;
pub mod fallback;
pub mod graph_layout;
pub mod hooks;
pub mod labels;
pub mod state;
pub mod text;

pub use components::app::{App, AppProps};
