//! Exports: every format's structure checked against the contract it came from, over a table
//! of contracts (annotated articles, hand-built ones with awkward characters, an empty
//! workspace, one whose offsets do not fit), and the gloss JSON round trip.

mod contracts;

use contracts::{annotated, entity, offsets, offsets_of};
use gloss_core::export::{export, import, ExportError, Format};
use gloss_core::protocol::{
    Contract, DocumentDto, LinkDto, MentionDto, OffsetsDto, QuoteDto, RelationDto, VERSION,
};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

const STRIKE: &str = "Dock strike halts Harbourline terminals

ROTTERDAM, March 3 (Reuters) - Dock workers at Harbourline Terminals walked off the job on Monday after talks with the company broke down, the FNV union said.

\"We have waited long enough,\" said Pieter van Dam, a spokesman for the FNV. Harbourline chief executive Sandra Kowalski said the company would meet union leaders in Amsterdam on Friday.

Kowalski, who joined Harbourline from Maersk in 2021, said the strike could delay shipments to Germany and Belgium.";

const CAIRO: &str = "Cairo hosts talks on Sudan ceasefire 🇸🇩

CAIRO, June 9 (AP) - Egyptian Foreign Minister Hassan Farouk met envoys from the African Union on Sunday to discuss a ceasefire in Sudan 🙏, the ministry said.

The talks, held at the Al-Ittihadiya palace (قصر الاتحادية), followed a visit to Khartoum by United Nations envoy Laila Haddad last week.";

const LINKED: &str = "<html><head><title>Grain exports resume from Odesa</title></head><body><article>
<h1>Grain exports resume from Odesa</h1>
<p>KYIV, Aug 1 (Reuters) - The first grain ship left Odesa on Monday, Ukraine's infrastructure minister Oleksandr Kubrakov said, <a href=\"https://example.com/world/europe/2024/07/30/black-sea-corridor-talks\">days after talks</a> in Istanbul.</p>
<p>Officials at the United Nations welcomed the departure.</p>
</article></body></html>";

/// A mention of `exact` at its `nth` occurrence in `text`, offsets in code points.
fn at(text: &str, exact: &str, nth: usize, label: &str, entity: &str) -> MentionDto {
    let (start, end) = offsets(text, exact, nth);
    MentionDto {
        start,
        end,
        text: exact.to_string(),
        label: label.into(),
        entity: entity.into(),
        score: 0.875,
    }
}

/// Built by hand: emoji and Arabic before the mentions (code points ≠ bytes ≠ UTF-16), names
/// and evidence holding commas, double quotes and newlines, an unlinked mention.
fn by_hand() -> Contract {
    let text = "👩‍💻 دبي — Ahmed \"Sonny\" Al-Rashid, head of Gulf Data, Inc., met 🇫🇷 officials in Paris.\n\nAl-Rashid said: \"Deals, \"\"quoted\"\", go on.\"\n\nThe Gulf Data, Inc. board met again.";
    let doc = DocumentDto {
        source: "hand, \"built\".html".into(),
        title: Some("Al-Rashid in Paris, again".into()),
        text: text.into(),
        mentions: vec![
            at(text, "دبي", 0, "LOC", "e3"),
            at(text, "Ahmed \"Sonny\" Al-Rashid", 0, "PER", "e1"),
            at(text, "Gulf Data, Inc.", 0, "ORG", "e2"),
            at(text, "Paris", 0, "LOC", "e4"),
            at(text, "Al-Rashid", 1, "PER", "e1"),
            at(text, "Gulf Data, Inc.", 1, "ORG", ""),
        ],
        links: vec![LinkDto {
            href: "https://example.org/gulf".into(),
            anchor: "Paris".into(),
            start: at(text, "Paris", 0, "LOC", "").start,
            end: at(text, "Paris", 0, "LOC", "").end,
            safe: true,
            preview: None,
        }],
        quotes: vec![QuoteDto {
            start: 3,
            end: 7,
            speaker: Some("e1".into()),
        }],
        furniture: vec!["Share, like".into()],
    };
    let evidence = "Ahmed \"Sonny\" Al-Rashid, head of Gulf Data, Inc., met 🇫🇷 officials in Paris.\n\nAl-Rashid";
    Contract {
        version: VERSION,
        entities: vec![
            entity(
                "e1",
                "PER",
                "Ahmed \"Sonny\" Al-Rashid",
                &["Al-Rashid", "Sonny, the \"fixer\"\nof Dubai"],
                &["head"],
            ),
            entity(
                "e2",
                "ORG",
                "Gulf Data, Inc.",
                &[],
                &["data broker", "vendor"],
            ),
            // A newline alone (no comma, no quote) still needs quoting.
            entity("e3", "LOC", "دبي", &[], &["emirate\ncapital"]),
            entity("e4", "LOC", "Paris", &["Paris"], &[]),
            entity("e5", "DATE", "Tuesday", &[], &[]),
        ],
        relations: vec![
            RelationDto {
                source: "e1".into(),
                target: "e2".into(),
                kind: "role".into(),
                document: 0,
                evidence: offsets_of(text, evidence),
                detail: Some("head, \"acting\"".into()),
            },
            RelationDto {
                source: "e1".into(),
                target: "e4".into(),
                kind: "contact".into(),
                document: 0,
                evidence: offsets_of(text, "officials in Paris."),
                detail: Some("by phone\r\nlate".into()),
            },
        ],
        documents: vec![doc],
        diagnostics: vec!["ingest: repaired".into()],
    }
}

