//! Entity labels shared by every stage.

/// The five kinds of mention gloss shows as chips.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Per,
    Org,
    Loc,
    Misc,
    Date,
}

impl Label {
    pub const ALL: [Label; 5] = [Label::Per, Label::Org, Label::Loc, Label::Misc, Label::Date];

    /// The contract's spelling: PER, ORG, LOC, MISC, DATE.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
            Label::Date => "DATE",
        }
    }

    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s))
    }

    /// A word a reader understands ("person", "place"), used in aria-labels and legends.
    pub fn noun(self) -> &'static str {
        match self {
            Label::Per => "person",
            Label::Org => "organisation",
            Label::Loc => "place",
            Label::Misc => "other name",
            Label::Date => "date",
        }
    }
}
