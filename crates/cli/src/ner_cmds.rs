//! `gloss tag | eval | train | bench`: the recognizer on CoNLL files, training, throughput.
//! Tagging and evaluation use exactly what the app uses (`gloss_core::ner::tag_document` with
//! the embedded model) unless `--model FILE` names another model file.

mod conllio;
mod names;
mod tokens;

use conllio::{read_text, Args};
use gloss_core::ner::conll::{self, Document};
use gloss_core::ner::model::{Lexicons, Model};
use gloss_core::ner::score::{Counts, Scorer};
use gloss_core::ner::tags::{Tag, TYPES};
use gloss_core::ner::train::{self, doc_words, TrainConfig};
use gloss_core::ner::{self as ner};
use gloss_core::Span;
use std::time::Instant;

fn read_model(path: &str) -> Result<Model, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    Model::from_bytes(&bytes).map_err(|e| format!("{path}: {e}"))
}

/// The embedded model, or the one `--model FILE` names.
fn load_model(a: &Args) -> Result<Model, String> {
    match a.get("model") {
        Some(path) => read_model(path),
        None => ner::model()
            .cloned()
            .map_err(|e| format!("embedded model: {e}")),
    }
}

fn tag_docs(m: &Model, docs: &[Document]) -> Vec<Vec<Vec<Tag>>> {
    docs.iter()
        .map(|d| {
            ner::tag_document(m, &doc_words(d))
                .into_iter()
                .map(|s| s.into_iter().map(|x| x.0).collect())
                .collect()
        })
        .collect()
}

pub fn tag(args: &[String]) -> Result<(), String> {
    let a = Args::parse(args, &["conll", "model"])?;
    let path = a.need("conll")?;
    let text = read_text(path)?;
    let docs = conll::parse(&text, false).map_err(|e| format!("{path}: {e}"))?;
    let m = load_model(&a)?;
    let tagged = tag_docs(&m, &docs);
    let mut by_line: Vec<Option<Tag>> = vec![None; text.lines().count()];
    for (d, td) in docs.iter().zip(&tagged) {
        for (s, ts) in d.sentences.iter().zip(td) {
            for (&ln, &t) in s.lines.iter().zip(ts) {
                if let Some(slot) = by_line.get_mut(ln) {
                    *slot = Some(t);
                }
            }
        }
    }
    let mut out = String::with_capacity(text.len() + by_line.len() * 6);
    for (line, t) in text.lines().zip(&by_line) {
        out.push_str(line);
        if !line.trim().is_empty() {
            out.push(' ');
            out.push_str(t.unwrap_or(Tag::O).as_str());
        }
        out.push('\n');
    }
    use std::io::Write;
    std::io::stdout()
        .write_all(out.as_bytes())
        .map_err(|e| format!("stdout: {e}"))
}

pub fn eval(args: &[String]) -> Result<(), String> {
    let a = Args::parse(args, &["conll", "model"])?;
    let path = a.need("conll")?;
    let docs = conll::parse(&read_text(path)?, true).map_err(|e| format!("{path}: {e}"))?;
    let m = load_model(&a)?;
    let t0 = Instant::now();
    let tagged = tag_docs(&m, &docs);
    let secs = t0.elapsed().as_secs_f64();
    let mut sc = Scorer::default();
    for (d, td) in docs.iter().zip(&tagged) {
        for (s, ts) in d.sentences.iter().zip(td) {
            sc.add(&s.tags, ts);
        }
    }
    print_scores(&sc);
    println!(
        "tokens {}  seconds {:.3}  tokens/s {:.0}",
        sc.tokens,
        secs,
        sc.tokens as f64 / secs.max(1e-9)
    );
    Ok(())
}

fn counts_line(name: &str, k: &Counts) -> String {
    format!(
        "{name:<8} precision {:.4}  recall {:.4}  F1 {:.4}  (gold {}, predicted {}, correct {})",
        k.precision(),
        k.recall(),
        k.f1(),
        k.gold,
        k.predicted,
        k.correct
    )
}

pub fn print_scores(sc: &Scorer) {
    for (ty, k) in TYPES.iter().zip(&sc.per_type) {
        println!("{}", counts_line(ty.as_str(), k));
    }
    println!("{}", counts_line("overall", &sc.overall()));
}

