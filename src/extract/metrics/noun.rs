//! The thing a metric counts or rates: the noun phrase around the number, read from the
//! jieba tags of its sentence (the rate's subject before it, the counted noun after the unit),
//! and the several indicators a shared rate covers. Talks to `segment` only through `Token`s.

use crate::dict::Dictionaries;
use crate::numeral;
use crate::segment::Token;

/// 覆盖率、参学率、发言率均达到100%: one rate for several indicators listed with 、 right
/// before it; each becomes its own metric.
pub(super) fn shared_indicators(text: &str, tokens: &[Token], num_start: usize) -> Vec<String> {
    let clause_start = text[..num_start]
        .rfind(['，', '。', '；', '：', '\n'])
        .map_or(0, |p| {
            p + text[p..].chars().next().map_or(1, char::len_utf8)
        });
    let clause = &text[clause_start..num_start];
    // With 分别 each indicator has its own figure (`respectively`), not this one.
    if !clause.contains('、') || clause.contains("分别") {
        return Vec::new();
    }
    // Each 、-separated part ends in an indicator; its noun run is read backward from its end.
    let mut out = Vec::new();
    let mut part_end = clause_start;
    for part in clause.split('、') {
        part_end += part.len();
        if let Some(i) = tokens
            .iter()
            .rposition(|t| t.range.end <= part_end && t.range.start >= clause_start)
        {
            let n = trim_linking_tail(&noun_run_backward(tokens, i)).to_owned();
            if n.ends_with('率') || n.ends_with("比重") || n.ends_with("比例") {
                out.push(n);
            }
        }
        part_end += '、'.len_utf8();
    }
    // Two indicators read alike (贷款平均利率、住房贷款平均利率 → 利率, 利率) when their names
    // run past what a noun may hold; a list that names nothing apart says nothing.
    let distinct = out.iter().enumerate().all(|(i, n)| !out[..i].contains(n));
    if out.len() == clause.split('、').count() && distinct {
        out
    } else {
        Vec::new()
    }
}

