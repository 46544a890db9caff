//! What two records say differently: slogans (by `canonical`), requirements (paired by outline
//! position and text similarity) and metrics (values that differ for the same noun). Reads
//! `FileRecord`s only; the text alignment is `align`'s job.

use super::content::is_content;
use super::round3;
use crate::record::FileRecord;
use crate::span::Span;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Distinct slogans (by canonical form) in both, only in A, only in B; each sorted.
#[derive(Debug, Clone, Serialize, Default)]
pub struct SloganDiff {
    pub shared: Vec<String>,
    pub only_a: Vec<String>,
    pub only_b: Vec<String>,
}

pub fn slogans(a: &FileRecord, b: &FileRecord) -> SloganDiff {
    let set = |r: &FileRecord| -> BTreeSet<String> {
        r.documents
            .iter()
            .flat_map(|d| d.slogans.iter().map(|s| s.item.canonical.clone()))
            .collect()
    };
    let (sa, sb) = (set(a), set(b));
    SloganDiff {
        shared: sa.intersection(&sb).cloned().collect(),
        only_a: sa.difference(&sb).cloned().collect(),
        only_b: sb.difference(&sa).cloned().collect(),
    }
}

/// One requirement as the comparison shows it.
#[derive(Debug, Clone, Serialize)]
pub struct RequirementSide {
    pub actor: String,
    pub modality: String,
    pub text: String,
    pub path: Vec<u32>,
    pub span: Span,
}

/// A requirement of A paired with one of B, or left alone on one side.
#[derive(Debug, Clone, Serialize)]
pub struct RequirementPair {
    /// `same` (actor, modality and text equal), `changed`, `removed` (only in A) or `added`
    /// (only in B): read as the change from A to B.
    pub status: &'static str,
    /// Bigram Dice similarity of the two texts (content chars); 0 when unpaired.
    pub similarity: f64,
    pub a: Option<RequirementSide>,
    pub b: Option<RequirementSide>,
}

/// Pairs below this similarity are not the same requirement.
const PAIR_SIMILARITY: f64 = 0.5;
/// Being at the same outline position breaks ties between equally similar candidates.
const SAME_PATH_BONUS: f64 = 0.1;

pub fn requirements(a: &FileRecord, b: &FileRecord) -> Vec<RequirementPair> {
    let side = |r: &FileRecord| -> Vec<RequirementSide> {
        r.documents
            .iter()
            .flat_map(|d| d.requirements.iter())
            .map(|r| RequirementSide {
                actor: r.item.actor.to_owned(),
                modality: r.item.modality.to_owned(),
                text: r.item.text.clone(),
                path: r.item.path.to_vec(),
                span: r.span,
            })
            .collect()
    };
    let (ra, rb) = (side(a), side(b));
    let ga: Vec<Vec<u64>> = ra.iter().map(|r| bigrams(&r.text)).collect();
    let gb: Vec<Vec<u64>> = rb.iter().map(|r| bigrams(&r.text)).collect();
    // All pairs similar enough, best first; each requirement joins at most one pair.
    let mut cands: Vec<(f64, f64, usize, usize)> = Vec::new();
    for (i, x) in ga.iter().enumerate() {
        for (j, y) in gb.iter().enumerate() {
            let sim = dice(x, y);
            if sim >= PAIR_SIMILARITY {
                let bonus = if !ra[i].path.is_empty() && ra[i].path == rb[j].path {
                    SAME_PATH_BONUS
                } else {
                    0.0
                };
                cands.push((sim + bonus, sim, i, j));
            }
        }
    }
    cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.2.cmp(&y.2)).then(x.3.cmp(&y.3)));
    let (mut used_a, mut used_b) = (vec![false; ra.len()], vec![false; rb.len()]);
    let mut pair_of_a: Vec<Option<(usize, f64)>> = vec![None; ra.len()];
    for (_, sim, i, j) in cands {
        if !used_a[i] && !used_b[j] {
            used_a[i] = true;
            used_b[j] = true;
            pair_of_a[i] = Some((j, sim));
        }
    }
    let mut out = Vec::new();
    for (i, x) in ra.iter().enumerate() {
        match pair_of_a[i] {
            Some((j, sim)) => {
                let y = &rb[j];
                let same = x.text == y.text && x.actor == y.actor && x.modality == y.modality;
                out.push(RequirementPair {
                    status: if same { "same" } else { "changed" },
                    similarity: round3(sim),
                    a: Some(x.clone()),
                    b: Some(y.clone()),
                });
            }
            None => out.push(RequirementPair {
                status: "removed",
                similarity: 0.0,
                a: Some(x.clone()),
                b: None,
            }),
        }
    }
    for (j, y) in rb.iter().enumerate().filter(|(j, _)| !used_b[*j]) {
        let _ = j;
        out.push(RequirementPair {
            status: "added",
            similarity: 0.0,
            a: None,
            b: Some(y.clone()),
        });
    }
    out
}

/// Sorted distinct char bigrams of a text's content chars, as 64-bit keys.
fn bigrams(text: &str) -> Vec<u64> {
    let chars: Vec<char> = text.chars().filter(|&c| is_content(c)).collect();
    let mut v: Vec<u64> = chars
        .windows(2)
        .map(|w| ((w[0] as u64) << 32) | w[1] as u64)
        .collect();
    if v.is_empty() {
        v.extend(chars.first().map(|&c| c as u64));
    }
    v.sort_unstable();
    v.dedup();
    v
}

/// Dice coefficient of two sorted sets.
fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let inter = super::minhash::intersection_len(a, b);
    2.0 * inter as f64 / (a.len() + b.len()) as f64
}

/// Metrics about the same noun (and unit) whose values differ between A and B.
#[derive(Debug, Clone, Serialize)]
pub struct MetricDiff {
    pub noun: String,
    pub unit: String,
    /// The quantities as written, distinct, in text order.
    pub a: Vec<String>,
    pub b: Vec<String>,
}

pub fn metrics(a: &FileRecord, b: &FileRecord) -> Vec<MetricDiff> {
    type Values = BTreeMap<(String, String), (Vec<String>, BTreeSet<String>)>;
    let collect = |r: &FileRecord| -> Values {
        let mut m: Values = BTreeMap::new();
        for x in r.documents.iter().flat_map(|d| d.metrics.iter()) {
            if x.item.noun.is_empty() {
                continue;
            }
            let e = m
                .entry((x.item.noun.clone(), x.item.unit.clone()))
                .or_default();
            let value = match x.item.max {
                Some(max) => format!("{}-{}", x.item.value, max),
                None => format!("{}", x.item.value),
            };
            if e.1.insert(value) {
                e.0.push(x.item.text.clone());
            }
        }
        m
    };
    let (ma, mb) = (collect(a), collect(b));
    ma.iter()
        .filter_map(|(k, (ta, va))| {
            let (tb, vb) = mb.get(k)?;
            (va != vb).then(|| MetricDiff {
                noun: k.0.clone(),
                unit: k.1.clone(),
                a: ta.clone(),
                b: tb.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dice_of_near_texts_is_high() {
        let a = bigrams("各级党组织要把学习贯彻作为重大政治任务");
        let b = bigrams("各级党组织要把学习贯彻作为首要政治任务");
        let c = bigrams("今年全县粮食产量稳定增长");
        assert!(dice(&a, &b) > 0.7);
        assert!(dice(&a, &c) < 0.1);
        assert_eq!(dice(&a, &a), 1.0);
    }
}
