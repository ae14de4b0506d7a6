//! `gloss train classes`: word classes from unlabelled text, for the recognizer's features.
//!
//! Method (distributional classes, in the spirit of Brown/Clark clusters but fast):
//! 1. tokenize the text with gloss-core's tokenizer (one paragraph a line), count word forms;
//! 2. for the `--vocab` most frequent forms, count their neighbours at -2, -1, +1, +2 among the
//!    `--contexts` most frequent forms (rarer neighbours fall into a few shape buckets);
//! 3. positive PMI (context counts smoothed with exponent 0.75), random projection to 128
//!    dimensions (seeded), length-normalised;
//! 4. hierarchical spherical k-means, 16 ways at each of 3 levels: a 12-bit class id whose top
//!    4 and 8 bits are the coarser classes.
//!
//! Output: `word<TAB>class<TAB>count`, sorted by word. Deterministic for a given input and seed.

use super::conllio::{read_text, Args};
use gloss_core::ner::train::Rng;
use gloss_core::Span;
use std::collections::HashMap;
use std::time::Instant;

const DIM: usize = 128;
const BRANCH: usize = 16;
const LEVELS: usize = 3;
/// Shape buckets for neighbours outside the context set.
const BUCKETS: usize = 5;

pub fn run(args: &[String]) -> Result<(), String> {
    let a = Args::parse(args, &["raw", "conll", "out", "vocab", "contexts", "seed"])?;
    let out = a.need("out")?;
    let vocab_n: usize = a
        .get("vocab")
        .map_or(Ok(80_000), str::parse)
        .map_err(|_| "--vocab: bad number")?;
    let ctx_n: usize = a
        .get("contexts")
        .map_or(Ok(800), str::parse)
        .map_err(|_| "--contexts: bad number")?;
    let seed: u64 = a
        .get("seed")
        .map_or(Ok(1), str::parse)
        .map_err(|_| "--seed: bad number")?;
    let t0 = Instant::now();

    // 1. Token stream as word ids; u32::MAX separates lines.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut words: Vec<String> = Vec::new();
    let mut counts: Vec<u64> = Vec::new();
    let mut stream: Vec<u32> = Vec::new();
    let mut add_line = |line: &str, stream: &mut Vec<u32>| {
        let tok = gloss_core::tokenize::tokenize(line, &[Span::new(0, line.len())]);
        for t in &tok.tokens {
            let w = t.span.text(line);
            let id = match ids.get(w) {
                Some(&id) => id,
                None => {
                    let id = words.len() as u32;
                    ids.insert(w.to_string(), id);
                    words.push(w.to_string());
                    counts.push(0);
                    id
                }
            };
            if let Some(c) = counts.get_mut(id as usize) {
                *c += 1;
            }
            stream.push(id);
        }
        stream.push(u32::MAX);
    };
    for path in a
        .get("raw")
        .unwrap_or("")
        .split(',')
        .filter(|p| !p.is_empty())
    {
        let text = read_text(path)?;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            add_line(line, &mut stream);
        }
        eprintln!(
            "read {path}: {} tokens so far ({:.0} s)",
            stream.len(),
            t0.elapsed().as_secs_f64()
        );
    }
    if let Some(path) = a.get("conll") {
        let docs = gloss_core::ner::conll::parse(&read_text(path)?, false)?;
        for d in &docs {
            for s in &d.sentences {
                add_line(&s.words.join(" "), &mut stream);
            }
        }
    }
    drop(ids);

    // 2. Vocabulary and contexts: most frequent first, ties by the word itself.
    let mut order: Vec<u32> = (0..words.len() as u32).collect();
    order.sort_by(|&x, &y| {
        counts[y as usize]
            .cmp(&counts[x as usize])
            .then(words[x as usize].cmp(&words[y as usize]))
    });
    let vocab: Vec<u32> = order.iter().copied().take(vocab_n).collect();
    let mut row_of = vec![u32::MAX; words.len()];
    for (r, &w) in vocab.iter().enumerate() {
        row_of[w as usize] = r as u32;
    }
    // Context index: 0..ctx_n frequent words, ctx_n the line boundary, then shape buckets.
    let mut ctx_of: Vec<u32> = words
        .iter()
        .map(|w| (ctx_n + 1) as u32 + shape_bucket(w))
        .collect();
    for (c, &w) in order.iter().take(ctx_n).enumerate() {
        ctx_of[w as usize] = c as u32;
    }
    let n_ctx = ctx_n + 1 + BUCKETS;
    // Four blocks: neighbours at -2, -1, +1, +2.
    let width = 4 * n_ctx;
    let mut cooc = vec![0u32; vocab.len() * width];
    let ctx = |id: u32| {
        if id == u32::MAX {
            ctx_n
        } else {
            ctx_of[id as usize] as usize
        }
    };
    for i in 0..stream.len() {
        let w = stream[i];
        if w == u32::MAX {
            continue;
        }
        let r = row_of[w as usize];
        if r == u32::MAX {
            continue;
        }
        let base = r as usize * width;
        let left = if i == 0 { u32::MAX } else { stream[i - 1] };
        let right = stream.get(i + 1).copied().unwrap_or(u32::MAX);
        cooc[base + n_ctx + ctx(left)] += 1;
        cooc[base + 2 * n_ctx + ctx(right)] += 1;
        // Second neighbours, unless the line ended in between.
        if left != u32::MAX && i >= 2 {
            cooc[base + ctx(stream[i - 2])] += 1;
        }
        if right != u32::MAX {
            cooc[base + 3 * n_ctx + ctx(stream.get(i + 2).copied().unwrap_or(u32::MAX))] += 1;
        }
    }
    eprintln!("counted contexts ({:.0} s)", t0.elapsed().as_secs_f64());

    // 3. PPMI rows, projected.
    let mut col_sum = vec![0f64; width];
    for row in cooc.chunks(width) {
        for (s, &c) in col_sum.iter_mut().zip(row) {
            *s += c as f64;
        }
    }
    let col_p: Vec<f64> = {
        let sm: Vec<f64> = col_sum.iter().map(|&c| c.powf(0.75)).collect();
        let tot: f64 = sm.iter().sum::<f64>().max(1.0);
        sm.iter().map(|&c| c / tot).collect()
    };
    let mut rng = Rng::new(seed);
    let proj: Vec<f32> = (0..width * DIM).map(|_| gaussian(&mut rng)).collect();
    let mut vecs = vec![0f32; vocab.len() * DIM];
    for (row, v) in cooc.chunks(width).zip(vecs.chunks_mut(DIM)) {
        let tot: f64 = row.iter().map(|&c| c as f64).sum::<f64>().max(1.0);
        for (j, &c) in row.iter().enumerate() {
            if c == 0 {
                continue;
            }
            let pmi = ((c as f64 / tot) / col_p[j].max(1e-12)).ln();
            if pmi <= 0.0 {
                continue;
            }
            let p = &proj[j * DIM..(j + 1) * DIM];
            for (x, &r) in v.iter_mut().zip(p) {
                *x += pmi as f32 * r;
            }
        }
        normalise(v);
    }
    drop(cooc);
    eprintln!("projected ({:.0} s)", t0.elapsed().as_secs_f64());

    // 4. Hierarchical k-means.
    let mut class = vec![0u16; vocab.len()];
    let mut groups: Vec<Vec<usize>> = vec![(0..vocab.len()).collect()];
    for level in 0..LEVELS {
        let mut next = Vec::new();
        for g in &groups {
            let assign = kmeans(&vecs, g, BRANCH, 12, &mut rng);
            let mut parts: Vec<Vec<usize>> = vec![Vec::new(); BRANCH];
            for (&i, &k) in g.iter().zip(&assign) {
                class[i] |= (k as u16) << (4 * (LEVELS - 1 - level));
                parts[k].push(i);
            }
            next.extend(parts.into_iter().filter(|p| !p.is_empty()));
        }
        groups = next;
        eprintln!("level {} ({:.0} s)", level + 1, t0.elapsed().as_secs_f64());
    }

    let mut rows: Vec<(&str, u16, u64)> = vocab
        .iter()
        .enumerate()
        .map(|(r, &w)| (words[w as usize].as_str(), class[r], counts[w as usize]))
        .collect();
    rows.sort();
    let mut text = String::new();
    for (w, c, n) in rows {
        if w.contains(['\t', '\n']) {
            continue;
        }
        text.push_str(&format!("{w}\t{c}\t{n}\n"));
    }
    std::fs::write(out, text).map_err(|e| format!("{out}: {e}"))?;
    println!(
        "wrote {out}: {} words in {} leaf classes ({:.0} s)",
        vocab.len(),
        groups.len(),
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Coarse shape of a word outside the context set.
fn shape_bucket(w: &str) -> u32 {
    let first = w.chars().next().unwrap_or(' ');
    if first.is_uppercase() {
        if w.chars().all(|c| !c.is_lowercase()) {
            1
        } else {
            0
        }
    } else if first.is_lowercase() {
        2
    } else if first.is_numeric() {
        3
    } else {
        4
    }
}

fn gaussian(rng: &mut Rng) -> f32 {
    // Sum of uniforms: close enough to normal for a random projection.
    let mut s = 0.0f32;
    for _ in 0..4 {
        s += (rng.next_u64() >> 40) as f32 / (1u64 << 24) as f32 - 0.5;
    }
    s
}

fn normalise(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

/// Spherical k-means of the rows `members` of `vecs`; returns the cluster of each member.
fn kmeans(vecs: &[f32], members: &[usize], k: usize, iters: usize, rng: &mut Rng) -> Vec<usize> {
    let n = members.len();
    if n <= k {
        return (0..n).collect();
    }
    let row = |i: usize| &vecs[i * DIM..(i + 1) * DIM];
    let dot = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
    // k-means++ seeding on a sample.
    let mut centres: Vec<Vec<f32>> = vec![row(members[rng.below(n)]).to_vec()];
    let sample: Vec<usize> = (0..n.min(4000)).map(|_| members[rng.below(n)]).collect();
    while centres.len() < k {
        let d: Vec<f32> = sample
            .iter()
            .map(|&i| {
                centres
                    .iter()
                    .map(|c| 1.0 - dot(row(i), c))
                    .fold(f32::MAX, f32::min)
                    .max(0.0)
            })
            .collect();
        let total: f32 = d.iter().sum();
        let mut pick = (rng.next_u64() >> 11) as f32 / (1u64 << 53) as f32 * total;
        let mut chosen = sample[0];
        for (&i, &x) in sample.iter().zip(&d) {
            chosen = i;
            if pick < x {
                break;
            }
            pick -= x;
        }
        centres.push(row(chosen).to_vec());
    }
    let mut assign = vec![0usize; n];
    for _ in 0..iters {
        let mut changed = 0;
        for (a, &i) in assign.iter_mut().zip(members) {
            let v = row(i);
            let mut best = (f32::MIN, 0);
            for (c, centre) in centres.iter().enumerate() {
                let s = dot(v, centre);
                if s > best.0 {
                    best = (s, c);
                }
            }
            if *a != best.1 {
                changed += 1;
            }
            *a = best.1;
        }
        let mut sums = vec![vec![0f32; DIM]; k];
        for (&a, &i) in assign.iter().zip(members) {
            for (s, &x) in sums[a].iter_mut().zip(row(i)) {
                *s += x;
            }
        }
        for (c, s) in centres.iter_mut().zip(sums.iter_mut()) {
            if s.iter().any(|&x| x != 0.0) {
                normalise(s);
                c.clone_from(s);
            }
        }
        if changed == 0 {
            break;
        }
    }
    assign
}
