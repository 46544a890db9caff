//! Rendering a report: aligned terminal tables (CJK-aware widths; a trend too wide for a
//! terminal turned), CSV of one table, or JSON of all. Knows nothing of how the numbers were
//! counted.

use super::{Report, Section, Table};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;
use std::io::{self, Write};
use unicode_width::UnicodeWidthChar;

/// Widest a terminal cell gets before it is cut with `…`.
const MAX_CELL: usize = 48;

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// One terminal line per row: line breaks and tabs shown as symbols, long cells cut.
fn display_cell(s: &str, max: usize) -> String {
    let cut = width(s) > max;
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let c = match c {
            '\n' | '\r' => '⏎',
            '\t' => ' ',
            c => c,
        };
        let cw = c.width().unwrap_or(0);
        if cut && w + cw > max.saturating_sub(1) {
            out.push('…');
            break;
        }
        out.push(c);
        w += cw;
    }
    out
}

/// A file path too long for its cell is cut in the middle, where corpus paths share their
/// folders, so its end, the part that tells files apart, stays (`../shared/…/PageListBean.java`).
fn display_path(s: &str, max: usize) -> String {
    if width(s) <= max || !s.contains('/') {
        return display_cell(s, max);
    }
    let budget = max.saturating_sub(1);
    let mut tail: Vec<char> = Vec::new();
    let mut w = 0;
    for c in s.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if w + cw > budget * 2 / 3 {
            break;
        }
        tail.push(c);
        w += cw;
    }
    let head = display_cell(s, budget - w + 1);
    let head = head.trim_end_matches('…');
    format!("{head}…{}", tail.iter().rev().collect::<String>())
}

fn pad(s: &str, to: usize, right: bool) -> String {
    let fill = " ".repeat(to.saturating_sub(width(s)));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// Widest a terminal table gets before a wide trend is turned (groups as rows): wider, it
/// wraps in a normal terminal (`--by campaign`: about 230 columns of 48-column campaign names).
const MAX_LINE: usize = 120;

/// The cells as the terminal shows them, and each column's width.
fn layout(t: &Table) -> (Vec<Vec<String>>, Vec<usize>) {
    let mut cells: Vec<Vec<String>> = Vec::with_capacity(t.rows.len());
    for (n, row) in t.rows.iter().enumerate() {
        let mut line: Vec<String> = row
            .iter()
            .zip(&t.columns)
            .map(|(v, col)| match col.as_str() {
                "file" => display_path(&scalar(v), MAX_CELL),
                _ => display_cell(&scalar(v), MAX_CELL),
            })
            .collect();
        // The slogan and term tables' group columns repeat on every row: shown once per group.
        let grouped = matches!(t.section, Section::Slogans | Section::Terms);
        if grouped && n > 0 && t.rows[n - 1][0] == row[0] {
            line[0].clear();
            line[1].clear();
        }
        cells.push(line);
    }
    let widths = (0..t.columns.len())
        .map(|i| {
            cells
                .iter()
                .map(|r| width(&r[i]))
                .chain([width(&t.columns[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    (cells, widths)
}

fn line_width(widths: &[usize]) -> usize {
    widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1)
}

/// A wide trend (a row per slogan or term, a column per group) with groups as rows and a
/// column per slogan or term, the group sizes second.
fn transposed(t: &Table) -> Table {
    let mut columns = vec!["group".to_owned()];
    columns.extend(t.rows.iter().map(|r| scalar(&r[0])));
    let rows = (1..t.columns.len())
        .map(|i| {
            let mut row = vec![Value::String(t.columns[i].clone())];
            row.extend(t.rows.iter().map(|r| r[i].clone()));
            row
        })
        .collect();
    Table {
        section: t.section,
        title: format!("{} — groups as rows", t.title),
        columns,
        rows,
    }
}

/// One table as aligned text: numbers right-aligned, and a kwic's left context too, so the term
/// stands in one column. A wide trend wider than `MAX_LINE` is shown turned when that is
/// narrower (in the terminal only: CSV and JSON keep the documented shape).
pub fn write_table(out: &mut impl Write, t: &Table) -> io::Result<()> {
    let (cells, widths) = layout(t);
    let wide_trend = t.section == Section::Trend && t.columns.first().is_some_and(|c| c != "group");
    if wide_trend && line_width(&widths) > MAX_LINE {
        let turned = transposed(t);
        let (turned_cells, turned_widths) = layout(&turned);
        if line_width(&turned_widths) < line_width(&widths) {
            return write_laid_out(out, &turned, turned_cells, &turned_widths);
        }
    }
    write_laid_out(out, t, cells, &widths)
}

fn write_laid_out(
    out: &mut impl Write,
    t: &Table,
    cells: Vec<Vec<String>>,
    widths: &[usize],
) -> io::Result<()> {
    writeln!(out, "== {} ==", t.title)?;
    if t.rows.is_empty() {
        return writeln!(out, "(none)");
    }
    let right: Vec<bool> = (0..t.columns.len())
        .map(|i| {
            t.rows.iter().all(|r| r[i].is_number())
                || (t.section == Section::Kwic && t.columns[i] == "left")
        })
        .collect();
    let join = |parts: Vec<String>| parts.join("  ").trim_end().to_owned();
    let header = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| pad(c, widths[i], right[i]))
        .collect();
    writeln!(out, "{}", join(header))?;
    writeln!(
        out,
        "{}",
        join(widths.iter().map(|w| "-".repeat(*w)).collect())
    )?;
    for row in cells {
        let parts = row
            .iter()
            .enumerate()
            .map(|(i, c)| pad(c, widths[i], right[i]))
            .collect();
        writeln!(out, "{}", join(parts))?;
    }
    Ok(())
}

/// Every table of the report, separated by a blank line.
pub fn write_text(out: &mut impl Write, report: &Report) -> io::Result<()> {
    for (i, t) in report.tables.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        write_table(out, t)?;
    }
    Ok(())
}

/// One table as CSV (RFC 4180, header row); cells as they are, no cutting.
pub fn write_csv(out: impl Write, t: &Table) -> io::Result<()> {
    let mut w = crate::tables::csv_writer(out);
    let err = |e: csv::Error| io::Error::other(e.to_string());
    w.write_record(&t.columns).map_err(err)?;
    for row in &t.rows {
        w.write_record(row.iter().map(scalar)).map_err(err)?;
    }
    w.flush()
}

/// A row as an object with keys in column order.
struct Row<'a>(&'a [String], &'a [Value]);

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0.iter().zip(self.1) {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

struct Rows<'a>(&'a Table);

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.rows.iter().map(|r| Row(&self.0.columns, r)))
    }
}

struct Sections<'a>(&'a Report);

