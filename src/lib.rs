//! gloss-app: the browser shell around gloss-core. Everything here is presentation and
//! effects; all language work happens in `gloss_core` and arrives as the versioned JSON
//! contract ([`gloss_core::protocol::Contract`]).
//!
//! ```text
//! main.rs ── renders ui::App
//! ui::state      AppState + Action: the one pure reducer (articles, tabs, selection, requests,
//!                corrections with undo/redo)
//! ui::edits      corrections per article (content key) and their undo history (pure)
//! ui::export     the workspace in every export format (edit bar's Download, embed exportAs)
//! ui::storage    the workspace and corrections in localStorage, versioned; failures reported
//! ui::persist    effects: save after changes, restore at start, Ctrl+Z / Ctrl+Shift+Z
//! ui::selection  a text selection in the article → contract offsets, for "add entity"
//! ui::hooks      effects: send requests to the worker, fall back to the main thread
//! ui::text       contract offsets (code points) → paragraphs and render segments (pure)
//! ui::components App, PasteBox, Tabs, ArticleView, Chip, PreviewCard, Sidebar, StatusLine,
//!                EditBar, FixPanel, RunProgress
//! worker         the gloo-worker that runs the annotation off the main thread, in steps
//! stream         a contract split into paragraph parts for the worker's messages, and joined
//! bin/worker.rs  registers that worker (Trunk builds it as `gloss-worker`)
//! ```
//!
//! Invariants:
//! - Pasted HTML is never inserted as HTML: it only reaches the DOM as text nodes of the
//!   clean article text produced by the core. There is no `inner_html` anywhere.
//! - The app makes no network requests; link previews come from the URL alone.
//! - The UI reads only the contract DTOs; offsets are Unicode code points into a document's
//!   `text` and are converted to string slices in exactly one place ([`ui::text::CpText`]).

pub mod annotate;
pub mod embed;
pub mod sample;
pub mod stream;
pub mod ui;
pub mod worker;

pub use ui::App;
