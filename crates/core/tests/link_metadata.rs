//! Host-provided link metadata applied to a contract's previews (`links::metadata`).

use gloss_core::links::metadata::{apply_all, apply_link_metadata, LinkMetadata, MAX_TITLE};
use gloss_core::protocol::{Contract, DocumentDto, LinkDto, PreviewDto, VERSION};

const URL: &str = "https://www.example-news.com/world/2024/03/05/talks-resume-in-geneva/";

fn link(href: &str, preview: Option<PreviewDto>) -> LinkDto {
    LinkDto {
        href: href.into(),
        anchor: "talks".into(),
        start: 0,
        end: 5,
        safe: href.starts_with("http"),
        preview,
    }
}

fn derived_preview() -> PreviewDto {
    PreviewDto {
        site: "Example News".into(),
        section: Some("world".into()),
        date: Some("2024-03-05".into()),
        title: Some("Talks Resume in Geneva".into()),
        title_derived: true,
        relative: Some("two days earlier".into()),
        ..PreviewDto::default()
    }
}

fn contract() -> Contract {
    let doc = DocumentDto {
        source: "a.html".into(),
        title: None,
        text: "talks and more".into(),
        mentions: vec![],
        links: vec![
            link(URL, Some(derived_preview())),
            link(
                "https://other.example.org/story-about-something-else",
                Some(derived_preview()),
            ),
            link("javascript:alert(1)", None),
        ],
        quotes: vec![],
        furniture: vec![],
    };
    Contract {
        version: VERSION,
        documents: vec![doc],
        entities: vec![],
        relations: vec![],
        diagnostics: vec![],
    }
}

fn meta(title: &str, description: &str, date: &str) -> LinkMetadata {
    LinkMetadata {
        title: Some(title.into()),
        description: Some(description.into()),
        date: Some(date.into()),
    }
}

#[test]
fn metadata_replaces_the_derived_title_of_the_matching_link_only() {
    let mut c = contract();
    let out = apply_link_metadata(
        &mut c,
        URL,
        &meta("Geneva talks resume", "Envoys met again.", "2024-03-06"),
    );
    assert_eq!(out.links, 1);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let p = c.documents[0].links[0].preview.clone().unwrap();
    assert_eq!(p.title.as_deref(), Some("Geneva talks resume"));
    assert!(!p.title_derived);
    assert!(p.from_host);
    assert_eq!(p.description.as_deref(), Some("Envoys met again."));
    assert_eq!(p.date.as_deref(), Some("2024-03-06"));
    assert_eq!(
        p.relative, None,
        "a label computed for another date must go"
    );
    // The other links are untouched.
    assert_eq!(c.documents[0].links[1].preview, Some(derived_preview()));
    assert_eq!(c.documents[0].links[2].preview, None);
}

#[test]
fn the_same_article_under_another_url_shape_matches() {
    let mut c = contract();
    let other = "http://example-news.com/world/2024/03/05/talks-resume-in-geneva?utm_source=x";
    let out = apply_link_metadata(
        &mut c,
        other,
        &LinkMetadata {
            title: Some("T".into()),
            ..Default::default()
        },
    );
    assert_eq!(out.links, 1);
    assert_eq!(
        c.documents[0].links[0]
            .preview
            .as_ref()
            .unwrap()
            .title
            .as_deref(),
        Some("T")
    );
}

#[test]
fn an_invalid_date_is_ignored_with_a_diagnostic_and_the_rest_applies() {
    let mut c = contract();
    let out = apply_link_metadata(&mut c, URL, &meta("Title", "", "2024-02-30"));
    assert_eq!(out.links, 1);
    assert_eq!(out.diagnostics.len(), 1);
    assert!(out.diagnostics[0].contains("2024-02-30"));
    let p = c.documents[0].links[0].preview.clone().unwrap();
    assert_eq!(p.date.as_deref(), Some("2024-03-05"));
    assert_eq!(
        p.relative.as_deref(),
        Some("two days earlier"),
        "same date kept, label kept"
    );
    assert_eq!(
        p.description, None,
        "an empty description is no description"
    );
}

#[test]
fn no_matching_link_is_reported_and_nothing_changes() {
    let mut c = contract();
    let before = c.clone();
    let out = apply_link_metadata(
        &mut c,
        "https://nowhere.example/x",
        &meta("T", "D", "2024-01-01"),
    );
    assert_eq!(out.links, 0);
    assert_eq!(out.diagnostics.len(), 1);
    assert_eq!(c, before);
    // A link without a preview (not http) never gets one.
    let out = apply_link_metadata(&mut c, "javascript:alert(1)", &meta("T", "D", "2024-01-01"));
    assert_eq!(out.links, 0);
    assert_eq!(c, before);
}

#[test]
fn text_is_tidied_and_capped_and_applying_twice_changes_nothing_more() {
    let mut c = contract();
    let long = format!("  A\u{0}  title\n\twith   gaps {}", "x".repeat(500));
    let m = LinkMetadata {
        title: Some(long),
        description: Some("  <b>not markup</b>  ".into()),
        date: None,
    };
    apply_link_metadata(&mut c, URL, &m);
    let once = c.clone();
    let p = once.documents[0].links[0].preview.clone().unwrap();
    let title = p.title.unwrap();
    assert!(title.starts_with("A title with gaps x"));
    assert_eq!(title.chars().count(), MAX_TITLE);
    assert!(title.ends_with('…'));
    assert_eq!(
        p.description.as_deref(),
        Some("<b>not markup</b>"),
        "kept as text, shown as text"
    );
    apply_link_metadata(&mut c, URL, &m);
    assert_eq!(c, once);
}

#[test]
fn the_contract_json_only_grows_fields_when_metadata_was_given() {
    let c = contract();
    let json = serde_json::to_string(&c).unwrap();
    assert!(
        !json.contains("description") && !json.contains("fromHost") && !json.contains("from_host")
    );
    let mut c2 = c.clone();
    let diags = apply_all(&mut c2, &[(URL.to_string(), meta("T", "D", "2024-03-05"))]);
    assert!(diags.is_empty());
    let json = serde_json::to_string(&c2).unwrap();
    assert!(json.contains("\"description\":\"D\"") && json.contains("\"from_host\":true"));
    let back: Contract = serde_json::from_str(&json).unwrap();
    assert_eq!(back, c2);
}
