//! The reducer with corrections: the shown contract follows corrections, undo and redo,
//! re-annotation re-applies them, closing and restoring keep them with their article.

use super::*;
use gloss_core::corrections::MentionRef;
use gloss_core::protocol::{DocumentDto, EntityDto, MentionDto};

const ONE: &str = "Talks in Brellin ended. Ana Ruiz left Brellin.";
const TWO: &str = "Ana Ruiz flew home.";

/// A contract for `texts` marking every occurrence of "Brellin" (LOC e1) and "Ana Ruiz"
/// (PER e2), as an annotator would.
fn annotation(articles: &[(&str, &str)]) -> Shared<Contract> {
    let documents = articles
        .iter()
        .map(|(source, text)| {
            let mut mentions: Vec<MentionDto> =
                [("Brellin", "LOC", "e1"), ("Ana Ruiz", "PER", "e2")]
                    .iter()
                    .flat_map(|&(needle, label, entity)| {
                        text.match_indices(needle).map(move |(b, _)| {
                            let start = text[..b].chars().count();
                            MentionDto {
                                start,
                                end: start + needle.chars().count(),
                                text: needle.into(),
                                label: label.into(),
                                entity: entity.into(),
                                score: 0.4,
                            }
                        })
                    })
                    .collect();
            mentions.sort_by_key(|m| m.start);
            DocumentDto {
                source: source.to_string(),
                title: None,
                text: text.to_string(),
                mentions,
                links: vec![],
                quotes: vec![],
                furniture: vec![],
            }
        })
        .collect();
    let entity = |id: &str, label: &str, name: &str| EntityDto {
        id: id.into(),
        label: label.into(),
        name: name.into(),
        aliases: vec![name.into()],
        roles: vec![],
        related: vec![],
    };
    Shared::new(Contract {
        version: 1,
        documents,
        entities: vec![
            entity("e1", "LOC", "Brellin"),
            entity("e2", "PER", "Ana Ruiz"),
        ],
        relations: vec![],
        diagnostics: vec![],
    })
}

/// State with `texts` pasted and annotated.
fn annotated(texts: &[&str]) -> AppState {
    let mut s = AppState::default();
    for t in texts {
        s.apply(Action::Add {
            source: None,
            input: t.to_string(),
        });
    }
    answer(&mut s);
    s
}

fn answer(s: &mut AppState) {
    let articles: Vec<(String, String)> = s
        .articles
        .iter()
        .map(|a| (a.source.clone(), a.input.clone()))
        .collect();
    let pairs: Vec<(&str, &str)> = articles
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    s.apply(Action::Annotated {
        seq: s.pending.unwrap_or(0),
        contract: annotation(&pairs),
        elapsed_ms: 1.0,
        engine: Engine::MainThread,
    });
}

fn at(s: &AppState, doc: usize, nth: usize) -> MentionRef {
    let d = &s.contract.as_ref().unwrap().documents[doc];
    MentionRef::of(d, &d.mentions[nth])
}

fn texts(s: &AppState, doc: usize) -> Vec<String> {
    s.contract.as_ref().unwrap().documents[doc]
        .mentions
        .iter()
        .map(|m| m.text.clone())
        .collect()
}

#[test]
fn a_correction_changes_what_is_shown_and_undo_redo_walk_it() {
    let mut s = annotated(&[ONE]);
    let base = s.base.clone();
    assert_eq!(texts(&s, 0), ["Brellin", "Ana Ruiz", "Brellin"]);
    s.apply(Action::Correct(Correction::Reject {
        mention: at(&s, 0, 1),
    }));
    assert_eq!(texts(&s, 0), ["Brellin", "Brellin"]);
    assert_eq!(s.base, base, "the annotation itself is kept");
    s.apply(Action::Correct(Correction::Retype {
        mention: at(&s, 0, 0),
        label: "ORG".into(),
    }));
    assert_eq!(s.contract.as_ref().unwrap().entities[0].label, "ORG");
    s.apply(Action::Undo);
    assert_eq!(s.contract.as_ref().unwrap().entities[0].label, "LOC");
    assert_eq!(texts(&s, 0), ["Brellin", "Brellin"]);
    s.apply(Action::Undo);
    assert_eq!(**s.contract.as_ref().unwrap(), **base.as_ref().unwrap());
    s.apply(Action::Undo); // nothing left: no change, no panic
    s.apply(Action::Redo);
    assert_eq!(texts(&s, 0), ["Brellin", "Brellin"]);
    s.apply(Action::Redo);
    assert_eq!(s.contract.as_ref().unwrap().entities[0].label, "ORG");
}

#[test]
fn selection_of_a_removed_entity_is_cleared() {
    let mut s = annotated(&[ONE]);
    s.apply(Action::ToggleEntity {
        id: "e2".into(),
        from_sidebar: false,
    });
    s.apply(Action::Correct(Correction::Reject {
        mention: at(&s, 0, 1),
    }));
    assert_eq!(s.selected, None);
}

