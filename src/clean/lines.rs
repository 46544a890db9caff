//! Line-level cleaning of normalized text: boilerplate lines dropped, metadata lines
//! (发布时间：, 来源：, 编辑： …) parsed into fields, separator lines (`一:` alone) splitting a
//! compilation into documents.

use crate::align::{AlignedText, Kept};
use crate::dict::{Dictionaries, MatchKind};
use crate::normalize::is_cjk;
use crate::numeral;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, StartKind};
use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

/// A `label：value` pair found on a metadata line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaField {
    /// The field the label stands for (date, source, editor, reporter, author, title, place).
    pub field: String,
    pub label: String,
    pub value: String,
}

/// The body text with its documents and what was lifted out of it.
#[derive(Debug, Default)]
pub struct Cleaned {
    /// Kept lines joined by `\n`, aligned to the decoded input.
    pub body: AlignedText,
    /// Char ranges of `body`, one per document.
    pub documents: Vec<Range<usize>>,
    pub meta: Vec<MetaField>,
    /// Number of lines dropped as boilerplate or junk.
    pub dropped_lines: usize,
}

enum LineKind {
    Keep,
    Drop,
    Meta(Vec<MetaField>),
    Separator,
}

/// Clean the normalized text line by line.
pub fn clean_lines(text: &AlignedText) -> Cleaned {
    clean_lines_owned(text.clone())
}

/// `clean_lines` of a text the caller hands over: the kept lines are written over it, so a
/// large input is not copied once more. Same result.
pub fn clean_lines_owned(text: AlignedText) -> Cleaned {
    let plan = plan(&text);
    let body = text.retain(&plan.kept);
    plan.finish(body)
}

/// What cleaning keeps of a text, before the body is written.
struct Plan {
    /// The kept lines, each after a line break but the first. The break maps to the one it
    /// replaces, or is inserted right before the line.
    kept: Vec<Kept>,
    /// Where a document starts, in chars of the body.
    doc_starts: Vec<usize>,
    meta: Vec<MetaField>,
    dropped_lines: usize,
}

fn plan(text: &AlignedText) -> Plan {
    let dicts = Dictionaries::get();
    let mut plan = Plan {
        kept: Vec::new(),
        doc_starts: vec![0],
        meta: Vec::new(),
        dropped_lines: 0,
    };
    let mut kept_chars = 0usize;
    let mut char_pos = 0usize;
    // A label alone on its line (来源：) whose value is the next line (陕西省人民政府).
    let mut open_label: Option<usize> = None;
    let header = running_header(text.as_str());
    // A line that is only an opening bracket, broken off the marker it opens (（ / 三）改革…
    // in text extracted from a PDF): it joins the next kept line.
    let mut glue = false;
    // Hard-wrapped text: a line that runs on is joined to the next (a sentence is one line).
    let width = super::wrap::wrap_width(text.as_str());
    let mut runs_on = false;
    for line in crate::scan::split_lines(text.as_str()) {
        let n_chars = line.chars().count();
        if line.trim() == "（" {
            let at = line[..line.find('（').unwrap_or(0)].chars().count();
            let newline = kept_chars > 0;
            kept_chars += usize::from(newline) + 1;
            plan.kept
                .push(Kept::of(text, char_pos + at..char_pos + at + 1, newline));
            glue = true;
            char_pos += n_chars + 1;
            continue;
        }
        let kind = match header {
            Some(h) if line.trim() == h => LineKind::Drop,
            _ => classify(line, dicts),
        };
        let waiting = open_label.take();
        // Kept text or page furniture (a bare 2026-02-02 09:20), not chrome or another label.
        let plain = matches!(kind, LineKind::Keep)
            || matches!(kind, LineKind::Drop) && !is_boilerplate(line.trim());
        match kind {
            _ if waiting.is_some() && plain && is_label_value(line.trim()) => {
                if let Some(field) = waiting.and_then(|i| plan.meta.get_mut(i)) {
                    field.value = line.trim().to_owned();
                }
            }
            LineKind::Drop if line.trim().is_empty() => {
                open_label = waiting;
                runs_on = false;
            }
            LineKind::Keep => {
                let joins = std::mem::take(&mut runs_on) && !super::wrap::opens_unit(line);
                let newline = kept_chars > 0 && !std::mem::take(&mut glue) && !joins;
                kept_chars += usize::from(newline) + n_chars;
                plan.kept
                    .push(Kept::of(text, char_pos..char_pos + n_chars, newline));
                runs_on = width.is_some_and(|w| super::wrap::runs_on(line, w));
            }
            LineKind::Drop => plan.dropped_lines += 1,
            LineKind::Meta(fields) => {
                if let [only] = fields.as_slice() {
                    if only.value.is_empty() {
                        open_label = Some(plan.meta.len());
                    }
                }
                plan.meta.extend(fields);
            }
            LineKind::Separator => {
                if kept_chars > 0 {
                    plan.doc_starts.push(kept_chars + 1);
                }
            }
        }
        char_pos += n_chars + 1;
    }
    plan
}

