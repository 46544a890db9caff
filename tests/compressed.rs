//! Gzip-compressed input as a researcher hands it over: `.txt.gz` files in a folder, a
//! `.jsonl.gz` dump, a gzip stream on standard input, gzipped extraction output for `stats`
//! and `tables`. Each reads as its decompressed bytes; damaged data is one error record.

mod common;
use common::{ok_stdout, tifa, tifa_with_stdin};

use flate2::write::GzEncoder;
use serde_json::Value;
use std::io::Write;
use std::path::Path;

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("compress");
    e.finish().expect("compress")
}

fn seed(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(name),
    )
    .expect("seed")
}

const SEED: &str = "001_a285daf0cd519617.txt";

fn records(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// The record of a gzipped file is that of its text, but for `file` and
/// `source.compression`: spans, `bytes` and `sha256` are those of the decompressed bytes.
#[test]
fn a_gzip_file_gives_the_record_of_its_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = seed(SEED);
    let plain = dir.path().join("a.txt");
    let packed = dir.path().join("b.txt.gz");
    std::fs::write(&plain, &text).expect("write");
    std::fs::write(&packed, gz(&text)).expect("write");

    let recs = records(&ok_stdout(&tifa(&["extract", &s(dir.path()), "-q"])));
    assert_eq!(recs.len(), 2);
    let (mut a, mut b) = (recs[0].clone(), recs[1].clone());
    assert_eq!(b["source"]["compression"], "gzip");
    assert!(a["source"].get("compression").is_none());
    assert_eq!(b["source"]["bytes"], text.len());
    let slogan = &b["documents"][0]["slogans"][0];
    let span = &slogan["span"];
    let (start, end) = (
        span["byte_start"].as_u64().expect("span") as usize,
        span["byte_end"].as_u64().expect("span") as usize,
    );
    assert!(std::str::from_utf8(&text[start..end])
        .expect("UTF-8")
        .contains(slogan["text"].as_str().expect("slogan text")));
    for r in [&mut a, &mut b] {
        r["file"] = Value::Null;
        if let Some(src) = r["source"].as_object_mut() {
            src.remove("compression");
        }
    }
    assert_eq!(a, b);
}

#[test]
fn gzip_on_standard_input_reads_as_its_text() {
    let text = seed(SEED);
    let plain = records(&ok_stdout(&tifa_with_stdin(&["extract", "-"], &text)));
    let packed = records(&ok_stdout(&tifa_with_stdin(&["extract", "-"], &gz(&text))));
    assert_eq!(packed[0]["source"]["compression"], "gzip");
    assert_eq!(plain[0]["documents"], packed[0]["documents"]);
}

#[test]
fn a_jsonl_gz_dump_gives_a_record_per_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("dump.jsonl.gz");
    let lines = concat!(
        "{\"id\":\"a1\",\"text\":\"同志们：要坚持两不误、两促进。\"}\n",
        "{\"id\":\"a2\",\"text\":\"全县25名同志参加。\"}\n",
    );
    std::fs::write(&f, gz(lines.as_bytes())).expect("write");
    let recs = records(&ok_stdout(&tifa(&["extract", "--jsonl", &s(&f), "-q"])));
    let ids: Vec<&str> = recs.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["a1", "a2"]);
    assert_eq!(
        recs[0]["documents"][0]["slogans"][0]["canonical"],
        "两不误两促进"
    );

    // Its name and first line say it is JSONL: --jsonl is not needed.
    let o = tifa(&["extract", &s(&f), "-q"]);
    assert_eq!(records(&ok_stdout(&o)), recs);
}

/// The bug this guards against: a damaged stream gives its error at every read, so a
/// JSONL reader going on after it would never end.
#[test]
fn damaged_gzip_is_one_error_record_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cut = gz(&seed(SEED));
    cut.truncate(cut.len() / 2);
    std::fs::write(dir.path().join("a.txt.gz"), &cut).expect("write");
    std::fs::write(dir.path().join("b.txt"), seed(SEED)).expect("write");
    let o = tifa(&["extract", &s(dir.path()), "-q"]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let recs = records(&String::from_utf8_lossy(&o.stdout));
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["status"], "error");
    let err = recs[0]["error"].as_str().unwrap_or_default();
    assert!(err.contains("damaged gzip data"), "{err}");
    assert_eq!(recs[1]["status"], "ok");

    let dump = dir.path().join("dump.jsonl.gz");
    let mut cut = gz("{\"id\":\"a\",\"text\":\"同志们：要坚持两不误。\"}\n"
        .repeat(2000)
        .as_bytes());
    cut.truncate(cut.len() / 2);
    std::fs::write(&dump, &cut).expect("write");
    let o = tifa(&["extract", "--jsonl", &s(&dump), "-q"]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let recs = records(&String::from_utf8_lossy(&o.stdout));
    let errors: Vec<&Value> = recs.iter().filter(|r| r["status"] == "error").collect();
    assert_eq!(
        errors.len(),
        1,
        "one error record for the damage, then the end"
    );
    assert!(recs.len() > 1 && recs.len() < 2000, "{}", recs.len());
}

/// `--max-bytes` counts what a file decompresses to: a small archive may hold a huge text.
#[test]
fn the_size_limit_counts_decompressed_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("big.txt.gz");
    std::fs::write(&f, gz("同志们".repeat(100_000).as_bytes())).expect("write");
    let o = tifa(&["extract", &s(&f), "--max-bytes", "100K", "-q"]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let err = records(&String::from_utf8_lossy(&o.stdout))[0]["error"].clone();
    assert_eq!(
        err,
        "input decompressed (gzip) is over the limit of 102400 bytes (raise it with --max-bytes)"
    );
}

#[test]
fn stats_and_tables_read_gzipped_extraction_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = ok_stdout(&tifa(&["extract", "corpus", "-q"]));
    let packed = dir.path().join("out.jsonl.gz");
    std::fs::write(&packed, gz(out.as_bytes())).expect("write");
    let plain = dir.path().join("out.jsonl");
    std::fs::write(&plain, &out).expect("write");

    let stats = |p: &Path| ok_stdout(&tifa(&["stats", &s(p), "--format", "json"]));
    assert_eq!(stats(&packed), stats(&plain));
    assert!(stats(&packed).contains("两不误"));

    let csv = dir.path().join("tables");
    let o = tifa(&["tables", &s(&packed), "--csv", &s(&csv)]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let docs = std::fs::read_to_string(csv.join("documents.csv")).expect("documents.csv");
    let n_docs: usize = records(&out)
        .iter()
        .map(|r| r["documents"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(n_docs >= 5);
    assert_eq!(
        docs.lines().count(),
        1 + n_docs,
        "a header and a row a document"
    );
}

#[test]
fn compare_reads_a_gzipped_side_as_its_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = seed(SEED);
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt.gz");
    std::fs::write(&a, &text).expect("write");
    std::fs::write(&b, gz(&text)).expect("write");
    let report: Value =
        serde_json::from_str(&ok_stdout(&tifa(&["compare", &s(&a), &s(&b), "--json"])))
            .expect("JSON report");
    assert_eq!(report["coverage"]["a_in_b"], 1.0);
    assert_eq!(report["coverage"]["b_in_a"], 1.0);
    assert_eq!(report["b"]["chars"], report["a"]["chars"]);
}
