//! Metrics: numbers that report facts (25名同志, 99.4%, 80余篇报道, 近400个工作组, 13-14个单位),
//! with value, range maximum, unit, approximation flag and the noun they count.
//!
//! `search` finds the numbers with their units; this module judges them and talks to `segment`
//! for the tags its `noun` module reads.

mod bare;
mod noun;
mod respective;
mod search;

use crate::dict::Dictionaries;
use crate::numeral;
use crate::segment::{Segmenter, Token};
use noun::{
    change_origin_noun, compared_noun, currency_beside, noun_before_aside, noun_for,
    shared_indicators, trim_linking_tail, CHANGED_TO, LINKING,
};
use regex::Regex;
use respective::{respective_changes, respectively};
use serde::Serialize;
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    /// The quantity as written.
    pub text: String,
    pub value: f64,
    /// Upper end of a range (13-14 → value 13, max 14).
    pub max: Option<f64>,
    pub unit: String,
    /// The thing counted or rated, as the text names it nearest the number ("" when none).
    pub noun: String,
    /// 余/多/近/约/左右/以上 … make the number approximate.
    pub approx: bool,
    /// The indicators a rate is shared by, in text order, where several listed with 、 take
    /// one figure (覆盖率、参学率、发言率均达到100%); empty otherwise. `noun` is the last.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<String>,
    #[serde(skip)]
    pub range: Range<usize>,
}

fn fraction_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?P<pre>近|约|超过|不到)?(?P<den>[一二三四五六七八九十百千\d]+)分之(?P<num>[一二三四五六七八九十百\d]+(?:点[零〇一二三四五六七八九]+)?)")
            .unwrap_or_else(|e| panic!("fraction pattern: {e}"))
    })
}

/// What a magnitude word multiplies by (万, 亿, 万亿); 1 for anything else.
fn magnitude(word: &str) -> f64 {
    match word {
        "万" => 1e4,
        "万亿" => 1e12,
        "亿" => 1e8,
        _ => 1.0,
    }
}

/// Whether a char right before a number makes the number part of a longer token: an ordinal
/// (第3), a version or a code (v1.2, A3), a decimal's other half, a dimension (3×4).
fn continues_token(c: char) -> bool {
    c == '第' || c == '.' || c.is_ascii_alphanumeric() || c == '×'
}

/// An Arabic number, its thousands separators dropped.
fn arabic(s: &str) -> Option<f64> {
    numeral::parse_decimal(&s.replace([',', ' '], ""))
}

fn int_of(s: &str) -> Option<f64> {
    numeral::parse_int(s).map(|v| v as f64)
}

/// 三分之二 → 0.666667, the noun before it (占全国的三分之二 → 全国).
fn fractions(text: &str, exclude: &Excluded, out: &mut Vec<Metric>) {
    for c in fraction_pattern().captures_iter(text) {
        let (Some(all), Some(den), Some(num)) = (c.get(0), c.name("den"), c.name("num")) else {
            continue;
        };
        if exclude.overlaps(&all.range()) {
            continue;
        }
        // 百分之十二点五: decimals only in a percentage, where the text reads them out.
        let n = match num.as_str().contains('点') {
            true if den.as_str() == "百" => numeral::parse_cn_decimal(num.as_str()),
            true => None,
            false => int_of(num.as_str()),
        };
        let (Some(d), Some(n)) = (int_of(den.as_str()), n) else {
            continue;
        };
        if d == 0.0 || n > d {
            continue;
        }
        let win = window(text, all.start(), all.end());
        let tokens = tag_window(text, &win);
        let noun =
            trim_linking_tail(&noun_for(text, &tokens, den.start(), all.end(), true)).to_owned();
        // 百分之六十 is a percentage written out: 60%, not the fraction 0.6.
        let percent = d == 100.0;
        out.push(Metric {
            text: all.as_str().to_owned(),
            value: if percent { n } else { round(n / d) },
            max: None,
            unit: if percent { "%".into() } else { String::new() },
            noun,
            approx: c.name("pre").is_some(),
            indicators: Vec::new(),
            range: all.range(),
        });
    }
}