pub fn train(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("tokens") => return tokens::run(args.get(1..).unwrap_or(&[])),
        Some("names") => return names::run(args.get(1..).unwrap_or(&[])),
        _ => {}
    }
    let a = Args::parse(
        args,
        &[
            "train",
            "dev",
            "out",
            "epochs",
            "seed",
            "bits",
            "classes",
            "gazetteer",
            "prune",
            "fold",
            "jackknife",
            "stage1",
            "stage1-folds",
            "runs",
            "word-dropout",
        ],
    )?;
    let train_path = a.need("train")?;
    let out = a.need("out")?;
    let mut cfg = TrainConfig::default();
    if let Some(v) = a.get("epochs") {
        cfg.epochs = v
            .parse()
            .map_err(|_| format!("--epochs: bad number `{v}`"))?;
    }
    if let Some(v) = a.get("seed") {
        cfg.seed = v.parse().map_err(|_| format!("--seed: bad number `{v}`"))?;
    }
    if let Some(v) = a.get("bits") {
        cfg.hash_bits = v
            .parse()
            .ok()
            .filter(|b| (12..=24).contains(b))
            .ok_or(format!("--bits: want 12..24, got `{v}`"))?;
    }
    if let Some(v) = a.get("word-dropout") {
        cfg.word_dropout = v
            .parse()
            .ok()
            .filter(|p| (0.0..1.0).contains(p))
            .ok_or(format!(
                "--word-dropout: want a probability below 1, got `{v}`"
            ))?;
    }
    if let Some(v) = a.get("runs") {
        cfg.runs = v
            .parse()
            .ok()
            .filter(|&n| n >= 1)
            .ok_or(format!("--runs: want a positive number, got `{v}`"))?;
    }
    if let Some(v) = a.get("prune") {
        cfg.prune_quantile = v
            .parse()
            .map_err(|_| format!("--prune: bad quantile `{v}`"))?;
    }
    // `--train A,B` trains on several files (the shipped model: train + dev).
    let mut train_docs = Vec::new();
    for path in train_path.split(',').filter(|p| !p.is_empty()) {
        train_docs
            .extend(conll::parse(&read_text(path)?, true).map_err(|e| format!("{path}: {e}"))?);
    }
    let dev_docs = match a.get("dev") {
        Some(p) => conll::parse(&read_text(p)?, true).map_err(|e| format!("{p}: {e}"))?,
        None => Vec::new(),
    };
    // `--fold even|odd`: train on half the documents (for jackknifed name lists).
    match a.get("fold") {
        None => {}
        Some(f @ ("even" | "odd")) => {
            let keep = usize::from(f == "odd");
            train_docs = train_docs
                .into_iter()
                .enumerate()
                .filter(|(i, _)| i % 2 == keep)
                .map(|(_, d)| d)
                .collect();
        }
        Some(f) => return Err(format!("--fold: want even or odd, got `{f}`")),
    }
    let lex = load_lexicons(a.get("classes"), a.get("gazetteer"))?;
    // `--jackknife EVEN.tsv,ODD.tsv`: name lists mined by the models trained on the even and
    // the odd documents; each training document sees the list its own labels did not shape.
    let folds = match a.get("jackknife") {
        None => None,
        Some(v) => {
            let (even, odd) = v
                .split_once(',')
                .ok_or("--jackknife: want EVEN.tsv,ODD.tsv")?;
            let base = a.get("gazetteer").map(|g| g.split(',').next().unwrap_or(g));
            let with = |names: &str| -> Result<Lexicons, String> {
                let gaz = match base {
                    Some(b) => format!("{b},{names}"),
                    None => names.to_string(),
                };
                load_lexicons(None, Some(&gaz))
            };
            // Odd documents use the list of the model trained on even ones, and back.
            Some([with(odd)?, with(even)?])
        }
    };
    // `--stage1 FIRST.bin --stage1-folds EVEN.bin,ODD.bin`: train a second stage on top of
    // FIRST.bin (trained with the same lexicons). Each training document's first-stage tags
    // come from the fold model that did not see it (EVEN.bin was trained on the even-numbered
    // documents, so it tags the odd ones).
    let first = a.get("stage1").map(read_model).transpose()?;
    let stage1_tags: Option<Vec<Vec<Vec<Tag>>>> = match (&first, a.get("stage1-folds")) {
        (None, None) => None,
        (Some(_), Some(v)) => {
            let (even, odd) = v
                .split_once(',')
                .ok_or("--stage1-folds: want EVEN.bin,ODD.bin")?;
            let (even, odd) = (read_model(even)?, read_model(odd)?);
            Some(
                train_docs
                    .iter()
                    .enumerate()
                    .map(|(i, d)| {
                        let m = if i % 2 == 0 { &odd } else { &even };
                        m.tag_doc_stage1(&doc_words(d))
                    })
                    .collect(),
            )
        }
        _ => return Err("--stage1 and --stage1-folds go together".into()),
    };
    let two_stage = first
        .as_ref()
        .zip(stage1_tags.as_ref())
        .map(|(first, tags)| train::TwoStage {
            first,
            train_tags: tags,
        });
    println!(
        "training on {} documents ({} tokens); {} word classes, {} gazetteer phrases; {:?}",
        train_docs.len(),
        train_docs.iter().map(Document::n_tokens).sum::<usize>(),
        lex.words.len(),
        lex.phrases.len(),
        cfg
    );
    let t0 = Instant::now();
    let bytes = train::train(
        &cfg,
        &train_docs,
        &dev_docs,
        &lex,
        folds.as_ref(),
        two_stage.as_ref(),
        |r| match r.dev_f1 {
            Some(f) => println!(
                "epoch {:>2}  dev F1 {:.4}  ({:.0} s)",
                r.epoch,
                f,
                t0.elapsed().as_secs_f64()
            ),
            None => println!(
                "epoch {:>2}  ({:.0} s)",
                r.epoch,
                t0.elapsed().as_secs_f64()
            ),
        },
    )
    .map_err(|e| e.to_string())?;
    let m = Model::from_bytes(&bytes).map_err(|e| e.to_string())?;
    if !dev_docs.is_empty() {
        let mut sc = Scorer::default();
        for (d, td) in dev_docs.iter().zip(tag_docs(&m, &dev_docs)) {
            for (s, ts) in d.sentences.iter().zip(&td) {
                sc.add(&s.tags, ts);
            }
        }
        println!("dev, quantised model with document consistency:");
        print_scores(&sc);
    }
    std::fs::write(out, &bytes).map_err(|e| format!("{out}: {e}"))?;
    println!(
        "wrote {out}: {} bytes, {} gzip; trained in {:.0} s",
        bytes.len(),
        gzip_size(&bytes).map_or("?".into(), |n| n.to_string()),
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Size of `bytes` after `gzip -9` (the measure the size targets use).
pub fn gzip_size(bytes: &[u8]) -> Option<usize> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("gzip")
        .arg("-9c")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let data = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&data));
    let out = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    Some(out.stdout.len())
}

