//! Running the pipeline over many inputs as a stream: a producer walks the inputs lazily, a
//! rayon pool processes them, and a reorder buffer hands records to the sink in input order,
//! whatever the thread count. The inputs in flight are bounded in number and in bytes, so
//! memory is bounded by the window, not by the corpus. Talks to `inputs` for what to read and
//! `Pipeline` for the work; writing is the sink's business.

pub mod inputs;
pub mod read;
pub mod resume;

pub use inputs::{collect_inputs, walk, Input, Line, WalkOptions};
pub use read::Limited;

use crate::pipeline::Pipeline;
use crate::record::FileRecord;
use rayon::iter::{ParallelBridge, ParallelIterator};
use std::borrow::Cow;
use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};

/// Per-run settings of the engine.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Inputs larger than this many bytes get an error record instead of being read.
    pub max_bytes: u64,
    /// Inputs in flight at once (read, processing, or waiting for their turn to be written);
    /// 0 picks 64 per worker thread. One per worker is always allowed.
    pub window: usize,
    /// Input bytes in flight beyond one input per worker: past this, the next input waits
    /// for the writer even when `window` has room, so a run of large files cannot pile up
    /// finished records behind a slow one.
    pub window_bytes: u64,
    /// Worker threads; 0 uses every core.
    pub threads: usize,
}

/// 64 MiB: far above any speech, well below what would exhaust memory on a laptop.
pub const DEFAULT_MAX_BYTES: u64 = 64 << 20;

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            window: 0,
            window_bytes: DEFAULT_WINDOW_BYTES,
            threads: 0,
        }
    }
}

/// 32 MiB: a thousand news pages, or three records of a 10 MB compilation, waiting at once.
pub const DEFAULT_WINDOW_BYTES: u64 = 32 << 20;

/// Read and process one input; I/O failures, oversized inputs and panics inside a stage
/// become error records.
pub fn process_input(pipeline: &Pipeline, input: &Input, opts: &BatchOptions) -> FileRecord {
    let name = input.name();
    // The size is known for a file; standard input is read only up to the limit.
    let too_big = |n: Option<u64>, compression: Option<read::Compression>| {
        let size = match (n, compression) {
            (Some(n), _) => format!("input is {n} bytes,"),
            (None, Some(c)) => format!("input decompressed ({}) is", c.name()),
            (None, None) => "input is".to_owned(),
        };
        FileRecord::error(
            name.clone(),
            format!(
                "{size} over the limit of {} bytes (raise it with --max-bytes)",
                opts.max_bytes
            ),
            None,
        )
    };
    let read = match input {
        Input::Failed { message, id, .. } => {
            let mut r = FileRecord::error(name, message.clone(), None);
            r.id = id.clone();
            return r;
        }
        Input::Line(l) => {
            if l.text.len() as u64 > opts.max_bytes {
                return with_line(too_big(Some(l.text.len() as u64), None), l);
            }
            return with_line(
                guarded(pipeline, &name, Cow::Borrowed(l.text.as_bytes())),
                l,
            );
        }
        Input::Stdin => read::stdin(opts.max_bytes),
        Input::Path(p) => read::file(p, opts.max_bytes),
    };
    match read {
        Ok(Limited::Read(b)) => {
            let mut r = guarded(pipeline, &name, Cow::Owned(b.bytes));
            if let (Some(c), Some(source)) = (b.compression, r.source.as_mut()) {
                source.compression = Some(c.name());
            }
            // A JSONL file walked without --jsonl is read as one text, JSON syntax and all.
            if !r.is_error() && matches!(input, Input::Path(p) if is_jsonl_name(p)) {
                r.warnings.push(
                    "a .jsonl file read as one text (its first line is no JSON object with a \"text\"): give --jsonl for a record per line".into(),
                );
            }
            r
        }
        Ok(Limited::TooBig { size, compression }) => too_big(size, compression),
        Err(e) => FileRecord::error(name, format!("cannot read file: {e}"), None),
    }
}

/// `x.jsonl`, or `x.jsonl.gz`.
fn is_jsonl_name(p: &std::path::Path) -> bool {
    let name = p.to_string_lossy();
    name.ends_with(".jsonl") || name.ends_with(".jsonl.gz")
}

/// Inputs from this size on hand their freed memory back to the system when done.
pub(crate) const TRIM_AFTER: usize = 1 << 20;

