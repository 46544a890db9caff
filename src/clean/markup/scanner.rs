//! The forward source scanner: the text the HTML tokenizer sees, char by char with source byte
//! ranges (tags, comments and raw-text elements skipped, entities decoded), and the `Aligner`
//! that walks DOM text through it. Also records `c:set` tags and their `value` ranges.
//!
//! Talks to `prescan` for `Mapped`, to html5ever for entity decoding, and to the parent for
//! `Ctx`, `Range` and the byte search helpers; used by `html`.

use std::cell::OnceCell;

use scraper::Html;

use super::prescan::Mapped;
use super::{find, find_ci, Ctx, Range};

/// The text the HTML tokenizer sees in a source, char by char with byte ranges, found by skipping
/// tags, comments and raw-text elements and decoding entities. DOM text is matched against it.
pub(super) struct Scan {
    pub(super) seq: Vec<(char, u32, u32)>,
    /// Every position of `seq` as `key(char) << 32 | position`, sorted: the positions of a
    /// char, in order, for `Aligner::locate` when DOM text does not continue where it was.
    /// Built at the first such miss; most pages never have one.
    idx: OnceCell<Vec<u64>>,
    pub(super) csets: Vec<CSet>,
}

impl Scan {
    /// The first position at or after `from` holding a char with `c`'s key.
    fn next_of(&self, c: char, from: usize) -> Option<usize> {
        let idx = self.idx.get_or_init(|| {
            let mut v: Vec<u64> = (0u32..)
                .zip(&self.seq)
                .map(|(i, &(ch, _, _))| u64::from(u32::from(key(ch))) << 32 | u64::from(i))
                .collect();
            v.sort_unstable();
            v
        });
        let k = u64::from(u32::from(key(c)));
        let at = idx.partition_point(|&x| x < (k << 32 | from as u64));
        idx.get(at)
            .filter(|&&x| x >> 32 == k)
            .map(|&x| (x & 0xFFFF_FFFF) as usize)
    }
}

pub(super) struct CSet {
    pub(super) end: usize,
    pub(super) var: String,
    pub(super) value: Option<(usize, usize)>,
}

const RAWTEXT: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript",
];
const RCDATA: &[&str] = &["title", "textarea"];

/// Whether `name` is one of `list` (element names; every element of every page asks).
pub(super) fn listed(list: &[&str], name: &str) -> bool {
    list.contains(&name)
}

fn key(c: char) -> char {
    if c.is_ascii_whitespace() {
        ' '
    } else {
        c
    }
}

pub(super) fn scan(t: &str, ctx: &mut Ctx) -> Scan {
    let mut s = Scan {
        // One entry per char of text (tags are skipped, an entity decodes to fewer chars than
        // it spells): under half the bytes of a Chinese page (0.41 for news/xwlb), where a
        // page of ASCII text grows it once more. Grown by doubling from empty, a page's table
        // was copied about once over; counting the chars instead would reserve 12 bytes for
        // every byte of an ASCII page of tags.
        seq: Vec::with_capacity(t.len() / 2 + 16),
        idx: OnceCell::new(),
        csets: Vec::new(),
    };
    let (mut i, mut text_until) = (0, 0);
    while let Some(c) = t.get(i..).and_then(|r| r.chars().next()) {
        if c == '<' && i >= text_until {
            if let Some((e, tu)) = markup_end(t, i, &mut s.csets) {
                (i, text_until) = (e, tu);
                continue;
            }
        }
        let mut push = |ch: char, e: usize| {
            s.seq.push((ch, i as u32, e as u32));
        };
        // Only an entity decodes to a string; every other char is itself (no allocation: this
        // runs once per char of every page).
        let e = if c == '&' {
            let (e, dec) = entity_at(t, i, ctx).unwrap_or((i + 1, "&".to_string()));
            dec.chars().for_each(|ch| push(ch, e));
            e
        } else {
            let e = i + c.len_utf8();
            push(c, e);
            e
        };
        i = e;
    }
    s
}

