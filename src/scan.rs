//! Byte-level helpers for whole-document scans: finding the literals and chars a scan looks for
//! without decoding every char, cutting a text into line-ended pieces, and cutting at a char
//! boundary.

use aho_corasick::{packed, AhoCorasick, AhoCorasickKind, MatchKind};
use std::ops::Range;

/// Which of several literals a search reports where more than one matches at a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefer {
    /// The one listed first.
    First,
    /// The longest.
    Longest,
}

/// A set of literal strings found in whole documents: with aho-corasick's packed (Teddy)
/// searcher where it can be built (at most 64 literals, a CPU with SSSE3 or AVX2), else with
/// its automaton. For some sets of Chinese literals `AhoCorasick` picks no packed prefilter
/// and walks its automaton byte by byte: the date anchors 年月日天 take it 72 ms on 50 MB of
/// text, Teddy 2.8 ms. Where it does pick Teddy, the searcher alone still saves confirming
/// each candidate with the automaton (level cues and campaign names: about 12% faster).
pub struct Literals {
    searcher: Searcher,
}

enum Searcher {
    Packed(packed::Searcher),
    Automaton(AhoCorasick),
}

/// One occurrence: the index of the literal, and its byte range in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub literal: usize,
    pub start: usize,
    pub end: usize,
}

impl Literals {
    pub fn new<P: AsRef<[u8]>>(literals: &[P], prefer: Prefer) -> Self {
        let kind = match prefer {
            Prefer::First => packed::MatchKind::LeftmostFirst,
            Prefer::Longest => packed::MatchKind::LeftmostLongest,
        };
        let packed = packed::Config::new()
            .match_kind(kind)
            .builder()
            .extend(literals)
            .build();
        match packed {
            Some(p) => Literals {
                searcher: Searcher::Packed(p),
            },
            None => Literals::automaton(literals, prefer),
        }
    }

    /// The automaton alone, as on a CPU without Teddy.
    pub(crate) fn automaton<P: AsRef<[u8]>>(literals: &[P], prefer: Prefer) -> Self {
        let kind = match prefer {
            Prefer::First => MatchKind::LeftmostFirst,
            Prefer::Longest => MatchKind::LeftmostLongest,
        };
        let ac = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(kind)
            .build(literals)
            .unwrap_or_else(|e| panic!("literal automaton: {e}"));
        Literals {
            searcher: Searcher::Automaton(ac),
        }
    }

    /// The non-overlapping occurrences in `text`, left to right.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Found> + 'a {
        let (packed, automaton) = match &self.searcher {
            Searcher::Packed(p) => (Some(p.find_iter(text)), None),
            Searcher::Automaton(ac) => (None, Some(ac.find_iter(text))),
        };
        let packed = packed
            .into_iter()
            .flatten()
            .map(|m| (m.pattern(), m.span()));
        let automaton = automaton
            .into_iter()
            .flatten()
            .map(|m| (m.pattern(), m.span()));
        packed.chain(automaton).map(|(literal, span)| Found {
            literal: literal.as_usize(),
            start: span.start,
            end: span.end,
        })
    }
}

/// Which chars belong to a set: one bit per BMP char, where nearly all of them lie, and a
/// sorted list of the few beyond. A test costs a shift and a load, for sets of any size.
#[derive(Debug, Clone)]
pub struct CharBits {
    /// A fixed-size table: its index is checked against a constant, not a loaded length.
    bmp: Box<[u64; 0x1_0000 / 64]>,
    astral: Vec<char>,
}

impl Default for CharBits {
    fn default() -> Self {
        CharBits {
            bmp: Box::new([0; 0x1_0000 / 64]),
            astral: Vec::new(),
        }
    }
}

impl CharBits {
    pub fn insert(&mut self, c: char) {
        match self.bmp.get_mut(c as usize / 64) {
            Some(w) => *w |= 1 << (c as usize % 64),
            None => {
                if let Err(i) = self.astral.binary_search(&c) {
                    self.astral.insert(i, c);
                }
            }
        }
    }

    pub fn contains(&self, c: char) -> bool {
        match self.bmp.get(c as usize / 64) {
            Some(w) => w & (1 << (c as usize % 64)) != 0,
            None => self.astral.binary_search(&c).is_ok(),
        }
    }
}

impl FromIterator<char> for CharBits {
    fn from_iter<I: IntoIterator<Item = char>>(chars: I) -> Self {
        let mut bits = CharBits::default();
        for c in chars {
            bits.insert(c);
        }
        bits
    }
}

