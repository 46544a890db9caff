//! Literal terms (`--term`): how many documents of each group contain a term and how often it
//! occurs, counted in the documents' normalized text with kwic's matcher. The slogan counts
//! see only what the slogan extractor recognises; a term is any formulation (新质生产力,
//! 中国式现代化), so these are what "which formulations rise and fall" needs.

use super::kwic;
use super::trend::{self, Counts};
use super::{Facet, Section, Table};
use serde_json::json;

/// Per (group, term): documents containing the term, and its occurrences in them. Groups and
/// terms without a hit have no entry.
#[derive(Default)]
pub(super) struct TermCounts {
    pub(super) counts: Counts,
}

impl TermCounts {
    /// Count `terms` (normalized like the text) in one document's normalized text.
    pub(super) fn add(&mut self, group: &str, text: &str, terms: &[String]) {
        for term in terms {
            let n = kwic::count(text, term);
            if n > 0 {
                let u = self
                    .counts
                    .entry((group.to_owned(), term.clone()))
                    .or_default();
                u.documents += 1;
                u.occurrences += n;
            }
        }
    }

    /// The terms no document contains, in the order given.
    pub(super) fn unused<'a>(&self, terms: &'a [String]) -> Vec<&'a str> {
        trend::unused(&self.counts, terms)
    }

    /// One row per group (in report order) and term (in the order given), zeros included: a
    /// term's absence from a year is as much the finding as its presence.
    pub(super) fn table(&self, by: Facet, groups: &[(&String, usize)], terms: &[String]) -> Table {
        let mut rows = Vec::with_capacity(groups.len() * terms.len());
        for (group, docs) in groups {
            for term in terms {
                let u = trend::usage(&self.counts, group, term);
                rows.push(vec![
                    json!(group),
                    json!(docs),
                    json!(term),
                    json!(u.map_or(0, |u| u.documents)),
                    json!(u.map_or(0, |u| u.occurrences)),
                ]);
            }
        }
        let by = by.name();
        Table {
            section: Section::Terms,
            title: format!("Terms by {by} (documents containing each, and its occurrences)"),
            columns: [by, "docs_in_group", "term", "documents", "occurrences"]
                .map(String::from)
                .to_vec(),
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_and_occurrences_per_group_with_zeros() {
        let terms = ["新质生产力".to_owned(), "两重".to_owned()];
        let mut c = TermCounts::default();
        c.add("2023", "发展新质生产力。", &terms);
        c.add("2024", "新质生产力、新质生产力，两重两新。", &terms);
        c.add("2024", "两新。", &terms);
        let (y1, y2) = ("2023".to_owned(), "2024".to_owned());
        let t = c.table(Facet::Year, &[(&y1, 1), (&y2, 2)], &terms);
        assert_eq!(
            t.rows,
            vec![
                vec![
                    json!("2023"),
                    json!(1),
                    json!("新质生产力"),
                    json!(1),
                    json!(1)
                ],
                vec![json!("2023"), json!(1), json!("两重"), json!(0), json!(0)],
                vec![
                    json!("2024"),
                    json!(2),
                    json!("新质生产力"),
                    json!(1),
                    json!(2)
                ],
                vec![json!("2024"), json!(2), json!("两重"), json!(1), json!(1)],
            ]
        );
        let more = ["两重".to_owned(), "中国式现代化".to_owned()];
        assert_eq!(c.unused(&more), ["中国式现代化"]);
    }
}
