//! Ingest: tables of HTML and plain-text inputs → expected paragraphs, anchors and title;
//! boilerplate removal on furniture-laden fixture pages; hostile input; property tests.

use gloss_core::ingest::{ingest, looks_like_html, Ingested};
use gloss_core::Span;
use proptest::prelude::*;
use std::time::{Duration, Instant};

const RADIO_PAGE: &str = include_str!("fixtures/ingest/radio_page.txt");
const NEWS_PAGE: &str = include_str!("fixtures/ingest/news_page.html");
const FRAGMENT: &str = include_str!("fixtures/ingest/fragment.html");
const SITE_COPY: &str = include_str!("fixtures/ingest/site_copy.txt");
const DIV_SOUP: &str = include_str!("fixtures/ingest/div_soup.html");

fn paragraphs(ing: &Ingested) -> Vec<&str> {
    ing.paragraphs.iter().map(|p| p.text(&ing.text)).collect()
}

fn anchors(ing: &Ingested) -> Vec<(&str, &str)> {
    ing.anchors
        .iter()
        .map(|a| (a.span.text(&ing.text), a.href.as_str()))
        .collect()
}

/// The invariants every `Ingested` must keep, whatever the input.
fn check(ing: &Ingested) -> Result<(), String> {
    let text = &ing.text;
    let mut expect_start = 0;
    for (i, p) in ing.paragraphs.iter().enumerate() {
        if p.start != expect_start {
            return Err(format!(
                "paragraph {i} starts at {} not {expect_start}",
                p.start
            ));
        }
        let t = text
            .get(p.start..p.end)
            .ok_or(format!("paragraph {i} off char boundaries"))?;
        if t.is_empty()
            || t.trim() != t
            || t.contains("  ")
            || t.contains('\n')
            || t.chars().any(char::is_control)
        {
            return Err(format!("paragraph {i} not clean: {t:?}"));
        }
        expect_start = p.end + 2;
        if i + 1 < ing.paragraphs.len() && text.get(p.end..p.end + 2) != Some("\n\n") {
            return Err(format!("paragraph {i} not followed by a blank line"));
        }
    }
    if ing.paragraphs.last().map_or(0, |p| p.end) != text.len() {
        return Err("text does not end with the last paragraph".into());
    }
    let mut last_end = 0;
    for a in &ing.anchors {
        let s = a.span;
        let t = text
            .get(s.start..s.end)
            .ok_or(format!("anchor {s:?} off char boundaries"))?;
        if t.is_empty() || t.trim() != t || s.start < last_end {
            return Err(format!(
                "anchor {s:?} empty, untrimmed or out of order: {t:?}"
            ));
        }
        if !ing.paragraphs.iter().any(|p| p.contains(s)) {
            return Err(format!("anchor {s:?} crosses a paragraph boundary"));
        }
        last_end = s.end;
    }
    Ok(())
}

fn ingest_checked(input: &str) -> Ingested {
    let ing = ingest(input);
    if let Err(e) = check(&ing) {
        panic!(
            "invariant broken for {:?}: {e}",
            input.chars().take(80).collect::<String>()
        );
    }
    ing
}

struct Case {
    name: &'static str,
    input: &'static str,
    title: Option<&'static str>,
    paragraphs: &'static [&'static str],
    anchors: &'static [(&'static str, &'static str)],
}

fn run(cases: &[Case]) {
    for c in cases {
        let ing = ingest_checked(c.input);
        assert_eq!(ing.title.as_deref(), c.title, "{}: title", c.name);
        assert_eq!(paragraphs(&ing), c.paragraphs, "{}: paragraphs", c.name);
        assert_eq!(anchors(&ing), c.anchors, "{}: anchors", c.name);
    }
}

