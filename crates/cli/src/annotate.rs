//! `gloss annotate`. OWNER: CLI helper.
pub fn run(args: &[String]) -> Result<(), String> {
    let _ = args;
    Err("annotate: not built yet".into())
}