/// End of the markup construct starting with '<' at i, and where RCDATA text ends (0 if none);
/// None when the '<' is literal text. Mirrors the html5ever tokenizer states closely enough.
fn markup_end(t: &str, i: usize, csets: &mut Vec<CSet>) -> Option<(usize, usize)> {
    let b = t.as_bytes();
    let n = b.len();
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    let to_gt = |k: usize| find(b, k, b">").map_or(n, |j| j + 1);
    match at(i + 1) {
        b'!' if b[i..].starts_with(b"<!--") => {
            let s = i + 4;
            let e = match (at(s), at(s + 1)) {
                (b'>', _) => s + 1,
                (b'-', b'>') => s + 2,
                _ => find(b, s, b"-->").map_or(n, |j| j + 3),
            };
            Some((e, 0))
        }
        b'!' | b'?' => Some((to_gt(i), 0)),
        b'/' => match at(i + 2) {
            c if c.is_ascii_alphabetic() => Some((tag_end(b, i + 2).0, 0)),
            b'>' => Some((i + 3, 0)),
            0 => None,
            _ => Some((to_gt(i), 0)),
        },
        c if c.is_ascii_alphabetic() => {
            let (e, name, attrs) = tag_end(b, i + 1);
            let name = t.get(name.0..name.1).unwrap_or("").to_ascii_lowercase();
            if name == "c:set" {
                let attr = |want: &str| {
                    attrs.iter().find(|a| {
                        t.get(a.0..a.1)
                            .is_some_and(|x| x.eq_ignore_ascii_case(want))
                    })
                };
                let var = attr("var")
                    .and_then(|a| t.get(a.2..a.3))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                csets.push(CSet {
                    end: e,
                    var,
                    value: attr("value").map(|a| (a.2, a.3)),
                });
            }
            let close = || find_ci(b, e, format!("</{name}").as_bytes()).unwrap_or(n);
            if listed(RAWTEXT, &name) {
                Some((close(), 0))
            } else if listed(RCDATA, &name) {
                Some((e, close()))
            } else {
                Some((e, 0))
            }
        }
        _ => None,
    }
}

type Attr = (usize, usize, usize, usize);

/// Scans a tag from its name at j: (end after '>', name range, attributes as name/value ranges).
/// Quoted values may hold '>' (and whole HTML fragments in JSTL `value`s).
fn tag_end(b: &[u8], mut j: usize) -> (usize, (usize, usize), Vec<Attr>) {
    let n = b.len();
    let stop = |c: u8| c.is_ascii_whitespace() || c == b'/' || c == b'>';
    let start = j;
    while j < n && !stop(b[j]) {
        j += 1;
    }
    let name = (start, j);
    let mut attrs = Vec::new();
    loop {
        while j < n && (b[j].is_ascii_whitespace() || b[j] == b'/') {
            j += 1;
        }
        if j >= n {
            return (n, name, attrs);
        }
        if b[j] == b'>' {
            return (j + 1, name, attrs);
        }
        let ns = j;
        j += 1;
        while j < n && !stop(b[j]) && b[j] != b'=' {
            j += 1;
        }
        let ne = j;
        while j < n && b[j].is_ascii_whitespace() {
            j += 1;
        }
        let (mut vs, mut ve) = (j, j);
        if j < n && b[j] == b'=' {
            j += 1;
            while j < n && b[j].is_ascii_whitespace() {
                j += 1;
            }
            match b.get(j) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    vs = j + 1;
                    ve = find(b, vs, &[q]).unwrap_or(n);
                    j = (ve + 1).min(n);
                }
                _ => {
                    vs = j;
                    while j < n && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    ve = j;
                }
            }
        }
        attrs.push((ns, ne, vs, ve));
    }
}

