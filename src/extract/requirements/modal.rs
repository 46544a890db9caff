//! The modal words of obligation (要, 必须, 确保 …) and where they oblige: 要 inside 重要 or
//! 政要 does not, nor 确保 naming a purpose (是确保…的举措) or a deed done (确保了).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::sync::OnceLock;

/// Longest first, so 必须 wins over 要 in 必须要. A negated modal is a word of its own, so a
/// prohibition's text keeps its 不 (不要将…排放入海 read 要将…排放入海).
const MODALS: [&str; 18] = [
    "决不能",
    "绝不能",
    "决不允许",
    "绝不允许",
    "不准",
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

/// First modal of obligation in `s`: (byte offset, word). 要 counts only as a word of its own,
/// not inside 重要, 主要, 需要, 要求, 只要 …. One automaton pass, longest word first (必须要).
pub(super) fn modal(s: &str) -> Option<(usize, &'static str)> {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    let ac = AC.get_or_init(|| {
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(MODALS)
            .unwrap_or_else(|e| panic!("modal automaton: {e}"))
    });
    // The end of a clause of purpose (要发展实体经济，…): no modal inside it obliges.
    let mut purpose_end = 0;
    // Searched once: most sentences hold no title, and counting marks before every modal was
    // a search through the sentence per 要.
    let titled = s.contains('《');
    ac.find_iter(s).find_map(|m| {
        let (i, w) = (m.start(), MODALS[m.pattern().as_usize()]);
        if i < purpose_end {
            return None;
        }
        // 不要 takes the same test on its 要: 不要求 is no prohibition.
        let yao_at = match w {
            "要" => Some(i),
            "不要" => Some(i + '不'.len_utf8()),
            _ => None,
        };
        if yao_at.is_some_and(|at| !free_yao(s, at)) {
            return None;
        }
        // 不一定要: not necessarily; 要不要: whether or not; 不得不: have no choice but to.
        let prev = s[..i].chars().next_back();
        if (w == "一定要" && prev == Some('不'))
            || (w == "不要" && prev == Some('要'))
            // (不得不当限制竞争 forbids: 不当 is improperly.)
            || (w == "不得"
                && s[i + w.len()..].starts_with('不')
                && !s[i + w.len()..].starts_with("不当"))
        {
            return None;
        }
        if !obliges_here(s, i, w, titled) || qualifies_a_noun(w, &s[i + w.len()..]) {
            return None;
        }
        // 这是应该的, 难道不应该？: nothing is required to be done; 确保了, 坚持了: it was done;
        // 仍有大量工作要做: one char left is no action.
        let rest = s[i + w.len()..].trim_end_matches(['。', '；', '！', '？', '\n', ' ']);
        if rest.chars().nth(1).is_none()
            || rest.starts_with(['的', '吗', '呢', '”'])
            || (rest.starts_with('了') && !rest.starts_with("了解"))
        {
            return None;
        }
        // 是确保…的举措, 为坚持…, 提出坚持…的方针: the word names a purpose or a principle, it
        // does not oblige anyone.
        if (w == "确保" || w == "坚持")
            && (prev.is_some_and(|c| matches!(c, '是' | '为' | '的' | '以' | '所' | '在'))
                || s[..i].ends_with("提出")
                || s[..i].ends_with("明确"))
        {
            return None;
        }
        // 要发展实体经济，能源的饭碗必须端在自己手里; 要…，就要…: the first clause says what
        // for, the modal of the next one obliges.
        if w == "要" {
            let (clause, next_clause) = s[i..].split_once('，').unzip();
            if next_clause.is_some_and(|c| {
                let then = c.starts_with('就');
                let c = c.trim_start_matches('就');
                ["必须", "务必"].iter().any(|m| c.starts_with(m))
                    || (then && ["要", "一定要"].iter().any(|m| c.starts_with(m)))
                    // 能源的饭碗必须…, 志愿者们必须…: a short subject, then 必须.
                    // (Searched in its first 10 chars only: the rest of a long sentence
                    // cannot hold that short subject.)
                    || {
                        let head = c.char_indices().nth(10).map_or(c, |(k, _)| &c[..k]);
                        head.find("必须").is_some_and(|k| {
                            c[..k].chars().count() <= 8 && !c[..k].contains(['“', '坚', '三'])
                        })
                    }
            }) {
                purpose_end = i + clause.map_or(0, str::len);
                return None;
            }
        }
        // “三个务必”, 十四个坚持, 三管三必须: the modal is a numbered slogan's member word
        // (一要…二要… are markers and stay).
        // (统一一定要实现: the 一 of 统一, 唯一, 之一 ends a word, it counts nothing.)
        let lead = s[..i].strip_suffix('个').unwrap_or(&s[..i]);
        let mut back = lead.chars().rev();
        let numbered = match (back.next(), back.next()) {
            (Some('一'), Some(w)) if "统唯之第万同单逐归合专不划整".contains(w) => {
                false
            }
            (Some(n), _) => crate::numeral::is_cn_numeral_char(n),
            (None, _) => false,
        };
        if numbered && w != "要" {
            return None;
        }
        Some((i, w))
    })
}

