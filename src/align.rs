//! `AlignedText`: a text plus, for every char, the byte range of the decoded input it came from.
//!
//! Every stage that rewrites text (markup removal, OpenCC conversion, punctuation and whitespace
//! normalization, dropping boilerplate lines) builds a new `AlignedText` through `AlignedBuilder`,
//! composing ranges so that the final text still points into the decoded input. The model is
//! tokenizers' `NormalizedString`.

use std::ops::Range;

/// Text with an alignment to the decoded input. Chars inserted by a stage (a paragraph break
/// that stands for a `</p>`) carry an empty range at the nearest input position.
#[derive(Debug, Clone, Default)]
pub struct AlignedText {
    text: String,
    /// Per char: `(start, end)` byte offsets into the decoded input.
    origin: Vec<(u32, u32)>,
    /// Per char: its byte offset in `text`; used to turn regex byte offsets into char offsets.
    starts: Vec<u32>,
}

impl AlignedText {
    /// The identity alignment of a decoded input onto itself.
    pub fn identity(text: &str) -> Self {
        let mut b = AlignedBuilder::with_capacity(text.len(), text.chars().count());
        for (i, c) in text.char_indices() {
            b.push(c, i, i + c.len_utf8());
        }
        b.finish()
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn char_len(&self) -> usize {
        self.origin.len()
    }

    /// Origin range (decoded-input bytes) of the char at `idx`.
    pub fn origin_of(&self, idx: usize) -> (usize, usize) {
        let (s, e) = self.origin[idx];
        (s as usize, e as usize)
    }

    /// Iterate `(char, origin_start, origin_end)`.
    pub fn chars(&self) -> impl Iterator<Item = (char, usize, usize)> + '_ {
        self.text
            .chars()
            .zip(self.origin.iter())
            .map(|(c, &(s, e))| (c, s as usize, e as usize))
    }

    /// Char index of the char starting at (or containing) byte offset `byte` of `text`.
    pub fn char_at_byte(&self, byte: usize) -> usize {
        match self.starts.binary_search(&(byte as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1).min(self.starts.len()),
        }
    }

    /// Byte offset in `text` of char index `idx` (`text.len()` past the end).
    pub fn byte_of_char(&self, idx: usize) -> usize {
        self.starts
            .get(idx)
            .map(|&b| b as usize)
            .unwrap_or(self.text.len())
    }

    /// Decoded-input byte range covered by the chars `range` (char offsets). Empty-origin chars
    /// at the edges are ignored so an element does not claim markup it never came from.
    ///
    /// Every stage keeps text order, so origins never decrease along the text: the range runs
    /// from the first char's start to the last char's end, found from the edges in O(1) for the
    /// usual span instead of a walk over a whole section.
    pub fn origin_range(&self, range: Range<usize>) -> Range<usize> {
        let slice =
            &self.origin[range.start.min(self.origin.len())..range.end.min(self.origin.len())];
        let first = slice.iter().find(|&&(s, e)| s < e);
        let last = slice.iter().rev().find(|&&(s, e)| s < e);
        match (first, last) {
            (Some(&(lo, _)), Some(&(_, hi))) if lo <= hi => lo as usize..hi as usize,
            (Some(_), Some(_)) => {
                // Out of order (should not happen): fall back to the full walk.
                let lo = slice
                    .iter()
                    .filter(|(s, e)| s < e)
                    .map(|&(s, _)| s)
                    .min()
                    .unwrap_or(0);
                let hi = slice
                    .iter()
                    .filter(|(s, e)| s < e)
                    .map(|&(_, e)| e)
                    .max()
                    .unwrap_or(lo);
                lo as usize..hi as usize
            }
            _ => {
                let p = slice.first().map(|&(s, _)| s as usize).unwrap_or(0);
                p..p
            }
        }
    }

    /// Compose: `self` was built over `inner.text`; return `self` re-pointed at `inner`'s origin.
    pub fn compose(self, inner: &AlignedText) -> AlignedText {
        let mut b = AlignedBuilder::with_capacity(self.text.len(), self.char_len());
        for (c, s, e) in self.chars() {
            let (cs, ce) = (inner.char_at_byte(s), inner.char_at_byte_end(e));
            let r = if cs < ce {
                inner.origin_range(cs..ce)
            } else {
                let p = if cs < inner.char_len() {
                    inner.origin_of(cs).0
                } else {
                    inner.origin.last().map(|&(_, e)| e as usize).unwrap_or(0)
                };
                p..p
            };
            b.push(c, r.start, r.end);
        }
        b.finish()
    }