/// glibc keeps what a worker thread freed in that thread's arena, so every worker that once
/// processed the largest file would hold its peak for the rest of the run; `malloc_trim`
/// returns the free pages. Elsewhere the allocator is left to itself.
pub(crate) fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists; it has no preconditions.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Have glibc serve allocations from `bytes` on by their own mappings, returned to the system
/// when freed. By default it raises that threshold (up to 32 MB) each time such a block is
/// freed, after which large vectors come from the arenas, and what one worker freed there
/// stays resident beside what the next one maps: a run's peak becomes the sum of the arenas'.
pub(crate) fn map_large_allocations(bytes: usize) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; it is called before worker threads
    // allocate and has no other preconditions.
    unsafe {
        let bytes = bytes.min(i32::MAX as usize / 8) as i32;
        libc::mallopt(libc::M_MMAP_THRESHOLD, bytes);
        // Fixing one threshold fixes the other at its 128 KB default: every free at the top
        // of the heap would hand pages back, and the next allocation fault them in again.
        libc::mallopt(libc::M_TRIM_THRESHOLD, bytes * 8);
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = bytes;
}

/// Have a run with one worker thread allocate from one glibc arena, without separate
/// mappings for large blocks, and keep up to 256 MB freed at the top of the heap. A large
/// input goes through several buffers of its own size (the text and its char offsets, once per
/// stage); glibc maps each afresh and unmaps it when the next stage has its copy, so every
/// page of every buffer is faulted in anew. From one heap the next buffer reuses the pages
/// the last one freed: on the 50 MB peer input, page faults 157k → 105k and the run 8%
/// shorter, peak RSS 388 → 428 MB. Several workers keep their own arenas: sharing one made
/// `-j2` over ../shared/corpus 9% slower. `release_freed_memory` still trims after a large
/// input. Call it before any other thread starts.
pub fn one_worker_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; it runs before other threads exist.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
        libc::mallopt(libc::M_MMAP_MAX, 0);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
    }
}

fn with_line(mut r: FileRecord, l: &Line) -> FileRecord {
    r.id = Some(l.id.clone());
    r.fields = Some(l.fields.clone());
    r.warnings.extend(l.warning.clone());
    r
}

/// A bug in a stage must cost one record, not the batch: the panic becomes an error record.
/// Bytes read for this input are handed over (`Pipeline::process_owned`); a JSONL line's
/// text stays with its input.
fn guarded(pipeline: &Pipeline, name: &str, bytes: Cow<'_, [u8]>) -> FileRecord {
    let len = bytes.len();
    let record = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match bytes {
        Cow::Borrowed(b) => pipeline.process(name, b),
        Cow::Owned(b) => pipeline.process_owned(name, b),
    }))
    .unwrap_or_else(|p| {
        let msg = p
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| p.downcast_ref::<&str>().copied())
            .unwrap_or("unknown panic");
        FileRecord::error(
            name.to_owned(),
            format!("internal error (please report): {msg}"),
            None,
        )
    });
    if len >= TRIM_AFTER {
        release_freed_memory();
    }
    record
}

/// What the producer has let in and the writer has not yet written, and whether the run stops
/// early.
struct Gate {
    flight: Mutex<Flight>,
    moved: Condvar,
    stop: AtomicBool,
}

#[derive(Default)]
struct Flight {
    /// Sizes of the inputs let in and not yet handed to the sink, in input order.
    sizes: VecDeque<u64>,
    /// Their sum.
    bytes: u64,
}

/// The limits of what may be in flight at once.
struct Limits {
    /// Inputs always allowed: one per worker, so none idles for want of bytes.
    floor: usize,
    count: usize,
    bytes: u64,
}

impl Flight {
    /// Whether one more input of `size` bytes may start now.
    fn admits(&self, size: u64, limits: &Limits) -> bool {
        let n = self.sizes.len();
        n < limits.floor || (n < limits.count && self.bytes.saturating_add(size) <= limits.bytes)
    }

    fn let_in(&mut self, size: u64) {
        self.sizes.push_back(size);
        self.bytes = self.bytes.saturating_add(size);
    }

    fn wrote_one(&mut self) {
        if let Some(size) = self.sizes.pop_front() {
            self.bytes = self.bytes.saturating_sub(size);
        }
    }
}