#[test]
fn html_cases() {
    run(&[
        Case {
            name: "entities",
            input: "<p>Tom &amp; Jerry &lt;3 caf&eacute; &#8220;hi&#x201D; don&rsquo;t a&nbsp;b</p>",
            title: None,
            paragraphs: &["Tom & Jerry <3 café “hi” don’t a b"],
            anchors: &[],
        },
        Case {
            name: "script, style, template, noscript, comments dropped",
            input: "<p>One<script>var x = '<p>no</p>';</script> two</p><style>p{}</style><template><p>t</p></template>\
                    <noscript>ns</noscript><!-- <p>c</p> --><p>Three</p>",
            title: None,
            paragraphs: &["One two", "Three"],
            anchors: &[],
        },
        Case {
            name: "br splits, whitespace collapses",
            input: "<div>First   line<br>second\n\tline<br/><br/>third</div>",
            title: None,
            paragraphs: &["First line", "second line", "third"],
            anchors: &[],
        },
        Case {
            name: "nested blocks",
            input: "<div><section><div><p>Inner para.</p>tail text</div><ul><li>item one</li><li>item two</li></ul></section></div>",
            title: None,
            paragraphs: &["Inner para.", "tail text", "item one", "item two"],
            anchors: &[],
        },
        Case {
            name: "inline elements do not split",
            input: "<p>The <em>quick</em> <span>brown</span><b>fox</b> jumps.</p>",
            title: None,
            paragraphs: &["The quick brownfox jumps."],
            anchors: &[],
        },
        Case {
            name: "anchors with nested markup and spaces",
            input: "<p>See <a href='https://a.example/1'> the <b>full</b>\n report </a>, and <a href=/rel>this</a>.</p>",
            title: None,
            paragraphs: &["See the full report , and this."],
            anchors: &[("the full report", "https://a.example/1"), ("this", "/rel")],
        },
        Case {
            name: "anchor without href, empty anchor and unsafe schemes are plain text",
            input: "<p><a name=x>named</a> <a href=\"https://e.example\"></a><a href=\"javascript:alert(1)\">js</a> \
                    <a href=\" JaVa\tScRiPt:alert(1)\">js2</a> <a href=\"data:text/html,x\">data</a> \
                    <a href=\"mailto:desk@example.com\">mail</a></p>",
            title: None,
            paragraphs: &["named js js2 data mail"],
            anchors: &[("mail", "mailto:desk@example.com")],
        },
        Case {
            name: "anchor across a block boundary is split per paragraph",
            input: "<a href=\"https://card.example/x\"><h3>Card title</h3><p>Card blurb</p></a>",
            title: None,
            paragraphs: &["Card title", "Card blurb"],
            anchors: &[("Card title", "https://card.example/x"), ("Card blurb", "https://card.example/x")],
        },
        Case {
            name: "unclosed anchor is closed by the next anchor",
            input: "<p><a href=a>one <a href=b>two</a> three</p>",
            title: None,
            paragraphs: &["one two three"],
            anchors: &[("one", "a"), ("two", "b")],
        },
        Case {
            name: "h1 is the title, not text; other headings stay",
            input: "<title>Ignored | Site</title><h1>Main  headline</h1><h2>Sub</h2><p>Body.</p><h1>Second h1</h1>",
            title: Some("Main headline"),
            paragraphs: &["Sub", "Body.", "Second h1"],
            anchors: &[],
        },
        Case {
            name: "an h1 in the page header (site name) is not the headline",
            input: "<header><h1>The Daily Ledger</h1></header><article><h1>Storm hits the coast</h1><p>Body.</p></article>",
            title: Some("Storm hits the coast"),
            paragraphs: &["The Daily Ledger", "Body."],
            anchors: &[],
        },
        Case {
            name: "title element when there is no h1, site name dropped",
            input: "<html><head><title>Rebels enter the city at dawn | Example News</title></head><body><p>Body.</p></body></html>",
            title: Some("Rebels enter the city at dawn"),
            paragraphs: &["Body."],
            anchors: &[],
        },
        Case {
            name: "malformed: unclosed and stray tags, unquoted attributes",
            input: "<p>open <b>bold <i>both</p></b></i></span><p class=x id=y>next <div>inner</p> after",
            title: None,
            paragraphs: &["open bold both", "next", "inner", "after"],
            anchors: &[],
        },
        Case {
            name: "hidden elements, form controls and embeds dropped",
            input: "<p>Seen</p><div hidden>not seen</div><p style=\"display: none\">nope</p><p aria-hidden=true>no</p>\
                    <button>Share</button><select><option>A</option></select><svg><text>chart</text></svg><p>Also seen</p>",
            title: None,
            paragraphs: &["Seen", "Also seen"],
            anchors: &[],
        },
        Case {
            name: "preformatted lines become paragraphs",
            input: "<pre>line one\nline  two</pre>",
            title: None,
            paragraphs: &["line one", "line two"],
            anchors: &[],
        },
        Case {
            name: "bold kicker before the story is its own paragraph",
            input: "<b>Breaking news: updates on </b><a href=\"https://x.example/live\"><b>the storm</b></a> Heavy rain flooded streets.",
            title: None,
            paragraphs: &["Breaking news: updates on the storm", "Heavy rain flooded streets."],
            anchors: &[("the storm", "https://x.example/live")],
        },
        Case {
            name: "bold dateline and bold sentence are not kickers",
            input: "<p><b>BEIRUT:</b> Talks resumed.</p><p><b>It rained.</b> Then it stopped.</p>",
            title: None,
            paragraphs: &["BEIRUT: Talks resumed.", "It rained. Then it stopped."],
            anchors: &[],
        },
        Case {
            name: "NUL, control and invisible word-splitting characters vanish",
            input: "<p>a\u{0}b\u{7}c \u{1b}d co&shy;operate\u{200B}d \u{feff}e</p>",
            title: None,
            paragraphs: &["abc d cooperated e"],
            anchors: &[],
        },
        Case {
            name: "RTL text and emoji pass through",
            input: "<p dir=rtl>مرحبا <a href=\"https://ar.example/\">بالعالم</a> 👨‍👩‍👧</p><p>שלום</p>",
            title: None,
            paragraphs: &["مرحبا بالعالم 👨‍👩‍👧", "שלום"],
            anchors: &[("بالعالم", "https://ar.example/")],
        },
    ]);
}

