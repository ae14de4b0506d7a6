//! Verb-phrase relations: a trigger phrase between two names in one sentence.
//!
//! "X spoke with Y", "X held talks with Y", "X's outreach to Y" (contact); "X led Y", "Y, led
//! by X" (leads); "X joined Y" (member_of); "X allied with Y", "X backed Y" (ally); "X broke
//! ties with Y", "X, formerly allied with Y" (split_from); "X fled to Y" (fled_to); "Y
//! designated X a terrorist organisation", "X is designated ... by Y1, Y2 and Y3"
//! (designated_by, X → each Y). The subject is the nearest name before the trigger in its
//! clause (an appositive head counts, an object of a preposition does not; "it"/"he" are read
//! through their antecedent); the object is the first name after it, past determiners and
//! adjectives, with names coordinated to it ("X and Y"). Nothing is inferred from two names
//! merely sharing a sentence.

use super::context::Ctx;
use super::{Raw, RelationKind};
use crate::resolve::names;
use crate::Label;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// What a trigger expects after it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// subject trigger object
    Active,
    /// object trigger subject ("Y, led by X"): the name after the trigger is the source.
    Passive,
    /// designated: active with a terror cue; designators before
    DesignateActive,
    /// "X is designated ... by Y"
    DesignatePassive,
    /// subject trigger object, the relation going from object to subject ("the alliance,
    /// which includes the Arakan Army": the Arakan Army is a member of the alliance)
    Reverse,
}

