//! `tifa stats` on the seeds: counts agree with the JSON output, kwic finds the right lines,
//! JSONL and corpus inputs give the same report, and output is deterministic.

mod common;
use common::{ok_stdout, tifa, tifa_with_stdin};

use serde_json::Value;
use std::collections::BTreeSet;

fn stats_json(args: &[&str]) -> Value {
    let mut all = vec!["stats"];
    all.extend_from_slice(args);
    all.extend(["--format", "json"]);
    serde_json::from_str(&ok_stdout(&tifa(&all))).expect("stats JSON")
}

/// The seeds' records, with text.
fn seed_records() -> Vec<Value> {
    ok_stdout(&tifa(&["extract", "corpus/", "--text"]))
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

fn documents(records: &[Value]) -> Vec<(String, Value)> {
    records
        .iter()
        .flat_map(|r| {
            let file = r["file"].as_str().unwrap_or("").to_owned();
            r["documents"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |d| (file.clone(), d.clone()))
        })
        .collect()
}

fn slogan_row<'a>(report: &'a Value, slogan: &str) -> &'a Value {
    report["slogans"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["slogan"] == slogan))
        .unwrap_or_else(|| panic!("no row for {slogan}"))
}

#[test]
fn slogan_counts_agree_with_the_extraction() {
    let docs = documents(&seed_records());
    let report = stats_json(&["corpus/", "--by", "none", "--top", "1000"]);
    let row = slogan_row(&report, "三个代表");
    assert_eq!(row["corpus"], "all");
    assert_eq!(row["docs_in_group"], 7);
    assert_eq!(
        row["documents"], 4,
        "三个代表 in 000 (docs 0, 2), 001 and 004"
    );
    for slogan in ["三个代表", "两不误两促进", "四风", "不忘初心牢记使命"] {
        let with: Vec<BTreeSet<(u64, u64)>> = docs
            .iter()
            .map(|(_, d)| {
                d["slogans"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|s| s["canonical"] == slogan)
                    .map(|s| {
                        let span = &s["span"];
                        (
                            span["start"].as_u64().unwrap_or(0),
                            span["end"].as_u64().unwrap_or(0),
                        )
                    })
                    .collect()
            })
            .filter(|spans: &BTreeSet<_>| !spans.is_empty())
            .collect();
        let row = slogan_row(&report, slogan);
        assert_eq!(row["documents"], with.len(), "{slogan} documents");
        let occurrences: usize = with.iter().map(BTreeSet::len).sum();
        assert_eq!(row["occurrences"], occurrences, "{slogan} occurrences");
    }
}

#[test]
fn slogans_group_by_campaign_and_year() {
    let report = stats_json(&["corpus/", "--by", "campaign", "--section", "slogans"]);
    let rows = report["slogans"].as_array().expect("rows");
    let siwei = rows
        .iter()
        .find(|r| r["campaign"] == "党的群众路线教育实践活动" && r["slogan"] == "四风")
        .expect("四风 under 党的群众路线教育实践活动");
    assert_eq!(siwei["docs_in_group"], 2);
    assert_eq!(siwei["documents"], 2);
    // Two seeds carry dates (2013-08-20, 2022-07-14); the other five have no year.
    let report = stats_json(&["corpus/", "--section", "slogans,overview"]);
    let groups: BTreeSet<&str> = report["slogans"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["year"].as_str())
        .collect();
    assert_eq!(groups, BTreeSet::from(["2013", "2022", "unknown"]));
    let overview = report["overview"].as_array().expect("overview");
    let measure = |m: &str| {
        overview
            .iter()
            .find(|r| r["measure"] == m)
            .map(|r| r["value"].clone())
    };
    assert_eq!(measure("documents without a year"), Some(5.into()));
}

