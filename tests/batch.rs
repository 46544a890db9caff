//! The batch engine as a user drives it: resuming a killed run, JSONL input, globs, per-file
//! size limits, and output that only appears under its name once the run is complete.

mod common;
use common::tifa;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn seeds() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus/")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| String::from_utf8_lossy(&std::fs::read(f).expect("read seed")).into_owned())
        .collect()
}

/// `n` small speeches cut from the seeds, in a temporary folder.
fn small_corpus(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let seeds = seeds();
    for i in 0..n {
        let lines: Vec<&str> = seeds[i % seeds.len()].lines().collect();
        let start = (i * 7) % lines.len().max(1);
        let text = lines[start..].iter().take(12).copied().collect::<Vec<_>>();
        std::fs::write(
            dir.path().join(format!("doc{i:03}.txt")),
            format!("同志们：\n{}", text.join("\n")),
        )
        .expect("write");
    }
    dir
}

fn path_str(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Run `tifa ARGS` and kill it once some records (but not all) have reached `partial`.
fn kill_after_three_records(args: &[&str], partial: &Path) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tifa"))
        .args(args)
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let lines = std::fs::read(partial)
            .map(|b| b.iter().filter(|&&c| c == b'\n').count())
            .unwrap_or(0);
        if lines >= 3 {
            break;
        }
        assert!(
            child.try_wait().expect("try_wait").is_none(),
            "the run ended before it could be killed"
        );
        assert!(Instant::now() < deadline, "no output after 120 s");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("kill");
    child.wait().expect("wait");
}

