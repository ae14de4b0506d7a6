//! `gloss export --format FMT [-o OUT] FILE...`: the workspace in a standard format (gloss
//! JSON, schema.org JSON-LD, W3C Web Annotation, CoNLL IOB2, CSV of entities or relations).
//!
//! Input: articles (HTML or text; `-` is stdin), annotated together as one workspace, or
//! exactly one gloss JSON file (`.json`), validated by `gloss_core::export::import` and
//! exported as it stands, so corrections saved by the app survive. Errors are returned as
//! messages naming the file; `main` turns them into exit status 2.

use crate::annotate::decode;
use gloss_core::export::{export, import, Format};
use gloss_core::protocol::Contract;
use gloss_core::{annotate_workspace, Article};
use std::io::Read;

const USAGE: &str = "usage: gloss export --format FMT [-o OUT] FILE...
  FMT: json, jsonld, webannotation, conll, csv-entities, csv-relations
  FILE: articles (HTML or text, - is stdin) annotated as one workspace,
        or one gloss JSON file (.json) exported as it stands";

pub fn run(args: &[String]) -> Result<(), String> {
    let mut format = None;
    let mut out_path = None;
    let mut files: Vec<&str> = Vec::new();
    let mut options_done = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let a = a.as_str();
        if options_done {
            files.push(a);
            continue;
        }
        match a {
            "--" => options_done = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            "--format" | "-f" => {
                format = Some(
                    it.next()
                        .ok_or(format!("export: {a} needs a value\n{USAGE}"))?
                        .as_str(),
                )
            }
            "--output" | "-o" => {
                out_path = Some(
                    it.next()
                        .ok_or(format!("export: {a} needs a value\n{USAGE}"))?
                        .as_str(),
                )
            }
            _ if a.starts_with("--format=") => format = a.strip_prefix("--format="),
            _ if a.starts_with("--output=") => out_path = a.strip_prefix("--output="),
            _ if a.starts_with("--") => {
                return Err(format!("export: unknown option `{a}`\n{USAGE}"))
            }
            file => files.push(file),
        }
    }
    let format = Format::parse(format.ok_or(format!("export: --format is required\n{USAGE}"))?)
        .map_err(|e| format!("export: {e}"))?;
    let contract = read_contract(&files)?;
    let text = export(&contract, format).map_err(|e| format!("export: {e}"))?;
    match out_path {
        Some(p) if p != "-" => {
            std::fs::write(p, text).map_err(|e| format!("{p}: cannot write: {e}"))
        }
        _ => crate::annotate::write_stdout("export", &text),
    }
}

/// The contract of the input files: one gloss JSON file as it stands, or articles annotated.
fn read_contract(files: &[&str]) -> Result<Contract, String> {
    if files.is_empty() {
        return Err(format!("export: no input files\n{USAGE}"));
    }
    let is_json = |f: &&str| f.to_ascii_lowercase().ends_with(".json");
    if files.iter().any(is_json) {
        let [file] = files else {
            return Err(
                "export: a gloss JSON file is exported on its own, not with other files"
                    .to_string(),
            );
        };
        let text = read(file)?.1;
        return import(&text).map_err(|e| format!("{file}: not a gloss JSON contract: {e}"));
    }
    let mut articles = Vec::with_capacity(files.len());
    for f in files {
        if *f == "-" && articles.iter().any(|a: &Article| a.source == "stdin") {
            return Err("-: standard input can only be read once".to_string());
        }
        let (source, input) = read(f)?;
        articles.push(Article { source, input });
    }
    Ok(Contract::from_workspace(&annotate_workspace(&articles)))
}

/// A file's source name and UTF-8 text (`-` is standard input).
fn read(f: &str) -> Result<(String, String), String> {
    let (source, bytes) = if f == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("-: cannot read standard input: {e}"))?;
        ("stdin".to_string(), buf)
    } else {
        (
            f.to_string(),
            std::fs::read(f).map_err(|e| format!("{f}: cannot read: {e}"))?,
        )
    };
    let text = decode(&source, bytes)?;
    Ok((source, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_usage_is_an_error_that_says_why() {
        let table: &[(&[&str], &str)] = &[
            (&["a.txt"], "--format is required"),
            (&["--format", "xml", "a.txt"], "unknown export format `xml`"),
            (&["--format"], "needs a value"),
            (&["--format", "conll"], "no input files"),
            (
                &["--format=conll", "--bogus", "a.txt"],
                "unknown option `--bogus`",
            ),
            (&["-f", "json", "x.json", "a.txt"], "on its own"),
            (&["-f", "json", "/nonexistent/gloss.txt"], "cannot read"),
        ];
        for (args, says) in table {
            let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
            let err = run(&args).expect_err(says);
            assert!(err.contains(says), "{args:?}: {err}");
        }
    }

    #[test]
    fn a_gloss_json_file_is_exported_as_it_stands() {
        let dir = std::env::temp_dir().join(format!("gloss-export-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let article = dir.join("wire.txt");
        std::fs::write(&article, "BERLIN (Reuters) - Chancellor Olaf Weber met Airbus chief Anna Roth in Berlin on Friday.").unwrap();
        let contract = read_contract(&[article.to_str().unwrap()]).unwrap();
        assert!(!contract.documents[0].mentions.is_empty());
        let json = dir.join("saved.JSON");
        std::fs::write(&json, export(&contract, Format::Json).unwrap()).unwrap();
        assert_eq!(read_contract(&[json.to_str().unwrap()]).unwrap(), contract);
        std::fs::write(&json, "{\"version\": 7}").unwrap();
        let err = read_contract(&[json.to_str().unwrap()]).unwrap_err();
        assert!(
            err.contains("not a gloss JSON contract") && err.contains("version 7"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
