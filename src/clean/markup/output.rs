//! Output text under construction: whitespace collapsing, paragraph breaks, the CJK
//! segment-break rule, and the plain-text path for input that is not markup.
//!
//! Talks to the parent for `MarkupText`, `Range` and `is_wide`; filled by `html`.

use super::{is_wide, MarkupText, Range};

/// Output under construction: drops whitespace at paragraph edges, merges breaks into at most
/// two newlines.
#[derive(Default)]
pub(super) struct Builder {
    pub(super) text: String,
    pub(super) src: Vec<Range>,
    pub(super) soft: Vec<(char, Range)>,
    pub(super) pending: u8,
    pub(super) line: bool,
    /// the trailing soft space came from a whitespace run holding a line break
    pub(super) soft_nl: bool,
}

impl Builder {
    /// Room for `chars` more chars in `bytes` bytes, what the DOM walk of a segment will
    /// push: growing by doubling would copy the text and its ranges about once over.
    pub(super) fn reserve(&mut self, bytes: usize, chars: usize) {
        self.text.reserve(bytes);
        self.src.reserve(chars);
    }

    pub(super) fn brk(&mut self, n: u8) {
        self.soft.clear();
        self.soft_nl = false;
        self.line = false;
        if !self.text.is_empty() {
            self.pending = self.pending.max(n);
        }
    }

    pub(super) fn wants_space(&self) -> bool {
        self.line && self.soft.last().is_none_or(|x| x.0 != ' ')
    }

    pub(super) fn push_space(&mut self, r: Range, newline: bool) {
        self.soft.push((' ', r));
        self.soft_nl = newline;
    }

    pub(super) fn push(&mut self, c: char, r: Range) {
        if c.is_whitespace() {
            if self.line {
                self.soft.push((c, r));
                self.soft_nl = false;
            }
            return;
        }
        // CSS Text 3 segment-break rule: a line break between two wide (CJK) chars vanishes,
        // so hard-wrapped Chinese source does not get spaces inside sentences.
        if self.soft_nl
            && self.soft.len() == 1
            && is_wide(c)
            && self.text.chars().next_back().is_some_and(is_wide)
        {
            self.soft.clear();
        }
        self.soft_nl = false;
        // Most chars follow a char of the same line: nothing pending, no soft space.
        if self.pending > 0 {
            for _ in 0..self.pending.min(2) {
                self.text.push('\n');
                self.src.push((r.0, r.0));
            }
            self.pending = 0;
        }
        if !self.soft.is_empty() {
            for (s, sr) in self.soft.drain(..) {
                self.text.push(s);
                self.src.push(sr);
            }
        }
        self.text.push(c);
        self.src.push(r);
        self.line = true;
    }

    pub(super) fn finish(self) -> MarkupText {
        MarkupText {
            text: self.text,
            src: self.src,
        }
    }
}

/// Plain text that reached us anyway: lines stay lines, blank lines become paragraph breaks.
pub(super) fn plain(input: &str, b: &mut Builder) {
    let mut newlines = 0u8;
    for (i, c) in input.char_indices() {
        let r = (i as u32, (i + c.len_utf8()) as u32);
        if c == '\n' {
            newlines = newlines.saturating_add(1);
            b.brk(newlines.min(2));
        } else if c.is_ascii_whitespace() {
            if b.wants_space() {
                b.push_space(r, false);
            }
        } else {
            newlines = 0;
            b.push(c, r);
        }
    }
}
