//! Small word lists for rebuilding titles from URL slugs: proper names that a slug lowercases
//! (countries, big cities, nationalities, months, weekdays, holidays), generic acronyms, and
//! function words. Deliberately generic: no names of particular people or armed groups — those
//! come from the workspace's own entities.

/// Proper names and acronyms as they are written. Multi-word entries are matched as a whole.
#[rustfmt::skip]
pub const PROPER: &[&str] = &[
    // Countries and territories
    "Afghanistan", "Albania", "Algeria", "Angola", "Argentina", "Armenia", "Australia", "Austria", "Azerbaijan",
    "Bahrain", "Bangladesh", "Belarus", "Belgium", "Bolivia", "Bosnia", "Brazil", "Britain", "Bulgaria",
    "Burkina Faso", "Cambodia", "Cameroon", "Canada", "Chad", "Chile", "China", "Colombia", "Congo", "Croatia",
    "Cuba", "Cyprus", "Czechia", "Denmark", "Djibouti", "Ecuador", "Egypt", "England", "Eritrea", "Estonia",
    "Ethiopia", "Europe", "Finland", "France", "Gaza", "Georgia", "Germany", "Ghana", "Greece", "Guatemala",
    "Haiti", "Hong Kong", "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel",
    "Italy", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kosovo", "Kurdistan", "Kuwait", "Latvia", "Lebanon",
    "Libya", "Lithuania", "Malaysia", "Mali", "Mexico", "Moldova", "Morocco", "Mozambique", "Myanmar", "Nepal",
    "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Korea", "Norway", "Oman", "Pakistan",
    "Palestine", "Panama", "Peru", "Philippines", "Poland", "Portugal", "Qatar", "Romania", "Russia", "Rwanda",
    "Saudi Arabia", "Scotland", "Senegal", "Serbia", "Singapore", "Slovakia", "Somalia", "South Africa",
    "South Korea", "South Sudan", "Spain", "Sri Lanka", "Sudan", "Sweden", "Switzerland", "Syria", "Taiwan",
    "Tajikistan", "Tanzania", "Thailand", "Tunisia", "Turkey", "Türkiye", "Turkmenistan", "Uganda", "Ukraine",
    "United Arab Emirates", "United Kingdom", "United States", "Uruguay", "Uzbekistan", "Venezuela", "Vietnam",
    "Wales", "West Bank", "Yemen", "Zambia", "Zimbabwe", "Africa", "Asia", "America", "Americas", "Middle East",
    "Golan Heights", "Sahel", "Balkans", "Caucasus", "Levant", "Crimea", "Donbas", "Sinai", "Kashmir", "Tibet",
    "Xinjiang",
    // Big cities
    "Abu Dhabi", "Aleppo", "Amman", "Ankara", "Baghdad", "Beirut", "Berlin", "Brussels", "Cairo", "Damascus",
    "Doha", "Dubai", "Geneva", "Homs", "Idlib", "Islamabad", "Istanbul", "Jakarta", "Jeddah", "Jerusalem",
    "Kabul", "Karachi", "Kharkiv", "Khartoum", "Kyiv", "Lagos", "Latakia", "London", "Los Angeles", "Madrid",
    "Manila", "Mecca", "Moscow", "Mosul", "Mumbai", "Muscat", "Nairobi", "New Delhi", "Delhi", "New York",
    "Paris", "Beijing", "Shanghai", "Rome", "Riyadh", "Sanaa", "Seoul", "Sharjah", "Tehran", "Tel Aviv",
    "Tokyo", "Tripoli", "Tunis", "Vienna", "Warsaw", "Washington", "Hama", "Deir ez-Zor", "Raqqa", "Daraa",
    "Ramallah", "Rafah", "Khan Younis", "Erbil", "Basra", "Benghazi", "Sydney", "Toronto", "Chicago", "Lahore",
    "Dhaka", "Kolkata", "Bangkok", "Hanoi", "Taipei", "Johannesburg", "Addis Ababa", "Mogadishu", "Kinshasa",
    // Religion and calendar
    "God", "Allah", "Ramadan", "Eid", "Christmas", "Easter", "Hanukkah", "Passover", "Diwali", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "April", "June",
    "July", "August", "September", "October", "November", "December",
    // Generic acronyms
    "UN", "US", "UK", "EU", "UAE", "NATO", "IMF", "OPEC", "G7", "G20", "GCC", "CEO", "AI", "GDP", "PM", "MP",
    "MPs", "NGO", "NGOs", "IAEA", "ICC", "ICJ", "UNESCO", "UNICEF", "UNHCR", "UNRWA", "WFP", "OPCW", "UNSC",
    "ASEAN", "BRICS", "OECD", "WTO", "FIFA", "LNG", "COP28", "COP29", "FBI", "CIA", "NHS", "LGBT", "Covid",
];

