//! Resolve: hand-made mentions over hand-written texts, so the tests do not depend on the
//! NER model. Each case lists which surface forms must share an entity and which must not.

mod marks;

use gloss_core::ner::Mention;
use gloss_core::resolve::{resolve, DocMentions, Resolution};
use gloss_core::tokenize::{tokenize, Tokenized};
use gloss_core::Label;
use marks::{find, mentions, paragraphs};

/// A document with mentions given as (substring, occurrence, label).
struct Doc {
    text: String,
    tok: Tokenized,
    mentions: Vec<Mention>,
}

fn doc(text: &str, marks: &[(&str, usize, Label)]) -> Doc {
    Doc {
        text: text.to_string(),
        tok: tokenize(text, &paragraphs(text)),
        mentions: mentions(text, marks),
    }
}

fn run(docs: &[Doc]) -> Resolution {
    let views: Vec<DocMentions> = docs
        .iter()
        .map(|d| DocMentions {
            text: &d.text,
            tok: &d.tok,
            mentions: &d.mentions,
        })
        .collect();
    resolve(&views)
}

/// Entity index of the `nth` occurrence of `needle` among the mentions of document `d`.
fn entity(docs: &[Doc], res: &Resolution, d: usize, needle: &str, nth: usize) -> usize {
    let doc = &docs[d];
    let span = find(&doc.text, needle, nth);
    let mi = doc
        .mentions
        .iter()
        .position(|m| m.span == span)
        .unwrap_or_else(|| panic!("{needle:?} is not a mention"));
    res.entity_of[d][mi]
}

use Label::{Loc, Misc, Org, Per};

/// (documents with marks, pairs that must be one entity, pairs that must not)
type Case<'a> = (
    &'a [(&'a str, &'a [(&'a str, usize, Label)])],
    &'a [((usize, &'a str, usize), (usize, &'a str, usize))],
    &'a [((usize, &'a str, usize), (usize, &'a str, usize))],
);