fn empty() -> Contract {
    Contract {
        version: VERSION,
        documents: vec![],
        entities: vec![],
        relations: vec![],
        diagnostics: vec![],
    }
}

/// Valid contracts every export must describe exactly.
fn fixtures() -> Vec<(&'static str, Contract)> {
    [
        (
            "strike and cairo",
            annotated(&[
                ("strike.txt", STRIKE),
                ("https://news.example/cairo", CAIRO),
            ]),
        ),
        ("linked html", annotated(&[("grain.html", LINKED)])),
        ("by hand", by_hand()),
        ("empty workspace", empty()),
        ("empty article", annotated(&[("blank.txt", "")])),
        (
            "emoji only",
            annotated(&[("emoji.txt", "🙂🙃 🇸🇩\n\n👩‍👩‍👧 ✨")]),
        ),
        (
            "arabic",
            annotated(&[(
                "ar.txt",
                "قال الرئيس في القاهرة يوم الأحد إن المحادثات ستستمر.\n\nوأضاف أن الوفد سيعود.",
            )]),
        ),
    ]
    .into_iter()
    .chain(golden())
    .collect()
}

/// The project's golden contracts (real wire articles run through the pipeline), imported:
/// real-sized workspaces with links, quotes and relations.
fn golden() -> Vec<(&'static str, Contract)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| Some(e.ok()?.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let c = import(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let name: &'static str = Box::leak(p.display().to_string().into_boxed_str());
            (name, c)
        })
        .collect()
}

fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

fn json(format: Format, c: &Contract) -> Value {
    let out = export(c, format).expect("export succeeds");
    serde_json::from_str(&out).expect("export is valid JSON")
}

#[test]
fn format_names() {
    let table: &[(&str, Option<Format>)] = &[
        ("json", Some(Format::Json)),
        ("jsonld", Some(Format::JsonLd)),
        ("JSONLD", Some(Format::JsonLd)),
        ("webannotation", Some(Format::WebAnnotation)),
        ("conll", Some(Format::Conll)),
        (" csv-entities ", Some(Format::CsvEntities)),
        ("csv-relations", Some(Format::CsvRelations)),
        ("csv", None),
        ("", None),
        ("xml", None),
    ];
    for (name, want) in table {
        assert_eq!(Format::parse(name).ok(), *want, "{name:?}");
    }
    for f in Format::ALL {
        assert_eq!(Format::parse(f.name()), Ok(f));
        assert!(!f.extension().is_empty() && !f.media_type().is_empty());
    }
    // Download names: every format its own file, titles distinct.
    let names: Vec<String> = Format::ALL.iter().map(|f| f.file_name("story")).collect();
    assert_eq!(
        names,
        [
            "story.json",
            "story.jsonld",
            "story.annotations.json",
            "story.conll",
            "story.entities.csv",
            "story.relations.csv"
        ]
    );
    let mut titles: Vec<&str> = Format::ALL.iter().map(|f| f.title()).collect();
    titles.sort_unstable();
    titles.dedup();
    assert_eq!(titles.len(), Format::ALL.len());
    let err = Format::parse("xml").unwrap_err().to_string();
    assert!(
        err.contains("xml") && err.contains("csv-relations"),
        "{err}"
    );
}

