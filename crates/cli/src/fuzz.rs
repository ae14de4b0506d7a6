//! `gloss fuzz --seconds N [--seed S] [--out DIR]`: a time-boxed fuzz run of the whole core.
//!
//! cargo-fuzz needs a nightly compiler, so this is a plain generator loop instead: each
//! iteration builds an input from one of four generators — arbitrary bytes (read as lossy
//! UTF-8), arbitrary Unicode (controls, NUL, RTL text and marks, emoji and ZWJ sequences,
//! combining marks, noncharacters), generated HTML trees (nesting up to thousands deep,
//! attributes, links of every scheme, scripts, entities, broken tags) and news-like text —
//! annotates one to three of them as a workspace and checks every invariant of the workspace
//! and of its contract ([`gloss_core::check`]). A panic or a broken invariant saves the input
//! under DIR and fails the run. Prints the iterations and the bytes annotated.

use gloss_core::protocol::Contract;
use gloss_core::{annotate_workspace, check, ingest, Article};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The inputs of the iteration in progress, for the panic hook to save.
static CURRENT: Mutex<Vec<String>> = Mutex::new(Vec::new());

pub fn run(args: &[String]) -> Result<(), String> {
    let mut seconds: f64 = 30.0;
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut out = "out".to_string();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--seconds" => seconds = value()?.parse().map_err(|_| "--seconds takes a number")?,
            "--seed" => seed = value()?.parse().map_err(|_| "--seed takes an integer")?,
            "--out" => out = value()?,
            other => return Err(format!("fuzz: unknown option {other}")),
        }
    }
    let out_dir = std::path::PathBuf::from(out);
    {
        let dir = out_dir.clone();
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let inputs = CURRENT.lock().map(|g| g.clone()).unwrap_or_default();
            let path = save(&dir, "panic", &inputs);
            eprintln!("fuzz: panic; input saved to {path}");
            default(info);
        }));
    }
    let mut rng = Rng(seed | 1);
    let deadline = Instant::now() + Duration::from_secs_f64(seconds.max(0.0));
    let (mut iterations, mut bytes, mut failures) = (0u64, 0u64, 0u64);
    let mut by_kind = [0u64; 4];
    while Instant::now() < deadline {
        let n = 1 + rng.below(3);
        let mut inputs = Vec::with_capacity(n);
        for _ in 0..n {
            let kind = rng.below(4);
            by_kind[kind] += 1;
            inputs.push(generate(&mut rng, kind));
        }
        if let Ok(mut g) = CURRENT.lock() {
            g.clone_from(&inputs);
        }
        bytes += inputs.iter().map(|s| s.len() as u64).sum::<u64>();
        if let Err(e) = check_inputs(&inputs) {
            failures += 1;
            let path = save(&out_dir, "invariant", &inputs);
            eprintln!("fuzz: {e}; input saved to {path}");
        }
        iterations += 1;
    }
    println!(
        "fuzz: {iterations} iterations ({} bytes, {} text, {} html, {} news) in {seconds} s, \
         {:.1} MB annotated, {failures} failures",
        by_kind[0],
        by_kind[1],
        by_kind[2],
        by_kind[3],
        bytes as f64 / 1e6
    );
    if failures > 0 {
        return Err(format!("{failures} fuzz failures"));
    }
    Ok(())
}

/// Annotate the inputs as one workspace (and each alone through ingest) and check everything.
fn check_inputs(inputs: &[String]) -> Result<(), String> {
    for input in inputs {
        let ing = ingest::ingest(input);
        let mut prev = 0;
        for p in &ing.paragraphs {
            if p.start < prev || ing.text.get(p.start..p.end).is_none_or(str::is_empty) {
                return Err(format!(
                    "ingest: paragraph {p:?} out of order or off the text"
                ));
            }
            prev = p.end;
        }
    }
    let articles: Vec<Article> = inputs
        .iter()
        .enumerate()
        .map(|(i, s)| Article {
            source: format!("fuzz {i}"),
            input: s.clone(),
        })
        .collect();
    let ws = annotate_workspace(&articles);
    check::workspace(&ws)?;
    let contract = Contract::from_workspace(&ws);
    check::contract(&contract)?;
    serde_json::to_string(&contract).map_err(|e| format!("contract does not serialise: {e}"))?;
    Ok(())
}

