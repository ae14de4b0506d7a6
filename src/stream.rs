//! A contract sent in pieces, so that neither side handles one huge message: a skeleton
//! (entities, relations, diagnostics and each document's source, title and furniture), then
//! each document's text in parts of whole paragraphs with the mentions, links and quotes that
//! start in them. The relations, one per instance and so tens of thousands in a long
//! article, ride along in order, an equal share in each part, so that no one message (the
//! skeleton) is big to decode. The page shows the paragraphs received so far; joining every
//! part gives back exactly the contract that was split. Pure: no DOM, no worker.

use gloss_core::protocol::{Contract, DocumentDto, LinkDto, MentionDto, QuoteDto, RelationDto};
use serde::{Deserialize, Serialize};

/// A part is closed at the first paragraph break after this many bytes of text. Each part is
/// one message the page decodes in one task (its text, and its mentions as JSON, several
/// times the text's size): small enough to stay well under 50 ms there.
pub const PART_BYTES: usize = 32 * 1024;

/// A run of whole paragraphs of document `doc`, and the items that start in it. Offsets stay
/// those of the whole document (code points), so parts are appended as they are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocPart {
    pub doc: usize,
    pub text: String,
    pub mentions: Vec<MentionDto>,
    pub links: Vec<LinkDto>,
    pub quotes: Vec<QuoteDto>,
    /// The next share of the contract's relations (of any document), in their order.
    #[serde(default)]
    pub relations: Vec<RelationDto>,
}

/// Split `contract` into its skeleton and the parts of its documents, in order.
pub fn split(mut contract: Contract, part_bytes: usize) -> (Contract, Vec<DocPart>) {
    let mut parts = Vec::new();
    for (d, doc) in contract.documents.iter_mut().enumerate() {
        let text = std::mem::take(&mut doc.text);
        let mut mentions = std::mem::take(&mut doc.mentions).into_iter().peekable();
        let mut links = std::mem::take(&mut doc.links).into_iter().peekable();
        let mut quotes = std::mem::take(&mut doc.quotes).into_iter().peekable();
        let cuts = cut_points(&text, part_bytes.max(1));
        let mut from = 0;
        let mut cp_end = 0;
        let last = cuts.len().saturating_sub(1);
        for (k, &to) in cuts.iter().enumerate() {
            let piece = text.get(from..to).unwrap_or("");
            cp_end += piece.chars().count();
            // Items in their own order; the last part takes whatever is left.
            let take = |start: usize| k == last || start < cp_end;
            let mut part = DocPart {
                doc: d,
                text: piece.to_string(),
                mentions: Vec::new(),
                links: Vec::new(),
                quotes: Vec::new(),
                relations: Vec::new(),
            };
            while let Some(m) = mentions.next_if(|m| take(m.start)) {
                part.mentions.push(m);
            }
            while let Some(l) = links.next_if(|l| take(l.start)) {
                part.links.push(l);
            }
            while let Some(q) = quotes.next_if(|q| take(q.start)) {
                part.quotes.push(q);
            }
            parts.push(part);
            from = to;
        }
    }
    // Without documents there are no parts, and the relations stay in the skeleton.
    if !parts.is_empty() {
        let relations = std::mem::take(&mut contract.relations);
        let share = relations.len().div_ceil(parts.len()).max(1);
        let mut relations = relations.into_iter();
        for part in parts.iter_mut() {
            part.relations.extend(relations.by_ref().take(share));
        }
    }
    (contract, parts)
}

/// Byte offsets where the parts of `text` end: after the paragraph break that follows each
/// `part_bytes` of text, and at the end. Always at least one part, even for an empty text.
fn cut_points(text: &str, part_bytes: usize) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut from = 0;
    while text.len() - from > part_bytes {
        let mut at = from + part_bytes;
        while !text.is_char_boundary(at) {
            at += 1;
        }
        match text.get(at..).and_then(|rest| rest.find("\n\n")) {
            Some(i) => {
                from = at + i + 2;
                cuts.push(from);
            }
            None => break,
        }
    }
    if cuts.last() != Some(&text.len()) || cuts.is_empty() {
        cuts.push(text.len());
    }
    cuts
}

/// The contract being received: the skeleton, then parts appended in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Assembler {
    contract: Contract,
    received: usize,
    /// The last part added was the first of its document.
    first_of_document: bool,
}

impl Assembler {
    pub fn new(skeleton: Contract) -> Self {
        Assembler {
            contract: skeleton,
            received: 0,
            first_of_document: false,
        }
    }

    /// Append a part; a part for a document the skeleton does not have is dropped.
    pub fn add(&mut self, mut part: DocPart) {
        let Some(doc) = self.contract.documents.get_mut(part.doc) else {
            return;
        };
        self.first_of_document = doc.text.is_empty() && doc.mentions.is_empty();
        let relations = std::mem::take(&mut part.relations);
        append(doc, part);
        self.contract.relations.extend(relations);
        self.received += 1;
    }

