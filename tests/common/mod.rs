//! Helpers shared by the CLI tests: run the built `tifa` from the project root.

// Each test crate uses the helpers it needs.
#![allow(dead_code)]

use std::process::{Command, Output};

/// Run `tifa ARGS…` in the project root and collect its output.
pub fn tifa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tifa"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("tifa runs")
}

/// Standard output of a run that must have exited 0 (stderr shown when it did not).
pub fn ok_stdout(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
