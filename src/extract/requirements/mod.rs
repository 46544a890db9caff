//! Requirements and duties: every outline unit and every sentence with a modal of obligation
//! (要, 必须, 务必, 应当, 确保, 坚持, 严禁, 不得) becomes a record with the actor it binds
//! (`dictionaries/actors.txt` and the sentence's subject), the modality, the action and its
//! outline path. Inside a duty context (履行好以下职责, 职责要求, 的重任, 负责, 牵头, 配合) the
//! records are duties of the actor the context names.
//!
//! A news summary reports rather than requires: its outline is a list of headlines, and its
//! 坚持 and 确保 mostly tell what someone does (石泉县坚持生态立县). There only headings with a
//! modal count, and 坚持/确保 only where a directive is reported (会议强调，坚持…).

mod modal;
mod narrative;
mod speakers;

use crate::dict::Dictionaries;
use crate::lists;
use crate::outline::OutlineUnit;
use crate::scan::{Literals, Prefer};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Serialize;
use std::ops::Range;
use std::sync::Arc;
use std::sync::OnceLock;

use modal::modal;
use narrative::Quoted;

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

const DUTY_CUES: [&str; 7] = [
    "以下职责",
    "职责要求",
    "的职责",
    "的重任",
    "负责",
    "牵头",
    "配合",
];

/// Words after an actor word that make it the one who directs others, or a meeting's name.
/// (大家表示，一定要… is a pledge: it binds who speaks.)
const SPEAKS: [&str; 7] = [
    "要求",
    "强调",
    "指出",
    "全会",
    "会议",
    "全体会议",
    "常委会议",
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
    let noun_after = &Dictionaries::get().requirement_cues.noun_after;
    ac.find_iter(s)
        .map(|m| (words[m.pattern().as_usize()], m.start(), m.end()))
        .filter(|&((w, kind), start, end)| {
            kind != "speaker"
                // 人民进行: the 民进 of 人民 and 进行 is no party.
                && !(w == "民进" && s[..start].ends_with('人'))
                && (allow_collective || kind != "collective")
                // 双方要…, not 同各国一道，要…: a party binds only in its own clause.
                && (kind != "local" || !s[end..].contains(['，', '：']))
                // 组长要求，要…; 在中央纪委全会上指出: who speaks, or a meeting, binds no one.
                && !SPEAKS.iter().any(|w| s[end..].starts_with(w))
                // 政府工作要…, 各方面, 高校毕业生: the actor word begins a longer noun.
                && !noun_after
                    .iter()
                    .any(|w| s[end..].starts_with(w.as_str()))
        })
        .last()
        .map(|((w, _), _, _)| w)
}