/// 1/4, 近3/4, 约1/6: a fraction written with a slash, the noun before it as for 三分之二.
/// Not a date, a number or a name (2024/1/5, 第4/3号决定, 1/4决赛, 气象星座01/02).
fn slash_fractions(text: &str, exclude: &Excluded, out: &mut Vec<Metric>) {
    const APPROX: [&str; 5] = ["超过", "不到", "近", "约", "超"];
    let bytes = text.as_bytes();
    for slash in memchr::memchr_iter(b'/', bytes) {
        let num_start = text[..slash]
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .len();
        let den_end = slash
            + 1
            + text[slash + 1..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
        let (num, den) = (&text[num_start..slash], &text[slash + 1..den_end]);
        // 01/02: a designation (气象星座01/02), not a fraction.
        if num.is_empty()
            || den.is_empty()
            || num.len() > 2
            || den.len() > 2
            || num.starts_with('0')
            || den.starts_with('0')
        {
            continue;
        }
        let before = text[..num_start].chars().next_back();
        let after = text[den_end..].chars().next();
        if before.is_some_and(|c| c == '/' || c == '.' || c == '第' || c.is_ascii_alphanumeric())
            || after.is_some_and(|c| {
                matches!(c, '/' | '.' | '号' | '决' | '-') || c.is_ascii_alphanumeric()
            })
        {
            continue;
        }
        let (Ok(n), Ok(d)) = (num.parse::<f64>(), den.parse::<f64>()) else {
            continue;
        };
        if d < 2.0 || n < 1.0 || n >= d {
            continue;
        }
        let pre = APPROX.iter().find(|w| text[..num_start].ends_with(**w));
        let start = num_start - pre.map_or(0, |w| w.len());
        let range = start..den_end;
        if exclude.overlaps(&range) {
            continue;
        }
        let win = window(text, start, den_end);
        let tokens = tag_window(text, &win);
        let noun = trim_linking_tail(&noun_for(text, &tokens, start, den_end, true)).to_owned();
        out.push(Metric {
            text: text[range.clone()].to_owned(),
            value: round(n / d),
            max: None,
            unit: String::new(),
            noun,
            approx: pre.is_some(),
            indicators: Vec::new(),
            range,
        });
    }
}

/// Byte ranges no metric may overlap, sorted by start with the running maximum of their ends,
/// so a test is a binary search: a long document excludes thousands of outline markers and
/// slogans, and has tens of thousands of numbers.
struct Excluded {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Excluded {
    fn new(ranges: &[Range<usize>]) -> Self {
        let mut sorted = ranges.to_vec();
        sorted.sort_unstable_by_key(|r| r.start);
        let max_end = sorted
            .iter()
            .scan(0, |m, r| {
                *m = r.end.max(*m);
                Some(*m)
            })
            .collect();
        Excluded {
            starts: sorted.iter().map(|r| r.start).collect(),
            max_end,
        }
    }

    /// Whether some excluded range `r` has `r.start < q.end && q.start < r.end`.
    fn overlaps(&self, q: &Range<usize>) -> bool {
        let n = self.starts.partition_point(|&s| s < q.end);
        n > 0 && self.max_end[n - 1] > q.start
    }
}

fn tag_window<'a>(text: &'a str, win: &Range<usize>) -> Vec<Token<'a>> {
    let mut tokens = Segmenter::global().tag(&text[win.clone()]);
    for t in &mut tokens {
        t.range = t.range.start + win.start..t.range.end + win.start;
    }
    tokens
}

