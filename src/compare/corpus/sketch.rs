//! Pass 1 of `reuse`: every file is read and prepared once; its MinHash signature and winnowed
//! fingerprints stay in memory, everything else the later passes need goes to the spill.

use super::spill::{Record, Spill};
use super::ReuseParams;
use crate::batch::{read, Input};
use crate::compare::align;
use crate::compare::content::Content;
use crate::compare::minhash;
use crate::pipeline::Pipeline;
use rayon::prelude::*;
use std::sync::Mutex;

/// Allocations from this size on are mapped on their own (`batch::map_large_allocations`).
const MAPPED: usize = 1 << 22;

/// What pass 1 keeps of a file in memory.
pub struct Sketch {
    pub file: String,
    pub signature: Box<[u32]>,
    pub fingerprints: Box<[u32]>,
    /// Its content chars, seed index and span table in the spill.
    pub record: Record,
}

/// A file that could not be sketched: (name, message).
pub type Failure = (String, String);

/// Pass 1 over the inputs: sketches of the readable files, and the failures. An error writing
/// the spill ends the run.
pub fn sketch_all(
    pipeline: &Pipeline,
    inputs: &[Input],
    p: &ReuseParams,
    spill: &Spill,
) -> std::io::Result<(Vec<Sketch>, Vec<Failure>)> {
    let chunk = (rayon::current_num_threads() * 8).max(8);
    let (mut ok, mut failed) = (Vec::new(), Vec::new());
    let large = Mutex::new(());
    // Large vectors (a big file's text, hashes, seed index) go back to the system when freed,
    // not into an arena where they would add to the next phase's peak.
    crate::batch::map_large_allocations(MAPPED);
    for group in inputs.chunks(chunk) {
        let done: Vec<std::io::Result<Result<Sketch, Failure>>> = group
            .par_iter()
            .map(|i| sketch(pipeline, i, p, spill, &large))
            .collect();
        for d in done {
            match d? {
                Ok(s) => ok.push(s),
                Err(e) => failed.push(e),
            }
        }
    }
    Ok((ok, failed))
}

fn read(input: &Input) -> Result<Vec<u8>, Failure> {
    match input {
        Input::Path(path) => {
            read::file_whole(path).map_err(|e| (input.name(), format!("cannot read file: {e}")))
        }
        Input::Line(l) => Ok(l.text.clone().into_bytes()),
        Input::Stdin => Err((input.name(), "reuse reads files, not stdin".to_owned())),
        Input::Failed { message, .. } => Err((input.name(), message.clone())),
    }
}

fn sketch(
    pipeline: &Pipeline,
    input: &Input,
    p: &ReuseParams,
    spill: &Spill,
    large: &Mutex<()>,
) -> std::io::Result<Result<Sketch, Failure>> {
    let bytes = match read(input) {
        Ok(b) => b,
        Err(e) => return Ok(Err(e)),
    };
    let _turn =
        (bytes.len() >= super::LARGE_FILE).then(|| large.lock().unwrap_or_else(|e| e.into_inner()));
    let prepared = match pipeline.prepare(&bytes) {
        Ok(x) => x,
        Err(e) => return Ok(Err((input.name(), e.to_string()))),
    };
    let trim = bytes.len() >= crate::batch::TRIM_AFTER;
    drop(bytes);
    let content = Content::new(prepared.cleaned.body.as_str());
    let seed_count = match p.align.seed {
        0 => 0,
        n => (content.len() + 1).saturating_sub(n),
    };
    // The record's text part is written while the prepared text is at hand; the hashes are
    // computed after it is freed, so a large file's peak holds one of the two.
    let record = spill.write_text(&content, seed_count, &prepared)?;
    drop(prepared);
    let grams = content.gram_hashes(p.lsh.shingle);
    let seeds = if p.align.seed == p.lsh.shingle {
        align::seed_index(&grams)
    } else {
        align::seed_index(&content.gram_hashes(p.align.seed))
    };
    spill.write_seeds(&record, &seeds)?;
    drop(seeds);
    let signature = minhash::signature(&minhash::shingle_set(&grams), p.lsh.hashes());
    drop(grams);
    let fingerprints = winnow(&content.gram_hashes(p.fingerprint), p.window);
    drop(content);
    if trim {
        // As in `batch`: the worker's arena would otherwise keep this file's peak all run.
        crate::batch::release_freed_memory();
    }
    Ok(Ok(Sketch {
        file: input.name(),
        signature: signature.into_boxed_slice(),
        fingerprints: fingerprints.into_boxed_slice(),
        record,
    }))
}

/// Winnowing (Schleimer et al. 2003): the minimum hash of every window of `w` consecutive
/// n-gram hashes, kept once each; truncated to 32 bits (a rare collision only adds a candidate
/// that alignment then rejects).
pub fn winnow(hashes: &[u64], w: usize) -> Vec<u32> {
    let w = w.max(1);
    let mut out: Vec<u32> = Vec::new();
    if hashes.is_empty() {
        return out;
    }
    let last = hashes.len().saturating_sub(w);
    for start in 0..=last {
        let end = (start + w).min(hashes.len());
        if let Some(&m) = hashes[start..end].iter().min() {
            out.push((m >> 32) as u32);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winnowing_keeps_a_fingerprint_of_every_window() {
        let h: Vec<u64> = (0..20u64).map(crate::compare::content::mix).collect();
        let f = winnow(&h, 4);
        assert!(!f.is_empty() && f.len() <= 17);
        // A shared run of w hashes shares at least one fingerprint.
        let g = winnow(&h[5..9], 4);
        assert!(g.iter().all(|x| f.contains(x)));
    }
}
