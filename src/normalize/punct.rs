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

/// Bytes of the ideographs U+4E00..U+9FFF at the start of `bytes` (3 bytes each in UTF-8:
/// lead byte E5..E9, or E4 with a second byte from B8).
fn ideograph_run(bytes: &[u8]) -> usize {
    let mut n = 0;
    while let Some(&[b0, b1, _]) = bytes.get(n..n + 3) {
        if !(matches!(b0, 0xE5..=0xE9) || (b0 == 0xE4 && b1 >= 0xB8)) {
            break;
        }
        n += 3;
    }
    n
}

/// Whether `fold_chars` keeps `c` as it is whatever surrounds it: not a space or line break,
/// not folded to another width, not a quotation bracket, not a parenthesis (whose width
/// pairing it tracks). Such chars are copied in runs.
fn folds_to_itself(c: char) -> bool {
    match c {
        '\u{4E00}'..='\u{9FFF}' | '，' | '。' | '、' | '；' | '：' | '？' | '！' | '“' | '”' => {
            true
        }
        '\r' | '\n' | '「' | '」' | '『' | '』' | '（' | '）' => false,
        _ => !is_space(c) && fold_width(c) == c && fullwidth_of(c).is_none(),
    }
}

/// Bytes and chars at the start of `text` that fold to themselves: ideographs by their bytes,
/// then the other such chars one by one, so a run goes on across Chinese punctuation and
/// digits. The chars are counted here, where the run is read anyway.
fn plain_run(text: &str) -> (usize, usize) {
    let (mut n, mut chars) = (0, 0);
    loop {
        let ideographs = ideograph_run(&text.as_bytes()[n..]);
        n += ideographs;
        chars += ideographs / 3;
        match text[n..].chars().next() {
            Some(c) if folds_to_itself(c) => {
                n += c.len_utf8();
                chars += 1;
            }
            _ => return (n, chars),
        }
    }
}

/// Bytes `fold_chars` can make of `text` at most. Only widening ASCII punctuation to its
/// full-width form (1 byte to 3) lengthens a text; every other fold keeps or shortens it. A
/// builder sized to the input alone would double its buffer for the few bytes over, and a
/// large input then holds three copies of itself at once instead of two.
fn folded_len_bound(text: &str) -> usize {
    let widens = |b: &u8| matches!(b, b',' | b':' | b';' | b'(' | b')' | b'!' | b'?');
    // Eight bytes at a time: a word whose bytes all have their high bit set (most of a
    // Chinese text) holds no ASCII at all.
    let words = text.as_bytes().chunks_exact(8);
    let tail = words.remainder().iter().filter(|b| widens(b)).count();
    let widening: usize = words
        .filter(|w| w.iter().any(|b| b.is_ascii()))
        .map(|w| w.iter().filter(|b| widens(b)).count())
        .sum();
    text.len() + 2 * (widening + tail)
}

