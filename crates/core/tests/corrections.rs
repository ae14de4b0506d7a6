//! Editor corrections: each operation on a hand-built two-article contract (mentions, entity
//! lists, relations, quotes, previews after it), corrections that no longer fit (listed with a
//! reason, never dropped), re-application to a fresh annotation, the gloss JSON round trip,
//! and arbitrary corrections on arbitrary annotated input (valid contract, no panic).

mod contracts;

use contracts::{annotated, entity, offsets, offsets_of};
use gloss_core::corrections::{
    apply, export_json, import_json, Applied, Correction, MentionRef, Reason,
};
use gloss_core::export::validate;
use gloss_core::protocol::{
    Contract, DocumentDto, EntityDto, LinkDto, MentionDto, PreviewDto, QuoteDto, RelationDto,
    VERSION,
};

const A: &str =
    "Amira Haddad met Omar Saleh in Tunis.\n\n\"Talks went well,\" Haddad said of Saleh.";
const B: &str = "Saleh flew to Tunis on Monday with Karim Nour to see Haddad.";

fn mention(text: &str, exact: &str, nth: usize, label: &str, entity: &str) -> MentionDto {
    let (start, end) = offsets(text, exact, nth);
    MentionDto {
        start,
        end,
        text: exact.into(),
        label: label.into(),
        entity: entity.into(),
        score: 0.5,
    }
}

fn fixture() -> Contract {
    let (qs, qe) = offsets(A, "\"Talks went well,\"", 0);
    let (ls, le) = offsets(B, "Tunis", 0);
    Contract {
        version: VERSION,
        documents: vec![
            DocumentDto {
                source: "a".into(),
                title: None,
                text: A.into(),
                mentions: vec![
                    mention(A, "Amira Haddad", 0, "PER", "e1"),
                    mention(A, "Omar Saleh", 0, "PER", "e2"),
                    mention(A, "Tunis", 0, "LOC", "e3"),
                    mention(A, "Haddad", 1, "PER", "e1"),
                    mention(A, "Saleh", 1, "PER", "e2"),
                ],
                links: vec![],
                quotes: vec![QuoteDto {
                    start: qs,
                    end: qe,
                    speaker: Some("e1".into()),
                }],
                furniture: vec![],
            },
            DocumentDto {
                source: "b".into(),
                title: None,
                text: B.into(),
                mentions: vec![
                    mention(B, "Saleh", 0, "PER", "e2"),
                    mention(B, "Tunis", 0, "LOC", "e3"),
                    mention(B, "Monday", 0, "DATE", "e4"),
                ],
                links: vec![LinkDto {
                    href: "https://example.com/tunis-talks".into(),
                    anchor: "Tunis".into(),
                    start: ls,
                    end: le,
                    safe: true,
                    preview: Some(PreviewDto {
                        site: "example.com".into(),
                        section: None,
                        date: None,
                        title: Some("Tunis talks".into()),
                        entities: vec!["e3".into(), "e2".into()],
                        trail: None,
                        title_derived: true,
                        relative: None,
                        document: None,
                        lead: None,
                        ..PreviewDto::default()
                    }),
                }],
                quotes: vec![],
                furniture: vec![],
            },
        ],
        entities: vec![
            entity(
                "e1",
                "PER",
                "Amira Haddad",
                &["Amira Haddad", "Haddad"],
                &[],
            ),
            entity("e2", "PER", "Omar Saleh", &["Omar Saleh", "Saleh"], &[]),
            entity("e3", "LOC", "Tunis", &["Tunis"], &[]),
            entity("e4", "DATE", "Monday", &["Monday"], &[]),
        ],
        relations: vec![
            RelationDto {
                source: "e1".into(),
                target: "e2".into(),
                kind: "contact".into(),
                document: 0,
                evidence: offsets_of(A, "Amira Haddad met Omar Saleh in Tunis."),
                detail: None,
            },
            RelationDto {
                source: "e1".into(),
                target: "e2".into(),
                kind: "said".into(),
                document: 0,
                evidence: offsets_of(A, "\"Talks went well,\" Haddad said of Saleh."),
                detail: None,
            },
        ],
        diagnostics: vec![],
    }
}

