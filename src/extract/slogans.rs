//! Slogans and formulas (提法): quoted multi-clause slogans (照镜子、正衣冠、洗洗澡、治治病),
//! numeral-led formulas (四个一, 两为主, 三联三帮), and lexicon entries from
//! `dictionaries/slogans.tsv` wherever they occur. Canonical form: simplified, punctuation removed.

use super::expand;
use crate::dict::Dictionaries;
use crate::numeral;
use crate::scan::CharSet;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, StartKind};
use serde::Serialize;
use std::ops::Range;
use std::sync::OnceLock;

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

/// The lexicon's formula entries as an anchored automaton over punctuation-free text, with
/// the entry each pattern belongs to, the chars a pattern can start with, and the longest
/// pattern in chars.
struct Lexicon {
    ac: AhoCorasick,
    owner: Vec<usize>,
    /// The chars a pattern can start with: the only places a match is tried.
    firsts: CharSet,
    /// The first two chars of every pattern, packed and sorted: 一 opens many patterns and
    /// much prose, so a start is tried only when the next char fits too.
    pairs: Vec<u64>,
    max_chars: usize,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let d = Dictionaries::get();
        let mut pats = Vec::new();
        let mut owner = Vec::new();
        for (i, e) in d.slogans.iter().enumerate() {
            // The guide counts unquoted prose only when it is a numeral formula (两不误,
            // 三个代表); a quoted lexicon slogan is already found by the quote rule.
            if expand::formula_count(&e.canonical).is_none() {
                continue;
            }
            for p in std::iter::once(&e.canonical).chain(&e.variants) {
                let c = canonical(p);
                // Two-char entries (四风, 三讲) are found only as formulas in text; as bare
                // substrings they would fire inside ordinary words.
                if c.chars().count() >= 3 {
                    pats.push(c);
                    owner.push(i);
                }
            }
        }
        let firsts: Vec<char> = pats.iter().filter_map(|p| p.chars().next()).collect();
        let firsts = CharSet::new(&firsts);
        let max_chars = pats.iter().map(|p| p.chars().count()).max().unwrap_or(0);
        let mut pairs: Vec<u64> = pats
            .iter()
            .filter_map(|p| {
                let mut cs = p.chars();
                Some(pair_key(cs.next()?, cs.next()?))
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let ac = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .start_kind(StartKind::Anchored)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&pats)
            .unwrap_or_else(|e| panic!("slogan lexicon automaton: {e}"));
        Lexicon {
            ac,
            owner,
            firsts,
            pairs,
            max_chars,
        }
    })
}

