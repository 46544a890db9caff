//! Who speaks a sentence of a news story: the reporting frame (a speaker and a word of saying,
//! 俄罗斯外长拉夫罗夫28日表示，) and whether the speaker is a foreign party. What a foreign
//! party says must happen is news, no requirement. Talks to `dict` for `speakers.txt`.

use crate::dict::{Dictionaries, Speakers};
use crate::scan::{Literals, Prefer};
use std::sync::OnceLock;

fn words() -> &'static Speakers {
    &Dictionaries::get().speakers
}

/// Whether the last speaker framed in `s` (a sentence, or its part before the modal) is
/// foreign: `None` where `s` frames no one. A pronoun (他重申，) speaks as `before_it` does,
/// the frame of the sentence before in the paragraph.
pub(super) fn foreign_frame(s: &str, before_it: Option<bool>) -> Option<bool> {
    static SAYING: OnceLock<Literals> = OnceLock::new();
    let saying = SAYING.get_or_init(|| Literals::new(&words().saying, Prefer::Longest));
    let mut frame = None;
    for m in saying.find_iter(s) {
        let (verb, after) = (&s[m.start..m.end], &s[m.end..]);
        if !frames(&s[..m.start], verb, after) {
            continue;
        }
        let clause_start = s[..m.start]
            .rfind(['，', '。', '：', '；', '！', '？', '\n'])
            .map_or(0, |k| k + s[k..].chars().next().map_or(1, char::len_utf8));
        let speaker = subject(&s[clause_start..m.start]);
        if words()
            .not_speaker
            .iter()
            .any(|w| speaker.ends_with(w.as_str()))
        {
            continue;
        }
        let bare = speaker
            .trim()
            .trim_end_matches(['还', '也', '都', '均', '又', '则', '并', '一', '致']);
        frame = if PRONOUNS.contains(&bare) {
            frame.or(before_it)
        } else if PARTIES.contains(&bare) {
            // 双方 are whoever the sentence named before (黎巴嫩和叙利亚两国外长会谈后，双方
            // 还强调; 习近平同拜登会谈时，双方表示 is the Chinese side too).
            Some(is_foreign(&s[..m.start]))
        } else {
            Some(is_foreign(speaker))
        };
    }
    frame
}

const PRONOUNS: [&str; 5] = ["他", "她", "他们", "她们", "其"];
const PARTIES: [&str; 3] = ["双方", "两国", "各方"];

/// Whether the word of saying `verb`, between `before` and `after`, names who speaks: not a
/// word that merely holds it (号称, 简称, 称为, 称霸, 据说, 说明, 小说), nor one qualifying a
/// noun (美方提出的要求, 报告强调的).
fn frames(before: &str, verb: &str, after: &str) -> bool {
    let prev = before.chars().next_back();
    let next = after.chars().next();
    let inside = match verb {
        "称" => {
            prev.is_some_and(|c| "号简名堪职俗统自爱著通对并".contains(c))
                || next.is_some_and(|c| "为赞号作之道颂谓霸职心".contains(c))
        }
        "说" => {
            prev.is_some_and(|c| "小据传学演游解听而是再".contains(c))
                || next.is_some_and(|c| "明服法话教".contains(c))
        }
        _ => false,
    };
    !inside && next != Some('的')
}

/// The speaker of a clause that ends at its word of saying: a phrase 在…时/上/中 taken out,
/// since it tells where the speaker spoke (习近平在会见美国总统时强调 is Xi speaking).
fn subject(clause: &str) -> &str {
    let clause = clause.trim_start_matches(['“', ' ', '#']);
    let Some(at) = clause.find('在') else {
        return clause;
    };
    // The subject comes before the phrase; a clause opening with it has its subject after.
    if at > 0 {
        return &clause[..at];
    }
    ["时", "上", "中", "期间", "之际", "后"]
        .iter()
        .filter_map(|w| clause.rfind(w).map(|k| k + w.len()))
        .max()
        .map_or(clause, |k| &clause[k..])
}

/// Whether `s` names the Chinese side that directs: a leader, a body, a meeting or a document
/// (习近平强调, 会议要求, 《通知》指出).
pub(super) fn names_china(s: &str) -> bool {
    s.contains(['《', '会']) || words().china.iter().any(|c| s.contains(c.as_str()))
}

/// Whether a speaker is a foreign party and not the Chinese side (中方代表, 两国元首).
fn is_foreign(speaker: &str) -> bool {
    let w = words();
    if w.china.iter().any(|c| speaker.contains(c.as_str())) {
        return false;
    }
    if w.foreign.iter().any(|f| speaker.contains(f.as_str())) {
        return true;
    }
    // 俄方, 以军, 乌总统: an abbreviation with its head, at the speaker's start or after a
    // conjunction or a date (当天，以军称; 28日美防长称), not inside a word (执法官员).
    w.abbr.iter().any(|a| {
        speaker.match_indices(a.as_str()).any(|(at, _)| {
            let prev = speaker[..at].chars().next_back();
            let starts = prev.is_none_or(|c| "、和与及同日天".contains(c) || c.is_ascii_digit());
            let rest = &speaker[at + a.len()..];
            starts && w.abbr_head.iter().any(|h| rest.starts_with(h.as_str()))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_speakers_frame_what_follows() {
        for s in [
            "俄罗斯外长拉夫罗夫28日在莫斯科表示，解决乌克兰危机首先",
            "### 法国总统马克龙称欧洲",
            "黎巴嫩和叙利亚两国外长会谈后，双方还强调",
            "当天，以军称，",
            "特朗普同时称，",
            "联合国秘书长古特雷斯呼吁各方停火，他重申，冲突各方",
        ] {
            assert_eq!(foreign_frame(s, None), Some(true), "{s}");
        }
        for s in [
            "习近平在会见美国总统时强调，双方",
            "习近平同拜登会谈时，双方一致表示，",
            "中方代表表示，以色列",
            "外交部发言人表示，美方",
            "习近平指出，秘鲁谚语说，",
            "执法官员表示，",
            "我同普京总统一致认为，",
        ] {
            assert_eq!(foreign_frame(s, None), Some(false), "{s}");
        }
        // No frame: the sentence goes on with the one before it; 他 speaks as it did.
        assert_eq!(foreign_frame("双方", None), None);
        assert_eq!(foreign_frame("他强调，", Some(true)), Some(true));
        assert_eq!(foreign_frame("该书号称，", None), None);
    }
}