struct Trigger {
    words: &'static [&'static [&'static str]],
    kind: RelationKind,
    shape: Shape,
}

const T: &[Trigger] = &[
    Trigger {
        words: &[&[
            "includes",
            "include",
            "included",
            "comprises",
            "comprise",
            "comprised",
        ]],
        kind: RelationKind::MemberOf,
        shape: Shape::Reverse,
    },
    Trigger {
        words: &[
            &[
                "spoke", "speak", "speaks", "speaking", "spoken", "talked", "talk", "talks",
                "talking",
            ],
            &["with", "to"],
        ],
        kind: RelationKind::Contact,
        shape: Shape::Active,
    },
    Trigger {
        words: &[
            &[
                "held",
                "hold",
                "holds",
                "holding",
                "opened",
                "open",
                "opens",
                "established",
                "establish",
                "maintained",
                "resumed",
                "began",
            ],
            &[
                "talks",
                "contact",
                "contacts",
                "negotiations",
                "discussions",
                "communication",
                "communications",
                "dialogue",
            ],
            &["with"],
        ],
        kind: RelationKind::Contact,
        shape: Shape::Active,
    },
    Trigger {
        words: &[&["met", "meets", "meeting"], &["with"]],
        kind: RelationKind::Contact,
        shape: Shape::Active,
    },
    Trigger {
        words: &[&["met", "meets", "meet", "phoned", "telephoned"]],
        kind: RelationKind::Contact,
        shape: Shape::Active,
    },
    Trigger {
        words: &[
            &[
                "contact",
                "contacts",
                "communication",
                "communications",
                "communicating",
                "negotiating",
                "negotiated",
                "negotiations",
                "engage",
                "engaged",
                "engaging",
                "talks",
            ],
            &["with"],
        ],
        kind: RelationKind::Contact,
        shape: Shape::Active,
    },
    Trigger {
        words: &[&["outreach", "overtures"], &["to"]],
        kind: RelationKind::Contact,
        shape: Shape::Active,
    },
    Trigger {
        words: &[&[
            "led",
            "leads",
            "heads",
            "headed",
            "commands",
            "commanded",
            "founded",
            "co-founded",
        ]],
        kind: RelationKind::Leads,
        shape: Shape::Active,
    },
    Trigger {
        words: &[&["led", "headed", "commanded", "founded"], &["by"]],
        kind: RelationKind::Leads,
        shape: Shape::Passive,
    },
    Trigger {
        words: &[&["joined", "joins", "join", "rejoined"]],
        kind: RelationKind::MemberOf,
        shape: Shape::Active,
    },
    Trigger {
        words: &[&["member", "members"], &["of"]],
        kind: RelationKind::MemberOf,
        shape: Shape::Active,
    },
    Trigger {
        words: &[
            &["formerly", "previously", "once"],
            &["allied", "affiliated", "linked", "aligned", "tied"],
            &["with", "to"],
        ],
        kind: RelationKind::SplitFrom,
        shape: Shape::Active,
    },
    Trigger {
        words: &[
            &[
                "broke", "break", "breaks", "broken", "cut", "cuts", "severed", "sever", "severs",
            ],
            &[
                "its", "their", "his", "those", "all", "the", "formal", "off",
            ],
            &["ties", "links", "relations", "allegiance"],
            &["with", "to"],
        ],
        kind: RelationKind::SplitFrom,
        shape: Shape::Active,
    },
    Trigger {
        words: &[
            &[
                "broke", "break", "breaks", "broken", "cut", "cuts", "severed", "sever", "severs",
            ],
            &["ties", "links", "relations"],
            &["with", "to"],
        ],
        kind: RelationKind::SplitFrom,
        shape: Shape::Active,
    },
    Trigger {
        words: &[
            &[
                "split",
                "splits",
                "splintered",
                "defected",
                "broke",
                "breaks",
            ],
            &["from", "away"],
        ],
        kind: RelationKind::SplitFrom,
        shape: Shape::Active,
    },
    Trigger {
        words: &[&["allied", "aligned", "alliance"], &["with", "to"]],
        kind: RelationKind::Ally,
        shape: Shape::Active,
    },
    Trigger {
        words: &[&[
            "backed",
            "backs",
            "supports",
            "supported",
            "funded",
            "funds",
        ]],
        kind: RelationKind::Ally,
        shape: Shape::Active,
    },
    Trigger {
        words: &[
            &[
                "fled",
                "flee",
                "flees",
                "fleeing",
                "escaped",
                "flown",
                "defected",
                "evacuated",
                "retreated",
            ],
            &["to", "into"],
        ],
        kind: RelationKind::FledTo,
        shape: Shape::Active,
    },
    Trigger {
        words: &[
            &[
                "sought", "seeking", "seek", "granted", "given", "found", "took",
            ],
            &["refuge", "asylum", "sanctuary", "shelter"],
            &["in"],
        ],
        kind: RelationKind::FledTo,
        shape: Shape::Active,
    },
    Trigger {
        words: &[&[
            "designated",
            "designate",
            "designates",
            "designating",
            "listed",
            "lists",
            "blacklisted",
            "proscribed",
            "branded",
            "labelled",
            "labeled",
        ]],
        kind: RelationKind::Designated,
        shape: Shape::DesignateActive,
    },
    Trigger {
        words: &[&[
            "designated",
            "listed",
            "blacklisted",
            "proscribed",
            "branded",
            "labelled",
            "labeled",
            "considered",
            "classified",
            "regarded",
        ]],
        kind: RelationKind::Designated,
        shape: Shape::DesignatePassive,
    },
];

/// Triggers that are nouns: they need a possessor or "in" to have a subject.
const NOUN_TRIGGERS: &[&str] = &[
    "contact",
    "contacts",
    "communication",
    "communications",
    "negotiations",
    "talks",
    "outreach",
    "overtures",
    "alliance",
];

const PREPOSITIONS: &[&str] = &[
    "to", "of", "for", "against", "from", "on", "over", "about", "at", "into", "by",
];
/// Nouns naming a part of a body, so "the Syrian branch of Al Qaeda" reaches Al Qaeda.
const PART_NOUNS: &[&str] = &[
    "branch",
    "wing",
    "faction",
    "arm",
    "units",
    "unit",
    "forces",
    "members",
    "leadership",
    "remnants",
    "fighters",
    "cell",
    "affiliate",
    "offshoot",
];

/// The name coordinated at word `k` ("and Kosovo Prime Minister Albin Kurti" → Albin Kurti):
/// names used as modifiers (before a title, a possessive or a noun) and title words are
/// passed over.
fn coordinate_at(ctx: &Ctx, mut k: usize, sentence: usize) -> Option<usize> {
    for _ in 0..8 {
        let w = ctx.word(k).filter(|w| w.sentence == sentence)?;
        if let Some(mi) = ctx.mention_starting(k) {
            if ctx.labels.get(mi) == Some(&Label::Date) {
                return None;
            }
            let end = ctx.mentions.get(mi)?.words.end;
            let next = ctx.word(end).filter(|n| n.sentence == sentence);
            let possessive = next.is_some_and(|n| n.text == "'s" || n.text == "’s");
            let modifier = possessive
                || next.is_some_and(|n| is_title_word(n) && n.is_capitalized())
                || (ctx.labels.get(mi) == Some(&Label::Misc)
                    && next.is_some_and(|n| !n.is_punct()));
            if !modifier {
                return Some(mi);
            }
            k = end + usize::from(possessive);
            continue;
        }
        // title words and a couple of plain adjectives ("and the rival Jalisco Cartel")
        let adjective = w.text.chars().all(|c| c.is_lowercase() || c == '-')
            && !w.is_any(&["of", "in", "to", "for", "with", "by"]);
        if !is_title_word(w) && !adjective {
            return None;
        }
        k += 1;
    }
    None
}

fn is_title_word(w: &crate::resolve::words::Word) -> bool {
    names::is_title_word(&w.lower())
        && !w.is_any(&["of", "the", "and", "for", "on", "to", "at", "in"])
}

/// What a possessor may own and stand for as an object ("Kurti's government").
const OWNED: &[&str] = &[
    "government",
    "administration",
    "regime",
    "cabinet",
    "camp",
    "office",
    "team",
    "party",
];

/// Verbs that make a following noun trigger an action of their subject.
const OPENING_VERBS: &[&str] = &[
    "established",
    "establish",
    "establishes",
    "opened",
    "open",
    "opens",
    "held",
    "hold",
    "holds",
    "maintained",
    "maintains",
    "resumed",
    "resume",
    "began",
    "launched",
    "kept",
    "keeps",
];

/// Words that may stand between a trigger and its object.
const OBJECT_FILLERS: &[&str] = &[
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "new",
    "former",
    "rival",
    "neighbouring",
    "neighboring",
    "militant",
    "rebel",
    "jihadist",
    "group",
    "groups",
    "officials",
    "leaders",
    "representatives",
    "envoys",
    "delegation",
    "with",
    "government",
    "authorities",
    "leadership",
    "direct",
    "nearby",
    "several",
    "both",
    "main",
    "close",
    "political",
    "armed",
    "exiled",
    "of",
    "in",
    "counterpart",
    "counterparts",
    "president",
    "minister",
    "ministers",
    "foreign",
    "prime",
    "top",
    "senior",
    "faction",
    "factions",
    "movement",
    "organisation",
    "organization",
    "militia",
    "coalition",
    "party",
    "leading",
    "largest",
    "biggest",
    "powerful",
];

/// Every verb-phrase relation of a document.
/// Triggers by their first word (ASCII-lowercased), each list in [`T`]'s order: a word is
/// compared with the few triggers that can start at it instead of all of them.
fn by_first_word() -> &'static HashMap<String, Vec<usize>> {
    static INDEX: OnceLock<HashMap<String, Vec<usize>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: HashMap<String, Vec<usize>> = HashMap::default();
        for (ti, t) in T.iter().enumerate() {
            for alt in t.words.first().copied().unwrap_or(&[]) {
                let list = index.entry(alt.to_ascii_lowercase()).or_default();
                if list.last() != Some(&ti) {
                    list.push(ti);
                }
            }
        }
        index
    })
}

