//! `Span`: where an extracted element sits, in the normalized text and in the raw input bytes.

use serde::Serialize;

/// A located piece of text. `start`/`end` are char offsets into the file's normalized text;
/// `byte_start`/`byte_end` are offsets into the raw input bytes, so a consumer can cut the
/// original out of the file it gave us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
}

impl Span {
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}
