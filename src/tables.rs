//! Tidy CSV tables of extraction output (`tifa extract --csv DIR`): one file per element kind,
//! one row per element, keyed by file and document id. Reads records as JSON values, so the same
//! writer serves a live run (`write`) and a rebuild from an existing JSONL output (`write_value`).
//! Columns are documented in `docs/tables.md`. The files are written all or nothing
//! (`TableFolder`).

mod folder;

pub use folder::{csv_writer, prepare_dir, TableFolder, TableId};

use crate::record::FileRecord;
use crate::stats::{document_year, YearSource};
use serde_json::Value;
use std::io;
use std::path::Path;

/// Separator of list-valued cells (dates, slogan items, list items, warnings).
pub const LIST_SEP: char = '|';

/// The span columns every element table ends with.
const SPAN: [&str; 4] = ["start", "end", "byte_start", "byte_end"];

/// One table: its file name, its columns after `file, doc`, and how a row is read from an element.
struct TableDef {
    name: &'static str,
    /// Key of the document array the rows come from; `None` for `documents.csv`.
    element: Option<&'static str>,
    /// Name of the element index column (position in the document's array).
    index: &'static str,
    /// Columns between the index and the span columns: (header, JSON key, how to format).
    columns: &'static [(&'static str, &'static str, Cell)],
}

/// How a JSON value becomes a CSV cell.
#[derive(Clone, Copy)]
enum Cell {
    /// Strings as they are, numbers and booleans as JSON writes them, null as empty.
    Plain,
    /// An array of strings or numbers joined with `LIST_SEP`.
    Joined,
    /// An array of numbers joined with `.` (an outline path: `2.1.3`).
    Path,
}

const ELEMENT_TABLES: [TableDef; 8] = [
    TableDef {
        name: "outline",
        element: Some("outline"),
        index: "unit",
        columns: &[
            ("marker", "marker", Cell::Plain),
            ("style", "style", Cell::Plain),
            ("number", "number", Cell::Plain),
            ("depth", "depth", Cell::Plain),
            ("parent", "parent", Cell::Plain),
            ("path", "path", Cell::Path),
            ("text", "text", Cell::Plain),
            ("lead", "lead", Cell::Plain),
        ],
    },
    TableDef {
        name: "lists",
        element: Some("lists"),
        index: "list",
        columns: &[
            ("intro", "intro", Cell::Plain),
            ("announced", "announced", Cell::Plain),
            ("found", "found", Cell::Plain),
            ("items", "items", Cell::Joined),
        ],
    },
    TableDef {
        name: "slogans",
        element: Some("slogans"),
        index: "slogan",
        columns: &[
            ("text", "text", Cell::Plain),
            ("canonical", "canonical", Cell::Plain),
            ("kind", "kind", Cell::Plain),
            ("count", "count", Cell::Plain),
            ("items", "items", Cell::Joined),
        ],
    },
    TableDef {
        name: "terms",
        element: Some("terms"),
        index: "term",
        columns: &[("text", "text", Cell::Plain)],
    },
    TableDef {
        name: "metrics",
        element: Some("metrics"),
        index: "metric",
        columns: &[
            ("text", "text", Cell::Plain),
            ("value", "value", Cell::Plain),
            ("max", "max", Cell::Plain),
            ("unit", "unit", Cell::Plain),
            ("noun", "noun", Cell::Plain),
            ("approx", "approx", Cell::Plain),
            ("indicators", "indicators", Cell::Joined),
        ],
    },
    TableDef {
        name: "requirements",
        element: Some("requirements"),
        index: "requirement",
        columns: &[
            ("actor", "actor", Cell::Plain),
            ("modality", "modality", Cell::Plain),
            ("text", "text", Cell::Plain),
            ("path", "path", Cell::Path),
            ("duty", "duty", Cell::Plain),
            ("source", "source", Cell::Plain),
        ],
    },
    TableDef {
        name: "date_mentions",
        element: Some("date_mentions"),
        index: "mention",
        columns: &[
            ("text", "text", Cell::Plain),
            ("kind", "kind", Cell::Plain),
            ("iso", "iso", Cell::Plain),
        ],
    },
    TableDef {
        name: "placeholders",
        element: Some("placeholders"),
        index: "placeholder",
        columns: &[("text", "text", Cell::Plain)],
    },
];

