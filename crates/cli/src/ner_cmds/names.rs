//! `gloss train names`: name lists mined from unlabelled text by a trained model.
//!
//! The model tags every article (one paragraph a line, articles separated by blank lines);
//! each name it finds is counted with its type. Names seen at least `--min-count` times whose
//! majority type holds at least 75% of their mentions are written as `auto-TYPE<TAB>name`, a
//! gazetteer file `gloss train --gazetteer` reads. For training, mine with models trained on
//! half the documents each (`--fold even|odd`) and pass both lists to `--jackknife`, so no
//! document sees a list its own labels shaped.

use super::conllio::{read_text, Args};
use gloss_core::ner::model::Model;
use gloss_core::ner::tags::{chunks, Tag, N_TYPES, TYPES};
use gloss_core::Span;
use std::collections::HashMap;

pub fn run(args: &[String]) -> Result<(), String> {
    let a = Args::parse(args, &["model", "raw", "out", "min-count", "max-bytes"])?;
    let path = a.need("model")?;
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let model = Model::from_bytes(&bytes).map_err(|e| format!("{path}: {e}"))?;
    let out = a.need("out")?;
    let min_count: u32 = a
        .get("min-count")
        .map_or(Ok(3), str::parse)
        .map_err(|_| "--min-count: bad number")?;
    let max_bytes: usize = a
        .get("max-bytes")
        .map_or(Ok(usize::MAX), str::parse)
        .map_err(|_| "--max-bytes: bad number")?;
    let mut texts = Vec::new();
    for p in a.need("raw")?.split(',').filter(|p| !p.is_empty()) {
        let mut t = read_text(p)?;
        if t.len() > max_bytes {
            let mut cut = max_bytes;
            while !t.is_char_boundary(cut) {
                cut -= 1;
            }
            t.truncate(cut);
        }
        texts.push(t);
    }
    let articles: Vec<&str> = texts.iter().flat_map(|t| t.split("\n\n")).collect();
    // Two workers over halves of the articles; counts are sums, so the result is deterministic.
    let half = articles.len() / 2;
    let (left, right) = articles.split_at(half);
    let counts = std::thread::scope(|s| {
        let h = s.spawn(|| mine(&model, left));
        let mut c = mine(&model, right);
        if let Ok(other) = h.join() {
            for (k, v) in other {
                let e = c.entry(k).or_insert([0; N_TYPES]);
                for t in 0..N_TYPES {
                    e[t] += v[t];
                }
            }
        }
        c
    });
    let mut rows: Vec<(String, &str)> = Vec::new();
    for (name, v) in &counts {
        let total: u32 = v.iter().sum();
        let (best, n) = v
            .iter()
            .enumerate()
            .max_by_key(|(k, &n)| (n, std::cmp::Reverse(*k)))
            .map(|(k, &n)| (k, n))
            .unwrap_or((0, 0));
        if total >= min_count && n * 4 >= total * 3 {
            rows.push((format!("auto-{}", TYPES[best].as_str()), name.as_str()));
        }
    }
    rows.sort();
    let mut text = String::new();
    for (list, name) in &rows {
        text.push_str(&format!("{list}\t{name}\n"));
    }
    std::fs::write(out, text).map_err(|e| format!("{out}: {e}"))?;
    println!(
        "wrote {out}: {} names from {} articles",
        rows.len(),
        articles.len()
    );
    Ok(())
}

fn mine(model: &Model, articles: &[&str]) -> HashMap<String, [u32; N_TYPES]> {
    let mut counts: HashMap<String, [u32; N_TYPES]> = HashMap::new();
    for art in articles {
        let mut paras = Vec::new();
        let mut pos = 0;
        for line in art.split_inclusive('\n') {
            let body = line.trim_end_matches('\n');
            if !body.trim().is_empty() {
                paras.push(Span::new(pos, pos + body.len()));
            }
            pos += line.len();
        }
        let tok = gloss_core::tokenize::tokenize(art, &paras);
        let doc: Vec<Vec<&str>> = tok
            .sentences
            .iter()
            .map(|s| {
                tok.sentence_tokens(s)
                    .iter()
                    .map(|t| t.span.text(art))
                    .collect()
            })
            .collect();
        // Names feed training: every token is scored (the app's shortcut must not change a model).
        let tagged = gloss_core::ner::tag_document_scoring_all(model, &doc);
        for (words, ts) in doc.iter().zip(&tagged) {
            let tags: Vec<Tag> = ts.iter().map(|x| x.0).collect();
            for c in chunks(&tags) {
                let Some(ws) = words.get(c.start..c.end) else {
                    continue;
                };
                if !ws
                    .first()
                    .is_some_and(|w| w.starts_with(char::is_uppercase))
                {
                    continue;
                }
                let e = counts.entry(ws.join(" ")).or_insert([0; N_TYPES]);
                if let Some(x) = e.get_mut(c.ty) {
                    *x += 1;
                }
            }
        }
    }
    counts
}
