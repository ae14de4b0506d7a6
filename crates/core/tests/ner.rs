//! Tests of the entity recognizer: model file checks, conlleval-exact scoring, CoNLL reading,
//! gazetteer matching, a tiny training run, and `recognize` on modern wire-style sentences
//! written for these tests (not taken from any corpus).

use gloss_core::ner::conll;
use gloss_core::ner::lexicon::Gazetteer;
use gloss_core::ner::model::{Lexicons, Model, ModelError, MAGIC, VERSION};
use gloss_core::ner::score::Scorer;
use gloss_core::ner::tags::{chunks, Chunk, Tag};
use gloss_core::ner::train::{self, TrainConfig};
use gloss_core::ner::{self, recognize};
use gloss_core::tokenize::tokenize;
use gloss_core::{Label, Span};

fn tags(s: &str) -> Vec<Tag> {
    s.split_whitespace()
        .map(|t| Tag::parse(t).unwrap_or(Tag::O))
        .collect()
}

#[test]
fn chunks_follow_conlleval() {
    // (tags, chunks as (start, end, type index))
    let table: &[(&str, &[(usize, usize, usize)])] = &[
        ("O O O", &[]),
        ("B-PER I-PER O B-LOC", &[(0, 2, 0), (3, 4, 2)]),
        // IOB1: an I- after O starts a chunk.
        ("O I-ORG I-ORG", &[(1, 3, 1)]),
        // A type change inside I- tags starts a new chunk.
        ("I-PER I-LOC", &[(0, 1, 0), (1, 2, 2)]),
        // B- after B- of the same type: two chunks.
        ("B-MISC B-MISC I-MISC", &[(0, 1, 3), (1, 3, 3)]),
        ("B-ORG", &[(0, 1, 1)]),
    ];
    for (t, want) in table {
        let got: Vec<(usize, usize, usize)> = chunks(&tags(t))
            .iter()
            .map(|c: &Chunk| (c.start, c.end, c.ty))
            .collect();
        assert_eq!(&got, want, "tags {t}");
    }
}

#[test]
fn scorer_counts_exact_span_and_type() {
    // (gold, predicted, correct, predicted chunks, gold chunks)
    let table: &[(&str, &str, usize, usize, usize)] = &[
        ("B-PER I-PER O", "B-PER I-PER O", 1, 1, 1),
        // Right type, wrong span: no credit.
        ("B-PER I-PER O", "B-PER O O", 0, 1, 1),
        // Right span, wrong type: no credit.
        ("B-LOC O", "B-ORG O", 0, 1, 1),
        // Missed and spurious.
        ("B-LOC O O", "O O B-MISC", 0, 1, 1),
        ("O O", "O O", 0, 0, 0),
        ("B-ORG I-ORG B-LOC", "B-ORG I-ORG B-LOC", 2, 2, 2),
    ];
    for &(g, p, correct, predicted, gold) in table {
        let mut sc = Scorer::default();
        sc.add(&tags(g), &tags(p));
        let o = sc.overall();
        assert_eq!(
            (o.correct, o.predicted, o.gold),
            (correct, predicted, gold),
            "{g} / {p}"
        );
    }
    let mut sc = Scorer::default();
    sc.add(&tags("B-PER O B-LOC"), &tags("B-PER O B-ORG"));
    let o = sc.overall();
    assert!((o.precision() - 0.5).abs() < 1e-9 && (o.recall() - 0.5).abs() < 1e-9);
    assert!((o.f1() - 0.5).abs() < 1e-9);
    assert_eq!(sc.per_type[0].correct, 1);
    assert_eq!(sc.per_type[2].gold, 1);
    assert_eq!(sc.per_type[1].predicted, 1);
}

#[test]
fn conll_documents_sentences_and_lines() {
    let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP I-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nBONN NNP B-NP I-LOC\n";
    let docs = conll::parse(text, true).expect("parses");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].sentences.len(), 2);
    assert_eq!(docs[0].sentences[1].words, vec!["Peter", "Blackburn"]);
    // IOB1 input is read as IOB2.
    assert_eq!(docs[0].sentences[1].tags, tags("B-PER I-PER"));
    assert_eq!(docs[1].sentences[0].tags, tags("B-LOC"));
    assert_eq!(docs[0].sentences[0].lines, vec![2, 3]);
    assert!(conll::parse("word NN B-XYZ\n", true).is_err());
    assert_eq!(conll::parse("word NN\n", false).map(|d| d.len()), Ok(1));
}

