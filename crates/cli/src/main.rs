//! `gloss`: the command line over gloss-core.
//!
//! ```text
//! gloss annotate [--json] FILE...     annotate articles as one workspace (- is stdin)
//! gloss export --format FMT FILE...  JSON, JSON-LD, Web Annotation, CoNLL, CSV exports
//! gloss tag --conll FILE              append predicted IOB2 tags to a CoNLL file
//! gloss eval --conll FILE             precision/recall/F1 (conlleval-exact) and tokens/s
//! gloss train --train F --dev F --out models/ner.bin [options]
//! gloss bench [FILE | --print-text]   native throughput: tokenize, NER, full pipeline
//! gloss fuzz --seconds N              time-boxed fuzz run of the core (no panic, invariants kept)
//! ```
//! Exit status: 0 on success, 2 on bad usage or unreadable input.

mod annotate;
mod export_cmd;
mod fuzz;
mod ner_cmds;

use std::process::ExitCode;

const USAGE: &str = "usage:
  gloss annotate [--json] FILE...   annotate articles as one workspace (- is stdin)
  gloss export --format FMT FILE... json, jsonld, webannotation, conll, csv-entities, csv-relations
  gloss tag --conll FILE            append predicted IOB2 tags to a CoNLL file
  gloss eval --conll FILE           precision/recall/F1 per type and tokens/s
  gloss train --train FILE --dev FILE --out FILE [options]
  gloss bench [FILE | --print-text] native throughput figures (or print the built-in text)
  gloss fuzz [--seconds N] [--seed S] [--out DIR]   time-boxed fuzz run of the core";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = match cmd.as_str() {
        "annotate" => annotate::run(rest),
        "export" => export_cmd::run(rest),
        "tag" => ner_cmds::tag(rest),
        "eval" => ner_cmds::eval(rest),
        "train" => ner_cmds::train(rest),
        "bench" => ner_cmds::bench(rest),
        "fuzz" => fuzz::run(rest),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("gloss: {msg}");
            ExitCode::from(2)
        }
    }
}
