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

/// An announcement: the count phrase's byte range, the count, and the announcing clause.
pub type Announcement = (Range<usize>, u32, String);

/// Find announcements in `text` and tie each to the run of units that follows it.
pub fn lists(text: &str, outline: &[OutlineUnit]) -> Vec<List> {
    lists_from(&announcements(text), text, outline)
}

/// `lists` with the announcements already found (the pipeline also needs them for metrics).
pub fn lists_from(found: &[Announcement], text: &str, outline: &[OutlineUnit]) -> Vec<List> {
    debug_assert!(outline
        .windows(2)
        .all(|w| w[0].marker_range.start < w[1].marker_range.start));
    let mut out: Vec<List> = Vec::new();
    for (range, count, intro) in found.iter().cloned() {
        // Units are in text order: jump to the first after the announcement, and look no
        // further than the gap allows (a 10 MB document has thousands of both).
        let from = outline.partition_point(|u| u.marker_range.start < range.end);
        // The series must be the next unit: a count followed by units numbered otherwise
        // (9.各地落实二十条措施；10.…) announces nothing, however close a later 1 is.
        let Some(first) = outline
            .get(from)
            .filter(|u| u.number == 1 && u.marker_range.start <= range.end + MAX_GAP)
            .map(|_| from)
        else {
            continue;
        };
        let gap = &text[range.end..outline[first].marker_range.start];
        // The announcing sentence must be the last one before the series: 前四个环节任务已基本完成。
        // 当前还要做好以下几项工作：一是… announces nothing with its four.
        let sentences = gap
            .split(['。', '！', '？', '；'])
            .filter(|s| {
                !s.trim_matches(|c: char| c.is_whitespace() || c == '：')
                    .is_empty()
            })
            .count();
        if sentences > 1 {
            continue;
        }
        // Two counts before one series (围绕三个阶段……做好以下九项工作): the nearer one announces it.
        out.retain(|l| l.items.first() != Some(&first));
        let items = run_from(outline, first);
        out.push(List {
            intro,
            announced: count,
            found: items.len() as u32,
            items,
            range,
        });
    }
    out
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
        let num_end = text[at..]
            .char_indices()
            .take(3)
            .take_while(|&(_, c)| is_count_digit(c))
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
    out.sort_by_key(|a| a.0.start);
    out
}

