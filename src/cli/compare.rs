//! `tifa compare A B [C…]`: A against each of the others — reused passages, coverage, slogan,
//! requirement and metric differences — as a terminal summary, JSON lines or an HTML page.
//! Talks to `tifa::compare` for the work.

use super::{write_failed, Stop};
use clap::Args;
use std::io::{Read, Write};
use std::process::ExitCode;
use tifa::compare::{self, align::Params, html, report, Side};
use tifa::Pipeline;

#[derive(Args)]
pub struct CompareArgs {
    /// The file to compare (A), then one or more files to compare it with; `-` reads one of them
    /// from standard input.
    #[arg(required = true, num_args = 2..)]
    pub files: Vec<String>,
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
    #[arg(long, default_value_t = 0.7)]
    pub min_identity: f64,
    /// OpenCC conversion: t2s, tw2s, tw2sp, hk2s or none.
    #[arg(long, default_value = "t2s")]
    pub convert: String,
}

pub fn run(a: CompareArgs) -> Result<ExitCode, Stop> {
    if !(0.0..=1.0).contains(&a.min_identity) {
        return Err(format!(
            "--min-identity is a ratio from 0 to 1, not {}",
            a.min_identity
        )
        .into());
    }
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
    let sides: Vec<Side> = a
        .files
        .iter()
        .map(|f| {
            let bytes = read(f).map_err(|e| format!("cannot read {f}: {e}"))?;
            Side::load(&pipeline, f, &bytes)
        })
        .collect::<Result<_, _>>()?;
    let (first, rest) = sides.split_first().ok_or("nothing to compare")?;
    let comparisons: Vec<compare::Comparison> = rest
        .iter()
        .map(|b| compare::compare(first, b, &params))
        .collect();
    // The page first: a reader of the summary who stops early (| head) still gets it.
    if let Some(path) = &a.html {
        let pages: Vec<html::Page> = comparisons
            .iter()
            .zip(rest)
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
    let written: std::io::Result<()> = comparisons.iter().enumerate().try_for_each(|(k, c)| {
        if a.json {
            serde_json::to_writer(&mut out, c)?;
            writeln!(out)
        } else {
            if k > 0 {
                writeln!(out)?;
            }
            write!(out, "{}", report::summary(c))
        }
    });
    let noted = match (&a.html, a.json) {
        (Some(path), false) => written.and_then(|()| writeln!(out, "\nHTML report: {path}")),
        _ => written,
    };
    noted
        .and_then(|()| out.flush())
        .map_err(|e| write_failed("writing output", &e))?;
    Ok(ExitCode::SUCCESS)
}

/// A file's bytes, or standard input's for `-`.
fn read(path: &str) -> std::io::Result<Vec<u8>> {
    if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().lock().read_to_end(&mut bytes)?;
        return Ok(bytes);
    }
    std::fs::read(path)
}