#[test]
fn fixtures_annotate_something() {
    // Guards the other tests against passing on empty output.
    let c = annotated(&[("strike.txt", STRIKE), ("cairo", CAIRO)]);
    assert!(
        c.documents.iter().all(|d| d.mentions.len() >= 5),
        "mentions found"
    );
    assert!(c.entities.iter().any(|e| e.label == "PER"));
    assert!(!c.relations.is_empty(), "relations found");
    assert!(golden().len() >= 5, "golden contracts under tests/golden");
    assert!(!annotated(&[("grain.html", LINKED)]).documents[0]
        .links
        .is_empty());
}

#[test]
fn json_round_trip_is_identical() {
    for (name, c) in fixtures() {
        let out = export(&c, Format::Json).unwrap();
        let back = import(&out).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back, c, "{name}");
        assert_eq!(
            export(&back, Format::Json).unwrap(),
            out,
            "{name}: stable bytes"
        );
    }
}

#[test]
fn golden_files_export_to_the_same_json() {
    // Compared as JSON values, not bytes: the files' layout is their writer's business; a
    // field lost or changed on the way through import and export is ours.
    for (path, c) in golden() {
        let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(json(Format::Json, &c), file, "{path}");
    }
}

#[test]
fn import_rejects_contracts_that_do_not_fit() {
    type Edit = fn(&mut Value);
    let table: &[(&str, Edit, &str)] = &[
        ("newer version", |v| v["version"] = 2.into(), "version"),
        (
            "no version",
            |v| drop(v.as_object_mut().unwrap().remove("version")),
            "version",
        ),
        (
            "mention past the end",
            |v| v["documents"][0]["mentions"][0]["end"] = 10_000.into(),
            "offsets",
        ),
        (
            "mention reversed",
            |v| v["documents"][0]["mentions"][1]["start"] = 10_000.into(),
            "offsets",
        ),
        (
            "mention text differs",
            |v| v["documents"][0]["mentions"][2]["text"] = "Gulf".into(),
            "not the text",
        ),
        (
            "unknown label",
            |v| v["documents"][0]["mentions"][0]["label"] = "ANIMAL".into(),
            "label",
        ),
        (
            "unknown entity",
            |v| v["documents"][0]["mentions"][0]["entity"] = "e99".into(),
            "e99",
        ),
        (
            "repeated entity id",
            |v| v["entities"][1]["id"] = "e1".into(),
            "repeated",
        ),
        (
            "link anchor differs",
            |v| v["documents"][0]["links"][0]["anchor"] = "Rome".into(),
            "anchor",
        ),
        (
            "quote past the end",
            |v| v["documents"][0]["quotes"][0]["end"] = 10_000.into(),
            "offsets",
        ),
        (
            "unknown speaker",
            |v| v["documents"][0]["quotes"][0]["speaker"] = "e42".into(),
            "e42",
        ),
        (
            "relation to nobody",
            |v| v["relations"][0]["target"] = "e77".into(),
            "e77",
        ),
        (
            "relation in no document",
            |v| v["relations"][0]["document"] = 3.into(),
            "document 3",
        ),
        (
            "evidence past the end",
            |v| v["relations"][1]["evidence"]["end"] = 10_000.into(),
            "offsets",
        ),
        (
            "missing field",
            |v| drop(v["documents"][0].as_object_mut().unwrap().remove("text")),
            "text",
        ),
    ];
    let good: Value = serde_json::from_str(&export(&by_hand(), Format::Json).unwrap()).unwrap();
    for (name, edit, says) in table {
        let mut v = good.clone();
        edit(&mut v);
        let err = import(&v.to_string()).expect_err(name);
        assert!(err.to_string().contains(says), "{name}: {err}");
    }
    assert!(matches!(import("{not json"), Err(ExportError::Json(_))));
    assert!(matches!(import("[]"), Err(ExportError::Invalid { .. })));
    let mut old = good.clone();
    old["version"] = 0.into();
    assert_eq!(
        import(&old.to_string()),
        Err(ExportError::Version {
            found: 0,
            expected: VERSION
        })
    );
}