/// Bytes an input will bring in, for the window: the file's size, a line's text; 0 where it is
/// not known ahead (stdin) or there is nothing to read.
fn input_size(input: &Input) -> u64 {
    match input {
        Input::Path(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
        Input::Line(l) => l.text.len() as u64,
        Input::Stdin | Input::Failed { .. } => 0,
    }
}

/// Process `inputs` on a rayon pool of `opts.threads` workers and call `sink` with each record in input
/// order. The producer pauses while the window is full (`window` inputs, or `window_bytes`
/// beyond one input per worker, ahead of the writer), so a slow file holds back a bounded
/// set of finished records. The window is wide by count because the writer shares the cores
/// with the workers: with only a few inputs of slack, each moment it waited for a core soon
/// left a worker idle. A sink error stops the run and is returned.
pub fn run_stream<I, F>(
    pipeline: &Pipeline,
    inputs: I,
    opts: &BatchOptions,
    sink: F,
) -> std::io::Result<()>
where
    I: Iterator<Item = Input> + Send,
    F: FnMut(FileRecord) -> std::io::Result<()>,
{
    run_stream_mapped(pipeline, inputs, opts, |r| (r, None), sink)
}

/// Work a worker runs right after queueing a value for the writer: the serialization of a
/// large record, which the writer consumes as it is made.
pub type Then = Box<dyn FnOnce() + Send>;

/// `run_stream` with `finish` applied to each record on the worker that made it, before the
/// record queues for the writer: serializing there keeps the one writer thread from becoming
/// the bottleneck (or, on two cores, from taking a worker's share), and frees the record
/// where it was allocated. What `finish` returns beside the value runs on the same worker
/// once the value is queued, so the writer can start on it meanwhile.
pub fn run_stream_mapped<I, T, M, F>(
    pipeline: &Pipeline,
    inputs: I,
    opts: &BatchOptions,
    finish: M,
    mut sink: F,
) -> std::io::Result<()>
where
    I: Iterator<Item = Input> + Send,
    T: Send,
    M: Fn(FileRecord) -> (T, Option<Then>) + Sync,
    F: FnMut(T) -> std::io::Result<()>,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .thread_name(|i| format!("tifa-worker-{i}"))
        .build()
        .map_err(std::io::Error::other)?;
    let threads = pool.current_num_threads().max(1);
    let count = match opts.window {
        0 => threads * 64,
        n => n,
    }
    .max(1);
    let limits = Limits {
        floor: threads.min(count),
        count,
        bytes: opts.window_bytes,
    };
    let gate = Gate {
        flight: Mutex::new(Flight::default()),
        moved: Condvar::new(),
        stop: AtomicBool::new(false),
    };
    let (tx, rx) = std::sync::mpsc::channel::<(usize, T)>();
    let mut result = Ok(());
    std::thread::scope(|scope| {
        let gate = &gate;
        let pool = &pool;
        let finish = &finish;
        let limits = &limits;
        // The producer feeds the pool from its own thread, so the caller's thread is free to
        // write: it may hold things that cannot cross threads (a locked stdout).
        scope.spawn(move || {
            let gated = inputs.enumerate().take_while(|(_, input)| {
                let size = input_size(input);
                let mut flight = gate.flight.lock().unwrap_or_else(|e| e.into_inner());
                while !flight.admits(size, limits) && !gate.stop.load(Ordering::Relaxed) {
                    flight = gate.moved.wait(flight).unwrap_or_else(|e| e.into_inner());
                }
                flight.let_in(size);
                !gate.stop.load(Ordering::Relaxed)
            });
            pool.install(|| {
                gated.par_bridge().for_each_with(tx, |tx, (seq, input)| {
                    if gate.stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let (value, then) = finish(process_input(pipeline, &input, opts));
                    // The receiver only hangs up after a stop, when records no longer matter.
                    let _ = tx.send((seq, value));
                    if let Some(then) = then {
                        then();
                    }
                });
            });
        });
        let mut pending: BTreeMap<usize, T> = BTreeMap::new();
        let mut next = 0;
        for (seq, record) in rx.iter() {
            pending.insert(seq, record);
            let before = next;
            while let Some(r) = pending.remove(&next) {
                next += 1;
                if let Err(e) = sink(r) {
                    result = Err(e);
                    break;
                }
            }
            if result.is_err() {
                gate.stop.store(true, Ordering::Relaxed);
            }
            {
                let mut flight = gate.flight.lock().unwrap_or_else(|e| e.into_inner());
                for _ in before..next {
                    flight.wrote_one();
                }
            }
            gate.moved.notify_all();
            if result.is_err() {
                break;
            }
        }
    });
    result
}

