//! Property tests of the whole pipeline on arbitrary text and HTML-ish input: no panics,
//! spans inside the text on char boundaries, mentions sorted and non-overlapping, contract
//! offsets (code points) that slice the text to what they claim, ids that resolve, and
//! determinism. Case counts are modest so the suite stays fast in debug builds.

use gloss_core::protocol::Contract;
use gloss_core::{annotate, annotate_workspace, Article, Span, Workspace};
use proptest::prelude::*;

/// Pieces of news HTML and text that exercise every stage: tags, entities, links (safe,
/// unsafe, relative), quotes, abbreviations, Arabic, emoji and combining marks.
const PIECES: &[&str] = &[
    "<p>",
    "</p>",
    "<br>",
    "<br/>",
    "<div>",
    "</div>",
    "<h1>",
    "</h1>",
    "<b>",
    "</b>",
    "<strong>",
    "</strong>",
    "<a href=\"https://www.reuters.com/world/middle-east/qatar-talks-with-syrias-hts-2024-12-10/\">",
    "<a href=\"https://www.thenationalnews.com/news/mena/2024/12/09/assads-fall/\">",
    "<a href=\"javascript:alert(1)\">",
    "<a href=\"/relative/path\">",
    "<a href=\"mailto:x@y.z\">",
    "<a>",
    "</a>",
    "<script>var x = '<p>';</script>",
    "<style>p{}</style>",
    "<!-- note -->",
    "<nav>Home | World</nav>",
    "&amp;",
    "&lt;script&gt;",
    "&nbsp;",
    "&#x1F600;",
    "&bogus;",
    "<",
    ">",
    "\"",
    "'",
    "“",
    "”",
    "Qatar",
    "Syria's",
    "Damascus",
    "Mohammed al-Bashir",
    "Bashar al-Assad",
    "Hayat Tahrir al-Sham (HTS)",
    "HTS",
    "Al-Sharaa",
    "the United Nations",
    "said",
    "told Reuters",
    "according to",
    "met",
    "on Tuesday",
    "Dec 10",
    "2024",
    "U.S.",
    "Mr.",
    "Dr. Smith",
    " ",
    " ",
    "\n",
    "\n\n",
    "\t",
    ".",
    ",",
    "-",
    " - ",
    "مرحبا",
    "الشرع",
    "😀",
    "👨‍👩‍👧",
    "e\u{301}",
    "\u{200d}",
    "\u{feff}",
    "\r\n",
    "https://apnews.com/article/syria-aleppo-rebels-0a1b2c3d4e5f67890abcdef123456789",
];

fn htmlish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

