//! Gold tests over `tests/articles/`: each article (HTML or text) has a hand-made
//! `NAME.gold.json` listing entity clusters (surface forms that must be one entity, with a
//! label), must-not-merge pairs, relations (source, type, target, by surface form) and quote
//! speakers (a snippet of the quote and the speaker's form, or null).
//!
//! Two runs per article:
//! - **oracle**: mentions are the gold forms found in the text (token-aligned, longest first)
//!   plus the DATE rules, so the figures measure resolve and relate alone;
//! - **pipeline**: the whole `annotate_workspace`, recognizer included (end to end).
//!
//! Figures (run with `--nocapture` to see them per article):
//! - clusters: pairwise over gold forms found as mentions; a form's entity is the majority
//!   entity of its mentions. P = merged pairs that gold joins / merged pairs; R = gold pairs
//!   merged / gold pairs. `split` counts must-not-merge pairs that were merged (must be 0).
//! - relations: a system relation matches a gold one of the same type whose source and target
//!   forms belong to its entities (either direction for contact and ally).
//! - quotes: a gold quote is right when a system quote containing its snippet has the gold
//!   speaker (`null` must stay `None`).

use gloss_core::dates::find_dates;
use gloss_core::ingest::ingest;
use gloss_core::ner::Mention;
use gloss_core::relate::{quotes, relations, DocView, Quote, Relation, RelationKind};
use gloss_core::resolve::{resolve, DocMentions};
use gloss_core::tokenize::{tokenize, Tokenized};
use gloss_core::{annotate_workspace, Article, Label, Span};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