/// The counted noun: for a rate, the noun phrase before the number; otherwise the noun run
/// right after the unit (or the head noun after a 的 in the same clause), else the one before.
pub(super) fn noun_for(
    text: &str,
    tokens: &[Token],
    num_start: usize,
    end: usize,
    rate: bool,
) -> String {
    // A word jieba glued across the start keeps its part before it where that part ends a noun
    // (治理率达93%: 率达 → 率, 全长约 → 全长); otherwise (已达, 未达, 从不到, 接近) it is left out.
    let trimmed: Vec<Token>;
    let tokens = match tokens.iter().position(|t| {
        t.range.start < num_start && num_start < t.range.end && {
            let part = &text[t.range.start..num_start];
            // 长达, 深达 are verbs of size: their 长 alone names nothing (全长 does).
            part.ends_with(NOUN_ENDS)
                && (part.chars().nth(1).is_some() || !part.ends_with(['长', '深', '宽']))
        }
    }) {
        Some(i) => {
            trimmed = tokens
                .iter()
                .enumerate()
                .map(|(k, t)| match k == i {
                    true => Token {
                        word: &text[t.range.start..num_start],
                        tag: t.tag,
                        range: t.range.start..num_start,
                    },
                    false => t.clone(),
                })
                .collect();
            &trimmed[..]
        }
        None => tokens,
    };
    let mut after_idx = tokens.iter().position(|t| t.range.start >= end);
    let before_idx = tokens.iter().rposition(|t| t.range.end <= num_start);
    // 12280亿元人民币，…: a currency right after the figure is part of the amount; what is
    // counted follows it (100亿元人民币央行票据) or stands before the figure.
    if let Some(i) = after_idx.filter(|&i| tokens[i].range.start == end && is_currency(&tokens[i]))
    {
        after_idx = Some(i + 1).filter(|&k| k < tokens.len());
    }
    // 在两小时内, 三个月以内: a window of time or distance, not a count of something; but
    // 15条内容, 5位内阁副总理: 内 opens the counted word.
    if !rate
        && after_idx
            .filter(|&i| tokens[i].range.start == end)
            .is_some_and(|i| matches!(tokens[i].word, "内" | "以内" | "之内"))
    {
        return String::new();
    }
    if !rate {
        if let Some(i) = after_idx {
            let clause_end = text[end..]
                .find(['，', '。', '；', '：', '\n'])
                .map(|k| end + k)
                .unwrap_or(text.len());
            let direct = noun_run_forward(tokens, i, clause_end);
            // 25名政治过硬、……的同志: when what follows the count is a modifier (an adjective
            // predicate, or nothing nominal), the head noun stands after the clause's last 的.
            let next_tag = tokens
                .iter()
                .find(|t| t.range.start >= tokens[i].range.start + direct.len())
                .map(|t| t.tag)
                .unwrap_or("");
            if direct.is_empty() || next_tag.starts_with('a') {
                // Not across another figure (7个大项15个分项91个小项的比赛, 载有64人的客机与载有
                // 3名…): the 的 after it closes that figure's phrase.
                let own = text[end..clause_end]
                    .find(|c: char| c.is_ascii_digit())
                    .map_or(clause_end, |k| end + k);
                if let Some(de) = text[end..own].rfind('的') {
                    let j = tokens
                        .iter()
                        .position(|t| t.range.start > end + de)
                        .unwrap_or(tokens.len());
                    let n = noun_run_forward(tokens, j, clause_end);
                    if !n.is_empty() && text[end..end + de].chars().count() <= 30 {
                        return n;
                    }
                }
            }
            if !direct.is_empty() {
                return direct;
            }
        }
    }
    // 处新台币三万元以上三十万元以下罚锾, 得并科十五万元以下罚金: the amount of a fine is the
    // fine's, whatever verb or currency stands before it.
    if !rate && text[num_start..end].contains('元') {
        if let Some(fine) = fine_after(&text[end..]) {
            return fine.to_owned();
        }
    }
    let before = before_idx
        .map(|i| noun_run_backward(tokens, i))
        .unwrap_or_default();
    // 致伊朗近2400人死亡, 加沙地带34人: a place before a count of people is where they are,
    // not what is counted.
    let people = text[num_start..end].ends_with(['人', '名']) || text[..end].ends_with("人次");
    let place_only = || {
        before_idx
            .and_then(|i| tokens_spelling(&tokens[..=i], &before))
            .is_some_and(|ts| ts.iter().all(|t| t.tag == "ns"))
    };
    // 香港市民, 嘉宾: people, whatever tag the segmenter gave them.
    let names_people = before.ends_with(['民', '宾', '员', '者', '人']);
    let before = if people && !rate && !names_people && place_only() {
        String::new()
    } else {
        before
    };
    // 居住着51%的贫困人口: a share of what follows 的.
    if rate && before.is_empty() && text[end..].starts_with('的') {
        let clause_end = text[end..]
            .find(['，', '。', '；', '：', '\n'])
            .map_or(text.len(), |k| end + k);
        if let Some(i) = tokens.iter().position(|t| t.range.start > end) {
            return noun_run_forward(tokens, i, clause_end);
        }
    }
    before
}

/// Whether the token is a currency (`dictionaries/currencies.txt`), part of an amount beside it.
pub(super) fn is_currency(t: &Token) -> bool {
    Dictionaries::get().currencies.contains(t.word)
}

/// Whether a currency stands right before byte `start` or right after byte `end` of `text`: an
/// amount of money, a fact even where nothing names what it pays for (驻外者，美金一千元).
pub(super) fn currency_beside(text: &str, start: usize, end: usize) -> bool {
    let currencies = &Dictionaries::get().currencies;
    currencies
        .iter()
        .any(|c| text[..start].ends_with(c.as_str()) || text[end..].starts_with(c.as_str()))
}

/// The fine an amount right before `rest` is the amount of: 以下罚金, and across the other end
/// of a range (以上三十万元以下罚锾, 至五万元之罚款).
fn fine_after(rest: &str) -> Option<&'static str> {
    let bound = |r: &str| -> usize {
        ["以上", "以下"]
            .iter()
            .find(|b| r.starts_with(*b))
            .map_or(0, |b| b.len())
    };
    let mut r = &rest[bound(rest)..];
    let other = r.trim_start_matches(['至', '到', '或', '、']);
    let digits = other.trim_start_matches(|c: char| {
        c.is_ascii_digit() || matches!(c, '.' | ',') || numeral::is_cn_numeral_char(c)
    });
    if digits.len() < other.len() {
        if let Some(after) = digits.strip_prefix('元') {
            r = &after[bound(after)..];
        }
    }
    let r = r.strip_prefix('之').unwrap_or(r);
    ["罚金", "罚锾", "罚款"]
        .into_iter()
        .find(|f| r.starts_with(f))
}

