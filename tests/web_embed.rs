//! Browser tests of the embedded annotator's JS API (`gloss_app::embed`), mounted inside a
//! shadow root as `<gloss-annotator>` does (`wasm-pack test --headless --chrome --mode
//! no-install -- -p gloss-app --test web_embed`).
#![cfg(target_arch = "wasm32")]

use gloss_app::annotate::annotate_articles;
use gloss_app::embed::{mount_with, EmbedOptions};
use gloss_app::ui::hooks::Inline;
use js_sys::{Array, Function, Object, Promise, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, ShadowRootInit, ShadowRootMode};

wasm_bindgen_test_configure!(run_in_browser);

mod dom;
use dom::wait;

const ARTICLE: &str = "<h1>Envoys meet in Geneva</h1>\
<p>Maria Ortiz met Swiss officials in Geneva on Friday, the Red Cross said.</p>\
<p>Ortiz later spoke to <a href=\"https://www.example-news.com/world/2025/03/07/geneva-talks-end-without-deal\">reporters</a> in Bern.</p>";
const LINK: &str = "https://www.example-news.com/world/2025/03/07/geneva-talks-end-without-deal";

type Events = Rc<RefCell<Vec<(String, JsValue)>>>;

struct Mounted {
    container: Element,
    api: Object,
    events: Events,
}

/// A host element with an open shadow root, the app mounted in a container inside it.
fn mount(paste_box: bool, readonly: bool) -> Mounted {
    let document = gloo::utils::document();
    let host = document.create_element("div").expect("host");
    gloo::utils::body().append_child(&host).expect("append");
    let shadow = host
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .expect("shadow root");
    let container = document.create_element("div").expect("container");
    container.set_class_name("gloss-embed");
    shadow.append_child(&container).expect("append");
    let events: Events = Rc::default();
    let sink = events.clone();
    let emit = Closure::<dyn Fn(JsValue, JsValue)>::new(move |name: JsValue, detail: JsValue| {
        sink.borrow_mut()
            .push((name.as_string().unwrap_or_default(), detail));
    });
    let options = EmbedOptions {
        emit: Some(emit.into_js_value().unchecked_into::<Function>()),
        paste_box,
        readonly,
        asset_base: None,
        use_worker: false,
        inline: Some(Inline(annotate_articles)),
    };
    let api = mount_with(container.clone(), options).expect("mount");
    Mounted {
        container,
        api,
        events,
    }
}

fn call(api: &Object, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(api, &name.into())
        .expect("method")
        .dyn_into()
        .expect("a function");
    f.apply(&JsValue::NULL, &args.iter().collect::<Array>())
}

fn json(value: &JsValue) -> serde_json::Value {
    let text = js_sys::JSON::stringify(value)
        .expect("json")
        .as_string()
        .unwrap_or_default();
    serde_json::from_str(&text).expect("parse")
}

async fn annotate(m: &Mounted, input: &str) -> serde_json::Value {
    let promise: Promise = call(&m.api, "annotate", &[input.into(), "test.html".into()])
        .expect("annotate")
        .dyn_into()
        .expect("a promise");
    let contract = JsFuture::from(promise).await.expect("annotated");
    wait(30).await;
    json(&contract)
}