/// Find metrics in `text`, skipping the byte ranges in `exclude` (list announcements, slogans).
pub fn metrics(text: &str, exclude: &[Range<usize>]) -> Vec<Metric> {
    let exclude = Excluded::new(exclude);
    let mut fracs = Vec::new();
    fractions(text, &exclude, &mut fracs);
    slash_fractions(text, &exclude, &mut fracs);
    // Counts and rates apart from fractions: a change rate links only to the count before it.
    let mut out: Vec<Metric> = Vec::new();
    // Numbers cluster in a sentence (增长4.3%、5.7%, 建成…5万套、…2万户): tag each sentence once.
    let mut cached: (Range<usize>, Vec<Token>) = (0..0, Vec::new());
    // The end of a range's upper figure, which is no metric of its own (六人至八人).
    let mut taken = 0;
    for caps in search::matches(text) {
        let (all, Some(unit)) = (caps.all(), caps.name("unit")) else {
            continue;
        };
        if all.start() < taken {
            continue;
        }
        let Some(num) = caps.name("num").or_else(|| caps.name("cn")) else {
            continue;
        };
        // 附近59个村镇: the 近 of 附近 (nearby) is no approximator.
        let pre = caps
            .name("pre")
            .filter(|p| !(p.as_str() == "近" && text[..p.start()].ends_with('附')));
        let all = match (caps.name("pre"), pre) {
            (Some(p), None) => search::starting_at(text, all, p.end()),
            _ => all,
        };
        let chinese = caps.name("cn").is_some();
        let (num, all) = if chinese {
            search::with_leading_one(text, num, all)
        } else {
            (num, all)
        };
        // The figure the number says, before a range's lower figure widens the match.
        let upper = num;
        // 六至八人: a range in Chinese numerals, its unit said once.
        let (num, all, cn_min) = match chinese
            .then(|| search::with_range_start(text, num, all))
            .flatten()
        {
            Some((num, all, low)) => (num, all, Some(low as f64)),
            None => (num, all, None),
        };
        // 书记六人至八人: a range in Chinese numerals, its unit said twice.
        let cn_max = if chinese && cn_min.is_none() {
            chinese_range_end(text, all.end(), unit.as_str())
        } else {
            None
        };
        let all = match cn_max {
            Some((_, end)) => {
                taken = end;
                search::extend_to(text, all, end)
            }
            None => all,
        };
        // 12个月, 8个小时, 两个多月: 个 counts a duration, whose unit is what it counts.
        let duration = (unit.as_str() == "个")
            .then(|| duration_after(text, unit.end()))
            .flatten();
        let (all, unit_s) = match duration {
            Some((u, end)) => (search::extend_to(text, all, end), u),
            None => (all, unit.as_str()),
        };
        if exclude.overlaps(&all.range()) {
            continue;
        }
        let before = text[..num.start()].chars().next_back();
        if before.is_some_and(continues_token) {
            continue;
        }
        // 每万人口, 每百户, 每10万人: the base a rate is per, not a count; so is the 万元 of
        // 万元GDP能耗 and 万元工业增加值用水量.
        const OUTPUTS: [&str; 4] = ["GDP", "生产总值", "地区生产总值", "工业增加值"];
        if before == Some('每')
            || (upper.as_str() == "万"
                && unit_s == "元"
                && OUTPUTS.iter().any(|w| text[all.end()..].starts_with(w)))
        {
            continue;
        }
        // 第一百三十九条: an ordinal whose 一 the numeral pattern leaves out.
        if chinese
            && text[..num.start()]
                .trim_end_matches(numeral::is_cn_numeral_char)
                .ends_with('第')
        {
            continue;
        }
        // 几十个, 数百名: vague amounts.
        if chinese
            && before.is_some_and(|c| {
                c == '几' || (c == '数' && num.as_str().starts_with(['十', '百', '千', '万']))
            })
        {
            continue;
        }
        let after = text[all.end()..].trim_start_matches(' ').chars().next();
        // 硝烟四起, 谣言四起: 起 ending a clause is the verb (to rise), not a count of cases.
        if chinese && unit_s == "起" && after.is_none_or(|c| "。，；、！？”".contains(c)) {
            continue;
        }
        // 民国八十五年 counts years from 1912: a date, however it is written; so is a year of the
        // era with its month (自七十六年七月十四日, 本办法一百零一年十二月二十八日修正).
        let roc_year = unit_s == "年"
            && (text[..num.start()].trim_end_matches(' ').ends_with("民国")
                || (chinese && opens_with_month(&text[all.end()..])));
        if roc_year
            || (unit_s == "年" && names_a_period(text, &num, &all))
            || is_date_or_time(upper.as_str(), unit_s, after)
            || is_period_or_reference(text, unit_s, &all)
            || is_window(text, unit_s, &all)
            || is_span_attribute(text, unit_s, &all)
            || is_session(text, unit_s, &all)
        {
            continue;
        }
        let mult = caps.name("mag").map_or(1.0, |m| magnitude(m.as_str()));
        let parsed = if chinese {
            numeral::parse_int(upper.as_str()).map(|v| v as f64)
        } else {
            arabic(num.as_str())
        };
        let Some(mut value) = parsed.map(|v| round(v * mult)) else {
            continue;
        };
        // Chinese numerals count concrete things only from 2 up (一 is an article: 一件大事);
        // 十六届 is an ordinal, 两级/三种/四类 are levels and kinds, not quantities, 两度 is twice.
        if chinese
            && (value < 2.0 || matches!(unit.as_str(), "届" | "级" | "种" | "类" | "期" | "度"))
        {
            continue;
        }
        // The cheap checks above come first: most numbers (dates, 一 as an article) never
        // need tags. Tag only the sentence around the number: POS tagging the whole document costs more
        // than all other extraction together, and the noun is always near.
        let win = window(text, all.start(), all.end());
        if cached.0 != win {
            cached = (win.clone(), tag_window(text, &win));
        }
        let tokens = &cached.1;
        // 两部分, 三名单: the unit char starts a longer word, so it is no unit here; a word of
        // the dictionary, not one jieba's HMM made up of the unit and what follows (31个省,
        // 46个州, 53人失联 came out 个省, 个州, 人失联). 红十字,
        // 千家万户, 前三位, 五年规划: a Chinese numeral inside a longer word is no count, unless what
        // precedes it in the word is more numeral or an approximator (一千, 近千, 上千, 至四).
        // 两省区域, 三地市场: a word that starts inside the unit and runs past it (区域, 市场)
        // says the unit was read too long.
        if tokens.iter().any(|t| {
            (t.range.start >= unit.start()
                && t.range.start < unit.end()
                && t.range.end > unit.end()
                && Segmenter::global().has_word(t.word))
                || (chinese && t.range.start <= upper.start() && t.range.end > unit.end())
                || (chinese
                    && t.range.start < upper.start()
                    && upper.start() < t.range.end
                    && !text[t.range.start..upper.start()].chars().all(|c| {
                        numeral::is_cn_numeral_char(c) || "一近约上逾超每至到".contains(c)
                    }))
        }) {
            continue;
        }
        let max = match cn_min {
            Some(low) => Some(std::mem::replace(&mut value, low)),
            None => caps
                .name("max")
                .and_then(|m| arabic(m.as_str()))
                .map(|v| round(v * mult))
                .or(cn_max.map(|(v, _)| v)),
        };
        let approx = pre.is_some_and(|p| p.as_str() != "达")
            || caps.name("a1").is_some()
            || caps.name("a2").is_some()
            || caps.name("post").is_some()
            || text[unit.end()..all.end()].contains(['多', '左', '以']);
        let self_unit = Dictionaries::get().self_units.contains(unit_s);
        // 百县千镇万村, 千县万村: a round hundred or thousand of places is a figure of speech.
        if self_unit && chinese && matches!(upper.as_str(), "百" | "千" | "万") {
            continue;
        }
        let noun = match self_unit {
            true => unit_s.to_owned(),
            // From the start of the match: an approximator cut into the word before it
            // (从不到7万笔: 从不 / 到) must not lend that word to the noun.
            false => noun_for(
                text,
                tokens,
                all.start(),
                all.end(),
                unit_s == "%" || unit_s == "个百分点",
            ),
        };
        let mut noun = trim_linking_tail(&noun).to_owned();
        // 钻进了2138米, 逮捕了15人: a verb with 了 right before the figure says what was done,
        // it names nothing (达到了 and 超过了 link, and are trimmed before this); and so does
        // what follows a streak (连续17年稳居全球第一; in Chinese numerals, 连续两年, a span of
        // time, no count of things).
        let before = &text[..all.start()];
        // A Chinese count would then go as vague prose; its noun is often after it (准备了两件小礼物).
        let done = !chinese
            && !noun.is_empty()
            && before
                .strip_suffix('了')
                .is_some_and(|b| b.ends_with(&noun));
        let streak =
            before.ends_with("连续") && matches!(unit_s, "年" | "个月" | "天" | "日" | "周");
        if done || streak {
            noun.clear();
        }
        if noun.is_empty() && !streak {
            noun = change_origin_noun(text, tokens, all.start(), all.end())
                .or_else(|| {
                    (unit_s == "个百分点")
                        .then(|| compared_noun(text, tokens, all.start()))
                        .flatten()
                })
                // A Chinese count with no noun of its own goes as vague prose: an aside does
                // not bring one back (the law texts' 置委员（…）七至十五人).
                .or_else(|| {
                    (!chinese)
                        .then(|| noun_before_aside(text, tokens, all.start()))
                        .flatten()
                })
                .unwrap_or_default();
        }
        // A Chinese count with nothing counted after it is vague prose (三个方面都要), not a fact;
        // but people a disaster caused to die or be hurt (事故造成两人死亡) are counted, and so is
        // an amount of money (驻外者，美金一千元).
        let casualties = matches!(unit_s, "人" | "名")
            && ["造成", "导致"]
                .iter()
                .any(|w| text[..all.start()].trim_end_matches('了').ends_with(w));
        if chinese
            && noun.is_empty()
            && !casualties
            && !currency_beside(text, all.start(), all.end())
        {
            continue;
        }
        let rate = unit_s == "%" || unit_s == "个百分点";
        // 进出口总额11.8万亿元，同比增长7.9%: a change rate right after a figure, with only a
        // comma and linking words between, is the change of that figure's noun.
        let noun = match out.last().filter(|_| !streak) {
            Some(prev) if rate && noun.is_empty() && !prev.noun.is_empty() => {
                let gap = text.get(prev.range.end..num.start()).unwrap_or("x");
                let mut rest = gap.trim_start_matches('，');
                // …2620万辆，较去年同期增长3.6%: the base of the comparison stands between.
                const BASES: [&str; 9] = [
                    "上年同期",
                    "去年同期",
                    "上年",
                    "去年",
                    "上届",
                    "上月",
                    "上季度",
                    "上半年",
                    "同期",
                ];
                if let Some(r) = rest.strip_prefix('比').or_else(|| rest.strip_prefix('较')) {
                    if let Some(b) = BASES.iter().find(|b| r.starts_with(**b)) {
                        rest = r[b.len()..].trim_start_matches("实际");
                    }
                }
                while let Some(w) = LINKING.iter().find(|w| rest.starts_with(**w)) {
                    rest = &rest[w.len()..];
                }
                if rest.is_empty() && gap.starts_with('，') {
                    prev.noun.clone()
                } else {
                    noun
                }
            }
            _ => noun,
        };
        // 收入从7248亿元提高到8865亿元, 覆盖率由21.63%提高到24.02%: the figure a change arrives at
        // counts what the figure it started from counts.
        let noun = match out.last() {
            Some(prev)
                if noun.is_empty()
                    && !prev.noun.is_empty()
                    && prev.unit == unit_s
                    && text
                        .get(prev.range.end..all.start())
                        .is_some_and(|g| CHANGED_TO.contains(&g)) =>
            {
                prev.noun.clone()
            }
            _ => noun,
        };
        let indicators = if rate {
            shared_indicators(text, tokens, num.start())
        } else {
            Vec::new()
        };
        // One figure is one metric (the gold guide counts numbers as written); the nearest
        // indicator names it, the others ride along.
        let (noun, indicators) = match indicators.last() {
            Some(last) if indicators.len() >= 2 => (last.clone(), indicators),
            _ => (noun, Vec::new()),
        };
        out.push(Metric {
            text: all.as_str().to_owned(),
            value,
            max,
            unit: unit_s.to_owned(),
            noun,
            approx,
            indicators,
            range: all.start()..all.end(),
        });
    }
    let mut bare = bare::bare_counts(text, &exclude, &out);
    if !bare.is_empty() {
        out.append(&mut bare);
        out.sort_by_key(|m| m.range.start);
    }
    respectively(text, &mut out);
    respective_changes(text, &mut out);
    // Fractions first among equal starts, as they were found first.
    fracs.append(&mut out);
    fracs.sort_by_key(|m| m.range.start);
    fracs
}

