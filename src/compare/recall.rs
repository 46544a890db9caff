//! `tifa reuse --check-recall N`: how many of the pairs that exact all-pairs Jaccard puts above a
//! threshold the LSH banding proposes, on a sample of the corpus' sketches (`corpus`).

use super::corpus::{hashes, Sketch, Spill};
use super::minhash::{self, LshParams};
use super::round3;
use rayon::prelude::*;
use serde::Serialize;

/// `--check-recall`: on the first `n` sketches (input order, so the caller picks the sample by
/// the order of the paths), the exact Jaccard of every pair against the LSH candidates.
#[derive(Debug, Clone, Serialize)]
pub struct Recall {
    pub sample: usize,
    pub pairs: usize,
    /// Per threshold: pairs at or above it, how many LSH proposed, the share, and the
    /// probability the banding gives a pair exactly at the threshold.
    pub thresholds: Vec<RecallAt>,
    /// Pairs at or above 0.8 that LSH missed, with their exact Jaccard.
    pub missed: Vec<(String, String, f64)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecallAt {
    pub jaccard: f64,
    pub above: usize,
    pub found: usize,
    pub recall: Option<f64>,
    pub expected_at_threshold: f64,
}

/// The sample's content chars are read back from the spill (an error there ends the check).
pub fn check_recall(
    sketches: &[Sketch],
    spill: &Spill,
    n: usize,
    p: &LshParams,
) -> std::io::Result<Recall> {
    let picked = &sketches[..n.min(sketches.len())];
    let sets: Vec<Vec<u64>> = picked
        .par_iter()
        .map(|s| {
            let chars = spill.chars(&s.record)?;
            Ok(minhash::shingle_set(&hashes(&chars, p.shingle)))
        })
        .collect::<std::io::Result<_>>()?;
    let sigs: Vec<&[u32]> = picked.iter().map(|s| &s.signature[..]).collect();
    let cands: std::collections::HashSet<(usize, usize)> =
        minhash::candidates(&sigs, p).into_iter().collect();
    let exact: Vec<(usize, usize, f64)> = (0..picked.len())
        .into_par_iter()
        .flat_map_iter(|x| {
            let sets = &sets;
            (x + 1..sets.len()).map(move |y| (x, y, minhash::jaccard(&sets[x], &sets[y])))
        })
        .collect();
    let thresholds = [0.5, 0.6, 0.7, 0.8, 0.9]
        .iter()
        .map(|&t| {
            let above: Vec<_> = exact.iter().filter(|e| e.2 >= t).collect();
            let found = above.iter().filter(|e| cands.contains(&(e.0, e.1))).count();
            RecallAt {
                jaccard: t,
                above: above.len(),
                found,
                recall: (!above.is_empty()).then(|| round3(found as f64 / above.len() as f64)),
                expected_at_threshold: round3(p.candidate_probability(t)),
            }
        })
        .collect();
    Ok(Recall {
        sample: picked.len(),
        pairs: exact.len(),
        thresholds,
        missed: exact
            .iter()
            .filter(|e| e.2 >= 0.8 && !cands.contains(&(e.0, e.1)))
            .map(|e| {
                (
                    picked[e.0].file.clone(),
                    picked[e.1].file.clone(),
                    round3(e.2),
                )
            })
            .collect(),
    })
}
