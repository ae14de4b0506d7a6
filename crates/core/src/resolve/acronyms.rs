//! Acronyms: a small lexicon of well-known ones, definitions stated in the text
//! ("Hayat Tahrir al-Sham (HTS)", "Islamic State [ISIS]"), and letter matching against names.
//!
//! The lexicon maps every listed form to one canonical expansion, so "US", "U.S.", "USA" and
//! "United States" get the same key without any further rule.

use super::names::{acronym_letters, initials, is_acronym};
use super::words::Word;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// Groups of forms naming one well-known entity; the first is the canonical name.
const LEXICON: &[&[&str]] = &[
    &[
        "United States",
        "US",
        "USA",
        "United States of America",
        "America",
    ],
    &["United Nations", "UN"],
    &["European Union", "EU"],
    &[
        "Islamic State",
        "IS",
        "ISIS",
        "ISIL",
        "Daesh",
        "Islamic State of Iraq and Syria",
        "Islamic State of Iraq and the Levant",
        "Islamic State in Iraq and Syria",
    ],
    &[
        "North Atlantic Treaty Organization",
        "NATO",
        "North Atlantic Treaty Organisation",
        "Nato",
    ],
    &["United Kingdom", "UK", "Britain", "Great Britain"],
    &["United Arab Emirates", "UAE"],
    &["African Union", "AU"],
    &["International Monetary Fund", "IMF"],
    &["International Criminal Court", "ICC"],
    &[
        "World Health Organization",
        "WHO",
        "World Health Organisation",
    ],
    &["Soviet Union", "USSR"],
    &["Russia", "Russian Federation"],
    &[
        "Democratic Republic of Congo",
        "DRC",
        "DR Congo",
        "Democratic Republic of the Congo",
    ],
    &["Kurdistan Workers' Party", "PKK"],
    &["Syrian Democratic Forces", "SDF"],
    &[
        "Islamic Revolutionary Guard Corps",
        "IRGC",
        "Revolutionary Guards",
    ],
    &["Organization of the Petroleum Exporting Countries", "OPEC"],
    &["Federal Bureau of Investigation", "FBI"],
    &["Central Intelligence Agency", "CIA"],
];

/// Whether a canonical lexicon name is a country.
pub fn is_country(canonical: &str) -> bool {
    matches!(
        canonical,
        "United States"
            | "United Kingdom"
            | "United Arab Emirates"
            | "Russia"
            | "Soviet Union"
            | "Democratic Republic of Congo"
    )
}

/// Normalise a form for lexicon lookup: letters and digits only, lowercase.
fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase),
    );
    out
}

/// The canonical name of a well-known form, if listed. Acronym forms must be written in
/// capitals ("US", not "us"); "U.S." matches "US".
pub fn lexicon_name(surface: &str) -> Option<&'static str> {
    let (acr, names) = lexicon_index();
    if is_acronym(surface) {
        if let Some(c) = acr.get(&acronym_letters(surface)) {
            return Some(c);
        }
    }
    names.get(&squash(surface)).copied()
}

/// A lookup from a normalised form to a canonical lexicon name.
type Table = HashMap<String, &'static str>;

/// The lexicon as two lookup tables, built once: acronym letters → canonical name, and
/// squashed full forms → canonical name.
fn lexicon_index() -> &'static (Table, Table) {
    static INDEX: OnceLock<(Table, Table)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut acr = HashMap::default();
        let mut names = HashMap::default();
        for row in LEXICON {
            let Some(&canonical) = row.first() else {
                continue;
            };
            for form in row.iter() {
                if is_acronym(form) {
                    acr.entry(acronym_letters(form)).or_insert(canonical);
                } else {
                    names.entry(squash(form)).or_insert(canonical);
                }
            }
        }
        (acr, names)
    })
}

/// An acronym defined in the text: the long form's span and the acronym's, as word ranges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    pub acronym: String,
    /// Word index range of the long form.
    pub long: std::ops::Range<usize>,
    /// Word index of the acronym.
    pub short: usize,
    /// Whether the letters spell the long form; a group's acronym in another language
    /// ("National Rally (RN)") does not, and is trusted only for groups.
    pub spelled: bool,
}

/// Whether `acr` could abbreviate `long`: its letters are the initials of the long form, or
/// at least its first letter matches and its letters appear in order in the long form.
pub fn plausible(acr: &str, long: &str) -> bool {
    let letters = acronym_letters(acr);
    if initials(long).contains(&letters) {
        return true;
    }
    let upper: String = long.chars().flat_map(char::to_uppercase).collect();
    let mut rest = upper.as_str();
    let mut first = true;
    for l in letters.chars() {
        if first && !upper.starts_with(l) {
            return false;
        }
        first = false;
        match rest.find(l) {
            Some(p) => rest = rest.get(p + l.len_utf8()..).unwrap_or(""),
            None => return false,
        }
    }
    !letters.is_empty()
}

/// Acronym definitions "Long Name (ACR)" / "Long Name [ACR]" where the long name is one of
/// the given mention word ranges and directly precedes the bracket; see `spelled`.
pub fn definitions(words: &[Word], mention_words: &[std::ops::Range<usize>]) -> Vec<Definition> {
    let mut out = Vec::new();
    for r in mention_words {
        let open = r.end;
        let (Some(o), Some(a), Some(c)) =
            (words.get(open), words.get(open + 1), words.get(open + 2))
        else {
            continue;
        };
        if !matches!(o.text, "(" | "[") || !matches!(c.text, ")" | "]") || !is_acronym(a.text) {
            continue;
        }
        let long: String = words
            .get(r.clone())
            .unwrap_or(&[])
            .iter()
            .map(|w| w.text)
            .collect::<Vec<_>>()
            .join(" ");
        out.push(Definition {
            acronym: acronym_letters(a.text),
            long: r.clone(),
            short: open + 1,
            spelled: plausible(a.text, &long),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_forms() {
        let cases = [
            ("U.S.", Some("United States")),
            ("US", Some("United States")),
            ("United States", Some("United States")),
            ("us", None),
            ("ISIL", Some("Islamic State")),
            ("Islamic State", Some("Islamic State")),
            ("Al Qaeda", None),
            ("Nato", Some("North Atlantic Treaty Organization")),
        ];
        for (s, want) in cases {
            assert_eq!(lexicon_name(s), want, "{s}");
        }
    }

    #[test]
    fn plausible_acronyms() {
        assert!(plausible("HTS", "Hayat Tahrir al-Sham"));
        assert!(plausible("ISIS", "Islamic State"));
        assert!(!plausible("SDF", "Hayat Tahrir al-Sham"));
    }
}
