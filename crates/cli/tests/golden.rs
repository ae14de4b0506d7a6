//! Golden JSON: every article in `tests/articles/` (*.txt, *.html) is annotated by the built
//! `gloss annotate --json` and compared with `tests/golden/<stem>.json`.
//!
//! `UPDATE_GOLDEN=1 cargo test -p gloss-cli --test golden` rewrites the golden files (and
//! removes ones whose article is gone); review the diff before committing. On a mismatch the
//! test prints the first differing lines of each file that changed.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_gloss");

/// Lines of context shown around the first difference, and differences listed per file.
const CONTEXT: usize = 2;
const MAX_DIFF_LINES: usize = 12;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn articles() -> Vec<PathBuf> {
    let dir = repo_root().join("tests/articles");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "html"))
        })
        .collect();
    found.sort();
    found
}

/// `gloss annotate --json NAME` run inside the articles folder, so `source` is the bare name.
fn annotate(article: &Path) -> Result<String, String> {
    let dir = article.parent().ok_or("article has no folder")?;
    let name = article
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or("article name is not UTF-8")?;
    let out = Command::new(BIN)
        .args(["annotate", "--json", name])
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run gloss: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "gloss exited {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("output is not UTF-8: {e}"))
}

/// Longest line shown in a diff, in characters; longer lines are cut around the change.
const MAX_LINE: usize = 140;

/// `line` cut to about `MAX_LINE` characters around character `at`, with ellipses.
fn window(line: &str, at: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= MAX_LINE {
        return line.to_string();
    }
    let start = at
        .saturating_sub(MAX_LINE / 3)
        .min(chars.len().saturating_sub(MAX_LINE));
    let end = (start + MAX_LINE).min(chars.len());
    let mut out: String = chars
        .get(start..end)
        .map(|c| c.iter().collect())
        .unwrap_or_default();
    if start > 0 {
        out.insert(0, '…');
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// Character index where two lines first differ.
fn first_char_diff(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// The first differing lines between `want` and `got`, with a little context; long lines
/// are shown around their first changed character.
fn short_diff(want: &str, got: &str) -> String {
    let w: Vec<&str> = want.lines().collect();
    let g: Vec<&str> = got.lines().collect();
    let n = w.len().max(g.len());
    let Some(first) = (0..n).find(|&i| w.get(i) != g.get(i)) else {
        return "  (only trailing whitespace differs)".to_string();
    };
    let mut out = Vec::new();
    for i in first.saturating_sub(CONTEXT)..first {
        if let Some(line) = w.get(i) {
            out.push(format!("  {:>5}   {}", i + 1, window(line, 0)));
        }
    }
    let mut shown = 0;
    for i in first..n {
        if shown == MAX_DIFF_LINES {
            break;
        }
        let (a, b) = (w.get(i), g.get(i));
        if a == b {
            continue;
        }
        let at = match (a, b) {
            (Some(a), Some(b)) => first_char_diff(a, b),
            _ => 0,
        };
        if let Some(a) = a {
            out.push(format!("  {:>5} - {}", i + 1, window(a, at)));
        }
        if let Some(b) = b {
            out.push(format!("  {:>5} + {}", i + 1, window(b, at)));
        }
        shown += 1;
    }
    let total = (0..n).filter(|&i| w.get(i) != g.get(i)).count();
    if total > shown {
        out.push(format!(
            "  ... {} more differing lines ({} golden, {} now)",
            total - shown,
            w.len(),
            g.len()
        ));
    }
    out.join("\n")
}

#[test]
fn articles_match_golden_json() {
    let update = std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    let golden_dir = repo_root().join("tests/golden");
    let list = articles();
    assert!(!list.is_empty(), "no articles in tests/articles");

    let mut stems: Vec<String> = list
        .iter()
        .filter_map(|p| p.file_stem()?.to_str().map(String::from))
        .collect();
    stems.sort();
    let before = stems.len();
    stems.dedup();
    assert_eq!(
        before,
        stems.len(),
        "two articles share a name stem; golden files would collide"
    );

    let mut failures = Vec::new();
    for article in &list {
        let stem = article.file_stem().and_then(|s| s.to_str()).unwrap_or("?");
        let golden = golden_dir.join(format!("{stem}.json"));
        let got = match annotate(article) {
            Ok(json) => json,
            Err(e) => {
                failures.push(format!("{stem}: {e}"));
                continue;
            }
        };
        if update {
            std::fs::create_dir_all(&golden_dir).expect("create tests/golden");
            std::fs::write(&golden, &got).unwrap_or_else(|e| panic!("{}: {e}", golden.display()));
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(want) if want == got => {}
            Ok(want) => failures.push(format!(
                "{stem}: output differs from tests/golden/{stem}.json\n{}",
                short_diff(&want, &got)
            )),
            Err(_) => failures.push(format!("{stem}: no tests/golden/{stem}.json")),
        }
    }

    // Golden files whose article is gone.
    let orphans: Vec<PathBuf> = std::fs::read_dir(&golden_dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .collect::<Vec<PathBuf>>()
        })
        .unwrap_or_default()
        .into_iter()
        .filter(|p: &PathBuf| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| {
            !p.file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| stems.iter().any(|t| t == s))
        })
        .collect();
    for o in orphans {
        if update {
            std::fs::remove_file(&o).unwrap_or_else(|e| panic!("{}: {e}", o.display()));
        } else {
            failures.push(format!("{}: golden file without an article", o.display()));
        }
    }

    assert!(
        failures.is_empty(),
        "{} of {} golden checks failed (regenerate with UPDATE_GOLDEN=1 cargo test -p gloss-cli --test golden, then review the diff):\n\n{}",
        failures.len(),
        list.len(),
        failures.join("\n\n")
    );
}

#[test]
fn diff_shows_the_first_difference() {
    let d = short_diff("a\nb\nc\nd\n", "a\nb\nX\nd\n");
    assert_eq!(d, "      1   a\n      2   b\n      3 - c\n      3 + X");
    let d = short_diff("a\n", "a\nb\n");
    assert_eq!(d, "      1   a\n      2 + b");
    // A long line is shown around its change, not whole.
    let long_a = format!("{}X{}", "a".repeat(500), "z".repeat(500));
    let long_b = format!("{}Y{}", "a".repeat(500), "z".repeat(500));
    let d = short_diff(&long_a, &long_b);
    let lines: Vec<&str> = d.lines().collect();
    assert_eq!(lines.len(), 2, "{d}");
    assert!(lines[0].contains("aX") && lines[1].contains("aY"), "{d}");
    assert!(
        lines.iter().all(|l| l.chars().count() < MAX_LINE + 20),
        "{d}"
    );
}

/// Output is a pure function of the input: two processes (fresh hash seeds) annotating every
/// article as one workspace print the same bytes.
#[test]
fn annotate_output_is_stable_between_runs() {
    let list = articles();
    let dir = repo_root().join("tests/articles");
    let names: Vec<&str> = list
        .iter()
        .filter_map(|p| p.file_name()?.to_str())
        .collect();
    let run = || {
        let out = Command::new(BIN)
            .arg("annotate")
            .arg("--json")
            .args(&names)
            .current_dir(&dir)
            .output()
            .expect("run gloss");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let (a, b) = (run(), run());
    assert!(a == b, "two runs differ\n{}", short_diff(&a, &b));
}
