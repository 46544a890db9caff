//! The command line: one module per subcommand, each with its clap `Args` and a `run` that
//! returns the exit code (0 all ok, 1 some input failed, 2 usage or I/O error) or why it stopped.

pub mod compare;
pub mod eval;
pub mod extract;
mod progress;
pub mod reuse;
pub mod stats;
pub mod tables;
mod write_behind;

use std::io;

/// Why a subcommand stopped before its end.
#[derive(Debug)]
pub enum Stop {
    /// An error to tell the user (exit code 2).
    Failed(String),
    /// The reader of standard output went away (`tifa extract corpus/ | head`). That is the
    /// user's choice, not a failure: tifa stops quietly with 0, as ripgrep does, instead of
    /// reporting a broken pipe.
    OutputClosed,
}

impl From<String> for Stop {
    fn from(message: String) -> Self {
        Stop::Failed(message)
    }
}

impl From<&str> for Stop {
    fn from(message: &str) -> Self {
        Stop::Failed(message.to_owned())
    }
}

/// A failed write of `what`: `OutputClosed` for a closed pipe, otherwise the error in words.
/// The file an `-o` names, or None for standard output (no `-o`, or `-o -`, as `-` among the
/// input paths is standard input).
pub fn output_file(output: Option<&str>) -> Option<&str> {
    output.filter(|p| *p != "-")
}

pub fn write_failed(what: &str, e: &io::Error) -> Stop {
    match e.kind() {
        io::ErrorKind::BrokenPipe => Stop::OutputClosed,
        _ => Stop::Failed(format!("{what}: {e}")),
    }
}

/// Check (and create) the folder a `--csv` names before any work starts: a file in its place
/// or a folder that cannot be written would otherwise stop the command only after the run.
pub fn prepare_csv_dir(dir: Option<&str>) -> Result<(), String> {
    match dir {
        Some(d) => tifa::tables::prepare_dir(std::path::Path::new(d))
            .map_err(|e| format!("--csv {d}: {e}")),
        None => Ok(()),
    }
}

/// Size rayon's global pool (for subcommands that use `par_iter` directly; `extract` and
/// `stats` give the batch engine its own pool instead).
pub fn global_threads(jobs: Option<usize>) -> Result<(), String> {
    if let Some(n) = jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .map_err(|e| format!("thread pool: {e}"))?;
    }
    Ok(())
}

/// What a run writes (`-o FILE` through FILE.partial, the `--csv` folder): a folder it walks
/// never gives it back as input, so `tifa extract data/ -o data/out.jsonl` is safe.
pub fn own_outputs(output: Option<&str>, csv: Option<&str>) -> Vec<std::path::PathBuf> {
    output
        .into_iter()
        .filter(|o| *o != "-")
        .flat_map(|o| {
            [
                o.to_owned(),
                format!("{o}.partial"),
                format!("{o}.partial.options"),
            ]
        })
        .chain(csv.map(str::to_owned))
        .map(std::path::PathBuf::from)
        .collect()
}

/// A ratio from 0 to 1, for clap (`--cluster-jaccard 5` was taken as it came).
pub fn ratio(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("{s:?} is not a ratio from 0 to 1")),
    }
}

/// A term to look for, not blank (`--kwic ''` listed nothing under an empty heading).
pub fn term(s: &str) -> Result<String, String> {
    match s.trim() {
        "" => Err("an empty term matches nothing".into()),
        t => Ok(t.to_owned()),
    }
}

/// The line a failed record gets on stderr, its JSONL id in brackets: the same in every
/// command that extracts.
pub fn error_line(r: &tifa::FileRecord) -> Option<String> {
    let e = r.error.as_ref()?;
    Some(match &r.id {
        Some(id) => format!("tifa: {} [{id}]: {e}", r.file),
        None => format!("tifa: {}: {e}", r.file),
    })
}
