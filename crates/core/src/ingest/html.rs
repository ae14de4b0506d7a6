//! HTML → blocks, with html5gum (a WHATWG tokenizer; no tree is built).
//!
//! Owns: which elements are dropped with their content (scripts, styles, templates, hidden
//! elements, form controls, embedded objects), which break paragraphs (block elements and
//! `<br>`), which mark page furniture (nav, footer, aside, captions, and class/id/role names
//! of the same meaning, as readability does), links and their (safe) hrefs, and the title
//! (`<h1>`, else `og:title`, else `<title>`), and the page's own address (`<link
//! rel="canonical">`, else `og:url`). A stack of open elements with per-flag counters keeps every step
//! O(1) amortised, so 10,000 nested elements cost no more than 10,000 siblings.

use super::block::{Block, Builder, Ctx, Kind};
use html5gum::{DefaultEmitter, StartTag, Token, Tokenizer};
use std::collections::HashMap;

/// Elements whose content is never article text.
#[rustfmt::skip]
const SKIP: &[&[u8]] = &[
    b"script", b"style", b"template", b"noscript", b"iframe", b"object", b"embed", b"svg", b"math",
    b"select", b"button", b"textarea", b"canvas", b"audio", b"video", b"noembed", b"noframes",
    b"datalist", b"picture", b"map",
];

/// Elements that start and end a paragraph.
#[rustfmt::skip]
const BLOCKS: &[&[u8]] = &[
    b"address", b"article", b"aside", b"blockquote", b"body", b"caption", b"center", b"dd",
    b"details", b"dialog", b"dir", b"div", b"dl", b"dt", b"fieldset", b"figcaption", b"figure",
    b"footer", b"form", b"h1", b"h2", b"h3", b"h4", b"h5", b"h6", b"header", b"hgroup", b"hr",
    b"html", b"legend", b"li", b"main", b"menu", b"nav", b"ol", b"p", b"pre", b"section",
    b"summary", b"table", b"tbody", b"td", b"tfoot", b"th", b"thead", b"tr", b"ul", b"option",
    b"title", b"br",
];

/// Elements without content (never pushed on the stack).
#[rustfmt::skip]
const VOID: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
    b"source", b"track", b"wbr", b"keygen", b"basefont", b"bgsound", b"frame", b"image",
];

/// Furniture by element name.
#[rustfmt::skip]
const FURNITURE_TAGS: &[&[u8]] = &[
    b"nav", b"footer", b"aside", b"header", b"form", b"menu", b"figcaption",
];

/// Furniture by class/id (lowercased substring), after readability's "unlikely candidates".
#[rustfmt::skip]
const FURNITURE_NAMES: &[&str] = &[
    "nav", "menu", "footer", "sidebar", "breadcrumb", "related", "comment", "share", "social",
    "promo", "newsletter", "advert", "sponsor", "cookie", "subscribe", "banner", "popup",
    "pagination", "caption", "credit", "masthead", "widget", "outbrain", "taboola", "recommend",
    "trending", "most-read", "schedule",
];

/// ...unless the name also says it is the content.
#[rustfmt::skip]
const CONTENT_NAMES: &[&str] = &[
    "article", "content", "story-body", "main", "post-body", "entry",
];

#[rustfmt::skip]
const FURNITURE_ROLES: &[&str] = &[
    "navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "dialog",
];

// Flags of an open element.
const F_SKIP: u8 = 1;
const F_FURN: u8 = 2;
const F_BOLD: u8 = 4;
const F_PRE: u8 = 8;
const F_H1: u8 = 16;
const F_HEAD: u8 = 32;
const F_LI: u8 = 64;
const F_TITLE: u8 = 128;
const FLAG_BITS: usize = 8;

struct Frame {
    name: Vec<u8>,
    flags: u8,
}

/// Open elements with, per flag, how many of them carry it.
#[derive(Default)]
struct Stack {
    frames: Vec<Frame>,
    open: HashMap<Vec<u8>, u32>,
    depth: [u32; FLAG_BITS],
}

impl Stack {
    fn push(&mut self, name: Vec<u8>, flags: u8) {
        for (bit, d) in self.depth.iter_mut().enumerate() {
            if flags & (1 << bit) != 0 {
                *d += 1;
            }
        }
        *self.open.entry(name.clone()).or_insert(0) += 1;
        self.frames.push(Frame { name, flags });
    }

    /// Closes the innermost open `name` and everything opened after it; a stray end tag is
    /// ignored (as browsers do).
    fn pop_to(&mut self, name: &[u8]) {
        if self.open.get(name).copied().unwrap_or(0) == 0 {
            return;
        }
        while let Some(f) = self.frames.pop() {
            for (bit, d) in self.depth.iter_mut().enumerate() {
                if f.flags & (1 << bit) != 0 {
                    *d = d.saturating_sub(1);
                }
            }
            if let Some(n) = self.open.get_mut(&f.name) {
                *n = n.saturating_sub(1);
            }
            if f.name == name {
                return;
            }
        }
    }

