//! What reports rather than requires: a review of work done, a section title, a deed told with
//! 了, a condition, an interviewee's reaction, and a modal inside a quotation. Talks to `dict`
//! for the cue words (`dictionaries/requirement_cues.txt`) and reads the outline's units.

use crate::dict::{Dictionaries, RequirementCues};
use crate::outline::OutlineUnit;

fn cues() -> &'static RequirementCues {
    &Dictionaries::get().requirement_cues
}

fn holds(s: &str, words: &[String]) -> bool {
    words.iter().any(|w| s.contains(w.as_str()))
}

/// Per unit, whether it lies in a review of work done: its top-level heading holds a review
/// cue (一、2025年工作回顾), or its series tells what was done (主要做了以下工作：一是…; 注意
/// 把握了以下原则) or what is wrong (还存在一些困难和问题，主要是：一是…; 主要表现在：).
/// Parents come before their children in the outline.
pub(super) fn in_review(text: &str, units: &[OutlineUnit]) -> Vec<bool> {
    let told = series_after(text, units, &cues().told);
    let mut out = vec![false; units.len()];
    for (i, u) in units.iter().enumerate() {
        out[i] = told[i]
            || match u.parent {
                Some(p) => out.get(p).copied().unwrap_or(false),
                None => holds(&u.text, &cues().review),
            };
    }
    out
}

/// Per unit, whether it is in a news summary's table of contents (本期节目主要内容：1.…；
/// 2.…): each story is told in full below it, so its headlines are no records of their own.
pub(super) fn in_contents(text: &str, units: &[OutlineUnit]) -> Vec<bool> {
    series_after(text, units, &["主要内容"])
}

/// Per unit, whether it (or an ancestor) belongs to a series whose first unit follows one of
/// `words` within 60 bytes. Parents come before their children in the outline.
fn series_after<S: AsRef<str>>(text: &str, units: &[OutlineUnit], words: &[S]) -> Vec<bool> {
    let mut out = vec![false; units.len()];
    // The series found: (its parent, its style).
    let mut found: Option<(Option<usize>, crate::outline::Style)> = None;
    for (i, u) in units.iter().enumerate() {
        if u.number == 1 {
            let from =
                crate::scan::floor_char_boundary(text, u.marker_range.start.saturating_sub(60));
            let before = text.get(from..u.marker_range.start).unwrap_or("");
            found = words
                .iter()
                .any(|w| before.contains(w.as_ref()))
                .then_some((u.parent, u.style))
                .or(found.filter(|t| *t != (u.parent, u.style)));
        }
        out[i] = found == Some((u.parent, u.style))
            || u.parent
                .is_some_and(|p| out.get(p).copied().unwrap_or(false));
    }
    out
}

/// A heading that names a section or asks a question requires nothing: 二、2026年重点工作,
/// 12.“单一窗口”：, 12.如何坚持和完善基本经济制度.
pub(super) fn is_title(head: &str) -> bool {
    let h = head.trim_end_matches(['。', ' ']);
    h.ends_with(['：', ':'])
        || is_question(h)
        // 第四，关于促进全体人民共同富裕; (二) 关于…之审查事项: a topic, not a task.
        || h.starts_with("关于")
        || cues().title.iter().any(|w| h.ends_with(w.as_str()))
}

/// A question asks, modal or not (为什么要坚持共同富裕的目标, 有利条件是什么).
pub(super) fn is_question(s: &str) -> bool {
    s.contains(['？', '?'])
        || ["如何", "为什么", "怎样", "怎么"]
            .iter()
            .any(|w| s.starts_with(w))
        || s.contains("什么")
}

/// A heading that tells what was done, a verb with 了 (第二，促进了贫困地区加快发展); not 为了,
/// 除了, 了解, 了不起.
pub(super) fn tells_a_deed(head: &str) -> bool {
    head.char_indices().any(|(i, c)| {
        let prev = head[..i].chars().next_back();
        let next = head[i + c.len_utf8()..].chars().next();
        c == '了'
            && prev.is_some_and(|p| !matches!(p, '为' | '除' | '罢' | '不' | '受' | '未'))
            && !next.is_some_and(|n| matches!(n, '解' | '不' | '然' | '结'))
    })
}

/// Where a report's notes begin (a line 名词解释, or 《政府工作报告》有关内容名词注释, then
/// 1.“两重”：是指…): they explain terms, quoting what plans require, and require nothing
/// themselves. The text's end if none.
pub(super) fn notes_start(text: &str) -> usize {
    const HEADS: [&str; 5] = ["名词解释", "名词注释", "注释", "注解", "附注"];
    crate::scan::line_ranges(text)
        .find(|r| {
            let line = text[r.clone()].trim();
            let line = line.strip_suffix('：').unwrap_or(line);
            HEADS.contains(&line)
                || (line.chars().count() <= 24
                    && ["名词解释", "名词注释"].iter().any(|h| line.ends_with(h)))
        })
        .map_or(text.len(), |r| r.start)
}