/// Process a list of inputs (see `run_stream`), calling `sink` with each record in order.
pub fn run<F>(pipeline: &Pipeline, inputs: &[Input], mut sink: F) -> std::io::Result<()>
where
    F: FnMut(&FileRecord) -> std::io::Result<()>,
{
    run_stream(
        pipeline,
        inputs.iter().cloned(),
        &BatchOptions::default(),
        |r| sink(&r),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(n: usize) -> Vec<Input> {
        (0..n)
            .map(|i| {
                Input::Line(Box::new(Line {
                    file: "t.jsonl".into(),
                    line: i + 1,
                    id: i.to_string(),
                    // Uneven sizes, so records finish out of order.
                    text: "同志们，要坚持两不误。".repeat(1 + (i * 7) % 13),
                    fields: Default::default(),
                    warning: None,
                }))
            })
            .collect()
    }

    #[test]
    fn records_come_out_in_input_order_with_a_tiny_window() {
        let p = Pipeline::default();
        // Two inputs at most, then one per worker and a byte of room beyond.
        let tiny = [(2, DEFAULT_WINDOW_BYTES), (0, 1)];
        for (window, window_bytes) in tiny {
            let opts = BatchOptions {
                window,
                window_bytes,
                threads: 4,
                ..Default::default()
            };
            let mut ids = Vec::new();
            run_stream(&p, lines(40).into_iter(), &opts, |r| {
                ids.push(r.id.unwrap_or_default());
                Ok(())
            })
            .expect("run");
            let want: Vec<String> = (0..40).map(|i| i.to_string()).collect();
            assert_eq!(ids, want, "window {window}, {window_bytes} bytes");
        }
    }

    #[test]
    fn the_window_lets_in_one_input_per_worker_whatever_its_size_then_counts_bytes() {
        let limits = Limits {
            floor: 2,
            count: 4,
            bytes: 100,
        };
        let mut f = Flight::default();
        assert!(f.admits(1_000, &limits));
        f.let_in(1_000);
        assert!(f.admits(1_000, &limits));
        f.let_in(60);
        // Two in flight: past the floor, 1,060 bytes are over the budget.
        assert!(!f.admits(1, &limits));
        f.wrote_one();
        assert_eq!(f.bytes, 60);
        f.let_in(30);
        assert!(f.admits(10, &limits));
        assert!(!f.admits(11, &limits));
        f.let_in(10);
        f.let_in(0);
        // Four in flight: the count is full, even for an input of no bytes.
        assert!(!f.admits(0, &limits));
    }

    #[test]
    fn what_finish_leaves_to_run_after_queueing_feeds_the_writer_in_order() {
        let p = Pipeline::default();
        let opts = BatchOptions {
            threads: 3,
            ..Default::default()
        };
        // Each record's id goes to the writer through a channel filled only once the value
        // holding its receiver is queued.
        let finish = |r: FileRecord| {
            let (tx, rx) = std::sync::mpsc::channel::<String>();
            let id = r.id.unwrap_or_default();
            let then: Then = Box::new(move || {
                for part in ["<", id.as_str(), ">"] {
                    let _ = tx.send(part.to_owned());
                }
            });
            (rx, Some(then))
        };
        let mut got = String::new();
        run_stream_mapped(&p, lines(20).into_iter(), &opts, finish, |rx| {
            got.extend(rx);
            Ok(())
        })
        .expect("run");
        let want: String = (0..20).map(|i| format!("<{i}>")).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_sink_error_stops_the_run_and_is_returned() {
        let p = Pipeline::default();
        let mut seen = 0;
        let opts = BatchOptions {
            threads: 2,
            ..Default::default()
        };
        let err = run_stream(&p, lines(50).into_iter(), &opts, |_| {
            seen += 1;
            if seen == 3 {
                return Err(std::io::Error::other("disk full"));
            }
            Ok(())
        });
        assert_eq!(err.map_err(|e| e.to_string()), Err("disk full".to_owned()));
        assert_eq!(seen, 3);
    }

    #[test]
    fn oversized_inputs_get_an_error_record() {
        let p = Pipeline::default();
        let opts = BatchOptions {
            max_bytes: 10,
            ..Default::default()
        };
        let r = process_input(&p, &lines(1)[0], &opts);
        let msg = r.error.unwrap_or_default();
        assert!(msg.contains("over the limit of 10"), "{msg}");
        assert_eq!(r.id.as_deref(), Some("0"));
    }
}
