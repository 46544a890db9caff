//! Pass 2 of `reuse`: candidate pairs from LSH banding over the signatures (near-duplicates)
//! and from shared rare fingerprints (a passage copied into an otherwise different text).

use super::sketch::Sketch;
use super::spill::Spill;
use super::{hashes, ReuseParams, Via};
use crate::compare::minhash;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io;

/// Candidate pairs (sketches' indices, i < j, sorted, with how each was found), and the rare
/// fingerprints (in 2 to `max_df` files, sorted) a reused passage must contain.
pub struct Candidates {
    pub pairs: Vec<(usize, usize, Via)>,
    pub rare: Vec<u32>,
}

pub fn candidates(sketches: &[Sketch], p: &ReuseParams, spill: &Spill) -> io::Result<Candidates> {
    let sigs: Vec<&[u32]> = sketches.iter().map(|s| &s.signature[..]).collect();
    let lsh = minhash::candidates(&sigs, &p.lsh);
    let mut entries: Vec<(u32, u32)> = sketches
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.fingerprints.iter().map(move |&f| (f, i as u32)))
        .collect();
    entries.sort_unstable();
    // Fingerprints selected in 2..=max_df files. Winnowing picks a window's minimum, so a
    // common phrase shorter than a window is selected in some files only and looks rarer than
    // it is: its real document frequency, over every n-gram of every file, decides.
    let groups = runs(&entries);
    let maybe: Vec<u32> = groups
        .iter()
        .filter(|r| r.len() >= 2 && r.len() <= p.max_df)
        .map(|r| entries[r.start].0)
        .collect();
    let rare = truly_rare(sketches, &maybe, p, spill)?;
    drop(maybe);
    // Pairs sharing at least `min_shared` rare fingerprints: per file, count the partners
    // after it in the posting lists of its fingerprints (memory: one counter per file).
    let postings: HashMap<u32, &[(u32, u32)]> = groups
        .iter()
        .filter(|r| r.len() >= 2 && rare.binary_search(&entries[r.start].0).is_ok())
        .map(|r| (entries[r.start].0, &entries[r.clone()]))
        .collect();
    let shared: Vec<(usize, usize)> = (0..sketches.len())
        .into_par_iter()
        .flat_map_iter(|i| {
            let mut count: HashMap<u32, usize> = HashMap::new();
            for f in sketches[i].fingerprints.iter() {
                for &(_, j) in postings.get(f).copied().unwrap_or(&[]) {
                    if j as usize > i {
                        *count.entry(j).or_default() += 1;
                    }
                }
            }
            let mut js: Vec<usize> = count
                .into_iter()
                .filter(|&(_, n)| n >= p.min_shared)
                .map(|(j, _)| j as usize)
                .collect();
            js.sort_unstable();
            js.into_iter().map(move |j| (i, j))
        })
        .collect();
    let mut by_pair: HashMap<(usize, usize), Via> = shared
        .into_iter()
        .map(|pair| (pair, Via::Fingerprint))
        .collect();
    for pair in lsh {
        by_pair
            .entry(pair)
            .and_modify(|v| *v = Via::Both)
            .or_insert(Via::Lsh);
    }
    let mut pairs: Vec<(usize, usize, Via)> =
        by_pair.into_iter().map(|((i, j), v)| (i, j, v)).collect();
    pairs.sort_unstable_by_key(|&(i, j, _)| (i, j));
    Ok(Candidates { pairs, rare })
}

/// Index ranges of the runs of equal keys in a sorted list.
fn runs(entries: &[(u32, u32)]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < entries.len() {
        let mut end = start + 1;
        while end < entries.len() && entries[end].0 == entries[start].0 {
            end += 1;
        }
        out.push(start..end);
        start = end;
    }
    out
}

/// The fingerprints of `maybe` (sorted) whose n-gram occurs in at most `max_df` files; each
/// file's content chars are read back from the spill.
fn truly_rare(
    sketches: &[Sketch],
    maybe: &[u32],
    p: &ReuseParams,
    spill: &Spill,
) -> io::Result<Vec<u32>> {
    let counts = sketches
        .par_iter()
        .map(|s| -> io::Result<Vec<u32>> {
            let chars = spill.chars(&s.record)?;
            let mut seen: Vec<u32> = hashes(&chars, p.fingerprint)
                .iter()
                .map(|h| (h >> 32) as u32)
                .filter(|f| maybe.binary_search(f).is_ok())
                .collect();
            seen.sort_unstable();
            seen.dedup();
            Ok(seen)
        })
        .try_fold(
            || vec![0u32; maybe.len()],
            |mut acc, seen| {
                for f in seen? {
                    if let Ok(k) = maybe.binary_search(&f) {
                        acc[k] += 1;
                    }
                }
                Ok::<_, io::Error>(acc)
            },
        )
        .try_reduce(
            || vec![0u32; maybe.len()],
            |mut x, y| {
                x.iter_mut().zip(y).for_each(|(a, b)| *a += b);
                Ok(x)
            },
        )?;
    Ok(maybe
        .iter()
        .zip(counts)
        .filter(|&(_, n)| n as usize <= p.max_df)
        .map(|(&f, _)| f)
        .collect())
}

