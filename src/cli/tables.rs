//! `tifa tables`: rebuild the CSV tables of `extract --csv` from an existing extraction output
//! (JSONL), with `tifa::tables`.

use clap::Args;
use std::io::BufReader;
use std::process::ExitCode;

#[derive(Args)]
pub struct TablesArgs {
    /// Extraction output (JSONL from `tifa extract`); `-` reads standard input.
    pub input: String,
    /// Folder to write the tables into (created; existing tables replaced once all are
    /// written; on an error none is written).
    #[arg(long, value_name = "DIR")]
    pub csv: String,
}

pub fn run(a: TablesArgs) -> Result<ExitCode, String> {
    super::prepare_csv_dir(Some(&a.csv))?;
    let (counts, name) = if a.input == "-" {
        (
            tifa::tables::from_jsonl(std::io::stdin().lock(), &a.csv),
            "standard input",
        )
    } else {
        let f =
            std::fs::File::open(&a.input).map_err(|e| format!("cannot read {}: {e}", a.input))?;
        (
            tifa::tables::from_jsonl(BufReader::new(f), &a.csv),
            a.input.as_str(),
        )
    };
    let counts = counts.map_err(|e| format!("{name}: {e}"))?;
    let rows: Vec<String> = counts
        .rows
        .iter()
        .map(|(t, n)| format!("{t} {n}"))
        .collect();
    // Records, not files: a JSONL input gives one record a line.
    eprintln!(
        "tifa: {} records → {}: {}",
        counts.records,
        a.csv,
        rows.join(", ")
    );
    Ok(ExitCode::SUCCESS)
}