/// Whether the modal `w` at byte `i` of `s` is one where it stands, beyond what `free_yao`
/// says of 要: not a word that merely holds it, not inside a title (`titled`: `s` holds a 《),
/// not denied, not the future.
fn obliges_here(s: &str, i: usize, w: &str, titled: bool) -> bool {
    let (before, after) = (&s[..i], &s[i + w.len()..]);
    let prev = before.chars().next_back();
    // A modal inside a title names the work (《“动态清零”可持续而且必须坚持》, 《备急千金要方》).
    if titled && before.matches('《').count() > before.matches('》').count() {
        return false;
    }
    // 不代表一定要, 并非要, 不意味着必须: denied, not required.
    if ["不代表", "不等于", "并非", "并不是", "不意味着"]
        .iter()
        .any(|d| before.ends_with(d))
    {
        return false;
    }
    match w {
        // 不得已, 不得人心, 不得了, 不得而知, 不得法 (不得法则…, not 不得法外…); 顾不得,
        // 舍不得, 恨不得, 怪不得, 巴不得: words that hold 不得, no prohibition (理由不得 and
        // 登记不得 forbid).
        "不得" => {
            let idiom = ["已", "人心", "了", "而知"]
                .iter()
                .any(|x| after.starts_with(x))
                || after
                    .strip_prefix('法')
                    .is_some_and(|a| a.is_empty() || a.starts_with(['则', '者', '，', '。', '的']));
            !idiom && !prev.is_some_and(|c| "顾舍恨怪巴".contains(c))
        }
        // 一律不准, 决不准, “不准…”: forbidden; but after a verb, not accurately (看不准,
        // 识别不准), and 不准确, 不准时.
        "不准" => {
            prev.is_none_or(|c| "律决绝均都也并".contains(c) || !crate::normalize::is_cjk(c))
                && !after.starts_with(['确', '则', '绳', '时'])
        }
        // 业务必要, 事务必需, 公务必然: a word ending in 务 before 必要/必需/必然.
        "务必" => {
            !(prev.is_some_and(|c| "业事公服财税政商任义医警防".contains(c))
                && after.starts_with(['要', '需', '然']))
        }
        // 不可避免地要, 必然要, 就要挨打, 就要到了, 要到2028年才…: what will come, not what must be done.
        "要" => {
            let fated = ["不可避免地", "必然", "势必", "注定"]
                .iter()
                .any(|f| before.ends_with(f));
            let coming =
                prev == Some('就') && (after.starts_with('挨') || after.starts_with("到了"));
            let date = after.strip_prefix('到').is_some_and(|a| {
                let head = a.char_indices().nth(8).map_or(a, |(k, _)| &a[..k]);
                a.starts_with(|c: char| c.is_ascii_digit()) && head.contains(['年', '月'])
            });
            !(fated || coming || date)
        }
        _ => true,
    }
}

