//! The scoring rules of GUIDE.md "Scoring": pairs each gold file with its flattened system
//! record (`eval::SystemFile`), matches outline/lists/slogans/expansions/metrics/dates/titles
//! with `eval::fold`, and sums micro-averaged counts; `eval::report` renders the result.

use super::fold::{count_phrase, fmt_num, fold, light, noun_ok, num_eq, opt_eq, prefix_match};
pub use super::report::{Accuracy, FileScores, KeyScore, Scores, Tally};
use super::{match_records, GoldFile, SystemFile};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;

/// Score system `records` (`tifa/1` JSON lines) against `gold`; `root` is the corpus root the
/// gold paths are relative to. A gold file with no record, or an error record, is all missed.
pub fn score(gold: &[GoldFile], records: &[Value], root: &str) -> Scores {
    let idx = match_records(gold, records, root);
    let files: Vec<FileScores> = gold
        .par_iter()
        .zip(idx.par_iter())
        .map(|(g, i)| {
            let rec = i.and_then(|i| records.get(i));
            let sys = rec.map(SystemFile::from_record).unwrap_or_default();
            let path = rec.and_then(|r| r.get("file")?.as_str().map(str::to_string));
            score_file(g, &sys, path)
        })
        .collect();
    let mut total = Tally::default();
    files.iter().for_each(|f| total.add(&f.tally));
    let unmatched_records = (0..records.len())
        .filter(|i| !idx.contains(&Some(*i)))
        .map(|i| {
            records[i]
                .get("file")
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_string()
        })
        .collect();
    Scores {
        total,
        files,
        unmatched_records,
    }
}