pub fn extract(ctx: &Ctx, out: &mut Vec<Raw>) {
    let n = ctx.words.len();
    let index = by_first_word();
    let mut key = String::new();
    let mut i = 0;
    while i < n {
        let mut matched = 0;
        key.clear();
        key.push_str(ctx.word(i).map_or("", |w| w.text));
        key.make_ascii_lowercase();
        let candidates = index.get(key.as_str()).map_or(&[][..], Vec::as_slice);
        for t in candidates.iter().filter_map(|&ti| T.get(ti)) {
            let len = t.words.len();
            let hit = (0..len).all(|k| {
                ctx.word(i + k).is_some_and(|w| {
                    ctx.mention_covering(i + k).is_none()
                        && w.sentence == ctx.word(i).map_or(usize::MAX, |f| f.sentence)
                        && t.words.get(k).is_some_and(|alts| w.is_any(alts))
                })
            });
            if !hit {
                continue;
            }
            if apply(ctx, t, i, i + len, out) {
                matched = matched.max(len);
            }
        }
        i += matched.max(1);
    }
}

/// Apply trigger `t` found at words `[a, b)`. Returns whether a relation came out.
fn apply(ctx: &Ctx, t: &Trigger, a: usize, b: usize, out: &mut Vec<Raw>) -> bool {
    let Some(sentence) = ctx.word(a).map(|w| w.sentence) else {
        return false;
    };
    // "led to", "led the way": not leadership of a named body
    if t.kind == RelationKind::Leads
        && t.shape == Shape::Active
        && ctx
            .word(b)
            .is_some_and(|w| w.is_any(&["to", "by", "the way"]))
    {
        return false;
    }
    // "formerly allied with" is split_from, handled by its own trigger.
    if t.kind == RelationKind::Ally
        && a > 0
        && ctx
            .word(a - 1)
            .is_some_and(|w| w.is_any(&["formerly", "previously", "once"]))
    {
        return false;
    }
    // A noun trigger ("the contacts with Y", "outreach to Y") has a subject only as a
    // possessor ("Qatar's outreach"), after "in" ("X is in contact with Y") or as the object
    // of a verb like "established" a few words before ("X established a channel of
    // communication with Y").
    let opened =
        (a.saturating_sub(4)..a).any(|k| ctx.word(k).is_some_and(|w| w.is_any(OPENING_VERBS)));
    if ctx.word(a).is_some_and(|w| w.is_any(NOUN_TRIGGERS))
        && !opened
        && !(a > 0
            && ctx
                .word(a - 1)
                .is_some_and(|w| w.is_any(&["in", "direct", "close", "regular"])))
    {
        let possessor = (a.saturating_sub(4)..a).rev().find(|&k| {
            ctx.word(k)
                .is_some_and(|w| w.text == "'s" || w.text == "’s")
        });
        let Some(src) = possessor.and_then(|k| ctx.mention_ending(k)) else {
            return false;
        };
        let mut made = false;
        for obj in objects(ctx, b, sentence) {
            made |= emit(ctx, t.kind, src, obj, sentence, out);
        }
        return made;
    }
    let before = len_before(ctx, a);
    let mut made = false;
    match t.shape {
        Shape::Active => {
            let Some(src) = subject(ctx, a) else {
                return false;
            };
            for obj in objects(ctx, b, sentence) {
                made |= emit(ctx, t.kind, src, obj, sentence, out);
            }
        }
        Shape::Reverse => {
            let Some(whole) = subject(ctx, a) else {
                return false;
            };
            for part in objects(ctx, b, sentence) {
                made |= emit(ctx, t.kind, part, whole, sentence, out);
            }
        }
        Shape::Passive => {
            // "Y, led by X": Y is the nearest name before, X after.
            let Some(obj) = subject(ctx, a) else {
                return false;
            };
            for src in objects(ctx, b, sentence) {
                made |= emit(ctx, t.kind, src, obj, sentence, out);
            }
        }
        Shape::DesignateActive => {
            // "... have designated HTS a terrorist organisation": the designee follows directly
            // ("designated both Hamas and Islamic Jihad": each of them), then the terror cue.
            let designees = objects(ctx, b, sentence);
            let Some(&first) = designees.first() else {
                return false;
            };
            if ctx
                .mentions
                .get(first)
                .is_some_and(|m| m.words.start > b + 2)
            {
                return false;
            }
            let after = designees
                .last()
                .and_then(|&l| ctx.mentions.get(l))
                .map_or(b, |m| m.words.end);
            if !terror_cue(ctx, after, sentence, 8) {
                return false;
            }
            for designee in designees {
                for d in clause_names_before(ctx, a, before) {
                    made |= emit(ctx, t.kind, designee, d, sentence, out);
                }
            }
        }
        Shape::DesignatePassive => {
            // "X ... is designated a terrorist organization by Y, Z and W"
            let Some(by) = (b..b + 10).find(|&k| {
                ctx.word(k)
                    .is_some_and(|w| w.is("by") && w.sentence == sentence)
            }) else {
                return false;
            };
            if !terror_cue(ctx, b, sentence, by - b) {
                return false;
            }
            let Some(designee) = subject(ctx, a) else {
                return false;
            };
            for d in objects(ctx, by + 1, sentence) {
                made |= emit(ctx, t.kind, designee, d, sentence, out);
            }
        }
    }
    made
}

