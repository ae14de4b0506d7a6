//! Relations and quotes over hand-written sentences with hand-made mentions (no model), so
//! every expectation is deterministic. Each case lists the relations that must be found as
//! (source, type, target) by surface form, and relations that must not be.

mod marks;

use gloss_core::ner::Mention;
use gloss_core::relate::{quotes, relations, DocView, RelationKind};
use gloss_core::resolve::{resolve, DocMentions};
use gloss_core::tokenize::tokenize;
use gloss_core::{Label, Span};
use marks::{mentions, paragraphs};

use Label::{Date, Loc, Misc, Org, Per};

struct Annotated {
    text: String,
    mentions: Vec<Mention>,
    entity_of: Vec<usize>,
    names: Vec<Vec<String>>,
    rels: Vec<(usize, RelationKind, usize, Option<String>)>,
    quotes: Vec<(String, Option<usize>)>,
}

fn annotate(text: &str, marks: &[(&str, usize, Label)]) -> Annotated {
    let mentions = mentions(text, marks);
    let tok = tokenize(text, &paragraphs(text));
    let res = resolve(&[DocMentions {
        text,
        tok: &tok,
        mentions: &mentions,
    }]);
    let entity_of = res.entity_of.first().cloned().unwrap_or_default();
    let view = DocView {
        text,
        tok: &tok,
        mentions: &mentions,
        entity_of: &entity_of,
        entities: &res.entities,
    };
    let rels = relations(&view)
        .into_iter()
        .map(|r| {
            assert!(r.evidence.start <= r.evidence.end && r.evidence.end <= text.len());
            (r.source, r.kind, r.target, r.detail)
        })
        .collect();
    let quotes = quotes(&view)
        .into_iter()
        .map(|q| (q.span.text(text).to_string(), q.speaker))
        .collect();
    let names = res.entities.iter().map(|e| e.aliases.clone()).collect();
    Annotated {
        text: text.to_string(),
        mentions,
        entity_of,
        names,
        rels,
        quotes,
    }
}

impl Annotated {
    /// The entity of the first mention whose text is `surface`.
    fn entity(&self, surface: &str) -> usize {
        let mi = self
            .mentions
            .iter()
            .position(|m| m.span.text(&self.text) == surface)
            .unwrap_or_else(|| panic!("no mention {surface:?}"));
        self.entity_of[mi]
    }
    fn has(&self, s: &str, k: RelationKind, t: &str) -> bool {
        let (s, t) = (self.entity(s), self.entity(t));
        self.rels.iter().any(|r| r.0 == s && r.1 == k && r.2 == t)
    }
    #[track_caller]
    fn assert_has(&self, s: &str, k: RelationKind, t: &str) {
        assert!(
            self.has(s, k, t),
            "missing {s} {} {t}; got: {}",
            k.as_str(),
            self.describe()
        );
    }
    #[track_caller]
    fn assert_lacks(&self, s: &str, k: RelationKind, t: &str) {
        assert!(
            !self.has(s, k, t),
            "wrong {s} {} {t}; got: {}",
            k.as_str(),
            self.describe()
        );
    }
    fn describe(&self) -> String {
        self.rels
            .iter()
            .map(|r| {
                format!(
                    "{:?} {} {:?} {:?}",
                    self.names[r.0],
                    r.1.as_str(),
                    self.names[r.2],
                    r.3
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

type Rel<'a> = (&'a str, RelationKind, &'a str);
/// (text, mentions, relations that must be found, relations that must not)
type RelCase<'a> = (
    &'a str,
    &'a [(&'a str, usize, Label)],
    &'a [Rel<'a>],
    &'a [Rel<'a>],
);
/// (text, mentions, [(quote contains, speaker surface or None)])
type QuoteCase<'a> = (
    &'a str,
    &'a [(&'a str, usize, Label)],
    &'a [(&'a str, Option<&'a str>)],
);

