//! Dates in Chinese numerals: the year digit by digit (二〇二三年十月二十日), the years of the
//! Republic of China as Taiwan's laws write them (中华民国一百零四年五月一日), and a month and day
//! without a year (每年二月一日, 四月中旬).

use crate::numeral;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// A date written in Chinese numerals, as official documents date themselves: the year digit
/// by digit, then the month and day counted (二〇二三年十月二十日, 二〇二〇年十月, 二〇三五年).
pub struct SpelledDate {
    pub range: Range<usize>,
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// The dates of `text` in Chinese numerals, in order. Found from each 年 with four Chinese
/// digits before it: 一 and 二 are too common to start a search from.
pub fn spelled_dates(text: &str) -> Vec<SpelledDate> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(concat!(
            r"^(?P<y>[〇零一二三四五六七八九]{4})年",
            r"(?:(?P<m>十[一二]?|[一二三四五六七八九])月",
            r"(?:(?P<d>三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?)?"
        ))
        .unwrap_or_else(|e| panic!("spelled date pattern: {e}"))
    });
    let mut out: Vec<SpelledDate> = Vec::new();
    // memmem, not `match_indices('年')`: that searches for the char's last byte, B4, which
    // every tenth CJK char ends with.
    static NIAN: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let nian = NIAN.get_or_init(|| memchr::memmem::Finder::new("年"));
    for at in nian.find_iter(text.as_bytes()) {
        // Four digits of three bytes each end right at 年.
        let Some(start) = at.checked_sub(12).filter(|&s| text.is_char_boundary(s)) else {
            continue;
        };
        if !numeral::is_spelled_year(&text[start..at])
            || text[..start]
                .chars()
                .next_back()
                .is_some_and(numeral::is_year_digit)
            || out.last().is_some_and(|d| d.range.end > start)
        {
            continue;
        }
        let Some(c) = re.captures(&text[start..]) else {
            continue;
        };
        let number = |k: &str| c.name(k).and_then(|m| numeral::parse_int(m.as_str()));
        let Some(year) = number("y").and_then(|y| i32::try_from(y).ok()) else {
            continue;
        };
        let end = start + c.get(0).map_or(0, |m| m.end());
        out.push(SpelledDate {
            range: start..end,
            year,
            month: number("m").and_then(|m| u32::try_from(m).ok()),
            day: number("d").and_then(|d| u32::try_from(d).ok()),
        });
    }
    republic_dates(text, &mut out);
    out
}

/// Dates of the Republic of China calendar, as Taiwan's laws date themselves: 民国 and a year
/// counted from 1912, in Chinese numerals or digits (中华民国一百零四年五月一日, 民国 101 年 5
/// 月 1 日), and the same form again after 至, which goes on in that era
/// (…五月一日至一百零五年四月三十日). The text is normalized, so 民國 reads 民国 here. They go
/// into `out` by position, with the years converted to the common era.
fn republic_dates(text: &str, out: &mut Vec<SpelledDate>) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(concat!(
            r"^\s{0,3}(?P<y>[一二三四五六七八九十百零〇]{1,6}|[0-9]{1,3}) ?年",
            r"(?: ?(?P<m>十[一二]?|[一二三四五六七八九]|1[0-2]|0?[1-9]) ?月",
            r"(?: ?(?P<d>三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九]|3[01]|[12][0-9]|0?[1-9]) ?[日号])?)?"
        ))
        .unwrap_or_else(|e| panic!("republic date pattern: {e}"))
    });
    static ERA: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let era = ERA.get_or_init(|| memchr::memmem::Finder::new("民国"));
    let mut found = Vec::new();
    let mut from = 0;
    for at in era.find_iter(text.as_bytes()) {
        if at < from {
            continue;
        }
        let start = if text[..at].ends_with("中华") {
            at - "中华".len()
        } else {
            at
        };
        let mut date_from = at + "民国".len();
        let mut start = start;
        while let Some(c) = re.captures(&text[date_from..]) {
            let number = |k: &str| c.name(k).and_then(|m| numeral::parse_int(m.as_str()));
            let year = number("y").filter(|y| (1..=200).contains(y));
            let month = number("m").and_then(|m| u32::try_from(m).ok());
            let day = number("d").and_then(|d| u32::try_from(d).ok());
            let Some(year) = year.and_then(|y| i32::try_from(y).ok()) else {
                break;
            };
            let end = date_from + c.get(0).map_or(0, |m| m.end());
            found.push(SpelledDate {
                range: start..end,
                year: 1911 + year,
                month,
                day,
            });
            from = end;
            if !text[end..].starts_with('至') {
                break;
            }
            start = end + '至'.len_utf8();
            date_from = start;
        }
    }
    if found.is_empty() {
        return;
    }
    // A text that dates by the Republic's years goes on without naming the era
    // (自民国三十八年五月二十日起至七十六年七月十四日止): a year of the era with its month and
    // day is one of its dates too.
    static NIAN: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let nian = NIAN.get_or_init(|| memchr::memmem::Finder::new("年"));
    for at in nian.find_iter(text.as_bytes()) {
        let digits: usize = text[..at]
            .chars()
            .rev()
            .take(7)
            .take_while(|&c| numeral::is_cn_numeral_char(c))
            .map(char::len_utf8)
            .sum();
        let start = at - digits;
        if digits == 0
            || digits > 6 * 3
            || found.iter().any(|d: &SpelledDate| d.range.contains(&start))
        {
            continue;
        }
        let Some(c) = re.captures(&text[start..]) else {
            continue;
        };
        let number = |k: &str| c.name(k).and_then(|m| numeral::parse_int(m.as_str()));
        let (Some(year), Some(month), Some(day)) = (
            number("y").filter(|y| (1..=200).contains(y)),
            number("m").and_then(|m| u32::try_from(m).ok()),
            number("d").and_then(|d| u32::try_from(d).ok()),
        ) else {
            continue;
        };
        found.push(SpelledDate {
            range: start..start + c.get(0).map_or(0, |m| m.end()),
            year: 1911 + year as i32,
            month: Some(month),
            day: Some(day),
        });
    }
    out.extend(found);
    out.sort_by_key(|d| (d.range.start, std::cmp::Reverse(d.range.end)));
    let mut end = 0;
    out.retain(|d| {
        let keep = d.range.start >= end;
        if keep {
            end = d.range.end;
        }
        keep
    });
}

