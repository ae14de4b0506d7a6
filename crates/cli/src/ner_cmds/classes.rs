//! `gloss train classes`: word classes from unlabelled text (built later).
pub fn run(args: &[String]) -> Result<(), String> {
    let _ = args;
    Err("train classes: not built yet".into())
}