fn header(version: u16) -> Vec<u8> {
    let mut b = MAGIC.to_vec();
    b.extend_from_slice(&version.to_le_bytes());
    b.push(16);
    b.push(9);
    b.extend_from_slice(&1.0f32.to_le_bytes());
    b
}

#[test]
fn model_file_errors_are_clear() {
    let mut wrong_tags = header(VERSION);
    wrong_tags[11] = 5;
    let mut truncated = header(VERSION);
    truncated.extend_from_slice(b"WGHT");
    truncated.extend_from_slice(&100u32.to_le_bytes());
    truncated.extend_from_slice(&[0; 10]);
    let table: Vec<(&str, Vec<u8>, ModelError)> = vec![
        ("empty", Vec::new(), ModelError::BadMagic),
        (
            "bad magic",
            b"NOTAMODEL-------------".to_vec(),
            ModelError::BadMagic,
        ),
        (
            "future version",
            header(VERSION + 1),
            ModelError::UnsupportedVersion(VERSION + 1),
        ),
        (
            "header only",
            header(VERSION)[..12].to_vec(),
            ModelError::Truncated("header"),
        ),
        (
            "no weights",
            header(VERSION),
            ModelError::Invalid("no weights section".into()),
        ),
        (
            "wrong tag count",
            wrong_tags,
            ModelError::Invalid("5 tags, expected 9".into()),
        ),
        (
            "truncated section",
            truncated,
            ModelError::Truncated("section header"),
        ),
    ];
    for (name, bytes, want) in table {
        let got = Model::from_bytes(&bytes).err();
        assert_eq!(got.as_ref(), Some(&want), "{name}");
        // Messages name the problem.
        assert!(!want.to_string().is_empty());
    }
    assert!(ModelError::UnsupportedVersion(9)
        .to_string()
        .contains("version 9"));
    assert!(ModelError::BadMagic.to_string().contains("magic"));
}