fn save(dir: &std::path::Path, what: &str, inputs: &[String]) -> String {
    let _ = std::fs::create_dir_all(dir);
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let path = dir.join(format!("fuzz-{what}-{stamp}.txt"));
    let body = inputs.join("\n\u{1e}\n");
    match std::fs::write(&path, body) {
        Ok(()) => path.display().to_string(),
        Err(e) => format!("(not saved: {e})"),
    }
}

/// xorshift64*: small, fast, reproducible from `--seed`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
    /// A size, mostly small, sometimes large.
    fn size(&mut self) -> usize {
        match self.below(20) {
            0 => 20_000 + self.below(80_000),
            1..=4 => 1_000 + self.below(4_000),
            _ => self.below(400),
        }
    }
}

fn generate(rng: &mut Rng, kind: usize) -> String {
    match kind {
        0 => bytes(rng),
        1 => unicode(rng),
        2 => html(rng),
        _ => news(rng),
    }
}

fn bytes(rng: &mut Rng) -> String {
    let n = rng.size();
    let raw: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
    String::from_utf8_lossy(&raw).into_owned()
}

/// Characters that have broken text handling somewhere, and the ranges they come from.
#[rustfmt::skip]
const SPECIAL: &[&str] = &[
    "\0", "\u{1}", "\u{7f}", "\u{85}", "\r", "\n", "\r\n", "\t", "\u{a0}", "\u{2028}", "\u{2029}",
    "\u{200b}", "\u{200c}", "\u{200d}", "\u{200e}", "\u{200f}", "\u{202a}", "\u{202b}", "\u{202e}",
    "\u{2066}", "\u{2069}", "\u{feff}", "\u{fffd}", "\u{fffe}", "\u{ffff}", "\u{10ffff}", "e\u{301}",
    "\u{301}\u{301}", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇶🇦", "👍🏽", "😀", "ﷺ", "ﷲ", "İ", "ß", "ﬁ", "Ω",
    "مرحبا", "الشرع", "דמשק", "שלום", "日本語", "한국어", "ไทย", "\u{e000}", "𝔘𝔫𝔦",
    "\"", "“", "”", "«", "»", "'", "’", ".", "...", "!", "?", "-", "—", " ", "  ",
    "<", ">", "&", "&amp;", "http://", "https://x.y/", "mailto:", "www.",
];

