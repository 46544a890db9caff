//! `AlignedText`: a text plus, for every char, the byte range of the decoded input it came from.
//!
//! Every stage that rewrites text (markup removal, OpenCC conversion, punctuation and whitespace
//! normalization, dropping boilerplate lines) builds a new `AlignedText` through `AlignedBuilder`,
//! composing ranges so that the final text still points into the decoded input. The model is
//! tokenizers' `NormalizedString`.
//!
//! The map is stored compactly because a 10 MB document holds several aligned texts at once:
//! most chars come from input bytes of their own width, right after the previous char's origin
//! (a simplified char for a traditional one, a char kept as it was), so their origin follows
//! from their offset in `text` plus a running shift. Only the chars that break that rule (a
//! full-width comma for an ASCII one, a dropped tag before a char, an inserted line break) are
//! stored, as `Break`s that also reset the shift. Plain text costs 4 bytes a char for the map
//! instead of 12.

mod retain;

pub use retain::Kept;
use std::ops::Range;

/// A char whose origin does not follow from the shift: its index and origin. The chars after
/// it, up to the next break, are shifted by `end - (its end in text)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Break {
    idx: u32,
    start: u32,
    end: u32,
}

/// Chars of an `AlignedText` and the breaks their origins depend on (`AlignedText::window`).
#[derive(Debug, Clone)]
pub struct Window {
    chars: Range<usize>,
    breaks: Range<usize>,
    /// Where the last lookup ended in `breaks` (relative): the next one, mostly a little
    /// further on, searches forward from there.
    last: std::cell::Cell<usize>,
}

/// Text with an alignment to the decoded input. Chars inserted by a stage (a paragraph break
/// that stands for a `</p>`) carry an empty range at the nearest input position.
#[derive(Debug, Clone, Default)]
pub struct AlignedText {
    text: String,
    /// Per char: its byte offset in `text`; used to turn regex byte offsets into char offsets.
    starts: Vec<u32>,
    /// Sorted by `idx`.
    breaks: Vec<Break>,
}

impl AlignedText {
    /// The identity alignment of a decoded input onto itself.
    pub fn identity(text: &str) -> Self {
        Self::identity_owned(text.to_owned())
    }

