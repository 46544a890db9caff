//! The spill stands in for the prepared text exactly, and a file that cannot be prepared again
//! when it must be is reported, not dropped.

use super::spill::Spill;
use super::*;
use crate::batch::Input;
use crate::compare::content::Content;
use crate::compare::{align, slice_chars};
use crate::pipeline::Pipeline;
use std::collections::HashMap;

const PARA: &str =
    "各级党组织要把学习贯彻作为重大政治任务，领导干部要先学一步、多学一点、学深一些，\
多深入到困难多、矛盾多和党员群众意见多的地方去，及时发现问题，督促整改落实。";

/// Plain, traditional, Big5-encoded, with a BOM, and HTML with entities and markup around.
fn samples() -> Vec<Vec<u8>> {
    let trad =
        "各級黨組織要把學習貫徹作為首要政治任務，領導幹部要先學一步、多學一點。\n第 1 條　總綱";
    let (big5, _, _) = encoding_rs::BIG5.encode(trad);
    vec![
        format!("一、总体要求\n\n  {PARA}\n（二）2023年，GDP 增长5.2%。\n").into_bytes(),
        trad.as_bytes().to_vec(),
        big5.into_owned(),
        [&b"\xEF\xBB\xBF"[..], PARA.as_bytes()].concat(),
        format!(
            "<html><head><title>t</title></head><body><div class=\"nav\">首页 &gt; 新闻</div>\
             <p>{PARA}</p><p>A&amp;B 公司 <b>一季度</b>营收&nbsp;12亿元。</p></body></html>"
        )
        .into_bytes(),
    ]
}

#[test]
fn spill_gives_the_spans_and_texts_prepare_gives() {
    let pipeline = Pipeline::default();
    let spill = Spill::new().expect("spill");
    for bytes in samples() {
        let prep = pipeline.prepare(&bytes).expect("prepare");
        let content = Content::new(prep.cleaned.body.as_str());
        assert!(content.len() > 20, "{}", prep.cleaned.body.as_str());
        let seeds = align::seed_index(&content.gram_hashes(5));
        let r = spill
            .write_text(&content, seeds.len(), &prep)
            .expect("write");
        spill.write_seeds(&r, &seeds).expect("write seeds");
        assert!(r.located, "{}", prep.cleaned.body.as_str());
        let back = spill.load(&r).expect("load");
        assert_eq!(back.chars, content.chars);
        assert_eq!(back.seeds, seeds);
        let n = content.len();
        for s in 0..n {
            for e in (s + 1..=n).step_by(3).chain([n]) {
                let half = spill.half(&r, &back.chars, (s, e)).expect("half");
                let range = content.text_range(s, e);
                assert_eq!(half.span, prep.span(range.clone()), "{s}..{e}");
                assert_eq!(half.text, slice_chars(&prep.cleaned.body, range));
            }
        }
    }
}

/// Two files sharing `PARA`, sketched, with their candidates.
struct Planted {
    dir: tempfile::TempDir,
    inputs: HashMap<String, Input>,
    sketches: Vec<Sketch>,
    spill: Spill,
    cands: Candidates,
}

fn planted() -> Planted {
    let dir = tempfile::tempdir().expect("temp dir");
    let texts = [
        format!("今年全县粮食产量稳定增长，农民收入持续提高。\n{PARA}\n城市道路改造工程已经完成。"),
        format!("会议听取了关于城市规划的汇报。\n{PARA}\n研究部署下一阶段交通建设重点任务。"),
    ];
    let inputs: Vec<Input> = texts
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let path = dir.path().join(format!("{k}.txt"));
            std::fs::write(&path, t).expect("write");
            Input::Path(path)
        })
        .collect();
    let (pipeline, p, spill) = (Pipeline::default(), ReuseParams::default(), Spill::new());
    let spill = spill.expect("spill");
    let (sketches, failed) = sketch_all(&pipeline, &inputs, &p, &spill).expect("sketch");
    assert!(failed.is_empty());
    let cands = candidates(&sketches, &p, &spill).expect("candidates");
    assert_eq!(cands.pairs.len(), 1);
    let inputs = inputs.into_iter().map(|i| (i.name(), i)).collect();
    Planted {
        dir,
        inputs,
        sketches,
        spill,
        cands,
    }
}

fn run(t: &Planted) -> (Vec<ReusePair>, Vec<String>) {
    let pipeline = Pipeline::default();
    let src = Sources {
        spill: &t.spill,
        pipeline: &pipeline,
        inputs: &t.inputs,
    };
    let mut pairs = Vec::new();
    let warnings = align_pairs(&src, &t.sketches, &t.cands, &ReuseParams::default(), |p| {
        pairs.push(p);
        Ok(())
    })
    .expect("align");
    (pairs, warnings)
}

fn json(pairs: &[ReusePair]) -> String {
    serde_json::to_string(pairs).expect("json")
}

#[test]
fn without_a_span_table_passages_come_from_the_file_prepared_again() {
    let mut t = planted();
    let (with_table, warnings) = run(&t);
    assert!(warnings.is_empty());
    assert_eq!(with_table.len(), 1);
    assert_eq!(with_table[0].passages.len(), 1);
    for s in &mut t.sketches {
        s.record = s.record.without_table();
    }
    let (again, warnings) = run(&t);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(json(&again), json(&with_table));
}

#[test]
fn a_file_gone_when_it_must_be_prepared_again_is_reported() {
    let mut t = planted();
    for s in &mut t.sketches {
        s.record = s.record.without_table();
    }
    std::fs::remove_file(t.dir.path().join("1.txt")).expect("remove");
    let (pairs, warnings) = run(&t);
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].contains("1.txt: cannot be read again") && warnings[0].contains("left out"),
        "{}",
        warnings[0]
    );
    // The pair is still there, with its coverage, only without passages.
    assert_eq!(pairs.len(), 1);
    assert!(pairs[0].passages.is_empty() && pairs[0].coverage.a_in_b > 0.5);
}
