//! Browser tests of editing: the correction panel driven by mouse and keyboard, undo/redo
//! keys, adding an entity from a text selection, confidence marks, the workspace restored
//! from storage, storage that is full or corrupted (a notice, the work kept, no crash), and
//! the export control downloading every format.
//! `wasm-pack test --headless --chrome --mode no-install -- --test web_edit`.
#![cfg(target_arch = "wasm32")]

use gloss_app::annotate::{annotate_articles, ArticleInput};
use gloss_app::ui::components::article_view::ArticleView;
use gloss_app::ui::edits::content_key;
use gloss_app::ui::state::Shared;
use gloss_app::ui::storage::{MemoryStore, Store, StoreHandle, WORKSPACE_KEY};
use gloss_app::ui::AppProps;
use gloss_core::corrections::{apply, export_json, Correction, MentionRef};
use gloss_core::export::{export, Format};
use gloss_core::protocol::{Contract, DocumentDto, MentionDto};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

mod dom;
use dom::*;

const STORY: &str = "Harbour strike spreads to Valmora

Dock workers in Valmora walked out on Friday, union leader Teodor Brandt said. Brandt met Mayor Ilse Kramer of Valmora on Saturday and the Valmora Port Authority promised new talks.";

fn focused() -> Option<Element> {
    gloo::utils::document().active_element()
}

/// The app saving to `store`.
fn saving_to(store: &Rc<MemoryStore>) -> AppProps {
    AppProps {
        store: Some(StoreHandle(store.clone())),
        ..app_props()
    }
}

/// The app mounted with `props`, STORY pasted and annotated.
async fn annotated_story(props: AppProps) -> Element {
    let root = mount_app(props).await;
    paste(&root, STORY).await;
    wait_for(&root, "#status", "Annotated 1 article").await;
    root
}

fn chip_texts(root: &Element) -> Vec<String> {
    all(root, "#article .chip[role=button]")
        .iter()
        .map(text)
        .collect()
}

#[wasm_bindgen_test]
async fn corrections_by_keyboard_undo_redo_and_a_reload_restores_them() {
    let store = Rc::new(MemoryStore::default());
    let root = annotated_story(saving_to(&store)).await;
    let before = chip_texts(&root);
    assert!(before.len() >= 3, "{before:?}");

    // Enter on a chip opens its panel with the focus on its first control.
    let first = all(&root, "#article .chip[role=button]")[0].clone();
    first.dyn_ref::<HtmlElement>().unwrap().focus().unwrap();
    key(&first, "Enter");
    wait(10).await;
    let panel = one(&root, ".fix-panel");
    assert_eq!(panel.get_attribute("role").as_deref(), Some("toolbar"));
    let f = focused().expect("focus");
    assert!(panel.contains(Some(&*f)), "focus in the panel");
    assert_eq!(f.get_attribute("data-fix").as_deref(), Some("accept"));
    assert!(
        text(&panel).contains("model confidence"),
        "{}",
        text(&panel)
    );
    // Arrow keys move along the toolbar.
    key(&f, "ArrowRight");
    let f = focused().expect("focus");
    assert_eq!(f.get_attribute("data-fix").as_deref(), Some("reject"));
    // Reject (keyboard: Enter on a button is a click).
    click(&f);
    settle().await;
    let after = chip_texts(&root);
    assert_eq!(after.len(), before.len() - 1, "{after:?}");
    assert!(
        root.query_selector(".fix-panel").unwrap().is_none(),
        "the panel closes"
    );
    let key_name = format!("gloss.corrections.{}", content_key(STORY));
    let saved = store.get(&key_name).unwrap().expect("corrections saved");
    assert!(saved.contains("\"op\":\"reject\""), "{saved}");

    // Ctrl+Z / Ctrl+Shift+Z anywhere outside a text field.
    let doc: web_sys::EventTarget = gloo::utils::document().into();
    key_with(&doc, "z", true, false);
    settle().await;
    assert_eq!(chip_texts(&root), before);
    assert_eq!(
        store.get(&key_name).unwrap(),
        None,
        "an undone list is removed"
    );
    key_with(&doc, "Z", true, true);
    settle().await;
    assert_eq!(chip_texts(&root), after);
    // The undo button says what it would undo.
    let undo = one(&root, "#undo");
    assert!(undo
        .get_attribute("title")
        .unwrap_or_default()
        .starts_with("Undo: Rejected"));

    // Change the type of another chip with the panel's buttons.
    let chip = all(&root, "#article .chip[role=button]")[0].clone();
    click(&chip);
    settle().await;
    let current = chip.get_attribute("data-label").unwrap();
    let other = if current == "ORG" { "misc" } else { "org" };
    click(&one(&root, &format!(".fix-panel [data-fix=type-{other}]")));
    settle().await;
    let relabeled = all(&root, "#article .chip[role=button]")[0]
        .get_attribute("data-label")
        .unwrap();
    assert_eq!(relabeled, other.to_uppercase());
    let chip0 = all(&root, "#article .chip[role=button]")[0].clone();
    assert!(
        chip0.class_list().contains("chip--confirmed"),
        "{} / {}",
        chip0.outer_html(),
        text(&one(&root, ".edit-bar"))
    );
    // Escape closes the panel and gives the focus back to the chip.
    key(&one(&root, ".fix-panel"), "Escape");
    settle().await;
    assert!(root.query_selector(".fix-panel").unwrap().is_none());
    assert!(focused().is_some_and(|f| f.class_list().contains("chip")));
    let corrected = chip_texts(&root);
    let labels: Vec<String> = all(&root, "#article .chip[role=button]")
        .iter()
        .map(|c| c.get_attribute("data-label").unwrap())
        .collect();

    // A new page on the same storage: same tab, same corrections.
    root.set_inner_html("");
    let again = mount_app(saving_to(&store)).await;
    wait_for(&again, "#status", "Annotated 1 article").await;
    wait(20).await;
    assert_eq!(all(&again, ".tab").len(), 1);
    assert_eq!(chip_texts(&again), corrected);
    let labels_again: Vec<String> = all(&again, "#article .chip[role=button]")
        .iter()
        .map(|c| c.get_attribute("data-label").unwrap())
        .collect();
    assert_eq!(labels_again, labels);
    assert!(store
        .get(WORKSPACE_KEY)
        .unwrap()
        .unwrap()
        .contains("\"version\":1"));
    again.set_inner_html("");
}