#[test]
fn kwic_of_liangbuwu_gives_the_four_lines_of_the_seeds() {
    let records = seed_records();
    let report = stats_json(&["corpus/", "--kwic", "两不误", "--section", "kwic"]);
    let rows = report["kwic"].as_array().expect("kwic rows");
    let got: Vec<(&str, u64, u64)> = rows
        .iter()
        .map(|r| {
            (
                r["file"].as_str().unwrap_or(""),
                r["doc"].as_u64().unwrap_or(99),
                r["start"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("corpus/000_c1dd23876f65785c.txt", 0, 4478),
            ("corpus/000_c1dd23876f65785c.txt", 1, 8562),
            ("corpus/004_37ffd9ba6a6eea05.txt", 0, 2397),
            ("corpus/004_37ffd9ba6a6eea05.txt", 0, 3910),
        ]
    );
    assert!(rows[0]["left"].as_str().unwrap_or("").ends_with("要坚持“"));
    assert!(rows[0]["right"]
        .as_str()
        .unwrap_or("")
        .starts_with("、两促进”"));
    // Every start points at the term in the document's text (char offsets of the file).
    let docs = documents(&records);
    for (file, doc, start) in got {
        let (_, d) = docs
            .iter()
            .find(|(f, d)| f == file && d["id"] == doc)
            .expect("document");
        let offset = start - d["span"]["start"].as_u64().unwrap_or(0);
        let at: String = d["text"]
            .as_str()
            .unwrap_or("")
            .chars()
            .skip(offset as usize)
            .take(3)
            .collect();
        assert_eq!(at, "两不误");
    }
}

#[test]
fn kwic_on_output_without_text_says_what_it_needs() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let plain = tmp.path().join("plain.jsonl");
    std::fs::write(&plain, ok_stdout(&tifa(&["extract", "corpus/"]))).expect("write");
    let out = tifa(&[
        "stats",
        plain.to_str().unwrap_or_default(),
        "--kwic",
        "两不误",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--text") && err.contains("corpus"), "{err}");

    let with_text = tmp.path().join("text.jsonl");
    std::fs::write(
        &with_text,
        ok_stdout(&tifa(&["extract", "corpus/", "--text"])),
    )
    .expect("write");
    let from_jsonl = tifa(&[
        "stats",
        with_text.to_str().unwrap_or_default(),
        "--kwic",
        "两不误",
    ]);
    let from_corpus = tifa(&["stats", "corpus/", "--kwic", "两不误"]);
    assert_eq!(ok_stdout(&from_jsonl), ok_stdout(&from_corpus));
    // A traditional term is normalized like the text.
    let traditional = tifa(&[
        "stats",
        with_text.to_str().unwrap_or_default(),
        "--kwic",
        "兩不誤",
    ]);
    assert_eq!(ok_stdout(&traditional), ok_stdout(&from_corpus));
}

#[test]
fn jsonl_and_corpus_inputs_give_identical_reports_whatever_the_jobs() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let jsonl = tmp.path().join("out.jsonl");
    std::fs::write(&jsonl, ok_stdout(&tifa(&["extract", "corpus/"]))).expect("write");
    let a = ok_stdout(&tifa(&[
        "stats",
        jsonl.to_str().unwrap_or_default(),
        "--format",
        "json",
    ]));
    let b = ok_stdout(&tifa(&[
        "stats", "corpus/", "--format", "json", "--jobs", "1",
    ]));
    let c = ok_stdout(&tifa(&[
        "stats", "corpus/", "--format", "json", "--jobs", "2",
    ]));
    assert_eq!(a, b);
    assert_eq!(b, c);
    let t1 = ok_stdout(&tifa(&["stats", "corpus/", "--by", "level"]));
    let t2 = ok_stdout(&tifa(&["stats", "corpus/", "--by", "level"]));
    assert_eq!(t1, t2);
    assert!(t1.contains("== Slogans by level"));
}

#[test]
fn depth_and_metric_tables_sum_to_the_extraction() {
    let docs = documents(&seed_records());
    let report = stats_json(&["corpus/", "--top", "1000"]);
    let depth = report["depth"].as_array().expect("depth");
    let units: u64 = depth.iter().map(|r| r["units"].as_u64().unwrap_or(0)).sum();
    let docs_counted: u64 = depth
        .iter()
        .map(|r| r["documents"].as_u64().unwrap_or(0))
        .sum();
    let outline: usize = docs
        .iter()
        .map(|(_, d)| d["outline"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(units as usize, outline);
    assert_eq!(docs_counted as usize, docs.len());
    assert_eq!(depth[0]["documents"], 1, "the 002 summary has no outline");

    let with_noun = docs
        .iter()
        .flat_map(|(_, d)| d["metrics"].as_array().cloned().unwrap_or_default())
        .filter(|m| m["noun"] != "")
        .count();
    let nouns = report["metrics"].as_array().expect("metrics");
    let listed: u64 = nouns
        .iter()
        .map(|r| r["metrics"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(listed as usize, with_noun);
}

#[test]
fn errors_and_csv_sections() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let empty = tmp.path().join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    let out = tifa(&[
        "stats",
        "corpus/003_0133496d7c3fa8b5.txt",
        empty.to_str().unwrap_or_default(),
        "--section",
        "warnings",
        "--format",
        "csv",
    ]);
    let text = ok_stdout(&out);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    assert_eq!(rows.len(), 1);
    assert!(rows[0][0].ends_with("empty.txt"));
    assert_eq!(&rows[0][1], "", "no id: not a JSONL input");
    assert_eq!(&rows[0][2], "error");
    assert_eq!(&rows[0][3], "empty file: nothing to decode");

    let out = tifa(&["stats", "corpus/", "--format", "csv"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "csv of several sections is a usage error"
    );
}

/// The trend table pivots the slogan table: each cell is the share of the group's documents
/// that use the slogan, and slogans asked for in traditional characters with punctuation are
/// found by their canonical form.
#[test]
fn trend_shares_agree_with_the_slogan_table() {
    let report = stats_json(&[
        "corpus/",
        "--by",
        "campaign",
        "--top",
        "1000",
        "--section",
        "slogans,trend",
        "--slogan",
        "四風,兩不誤、兩促進",
    ]);
    let trend = report["trend"].as_array().expect("trend rows");
    let firsts: Vec<&str> = trend.iter().filter_map(|r| r["slogan"].as_str()).collect();
    assert_eq!(firsts, ["(documents)", "四风", "两不误两促进"]);
    let slogans = report["slogans"].as_array().expect("slogan rows");
    let groups: Vec<&str> = trend[0]
        .as_object()
        .expect("row object")
        .keys()
        .filter(|k| *k != "slogan")
        .map(String::as_str)
        .collect();
    assert!(groups.contains(&"党的群众路线教育实践活动"));
    for row in &trend[1..] {
        let slogan = row["slogan"].as_str().unwrap_or_default();
        for g in &groups {
            let size = trend[0][*g].as_u64().expect("group size");
            let used = slogans
                .iter()
                .find(|r| r["campaign"] == *g && r["slogan"] == slogan)
                .map_or(0, |r| r["documents"].as_u64().unwrap_or(0));
            let want = (used as f64 * 1000.0 / size as f64).round() / 10.0;
            assert_eq!(row[*g].as_f64(), Some(want), "{slogan} in {g}");
        }
    }
    let siwei = &trend[1]["党的群众路线教育实践活动"];
    assert_eq!(siwei.as_f64(), Some(100.0));

    // As CSV: a header of `slogan` and the groups, one line a slogan after the sizes.
    let text = ok_stdout(&tifa(&[
        "stats",
        "corpus/",
        "--section",
        "trend",
        "--format",
        "csv",
        "--top",
        "3",
    ]));
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().expect("header").clone();
    assert_eq!(&header[0], "slogan");
    assert_eq!(header.iter().next_back(), Some("unknown"));
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(&rows[0][0], "(documents)");
}

/// From the docs audit: a variant of the lexicon (五位一体总体布局) read 0.0 where its entry
/// (五位一体) is what extraction records, a slogan given twice made two rows, a full-width comma
/// did not separate, and a slogan no document has read 0.0 without a word.
#[test]
fn slogans_asked_for_map_to_their_entry_once_and_unused_ones_are_named() {
    let out = tifa(&[
        "stats",
        "corpus/",
        "--section",
        "trend",
        "--format",
        "csv",
        "--slogan",
        "四风,四風問題，兩不誤、兩促進,两不误两促进,不存在的口号",
    ]);
    let text = ok_stdout(&out);
    let firsts: Vec<&str> = text.lines().filter_map(|l| l.split(',').next()).collect();
    assert_eq!(
        firsts,
        [
            "slogan",
            "(documents)",
            "四风",
            "两不误两促进",
            "不存在的口号"
        ]
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no document has the slogan 不存在的口号"),
        "{err}"
    );
    assert!(!err.contains("slogan 四风"), "{err}");

    let out = tifa(&["stats", "corpus/", "--section", "trend", "--slogan", ""]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an empty --slogan is a usage error"
    );
}

/// `tifa extract --jsonl --text` of three lines in `dir`: ids not in sort order, 两岸 at offsets
/// that interleave across the first two records (10; 2, 19), and a line without text (an error
/// record that keeps its id).
fn jsonl_output(dir: &std::path::Path) -> std::path::PathBuf {
    let input = dir.join("laws.jsonl");
    std::fs::write(
        &input,
        concat!(
            "{\"id\": \"z9\", \"text\": \"一二三四五六七八九十兩岸交流。\"}\n",
            "{\"id\": \"a1\", \"text\": \"一二两岸条例第十八条第二款第三款第四项两岸关系。\"}\n",
            "{\"id\": \"n0\"}\n",
        ),
    )
    .expect("write");
    let out = dir.join("out.jsonl");
    let extracted = tifa(&[
        "extract",
        "--jsonl",
        "--text",
        "-q",
        input.to_str().unwrap_or_default(),
        "-o",
        out.to_str().unwrap_or_default(),
    ]);
    assert_eq!(extracted.status.code(), Some(1), "one line has no text");
    out
}

/// From the UX review (finding 4): on `extract --jsonl` output every kwic hit read `(file, doc 0)`
/// and hits were sorted by offset across records, so the hits of different laws interleaved
/// and no row said which law it came from; warnings had no id either.
#[test]
fn kwic_on_jsonl_output_keeps_each_records_id() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = jsonl_output(tmp.path());
    let out = out.to_str().unwrap_or_default();

    let report = stats_json(&[out, "--kwic", "两岸", "--section", "kwic,warnings"]);
    let got: Vec<(&str, u64, u64)> = report["kwic"]
        .as_array()
        .expect("kwic rows")
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap_or("?"),
                r["doc"].as_u64().unwrap_or(99),
                r["start"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(got, [("z9", 0, 10), ("a1", 0, 2), ("a1", 0, 19)]);
    let warnings = report["warnings"].as_array().expect("warning rows");
    let ids: Vec<(&str, &str)> = warnings
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap_or("?"),
                r["kind"].as_str().unwrap_or("?"),
            )
        })
        .collect();
    assert_eq!(ids, [("n0", "error")]);

    let csv_text = ok_stdout(&tifa(&[
        "stats",
        out,
        "--kwic",
        "两岸",
        "--section",
        "kwic",
        "--format",
        "csv",
    ]));
    let lines: Vec<&str> = csv_text.lines().collect();
    assert_eq!(lines[0], "file,id,doc,start,left,term,right");
    assert!(lines[1].contains(",z9,0,10,"), "{}", lines[1]);

    let table = ok_stdout(&tifa(&[
        "stats",
        out,
        "--kwic",
        "两岸",
        "--section",
        "kwic",
    ]));
    let header = table.lines().nth(1).unwrap_or_default();
    let columns: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(
        columns,
        ["file", "id", "doc", "start", "left", "term", "right"]
    );
    let first = table.lines().nth(3).unwrap_or_default();
    assert!(first.contains("  z9  "), "{first}");
}

/// From the UX review (finding 20): the overview said `files 1224` for one JSONL file of 1,224
/// records.
#[test]
fn overview_counts_files_and_records_apart() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = jsonl_output(tmp.path());
    let report = stats_json(&[
        out.to_str().unwrap_or_default(),
        "corpus/003_0133496d7c3fa8b5.txt",
        "--section",
        "overview",
    ]);
    let overview = report["overview"].as_array().expect("overview");
    let measures: Vec<(&str, u64)> = overview
        .iter()
        .take(5)
        .map(|r| {
            (
                r["measure"].as_str().unwrap_or("?"),
                r["value"].as_u64().unwrap_or(99),
            )
        })
        .collect();
    assert_eq!(
        measures,
        [
            ("files", 2),
            ("records", 4),
            ("records with errors", 1),
            ("records with warnings", 0),
            ("documents", 3),
        ]
    );
}

/// From the UX review (finding 17): a path that does not exist gave an empty table, nothing on
/// stderr and exit 0, so a typo in a script passed for an empty corpus.
#[test]
fn a_missing_path_on_the_command_line_fails_the_run() {
    let out = tifa(&[
        "stats",
        "corpus/no-such-file.txt",
        "--section",
        "trend",
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tifa: corpus/no-such-file.txt: cannot read file:"),
        "{err}"
    );
    assert!(err.contains("no input gave a document"), "{err}");

    // Beside a good input: the report is written, with the missing path under warnings, and
    // the run still fails.
    let out = tifa(&[
        "stats",
        "corpus/003_0133496d7c3fa8b5.txt",
        "corpus/no-such-file.txt",
        "--section",
        "warnings",
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("corpus/no-such-file.txt,,error,cannot read file:"),
        "{text}"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot read what the command line names: corpus/no-such-file.txt"),
        "{err}"
    );
    assert!(!err.contains("no input gave a document"), "{err}");

    // A folder without any document.
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tifa(&["stats", tmp.path().to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no input gave a document"));
}

/// Error records inside a good input are counted, not fatal: an extraction output (its n0 line
/// has no text) and a folder holding an empty file both exit 0.
#[test]
fn error_records_inside_good_inputs_do_not_fail_the_run() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = jsonl_output(tmp.path());
    let run = tifa(&["stats", out.to_str().unwrap_or_default()]);
    ok_stdout(&run);
    assert!(
        !String::from_utf8_lossy(&run.stderr).contains("n0"),
        "an output's error records are not printed again"
    );

    let folder = tmp.path().join("folder");
    std::fs::create_dir(&folder).expect("mkdir");
    std::fs::write(folder.join("empty.txt"), b"").expect("write");
    std::fs::copy("corpus/003_0133496d7c3fa8b5.txt", folder.join("003.txt")).expect("copy");
    let run = tifa(&["stats", folder.to_str().unwrap_or_default()]);
    ok_stdout(&run);
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("empty.txt: empty file: nothing to decode"),
        "extraction errors are printed as extract prints them: {err}"
    );
}

/// From the UX review (finding 18): `cat speech.txt | tifa stats -` said only
/// `-:1: expected value at line 1 column 1`.
#[test]
fn text_on_standard_input_says_to_extract_it_first() {
    let stdin_of = |input: &[u8]| tifa_with_stdin(&["stats", "-"], input);
    let out = stdin_of("一、总体要求\n要坚持两不误。\n".as_bytes());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("standard input is not tifa JSONL output")
            && err.contains("tifa extract - | tifa stats -"),
        "{err}"
    );
    assert!(out.stdout.is_empty());

    let out = stdin_of(b"{\"id\": \"a\", \"text\": \"x\"}\n");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tifa extract --jsonl - | tifa stats -"),
        "{err}"
    );
}

/// From the UX review (finding 3): the trend counted only what the slogan extractor
/// recognises, so 新质生产力 read 0.0 in every year. `--term` counts any literal term in the
/// normalized text. The true counts, by grep on the seeds (000 and 004 are in traditional
/// characters; 000 holds three documents, see the kwic test): 群眾路線 in 000 (doc 2) once,
/// 群众路线 in 003 six times, 群眾路線 in 004 once; 四風 in 000 (doc 1) four times, 四风 in 003
/// three times; 兩不誤 in 000 (docs 0 and 1) once each and in 004 twice.
#[test]
fn terms_count_documents_and_occurrences_per_group_in_either_script() {
    let out = tifa(&[
        "stats",
        "corpus/",
        "--by",
        "campaign",
        "--term",
        "群眾路線,四风",
        "--term",
        "兩不誤",
        "--section",
        "terms",
        "--format",
        "csv",
    ]);
    let terms_csv = ok_stdout(&out);
    let lines: Vec<&str> = terms_csv.lines().collect();
    assert_eq!(
        lines,
        [
            "campaign,docs_in_group,term,documents,occurrences",
            "保持共产党员先进性教育活动,3,群众路线,2,2",
            "保持共产党员先进性教育活动,3,四风,0,0",
            "保持共产党员先进性教育活动,3,两不误,1,2",
            "党的群众路线教育实践活动,2,群众路线,1,6",
            "党的群众路线教育实践活动,2,四风,2,7",
            "党的群众路线教育实践活动,2,两不误,1,1",
            "不忘初心牢记使命主题教育,1,群众路线,0,0",
            "不忘初心牢记使命主题教育,1,四风,0,0",
            "不忘初心牢记使命主题教育,1,两不误,0,0",
            "深入学习实践科学发展观活动,1,群众路线,0,0",
            "深入学习实践科学发展观活动,1,四风,0,0",
            "深入学习实践科学发展观活动,1,两不误,1,1",
        ]
    );

    // In the trend: --term alone replaces the top slogans; with --slogan, slogans come first.
    let report = stats_json(&["corpus/", "--term", "两不误", "--section", "trend"]);
    let trend = report["trend"].as_array().expect("trend rows");
    let rows: Vec<(&str, Vec<f64>)> = trend
        .iter()
        .map(|r| {
            let label = r["term"].as_str().unwrap_or("?");
            let cells = ["2013", "2022", "unknown"].map(|g| r[g].as_f64().unwrap_or(-1.0));
            (label, cells.to_vec())
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("(documents)", vec![1.0, 1.0, 5.0]),
            ("两不误", vec![0.0, 100.0, 40.0]),
        ]
    );
    let text = ok_stdout(&tifa(&[
        "stats",
        "corpus/",
        "--slogan",
        "四风",
        "--term",
        "群众路线,不存在的词",
        "--section",
        "trend",
        "--format",
        "csv",
    ]));
    let firsts: Vec<&str> = text.lines().filter_map(|l| l.split(',').next()).collect();
    assert_eq!(
        firsts,
        [
            "slogan_or_term",
            "(documents)",
            "四风",
            "群众路线",
            "不存在的词"
        ]
    );

    // From an output made with --text, the same counts; without text, tifa says what it needs.
    let tmp = tempfile::tempdir().expect("tempdir");
    let with_text = tmp.path().join("text.jsonl");
    std::fs::write(
        &with_text,
        ok_stdout(&tifa(&["extract", "corpus/", "--text"])),
    )
    .expect("write");
    let from_output = tifa(&[
        "stats",
        with_text.to_str().unwrap_or_default(),
        "--by",
        "campaign",
        "--term",
        "群眾路線,四风",
        "--term",
        "兩不誤",
        "--section",
        "terms",
        "--format",
        "csv",
    ]);
    assert_eq!(ok_stdout(&from_output), terms_csv);
    let plain = tmp.path().join("plain.jsonl");
    std::fs::write(&plain, ok_stdout(&tifa(&["extract", "corpus/"]))).expect("write");
    let out = tifa(&[
        "stats",
        plain.to_str().unwrap_or_default(),
        "--term",
        "两不误",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--term needs the documents' text") && err.contains("--text"),
        "{err}"
    );
}

/// A term no document contains is named on stderr (a typo reads 0 otherwise); an empty
/// `--term` is a usage error, as is `--section terms` without `--term`.
#[test]
fn unused_and_empty_terms_are_told() {
    let out = tifa(&[
        "stats",
        "corpus/",
        "--term",
        "不存在的词",
        "--section",
        "terms",
    ]);
    ok_stdout(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no document contains the term 不存在的词"),
        "{err}"
    );
    for args in [
        ["stats", "corpus/", "--term", ""].as_slice(),
        ["stats", "corpus/", "--section", "terms"].as_slice(),
    ] {
        assert_eq!(tifa(args).status.code(), Some(2), "{args:?}");
    }
}

/// From the UX review (finding 14): the trend CSV was wide, its first row counts and the others
/// percentages, so it had to be melted before plotting. `--long` gives one row per slogan or
/// term and group, with the counts behind each share (the seeds, as in the terms test above).
#[test]
fn long_trend_is_a_tidy_table_of_counts_and_shares() {
    let text = ok_stdout(&tifa(&[
        "stats",
        "corpus/",
        "--slogan",
        "四风",
        "--term",
        "兩不誤",
        "--section",
        "trend",
        "--long",
        "--format",
        "csv",
    ]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "group,slogan_or_term,documents,docs_in_group,share",
            "2013,四风,1,1,100.0",
            "2022,四风,0,1,0.0",
            "unknown,四风,1,5,20.0",
            "2013,两不误,0,1,0.0",
            "2022,两不误,1,1,100.0",
            "unknown,两不误,2,5,40.0",
        ]
    );
    // The same rows in JSON, numbers as numbers.
    let report = stats_json(&[
        "corpus/",
        "--term",
        "兩不誤",
        "--section",
        "trend",
        "--long",
    ]);
    let rows = report["trend"].as_array().expect("trend rows");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[2]["group"], "unknown");
    assert_eq!(rows[2]["documents"], 2);
    assert_eq!(rows[2]["share"].as_f64(), Some(40.0));
}
