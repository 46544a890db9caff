//! Progress on stderr for long runs: files, bytes, MB/s and ETA with indicatif, shown only
//! when stderr is a terminal and `-q` is not given. The totals come from a quick listing in
//! a background thread, so the bar starts at once and gains its ETA when the count is in.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tifa::batch::{self, Input, WalkOptions};

pub struct Progress {
    bar: Option<ProgressBar>,
    files: u64,
    errors: u64,
    /// Files the listing found (0 until it is done); with --jsonl records are counted instead,
    /// and their total is not known beforehand.
    total: Arc<AtomicU64>,
    jsonl: bool,
}

impl Progress {
    /// A bar when stderr is a terminal and not `quiet`; otherwise a silent counter.
    pub fn new(quiet: bool, paths: &[String], walk: &WalkOptions) -> Self {
        let total = Arc::new(AtomicU64::new(0));
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {decimal_bytes}/{decimal_total_bytes} \
                 {decimal_bytes_per_sec} ETA {eta} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            count_in_background(bar.clone(), paths.to_vec(), walk.clone(), total.clone());
            bar
        });
        Progress {
            bar,
            files: 0,
            errors: 0,
            total,
            jsonl: walk.jsonl,
        }
    }

    /// One record written: advance by the bytes it read.
    pub fn record(&mut self, bytes: u64, error: bool) {
        self.files += 1;
        self.errors += u64::from(error);
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
            let (one, many) = match self.jsonl {
                true => ("record", "records"),
                false => ("file", "files"),
            };
            let unit = if self.files == 1 { one } else { many };
            let done = match self.total.load(Ordering::Relaxed) {
                total if total > 0 && !self.jsonl => format!("{}/{total} {unit}", self.files),
                _ => format!("{} {unit}", self.files),
            };
            bar.set_message(format!("{done}, {} errors", self.errors));
        }
    }

    /// Print a line above the bar (or plainly without one).
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Total the sizes of the files the run will read (JSONL files count whole), and count them.
fn count_in_background(
    bar: ProgressBar,
    paths: Vec<String>,
    walk: WalkOptions,
    files: Arc<AtomicU64>,
) {
    std::thread::spawn(move || {
        let listing = WalkOptions {
            jsonl: false,
            ..walk
        };
        let Ok(inputs) = batch::walk(&paths, &listing) else {
            return;
        };
        let (mut count, mut total) = (0u64, 0u64);
        for input in inputs {
            // Every input yields a record, a failed one too.
            count += 1;
            if let Input::Path(p) = input {
                total += std::fs::metadata(p).map_or(0, |m| m.len());
            }
        }
        bar.set_length(total);
        files.store(count, Ordering::Relaxed);
    });
}