#[test]
fn text_cases() {
    run(&[
        Case {
            name: "one paragraph per line, CRLF",
            input: "First line here.\r\nSecond line here.\r\n\r\nThird.\r\n",
            title: None,
            paragraphs: &["First line here.", "Second line here.", "Third."],
            anchors: &[],
        },
        Case {
            name: "lone CR line endings",
            input: "One.\rTwo.",
            title: None,
            paragraphs: &["One.", "Two."],
            anchors: &[],
        },
        Case {
            name: "soft-wrapped paragraphs separated by blank lines are joined",
            input: "The council met on Tuesday to discuss the budget for\nnext year, officials said, and agreed to raise\nspending on schools.\n\nA second paragraph follows here and it is also\nwrapped at a fixed width like the first one.\n",
            title: None,
            paragraphs: &[
                "The council met on Tuesday to discuss the budget for next year, officials said, and agreed to raise spending on schools.",
                "A second paragraph follows here and it is also wrapped at a fixed width like the first one.",
            ],
            anchors: &[],
        },
        Case {
            name: "a broken line continuing in lower case is joined",
            input: "The minister said the plan would\ncost more than expected.\nA new line starts here.",
            title: None,
            paragraphs: &["The minister said the plan would cost more than expected.", "A new line starts here."],
            anchors: &[],
        },
        Case {
            name: "bare URLs become anchors, trailing punctuation excluded",
            input: "Read it at https://news.example/a/b. Or (see http://x.example/wiki/A_(b)), not xhttp://no.example or ftp://no.example",
            title: None,
            paragraphs: &["Read it at https://news.example/a/b. Or (see http://x.example/wiki/A_(b)), not xhttp://no.example or ftp://no.example"],
            anchors: &[("https://news.example/a/b", "https://news.example/a/b"), ("http://x.example/wiki/A_(b)", "http://x.example/wiki/A_(b)")],
        },
        Case {
            name: "headline followed by body is the title",
            input: "Floods cut off villages in the north\n\nHeavy rain has cut off dozens of villages in the north of the country, officials said on Monday.",
            title: Some("Floods cut off villages in the north"),
            paragraphs: &["Heavy rain has cut off dozens of villages in the north of the country, officials said on Monday."],
            anchors: &[],
        },
        Case {
            name: "a first line that is a sentence is not a title",
            input: "The rain stopped on Monday.\n\nHeavy rain has cut off dozens of villages in the north of the country, officials said.",
            title: None,
            paragraphs: &["The rain stopped on Monday.", "Heavy rain has cut off dozens of villages in the north of the country, officials said."],
            anchors: &[],
        },
        Case {
            name: "a short line alone is not a title",
            input: "Just a note",
            title: None,
            paragraphs: &["Just a note"],
            anchors: &[],
        },
        Case {
            name: "markup-like text stays text",
            input: "If a < b and c > d, then 3<4.",
            title: None,
            paragraphs: &["If a < b and c > d, then 3<4."],
            anchors: &[],
        },
        Case { name: "empty", input: "", title: None, paragraphs: &[], anchors: &[] },
        Case { name: "blank", input: " \n\r\n\t \n", title: None, paragraphs: &[], anchors: &[] },
    ]);
}