/// A small set of chars, found in a text by their UTF-8 encodings with a byte search (a
/// vectorised one where the CPU has it) instead of decoding the text char by char. Best for
/// chars that are rare in the text: each match costs a few hundred instructions.
///
/// Every match is one whole char of the text: a pattern is a complete encoding and so begins
/// with an ASCII or lead byte, which never occurs inside another char's encoding (continuation
/// bytes are 0x80..=0xBF), so a match can only begin at a char boundary, and from there its
/// bytes are exactly that char. Occurrences of single chars never overlap, so the search's
/// non-overlapping matches are all of them.
pub struct CharSet {
    literals: Literals,
    chars: Vec<char>,
    /// The same chars, for `decode_iter`.
    bits: CharBits,
}

impl CharSet {
    pub fn new(chars: &[char]) -> Self {
        let mut chars = chars.to_vec();
        chars.sort_unstable();
        chars.dedup();
        let mut buf = [0u8; 4];
        let pats: Vec<Vec<u8>> = chars
            .iter()
            .map(|c| c.encode_utf8(&mut buf).as_bytes().to_vec())
            .collect();
        // With distinct single-char patterns every match kind finds the same matches.
        CharSet {
            literals: Literals::new(&pats, Prefer::First),
            bits: chars.iter().copied().collect(),
            chars,
        }
    }

    pub fn contains(&self, c: char) -> bool {
        self.bits.contains(c)
    }

    /// Byte offset and char of every occurrence in `text`, in order.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, char)> + 'a {
        self.literals
            .find_iter(text)
            .map(|f| (f.start, self.chars[f.literal]))
    }

    /// `find_iter` by decoding every char instead: faster where the chars are common (one in
    /// twenty or so, as 一, 不, 中 and 党 together are in official prose), since the byte search
    /// pays for every match it reports by restarting.
    pub fn decode_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, char)> + 'a {
        text.char_indices().filter(|&(_, c)| self.contains(c))
    }
}

/// The leftmost non-overlapping matches of a pattern, found by trying it only at `starts`:
/// ascending byte offsets that include every place a match can begin (extra ones cost only a
/// failed try). At each start at or past the end of the last match, `match_at` tries an
/// anchored match and returns it with its end; the first start that matches begins the
/// leftmost match, which is what the pattern's own left-to-right search reports. For patterns
/// whose first chars are everywhere but whose starts can be found faster apart (dates,
/// metrics, placeholders, the slogan lexicon).
pub fn leftmost_matches<T>(
    mut starts: impl Iterator<Item = usize>,
    mut match_at: impl FnMut(usize) -> Option<(T, usize)>,
) -> impl Iterator<Item = T> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        for s in starts.by_ref() {
            if s < pos {
                continue;
            }
            if let Some((found, end)) = match_at(s) {
                // An empty match would not move the search on.
                pos = end.max(s + 1);
                return Some(found);
            }
        }
        None
    })
}

/// Byte offsets of the ASCII digits of `text`, in order. Eight bytes at a time become a mask
/// of their digits with a few word operations (SWAR): most bytes of a Chinese text are never
/// looked at one by one.
pub fn ascii_digits(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let (mut base, mut mask) = (0usize, 0u64);
    let mut next = 0usize;
    std::iter::from_fn(move || loop {
        if mask != 0 {
            let k = mask.trailing_zeros() as usize / 8;
            mask &= mask - 1;
            return Some(base + k);
        }
        // Whole words, skipped in a tight loop while they hold no digit.
        while let Some(word) = bytes.get(next..next + 8) {
            base = next;
            next += 8;
            mask = digit_bytes(u64::from_le_bytes(word.try_into().unwrap_or([0x80; 8])));
            if mask != 0 {
                break;
            }
        }
        if mask != 0 {
            continue;
        }
        if next >= bytes.len() {
            return None;
        }
        // The last few bytes, padded with a byte that is no digit.
        base = next;
        next = bytes.len();
        let mut word = [0x80u8; 8];
        word[..next - base].copy_from_slice(&bytes[base..]);
        mask = digit_bytes(u64::from_le_bytes(word));
    })
}

/// The high bit of every byte of `w` that is an ASCII digit (0x30..=0x39), and no other bit:
/// "has between" from Bit Twiddling Hacks. No byte's sum or difference carries into the next.
fn digit_bytes(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = w & (ONES * 0x7F);
    // Bit 7 set: the low 7 bits are below 0x3A; at least 0x30; the byte is ASCII.
    let below = ONES * (0x7F + 0x3A) - low7;
    let from = low7 + ONES * (0x7F - 0x2F);
    below & from & !w & HIGH
}