fn unicode(rng: &mut Rng) -> String {
    let n = rng.size();
    let mut s = String::new();
    while s.len() < n {
        match rng.below(4) {
            0 => s.push_str(rng.pick(SPECIAL)),
            1 => s.push(char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{fffd}')),
            2 => s.push(char::from_u32(0x590 + rng.below(0x300) as u32).unwrap_or('x')),
            _ => {
                let word = rng.pick(WORDS);
                s.push_str(word);
                s.push(' ');
            }
        }
    }
    s
}

#[rustfmt::skip]
const TAGS: &[&str] = &[
    "p", "div", "span", "a", "b", "i", "em", "strong", "h1", "h2", "h3", "ul", "ol", "li", "table",
    "tr", "td", "pre", "blockquote", "figure", "figcaption", "nav", "footer", "aside", "header",
    "article", "main", "section", "script", "style", "template", "noscript", "title", "svg",
    "math", "textarea", "select", "option", "iframe", "br", "hr", "img", "meta", "link", "x-y",
];

#[rustfmt::skip]
const ATTRS: &[&str] = &[
    "href=\"https://www.reuters.com/world/middle-east/qatar-talks-2024-12-10/\"",
    "href=\"https://www.thenationalnews.com/news/mena/2024/12/09/assads-fall/\"",
    "href=\"javascript:alert(1)\"", "href=\"java\tscript:x\"", "href=\"data:text/html,x\"",
    "href=\"/relative\"", "href=\"mailto:a@b.c\"", "href=\"https://%%%/\"", "href=''", "href",
    "class=\"nav\"", "class=\"article-body\"", "id=\"comments\"", "role=\"navigation\"",
    "hidden", "aria-hidden=\"true\"", "style=\"display:none\"", "dir=\"rtl\"",
    "rel=\"canonical\" href=\"https://example.com/a/b-c-d\"", "property=\"og:url\" content=\"https://x.example/p\"",
    "property=\"og:title\" content=\"A title | Site\"", "onclick=\"alert(1)\"", "x=\"<p>\"",
];

#[rustfmt::skip]
const WORDS: &[&str] = &[
    "Qatar", "Syria's", "Damascus", "Mohammed al-Bashir", "Bashar al-Assad", "HTS", "the United Nations",
    "Reuters", "said", "told", "met", "according to", "on Tuesday", "Dec 10", "2024", "U.S.", "Mr.", "Dr.",
    "minister", "president", "leader of", "fled to", "ally", "officials", "the", "a", "in", "and", "of",
];

fn html(rng: &mut Rng) -> String {
    let budget = rng.size();
    let mut s = String::new();
    if rng.chance(30) {
        s.push_str("<!doctype html><html><head><title>");
        s.push_str(rng.pick(WORDS));
        s.push_str(" | Site</title></head><body>");
    }
    // Sometimes one very deep nest.
    if rng.chance(5) {
        let depth = 1_000 + rng.below(9_000);
        let tag = rng.pick(&["div", "span", "b", "a href=u", "p", "li"]);
        for _ in 0..depth {
            s.push('<');
            s.push_str(tag);
            s.push('>');
        }
        s.push_str(rng.pick(WORDS));
    }
    let mut open: Vec<&str> = Vec::new();
    while s.len() < budget {
        match rng.below(10) {
            0..=2 => {
                let tag = rng.pick(TAGS);
                s.push('<');
                s.push_str(tag);
                for _ in 0..rng.below(3) {
                    s.push(' ');
                    s.push_str(rng.pick(ATTRS));
                }
                s.push('>');
                open.push(tag);
            }
            3..=4 => {
                let tag = if rng.chance(80) {
                    open.pop().unwrap_or("p")
                } else {
                    rng.pick(TAGS)
                };
                s.push_str("</");
                s.push_str(tag);
                s.push('>');
            }
            5 => s.push_str(rng.pick(&[
                "&amp;",
                "&lt;script&gt;",
                "&nbsp;",
                "&#x1F600;",
                "&#0;",
                "&#xD800;",
                "&bogus;",
                "<!-- c -->",
                "<!--",
                "<![CDATA[x]]>",
                "<",
                ">",
                "</",
                "<a",
                "\"",
                "<p/>",
            ])),
            6 => s.push_str(rng.pick(SPECIAL)),
            _ => {
                s.push_str(rng.pick(WORDS));
                s.push(' ');
            }
        }
    }
    s
}

fn news(rng: &mut Rng) -> String {
    const TEMPLATES: &[&str] = &[
        "{P} met {P} in {L} on {D}, {O} said.",
        "\"We will not leave,\" {P} told {O} in {L}.",
        "{O}, led by {P}, fled to {L} after talks with {O}.",
        "{P}, the leader of {O}, said on {D} that {L} was an ally.",
        "Officials in {L} said {P} would meet {O} officials next week.",
    ];
    const PEOPLE: &[&str] = &[
        "Ahmed al-Sharaa",
        "Mohammed bin Salman",
        "Olena Kovalenko",
        "Li Wei",
        "Emma Brown",
        "Abu Mohammed al-Jawlani",
        "Recep Tayyip Erdogan",
        "Sharaa",
        "Brown",
        "al-Assad",
    ];
    const PLACES: &[&str] = &[
        "Damascus", "Riyadh", "Kyiv", "Doha", "Idlib", "Ankara", "Beirut", "دمشق",
    ];
    const ORGS: &[&str] = &[
        "NATO",
        "the United Nations",
        "Hayat Tahrir al-Sham",
        "Reuters",
        "HTS",
        "Hezbollah",
    ];
    const DATES: &[&str] = &["Tuesday", "Dec 10", "10 December 2024", "last week", "2024"];
    let n = rng.size();
    let mut s = String::new();
    while s.len() < n {
        let t = rng.pick(TEMPLATES);
        let mut rest = t;
        while let Some(i) = rest.find('{') {
            s.push_str(rest.get(..i).unwrap_or(""));
            let key = rest.get(i..i + 3).unwrap_or("");
            s.push_str(match key {
                "{P}" => rng.pick(PEOPLE),
                "{L}" => rng.pick(PLACES),
                "{O}" => rng.pick(ORGS),
                _ => rng.pick(DATES),
            });
            rest = rest.get(i + 3..).unwrap_or("");
        }
        s.push_str(rest);
        s.push_str(if rng.chance(25) { "\n\n" } else { " " });
    }
    s
}
