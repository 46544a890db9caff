//! Helpers shared by the CLI tests: run the built `tifa` from the project root.

// Each test crate uses the helpers it needs.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Run `tifa ARGS…` in the project root and collect its output.
pub fn tifa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tifa"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("tifa runs")
}

/// Run `tifa ARGS…` in the project root with `input` on its standard input.
pub fn tifa_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tifa"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tifa runs");
    if let Some(mut w) = child.stdin.take() {
        // tifa may stop reading early (a first line it refuses): a broken pipe here is not
        // what a test checks.
        let _ = w.write_all(input);
    }
    child.wait_with_output().expect("tifa ends")
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
