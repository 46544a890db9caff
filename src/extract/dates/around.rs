//! What the text around a date says of it: the words that make a relative word no time, the
//! month of a day written alone, and the ranges a date closes (2023—2025年, 5月22日—28日).

use super::{month_iso, Anchor, DateMention, Day};
use crate::numeral;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// What joins the two ends of a range (2023—2025年, 1至8月).
const RANGE_DASHES: [char; 7] = ['—', '-', '－', '~', '～', '至', '到'];

/// Whether a relative word at `range` names a time, not part of another word or a figure of
/// speech: 七日前 (seven days before), 注明年、月、日 (state year, month, day), 以前年度 and
/// 目前年均, 美好的明天 (a bright future), 登上月球 (land on the moon).
pub(super) fn names_a_time(text: &str, range: Range<usize>, word: &str) -> bool {
    let before = &text[..range.start];
    let after = &text[range.end..];
    let prev = before.chars().next_back();
    match word {
        "日前" => !prev.is_some_and(|c| c.is_ascii_digit() || numeral::is_cn_numeral_char(c)),
        "明年" => !(after.starts_with(['、', '月']) || prev == Some('注')),
        "前年" => !matches!(prev, Some('以' | '目')),
        "明天" => {
            let figure = ["的", "好", "灿烂", "辉煌"]
                .iter()
                .any(|w| before.ends_with(w));
            !(figure || after.starts_with(['。', '！']))
        }
        "上月" => !after.starts_with('球'),
        // 时至今日, 今时今日: up to now.
        "今日" => !matches!(prev, Some('至' | '时')),
        _ => true,
    }
}

/// Whether a day written alone (习近平29日在上海考察) is a date: not a span of days (30日内,
/// 满30日, 1日游) nor a count of them.
pub(super) fn bare_day(before: &str, after: &str) -> bool {
    let prev = before.chars().next_back();
    !prev.is_some_and(|c| {
        c.is_ascii_digit()
            || matches!(
                c,
                '.' | '月'
                    | '每'
                    | '满'
                    | '逾'
                    | '第'
                    | '隔'
                    | '前'
                    | '近'
                    | '约'
                    | '共'
                    | '达'
                    | '个'
                    | '的'
            )
    }) && !after.starts_with(['内', '以', '之', '游', '期', '为', '后'])
}

/// The ISO date of a day written alone: the month of the date its range opens with
/// (5月22日—28日), else the month of the day the text speaks from, where the day is not
/// later than that one or the text says it is to come (将于17日), else the month before. With
/// no such day, the month is unknown.
pub(super) fn day_of_month(before: &str, day: u32, anchor: Anchor) -> Option<String> {
    if let Some((year, month)) = range_month(before) {
        let year = year.or_else(|| anchor.year_of_month(month));
        return month_iso(year, month, Some(day));
    }
    let spoken = anchor.day?;
    let near: String = before
        .chars()
        .rev()
        .take(6)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let to_come = ["将", "预计", "定于", "计划"]
        .iter()
        .any(|w| near.contains(w));
    let (year, month) = match (day <= spoken.day || to_come, spoken.month) {
        (true, m) => (spoken.year, m),
        (false, 1) => (spoken.year - 1, 12),
        (false, m) => (spoken.year, m - 1),
    };
    Day::parse(&format!("{year:04}-{month:02}-{day:02}")).map(Day::iso)
}

/// The year (if stated) and month of the date a range of days opens with, for its closing
/// day: 5月 of 5月22日—, 2023年12月 of 2023年12月23日至.
fn range_month(before: &str) -> Option<(Option<i32>, u32)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?:(\d{4})年 ?)?(1[0-2]|0?[1-9])月 ?(?:3[01]|[12]\d|0?[1-9])日 ?[—\-－~～至到]$",
        )
        .unwrap_or_else(|e| panic!("day range pattern: {e}"))
    });
    let from = before.len().saturating_sub(40);
    let from = (from..before.len()).find(|&i| before.is_char_boundary(i))?;
    let c = re.captures(&before[from..])?;
    let month = c.get(2)?.as_str().parse().ok()?;
    let year = c.get(1).and_then(|y| y.as_str().parse().ok());
    Some((year, month))
}

/// The year a range of months opens with, for its closing month: the 2022 of 2022年1—11月.
pub(super) fn range_year(before: &str) -> Option<i32> {
    let rest = before.strip_suffix(RANGE_DASHES)?;
    let digits = rest.len() - rest.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let rest = rest[..rest.len() - digits].strip_suffix('年')?;
    if !(1..=2).contains(&digits) {
        return None;
    }
    let year = rest.get(rest.len().checked_sub(4)?..)?;
    year.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| year.parse().ok())
        .flatten()
}

/// The first end of a range that shares its unit with the date closing it: the 2023 of
/// 2023—2025年, the 1 of 1—8月 (a year's first eight months), as a mention of its own.
pub(super) fn range_opener(text: &str, closing: &DateMention) -> Option<DateMention> {
    let unit = if closing.text.starts_with(|c: char| c.is_ascii_digit()) {
        let digits = closing.text.bytes().take_while(u8::is_ascii_digit).count();
        closing.text[digits..].chars().next()?
    } else {
        return None;
    };
    let before = text[..closing.range.start].trim_end_matches(' ');
    let before = before.strip_suffix(RANGE_DASHES)?.trim_end_matches(' ');
    let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let start = before.len() - digits;
    if digits == 0 || before[..start].ends_with(['.', '第']) {
        return None;
    }
    let n: i32 = before[start..].parse().ok()?;
    let (kind, iso) = match unit {
        '年' if digits == 4 && (1800..=2099).contains(&n) => ("full", format!("{n:04}")),
        '月' if (1..=12).contains(&n) && digits <= 2 => {
            // The closing month's year: written before the range (2022年1—11月), or the
            // document's (1—8月).
            let written = before[..start]
                .strip_suffix('年')
                .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()));
            let kind = if written { "full" } else { "partial" };
            match closing.iso.as_deref() {
                Some(iso) if !iso.starts_with('-') => (kind, format!("{}-{n:02}", iso.get(..4)?)),
                _ => (kind, String::new()),
            }
        }
        _ => return None,
    };
    Some(DateMention {
        text: before[start..].to_owned(),
        kind,
        iso: (!iso.is_empty()).then_some(iso),
        range: start..start + digits,
    })
}
