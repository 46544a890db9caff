//! Reuse across a corpus (`tifa reuse`): every file is sketched once (MinHash signature over
//! content-char shingles, winnowed fingerprints of longer n-grams); candidate pairs come from LSH
//! banding (near-duplicates) and from shared rare fingerprints (a passage copied into an
//! otherwise different text); candidates are aligned like `tifa compare` does, and the files
//! holding passages are prepared once more to give the passages their spans. Only compact
//! content strings and signatures stay in memory between passes.

use super::align::{self, Aligned, Params};
use super::content::Content;
use super::minhash::{self, LshParams};
use super::{coverage, Passage};
use crate::batch::Input;
use crate::pipeline::Pipeline;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

pub const SCHEMA: &str = "tifa-reuse/1";

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

/// What pass 1 keeps of a file.
pub struct Sketch {
    pub file: String,
    /// Content chars, as a string (3 bytes a char instead of 4).
    pub content: String,
    /// Seed index for alignment (`align::seed_index`), built once.
    pub seeds: Vec<(u32, u32)>,
    pub signature: Vec<u32>,
    pub fingerprints: Vec<u32>,
}

/// Pass 1 over the inputs: sketches of the readable files, and (name, message) of the others.
pub fn sketch_all(
    pipeline: &Pipeline,
    inputs: &[Input],
    p: &ReuseParams,
) -> (Vec<Sketch>, Vec<(String, String)>) {
    let chunk = (rayon::current_num_threads() * 8).max(8);
    let (mut ok, mut failed) = (Vec::new(), Vec::new());
    for group in inputs.chunks(chunk) {
        let done: Vec<Result<Sketch, (String, String)>> =
            group.par_iter().map(|i| sketch(pipeline, i, p)).collect();
        for d in done {
            match d {
                Ok(s) => ok.push(s),
                Err(e) => failed.push(e),
            }
        }
    }
    (ok, failed)
}

fn read(input: &Input) -> Result<Vec<u8>, (String, String)> {
    match input {
        Input::Path(path) => {
            std::fs::read(path).map_err(|e| (input.name(), format!("cannot read file: {e}")))
        }
        Input::Line(l) => Ok(l.text.clone().into_bytes()),
        Input::Stdin => Err((input.name(), "reuse reads files, not stdin".to_owned())),
        Input::Failed { message, .. } => Err((input.name(), message.clone())),
    }
}

fn sketch(pipeline: &Pipeline, input: &Input, p: &ReuseParams) -> Result<Sketch, (String, String)> {
    let bytes = read(input)?;
    let prepared = pipeline
        .prepare(&bytes)
        .map_err(|e| (input.name(), e.to_string()))?;
    let content = Content::new(prepared.cleaned.body.as_str());
    let grams = content.gram_hashes(p.lsh.shingle);
    let signature = minhash::signature(&minhash::shingle_set(&grams), p.lsh.hashes());
    let fingerprints = winnow(&content.gram_hashes(p.fingerprint), p.window);
    let seeds = if p.align.seed == p.lsh.shingle {
        align::seed_index(&grams)
    } else {
        align::seed_index(&content.gram_hashes(p.align.seed))
    };
    Ok(Sketch {
        file: input.name(),
        content: content.chars.iter().collect(),
        seeds,
        signature,
        fingerprints,
    })
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

/// How a pair became a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    Lsh,
    Fingerprint,
    Both,
}

/// Candidate pairs (sketches' indices, i < j, sorted, with how each was found), and the rare
/// fingerprints (in 2 to `max_df` files, sorted) a reused passage must contain.
pub struct Candidates {
    pub pairs: Vec<(usize, usize, Via)>,
    pub rare: Vec<u32>,
}