/// Document metadata columns of `documents.csv`, read from the document object.
const DOC_META: [(&str, Cell); 9] = [
    ("title", Cell::Plain),
    ("genre", Cell::Plain),
    ("dates", Cell::Joined),
    ("source", Cell::Plain),
    ("editor", Cell::Plain),
    ("reporter", Cell::Plain),
    ("author", Cell::Plain),
    ("campaign", Cell::Plain),
    ("level", Cell::Plain),
];

/// Element kinds counted in `documents.csv` (one `n_KIND` column each).
const COUNTED: [&str; 8] = [
    "outline",
    "lists",
    "slogans",
    "terms",
    "metrics",
    "requirements",
    "date_mentions",
    "placeholders",
];

/// Columns of `fields.csv`: a JSONL input line's other fields (`extract --jsonl`), one row each.
const FIELDS_HEADER: [&str; 4] = ["file", "id", "key", "value"];

/// How many rows each table received.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableCounts {
    /// Records read (one per input file, or per line of a JSONL input).
    pub records: usize,
    /// (table name, rows written, header excluded), in the order the tables are listed.
    pub rows: Vec<(&'static str, usize)>,
}

/// The open set of tables in one folder.
pub struct Tables {
    folder: TableFolder,
    documents: TableId,
    elements: Vec<TableId>,
    fields: TableId,
    counts: TableCounts,
}

/// The `year` and `year_from` cells: the year `tifa stats` groups the document under, by the
/// same function, so that a by-year count made from the tables matches its numbers.
fn year_cells(doc: &Value) -> [String; 2] {
    let (year, from) = document_year(doc);
    let from = match from {
        YearSource::Dates => "dates",
        YearSource::Title => "title",
        YearSource::Unknown => "none",
    };
    [year.unwrap_or_default(), from.to_owned()]
}

/// `documents.csv` has the year right after the `dates` it mostly comes from.
const YEAR_AFTER: &str = "dates";

fn documents_header() -> Vec<String> {
    let mut h: Vec<String> = ["file", "id", "doc", "status", "error"]
        .map(String::from)
        .to_vec();
    for (k, _) in DOC_META {
        h.push(k.to_string());
        if k == YEAR_AFTER {
            h.extend(["year", "year_from"].map(String::from));
        }
    }
    h.extend(SPAN.map(String::from));
    h.extend(COUNTED.iter().map(|k| format!("n_{k}")));
    h.extend(["encoding", "sha256", "warnings"].map(String::from));
    h
}

fn element_header(def: &TableDef) -> Vec<String> {
    let mut h: Vec<String> = vec!["file".into(), "id".into(), "doc".into(), def.index.into()];
    h.extend(def.columns.iter().map(|(c, _, _)| c.to_string()));
    h.extend(SPAN.map(String::from));
    h
}

/// A list value joined with `sep`; a `sep` or `\` inside an item is escaped with `\`, so items
/// split back unambiguously.
fn join(items: &[Value], sep: char) -> String {
    let mut out = String::new();
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push(sep);
        }
        for c in scalar(v).chars() {
            if c == sep || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn cell(v: Option<&Value>, how: Cell) -> String {
    match (v, how) {
        (None, _) => String::new(),
        (Some(Value::Array(a)), Cell::Joined) => join(a, LIST_SEP),
        (Some(Value::Array(a)), Cell::Path) => join(a, '.'),
        (Some(v), _) => scalar(v),
    }
}

fn span_cells(el: &Value) -> impl Iterator<Item = String> + '_ {
    SPAN.iter()
        .map(move |k| cell(el.get("span").and_then(|s| s.get(*k)), Cell::Plain))
}

fn count(doc: &Value, key: &str) -> String {
    doc.get(key)
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
        .to_string()
}

