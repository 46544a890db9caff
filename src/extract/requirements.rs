//! Requirements and duties: every outline unit and every sentence with a modal of obligation
//! (要, 必须, 务必, 应当, 确保, 坚持, 严禁, 不得) becomes a record with the actor it binds
//! (`dictionaries/actors.txt` and the sentence's subject), the modality, the action and its
//! outline path. Inside a duty context (履行好以下职责, 职责要求, 的重任, 负责, 牵头, 配合) the
//! records are duties of the actor the context names.
//!
//! A news summary reports rather than requires: its outline is a list of headlines, and its
//! 坚持 and 确保 mostly tell what someone does (石泉县坚持生态立县). There only headings with a
//! modal count, and 坚持/确保 only where a directive is reported (会议强调，坚持…).

use crate::dict::Dictionaries;
use crate::lists;
use crate::outline::OutlineUnit;
use crate::scan::{Literals, Prefer};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Serialize;
use std::ops::Range;
use std::sync::Arc;
use std::sync::OnceLock;

#[derive(Debug, Clone, Serialize)]
pub struct Requirement {
    /// Who is bound ("" when the text names no one and no context supplies it): always a
    /// word of `dictionaries/actors.txt`, so it borrows the word rather than copying it (a
    /// 50 MB input holds 200k requirements).
    pub actor: &'static str,
    /// The modal word (必须, 要 …); "" for an outline heading without one.
    pub modality: &'static str,
    /// The action: the sentence (or heading) from the modal on.
    pub text: String,
    /// Outline path of the unit the requirement sits in ([] outside the outline).
    pub path: Arc<[u32]>,
    pub duty: bool,
    /// outline | sentence
    pub source: &'static str,
    #[serde(skip)]
    pub range: Range<usize>,
}

/// Longest first, so 必须 wins over 要 in 必须要. A negated modal is a word of its own, so a
/// prohibition's text keeps its 不 (不要将…排放入海 read 要将…排放入海).
const MODALS: [&str; 13] = [
    "不要",
    "不应该",
    "不应当",
    "必须",
    "务必",
    "应当",
    "一定要",
    "严禁",
    "不得",
    "确保",
    "坚持",
    "应该",
    "要",
];
const DUTY_CUES: [&str; 7] = [
    "以下职责",
    "职责要求",
    "的职责",
    "的重任",
    "负责",
    "牵头",
    "配合",
];

fn actors() -> &'static (AhoCorasick, Vec<(&'static str, &'static str)>) {
    static AC: OnceLock<(AhoCorasick, Vec<(&'static str, &'static str)>)> = OnceLock::new();
    AC.get_or_init(|| {
        let d = Dictionaries::get();
        let words: Vec<(&'static str, &'static str)> = d
            .actors
            .iter()
            .map(|(w, k)| (w.as_str(), k.as_str()))
            .collect();
        let ac = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(words.iter().map(|&(w, _)| w))
            .unwrap_or_else(|e| panic!("actor automaton: {e}"));
        (ac, words)
    })
}

/// The last actor named in `s` (optionally skipping collectives like 大家). A speaker's title
/// (总书记) is matched whole, so its 书记 is no actor, and then passed over: whose words are
/// quoted is not who they bind.
fn last_actor(s: &str, allow_collective: bool) -> Option<&'static str> {
    let (ac, words) = actors();
    ac.find_iter(s)
        .map(|m| words[m.pattern().as_usize()])
        .filter(|&(_, kind)| kind != "speaker" && (allow_collective || kind != "collective"))
        .last()
        .map(|(w, _)| w)
}

/// First modal of obligation in `s`: (byte offset, word). 要 counts only as a word of its own,
/// not inside 重要, 主要, 需要, 要求, 只要 …. One automaton pass, longest word first (必须要).
fn modal(s: &str) -> Option<(usize, &'static str)> {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    let ac = AC.get_or_init(|| {
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(MODALS)
            .unwrap_or_else(|e| panic!("modal automaton: {e}"))
    });
    ac.find_iter(s).find_map(|m| {
        let (i, w) = (m.start(), MODALS[m.pattern().as_usize()]);
        // 不要 takes the same test on its 要: 不要求 is no prohibition.
        let yao_at = match w {
            "要" => Some(i),
            "不要" => Some(i + '不'.len_utf8()),
            _ => None,
        };
        if yao_at.is_some_and(|at| !free_yao(s, at)) {
            return None;
        }
        // 不一定要: not necessarily; 要不要: whether or not.
        let prev = s[..i].chars().next_back();
        if (w == "一定要" && prev == Some('不')) || (w == "不要" && prev == Some('要')) {
            return None;
        }
        // 这是应该的, 难道不应该？: nothing is required to be done; 确保了, 坚持了: it was done.
        let rest = s[i + w.len()..].trim_end_matches(['。', '；', '！', '？', '\n', ' ']);
        if rest.is_empty()
            || rest.starts_with(['的', '吗', '呢'])
            || (rest.starts_with('了') && !rest.starts_with("了解"))
        {
            return None;
        }
        // 是确保…的举措, 为坚持…: the word names a purpose, it does not oblige anyone.
        if (w == "确保" || w == "坚持")
            && prev.is_some_and(|c| matches!(c, '是' | '为' | '的' | '以' | '所'))
        {
            return None;
        }
        Some((i, w))
    })
}

