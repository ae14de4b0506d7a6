//! CoNLL-2003 reading (pure: the caller does the I/O). First column = token, last column = gold
//! tag (when there is more than one column); a blank line ends a sentence; a `-DOCSTART-` line
//! starts a new document. Every token remembers its input line so `gloss tag` can echo lines.

use super::tags::{to_iob2, Tag};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sentence {
    pub words: Vec<String>,
    /// Gold tags (strict IOB2); `O` where the input had no tag column.
    pub tags: Vec<Tag>,
    /// Input line index of every token.
    pub lines: Vec<usize>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub sentences: Vec<Sentence>,
}

impl Document {
    pub fn n_tokens(&self) -> usize {
        self.sentences.iter().map(|s| s.words.len()).sum()
    }
}

/// Parse CoNLL text. With `strict`, a last column that is not a tag is an error naming the
/// line; otherwise such a token gets gold tag `O` (for tagging files without gold tags).
pub fn parse(text: &str, strict: bool) -> Result<Vec<Document>, String> {
    let mut docs: Vec<Document> = Vec::new();
    let mut doc = Document::default();
    let mut sent = Sentence::default();
    let flush_sent = |doc: &mut Document, sent: &mut Sentence| {
        if !sent.words.is_empty() {
            to_iob2(&mut sent.tags);
            doc.sentences.push(std::mem::take(sent));
        }
    };
    for (ln, line) in text.lines().enumerate() {
        let mut cols = line.split_whitespace();
        let Some(word) = cols.next() else {
            flush_sent(&mut doc, &mut sent);
            continue;
        };
        if word == "-DOCSTART-" {
            flush_sent(&mut doc, &mut sent);
            if !doc.sentences.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        let tag = match cols.last() {
            None => Tag::O,
            Some(t) => match Tag::parse(t) {
                Some(tag) => tag,
                None if !strict => Tag::O,
                None => return Err(format!("line {}: unknown tag `{t}`", ln + 1)),
            },
        };
        sent.words.push(word.to_string());
        sent.tags.push(tag);
        sent.lines.push(ln);
    }
    flush_sent(&mut doc, &mut sent);
    if !doc.sentences.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}
