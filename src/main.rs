//! The `tifa` command: `extract` runs the pipeline over files and folders, `eval` scores the
//! extraction against gold annotations, `stats` counts over a corpus, `tables` rebuilds CSV
//! tables from an output, `compare` and `reuse` find reused passages. Each subcommand lives in
//! `cli/`.

mod cli;

use clap::{Parser, Subcommand};
use cli::Stop;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "tifa",
    version,
    about = "Structure and formulations (提法) from Chinese official speeches and reports"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract outline, lists, slogans, metrics and metadata: one JSON line per input file.
    Extract(cli::extract::ExtractArgs),
    /// Score extraction against gold annotations (tests/gold/GUIDE.md, "Scoring").
    Eval(cli::eval::EvalArgs),
    /// Corpus statistics: slogans by year/campaign/level/genre, their trend year by year, metric
    /// nouns, outline depth, warnings, keyword in context (docs/stats.md).
    Stats(cli::stats::StatsArgs),
    /// Rebuild the CSV tables of `extract --csv` from an extraction output (docs/tables.md).
    Tables(cli::tables::TablesArgs),
    /// Compare A with B (and C…): reused passages, shared and differing slogans, requirements
    /// and metrics; a terminal summary, --json, or --html for a side-by-side page.
    Compare(cli::compare::CompareArgs),
    /// Reused passages and near-duplicate clusters across a corpus: JSON lines, --csv tables.
    Reuse(cli::reuse::ReuseArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => cli::extract::run(a),
        Command::Eval(a) => cli::eval::run(a).map_err(Stop::from),
        Command::Stats(a) => cli::stats::run(a),
        Command::Tables(a) => cli::tables::run(a).map_err(Stop::from),
        Command::Compare(a) => cli::compare::run(a),
        Command::Reuse(a) => cli::reuse::run(a),
    };
    match result {
        Ok(code) => code,
        Err(Stop::OutputClosed) => ExitCode::SUCCESS,
        Err(Stop::Failed(e)) => {
            eprintln!("tifa: {e}");
            ExitCode::from(2)
        }
    }
}