/// The reference to the `nth` occurrence of `exact` in document `doc` ("a" or "b").
fn at(doc: &str, exact: &str, nth: usize) -> MentionRef {
    let text = if doc == "a" { A } else { B };
    let (start, end) = offsets(text, exact, nth);
    MentionRef {
        document: doc.into(),
        start,
        end,
        text: exact.into(),
    }
}

/// Applies and checks the result is a valid contract with everything applied.
fn applied(corrections: &[Correction]) -> Contract {
    let Applied {
        contract,
        unapplied,
    } = apply(&fixture(), corrections);
    assert!(unapplied.is_empty(), "unapplied: {unapplied:?}");
    validate(&contract).expect("corrected contract is valid");
    contract
}

/// (text, label, entity) of each mention of document `d`.
fn mentions(c: &Contract, d: usize) -> Vec<(String, String, String)> {
    c.documents[d]
        .mentions
        .iter()
        .map(|m| (m.text.clone(), m.label.clone(), m.entity.clone()))
        .collect()
}

fn triples(list: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    list.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

fn entity_of<'a>(c: &'a Contract, id: &str) -> Option<&'a EntityDto> {
    c.entities.iter().find(|e| e.id == id)
}

fn relations(c: &Contract) -> Vec<(String, String, String)> {
    c.relations
        .iter()
        .map(|r| (r.source.clone(), r.target.clone(), r.kind.clone()))
        .collect()
}

#[test]
fn the_fixture_is_valid_and_no_corrections_change_nothing() {
    validate(&fixture()).unwrap();
    let a = apply(&fixture(), &[]);
    assert_eq!(a.contract, fixture());
    assert!(a.unapplied.is_empty());
}

