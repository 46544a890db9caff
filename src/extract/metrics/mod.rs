//! Metrics: numbers that report facts (25名同志, 99.4%, 80余篇报道, 近400个工作组, 13-14个单位),
//! with value, range maximum, unit, approximation flag and the noun they count.
//!
//! Talks to `segment` for the tags its `noun` module reads and to `dict` for unit words.

mod noun;

use crate::dict::Dictionaries;
use crate::numeral;
use crate::segment::{Segmenter, Token};
use noun::{
    change_origin_noun, noun_for, respectively, shared_indicators, trim_linking_tail, CHANGED_TO,
    LINKING,
};
use regex::Regex;
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
    #[serde(skip)]
    pub range: Range<usize>,
}

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let mut units: Vec<&str> = Dictionaries::get().units.iter().map(String::as_str).collect();
        units.sort_by_key(|u| std::cmp::Reverse(u.len()));
        let units: Vec<String> = units.iter().map(|u| regex::escape(u)).collect();
        let re = format!(
            r"(?P<pre>近|约|超过|不到|将近|逾|达)?(?:(?P<num>\d+(?:\.\d+)?)(?:%?(?:-|—|~|～|至|到)(?P<max>\d+(?:\.\d+)?))?(?P<a1>余|多)?(?P<mag>万亿|万|亿)?|(?P<cn>[两二三四五六七八九十百千万亿零〇]{{1,10}}))(?P<a2>余|多)?(?P<unit>{})(?P<post>左右|以上|多)?",
            units.join("|")
        );
        Regex::new(&re).unwrap_or_else(|e| panic!("metric pattern from units.txt: {e}"))
    })
}

