//! Resolve: group mentions into entities across all articles of a workspace.
//!
//! Mentions are visited in reading order (document by document) and each joins an entity:
//! 1. one the text ties it to: an alias stated in the text ("X, also known as Y") or an
//!    acronym defined in it ("Hayat Tahrir al-Sham (HTS)"), see [`aliases`], [`acronyms`];
//! 2. one with the same key: the name folded, cleared of titles and particles and spelled
//!    through the transliteration families and phonetic key of [`names`]; well-known acronyms
//!    key as their expansion ("U.S." = "United States");
//! 3. for a person named by one word ("Bashir", "Mr Al Bashir"): the most recent compatible
//!    full name, preferring people not introduced as someone's relative ("his late father
//!    Hafez ..."), then the same document, then recency; a royal title goes with the first
//!    name ("Prince Khalid"), and a surname with no match may be a family name written first
//!    ("Mr Xi"); for a fuller name, one with the same first and last name;
//! 4. for a group: the same name after a nationality ("Islamic Jihad" / "Palestinian Islamic
//!    Jihad") when only one such group is known; a generic last word ("Group", "Front") does
//!    not count;
//! 5. otherwise a new entity.
//!
//! A person's name the recognizer cut in two ("Majed" + "Al Ansari", only a space between)
//! is read as one name. Afterwards acronyms still alone join the one name whose initials
//! they spell, and lone surnames the one full name they fit.
//!
//! Invariants: two people whose given names differ are never joined except by an alias the
//! text states; groups are never joined because they share a word (keys are whole names);
//! `entity_of` has one entry per mention; entity label = majority label of its mentions;
//! `name` = fullest surface form; `aliases` = distinct surface forms (titles stripped);
//! `roles` only on people. Work is linear in the mentions: candidates come from indexes.

pub mod acronyms;
pub mod aliases;
pub mod names;
pub mod roles;
pub mod words;

use crate::ner::Mention;
use crate::tokenize::Tokenized;
use crate::Label;
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::rc::Rc;

/// One document's mentions, as resolve sees them.
pub struct DocMentions<'a> {
    pub text: &'a str,
    pub tok: &'a Tokenized,
    pub mentions: &'a [Mention],
}

/// One real-world entity.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub label: Label,
    /// The fullest name seen (canonical display name).
    pub name: String,
    /// Every distinct surface form, the name included.
    pub aliases: Vec<String>,
    /// Titles and roles found beside the name ("Minister of State", "President").
    pub roles: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resolution {
    pub entities: Vec<Entity>,
    /// For each document, for each of its mentions: the index of its entity.
    pub entity_of: Vec<Vec<usize>>,
}

/// What resolve needs to know about one mention.
#[derive(Clone)]
struct Prepared {
    label: Label,
    /// Surface without titles or possessive.
    name: String,
    /// What its name and label alone give, shared by every mention so named.
    parts: Rc<NameParts>,
    roles: Vec<String>,
    /// Introduced as someone's relative ("his father Hafez ...").
    kin: bool,
    /// After a royal title that goes with first names ("Prince Khalid").
    royal: bool,
    /// Right after "the" ("the Houthis", "the Kennedys"): a group, not a surname.
    after_the: bool,
    /// Recognizer confidence in [0, 1].
    score: f32,
}

/// An entity under construction.
#[derive(Default)]
struct Cluster {
    votes: [usize; 5],
    /// Confidence-weighted votes: the entity's label.
    weights: [f32; 5],
    /// Some name of it is person-shaped (see [`NameParts::person_shaped`]).
    person_shaped: bool,
    first_label: Option<Label>,
    /// (form, key word count, is acronym, order seen)
    forms: Vec<(String, usize, bool, usize)>,
    /// Key words of every full (two-word or longer) person name.
    full_names: Vec<Vec<String>>,
    roles: Vec<String>,
    /// The first name it was introduced by was a relative's ("his father Hafez ...").
    kin_only: bool,
    /// Group names opening with a nationality: (that word, key of the rest), so "Islamic
    /// Jihad" finds "Palestinian Islamic Jihad" while "Taliban" stays between "Afghan
    /// Taliban" and "Pakistani Taliban".
    national: Vec<(String, String)>,
    /// Some mention read as a group ("the Houthis"): never a lone surname.
    group_like: bool,
    /// (document, order) of the latest mention.
    last: (usize, usize),
    first: usize,
}

fn label_slot(l: Label) -> usize {
    Label::ALL.iter().position(|x| *x == l).unwrap_or(0)
}

