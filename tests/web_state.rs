//! Pure tests of the reducer and of the text layout (no DOM). They run natively
//! (`cargo test -p gloss-app --test web_state`) and in the browser under wasm-pack.

use gloss_app::sample::SAMPLE_SOURCE;
use gloss_app::ui::state::{Action, AppState, Engine, Shared};
use gloss_app::ui::text::{human_date, paragraphs, runs, section_trail, segments, CpText, Segment};
use gloss_core::protocol::{Contract, DocumentDto, OffsetsDto, RelationDto};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn doc(source: &str) -> DocumentDto {
    DocumentDto {
        source: source.to_string(),
        title: None,
        text: format!("Text of {source}."),
        mentions: vec![],
        links: vec![],
        quotes: vec![],
        furniture: vec![],
    }
}

fn relation(document: usize) -> RelationDto {
    RelationDto {
        source: "e1".into(),
        target: "e2".into(),
        kind: "met".into(),
        document,
        evidence: OffsetsDto { start: 0, end: 4 },
        detail: None,
    }
}

fn contract(sources: &[&str], relations: Vec<RelationDto>) -> Shared<Contract> {
    Shared::new(Contract {
        version: 1,
        documents: sources.iter().map(|s| doc(s)).collect(),
        entities: vec![],
        relations,
        diagnostics: vec![],
    })
}

fn add(text: &str) -> Action {
    Action::Add {
        source: None,
        input: text.to_string(),
    }
}

fn run(actions: Vec<Action>) -> AppState {
    let mut s = AppState::default();
    for a in actions {
        s.apply(a);
    }
    s
}

/// The worker's answer to request `seq`.
fn annotated(seq: u64, contract: Shared<Contract>) -> Action {
    Action::Annotated {
        seq,
        contract,
        elapsed_ms: 1.0,
        engine: Engine::Worker,
    }
}

