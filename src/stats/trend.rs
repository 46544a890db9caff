//! The trend table: how the share of documents using each slogan rises and falls across the
//! groups of the facet (years, campaigns, levels, genres), one row a slogan, one column a
//! group. Reads the counts `collect` keeps; knows nothing of records.

use super::collect::SloganCount;
use super::{Facet, Section, Table};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Label of the first row, which gives each group's number of documents (the base of its shares).
pub const DOCUMENTS_ROW: &str = "(documents)";

/// `groups`: the facet's groups in report order with their documents; `counts`: per
/// (group, canonical slogan); `chosen`: the slogans asked for, in canonical form (empty: the
/// `top` slogans used by most documents over the whole corpus).
pub(super) fn trend_table(
    by: Facet,
    groups: &[(&String, usize)],
    counts: &BTreeMap<(String, String), SloganCount>,
    chosen: &[String],
    top: usize,
) -> Table {
    let slogans: Vec<String> = if chosen.is_empty() {
        let mut totals: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for ((_, slogan), n) in counts {
            let t = totals.entry(slogan).or_default();
            t.0 += n.documents;
            t.1 += n.occurrences;
        }
        let mut ranked: Vec<(&str, (usize, usize))> = totals.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        ranked
            .into_iter()
            .take(top)
            .map(|(s, _)| s.to_owned())
            .collect()
    } else {
        chosen.to_vec()
    };
    let mut rows: Vec<Vec<Value>> = Vec::with_capacity(slogans.len() + 1);
    let mut sizes = vec![json!(DOCUMENTS_ROW)];
    sizes.extend(groups.iter().map(|(_, n)| json!(n)));
    rows.push(sizes);
    for slogan in &slogans {
        let mut row = vec![json!(slogan)];
        for (group, docs) in groups {
            let used = counts
                .get(&((*group).clone(), slogan.clone()))
                .map_or(0, |c| c.documents);
            row.push(json!(percent(used, *docs)));
        }
        rows.push(row);
    }
    let mut columns = vec!["slogan".to_owned()];
    columns.extend(groups.iter().map(|(g, _)| (*g).clone()));
    let by = by.name();
    Table {
        section: Section::Trend,
        title: format!("Slogan trend by {by} (% of the {by}'s documents using it)"),
        columns,
        rows,
    }
}

/// `part` of `whole` in percent, to one decimal (0 for an empty whole).
fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    (part as f64 * 1000.0 / whole as f64).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(v: &[(&str, &str, usize, usize)]) -> BTreeMap<(String, String), SloganCount> {
        v.iter()
            .map(|&(g, s, documents, occurrences)| {
                (
                    (g.to_owned(), s.to_owned()),
                    SloganCount {
                        documents,
                        occurrences,
                    },
                )
            })
            .collect()
    }

    #[test]
    fn shares_per_group_with_the_group_sizes_first() {
        let (y1, y2) = ("2024".to_owned(), "2025".to_owned());
        let groups = [(&y1, 4), (&y2, 3)];
        let c = counts(&[
            ("2024", "十四五", 3, 9),
            ("2025", "十四五", 1, 1),
            ("2025", "十五五", 3, 7),
            ("2024", "两不误", 1, 1),
        ]);
        let t = trend_table(Facet::Year, &groups, &c, &[], 2);
        assert_eq!(t.columns, vec!["slogan", "2024", "2025"]);
        assert_eq!(
            t.rows,
            vec![
                vec![json!(DOCUMENTS_ROW), json!(4), json!(3)],
                vec![json!("十四五"), json!(75.0), json!(33.3)],
                vec![json!("十五五"), json!(0.0), json!(100.0)],
            ]
        );
        // Asked-for slogans come in the order given, unused ones too.
        let t = trend_table(
            Facet::Year,
            &groups,
            &c,
            &["两不误".to_owned(), "四个一".to_owned()],
            2,
        );
        let firsts: Vec<&Value> = t.rows.iter().map(|r| &r[0]).collect();
        assert_eq!(
            firsts,
            [&json!(DOCUMENTS_ROW), &json!("两不误"), &json!("四个一")]
        );
        assert_eq!(t.rows[2][1], json!(0.0));
    }
}
