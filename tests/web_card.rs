//! Browser tests of the link card on touch, of cards for links to articles of the workspace
//! (through the real core: canonical address, headline, first sentence), of right-to-left
//! text, of hostile text coming from JavaScript, and of the progress bar and Cancel
//! (`wasm-pack test --headless --chrome --mode no-install`).
#![cfg(target_arch = "wasm32")]

use gloss_app::annotate::{annotate_articles, ArticleInput};
use gloss_app::ui::components::article_view::{ArticleView, PARAGRAPH_PAGE};
use gloss_app::ui::state::Shared;
use gloss_app::ui::AppProps;
use gloss_core::protocol::Contract;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

mod dom;
use dom::*;

#[derive(Properties, PartialEq)]
struct ViewProps {
    contract: Shared<Contract>,
    doc: usize,
}

#[component]
fn View(props: &ViewProps) -> Html {
    html! { <ArticleView contract={props.contract.clone()} doc={props.doc} /> }
}

async fn mount(contract: Contract, doc: usize) -> Element {
    let root = fresh_root();
    yew::Renderer::<View>::with_root_and_props(
        root.clone(),
        ViewProps {
            contract: Shared::new(contract),
            doc,
        },
    )
    .render();
    settle().await;
    root
}

fn articles(list: &[(&str, &str)]) -> Vec<ArticleInput> {
    list.iter()
        .map(|(source, input)| ArticleInput {
            source: source.to_string(),
            input: input.to_string(),
        })
        .collect()
}

/// A page that names its canonical address, and an article linking to that address.
fn linked_pair() -> Contract {
    annotate_articles(&articles(&[
        (
            "paste 1",
            "<html><head><link rel=\"canonical\" href=\"https://www.example-news.com/world/ports-reopen-after-storm-7731\"></head>\
             <body><h1>Ports reopen after the storm</h1><p>Ships returned to the harbour in Valencia on Friday, the port authority said.</p>\
             <p>Crews worked through the night.</p></body></html>",
        ),
        (
            "paste 2",
            "<p>Trade resumed <a href=\"https://example-news.com/world/ports-reopen-after-storm-7731\">after the storm</a> \
             and <a href=\"https://example-news.com/world/grain-prices-fall-7735\">prices fell</a>, officials in Valencia said.</p>",
        ),
    ]))
}

/// A pointer event of the given type, from a finger or a mouse.
fn pointer(target: &Element, kind: &str, pointer_type: &str) {
    let init = web_sys::PointerEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_pointer_type(pointer_type);
    let ev = web_sys::PointerEvent::new_with_event_init_dict(kind, &init).expect("pointer event");
    target.dispatch_event(&ev).expect("dispatch");
}

/// Click `target` and say whether its default action (following the link) was prevented.
/// The test itself always prevents it afterwards, so nothing navigates.
fn click_prevented(target: &Element) -> bool {
    let seen = std::rc::Rc::new(std::cell::Cell::new(false));
    let listener = {
        let seen = seen.clone();
        gloo::events::EventListener::new(&gloo::utils::document(), "click", move |e| {
            seen.set(e.default_prevented());
            e.prevent_default();
        })
    };
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).expect("click");
    target.dispatch_event(&ev).expect("dispatch");
    drop(listener);
    seen.get()
}

#[wasm_bindgen_test]
async fn on_touch_the_first_tap_opens_the_card_and_the_second_follows_the_link() {
    let root = mount(linked_pair(), 1).await;
    let a = one(&root, "a.article-link");
    assert!(all(&root, ".preview-card").is_empty());

    pointer(&a, "pointerdown", "touch");
    let prevented = click_prevented(&a);
    settle().await;
    assert!(prevented, "the first tap does not follow the link");
    assert_eq!(
        all(&root, ".preview-card").len(),
        1,
        "the first tap opens the card"
    );

    pointer(&a, "pointerdown", "touch");
    let prevented = click_prevented(&a);
    settle().await;
    assert!(!prevented, "the second tap follows the link");

    // A tap on the other link while this card is open opens that link's card first.
    let other = all(&root, "a.article-link").pop().expect("second link");
    pointer(&other, "pointerdown", "touch");
    assert!(click_prevented(&other), "first tap on another link");
    settle().await;
    let card = text(&one(&root, ".preview-card")).to_lowercase();
    assert!(card.contains("grain prices fall"), "{card}");

    // A mouse click is an ordinary click.
    key_escape().await;
    pointer(&a, "pointerdown", "mouse");
    assert!(!click_prevented(&a), "a mouse click follows the link");
}

