//! Markup to text with html5ever (through scraper): block elements become paragraph breaks,
//! script/style dropped, entities decoded; every output char keeps its input byte range.

use scraper::{Html, Node};

/// Text extracted from markup, with the input byte range of every char.
pub struct MarkupText {
    pub text: String,
    /// Per char of `text`: (start, end) byte offsets into the input.
    pub src: Vec<(u32, u32)>,
}

pub fn looks_like_markup(input: &str) -> bool {
    let head = &input[..floor_boundary(input, 8192)];
    [
        "<div", "<p>", "<p ", "<html", "<body", "<span", "<br", "<%@", "<?php", "<table",
    ]
    .iter()
    .any(|t| head.to_ascii_lowercase().contains(t))
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

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "section",
    "article",
    "table",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "hr",
    "title",
    "header",
    "footer",
    "dd",
    "dt",
];
const SKIP: &[&str] = &["script", "style", "noscript", "template", "link", "meta"];

pub fn markup_to_text(input: &str) -> MarkupText {
    let doc = Html::parse_document(input);
    let mut text = String::new();
    walk(doc.tree.root(), &mut text);
    align(input, &text)
}

fn walk(node: ego_tree::NodeRef<'_, Node>, out: &mut String) {
    match node.value() {
        Node::Text(t) => out.push_str(t),
        Node::Element(e) => {
            let name = e.name();
            if SKIP.contains(&name) {
                return;
            }
            let block = BLOCKS.contains(&name);
            if block {
                out.push('\n');
            }
            for c in node.children() {
                walk(c, out);
            }
            if block {
                out.push('\n');
            }
        }
        _ => {
            for c in node.children() {
                walk(c, out);
            }
        }
    }
}

/// Align extracted text to the input by scanning forward: each char is looked up at or after
/// the cursor, skipping tags; an entity maps to its whole `&…;` run.
fn align(input: &str, text: &str) -> MarkupText {
    let mut out = MarkupText {
        text: String::with_capacity(text.len()),
        src: Vec::with_capacity(text.len()),
    };
    let mut cur = 0usize;
    for c in text.chars() {
        if c == '\n' {
            out.text.push('\n');
            out.src.push((cur as u32, cur as u32));
            continue;
        }
        match find_from(input, cur, c) {
            Some((s, e)) => {
                out.text.push(c);
                out.src.push((s as u32, e as u32));
                cur = e;
            }
            None => {
                out.text.push(c);
                out.src.push((cur as u32, cur as u32));
            }
        }
    }
    out
}

fn find_from(input: &str, from: usize, c: char) -> Option<(usize, usize)> {
    let mut i = from;
    let bytes = input.as_bytes();
    let limit = (from + 4096).min(input.len());
    while i < limit {
        match bytes[i] {
            b'<' => {
                let close = input[i..].find('>').map(|k| i + k + 1)?;
                i = close;
            }
            b'&' => {
                let end = input[i..]
                    .find(';')
                    .map(|k| i + k + 1)
                    .filter(|&e| e - i <= 12);
                if let Some(e) = end {
                    return Some((i, e))
                        .filter(|_| decode_entity(&input[i..e]) == Some(c))
                        .or_else(|| None.or(find_from(input, e, c)));
                }
                i += 1;
            }
            _ => {
                let ch = input[i..].chars().next()?;
                if ch == c {
                    return Some((i, i + ch.len_utf8()));
                }
                i += ch.len_utf8();
            }
        }
    }
    None
}

fn decode_entity(e: &str) -> Option<char> {
    let body = e.strip_prefix('&')?.strip_suffix(';')?;
    if let Some(num) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
        return u32::from_str_radix(num, 16).ok().and_then(char::from_u32);
    }
    if let Some(num) = body.strip_prefix('#') {
        return num.parse().ok().and_then(char::from_u32);
    }
    Some(match body {
        "nbsp" => '\u{a0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "middot" => '·',
        "ldquo" => '“',
        "rdquo" => '”',
        _ => return None,
    })
}
