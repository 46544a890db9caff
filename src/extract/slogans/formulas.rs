//! Numeral formulas (四个一, 两为主, 一老一小, 三联三帮): their shapes, the unquoted repeated
//! ones, the names, idioms and counts of that shape that are none (days and honours of
//! `dictionaries/not_slogans.txt`, products, streaks, ratios), the ones whose numerals count no
//! members (`dictionaries/no_members.txt`), and side-by-side formulas merged into one.

use super::lexicon::lexicon;
use super::{canonical, is_han, Slogan};
use crate::dict::Dictionaries;
use crate::extract::expand;
use crate::numeral;
use crate::scan::CharSet;
use std::ops::Range;
use std::sync::OnceLock;

/// “五一”假期, 三夏, 七一勋章, 两弹元勋: a day, a season or an honour
/// (`dictionaries/not_slogans.txt`), or a streak that is no entry of the lexicon.
pub(super) fn names_no_formula(canonical: &str) -> bool {
    let no = &Dictionaries::get().not_slogans;
    no.exact.iter().any(|w| w == canonical)
        || no.prefix.iter().any(|w| canonical.starts_with(w.as_str()))
        || no.suffix.iter().any(|w| canonical.ends_with(w.as_str()))
        || streak(canonical) && !lexicon().lists(canonical)
        || ratio(canonical)
}
/// 三七开, 五五开: a split of ten parts, no set of members.
fn ratio(canonical: &str) -> bool {
    let digit = |c: &char| "一二三四五六七八九".contains(*c);
    matches!(canonical.chars().collect::<Vec<_>>()[..], [a, b, '开'] if digit(&a) && digit(&b))
}
/// 九章四号, 三峡领航号, 三叉戟2: a vessel, a machine or a product, named by 号 or a model
/// number. A digit is a member where 个 counts it (四个1), and 三个80% ends in no digit.
pub(super) fn names_a_product(canonical: &str) -> bool {
    canonical.ends_with('号')
        || canonical.ends_with(|c: char| c.is_ascii_digit()) && !canonical.contains('个')
}
/// 十九连丰, 六连A, 四连降, 五连冠: N wins or harvests in a row, a metric and no formulation
/// (三联三帮 writes 联).
fn streak(canonical: &str) -> bool {
    let lead = canonical.trim_start_matches(numeral::is_cn_numeral_char);
    lead.len() < canonical.len() && lead.starts_with('连')
}
/// A formula whose numerals count no members (`dictionaries/no_members.txt`): one thing per
/// unit (一企一策, 一户一方案, 一链一策一行; 一老一小 and 一府两院 are sets) or a time span
/// every part of which is a numeral and a unit of time (四季轮牧三季休牧, 一年拦洪两年建成).
pub(super) fn counts_no_members(canonical: &str) -> bool {
    let no = &Dictionaries::get().no_members;
    let per_each = canonical.strip_prefix('一').is_some_and(|rest| {
        let parts: Vec<&str> = rest.split('一').collect();
        parts.len() >= 2
            && parts
                .iter()
                .all(|p| !p.is_empty() && !p.chars().any(numeral::is_cn_numeral_char))
            && parts.last().is_some_and(|b| no.per.iter().any(|w| w == b))
    });
    // The parts: each a run of numerals and what follows it up to the next run.
    let mut parts = 0;
    let mut spans = true;
    let mut prev_numeral = false;
    for (i, c) in canonical.char_indices() {
        let numeral = numeral::is_cn_numeral_char(c);
        if i == 0 && !numeral {
            return per_each;
        }
        if prev_numeral && !numeral {
            parts += 1;
            spans &= no
                .span
                .iter()
                .any(|w| canonical[i..].starts_with(w.as_str()));
        }
        prev_numeral = numeral;
    }
    per_each || spans && parts >= 2
}
/// 一老一小, 一企一策, 一府两院, 一核两翼多点: a short quotation led by 一 with a numeral
/// further in, whose numerals count two members or more. Quoted idioms of that shape (一石二鸟,
/// 一对一) are listed in `dictionaries/not_slogans.txt`.
pub(super) fn yi_led(s: &str) -> bool {
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
pub(super) fn numeral_led(s: &str) -> bool {
    let mut cs = s.chars();
    let Some(first) = cs.next() else { return false };
    let second = cs.next();
    // A set of two is written 两 (两个维护, 两新): a 二 that leads is an ordinal or part of a
    // word (二线口岸, 二重证据, 二维码), unless it leads 二十 or an entry of the lexicon (二为).
    let er = first == '二' && (second == Some('十') || lexicon().lists(&canonical(s)));
    (er || matches!(
        first,
        // 百/千 lead idioms (千人一面, 百花齐放) far more often than formulas.
        '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )) && second.is_some_and(|c| !c.is_ascii_digit())
        && s.chars().count() >= 2
}

/// Unquoted N-A-N-B formulas: 三联三帮, 两服务两提高, 三评比三促进, 四开展四深化.
pub(super) fn repeated_numeral_formulas(text: &str) -> Vec<(Range<usize>, String)> {
    static NUMERALS: OnceLock<CharSet> = OnceLock::new();
    let numerals =
        NUMERALS.get_or_init(|| CharSet::new(&['两', '三', '四', '五', '六', '七', '八', '九']));
    let mut out = Vec::new();
    // Members are content words: 和, 或, 的, 个 … make prose (两国和两国人民, 两个和两个,
    // 两名或两名以上), and ordinals and dates are citations (第二十三条第三项, 十三届三中全会,
    // 五年五月).
    let is_member = |c: char| {
        is_han(c)
            && !numeral::is_cn_numeral_char(c)
            && !"和与及或以的是在了个第条款项章编节年月日届次号".contains(c)
    };
    // A one-char member that is a counted noun or a classifier counts things (两党两国,
    // 三金三银, 两天两夜) or cuts words (长三角三省一市, 四点四公分, 四川四姑娘山).
    let counted = &Dictionaries::get().not_slogans.counted;
    let counts_things = |m: &[(usize, char)]| matches!(m, [(_, c)] if counted.contains(c));
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
                || counts_things(&w[1..j])
                || counts_things(&w[j + 1..k])
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
/// Numeral formulas written side by side (两手抓、两不误、两促进 or “两不误”、“两促进”) are one
/// formula, as written.
pub(super) fn merge_adjacent(text: &str, out: &mut Vec<Slogan>) {
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
                let joined = canonical(&text[range.clone()]);
                // Two famous formulas quoted apart (“六稳”、“六保”, “两个确立”、“两个维护”) are
                // named each on its own, unless the lexicon knows them together (两不误两促进).
                let lex = lexicon();
                let quoted = |t: &str| t.starts_with('“') && t.ends_with('”');
                if quoted(&prev.text)
                    && quoted(&s.text)
                    && lex.lists(&prev.canonical)
                    && lex.lists(&s.canonical)
                    && !lex.lists(&joined)
                {
                    merged.push(s);
                    continue;
                }
                prev.canonical = joined;
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