#[derive(Default)]
struct Resolver {
    clusters: Vec<Cluster>,
    parent: Vec<usize>,
    by_key: HashMap<String, usize>,
    /// Clusters by the last / first key word of their full person names, and by the rest of
    /// their nationality-prefixed group names: candidate lookups never scan every cluster.
    by_last: HashMap<String, Vec<usize>>,
    by_first: HashMap<String, Vec<usize>>,
    by_national: HashMap<String, Vec<usize>>,
    order: usize,
}

/// Record a form once: a repeated form keeps its first place in the list and its earliest
/// order, which is all that naming and alias order read (a cluster's lists stay as long as
/// its distinct names, not its mentions, so lookups stay linear in the text).
fn add_form(
    forms: &mut Vec<(String, usize, bool, usize)>,
    form: &str,
    words: usize,
    acronym: bool,
    order: usize,
) {
    match forms
        .iter_mut()
        .find(|x| x.0 == form && x.1 == words && x.2 == acronym)
    {
        Some(x) => x.3 = x.3.min(order),
        None => forms.push((form.to_string(), words, acronym, order)),
    }
}

fn push_new<T: PartialEq>(list: &mut Vec<T>, x: T) {
    if !list.contains(&x) {
        list.push(x);
    }
}

fn index_push(map: &mut HashMap<String, Vec<usize>>, key: &str, c: usize) {
    match map.get_mut(key) {
        Some(list) if list.last() == Some(&c) => {}
        Some(list) => list.push(c),
        None => {
            map.insert(key.to_string(), vec![c]);
        }
    }
}

impl Resolver {
    fn find(&mut self, mut c: usize) -> usize {
        while let Some(&p) = self.parent.get(c) {
            if p == c {
                break;
            }
            let gp = self.parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(c) {
                *slot = gp;
            }
            c = p;
        }
        c
    }

    fn union(&mut self, a: usize, b: usize) -> usize {
        let (a, b) = (self.find(a), self.find(b));
        if a == b {
            return a;
        }
        // The earlier cluster stays the root so entity order follows first appearance.
        let (root, child) = if self.clusters.get(a).map_or(0, |c| c.first)
            <= self.clusters.get(b).map_or(0, |c| c.first)
        {
            (a, b)
        } else {
            (b, a)
        };
        if let Some(p) = self.parent.get_mut(child) {
            *p = root;
        }
        let moved = self
            .clusters
            .get_mut(child)
            .map(std::mem::take)
            .unwrap_or_default();
        if let Some(r) = self.clusters.get_mut(root) {
            for (x, y) in r.votes.iter_mut().zip(moved.votes) {
                *x += y;
            }
            for (x, y) in r.weights.iter_mut().zip(moved.weights) {
                *x += y;
            }
            r.person_shaped |= moved.person_shaped;
            for f in moved.forms {
                add_form(&mut r.forms, &f.0, f.1, f.2, f.3);
            }
            for f in moved.full_names {
                push_new(&mut r.full_names, f);
            }
            for x in moved.roles {
                push_new(&mut r.roles, x);
            }
            if r.full_names.is_empty() {
                r.kin_only = moved.kin_only;
            }
            r.group_like = r.group_like || moved.group_like;
            for n in moved.national {
                push_new(&mut r.national, n);
            }
            r.last = r.last.max(moved.last);
            r.first = r.first.min(moved.first);
        }
        root
    }

    fn new_cluster(&mut self) -> usize {
        let id = self.clusters.len();
        self.clusters.push(Cluster {
            kin_only: true,
            first: self.order,
            ..Cluster::default()
        });
        self.parent.push(id);
        id
    }

    /// Record mention `p` (document `doc`) as a member of cluster `c`.
    fn add(&mut self, c: usize, p: &Prepared, doc: usize) -> usize {
        let c = self.find(c);
        let order = self.order;
        for k in std::iter::once(&p.parts.key)
            .chain(&p.parts.alt_key)
            .chain(&p.parts.nickname)
        {
            if !self.by_key.contains_key(k) {
                self.by_key.insert(k.clone(), c);
            }
        }
        if let Some(cl) = self.clusters.get_mut(c) {
            if let Some(v) = cl.votes.get_mut(label_slot(p.label)) {
                *v += 1;
            }
            if let Some(w) = cl.weights.get_mut(label_slot(p.label)) {
                *w += if p.score.is_finite() {
                    p.score.clamp(0.05, 1.0)
                } else {
                    1.0
                };
            }
            cl.person_shaped |= p.parts.person_shaped;
            cl.first_label.get_or_insert(p.label);
            add_form(
                &mut cl.forms,
                &p.name,
                p.parts.words.len(),
                p.parts.acronym.is_some(),
                order,
            );
            // A person-shaped name under another label is indexed too, so its surname finds
            // it ("Assad" after "toppled Bashar al-Assad"); the entity's label is voted.
            if (p.label == Label::Per || p.parts.person_shaped)
                && p.parts.words.len() >= 2
                && p.parts.acronym.is_none()
            {
                // Salience follows how a person was introduced: as a relative or not.
                if cl.full_names.is_empty() {
                    cl.kin_only = p.kin;
                }
                if !cl.full_names.contains(&p.parts.words) {
                    cl.full_names.push(p.parts.words.clone());
                }
                if let (Some(first), Some(last)) = (p.parts.words.first(), p.parts.words.last()) {
                    index_push(&mut self.by_first, first, c);
                    index_push(&mut self.by_last, last, c);
                }
            }
            for r in &p.roles {
                if !cl.roles.contains(r) {
                    cl.roles.push(r.clone());
                }
            }
            cl.group_like = cl.group_like || p.after_the;
            if let Some(n) = &p.parts.national {
                if !cl.national.contains(n) {
                    cl.national.push(n.clone());
                }
                index_push(&mut self.by_national, &n.1, c);
            }
            cl.last = (doc, order);
        }
        c
    }