/// Whether the modal after `before` tells what has been done since some time (五年来，我们坚持
/// 深化改革…，为发展注入了新动力; 党的十八大以来，我们坚持…，迈出坚实步伐): a time span before
/// it and a 了 or an achievement after it.
pub(super) fn recounts(before: &str, after: &str) -> bool {
    const ACHIEVED: [&str; 7] = ["取得", "形成", "迈出", "实现了", "成效", "成就", "步伐"];
    ["年来", "以来", "过去"].iter().any(|w| before.contains(w))
        && (after.contains('了') || ACHIEVED.iter().any(|w| after.contains(w)))
}

/// Whether a text is a statute, its lines opening with articles (第 40 条, 第十二条): its
/// numbered items list what a term covers, what an office handles or what a fee is (五、政党
/// 党务工作人员), and oblige only with a modal (不得, 应当).
pub(super) fn is_statute(text: &str) -> bool {
    crate::scan::line_ranges(text)
        .filter(|r| opens_with_article(&text[r.clone()]))
        .nth(1)
        .is_some()
}

/// 第 40 条, 第十二条, 第1条: an article's number at the start of a line.
fn opens_with_article(line: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix('第') else {
        return false;
    };
    let rest = rest.trim_start_matches(' ');
    let digits = rest
        .trim_start_matches(|c: char| c.is_ascii_digit() || crate::numeral::is_cn_numeral_char(c));
    digits.len() < rest.len() && digits.trim_start_matches(' ').starts_with('条')
}

/// Whether a heading without a modal states what is (四是加快科技创新是…的需要; 坚持党的领导
/// 是根本保证): a 是 in its first clause that is no part of 是否, 还是, 但是, 于是, 总是, 凡是,
/// 要是, 实事求是. Only within its first 16 chars: a heading run into its paragraph (充分认识
/// 考古工作的重大意义考古学是一门…) holds the body's 是 further on.
pub(super) fn states_what_is(head: &str) -> bool {
    let clause = head.split(['，', '。', '；', '：']).next().unwrap_or(head);
    let clause = clause
        .char_indices()
        .nth(16)
        .map_or(clause, |(k, _)| &clause[..k]);
    clause.char_indices().any(|(i, c)| {
        let prev = clause[..i].chars().next_back();
        let next = clause[i + c.len_utf8()..].chars().next();
        c == '是'
            && i > 0
            && !prev.is_some_and(|p| "还但于总凡要求".contains(p))
            && !next.is_some_and(|n| "否非".contains(n))
    })
}

/// Whether the 坚持 or 确保 clause before `after`'s later clause is its subject: 坚持党的全面领导，
/// 是我们的最大政治优势 states a truth, it binds no one.
pub(super) fn is_subject_of_a_truth(after: &str) -> bool {
    after.split('，').skip(1).any(|c| {
        let c = c.trim_start_matches(['就', '才', '正', '乃', '更', '也']);
        c.starts_with('是') && !c.starts_with("是否")
    })
}

/// Whether the modal after `before` states a condition: a condition word in its clause
/// (只要坚持…就一定能够…, 只有…才能…).
pub(super) fn conditional(before: &str) -> bool {
    let clause = before.rsplit(['，', '：']).next().unwrap_or(before);
    holds(clause, &cues().condition)
}

/// Whether the modal after `before`, in a news summary, reports what interviewees said
/// (代表们纷纷表示，要把喜讯带回去), not a directive.
pub(super) fn reaction(before: &str) -> bool {
    const SAYING: [&str; 4] = ["表示", "说", "认为", "发言"];
    // The reactor must be who speaks: right before the word of saying, in its clause
    // (各界人士表示, 杜占元委员发言说, 代表们纷纷表示), not a group the speaker met
    // (咸辉在参加特邀香港人士小组讨论时说).
    cues().reactor.iter().any(|r| {
        before.match_indices(r.as_str()).any(|(at, _)| {
            let after = &before[at + r.len()..];
            // A cue holding its word of saying (同志们表示, 委员发言) speaks where it stands;
            // the bug was to look for a second word of saying after it. Unless it names a
            // time: 在听取委员发言后，王沪宁表示.
            if SAYING.iter().any(|w| r.ends_with(w)) {
                return !after.starts_with(['后', '时', '中']);
            }
            // A group may speak at its session: 委员们在分组讨论时表示.
            let group = r.ends_with('们');
            SAYING.iter().any(|w| {
                after.find(w).is_some_and(|k| {
                    let gap = &after[..k];
                    let n = gap.chars().count();
                    (n <= 4 && !gap.contains(['，', '时', '后']))
                        || (group
                            && n <= 16
                            && gap.starts_with('在')
                            && gap.ends_with('时')
                            && !gap.contains('，'))
                })
            })
        })
    })
}

