//! Pass 2 of `reuse`: candidate pairs from LSH banding over the signatures (near-duplicates)
//! and from shared rare fingerprints (a passage copied into an otherwise different text).

use super::sketch::Sketch;
use super::spill::Spill;
use super::{hashes, ReuseParams, Via};
use crate::compare::minhash;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io;
use std::sync::atomic::{AtomicU32, Ordering};

/// Candidate pairs (sketches' indices, i < j, sorted, with how each was found), and the rare
/// fingerprints (in 2 to `max_df` files) a reused passage must contain.
pub struct Candidates {
    pub pairs: Vec<(u32, u32, Via)>,
    pub rare: FingerprintSet,
}

pub fn candidates(sketches: &[Sketch], p: &ReuseParams, spill: &Spill) -> io::Result<Candidates> {
    let lsh = {
        let sigs: Vec<&[u32]> = sketches.iter().map(|s| &s.signature[..]).collect();
        minhash::candidates(&sigs, &p.lsh)
    };
    // Fingerprints selected in 2..=max_df files. Winnowing picks a window's minimum, so a
    // common phrase shorter than a window is selected in some files only and looks rarer than
    // it is: its real document frequency, over every n-gram of every file, decides.
    let maybe = FingerprintSet::new(df_between(sketches, 2, p.max_df));
    let rare = FingerprintSet::new(truly_rare(sketches, &maybe, p, spill)?);
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

/// The fingerprints selected in `min..=max` files, sorted. Counted a slice of the value range
/// at a time (each file's fingerprints are sorted and distinct), so that no copy of all the
/// corpus' fingerprints is ever made.
fn df_between(sketches: &[Sketch], min: usize, max: usize) -> Vec<u32> {
    const SLICES: u64 = 64;
    (0..SLICES)
        .into_par_iter()
        .flat_map_iter(|k| {
            let (lo, hi) = ((k << 32) / SLICES, ((k + 1) << 32) / SLICES);
            let mut values: Vec<u32> = sketches
                .iter()
                .flat_map(|s| {
                    let f = &s.fingerprints;
                    let a = f.partition_point(|&x| u64::from(x) < lo);
                    let b = f.partition_point(|&x| u64::from(x) < hi);
                    f[a..b].iter().copied()
                })
                .collect();
            values.sort_unstable();
            let out: Vec<u32> = values
                .chunk_by(|a, b| a == b)
                .filter(|run| run.len() >= min && run.len() <= max)
                .map(|run| run[0])
                .collect();
            out
        })
        .collect()
}

/// A sorted set of fingerprints with a bitmap of their top bits in front: most lookups (the
/// n-grams of a file) miss, and a miss then costs one memory access, not a binary search.
pub struct FingerprintSet {
    sorted: Vec<u32>,
    bits: Vec<u64>,
}

/// Fingerprints are looked up by their top `FILTER_BITS` bits in the bitmap (4 MB).
const FILTER_BITS: u32 = 25;

impl FingerprintSet {
    /// `sorted` must be sorted and distinct.
    pub fn new(sorted: Vec<u32>) -> Self {
        let mut bits = vec![0u64; 1 << (FILTER_BITS - 6)];
        for &f in &sorted {
            let b = (f >> (32 - FILTER_BITS)) as usize;
            bits[b / 64] |= 1 << (b % 64);
        }
        FingerprintSet { sorted, bits }
    }

    /// Its rank in the set.
    pub fn index(&self, f: u32) -> Option<usize> {
        let b = (f >> (32 - FILTER_BITS)) as usize;
        if self.bits[b / 64] & (1 << (b % 64)) == 0 {
            return None;
        }
        self.sorted.binary_search(&f).ok()
    }

    pub fn contains(&self, f: u32) -> bool {
        self.index(f).is_some()
    }

    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }
}

/// The files holding each rare fingerprint, in file order: `files[starts[k]..starts[k + 1]]`
/// for `rare[k]`.
struct Postings<'a> {
    rare: &'a FingerprintSet,
    starts: Vec<u32>,
    files: Vec<u32>,
}

impl<'a> Postings<'a> {
    /// Counted, then filled from the last file back (a counting sort): 4 bytes an entry,
    /// lists in file order, no sort.
    fn new(sketches: &[Sketch], rare: &'a FingerprintSet) -> Self {
        fn ranks<'s>(s: &'s Sketch, rare: &'s FingerprintSet) -> impl Iterator<Item = usize> + 's {
            s.fingerprints.iter().filter_map(|&f| rare.index(f))
        }
        // starts[k + 1]: where list k ends, then (filling backwards) where it starts.
        let mut starts = vec![0u32; rare.len() + 1];
        for s in sketches {
            for k in ranks(s, rare) {
                starts[k + 1] += 1;
            }
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        let mut files = vec![0u32; starts[rare.len()] as usize];
        for (i, s) in sketches.iter().enumerate().rev() {
            for k in ranks(s, rare) {
                starts[k + 1] -= 1;
                files[starts[k + 1] as usize] = i as u32;
            }
        }
        // Each starts[k + 1] now holds where list k begins: shift by one.
        starts.remove(0);
        starts.push(files.len() as u32);
        Postings {
            rare,
            starts,
            files,
        }
    }

    fn files(&self, f: u32) -> &[u32] {
        match self.rare.index(f) {
            Some(k) => &self.files[self.starts[k] as usize..self.starts[k + 1] as usize],
            None => &[],
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

/// The fingerprints of `maybe` whose n-gram occurs in at most `max_df` files, sorted; each
/// file's content chars are read back from the spill.
fn truly_rare(
    sketches: &[Sketch],
    maybe: &FingerprintSet,
    p: &ReuseParams,
    spill: &Spill,
) -> io::Result<Vec<u32>> {
    let counts: Vec<AtomicU32> = (0..maybe.len()).map(|_| AtomicU32::new(0)).collect();
    sketches.par_iter().try_for_each(|s| -> io::Result<()> {
        let chars = spill.chars(&s.record)?;
        let mut seen: Vec<usize> = hashes(&chars, p.fingerprint)
            .iter()
            .filter_map(|h| maybe.index((h >> 32) as u32))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for k in seen {
            counts[k].fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    })?;
    Ok(maybe
        .sorted
        .iter()
        .zip(counts)
        .filter(|(_, n)| n.load(Ordering::Relaxed) as usize <= p.max_df)
        .map(|(&f, _)| f)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_candidates_stay_sorted_and_say_where_they_came_from() {
        let lsh = [(0, 1), (0, 3), (2, 3)];
        let shared = [(0, 2), (0, 3), (1, 2)];
        assert_eq!(
            merge(&lsh, &shared),
            vec![
                (0, 1, Via::Lsh),
                (0, 2, Via::Fingerprint),
                (0, 3, Via::Both),
                (1, 2, Via::Fingerprint),
                (2, 3, Via::Lsh),
            ]
        );
    }

    #[test]
    fn fingerprint_set_finds_members_only() {
        let v: Vec<u32> = (0..5000u64)
            .map(|i| crate::compare::content::mix(i) as u32)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let set = FingerprintSet::new(v.iter().copied().step_by(2).collect());
        for (k, &f) in v.iter().enumerate() {
            assert_eq!(set.contains(f), k % 2 == 0, "{f}");
        }
        assert_eq!(set.index(v[4]), Some(2));
    }
}