#[test]
fn jsonld_describes_articles_and_entities() {
    let types: HashMap<&str, &str> = [
        ("PER", "Person"),
        ("ORG", "Organization"),
        ("LOC", "Place"),
        ("MISC", "Thing"),
    ]
    .into();
    for (name, c) in fixtures() {
        let v = json(Format::JsonLd, &c);
        assert_eq!(v["@context"], "https://schema.org", "{name}");
        let graph = v["@graph"].as_array().expect("@graph");
        let nodes: HashMap<&str, &Value> = graph
            .iter()
            .map(|n| (n["@id"].as_str().expect("@id"), n))
            .collect();
        assert_eq!(nodes.len(), graph.len(), "{name}: @ids are unique");
        let articles: Vec<&Value> = graph
            .iter()
            .filter(|n| n["@type"] == "NewsArticle")
            .collect();
        assert_eq!(articles.len(), c.documents.len(), "{name}");
        for (doc, node) in c.documents.iter().zip(&articles) {
            assert_eq!(node["articleBody"], doc.text.as_str(), "{name}");
            assert_eq!(node["identifier"], doc.source.as_str(), "{name}");
            assert_eq!(
                node.get("headline").and_then(Value::as_str),
                doc.title.as_deref(),
                "{name}"
            );
            // about + mentions: every typed entity the document mentions, once.
            let mut named = Vec::new();
            for key in ["about", "mentions"] {
                for r in node
                    .get(key)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let id = r["@id"].as_str().expect("reference");
                    let target = nodes
                        .get(id)
                        .unwrap_or_else(|| panic!("{name}: {id} is in the graph"));
                    assert!(
                        types.values().any(|t| target["@type"] == *t),
                        "{name}: {id}"
                    );
                    named.push(id.trim_start_matches('#').to_string());
                }
            }
            let mut want: Vec<String> = Vec::new();
            for m in &doc.mentions {
                let label = c
                    .entities
                    .iter()
                    .find(|e| e.id == m.entity)
                    .map(|e| e.label.as_str());
                if label.is_some_and(|l| types.contains_key(l)) && !want.contains(&m.entity) {
                    want.push(m.entity.clone());
                }
            }
            named.sort();
            want.sort();
            assert_eq!(named, want, "{name}: about/mentions of {}", doc.source);
            if !want.is_empty() {
                assert!(
                    node.get("about").is_some(),
                    "{name}: an article is about something"
                );
            }
        }
        for e in &c.entities {
            let node = nodes.get(format!("#{}", e.id).as_str());
            match types.get(e.label.as_str()) {
                None => assert!(node.is_none(), "{name}: {} left out", e.id),
                Some(t) => {
                    let node = node.unwrap_or_else(|| panic!("{name}: node for {}", e.id));
                    assert_eq!(node["@type"], *t);
                    assert_eq!(node["name"], e.name.as_str());
                    let alt: Vec<&str> = e
                        .aliases
                        .iter()
                        .map(String::as_str)
                        .filter(|a| *a != e.name)
                        .collect();
                    let got: Vec<&str> = node
                        .get("alternateName")
                        .and_then(Value::as_array)
                        .map(|a| a.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default();
                    assert_eq!(got, alt, "{name}: aliases of {}", e.id);
                    assert!(node.get("sameAs").is_none());
                }
            }
        }
    }
}