impl Tables {
    /// Create `dir` (and parents) and open every table, headers written. The tables get
    /// their names in `finish`; dropped before, they leave nothing behind.
    pub fn create(dir: impl AsRef<Path>) -> io::Result<Tables> {
        let mut folder = TableFolder::create(dir)?;
        let documents = folder.add("documents", &documents_header())?;
        let elements = ELEMENT_TABLES
            .iter()
            .map(|d| folder.add(d.name, &element_header(d)))
            .collect::<io::Result<Vec<_>>>()?;
        let fields = folder.add("fields", &FIELDS_HEADER)?;
        let mut rows = vec![("documents", 0)];
        rows.extend(ELEMENT_TABLES.iter().map(|d| (d.name, 0)));
        rows.push(("fields", 0));
        Ok(Tables {
            folder,
            documents,
            elements,
            fields,
            counts: TableCounts { records: 0, rows },
        })
    }

    /// The folder the tables are written to.
    pub fn dir(&self) -> &Path {
        self.folder.dir()
    }

    /// Add one record of a live run.
    pub fn write(&mut self, record: &FileRecord) -> io::Result<()> {
        let v = serde_json::to_value(record).map_err(io::Error::other)?;
        self.write_value(&v)
    }

    /// Add one record read back from JSONL output (`tifa/1`). A record without documents (an
    /// error record) still gets its row in `documents.csv`, with `doc` empty.
    pub fn write_value(&mut self, record: &Value) -> io::Result<()> {
        let file = cell(record.get("file"), Cell::Plain);
        // The input id of a JSONL line (`extract --jsonl`): every line of one input file shares
        // its `file`, so without it the rows of different lines could not be told apart.
        let input_id = cell(record.get("id"), Cell::Plain);
        let status = cell(record.get("status"), Cell::Plain);
        let error = cell(record.get("error"), Cell::Plain);
        let source = record.get("source");
        let encoding = cell(source.and_then(|s| s.get("encoding")), Cell::Plain);
        let sha256 = cell(source.and_then(|s| s.get("sha256")), Cell::Plain);
        let warnings = cell(record.get("warnings"), Cell::Joined);
        let empty = Vec::new();
        let docs = record
            .get("documents")
            .and_then(Value::as_array)
            .unwrap_or(&empty);
        self.counts.records += 1;
        self.write_fields(record, &file, &input_id)?;
        if docs.is_empty() {
            let mut row = vec![file.clone(), input_id, String::new(), status, error];
            row.resize(documents_header().len() - 3, String::new());
            row.extend([encoding, sha256, warnings]);
            self.folder.write(self.documents, &row)?;
            self.counts.rows[0].1 += 1;
            return Ok(());
        }
        for doc in docs {
            let id = cell(doc.get("id"), Cell::Plain);
            let mut row = vec![
                file.clone(),
                input_id.clone(),
                id.clone(),
                status.clone(),
                error.clone(),
            ];
            for (k, how) in DOC_META {
                row.push(cell(doc.get(k), how));
                if k == YEAR_AFTER {
                    row.extend(year_cells(doc));
                }
            }
            row.extend(span_cells(doc));
            row.extend(COUNTED.iter().map(|k| count(doc, k)));
            row.extend([encoding.clone(), sha256.clone(), warnings.clone()]);
            self.folder.write(self.documents, &row)?;
            self.counts.rows[0].1 += 1;
            for (t, def) in ELEMENT_TABLES.iter().enumerate() {
                let Some(items) = def
                    .element
                    .and_then(|k| doc.get(k))
                    .and_then(Value::as_array)
                else {
                    continue;
                };
                for (i, el) in items.iter().enumerate() {
                    let mut row = vec![file.clone(), input_id.clone(), id.clone(), i.to_string()];
                    row.extend(def.columns.iter().map(|(_, k, how)| cell(el.get(*k), *how)));
                    row.extend(span_cells(el));
                    self.folder.write(self.elements[t], &row)?;
                    self.counts.rows[t + 1].1 += 1;
                }
            }
        }
        Ok(())
    }