/// Add the metrics whose figure follows an outline marker right away (3.1万亿元超长期特别国债
/// after the news item marker 3.): the number search reads the marker's 3. and the 1 as one
/// number, 3.1, which the marker's exclusion then drops whole. Such a line is searched again
/// from the marker's end, and the metric it opens with is kept. `found` stays in text order.
pub fn after_markers(
    text: &str,
    markers: impl IntoIterator<Item = Range<usize>>,
    exclude: &[Range<usize>],
    found: &mut Vec<Metric>,
) {
    let mut added = false;
    for m in markers {
        let from = m.end;
        if !text[from..].starts_with(|c: char| c.is_ascii_digit())
            || found.iter().any(|x| x.range.contains(&from))
        {
            continue;
        }
        let line_end = from + crate::scan::first_line_len(&text[from..]);
        let local: Vec<Range<usize>> = exclude
            .iter()
            .filter(|r| r.start >= from && r.end <= line_end)
            .map(|r| r.start - from..r.end - from)
            .collect();
        if let Some(mut x) = metrics(&text[from..line_end], &local)
            .into_iter()
            .find(|x| x.range.start == 0)
        {
            x.range = from..x.range.end + from;
            found.push(x);
            added = true;
        }
    }
    if added {
        found.sort_by_key(|m| m.range.start);
    }
}