/// Nationalities, peoples and faiths: a trailing "s" on these in a slug is a plural
/// ("syrians" → "Syrians"), not a possessive.
#[rustfmt::skip]
pub const NATIONALITIES: &[&str] = &[
    "Afghan", "African", "Algerian", "American", "Arab", "Arabic", "Asian", "Australian", "Bahraini", "British",
    "Canadian", "Chinese", "Egyptian", "Emirati", "English", "European", "French", "German", "Greek", "Indian",
    "Iranian", "Iraqi", "Irish", "Israeli", "Italian", "Japanese", "Jordanian", "Kurd", "Kurdish", "Kuwaiti",
    "Lebanese", "Libyan", "Moroccan", "Omani", "Pakistani", "Palestinian", "Persian", "Qatari", "Russian",
    "Saudi", "Spanish", "Sudanese", "Syrian", "Turkish", "Ukrainian", "Yemeni", "Alawite", "Druze", "Sunni",
    "Shia", "Shiite", "Muslim", "Christian", "Jewish", "Islamic", "Islam", "Western", "Gulf", "Jew", "Turk",
    "Somali",
];

/// Lowercase function words (English, plus the commonest French, Spanish and German ones
/// seen in European slugs): never capitalised except as a title's first word, and never
/// taken for a name.
#[rustfmt::skip]
pub const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from", "by", "with",
    "as", "into", "onto", "over", "under", "after", "before", "about", "against", "amid", "among", "between",
    "during", "since", "until", "via", "per", "than", "is", "are", "was", "were", "be", "been", "being", "has",
    "have", "had", "do", "does", "did", "it", "its", "this", "that", "these", "those", "he", "she", "they",
    "we", "you", "his", "her", "their", "our", "your", "who", "what", "why", "how", "when", "where", "which",
    "not", "no", "new", "says", "say", "said", "will", "can", "could", "would", "may", "might", "must",
    "should", "up", "out", "off", "down", "back", "more", "most", "all", "some", "le", "la", "les", "de", "des",
    "du", "et", "une", "en", "dans", "pour", "sur", "aux", "au", "est", "el", "los", "las", "del", "y", "con",
    "por", "una", "der", "die", "das", "und", "mit", "von", "im",
];

