//! Every span maps back: for every element of every file, the raw bytes at its byte span
//! decode to the decoded text its char span came from, and (for plain text) normalizing that
//! original gives the element's normalized text.

use tifa::align::AlignedText;
use tifa::normalize::{normalize, Conversion, Fmmseg};
use tifa::{Pipeline, Span};

fn spans_of(rec: &serde_json::Value) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    for doc in rec["documents"].as_array().into_iter().flatten() {
        for key in ["outline", "lists", "slogans", "terms", "metrics"] {
            for el in doc[key].as_array().into_iter().flatten() {
                let s = &el["span"];
                let get = |k: &str| s[k].as_u64().unwrap_or(0) as usize;
                out.push((
                    key.to_owned(),
                    Span {
                        start: get("start"),
                        end: get("end"),
                        byte_start: get("byte_start"),
                        byte_end: get("byte_end"),
                    },
                ));
            }
        }
    }
    out
}

/// Whitespace dropped and ASCII punctuation read as its full-width form: whether `(` became
/// `（` depends on the chars around a slice, which a slice normalized alone cannot see.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '(' => '（',
            ')' => '）',
            '!' => '！',
            '?' => '？',
            c => c,
        })
        .collect()
}

fn check_file(path: &std::path::Path) -> usize {
    let bytes = std::fs::read(path).expect("readable");
    let pipeline = Pipeline::default();
    let rec =
        serde_json::to_value(pipeline.process(&path.to_string_lossy(), &bytes)).expect("json");
    let Ok(prepared) = pipeline.prepare(&bytes) else {
        return 0;
    };
    let enc = encoding_rs::Encoding::for_label(prepared.decoded.encoding.as_bytes())
        .expect("known encoding");
    let cc = Fmmseg::new(Conversion::T2s);
    let body: Vec<char> = prepared.cleaned.body.as_str().chars().collect();
    let mut checked = 0;
    for (key, span) in spans_of(&rec) {
        let original = prepared.original(span.start..span.end);
        let raw = &bytes[span.byte_start..span.byte_end];
        let (from_raw, _) = enc.decode_without_bom_handling(raw);
        assert_eq!(
            from_raw,
            original,
            "{}: {key} span {span:?}: raw bytes do not decode to the original",
            path.display()
        );
        if !prepared.markup {
            let norm = normalize(&AlignedText::identity(original), &cc);
            let element: String = body[span.start..span.end].iter().collect();
            assert_eq!(
                squash(norm.as_str()),
                squash(&element),
                "{}: {key} span {span:?}",
                path.display()
            );
        }
        checked += 1;
    }
    checked
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    // The walk tifa itself does: sorted, hidden entries skipped.
    tifa::batch::collect_inputs(&[dir.to_string_lossy().into_owned()])
        .into_iter()
        .filter_map(|i| match i {
            tifa::batch::Input::Path(p) => Some(p),
            _ => None,
        })
        .collect()
}

#[test]
fn every_corpus_element_maps_back_to_its_bytes() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let n: usize = files_under(&root).iter().map(|p| check_file(p)).sum();
    assert!(n > 200, "only {n} elements checked");
}

#[test]
fn shared_corpus_elements_map_back() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !root.exists() {
        println!("skipped: ../shared/corpus not present");
        return;
    }
    let mut n = 0;
    for sub in ["speeches", "web", "reports/congress"] {
        for p in files_under(&root.join(sub)) {
            n += check_file(&p);
        }
    }
    println!("{n} elements checked");
    assert!(n > 1000);
}

#[test]
fn legacy_encodings_map_back_too() {
    let src = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/001_a285daf0cd519617.txt"),
    )
    .expect("seed");
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, enc, text) in [
        ("gbk.txt", encoding_rs::GBK, src.clone()),
        (
            "big5.txt",
            encoding_rs::BIG5,
            opencc_fmmseg::OpenCC::new().s2t(&src, false),
        ),
    ] {
        let (bytes, _, _) = enc.encode(&text);
        let p = dir.path().join(name);
        std::fs::write(&p, &bytes).expect("write");
        assert!(check_file(&p) > 20, "{name}");
    }
}
