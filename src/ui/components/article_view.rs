//! One annotated document: its paragraphs with inline entity chips and links, the preview
//! card of the link under the pointer or focus, and the page furniture that was set aside.
//!
//! Everything is built from the contract as Yew nodes: the article text becomes text nodes,
//! only http/https/mailto links become `<a>`, anything else is text with a warning badge.
//! Every paragraph has `dir="auto"`, so Arabic or Hebrew paragraphs run right to left.
//!
//! Long articles: the first [`PARAGRAPH_PAGE`] paragraphs are rendered, and more as the reader
//! scrolls near the end (or presses "Show more"); only the paragraphs shown are laid out, with
//! their mentions, links and quotes found through sorted indexes, so a 10 MB article costs
//! no more per render than a short one.
//!
//! Cards open after a short hover, at once on keyboard focus, and close on Esc or leaving.
//! Touch has no hover: the first tap on a link opens its card, the second follows the link.
//!
//! With `on_correct`, the article is editable: activating a chip opens its correction panel
//! (`FixPanel`), selecting text offers to add it as an entity, and a small field adds an
//! entity by typing its text (keyboard alone). Paragraphs carry their code-point range in
//! `data-start`/`data-end` so a selection maps back to contract offsets (`ui::selection`).

use crate::ui::components::chip::Chip;
use crate::ui::components::fix_panel::{FixPanel, FixTarget};
use crate::ui::components::preview_card::PreviewCard;
use crate::ui::labels;
use crate::ui::selection::{first_free, locate, read_dom_selection};
use crate::ui::state::Shared;
use crate::ui::text::{
    excerpt, paragraph_runs, paragraph_spans, CpText, ParaSpan, Piece, Range, Run, Segment,
    SpanIndex,
};
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use gloss_core::corrections::{Correction, Unapplied};
use gloss_core::links::is_safe_href;
use gloss_core::protocol::{Contract, DocumentDto, EntityDto, LinkDto};
use std::cell::{Cell, RefCell};
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

/// Paragraphs rendered at first (a few screens), and added each time the reader nears the end: a long
/// article (megabytes of text) never has to be laid out or put in the DOM at once.
pub const PARAGRAPH_PAGE: usize = 60;

/// What the view needs to render any window of a document's paragraphs; computed once per
/// contract in one pass over the text.
struct Layout {
    paragraphs: Vec<ParaSpan>,
    mentions: (Vec<Range>, SpanIndex),
    links: (Vec<Range>, SpanIndex),
    quotes: (Vec<Range>, SpanIndex),
    /// The first paragraph is the headline (it equals the document title).
    headline_first: bool,
    /// How many entities the document names.
    named: usize,
}

fn indexed(ranges: Vec<Range>) -> (Vec<Range>, SpanIndex) {
    let index = SpanIndex::new(&ranges);
    (ranges, index)
}

fn layout(doc: &DocumentDto) -> Layout {
    let paragraphs = paragraph_spans(&doc.text);
    let headline_first = match (paragraphs.first(), doc.title.as_deref()) {
        (Some(p), Some(title)) => {
            doc.text.get(p.bytes.0..p.bytes.1).map(str::trim) == Some(title.trim())
        }
        _ => false,
    };
    Layout {
        paragraphs,
        mentions: indexed(doc.mentions.iter().map(|m| (m.start, m.end)).collect()),
        links: indexed(doc.links.iter().map(|l| (l.start, l.end)).collect()),
        quotes: indexed(doc.quotes.iter().map(|q| (q.start, q.end)).collect()),
        headline_first,
        named: doc
            .mentions
            .iter()
            .map(|m| m.entity.as_str())
            .collect::<HashSet<_>>()
            .len(),
    }
}

impl Layout {
    fn runs(&self, p: &ParaSpan) -> Vec<Run> {
        paragraph_runs(
            p.cp,
            [
                (&self.mentions.0, &self.mentions.1),
                (&self.links.0, &self.links.1),
                (&self.quotes.0, &self.quotes.1),
            ],
        )
    }

    /// Index of the paragraph holding the first mention of `entity`, if any.
    fn first_paragraph_of(&self, doc: &DocumentDto, entity: &str) -> Option<usize> {
        let m = doc.mentions.iter().find(|m| m.entity == entity)?;
        Some(self.paragraphs.partition_point(|p| p.cp.1 <= m.start))
    }
}

