//! Smoke test over the shared public corpus: every file yields an `ok` record (no panics, no
//! spurious errors) and the corpus-level extraction finds structure. Skips without ../shared.

use tifa::Pipeline;

fn files(root: &std::path::Path) -> Vec<std::path::PathBuf> {
    // The walk tifa itself does: sorted, hidden entries skipped.
    tifa::batch::collect_inputs(&[root.to_string_lossy().into_owned()])
        .into_iter()
        .filter_map(|i| match i {
            tifa::batch::Input::Path(p) => Some(p),
            _ => None,
        })
        .filter(|p| !p.to_string_lossy().ends_with(".jsonl"))
        .collect()
}

#[test]
fn shared_corpus_sample_extracts_without_errors() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !root.exists() {
        println!("skipped: ../shared/corpus not present");
        return;
    }
    // All speeches, reports, web pages and the Hansard; every 25th daily news transcript.
    let mut sample: Vec<_> = ["speeches", "reports", "web", "traditional"]
        .iter()
        .flat_map(|d| files(&root.join(d)))
        .collect();
    sample.extend(files(&root.join("news")).into_iter().step_by(25));
    let pipeline = Pipeline::default();
    let (mut units, mut metrics, mut slogans) = (0, 0, 0);
    for p in &sample {
        let bytes = std::fs::read(p).expect("readable");
        let rec = pipeline.process(&p.to_string_lossy(), &bytes);
        assert!(!rec.is_error(), "{}: {:?}", p.display(), rec.error);
        for d in &rec.documents {
            units += d.outline.len();
            metrics += d.metrics.len();
            slogans += d.slogans.len();
        }
    }
    println!(
        "{} files: {units} outline units, {metrics} metrics, {slogans} slogans",
        sample.len()
    );
    assert!(sample.len() > 100 && units > 1000 && metrics > 1000 && slogans > 100);
}