/// A month and a day (or part of the month) in Chinese numerals with no year before them:
/// 每年二月一日, 预计将在四月中旬. The day is `None` for a part of the month.
pub struct MonthDay {
    pub range: Range<usize>,
    pub month: u32,
    pub day: Option<u32>,
    /// 每年: the same day every year, which no year completes.
    pub yearly: bool,
}

/// The month-days of `text` in Chinese numerals, in order, found from each 月. A month alone
/// (十月革命, 一月一次) is left out: only a day or a part of the month makes it a date.
pub fn month_days(text: &str) -> Vec<MonthDay> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(concat!(
            r"^(?P<m>十[一二]?|[一二三四五六七八九])月",
            r"(?:(?P<d>三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]|(?:底|初|中旬|上旬|下旬|末))"
        ))
        .unwrap_or_else(|e| panic!("month-day pattern: {e}"))
    });
    static YUE: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let yue = YUE.get_or_init(|| memchr::memmem::Finder::new("月"));
    let mut out: Vec<MonthDay> = Vec::new();
    for at in yue.find_iter(text.as_bytes()) {
        let before = &text[..at];
        // 十二月 is two chars back, the others one.
        let start = ["十一", "十二"]
            .iter()
            .find(|m| before.ends_with(*m))
            .map_or_else(
                || before.char_indices().next_back().map_or(at, |(i, _)| i),
                |m| at - m.len(),
            );
        let prev = text[..start].chars().next_back();
        // A year's month (二〇二〇年十月) is a spelled date's, though 每年 names none.
        let yearly = text[..start].ends_with("每年");
        if start == at
            || prev.is_some_and(|c| c == '年' && !yearly || numeral::is_cn_numeral_char(c))
            || out.last().is_some_and(|d| d.range.end > start)
        {
            continue;
        }
        let Some(c) = re.captures(&text[start..]) else {
            continue;
        };
        let end = start + c.get(0).map_or(0, |m| m.end());
        // 农历三月初三: a lunar month and day, no date of the common calendar.
        let lunar = text[..start].ends_with("农历")
            || text[..end].ends_with('初')
                && text[end..]
                    .chars()
                    .next()
                    .is_some_and(numeral::is_cn_numeral_char);
        if lunar {
            continue;
        }
        let number = |k: &str| c.name(k).and_then(|m| numeral::parse_int(m.as_str()));
        let (Some(month), day) = (
            number("m").and_then(|m| u32::try_from(m).ok()),
            number("d").and_then(|d| u32::try_from(d).ok()),
        ) else {
            continue;
        };
        out.push(MonthDay {
            range: start..end,
            month,
            day,
            yearly,
        });
    }
    out
}