/// `metrics` over a long text in chunks of whole lines, at least `chunk` bytes each, that run
/// in parallel. Nothing a metric reads crosses a line break (the number pattern, the sentence
/// window it is tagged in, the clause of shared rates, the link of a change rate to the count
/// before it), so the result is exactly `metrics(text, exclude)`.
pub fn metrics_in_chunks(text: &str, exclude: &[Range<usize>], chunk: usize) -> Vec<Metric> {
    use rayon::prelude::*;
    let chunks = crate::scan::line_pieces(text, chunk);
    let parts: Vec<Vec<Metric>> = chunks
        .par_iter()
        .map(|c| {
            // Excluded ranges in the chunk's own offsets, clipped to it.
            let local: Vec<Range<usize>> = exclude
                .iter()
                .filter(|r| r.start < c.end && c.start < r.end)
                .map(|r| r.start.max(c.start) - c.start..r.end.min(c.end) - c.start)
                .collect();
            let mut found = metrics(&text[c.clone()], &local);
            for m in &mut found {
                m.range = m.range.start + c.start..m.range.end + c.start;
            }
            found
        })
        .collect();
    parts.concat()
}

/// The sentence holding `start..end`, at most about 60 chars either side.
fn window(text: &str, start: usize, end: usize) -> Range<usize> {
    let is_stop = |c: char| matches!(c, '。' | '；' | '！' | '？' | '\n');
    let mut lo = start;
    for (n, (i, c)) in text[..start].char_indices().rev().enumerate() {
        if is_stop(c) || n >= 60 {
            break;
        }
        lo = i;
    }
    let mut hi = end;
    for (n, (i, c)) in text[end..].char_indices().enumerate() {
        if is_stop(c) || n >= 60 {
            break;
        }
        hi = end + i + c.len_utf8();
    }
    lo..hi
}

