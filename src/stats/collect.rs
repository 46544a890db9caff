//! Aggregation: a `Collector` takes records one at a time (constant memory per record, only
//! counts kept) and turns its counts into the report's tables. Output order is fixed by the sort
//! keys below, never by input or hash order.

use super::kwic::{kwic, KwicLine};
use super::terms::TermCounts;
use super::trend::{self, Counts};
use super::{document_year, Facet, Report, Section, StatsError, StatsOptions, Table, YearSource};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Group label of documents whose facet value is unknown; listed last.
pub const UNKNOWN: &str = "unknown";

/// How much a slogan or term is used in a group: documents using it, and its occurrences.
#[derive(Default)]
pub(super) struct Usage {
    pub(super) documents: usize,
    pub(super) occurrences: usize,
}

#[derive(Default)]
struct NounCount {
    metrics: usize,
    documents: usize,
    units: BTreeMap<String, usize>,
}

/// Which record a row comes from: its file, its JSONL id (empty for other inputs) and its
/// place in the input, which orders the records of one JSONL file as they were read: ids need
/// not sort that way, and each record's char offsets start again at 0.
#[derive(Clone)]
struct Origin {
    file: String,
    id: String,
    record: usize,
}

/// A record-level problem: an error record or a warning.
struct Problem {
    origin: Origin,
    kind: &'static str,
    message: String,
}

struct Hit {
    origin: Origin,
    doc: u64,
    line: KwicLine,
}

#[derive(Default)]
pub struct Collector {
    opts: StatsOptions,
    /// Records read: one per input file, one per line of a JSONL input (`extract --jsonl`).
    records: usize,
    /// Distinct `file` names, which the records of one JSONL file share.
    files: BTreeSet<String>,
    errors: usize,
    documents: usize,
    year_sources: [usize; 3],
    group_docs: BTreeMap<String, usize>,
    slogans: Counts,
    terms: TermCounts,
    slogan_occurrences: usize,
    nouns: BTreeMap<String, NounCount>,
    metrics: usize,
    metrics_without_noun: usize,
    units_at_depth: BTreeMap<u64, usize>,
    docs_by_max_depth: BTreeMap<u64, usize>,
    problems: Vec<Problem>,
    hits: Vec<Hit>,
    docs_with_text: usize,
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn array<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

impl Origin {
    fn sort_key(&self) -> (&str, usize) {
        (&self.file, self.record)
    }
}

impl Collector {
    pub fn new(opts: StatsOptions) -> Self {
        Collector {
            opts,
            ..Default::default()
        }
    }

    /// Documents counted so far.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// Count one `tifa/1` record.
    pub fn add(&mut self, record: &Value) {
        self.records += 1;
        let origin = Origin {
            file: str_of(record, "file").to_owned(),
            id: str_of(record, "id").to_owned(),
            record: self.records,
        };
        if !self.files.contains(&origin.file) {
            self.files.insert(origin.file.clone());
        }
        if str_of(record, "status") == "error" {
            self.errors += 1;
            self.problems.push(Problem {
                origin: origin.clone(),
                kind: "error",
                message: str_of(record, "error").to_owned(),
            });
        }
        for w in array(record, "warnings") {
            self.problems.push(Problem {
                origin: origin.clone(),
                kind: "warning",
                message: w.as_str().unwrap_or("").to_owned(),
            });
        }
        for doc in array(record, "documents") {
            self.add_document(&origin, doc);
        }
    }

    fn group_of(&mut self, doc: &Value) -> String {
        let (year, source) = document_year(doc);
        self.year_sources[source as usize] += 1;
        let value = match self.opts.by {
            Facet::Year => year,
            Facet::None => Some("all".to_owned()),
            f => doc.get(f.name()).and_then(Value::as_str).map(str::to_owned),
        };
        value
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| UNKNOWN.to_owned())
    }

