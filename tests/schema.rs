//! The output format (`tifa/1`) as documented in docs/schema.md: every line `tifa extract` writes
//! validates against docs/tifa-record.schema.json (JSON Schema 2020-12), for the corpus with and
//! without `--tokens --text` and for inputs that fail (empty, binary, missing). Beyond the schema,
//! the cross-field promises the document makes (offsets in range, outline tree, list items) hold.

mod common;
use common::{ok_stdout, tifa};

use serde_json::{json, Value};
use std::path::Path;
use std::process::Output;

const SCHEMA_PATH: &str = "docs/tifa-record.schema.json";

fn schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCHEMA_PATH);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{SCHEMA_PATH} is not JSON: {e}"))
}

fn validator() -> jsonschema::Validator {
    let schema = schema();
    if let Err(e) = jsonschema::meta::validate(&schema) {
        panic!(
            "{SCHEMA_PATH} is not a valid JSON Schema: {e} at {}",
            e.instance_path()
        );
    }
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{SCHEMA_PATH} does not compile: {e}"))
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("output line {} is not JSON: {e}\n{l}", i + 1))
        })
        .collect()
}

/// Every schema violation of every record, one line each.
fn violations(v: &jsonschema::Validator, recs: &[Value]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, rec) in recs.iter().enumerate() {
        let file = rec["file"].as_str().unwrap_or("?");
        for e in v.iter_errors(rec) {
            out.push(format!(
                "line {} ({file}): at {:?}: {e}",
                i + 1,
                e.instance_path().as_str()
            ));
        }
    }
    out
}

fn assert_valid(v: &jsonschema::Validator, recs: &[Value]) {
    let errs = violations(v, recs);
    for e in &errs {
        eprintln!("{e}");
    }
    assert!(
        errs.is_empty(),
        "{} schema violations:\n{}",
        errs.len(),
        errs.join("\n")
    );
}

fn n(v: &Value, key: &str) -> u64 {
    v[key]
        .as_u64()
        .unwrap_or_else(|| panic!("{key} is not a count in {v}"))
}

/// The promises docs/schema.md makes that a JSON Schema cannot state.
fn check_invariants(rec: &Value) -> Vec<String> {
    let file = rec["file"].as_str().unwrap_or("?");
    let mut bad = Vec::new();
    let Some(bytes) = rec["source"]["bytes"].as_u64() else {
        return bad;
    };
    let span_ok = |what: &str, s: &Value, within: Option<&Value>, bad: &mut Vec<String>| {
        let (start, end, bs, be) = (
            n(s, "start"),
            n(s, "end"),
            n(s, "byte_start"),
            n(s, "byte_end"),
        );
        if start > end || bs > be || be > bytes {
            bad.push(format!(
                "{file}: {what}: span {s} is inverted or past the {bytes} input bytes"
            ));
        }
        if let Some(d) = within {
            if start < n(d, "start") || end > n(d, "end") {
                bad.push(format!(
                    "{file}: {what}: span {s} is outside its document span {d}"
                ));
            }
        }
    };
    let docs = rec["documents"].as_array().cloned().unwrap_or_default();
    for (i, d) in docs.iter().enumerate() {
        if d["id"].as_u64() != Some(i as u64) {
            bad.push(format!("{file}: document {i} has id {}", d["id"]));
        }
        let dspan = &d["span"];
        span_ok(&format!("document {i}"), dspan, None, &mut bad);
        if let Some(text) = d["text"].as_str() {
            let chars = text.chars().count() as u64;
            if chars != n(dspan, "end") - n(dspan, "start") {
                bad.push(format!(
                    "{file}: document {i}: text has {chars} chars, span {dspan}"
                ));
            }
        }
        for key in ["outline", "lists", "slogans", "terms", "metrics"] {
            for (j, el) in d[key].as_array().into_iter().flatten().enumerate() {
                span_ok(
                    &format!("document {i} {key}[{j}]"),
                    &el["span"],
                    Some(dspan),
                    &mut bad,
                );
            }
        }
        let outline = d["outline"].as_array().cloned().unwrap_or_default();
        for (j, u) in outline.iter().enumerate() {
            let depth = n(u, "depth");
            let path: Vec<u64> = u["path"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_u64)
                .collect();
            let expected_depth = match u["parent"].as_u64() {
                None => 1,
                Some(p) if (p as usize) < j => n(&outline[p as usize], "depth") + 1,
                Some(p) => {
                    bad.push(format!(
                        "{file}: document {i} outline[{j}]: parent {p} does not precede it"
                    ));
                    continue;
                }
            };
            if depth != expected_depth
                || path.len() as u64 != depth
                || path.last() != u["number"].as_u64().as_ref()
            {
                bad.push(format!(
                    "{file}: document {i} outline[{j}]: depth/parent/path/number disagree: {u}"
                ));
            }
        }
        for (j, l) in d["lists"].as_array().into_iter().flatten().enumerate() {
            let items = l["items"].as_array().cloned().unwrap_or_default();
            if items.len() as u64 != n(l, "found")
                || items
                    .iter()
                    .any(|x| !matches!(x.as_u64(), Some(k) if (k as usize) < outline.len()))
            {
                bad.push(format!("{file}: document {i} lists[{j}]: items do not index the outline or disagree with found: {l}"));
            }
        }
    }
    bad
}

