//! `gloss train tokens`: unlabelled text as gloss tokenizes it, for the word-class builder
//! (`tools/ner/classes.py`), so the classes are learned over exactly the tokens the recognizer
//! looks up.
//!
//! Input: text files (gzip or plain; one paragraph a line) and optionally a CoNLL file, whose
//! sentences are added as lines. Output: one line a paragraph or sentence, tokens separated by
//! a space (a token never holds whitespace).

use super::conllio::{read_text, Args};
use gloss_core::Span;
use std::io::Write;

pub fn run(args: &[String]) -> Result<(), String> {
    let a = Args::parse(args, &["raw", "conll", "out"])?;
    let path = a.need("out")?;
    let file = std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?;
    let mut out = std::io::BufWriter::new(file);
    let mut n = 0usize;
    let mut write_line = |line: &str| -> std::io::Result<()> {
        let tok = gloss_core::tokenize::tokenize(line, &[Span::new(0, line.len())]);
        for (k, t) in tok.tokens.iter().enumerate() {
            if k > 0 {
                out.write_all(b" ")?;
            }
            out.write_all(t.span.text(line).as_bytes())?;
        }
        n += tok.tokens.len();
        out.write_all(b"\n")
    };
    for p in a
        .get("raw")
        .unwrap_or("")
        .split(',')
        .filter(|p| !p.is_empty())
    {
        let text = read_text(p)?;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            write_line(line).map_err(|e| format!("{path}: {e}"))?;
        }
    }
    if let Some(p) = a.get("conll") {
        let docs = gloss_core::ner::conll::parse(&read_text(p)?, false)?;
        for s in docs.iter().flat_map(|d| &d.sentences) {
            write_line(&s.words.join(" ")).map_err(|e| format!("{path}: {e}"))?;
        }
    }
    drop(write_line);
    out.flush().map_err(|e| format!("{path}: {e}"))?;
    println!("wrote {path}: {n} tokens");
    Ok(())
}