fn len_before(ctx: &Ctx, a: usize) -> usize {
    let Some(s) = ctx.word(a).map(|w| w.sentence) else {
        return 0;
    };
    a - ctx.sentence_words(s).start
}

fn terror_cue(ctx: &Ctx, from: usize, sentence: usize, within: usize) -> bool {
    (from..from + within.max(1)).any(|k| {
        ctx.word(k).is_some_and(|w| {
            w.sentence == sentence && (w.text.to_lowercase().starts_with("terror"))
        })
    })
}

/// Check labels, resolve demonyms and record the relation.
fn emit(
    ctx: &Ctx,
    kind: RelationKind,
    src: usize,
    obj: usize,
    sentence: usize,
    out: &mut Vec<Raw>,
) -> bool {
    let (Some(s), Some(o)) = (ctx.rel_entity(src), ctx.rel_entity(obj)) else {
        return false;
    };
    let (ls, lo) = (ctx.rel_label(src), ctx.rel_label(obj));
    use Label::*;
    let ok = match kind {
        RelationKind::Contact | RelationKind::Ally | RelationKind::SplitFrom => {
            matches!(ls, Per | Org | Loc) && matches!(lo, Per | Org | Loc)
        }
        RelationKind::Leads => ls == Per && lo == Org,
        RelationKind::MemberOf => matches!(ls, Per | Org) && lo == Org,
        RelationKind::FledTo => matches!(ls, Per | Org) && lo == Loc,
        RelationKind::Designated => matches!(ls, Org | Per | Misc) && matches!(lo, Org | Loc),
        _ => false,
    };
    if !ok || s == o {
        return false;
    }
    out.push(Raw {
        source: s,
        target: o,
        kind,
        sentence,
        detail: None,
    });
    true
}

