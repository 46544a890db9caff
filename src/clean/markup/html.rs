//! DOM text extraction: walks the html5ever tree with block/inline/skip rules into the output
//! `Builder`, and re-reads article HTML held in JSTL `c:set` values.
//!
//! Talks to `scanner` (source alignment), `prescan` (`Mapped`), `output` (`Builder`) and the
//! parent (`Ctx`).

use scraper::{Html, Node};

use super::output::Builder;
use super::prescan::Mapped;
use super::scanner::{listed, scan, Aligner};
use super::Ctx;

const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "link", "meta", "base", "iframe", "object", "embed",
    "svg", "math", "canvas", "textarea", "select", "button", "audio", "video",
];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "table",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "hr",
    "title",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "figure",
    "figcaption",
    "address",
    "center",
    "form",
    "fieldset",
    "legend",
    "caption",
    "details",
    "summary",
    "body",
    "tbody",
    "thead",
    "tfoot",
];
/// JSTL `c:set` variables that carry article text into an included template.
const CSET_VARS: &[&str] = &[
    "title",
    "subtitle",
    "content",
    "text",
    "body",
    "summary",
    "abstract",
    "description",
    "imgsummary",
    "articletitle",
    "articlecontent",
    "newstitle",
    "newscontent",
];

/// Appends the text of one markup segment (document or fragment) to `b`.
pub(super) fn extract(seg: &Mapped, fragment: bool, b: &mut Builder, ctx: &mut Ctx, depth: u8) {
    let sc = scan(&seg.text, ctx);
    // What the walk writes: the segment's text chars, decoded (never longer than their
    // source), and an eighth more chars for the line breaks blocks add.
    let chars = sc.seq.len();
    b.reserve(seg.text.len() + 64, chars + chars / 8 + 64);
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
                // Line breaks since the last visible char (for Markdown's blank lines).
                let mut breaks = 0;
                for c in t.chars() {
                    if c == '\n' {
                        breaks += 1;
                    }
                    if !c.is_ascii_whitespace() {
                        breaks = 0;
                        let r = al.char_range(c);
                        b.push(c, r);
                    } else if ctx.markdown && breaks >= 2 {
                        b.brk(2);
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
