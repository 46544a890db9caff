//! MinHash signatures over character shingles and LSH banding: which files of a corpus are
//! candidate near-duplicates, without comparing every pair. Also the exact Jaccard the
//! candidates are checked against (`tifa reuse --check-recall`).

use super::content::mix;

/// MinHash/LSH parameters (documented in docs/compare.md).
#[derive(Debug, Clone, Copy)]
pub struct LshParams {
    /// Shingle length in content chars.
    pub shingle: usize,
    /// Bands × rows = signature length.
    pub bands: usize,
    pub rows: usize,
}

impl Default for LshParams {
    fn default() -> Self {
        // 32 × 4: a pair of Jaccard s becomes a candidate with probability 1 − (1 − s⁴)³²:
        // 0.99999995 at 0.8, 0.87 at 0.5, 0.23 at 0.3, 0.05 at 0.2.
        LshParams {
            shingle: 5,
            bands: 32,
            rows: 4,
        }
    }
}

impl LshParams {
    pub fn hashes(&self) -> usize {
        self.bands * self.rows
    }

    /// Probability that a pair of Jaccard `s` shares at least one band.
    pub fn candidate_probability(&self, s: f64) -> f64 {
        1.0 - (1.0 - s.powi(self.rows as i32)).powi(self.bands as i32)
    }
}

/// The distinct shingle hashes of a text, sorted (the set Jaccard is computed on).
pub fn shingle_set(grams: &[u64]) -> Vec<u64> {
    let mut s = grams.to_vec();
    s.sort_unstable();
    s.dedup();
    s
}

/// MinHash signature of a shingle set: for each of `k` hash functions (multiply-shift with a
/// fixed odd multiplier and offset), the minimum over the set. Empty sets get all-max
/// signatures, which never collide with a real text's.
pub fn signature(set: &[u64], k: usize) -> Vec<u32> {
    let params: Vec<(u64, u64)> = (0..k as u64)
        .map(|i| (mix(i.wrapping_mul(2) + 1) | 1, mix(i.wrapping_mul(2) + 2)))
        .collect();
    let mut sig = vec![u32::MAX; k];
    for &x in set {
        for (s, &(m, o)) in sig.iter_mut().zip(&params) {
            let h = (x.wrapping_mul(m).wrapping_add(o) >> 32) as u32;
            if h < *s {
                *s = h;
            }
        }
    }
    sig
}

/// Share of equal positions: the MinHash estimate of Jaccard.
pub fn estimate(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len() as f64
}

/// Size of the intersection of two sorted sets.
pub fn intersection_len(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    inter
}

/// Exact Jaccard of two sorted sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let inter = intersection_len(a, b);
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Candidate pairs `(i, j)`, `i < j`, sorted: texts sharing all rows of at least one band.
/// Texts without shingles (shorter than a shingle) take part in no pair.
pub fn candidates<S: AsRef<[u32]>>(signatures: &[S], p: &LshParams) -> Vec<(usize, usize)> {
    let signatures: Vec<&[u32]> = signatures.iter().map(AsRef::as_ref).collect();
    let mut pairs = Vec::new();
    let live: Vec<usize> = (0..signatures.len())
        .filter(|&i| signatures[i].iter().any(|&h| h != u32::MAX))
        .collect();
    for band in 0..p.bands {
        let rows = band * p.rows..(band + 1) * p.rows;
        // Sort texts by the band's rows; equal runs are the band's buckets.
        let mut keys: Vec<(&[u32], usize)> = live
            .iter()
            .map(|&i| (&signatures[i][rows.clone()], i))
            .collect();
        keys.sort_unstable();
        let mut start = 0;
        while start < keys.len() {
            let mut end = start + 1;
            while end < keys.len() && keys[end].0 == keys[start].0 {
                end += 1;
            }
            for x in start..end {
                for y in x + 1..end {
                    let (i, j) = (keys[x].1, keys[y].1);
                    pairs.push((i.min(j), i.max(j)));
                }
            }
            start = end;
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::content::Content;

    fn set(s: &str) -> Vec<u64> {
        shingle_set(&Content::new(s).gram_hashes(5))
    }

    #[test]
    fn estimate_tracks_exact_jaccard() {
        let base: String =
            "坚持以人民为中心的发展思想，推动高质量发展，全面深化改革开放，".repeat(3);
        let a = format!("{base}扎实推进共同富裕，促进人的全面发展。");
        let b = format!("{base}加快建设现代化经济体系，着力提高发展质量。");
        let (sa, sb) = (set(&a), set(&b));
        let exact = jaccard(&sa, &sb);
        let est = estimate(&signature(&sa, 128), &signature(&sb, 128));
        assert!((exact - est).abs() < 0.15, "exact {exact} est {est}");
    }

    #[test]
    fn near_duplicates_are_candidates_and_strangers_are_not() {
        let a = "各级党组织要把学习贯彻作为重大政治任务，领导干部要先学一步、多学一点、学深一些。";
        let b = "各级党组织要把学习贯彻作为首要政治任务，领导干部要先学一步、多学一点、学深一些。";
        let c = "今年全县粮食产量稳定增长，农民收入持续提高，脱贫攻坚成果巩固拓展。";
        let p = LshParams::default();
        let sigs: Vec<Vec<u32>> = [a, b, c]
            .iter()
            .map(|t| signature(&set(t), p.hashes()))
            .collect();
        assert_eq!(candidates(&sigs, &p), vec![(0, 1)]);
    }

    /// Pseudo-random Han text and a copy with `edits` chars replaced, both deterministic.
    fn text_and_copy(seed: u64, len: usize, edits: usize) -> (String, String) {
        let han = |x: u64| char::from_u32(0x4e00 + (x % 3000) as u32).unwrap_or('中');
        let a: Vec<char> = (0..len as u64)
            .map(|i| han(mix(seed * 100_003 + i)))
            .collect();
        let mut b = a.clone();
        for e in 0..edits as u64 {
            let at = (mix(seed ^ (e << 20)) % len as u64) as usize;
            b[at] = han(mix(at as u64 + 7));
        }
        (a.into_iter().collect(), b.into_iter().collect())
    }

    #[test]
    fn pairs_above_point_eight_are_found() {
        let p = LshParams::default();
        let (mut above, mut found) = (0, 0);
        for seed in 0..200 {
            let (a, b) = text_and_copy(seed, 1500, 12 + (seed as usize % 20));
            let (sa, sb) = (set(&a), set(&b));
            if jaccard(&sa, &sb) < 0.8 {
                continue;
            }
            above += 1;
            let sigs = [signature(&sa, p.hashes()), signature(&sb, p.hashes())];
            found += usize::from(candidates(&sigs, &p) == vec![(0, 1)]);
        }
        assert!(above >= 50, "{above} pairs above 0.8");
        assert!(found as f64 >= 0.95 * above as f64, "{found} of {above}");
    }

    #[test]
    fn s_curve_is_steep_around_the_threshold() {
        let p = LshParams::default();
        assert!(p.candidate_probability(0.8) > 0.9999);
        assert!(p.candidate_probability(0.1) < 0.01);
    }
}
