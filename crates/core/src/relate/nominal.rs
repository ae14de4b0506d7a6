//! Nominal relations: what a noun phrase beside a name says about it.
//!
//! Before the name: "Qatar's foreign ministry spokesman X" (role), "US President X" (role),
//! "HTS leader X" (leads), "Assad's main regional ally Iran" (ally), "his late father Hafez"
//! (family). After it, in an appositive: "X, Minister of State at Qatar's foreign ministry,"
//! (role), "X, an HTS leader," (member_of: an indefinite article makes X one of several),
//! "X, the leader of Y" (leads), "Russia, another Assad ally" (ally), "X, the son of Y"
//! (family).
//!
//! Directions: role, leads and member_of go person → organisation/country; ally goes from the
//! one called an ally to the one it is an ally of; family (A, B, "father") reads "B is A's
//! father".

use super::context::Ctx;
use super::{Raw, RelationKind};
use crate::resolve::names::{is_title_modifier, KINSHIP, TITLE_HEADS};
use crate::resolve::roles::{join, title_after};
use crate::resolve::words::Word;
use crate::Label;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

/// Heads that make the named one the leader of the owner.
const LEAD_HEADS: &[&str] = &[
    "leader",
    "head",
    "chief",
    "commander",
    "founder",
    "founders",
    "co-founder",
    "chairman",
    "chairwoman",
    "emir",
    "boss",
    "director",
    "secretary-general",
];
/// Heads that make the named one a member of the owner.
const MEMBER_HEADS: &[&str] = &[
    "member",
    "members",
    "fighter",
    "fighters",
    "militant",
    "militants",
    "activist",
    "loyalist",
    "operative",
    "faction",
    "factions",
    "wing",
    "branch",
    "affiliate",
    "affiliates",
    "unit",
    "offshoot",
    "splinter",
];
const ALLY_HEADS: &[&str] = &[
    "ally", "allies", "backer", "backers", "patron", "partner", "partners", "proxy",
];
/// Nouns by which a text refers back to a group it has named ("the group's leader").
const GROUP_NOUNS: &[&str] = &[
    "group",
    "cartel",
    "gang",
    "network",
    "movement",
    "organisation",
    "organization",
    "militia",
    "party",
    "faction",
    "alliance",
];
/// Adjectives allowed inside such a phrase besides title modifiers.
const ADJECTIVES: &[&str] = &[
    "main",
    "regional",
    "key",
    "close",
    "closest",
    "longtime",
    "long-time",
    "late",
    "younger",
    "elder",
    "eldest",
    "older",
    "oldest",
    "youngest",
    "own",
    "top",
    "new",
    "powerful",
    "influential",
    "veteran",
    "exiled",
    "jailed",
    "detained",
    "slain",
    "ousted",
    "deposed",
    "elected",
    "outgoing",
    "incoming",
    "staunch",
    "strongest",
    "major",
    "another",
    "estranged",
    "only",
    "second",
    "third",
    "eldest",
    "most",
    "senior",
    "former",
    "current",
    "overall",
    "military",
    "political",
    "de",
    "facto",
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Head {
    Title,
    Lead,
    Member,
    Ally,
    Kin,
}

fn head_of(w: &Word) -> Option<Head> {
    heads().get(&*w.lower()).copied()
}

/// The head each head word gives, built once (the lists are long and every word beside a
/// name is looked up): the first of [`LEAD_HEADS`], [`MEMBER_HEADS`], [`ALLY_HEADS`],
/// [`KINSHIP`] and [`TITLE_HEADS`] that has the word.
fn heads() -> &'static FxHashMap<&'static str, Head> {
    static HEADS: OnceLock<FxHashMap<&'static str, Head>> = OnceLock::new();
    HEADS.get_or_init(|| {
        let mut heads = FxHashMap::default();
        let lists = [
            (LEAD_HEADS, Head::Lead),
            (MEMBER_HEADS, Head::Member),
            (ALLY_HEADS, Head::Ally),
            (KINSHIP, Head::Kin),
            (TITLE_HEADS, Head::Title),
        ];
        for (list, head) in lists {
            for &w in list {
                heads.entry(w).or_insert(head);
            }
        }
        heads
    })
}

fn is_modifier(w: &Word) -> bool {
    let l = w.lower();
    is_title_modifier(&l) && !w.is_any(&["of", "the", "and", "for", "on", "to", "at", "in"])
        || is_adjective(&l)
}

/// Whether a lowercase word is one of [`ADJECTIVES`] (a set built once).
fn is_adjective(lower: &str) -> bool {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| ADJECTIVES.iter().copied().collect())
        .contains(lower)
}

