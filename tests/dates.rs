//! Date mentions through the whole pipeline: the document's own date, from its file name, date
//! line or title, completes the dates it writes without a year and resolves 今天 and 今年.

use tifa::Pipeline;

/// `(text, iso)` of every date mention of the file's first document.
fn mentions(file: &str, text: &str) -> Vec<(String, Option<String>)> {
    let rec = serde_json::to_value(Pipeline::default().process(file, text.as_bytes()))
        .expect("a record serializes");
    rec["documents"][0]["date_mentions"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| {
            (
                m["text"].as_str().unwrap_or_default().to_owned(),
                m["iso"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

fn iso<'a>(got: &'a [(String, Option<String>)], text: &str) -> Option<&'a str> {
    got.iter()
        .find(|m| m.0 == text)
        .unwrap_or_else(|| panic!("{text} not in {got:?}"))
        .1
        .as_deref()
}

/// The bug of the dates review: a news summary named by its broadcast day (20241022.md) dated
/// its 10月22日 by the only full date it named, 自2021年以来: 2021-10-22.
#[test]
fn a_news_summary_dates_its_days_by_its_broadcast() {
    let got = mentions(
        "news/xwlb/20241022.md",
        "《新闻联播》 （20241022）\n自2021年以来，生态环境部今天（10月22日）公布数据。习近平21日在京会见外宾。",
    );
    assert_eq!(iso(&got, "10月22日"), Some("2024-10-22"));
    assert_eq!(iso(&got, "今天"), Some("2024-10-22"));
    assert_eq!(iso(&got, "21日"), Some("2024-10-21"));
}

/// A speech's date line is the day it speaks from; a page's publication date is not, so a
/// speech republished years later keeps its own 今年.
#[test]
fn a_date_line_speaks_for_the_text_and_a_publication_date_does_not() {
    let speech =
        "在全县工作会议上的讲话\n（2013年3月8日）\n同志们：今年是关键之年，4月10日召开大会。";
    let got = mentions("speech.txt", speech);
    assert_eq!(iso(&got, "今年"), Some("2013"));
    assert_eq!(iso(&got, "4月10日"), Some("2013-04-10"));
    let page = "在全县工作会议上的讲话\n发布时间：2020-05-06\n同志们：今年是关键之年。";
    let got = mentions("page.txt", page);
    assert_eq!(iso(&got, "今年"), None);
}
