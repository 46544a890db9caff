//! The command line: one module per subcommand, each with its clap `Args` and a `run` that
//! returns the exit code (0 all ok, 1 some input failed, 2 usage or I/O error).

pub mod compare;
pub mod eval;
pub mod extract;
pub mod reuse;
