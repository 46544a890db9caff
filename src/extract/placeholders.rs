//! Template placeholders left in a text (xxx个单位, ××区, XX同志, 某某): not metrics, but worth
//! reporting to office staff checking a draft made from a template.

use crate::scan::{self, Literals, Prefer};
use regex::Regex;
use serde::Serialize;
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Debug, Clone, Serialize)]
pub struct Placeholder {
    /// The placeholder with the word it stands in (××区, xxx个单位).
    pub text: String,
    #[serde(skip)]
    pub range: Range<usize>,
}

const PATTERN: &str = r"(?:[xX]{2,}|[×＊*]{2,}|○○|□□|ＸＸ)(?:(?:个|名|家|项|人|次)[\p{Han}]{1,2}|[区县市乡镇村省部局委]|同志)?";

/// The pattern, matched only at the start of the haystack it is given.
fn anchored() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!("^(?:{PATTERN})"))
            .unwrap_or_else(|e| panic!("placeholder pattern: {e}"))
    })
}

/// The chars beyond ASCII that a placeholder opens with, each three bytes long.
fn wide_openers() -> &'static Literals {
    static SET: OnceLock<Literals> = OnceLock::new();
    SET.get_or_init(|| Literals::new(&["＊", "○", "□", "Ｘ"], Prefer::First))
}

/// Byte offsets of every char a placeholder can open with (x, X, *, ×, ＊, ○, □, Ｘ), in order.
/// The pattern's own prefilter searches for the first two bytes of its literals, and ＊＊ and
/// ＸＸ share theirs (EF BC) with every full-width punctuation mark; here the ASCII chars are
/// found by `memchr3`, × by its own search, and the three-byte chars by all their bytes.
fn openers(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut at: Vec<usize> = memchr::memchr3_iter(b'x', b'X', b'*', bytes).collect();
    at.extend(memchr::memmem::find_iter(bytes, "×".as_bytes()));
    at.extend(wide_openers().find_iter(text).map(|f| f.start));
    at.sort_unstable();
    at
}

pub fn placeholders(text: &str) -> Vec<Placeholder> {
    // Every match opens with one of `openers`.
    let found = scan::leftmost_matches(openers(text).into_iter(), |s| {
        let end = s + anchored().find(&text[s..])?.end();
        Some((s..end, end))
    });
    found
        // A run of letters inside a Latin word (taxxx) is not a placeholder.
        .filter(|r| {
            !text[..r.start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphabetic())
        })
        .map(|range| Placeholder {
            text: text[range.clone()].to_owned(),
            range,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_gaps_are_found() {
        let got: Vec<String> = placeholders("共有xxx个单位参加，××区保持先进性，Maxxx公司")
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(got, vec!["xxx个单位", "××区"]);
    }

    /// The anchored search must find what the pattern's own scan of the whole text finds.
    #[test]
    fn anchored_search_finds_what_the_whole_text_scan_finds() {
        let whole = Regex::new(PATTERN).unwrap();
        let mut texts = vec![
            "共有xxx个单位参加，××区保持先进性，Maxxx公司，＊＊＊同志，○○○○县，□□局（ＸＸ）",
            "x×＊*○□Ｘ，xX*×＊＊*，xxxxx个人员，××××，**，○□○□，ＸＸＸ同志，（＊）＋",
            "全角，：（）；！？“”——没有占位符的一段文字。",
        ]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        for e in std::fs::read_dir(root).unwrap() {
            texts.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
        }
        let mut found = 0;
        for t in &texts {
            let want: Vec<(usize, usize)> = whole
                .find_iter(t)
                .filter(|m| {
                    !t[..m.start()]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_ascii_alphabetic())
                })
                .map(|m| (m.start(), m.end()))
                .collect();
            let got: Vec<(usize, usize)> = placeholders(t)
                .iter()
                .map(|p| (p.range.start, p.range.end))
                .collect();
            assert_eq!(got, want, "{t}");
            found += got.len();
        }
        assert!(found > 10, "{found}");
    }
}