impl Plan {
    /// The cleaned text: `body` (the kept lines) split into documents.
    fn finish(self, body: AlignedText) -> Cleaned {
        let mut out = Cleaned {
            body,
            documents: Vec::new(),
            meta: self.meta,
            dropped_lines: self.dropped_lines,
        };
        let doc_starts = self.doc_starts;
        let len = out.body.char_len();
        // A separator right at the start only marks where the first document begins: the lines
        // before it (a compilation's own title and preface) stay with the first document.
        let mut starts: Vec<usize> = doc_starts.into_iter().filter(|&p| p <= len).collect();
        starts.dedup();
        merge_preface(&out.body, &mut starts);
        for (i, &st) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map(|&n| n - 1).unwrap_or(len);
            if st < end {
                out.documents.push(st..end);
            }
        }
        if out.documents.is_empty() {
            out.documents.push(0..len);
        }
        for cut in letter_ends(out.body.as_str()) {
            let c = out.body.char_at_byte(cut);
            if let Some(i) = out.documents.iter().position(|d| d.start < c && c < d.end) {
                let end = out.documents[i].end;
                out.documents[i].end = c;
                out.documents.insert(i + 1, c..end);
            }
        }
        out
    }
}

/// Where a letter ends that the news item publishing it runs on from, in one line: ……。
/// 习近平2020年7月7日（新华社北京7月8日电）新华社北京7月8日电中共中央总书记…: the signature,
/// the agency's dateline in brackets, then the news item's own dateline. Byte offsets.
fn letter_ends(text: &str) -> Vec<usize> {
    static SIGNED: OnceLock<regex::Regex> = OnceLock::new();
    let signed = SIGNED.get_or_init(|| {
        regex::Regex::new(
            r"[。！][\p{Han}]{2,4}(?:19|20)\d{2}年\d{1,2}月\d{1,2}日（新华社[^）]{0,20}电）$",
        )
        .unwrap_or_else(|e| panic!("letter signature: {e}"))
    });
    const CLOSE: &str = "电）";
    memchr::memmem::find_iter(text.as_bytes(), CLOSE.as_bytes())
        .map(|i| i + CLOSE.len())
        .filter(|&end| {
            let from = crate::scan::floor_char_boundary(text, end.saturating_sub(120));
            (text[end..].starts_with("新华社") || text[end..].starts_with("本报"))
                && signed.is_match(&text[from..end])
        })
        .collect()
}

/// The part before the first separator of a compilation is its preface (title, editor's
/// blurb), not a speech of its own: it joins the first document.
fn merge_preface(body: &AlignedText, starts: &mut Vec<usize>) {
    if starts.len() < 3 {
        return;
    }
    let preface_end = starts[1];
    let preface = &body.as_str()[..body.byte_of_char(preface_end.saturating_sub(1))];
    let speechlike = preface.contains("同志们") || preface.chars().count() > 600;
    if !speechlike {
        starts.remove(1);
    }
}

