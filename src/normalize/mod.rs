//! Normalize text for extraction: traditional → simplified (through `convert`), full-width
//! letters and digits → ASCII, ASCII punctuation inside Chinese → full-width, whitespace
//! collapsed to one space and one newline per paragraph — keeping the alignment to the input.

pub mod convert;
mod punct;

use crate::align::{AlignedBuilder, AlignedText};
pub use convert::{Conversion, Converter, Fmmseg};
pub use punct::{fold_width, is_cjk};
use std::sync::OnceLock;

/// Chars OpenCC never rewrites and never looks across (its own segment delimiters include
/// them), so conversion can be aligned segment by segment between them.
fn is_hard_delimiter(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | ' ' | '\t' | '\u{3000}' | '。' | '，' | '、' | '；' | '：' | '？' | '！'
    )
}

/// Largest piece of text converted at once. OpenCC's working copies of what it converts (a
/// char vector, the output) then stay small even for a 10 MB document; pieces end at a line
/// break, which OpenCC never looks across, so the output is that of converting the whole text.
const PIECE: usize = 1 << 18;

/// Convert `input` with `converter`, aligning every output char to the input chars it came from.
/// Segments keep their length almost always (1:1 map); where a phrase changes length
/// (沙烏地阿拉伯 → 沙特阿拉伯) the common prefix and suffix stay 1:1 and the middle maps as a block.
pub fn convert_aligned(input: &AlignedText, converter: &dyn Converter) -> AlignedText {
    convert_owned(input.clone(), converter)
}

/// `convert_aligned` on a text the caller hands over. Most input is already simplified, and
/// t2s rewrites a traditional char with one of the same UTF-8 width: such pieces are written
/// over the input itself, so a 50 MB file is not copied (and its pages touched afresh) for a
/// few changed lines. From the first piece that changes width on, the output is built anew.
fn convert_owned(mut input: AlignedText, converter: &dyn Converter) -> AlignedText {
    if converter.conversion() == Conversion::None {
        return input;
    }
    let pieces = changing_pieces(input.as_str(), converter);
    // A large document's pieces are converted a pool's width at a time in parallel (OpenCC is
    // half of `prepare`), then aligned in order; a group bounds the converted copies held.
    let group = if pieces.len() > 1 {
        rayon::current_num_threads().max(1)
    } else {
        1
    };
    // Built at the first piece whose conversion changes widths; until then the input is
    // rewritten where it stands. `done` is the input char the output has reached: unchanged
    // text between changed pieces is copied as one slice when the next change (or the end)
    // comes.
    let mut built: Option<AlignedBuilder> = None;
    let mut done = 0;
    for batch in pieces.chunks(group) {
        let text = input.as_str();
        let outputs: Vec<String> = if batch.len() > 1 {
            use rayon::prelude::*;
            batch
                .par_iter()
                .map(|p| converter.convert(&text[p.clone()]))
                .collect()
        } else {
            batch
                .iter()
                .map(|p| converter.convert(&text[p.clone()]))
                .collect()
        };
        for (piece, converted) in batch.iter().cloned().zip(outputs) {
            if converted == input.as_str()[piece.clone()] {
                continue;
            }
            if built.is_none() && input.rewrite_same_widths(piece.clone(), &converted) {
                continue;
            }
            let b = built.get_or_insert_with(|| {
                AlignedBuilder::with_capacity(input.as_str().len(), input.char_len())
            });
            done = convert_one(&input, piece, &converted, done, b, converter);
        }
    }
    match built {
        Some(mut b) => {
            b.push_slice(&input, done..input.char_len());
            b.finish()
        }
        None => input,
    }
}

/// Stretches of whole lines of `text` that conversion may change, each up to about `PIECE`
/// bytes: lines the converter is sure to keep are never handed to it. OpenCC never looks
/// across a line break, so converting line by line gives what converting the whole does.
/// Short unchanged gaps stay inside a piece, where one call costs less than two.
fn changing_pieces(text: &str, converter: &dyn Converter) -> Vec<std::ops::Range<usize>> {
    const GAP: usize = 1 << 10;
    let mut pieces: Vec<std::ops::Range<usize>> = Vec::new();
    for line in converter.changing_lines(text) {
        match pieces.last_mut() {
            Some(last) if line.start - last.end < GAP && last.len() < PIECE => last.end = line.end,
            _ => pieces.push(line),
        }
    }
    pieces
}

