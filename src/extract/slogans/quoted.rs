//! Quotations (“…”): where they are, the clauses of one, the quotations that are no formulation
//! by what stands around them (`dictionaries/quote_cues.txt`), and the quotation marks a
//! lexicon hit must take in or leave out.

use super::is_han;
use crate::dict::Dictionaries;
use std::ops::Range;

/// A multi-clause quotation that is no formulation, by what stands around it
/// (`dictionaries/quote_cues.txt`): the name of a forum (“…”分论坛), a proverb (俗话说“…”),
/// speech opening with an obligation (他强调“要…，…”), a title with a colon, or a phrase that
/// qualifies a noun (“安全、可靠和值得信赖的”).
pub(super) fn no_formulation(text: &str, range: &Range<usize>, inner: &str) -> bool {
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
/// A quoted formula that names a brand (`dictionaries/quote_cues.txt`): 品牌 right after the
/// closing quote, or after 等, 文旅 … (深化“三秦四季”等品牌培育, 擦亮“三湘四水·相约湖南”文旅品牌).
pub(super) fn names_a_brand(text: &str, range: &Range<usize>) -> bool {
    let cues = &Dictionaries::get().quote_cues;
    let mut after = &text[range.end..];
    while let Some(rest) = cues
        .brand_lead
        .iter()
        .find_map(|w| after.strip_prefix(w.as_str()))
    {
        after = rest;
    }
    cues.brand.iter().any(|w| after.starts_with(w.as_str()))
}
/// The clauses of a quotation: split at 、，； and at a space between two ideographs (照镜子
/// 正衣冠). A space beside Latin letters or digits (Beautiful Life, 自 2005年) separates words,
/// not clauses.
pub(super) fn clauses(inner: &str) -> Vec<&str> {
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
/// “…” spans with their inner text (nesting ignored; unbalanced quotes skipped).
pub(super) fn quoted(text: &str) -> Vec<(Range<usize>, &str)> {
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
/// A range without its enclosing quotation marks.
pub(super) fn core(text: &str, r: &Range<usize>) -> Range<usize> {
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
/// A lexicon hit matched through punctuation can cut a quotation in two (“三个代表”重要思想
/// matches from 三 on, “两不误”、“两促进” from 两 to 进): take in the quotation mark beside
/// the hit that closes or opens one inside it, so `text` reads as written.
pub(super) fn balance_quotes(text: &str, r: Range<usize>) -> Range<usize> {
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
