//! `tifa reuse` on the shared public corpus: the speeches published twice form clusters, and the
//! LSH candidates recall every pair above 0.8 exact Jaccard in a sample. Skips without ../shared.

use std::path::Path;
use std::process::Command;

fn shared() -> Option<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if root.exists() {
        Some(root)
    } else {
        println!("skipped: ../shared/corpus not present");
        None
    }
}

fn tifa(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_tifa"))
        .args(args)
        .output()
        .expect("tifa runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn speeches_published_twice_form_clusters() {
    let Some(root) = shared() else { return };
    let speeches = root.join("speeches");
    let out = tifa(&["reuse", &speeches.to_string_lossy()]);
    let clusters: Vec<serde_json::Value> = out
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["type"] == "cluster")
        .collect();
    assert!(clusters.len() >= 3, "{clusters:?}");
    let together = clusters.iter().any(|c| {
        let files = c["files"].to_string();
        files.contains("2020-11-12_1.txt") && files.contains("2020-11-13_1.txt")
    });
    assert!(together, "{clusters:?}");
}

#[test]
fn lsh_recalls_near_duplicate_pairs_of_a_sample() {
    let Some(root) = shared() else { return };
    let dirs: Vec<String> = ["speeches", "reports", "web"]
        .iter()
        .map(|d| root.join(d).to_string_lossy().into_owned())
        .collect();
    let mut args: Vec<&str> = vec!["reuse", "--check-recall", "200"];
    args.extend(dirs.iter().map(String::as_str));
    let r: serde_json::Value = serde_json::from_str(&tifa(&args)).expect("JSON");
    let at = r["thresholds"]
        .as_array()
        .and_then(|t| t.iter().find(|x| x["jaccard"] == 0.8))
        .expect("0.8 threshold");
    assert!(at["above"].as_u64().unwrap_or(0) > 0, "{r}");
    assert!(at["recall"].as_f64().unwrap_or(0.0) >= 0.95, "{r}");
}
