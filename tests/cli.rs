//! The `tifa` command as a user runs it: output per file, order, determinism, exit codes.

mod common;
use common::{ok_stdout, tifa};

use std::process::{Command, Output};

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn extract_gives_one_record_per_corpus_file_in_sorted_order() {
    let out = tifa(&["extract", "corpus/"]);
    ok_stdout(&out);
    let recs = lines(&out);
    let files: Vec<&str> = recs
        .iter()
        .map(|r| r["file"].as_str().unwrap_or(""))
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files.len(), 5);
    assert_eq!(files, sorted);
    for r in &recs {
        assert_eq!(r["status"], "ok");
        assert_eq!(r["schema"], "tifa/1");
    }
    assert_eq!(
        recs[0]["documents"].as_array().map(Vec::len),
        Some(3),
        "seed 000 is a compilation of three speeches"
    );
}

#[test]
fn jobs_1_and_jobs_2_give_identical_bytes() {
    let one = tifa(&["extract", "corpus/", "--jobs", "1", "--tokens"]);
    let two = tifa(&["extract", "corpus/", "--jobs", "2", "--tokens"]);
    assert_eq!(one.status.code(), Some(0));
    assert!(!one.stdout.is_empty());
    assert!(
        one.stdout == two.stdout,
        "output differs between --jobs 1 and --jobs 2"
    );
}