fn assert_invariants(recs: &[Value]) {
    let bad: Vec<String> = recs.iter().flat_map(check_invariants).collect();
    assert!(
        bad.is_empty(),
        "{} broken promises:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn schema_file_is_a_valid_2020_12_schema() {
    let s = schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    validator();
}

#[test]
fn corpus_records_match_the_schema() {
    let v = validator();
    let out = tifa(&["extract", "corpus/"]);
    ok_stdout(&out);
    let recs = records(&out);
    assert!(!recs.is_empty(), "no records for corpus/");
    assert_valid(&v, &recs);
    assert_invariants(&recs);
    for r in &recs {
        for d in r["documents"].as_array().into_iter().flatten() {
            assert!(
                d.get("tokens").is_none() && d.get("text").is_none(),
                "tokens/text only on request: {}",
                r["file"]
            );
        }
    }
}

#[test]
fn corpus_records_with_tokens_and_text_match_the_schema() {
    let v = validator();
    let out = tifa(&["extract", "corpus/", "--tokens", "--text"]);
    ok_stdout(&out);
    let recs = records(&out);
    assert!(!recs.is_empty(), "no records for corpus/");
    assert_valid(&v, &recs);
    assert_invariants(&recs);
    for r in &recs {
        for d in r["documents"].as_array().into_iter().flatten() {
            assert!(
                d["tokens"].is_array() && d["text"].is_string(),
                "--tokens --text missing in {}",
                r["file"]
            );
        }
    }
}

#[test]
fn failed_inputs_give_error_records_that_match_the_schema_and_exit_1() {
    let v = validator();
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a_empty.txt"), b"").expect("write empty file");
    let mut binary = b"\x7fELF\x02\x01\x01\x00".to_vec();
    binary.extend(
        (0u8..=255)
            .cycle()
            .take(2000)
            .map(|b| if b % 3 == 0 { 0 } else { b }),
    );
    std::fs::write(dir.path().join("b_binary.bin"), &binary).expect("write binary file");
    std::fs::write(
        dir.path().join("c_good.txt"),
        "同志们：\n一、提高思想认识。\n二、加强组织领导。\n".as_bytes(),
    )
    .expect("write text file");
    let missing = dir.path().join("z_missing.txt");
    let dir_arg = dir.path().to_str().expect("utf-8 temp path");
    let out = tifa(&[
        "extract",
        dir_arg,
        missing.to_str().expect("utf-8 temp path"),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit code 1 when any file failed; stderr: {stderr}"
    );
    let recs = records(&out);
    assert_valid(&v, &recs);
    assert_invariants(&recs);
    assert_eq!(
        recs.len(),
        4,
        "one record per input, failed ones included: {recs:#?}"
    );

    let by_name = |name: &str| {
        recs.iter()
            .find(|r| r["file"].as_str().is_some_and(|f| f.ends_with(name)))
            .unwrap_or_else(|| panic!("no record for {name}: {recs:#?}"))
    };
    for (name, words, has_source) in [
        ("a_empty.txt", "empty", true),
        ("b_binary.bin", "binary", true),
        ("z_missing.txt", "cannot read", false),
    ] {
        let r = by_name(name);
        assert_eq!(r["status"], "error", "{name}: {r}");
        assert_eq!(r["schema"], "tifa/1", "{name}: {r}");
        let msg = r["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{name}: no error message: {r}"));
        assert!(
            msg.to_lowercase().contains(words),
            "{name}: message {msg:?} should say {words:?}"
        );
        assert!(
            msg.len() >= 12,
            "{name}: message {msg:?} is too terse to be clear"
        );
        assert_eq!(
            r["documents"],
            json!([]),
            "{name}: error records hold no documents"
        );
        assert_eq!(
            r.get("source").is_some(),
            has_source,
            "{name}: source presence: {r}"
        );
        assert!(
            stderr.contains(name) && stderr.contains(msg),
            "{name}: stderr should repeat the error: {stderr}"
        );
    }
    assert_eq!(by_name("a_empty.txt")["source"]["bytes"], 0);
    assert_eq!(by_name("b_binary.bin")["source"]["bytes"], binary.len());
    let good = by_name("c_good.txt");
    assert_eq!(good["status"], "ok", "{good}");
    assert!(good.get("error").is_none(), "{good}");
}

#[test]
fn gzip_records_match_the_schema() {
    use std::io::Write;
    let v = validator();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all("同志们：\n一、提高思想认识。\n二、加强组织领导。\n".as_bytes())
        .expect("compress");
    let gz = gz.finish().expect("compress");
    std::fs::write(dir.path().join("a.txt.gz"), &gz).expect("write");
    std::fs::write(dir.path().join("b.txt.gz"), &gz[..gz.len() - 6]).expect("write");
    let out = tifa(&["extract", dir.path().to_str().expect("utf-8 temp path")]);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_valid(&v, &recs);
    assert_invariants(&recs);
    assert_eq!(recs[0]["source"]["compression"], "gzip");
    assert_eq!(recs[1]["status"], "error");
}

#[test]
fn schema_rejects_records_of_the_wrong_shape() {
    let v = validator();
    let out = tifa(&["extract", "corpus/"]);
    let recs = records(&out);
    let rec = recs
        .iter()
        .find(|r| {
            r["documents"].as_array().is_some_and(|d| {
                d.iter()
                    .any(|d| d["outline"].as_array().is_some_and(|o| !o.is_empty()))
            })
        })
        .expect("a corpus record with an outline")
        .clone();
    assert!(v.is_valid(&rec));
    let doc = rec["documents"]
        .as_array()
        .and_then(|d| {
            d.iter()
                .position(|d| d["outline"].as_array().is_some_and(|o| !o.is_empty()))
        })
        .expect("document with outline");
    type Mutation = (&'static str, fn(&mut Value, usize));
    let mutations: [Mutation; 9] = [
        ("unknown top-level key", |r, _| r["extra"] = json!(1)),
        ("ok record with an error message", |r, _| {
            r["error"] = json!("oops")
        }),
        ("error record with documents", |r, _| {
            r["status"] = json!("error");
            r["error"] = json!("oops");
        }),
        ("other schema tag", |r, _| r["schema"] = json!("tifa/2")),
        ("span without byte_end", |r, d| {
            r["documents"][d]["outline"][0]["span"]
                .as_object_mut()
                .map(|s| s.remove("byte_end"));
        }),
        ("negative offset", |r, d| {
            r["documents"][d]["span"]["start"] = json!(-1)
        }),
        ("unknown outline style", |r, d| {
            r["documents"][d]["outline"][0]["style"] = json!("roman")
        }),
        ("unknown genre", |r, d| {
            r["documents"][d]["genre"] = json!("poem")
        }),
        ("unknown document key", |r, d| {
            r["documents"][d]["marker_range"] = json!([0, 2])
        }),
    ];
    for (what, mutate) in mutations {
        let mut bad = rec.clone();
        mutate(&mut bad, doc);
        assert!(!v.is_valid(&bad), "schema accepts a record with {what}");
    }
}