fn classify(line: &str, dicts: &Dictionaries) -> LineKind {
    let t = line.trim();
    if t.is_empty() {
        return LineKind::Drop;
    }
    if is_separator(t) {
        return LineKind::Separator;
    }
    if is_boilerplate(t) {
        return LineKind::Drop;
    }
    if let Some(fields) = metadata_fields(t, dicts) {
        return LineKind::Meta(fields);
    }
    // Lines with no Chinese at all and almost no letters ("1 1 1", "00:00/00:00") are page
    // furniture; short ASCII lines that carry a marker or a number with words stay.
    if !t.chars().any(is_cjk)
        && t.chars().filter(|c| c.is_alphabetic()).count() < 3
        && t.chars().count() <= 24
    {
        return LineKind::Drop;
    }
    LineKind::Keep
}

/// The running page header of text extracted from a printed record (立法會 ─ 2012年 11月 21日
/// atop each of 249 pages): the first line, when it comes back whole on five lines or more.
/// It is no title and says nothing on each page. A web page says its title up to three times
/// (head, heading, print view), which is no page header.
fn running_header(text: &str) -> Option<&str> {
    let first = crate::scan::split_lines(text)
        .map(str::trim)
        .find(|l| !l.is_empty())?;
    if first.chars().count() > 60 {
        return None;
    }
    let whole_lines = memchr::memmem::find_iter(text.as_bytes(), first.as_bytes())
        .filter(|&i| {
            let before = text[..i].trim_end_matches([' ', '\t', '\r']);
            let after = text[i + first.len()..].trim_start_matches([' ', '\t', '\r']);
            (before.is_empty() || before.ends_with('\n'))
                && (after.is_empty() || after.starts_with('\n'))
        })
        .take(5)
        .count();
    (whole_lines >= 5).then_some(first)
}

/// A line that can be the value of a label on the line before: short, no sentence in it.
fn is_label_value(t: &str) -> bool {
    !t.is_empty() && t.chars().count() <= 40 && !t.contains(['。', '！', '？', '；', '，'])
}

/// A compilation separator: a numeral alone with a colon (`一:`, `二：`, `3:`).
fn is_separator(t: &str) -> bool {
    let Some(head) = t.strip_suffix('：').or_else(|| t.strip_suffix(':')) else {
        return false;
    };
    !head.is_empty() && head.chars().count() <= 3 && numeral::parse_int(head).is_some()
}

/// The boilerplate patterns by kind, each kind tested in one go: every line of every file
/// meets them, and a scan of some 200 patterns per line was 5% of a run over news pages.
struct Boilerplate {
    lines: HashSet<&'static str>,
    /// Byte length of the longest whole line: a paragraph longer than that is never hashed.
    longest_line: usize,
    prefixes: AhoCorasick,
    contains: AhoCorasick,
}

impl Boilerplate {
    fn get() -> &'static Boilerplate {
        static B: OnceLock<Boilerplate> = OnceLock::new();
        B.get_or_init(|| {
            let of = |k: MatchKind| -> Vec<&'static str> {
                Dictionaries::get()
                    .boilerplate
                    .iter()
                    .filter(|(_, kind)| *kind == k)
                    .map(|(p, _)| p.as_str())
                    .collect()
            };
            let build = |pats: Vec<&str>, start: StartKind| {
                AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::DFA))
                    .start_kind(start)
                    .build(pats)
                    .unwrap_or_else(|e| panic!("boilerplate automaton: {e}"))
            };
            let lines = of(MatchKind::Line);
            Boilerplate {
                longest_line: lines.iter().map(|l| l.len()).max().unwrap_or(0),
                lines: lines.into_iter().collect(),
                prefixes: build(of(MatchKind::Prefix), StartKind::Anchored),
                contains: build(of(MatchKind::Contains), StartKind::Unanchored),
            }
        })
    }
}

fn is_boilerplate(t: &str) -> bool {
    let n = t.chars().count();
    let b = Boilerplate::get();
    let hit = |tok: &str| {
        (tok.len() <= b.longest_line && b.lines.contains(tok))
            || b.prefixes.is_match(Input::new(tok).anchored(Anchored::Yes))
            || (n < 120 && b.contains.is_match(tok))
    };
    if hit(t) {
        return true;
    }
    // A short toolbar line ("共产党员网 打印 纠错"): most of its words are chrome.
    if n <= 30 && t.contains(' ') {
        let toks: Vec<&str> = t.split(' ').filter(|x| !x.is_empty()).collect();
        let chrome = toks.iter().filter(|x| hit(x)).count();
        return toks.len() >= 2 && chrome * 2 >= toks.len();
    }
    false
}