fn on_boundary(text: &str, s: Span) -> bool {
    s.start <= s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

/// Code points `start..end` of `text`, or `None` if out of range.
fn chars(text: &str, start: usize, end: usize) -> Option<String> {
    let n = text.chars().count();
    (start <= end && end <= n).then(|| text.chars().skip(start).take(end - start).collect())
}

/// Every invariant of one annotated workspace; `Err` names the first one broken.
fn check_workspace(ws: &Workspace) -> Result<(), String> {
    for (d, doc) in ws.documents.iter().enumerate() {
        let text = &doc.ingested.text;
        let mut prev_end = 0;
        for m in &doc.mentions {
            if !on_boundary(text, m.span) || m.span.is_empty() {
                return Err(format!(
                    "doc {d}: mention {:?} not a non-empty span on char boundaries",
                    m.span
                ));
            }
            if m.span.start < prev_end {
                return Err(format!(
                    "doc {d}: mention {:?} overlaps or is out of order",
                    m.span
                ));
            }
            prev_end = m.span.end;
            if !(0.0..=1.0).contains(&m.score) {
                return Err(format!("doc {d}: score {} out of [0, 1]", m.score));
            }
        }
        for a in &doc.ingested.anchors {
            if !on_boundary(text, a.span) {
                return Err(format!("doc {d}: anchor {:?} off the text", a.span));
            }
        }
        for p in &doc.ingested.paragraphs {
            if !on_boundary(text, *p) {
                return Err(format!("doc {d}: paragraph {p:?} off the text"));
            }
        }
        for q in &doc.quotes {
            if !on_boundary(text, q.span) || q.speaker.is_some_and(|s| s >= ws.entities.len()) {
                return Err(format!(
                    "doc {d}: quote {:?} off the text or speaker unknown",
                    q.span
                ));
            }
        }
        for r in &doc.relations {
            if !on_boundary(text, r.evidence)
                || r.source >= ws.entities.len()
                || r.target >= ws.entities.len()
            {
                return Err(format!(
                    "doc {d}: relation {r:?} off the text or to an unknown entity"
                ));
            }
        }
        if doc.previews.len() != doc.ingested.anchors.len() {
            return Err(format!(
                "doc {d}: {} previews for {} anchors",
                doc.previews.len(),
                doc.ingested.anchors.len()
            ));
        }
        let of = ws
            .entity_of
            .get(d)
            .ok_or(format!("doc {d}: no entity_of row"))?;
        if of.len() != doc.mentions.len() || of.iter().any(|&e| e >= ws.entities.len()) {
            return Err(format!(
                "doc {d}: entity_of does not map every mention to an entity"
            ));
        }
    }
    Ok(())
}

/// The contract's code-point offsets slice each document's text to what they claim.
fn check_contract(c: &Contract) -> Result<(), String> {
    let ids: Vec<&str> = c.entities.iter().map(|e| e.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    if sorted.len() != ids.len() {
        return Err("entity ids are not unique".to_string());
    }
    for doc in &c.documents {
        let text = &doc.text;
        for m in &doc.mentions {
            if chars(text, m.start, m.end).as_deref() != Some(m.text.as_str()) {
                return Err(format!(
                    "mention {}..{} does not slice to {:?}",
                    m.start, m.end, m.text
                ));
            }
            if !ids.contains(&m.entity.as_str()) {
                return Err(format!(
                    "mention {:?} points at unknown entity {}",
                    m.text, m.entity
                ));
            }
            if !["PER", "ORG", "LOC", "MISC", "DATE"].contains(&m.label.as_str()) {
                return Err(format!("label {}", m.label));
            }
        }
        for l in &doc.links {
            if chars(text, l.start, l.end).as_deref() != Some(l.anchor.as_str()) {
                return Err(format!(
                    "link {}..{} does not slice to {:?}",
                    l.start, l.end, l.anchor
                ));
            }
            if !l.safe && l.preview.is_some() {
                return Err(format!("unsafe link {} has a preview", l.href));
            }
            let preview_ids = l.preview.iter().flat_map(|p| &p.entities);
            if let Some(bad) = preview_ids.into_iter().find(|e| !ids.contains(&e.as_str())) {
                return Err(format!("preview names unknown entity {bad}"));
            }
        }
        for q in &doc.quotes {
            if chars(text, q.start, q.end).is_none()
                || q.speaker.as_deref().is_some_and(|s| !ids.contains(&s))
            {
                return Err(format!(
                    "quote {}..{} off the text or speaker unknown",
                    q.start, q.end
                ));
            }
        }
    }
    for r in &c.relations {
        let doc = c
            .documents
            .get(r.document)
            .ok_or("relation in unknown document")?;
        if chars(&doc.text, r.evidence.start, r.evidence.end).is_none() {
            return Err(format!("relation evidence {:?} off the text", r.evidence));
        }
        if !ids.contains(&r.source.as_str()) || !ids.contains(&r.target.as_str()) {
            return Err("relation to an unknown entity".to_string());
        }
    }
    Ok(())
}

fn check_all(input: &str) -> Result<(), TestCaseError> {
    let ws = annotate("prop", input);
    check_workspace(&ws).map_err(TestCaseError::fail)?;
    let contract = Contract::from_workspace(&ws);
    check_contract(&contract).map_err(TestCaseError::fail)?;
    // Deterministic: the same input gives byte-identical JSON.
    let again = Contract::from_workspace(&annotate("prop", input));
    let (a, b) = (
        serde_json::to_string(&contract),
        serde_json::to_string(&again),
    );
    prop_assert!(a.is_ok(), "contract serialises");
    prop_assert_eq!(a.ok(), b.ok(), "annotate is deterministic");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_keeps_every_invariant(input in "\\PC{0,400}") {
        check_all(&input)?;
    }

    #[test]
    fn any_unicode_including_controls_keeps_every_invariant(input in any::<String>()) {
        check_all(&input)?;
    }

    #[test]
    fn htmlish_input_keeps_every_invariant(input in htmlish()) {
        check_all(&input)?;
    }

    #[test]
    fn workspaces_share_ids_consistently(a in htmlish(), b in htmlish()) {
        let ws = annotate_workspace(&[
            Article { source: "a".into(), input: a },
            Article { source: "b".into(), input: b },
        ]);
        check_workspace(&ws).map_err(TestCaseError::fail)?;
        check_contract(&Contract::from_workspace(&ws)).map_err(TestCaseError::fail)?;
    }
}

/// Previews on their own: arbitrary hrefs never panic, and only http(s) ones get a preview.
mod previews {
    use gloss_core::links::{is_safe_href, preview};
    use proptest::prelude::*;

    /// Slug words: random ones, and ones that trigger the title rules (names, possessives,
    /// contractions, compounds, questions, ids, dates).
    fn slug_word() -> impl Strategy<Value = String> {
        const RULES: &[&str] = &[
            "syria",
            "syrias",
            "syrians",
            "s",
            "t",
            "don",
            "un",
            "led",
            "who",
            "is",
            "can",
            "i",
            "new",
            "york",
            "united",
            "states",
            "turkiye",
            "al",
            "sham",
            "hayat",
            "tahrir",
            "20241210",
            "2024",
            "12",
            "10",
            "idusk12b3",
            "1.234567",
            "intl",
            "a",
            "html",
            "amp",
            "index",
        ];
        prop_oneof![
            "[a-z0-9]{1,9}",
            prop::sample::select(RULES).prop_map(String::from)
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn any_href(href in "(https?://|javascript:|mailto:|)[a-z0-9.%/_?&=#:@\\-\\[\\]]{0,80}") {
            let p = preview(&href, &["Syria", "Hayat Tahrir al-Sham"]);
            if p.is_some() {
                prop_assert!(is_safe_href(&href));
                prop_assert!(!href.to_ascii_lowercase().starts_with("mailto:"));
            }
            if let Some(date) = p.as_ref().and_then(|p| p.date.as_deref()) {
                prop_assert!(gloss_core::links::date::Ymd::parse_iso(date).is_some(), "valid date {}", date);
            }
        }

        #[test]
        fn any_unicode_after_the_scheme(rest in "\\PC{0,80}", names in prop::collection::vec("\\PC{0,20}", 0..4)) {
            let href = format!("https://{rest}");
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            if let Some(p) = preview(&href, &refs) {
                prop_assert!(!p.site.is_empty());
                prop_assert_eq!(p.title_derived, p.title.is_some());
            }
            let _ = gloss_core::links::canonical_key(&href);
        }

        #[test]
        fn any_slug_words(words in prop::collection::vec(slug_word(), 0..12)) {
            let href = format!("https://www.example.com/news/2024/12/10/{}/", words.join("-"));
            let p = preview(&href, &["Syria", "Hayat Tahrir al-Sham"]);
            prop_assert!(p.is_some());
            // The title never invents words: folded, it is made of the slug's words.
            if let Some(title) = p.and_then(|p| p.title) {
                let slug = words.join(" ");
                for w in title.split([' ', '-', '\'', '?']).filter(|w| !w.is_empty() && *w != "s" && *w != "t") {
                    let folded = gloss_core::links::slug::fold(w);
                    prop_assert!(slug.split(' ').any(|s| s == folded || s == format!("{folded}s")), "{} not in slug {}", w, slug);
                }
            }
        }
    }
}
