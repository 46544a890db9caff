//! Server-code removal: deletes JSP/ASP, PHP and EL blocks before any HTML parsing, keeping a
//! byte map (`Mapped`) from the rewritten text back to the input.
//!
//! Talks to the parent for `Range` and `find`; `Mapped` is used by `json`, `html` and `scanner`.

use super::{find, Range};

/// A rewritten string that remembers, for each of its bytes, the input range of its char.
#[derive(Default)]
pub(super) struct Mapped {
    pub(super) text: String,
    map: ByteMap,
    pub(super) end: u32,
}

/// Where each byte of a `Mapped` text came from.
enum ByteMap {
    /// Byte `p` is input byte `p + shift`, its char input char for char: a page without
    /// server code (most of them), or a slice of one. No table.
    Shifted(u32),
    /// The input range of each byte's char, per byte.
    Ranges(Vec<Range>),
}

impl Default for ByteMap {
    fn default() -> Self {
        ByteMap::Ranges(Vec::new())
    }
}

impl Mapped {
    /// `text` with the input range of each of its bytes' chars.
    pub(super) fn with_ranges(text: String, map: Vec<Range>, end: u32) -> Self {
        Mapped {
            text,
            map: ByteMap::Ranges(map),
            end,
        }
    }

    pub(super) fn push(&mut self, c: char, r: Range) {
        if let ByteMap::Shifted(shift) = self.map {
            // Spell the shifted map out first (only texts built char by char are pushed to).
            let ranges = self
                .text
                .char_indices()
                .flat_map(|(i, ch)| {
                    let at = (i as u32 + shift, (i + ch.len_utf8()) as u32 + shift);
                    std::iter::repeat_n(at, ch.len_utf8())
                })
                .collect();
            self.map = ByteMap::Ranges(ranges);
        }
        self.text.push(c);
        if let ByteMap::Ranges(map) = &mut self.map {
            map.extend(std::iter::repeat_n(r, c.len_utf8()));
        }
    }

    /// Input offset of the char holding byte `p` (`end` past the text).
    pub(super) fn point(&self, p: usize) -> u32 {
        match &self.map {
            ByteMap::Ranges(map) => map.get(p).map_or(self.end, |r| r.0),
            ByteMap::Shifted(_) if p >= self.text.len() => self.end,
            ByteMap::Shifted(shift) => {
                crate::scan::floor_char_boundary(&self.text, p) as u32 + shift
            }
        }
    }

    pub(super) fn slice(&self, s: usize, e: usize) -> Mapped {
        let Some(t) = self.text.get(s..e) else {
            return Mapped::default();
        };
        let map = match &self.map {
            ByteMap::Shifted(shift) => ByteMap::Shifted(shift + s as u32),
            ByteMap::Ranges(map) => match map.get(s..e) {
                Some(m) => ByteMap::Ranges(m.to_vec()),
                None => return Mapped::default(),
            },
        };
        Mapped {
            text: t.to_string(),
            map,
            end: self.point(e),
        }
    }

    /// Input range of bytes s..e. An entity split by a deleted JSP block is not one input run,
    /// so it gets None; a whitespace run may keep its first contiguous part (`prefix_ok`).
    pub(super) fn compose(&self, s: usize, e: usize, prefix_ok: bool) -> Option<Range> {
        let map = match &self.map {
            // Chars follow each other in the input as in the text: one run.
            ByteMap::Shifted(shift) => {
                self.text.get(s..e).filter(|t| !t.is_empty())?;
                return Some((s as u32 + shift, e as u32 + shift));
            }
            ByteMap::Ranges(map) => map,
        };
        let mut out: Option<Range> = None;
        for (off, _) in self.text.get(s..e)?.char_indices() {
            let r = *map.get(s + off)?;
            out = match out {
                None => Some(r),
                Some((a, b)) if r.0 == b => Some((a, r.1)),
                Some(_) if prefix_ok => break,
                Some(_) => return None,
            };
        }
        out
    }
}