#[test]
fn jsonld_about_follows_the_headline_and_relations_become_properties() {
    let v = json(Format::JsonLd, &by_hand());
    let graph = v["@graph"].as_array().unwrap();
    let article = &graph[0];
    // The headline names Al-Rashid (by alias) and Paris.
    assert_eq!(
        article["about"],
        serde_json::json!([{ "@id": "#e1" }, { "@id": "#e4" }])
    );
    assert_eq!(
        article["mentions"],
        serde_json::json!([{ "@id": "#e3" }, { "@id": "#e2" }])
    );
    assert_eq!(article["citation"][0]["url"], "https://example.org/gulf");
    let person = graph.iter().find(|n| n["@id"] == "#e1").unwrap();
    assert_eq!(person["jobTitle"], serde_json::json!(["head"]));
    assert_eq!(person["worksFor"], serde_json::json!([{ "@id": "#e2" }]));
    let org = graph.iter().find(|n| n["@id"] == "#e2").unwrap();
    assert_eq!(org["description"], "data broker; vendor");
    assert!(graph.iter().all(|n| n["@id"] != "#e5"), "DATE left out");
}

#[test]
fn web_annotation_selectors_point_at_the_quoted_text() {
    for (name, c) in fixtures() {
        let v = json(Format::WebAnnotation, &c);
        assert_eq!(v["@context"], "http://www.w3.org/ns/anno.jsonld", "{name}");
        assert_eq!(v["type"], "AnnotationCollection");
        let mentions: Vec<(&DocumentDto, &MentionDto)> = c
            .documents
            .iter()
            .flat_map(|d| d.mentions.iter().map(move |m| (d, m)))
            .collect();
        assert_eq!(v["total"], mentions.len(), "{name}");
        let items = v["first"]["items"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        assert_eq!(
            items.len(),
            mentions.len(),
            "{name}: one annotation per mention"
        );
        if !items.is_empty() {
            assert_eq!(v["first"]["type"], "AnnotationPage");
        }
        let mut ids = HashSet::new();
        for (a, (doc, m)) in items.iter().zip(&mentions) {
            assert_eq!(a["type"], "Annotation");
            assert!(
                ids.insert(a["id"].as_str().expect("id").to_string()),
                "{name}: ids unique"
            );
            assert_eq!(a["target"]["source"], doc.source.as_str());
            let selectors = a["target"]["selector"].as_array().expect("selectors");
            let quote = selectors
                .iter()
                .find(|s| s["type"] == "TextQuoteSelector")
                .expect("quote selector");
            let pos = selectors
                .iter()
                .find(|s| s["type"] == "TextPositionSelector")
                .expect("position selector");
            let (start, end) = (
                pos["start"].as_u64().unwrap() as usize,
                pos["end"].as_u64().unwrap() as usize,
            );
            assert_eq!((start, end), (m.start, m.end));
            let exact = quote["exact"].as_str().unwrap();
            assert_eq!(
                chars(&doc.text, start, end),
                exact,
                "{name}: position → exact"
            );
            assert_eq!(exact, m.text);
            let prefix = quote.get("prefix").and_then(Value::as_str).unwrap_or("");
            let suffix = quote.get("suffix").and_then(Value::as_str).unwrap_or("");
            let len = doc.text.chars().count();
            assert_eq!(
                prefix,
                chars(&doc.text, start.saturating_sub(32), start),
                "{name}: prefix"
            );
            assert_eq!(
                suffix,
                chars(&doc.text, end, (end + 32).min(len)),
                "{name}: suffix"
            );
            let bodies = a["body"].as_array().expect("bodies");
            assert!(bodies
                .iter()
                .any(|b| b["purpose"] == "tagging" && b["value"] == m.label.as_str()));
            let identifying = bodies.iter().find(|b| b["purpose"] == "identifying");
            match c.entities.iter().find(|e| e.id == m.entity) {
                Some(e) => {
                    let b = identifying.expect("identifying body");
                    assert_eq!(
                        (b["id"].as_str(), b["value"].as_str()),
                        (Some(&*format!("#{}", e.id)), Some(&*e.name))
                    );
                }
                None => assert!(
                    identifying.is_none(),
                    "{name}: unlinked mention has no identity"
                ),
            }
        }
    }
}

/// CoNLL lines per document: (token, tag) per sentence.
fn conll_documents(out: &str) -> Vec<Vec<Vec<(String, String)>>> {
    let mut docs: Vec<Vec<Vec<(String, String)>>> = Vec::new();
    let mut sentence = Vec::new();
    for line in out.split('\n') {
        if line.is_empty() {
            if !sentence.is_empty() {
                docs.last_mut()
                    .expect("DOCSTART first")
                    .push(std::mem::take(&mut sentence));
            }
            continue;
        }
        let (tok, tag) = line.rsplit_once(' ').expect("two columns");
        if tok == "-DOCSTART-" {
            assert_eq!(tag, "O");
            docs.push(Vec::new());
            continue;
        }
        assert!(
            !tok.is_empty() && !tok.contains(char::is_whitespace),
            "token {tok:?}"
        );
        sentence.push((tok.to_string(), tag.to_string()));
    }
    assert!(sentence.is_empty(), "output ends with a blank line");
    docs
}

#[test]
fn conll_tags_line_up_with_mentions() {
    for (name, c) in fixtures() {
        let out = export(&c, Format::Conll).unwrap();
        let docs = conll_documents(&out);
        assert_eq!(
            docs.len(),
            c.documents.len(),
            "{name}: one -DOCSTART- per document"
        );
        for (doc, sentences) in c.documents.iter().zip(&docs) {
            // Find each token in the text, in order, to get its code-point span.
            let mut from = 0;
            let mut spans = Vec::new();
            for (tok, tag) in sentences.iter().flatten() {
                let byte = from
                    + doc.text[from..]
                        .find(tok.as_str())
                        .unwrap_or_else(|| panic!("{name}: {tok} in order"));
                from = byte + tok.len();
                let start = doc.text[..byte].chars().count();
                spans.push((start, start + tok.chars().count(), tag.as_str()));
            }
            let mut begins = 0;
            for (i, &(s, e, tag)) in spans.iter().enumerate() {
                let Some((kind, label)) = tag.split_once('-') else {
                    assert_eq!(tag, "O", "{name}");
                    assert!(
                        !doc.mentions.iter().any(|m| m.start < e && s < m.end),
                        "{name}: O token inside a mention"
                    );
                    continue;
                };
                let m = doc
                    .mentions
                    .iter()
                    .find(|m| m.start < e && s < m.end)
                    .expect("tagged token overlaps a mention");
                assert_eq!(label, m.label, "{name}");
                match kind {
                    "B" => {
                        begins += 1;
                        assert!(
                            s <= m.start && m.start < e,
                            "{name}: B- starts the mention {:?}",
                            m.text
                        );
                    }
                    "I" => {
                        assert!(s > m.start, "{name}: I- continues {:?}", m.text);
                        let prev = spans[i - 1].2;
                        assert!(
                            prev == format!("B-{label}") || prev == tag,
                            "{name}: I- after B-/I-"
                        );
                    }
                    other => panic!("{name}: tag kind {other}"),
                }
            }
            assert_eq!(
                begins,
                doc.mentions.len(),
                "{name}: one B- per mention of {}",
                doc.source
            );
        }
    }
}

/// A tiny RFC 4180 reader: records of fields, CRLF between records.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR only before LF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => {
                assert!(c != '\n' && c != '"', "bare LF or quote outside quotes");
                field.push(c);
            }
        }
    }
    assert!(
        !quoted && field.is_empty() && row.is_empty(),
        "ends with CRLF"
    );
    rows
}

