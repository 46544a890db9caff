//! The numbered outline of a document: markers found by `marker`, nested into a tree by
//! sequence continuity (二 continues 一 of the same style family) and by style rank.
//!
//! Works on one document's normalized text; returns units with byte ranges local to it.

pub mod marker;

pub use marker::{Marker, Style};
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// One numbered unit of the outline.
#[derive(Debug, Clone, Serialize)]
pub struct OutlineUnit {
    /// The enumerator as written (`一、`, `（一）`, `第一，`, `一是`, `1要`).
    pub marker: String,
    pub style: Style,
    pub number: u32,
    /// 1 for top-level units of the document.
    pub depth: usize,
    /// Heading text: from after the marker up to the first 。 or ；, the next unit of its
    /// paragraph, or the paragraph end.
    pub text: String,
    /// The first 8 chars after the marker, the form the gold annotations record.
    pub lead: String,
    /// Index of the parent unit in the document's outline.
    pub parent: Option<usize>,
    /// Outline path: the numbers from the top-level unit down to this one. Shared with the
    /// requirements made in the unit (a 50 MB input holds 200k of them).
    pub path: Arc<[u32]>,
    #[serde(skip)]
    pub marker_range: Range<usize>,
    /// Where the heading ends in the text: `text` is the text up to here, but for a headline
    /// that goes on after a line break (`continue_colon_headlines`), read without the break.
    #[serde(skip)]
    pub heading_end: usize,
    /// Whole unit: from the marker to where the next unit at the same or a shallower level starts.
    #[serde(skip)]
    pub range: Range<usize>,
    /// Paragraph the marker sits in, and whether it opens that paragraph.
    #[serde(skip)]
    pub paragraph: usize,
    #[serde(skip)]
    pub initial: bool,
}

/// Paragraph openers that close every open section (a speech's conclusion).
const CONCLUDERS: [&str; 4] = ["总之", "总而言之", "综上所述", "最后，我再强调"];

/// Paragraph openers that close every open unit below the top level: an address to the
/// audience opens a part of its own (各位代表！…四件大事：一是… is no item of the last （十）).
const READDRESSES: [&str; 4] = [
    "各位代表！",
    "同志们！",
    "各位委员！",
    "各位代表、各位委员！",
];

/// Where the pieces of a paragraph that photo credits run together start (新华社记者 鞠鹏/摄
/// 第三，…): what follows a credit opens a paragraph of its own. Empty for most paragraphs.
fn credit_cuts(line: &str) -> Vec<usize> {
    const CREDIT: &str = "/摄";
    static FINDER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let finder = FINDER.get_or_init(|| memchr::memmem::Finder::new(CREDIT));
    finder
        .find_iter(line.as_bytes())
        .map(|i| i + CREDIT.len())
        .filter(|&e| e < line.len())
        .collect()
}

/// Whether a paragraph without a marker of its own starts a new part of the text, which no
/// numbered unit before it encloses: a Markdown heading (`## 详细新闻` and each news item's
/// `### …` in a news transcript), or an appendix or glossary after a report.
fn is_section_break(paragraph: &str) -> bool {
    let p = paragraph.trim();
    p.starts_with('#')
        || matches!(p, "附件" | "附件：" | "附录" | "名词解释" | "注释")
        || p.ends_with("名词注释")
        || p.ends_with("名词解释")
}