/// The byte ranges of a news summary's feature stories: from a `###` headline whose 【tag】
/// holds a feature cue (【新春走基层】) to the next `###` headline.
pub(super) fn feature_stories(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    let mut open: Option<usize> = None;
    for line in crate::scan::line_ranges(text) {
        let l = &text[line.clone()];
        if !l.starts_with("###") {
            continue;
        }
        if let Some(start) = open.take() {
            out.push(start..line.start);
        }
        let tag = l
            .split_once('【')
            .and_then(|(_, t)| t.split_once('】'))
            .map_or("", |(t, _)| t);
        if holds(tag, &cues().feature) {
            open = Some(line.start);
        }
    }
    out.extend(open.map(|start| start..text.len()));
    out
}

/// Whether a directive is reported before a modal (会议强调，坚持…).
pub(super) fn directed(before: &str) -> bool {
    cues().directive.iter().any(|w| {
        before.match_indices(w.as_str()).any(|(at, _)| {
            // 部署 directs as a verb (会议部署，…; 部署各地强化…), not as the noun of 决策部署,
            // 工作部署, nor told of a deed (提前部署, 亲自部署, 在…海域部署18艘救助船).
            const DONE_OR_NOUN: [&str; 8] =
                ["决策", "工作", "重大", "战略", "的", "提前", "亲自", "和"];
            let (lead, rest) = (&before[..at], &before[at + w.len()..]);
            w != "部署"
                || !(DONE_OR_NOUN.iter().any(|d| lead.ends_with(d))
                    || rest.starts_with(|c: char| c.is_ascii_digit()))
        })
    })
}

/// Where a modal inside a quotation leaves off.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Quoted {
    /// Not inside one, or the quotation runs past the sentence: the sentence's end.
    No,
    /// At the closing mark, at this byte of the sentence.
    EndsAt(usize),
    /// The quotation names or qualifies something (按照“要畅通…”的指示): no requirement.
    Attributive,
}

/// How the modal at byte `p` of `sent` stands to the quotations around it.
pub(super) fn quotation(sent: &str, p: usize) -> Quoted {
    let before = &sent[..p];
    if before.matches('“').count() <= before.matches('”').count() {
        return Quoted::No;
    }
    match sent[p..].find('”') {
        Some(q) if sent[p + q + '”'.len_utf8()..].starts_with(['的', '这']) => {
            Quoted::Attributive
        }
        Some(q) => Quoted::EndsAt(p + q),
        None => Quoted::No,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_read_as_the_dictionary_says() {
        assert!(is_title("二、“十五五”时期主要目标任务"));
        assert!(is_title("12.“单一窗口”："));
        assert!(!is_title("加强组织领导"));
        assert!(is_title("关于促进全体人民共同富裕"));
        assert!(is_title("中国共产党进行自身建设的有利条件是什么"));
        assert!(is_title("三、2026年主要工作"));
        assert!(tells_a_deed("促进了贫困地区加快发展"));
        assert!(!tells_a_deed("为了群众，了解民情"));
        assert!(conditional("告诉我们，只要"));
        assert!(!conditional("只要有决心，我们"));
        assert!(reaction("代表们纷纷表示，"));
        assert!(!reaction("王沪宁表示，"));
        assert!(reaction("杜占元委员发言说，"));
        assert!(!reaction(
            "全国政协副主席咸辉在参加特邀香港人士小组讨论时说，"
        ));
        assert!(!reaction("在听取委员发言后，王沪宁表示，"));
        assert!(reaction("与会同志们表示，"));
        assert!(reaction("委员们在分组讨论时表示，"));
        assert!(reaction("老同志们一致表示，"));
        assert!(reaction("中外嘉宾纷纷表示，"));
        assert!(directed("会议部署，"));
        assert!(!directed("交通部门提前部署保障措施，"));
        assert!(directed("办公室部署各地各部门强化风险防控，"));
        assert!(!directed("在沿海海域部署18艘专业救助船，"));
        assert!(!directed("各级纪检监察机关贯彻落实工作部署"));
        let report = "一、目标\n要稳增长。\n名词解释\n1.“两重”：是指要实施重大战略。";
        assert_eq!(notes_start(report), report.find("名词解释").unwrap_or(0));
        assert_eq!(
            notes_start("要稳增长。注释很多。"),
            "要稳增长。注释很多。".len()
        );
        let annex = "要稳增长。\n附件\n《政府工作报告》有关内容名词注释\n";
        assert_eq!(notes_start(annex), annex.find('《').unwrap_or(0));
        assert!(recounts("五年来，我们", "深化改革，注入了新动力"));
        assert_eq!(quotation("按照“要畅通通道”的指示", 9), Quoted::Attributive);
        assert_eq!(
            quotation("他说“要加强合作”，大家赞同", 9),
            Quoted::EndsAt(24)
        );
        assert_eq!(quotation("要加强合作", 0), Quoted::No);
    }
}