#[test]
fn bad_files_yield_error_records_and_exit_1_while_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a_empty.txt"), b"").expect("write");
    std::fs::write(
        dir.path().join("b_binary.bin"),
        [0x7f, b'E', b'L', b'F', 0, 0, 1, 0, 0, 0, 3, 0],
    )
    .expect("write");
    std::fs::write(
        dir.path().join("c_good.txt"),
        "同志们：\n一、提高认识\n二、明确任务",
    )
    .expect("write");
    let missing = dir.path().join("d_missing.txt");
    let d = dir.path().to_string_lossy().into_owned();
    let out = tifa(&["extract", &d, &missing.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    let recs = lines(&out);
    let status: Vec<&str> = recs
        .iter()
        .map(|r| r["status"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(status, vec!["error", "error", "ok", "error"]);
    assert!(recs[0]["error"].as_str().unwrap_or("").contains("empty"));
    assert!(recs[1]["error"].as_str().unwrap_or("").contains("binary"));
    assert!(recs[3]["error"]
        .as_str()
        .unwrap_or("")
        .contains("cannot read"));
    assert_eq!(
        recs[2]["documents"][0]["outline"].as_array().map(Vec::len),
        Some(2)
    );
}

#[test]
fn stdin_and_output_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_path = dir.path().join("out.jsonl");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tifa"))
        .args(["extract", "-", "-o", &out_path.to_string_lossy()])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all("讲两点意见。一是要学习。二是要落实。".as_bytes())
            .expect("write stdin");
    }
    assert!(child.wait().expect("wait").success());
    let text = std::fs::read_to_string(out_path).expect("output written");
    let rec: serde_json::Value = serde_json::from_str(text.trim()).expect("json");
    assert_eq!(rec["file"], "-");
    assert_eq!(rec["documents"][0]["lists"][0]["announced"], 2);
    assert_eq!(rec["documents"][0]["lists"][0]["found"], 2);
}

#[test]
fn a_reader_closing_the_pipe_ends_extract_quietly_with_0() {
    use std::io::Read;
    use std::process::Stdio;
    // With text and tokens the seeds make several hundred KB, more than a pipe holds, so
    // writing goes on after the reader has gone.
    let mut child = Command::new(env!("CARGO_BIN_EXE_tifa"))
        .args(["extract", "corpus/", "--text", "--tokens", "-j1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut head = [0u8; 10];
    {
        let mut stdout = child.stdout.take().expect("stdout");
        stdout.read_exact(&mut head).expect("the first bytes");
    }
    let out = child.wait_with_output().expect("wait");
    assert_eq!(&head, br#"{"schema":"#);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn output_that_cannot_be_written_is_still_an_error() {
    if !std::path::Path::new("/dev/full").exists() {
        eprintln!("skip: no /dev/full on this system to fail writes");
        return;
    }
    let out = tifa(&["extract", "corpus/", "-o", "/dev/full"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("writing output"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(tifa(&["extract"]).status.code(), Some(2));
    assert_eq!(tifa(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn a_large_record_written_in_pieces_is_the_record_written_whole() {
    // Inputs of 1 MiB and more are serialized in pieces the writer writes as they come (and
    // hands each record back to the writer, which frees it when the next large one comes);
    // with live tables (stdout and --csv) every record is still written whole.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut seeds: Vec<_> = std::fs::read_dir("corpus")
        .expect("corpus/")
        .map(|e| e.expect("entry").path())
        .collect();
    seeds.sort();
    let plain: Vec<u8> = seeds
        .iter()
        .filter(|p| !p.to_string_lossy().contains("002_"))
        .flat_map(|p| std::fs::read(p).expect("seed"))
        .collect();
    let mut big = Vec::new();
    while big.len() < 3 << 20 {
        big.extend_from_slice(&plain);
        big.push(b'\n');
    }
    std::fs::write(dir.path().join("a-big.txt"), &big).expect("write");
    std::fs::write(dir.path().join("b-small.txt"), &plain[..2000]).expect("write");
    let other = ["第二份\n".as_bytes(), &big].concat();
    std::fs::write(dir.path().join("c-big.txt"), other).expect("write");
    let input = dir.path().to_string_lossy().into_owned();
    let out_path = dir.path().join("out.jsonl");
    let out = out_path.to_string_lossy().into_owned();
    let csv = dir.path().join("csv").to_string_lossy().into_owned();
    let pieces = tifa(&["extract", &input, "--glob", "*.txt", "-q", "-o", &out]);
    assert_eq!(pieces.status.code(), Some(0));
    let whole = tifa(&["extract", &input, "--glob", "*.txt", "-q", "--csv", &csv]);
    ok_stdout(&whole);
    let written = std::fs::read(&out_path).expect("output written");
    assert!(written.len() > 3 << 20, "{} bytes", written.len());
    assert!(written == whole.stdout, "pieces and whole records differ");
    // One worker allocates from one heap, large buffers included: the same bytes.
    let one = tifa(&["extract", &input, "--glob", "*.txt", "-q", "-j", "1"]);
    ok_stdout(&one);
    assert!(one.stdout == whole.stdout, "the -j1 records differ");
    let recs = lines(&whole);
    assert_eq!(recs.len(), 3);
    assert!(recs[0]["documents"].as_array().map_or(0, Vec::len) > 20);
}

#[test]
fn output_dash_writes_standard_output_not_a_file_named_dash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let out = Command::new(env!("CARGO_BIN_EXE_tifa"))
        .args(["extract", "-q", "-o", "-"])
        .arg(&corpus)
        .current_dir(dir.path())
        .output()
        .expect("tifa runs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(lines(&out).len(), 5);
    assert!(!dir.path().join("-").exists(), "wrote a file named -");
}

/// The bug: a `--csv` naming an existing file failed only after the whole run, once the JSON
/// output had been committed, with `writing tables: notadir: File exists (os error 17)`.
#[test]
fn csv_naming_a_file_is_refused_before_any_work() {
    let dir = tempfile::tempdir().expect("tempdir");
    let notadir = dir.path().join("notadir").to_string_lossy().into_owned();
    std::fs::write(&notadir, "").expect("write");
    let output = dir.path().join("y.jsonl").to_string_lossy().into_owned();
    let runs: [&[&str]; 3] = [
        &["extract", "corpus/", "-q", "-o", &output, "--csv", &notadir],
        // Refused before its input is read: this one is not an extraction output.
        &[
            "tables",
            "corpus/003_0133496d7c3fa8b5.txt",
            "--csv",
            &notadir,
        ],
        &["reuse", "corpus/", "-o", &output, "--csv", &notadir],
    ];
    for args in runs {
        let out = tifa(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("tifa: --csv {notadir}: exists and is not a folder\n"),
            "{args:?}"
        );
        let written: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(written, ["notadir"], "{args:?}");
    }
}

/// From the new-user review (finding 18): a Jaccard of 5 and an empty kwic term were taken
/// as they came, giving no clusters and an empty section without a word.
#[test]
fn meaningless_option_values_are_usage_errors() {
    for (args, says) in [
        (
            &["reuse", "corpus/", "--cluster-jaccard", "5"][..],
            "\"5\" is not a ratio from 0 to 1",
        ),
        (
            &["stats", "corpus/", "--kwic", ""][..],
            "an empty term matches nothing",
        ),
    ] {
        let out = tifa(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
}
