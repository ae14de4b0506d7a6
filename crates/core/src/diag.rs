//! Diagnostics: what a stage noticed about its input, returned beside its result (never
//! printed, never a panic).

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub stage: &'static str,
    pub message: String,
}

impl Diagnostic {
    pub fn new(stage: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            stage,
            message: message.into(),
        }
    }
}