/// How many paragraphs to render; it only grows (to at least the number dispatched).
#[derive(PartialEq)]
struct Limit(usize);

impl Reducible for Limit {
    type Action = usize;
    fn reduce(self: Rc<Self>, at_least: usize) -> Rc<Self> {
        if at_least > self.0 {
            Rc::new(Limit(at_least))
        } else {
            self
        }
    }
}

/// Pending hover timer and the open card, shared by every link's handlers. Made once per
/// view, so paragraphs that do not change are not re-rendered.
#[derive(Clone)]
struct CardControl {
    open: UseStateSetter<Option<usize>>,
    /// The open card as of the last render.
    current: Rc<Cell<Option<usize>>>,
    timer: Rc<RefCell<Option<Timeout>>>,
    /// The link a finger last went down on, and whether its card was open then: a tap on a
    /// link whose card is closed opens the card instead of following the link (touch has no
    /// hover), the next tap follows it.
    touch: Rc<Cell<Option<(usize, bool)>>>,
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
    fn pointer_down(&self, link: usize, e: &PointerEvent) {
        let touch = e.pointer_type() == "touch";
        self.touch
            .set(touch.then_some((link, self.current.get() == Some(link))));
    }
    /// A click on `link`: true when it must not navigate (a first tap, which opens the card).
    fn first_tap(&self, link: usize) -> bool {
        match self.touch.take() {
            Some((l, was_open)) if l == link && !was_open => {
                self.open_now(link);
                true
            }
            _ => false,
        }
    }
}

