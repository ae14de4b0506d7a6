//! Site names: a table of major news sites (host → display name) and, for any other host, its
//! registrable domain readably cased ("middle-east-online.com" → "Middle East Online").
//!
//! Invariant: lookups match whole DNS labels from the right, so "bbc.co.uk" names
//! "news.bbc.co.uk" but never "notbbc.co.uk".

use super::lexicon;

/// Host suffix → display name. Longest matching suffix wins (so subdomains can differ).
const SITES: &[(&str, &str)] = &[
    // Wire services and agencies
    ("reuters.com", "Reuters"),
    ("apnews.com", "AP News"),
    ("afp.com", "AFP"),
    ("bloomberg.com", "Bloomberg"),
    ("aa.com.tr", "Anadolu Agency"),
    ("xinhuanet.com", "Xinhua"),
    ("news.cn", "Xinhua"),
    ("yna.co.kr", "Yonhap"),
    ("kyodonews.net", "Kyodo News"),
    ("wam.ae", "WAM"),
    ("spa.gov.sa", "Saudi Press Agency"),
    ("qna.org.qa", "Qatar News Agency"),
    ("tass.com", "TASS"),
    ("efe.com", "EFE"),
    ("ansa.it", "ANSA"),
    ("dpa.com", "dpa"),
    ("ptinews.com", "PTI"),
    // Middle East and North Africa
    ("aljazeera.com", "Al Jazeera"),
    ("aljazeera.net", "Al Jazeera"),
    ("thenationalnews.com", "The National"),
    ("arabnews.com", "Arab News"),
    ("gulfnews.com", "Gulf News"),
    ("khaleejtimes.com", "Khaleej Times"),
    ("al-monitor.com", "Al-Monitor"),
    ("haaretz.com", "Haaretz"),
    ("timesofisrael.com", "The Times of Israel"),
    ("jpost.com", "The Jerusalem Post"),
    ("ynetnews.com", "Ynetnews"),
    ("aawsat.com", "Asharq Al-Awsat"),
    ("alarabiya.net", "Al Arabiya"),
    ("middleeasteye.net", "Middle East Eye"),
    ("thearabweekly.com", "The Arab Weekly"),
    ("lorientlejour.com", "L'Orient-Le Jour"),
    ("dailysabah.com", "Daily Sabah"),
    ("hurriyetdailynews.com", "Hürriyet Daily News"),
    ("trtworld.com", "TRT World"),
    ("tehrantimes.com", "Tehran Times"),
    ("ahram.org.eg", "Ahram Online"),
    ("jordantimes.com", "The Jordan Times"),
    ("rudaw.net", "Rudaw"),
    ("kurdistan24.net", "Kurdistan 24"),
    ("thepeninsulaqatar.com", "The Peninsula"),
    ("gulf-times.com", "Gulf Times"),
    ("english.alarabiya.net", "Al Arabiya English"),
    ("english.aawsat.com", "Asharq Al-Awsat"),
    ("dubaieye1038.com", "Dubai Eye 103.8"),
    ("zawya.com", "Zawya"),
    // Americas
    ("nytimes.com", "The New York Times"),
    ("washingtonpost.com", "The Washington Post"),
    ("wsj.com", "The Wall Street Journal"),
    ("cnn.com", "CNN"),
    ("edition.cnn.com", "CNN"),
    ("nbcnews.com", "NBC News"),
    ("cbsnews.com", "CBS News"),
    ("abcnews.go.com", "ABC News"),
    ("foxnews.com", "Fox News"),
    ("npr.org", "NPR"),
    ("politico.com", "Politico"),
    ("axios.com", "Axios"),
    ("latimes.com", "Los Angeles Times"),
    ("usatoday.com", "USA Today"),
    ("theatlantic.com", "The Atlantic"),
    ("time.com", "Time"),
    ("cbc.ca", "CBC News"),
    ("theglobeandmail.com", "The Globe and Mail"),
    ("folha.uol.com.br", "Folha de S.Paulo"),
    ("clarin.com", "Clarín"),
    // Europe
    ("bbc.com", "BBC"),
    ("bbc.co.uk", "BBC"),
    ("theguardian.com", "The Guardian"),
    ("ft.com", "Financial Times"),
    ("economist.com", "The Economist"),
    ("thetimes.com", "The Times"),
    ("thetimes.co.uk", "The Times"),
    ("telegraph.co.uk", "The Telegraph"),
    ("independent.co.uk", "The Independent"),
    ("dailymail.co.uk", "Daily Mail"),
    ("news.sky.com", "Sky News"),
    ("irishtimes.com", "The Irish Times"),
    ("lemonde.fr", "Le Monde"),
    ("lefigaro.fr", "Le Figaro"),
    ("france24.com", "France 24"),
    ("rfi.fr", "RFI"),
    ("spiegel.de", "Der Spiegel"),
    ("faz.net", "Frankfurter Allgemeine"),
    ("sueddeutsche.de", "Süddeutsche Zeitung"),
    ("zeit.de", "Die Zeit"),
    ("dw.com", "DW"),
    ("nzz.ch", "Neue Zürcher Zeitung"),
    ("elpais.com", "El País"),
    ("corriere.it", "Corriere della Sera"),
    ("repubblica.it", "la Repubblica"),
    ("euronews.com", "Euronews"),
    ("politico.eu", "Politico Europe"),
    ("rte.ie", "RTÉ"),
    ("nos.nl", "NOS"),
    ("kyivindependent.com", "The Kyiv Independent"),
    ("themoscowtimes.com", "The Moscow Times"),
    // Asia and Oceania
    ("nhk.or.jp", "NHK"),
    ("japantimes.co.jp", "The Japan Times"),
    ("asahi.com", "The Asahi Shimbun"),
    ("scmp.com", "South China Morning Post"),
    ("globaltimes.cn", "Global Times"),
    ("straitstimes.com", "The Straits Times"),
    ("channelnewsasia.com", "CNA"),
    ("timesofindia.indiatimes.com", "The Times of India"),
    ("thehindu.com", "The Hindu"),
    ("hindustantimes.com", "Hindustan Times"),
    ("indianexpress.com", "The Indian Express"),
    ("dawn.com", "Dawn"),
    ("tribune.com.pk", "The Express Tribune"),
    ("thedailystar.net", "The Daily Star"),
    ("koreaherald.com", "The Korea Herald"),
    ("abc.net.au", "ABC News"),
    ("smh.com.au", "The Sydney Morning Herald"),
    ("nzherald.co.nz", "The New Zealand Herald"),
    // Africa
    ("news24.com", "News24"),
    ("nation.africa", "Nation"),
    ("premiumtimesng.com", "Premium Times"),
    ("mg.co.za", "Mail & Guardian"),
];