/// The entity at i as html5ever decodes it in text (asked of html5ever itself, cached), and
/// where it ends.
fn entity_at(t: &str, i: usize, ctx: &mut Ctx) -> Option<(usize, String)> {
    let b = t.as_bytes();
    let mut j = i + 1;
    let numeric = b.get(j) == Some(&b'#');
    if numeric {
        j += 1;
        let hex = matches!(b.get(j), Some(b'x' | b'X'));
        j += usize::from(hex);
        while b.get(j).is_some_and(|c| {
            if hex {
                c.is_ascii_hexdigit()
            } else {
                c.is_ascii_digit()
            }
        }) {
            j += 1;
        }
    } else {
        while j - i < 40 && b.get(j).is_some_and(|c| c.is_ascii_alphanumeric()) {
            j += 1;
        }
    }
    j += usize::from(b.get(j) == Some(&b';'));
    let cand = t.get(i..j)?;
    let dec = ctx.entities.entry(cand.to_string()).or_insert_with(|| {
        let frag = Html::parse_fragment(cand);
        let text: String = frag.root_element().text().collect();
        text
    });
    if dec.as_str() == cand || dec.is_empty() {
        return None;
    }
    // "&copy2023" decodes to "©2023": the undecoded tail is literal text, not part of the entity.
    let dn = dec.chars().count();
    let tail = cand
        .chars()
        .rev()
        .zip(dec.chars().rev())
        .take_while(|(a, b)| a == b)
        .count()
        .min(dn - 1);
    let dec: String = dec.chars().take(dn - tail).collect();
    Some((j - tail, dec))
}

/// Walks DOM text forward through a `Scan`, handing out input ranges.
pub(super) struct Aligner<'a> {
    pub(super) scan: &'a Scan,
    pub(super) seg: &'a Mapped,
    pub(super) cur: usize,
    pub(super) cset: usize,
}

/// How far DOM text may run ahead of the source before we call it reordered rather than skipped.
const JUMP: usize = 1 << 16;

impl Aligner<'_> {
    pub(super) fn here(&self) -> Range {
        let p = self
            .scan
            .seq
            .get(self.cur)
            .map_or(self.seg.text.len(), |x| x.1 as usize);
        let q = self.seg.point(p);
        (q, q)
    }

    pub(super) fn locate(&mut self, c: char) -> Option<usize> {
        // Text mostly continues right where the last char was found, or after source whitespace
        // the DOM walk collapsed (a line break between Markdown paragraphs): skip the index
        // then. Past a few whitespace chars the index answers, as it would anyway: the first
        // position holding `c` is the same either way.
        let seq = &self.scan.seq;
        let k = key(c);
        let mut x = self.cur;
        if k != ' ' {
            while x - self.cur < 16 && seq.get(x).is_some_and(|&(sc, _, _)| key(sc) == ' ') {
                x += 1;
            }
        }
        if seq.get(x).is_some_and(|&(sc, _, _)| key(sc) == k) {
            self.cur = x + 1;
            return Some(x);
        }
        let x = self.scan.next_of(c, self.cur)?;
        (x - self.cur <= JUMP).then(|| {
            self.cur = x + 1;
            x
        })
    }

    pub(super) fn char_range(&mut self, c: char) -> Range {
        let Some(x) = self.locate(c) else {
            return self.here();
        };
        let (_, s, e) = self.scan.seq[x];
        self.seg
            .compose(s as usize, e as usize, false)
            .unwrap_or_else(|| self.here())
    }

    /// A collapsed space stands for the whole raw whitespace run it starts.
    pub(super) fn space_range(&mut self) -> Range {
        let Some(x) = self.locate(' ') else {
            return self.here();
        };
        let seq = &self.scan.seq;
        let (_, s, mut e) = seq[x];
        let mut y = x + 1;
        if e - s == 1 {
            while let Some(&(c, s2, e2)) = seq.get(y) {
                if !(c.is_ascii_whitespace() && s2 == e && e2 == s2 + 1) {
                    break;
                }
                e = e2;
                y += 1;
            }
        }
        self.cur = y;
        self.seg
            .compose(s as usize, e as usize, true)
            .unwrap_or_else(|| self.here())
    }
}
