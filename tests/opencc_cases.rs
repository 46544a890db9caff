//! OpenCC's upstream conversion cases (../shared/opencc/testcases.json) through tifa's
//! normalizer conversion stage: at least 95% of the t2s, tw2s, hk2s and tw2sp cases must pass.

use tifa::align::AlignedText;
use tifa::normalize::{convert_aligned, Conversion, Fmmseg};

fn cases_path() -> Option<std::path::PathBuf> {
    let p =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/opencc/testcases.json");
    p.exists().then_some(p)
}

#[test]
fn upstream_t2s_direction_cases_pass() {
    let Some(path) = cases_path() else {
        println!("skipped: ../shared/opencc/testcases.json not present");
        return;
    };
    let text = std::fs::read_to_string(&path).expect("readable testcases.json");
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid testcases.json");
    let cases = json["cases"].as_array().expect("cases array");
    let (mut total, mut passed) = (0usize, 0usize);
    let mut failures = Vec::new();
    for (config, conv) in [
        ("t2s", Conversion::T2s),
        ("tw2s", Conversion::Tw2s),
        ("hk2s", Conversion::Hk2s),
        ("tw2sp", Conversion::Tw2sp),
    ] {
        let cc = Fmmseg::new(conv);
        for case in cases {
            let (Some(input), Some(expected)) =
                (case["input"].as_str(), case["expected"][config].as_str())
            else {
                continue;
            };
            total += 1;
            let out = convert_aligned(&AlignedText::identity(input), &cc);
            // The alignment must cover the input: every output char points inside it.
            for i in 0..out.char_len() {
                assert!(out.origin_of(i).1 <= input.len());
            }
            if out.as_str() == expected {
                passed += 1;
            } else {
                failures.push(format!(
                    "{config} {}: {input:?}\n  got      {:?}\n  expected {expected:?}",
                    case["id"],
                    out.as_str()
                ));
            }
        }
    }
    println!("OpenCC upstream cases: {passed}/{total} passed");
    for f in &failures {
        println!("{f}");
    }
    assert!(total > 100, "too few cases read: {total}");
    assert!(
        passed * 100 >= total * 95,
        "{passed}/{total} passed, below 95%"
    );
}