/// Append one piece that conversion changed to the output under construction, after the
/// unchanged input chars from `done`; return the input char the output has reached.
fn convert_one(
    input: &AlignedText,
    piece: std::ops::Range<usize>,
    converted: &str,
    done: usize,
    b: &mut AlignedBuilder,
    converter: &dyn Converter,
) -> usize {
    let text = input.as_str();
    let char_index = |byte: usize| {
        if byte >= text.len() {
            input.char_len()
        } else {
            input.char_at_byte(byte)
        }
    };
    let chars = char_index(piece.start)..char_index(piece.end);
    b.push_slice(input, done..chars.start);
    // Char for char (t2s on CJK text, almost always): each output char takes the origin
    // of the input char at its index, as the segment walk would give it, at copy speed.
    if !b.push_rewritten(input, chars.clone(), converted) {
        align_piece(input, piece, converted, b, converter);
    }
    chars.end
}

/// Align a converted piece segment by segment between the delimiters OpenCC keeps; stretches
/// of unchanged segments are copied as one block. Should the shapes differ (a delimiter
/// rewritten), each segment of the piece is converted on its own.
fn align_piece(
    input: &AlignedText,
    piece: std::ops::Range<usize>,
    converted: &str,
    b: &mut AlignedBuilder,
    converter: &dyn Converter,
) {
    let src = &input.as_str()[piece.clone()];
    let delims = |t| Segments::new(t).map(|(_, d)| d);
    let same_shape = delims(src).eq(delims(converted));
    let mut outs = Segments::new(converted);
    let mut at = if piece.start >= input.as_str().len() {
        input.char_len()
    } else {
        input.char_at_byte(piece.start)
    };
    let mut unchanged_from = at;
    for (a, _) in Segments::new(src) {
        let seg = &src[a];
        let own;
        let out = match outs.next() {
            Some((o, _)) if same_shape => &converted[o],
            _ => {
                own = converter.convert(seg);
                own.as_str()
            }
        };
        let n_in = seg.chars().count();
        if out != seg {
            b.push_slice(input, unchanged_from..at);
            align_segment(input, at, seg, out, b, converter);
            unchanged_from = at + n_in;
        }
        at += n_in;
    }
    b.push_slice(input, unchanged_from..at);
}

type Segment = (std::ops::Range<usize>, Option<char>);

/// (run, None) and (delimiter, Some) pieces of a text, in order: each delimiter is its own
/// segment.
struct Segments<'a> {
    text: &'a str,
    pos: usize,
    /// A delimiter found while ending the previous run, to be yielded next.
    pending: Option<Segment>,
}

impl<'a> Segments<'a> {
    fn new(text: &'a str) -> Self {
        Segments {
            text,
            pos: 0,
            pending: None,
        }
    }
}

impl Iterator for Segments<'_> {
    type Item = Segment;

    fn next(&mut self) -> Option<Segment> {
        if let Some(d) = self.pending.take() {
            return Some(d);
        }
        let start = self.pos;
        let rest = &self.text[start..];
        match rest.char_indices().find(|&(_, c)| is_hard_delimiter(c)) {
            Some((i, c)) => {
                let d = (start + i..start + i + c.len_utf8(), Some(c));
                self.pos = d.0.end;
                if i == 0 {
                    Some(d)
                } else {
                    self.pending = Some(d);
                    Some((start..start + i, None))
                }
            }
            None if rest.is_empty() => None,
            None => {
                self.pos = self.text.len();
                Some((start..self.text.len(), None))
            }
        }
    }
}

/// Align the converted `out` of `seg`, the input chars from `first` on.
fn align_segment(
    input: &AlignedText,
    first: usize,
    seg: &str,
    out: &str,
    b: &mut AlignedBuilder,
    converter: &dyn Converter,
) {
    let n_in = seg.chars().count();
    let n_out = out.chars().count();
    if n_in == n_out {
        for (c, (_, s, e)) in out.chars().zip(input.chars_from(first)) {
            b.push(c, s, e);
        }
        return;
    }
    // Compare output chars with each input char converted on its own, so 訪 meets 访.
    let ins: Vec<char> = seg
        .chars()
        .map(|c| {
            let mut buf = [0u8; 4];
            let one = converter.convert(c.encode_utf8(&mut buf));
            let mut it = one.chars();
            match (it.next(), it.next()) {
                (Some(x), None) => x,
                _ => c,
            }
        })
        .collect();
    let outs: Vec<char> = out.chars().collect();
    let prefix = ins.iter().zip(&outs).take_while(|(a, o)| a == o).count();
    let max_suffix = n_in.min(n_out) - prefix;
    let suffix = ins
        .iter()
        .rev()
        .zip(outs.iter().rev())
        .take(max_suffix)
        .take_while(|(a, o)| a == o)
        .count();
    let block = input.origin_range(first + prefix..first + n_in - suffix);
    for (k, &c) in outs.iter().enumerate() {
        if k < prefix {
            let (s, e) = input.origin_of(first + k);
            b.push(c, s, e);
        } else if k >= n_out - suffix {
            let (s, e) = input.origin_of(first + n_in - (n_out - k));
            b.push(c, s, e);
        } else {
            b.push(c, block.start, block.end);
        }
    }
}

