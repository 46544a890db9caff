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

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tifa::clean::markup;
use tifa::normalize::{Conversion, Fmmseg};
use tifa::segment::Segmenter;
use tifa::{Options, Pipeline};

/// The plain-text files of `corpus/`, sorted, joined by `\n`, repeated to at least 1 MiB: the
/// main buffer of `benches/stages.rs`.
fn buffer() -> Vec<u8> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read corpus/")
        .map(|e| e.expect("corpus entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut unit = Vec::new();
    for f in &files {
        let b = std::fs::read(f).expect("read corpus file");
        if !markup::looks_like_markup(&String::from_utf8_lossy(&b)) {
            unit.extend_from_slice(&b);
            unit.push(b'\n');
        }
    }
    let mut out = Vec::new();
    while out.len() < 1 << 20 {
        out.extend_from_slice(&unit);
        out.push(b'\n');
    }
    out
}

fn prepare_and_cut(pipeline: &Pipeline, bytes: &[u8]) -> usize {
    let seg = Segmenter::global();
    let p = pipeline.prepare(bytes).expect("prepare");
    let body = &p.cleaned.body;
    p.cleaned
        .documents
        .iter()
        .map(|r| {
            seg.cut(&body.as_str()[body.byte_of_char(r.start)..body.byte_of_char(r.end)])
                .len()
        })
        .sum()
}

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
    // One core, as the figure means: the buffer is over `Options::split_from`, so
    // `process` would otherwise spread it over every core.
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build_global()
        .expect("the first use of rayon's global pool");
    let bytes = buffer();
    // Sequential on the calling thread: the buffer is over `Options::split_from`, and a split
    // record would be worked on by the pool's thread, away from the caches `prepare` warmed.
    let pipeline = Pipeline::new(
        Box::new(Fmmseg::new(Conversion::T2s)),
        Options {
            split_from: usize::MAX,
            ..Options::default()
        },
    );
    // Load every lazy table (dictionary, POS model, automatons) before timing.
    for _ in 0..2 {
        black_box(prepare_and_cut(&pipeline, &bytes));
        black_box(pipeline.process("corpus.txt", &bytes).documents.len());
    }
    let (mut base, mut full, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let run_base = || timed(|| prepare_and_cut(&pipeline, &bytes));
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
