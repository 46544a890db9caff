//! Evaluation of tifa output against gold annotations (`tifa-gold/1`, see tests/gold/GUIDE.md):
//! parses gold JSONL, flattens system JSON-lines records per file, and hands both to `score`;
//! `report` renders the result. Talks to `crate::normalize` (through `fold`) and serde_json.

pub mod fold;
pub mod report;
pub mod score;

pub use score::{score, Accuracy, FileScores, KeyScore, Scores};

use serde::Deserialize;
use serde_json::Value;

/// One gold line: the annotation of one source file.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct GoldFile {
    /// Path relative to the corpus root.
    pub file: String,
    /// Number of documents in the file; `None` leaves the documents key unscored for this file.
    #[serde(default)]
    pub documents: Option<usize>,
    #[serde(default)]
    pub titles: Vec<String>,
    /// Genre of the first document; `None` leaves genre unscored for this file.
    #[serde(default)]
    pub genre: Option<String>,
    #[serde(default)]
    pub dates: Vec<String>,
    #[serde(default)]
    pub outline: Vec<GoldNode>,
    #[serde(default)]
    pub lists: Vec<GoldList>,
    #[serde(default)]
    pub slogans: Vec<GoldSlogan>,
    #[serde(default)]
    pub metrics: Vec<GoldMetric>,
    #[serde(default)]
    pub expansions: Vec<GoldExpansion>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct GoldNode {
    pub depth: u32,
    pub marker: String,
    pub text: String,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct GoldList {
    pub intro: String,
    pub announced: u64,
    pub found: u64,
}

/// A gold slogan: written as a plain string, or as `{"text": "...", "optional": true}`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(from = "SloganForm")]
pub struct GoldSlogan {
    pub text: String,
    pub optional: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum SloganForm {
    Plain(String),
    Object {
        text: String,
        #[serde(default)]
        optional: bool,
    },
}

impl From<SloganForm> for GoldSlogan {
    fn from(f: SloganForm) -> Self {
        match f {
            SloganForm::Plain(text) => GoldSlogan {
                text,
                optional: false,
            },
            SloganForm::Object { text, optional } => GoldSlogan { text, optional },
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct GoldMetric {
    pub value: f64,
    #[serde(default)]
    pub max: Option<f64>,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub noun: String,
    #[serde(default)]
    pub approx: bool,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct GoldExpansion {
    pub slogan: String,
    pub items: Vec<String>,
}

/// Parse gold JSONL (blank lines skipped). Errors name the 1-based line number; a file named
/// twice is an error too.
pub fn load_gold(text: &str) -> Result<Vec<GoldFile>, String> {
    let mut out: Vec<GoldFile> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let g: GoldFile =
            serde_json::from_str(line).map_err(|e| format!("gold line {}: {e}", i + 1))?;
        if out.iter().any(|o| o.file == g.file) {
            return Err(format!("gold line {}: duplicate file {:?}", i + 1, g.file));
        }
        out.push(g);
    }
    Ok(out)
}

/// A system outline node as scored: marker, the text to compare (`lead`, else `text`), depth.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SysNode {
    pub marker: String,
    pub text: String,
    pub depth: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SysList {
    pub intro: String,
    pub announced: Option<u64>,
    pub found: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SysSlogan {
    pub canonical: String,
    pub items: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SysMetric {
    pub value: Option<f64>,
    pub max: Option<f64>,
    pub unit: String,
    pub noun: String,
    pub approx: bool,
}

/// One system record flattened to file level: outlines, lists, metrics concatenated over the
/// documents in order, titles the non-null ones, genre the first document's, dates and slogans
/// as they come (the scorer makes sets of them).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SystemFile {
    pub documents: usize,
    pub titles: Vec<String>,
    pub genre: Option<String>,
    pub dates: Vec<String>,
    pub outline: Vec<SysNode>,
    pub lists: Vec<SysList>,
    pub slogans: Vec<SysSlogan>,
    pub metrics: Vec<SysMetric>,
}

fn s(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or("").to_string()
}

fn arr<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    arr(v, key)
        .iter()
        .filter_map(|x| x.as_str().map(str::to_string))
        .collect()
}

impl SystemFile {
    /// Flatten a `tifa/1` record. A record with `"status": "error"` (or no `documents`) yields
    /// an empty file; malformed fields are read as absent rather than rejected.
    pub fn from_record(rec: &Value) -> SystemFile {
        let mut f = SystemFile::default();
        if rec.get("status").and_then(Value::as_str) == Some("error") {
            return f;
        }
        let docs = arr(rec, "documents");
        f.documents = docs.len();
        f.genre = docs
            .first()
            .and_then(|d| d.get("genre")?.as_str().map(str::to_string));
        for d in docs {
            if let Some(t) = d.get("title").and_then(Value::as_str) {
                f.titles.push(t.to_string());
            }
            f.dates.extend(strings(d, "dates"));
            f.outline.extend(arr(d, "outline").iter().map(|n| {
                SysNode {
                    marker: s(n, "marker"),
                    text: n
                        .get("lead")
                        .and_then(Value::as_str)
                        .map_or_else(|| s(n, "text"), str::to_string),
                    depth: n.get("depth").and_then(Value::as_u64),
                }
            }));
            f.lists.extend(arr(d, "lists").iter().map(|l| SysList {
                intro: s(l, "intro"),
                announced: l.get("announced").and_then(Value::as_u64),
                found: l.get("found").and_then(Value::as_u64),
            }));
            f.slogans
                .extend(arr(d, "slogans").iter().map(|x| match x.as_str() {
                    Some(plain) => SysSlogan {
                        canonical: plain.to_string(),
                        items: vec![],
                    },
                    None => SysSlogan {
                        canonical: match x.get("canonical").and_then(Value::as_str) {
                            Some(c) => c.to_string(),
                            None => s(x, "text"),
                        },
                        items: strings(x, "items"),
                    },
                }));
            f.metrics
                .extend(arr(d, "metrics").iter().map(|m| SysMetric {
                    value: m.get("value").and_then(Value::as_f64),
                    max: m.get("max").and_then(Value::as_f64),
                    unit: s(m, "unit"),
                    noun: s(m, "noun"),
                    approx: m.get("approx").and_then(Value::as_bool).unwrap_or(false),
                }));
        }
        f
    }
}

fn clean_path(p: &str) -> String {
    let p = p.replace('\\', "/");
    let mut p = p.as_str();
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p.to_string()
}

/// The system path relative to `root` when `root` is a path prefix of it.
fn strip_root(path: &str, root: &str) -> Option<String> {
    let (path, root) = (clean_path(path), clean_path(root));
    let root = root.trim_end_matches('/');
    if root.is_empty() || root == "." {
        return Some(path);
    }
    path.strip_prefix(root)?
        .strip_prefix('/')
        .map(str::to_string)
}

/// For each gold file, the index of its system record: first a record whose path with `root`
/// stripped equals the gold file, failing that one whose path ends with `/` + gold file.
pub fn match_records(gold: &[GoldFile], records: &[Value], root: &str) -> Vec<Option<usize>> {
    let paths: Vec<String> = records.iter().map(|r| clean_path(&s(r, "file"))).collect();
    gold.iter()
        .map(|g| {
            let want = clean_path(&g.file);
            let suffix = format!("/{want}");
            paths
                .iter()
                .position(|p| strip_root(p, root).as_deref() == Some(want.as_str()))
                .or_else(|| paths.iter().position(|p| p.ends_with(&suffix)))
        })
        .collect()
}

/// Test helper: a perfect `tifa/1` record built from a gold entry.
#[cfg(test)]
pub(crate) fn gold_to_record(g: &GoldFile, path: &str) -> Value {
    use serde_json::json;
    let n = g.documents.unwrap_or(1).max(g.titles.len()).max(1);
    let mut docs: Vec<Value> = (0..n)
        .map(|i| {
            json!({"title": g.titles.get(i), "genre": g.genre, "dates": [], "outline": [],
                          "lists": [], "slogans": [], "metrics": []})
        })
        .collect();
    let mut slogans: Vec<Value> = g
        .slogans
        .iter()
        .map(|x| {
            let items = g.expansions.iter().find(|e| e.slogan == x.text).map(|e| &e.items);
            json!({"text": x.text, "canonical": x.text, "items": items.cloned().unwrap_or_default()})
        })
        .collect();
    for e in &g.expansions {
        if !g.slogans.iter().any(|x| x.text == e.slogan) {
            slogans.push(json!({"canonical": e.slogan, "items": e.items}));
        }
    }
    docs[0] = json!({
        "title": g.titles.first(), "genre": g.genre, "dates": g.dates,
        "outline": g.outline.iter().map(|o| json!({"marker": o.marker, "text": o.text,
            "lead": o.text, "depth": o.depth})).collect::<Vec<_>>(),
        "lists": g.lists.iter().map(|l| json!({"intro": l.intro, "announced": l.announced,
            "found": l.found})).collect::<Vec<_>>(),
        "slogans": slogans,
        "metrics": g.metrics.iter().map(|m| json!({"value": m.value, "max": m.max,
            "unit": m.unit, "noun": m.noun, "approx": m.approx})).collect::<Vec<_>>(),
    });
    json!({"schema": "tifa/1", "file": path, "status": "ok", "documents": docs, "warnings": []})
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn gold_parsing_and_errors() {
        let text = "{\"file\":\"a.txt\",\"slogans\":[\"四风\",{\"text\":\"两问题\",\"optional\":true}]}\n\n\
                    {\"file\":\"b.txt\",\"metrics\":[{\"value\":13,\"max\":14,\"unit\":\"个\"}]}\n";
        let g = load_gold(text).unwrap();
        assert_eq!(g.len(), 2);
        assert_eq!(
            g[0].slogans[1],
            GoldSlogan {
                text: "两问题".into(),
                optional: true
            }
        );
        assert!(!g[0].slogans[0].optional);
        assert_eq!(g[1].metrics[0].max, Some(14.0));
        let err = load_gold("{\"file\":\"a.txt\"}\n{oops}\n").unwrap_err();
        assert!(err.contains("line 2"), "{err}");
        let err = load_gold("{\"file\":\"a.txt\"}\n\n{\"file\":\"a.txt\"}").unwrap_err();
        assert!(err.contains("line 3") && err.contains("duplicate"), "{err}");
        assert!(load_gold("{\"titles\":[]}").unwrap_err().contains("line 1"));
    }

    #[test]
    fn flattening_records() {
        let rec = json!({"file": "x", "status": "ok", "documents": [
            {"title": null, "genre": "speech", "dates": ["2013-07"],
             "outline": [{"marker": "一、", "text": "long heading", "lead": "long", "depth": 1}],
             "slogans": [{"text": "“四风”", "canonical": "四风", "items": []}, "三讲"],
             "metrics": [{"value": 25, "unit": "名", "noun": "同志"}]},
            {"title": "T", "genre": "report", "dates": ["2013-07", "--07-08"],
             "outline": [{"marker": "二、", "text": "no lead", "depth": 1}]}]});
        let f = SystemFile::from_record(&rec);
        assert_eq!(f.documents, 2);
        assert_eq!(f.titles, vec!["T"]);
        assert_eq!(f.genre.as_deref(), Some("speech"));
        assert_eq!(f.outline[0].text, "long");
        assert_eq!(f.outline[1].text, "no lead");
        assert_eq!(f.slogans[1].canonical, "三讲");
        assert_eq!(f.metrics[0].value, Some(25.0));
        assert!(!f.metrics[0].approx && f.metrics[0].max.is_none());
        let err = json!({"file": "x", "status": "error", "documents": [{"title": "T"}]});
        assert_eq!(SystemFile::from_record(&err), SystemFile::default());
    }

    #[test]
    fn record_matching() {
        let gold = load_gold(
            "{\"file\":\"000_a.txt\"}\n{\"file\":\"sub/001_b.txt\"}\n{\"file\":\"c.txt\"}",
        )
        .unwrap();
        let recs = vec![
            json!({"file": "/abs/corpus/sub/001_b.txt"}),
            json!({"file": "./corpus/000_a.txt"}),
            json!({"file": "other/xc.txt"}),
        ];
        assert_eq!(
            match_records(&gold, &recs, "corpus"),
            vec![Some(1), Some(0), None]
        );
        assert_eq!(
            match_records(&gold, &recs, "/abs/corpus/"),
            vec![Some(1), Some(0), None]
        );
        let recs = vec![json!({"file": "000_a.txt"})];
        assert_eq!(match_records(&gold[..1], &recs, "."), vec![Some(0)]);
        assert_eq!(match_records(&gold[..1], &recs, ""), vec![Some(0)]);
    }
}