/// Whether a sentence says its actor takes charge (负责, 牵头, 配合): searchers built once,
/// where `str::contains` would set one up for every sentence with a modal.
fn takes_charge(sent: &str) -> bool {
    static WORDS: OnceLock<[memchr::memmem::Finder<'static>; 3]> = OnceLock::new();
    let words = WORDS.get_or_init(|| ["负责", "牵头", "配合"].map(memchr::memmem::Finder::new));
    words.iter().any(|w| {
        w.find_iter(sent.as_bytes())
            .any(|at| !in_compound(sent, at))
    })
}

/// Whether the 负责 or 配合 at byte `at` of `s` is part of a word that assigns nothing:
/// 负责制, 负责人, 负责同志, 负责任, 负责的 (对世界负责的态度), 高度负责; 协调配合,
/// 协同配合, 相互配合, 密切配合.
fn in_compound(s: &str, at: usize) -> bool {
    let (before, word) = (&s[..at], &s[at..]);
    if let Some(rest) = word.strip_prefix("负责") {
        return rest.starts_with(['制', '人', '任', '的'])
            || rest.starts_with("同志")
            || before.ends_with("高度");
    }
    word.starts_with("配合")
        && ["协调", "协同", "相互", "互相", "密切"]
            .iter()
            .any(|w| before.ends_with(w))
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
        if i < start {
            continue;
        }
        let mut end = i + len;
        // “……。” closes with its quotation mark: it ends this sentence, not opens the next.
        while let Some(c) = text[end..]
            .chars()
            .next()
            .filter(|c| matches!(c, '”' | '’' | '」' | '』'))
        {
            end += c.len_utf8();
        }
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
    // Where the headings start whose sentences are not read again: records of their own, and
    // the headlines of a table of contents.
    let mut headed: Vec<usize> = Vec::new();
    let review = narrative::in_review(text, units);
    let statute = narrative::is_statute(text);
    let contents = if news {
        narrative::in_contents(text, units)
    } else {
        vec![false; units.len()]
    };
    let notes_from = narrative::notes_start(text);
    let features = if news {
        narrative::feature_stories(text)
    } else {
        Vec::new()
    };
    for (i, u) in units.iter().enumerate() {
        // The heading text follows the marker after any spaces the outline skipped.
        let lead = text[u.marker_range.end..].len()
            - text[u.marker_range.end..].trim_start_matches(' ').len();
        let head_start = u.marker_range.end + lead;
        let head_end = u.heading_end.max(head_start);
        let head = text.get(head_start..head_end).unwrap_or("");
        if u.marker_range.start >= notes_from {
            break;
        }
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
        // A heading without a modal is a requirement in a speech's outline, but not where it
        // is a headline, a section title, a deed told or a point of a review of work done.
        let nominal = modality.is_empty()
            && (news
                || statute
                || review[i]
                || narrative::is_title(head)
                || narrative::tells_a_deed(head)
                || narrative::states_what_is(head));
        // A news headline's 坚持/确保 tells an event unless it opens the headline or follows a
        // directive (各地加强田间管理 确保冬油菜安全越冬).
        let reported = news
            && matches!(modality, "坚持" | "确保")
            && !head[..action_at]
                .split('】')
                .next_back()
                .unwrap_or("")
                .trim()
                .is_empty()
            && !narrative::directed(&head[..action_at]);
        // A question asks whatever it holds (the ？ may stand after the heading's text).
        let question = narrative::is_question(head)
            || text
                .get(head_end..)
                .is_some_and(|t| t.starts_with(['？', '?']));
        if contents[i] {
            headed.push(u.marker_range.start);
            continue;
        }
        if nominal || reported || question {
            continue;
        }
        // A marker alone (第三，) has nothing to require.
        if head.trim().is_empty() {
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
    // The actor the last sentence named before its modal, and where that sentence ended: a
    // sentence right after it in the same paragraph that opens with its modal (督导组要…；要…)
    // goes on with the same subject.
    let mut named: Option<(&'static str, usize)> = None;
    // Where the last sentence reporting a reaction ended: the sentences right after it in its
    // paragraph that open with their modal go on with what was said (大家认为，…。要…。).
    let mut reacted: Option<usize> = None;
    // In the news, whether the last speaker framed in the paragraph is foreign, and where that
    // sentence ended: a sentence framing no one of its own goes on with them (普京表示，…。
    // 双方要…).
    let mut framed: Option<(bool, usize)> = None;
    for s in sents.iter().take_while(|s| s.start < notes_from) {
        let sent = &text[s.clone()];
        let goes_on = |end: usize| end == s.start && !text[..end].ends_with('\n');
        let carried = named
            .take()
            .filter(|&(_, end)| goes_on(end))
            .map(|(a, _)| a);
        let still_reacting = reacted.take().is_some_and(goes_on);
        let frame_before = framed
            .take()
            .filter(|&(_, end)| goes_on(end))
            .map(|(f, _)| f);
        let found = modal(sent);
        let foreign = news
            && match speakers::foreign_frame(
                &sent[..found.map_or(sent.len(), |(p, _)| p)],
                frame_before,
            )
            .or(frame_before)
            {
                Some(f) => {
                    framed = Some((f, s.end));
                    f
                }
                None => false,
            };
        // A heading sentence is already its unit's record.
        let first_unit = headed.partition_point(|&st| st < s.start);
        if headed.get(first_unit).is_some_and(|&st| st < s.start + 12) {
            continue;
        }
        // A question requires nothing, unless it directs a check (要围绕“四风”问题是否找的准？).
        if sent.trim_end().ends_with(['？', '?']) && !sent.contains("是否") {
            continue;
        }
        let Some((p, m)) = found else {
            // A reaction without a modal of its own (与会同志们表示，中国经济韧性强。) goes on
            // in the sentences after it that open with theirs (要保持战略定力。).
            if news && narrative::reaction(sent) {
                reacted = Some(s.end);
            }
            continue;
        };
        let (before, after) = (&sent[..p], &sent[p..]);
        let unit = unit_at(s.start);
        // Deeds, in the news, in a review of work done, or told since some time.
        let deed = matches!(m, "坚持" | "确保")
            && ((news && !narrative::directed(before))
                || unit.is_some_and(|i| review[i])
                || narrative::recounts(before, after)
                || narrative::is_subject_of_a_truth(after));
        let opens = before.trim_start_matches([' ', '“']).is_empty();
        let in_feature = features.iter().any(|f| f.contains(&s.start));
        if foreign || (in_feature && !speakers::names_china(before)) {
            continue;
        }
        if news && (narrative::reaction(before) || (still_reacting && opens)) {
            reacted = Some(s.end);
            continue;
        }
        if deed || narrative::conditional(before) {
            continue;
        }
        let end = match narrative::quotation(sent, p) {
            Quoted::Attributive => continue,
            Quoted::EndsAt(q) => q,
            Quoted::No => sent.len(),
        };
        let duty_ctx = unit.and_then(|i| duties.get(&i).copied());
        let explicit = last_actor(&sent[..p], true);
        let explicit = explicit.or(carried.filter(|_| opens));
        if let Some(a) = explicit {
            named = Some((a, s.end));
        }
        let actor = explicit
            .or_else(|| duty_ctx.filter(|a| !a.is_empty()))
            .or_else(|| unit.and_then(|i| unit_actor[i]))
            .unwrap_or_default();
        let own_duty = !actor.is_empty() && takes_charge(sent);
        out.push(Requirement {
            actor,
            modality: m,
            text: sent[p..end]
                .trim_end_matches(['”', '’', '」', '』'])
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
mod tests;
