//! Browser tests: mount the components into a `<div>` and check the DOM
//! (`wasm-pack test --headless --chrome --mode no-install`).
#![cfg(target_arch = "wasm32")]

use gloss_app::ui::components::article_view::ArticleView;
use gloss_app::ui::components::sidebar::Sidebar;
use gloss_app::ui::state::Shared;
use gloss_app::ui::AppProps;
use gloss_core::protocol::{
    Contract, DocumentDto, LinkDto, MentionDto, OffsetsDto, PreviewDto, QuoteDto, RelationDto,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

mod dom;
use dom::*;

// ---------- a hand-made contract ----------

const TEXT: &str = "🌍 Qatar hosted talks in Doha City with Turkey's envoy Selim Aydemir on Tuesday.\n\n\
\"We will meet again,\" Aydemir said, holding a note that read <script>alert(1)</script> near the Reuters desk and a strange link.";

/// Code-point range of the `nth` occurrence of `needle` in TEXT.
fn at(needle: &str, nth: usize) -> (usize, usize) {
    span(TEXT, needle, nth)
}

fn mention(needle: &str, nth: usize, label: &str, entity: &str) -> MentionDto {
    let (start, end) = at(needle, nth);
    MentionDto {
        start,
        end,
        text: needle.into(),
        label: label.into(),
        entity: entity.into(),
        score: 0.9,
    }
}

fn link(needle: &str, href: &str, safe: bool, preview: Option<PreviewDto>) -> LinkDto {
    let (start, end) = at(needle, 0);
    LinkDto {
        href: href.into(),
        anchor: needle.into(),
        start,
        end,
        safe,
        preview,
    }
}

fn sample_contract() -> Shared<Contract> {
    let quote = at("\"We will meet again,\"", 0);
    let evidence = at(
        "Qatar hosted talks in Doha City with Turkey's envoy Selim Aydemir on Tuesday.",
        0,
    );
    Shared::new(Contract {
        version: 1,
        documents: vec![DocumentDto {
            source: "test.txt".into(),
            title: None,
            text: TEXT.into(),
            mentions: vec![
                mention("Qatar", 0, "LOC", "e1"),
                mention("Doha City", 0, "LOC", "e2"),
                mention("Turkey", 0, "LOC", "e3"),
                mention("Selim Aydemir", 0, "PER", "e4"),
                mention("Tuesday", 0, "DATE", "e5"),
                mention("Aydemir", 1, "PER", "e4"),
                mention("Reuters", 0, "ORG", "e6"),
            ],
            links: vec![
                // Partly overlaps the mention "Doha City".
                link(
                    "talks in Doha",
                    "https://www.reuters.com/world/middle-east/qatar-hosts-talks-2025-03-04/",
                    true,
                    Some(PreviewDto {
                        site: "Reuters".into(),
                        section: Some("world/middle-east".into()),
                        date: Some("2025-03-04".into()),
                        title: Some("Qatar hosts talks".into()),
                        entities: vec!["e1".into()],
                        trail: Some("World › Middle East".into()),
                        title_derived: true,
                        relative: Some("the same day".into()),
                        document: None,
                        lead: None,
                        ..PreviewDto::default()
                    }),
                ),
                link(
                    "strange link",
                    "javascript:alert(document.cookie)",
                    false,
                    None,
                ),
            ],
            quotes: vec![QuoteDto {
                start: quote.0,
                end: quote.1,
                speaker: Some("e4".into()),
            }],
            furniture: vec!["Home | World | Business".into()],
        }],
        entities: vec![
            entity("e1", "LOC", "Qatar"),
            entity("e2", "LOC", "Doha City"),
            entity("e3", "LOC", "Turkey"),
            entity("e4", "PER", "Selim Aydemir"),
            entity("e5", "DATE", "Tuesday"),
            entity("e6", "ORG", "Reuters"),
        ],
        relations: vec![RelationDto {
            source: "e4".into(),
            target: "e1".into(),
            kind: "met".into(),
            document: 0,
            evidence: OffsetsDto {
                start: evidence.0,
                end: evidence.1,
            },
            detail: None,
        }],
        diagnostics: vec![],
    })
}

// ---------- harness ----------

#[derive(Properties, PartialEq)]
struct HarnessProps {
    contract: Shared<Contract>,
}

/// The article and the sidebar sharing one selection, as the App wires them.
#[component]
fn Harness(props: &HarnessProps) -> Html {
    let selected = use_state(|| None::<String>);
    let on_select = {
        let selected = selected.clone();
        Callback::from(move |id: String| toggle(&selected, id))
    };
    html! {
        <>
            <ArticleView contract={props.contract.clone()} doc={0} selected={(*selected).clone()} on_select={on_select.clone()} />
            <Sidebar contract={props.contract.clone()} doc={0} selected={(*selected).clone()} {on_select} />
        </>
    }
}

async fn mount_harness(contract: Shared<Contract>) -> Element {
    let root = fresh_root();
    yew::Renderer::<Harness>::with_root_and_props(root.clone(), HarnessProps { contract }).render();
    settle().await;
    root
}

/// The entities of the active chips, in document order.
fn active(article: &Element) -> Vec<String> {
    all(article, ".chip--active")
        .iter()
        .map(|c| attr(c, "data-entity"))
        .collect()
}

// ---------- tests ----------

#[wasm_bindgen_test]
async fn chips_carry_labels_and_accessible_names() {
    let root = mount_harness(sample_contract()).await;
    let article = one(&root, "#article");
    // (entity, data-label, aria-label, visible text): offsets count code points, so the emoji
    // at the start must not shift "Qatar".
    let cases = [
        ("e1", "LOC", "Qatar, place", "Qatar"),
        ("e4", "PER", "Selim Aydemir, person", "Selim Aydemir"),
        ("e5", "DATE", "Tuesday, date", "Tuesday"),
        ("e6", "ORG", "Reuters, organisation", "Reuters"),
    ];
    for (id, label, aria, visible) in cases {
        let chip = one(&article, &format!(".chip[data-entity='{id}']"));
        assert_eq!(attr(&chip, "data-label"), label);
        assert_eq!(attr(&chip, "aria-label"), aria);
        assert_eq!(attr(&chip, "tabindex"), "0");
        assert_eq!(attr(&chip, "role"), "button");
        assert_eq!(text(&chip), visible);
    }
    // The type cue is visible text drawn from data-label, not colour alone.
    let chip = one(&article, ".chip[data-entity='e1']");
    let style = gloo::utils::window()
        .get_computed_style_with_pseudo_elt(&chip, "::after")
        .expect("style")
        .expect("some");
    assert_eq!(
        style.get_property_value("content").expect("content"),
        "\"LOC\""
    );
}

#[wasm_bindgen_test]
async fn a_mention_partly_inside_a_link_is_split_into_two_chips() {
    let root = mount_harness(sample_contract()).await;
    let article = one(&root, "#article");
    let pieces = all(&article, ".chip[data-entity='e2']");
    let texts: Vec<String> = pieces.iter().map(text).collect();
    assert_eq!(texts, ["Doha", " City"]);
    let link = one(&article, "a.article-link");
    assert_eq!(text(&link), "talks in Doha");
    assert!(
        link.query_selector(".chip[data-entity='e2']")
            .ok()
            .flatten()
            .is_some(),
        "the chip part inside the link"
    );
}

#[wasm_bindgen_test]
async fn clicking_a_chip_activates_every_mention_and_the_sidebar_row() {
    let root = mount_harness(sample_contract()).await;
    let article = one(&root, "#article");
    click(&one(&article, ".chip[data-entity='e4']"));
    settle().await;
    assert_eq!(
        active(&article),
        ["e4", "e4"],
        "both mentions of the person"
    );
    let row = one(&root, "#sidebar .entity-row[data-entity='e4']");
    assert!(row.class_list().contains("entity-row--active"));
    assert_eq!(attr(&row, "aria-pressed"), "true");
    assert!(one(&root, ".relation-row")
        .class_list()
        .contains("relation-row--active"));

    // Keyboard: Enter on another chip moves the selection; Space on it clears it.
    let qatar = one(&article, ".chip[data-entity='e1']");
    key(&qatar, "Enter");
    settle().await;
    assert_eq!(active(&article), ["e1"]);
    key(&qatar, " ");
    settle().await;
    assert!(all(&article, ".chip--active").is_empty());

    // The sidebar row selects too.
    click(&one(&root, "#sidebar .entity-row[data-entity='e6']"));
    settle().await;
    assert_eq!(active(&article), ["e6"]);
}

#[wasm_bindgen_test]
async fn only_web_links_are_followed_and_others_get_a_badge() {
    let root = mount_harness(sample_contract()).await;
    let article = one(&root, "#article");
    let links = all(&article, "a");
    assert_eq!(links.len(), 1, "the javascript: link is not an <a>");
    let a = links.first().expect("one link");
    assert!(a.class_list().contains("article-link"));
    assert_eq!(
        attr(a, "href"),
        "https://www.reuters.com/world/middle-east/qatar-hosts-talks-2025-03-04/"
    );
    assert_eq!(attr(a, "target"), "_blank");
    assert_eq!(attr(a, "rel"), "noopener noreferrer");
    let unsafe_link = one(&article, ".unsafe-link");
    assert!(text(&unsafe_link).starts_with("strange link"));
    assert!(text(&one(&unsafe_link, ".badge")).contains("unsafe link"));
    assert!(all(&root, "[href^='javascript']").is_empty());
}

#[wasm_bindgen_test]
async fn markup_in_the_text_stays_text() {
    let root = mount_harness(sample_contract()).await;
    let article = one(&root, "#article");
    assert!(
        all(&root, "script").is_empty(),
        "no script element was created"
    );
    assert!(
        text(&article).contains("<script>alert(1)</script>"),
        "the tag is shown as text"
    );
}

#[wasm_bindgen_test]
async fn preview_card_opens_on_focus_and_closes_on_escape() {
    let root = mount_harness(sample_contract()).await;
    let a = one(&root, "a.article-link");
    assert!(all(&root, ".preview-card").is_empty(), "closed at first");
    a.dyn_ref::<HtmlElement>()
        .expect("link")
        .focus()
        .expect("focus");
    settle().await;
    let card = one(&root, ".preview-card");
    assert_eq!(attr(&a, "aria-describedby"), attr(&card, "id"));
    assert_eq!(attr(&card, "role"), "tooltip");
    let card_text = text(&card);
    for expected in [
        "Reuters",
        "World › Middle East",
        "the same day",
        "4 Mar 2025",
        "Qatar hosts talks",
        "talks in Doha",
    ] {
        assert!(
            card_text.contains(expected),
            "card shows {expected:?}: {card_text}"
        );
    }
    assert_eq!(
        all(&card, ".chip[data-entity='e1']").len(),
        1,
        "the title's entity as a chip"
    );
    key(&a, "Escape");
    settle().await;
    assert!(
        all(&root, ".preview-card").is_empty(),
        "Escape closes the card"
    );
}

#[wasm_bindgen_test]
async fn preview_card_opens_after_a_hover_delay() {
    let root = mount_harness(sample_contract()).await;
    let a = one(&root, "a.article-link");
    mouse(&a, "mouseenter");
    wait(40).await;
    assert!(
        all(&root, ".preview-card").is_empty(),
        "not before the delay"
    );
    wait(250).await;
    assert_eq!(all(&root, ".preview-card").len(), 1, "open after the delay");
    key(
        &gloo::utils::document().document_element().expect("html"),
        "Escape",
    );
    settle().await;
    assert!(
        all(&root, ".preview-card").is_empty(),
        "Escape anywhere closes it"
    );
    mouse(&a, "mouseenter");
    wait(250).await;
    mouse(&a, "mouseleave");
    wait(400).await;
    assert!(
        all(&root, ".preview-card").is_empty(),
        "leaving the link closes it"
    );
}

#[wasm_bindgen_test]
async fn sidebar_lists_groups_relations_and_quotes() {
    let root = mount_harness(sample_contract()).await;
    let sidebar = one(&root, "#sidebar");
    let groups: Vec<String> = all(&sidebar, ".entity-group__title")
        .iter()
        .map(text)
        .collect();
    assert_eq!(groups.len(), 4, "{groups:?}");
    assert!(groups.first().is_some_and(|g| g.contains("People")));
    let person = one(&sidebar, ".entity-row[data-entity='e4']");
    assert_eq!(
        text(&one(&person, ".entity-row__count")),
        "2",
        "two mentions"
    );
    let relation = one(&sidebar, ".relation-row");
    let line = text(&relation);
    assert!(
        line.contains("Selim Aydemir") && line.contains("met") && line.contains("Qatar"),
        "{line}"
    );
    assert!(
        relation
            .query_selector("blockquote")
            .ok()
            .flatten()
            .is_none(),
        "evidence starts folded"
    );
    click(&one(&relation, "button"));
    settle().await;
    let evidence = text(&one(&relation, "blockquote"));
    assert!(evidence.starts_with("Qatar hosted talks"), "{evidence}");
    let quote = one(&sidebar, ".quote-row");
    assert!(text(&quote).contains("We will meet again"));
    assert!(text(&quote).contains("Selim Aydemir"));
}

#[wasm_bindgen_test]
async fn furniture_is_kept_aside_in_a_disclosure() {
    let root = mount_harness(sample_contract()).await;
    let details = one(&root, "#article details.furniture");
    assert!(text(&details).contains("Home | World | Business"));
    assert!(!details.has_attribute("open"));
}

#[wasm_bindgen_test]
async fn app_annotates_the_sample_then_a_paste_in_a_new_tab() {
    let root = mount_app(AppProps {
        with_sample: true,
        ..app_props()
    })
    .await;
    let status = wait_for(&root, "#status", "Annotated 1 article").await;
    assert!(status.contains("on the page"), "{status}");
    assert!(text(&one(&root, "#article")).contains("Euphrates"));
    assert_eq!(all(&root, ".tab").len(), 1);

    paste(
        &root,
        "<p>Minister Rania Khoury visited <b>Beirut</b> on Monday.</p><script>alert('x')</script>",
    )
    .await;
    wait_for(&root, "#status", "Annotated 2 articles").await;
    let tabs = all(&root, ".tab");
    assert_eq!(tabs.len(), 2);
    assert_eq!(
        tabs.get(1).map(|t| attr(t, "aria-selected")).as_deref(),
        Some("true"),
        "the new tab is shown"
    );
    let article = one(&root, "#article");
    assert!(
        text(&article).contains("Rania Khoury visited Beirut"),
        "{}",
        text(&article)
    );
    assert!(
        all(&article, "b").is_empty() && all(&root, "script").is_empty(),
        "pasted HTML is never inserted"
    );
    let area: HtmlTextAreaElement = one(&root, "#paste-input").dyn_into().expect("textarea");
    assert_eq!(area.value(), "", "the paste box is cleared");

    click(&one(&root, "#sample-btn"));
    settle().await;
    assert_eq!(all(&root, ".tab").len(), 2, "the sample is not added twice");
    assert!(
        text(&one(&root, "#article")).contains("Euphrates"),
        "Load sample shows its tab"
    );
}

/// A document naming `n` places, each once: "Place0, Place1, ...".
fn many_places(n: usize) -> Shared<Contract> {
    let names: Vec<String> = (0..n).map(|i| format!("Place{i}")).collect();
    let text = names.join(", ");
    let mut mentions = Vec::new();
    let mut start = 0;
    for (i, name) in names.iter().enumerate() {
        let len = name.chars().count();
        mentions.push(MentionDto {
            start,
            end: start + len,
            text: name.clone(),
            label: "LOC".into(),
            entity: format!("e{i}"),
            score: 1.0,
        });
        start += len + 2;
    }
    Shared::new(Contract {
        version: 1,
        documents: vec![DocumentDto {
            source: "places.txt".into(),
            title: None,
            text,
            mentions,
            links: vec![],
            quotes: vec![],
            furniture: vec![],
        }],
        entities: names
            .iter()
            .enumerate()
            .map(|(i, n)| entity(&format!("e{i}"), "LOC", n))
            .collect(),
        relations: vec![],
        diagnostics: vec![],
    })
}

#[wasm_bindgen_test]
async fn long_entity_groups_fold_until_asked_or_selected() {
    let root = mount_harness(many_places(9)).await;
    assert_eq!(
        all(&root, ".entity-row").len(),
        6,
        "a long group shows its first rows"
    );
    // Selecting a hidden entity from the article unfolds its group.
    click(&one(&root, "#article .chip[data-entity='e8']"));
    settle().await;
    assert_eq!(all(&root, ".entity-row").len(), 9);
    assert!(one(&root, ".entity-row[data-entity='e8']")
        .class_list()
        .contains("entity-row--active"));
    click(&one(&root, "#article .chip[data-entity='e8']"));
    settle().await;
    assert_eq!(
        all(&root, ".entity-row").len(),
        6,
        "folds again when deselected"
    );
    let more = one(&root, ".entity-group__more");
    assert_eq!(text(&more), "Show all 9 places");
    click(&more);
    settle().await;
    assert_eq!(all(&root, ".entity-row").len(), 9);
    assert!(all(&root, ".entity-group__more").is_empty());

    let small = mount_harness(many_places(7)).await;
    assert_eq!(
        all(&small, ".entity-row").len(),
        7,
        "one extra row is shown rather than folded"
    );
}