#[test]
fn html_detection_table() {
    let table = [
        ("<p>x</p>", true),
        ("<!DOCTYPE html><title>x</title>", true),
        ("<!-- c -->text", true),
        ("Some text with <b>bold</b> words", true),
        ("plain <br> once", false),
        ("<notatag>", false),
        ("a < b > c", false),
        ("Use the <div> tag", false),
        ("", false),
    ];
    for (input, want) in table {
        assert_eq!(looks_like_html(input), want, "{input:?}");
    }
}

#[test]
fn radio_page_keeps_story_and_sets_furniture_aside() {
    let ing = ingest_checked(RADIO_PAGE);
    assert_eq!(
        ing.title.as_deref(),
        Some("Oman hosts talks between Yemen's warring parties")
    );
    let paras = paragraphs(&ing);
    let starts: Vec<&str> = paras
        .iter()
        .map(|p| p.split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(
        starts,
        [
            "Omani",
            "The",
            "\"Nobody",
            "Oman's",
            "The",
            "Abdulmalik",
            "Washington"
        ],
        "the whole story, in order"
    );
    assert!(
        paras.contains(&"\"Nobody expects a breakthrough this week.\""),
        "short quote paragraph kept"
    );
    for gone in [
        "/REUTERS",
        "More from",
        "Coming Up",
        "7:00am",
        "Morning Drive",
        "LATEST",
        "School Fees",
        "sourdough",
    ] {
        assert!(!ing.text.contains(gone), "{gone:?} should be furniture");
        assert!(
            ing.furniture.iter().any(|f| f.contains(gone)),
            "{gone:?} should be kept as furniture"
        );
    }
    assert_eq!(ing.furniture.len(), 15);
}

#[test]
fn news_page_finds_article_links_and_title() {
    let ing = ingest_checked(NEWS_PAGE);
    assert_eq!(
        ing.title.as_deref(),
        Some("Jordan reopens Jaber crossing with Syria")
    );
    let paras = paragraphs(&ing);
    assert_eq!(paras.len(), 6, "{paras:#?}");
    assert_eq!(
        paras[2], "Trade at stake",
        "subhead inside the article stays"
    );
    assert_eq!(
        paras[4], "He declined to say when.",
        "one-sentence paragraph stays"
    );
    assert!(
        paras[1].contains("“We are relieved,” said Omar Khatib, who heads a farmers’ cooperative")
    );
    assert_eq!(
        anchors(&ing),
        [
            (
                "Jordan Chamber of Industry",
                "https://www.example.org/reports/2023/trade"
            ),
            (
                "state television",
                "https://www.example.com/news/2024/12/15/jordan-pm-damascus-visit/"
            ),
        ]
    );
    for gone in [
        "tracking",
        "font-family",
        "comments",
        "template text",
        "commented out",
        "Home",
        "Aid convoys",
        "All rights",
        "MAZRAAWI",
    ] {
        assert!(!ing.text.contains(gone), "{gone:?} must not be in the text");
    }
    for kept_aside in [
        "Home",
        "Aid convoys reach northern Syria",
        "Privacy | Terms",
        "By Lina Haddad",
    ] {
        assert!(
            ing.furniture.iter().any(|f| f == kept_aside),
            "{kept_aside:?} should be furniture"
        );
    }
}

#[test]
fn site_copy_finds_headline_among_furniture() {
    let ing = ingest_checked(SITE_COPY);
    assert_eq!(
        ing.title.as_deref(),
        Some("Egypt raises interest rates for second time this year")
    );
    let starts: Vec<&str> = paragraphs(&ing)
        .iter()
        .map(|p| p.split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(starts, ["Egypt's", "The", "Analysts", "\"This", "The"]);
    for gone in [
        "Skip to",
        "Advertisement",
        "By Staff",
        "09:12",
        "Most read",
        "Gold prices",
        "newsletter",
        "©",
    ] {
        assert!(
            ing.furniture.iter().any(|f| f.contains(gone)),
            "{gone:?} should be furniture"
        );
    }
    assert!(
        !ing.furniture.iter().any(|f| f.contains("Egypt raises")),
        "the headline is the title"
    );
}

#[test]
fn div_soup_page_without_semantic_markup() {
    let ing = ingest_checked(DIV_SOUP);
    assert_eq!(
        ing.title.as_deref(),
        Some("Wildfire forces evacuation of mountain villages")
    );
    let paras = paragraphs(&ing);
    assert_eq!(paras.len(), 5, "{paras:#?}");
    assert!(paras[1].starts_with("\"The next 24 hours are critical,\""));
    assert!(paras[4].ends_with("across the country."));
    assert!(
        ing.anchors.is_empty(),
        "navigation and read-more links are furniture"
    );
    let furniture: Vec<&str> = ing.furniture.iter().map(String::as_str).collect();
    assert_eq!(
        furniture,
        [
            "Home | News | Sport | Weather",
            "Updated 14:05 GMT",
            "Read more: Heatwave warning issued for the weekend",
            "Comments (3)",
            "Great reporting, thanks.",
            "Stay safe everyone!",
            "About us Contact Jobs",
        ]
    );
}

#[test]
fn one_line_fragment_becomes_paragraphs_with_anchors() {
    let ing = ingest_checked(FRAGMENT);
    let paras = paragraphs(&ing);
    assert!(paras.len() >= 4, "{paras:#?}");
    assert_eq!(paras[0], "Live blog: Follow the latest on Lebanon");
    assert!(paras[1].starts_with("Lebanese and Israeli officials"));
    for p in &paras {
        assert!(p.len() <= 600, "paragraph too long: {} bytes", p.len());
        let last = p.chars().next_back().unwrap_or(' ');
        assert!(
            p == &paras[0] || ".”\"".contains(last),
            "paragraph should end a sentence: {p:?}"
        );
    }
    let texts: Vec<&str> = anchors(&ing).iter().map(|a| a.0).collect();
    assert_eq!(
        texts,
        ["Lebanon", "Lebanon", "Beirut airport", "European Union"]
    );
    assert!(ing
        .anchors
        .iter()
        .all(|a| a.href.starts_with("https://www.example.net/")));
    assert!(ing.furniture.is_empty());
}

#[test]
fn long_plain_paragraph_is_cut_at_sentences_never_inside_a_link() {
    let sentence = "Officials said the talks would continue next week in the capital. ";
    let input = format!(
        "{}See https://example.com/very/long/{} now. {}",
        sentence.repeat(12),
        "x".repeat(50),
        sentence.repeat(12)
    );
    let ing = ingest_checked(&input);
    assert!(ing.paragraphs.len() >= 4);
    assert_eq!(ing.anchors.len(), 1);
    assert_eq!(ing.anchors[0].span.text(&ing.text), ing.anchors[0].href);
    let rebuilt: String = paragraphs(&ing).join(" ");
    assert_eq!(rebuilt, input.trim_end());
}

#[test]
fn long_paragraph_is_not_cut_inside_a_quotation() {
    let prose = "The delegation arrived in the capital late on Sunday evening. ";
    let quote = "“We came to listen. We will stay as long as it takes. Nobody should expect quick results. \
                 The talks will be hard.” ";
    let input = format!(
        "<div>{}{}{}{}</div>",
        prose.repeat(5),
        quote,
        prose.repeat(5),
        quote
    );
    let ing = ingest_checked(&input);
    assert!(ing.paragraphs.len() >= 3);
    for p in paragraphs(&ing) {
        assert_eq!(
            p.matches('“').count(),
            p.matches('”').count(),
            "cut inside a quotation: {p:?}"
        );
    }
}

#[test]
fn no_article_means_nothing_removed() {
    let input = "Home\n\nNews\n\nSport\n\n6:00am - 9:00am";
    let ing = ingest_checked(input);
    assert_eq!(
        paragraphs(&ing),
        ["Home", "News", "Sport", "6:00am - 9:00am"]
    );
    assert!(ing.furniture.is_empty());
}

#[test]
fn article_with_list_and_credit_inside_is_kept_whole() {
    let p = |s: &str| {
        format!("{s} The officials spoke on condition of anonymity because they were not authorised to brief the media, and said more details would follow.\n\n")
    };
    let input = format!(
        "{}{}Key points:\n\n• Schools closed\n\n• Roads cut\n\n{}JOHN DOE/AFP\n\n{}{}",
        p("Rescue teams reached the area on Sunday."),
        p("The army sent helicopters."),
        p("Aid agencies warned of disease."),
        p("The government declared a state of emergency."),
        p("Donors pledged money.")
    );
    let ing = ingest_checked(&input);
    let paras = paragraphs(&ing);
    assert!(
        paras.contains(&"• Schools closed") && paras.contains(&"• Roads cut"),
        "{paras:#?}"
    );
    assert!(paras
        .last()
        .is_some_and(|p| p.starts_with("Donors pledged")));
    assert_eq!(ing.furniture, ["JOHN DOE/AFP"]);
}

/// Furniture-laden plain-text pages built from short article paragraphs.
#[test]
fn boilerplate_cases() {
    let para = |lead: &str| {
        format!(
            "{lead} Officials said the measures would stay in place until the end of the month, \
             and that a review would follow."
        )
    };
    let (a, b, c) = (
        para("Ministers met in the capital on Monday."),
        para("Opposition leaders criticised the plan."),
        para("Markets rose slightly after the announcement."),
    );
    let lead =
        "Police closed the main bridge into the city after a lorry crashed into its railings";
    let cases: Vec<(&str, String, Vec<&str>, usize)> = vec![
        (
            "article ending with a list after an intro line",
            format!("{a}\n\n{b}\n\nThe plan includes:\n\n- new bus lanes\n\n- longer opening hours\n\n- cheaper tickets"),
            vec![],
            6,
        ),
        (
            "lead paragraph without a final stop is prose",
            format!("{lead}\n\n{a}\n\n{b}"),
            vec![],
            3,
        ),
        (
            "trailing share and follow lines are furniture",
            format!("{a}\n\n{b}\n\n{c}\n\nShare this story\n\nFollow us on Twitter"),
            vec!["Share this story", "Follow us on Twitter"],
            3,
        ),
        (
            "a one-word label inside the article is furniture, a subhead is not",
            format!("{a}\n\nAdvertisement\n\n{b}\n\nWhat happens next\n\n{c}"),
            vec!["Advertisement"],
            4,
        ),
        (
            "repeated navigation and a timestamp around the article",
            format!("Home | World | Sport\n\nUpdated 09:41 GMT\n\n{a}\n\n{b}\n\n{c}\n\nHome | World | Sport"),
            vec!["Home | World | Sport", "Updated 09:41 GMT", "Home | World | Sport"],
            3,
        ),
        (
            "teaser list after the article: title-case lines and blurbs",
            format!(
                "{a}\n\n{b}\n\n{c}\n\nMore Stories\n\nThe Weekend Guide\n\nSaturday 10am\n\n\
                 Our critics pick the best films, plays and concerts to see across the city this weekend."
            ),
            vec![
                "More Stories",
                "The Weekend Guide",
                "Saturday 10am",
                "Our critics pick the best films, plays and concerts to see across the city this weekend.",
            ],
            3,
        ),
    ];
    for (name, input, furniture, kept) in cases {
        let ing = ingest_checked(&input);
        assert_eq!(ing.furniture, furniture, "{name}: furniture");
        assert_eq!(
            ing.paragraphs.len(),
            kept,
            "{name}: kept paragraphs {:#?}",
            paragraphs(&ing)
        );
    }
}

#[test]
fn hostile_inputs_do_not_break() {
    let deep = format!(
        "{}deep text{}",
        "<div><span><b>".repeat(10_000),
        "</b></span></div>".repeat(10_000)
    );
    let ing = ingest_checked(&deep);
    assert_eq!(ing.text, "deep text");

    let deep_links = format!("{}x{}", "<a href=u><i>".repeat(10_000), "</a>".repeat(3));
    let ing = ingest_checked(&deep_links);
    assert_eq!(anchors(&ing), [("x", "u")]);

    let stray = format!(
        "<p>{}kept</p>",
        "</div></a></template></script>".repeat(5_000)
    );
    assert_eq!(ingest_checked(&stray).text, "kept");

    let unclosed_script = "<p>before</p><script>never closed <p>hidden";
    assert_eq!(ingest_checked(unclosed_script).text, "before");

    let nul = "a\0b\0\0c\n\0\n\0d";
    assert_eq!(paragraphs(&ingest_checked(nul)), ["abc", "d"]);

    let rtl = "\u{202B}مرحبا بالعالم\u{202C} שלום 👨‍👩‍👧‍👦 🇶🇦";
    assert_eq!(ingest_checked(rtl).text, rtl);
}

#[test]
fn big_inputs_are_roughly_linear() {
    // Debug build: generous bounds that still catch quadratic behaviour.
    let line =
        "Officials met in the capital on Monday, and said talks would go on. ".repeat(15_000);
    let t = Instant::now();
    let ing = ingest_checked(&line);
    assert!(ing.paragraphs.len() > 100);
    let html = "<div><p>Talks went on <a href=\"https://e.example/a\">all night</a>, officials said.</p></div>\n".repeat(12_000);
    let ing2 = ingest_checked(&html);
    assert_eq!(ing2.anchors.len(), 12_000);
    assert!(
        t.elapsed() < Duration::from_secs(20),
        "took {:?}",
        t.elapsed()
    );
}

fn span_ok(text: &str, s: Span) -> bool {
    text.get(s.start..s.end).is_some()
}

proptest! {
    #[test]
    fn arbitrary_strings_keep_invariants(input in any::<String>()) {
        let ing = ingest(&input);
        prop_assert!(check(&ing).is_ok(), "{:?}", check(&ing));
    }

    #[test]
    fn tag_soup_keeps_invariants(parts in proptest::collection::vec(prop_oneof![
        Just("<p>".to_string()), Just("</p>".to_string()), Just("<div>".to_string()), Just("</div>".to_string()),
        Just("<br>".to_string()), Just("<b>".to_string()), Just("</b>".to_string()), Just("</a>".to_string()),
        Just("<script>".to_string()), Just("</script>".to_string()), Just("<!--".to_string()), Just("-->".to_string()),
        Just("&amp;".to_string()), Just("&#0;".to_string()), Just("&#x1F600;".to_string()), Just("<li>".to_string()),
        Just("<h1>".to_string()), Just("</h1>".to_string()), Just("<a href=\"http://e.example/\">".to_string()),
        "[a-zA-Z .,\u{600}-\u{6ff}👍\u{200d}\n\t]{0,12}",
    ], 0..40)) {
        let input = parts.concat();
        let ing = ingest(&input);
        prop_assert!(check(&ing).is_ok(), "{:?}", check(&ing));
        for a in &ing.anchors {
            prop_assert!(span_ok(&ing.text, a.span));
        }
    }

    #[test]
    fn plain_text_urls_are_anchors_of_themselves(lines in proptest::collection::vec(prop_oneof![
        Just(String::new()),
        "[A-Za-z ,.]{0,40}",
        "(see )?https?://[a-z]{1,8}\\.example/[a-z0-9/._-]{0,12}[.,)]?( [a-z]{1,6})?",
        "\u{2022} [A-Z][a-z]{1,8}",
    ], 0..30), crlf in proptest::bool::ANY) {
        let input = lines.join(if crlf { "\r\n" } else { "\n" });
        let ing = ingest(&input);
        prop_assert!(check(&ing).is_ok(), "{:?}", check(&ing));
        for a in &ing.anchors {
            prop_assert_eq!(a.span.text(&ing.text), a.href.as_str());
            prop_assert!(a.href.starts_with("http"));
        }
    }

    #[test]
    fn generated_links_keep_their_anchor_text(items in proptest::collection::vec(
        ("[a-z]{1,8}( [a-z]{1,8}){0,2}", "[A-Za-z]{1,8}( [a-z]{1,8}){0,3}[.]?", proptest::bool::ANY), 1..20)) {
        // Paragraphs of prose with a link each; every link must come out with exactly its text.
        let mut html = String::new();
        let mut want = Vec::new();
        for (i, (link, prose, new_para)) in items.iter().enumerate() {
            if *new_para { html.push_str("<p>"); }
            html.push_str(&format!("{prose} <a href=\"https://e.example/{i}\">{link}</a> "));
            want.push((link.clone(), format!("https://e.example/{i}")));
        }
        let ing = ingest(&format!("<div>{html}</div>"));
        prop_assert!(check(&ing).is_ok(), "{:?}", check(&ing));
        let got: Vec<(String, String)> = ing.anchors.iter().map(|a| (a.span.text(&ing.text).to_string(), a.href.clone())).collect();
        let kept: Vec<(String, String)> = want.into_iter().filter(|w| got.contains(w)).collect();
        prop_assert_eq!(&got, &kept, "anchors out of order or with wrong text");
        if ing.furniture.is_empty() {
            prop_assert_eq!(got.len(), items.len(), "a link was lost");
        }
    }
}