/// Whether a sentence says its actor takes charge (负责, 牵头, 配合): searchers built once,
/// where `str::contains` would set one up for every sentence with a modal.
fn takes_charge(sent: &str) -> bool {
    static WORDS: OnceLock<[memchr::memmem::Finder<'static>; 3]> = OnceLock::new();
    let words = WORDS.get_or_init(|| ["负责", "牵头", "配合"].map(memchr::memmem::Finder::new));
    words.iter().any(|w| w.find(sent.as_bytes()).is_some())
}

fn free_yao(s: &str, i: usize) -> bool {
    let mut back = s[..i].chars().rev();
    let (prev, prev2) = (back.next(), back.next());
    let next = s[i + '要'.len_utf8()..].chars().next();
    // Slices rather than `str::contains`: this runs for every 要 in the text, and a string
    // search is set up anew on each call. Words: 重要 主要 需要 只要 纲要 摘要 首要 紧要 必要
    // 想要 扼要 简要 提要 概要 所要 纪要 次要 险要 显要 枢要; 将要 快要 (future), 若要 如果要
    // (conditions), 我要 (a wish) ; 要求 要点 要素 要闻 要害 要领 要件 要是 要么 要不 要员 要务
    // 要职 要旨 要义 要项 要塞 要案 要冲, 要想 (if one wants).
    const BEFORE: &[char] = &[
        '重', '主', '需', '只', '纲', '摘', '首', '紧', '必', '想', '扼', '简', '提', '概', '所',
        '纪', '次', '险', '显', '枢', '将', '快', '若', '我',
    ];
    const AFTER: &[char] = &[
        '求', '点', '素', '闻', '害', '领', '件', '是', '么', '不', '员', '务', '职', '旨', '义',
        '项', '塞', '案', '冲', '想',
    ];
    // 政要 and 机要 are words only in their own company: 多国政要 but 财政要加大投入, 机要文件
    // but 机关要 (which 机 alone would not tell).
    let dignitaries = prev == Some('政') && prev2.is_some_and(|c| "国各外位名".contains(c));
    // 如果要 is a condition; 成果要转化, 效果要 are not.
    let condition = prev == Some('果') && prev2 == Some('如');
    let confidential = prev == Some('机') && next.is_some_and(|c| "文工局室秘通交部保".contains(c));
    !prev.is_some_and(|c| BEFORE.contains(&c))
        && !next.is_some_and(|c| AFTER.contains(&c))
        && !dignitaries
        && !confidential
        && !condition
}

/// Sentences of `text` as byte ranges (split at 。！？； and newlines).
fn sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    // 。 is E3 80 82; ！ ？ ； are EF BC 81, EF BC 9F, EF BC 9B. A lead byte never occurs inside
    // another char's encoding (continuation bytes are 0x80..=0xBF), so every E3, EF or newline
    // found starts a char, and its bytes tell whether that char ends a sentence.
    for i in memchr::memchr3_iter(b'\n', 0xE3, 0xEF, bytes) {
        let len = match bytes.get(i..i + 3) {
            Some([0xE3, 0x80, 0x82] | [0xEF, 0xBC, 0x81 | 0x9F | 0x9B]) => 3,
            _ if bytes[i] == b'\n' => 1,
            _ => continue,
        };
        let end = i + len;
        if more_than_one_char(text[start..i].trim()) {
            out.push(start..end);
        }
        start = end;
    }
    if more_than_one_char(text[start..].trim()) {
        out.push(start..text.len());
    }
    out
}

/// `s.chars().count() > 1`, without counting a long sentence to the end.
fn more_than_one_char(s: &str) -> bool {
    s.chars().nth(1).is_some()
}

