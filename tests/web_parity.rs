//! The core gives the same answer in the browser (wasm32) as natively: the built-in sample's
//! resolution checked in the browser against what the native CLI gives.
use gloss_app::sample::SAMPLE_HTML;
use gloss_core::{annotate_workspace, protocol::Contract, Article};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn particle_surnames_join_their_person_in_wasm() {
    let ws = annotate_workspace(&[Article {
        source: "sample".into(),
        input: SAMPLE_HTML.into(),
    }]);
    let c = Contract::from_workspace(&ws);
    let doc = &c.documents[0];
    let ids: Vec<(&str, &str, &str)> = doc
        .mentions
        .iter()
        .filter(|m| m.text.contains("Mansouri"))
        .map(|m| (m.text.as_str(), m.label.as_str(), m.entity.as_str()))
        .collect();
    assert!(ids.len() >= 2, "{ids:?}");
    assert!(
        ids.iter().all(|&(_, l, e)| l == "PER" && e == ids[0].2),
        "{ids:?}"
    );
}