/// Word classes (`word<TAB>class<TAB>count`) and gazetteer (`list<TAB>phrase`) files.
fn load_lexicons(classes: Option<&str>, gazetteer: Option<&str>) -> Result<Lexicons, String> {
    let mut lex = Lexicons::default();
    if let Some(p) = classes {
        for (n, line) in read_text(p)?.lines().enumerate() {
            let mut cols = line.split('\t');
            let (Some(w), Some(c), Some(f)) = (cols.next(), cols.next(), cols.next()) else {
                return Err(format!("{p}:{}: want word, class, count", n + 1));
            };
            let c: u16 = c.parse().map_err(|_| format!("{p}:{}: bad class", n + 1))?;
            let f: u64 = f.parse().map_err(|_| format!("{p}:{}: bad count", n + 1))?;
            lex.words
                .push((w.to_string(), c, gloss_core::ner::lexicon::freq_bucket(f)));
        }
    }
    if let Some(paths) = gazetteer {
        // Several files may be given, comma-separated; list names are shared across them.
        let mut text = String::new();
        for p in paths.split(',').filter(|p| !p.is_empty()) {
            text.push_str(&read_text(p)?);
            text.push('\n');
        }
        let mut names: Vec<&str> = text
            .lines()
            .filter_map(|l| l.split_once('\t').map(|x| x.0))
            .collect();
        names.sort();
        names.dedup();
        if names.len() > 16 {
            return Err(format!("{paths}: at most 16 lists, found {}", names.len()));
        }
        for line in text.lines() {
            let Some((list, phrase)) = line.split_once('\t') else {
                continue;
            };
            let id = names.binary_search(&list).unwrap_or(0) as u8;
            let tok = gloss_core::tokenize::tokenize(phrase, &[Span::new(0, phrase.len())]);
            let toks: Vec<&str> = tok.tokens.iter().map(|t| t.span.text(phrase)).collect();
            if !toks.is_empty() && toks.len() <= gloss_core::ner::lexicon::MAX_PHRASE {
                lex.phrases.push((toks.join(" "), id));
            }
        }
    }
    Ok(lex)
}