/// Ordinary words that organisations and places put in their names ("Salvation Government",
/// "Organisation for the Prohibition of Chemical Weapons"). Found alone in a slug they are
/// ordinary words, so a workspace name only re-cases them when the slug spells the whole name.
#[rustfmt::skip]
pub const COMMON_NAME_WORDS: &[&str] = &[
    "government", "council", "front", "organisation", "organization", "ministry", "party", "army", "forces",
    "force", "authority", "national", "united", "nations", "states", "union", "committee", "commission",
    "court", "bank", "agency", "group", "movement", "weapons", "chemical", "security", "defence", "defense",
    "foreign", "affairs", "international", "world", "health", "news", "times", "post", "people", "republic",
    "democratic", "state", "centre", "center", "institute", "university", "association", "federation", "league",
    "company", "corporation", "press", "office", "house", "department", "service", "services", "guard",
    "guards", "revolutionary", "liberation", "resistance", "coalition", "alliance", "brigade", "brigades",
    "salvation", "prohibition", "general", "supreme", "high", "military", "police", "energy", "oil",
    "petroleum", "airways", "airlines", "north", "south", "east", "west", "central", "city", "river", "sea",
    "gulf", "islands", "island", "port", "square", "street", "prison", "airport", "hospital", "mosque",
    "church", "palace", "bridge", "media", "network", "television", "radio", "assembly",
    "parliament", "cabinet", "presidency", "embassy", "mission", "fund", "programme", "program", "relief",
    "red", "cross", "crescent", "human", "rights", "watch", "amnesty", "free", "liberal", "conservative",
    "labour", "labor", "green", "greens", "unity", "justice", "development", "reform", "progress", "peace",
    "sunday", "daily", "minister", "president", "king", "prince", "emir", "sheikh",
];

/// Tokens that mark a French, Spanish or German slug, where "un" is an article, not the UN.
#[rustfmt::skip]
const NON_ENGLISH_MARKERS: &[&str] = &[
    "le", "la", "les", "des", "du", "une", "dans", "pour", "sur", "aux", "est", "avec", "apres", "selon", "los",
    "las", "del", "por", "und", "der", "die", "das",
];

/// Every lexicon entry: proper names, then nationalities.
pub fn all_proper() -> impl Iterator<Item = &'static str> {
    PROPER.iter().chain(NATIONALITIES).copied()
}

/// The proper spelling of a single lowercase word, if the lexicon knows it.
pub fn proper(word: &str) -> Option<&'static str> {
    // Compared char by char: this runs for every substring when splitting fused domains.
    all_proper()
        .find(|p| !p.contains(' ') && p.chars().flat_map(char::to_lowercase).eq(word.chars()))
}

/// Whether a name is a nationality or people (its "s" form is a plural). Workspace names
/// not in the list count when they end like demonyms do ("-ian").
pub fn is_nationality(name: &str) -> bool {
    NATIONALITIES.iter().any(|n| n.eq_ignore_ascii_case(name))
        || name.to_lowercase().ends_with("ian")
}

pub fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.contains(&word)
}

pub fn is_common_name_word(word: &str) -> bool {
    COMMON_NAME_WORDS.contains(&word)
}

/// Whether a slug's lowercase tokens look like a French, Spanish or German slug.
pub fn looks_non_english(tokens: &[String]) -> bool {
    tokens
        .iter()
        .filter(|t| NON_ENGLISH_MARKERS.contains(&t.as_str()))
        .count()
        >= 1
}

/// First letter upper-cased, the rest unchanged.
pub fn capitalize(w: &str) -> String {
    let mut chars = w.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(proper("syria"), Some("Syria"));
        assert_eq!(proper("pm"), Some("PM"));
        assert_eq!(proper("türkiye"), Some("Türkiye"));
        assert_eq!(
            proper("may"),
            None,
            "ambiguous months stay out of the lexicon"
        );
        assert_eq!(proper("york"), None, "multi-word entries only match whole");
        assert!(is_function_word("the"));
        assert_eq!(capitalize("élan"), "Élan");
    }

    #[test]
    fn word_lists_have_no_duplicates() {
        for list in [
            COMMON_NAME_WORDS,
            FUNCTION_WORDS,
            NATIONALITIES,
            NON_ENGLISH_MARKERS,
        ] {
            let mut seen = std::collections::HashSet::new();
            for w in list {
                assert!(seen.insert(w), "duplicate {w}");
            }
        }
    }

    #[test]
    fn lexicon_has_no_duplicates_or_function_words() {
        let mut seen = std::collections::HashSet::new();
        for p in all_proper() {
            assert!(seen.insert(p.to_lowercase()), "duplicate {p}");
            assert!(
                !is_function_word(&p.to_lowercase()),
                "{p} is also a function word"
            );
        }
    }
}