    fn lookup(&mut self, key: &str) -> Option<usize> {
        let c = *self.by_key.get(key)?;
        Some(self.find(c))
    }

    /// The distinct roots of some cluster ids.
    fn roots(&mut self, ids: &[usize]) -> Vec<usize> {
        let mut out: Vec<usize> = ids.iter().map(|&c| self.find(c)).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Root clusters holding a full person name whose last word is `word` ("Bashir").
    fn surname_candidates(&mut self, word: &str) -> Vec<usize> {
        let ids = self.by_last.get(word).cloned().unwrap_or_default();
        self.roots(&ids)
    }

    /// Root clusters holding a full person name whose first word is `word` ("Prince Khalid").
    fn firstname_candidates(&mut self, word: &str) -> Vec<usize> {
        let ids = self.by_first.get(word).cloned().unwrap_or_default();
        self.roots(&ids)
    }

    /// Root clusters holding a longer full person name that ends with `words`.
    fn suffix_candidates(&mut self, words: &[String]) -> Vec<usize> {
        self.by_last_holding(words, |f| f.len() > words.len() && f.ends_with(words))
    }

    /// Root clusters holding a full name compatible with the multi-word name `words`: same
    /// first and last word, one's words contained in order in the other's.
    fn fullname_candidates(&mut self, words: &[String]) -> Vec<usize> {
        self.by_last_holding(words, |f| compatible_full(f, words))
    }

    /// Root clusters, among those sharing the last word of `words`, holding a full name for
    /// which `fits` holds.
    fn by_last_holding(
        &mut self,
        words: &[String],
        fits: impl Fn(&[String]) -> bool,
    ) -> Vec<usize> {
        let Some(last) = words.last() else {
            return Vec::new();
        };
        let ids = self.by_last.get(last).cloned().unwrap_or_default();
        let roots = self.roots(&ids);
        roots
            .into_iter()
            .filter(|&r| {
                self.clusters
                    .get(r)
                    .is_some_and(|c| c.full_names.iter().any(|f| fits(f)))
            })
            .collect()
    }

    /// The preferred candidate: not introduced as a relative, then same document, then the
    /// most recently mentioned.
    fn best(&self, cands: &[usize], doc: usize) -> Option<usize> {
        let non_kin: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|c| self.clusters.get(*c).is_some_and(|x| !x.kin_only))
            .collect();
        let pool = if non_kin.is_empty() {
            cands.to_vec()
        } else {
            non_kin
        };
        pool.into_iter().max_by_key(|c| {
            let last = self.clusters.get(*c).map_or((0, 0), |x| x.last);
            (last.0 == doc, last)
        })
    }
}

/// Some name of the cluster has a particle between its words ("Al", "bin", "el-").
fn has_particle_name(c: &Cluster) -> bool {
    c.forms.iter().any(|f| {
        let ws = names::split_words(&f.0);
        ws.len() >= 3
            && ws.iter().skip(1).any(|w| {
                let w = names::fold(w);
                names::is_particle(&w) || matches!(w.as_str(), "bin" | "ibn" | "bint")
            })
    })
}

fn compatible_full(a: &[String], b: &[String]) -> bool {
    if a.first() != b.first() || a.last() != b.last() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut it = long.iter();
    short.iter().all(|w| it.any(|x| x == w))
}

/// What resolve derives from a name and its label alone: computed once per distinct
/// (label, name) and shared by every mention so named (name keys are the costly part).
struct NameParts {
    /// Key words of the name (see [`names::name_key_words`]).
    words: Vec<String>,
    /// The lookup key.
    key: String,
    /// A second key for all-caps words that may be names ("KYIV" in a dateline).
    alt_key: Option<String>,
    acronym: Option<String>,
    /// For a group name opening with a nationality: (that word, key of the rest).
    national: Option<(String, String)>,
    /// The key of a quoted nickname inside the name.
    nickname: Option<String>,
    /// Labelled otherwise but shaped like a person's name: given name, particle, surname
    /// ("Bashar al-Assad" read as a place after "toppled").
    person_shaped: bool,
}