    /// The record's pass-through `fields` (a JSONL input line's own `title`, `date`, …), in
    /// the order of the record's JSON; values that are not strings are written as JSON.
    fn write_fields(&mut self, record: &Value, file: &str, input_id: &str) -> io::Result<()> {
        let Some(fields) = record.get("fields").and_then(Value::as_object) else {
            return Ok(());
        };
        // Its count comes after those of documents.csv and the element tables.
        let counted = 1 + ELEMENT_TABLES.len();
        for (key, value) in fields {
            let value = cell(Some(value), Cell::Plain);
            self.folder
                .write(self.fields, [file, input_id, key.as_str(), value.as_str()])?;
            self.counts.rows[counted].1 += 1;
        }
        Ok(())
    }

    /// Complete every table and give it its name; the counts say how many rows each got.
    pub fn finish(self) -> io::Result<TableCounts> {
        self.folder.commit()?;
        Ok(self.counts)
    }
}

/// Rebuild the tables in `dir` from JSONL output (one `tifa/1` record per line). On an error
/// no table is left in `dir` (tables of an earlier run stay as they were).
pub fn from_jsonl(input: impl io::BufRead, dir: impl AsRef<Path>) -> io::Result<TableCounts> {
    let mut tables = Tables::create(dir)?;
    for (n, line) in input.lines().enumerate() {
        let invalid = |why: String| {
            io::Error::new(io::ErrorKind::InvalidData, format!("line {}: {why}", n + 1))
        };
        // Before any record, a line that is not JSON means another kind of file (a speech
        // given by mistake): say what to do rather than where the JSON parser stopped.
        let not_output = |e: &dyn std::fmt::Display| {
            let m = format!(
                "not tifa JSONL output (line {}: {e}); for a text, `tifa extract FILE… --csv \
                 DIR` writes the tables",
                n + 1
            );
            io::Error::new(io::ErrorKind::InvalidData, m)
        };
        let first = tables.counts.records == 0;
        let line = match line {
            Ok(line) => line,
            Err(e) if first && e.kind() == io::ErrorKind::InvalidData => {
                return Err(not_output(&e))
            }
            Err(e) => return Err(e),
        };
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line).map_err(|e| match first {
            true => not_output(&e),
            false => invalid(e.to_string()),
        })?;
        // An input JSONL (`extract --jsonl`'s id and text) given by mistake would make a table
        // row of empty cells per line.
        if !v["schema"].as_str().is_some_and(|s| s.starts_with("tifa/")) {
            return Err(invalid(
                "not a tifa extraction record (no \"schema\": \"tifa/1\"); give the output of `tifa extract`".into(),
            ));
        }
        tables.write_value(&v)?;
    }
    tables.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn joined_cells_escape_the_separator() {
        assert_eq!(
            join(&[json!("a|b"), json!("c\\d"), json!("e")], '|'),
            "a\\|b|c\\\\d|e"
        );
        assert_eq!(join(&[json!(2), json!(1), json!(3)], '.'), "2.1.3");
        assert_eq!(join(&[], '|'), "");
    }

    #[test]
    fn cells_write_null_as_empty_and_numbers_as_json() {
        assert_eq!(cell(Some(&Value::Null), Cell::Plain), "");
        assert_eq!(cell(Some(&json!(25.0)), Cell::Plain), "25.0");
        assert_eq!(cell(Some(&json!(true)), Cell::Plain), "true");
        assert_eq!(cell(None, Cell::Joined), "");
    }

    #[test]
    fn floats_read_back_from_jsonl_keep_their_digits() {
        // Needs serde_json's float_roundtrip: its default parser may be one ULP off, and a
        // rebuilt table would then differ from the live one (9853.7亿元 in the news corpus).
        let v: Value = serde_json::from_str(r#"{"v": 985370000000.0001}"#).unwrap_or_default();
        assert_eq!(cell(v.get("v"), Cell::Plain), "985370000000.0001");
    }

    #[test]
    fn headers_have_unique_columns() {
        let mut all = vec![documents_header()];
        all.extend(ELEMENT_TABLES.iter().map(element_header));
        all.push(FIELDS_HEADER.map(String::from).to_vec());
        for h in all {
            let mut sorted = h.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), h.len(), "{h:?}");
        }
    }
}