/// Byte ranges cutting `text` into pieces of at least `size` bytes that end right after a line
/// break (the last one at the end of the text), so no piece splits a line.
pub fn line_pieces(text: &str, size: usize) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let end = line_end(text, (pos + size).min(text.len()));
        pieces.push(pos..end);
        pos = end;
    }
    pieces
}

/// Byte offset just past the first line break at or after `from`, or the end of `text`.
fn line_end(text: &str, from: usize) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[from..]).map_or(text.len(), |i| from + i + 1)
}

/// Byte length of `text`'s first line (without its newline), found by SIMD `memchr`: the
/// outline looks for the end of a paragraph at every heading, and paragraphs run long.
pub fn first_line_len(text: &str) -> usize {
    memchr::memchr(b'\n', text.as_bytes()).unwrap_or(text.len())
}

/// `text.split('\n')` with the newlines found by SIMD `memchr` (std's char search goes a
/// word at a time): the line loops of cleaning and the outline run over every document.
pub fn split_lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    let mut start = 0;
    std::iter::from_fn(move || {
        let end = ends.next()?;
        // A newline is one byte and never inside a char, so both ends are char boundaries.
        let line = text.get(start..end)?;
        start = end + 1;
        Some(line)
    })
}

/// Byte ranges of the lines of `text`, each with its line break (the last one may have none).
pub fn line_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let start = pos;
        (start < text.len()).then(|| {
            pos = line_end(text, start);
            start..pos
        })
    })
}