    fn add_document(&mut self, origin: &Origin, doc: &Value) {
        self.documents += 1;
        let group = self.group_of(doc);
        *self.group_docs.entry(group.clone()).or_default() += 1;

        // One stretch of text can yield entries of two kinds with the same canonical form:
        // an occurrence is a (canonical, span) pair.
        let mut seen: BTreeSet<(&str, u64, u64)> = BTreeSet::new();
        for s in array(doc, "slogans") {
            let canonical = str_of(s, "canonical");
            let span = |k: &str| s["span"].get(k).and_then(Value::as_u64).unwrap_or(0);
            if canonical.is_empty() || !seen.insert((canonical, span("start"), span("end"))) {
                continue;
            }
            self.slogan_occurrences += 1;
            let c = self
                .slogans
                .entry((group.clone(), canonical.to_owned()))
                .or_default();
            c.occurrences += 1;
        }
        let distinct: BTreeSet<&str> = seen.iter().map(|(c, ..)| *c).collect();
        for c in distinct {
            if let Some(n) = self.slogans.get_mut(&(group.clone(), c.to_owned())) {
                n.documents += 1;
            }
        }

        let mut doc_nouns: BTreeSet<&str> = BTreeSet::new();
        for m in array(doc, "metrics") {
            self.metrics += 1;
            let noun = str_of(m, "noun");
            if noun.is_empty() {
                self.metrics_without_noun += 1;
                continue;
            }
            let n = self.nouns.entry(noun.to_owned()).or_default();
            n.metrics += 1;
            *n.units.entry(str_of(m, "unit").to_owned()).or_default() += 1;
            if doc_nouns.insert(noun) {
                n.documents += 1;
            }
        }

        let mut max_depth = 0;
        for u in array(doc, "outline") {
            let d = u.get("depth").and_then(Value::as_u64).unwrap_or(0);
            *self.units_at_depth.entry(d).or_default() += 1;
            max_depth = max_depth.max(d);
        }
        *self.docs_by_max_depth.entry(max_depth).or_default() += 1;

        if let Some(text) = doc.get("text").and_then(Value::as_str) {
            self.docs_with_text += 1;
            self.terms.add(&group, text, &self.opts.terms);
            if let Some(term) = &self.opts.kwic {
                let start = doc["span"]
                    .get("start")
                    .and_then(Value::as_u64)
                    .unwrap_or(0);
                let id = doc.get("id").and_then(Value::as_u64).unwrap_or(0);
                for line in kwic(text, start as usize, term, self.opts.context) {
                    self.hits.push(Hit {
                        origin: origin.clone(),
                        doc: id,
                        line,
                    });
                }
            }
        }
    }

    /// Documents whose text was at hand (for `--kwic` and `--term`).
    pub fn documents_with_text(&self) -> usize {
        self.docs_with_text
    }

    /// The asked-for slogans and terms that no document uses, in the order given.
    pub fn unused(&self) -> (Vec<&str>, Vec<&str>) {
        (
            trend::unused(&self.slogans, &self.opts.slogans),
            self.terms.unused(&self.opts.terms),
        )
    }

    /// The tables. Fails only when a kwic term or `--term` was asked for and no document had
    /// its text.
    pub fn report(mut self) -> Result<Report, StatsError> {
        if self.docs_with_text == 0 && self.documents > 0 {
            if self.opts.kwic.is_some() {
                return Err(StatsError::NeedsText("--kwic"));
            }
            if !self.opts.terms.is_empty() {
                return Err(StatsError::NeedsText("--term"));
            }
        }
        let groups = self.ordered_groups();
        // --term alone shows the terms instead of the top slogans; with --slogan, both.
        let slogans = match (self.opts.slogans.is_empty(), self.opts.terms.is_empty()) {
            (false, _) => self.opts.slogans.clone(),
            (true, true) => trend::top_slogans(&self.slogans, self.opts.top),
            (true, false) => Vec::new(),
        };
        let rows = trend::Rows {
            slogans: &slogans,
            slogan_counts: &self.slogans,
            terms: &self.opts.terms,
            term_counts: &self.terms.counts,
        };
        let mut tables = vec![self.overview(), self.slogan_table()];
        if !self.opts.terms.is_empty() {
            tables.push(self.terms.table(self.opts.by, &groups, &self.opts.terms));
        }
        tables.extend([
            if self.opts.long {
                trend::trend_long_table(self.opts.by, &groups, &rows)
            } else {
                trend::trend_table(self.opts.by, &groups, &rows)
            },
            self.noun_table(),
            self.depth_table(),
        ]);
        tables.push(self.problem_table());
        if let Some(term) = self.opts.kwic.clone() {
            tables.push(self.kwic_table(&term));
        }
        Ok(Report { tables })
    }

    fn overview(&self) -> Table {
        let distinct: BTreeSet<&str> = self.slogans.keys().map(|(_, c)| c.as_str()).collect();
        let records_warned: BTreeSet<usize> = self
            .problems
            .iter()
            .filter(|p| p.kind == "warning")
            .map(|p| p.origin.record)
            .collect();
        let rows: Vec<(&str, usize)> = vec![
            ("files", self.files.len()),
            ("records", self.records),
            ("records with errors", self.errors),
            ("records with warnings", records_warned.len()),
            ("documents", self.documents),
            (
                "documents dated by their dates",
                self.year_sources[YearSource::Dates as usize],
            ),
            (
                "documents dated by their title",
                self.year_sources[YearSource::Title as usize],
            ),
            (
                "documents without a year",
                self.year_sources[YearSource::Unknown as usize],
            ),
            ("slogan occurrences", self.slogan_occurrences),
            ("distinct slogans", distinct.len()),
            ("metrics", self.metrics),
            ("metrics without a noun", self.metrics_without_noun),
            ("outline units", self.units_at_depth.values().sum()),
            // Text is kept only where it is needed (--kwic, --term, or an output of
            // extract --text).
            (
                "documents with text for kwic and terms",
                self.docs_with_text,
            ),
        ];
        Table {
            section: Section::Overview,
            title: "Overview".into(),
            columns: vec!["measure".into(), "value".into()],
            rows: rows
                .into_iter()
                .map(|(k, v)| vec![json!(k), json!(v)])
                .collect(),
        }
    }

