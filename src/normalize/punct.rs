//! Char-level folding after conversion: full-width letters/digits to ASCII, ASCII punctuation
//! inside Chinese to its full-width form, whitespace runs to one space, one `\n` per paragraph.

use crate::align::{AlignedBuilder, AlignedText};

/// CJK ideographs and CJK punctuation, the context that makes ASCII punctuation Chinese.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}' | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}')
}

/// Full-width ASCII letters, digits and a few signs to ASCII; everything else unchanged.
/// Chinese punctuation (，：；（）) keeps its full width: that is the normal Chinese form.
pub fn fold_width(c: char) -> char {
    match c {
        '０'..='９'
        | 'Ａ'..='Ｚ'
        | 'ａ'..='ｚ'
        | '％'
        | '．'
        | '＋'
        | '－'
        | '／'
        | '＝'
        | '＜'
        | '＞'
        | '＠'
        | '＆'
        | '＃' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

fn is_space(c: char) -> bool {
    c != '\n'
        && (c.is_whitespace()
            || c == '\u{3000}'
            || c == '\u{00A0}'
            || c == '\u{FEFF}'
            || c == '\u{200B}')
}

fn fullwidth_of(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '(' => '（',
        ')' => '）',
        '!' => '！',
        '?' => '？',
        _ => return None,
    })
}

pub(super) fn fold_chars(input: &AlignedText) -> AlignedText {
    // No per-char copy of the input: on a 10 MB file it was the largest allocation of a run.
    let text = input.as_str();
    let mut b = AlignedBuilder::with_capacity(input.as_str().len(), input.char_len());
    let mut pending_space: Option<(usize, usize)> = None;
    // Two or more ideographic spaces inside a line are a paragraph indent: text pasted from
    // web pages runs paragraphs together and marks each start only with them.
    let mut ideographic = 0usize;
    let mut at_line_start = true;
    for ((at, _), (c0, s, e)) in text.char_indices().zip(input.chars()) {
        let c = match c0 {
            '\r' => '\n',
            // Corner brackets are the traditional-text quotation marks.
            '「' => '“',
            '」' => '”',
            '『' => '‘',
            '』' => '’',
            _ => fold_width(c0),
        };
        if c == '\n' {
            pending_space = None;
            if !at_line_start {
                b.push('\n', s, e);
                at_line_start = true;
            }
            continue;
        }
        if is_space(c) {
            if c == '\u{3000}' {
                ideographic += 1;
            }
            if !at_line_start && pending_space.is_none() {
                pending_space = Some((s, e));
            } else if let Some((ps, _)) = pending_space {
                pending_space = Some((ps, e));
            }
            continue;
        }
        if let Some((ps, pe)) = pending_space.take() {
            b.push(if ideographic >= 2 { '\n' } else { ' ' }, ps, pe);
        }
        ideographic = 0;
        at_line_start = false;
        let c = match fullwidth_of(c) {
            Some(fw) if in_chinese_context(text, at, c0.len_utf8()) => fw,
            _ => c,
        };
        b.push(c, s, e);
    }
    b.trim_end_matches(|c| c == '\n' || c == ' ');
    b.finish()
}

/// ASCII punctuation counts as Chinese when a CJK char stands next to it (spaces skipped),
/// except between two digits (1,000 and 09:58 stay as they are).
fn in_chinese_context(text: &str, at: usize, len: usize) -> bool {
    let prev = text[..at].chars().rev().find(|&c| !is_space(c));
    let next = text[at + len..].chars().find(|&c| !is_space(c));
    let digit =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if digit(prev) && digit(next) {
        return false;
    }
    prev.is_some_and(is_cjk) || next.is_some_and(is_cjk)
}
