//! Tests of `AlignedText` and `AlignedBuilder`.

use super::*;

#[test]
fn rewriting_in_place_aligns_as_rewriting_into_a_copy() {
    // A text with breaks: a dropped tag before 组, a widened comma.
    let mut b = AlignedBuilder::default();
    b.push_contiguous("督導", 0);
    b.push_contiguous("組會議", 20);
    b.push('，', 29, 30);
    b.push_contiguous("會議", 30);
    let src = b.finish();
    let (from, to) = (src.byte_of_char(1), src.byte_of_char(6));
    let new = "导组会议，";
    let mut copy = AlignedBuilder::default();
    copy.push_slice(&src, 0..1);
    assert!(copy.push_rewritten(&src, 1..6, new));
    copy.push_slice(&src, 6..src.char_len());
    let copy = copy.finish();
    let mut in_place = src.clone();
    assert!(in_place.rewrite_same_widths(from..to, new));
    assert_eq!(in_place.as_str(), copy.as_str());
    let origins = |t: &AlignedText| t.chars().map(|(_, s, e)| (s, e)).collect::<Vec<_>>();
    assert_eq!(origins(&in_place), origins(&copy));
    assert_eq!(origins(&in_place), origins(&src));
    // Other widths or boundaries leave the text as it was.
    assert!(!in_place.rewrite_same_widths(from..to, "导组会议,"));
    assert!(!in_place.rewrite_same_widths(from..to + 1, "导组会议，"));
    assert_eq!(in_place.as_str(), copy.as_str());
}

/// A text with breaks of every kind, some in runs: an inserted line break at the start,
/// widened punctuation, text after dropped markup, a char from a longer origin, ASCII and
/// multi-byte lines, an empty-origin line break.
pub(super) fn text_with_breaks() -> AlignedText {
    let mut b = AlignedBuilder::default();
    b.push('\n', 0, 0);
    b.push_contiguous("督导组要", 0);
    b.push('，', 12, 13);
    b.push('，', 13, 14);
    b.push_contiguous("深入基层", 20);
    b.push('\n', 32, 33);
    b.push_contiguous("abc 1,000", 40);
    b.push('\n', 49, 49);
    b.push_contiguous("二、坚持“两不误”", 50);
    b.push('组', 77, 99);
    b.push('。', 99, 100);
    b.finish()
}

#[test]
fn searching_forward_from_any_char_finds_what_the_search_of_the_stretch_finds() {
    let t = text_with_breaks();
    let (n, len) = (t.char_len(), t.as_str().len());
    for within in [0..n, 3..n - 2, 5..9] {
        for byte in t.byte_of_char(within.start)..t.byte_of_char(within.end) {
            let want = t.char_at_byte_within(byte, within.clone());
            for from in 0..=n + 1 {
                assert_eq!(
                    t.char_at_byte_from(byte, within.clone(), from),
                    want,
                    "{byte} {from}"
                );
            }
        }
    }
    assert!(len > n, "the text holds multi-byte chars");
}

#[test]
fn partition_from_any_start_is_the_partition_point() {
    let slice: Vec<u32> = (0..40).map(|k| k * 3 + k % 2).collect();
    for threshold in 0..130 {
        let pred = |&v: &u32| v <= threshold;
        let want = slice.partition_point(pred);
        for from in 0..=slice.len() + 2 {
            assert_eq!(
                partition_from(&slice, from, pred),
                want,
                "{threshold} {from}"
            );
        }
    }
    assert_eq!(partition_from(&[] as &[u32], 0, |_| true), 0);
}

#[test]
fn a_window_gives_the_origins_of_the_whole_text() {
    let t = text_with_breaks();
    let n = t.char_len();
    for start in 0..=n {
        for end in start..=n {
            let w = t.window(start..end);
            for i in 0..n {
                assert_eq!(
                    t.origin_in(i, &w),
                    t.origin_of(i),
                    "{start}..{end}, char {i}"
                );
            }
            for a in start..=end {
                for z in a..=end {
                    assert_eq!(t.origin_range_in(a..z, &w), t.origin_range(a..z));
                }
            }
        }
    }
}

#[test]
fn push_contiguous_matches_char_by_char_pushes() {
    let mut a = AlignedBuilder::default();
    let mut b = AlignedBuilder::default();
    a.push('x', 0, 0);
    b.push('x', 0, 0);
    let text = "督导组a，b";
    a.push_contiguous(text, 7);
    for (i, c) in text.char_indices() {
        b.push(c, 7 + i, 7 + i + c.len_utf8());
    }
    let (a, b) = (a.finish(), b.finish());
    assert_eq!(a.as_str(), b.as_str());
    for k in 0..a.char_len() {
        assert_eq!(a.origin_of(k), b.origin_of(k), "char {k}");
        assert_eq!(a.byte_of_char(k), b.byte_of_char(k));
    }
    assert_eq!(a.origin_of(1), (7, 10));
}

