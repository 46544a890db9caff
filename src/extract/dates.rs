//! Date mentions in the body: full (2013年8月20日), partial (7月8日, 3月 日 with the day left
//! blank, 2月底, 2013年7月) and relative (今年, 上月, 近日) — each with its text and, where the
//! year is known (stated, or the document's own year), an ISO form.

use regex::Regex;
use serde::Serialize;
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Debug, Clone, Serialize)]
pub struct DateMention {
    pub text: String,
    /// full | partial | relative
    pub kind: &'static str,
    /// `YYYY-MM-DD`, `YYYY-MM`, `--MM-DD` (no year known) or null (relative words).
    pub iso: Option<String>,
    #[serde(skip)]
    pub range: Range<usize>,
}

fn re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>3[01]|[12]\d|0?[1-9])[日号]|(?P<blank> +日)|(?P<part>底|初|中旬|上旬|下旬|末))?",
            r"|(?P<yo>(?:19|20)\d{2})年(?P<yp>底|初|末)?",
            r"|(?P<rel>今年|去年|明年|前年|本月|上月|下月|近日|日前|当天|今天|昨天|明天)"
        ))
        .unwrap_or_else(|e| panic!("date pattern: {e}"))
    })
}

/// Date mentions of `text`; `year` is the document's own year, used for partial dates.
pub fn date_mentions(text: &str, year: Option<i32>) -> Vec<DateMention> {
    let mut out = Vec::new();
    for c in re().captures_iter(text) {
        let Some(all) = c.get(0) else { continue };
        let num = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<i32>().ok());
        // 12月 inside 112月 or 3.5月 is not a date.
        if text[..all.start()]
            .chars()
            .next_back()
            .is_some_and(|p| p.is_ascii_digit() || p == '.')
        {
            continue;
        }
        let (kind, iso) = if c.name("rel").is_some() {
            ("relative", None)
        } else if let Some(y) = num("yo") {
            let kind = if c.name("yp").is_some() {
                "partial"
            } else {
                "full"
            };
            (kind, Some(format!("{y:04}")))
        } else {
            let (y, m, d) = (num("y"), num("m").unwrap_or(1), num("d"));
            let full = y.is_some() && d.is_some();
            let kind = if full { "full" } else { "partial" };
            let iso = match (y.or(year), d) {
                (Some(y), Some(d)) => Some(format!("{y:04}-{m:02}-{d:02}")),
                (Some(y), None) => Some(format!("{y:04}-{m:02}")),
                (None, Some(d)) => Some(format!("--{m:02}-{d:02}")),
                (None, None) => None,
            };
            (kind, iso)
        };
        out.push(DateMention {
            text: all.as_str().to_owned(),
            kind,
            iso,
            range: all.range(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn got(s: &str, year: Option<i32>) -> Vec<(String, &'static str, Option<String>)> {
        date_mentions(s, year)
            .into_iter()
            .map(|d| (d.text, d.kind, d.iso))
            .collect()
    }

    #[test]
    fn full_partial_blank_and_relative() {
        let g = got("2013年8月20日发布。3月 日，县委召开会议；以7月8日动员大会为标志，2月底完成，今年推进。", None);
        let iso: Vec<Option<&str>> = g.iter().map(|x| x.2.as_deref()).collect();
        let kinds: Vec<&str> = g.iter().map(|x| x.1).collect();
        assert_eq!(
            kinds,
            vec!["full", "partial", "partial", "partial", "relative"]
        );
        assert_eq!(
            iso,
            vec![Some("2013-08-20"), None, Some("--07-08"), None, None]
        );
        assert_eq!(g[1].0, "3月 日");
    }

    #[test]
    fn the_documents_year_completes_partial_dates() {
        let g = got("截止4月10日，共发表报道。", Some(2005));
        assert_eq!(g[0].2.as_deref(), Some("2005-04-10"));
    }
}