/// The largest char boundary of `s` at or before byte `i` (`s.len()` past the end).
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ranges_keep_their_breaks_and_cover_the_text() {
        let s = "一\n\n二三\nend";
        let got: Vec<&str> = line_ranges(s).map(|r| &s[r]).collect();
        assert_eq!(got, vec!["一\n", "\n", "二三\n", "end"]);
        assert_eq!(line_ranges("").count(), 0);
        assert_eq!(
            line_ranges("a\n").map(|r| r.len()).collect::<Vec<_>>(),
            vec![2]
        );
    }

    #[test]
    fn split_lines_is_split_on_newlines() {
        for s in [
            "",
            "\n",
            "一\n二",
            "一\n\n二\n",
            "\n一",
            "no newline",
            "一\r\n二",
        ] {
            let want: Vec<&str> = s.split('\n').collect();
            assert_eq!(split_lines(s).collect::<Vec<_>>(), want, "{s:?}");
            assert_eq!(&s[..first_line_len(s)], want[0], "{s:?}");
        }
    }

    /// Teddy and the automaton must report the same matches, for both preferences, where
    /// literals overlap, nest and share prefixes.
    #[test]
    fn literals_find_what_the_automaton_finds() {
        let lits = [
            "先进性教育",
            "先进性教育活动",
            "教育活动",
            "我省",
            "全省",
            "省委",
            "自治区党委",
            "区党委",
            "a",
        ];
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut texts = vec![
            "保持共产党员先进性教育活动，先进性教育，教育活动；我省全省省委，自治区党委区党委a"
                .to_owned(),
        ];
        for e in std::fs::read_dir(root).unwrap() {
            texts.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
        }
        for prefer in [Prefer::First, Prefer::Longest] {
            let (fast, automaton) = (
                Literals::new(&lits, prefer),
                Literals::automaton(&lits, prefer),
            );
            for t in &texts {
                let got: Vec<Found> = fast.find_iter(t).collect();
                assert_eq!(got, automaton.find_iter(t).collect::<Vec<_>>());
                assert!(!got.is_empty());
            }
        }
        let t = &texts[0];
        let longest: Vec<&str> = Literals::new(&lits, Prefer::Longest)
            .find_iter(t)
            .map(|f| &t[f.start..f.end])
            .collect();
        // The text names each literal once, in the list's order but for the first two.
        let mut want = lits.to_vec();
        want.swap(0, 1);
        assert_eq!(longest, want);
        let first: Vec<&str> = Literals::new(&lits, Prefer::First)
            .find_iter(t)
            .map(|f| &t[f.start..f.end])
            .take(1)
            .collect();
        assert_eq!(first, vec!["先进性教育"]);
    }

    #[test]
    fn leftmost_matches_resume_after_each_match() {
        // Matches of "aa" in "aaaab": at 0 and 2, not at the overlapping 1 and 3.
        let text = "aaaab";
        let try_at = |s: usize| text[s..].starts_with("aa").then_some((s, s + 2));
        let got: Vec<usize> = leftmost_matches(0..text.len(), try_at).collect();
        assert_eq!(got, vec![0, 2]);
        // Only the starts given are tried: from 1, the match 1..3 hides the start at 2.
        let got: Vec<usize> = leftmost_matches([1, 2, 3].into_iter(), try_at).collect();
        assert_eq!(got, vec![1]);
    }

    #[test]
    fn digit_bytes_marks_exactly_the_digits() {
        // Every byte value at every position, beside neighbours that would carry or borrow
        // into it if the word arithmetic leaked between bytes.
        for b in 0..=255u8 {
            for neighbours in [0x00u8, 0x2F, 0x30, 0x39, 0x3A, 0x7F, 0x80, 0xFF] {
                for at in 0..8 {
                    let mut word = [neighbours; 8];
                    word[at] = b;
                    let want = word.iter().enumerate().fold(0u64, |m, (k, x)| {
                        m | (u64::from(x.is_ascii_digit()) << (8 * k + 7))
                    });
                    assert_eq!(digit_bytes(u64::from_le_bytes(word)), want, "{word:?}");
                }
            }
        }
    }

    #[test]
    fn ascii_digits_are_every_ascii_digit() {
        let mut long = "一2三45".repeat(20);
        long.push_str("０9x");
        // Digits at the ends of whole words and of the padded tail.
        let edges = [
            "1234567",
            "12345678",
            "123456789",
            "一二三1",
            "xxxxxxx9xxxxxxx9",
        ];
        for t in ["", "1", "abc", "１２3", long.as_str()]
            .into_iter()
            .chain(edges)
        {
            let want: Vec<usize> = t
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit())
                .map(|(i, _)| i)
                .collect();
            assert_eq!(ascii_digits(t).collect::<Vec<_>>(), want, "{t:?}");
        }
    }

    #[test]
    fn finds_whole_chars_among_multibyte_neighbours() {
        let set = CharSet::new(&['三', '“', '\n', '两']);
        // 三 is E4 B8 89; 丁 (E4 B8 81) and 丈 (E4 B8 88) share its first two bytes.
        let text = "丁三丈“a两\n三é”三";
        let got: Vec<(usize, char)> = set.find_iter(text).collect();
        assert_eq!(
            got,
            vec![
                (3, '三'),
                (9, '“'),
                (13, '两'),
                (16, '\n'),
                (17, '三'),
                (25, '三')
            ]
        );
    }

    #[test]
    fn decoding_finds_what_the_byte_search_finds() {
        let set = CharSet::new(&['三', '“', '\n', '两', '𠀀', 'a']);
        for text in ["丁三丈“a两\n三é”三", "一𠀀a𠀁", "", "none here"] {
            let searched: Vec<(usize, char)> = set.find_iter(text).collect();
            assert_eq!(
                set.decode_iter(text).collect::<Vec<_>>(),
                searched,
                "{text:?}"
            );
        }
        assert!(set.contains('𠀀') && set.contains('三') && !set.contains('一'));
    }

    #[test]
    fn no_match_inside_another_chars_encoding() {
        // 一 is E4 B8 80; 丈丈 (E4 B8 88 E4 B8 88) shares its lead bytes but holds no 一.
        let set = CharSet::new(&['一']);
        assert_eq!(set.find_iter("丈丈abc").count(), 0);
        assert_eq!(set.find_iter("").count(), 0);
        assert_eq!(CharSet::new(&[]).find_iter("一").count(), 0);
    }

    #[test]
    fn astral_members() {
        let set = CharSet::new(&['𠀀', 'a']);
        assert_eq!(
            set.find_iter("一𠀀a𠀁").collect::<Vec<_>>(),
            vec![(3, '𠀀'), (7, 'a')]
        );
    }

    #[test]
    fn line_pieces_end_after_a_line_break_and_cover_the_text() {
        let text = "一二\n三\n四五六\n七";
        let pieces = line_pieces(text, 4);
        assert_eq!(pieces, vec![0..7, 7..21, 21..24]);
        assert_eq!(
            pieces.iter().map(|r| &text[r.clone()]).collect::<String>(),
            text
        );
        assert!(line_pieces("", 4).is_empty());
    }

    #[test]
    fn floor_char_boundary_backs_off_inside_a_char() {
        assert_eq!(floor_char_boundary("一二", 4), 3);
        assert_eq!(floor_char_boundary("一二", 3), 3);
        assert_eq!(floor_char_boundary("一二", 99), 6);
    }
}
