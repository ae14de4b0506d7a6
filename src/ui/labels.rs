//! How entity labels (PER, ORG, LOC, MISC, DATE) are named and styled in the UI. Unknown
//! labels fall back to "other name" so a newer core can never break the view.

use gloss_core::Label;

/// Labels in sidebar order.
pub const ORDER: [&str; 5] = ["PER", "ORG", "LOC", "MISC", "DATE"];

fn parse(label: &str) -> Label {
    Label::parse(label).unwrap_or(Label::Misc)
}

/// The reader's word for a label ("person", "place"), used in aria-labels.
pub fn noun(label: &str) -> &'static str {
    parse(label).noun()
}

/// The label as the contract spells it (unknown labels become MISC).
pub fn code(label: &str) -> &'static str {
    parse(label).as_str()
}

/// CSS modifier: `chip--per`, `swatch--loc`, ...
pub fn css(label: &str) -> &'static str {
    match parse(label) {
        Label::Per => "per",
        Label::Org => "org",
        Label::Loc => "loc",
        Label::Misc => "misc",
        Label::Date => "date",
    }
}

/// Heading of a sidebar group.
pub fn group_title(label: &str) -> &'static str {
    match parse(label) {
        Label::Per => "People",
        Label::Org => "Organisations",
        Label::Loc => "Places",
        Label::Misc => "Other names",
        Label::Date => "Dates",
    }
}

/// The visible type cue on a chip (colour is never the only signal).
pub fn tag(label: &str) -> &'static str {
    match parse(label) {
        Label::Per => "PER",
        Label::Org => "ORG",
        Label::Loc => "LOC",
        Label::Misc => "MISC",
        Label::Date => "DATE",
    }
}

/// "Qatar, place" — what a screen reader hears for a chip.
pub fn aria(text: &str, label: &str) -> String {
    format!("{}, {}", text.trim(), noun(label))
}