#[wasm_bindgen_test]
async fn a_text_selection_can_be_added_as_an_entity() {
    let root = annotated_story(app_props()).await;
    // Select "Dock workers" (never an entity) in the first body paragraph.
    let p = all(&root, "#article .article__p")[0].clone();
    let node = p.first_child().expect("text node");
    assert!(text(&p).starts_with("Dock workers"), "{}", text(&p));
    let range = gloo::utils::document().create_range().unwrap();
    range.set_start(&node, 0).unwrap();
    range.set_end(&node, 12).unwrap();
    let selection = web_sys::window().unwrap().get_selection().unwrap().unwrap();
    selection.remove_all_ranges().unwrap();
    selection.add_range(&range).unwrap();
    mouse(&p, "mouseup");
    settle().await;
    let panel = one(&root, ".fix-panel");
    assert!(
        text(&panel).contains("Add “Dock workers” as"),
        "{}",
        text(&panel)
    );
    click(&one(&panel, "[data-fix=add-org]"));
    settle().await;
    let added = all(&root, "#article .chip[role=button]")
        .into_iter()
        .find(|c| text(c) == "Dock workers")
        .expect("new chip");
    assert_eq!(added.get_attribute("data-label").as_deref(), Some("ORG"));
    // By keyboard alone: type the text in the form, then choose a type.
    let input: web_sys::HtmlInputElement = one(&root, ".add-entity__input").dyn_into().unwrap();
    input.set_value("union leader");
    key(&input, "Enter");
    settle().await;
    click(&one(&root, ".fix-panel [data-fix=add-misc]"));
    settle().await;
    assert!(chip_texts(&root).iter().any(|t| t == "union leader"));
    // Text that is not there says so.
    input.set_value("Atlantis");
    key(&input, "Enter");
    settle().await;
    assert!(text(&one(&root, ".add-entity__message")).contains("Atlantis"));
    root.set_inner_html("");
}

#[wasm_bindgen_test]
async fn full_storage_gives_a_notice_and_keeps_the_work() {
    let store = Rc::new(MemoryStore::with_quota(200));
    let root = annotated_story(saving_to(&store)).await;
    let notice = wait_for(&root, ".notice", "Could not save").await;
    assert!(
        notice.contains("QuotaExceededError") && notice.contains("stays open"),
        "{notice}"
    );
    // Editing still works in memory.
    let n = chip_texts(&root).len();
    click(&all(&root, "#article .chip[role=button]")[0]);
    settle().await;
    click(&one(&root, ".fix-panel [data-fix=reject]"));
    settle().await;
    assert_eq!(chip_texts(&root).len(), n - 1);
    assert_eq!(all(&root, ".tab").len(), 1);
    root.set_inner_html("");
}

