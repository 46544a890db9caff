//! Find enumerators in a document's paragraphs: 一、 （一） 1、 1. （1） ① 第一， 一是 一要 1要 一看.
//! Ordinals that are not enumerators (第一批, 第一线, 第14指导组) never match: an ordinal only
//! counts when punctuation follows it, and inline styles need a boundary before them.

use crate::numeral;
use crate::scan::CharBits;
use serde::Serialize;
use std::sync::OnceLock;

/// Numbering style of an enumerator; the family decides which markers continue a sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Style {
    /// 一、
    CnComma,
    /// （一）
    CnParen,
    /// 1、 1.
    Arabic,
    /// （1）
    ArabicParen,
    /// ① ②
    Circled,
    /// 第一， 第一、 第一：
    Ordinal,
    /// 一是
    CnShi,
    /// 一要
    CnYao,
    /// 一看
    CnKan,
    /// 1要
    ArabicYao,
}

impl Style {
    /// Block styles head a paragraph and outrank the inline ones.
    pub fn is_block(self) -> bool {
        matches!(
            self,
            Style::CnComma | Style::CnParen | Style::Arabic | Style::ArabicParen | Style::Circled
        )
    }

    /// Styles that may continue each other's numbering (一要…二要…三是…四是).
    pub fn family(self) -> u8 {
        match self {
            Style::CnShi | Style::CnYao | Style::CnKan => 1,
            other => 10 + other as u8,
        }
    }
}

/// One enumerator occurrence, with byte offsets in the document text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub style: Style,
    pub number: u32,
    /// Byte range of the marker itself (`一、`, `（一）`, `一是`).
    pub start: usize,
    pub end: usize,
    /// Index of the paragraph (line) it sits in, and whether it opens that paragraph.
    pub paragraph: usize,
    pub initial: bool,
    /// An Arabic marker right before a digit (8.2022年世界互联网大会…): it may as well be a
    /// decimal (53.3%), so it counts only inside a sequence.
    pub before_digit: bool,
    /// An Arabic marker after a space inside a paragraph (出发！ 4.李克强…, where a Markdown
    /// line break was joined): it counts only right after its predecessor.
    pub after_space: bool,
}

/// The digits of an enumerator numeral (a `matches!`, not a string search: it runs per char).
fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// A space PDF-extracted text leaves inside brackets (legco Hansard: `(一 )`, `（ 2 ）`); the
/// normalized text has ASCII spaces only, U+3000 is for text that did not go through it.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}')
}

/// The char length of a closing bracket at `chars[k]`, with at most one space before it.
fn closing(chars: &[(usize, char)], k: usize) -> Option<usize> {
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let space = usize::from(at(k).is_some_and(is_space));
    matches!(at(k + space), Some('）' | ')')).then_some(space + 1)
}

fn is_boundary(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => matches!(
            c,
            '，' | '。' | '；' | '：' | '！' | '？' | '、' | '“' | '（' | ' ' | '…' | '—'
        ),
    }
}

/// A Chinese enumerator number: one digit, or a positional numeral with 十 (十一, 二十, 二十三).
/// Read straight from the chars: it runs for every numeral char of a document.
fn cn_number(chars: &[(usize, char)], i: usize) -> Option<(u32, usize)> {
    let digit = |k: usize| -> Option<u32> {
        let (_, c) = *chars.get(i + k)?;
        // 十 is the only non-digit among the enumerator chars.
        is_cn_digit(c).then(|| numeral::digit_value(c).map_or(10, |v| v as u32))
    };
    let (d0, d1, d2) = (digit(0)?, digit(1), digit(2));
    match (d1, d2) {
        // X十Y
        (Some(10), Some(y)) if d0 < 10 && y < 10 => Some((d0 * 10 + y, 3)),
        // X十
        (Some(10), _) if d0 < 10 => Some((d0 * 10, 2)),
        // 十Y
        (Some(y), _) if d0 == 10 && y < 10 => Some((10 + y, 2)),
        _ => Some((d0, 1)),
    }
}