/// The whole normalization: convert, then fold width, punctuation and whitespace.
pub fn normalize(input: &AlignedText, converter: &dyn Converter) -> AlignedText {
    let converted = convert_aligned(input, converter);
    punct::fold_chars(&converted)
}

/// `normalize`, freeing each stage's input as soon as the next stage has it: on a large file
/// an aligned text costs over twice the file, so this keeps two alive instead of three.
pub fn normalize_owned(input: AlignedText, converter: &dyn Converter) -> AlignedText {
    let converted = convert_owned(input, converter);
    punct::fold_chars(&converted)
}

/// Simplified form of `s` with the default converter (for dictionaries, eval and folding);
/// shares one lazily built converter per process.
pub fn to_simplified(s: &str) -> String {
    static CC: OnceLock<Fmmseg> = OnceLock::new();
    CC.get_or_init(|| Fmmseg::new(Conversion::T2s)).convert(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_alternate_runs_and_delimiters() {
        let got: Vec<Segment> = Segments::new("。甲乙，丙 ").collect();
        assert_eq!(
            got,
            vec![
                (0..3, Some('。')),
                (3..9, None),
                (9..12, Some('，')),
                (12..15, None),
                (15..16, Some(' ')),
            ]
        );
        assert_eq!(Segments::new("").count(), 0);
    }

    fn norm(s: &str) -> AlignedText {
        normalize(&AlignedText::identity(s), &Fmmseg::new(Conversion::T2s))
    }

    #[test]
    fn parentheses_keep_matching_widths() {
        assert_eq!(
            norm("《新闻联播》 (20250404)").as_str(),
            "《新闻联播》 （20250404）"
        );
        assert_eq!(norm("(1)加强学习").as_str(), "(1)加强学习");
        assert_eq!(norm("见附件(第(2)项)").as_str(), "见附件（第（2）项）");
        // A full-width opening one, closed in ASCII.
        assert_eq!(norm("（2020年)").as_str(), "（2020年）");
    }

    #[test]
    fn traditional_becomes_simplified_with_one_to_one_alignment() {
        let t = norm("督導組工作會議");
        assert_eq!(t.as_str(), "督导组工作会议");
        assert_eq!(t.origin_of(1), (3, 6));
    }

    #[test]
    fn alignment_holds_where_a_phrase_conversion_changes_length() {
        let src = "訪問沙烏地阿拉伯。";
        let cc = Fmmseg::new(Conversion::Tw2sp);
        let out = cc.convert("沙烏地阿拉伯");
        let t = normalize(&AlignedText::identity(src), &cc);
        assert_eq!(t.as_str(), format!("访问{out}。"));
        assert_ne!(
            out.chars().count(),
            6,
            "the phrase must change length for this test"
        );
        // The converted country name covers exactly the source name's bytes.
        let name_chars = 2..2 + out.chars().count();
        assert_eq!(&src[t.origin_range(name_chars)], "沙烏地阿拉伯");
        // The chars around it stay one to one.
        assert_eq!(&src[t.origin_range(0..1)], "訪");
        let last = t.char_len() - 1;
        assert_eq!(&src[t.origin_range(last..last + 1)], "。");
    }

    #[test]
    fn a_large_text_converts_piece_by_piece_as_a_whole() {
        // Simplified lines first (the input stands as it is until a piece changes), then
        // traditional ones, across several pieces, with a phrase that changes length.
        let cc = Fmmseg::new(Conversion::Tw2sp);
        let mut src = "督导组工作会议\n".repeat(PIECE / 20);
        src.push_str(&"訪問沙烏地阿拉伯，督導組。\n".repeat(PIECE / 20));
        let t = convert_aligned(&AlignedText::identity(&src), &cc);
        assert_eq!(t.as_str(), cc.convert(&src));
        let last_line = t.as_str().trim_end().rsplit('\n').next().unwrap_or("");
        let at = t.char_at_byte(t.as_str().len() - last_line.len() - 1);
        let line = at..at + last_line.chars().count();
        let origin = t.origin_range(line);
        assert_eq!(&src[origin], "訪問沙烏地阿拉伯，督導組。");
        // Unchanged text keeps its identity alignment.
        let plain = "督导组工作会议\n".repeat(PIECE / 10);
        let t = convert_aligned(&AlignedText::identity(&plain), &cc);
        assert_eq!(
            t.origin_of(t.char_len() - 2),
            (plain.len() - 4, plain.len() - 1)
        );
    }

    /// Every output line of `t` points back at the input line it came from.
    fn assert_lines_align(src: &str, t: &AlignedText) {
        let src_lines: Vec<&str> = src.split('\n').collect();
        let mut start = 0;
        for (i, line) in t.as_str().split('\n').enumerate() {
            let chars = t.char_at_byte(start.min(t.as_str().len().saturating_sub(1)));
            let range = chars..chars + line.chars().count();
            if !line.is_empty() {
                assert_eq!(&src[t.origin_range(range)], src_lines[i], "line {i}");
            }
            start += line.len() + 1;
        }
    }

    #[test]
    fn width_keeping_pieces_are_rewritten_in_place_before_a_width_changing_one() {
        // Traditional lines whose conversion keeps every char's width come first, so they
        // are written over the input; a later piece changes length, and from there the output
        // is built anew. Gaps of simplified text keep the pieces apart.
        let cc = Fmmseg::new(Conversion::Tw2sp);
        let plain = "督导组工作会议，两不误。\n".repeat(100);
        let mut src = String::new();
        for i in 0..3 {
            src.push_str(&format!("{plain}第{i}：督導組會議。\n"));
        }
        src.push_str(&format!("{plain}訪問沙烏地阿拉伯。\n{plain}第9：會議。"));
        let t = convert_aligned(&AlignedText::identity(&src), &cc);
        assert_eq!(t.as_str(), cc.convert(&src));
        assert_lines_align(&src, &t);
        // Without a width change the input is rewritten where it stands, char for char.
        let same = src.replace("訪問沙烏地阿拉伯", "訪問督導組");
        let t = convert_owned(AlignedText::identity(&same), &cc);
        assert_eq!(t.as_str(), cc.convert(&same));
        assert_lines_align(&same, &t);
        assert_eq!(t.char_len(), same.chars().count());
    }

    #[test]
    fn skipped_simplified_stretches_between_converted_lines_keep_their_alignment() {
        // Gaps longer than `GAP` between traditional lines, so each is converted on its own
        // and the simplified stretches between them are copied as they are.
        let cc = Fmmseg::new(Conversion::T2s);
        let plain = "督导组工作会议，两不误。\n".repeat(100);
        let src: String = (0..5)
            .map(|i| format!("{plain}第{i}：訪問督導組。\n"))
            .collect();
        let t = convert_aligned(&AlignedText::identity(&src), &cc);
        assert_eq!(t.as_str(), cc.convert(&src));
        for (i, line) in t.as_str().split('\n').enumerate() {
            let start = t
                .as_str()
                .split('\n')
                .take(i)
                .map(|l| l.len() + 1)
                .sum::<usize>();
            let chars = t.char_at_byte(start.min(t.as_str().len().saturating_sub(1)));
            let range = chars..chars + line.chars().count();
            let origin = &src[t.origin_range(range)];
            if line.starts_with('第') {
                assert_eq!(
                    origin.trim_end(),
                    format!("第{}：訪問督導組。", &line[3..4])
                );
            } else if !line.is_empty() {
                assert_eq!(origin, line);
            }
        }
    }

    #[test]
    fn punctuation_width_and_spaces() {
        let t =
            norm("  第一,派出督導組(試點)。ＡＢＣ１２３％ 1,000 09:58\r\n\n\u{3000}\u{3000}下一段");
        assert_eq!(
            t.as_str(),
            "第一，派出督导组（试点）。ABC123% 1,000 09:58\n下一段"
        );
    }

    #[test]
    fn ideographic_indent_inside_a_line_starts_a_paragraph() {
        assert_eq!(
            norm("第一段。\u{3000}\u{3000}第二段。 第三句").as_str(),
            "第一段。\n第二段。 第三句"
        );
    }

    #[test]
    fn quotes_from_corner_brackets() {
        assert_eq!(norm("「兩不誤」").as_str(), "“两不误”");
    }
}