/// The announcement whose count is `text[at..num_end]`, if a classifier and an announce noun
/// follow it.
fn announcement_at(text: &str, at: usize, num_end: usize) -> Option<Announcement> {
    let dicts = Dictionaries::get();
    let count = numeral::parse_int(&text[at..num_end]).filter(|&v| (2..=30).contains(&v))?;
    let rest = &text[num_end..];
    let cls = dicts
        .announce_classifiers
        .iter()
        .filter(|c| rest.starts_with(c.as_str()))
        .max_by_key(|c| c.len())?;
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
    let noun_end = nouns_end(&tail);
    if !(cls == "点" || cls == "方面" || noun_end.is_some()) {
        return None;
    }
    let noun_len = noun_end.unwrap_or(0);
    let end_byte = num_end + cls.len() + noun_len;
    let end_byte = extend_closing_quote(text, end_byte);
    // 十方面民生实事圆满完成: the clause reports a result, it announces nothing to come.
    const DONE: [&str; 4] = ["圆满完成", "全面完成", "顺利完成", "如期完成"];
    if DONE.iter().any(|d| text[end_byte..].starts_with(d)) {
        return None;
    }
    let start_byte = clause_start(text, at);
    Some((
        at..end_byte,
        count as u32,
        text[start_byte..end_byte].to_owned(),
    ))
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
mod tests {
    use super::*;
    use crate::outline::outline;

    #[test]
    fn one_search_for_all_nouns_ends_where_a_search_per_noun_did() {
        // The search per noun that `nouns_end` replaced, over every 8-char tail of the seeds.
        let nouns = &Dictionaries::get().announce_nouns;
        let per_noun = |tail: &str| {
            let any = nouns.iter().any(|n| tail.contains(n.as_str()));
            let end = nouns
                .iter()
                .filter_map(|n| tail.find(n.as_str()).map(|p| p + n.len()))
                .max();
            any.then(|| end.unwrap_or(0))
        };
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut found = 0;
        for entry in std::fs::read_dir(dir).expect("corpus/") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).unwrap_or_default();
            let chars: Vec<char> = text.chars().collect();
            for w in chars.windows(8).step_by(3) {
                let tail: String = w.iter().collect();
                assert_eq!(nouns_end(&tail), per_noun(&tail), "{tail}");
                found += usize::from(per_noun(&tail).is_some());
            }
        }
        for tail in ["方面的问题", "个问题和个意见", "", "问题问题"] {
            assert_eq!(nouns_end(tail), per_noun(tail), "{tail}");
        }
        assert!(found > 50, "{found} tails with a noun");
    }

    fn run(s: &str) -> Vec<(String, u32, u32)> {
        let o = outline(s);
        lists(s, &o)
            .into_iter()
            .map(|l| (l.intro, l.announced, l.found))
            .collect()
    }

    #[test]
    fn announced_count_ties_to_following_series() {
        let s = "下面，我讲五个问题。一、认识\n二、政策\n三、任务\n四、方法\n五、建设";
        assert_eq!(run(s), vec![("我讲五个问题".to_owned(), 5, 5)]);
    }

    /// The bug of the outline review: 件 and the nouns 大事, 实事, 亮点 announced nothing, so
    /// 今年再办好15件民生实事 and 有十个突出亮点 left their series untied.
    #[test]
    fn things_to_do_and_highlights_announce_their_series() {
        let s = "今年要办好四件大事：\n一是办好运动会。\n二是建好新城。\n三是修好铁路。\n四是治好河湖。";
        assert_eq!(run(s), vec![("今年要办好四件大事".to_owned(), 4, 4)]);
        let s = "这次访问有两个突出亮点。一是成果多。二是影响大。";
        assert_eq!(run(s), vec![("这次访问有两个突出亮点".to_owned(), 2, 2)]);
    }

    /// The bug of the outline review: 十方面民生实事圆满完成 reports a result, yet it tied the
    /// series that happened to follow.
    #[test]
    fn a_count_of_things_done_announces_nothing() {
        let s = "十方面民生实事圆满完成。\n1.医疗。\n2.养老。\n3.教育。\n4.就业。\n5.住房。\n6.交通。\n7.文化。\n8.体育。\n9.环境。\n10.安全。";
        assert!(run(s).is_empty());
    }

    #[test]
    fn mismatch_is_reported_as_found() {
        let s = "我再提三点要求：\n一要明确任务。\n二要讲究方法。";
        assert_eq!(run(s), vec![("我再提三点要求".to_owned(), 3, 2)]);
    }

    #[test]
    fn quoted_and_fang_mian_forms() {
        let s =
            "总之，督导组要做到“三个表率”：一是做履职的表率。二是做协作的表率。三是做纪律的表率。";
        assert_eq!(run(s), vec![("督导组要做到“三个表率”".to_owned(), 3, 3)]);
        let s = "概括起来有四方面特点。\n一是甲。\n二是乙。\n三是丙。\n四是丁。";
        assert_eq!(run(s)[0].1..run(s)[0].2, 4..4);
    }

    #[test]
    fn the_nearer_of_two_counts_announces_the_series() {
        let s = "围绕三个阶段各个环节，重点要做好以下两项工作。1要指导学习。2要组织调研。";
        assert_eq!(run(s), vec![("重点要做好以下两项工作".to_owned(), 2, 2)]);
    }

    #[test]
    fn a_count_in_an_earlier_sentence_announces_nothing() {
        let s = "前四个环节任务已基本完成。当前还要着重做好以下几项工作：\n一是认真对照。\n二是开展评议。";
        assert!(run(s).is_empty());
    }

    #[test]
    fn a_series_past_the_gap_is_not_announced() {
        let far = format!(
            "我讲三个问题：{}\n一、甲\n二、乙\n三、丙",
            "讲".repeat(MAX_GAP / 3 + 1)
        );
        assert!(run(&far).is_empty());
        let near = format!(
            "我讲三个问题：{}\n一、甲\n二、乙\n三、丙",
            "讲".repeat(MAX_GAP / 3 - 2)
        );
        assert_eq!(run(&near), vec![("我讲三个问题".to_owned(), 3, 3)]);
    }

    #[test]
    fn lists_in_a_long_compilation_each_find_their_own_series() {
        // Each announcement looks only at the units after it (a binary search into the
        // outline), so the 200th speech's list still finds its own series.
        let one = "我讲两个问题。\n一、甲\n二、乙\n";
        let got = run(&one.repeat(200));
        assert_eq!(got.len(), 200);
        assert!(got.iter().all(|l| l == &("我讲两个问题".to_owned(), 2, 2)));
    }

    #[test]
    fn counts_of_things_are_not_announcements() {
        let s = "派出五个督导组，联系三个单位。一是甲。二是乙。";
        assert!(run(s).is_empty());
    }

    /// The bug: counts in digits (提3点要求, 做好9个方面工作) announced nothing, 74 lists missed
    /// over ../shared/corpus.
    #[test]
    fn counts_in_digits_announce_lists_too() {
        let s = "我提3点要求。一要狠抓落实。二要加强协调。三要严守纪律。";
        assert_eq!(run(s), vec![("我提3点要求".to_owned(), 3, 3)]);
        let s = "今年要重点做好10个方面工作：\n（一）甲\n（二）乙";
        assert_eq!(
            run(s),
            vec![("今年要重点做好10个方面工作".to_owned(), 10, 2)]
        );
        // Part of a longer number, a decimal, a percentage, or no announce noun: none.
        for s in [
            "增长53.3个百分点。一是甲。二是乙。",
            "共125个问题：一是甲。二是乙。",
            "派出5个督导组。一是甲。二是乙。",
        ] {
            assert!(run(s).is_empty(), "{s}: {:?}", run(s));
        }
    }

    /// The bugs, over news/xwlb: a numbered summary item naming a count (9.各地落实二十条措施)
    /// took a series further down, past other units; ordinals and vague counts announced lists.
    #[test]
    fn only_the_next_unit_can_start_the_announced_series() {
        let s = "1.通报十起典型问题；
2.另一条新闻；
（1）甲
（2）乙";
        assert!(run(s).is_empty(), "{:?}", run(s));
        for s in [
            "制定第十五个五年规划的建议：
一、甲
二、乙",
            "空袭数十个目标。
一、甲
二、乙",
        ] {
            assert!(run(s).is_empty(), "{s}: {:?}", run(s));
        }
        // A semicolon ends the announcing sentence as a full stop does.
        assert!(run("讲了三个问题的情况；会后分组讨论：\n一是甲。\n二是乙。").is_empty());
    }
}