/// All nominal relations of a document.
pub fn extract(ctx: &Ctx, out: &mut Vec<Raw>) {
    for mi in 0..ctx.mentions.len() {
        before(ctx, mi, out);
        after(ctx, mi, out);
    }
}

/// A noun phrase read beside a name: its head, the name it describes, the name that owns it.
struct Phrase {
    head: Head,
    /// "an HTS leader": one of several.
    indefinite: bool,
    named: usize,
    owner: usize,
    title: String,
    sentence: usize,
}

/// Turn a phrase into a relation, if the labels fit its head.
fn push(ctx: &Ctx, out: &mut Vec<Raw>, p: Phrase) {
    let Phrase {
        head,
        indefinite,
        named,
        owner,
        title,
        sentence,
    } = p;
    let (Some(a), Some(b)) = (ctx.rel_entity(named), ctx.rel_entity(owner)) else {
        return;
    };
    let (la, lb) = (ctx.rel_label(named), ctx.rel_label(owner));
    let org_like = |l: Label| matches!(l, Label::Org | Label::Loc);
    let raw = |kind, source, target, detail: Option<String>| Raw {
        source,
        target,
        kind,
        sentence,
        detail,
    };
    match head {
        Head::Kin if la == Label::Per && lb == Label::Per => {
            out.push(raw(RelationKind::Family, b, a, Some(title)))
        }
        Head::Ally
            if la != Label::Date && lb != Label::Date && la != Label::Misc && lb != Label::Misc =>
        {
            out.push(raw(RelationKind::Ally, a, b, None))
        }
        Head::Lead
            if la == Label::Per
                && lb == Label::Org
                && (!indefinite || title.to_lowercase().contains("founder")) =>
        {
            out.push(raw(RelationKind::Leads, a, b, Some(title)))
        }
        Head::Lead | Head::Member if matches!(la, Label::Per | Label::Org) && lb == Label::Org => {
            out.push(raw(RelationKind::MemberOf, a, b, Some(title)))
        }
        // "RN president X": the president of a party or company leads it.
        Head::Title
            if la == Label::Per
                && lb == Label::Org
                && title
                    .split_whitespace()
                    .last()
                    .is_some_and(|w| w.eq_ignore_ascii_case("president"))
                && !title.to_lowercase().contains("vice")
                && !ctx.is_country(b) =>
        {
            out.push(raw(RelationKind::Leads, a, b, Some(title)))
        }
        Head::Title | Head::Lead if la == Label::Per && org_like(lb) => {
            out.push(raw(RelationKind::Role, a, b, Some(title)))
        }
        _ => {}
    }
}

/// Military and courtesy ranks: a title's head only when nothing better stands beside them
/// ("KFOR commander Major General X" is a commander).
const RANKS: &[&str] = &[
    "general",
    "gen",
    "gen.",
    "major",
    "colonel",
    "col",
    "col.",
    "captain",
    "capt.",
    "lieutenant",
    "lt",
    "lt.",
    "admiral",
    "marshal",
    "sergeant",
    "sgt.",
    "brigadier",
    "field",
];

/// The head of a run of title words: the rightmost head that is not a rank, else the
/// rightmost head. `run` holds (word index, head) pairs in text order.
fn pick_head(run: &[(usize, Head)], ctx: &Ctx) -> Option<(Head, usize)> {
    let is_rank = |k: usize| {
        ctx.word(k)
            .is_some_and(|w| RANKS.contains(&w.text.to_lowercase().as_str()))
    };
    run.iter()
        .rev()
        .find(|(k, _)| !is_rank(*k))
        .or_else(|| run.last())
        .map(|&(k, h)| (h, k))
}

