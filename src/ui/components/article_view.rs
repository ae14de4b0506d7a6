//! One annotated document: its paragraphs with inline entity chips and links, the preview
//! card of the link under the pointer or focus, and the page furniture that was set aside.
//!
//! Everything is built from the contract as Yew nodes: the article text becomes text nodes,
//! only http/https/mailto links become `<a>`, anything else is text with a warning badge.
//!
//! With `on_correct`, the article is editable: activating a chip opens its correction panel
//! (`FixPanel`), selecting text offers to add it as an entity, and a small form adds an
//! entity by typing its text (keyboard alone). Paragraphs carry their code-point range in
//! `data-start`/`data-end` so a selection maps back to contract offsets (`ui::selection`).

use crate::ui::components::chip::Chip;
use crate::ui::components::fix_panel::{FixPanel, FixTarget};
use crate::ui::components::preview_card::PreviewCard;
use crate::ui::labels;
use crate::ui::selection::{first_free, locate, read_dom_selection};
use crate::ui::state::Shared;
use crate::ui::text::{excerpt, paragraphs, runs, segments, CpText, Piece, Range, Run, Segment};
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use gloss_core::corrections::{Correction, Unapplied};
use gloss_core::links::is_safe_href;
use gloss_core::protocol::{Contract, DocumentDto, EntityDto, LinkDto};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Hover must rest this long on a link before its card opens.
pub const HOVER_OPEN_MS: u32 = 150;
/// Leaving a link or its card closes the card after this long (time to cross the gap).
pub const HOVER_CLOSE_MS: u32 = 200;

#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    pub contract: Shared<Contract>,
    pub doc: usize,
    #[prop_or_default]
    pub selected: Option<String>,
    /// Scroll the first selected mention into view when the selection changes.
    #[prop_or_default]
    pub scroll_to_selected: bool,
    #[prop_or_default]
    pub on_select: Callback<String>,
    /// Makes the article editable: corrections made here are emitted.
    #[prop_or_default]
    pub on_correct: Option<Callback<Correction>>,
    /// The workspace's corrections (documents named by source), to mark confirmed chips.
    #[prop_or_default]
    pub corrections: Rc<Vec<Correction>>,
    /// Corrections that no longer fit; those of this document are listed under it.
    #[prop_or_default]
    pub unapplied: Rc<Vec<Unapplied>>,
}

/// The paragraphs of a document cut into render runs; computed once per contract.
#[derive(PartialEq)]
struct Layout {
    paragraphs: Vec<(Range, Vec<Run>)>,
    /// The first paragraph is the headline (it equals the document title).
    headline_first: bool,
}

fn layout(doc: &DocumentDto) -> Layout {
    let mentions: Vec<Range> = doc.mentions.iter().map(|m| (m.start, m.end)).collect();
    let links: Vec<Range> = doc.links.iter().map(|l| (l.start, l.end)).collect();
    let quotes: Vec<Range> = doc.quotes.iter().map(|q| (q.start, q.end)).collect();
    let pars = paragraphs(&doc.text);
    let cp = CpText::new(&doc.text);
    let headline_first = match (pars.first(), doc.title.as_deref()) {
        (Some(&(s, e)), Some(title)) => cp.slice(s, e).trim() == title.trim(),
        _ => false,
    };
    let paragraphs = pars
        .into_iter()
        .map(|p| (p, runs(&segments(p, &mentions, &links, &quotes))))
        .collect();
    Layout {
        paragraphs,
        headline_first,
    }
}

/// Pending hover timer and the open card, shared by every link's handlers.
#[derive(Clone)]
struct CardControl {
    open: UseStateHandle<Option<usize>>,
    timer: Rc<RefCell<Option<Timeout>>>,
}

