//! `tifa extract`: run the pipeline over files, folders or stdin and write one JSON line per
//! input file; talks to `batch` for the run and `emit` for the output.

use super::progress::Progress;
use super::write_behind::WriteBehind;
use super::{write_failed, Stop};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tifa::batch::{self, resume, BatchOptions, WalkOptions};
use tifa::emit::{send_json_chunks, to_json_line, JsonlSink};
use tifa::normalize::{Conversion, Converter, Fmmseg};
use tifa::{FileRecord, Options, Pipeline};

#[derive(Args)]
pub struct ExtractArgs {
    /// Files or folders (walked recursively in sorted order, hidden entries skipped); `-`
    /// reads standard input. Gzip-compressed input is read decompressed.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Write JSON lines here (through FILE.partial, renamed when the run completes) instead
    /// of standard output; `-` is standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<String>,
    /// Worker threads (default, or 0: all cores).
    #[arg(short, long)]
    pub jobs: Option<usize>,
    /// Only files whose path under a folder given matches GLOB (`*.txt`, `speeches/**`);
    /// `!GLOB` excludes. Files named on the command line are always read. Repeatable.
    #[arg(short, long, value_name = "GLOB")]
    pub glob: Vec<String>,
    /// Read every input as JSONL: one object a line with `id` and `text`; other fields are
    /// passed through to the record's `fields`. Without it, a `*.jsonl` file whose first line
    /// is such an object is read so, and every other input as one text.
    #[arg(long)]
    pub jsonl: bool,
    /// Continue an interrupted run of the same command from FILE.partial (needs -o).
    #[arg(long, requires = "output")]
    pub resume: bool,
    /// Inputs larger than this get an error record (bytes, decompressed for gzip; K, M, G
    /// suffixes allowed).
    #[arg(long, default_value = "64M", value_parser = parse_size)]
    pub max_bytes: u64,
    /// No progress bar and no summary line (errors are still reported).
    #[arg(short, long)]
    pub quiet: bool,
    /// Include each document's words (jieba segmentation).
    #[arg(long)]
    pub tokens: bool,
    /// Include each document's normalized text (what span char offsets refer to).
    #[arg(long)]
    pub text: bool,
    /// OpenCC conversion: t2s, tw2s, tw2sp, hk2s or none.
    #[arg(long, default_value = "t2s")]
    pub convert: String,
    /// Use the system libopencc instead of opencc-fmmseg (build with --features libopencc).
    #[arg(long)]
    pub libopencc: bool,
    /// Also write tidy CSV tables (documents.csv, outline.csv, …) into this folder (docs/tables.md).
    #[arg(long, value_name = "DIR")]
    pub csv: Option<String>,
}

/// `64M` → 67108864: binary K, M, G suffixes.
fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = match s.char_indices().last() {
        Some((i, 'K' | 'k')) => (&s[..i], 1u64 << 10),
        Some((i, 'M' | 'm')) => (&s[..i], 1 << 20),
        Some((i, 'G' | 'g')) => (&s[..i], 1 << 30),
        _ => (s, 1),
    };
    num.trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("not a size: {s:?} (e.g. 1048576, 512K, 64M, 2G)"))
}

pub fn converter(name: &str, libopencc: bool) -> Result<Box<dyn Converter>, String> {
    let conv = Conversion::parse(name)
        .ok_or_else(|| format!("unknown --convert {name:?} (t2s, tw2s, tw2sp, hk2s, none)"))?;
    if libopencc {
        #[cfg(feature = "libopencc")]
        return Ok(Box::new(tifa::normalize::convert::LibOpencc::new(conv)?));
        #[cfg(not(feature = "libopencc"))]
        return Err("--libopencc needs a build with `--features libopencc`".into());
    }
    Ok(Box::new(Fmmseg::new(conv)))
}

