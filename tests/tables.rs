//! `tifa extract --csv DIR`: the tables load with a CSV reader, hold one row per element of the
//! JSON output, keep error records, and round-trip awkward text.

use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;
use tifa::tables::{self, Tables};

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).expect("table opens");
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = r
        .records()
        .map(|rec| rec.expect("row parses").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

fn extract_with_tables(inputs: &[&str], dir: &Path) -> Vec<Value> {
    let jsonl = dir.join("out.jsonl");
    let csv_dir = dir.join("tables");
    let out = Command::new(env!("CARGO_BIN_EXE_tifa"))
        .arg("extract")
        .args(inputs)
        .args(["-o", jsonl.to_str().unwrap_or_default()])
        .args(["--csv", csv_dir.to_str().unwrap_or_default()])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("tifa runs");
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(jsonl)
        .expect("output written")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

#[test]
fn seed_tables_have_one_row_per_element_of_the_json() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let records = extract_with_tables(&["corpus/"], tmp.path());
    let docs: Vec<&Value> = records
        .iter()
        .flat_map(|r| r["documents"].as_array().into_iter().flatten())
        .collect();
    assert_eq!(
        docs.len(),
        7,
        "five seed files, the first a compilation of three"
    );

    let (header, rows) = read_csv(&tmp.path().join("tables/documents.csv"));
    assert_eq!(rows.len(), docs.len());
    let (title, n_slogans) = (column(&header, "title"), column(&header, "n_slogans"));
    assert_eq!(rows[5][title], "履职尽责 加强督导");
    assert!(rows.iter().all(|r| r.len() == header.len()));

    for kind in [
        "outline",
        "lists",
        "slogans",
        "terms",
        "metrics",
        "requirements",
        "date_mentions",
        "placeholders",
    ] {
        let (header, rows) = read_csv(&tmp.path().join(format!("tables/{kind}.csv")));
        let expected: usize = docs
            .iter()
            .map(|d| d[kind].as_array().map_or(0, Vec::len))
            .sum();
        assert!(expected > 0, "the seeds have {kind}");
        assert_eq!(rows.len(), expected, "{kind}.csv rows");
        assert_eq!(&header[..3], ["file", "id", "doc"]);
        assert_eq!(
            &header[header.len() - 4..],
            ["start", "end", "byte_start", "byte_end"]
        );
        // Spans in the table are the spans of the JSON, row by row.
        let spans: Vec<String> = docs
            .iter()
            .flat_map(|d| d[kind].as_array().into_iter().flatten())
            .map(|e| format!("{}-{}", e["span"]["start"], e["span"]["byte_end"]))
            .collect();
        let (s, be) = (column(&header, "start"), column(&header, "byte_end"));
        let table_spans: Vec<String> = rows.iter().map(|r| format!("{}-{}", r[s], r[be])).collect();
        assert_eq!(table_spans, spans, "{kind}.csv spans");
    }
    let slogans: usize = rows
        .iter()
        .map(|r| r[n_slogans].parse::<usize>().unwrap_or(0))
        .sum();
    assert_eq!(
        slogans,
        read_csv(&tmp.path().join("tables/slogans.csv")).1.len()
    );
    // Files, not JSONL lines: no pass-through fields, the table has its header only.
    let (header, rows) = read_csv(&tmp.path().join("tables/fields.csv"));
    assert_eq!(header, ["file", "id", "key", "value"]);
    assert!(rows.is_empty());
}

#[test]
fn tables_rebuilt_from_jsonl_equal_the_live_tables() {
    let tmp = tempfile::tempdir().expect("tempdir");
    extract_with_tables(&["corpus/"], tmp.path());
    let jsonl = std::fs::read(tmp.path().join("out.jsonl")).expect("jsonl");
    let rebuilt = tmp.path().join("rebuilt");
    let counts = tables::from_jsonl(&jsonl[..], &rebuilt).expect("rebuild");
    assert_eq!(counts.records, 5);
    let by_cli = tmp.path().join("by_cli");
    let out = Command::new(env!("CARGO_BIN_EXE_tifa"))
        .args([
            "tables",
            tmp.path().join("out.jsonl").to_str().unwrap_or_default(),
        ])
        .args(["--csv", by_cli.to_str().unwrap_or_default()])
        .output()
        .expect("tifa runs");
    assert_eq!(out.status.code(), Some(0));
    // It counts records (here one per file; a JSONL input gives one per line), not files.
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(
        summary.starts_with(&format!(
            "tifa: 5 records → {}: documents 7, ",
            by_cli.display()
        )),
        "{summary}"
    );
    for (name, _) in &counts.rows {
        let live = std::fs::read(tmp.path().join(format!("tables/{name}.csv"))).expect("live");
        for dir in [&rebuilt, &by_cli] {
            let again = std::fs::read(dir.join(format!("{name}.csv"))).expect("rebuilt");
            assert!(live == again, "{name}.csv differs when rebuilt from JSONL");
        }
    }
}

#[test]
fn error_records_keep_their_row_in_documents_csv() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let empty = tmp.path().join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    let records = extract_with_tables(
        &[
            "corpus/003_0133496d7c3fa8b5.txt",
            empty.to_str().unwrap_or_default(),
        ],
        tmp.path(),
    );
    assert_eq!(records.len(), 2);
    let (header, rows) = read_csv(&tmp.path().join("tables/documents.csv"));
    assert_eq!(rows.len(), 2);
    let err = &rows[1];
    assert_eq!(err.len(), header.len());
    assert_eq!(err[column(&header, "status")], "error");
    assert_eq!(err[column(&header, "doc")], "");
    assert_eq!(
        err[column(&header, "error")],
        "empty file: nothing to decode"
    );
    assert!(err[column(&header, "file")].ends_with("empty.txt"));
    assert_eq!(rows[0][column(&header, "status")], "ok");
}

