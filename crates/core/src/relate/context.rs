//! Context: the word-level view of one document that relation and quote rules share — words,
//! the word range and entity of each mention, demonyms mapped to their country entity, and the
//! antecedent of a subject pronoun.

use super::DocView;
use crate::resolve::names::name_key_words;
use crate::resolve::words::{words, words_in, Word};
use crate::Label;
use std::ops::Range;

/// One mention as the rules see it.
#[derive(Clone, Debug)]
pub struct M {
    pub words: Range<usize>,
    pub entity: usize,
    pub label: Label,
    pub sentence: usize,
}

pub struct Ctx<'a> {
    pub text: &'a str,
    pub words: Vec<Word<'a>>,
    pub mentions: Vec<M>,
    /// Entity of each mention read as a country when it is a demonym ("Qatari" → Qatar).
    pub country_of: Vec<Option<usize>>,
    pub labels: Vec<Label>,
    pub entities: &'a [crate::resolve::Entity],
    /// Word index → the mention covering it / starting at it / ending right before it, so
    /// every lookup is constant time (the rules ask for each word).
    cover: Vec<Option<usize>>,
    starting: Vec<Option<usize>>,
    ending: Vec<Option<usize>>,
}

/// How far back (in words) any backward search goes: bounded work per rule on any input.
pub const WINDOW: usize = 60;

/// Irregular demonyms; regular ones are derived by suffix rules.
const DEMONYMS: &[(&str, &str)] = &[
    ("american", "united states"),
    ("british", "united kingdom"),
    ("turkish", "turkey"),
    ("chinese", "china"),
    ("french", "france"),
    ("dutch", "netherlands"),
    ("swiss", "switzerland"),
    ("greek", "greece"),
    ("spanish", "spain"),
    ("polish", "poland"),
    ("danish", "denmark"),
    ("swedish", "sweden"),
    ("finnish", "finland"),
    ("irish", "ireland"),
    ("lebanese", "lebanon"),
    ("sudanese", "sudan"),
    ("japanese", "japan"),
    ("vietnamese", "vietnam"),
    ("congolese", "congo"),
    ("portuguese", "portugal"),
    ("saudi", "saudi arabia"),
    ("emirati", "united arab emirates"),
    ("filipino", "philippines"),
    ("israeli", "israel"),
    ("german", "germany"),
    ("mexican", "mexico"),
    ("peruvian", "peru"),
    ("ukrainian", "ukraine"),
    ("iranian", "iran"),
    ("malian", "mali"),
];

/// Country names a demonym may stand for, most likely first.
pub fn demonym_countries(word: &str) -> Vec<String> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('s');
    let mut out: Vec<String> = DEMONYMS
        .iter()
        .filter(|(d, _)| *d == w)
        .map(|(_, c)| c.to_string())
        .collect();
    if let Some(stem) = w.strip_suffix("ian") {
        out.push(format!("{stem}ia"));
        out.push(stem.to_string());
    }
    if let Some(stem) = w.strip_suffix("an") {
        out.push(format!("{stem}a"));
        out.push(stem.to_string());
    }
    if let Some(stem) = w.strip_suffix('i') {
        out.push(stem.to_string());
    }
    if let Some(stem) = w.strip_suffix("ese") {
        out.push(stem.to_string());
        out.push(format!("{stem}a"));
    }
    if let Some(stem) = w.strip_suffix("ish") {
        out.push(stem.to_string());
        out.push(format!("{stem}y"));
    }
    out
}

