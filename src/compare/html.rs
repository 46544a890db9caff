//! The `--html` report: one self-contained page (inline CSS, no scripts, no fetches) with the
//! two normalized texts side by side, reused passages highlighted and linked to each other, and
//! the slogan, requirement and metric differences in tables.

use super::report::cut;
use super::{Comparison, Passage};
use crate::span::Span;
use std::fmt::Write;

/// One comparison with the two normalized texts its offsets count in.
pub struct Page<'a> {
    pub comparison: &'a Comparison,
    pub a_text: &'a str,
    pub b_text: &'a str,
}

const STYLE: &str = r#"
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif;margin:1.5em;color:#222;line-height:1.7}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
.files{display:grid;grid-template-columns:1fr 1fr;gap:1.2em}
.text{white-space:pre-wrap;border:1px solid #ccc;padding:.8em;max-height:75vh;overflow:auto;font-size:15px}
.text h3{margin:0 0 .5em;font-size:1em;white-space:normal;word-break:break-all}
mark.reuse{background:#ffe58a;padding:0 1px}
mark.reuse a{color:inherit;text-decoration:none}
a.anchor:target+mark.reuse{background:#ffb340;outline:2px solid #e07b00}
table{border-collapse:collapse;width:100%;margin:.5em 0;font-size:14px}
td,th{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#f3f3f3}.num{text-align:right;white-space:nowrap}
.removed{background:#fde8e8}.added{background:#e6f4ea}.changed{background:#fff6dd}
.summary{font-size:1.05em}
"#;

pub fn page(pages: &[Page]) -> String {
    let mut s = String::new();
    s.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
    s.push_str("<title>tifa compare</title><style>");
    s.push_str(STYLE);
    s.push_str("</style></head><body>\n");
    for (k, p) in pages.iter().enumerate() {
        section(&mut s, k, p);
    }
    s.push_str("</body></html>\n");
    s
}

fn section(s: &mut String, k: usize, p: &Page) {
    let c = p.comparison;
    let _ = write!(
        s,
        "<section id=\"c{k}\"><h1>{} ⟷ {}</h1>\n<p class=\"summary\">{} reused passages: \
         <b>{:.1}%</b> of A is in B, <b>{:.1}%</b> of B is in A.</p>\n",
        esc(&c.a.file),
        esc(&c.b.file),
        c.passages.len(),
        c.coverage.a_in_b * 100.0,
        c.coverage.b_in_a * 100.0
    );
    s.push_str("<div class=\"files\">");
    let spans_a: Vec<(usize, Span)> = c.passages.iter().map(|x| (x.id, x.a)).collect();
    let spans_b: Vec<(usize, Span)> = c.passages.iter().map(|x| (x.id, x.b)).collect();
    text_column(s, k, ('a', 'b'), &c.a.file, p.a_text, &spans_a);
    text_column(s, k, ('b', 'a'), &c.b.file, p.b_text, &spans_b);
    s.push_str("</div>\n");
    passage_table(s, k, &c.passages);
    slogan_table(s, c);
    requirement_table(s, c);
    metric_table(s, c);
    s.push_str("</section>\n");
}

/// A text with its passages marked. Overlapping passages are cut at every boundary so marks
/// never nest; each piece links to the first passage covering it on the other side.
fn text_column(
    s: &mut String,
    k: usize,
    (me, other): (char, char),
    file: &str,
    text: &str,
    spans: &[(usize, Span)],
) {
    let _ = write!(
        s,
        "<div class=\"text\" id=\"c{k}-{me}\"><h3>{}: {}</h3>",
        me.to_ascii_uppercase(),
        esc(file)
    );
    let chars: Vec<char> = text.chars().collect();
    let mut cuts: Vec<usize> = vec![0, chars.len()];
    for (_, sp) in spans {
        cuts.push(sp.start.min(chars.len()));
        cuts.push(sp.end.min(chars.len()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    for w in cuts.windows(2) {
        let (lo, hi) = (w[0], w[1]);
        // Anchors of the passages starting here, for links from the other side.
        for (id, _) in spans.iter().filter(|(_, sp)| sp.start == lo) {
            let _ = write!(s, "<a class=\"anchor\" id=\"c{k}-{me}{id}\"></a>");
        }
        let piece: String = chars[lo..hi].iter().collect();
        let covering: Vec<usize> = spans
            .iter()
            .filter(|(_, sp)| sp.start <= lo && hi <= sp.end)
            .map(|&(id, _)| id)
            .collect();
        match covering.first() {
            None => s.push_str(&esc(&piece)),
            Some(&first) => {
                let ids: Vec<String> = covering.iter().map(usize::to_string).collect();
                let _ = write!(
                    s,
                    "<mark class=\"reuse\" data-passage=\"{}\" title=\"passage {}\">\
                     <a href=\"#c{k}-{other}{first}\">{}</a></mark>",
                    ids.join(" "),
                    ids.join(", "),
                    esc(&piece)
                );
            }
        }
    }
    s.push_str("</div>");
}

fn passage_table(s: &mut String, k: usize, passages: &[Passage]) {
    if passages.is_empty() {
        s.push_str("<h2>Reused passages</h2><p>None of at least the minimum length.</p>");
        return;
    }
    s.push_str(
        "<h2>Reused passages</h2><table><tr><th>#</th><th>A chars</th><th>B chars</th>\
         <th>length</th><th>identity</th><th>A</th><th>B</th></tr>",
    );
    for p in passages {
        let _ = write!(
            s,
            "<tr><td><a href=\"#c{k}-a{id}\">{id}</a></td><td class=\"num\">{}–{}</td>\
             <td class=\"num\">{}–{}</td><td class=\"num\">{}</td><td class=\"num\">{:.2}</td>\
             <td>{}</td><td>{}</td></tr>",
            p.a.start,
            p.a.end,
            p.b.start,
            p.b.end,
            p.length,
            p.identity,
            esc(&cut(&p.a_text)),
            esc(&cut(&p.b_text)),
            id = p.id
        );
    }
    s.push_str("</table>\n");
}

fn slogan_table(s: &mut String, c: &Comparison) {
    let sl = &c.slogans;
    s.push_str("<h2>Slogans (提法)</h2><table><tr><th>shared</th><th>only in A</th><th>only in B</th></tr><tr>");
    for list in [&sl.shared, &sl.only_a, &sl.only_b] {
        let items: Vec<String> = list.iter().map(|x| esc(x)).collect();
        let _ = write!(s, "<td>{}</td>", items.join("<br>"));
    }
    s.push_str("</tr></table>\n");
}

fn requirement_table(s: &mut String, c: &Comparison) {
    let same = c.requirements.iter().filter(|r| r.status == "same").count();
    let _ = write!(
        s,
        "<h2>Requirements</h2><p>{same} the same in both; differences below.</p>\
         <table><tr><th>status</th><th>similarity</th><th>A</th><th>B</th></tr>"
    );
    let side = |r: &Option<super::diff::RequirementSide>| match r {
        Some(x) => {
            let path: Vec<String> = x.path.iter().map(u32::to_string).collect();
            format!(
                "[{}] {}<b>{}</b> {}",
                path.join("."),
                esc(&x.actor),
                esc(&x.modality),
                esc(&x.text)
            )
        }
        None => String::new(),
    };
    for r in c.requirements.iter().filter(|r| r.status != "same") {
        let _ = write!(
            s,
            "<tr class=\"{st}\"><td>{st}</td><td class=\"num\">{:.2}</td><td>{}</td><td>{}</td></tr>",
            r.similarity,
            side(&r.a),
            side(&r.b),
            st = r.status
        );
    }
    s.push_str("</table>\n");
}

fn metric_table(s: &mut String, c: &Comparison) {
    if c.metrics.is_empty() {
        return;
    }
    s.push_str("<h2>Metrics that differ for the same noun</h2><table><tr><th>noun</th><th>unit</th><th>A</th><th>B</th></tr>");
    for m in &c.metrics {
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&m.noun),
            esc(&m.unit),
            esc(&m.a.join("、")),
            esc(&m.b.join("、"))
        );
    }
    s.push_str("</table>\n");
}

/// HTML text escaping (the five characters that matter in text and attribute values).
pub fn esc(t: &str) -> String {
    let mut o = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_passages_do_not_nest_marks() {
        let spans = [
            (
                1,
                Span {
                    start: 1,
                    end: 4,
                    ..Span::default()
                },
            ),
            (
                2,
                Span {
                    start: 3,
                    end: 6,
                    ..Span::default()
                },
            ),
        ];
        let mut s = String::new();
        text_column(&mut s, 0, ('a', 'b'), "x<y", "0123456789", &spans);
        assert!(s.contains("x&lt;y"));
        assert_eq!(s.matches("<mark").count(), 3);
        assert!(s.contains("data-passage=\"1 2\""));
        assert!(s.contains("id=\"c0-a1\"") && s.contains("id=\"c0-a2\""));
        assert!(s.contains("href=\"#c0-b1\""));
    }
}