async fn key_escape() {
    key(&gloo::utils::document(), "Escape");
    settle().await;
}

/// Keyboard focus on `el`. A test page in the background gets no focus events from
/// `focus()`, so the event is also sent by hand (opening a card twice is harmless).
fn focus(el: &Element) {
    el.dyn_ref::<HtmlElement>()
        .expect("html element")
        .focus()
        .expect("focus");
    let ev = web_sys::FocusEvent::new("focus").expect("focus event");
    el.dispatch_event(&ev).expect("dispatch");
}

#[wasm_bindgen_test]
async fn a_link_to_a_workspace_article_shows_its_headline_and_first_sentence() {
    let root = mount(linked_pair(), 1).await;
    let a = one(&root, "a.article-link");
    focus(&a);
    settle().await;
    assert_eq!(
        all(&root, ".preview-card").len(),
        1,
        "focus opens the card of the first link"
    );
    let card = one(&root, ".preview-card");
    let t = text(&card);
    assert_eq!(
        text(&one(&card, ".preview-card__title")),
        "Ports reopen after the storm",
        "{t}"
    );
    assert!(
        text(&one(&card, ".preview-card__lead"))
            .starts_with("Ships returned to the harbour in Valencia"),
        "{t}"
    );
    assert!(t.contains("linked article in this workspace"), "{t}");
    // A link elsewhere keeps its title from the address, and has no lead.
    key_escape().await;
    let other = all(&root, "a.article-link").pop().expect("second link");
    focus(&other);
    settle().await;
    assert_eq!(
        all(&root, ".preview-card").len(),
        1,
        "focus opens the card of the second link"
    );
    let card = one(&root, ".preview-card");
    assert!(all(&card, ".preview-card__lead").is_empty());
    assert!(text(&card).contains("Built from the link address"));
}