/// The run of tokens, ending at or before the last of `tokens`, whose words make `s`: the
/// tokens a backward noun was read from (linking words after it skipped).
fn tokens_spelling<'t>(tokens: &'t [Token<'t>], s: &str) -> Option<&'t [Token<'t>]> {
    if s.is_empty() {
        return None;
    }
    // The noun ends within a few linking words of the figure.
    (0..tokens.len()).rev().take(8).find_map(|last| {
        let mut len = 0;
        let mut first = last + 1;
        while first > 0 && len < s.len() {
            first -= 1;
            len += tokens[first].word.len();
        }
        let run = &tokens[first..=last];
        (len == s.len() && run.iter().map(|t| t.word).collect::<String>() == s).then_some(run)
    })
}

/// What stands between the figure a change starts from and the one it reaches
/// (从7248亿元提高到8865亿元).
pub(super) const CHANGED_TO: [&str; 40] = [
    "增至",
    "增长至",
    "减至",
    "减少至",
    "升至",
    "升到",
    "延长到",
    "延长至",
    "压缩到",
    "压缩至",
    "跃升至",
    "跃升到",
    "攀升至",
    "攀升到",
    "上调至",
    "上调到",
    "下调至",
    "下调到",
    "缩短到",
    "缩短至",
    "缩小到",
    "缩小至",
    "降低到",
    "降低至",
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "增加到",
    "增加至",
    "增长到",
    "扩大到",
    "扩大至",
    "上升到",
    "上升至",
    "下降到",
    "下降至",
    "减少到",
    "降至",
    "降到",
];

/// 国内生产总值从54万亿元增长到114万亿元: the figure a change starts from counts the noun
/// before 从/由, when its clause goes on to say where the change arrives (增长到, 提高至 …).
/// Elsewhere 从/由 open an adverbial (由三十多名“00后”年轻人建成) and the noun before them
/// counts nothing.
pub(super) fn change_origin_noun(
    text: &str,
    tokens: &[Token],
    start: usize,
    end: usize,
) -> Option<String> {
    let before = text[..start]
        .strip_suffix('从')
        .or_else(|| text[..start].strip_suffix('由'))?;
    let clause_end = text[end..]
        .find(['，', '。', '；', '：', '\n'])
        .map_or(text.len(), |k| end + k);
    let rest = &text[end..clause_end];
    if !CHANGED_TO.iter().any(|w| rest.contains(w)) {
        return None;
    }
    let i = tokens.iter().rposition(|t| t.range.end <= before.len())?;
    let noun = noun_run_backward(tokens, i);
    let noun = trim_linking_tail(&noun);
    (!noun.is_empty()).then(|| noun.to_owned())
}

/// 增速比全部投资高5.6个百分点: a difference in points rates the noun before 比, in its own
/// clause; what follows 比 is the base, never the noun.
pub(super) fn compared_noun(text: &str, tokens: &[Token], start: usize) -> Option<String> {
    let clause = text[..start]
        .rfind(['，', '。', '；', '：', '\n'])
        .map_or(0, |p| {
            p + text[p..].chars().next().map_or(1, char::len_utf8)
        });
    let at = clause + text[clause..start].rfind('比')?;
    // 比 on its own, not the end of 占比 (民间投资占比提高2.2个百分点, however jieba cuts it).
    let alone = tokens.iter().any(|t| t.range.start == at && t.word == "比");
    if !alone || text[..at].ends_with('占') {
        return None;
    }
    noun_ending_at(tokens, at)
}

/// The noun run of whole words that ends right at byte `at`, linking words trimmed, where it
/// is a noun of at most 6 chars.
fn noun_ending_at(tokens: &[Token], at: usize) -> Option<String> {
    let i = tokens.iter().rposition(|t| t.range.end <= at)?;
    if tokens[i].range.end != at {
        return None;
    }
    let noun = noun_run_backward(tokens, i);
    let noun = trim_linking_tail(&noun);
    (!noun.is_empty() && noun.chars().count() <= 6).then(|| noun.to_owned())
}

/// 总票房（含预售）突破60亿元: a short aside in brackets between the noun and its figure does
/// not part them. A bracketed numeral (（5）942人) is a list marker, not an aside.
pub(super) fn noun_before_aside(text: &str, tokens: &[Token], start: usize) -> Option<String> {
    let before = text[..start].strip_suffix('）')?;
    let open = before.rfind('（')?;
    let aside = &before[open + '（'.len_utf8()..];
    if aside.is_empty()
        || aside.chars().count() > 10
        || aside.contains(['（', '，', '。'])
        || aside
            .chars()
            .all(|c| c.is_ascii_digit() || numeral::is_cn_numeral_char(c))
    {
        return None;
    }
    noun_ending_at(tokens, open)
}

/// Words that sit in a noun run but do not name what is counted (3226名党员全部…).
const NOUN_STOP: [&str; 21] = [
    "全部", "全体", "所有", "其中", "以上", "以下", "左右", "平均", "除", "内", "以内", "之内",
    "外", "处", "前", "后", "致", "另有", "享年", "仅剩", "剩",
];

/// Chars that end a noun naming a quantity (参保率, 签约额, 进出口值, 全长, 数据集).
const NOUN_ENDS: [char; 11] = [
    '率', '额', '值', '量', '数', '长', '深', '宽', '集', '价', '度',
];

/// Words between a noun and its number (满意率达到99.4%, 督导组共15个, 发言率均达到100%).
pub(super) const LINKING: [&str; 81] = [
    "还有",
    // 稳定在, 控制在: jieba cuts them in two.
    "稳定",
    "控制",
    "在",
    "年均",
    "提升",
    "达到",
    "达",
    "为",
    "是",
    "有",
    "共",
    "共有",
    "超过",
    "占",
    "均",
    "都",
    "累计",
    "总计",
    "合计",
    "共计",
    "了",
    "约",
    "分别",
    "增长",
    "下降",
    "提高",
    "降低",
    "减少",
    "增加",
    "上涨",
    "保持",
    "继续",
    "突破",
    "实现",
    "新增",
    "完成",
    "同比",
    "环比",
    "比上年",
    "较上年",
    "逾",
    "近",
    "将近",
    "同比增长",
    "同比下降",
    "环比增长",
    "环比下降",
    // Verbs and adverbs of a forecast, a trend or a bound (收入预计达到…, 运营线路目前达74条,
    // 满意度不低于80%), which the noun came out as.
    "预计",
    "上升",
    "加快",
    "放缓",
    "回落",
    "回升",
    "收窄",
    "缩短",
    "延长",
    "净增",
    "已",
    "目前",
    "现在",
    "将",
    "还",
    "仍",
    "有望",
    "接近",
    "低于",
    "高于",
    "不低于",
    "不少于",
    // 不低于 is cut 不 / 低于, 不少于 不少 / 于 (see `is_linking`).
    "不",
    "不少",
    // 学习时间平均达到40小时.
    "平均",
    "不得",
    "未满",
    "超",
    "至少",
    // 损失率降至1.5%以内, 同比微降0.2%: 降 as a word of its own (not 起降, 压降).
    "降",
    "微降",
    // 价格约合人民币210元: a conversion states the same quantity.
    "约合",
    "折合",
];

/// Words after which a noun is what a figure is compared with, not what it rates.
const COMPARED_TO: [&str; 4] = ["高于", "低于", "快于", "慢于"];

/// Whether the token at `i` links a noun to the number after it. 于 does only as the tail of
/// 不少于 (cut 不少 / 于): elsewhere it opens a time or place (应于三个月内), and the word
/// before it is no noun.
fn is_linking(tokens: &[Token], i: usize) -> bool {
    match tokens[i].word {
        "于" => i > 0 && tokens[i - 1].word == "不少",
        w => LINKING.contains(&w),
    }
}

/// Segmentation glues 达/超/升至 onto the noun before a number (治理率达93%, 产值超千亿元):
/// cut them off, and drop what is left if it is only such a word.
pub(super) fn trim_linking_tail(noun: &str) -> &str {
    // Change verbs end a noun glued to them (股价下跌30%, 面积扩大到156万平方米, 票房首破),
    // with the words that qualify the change (同比, 一度): whole words only, as 压减 or 汇率跌
    // would be cut wrong by chars.
    const TAILS: [&str; 32] = [
        "同比",
        "环比",
        "年均",
        "一度",
        "扩大",
        "缩减",
        "萎缩",
        "下跌",
        "暴跌",
        "大跌",
        "跌破",
        "首破",
        "飙升",
        "跃升",
        "攀升",
        "可能",
        "达到",
        "下降到",
        "下降至",
        "降低到",
        "降低至",
        "降到",
        "降至",
        "升至",
        "增至",
        "提高到",
        "超过",
        "达",
        "超",
        "至",
        "到",
        "为",
    ];
    let mut n = noun;
    while let Some(t) = TAILS.iter().find(|t| n.ends_with(*t)) {
        n = &n[..n.len() - t.len()];
    }
    n
}

/// The noun phrase starting at token `from`: nouns, and verbs that lead into a noun
/// (就业岗位, 回填试点), at most 6 chars, ending on a noun.
pub(super) fn noun_run_forward(tokens: &[Token], from: usize, limit: usize) -> String {
    // 10个“二线口岸”: a quoted name is what is counted.
    let from = from + usize::from(tokens.get(from).is_some_and(|t| t.word == "“"));
    let mut parts: Vec<&Token> = Vec::new();
    let mut n = 0;
    let after_time_or_de = from
        .checked_sub(1)
        .and_then(|k| tokens.get(k))
        .is_some_and(|u| {
            u.word == "的"
                || u.word
                    .ends_with(['年', '时', '天', '月', '钟', '周', '秒', '岁', '日'])
        });
    for t in tokens
        .iter()
        .skip(from)
        .take_while(|t| t.range.end <= limit)
    {
        // A verb in a compound (投资促进活动, 科技创新基金) continues the run; after a noun,
        // a clause verb (儿童成为孤儿, 税率缴纳契税) starts what is said about it.
        let opens_clause = || {
            parts.iter().any(|p| !p.tag.starts_with('v'))
                && Dictionaries::get().clause_verbs.contains(t.word)
        };
        if opens_clause() {
            break;
        }
        let verb_lead = t.tag.starts_with('v') && t.word.chars().count() == 2;
        // 19项重要成果, 40座繁忙机场: an adjective may lead the phrase, right after the unit;
        // not after a span of time or an age (创近10年最好水平, 82岁老院士), where it says what
        // the time was like, nor after a 的 (4个多小时的紧张救援).
        let adjective_lead = parts.is_empty()
            && (t.tag == "a" || t.tag == "b")
            && t.word.chars().count() <= 2
            && !after_time_or_de;
        if !(t.is_nounish() || verb_lead || adjective_lead)
            || NOUN_STOP.contains(&t.word)
            || n + t.word.chars().count() > 6
        {
            break;
        }
        n += t.word.chars().count();
        parts.push(t);
    }
    while parts.last().is_some_and(|t| !t.is_nounish()) {
        parts.pop();
    }
    parts.iter().map(|t| t.word).collect()
}

pub(super) fn noun_run_backward(tokens: &[Token], from: usize) -> String {
    let mut i = from as isize;
    // Past 不少于 or 平均 a bare verb is the action bounded (培育不少于100家, 意味着平均约两天),
    // not what is counted: the run must hold a noun.
    let mut bounded = false;
    // 财产总额不低于新台币一千万元: a currency right before the figure is part of the amount,
    // and what it pays for stands before it; a verb alone there (科, 处, 约合) names nothing.
    let mut paid = false;
    loop {
        while i >= 0 && is_linking(tokens, i as usize) {
            bounded |= matches!(tokens[i as usize].word, "不少" | "平均");
            i -= 1;
        }
        if paid || i < 0 || !is_currency(&tokens[i as usize]) {
            break;
        }
        paid = true;
        i -= 1;
    }
    // 成交额2030年达到600亿元, 依存度由2006年的67%: a year stands between the noun and its
    // figure, perhaps after the 由/从 of a change.
    let year_at = |k: isize| {
        k >= 1
            && tokens[k as usize].word == "年"
            && tokens[k as usize - 1].word.len() == 4
            && tokens[k as usize - 1]
                .word
                .bytes()
                .all(|b| b.is_ascii_digit())
    };
    let k = i - isize::from(i >= 0 && tokens[i as usize].word == "的");
    if year_at(k) {
        i = k - 2;
        // …规模较2020年增长5倍: the year is the base of a comparison; 跃升到2019年的1.27万亿元:
        // the figure a change arrives at, whose noun is the one it started from, not the verb.
        match tokens.get(i.max(0) as usize).map(|t| t.word) {
            Some("由" | "从" | "比" | "较" | "相比" | "与") if i >= 0 => i -= 1,
            Some("到" | "至") if i >= 0 => return String::new(),
            _ => {}
        }
        while i >= 0 && is_linking(tokens, i as usize) {
            i -= 1;
        }
    }
    // 推出58条务实举措, 哈尔克岛发生了15次爆炸: a clause verb right before the number takes
    // it as its object; what stands before the verb is its subject, not what is counted.
    if i >= 0
        && Dictionaries::get()
            .clause_verbs
            .contains(tokens[i as usize].word)
    {
        return String::new();
    }
    // 出口较去年同期增长40.2%, 增加值比上年增长5.2%: what stands after 比/较 is the base of the
    // comparison; what is rated comes before it.
    let mut j = i;
    while j >= 0 && i - j < 3 && {
        let t = &tokens[j as usize];
        !matches!(t.word, "比" | "较") && (t.is_nounish() || t.tag.starts_with('t'))
    } {
        j -= 1;
    }
    if j >= 0 && matches!(tokens[j as usize].word, "比" | "较") {
        i = j - 1;
    }
    // 打造“产业大脑”130个, 专精特新“小巨人”450家: a quoted name is what is counted, whole.
    if i >= 0 && tokens[i as usize].word == "”" {
        // Not right before a Chinese numeral: “继续”二字 names two chars, “澳车北上”两年 a time.
        let numeral_next = tokens
            .get(i as usize + 1)
            .is_some_and(|t| t.word.starts_with(crate::numeral::is_cn_numeral_char));
        let open = tokens[..i as usize]
            .iter()
            .rposition(|t| t.word == "“")
            .filter(|_| !numeral_next);
        if let Some(o) = open.filter(|&o| i as usize - o >= 2) {
            let name: String = tokens[o + 1..i as usize].iter().map(|t| t.word).collect();
            // Not a plan named by its number (“十四五”目标): that names a period, not a thing.
            let plan = name.chars().all(crate::numeral::is_cn_numeral_char);
            if (2..=6).contains(&name.chars().count()) && !plan && !name.contains(' ') {
                return name;
            }
        }
        i -= 1;
    }
    let mut parts: Vec<&str> = Vec::new();
    let mut n = 0;
    let mut has_noun = false;
    while i >= 0 {
        let t = &tokens[i as usize];
        let w = t.word;
        // A two-char verb right before the number often names the thing (发表报道80余篇).
        // A verb inside a noun compound (可支配收入) or right before the number (报道80余篇).
        let verbal_noun = t.tag.starts_with('v') && w.chars().count() <= 3 && !LINKING.contains(&w);
        // Before a currency, a verb is the paying (每页征收新台币二元, 约合人民币210元): it names
        // nothing, and past a noun it opens that noun's clause.
        if paid && t.tag.starts_with('v') {
            if has_noun {
                break;
            }
            i -= 1;
            continue;
        }
        if !(t.is_nounish() || verbal_noun) || NOUN_STOP.contains(&w) || n + w.chars().count() > 6 {
            break;
        }
        // 政策惠及儿童13万名: before the noun, a clause verb ends what names it (but 建成率,
        // 覆盖率: not before a one-char head).
        if parts.iter().any(|p| p.chars().count() > 1)
            && Dictionaries::get().clause_verbs.contains(w)
        {
            break;
        }
        n += w.chars().count();
        // A verbal noun (培育/vn) is no noun here.
        has_noun |= t.tag.starts_with('n') || matches!(t.tag, "j" | "l");
        parts.push(w);
        i -= 1;
    }
    // 高于全国平均0.3个百分点: a difference in points after 高于/低于 is measured from the
    // noun, the base of the comparison (but 低于底价百分之八十 is a share of it).
    let points = tokens
        .iter()
        .skip(from + 1)
        .take(3)
        .any(|t| t.word.contains("百分点"));
    let base = points && i >= 0 && COMPARED_TO.contains(&tokens[i as usize].word);
    if base || ((bounded || paid) && !has_noun) {
        return String::new();
    }
    parts.reverse();
    // A verb opening the run governs the noun rather than naming it (派出督导组, 发表报道).
    let verb = |w: &str| tokens.iter().any(|t| t.word == w && t.tag.starts_with('v'));
    // Not where only a one-char head would be left (参保率, not 率).
    while parts.len() > 1 && verb(parts[0]) && !(parts.len() == 2 && parts[1].chars().count() == 1)
    {
        parts.remove(0);
    }
    parts.concat()
}
