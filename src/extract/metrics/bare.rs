//! Counts written with a magnitude and no unit (惠及43万儿童, 参保人数突破5100万): after 万 and
//! 亿 Chinese may leave the classifier out, so the number pattern of `search`, which wants a
//! unit, never sees them. Talks to `search` (was a unit there after all?) and `noun`.

use super::noun::{noun_for, noun_run_forward, trim_linking_tail};
use super::{
    arabic, continues_token, magnitude, round, search, tag_window, window, Excluded, Metric,
};
use crate::scan::{Literals, Prefer};
use crate::segment::Token;
use std::sync::OnceLock;

/// What may end a clause right after a figure whose noun stands before it (人数超550万，).
const CLAUSE_ENDS: &str = "，。；、：！？）\n";

fn magnitudes() -> &'static Literals {
    static SET: OnceLock<Literals> = OnceLock::new();
    SET.get_or_init(|| Literals::new(&["万亿", "万", "亿"], Prefer::First))
}

/// The bare counts in `text`, apart from the ranges in `exclude` and from figures `found`
/// already holds, in text order.
pub(super) fn bare_counts(text: &str, exclude: &Excluded, found: &[Metric]) -> Vec<Metric> {
    let mut out = Vec::new();
    let mut cached: (std::ops::Range<usize>, Vec<Token>) = (0..0, Vec::new());
    let mut after_last = 0;
    for hit in magnitudes().find_iter(text) {
        if hit.start < after_last {
            continue;
        }
        let Some(m) = figure_at(text, hit.start, hit.end) else {
            continue;
        };
        after_last = m.range.end;
        // `found` is in text order and its figures do not overlap: only the last one starting
        // before this figure's end can reach into it.
        let k = found.partition_point(|f| f.range.start < m.range.end);
        let taken = k > 0 && found[k - 1].range.end > m.range.start;
        if taken || exclude.overlaps(&m.range) {
            continue;
        }
        // A unit after all (5万余个, 10亿多元): the number pattern has had its say on it.
        if search::unit_follows(text, m.num_start) {
            continue;
        }
        let win = window(text, m.range.start, m.range.end);
        if cached.0 != win {
            cached = (win.clone(), tag_window(text, &win));
        }
        let tokens = &cached.1;
        let rest = &text[m.range.end..];
        let noun = if rest.is_empty() || rest.starts_with(|c| CLAUSE_ENDS.contains(c)) {
            // 人才总量超696万，: the noun before the figure.
            noun_for(text, tokens, m.range.start, m.range.end, false)
        } else {
            // 惠及43万儿童: a noun right after, where the classifier would have stood.
            let clause_end = rest
                .find(|c| CLAUSE_ENDS.contains(c))
                .map_or(text.len(), |k| m.range.end + k);
            match tokens.iter().position(|t| t.range.start == m.range.end) {
                Some(i) if tokens[i].is_nounish() => {
                    let run = noun_run_forward(tokens, i, clause_end);
                    // 30万用户断电, 1亿多农村人口供水: a verbal noun after the counted noun
                    // says what happened to it.
                    let run_end = m.range.end + run.len();
                    match tokens.iter().position(|t| t.range.end == run_end) {
                        Some(last) if last > i && tokens[last].tag == "vn" => {
                            text[m.range.end..tokens[last].range.start].to_owned()
                        }
                        _ => run,
                    }
                }
                _ => String::new(),
            }
        };
        let noun = trim_linking_tail(&noun);
        if noun.is_empty() {
            continue;
        }
        out.push(Metric {
            text: text[m.range.clone()].to_owned(),
            value: m.value,
            max: None,
            unit: String::new(),
            noun: noun.to_owned(),
            approx: m.approx,
            indicators: Vec::new(),
            range: m.range,
        });
    }
    out
}

struct Figure {
    range: std::ops::Range<usize>,
    num_start: usize,
    value: f64,
    approx: bool,
}

/// The Arabic figure whose magnitude word is at `mag_start..mag_end`, with its approximators
/// (近20万, 197万余, 30万以上); None where no digit stands before the magnitude, or the
/// number is part of a longer token (第3万, v1.2万, 3.5.1万) or the base of a rate (每10万).
fn figure_at(text: &str, mag_start: usize, mag_end: usize) -> Option<Figure> {
    let before = &text[..mag_start];
    let (before, a1) = match before.strip_suffix(['余', '多']) {
        Some(b) => (b, true),
        None => (before, false),
    };
    let num_start = before
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
        .len();
    let num = &before[num_start..];
    if !num.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let lead = text[..num_start].chars().next_back();
    if lead.is_some_and(|c| continues_token(c) || c == '每') {
        return None;
    }
    let value = arabic(num)?;
    let mult = magnitude(&text[mag_start..mag_end]);
    let mut end = mag_end;
    let mut approx = a1;
    for post in ["余", "多", "左右", "以上"] {
        if text[end..].starts_with(post) {
            end += post.len();
            approx = true;
        }
    }
    let pre = search::APPROXIMATORS
        .iter()
        .find(|w| text[..num_start].ends_with(**w));
    let start = num_start - pre.map_or(0, |w| w.len());
    Some(Figure {
        range: start..end,
        num_start,
        value: round(value * mult),
        approx: approx || pre.is_some_and(|w| *w != "达"),
    })
}

#[cfg(test)]
mod tests {
    use super::super::metrics;

    fn bare(s: &str) -> Vec<(String, f64, String, bool)> {
        metrics(s, &[])
            .into_iter()
            .filter(|m| m.unit.is_empty())
            .map(|m| (m.text, m.value, m.noun, m.approx))
            .collect()
    }

    #[test]
    fn a_magnitude_stands_for_the_classifier_before_a_noun() {
        assert_eq!(
            bare("免费教育惠及43万儿童。惠及近10万儿童。美加约30万用户断电。"),
            [
                ("43万".to_owned(), 430_000.0, "儿童".to_owned(), false),
                ("近10万".to_owned(), 100_000.0, "儿童".to_owned(), true),
                ("约30万".to_owned(), 300_000.0, "用户".to_owned(), true),
            ]
        );
    }

    #[test]
    fn a_bare_figure_ending_its_clause_counts_the_noun_before_it() {
        assert_eq!(
            bare("常住人口突破5100万，客运量达1409万以上。"),
            [
                (
                    "突破5100万".to_owned(),
                    51_000_000.0,
                    "常住人口".to_owned(),
                    true
                ),
                (
                    "达1409万以上".to_owned(),
                    14_090_000.0,
                    "客运量".to_owned(),
                    true
                ),
            ]
        );
    }

    #[test]
    fn figures_with_a_unit_quoted_names_and_versions_are_left_alone() {
        // The unit pattern has these (or has dropped them on its own grounds).
        assert!(bare("新增停车位7万多个，非法集资损失10亿多元，以30亿瑞士法郎收购。").is_empty());
        // A name in quotes, an ordinal, a version: no count.
        assert!(bare("实施“四个100万”工程。第3万名游客。v1.2万。").is_empty());
    }
}
