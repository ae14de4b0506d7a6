//! `gloss annotate` as a user runs it: the built binary on temporary files and stdin.
//! Exit codes, error messages, one workspace across files, and what the JSON may contain.

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const BIN: &str = env!("CARGO_BIN_EXE_gloss");

/// A file in a fresh per-test directory under the system temp dir (removed on drop).
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "gloss-cli-test-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).expect("write temp file");
        path.to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn gloss(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run gloss");
    if let (Some(input), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(input).expect("write stdin");
    }
    child.wait_with_output().expect("wait for gloss")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    assert!(o.status.success(), "gloss failed: {}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("stdout is JSON")
}

const WIRE: &str = "DOHA, Dec 10 (Reuters) - Qatar's foreign ministry said on Tuesday it had opened contact with officials in Damascus.\n\nThe ministry's spokesman Majed al-Ansari told reporters that Qatar wanted a peaceful transition.\n";
const WIRE_2: &str = "ANKARA, Dec 11 (Reuters) - Turkey and Qatar will coordinate aid to Syria, the Turkish foreign ministry said on Wednesday.\n\nMajed al-Ansari said Qatar would send a delegation to Damascus.\n";

#[test]
fn input_errors_exit_2_with_a_message_naming_the_file() {
    let dir = TempDir::new();
    let bad = dir.file("latin1.txt", b"Caf\xe9 owners in Doha said trade was slow.");
    let half_ok = dir.file("ok.txt", WIRE.as_bytes());
    let missing = dir
        .0
        .join("no-such-file.txt")
        .to_string_lossy()
        .into_owned();
    let dir_path = dir.0.to_string_lossy().into_owned();
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            vec!["annotate", &bad],
            format!("{bad}: not valid UTF-8 at byte 3"),
        ),
        (
            vec!["annotate", "--json", &half_ok, &bad],
            format!("{bad}: not valid UTF-8 at byte 3"),
        ),
        (
            vec!["annotate", &missing],
            format!("{missing}: cannot read"),
        ),
        (
            vec!["annotate", &dir_path],
            format!("{dir_path}: cannot read"),
        ),
        (vec!["annotate"], "no input files".to_string()),
        (
            vec!["annotate", "--jsn", &half_ok],
            "unknown option `--jsn`".to_string(),
        ),
        (
            vec!["annotate", "-", "-"],
            "standard input can only be read once".to_string(),
        ),
    ];
    for (args, want) in cases {
        let out = gloss(&args, Some(b""));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains(&want),
            "{args:?}: stderr {:?} lacks {want:?}",
            stderr(&out)
        );
        assert!(
            out.stdout.is_empty(),
            "{args:?}: nothing on stdout when input fails"
        );
    }
}

#[test]
fn stdin_is_read_for_dash() {
    let out = gloss(&["annotate", "--json", "-"], Some(WIRE.as_bytes()));
    let v = json(&out);
    assert_eq!(v["version"], 1);
    let doc = &v["documents"][0];
    assert_eq!(doc["source"], "stdin");
    assert!(doc["text"]
        .as_str()
        .unwrap_or("")
        .contains("peaceful transition"));
}

#[test]
fn a_byte_order_mark_is_not_part_of_the_text() {
    let dir = TempDir::new();
    let f = dir.file(
        "bom.txt",
        &[b"\xEF\xBB\xBF".as_slice(), WIRE.as_bytes()].concat(),
    );
    let v = json(&gloss(&["annotate", "--json", &f], None));
    let text = v["documents"][0]["text"].as_str().unwrap_or("");
    assert!(text.starts_with("DOHA"), "{text:?}");
}

/// Every mention's entity id must exist, and ids must be unique.
fn entity_ids(v: &Value) -> Vec<String> {
    let ids: Vec<String> = v["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["id"].as_str())
        .map(String::from)
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "entity ids are unique");
    ids
}