#[test]
fn corrections_follow_their_article_through_reannotation_and_tab_changes() {
    let mut s = annotated(&[ONE, TWO]);
    s.apply(Action::Correct(Correction::Reject {
        mention: at(&s, 1, 0),
    }));
    assert!(texts(&s, 1).is_empty());
    // Closing the first tab re-annotates; the second article keeps its correction.
    s.apply(Action::CloseTab(0));
    assert!(texts(&s, 0).is_empty(), "shown while waiting");
    answer(&mut s);
    assert!(texts(&s, 0).is_empty(), "re-applied to the new annotation");
    assert!(s.unapplied.is_empty());
    // Another article before it: same.
    s.apply(Action::Add {
        source: Some("x.txt".into()),
        input: ONE.into(),
    });
    answer(&mut s);
    assert_eq!(texts(&s, 1), ["Brellin", "Ana Ruiz", "Brellin"]);
    assert!(texts(&s, 0).is_empty());
}

#[test]
fn corrections_that_no_longer_fit_are_listed() {
    let mut s = annotated(&[ONE]);
    s.apply(Action::Correct(Correction::Accept {
        mention: at(&s, 0, 1),
    }));
    // The next annotation does not mark "Ana Ruiz" any more.
    let mut c = Contract::clone(s.base.as_ref().unwrap());
    c.documents[0].mentions.remove(1);
    s.apply(Action::Add {
        source: None,
        input: TWO.into(),
    });
    let mut two = Contract::clone(&annotation(&[("paste 2", TWO)]));
    c.documents.push(two.documents.remove(0));
    s.apply(Action::Annotated {
        seq: s.pending.unwrap(),
        contract: Shared::new(c),
        elapsed_ms: 1.0,
        engine: Engine::Worker,
    });
    assert_eq!(s.unapplied.len(), 1);
    assert_eq!(s.unapplied[0].correction.mention().document, "paste 1");
    assert_eq!(
        s.unapplied[0].reason,
        gloss_core::corrections::Reason::NoMention
    );
}

#[test]
fn a_correction_for_an_unknown_document_is_ignored() {
    let mut s = annotated(&[ONE]);
    let mut m = at(&s, 0, 0);
    m.document = "nowhere".into();
    let before = s.clone();
    s.apply(Action::Correct(Correction::Reject { mention: m }));
    assert_eq!(s, before);
}

#[test]
fn restore_brings_back_the_workspace_and_its_corrections() {
    let mut s = annotated(&[ONE, TWO]);
    s.apply(Action::SelectTab(0));
    s.apply(Action::ToggleEntity {
        id: "e1".into(),
        from_sidebar: true,
    });
    s.apply(Action::Correct(Correction::Reject {
        mention: at(&s, 0, 1),
    }));
    let saved = s.saved();
    let key = content_key(ONE);
    let list = s.edits.list(&key).to_vec();

    let mut r = AppState::restored(saved.clone());
    assert_eq!(
        (r.articles.to_vec(), r.active, r.selected.clone(), r.pastes),
        (s.articles.to_vec(), 0, Some("e1".into()), 2)
    );
    assert!(r.pending.is_some());
    r.apply(Action::RestoreCorrections {
        key: key.clone(),
        corrections: list.clone(),
    });
    answer(&mut r);
    assert_eq!(
        **r.contract.as_ref().unwrap(),
        **s.contract.as_ref().unwrap()
    );
    assert_eq!(r.selected, Some("e1".into()));
    // Restored lists do not override corrections made meanwhile.
    r.apply(Action::Correct(Correction::Accept {
        mention: at(&r, 0, 0),
    }));
    r.apply(Action::RestoreCorrections {
        key: key.clone(),
        corrections: list,
    });
    assert_eq!(r.edits.list(&key).len(), 2);
    // A saved active tab past the end is clamped.
    let mut odd = saved;
    odd.active = 9;
    assert_eq!(AppState::restored(odd).active, 1);
}

#[test]
fn import_replaces_the_workspace_and_keeps_the_corrections() {
    let mut s = annotated(&[ONE, TWO]);
    s.apply(Action::Correct(Correction::Reject {
        mention: at(&s, 0, 0),
    }));
    let list: Vec<Correction> = s
        .edits
        .list(&content_key(ONE))
        .iter()
        .map(|c| c.clone().with_documents(|_| "paste 1".into()))
        .collect();
    let exported = s.contract.clone().unwrap();
    let mut t = annotated(&["Something else entirely."]);
    t.apply(Action::Import {
        contract: exported.clone(),
        corrections: list,
    });
    assert_eq!(
        t.articles
            .iter()
            .map(|a| a.source.as_str())
            .collect::<Vec<_>>(),
        ["paste 1", "paste 2"]
    );
    assert!(t.contract.is_none() && t.pending.is_some());
    answer(&mut t);
    assert_eq!(t.contract.as_ref().unwrap().documents, exported.documents);
    assert!(t.unapplied.is_empty());
    t.apply(Action::Import {
        contract: Shared::new(Contract {
            documents: vec![],
            ..Contract::clone(&exported)
        }),
        corrections: vec![],
    });
    assert!(t.notice.is_some());
}
