//! Server-code removal: deletes JSP/ASP, PHP and EL blocks before any HTML parsing, keeping a
//! byte map (`Mapped`) from the rewritten text back to the input.
//!
//! Talks to the parent for `Range` and `find`; `Mapped` is used by `json`, `html` and `scanner`.

use super::{find, Range};

/// A rewritten string that remembers, for each of its bytes, the input range of its char.
#[derive(Default)]
pub(super) struct Mapped {
    pub(super) text: String,
    pub(super) map: Vec<Range>,
    pub(super) end: u32,
}

impl Mapped {
    pub(super) fn push(&mut self, c: char, r: Range) {
        self.text.push(c);
        self.map.extend(std::iter::repeat_n(r, c.len_utf8()));
    }

    pub(super) fn point(&self, p: usize) -> u32 {
        self.map.get(p).map_or(self.end, |r| r.0)
    }

    pub(super) fn slice(&self, s: usize, e: usize) -> Mapped {
        match (self.text.get(s..e), self.map.get(s..e)) {
            (Some(t), Some(m)) => Mapped {
                text: t.to_string(),
                map: m.to_vec(),
                end: self.point(e),
            },
            _ => Mapped::default(),
        }
    }

    /// Input range of bytes s..e. An entity split by a deleted JSP block is not one input run,
    /// so it gets None; a whitespace run may keep its first contiguous part (`prefix_ok`).
    pub(super) fn compose(&self, s: usize, e: usize, prefix_ok: bool) -> Option<Range> {
        let mut out: Option<Range> = None;
        for (off, _) in self.text.get(s..e)?.char_indices() {
            let r = *self.map.get(s + off)?;
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

/// JSP/ASP `<% %>`, PHP `<?php ?>` and EL `${}` are server code, not page text: delete them.
/// Deleting (rather than blanking) keeps code bytes out of whitespace runs.
pub(super) fn strip_server_code(input: &str) -> Mapped {
    let b = input.as_bytes();
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
