//! Slogans and formulas (提法): quoted multi-clause slogans (照镜子、正衣冠、洗洗澡、治治病),
//! numeral-led formulas (四个一, 两为主, 三联三帮), and lexicon entries from
//! `dictionaries/slogans.tsv` wherever they occur. Canonical form: simplified, punctuation removed.
//!
//! This module ties the parts together and owns the canonical form; each part does one job:
//! `quoted` (quotations and their clauses), `formulas` (numeral formulas, side-by-side ones
//! merged), `lexicon` (entries of `dictionaries/slogans.tsv` found through punctuation).

mod formulas;
mod lexicon;
mod quoted;

use super::expand;
use formulas::{
    counts_no_members, merge_adjacent, names_a_product, names_no_formula, numeral_led,
    repeated_numeral_formulas, yi_led,
};
use lexicon::{lexicon, lexicon_hits, names_a_member};
use quoted::{clauses, names_a_brand, no_formulation, quoted};
use serde::Serialize;
use std::ops::Range;

#[derive(Debug, Clone, Serialize)]
pub struct Slogan {
    /// As written, quotation marks included when present.
    pub text: String,
    pub canonical: String,
    /// Members, when the slogan spells them out (its clauses) or the lexicon fixes them.
    pub items: Vec<String>,
    /// The member count a numeral formula announces (四个库 → 4, 五有、四落实 → 9).
    pub count: Option<u32>,
    /// quoted | formula | lexicon
    pub kind: &'static str,
    #[serde(skip)]
    pub range: Range<usize>,
}

/// A single quoted word or phrase used for emphasis (“快”, “牛鼻子”): kept apart from slogans.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub text: String,
    #[serde(skip)]
    pub range: Range<usize>,
}

/// Punctuation, quotes and spaces: removed by canonicalization.
pub fn is_fold_punct(c: char) -> bool {
    // Most chars asked about are ideographs: answer those before the Unicode whitespace table.
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return false;
    }
    c.is_ascii_punctuation()
        || c.is_whitespace()
        || matches!(
            c,
            '，' | '。'
                | '、'
                | '；'
                | '：'
                | '？'
                | '！'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '（'
                | '）'
                | '《'
                | '》'
                | '〈'
                | '〉'
                | '【'
                | '】'
                | '「'
                | '」'
                | '『'
                | '』'
                | '…'
                | '—'
                | '·'
                | '～'
                | '\u{3000}'
        )
}

pub fn canonical(s: &str) -> String {
    s.chars().filter(|&c| !is_fold_punct(c)).collect()
}
/// Extract slogans and emphasis terms from a document's text.
pub fn slogans(text: &str) -> (Vec<Slogan>, Vec<Term>) {
    let mut out: Vec<Slogan> = Vec::new();
    let mut terms = Vec::new();
    for (range, inner) in quoted(text) {
        let clauses = clauses(inner);
        // Speech, neither slogan nor term: a sentence ends inside (…。), or cries out or asks
        // (“有你们在，就安心！”), or trails off (…, or a clause mark last: “…被忽视；”).
        let speech = inner.contains(['。', '！', '？', '!', '?', '…'])
            || inner.trim_end().ends_with(['，', '；', '：', '、']);
        let n = inner.chars().count();
        let compact = clauses.len() >= 2
            && clauses
                .iter()
                .all(|c| c.chars().count() <= 5 && numeral_led(c));
        // 两不误、两促进 / 五有、四落实 (compact) and 四个一 (single): numeral formulas whose
        // members are counted by their numerals, not spelled out by their clauses.
        let single = clauses.len() == 1 && (n <= 10 && numeral_led(inner) || yi_led(inner));
        // A quoted day, idiom, product or brand of a formula's shape (“五一”, “一石二鸟”,
        // “九章四号”, “三秦四季”等品牌) is still a quoted word.
        let c = canonical(inner);
        if (compact || single)
            && !names_no_formula(&c)
            && !names_a_product(&c)
            && !names_a_brand(text, &range)
        {
            out.push(Slogan {
                text: text[range.clone()].to_owned(),
                canonical: c,
                items: Vec::new(),
                count: None,
                kind: "formula",
                range,
            });
        } else if clauses.len() >= 2
            && clauses
                .iter()
                .all(|c| c.chars().count() <= 14 && c.chars().any(is_han))
            && n <= 60
            && !speech
            && !no_formulation(text, &range, inner)
        {
            out.push(Slogan {
                text: text[range.clone()].to_owned(),
                canonical: canonical(inner),
                items: clauses.iter().map(|c| c.to_string()).collect(),
                count: None,
                kind: "quoted",
                range,
            });
        } else if n <= 12 && !speech {
            terms.push(Term {
                text: inner.to_owned(),
                range,
            });
        }
    }
    for (range, s) in repeated_numeral_formulas(text) {
        if !out.iter().any(|o| overlaps(&o.range, &range)) {
            out.push(Slogan {
                canonical: canonical(&s),
                text: s,
                items: Vec::new(),
                count: None,
                kind: "formula",
                range,
            });
        }
    }
    lexicon_hits(text, &mut out);
    // A quoted multi-clause slogan may end in a figure (“下30、跨90”): no product name.
    out.retain(|s| {
        !names_no_formula(&s.canonical) && (s.kind == "quoted" || !names_a_product(&s.canonical))
    });
    merge_adjacent(text, &mut out);
    let counts = &lexicon().counts;
    for s in out.iter_mut().filter(|s| s.kind != "quoted") {
        // The lexicon knows what the numerals do not say: 一国两制 has two members, 五位一体 five;
        // 一企一策 and 一年拦洪两年建成 have none to count.
        s.count = counts.get(&s.canonical).copied().or_else(|| {
            expand::formula_count(&s.canonical).filter(|_| !counts_no_members(&s.canonical))
        });
        if let Some(n) = s.count {
            s.items = expand::expansion(text, &s.range, n);
        }
        // A list beside a formula whose members the lexicon knows is something else when it
        // does not name them: 泰国、印尼等“一带一路”沿线国家, 粮食安全、种业振兴等“三农”问题.
        if let Some(known) = lexicon().members.get(&s.canonical) {
            if !s.items.iter().all(|i| names_a_member(i, known)) {
                s.items.clear();
            }
        }
    }
    out.sort_by_key(|s| (s.range.start, s.range.end));
    (out, terms)
}
fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests;