fn arabic_number(chars: &[(usize, char)], i: usize) -> Option<(u32, usize)> {
    let len = chars[i..]
        .iter()
        .take(3)
        .take_while(|(_, c)| c.is_ascii_digit())
        .count();
    if len == 0 || len > 2 {
        return None;
    }
    let s: String = chars[i..i + len].iter().map(|(_, c)| c).collect();
    let v: u32 = s.parse().ok()?;
    (1..=99).contains(&v).then_some((v, len))
}

/// The chars a marker can start with: the per-char test of the scan, everything else is looked
/// at only where it passes. A bit per char (`CharBits`): a load and a test per char of the
/// text, where a `matches!` over the scattered code points of the numerals was a chain of
/// compares (a fifth of the outline's instructions).
fn openers() -> &'static CharBits {
    static OPENERS: OnceLock<CharBits> = OnceLock::new();
    OPENERS.get_or_init(|| {
        ('0'..='9')
            .chain('①'..='⑳')
            .chain([
                '（', '(', '第', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十',
            ])
            .collect()
    })
}

/// Can a marker that starts with `c` (one of `openers`) go on with `next`? Every marker but a
/// circled number has a numeral right after its opener, and a numeral (of at most three
/// chars) is followed by the char that ends the marker: `marker_at` finds nothing where this
/// is false.
fn may_follow(c: char, next: Option<char>) -> bool {
    let Some(n) = next else {
        return matches!(c, '①'..='⑳');
    };
    match c {
        '①'..='⑳' => true,
        '（' | '(' => is_cn_digit(n) || n.is_ascii_digit() || is_space(n),
        '第' => is_cn_digit(n),
        _ if c.is_ascii_digit() => n.is_ascii_digit() || matches!(n, '要' | '、' | '.' | '．'),
        _ => is_cn_digit(n) || matches!(n, '、' | '是' | '要' | '看'),
    }
}

/// The chars one marker test may look at: the one before the candidate, the candidate, and
/// the chars after it up to the one following the longest marker (（ 二十三 ）, seven chars,
/// whose end is read as that char's offset), with one to spare.
const WINDOW: usize = 10;

/// Scan one paragraph (`line`, starting at byte `base` of the document) for enumerators.
pub fn scan_paragraph(line: &str, base: usize, paragraph: usize, out: &mut Vec<Marker>) {
    // Char by char only the opener test runs; the window of chars around a candidate is gathered
    // where it passes. A found marker's own chars are not candidates (`resume`).
    let mut resume = 0;
    let mut prev: Option<(usize, char)> = None;
    let openers = openers();
    for (b, c) in line.char_indices() {
        let before = prev.replace((b, c));
        if b < resume || !openers.contains(c) {
            continue;
        }
        // Most candidates are numerals inside words (一个, 统一): the char after them settles it.
        if !may_follow(c, line[b + c.len_utf8()..].chars().next()) {
            continue;
        }
        let mut window = [(0usize, '\0'); WINDOW];
        let mut len = 0;
        let from_here = line[b..].char_indices().map(|(k, ch)| (b + k, ch));
        for (slot, item) in window.iter_mut().zip(before.into_iter().chain(from_here)) {
            *slot = item;
            len += 1;
        }
        let chars = &window[..len];
        let i = usize::from(before.is_some());
        if let Some((style, number, n)) = marker_at(chars, i) {
            // 第（二）部分 names a part of a question; the space a PDF leaves after 第 (答覆第
            // (三 )部分) makes the bracket look as if it followed a boundary.
            let bracketed = matches!(style, Style::CnParen | Style::ArabicParen);
            if bracketed && before.is_some_and(|(k, c)| c == ' ' && line[..k].ends_with('第')) {
                continue;
            }
            // A window shorter than WINDOW holds the rest of the line, so past its end
            // is the line's end.
            let end = chars.get(i + n).map_or(line.len(), |&(k, _)| k);
            if style == Style::ArabicParen && i > 0 && is_a_table_note(&line[end..]) {
                continue;
            }
            let before_digit = style == Style::Arabic
                && chars.get(i + n).is_some_and(|&(_, c)| c.is_ascii_digit());
            // A figure alone or in a table row (1.5 2.3) has no words: no item, whatever
            // sequence it sits in.
            let figure = line[end..].trim_start_matches(|c: char| c.is_ascii_digit());
            if before_digit && (figure.is_empty() || figure.starts_with(is_space)) {
                continue;
            }
            out.push(Marker {
                style,
                number,
                start: base + b,
                end: base + end,
                paragraph,
                initial: i == 0,
                before_digit,
                after_space: style == Style::Arabic && before.is_some_and(|(_, c)| c == ' '),
            });
            resume = end;
        }
    }
}

