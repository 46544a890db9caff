//! Running the pipeline over many inputs: walk paths in sorted order, process files on a rayon
//! pool, hand records to the sink in input order whatever the thread count.

use crate::pipeline::Pipeline;
use crate::record::FileRecord;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// One input: a file path, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::Path(p) => p.to_string_lossy().into_owned(),
            Input::Stdin => "-".to_owned(),
        }
    }
}

/// Expand the given paths: folders walked recursively (hidden entries skipped), files kept,
/// `-` for stdin; each folder's files in sorted order. Missing paths become inputs too, so they
/// produce an error record instead of vanishing.
pub fn collect_inputs(paths: &[String]) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p == "-" {
            out.push(Input::Stdin);
            continue;
        }
        let path = Path::new(p);
        if path.is_dir() {
            let mut files: Vec<PathBuf> = walkdir::WalkDir::new(path)
                .follow_links(false)
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                })
                .filter_map(|e| match e {
                    Ok(e) if e.file_type().is_file() => Some(e.into_path()),
                    _ => None,
                })
                .collect();
            files.sort();
            out.extend(files.into_iter().map(Input::Path));
        } else {
            out.push(Input::Path(path.to_path_buf()));
        }
    }
    out
}

/// Read and process one input; I/O failures become error records.
pub fn process_input(pipeline: &Pipeline, input: &Input, stdin_bytes: Option<&[u8]>) -> FileRecord {
    let name = input.name();
    let bytes = match input {
        Input::Stdin => Ok(stdin_bytes.unwrap_or_default().to_vec()),
        Input::Path(p) => std::fs::read(p),
    };
    match bytes {
        // A bug in a stage must cost one record, not the batch: the panic becomes an error record.
        Ok(b) => {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.process(&name, &b)))
                .unwrap_or_else(|p| {
                    let msg = p
                        .downcast_ref::<String>()
                        .map(String::as_str)
                        .or_else(|| p.downcast_ref::<&str>().copied())
                        .unwrap_or("unknown panic");
                    FileRecord::error(
                        name.clone(),
                        format!("internal error (please report): {msg}"),
                        None,
                    )
                })
        }
        Err(e) => FileRecord::error(name, format!("cannot read file: {e}"), None),
    }
}

/// Process all inputs in parallel, calling `sink` with each record in input order.
/// Work is done in chunks so memory stays bounded by the chunk, not the corpus.
pub fn run<F>(
    pipeline: &Pipeline,
    inputs: &[Input],
    stdin_bytes: Option<&[u8]>,
    mut sink: F,
) -> std::io::Result<()>
where
    F: FnMut(&FileRecord) -> std::io::Result<()>,
{
    let chunk = (rayon::current_num_threads() * 8).max(8);
    for group in inputs.chunks(chunk) {
        let records: Vec<FileRecord> = group
            .par_iter()
            .map(|i| process_input(pipeline, i, stdin_bytes))
            .collect();
        for r in &records {
            sink(r)?;
        }
    }
    Ok(())
}