/// Six decimals at most, and no more than 15 significant digits: 566.7亿 is 56670000000, not
/// the 56670000000.00001 that 566.7 × 1e8 gives in binary floating point.
fn round(v: f64) -> f64 {
    let v = (v * 1e6).round() / 1e6;
    // Below 1e9 the six decimals already hold no such error.
    if v.abs() < 1e9 {
        return v;
    }
    format!("{v:.14e}").parse().unwrap_or(v)
}

/// 2013年, 二〇三五年, 7月8日, 3月 日, 17:56 are dates and times, not metrics.
/// 三年行动, 五年规划, 新时代十年, 百年未有之大变局: a count of years that names a plan or a
/// period (`dictionaries/period_names.txt`), or a bare round 百年/千年/万年 (a century).
fn names_a_period(text: &str, num: &search::Group, all: &search::Group) -> bool {
    let (after, before) = &Dictionaries::get().period_names;
    matches!(num.as_str(), "百" | "千" | "万")
        || after
            .iter()
            .any(|w| text[all.end()..].starts_with(w.as_str()))
        || before
            .iter()
            .any(|w| text[..all.start()].ends_with(w.as_str()))
}

/// The upper figure and end of a Chinese range after a count that ends at `end`:
/// 至/到, a Chinese number, and the same unit again (六人至八人 → 8).
fn chinese_range_end(text: &str, end: usize, unit: &str) -> Option<(f64, usize)> {
    let rest = &text[end..];
    let rest = rest
        .strip_prefix('至')
        .or_else(|| rest.strip_prefix('到'))?;
    let digits = rest
        .char_indices()
        .find(|&(_, c)| !numeral::is_cn_numeral_char(c))
        .map_or(rest.len(), |(i, _)| i);
    let after = rest[digits..].strip_prefix(unit)?;
    let value = numeral::parse_int(&rest[..digits])? as f64;
    Some((value, text.len() - after.len()))
}

