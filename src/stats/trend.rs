//! The trend table: how the share of documents using each slogan, or containing each literal
//! term, rises and falls across the groups of the facet (years, campaigns, levels, genres),
//! one row a slogan or term, one column a group. Reads the counts `collect` and `terms` keep;
//! knows nothing of records.

use super::collect::Usage;
use super::{Facet, Section, Table};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Label of the first row, which gives each group's number of documents (the base of its shares).
pub const DOCUMENTS_ROW: &str = "(documents)";

/// Counts per (group, slogan or term).
pub(super) type Counts = BTreeMap<(String, String), Usage>;

/// The counts of `name` in `group`; `None` where no document of the group uses it.
pub(super) fn usage<'c>(counts: &'c Counts, group: &str, name: &str) -> Option<&'c Usage> {
    counts.get(&(group.to_owned(), name.to_owned()))
}

/// The `names` that no document of any group uses, in the order given.
pub(super) fn unused<'a>(counts: &Counts, names: &'a [String]) -> Vec<&'a str> {
    names
        .iter()
        .filter(|n| !counts.keys().any(|(_, k)| k == *n))
        .map(String::as_str)
        .collect()
}

/// The rows of a trend: slogans (canonical form) and literal terms, each with its counts.
pub(super) struct Rows<'a> {
    pub(super) slogans: &'a [String],
    pub(super) slogan_counts: &'a Counts,
    pub(super) terms: &'a [String],
    pub(super) term_counts: &'a Counts,
}

impl Rows<'_> {
    /// Name of the first column: what the rows are.
    fn label(&self) -> &'static str {
        match (self.slogans.is_empty(), self.terms.is_empty()) {
            (_, true) => "slogan",
            (true, false) => "term",
            (false, false) => "slogan_or_term",
        }
    }

    /// Slogans first, then terms, each with its counts.
    fn each(&self) -> impl Iterator<Item = (&String, &Counts)> {
        let slogans = self.slogans.iter().map(|s| (s, self.slogan_counts));
        slogans.chain(self.terms.iter().map(|t| (t, self.term_counts)))
    }
}

/// The `top` slogans used by most documents over the whole corpus (then by occurrences, then
/// by name): the trend's rows when none are asked for.
pub(super) fn top_slogans(counts: &Counts, top: usize) -> Vec<String> {
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
}

/// `groups`: the facet's groups in report order with their documents.
pub(super) fn trend_table(by: Facet, groups: &[(&String, usize)], series: &Rows) -> Table {
    let mut rows: Vec<Vec<Value>> = Vec::new();
    let mut sizes = vec![json!(DOCUMENTS_ROW)];
    sizes.extend(groups.iter().map(|(_, n)| json!(n)));
    rows.push(sizes);
    for (name, counts) in series.each() {
        let mut row = vec![json!(name)];
        for (group, docs) in groups {
            let used = usage(counts, group, name).map_or(0, |c| c.documents);
            row.push(json!(percent(used, *docs)));
        }
        rows.push(row);
    }
    let label = series.label();
    let mut columns = vec![label.to_owned()];
    columns.extend(groups.iter().map(|(g, _)| (*g).clone()));
    let by = by.name();
    let title = match label {
        "slogan" => format!("Slogan trend by {by} (% of the {by}'s documents using it)"),
        "term" => format!("Term trend by {by} (% of the {by}'s documents containing it)"),
        _ => format!(
            "Slogan and term trend by {by} (% of the {by}'s documents using or containing it; \
             slogans first, then terms)"
        ),
    };
    Table {
        section: Section::Trend,
        title,
        columns,
        rows,
    }
}

/// The trend as a tidy long table (`--long`): one row per slogan or term and group, in the wide
/// table's row order then group order, with the counts behind each share, so a plotting
/// library reads it without melting and the counts are not percentages.
pub(super) fn trend_long_table(by: Facet, groups: &[(&String, usize)], series: &Rows) -> Table {
    let mut rows: Vec<Vec<Value>> = Vec::new();
    for (name, counts) in series.each() {
        for (group, docs) in groups {
            let used = usage(counts, group, name).map_or(0, |c| c.documents);
            rows.push(vec![
                json!(group),
                json!(name),
                json!(used),
                json!(docs),
                json!(percent(used, *docs)),
            ]);
        }
    }
    let by = by.name();
    Table {
        section: Section::Trend,
        title: format!(
            "Trend by {by}, one row per {} and {by} (share: % of the {by}'s documents)",
            series.label().replace('_', " ")
        ),
        columns: [
            "group",
            "slogan_or_term",
            "documents",
            "docs_in_group",
            "share",
        ]
        .map(String::from)
        .to_vec(),
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

    fn counts(v: &[(&str, &str, usize, usize)]) -> Counts {
        v.iter()
            .map(|&(g, s, documents, occurrences)| {
                (
                    (g.to_owned(), s.to_owned()),
                    Usage {
                        documents,
                        occurrences,
                    },
                )
            })
            .collect()
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
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
        let none = Counts::new();
        let top = top_slogans(&c, 2);
        assert_eq!(top, ["十四五", "十五五"]);
        let rows = Rows {
            slogans: &top,
            slogan_counts: &c,
            terms: &[],
            term_counts: &none,
        };
        let t = trend_table(Facet::Year, &groups, &rows);
        assert_eq!(t.columns, vec!["slogan", "2024", "2025"]);
        assert_eq!(
            t.rows,
            vec![
                vec![json!(DOCUMENTS_ROW), json!(4), json!(3)],
                vec![json!("十四五"), json!(75.0), json!(33.3)],
                vec![json!("十五五"), json!(0.0), json!(100.0)],
            ]
        );
        // Asked-for slogans come in the order given, unused ones too; terms after them, from
        // their own counts.
        let asked = strings(&["两不误", "四个一"]);
        let terms = strings(&["十四五"]);
        let term_counts = counts(&[("2025", "十四五", 2, 2)]);
        let rows = Rows {
            slogans: &asked,
            slogan_counts: &c,
            terms: &terms,
            term_counts: &term_counts,
        };
        let t = trend_table(Facet::Year, &groups, &rows);
        assert_eq!(t.columns[0], "slogan_or_term");
        let firsts: Vec<&Value> = t.rows.iter().map(|r| &r[0]).collect();
        assert_eq!(
            firsts,
            [
                &json!(DOCUMENTS_ROW),
                &json!("两不误"),
                &json!("四个一"),
                &json!("十四五")
            ]
        );
        assert_eq!(t.rows[2][1], json!(0.0));
        assert_eq!(t.rows[3][1..], [json!(0.0), json!(66.7)]);

        // Long: the same shares with their counts, a row per (slogan or term, group).
        let t = trend_long_table(Facet::Year, &groups, &rows);
        assert_eq!(
            t.columns,
            [
                "group",
                "slogan_or_term",
                "documents",
                "docs_in_group",
                "share"
            ]
        );
        let row = |g: &str, s: &str, d: usize, n: usize, p: f64| {
            vec![json!(g), json!(s), json!(d), json!(n), json!(p)]
        };
        assert_eq!(
            t.rows,
            vec![
                row("2024", "两不误", 1, 4, 25.0),
                row("2025", "两不误", 0, 3, 0.0),
                row("2024", "四个一", 0, 4, 0.0),
                row("2025", "四个一", 0, 3, 0.0),
                row("2024", "十四五", 0, 4, 0.0),
                row("2025", "十四五", 2, 3, 66.7),
            ]
        );
    }
}
