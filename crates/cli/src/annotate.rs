//! `gloss annotate [--json] FILE...`: annotate articles (HTML or text, detected by the core)
//! as one workspace and print the JSON contract or a plain-text summary.
//!
//! Input errors (unreadable file, invalid UTF-8, no files) are returned as `Err` with a
//! message naming the file, which `main` turns into exit status 2. The summary is plain text
//! with no terminal escape codes, so it reads the same in a terminal, a pipe or a file.

use gloss_core::protocol::{Contract, DocumentDto, LinkDto};
use gloss_core::{annotate_workspace, Article};
use std::collections::BTreeMap;
use std::io::{Read, Write};

const USAGE: &str = "usage: gloss annotate [--json] FILE...   (- reads standard input)";

/// Longest evidence or quote shown in the summary, in characters.
const SNIPPET_CHARS: usize = 160;

pub fn run(args: &[String]) -> Result<(), String> {
    let mut json = false;
    let mut files: Vec<&str> = Vec::new();
    let mut options_done = false;
    for a in args {
        match a.as_str() {
            "--json" if !options_done => json = true,
            "--" if !options_done => options_done = true,
            "-h" | "--help" if !options_done => {
                println!("{USAGE}");
                return Ok(());
            }
            opt if !options_done && opt.starts_with("--") => {
                return Err(format!("annotate: unknown option `{opt}`\n{USAGE}"))
            }
            file => files.push(file),
        }
    }
    if files.is_empty() {
        return Err(format!("annotate: no input files\n{USAGE}"));
    }
    let mut articles = Vec::with_capacity(files.len());
    let mut stdin_used = false;
    for f in files {
        let (source, bytes) = if f == "-" {
            if stdin_used {
                return Err("-: standard input can only be read once".to_string());
            }
            stdin_used = true;
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| format!("-: cannot read standard input: {e}"))?;
            ("stdin".to_string(), buf)
        } else {
            let bytes = std::fs::read(f).map_err(|e| format!("{f}: cannot read: {e}"))?;
            (f.to_string(), bytes)
        };
        articles.push(Article {
            input: decode(&source, bytes)?,
            source,
        });
    }
    let ws = annotate_workspace(&articles);
    let contract = Contract::from_workspace(&ws);
    let out = if json {
        let mut s = serde_json::to_string_pretty(&contract)
            .map_err(|e| format!("annotate: cannot encode JSON: {e}"))?;
        s.push('\n');
        s
    } else {
        summary(&contract)
    };
    write_stdout("annotate", &out)
}

/// Write a command's whole output to stdout. A reader that stops early (`| head`) is not an error.
pub fn write_stdout(command: &str, text: &str) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("{command}: cannot write output: {e}"))
        }
        _ => Ok(()),
    }
}

/// UTF-8 text of a file (a leading byte-order mark dropped), or a message with the byte
/// offset of the first invalid sequence.
pub fn decode(source: &str, bytes: Vec<u8>) -> Result<String, String> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s)),
        Err(e) => Err(format!(
            "{source}: not valid UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        )),
    }
}

/// Characters `start..end` (code points) of `text`.
fn slice_chars(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// One line, at most `SNIPPET_CHARS` characters.
fn snippet(s: &str) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= SNIPPET_CHARS {
        flat
    } else {
        let cut: String = flat.chars().take(SNIPPET_CHARS - 1).collect();
        format!("{cut}…")
    }
}

const LABEL_ORDER: [&str; 5] = ["PER", "ORG", "LOC", "MISC", "DATE"];

fn label_heading(label: &str) -> &str {
    match label {
        "PER" => "People",
        "ORG" => "Organisations",
        "LOC" => "Places",
        "MISC" => "Other names",
        "DATE" => "Dates",
        other => other,
    }
}

/// A readable plain-text summary of the workspace, document by document.
pub fn summary(c: &Contract) -> String {
    let name_of: BTreeMap<&str, &str> = c
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    let name = |id: &str| name_of.get(id).copied().unwrap_or(id).to_string();
    let mut out = String::new();
    for (d, doc) in c.documents.iter().enumerate() {
        if d > 0 {
            out.push('\n');
        }
        document_summary(&mut out, d, doc, c, &name);
    }
    if c.documents.len() > 1 {
        let shared: Vec<String> = c
            .entities
            .iter()
            .filter(|e| {
                c.documents
                    .iter()
                    .filter(|doc| doc.mentions.iter().any(|m| m.entity == e.id))
                    .count()
                    > 1
            })
            .map(|e| e.name.clone())
            .collect();
        out.push_str(&format!(
            "\nAcross {} documents: {} entities",
            c.documents.len(),
            c.entities.len()
        ));
        if shared.is_empty() {
            out.push_str(", none named in more than one\n");
        } else {
            out.push_str(&format!(
                ", named in more than one: {}\n",
                shared.join(", ")
            ));
        }
    }
    if !c.diagnostics.is_empty() {
        out.push_str("\nNotes\n");
        for note in &c.diagnostics {
            out.push_str(&format!("  - {note}\n"));
        }
    }
    out
}