#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let open = use_state(|| None::<usize>);
    let control = {
        let setter = open.setter();
        use_memo((), move |_| CardControl {
            open: setter,
            current: Rc::new(Cell::new(None)),
            timer: Rc::new(RefCell::new(None)),
            touch: Rc::new(Cell::new(None)),
        })
    };
    control.current.set(*open);
    let control = Shared(control);
    // One callback for every chip, forwarding to the latest `on_select`.
    let latest_select = use_mut_ref(Callback::<String>::noop);
    *latest_select.borrow_mut() = props.on_select.clone();
    let on_select = {
        let latest = latest_select.clone();
        (*use_memo((), move |_| {
            Callback::from(move |id: String| latest.borrow().emit(id))
        }))
        .clone()
    };
    let article_ref = use_node_ref();
    let body_ref = use_node_ref();
    let fix = use_state(|| None::<FixTarget>);
    let doc = props.contract.documents.get(props.doc);
    let lay = use_memo((props.contract.clone(), props.doc), |(c, d)| {
        c.documents.get(*d).map(layout)
    });
    let entities = use_memo(props.contract.clone(), |c| {
        c.entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect::<HashMap<String, usize>>()
    });
    let limit = use_reducer(|| Limit(PARAGRAPH_PAGE));
    let more_ref = use_node_ref();
    // Near the end of what is shown, show the next page of paragraphs. The sentinel carries
    // how many are shown, so scroll events before the next render ask for the same page.
    {
        let limit = limit.dispatcher();
        let more_ref = more_ref.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "scroll", move |_| {
                let Some(more) = more_ref.cast::<web_sys::Element>() else {
                    return;
                };
                let viewport = gloo::utils::window()
                    .inner_height()
                    .ok()
                    .and_then(|h| h.as_f64())
                    .unwrap_or(800.0);
                let shown: usize = more
                    .get_attribute("data-shown")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                if more.get_bounding_client_rect().top() < viewport * 2.0 {
                    limit.dispatch(shown + PARAGRAPH_PAGE);
                }
            });
            move || drop(listener)
        });
    }

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

    let layout_rc = Shared(lay.clone());
    let (Some(doc), Some(lay)) = (doc, lay.as_ref()) else {
        return html! {
            <article id="article" class="article article--empty" role="tabpanel">
                <p class="article__empty">{ "This article is not available." }</p>
            </article>
        };
    };
    let entities = Shared(entities);
    let confirmed = Shared(use_memo(
        (
            props.corrections.clone(),
            props.unapplied.clone(),
            doc.source.clone(),
        ),
        |(corrections, unapplied, source)| confirmed_mentions(corrections, unapplied, source),
    ));
    let editable = props.on_correct.is_some();

    // A selection made in the sidebar must be on the page to scroll to.
    let wanted = props
        .selected
        .as_deref()
        .filter(|_| props.scroll_to_selected)
        .and_then(|id| lay.first_paragraph_of(doc, id))
        .map_or(0, |i| i + PARAGRAPH_PAGE / 3);
    let total = lay.paragraphs.len();
    let shown = limit.0.max(wanted).min(total);
    // Each paragraph is told about the selection and the open card only when they concern it.
    let open_in = (*open)
        .and_then(|l| doc.links.get(l).map(|link| (l, link.start)))
        .map(|(l, start)| (l, lay.paragraphs.partition_point(|p| p.cp.1 <= start)));
    let paragraph = |i: usize| {
        let p = lay.paragraphs.get(i).copied().unwrap_or(ParaSpan {
            cp: (0, 0),
            bytes: (0, 0),
        });
        let selected = props.selected.as_ref().filter(|id| {
            lay.mentions
                .1
                .touching(&lay.mentions.0, p.cp.0, p.cp.1)
                .iter()
                .any(|&m| doc.mentions.get(m).is_some_and(|m| &m.entity == *id))
        });
        let open = open_in.filter(|&(_, at)| at == i).map(|(l, _)| l);
        html! {
            <ArticleParagraph key={i} contract={props.contract.clone()} doc={props.doc}
                layout={layout_rc.clone()} entities={entities.clone()} index={i}
                heading={i == 0 && lay.headline_first} selected={selected.cloned()} {open}
                control={control.clone()} on_select={on_select.clone()}
                confirmed={confirmed.clone()} fix={editable.then(|| fix.clone())} />
        }
    };
    let mut pars = (0..shown).peekable();
    let headline = if lay.headline_first {
        pars.next().map(paragraph)
    } else {
        doc.title
            .as_ref()
            .map(|t| html! { <h1 class="article__title" dir="auto">{ t }</h1> })
    };
    let body: Html = pars.map(paragraph).collect();
    let more = (shown < total).then(|| {
        let onclick = {
            let limit = limit.dispatcher();
            Callback::from(move |_: MouseEvent| limit.dispatch(shown + PARAGRAPH_PAGE))
        };
        html! {
            <div class="article__more" ref={more_ref.clone()} data-shown={shown.to_string()}>
                <span>{ format!("Showing {shown} of {total} paragraphs") }</span>
                <button id="more-btn" type="button" class="btn btn--quiet" {onclick}>{ "Show more" }</button>
            </div>
        }
    });
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
            let target_confirmed = matches!(target, FixTarget::Mention { start, end } if confirmed.0.contains(&(*start, *end)));
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
    let meta = format!(
        "{} · {} · {} · {}",
        doc.source,
        count(lay.named, "entity", "entities"),
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
            { more.unwrap_or_default() }
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

/// Mentions an editor confirmed (accepted, retyped or added) in document `source`, by offsets.
fn confirmed_mentions(
    corrections: &[Correction],
    unapplied: &[Unapplied],
    source: &str,
) -> HashSet<(usize, usize)> {
    corrections
        .iter()
        .filter(|c| {
            matches!(
                c,
                Correction::Accept { .. } | Correction::Retype { .. } | Correction::Add { .. }
            )
        })
        .filter(|c| !unapplied.iter().any(|u| &u.correction == *c))
        .map(|c| c.mention())
        .filter(|m| m.document == source)
        .map(|m| (m.start, m.end))
        .collect()
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

#[derive(Properties, PartialEq)]
struct ArticleParagraphProps {
    contract: Shared<Contract>,
    doc: usize,
    layout: Shared<Option<Layout>>,
    /// Entity id → index into the contract's entities.
    entities: Shared<HashMap<String, usize>>,
    index: usize,
    /// The headline (an `<h1>`), not a body paragraph.
    heading: bool,
    /// The selected entity, if the paragraph mentions it.
    selected: Option<String>,
    /// The link whose card is open, if it starts in this paragraph.
    open: Option<usize>,
    control: Shared<CardControl>,
    on_select: Callback<String>,
    /// Mentions an editor confirmed, by offsets.
    confirmed: Shared<HashSet<(usize, usize)>>,
    /// The open correction panel's target; `None` when the article is not editable.
    fix: Option<UseStateHandle<Option<FixTarget>>>,
}

/// One paragraph (or the headline). Its props change only when something in it does, so
/// showing more paragraphs, hovering or selecting re-renders only the paragraphs concerned.
#[component]
fn ArticleParagraph(props: &ArticleParagraphProps) -> Html {
    let (Some(doc), Some(lay)) = (
        props.contract.documents.get(props.doc),
        props.layout.as_ref(),
    ) else {
        return Html::default();
    };
    let Some(p) = lay.paragraphs.get(props.index) else {
        return Html::default();
    };
    let ctx = RenderCtx {
        doc,
        all_entities: &props.contract.entities,
        entities: &props.entities,
        selected: props.selected.as_deref(),
        on_select: &props.on_select,
        control: &props.control,
        confirmed: &props.confirmed.0,
        fix: props.fix.as_ref(),
        open: props.open,
        doc_index: props.doc,
        cards_shown: RefCell::new(HashSet::new()),
    };
    let body = ctx.paragraph(p, &lay.runs(p));
    let (start, end) = (p.cp.0.to_string(), p.cp.1.to_string());
    if props.heading {
        html! { <h1 class="article__title" dir="auto" data-start={start} data-end={end}>{ body }</h1> }
    } else {
        html! { <p class="article__p" dir="auto" data-start={start} data-end={end}>{ body }</p> }
    }
}

/// Everything the render functions need, borrowed for one render.
struct RenderCtx<'a> {
    doc: &'a DocumentDto,
    all_entities: &'a [EntityDto],
    entities: &'a HashMap<String, usize>,
    selected: Option<&'a str>,
    on_select: &'a Callback<String>,
    control: &'a CardControl,
    /// Mentions an editor confirmed, by offsets.
    confirmed: &'a HashSet<(usize, usize)>,
    /// The open correction panel's target; `None` when the article is not editable.
    fix: Option<&'a UseStateHandle<Option<FixTarget>>>,
    open: Option<usize>,
    doc_index: usize,
    /// A link split over two runs gets one card, at its first part.
    cards_shown: RefCell<HashSet<usize>>,
}

/// A paragraph's text, sliced by the document's code-point offsets.
struct ParaText<'a> {
    cp: CpText<'a>,
    base: usize,
}