/// 今年前5个月, 前3天, 前二项: the months or days since a start, or a legal cross-reference
/// (前二项不予减刑之罪), not a quantity. 提前5天 counts days, and 目前达74条 is 目前, now.
fn is_period_or_reference(text: &str, unit: &str, all: &search::Group) -> bool {
    const WORDS: [&str; 14] = [
        "目前", "当前", "提前", "之前", "以前", "此前", "事前", "空前", "超前", "向前", "眼前",
        "先前", "从前", "日前",
    ];
    let before = &text[..all.start()];
    before.ends_with('前')
        && !WORDS.iter().any(|w| before.ends_with(w))
        && (matches!(unit, "天" | "周" | "项" | "条") || unit == "个月")
}

/// 过去24小时, 未来5年, 今后3年: a window of time reaching back or ahead from now, not a
/// quantity.
fn is_window(text: &str, unit: &str, all: &search::Group) -> bool {
    const FROM_NOW: [&str; 4] = ["过去", "未来", "今后", "最近"];
    let time = matches!(
        unit,
        "年" | "天" | "日" | "小时" | "个月" | "周" | "分钟" | "秒" | "季度"
    );
    let before = &text[..all.start()];
    if time && FROM_NOW.iter().any(|w| before.ends_with(w)) {
        return true;
    }
    // 登机前48小时内, 在这20分钟内, 周边半径800米以内: a span within which something happens,
    // no quantity of anything; but a bound a figure is held to or brought down to is one
    // (控制在6小时内, 缩短至1小时以内).
    const BOUNDS: [&str; 4] = ["控制在", "稳定在", "保持在", "限制在"];
    let distance = matches!(unit, "公里" | "千米" | "米");
    (time || distance)
        && ["内", "以内", "之内"]
            .iter()
            .any(|w| text[all.end()..].starts_with(w))
        && !BOUNDS.iter().any(|b| before.ends_with(b))
        && !noun::CHANGED_TO.iter().any(|c| before.ends_with(c))
}

