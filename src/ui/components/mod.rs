//! Small function components with `PartialEq` props. State lives in `ui::state`; components
//! receive what they show and report what the user did through callbacks.

pub mod app;
pub mod article_view;
pub mod chip;
pub mod edit_bar;
pub mod fix_panel;
pub mod graph;
pub mod paste_box;
pub mod preview_card;
pub mod run_progress;
pub mod sidebar;
pub mod status_line;
pub mod tabs;
