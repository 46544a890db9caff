//! `tifa reuse PATH…`: near-duplicate clusters and reused passages across a corpus, as JSON lines
//! (a summary, then pairs, then clusters) and optionally CSV tables; `--check-recall N` measures
//! the LSH candidates against exact Jaccard on a sample. Talks to `tifa::compare::corpus`.

use clap::Args;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;
use tifa::batch;
use tifa::compare::corpus::{self, Cluster, ReusePair, ReuseParams};
use tifa::Pipeline;

#[derive(Args)]
pub struct ReuseArgs {
    /// Files or folders (walked recursively).
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Write the JSON lines here instead of standard output.
    #[arg(short, long)]
    pub output: Option<String>,
    /// Also write pairs.csv, passages.csv and clusters.csv into this folder.
    #[arg(long, value_name = "DIR")]
    pub csv: Option<String>,
    /// Shortest reused passage, in content characters.
    #[arg(long, default_value_t = 15)]
    pub min_length: usize,
    /// Estimated Jaccard at which two files are near-duplicates (same cluster).
    #[arg(long, default_value_t = 0.8)]
    pub cluster_jaccard: f64,
    /// Fingerprints in more files than this are treated as boilerplate.
    #[arg(long, default_value_t = 20)]
    pub max_df: usize,
    /// Shared rare fingerprints a pair needs before it is aligned.
    #[arg(long, default_value_t = 2)]
    pub min_shared: usize,
    /// Instead of the reuse output: compare LSH candidates with exact all-pairs Jaccard on the
    /// first N files (in the order of the paths given) and print the recall per threshold.
    #[arg(long, value_name = "N")]
    pub check_recall: Option<usize>,
    /// Print the time each stage took on standard error.
    #[arg(long)]
    pub verbose: bool,
    /// Worker threads (default: all cores).
    #[arg(short, long)]
    pub jobs: Option<usize>,
}

#[derive(Serialize)]
struct Summary<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    schema: &'static str,
    files: usize,
    failed: usize,
    candidates: usize,
    pairs: usize,
    passages: usize,
    clusters: usize,
    params: serde_json::Value,
    failures: Vec<&'a str>,
}