    fn has(&self, flag: u8) -> bool {
        let bit = flag.trailing_zeros() as usize;
        self.depth.get(bit).copied().unwrap_or(0) > 0
    }
}

/// The blocks of an HTML document, its title (first `<h1>`, else `og:title`, else `<title>`)
/// and the address it declares for itself (an absolute http(s) URL).
pub(crate) struct Parsed {
    pub blocks: Vec<Block>,
    pub title: Option<String>,
    pub canonical: Option<String>,
    pub unsafe_links: usize,
}

/// What the page says about itself in `<link>` and `<meta>` (first one of each wins).
#[derive(Default)]
struct PageMeta {
    canonical: Option<String>,
    og_url: Option<String>,
    og_title: Option<String>,
}

impl PageMeta {
    fn read(&mut self, n: &[u8], tag: &StartTag<()>) {
        let attr = |k: &[u8]| {
            tag.attributes
                .get(k)
                .map(|v| String::from_utf8_lossy(&v.value.0).into_owned())
        };
        match n {
            b"link" => {
                let rel = attr(b"rel").unwrap_or_default().to_ascii_lowercase();
                if rel.split_ascii_whitespace().any(|r| r == "canonical")
                    && self.canonical.is_none()
                {
                    self.canonical = attr(b"href").and_then(|h| absolute_web_url(&h));
                }
            }
            b"meta" => {
                let key = attr(b"property")
                    .or_else(|| attr(b"name"))
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let content = attr(b"content");
                match key.trim() {
                    "og:url" if self.og_url.is_none() => {
                        self.og_url = content.and_then(|h| absolute_web_url(&h));
                    }
                    "og:title" if self.og_title.is_none() => {
                        self.og_title = content.and_then(|t| clean_title(&t));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

/// `href` if it is an absolute http(s) URL (a relative canonical link says nothing without
/// the page's address), trimmed and at most 2,000 bytes long.
fn absolute_web_url(href: &str) -> Option<String> {
    let h = href.trim_matches(|c: char| c.is_ascii_whitespace() || c.is_control());
    let lower = h.get(..8).unwrap_or(h).to_ascii_lowercase();
    let web = lower.starts_with("http://") || lower.starts_with("https://");
    (web && h.len() <= 2000 && !h.contains(char::is_whitespace)).then(|| h.to_string())
}

pub(crate) fn parse(input: &str) -> Parsed {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut stack = Stack::default();
    let mut b = Builder::new();
    let mut title_tag = String::new();
    let mut unsafe_links = 0;
    let mut meta = PageMeta::default();
    for token in Tokenizer::new_with_emitter(input, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.0.to_ascii_lowercase();
                let n = name.as_slice();
                if BLOCKS.contains(&n) && !stack.has(F_SKIP) {
                    b.break_block();
                }
                if n == b"a" && !stack.has(F_SKIP) {
                    match tag
                        .attributes
                        .get(b"href".as_slice())
                        .map(|v| String::from_utf8_lossy(&v.value.0))
                    {
                        Some(href) => match safe_href(&href) {
                            Some(h) => b.open_anchor(h),
                            None => {
                                unsafe_links += 1;
                                b.close_anchor();
                            }
                        },
                        None => b.close_anchor(),
                    }
                }
                if (n == b"link" || n == b"meta") && !tag.attributes.is_empty() {
                    meta.read(n, &tag);
                }
                if VOID.contains(&n) {
                    continue;
                }
                let flags = flags_of(n, &tag);
                stack.push(name, flags);
            }
            Token::EndTag(tag) => {
                let name = tag.name.0.to_ascii_lowercase();
                let n = name.as_slice();
                let skipping = stack.has(F_SKIP);
                stack.pop_to(n);
                if skipping {
                    continue;
                }
                if n == b"a" {
                    b.close_anchor();
                }
                if BLOCKS.contains(&n) {
                    b.break_block();
                }
            }
            Token::String(s) => {
                let text = String::from_utf8_lossy(&s.value.0);
                if stack.has(F_TITLE) {
                    if title_tag.len() < 1000 {
                        title_tag.push_str(&text);
                    }
                    continue;
                }
                if stack.has(F_SKIP) {
                    continue;
                }
                let kind = if stack.has(F_H1) {
                    Kind::Title
                } else if stack.has(F_HEAD) {
                    Kind::Heading
                } else if stack.has(F_LI) {
                    Kind::ListItem
                } else {
                    Kind::Para
                };
                let ctx = Ctx {
                    kind,
                    furniture: stack.has(F_FURN),
                    bold: stack.has(F_BOLD),
                };
                if stack.has(F_PRE) {
                    // Preformatted text keeps its line breaks as paragraph breaks.
                    for (i, line) in text.split('\n').enumerate() {
                        if i > 0 {
                            b.break_block();
                        }
                        b.push_str(line, ctx);
                    }
                } else {
                    b.push_str(&text, ctx);
                }
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    let mut blocks = b.finish();
    // The first h1 is the headline, preferring one outside page furniture (a site name in
    // the header is often an h1 too); other h1s are ordinary headings.
    let titles = blocks.iter().filter(|b| b.kind == Kind::Title);
    let chosen = titles
        .clone()
        .position(|b| !b.furniture_hint)
        .or_else(|| titles.clone().next().map(|_| 0));
    let mut title = None;
    let mut seen = 0;
    blocks.retain_mut(|blk| {
        if blk.kind != Kind::Title {
            return true;
        }
        seen += 1;
        if Some(seen - 1) == chosen {
            title = Some(std::mem::take(&mut blk.text));
            return false;
        }
        blk.kind = Kind::Heading;
        true
    });
    let title = title.or(meta.og_title).or_else(|| clean_title(&title_tag));
    Parsed {
        blocks,
        title,
        canonical: meta.canonical.or(meta.og_url),
        unsafe_links,
    }
}

fn flags_of(n: &[u8], tag: &StartTag<()>) -> u8 {
    let mut flags = 0;
    if SKIP.contains(&n) {
        flags |= F_SKIP;
    }
    if n == b"title" {
        flags |= F_TITLE;
    }
    if FURNITURE_TAGS.contains(&n) {
        flags |= F_FURN;
    }
    if !tag.attributes.is_empty() {
        flags |= attribute_flags(n, tag);
    }
    flags |= match n {
        b"b" | b"strong" => F_BOLD,
        b"pre" | b"listing" | b"xmp" | b"plaintext" => F_PRE,
        b"h1" => F_H1,
        b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => F_HEAD,
        b"li" | b"dt" | b"dd" => F_LI,
        _ => 0,
    };
    flags
}

/// Hidden elements are skipped; class, id and role names can mark furniture.
fn attribute_flags(n: &[u8], tag: &StartTag<()>) -> u8 {
    let attr = |k: &[u8]| {
        tag.attributes
            .get(k)
            .map(|v| String::from_utf8_lossy(&v.value.0).to_ascii_lowercase())
    };
    let mut flags = 0;
    let style = attr(b"style").unwrap_or_default().replace(' ', "");
    let hidden = tag.attributes.contains_key(b"hidden".as_slice())
        || attr(b"aria-hidden").as_deref() == Some("true")
        || style.contains("display:none")
        || style.contains("visibility:hidden");
    if hidden {
        flags |= F_SKIP;
    }
    let names = format!(
        "{} {}",
        attr(b"class").unwrap_or_default(),
        attr(b"id").unwrap_or_default()
    );
    let outer = matches!(n, b"html" | b"body" | b"main" | b"article");
    let furniture_name = !outer
        && names.len() > 1
        && FURNITURE_NAMES.iter().any(|f| names.contains(f))
        && !CONTENT_NAMES.iter().any(|c| names.contains(c));
    let furniture_role = attr(b"role").is_some_and(|r| FURNITURE_ROLES.contains(&r.trim()));
    if furniture_name || furniture_role {
        flags |= F_FURN;
    }
    flags
}

/// The href of a link if it is safe to show: relative, or http(s)/mailto. Browsers ignore
/// ASCII whitespace and control chars inside a scheme ("java\tscript:"), so do we.
pub(crate) fn safe_href(href: &str) -> Option<String> {
    let href = href.trim_matches(|c: char| c.is_ascii_whitespace() || c.is_control());
    if href.is_empty() {
        return None;
    }
    let squeezed: String = href
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .take(64)
        .collect();
    let scheme_end = squeezed.find(':');
    let before_path = squeezed.find(['/', '?', '#']).unwrap_or(usize::MAX);
    match scheme_end {
        Some(i) if i < before_path => {
            let scheme = squeezed.get(..i).unwrap_or("").to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto").then(|| href.to_string())
        }
        _ => Some(href.to_string()),
    }
}

/// `<title>` text, with a trailing " | Site name" (or " - Site name") dropped.
fn clean_title(raw: &str) -> Option<String> {
    let t = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = t.chars().filter(|c| !c.is_control()).collect::<String>();
    let mut best = t.as_str();
    for sep in [" | ", " – ", " — ", " - "] {
        if let Some((head, _)) = best.rsplit_once(sep) {
            if head.split(' ').count() >= 3 {
                best = head;
            }
        }
    }
    let best = best.trim();
    (!best.is_empty()).then(|| best.to_string())
}