/// Whether `b` holds anything `strip_server_code` might delete: `<%`, `<?php`, `<?=`, `${`.
fn may_hold_server_code(b: &[u8]) -> bool {
    memchr::memchr2_iter(b'<', b'$', b).any(|i| {
        let rest = &b[i..];
        rest.starts_with(b"<%")
            || rest.starts_with(b"<?=")
            || rest.starts_with(b"${")
            || rest
                .get(..5)
                .is_some_and(|h| h.eq_ignore_ascii_case(b"<?php"))
    })
}

/// JSP/ASP `<% %>`, PHP `<?php ?>` and EL `${}` are server code, not page text: delete them.
/// Deleting (rather than blanking) keeps code bytes out of whitespace runs.
pub(super) fn strip_server_code(input: &str) -> Mapped {
    let b = input.as_bytes();
    if !may_hold_server_code(b) {
        return Mapped {
            text: input.to_owned(),
            map: ByteMap::Shifted(0),
            end: input.len() as u32,
        };
    }
    let mut m = Mapped {
        end: input.len() as u32,
        ..Mapped::default()
    };
    let mut skip_until = 0;
    for (i, c) in input.char_indices() {
        if i < skip_until {
            continue;
        }
        let rest = &b[i..];
        let end = if rest.starts_with(b"<%--") {
            Some(find(b, i + 4, b"--%>").map_or(b.len(), |j| j + 4))
        } else if rest.starts_with(b"<%") {
            Some(find(b, i + 2, b"%>").map_or(b.len(), |j| j + 2))
        } else if rest.len() >= 5 && rest[..5].eq_ignore_ascii_case(b"<?php")
            || rest.starts_with(b"<?=")
        {
            Some(find(b, i + 2, b"?>").map_or(b.len(), |j| j + 2))
        } else if rest.starts_with(b"${") {
            let stop = rest.iter().take(256).position(|&x| x == b'}' || x == b'\n');
            stop.filter(|&k| rest[k] == b'}').map(|k| i + k + 1)
        } else {
            None
        };
        match end {
            Some(j) => skip_until = j,
            None => m.push(c, (i as u32, (i + c.len_utf8()) as u32)),
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page with no server code gets the shifted map; it must answer as the per-byte table
    /// the char-by-char path builds for the same page.
    #[test]
    fn shifted_map_answers_as_the_per_byte_table() {
        let input = "<p>督导组 a&amp;b</p>\n二、";
        let fast = strip_server_code(input);
        assert!(matches!(fast.map, ByteMap::Shifted(0)));
        let mut table = Mapped::with_ranges(String::new(), Vec::new(), input.len() as u32);
        for (i, c) in input.char_indices() {
            table.push(c, (i as u32, (i + c.len_utf8()) as u32));
        }
        assert_eq!(fast.text, table.text);
        let n = input.len();
        for s in 0..=n + 1 {
            assert_eq!(fast.point(s), table.point(s), "point {s}");
            for e in s..=n + 1 {
                for prefix_ok in [false, true] {
                    assert_eq!(
                        fast.compose(s, e, prefix_ok),
                        table.compose(s, e, prefix_ok),
                        "compose {s}..{e}"
                    );
                }
            }
        }
        let (a, b) = (fast.slice(3, 12), table.slice(3, 12));
        assert_eq!(a.text, b.text);
        assert_eq!(a.end, b.end);
        for p in 0..=a.text.len() {
            assert_eq!(a.point(p), b.point(p), "sliced point {p}");
            assert_eq!(
                a.compose(0, p, false),
                b.compose(0, p, false),
                "sliced 0..{p}"
            );
        }
        // Pushing onto a shifted text spells its map out first.
        let (mut a, mut b) = (a, b);
        a.push('x', (40, 41));
        b.push('x', (40, 41));
        for p in 0..=a.text.len() {
            assert_eq!(a.point(p), b.point(p), "pushed point {p}");
        }
    }

    #[test]
    fn server_code_is_deleted_with_its_map() {
        let input = "甲<% out.print(1); %>乙${x}丙";
        let m = strip_server_code(input);
        assert_eq!(m.text, "甲乙丙");
        assert!(matches!(m.map, ByteMap::Ranges(_)));
        assert_eq!(
            m.compose(3, 6, false),
            Some((22, 25)),
            "乙 after the deleted block"
        );
    }
}