    /// Groups in report order: years ascending, other facets by documents (most first) then
    /// name; `unknown` last.
    fn ordered_groups(&self) -> Vec<(&String, usize)> {
        let mut groups: Vec<(&String, usize)> =
            self.group_docs.iter().map(|(g, n)| (g, *n)).collect();
        let by_year = self.opts.by == Facet::Year;
        groups.sort_by(|a, b| {
            (a.0 == UNKNOWN)
                .cmp(&(b.0 == UNKNOWN))
                .then_with(|| if by_year { a.0.cmp(b.0) } else { b.1.cmp(&a.1) })
                .then_with(|| a.0.cmp(b.0))
        });
        groups
    }

    fn slogan_table(&self) -> Table {
        let mut rows = Vec::new();
        for (group, group_docs) in self.ordered_groups() {
            let mut in_group: Vec<(&str, &Usage)> = self
                .slogans
                .range((group.clone(), String::new())..)
                .take_while(|((g, _), _)| g == group)
                .map(|((_, c), n)| (c.as_str(), n))
                .collect();
            in_group.sort_by(|a, b| {
                (b.1.documents, b.1.occurrences)
                    .cmp(&(a.1.documents, a.1.occurrences))
                    .then_with(|| a.0.cmp(b.0))
            });
            for (slogan, n) in in_group.into_iter().take(self.opts.top) {
                rows.push(vec![
                    json!(group),
                    json!(group_docs),
                    json!(slogan),
                    json!(n.documents),
                    json!(n.occurrences),
                ]);
            }
        }
        let by = self.opts.by.name();
        Table {
            section: Section::Slogans,
            title: format!("Slogans by {by} (top {} per {by})", self.opts.top),
            columns: [by, "docs_in_group", "slogan", "documents", "occurrences"]
                .map(String::from)
                .to_vec(),
            rows,
        }
    }

    fn noun_table(&self) -> Table {
        let mut nouns: Vec<(&String, &NounCount)> = self.nouns.iter().collect();
        nouns.sort_by(|a, b| {
            (b.1.metrics, b.1.documents)
                .cmp(&(a.1.metrics, a.1.documents))
                .then_with(|| a.0.cmp(b.0))
        });
        let rows = nouns
            .into_iter()
            .take(self.opts.top)
            .map(|(noun, n)| {
                // Most frequent unit; ties to the first in sort order (BTreeMap iterates sorted,
                // max_by_key keeps the last maximum, so iterate in reverse).
                let unit = n
                    .units
                    .iter()
                    .rev()
                    .max_by_key(|(_, c)| **c)
                    .map_or("", |(u, _)| u.as_str());
                vec![
                    json!(noun),
                    json!(n.metrics),
                    json!(n.documents),
                    json!(unit),
                ]
            })
            .collect();
        Table {
            section: Section::Metrics,
            title: format!("Metric nouns (top {})", self.opts.top),
            columns: ["noun", "metrics", "documents", "top_unit"]
                .map(String::from)
                .to_vec(),
            rows,
        }
    }

    fn depth_table(&self) -> Table {
        let deepest = self
            .units_at_depth
            .keys()
            .chain(self.docs_by_max_depth.keys())
            .max()
            .copied()
            .unwrap_or(0);
        let rows = (0..=deepest)
            .map(|d| {
                let units = self.units_at_depth.get(&d).copied().unwrap_or(0);
                let docs = self.docs_by_max_depth.get(&d).copied().unwrap_or(0);
                vec![json!(d), json!(units), json!(docs)]
            })
            .collect();
        Table {
            section: Section::Depth,
            title: "Outline depth (units at each depth; documents whose deepest unit is there, 0 = no outline)".into(),
            columns: ["depth", "units", "documents"].map(String::from).to_vec(),
            rows,
        }
    }

    fn problem_table(&mut self) -> Table {
        // Stable sort: a record's warnings keep their order.
        self.problems
            .sort_by(|a, b| a.origin.sort_key().cmp(&b.origin.sort_key()));
        let rows = self
            .problems
            .iter()
            .map(|p| {
                vec![
                    json!(p.origin.file),
                    json!(p.origin.id),
                    json!(p.kind),
                    json!(p.message),
                ]
            })
            .collect();
        Table {
            section: Section::Warnings,
            title: "Per-record errors and warnings".into(),
            columns: ["file", "id", "kind", "message"].map(String::from).to_vec(),
            rows,
        }
    }

    fn kwic_table(&mut self, term: &str) -> Table {
        self.hits.sort_by(|a, b| {
            (a.origin.sort_key(), a.doc, a.line.start).cmp(&(
                b.origin.sort_key(),
                b.doc,
                b.line.start,
            ))
        });
        let rows = self
            .hits
            .iter()
            .map(|h| {
                vec![
                    json!(h.origin.file),
                    json!(h.origin.id),
                    json!(h.doc),
                    json!(h.line.start),
                    json!(h.line.left),
                    json!(h.line.hit),
                    json!(h.line.right),
                ]
            })
            .collect();
        Table {
            section: Section::Kwic,
            title: format!("Keyword in context: {term}"),
            columns: ["file", "id", "doc", "start", "left", "term", "right"]
                .map(String::from)
                .to_vec(),
            rows,
        }
    }
}
