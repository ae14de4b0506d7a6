//! Export: the JSON contract written out in formats other tools read, and the gloss JSON read
//! back in. Works from [`Contract`] alone, so the CLI and the browser app (with the editor's
//! corrections already applied to the contract) share it.
//!
//! Owns one file per format: `json` (the contract itself, and [`import`] with validation),
//! `jsonld` (schema.org `NewsArticle`), `webanno` (W3C Web Annotation Data Model), `conll`
//! (IOB2 tokens) and `csv` (entities, relations; RFC 4180).
//!
//! Invariants: no format panics on any contract, even one whose offsets do not fit its text
//! (such mentions are skipped, never sliced); contract offsets are code points, turned into
//! byte offsets only through [`CodePoints`]; output is deterministic (same contract, same
//! bytes) and needs no network.

mod conll;
mod csv;
mod json;
mod jsonld;
mod webanno;

use crate::protocol::Contract;
use std::fmt;

pub use json::{import, validate};

/// An export format, by the name used in `gloss export --format` and `exportAs(format)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// The contract itself (pretty JSON); [`import`] reads it back.
    Json,
    /// schema.org JSON-LD: one `NewsArticle` per document, entities as `Person`, ...
    JsonLd,
    /// W3C Web Annotation Data Model: one `Annotation` per mention.
    WebAnnotation,
    /// CoNLL IOB2: one "token TAG" line per token.
    Conll,
    /// CSV of entities.
    CsvEntities,
    /// CSV of relations.
    CsvRelations,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Json,
        Format::JsonLd,
        Format::WebAnnotation,
        Format::Conll,
        Format::CsvEntities,
        Format::CsvRelations,
    ];

    /// The format's name: json, jsonld, webannotation, conll, csv-entities, csv-relations.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::JsonLd => "jsonld",
            Format::WebAnnotation => "webannotation",
            Format::Conll => "conll",
            Format::CsvEntities => "csv-entities",
            Format::CsvRelations => "csv-relations",
        }
    }

    /// A format by name (ASCII case ignored).
    pub fn parse(s: &str) -> Result<Format, ExportError> {
        let s = s.trim();
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| ExportError::UnknownFormat(s.to_string()))
    }

    /// What the format is, in words for a menu ("JSON-LD (schema.org NewsArticle)").
    pub fn title(self) -> &'static str {
        match self {
            Format::Json => "gloss JSON",
            Format::JsonLd => "JSON-LD (schema.org NewsArticle)",
            Format::WebAnnotation => "W3C Web Annotation",
            Format::Conll => "CoNLL IOB2 tokens",
            Format::CsvEntities => "CSV of entities",
            Format::CsvRelations => "CSV of relations",
        }
    }

    /// The name of a download of this format: `stem`, a part that tells apart the formats
    /// sharing an extension, then the extension ("story.annotations.json", "story.entities.csv").
    pub fn file_name(self, stem: &str) -> String {
        let part = match self {
            Format::WebAnnotation => ".annotations",
            Format::CsvEntities => ".entities",
            Format::CsvRelations => ".relations",
            Format::Json | Format::JsonLd | Format::Conll => "",
        };
        format!("{stem}{part}.{}", self.extension())
    }

    /// File name extension for a download ("gloss.jsonld", "entities.csv").
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::JsonLd => "jsonld",
            Format::WebAnnotation => "json",
            Format::Conll => "conll",
            Format::CsvEntities | Format::CsvRelations => "csv",
        }
    }

    /// Media type for a download.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::JsonLd => "application/ld+json",
            Format::WebAnnotation => {
                "application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\""
            }
            Format::Conll => "text/plain; charset=utf-8",
            Format::CsvEntities | Format::CsvRelations => "text/csv; charset=utf-8",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why an export or an import failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportError {
    /// A format name that is none of [`Format::ALL`].
    UnknownFormat(String),
    /// JSON that could not be written or parsed (serde's message).
    Json(String),
    /// A contract of another version than [`crate::protocol::VERSION`].
    Version { found: u32, expected: u32 },
    /// A contract whose content does not fit together: `at` says where ("document 2, mention
    /// 5"), `problem` what.
    Invalid { at: String, problem: String },
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::UnknownFormat(s) => {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                write!(
                    f,
                    "unknown export format `{s}` (one of: {})",
                    names.join(", ")
                )
            }
            ExportError::Json(m) => write!(f, "JSON: {m}"),
            ExportError::Version { found, expected } => {
                write!(f, "contract version {found}, expected {expected}")
            }
            ExportError::Invalid { at, problem } => write!(f, "{at}: {problem}"),
        }
    }
}

impl std::error::Error for ExportError {}

/// `contract` written in `format`.
pub fn export(contract: &Contract, format: Format) -> Result<String, ExportError> {
    match format {
        Format::Json => json::export(contract),
        Format::JsonLd => jsonld::export(contract),
        Format::WebAnnotation => webanno::export(contract),
        Format::Conll => Ok(conll::export(contract)),
        Format::CsvEntities => Ok(csv::entities(contract)),
        Format::CsvRelations => Ok(csv::relations(contract)),
    }
}

/// Maps the contract's code-point offsets of one text to byte offsets. Built once per
/// document; a lookup is one index into a table of `chars + 1` entries.
pub struct CodePoints<'a> {
    text: &'a str,
    /// Byte offset of each char, then the text's length.
    bytes: Vec<usize>,
}

impl<'a> CodePoints<'a> {
    pub fn new(text: &'a str) -> CodePoints<'a> {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CodePoints { text, bytes }
    }

    /// Number of code points in the text.
    pub fn len(&self) -> usize {
        self.bytes.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Byte offset of code point `cp` (`cp == len()` is the end), or `None` past the end.
    pub fn byte(&self, cp: usize) -> Option<usize> {
        self.bytes.get(cp).copied()
    }

    /// Code points `start..end` as a byte range, or `None` when they do not fit the text.
    pub fn bytes_of(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if start > end {
            return None;
        }
        Some((self.byte(start)?, self.byte(end)?))
    }

    /// The text of code points `start..end`, or `None` when they do not fit.
    pub fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        let (a, b) = self.bytes_of(start, end)?;
        self.text.get(a..b)
    }

    /// Up to `n` code points of text before code point `start`, and up to `n` after `end`
    /// (clamped to the text).
    pub fn context(&self, start: usize, end: usize, n: usize) -> (&'a str, &'a str) {
        let len = self.len();
        let (start, end) = (start.min(len), end.min(len));
        let before = self.slice(start.saturating_sub(n), start).unwrap_or("");
        let after = self
            .slice(end, end.saturating_add(n).min(len))
            .unwrap_or("");
        (before, after)
    }
}
