//! Date mentions in the body: full (2013年8月20日, 二〇二三年十月二十日), partial (7月8日, 3月 日
//! with the day left blank, 2月底, 2013年7月, 二〇三五年) and relative (今年, 上月, 近日) — each
//! with its text and, where the year is known (stated, or the document's own year), an ISO form.

use crate::numeral;
use crate::scan::{self, Literals, Prefer};
use regex::{Captures, Regex};
use serde::Serialize;
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Debug, Clone, Serialize)]
pub struct DateMention {
    pub text: String,
    /// full | partial | relative
    pub kind: &'static str,
    /// `YYYY-MM-DD`, `YYYY-MM`, `--MM-DD` (no year known) or null (relative words).
    pub iso: Option<String>,
    #[serde(skip)]
    pub range: Range<usize>,
}

const PATTERN: &str = concat!(
    r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>3[01]|[12]\d|0?[1-9])[日号]|(?P<blank> +日)|(?P<part>底|初|中旬|上旬|下旬|末))?",
    r"|(?P<yo>(?:19|20)\d{2})年(?P<yp>底|初|末)?",
    r"|(?P<rel>今年|去年|明年|前年|本月|上月|下月|近日|日前|当天|今天|昨天|明天)"
);

/// Every mention holds one of these chars, at most `ANCHOR_REACH` bytes after its start (the
/// four digits of 2013年; the 今 of 今年). They are rare in prose, where the pattern's own
/// first chars (digits, 今, 上, 日 …) are everywhere: finding them and matching only around
/// them is faster than the pattern's own scan of the whole text.
const ANCHORS: [&str; 4] = ["年", "月", "日", "天"];
const ANCHOR_REACH: usize = 4;

fn anchors() -> &'static Literals {
    static AC: OnceLock<Literals> = OnceLock::new();
    AC.get_or_init(|| Literals::new(&ANCHORS, Prefer::First))
}

/// The pattern, matched only at the start of the haystack it is given.
fn anchored() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!("^(?:{PATTERN})")).unwrap_or_else(|e| panic!("date pattern: {e}"))
    })
}