#[test]
fn quotes_commas_newlines_and_separators_round_trip() {
    let awkward = "他说：\"两不误, 两促进\"\r\n第二行，“引号”";
    let record = json!({
        "schema": "tifa/1", "file": "dir/a,b \"c\".txt", "status": "ok",
        "source": {"bytes": 1, "sha256": "00", "encoding": "UTF-8", "confident": true, "replaced": 0, "markup": false},
        "documents": [{
            "id": 0, "title": awkward, "genre": "speech", "dates": ["2013-08-20", "2013-08-21"],
            "source": null, "editor": null, "reporter": null, "author": null, "campaign": null, "level": null,
            "span": {"start": 0, "end": 9, "byte_start": 0, "byte_end": 27},
            "outline": [], "lists": [], "terms": [], "metrics": [], "requirements": [],
            "date_mentions": [], "placeholders": [],
            "slogans": [{"text": awkward, "canonical": "两不误两促进", "items": ["a|b", "c\\d", "e,f"],
                         "count": null, "kind": "quoted",
                         "span": {"start": 1, "end": 5, "byte_start": 3, "byte_end": 15}}]
        }],
        "warnings": ["one, \"two\"", "three|four"]
    });
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut t = Tables::create(tmp.path()).expect("create");
    t.write_value(&record).expect("write");
    t.finish().expect("finish");

    let (h, rows) = read_csv(&tmp.path().join("documents.csv"));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][column(&h, "file")], "dir/a,b \"c\".txt");
    assert_eq!(rows[0][column(&h, "title")], awkward);
    assert_eq!(rows[0][column(&h, "dates")], "2013-08-20|2013-08-21");
    assert_eq!(rows[0][column(&h, "warnings")], "one, \"two\"|three\\|four");

    let (h, rows) = read_csv(&tmp.path().join("slogans.csv"));
    assert_eq!(rows[0][column(&h, "text")], awkward);
    assert_eq!(rows[0][column(&h, "items")], "a\\|b|c\\\\d|e,f");
    assert_eq!(rows[0][column(&h, "count")], "");
    assert_eq!(rows[0][column(&h, "byte_end")], "15");
}

/// The bug: an input JSONL given to `tifa tables` by mistake made a row of empty cells per line.
#[test]
fn tables_refuse_lines_that_are_not_extraction_records() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = "{\"id\": \"A1\", \"text\": \"讲两点意见。\"}\n";
    let err = tifa::tables::from_jsonl(input.as_bytes(), tmp.path()).expect_err("refused");
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
    assert!(err
        .to_string()
        .starts_with("line 1: not a tifa extraction record"));
}

