//! Large inputs are split across threads (`Options::split_from`): the hash beside `prepare`,
//! OpenCC pieces, documents, extractors and metric chunks side by side. The record must be the
//! one the sequential path gives, byte for byte, whatever the pool's width.

use tifa::normalize::{Conversion, Fmmseg};
use tifa::pipeline::Options;
use tifa::Pipeline;

fn record(bytes: &[u8], split_from: usize, threads: usize) -> String {
    record_of(bytes, split_from, threads, false)
}

/// The record through `process`, or through `process_owned` (the bytes handed over, as a
/// batch run does with the files it reads).
fn record_of(bytes: &[u8], split_from: usize, threads: usize, owned: bool) -> String {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let pipeline = Pipeline::new(
        Box::new(Fmmseg::new(Conversion::T2s)),
        Options {
            split_from,
            ..Options::default()
        },
    );
    pool.install(|| {
        let r = if owned {
            pipeline.process_owned("input", bytes.to_vec())
        } else {
            pipeline.process("input", bytes)
        };
        serde_json::to_string(&r)
    })
    .expect("record serializes")
}

fn seeds() -> Vec<Vec<u8>> {
    let mut paths: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
        .expect("corpus/")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read(p).expect("seed"))
        .collect()
}

#[test]
fn a_split_record_is_the_sequential_record_at_any_pool_width() {
    let seeds = seeds();
    assert_eq!(seeds.len(), 5);
    // Every seed, and a compilation of all of them four times over: several documents, a
    // traditional one among them, and more than one OpenCC piece.
    let mut compilation = String::new();
    for _ in 0..4 {
        for s in &seeds {
            compilation.push_str(&tifa::decode::decode(s).expect("seed decodes").text);
            compilation.push_str("\n\n");
        }
    }
    let mut inputs = seeds.clone();
    // The compilation in GBK as well: its decoded text is a buffer of its own, not the input.
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&compilation);
    assert!(!unmappable, "the seeds are GBK text");
    inputs.push(gbk.into_owned());
    inputs.push(compilation.into_bytes());
    for (i, bytes) in inputs.iter().enumerate() {
        let sequential = record(bytes, usize::MAX, 1);
        assert!(
            sequential.contains("\"metrics\":[{"),
            "input {i} has metrics"
        );
        for threads in [1, 4] {
            assert_eq!(
                record(bytes, 0, threads),
                sequential,
                "input {i}, {threads} threads"
            );
            assert_eq!(
                record_of(bytes, 0, threads, true),
                sequential,
                "input {i}, {threads} threads, bytes handed over"
            );
        }
    }
}
