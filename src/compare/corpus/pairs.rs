//! Pass 3 of `reuse`: align the candidate pairs like `tifa compare` does and give the passages
//! their spans, streaming each kept pair to a sink in candidate order, a bounded chunk at a
//! time, so that memory holds no more than a chunk of pairs whatever the corpus size.

use super::candidates::{Candidates, FingerprintSet};
use super::sketch::Sketch;
use super::spill::{Half, Loaded, Record, Spill};
use super::{ReusePair, ReuseParams, Via, LARGE_PAIR};
use crate::batch::{read, Input};
use crate::compare::align::{self, Aligned};
use crate::compare::content::{gram_hash, Content};
use crate::compare::{coverage, minhash, round3, slice_chars, Coverage, Passage};
use crate::pipeline::Pipeline;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io;
use std::sync::Mutex;

/// Where pass 3 reads files back: the spill, or for a record without a span table the file
/// itself, prepared again.
pub struct Sources<'a> {
    pub spill: &'a Spill,
    pub pipeline: &'a Pipeline,
    pub inputs: &'a HashMap<String, Input>,
}

/// Align the candidates; hand `sink` the pairs with passages or near-duplicate similarity, in
/// candidate order (so the same whatever the thread count). A passage counts only when both
/// sides hold the same rare fingerprint: one made only of formulas every other text uses
/// (习近平新时代中国特色社会主义思想) is boilerplate, not reuse. Returns warnings about files
/// that could not be read again (their passages are left out); an error reading the spill or
/// from `sink` ends the run.
pub fn align_pairs(
    src: &Sources,
    sketches: &[Sketch],
    cands: &Candidates,
    p: &ReuseParams,
    mut sink: impl FnMut(ReusePair) -> io::Result<()> + Send,
) -> io::Result<Vec<String>> {
    let mut warnings = Vec::new();
    // Enough pairs per chunk that a slow pair does not leave the other threads idle for long,
    // few enough that their passages stay small next to the sketches.
    let chunk = (rayon::current_num_threads() * 256).max(256);
    let mut ready: Vec<Done> = Vec::new();
    let large = Mutex::new(());
    for group in cands.pairs.chunks(chunk) {
        // The chunk before is written out while this one is aligned.
        let (done, written) = rayon::join(
            || align_chunk(src, sketches, cands, p, group, &large),
            || emit(std::mem::take(&mut ready), &mut sink, &mut warnings),
        );
        written?;
        ready = done?;
    }
    emit(ready, &mut sink, &mut warnings)?;
    Ok(warnings)
}

/// A kept pair, and a warning when its passages could not be located.
type Done = Option<(ReusePair, Option<String>)>;

fn emit(
    done: Vec<Done>,
    sink: &mut impl FnMut(ReusePair) -> io::Result<()>,
    warnings: &mut Vec<String>,
) -> io::Result<()> {
    for (pair, warning) in done.into_iter().flatten() {
        warnings.extend(warning);
        sink(pair)?;
    }
    Ok(())
}

fn align_chunk(
    src: &Sources,
    sketches: &[Sketch],
    cands: &Candidates,
    p: &ReuseParams,
    group: &[(u32, u32, Via)],
    large: &Mutex<()>,
) -> io::Result<Vec<Done>> {
    // A file that several pairs of the chunk share (their first file always, often a second
    // one too) is read back once for all of them, the most used first, within a budget; a
    // large one is read by each of its pairs in turn, in memory only while one is aligned.
    let mut uses: Vec<u32> = group.iter().flat_map(|&(i, j, _)| [i, j]).collect();
    uses.sort_unstable();
    let mut runs: Vec<(usize, u32)> = uses
        .chunk_by(|x, y| x == y)
        .filter(|run| run.len() >= 2)
        .map(|run| (run.len(), run[0]))
        .collect();
    runs.sort_unstable_by_key(|&(n, f)| (std::cmp::Reverse(n), f));
    let mut budget = SHARED_CHARS;
    let mut shared: Vec<u32> = Vec::new();
    for (_, f) in runs {
        let n = sketches[f as usize].record.chars as usize;
        if n < LARGE_PAIR / 4 && n <= budget {
            budget -= n;
            shared.push(f);
        }
    }
    shared.sort_unstable();
    let loaded: Vec<Loaded> = shared
        .par_iter()
        .map(|&f| src.spill.load(&sketches[f as usize].record))
        .collect::<io::Result<_>>()?;
    let find = |f: u32| shared.binary_search(&f).ok().map(|k| &loaded[k]);
    group
        .par_iter()
        .map(|&(i, j, via)| {
            one_pair(
                src,
                sketches,
                &cands.rare,
                p,
                (i as usize, j as usize, via),
                (find(i), find(j)),
                large,
            )
        })
        .collect()
}

/// Content chars of the files a chunk reads back once for all its pairs (12 bytes each).
const SHARED_CHARS: usize = 1 << 21;