impl<'a> Ctx<'a> {
    pub fn new(doc: &DocView<'a>) -> Ctx<'a> {
        Ctx::with_words(doc, words(doc.text, doc.tok))
    }

    /// The context from the document's word view already built (`words(doc.text, doc.tok)`):
    /// the pipeline builds it once per document for resolve and relations.
    pub fn with_words(doc: &DocView<'a>, ws: Vec<Word<'a>>) -> Ctx<'a> {
        let mut mentions = Vec::new();
        let mut labels = Vec::new();
        for (i, m) in doc.mentions.iter().enumerate() {
            let r = words_in(&ws, m.span);
            let Some(first) = ws.get(r.start) else {
                continue;
            };
            if r.is_empty() {
                continue;
            }
            let entity = doc.entity_of.get(i).copied().unwrap_or(usize::MAX);
            let label = doc.entities.get(entity).map_or(m.label, |e| e.label);
            mentions.push(M {
                words: r,
                entity,
                label,
                sentence: first.sentence,
            });
            labels.push(label);
        }
        // Mentions sorted by start, overlapping ones dropped, so the indexes below are exact.
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|&i| mentions.get(i).map_or(0, |m| m.words.start));
        let mut kept: Vec<M> = Vec::new();
        let mut kept_labels = Vec::new();
        for i in order {
            let (Some(m), Some(l)) = (mentions.get(i), labels.get(i)) else {
                continue;
            };
            if kept.last().is_some_and(|k: &M| k.words.end > m.words.start) {
                continue;
            }
            kept.push(m.clone());
            kept_labels.push(*l);
        }
        let (mentions, labels) = (kept, kept_labels);
        let mut cover = vec![None; ws.len()];
        let mut starting = vec![None; ws.len()];
        let mut ending = vec![None; ws.len() + 1];
        for (mi, m) in mentions.iter().enumerate() {
            for k in m.words.clone() {
                if let Some(slot) = cover.get_mut(k) {
                    *slot = Some(mi);
                }
            }
            if let Some(slot) = starting.get_mut(m.words.start) {
                *slot = Some(mi);
            }
            if let Some(slot) = ending.get_mut(m.words.end) {
                *slot = Some(mi);
            }
        }
        // Demonyms: a one-word MISC/LOC mention whose derived country names a place entity.
        let mut places: rustc_hash::FxHashMap<Vec<String>, usize> = Default::default();
        for (ei, e) in doc.entities.iter().enumerate() {
            if e.label == Label::Loc {
                for a in &e.aliases {
                    places.entry(name_key_words(a)).or_insert(ei);
                }
            }
        }
        let mut country_of = Vec::new();
        for m in &mentions {
            let mut hit = None;
            if m.words.len() == 1 && m.label != Label::Per && m.label != Label::Date {
                if let Some(w) = ws.get(m.words.start) {
                    hit = demonym_countries(w.text)
                        .iter()
                        .filter_map(|c| places.get(&name_key_words(c)).copied())
                        .find(|&e| e != m.entity);
                }
            }
            country_of.push(hit);
        }
        Ctx {
            text: doc.text,
            words: ws,
            mentions,
            country_of,
            labels,
            entities: doc.entities,
            cover,
            starting,
            ending,
        }
    }

    pub fn word(&self, i: usize) -> Option<&Word<'a>> {
        self.words.get(i)
    }

    /// Whether an entity is a country (a recognizer may call "US" an organisation): a known
    /// country name, or the country of some demonym.
    pub fn is_country(&self, entity: usize) -> bool {
        let Some(e) = self.entities.get(entity) else {
            return false;
        };
        self.country_of.contains(&Some(entity))
            || e.aliases.iter().any(|a| {
                crate::resolve::acronyms::lexicon_name(a)
                    .is_some_and(crate::resolve::acronyms::is_country)
            })
    }

    /// The entity a mention stands for in a relation: its country when it is a demonym.
    pub fn rel_entity(&self, mi: usize) -> Option<usize> {
        let m = self.mentions.get(mi)?;
        if m.entity == usize::MAX {
            return None;
        }
        Some(
            self.country_of
                .get(mi)
                .copied()
                .flatten()
                .unwrap_or(m.entity),
        )
    }

    /// The label of the entity a mention stands for in a relation.
    pub fn rel_label(&self, mi: usize) -> Label {
        if self.country_of.get(mi).copied().flatten().is_some() {
            return Label::Loc;
        }
        self.mentions.get(mi).map_or(Label::Misc, |m| m.label)
    }

    /// The mention starting at word `i`.
    pub fn mention_starting(&self, i: usize) -> Option<usize> {
        self.starting.get(i).copied().flatten()
    }

    /// The mention ending right before word `i` (exclusive end).
    pub fn mention_ending(&self, i: usize) -> Option<usize> {
        self.ending.get(i).copied().flatten()
    }

    /// The mention covering word `i`.
    pub fn mention_covering(&self, i: usize) -> Option<usize> {
        self.cover.get(i).copied().flatten()
    }

    /// Mentions inside a word range, in order.
    pub fn mentions_in(&self, r: Range<usize>) -> Vec<usize> {
        let end = r.end;
        r.filter_map(|k| self.mention_starting(k))
            .filter(|&mi| self.mentions.get(mi).is_some_and(|m| m.words.end <= end))
            .collect()
    }

    /// Mentions of sentence `s`, in order.
    pub fn sentence_mentions(&self, s: usize) -> Range<usize> {
        let a = self.mentions.partition_point(|m| m.sentence < s);
        let b = self.mentions.partition_point(|m| m.sentence <= s);
        a..b
    }

    /// Mentions starting before word `i` and no more than [`WINDOW`] words before it, nearest
    /// first.
    pub fn mentions_before(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.mentions_within(i, WINDOW)
    }

    /// Mentions starting before word `i` and no more than `window` words before it, nearest
    /// first.
    pub fn mentions_within(&self, i: usize, window: usize) -> impl Iterator<Item = usize> + '_ {
        let n = self.mentions.partition_point(|m| m.words.start < i);
        let lo = i.saturating_sub(window);
        (0..n)
            .rev()
            .take_while(move |&mi| self.mentions.get(mi).is_some_and(|m| m.words.start >= lo))
    }

    /// Word range of sentence `s`.
    pub fn sentence_words(&self, s: usize) -> Range<usize> {
        let a = self.words.partition_point(|w| w.sentence < s);
        let b = self.words.partition_point(|w| w.sentence <= s);
        a..b
    }

    /// The byte span of sentence `s`.
    pub fn sentence_span(&self, s: usize) -> crate::Span {
        let r = self.sentence_words(s);
        match (
            self.words.get(r.start),
            r.end.checked_sub(1).and_then(|e| self.words.get(e)),
        ) {
            (Some(a), Some(b)) => crate::Span::new(a.span.start, b.span.end),
            _ => crate::Span::default(),
        }
    }

    /// Whether a word is a subject pronoun for a person.
    pub fn is_person_pronoun(w: &Word) -> bool {
        w.is_any(&["he", "she"])
    }

    /// The antecedent of a pronoun subject at word `i`: for "he"/"she" the most recent person
    /// mention that opens a clause (sentence start, or right after a title) in this or the two
    /// previous sentences; for "it"/"they" the first non-person mention of the previous
    /// sentence (its likely subject).
    pub fn antecedent(&self, i: usize) -> Option<usize> {
        let w = self.word(i)?;
        let s = w.sentence;
        if Self::is_person_pronoun(w) {
            let lo = s.saturating_sub(2);
            return self.mentions_before(i).find(|&mi| {
                self.mentions.get(mi).is_some_and(|m| {
                    m.label == Label::Per && m.sentence >= lo && self.opens_clause(mi)
                })
            });
        }
        if w.is_any(&["it", "they"]) {
            let prev = s.checked_sub(1)?;
            return self.sentence_mentions(prev).find(|&mi| {
                self.labels
                    .get(mi)
                    .is_some_and(|l| matches!(l, Label::Org | Label::Loc))
            });
        }
        None
    }

    /// The group a "the group" / "its" at word `i` refers to: this sentence's subject when it
    /// is an organisation named in its first words, else the first organisation of the
    /// previous sentence.
    pub fn group_antecedent(&self, i: usize) -> Option<usize> {
        // "the cartel's": the nearest organisation whose name ends in that noun, if any.
        let noun = self.word(i)?.text.to_lowercase();
        let named = self.mentions_within(i, 4 * WINDOW).find(|&mi| {
            self.labels.get(mi) == Some(&Label::Org)
                && self
                    .mentions
                    .get(mi)
                    .and_then(|m| self.word(m.words.end.saturating_sub(1)))
                    .is_some_and(|w| {
                        let last = w.text.to_lowercase();
                        last == noun || last.strip_suffix('s') == Some(noun.as_str())
                    })
        });
        if named.is_some() {
            return named;
        }
        let s = self.word(i)?.sentence;
        let start = self.sentence_words(s).start;
        let is_org = |mi: usize| self.labels.get(mi) == Some(&Label::Org);
        let here = self.sentence_mentions(s).next().filter(|&mi| {
            self.mentions
                .get(mi)
                .is_some_and(|m| m.words.end <= i && m.words.start < start + 3)
        });
        if let Some(mi) = here.filter(|&mi| is_org(mi)) {
            return Some(mi);
        }
        let prev = s.checked_sub(1)?;
        // A credit in brackets ("(Reuters)") is not the story's subject.
        let bracketed = |mi: usize| {
            self.mentions.get(mi).is_some_and(|m| {
                m.words.start > 0 && self.word(m.words.start - 1).is_some_and(|w| w.text == "(")
            })
        };
        self.sentence_mentions(prev)
            .find(|&mi| is_org(mi) && !bracketed(mi))
    }

    /// Whether a mention stands where a subject does: first words of its sentence (after
    /// title words, dates and "Mr"), or right after a quote's closing comma.
    pub fn opens_clause(&self, mi: usize) -> bool {
        let Some(m) = self.mentions.get(mi) else {
            return false;
        };
        let start = self
            .sentence_words(m.sentence)
            .start
            .max(m.words.start.saturating_sub(12));
        if start != self.sentence_words(m.sentence).start {
            return false;
        }
        let mut i = m.words.start;
        while i > start {
            let Some(w) = self.word(i - 1) else {
                return false;
            };
            let titleish = crate::resolve::names::is_title_word(&w.lower())
                || w.is_capitalized()
                || w.text == "'s"
                || w.text == "’s";
            if !titleish {
                return false;
            }
            i -= 1;
        }
        true
    }
}
