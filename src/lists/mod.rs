//! Announced lists: a count the speaker announces (讲五个问题, 提三点要求, 有四方面特点) tied to
//! the run of outline units that follows it, with the number announced and the number found.

use crate::dict::Dictionaries;
use crate::numeral;
use crate::outline::OutlineUnit;
use crate::scan::CharSet;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use serde::Serialize;
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Debug, Clone, Serialize)]
pub struct List {
    /// The announcing clause, from its start to the count noun.
    pub intro: String,
    pub announced: u32,
    pub found: u32,
    /// Indices (in the document outline) of the units the list holds.
    pub items: Vec<usize>,
    #[serde(skip)]
    pub range: Range<usize>,
}

/// How far (bytes) the first item may stand from the announcement.
const MAX_GAP: usize = 240;

/// A count that may announce the series after it (讲五个问题, 提3点要求, 把握好“三个方向”).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announcement {
    /// The count phrase: numeral, classifier and noun.
    pub range: Range<usize>,
    pub count: u32,
    /// The announcing clause, from its start to the end of the count phrase.
    pub intro: String,
    /// Whether the count announces only a series of exactly `count` units: its noun is none of
    /// `announce.txt` (两条结论, 五大工程), so only the series itself says it is announced.
    pub exact: bool,
}

/// Find announcements in `text` and tie each to the run of units that follows it.
pub fn lists(text: &str, outline: &[OutlineUnit]) -> Vec<List> {
    lists_from(&announcements(text), text, outline)
}

/// `lists` with the announcements already found (the pipeline also needs them for metrics).
pub fn lists_from(found: &[Announcement], text: &str, outline: &[OutlineUnit]) -> Vec<List> {
    debug_assert!(outline
        .windows(2)
        .all(|w| w[0].marker_range.start < w[1].marker_range.start));
    // Each announcement that may open the series after it, with that series' first unit; in
    // text order, so the announcements of one series are together, the nearest last.
    let mut candidates: Vec<(&Announcement, usize)> = Vec::new();
    for a in found {
        // Units are in text order: jump to the first after the announcement, and look no
        // further than the gap allows (a 10 MB document has thousands of both).
        let from = outline.partition_point(|u| u.marker_range.start < a.range.end);
        // The series must be the next unit: a count followed by units numbered otherwise
        // (9.各地落实二十条措施；10.…) announces nothing, however close a later 1 is.
        let Some(first) = outline
            .get(from)
            .filter(|u| u.number == 1 && u.marker_range.start <= a.range.end + MAX_GAP)
            .map(|_| from)
        else {
            continue;
        };
        let gap = &text[a.range.end..outline[first].marker_range.start];
        // The announcing sentence must be the last one before the series: 前四个环节任务已基本完成。
        // 当前还要做好以下几项工作：一是… announces nothing with its four.
        let sentences = gap
            .split(['。', '！', '？', '；'])
            .filter(|s| {
                !s.trim_matches(|c: char| c.is_whitespace() || c == '：')
                    .is_empty()
            })
            .count();
        // A count in a numbered headline (11.俄称…控制两个村镇：) names what the headline
        // reports; the units after it are the headlines' own sub-items.
        if sentences > 1 || a.exact && in_heading(outline, from, a.range.start) {
            continue;
        }
        candidates.push((a, first));
    }
    let mut out: Vec<List> = Vec::new();
    for group in candidates.chunk_by(|x, y| x.1 == y.1) {
        let first = group[0].1;
        let items = run_from(outline, first);
        if let Some(a) = announcer(group, text, items.len()) {
            out.push(List {
                intro: a.intro.clone(),
                announced: a.count,
                found: items.len() as u32,
                items,
                range: a.range.clone(),
            });
        }
    }
    out
}

/// Which of the announcements before one series (`run` units long) announces it. Two counts
/// before one series (围绕三个阶段……做好以下九项工作): the nearer one, but of two counts in one
/// clause (提出6方面24条政策措施) the one the series matches. A count with an unknown noun
/// announces only a series of its length, and only where no count stands nearer: in
/// 增强“四个意识”、做到“两个维护”…。一要… the four is no announcement of four units.
fn announcer<'a>(
    group: &[(&'a Announcement, usize)],
    text: &str,
    run: usize,
) -> Option<&'a Announcement> {
    let matches = |a: &Announcement| a.count as usize == run;
    let nearest_known = group.iter().rev().map(|g| g.0).find(|a| !a.exact);
    if let Some(near) = nearest_known {
        let same_clause = group
            .iter()
            .map(|g| g.0)
            .filter(|a| !a.exact && a.range.start < near.range.start)
            .find(|a| {
                !text[a.range.start..near.range.start]
                    .contains(['，', '。', '；', '：', '！', '？', '\n'])
            });
        return match same_clause {
            Some(a) if !matches(near) && matches(a) => Some(a),
            _ => Some(near),
        };
    }
    group.last().map(|g| g.0).filter(|a| matches(a))
}