#[test]
fn a_killed_run_resumes_without_losing_or_duplicating_records() {
    let corpus = small_corpus(150);
    let input = path_str(corpus.path());
    let out_dir = tempfile::tempdir().expect("tempdir");
    let clean = path_str(&out_dir.path().join("clean.jsonl"));
    let resumed = path_str(&out_dir.path().join("resumed.jsonl"));
    let partial = PathBuf::from(format!("{resumed}.partial"));
    let o = tifa(&["extract", &input, "-o", &clean, "-j", "2", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");

    kill_after_three_records(
        &["extract", &input, "-o", &resumed, "-j", "1", "-q"],
        &partial,
    );
    assert!(
        !Path::new(&resumed).exists(),
        "output named before completion"
    );
    let before = std::fs::read_to_string(&partial).expect("partial");
    let kept = before.lines().count();
    assert!(kept < 150, "the run was not interrupted: {kept} records");

    let o = tifa(&["extract", &input, "-o", &resumed, "--resume"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("from the interrupted run"), "{err}");
    assert!(!partial.exists(), "partial output left behind");
    assert_eq!(
        std::fs::read(&resumed).expect("resumed"),
        std::fs::read(&clean).expect("clean"),
        "resumed output differs from an uninterrupted run"
    );
}

#[test]
fn a_run_killed_inside_a_record_written_in_pieces_resumes_without_it() {
    // A large input's record reaches the output in 1 MiB pieces; a kill between two pieces
    // leaves half a line, which --resume must drop and write again.
    let corpus = small_corpus(4);
    let big: String = seeds()
        .iter()
        .filter(|s| !s.contains("<html"))
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    let big = big.repeat((3 << 20) / big.len() + 1);
    std::fs::write(corpus.path().join("doc001b-big.txt"), big).expect("write");
    let input = path_str(corpus.path());
    let out_dir = tempfile::tempdir().expect("tempdir");
    let clean = path_str(&out_dir.path().join("clean.jsonl"));
    let o = tifa(&["extract", &input, "-o", &clean, "-q", "--max-bytes", "1G"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let resumed = path_str(&out_dir.path().join("resumed.jsonl"));
    let partial = PathBuf::from(format!("{resumed}.partial"));
    // The kill may land between records instead; a few tries make a kill inside one likely.
    let mut inside = false;
    for _ in 0..5 {
        let _ = std::fs::remove_file(&partial);
        let mut child = Command::new(env!("CARGO_BIN_EXE_tifa"))
            .args([
                "extract",
                &input,
                "-o",
                &resumed,
                "-j",
                "1",
                "-q",
                "--max-bytes",
                "1G",
            ])
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let bytes = std::fs::read(&partial).unwrap_or_default();
            if bytes.len() > 1 << 20 && bytes.last() != Some(&b'\n') {
                break;
            }
            if child.try_wait().expect("try_wait").is_some() || Instant::now() > deadline {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let _ = child.kill();
        child.wait().expect("wait");
        let bytes = std::fs::read(&partial).unwrap_or_default();
        if bytes.len() > 1 << 20 && bytes.last() != Some(&b'\n') {
            inside = true;
            break;
        }
    }
    assert!(inside, "no kill landed inside the large record in 5 tries");
    let o = tifa(&[
        "extract",
        &input,
        "-o",
        &resumed,
        "--resume",
        "--max-bytes",
        "1G",
    ]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert_eq!(
        std::fs::read(&resumed).expect("resumed"),
        std::fs::read(&clean).expect("clean"),
        "resumed output differs from an uninterrupted run"
    );
}

#[test]
fn resume_refuses_a_partial_output_from_other_inputs() {
    let corpus = small_corpus(4);
    let out_dir = tempfile::tempdir().expect("tempdir");
    let out = path_str(&out_dir.path().join("o.jsonl"));
    std::fs::write(
        format!("{out}.partial"),
        "{\"file\":\"elsewhere.txt\",\"status\":\"ok\"}\n",
    )
    .expect("write");
    let o = tifa(&["extract", &path_str(corpus.path()), "-o", &out, "--resume"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("elsewhere.txt"));
    assert!(!Path::new(&out).exists());
}

/// A run over 150 small files, killed after its first records reached `partial`.
struct Interrupted {
    corpus: tempfile::TempDir,
    _out_dir: tempfile::TempDir,
    input: String,
    out: String,
    partial: PathBuf,
}

impl Interrupted {
    fn with(extra: &[&str]) -> Interrupted {
        Self::of(small_corpus(150), extra)
    }

    fn of(corpus: tempfile::TempDir, extra: &[&str]) -> Interrupted {
        let input = path_str(corpus.path());
        let out_dir = tempfile::tempdir().expect("tempdir");
        let out = path_str(&out_dir.path().join("o.jsonl"));
        let partial = PathBuf::from(format!("{out}.partial"));
        let mut args = vec!["extract", &input, "-o", &out, "-j", "1", "-q"];
        args.extend_from_slice(extra);
        kill_after_three_records(&args, &partial);
        Interrupted {
            corpus,
            _out_dir: out_dir,
            input,
            out,
            partial,
        }
    }
}

/// The bug: a run killed with --tokens and resumed without it finished with exit 0 and an
/// output of records with and without tokens.
#[test]
fn resume_refuses_other_options_than_the_interrupted_runs() {
    let run = Interrupted::with(&["--tokens"]);
    let (input, out, partial) = (run.input.as_str(), run.out.as_str(), &run.partial);

    let o = tifa(&["extract", input, "-o", out, "--resume"]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("tokens: true then, false now"), "{err}");
    assert!(
        partial.exists(),
        "the partial output is kept for a resume with the same options"
    );

    let o = tifa(&["extract", input, "-o", out, "--resume", "--tokens"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let text = std::fs::read_to_string(out).expect("output");
    assert_eq!(text.lines().count(), 150);
    assert!(text.lines().all(|l| l.contains("\"tokens\":")));
}

/// The bug: a file edited after the kill kept the record of its old text.
#[test]
fn resume_refuses_an_input_edited_since_its_record_was_made() {
    let run = Interrupted::with(&[]);
    let (input, out) = (run.input.as_str(), run.out.as_str());
    std::fs::write(
        run.corpus.path().join("doc000.txt"),
        "同志们：\n讲两点意见。",
    )
    .expect("edit");

    let o = tifa(&["extract", input, "-o", out, "--resume"]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("doc000.txt\" is not the file it was"), "{err}");
    assert!(!Path::new(out).exists());
}

/// Every file of `dir` replaced by its gzip-compressed copy, named `NAME.gz`.
fn gzip_all(dir: &Path) {
    use std::io::Write;
    for e in std::fs::read_dir(dir).expect("read_dir") {
        let p = e.expect("entry").path();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&std::fs::read(&p).expect("read"))
            .expect("compress");
        std::fs::write(
            format!("{}.gz", p.display()),
            gz.finish().expect("compress"),
        )
        .expect("write");
        std::fs::remove_file(&p).expect("remove");
    }
}

/// A resumed run checks each recorded input against its file by the SHA-256 the record
/// carries, which for a gzip file is that of its decompressed bytes.
#[test]
fn a_killed_run_over_gzip_files_resumes() {
    let corpus = small_corpus(150);
    gzip_all(corpus.path());
    let run = Interrupted::of(corpus, &[]);
    let (input, out) = (run.input.as_str(), run.out.as_str());
    let o = tifa(&["extract", input, "-o", out, "--resume", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let resumed = std::fs::read_to_string(out).expect("output");
    let clean = String::from_utf8_lossy(&tifa(&["extract", input, "-q"]).stdout).into_owned();
    assert_eq!(resumed.lines().count(), 150);
    assert_eq!(resumed, clean);
    assert!(resumed
        .lines()
        .all(|l| l.contains("\"compression\":\"gzip\"")));
}

#[test]
fn jsonl_input_keeps_ids_and_passes_fields_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("in.jsonl");
    std::fs::write(
        &f,
        concat!(
            "{\"id\":\"a1\",\"year\":2005,\"text\":\"同志们：要坚持两不误、两促进。全县25名同志参加。\"}\n",
            "{\"id\":\"a2\",\"text\":17}\n",
            "not json\n",
        ),
    )
    .expect("write");
    let o = tifa(&["extract", "--jsonl", &path_str(&f), "-q"]);
    assert_eq!(o.status.code(), Some(1), "two bad lines: exit 1");
    let recs: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(recs.len(), 3);
    assert_eq!(recs[0]["id"], "a1");
    assert_eq!(recs[0]["fields"]["year"], 2005);
    assert_eq!(
        recs[0]["documents"][0]["slogans"][0]["canonical"],
        "两不误两促进"
    );
    assert_eq!(recs[0]["documents"][0]["metrics"][0]["value"], 25.0);
    assert_eq!(recs[1]["status"], "error");
    assert!(recs[1]["error"].as_str().unwrap_or("").contains("line 2"));
    assert!(recs[2]["error"]
        .as_str()
        .unwrap_or("")
        .contains("line 3: invalid JSON"));
    assert!(recs
        .iter()
        .all(|r| r["warnings"].as_array().is_some_and(Vec::is_empty)));

    // Named *.jsonl and opening with an object with a text, it is JSONL without --jsonl too.
    let o2 = tifa(&["extract", &path_str(&f), "-q"]);
    assert_eq!(o2.stdout, o.stdout);
}

/// The bug: `tifa extract corpus/` read the JSONL dump in it (`tw-laws.jsonl`) as one text,
/// JSON syntax and all, into one record whose outline, slogans and metrics were wrong; the
/// warning said to give --jsonl, which would have read the folder's text files as JSONL.
#[test]
fn a_jsonl_dump_in_a_folder_gives_a_record_per_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), "同志们：要坚持两不误。").expect("write");
    std::fs::write(
        dir.path().join("b.jsonl"),
        "\n{\"id\":\"x\",\"text\":\"全县25名同志参加。\"}\n{\"id\":\"y\",\"text\":\"两不误\"}\n",
    )
    .expect("write");
    // Our own output, or any JSONL not of texts, stays one text, and says why.
    std::fs::write(dir.path().join("c.jsonl"), "{\"file\":\"a.txt\",\"n\":1}\n").expect("write");
    let o = tifa(&["extract", &path_str(dir.path()), "-q"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let recs: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let keys: Vec<(String, String)> = recs
        .iter()
        .map(|r| {
            let file = r["file"].as_str().unwrap_or_default();
            let name = Path::new(file)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            (
                name.unwrap_or_default(),
                r["id"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let want = [
        ("a.txt", ""),
        ("b.jsonl", "x"),
        ("b.jsonl", "y"),
        ("c.jsonl", ""),
    ];
    assert_eq!(
        keys,
        want.map(|(f, i)| (f.to_owned(), i.to_owned())).to_vec()
    );
    assert_eq!(recs[1]["documents"][0]["metrics"][0]["value"], 25.0);
    assert!(recs[3]["warnings"][0]
        .as_str()
        .is_some_and(|w| w.starts_with("a .jsonl file read as one text")));
}

#[test]
fn globs_filter_folders_and_max_bytes_gives_error_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), "同志们：要坚持两不误。").expect("write");
    std::fs::write(dir.path().join("b.html"), "<p>同志们</p>").expect("write");
    std::fs::write(dir.path().join("big.txt"), "同志们".repeat(1000)).expect("write");
    let root = path_str(dir.path());
    let o = tifa(&[
        "extract",
        &root,
        "--glob",
        "*.txt",
        "--max-bytes",
        "1K",
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let recs: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let files: Vec<&str> = recs.iter().filter_map(|r| r["file"].as_str()).collect();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files[0].ends_with("a.txt") && files[1].ends_with("big.txt"));
    assert_eq!(recs[0]["status"], "ok");
    assert!(recs[1]["error"]
        .as_str()
        .unwrap_or("")
        .contains("over the limit of 1024"));
}

#[cfg(unix)]
#[test]
fn output_to_a_fifo_is_written_in_place_not_replaced() {
    // Regression: `-o /dev/null` wrote /dev/null.partial and renamed it over the device.
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("out.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        println!("skipped: mkfifo not available");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read fifo"))
    };
    let o = tifa(&["extract", "corpus/", "-q", "-o", &path_str(&fifo)]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let got = reader.join().expect("reader");
    assert_eq!(got.lines().count(), 5);
    use std::os::unix::fs::FileTypeExt;
    let meta = std::fs::metadata(&fifo).expect("fifo still there");
    assert!(meta.file_type().is_fifo(), "the FIFO was replaced");
    assert!(!dir.path().join("out.fifo.partial").exists());
}

#[cfg(unix)]
#[test]
fn a_fifo_inside_a_folder_gives_an_error_record_not_a_hang() {
    // Regression: the walk opened the pipe, and open() waited for a writer that never came.
    let dir = small_corpus(2);
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        println!("skipped: mkfifo not available");
        return;
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_tifa"))
        .args(["extract", &path_str(dir.path()), "-q"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("tifa extract hangs on a FIFO in its input folder");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let o = child.wait_with_output().expect("output");
    assert_eq!(o.status.code(), Some(1), "the pipe is a failed input");
    let recs: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(recs.len(), 3);
    let pipe = &recs[2];
    assert!(pipe["file"].as_str().unwrap_or("").ends_with("pipe"));
    assert_eq!(
        pipe["error"],
        "not a regular file (a named pipe): not read; name it on the command line to read it"
    );
}

#[test]
fn output_inside_the_input_folder_is_not_read_back() {
    // Regression: `extract data -o data/out.jsonl --csv data/tables` took in its own
    // out.jsonl.partial (half written), its .options note and, run again, the last output.
    let dir = small_corpus(3);
    let root = path_str(dir.path());
    let out = path_str(&dir.path().join("out.jsonl"));
    let csv = path_str(&dir.path().join("tables"));
    for run in 0..2 {
        let o = tifa(&["extract", &root, "-o", &out, "--csv", &csv, "-q"]);
        assert_eq!(o.status.code(), Some(0), "run {run}: {o:?}");
        let text = std::fs::read_to_string(&out).expect("output");
        let files: Vec<String> = text
            .lines()
            .map(|l| {
                let r: serde_json::Value = serde_json::from_str(l).expect("JSON line");
                r["file"].as_str().unwrap_or("").to_owned()
            })
            .collect();
        assert_eq!(files.len(), 3, "run {run}: {files:?}");
        assert!(files.iter().all(|f| f.ends_with(".txt")), "{files:?}");
    }
}

#[test]
fn a_repeated_jsonl_id_is_warned_on_its_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("in.jsonl");
    std::fs::write(
        &f,
        concat!(
            "{\"id\":\"a\",\"text\":\"同志们：要坚持两不误。\"}\n",
            "{\"text\":\"没有编号的文本。\"}\n",
            "{\"id\":\"a\",\"text\":\"重复的编号。\"}\n",
        ),
    )
    .expect("write");
    let o = tifa(&["extract", "--jsonl", &path_str(&f)]);
    assert_eq!(o.status.code(), Some(0), "a repeated id is no failure");
    let recs: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(
        recs[1]["id"], "2",
        "a line without an id is known by its number"
    );
    assert_eq!(recs[0]["warnings"], serde_json::json!([]));
    assert_eq!(
        recs[2]["warnings"][0],
        "line 3: id \"a\" is also the id of line 1; give each line its own id, or rows of the tables share a key"
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("3 records, 0 errors, 1 with warnings"),
        "{stderr}"
    );
}
