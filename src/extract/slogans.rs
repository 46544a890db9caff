//! Slogans and formulas (提法): quoted multi-clause slogans (照镜子、正衣冠、洗洗澡、治治病),
//! numeral-led formulas (四个一, 两为主, 三联三帮), and lexicon entries from
//! `dictionaries/slogans.tsv` wherever they occur. Canonical form: simplified, punctuation removed.

use super::expand;
use crate::dict::Dictionaries;
use crate::numeral;
use crate::scan::{self, CharSet};
use aho_corasick::automaton::Automaton;
use aho_corasick::{dfa, Anchored, MatchKind, PatternID, StartKind};
use serde::Serialize;
use std::collections::HashMap;
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
/// the entry each pattern belongs to and the chars a pattern can start with.
struct Lexicon {
    /// Leftmost-longest and anchored. It is walked a byte at a time over the text's chars,
    /// punctuation passed over, and stops where no pattern goes on: after a char or two at
    /// most starts, with no folded copy of the text to build first.
    dfa: dfa::DFA,
    owner: Vec<usize>,
    /// The chars a pattern can start with: the only places a match is tried.
    firsts: CharSet,
    /// COUNT of each entry that states one, by canonical form and by variant.
    counts: HashMap<String, u32>,
    /// MEMBERS of each entry that lists them, keyed like `counts`.
    members: HashMap<String, &'static [String]>,
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
        let mut counts = HashMap::new();
        for e in d.slogans.iter().filter(|e| e.count > 0) {
            for p in std::iter::once(&e.canonical).chain(&e.variants) {
                counts.insert(canonical(p), u32::try_from(e.count).unwrap_or(0));
            }
        }
        let mut members = HashMap::new();
        for e in d.slogans.iter().filter(|e| !e.members.is_empty()) {
            for p in std::iter::once(&e.canonical).chain(&e.variants) {
                members.insert(canonical(p), e.members.as_slice());
            }
        }
        let firsts: Vec<char> = pats.iter().filter_map(|p| p.chars().next()).collect();
        let firsts = CharSet::new(&firsts);
        let dfa = dfa::DFA::builder()
            .start_kind(StartKind::Anchored)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&pats)
            .unwrap_or_else(|e| panic!("slogan lexicon automaton: {e}"));
        Lexicon {
            dfa,
            owner,
            firsts,
            counts,
            members,
        }
    })
}

