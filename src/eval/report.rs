//! Score result types (`KeyScore`, `Accuracy`, `Tally`, `FileScores`, `Scores`, re-exported by
//! `eval::score`, which fills them) and their rendering: an aligned plain-text table, a
//! deterministic JSON object, and the per-file mismatch lines behind `tifa eval --verbose`.

use serde_json::{json, Map, Value};

/// Counts for one key; precision/recall/F1 are derived. With no claims and nothing to find a
/// ratio is 1.0; with an empty denominator but errors on the other side it is 0.0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeyScore {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl KeyScore {
    fn ratio(hit: usize, den: usize, other_errors: usize) -> f64 {
        match den {
            0 if other_errors == 0 => 1.0,
            0 => 0.0,
            _ => hit as f64 / den as f64,
        }
    }
    pub fn precision(&self) -> f64 {
        Self::ratio(self.tp, self.tp + self.fp, self.fn_)
    }
    pub fn recall(&self) -> f64 {
        Self::ratio(self.tp, self.tp + self.fn_, self.fp)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub(crate) fn add(&mut self, o: &KeyScore) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// `correct` out of `total`; the value is `None` when nothing was counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Accuracy {
    pub correct: usize,
    pub total: usize,
}

impl Accuracy {
    pub fn value(&self) -> Option<f64> {
        (self.total > 0).then(|| self.correct as f64 / self.total as f64)
    }
    pub(crate) fn count(&mut self, ok: bool) {
        self.correct += usize::from(ok);
        self.total += 1;
    }
    pub(crate) fn add(&mut self, o: &Accuracy) {
        self.correct += o.correct;
        self.total += o.total;
    }
}

/// Every scored key, for one file or summed over all files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub outline: KeyScore,
    /// Depth equal, over matched (non-optional) outline pairs.
    pub depth: Accuracy,
    /// tp = gold lists met, fn = gold lists not met, fp = system lists pairing no gold list.
    pub lists: KeyScore,
    /// `correct` counts system lists whose found ≠ announced, out of all system lists.
    pub list_mismatch: Accuracy,
    pub slogans: KeyScore,
    /// Items, over the gold expansions whose slogan the system found.
    pub expansions: KeyScore,
    /// Gold expansions whose slogan the system found, out of all gold expansions.
    pub expansions_scored: Accuracy,
    pub metrics: KeyScore,
    pub metric_noun: Accuracy,
    pub metric_approx: Accuracy,
    pub dates: KeyScore,
    /// tp = gold titles met, fn = not met, fp = system titles pairing none (tp + fp = system titles).
    pub titles: KeyScore,
    pub genre: Accuracy,
    pub documents: Accuracy,
}

impl Tally {
    /// The precision/recall keys, named, in report order.
    pub fn prf_rows(&self) -> [(&'static str, KeyScore); 7] {
        let t = self;
        [
            ("outline", t.outline),
            ("lists", t.lists),
            ("slogans", t.slogans),
            ("expansions", t.expansions),
            ("metrics", t.metrics),
            ("dates", t.dates),
            ("titles", t.titles),
        ]
    }
    /// The accuracy keys, named, in report order.
    pub fn acc_rows(&self) -> [(&'static str, Accuracy); 7] {
        let t = self;
        [
            ("depth", t.depth),
            ("metric_noun", t.metric_noun),
            ("metric_approx", t.metric_approx),
            ("genre", t.genre),
            ("documents", t.documents),
            ("expansions_scored", t.expansions_scored),
            ("list_mismatch", t.list_mismatch),
        ]
    }
    pub(crate) fn add(&mut self, o: &Tally) {
        macro_rules! sum {
            ($($f:ident),*) => { $( self.$f.add(&o.$f); )* };
        }
        sum!(
            outline,
            depth,
            lists,
            list_mismatch,
            slogans,
            expansions,
            expansions_scored,
            metrics,
            metric_noun,
            metric_approx,
            dates,
            titles,
            genre,
            documents
        );
    }
}

/// The scores of one gold file, with one line per missed or spurious item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileScores {
    /// The gold file name.
    pub file: String,
    /// The `file` of the system record paired with it, if any.
    pub record: Option<String>,
    pub tally: Tally,
    pub mismatches: Vec<String>,
}

/// Micro-averaged totals, the per-file breakdown, and records that matched no gold file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    pub total: Tally,
    pub files: Vec<FileScores>,
    pub unmatched_records: Vec<String>,
}

