//! The workspace in each export format of the core ([`Format::ALL`]), for the edit bar's
//! Download control and the embed's `exportAs` alike: one code path, so a downloaded file
//! has the bytes `exportAs` returns.
//!
//! What is exported is the annotation shown: the latest result with the workspace's
//! corrections and the host's link metadata applied. gloss JSON also lists the corrections
//! (`gloss_core::corrections::export_json`), so importing it gives the workspace back.

use crate::ui::state::AppState;
use gloss_core::corrections::export_json;
use gloss_core::export::{export, Format};
use gloss_core::links::metadata::apply_all;
use gloss_core::protocol::Contract;
use wasm_bindgen::{JsCast, JsValue};

/// A download: file name, media type and content.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportFile {
    pub name: String,
    pub media_type: &'static str,
    pub text: String,
}

/// The workspace in `format`, or `None` before its first annotation.
pub fn export_workspace(state: &AppState, format: Format) -> Option<Result<String, String>> {
    let shown = state.contract.as_ref()?;
    let out = match (format, &state.base) {
        (Format::Json, Some(base)) => {
            let mut with_metadata = Contract::clone(base);
            if !state.link_metadata.is_empty() {
                // What matched nothing was reported when the host gave it.
                let _unmatched = apply_all(&mut with_metadata, &state.link_metadata);
            }
            export_json(&with_metadata, &state.edits.sourced(base, &state.articles))
        }
        _ => export(shown, format),
    };
    Some(out.map_err(|e| e.to_string()))
}

/// The workspace in `format` as a file to download, or `None` before its first annotation.
pub fn export_file(state: &AppState, format: Format) -> Option<Result<ExportFile, String>> {
    let stem = file_stem(state.contract.as_deref()?);
    let text = export_workspace(state, format)?;
    Some(text.map(|text| ExportFile {
        name: format.file_name(&stem),
        media_type: format.media_type(),
        text,
    }))
}

/// The name of the workspace's files: "gloss-" and the article's title (else its source) in
/// lowercase words, "gloss-N-articles" for several.
pub fn file_stem(contract: &Contract) -> String {
    match contract.documents.as_slice() {
        [doc] => {
            let title = doc.title.as_deref().filter(|t| !t.trim().is_empty());
            let words = slug(title.unwrap_or(&doc.source), 60);
            if words.is_empty() {
                "gloss".to_string()
            } else {
                format!("gloss-{words}")
            }
        }
        [] => "gloss".to_string(),
        docs => format!("gloss-{}-articles", docs.len()),
    }
}

/// The letters and digits of `s` in lowercase words joined by "-", whole words up to `max`
/// bytes (nothing else of a title reaches a file name: no dots, slashes or spaces).
fn slug(s: &str, max: usize) -> String {
    let mut out = String::new();
    let words = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    for word in words {
        let sep = usize::from(!out.is_empty());
        if out.len() + sep + word.len() > max {
            break;
        }
        if sep == 1 {
            out.push('-');
        }
        out.push_str(&word.to_lowercase());
    }
    out
}

/// Offer `file` as a download (a link to a Blob URL, clicked).
pub fn download(file: &ExportFile) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(&file.text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(file.media_type);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = gloo::utils::document().create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(&file.name);
    a.click();
    web_sys::Url::revoke_object_url(&url)
}

