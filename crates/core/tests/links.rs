//! Link previews from real-world URL shapes: a table of news-site URL conventions (written
//! from the sites' public URL patterns; nothing is fetched) → site, section, date, title.

use gloss_core::links::{preview, relative_label, Preview};

/// Names a workspace about the fall of a government might know.
const KNOWN: &[&str] = &[
    "Bashar al-Assad",
    "Hayat Tahrir al-Sham",
    "HTS",
    "Mohammed al-Bashir",
    "Ahmed al-Sharaa",
    "Hezbollah",
    "Houthis",
];

struct Case {
    url: &'static str,
    site: &'static str,
    section: Option<&'static str>,
    date: Option<&'static str>,
    title: Option<&'static str>,
}

const fn c(
    url: &'static str,
    site: &'static str,
    section: Option<&'static str>,
    date: Option<&'static str>,
    title: Option<&'static str>,
) -> Case {
    Case {
        url,
        site,
        section,
        date,
        title,
    }
}

const CASES: &[Case] = &[
    // Wire services
    c("https://www.reuters.com/world/middle-east/qatar-opens-talks-with-syrias-hts-2024-12-10/", "Reuters", Some("world/middle-east"), Some("2024-12-10"), Some("Qatar opens talks with Syria's HTS")),
    c("https://www.reuters.com/article/us-health-coronavirus-usa-idUSKBN28K1AB", "Reuters", None, None, Some("US health coronavirus usa")),
    c("https://apnews.com/article/syria-assad-rebels-damascus-0a1b2c3d4e5f67890abcdef123456789", "AP News", None, None, Some("Syria Assad rebels Damascus")),
    c("https://www.afp.com/en/news/3954/syrian-refugees-weigh-return-from-lebanon-doc-36mj2x4", "AFP", Some("news"), None, Some("Syrian refugees weigh return from Lebanon doc")),
    c("https://www.bloomberg.com/news/articles/2024-12-10/syria-s-rebels-seek-to-reassure-minorities", "Bloomberg", Some("news"), Some("2024-12-10"), Some("Syria's rebels seek to reassure minorities")),
    c("https://www.aa.com.tr/en/middle-east/turkish-fm-meets-syrian-counterpart-in-ankara/3420123", "Anadolu Agency", Some("middle-east"), None, Some("Turkish FM meets Syrian counterpart in Ankara")),
    c("https://english.news.cn/20241210/4a5b6c7d8e/c.html", "Xinhua", None, Some("2024-12-10"), None),
    c("https://en.yna.co.kr/view/AEN20241210001234315", "Yonhap", None, None, None),
    // Middle East and North Africa
    c("https://www.thenationalnews.com/news/mena/2024/12/10/syrian-families-return-home-after-years-of-exile/", "The National", Some("news/mena"), Some("2024-12-10"), Some("Syrian families return home after years of exile")),
    c("https://www.thenationalnews.com/future/technology/2024/12/10/syria-flag-emoji-unicode/", "The National", Some("future/technology"), Some("2024-12-10"), Some("Syria flag emoji unicode")),
    c("https://www.thenationalnews.com/opinion/editorial/2024/12/10/gulf-diplomacy-after-damascus/", "The National", Some("opinion/editorial"), Some("2024-12-10"), Some("Gulf diplomacy after Damascus")),
    c("https://www.aljazeera.com/news/2024/12/10/who-is-mohammed-al-bashir-syrias-new-caretaker-pm", "Al Jazeera", Some("news"), Some("2024-12-10"), Some("Who is Mohammed al-Bashir Syria's new caretaker PM?")),
    c("https://www.aljazeera.com/opinions/2024/12/9/the-fall-of-assad-and-what-comes-next", "Al Jazeera", Some("opinions"), Some("2024-12-09"), Some("The fall of Assad and what comes next")),
    c("https://www.aljazeera.net/news/2024/12/10/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7-%D8%A7%D9%84%D8%AC%D8%AF%D9%8A%D8%AF%D8%A9", "Al Jazeera", Some("news"), Some("2024-12-10"), Some("سوريا الجديدة")),
    c("https://www.arabnews.com/node/2582341/middle-east", "Arab News", Some("middle-east"), None, None),
    c("https://gulfnews.com/world/mena/syria-rebels-name-interim-leader-1.1733822345678", "Gulf News", Some("world/mena"), None, Some("Syria rebels name interim leader")),
    c("https://www.khaleejtimes.com/world/mena/uae-calls-for-calm-in-syria", "Khaleej Times", Some("world/mena"), None, Some("UAE calls for calm in Syria")),
    c("https://www.al-monitor.com/originals/2024/12/qatar-reopens-channel-to-damascus", "Al-Monitor", Some("originals"), Some("2024-12"), Some("Qatar reopens channel to Damascus")),
    c("https://www.haaretz.com/israel-news/2024-12-10/ty-article/.premium/israel-strikes-syrian-navy/00000193-a6f2-d4f7-a3df-efff6d380000", "Haaretz", Some("israel-news"), Some("2024-12-10"), Some("Israel strikes Syrian navy")),
    c("https://www.timesofisrael.com/liveblog_entry/idf-says-troops-remain-in-buffer-zone/", "The Times of Israel", None, None, Some("Idf says troops remain in buffer zone")),
    c("https://www.jpost.com/middle-east/article-832123", "The Jerusalem Post", Some("middle-east"), None, None),
    c("https://english.aawsat.com/arab-world/5090123-syria-s-new-government-holds-first-meeting", "Asharq Al-Awsat", Some("arab-world"), None, Some("Syria's new government holds first meeting")),
    c("https://english.alarabiya.net/News/middle-east/2024/12/10/Syria-s-interim-PM-pledges-rule-of-law", "Al Arabiya English", Some("news/middle-east"), Some("2024-12-10"), Some("Syria's interim PM pledges rule of law")),
    c("https://www.middleeasteye.net/news/syria-hts-leader-meets-qatari-delegation", "Middle East Eye", Some("news"), None, Some("Syria HTS leader meets Qatari delegation")),
    c("https://www.dailysabah.com/politics/diplomacy/turkiye-reopens-embassy-in-damascus", "Daily Sabah", Some("politics/diplomacy"), None, Some("Türkiye reopens embassy in Damascus")),
    c("https://www.hurriyetdailynews.com/syrians-in-istanbul-celebrate-203123", "Hürriyet Daily News", None, None, Some("Syrians in Istanbul celebrate")),
    c("https://www.tehrantimes.com/news/506123/Iran-reviews-Syria-policy", "Tehran Times", Some("news"), None, Some("Iran reviews Syria policy")),
    c("https://english.ahram.org.eg/NewsContent/2/8/536123/World/Region/Egypt-urges-inclusive-transition-in-Syria.aspx", "Ahram Online", Some("world/region"), None, Some("Egypt urges inclusive transition in Syria")),
    c("https://jordantimes.com/news/region/jordan-reopens-border-crossing", "The Jordan Times", Some("news/region"), None, Some("Jordan reopens border crossing")),
    c("https://www.rudaw.net/english/middleeast/syria/101220241", "Rudaw", Some("middleeast/syria"), None, None),
    c("https://thearabweekly.com/hezbollah-loses-supply-route", "The Arab Weekly", None, None, Some("Hezbollah loses supply route")),
    c("https://today.lorientlejour.com/article/1439123/lebanon-braces-for-refugee-movements.html", "L'Orient-Le Jour", None, None, Some("Lebanon braces for refugee movements")),
    c("https://www.trtworld.com/middle-east/erdogan-speaks-on-syria-transition-18245123", "TRT World", Some("middle-east"), None, Some("Erdogan speaks on Syria transition")),
    // Americas
    c("https://www.nytimes.com/2024/12/10/world/middleeast/syria-assad-rebels.html", "The New York Times", Some("world/middleeast"), Some("2024-12-10"), Some("Syria Assad rebels")),
    c("https://www.washingtonpost.com/world/2024/12/10/syria-assad-russia-moscow/", "The Washington Post", Some("world"), Some("2024-12-10"), Some("Syria Assad Russia Moscow")),
    c("https://www.wsj.com/world/middle-east/syrias-rebels-turn-to-governing-5c1b2a3d", "The Wall Street Journal", Some("world/middle-east"), None, Some("Syria's rebels turn to governing")),
    c("https://edition.cnn.com/2024/12/10/middleeast/syria-prisons-detainees-intl/index.html", "CNN", Some("middleeast"), Some("2024-12-10"), Some("Syria prisons detainees")),
    c("https://www.nbcnews.com/news/world/syria-rebels-hts-what-to-know-rcna183123", "NBC News", Some("news/world"), None, Some("Syria rebels HTS what to know")),
    c("https://www.cbsnews.com/news/syria-assad-fall-what-happens-next/", "CBS News", Some("news"), None, Some("Syria Assad fall what happens next")),
    c("https://www.npr.org/2024/12/10/nx-s1-5222123/syria-assad-prison-families", "NPR", None, Some("2024-12-10"), Some("Syria Assad prison families")),
    c("https://www.politico.com/news/2024/12/10/us-weighs-hts-terror-designation-00193123", "Politico", Some("news"), Some("2024-12-10"), Some("US weighs HTS terror designation")),
    c("https://www.axios.com/2024/12/10/syria-assad-biden-administration-response", "Axios", None, Some("2024-12-10"), Some("Syria Assad biden administration response")),
    c("https://www.latimes.com/world-nation/story/2024-12-10/syrians-abroad-plan-return", "Los Angeles Times", Some("world-nation"), Some("2024-12-10"), Some("Syrians abroad plan return")),
    c("https://www.usatoday.com/story/news/world/2024/12/10/syria-rebels-what-we-know/76890123007/", "USA Today", Some("news/world"), Some("2024-12-10"), Some("Syria rebels what we know")),
    c("https://www.cbc.ca/news/world/syria-canada-sanctions-review-1.7405123", "CBC News", Some("news/world"), None, Some("Syria Canada sanctions review")),
    c("https://www.theglobeandmail.com/world/article-syrian-canadians-react-to-assads-fall/", "The Globe and Mail", Some("world"), None, Some("Syrian Canadians react to Assad's fall")),
    // Europe
    c("https://www.bbc.com/news/world-middle-east-67654321", "BBC", Some("news/world-middle-east"), None, None),
    c("https://www.bbc.co.uk/news/articles/c0k8x2y3z4lo", "BBC", Some("news"), None, None),
    c("https://www.bbc.com/future/article/20241210-why-flags-change-after-revolutions", "BBC", Some("future"), Some("2024-12-10"), Some("Why flags change after revolutions")),
    c("https://www.theguardian.com/world/2024/dec/10/syria-rebels-form-caretaker-government", "The Guardian", Some("world"), Some("2024-12-10"), Some("Syria rebels form caretaker government")),
    c("https://www.theguardian.com/commentisfree/2024/dec/09/assad-fall-lessons-for-europe", "The Guardian", Some("commentisfree"), Some("2024-12-09"), Some("Assad fall lessons for Europe")),
    c("https://www.ft.com/content/1f2e3d4c-5b6a-7980-a1b2-c3d4e5f6a7b8", "Financial Times", None, None, None),
    c("https://www.economist.com/middle-east-and-africa/2024/12/10/syrias-unlikely-new-rulers", "The Economist", Some("middle-east-and-africa"), Some("2024-12-10"), Some("Syria's unlikely new rulers")),
    c("https://www.telegraph.co.uk/world-news/2024/12/10/syria-chemical-weapons-sites-secured/", "The Telegraph", Some("world-news"), Some("2024-12-10"), Some("Syria chemical weapons sites secured")),
    c("https://www.independent.co.uk/news/world/middle-east/syria-hts-leader-interview-b2661234.html", "The Independent", Some("news/world/middle-east"), None, Some("Syria HTS leader interview")),
    c("https://www.dailymail.co.uk/news/article-14123456/Syria-prison-freed-detainees.html", "Daily Mail", Some("news"), None, Some("Syria prison freed detainees")),
    c("https://news.sky.com/story/syrians-celebrate-in-damascus-square-13270123", "Sky News", None, None, Some("Syrians celebrate in Damascus square")),
    c("https://www.lemonde.fr/international/article/2024/12/10/syrie-un-pays-a-reconstruire-apres-la-chute_6441234_3210.html", "Le Monde", Some("international"), Some("2024-12-10"), Some("Syrie un pays a reconstruire apres la chute")),
    c("https://www.lefigaro.fr/international/syrie-les-rebelles-forment-un-gouvernement-20241210", "Le Figaro", Some("international"), Some("2024-12-10"), Some("Syrie les rebelles forment un gouvernement")),
    c("https://www.france24.com/en/middle-east/20241210-syria-s-new-leaders-court-gulf-states", "France 24", Some("middle-east"), Some("2024-12-10"), Some("Syria's new leaders court Gulf states")),
    c("https://www.spiegel.de/international/world/syria-after-assad-a-1b2c3d4e-5f6a-7b8c-9d0e-f1a2b3c4d5e6", "Der Spiegel", Some("international/world"), None, Some("Syria after Assad")),
    c("https://www.faz.net/aktuell/politik/ausland/syrien-nach-assad-110166123.html", "Frankfurter Allgemeine", Some("aktuell/politik/ausland"), None, Some("Syrien nach Assad")),
    c("https://www.dw.com/en/syria-rebels-pledge-to-protect-minorities/a-71012345", "DW", None, None, Some("Syria rebels pledge to protect minorities")),
    c("https://www.euronews.com/2024/12/10/eu-debates-syrian-asylum-claims", "Euronews", None, Some("2024-12-10"), Some("EU debates Syrian asylum claims")),
    c("https://elpais.com/internacional/2024-12-10/siria-tras-la-caida-de-assad.html", "El País", Some("internacional"), Some("2024-12-10"), Some("Siria tras la caida de Assad")),
    c("https://www.politico.eu/article/eu-ministers-discuss-syria-sanctions/", "Politico Europe", None, None, Some("EU ministers discuss Syria sanctions")),
    // Asia and Oceania
    c("https://www3.nhk.or.jp/nhkworld/en/news/20241210_12/", "NHK", Some("nhkworld/news"), Some("2024-12-10"), None),
    c("https://www.japantimes.co.jp/news/2024/12/10/world/japan-urges-peaceful-transition-in-syria/", "The Japan Times", Some("news/world"), Some("2024-12-10"), Some("Japan urges peaceful transition in Syria")),
    c("https://www.scmp.com/news/china/diplomacy/article/3290123/china-urges-restraint-in-syria", "South China Morning Post", Some("news/china/diplomacy"), None, Some("China urges restraint in Syria")),
    c("https://www.globaltimes.cn/page/202412/1324567.shtml", "Global Times", None, Some("2024-12"), None),
    c("https://www.straitstimes.com/world/middle-east/singapore-advises-against-travel-to-syria", "The Straits Times", Some("world/middle-east"), None, Some("Singapore advises against travel to Syria")),
    c("https://timesofindia.indiatimes.com/world/middle-east/india-monitors-situation-in-syria/articleshow/116180123.cms", "The Times of India", Some("world/middle-east"), None, Some("India monitors situation in Syria")),
    c("https://www.thehindu.com/news/international/india-evacuates-nationals-from-syria/article68970123.ece", "The Hindu", Some("news/international"), None, Some("India evacuates nationals from Syria")),
    c("https://www.hindustantimes.com/world-news/syria-crisis-explained-101733812345678.html", "Hindustan Times", Some("world-news"), None, Some("Syria crisis explained")),
    c("https://www.dawn.com/news/1877123/pakistan-calls-for-syrian-led-political-process", "Dawn", Some("news"), None, Some("Pakistan calls for Syrian-led political process")),
    c("https://www.abc.net.au/news/2024-12-10/syrian-australians-react/104706123", "ABC News", Some("news"), Some("2024-12-10"), Some("Syrian Australians react")),
    c("https://www.smh.com.au/world/middle-east/syria-after-the-fall-20241210-p5kx1a.html", "The Sydney Morning Herald", Some("world/middle-east"), Some("2024-12-10"), Some("Syria after the fall")),
    c("https://www.alarabiya.net/aswaq/oil-and-gas/2025/03/04/%D8%A7%D9%84%D8%B3%D8%B9%D9%88%D8%AF%D9%8A%D8%A9-%D9%88%D8%A7%D9%84%D8%A7%D9%85%D8%A7%D8%B1%D8%A7%D8%AA", "Al Arabiya", Some("aswaq/oil-and-gas"), Some("2025-03-04"), Some("السعودية والامارات")),
    // Section pages, home pages, live pages, mobile hosts, ids in the query
    c("https://www.reuters.com/markets/commodities/", "Reuters", Some("markets/commodities"), None, None),
    c("https://www.aljazeera.com/", "Al Jazeera", None, None, None),
    c("https://www.thenationalnews.com/news/mena/2024/12/10/", "The National", Some("news/mena"), Some("2024-12-10"), None),
    c("https://www.nytimes.com/live/2024/12/08/world/syria-assad-rebels", "The New York Times", Some("live/world"), Some("2024-12-08"), Some("Syria Assad rebels")),
    c("https://www.theguardian.com/world/live/2024/dec/08/syria-live-news-assad-damascus-latest-updates", "The Guardian", Some("world/live"), Some("2024-12-08"), Some("Syria live news Assad Damascus latest updates")),
    c("https://www.example.com/article.php?id=123&date=20241210", "Example", None, Some("2024-12-10"), None),
    c("https://m.dawn.com/news/1877123/karachi-port-handles-record-traffic", "Dawn", Some("news"), None, Some("Karachi port handles record traffic")),
    c("https://www.independent.co.uk/news/world/middle-east/syria-news-latest-b2661234.html?amp", "The Independent", Some("news/world/middle-east"), None, Some("Syria news latest")),
    // Dates in the query; unknown sites fall back to the readable domain
    c("https://www.gulftoday.ae/news/syria-transition-talks?date=2024-12-10&utm_source=x", "Gulf Today", Some("news"), Some("2024-12-10"), Some("Syria transition talks")),
    c("https://www.middle-east-online.com/en/syria-hts-pledges-elections", "Middle East Online", None, None, Some("Syria HTS pledges elections")),
    c("https://news.example.co.uk/world/2024/12/10/hayat-tahrir-fighters-enter-hama/", "Example", Some("world"), Some("2024-12-10"), Some("Hayat Tahrir fighters enter Hama")),
    c("https://www.egyptindependent.com/egypt-watches-syria-closely/?pubdate=20241209", "Egypt Independent", None, Some("2024-12-09"), Some("Egypt watches Syria closely")),
    c("https://www.somepaper.com/story/sharaa-meets-envoys-from-the-gulf?id=55", "Somepaper", None, None, Some("Sharaa meets envoys from the Gulf")),
];