#[test]
fn resolution_table() {
    let cases: &[Case] = &[
        // Transliteration variants and surname-only mentions.
        (
            &[(
                "Ahmed al-Sharaa met envoys in Damascus. Al Shara said the talks went well. Mr Sharaa later left.",
                &[("Ahmed al-Sharaa", 0, Per), ("Damascus", 0, Loc), ("Al Shara", 0, Per), ("Mr Sharaa", 0, Per)],
            )],
            &[((0, "Ahmed al-Sharaa", 0), (0, "Al Shara", 0)), ((0, "Ahmed al-Sharaa", 0), (0, "Mr Sharaa", 0))],
            &[((0, "Ahmed al-Sharaa", 0), (0, "Damascus", 0))],
        ),
        // Father and son: never merged; a later surname goes to the salient son.
        (
            &[(
                "Bashar al-Assad fled the capital. The rule of Mr Assad and his late father Hafez al-Assad lasted decades. The Assad family left.",
                &[("Bashar al-Assad", 0, Per), ("Mr Assad", 0, Per), ("Hafez al-Assad", 0, Per), ("Assad", 3, Per)],
            )],
            &[((0, "Bashar al-Assad", 0), (0, "Mr Assad", 0)), ((0, "Bashar al-Assad", 0), (0, "Assad", 3))],
            &[((0, "Bashar al-Assad", 0), (0, "Hafez al-Assad", 0))],
        ),
        // Two people sharing a particle and family name, different given names.
        (
            &[(
                "Mohammed Al Bashir and Omar Al Bashir are not related.",
                &[("Mohammed Al Bashir", 0, Per), ("Omar Al Bashir", 0, Per)],
            )],
            &[],
            &[((0, "Mohammed Al Bashir", 0), (0, "Omar Al Bashir", 0))],
        ),
        // Acronym defined in the text, spelling variants across two documents.
        (
            &[
                (
                    "Hayat Tahrir al-Sham (HTS) took the city. HTS fighters patrolled.",
                    &[("Hayat Tahrir al-Sham", 0, Org), ("HTS", 0, Org), ("HTS", 1, Org)],
                ),
                ("Hayat Tahrir Al Sham leaders met. HTS denied it.", &[("Hayat Tahrir Al Sham", 0, Org), ("HTS", 0, Org)]),
            ],
            &[((0, "Hayat Tahrir al-Sham", 0), (0, "HTS", 1)), ((0, "Hayat Tahrir al-Sham", 0), (1, "Hayat Tahrir Al Sham", 0)), ((0, "HTS", 0), (1, "HTS", 0))],
            &[],
        ),
        // Acronym whose letters match a workspace name, with no definition.
        (
            &[(
                "The Syrian Democratic Forces said the SDF would hold the dam.",
                &[("Syrian Democratic Forces", 0, Org), ("SDF", 0, Org)],
            )],
            &[((0, "Syrian Democratic Forces", 0), (0, "SDF", 0))],
            &[],
        ),
        // Lexicon acronyms; groups sharing a word stay apart.
        (
            &[(
                "The U.S. and the United Nations met. The US envoy spoke at the UN. Islamic State and Al Qaeda are rivals; ISIS denied it. The Islamic Republic objected.",
                &[("U.S.", 0, Loc), ("United Nations", 0, Org), ("US", 0, Loc), ("UN", 0, Org), ("Islamic State", 0, Org), ("Al Qaeda", 0, Org), ("ISIS", 0, Org), ("Islamic Republic", 0, Loc)],
            )],
            &[((0, "U.S.", 0), (0, "US", 0)), ((0, "United Nations", 0), (0, "UN", 0)), ((0, "Islamic State", 0), (0, "ISIS", 0))],
            &[((0, "Islamic State", 0), (0, "Al Qaeda", 0)), ((0, "Islamic State", 0), (0, "Islamic Republic", 0)), ((0, "U.S.", 0), (0, "UN", 0))],
        ),
        // A nom de guerre stated in the text, then used alone in another document.
        (
            &[
                (
                    "The group's leader Ahmad Al Shara, formerly known by the nom de guerre Abu Mohammed Al Jawlani, spoke.",
                    &[("Ahmad Al Shara", 0, Per), ("Abu Mohammed Al Jawlani", 0, Per)],
                ),
                ("Abu Mohammad al-Jolani addressed the crowd. Jolani smiled.", &[("Abu Mohammad al-Jolani", 0, Per), ("Jolani", 1, Per)]),
            ],
            &[((0, "Ahmad Al Shara", 0), (0, "Abu Mohammed Al Jawlani", 0)), ((0, "Ahmad Al Shara", 0), (1, "Abu Mohammad al-Jolani", 0)), ((0, "Ahmad Al Shara", 0), (1, "Jolani", 1))],
            &[],
        ),
        // Formerly known as, for a group; titles do not split a person.
        (
            &[(
                "Jabhat Fateh al-Sham, formerly known as the Nusra Front, regrouped. President Joe Biden said Joe Biden would act; Biden declined.",
                &[("Jabhat Fateh al-Sham", 0, Org), ("Nusra Front", 0, Org), ("President Joe Biden", 0, Per), ("Joe Biden", 1, Per), ("Biden", 2, Per)],
            )],
            &[((0, "Jabhat Fateh al-Sham", 0), (0, "Nusra Front", 0)), ((0, "President Joe Biden", 0), (0, "Joe Biden", 1)), ((0, "President Joe Biden", 0), (0, "Biden", 2))],
            &[],
        ),
        // Label conflicts join under the majority label.
        (
            &[(
                "Qatar hosted talks. Qatar said it would help. Officials in Qatar agreed.",
                &[("Qatar", 0, Loc), ("Qatar", 1, Org), ("Qatar", 2, Loc)],
            )],
            &[((0, "Qatar", 0), (0, "Qatar", 1)), ((0, "Qatar", 0), (0, "Qatar", 2))],
            &[],
        ),
    ];
    let mut failures = Vec::new();
    for (ci, (docs, same, differ)) in cases.iter().enumerate() {
        let built: Vec<Doc> = docs.iter().map(|(t, m)| doc(t, m)).collect();
        let res = run(&built);
        for ((da, a, na), (db, b, nb)) in same.iter() {
            if entity(&built, &res, *da, a, *na) != entity(&built, &res, *db, b, *nb) {
                failures.push(format!("case {ci}: {a:?} and {b:?} should be one entity"));
            }
        }
        for ((da, a, na), (db, b, nb)) in differ.iter() {
            if entity(&built, &res, *da, a, *na) == entity(&built, &res, *db, b, *nb) {
                failures.push(format!("case {ci}: {a:?} and {b:?} must stay apart"));
            }
        }
        let mentions: usize = built.iter().map(|d| d.mentions.len()).sum();
        let mapped: usize = res.entity_of.iter().map(Vec::len).sum();
        assert_eq!(mentions, mapped, "case {ci}: one entity per mention");
        for of in &res.entity_of {
            assert!(
                of.iter().all(|&e| e < res.entities.len()),
                "case {ci}: entity index in range"
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn names_roles_and_labels() {
    let d = doc(
        "US President Joe Biden spoke. Qatar hosted talks. Qatar said so. Officials in Qatar agreed. Mohammed Al-Khulaifi, Minister of State at Qatar's foreign ministry, said more.",
        &[("US", 0, Loc), ("Joe Biden", 0, Per), ("Qatar", 0, Loc), ("Qatar", 1, Org), ("Qatar", 2, Loc), ("Mohammed Al-Khulaifi", 0, Per), ("Qatar", 3, Loc)],
    );
    let docs = [d];
    let res = run(&docs);
    let biden = &res.entities[entity(&docs, &res, 0, "Joe Biden", 0)];
    assert_eq!(biden.name, "Joe Biden");
    assert!(
        biden.roles.iter().any(|r| r.contains("President")),
        "{:?}",
        biden.roles
    );
    let qatar = &res.entities[entity(&docs, &res, 0, "Qatar", 1)];
    assert_eq!(qatar.label, Label::Loc);
    let k = &res.entities[entity(&docs, &res, 0, "Mohammed Al-Khulaifi", 0)];
    assert!(
        k.roles.iter().any(|r| r == "Minister of State"),
        "{:?}",
        k.roles
    );
}

#[test]
fn fullest_name_and_aliases() {
    let d = doc(
        "Hayat Tahrir al-Sham (HTS) advanced. HTS said. Mr Al Bashir, named by HTS, met Mohamed al-Bashir's aides.",
        &[
            ("Hayat Tahrir al-Sham", 0, Org),
            ("HTS", 0, Org),
            ("HTS", 1, Org),
            ("HTS", 2, Org),
            ("Mr Al Bashir", 0, Per),
            ("Mohamed al-Bashir", 0, Per),
        ],
    );
    let docs = [d];
    let res = run(&docs);
    let hts = &res.entities[entity(&docs, &res, 0, "HTS", 1)];
    assert_eq!(hts.name, "Hayat Tahrir al-Sham");
    assert_eq!(
        hts.aliases,
        vec!["Hayat Tahrir al-Sham".to_string(), "HTS".to_string()]
    );
    let b = entity(&docs, &res, 0, "Mr Al Bashir", 0);
    assert_eq!(
        b,
        entity(&docs, &res, 0, "Mohamed al-Bashir", 0),
        "a lone surname before the full name joins it"
    );
    assert_eq!(res.entities[b].name, "Mohamed al-Bashir");
    let _ = Misc;
}

/// (text, marks, pairs that must share an entity, pairs that must not), one document each.
type PairCase<'a> = (
    &'a str,
    &'a [(&'a str, usize, Label)],
    &'a [(&'a str, &'a str)],
    &'a [(&'a str, &'a str)],
);

#[test]
fn more_resolution_cases() {
    let cases: &[PairCase] = &[
        // An acronym in the group's own language; a dateline agency is not a definition.
        (
            "The National Rally (RN) won. RN leaders met. PARIS (AFP) said so. AFP added more.",
            &[("National Rally", 0, Org), ("RN", 0, Org), ("RN", 1, Org), ("PARIS", 0, Loc), ("AFP", 0, Org), ("AFP", 1, Org)],
            &[("National Rally", "RN")],
            &[("PARIS", "AFP")],
        ),
        // A person's bracketed acronym must spell the name.
        ("John Smith (RN) spoke. RN agreed.", &[("John Smith", 0, Per), ("RN", 0, Org), ("RN", 1, Org)], &[], &[("John Smith", "RN")]),
        // A nationality before a group name; two nationalities keep the bare name apart.
        (
            "Palestinian Islamic Jihad fired rockets. Islamic Jihad said it would stop.",
            &[("Palestinian Islamic Jihad", 0, Org), ("Islamic Jihad", 1, Org)],
            &[("Palestinian Islamic Jihad", "Islamic Jihad")],
            &[],
        ),
        (
            "The Afghan Taliban and the Pakistani Taliban differ. The Taliban government denied it.",
            &[("Afghan Taliban", 0, Org), ("Pakistani Taliban", 0, Org), ("Taliban", 2, Org)],
            &[],
            &[("Afghan Taliban", "Pakistani Taliban"), ("Afghan Taliban", "Taliban"), ("Pakistani Taliban", "Taliban")],
        ),
        // Generic last words; "Group" alone does not make two groups one.
        (
            "The Wagner Group left. Wagner fighters stayed. The Lazarus Group hacked banks.",
            &[("Wagner Group", 0, Org), ("Wagner", 1, Org), ("Lazarus Group", 0, Org)],
            &[("Wagner Group", "Wagner")],
            &[("Wagner Group", "Lazarus Group")],
        ),
        // All-caps dateline and the same place written normally.
        ("KYIV, Nov 18 - Air raid sirens sounded in Kyiv.", &[("KYIV", 0, Loc), ("Kyiv", 0, Loc)], &[("KYIV", "Kyiv")], &[]),
        // Family name first: "Mr Xi" is Xi Jinping; "bin Salman" is not "Salman".
        (
            "Xi Jinping met Li Qiang. Mr Xi spoke first. Khalid bin Salman, a son of King Salman, arrived; Prince Khalid smiled.",
            &[("Xi Jinping", 0, Per), ("Li Qiang", 0, Per), ("Mr Xi", 0, Per), ("Khalid bin Salman", 0, Per), ("King Salman", 0, Per), ("Prince Khalid", 0, Per)],
            &[("Xi Jinping", "Mr Xi"), ("Khalid bin Salman", "Prince Khalid")],
            &[("Khalid bin Salman", "King Salman"), ("Li Qiang", "Mr Xi")],
        ),
        // A relative introduced second does not take the surname from the main subject.
        (
            "Prime Minister Shehbaz Sharif, whose elder brother Nawaz Sharif served three terms, leads the government. Nawaz Sharif heads the party. Mr Sharif met the army chief.",
            &[("Shehbaz Sharif", 0, Per), ("Nawaz Sharif", 0, Per), ("Nawaz Sharif", 1, Per), ("Mr Sharif", 0, Per)],
            &[("Shehbaz Sharif", "Mr Sharif")],
            &[("Shehbaz Sharif", "Nawaz Sharif")],
        ),
        // "the Houthis" is a group, not the surname of Abdulmalik al-Houthi.
        (
            "Abdulmalik al-Houthi spoke. The Houthis fired missiles.",
            &[("Abdulmalik al-Houthi", 0, Per), ("Houthis", 0, Per)],
            &[],
            &[("Abdulmalik al-Houthi", "Houthis")],
        ),
        // Democrats / Democrat / Democratic as one group adjective.
        ("Democrats objected. A Democrat spoke. Democratic leaders met.", &[("Democrats", 0, Misc), ("Democrat", 1, Misc), ("Democratic", 0, Misc)], &[("Democrats", "Democrat"), ("Democrats", "Democratic")], &[]),
    ];
    let mut failures = Vec::new();
    for (text, marks, same, differ) in cases {
        let built = [doc(text, marks)];
        let res = run(&built);
        let of = |s: &str| {
            let (needle, nth) = marks
                .iter()
                .find(|m| m.0 == s)
                .map(|m| (m.0, m.1))
                .unwrap_or((s, 0));
            entity(&built, &res, 0, needle, nth)
        };
        for (a, b) in same.iter() {
            if of(a) != of(b) {
                failures.push(format!("{text:?}: {a} and {b} should be one entity"));
            }
        }
        for (a, b) in differ.iter() {
            if of(a) == of(b) {
                failures.push(format!("{text:?}: {a} and {b} must stay apart"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A name the recognizer cut in two ("Majed" + "Al Ansari") resolves as the whole name, so a
/// later "Mr Al Ansari" joins it; a nationality before a name is not cut-off given name.
#[test]
fn names_cut_in_two_are_read_whole() {
    let d = doc(
        "Majed Al Ansari spoke. Bashar al-Assad fled. Mr Al Ansari said more. Russian Vladimir Putin listened.",
        &[
            ("Majed", 0, Per),
            ("Al Ansari", 0, Per),
            ("Bashar", 0, Loc),
            ("al-Assad", 0, Per),
            ("Mr Al Ansari", 0, Per),
            ("Russian", 0, Misc),
            ("Vladimir Putin", 0, Per),
        ],
    );
    let docs = [d];
    let res = run(&docs);
    let e = |s: &str| entity(&docs, &res, 0, s, 0);
    assert_eq!(e("Majed"), e("Al Ansari"));
    assert_eq!(e("Majed"), e("Mr Al Ansari"));
    assert_eq!(res.entities[e("Majed")].name, "Majed Al Ansari");
    assert_eq!(e("Bashar"), e("al-Assad"));
    assert_eq!(res.entities[e("al-Assad")].label, Label::Per);
    assert_ne!(e("Russian"), e("Vladimir Putin"));
}

/// Quoted nicknames inside names, and a person named by their last two names.
#[test]
fn nicknames_and_double_surnames() {
    let d = doc(
        "Joaquin Guzman Lopez, a son of Joaquin \"El Chapo\" Guzman, left. Guzman Lopez and his brother Ovidio Guzman stayed. El Chapo is in jail.",
        &[
            ("Joaquin Guzman Lopez", 0, Per),
            ("Joaquin \"El Chapo\" Guzman", 0, Per),
            ("Guzman Lopez", 1, Per),
            ("Ovidio Guzman", 0, Per),
            ("El Chapo", 1, Per),
        ],
    );
    let docs = [d];
    let res = run(&docs);
    let e = |s: &str, n: usize| entity(&docs, &res, 0, s, n);
    assert_eq!(e("Joaquin Guzman Lopez", 0), e("Guzman Lopez", 1));
    assert_eq!(e("Joaquin \"El Chapo\" Guzman", 0), e("El Chapo", 1));
    assert_ne!(
        e("Joaquin Guzman Lopez", 0),
        e("Joaquin \"El Chapo\" Guzman", 0)
    );
    assert_ne!(e("Ovidio Guzman", 0), e("Joaquin \"El Chapo\" Guzman", 0));
    assert_eq!(
        res.entities[e("El Chapo", 1)].name,
        "Joaquin \"El Chapo\" Guzman"
    );
}

/// A person's full name the recognizer labelled otherwise joins its surname mentions, and the
/// entity takes one label by vote (PER favoured for a person-shaped name); a relative with the
/// same surname stays apart, and place names of the same shape stay places.
#[test]
fn cross_label_names_vote_one_label() {
    // (text, marks, pairs that must share an entity, pairs that must not, (mention, label))
    type LabelCase<'a> = (
        &'a str,
        &'a [(&'a str, usize, Label)],
        &'a [((&'a str, usize), (&'a str, usize))],
        &'a [((&'a str, usize), (&'a str, usize))],
        (&'a str, usize, Label),
    );
    let cases: &[LabelCase] = &[
        (
            "Protesters toppled Karim el-Haddad in March. Haddad fled abroad within days.",
            &[("Karim el-Haddad", 0, Loc), ("March", 0, Misc), ("Haddad", 1, Per)],
            &[(("Karim el-Haddad", 0), ("Haddad", 1))],
            &[(("Karim el-Haddad", 0), ("March", 0))],
            ("Karim el-Haddad", 0, Per),
        ),
        (
            "Crowds cheered the fall of Samir al-Khatib. His late father Nabil al-Khatib ruled before him. Mr Al Khatib has not been seen since.",
            &[("Samir al-Khatib", 0, Loc), ("Nabil al-Khatib", 0, Per), ("Mr Al Khatib", 0, Per)],
            &[(("Samir al-Khatib", 0), ("Mr Al Khatib", 0))],
            &[(("Samir al-Khatib", 0), ("Nabil al-Khatib", 0))],
            ("Samir al-Khatib", 0, Per),
        ),
        (
            "Aid trucks crossed at Bab al-Salam on Friday. Officials at Bab al-Salam counted them.",
            &[("Bab al-Salam", 0, Loc), ("Bab al-Salam", 1, Loc)],
            &[(("Bab al-Salam", 0), ("Bab al-Salam", 1))],
            &[],
            ("Bab al-Salam", 1, Loc),
        ),
        (
            // A particle surname the recognizer called MISC is the person who carries it; a
            // particle name nobody carries ("Al Arabiya") stays apart.
            "Envoy Salem al-Harthy opened the talks. \"We will stay,\" al-Harthy told Al Arabiya.",
            &[("Salem al-Harthy", 0, Per), ("al-Harthy", 1, Misc), ("Al Arabiya", 0, Org)],
            &[(("Salem al-Harthy", 0), ("al-Harthy", 1))],
            &[(("al-Harthy", 1), ("Al Arabiya", 0))],
            ("al-Harthy", 1, Per),
        ),
        (
            // A lone given name is not the family name of a particle name ("Mr Xi" reading).
            "Tariq Al-Mansouri spoke first. Later Yusuf Al Hamdan met Tariq's envoy, and Tariq said no.",
            &[("Tariq Al-Mansouri", 0, Per), ("Yusuf Al Hamdan", 0, Per), ("Tariq", 2, Per)],
            &[],
            &[(("Tariq Al-Mansouri", 0), ("Tariq", 2))],
            ("Tariq", 2, Per),
        ),
        (
            // Confidence-weighted: two sure LOC votes outweigh one unsure ORG vote.
            "The EU and Norway agreed. Norway said so. Norway will pay.",
            &[("EU", 0, Org), ("Norway", 0, Loc), ("Norway", 1, Org), ("Norway", 2, Loc)],
            &[(("Norway", 0), ("Norway", 1))],
            &[(("EU", 0), ("Norway", 0))],
            ("Norway", 1, Loc),
        ),
    ];
    let mut failures = Vec::new();
    for (text, marks, same, apart, (needle, nth, label)) in cases {
        let docs = [doc(text, marks)];
        let res = run(&docs);
        let e = |n: &str, k: usize| entity(&docs, &res, 0, n, k);
        for ((a, i), (b, j)) in *same {
            if e(a, *i) != e(b, *j) {
                failures.push(format!("{text}: {a} and {b} should be one entity"));
            }
        }
        for ((a, i), (b, j)) in *apart {
            if e(a, *i) == e(b, *j) {
                failures.push(format!("{text}: {a} and {b} must stay apart"));
            }
        }
        let got = res.entities[e(needle, *nth)].label;
        if got != *label {
            failures.push(format!(
                "{text}: {needle} entity is {got:?}, want {label:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