/// Whether byte `at` lies in the heading of a unit before `next` (the first unit after it).
fn in_heading(outline: &[OutlineUnit], next: usize, at: usize) -> bool {
    let Some(u) = next.checked_sub(1).and_then(|i| outline.get(i)) else {
        return false;
    };
    (u.marker_range.start..u.heading_end).contains(&at)
}

/// The units of the series that starts at `first`: later siblings numbered one more each time.
pub fn run_from(outline: &[OutlineUnit], first: usize) -> Vec<usize> {
    let head = &outline[first];
    let mut items = vec![first];
    let mut expect = 2;
    for (i, u) in outline.iter().enumerate().skip(first + 1) {
        if u.depth < head.depth {
            break;
        }
        if u.depth == head.depth && u.parent == head.parent {
            if u.style.family() == head.style.family() && u.number == expect {
                items.push(i);
                expect += 1;
            } else {
                break;
            }
        }
    }
    items
}

/// Counts that announce structure: numeral ≥ 2 + classifier (个/点/项/方面 …) + an announce
/// noun within the next few chars, the numeral in Chinese (讲五个问题) or in digits (提3点要求).
/// Returns (byte range of the count phrase, count, intro), in text order.
pub fn announcements(text: &str) -> Vec<Announcement> {
    let is_count_digit = |c: char| {
        matches!(
            c,
            '两' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
        )
    };
    static COUNT_DIGITS: OnceLock<CharSet> = OnceLock::new();
    let count_digits = COUNT_DIGITS.get_or_init(|| {
        CharSet::new(&['两', '二', '三', '四', '五', '六', '七', '八', '九', '十'])
    });
    // 第十五个五年规划 is an ordinal, 数十个目标 and 几个方面 no count at all.
    let no_count_after = |c: char| matches!(c, '第' | '数' | '几');
    let mut out = Vec::new();
    // Byte positions, not a char vector: this runs over whole documents, and only its count
    // digits are visited.
    let mut resume = 0;
    for (at, _) in count_digits.find_iter(text) {
        let before = text[..at].chars().next_back();
        if at < resume
            || before.is_some_and(|c| numeral::is_cn_numeral_char(c) || no_count_after(c))
        {
            continue;
        }
        // 一 goes on a numeral after 十 (十一个方面, 二十一条), never starts one.
        let mut prev = '\0';
        let num_end = text[at..]
            .char_indices()
            .take(3)
            .take_while(|&(_, c)| {
                let ok = is_count_digit(c) || c == '一' && prev == '十';
                prev = c;
                ok
            })
            .last()
            .map_or(at, |(k, c)| at + k + c.len_utf8());
        resume = num_end;
        out.extend(announcement_at(text, at, num_end));
    }
    // Digits: one or two, not part of a longer number, a decimal or a percentage (53.3%).
    let mut digits_end = 0;
    for at in crate::scan::ascii_digits(text) {
        if at < digits_end {
            continue;
        }
        let bytes = text.as_bytes();
        let len = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        digits_end = at + len;
        let before = text[..at].chars().next_back();
        if len > 2
            || before.is_some_and(|c| {
                c.is_ascii_alphanumeric() || matches!(c, '.' | '%') || no_count_after(c)
            })
        {
            continue;
        }
        out.extend(announcement_at(text, at, at + len));
    }
    out.sort_by_key(|a| a.range.start);
    out
}