/// After a 个 that ends at `at`: the duration it counts (月 → 个月, 小时), perhaps after 多
/// (两个多月), and 左右/以上 after it, with the end of all that.
fn duration_after(text: &str, at: usize) -> Option<(&'static str, usize)> {
    let rest = &text[at..];
    let body = rest.strip_prefix('多').unwrap_or(rest);
    let (unit, tail) = if let Some(t) = body.strip_prefix('月') {
        ("个月", t)
    } else if let Some(t) = body.strip_prefix("小时") {
        ("小时", t)
    } else {
        return None;
    };
    let post = ["左右", "以上"]
        .iter()
        .find(|p| tail.starts_with(**p))
        .map_or(0, |p| p.len());
    Some((unit, text.len() - tail.len() + post))
}

/// 十四届全国人大三次会议, 十九届四中全会: the session of a congress, an ordinal.
fn is_session(text: &str, unit: &str, all: &search::Group) -> bool {
    const MEETINGS: [&str; 4] = ["全会", "会议", "全体会议", "全委"];
    unit == "次"
        && MEETINGS.iter().any(|w| text[all.end()..].starts_with(w))
        && text[..all.start()]
            .chars()
            .rev()
            .take(10)
            .take_while(|c| !matches!(c, '，' | '。' | '；' | '、' | '\n'))
            .any(|c| c == '届')
}

/// 24小时值守, 144小时过境免签, 15分钟生活圈: a span of hours or minutes that says how
/// something runs or how far it reaches (`dictionaries/span_attributes.txt`, or a 圈 named
/// right after it), not a quantity.
fn is_span_attribute(text: &str, unit: &str, all: &search::Group) -> bool {
    if !matches!(unit, "小时" | "分钟") {
        return false;
    }
    let rest = text[all.end()..].trim_start_matches(['”', '"']);
    let reach = rest
        .chars()
        .take(6)
        .take_while(|c| !"，。；：、！？（）“”\n".contains(*c))
        .any(|c| c == '圈');
    reach
        || Dictionaries::get()
            .span_attributes
            .iter()
            .any(|w| rest.starts_with(w.as_str()))
}

/// Whether `rest` opens with a month in Chinese numerals (七月, 十二月).
fn opens_with_month(rest: &str) -> bool {
    let digits = rest.trim_start_matches(numeral::is_cn_numeral_char);
    let n = rest[..rest.len() - digits.len()].chars().count();
    (1..=2).contains(&n) && digits.starts_with('月')
}

fn is_date_or_time(num: &str, unit: &str, after: Option<char>) -> bool {
    match unit {
        // 十多年前, 两年后, 三年来: years counted from now, not a quantity (被困22小时后 still
        // counts the hours).
        "年" => {
            num.len() == 4
                || numeral::is_spelled_year(num)
                || after
                    .is_some_and(|c| c.is_ascii_digit() || matches!(c, '度' | '前' | '后' | '来'))
        }
        // N月 is a month (3个月 is counted by 个), N日/号 a day.
        "月" => true,
        _ => false,
    }
}

#[cfg(test)]
mod amount_tests;
#[cfg(test)]
mod tests;
