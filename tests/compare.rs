//! `tifa compare` and `tifa reuse` as a user runs them: a paragraph planted (with small edits,
//! in traditional characters, Big5-encoded) in an otherwise different file is found, with raw
//! byte offsets that cut the right text out of both files; unrelated files give no pairs.

mod common;
use common::{ok_stdout, tifa, tifa_with_stdin};

use std::path::Path;

/// The source paragraph (simplified) and its reused copy: traditional, two words changed.
const PARAGRAPH: &str =
    "各级党组织要把学习贯彻作为重大政治任务，领导干部要先学一步、多学一点、学深一些，\
多深入到困难多、矛盾多和党员群众意见多的地方去，及时发现问题，督促整改落实。";
const COPY: &str =
    "各級黨組織要把學習貫徹作為首要政治任務，領導幹部要先學一步、多學一點、學深一些，\
多深入到困難多、矛盾多和黨員群眾意見多的地方去，及時發現問題，督促整改到位。";

const FILLER_A: &str = "今年全县粮食产量稳定增长，农民收入持续提高。\n\
城市道路改造工程已经完成大半，公共交通线路新增三条。\n";
const FILLER_B: &str = "本會今日審議交通運輸條例修訂草案。\n\
議員就港口擴建計劃的環境評估提出多項質詢。\n";
const UNRELATED: &str = "春季植树活动在河畔公园举行，志愿者种下银杏和香樟两百余株。\n\
图书馆延长周末开放时间，并增设儿童阅读区与自习座位。\n";

/// Three files in a fresh folder: A (UTF-8, simplified), B (Big5, traditional), C unrelated.
fn planted() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = format!("{FILLER_A}{PARAGRAPH}\n{FILLER_A}");
    let b = format!("{FILLER_B}{COPY}\n{FILLER_B}");
    let (big5, _, bad) = encoding_rs::BIG5.encode(&b);
    assert!(!bad, "test text must be encodable in Big5");
    std::fs::write(dir.path().join("a.txt"), a).expect("write a");
    std::fs::write(dir.path().join("b.txt"), &big5[..]).expect("write b");
    std::fs::write(dir.path().join("c.txt"), UNRELATED).expect("write c");
    dir
}

