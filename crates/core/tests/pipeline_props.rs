//! Property tests of the whole pipeline on arbitrary text and HTML-ish input: no panics,
//! spans inside the text on char boundaries, mentions sorted and non-overlapping, contract
//! offsets (code points) that slice the text to what they claim, ids that resolve, and
//! determinism. Case counts are modest so the suite stays fast in debug builds.

use gloss_core::check::{contract as check_contract, workspace as check_workspace};
use gloss_core::protocol::Contract;
use gloss_core::{annotate, annotate_workspace, Article};
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
