//! The Yew user interface: state, effects, text layout and components.

pub mod components;
pub mod edits;
pub mod entities;
pub mod export;
pub mod fallback;
pub mod graph_layout;
pub mod hooks;
pub mod labels;
pub mod persist;
pub mod selection;
pub mod state;
pub mod storage;
pub mod text;

pub use components::app::{App, AppProps};
