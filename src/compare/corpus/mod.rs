//! Reuse across a corpus (`tifa reuse`), in three passes: every file is sketched once
//! (`sketch`: MinHash signature over content-char shingles, winnowed fingerprints of longer
//! n-grams); candidate pairs come from LSH banding (near-duplicates) and from shared rare
//! fingerprints (`candidates`: a passage copied into an otherwise different text); candidates
//! are aligned like `tifa compare` does and their passages located (`pairs`), streamed out in
//! order. Between the passes memory holds only signatures and fingerprints; the content chars,
//! seed indexes and span tables wait in a temporary file (`spill`).

mod candidates;
mod pairs;
mod sketch;
mod spill;
#[cfg(test)]
mod tests;

pub use candidates::{candidates, Candidates, FingerprintSet};
pub use pairs::{align_pairs, Sources};
pub use sketch::{sketch_all, winnow, Failure, Sketch};
pub use spill::Spill;

use super::align::Params;
use super::minhash::LshParams;
use super::Passage;
use serde::Serialize;

pub const SCHEMA: &str = "tifa-reuse/1";

/// Files this large (bytes) are prepared, and pairs this large (content chars of both) aligned,
/// one at a time: preparing a 10 MB file takes some 130 MB for a moment and aligning it with a
/// copy more, so two at once would double the run's peak.
const LARGE_FILE: usize = 1 << 22;
const LARGE_PAIR: usize = 1 << 20;

/// Everything that decides what `reuse` finds (docs/compare.md explains each).
#[derive(Debug, Clone, Copy)]
pub struct ReuseParams {
    pub lsh: LshParams,
    pub align: Params,
    /// Pairs at or above this estimated Jaccard are near-duplicates and join a cluster.
    pub cluster_jaccard: f64,
    /// Fingerprint n-gram length and winnowing window, in content chars: any shared passage of
    /// `fingerprint + window - 1` chars or more shares at least one fingerprint.
    pub fingerprint: usize,
    pub window: usize,
    /// Fingerprints found in more files than this are boilerplate, not evidence of reuse.
    pub max_df: usize,
    /// Shared fingerprints a pair needs to be aligned.
    pub min_shared: usize,
}

impl Default for ReuseParams {
    fn default() -> Self {
        ReuseParams {
            lsh: LshParams::default(),
            align: Params::default(),
            cluster_jaccard: 0.8,
            fingerprint: 10,
            window: 8,
            max_df: 20,
            min_shared: 2,
        }
    }
}

/// How a pair became a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    Lsh,
    Fingerprint,
    Both,
}

/// A pair of files that share passages or are near-duplicates.
#[derive(Debug, Clone, Serialize)]
pub struct ReusePair {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub a: String,
    pub b: String,
    /// MinHash estimate of the Jaccard similarity of the two shingle sets.
    pub jaccard: f64,
    pub via: Via,
    pub coverage: super::Coverage,
    pub passages: Vec<Passage>,
    #[serde(skip)]
    pub index: (usize, usize),
}

/// A group of near-duplicate files (connected by pairs at or above `cluster_jaccard`).
#[derive(Debug, Clone, Serialize)]
pub struct Cluster {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub id: usize,
    pub size: usize,
    pub files: Vec<String>,
}

pub(crate) fn hashes(chars: &[char], n: usize) -> Vec<u64> {
    if chars.len() < n || n == 0 {
        return Vec::new();
    }
    chars.windows(n).map(super::content::gram_hash).collect()
}

/// Connected components of the near-duplicate pairs, fed one pair at a time as they stream
/// out (union-find: one slot per file).
pub struct Clusters {
    parent: Vec<usize>,
    threshold: f64,
}

impl Clusters {
    pub fn new(files: usize, threshold: f64) -> Self {
        Clusters {
            parent: (0..files).collect(),
            threshold,
        }
    }

    fn root(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Join the pair's files when its (rounded, as written) Jaccard reaches the threshold.
    pub fn add(&mut self, pair: &ReusePair) {
        if pair.jaccard < self.threshold {
            return;
        }
        let (ra, rb) = (self.root(pair.index.0), self.root(pair.index.1));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }

    /// The clusters of two or more files, numbered from 1 in order of their first file; files
    /// in each sorted by input order.
    pub fn finish(mut self, sketches: &[Sketch]) -> Vec<Cluster> {
        let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for i in 0..self.parent.len() {
            let r = self.root(i);
            groups.entry(r).or_default().push(i);
        }
        groups
            .into_values()
            .filter(|g| g.len() > 1)
            .enumerate()
            .map(|(k, g)| Cluster {
                kind: "cluster",
                id: k + 1,
                size: g.len(),
                files: g.iter().map(|&i| sketches[i].file.clone()).collect(),
            })
            .collect()
    }
}
