//! `tifa reuse PATH…`: near-duplicate clusters and reused passages across a corpus, as JSON lines
//! (a summary, then pairs, then clusters) and optionally CSV tables; `--check-recall N` measures
//! the LSH candidates against exact Jaccard on a sample. Talks to `tifa::compare::corpus`.
//! Pairs are written as they are found; their JSON lines wait in a temporary file until the
//! summary that counts them has been written.

use super::{write_failed, Stop};
use clap::Args;
use serde::Serialize;
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;
use tifa::batch;
use tifa::compare::corpus::{self, Cluster, ReusePair, ReuseParams, Sources};
use tifa::tables::{TableFolder, TableId};
use tifa::Pipeline;

#[derive(Args)]
pub struct ReuseArgs {
    /// Files or folders (walked recursively).
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Write the JSON lines here instead of standard output (`-` is standard output).
    #[arg(short, long)]
    pub output: Option<String>,
    /// Also write pairs.csv, passages.csv and clusters.csv into this folder.
    #[arg(long, value_name = "DIR")]
    pub csv: Option<String>,
    /// Shortest reused passage, in content characters.
    #[arg(long, default_value_t = 15)]
    pub min_length: usize,
    /// Estimated Jaccard at which two files are near-duplicates (same cluster).
    #[arg(long, default_value_t = 0.8, value_parser = super::ratio)]
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
    /// No summary line on standard error (errors are still reported).
    #[arg(short, long)]
    pub quiet: bool,
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

pub fn run(a: ReuseArgs) -> Result<ExitCode, Stop> {
    super::prepare_csv_dir(a.csv.as_deref())?;
    super::global_threads(a.jobs)?;
    let pipeline = Pipeline::default();
    let mut p = ReuseParams {
        cluster_jaccard: a.cluster_jaccard,
        max_df: a.max_df.max(2),
        min_shared: a.min_shared.max(1),
        ..ReuseParams::default()
    };
    p.align.min_len = a.min_length.max(1);
    let walk = batch::WalkOptions {
        skip: super::own_outputs(a.output.as_deref(), a.csv.as_deref()),
        ..batch::WalkOptions::default()
    };
    let inputs: Vec<_> = batch::walk(&a.paths, &walk)?.collect();
    let t0 = Instant::now();
    let stage = Stage::new(a.quiet || a.verbose);
    stage.say(format_args!("sketching {} files", inputs.len()));
    let spill = corpus::Spill::new().map_err(|e| format!("creating a temporary file: {e}"))?;
    let (sketches, failed) =
        corpus::sketch_all(&pipeline, &inputs, &p, &spill).map_err(|e| e.to_string())?;
    for (file, e) in &failed {
        stage.println(&format!("tifa: {file}: {e}"));
    }
    if let Some(n) = a.check_recall {
        let r = tifa::compare::recall::check_recall(&sketches, &spill, n, &p.lsh)
            .map_err(|e| e.to_string())?;
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
        "sketched {} files, {} content chars, {} without a span table",
        sketches.len(),
        sketches
            .iter()
            .map(|s| s.record.chars as usize)
            .sum::<usize>(),
        sketches.iter().filter(|s| !s.record.located).count()
    ));
    stage.say(format_args!(
        "finding candidate pairs among {} files",
        sketches.len()
    ));
    let cands = corpus::candidates(&sketches, &p, &spill).map_err(|e| e.to_string())?;
    lap(&format!("{} candidate pairs", cands.pairs.len()));
    let aligning = format!("aligning {} candidate pairs", cands.pairs.len());
    stage.say(format_args!("{aligning}"));
    let by_name: HashMap<String, batch::Input> =
        inputs.iter().map(|i| (i.name(), i.clone())).collect();
    drop(inputs);
    let src = Sources {
        spill: &spill,
        pipeline: &pipeline,
        inputs: &by_name,
    };
    let mut sink = Sink::new(a.csv.as_deref())?;
    let mut clusters = corpus::Clusters::new(sketches.len(), p.cluster_jaccard);
    let warnings = corpus::align_pairs(&src, &sketches, &cands, &p, |pair| {
        clusters.add(&pair);
        sink.pair(&pair)?;
        stage.say(format_args!("{aligning}: {} kept", sink.pairs));
        Ok(())
    })
    .map_err(|e| e.to_string())?;
    for w in &warnings {
        stage.println(&format!("tifa: {w}"));
    }
    lap(&format!("aligned, {} pairs kept", sink.pairs));
    let clusters = clusters.finish(&sketches);
    let summary = Summary {
        kind: "summary",
        schema: corpus::SCHEMA,
        files: sketches.len(),
        failed: failed.len(),
        candidates: cands.pairs.len(),
        pairs: sink.pairs,
        passages: sink.passages,
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
    stage.say(format_args!("writing"));
    sink.finish(super::output_file(a.output.as_deref()), &summary, &clusters)?;
    stage.done();
    lap("written");
    if !a.quiet {
        eprintln!(
            // Texts, not files: a JSONL dump gives one a line.
            "tifa: {} texts ({} failed), {} pairs with {} passages, {} clusters; {:.1} s",
            summary.files,
            summary.failed,
            summary.pairs,
            summary.passages,
            summary.clusters,
            t0.elapsed().as_secs_f64()
        );
    }
    Ok(if failed.is_empty() && warnings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// What the run is doing, on a terminal: a spinner with the stage and the time so far, as a
/// run over thousands of files takes minutes in passes that have no count of their own.
struct Stage(Option<indicatif::ProgressBar>);

impl Stage {
    fn new(silent: bool) -> Stage {
        use std::io::IsTerminal;
        Stage((!silent && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}")
            {
                bar.set_style(style);
            }
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
            bar
        }))
    }

    /// Made into a string only where a spinner shows it: `align_pairs` says it once a pair.
    fn say(&self, what: std::fmt::Arguments) {
        if let Some(bar) = &self.0 {
            bar.set_message(what.to_string());
        }
    }

    /// A line above the spinner (or plainly without one).
    fn println(&self, line: &str) {
        match &self.0 {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    fn done(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// Where pairs go as they are found: their JSON lines to a temporary file (the summary line
/// that counts them comes first in the output), their CSV rows straight to the tables, which
/// get their names only once `clusters.csv` is written too.
struct Sink {
    lines: BufWriter<File>,
    csv: Option<Tables>,
    pairs: usize,
    passages: usize,
}

struct Tables {
    folder: TableFolder,
    pairs: TableId,
    passages: TableId,
}

impl Sink {
    fn new(csv_dir: Option<&str>) -> Result<Sink, String> {
        let lines = tempfile::tempfile().map_err(|e| format!("creating a temporary file: {e}"))?;
        let csv = csv_dir
            .map(|d| open_tables(Path::new(d)))
            .transpose()
            .map_err(|e| format!("writing CSV: {e}"))?;
        Ok(Sink {
            lines: BufWriter::new(lines),
            csv,
            pairs: 0,
            passages: 0,
        })
    }

    fn pair(&mut self, p: &ReusePair) -> io::Result<()> {
        self.pairs += 1;
        self.passages += p.passages.len();
        let context =
            |what: &str, e: &dyn std::fmt::Display| io::Error::other(format!("{what}: {e}"));
        serde_json::to_writer(&mut self.lines, p).map_err(|e| context("writing output", &e))?;
        self.lines.write_all(b"\n")?;
        if let Some(t) = &mut self.csv {
            csv_rows(t, p).map_err(|e| context("writing CSV", &e))?;
        }
        Ok(())
    }

    fn finish(
        self,
        path: Option<&str>,
        summary: &Summary,
        clusters: &[Cluster],
    ) -> Result<(), Stop> {
        let mut lines = self
            .lines
            .into_inner()
            .map_err(|e| format!("writing output: {}", e.error()))?;
        write_jsonl(path, summary, &mut lines, clusters)
            .map_err(|e| write_failed("writing output", &e))?;
        if let Some(t) = self.csv {
            finish_tables(t, clusters).map_err(|e| format!("writing CSV: {e}"))?;
        }
        Ok(())
    }
}

fn write_jsonl(
    path: Option<&str>,
    summary: &Summary,
    pair_lines: &mut File,
    clusters: &[Cluster],
) -> io::Result<()> {
    let mut out: Box<dyn Write> = match path {
        Some(p) => Box::new(BufWriter::new(File::create(p)?)),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let line = |out: &mut Box<dyn Write>, v: &dyn erased::Json| -> io::Result<()> {
        out.write_all(v.json()?.as_bytes())?;
        out.write_all(b"\n")
    };
    line(&mut out, summary)?;
    pair_lines.rewind()?;
    io::copy(pair_lines, &mut out)?;
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

fn open_tables(dir: &Path) -> io::Result<Tables> {
    let mut folder = TableFolder::create(dir)?;
    let pairs = folder.add(
        "pairs",
        &["a", "b", "jaccard", "via", "a_in_b", "b_in_a", "passages"],
    )?;
    let passages = folder.add(
        "passages",
        &[
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
        ],
    )?;
    Ok(Tables {
        folder,
        pairs,
        passages,
    })
}

fn csv_rows(t: &mut Tables, p: &ReusePair) -> io::Result<()> {
    let via = serde_json::to_value(p.via).map_err(io::Error::other)?;
    t.folder.write(
        t.pairs,
        [
            p.a.clone(),
            p.b.clone(),
            p.jaccard.to_string(),
            via.as_str().unwrap_or_default().to_owned(),
            p.coverage.a_in_b.to_string(),
            p.coverage.b_in_a.to_string(),
            p.passages.len().to_string(),
        ],
    )?;
    for x in &p.passages {
        t.folder.write(
            t.passages,
            [
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
            ],
        )?;
    }
    Ok(())
}

fn finish_tables(mut t: Tables, clusters: &[Cluster]) -> io::Result<()> {
    let table = t.folder.add("clusters", &["cluster", "size", "file"])?;
    for c in clusters {
        for f in &c.files {
            t.folder
                .write(table, [c.id.to_string(), c.size.to_string(), f.clone()])?;
        }
    }
    t.folder.commit()
}
