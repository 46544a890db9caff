//! `tifa eval`: score extraction output (or a fresh extraction of the gold files) against the
//! gold annotations with `tifa::eval`.

use clap::Args;
use std::process::ExitCode;
use tifa::batch::{self, Input};
use tifa::Pipeline;

#[derive(Args)]
pub struct EvalArgs {
    /// Gold annotations (JSONL, format tifa-gold/1).
    #[arg(long)]
    pub gold: String,
    /// Corpus root the gold file names are relative to.
    #[arg(long)]
    pub root: String,
    /// Score an existing extraction output instead of extracting from the root.
    #[arg(long)]
    pub system: Option<String>,
    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,
    /// List missed and spurious items per file.
    #[arg(long)]
    pub verbose: bool,
}

pub fn run(a: EvalArgs) -> Result<ExitCode, String> {
    let gold_text =
        std::fs::read_to_string(&a.gold).map_err(|e| format!("cannot read {}: {e}", a.gold))?;
    let gold = tifa::eval::load_gold(&gold_text)?;
    let records: Vec<serde_json::Value> = match &a.system {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .enumerate()
                .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("{path}:{}: {e}", i + 1)))
                .collect::<Result<_, _>>()?
        }
        None => {
            if !std::path::Path::new(&a.root).is_dir() {
                return Err(format!("--root {}: not a folder", a.root));
            }
            // A wrong root would score every gold file as all misses.
            if !gold
                .iter()
                .any(|g| std::path::Path::new(&a.root).join(&g.file).is_file())
            {
                return Err(format!(
                    "none of the {} files {} names is under --root {} (the gold names them relative to it)",
                    gold.len(),
                    a.gold,
                    a.root
                ));
            }
            extract_gold_files(&gold, &a.root)?
        }
    };
    // A gold file that failed to extract scores as all misses: say so, and exit 1 as extract
    // does, rather than report zeros as if they were the system's.
    let failed: Vec<String> = records
        .iter()
        .filter(|r| r["status"] == "error")
        .map(|r| {
            let file = r["file"].as_str().unwrap_or("?");
            let error = r["error"].as_str().unwrap_or("failed");
            format!("{file}: {error}")
        })
        .collect();
    for f in &failed {
        eprintln!("tifa: {f}");
    }
    let scores = tifa::eval::score(&gold, &records, &a.root);
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&scores.to_json()).map_err(|e| e.to_string())?
        );
    } else {
        print!("{}", scores.to_table());
    }
    if a.verbose {
        for line in scores.mismatches() {
            eprintln!("{line}");
        }
    }
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Extract the files the gold names, from `root`, as JSON values for the scorer.
fn extract_gold_files(
    gold: &[tifa::eval::GoldFile],
    root: &str,
) -> Result<Vec<serde_json::Value>, String> {
    let pipeline = Pipeline::default();
    let inputs: Vec<Input> = gold
        .iter()
        .map(|g| Input::Path(std::path::Path::new(root).join(&g.file)))
        .collect();
    let mut out = Vec::new();
    batch::run(&pipeline, &inputs, |r| {
        out.push(serde_json::to_value(r).map_err(std::io::Error::other)?);
        Ok(())
    })
    .map_err(|e| e.to_string())?;
    Ok(out)
}
