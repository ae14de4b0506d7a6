//! One annotated document: its paragraphs with inline entity chips and links, the preview
//! card of the link under the pointer or focus, and the page furniture that was set aside.
//!
//! Everything is built from the contract as Yew nodes: the article text becomes text nodes,
//! only http/https/mailto links become `<a>`, anything else is text with a warning badge.

use crate::ui::components::chip::Chip;
use crate::ui::components::preview_card::PreviewCard;
use crate::ui::labels;
use crate::ui::state::Shared;
use crate::ui::text::{excerpt, paragraphs, runs, segments, CpText, Piece, Range, Run, Segment};
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
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
    let ctx = RenderCtx {
        doc,
        cp: CpText::new(&doc.text),
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
        pars.next()
            .map(|(_, runs)| html! { <h1 class="article__title">{ ctx.runs(runs) }</h1> })
    } else {
        doc.title
            .as_ref()
            .map(|t| html! { <h1 class="article__title">{ t }</h1> })
    };
    let body: Html = pars
        .map(|(_, runs)| html! { <p class="article__p">{ ctx.runs(runs) }</p> })
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
            </header>
            if lay.paragraphs.is_empty() {
                <p class="article__empty">{ "No article text was found in this input." }</p>
            }
            <div class="article__body">{ body }</div>
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

/// Everything the render functions need, borrowed for one render.
struct RenderCtx<'a> {
    doc: &'a DocumentDto,
    cp: CpText<'a>,
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
        let title = entity
            .filter(|e| e.name.trim() != m.text.trim())
            .map(|e| AttrValue::from(format!("{} · {}", e.name, labels::noun(&m.label))));
        html! {
            <Chip entity={m.entity.clone()} label={m.label.clone()} name={m.text.clone()}
                active={self.selected == Some(m.entity.as_str())} on_activate={self.on_select.clone()} {title}>
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