/// Build the outline of one document's text (paragraphs separated by `\n`).
pub fn outline(text: &str) -> Vec<OutlineUnit> {
    let mut markers = Vec::new();
    let mut base = 0;
    for (p, line) in crate::scan::split_lines(text).enumerate() {
        let cuts = credit_cuts(line);
        let starts = std::iter::once(0).chain(cuts.iter().copied());
        let ends = cuts.iter().copied().chain(std::iter::once(line.len()));
        for (s, e) in starts.zip(ends) {
            marker::scan_paragraph(&line[s..e], base + s, p, &mut markers);
        }
        base += line.len() + 1;
    }
    // Per paragraph: whether it opens a conclusion, and the section breaks and addresses to the
    // audience seen up to it, to ask whether one lies between two markers.
    let mut conclusion_paras: Vec<bool> = Vec::new();
    let mut breaks_through: Vec<usize> = Vec::new();
    let mut readdress_through: Vec<usize> = Vec::new();
    let (mut breaks, mut readdresses) = (0, 0);
    for l in crate::scan::split_lines(text) {
        conclusion_paras.push(CONCLUDERS.iter().any(|c| l.starts_with(c)));
        breaks += usize::from(is_section_break(l));
        breaks_through.push(breaks);
        readdresses += usize::from(READDRESSES.iter().any(|c| l.trim_start().starts_with(c)));
        readdress_through.push(readdresses);
    }
    let breaks_before = |p: usize| p.checked_sub(1).map_or(0, |q| breaks_through[q]);
    // A section break in paragraphs p+1..=q.
    let broken = |p: usize, q: usize| breaks_through.get(q) > breaks_through.get(p);
    let markers = marker::keep_sequences(marker::decide_by_sequence(markers, broken));
    let mut units: Vec<OutlineUnit> = Vec::with_capacity(markers.len());
    let mut stack: Vec<usize> = Vec::new();
    let mut style_depth: HashMap<Style, usize> = HashMap::new();
    let mut last_para = usize::MAX;
    for (k, m) in markers.iter().enumerate() {
        if m.paragraph != last_para {
            // A break strictly between the last marker's paragraph and this one (a heading
            // with a marker of its own is placed like any other unit).
            let crossed =
                last_para != usize::MAX && breaks_before(m.paragraph) > breaks_through[last_para];
            if crossed || conclusion_paras.get(m.paragraph).copied().unwrap_or(false) {
                stack.clear();
            }
            // The address may open the paragraph before the marker's (各位代表！\n一是…).
            let readdressed = last_para != usize::MAX
                && readdress_through[m.paragraph] > readdress_through[last_para];
            if readdressed {
                stack.truncate(1);
            }
            last_para = m.paragraph;
        }
        place(m, &units, &mut stack, &style_depth, text);
        let parent = stack.last().copied();
        let depth = stack.len() + 1;
        if m.style.is_block() {
            style_depth.entry(m.style).or_insert(depth);
        }
        let mut path: Vec<u32> = parent.map(|p| units[p].path.to_vec()).unwrap_or_default();
        path.push(m.number);
        let path: Arc<[u32]> = path.into();
        // A heading ends where the next unit of its paragraph starts: 一是同大家谈谈心，二是…
        let next = markers
            .get(k + 1)
            .filter(|n| n.paragraph == m.paragraph)
            .map(|n| n.start);
        let (heading, lead, heading_end) = heading_text(text, m.end, next);
        stack.push(units.len());
        units.push(OutlineUnit {
            marker: text[m.start..m.end].to_owned(),
            style: m.style,
            number: m.number,
            depth,
            text: heading,
            lead,
            parent,
            path,
            marker_range: m.start..m.end,
            heading_end,
            range: m.start..text.len(),
            paragraph: m.paragraph,
            initial: m.initial,
        });
    }
    set_ends(&mut units, text);
    units
}

/// How far after an inline parent's marker a new series may start and still be its own: a
/// list announced inside the item (要注意两点：一是…, 202 chars after 第五，) is; a series pages
/// later (第一，… 1,100 chars after 六是 in a speech run into one line) opens a part of its own.
const ADOPT_CHARS: usize = 300;

/// Whether the inline unit `parent` takes the new series that `m` opens in its paragraph below
/// it. One that opens its paragraph heads that paragraph (一要…：第一，…第四，). One inside a
/// paragraph, as every unit is in a speech run into one line, takes a series that starts close
/// after it, and never an ordinal under 一是/一要/一看: 第一，…第六， are a speech's parts, and the
/// 三是 before them is the last point of another list.
fn adopts(parent: &OutlineUnit, m: &Marker, text: &str) -> bool {
    // A unit right after a photo credit (鞠鹏/摄第四，) opens a piece of a run-together line, not
    // a paragraph: it counts as inside one.
    let start = parent.marker_range.start;
    let opens_line = start == 0 || text.as_bytes().get(start - 1) == Some(&b'\n');
    if parent.initial && opens_line {
        return true;
    }
    let under_points = matches!(parent.style, Style::CnShi | Style::CnYao | Style::CnKan);
    if m.style == Style::Ordinal && under_points {
        return false;
    }
    let gap = text
        .get(parent.marker_range.end..m.start)
        .map_or(usize::MAX, |g| g.chars().take(ADOPT_CHARS + 1).count());
    m.number > 1 || gap <= ADOPT_CHARS
}

/// Pop `stack` so that its top is the parent the new marker belongs under.
fn place(
    m: &Marker,
    units: &[OutlineUnit],
    stack: &mut Vec<usize>,
    style_depth: &HashMap<Style, usize>,
    text: &str,
) {
    if m.number > 1 {
        // Continue a sequence: same style numbered one less, else same style, else same family.
        let find =
            |pred: &dyn Fn(&OutlineUnit) -> bool| stack.iter().rposition(|&u| pred(&units[u]));
        let hit = find(&|u| u.style == m.style && u.number + 1 == m.number)
            .or_else(|| find(&|u| u.style == m.style))
            .or_else(|| {
                find(&|u| u.style.family() == m.style.family() && u.number + 1 == m.number)
            });
        if let Some(pos) = hit {
            stack.truncate(pos);
            return;
        }
    }
    // A new sequence. Inline units parent only what follows them in their own paragraph, and
    // there only what they adopt.
    while let Some(&top) = stack.last() {
        let u = &units[top];
        if !u.style.is_block() && (u.paragraph < m.paragraph || !adopts(u, m, text)) {
            stack.pop();
        } else {
            break;
        }
    }
    if m.style.is_block() {
        match style_depth.get(&m.style) {
            // A style keeps the level it first took in this document.
            Some(&d) => stack.truncate(d - 1),
            None => {
                while let Some(&top) = stack.last() {
                    if units[top].style.is_block() {
                        break;
                    }
                    stack.pop();
                }
            }
        }
    } else if let Some(pos) = stack.iter().rposition(|&u| units[u].style == m.style) {
        // 一是 again where a 一是 series is open: a new series at that same level.
        stack.truncate(pos);
    }
}