/// The subject of a trigger at word `a`: the nearest name before it in its clause.
pub fn subject(ctx: &Ctx, a: usize) -> Option<usize> {
    let sentence = ctx.word(a)?.sentence;
    let start = ctx.sentence_words(sentence).start;
    let mut i = a;
    let mut crossed_comma = false;
    while i > start && a - i < super::context::WINDOW {
        i -= 1;
        let w = ctx.word(i)?;
        if matches!(w.text, ";" | ":" | "“" | "”" | "\"") {
            return None;
        }
        if w.text == "," {
            crossed_comma = true;
            continue;
        }
        if w.is_any(&["it", "he", "she", "they"]) {
            let clause_start = i == start
                || ctx
                    .word(i - 1)
                    .is_some_and(|p| p.is_any(&[",", "and", "then"]));
            return ctx.antecedent(i).filter(|_| clause_start);
        }
        let Some(mi) = ctx.mention_covering(i) else {
            if a - i > 20 {
                return None;
            }
            continue;
        };
        let m = ctx.mentions.get(mi)?;
        let after = ctx.word(m.words.end);
        // Dates, and demonyms used as adjectives ("a Tuareg militant"), are not subjects.
        let adjective = ctx.labels.get(mi) == Some(&Label::Misc)
            && ctx.country_of.get(mi).copied().flatten().is_none()
            && after.is_some_and(|w| w.text.chars().next().is_some_and(char::is_lowercase));
        if m.label == Label::Date || adjective {
            i = m.words.start;
            continue;
        }
        // "X, a group formerly allied with Y": X heads the appositive the trigger sits in.
        let appositive_head = crossed_comma
            && after.is_some_and(|w| w.text == ",")
            && ctx.word(m.words.end + 1).is_some_and(|w| {
                w.is_any(&[
                    "a", "an", "the", "another", "who", "which", "whose", "one", "its", "his",
                    "her",
                ])
            });
        let possessive = after.is_some_and(|w| w.text == "'s" || w.text == "’s");
        let prep_before = m.words.start > start
            && ctx.word(m.words.start - 1).is_some_and(|p| {
                p.is_any(&[
                    "of",
                    "with",
                    "to",
                    "from",
                    "in",
                    "by",
                    "against",
                    "for",
                    "at",
                    "on",
                    "between",
                    "and",
                    "including",
                    "as",
                    "into",
                    "over",
                    "about",
                    "near",
                    "toward",
                    "towards",
                ])
            });
        // "The group's chief negotiator, X, met Y": a name between commas right before the
        // verb names the subject.
        let between_commas = m.words.start > start
            && ctx.word(m.words.start - 1).is_some_and(|w| w.text == ",")
            && after.is_some_and(|w| w.text == ",")
            && a > m.words.end
            && a - (m.words.end + 1) <= 2
            && (m.words.end + 1..a).all(|k| {
                ctx.word(k)
                    .is_some_and(|w| w.text.chars().all(char::is_lowercase))
            });
        if appositive_head || possessive || between_commas || (!prep_before && !crossed_comma) {
            return Some(mi);
        }
        // Past a comma, only a name opening the clause is its subject ("... ties with
        // Caracas, held talks" has no subject there).
        if !prep_before && crossed_comma && ctx.opens_clause(mi) {
            return Some(mi);
        }
        i = m.words.start;
    }
    None
}

