//! What the benchmarks share: the bundled corpus as input, a one-core pipeline, and the
//! "prepare" of the issues (decode + normalize + segment). Included by `stages.rs` and
//! `ratio.rs` with `mod common;`.

use std::path::PathBuf;
use tifa::clean::markup;
use tifa::normalize::{Conversion, Fmmseg};
use tifa::segment::Segmenter;
use tifa::{Options, Pipeline};

/// Target size of the repeated inputs.
pub const TARGET: usize = 1 << 20;

/// The files of `corpus/`, sorted by name.
pub fn corpus_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read corpus/")
        .map(|e| e.expect("corpus entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "corpus/ is empty");
    files
}

/// Repeat `unit` (joined by `\n`) until the result is at least `TARGET` bytes.
pub fn repeat_to_target(unit: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(TARGET + unit.len() + 1);
    while out.len() < TARGET {
        out.extend_from_slice(unit);
        out.push(b'\n');
    }
    out
}

/// The main buffer: the plain-text files of `corpus/`, joined by `\n`, repeated to ~1 MB. One
/// HTML file in it would send all of it down the markup path; markup has its own input.
pub fn plain_buffer() -> Vec<u8> {
    let mut unit = Vec::new();
    for f in corpus_files() {
        let b = std::fs::read(f).expect("read corpus file");
        if !markup::looks_like_markup(&String::from_utf8_lossy(&b)) {
            unit.extend_from_slice(&b);
            unit.push(b'\n');
        }
    }
    repeat_to_target(&unit)
}

/// A pipeline measured on one core. The buffer is over `Options::split_from`: the global
/// pool gets one thread (OpenCC's pieces in `prepare` would use every core), and the
/// pipeline runs sequential on the calling thread (a split record would be worked on by the
/// pool's thread, away from the caches `prepare` warmed).
pub fn one_core_pipeline() -> Pipeline {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build_global()
        .expect("the first use of rayon's global pool");
    Pipeline::new(
        Box::new(Fmmseg::new(Conversion::T2s)),
        Options {
            split_from: usize::MAX,
            ..Options::default()
        },
    )
}

/// `Pipeline::prepare` and a jieba `cut` of every document: the issues' decode + normalize +
/// segment. Returns the word count, for `black_box`.
pub fn prepare_and_cut(pipeline: &Pipeline, bytes: &[u8]) -> usize {
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