/// Units covered by a duty context, with the actor the context binds.
fn duty_units(
    text: &str,
    units: &[OutlineUnit],
    sents: &[Range<usize>],
) -> Vec<(usize, &'static str)> {
    let mut out = Vec::new();
    static CUES: OnceLock<Literals> = OnceLock::new();
    // Only where the matches are matters here, not which cue.
    let cues = CUES.get_or_init(|| Literals::new(&DUTY_CUES, Prefer::First));
    // One search over the whole text rules out the many sentences without any cue. No
    // cue holds a sentence end, so every match lies inside one sentence, and the search,
    // reporting the leftmost match after the last one each time, reports one in every
    // sentence holding a cue.
    let cue_starts: Vec<usize> = cues.find_iter(text).map(|m| m.start).collect();
    // Each cue, and 以下, searched again in the sentences holding one: searchers built once.
    struct Finders {
        cues: Vec<memchr::memmem::Finder<'static>>,
        listed: memchr::memmem::Finder<'static>,
    }
    static FINDERS: OnceLock<Finders> = OnceLock::new();
    let finders = FINDERS.get_or_init(|| Finders {
        cues: DUTY_CUES.iter().map(memchr::memmem::Finder::new).collect(),
        listed: memchr::memmem::Finder::new("以下"),
    });
    for (k, s) in sents.iter().enumerate() {
        let sent = &text[s.clone()];
        let first_cue = cue_starts.partition_point(|&p| p < s.start);
        let holds_cue = cue_starts.get(first_cue).is_some_and(|&p| p < s.end);
        if !holds_cue {
            continue;
        }
        // The cue must open a list: 履行好以下职责 / 职责要求：第一，…
        let listed = finders.listed.find(sent.as_bytes()).is_some();
        let Some(cue_end) = finders.cues.iter().zip(DUTY_CUES).find_map(|(f, c)| {
            let p = f.find(sent.as_bytes())? + c.len();
            (listed || sent[p..].starts_with('：')).then_some(s.start + p)
        }) else {
            continue;
        };
        let Some(first) = units
            .iter()
            .position(|u| u.number == 1 && u.marker_range.start >= cue_end)
        else {
            continue;
        };
        if units[first].marker_range.start - cue_end > 240 {
            continue;
        }
        // The context names the actor, or the sentences just before it do (督导组担负着…的重任。
        // 具体说，就是要认真履行好以下职责：).
        let actor = std::iter::once(sent)
            .chain(sents[..k].iter().rev().take(2).map(|r| &text[r.clone()]))
            .find_map(|t| last_actor(t, false))
            .unwrap_or_default();
        for &i in &lists::run_from(units, first) {
            out.push((i, actor));
            let end = units[i].range.end;
            out.extend(
                units
                    .iter()
                    .enumerate()
                    .skip(i + 1)
                    .take_while(|(_, u)| u.marker_range.start < end)
                    .map(|(j, _)| (j, actor)),
            );
        }
    }
    out
}

/// Words that report a directive, before a 坚持 or 确保 of a news summary.
const DIRECTIVES: [&str; 9] = [
    "强调", "要求", "指出", "提出", "部署", "号召", "希望", "呼吁", "指示",
];

