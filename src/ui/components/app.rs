//! The whole app: header with status, paste box, tabs, the article and the sidebar. Owns the
//! reducer and the annotator hook; everything below it gets props and callbacks.

use crate::embed::{use_embed, Embed};
use crate::ui::components::article_view::ArticleView;
use crate::ui::components::edit_bar::EditBar;
use crate::ui::components::paste_box::{NewArticle, PasteBox};
use crate::ui::components::run_progress::RunProgressBar;
use crate::ui::components::sidebar::Sidebar;
use crate::ui::components::status_line::StatusLine;
use crate::ui::components::tabs::{TabInfo, Tabs};
use crate::ui::export::save;
use crate::ui::hooks::{use_annotator, Inline};
use crate::ui::persist::{initial_state, use_persistence, use_undo_keys};
use crate::ui::state::{Action, AppState, Shared};
use crate::ui::storage::StoreHandle;
use crate::ui::text::excerpt;
use gloss_core::corrections::Correction;
use gloss_core::export::Format;
use gloss_core::protocol::Contract;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Annotate in the web worker (tests turn this off to stay on the main thread).
    #[prop_or(true)]
    pub use_worker: bool,
    /// Start with the built-in sample article.
    #[prop_or(true)]
    pub with_sample: bool,
    /// An annotator linked into the page, used when the worker is off or cannot start.
    #[prop_or_default]
    pub inline: Option<Inline>,
    /// Set when the app runs inside `<gloss-annotator>`: its link to the JS API and options.
    #[prop_or_default]
    pub embed: Option<Embed>,
    /// Where the workspace is saved (the page's localStorage); none: nothing is saved.
    #[prop_or_default]
    pub store: Option<StoreHandle>,
    /// Largest article accepted, in bytes (default: the core's 16 MB limit). Larger ones are
    /// refused with a notice instead of being annotated.
    #[prop_or_default]
    pub max_input_bytes: Option<usize>,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let with_sample = props.with_sample;
    let store = props.store.clone();
    let max_input_bytes = props.max_input_bytes;
    let state = use_reducer(move || {
        let mut s = initial_state(store.as_ref(), || {
            if with_sample {
                AppState::with_sample()
            } else {
                AppState::default()
            }
        });
        s.max_input_bytes = max_input_bytes;
        s
    });
    use_persistence(&state, props.store.clone());
    use_undo_keys(state.dispatcher());
    use_annotator(
        state.pending,
        state.articles.clone(),
        state.dispatcher(),
        props.use_worker,
        props.inline,
    );
    use_embed(props.embed.clone(), state.clone());
    let paste_box = props.embed.as_ref().is_none_or(|e| e.paste_box);
    let readonly = props.embed.as_ref().is_some_and(|e| e.readonly);

    let on_add = {
        let d = state.dispatcher();
        Callback::from(move |a: NewArticle| {
            d.dispatch(Action::Add {
                source: a.source,
                input: a.input,
            })
        })
    };
    let on_sample = {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::LoadSample))
    };
    let on_notice = {
        let d = state.dispatcher();
        Callback::from(move |text| d.dispatch(Action::Notice(text)))
    };
    let on_tab = {
        let d = state.dispatcher();
        Callback::from(move |i| d.dispatch(Action::SelectTab(i)))
    };
    let on_close = {
        let d = state.dispatcher();
        Callback::from(move |i| d.dispatch(Action::CloseTab(i)))
    };
    let on_cancel = {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::Cancel))
    };
    let on_chip = {
        let d = state.dispatcher();
        Callback::from(move |id| {
            d.dispatch(Action::ToggleEntity {
                id,
                from_sidebar: false,
            })
        })
    };
    let on_row = {
        let d = state.dispatcher();
        Callback::from(move |id| {
            d.dispatch(Action::ToggleEntity {
                id,
                from_sidebar: true,
            })
        })
    };

    let tabs: Vec<TabInfo> = state
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let doc = state.document(i);
            let label = doc
                .and_then(|d| d.title.clone())
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| a.source.clone());
            TabInfo {
                label: excerpt(&label, 48),
                pending: doc.is_none() || state.pending.is_some(),
            }
        })
        .collect();
    let busy = state.pending.is_some();
    let shown = state.shown();
    let diagnostics = shown.map(|c| c.diagnostics.clone()).unwrap_or_default();

    // The workspace's corrections named by document source (hashes every article: memoized).
    let corrections = use_memo(
        (
            state.base.clone(),
            state.edits.clone(),
            state.articles.clone(),
        ),
        |(base, edits, articles)| {
            Rc::new(
                base.as_ref()
                    .map(|b| edits.sourced(b, articles))
                    .unwrap_or_default(),
            )
        },
    );
    let corrections: Rc<Vec<Correction>> = (*corrections).clone();
    let on_correct = {
        let d = state.dispatcher();
        Callback::from(move |c: Correction| d.dispatch(Action::Correct(c)))
    };
    let edit_bar = {
        let d = state.dispatcher();
        let on_undo = Callback::from(move |_: ()| d.dispatch(Action::Undo));
        let d = state.dispatcher();
        let on_redo = Callback::from(move |_: ()| d.dispatch(Action::Redo));
        let d = state.dispatcher();
        let on_import = Callback::from(
            move |(contract, corrections): (Shared<Contract>, Vec<Correction>)| {
                d.dispatch(Action::Import {
                    contract,
                    corrections,
                })
            },
        );
        let on_export = {
            let state = state.clone();
            let on_notice = on_notice.clone();
            Callback::from(move |format: Format| {
                if let Err(why) = save(&state, format) {
                    on_notice.emit(format!("Could not export {}: {why}", format.title()));
                }
            })
        };
        html! {
            <EditBar next_undo={state.edits.next_undo().map(|c| c.describe())}
                next_redo={state.edits.next_redo().map(|c| c.describe())}
                corrections={corrections.clone()} can_export={state.contract.is_some()}
                {on_undo} {on_redo} {on_export} {on_import} on_notice={on_notice.clone()} />
        }
    };
    let main_view = match (shown, state.document(state.active)) {
        (Some(contract), Some(_)) => html! {
            <ArticleView key={state.active} contract={contract.clone()} doc={state.active}
                selected={state.selected.clone()} scroll_to_selected={state.selected_from_sidebar}
                on_select={on_chip} on_correct={(!readonly).then_some(on_correct)} corrections={corrections.clone()}
                unapplied={state.unapplied.clone()} />
        },
        _ if state.articles.is_empty() => html! {
            <article id="article" class="article article--empty">
                <h1 class="article__title article__title--muted">{ "No article yet" }</h1>
                <p class="article__empty">{ if paste_box {
                    "Paste the text or HTML of a story above, drop a file, or load the sample."
                } else {
                    "The article appears here once the page gives it to gloss."
                } }</p>
            </article>
        },
        _ => html! {
            <article id="article" class="article article--pending" aria-busy="true">
                <p class="article__kicker">{ "Annotating…" }</p>
                <div class="skeleton skeleton--title"></div>
                <div class="skeleton"></div><div class="skeleton"></div><div class="skeleton skeleton--short"></div>
            </article>
        },
    };
    let sidebar = match shown {
        Some(contract) => html! {
            <Sidebar contract={contract.clone()} doc={state.active} selected={state.selected.clone()}
                on_select={on_row} on_open_doc={on_tab.clone()} />
        },
        None => html! {
            <aside id="sidebar" class="sidebar" aria-label="Entities, relations and quotes">
                <section class="panel"><h2 class="panel__title">{ "Entities" }</h2>
                    <p class="panel__empty">{ "Entities appear here once an article is annotated." }</p></section>
            </aside>
        },
    };

    let status = if paste_box {
        state.status_text()
    } else {
        state.status_text_with("No article yet.")
    };
    html! {
        <div class="app">
            <header class="topbar">
                <div class="brand">
                    <span class="brand__mark" aria-hidden="true">{ "g" }</span>
                    <span class="brand__name">{ "gloss" }</span>
                    <span class="brand__tagline">{ "Entities, links and who-said-what, for the newsroom" }</span>
                </div>
                <StatusLine text={status} {busy} />
            </header>
            <div class="layout">
                <main class="main">
                    if paste_box {
                        <PasteBox {on_add} {on_sample} {on_notice} {busy} />
                    }
                    if let Some(notice) = &state.notice {
                        <p class="notice" role="alert">{ notice }</p>
                    }
                    if busy {
                        <RunProgressBar progress={state.progress.clone()} receiving={state.partial.is_some()}
                            {on_cancel} />
                    }
                    <Tabs {tabs} active={state.active} on_select={on_tab} {on_close} />
                    if !state.articles.is_empty() && !readonly {
                        { edit_bar }
                    }
                    { main_view }
                    if !diagnostics.is_empty() {
                        <details class="diagnostics">
                            <summary>{ format!("Pipeline notes · {}", diagnostics.len()) }</summary>
                            <ul>{ for diagnostics.iter().map(|d| html! { <li>{ d }</li> }) }</ul>
                        </details>
                    }
                </main>
                { sidebar }
            </div>
            <footer class="footer">
                { "gloss annotates in your browser with Rust and WebAssembly. Nothing you paste leaves this page." }
            </footer>
        </div>
    }
}