#[test]
fn same_char_widths_compares_every_byte_in_words_and_tail() {
    // 22 bytes: two 8-byte words and a 6-byte tail; a mismatch tried in each.
    let base = "督导组ab督导组ab";
    let same_len = |t: &str| assert_eq!(t.len(), base.len(), "{t}");
    for t in [
        "监督组ab督导组ab",
        "abcdef组ab督导组ab",
        "督导组ééx导组ab",
        "督导组ab督导组é",
    ] {
        same_len(t);
    }
    assert!(same_char_widths(base, "监督组ab督导组ab"));
    assert!(!same_char_widths(base, "abcdef组ab督导组ab"), "first word");
    assert!(!same_char_widths(base, "督导组ééx导组ab"), "second word");
    assert!(!same_char_widths(base, "督导组ab督导组é"), "tail");
    assert!(!same_char_widths(base, "督导组"), "lengths differ");
    assert!(same_char_widths("", ""));
}

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
fn push_rewritten_keeps_origins_by_index_only_for_the_same_char_widths() {
    let src = AlignedText::identity("a導組b");
    let mut b = AlignedBuilder::default();
    assert!(b.push_rewritten(&src, 1..3, "导组"));
    assert!(
        !b.push_rewritten(&src, 3..4, "бb"),
        "a 2-byte char for a 1-byte one"
    );
    let t = b.finish();
    assert_eq!(t.as_str(), "导组");
    assert_eq!(t.origin_of(0), (1, 4));
    assert_eq!(t.origin_of(1), (4, 7));
}

#[test]
fn char_at_byte_within_agrees_with_the_whole_search() {
    let t = AlignedText::identity("ab中国cd文");
    for byte in 0..t.as_str().len() {
        for within in [0..7, 2..4, 4..7, 3..3] {
            let inside = within.is_empty()
                || (t.byte_of_char(within.start)..t.byte_of_char(within.end)).contains(&byte);
            if inside {
                assert_eq!(
                    t.char_at_byte_within(byte, within.clone()),
                    t.char_at_byte(byte)
                );
            }
        }
    }
    // A byte before the stretch falls back to the whole search.
    assert_eq!(t.char_at_byte_within(0, 4..7), 0);
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

/// The naive map the compact one must agree with: one origin per char.
fn naive(t: &AlignedText) -> Vec<(usize, usize)> {
    t.chars().map(|(_, s, e)| (s, e)).collect()
}

#[test]
fn compact_map_agrees_with_pushed_origins() {
    // A tiny LCG: deterministic, and enough to mix runs, gaps, width changes, insertions.
    let mut seed = 0x2545_f491_u64;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    for _ in 0..200 {
        let mut b = AlignedBuilder::default();
        let mut pushed = Vec::new();
        let mut pos = next(5) as usize;
        for _ in 0..next(40) {
            let c = ['中', 'a', '，', '\n', '𠀀'][next(5) as usize];
            let (s, e) = match next(6) {
                0 => (pos, pos),                        // inserted
                1 => (pos + 2, pos + 2 + c.len_utf8()), // after a dropped tag
                2 => (pos, pos + 1),                    // narrower origin
                _ => (pos, pos + c.len_utf8()),         // own bytes
            };
            b.push(c, s, e);
            pushed.push((s, e));
            pos = e;
            if next(10) == 0 {
                b.trim_end_matches(|c| c == '\n');
                pushed.truncate(b.starts.len());
                pos = pushed.last().map_or(pos, |&(_, e)| e);
            }
        }
        let t = b.finish();
        assert_eq!(naive(&t), pushed);
        for (i, &o) in pushed.iter().enumerate() {
            assert_eq!(t.origin_of(i), o, "char {i}");
            let from: Vec<_> = t.chars_from(i).map(|(_, s, e)| (s, e)).collect();
            assert_eq!(from, pushed[i..], "chars from {i}");
        }
        // Any slice of it, appended after other chars, keeps its origins.
        let n = t.char_len();
        let (a, z) = (next(n as u64 + 1) as usize, next(n as u64 + 1) as usize);
        let (a, z) = (a.min(z), a.max(z));
        let mut b = AlignedBuilder::default();
        b.push('x', 7, 7);
        b.push_slice(&t, a..z);
        b.push('y', 1000, 1001);
        let u = b.finish();
        let mut want = vec![(7, 7)];
        want.extend_from_slice(&pushed[a..z]);
        want.push((1000, 1001));
        assert_eq!(naive(&u), want);
        assert_eq!(
            (0..u.char_len())
                .map(|i| u.origin_of(i))
                .collect::<Vec<_>>(),
            want
        );
    }
}
