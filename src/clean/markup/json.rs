//! Java/JSON sources: finds the string values that hold the article and un-escapes them,
//! keeping each decoded char mapped to its escape sequence in the input.
//!
//! Talks to `prescan` for `Mapped` and to the parent for the CJK count.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::cjk_count;
use super::prescan::Mapped;

static JSON_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""[A-Za-z_$][\w$]*"\s*:\s*"((?:[^"\\\r\n]|\\.)*)""#).expect("static regex")
});
static ANY_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>").expect("static regex"));

/// Java/JSON sources keep the article in string values. When such values (HTML or long CJK text)
/// hold most of the CJK in the file, they are the article and everything else is scaffolding.
pub(super) fn json_blocks(pre: &Mapped) -> Option<Vec<Mapped>> {
    let total = cjk_count(&pre.text);
    let (mut found, mut seen, mut blocks) = (0, HashSet::new(), Vec::new());
    for cap in JSON_FIELD.captures_iter(&pre.text) {
        let Some(g) = cap.get(1) else { continue };
        let v = json_unescape(pre, g.start(), g.end());
        let n = cjk_count(&v.text);
        if n >= 8 || ANY_TAG.is_match(&v.text) {
            found += n;
            // the same JSON is often pasted twice (class comment and field comment)
            if seen.insert(v.text.clone()) {
                blocks.push(v);
            }
        }
    }
    (total > 0 && found * 2 > total).then_some(blocks)
}

pub(super) fn json_unescape(pre: &Mapped, s: usize, e: usize) -> Mapped {
    let t = pre.text.get(s..e).unwrap_or("");
    let mut m = Mapped::with_ranges(String::new(), Vec::new(), pre.point(e));
    let mut it = t.char_indices().peekable();
    let hex4 = |at: usize| {
        t.get(at..at + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    while let Some((i, c)) = it.next() {
        let (ch, len) = match (c, it.peek().map(|x| x.1)) {
            ('\\', Some('u')) => match hex4(i + 2) {
                Some(hi @ 0xD800..=0xDBFF) => match (t.get(i + 6..i + 8), hex4(i + 8)) {
                    (Some("\\u"), Some(lo @ 0xDC00..=0xDFFF)) => (
                        char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)),
                        12,
                    ),
                    _ => (Some('\u{FFFD}'), 6),
                },
                Some(cp) => (Some(char::from_u32(cp).unwrap_or('\u{FFFD}')), 6),
                None => (None, 1),
            },
            ('\\', Some(x)) => match x {
                '"' | '\\' | '/' | '\'' => (Some(x), 2),
                'n' => (Some('\n'), 2),
                't' => (Some('\t'), 2),
                'r' => (Some('\r'), 2),
                'b' => (Some('\u{8}'), 2),
                'f' => (Some('\u{c}'), 2),
                _ => (None, 1),
            },
            _ => (None, c.len_utf8()),
        };
        let r = pre
            .compose(s + i, s + i + len, false)
            .unwrap_or((pre.point(s + i), pre.point(s + i)));
        m.push(ch.unwrap_or(c), r);
        while it.peek().is_some_and(|&(j, _)| j < i + len) {
            it.next();
        }
    }
    m
}