/// "<owner>'s <modifiers> <head> X" and "<owner> <head> X".
fn before(ctx: &Ctx, mi: usize, out: &mut Vec<Raw>) {
    let Some(m) = ctx.mentions.get(mi) else {
        return;
    };
    let sentence = m.sentence;
    let same = |i: usize| ctx.word(i).filter(|w| w.sentence == sentence);
    let mut i = m.words.start;
    let phrase_end = i;
    let mut heads: Vec<(usize, Head)> = Vec::new();
    // A mention inside the title ("Senate Democratic leader"): the title belongs to it, so
    // the person is not the leader of the owner.
    let mut inner_mention = false;
    while i > 0 {
        let Some(w) = same(i - 1) else { break };
        // "spokesman, Majed Al Ansari", "leader, Captain X": a comma after a head.
        if w.text == "," && i > 1 && same(i - 2).and_then(head_of).is_some() {
            i -= 1;
            continue;
        }
        if let Some(om) = ctx.mention_covering(i - 1) {
            if ctx.rel_label(om) == Label::Misc
                && ctx.country_of.get(om).copied().flatten().is_none()
                && !heads.is_empty()
            {
                inner_mention = true;
                i = ctx.mentions.get(om).map_or(i - 1, |x| x.words.start);
                continue;
            }
            break;
        }
        if let Some(h) = head_of(w) {
            heads.push((i - 1, h));
        } else if !is_modifier(w) && !w.is("and") {
            break;
        }
        i -= 1;
        if phrase_end - i > 8 {
            return;
        }
    }
    heads.reverse();
    let Some((mut h, hi)) = pick_head(&heads, ctx) else {
        return;
    };
    // "foreign policy chief", "intelligence chief": a domain before the head makes it a post
    // inside the owner, not its leadership.
    if (inner_mention || domain_before(ctx, i, hi)) && h == Head::Lead {
        h = Head::Title;
    }
    if h == Head::Lead && deputy_before(ctx, hi) {
        h = Head::Member;
    }
    let title = trim_title(ctx, i..hi + 1);
    let phrase = move |indefinite: bool, owner: usize| Phrase {
        head: h,
        indefinite,
        named: mi,
        owner,
        title,
        sentence,
    };
    // The owner: "X's" or a mention right before the phrase; for kin "his"/"her".
    let owner_end = if i > 0 && same(i - 1).is_some_and(|w| w.text == "'s" || w.text == "’s") {
        i - 1
    } else {
        i
    };
    if let Some(om) = ctx.mention_ending(owner_end).filter(|&om| om != mi) {
        let start = ctx.mentions.get(om).map_or(0, |x| x.words.start);
        let indefinite =
            start > 0 && same(start - 1).is_some_and(|w| w.is_any(&["a", "an", "another"]));
        push(ctx, out, phrase(indefinite, om));
        return;
    }
    // "The group's founder, X" / "Its secretary-general, X": the group named last sentence.
    if h != Head::Kin {
        let anaphor = if same(owner_end).is_some_and(|w| w.text == "'s" || w.text == "’s") {
            owner_end.checked_sub(1).filter(|&k| {
                same(k).is_some_and(|w| w.is_any(GROUP_NOUNS))
                    && k > 0
                    && same(k - 1).is_some_and(|w| w.is("the"))
            })
        } else {
            i.checked_sub(1)
                .filter(|&k| same(k).is_some_and(|w| w.is("its")))
        };
        if let Some(owner) = anaphor.and_then(|k| ctx.group_antecedent(k)) {
            push(ctx, out, phrase(false, owner));
        }
        return;
    }
    if i > 0 && same(i - 1).is_some_and(|w| w.is_any(&["his", "her", "whose", "their"])) {
        // The possessor: the nearest person mention before, in this sentence.
        let start = ctx.mentions.get(mi).map_or(0, |x| x.words.start);
        if let Some(owner) = ctx.mentions_before(start).find(|&o| {
            ctx.mentions
                .get(o)
                .is_some_and(|x| x.sentence == sentence && ctx.rel_label(o) == Label::Per)
        }) {
            push(ctx, out, phrase(false, owner));
        }
    }
}