/// Parse `label：value label：value …` when the line starts with a known label.
fn metadata_fields(t: &str, dicts: &Dictionaries) -> Option<Vec<MetaField>> {
    if t.chars().count() > 100 {
        return None;
    }
    let label_at = |s: &str| -> Option<(String, String, usize)> {
        dicts
            .metadata
            .iter()
            .filter(|(label, _)| s.starts_with(label.as_str()))
            .max_by_key(|(label, _)| label.len())
            .and_then(|(label, field)| {
                let rest = &s[label.len()..];
                let sep = rest.chars().next()?;
                matches!(sep, '：' | ':')
                    .then(|| (label.clone(), field.clone(), label.len() + sep.len_utf8()))
            })
    };
    label_at(t)?;
    let mut fields = Vec::new();
    let mut rest = t;
    while let Some((label, field, skip)) = label_at(rest) {
        let after = &rest[skip..];
        // The value runs to the next space that is followed by another label.
        let mut end = after.len();
        for (i, _) in after.match_indices(' ') {
            let tail = after[i + 1..].trim_start();
            if label_at(tail).is_some() || dicts.boilerplate.iter().any(|(p, _)| tail == p.as_str())
            {
                end = i;
                break;
            }
        }
        fields.push(MetaField {
            field,
            label,
            value: after[..end].trim().to_owned(),
        });
        rest = after[end..].trim_start();
    }
    Some(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> Cleaned {
        clean_lines(&AlignedText::identity(s))
    }

    #[test]
    fn metadata_line_with_several_labels() {
        let c =
            clean("正文第一段。\n发布时间：2013年08月20日 17:56 来源：西藏日报 编辑：白世康 打印");
        assert_eq!(c.body.as_str(), "正文第一段。");
        let got: Vec<(&str, &str)> = c
            .meta
            .iter()
            .map(|m| (m.field.as_str(), m.value.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("date", "2013年08月20日 17:56"),
                ("source", "西藏日报"),
                ("editor", "白世康")
            ]
        );
    }

    /// The bug: the running page header of a printed record (立法會 ─ 2012年 11月 21日) was
    /// taken for the title, and stayed in the body on every page.
    #[test]
    fn a_running_page_header_is_dropped() {
        let page = |n: usize| format!("立法會 ─ 2012年 11月 21日 \n{n}\n議員發言。\n");
        let pages: String = (1..=5).map(page).collect();
        let c = clean(&format!("{pages}立法會 ─ 2012年 11月 21日"));
        assert_eq!(c.body.as_str(), ["議員發言。"; 5].join("\n"));
        // A web page's title three times over (head, heading, print view) stays.
        let c = clean("讲话\n讲话\n正文。\n讲话\n");
        assert_eq!(c.body.as_str(), "讲话\n讲话\n正文。\n讲话");
    }

    /// The bug: an opening bracket alone on its line, broken off its marker (（\n三）改革…,
    /// 2026 云南 report), was dropped as furniture and the unit （三） lost.
    #[test]
    fn a_bracket_broken_off_its_marker_joins_the_next_line() {
        let text = "（二）产业发展提质增效。\n（\n三）改革开放持续深化。\n（四）城乡发展。";
        let c = clean(text);
        assert_eq!(
            c.body.as_str(),
            "（二）产业发展提质增效。\n（三）改革开放持续深化。\n（四）城乡发展。"
        );
        // Each kept char still points at its own byte of the input.
        let open = c.body.as_str().find("（三").map(|b| c.body.char_at_byte(b));
        let origin = open.map(|i| c.body.origin_of(i));
        let at = text.find("（\n").unwrap_or(0);
        assert_eq!(origin, Some((at, at + "（".len())));
    }

    /// The bug: Hong Kong's Hansard, hard-wrapped at 30 chars, had its sentences cut at every
    /// line end (应該以具體行動，促進殘疾人士 / 就業): 328 of its 638 requirements ended mid-sentence.
    #[test]
    fn hard_wrapped_lines_join_into_their_sentences() {
        let para = "政府在這方面的工作一直沒有停止，我們會繼續努力推動殘疾人士\n".repeat(4)
            + "就業，並且會不斷檢討有關政策的成效。\n\n";
        let text = "立法會會議過程正式紀錄\n\n".to_owned()
            + &para.repeat(6)
            + "（一）當局有否統計在這方面的工作一直沒有停止的人數和比例呢\n（二）會否公布。";
        let c = clean(&text);
        let lines: Vec<&str> = c.body.as_str().lines().collect();
        let joined = "政府在這方面的工作一直沒有停止，我們會繼續努力推動殘疾人士".repeat(4)
            + "就業，並且會不斷檢討有關政策的成效。";
        assert_eq!(lines[1], joined);
        // A numbered point opens its own line, wrapped or not.
        assert_eq!(lines.last(), Some(&"（二）會否公布。"));
        // The joined line's chars still point at their own bytes.
        let i = c.body.as_str().find("就業").map(|b| c.body.char_at_byte(b));
        let at = text.find("就業").unwrap_or(0);
        assert_eq!(i.map(|i| c.body.origin_of(i)), Some((at, at + "就".len())));
    }

    /// The bug: a letter and the news item that published it, run together on one line, were
    /// one document.
    #[test]
    fn a_letter_and_the_news_of_it_are_two_documents() {
        let text = "回信\n同学们：你们好！希望你们多作贡献。习近平2020年7月7日（新华社北京7月8日电）新华社北京7月8日电中共中央总书记习近平7月7日给毕业生回信。";
        let c = clean(text);
        let docs: Vec<String> = c
            .documents
            .iter()
            .map(|d| {
                c.body
                    .as_str()
                    .chars()
                    .skip(d.start)
                    .take(d.end - d.start)
                    .collect()
            })
            .collect();
        assert_eq!(docs.len(), 2);
        assert!(docs[0].ends_with("（新华社北京7月8日电）"));
        assert!(docs[1].starts_with("新华社北京7月8日电中共中央"));
    }

    /// The bug: a label alone on its line (来源：) lost its value, which stayed in the body
    /// as a line of text (陕西省人民政府, 李莎莎).
    #[test]
    fn a_label_alone_takes_the_next_line_as_its_value() {
        let c = clean("标题\n时间：\n2026-02-02 09:20\n来源：\n\n陕西省人民政府\n正文。\n责任编辑：\n政府工作报告全文如下。");
        assert_eq!(c.body.as_str(), "标题\n正文。\n政府工作报告全文如下。");
        let got: Vec<(&str, &str)> = c
            .meta
            .iter()
            .map(|m| (m.field.as_str(), m.value.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("date", "2026-02-02 09:20"),
                ("source", "陕西省人民政府"),
                ("editor", "")
            ]
        );
    }

    #[test]
    fn boilerplate_and_junk_lines_are_dropped_with_offsets_kept() {
        let src = "手机版\n1 1 1\n履职尽责 加强督导\n共产党员网 打印 纠错\n正文。";
        let c = clean(src);
        assert_eq!(c.body.as_str(), "履职尽责 加强督导\n正文。");
        let r = c
            .body
            .origin_range(c.body.char_len() - 3..c.body.char_len());
        assert_eq!(&src[r], "正文。");
    }

    #[test]
    fn separators_split_a_compilation_and_the_preface_joins_the_first() {
        let c =
            clean("合集标题\n编者按。\n一:\n同志们：甲。\n二：\n同志们：乙。\n三:\n同志们：丙。");
        assert_eq!(c.documents.len(), 3);
        let doc = |i: usize| {
            c.body
                .as_str()
                .chars()
                .skip(c.documents[i].start)
                .take(c.documents[i].len())
                .collect::<String>()
        };
        assert!(doc(0).starts_with("合集标题"));
        assert_eq!(doc(1), "同志们：乙。");
        assert_eq!(doc(2), "同志们：丙。");
    }

    #[test]
    fn a_numbered_heading_is_not_a_separator() {
        let c = clean("一：提高认识\n正文。");
        assert_eq!(c.documents.len(), 1);
        assert!(c.body.as_str().starts_with("一：提高认识"));
    }
}
