//! Who published or reported a text that has no metadata line saying so: a reprint's credit
//! line, an agency's dateline, a reporter's byline in the body.

use regex::Regex;
use std::sync::OnceLock;

/// Who published a text without a source line: the paper of a reprint's credit line
/// (《 人民日报 》（ 2020年09月12日 02 版）), else the agency of a dateline that opens a line
/// near the start (新华社北京11月10日电).
pub(super) fn credited_source(text: &str) -> Option<String> {
    static CREDIT: OnceLock<Regex> = OnceLock::new();
    static DATELINE: OnceLock<Regex> = OnceLock::new();
    let credit = CREDIT.get_or_init(|| {
        Regex::new(r"《\s*([^》\s]{2,12})\s*》\s*（\s*(?:19|20)\d{2}年\d{1,2}月\d{1,2}日\s*\d{1,3}\s*版\s*）")
            .unwrap_or_else(|e| panic!("{e}"))
    });
    let dateline = DATELINE.get_or_init(|| {
        Regex::new(r"^（?(\p{Han}{1,3}社)[^\n电）。，]{0,12}电").unwrap_or_else(|e| panic!("{e}"))
    });
    if let Some(c) = credit.captures_iter(text).last() {
        return c.get(1).map(|m| m.as_str().to_owned());
    }
    text.lines()
        .take(6)
        .find_map(|l| dateline.captures(l.trim_start()))
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_owned())
}

/// （记者 张琪） at the end of a news text.
pub(super) fn reporter_in_body(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"[（(]记者\s*([^）)]{2,20})[）)]").unwrap_or_else(|e| panic!("{e}"))
    });
    re.captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().trim().to_owned())
}