fn one_pair(
    src: &Sources,
    sketches: &[Sketch],
    rare: &FingerprintSet,
    p: &ReuseParams,
    (i, j, via): (usize, usize, Via),
    (a, b): (Option<&Loaded>, Option<&Loaded>),
    large: &Mutex<()>,
) -> io::Result<Done> {
    let (si, sj) = (&sketches[i], &sketches[j]);
    let _turn = (si.record.chars as usize + sj.record.chars as usize >= LARGE_PAIR)
        .then(|| large.lock().unwrap_or_else(|e| e.into_inner()));
    let jac = minhash::estimate(&si.signature, &sj.signature);
    let (own_a, own_b);
    let a = match a {
        Some(a) => a,
        None => {
            own_a = src.spill.load(&si.record)?;
            &own_a
        }
    };
    let b = match b {
        Some(b) => b,
        None => {
            own_b = src.spill.load(&sj.record)?;
            &own_b
        }
    };
    let mut found = align::align_indexed(&a.chars, &a.seeds, &b.chars, &b.seeds, &p.align);
    found.retain(|x| {
        let rare_in = |chars: &[char]| -> Vec<u32> {
            // `windows` of a slice shorter than `n` is empty, as `hashes` would be; no vector
            // of every n-gram's hash (24 MB for a 3 M-char passage).
            let mut v: Vec<u32> = chars
                .windows(p.fingerprint.max(1))
                .map(|w| (gram_hash(w) >> 32) as u32)
                .filter(|&f| rare.contains(f))
                .collect();
            v.sort_unstable();
            v
        };
        let rb = rare_in(&b.chars[x.b.0..x.b.1]);
        rare_in(&a.chars[x.a.0..x.a.1])
            .iter()
            .any(|f| rb.binary_search(f).is_ok())
    });
    if found.is_empty() && jac < p.cluster_jaccard {
        return Ok(None);
    }
    let coverage = Coverage {
        a_in_b: coverage(found.iter().map(|x| x.a), a.chars.len()),
        b_in_a: coverage(found.iter().map(|x| x.b), b.chars.len()),
    };
    let mut warning = None;
    let halves_a = halves(src, si, &a.chars, found.iter().map(|x| x.a))?;
    let halves_b = halves(src, sj, &b.chars, found.iter().map(|x| x.b))?;
    let passages = match (halves_a, halves_b) {
        (Ok(ha), Ok(hb)) => passages(&found, ha, hb),
        (Err(e), _) | (_, Err(e)) => {
            warning = Some(format!(
                "{e}: the {} passages between {} and {} are left out",
                found.len(),
                si.file,
                sj.file
            ));
            Vec::new()
        }
    };
    let pair = ReusePair {
        kind: "pair",
        a: si.file.clone(),
        b: sj.file.clone(),
        jaccard: round3(jac),
        via,
        coverage,
        passages,
        index: (i, j),
    };
    Ok(Some((pair, warning)))
}

fn passages(found: &[Aligned], ha: Vec<Half>, hb: Vec<Half>) -> Vec<Passage> {
    found
        .iter()
        .zip(ha.into_iter().zip(hb))
        .enumerate()
        .map(|(n, (x, (ha, hb)))| Passage {
            id: n + 1,
            length: x.a.1 - x.a.0,
            identity: round3(x.identity()),
            a: ha.span,
            b: hb.span,
            a_text: ha.text,
            b_text: hb.text,
            a_lines: None,
            b_lines: None,
        })
        .collect()
}

/// One side of each passage, from the spill's span table; for a record without one, from the
/// file prepared again (Err: why that failed). The outer error is the spill's.
fn halves(
    src: &Sources,
    s: &Sketch,
    chars: &[char],
    ranges: impl Iterator<Item = (usize, usize)>,
) -> io::Result<Result<Vec<Half>, String>> {
    if s.record.located {
        return Ok(Ok(ranges
            .map(|r| src.spill.half(&s.record, chars, r))
            .collect::<io::Result<_>>()?));
    }
    Ok(
        prepare_again(src, &s.file, &s.record).map(|(prep, content)| {
            ranges
                .map(|(start, end)| {
                    let r = content.text_range(start, end);
                    Half {
                        span: prep.span(r.clone()),
                        text: slice_chars(&prep.cleaned.body, r),
                    }
                })
                .collect()
        }),
    )
}

/// Read and prepare a file again; it must still give the content it gave when sketched.
fn prepare_again(
    src: &Sources,
    file: &str,
    record: &Record,
) -> Result<(crate::pipeline::Prepared, Content), String> {
    let bytes = match src.inputs.get(file) {
        Some(Input::Path(path)) => read::file_whole(path).map_err(|e| e.to_string()),
        Some(Input::Line(l)) => Ok(l.text.clone().into_bytes()),
        _ => Err("not a file".to_owned()),
    };
    let prep = bytes
        .and_then(|b| src.pipeline.prepare(&b).map_err(|e| e.to_string()))
        .map_err(|e| format!("{file}: cannot be read again: {e}"))?;
    let content = Content::new(prep.cleaned.body.as_str());
    if content.len() != record.chars as usize {
        return Err(format!("{file}: changed since it was first read"));
    }
    Ok((prep, content))
}