pub(super) fn fold_chars(input: &AlignedText) -> AlignedText {
    // No per-char copy of the input: on a 10 MB file it was the largest allocation of a run.
    let text = input.as_str();
    let mut b = AlignedBuilder::with_capacity(folded_len_bound(text), input.char_len());
    let mut pending_space: Option<(usize, usize)> = None;
    // Two or more ideographic spaces inside a line are a paragraph indent: text pasted from
    // web pages runs paragraphs together and marks each start only with them.
    let mut ideographic = 0usize;
    let mut at_line_start = true;
    // Whether each open ASCII parenthesis became full-width, innermost last.
    let mut parens: Vec<bool> = Vec::new();
    let (mut at, mut idx) = (0, 0);
    while at < text.len() {
        // Most of a Chinese text folds to itself (ideographs, Chinese punctuation): copy each
        // run as a block instead of char by char.
        let (run, chars) = plain_run(&text[at..]);
        if run > 0 {
            if let Some((ps, pe)) = pending_space.take() {
                b.push(if ideographic >= 2 { '\n' } else { ' ' }, ps, pe);
            }
            ideographic = 0;
            at_line_start = false;
            b.push_slice(input, idx..idx + chars);
            at += run;
            idx += chars;
            continue;
        }
        let Some(c0) = text[at..].chars().next() else {
            break;
        };
        let (s, e) = input.origin_of(idx);
        at += c0.len_utf8();
        idx += 1;
        let at = at - c0.len_utf8();
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
        // A closing parenthesis takes the width its opening one got, so pairs match: （20250404）
        // rather than （20250404), (1) rather than (1）.
        let c = match (c, fullwidth_of(c)) {
            (')', Some(fw)) => match parens.pop() {
                Some(true) => fw,
                Some(false) => c,
                None if in_chinese_context(text, at, c0.len_utf8()) => fw,
                None => c,
            },
            (_, Some(fw)) => {
                let wide = in_chinese_context(text, at, c0.len_utf8());
                if c == '(' {
                    parens.push(wide);
                }
                if wide {
                    fw
                } else {
                    c
                }
            }
            _ => c,
        };
        if c == '（' && c0 == '（' {
            parens.push(true);
        } else if c == '）' && c0 == '）' {
            parens.pop();
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_never_outgrows_its_bound() {
        let texts = [
            "督导组(试行)要求:一,二;三!四?",
            ",,,,(((())))!!??::;;",
            "1,000 and 09:58 (a) b",
            "「引」　　段落\r\n  Ａ１ ，空 格\u{3000}\u{3000}新段",
            "",
        ];
        let corpus: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect();
        assert!(!corpus.is_empty(), "corpus/ holds the seeds");
        for t in texts
            .iter()
            .copied()
            .chain(corpus.iter().map(String::as_str))
        {
            let naive = t.bytes().filter(|b| b",:;()!?".contains(b)).count();
            assert_eq!(folded_len_bound(t), t.len() + 2 * naive, "{t:?}");
            let folded = fold_chars(&AlignedText::identity(t));
            assert!(folded.as_str().len() <= folded_len_bound(t), "{t:?}");
            assert!(folded.char_len() <= AlignedText::identity(t).char_len());
        }
        // The bound is reached where every char widens.
        assert_eq!(
            fold_chars(&AlignedText::identity("甲,(乙)")).as_str(),
            "甲，（乙）"
        );
        assert_eq!(folded_len_bound("甲,(乙)"), "甲，（乙）".len());
    }

    #[test]
    fn ideograph_runs_stop_at_anything_else() {
        assert_eq!(ideograph_run("一丁督导组，".as_bytes()), 15);
        assert_eq!(ideograph_run("鿿".as_bytes()), 3, "U+9FFF is the last one");
        // U+4DFF (a hexagram, E4 B7 BF) and U+3000 are not ideographs; ASCII ends a run.
        assert_eq!(ideograph_run("䷿".as_bytes()), 0);
        assert_eq!(ideograph_run("\u{3000}组".as_bytes()), 0);
        assert_eq!(ideograph_run("组a组".as_bytes()), 3);
        assert_eq!(ideograph_run(b""), 0);
    }

    #[test]
    fn plain_runs_cross_chinese_punctuation_and_stop_where_folding_starts() {
        // Digits, %, Chinese punctuation and quotes stay; the ASCII comma may widen.
        let s = "督导组“两不误”，占99.4%。共,";
        let (bytes, chars) = plain_run(s);
        assert_eq!(&s[..bytes], "督导组“两不误”，占99.4%。共");
        assert_eq!(chars, s[..bytes].chars().count());
        for stop in ["（一）", " 二", "\n三", "Ａ", "「引」", "\u{3000}"] {
            assert_eq!(plain_run(&format!("{stop}甲")), (0, 0), "{stop:?}");
        }
        assert_eq!(plain_run(""), (0, 0));
    }
}
