//! The issue 3 ratio, measured in pairs: how much `Pipeline::process` (decode, normalize,
//! clean, extraction) costs against `Pipeline::prepare` plus a jieba `cut` of every document
//! (decode + normalize + segment), on the 1 MB buffer of `benches/stages.rs`.
//!
//! On a shared machine the speed drifts by 10% and more within a minute, so two criterion
//! groups measured a minute apart give a ratio that moves with the drift. Here each round times
//! one of each back to back (in alternating order), and the figure is the median of the
//! per-round ratios; the drift cancels within a round.
//!
//! Run: `cargo bench --bench ratio` (about 30 s); `ROUNDS=N` changes the number of rounds.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

fn timed(f: impl FnOnce() -> usize) -> Duration {
    let t = Instant::now();
    black_box(f());
    t.elapsed()
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; this target takes no other arguments.
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40);
    let bytes = common::plain_buffer();
    let pipeline = common::one_core_pipeline();
    // Load every lazy table (dictionary, POS model, automatons) before timing.
    for _ in 0..2 {
        black_box(common::prepare_and_cut(&pipeline, &bytes));
        black_box(pipeline.process("corpus.txt", &bytes).documents.len());
    }
    let (mut base, mut full, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let run_base = || timed(|| common::prepare_and_cut(&pipeline, &bytes));
        let run_full = || timed(|| pipeline.process("corpus.txt", &bytes).documents.len());
        let (b, f) = if round % 2 == 0 {
            let b = run_base();
            (b, run_full())
        } else {
            let f = run_full();
            (run_base(), f)
        };
        base.push(b.as_secs_f64() * 1e3);
        full.push(f.as_secs_f64() * 1e3);
        ratios.push(f.as_secs_f64() / b.as_secs_f64());
    }
    let mb = bytes.len() as f64 / 1e6;
    let (b, f) = (median(&mut base), median(&mut full));
    println!("input: {} bytes, {rounds} rounds", bytes.len());
    println!(
        "prepare_and_cut (decode + normalize + segment): median {b:.2} ms ({:.1} MB/s)",
        mb / b * 1e3
    );
    println!(
        "process (end to end):                          median {f:.2} ms ({:.1} MB/s)",
        mb / f * 1e3
    );
    let q = |v: &mut Vec<f64>, p: f64| {
        v.sort_by(f64::total_cmp);
        v[((v.len() - 1) as f64 * p).round() as usize]
    };
    println!(
        "ratio process / prepare_and_cut, per round: median {:.3} (quartiles {:.3}–{:.3}); issue 3 target ≤ 1.40",
        median(&mut ratios),
        q(&mut ratios, 0.25),
        q(&mut ratios, 0.75)
    );
}