#[test]
fn csv_entities_parse_back() {
    for (name, c) in fixtures() {
        let rows = parse_csv(&export(&c, Format::CsvEntities).unwrap());
        assert_eq!(
            rows[0],
            ["id", "label", "name", "aliases", "roles", "mentions"],
            "{name}"
        );
        assert_eq!(rows.len(), c.entities.len() + 1, "{name}");
        for (row, e) in rows[1..].iter().zip(&c.entities) {
            let count = c
                .documents
                .iter()
                .flat_map(|d| &d.mentions)
                .filter(|m| m.entity == e.id)
                .count();
            let want = [
                &e.id,
                &e.label,
                &e.name,
                &e.aliases.join("; "),
                &e.roles.join("; "),
                &count.to_string(),
            ];
            assert_eq!(row.iter().collect::<Vec<_>>(), want, "{name}");
        }
    }
    // The awkward fields really were quoted, and one count is known.
    let rows = parse_csv(&export(&by_hand(), Format::CsvEntities).unwrap());
    assert_eq!(rows[1][2], "Ahmed \"Sonny\" Al-Rashid");
    assert_eq!(rows[1][3], "Al-Rashid; Sonny, the \"fixer\"\nof Dubai");
    assert_eq!(rows[1][5], "2");
    assert_eq!(rows[3][4], "emirate\ncapital");
    assert_eq!(rows[2][5], "1", "the unlinked mention counts for no entity");
}