pub fn run(mut a: ExtractArgs) -> Result<ExitCode, Stop> {
    let started = Instant::now();
    if a.paths.iter().filter(|p| *p == "-").count() > 1 {
        return Err("standard input (-) can be read once only"
            .to_string()
            .into());
    }
    super::prepare_csv_dir(a.csv.as_deref())?;
    // `-o -` had written a file named `-`.
    if a.output.is_some() && super::output_file(a.output.as_deref()).is_none() {
        if a.resume {
            return Err("--resume needs -o to name a regular file".into());
        }
        a.output = None;
    }
    let workers = match a.jobs.unwrap_or(0) {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    if workers == 1 {
        batch::one_worker_allocator();
    }
    tifa::segment::Segmenter::preload();
    let pipeline = Pipeline::new(
        converter(&a.convert, a.libopencc)?,
        Options {
            tokens: a.tokens,
            text: a.text,
            ..Options::default()
        },
    );
    let walk_opts = WalkOptions {
        globs: a.glob.clone(),
        jsonl: a.jsonl,
        skip: super::own_outputs(a.output.as_deref(), a.csv.as_deref()),
    };
    let inputs = batch::walk(&a.paths, &walk_opts)?;
    let opts = BatchOptions {
        max_bytes: a.max_bytes,
        threads: a.jobs.unwrap_or(0),
        ..BatchOptions::default()
    };
    // A regular file is written as FILE.partial and renamed when complete; a device or a
    // pipe (-o /dev/null, a FIFO) is written in place: renaming onto it would replace it.
    let in_place = a
        .output
        .as_ref()
        .filter(|o| std::fs::metadata(o).is_ok_and(|m| !m.is_file()));
    if a.resume && in_place.is_some() {
        return Err("--resume needs -o to name a regular file".into());
    }
    let partial = a
        .output
        .as_ref()
        .filter(|_| in_place.is_none())
        .map(|o| PathBuf::from(format!("{o}.partial")));
    // What shapes the records: a resumed run must have the interrupted run's, or its output
    // would mix records with and without tokens, or converted two ways.
    let options = serde_json::json!({
        "jsonl": a.jsonl,
        "glob": a.glob,
        "max_bytes": a.max_bytes,
        "tokens": a.tokens,
        "text": a.text,
        "convert": a.convert,
        "libopencc": a.libopencc,
        "tifa": env!("CARGO_PKG_VERSION"),
    });
    let done = match (&partial, a.resume) {
        (Some(p), true) => {
            resume::check_options(p, &options).map_err(|d| {
                format!(
                    "cannot resume: the interrupted run had other options ({d}); give the same \
                     options, or run again without --resume"
                )
            })?;
            if !p.exists() && !a.quiet {
                eprintln!(
                    "tifa: no {} to resume from: starting a new run",
                    p.display()
                );
            }
            resume::load(p).map_err(|e| format!("cannot resume from {}: {e}", p.display()))?
        }
        (Some(p), false) => {
            // An interrupted run's output is started over, which may throw away hours of work:
            // say so, and how to keep it.
            if std::fs::metadata(p).is_ok_and(|m| m.len() > 0) {
                eprintln!(
                    "tifa: {} of an interrupted run is started over; give --resume to continue it instead",
                    p.display()
                );
            }
            resume::record_options(p, &options)
                .map_err(|e| format!("cannot write beside {}: {e}", p.display()))?;
            resume::Done::default()
        }
        _ => resume::Done::default(),
    };
    let (skipped, skipped_errors) = (done.kept.len(), done.errors);
    let mismatch = Arc::new(Mutex::new(None));
    let inputs = resume::skip_done(inputs, done, mismatch.clone());
    let out: Box<dyn Write> = match (&partial, in_place) {
        (_, Some(o)) => Box::new(std::io::BufWriter::new(
            std::fs::OpenOptions::new()
                .write(true)
                .open(o)
                .map_err(|e| format!("cannot write {o}: {e}"))?,
        )),
        (Some(p), None) => {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .write(true)
                .append(a.resume)
                .truncate(!a.resume)
                .open(p)
                .map_err(|e| format!("cannot create {}: {e}", p.display()))?;
            Box::new(std::io::BufWriter::new(WriteBehind::new(file)))
        }
        (None, None) => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut sink = JsonlSink::new(out);
    // Tables follow the records as they are written, except when the output is a file:
    // then they are built from it at the end, which also covers a resumed run.
    let mut live_tables = match (&a.csv, &partial) {
        (Some(dir), None) => {
            Some(tifa::tables::Tables::create(dir).map_err(|e| format!("--csv: {e}"))?)
        }
        _ => None,
    };
    let mut progress = Progress::new(a.quiet, &a.paths, &walk_opts);
    let mut last_large: Option<FileRecord> = None;
    let mut bytes = 0u64;
    let mut warned = 0u64;
    let keep_records = live_tables.is_some();
    let finish = |r: FileRecord| {
        let bytes = r.source.as_ref().map_or(0, |s| s.bytes as u64);
        let is_error = r.is_error();
        let warned = !r.warnings.is_empty();
        let message = super::error_line(&r);
        let (line, record, then): (_, _, Option<batch::Then>) =
            if keep_records || bytes < STREAM_FROM {
                (
                    Serialized::Whole(to_json_line(&r)),
                    keep_records.then_some(r),
                    None,
                )
            } else {
                let (tx, rx) = std::sync::mpsc::channel();
                let (give, kept) = std::sync::mpsc::sync_channel(1);
                let then = Box::new(move || {
                    send_json_chunks(&r, &tx);
                    drop(tx);
                    // The writer frees it (see `Serialized::Pieces`); the worker goes on.
                    let _ = give.send(r);
                });
                (Serialized::Pieces(rx, kept), None, Some(then))
            };
        let f = Finished {
            line,
            bytes,
            is_error,
            warned,
            message,
            record,
        };
        (f, then)
    };
    // OpenCC's lexicons, the rules and jieba's tag model load on a thread of their own, beside
    // the jieba dictionary's: the first files are read, hashed and decoded meanwhile, and
    // wait only where they need one of them (each loads once, whoever asks first).
    let run = std::thread::scope(|s| {
        s.spawn(|| {
            pipeline.warm_up();
            tifa::segment::Segmenter::preload_model();
        });
        batch::run_stream_mapped(&pipeline, inputs, &opts, finish, |f| {
            bytes += f.bytes;
            warned += u64::from(f.warned);
            progress.record(f.bytes, f.is_error);
            if let Some(m) = &f.message {
                progress.println(m);
            }
            if let (Some(t), Some(r)) = (live_tables.as_mut(), &f.record) {
                t.write(r)?;
            }
            match f.line {
                Serialized::Whole(line) => sink.write_line(line.as_bytes(), f.is_error),
                Serialized::Pieces(rx, kept) => {
                    let written = sink.write_pieces(rx, f.is_error);
                    // Hold this record until the next large one comes: the last is left to
                    // the process's exit like the pipeline, which spares freeing its items one
                    // by one (30-70 ms for the 50 MB input) at the end of a run.
                    if let Ok(r) = kept.recv() {
                        drop(last_large.replace(r));
                    }
                    written
                }
            }
        })
    });
    run.map_err(|e| write_failed("writing output", &e))?;
    progress.finish();
    if let Some(t) = live_tables {
        t.finish().map_err(|e| format!("writing tables: {e}"))?;
    }
    let (written, errors) = (sink.written + skipped, sink.errors + skipped_errors);
    sink.finish()
        .map_err(|e| write_failed("writing output", &e))?;
    if let Some(m) = mismatch.lock().ok().and_then(|m| m.clone()) {
        return Err(Stop::Failed(format!(
            "cannot resume: the inputs changed since the interrupted run ({m}); run again without --resume"
        )));
    }
    if let (Some(p), Some(o)) = (&partial, &a.output) {
        std::fs::rename(p, o).map_err(|e| format!("cannot rename {} to {o}: {e}", p.display()))?;
        resume::forget_options(p);
        if let Some(dir) = &a.csv {
            let file = std::fs::File::open(o).map_err(|e| format!("cannot read {o}: {e}"))?;
            tifa::tables::from_jsonl(std::io::BufReader::new(file), dir)
                .map_err(|e| format!("writing tables: {e}"))?;
        }
    }
    if !a.quiet {
        let secs = started.elapsed().as_secs_f64();
        let resumed = if skipped > 0 {
            format!(" ({skipped} from the interrupted run)")
        } else {
            String::new()
        };
        // Records of the interrupted run are not read again: their warnings are not counted.
        let warnings = match warned {
            0 => String::new(),
            n => format!(
                ", {n} with warnings (their `warnings` field; `tifa stats --section warnings`)"
            ),
        };
        eprintln!(
            "tifa: {written} records{resumed}, {errors} errors{warnings}; {:.1} MB in {secs:.1} s ({:.1} MB/s)",
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs.max(1e-9),
        );
    }
    // The process ends right after: the OS takes the OpenCC lexicons back at once, where
    // dropping them frees their entries one by one (3 ms of a 100 ms run on one small file).
    std::mem::forget(pipeline);
    std::mem::forget(last_large);
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Inputs from this size on have their record serialized after it is queued, in pieces the
/// writer writes as they come: the writing of a 100 MB line then overlaps its serialization.
const STREAM_FROM: u64 = 1 << 20;

/// A record's JSON line: whole, or in pieces still being made (`send_json_chunks`), after
/// which the record itself comes, for the writer to free.
enum Serialized {
    Whole(String),
    Pieces(
        std::sync::mpsc::Receiver<Vec<u8>>,
        std::sync::mpsc::Receiver<FileRecord>,
    ),
}

/// A record as the writer needs it, made on the worker that processed the input.
struct Finished {
    line: Serialized,
    bytes: u64,
    is_error: bool,
    /// Whether the record carries warnings (counted in the summary line).
    warned: bool,
    /// The error line for the terminal.
    message: Option<String>,
    /// The record itself, only where tables are written alongside.
    record: Option<FileRecord>,
}
