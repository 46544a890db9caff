//! `tifa extract`: run the pipeline over files, folders or stdin and write one JSON line per
//! input file; talks to `batch` for the run and `emit` for the output.

use clap::Args;
use std::io::{Read, Write};
use std::process::ExitCode;
use tifa::batch::{self, Input};
use tifa::emit::JsonlSink;
use tifa::normalize::{Conversion, Converter, Fmmseg};
use tifa::{Options, Pipeline};

#[derive(Args)]
pub struct ExtractArgs {
    /// Files or folders (walked recursively); `-` reads standard input.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Write JSON lines here instead of standard output.
    #[arg(short, long)]
    pub output: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(short, long)]
    pub jobs: Option<usize>,
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

pub fn thread_pool(jobs: Option<usize>) -> Result<(), String> {
    if let Some(n) = jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .map_err(|e| format!("thread pool: {e}"))?;
    }
    Ok(())
}

pub fn run(a: ExtractArgs) -> Result<ExitCode, String> {
    thread_pool(a.jobs)?;
    let pipeline = Pipeline::new(
        converter(&a.convert, a.libopencc)?,
        Options {
            tokens: a.tokens,
            text: a.text,
        },
    );
    let inputs = batch::collect_inputs(&a.paths);
    let stdin_bytes = if inputs.contains(&Input::Stdin) {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("reading stdin: {e}"))?;
        Some(buf)
    } else {
        None
    };
    let out: Box<dyn Write> = match &a.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).map_err(|e| format!("cannot create {path}: {e}"))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut sink = JsonlSink::new(out);
    let mut tables = match &a.csv {
        Some(dir) => Some(tifa::tables::Tables::create(dir).map_err(|e| format!("--csv: {e}"))?),
        None => None,
    };
    batch::run(&pipeline, &inputs, stdin_bytes.as_deref(), |r| {
        if let Some(e) = &r.error {
            eprintln!("tifa: {}: {e}", r.file);
        }
        if let Some(t) = tables.as_mut() {
            t.write(r)?;
        }
        sink.write(r)
    })
    .map_err(|e| format!("writing output: {e}"))?;
    if let Some(t) = tables {
        t.finish().map_err(|e| format!("writing tables: {e}"))?;
    }
    let (written, errors) = (sink.written, sink.errors);
    sink.finish().map_err(|e| format!("writing output: {e}"))?;
    if errors > 0 {
        eprintln!("tifa: {written} files, {errors} with errors");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