    fn char_at_byte_end(&self, byte: usize) -> usize {
        match self.starts.binary_search(&(byte as u32)) {
            Ok(i) => i,
            Err(i) => i,
        }
    }
}

/// Accumulates chars with their origins.
#[derive(Debug, Default)]
pub struct AlignedBuilder {
    text: String,
    origin: Vec<(u32, u32)>,
    starts: Vec<u32>,
}

impl AlignedBuilder {
    /// Room for `chars` chars in about `bytes` bytes: every stage knows its input's size, and
    /// exact room spares a large file the doubling (and the copy alive during it).
    pub fn with_capacity(bytes: usize, chars: usize) -> Self {
        AlignedBuilder {
            text: String::with_capacity(bytes),
            origin: Vec::with_capacity(chars),
            starts: Vec::with_capacity(chars),
        }
    }

    pub fn push(&mut self, c: char, start: usize, end: usize) {
        self.starts.push(self.text.len() as u32);
        self.text.push(c);
        self.origin.push((start as u32, end as u32));
    }

    /// Append chars `chars` of `src` with their origins unchanged: a stage's fast path for
    /// stretches it leaves as they are (most of a simplified text under t2s).
    pub fn push_slice(&mut self, src: &AlignedText, chars: Range<usize>) {
        if chars.is_empty() {
            return;
        }
        let from = src.byte_of_char(chars.start);
        let to = src.byte_of_char(chars.end);
        let shift = self.text.len() as i64 - from as i64;
        self.starts.extend(
            src.starts[chars.clone()]
                .iter()
                .map(|&b| (b as i64 + shift) as u32),
        );
        self.origin.extend_from_slice(&src.origin[chars]);
        self.text.push_str(&src.text[from..to]);
    }

    /// Last pushed char, if any.
    pub fn last_char(&self) -> Option<char> {
        self.text.chars().next_back()
    }

    /// Drop trailing chars matching `pred`.
    pub fn trim_end_matches(&mut self, pred: impl Fn(char) -> bool) {
        while let Some(c) = self.last_char() {
            if !pred(c) {
                break;
            }
            self.text.pop();
            self.origin.pop();
            self.starts.pop();
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn finish(mut self) -> AlignedText {
        // The text lives as long as the file is processed; spare capacity would too.
        self.text.shrink_to_fit();
        self.origin.shrink_to_fit();
        self.starts.shrink_to_fit();
        AlignedText {
            text: self.text,
            origin: self.origin,
            starts: self.starts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_slice_keeps_origins_and_rebases_offsets() {
        let src = AlignedText::identity("ab中国cd");
        let mut b = AlignedBuilder::with_capacity(8, 4);
        b.push('x', 0, 0);
        b.push_slice(&src, 2..4);
        let t = b.finish();
        assert_eq!(t.as_str(), "x中国");
        assert_eq!(t.origin_of(1), (2, 5));
        assert_eq!(t.char_at_byte(4), 2);
        assert_eq!(t.byte_of_char(2), 4);
    }

    #[test]
    fn identity_maps_each_char_to_itself() {
        let t = AlignedText::identity("a中b");
        assert_eq!(t.origin_of(1), (1, 4));
        assert_eq!(t.char_at_byte(4), 2);
        assert_eq!(t.origin_range(0..3), 0..5);
    }

    #[test]
    fn compose_points_through_two_stages() {
        let base = AlignedText::identity("xx中国yy");
        // A stage that keeps only the CJK chars.
        let mut b = AlignedBuilder::default();
        for (c, s, e) in base.chars().filter(|(c, _, _)| !c.is_ascii()) {
            b.push(c, s, e);
        }
        let mid = b.finish();
        // A stage over `mid` that maps 中国 to one char.
        let mut b = AlignedBuilder::default();
        b.push('华', 0, mid.as_str().len());
        let top = b.finish().compose(&mid);
        assert_eq!(top.origin_range(0..1), 2..8);
    }

    #[test]
    fn inserted_chars_do_not_widen_ranges() {
        let mut b = AlignedBuilder::default();
        b.push('\n', 3, 3);
        b.push('a', 3, 4);
        let t = b.finish();
        assert_eq!(t.origin_range(0..2), 3..4);
    }
}