fn tally_json(t: &Tally) -> Value {
    let mut m = Map::new();
    for (k, s) in t.prf_rows() {
        m.insert(
            k.to_string(),
            json!({"tp": s.tp, "fp": s.fp, "fn": s.fn_,
                   "precision": s.precision(), "recall": s.recall(), "f1": s.f1()}),
        );
    }
    for (k, a) in t.acc_rows() {
        m.insert(
            k.to_string(),
            json!({"correct": a.correct, "total": a.total, "accuracy": a.value()}),
        );
    }
    Value::Object(m)
}

fn fmt_acc(a: &Accuracy) -> String {
    a.value()
        .map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
}

impl Scores {
    /// Number of gold files that had a system record.
    pub fn files_with_record(&self) -> usize {
        self.files.iter().filter(|f| f.record.is_some()).count()
    }

    /// Aligned plain-text table of the micro-averaged totals: P/R/F1 rows, then accuracy rows.
    /// `list_mismatch` is the share of system lists whose found ≠ announced (lower is better);
    /// `expansions_scored` the share of gold expansions whose slogan the system found.
    pub fn to_table(&self) -> String {
        let t = &self.total;
        let mut out = format!(
            "files {} (with record {}), records matching no gold file {}\n",
            self.files.len(),
            self.files_with_record(),
            self.unmatched_records.len()
        );
        out += &format!("{:<18} {:>6} {:>6} {:>6}  counts\n", "key", "P", "R", "F1");
        for (k, s) in t.prf_rows() {
            out += &format!(
                "{k:<18} {:>6.3} {:>6.3} {:>6.3}  tp {} fp {} fn {}\n",
                s.precision(),
                s.recall(),
                s.f1(),
                s.tp,
                s.fp,
                s.fn_
            );
        }
        out += &format!("{:<18} {:>6}  counts\n", "accuracy", "value");
        for (k, a) in t.acc_rows() {
            out += &format!("{k:<18} {:>6}  {}/{}\n", fmt_acc(&a), a.correct, a.total);
        }
        // The one row where lower is better: without the note, 0.000 reads as a failure.
        out += "(list_mismatch: share of lists whose found ≠ announced; lower is better)\n";
        out
    }

    /// The same numbers as JSON, with a per-file breakdown. Objects are serde_json maps without
    /// `preserve_order`, i.e. sorted by key, so the output is deterministic.
    pub fn to_json(&self) -> Value {
        let files: Vec<Value> = self
            .files
            .iter()
            .map(|f| {
                json!({"file": f.file, "record": f.record, "scores": tally_json(&f.tally),
                       "mismatches": f.mismatches})
            })
            .collect();
        json!({
            "files_scored": self.files.len(),
            "files_with_record": self.files_with_record(),
            "totals": tally_json(&self.total),
            "files": files,
            "unmatched_records": self.unmatched_records,
        })
    }

