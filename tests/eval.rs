//! `tifa eval` on the bundled corpus against tests/gold/seeds.jsonl: the figures issue 2 asks
//! for, read from the command's own JSON output.

use std::process::Command;

fn eval_json() -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_tifa"))
        .args([
            "eval",
            "--gold",
            "tests/gold/seeds.jsonl",
            "--root",
            "corpus",
            "--json",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("tifa eval runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("eval --json prints JSON")
}

fn num(v: &serde_json::Value, path: &[&str]) -> f64 {
    let mut cur = v;
    for p in path {
        cur = &cur[*p];
    }
    cur.as_f64()
        .unwrap_or_else(|| panic!("no number at {path:?} in {v}"))
}

#[test]
fn seeds_meet_the_outline_list_and_metadata_targets() {
    let v = eval_json();
    let t = &v["totals"];
    println!("{}", serde_json::to_string_pretty(t).unwrap_or_default());
    assert!(num(t, &["outline", "f1"]) >= 0.98, "outline F1");
    assert!(num(t, &["depth", "accuracy"]) >= 0.95, "depth accuracy");
    assert!(num(t, &["lists", "recall"]) >= 0.9, "lists met");
    assert!(num(t, &["documents", "accuracy"]) >= 1.0, "documents 5/5");
    assert!(num(t, &["titles", "recall"]) >= 0.8, "titles met");
    // Slogans and metrics are scored (issue 3 raises them); they must at least be computed.
    assert!(num(t, &["slogans", "f1"]) > 0.0);
    assert!(num(t, &["metrics", "f1"]) > 0.0);
}

/// The bug: a wrong --root scored every gold file as all misses and exited 0, as if the
/// extraction had found nothing.
#[test]
fn a_root_without_the_gold_files_is_an_error_not_zero_scores() {
    let run = |root: &str| {
        Command::new(env!("CARGO_BIN_EXE_tifa"))
            .args(["eval", "--gold", "tests/gold/seeds.jsonl", "--root", root])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("tifa eval runs")
    };
    let missing = run("no/such/folder");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("not a folder"));

    // A folder holding none of the gold files is a wrong --root: one message, not five.
    let empty = tempfile::tempdir().expect("tempdir");
    let out = run(&empty.path().to_string_lossy());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("none of the 5 files tests/gold/seeds.jsonl names is under --root"),
        "{stderr}"
    );

    // One gold file missing among others is that file's error record: exit 1.
    let some = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        "corpus/001_a285daf0cd519617.txt",
        some.path().join("001_a285daf0cd519617.txt"),
    )
    .expect("copy a seed");
    let out = run(&some.path().to_string_lossy());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 4, "{stderr}");
    assert!(stderr.contains("000_c1dd23876f65785c.txt: cannot read file"));
}
