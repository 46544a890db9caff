//! Markup to text via scraper (html5ever): HTML, JSP/PHP, JSON-in-Java; keeps per-char input spans.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use scraper::{Html, Node};

/// Text extracted from markup, with, for every char of `text`, the byte range in the input it came from.
pub struct MarkupText {
    pub text: String,
    /// one entry per char of `text`: (start, end) byte offsets into the input &str.
    /// Chars the cleaner inserted (paragraph breaks) get an empty range (p, p) at the nearest input position.
    pub src: Vec<(u32, u32)>,
}

type Range = (u32, u32);

static STRONG_SIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<!doctype|<html[\s>]|<body[\s>]|<%[@=!-]|<\?php|<\\/[a-z]")
        .expect("static regex")
});
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)</?(?:p|div|br|span|a|b|i|u|em|strong|font|img|table|tr|td|th|li|ul|ol|h[1-6]|",
        r"title|head|meta|link|script|style|section|article|center|blockquote|pre|hr|",
        r"c:set|jsp:[a-z]+)(?:\s[^<>]*)?/?>"
    ))
    .expect("static regex")
});
static JSON_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""[A-Za-z_$][\w$]*"\s*:\s*"((?:[^"\\\r\n]|\\.)*)""#).expect("static regex")
});
static ANY_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>").expect("static regex"));

/// Cheap sniff: does this decoded text look like markup/template source (HTML tags, <%@ , <?php, Java/JSON with "<p>" inside strings)?
pub fn looks_like_markup(input: &str) -> bool {
    let head = &input[..floor_boundary(input, 256 * 1024)];
    STRONG_SIGN.is_match(head) || TAG.find_iter(head).take(2).count() == 2
}

/// Extract article text. Never panics on any input (no unwrap/expect on input-dependent paths).
pub fn markup_to_text(input: &str) -> MarkupText {
    // Ranges are u32; anything beyond that cannot be addressed, so it is not read.
    let input = &input[..floor_boundary(input, u32::MAX as usize)];
    let mut b = Builder::default();
    let mut ctx = Ctx::default();
    if !looks_like_markup(input) {
        plain(input, &mut b);
        return b.finish();
    }
    let pre = strip_server_code(input);
    match json_blocks(&pre) {
        Some(blocks) => {
            for block in &blocks {
                b.brk(2);
                extract(block, true, &mut b, &mut ctx, 0);
                b.brk(2);
            }
        }
        None => extract(&pre, false, &mut b, &mut ctx, 0),
    }
    b.finish()
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A rewritten string that remembers, for each of its bytes, the input range of its char.
#[derive(Default)]
struct Mapped {
    text: String,
    map: Vec<Range>,
    end: u32,
}

impl Mapped {
    fn push(&mut self, c: char, r: Range) {
        self.text.push(c);
        self.map.extend(std::iter::repeat_n(r, c.len_utf8()));
    }

    fn point(&self, p: usize) -> u32 {
        self.map.get(p).map_or(self.end, |r| r.0)
    }

    fn slice(&self, s: usize, e: usize) -> Mapped {
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
    fn compose(&self, s: usize, e: usize, prefix_ok: bool) -> Option<Range> {
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
fn strip_server_code(input: &str) -> Mapped {
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

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let tail = hay.get(from..)?;
    tail.windows(needle.len())
        .position(|w| w == needle)
        .map(|k| k + from)
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let tail = hay.get(from..)?;
    tail.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|k| k + from)
}

fn is_cjk(c: char) -> bool {
    let c = c as u32;
    (0x3400..=0x4DBF).contains(&c)
        || (0x4E00..=0x9FFF).contains(&c)
        || (0xF900..=0xFAFF).contains(&c)
        || (0x20000..=0x2FA1F).contains(&c)
}

fn is_wide(c: char) -> bool {
    is_cjk(c)
        || [
            (0x2E80, 0x303F),
            (0x3040, 0x31FF),
            (0xFE30, 0xFE4F),
            (0xFF00, 0xFF60),
            (0xFFE0, 0xFFE6),
        ]
        .iter()
        .any(|&(a, z)| (a..=z).contains(&(c as u32)))
}

fn cjk_count(s: &str) -> usize {
    s.chars().filter(|&c| is_cjk(c)).count()
}

/// Java/JSON sources keep the article in string values. When such values (HTML or long CJK text)
/// hold most of the CJK in the file, they are the article and everything else is scaffolding.
fn json_blocks(pre: &Mapped) -> Option<Vec<Mapped>> {
    let total = cjk_count(&pre.text);
    let (mut found, mut seen, mut blocks) = (0, HashSet::new(), Vec::new());
    for cap in JSON_FIELD.captures_iter(&pre.text) {
        let Some(g) = cap.get(1) else { continue };
        let v = json_unescape(pre, g.start(), g.end());
        let n = cjk_count(&v.text);
        if n >= 8 || ANY_TAG.is_match(&v.text) {
            found += n;
            // the same JSON is often pasted twice (class comment and field comment)
            if seen.insert(v.text.clone()) {
                blocks.push(v);
            }
        }
    }
    (total > 0 && found * 2 > total).then_some(blocks)
}

fn json_unescape(pre: &Mapped, s: usize, e: usize) -> Mapped {
    let t = pre.text.get(s..e).unwrap_or("");
    let mut m = Mapped {
        end: pre.point(e),
        ..Mapped::default()
    };
    let mut it = t.char_indices().peekable();
    let hex4 = |at: usize| {
        t.get(at..at + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    while let Some((i, c)) = it.next() {
        let (ch, len) = match (c, it.peek().map(|x| x.1)) {
            ('\\', Some('u')) => match hex4(i + 2) {
                Some(hi @ 0xD800..=0xDBFF) => match (t.get(i + 6..i + 8), hex4(i + 8)) {
                    (Some("\\u"), Some(lo @ 0xDC00..=0xDFFF)) => (
                        char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)),
                        12,
                    ),
                    _ => (Some('\u{FFFD}'), 6),
                },
                Some(cp) => (Some(char::from_u32(cp).unwrap_or('\u{FFFD}')), 6),
                None => (None, 1),
            },
            ('\\', Some(x)) => match x {
                '"' | '\\' | '/' | '\'' => (Some(x), 2),
                'n' => (Some('\n'), 2),
                't' => (Some('\t'), 2),
                'r' => (Some('\r'), 2),
                'b' => (Some('\u{8}'), 2),
                'f' => (Some('\u{c}'), 2),
                _ => (None, 1),
            },
            _ => (None, c.len_utf8()),
        };
        let r = pre
            .compose(s + i, s + i + len, false)
            .unwrap_or((pre.point(s + i), pre.point(s + i)));
        m.push(ch.unwrap_or(c), r);
        while it.peek().is_some_and(|&(j, _)| j < i + len) {
            it.next();
        }
    }
    m
}

/// Output under construction: drops whitespace at paragraph edges, merges breaks into at most
/// two newlines.
#[derive(Default)]
struct Builder {
    text: String,
    src: Vec<Range>,
    soft: Vec<(char, Range)>,
    pending: u8,
    line: bool,
    /// the trailing soft space came from a whitespace run holding a line break
    soft_nl: bool,
}

impl Builder {
    fn brk(&mut self, n: u8) {
        self.soft.clear();
        self.soft_nl = false;
        self.line = false;
        if !self.text.is_empty() {
            self.pending = self.pending.max(n);
        }
    }

    fn wants_space(&self) -> bool {
        self.line && self.soft.last().is_none_or(|x| x.0 != ' ')
    }

    fn push_space(&mut self, r: Range, newline: bool) {
        self.soft.push((' ', r));
        self.soft_nl = newline;
    }

    fn push(&mut self, c: char, r: Range) {
        if c.is_whitespace() {
            if self.line {
                self.soft.push((c, r));
                self.soft_nl = false;
            }
            return;
        }
        // CSS Text 3 segment-break rule: a line break between two wide (CJK) chars vanishes,
        // so hard-wrapped Chinese source does not get spaces inside sentences.
        let prev = self.text.chars().next_back();
        if self.soft_nl && self.soft.len() == 1 && prev.is_some_and(is_wide) && is_wide(c) {
            self.soft.clear();
        }
        self.soft_nl = false;
        for _ in 0..self.pending.min(2) {
            self.text.push('\n');
            self.src.push((r.0, r.0));
        }
        self.pending = 0;
        for (s, sr) in self.soft.drain(..) {
            self.text.push(s);
            self.src.push(sr);
        }
        self.text.push(c);
        self.src.push(r);
        self.line = true;
    }

    fn finish(self) -> MarkupText {
        MarkupText {
            text: self.text,
            src: self.src,
        }
    }
}

#[derive(Default)]
struct Ctx {
    entities: HashMap<String, String>,
    seen: HashSet<String>,
}

/// Plain text that reached us anyway: lines stay lines, blank lines become paragraph breaks.
fn plain(input: &str, b: &mut Builder) {
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

/// The text the HTML tokenizer sees in a source, char by char with byte ranges, found by skipping
/// tags, comments and raw-text elements and decoding entities. DOM text is matched against it.
struct Scan {
    seq: Vec<(char, u32, u32)>,
    idx: HashMap<char, Vec<u32>>,
    csets: Vec<CSet>,
}

struct CSet {
    end: usize,
    var: String,
    value: Option<(usize, usize)>,
}

const RAWTEXT: &str = "script style xmp iframe noembed noframes noscript";
const RCDATA: &str = "title textarea";

fn listed(list: &str, name: &str) -> bool {
    list.split(' ').any(|x| x == name)
}

fn key(c: char) -> char {
    if c.is_ascii_whitespace() {
        ' '
    } else {
        c
    }
}

fn scan(t: &str, ctx: &mut Ctx) -> Scan {
    let mut s = Scan {
        seq: Vec::new(),
        idx: HashMap::new(),
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
        let (e, dec) = match c {
            '&' => entity_at(t, i, ctx).unwrap_or((i + 1, "&".to_string())),
            _ => (i + c.len_utf8(), c.to_string()),
        };
        for ch in dec.chars() {
            s.idx.entry(key(ch)).or_default().push(s.seq.len() as u32);
            s.seq.push((ch, i as u32, e as u32));
        }
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
struct Aligner<'a> {
    scan: &'a Scan,
    seg: &'a Mapped,
    cur: usize,
    cset: usize,
}

/// How far DOM text may run ahead of the source before we call it reordered rather than skipped.
const JUMP: usize = 1 << 16;

impl Aligner<'_> {
    fn here(&self) -> Range {
        let p = self
            .scan
            .seq
            .get(self.cur)
            .map_or(self.seg.text.len(), |x| x.1 as usize);
        let q = self.seg.point(p);
        (q, q)
    }

    fn locate(&mut self, c: char) -> Option<usize> {
        let list = self.scan.idx.get(&key(c))?;
        let x = *list.get(list.partition_point(|&x| (x as usize) < self.cur))? as usize;
        (x - self.cur <= JUMP).then(|| {
            self.cur = x + 1;
            x
        })
    }

    fn char_range(&mut self, c: char) -> Range {
        let Some(x) = self.locate(c) else {
            return self.here();
        };
        let (_, s, e) = self.scan.seq[x];
        self.seg
            .compose(s as usize, e as usize, false)
            .unwrap_or_else(|| self.here())
    }

    /// A collapsed space stands for the whole raw whitespace run it starts.
    fn space_range(&mut self) -> Range {
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

const SKIP: &str =
    "script style noscript template link meta base iframe object embed svg math canvas \
    textarea select button audio video";
const BLOCK: &str =
    "p div li h1 h2 h3 h4 h5 h6 tr td th section article table ul ol dl dt dd blockquote pre \
    hr title header footer nav aside main figure figcaption address center form fieldset \
    legend caption details summary body tbody thead tfoot";
/// JSTL `c:set` variables that carry article text into an included template.
const CSET_VARS: &str =
    "title subtitle content text body summary abstract description imgsummary articletitle \
    articlecontent newstitle newscontent";

/// Appends the text of one markup segment (document or fragment) to `b`.
fn extract(seg: &Mapped, fragment: bool, b: &mut Builder, ctx: &mut Ctx, depth: u8) {
    let sc = scan(&seg.text, ctx);
    let html = if fragment {
        Html::parse_fragment(&seg.text)
    } else {
        Html::parse_document(&seg.text)
    };
    let mut al = Aligner {
        scan: &sc,
        seg,
        cur: 0,
        cset: 0,
    };
    let mut pre = 0usize;
    let root = html.tree.root();
    let mut next = root.first_child();
    // Iterative pre-order walk: deeply nested junk must not overflow the stack.
    while let Some(node) = next {
        let descend = match node.value() {
            Node::Text(t) => {
                for c in t.chars() {
                    if !c.is_ascii_whitespace() {
                        let r = al.char_range(c);
                        b.push(c, r);
                    } else if pre > 0 && c == '\n' {
                        al.locate(' ');
                        b.brk(1);
                    } else if b.wants_space() {
                        let r = al.space_range();
                        b.push_space(r, c == '\n' || c == '\r');
                    } else if c == '\n' || c == '\r' {
                        b.soft_nl |= b.soft.last().is_some_and(|x| x.0 == ' ');
                    }
                }
                false
            }
            Node::Element(e) => {
                let name = e.name();
                match name {
                    _ if listed(SKIP, name) => {}
                    "br" => b.brk(1),
                    "pre" => pre += 1,
                    "c:set" if depth < 4 => {
                        let var = e.attr("var").unwrap_or("").to_ascii_lowercase();
                        if listed(CSET_VARS, &var) {
                            cset_value(&mut al, &var, b, ctx, depth);
                        }
                    }
                    _ => {}
                }
                if listed(BLOCK, name) {
                    b.brk(2);
                }
                !listed(SKIP, name)
            }
            Node::Document | Node::Fragment => true,
            _ => false,
        };
        if descend {
            if let Some(c) = node.first_child() {
                next = Some(c);
                continue;
            }
        }
        let mut m = node;
        next = loop {
            if let Node::Element(e) = m.value() {
                pre -= usize::from(e.name() == "pre" && pre > 0);
                if listed(BLOCK, e.name()) {
                    b.brk(2);
                }
            }
            if let Some(s) = m.next_sibling() {
                break Some(s);
            }
            match m.parent() {
                Some(p) if p.id() != root.id() => m = p,
                _ => break None,
            }
        };
    }
}

/// html5ever keeps a JSTL `value` only as a decoded attribute string; the article HTML in it is
/// re-read from the source bytes of the matching tag so it stays aligned.
fn cset_value(al: &mut Aligner, var: &str, b: &mut Builder, ctx: &mut Ctx, depth: u8) {
    let csets = &al.scan.csets;
    let hit = (al.cset..csets.len().min(al.cset + 64)).find(|&k| csets[k].var == var);
    let Some(k) = hit else { return };
    al.cset = k + 1;
    let cs = &csets[k];
    al.cur = al
        .cur
        .max(al.scan.seq.partition_point(|x| (x.1 as usize) < cs.end));
    let Some((vs, ve)) = cs.value.filter(|v| v.0 < v.1) else {
        return;
    };
    let sub = al.seg.slice(vs, ve);
    b.brk(2);
    let (len, n, pending) = (b.text.len(), b.src.len(), b.pending);
    extract(&sub, true, b, ctx, depth + 1);
    // Templates set the same title/caption again and again; keep the first.
    let got = b.text.get(len..).unwrap_or("").trim().to_string();
    if !got.is_empty() && !ctx.seen.insert(got) {
        b.text.truncate(len);
        b.src.truncate(n);
        b.pending = pending;
    }
    b.brk(2);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes an input slice the independent way: JSON escapes, then html5ever on the result.
    fn decode_slice(slice: &str) -> String {
        let m = Mapped {
            text: slice.to_string(),
            map: vec![(0, 0); slice.len()],
            end: 0,
        };
        let unescaped = json_unescape(&m, 0, slice.len()).text;
        Html::parse_fragment(&unescaped)
            .root_element()
            .text()
            .collect()
    }

    fn check_alignment(input: &str, m: &MarkupText) {
        assert_eq!(m.text.chars().count(), m.src.len(), "one range per char");
        for (i, (c, &(s, e))) in m.text.chars().zip(&m.src).enumerate() {
            assert!(
                s <= e && e as usize <= input.len(),
                "char {i} {c:?}: bad range {s}..{e}"
            );
            if s == e {
                continue;
            }
            let slice = input
                .get(s as usize..e as usize)
                .unwrap_or_else(|| panic!("char {i}: {s}..{e} off char boundary"));
            if slice == c.to_string()
                || (c == ' ' && slice.chars().all(|x| x.is_ascii_whitespace()))
            {
                continue;
            }
            let dec = decode_slice(slice);
            let ok = dec.contains(c)
                || (c == ' ' && !dec.is_empty() && dec.chars().all(char::is_whitespace));
            assert!(ok, "char {i} {c:?} maps to {slice:?} (decodes to {dec:?})");
        }
    }

    fn run(input: &str) -> String {
        let m = markup_to_text(input);
        check_alignment(input, &m);
        m.text
    }

    #[test]
    fn paragraphs_from_blocks_and_br() {
        let t = run(concat!(
            "<html><body><p>第一段  文字</p><div>第二段<br>换行<span>内联</span></div>",
            "<p></p><p>末段</p></body></html>"
        ));
        assert_eq!(t, "第一段 文字\n\n第二段\n换行内联\n\n末段");
    }

    #[test]
    fn entities_map_to_whole_entity() {
        let input = "<p>甲&middot;乙&#8220;丙&#x201d;&amp;&lt;b&gt;&nbsp;丁</p>";
        let m = markup_to_text(input);
        check_alignment(input, &m);
        assert_eq!(m.text, "甲·乙“丙”&<b>\u{a0}丁");
        let i = m.text.chars().position(|c| c == '·').unwrap();
        let (s, e) = m.src[i];
        assert_eq!(&input[s as usize..e as usize], "&middot;");
    }

    #[test]
    fn script_style_comments_dropped_title_kept() {
        let t = run(concat!(
            "<html><head><title>会议标题</title><style>p{color:red}</style>",
            "<script>var a='<p>不要</p>';</script></head>",
            "<body><!-- 注释 --><p>正文内容</p><noscript>无脚本</noscript></body></html>"
        ));
        assert_eq!(t, "会议标题\n\n正文内容");
    }

    #[test]
    fn jsp_directive_and_expression_in_attribute() {
        let input = concat!(
            r#"<%@ page contentType="text/html;charset=UTF-8"%>"#,
            "\n<%-- 注释 <%=x%> --%>\n<html><body>",
            r#"<a href="<%=path%>/index.jsp">首页</a><% String s = "<p>代码</p>"; %>"#,
            "<p>同志们：${user.name}</p><?php echo '<p>php</p>'; ?></body></html>"
        );
        let t = run(input);
        assert_eq!(t, "首页\n\n同志们：");
    }

    #[test]
    fn cset_value_extraction() {
        let input = r#"<%@ taglib prefix="c" uri="x" %><html><body>
<c:set var="superiorTitle" value="园地" />
<c:set var="title" value="学习传达党代会精神" scope="page" />
<c:set var="content" value="
<strong>书记  邓  艳</strong><br/>
段党代会隆重召开，
这是一件大事。&amp;" scope="page" />
<c:set var="imgSummary" value="学习传达党代会精神" scope="page" />
</body></html>"#;
        let t = run(input);
        assert_eq!(
            t,
            "学习传达党代会精神\n\n书记 邓 艳\n段党代会隆重召开，这是一件大事。&"
        );
    }

    #[test]
    fn java_string_with_unicode_escape_and_escaped_slash() {
        let input = concat!(
            "package a.b;\n/**\n * data : {\"author\":\"李彬彬\",",
            r#""comment":"<p><span style=\"color: red;\">  会议召开\u201c改革创新\u201d大讨论。"#,
            r#"<\/span><\/p><p>第二段\n内容<\/p>","#,
            r#""title":"中条林局召开\u201c改革创新\u201d大讨论会议"}"#,
            "\n */\npublic class A { private String author; }\n"
        );
        let m = markup_to_text(input);
        check_alignment(input, &m);
        assert_eq!(
            m.text,
            "会议召开“改革创新”大讨论。\n\n第二段内容\n\n中条林局召开“改革创新”大讨论会议"
        );
        let i = m.text.chars().position(|c| c == '“').unwrap();
        let (s, e) = m.src[i];
        assert_eq!(&input[s as usize..e as usize], "\\u201c");
    }

    #[test]
    fn fullwidth_indented_paragraphs() {
        let t = run(concat!(
            "<div>\u{3000}\u{3000}同志们：<br>\u{3000}\u{3000}今天我们召开会议。\u{3000}</div>",
            "<p>&nbsp;</p><p>\u{3000}</p><p>\u{3000}\u{3000}谢谢大家！</p>"
        ));
        assert_eq!(t, "同志们：\n今天我们召开会议。\n\n谢谢大家！");
    }

    #[test]
    fn plain_text_keeps_lines() {
        let input = "标题\r\n\r\n 第一段，\r\n第二行\n \n第二段";
        assert!(!looks_like_markup(input));
        assert_eq!(run(input), "标题\n\n第一段，\n第二行\n\n第二段");
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_markup("<%@ page language=\"java\"%>"));
        assert!(looks_like_markup("<?php echo 1; ?>"));
        assert!(looks_like_markup("x = \"<p>a<\\/p>\""));
        assert!(looks_like_markup("<div>a</div><p>b</p>"));
        assert!(!looks_like_markup(
            "同志们：今天我们召开会议。a < b 且 c > d。"
        ));
    }

    #[test]
    fn malformed_never_panics() {
        let inputs = [
            "<p>未闭合<div>嵌套<span>文字",
            "a < b <",
            "<",
            "&",
            "&#",
            "&#x;",
            "&#99999999999;",
            "<!--",
            "<!-->x",
            "</",
            "</ >x",
            "<a href=\"x>文字",
            "<%",
            "<?php",
            "${",
            "<table>甲<tr><td>乙</td></tr>丙</table>",
            "\"k\":\"\\u12\"",
            "\"k\":\"\\ud800<p>中文中文中文中文中文</p>\"",
            "<c:set var=\"content\" value=\"<p>文",
            "<title>a<b>c</title>",
            "<textarea><p>x</textarea>",
            "<p>\u{0}\r\n中</p>",
            "&copy2023&notit; &amp",
        ];
        for input in inputs {
            run(input);
        }
        let deep = "<div>".repeat(3_000) + "深";
        assert_eq!(run(&deep), "深");
        let mut junk = String::new();
        for i in 0..3000u32 {
            junk.push(char::from_u32(0x20 + (i * 7919) % 0x3000).unwrap_or('<'));
            junk.push_str(
                ["<", "&", ">", "\"", "<p>", "</", "<!--", "\\u", "中"][(i % 9) as usize],
            );
        }
        run(&junk);
    }

    #[test]
    fn web_corpus() {
        let dir = std::path::Path::new("/work/shared/corpus/web");
        let Ok(entries) = std::fs::read_dir(dir) else {
            println!("skipping: {} is absent", dir.display());
            return;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let Ok(input) = std::fs::read_to_string(&path) else {
                continue;
            };
            let m = markup_to_text(&input);
            check_alignment(&input, &m);
            let n = m.text.chars().filter(|c| !c.is_whitespace()).count();
            let cjk = cjk_count(&m.text);
            println!(
                "== {} ({} chars, {} CJK)\n{}\n",
                path.display(),
                n,
                cjk,
                m.text.chars().take(300).collect::<String>()
            );
            assert!(
                n >= 200 && cjk * 2 > n,
                "{}: {n} chars, {cjk} CJK",
                path.display()
            );
            // Cut files are the commonest malformed input: every prefix must still align.
            for cut in (1..input.len()).step_by(331) {
                if input.is_char_boundary(cut) {
                    check_alignment(&input[..cut], &markup_to_text(&input[..cut]));
                }
            }
        }
    }
}