impl<'a> ParaText<'a> {
    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.cp.slice(
            start.saturating_sub(self.base),
            end.saturating_sub(self.base),
        )
    }
}

impl RenderCtx<'_> {
    fn entity(&self, id: &str) -> Option<&EntityDto> {
        self.entities
            .get(id)
            .and_then(|&i| self.all_entities.get(i))
    }

    fn paragraph(&self, p: &ParaSpan, runs: &[Run]) -> Html {
        let text = ParaText {
            cp: CpText::new(self.doc.text.get(p.bytes.0..p.bytes.1).unwrap_or("")),
            base: p.cp.0,
        };
        runs.iter().map(|r| self.run(&text, r)).collect()
    }

    fn run(&self, text: &ParaText, run: &Run) -> Html {
        let pieces: Html = run.pieces.iter().map(|p| self.piece(text, p)).collect();
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
        let onpointerdown = {
            let c = c.clone();
            Callback::from(move |e: PointerEvent| c.pointer_down(l, &e))
        };
        let onclick = {
            let c = c.clone();
            Callback::from(move |e: MouseEvent| {
                if c.first_tap(l) {
                    e.prevent_default();
                }
            })
        };
        let card = (self.open == Some(l) && self.cards_shown.borrow_mut().insert(l))
            .then(|| self.card(&card_id, link))
            .unwrap_or_default();
        html! {
            <span class="link-wrap">
                <a class="article-link" href={link.href.trim().to_string()} target="_blank" rel="noopener noreferrer"
                    aria-describedby={card_id} {onmouseenter} {onmouseleave} {onfocus} {onblur} {onkeydown}
                    {onpointerdown} {onclick}>
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
            .filter_map(|id| self.entity(id).cloned())
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

    fn piece(&self, text: &ParaText, piece: &Piece) -> Html {
        let parts: Html = piece.parts.iter().map(|s| self.part(text, s)).collect();
        let Some(m) = piece.mention.and_then(|m| self.doc.mentions.get(m)) else {
            return parts;
        };
        let entity = self.entity(&m.entity);
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

    fn part(&self, text: &ParaText, seg: &Segment) -> Html {
        let text = text.slice(seg.start, seg.end);
        if seg.quote {
            html! { <span class="quoted">{ text }</span> }
        } else {
            html! { { text } }
        }
    }
}