    /// One line per missed gold item and per false positive (outline, lists, slogans, metrics,
    /// dates, titles; outline depth errors too), prefixed by the gold file name; then records
    /// that matched no gold file.
    pub fn mismatches(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .files
            .iter()
            .flat_map(|f| f.mismatches.iter().map(move |m| format!("{}: {m}", f.file)))
            .collect();
        out.extend(
            self.unmatched_records
                .iter()
                .map(|r| format!("{r}: record matches no gold file")),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::{gold_to_record, load_gold, score};
    use super::*;

    fn ks(tp: usize, fp: usize, fn_: usize) -> KeyScore {
        KeyScore { tp, fp, fn_ }
    }

    fn acc(correct: usize, total: usize) -> Accuracy {
        Accuracy { correct, total }
    }

    #[test]
    fn ratio_conventions() {
        assert_eq!((ks(0, 0, 0).precision(), ks(0, 0, 0).f1()), (1.0, 1.0));
        assert_eq!((ks(0, 0, 3).precision(), ks(0, 0, 3).recall()), (0.0, 0.0));
        assert_eq!((ks(0, 2, 0).precision(), ks(0, 2, 0).recall()), (0.0, 0.0));
        assert_eq!(ks(1, 1, 2).f1(), 0.4);
        assert_eq!(acc(0, 0).value(), None);
    }

    fn sample() -> Scores {
        let gold = load_gold(
            "{\"file\":\"a.txt\",\"documents\":1,\"genre\":\"speech\",\"titles\":[\"在活动督导组工作会议讲话\"],\
             \"dates\":[\"2013-08-20\"],\"slogans\":[\"四风\",\"三讲\"],\
             \"metrics\":[{\"value\":25,\"unit\":\"名\",\"noun\":\"同志\"}]}\n\
             {\"file\":\"b.txt\",\"documents\":1,\"genre\":\"speech\",\"slogans\":[\"五好\"]}",
        )
        .unwrap();
        let mut rec = gold_to_record(&gold[0], "corpus/a.txt");
        rec["documents"][0]["slogans"] = json!(["四风", "两问题"]);
        rec["documents"][0]["dates"] = json!(["2013-08-20", "2013-07"]);
        let stray = json!({"file": "corpus/zzz.txt", "status": "ok", "documents": []});
        score(&gold, &[rec, stray], "corpus")
    }

    #[test]
    fn table_layout() {
        let table = sample().to_table();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(
            lines[0],
            "files 2 (with record 1), records matching no gold file 1"
        );
        assert!(lines[1].starts_with("key ") && lines[1].ends_with("counts"));
        let slogans = lines.iter().find(|l| l.starts_with("slogans ")).unwrap();
        assert_eq!(
            *slogans,
            "slogans             0.500  0.333  0.400  tp 1 fp 1 fn 2"
        );
        let genre = lines.iter().find(|l| l.starts_with("genre ")).unwrap();
        assert_eq!(*genre, "genre               0.500  1/2");
        let depth = lines.iter().find(|l| l.starts_with("depth ")).unwrap();
        assert_eq!(*depth, "depth                   -  0/0");
        assert_eq!(lines.len(), 2 + 7 + 1 + 7 + 1);
        assert!(lines[lines.len() - 1].starts_with("(list_mismatch: "));
    }

    #[test]
    fn json_numbers_and_order() {
        let s = sample();
        let j = s.to_json();
        assert_eq!(j["totals"]["slogans"]["tp"], 1);
        assert_eq!(j["totals"]["slogans"]["fn"], 2);
        assert_eq!(j["totals"]["dates"]["precision"], 0.5);
        assert_eq!(j["totals"]["depth"]["accuracy"], Value::Null);
        assert_eq!(j["files"][1]["record"], Value::Null);
        assert_eq!(j["unmatched_records"][0], "corpus/zzz.txt");
        let text = serde_json::to_string(&j).unwrap();
        assert_eq!(text, serde_json::to_string(&s.to_json()).unwrap());
        let keys: Vec<&String> = j["totals"].as_object().unwrap().keys().collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }

    #[test]
    fn mismatch_lines() {
        let m = sample().mismatches();
        assert!(
            m.contains(&"a.txt: slogans missed 三讲".to_string()),
            "{m:?}"
        );
        assert!(m.contains(&"a.txt: slogans extra 两问题".to_string()));
        assert!(m.contains(&"a.txt: dates extra 2013-07".to_string()));
        assert!(m.contains(&"b.txt: no system record (all missed)".to_string()));
        assert_eq!(
            m.last().unwrap(),
            "corpus/zzz.txt: record matches no gold file"
        );
        assert!(!m
            .iter()
            .any(|l| l.contains("metrics") || l.contains("titles")));
    }
}