/// Second-level labels under which country-code domains register names ("co.uk", "com.au").
#[rustfmt::skip]
const SECOND_LEVEL: &[&str] = &[
    "co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go", "gob", "gouv", "mil", "ltd", "plc", "nic",
    "sch",
];

/// Words that news site names are made of, used to split a fused domain label
/// ("gulftoday" → "Gulf Today").
#[rustfmt::skip]
const NAME_WORDS: &[&str] = &[
    "daily", "times", "time", "news", "post", "herald", "tribune", "gazette", "journal", "star", "sun", "mail",
    "express", "telegraph", "observer", "online", "today", "weekly", "world", "global", "chronicle", "review",
    "monitor", "press", "media", "radio", "report", "standard", "nation", "national", "arab", "gulf", "middle",
    "east", "west", "north", "south", "new", "eye", "voice", "mirror", "independent", "guardian", "courier",
    "examiner", "enquirer", "dispatch", "inquirer", "bulletin", "insider", "wire", "street", "business",
    "finance", "policy", "affairs", "foreign", "free", "city", "morning", "evening", "week", "sunday", "first",
    "live", "network", "channel", "view", "watch", "beacon", "record", "register", "leader", "citizen",
    "pioneer", "age", "focus", "tv", "fm", "the", "al", "middleeast", "energy", "intel", "intelligence", "oil",
    "gas", "market", "markets", "money", "capital", "economic", "economy", "trade", "asia", "africa", "europe",
    "agenda", "digest", "brief", "briefing", "line", "point",
];

/// Display name for a (lowercase) host.
pub fn site_name(host: &str) -> String {
    if let Some(name) = table_lookup(host) {
        return name.to_string();
    }
    readable_domain(host)
}

/// Table entry whose suffix matches `host` on a label boundary; the longest one wins.
pub fn table_lookup(host: &str) -> Option<&'static str> {
    SITES
        .iter()
        .filter(|(suffix, _)| {
            host == *suffix
                || host
                    .strip_suffix(suffix)
                    .is_some_and(|head| head.ends_with('.'))
        })
        .max_by_key(|(suffix, _)| suffix.len())
        .map(|&(_, name)| name)
}

