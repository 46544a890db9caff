//! `tifa tables`: rebuild the CSV tables of `extract --csv` from an existing extraction output
//! (JSONL), with `tifa::tables`.

use clap::Args;
use std::process::ExitCode;
use tifa::batch::read;

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
    // Gzip or not, as extract reads its inputs.
    let (input, name) = if a.input == "-" {
        (read::lines_of(std::io::stdin()), "standard input")
    } else {
        (
            read::open_lines(std::path::Path::new(&a.input)),
            a.input.as_str(),
        )
    };
    let input = input.map_err(|e| format!("cannot read {name}: {e}"))?;
    let counts = tifa::tables::from_jsonl(input, &a.csv);
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