/// ", <det> <modifiers> <owner>('s) <head> [of|at|to|for <owner>]," after X; a bracketed
/// acronym may stand between X and the comma ("Kataib Hezbollah (KH), one of ...").
fn after(ctx: &Ctx, mi: usize, out: &mut Vec<Raw>) {
    let Some(m) = ctx.mentions.get(mi) else {
        return;
    };
    let sentence = m.sentence;
    let mut e = m.words.end;
    if ctx.word(e).is_some_and(|w| w.text == "(") && ctx.word(e + 2).is_some_and(|w| w.text == ")")
    {
        e += 3;
    }
    if !ctx
        .word(e)
        .is_some_and(|w| w.text == "," && w.sentence == sentence)
    {
        return;
    }
    let first = e + 1;
    let mut j = first;
    while let Some(w) = ctx.word(j) {
        // A name is read whole, quote marks inside it too (Joaquin "El Chapo" Guzman).
        if let Some(m) = ctx.mention_starting(j).and_then(|mi| ctx.mentions.get(mi)) {
            j = m.words.end.max(j + 1);
            continue;
        }
        if w.sentence != sentence
            || matches!(
                w.text,
                "," | "." | ";" | ":" | "(" | ")" | "\"" | "“" | "”" | "—"
            )
        {
            break;
        }
        // A relative clause ends the phrase ("an affiliate of IS that operates ...").
        if w.is_any(&["who", "which", "that", "whose", "where"]) {
            break;
        }
        if w.is_any(&[
            "said", "says", "told", "was", "is", "has", "had", "will", "would", "and",
        ]) {
            return;
        }
        j += 1;
        if j - first > 12 {
            return;
        }
    }
    let phrase = first..j;
    // An appositive is a noun phrase: it opens with a determiner, a title or a name, not with
    // an adverb or a verb (", now runs the group's armed wing").
    let opens_np = ctx.word(first).is_some_and(|w| {
        w.is_any(&[
            "a", "an", "the", "another", "one", "its", "his", "her", "their", "former", "then",
        ]) || w.is_capitalized()
            || head_of(w).is_some()
            || is_modifier(w)
    });
    if !opens_np {
        return;
    }
    let indefinite = ctx
        .word(first)
        .is_some_and(|w| w.is_any(&["a", "an", "another", "one"]));
    // The first run of head words outside any mention; its head is picked as before.
    let mut run: Vec<(usize, Head)> = Vec::new();
    for k in phrase.clone() {
        let h = if ctx.mention_covering(k).is_some() {
            None
        } else {
            ctx.word(k).and_then(head_of)
        };
        match h {
            Some(h) => run.push((k, h)),
            None if !run.is_empty() && !ctx.word(k).is_some_and(is_modifier) => break,
            None => {}
        }
    }
    let Some((mut h, hi)) = pick_head(&run, ctx) else {
        return;
    };
    // The head must end its noun phrase: in "a smaller militant group allied with Y" the
    // phrase is about a group, not a militant.
    if ctx
        .word(hi + 1)
        .is_some_and(|w| is_modifier(w) && ctx.mention_covering(hi + 1).is_none())
    {
        return;
    }
    // "the younger brother of the late Hamas leader Yahya Sinwar": kin relate people, so the
    // owner is the first person named after the head.
    let after_head = ctx.mentions_in(hi + 1..phrase.end);
    let before_head = ctx.mentions_in(first..hi);
    let anaphor = (first..hi).find(|&k| {
        ctx.word(k).is_some_and(|w| w.is("its"))
            || (ctx.word(k).is_some_and(|w| w.is_any(GROUP_NOUNS))
                && ctx
                    .word(k + 1)
                    .is_some_and(|w| w.text == "'s" || w.text == "’s"))
    });
    let owner = if h == Head::Kin {
        after_head
            .into_iter()
            .find(|&o| ctx.rel_label(o) == Label::Per)
    } else if let Some(k) = anaphor {
        // "X, the group's deputy leader in Gaza": the group named before.
        ctx.group_antecedent(k)
    } else {
        // A place after "in" or "from" is where, not whose ("deputy leader in Gaza", "a
        // militia leader from Darfur").
        let after_ok = after_head.into_iter().find(|&o| {
            let (start, end) = ctx
                .mentions
                .get(o)
                .map_or((0, 0), |m| (m.words.start, m.words.end));
            let place_of = ctx.rel_label(o) == Label::Loc
                && start > 0
                && ctx
                    .word(start - 1)
                    .is_some_and(|w| w.is_any(&["in", "from"]));
            // "France Unbowed" when only "France" was recognised: part of a longer name.
            let runs_on = ctx.word(end).is_some_and(|w| {
                w.sentence == sentence
                    && w.is_capitalized()
                    && !w.is_punct()
                    && ctx.mention_starting(end).is_none()
            });
            !place_of && !runs_on
        });
        after_ok.or_else(|| before_head.into_iter().last())
    };
    let Some(owner) = owner.filter(|&o| o != mi) else {
        return;
    };
    if h == Head::Lead && deputy_before(ctx, hi) {
        h = Head::Member;
    } else if h == Head::Lead && domain_before(ctx, first, hi) {
        h = Head::Title;
    }
    let title = match h {
        Head::Title | Head::Lead => title_after(&ctx.words, e)
            .map(|t| {
                // The title stops where the owner's name starts ("researcher at Chatham House"
                // → "researcher"), less the words that led to it.
                // An owner named before the head ("a former European Union negotiator") is
                // left out too.
                let start = (t.title.start..hi)
                    .filter_map(|k| ctx.mention_covering(k).and_then(|mi| ctx.mentions.get(mi)))
                    .map(|m| m.words.end)
                    .max()
                    .unwrap_or(t.title.start)
                    .max(t.title.start);
                let mut end = (hi..t.title.end)
                    .find(|&k| ctx.mention_covering(k).is_some())
                    .unwrap_or(t.title.end);
                while end > start
                    && ctx.word(end - 1).is_some_and(|w| {
                        w.is_any(&["at", "of", "for", "to", "in", "the", "a", "an"])
                    })
                {
                    end -= 1;
                }
                if end > start && start <= hi {
                    join(&ctx.words, start..end)
                } else {
                    join(&ctx.words, hi..hi + 1)
                }
            })
            .unwrap_or_else(|| join(&ctx.words, hi..hi + 1)),
        _ => join(&ctx.words, hi..hi + 1).to_lowercase(),
    };
    // For kin, "X, the son of Y" reads "X is Y's son", which `push` encodes.
    push(
        ctx,
        out,
        Phrase {
            head: h,
            indefinite,
            named: mi,
            owner,
            title,
            sentence,
        },
    );
}

