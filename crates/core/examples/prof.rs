fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let n: usize = std::env::args().nth(2).map(|s| s.parse().unwrap()).unwrap_or(60);
    let t = std::time::Instant::now();
    for _ in 0..n {
        let ws = gloss_core::annotate("bench", &text);
        std::hint::black_box(serde_json::to_string(&gloss_core::protocol::Contract::from_workspace(&ws)).ok());
    }
    eprintln!("{:.1} ms/run", t.elapsed().as_secs_f64() * 1000.0 / n as f64);
}