/// Extract the requirements of a document; `news` for a news summary (see the module).
pub fn requirements(text: &str, units: &[OutlineUnit], news: bool) -> Vec<Requirement> {
    let sents = sentences(text);
    let duties = duty_units(text, units, &sents);
    // Deepest unit holding `pos`: the last unit starting at or before it, or an ancestor.
    let starts: Vec<usize> = units.iter().map(|u| u.marker_range.start).collect();
    let unit_at = |pos: usize| {
        let mut i = starts.partition_point(|&st| st <= pos).checked_sub(1)?;
        loop {
            if units[i].range.contains(&pos) {
                return Some(i);
            }
            i = units[i].parent?;
        }
    };
    let duties: std::collections::HashMap<usize, &'static str> = duties.into_iter().collect();
    let mut out: Vec<Requirement> = Vec::new();
    let mut unit_actor: Vec<Option<&'static str>> = vec![None; units.len()];
    // Where the headings that are records of their own start.
    let mut headed: Vec<usize> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        // The heading text follows the marker after any spaces the outline skipped.
        let lead = text[u.marker_range.end..].len()
            - text[u.marker_range.end..].trim_start_matches(' ').len();
        let head_start = u.marker_range.end + lead;
        let head_end = head_start + u.text.len();
        let head = text.get(head_start..head_end).unwrap_or("");
        let duty = duties.get(&i).copied();
        // 一要/1要 carry the modal in the marker; otherwise it must open the heading (督导组要…),
        // not sit in a later clause with another subject.
        let (modality, action_at) = if u.marker.ends_with('要') {
            ("要", 0)
        } else {
            modal(head)
                .filter(|&(p, _)| head[..p].chars().count() <= 12 && !head[..p].contains('，'))
                .map(|(p, m)| (m, p))
                .unwrap_or(("", 0))
        };
        let explicit = last_actor(&head[..action_at], true);
        let inherited = u.parent.and_then(|p| unit_actor[p]);
        let actor = explicit
            .or_else(|| duty.filter(|a| !a.is_empty()))
            .or(inherited)
            .unwrap_or_default();
        unit_actor[i] = Some(actor).filter(|a| !a.is_empty());
        if news && modality.is_empty() {
            continue;
        }
        headed.push(u.marker_range.start);
        out.push(Requirement {
            actor,
            modality,
            text: head.trim().to_owned(),
            path: u.path.clone(),
            duty: duty.is_some(),
            source: "outline",
            range: u.marker_range.start..head_end,
        });
    }
    for s in &sents {
        let sent = &text[s.clone()];
        // A heading sentence is already its unit's record.
        let first_unit = headed.partition_point(|&st| st < s.start);
        if headed.get(first_unit).is_some_and(|&st| st < s.start + 12) {
            continue;
        }
        let Some((p, m)) = modal(sent) else { continue };
        if news && matches!(m, "坚持" | "确保") && !DIRECTIVES.iter().any(|d| sent[..p].contains(d))
        {
            continue;
        }
        let unit = unit_at(s.start);
        let duty_ctx = unit.and_then(|i| duties.get(&i).copied());
        let explicit = last_actor(&sent[..p], true);
        let actor = explicit
            .or_else(|| duty_ctx.filter(|a| !a.is_empty()))
            .or_else(|| unit.and_then(|i| unit_actor[i]))
            .unwrap_or_default();
        let own_duty = !actor.is_empty() && takes_charge(sent);
        out.push(Requirement {
            actor,
            modality: m,
            text: sent[p..]
                .trim_end_matches(['。', '；', '！', '？', '\n'])
                .to_owned(),
            path: unit.map_or_else(|| Arc::from([]), |i| units[i].path.clone()),
            duty: duty_ctx.is_some() || own_duty,
            source: "sentence",
            range: s.clone(),
        });
    }
    out.sort_by_key(|r| (r.range.start, r.source != "outline"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outline::outline;

    fn reqs(s: &str) -> Vec<Requirement> {
        requirements(s, &outline(s), false)
    }

    /// The bug: a news summary's headlines were all requirements (34,886 over the 1,423
    /// broadcasts of ../shared/corpus), and so was every 坚持/确保 that reports what was done.
    #[test]
    fn a_news_summary_reports_headlines_and_deeds_not_requirements() {
        let text = "1. 我国入境游持续升温\n2. 各地要做好防汛工作\n石泉县坚持生态立县，如今森林覆盖率达到75.8%。会议强调，坚持高质量发展。确保颗粒归仓。各地要加强巡查。";
        let news = requirements(text, &outline(text), true);
        let got: Vec<(&str, &str)> = news.iter().map(|r| (r.source, r.text.as_str())).collect();
        assert_eq!(
            got,
            [
                ("outline", "各地要做好防汛工作"),
                ("sentence", "坚持高质量发展"),
                ("sentence", "要加强巡查")
            ]
        );
        // The same text as a speech: every heading and every modal.
        assert_eq!(reqs(text).len(), 6);
    }

    #[test]
    fn a_modal_with_nothing_to_do_after_it_requires_nothing() {
        assert!(reqs("我们这样做是应该的。难道不应该？").is_empty());
        assert_eq!(reqs("我们应该加强学习。").len(), 1);
        assert!(reqs("这确保了各项任务的完成。").is_empty());
        assert_eq!(reqs("要了解彼此的原则底线。").len(), 1);
    }

    #[test]
    fn modal_and_actor_from_the_subject() {
        let r = reqs("各级党组织必须高度重视。这是重要的工作。督导组要深入基层。");
        let got: Vec<(&str, &str)> = r.iter().map(|r| (r.actor, r.modality)).collect();
        assert_eq!(got, vec![("各级党组织", "必须"), ("督导组", "要")]);
        assert_eq!(r[1].text, "要深入基层");
    }

    #[test]
    fn yao_inside_words_is_not_a_modal() {
        assert!(reqs("这是一项重要任务，主要内容如下，需要注意，所要解决的问题不同。").is_empty());
        assert!(reqs("派出督导组是确保活动取得实效的一项重要举措。").is_empty());
        // Found over ../shared/corpus: dignitaries, gists, confidential files, minutes, wishes.
        for s in [
            "多国政要和友好人士送上了新春祝福。",
            "应将判决要旨登载于政府公报。",
            "关于机要文件之收发。",
            "会议纪要如下。",
            "春暖花开，我要旅游。",
            "要想富，先修路。",
            "列车即将要进站。",
        ] {
            assert!(reqs(s).is_empty(), "{s}: {:?}", reqs(s));
        }
        // The same chars around a modal 要 still leave it one.
        assert_eq!(reqs("财政要加大投入力度。")[0].modality, "要");
        assert_eq!(reqs("科技成果要转化为生产力。")[0].modality, "要");
        assert!(reqs("如果要参加，请报名。").is_empty());
        assert_eq!(reqs("各级机关要改进作风。")[0].actor, "机关");
    }

    /// The bug: 不要将核污染水排放入海 came out as the requirement 要将核污染水排放入海.
    #[test]
    fn a_negated_modal_keeps_its_negation() {
        let r = reqs("不要将核污染水排放入海。美洲不应该由任何一个国家主导。");
        let got: Vec<(&str, &str)> = r.iter().map(|r| (r.modality, r.text.as_str())).collect();
        assert_eq!(
            got,
            [
                ("不要", "不要将核污染水排放入海"),
                ("不应该", "不应该由任何一个国家主导")
            ]
        );
        // Not necessarily, whether or not, and does not require, require nothing.
        assert!(reqs("这不一定要马上完成。").is_empty());
        assert!(reqs("指导组不要求反复报材料，减轻了负担。").is_empty());
        assert!(reqs("讨论了是否要不要参加。").is_empty());
    }

    /// The bug: 习近平总书记指出，要… gave the actor 书记 (1,243 times over ../shared/corpus).
    #[test]
    fn the_speakers_title_is_not_the_actor() {
        let r = reqs("习近平总书记指出，要坚持造林与护林并重。");
        assert_eq!((r[0].actor, r[0].modality), ("", "要"));
        let r = reqs("总书记强调，各级党委要担负起主体责任。");
        assert_eq!(r[0].actor, "各级党委");
        // The subject named before the speaker is still the one bound.
        let r = reqs("各中央指导组深入学习习近平总书记重要讲话精神，坚持标准、严督实导。");
        assert_eq!(r[0].actor, "中央指导组");
        assert_eq!(reqs("支部书记要带头学习。")[0].actor, "支部书记");
    }

    #[test]
    fn heading_after_spaces_does_not_split_a_char() {
        // Regression: a marker followed by a space shifted the heading by one byte into a char.
        let r = reqs("1. 马克思主义中国化的意义 （选择、简答 ）\n2. 第二点");
        assert_eq!(r[0].text, "马克思主义中国化的意义 （选择、简答 ）");
    }

    #[test]
    fn an_actor_taking_charge_is_a_duty() {
        let r = reqs("领导小组办公室负责日常工作，要及时汇总情况。");
        assert_eq!((r[0].actor, r[0].duty), ("领导小组办公室", true));
    }

    #[test]
    fn duty_context_binds_the_actor_named_before_it() {
        let s = "督导组担负着具体指导和督促检查的重任。具体说，就是要认真履行好以下职责：\n一是要掌握情况。\n二是要突出重点。";
        let r = reqs(s);
        let duties: Vec<(&str, bool, &str)> = r
            .iter()
            .filter(|r| r.source == "outline")
            .map(|r| (r.actor, r.duty, r.text.as_str()))
            .collect();
        assert_eq!(
            duties,
            vec![
                ("督导组", true, "要掌握情况"),
                ("督导组", true, "要突出重点")
            ]
        );
    }

    #[test]
    fn explicit_duty_items_keep_their_actor() {
        let s = "提出了两方面职责要求：第一，督导组要按照区委的部署，落实督察任务。第二，督导组要认真总结经验。";
        let r: Vec<_> = reqs(s)
            .into_iter()
            .filter(|r| r.source == "outline")
            .collect();
        assert!(r.iter().all(|r| r.actor == "督导组" && r.duty), "{r:?}");
        assert_eq!(r.len(), 2);
    }
}
