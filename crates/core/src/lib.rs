//! gloss-core: the pure NLP core of gloss. No I/O, no web APIs, no panics on any input.
//!
//! Data flows one way through the stages, each in its own module:
//!
//! ```text
//! ingest (HTML/text → clean text, paragraphs, link anchors, furniture set aside)
//!   → tokenize (sentences, tokens with byte spans)
//!   → ner (model: PER/ORG/LOC/MISC) + dates (rules: DATE)
//!   → resolve (mentions → entities, across the workspace)
//!   → relate (typed relations and quotes with speakers)
//!   → links (previews built from the URL and the workspace)
//! pipeline: runs the stages for a workspace of articles (job: the same in steps)
//! protocol: the versioned JSON contract (serde DTOs); core types convert into it
//! corrections: editor corrections (accept, reject, retype, add, merge, split) applied to it
//! ```
//!
//! Invariant kept by every stage: a [`Span`] is a half-open range of *byte* offsets into the
//! clean text of its document, always on `char` boundaries. Conversion to code points (the JSON
//! contract) happens in `protocol`; conversion to UTF-16 happens only at the browser edge.

pub mod check;
pub mod corrections;
pub mod dates;
pub mod diag;
pub mod export;
pub mod ingest;
pub mod job;
pub mod label;
pub mod links;
pub mod ner;
pub mod pipeline;
pub mod protocol;
pub mod relate;
pub mod resolve;
pub mod span;
pub mod tokenize;

pub use diag::Diagnostic;
pub use label::Label;
pub use pipeline::{annotate, annotate_workspace, Article, Workspace};
pub use span::Span;