#[wasm_bindgen_test]
async fn annotate_resolves_renders_in_the_shadow_root_and_announces_the_change() {
    let m = mount(true, false);
    wait(20).await;
    assert!(m
        .container
        .query_selector("#paste-input")
        .unwrap()
        .is_some());
    let contract = annotate(&m, ARTICLE).await;
    assert_eq!(contract["version"], 1);
    assert_eq!(contract["documents"][0]["source"], "test.html");
    let names: Vec<&str> = contract["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert!(names.iter().any(|n| n.contains("Ortiz")), "{names:?}");
    assert!(names.contains(&"Geneva"), "{names:?}");
    let chips = m.container.query_selector_all("#article .chip").unwrap();
    assert!(chips.length() >= 4, "{} chips", chips.length());
    // Nothing reached the light DOM of the page.
    assert_eq!(
        gloo::utils::document()
            .query_selector_all(".chip")
            .unwrap()
            .length(),
        0
    );
    let changes: Vec<serde_json::Value> = m
        .events
        .borrow()
        .iter()
        .filter(|(n, _)| n == "gloss:change")
        .map(|(_, d)| json(d))
        .collect();
    assert_eq!(changes.last(), Some(&contract));
    let shown = json(&call(&m.api, "getAnnotations", &[]).expect("getAnnotations"));
    assert_eq!(shown, contract);

    // A second article replaces the first.
    let again = annotate(&m, "Kenya and Ethiopia signed an accord in Nairobi.").await;
    assert_eq!(again["documents"].as_array().map(Vec::len), Some(1));
    assert!(m
        .container
        .text_content()
        .unwrap_or_default()
        .contains("Nairobi"));

    // Nothing to annotate is refused at once.
    assert!(call(&m.api, "annotate", &["  ".into()]).is_err());
}

#[wasm_bindgen_test]
async fn export_as_covers_every_format_and_refuses_others() {
    let m = mount(false, true);
    wait(20).await;
    assert!(
        call(&m.api, "exportAs", &["json".into()]).is_err(),
        "nothing annotated yet"
    );
    annotate(&m, ARTICLE).await;
    for (format, needle) in [
        ("json", "\"version\": 1"),
        ("jsonld", "NewsArticle"),
        ("webannotation", "Annotation"),
        ("conll", "B-LOC"),
        ("csv-entities", "Geneva"),
        ("csv-relations", ","),
    ] {
        let out = call(&m.api, "exportAs", &[format.into()])
            .expect(format)
            .as_string()
            .expect("a string");
        assert!(
            out.contains(needle),
            "{format}: {}",
            &out[..out.len().min(200)]
        );
    }
    let err = call(&m.api, "exportAs", &["docx".into()]).expect_err("unknown format");
    let message = err
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_default();
    assert!(message.contains("unknown export format"), "{message}");
    // Read-only: no paste box.
    assert!(m
        .container
        .query_selector("#paste-input")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn apply_corrections_applies_what_fits_and_exports_it() {
    let m = mount(false, false);
    wait(20).await;
    let contract = annotate(&m, ARTICLE).await;
    let doc = &contract["documents"][0];
    let geneva = doc["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .find(|x| x["text"] == "Geneva")
        .expect("a Geneva mention")
        .clone();
    let mention = serde_json::json!({
        "document": doc["source"], "start": geneva["start"], "end": geneva["end"], "text": "Geneva"
    });
    let mut stale = mention.clone();
    stale["text"] = "Zurich".into();
    let list = serde_json::json!([
        {"op": "retype", "mention": mention, "label": "ORG"},
        {"op": "reject", "mention": stale},
    ]);
    let list = js_sys::JSON::parse(&list.to_string()).expect("js list");
    let report = json(&call(&m.api, "applyCorrections", &[list]).expect("applyCorrections"));
    assert_eq!(report["applied"], 1, "{report}");
    assert_eq!(
        report["unapplied"][0]["correction"]["op"], "reject",
        "{report}"
    );
    assert!(
        report["unapplied"][0]["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("Geneva"),
        "{report}"
    );
    wait(30).await;
    let shown = json(&call(&m.api, "getAnnotations", &[]).expect("shown"));
    let label = shown["documents"][0]["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .find(|x| x["text"] == "Geneva")
        .map(|x| x["label"].clone());
    assert_eq!(label, Some("ORG".into()));
    let exported = call(&m.api, "exportAs", &["json".into()])
        .expect("json")
        .as_string()
        .expect("text");
    let exported: serde_json::Value = serde_json::from_str(&exported).expect("json");
    assert_eq!(exported["corrections"][0]["op"], "retype");
    assert!(call(&m.api, "applyCorrections", &[JsValue::from(3)]).is_err());
}

#[wasm_bindgen_test]
async fn link_metadata_shows_in_the_preview_and_survives_reannotation() {
    let m = mount(false, false);
    wait(20).await;
    // Given before any article: kept for later.
    let meta = Object::new();
    Reflect::set(
        &meta,
        &"title".into(),
        &"Geneva talks end without a deal".into(),
    )
    .unwrap();
    Reflect::set(
        &meta,
        &"description".into(),
        &"Negotiators left after two days.".into(),
    )
    .unwrap();
    Reflect::set(&meta, &"date".into(), &"2025-03-08".into()).unwrap();
    let early = json(
        &call(
            &m.api,
            "setLinkMetadata",
            &[LINK.into(), meta.clone().into()],
        )
        .expect("set"),
    );
    assert_eq!(early["links"], 0);
    let contract = annotate(&m, ARTICLE).await;
    let preview = &contract["documents"][0]["links"][0]["preview"];
    assert_eq!(preview["title"], "Geneva talks end without a deal");
    assert_eq!(preview["description"], "Negotiators left after two days.");
    assert_eq!(preview["date"], "2025-03-08");
    assert_eq!(preview["from_host"], true);
    assert_eq!(preview["title_derived"], false);

    // Given again once shown: reported, and the card shows it.
    let now = json(&call(&m.api, "setLinkMetadata", &[LINK.into(), meta.into()]).expect("set"));
    assert_eq!(now["links"], 1);
    wait(20).await;
    let link = m
        .container
        .query_selector("a.article-link")
        .unwrap()
        .expect("link");
    link.dyn_ref::<web_sys::HtmlElement>()
        .expect("html")
        .focus()
        .unwrap();
    wait(50).await;
    let card = m
        .container
        .query_selector(".preview-card")
        .unwrap()
        .expect("card open");
    let text = card.text_content().unwrap_or_default();
    assert!(text.contains("Geneva talks end without a deal"), "{text}");
    assert!(text.contains("Negotiators left after two days."), "{text}");
    assert!(text.contains("given by this page"), "{text}");

    let bad = Object::new();
    Reflect::set(&bad, &"title".into(), &JsValue::from(5)).unwrap();
    assert!(call(&m.api, "setLinkMetadata", &[LINK.into(), bad.into()]).is_err());
}