pub fn candidates(sketches: &[Sketch], p: &ReuseParams) -> Candidates {
    let sigs: Vec<&[u32]> = sketches.iter().map(|s| s.signature.as_slice()).collect();
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
    let rare = truly_rare(sketches, &maybe, p);
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
            for f in &sketches[i].fingerprints {
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
    Candidates { pairs, rare }
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

/// The fingerprints of `maybe` (sorted) whose n-gram occurs in at most `max_df` files.
fn truly_rare(sketches: &[Sketch], maybe: &[u32], p: &ReuseParams) -> Vec<u32> {
    let counts = sketches
        .par_iter()
        .map(|s| {
            let chars: Vec<char> = s.content.chars().collect();
            let mut seen: Vec<u32> = hashes(&chars, p.fingerprint)
                .iter()
                .map(|h| (h >> 32) as u32)
                .filter(|f| maybe.binary_search(f).is_ok())
                .collect();
            seen.sort_unstable();
            seen.dedup();
            seen
        })
        .fold(
            || vec![0u32; maybe.len()],
            |mut acc, seen| {
                for f in seen {
                    if let Ok(k) = maybe.binary_search(&f) {
                        acc[k] += 1;
                    }
                }
                acc
            },
        )
        .reduce(
            || vec![0u32; maybe.len()],
            |mut x, y| {
                x.iter_mut().zip(y).for_each(|(a, b)| *a += b);
                x
            },
        );
    maybe
        .iter()
        .zip(counts)
        .filter(|&(_, n)| n as usize <= p.max_df)
        .map(|(&f, _)| f)
        .collect()
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

/// Align the candidates; keep pairs with passages or near-duplicate similarity. A passage
/// counts only when both sides hold the same rare fingerprint: one made only of formulas
/// every other text uses (习近平新时代中国特色社会主义思想) is boilerplate, not reuse. Passages carry content
/// offsets only until `locate` gives them spans.
pub fn align_candidates(
    sketches: &[Sketch],
    cands: &Candidates,
    p: &ReuseParams,
) -> Vec<(usize, usize, Via, f64, Vec<Aligned>)> {
    cands
        .pairs
        .par_iter()
        .filter_map(|&(i, j, via)| {
            let jac = minhash::estimate(&sketches[i].signature, &sketches[j].signature);
            let a: Vec<char> = sketches[i].content.chars().collect();
            let b: Vec<char> = sketches[j].content.chars().collect();
            let (sa, sb) = (&sketches[i].seeds, &sketches[j].seeds);
            let mut found = align::align_indexed(&a, sa, &b, sb, &p.align);
            found.retain(|x| {
                let rare_in = |chars: &[char]| -> Vec<u32> {
                    let mut v: Vec<u32> = hashes(chars, p.fingerprint)
                        .iter()
                        .map(|h| (h >> 32) as u32)
                        .filter(|f| cands.rare.binary_search(f).is_ok())
                        .collect();
                    v.sort_unstable();
                    v
                };
                let rb = rare_in(&b[x.b.0..x.b.1]);
                rare_in(&a[x.a.0..x.a.1])
                    .iter()
                    .any(|f| rb.binary_search(f).is_ok())
            });
            found.shrink_to_fit();
            (!found.is_empty() || jac >= p.cluster_jaccard).then_some((i, j, via, jac, found))
        })
        .collect()
}

pub(crate) fn hashes(chars: &[char], n: usize) -> Vec<u64> {
    if chars.len() < n || n == 0 {
        return Vec::new();
    }
    chars.windows(n).map(super::content::gram_hash).collect()
}

/// Pass 2: prepare the files that hold passages once more and turn the content offsets into
/// spans and texts. Files are prepared in chunks and dropped after use.
pub fn locate(
    pipeline: &Pipeline,
    inputs: &HashMap<String, Input>,
    sketches: &[Sketch],
    aligned: Vec<(usize, usize, Via, f64, Vec<Aligned>)>,
) -> Vec<ReusePair> {
    let mut needed: Vec<usize> = aligned
        .iter()
        .filter(|x| !x.4.is_empty())
        .flat_map(|x| [x.0, x.1])
        .collect();
    needed.sort_unstable();
    needed.dedup();
    // Prepared files are large; keep one chunk at a time, pairs filled in as both sides come.
    let mut pairs: Vec<ReusePair> = aligned
        .iter()
        .map(|(i, j, via, jac, found)| ReusePair {
            kind: "pair",
            a: sketches[*i].file.clone(),
            b: sketches[*j].file.clone(),
            jaccard: super::round3(*jac),
            via: *via,
            coverage: super::Coverage {
                a_in_b: coverage(
                    found.iter().map(|x| x.a),
                    sketches[*i].content.chars().count(),
                ),
                b_in_a: coverage(
                    found.iter().map(|x| x.b),
                    sketches[*j].content.chars().count(),
                ),
            },
            passages: Vec::new(),
            index: (*i, *j),
        })
        .collect();
    // For each needed file: its side of every passage, as (pair index, passage index, side).
    let mut spans: HashMap<usize, Vec<(usize, usize, bool)>> = HashMap::new();
    for (k, (i, j, _, _, found)) in aligned.iter().enumerate() {
        for n in 0..found.len() {
            spans.entry(*i).or_default().push((k, n, true));
            spans.entry(*j).or_default().push((k, n, false));
        }
    }
    let mut halves: HashMap<(usize, usize), (Option<Half>, Option<Half>)> = HashMap::new();
    let chunk = (rayon::current_num_threads() * 8).max(8);
    for group in needed.chunks(chunk) {
        let located: Vec<Vec<HalfOf>> = group
            .par_iter()
            .map(|&f| {
                let Some(prep) = inputs
                    .get(&sketches[f].file)
                    .and_then(|inp| read(inp).ok())
                    .and_then(|b| pipeline.prepare(&b).ok())
                else {
                    return Vec::new();
                };
                let content = Content::new(prep.cleaned.body.as_str());
                let mut out = Vec::new();
                for &(k, n, is_a) in spans.get(&f).map(Vec::as_slice).unwrap_or(&[]) {
                    let x = &aligned[k].4[n];
                    let (s, e) = if is_a { x.a } else { x.b };
                    let r = content.text_range(s, e);
                    out.push((
                        (k, n),
                        is_a,
                        Half {
                            span: prep.span(r.clone()),
                            text: super::slice_chars(&prep.cleaned.body, r),
                        },
                    ));
                }
                out
            })
            .collect();
        for (key, is_a, half) in located.into_iter().flatten() {
            let e = halves.entry(key).or_default();
            if is_a {
                e.0 = Some(half);
            } else {
                e.1 = Some(half);
            }
        }
    }
    for (k, (_, _, _, _, found)) in aligned.iter().enumerate() {
        for (n, x) in found.iter().enumerate() {
            let Some((Some(ha), Some(hb))) = halves.remove(&(k, n)) else {
                continue; // a file changed on disk between the passes
            };
            pairs[k].passages.push(Passage {
                id: n + 1,
                length: x.a.1 - x.a.0,
                identity: super::round3(x.identity()),
                a: ha.span,
                b: hb.span,
                a_text: ha.text,
                b_text: hb.text,
            });
        }
    }
    pairs
}

struct Half {
    span: crate::span::Span,
    text: String,
}

/// One side of a passage: (pair index, passage index), whether it is A's side, and the side.
type HalfOf = ((usize, usize), bool, Half);

/// Connected components of the near-duplicate pairs, numbered from 1 in order of their first
/// file; files in each sorted by input order.
pub fn clusters(sketches: &[Sketch], pairs: &[ReusePair], threshold: f64) -> Vec<Cluster> {
    let mut parent: Vec<usize> = (0..sketches.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for p in pairs.iter().filter(|p| p.jaccard >= threshold) {
        let (ra, rb) = (root(&mut parent, p.index.0), root(&mut parent, p.index.1));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..sketches.len() {
        let r = root(&mut parent, i);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winnowing_keeps_a_fingerprint_of_every_window() {
        let h: Vec<u64> = (0..20u64).map(super::super::content::mix).collect();
        let f = winnow(&h, 4);
        assert!(!f.is_empty() && f.len() <= 17);
        // A shared run of w hashes shares at least one fingerprint.
        let g = winnow(&h[5..9], 4);
        assert!(g.iter().all(|x| f.contains(x)));
    }
}