#[wasm_bindgen_test]
async fn corrupted_storage_gives_a_notice_and_a_clean_start() {
    let store = Rc::new(MemoryStore::default());
    store
        .set(WORKSPACE_KEY, "{\"version\":1,\"articles\":[{\"sou")
        .unwrap();
    let root = mount_app(saving_to(&store)).await;
    let notice = text(&one(&root, ".notice"));
    assert!(
        notice.contains("could not be read") && notice.contains("starts clean"),
        "{notice}"
    );
    assert!(all(&root, ".tab").is_empty());
    assert!(
        store.get("gloss.workspace.unreadable").unwrap().is_some(),
        "set aside, not lost"
    );
    // The app works: a paste is annotated and saved over the broken value.
    paste(&root, STORY).await;
    wait_for(&root, "#status", "Annotated 1 article").await;
    wait(10).await;
    assert!(store
        .get(&format!("gloss.article.{}", content_key(STORY)))
        .unwrap()
        .unwrap()
        .contains("Harbour strike"));
    // Corrupted corrections of one article: a notice, the article itself is fine.
    let key_name = format!("gloss.corrections.{}", content_key(STORY));
    let store2 = Rc::new(MemoryStore::default());
    store2.set(&key_name, "not json").unwrap();
    root.set_inner_html("");
    let again = annotated_story(saving_to(&store2)).await;
    assert!(text(&one(&again, ".notice")).contains("could not be read"));
    assert!(!chip_texts(&again).is_empty());
    again.set_inner_html("");
}

fn scored_contract() -> Shared<Contract> {
    let text = "Ana Ruiz met Brellin officials.";
    let m = |start: usize, end: usize, label: &str, entity: &str, score: f32| MentionDto {
        start,
        end,
        text: text.chars().skip(start).take(end - start).collect(),
        label: label.into(),
        entity: entity.into(),
        score,
    };
    Shared::new(Contract {
        version: 1,
        documents: vec![DocumentDto {
            source: "a".into(),
            title: None,
            text: text.into(),
            mentions: vec![m(0, 8, "PER", "e1", 0.97), m(13, 20, "LOC", "e2", 0.41)],
            links: vec![],
            quotes: vec![],
            furniture: vec![],
        }],
        entities: vec![
            entity("e1", "PER", "Ana Ruiz"),
            entity("e2", "LOC", "Brellin"),
        ],
        relations: vec![],
        diagnostics: vec![],
    })
}

#[wasm_bindgen_test]
async fn low_confidence_chips_are_marked_and_say_so() {
    let root = fresh_root();
    yew::Renderer::<ArticleView>::with_root_and_props(
        root.clone(),
        gloss_app::ui::components::article_view::ArticleViewProps {
            contract: scored_contract(),
            doc: 0,
            selected: None,
            scroll_to_selected: false,
            on_select: Callback::noop(),
            on_correct: None,
            corrections: Rc::default(),
            unapplied: Rc::default(),
        },
    )
    .render();
    settle().await;
    let chips = all(&root, ".chip");
    assert_eq!(chips.len(), 2);
    assert!(!chips[0].class_list().contains("chip--unsure"));
    assert!(chips[1].class_list().contains("chip--unsure"));
    assert!(chips[1]
        .get_attribute("aria-label")
        .unwrap()
        .ends_with("low confidence"));
    assert!(chips[1]
        .get_attribute("title")
        .unwrap()
        .contains("confidence 41%"));
    assert_eq!(
        chips[1].get_attribute("data-score").as_deref(),
        Some("0.410")
    );
    // Not editable without on_correct: no panel, no add form.
    click(&chips[1]);
    settle().await;
    assert!(root
        .query_selector(".fix-panel, .add-entity")
        .unwrap()
        .is_none());
    root.set_inner_html("");
}

#[wasm_bindgen_test]
async fn split_and_merge_from_the_panel() {
    let root = annotated_story(app_props()).await;
    let chips = all(&root, "#article .chip[role=button]");
    let entity = |c: &Element| c.get_attribute("data-entity").unwrap_or_default();
    // An entity mentioned at least twice.
    let (i, id) = chips
        .iter()
        .enumerate()
        .rev()
        .find(|(i, c)| chips[..*i].iter().any(|o| entity(o) == entity(c)))
        .map(|(i, c)| (i, entity(c)))
        .expect("an entity with two mentions");
    click(&chips[i]);
    settle().await;
    click(&one(&root, ".fix-panel [data-fix=split]"));
    settle().await;
    let split = entity(&all(&root, "#article .chip[role=button]")[i]);
    assert_ne!(split, id, "the mention has an entity of its own");
    assert!(
        one(&root, ".fix-panel [data-fix=split]").has_attribute("disabled"),
        "a lone mention cannot be split"
    );
    // Merge it back: choose the old entity in the list, then Merge.
    let select: web_sys::HtmlSelectElement = one(&root, ".fix-panel select").dyn_into().unwrap();
    select.set_value(&id);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    click(&one(&root, ".fix-panel [data-fix=merge]"));
    settle().await;
    assert_eq!(entity(&all(&root, "#article .chip[role=button]")[i]), id);
    assert!(text(&one(&root, ".edit-bar__count")).contains("2 corrections"));
    root.set_inner_html("");
}