fn check(case: &Case) -> Result<(), String> {
    let got: Preview =
        preview(case.url, KNOWN).ok_or_else(|| format!("{}: no preview", case.url))?;
    let mut errors = Vec::new();
    if got.site != case.site {
        errors.push(format!("site {:?} != {:?}", got.site, case.site));
    }
    if got.section.as_deref() != case.section {
        errors.push(format!("section {:?} != {:?}", got.section, case.section));
    }
    if got.date.as_deref() != case.date {
        errors.push(format!("date {:?} != {:?}", got.date, case.date));
    }
    if got.title.as_deref() != case.title {
        errors.push(format!("title {:?} != {:?}", got.title, case.title));
    }
    if got.title_derived != got.title.is_some() {
        errors.push("title_derived must mark every slug title".to_string());
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\n    {}", case.url, errors.join("\n    ")))
    }
}

#[test]
fn real_world_url_shapes() {
    assert!(CASES.len() >= 60, "only {} cases", CASES.len());
    let failures: Vec<String> = CASES.iter().filter_map(|c| check(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} URL shapes wrong:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn url_shapes_cover_many_sites() {
    let mut sites: Vec<&str> = CASES.iter().map(|c| c.site).collect();
    sites.sort_unstable();
    sites.dedup();
    assert!(sites.len() >= 60, "only {} distinct sites", sites.len());
}

#[test]
fn only_http_urls_get_previews() {
    for href in [
        "javascript:alert(1)",
        "mailto:desk@example.com",
        "data:text/html,<b>x</b>",
        "/news/2024/12/10/x",
        "ftp://x.com/a",
        "",
        "https://",
    ] {
        assert_eq!(preview(href, KNOWN), None, "{href}");
    }
}

#[test]
fn workspace_names_change_title_casing() {
    let url = "https://www.example.com/news/2024/12/10/sharaa-and-bashir-meet-qatari-envoy/";
    let without = preview(url, &[]).and_then(|p| p.title);
    let with = preview(url, &["Ahmed al-Sharaa", "Mohammed al-Bashir"]).and_then(|p| p.title);
    assert_eq!(
        without.as_deref(),
        Some("Sharaa and bashir meet Qatari envoy")
    );
    assert_eq!(with.as_deref(), Some("Sharaa and Bashir meet Qatari envoy"));
}

#[test]
fn relative_labels_between_link_and_article() {
    assert_eq!(
        relative_label("2024-12-08", "2024-12-10").as_deref(),
        Some("two days earlier")
    );
    assert_eq!(
        relative_label("2024-12-10", "2024-12-10").as_deref(),
        Some("same day")
    );
}

/// Through the whole pipeline: relative labels count from the article's dateline when it has
/// one, else from its newest link.
#[test]
fn relative_labels_in_the_contract() {
    use gloss_core::protocol::Contract;
    let link = |date: &str, slug: &str| {
        format!("<a href=\"https://www.thenationalnews.com/news/mena/{date}/{slug}/\">{slug}</a>")
    };
    let body = format!(
        "<p>{}, {}.</p><p>Officials also pointed to {}.</p>",
        link("2024/12/10", "envoys-meet-in-doha"),
        link("2024/12/08", "talks-stall-over-prisoners"),
        link("2024/11/26", "ceasefire-plan-unveiled")
    );
    let cases = [
        (
            format!("<p>DOHA, Dec 12 (Reuters) - Gulf envoys met on Thursday.</p>{body}"),
            ["two days earlier", "four days earlier", "two weeks earlier"],
        ),
        (
            format!("<p>Gulf envoys met on Thursday.</p>{body}"),
            ["same day", "two days earlier", "two weeks earlier"],
        ),
    ];
    for (html, want) in cases {
        let c = Contract::from_workspace(&gloss_core::annotate("t.html", &html));
        let got: Vec<String> = c.documents[0]
            .links
            .iter()
            .map(|l| {
                l.preview
                    .as_ref()
                    .and_then(|p| p.relative.clone())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(got, want, "{html}");
    }
}

/// A title that spells a workspace name only in part still links to that entity.
#[test]
fn preview_entities_include_partly_spelled_names() {
    use gloss_core::protocol::Contract;
    let html = r#"<p>DAMASCUS, Dec 10 (Reuters) - Fighters from Hayat Tahrir al-Sham patrolled the streets of Damascus on Tuesday, residents said.</p>
<p>Their advance was <a href="https://www.example.com/world/2024/12/08/hayat-tahrir-fighters-reach-damascus-suburbs/">rapid</a>.</p>"#;
    let c = Contract::from_workspace(&gloss_core::annotate("t.html", html));
    let id_of = |name: &str| {
        c.entities
            .iter()
            .find(|e| e.aliases.iter().any(|a| a == name))
            .map(|e| e.id.clone())
    };
    let hts = id_of("Hayat Tahrir al-Sham").expect("the group is recognised");
    let damascus = id_of("Damascus").expect("the city is recognised");
    let preview = c.documents[0].links[0].preview.as_ref().expect("a preview");
    assert_eq!(
        preview.title.as_deref(),
        Some("Hayat Tahrir fighters reach Damascus suburbs")
    );
    assert!(
        preview.entities.contains(&hts),
        "{:?} lacks {hts}",
        preview.entities
    );
    assert!(
        preview.entities.contains(&damascus),
        "{:?} lacks {damascus}",
        preview.entities
    );
    assert_eq!(preview.relative.as_deref(), Some("two days earlier"));
}

/// A link to another article of the workspace shows that article's real headline and first
/// sentence, and says which document it is.
#[test]
fn links_to_workspace_articles_show_the_real_headline() {
    use gloss_core::protocol::Contract;
    use gloss_core::{annotate_workspace, Article};
    let target = "<html><head><title>Qatar opens contact with Syria's HTS group, official says</title></head><body>\
        <h1>Qatar opens contact with Syria's HTS group, official says</h1>\
        <p>DOHA, Dec 10 (Reuters) - Qatar has opened a line of contact with the group that now runs Damascus, an official said on Tuesday.</p>\
        <p>The official spoke on condition of anonymity.</p></body></html>";
    let linking = "<p>DUBAI, Dec 11 (Reuters) - Gulf states moved to engage the new authorities in Syria, \
        <a href=\"https://www.reuters.com/world/middle-east/qatar-opens-contact-with-syrias-hts-group-2024-12-10/\">a day after Qatar</a> \
        and <a href=\"https://www.reuters.com/world/middle-east/saudi-envoy-visits-beirut-2024-12-09/\">Saudi Arabia</a> reached out.</p>";
    let ws = annotate_workspace(&[
        Article {
            source: "target.html".into(),
            input: target.into(),
        },
        Article {
            source: "linking.html".into(),
            input: linking.into(),
        },
    ]);
    let c = Contract::from_workspace(&ws);
    let links = &c.documents[1].links;
    let to_target = links[0].preview.as_ref().expect("preview");
    assert_eq!(to_target.document, Some(0));
    assert_eq!(
        to_target.title.as_deref(),
        Some("Qatar opens contact with Syria's HTS group, official says")
    );
    assert!(!to_target.title_derived, "a real headline is not derived");
    assert!(
        to_target
            .lead
            .as_deref()
            .is_some_and(|l| l.contains("line of contact")),
        "{:?}",
        to_target.lead
    );
    assert_eq!(to_target.relative.as_deref(), Some("a day earlier"));
    let elsewhere = links[1].preview.as_ref().expect("preview");
    assert_eq!((elsewhere.document, elsewhere.title_derived), (None, true));
    assert_eq!(
        elsewhere.title.as_deref(),
        Some("Saudi envoy visits Beirut")
    );
}

/// A pasted page that names its own address (`<link rel="canonical">` or `og:url`) is found by
/// links to that address even though the paste has no URL of its own; `og:title` is its
/// headline when the page has no `<h1>`.
#[test]
fn links_find_a_pasted_page_by_its_canonical_address() {
    use gloss_core::ingest::ingest;
    use gloss_core::protocol::Contract;
    use gloss_core::{annotate_workspace, Article};
    let by_link = "<html><head><link rel=\"Canonical\" href=\" https://www.example-news.com/world/ports-reopen-after-storm-7731 \">\
        <title>Ports reopen | Example News</title></head><body><h1>Ports reopen after the storm</h1>\
        <p>Ships returned to the harbour on Friday as the wind dropped, the port authority said.</p></body></html>";
    let by_og = "<html><head><meta property=\"og:url\" content=\"https://news.example.org/a/9/quiet-night-in-the-capital\">\
        <meta property=\"og:title\" content=\"A quiet night in the capital | Example\"></head><body>\
        <p>The streets were calm overnight, residents said, after a week of protests.</p></body></html>";
    let linking = "<p>Trade resumed <a href=\"https://example-news.com/world/ports-reopen-after-storm-7731?utm_source=x\">after the storm</a>; \
        <a href=\"http://m.news.example.org/a/9/quiet-night-in-the-capital/\">the capital was quiet</a>; \
        <a href=\"https://example-news.com/world/other-story-7732\">elsewhere</a>.</p>";

    let ing = ingest(by_link);
    assert_eq!(
        ing.canonical.as_deref(),
        Some("https://www.example-news.com/world/ports-reopen-after-storm-7731")
    );
    let og = ingest(by_og);
    assert_eq!(
        og.canonical.as_deref(),
        Some("https://news.example.org/a/9/quiet-night-in-the-capital")
    );
    assert_eq!(
        og.title.as_deref(),
        Some("A quiet night in the capital"),
        "og:title without an h1"
    );
    // Relative or non-web addresses say nothing about where the page lives.
    for page in [
        "<link rel=canonical href=/world/x><p>Text.</p>",
        "<link rel=canonical href=\"javascript:alert(1)\"><p>Text.</p>",
        "<meta property=og:url content=\"ftp://x.example/a\"><p>Text.</p>",
    ] {
        assert_eq!(ingest(page).canonical, None, "{page}");
    }

    let ws = annotate_workspace(&[
        Article {
            source: "paste 1".into(),
            input: by_link.into(),
        },
        Article {
            source: "paste 2".into(),
            input: by_og.into(),
        },
        Article {
            source: "paste 3".into(),
            input: linking.into(),
        },
    ]);
    let c = Contract::from_workspace(&ws);
    let previews: Vec<_> = c.documents[2]
        .links
        .iter()
        .map(|l| l.preview.clone().expect("preview"))
        .collect();
    assert_eq!(previews[0].document, Some(0));
    assert_eq!(
        previews[0].title.as_deref(),
        Some("Ports reopen after the storm")
    );
    assert!(!previews[0].title_derived);
    assert!(
        previews[0]
            .lead
            .as_deref()
            .is_some_and(|l| l.starts_with("Ships returned")),
        "{:?}",
        previews[0].lead
    );
    assert_eq!(previews[1].document, Some(1));
    assert_eq!(
        previews[1].title.as_deref(),
        Some("A quiet night in the capital")
    );
    assert_eq!(previews[2].document, None, "another story on the same site");
    assert!(previews[2].title_derived);
}

/// Nasty inputs: never a panic, and a preview (if any) has a non-empty site.
#[test]
fn malformed_urls_do_not_panic() {
    let inputs = [
        "https://%%%/",
        "https://a.b/%E2%82",
        "https://ü.example/ü/ü-ü-ü",
        "https://x.com/////",
        "https://x.com/2024/02/30/",
        "https://x.com/99999999999999999999/",
        "https://x.com/-/-/-/",
        "https://x.com/a-s-s-s-t-t",
        "https://x.com/?date=&date",
        "https://@/",
        "https://[::1/abc",
        "https://x.com/.html",
        "https://x.com/",
    ];
    for href in inputs {
        if let Some(p) = preview(href, KNOWN) {
            assert!(!p.site.is_empty(), "{href}");
        }
    }
}