#[test]
fn corrections_serialize_with_an_op_tag_and_camel_case() {
    let c = Correction::Retype {
        mention: at("b", "Tunis", 0),
        label: "ORG".into(),
    };
    assert_eq!(
        serde_json::to_string(&c).unwrap(),
        r#"{"op":"retype","mention":{"document":"b","start":14,"end":19,"text":"Tunis"},"label":"ORG"}"#
    );
    let all = vec![
        Correction::Accept {
            mention: at("a", "Tunis", 0),
        },
        Correction::Reject {
            mention: at("a", "Tunis", 0),
        },
        c,
        Correction::Add {
            mention: at("b", "Karim Nour", 0),
            label: "PER".into(),
        },
        Correction::Merge {
            mention: at("b", "Saleh", 0),
            into: at("a", "Haddad", 1),
        },
        Correction::Split {
            mention: at("a", "Haddad", 1),
        },
    ];
    let json = serde_json::to_string(&all).unwrap();
    for op in ["accept", "reject", "retype", "add", "merge", "split"] {
        assert!(json.contains(&format!(r#""op":"{op}""#)), "{op} in {json}");
    }
    let back: Vec<Correction> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, all);
}

#[test]
fn accept_confirms_the_mention_only() {
    let c = applied(&[Correction::Accept {
        mention: at("a", "Tunis", 0),
    }]);
    assert_eq!(c.documents[0].mentions[2].score, 1.0);
    let mut expected = fixture();
    expected.documents[0].mentions[2].score = 1.0;
    assert_eq!(c, expected);
}

#[test]
fn reject_removes_the_mention_and_what_it_alone_stated() {
    let c = applied(&[Correction::Reject {
        mention: at("a", "Omar Saleh", 0),
    }]);
    assert_eq!(
        mentions(&c, 0),
        triples(&[
            ("Amira Haddad", "PER", "e1"),
            ("Tunis", "LOC", "e3"),
            ("Haddad", "PER", "e1"),
            ("Saleh", "PER", "e2"),
        ])
    );
    // The meeting was stated through "Omar Saleh" only; the quote's relation stays.
    assert_eq!(
        relations(&c),
        vec![("e1".into(), "e2".into(), "said".into())]
    );
    let e2 = entity_of(&c, "e2").unwrap();
    assert_eq!(e2.aliases, vec!["Saleh".to_string()]);
    assert_eq!(e2.name, "Saleh");
}

#[test]
fn rejecting_the_last_mention_removes_the_entity_everywhere() {
    let c = applied(&[
        Correction::Reject {
            mention: at("a", "Tunis", 0),
        },
        Correction::Reject {
            mention: at("b", "Tunis", 0),
        },
    ]);
    assert!(entity_of(&c, "e3").is_none());
    let preview = c.documents[1].links[0].preview.as_ref().unwrap();
    assert_eq!(preview.entities, vec!["e2".to_string()]);

    let c = applied(&[
        Correction::Reject {
            mention: at("a", "Amira Haddad", 0),
        },
        Correction::Reject {
            mention: at("a", "Haddad", 1),
        },
    ]);
    assert!(entity_of(&c, "e1").is_none());
    assert!(
        c.relations.is_empty(),
        "relations of e1 go: {:?}",
        c.relations
    );
    assert_eq!(c.documents[0].quotes[0].speaker, None);
}

#[test]
fn retype_changes_the_entity_and_all_its_mentions() {
    let c = applied(&[Correction::Retype {
        mention: at("b", "Tunis", 0),
        label: "org".into(),
    }]);
    assert_eq!(entity_of(&c, "e3").unwrap().label, "ORG");
    let tunis: Vec<(String, f32)> = c
        .documents
        .iter()
        .flat_map(|d| d.mentions.iter())
        .filter(|m| m.entity == "e3")
        .map(|m| (m.label.clone(), m.score))
        .collect();
    assert_eq!(tunis, vec![("ORG".into(), 0.5), ("ORG".into(), 1.0)]);
}

#[test]
fn add_makes_a_new_entity_or_joins_one_with_that_name() {
    let c = applied(&[
        Correction::Add {
            mention: at("b", "Karim Nour", 0),
            label: "PER".into(),
        },
        Correction::Add {
            mention: at("b", "Haddad", 0),
            label: "PER".into(),
        },
    ]);
    assert_eq!(
        mentions(&c, 1),
        triples(&[
            ("Saleh", "PER", "e2"),
            ("Tunis", "LOC", "e3"),
            ("Monday", "DATE", "e4"),
            ("Karim Nour", "PER", "e5"),
            ("Haddad", "PER", "e1"),
        ])
    );
    let e5 = entity_of(&c, "e5").unwrap();
    assert_eq!((e5.label.as_str(), e5.name.as_str()), ("PER", "Karim Nour"));
    assert!(c.documents[1]
        .mentions
        .iter()
        .filter(|m| m.entity != "e4")
        .all(|m| m.entity != "e5" || m.score == 1.0));
}

#[test]
fn merge_moves_every_mention_and_reference() {
    // Saleh is (wrongly, for the test) the same person as Haddad.
    let c = applied(&[Correction::Merge {
        mention: at("b", "Saleh", 0),
        into: at("a", "Haddad", 1),
    }]);
    assert!(entity_of(&c, "e2").is_none());
    let e1 = entity_of(&c, "e1").unwrap();
    assert_eq!(
        e1.aliases,
        vec!["Amira Haddad", "Haddad", "Omar Saleh", "Saleh"]
    );
    assert!(c
        .documents
        .iter()
        .flat_map(|d| &d.mentions)
        .all(|m| m.entity != "e2"));
    // e1 → e2 relations became e1 → e1: dropped.
    assert!(c.relations.is_empty());
    let preview = c.documents[1].links[0].preview.as_ref().unwrap();
    assert_eq!(preview.entities, vec!["e3".to_string(), "e1".to_string()]);
    // A merge across labels takes the label of the entity merged into.
    let c = applied(&[Correction::Merge {
        mention: at("a", "Tunis", 0),
        into: at("a", "Saleh", 1),
    }]);
    assert!(c.documents[1]
        .mentions
        .iter()
        .any(|m| m.text == "Tunis" && m.label == "PER" && m.entity == "e2"));
}

#[test]
fn split_makes_the_mention_its_own_entity() {
    let c = applied(&[Correction::Split {
        mention: at("a", "Haddad", 1),
    }]);
    let e5 = entity_of(&c, "e5").unwrap();
    assert_eq!((e5.label.as_str(), e5.name.as_str()), ("PER", "Haddad"));
    assert_eq!(c.documents[0].mentions[3].entity, "e5");
    // The sentence that only "Haddad" stated now relates the new entity.
    assert_eq!(
        relations(&c),
        vec![
            ("e1".into(), "e2".into(), "contact".into()),
            ("e5".into(), "e2".into(), "said".into())
        ]
    );
    let e1 = entity_of(&c, "e1").unwrap();
    assert_eq!(e1.aliases, vec!["Amira Haddad".to_string()]);
    // ...and can be merged back.
    let c = applied(&[
        Correction::Split {
            mention: at("a", "Haddad", 1),
        },
        Correction::Merge {
            mention: at("a", "Haddad", 1),
            into: at("a", "Amira Haddad", 0),
        },
    ]);
    assert_eq!(c.documents[0].mentions[3].entity, "e1");
    assert!(entity_of(&c, "e5").is_none());
}

#[test]
fn corrections_that_do_not_fit_are_listed_with_a_reason() {
    let moved = MentionRef {
        start: 1,
        end: 6,
        ..at("a", "Tunis", 0)
    };
    let table: Vec<(Correction, Reason)> = vec![
        (
            Correction::Accept {
                mention: MentionRef {
                    document: "zz".into(),
                    ..at("a", "Tunis", 0)
                },
            },
            Reason::NoDocument,
        ),
        (
            Correction::Reject {
                mention: moved.clone(),
            },
            Reason::TextChanged {
                found: "mira ".into(),
            },
        ),
        (
            Correction::Reject {
                mention: MentionRef {
                    text: "Tunisia".into(),
                    ..at("a", "Tunis", 0)
                },
            },
            Reason::TextChanged {
                found: "Tunis".into(),
            },
        ),
        (
            Correction::Accept {
                mention: at("a", "met", 0),
            },
            Reason::NoMention,
        ),
        (
            Correction::Retype {
                mention: at("a", "Tunis", 0),
                label: "CITY".into(),
            },
            Reason::UnknownLabel {
                label: "CITY".into(),
            },
        ),
        (
            Correction::Add {
                mention: at("b", "Saleh flew", 0),
                label: "PER".into(),
            },
            Reason::Overlaps {
                text: "Saleh".into(),
            },
        ),
        (
            Correction::Add {
                mention: MentionRef {
                    text: "Karim Noor".into(),
                    ..at("b", "Karim Nour", 0)
                },
                label: "PER".into(),
            },
            Reason::TextChanged {
                found: "Karim Nour".into(),
            },
        ),
        (
            Correction::Add {
                mention: MentionRef {
                    start: 500,
                    end: 510,
                    ..at("b", "Karim Nour", 0)
                },
                label: "PER".into(),
            },
            Reason::TextChanged {
                found: String::new(),
            },
        ),
        (
            Correction::Merge {
                mention: at("a", "Haddad", 1),
                into: at("a", "Amira Haddad", 0),
            },
            Reason::SameEntity,
        ),
        (
            Correction::Split {
                mention: at("b", "Monday", 0),
            },
            Reason::AlreadyAlone,
        ),
    ];
    for (correction, reason) in &table {
        let a = apply(&fixture(), std::slice::from_ref(correction));
        assert_eq!(a.contract, fixture(), "{correction:?} changed nothing");
        assert_eq!(a.unapplied.len(), 1, "{correction:?}");
        assert_eq!(&a.unapplied[0].reason, reason, "{correction:?}");
        assert_eq!(&a.unapplied[0].correction, correction);
        assert!(!reason.to_string().is_empty());
    }
    // Mixed with ones that fit, they keep their order and the others still apply.
    let list: Vec<Correction> = table
        .iter()
        .map(|(c, _)| c.clone())
        .chain([Correction::Reject {
            mention: at("b", "Monday", 0),
        }])
        .collect();
    let a = apply(&fixture(), &list);
    assert_eq!(
        a.unapplied
            .iter()
            .map(|u| u.correction.clone())
            .collect::<Vec<_>>(),
        list[..table.len()].to_vec()
    );
    assert!(entity_of(&a.contract, "e4").is_none());
}

#[test]
fn a_rejected_mention_cannot_be_accepted_later() {
    let list = [
        Correction::Reject {
            mention: at("a", "Tunis", 0),
        },
        Correction::Accept {
            mention: at("a", "Tunis", 0),
        },
    ];
    let a = apply(&fixture(), &list);
    assert_eq!(a.unapplied.len(), 1);
    assert_eq!(a.unapplied[0].reason, Reason::NoMention);
}

#[test]
fn describe_and_with_documents() {
    let c = Correction::Merge {
        mention: at("b", "Saleh", 0),
        into: at("a", "Haddad", 1),
    };
    assert_eq!(c.describe(), "Merged “Saleh” into “Haddad”");
    let moved = c.with_documents(|d| format!("{d}:2"));
    match moved {
        Correction::Merge { mention, into } => {
            assert_eq!(
                (mention.document.as_str(), into.document.as_str()),
                ("b:2", "a:2")
            )
        }
        other => panic!("still a merge: {other:?}"),
    }
    assert_eq!(
        Correction::Reject {
            mention: at("a", "Tunis", 0)
        }
        .describe(),
        "Rejected “Tunis”"
    );
}

const STORY: &str = "Port workers in Valmora walked out on Friday.

Union leader Teodor Brandt said the Valmora Port Authority had refused to meet them. Brandt later met Mayor Ilse Kramer in Valmora.";

/// One correction of each kind that fits `c` (as far as its mentions allow).
fn some_corrections(c: &Contract) -> Vec<Correction> {
    let doc = &c.documents[0];
    let refs: Vec<MentionRef> = doc
        .mentions
        .iter()
        .map(|m| MentionRef::of(doc, m))
        .collect();
    let mut list = Vec::new();
    if let Some(first) = refs.first() {
        list.push(Correction::Accept {
            mention: first.clone(),
        });
        list.push(Correction::Retype {
            mention: first.clone(),
            label: "MISC".into(),
        });
    }
    // Merge the second mention into the last mention of another entity, then split it off.
    let other = doc.mentions.get(1).and_then(|m1| {
        doc.mentions
            .iter()
            .rev()
            .find(|m| m.entity != m1.entity)
            .map(|m| MentionRef::of(doc, m))
    });
    if let (Some(a), Some(b)) = (refs.get(1), other) {
        list.push(Correction::Merge {
            mention: a.clone(),
            into: b,
        });
        list.push(Correction::Split { mention: a.clone() });
    }
    if let Some(r) = refs.get(2) {
        list.push(Correction::Reject { mention: r.clone() });
    }
    let (start, end) = offsets(&doc.text, "walked", 0);
    list.push(Correction::Add {
        mention: MentionRef {
            document: doc.source.clone(),
            start,
            end,
            text: "walked".into(),
        },
        label: "MISC".into(),
    });
    list
}

#[test]
fn corrections_reapply_to_a_fresh_annotation_of_the_same_article() {
    let first = annotated(&[("story.txt", STORY)]);
    assert!(
        first.documents[0].mentions.len() >= 3,
        "{:?}",
        first.documents[0].mentions
    );
    let list = some_corrections(&first);
    let once = apply(&first, &list);
    assert!(once.unapplied.is_empty(), "{:?}", once.unapplied);
    validate(&once.contract).unwrap();
    let again = apply(&annotated(&[("story.txt", STORY)]), &list);
    assert_eq!(again, once);
    // The same article after another in the workspace: same corrections, still applied.
    let with_other = apply(
        &annotated(&[
            ("other.txt", "Talks in Brellin ended on Monday."),
            ("story.txt", STORY),
        ]),
        &list,
    );
    assert!(
        with_other.unapplied.is_empty(),
        "{:?}",
        with_other.unapplied
    );
    // An edited article: corrections whose text moved are listed, not dropped.
    let edited = STORY.replacen("Port workers", "Dock and port workers", 1);
    let moved = apply(&annotated(&[("story.txt", &edited)]), &list);
    assert!(!moved.unapplied.is_empty());
    validate(&moved.contract).unwrap();
}

#[test]
fn gloss_json_round_trip_keeps_the_corrections() {
    let base = annotated(&[
        ("story.txt", STORY),
        ("other.txt", "Talks in Brellin ended on Monday."),
    ]);
    let list = some_corrections(&base);
    let json = export_json(&base, &list).unwrap();
    let (contract, corrections) = import_json(&json).unwrap();
    assert_eq!(corrections, list);
    assert_eq!(contract, apply(&base, &list).contract);
    // The import is the corrected contract, which is also plain gloss JSON.
    assert_eq!(gloss_core::export::import(&json).unwrap(), contract);
    // Re-annotating the imported texts and re-applying gives the same workspace.
    let texts: Vec<(&str, &str)> = contract
        .documents
        .iter()
        .map(|d| (d.source.as_str(), d.text.as_str()))
        .collect();
    let again = apply(&annotated(&texts), &corrections);
    assert!(again.unapplied.is_empty(), "{:?}", again.unapplied);
    assert_eq!(again.contract.documents, contract.documents);
    assert_eq!(again.contract.entities, contract.entities);
    assert_eq!(again.contract.relations, contract.relations);
    // Without corrections the export is exactly the contract export.
    assert_eq!(
        export_json(&base, &[]).unwrap(),
        gloss_core::export::export(&base, gloss_core::export::Format::Json).unwrap()
    );
    // A broken corrections list is an error, not an empty list.
    let broken = json.replacen("\"op\": \"accept\"", "\"op\": \"approve\"", 1);
    assert!(import_json(&broken).is_err());
}

mod props {
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
        "Hezbollah",
        "Dr.",
        "🇱🇧",
        "مرحبا",
        "e\u{301}",
        "\n\n",
        "met",
        "Nasser",
        "Beirut",
        "Jean-Paul Dubois",
        "Inc.",
    ];
    const LABELS: &[&str] = &["PER", "ORG", "LOC", "MISC", "DATE", "XYZ"];

    /// A correction built from indices into the contract's mentions and text.
    fn pick(
        c: &Contract,
        op: u8,
        i: usize,
        j: usize,
        len: usize,
        label: usize,
    ) -> Option<Correction> {
        let doc = c.documents.get(i % c.documents.len().max(1))?;
        let nth = |k: usize| {
            doc.mentions
                .get(k % doc.mentions.len().max(1))
                .map(|m| MentionRef::of(doc, m))
        };
        let label = LABELS[label % LABELS.len()].to_string();
        Some(match op % 6 {
            0 => Correction::Accept { mention: nth(j)? },
            1 => Correction::Reject { mention: nth(j)? },
            2 => Correction::Retype {
                mention: nth(j)?,
                label,
            },
            3 => {
                let chars: Vec<char> = doc.text.chars().collect();
                let start = j % (chars.len() + 1);
                let end = (start + len).min(chars.len());
                let text: String = chars.get(start..end)?.iter().collect();
                Correction::Add {
                    mention: MentionRef {
                        document: doc.source.clone(),
                        start,
                        end,
                        text,
                    },
                    label,
                }
            }
            4 => Correction::Merge {
                mention: nth(j)?,
                into: nth(j / 3 + len)?,
            },
            _ => Correction::Split { mention: nth(j)? },
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

        #[test]
        fn any_corrections_keep_the_contract_valid(
            a in article(WORDS),
            b in article(WORDS),
            ops in prop::collection::vec((0u8..6, 0usize..2, 0usize..50, 0usize..12, 0usize..6), 0..12),
        ) {
            let c = annotated(&[("a", &a), ("b", &b)]);
            let list: Vec<Correction> = ops.iter().filter_map(|&(op, i, j, len, l)| pick(&c, op, i, j, len, l)).collect();
            let out = apply(&c, &list);
            prop_assert!(validate(&out.contract).is_ok(), "{:?}", validate(&out.contract));
            prop_assert!(out.unapplied.len() <= list.len());
            prop_assert_eq!(apply(&c, &list), out.clone());
            for doc in &out.contract.documents {
                prop_assert!(doc.mentions.windows(2).all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end)));
                prop_assert!(doc.mentions.iter().all(|m| m.entity.is_empty() || out.contract.entities.iter().any(|e| e.id == m.entity)));
            }
            for r in &out.contract.relations {
                prop_assert!(r.source != r.target || c.relations.iter().any(|o| o.source == o.target));
            }
        }
    }
}

#[test]
fn imported_documents_annotate_back_to_the_same_text_and_title() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/articles");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html" || x == "txt"))
        .collect();
    names.sort();
    names.push(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/e2e/fixtures/cms-article.html"
        )
        .into(),
    );
    let mut bad = Vec::new();
    for path in &names {
        let input = std::fs::read_to_string(path).unwrap();
        let c = annotated(&[("x", &input)]);
        let doc = &c.documents[0];
        let again = annotated(&[("x", &gloss_core::corrections::article_input(doc))]);
        let back = &again.documents[0];
        if (back.text.as_str(), back.title.as_deref()) != (doc.text.as_str(), doc.title.as_deref())
        {
            bad.push(format!(
                "{}: {:?} / {:?}",
                path.display(),
                doc.title,
                back.title
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "{} of {}:\n{}",
        bad.len(),
        names.len(),
        bad.join("\n")
    );
}
