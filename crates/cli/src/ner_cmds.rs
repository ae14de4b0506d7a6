//! `gloss tag | eval | train | bench`. OWNER: NER helper.
pub fn tag(args: &[String]) -> Result<(), String> {
    let _ = args;
    Err("tag: not built yet".into())
}
pub fn eval(args: &[String]) -> Result<(), String> {
    let _ = args;
    Err("eval: not built yet".into())
}
pub fn train(args: &[String]) -> Result<(), String> {
    let _ = args;
    Err("train: not built yet".into())
}
pub fn bench(args: &[String]) -> Result<(), String> {
    let _ = args;
    Err("bench: not built yet".into())
}
