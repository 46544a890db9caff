//! Markup to text via scraper (html5ever): HTML, JSP/PHP, JSON-in-Java; keeps per-char input spans.
//!
//! Holds the public API and the top-level flow: `prescan` deletes server code, `json` lifts
//! article strings out of Java/JSON sources, `html` walks the DOM into an `output::Builder`,
//! aligning text to source bytes through `scanner`. Shared byte and CJK helpers live here.

mod html;
mod json;
mod output;
mod prescan;
mod scanner;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use crate::scan::floor_char_boundary;

use html::extract;
use json::json_blocks;
use output::{plain, Builder};
use prescan::strip_server_code;

/// Text extracted from markup, with, for every char of `text`, the byte range in the input it came from.
pub struct MarkupText {
    pub text: String,
    /// one entry per char of `text`: (start, end) byte offsets into the input &str.
    /// Chars the cleaner inserted (paragraph breaks) get an empty range (p, p) at the nearest input position.
    pub src: Vec<(u32, u32)>,
}

type Range = (u32, u32);

static STRONG_SIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<!doctype|<html[\s>]|<body[\s>]|<%[@=!-]|<\?php|<\\/[a-z]")
        .expect("static regex")
});
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)</?(?:p|div|br|span|a|b|i|u|em|strong|font|img|table|tr|td|th|li|ul|ol|h[1-6]|",
        r"title|head|meta|link|script|style|section|article|center|blockquote|pre|hr|",
        r"c:set|jsp:[a-z]+)(?:\s[^<>]*)?/?>"
    ))
    .expect("static regex")
});

/// Cheap sniff: does this decoded text look like markup/template source (HTML tags, <%@ , <?php, Java/JSON with "<p>" inside strings)?
pub fn looks_like_markup(input: &str) -> bool {
    let head = &input[..floor_char_boundary(input, 256 * 1024)];
    STRONG_SIGN.is_match(head) || TAG.find_iter(head).take(2).count() == 2
}

/// Extract article text. Never panics on any input (no unwrap/expect on input-dependent paths).
pub fn markup_to_text(input: &str) -> MarkupText {
    // Ranges are u32; anything beyond that cannot be addressed, so it is not read.
    let input = &input[..floor_char_boundary(input, u32::MAX as usize)];
    let mut b = Builder::default();
    let mut ctx = Ctx {
        markdown: is_markdown(input),
        ..Ctx::default()
    };
    if !looks_like_markup(input) {
        plain(input, &mut b);
        return b.finish();
    }
    let pre = strip_server_code(input);
    match json_blocks(&pre) {
        Some(blocks) => {
            for block in &blocks {
                b.brk(2);
                extract(block, true, &mut b, &mut ctx, 0);
                b.brk(2);
            }
        }
        None => extract(&pre, false, &mut b, &mut ctx, 0),
    }
    b.finish()
}

/// Caches shared by every segment of one input: decoded entities, and `c:set` texts already kept.
#[derive(Default)]
struct Ctx {
    entities: HashMap<String, String>,
    seen: HashSet<String>,
    /// Markdown with HTML inside (an archive of news pages): a blank line in text ends a
    /// paragraph, as Markdown reads it, instead of collapsing to a space as HTML would.
    markdown: bool,
}

/// Whether the input is Markdown that carries HTML: it opens with an ATX heading (`# 标题`)
/// and is no HTML document of its own.
fn is_markdown(input: &str) -> bool {
    let first = input.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let head = &input[..floor_char_boundary(input, 4096)];
    (first.starts_with("# ") || first.starts_with("## ")) && !STRONG_SIGN.is_match(head)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let tail = hay.get(from..)?;
    tail.windows(needle.len())
        .position(|w| w == needle)
        .map(|k| k + from)
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let tail = hay.get(from..)?;
    tail.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|k| k + from)
}

fn is_cjk(c: char) -> bool {
    let c = c as u32;
    (0x3400..=0x4DBF).contains(&c)
        || (0x4E00..=0x9FFF).contains(&c)
        || (0xF900..=0xFAFF).contains(&c)
        || (0x20000..=0x2FA1F).contains(&c)
}

fn is_wide(c: char) -> bool {
    is_cjk(c)
        || [
            (0x2E80, 0x303F),
            (0x3040, 0x31FF),
            (0xFE30, 0xFE4F),
            (0xFF00, 0xFF60),
            (0xFFE0, 0xFFE6),
        ]
        .iter()
        .any(|&(a, z)| (a..=z).contains(&(c as u32)))
}

fn cjk_count(s: &str) -> usize {
    s.chars().filter(|&c| is_cjk(c)).count()
}