fn document_summary(
    out: &mut String,
    d: usize,
    doc: &DocumentDto,
    c: &Contract,
    name: &dyn Fn(&str) -> String,
) {
    let title = doc.title.as_deref().unwrap_or("(no headline found)");
    out.push_str(&format!("== {} — {}\n", doc.source, title));
    let paragraphs = doc
        .text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .count();
    out.push_str(&format!(
        "   {} characters, {} paragraphs",
        doc.text.chars().count(),
        paragraphs
    ));
    if !doc.furniture.is_empty() {
        let n = doc.furniture.len();
        out.push_str(&format!(
            ", {n} page-furniture block{} set aside",
            if n == 1 { "" } else { "s" }
        ));
    }
    out.push('\n');

    // Entities named in this document, by type, with mention counts.
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &doc.mentions {
        *counts.entry(m.entity.as_str()).or_default() += 1;
    }
    out.push_str(&format!("\nEntities ({})\n", counts.len()));
    for label in LABEL_ORDER {
        let mut rows: Vec<(usize, &str, String)> = c
            .entities
            .iter()
            .filter(|e| e.label == label)
            .filter_map(|e| {
                counts
                    .get(e.id.as_str())
                    .map(|&n| (n, e.id.as_str(), e.name.clone()))
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
        out.push_str(&format!("  {}\n", label_heading(label)));
        for (n, id, entity_name) in rows {
            let aliases: Vec<&str> = c
                .entities
                .iter()
                .find(|e| e.id == id)
                .map(|e| {
                    e.aliases
                        .iter()
                        .map(String::as_str)
                        .filter(|a| *a != entity_name)
                        .collect()
                })
                .unwrap_or_default();
            let times = if n == 1 {
                "1 mention".to_string()
            } else {
                format!("{n} mentions")
            };
            out.push_str(&format!("    {entity_name} ({times})"));
            if !aliases.is_empty() {
                out.push_str(&format!(", also: {}", aliases.join("; ")));
            }
            out.push('\n');
        }
    }

    let relations: Vec<_> = c.relations.iter().filter(|r| r.document == d).collect();
    if !relations.is_empty() {
        out.push_str(&format!("\nRelations ({})\n", relations.len()));
        for r in relations {
            let evidence = snippet(&slice_chars(&doc.text, r.evidence.start, r.evidence.end));
            out.push_str(&format!(
                "  {} — {} — {}\n",
                name(&r.source),
                r.kind,
                name(&r.target)
            ));
            if let Some(detail) = &r.detail {
                out.push_str(&format!("    ({detail})\n"));
            }
            out.push_str(&format!("    \"{evidence}\"\n"));
        }
    }

    if !doc.quotes.is_empty() {
        out.push_str(&format!("\nQuotes ({})\n", doc.quotes.len()));
        for q in &doc.quotes {
            let who = q
                .speaker
                .as_deref()
                .map(name)
                .unwrap_or_else(|| "speaker unknown".to_string());
            let said = snippet(&slice_chars(&doc.text, q.start, q.end));
            out.push_str(&format!("  {who}: {said}\n"));
        }
    }

    if !doc.links.is_empty() {
        out.push_str(&format!("\nLinks ({})\n", doc.links.len()));
        for l in &doc.links {
            link_summary(out, l, c, name);
        }
    }
}

fn link_summary(out: &mut String, l: &LinkDto, c: &Contract, name: &dyn Fn(&str) -> String) {
    out.push_str(&format!("  \"{}\" → {}\n", snippet(&l.anchor), l.href));
    if !l.safe {
        out.push_str("    not followed: only http, https and mailto links are safe\n");
    }
    let Some(p) = &l.preview else { return };
    let mut facts = vec![p.site.clone()];
    if let Some(trail) = p.trail.as_ref().or(p.section.as_ref()) {
        facts.push(trail.clone());
    }
    if let Some(date) = &p.date {
        match &p.relative {
            Some(rel) => facts.push(format!("{date} ({rel})")),
            None => facts.push(date.clone()),
        }
    }
    out.push_str(&format!("    {}\n", facts.join(" · ")));
    if let Some(title) = &p.title {
        let from = if p.title_derived {
            " (from the link)"
        } else {
            ""
        };
        out.push_str(&format!("    {title}{from}\n"));
    }
    if let Some(doc) = p.document.and_then(|t| c.documents.get(t)) {
        out.push_str(&format!("    in this workspace: {}\n", doc.source));
    }
    if let Some(lead) = &p.lead {
        out.push_str(&format!("    \"{}\"\n", snippet(lead)));
    }
    if !p.entities.is_empty() {
        let names: Vec<String> = p.entities.iter().map(|e| name(e)).collect();
        out.push_str(&format!("    names: {}\n", names.join(", ")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_reports_the_first_bad_byte() {
        let cases: &[(&[u8], Result<&str, &str>)] = &[
            (b"plain", Ok("plain")),
            (b"\xEF\xBB\xBFwith bom", Ok("with bom")),
            (b"ab\xFFcd", Err("f.txt: not valid UTF-8 at byte 2")),
            ("é".as_bytes(), Ok("é")),
            (b"\xC3", Err("f.txt: not valid UTF-8 at byte 0")),
        ];
        for (bytes, want) in cases {
            let got = decode("f.txt", bytes.to_vec());
            assert_eq!(got.as_deref().map_err(String::as_str), *want);
        }
    }

    #[test]
    fn snippets_are_one_bounded_line() {
        assert_eq!(snippet("a\n\nb   c"), "a b c");
        let long = "word ".repeat(100);
        let s = snippet(&long);
        assert_eq!(s.chars().count(), SNIPPET_CHARS);
        assert!(s.ends_with('…'));
        assert_eq!(slice_chars("aé😀b", 1, 3), "é😀");
        assert_eq!(slice_chars("ab", 5, 9), "");
    }
}