#[test]
fn csv_relations_parse_back() {
    for (name, c) in fixtures() {
        let rows = parse_csv(&export(&c, Format::CsvRelations).unwrap());
        let header = [
            "source",
            "source_name",
            "type",
            "target",
            "target_name",
            "document",
            "evidence",
            "detail",
        ];
        assert_eq!(rows[0], header, "{name}");
        assert_eq!(rows.len(), c.relations.len() + 1, "{name}");
        let name_of = |id: &str| {
            c.entities
                .iter()
                .find(|e| e.id == id)
                .map(|e| e.name.clone())
                .unwrap()
        };
        for (row, r) in rows[1..].iter().zip(&c.relations) {
            let doc = &c.documents[r.document];
            let want = [
                r.source.clone(),
                name_of(&r.source),
                r.kind.clone(),
                r.target.clone(),
                name_of(&r.target),
                doc.source.clone(),
                chars(&doc.text, r.evidence.start, r.evidence.end),
                r.detail.clone().unwrap_or_default(),
            ];
            assert_eq!(row, &want, "{name}");
            assert!(!row[6].is_empty(), "{name}: evidence sentence");
        }
    }
    let rows = parse_csv(&export(&by_hand(), Format::CsvRelations).unwrap());
    assert!(rows[1][6].contains("Inc., met 🇫🇷") && rows[1][6].contains(".\n\nAl-Rashid"));
    assert_eq!(rows[1][7], "head, \"acting\"");
    assert_eq!(rows[1][5], "hand, \"built\".html");
    assert_eq!(rows[2][7], "by phone\r\nlate");
}

#[test]
fn empty_workspace_exports_are_well_formed() {
    let c = empty();
    let table: &[(Format, &str)] = &[
        (Format::Conll, ""),
        (
            Format::CsvEntities,
            "id,label,name,aliases,roles,mentions\r\n",
        ),
        (
            Format::CsvRelations,
            "source,source_name,type,target,target_name,document,evidence,detail\r\n",
        ),
    ];
    for (f, want) in table {
        assert_eq!(export(&c, *f).unwrap(), *want, "{f}");
    }
    assert_eq!(json(Format::WebAnnotation, &c)["total"], 0);
    assert_eq!(json(Format::JsonLd, &c)["@graph"], serde_json::json!([]));
}

