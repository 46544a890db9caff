//! Text folding for scoring (width → ASCII, t2s, punctuation and spaces removed) and the small
//! text helpers the matchers share (prefixes, numerals, list count phrases, metric value and noun
//! equality); calls `crate::normalize::to_simplified`, used by `eval::score`.

use crate::normalize::to_simplified;

/// Full-width ASCII (U+FF01–U+FF5E) to ASCII and the ideographic space (U+3000) to a space;
/// every other character is kept.
pub fn width_fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// True for punctuation marks and the quotation/bracket/dash symbols that `fold` removes:
/// all ASCII punctuation, and the Unicode punctuation (general category P*) of the Latin-1,
/// General Punctuation, Supplemental Punctuation, CJK Symbols and Punctuation, vertical,
/// compatibility, small and half-width form blocks, plus `~ ～ 〜 ･ ・ •`.
pub fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    matches!(
        c,
        '\u{00A1}' | '\u{00A7}' | '\u{00AB}' | '\u{00B6}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}'
            | '\u{037E}' | '\u{0387}'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205E}'
            | '\u{2E00}'..='\u{2E7F}'
            | '\u{3001}'..='\u{3003}'
            | '\u{3008}'..='\u{3011}'
            | '\u{3014}'..='\u{301F}'
            | '\u{3030}' | '\u{303D}' | '\u{30A0}' | '\u{30FB}'
            | '\u{FE10}'..='\u{FE19}'
            | '\u{FE30}'..='\u{FE6B}'
            | '\u{FF01}'..='\u{FF0F}'
            | '\u{FF1A}'..='\u{FF20}'
            | '\u{FF3B}'..='\u{FF40}'
            | '\u{FF5B}'..='\u{FF65}'
    )
}

/// The scoring fold: width folding, traditional → simplified, then every punctuation mark,
/// quotation mark and whitespace character removed.
pub fn fold(s: &str) -> String {
    to_simplified(&width_fold(s))
        .chars()
        .filter(|c| !c.is_whitespace() && !is_punct(*c))
        .collect()
}

/// Light normalization for units and ISO dates: width fold, t2s, surrounding spaces trimmed.
/// Unlike `fold` it keeps punctuation, so `%` stays a unit.
pub fn light(s: &str) -> String {
    to_simplified(width_fold(s).trim()).trim().to_string()
}

/// The first `n` characters of `s` (all of it when shorter).
pub fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Prefix rule shared by outline (n = 6), expansions (4) and titles (8): with
/// `k = min(n, len(gold))`, the first `k` characters of `gold` and `sys` are equal. Both sides
/// are expected already folded.
pub fn prefix_match(gold: &str, sys: &str, n: usize) -> bool {
    let k = gold.chars().count().min(n);
    sys.chars().count() >= k && prefix(gold, k) == prefix(sys, k)
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "零〇一二两三四五六七八九十百千".contains(c)
}

fn digit_value(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return c.to_digit(10).map(u64::from),
    })
}

/// Value of a run of Arabic digits or Chinese numerals (九, 十二, 二十, 一百零五, 12).
pub fn parse_numeral(run: &str) -> Option<u64> {
    if !run.is_empty() && run.chars().all(|c| c.is_ascii_digit()) {
        return run.parse().ok();
    }
    let (mut total, mut digit) = (0u64, None::<u64>);
    for c in run.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => {
                digit = Some(digit_value(c)?);
                continue;
            }
        };
        total += digit.take().unwrap_or(1) * unit;
    }
    let v = total + digit.unwrap_or(0);
    (!run.is_empty()).then_some(v)
}