/// The matches of `PATTERN` in `text`, as the regex's own left-to-right search finds them: at
/// each anchor, the earliest start within reach that matches. A match starts no later than its
/// first anchor and at most `ANCHOR_REACH` bytes before it, so no start that could match is
/// skipped, and starts are tried in increasing order.
fn matches<'t>(
    text: &'t str,
    anchors: &'t Literals,
) -> impl Iterator<Item = (usize, Captures<'t>)> + 't {
    // The char boundaries within reach of each anchor, each once and in order.
    let mut next = 0;
    let starts = anchors.find_iter(text).flat_map(move |f| {
        let from = next.max(f.start.saturating_sub(ANCHOR_REACH));
        next = f.start + 1;
        (from..=f.start).filter(|&s| text.is_char_boundary(s))
    });
    scan::leftmost_matches(starts, move |s| {
        let c = anchored().captures(&text[s..])?;
        let end = s + c.get(0).map_or(0, |m| m.end());
        Some(((s, c), end))
    })
}

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
            r"^ ?(?P<y>[一二三四五六七八九十百零〇]{1,6}|[0-9]{1,3}) ?年",
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

/// Date mentions of `text`; `year` is the document's own year, used for partial dates.
pub fn date_mentions(text: &str, year: Option<i32>) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = spelled_dates(text)
        .into_iter()
        .map(|d| {
            let (kind, iso) = match (d.month, d.day) {
                (Some(m), Some(day)) => ("full", format!("{:04}-{m:02}-{day:02}", d.year)),
                (Some(m), None) => ("partial", format!("{:04}-{m:02}", d.year)),
                _ => ("full", format!("{:04}", d.year)),
            };
            DateMention {
                text: text[d.range.clone()].to_owned(),
                kind,
                iso: Some(iso),
                range: d.range,
            }
        })
        .collect();
    // The spelled dates' ranges, in order, to pass over what the digit pattern finds inside
    // them (the 5月1日 of 民国101年5月1日).
    let spelled: Vec<Range<usize>> = out.iter().map(|d| d.range.clone()).collect();
    for (at, c) in matches(text, anchors()) {
        let Some(all) = c.get(0) else { continue };
        let all = at + all.start()..at + all.end();
        let n = spelled.partition_point(|r| r.start < all.end);
        if n > 0 && spelled[n - 1].end > all.start {
            continue;
        }
        let num = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<i32>().ok());
        // 12月 inside 112月 or 3.5月 is not a date.
        if text[..all.start]
            .chars()
            .next_back()
            .is_some_and(|p| p.is_ascii_digit() || p == '.')
        {
            continue;
        }
        let (kind, iso) = if c.name("rel").is_some() {
            ("relative", None)
        } else if let Some(y) = num("yo") {
            let kind = if c.name("yp").is_some() {
                "partial"
            } else {
                "full"
            };
            (kind, Some(format!("{y:04}")))
        } else {
            let (y, m, d) = (num("y"), num("m").unwrap_or(1), num("d"));
            let full = y.is_some() && d.is_some();
            let kind = if full { "full" } else { "partial" };
            let iso = match (y.or(year), d) {
                (Some(y), Some(d)) => Some(format!("{y:04}-{m:02}-{d:02}")),
                (Some(y), None) => Some(format!("{y:04}-{m:02}")),
                (None, Some(d)) => Some(format!("--{m:02}-{d:02}")),
                (None, None) => None,
            };
            (kind, iso)
        };
        out.push(DateMention {
            text: text[all.clone()].to_owned(),
            kind,
            iso,
            range: all,
        });
    }
    // The spelled dates go in by position.
    out.sort_by_key(|d| d.range.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn got(s: &str, year: Option<i32>) -> Vec<(String, &'static str, Option<String>)> {
        date_mentions(s, year)
            .into_iter()
            .map(|d| (d.text, d.kind, d.iso))
            .collect()
    }

    #[test]
    fn full_partial_blank_and_relative() {
        let g = got("2013年8月20日发布。3月 日，县委召开会议；以7月8日动员大会为标志，2月底完成，今年推进。", None);
        let iso: Vec<Option<&str>> = g.iter().map(|x| x.2.as_deref()).collect();
        let kinds: Vec<&str> = g.iter().map(|x| x.1).collect();
        assert_eq!(
            kinds,
            vec!["full", "partial", "partial", "partial", "relative"]
        );
        assert_eq!(
            iso,
            vec![Some("2013-08-20"), None, Some("--07-08"), None, None]
        );
        assert_eq!(g[1].0, "3月 日");
    }

    /// The anchored search must find exactly what the pattern's own scan of the whole text
    /// finds: same matches, same order, none skipped where mentions crowd each other.
    #[test]
    fn anchored_search_finds_what_the_whole_text_scan_finds() {
        let whole = Regex::new(PATTERN).unwrap();
        let mut texts = vec![
            "2013年12月31日，12月2013年1月今年去年日前近日天天天今天月月年年".to_owned(),
            "112月、3.5月、201月、1月 日、10月   日、2020年底2021年初上旬2月中旬".to_owned(),
            "x月年日天1年2月3日4天2013年今年12月20日号日前明天年末".to_owned(),
        ];
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        for e in std::fs::read_dir(root).unwrap() {
            texts.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
        }
        let found_by = [
            Literals::new(&ANCHORS, Prefer::First),
            Literals::automaton(&ANCHORS, Prefer::First),
        ];
        for (t, anchors) in texts
            .iter()
            .flat_map(|t| found_by.iter().map(move |a| (t, a)))
        {
            let want: Vec<(usize, usize)> =
                whole.find_iter(t).map(|m| (m.start(), m.end())).collect();
            let got: Vec<(usize, usize)> = matches(t, anchors)
                .map(|(at, c)| {
                    let m = c.get(0).unwrap();
                    (at + m.start(), at + m.end())
                })
                .collect();
            assert!(!want.is_empty());
            assert_eq!(got, want);
        }
    }

    /// The bug: dates in Chinese numerals, as official documents date themselves, were not
    /// found at all (and 二〇三五年 was a metric).
    #[test]
    fn dates_in_chinese_numerals() {
        let g = got(
            "（二〇二三年十月二十日）本办法自二〇二〇年十月一日起施行，到二〇三五年基本实现，2013年8月20日，二〇二〇年十二月。",
            None,
        );
        let want = [
            ("二〇二三年十月二十日", "full", "2023-10-20"),
            ("二〇二〇年十月一日", "full", "2020-10-01"),
            ("二〇三五年", "full", "2035"),
            ("2013年8月20日", "full", "2013-08-20"),
            ("二〇二〇年十二月", "partial", "2020-12"),
        ];
        let got: Vec<(&str, &str, &str)> = g
            .iter()
            .map(|(t, k, i)| (t.as_str(), *k, i.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(got, want);
        // Five digits are no year, nor is a count with 十.
        assert!(got_none("一二三四五年，三十年"));
    }

    /// The bug: Taiwan's laws date themselves by the Republic's years (民国一百零四年五月一日),
    /// which gave no date at all and a metric of 104 years.
    #[test]
    fn dates_of_the_republic_era() {
        let g = got(
            "中华民国八十八年五月二十七日施行。自民国一百零四年五月一日至一百零五年四月三十日止，民国 101 年 5 月 1 日，民国101年12月，民国九十年。",
            None,
        );
        let want = [
            ("中华民国八十八年五月二十七日", "full", "1999-05-27"),
            ("民国一百零四年五月一日", "full", "2015-05-01"),
            ("一百零五年四月三十日", "full", "2016-04-30"),
            ("民国 101 年 5 月 1 日", "full", "2012-05-01"),
            ("民国101年12月", "partial", "2012-12"),
            ("民国九十年", "full", "2001"),
        ];
        let got: Vec<(&str, &str, &str)> = g
            .iter()
            .map(|(t, k, i)| (t.as_str(), *k, i.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(got, want);
        // The era named without a year is no date.
        assert!(got_none("中华民国宪法，民国时期"));
    }

    fn got_none(s: &str) -> bool {
        date_mentions(s, None).is_empty()
    }

    #[test]
    fn the_documents_year_completes_partial_dates() {
        let g = got("截止4月10日，共发表报道。", Some(2005));
        assert_eq!(g[0].2.as_deref(), Some("2005-04-10"));
    }
}