/// Whether what follows a bracketed number inside a paragraph makes it a note reference in a
/// table cell (Hansard: 速递服务 （4）、资讯及通讯 7,676.3 | 社会及个人服务 （6） 12,560.0 | 数目
/// （2）⏎): a figure or a dash after a space, a 、, or nothing before the line ends. An item
/// goes on with its words (…：（1）新民主主义革命理论；).
fn is_a_table_note(rest: &str) -> bool {
    let words = rest.trim_start_matches(is_space);
    let spaced = words.len() < rest.len();
    words.is_empty()
        || rest.starts_with(['、', '。', '）', ')'])
        || (spaced && words.starts_with(|c: char| c.is_ascii_digit() || c == '-'))
}

/// The marker (style, number, length in chars) starting at `chars[i]`, where `chars[i - 1]`,
/// if any, is the char before it in the paragraph and `i == 0` means it opens the paragraph.
fn marker_at(chars: &[(usize, char)], i: usize) -> Option<(Style, u32, usize)> {
    let prev = if i == 0 { None } else { Some(chars[i - 1].1) };
    let initial = i == 0;
    let next = |k: usize| chars.get(k).map(|&(_, c)| c);
    let mut found: Option<(Style, u32, usize)> = None; // style, number, char length
    let c = chars.get(i)?.1;
    if (c == '（' || c == '(') && (initial || is_boundary(prev)) {
        // One space may follow the opening bracket, and one precede the closing one.
        let open = 1 + usize::from(next(i + 1).is_some_and(is_space));
        if let Some((v, n)) = cn_number(chars, i + open) {
            if let Some(close) = closing(chars, i + open + n) {
                found = Some((Style::CnParen, v, open + n + close));
            }
        } else if let Some((v, n)) = arabic_number(chars, i + open) {
            if let Some(close) = closing(chars, i + open + n) {
                found = Some((Style::ArabicParen, v, open + n + close));
            }
        }
    } else if ('①'..='⑳').contains(&c) && (initial || is_boundary(prev)) {
        found = Some((Style::Circled, c as u32 - '①' as u32 + 1, 1));
    } else if c == '第' && (is_boundary(prev) || prev == Some('及')) {
        if let Some((v, n)) = cn_number(chars, i + 1) {
            let sep = next(i + 1 + n);
            // 第一、第二、第三产业, 第一、二、三联: a list of ordinals, as 一、二、三产业 is one of
            // numerals. The next ordinal follows the 、 (第二、第一时间 may be a heading).
            let after = i + 2 + n + usize::from(next(i + 2 + n) == Some('第'));
            let listy =
                sep == Some('、') && cn_number(chars, after).is_some_and(|(w, _)| w == v + 1);
            if matches!(sep, Some('，' | '、' | '：')) && !listy {
                found = Some((Style::Ordinal, v, n + 2));
            }
        }
    } else if let Some((v, n)) = cn_number(chars, i) {
        match next(i + n) {
            Some('、') => {
                let after = next(i + n + 1);
                // 一、二、三产业 is a list of numerals, not a heading; a heading may open with
                // one (一、一年接着一年干, 一、二○二五年工作回顾) where it opens its paragraph.
                let listy = after.is_some_and(is_cn_digit)
                    && (!initial || matches!(next(i + n + 2), Some('、' | '产')));
                let inline_ok = matches!(prev, Some('。' | '！' | '？' | '：' | '；'));
                if (initial || inline_ok) && !listy {
                    found = Some((Style::CnComma, v, n + 1));
                }
            }
            // 六要素, 三要求, 四要点: the 要 starts a noun, it is no 一要-style marker.
            Some('要') if matches!(next(i + n + 1), Some('素' | '求' | '点' | '务' | '件')) =>
                {}
            Some(w @ ('是' | '要' | '看')) if is_boundary(prev) => {
                let style = match w {
                    '是' => Style::CnShi,
                    '要' => Style::CnYao,
                    _ => Style::CnKan,
                };
                found = Some((style, v, n + 1));
            }
            _ => {}
        }
    } else if c.is_ascii_digit() && !prev.is_some_and(|p| p.is_ascii_digit() || p == '.') {
        if let Some((v, n)) = arabic_number(chars, i) {
            match next(i + n) {
                Some('要') if is_boundary(prev) => found = Some((Style::ArabicYao, v, n + 1)),
                Some('、' | '.' | '．') => {
                    let after = next(i + n + 1);
                    // After a space only in a run of items (`decide_by_sequence`).
                    let inline_ok = matches!(prev, Some('。' | '；' | '：' | ' '));
                    // 8.2022年… opening a paragraph may be an item whose text opens with a
                    // figure; `decide_by_sequence` keeps it only where the sequence asks for it.
                    let digit_ok = !after.is_some_and(|a| a.is_ascii_digit()) || initial;
                    if (initial || inline_ok) && digit_ok {
                        found = Some((Style::Arabic, v, n + 1));
                    }
                }
                _ => {}
            }
        }
    }
    found
}