impl Serialize for Sections<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.tables.len()))?;
        for t in &self.0.tables {
            m.serialize_entry(t.section.name(), &Rows(t))?;
        }
        m.end()
    }
}

/// The report as one JSON object: section name → array of row objects (keys in column order).
pub fn write_json(mut out: impl Write, report: &Report) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut out, &Sections(report))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cjk_cells_pad_by_display_width() {
        assert_eq!(width("两不误"), 6);
        assert_eq!(pad("两不误", 8, false), "两不误  ");
        assert_eq!(pad("7", 3, true), "  7");
    }

    #[test]
    fn long_cells_are_cut_and_line_breaks_shown() {
        assert_eq!(display_cell("一二三四五", 6), "一二…");
        assert_eq!(display_cell("一二三", 6), "一二三");
        assert_eq!(display_cell("a\nb", 10), "a⏎b");
    }

    #[test]
    fn long_paths_are_cut_in_the_middle_keeping_their_end() {
        let p = "../shared/corpus/web/JeffKuoCool_ZhiHuiDangJian/src/PageListBean.java";
        let shown = display_path(p, 40);
        assert!(width(&shown) <= 40, "{shown}");
        assert!(shown.starts_with("../shared/") && shown.ends_with("PageListBean.java"));
        assert!(shown.contains('…'));
        assert_eq!(display_path("corpus/a.txt", 40), "corpus/a.txt");
    }

    #[test]
    fn terminal_columns_line_up() {
        let t = Table {
            section: Section::Metrics,
            title: "t".into(),
            columns: vec!["noun".into(), "metrics".into()],
            rows: vec![
                vec![json!("督导组"), json!(12)],
                vec![json!("ab"), json!(3)],
            ],
        };
        let mut out = Vec::new();
        write_table(&mut out, &t).unwrap_or_default();
        let text = String::from_utf8_lossy(&out);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1], "noun    metrics");
        assert_eq!(lines[3], "督导组       12");
        assert_eq!(lines[4], "ab            3");
    }

    fn trend(groups: &[&str], rows: Vec<Vec<Value>>) -> Table {
        let mut columns = vec!["slogan".to_owned()];
        columns.extend(groups.iter().map(|g| (*g).to_owned()));
        Table {
            section: Section::Trend,
            title: "t".into(),
            columns,
            rows,
        }
    }

    fn text_of(t: &Table) -> String {
        let mut out = Vec::new();
        write_table(&mut out, t).unwrap_or_default();
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn a_trend_wider_than_a_terminal_is_turned() {
        // Campaign names of 24 characters: 4 groups make a 222-column table.
        let g = [
            "学习贯彻习近平新时代中国特色社会主义思想主题教育",
            "深入贯彻中央八项规定精神学习教育学习教育学习教育",
            "党纪学习教育党纪学习教育党纪学习教育党纪学习教育",
            "党史学习教育党史学习教育党史学习教育党史学习教育",
        ];
        let t = trend(
            &g,
            vec![
                vec![
                    json!("(documents)"),
                    json!(133),
                    json!(44),
                    json!(23),
                    json!(5),
                ],
                vec![
                    json!("十四五"),
                    json!(18.0),
                    json!(61.4),
                    json!(21.7),
                    json!(80.0),
                ],
            ],
        );
        let text = text_of(&t);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "== t — groups as rows ==");
        assert_eq!(
            lines[1].split_whitespace().collect::<Vec<_>>(),
            ["group", "(documents)", "十四五"]
        );
        assert!(
            lines[3].starts_with(g[0]) && lines[3].ends_with("133    18.0"),
            "{}",
            lines[3]
        );
        assert_eq!(lines.len(), 7);
        assert!(lines.iter().all(|l| width(l) <= MAX_LINE), "{text}");

        // Narrow enough: as it is.
        let t = trend(
            &["2024", "2025"],
            vec![vec![json!("(documents)"), json!(4), json!(3)]],
        );
        assert!(text_of(&t)
            .lines()
            .nth(1)
            .unwrap_or("")
            .starts_with("slogan"));
    }
}