fn direction(el: &Element) -> String {
    gloo::utils::window()
        .get_computed_style(el)
        .ok()
        .flatten()
        .and_then(|s| s.get_property_value("direction").ok())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn arabic_and_hebrew_paragraphs_run_right_to_left_and_latin_ones_left_to_right() {
    let contract = annotate_articles(&articles(&[(
        "rtl.txt",
        "وصل الوفد إلى دمشق صباح الثلاثاء وقال المتحدث إن المحادثات ستستمر.\n\n\
         המשלחת הגיעה לירושלים ביום שלישי.\n\n\
         The delegation reached Damascus on Tuesday 👨‍👩‍👧 and talks will go on.",
    )]));
    let root = mount(contract, 0).await;
    let pars: Vec<Element> = all(&root, "#article .article__title, #article .article__p");
    assert_eq!(pars.len(), 3, "{}", text(&root));
    let dirs: Vec<String> = pars.iter().map(direction).collect();
    assert_eq!(
        dirs,
        ["rtl", "rtl", "ltr"],
        "each paragraph takes its own direction"
    );
    assert!(pars
        .iter()
        .all(|p| p.get_attribute("dir").as_deref() == Some("auto")));
    assert!(
        text(&root).contains("👨‍👩‍👧"),
        "the ZWJ family stays one sequence"
    );
}

#[wasm_bindgen_test]
async fn a_long_document_renders_a_window_of_paragraphs_that_grows() {
    let body: String = (0..PARAGRAPH_PAGE * 2 + 10)
        .map(|i| format!("Paragraph {i}: officials in Valencia met Amira Haddad.\n\n"))
        .collect();
    let contract = annotate_articles(&articles(&[("long.txt", &body)]));
    let root = mount(contract, 0).await;
    let shown = all(&root, "#article .article__p, #article .article__title").len();
    assert_eq!(shown, PARAGRAPH_PAGE);
    assert!(
        text(&one(&root, ".article__more")).contains(&format!("of {}", PARAGRAPH_PAGE * 2 + 10))
    );
    click(&one(&root, "#more-btn"));
    settle().await;
    assert_eq!(
        all(&root, "#article .article__p, #article .article__title").len(),
        PARAGRAPH_PAGE * 2
    );
    click(&one(&root, "#more-btn"));
    settle().await;
    assert_eq!(
        all(&root, "#article .article__p, #article .article__title").len(),
        PARAGRAPH_PAGE * 2 + 10
    );
    assert!(all(&root, ".article__more").is_empty(), "everything shown");
    assert!(text(&root).contains(&format!("Paragraph {}:", PARAGRAPH_PAGE * 2 + 9)));
}

/// Paste the JavaScript string written as `js_string_literal` (JSON), which may hold what
/// Rust strings cannot, and press Annotate.
async fn paste_js(root: &Element, js_string_literal: &str) {
    let value = js_sys::JSON::parse(js_string_literal).expect("JSON string");
    paste_value(root, &value).await;
}

#[wasm_bindgen_test]
async fn lone_surrogates_and_nul_from_javascript_are_annotated_not_fatal() {
    let root = mount_app(app_props()).await;
    // A lone high and low surrogate, NUL and a BOM: JavaScript strings can hold them all.
    paste_js(&root, r#""Amira Haddad met Jonas Lindqvist in Tripoli \ud800 on Monday.\u0000 Talks \udc00 went on.\ufeff""#).await;
    wait_for(&root, "#status", "Annotated 1 article").await;
    let article = text(&one(&root, "#article"));
    assert!(
        article.contains("Amira Haddad met Jonas Lindqvist in Tripoli"),
        "{article}"
    );
    assert!(!article.contains('\0'), "NUL is dropped");
    assert!(
        article.contains('\u{fffd}'),
        "lone surrogates become U+FFFD: {article:?}"
    );
    assert!(!all(&root, "#article .chip").is_empty());
}

#[wasm_bindgen_test]
async fn an_article_above_the_cap_gets_a_clear_message_and_is_not_added() {
    let root = mount_app(AppProps {
        max_input_bytes: Some(2_000),
        ..app_props()
    })
    .await;
    let long = "Officials in Valencia met Amira Haddad on Monday. ".repeat(60);
    paste_js(&root, &format!("{long:?}")).await;
    let notice = text(&one(&root, ".notice"));
    assert!(notice.contains("above the 2 KB"), "{notice}");
    assert!(all(&root, ".tab").is_empty(), "nothing added");
    assert!(all(&root, "#run-progress").is_empty(), "nothing running");
}

#[wasm_bindgen_test]
async fn the_progress_bar_shows_while_annotating_and_cancel_drops_the_new_article() {
    let root = mount_app(app_props()).await;
    paste_js(
        &root,
        r#""Amira Haddad met Jonas Lindqvist in Tripoli on Monday.""#,
    )
    .await;
    // Annotation on the page starts after a short pause, so the bar is there first.
    let bar = one(&root, "#run-progress");
    assert!(text(&bar).contains("Annotating"));
    assert_eq!(all(&root, ".tab").len(), 1);
    click(&one(&root, "#cancel-btn"));
    settle().await;
    assert!(all(&root, "#run-progress").is_empty(), "the bar goes away");
    assert!(
        all(&root, ".tab").is_empty(),
        "the article waiting for its result is dropped"
    );
    assert!(text(&one(&root, ".notice")).contains("cancelled"));
    wait(200).await;
    assert!(
        all(&root, ".tab").is_empty(),
        "a late result of the cancelled run is ignored"
    );
}