impl CardControl {
    fn open_later(&self, link: usize) {
        let open = self.open.clone();
        *self.timer.borrow_mut() = Some(Timeout::new(HOVER_OPEN_MS, move || open.set(Some(link))));
    }
    fn close_later(&self) {
        let open = self.open.clone();
        *self.timer.borrow_mut() = Some(Timeout::new(HOVER_CLOSE_MS, move || open.set(None)));
    }
    fn open_now(&self, link: usize) {
        self.timer.borrow_mut().take();
        self.open.set(Some(link));
    }
    fn close_now(&self) {
        self.timer.borrow_mut().take();
        self.open.set(None);
    }
    fn keep(&self) {
        self.timer.borrow_mut().take();
    }
}

#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let open = use_state(|| None::<usize>);
    let timer = use_mut_ref(|| None::<Timeout>);
    let article_ref = use_node_ref();
    let body_ref = use_node_ref();
    let fix = use_state(|| None::<FixTarget>);
    let control = CardControl {
        open: open.clone(),
        timer,
    };
    let doc = props.contract.documents.get(props.doc);
    let lay = use_memo((props.contract.clone(), props.doc), |(c, d)| {
        c.documents.get(*d).map(layout)
    });

    // Esc closes an open card wherever the focus is.
    {
        let control = control.clone();
        use_effect_with(open.is_some(), move |is_open| {
            let listener = is_open.then(|| {
                EventListener::new(&gloo::utils::document(), "keydown", move |e| {
                    if let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() {
                        if e.key() == "Escape" {
                            control.close_now();
                        }
                    }
                })
            });
            move || drop(listener)
        });
    }
    // A selection made in the sidebar scrolls its first mention into view.
    {
        let article_ref = article_ref.clone();
        use_effect_with(
            (props.selected.clone(), props.scroll_to_selected),
            move |(selected, scroll)| {
                if *scroll && selected.is_some() {
                    scroll_to_active(&article_ref);
                }
            },
        );
    }

    let (Some(doc), Some(lay)) = (doc, lay.as_ref()) else {
        return html! {
            <article id="article" class="article article--empty" role="tabpanel">
                <p class="article__empty">{ "This article is not available." }</p>
            </article>
        };
    };
    let entities: HashMap<&str, &EntityDto> = props
        .contract
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e))
        .collect();
    let confirmed: HashSet<(usize, usize)> = props
        .corrections
        .iter()
        .filter(|c| {
            matches!(
                c,
                Correction::Accept { .. } | Correction::Retype { .. } | Correction::Add { .. }
            )
        })
        .filter(|c| !props.unapplied.iter().any(|u| &u.correction == *c))
        .map(|c| c.mention())
        .filter(|m| m.document == doc.source)
        .map(|m| (m.start, m.end))
        .collect();
    let editable = props.on_correct.is_some();
    let ctx = RenderCtx {
        doc,
        cp: CpText::new(&doc.text),
        confirmed: &confirmed,
        fix: editable.then_some(&fix),
        entities: &entities,
        selected: props.selected.as_deref(),
        on_select: &props.on_select,
        control: &control,
        open: *open,
        doc_index: props.doc,
        cards_shown: RefCell::new(HashSet::new()),
    };

    let mut pars = lay.paragraphs.iter();
    let headline = if lay.headline_first {
        pars.next().map(|((s, e), runs)| {
            html! { <h1 class="article__title" data-start={s.to_string()} data-end={e.to_string()}>{ ctx.runs(runs) }</h1> }
        })
    } else {
        doc.title
            .as_ref()
            .map(|t| html! { <h1 class="article__title">{ t }</h1> })
    };
    let body: Html = pars
        .map(|((s, e), runs)| {
            html! { <p class="article__p" data-start={s.to_string()} data-end={e.to_string()}>{ ctx.runs(runs) }</p> }
        })
        .collect();
    let editing = match (&props.on_correct, &*fix) {
        (Some(on_correct), Some(target)) => {
            let on_close = {
                let fix = fix.clone();
                let article_ref = article_ref.clone();
                Callback::from(move |_| {
                    focus_in(&article_ref, ".chip--editing");
                    fix.set(None);
                })
            };
            let on_correct = {
                let on_correct = on_correct.clone();
                let fix = fix.clone();
                Callback::from(move |c: Correction| {
                    match &c {
                        // The mention is gone: the focus goes to Undo.
                        Correction::Reject { .. } => {
                            fix.set(None);
                            Timeout::new(0, || focus_by_id("undo")).forget();
                        }
                        Correction::Add { mention, .. } => fix.set(Some(FixTarget::Mention {
                            start: mention.start,
                            end: mention.end,
                        })),
                        _ => {}
                    }
                    on_correct.emit(c);
                })
            };
            let target_confirmed = matches!(target, FixTarget::Mention { start, end } if confirmed.contains(&(*start, *end)));
            html! {
                <FixPanel contract={props.contract.clone()} doc={props.doc} target={target.clone()}
                    confirmed={target_confirmed} {on_correct} {on_close} />
            }
        }
        _ => Html::default(),
    };
    let on_select_text = {
        let fix = fix.clone();
        let body_ref = body_ref.clone();
        // The contract, not a copy of the text: a long article is not copied on every render.
        let contract = props.contract.clone();
        let d = props.doc;
        Callback::from(move |_: ()| {
            if !editable {
                return;
            }
            let Some(body) = body_ref.cast::<web_sys::Element>() else {
                return;
            };
            if let Some((par, prefix, selected)) = read_dom_selection(&body) {
                let Some(doc) = contract.documents.get(d) else {
                    return;
                };
                if let Some((start, end, text)) = locate(&doc.text, par, prefix, &selected) {
                    fix.set(Some(FixTarget::Selection { start, end, text }));
                }
            }
        })
    };
    let onmouseup = {
        let cb = on_select_text.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let onkeyup = Callback::from(move |e: KeyboardEvent| {
        if e.shift_key() {
            on_select_text.emit(())
        }
    });
    let unapplied: Vec<&Unapplied> = props
        .unapplied
        .iter()
        .filter(|u| u.correction.mention().document == doc.source)
        .collect();
    let named = doc
        .mentions
        .iter()
        .map(|m| m.entity.as_str())
        .collect::<HashSet<_>>()
        .len();
    let meta = format!(
        "{} · {} · {} · {}",
        doc.source,
        count(named, "entity", "entities"),
        count(doc.links.len(), "link", "links"),
        count(doc.quotes.len(), "quote", "quotes"),
    );

    html! {
        <article id="article" class="article" role="tabpanel" aria-labelledby={format!("tab-{}", props.doc)}
            ref={article_ref}>
            <header class="article__head">
                <p class="article__kicker">{ meta }</p>
                { headline.unwrap_or_default() }
                if editable {
                    <AddEntity contract={props.contract.clone()} doc={props.doc} fix={fix.clone()} />
                }
            </header>
            { editing }
            if lay.paragraphs.is_empty() {
                <p class="article__empty">{ "No article text was found in this input." }</p>
            }
            <div class="article__body" ref={body_ref} {onmouseup} {onkeyup}>{ body }</div>
            if !unapplied.is_empty() {
                <details class="unapplied" open={true}>
                    <summary>{ format!("Corrections that no longer fit this article · {}", unapplied.len()) }</summary>
                    <ul>
                        { for unapplied.iter().map(|u| html! {
                            <li>{ format!("{} — {}", u.correction.describe(), u.reason) }</li>
                        }) }
                    </ul>
                </details>
            }
            if !doc.furniture.is_empty() {
                <details class="furniture">
                    <summary>{ format!("Removed page furniture · {}", count(doc.furniture.len(), "block", "blocks")) }</summary>
                    <p class="furniture__note">{ "Navigation, listings and credits set aside from the article text." }</p>
                    <ul class="furniture__list">
                        { for doc.furniture.iter().map(|f| html! { <li>{ excerpt(f, 400) }</li> }) }
                    </ul>
                </details>
            }
        </article>
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn scroll_to_active(article: &NodeRef) {
    let Some(el) = article.cast::<web_sys::Element>() else {
        return;
    };
    if let Ok(Some(chip)) = el.query_selector(".chip--active") {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Center);
        opts.set_behavior(web_sys::ScrollBehavior::Smooth);
        chip.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

/// Focus the first element matching `selector` inside `root`.
fn focus_in(root: &NodeRef, selector: &str) {
    if let Some(el) = root
        .cast::<web_sys::Element>()
        .and_then(|r| r.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

fn focus_by_id(id: &str) {
    if let Some(el) = gloo::utils::document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

#[derive(Properties, PartialEq)]
struct AddEntityProps {
    contract: Shared<Contract>,
    doc: usize,
    fix: UseStateHandle<Option<FixTarget>>,
}

/// "Add an entity" by typing its text: the first unmarked occurrence opens the add panel.
#[component]
fn AddEntity(props: &AddEntityProps) -> Html {
    let input = use_node_ref();
    let message = use_state(|| None::<String>);
    // No <form>: the article holds no form element (the XSS check forbids any).
    let find = {
        let input = input.clone();
        let message = message.clone();
        let fix = props.fix.clone();
        let contract = props.contract.clone();
        let d = props.doc;
        Callback::from(move |_: ()| {
            let (Some(el), Some(doc)) = (
                input.cast::<web_sys::HtmlInputElement>(),
                contract.documents.get(d),
            ) else {
                return;
            };
            let taken: Vec<(usize, usize)> =
                doc.mentions.iter().map(|m| (m.start, m.end)).collect();
            match first_free(&doc.text, &el.value(), &taken) {
                Some((start, end, text)) => {
                    message.set(None);
                    el.set_value("");
                    fix.set(Some(FixTarget::Selection { start, end, text }));
                }
                None => message.set(Some(format!(
                    "“{}” is not in this article outside the marked entities.",
                    el.value().trim()
                ))),
            }
        })
    };
    let onkeydown = {
        let find = find.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                find.emit(());
            }
        })
    };
    let onclick = Callback::from(move |_: MouseEvent| find.emit(()));
    html! {
        <div class="add-entity" role="group" aria-label="Add an entity">
            <label class="add-entity__label">{ "Add an entity " }
                <input ref={input} type="text" class="add-entity__input" placeholder="text from the article" {onkeydown} />
            </label>
            <button type="button" class="add-entity__go" {onclick}>{ "Find" }</button>
            if let Some(m) = &*message {
                <span class="add-entity__message" role="status">{ m }</span>
            }
        </div>
    }
}

/// Everything the render functions need, borrowed for one render.
struct RenderCtx<'a> {
    doc: &'a DocumentDto,
    cp: CpText<'a>,
    /// Mentions an editor confirmed, by offsets.
    confirmed: &'a HashSet<(usize, usize)>,
    /// The open correction panel's target; `None` when the article is not editable.
    fix: Option<&'a UseStateHandle<Option<FixTarget>>>,
    entities: &'a HashMap<&'a str, &'a EntityDto>,
    selected: Option<&'a str>,
    on_select: &'a Callback<String>,
    control: &'a CardControl,
    open: Option<usize>,
    doc_index: usize,
    /// A link split over two paragraphs gets one card, at its first part.
    cards_shown: RefCell<HashSet<usize>>,
}

impl RenderCtx<'_> {
    fn runs(&self, runs: &[Run]) -> Html {
        runs.iter().map(|r| self.run(r)).collect()
    }

    fn run(&self, run: &Run) -> Html {
        let pieces: Html = run.pieces.iter().map(|p| self.piece(p)).collect();
        let Some((l, link)) = run
            .link
            .and_then(|l| self.doc.links.get(l).map(|link| (l, link)))
        else {
            return pieces;
        };
        if !(link.safe && is_safe_href(&link.href)) {
            return html! {
                <span class="unsafe-link" title={format!("Not a web or mail link, so it is not followed: {}", link.href)}>
                    { pieces }
                    <span class="badge badge--warn">{ "⚠ unsafe link" }</span>
                </span>
            };
        }
        let card_id = format!("card-{}-{l}", self.doc_index);
        let c = self.control;
        let onmouseenter = {
            let c = c.clone();
            Callback::from(move |_: MouseEvent| c.open_later(l))
        };
        let onmouseleave = {
            let c = c.clone();
            Callback::from(move |_: MouseEvent| c.close_later())
        };
        let onfocus = {
            let c = c.clone();
            Callback::from(move |_: FocusEvent| c.open_now(l))
        };
        let onblur = {
            let c = c.clone();
            Callback::from(move |_: FocusEvent| c.close_now())
        };
        let onkeydown = {
            let c = c.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Escape" {
                    c.close_now();
                }
            })
        };
        let card = (self.open == Some(l) && self.cards_shown.borrow_mut().insert(l))
            .then(|| self.card(&card_id, link))
            .unwrap_or_default();
        html! {
            <span class="link-wrap">
                <a class="article-link" href={link.href.trim().to_string()} target="_blank" rel="noopener noreferrer"
                    aria-describedby={card_id} {onmouseenter} {onmouseleave} {onfocus} {onblur} {onkeydown}>
                    { pieces }
                </a>
                { card }
            </span>
        }
    }

    fn card(&self, id: &str, link: &LinkDto) -> Html {
        let entities: Vec<EntityDto> = link
            .preview
            .iter()
            .flat_map(|p| p.entities.iter())
            .filter_map(|id| self.entities.get(id.as_str()).map(|e| (*e).clone()))
            .collect();
        let on_enter = {
            let c = self.control.clone();
            Callback::from(move |_| c.keep())
        };
        let on_leave = {
            let c = self.control.clone();
            Callback::from(move |_| c.close_later())
        };
        html! {
            <PreviewCard id={id.to_string()} link={link.clone()} {entities}
                selected={self.selected.map(str::to_string)} {on_enter} {on_leave} />
        }
    }

    fn piece(&self, piece: &Piece) -> Html {
        let parts: Html = piece.parts.iter().map(|s| self.part(s)).collect();
        let Some(m) = piece.mention.and_then(|m| self.doc.mentions.get(m)) else {
            return parts;
        };
        let entity = self.entities.get(m.entity.as_str());
        let confirmed = self.confirmed.contains(&(m.start, m.end));
        let confidence = if confirmed {
            "confirmed".to_string()
        } else {
            format!("confidence {}%", (m.score * 100.0).round() as i64)
        };
        let title = match entity.filter(|e| e.name.trim() != m.text.trim()) {
            Some(e) => format!("{} · {} · {confidence}", e.name, labels::noun(&m.label)),
            None => format!("{} · {confidence}", labels::noun(&m.label)),
        };
        let this = FixTarget::Mention {
            start: m.start,
            end: m.end,
        };
        let editing = self.fix.is_some_and(|f| (**f).as_ref() == Some(&this));
        let on_activate = match self.fix {
            None => self.on_select.clone(),
            Some(fix) => {
                let fix = fix.clone();
                let on_select = self.on_select.clone();
                let was_selected = self.selected == Some(m.entity.as_str());
                Callback::from(move |id: String| {
                    // Activating the open chip again closes its panel (and clears the selection).
                    fix.set(if was_selected && editing {
                        None
                    } else {
                        Some(this.clone())
                    });
                    if !was_selected || editing {
                        on_select.emit(id);
                    }
                })
            }
        };
        html! {
            <Chip entity={m.entity.clone()} label={m.label.clone()} name={m.text.clone()}
                active={self.selected == Some(m.entity.as_str())} {on_activate} title={AttrValue::from(title)}
                score={m.score} {confirmed} {editing}>
                { parts }
            </Chip>
        }
    }

    fn part(&self, seg: &Segment) -> Html {
        let text = self.cp.slice(seg.start, seg.end);
        if seg.quote {
            html! { <span class="quoted">{ text }</span> }
        } else {
            html! { { text } }
        }
    }
}