/// Annotates each case and fails listing every wanted relation missed and forbidden one found.
fn check_relations(cases: &[RelCase]) {
    let mut failures = Vec::new();
    for (text, marks, want, forbid) in cases {
        let a = annotate(text, marks);
        for (s, k, t) in want.iter() {
            if !a.has(s, *k, t) {
                failures.push(format!(
                    "{text:?}\n  missing {s} {} {t}; got: {}",
                    k.as_str(),
                    a.describe()
                ));
            }
        }
        for (s, k, t) in forbid.iter() {
            if a.has(s, *k, t) {
                failures.push(format!("{text:?}\n  wrong {s} {} {t}", k.as_str()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn relation_table() {
    use RelationKind::*;
    let cases: &[RelCase] = &[
        (
            "Oman is a Gulf state. Omani diplomats spoke with Yemen's main rebel movement, the Houthis, on Friday.",
            &[("Omani", 0, Misc), ("Oman", 0, Loc), ("Yemen", 0, Loc), ("Houthis", 0, Org), ("Friday", 0, Date)],
            &[("Oman", Contact, "Houthis")],
            &[("Oman", Contact, "Yemen")],
        ),
        (
            "Oman is a Gulf state. Oman plans to speak with Abdulmalik al-Houthi on Saturday.",
            &[("Oman", 0, Loc), ("Oman", 1, Loc), ("Abdulmalik al-Houthi", 0, Per), ("Saturday", 0, Date)],
            &[("Oman", Contact, "Abdulmalik al-Houthi")],
            &[],
        ),
        (
            "Reporters asked about the talks with Hamas, the group said.",
            &[("Hamas", 0, Org)],
            &[],
            &[],
        ),
        (
            "Viktor Petrov, a Wagner commander, met Kenyan envoys. Petrov fled to Belarus in 2023.",
            &[("Viktor Petrov", 0, Per), ("Wagner", 0, Org), ("Kenyan", 0, Misc), ("Petrov", 1, Per), ("Belarus", 0, Loc), ("2023", 0, Date)],
            &[("Viktor Petrov", MemberOf, "Wagner"), ("Petrov", FledTo, "Belarus")],
            &[("Viktor Petrov", Leads, "Wagner")],
        ),
        (
            "The Sahel Front, a group formerly allied with al-Qaeda and which is designated a terrorist organisation by the US, the African Union and France, denied it.",
            &[("Sahel Front", 0, Org), ("al-Qaeda", 0, Org), ("US", 0, Loc), ("African Union", 0, Org), ("France", 0, Loc)],
            &[("Sahel Front", SplitFrom, "al-Qaeda"), ("Sahel Front", Designated, "US"), ("Sahel Front", Designated, "African Union"), ("Sahel Front", Designated, "France")],
            &[("al-Qaeda", Designated, "US"), ("Sahel Front", Ally, "al-Qaeda")],
        ),
        (
            "The EU and countries including Canada have designated the Sahel Front a terrorist group. The Sahel Front is mostly local. It broke ties with al-Qaeda in 2019.",
            &[("EU", 0, Org), ("Canada", 0, Loc), ("Sahel Front", 0, Org), ("Sahel Front", 1, Org), ("al-Qaeda", 0, Org), ("2019", 0, Date)],
            &[("Sahel Front", Designated, "EU"), ("Sahel Front", Designated, "Canada"), ("Sahel Front", SplitFrom, "al-Qaeda")],
            &[],
        ),
        (
            "Peru's foreign ministry spokesman Luis Ortega said talks would resume. Ana Rojas, Minister of Trade at Chile's economy ministry, agreed.",
            &[("Peru", 0, Loc), ("Luis Ortega", 0, Per), ("Ana Rojas", 0, Per), ("Chile", 0, Loc)],
            &[("Luis Ortega", Role, "Peru"), ("Ana Rojas", Role, "Chile")],
            &[],
        ),
        (
            "Moscow's closest ally Belarus hosted the talks. Serbia, another Moscow ally, abstained.",
            &[("Moscow", 0, Loc), ("Belarus", 0, Loc), ("Serbia", 0, Loc), ("Moscow", 1, Loc)],
            &[("Belarus", Ally, "Moscow"), ("Serbia", Ally, "Moscow")],
            &[],
        ),
        (
            "The rule of Kim Jong Un and his late father Kim Jong Il lasted decades.",
            &[("Kim Jong Un", 0, Per), ("Kim Jong Il", 0, Per)],
            &[("Kim Jong Un", Family, "Kim Jong Il")],
            &[("Kim Jong Il", Family, "Kim Jong Un")],
        ),
        (
            "The Taliban's leader Hibatullah Akhundzada rarely appears. Sirajuddin Haqqani led the Haqqani network.",
            &[("Taliban", 0, Org), ("Hibatullah Akhundzada", 0, Per), ("Sirajuddin Haqqani", 0, Per), ("Haqqani network", 0, Org)],
            &[("Hibatullah Akhundzada", Leads, "Taliban"), ("Sirajuddin Haqqani", Leads, "Haqqani network")],
            &[],
        ),
        (
            "President Lula da Silva travelled to Beijing, where China and Brazil signed deals.",
            &[("Lula da Silva", 0, Per), ("Beijing", 0, Loc), ("China", 0, Loc), ("Brazil", 0, Loc)],
            &[],
            &[("China", Contact, "Brazil"), ("Lula da Silva", Contact, "China")],
        ),
        (
            "US President Joe Biden spoke on Sunday.",
            &[("US", 0, Loc), ("Joe Biden", 0, Per), ("Sunday", 0, Date)],
            &[("Joe Biden", Role, "US")],
            &[],
        ),
        (
            "Syria is at war. Washington is in contact with all Syrian groups, including HTS.",
            &[("Syria", 0, Loc), ("Washington", 0, Loc), ("Syrian", 0, Misc), ("HTS", 0, Org)],
            &[("Washington", Contact, "HTS")],
            &[("Washington", Contact, "Syria")],
        ),
    ];
    check_relations(cases);
}

#[test]
fn relation_details_and_evidence() {
    let text =
        "Ana Rojas, Minister of Trade at Chile's economy ministry, agreed. Hafez Kadir and his son Omar Kadir met.";
    let a = annotate(
        text,
        &[
            ("Ana Rojas", 0, Per),
            ("Chile", 0, Loc),
            ("Hafez Kadir", 0, Per),
            ("Omar Kadir", 0, Per),
        ],
    );
    let rojas = a.entity("Ana Rojas");
    let role = a
        .rels
        .iter()
        .find(|r| r.0 == rojas && r.1 == RelationKind::Role)
        .expect("role");
    assert_eq!(role.3.as_deref(), Some("Minister of Trade"));
    let fam = a
        .rels
        .iter()
        .find(|r| r.1 == RelationKind::Family)
        .expect("family");
    assert_eq!(
        (fam.0, fam.2, fam.3.as_deref()),
        (a.entity("Hafez Kadir"), a.entity("Omar Kadir"), Some("son"))
    );
}

#[test]
fn quote_table() {
    // (text, mentions, [(quote contains, speaker surface or None)])
    let cases: &[QuoteCase] = &[
        (
            "\"We will not retreat,\" Yulia Marchenko said.",
            &[("Yulia Marchenko", 0, Per)],
            &[("We will not retreat", Some("Yulia Marchenko"))],
        ),
        (
            "“We will not retreat,” said Yulia Marchenko.",
            &[("Yulia Marchenko", 0, Per)],
            &[("We will not retreat", Some("Yulia Marchenko"))],
        ),
        (
            "“Prices must fall,” Li Wei told Reuters on Monday.",
            &[("Li Wei", 0, Per), ("Reuters", 0, Org), ("Monday", 0, Date)],
            &[("Prices must fall", Some("Li Wei"))],
        ),
        (
            "“The border is calm,” an official said.",
            &[],
            &[("The border is calm", None)],
        ),
        (
            "“The border is calm,” a senior Kenyan official told Reuters.",
            &[("Kenyan", 0, Misc), ("Reuters", 0, Org)],
            &[("The border is calm", None)],
        ),
        (
            "Amina Diallo spoke first. “We need water,” she said.",
            &[("Amina Diallo", 0, Per)],
            &[("We need water", Some("Amina Diallo"))],
        ),
        (
            "According to Raúl Mendoza, “the vote was stolen” in two provinces.",
            &[("Raúl Mendoza", 0, Per)],
            &[("the vote was stolen", Some("Raúl Mendoza"))],
        ),
        (
            "Raúl Mendoza, leader of the Frente Amplio, said on Sunday the result was a “fraud”.",
            &[("Raúl Mendoza", 0, Per), ("Frente Amplio", 0, Org), ("Sunday", 0, Date)],
            &[("fraud", Some("Raúl Mendoza"))],
        ),
        (
            "Sofia Lind, Minister of State at Sweden's foreign ministry, said they were talking to “all sides”.",
            &[("Sofia Lind", 0, Per), ("Sweden", 0, Loc)],
            &[("all sides", Some("Sofia Lind"))],
        ),
        (
            "“The first part of the plan is done.\n\n“The second part starts now,” said Mr Okafor.",
            &[("Mr Okafor", 0, Per)],
            &[("The second part starts now", Some("Mr Okafor"))],
        ),
        (
            "“We are ready,” said Mr Okafor.\n\n“Nobody will be left behind.”",
            &[("Mr Okafor", 0, Per)],
            &[
                ("We are ready", Some("Mr Okafor")),
                ("Nobody will be left behind", Some("Mr Okafor")),
            ],
        ),
        (
            "Asked about the strike, Kamal Haddad said Lebanon was “quite hopeful” about talks.",
            &[("Kamal Haddad", 0, Per), ("Lebanon", 0, Loc)],
            &[("quite hopeful", Some("Kamal Haddad"))],
        ),
        (
            "A senior Iranian official told Reuters, citing the need to “avoid escalation” with Riyadh.",
            &[("Iranian", 0, Misc), ("Reuters", 0, Org), ("Riyadh", 0, Loc)],
            &[("avoid escalation", None)],
        ),
    ];
    let mut failures = Vec::new();
    for (text, marks, want) in cases {
        let a = annotate(text, marks);
        for (needle, speaker) in want.iter() {
            let Some(q) = a.quotes.iter().find(|q| q.0.contains(needle)) else {
                failures.push(format!(
                    "{text:?}: no quote with {needle:?}; got {:?}",
                    a.quotes
                ));
                continue;
            };
            assert!(q.0.starts_with(['“', '"']) && q.0.ends_with(['”', '"']) || !q.0.is_empty());
            let want_entity = speaker.map(|s| a.entity(s));
            if q.1 != want_entity {
                failures.push(format!(
                    "{text:?}: {needle:?} speaker {:?}, want {speaker:?}",
                    q.1.map(|e| a.names[e].clone())
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn quote_spans_include_marks() {
    let text = "He said “yes” and then \"no\".";
    let a = annotate(text, &[]);
    let got: Vec<&str> = a.quotes.iter().map(|q| q.0.as_str()).collect();
    assert_eq!(got, vec!["“yes”", "\"no\""]);
}

mod robustness {
    //! Arbitrary word salads built from the tricky pieces the rules look at (quote marks,
    //! possessives, titles, triggers, particles), with arbitrary mentions on token
    //! boundaries: resolve, relations, quotes and dates never panic and keep their invariants.
    use super::*;
    use proptest::prelude::*;

    const POOL: &[&str] = &[
        "Al",
        "al-Assad",
        "Mr",
        "President",
        "said",
        "told",
        "“",
        "”",
        "\"",
        "'s",
        "’s",
        ",",
        ".",
        "(",
        ")",
        "HTS",
        "also",
        "known",
        "as",
        "formerly",
        "with",
        "spoke",
        "led",
        "by",
        "designated",
        "terrorist",
        "his",
        "father",
        "he",
        "she",
        "it",
        "the",
        "a",
        "leader",
        "of",
        "ally",
        "fled",
        "to",
        "Monday",
        "2024",
        "in",
        "\n\n",
        "Bin",
        "Abu",
        "Mohammed",
        "é",
        "😀",
        "مرحبا",
        "according",
        "group's",
        "its",
        ":",
        "—",
        "and",
        "Qatari",
        "Qatar",
    ];

    fn text_of(ix: &[usize]) -> String {
        let mut s = String::new();
        for &i in ix {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(POOL[i % POOL.len()]);
        }
        s
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn never_panics(ix in proptest::collection::vec(0usize..1000, 0..60), marks in proptest::collection::vec((0usize..1000, 1usize..4, 0usize..5), 0..12)) {
            let text = text_of(&ix);
            let tok = tokenize(&text, &paragraphs(&text));
            // Mentions: runs of 1-3 tokens at chosen places, sorted, non-overlapping.
            let mut mentions: Vec<Mention> = Vec::new();
            for (at, len, label) in marks {
                if tok.tokens.is_empty() { break; }
                let a = at % tok.tokens.len();
                let b = (a + len).min(tok.tokens.len()) - 1;
                let span = Span::new(tok.tokens[a].span.start, tok.tokens[b].span.end);
                if mentions.iter().all(|m| !m.span.overlaps(span)) {
                    mentions.push(Mention { span, label: Label::ALL[label], score: 0.5 });
                }
            }
            mentions.sort_by_key(|m| m.span.start);
            let dates = gloss_core::dates::find_dates(&text, &tok);
            for pair in dates.windows(2) {
                prop_assert!(pair[0].span.end <= pair[1].span.start);
            }
            let docs = [DocMentions { text: &text, tok: &tok, mentions: &mentions }];
            let res = resolve(&docs);
            prop_assert_eq!(res.entity_of.len(), 1);
            prop_assert_eq!(res.entity_of[0].len(), mentions.len());
            prop_assert!(res.entity_of[0].iter().all(|&e| e < res.entities.len()));
            let view = DocView { text: &text, tok: &tok, mentions: &mentions, entity_of: &res.entity_of[0], entities: &res.entities };
            for r in relations(&view) {
                prop_assert!(r.source < res.entities.len() && r.target < res.entities.len() && r.source != r.target);
                prop_assert!(r.evidence.end <= text.len() && text.is_char_boundary(r.evidence.start) && text.is_char_boundary(r.evidence.end));
            }
            let qs = quotes(&view);
            for q in &qs {
                prop_assert!(q.span.end <= text.len() && text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
                prop_assert!(q.speaker.is_none_or(|s| s < res.entities.len()));
            }
            for pair in qs.windows(2) {
                prop_assert!(pair[0].span.start <= pair[1].span.start);
            }
        }
    }
}

#[test]
fn more_relation_cases() {
    use RelationKind::*;
    let cases: &[RelCase] = &[
        (
            "Hamas is talking. Khalil Hayya, the group's deputy leader in Gaza, arrived.",
            &[("Hamas", 0, Org), ("Khalil Hayya", 0, Per), ("Gaza", 0, Loc)],
            &[("Khalil Hayya", MemberOf, "Hamas")],
            &[("Khalil Hayya", Leads, "Hamas"), ("Khalil Hayya", Role, "Gaza")],
        ),
        (
            "RN president Jordan Bardella spoke. Vice President Kamala Harris of the United States listened.",
            &[("RN", 0, Org), ("Jordan Bardella", 0, Per), ("Kamala Harris", 0, Per), ("United States", 0, Loc)],
            &[("Jordan Bardella", Leads, "RN")],
            &[],
        ),
        (
            "Mohammed Sinwar, the younger brother of the late Hamas leader Yahya Sinwar, runs the armed wing.",
            &[("Mohammed Sinwar", 0, Per), ("Hamas", 0, Org), ("Yahya Sinwar", 0, Per)],
            &[("Yahya Sinwar", Family, "Mohammed Sinwar"), ("Yahya Sinwar", Leads, "Hamas")],
            &[("Mohammed Sinwar", Family, "Hamas")],
        ),
        (
            "The United States and Britain have designated both Hamas and Islamic Jihad terrorist organisations.",
            &[("United States", 0, Loc), ("Britain", 0, Loc), ("Hamas", 0, Org), ("Islamic Jihad", 0, Org)],
            &[("Hamas", Designated, "Britain"), ("Islamic Jihad", Designated, "United States")],
            &[("Hamas", Designated, "Islamic Jihad")],
        ),
        (
            "Islamic Jihad, a smaller militant group allied with Hamas, agreed.",
            &[("Islamic Jihad", 0, Org), ("Hamas", 0, Org)],
            &[("Islamic Jihad", Ally, "Hamas")],
            &[("Islamic Jihad", MemberOf, "Hamas")],
        ),
        (
            "Qatar, which has long supported the opposition to the Assad regime, was hopeful.",
            &[("Qatar", 0, Loc), ("Assad", 0, Per)],
            &[],
            &[("Qatar", Ally, "Assad")],
        ),
        (
            "Kaja Kallas held talks with Serbian President Aleksandar Vucic and Kosovo Prime Minister Albin Kurti.",
            &[("Kaja Kallas", 0, Per), ("Serbian", 0, Misc), ("Aleksandar Vucic", 0, Per), ("Kosovo", 0, Loc), ("Albin Kurti", 0, Per)],
            &[("Kaja Kallas", Contact, "Aleksandar Vucic"), ("Kaja Kallas", Contact, "Albin Kurti")],
            &[("Kaja Kallas", Contact, "Kosovo")],
        ),
        (
            "NATO allies have designated Wagner a threat, and Britain designated the Wagner Group a terrorist organisation.",
            &[("NATO", 0, Org), ("Wagner", 0, Org), ("Britain", 0, Loc), ("Wagner Group", 0, Org)],
            &[("Wagner Group", Designated, "Britain")],
            &[("Wagner Group", Designated, "NATO")],
        ),
    ];
    check_relations(cases);
}

#[test]
fn titled_speaker_after_quote() {
    let text = "“We chose to act,” National Rally leader Marine Le Pen told reporters.";
    let a = annotate(
        text,
        &[("National Rally", 0, Org), ("Marine Le Pen", 0, Per)],
    );
    assert_eq!(a.quotes.len(), 1);
    assert_eq!(a.quotes[0].1, Some(a.entity("Marine Le Pen")));
}

/// Work grows linearly: a long document full of names, quotes, pronouns and triggers is
/// resolved and related in well under the time a quadratic pass would take.
#[test]
fn long_documents_stay_fast() {
    let para = "Qatar's foreign ministry spokesman Majed Al Ansari spoke with Hayat Tahrir al-Sham (HTS) on Monday. \
                \"We are hopeful,\" he said. Mr Al Ansari, a close Qatar ally, met Mohammed al-Bashir, an HTS leader. \
                The UN designated HTS a terrorist organisation, according to Mr Al Bashir.";
    let text = vec![para; 1500].join("\n\n");
    let names: &[(&str, Label)] = &[
        ("Qatar", Loc),
        ("Majed Al Ansari", Per),
        ("Hayat Tahrir al-Sham", Org),
        ("HTS", Org),
        ("Monday", Date),
        ("Mr Al Ansari", Per),
        ("Mohammed al-Bashir", Per),
        ("UN", Org),
        ("Mr Al Bashir", Per),
    ];
    let mut mentions: Vec<Mention> = Vec::new();
    for (n, l) in names {
        for (at, _) in text.match_indices(n) {
            let span = Span::new(at, at + n.len());
            let bounded = !text[span.end..].starts_with(|c: char| c.is_alphanumeric());
            if bounded
                && !mentions
                    .iter()
                    .rev()
                    .take(64)
                    .any(|m| m.span.overlaps(span))
            {
                mentions.push(Mention {
                    span,
                    label: *l,
                    score: 1.0,
                });
            }
        }
    }
    mentions.sort_by_key(|m| m.span.start);
    mentions.dedup_by(|b, a| a.span.overlaps(b.span));
    let started = std::time::Instant::now();
    let tok = tokenize(&text, &paragraphs(&text));
    let res = resolve(&[DocMentions {
        text: &text,
        tok: &tok,
        mentions: &mentions,
    }]);
    let view = DocView {
        text: &text,
        tok: &tok,
        mentions: &mentions,
        entity_of: &res.entity_of[0],
        entities: &res.entities,
    };
    let rels = relations(&view);
    let qs = quotes(&view);
    let elapsed = started.elapsed();
    assert!(mentions.len() > 10_000, "{} mentions", mentions.len());
    assert!(
        res.entities.len() < 20,
        "one entity per name, not per paragraph: {}",
        res.entities.len()
    );
    assert!(!rels.is_empty() && qs.len() == 1500);
    assert!(elapsed.as_secs() < 10, "took {elapsed:?}");
}

#[test]
fn pronoun_speakers_and_post_titles() {
    // "he added" continues the quoted speaker of the paragraph, though another man is named.
    let text = "\"It is not over,\" RSF adviser Musa Idris told AFP. Hemedti, he added, would \"never surrender\".";
    let a = annotate(
        text,
        &[
            ("RSF", 0, Org),
            ("Musa Idris", 0, Per),
            ("AFP", 0, Org),
            ("Hemedti", 0, Per),
        ],
    );
    assert_eq!(
        a.quotes.iter().map(|q| q.1).collect::<Vec<_>>(),
        vec![Some(a.entity("Musa Idris")); 2]
    );
    // A quoted speaker two paragraphs back does not take "she wrote" from the woman in between.
    let text = "\"Welcome,\" Jose Alba told reporters.\n\nMaria Lopez said she would return.\n\n\"This is a sad day,\" she wrote.";
    let a = annotate(text, &[("Jose Alba", 0, Per), ("Maria Lopez", 0, Per)]);
    assert_eq!(
        a.quotes.last().and_then(|q| q.1),
        Some(a.entity("Maria Lopez"))
    );
    // A domain before "chief" makes a post, not the leadership.
    let text = "The European Union's foreign policy chief Kaja Kallas spoke. Mossad chief David Barnea flew.";
    let a = annotate(
        text,
        &[
            ("European Union", 0, Org),
            ("Kaja Kallas", 0, Per),
            ("Mossad", 0, Org),
            ("David Barnea", 0, Per),
        ],
    );
    a.assert_has("Kaja Kallas", RelationKind::Role, "European Union");
    a.assert_lacks("Kaja Kallas", RelationKind::Leads, "European Union");
    a.assert_has("David Barnea", RelationKind::Leads, "Mossad");
    // A clause after a comma is not an appositive.
    let text =
        "The CIA watched. Omar Sinwar, brother of Yahya Sinwar, now runs the group's armed wing.";
    let a = annotate(
        text,
        &[
            ("CIA", 0, Org),
            ("Omar Sinwar", 0, Per),
            ("Yahya Sinwar", 0, Per),
        ],
    );
    a.assert_lacks("Yahya Sinwar", RelationKind::MemberOf, "CIA");
    a.assert_has("Yahya Sinwar", RelationKind::Family, "Omar Sinwar");
}

#[test]
fn nickname_quotes_and_cartel_anaphora() {
    let text = "MEXICO CITY (Reuters) - Troops arrived. Ismael \"El Mayo\" Zambada, one of the cartel's founders, was held. The Sinaloa Cartel denied it.";
    let a = annotate(
        text,
        &[
            ("MEXICO CITY", 0, Loc),
            ("Reuters", 0, Org),
            ("Ismael \"El Mayo\" Zambada", 0, Per),
            ("Sinaloa Cartel", 0, Org),
        ],
    );
    assert!(
        a.quotes.is_empty(),
        "a nickname inside a name is no quote: {:?}",
        a.quotes
    );
    // "the cartel" is the Sinaloa Cartel only when it was named before; here it comes after.
    a.assert_lacks("Ismael \"El Mayo\" Zambada", RelationKind::Leads, "Reuters");
    let text = "The Sinaloa Cartel split. Ismael \"El Mayo\" Zambada, one of the cartel's founders, was held.";
    let a = annotate(
        text,
        &[
            ("Sinaloa Cartel", 0, Org),
            ("Ismael \"El Mayo\" Zambada", 0, Per),
        ],
    );
    a.assert_has(
        "Ismael \"El Mayo\" Zambada",
        RelationKind::Leads,
        "Sinaloa Cartel",
    );
}

#[test]
fn membership_by_inclusion_and_clean_titles() {
    let text = "The Three Brotherhood Alliance, which includes the Arakan Army and the Ta'ang Army, advanced. The UN and countries including the US have designated the Arakan Army a terrorist organisation.";
    let a = annotate(
        text,
        &[
            ("Three Brotherhood Alliance", 0, Org),
            ("Arakan Army", 0, Org),
            ("Ta'ang Army", 0, Org),
            ("UN", 0, Org),
            ("US", 0, Loc),
            ("Arakan Army", 1, Org),
        ],
    );
    a.assert_has(
        "Arakan Army",
        RelationKind::MemberOf,
        "Three Brotherhood Alliance",
    );
    a.assert_has(
        "Ta'ang Army",
        RelationKind::MemberOf,
        "Three Brotherhood Alliance",
    );
    // "including" in a list is no membership.
    a.assert_lacks("US", RelationKind::MemberOf, "UN");
    let text =
        "\"It is bad,\" said Tom Kean, a senior consultant at the International Crisis Group.";
    let a = annotate(
        text,
        &[("Tom Kean", 0, Per), ("International Crisis Group", 0, Org)],
    );
    let role = a
        .rels
        .iter()
        .find(|r| r.1 == RelationKind::Role)
        .expect("a role");
    assert_eq!(role.3.as_deref(), Some("senior consultant"));
}