/// The heading after a marker ending at `from` (to the first 。；！？, the paragraph end or the
/// next marker at `next`, 120 chars at most), its first 8 chars, and where it ends.
fn heading_text(text: &str, from: usize, next: Option<usize>) -> (String, String, usize) {
    let rest = &text[from..];
    let skipped = rest.len() - rest.trim_start_matches(' ').len();
    let rest = &rest[skipped..];
    let para = &rest[..crate::scan::first_line_len(rest)];
    // Byte ends of the char runs, copied as one slice each rather than char by char.
    let heading_end = para
        .char_indices()
        .take_while(|&(_, c)| !matches!(c, '。' | '；' | '！' | '？'))
        .take(120)
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    let heading_end = match next.and_then(|n| n.checked_sub(from + skipped)) {
        Some(n) if n < heading_end && para.is_char_boundary(n) => n,
        _ => heading_end,
    };
    let heading = para[..heading_end].trim_end_matches(['，', '、', ' ']);
    let lead_end = para.char_indices().nth(8).map_or(para.len(), |(i, _)| i);
    (
        heading.to_owned(),
        para[..lead_end].to_owned(),
        from + skipped + heading.len(),
    )
}

/// News digests break a headline after its speaker's colon (13.俄防长：⏎美国在他国的生物军事
/// 活动仍在继续 构成严重危险；): an item (1. or （1）) whose heading is its whole line and ends
/// in ： goes on into the lines after it, up to the first 。；！？ (three lines at most, each of
/// 80 chars at most, none opening a unit or a # heading). A section over its items (15.国际
/// 联播快讯：⏎（1）…) stays as it is. For a news summary only: a report's 1.工作目标：⏎到2025年…
/// heads a paragraph of its own.
pub fn continue_colon_headlines(text: &str, units: &mut [OutlineUnit]) {
    let starts: Vec<usize> = units.iter().map(|u| u.marker_range.start).collect();
    for u in units.iter_mut() {
        if !matches!(u.style, Style::Arabic | Style::ArabicParen) || !u.text.ends_with('：') {
            continue;
        }
        let line_end = u.heading_end + crate::scan::first_line_len(&text[u.heading_end..]);
        if !text[u.heading_end..line_end].trim().is_empty() {
            continue;
        }
        let (mut joined, mut at, mut end) = (u.text.clone(), line_end, None);
        for _ in 0..3 {
            let line_start =
                at + text[at..].len() - text[at..].trim_start_matches(['\n', ' ']).len();
            let line =
                &text[line_start..line_start + crate::scan::first_line_len(&text[line_start..])];
            let first = starts.partition_point(|&s| s < line_start);
            let opens_unit = starts
                .get(first)
                .is_some_and(|&s| s < line_start + line.len().max(1));
            if line.is_empty() || line.starts_with('#') || opens_unit || line.chars().count() > 80 {
                break;
            }
            let stop = line.find(['。', '；', '！', '？']);
            let piece = &line[..stop.unwrap_or(line.len())];
            joined.push_str(piece.trim_end_matches(['，', '、', ' ']));
            at = line_start + line.len();
            if stop.is_some() {
                end = Some(line_start + piece.len());
                break;
            }
        }
        if let Some(end) = end {
            u.lead = joined.chars().take(8).collect();
            u.text = joined;
            u.heading_end = end;
        }
    }
}

/// A unit ends where the next unit at the same or a shallower depth starts; an inline unit
/// that did not open its paragraph also ends with that paragraph.
fn set_ends(units: &mut [OutlineUnit], text: &str) {
    for i in 0..units.len() {
        let depth = units[i].depth;
        let mut end = units[i + 1..]
            .iter()
            .find(|u| u.depth <= depth)
            .map(|u| u.marker_range.start)
            .unwrap_or(text.len());
        if let Some(p) = units[i].parent {
            end = end.min(units[p].range.end.max(units[i].marker_range.end));
        }
        if !units[i].style.is_block() {
            let from = units[i].marker_range.start;
            let para_end = from + crate::scan::first_line_len(&text[from..]);
            if !units[i].initial {
                end = end.min(para_end);
            }
        }
        units[i].range = units[i].marker_range.start..end.max(units[i].marker_range.end);
    }
}

#[cfg(test)]
mod tests;
