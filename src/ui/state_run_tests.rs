//! The reducer's handling of a run: progress, partial results, Cancel and the size cap.

use super::*;
use gloss_core::protocol::DocumentDto;

fn doc(source: &str, text: &str) -> DocumentDto {
    DocumentDto {
        source: source.into(),
        title: None,
        text: text.into(),
        mentions: vec![],
        links: vec![],
        quotes: vec![],
        furniture: vec![],
    }
}

fn contract(docs: Vec<DocumentDto>) -> Shared<Contract> {
    Shared::new(Contract {
        version: 1,
        documents: docs,
        entities: vec![],
        relations: vec![],
        diagnostics: vec![],
    })
}

fn add(s: &mut AppState, text: &str) {
    s.apply(Action::Add {
        source: None,
        input: text.into(),
    });
}

/// One article, annotated.
fn settled() -> AppState {
    let mut s = AppState::default();
    add(&mut s, "first");
    let seq = s.pending.expect("pending");
    s.apply(Action::Annotated {
        seq,
        contract: contract(vec![doc("paste 1", "first")]),
        elapsed_ms: 1.0,
        engine: Engine::Worker,
    });
    s
}

#[test]
fn progress_and_partial_results_apply_to_the_pending_request_only() {
    let mut s = settled();
    add(&mut s, "second");
    let seq = s.pending.expect("pending");
    s.apply(Action::Progress {
        seq: seq - 1,
        fraction: 0.5,
        next: "old".into(),
    });
    assert_eq!(s.progress, None, "a stale report is dropped");
    s.apply(Action::Progress {
        seq,
        fraction: 0.42,
        next: "finding names".into(),
    });
    assert_eq!(
        s.progress.as_ref().map(|p| p.next.as_str()),
        Some("finding names")
    );
    assert!(s.status_text().ends_with("… 42%"), "{}", s.status_text());
    s.apply(Action::Progress {
        seq,
        fraction: f64::NAN,
        next: "x".into(),
    });
    assert_eq!(
        s.progress.as_ref().map(|p| p.fraction),
        Some(0.0),
        "NaN is no progress"
    );

    assert!(s.document(1).is_none(), "the new article has no result yet");
    let part = contract(vec![doc("paste 1", "first"), doc("paste 2", "sec")]);
    s.apply(Action::Partial {
        seq,
        contract: part.clone(),
    });
    assert_eq!(
        s.document(1).map(|d| d.text.as_str()),
        Some("sec"),
        "partial text is shown"
    );
    assert_eq!(s.pending, Some(seq), "still waiting");

    let full = contract(vec![doc("paste 1", "first"), doc("paste 2", "second")]);
    s.apply(Action::Annotated {
        seq,
        contract: full,
        elapsed_ms: 5.0,
        engine: Engine::Worker,
    });
    assert_eq!(
        (s.pending, s.progress.clone(), s.partial.is_none()),
        (None, None, true)
    );
    assert_eq!(s.document(1).map(|d| d.text.as_str()), Some("second"));
}

#[test]
fn cancel_drops_the_waiting_articles_and_keeps_the_annotated_ones() {
    let mut s = settled();
    add(&mut s, "second");
    let seq = s.pending.expect("pending");
    s.apply(Action::Partial {
        seq,
        contract: contract(vec![doc("paste 1", "first"), doc("paste 2", "s")]),
    });
    s.apply(Action::Cancel);
    assert_eq!(s.pending, None);
    assert_eq!(s.articles.len(), 1);
    assert_eq!(s.active, 0);
    assert!(s.partial.is_none() && s.progress.is_none());
    assert!(s.notice.as_deref().is_some_and(|n| n.contains("cancelled")));
    assert_eq!(s.document(0).map(|d| d.text.as_str()), Some("first"));
    // The late answer is ignored.
    s.apply(Action::Annotated {
        seq,
        contract: contract(vec![doc("paste 1", "x"), doc("paste 2", "y")]),
        elapsed_ms: 1.0,
        engine: Engine::Worker,
    });
    assert_eq!(s.document(0).map(|d| d.text.as_str()), Some("first"));
    // Nothing pending: Cancel does nothing.
    let before = s.clone();
    s.apply(Action::Cancel);
    assert_eq!(s, before);
}

#[test]
fn cancelling_the_first_article_empties_the_workspace() {
    let mut s = AppState::default();
    add(&mut s, "only");
    s.apply(Action::Cancel);
    assert!(s.articles.is_empty() && s.contract.is_none() && s.pending.is_none());
    assert_eq!(s.status_text(), "Paste an article to begin.");
}

#[test]
fn an_article_above_the_cap_is_refused_with_its_size() {
    let mut s = AppState {
        max_input_bytes: Some(3 * 1024 * 1024),
        ..AppState::default()
    };
    add(&mut s, &"x".repeat(3 * 1024 * 1024 + 200_000));
    assert!(s.articles.is_empty() && s.pending.is_none());
    let notice = s.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("3.2 MB") && notice.contains("above the 3.0 MB"),
        "{notice}"
    );
    add(&mut s, &"x".repeat(3 * 1024 * 1024));
    assert_eq!(s.articles.len(), 1, "at the cap is fine");
    // Without a cap set, the core's limit applies.
    let mut d = AppState::default();
    add(&mut d, &"y".repeat(DEFAULT_MAX_BYTES + 1));
    assert!(d.articles.is_empty());
}