/// How many paragraphs an item opening with a figure may lie from the item before (or, for
/// a 1., after) it: a summary's items follow each other, a wrapped item spans a line or two.
const FIGURE_ITEM_GAP: usize = 3;

/// Decide the Arabic markers that only their sequence makes items.
///
/// One right before a digit (`before_digit`) may as well open a decimal (3.6%的增幅,
/// 2.5米口径): a number N is an item when the closest Arabic marker before it is N−1 (for a
/// 1., the closest after it is 2) with no section break between (`broken(p, q)`: one lies in
/// paragraphs p+1..=q), and the closest block marker on that side (the last （n） of a
/// sub-list under N−1) lies at most `FIGURE_ITEM_GAP` paragraphs away. The word after the
/// figure does not tell: 7.1—10月我国服务进出口, 3.7.9亿人次 are items, 3.0版将打造 after 15.
/// is none.
///
/// One after a space inside a paragraph (`after_space`: a Markdown summary whose items were
/// single lines, joined into one paragraph: 内容： 1.…； 2.…；) is an item when the closest
/// Arabic marker before it is N−1 in its paragraph or the one before (for a 1., the closest
/// after it is 2 in its paragraph). Other markers pass unchanged.
pub fn decide_by_sequence(
    markers: Vec<Marker>,
    broken: impl Fn(usize, usize) -> bool,
) -> Vec<Marker> {
    let keep: Vec<bool> = markers
        .iter()
        .enumerate()
        .map(|(i, m)| {
            if m.after_space {
                let (o, wanted, gap) = if m.number > 1 {
                    let o = markers[..i].iter().rev().find(|o| o.style == Style::Arabic);
                    (o, m.number - 1, 1)
                } else {
                    (
                        markers[i + 1..].iter().find(|o| o.style == Style::Arabic),
                        2,
                        0,
                    )
                };
                return o.is_some_and(|o| {
                    o.number == wanted && o.paragraph.abs_diff(m.paragraph) <= gap
                });
            }
            if !m.before_digit {
                return true;
            }
            // The closest Arabic marker is at most the one next to it: the scans stay short.
            let (side, wanted): (Box<dyn Iterator<Item = &Marker>>, u32) = if m.number > 1 {
                (Box::new(markers[..i].iter().rev()), m.number - 1)
            } else {
                (Box::new(markers[i + 1..].iter()), 2)
            };
            let mut blocks = side.filter(|o| o.style.is_block()).peekable();
            let near = blocks
                .peek()
                .is_some_and(|o| o.paragraph.abs_diff(m.paragraph) <= FIGURE_ITEM_GAP);
            near && blocks.find(|o| o.style == Style::Arabic).is_some_and(|o| {
                let (p, q) = (o.paragraph.min(m.paragraph), o.paragraph.max(m.paragraph));
                o.number == wanted && !broken(p, q)
            })
        })
        .collect();
    kept(markers, keep)
}