/// Extract slogans and emphasis terms from a document's text.
pub fn slogans(text: &str) -> (Vec<Slogan>, Vec<Term>) {
    let mut out: Vec<Slogan> = Vec::new();
    let mut terms = Vec::new();
    for (range, inner) in quoted(text) {
        let clauses: Vec<&str> = inner
            .split(['、', '，', '；', ' '])
            .filter(|c| !c.is_empty())
            .collect();
        let n = inner.chars().count();
        let compact = clauses.len() >= 2
            && clauses
                .iter()
                .all(|c| c.chars().count() <= 5 && numeral_led(c));
        // 两不误、两促进 / 五有、四落实 (compact) and 四个一 (single): numeral formulas whose
        // members are counted by their numerals, not spelled out by their clauses.
        let single = clauses.len() == 1 && n <= 10 && numeral_led(inner);
        if compact || single {
            out.push(Slogan {
                text: text[range.clone()].to_owned(),
                canonical: canonical(inner),
                items: Vec::new(),
                count: None,
                kind: "formula",
                range,
            });
        } else if clauses.len() >= 2
            && clauses.iter().all(|c| c.chars().count() <= 14)
            && n <= 60
            && !inner.contains('。')
        {
            out.push(Slogan {
                text: text[range.clone()].to_owned(),
                canonical: canonical(inner),
                items: clauses.iter().map(|c| c.to_string()).collect(),
                count: None,
                kind: "quoted",
                range,
            });
        } else if n <= 12 {
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
    merge_adjacent(text, &mut out);
    for s in out.iter_mut().filter(|s| s.kind != "quoted") {
        s.count = expand::formula_count(&s.canonical);
        if let Some(n) = s.count {
            s.items = expand::expansion(text, &s.range, n);
        }
    }
    out.sort_by_key(|s| (s.range.start, s.range.end));
    (out, terms)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// “…” spans with their inner text (nesting ignored; unbalanced quotes skipped).
fn quoted(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut open: Option<usize> = None;
    // “ and ” are E2 80 9C and E2 80 9D. A lead byte never occurs inside another char's
    // encoding (continuation bytes are 0x80..=0xBF), so every E2 or newline found starts a
    // char, and its next two bytes say whether that char is a quotation mark.
    for i in memchr::memchr2_iter(b'\n', 0xE2, bytes) {
        let mark = match bytes.get(i..i + 3) {
            Some([0xE2, 0x80, 0x9C]) => '“',
            Some([0xE2, 0x80, 0x9D]) => '”',
            _ if bytes[i] == b'\n' => '\n',
            _ => continue,
        };
        match mark {
            '“' => open = Some(i),
            '”' => {
                if let Some(s) = open.take() {
                    let inner = &text[s + '“'.len_utf8()..i];
                    if !inner.is_empty() && !inner.contains('\n') {
                        out.push((s..i + '”'.len_utf8(), inner));
                    }
                }
            }
            '\n' => open = None,
            _ => {}
        }
    }
    out
}

/// 四个一, 两为主, 五有: starts with a numeral ≥ 2 (or 一 followed by a measure and more).
fn numeral_led(s: &str) -> bool {
    let mut cs = s.chars();
    let Some(first) = cs.next() else { return false };
    let second = cs.next();
    matches!(
        first,
        // 百/千 lead idioms (千人一面, 百花齐放) far more often than formulas.
        '两' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    ) && second.is_some_and(|c| !c.is_ascii_digit())
        && s.chars().count() >= 2
}

/// Unquoted N-A-N-B formulas: 三联三帮, 两服务两提高, 三评比三促进, 四开展四深化.
fn repeated_numeral_formulas(text: &str) -> Vec<(Range<usize>, String)> {
    static NUMERALS: OnceLock<CharSet> = OnceLock::new();
    let numerals =
        NUMERALS.get_or_init(|| CharSet::new(&['两', '三', '四', '五', '六', '七', '八', '九']));
    let mut out = Vec::new();
    // Members are content words: 和, 的, 个 … make prose (两国和两国人民, 两个和两个).
    let is_han = |c: char| {
        ('\u{4E00}'..='\u{9FFF}').contains(&c)
            && !numeral::is_cn_numeral_char(c)
            && !"和与及的是在了个".contains(c)
    };
    // Resume scanning here after a match (the char after a formula is skipped, as a formula
    // cannot start right behind another one's last member).
    let mut resume = 0;
    for (start, n) in numerals.find_iter(text) {
        if start < resume {
            continue;
        }
        // The numeral and the six chars after it hold the longest shape (N-AA-N-BB).
        let mut w = [(0usize, '\0'); 7];
        let mut len = 0;
        for (k, c) in text[start..].char_indices().take(7) {
            w[len] = (start + k, c);
            len += 1;
        }
        let w = &w[..len];
        for a in 1..=2 {
            let j = 1 + a;
            let k = j + 1 + a;
            // Same shape on both sides keeps prose like 三个三个 out.
            if w.get(j).is_none_or(|&(_, c)| c != n)
                || !w[1..j].iter().all(|&(_, c)| is_han(c))
                || k > len
                || !w[j + 1..k].iter().all(|&(_, c)| is_han(c))
            {
                continue;
            }
            let end = w
                .get(k)
                .map_or_else(|| w[k - 1].0 + w[k - 1].1.len_utf8(), |&(p, _)| p);
            out.push((start..end, text[start..end].to_owned()));
            resume = w
                .get(k)
                .map(|&(p, c)| p + c.len_utf8())
                .unwrap_or(text.len());
            break;
        }
    }
    out
}

/// A range without its enclosing quotation marks.
fn core(text: &str, r: &Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = if s.starts_with('“') {
        '“'.len_utf8()
    } else {
        0
    };
    let trail = if s.ends_with('”') && s.len() > lead {
        '”'.len_utf8()
    } else {
        0
    };
    r.start + lead..r.end - trail
}

/// Numeral formulas written side by side (两手抓、两不误、两促进 or “两不误”、“两促进”) are one
/// formula, as written.
fn merge_adjacent(text: &str, out: &mut Vec<Slogan>) {
    out.sort_by_key(|s| (s.range.start, s.range.end));
    let mut merged: Vec<Slogan> = Vec::with_capacity(out.len());
    for s in out.drain(..) {
        if let Some(prev) = merged.last_mut() {
            let gap = text.get(prev.range.end..s.range.start).unwrap_or("x");
            let joinable = !gap.is_empty() && gap.chars().all(|c| matches!(c, '、' | '“' | '”'))
                || gap.is_empty() && prev.range.end == s.range.start;
            // Parallel halves share numeral and shape (两不误、两促进); a series of different
            // formulas (“四风”、“两问题”, “三讲”、“三个代表”) stays apart.
            let parallel = parallel_halves(&prev.canonical, &s.canonical);
            let formulas = prev.kind != "quoted"
                && s.kind != "quoted"
                && parallel
                && expand::formula_count(&prev.canonical).is_some()
                && expand::formula_count(&s.canonical).is_some();
            if joinable && formulas && gap.contains('、') {
                let range = prev.range.start..s.range.end;
                prev.canonical = canonical(&text[range.clone()]);
                prev.text = text[range.clone()].to_owned();
                prev.kind = "formula";
                prev.range = range;
                continue;
            }
        }
        merged.push(s);
    }
    *out = merged;
}

/// Do `a` and `b` split into equal chunks that all open with the same numeral?
fn parallel_halves(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let unit = a.len().min(b.len());
    if unit < 2 || a.len() % unit != 0 || b.len() % unit != 0 {
        return false;
    }
    let lead = a[0];
    a.chunks(unit).chain(b.chunks(unit)).all(|c| c[0] == lead)
}

fn pair_key(a: char, b: char) -> u64 {
    (u64::from(u32::from(a)) << 32) | u64::from(u32::from(b))
}

/// Lexicon formulas found anywhere, matched on a punctuation-free view of the text so that
/// 两不误、两促进 meets the entry 两不误两促进. Every entry opens with a numeral, so only the
/// few positions holding a pattern's first char are folded and tried, leftmost-longest and
/// without overlaps as a scan of the whole folded text would find them.
fn lexicon_hits(text: &str, out: &mut Vec<Slogan>) {
    let lex = lexicon();
    let dicts = Dictionaries::get();
    let mut folded = String::with_capacity(lex.max_chars * 4);
    // For each folded byte, the text byte it came from.
    let mut pos: Vec<usize> = Vec::with_capacity(lex.max_chars * 4);
    let mut at = 0;
    for (start, first) in lex.firsts.find_iter(text) {
        // Starts inside the previous match are passed over, as a search resuming at its end.
        if start < at {
            continue;
        }
        let first_len = first.len_utf8();
        let mut rest = text[start..].chars().filter(|&c| !is_fold_punct(c));
        let fits = match (rest.next(), rest.next()) {
            (Some(a), Some(b)) => lex.pairs.binary_search(&pair_key(a, b)).is_ok(),
            _ => false,
        };
        if !fits {
            at = start + first_len;
            continue;
        }
        folded.clear();
        pos.clear();
        for (i, c) in text[start..]
            .char_indices()
            .filter(|&(_, c)| !is_fold_punct(c))
            .take(lex.max_chars)
        {
            pos.extend(std::iter::repeat_n(start + i, c.len_utf8()));
            folded.push(c);
        }
        let input = aho_corasick::Input::new(&folded).anchored(aho_corasick::Anchored::Yes);
        let Some(m) = lex.ac.find(input) else {
            at = start + text[start..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let last = pos[m.end() - 1];
        let end = last + text[last..].chars().next().map_or(0, char::len_utf8);
        at = end;
        let range = start..end;
        if out.iter().any(|o| {
            let c = core(text, &o.range);
            c.start <= range.start && range.end <= c.end
        }) {
            continue;
        }
        let e = &dicts.slogans[lex.owner[m.pattern().as_usize()]];
        out.retain(|o| {
            let c = core(text, &o.range);
            !(range.start <= c.start && c.end <= range.end)
        });
        out.push(Slogan {
            text: text[range.clone()].to_owned(),
            canonical: e.canonical.clone(),
            items: Vec::new(),
            count: None,
            kind: "lexicon",
            range,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> Vec<String> {
        slogans(s).0.into_iter().map(|s| s.canonical).collect()
    }

    #[test]
    fn quoted_multi_clause_and_numeral_formulas() {
        let got =
            canon("按照“照镜子、正衣冠、洗洗澡、治治病”的总要求，做到“四个一”，坚持“两为主”。");
        assert_eq!(got, vec!["照镜子正衣冠洗洗澡治治病", "四个一", "两为主"]);
    }

    #[test]
    fn emphasis_words_are_terms_not_slogans() {
        let (s, t) = slogans("迅速进入“角色”，抓住“牛鼻子”。");
        assert!(s.is_empty());
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn repeated_numeral_formulas_unquoted() {
        let got = canon("开展三联三帮活动，实现两服务两提高。");
        assert_eq!(got, vec!["三联三帮", "两服务两提高"]);
        // Function words make prose of the same shape.
        assert!(canon("造福两国和两国人民，两个和两个相加。").is_empty());
    }

    #[test]
    fn side_by_side_formulas_are_one_and_idioms_are_not_formulas() {
        assert_eq!(
            canon("确保两手抓、两不误、两促进。"),
            vec!["两手抓两不误两促进"]
        );
        assert_eq!(
            canon("确保活动和工作“两不误”、“两促进”。"),
            vec!["两不误两促进"]
        );
        assert!(canon("防止“千人一面”。").is_empty());
        assert_eq!(
            canon("解决“四风”、“两问题”，在“三讲”、“三个代表”重要思想中"),
            vec!["四风", "两问题", "三讲", "三个代表"]
        );
    }

    #[test]
    fn unquoted_prose_from_the_lexicon_needs_a_numeral() {
        assert!(canon("开展以为民务实清廉为主要内容的活动。").is_empty());
    }

    #[test]
    fn lexicon_matches_across_punctuation() {
        let got = canon("坚持工作学习两不误、两促进，践行三个代表重要思想。");
        assert!(got.contains(&"两不误两促进".to_owned()), "{got:?}");
        assert!(got.contains(&"三个代表".to_owned()), "{got:?}");
    }
}