#[test]
fn offsets_that_do_not_fit_are_skipped_not_sliced() {
    // Contracts import() refuses, handed straight to export(): no panic, no false selector.
    let mut c = by_hand();
    let doc = &mut c.documents[0];
    let len = doc.text.chars().count();
    doc.mentions.push(MentionDto {
        start: len + 5,
        end: len + 9,
        ..doc.mentions[0].clone()
    });
    doc.mentions.push(MentionDto {
        start: 9,
        end: 4,
        ..doc.mentions[0].clone()
    });
    c.relations[0].evidence = OffsetsDto {
        start: 3,
        end: len + 40,
    };
    c.relations[1].document = 9;
    c.relations[1].target = "nobody".into();
    for f in Format::ALL {
        assert!(export(&c, f).is_ok(), "{f}");
    }
    let anno = json(Format::WebAnnotation, &c);
    assert_eq!(anno["total"], 6, "the two broken mentions are left out");
    let conll = export(&c, Format::Conll).unwrap();
    assert_eq!(conll.matches("B-").count(), 6);
    let rows = parse_csv(&export(&c, Format::CsvRelations).unwrap());
    assert_eq!(
        (
            rows[1][6].as_str(),
            rows[2][4].as_str(),
            rows[2][5].as_str()
        ),
        ("", "", "")
    );
}

#[test]
fn exports_are_deterministic() {
    let c = annotated(&[("strike.txt", STRIKE), ("cairo", CAIRO)]);
    for f in Format::ALL {
        assert_eq!(
            export(&c, f).unwrap(),
            export(&c.clone(), f).unwrap(),
            "{f}"
        );
    }
}

mod props {
    //! Exports of arbitrary annotated input: no panics, selectors and tags that stay true, and
    //! the JSON round trip; and exports of contracts with arbitrary (broken) offsets.
    use super::*;
    use crate::contracts::article;
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "Minister",
        "Amal Nasser",
        "said",
        "on Tuesday",
        "in Beirut",
        "the United Nations",
        ",",
        ".",
        "\"",
        "'s",
        "Hezbollah",
        "Dr.",
        "U.S.",
        "🇱🇧",
        "👩‍⚕️",
        "مرحبا",
        "e\u{301}",
        "\n\n",
        "\n",
        "(AFP)",
        "-",
        "<p>",
        "</p>",
        "&amp;",
        "Jean-Paul Dubois",
        "Inc.",
        "1,200",
        "CEO",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn annotated_input_exports_hold(a in article(WORDS), b in article(WORDS)) {
            let c = annotated(&[("a.html", &a), ("b.txt", &b)]);
            for f in Format::ALL {
                prop_assert!(export(&c, f).is_ok());
            }
            prop_assert_eq!(import(&export(&c, Format::Json).unwrap()).unwrap(), c.clone());
            let conll = export(&c, Format::Conll).unwrap();
            let mentions: usize = c.documents.iter().map(|d| d.mentions.len()).sum();
            prop_assert_eq!(conll.lines().filter(|l| l.contains(" B-")).count(), mentions);
            let v = json(Format::WebAnnotation, &c);
            let items = v["first"]["items"].as_array().cloned().unwrap_or_default();
            prop_assert_eq!(items.len(), mentions);
        }

        #[test]
        fn broken_offsets_never_panic(
            text in "\\PC{0,60}",
            spans in prop::collection::vec((0usize..80, 0usize..80), 0..6),
        ) {
            let mentions = spans
                .iter()
                .map(|&(start, end)| MentionDto {
                    start,
                    end,
                    text: String::new(),
                    label: "PER".into(),
                    entity: "e1".into(),
                    score: 0.5,
                })
                .collect();
            let c = Contract {
                version: VERSION,
                documents: vec![DocumentDto {
                    source: "x".into(),
                    title: None,
                    text,
                    mentions,
                    links: vec![],
                    quotes: vec![],
                    furniture: vec![],
                }],
                entities: vec![entity("e1", "PER", "X", &[], &[])],
                relations: spans
                    .iter()
                    .map(|&(start, end)| RelationDto {
                        source: "e1".into(),
                        target: "e1".into(),
                        kind: "contact".into(),
                        document: start % 2,
                        evidence: OffsetsDto { start, end },
                        detail: None,
                    })
                    .collect(),
                diagnostics: vec![],
            };
            for f in Format::ALL {
                prop_assert!(export(&c, f).is_ok());
            }
            let _ = import(&export(&c, Format::Json).unwrap());
        }
    }
}