#[test]
fn corrupted_models_never_panic() {
    let bytes = train_tiny(3);
    for cut in [12, 16, 20, 40, bytes.len() / 2, bytes.len() - 1] {
        assert!(Model::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    let mut flipped = bytes.clone();
    for i in (16..flipped.len()).step_by(7) {
        flipped[i] ^= 0x5a;
        let _ = Model::from_bytes(&flipped);
    }
}

#[test]
fn gazetteer_marks_begin_and_inside() {
    let g = Gazetteer::new(vec![
        (vec!["New", "York"], 0),
        (vec!["York"], 1),
        (vec!["Gaza", "Strip"], 2),
    ]);
    let words = ["in", "New", "York", "and", "the", "Gaza", "Strip"];
    let lower: Vec<u64> = words
        .iter()
        .map(|w| gloss_core::ner::hash::lower(w))
        .collect();
    let eligible: Vec<bool> = words
        .iter()
        .map(|w| w.starts_with(char::is_uppercase))
        .collect();
    let mut out = vec![0u32; words.len()];
    g.annotate(&lower, &eligible, &mut out);
    // bit 2*list = begins, 2*list+1 = continues
    assert_eq!(out, vec![0, 0b1, 0b10 | 0b100, 0, 0, 1 << 4, 1 << 5]);
}

/// A small corpus: people, places and organisations in fixed frames.
fn tiny_corpus() -> Vec<conll::Document> {
    let people = ["Anna Berg", "Tomas Reyes", "Yusuf Demir", "Mei Lin"];
    let places = ["Oslo", "Lima", "Ankara", "Hanoi"];
    let orgs = ["Nordbank", "Andes Mining", "Turkcell", "Vinafood"];
    let mut text = String::new();
    for round in 0..6 {
        text.push_str("-DOCSTART- O\n\n");
        for k in 0..4 {
            let p = people[(k + round) % 4];
            let l = places[(k + 2 * round) % 4];
            let o = orgs[(k + 3 * round) % 4];
            let mut line = |w: &str, t: &str| text.push_str(&format!("{w} {t}\n"));
            for (i, w) in p.split(' ').enumerate() {
                line(w, if i == 0 { "B-PER" } else { "I-PER" });
            }
            line("visited", "O");
            line(l, "B-LOC");
            line("for", "O");
            for (i, w) in o.split(' ').enumerate() {
                line(w, if i == 0 { "B-ORG" } else { "I-ORG" });
            }
            line(".", "O");
            text.push('\n');
        }
    }
    conll::parse(&text, true).expect("tiny corpus parses")
}

fn train_tiny(seed: u64) -> Vec<u8> {
    let cfg = TrainConfig {
        hash_bits: 16,
        epochs: 8,
        seed,
        prune_quantile: 0.0,
        runs: 1,
        word_dropout: 0.0,
    };
    train::train(
        &cfg,
        &tiny_corpus(),
        &[],
        &Lexicons::default(),
        None,
        None,
        |_| {},
    )
    .expect("trains")
}

#[test]
fn two_stage_model_round_trips_and_tags() {
    let first = Model::from_bytes(&train_tiny(3)).expect("first stage loads");
    let docs = tiny_corpus();
    let tags: Vec<Vec<Vec<gloss_core::ner::tags::Tag>>> = docs
        .iter()
        .map(|d| first.tag_doc_stage1(&train::doc_words(d)))
        .collect();
    let cfg = TrainConfig {
        hash_bits: 16,
        epochs: 4,
        seed: 3,
        prune_quantile: 0.0,
        runs: 1,
        word_dropout: 0.0,
    };
    let two = train::TwoStage {
        first: &first,
        train_tags: &tags,
    };
    let bytes = train::train(
        &cfg,
        &docs,
        &[],
        &Lexicons::default(),
        None,
        Some(&two),
        |_| {},
    )
    .expect("trains");
    let m = Model::from_bytes(&bytes).expect("two-stage model loads");
    assert!(m.stage2.is_some(), "second stage present");
    assert_eq!(
        m.rows.entries(),
        first.rows.entries(),
        "first stage kept as is"
    );
    assert!(train::evaluate_model(&m, &docs).overall().f1() > 0.95);
    // A second stage on a first stage with another hash size is refused.
    let cfg17 = TrainConfig {
        hash_bits: 17,
        ..cfg
    };
    assert!(train::train(
        &cfg17,
        &docs,
        &[],
        &Lexicons::default(),
        None,
        Some(&two),
        |_| {}
    )
    .is_err());
}

#[test]
fn tiny_training_run_learns_and_is_reproducible() {
    let bytes = train_tiny(7);
    assert_eq!(bytes, train_tiny(7), "same seed, same model");
    let m = Model::from_bytes(&bytes).expect("loads");
    let docs = tiny_corpus();
    let sc = train::evaluate_model(&m, &docs);
    assert!(
        sc.overall().f1() > 0.95,
        "training F1 {}",
        sc.overall().f1()
    );
    // A new combination of known names in the learned frame.
    let tagged = m.tag_doc(&[vec![
        "Mei", "Lin", "visited", "Oslo", "for", "Turkcell", ".",
    ]]);
    let got: Vec<&str> = tagged[0].iter().map(|t| t.0.as_str()).collect();
    assert_eq!(got, vec!["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG", "O"]);
}

#[test]
fn embedded_model_loads() {
    let m = ner::model().expect("the embedded model loads");
    assert!(m.rows.len() > 1000, "weights present");
    assert!(m.classes.len() > 1000, "word classes present");
}

fn names(text: &str) -> Vec<(String, Label)> {
    let tok = tokenize(text, &[Span::new(0, text.len())]);
    recognize(text, &tok)
        .iter()
        .map(|m| (m.span.text(text).to_string(), m.label))
        .collect()
}

#[test]
fn recognize_modern_wire_sentences() {
    use Label::*;
    // Sentences written for this test in wire style; each expected mention must be found
    // with its exact span and type.
    let table: &[(&str, &[(&str, Label)])] = &[
        (
            "Syrian leader Ahmad Al Shara met Saudi Crown Prince Mohammed bin Salman in Riyadh on Sunday.",
            &[("Ahmad Al Shara", Per), ("Mohammed bin Salman", Per), ("Riyadh", Loc)],
        ),
        (
            "Hayat Tahrir al-Sham (HTS) fighters, once led by Abu Mohammed al-Jawlani, entered Aleppo.",
            &[("HTS", Org), ("Abu Mohammed al-Jawlani", Per), ("Aleppo", Loc)],
        ),
        (
            "Militants of Jabhat Fateh al-Sham and Al Qaeda fought near Idlib, Al Arabiya reported.",
            &[("Al Qaeda", Org), ("Idlib", Loc)],
        ),
        (
            "NATO foreign ministers will meet in Brussels next week, a spokesman for the alliance said.",
            &[("NATO", Org), ("Brussels", Loc)],
        ),
        (
            "Ukrainian President Volodymyr Zelenskiy said Russian drones struck Kharkiv overnight.",
            &[("Ukrainian", Misc), ("Volodymyr Zelenskiy", Per), ("Russian", Misc), ("Kharkiv", Loc)],
        ),
        (
            "Shares of Nvidia rose 4 percent after the chipmaker beat forecasts, Reuters reported.",
            &[("Nvidia", Org), ("Reuters", Org)],
        ),
        (
            "Israel's Prime Minister Benjamin Netanyahu spoke with U.S. President Joe Biden by phone.",
            &[("Israel", Loc), ("Benjamin Netanyahu", Per), ("Joe Biden", Per)],
        ),
        (
            // The Guard Corps' full name is counted by `modern_news_f1_stays_above_its_floor`
            // (the model splits off "Islamic" as MISC: a known gap, see models/README.md).
            "Ali Khamenei, Iran's supreme leader, praised the Islamic Revolutionary Guard Corps.",
            &[("Ali Khamenei", Per), ("Iran", Loc)],
        ),
        (
            "Chinese Foreign Minister Wang Yi arrived in Cairo for talks with Egyptian officials.",
            &[("Chinese", Misc), ("Wang Yi", Per), ("Cairo", Loc), ("Egyptian", Misc)],
        ),
        (
            "Sheikh Tamim bin Hamad Al Thani, the emir of Qatar, hosted the talks in Doha on Tuesday.",
            &[("Tamim bin Hamad Al Thani", Per), ("Qatar", Loc), ("Doha", Loc)],
        ),
        (
            "Russian Foreign Minister Sergei Lavrov told reporters in Moscow that talks would go on.",
            &[("Russian", Misc), ("Sergei Lavrov", Per), ("Moscow", Loc)],
        ),
        (
            "Hezbollah leader Naim Qassem said the group would rebuild southern Lebanon.",
            &[("Hezbollah", Org), ("Naim Qassem", Per), ("Lebanon", Loc)],
        ),
        (
            // "African Union" is counted by `modern_news_f1_stays_above_its_floor` (the model
            // tags it LOC: a known gap, see models/README.md).
            "Kenyan President William Ruto flew to Addis Ababa for an African Union summit.",
            &[("Kenyan", Misc), ("William Ruto", Per), ("Addis Ababa", Loc)],
        ),
        (
            "Hamas official Khalil al-Hayya arrived in Cairo for ceasefire talks with Egyptian mediators.",
            &[("Hamas", Org), ("Khalil al-Hayya", Per), ("Cairo", Loc), ("Egyptian", Misc)],
        ),
        (
            "Chinese President Xi Jinping and Indian Prime Minister Narendra Modi met in Kazan.",
            &[("Xi Jinping", Per), ("Narendra Modi", Per), ("Kazan", Loc)],
        ),
        (
            "Abdullah bin Zayed, the UAE foreign minister, spoke with Saudi Crown Prince Mohammed bin Salman.",
            &[("Abdullah bin Zayed", Per), ("Mohammed bin Salman", Per)],
        ),
        (
            "Houthi fighters in Yemen fired missiles at ships in the Red Sea, the Pentagon said.",
            &[("Yemen", Loc), ("Red Sea", Loc), ("Pentagon", Org)],
        ),
    ];
    let mut misses = Vec::new();
    for (text, want) in table {
        let got = names(text);
        for (name, label) in *want {
            if !got.iter().any(|(n, l)| n == name && l == label) {
                misses.push(format!(
                    "{text}\n  expected {name} as {label:?}; got {got:?}"
                ));
            }
        }
    }
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

/// Wire-style sentences about 2020s news (`fixtures/ner/modern_news.conll`), annotated by
/// hand the CoNLL-2003 way ("Russian" and "Kremlin" as in its training data) before the
/// model's output was seen: a first document of thirty (companies, parties, ministers,
/// transliterated names) plus the two sentences of the table above whose group names the
/// model gets wrong, and a second of thirty more (Chinese, Russian, Arabic, Indian and
/// Pakistani names and parties, 2020s companies). Unlike the table, single errors are allowed;
/// the entity F1 must stay above a floor under the model's current 0.82, so a model that
/// generalises worse to today's news fails here.
#[test]
fn modern_news_f1_stays_above_its_floor() {
    const FLOOR: f64 = 0.80;
    let text = include_str!("fixtures/ner/modern_news.conll");
    let docs = conll::parse(text, true).expect("the fixture parses");
    let m = ner::model().expect("the embedded model loads");
    let mut scorer = Scorer::default();
    for d in &docs {
        let tagged_doc = ner::tag_document(m, &train::doc_words(d));
        for (s, tagged) in d.sentences.iter().zip(tagged_doc) {
            let pred: Vec<Tag> = tagged.into_iter().map(|t| t.0).collect();
            scorer.add(&s.tags, &pred);
        }
    }
    let all = scorer.overall();
    assert_eq!(all.gold, 210, "the fixture holds 210 entities");
    assert!(
        all.f1() >= FLOOR,
        "modern news F1 {:.4} (P {:.4}, R {:.4}) fell below {FLOOR}",
        all.f1(),
        all.precision(),
        all.recall()
    );
}

#[test]
fn recognize_is_safe_on_odd_input() {
    for text in [
        "",
        "   ",
        "😀 مرحبا 😀",
        "a\u{0}b",
        "Ünïcödé Çafé in São Paulo",
        "---",
        "U.S.",
    ] {
        let tok = tokenize(text, &[Span::new(0, text.len())]);
        let ms = recognize(text, &tok);
        let mut last_end = 0;
        for m in &ms {
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            assert!(
                m.span.start >= last_end && m.span.start < m.span.end,
                "{text}: {ms:?}"
            );
            assert!((0.0..=1.0).contains(&m.score));
            last_end = m.span.end;
        }
    }
}

#[test]
fn consistency_joins_particles_and_fills_from_document() {
    // (sentences as space-separated "word/TAG", expected tags after repair)
    let table: &[(&[&str], &[&str])] = &[
        (
            &["Mohammed/B-PER bin/O Salman/B-PER said/O"],
            &["B-PER I-PER I-PER O"],
        ),
        (
            &["Ahmad/B-PER Al/B-PER Shara/I-PER spoke/O"],
            &["B-PER I-PER I-PER O"],
        ),
        // "bin"/"ibn" before a person takes the capitalised word before it, from any chunk.
        (
            &["Crown/B-MISC Prince/I-MISC Mohammed/I-MISC bin/O Salman/B-PER"],
            &["B-MISC I-MISC B-PER I-PER I-PER"],
        ),
        (
            &["said/O Hamad/O bin/O Jassim/B-PER"],
            &["O B-PER I-PER I-PER"],
        ),
        // A capitalised word right before an "al-" person is the first name; a place is not.
        (
            &[
                "toppled/O Bashar/B-MISC al-Assad/B-ORG ./O",
                "in/O Basra/B-LOC al-Maliki/B-PER",
                "and/O Ahrar/B-ORG al-Sham/B-ORG",
            ],
            &["O B-PER I-PER O", "O B-LOC B-PER", "O B-ORG B-ORG"],
        ),
        // Forms of address are not part of a name; royal titles are not before a name of two
        // words or more, and are left as the model tagged them before one word.
        (
            &[
                "Saudi/B-MISC Crown/B-PER Prince/I-PER Mohammed/I-PER bin/I-PER Salman/I-PER",
                "Sheikh/B-PER Tamim/I-PER said/O",
                "Mr/B-PER Macron/I-PER and/O Dr/B-PER Jane/I-PER Goodall/I-PER",
            ],
            &[
                "B-MISC O O B-PER I-PER I-PER",
                "B-PER I-PER O",
                "O B-PER O O B-PER I-PER",
            ],
        ),
        // A particle between a person and a place is left alone.
        (&["Ali/B-PER al/O Basra/B-LOC"], &["B-PER O B-LOC"]),
        // A person chunk with an Arabic group head anywhere is a group...
        (
            &[
                "Jaish/B-PER al-Adl/I-PER claimed/O it/O",
                "fighters/O of/O Al/B-PER Shabaab/I-PER",
            ],
            &["B-ORG I-ORG O O", "O O B-ORG I-ORG"],
        ),
        (
            &["Hay'at/B-PER Tahrir/I-PER al-Sham/I-PER"],
            &["B-ORG I-ORG I-ORG"],
        ),
        (&["backed/O by/O Hezbollah/B-PER"], &["O O B-ORG"]),
        // ...but a name with Abu/bin stays a person, and so do plain names.
        (
            &[
                "Abu/B-PER Ansar/I-PER al-Masri/I-PER",
                "Osama/B-PER bin/I-PER Qaeda/I-PER",
            ],
            &["B-PER I-PER I-PER", "B-PER I-PER I-PER"],
        ),
        (&["Omar/B-PER al-Hassan/I-PER spoke/O"], &["B-PER I-PER O"]),
        // An English group head counts only as the last word of a longer name.
        (
            &[
                "Oromo/B-PER Liberation/I-PER Front/I-PER",
                "Army/B-PER Smith/I-PER",
                "Front/B-PER",
            ],
            &["B-ORG I-ORG I-ORG", "B-PER I-PER", "B-PER"],
        ),
        // An untagged Arabic group head before a chunk opens it, as a group.
        (
            &[
                "with/O Jabhat/O Al/B-PER Nusra/I-PER fighters/O",
                "Harakat/O Ahrar/B-ORG al-Sham/I-ORG",
            ],
            &["O B-ORG I-ORG I-ORG O", "B-ORG I-ORG I-ORG"],
        ),
        // Quote marks and brackets at a chunk's edges are not part of the name.
        (
            &[
                "“/B-ORG Sanctions/I-ORG Office/I-ORG said/O",
                "Gaza/B-LOC ,/I-LOC ”/I-LOC",
                "“/B-MISC ”/I-MISC",
            ],
            &["O B-ORG I-ORG O", "B-LOC O O", "O O"],
        ),
        // A chunk of punctuation alone is dropped.
        (&["Sham/B-ORG (/B-MISC HTS/B-ORG )/O"], &["B-ORG O B-ORG O"]),
        // ...while brackets and apostrophes may end one, as in CoNLL.
        (
            &[
                "Ajax/B-ORG (/I-ORG Amsterdam/I-ORG )/I-ORG",
                "Peoples/B-ORG '/I-ORG",
            ],
            &["B-ORG I-ORG I-ORG I-ORG", "B-ORG I-ORG"],
        ),
        (
            &["Procter/B-ORG &/I-ORG Gamble/I-ORG"],
            &["B-ORG I-ORG I-ORG"],
        ),
        // Other types are left alone.
        (&["Hizb/B-MISC ut-Tahrir/I-MISC"], &["B-MISC I-MISC"]),
        // A capitalised word tagged elsewhere in the document gets that type...
        (
            &[
                "Talks/O with/O Nordbank/B-ORG ended/O",
                "Later/O Nordbank/O said/O",
            ],
            &["O O B-ORG O", "O B-ORG O"],
        ),
        // ...but not as the first word of a sentence, nor next to a tagged word.
        (
            &[
                "Nordbank/B-ORG fell/O",
                "Nordbank/O rose/O",
                "in/O Nordbank/O Oslo/B-LOC",
            ],
            &["B-ORG O", "O O", "O O B-LOC"],
        ),
    ];
    for (sents, want) in table {
        let doc: Vec<Vec<&str>> = sents
            .iter()
            .map(|s| {
                s.split(' ')
                    .map(|x| x.split('/').next().unwrap_or(""))
                    .collect()
            })
            .collect();
        let mut tagged: Vec<Vec<(Tag, f32)>> = sents
            .iter()
            .map(|s| {
                s.split(' ')
                    .map(|x| {
                        (
                            Tag::parse(x.split('/').nth(1).unwrap_or("O")).unwrap_or(Tag::O),
                            1.0,
                        )
                    })
                    .collect()
            })
            .collect();
        gloss_core::ner::consistency::apply(&doc, &mut tagged);
        let got: Vec<String> = tagged
            .iter()
            .map(|s| s.iter().map(|t| t.0.as_str()).collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(
            got,
            want.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "{sents:?}"
        );
    }
}

#[test]
fn u64_map_inserts_finds_and_grows() {
    let mut m: gloss_core::ner::hash::U64Map<u32> = Default::default();
    for k in 0..5000u64 {
        m.insert(k.wrapping_mul(0x9e37_79b9_7f4a_7c15), k as u32);
    }
    assert_eq!(m.len(), 5000);
    for k in 0..5000u64 {
        assert_eq!(m.get(k.wrapping_mul(0x9e37_79b9_7f4a_7c15)), Some(k as u32));
    }
    assert_eq!(m.get(12345), None);
    // Key 0 is a valid key too.
    m.insert(0, 7);
    assert_eq!(m.get(0), Some(7));
}

#[test]
fn common_openers_are_not_names() {
    use gloss_core::ner::hash;
    use gloss_core::ner::lexicon::{WordClasses, WordInfo};
    // Frequency buckets as the model's word table holds them: lowercase "watch" and
    // "analysis" are common and rarely capitalised; "Nordbank" is a name.
    let freq = |w: &str, f: u8| (hash::bytes(w.as_bytes()), WordInfo { class: 0, freq: f });
    let classes = WordClasses::new([
        freq("watch", 12),
        freq("Watch", 6),
        freq("analysis", 10),
        freq("Analysis", 8),
        freq("nordbank", 0),
        freq("Nordbank", 5),
    ]);
    let table: &[(&str, &str)] = &[
        // A heading-initial imperative after ":" and a sentence-initial common noun: dropped.
        (
            "Live/O coverage/O :/O Watch/B-MISC the/O vote/O",
            "O O O O O O",
        ),
        ("Watch/B-ORG this/O space/O", "O O O"),
        // Not far enough ahead of the capitalised form, a name, or a score after it: kept.
        ("Analysis/B-MISC of/O polls/O", "B-MISC O O"),
        ("Nordbank/B-ORG said/O", "B-ORG O"),
        ("Watch/B-ORG 2/O Lyon/B-ORG 1/O", "B-ORG O B-ORG O"),
        // Mid-sentence, or a person: kept.
        ("the/O Watch/B-MISC brand/O", "O B-MISC O"),
        ("Watch/B-PER said/O", "B-PER O"),
    ];
    for (sent, want) in table {
        let words: Vec<&str> = sent
            .split(' ')
            .map(|x| x.split('/').next().unwrap_or(""))
            .collect();
        let mut tagged = vec![sent
            .split(' ')
            .map(|x| {
                (
                    Tag::parse(x.split('/').nth(1).unwrap_or("O")).unwrap_or(Tag::O),
                    1.0,
                )
            })
            .collect::<Vec<_>>()];
        gloss_core::ner::consistency::apply_with_classes(&[words], &mut tagged, &classes);
        let got: Vec<&str> = tagged[0].iter().map(|t| t.0.as_str()).collect();
        assert_eq!(got.join(" "), *want, "{sent}");
    }
}
