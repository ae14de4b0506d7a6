//! Helpers of the NER commands: argument parsing, reading (gzip'd) text, the bench text.

use std::collections::HashMap;

/// `--key value` options; anything else is an error.
pub struct Args {
    opts: HashMap<String, String>,
}

impl Args {
    pub fn parse(args: &[String], known: &[&str]) -> Result<Args, String> {
        let mut opts = HashMap::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if let Some(key) = a.strip_prefix("--") {
                if !known.contains(&key) {
                    return Err(format!(
                        "unknown option --{key} (known: --{})",
                        known.join(", --")
                    ));
                }
                let v = it.next().ok_or(format!("--{key} needs a value"))?;
                opts.insert(key.to_string(), v.clone());
            } else {
                return Err(format!("unexpected argument `{a}`"));
            }
        }
        Ok(Args { opts })
    }
    pub fn get(&self, key: &str) -> Option<&str> {
        self.opts.get(key).map(String::as_str)
    }
    pub fn need(&self, key: &str) -> Result<&str, String> {
        self.get(key).ok_or(format!("--{key} FILE is required"))
    }
}

/// Read a UTF-8 file; `.gz` files are decompressed with the system's gzip.
pub fn read_text(path: &str) -> Result<String, String> {
    let bytes = if path.ends_with(".gz") {
        let out = std::process::Command::new("gzip")
            .args(["-dc", path])
            .output()
            .map_err(|e| format!("{path}: cannot run gzip: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "{path}: gzip failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        out.stdout
    } else {
        std::fs::read(path).map_err(|e| format!("{path}: {e}"))?
    };
    String::from_utf8(bytes).map_err(|_| format!("{path}: not UTF-8"))
}

/// A few hundred KB of wire-style text written for the benchmark: template sentences filled
/// with rotating names so the text is not one paragraph repeated.
pub fn builtin_bench_text() -> String {
    const PEOPLE: [&str; 8] = [
        "Ahmad Al Shara",
        "Mohammed bin Salman",
        "Olena Kovalenko",
        "Li Wei",
        "Maria Fernandes",
        "Abu Mohammed al-Jawlani",
        "Kwame Mensah",
        "Ingrid Larsen",
    ];
    const PLACES: [&str; 8] = [
        "Damascus", "Riyadh", "Kyiv", "Shenzhen", "Lisbon", "Idlib", "Accra", "Oslo",
    ];
    const ORGS: [&str; 6] = [
        "NATO",
        "the United Nations",
        "Hayat Tahrir al-Sham",
        "Reuters",
        "the World Bank",
        "Siemens",
    ];
    const TEMPLATES: [&str; 5] = [
        "{P} met officials from {O} in {L} on Tuesday, according to a statement released late on Monday.",
        "\"We are ready to talk,\" {P} told reporters in {L}, adding that {O} had not yet responded.",
        "Shares in {O} rose 3.2 percent in early trading after {P} said the company would expand in {L}.",
        "Officials in {L} said {P} would travel next week to meet the leadership of {O}.",
        "The talks, hosted by {O}, ended without agreement, {P} said in {L}.",
    ];
    let mut out = String::new();
    let mut k = 0usize;
    while out.len() < 400_000 {
        for (j, t) in TEMPLATES.iter().enumerate() {
            let s = t
                .replace("{P}", PEOPLE[(k + j) % PEOPLE.len()])
                .replace("{L}", PLACES[(k * 3 + j) % PLACES.len()])
                .replace("{O}", ORGS[(k * 5 + j) % ORGS.len()]);
            out.push_str(&s);
            out.push(' ');
        }
        out.push('\n');
        k += 1;
    }
    out
}