    pub fn received(&self) -> usize {
        self.received
    }

    /// Whether the last part added was the first of its document.
    pub fn first_of_its_document(&self) -> bool {
        self.first_of_document
    }

    /// Bytes of document text received so far.
    pub fn text_bytes(&self) -> usize {
        self.contract.documents.iter().map(|d| d.text.len()).sum()
    }

    /// What has arrived so far, as a contract.
    pub fn contract(&self) -> &Contract {
        &self.contract
    }

    pub fn into_contract(self) -> Contract {
        self.contract
    }
}

fn append(doc: &mut DocumentDto, part: DocPart) {
    doc.text.push_str(&part.text);
    doc.mentions.extend(part.mentions);
    doc.links.extend(part.links);
    doc.quotes.extend(part.quotes);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::{annotate_articles, ArticleInput};

    fn contract() -> Contract {
        let para = "Officials from Qatar met Selim Aydemir in Doha on Tuesday, “we will meet again,” he said. \
                    <a href=\"https://www.reuters.com/world/qatar-hosts-talks-2025-03-04/\">Talks</a> go on. \
                    Émilie Dubois flew to القاهرة with 👨‍👩‍👧 in tow. \
                    Karim Benali met Selim Aydemir in Doha on Monday.";
        let body: String = (0..60).map(|i| format!("<p>{i}. {para}</p>")).collect();
        annotate_articles(&[
            ArticleInput {
                source: "big.html".into(),
                input: body,
            },
            ArticleInput {
                source: "small.txt".into(),
                input: "Short note from Beirut.".into(),
            },
            ArticleInput {
                source: "empty".into(),
                input: String::new(),
            },
        ])
    }

    #[test]
    fn joining_the_parts_gives_back_the_contract() {
        let c = contract();
        assert!(c.documents[0].mentions.len() > 100);
        assert!(c.relations.len() > 10, "{}", c.relations.len());
        for part_bytes in [1, 100, 700, 5_000, PART_BYTES] {
            let (skeleton, parts) = split(c.clone(), part_bytes);
            assert!(skeleton
                .documents
                .iter()
                .all(|d| d.text.is_empty() && d.mentions.is_empty()));
            assert!(
                skeleton.relations.is_empty(),
                "relations travel in the parts"
            );
            assert_eq!(skeleton.entities, c.entities);
            let mut a = Assembler::new(skeleton);
            for p in parts {
                a.add(p);
            }
            assert_eq!(a.into_contract(), c, "part size {part_bytes}");
        }
    }

    #[test]
    fn parts_are_whole_paragraphs_and_hold_what_starts_in_them() {
        let c = contract();
        let (_, parts) = split(c.clone(), 700);
        let big: Vec<&DocPart> = parts.iter().filter(|p| p.doc == 0).collect();
        assert!(big.len() > 5, "{}", big.len());
        let mut cp = 0;
        for (k, p) in big.iter().enumerate() {
            if k + 1 < big.len() {
                assert!(
                    p.text.ends_with("\n\n"),
                    "part {k} ends at a paragraph break"
                );
            }
            let end = cp + p.text.chars().count();
            assert!(p.mentions.iter().all(|m| (cp..end).contains(&m.start)));
            assert!(p.links.iter().all(|l| (cp..end).contains(&l.start)));
            cp = end;
        }
        // The relations are shared out evenly, none left in a part of its own.
        let share = c.relations.len().div_ceil(parts.len());
        assert!(parts.iter().all(|p| p.relations.len() <= share));
        assert_eq!(
            parts.iter().map(|p| p.relations.len()).sum::<usize>(),
            c.relations.len()
        );
        // Every document gets at least one part, even an empty one.
        assert_eq!(parts.iter().filter(|p| p.doc == 2).count(), 1);
    }

    #[test]
    fn a_text_without_breaks_is_one_part() {
        assert_eq!(cut_points(&"x".repeat(10_000), 100), vec![10_000]);
        assert_eq!(cut_points("", 100), vec![0]);
        assert_eq!(cut_points("ab\n\ncd\n\n", 1), vec![4, 8]);
    }

    #[test]
    fn a_stray_part_is_ignored() {
        let (skeleton, _) = split(contract(), PART_BYTES);
        let mut a = Assembler::new(skeleton.clone());
        a.add(DocPart {
            doc: 99,
            text: "x".into(),
            mentions: vec![],
            links: vec![],
            quotes: vec![],
            relations: vec![],
        });
        assert_eq!(a.received(), 0);
        assert_eq!(a.contract(), &skeleton);
    }
}
