//! Keeping some stretches of an aligned text and dropping the rest, written over the text
//! itself: line cleaning keeps almost every line of a large input, and a copy of it (the text
//! and four bytes a char for the map) would be the largest allocation of the run.

use super::{AlignedBuilder, AlignedText, Break};
use std::ops::Range;

/// A stretch of chars to keep, optionally after a line break that `retain` inserts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub chars: Range<usize>,
    /// Insert a `\n` before the stretch, with an empty origin where the stretch's first char
    /// comes from.
    pub newline: bool,
    /// Origin of the stretch's first char (`origin_of`), taken before the text is rewritten.
    pub first: (usize, usize),
}

impl Kept {
    /// The stretch `chars` of `text` (not empty), with `newline` before it.
    pub fn of(text: &AlignedText, chars: Range<usize>, newline: bool) -> Kept {
        let first = text.origin_of(chars.start);
        Kept {
            chars,
            newline,
            first,
        }
    }
}

impl AlignedText {
    /// The text made of `kept`, in order: for each, `\n` (if asked) then its chars, each with
    /// its origin. The same as pushing them to an `AlignedBuilder`, but written over this text.
    /// The stretches must be non-empty, in increasing order, and leave room for the line breaks:
    /// one that asks for a `\n` must start after the end of the one before it (a line break
    /// between lines is always dropped and put back).
    pub fn retain(mut self, kept: &[Kept]) -> AlignedText {
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        let old_breaks = std::mem::take(&mut self.breaks);
        let starts = &mut self.starts;
        let mut breaks = Vec::with_capacity(old_breaks.len() + kept.len());
        // Written so far: bytes, chars, and the shift the next char is measured against.
        let (mut wb, mut wi, mut shift) = (0usize, 0usize, 0i64);
        let push_break = |breaks: &mut Vec<Break>, idx: usize, (s, e): (usize, usize)| {
            breaks.push(Break {
                idx: idx as u32,
                start: s as u32,
                end: e as u32,
            });
        };
        for k in kept {
            let chars = k.chars.start..k.chars.end.min(starts.len());
            if chars.is_empty() || chars.start < wi + usize::from(k.newline) {
                debug_assert!(false, "retain: stretch {chars:?} overlaps what was written");
                continue;
            }
            let from = starts[chars.start] as usize;
            let to = starts.get(chars.end).map_or(bytes.len(), |&b| b as usize);
            if k.newline {
                bytes[wb] = b'\n';
                starts[wi] = wb as u32;
                push_break(&mut breaks, wi, (k.first.0, k.first.0));
                shift = k.first.0 as i64 - (wb + 1) as i64;
                wb += 1;
                wi += 1;
            }
            // The first char as `AlignedBuilder::push` takes it: a break unless it follows the
            // shift. The rest keep their own breaks, moved to their new index.
            let first_len = starts
                .get(chars.start + 1)
                .map_or(to, |&b| b as usize)
                .min(to)
                - from;
            let (s, e) = k.first;
            if s as i64 != wb as i64 + shift || e as i64 != (wb + first_len) as i64 + shift {
                push_break(&mut breaks, wi, (s, e));
            }
            bytes.copy_within(from..to, wb);
            for (n, i) in chars.clone().enumerate() {
                // `wi + n <= i`: each entry is read before it can be written over.
                starts[wi + n] = (starts[i] as usize - from + wb) as u32;
            }
            let rest = chars.start + 1..chars.end;
            let lo = old_breaks.partition_point(|b| (b.idx as usize) < rest.start);
            let hi = old_breaks.partition_point(|b| (b.idx as usize) < rest.end);
            let moved = wi as i64 - chars.start as i64;
            breaks.extend(old_breaks[lo..hi].iter().map(|b| Break {
                idx: (b.idx as i64 + moved) as u32,
                ..*b
            }));
            wb += to - from;
            wi += chars.len();
            shift = match breaks.last() {
                Some(b) => {
                    let end = if (b.idx as usize + 1) < wi {
                        starts[b.idx as usize + 1] as usize
                    } else {
                        wb
                    };
                    b.end as i64 - end as i64
                }
                None => 0,
            };
        }
        bytes.truncate(wb);
        starts.truncate(wi);
        // SAFETY: the bytes written are `\n`s and whole chars of the UTF-8 text (each stretch
        // runs from one char start to another, or to the end), and nothing else is left.
        let text = unsafe { String::from_utf8_unchecked(bytes) };
        let b = AlignedBuilder {
            text,
            starts: std::mem::take(&mut self.starts),
            breaks,
            shift: 0,
        };
        b.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::tests::text_with_breaks as sample;

    /// What `retain` must equal: the same stretches pushed to a builder.
    fn copied(text: &AlignedText, kept: &[Kept]) -> AlignedText {
        let mut b = AlignedBuilder::with_capacity(text.as_str().len(), text.char_len());
        for k in kept {
            if k.newline {
                b.push('\n', k.first.0, k.first.0);
            }
            b.push_slice(text, k.chars.clone());
        }
        b.finish()
    }

    fn assert_same(a: &AlignedText, b: &AlignedText) {
        assert_eq!(a.as_str(), b.as_str());
        assert_eq!(a.starts, b.starts);
        assert_eq!(a.breaks, b.breaks);
    }

    #[test]
    fn retain_equals_pushing_the_stretches_to_a_builder() {
        let text = sample();
        let lines: Vec<Range<usize>> = {
            let mut out = Vec::new();
            let mut start = 0;
            for (i, (c, _, _)) in text.chars().enumerate() {
                if c == '\n' {
                    out.push(start..i);
                    start = i + 1;
                }
            }
            out.push(start..text.char_len());
            out
        };
        // Every subset of the lines, kept with a line break between them as cleaning does.
        for mask in 0u32..(1 << lines.len()) {
            let mut kept = Vec::new();
            for (i, line) in lines.iter().enumerate() {
                if mask & (1 << i) != 0 && !line.is_empty() {
                    kept.push(Kept::of(&text, line.clone(), !kept.is_empty()));
                }
            }
            let want = copied(&text, &kept);
            let got = text.clone().retain(&kept);
            assert_same(&got, &want);
        }
    }

    #[test]
    fn retain_keeps_parts_of_lines_and_the_whole_text() {
        let text = sample();
        let all = vec![Kept::of(&text, 0..text.char_len(), false)];
        assert_same(&text.clone().retain(&all), &text);
        // Pieces inside lines, and a piece of one char at the very end.
        let n = text.char_len();
        let kept = vec![
            Kept::of(&text, 2..5, false),
            Kept::of(&text, 7..12, true),
            Kept::of(&text, n - 1..n, true),
        ];
        assert_same(&text.clone().retain(&kept), &copied(&text, &kept));
        assert_same(&text.clone().retain(&[]), &copied(&text, &[]));
    }
}
