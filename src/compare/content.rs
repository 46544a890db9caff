//! `Content`: the characters of a normalized text that alignment and shingling look at (Han,
//! letters, digits), with each one's char offset in the normalized text. Punctuation and
//! whitespace are left out so that a copy re-punctuated or re-wrapped still lines up.

/// Content characters of one normalized text.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub chars: Vec<char>,
    /// Per content char: its char offset in the normalized text.
    pub pos: Vec<u32>,
    /// Char length of the normalized text (where a range ending at the last char ends).
    pub text_len: usize,
}

impl Content {
    pub fn new(text: &str) -> Self {
        let mut chars = Vec::new();
        let mut pos = Vec::new();
        let mut n = 0usize;
        for c in text.chars() {
            if is_content(c) {
                chars.push(c);
                pos.push(n as u32);
            }
            n += 1;
        }
        Content {
            chars,
            pos,
            text_len: n,
        }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Normalized-text char range spanned by content chars `start..end`.
    pub fn text_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        if start >= end || start >= self.pos.len() {
            let p = self
                .pos
                .get(start)
                .map(|&p| p as usize)
                .unwrap_or(self.text_len);
            return p..p;
        }
        self.pos[start] as usize..self.pos[end - 1] as usize + 1
    }

    /// Hashes of every `n`-char window (`len - n + 1` of them; none when shorter than `n`).
    pub fn gram_hashes(&self, n: usize) -> Vec<u64> {
        if self.chars.len() < n || n == 0 {
            return Vec::new();
        }
        self.chars.windows(n).map(gram_hash).collect()
    }
}

/// Letters (Han included) and digits carry the text; U+FFFD stands for lost bytes and does not.
pub fn is_content(c: char) -> bool {
    c.is_alphanumeric() && c != '\u{FFFD}'
}

/// A fixed (seedless) 64-bit hash of a char window, so signatures and seeds are the same on
/// every run and every machine.
pub fn gram_hash(w: &[char]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in w {
        h = (h ^ c as u64).wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

/// splitmix64's finalizer: spreads FNV's weak low bits over the whole word.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_and_spaces_are_skipped_but_positions_kept() {
        let c = Content::new("一、学习，\n实践");
        assert_eq!(c.chars.iter().collect::<String>(), "一学习实践");
        assert_eq!(c.pos, vec![0, 2, 3, 6, 7]);
        assert_eq!(c.text_range(1, 4), 2..7);
    }

    #[test]
    fn equal_windows_hash_equal() {
        let c = Content::new("学深一些学深一些");
        let h = c.gram_hashes(4);
        assert_eq!(h.len(), 5);
        assert_eq!(h[0], h[4]);
        assert_ne!(h[0], h[1]);
    }
}