/// Download the workspace in `format`; the reason when it could not be made.
pub fn save(state: &AppState, format: Format) -> Result<(), String> {
    match export_file(state, format) {
        None => Err("nothing has been annotated yet".to_string()),
        Some(file) => download(&file?).map_err(|e| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| e.as_string())
                .unwrap_or_else(|| "the browser refused the download".to_string())
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::annotate_articles;
    use crate::ui::state::{Action, Engine, Shared};
    use gloss_core::corrections::{apply, Correction, MentionRef};
    use gloss_core::links::metadata::LinkMetadata;

    const STORY: &str = "Ferry service to Osterholm resumes

Captain Mara Lindqvist said on Monday that the Osterholm Ferry Company would sail again. Lindqvist met Governor Piet Anders in Osterholm. Read more at https://news.example.org/2025/04/02/osterholm-ferry-returns today.";

    /// The story pasted and annotated by the core, as the app's reducer holds it.
    fn annotated() -> AppState {
        let mut s = AppState::default();
        s.apply(Action::Add {
            source: None,
            input: STORY.to_string(),
        });
        let contract = annotate_articles(&s.articles);
        s.apply(Action::Annotated {
            seq: s.pending.unwrap_or(0),
            contract: Shared::new(contract),
            elapsed_ms: 1.0,
            engine: Engine::MainThread,
        });
        s
    }

    #[test]
    fn nothing_to_export_before_an_annotation() {
        let s = AppState::default();
        assert!(Format::ALL
            .iter()
            .all(|f| export_workspace(&s, *f).is_none()));
        assert!(save(&s, Format::Json).is_err());
    }

    #[test]
    fn every_format_is_the_corrected_annotation() {
        let mut s = annotated();
        let base = Contract::clone(s.base.as_ref().expect("annotated"));
        let doc = &base.documents[0];
        let first = doc.mentions.first().expect("the story has mentions");
        let reject = Correction::Reject {
            mention: MentionRef::of(doc, first),
        };
        s.apply(Action::Correct(reject.clone()));
        let corrected = apply(&base, std::slice::from_ref(&reject)).contract;
        for format in Format::ALL {
            let got = export_workspace(&s, format)
                .expect("annotated")
                .expect("exported");
            let want = match format {
                Format::Json => export_json(&base, std::slice::from_ref(&reject)),
                _ => export(&corrected, format),
            }
            .expect("core export");
            assert_eq!(got, want, "{format}");
            let file = export_file(&s, format).expect("annotated").expect("file");
            assert_eq!(file.text, got);
            assert_eq!(file.media_type, format.media_type());
            assert_eq!(
                file.name,
                format.file_name("gloss-ferry-service-to-osterholm-resumes")
            );
        }
        let json: serde_json::Value =
            serde_json::from_str(&export_workspace(&s, Format::Json).unwrap().unwrap()).unwrap();
        assert_eq!(json["corrections"][0]["op"], "reject");
        assert_ne!(
            export_workspace(&s, Format::Conll).unwrap().unwrap(),
            export(&base, Format::Conll).unwrap(),
            "the rejected mention is tagged O"
        );
    }

    #[test]
    fn gloss_json_carries_the_hosts_link_metadata() {
        let mut s = annotated();
        let url = "https://news.example.org/2025/04/02/osterholm-ferry-returns";
        s.apply(Action::SetLinkMetadata {
            url: url.to_string(),
            meta: LinkMetadata {
                title: Some("Ferries sail again".to_string()),
                ..LinkMetadata::default()
            },
        });
        let shown = s.contract.as_ref().unwrap();
        let has_links = shown.documents[0].links.iter().any(|l| l.href == url);
        assert!(has_links, "{:?}", shown.documents[0].links);
        let json = export_workspace(&s, Format::Json).unwrap().unwrap();
        assert!(json.contains("Ferries sail again"), "{json}");
        assert_eq!(
            json,
            export(shown, Format::Json).unwrap(),
            "no corrections: the contract shown"
        );
    }

    #[test]
    fn file_stems_name_the_workspace() {
        let mut c = Contract::clone(annotated().contract.as_ref().unwrap());
        assert_eq!(file_stem(&c), "gloss-ferry-service-to-osterholm-resumes");
        c.documents[0].title = None;
        assert_eq!(file_stem(&c), "gloss-paste-1");
        c.documents[0].title = Some("Ärger in Zürich: 3 Fähren, „keine“ Pläne".to_string());
        assert_eq!(file_stem(&c), "gloss-ärger-in-zürich-3-fähren-keine-pläne");
        c.documents[0].title = Some("../../etc/passwd .json".to_string());
        assert_eq!(file_stem(&c), "gloss-etc-passwd-json");
        c.documents[0].title = Some(" — ".to_string());
        assert_eq!(file_stem(&c), "gloss");
        c.documents.push(c.documents[0].clone());
        assert_eq!(file_stem(&c), "gloss-2-articles");
        c.documents.clear();
        assert_eq!(file_stem(&c), "gloss");
        let long = "word ".repeat(40);
        assert!(slug(&long, 60).len() <= 60 && slug(&long, 60).ends_with("word"));
    }
}
