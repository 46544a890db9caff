//! Corpus statistics over extraction records (`tifa stats`): slogan and literal term
//! frequencies by a facet (year, campaign, level, genre) and their trend across its groups, top
//! metric nouns, outline depth, per-record warnings and keyword in context. Records come in as
//! JSON values — read back from JSONL output or converted from a live run — so both inputs share
//! one path. `collect` aggregates, `terms` counts literal terms, `trend` pivots slogans and
//! terms by group, `kwic` finds a term in the documents' text, `render` prints the result; see
//! `docs/stats.md`.

pub mod collect;
pub mod kwic;
pub mod render;
mod terms;
pub mod trend;

pub use collect::Collector;

use serde_json::Value;

/// What slogan frequencies are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Facet {
    Year,
    Campaign,
    Level,
    Genre,
    /// One group for the whole corpus.
    None,
}

impl Facet {
    pub fn name(self) -> &'static str {
        match self {
            Facet::Year => "year",
            Facet::Campaign => "campaign",
            Facet::Level => "level",
            Facet::Genre => "genre",
            Facet::None => "corpus",
        }
    }
}

/// The parts of a report, in the order they are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Section {
    Overview,
    Slogans,
    Terms,
    Trend,
    Metrics,
    Depth,
    Warnings,
    Kwic,
}

impl Section {
    pub fn name(self) -> &'static str {
        match self {
            Section::Overview => "overview",
            Section::Slogans => "slogans",
            Section::Terms => "terms",
            Section::Trend => "trend",
            Section::Metrics => "metrics",
            Section::Depth => "depth",
            Section::Warnings => "warnings",
            Section::Kwic => "kwic",
        }
    }
}

#[derive(Debug, Clone)]
pub struct StatsOptions {
    pub by: Facet,
    /// Rows per group in the slogan table, and metric nouns listed.
    pub top: usize,
    /// Slogans (canonical form) for the trend table; empty: the `top` used by most documents.
    pub slogans: Vec<String>,
    /// Literal terms (normalized like the text) to count per group; empty leaves the terms
    /// section out and the trend to slogans.
    pub terms: Vec<String>,
    /// The trend as a long table (a row per slogan or term and group) instead of a wide one.
    pub long: bool,
    /// Term to show in context; `None` leaves the kwic section out.
    pub kwic: Option<String>,
    /// Characters of context on each side of a kwic hit.
    pub context: usize,
}

impl Default for StatsOptions {
    fn default() -> Self {
        StatsOptions {
            by: Facet::Year,
            top: 10,
            slogans: Vec::new(),
            terms: Vec::new(),
            long: false,
            kwic: None,
            context: 15,
        }
    }
}

/// One table of a report: typed cells (strings and integers) so every format can render it.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub section: Section,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// The finished statistics: one table per section.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub tables: Vec<Table>,
}

impl Report {
    pub fn table(&self, section: Section) -> Option<&Table> {
        self.tables.iter().find(|t| t.section == section)
    }

    /// Keep only the given sections (all when `only` is empty).
    pub fn select(mut self, only: &[Section]) -> Report {
        if !only.is_empty() {
            self.tables.retain(|t| only.contains(&t.section));
        }
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatsError {
    /// This option (`--kwic`, `--term`) was given but no document carried its text.
    NeedsText(&'static str),
}

impl std::fmt::Display for StatsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StatsError::NeedsText(option) => write!(
                f,
                "{option} needs the documents' text, which this extraction output does not \
                 hold: give a corpus file or folder (tifa stats corpus/ {option} TERM), or an \
                 output of `tifa extract --text`"
            ),
        }
    }
}

impl std::error::Error for StatsError {}

/// Where a document's year came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSource {
    /// The first of the document's `dates` (delivery or publication).
    Dates,
    /// A year written in the title (2021年政府工作报告).
    Title,
    Unknown,
}

/// The year of a document: the year of the first entry of `dates`; else the first year written
/// in the title as 19xx年 or 20xx年; else none. Dates in the body are not used: on the news
/// corpus the most frequent, first or latest body date gives the broadcast's year in under half
/// of the documents (anniversaries, targets, past events).
pub fn document_year(doc: &Value) -> (Option<String>, YearSource) {
    let first_date = doc
        .get("dates")
        .and_then(Value::as_array)
        .and_then(|d| d.first())
        .and_then(Value::as_str)
        .and_then(|s| s.get(..4))
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()));
    if let Some(y) = first_date {
        return (Some(y.to_owned()), YearSource::Dates);
    }
    let title = doc.get("title").and_then(Value::as_str).unwrap_or("");
    match title_year(title) {
        Some(y) => (Some(y), YearSource::Title),
        None => (None, YearSource::Unknown),
    }
}

/// The first 19xx年 / 20xx年 of a title, not part of a longer number.
fn title_year(title: &str) -> Option<String> {
    let chars: Vec<char> = title.chars().collect();
    (0..chars.len().saturating_sub(4)).find_map(|i| {
        let y = &chars[i..i + 4];
        let digits = y.iter().all(char::is_ascii_digit);
        let century = matches!(y[..2], ['1', '9'] | ['2', '0']);
        let before_digit = i > 0 && chars[i - 1].is_ascii_digit();
        (digits && century && !before_digit && chars[i + 4] == '年').then(|| y.iter().collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn year_from_dates_first() {
        let d = json!({"dates": ["2013-08-20", "2014-01-01"], "title": "2020年工作报告"});
        assert_eq!(document_year(&d), (Some("2013".into()), YearSource::Dates));
    }

    #[test]
    fn year_from_title_else_unknown() {
        let d =
            json!({"dates": [], "title": "政府工作报告——2024年3月5日在第十四届全国人民代表大会"});
        assert_eq!(document_year(&d), (Some("2024".into()), YearSource::Title));
        let d = json!({"dates": [], "title": "12020年"});
        assert_eq!(document_year(&d), (None, YearSource::Unknown));
        let d = json!({"dates": [], "title": null, "date_mentions": [{"iso": "2020-05-01"}]});
        assert_eq!(document_year(&d), (None, YearSource::Unknown));
    }
}