/// Records downloads instead of making them: `URL.createObjectURL` keeps each Blob and a
/// link's `click()` logs `{name, blob}`. Returns the log and a function that undoes both.
fn record_downloads() -> (js_sys::Array, js_sys::Function) {
    let install = js_sys::Function::new_no_args(
        r#"
        const log = [];
        const blobs = new Map();
        const create = URL.createObjectURL;
        const click = HTMLAnchorElement.prototype.click;
        URL.createObjectURL = function (blob) {
            const url = create.call(URL, blob);
            blobs.set(url, blob);
            return url;
        };
        HTMLAnchorElement.prototype.click = function () {
            if (this.download && blobs.has(this.href)) {
                log.push({ name: this.download, blob: blobs.get(this.href) });
                return;
            }
            return click.call(this);
        };
        return [log, () => { URL.createObjectURL = create; HTMLAnchorElement.prototype.click = click; }];
        "#,
    );
    let pair: js_sys::Array = install
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("install")
        .unchecked_into();
    (pair.get(0).unchecked_into(), pair.get(1).unchecked_into())
}

#[wasm_bindgen_test]
async fn every_export_format_downloads_the_corrected_workspace() {
    let root = annotated_story(app_props()).await;

    // The annotation made again here, and a rejected mention: what the files must hold.
    let base = annotate_articles(&[ArticleInput {
        source: "paste 1".into(),
        input: STORY.into(),
    }]);
    let doc = &base.documents[0];
    let unique = |t: &str| doc.mentions.iter().filter(|m| m.text == t).count() == 1;
    let chip = all(&root, "#article .chip[role=button]")
        .into_iter()
        .find(|c| unique(&text(c)))
        .expect("a chip whose text is mentioned once");
    let mention = doc
        .mentions
        .iter()
        .find(|m| m.text == text(&chip))
        .expect("its mention");
    let reject = Correction::Reject {
        mention: MentionRef::of(doc, mention),
    };
    click(&chip);
    settle().await;
    click(&one(&root, ".fix-panel [data-fix=reject]"));
    settle().await;
    assert!(text(&one(&root, ".edit-bar__count")).contains("1 correction"));
    let corrected = apply(&base, std::slice::from_ref(&reject)).contract;

    // A labelled select of every format (gloss JSON first) and a Download button.
    let select: web_sys::HtmlSelectElement = one(&root, "#export-format").dyn_into().unwrap();
    assert_eq!(text(&one(&root, "label[for=export-format]")), "Export as");
    let values: Vec<String> = all(&root, "#export-format option")
        .iter()
        .filter_map(|o| o.get_attribute("value"))
        .collect();
    let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
    assert_eq!(values, names);
    assert_eq!(select.value(), "json");
    assert_eq!(one(&root, "#export-download").tag_name(), "BUTTON");

    let (log, restore) = record_downloads();
    for (i, format) in Format::ALL.into_iter().enumerate() {
        select.set_value(format.name());
        select
            .dispatch_event(&web_sys::Event::new("change").unwrap())
            .unwrap();
        settle().await;
        click(&one(&root, "#export-download"));
        settle().await;
        assert_eq!(log.length() as usize, i + 1, "{format}: one download");
        let entry = log.get(i as u32);
        let field = |k: &str| js_sys::Reflect::get(&entry, &k.into()).unwrap();
        let blob: web_sys::Blob = field("blob").dyn_into().expect("a Blob");
        let bytes = wasm_bindgen_futures::JsFuture::from(blob.text())
            .await
            .unwrap()
            .as_string()
            .unwrap();
        let want = match format {
            Format::Json => export_json(&base, std::slice::from_ref(&reject)),
            _ => export(&corrected, format),
        }
        .unwrap();
        assert_eq!(bytes, want, "{format}");
        // The rejected mention is gone from every per-mention format.
        if !matches!(format, Format::JsonLd | Format::CsvRelations) {
            assert_ne!(
                bytes,
                export(&base, format).unwrap(),
                "{format} is corrected"
            );
        }
        assert_eq!(blob.type_(), format.media_type(), "{format}");
        assert_eq!(
            field("name").as_string().unwrap(),
            format.file_name("gloss-harbour-strike-spreads-to-valmora")
        );
    }
    restore.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    root.set_inner_html("");
}