/// Extract slogans and emphasis terms from a document's text.
pub fn slogans(text: &str) -> (Vec<Slogan>, Vec<Term>) {
    let mut out: Vec<Slogan> = Vec::new();
    let mut terms = Vec::new();
    for (range, inner) in quoted(text) {
        let clauses = clauses(inner);
        // Speech, neither slogan nor term: a sentence ends inside (…。), or cries out or asks
        // (“有你们在，就安心！”), or trails off.
        let speech = inner.contains(['。', '！', '？', '!', '?', '…']);
        let n = inner.chars().count();
        let compact = clauses.len() >= 2
            && clauses
                .iter()
                .all(|c| c.chars().count() <= 5 && numeral_led(c));
        // 两不误、两促进 / 五有、四落实 (compact) and 四个一 (single): numeral formulas whose
        // members are counted by their numerals, not spelled out by their clauses.
        let single = clauses.len() == 1 && (n <= 10 && numeral_led(inner) || yi_led(inner));
        // A quoted day or idiom of a formula's shape (“五一”, “一石二鸟”) is still a quoted word.
        if (compact || single) && !names_no_formula(&canonical(inner)) {
            out.push(Slogan {
                text: text[range.clone()].to_owned(),
                canonical: canonical(inner),
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
    out.retain(|s| !names_no_formula(&s.canonical));
    merge_adjacent(text, &mut out);
    let counts = &lexicon().counts;
    for s in out.iter_mut().filter(|s| s.kind != "quoted") {
        // The lexicon knows what the numerals do not say: 一国两制 has two members, 五位一体 five.
        s.count = counts
            .get(&s.canonical)
            .copied()
            .or_else(|| expand::formula_count(&s.canonical));
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

/// Whether `item` shares two chars in a row with one of the `known` members (a 两个务必 item
/// is a member's whole clause, a 六个精准 item may add a gloss: 因村派人（第一书记）精准).
fn names_a_member(item: &str, known: &[String]) -> bool {
    let item = canonical(item);
    let bounds: Vec<usize> = item
        .char_indices()
        .map(|(i, _)| i)
        .chain([item.len()])
        .collect();
    let named = |piece: &str| known.iter().any(|m| m.contains(piece));
    match bounds.len() {
        0 | 1 => false,
        2 => named(&item),
        _ => bounds.windows(3).any(|w| named(&item[w[0]..w[2]])),
    }
}

/// A multi-clause quotation that is no formulation, by what stands around it
/// (`dictionaries/quote_cues.txt`): the name of a forum (“…”分论坛), a proverb (俗话说“…”),
/// speech opening with an obligation (他强调“要…，…”), a title with a colon, or a phrase that
/// qualifies a noun (“安全、可靠和值得信赖的”).
fn no_formulation(text: &str, range: &Range<usize>, inner: &str) -> bool {
    let cues = &Dictionaries::get().quote_cues;
    let before = &text[..range.start];
    let after = &text[range.end..];
    let near = &before[before.char_indices().rev().nth(11).map_or(0, |(i, _)| i)..];
    let said = before.trim_end_matches(['，', '：']);
    inner.contains('：')
        || inner.ends_with('的')
        || cues
            .name_after
            .iter()
            .any(|w| after.starts_with(w.as_str()))
        || cues.saying.iter().any(|w| near.contains(w.as_str()))
        || (cues.speech_verb.iter().any(|w| said.ends_with(w.as_str()))
            && cues
                .obligation
                .iter()
                .any(|w| inner.starts_with(w.as_str())))
}

/// “五一”假期, 三夏, 七一勋章: a day, a season or an honour (`dictionaries/not_slogans.txt`).
fn names_no_formula(canonical: &str) -> bool {
    let (exact, prefix) = &Dictionaries::get().not_slogans;
    exact.iter().any(|w| w == canonical) || prefix.iter().any(|w| canonical.starts_with(w.as_str()))
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// The clauses of a quotation: split at 、，； and at a space between two ideographs (照镜子
/// 正衣冠). A space beside Latin letters or digits (Beautiful Life, 自 2005年) separates words,
/// not clauses.
fn clauses(inner: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut prev = None;
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let split = match c {
            '、' | '，' | '；' => true,
            ' ' => prev.is_some_and(is_han) && chars.peek().is_some_and(|&(_, n)| is_han(n)),
            _ => false,
        };
        if split {
            out.push(inner[from..i].trim_matches(' '));
            from = i + c.len_utf8();
        }
        prev = Some(c);
    }
    out.push(inner[from..].trim_matches(' '));
    out.retain(|c| !c.is_empty());
    out
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

/// 一老一小, 一企一策, 一府两院, 一核两翼多点: a short quotation led by 一 with a numeral
/// further in, whose numerals count two members or more. Quoted idioms of that shape (一石二鸟,
/// 一对一) are listed in `dictionaries/not_slogans.txt`.
fn yi_led(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    chars.len() <= 8
        && chars.first() == Some(&'一')
        && chars
            .get(1)
            .is_some_and(|c| !numeral::is_cn_numeral_char(*c))
        && chars[2..]
            .iter()
            .any(|&c| "一两二三四五六七八九十".contains(c))
        && chars.iter().all(|&c| is_han(c))
        && expand::formula_count(s).is_some()
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
    // Members are content words: 和, 的, 个 … make prose (两国和两国人民, 两个和两个), and
    // ordinals and dates are citations (第二十三条第三项, 十三届三中全会, 五年五月).
    let is_member = |c: char| {
        is_han(c)
            && !numeral::is_cn_numeral_char(c)
            && !"和与及的是在了个第条款项章编节年月日届次号".contains(c)
    };
    // Resume scanning here after a match (the char after a formula is skipped, as a formula
    // cannot start right behind another one's last member).
    let mut resume = 0;
    for (start, n) in numerals.find_iter(text) {
        // 第三联三帮 or 十三届三中: part of a longer numeral or an ordinal.
        let before = text[..start].chars().next_back();
        if start < resume || before.is_some_and(|c| c == '第' || numeral::is_cn_numeral_char(c)) {
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
                || !w[1..j].iter().all(|&(_, c)| is_member(c))
                || k > len
                || !w[j + 1..k].iter().all(|&(_, c)| is_member(c))
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

/// The longest pattern of `dfa` that the punctuation-free text from byte `start` opens with,
/// and the byte where its last char ends in `text`: what an anchored leftmost-longest search
/// of the folded text reports.
fn longest_at(dfa: &dfa::DFA, text: &str, start: usize) -> Option<(PatternID, usize)> {
    let mut sid = dfa.start_state(Anchored::Yes).ok()?;
    let (mut folded, mut found) = (0, None);
    let mut buf = [0u8; 4];
    for (i, c) in text[start..].char_indices() {
        if is_fold_punct(c) {
            continue;
        }
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            sid = dfa.next_state(Anchored::Yes, sid, b);
            folded += 1;
            if dfa.is_special(sid) {
                if dfa.is_dead(sid) {
                    return found;
                }
                // A match state is entered at a pattern's last byte, so here at a char's end.
                // One reached by a pattern that starts later is no match of this search.
                if dfa.is_match(sid) {
                    let pattern = dfa.match_pattern(sid, 0);
                    if dfa.pattern_len(pattern) == folded {
                        found = Some((pattern, start + i + c.len_utf8()));
                    }
                }
            }
        }
    }
    found
}

/// Lexicon formulas found anywhere, matched on a punctuation-free view of the text so that
/// 两不误、两促进 meets the entry 两不误两促进. Matches are tried only at the positions holding
/// a pattern's first char (a numeral, or the first char of a variant: 不, 中, 党 …),
/// leftmost-longest and without overlaps as a scan of the whole folded text would find them.
/// Those first chars are common, so they are found by decoding every char.
fn lexicon_hits(text: &str, out: &mut Vec<Slogan>) {
    let lex = lexicon();
    let dicts = Dictionaries::get();
    let starts = lex.firsts.decode_iter(text).map(|(start, _)| start);
    let hits = scan::leftmost_matches(starts, |start| {
        let (pattern, end) = longest_at(&lex.dfa, text, start)?;
        Some(((start..end, pattern), end))
    });
    for (range, pattern) in hits {
        // 第八项规定, 第四种形态: an ordinal, not the formula.
        if text[..range.start].ends_with('第') {
            continue;
        }
        if out.iter().any(|o| {
            let c = core(text, &o.range);
            c.start <= range.start && range.end <= c.end
        }) {
            continue;
        }
        let e = &dicts.slogans[lex.owner[pattern.as_usize()]];
        let range = balance_quotes(text, range);
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

/// A lexicon hit matched through punctuation can cut a quotation in two (“三个代表”重要思想
/// matches from 三 on, “两不误”、“两促进” from 两 to 进): take in the quotation mark beside
/// the hit that closes or opens one inside it, so `text` reads as written.
fn balance_quotes(text: &str, r: Range<usize>) -> Range<usize> {
    let (mut depth, mut unopened) = (0usize, false);
    for c in text[r.clone()].chars() {
        match c {
            '“' => depth += 1,
            '”' if depth == 0 => unopened = true,
            '”' => depth -= 1,
            _ => {}
        }
    }
    let start = match text[..r.start].strip_suffix('“') {
        Some(before) if unopened => before.len(),
        _ => r.start,
    };
    let end = match text[r.end..].strip_prefix('”') {
        Some(_) if depth > 0 => r.end + '”'.len_utf8(),
        _ => r.end,
    };
    start..end
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

    /// The bug: a lexicon hit matched through punctuation began or ended inside a quotation
    /// (`三个代表”重要思想`, `两不误”、“两促进`).
    #[test]
    fn a_lexicon_hit_takes_in_the_quotation_marks_it_cuts() {
        let texts = |s: &str| -> Vec<String> { slogans(s).0.into_iter().map(|s| s.text).collect() };
        assert_eq!(
            texts("践行“三个代表”重要思想。"),
            vec!["“三个代表”重要思想"]
        );
        assert_eq!(
            texts("做到活动和工作“两不误”、“两促进”。"),
            vec!["“两不误”、“两促进”"]
        );
        assert_eq!(texts("坚持一国两制方针"), vec!["一国两制"]);
    }

    /// The bugs of the quoted-slogan review: forum names, proverbs, speech opening with an
    /// obligation, titles with a colon and qualifying phrases were quoted slogans.
    #[test]
    fn names_sayings_and_speech_are_no_quoted_slogans() {
        for s in [
            "举办“践行企业社会责任 合作推进产业链可持续发展”分论坛。",
            "俗话说“立春到，万物生”。",
            "他强调“要调动农民种粮积极性，稳定和加强种粮农民补贴”。",
            "举办“春天里的中国：中国发展，世界机遇”全球对话会。",
            "打造“安全、可靠和值得信赖的”伙伴。",
        ] {
            assert!(slogans(s).0.is_empty(), "{s}");
        }
        assert_eq!(
            canon("他强调“在发展中保护，在保护中发展”。"),
            ["在发展中保护在保护中发展"]
        );
        assert_eq!(
            canon("开展“不忘初心、牢记使命”主题教育。"),
            ["不忘初心牢记使命"]
        );
    }

    /// The bug: a list beside a formula whose members the lexicon knows was taken for them
    /// (泰国、印尼等“一带一路”沿线国家 gave 一带一路 the members 泰国 and 印尼).
    #[test]
    fn a_list_that_names_no_lexicon_member_is_no_expansion() {
        let items =
            |s: &str| -> Vec<Vec<String>> { slogans(s).0.into_iter().map(|s| s.items).collect() };
        assert_eq!(
            items("自泰国、印尼等“一带一路”沿线国家进口"),
            [Vec::<String>::new()]
        );
        assert_eq!(
            items("推动“两新”（即大规模设备更新、消费品以旧换新）落地"),
            [["大规模设备更新", "消费品以旧换新"]]
        );
    }

    /// The bugs of the shared-corpus review: quoted English and a word split at spaces, a
    /// cry quoted from a speech, holidays and seasons, legal citations and ordinals.
    #[test]
    fn quoted_speech_dates_and_citations_are_not_slogans() {
        assert!(canon("称为“Beautiful Life”和“Band Three”，“自 2005年 ”以来").is_empty());
        let (s, t) = slogans("群众说：“有你们在，就安心！”");
        assert!(s.is_empty() && t.is_empty());
        assert!(canon("“五一”假期，“三八”国际妇女节，“三夏”大忙，获“七一勋章”").is_empty());
        // The bug: such words were dropped from terms as well, though a quoted idiom is the
        // emphasis a term records.
        let (_, t) = slogans("过好“五一”假期，避免“一石二鸟”。");
        let t: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(t, ["五一", "一石二鸟"]);
        assert!(canon("依第二十三条第三项规定，民盟十三届三中全会，第八项规定").is_empty());
        // A space between ideographs still parts clauses, and the clauses are the items.
        let (s, _) = slogans("坚持“大市场 小政府 ”");
        assert_eq!(s[0].items, vec!["大市场", "小政府"]);
        // An exact entry leaves longer formulas alone: 十一 is a holiday, 十一五 a plan.
        assert_eq!(canon("“十一”期间，“十一五”规划"), vec!["十一五"]);
    }

    /// The bug: the lexicon's COUNT was ignored, and the numerals summed: 一国两制 counted 3,
    /// 五位一体 6; 十四五 counted 19 members.
    #[test]
    fn counts_come_from_the_lexicon_and_plans_count_none() {
        let (s, _) = slogans("坚持“一国两制”，统筹推进“五位一体”总体布局，编制“十四五”规划。");
        let counts: Vec<(&str, Option<u32>)> =
            s.iter().map(|s| (s.canonical.as_str(), s.count)).collect();
        assert_eq!(
            counts,
            vec![
                ("一国两制", Some(2)),
                ("五位一体", Some(5)),
                ("十四五", None)
            ]
        );
    }

    /// The bug: quoted formulas led by 一 (一老一小, 一企一策, 一府两院) were emphasis terms.
    #[test]
    fn quoted_formulas_led_by_yi() {
        let (s, _) =
            slogans("做好“一老一小”服务，推行“一企一策”，监督“一府两院”，防止“一石二鸟”。");
        let got: Vec<(&str, Option<u32>)> =
            s.iter().map(|s| (s.canonical.as_str(), s.count)).collect();
        assert_eq!(
            got,
            vec![
                ("一老一小", Some(2)),
                ("一企一策", Some(2)),
                ("一府两院", Some(3))
            ]
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

    /// The walk must report what the anchored leftmost-longest search of the folded text
    /// (the punctuation-free copy it replaced) reports, at every start.
    #[test]
    fn dfa_walk_is_the_anchored_search_of_the_folded_text() {
        let pats = [
            "两不误两促进",
            "两不误",
            "两学一做",
            "两学一做学习教育",
            "一岗双责",
            "中国梦想",
            "一二",
        ];
        let dfa = dfa::DFA::builder()
            .start_kind(StartKind::Anchored)
            .match_kind(MatchKind::LeftmostLongest)
            .build(pats)
            .unwrap();
        let ac = aho_corasick::AhoCorasick::builder()
            .start_kind(StartKind::Anchored)
            .match_kind(MatchKind::LeftmostLongest)
            .build(pats)
            .unwrap();
        let text =
            "“两不误、两促进”，两不误。两学 一做学习、教育；一岗，双责中国梦，一二三两学一做";
        for (start, _) in text.char_indices() {
            let mut folded = String::new();
            let mut ends = Vec::new();
            for (i, c) in text[start..]
                .char_indices()
                .filter(|&(_, c)| !is_fold_punct(c))
            {
                folded.push(c);
                ends.extend(std::iter::repeat_n(start + i + c.len_utf8(), c.len_utf8()));
            }
            let input = aho_corasick::Input::new(&folded).anchored(Anchored::Yes);
            let want = ac.find(input).map(|m| (m.pattern(), ends[m.end() - 1]));
            assert_eq!(longest_at(&dfa, text, start), want, "at {start}");
        }
        let at = text.find("两学 一做").unwrap();
        assert_eq!(
            longest_at(&dfa, text, at).map(|(p, _)| p.as_usize()),
            Some(3)
        );
    }
}