fn cut(path: &Path, span: &serde_json::Value, big5: bool) -> String {
    let raw = std::fs::read(path).expect("read");
    let (s, e) = (
        span["byte_start"].as_u64().unwrap_or(0) as usize,
        span["byte_end"].as_u64().unwrap_or(0) as usize,
    );
    let bytes = &raw[s..e];
    if big5 {
        encoding_rs::BIG5.decode(bytes).0.into_owned()
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

#[test]
fn reuse_finds_the_planted_paragraph_with_raw_offsets() {
    let dir = planted();
    let folder = dir.path().to_string_lossy().into_owned();
    let csv_dir = dir.path().join("csv");
    let out = tifa(&["reuse", &folder, "--csv", &csv_dir.to_string_lossy()]);
    let lines: Vec<serde_json::Value> = ok_stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines[0]["type"], "summary");
    assert_eq!(lines[0]["files"], 3);
    let pairs: Vec<&serde_json::Value> = lines.iter().filter(|l| l["type"] == "pair").collect();
    assert_eq!(pairs.len(), 1, "only A and B share text: {pairs:?}");
    let pair = pairs[0];
    assert!(pair["a"].as_str().unwrap_or("").ends_with("a.txt"));
    assert!(pair["b"].as_str().unwrap_or("").ends_with("b.txt"));
    let passages = pair["passages"].as_array().expect("passages");
    assert_eq!(passages.len(), 1, "{passages:?}");
    let p = &passages[0];
    let identity = p["identity"].as_f64().unwrap_or(0.0);
    assert!(identity > 0.9 && identity < 1.0, "small edits: {identity}");
    assert!(p["length"].as_u64().unwrap_or(0) >= 60);
    let in_a = cut(&dir.path().join("a.txt"), &p["a"], false);
    let in_b = cut(&dir.path().join("b.txt"), &p["b"], true);
    assert!(
        in_a.starts_with("各级党组织") && in_a.ends_with("督促整改"),
        "{in_a}"
    );
    assert!(
        in_b.starts_with("各級黨組織") && in_b.ends_with("督促整改"),
        "{in_b}"
    );
    let table = std::fs::read_to_string(csv_dir.join("passages.csv")).expect("passages.csv");
    assert_eq!(table.lines().count(), 2, "{table}");
    assert!(csv_dir.join("pairs.csv").exists() && csv_dir.join("clusters.csv").exists());
}

/// The bug: `reuse --csv` stopped half-way (Ctrl-C, a failed write) left `pairs.csv` and
/// `passages.csv` cut short under their final names, and no `clusters.csv`. Here the JSON
/// output cannot be created, which fails the run after every pair has gone to the tables.
#[test]
fn reuse_failing_after_its_pairs_leaves_no_table() {
    let dir = planted();
    let out_dir = tempfile::tempdir().expect("temp dir");
    let not_a_folder = out_dir.path().join("file");
    std::fs::write(&not_a_folder, "").expect("write");
    let output = not_a_folder.join("reuse.jsonl");
    let csv_dir = out_dir.path().join("csv");
    let out = tifa(&[
        "reuse",
        &dir.path().to_string_lossy(),
        "-o",
        &output.to_string_lossy(),
        "--csv",
        &csv_dir.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("writing output"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(&csv_dir)
        .expect("the --csv folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn reuse_of_unrelated_files_gives_no_pairs() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("x.txt"), FILLER_A).expect("write");
    std::fs::write(dir.path().join("y.txt"), UNRELATED).expect("write");
    let out = tifa(&["reuse", &dir.path().to_string_lossy()]);
    let text = ok_stdout(&out);
    assert_eq!(text.lines().count(), 1, "summary only: {text}");
    assert!(text.contains("\"pairs\":0"));
}

#[test]
fn reuse_output_does_not_depend_on_threads() {
    let one = tifa(&["reuse", "corpus/", "--jobs", "1"]);
    let many = tifa(&["reuse", "corpus/", "--jobs", "4"]);
    assert_eq!(ok_stdout(&one), ok_stdout(&many));
}

#[test]
fn compare_reports_passages_coverage_and_differences() {
    let dir = planted();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    let html = dir.path().join("report.html");
    let out = tifa(&[
        "compare",
        &a.to_string_lossy(),
        &b.to_string_lossy(),
        "--json",
        "--html",
        &html.to_string_lossy(),
    ]);
    let c: serde_json::Value =
        serde_json::from_str(ok_stdout(&out).trim()).expect("one JSON object");
    assert_eq!(c["schema"], "tifa-compare/1");
    // The byte offsets of B's spans count in Big5: the record says so.
    assert_eq!(
        (&c["a"]["encoding"], &c["b"]["encoding"]),
        (&"UTF-8".into(), &"Big5".into())
    );
    let passages = c["passages"].as_array().expect("passages");
    assert_eq!(passages.len(), 1);
    assert_eq!(cut(&b, &passages[0]["b"], true).chars().next(), Some('各'));
    let share = c["coverage"]["a_in_b"].as_f64().unwrap_or(0.0);
    assert!(share > 0.3 && share < 1.0, "{share}");
    let page = std::fs::read_to_string(&html).expect("html written");
    assert!(page.contains("<mark class=\"reuse\""));
    assert!(!page.contains("http://") && !page.contains("https://") && !page.contains("<script"));
}

/// Office staff find a passage in their editor by its lines: the summary gives them, not
/// char offsets, counted in the file as it is (Big5, CRLF line ends).
#[test]
fn compare_gives_the_lines_of_each_passage_in_its_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (first, rest) = PARAGRAPH.split_at(PARAGRAPH.find('多').expect("a char to split at"));
    let a = format!("{FILLER_A}{first}\n{rest}\n{FILLER_A}");
    let b = format!("{FILLER_B}{FILLER_B}{COPY}\n{FILLER_B}").replace('\n', "\r\n");
    let (big5, _, bad) = encoding_rs::BIG5.encode(&b);
    assert!(!bad, "test text must be encodable in Big5");
    let (pa, pb) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&pa, a).expect("write a");
    std::fs::write(&pb, &big5[..]).expect("write b");
    let (pa, pb) = (pa.to_string_lossy(), pb.to_string_lossy());

    let c: serde_json::Value =
        serde_json::from_str(ok_stdout(&tifa(&["compare", &pa, &pb, "--json"])).trim())
            .expect("one JSON object");
    let p = &c["passages"][0];
    assert_eq!(
        (&p["a_lines"], &p["b_lines"]),
        (&serde_json::json!([3, 4]), &serde_json::json!([5, 5]))
    );
    let text = ok_stdout(&tifa(&["compare", &pa, &pb]));
    assert!(text.contains("#1   A lines 3–4  B line 5  "), "{text}");
}

#[test]
fn compare_summary_of_two_seeds_is_readable() {
    let out = tifa(&[
        "compare",
        "corpus/000_c1dd23876f65785c.txt",
        "corpus/001_a285daf0cd519617.txt",
    ]);
    let text = ok_stdout(&out);
    assert!(text.contains("Reused passages:"), "{text}");
    assert!(text.contains("of A is in B"));
    // Seed 000 is in traditional characters, 001 in simplified: the shared passage still aligns.
    assert!(
        text.contains("要认识到能够亲身参与这样一项光荣而艰巨的任务"),
        "{text}"
    );
    assert!(text.contains("Slogans:") && text.contains("Requirements:"));
}

#[test]
fn compare_reads_a_draft_from_standard_input() {
    let dir = planted();
    let a = dir.path().join("a.txt");
    let b = std::fs::read(dir.path().join("b.txt")).expect("b");
    let out = tifa_with_stdin(&["compare", &a.to_string_lossy(), "-", "--json"], &b);
    let c: serde_json::Value =
        serde_json::from_str(ok_stdout(&out).trim()).expect("one JSON object");
    assert_eq!(c["b"]["file"], "-");
    assert_eq!(c["passages"].as_array().map(Vec::len), Some(1));
}

#[test]
fn compare_refuses_an_identity_ratio_outside_0_to_1() {
    let out = tifa(&[
        "compare",
        "corpus/000_c1dd23876f65785c.txt",
        "corpus/001_a285daf0cd519617.txt",
        "--min-identity",
        "1.5",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--min-identity"));
}

/// From the new-user review (finding 10): "does my draft reuse an earlier speech?" needed a
/// shell glob and gave one full report per file. A folder is walked, its files ranked by how
/// much of A they hold, and only the top ones detailed; A itself, when in the folder, is left
/// out, and a file there that is no text is told and passed over (exit 1).
#[test]
fn compare_with_a_folder_ranks_its_files_and_details_the_top_ones() {
    let dir = planted();
    let p = |f: &str| dir.path().join(f).to_string_lossy().into_owned();
    // d.txt holds the paragraph whole: it ranks above b.txt's edited copy.
    std::fs::write(
        dir.path().join("d.txt"),
        format!("{UNRELATED}{PARAGRAPH}\n"),
    )
    .expect("d");
    std::fs::write(dir.path().join("e.txt"), b"").expect("e");
    let root = dir.path().to_string_lossy().into_owned();
    let out = tifa(&["compare", &p("a.txt"), &root, "--top", "1"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].ends_with("compared with 3 files"), "{text}");
    assert!(
        lines[2].starts_with("   1") && lines[2].ends_with("d.txt"),
        "{text}"
    );
    assert!(
        lines[3].starts_with("   2") && lines[3].ends_with("b.txt"),
        "{text}"
    );
    assert_eq!(
        lines[4],
        "(1 file shares no passage of 15 content chars or more with A)"
    );
    // One summary, for d.txt.
    assert_eq!(text.matches("Reused passages:").count(), 1, "{text}");
    assert!(text.contains(&format!("B  {}", p("d.txt"))), "{text}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("e.txt: empty file"), "{err}");
}

/// A JSONL dump in the folder compared with is read as extract reads it: each text on its
/// own, known by its id.
#[test]
fn compare_with_a_folder_reads_each_text_of_a_jsonl_dump() {
    let dir = planted();
    let line = serde_json::json!({"id": "law-7", "text": format!("{UNRELATED}{PARAGRAPH}")});
    std::fs::write(dir.path().join("dump.jsonl"), format!("{line}\n")).expect("dump");
    let a = dir.path().join("a.txt").to_string_lossy().into_owned();
    let root = dir.path().to_string_lossy().into_owned();
    let text = ok_stdout(&tifa(&["compare", &a, &root, "--top", "1"]));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].ends_with("compared with 3 files"), "{text}");
    assert!(
        lines[2].starts_with("   1") && lines[2].ends_with("dump.jsonl#law-7"),
        "{text}"
    );
}
