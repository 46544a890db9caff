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
    pub pairs: Vec<(u32, u32, Via)>,
    pub rare: Vec<u32>,
}

pub fn candidates(sketches: &[Sketch], p: &ReuseParams, spill: &Spill) -> io::Result<Candidates> {
    let lsh = {
        let sigs: Vec<&[u32]> = sketches.iter().map(|s| &s.signature[..]).collect();
        minhash::candidates(&sigs, &p.lsh)
    };
    // Fingerprints selected in 2..=max_df files. Winnowing picks a window's minimum, so a
    // common phrase shorter than a window is selected in some files only and looks rarer than
    // it is: its real document frequency, over every n-gram of every file, decides.
    let maybe: Vec<u32> = {
        // Each file's fingerprints are distinct, so a value's run length is its file count.
        let mut all: Vec<u32> = sketches
            .iter()
            .flat_map(|s| s.fingerprints.iter().copied())
            .collect();
        all.sort_unstable();
        runs(&all)
            .filter(|&(_, n)| n >= 2 && n <= p.max_df)
            .map(|(f, _)| f)
            .collect()
    };
    let rare = truly_rare(sketches, &maybe, p, spill)?;
    drop(maybe);
    // Pairs sharing at least `min_shared` rare fingerprints: per file, count the partners
    // after it in the posting lists of its fingerprints (memory: one counter per file).
    let postings = Postings::new(sketches, &rare);
    let shared: Vec<(u32, u32)> = (0..sketches.len())
        .into_par_iter()
        .flat_map_iter(|i| {
            let mut count: HashMap<u32, usize> = HashMap::new();
            for &f in sketches[i].fingerprints.iter() {
                for &j in postings.files(f) {
                    if j as usize > i {
                        *count.entry(j).or_default() += 1;
                    }
                }
            }
            let mut js: Vec<u32> = count
                .into_iter()
                .filter(|&(_, n)| n >= p.min_shared)
                .map(|(j, _)| j)
                .collect();
            js.sort_unstable();
            js.into_iter().map(move |j| (i as u32, j))
        })
        .collect();
    drop(postings);
    Ok(Candidates {
        pairs: merge(&lsh, &shared),
        rare,
    })
}

/// The values of a sorted list with their run lengths.
fn runs(sorted: &[u32]) -> impl Iterator<Item = (u32, usize)> + '_ {
    sorted
        .chunk_by(|a, b| a == b)
        .map(|run| (run[0], run.len()))
}

/// The files holding each rare fingerprint, in file order: `files[starts[k]..starts[k + 1]]`
/// for `rare[k]`.
struct Postings<'a> {
    rare: &'a [u32],
    starts: Vec<u32>,
    files: Vec<u32>,
}

impl<'a> Postings<'a> {
    fn new(sketches: &[Sketch], rare: &'a [u32]) -> Self {
        let mut entries: Vec<(u32, u32)> = sketches
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                s.fingerprints
                    .iter()
                    .filter(|f| rare.binary_search(f).is_ok())
                    .map(move |&f| (f, i as u32))
            })
            .collect();
        entries.sort_unstable();
        let mut starts = Vec::with_capacity(rare.len() + 1);
        let mut k = 0;
        for &f in rare {
            while k < entries.len() && entries[k].0 < f {
                k += 1;
            }
            starts.push(k as u32);
        }
        starts.push(entries.len() as u32);
        Postings {
            rare,
            starts,
            files: entries.into_iter().map(|(_, i)| i).collect(),
        }
    }

    fn files(&self, f: u32) -> &[u32] {
        match self.rare.binary_search(&f) {
            Ok(k) => &self.files[self.starts[k] as usize..self.starts[k + 1] as usize],
            Err(_) => &[],
        }
    }
}

/// Both sorted candidate lists as one, each pair marked with where it came from.
fn merge(lsh: &[(usize, usize)], shared: &[(u32, u32)]) -> Vec<(u32, u32, Via)> {
    let lsh = lsh.iter().map(|&(i, j)| (i as u32, j as u32));
    let mut out = Vec::with_capacity(lsh.len().max(shared.len()));
    let (mut x, mut y) = (lsh.peekable(), shared.iter().copied().peekable());
    loop {
        let next = match (x.peek(), y.peek()) {
            (Some(&a), Some(&b)) if a == b => {
                x.next();
                y.next();
                (a, Via::Both)
            }
            (Some(&a), Some(&b)) if a < b => {
                x.next();
                (a, Via::Lsh)
            }
            (_, Some(&b)) => {
                y.next();
                (b, Via::Fingerprint)
            }
            (Some(&a), None) => {
                x.next();
                (a, Via::Lsh)
            }
            (None, None) => break,
        };
        out.push((next.0 .0, next.0 .1, next.1));
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