/// The count phrase of a list intro: the (last) numeral run in `fold(intro)` whose value is
/// `announced`, plus up to three following characters (`重点要做好以下九项工作` → `九项工作`,
/// `主要抓好以下三个方面的工作` → `三个方面`). Without such a numeral, the whole folded intro.
pub fn count_phrase(intro: &str, announced: u64) -> String {
    let chars: Vec<char> = fold(intro).chars().collect();
    let mut found = None;
    let mut i = 0;
    while i < chars.len() {
        if !is_numeral(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_numeral(chars[i]) {
            i += 1;
        }
        let run: String = chars[start..i].iter().collect();
        if parse_numeral(&run) == Some(announced) {
            found = Some((start, i));
        }
    }
    match found {
        Some((s, e)) => chars[s..(e + 3).min(chars.len())].iter().collect(),
        None => chars.iter().collect(),
    }
}

/// Numbers equal within a relative tolerance of 1e-9.
pub fn num_eq(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// Optional numbers: both absent, or both present and `num_eq`.
pub fn opt_eq(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => num_eq(a, b),
        _ => false,
    }
}

/// `v`, or `v-max` for a range.
pub fn fmt_num(v: f64, max: Option<f64>) -> String {
    max.map_or_else(|| v.to_string(), |m| format!("{v}-{m}"))
}

/// Metric nouns agree: both empty, or both non-empty and one folded contains the other.
pub fn noun_ok(g: &str, s: &str) -> bool {
    let (g, s) = (fold(g), fold(s));
    match (g.is_empty(), s.is_empty()) {
        (true, true) => true,
        (false, false) => g.contains(&s) || s.contains(&g),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_folding() {
        assert_eq!(width_fold("ＡＢｃ１２３！\u{3000}％"), "ABc123! %");
        assert_eq!(fold("ＡＢｃ １２３"), "ABc123");
    }

    #[test]
    fn traditional_and_punctuation() {
        assert_eq!(fold("“兩不誤、兩促進”"), "两不误两促进");
        assert_eq!(fold("「四個一」"), "四个一");
        assert_eq!(fold("提高思想认识，切"), fold("提高思想认识,切"));
        assert_eq!(fold("《党章》〈一〉【二】『三』‘四’·—…~～"), "党章一二三四");
        assert_eq!(fold("（一）"), "一");
        assert_eq!(fold("1. "), "1");
        assert_eq!(fold("第一，"), "第一");
        assert_eq!(fold(" a\tb\n"), "ab");
    }

    #[test]
    fn light_keeps_percent() {
        assert_eq!(light(" ％ "), "%");
        assert_eq!(light("個"), "个");
    }

    #[test]
    fn prefixes() {
        assert_eq!(prefix("提高思想认识切", 6), "提高思想认识");
        assert_eq!(prefix("提高", 6), "提高");
        assert!(prefix_match("要加强宣传实施", "要加强宣传实X", 6));
        assert!(!prefix_match("要加强宣传实施", "要加强宣传", 6));
        assert!(prefix_match("快", "快速", 6));
        assert!(!prefix_match("快", "慢", 6));
        assert!(prefix_match("", "anything", 6));
    }

    #[test]
    fn numerals() {
        assert_eq!(parse_numeral("九"), Some(9));
        assert_eq!(parse_numeral("十二"), Some(12));
        assert_eq!(parse_numeral("二十"), Some(20));
        assert_eq!(parse_numeral("一百零五"), Some(105));
        assert_eq!(parse_numeral("两"), Some(2));
        assert_eq!(parse_numeral("12"), Some(12));
        assert_eq!(parse_numeral(""), None);
    }

    #[test]
    fn numbers_and_nouns() {
        assert!(num_eq(99.4, 99.4 + 1e-12) && num_eq(1.2e12, 1_200_000_000_000.0));
        assert!(!num_eq(13.0, 14.0) && !num_eq(0.0, 1e-300));
        assert!(opt_eq(None, None) && opt_eq(Some(14.0), Some(14.0)));
        assert!(!opt_eq(Some(14.0), None));
        assert_eq!(
            (fmt_num(13.0, Some(14.0)), fmt_num(99.4, None)),
            ("13-14".into(), "99.4".into())
        );
        assert!(noun_ok("同志", "同志们") && noun_ok("县直单位", "单位") && noun_ok("", ""));
        assert!(!noun_ok("党员", "") && !noun_ok("党员", "单位"));
        assert!(noun_ok("黨員", "党员"));
    }

    #[test]
    fn count_phrases() {
        assert_eq!(count_phrase("重点要做好以下九项工作", 9), "九项工作");
        assert_eq!(count_phrase("主要抓好以下三个方面的工作", 3), "三个方面");
        assert_eq!(
            count_phrase("希望大家正确把握“四个方面的关系”", 4),
            "四个方面"
        );
        assert_eq!(count_phrase("进一步提出3点要求", 3), "3点要求");
        assert_eq!(count_phrase("讲几点意见", 4), "讲几点意见");
    }
}
