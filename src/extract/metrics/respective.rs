//! Figures that go with lists (锂电池、太阳能电池产量分别增长54.5%、43.1%): after 分别 the
//! k-th figure counts the k-th thing listed. Talks to `noun` for the noun runs and to `segment`
//! to tag a list item.

use super::noun::{noun_run_backward, trim_linking_tail, CHANGED_TO, LINKING};
use super::Metric;
use crate::segment::Segmenter;

/// 锂电池、太阳能电池、工业机器人产量分别增长54.5%、43.1%、86.3%: the k-th figure of a
/// series after 分别 counts the k-th of the things listed before it, when both lists are
/// equally long. A series is figures joined by 、 (the last perhaps by 和); `out` is in text
/// order. Rates listed before one shared rate word (美丽河湖、美丽海湾建成率) each take that word.
pub(super) fn respectively(text: &str, out: &mut [Metric]) {
    let mut i = 0;
    while i < out.len() {
        let j = series_end(text, out, i);
        if j - i >= 2 {
            if let Some(items) = respective_items(text, out[i].range.start, j - i) {
                let nouns: Vec<(String, String)> =
                    items.iter().map(|item| item_noun(item)).collect();
                let rate = out[i..j]
                    .iter()
                    .all(|m| m.unit == "%" || m.unit == "个百分点");
                // The last item's head word, shared by the items before it: 建成率 of
                // 美丽河湖、美丽海湾建成率; 进出口 of 对东盟、欧盟进出口; 产量 of 蔬菜、茶叶产量.
                let last = nouns.last();
                let rate_head = last
                    .filter(|(_, head)| rate && is_rate_word(head))
                    .map(|(_, head)| head.clone());
                let head = last
                    .filter(|(n, head)| n.len() > head.len())
                    .map(|(_, head)| head.clone());
                let k = nouns.len();
                for (idx, (m, (noun, _))) in out[i..j].iter_mut().zip(nouns).enumerate() {
                    let bare = noun.chars().count() <= 4 && !names_a_measure(&noun);
                    let noun = match (&rate_head, &head) {
                        (Some(h), _) if !noun.is_empty() && !is_rate_word(&noun) => noun + h,
                        (None, Some(h))
                            if idx + 1 < k && !noun.is_empty() && bare && !noun.ends_with(h) =>
                        {
                            noun + h
                        }
                        _ => noun,
                    };
                    if !noun.is_empty() {
                        m.noun = noun;
                    }
                }
            }
        }
        i = j;
    }
}

/// The noun an item of a 分别 list ends with, and that noun's last word (its head; 率 with the
/// word before it, as in 建成率).
fn item_noun(item: &str) -> (String, String) {
    // 民营贷款同比增速: the comparison word is not part of what is rated.
    let item = item.replace("同比", "").replace("环比", "");
    let tokens = Segmenter::global().tag(&item);
    // The last word that is not a linking word (人次年均 ends on 人次).
    let Some(last) = tokens.iter().rposition(|t| !LINKING.contains(&t.word)) else {
        return (String::new(), String::new());
    };
    let noun = trim_linking_tail(&noun_run_backward(&tokens, last)).to_owned();
    let head = match tokens[last].word {
        "率" if last > 0 => format!("{}率", tokens[last - 1].word),
        w => w.to_owned(),
    };
    (noun, head)
}

/// Whether a noun already names a quantity of its own (事故起数, 营业收入, 基础设施投资), so a
/// head shared by a list does not extend it.
fn names_a_measure(noun: &str) -> bool {
    is_rate_word(noun)
        || [
            "数", "量", "额", "值", "入", "价", "格", "资", "费", "出", "口", "模",
        ]
        .iter()
        .any(|s| noun.ends_with(s))
}

/// Words that name a rate or a share.
fn is_rate_word(w: &str) -> bool {
    ["率", "比重", "比例", "占比", "增速", "增幅"]
        .iter()
        .any(|r| w.ends_with(r))
}

/// The `n` things listed before 分别 in the clause of the figure at `first`, when only linking
/// words (增长, 达到, 为 …) stand between 分别 and the figure. Listed with 、, the last pair
/// perhaps with 和 (高中阶段和高等教育毛入学率).
fn respective_items(text: &str, first: usize, n: usize) -> Option<Vec<&str>> {
    let clause_start = text[..first]
        .rfind(['，', '。', '；', '：', '\n'])
        .map_or(0, |p| {
            p + text[p..].chars().next().map_or(1, char::len_utf8)
        });
    let lead = &text[clause_start..first];
    let at = lead.rfind("分别")?;
    let mut rest = &lead[at + "分别".len()..];
    while let Some(w) = LINKING
        .iter()
        .chain(CHANGED_TO.iter())
        .find(|w| rest.starts_with(**w))
    {
        rest = &rest[w.len()..];
    }
    if !rest.is_empty() {
        return None;
    }
    let subjects = &lead[..at];
    let items: Vec<&str> = subjects.split('、').collect();
    if items.len() == n {
        return Some(items);
    }
    let with_and: Vec<&str> = subjects.split(['、', '和']).collect();
    (with_and.len() == n).then_some(with_and)
}

/// The end of the series of figures starting at `out[i]`: the figures after it joined by 、 or
/// 和 (5.9%、8.9%和12%).
fn series_end(text: &str, out: &[Metric], i: usize) -> usize {
    let mut j = i + 1;
    while j < out.len()
        && out[j].range.start >= out[j - 1].range.end
        && matches!(
            text.get(out[j - 1].range.end..out[j].range.start),
            Some("、" | "和")
        )
    {
        j += 1;
    }
    j
}

/// 汽车产销分别完成267.2万辆和261.0万辆，同比分别增长28.1%和25.7%: a series of changes
/// after 分别, with no nouns of their own, in the clause right after a series of as many
/// figures: the k-th change is the change of the k-th figure, and counts what it counts.
pub(super) fn respective_changes(text: &str, out: &mut [Metric]) {
    let mut series: Vec<std::ops::Range<usize>> = Vec::new();
    let mut i = 0;
    while i < out.len() {
        let j = series_end(text, out, i);
        series.push(i..j);
        i = j;
    }
    for pair in series.windows(2) {
        let (figures, changes) = (&pair[0], &pair[1]);
        if figures.len() != changes.len() || figures.len() < 2 {
            continue;
        }
        let gap = text
            .get(out[figures.end - 1].range.end..out[changes.start].range.start)
            .unwrap_or("");
        // Only the comparison and its verb stand between: ，同比分别增长, ，分别比上年增长.
        let tight = gap.starts_with('，')
            && gap.contains("分别")
            && gap.chars().count() <= 12
            && !gap[3..].contains(['，', '。', '；', '：', '、']);
        let rates = out[changes.clone()]
            .iter()
            .all(|m| m.noun.is_empty() && (m.unit == "%" || m.unit == "个百分点"));
        let named = out[figures.clone()].iter().all(|m| !m.noun.is_empty());
        if tight && rates && named {
            for k in 0..figures.len() {
                out[changes.start + k].noun = out[figures.start + k].noun.clone();
            }
        }
    }
}