/// Whether the words after the modal `w` make it qualify a noun: a verb, 的, then the noun
/// (输不起也决不能输的重大斗争, 必须遵循的原则, 要做的事情). The verb is one char after 要,
/// where two may be a verb and its object (要抓党的建设), and one or two after the others but
/// 坚持 and 确保, whose objects take 的 (坚持党的领导, 坚持严的主基调). Not 有的放矢, 真的, 目的,
/// and not a preposition's object (要把党的领导…, 要以铁的纪律…, 要有质的提升).
fn qualifies_a_noun(w: &str, after: &str) -> bool {
    if matches!(w, "坚持" | "确保") {
        return false;
    }
    let mut cs = after.char_indices();
    let at = match (cs.next(), cs.next(), cs.next()) {
        (Some(_), Some((k, '的')), _) => k,
        (Some(_), Some(_), Some((k, '的'))) if w != "要" => k,
        _ => return false,
    };
    let (verb, noun) = (&after[..at], &after[at + '的'.len_utf8()..]);
    let noun_follows = noun
        .chars()
        .next()
        .is_some_and(|c| crate::normalize::is_cjk(c) && !"，。；！？、：“”".contains(c));
    let coverb = verb
        .chars()
        .next()
        .is_some_and(|c| "把将对在从向以为让使给用同与和跟有按依据经通于当令".contains(c));
    noun_follows
        && !coverb
        && !["有", "真", "目", "是", "说", "之"]
            .iter()
            .any(|x| verb.ends_with(x))
        && verb
            .chars()
            .all(|c| crate::normalize::is_cjk(c) && !"，。；".contains(c))
}

fn free_yao(s: &str, i: usize) -> bool {
    let mut back = s[..i].chars().rev();
    let (prev, prev2) = (back.next(), back.next());
    let next = s[i + '要'.len_utf8()..].chars().next();
    // Slices rather than `str::contains`: this runs for every 要 in the text, and a string
    // search is set up anew on each call. Words: 重要 主要 需要 只要 纲要 摘要 首要 紧要 必要
    // 想要 扼要 简要 提要 概要 所要 纪要 次要 险要 显要 枢要; 将要 快要 (future), 若要 如果要
    // (conditions), 我要 (a wish) ; 要求 要点 要素 要闻 要害 要领 要件 要是 要么 要员 要务
    // 要职 要旨 要义 要项 要塞 要案 要冲 要事, 要想 (if one wants).
    const BEFORE: &[char] = &[
        '重', '主', '需', '只', '纲', '摘', '首', '紧', '必', '想', '扼', '简', '提', '概', '所',
        '纪', '次', '险', '显', '枢', '将', '快', '若', '我',
    ];
    const AFTER: &[char] = &[
        '求', '点', '素', '闻', '害', '领', '件', '是', '么', '员', '务', '职', '旨', '义', '项',
        '塞', '案', '冲', '想', '事',
    ];
    // 政要 (dignitaries) is a word unless 政 ends one: 财政要加大投入, 行政要…, 党政要…, but
    // 世界政党政要 and 匈牙利政要. 机要文件 but 机关要 (which 机 alone would not tell).
    let prev3 = back.next();
    let ends_word = prev2.is_some_and(|c| "财行执市民邮家施参议廉党".contains(c))
        && !(prev2 == Some('党') && prev3 == Some('政'));
    let dignitaries = prev == Some('政') && !ends_word;
    // 如果要 is a condition; 成果要转化, 效果要 are not.
    let condition = prev == Some('果') && prev2 == Some('如');
    let confidential =
        prev == Some('机') && next.is_some_and(|c| "文工局室秘通交部保人".contains(c));
    // 战略要地, 交通要道, 军事要地, 咽喉要道: a place that matters, named; but 要道歉,
    // 要地方… (must apologise, must the local …) oblige.
    let place = next.is_some_and(|c| "地道隘港".contains(c))
        && prev.is_some_and(|c| "略通事喉".contains(c));
    // 为什么要, 为何要, 是否要: a question; 不是要, 总是要: a denial or a truth ("will");
    // 我还要强调: the speaker's own next words.
    let asked = matches!(prev, Some('何' | '否')) || (prev == Some('么') && prev2 == Some('什'));
    let not_bidden = prev == Some('是') && matches!(prev2, Some('不' | '总'));
    let speakers_own = prev == Some('还') && prev2 == Some('我');
    // 要不要, 要不然, 要不是, 要不得; but 要不断提高 obliges.
    let after = &s[i + '要'.len_utf8()..];
    let either = ["不要", "不然", "不是", "不得"]
        .iter()
        .any(|w| after.starts_with(w));
    !prev.is_some_and(|c| BEFORE.contains(&c))
        && !next.is_some_and(|c| AFTER.contains(&c))
        && !dignitaries
        && !confidential
        && !place
        && !condition
        && !asked
        && !not_bidden
        && !speakers_own
        && !either
}