/// Whether lowercase words naming a domain stand right before the head ("foreign policy
/// chief", "army chief"); rank words like "deputy" or "top" do not count.
fn domain_before(ctx: &Ctx, from: usize, hi: usize) -> bool {
    let mut k = hi;
    while k > from {
        let Some(w) = ctx.word(k - 1) else {
            return false;
        };
        let lowercase = w.text.chars().next().is_some_and(char::is_lowercase);
        if !lowercase || w.is_any(&["a", "an", "the", "its", "'s", "’s"]) {
            return false;
        }
        if !w.is_any(&[
            "deputy", "vice", "top", "former", "late", "new", "acting", "interim", "overall",
            "supreme", "co",
        ]) {
            return true;
        }
        k -= 1;
    }
    false
}

/// "deputy leader", "vice president": second in command, so a member, not the leader.
fn deputy_before(ctx: &Ctx, hi: usize) -> bool {
    hi > 0
        && ctx
            .word(hi - 1)
            .is_some_and(|w| w.is_any(&["deputy", "vice", "assistant", "associate", "co"]))
}

/// A title's text without leading adjectives that are not part of it ("late", "main").
fn trim_title(ctx: &Ctx, r: std::ops::Range<usize>) -> String {
    let mut a = r.start;
    while a < r.end
        && ctx.word(a).is_some_and(|w| {
            let l = w.lower();
            is_adjective(&l) && !is_title_modifier(&l) || w.is("and")
        })
    {
        a += 1;
    }
    join(&ctx.words, a..r.end)
}