/// CPU time of this thread in seconds (Linux `schedstat`), so figures are per core even on a
/// busy machine; wall-clock time where it is not available.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Run `f` repeatedly for at least `min_s` seconds; returns seconds per run (CPU time if
/// available, else wall clock) and which clock it used.
fn time_it(min_s: f64, mut f: impl FnMut()) -> (f64, &'static str) {
    let (c0, t0) = (cpu_seconds(), Instant::now());
    let mut runs = 0u32;
    loop {
        f();
        runs += 1;
        if t0.elapsed().as_secs_f64() >= min_s {
            break;
        }
    }
    match (c0, cpu_seconds()) {
        (Some(a), Some(b)) => ((b - a) / runs as f64, "cpu"),
        _ => (t0.elapsed().as_secs_f64() / runs as f64, "wall"),
    }
}

pub fn bench(args: &[String]) -> Result<(), String> {
    if args.first().map(String::as_str) == Some("--print-text") {
        print!("{}", conllio::builtin_bench_text());
        return Ok(());
    }
    let text = match args.first() {
        Some(p) => read_text(p)?,
        None => conllio::builtin_bench_text(),
    };
    let paras: Vec<Span> = {
        let mut v = Vec::new();
        let mut pos = 0;
        for line in text.split_inclusive('\n') {
            let body = line.trim_end_matches(['\n', '\r']);
            if !body.trim().is_empty() {
                v.push(Span::new(pos, pos + body.len()));
            }
            pos += line.len();
        }
        v
    };
    ner::model().map_err(|e| format!("embedded model: {e}"))?;
    let tok = gloss_core::tokenize::tokenize(&text, &paras);
    let n = tok.tokens.len() as f64;
    let found = ner::recognize(&text, &tok).len();
    let (t_tok, clock) = time_it(1.0, || {
        std::hint::black_box(gloss_core::tokenize::tokenize(&text, &paras));
    });
    let (t_ner, _) = time_it(2.0, || {
        std::hint::black_box(ner::recognize(&text, &tok));
    });
    let (t_all, _) = time_it(2.0, || {
        std::hint::black_box(gloss_core::annotate("bench", &text));
    });
    println!(
        "text: {} bytes, {} tokens, {} sentences, {} NER mentions; one thread, {} time",
        text.len(),
        n,
        tok.sentences.len(),
        found,
        clock
    );
    println!("tokenize  tokens/s {:.0}", n / t_tok.max(1e-12));
    println!("ner       tokens/s {:.0}", n / t_ner.max(1e-12));
    println!("pipeline  tokens/s {:.0}", n / t_all.max(1e-12));
    let (t_json, _) = time_it(2.0, || {
        let ws = gloss_core::annotate("bench", &text);
        std::hint::black_box(
            serde_json::to_string(&gloss_core::protocol::Contract::from_workspace(&ws)).ok(),
        );
    });
    println!(
        "pipeline+json tokens/s {:.0}  (as `annotate --json` and the browser: contract serialised)",
        n / t_json.max(1e-12)
    );
    // Scaling: k copies as one workspace of k articles (entities shared across them); one run
    // each, time per copy relative to one copy.
    // The same with the contract serialised, as the browser's `annotateJson` does.
    let mut ratios = Vec::new();
    let mut json_ratios = Vec::new();
    for k in [4usize, 16] {
        let articles: Vec<gloss_core::Article> = (1..=k)
            .map(|i| gloss_core::Article {
                source: format!("bench {i}"),
                input: text.clone(),
            })
            .collect();
        let (t_k, _) = time_it(0.0, || {
            std::hint::black_box(gloss_core::annotate_workspace(&articles));
        });
        ratios.push(format!("{k}x {:.2}", t_k / t_all.max(1e-12) / k as f64));
        let (t_kj, _) = time_it(0.0, || {
            let ws = gloss_core::annotate_workspace(&articles);
            std::hint::black_box(
                serde_json::to_string(&gloss_core::protocol::Contract::from_workspace(&ws)).ok(),
            );
        });
        json_ratios.push(format!("{k}x {:.2}", t_kj / t_json.max(1e-12) / k as f64));
    }
    println!(
        "scaling   time per copy relative to 1x: {}",
        ratios.join(", ")
    );
    println!(
        "scaling+json time per copy relative to 1x: {}",
        json_ratios.join(", ")
    );
    Ok(())
}
