//! Dates of delivery or publication in ISO form: from the text, in Arabic or Chinese numerals
//! (the latter read by `extract::dates`), from a letter's signature, or from the file's name.

use crate::extract::dates::DateMention;
use regex::Regex;
use std::sync::OnceLock;

fn date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?P<y>(?:19|20)\d{2})(?:年|-|/|\.)(?P<m>\d{1,2})(?:月|-|/|\.)(?P<d>\d{1,2})日?",
        )
        .unwrap_or_else(|e| panic!("{e}"))
    })
}

/// ISO dates (YYYY-MM-DD) found in `s`, in Arabic (2023年10月20日, 2023-10-20) or Chinese
/// numerals (二〇二三年十月二十日).
pub fn iso_dates(s: &str) -> Vec<String> {
    let arabic = date_re().captures_iter(s).filter_map(|c| {
        let at = c.get(0)?.start();
        let y: u32 = c.name("y")?.as_str().parse().ok()?;
        let m: u32 = c.name("m")?.as_str().parse().ok()?;
        let d: u32 = c.name("d")?.as_str().parse().ok()?;
        Some((at, y, m, d))
    });
    let spelled = crate::extract::dates::spelled_dates(s)
        .into_iter()
        .filter_map(|d| Some((d.range.start, u32::try_from(d.year).ok()?, d.month?, d.day?)));
    let mut found: Vec<(usize, u32, u32, u32)> = arabic.chain(spelled).collect();
    found.sort_unstable();
    found
        .into_iter()
        .filter(|&(_, _, m, d)| (1..=12).contains(&m) && (1..=31).contains(&d))
        .map(|(_, y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
        .collect()
}

/// The date a file's name carries (2020-01-08_1.txt, 20221115.md, 2013_03_08讲话.txt), for
/// documents whose text states none: scraped collections name files by publication date.
pub fn file_name_date(file: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?:^|\D)((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?:\D|$)",
        )
        .unwrap_or_else(|e| panic!("{e}"))
    });
    let name = std::path::Path::new(file).file_name()?.to_string_lossy();
    let c = re.captures(&name)?;
    Some(format!("{}-{}-{}", &c[1], &c[2], &c[3]))
}

/// The date a letter or message is signed with, among the full dates `mentions` found in
/// `text`: a name of two to four chars after a sentence end or on a line of its own, then the
/// date, closing its line or followed by the agency's dateline
/// (……。习近平2020年7月7日（新华社北京7月8日电）; 习近平\n2020年7月7日).
pub fn signature_date(text: &str, mentions: &[DateMention]) -> Option<String> {
    mentions.iter().find_map(|d| {
        let iso = d
            .iso
            .as_deref()
            .filter(|i| d.kind == "full" && i.len() == 10)?;
        let after = text[d.range.end..].trim_start_matches(' ');
        if !(after.is_empty() || after.starts_with(['（', '\n'])) {
            return None;
        }
        let before = text[..d.range.start].trim_end_matches([' ', '\n']);
        let name = before.len()
            - before
                .trim_end_matches(|c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c))
                .len();
        let n = before[before.len() - name..].chars().count();
        let opener = before[..before.len() - name].chars().next_back();
        ((2..=4).contains(&n) && opener.is_none_or(|c| matches!(c, '\n' | '。' | '！' | '？')))
            .then(|| iso.to_owned())
    })
}

/// A year written in `s` (2026年…工作报告 → 2026).
pub fn iso_year(s: &str) -> Option<i32> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"((?:19|20)\d{2})年").unwrap_or_else(|e| panic!("{e}")));
    re.captures(s)
        .and_then(|c| c.get(1))
        .and_then(|m| m.as_str().parse().ok())
}