/// The bug: every line of a JSONL input shares its `file`, and the tables had no `id` column,
/// so the rows of different lines could not be told apart.
#[test]
fn jsonl_input_rows_are_keyed_by_the_line_id() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"A1\", \"text\": \"讲两点意见。一是要学习。二是要落实。\"}\n\
         {\"id\": \"A2\", \"text\": \"讲三点意见。一要学习。二要落实。三要总结。\"}\n",
    )
    .expect("write");
    let records = extract_with_tables(&["--jsonl", input.to_str().unwrap_or_default()], tmp.path());
    assert_eq!(records.len(), 2);
    let (header, rows) = read_csv(&tmp.path().join("tables/documents.csv"));
    let ids: Vec<&str> = rows
        .iter()
        .map(|r| r[column(&header, "id")].as_str())
        .collect();
    assert_eq!(ids, ["A1", "A2"]);
    let (header, rows) = read_csv(&tmp.path().join("tables/outline.csv"));
    let keys: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r[column(&header, "id")].as_str(),
                r[column(&header, "unit")].as_str(),
            )
        })
        .collect();
    assert_eq!(
        keys,
        [
            ("A1", "0"),
            ("A1", "1"),
            ("A2", "0"),
            ("A2", "1"),
            ("A2", "2")
        ]
    );
}

/// The bug: `tifa extract corpus | head -c 100000 | tifa tables - --csv DIR` stopped with exit 2
/// but left tables holding the records before the cut, which look like a whole result.
#[test]
fn tables_on_truncated_input_leaves_no_partial_tables() {
    let tmp = tempfile::tempdir().expect("tempdir");
    extract_with_tables(&["corpus/003_0133496d7c3fa8b5.txt"], tmp.path());
    let line = std::fs::read_to_string(tmp.path().join("out.jsonl")).expect("jsonl");
    // Two records, the second cut in the middle.
    let truncated = tmp.path().join("truncated.jsonl");
    let mut cut = line.len() / 2;
    while !line.is_char_boundary(cut) {
        cut -= 1;
    }
    std::fs::write(&truncated, format!("{line}{}", &line[..cut])).expect("write");
    let tables_in = |dir: &Path| {
        Command::new(env!("CARGO_BIN_EXE_tifa"))
            .args(["tables", truncated.to_str().unwrap_or_default(), "--csv"])
            .arg(dir)
            .output()
            .expect("tifa runs")
    };

    let fresh = tmp.path().join("fresh");
    let out = tables_in(&fresh);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 2: EOF while parsing"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(&fresh)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");

    // Tables of an earlier, complete run stay as they were.
    let earlier = tmp.path().join("tables");
    let before = std::fs::read(earlier.join("documents.csv")).expect("documents.csv");
    let out = tables_in(&earlier);
    assert_eq!(out.status.code(), Some(2));
    let after = std::fs::read(earlier.join("documents.csv")).expect("documents.csv");
    assert!(before == after, "documents.csv changed");
    assert!(!earlier.join("documents.csv.partial").exists());
}