/// The objects of a trigger ending at word `b`: the first name after it (past fillers and
/// possessive modifiers) and the names coordinated with it.
pub fn objects(ctx: &Ctx, b: usize, sentence: usize) -> Vec<usize> {
    let mut out = Vec::new();
    // "with Kurti's government": the possessor stands for what it owns when nothing else is
    // named.
    let mut fallback: Option<usize> = None;
    let mut head_noun: Option<&str> = None;
    let mut i = b;
    let mut skipped = 0;
    while let Some(w) = ctx.word(i) {
        if w.sentence != sentence {
            break;
        }
        if let Some(mi) = ctx.mention_starting(i) {
            let m = ctx
                .mentions
                .get(mi)
                .map(|m| m.words.clone())
                .unwrap_or(i..i + 1);
            let possessive = ctx
                .word(m.end)
                .is_some_and(|w| w.text == "'s" || w.text == "’s");
            // "Syrian groups", "German Chancellor X": an adjective, not the object.
            let next_is_word = ctx
                .word(m.end)
                .is_some_and(|w| w.sentence == sentence && !w.is_punct());
            // "Kosovo Prime Minister X"; "Pakistan Tehreek-e-Insaf" when only "Pakistan" was
            // recognised: a name running on into capitalised words is part of something else.
            let runs_on = ctx.word(m.end).is_some_and(|w| {
                w.sentence == sentence
                    && w.is_capitalized()
                    && !w.is_punct()
                    && ctx.mention_starting(m.end).is_none()
            });
            let adjective =
                (ctx.labels.get(mi) == Some(&Label::Misc) && next_is_word && !possessive)
                    || runs_on;
            if ctx.labels.get(mi) == Some(&Label::Date) || possessive || adjective {
                if possessive && fallback.is_none() {
                    let owned = ctx.word(m.end + 1).is_some_and(|w| w.is_any(OWNED));
                    if owned {
                        fallback = Some(mi);
                    }
                }
                i = m.end + usize::from(possessive);
                skipped += 1;
                continue;
            }
            out.push(mi);
            // coordination: ", Y", "and Y", ", and the Y"
            let mut j = m.end;
            loop {
                let mut k = j;
                while ctx
                    .word(k)
                    .is_some_and(|w| w.sentence == sentence && w.is_any(&[",", "and", "the", "or"]))
                {
                    k += 1;
                }
                if k == j {
                    break;
                }
                match coordinate_at(ctx, k, sentence) {
                    Some(next) => {
                        out.push(next);
                        j = ctx.mentions.get(next).map_or(k + 1, |m| m.words.end);
                    }
                    None => break,
                }
            }
            return out;
        }
        // An appositive naming the object: "with Syria's leading rebel faction, HTS".
        if w.text == "," && skipped > 0 {
            let inc = usize::from(
                ctx.word(i + 1)
                    .is_some_and(|w| w.is_any(&["including", "notably", "namely", "the"])),
            );
            if ctx.mention_starting(i + 1 + inc).is_some() {
                i += 1 + inc;
                continue;
            }
        }
        let lower = w.lower();
        // "supported the opposition to the Assad regime": past a head noun, a preposition
        // starts a modifier, and a name in it is not the object ("the branch of Y" is).
        if let Some(noun) = head_noun {
            let part_of = w.is("of") && PART_NOUNS.contains(&noun);
            if PREPOSITIONS.contains(&&*lower) && !part_of {
                break;
            }
        }
        let title_word = names::is_title_word(&lower);
        let lowercase = w.text.chars().all(|c| c.is_lowercase() || c == '-');
        if lowercase
            && !w.is_any(OBJECT_FILLERS)
            && !PREPOSITIONS.contains(&&*lower)
            && !w.is_any(&["and", "or"])
        {
            head_noun = Some(w.text);
        }
        if !(w.is_any(OBJECT_FILLERS) || title_word || (lowercase && skipped < 2)) {
            break;
        }
        skipped += 1;
        if skipped > 5 {
            break;
        }
        i += 1;
    }
    out.extend(fallback);
    out
}

/// Non-person names in the clause before word `a` (the designators of an active designation):
/// every name from the sentence start, or the last clause break, up to the trigger.
fn clause_names_before(ctx: &Ctx, a: usize, len: usize) -> Vec<usize> {
    let start = a - len.min(a).min(super::context::WINDOW);
    let mut from = start;
    // Clauses break at ";", ":" and at ", and" / ", but" ("NATO allies have designated X a
    // threat, and Britain designated ...").
    for k in start..a {
        let brk = ctx.word(k).is_some_and(|w| matches!(w.text, ";" | ":"))
            || (ctx.word(k).is_some_and(|w| w.text == ",")
                && ctx
                    .word(k + 1)
                    .is_some_and(|w| w.is_any(&["and", "but", "while", "whereas"])));
        if brk {
            from = k + 1;
        }
    }
    ctx.mentions_in(from..a)
        .into_iter()
        .filter(|&mi| matches!(ctx.rel_label(mi), Label::Org | Label::Loc))
        .filter(|&mi| {
            !ctx.word(ctx.mentions.get(mi).map_or(0, |m| m.words.end))
                .is_some_and(|w| w.text == "'s" || w.text == "’s")
        })
        .collect()
}