fn answered(s: &AppState, sources: &[&str]) -> Action {
    Action::Annotated {
        seq: s.pending.unwrap_or(0),
        contract: contract(sources, vec![]),
        elapsed_ms: 12.0,
        engine: Engine::Worker,
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn adding_articles_names_pastes_and_requests_annotation() {
    // (actions, expected sources, expected active tab, expected pending seq)
    let cases: Vec<(Vec<Action>, Vec<&str>, usize, Option<u64>)> = vec![
        (vec![add("One.")], vec!["paste 1"], 0, Some(1)),
        (
            vec![add("One."), add("Two.")],
            vec!["paste 1", "paste 2"],
            1,
            Some(2),
        ),
        (
            vec![
                add("One."),
                Action::Add {
                    source: Some("story.html".into()),
                    input: "<p>x</p>".into(),
                },
            ],
            vec!["paste 1", "story.html"],
            1,
            Some(2),
        ),
        (vec![add("   \n ")], vec![], 0, None),
        (
            vec![Action::LoadSample, Action::LoadSample],
            vec![SAMPLE_SOURCE],
            0,
            Some(1),
        ),
        (
            vec![Action::LoadSample, add("Two."), Action::LoadSample],
            vec![SAMPLE_SOURCE, "paste 1"],
            0,
            Some(2),
        ),
    ];
    for (actions, sources, active, pending) in cases {
        let s = run(actions.clone());
        let got: Vec<&str> = s.articles.iter().map(|a| a.source.as_str()).collect();
        assert_eq!(got, sources, "{actions:?}");
        assert_eq!(s.active, active, "{actions:?}");
        assert_eq!(s.pending, pending, "{actions:?}");
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn empty_paste_gives_a_notice_and_no_request() {
    let s = run(vec![add("  ")]);
    assert!(s
        .notice
        .as_deref()
        .is_some_and(|n| n.contains("Nothing to annotate")));
    assert!(s.articles.is_empty());
    let s2 = run(vec![add("  "), add("Real text.")]);
    assert_eq!(s2.notice, None, "a good paste clears the notice");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn only_the_pending_result_is_applied() {
    let mut s = run(vec![add("One.")]);
    let stale = annotated(99, contract(&["x"], vec![]));
    s.apply(stale);
    assert!(
        s.contract.is_none(),
        "an answer to another request is dropped"
    );
    s.apply(add("Two."));
    let first_answer = annotated(1, contract(&["a"], vec![]));
    s.apply(first_answer);
    assert!(
        s.contract.is_none(),
        "an answer overtaken by a newer request is dropped"
    );
    let good = answered(&s, &["paste 1", "paste 2"]);
    s.apply(good);
    assert_eq!(s.pending, None);
    assert_eq!(s.contract.as_ref().map(|c| c.documents.len()), Some(2));
    assert!(
        s.status_text()
            .starts_with("Annotated 2 articles: 0 entities, 0 relations"),
        "{}",
        s.status_text()
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn status_line_tells_what_is_happening() {
    let mut s = AppState::default();
    assert_eq!(s.status_text(), "Paste an article to begin.");
    s.apply(add("One."));
    assert_eq!(s.status_text(), "Annotating 1 article…");
    s.apply(answered(&s, &["paste 1"]));
    assert_eq!(
        s.status_text(),
        "Annotated 1 article: 0 entities, 0 relations · 12 ms in a web worker"
    );
    s.apply(add("Two."));
    assert_eq!(s.status_text(), "Re-annotating 2 articles…");
    s.apply(Action::Annotated {
        seq: s.pending.unwrap_or(0),
        contract: contract(&["a", "b"], vec![]),
        elapsed_ms: 3.4,
        engine: Engine::MainThread,
    });
    assert!(
        s.status_text().ends_with("3 ms on the page"),
        "{}",
        s.status_text()
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn toggling_an_entity_selects_and_deselects() {
    let toggle = |id: &str, from_sidebar| Action::ToggleEntity {
        id: id.to_string(),
        from_sidebar,
    };
    // (actions, expected selection, expected from_sidebar)
    let cases: Vec<(Vec<Action>, Option<&str>, bool)> = vec![
        (vec![toggle("e1", false)], Some("e1"), false),
        (vec![toggle("e1", false), toggle("e1", false)], None, false),
        (
            vec![toggle("e1", false), toggle("e2", true)],
            Some("e2"),
            true,
        ),
        (vec![toggle("e1", true), Action::ClearSelection], None, true),
    ];
    for (actions, selected, from_sidebar) in cases {
        let s = run(actions.clone());
        assert_eq!(s.selected.as_deref(), selected, "{actions:?}");
        assert_eq!(s.selected_from_sidebar, from_sidebar, "{actions:?}");
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_selection_that_no_longer_exists_is_cleared_by_a_new_result() {
    let mut s = run(vec![
        add("One."),
        Action::ToggleEntity {
            id: "e7".into(),
            from_sidebar: false,
        },
    ]);
    s.apply(answered(&s, &["paste 1"]));
    assert_eq!(s.selected, None);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn closing_a_tab_keeps_contract_and_tabs_aligned() {
    let mut s = run(vec![add("A."), add("B."), add("C.")]);
    let seq = s.pending.unwrap_or(0);
    s.apply(annotated(
        seq,
        contract(
            &["paste 1", "paste 2", "paste 3"],
            vec![relation(0), relation(1), relation(2)],
        ),
    ));
    s.apply(Action::SelectTab(2));
    s.apply(Action::CloseTab(1));
    let sources: Vec<&str> = s.articles.iter().map(|a| a.source.as_str()).collect();
    assert_eq!(sources, ["paste 1", "paste 3"]);
    assert_eq!(s.active, 1, "the active tab moves down with its article");
    let c = s
        .contract
        .as_ref()
        .expect("contract kept while re-annotating");
    let docs: Vec<&str> = c.documents.iter().map(|d| d.source.as_str()).collect();
    assert_eq!(docs, ["paste 1", "paste 3"]);
    let rel_docs: Vec<usize> = c.relations.iter().map(|r| r.document).collect();
    assert_eq!(
        rel_docs,
        [0, 1],
        "relations of the closed article go, later ones shift"
    );
    assert_eq!(
        s.pending,
        Some(seq + 1),
        "the smaller workspace is re-annotated"
    );

    s.apply(Action::CloseTab(7));
    assert_eq!(
        s.articles.len(),
        2,
        "closing a tab that does not exist changes nothing"
    );
    s.apply(Action::CloseTab(0));
    s.apply(Action::CloseTab(0));
    assert!(s.articles.is_empty() && s.contract.is_none() && s.pending.is_none());
    assert_eq!(s.status_text(), "Paste an article to begin.");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn select_tab_ignores_out_of_range() {
    let mut s = run(vec![add("A."), add("B.")]);
    s.apply(Action::SelectTab(0));
    assert_eq!(s.active, 0);
    s.apply(Action::SelectTab(5));
    assert_eq!(s.active, 0);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn startup_state_requests_the_sample() {
    let s = AppState::with_sample();
    assert_eq!(s.articles.len(), 1);
    assert_eq!(
        s.articles.first().map(|a| a.source.as_str()),
        Some(SAMPLE_SOURCE)
    );
    assert_eq!(s.pending, Some(1));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn paragraphs_split_at_blank_lines_only() {
    // (text, expected paragraph texts)
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("One.\n\nTwo.", vec!["One.", "Two."]),
        (
            "One.\nstill one.\n\n\n  Two.  ",
            vec!["One.\nstill one.", "Two."],
        ),
        ("\n\n  \n", vec![]),
        ("Only", vec!["Only"]),
        (
            "مرحبا بكم\n \nفي الدوحة 🌍",
            vec!["مرحبا بكم", "في الدوحة 🌍"],
        ),
    ];
    for (text, expected) in cases {
        let cp = CpText::new(text);
        let got: Vec<&str> = paragraphs(text)
            .iter()
            .map(|&(s, e)| cp.slice(s, e))
            .collect();
        assert_eq!(got, expected, "{text:?}");
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn code_point_slices_survive_emoji_arabic_and_bad_offsets() {
    let text = "🌍 قطر Qatar";
    let cp = CpText::new(text);
    // (start, end, expected)
    let cases = [
        (0, 1, "🌍"),
        (2, 5, "قطر"),
        (6, 11, "Qatar"),
        (6, 99, "Qatar"),
        (9, 3, ""),
        (50, 60, ""),
    ];
    for (s, e, expected) in cases {
        assert_eq!(cp.slice(s, e), expected, "{s}..{e}");
    }
    assert_eq!(cp.len(), 11);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn segments_split_partial_overlaps() {
    // "Talks in Doha City today": mention "Doha City" (9..18), link over "in Doha" (6..13).
    let segs = segments((0, 24), &[(9, 18)], &[(6, 13)], &[]);
    let got: Vec<(usize, usize, Option<usize>, Option<usize>)> = segs
        .iter()
        .map(|s| (s.start, s.end, s.mention, s.link))
        .collect();
    assert_eq!(
        got,
        vec![
            (0, 6, None, None),
            (6, 9, None, Some(0)),
            (9, 13, Some(0), Some(0)),
            (13, 18, Some(0), None),
            (18, 24, None, None)
        ]
    );
    let grouped = runs(&segs);
    let shape: Vec<(Option<usize>, Vec<Option<usize>>)> = grouped
        .iter()
        .map(|r| (r.link, r.pieces.iter().map(|p| p.mention).collect()))
        .collect();
    assert_eq!(
        shape,
        vec![
            (None, vec![None]),
            (Some(0), vec![None, Some(0)]),
            (None, vec![Some(0), None])
        ],
        "the mention is split into a chip inside the link and one after it"
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn segments_tile_the_paragraph_and_clip_items() {
    let par = (10, 30);
    let segs = segments(
        par,
        &[(5, 12), (20, 25), (40, 45), (27, 27)],
        &[],
        &[(22, 35)],
    );
    assert_eq!(segs.first().map(|s| s.start), Some(10));
    assert_eq!(segs.last().map(|s| s.end), Some(30));
    assert!(
        segs.windows(2)
            .all(|w| matches!(w, [a, b] if a.end == b.start)),
        "{segs:?}"
    );
    assert_eq!(
        segs.first(),
        Some(&Segment {
            start: 10,
            end: 12,
            mention: Some(0),
            link: None,
            quote: false
        })
    );
    assert!(segs
        .iter()
        .any(|s| s.start == 22 && s.end == 25 && s.mention == Some(1) && s.quote));
    assert!(segs
        .iter()
        .all(|s| s.mention != Some(2) && s.mention != Some(3)));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn dates_and_sections_read_well() {
    let dates = [
        ("2024-12-10", "10 Dec 2024"),
        ("2025-03", "Mar 2025"),
        ("2024-13-01", "2024-13-01"),
        ("soon", "soon"),
    ];
    for (iso, expected) in dates {
        assert_eq!(human_date(iso), expected);
    }
    let sections = [
        ("news/mena", "News › Mena"),
        ("world/middle-east", "World › Middle east"),
        ("/", ""),
    ];
    for (raw, expected) in sections {
        assert_eq!(section_trail(raw), expected);
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_failed_request_stops_waiting_and_says_why() {
    let mut s = run(vec![add("One.")]);
    s.apply(Action::Failed {
        seq: 42,
        message: "nope".into(),
    });
    assert_eq!(
        s.pending,
        Some(1),
        "a failure of another request changes nothing"
    );
    s.apply(Action::Failed {
        seq: 1,
        message: "the annotator script could not load".into(),
    });
    assert_eq!(s.pending, None);
    assert_eq!(
        s.notice.as_deref(),
        Some("Annotation failed: the annotator script could not load")
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn plain_text_is_escaped_into_paragraphs() {
    use gloss_app::annotate::plain_text_as_html;
    let cases = [
        ("One line", "<p>One line</p>\n"),
        ("a <b> & \"c\"", "<p>a &lt;b&gt; &amp; &quot;c&quot;</p>\n"),
        (
            "first\nsecond\n\n\nthird",
            "<p>first<br>second</p>\n<p>third</p>\n",
        ),
        ("x\r\n\r\ny", "<p>x</p>\n<p>y</p>\n"),
        ("  \n\n ", ""),
    ];
    for (text, html) in cases {
        assert_eq!(plain_text_as_html(text), html, "{text:?}");
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn plain_text_mode_shows_markup_as_typed() {
    use gloss_app::annotate::{annotate_articles, ArticleInput, PasteFormat};
    let typed = "The ministry's site showed <script>alert(1)</script> and <b>bold</b> text on Monday, officials in Amman said.";
    let input = PasteFormat::Text.prepare(typed.to_string());
    let contract = annotate_articles(&[ArticleInput {
        source: "paste 1".into(),
        input,
    }]);
    let text = contract
        .documents
        .first()
        .map(|d| d.text.clone())
        .unwrap_or_default();
    assert!(text.contains(typed), "{text:?}");
    let auto = annotate_articles(&[ArticleInput {
        source: "paste 1".into(),
        input: PasteFormat::Auto.prepare(typed.to_string()),
    }]);
    let auto_text = auto
        .documents
        .first()
        .map(|d| d.text.clone())
        .unwrap_or_default();
    assert!(
        !auto_text.contains("<b>"),
        "auto mode reads the markup: {auto_text:?}"
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn replace_makes_one_article_the_whole_workspace() {
    let mut s = run(vec![add("first story"), add("second story")]);
    let a = answered(&s, &["paste 1", "paste 2"]);
    s.apply(a);
    s.apply(Action::Replace {
        source: "host".into(),
        input: "third story".into(),
    });
    assert_eq!(s.articles.len(), 1);
    assert_eq!(s.articles[0].source, "host");
    assert_eq!((s.active, s.contract.is_none()), (0, true));
    assert!(s.pending.is_some(), "a new request");
    // Nothing to annotate: the workspace stays, with a notice.
    let before = s.articles.clone();
    s.apply(Action::Replace {
        source: "host".into(),
        input: "  ".into(),
    });
    assert_eq!(s.articles, before);
    assert!(s.notice.is_some());
    assert!(
        s.notice
            .as_deref()
            .is_some_and(|n| n.starts_with("Nothing to annotate")),
        "{:?}",
        s.notice
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn link_metadata_is_shown_now_and_after_every_result() {
    use gloss_core::links::metadata::LinkMetadata;
    use gloss_core::protocol::{LinkDto, PreviewDto};
    const URL: &str = "https://news.example.com/world/2025/01/02/some-story";
    let with_link = |sources: &[&str]| {
        let mut c = Contract::clone(&contract(sources, vec![]));
        c.documents[0].links.push(LinkDto {
            href: URL.into(),
            anchor: "Text".into(),
            start: 0,
            end: 4,
            safe: true,
            preview: Some(PreviewDto {
                site: "Example".into(),
                title: Some("Some Story".into()),
                title_derived: true,
                ..PreviewDto::default()
            }),
        });
        Shared::new(c)
    };
    let title = |s: &AppState| {
        s.contract
            .as_ref()
            .and_then(|c| c.documents[0].links[0].preview.clone()?.title)
    };
    let mut s = run(vec![add("a story")]);
    let seq = s.pending.unwrap_or(0);
    s.apply(annotated(seq, with_link(&["paste 1"])));
    assert_eq!(title(&s).as_deref(), Some("Some Story"));
    let meta = LinkMetadata {
        title: Some("The real headline".into()),
        ..Default::default()
    };
    s.apply(Action::SetLinkMetadata {
        url: URL.into(),
        meta,
    });
    assert_eq!(title(&s).as_deref(), Some("The real headline"));
    // A later annotation of the workspace gets it too.
    s.apply(add("another story"));
    let seq = s.pending.unwrap_or(0);
    s.apply(annotated(seq, with_link(&["paste 1", "paste 2"])));
    assert_eq!(title(&s).as_deref(), Some("The real headline"));
}
