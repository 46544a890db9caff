//! `tifa compare A B [C…]`: A against each of the others — reused passages, coverage, slogan,
//! requirement and metric differences — as a terminal summary, JSON lines or an HTML page.
//! Talks to `tifa::compare` for the work.

use super::{write_failed, Stop};
use clap::Args;
use std::io::Write;
use std::process::ExitCode;
use tifa::batch::{self, Input, WalkOptions};
use tifa::compare::{self, align::Params, html, report, Side};
use tifa::Pipeline;

#[derive(Args)]
pub struct CompareArgs {
    /// The file to compare (A), then one or more files or folders to compare it with (a folder
    /// is walked as `extract` walks it); `-` reads one of them from standard input.
    #[arg(required = true, num_args = 2..)]
    pub files: Vec<String>,
    /// Detailed summaries (and HTML pages) for this many of the files that share most with A;
    /// default: 5 when a folder is given, else every file, in the order given.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Print one JSON object per comparison (schema tifa-compare/1, docs/compare.md).
    #[arg(long)]
    pub json: bool,
    /// Write a self-contained HTML report (texts side by side, passages highlighted) here.
    #[arg(long, value_name = "FILE")]
    pub html: Option<String>,
    /// Shortest reused passage, in content characters (punctuation and spaces not counted).
    #[arg(long, default_value_t = 15)]
    pub min_length: usize,
    /// Lowest identity ratio of a passage (equal characters / alignment columns).
    #[arg(long, default_value_t = 0.7, value_parser = super::ratio)]
    pub min_identity: f64,
    /// OpenCC conversion: t2s, tw2s, tw2sp, hk2s or none.
    #[arg(long, default_value = "t2s")]
    pub convert: String,
}

pub fn run(a: CompareArgs) -> Result<ExitCode, Stop> {
    if a.files.iter().filter(|f| *f == "-").count() > 1 {
        return Err("standard input (-) can be only one of the files".into());
    }
    let pipeline = Pipeline::new(
        super::extract::converter(&a.convert, false)?,
        Default::default(),
    );
    let params = Params {
        min_len: a.min_length.max(1),
        min_identity: a.min_identity,
        ..Params::default()
    };
    let load = |f: &str| -> Result<Side, String> {
        let bytes = read(f).map_err(|e| format!("cannot read {f}: {e}"))?;
        Side::load(&pipeline, f, &bytes)
    };
    let (a_file, others) = a.files.split_first().ok_or("nothing to compare")?;
    let first = load(a_file)?;
    let (named, walked) = expand(a_file, others)?;
    let folder = walked.is_some();
    // A file named on the command line must load (exit 2, as before); one found in a folder
    // that does not (a PDF, an empty file) is told and passed over, and the run exits 1.
    let mut rest: Vec<Side> = Vec::new();
    let mut failed = 0usize;
    for f in &named {
        rest.push(load(f)?);
    }
    for input in walked.into_iter().flatten() {
        let loaded = match input {
            Input::Path(p) => load(&p.to_string_lossy()),
            // A JSONL dump in the folder: each of its texts, known by its id.
            Input::Line(l) => Side::load(
                &pipeline,
                &format!("{}#{}", l.file, l.id),
                l.text.as_bytes(),
            ),
            // A symlink loop, an unreadable folder, a named pipe: why, as extract says it.
            Input::Failed { name, message, .. } => Err(format!("{name}: {message}")),
            Input::Stdin => Err("-: cannot read".to_owned()),
        };
        match loaded {
            Ok(side) => rest.push(side),
            Err(e) => {
                eprintln!("tifa: {e}");
                failed += 1;
            }
        }
    }
    if rest.is_empty() {
        return Err("no file to compare A with".to_string().into());
    }
    let comparisons: Vec<compare::Comparison> = rest
        .iter()
        .map(|b| compare::compare(&first, b, &params))
        .collect();
    // What gets a summary and a page: every comparison in the order given, or with a folder
    // the few that share most with A.
    let shown: Vec<usize> = match (a.top, folder) {
        (None, false) => (0..comparisons.len()).collect(),
        (top, _) => report::rank_order(&comparisons)
            .into_iter()
            .filter(|&k| !comparisons[k].passages.is_empty())
            .take(top.unwrap_or(5))
            .collect(),
    };
    // The page first: a reader of the summary who stops early (| head) still gets it.
    if let Some(path) = &a.html {
        let pages: Vec<html::Page> = shown
            .iter()
            .map(|&k| (&comparisons[k], &rest[k]))
            .map(|(c, b)| html::Page {
                comparison: c,
                a_text: first.text(),
                b_text: b.text(),
            })
            .collect();
        std::fs::write(path, html::page(&pages))
            .map_err(|e| format!("cannot write {path}: {e}"))?;
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written: std::io::Result<()> = if a.json {
        comparisons.iter().try_for_each(|c| {
            serde_json::to_writer(&mut out, c)?;
            writeln!(out)
        })
    } else {
        // The ranking first where there is more than one file, then the summaries.
        let mut texts: Vec<String> = Vec::new();
        if comparisons.len() > 1 {
            let order: Vec<&compare::Comparison> = report::rank_order(&comparisons)
                .into_iter()
                .map(|k| &comparisons[k])
                .collect();
            texts.push(report::ranking(&order));
        }
        texts.extend(shown.iter().map(|&k| report::summary(&comparisons[k])));
        texts.iter().enumerate().try_for_each(|(k, text)| {
            if k > 0 {
                writeln!(out)?;
            }
            write!(out, "{text}")
        })
    };
    let noted = match (&a.html, a.json) {
        (Some(path), false) => written.and_then(|()| writeln!(out, "\nHTML report: {path}")),
        _ => written,
    };
    noted
        .and_then(|()| out.flush())
        .map_err(|e| write_failed("writing output", &e))?;
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The files to compare A with: those named, and those found in the folders named (A itself
/// left out), walked as `extract` walks a folder.
type Expanded = (Vec<String>, Option<Vec<Input>>);

fn expand(a_file: &str, others: &[String]) -> Result<Expanded, String> {
    let a = std::fs::canonicalize(a_file).ok();
    let same_as_a = |p: &std::path::Path| a.is_some() && std::fs::canonicalize(p).ok() == a;
    let mut named = Vec::new();
    let mut walked: Option<Vec<Input>> = None;
    for f in others {
        if f != "-" && std::path::Path::new(f).is_dir() {
            let found = batch::walk(std::slice::from_ref(f), &WalkOptions::default())?
                .filter(|i| !matches!(i, Input::Path(p) if same_as_a(p)));
            walked.get_or_insert_with(Vec::new).extend(found);
        } else {
            named.push(f.clone());
        }
    }
    Ok((named, walked))
}

/// A file's bytes, or standard input's for `-`, decompressed where they are gzip.
fn read(path: &str) -> std::io::Result<Vec<u8>> {
    match path {
        "-" => batch::read::stdin_whole(),
        _ => batch::read::file_whole(std::path::Path::new(path)),
    }
}