/// The announcement whose count is `text[at..num_end]`, if a classifier follows it.
fn announcement_at(text: &str, at: usize, num_end: usize) -> Option<Announcement> {
    let dicts = Dictionaries::get();
    let count = numeral::parse_int(&text[at..num_end]).filter(|&v| (2..=30).contains(&v))?;
    let rest = &text[num_end..];
    let longest = |set: &'static [String]| {
        set.iter()
            .filter(|c| rest.starts_with(c.as_str()))
            .max_by_key(|c| c.len())
    };
    let (cls, exact_only) = match (
        longest(&dicts.announce_classifiers),
        longest(&dicts.announce_exact),
    ) {
        (Some(c), _) => (c, false),
        // 中共二大, 十九大: a congress by its number, no count (a count of two is 两大).
        (None, Some(c)) if c != "大" || count <= 10 && &text[at..num_end] != "二" => (c, true),
        _ => return None,
    };
    // The noun phrase: up to 8 chars, to the first punctuation mark.
    let tail: String = rest[cls.len()..]
        .chars()
        .take_while(|c| {
            !matches!(
                c,
                '，' | '。' | '；' | '：' | '！' | '？' | '、' | '\n' | '（'
            )
        })
        .take(8)
        .collect();
    let noun_end = nouns_end(&tail).filter(|_| !exact_only);
    let exact = !(cls == "点" || cls == "方面" || noun_end.is_some());
    // 前二项, 上述三类, 前述两种: the paragraphs or things before, not a series to come (a
    // law's 违反前二项规定者：一、… lists penalties, not the two paragraphs).
    if exact && text[..at].ends_with(['前', '上', '述']) {
        return None;
    }
    // 两个月后, 三类以上: a duration or a bound, no count of things announced.
    if exact && (tail.starts_with(['月', '以', '多', '余']) || tail.starts_with("小时")) {
        return None;
    }
    let noun_len = match noun_end {
        Some(n) => n,
        None if exact => unknown_noun_len(&tail),
        None => 0,
    };
    let end_byte = num_end + cls.len() + noun_len;
    let end_byte = extend_closing_quote(text, end_byte);
    // 十方面民生实事圆满完成: the clause reports a result, it announces nothing to come.
    const DONE: [&str; 4] = ["圆满完成", "全面完成", "顺利完成", "如期完成"];
    if DONE.iter().any(|d| text[end_byte..].starts_with(d)) {
        return None;
    }
    let start_byte = clause_start(text, at);
    Some(Announcement {
        range: at..end_byte,
        count: count as u32,
        intro: text[start_byte..end_byte].to_owned(),
        exact,
    })
}

/// Bytes of `tail` that name what a count with no known noun counts: to a closing quote (“三个
/// 方向”) or the end of the clause, less a word that introduces the items (十大新闻包括：).
fn unknown_noun_len(tail: &str) -> usize {
    let phrase = tail.split('”').next().unwrap_or("");
    const INTRODUCERS: [&str; 7] = ["内容包括", "包括", "分别是", "如下", "是", "为", "有"];
    let phrase = INTRODUCERS
        .iter()
        .find_map(|w| phrase.strip_suffix(w).filter(|p| !p.is_empty()))
        .unwrap_or(phrase);
    phrase.len()
}

/// Where the announced noun phrase ends in `tail` (at most 8 chars): the furthest end of the
/// first occurrence of any announcement noun; `None` when there is none. One search for all
/// nouns, where a search per noun ran at every count.
fn nouns_end(tail: &str) -> Option<usize> {
    static NOUNS: OnceLock<(AhoCorasick, Vec<usize>, bool)> = OnceLock::new();
    let (ac, lens, empty) = NOUNS.get_or_init(|| {
        let nouns = &Dictionaries::get().announce_nouns;
        let kept: Vec<&str> = nouns
            .iter()
            .map(String::as_str)
            .filter(|n| !n.is_empty())
            .collect();
        let ac = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(&kept)
            .unwrap_or_else(|e| panic!("announcement noun automaton: {e}"));
        let lens = kept.iter().map(|n| n.len()).collect();
        (ac, lens, kept.len() < nouns.len())
    });
    let mut seen = vec![false; lens.len()];
    let mut end = empty.then_some(0);
    for m in ac.find_overlapping_iter(tail) {
        let id = m.pattern().as_usize();
        // A noun's first occurrence has its first end: later ones do not count.
        if !std::mem::replace(&mut seen[id], true) {
            end = end.max(Some(m.start() + lens[id]));
        }
    }
    end
}

fn extend_closing_quote(text: &str, end: usize) -> usize {
    if text[end..].starts_with('”') {
        end + '”'.len_utf8()
    } else {
        end
    }
}

/// Start of the clause holding byte `pos`: after the last ，。；：！？ or line start, at most
/// 20 chars back.
fn clause_start(text: &str, pos: usize) -> usize {
    let mut start = pos;
    for (n, (b, c)) in text[..pos].char_indices().rev().enumerate() {
        if matches!(c, '，' | '。' | '；' | '：' | '！' | '？' | '\n') || n >= 20 {
            break;
        }
        start = b;
    }
    start
}

#[cfg(test)]
mod tests;