fn fraction_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?P<pre>近|约|超过|不到)?(?P<den>[一二三四五六七八九十百千\d]+)分之(?P<num>[一二三四五六七八九十百\d]+)")
            .unwrap_or_else(|e| panic!("fraction pattern: {e}"))
    })
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
        let (Some(d), Some(n)) = (int_of(den.as_str()), int_of(num.as_str())) else {
            continue;
        };
        if d == 0.0 || n > d {
            continue;
        }
        let win = window(text, all.start(), all.end());
        let tokens = tag_window(text, &win);
        let noun =
            trim_linking_tail(&noun_for(text, &tokens, den.start(), all.end(), true)).to_owned();
        out.push(Metric {
            text: all.as_str().to_owned(),
            value: round(n / d),
            max: None,
            unit: String::new(),
            noun,
            approx: c.name("pre").is_some(),
            range: all.range(),
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

fn tag_window(text: &str, win: &Range<usize>) -> Vec<Token> {
    Segmenter::global()
        .tag(&text[win.clone()])
        .into_iter()
        .map(|mut t| {
            t.range = t.range.start + win.start..t.range.end + win.start;
            t
        })
        .collect()
}

/// Find metrics in `text`, skipping the byte ranges in `exclude` (list announcements, slogans).
pub fn metrics(text: &str, exclude: &[Range<usize>]) -> Vec<Metric> {
    let exclude = Excluded::new(exclude);
    let mut fracs = Vec::new();
    fractions(text, &exclude, &mut fracs);
    // Counts and rates apart from fractions: a change rate links only to the count before it.
    let mut out: Vec<Metric> = Vec::new();
    // Numbers cluster in a sentence (增长4.3%、5.7%, 建成…5万套、…2万户): tag each sentence once.
    let mut cached: (Range<usize>, Vec<Token>) = (0..0, Vec::new());
    for caps in pattern().captures_iter(text) {
        let (Some(all), Some(unit)) = (caps.get(0), caps.name("unit")) else {
            continue;
        };
        let Some(num) = caps.name("num").or_else(|| caps.name("cn")) else {
            continue;
        };
        let chinese = caps.name("cn").is_some();
        if exclude.overlaps(&all.range()) {
            continue;
        }
        let before = text[..num.start()].chars().next_back();
        if before.is_some_and(|c| c == '第' || c == '.' || c.is_ascii_alphanumeric() || c == '×')
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
        let unit_s = unit.as_str();
        let after = text[all.end()..].trim_start_matches(' ').chars().next();
        // 民国八十五年 counts years from 1912: a date, however it is written.
        let roc_year = unit_s == "年" && text[..num.start()].ends_with("民国");
        // 三年行动, 五年规划: the name of a plan, not a count of years.
        let plan = unit_s == "年"
            && ["行动", "规划", "计划", "攻坚"]
                .iter()
                .any(|w| text[all.end()..].starts_with(w));
        if roc_year || plan || is_date_or_time(num.as_str(), unit_s, after) {
            continue;
        }
        let mult = match caps.name("mag").map(|m| m.as_str()) {
            Some("万") => 1e4,
            Some("万亿") => 1e12,
            Some("亿") => 1e8,
            _ => 1.0,
        };
        let parsed = if chinese {
            numeral::parse_int(num.as_str()).map(|v| v as f64)
        } else {
            numeral::parse_decimal(num.as_str())
        };
        let Some(value) = parsed.map(|v| round(v * mult)) else {
            continue;
        };
        // Chinese numerals count concrete things only from 2 up (一 is an article: 一件大事);
        // 十六届 is an ordinal, 两级/三种/四类 are levels and kinds, not quantities.
        if chinese && (value < 2.0 || matches!(unit.as_str(), "届" | "级" | "种" | "类" | "期"))
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
        // 两部分, 三名单: the unit char starts a longer word, so it is no unit here. 红十字,
        // 千家万户, 前三位, 五年规划: a Chinese numeral inside a longer word is no count, unless what
        // precedes it in the word is more numeral or an approximator (一千, 近千, 上千, 至四).
        if tokens.iter().any(|t| {
            (t.range.start == unit.start() && t.range.end > unit.end())
                || (chinese && t.range.start <= num.start() && t.range.end > unit.end())
                || (chinese
                    && t.range.start < num.start()
                    && num.start() < t.range.end
                    && !text[t.range.start..num.start()].chars().all(|c| {
                        numeral::is_cn_numeral_char(c) || "一近约上逾超每至到".contains(c)
                    }))
        }) {
            continue;
        }
        let max = caps
            .name("max")
            .and_then(|m| numeral::parse_decimal(m.as_str()))
            .map(|v| round(v * mult));
        let approx = caps.name("pre").is_some_and(|p| p.as_str() != "达")
            || caps.name("a1").is_some()
            || caps.name("a2").is_some()
            || caps.name("post").is_some();
        let noun = noun_for(
            text,
            tokens,
            num.start(),
            all.end(),
            unit_s == "%" || unit_s == "个百分点",
        );
        let mut noun = trim_linking_tail(&noun).to_owned();
        if noun.is_empty() {
            noun = change_origin_noun(text, tokens, all.start(), all.end()).unwrap_or_default();
        }
        // A Chinese count with nothing counted after it is vague prose (三个方面都要), not a fact.
        if chinese && noun.is_empty() {
            continue;
        }
        let rate = unit_s == "%" || unit_s == "个百分点";
        // 进出口总额11.8万亿元，同比增长7.9%: a change rate right after a figure, with only a
        // comma and linking words between, is the change of that figure's noun.
        let noun = match out.last() {
            Some(prev) if rate && noun.is_empty() && !prev.noun.is_empty() => {
                let gap = text.get(prev.range.end..num.start()).unwrap_or("x");
                let mut rest = gap.trim_start_matches('，');
                while let Some(w) = LINKING.iter().find(|w| rest.starts_with(**w)) {
                    rest = &rest[w.len()..];
                }
                if rest.is_empty() && gap.starts_with('，') {
                    prev.noun.clone()
                } else {
                    noun
                }
            }
            // 收入从7248亿元提高到8865亿元: the figure a change arrives at counts what the
            // figure it started from counts.
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
        let nouns = if indicators.len() >= 2 {
            indicators
        } else {
            vec![noun]
        };
        for noun in nouns {
            out.push(Metric {
                text: all.as_str().to_owned(),
                value,
                max,
                unit: unit_s.to_owned(),
                noun,
                approx,
                range: all.start()..all.end(),
            });
        }
    }
    respectively(text, &mut out);
    // Fractions first among equal starts, as they were found first.
    fracs.append(&mut out);
    fracs.sort_by_key(|m| m.range.start);
    fracs
}

/// `metrics` over a long text in chunks of whole lines, at least `chunk` bytes each, that run
/// in parallel. Nothing a metric reads crosses a line break (the number pattern, the sentence
/// window it is tagged in, the clause of shared rates, the link of a change rate to the count
/// before it), so the result is exactly `metrics(text, exclude)`.
pub fn metrics_in_chunks(text: &str, exclude: &[Range<usize>], chunk: usize) -> Vec<Metric> {
    use rayon::prelude::*;
    let mut chunks = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let end = memchr::memchr(b'\n', &text.as_bytes()[(pos + chunk).min(text.len())..])
            .map_or(text.len(), |i| (pos + chunk).min(text.len()) + i + 1);
        chunks.push(pos..end);
        pos = end;
    }
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

fn round(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// 2013年, 7月8日, 3月 日, 17:56 are dates and times, not metrics.
fn is_date_or_time(num: &str, unit: &str, after: Option<char>) -> bool {
    match unit {
        // 十多年前, 两年后, 三年来: years counted from now, not a quantity (被困22小时后 still
        // counts the hours).
        "年" => {
            num.len() == 4
                || after
                    .is_some_and(|c| c.is_ascii_digit() || matches!(c, '度' | '前' | '后' | '来'))
        }
        // N月 is a month (3个月 is counted by 个), N日/号 a day.
        "月" => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Vec<(f64, Option<f64>, String, String, bool)> {
        metrics(s, &[])
            .into_iter()
            .map(|m| (m.value, m.max, m.unit, m.noun, m.approx))
            .collect()
    }

    fn nouns(s: &str) -> Vec<(f64, String)> {
        metrics(s, &[])
            .into_iter()
            .map(|m| (m.value, m.noun))
            .collect()
    }

    fn owned(v: &[(f64, &str)]) -> Vec<(f64, String)> {
        v.iter().map(|&(x, n)| (x, n.to_owned())).collect()
    }

    #[test]
    fn each_figure_after_fen_bie_counts_its_own_item() {
        assert_eq!(
            nouns("锂电池、太阳能电池、工业机器人产量分别增长54.5%、43.1%、86.3%。"),
            owned(&[
                (54.5, "锂电池产量"),
                (43.1, "太阳能电池"),
                (86.3, "机器人产量")
            ])
        );
        // The last item's head goes to the short items before it; a noun that names a
        // quantity of its own keeps it.
        assert_eq!(
            nouns("对东盟、欧盟进出口分别增长16.7%、40.2%。"),
            owned(&[(16.7, "东盟进出口"), (40.2, "欧盟进出口")])
        );
        assert_eq!(
            nouns("事故起数、死亡人数同比分别下降12.04%、11.56%。"),
            owned(&[(12.04, "事故起数"), (11.56, "人数")])
        );
        // The last pair joined by 和, in both lists.
        assert_eq!(
            nouns("科技贷款、普惠小微贷款、涉农贷款和民营贷款同比增速分别为27.3%、20.3%、13.5%和10.7%。"),
            owned(&[
                (27.3, "科技贷款增速"),
                (20.3, "普惠小微贷款增速"),
                (13.5, "贷款增速"),
                (10.7, "民营贷款增速"),
            ])
        );
        // Rates listed before one rate word each take it; indicators with 分别 are not one
        // shared rate.
        assert_eq!(
            nouns("美丽河湖、美丽海湾建成率分别达到30%、50%。"),
            owned(&[(30.0, "美丽河湖建成率"), (50.0, "海湾建成率")])
        );
        assert_eq!(
            nouns("农村自来水普及率、供水工程覆盖人口比例分别达到97%、73%。").len(),
            2
        );
        // Lists of different lengths are left to the nearest noun.
        assert_eq!(
            nouns("蔬菜、茶叶、水果产量分别达2050万吨、4200万吨。")[0].1,
            "水果产量"
        );
    }

    #[test]
    fn the_counted_noun_stops_where_its_clause_begins() {
        assert_eq!(nouns("19000名儿童成为孤儿。"), owned(&[(19000.0, "儿童")]));
        assert_eq!(
            nouns("工商银行启动总规模800亿元的科技创新基金。"),
            owned(&[(80_000_000_000.0, "科技创新基金")])
        );
        // A share of what follows 的, and a quoted name before the count.
        assert_eq!(nouns("统一按1%的税率缴纳契税。"), owned(&[(1.0, "税率")]));
        assert_eq!(
            nouns("打造“产业大脑”130个。"),
            owned(&[(130.0, "产业大脑")])
        );
        // Linking words jieba cuts apart, adverbs of rate, a clause verb before the noun.
        assert_eq!(
            nouns("粮食产量稳定在1300万吨以上。"),
            owned(&[(13_000_000.0, "粮食产量")])
        );
        assert_eq!(
            nouns("常住人口城镇化率年均提升1个百分点以上。"),
            owned(&[(1.0, "城镇化率")])
        );
        assert_eq!(nouns("参保率保持在95%以上。"), owned(&[(95.0, "参保率")]));
        assert_eq!(
            nouns("学前教育免费政策惠及儿童13万名。"),
            owned(&[(130_000.0, "儿童")])
        );
        // A window of time counts nothing (and a Chinese count with no noun is dropped).
        assert!(nouns("零部件都是配套企业在两小时内送到的。").is_empty());
        // A range written with % on both ends.
        let m = metrics("全省生产总值增长5%—5.5%。", &[]);
        assert_eq!((m[0].value, m[0].max), (5.0, Some(5.5)));
    }

    #[test]
    fn a_change_from_one_figure_to_another_counts_one_noun() {
        assert_eq!(
            nouns("一般公共预算收入从7248亿元提高到8865亿元，跃居全国第3位。"),
            owned(&[
                (724_800_000_000.0, "公共预算收入"),
                (886_500_000_000.0, "公共预算收入")
            ])
        );
        // 由 opening an agent, not a change: the noun before it counts nothing.
        assert!(nouns("这座智慧大棚是由三十多名“00后”年轻人建成的。").is_empty());
    }

    #[test]
    fn years_ago_and_numerals_inside_words_are_not_metrics() {
        assert!(nouns("依民事诉讼法第一百三十九条规定办理。").is_empty());
        assert!(nouns("启动农村人居环境整治提升五年行动，实施3年攻坚计划。").is_empty());
        assert!(nouns("企业数量从十多年前的4.9万家增加到46.3万家。")
            .iter()
            .all(|(v, _)| *v != 10.0));
        assert!(nouns("两年后实现全覆盖，红十字会千家万户，数百名参与者，几十个零件。").is_empty());
        // Hours after which something happened are still hours.
        assert_eq!(nouns("一名男孩在被困22小时后获救。").len(), 1);
        // Approximators and more numeral inside the word are kept.
        let got = metrics("近千名来访群众，一百多个地点", &[]);
        let vals: Vec<(f64, bool)> = got.iter().map(|m| (m.value, m.approx)).collect();
        assert_eq!(vals, vec![(1000.0, true), (100.0, true)]);
    }

    #[test]
    fn metrics_in_chunks_are_the_metrics_of_the_whole_text() {
        let text = "全年销售额11.8万亿元，同比增长7.9%，占全国的三分之二。\n\
            同比增长5%，覆盖率、参学率、发言率均达到100%。\n\
            派出25名同志，发表报道80余篇，近400个工作组。\n\
            十二个部门，第14指导组，2013年3月召开。\n"
            .repeat(6);
        // Excluded ranges inside lines, across a line break and empty.
        let nl = text.find('\n').unwrap_or(0);
        let exclude = vec![
            3..9,
            nl - 6..nl + 9,
            40..40,
            text.len() - 30..text.len() - 20,
        ];
        let key = |ms: Vec<Metric>| -> Vec<(f64, String, String, Range<usize>)> {
            ms.into_iter()
                .map(|m| (m.value, m.unit, m.noun, m.range))
                .collect()
        };
        let whole = key(metrics(&text, &exclude));
        assert!(whole.len() > 40, "{whole:?}");
        for chunk in [1, 50, 200, 1000, text.len()] {
            assert_eq!(
                key(metrics_in_chunks(&text, &exclude, chunk)),
                whole,
                "chunk {chunk}"
            );
        }
    }

    #[test]
    fn excluded_ranges_answer_as_a_scan_of_all_of_them_would() {
        // Nested, touching, empty and out-of-order ranges, against every query up to 40.
        let ranges = vec![12..30, 3..5, 14..16, 20..20, 30..31, 0..1, 25..40, 33..33];
        let ex = Excluded::new(&ranges);
        for start in 0..42 {
            for end in start..42 {
                let q = start..end;
                let naive = ranges.iter().any(|r| r.start < q.end && q.start < r.end);
                assert_eq!(ex.overlaps(&q), naive, "{q:?}");
            }
        }
        assert!(!Excluded::new(&[]).overlaps(&(0..10)));
    }

    #[test]
    fn values_units_and_approximation() {
        let got =
            run("发表报道80余篇，近400个工作组，9000多万名党员，13-14个单位，满意率达到99.4%。");
        let vu: Vec<(f64, Option<f64>, &str, bool)> =
            got.iter().map(|g| (g.0, g.1, g.2.as_str(), g.4)).collect();
        assert_eq!(
            vu,
            vec![
                (80.0, None, "篇", true),
                (400.0, None, "个", true),
                (90_000_000.0, None, "名", true),
                (13.0, Some(14.0), "个", false),
                (99.4, None, "%", false)
            ]
        );
        assert_eq!(got[1].3, "工作组");
        assert!(got[4].3.contains("满意率"));
    }

    #[test]
    fn chinese_numeral_counts_of_things() {
        let s =
            "在学习四位全市优秀党员事迹的同时，召开两个专题生活会，这是一件大事，讲三个方面都要。";
        let announced: Vec<Range<usize>> = crate::lists::announcements(s)
            .into_iter()
            .map(|a| a.0)
            .collect();
        let got: Vec<(f64, Option<f64>, String, String, bool)> = metrics(s, &announced)
            .into_iter()
            .map(|m| (m.value, m.max, m.unit, m.noun, m.approx))
            .collect();
        let vu: Vec<(f64, &str, &str)> = got
            .iter()
            .map(|g| (g.0, g.2.as_str(), g.3.as_str()))
            .collect();
        assert_eq!(
            vu,
            vec![(4.0, "位", "全市优秀党员"), (2.0, "个", "专题生活会")]
        );
    }

    #[test]
    fn a_rate_shared_by_listed_indicators_gives_one_metric_each() {
        let got = run("在职党员覆盖率、参学率、发言率均达到100%，发表报道80余篇。");
        let nouns: Vec<(f64, &str)> = got.iter().map(|g| (g.0, g.3.as_str())).collect();
        assert_eq!(
            nouns,
            vec![
                (100.0, "覆盖率"),
                (100.0, "参学率"),
                (100.0, "发言率"),
                (80.0, "报道")
            ]
        );
    }

    #[test]
    fn generalization_fixes_from_the_report_sample() {
        // Nouns past a change verb, verb+noun phrases, and 部 inside 部分.
        let got = run("农村居民人均可支配收入分别增长4.3%。为退役军人提供5万个就业岗位。分为官僚资本主义和民族资本主义两部分。");
        let vn: Vec<(f64, &str)> = got.iter().map(|g| (g.0, g.3.as_str())).collect();
        assert_eq!(vn, vec![(4.3, "收入"), (50000.0, "就业岗位")]);
    }

    #[test]
    fn change_rates_take_the_noun_of_the_figure_before_them() {
        let got =
            run("全年销售额11.8万亿元，同比增长7.9%。工业增加值同比增长3.8%，事故造成4人受伤。");
        let vn: Vec<(f64, &str)> = got.iter().map(|g| (g.0, g.3.as_str())).collect();
        assert_eq!(
            vn,
            vec![
                (11.8e12, "销售额"),
                (7.9, "销售额"),
                (3.8, "工业增加值"),
                (4.0, "事故")
            ]
        );
    }

    #[test]
    fn dates_of_the_republic_era_are_not_metrics() {
        assert!(run("中华民国八十五年一月十二日公布，民国九十二年修正。").is_empty());
    }

    #[test]
    fn linking_words_glued_to_the_noun_are_cut() {
        let got = run("农村生活污水治理率达93%，生物医药产值超千亿元，集装箱航线增至150条。");
        let nouns: Vec<&str> = got.iter().map(|g| g.3.as_str()).collect();
        assert_eq!(nouns, vec!["污水治理率", "产值", "航线"]);
    }

    #[test]
    fn fractions_and_percentage_points() {
        let got = run("粮食产量占全国的三分之二，失业率下降0.5个百分点。");
        assert_eq!((got[0].0, got[0].2.as_str()), (0.666667, ""));
        assert_eq!(
            (got[1].0, got[1].2.as_str(), got[1].3.as_str()),
            (0.5, "个百分点", "失业率")
        );
    }

    #[test]
    fn dates_ordinals_and_times_are_not_metrics() {
        assert!(
            run("2013年08月20日 17:56，第14指导组，3月 日，7月8日，今年1月，中央召开会议")
                .is_empty()
        );
    }

    #[test]
    fn noun_right_after_the_unit_wins_over_a_later_de() {
        let got = run("针对8家单位均为宣传口单位的实际，提出意见。");
        assert_eq!(got[0].3, "单位");
    }

    #[test]
    fn noun_after_de_and_before_number() {
        let got = run("挑选了25名政治过硬、认真负责的同志，组成6个区党委督导组。派出督导组15个。");
        let nouns: Vec<&str> = got.iter().map(|g| g.3.as_str()).collect();
        assert_eq!(nouns, vec!["同志", "区党委督导组", "督导组"]);
    }
}
