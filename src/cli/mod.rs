//! The command line: one module per subcommand, each with its clap `Args` and a `run` that
//! returns the exit code (0 all ok, 1 some input failed, 2 usage or I/O error).

pub mod compare;
pub mod eval;
pub mod extract;
mod progress;
pub mod reuse;
pub mod stats;
pub mod tables;
mod write_behind;

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