/// The registrable domain of `host`: the label before the public suffix, with the suffix
/// ("example" from "www.example.co.uk"). IP addresses and single labels come back whole.
pub fn registrable_label(host: &str) -> &str {
    if host.starts_with('[') || host.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return host;
    }
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let n = labels.len();
    if n < 2 {
        return host;
    }
    let tld = labels.get(n - 1).copied().unwrap_or("");
    let second = labels.get(n - 2).copied().unwrap_or("");
    let country_second_level = tld.len() == 2 && SECOND_LEVEL.contains(&second) && n >= 3;
    let name = if country_second_level {
        labels.get(n - 3)
    } else {
        labels.get(n - 2)
    };
    name.copied().unwrap_or(host)
}

/// Readable name for an unknown host: the registrable label split into words and cased.
pub fn readable_domain(host: &str) -> String {
    let label = registrable_label(host);
    if label == host && (host.starts_with('[') || !host.contains('.')) {
        return host.to_string();
    }
    if label.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return host.to_string();
    }
    let words: Vec<String> = label
        .split(['-', '_'])
        .filter(|w| !w.is_empty())
        .flat_map(|w| split_fused(w).unwrap_or_else(|| vec![w.to_string()]))
        .collect();
    let cased: Vec<String> = words.iter().map(|w| case_word(w)).collect();
    if cased.is_empty() {
        return host.to_string();
    }
    cased.join(" ")
}

fn case_word(w: &str) -> String {
    if let Some(proper) = lexicon::proper(w) {
        return proper.to_string();
    }
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    let vowels = w.chars().filter(|c| "aeiouy".contains(*c)).count();
    // Short or vowel-less labels are initialisms ("npr", "wsj", "rte").
    if w.is_ascii() && letters > 0 && (w.len() <= 3 || vowels == 0) {
        return w.to_ascii_uppercase();
    }
    lexicon::capitalize(w)
}

/// Split a fused label into known words ("gulftoday" → ["gulf", "today"]), allowing a numeric
/// tail ("dubaieye1038"); `None` unless every letter is covered by known words.
fn split_fused(label: &str) -> Option<Vec<String>> {
    if !label.is_ascii() {
        return None;
    }
    let alpha_end = label
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(label.len());
    let (alpha, digits) = label.split_at(alpha_end);
    if !digits.chars().all(|c| c.is_ascii_digit()) || alpha.len() < 2 {
        return None;
    }
    // best[i]: fewest words covering alpha[..i], with the split that achieves it.
    let n = alpha.len();
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    if let Some(b) = best.get_mut(0) {
        *b = Some((0, 0));
    }
    for end in 1..=n {
        for start in 0..end {
            let Some(Some((count, _))) = best.get(start).copied() else {
                continue;
            };
            let piece = alpha.get(start..end).unwrap_or("");
            if !is_name_word(piece) {
                continue;
            }
            let better = match best.get(end).copied().flatten() {
                Some((c, _)) => count + 1 < c,
                None => true,
            };
            if better {
                if let Some(slot) = best.get_mut(end) {
                    *slot = Some((count + 1, start));
                }
            }
        }
    }
    let mut words = Vec::new();
    let mut end = n;
    while end > 0 {
        let (_, start) = best.get(end).copied().flatten()?;
        words.push(alpha.get(start..end)?.to_string());
        end = start;
    }
    words.reverse();
    if words.len() < 2 && digits.is_empty() {
        return None;
    }
    if !digits.is_empty() {
        words.push(digits.to_string());
    }
    Some(words)
}

fn is_name_word(piece: &str) -> bool {
    (piece.len() >= 2 && NAME_WORDS.contains(&piece))
        || (piece.len() >= 4 && lexicon::proper(piece).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_at_least_sixty_sites() {
        let mut names: Vec<&str> = SITES.iter().map(|(_, n)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert!(names.len() >= 60, "{} distinct sites", names.len());
    }

    #[test]
    fn names_hosts() {
        let cases = [
            ("www.bbc.co.uk", "BBC"),
            ("news.bbc.co.uk", "BBC"),
            ("notbbc.co.uk", "Notbbc"),
            ("english.alarabiya.net", "Al Arabiya English"),
            ("www.alarabiya.net", "Al Arabiya"),
            ("www.middle-east-online.com", "Middle East Online"),
            ("www.gulftoday.ae", "Gulf Today"),
            ("www.egyptindependent.com", "Egypt Independent"),
            ("blog.example.co.uk", "Example"),
            ("www.npr-like.org", "NPR Like"),
            ("www.abc.xyz", "ABC"),
            ("localhost", "localhost"),
            ("127.0.0.1", "127.0.0.1"),
            ("[::1]", "[::1]"),
            ("www.somepaper1234.com", "Somepaper1234"),
            ("www.energyintel.com", "Energy Intel"),
            ("co.uk", "CO"),
        ];
        for (host, want) in cases {
            assert_eq!(site_name(host), want, "{host}");
        }
    }
}