pub fn run(a: ReuseArgs) -> Result<ExitCode, String> {
    super::global_threads(a.jobs)?;
    let pipeline = Pipeline::default();
    let mut p = ReuseParams {
        cluster_jaccard: a.cluster_jaccard,
        max_df: a.max_df.max(2),
        min_shared: a.min_shared.max(1),
        ..ReuseParams::default()
    };
    p.align.min_len = a.min_length.max(1);
    let inputs = batch::collect_inputs(&a.paths);
    let t0 = Instant::now();
    let (sketches, failed) = corpus::sketch_all(&pipeline, &inputs, &p);
    for (file, e) in &failed {
        eprintln!("tifa: {file}: {e}");
    }
    if let Some(n) = a.check_recall {
        let r = tifa::compare::recall::check_recall(&sketches, n, &p.lsh);
        println!(
            "{}",
            serde_json::to_string_pretty(&r).map_err(|e| e.to_string())?
        );
        return Ok(ExitCode::SUCCESS);
    }
    let t = t0;
    let lap = |what: &str| {
        if a.verbose {
            let peak = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS"))
                        .map(str::to_owned)
                        .reduce(|a, b| a + " " + &b)
                })
                .unwrap_or_default();
            eprintln!("tifa: {what} at {:.2}s {peak}", t.elapsed().as_secs_f64());
        }
    };
    lap(&format!(
        "sketched {} files, {} content chars",
        sketches.len(),
        sketches.iter().map(|s| s.seeds.len()).sum::<usize>()
    ));
    let cands = corpus::candidates(&sketches, &p);
    lap(&format!("{} candidate pairs", cands.pairs.len()));
    let aligned = corpus::align_candidates(&sketches, &cands, &p);
    lap(&format!("aligned, {} pairs kept", aligned.len()));
    let by_name: HashMap<String, batch::Input> =
        inputs.iter().map(|i| (i.name(), i.clone())).collect();
    let pairs = corpus::locate(&pipeline, &by_name, &sketches, aligned);
    lap("located");
    let clusters = corpus::clusters(&sketches, &pairs, p.cluster_jaccard);
    let summary = Summary {
        kind: "summary",
        schema: corpus::SCHEMA,
        files: sketches.len(),
        failed: failed.len(),
        candidates: cands.pairs.len(),
        pairs: pairs.len(),
        passages: pairs.iter().map(|x| x.passages.len()).sum(),
        clusters: clusters.len(),
        params: serde_json::json!({
            "shingle": p.lsh.shingle, "bands": p.lsh.bands, "rows": p.lsh.rows,
            "fingerprint": p.fingerprint, "window": p.window, "max_df": p.max_df,
            "min_shared": p.min_shared, "seed": p.align.seed, "max_gap": p.align.max_gap,
            "min_length": p.align.min_len, "min_identity": p.align.min_identity,
            "cluster_jaccard": p.cluster_jaccard,
        }),
        failures: failed.iter().map(|(f, _)| f.as_str()).collect(),
    };
    write_jsonl(a.output.as_deref(), &summary, &pairs, &clusters)
        .map_err(|e| format!("writing output: {e}"))?;
    if let Some(dir) = &a.csv {
        write_csv(Path::new(dir), &pairs, &clusters).map_err(|e| format!("writing CSV: {e}"))?;
    }
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn write_jsonl(
    path: Option<&str>,
    summary: &Summary,
    pairs: &[ReusePair],
    clusters: &[Cluster],
) -> std::io::Result<()> {
    let mut out: Box<dyn Write> = match path {
        Some(p) => Box::new(std::io::BufWriter::new(std::fs::File::create(p)?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let line = |out: &mut Box<dyn Write>, v: &dyn erased::Json| -> std::io::Result<()> {
        out.write_all(v.json()?.as_bytes())?;
        out.write_all(b"\n")
    };
    line(&mut out, summary)?;
    for p in pairs {
        line(&mut out, p)?;
    }
    for c in clusters {
        line(&mut out, c)?;
    }
    out.flush()
}

/// Serialize values of different types through one closure.
mod erased {
    pub trait Json {
        fn json(&self) -> std::io::Result<String>;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> std::io::Result<String> {
            serde_json::to_string(self).map_err(std::io::Error::other)
        }
    }
}

fn write_csv(dir: &Path, pairs: &[ReusePair], clusters: &[Cluster]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let open =
        |name: &str| csv::Writer::from_path(dir.join(name)).map_err(|e| format!("{name}: {e}"));
    let err = |e: csv::Error| e.to_string();
    let mut w = open("pairs.csv")?;
    w.write_record(["a", "b", "jaccard", "via", "a_in_b", "b_in_a", "passages"])
        .map_err(err)?;
    for p in pairs {
        let via = serde_json::to_value(p.via).map_err(|e| e.to_string())?;
        w.write_record([
            p.a.clone(),
            p.b.clone(),
            p.jaccard.to_string(),
            via.as_str().unwrap_or_default().to_owned(),
            p.coverage.a_in_b.to_string(),
            p.coverage.b_in_a.to_string(),
            p.passages.len().to_string(),
        ])
        .map_err(err)?;
    }
    w.flush().map_err(|e| e.to_string())?;
    let mut w = open("passages.csv")?;
    w.write_record([
        "a",
        "b",
        "id",
        "length",
        "identity",
        "a_start",
        "a_end",
        "a_byte_start",
        "a_byte_end",
        "b_start",
        "b_end",
        "b_byte_start",
        "b_byte_end",
        "a_text",
        "b_text",
    ])
    .map_err(err)?;
    for p in pairs {
        for x in &p.passages {
            w.write_record([
                p.a.clone(),
                p.b.clone(),
                x.id.to_string(),
                x.length.to_string(),
                x.identity.to_string(),
                x.a.start.to_string(),
                x.a.end.to_string(),
                x.a.byte_start.to_string(),
                x.a.byte_end.to_string(),
                x.b.start.to_string(),
                x.b.end.to_string(),
                x.b.byte_start.to_string(),
                x.b.byte_end.to_string(),
                x.a_text.clone(),
                x.b_text.clone(),
            ])
            .map_err(err)?;
        }
    }
    w.flush().map_err(|e| e.to_string())?;
    let mut w = open("clusters.csv")?;
    w.write_record(["cluster", "size", "file"]).map_err(err)?;
    for c in clusters {
        for f in &c.files {
            w.write_record([c.id.to_string(), c.size.to_string(), f.clone()])
                .map_err(err)?;
        }
    }
    w.flush().map_err(|e| e.to_string())
}