/// Maximum-weight order-preserving alignment (weighted LCS); `w(i, j)` = 0 means no match.
fn align(n: usize, m: usize, w: impl Fn(usize, usize) -> u32) -> Vec<(usize, usize)> {
    let mut dp = vec![vec![0u32; m + 1]; n + 1];
    for i in 1..=n {
        for j in 1..=m {
            let wij = w(i - 1, j - 1);
            let diag = if wij > 0 { dp[i - 1][j - 1] + wij } else { 0 };
            dp[i][j] = dp[i - 1][j].max(dp[i][j - 1]).max(diag);
        }
    }
    let (mut i, mut j, mut pairs) = (n, m, Vec::new());
    while i > 0 && j > 0 {
        let wij = w(i - 1, j - 1);
        if wij > 0 && dp[i][j] == dp[i - 1][j - 1] + wij {
            pairs.push((i - 1, j - 1));
            (i, j) = (i - 1, j - 1);
        } else if dp[i][j] == dp[i - 1][j] {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    pairs.reverse();
    pairs
}

/// Score one gold file against its flattened system record.
pub fn score_file(g: &GoldFile, sys: &SystemFile, record: Option<String>) -> FileScores {
    let mut t = Tally::default();
    let mut notes = Vec::new();

    // outline: weighted LCS; a non-optional pair weighs 2 (saves a miss and a false positive),
    // an optional one 1 (saves a false positive only).
    let gm: Vec<(String, String)> = g
        .outline
        .iter()
        .map(|o| (fold(&o.marker), fold(&o.text)))
        .collect();
    let sm: Vec<(String, String)> = sys
        .outline
        .iter()
        .map(|o| (fold(&o.marker), fold(&o.text)))
        .collect();
    let pairs = align(gm.len(), sm.len(), |i, j| {
        if gm[i].0 != sm[j].0 || !prefix_match(&gm[i].1, &sm[j].1, 6) {
            0
        } else if g.outline[i].optional {
            1
        } else {
            2
        }
    });
    let (mut g_used, mut s_used) = (vec![false; gm.len()], vec![false; sm.len()]);
    for &(i, j) in &pairs {
        (g_used[i], s_used[j]) = (true, true);
        let (go, so) = (&g.outline[i], &sys.outline[j]);
        if !go.optional {
            t.outline.tp += 1;
            let ok = so.depth == Some(u64::from(go.depth));
            t.depth.count(ok);
            if !ok {
                notes.push(format!(
                    "outline depth {}{}: gold {}, system {:?}",
                    go.marker, go.text, go.depth, so.depth
                ));
            }
        }
    }
    for (i, o) in g
        .outline
        .iter()
        .enumerate()
        .filter(|(i, o)| !g_used[*i] && !o.optional)
    {
        t.outline.fn_ += 1;
        notes.push(format!(
            "outline missed #{} {}{} (depth {})",
            i + 1,
            o.marker,
            o.text,
            o.depth
        ));
    }
    for (j, o) in sys.outline.iter().enumerate().filter(|(j, _)| !s_used[*j]) {
        t.outline.fp += 1;
        notes.push(format!("outline extra #{} {}{}", j + 1, o.marker, o.text));
    }

    // lists: same announced and found, intro containing the gold count phrase; each once.
    let sys_intros: Vec<String> = sys.lists.iter().map(|l| fold(&l.intro)).collect();
    let mut used = vec![false; sys.lists.len()];
    for gl in &g.lists {
        let phrase = count_phrase(&gl.intro, gl.announced);
        let hit = (0..sys.lists.len()).find(|&j| {
            let sl = &sys.lists[j];
            !used[j]
                && sl.announced == Some(gl.announced)
                && sl.found == Some(gl.found)
                && sys_intros[j].contains(&phrase)
        });
        match hit {
            Some(j) => (used[j], t.lists.tp) = (true, t.lists.tp + 1),
            None => {
                t.lists.fn_ += 1;
                notes.push(format!(
                    "lists missed {} ({}/{}, phrase {phrase})",
                    gl.intro, gl.found, gl.announced
                ));
            }
        }
    }
    t.lists.fp = used.iter().filter(|u| !**u).count();
    for l in &sys.lists {
        t.list_mismatch.count(l.found != l.announced);
    }

    // slogans: sets of fold(canonical); optional gold ones neither count nor penalize.
    let req: BTreeSet<String> = g
        .slogans
        .iter()
        .filter(|s| !s.optional)
        .map(|s| fold(&s.text))
        .collect();
    let opt: BTreeSet<String> = g
        .slogans
        .iter()
        .filter(|s| s.optional)
        .map(|s| fold(&s.text))
        .collect();
    let sys_sl: BTreeSet<String> = sys
        .slogans
        .iter()
        .map(|s| fold(&s.canonical))
        .filter(|s| !s.is_empty())
        .collect();
    t.slogans.tp = req.intersection(&sys_sl).count();
    for s in req.difference(&sys_sl) {
        t.slogans.fn_ += 1;
        notes.push(format!("slogans missed {s}"));
    }
    for s in sys_sl
        .iter()
        .filter(|s| !req.contains(*s) && !opt.contains(*s))
    {
        t.slogans.fp += 1;
        notes.push(format!("slogans extra {s}"));
    }

    // expansions: item-level, for gold expansions whose slogan the system found.
    for e in &g.expansions {
        let key = fold(&e.slogan);
        let found = sys_sl.contains(&key);
        t.expansions_scored.count(found);
        if !found {
            continue;
        }
        let items: Vec<String> = sys
            .slogans
            .iter()
            .find(|s| !s.items.is_empty() && fold(&s.canonical) == key)
            .map(|s| s.items.iter().map(|x| fold(x)).collect())
            .unwrap_or_default();
        let mut used = vec![false; items.len()];
        for gi in &e.items {
            let gf = fold(gi);
            match (0..items.len()).find(|&j| !used[j] && prefix_match(&gf, &items[j], 4)) {
                Some(j) => (used[j], t.expansions.tp) = (true, t.expansions.tp + 1),
                None => t.expansions.fn_ += 1,
            }
        }
        t.expansions.fp += used.iter().filter(|u| !**u).count();
    }

    // metrics: greedy in system order, exact units first, then empty-unit wildcards; within each,
    // pairs whose nouns agree first (so a rate shared by three indicators pairs with the gold
    // one of the same indicator); non-optional gold preferred over optional within each pass.
    let gunits: Vec<String> = g.metrics.iter().map(|m| light(&m.unit)).collect();
    let sunits: Vec<String> = sys.metrics.iter().map(|m| light(&m.unit)).collect();
    let mut gpair: Vec<Option<usize>> = vec![None; g.metrics.len()];
    let mut spair: Vec<Option<usize>> = vec![None; sys.metrics.len()];
    for (wildcard, same_noun) in [(false, true), (false, false), (true, true), (true, false)] {
        for (j, sm) in sys.metrics.iter().enumerate() {
            let Some(sv) = sm.value.filter(|_| spair[j].is_none()) else {
                continue;
            };
            let ok = |i: usize| {
                let gmt = &g.metrics[i];
                gpair[i].is_none()
                    && num_eq(gmt.value, sv)
                    && opt_eq(gmt.max, sm.max)
                    && (!same_noun || noun_ok(&gmt.noun, &sm.noun))
                    && if wildcard {
                        gunits[i].is_empty() || sunits[j].is_empty()
                    } else {
                        gunits[i] == sunits[j]
                    }
            };
            let pick = (0..g.metrics.len())
                .find(|&i| ok(i) && !g.metrics[i].optional)
                .or_else(|| (0..g.metrics.len()).find(|&i| ok(i)));
            if let Some(i) = pick {
                (gpair[i], spair[j]) = (Some(j), Some(i));
            }
        }
    }
    for (i, gmt) in g.metrics.iter().enumerate() {
        match gpair[i] {
            Some(_) if gmt.optional => {}
            Some(j) => {
                t.metrics.tp += 1;
                let sm = &sys.metrics[j];
                t.metric_noun.count(noun_ok(&gmt.noun, &sm.noun));
                t.metric_approx.count(gmt.approx == sm.approx);
            }
            None if gmt.optional => {}
            None => {
                t.metrics.fn_ += 1;
                notes.push(format!(
                    "metrics missed #{} {} {} {}",
                    i + 1,
                    fmt_num(gmt.value, gmt.max),
                    gmt.unit,
                    gmt.noun
                ));
            }
        }
    }
    for (j, sm) in sys
        .metrics
        .iter()
        .enumerate()
        .filter(|(j, _)| spair[*j].is_none())
    {
        t.metrics.fp += 1;
        let v = sm
            .value
            .map_or_else(|| "?".to_string(), |v| fmt_num(v, sm.max));
        notes.push(format!(
            "metrics extra #{} {v} {} {}",
            j + 1,
            sm.unit,
            sm.noun
        ));
    }

    // dates: sets of ISO strings.
    let gd: BTreeSet<String> = g.dates.iter().map(|d| light(d)).collect();
    let sd: BTreeSet<String> = sys
        .dates
        .iter()
        .map(|d| light(d))
        .filter(|d| !d.is_empty())
        .collect();
    t.dates.tp = gd.intersection(&sd).count();
    for d in gd.difference(&sd) {
        t.dates.fn_ += 1;
        notes.push(format!("dates missed {d}"));
    }
    for d in sd.difference(&gd) {
        t.dates.fp += 1;
        notes.push(format!("dates extra {d}"));
    }

    // titles: prefix of min(8, len) folded characters; each system title used once.
    let st: Vec<String> = sys.titles.iter().map(|x| fold(x)).collect();
    let mut used = vec![false; st.len()];
    for gt in &g.titles {
        let gf = fold(gt);
        match (0..st.len()).find(|&j| !used[j] && prefix_match(&gf, &st[j], 8)) {
            Some(j) => (used[j], t.titles.tp) = (true, t.titles.tp + 1),
            None => {
                t.titles.fn_ += 1;
                notes.push(format!("titles missed {gt}"));
            }
        }
    }
    for (title, _) in sys.titles.iter().zip(&used).filter(|(_, u)| !**u) {
        t.titles.fp += 1;
        notes.push(format!("titles extra {title}"));
    }

    if let Some(genre) = &g.genre {
        t.genre
            .count(sys.genre.as_deref().map(str::trim) == Some(genre.trim()));
    }
    if let Some(n) = g.documents {
        t.documents.count(sys.documents == n);
    }
    if record.is_none() {
        notes = vec!["no system record (all missed)".to_string()];
    }
    FileScores {
        file: g.file.clone(),
        record,
        tally: t,
        mismatches: notes,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{gold_to_record, load_gold};
    use super::*;
    use serde_json::json;

    fn one(gold: &str, docs: Value) -> Tally {
        let g = load_gold(&gold.replace('\n', " ")).unwrap();
        let rec = json!({"file": "corpus/a.txt", "status": "ok", "documents": docs});
        score(&g, &[rec], "corpus").total
    }

    fn ks(tp: usize, fp: usize, fn_: usize) -> KeyScore {
        KeyScore { tp, fp, fn_ }
    }

    fn acc(correct: usize, total: usize) -> Accuracy {
        Accuracy { correct, total }
    }

    #[test]
    fn perfect_system_on_seeds() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/gold/seeds.jsonl");
        let text = std::fs::read_to_string(path)
            .or_else(|_| std::fs::read_to_string("/work/shared/gold/seeds.jsonl"));
        let Ok(text) = text else {
            println!("skipped: no seeds.jsonl under tests/gold or /work/shared/gold");
            return;
        };
        let gold = load_gold(&text).unwrap();
        let recs: Vec<Value> = gold
            .iter()
            .map(|g| gold_to_record(g, &format!("/x/corpus/{}", g.file)))
            .collect();
        let s = score(&gold, &recs, "/x/corpus/");
        let t = &s.total;
        for (_, k) in t.prf_rows() {
            assert_eq!(
                (k.precision(), k.recall(), k.f1()),
                (1.0, 1.0, 1.0),
                "{k:?}"
            );
            assert_eq!(k.fp + k.fn_, 0);
        }
        for a in [
            t.depth,
            t.metric_noun,
            t.metric_approx,
            t.genre,
            t.documents,
            t.expansions_scored,
        ] {
            assert_eq!(a.value(), Some(1.0), "{a:?}");
        }
        assert_eq!(t.list_mismatch.value(), Some(0.0));
        let nodes: usize = gold
            .iter()
            .map(|g| g.outline.iter().filter(|o| !o.optional).count())
            .sum();
        assert_eq!(t.outline.tp, nodes);
        assert_eq!(t.genre.total, gold.len());
        assert!(s.mismatches().is_empty(), "{:?}", s.mismatches());
        // an empty system: zero recall everywhere; error records count as missing
        let errs: Vec<Value> = gold
            .iter()
            .map(|g| json!({"file": g.file, "status": "error"}))
            .collect();
        for recs in [vec![], errs] {
            let e = score(&gold, &recs, "");
            for (_, k) in e.total.prf_rows() {
                assert_eq!(k.tp, 0, "{k:?}");
                assert!(k.tp + k.fn_ == 0 || k.recall() == 0.0, "{k:?}");
            }
            assert_eq!(e.total.expansions_scored.correct, 0);
            assert_eq!(e.total.outline.recall(), 0.0);
            assert_eq!(e.total.genre.correct, 0);
        }
    }

    #[test]
    fn outline_prefix_order_and_depth() {
        let gold = r#"{"file":"a.txt","outline":[{"depth":1,"marker":"一、","text":"提高思想认识,切"},
            {"depth":2,"marker":"第一,","text":"派出督导组是以往"},{"depth":1,"marker":"二、","text":"要以高度负责的精"},
            {"depth":2,"marker":"一是","text":"要掌握情况,及时"}]}"#;
        let docs = json!([{"outline": [
            {"marker": "一、", "text": "提高思想認識，切实增强", "depth": 1},
            {"marker": "第一，", "text": "whatever", "lead": "派出督导组是县委", "depth": 2},
            {"marker": "二、", "text": "要以高度负责", "depth": 2},
            {"marker": "一是", "text": "要掌握情况了", "depth": 2},
            {"marker": "三、", "text": "其他", "depth": 1}]}]);
        let t = one(gold, docs);
        assert_eq!(t.outline, ks(3, 2, 1));
        assert_eq!(t.depth, acc(2, 3));
        // order matters: a swapped pair aligns only once
        let gold = r#"{"file":"a.txt","outline":[{"depth":1,"marker":"一、","text":"甲"},{"depth":1,"marker":"二、","text":"乙"}]}"#;
        let docs = json!([{"outline": [{"marker": "二、", "text": "乙"}, {"marker": "一、", "text": "甲"}]}]);
        assert_eq!(one(gold, docs).outline, ks(1, 1, 1));
        assert_eq!(align(2, 2, |i, j| u32::from(i == j)), vec![(0, 0), (1, 1)]);
    }

    #[test]
    fn optional_outline_nodes() {
        let gold = r#"{"file":"a.txt","outline":[{"depth":1,"marker":"一、","text":"甲"},
            {"depth":1,"marker":"一看","text":"乙","optional":true},{"depth":1,"marker":"二看","text":"丙","optional":true},
            {"depth":1,"marker":"二、","text":"丁"}]}"#;
        let docs = json!([{"outline": [{"marker": "一、", "text": "甲", "depth": 1},
            {"marker": "一看", "text": "乙", "depth": 3}, {"marker": "二、", "text": "丁", "depth": 1}]}]);
        let t = one(gold, docs);
        assert_eq!(t.outline, ks(2, 0, 0));
        assert_eq!(t.depth, acc(2, 2));
    }

    #[test]
    fn metrics_units_max_optional() {
        let gold = r#"{"file":"a.txt","metrics":[{"value":25,"unit":"名","noun":"同志"},
            {"value":13,"max":14,"unit":"个","noun":"单位"},{"value":3,"unit":"个","noun":"阶段","optional":true},
            {"value":80,"unit":"篇","noun":"报道","approx":true},{"value":5,"unit":"","noun":""},
            {"value":99.4,"unit":"%","noun":"满意率"},{"value":4,"unit":"级","optional":true}]}"#;
        let docs = json!([{"metrics": [
            {"value": 25, "unit": "", "noun": "同志们"}, {"value": 13, "unit": "个", "noun": "单位"},
            {"value": 3, "unit": "个", "noun": "阶段"}, {"value": 80, "unit": "篇", "noun": "报道"},
            {"value": 5, "unit": "天", "noun": ""}, {"value": 99.4 + 1e-12, "unit": "％", "noun": ""}]}]);
        let t = one(gold, docs);
        assert_eq!(t.metrics, ks(4, 1, 1));
        assert_eq!(t.metric_noun, acc(3, 4));
        assert_eq!(t.metric_approx, acc(3, 4));
        // exact units are preferred over the empty-unit wildcard
        let gold = r#"{"file":"a.txt","metrics":[{"value":10,"unit":"个","noun":"甲"},{"value":10,"unit":"","noun":"乙"}]}"#;
        let docs = json!([{"metrics": [{"value": 10, "unit": "", "noun": "乙"}, {"value": 10, "unit": "个", "noun": "甲"}]}]);
        let t = one(gold, docs);
        assert_eq!((t.metrics, t.metric_noun), (ks(2, 0, 0), acc(2, 2)));
        let gold = r#"{"file":"a.txt","metrics":[{"value":1200000000000,"unit":"元"}]}"#;
        let docs = json!([{"metrics": [{"value": 1.2e12, "unit": "元", "max": null}, {"value": 1.2e12, "unit": "亿元"}]}]);
        assert_eq!(one(gold, docs).metrics, ks(1, 1, 0));
        // a rate shared by several indicators pairs with the gold entry of the same indicator
        let gold = r#"{"file":"a.txt","metrics":[{"value":100,"unit":"%","noun":"发言率"}]}"#;
        let docs = json!([{"metrics": [{"value": 100, "unit": "%", "noun": "覆盖率"}, {"value": 100, "unit": "%", "noun": "发言率"}]}]);
        let t = one(gold, docs);
        assert_eq!((t.metrics, t.metric_noun), (ks(1, 1, 0), acc(1, 1)));
    }

    #[test]
    fn lists_count_phrase() {
        let gold = r#"{"file":"a.txt","lists":[{"intro":"重点要做好以下九项工作","announced":9,"found":9},
            {"intro":"主要抓好以下三个方面的工作","announced":3,"found":3},{"intro":"讲四点意见","announced":4,"found":4},
            {"intro":"有四个特点","announced":4,"found":4}]}"#;
        let docs = json!([{"lists": [
            {"intro": "要做好“九项工作”", "announced": 9, "found": 9},
            {"intro": "抓好三个方面工作", "announced": 3, "found": 2},
            {"intro": "我讲四点", "announced": 4, "found": 4},
            {"intro": "有四個特點值得肯定", "announced": 4, "found": 4}]}]);
        let t = one(gold, docs);
        assert_eq!(t.lists, ks(2, 2, 2));
        assert_eq!(t.list_mismatch, acc(1, 4));
    }

    #[test]
    fn slogans_and_expansions() {
        let gold = r#"{"file":"a.txt","slogans":["四个库",{"text":"四风","optional":true},"五好","两不误两促进"],
            "expansions":[{"slogan":"四个库","items":["问题库","困难库","建议库","成果库"]},
            {"slogan":"五好","items":["思想品德好","遵纪守法好"]}]}"#;
        let docs = json!([{"slogans": [
            {"text": "“四個庫”", "canonical": "四個庫", "items": ["问题库", "困难库们", "建议库", "另一个"]},
            {"text": "“四风”", "canonical": "四风", "items": []}, "三讲",
            {"text": "“兩不誤、兩促進”", "canonical": "兩不誤、兩促進"}]}]);
        let t = one(gold, docs);
        assert_eq!(t.slogans, ks(2, 1, 1));
        assert_eq!(t.expansions_scored, acc(1, 2));
        assert_eq!(t.expansions, ks(3, 1, 1));
    }

    #[test]
    fn titles_dates_genre_documents() {
        let gold = r#"{"file":"a.txt","documents":2,"genre":"summary","dates":["2013-08-20","--07-08"],
            "titles":["严督实导 务求实效——中央指导组深入扎实开展主题教育督促指导工作综述","履职尽责 加强督导"]}"#;
        let docs = json!([
            {"title": "嚴督實導　務求實效：中央指導組", "genre": "summary", "dates": ["2013-08-20"]},
            {"title": "履职尽责", "genre": "speech", "dates": ["2013-07"]}]);
        let t = one(gold, docs);
        assert_eq!(t.titles, ks(1, 1, 1));
        assert_eq!(t.dates, ks(1, 1, 1));
        assert_eq!((t.genre, t.documents), (acc(1, 1), acc(1, 1)));
        let t = one(
            r#"{"file":"a.txt","documents":1,"genre":"speech","titles":["短"]}"#,
            json!([{"title": "短标题"}]),
        );
        assert_eq!(
            (t.titles, t.genre, t.documents),
            (ks(1, 0, 0), acc(0, 1), acc(1, 1))
        );
    }
}