struct Gold {
    /// (label, forms)
    entities: Vec<(Label, Vec<String>)>,
    distinct: Vec<(String, String)>,
    relations: Vec<(String, RelationKind, String)>,
    quotes: Vec<(String, Option<String>)>,
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn load_gold(path: &Path) -> Gold {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let v: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let arr = |k: &str| {
        v.get(k)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let entities = arr("entities")
        .iter()
        .map(|e| {
            let label = Label::parse(&s(&e["label"]))
                .unwrap_or_else(|| panic!("bad label in {}", path.display()));
            let forms = e["forms"]
                .as_array()
                .map(|f| f.iter().map(s).collect())
                .unwrap_or_default();
            (label, forms)
        })
        .collect();
    let distinct = arr("distinct")
        .iter()
        .map(|p| (s(&p[0]), s(&p[1])))
        .collect();
    let relations = arr("relations")
        .iter()
        .map(|r| {
            let kind = RelationKind::parse(&s(&r[1]))
                .unwrap_or_else(|| panic!("bad relation type {:?}", r[1]));
            (s(&r[0]), kind, s(&r[2]))
        })
        .collect();
    let quotes = arr("quotes")
        .iter()
        .map(|q| (s(&q[0]), q[1].as_str().map(str::to_string)))
        .collect();
    Gold {
        entities,
        distinct,
        relations,
        quotes,
    }
}

/// The articles and their gold files, sorted by name.
fn articles() -> Vec<(PathBuf, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/articles");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/articles exists") {
        let p = entry.expect("dir entry").path();
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if name.ends_with(".gold.json") {
            let stem = name.trim_end_matches(".gold.json");
            let src = ["html", "txt"]
                .iter()
                .map(|ext| dir.join(format!("{stem}.{ext}")))
                .find(|c| c.exists());
            out.push((src.unwrap_or_else(|| panic!("no article for {name}")), p));
        }
    }
    out.sort();
    out
}

/// What the evaluation needs from one annotated document.
struct Output {
    text: String,
    mentions: Vec<Mention>,
    entity_of: Vec<usize>,
    relations: Vec<Relation>,
    quotes: Vec<Quote>,
}

/// Oracle mentions: every token-aligned occurrence of a gold form, longest forms first, plus
/// DATE rules where they do not overlap.
fn oracle(input: &str, gold: &Gold) -> Output {
    let ing = ingest(input);
    let text = ing.text.clone();
    let tok = tokenize(&text, &ing.paragraphs);
    let starts: std::collections::HashSet<usize> =
        tok.tokens.iter().map(|t| t.span.start).collect();
    let ends: std::collections::HashSet<usize> = tok.tokens.iter().map(|t| t.span.end).collect();
    let mut forms: Vec<(&str, Label)> = gold
        .entities
        .iter()
        .flat_map(|(l, fs)| fs.iter().map(move |f| (f.as_str(), *l)))
        .collect();
    forms.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
    let mut mentions: Vec<Mention> = Vec::new();
    for (form, label) in forms {
        for (at, _) in text.match_indices(form) {
            let span = Span::new(at, at + form.len());
            if starts.contains(&span.start)
                && ends.contains(&span.end)
                && !mentions.iter().any(|m| m.span.overlaps(span))
            {
                mentions.push(Mention {
                    span,
                    label,
                    score: 1.0,
                });
            }
        }
    }
    for d in find_dates(&text, &tok) {
        if !mentions.iter().any(|m| m.span.overlaps(d.span)) {
            mentions.push(d);
        }
    }
    mentions.sort_by_key(|m| m.span.start);
    run_stages(text, &tok, mentions)
}

fn run_stages(text: String, tok: &Tokenized, mentions: Vec<Mention>) -> Output {
    let res = resolve(&[DocMentions {
        text: &text,
        tok,
        mentions: &mentions,
    }]);
    let entity_of = res.entity_of.first().cloned().unwrap_or_default();
    let view = DocView {
        text: &text,
        tok,
        mentions: &mentions,
        entity_of: &entity_of,
        entities: &res.entities,
    };
    let relations = relations(&view);
    let quotes = quotes(&view);
    Output {
        text: text.clone(),
        mentions,
        entity_of,
        relations,
        quotes,
    }
}

fn pipeline(source: &str, input: &str) -> Output {
    let ws = annotate_workspace(&[Article {
        source: source.to_string(),
        input: input.to_string(),
    }]);
    let doc = ws.documents.into_iter().next().expect("one document");
    Output {
        text: doc.ingested.text,
        mentions: doc.mentions,
        entity_of: ws.entity_of.into_iter().next().unwrap_or_default(),
        relations: doc.relations,
        quotes: doc.quotes,
    }
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    sys: usize,
    gold: usize,
}

impl Counts {
    fn p(&self) -> f64 {
        if self.sys == 0 {
            1.0
        } else {
            self.tp as f64 / self.sys as f64
        }
    }
    fn r(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.sys += o.sys;
        self.gold += o.gold;
    }
}

#[derive(Default, Clone, Copy)]
struct Scores {
    clusters: Counts,
    relations: Counts,
    /// tp = right speakers (null included), gold = gold quotes, sys = gold quotes found
    quotes: Counts,
    wrongly_merged: usize,
}

/// The majority entity of the mentions whose text is `form` (an honorific prefix or a
/// possessive suffix on the mention is ignored).
fn entity_of_form(out: &Output, form: &str) -> Option<usize> {
    let mut votes: BTreeMap<usize, usize> = BTreeMap::new();
    for (m, &e) in out.mentions.iter().zip(&out.entity_of) {
        let t = m.span.text(&out.text);
        let bare = ["Mr ", "Mrs ", "Ms ", "Dr "]
            .iter()
            .find_map(|p| t.strip_prefix(p))
            .unwrap_or(t);
        let bare = bare
            .strip_suffix("'s")
            .or_else(|| bare.strip_suffix("’s"))
            .unwrap_or(bare);
        if t == form || bare == form {
            *votes.entry(e).or_default() += 1;
        }
    }
    votes
        .into_iter()
        .max_by_key(|&(e, n)| (n, std::cmp::Reverse(e)))
        .map(|(e, _)| e)
}

fn score(out: &Output, gold: &Gold) -> Scores {
    let mut sc = Scores::default();
    // Clusters: pairwise over found forms.
    let found: Vec<(usize, usize)> = gold
        .entities
        .iter()
        .enumerate()
        .flat_map(|(gi, (_, fs))| {
            fs.iter()
                .filter_map(move |f| entity_of_form(out, f).map(|e| (gi, e)))
        })
        .collect();
    for (i, a) in found.iter().enumerate() {
        for b in found.iter().skip(i + 1) {
            let gold_same = a.0 == b.0;
            let sys_same = a.1 == b.1;
            sc.clusters.gold += usize::from(gold_same);
            sc.clusters.sys += usize::from(sys_same);
            sc.clusters.tp += usize::from(gold_same && sys_same);
        }
    }
    for (a, b) in &gold.distinct {
        if let (Some(x), Some(y)) = (entity_of_form(out, a), entity_of_form(out, b)) {
            sc.wrongly_merged += usize::from(x == y);
        }
    }
    // Relations, deduplicated over sentences.
    let mut sys: Vec<(usize, RelationKind, usize)> = out
        .relations
        .iter()
        .map(|r| (r.source, r.kind, r.target))
        .collect();
    sys.sort();
    sys.dedup();
    let golds: Vec<(Option<usize>, RelationKind, Option<usize>)> = gold
        .relations
        .iter()
        .map(|(a, k, b)| (entity_of_form(out, a), *k, entity_of_form(out, b)))
        .collect();
    let mut used = vec![false; golds.len()];
    for &(s, k, t) in &sys {
        let symmetric = matches!(k, RelationKind::Contact | RelationKind::Ally);
        let hit = golds.iter().enumerate().position(|(gi, g)| {
            !used[gi]
                && g.1 == k
                && ((g.0 == Some(s) && g.2 == Some(t))
                    || (symmetric && g.0 == Some(t) && g.2 == Some(s)))
        });
        if let Some(gi) = hit {
            used[gi] = true;
            sc.relations.tp += 1;
        }
    }
    sc.relations.sys = sys.len();
    sc.relations.gold = golds.len();
    // Quotes.
    for (snippet, speaker) in &gold.quotes {
        sc.quotes.gold += 1;
        let Some(q) = out
            .quotes
            .iter()
            .find(|q| q.span.text(&out.text).contains(snippet.as_str()))
        else {
            continue;
        };
        sc.quotes.sys += 1;
        let want = speaker.as_deref().map(|f| entity_of_form(out, f));
        let right = match want {
            None => q.speaker.is_none(),
            Some(e) => e.is_some() && q.speaker == e,
        };
        sc.quotes.tp += usize::from(right);
    }
    sc
}

/// With GLOSS_GOLD_DEBUG=<article name>, print what was missed and what was wrong.
fn debug(name: &str, out: &Output, gold: &Gold) {
    if std::env::var("GLOSS_GOLD_DEBUG").ok().as_deref() != Some(name) {
        return;
    }
    let forms_of = |e: usize| -> Vec<String> {
        let mut v: Vec<String> = out
            .mentions
            .iter()
            .zip(&out.entity_of)
            .filter(|(_, &x)| x == e)
            .map(|(m, _)| m.span.text(&out.text).to_string())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    for (_, fs) in &gold.entities {
        let es: Vec<Option<usize>> = fs.iter().map(|f| entity_of_form(out, f)).collect();
        if es.iter().any(|e| e.is_some() && *e != es[0]) || es.iter().any(Option::is_none) {
            println!("  split/missing cluster {fs:?} -> {es:?}");
        }
    }
    for (a, k, b) in &gold.relations {
        let (x, y) = (entity_of_form(out, a), entity_of_form(out, b));
        let hit = out.relations.iter().any(|r| {
            r.kind == *k
                && ((Some(r.source) == x && Some(r.target) == y)
                    || (Some(r.source) == y && Some(r.target) == x))
        });
        if !hit {
            println!("  missed {a} {} {b}", k.as_str());
        }
    }
    for r in &out.relations {
        println!(
            "  sys {:?} {} {:?} {:?}  | {}",
            forms_of(r.source),
            r.kind.as_str(),
            forms_of(r.target),
            r.detail,
            r.evidence.text(&out.text)
        );
    }
    for q in &out.quotes {
        println!(
            "  quote {:?} -> {:?}",
            q.span.text(&out.text),
            q.speaker.map(forms_of)
        );
    }
}

fn report(mode: &str, name: &str, sc: &Scores) {
    println!(
        "{mode:<8} {name:<22} clusters P {:.2} R {:.2} (wrong merges {}) | relations P {:.2} R {:.2} ({}/{} of {}) | quotes {}/{} right",
        sc.clusters.p(),
        sc.clusters.r(),
        sc.wrongly_merged,
        sc.relations.p(),
        sc.relations.r(),
        sc.relations.tp,
        sc.relations.sys,
        sc.relations.gold,
        sc.quotes.tp,
        sc.quotes.gold,
    );
}

fn evaluate(
    mode: &str,
    run: impl Fn(&str, &str, &Gold) -> Output,
) -> (Scores, HashMap<String, Scores>) {
    let mut total = Scores::default();
    let mut per = HashMap::new();
    let list = articles();
    assert!(list.len() >= 8, "at least eight gold articles");
    for (src, gold_path) in list {
        let name = src
            .file_stem()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let input = std::fs::read_to_string(&src).expect("article readable");
        let gold = load_gold(&gold_path);
        let out = run(&name, &input, &gold);
        let sc = score(&out, &gold);
        debug(&name, &out, &gold);
        report(mode, &name, &sc);
        total.clusters.add(sc.clusters);
        total.relations.add(sc.relations);
        total.quotes.add(sc.quotes);
        total.wrongly_merged += sc.wrongly_merged;
        per.insert(name, sc);
    }
    report(mode, "ALL (micro)", &total);
    (total, per)
}

#[test]
fn gold_files_are_consistent() {
    for (src, gold_path) in articles() {
        let gold = load_gold(&gold_path);
        let text = ingest(&std::fs::read_to_string(&src).expect("readable")).text;
        let forms: Vec<&str> = gold
            .entities
            .iter()
            .flat_map(|(_, f)| f.iter().map(String::as_str))
            .collect();
        for f in &forms {
            assert!(
                text.contains(f),
                "{}: form {f:?} not in the clean text",
                gold_path.display()
            );
        }
        for (a, _, b) in &gold.relations {
            assert!(
                forms.contains(&a.as_str()) && forms.contains(&b.as_str()),
                "{}: relation {a} / {b} uses unknown forms",
                gold_path.display()
            );
        }
        for (q, sp) in &gold.quotes {
            assert!(
                text.contains(q.as_str()),
                "{}: quote {q:?} not in text",
                gold_path.display()
            );
            assert!(
                sp.as_deref().is_none_or(|s| forms.contains(&s)),
                "{}: speaker {sp:?} unknown",
                gold_path.display()
            );
        }
    }
}

#[test]
fn oracle_mentions_meet_floors() {
    let (total, per) = evaluate("oracle", |_, input, gold| oracle(input, gold));
    for (name, sc) in &per {
        assert_eq!(
            sc.wrongly_merged, 0,
            "{name}: a must-not-merge pair was merged"
        );
        assert!(
            sc.clusters.r() >= 0.7,
            "{name}: cluster recall {:.2}",
            sc.clusters.r()
        );
    }
    assert!(
        total.clusters.p() >= 0.97,
        "cluster precision {:.2}",
        total.clusters.p()
    );
    assert!(
        total.clusters.r() >= 0.9,
        "cluster recall {:.2}",
        total.clusters.r()
    );
    assert!(
        total.relations.p() >= 0.9,
        "relation precision {:.2}",
        total.relations.p()
    );
    assert!(
        total.relations.r() >= 0.8,
        "relation recall {:.2}",
        total.relations.r()
    );
    assert!(
        total.quotes.r() >= 0.9,
        "quote speakers right {:.2}",
        total.quotes.r()
    );
}

/// End to end, recognizer included: looser floors, since recognition errors come first.
#[test]
fn pipeline_meets_floors() {
    let (total, _) = evaluate("pipeline", |name, input, _| pipeline(name, input));
    assert!(
        total.clusters.p() >= 0.9,
        "cluster precision {:.2}",
        total.clusters.p()
    );
    assert!(
        total.clusters.r() >= 0.8,
        "cluster recall {:.2}",
        total.clusters.r()
    );
    assert!(
        total.relations.p() >= 0.6,
        "relation precision {:.2}",
        total.relations.p()
    );
    assert!(
        total.relations.r() >= 0.4,
        "relation recall {:.2}",
        total.relations.r()
    );
    assert!(
        total.quotes.r() >= 0.75,
        "quote speakers right {:.2}",
        total.quotes.r()
    );
}

/// All articles in one workspace (oracle mentions): no must-not-merge pair of any article is
/// merged, and a form written identically in two articles (same label) is one entity.
#[test]
fn one_workspace_across_articles() {
    let list = articles();
    let mut texts = Vec::new();
    let mut toks = Vec::new();
    let mut mentions = Vec::new();
    let mut golds = Vec::new();
    for (src, gold_path) in &list {
        let gold = load_gold(gold_path);
        let input = std::fs::read_to_string(src).expect("readable");
        let out = oracle(&input, &gold);
        let ing = ingest(&input);
        toks.push(tokenize(&ing.text, &ing.paragraphs));
        texts.push(out.text);
        mentions.push(out.mentions);
        golds.push(gold);
    }
    let views: Vec<DocMentions> = texts
        .iter()
        .zip(&toks)
        .zip(&mentions)
        .map(|((text, tok), mentions)| DocMentions {
            text,
            tok,
            mentions,
        })
        .collect();
    let res = resolve(&views);
    // entity of a form in document d (majority over its mentions there)
    let entity = |d: usize, form: &str| -> Option<usize> {
        let out = Output {
            text: texts[d].clone(),
            mentions: mentions[d].clone(),
            entity_of: res.entity_of[d].clone(),
            relations: Vec::new(),
            quotes: Vec::new(),
        };
        entity_of_form(&out, form)
    };
    for (d, gold) in golds.iter().enumerate() {
        for (a, b) in &gold.distinct {
            if let (Some(x), Some(y)) = (entity(d, a), entity(d, b)) {
                assert_ne!(x, y, "{a} and {b} merged in the joint workspace");
            }
        }
    }
    let mut seen: HashMap<(String, Label), usize> = HashMap::new();
    let mut shared = 0;
    for (d, gold) in golds.iter().enumerate() {
        for (label, forms) in &gold.entities {
            for f in forms {
                let Some(e) = entity(d, f) else { continue };
                if let Some(&prev) = seen.get(&(f.clone(), *label)) {
                    shared += 1;
                    assert_eq!(prev, e, "{f:?} is two entities across articles");
                }
                seen.insert((f.clone(), *label), e);
            }
        }
    }
    assert!(shared >= 5, "the articles share names ({shared})");
}