/// [`NameParts`] by label slot (see [`label_slot`]), then name; for one `resolve` call.
type NameCache = [HashMap<String, Rc<NameParts>>; 5];

fn name_parts(label: Label, name: &str) -> NameParts {
    if label == Label::Date {
        let key = format!(
            "date:{}",
            names::fold(name)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
        return NameParts {
            words: vec![],
            key,
            alt_key: None,
            acronym: None,
            national: None,
            nickname: None,
            person_shaped: false,
        };
    }
    let lex = acronyms::lexicon_name(name);
    let acronym = (names::is_acronym(name) && lex.is_none()).then(|| names::acronym_letters(name));
    // A nickname in quotes inside a name (Joaquin "El Chapo" Guzman) is another name for the
    // person, not part of their name's key.
    let (bare, nickname) = names::split_nickname(name);
    let nickname = nickname
        .map(|n| format!("name:{}", names::name_key_words(&n).join(" ")))
        .filter(|k| k.len() > "name:".len());
    let mut words = names::name_key_words(lex.unwrap_or(&bare));
    if label == Label::Misc && lex.is_none() {
        // "Democrats" / "Democratic", "Republican" / "Republicans": one name.
        if let [w] = names::split_words(name)[..] {
            words = vec![names::phonetic(&names::misc_stem(&names::fold(w)))];
        }
    }
    if matches!(label, Label::Org | Label::Misc) && acronym.is_none() && lex.is_none() {
        // "Wagner Group" and "Wagner", "Nusra Front" and "Nusra": a generic last word does not
        // tell groups apart.
        while words.len() > 1
            && words
                .last()
                .is_some_and(|w| names::generic_org_keys().contains(w))
        {
            words.pop();
        }
    }
    let alt_key = acronym
        .as_ref()
        .map(|_| format!("name:{}", words.join(" ")));
    let split = names::split_words(name);
    let national = match (split.first(), words.get(1..)) {
        (Some(first), Some(rest))
            if matches!(label, Label::Org | Label::Misc)
                && !rest.is_empty()
                && names::looks_national(first) =>
        {
            Some((names::fold(first), format!("name:{}", rest.join(" "))))
        }
        _ => None,
    };
    let key = match (&acronym, lex) {
        (Some(a), _) => format!("acr:{a}"),
        (None, Some(l)) => format!("name:{}", names::name_key_words(l).join(" ")),
        (None, None) => format!("name:{}", words.join(" ")),
    };
    // Places and other names only: a group so shaped ("Ansar al-Islam") is usually rightly
    // called a group.
    let person_shaped = matches!(label, Label::Loc | Label::Misc)
        && acronym.is_none()
        && lex.is_none()
        && national.is_none()
        && words.len() == 2
        && is_person_shaped(&split);
    NameParts {
        words,
        key,
        alt_key,
        acronym,
        national,
        nickname,
        person_shaped,
    }
}

fn prepare(
    d: &DocMentions,
    ws: &[words::Word],
    m: &Mention,
    r: Range<usize>,
    cache: &mut NameCache,
) -> Prepared {
    let surface = m.span.text(d.text);
    // "Mr Al Ansari" is a person whatever the recognizer said.
    let label = if names::starts_with_honorific(surface) && m.label != Label::Date {
        Label::Per
    } else {
        m.label
    };
    let m = &Mention { label, ..*m };
    let (name, mut role) = if m.label == Label::Per {
        names::strip_titles(surface)
    } else {
        (strip_possessive(surface), None)
    };
    // Quote marks and brackets a recognizer left on the edges are not part of the name.
    let name = name
        .trim()
        .trim_matches(|c: char| {
            matches!(
                c,
                '“' | '”' | '"' | '‘' | '’' | '(' | ')' | '[' | ']' | ',' | ';' | ':'
            )
        })
        .trim()
        .to_string();
    let name = if name.is_empty() {
        surface.trim().to_string()
    } else {
        name
    };
    let mut roles = Vec::new();
    if m.label == Label::Per {
        if let Some(t) = roles::title_before(ws, r.start) {
            // The title with its owner when one is named: "US President", "Qatar's foreign
            // ministry spokesman".
            let mut from = t.phrase.start;
            while from < t.title.start
                && ws
                    .get(from)
                    .is_some_and(|w| w.is_any(&["the", "a", "an", "'s", "’s"]))
            {
                from += 1;
            }
            role = Some(roles::join(ws, from..t.title.end));
        }
        if let Some(t) = roles::title_after(ws, r.end) {
            roles.push(roles::join(ws, t.title));
        }
    }
    if let Some(r) = role {
        roles.insert(0, r);
    }
    let kin = m.label == Label::Per && roles::kinship_before(ws, r.start).is_some();
    let royal = roles.first().is_some_and(|t| {
        t.split_whitespace()
            .any(|w| names::ROYAL.contains(&w.to_lowercase().as_str()))
    });
    let after_the = r.start > 0 && ws.get(r.start - 1).is_some_and(|w| w.is("the"));
    let parts = match cache.get_mut(label_slot(m.label)) {
        Some(by_name) => match by_name.get(&name) {
            Some(p) => Rc::clone(p),
            None => Rc::clone(
                by_name
                    .entry(name.clone())
                    .or_insert_with(|| Rc::new(name_parts(m.label, &name))),
            ),
        },
        None => Rc::new(name_parts(m.label, &name)),
    };
    Prepared {
        label: m.label,
        name,
        parts,
        roles,
        kin,
        royal,
        after_the,
        score: m.score,
    }
}

/// Given name, particle, surname, all three capitalised but the particle: "Bashar al-Assad",
/// "Omar El Hassan".
fn is_person_shaped(split: &[&str]) -> bool {
    let cap = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    match split {
        [given, particle, surname] => {
            cap(given)
                && cap(surname)
                && !names::is_particle(&names::fold(given))
                && names::is_particle(&names::fold(particle))
        }
        _ => false,
    }
}

fn strip_possessive(s: &str) -> String {
    let s = s.trim();
    ["'s", "’s"]
        .iter()
        .find_map(|p| s.strip_suffix(p))
        .unwrap_or(s)
        .to_string()
}

/// Group mentions into entities.
pub fn resolve(docs: &[DocMentions]) -> Resolution {
    resolve_with_words(docs, &[])
}

/// [`resolve`] with each document's word view already built (`word_views[d]` is
/// [`words::words`] of document `d`; one missing is built here).
pub fn resolve_with_words(docs: &[DocMentions], word_views: &[Vec<words::Word>]) -> Resolution {
    let mut rs = Resolver::default();
    let mut cache = NameCache::default();
    let mut assigned: Vec<Vec<usize>> = Vec::new();
    for (di, d) in docs.iter().enumerate() {
        let built;
        let ws: &[words::Word] = match word_views.get(di) {
            Some(v) => v,
            None => {
                built = words::words(d.text, d.tok);
                &built
            }
        };
        let ranges: Vec<Range<usize>> = d
            .mentions
            .iter()
            .map(|m| words::words_in(ws, m.span))
            .collect();
        let n = d.mentions.len();
        // Ties the text states: mentions that must share an entity with each mention.
        let mut partners: Vec<Vec<usize>> = vec![Vec::new(); n];
        let tie = |a: usize, b: usize, partners: &mut Vec<Vec<usize>>| {
            if let Some(p) = partners.get_mut(a) {
                p.push(b);
            }
            if let Some(p) = partners.get_mut(b) {
                p.push(a);
            }
        };
        for (a, b) in aliases::stated_aliases(ws, &ranges) {
            tie(a, b, &mut partners);
        }
        let by_range: HashMap<(usize, usize), usize> = ranges
            .iter()
            .enumerate()
            .map(|(i, r)| ((r.start, r.end), i))
            .collect();
        let mut acronym_mentions: HashMap<String, Vec<usize>> = HashMap::default();
        for (mi, m) in d.mentions.iter().enumerate() {
            let s = m.span.text(d.text);
            if names::is_acronym(s) {
                acronym_mentions
                    .entry(names::acronym_letters(s))
                    .or_default()
                    .push(mi);
            }
        }
        let mut defined: rustc_hash::FxHashSet<String> = Default::default();
        for def in acronyms::definitions(ws, &ranges) {
            let Some(&long) = by_range.get(&(def.long.start, def.long.end)) else {
                continue;
            };
            // An unspelled acronym is trusted after a group only: "WASHINGTON (AP)" is a
            // dateline, not a definition. The first definition of an acronym counts.
            let group = d
                .mentions
                .get(long)
                .is_some_and(|m| matches!(m.label, Label::Org | Label::Misc));
            if (!def.spelled && !group) || !defined.insert(def.acronym.clone()) {
                continue;
            }
            for &mi in acronym_mentions
                .get(&def.acronym)
                .map(Vec::as_slice)
                .unwrap_or(&[])
            {
                if mi != long {
                    tie(long, mi, &mut partners);
                }
            }
        }
        // A name the recognizer cut in two ("Majed" "Al Ansari") is read whole: the group's
        // first mention stands for it, the others follow it.
        let lead = split_name_leads(d, &ranges);
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (mi, &l) in lead.iter().enumerate() {
            if let Some(g) = members.get_mut(l) {
                g.push(mi);
            }
        }
        let preps: Vec<Prepared> = d
            .mentions
            .iter()
            .zip(&ranges)
            .enumerate()
            .map(|(mi, (m, r))| {
                match whole_name(d, &ranges, members.get(mi).map_or(&[], Vec::as_slice), mi) {
                    Some((whole, wr)) => prepare(d, ws, &whole, wr, &mut cache),
                    None => prepare(d, ws, m, r.clone(), &mut cache),
                }
            })
            .collect();
        let mut mine: Vec<Option<usize>> = vec![None; preps.len()];
        for (mi, p) in preps.iter().enumerate() {
            rs.order += 1;
            if let Some(c) = lead
                .get(mi)
                .copied()
                .filter(|&l| l != mi)
                .and_then(|l| mine.get(l).copied().flatten())
            {
                if let Some(slot) = mine.get_mut(mi) {
                    *slot = Some(rs.find(c));
                }
                continue;
            }
            let group = members.get(mi).map_or(&[][..], Vec::as_slice);
            let partner = group
                .iter()
                .flat_map(|&g| partners.get(g).map_or(&[][..], Vec::as_slice))
                .find_map(|&o| mine.get(o).copied().flatten());
            if partner.is_none() {
                if let Some(c) = particle_surname(&mut rs, p, di) {
                    // Read as the surname of that person, it votes as one.
                    let c = rs.add(
                        c,
                        &Prepared {
                            label: Label::Per,
                            ..p.clone()
                        },
                        di,
                    );
                    if let Some(slot) = mine.get_mut(mi) {
                        *slot = Some(c);
                    }
                    continue;
                }
            }
            let chosen = match partner {
                Some(c) => Some(c),
                None => choose(&mut rs, p, di),
            };
            let c = match chosen {
                Some(c) => c,
                None => rs.new_cluster(),
            };
            let c = rs.add(c, p, di);
            if let Some(slot) = mine.get_mut(mi) {
                *slot = Some(c);
            }
        }
        assigned.push(mine.into_iter().map(|c| c.unwrap_or(0)).collect());
    }
    join_lone_acronyms(&mut rs);
    join_lone_surnames(&mut rs);
    finish(rs, assigned)
}

/// For each mention, the first mention of the name it belongs to: itself, or the mention
/// right before it when the two are one person's name cut in two by the recognizer: only a
/// space between them, the second a person, the first a single capitalised word that is not
/// a nationality, neither a date ("Majed" + "Al Ansari", "Bashar" + "al-Assad").
fn split_name_leads(d: &DocMentions, ranges: &[Range<usize>]) -> Vec<usize> {
    let mut lead: Vec<usize> = (0..d.mentions.len()).collect();
    for i in 1..d.mentions.len() {
        let (Some(a), Some(b)) = (d.mentions.get(i - 1), d.mentions.get(i)) else {
            continue;
        };
        let gap = d.text.get(a.span.end..b.span.start).unwrap_or("x");
        let first = a.span.text(d.text);
        let joinable = gap == " "
            && b.label == Label::Per
            && a.label != Label::Date
            && ranges.get(i - 1).is_some_and(|r| r.len() == 1)
            && first.chars().next().is_some_and(char::is_uppercase)
            && !names::is_acronym(first)
            && !names::looks_national(first)
            && acronyms::lexicon_name(first).is_none()
            && !names::HONORIFICS.contains(&first.to_lowercase().as_str());
        if joinable {
            let l = lead.get(i - 1).copied().unwrap_or(i - 1);
            if let Some(slot) = lead.get_mut(i) {
                *slot = l;
            }
        }
    }
    lead
}

/// The whole name a group leader stands for, as one mention with its word range.
fn whole_name(
    d: &DocMentions,
    ranges: &[Range<usize>],
    members: &[usize],
    mi: usize,
) -> Option<(Mention, Range<usize>)> {
    if members.len() < 2 {
        return None;
    }
    let first = d.mentions.get(*members.first()?)?;
    let last_i = *members.last()?;
    let last = d.mentions.get(last_i)?;
    let span = first.span.cover(last.span);
    let r = ranges.get(mi)?.start..ranges.get(last_i)?.end;
    Some((
        Mention {
            span,
            label: Label::Per,
            score: first.score.min(last.score),
        },
        r,
    ))
}

/// Steps 2 and 3 of the module doc: the entity a mention joins by its name alone.
fn choose(rs: &mut Resolver, p: &Prepared, doc: usize) -> Option<usize> {
    if p.label == Label::Date {
        return rs.lookup(&p.parts.key);
    }
    if p.parts.acronym.is_some() {
        let alt = p.parts.alt_key.clone().unwrap_or_default();
        return rs.lookup(&p.parts.key).or_else(|| rs.lookup(&alt));
    }
    if p.label == Label::Per && p.parts.words.len() == 1 && !p.after_the {
        let w = p.parts.words.first().cloned().unwrap_or_default();
        let mut cands = if p.royal {
            rs.firstname_candidates(&w)
        } else {
            rs.surname_candidates(&w)
        };
        if cands.is_empty() && !p.royal {
            // Family name first ("Mr Xi" for Xi Jinping, "Mao" for Mao Ning); a name with a
            // particle ("Mohammed Al-Khulaifi") puts the given name first, so a lone given
            // name is not its family name.
            cands = rs.firstname_candidates(&w);
            cands.retain(|&c| !rs.clusters.get(c).is_some_and(has_particle_name));
        }
        if let Some(c) = rs.best(&cands, doc) {
            return Some(c);
        }
        return rs.lookup(&p.parts.key);
    }
    if let Some(c) = rs.lookup(&p.parts.key) {
        return Some(c);
    }
    if let Some(c) = national_match(rs, p) {
        return Some(c);
    }
    if p.label == Label::Per && p.parts.words.len() >= 2 {
        let cands = rs.fullname_candidates(&p.parts.words);
        if let Some(c) = rs.best(&cands, doc) {
            return Some(c);
        }
        // "Guzman Lopez" for Joaquin Guzman Lopez: the last names of a longer full name.
        let cands = rs.suffix_candidates(&p.parts.words);
        return rs.best(&cands, doc);
    }
    None
}

/// A particle and one name word under a label other than PER ("al-Mansouri" read as MISC)
/// is a surname when a person known by a full name carries it: the recognizer's label loses
/// to the shape. Groups ("the Houthis") and names without a particle are left alone.
fn particle_surname(rs: &mut Resolver, p: &Prepared, doc: usize) -> Option<usize> {
    if p.label == Label::Per || p.after_the || p.parts.acronym.is_some() {
        return None;
    }
    let parts = names::split_words(&p.name);
    let [particle, _] = parts[..] else {
        return None;
    };
    if !names::is_particle(&names::fold(particle)) {
        return None;
    }
    let word = p.parts.words.first()?.clone();
    let cands = rs.surname_candidates(&word);
    rs.best(&cands, doc)
}

/// "Palestinian Islamic Jihad" and "Islamic Jihad": a group name and the same name after a
/// nationality are one group, when just one such group is known and no other nationality
/// claims the short name.
fn national_match(rs: &mut Resolver, p: &Prepared) -> Option<usize> {
    if !matches!(p.label, Label::Org | Label::Misc) || p.parts.acronym.is_some() {
        return None;
    }
    if let Some((nat, rest)) = &p.parts.national {
        let c = rs.lookup(rest)?;
        let other = rs
            .clusters
            .get(c)
            .is_some_and(|x| x.national.iter().any(|(n, r)| r == rest && n != nat));
        return (!other).then_some(c);
    }
    let ids = rs
        .by_national
        .get(&p.parts.key)
        .cloned()
        .unwrap_or_default();
    let hits = rs.roots(&ids);
    match hits[..] {
        [only] => Some(only),
        _ => None,
    }
}

/// Acronym-only entities join the one named entity whose initials they spell.
fn join_lone_acronyms(rs: &mut Resolver) {
    // Index the named groups once: initials of multi-word names, and long one-word names by
    // first letter ("KMT" for "Kuomintang").
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::default();
    let mut long_words: HashMap<char, Vec<(usize, String)>> = HashMap::default();
    for j in 0..rs.clusters.len() {
        if rs.find(j) != j {
            continue;
        }
        let Some(o) = rs.clusters.get(j) else {
            continue;
        };
        if o.votes[label_slot(Label::Date)] > 0 {
            continue;
        }
        for f in o.forms.iter().filter(|f| !f.2) {
            if f.1 >= 2 {
                for i in names::initials(&f.0) {
                    index_push(&mut by_initials, &i, j);
                }
            } else if f.1 == 1 {
                if let Some(c) = f.0.chars().next().and_then(|c| c.to_uppercase().next()) {
                    long_words.entry(c).or_default().push((j, f.0.clone()));
                }
            }
        }
    }
    for i in 0..rs.clusters.len() {
        if rs.find(i) != i {
            continue;
        }
        let Some(c) = rs.clusters.get(i) else {
            continue;
        };
        if c.forms.is_empty() || !c.forms.iter().all(|f| f.2) || c.votes[label_slot(Label::Per)] > 0
        {
            continue;
        }
        let letters = c
            .forms
            .first()
            .map(|f| names::acronym_letters(&f.0))
            .unwrap_or_default();
        let n = letters.chars().count();
        let mut hits: Vec<usize> = by_initials.get(&letters).cloned().unwrap_or_default();
        if n >= 3 {
            let first = letters.chars().next().unwrap_or(' ');
            for (j, form) in long_words.get(&first).map(Vec::as_slice).unwrap_or(&[]) {
                if form.chars().count() >= 2 * n && acronyms::plausible(&letters, form) {
                    hits.push(*j);
                }
            }
        }
        // A recognizer may call a long group name a person; three letters spelling it still
        // make it the acronym's expansion, two do not.
        let mut roots = rs.roots(&hits);
        roots.retain(|&j| {
            j != i
                && rs
                    .clusters
                    .get(j)
                    .is_some_and(|o| o.votes[label_slot(Label::Per)] == 0 || n >= 3)
        });
        if let [only] = roots[..] {
            rs.union(i, only);
        }
    }
}

/// Person entities known only by one word join the one full name they fit, if just one.
fn join_lone_surnames(rs: &mut Resolver) {
    for i in 0..rs.clusters.len() {
        if rs.find(i) != i {
            continue;
        }
        let Some(c) = rs.clusters.get(i) else {
            continue;
        };
        if !c.full_names.is_empty()
            || c.group_like
            || c.votes[label_slot(Label::Per)] == 0
            || c.forms.iter().any(|f| f.2 || f.1 != 1)
        {
            continue;
        }
        let Some(word) = c
            .forms
            .first()
            .map(|f| names::name_key_words(&f.0))
            .and_then(|w| w.first().cloned())
        else {
            continue;
        };
        let cands: Vec<usize> = rs
            .surname_candidates(&word)
            .into_iter()
            .filter(|&j| j != i)
            .collect();
        if let [only] = cands[..] {
            rs.union(i, only);
        }
    }
}

fn finish(mut rs: Resolver, assigned: Vec<Vec<usize>>) -> Resolution {
    let mut index: HashMap<usize, usize> = HashMap::default();
    let mut entities = Vec::new();
    let mut roots: Vec<usize> = (0..rs.clusters.len())
        .filter(|&i| rs.find(i) == i)
        .collect();
    roots.sort_by_key(|&i| rs.clusters.get(i).map_or(0, |c| c.first));
    for r in roots {
        let Some(c) = rs.clusters.get(r) else {
            continue;
        };
        if c.forms.is_empty() {
            continue;
        }
        index.insert(r, entities.len());
        entities.push(to_entity(c));
    }
    let entity_of = assigned
        .into_iter()
        .map(|doc| {
            doc.into_iter()
                .map(|c| index.get(&rs.find(c)).copied().unwrap_or(0))
                .collect()
        })
        .collect();
    Resolution {
        entities,
        entity_of,
    }
}

/// The label by confidence-weighted vote of the mentions, ties to the first mention's label;
/// a person-shaped name any mention calls a person counts one more vote for PER.
fn entity_label(c: &Cluster) -> Label {
    let mut w = c.weights;
    let per = label_slot(Label::Per);
    if c.person_shaped && c.votes.get(per).is_some_and(|&v| v > 0) {
        if let Some(x) = w.get_mut(per) {
            *x += 1.0;
        }
    }
    let max = w.iter().copied().fold(0.0_f32, f32::max);
    let first = c.first_label.unwrap_or(Label::Misc);
    let top = |l: Label| w.get(label_slot(l)).is_some_and(|&x| x >= max - 1e-4);
    if top(first) {
        first
    } else {
        Label::ALL.into_iter().find(|l| top(*l)).unwrap_or(first)
    }
}

fn to_entity(c: &Cluster) -> Entity {
    let label = entity_label(c);
    let name = c
        .forms
        .iter()
        .max_by_key(|f| (!f.2, f.1, std::cmp::Reverse(f.3)))
        .map(|f| f.0.clone())
        .unwrap_or_default();
    let mut aliases: Vec<String> = Vec::new();
    let mut forms: Vec<&(String, usize, bool, usize)> = c.forms.iter().collect();
    forms.sort_by_key(|f| f.3);
    for f in forms {
        if !f.0.is_empty() && !aliases.contains(&f.0) {
            aliases.push(f.0.clone());
        }
    }
    if !aliases.contains(&name) {
        aliases.insert(0, name.clone());
    }
    let mut roles: Vec<String> = Vec::new();
    // Titles describe people; a group a recognizer once called a person keeps none.
    let titled = if label == Label::Per {
        c.roles.as_slice()
    } else {
        &[]
    };
    for r in titled {
        if !r.is_empty() && !roles.iter().any(|x| x.eq_ignore_ascii_case(r)) {
            roles.push(r.clone());
        }
    }
    Entity {
        label,
        name,
        aliases,
        roles,
    }
}