    /// `identity` of a text the caller hands over, which becomes this text without a copy.
    pub fn identity_owned(text: String) -> Self {
        let mut starts = Vec::with_capacity(text.chars().count());
        starts.extend(text.char_indices().map(|(i, _)| i as u32));
        AlignedText {
            text,
            starts,
            breaks: Vec::new(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn char_len(&self) -> usize {
        self.starts.len()
    }

    /// Origin range (decoded-input bytes) of the char at `idx`.
    pub fn origin_of(&self, idx: usize) -> (usize, usize) {
        self.origin_at(idx, self.breaks.partition_point(|b| b.idx as usize <= idx))
    }

    /// The window of the whole text.
    pub fn whole(&self) -> Window {
        Window {
            chars: 0..self.char_len(),
            breaks: 0..self.breaks.len(),
            last: Default::default(),
        }
    }

    /// The breaks that `origin_of` may need for the chars `chars` (a document of a long text):
    /// theirs and the one before them. Searching only these keeps the search in cache across
    /// the many spans of a document, where the whole text has a break every twenty chars.
    pub fn window(&self, chars: Range<usize>) -> Window {
        let lo = self
            .breaks
            .partition_point(|b| (b.idx as usize) < chars.start);
        let hi = self
            .breaks
            .partition_point(|b| (b.idx as usize) < chars.end);
        Window {
            chars: chars.clone(),
            breaks: lo.saturating_sub(1)..hi,
            last: Default::default(),
        }
    }

    /// `origin_of` for a char of `window.chars`; any other is looked up in the whole text.
    pub fn origin_in(&self, idx: usize, window: &Window) -> (usize, usize) {
        if !window.chars.contains(&idx) {
            return self.origin_of(idx);
        }
        let breaks = &self.breaks[window.breaks.clone()];
        let at = partition_from(breaks, window.last.get(), |b| b.idx as usize <= idx);
        window.last.set(at);
        self.origin_at(idx, window.breaks.start + at)
    }

    /// `origin_of` given `at`, the index of the first break after char `idx`.
    fn origin_at(&self, idx: usize, at: usize) -> (usize, usize) {
        match at.checked_sub(1).map(|k| self.breaks[k]) {
            Some(b) if b.idx as usize == idx => (b.start as usize, b.end as usize),
            Some(b) => {
                let shift = b.end as i64 - self.byte_of_char(b.idx as usize + 1) as i64;
                self.shifted(idx, shift)
            }
            None => self.shifted(idx, 0),
        }
    }

    /// Origin of char `idx` under `shift`: its own bytes in `text`, moved.
    fn shifted(&self, idx: usize, shift: i64) -> (usize, usize) {
        let s = self.byte_of_char(idx) as i64 + shift;
        let e = self.byte_of_char(idx + 1) as i64 + shift;
        (s.max(0) as usize, e.max(0) as usize)
    }

    /// Iterate `(char, origin_start, origin_end)`.
    pub fn chars(&self) -> Chars<'_> {
        self.chars_from(0)
    }

    /// `chars` from char `idx` on: one search, then a walk, where `origin_of` per char would
    /// search every time.
    pub fn chars_from(&self, idx: usize) -> Chars<'_> {
        let idx = idx.min(self.char_len());
        let next = self.breaks.partition_point(|b| (b.idx as usize) < idx);
        let shift = match next.checked_sub(1).map(|k| self.breaks[k]) {
            Some(b) => b.end as i64 - self.byte_of_char(b.idx as usize + 1) as i64,
            None => 0,
        };
        Chars {
            text: &self.text,
            pos: self.byte_of_char(idx),
            idx: idx as u32,
            breaks: &self.breaks[next..],
            shift,
        }
    }

    /// Char index of the char starting at (or containing) byte offset `byte` of `text`.
    pub fn char_at_byte(&self, byte: usize) -> usize {
        match self.starts.binary_search(&(byte as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1).min(self.starts.len()),
        }
    }

    /// `char_at_byte` for a byte known to lie in the chars `within` (a document of a long
    /// text), by a binary search of that stretch: what `char_at_byte_from` must find from any
    /// starting char.
    #[cfg(test)]
    pub fn char_at_byte_within(&self, byte: usize, within: Range<usize>) -> usize {
        let within = within.start.min(self.starts.len())..within.end.min(self.starts.len());
        match self.starts[within.clone()].binary_search(&(byte as u32)) {
            Ok(i) => within.start + i,
            Err(0) => self.char_at_byte(byte),
            Err(i) => within.start + i - 1,
        }
    }

    /// `char_at_byte` for a byte known to lie in the chars `within` (a document of a long
    /// text), searching that stretch forward from char `from` where the byte lies at or after
    /// it: elements are located in text order, so the answer is mostly a few chars on,
    /// found in a few steps of doubling length instead of a search of the whole stretch.
    /// Any `from` gives the same answer.
    pub fn char_at_byte_from(&self, byte: usize, within: Range<usize>, from: usize) -> usize {
        let within = within.start.min(self.starts.len())..within.end.min(self.starts.len());
        // The chars of the stretch that start at or before the byte; `from` is known to be one
        // when it lies in the stretch and starts there.
        let hint = from.checked_sub(within.start).map_or(0, |k| k + 1);
        match partition_from(&self.starts[within.clone()], hint, |&s| s as usize <= byte) {
            0 => self.char_at_byte(byte),
            n => within.start + n - 1,
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
        self.origin_range_in(range, &self.whole())
    }

    /// `origin_range` of chars inside `window` (`AlignedText::window`), whose breaks are the
    /// only ones searched.
    pub fn origin_range_in(&self, range: Range<usize>, window: &Window) -> Range<usize> {
        let chars = range.start.min(self.char_len())..range.end.min(self.char_len());
        let non_empty = |&i: &usize| {
            let (s, e) = self.origin_in(i, window);
            (s < e).then_some((s, e))
        };
        let first = chars.clone().find_map(|i| non_empty(&i));
        let last = chars.clone().rev().find_map(|i| non_empty(&i));
        match (first, last) {
            (Some((lo, _)), Some((_, hi))) if lo <= hi => lo..hi,
            (Some(_), Some(_)) => {
                // Out of order (should not happen): fall back to the full walk.
                let spans = || chars.clone().filter_map(|i| non_empty(&i));
                let lo = spans().map(|(s, _)| s).min().unwrap_or(0);
                let hi = spans().map(|(_, e)| e).max().unwrap_or(lo);
                lo..hi
            }
            _ => {
                let p = if chars.is_empty() {
                    0
                } else {
                    self.origin_in(chars.start, window).0
                };
                p..p
            }
        }
    }

    /// Compose: `self` was built over `inner.text`; return `self` re-pointed at `inner`'s origin.
    pub fn compose(self, inner: &AlignedText) -> AlignedText {
        let mut b = AlignedBuilder::with_capacity(self.text.len(), self.char_len());
        let end_of_inner = inner
            .char_len()
            .checked_sub(1)
            .map_or(0, |last| inner.origin_of(last).1);
        for (c, s, e) in self.chars() {
            let (cs, ce) = (inner.char_at_byte(s), inner.char_at_byte_end(e));
            let r = if cs < ce {
                inner.origin_range(cs..ce)
            } else {
                let p = if cs < inner.char_len() {
                    inner.origin_of(cs).0
                } else {
                    end_of_inner
                };
                p..p
            };
            b.push(c, r.start, r.end);
        }
        b.finish()
    }

    /// Put `text` in place of the bytes `bytes` of this text, each new char taking the origin
    /// of the char it replaces: what `AlignedBuilder::push_rewritten` over a copy of the whole
    /// text gives, without the copy (t2s rewrites a few chars of a mostly simplified file).
    /// Returns false, changing nothing, where `text` does not have the char boundaries of
    /// those bytes.
    pub fn rewrite_same_widths(&mut self, bytes: Range<usize>, text: &str) -> bool {
        let Some(old) = self.text.get(bytes.clone()) else {
            return false;
        };
        if !same_char_widths(old, text) {
            return false;
        }
        // Same length and char boundaries: `starts` and the origins stay as they are.
        // `String::replace_range` would do, but it splices byte by byte.
        // SAFETY: `bytes` lies on char boundaries of `self.text` (`get` checked it), and the
        // whole chars there are replaced by the whole chars of `text`, a `str` of the same
        // length: the result is UTF-8.
        unsafe { self.text.as_bytes_mut()[bytes].copy_from_slice(text.as_bytes()) };
        true
    }

    fn char_at_byte_end(&self, byte: usize) -> usize {
        match self.starts.binary_search(&(byte as u32)) {
            Ok(i) => i,
            Err(i) => i,
        }
    }
}

/// `slice.partition_point(pred)`, searched forward from `from` in steps of doubling length
/// where the point lies at or after it (`pred` holds for `slice[from - 1]`), else by a
/// binary search of the whole slice. Any `from` gives the same answer.
fn partition_from<T>(slice: &[T], from: usize, pred: impl Fn(&T) -> bool) -> usize {
    if from == 0 || from > slice.len() || !pred(&slice[from - 1]) {
        return slice.partition_point(pred);
    }
    // `pred` holds for `slice[..lo]`; the point lies in `lo..=hi`.
    let (mut lo, mut step) = (from, 1);
    let hi = loop {
        let probe = lo + step - 1;
        if probe >= slice.len() || !pred(&slice[probe]) {
            break probe.min(slice.len());
        }
        lo = probe + 1;
        step *= 2;
    };
    lo + slice[lo..hi].partition_point(pred)
}

/// Whether `a` and `b` have their char boundaries at the same bytes.
fn same_char_widths(a: &str, b: &str) -> bool {
    // A byte starts a char unless it is a UTF-8 continuation byte (0b10xx_xxxx): bit 7 set and
    // bit 6 clear. Eight bytes at a time, as this runs over every converted piece.
    fn continuations(w: u64) -> u64 {
        w & !(w << 1) & 0x8080_8080_8080_8080
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let (wa, wb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail = |x: &u8, y: &u8| (*x as i8 >= -0x40) == (*y as i8 >= -0x40);
    let (ra, rb) = (wa.remainder(), wb.remainder());
    wa.zip(wb).all(|(x, y)| {
        let word = |c: &[u8]| u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        continuations(word(x)) == continuations(word(y))
    }) && ra.iter().zip(rb).all(|(x, y)| tail(x, y))
}

/// `AlignedText::chars`: walks the text and the breaks together, one char at a time.
pub struct Chars<'a> {
    text: &'a str,
    pos: usize,
    idx: u32,
    breaks: &'a [Break],
    shift: i64,
}

impl Iterator for Chars<'_> {
    type Item = (char, usize, usize);

    fn next(&mut self) -> Option<Self::Item> {
        let c = self.text.get(self.pos..)?.chars().next()?;
        let end = self.pos + c.len_utf8();
        let origin = match self.breaks.split_first() {
            Some((b, rest)) if b.idx == self.idx => {
                self.breaks = rest;
                self.shift = b.end as i64 - end as i64;
                (b.start as usize, b.end as usize)
            }
            _ => (
                (self.pos as i64 + self.shift).max(0) as usize,
                (end as i64 + self.shift).max(0) as usize,
            ),
        };
        self.pos = end;
        self.idx += 1;
        Some((c, origin.0, origin.1))
    }
}

/// Accumulates chars with their origins.
#[derive(Debug, Default)]
pub struct AlignedBuilder {
    text: String,
    starts: Vec<u32>,
    breaks: Vec<Break>,
    /// Origin minus text offset for the next char that is not a break.
    shift: i64,
}

impl AlignedBuilder {
    /// Room for `chars` chars in about `bytes` bytes: every stage knows its input's size, and
    /// exact room spares a large file the doubling (and the copy alive during it).
    pub fn with_capacity(bytes: usize, chars: usize) -> Self {
        AlignedBuilder {
            text: String::with_capacity(bytes),
            starts: Vec::with_capacity(chars),
            breaks: Vec::new(),
            shift: 0,
        }
    }

    pub fn push(&mut self, c: char, start: usize, end: usize) {
        let s = self.text.len();
        let e = s + c.len_utf8();
        if start as i64 != s as i64 + self.shift || end as i64 != e as i64 + self.shift {
            self.breaks.push(Break {
                idx: self.starts.len() as u32,
                start: start as u32,
                end: end as u32,
            });
            self.shift = end as i64 - e as i64;
        }
        self.starts.push(s as u32);
        self.text.push(c);
    }

    /// Append `text`, whose chars come in order from the input bytes starting at `start`, each
    /// from bytes of its own width (a stretch a stage copied as it was): the first char may
    /// break the running shift, the rest follow it, so they are appended as a block.
    pub fn push_contiguous(&mut self, text: &str, start: usize) {
        let Some(c) = text.chars().next() else {
            return;
        };
        self.push(c, start, start + c.len_utf8());
        let rest = &text[c.len_utf8()..];
        let base = self.text.len();
        self.starts
            .extend(rest.char_indices().map(|(i, _)| (base + i) as u32));
        self.text.push_str(rest);
    }

    /// Append chars `chars` of `src` with their origins unchanged: a stage's fast path for
    /// stretches it leaves as they are (most of a simplified text under t2s).
    pub fn push_slice(&mut self, src: &AlignedText, chars: Range<usize>) {
        let chars = chars.start..chars.end.min(src.char_len());
        let slice = &src.text[src.byte_of_char(chars.start)..src.byte_of_char(chars.end)];
        // A slice always has its own char boundaries: nothing to check.
        self.push_same_widths(src, chars, slice);
    }

    /// `push_slice` with `text` in place of the slice's own text, char for char, each char
    /// taking the origin of the slice char at its index: the fast path for a rewrite that kept
    /// every char's byte width (t2s on CJK text). Returns false, pushing nothing, where `text`
    /// does not have the slice's char boundaries.
    pub fn push_rewritten(&mut self, src: &AlignedText, chars: Range<usize>, text: &str) -> bool {
        let chars = chars.start..chars.end.min(src.char_len());
        let (from, to) = (src.byte_of_char(chars.start), src.byte_of_char(chars.end));
        if !same_char_widths(&src.text[from..to], text) {
            return false;
        }
        self.push_same_widths(src, chars, text);
        true
    }

    /// `push_rewritten` for a `text` known to have the char boundaries of `src`'s `chars`.
    fn push_same_widths(&mut self, src: &AlignedText, chars: Range<usize>, text: &str) {
        let Some(c) = text.chars().next() else {
            return;
        };
        // The first char through `push` sets the shift that the slice's own runs continue.
        let (s, e) = src.origin_of(chars.start);
        self.push(c, s, e);
        let rest = chars.start + 1..chars.end;
        if rest.is_empty() {
            return;
        }
        let from = src.byte_of_char(rest.start);
        let text_shift = self.text.len() as i64 - from as i64;
        let idx_shift = self.starts.len() as i64 - rest.start as i64;
        self.starts.extend(
            src.starts[rest.clone()]
                .iter()
                .map(|&b| (b as i64 + text_shift) as u32),
        );
        self.text.push_str(&text[c.len_utf8()..]);
        let lo = src
            .breaks
            .partition_point(|b| (b.idx as usize) < rest.start);
        let hi = src.breaks.partition_point(|b| (b.idx as usize) < rest.end);
        self.breaks.extend(src.breaks[lo..hi].iter().map(|b| Break {
            idx: (b.idx as i64 + idx_shift) as u32,
            ..*b
        }));
        self.reset_shift_from_last_break();
    }

    fn reset_shift_from_last_break(&mut self) {
        self.shift = match self.breaks.last() {
            Some(b) => {
                let end = self
                    .starts
                    .get(b.idx as usize + 1)
                    .map_or(self.text.len(), |&s| s as usize);
                b.end as i64 - end as i64
            }
            None => 0,
        };
    }

    /// Last pushed char, if any.
    pub fn last_char(&self) -> Option<char> {
        self.text.chars().next_back()
    }

    /// Drop trailing chars matching `pred`.
    pub fn trim_end_matches(&mut self, pred: impl Fn(char) -> bool) {
        let before = self.starts.len();
        while let Some(c) = self.last_char() {
            if !pred(c) {
                break;
            }
            self.text.pop();
            self.starts.pop();
        }
        if self.starts.len() < before {
            let len = self.starts.len() as u32;
            while self.breaks.last().is_some_and(|b| b.idx >= len) {
                self.breaks.pop();
            }
            self.reset_shift_from_last_break();
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn finish(mut self) -> AlignedText {
        // The text lives as long as the file is processed; spare capacity would too.
        self.text.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.breaks.shrink_to_fit();
        AlignedText {
            text: self.text,
            starts: self.starts,
            breaks: self.breaks,
        }
    }
}

#[cfg(test)]
mod tests;