/// The gap: `tifa stats` groups documents by a year (first of `dates`, else one in the title),
/// but `documents.csv` had no year, so a by-year count of one's own could differ from its.
#[test]
fn documents_csv_has_the_year_stats_counts_by() {
    let record = |docs: Value| json!({"schema": "tifa/1", "file": "a.txt", "status": "ok", "documents": docs});
    let doc = |title: &str, dates: Value| json!({"id": 0, "title": title, "dates": dates});
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut t = Tables::create(tmp.path()).expect("create");
    for r in [
        record(json!([doc("2021年政府工作报告", json!(["2013-08-20"]))])),
        record(json!([doc("关于2021年国民经济计划的报告", json!([]))])),
        record(json!([doc("在会上的讲话", json!([]))])),
        json!({"schema": "tifa/1", "file": "b.txt", "status": "error", "error": "empty file"}),
    ] {
        t.write_value(&r).expect("write");
    }
    t.finish().expect("finish");
    let (h, rows) = read_csv(&tmp.path().join("documents.csv"));
    let at = column(&h, "year");
    assert_eq!(h[at - 1], "dates");
    assert_eq!(h[at + 1], "year_from");
    let years: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[at].as_str(), r[at + 1].as_str()))
        .collect();
    assert_eq!(
        years,
        [("2013", "dates"), ("2021", "title"), ("", "none"), ("", "")]
    );

    // The same counts as `tifa stats` on the seeds.
    let out = tmp.path().join("seeds");
    extract_with_tables(&["corpus/"], &out);
    let stats = Command::new(env!("CARGO_BIN_EXE_tifa"))
        .args(["stats", out.join("out.jsonl").to_str().unwrap_or_default()])
        .args(["--section", "overview", "--format", "csv"])
        .output()
        .expect("tifa runs");
    let overview = String::from_utf8_lossy(&stats.stdout).into_owned();
    let (h, rows) = read_csv(&out.join("tables/documents.csv"));
    let from = column(&h, "year_from");
    for (source, measure) in [
        ("dates", "documents dated by their dates"),
        ("title", "documents dated by their title"),
        ("none", "documents without a year"),
    ] {
        let n = rows.iter().filter(|r| r[from] == source).count();
        assert!(
            overview.contains(&format!("{measure},{n}\r\n"))
                || overview.contains(&format!("{measure},{n}\n")),
            "{measure} {n}: {overview}"
        );
    }
}

/// The gap: with `extract --jsonl`, a line's other fields (tw-laws' `title`, a researcher's
/// `date` or `province`) went into the JSON `fields` but into no table.
#[test]
fn jsonl_fields_reach_fields_csv() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"A1\", \"text\": \"讲两点意见。\", \"title\": \"标题, 含逗号\", \"date\": 20240101, \"tags\": [\"a\", \"b\"], \"note\": null}\n\
         {\"id\": \"A2\", \"text\": \"讲三点意见。\"}\n",
    )
    .expect("write");
    let records = extract_with_tables(&["--jsonl", input.to_str().unwrap_or_default()], tmp.path());
    assert_eq!(records.len(), 2);
    let (header, rows) = read_csv(&tmp.path().join("tables/fields.csv"));
    assert_eq!(header, ["file", "id", "key", "value"]);
    assert!(rows.iter().all(|r| r[0].ends_with("in.jsonl")));
    let mut got: Vec<[&str; 3]> = rows
        .iter()
        .map(|r| [r[1].as_str(), r[2].as_str(), r[3].as_str()])
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ["A1", "date", "20240101"],
            ["A1", "note", ""],
            ["A1", "tags", "[\"a\",\"b\"]"],
            ["A1", "title", "标题, 含逗号"],
        ]
    );
}

/// The bug: `tifa tables speech.txt --csv t` said only `line 1: expected value at line 1
/// column 1`, which does not tell a new user that the command wants `tifa extract`'s output.
#[test]
fn tables_of_a_text_say_it_is_not_tifa_output() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("t");
    let run = |input: &str, stdin: &[u8]| {
        use std::io::Write;
        let mut child = Command::new(env!("CARGO_BIN_EXE_tifa"))
            .args(["tables", input, "--csv"])
            .arg(&dir)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("tifa runs");
        if let Some(mut w) = child.stdin.take() {
            w.write_all(stdin).expect("stdin");
        }
        let out = child.wait_with_output().expect("tifa ends");
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let hint = "; for a text, `tifa extract FILE… --csv DIR` writes the tables\n";
    assert_eq!(
        run("corpus/003_0133496d7c3fa8b5.txt", b""),
        format!(
            "tifa: corpus/003_0133496d7c3fa8b5.txt: not tifa JSONL output (line 1: expected \
             value at line 1 column 1){hint}"
        )
    );
    // 中国 in GBK: not even UTF-8.
    assert_eq!(
        run("-", &[0xd6, 0xd0, 0xb9, 0xfa, b'\n']),
        format!(
            "tifa: standard input: not tifa JSONL output (line 1: stream did not contain valid \
             UTF-8){hint}"
        )
    );
    let left: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}
