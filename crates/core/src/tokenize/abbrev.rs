//! Abbreviations that keep their period (`Mr.`, `Jan.`, `Inc.`), by how they behave at a
//! sentence boundary. Words with an inner dot (`U.S.`, `e.g.`) are recognised by shape in the
//! scanner and need no entry here.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Introduces a name or number (`Mr.`, `Gen.`, `St.`, `vs.`): a sentence never ends on it.
    Title,
    /// May end a sentence (`Inc.`, `Jr.`, `etc.`, month names).
    End,
    /// `No.`: an abbreviation only before a number.
    Number,
    None,
}

/// Case-sensitive: "Mr" and "MR" are titles, "mr" is not worth guessing.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt", "Cpl",
    "Pvt", "Adm", "Cmdr", "Cdr", "Brig", "Gov", "Sen", "Rep", "Reps", "Sens", "Rev", "Hon", "Pres",
    "Supt", "Insp", "Det", "St", "Ste", "Mt", "Ft", "Messrs", "Mme", "Mlle", "Fr", "Fig", "Figs",
    "Vol", "Vols", "pp", "vs", "v", "cf", "approx", "ca", "est", "al", "MR", "MRS", "MS", "DR",
    "GEN", "Nos",
];

const ENDS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Inc",
    "Ltd", "Co", "Corp", "Cos", "Bros", "Plc", "Jr", "Sr", "Dept", "Univ", "Assn", "Ave", "Blvd",
    "Rd", "Sq", "etc", "Etc", "Govt", "Intl",
    // US states, as wire copy abbreviates them.
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky",
    "La", "Md", "Mass", "Mich", "Minn", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn",
    "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
];

pub(crate) fn lookup(word: &str) -> Abbrev {
    // Every entry is at most 6 bytes: skip the scan for longer words.
    if word.len() > 6 {
        return Abbrev::None;
    }
    if word == "No" || word == "no" || word == "NO" {
        return Abbrev::Number;
    }
    if TITLES.contains(&word) {
        Abbrev::Title
    } else if ENDS.contains(&word) {
        Abbrev::End
    } else {
        Abbrev::None
    }
}

/// Capitalised words that usually open a sentence: after an abbreviation that may end one
/// (`U.S.`, `Inc.`), a following word from this list means the sentence did end there.
const STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "In",
    "On",
    "At",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "As",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Some",
    "Many",
    "Most",
    "Meanwhile",
    "However",
    "Also",
    "For",
    "From",
    "With",
    "Under",
    "Since",
    "Despite",
    "Officials",
    "Both",
    "Each",
    "Neither",
    "Nor",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Asked",
];

pub(crate) fn is_sentence_starter(word: &str) -> bool {
    STARTERS.contains(&word)
}
