//! Date mentions in the body: full where the year is written (2013年8月20日, 2013年7月,
//! 二〇二三年十月二十日, 二〇三五年, 2022年底), partial where it is not (7月8日, 3月 日 with the day
//! left blank, 2月底, 去年12月, 29日) and relative (今年, 上月, 近日) — each with its text and,
//! where the year is known (written, or the document's own date from `anchor`), an ISO form.

mod anchor;
mod around;
mod spelled;

pub use anchor::{Anchor, Day};
use around::{bare_day, day_of_month, names_a_time, range_opener, range_year};
use spelled::month_days;
pub use spelled::{spelled_dates, SpelledDate};

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

/// A year before the month may be written out (2013年, from 1000: 1409年2月15日) or named from
/// the document's own (去年12月); Hong Kong's transcripts put spaces after 年 and 月
/// (2012年 4月 27日). A year alone reaches back to 1800 (1840年鸦片战争).
const PATTERN: &str = concat!(
    r"(?:(?:(?P<y>1\d{3}|20\d{2})年|(?P<ry>今年|去年|明年|前年)) ?)?(?P<m>1[0-2]|0?[1-9])月(?: ?(?P<d>3[01]|[12]\d|0?[1-9])[日号]|(?P<blank> +日)|(?P<part>底|初|中旬|上旬|下旬|末))?",
    r"|(?P<yo>(?:18|19|20)\d{2})年(?P<yp>底|初|末)?",
    r"|(?P<rel>今年|去年|明年|前年|本月|上月|下月|近日|日前|当天|今天|昨天|明天|今日|昨日|明日|今晚|昨晚|当日|次日|翌日|同日|上年|同年|次年|翌年)",
    r"|(?P<bd>3[01]|[12]\d|0?[1-9])日"
);

/// Every mention holds one of these chars, at most `ANCHOR_REACH` bytes after its start (the
/// four digits of 2013年; the 今 of 今年). They are rare in prose, where the pattern's own
/// first chars (digits, 今, 上, 日 …) are everywhere: finding them and matching only around
/// them is faster than the pattern's own scan of the whole text.
const ANCHORS: [&str; 5] = ["年", "月", "日", "天", "晚"];
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

/// The ISO form of a date with a month: `YYYY-MM-DD`, `YYYY-MM`, `--MM-DD` where the year is
/// unknown, none for a month alone of no known year.
fn month_iso(year: Option<i32>, month: u32, day: Option<u32>) -> Option<String> {
    match (year, day) {
        (Some(y), Some(d)) => Some(format!("{y:04}-{month:02}-{d:02}")),
        (Some(y), None) => Some(format!("{y:04}-{month:02}")),
        (None, Some(d)) => Some(format!("--{month:02}-{d:02}")),
        (None, None) => None,
    }
}

/// Date mentions of `text`; `anchor` is the document's own date, which completes dates
/// written without a year and resolves 今天, 今年 and the like.
pub fn date_mentions(text: &str, anchor: Anchor) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = spelled_dates(text)
        .into_iter()
        .map(|d| {
            let (kind, iso) = match (d.month, d.day) {
                (Some(m), Some(day)) => ("full", format!("{:04}-{m:02}-{day:02}", d.year)),
                (Some(m), None) => ("full", format!("{:04}-{m:02}", d.year)),
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
    for md in month_days(text) {
        if out
            .iter()
            .any(|d| d.range.start < md.range.end && md.range.start < d.range.end)
        {
            continue;
        }
        let year = (!md.yearly)
            .then(|| anchor.year_of_month(md.month))
            .flatten();
        let iso = month_iso(year, md.month, md.day);
        out.push(DateMention {
            text: text[md.range.clone()].to_owned(),
            kind: "partial",
            iso,
            range: md.range,
        });
    }
    out.sort_by_key(|d| d.range.start);
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
        let before = text[..all.start].chars().next_back();
        // 12月 inside 112月 or 3.5月 is not a date.
        if before.is_some_and(|p| p.is_ascii_digit() || p == '.') {
            continue;
        }
        let (kind, iso) = if let Some(d) = num("bd") {
            if !bare_day(&text[..all.start], &text[all.end..]) {
                continue;
            }
            (
                "partial",
                day_of_month(&text[..all.start], d as u32, anchor),
            )
        } else if let Some(word) = c.name("rel") {
            if !names_a_time(text, all.clone(), word.as_str()) {
                continue;
            }
            // 今天的中国: the present age, not the day the text is given.
            let era = matches!(word.as_str(), "今天" | "今日") && text[all.end..].starts_with('的');
            let iso = if era {
                None
            } else {
                anchor.relative(word.as_str())
            };
            ("relative", iso)
        } else if let Some(y) = num("yo") {
            // 近2000年前, 约1800年: a span of years, no date.
            if before.is_some_and(|p| matches!(p, '近' | '约' | '逾' | '达' | '过')) {
                continue;
            }
            // 2022年底 is December of 2022, 2023年初 its January.
            let iso = match c.name("yp").map(|p| p.as_str()) {
                Some("底" | "末") => format!("{y:04}-12"),
                Some(_) => format!("{y:04}-01"),
                None => format!("{y:04}"),
            };
            ("full", Some(iso))
        } else {
            let (m, d) = (num("m").unwrap_or(1), num("d"));
            let stated = num("y");
            let named = c.name("ry").and_then(|w| anchor.offset_year(w.as_str()));
            let year = stated
                .or(named)
                .or_else(|| range_year(&text[..all.start]))
                .or_else(|| {
                    c.name("ry")
                        .is_none()
                        .then(|| anchor.year_of_month(m as u32))
                        .flatten()
                });
            // Full where the year is written, partial where the text leaves it out.
            let kind = if stated.is_some() { "full" } else { "partial" };
            (kind, month_iso(year, m as u32, d.map(|d| d as u32)))
        };
        out.push(DateMention {
            text: text[all.clone()].to_owned(),
            kind,
            iso,
            range: all,
        });
    }
    let openers: Vec<DateMention> = out.iter().filter_map(|d| range_opener(text, d)).collect();
    out.extend(openers);
    // The spelled dates and range openers go in by position.
    out.sort_by_key(|d| d.range.start);
    out
}

#[cfg(test)]
mod tests;
