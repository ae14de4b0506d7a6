//! The built-in sample article, annotated on startup so the app never opens empty.

/// The `source` of the sample; "Load sample" uses it to find an existing sample tab.
pub const SAMPLE_SOURCE: &str = "sample: euphrates-talks.html";

/// A wire-news-style HTML page written for gloss (with some page furniture around it).
pub const SAMPLE_HTML: &str = include_str!("../static/sample-article.html");