#[test]
fn several_files_form_one_workspace() {
    let dir = TempDir::new();
    let a = dir.file("a.txt", WIRE.as_bytes());
    let b = dir.file("b.txt", WIRE_2.as_bytes());
    let v = json(&gloss(&["annotate", "--json", &a, &b], None));
    let docs = v["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["source"], a.as_str());
    assert_eq!(docs[1]["source"], b.as_str());
    let ids = entity_ids(&v);
    // The same name in both files is one entity with one id.
    let id_of = |doc: &Value, name: &str| -> Vec<String> {
        doc["mentions"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|m| m["text"] == name)
            .filter_map(|m| m["entity"].as_str().map(String::from))
            .collect()
    };
    for name in ["Qatar", "Damascus"] {
        let mut both: Vec<String> = id_of(&docs[0], name)
            .into_iter()
            .chain(id_of(&docs[1], name))
            .collect();
        assert!(!both.is_empty(), "{name} recognised");
        both.dedup();
        assert_eq!(both.len(), 1, "{name} has one id across files: {both:?}");
        assert!(ids.contains(&both[0]));
    }
    for doc in docs {
        for m in doc["mentions"].as_array().into_iter().flatten() {
            assert!(
                ids.iter().any(|id| m["entity"] == id.as_str()),
                "mention {m} points at a known entity"
            );
        }
    }
}

#[test]
fn html_comes_back_as_text_never_as_markup() {
    let dir = TempDir::new();
    let html = r#"<html><body><article>
<h1>Envoy lands in Doha</h1>
<p>The envoy said the code &lt;script&gt;alert(1)&lt;/script&gt; was only an example, officials said.</p>
<script>document.write("stolen")</script><style>p { color: red }</style>
<p onclick="evil()">Talks resume on <a href="javascript:alert(2)">Thursday</a> and <a href="https://www.reuters.com/world/middle-east/envoy-lands-in-doha-2024-12-10/">Reuters reported</a> the visit.</p>
<p><a href="data:text/html,&lt;b&gt;x">a data link</a> and <a href=" JAVASCRIPT:void(0)">another</a>.</p>
</article></body></html>"#;
    let f = dir.file("unsafe.html", html.as_bytes());
    let v = json(&gloss(&["annotate", "--json", &f], None));
    let doc = &v["documents"][0];
    let text = doc["text"].as_str().expect("text is a string");
    assert!(
        text.contains("<script>alert(1)</script>"),
        "escaped markup survives as literal text: {text:?}"
    );
    assert!(
        !text.contains("stolen") && !text.contains("color: red"),
        "script and style bodies are dropped"
    );
    assert!(
        !text.contains("onclick") && !text.contains("evil()"),
        "attributes never leak into text"
    );
    let links = doc["links"].as_array().expect("links");
    assert!(links
        .iter()
        .any(|l| l["safe"] == true && l["preview"]["site"] == "Reuters"));
    for l in links {
        let href = l["href"].as_str().unwrap_or("").trim().to_ascii_lowercase();
        let followable = href.starts_with("http://")
            || href.starts_with("https://")
            || href.starts_with("mailto:");
        assert_eq!(l["safe"], followable, "{href}: safe flag");
        if !followable {
            assert!(
                l["preview"].is_null(),
                "{href}: an unsafe link has no preview"
            );
        }
    }
    // The anchor text of a refused link is still part of the article text.
    assert!(text.contains("Thursday") && text.contains("another"));
    // Only contract keys: no field carries raw HTML structure.
    let keys: Vec<&str> = doc
        .as_object()
        .expect("document object")
        .keys()
        .map(String::as_str)
        .collect();
    for k in &keys {
        assert!(
            [
                "source",
                "title",
                "text",
                "mentions",
                "links",
                "quotes",
                "furniture"
            ]
            .contains(k),
            "unexpected key {k}"
        );
    }
}

#[test]
fn summary_is_plain_text() {
    let dir = TempDir::new();
    let html = r#"<p>Qatar's envoy met officials in Damascus, <a href="https://www.thenationalnews.com/news/mena/2024/12/09/qatar-envoy-visits-damascus/">The National reported</a>.</p>"#;
    let f = dir.file("s.html", html.as_bytes());
    let out = gloss(&["annotate", &f], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let s = String::from_utf8(out.stdout).expect("UTF-8 summary");
    assert!(!s.contains('\u{1b}'), "no terminal escape codes when piped");
    let want = [
        format!("== {f}"),
        "Entities (".to_string(),
        "Links (1)".to_string(),
        "The National · News › MENA · 2024-12-09".to_string(),
        "Qatar envoy visits Damascus (from the link)".to_string(),
    ];
    for w in want {
        assert!(s.contains(&w), "summary lacks {w:?}:\n{s}");
    }
}

#[test]
fn summary_names_the_workspace_article_a_link_leads_to() {
    let dir = TempDir::new();
    let target = dir.file(
        "target.html",
        b"<h1>Qatar opens contact with Syria's new rulers, official says</h1><p>DOHA, Dec 10 (Reuters) - Qatar has opened a line of contact with the new authorities in Damascus, an official said.</p>",
    );
    let linking = dir.file(
        "linking.html",
        b"<p>Gulf states moved to engage Damascus, <a href=\"https://www.reuters.com/world/middle-east/qatar-opens-contact-with-syrias-new-rulers-official-says-2024-12-10/\">a day after Qatar</a>.</p>",
    );
    let out = gloss(&["annotate", &target, &linking], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let s = String::from_utf8(out.stdout).expect("UTF-8 summary");
    let want = [
        "Qatar opens contact with Syria's new rulers, official says\n".to_string(),
        format!("in this workspace: {target}"),
        "line of contact".to_string(),
    ];
    for w in want {
        assert!(s.contains(&w), "summary lacks {w:?}:\n{s}");
    }
    assert!(
        !s.contains("new rulers official says (from the link)"),
        "the real headline replaces the slug's:\n{s}"
    );
}

#[test]
fn help_and_broken_pipe_are_not_errors() {
    let out = gloss(&["annotate", "--help"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("gloss annotate"));
    // A reader that closes early: gloss must not report a failure for it.
    let dir = TempDir::new();
    let big = WIRE.repeat(20);
    let f = dir.file("big.txt", big.as_bytes());
    let mut child = Command::new(BIN)
        .args(["annotate", "--json", &f])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