/// The markers whose `keep` is true.
fn kept(markers: Vec<Marker>, keep: Vec<bool>) -> Vec<Marker> {
    markers
        .into_iter()
        .zip(keep)
        .filter_map(|(m, k)| k.then_some(m))
        .collect()
}

/// Keep a marker when it opens its paragraph as a block heading, or when it belongs to a
/// sequence: a neighbour of the same family numbered one more or one less. A lone 一是 inside
/// prose is more often a word than an enumerator.
pub fn keep_sequences(markers: Vec<Marker>) -> Vec<Marker> {
    // Sections of a speech run for pages; inline series stay within a few paragraphs.
    let window = |s: Style| if s.is_block() { 60_000 } else { 6_000 };
    let keep: Vec<bool> = markers
        .iter()
        .enumerate()
        .map(|(i, m)| {
            // An item opening with a figure went through `decide_by_sequence` already.
            if m.initial && m.style.is_block() {
                return true;
            }
            let near = |o: &Marker| {
                o.style.family() == m.style.family()
                    && (o.number + 1 == m.number || m.number + 1 == o.number)
                    && o.start.abs_diff(m.start) <= window(m.style)
            };
            markers[..i].iter().rev().take(40).any(near)
                || markers[i + 1..].iter().take(40).any(near)
        })
        .collect();
    kept(markers, keep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_opener_bitmap_is_the_opener_test() {
        let by_match = |c: char| {
            matches!(c, '（' | '(' | '第' | '①'..='⑳') || c.is_ascii_digit() || is_cn_digit(c)
        };
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            assert_eq!(openers().contains(c), by_match(c), "{c:?}");
        }
    }

    #[test]
    fn a_candidate_may_follow_rejects_is_no_marker() {
        // Every opener, then every char `may_follow` rejects after it, then chars a marker could
        // go on with; with and without a boundary before it.
        let opening: Vec<char> = (0..0x1_0000u32)
            .filter_map(char::from_u32)
            .filter(|&c| openers().contains(c))
            .collect();
        let tails = ["", "）", "、是", "一）", "1."];
        // ASCII, general and CJK punctuation, full-width forms, and a sample of the ideographs
        // with every numeral among them.
        let nexts: Vec<char> = (0..0x1_0000u32)
            .filter_map(char::from_u32)
            .filter(|&c| match c as u32 {
                0..=0x7F | 0x2000..=0x303F | 0xFF00..=0xFFEF => true,
                _ => c as u32 % 31 == 0 || openers().contains(c) || "是要看".contains(c),
            })
            .collect();
        let mut rejected = 0;
        for &c in &opening {
            for &n in nexts.iter().filter(|&&n| !may_follow(c, Some(n))) {
                rejected += 1;
                for prev in [None, Some('。')] {
                    for tail in tails {
                        let chars: Vec<(usize, char)> = prev
                            .into_iter()
                            .chain([c, n])
                            .chain(tail.chars())
                            .enumerate()
                            .collect();
                        let i = usize::from(prev.is_some());
                        assert_eq!(marker_at(&chars, i), None, "{prev:?} {c} {n} {tail}");
                    }
                }
            }
            if !may_follow(c, None) {
                let chars = [(0, '。'), (1, c)];
                assert_eq!(marker_at(&chars, 1), None, "{c} at the end");
            }
        }
        assert!(rejected > 0);
    }

    fn scan(s: &str) -> Vec<(Style, u32, String)> {
        let mut out = Vec::new();
        for (p, line) in s.split('\n').enumerate() {
            let base = s.split('\n').take(p).map(|l| l.len() + 1).sum();
            scan_paragraph(line, base, p, &mut out);
        }
        keep_sequences(out)
            .into_iter()
            .map(|m| (m.style, m.number, s[m.start..m.end].to_owned()))
            .collect()
    }

    #[test]
    fn block_markers_at_paragraph_start() {
        let got = scan("一、提高认识\n（二）精心组织。\n(三)注重创新\n1、摆正位置\n2.找准切入点\n（1）第一项\n①其一");
        let markers: Vec<&str> = got.iter().map(|g| g.2.as_str()).collect();
        assert_eq!(
            markers,
            vec!["一、", "（二）", "(三)", "1、", "2.", "（1）", "①"]
        );
        assert_eq!(got[1].1, 2);
    }

    #[test]
    fn inline_series_need_a_neighbour_and_a_boundary() {
        let got =
            scan("通过督导，一是督促落实；二是找准问题；三是加强指导。要统一要求，唯一是举。");
        let nums: Vec<(Style, u32)> = got.iter().map(|g| (g.0, g.1)).collect();
        assert_eq!(
            nums,
            vec![(Style::CnShi, 1), (Style::CnShi, 2), (Style::CnShi, 3)]
        );
        assert!(scan("这是其中一是非问题。").is_empty());
    }

    #[test]
    fn ordinals_that_are_not_enumerators() {
        for s in [
            "第一批单位，第二批单位",
            "第一线、第一时间",
            "第14指导组",
            "第一责任人",
            "第一阶段和第二阶段",
        ] {
            assert!(scan(s).is_empty(), "{s} gave {:?}", scan(s));
        }
        let got = scan("第一，派出督导组。第二，加强指导。");
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn longest_markers_keep_their_byte_ranges_at_the_window_edges() {
        // （二十三） is the longest marker without spaces (five chars); each marker here ends its
        // line or is followed by one char. Raw markers, before sequence filtering, exact byte ranges.
        let mut out = Vec::new();
        scan_paragraph("。（十二）", 7, 0, &mut out);
        scan_paragraph("（二十三）", 0, 1, &mut out);
        scan_paragraph("甲。第十二，乙", 100, 2, &mut out);
        // With a space inside each bracket it is seven chars (PDF-extracted Hansard).
        scan_paragraph("。（ 二十三 ）甲", 0, 3, &mut out);
        scan_paragraph("（ 二十三 ）甲", 0, 4, &mut out);
        let got: Vec<(Style, u32, usize, usize, bool)> = out
            .iter()
            .map(|m| (m.style, m.number, m.start, m.end, m.initial))
            .collect();
        assert_eq!(
            got,
            vec![
                (Style::CnParen, 12, 10, 22, false),
                (Style::CnParen, 23, 0, 15, true),
                (Style::Ordinal, 12, 106, 118, false),
                (Style::CnParen, 23, 3, 20, false),
                (Style::CnParen, 23, 0, 17, true),
            ]
        );
    }

    #[test]
    fn arabic_yao_and_decimals() {
        let got = scan("做好以下工作。1要指导学习。2要组织调研。增长1.5%，13-14个单位。");
        let markers: Vec<&str> = got.iter().map(|g| g.2.as_str()).collect();
        assert_eq!(markers, vec!["1要", "2要"]);
    }

    /// The bug of the outline review: “六要素” gave a 六要 marker.
    #[test]
    fn a_count_of_elements_is_no_yao_marker() {
        assert!(scan("把握“六要素”，落实三要求。").is_empty());
        let got = scan("一要学习，二要实践。");
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn inline_cn_comma_after_a_sentence_end_but_not_in_counts() {
        let got = scan("我讲五个问题。一、充分认识意义\n二、准确把握要点\n获一、二等奖。");
        let markers: Vec<&str> = got.iter().map(|g| g.2.as_str()).collect();
        assert_eq!(markers, vec!["一、", "二、"]);
    }
}
