//! The terminal summary of a `Comparison`: coverage, the reused passages, slogan, requirement
//! and metric differences — short enough to read at a glance, long lists cut with a count.

use super::Comparison;
use std::fmt::Write;

/// Passages and list entries shown before "… and N more".
const SHOWN: usize = 12;
/// Chars of a passage or requirement shown on one line.
const WIDTH: usize = 60;

pub fn summary(c: &Comparison) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "A  {}  ({} chars)", c.a.file, c.a.chars);
    let _ = writeln!(s, "B  {}  ({} chars)", c.b.file, c.b.chars);
    let _ = writeln!(
        s,
        "Reused passages: {} (≥ {} content chars)  —  {:.1}% of A is in B, {:.1}% of B is in A",
        c.passages.len(),
        c.min_length,
        c.coverage.a_in_b * 100.0,
        c.coverage.b_in_a * 100.0
    );
    let mut by_len: Vec<&super::Passage> = c.passages.iter().collect();
    by_len.sort_by(|x, y| y.length.cmp(&x.length).then(x.id.cmp(&y.id)));
    for p in by_len.iter().take(SHOWN) {
        let _ = writeln!(
            s,
            "  #{:<3} A {}  B {}  {} chars, identity {:.2}",
            p.id,
            place(p.a_lines, &p.a),
            place(p.b_lines, &p.b),
            p.length,
            p.identity
        );
        let _ = writeln!(s, "       A: {}", cut(&p.a_text));
        if p.b_text != p.a_text {
            let _ = writeln!(s, "       B: {}", cut(&p.b_text));
        }
    }
    more(&mut s, c.passages.len());

    let sl = &c.slogans;
    let _ = writeln!(
        s,
        "\nSlogans: {} shared, {} only in A, {} only in B",
        sl.shared.len(),
        sl.only_a.len(),
        sl.only_b.len()
    );
    for (label, list) in [
        ("shared", &sl.shared),
        ("only A", &sl.only_a),
        ("only B", &sl.only_b),
    ] {
        if !list.is_empty() {
            let shown: Vec<&str> = list.iter().take(SHOWN).map(String::as_str).collect();
            let rest = list.len().saturating_sub(SHOWN);
            let tail = if rest > 0 {
                format!(" … and {rest} more")
            } else {
                String::new()
            };
            let _ = writeln!(s, "  {label}: {}{tail}", shown.join("、"));
        }
    }

    let count = |st: &str| c.requirements.iter().filter(|r| r.status == st).count();
    let _ = writeln!(
        s,
        "\nRequirements: {} same, {} changed, {} only in A (removed), {} only in B (added)",
        count("same"),
        count("changed"),
        count("removed"),
        count("added")
    );
    let changed: Vec<_> = c
        .requirements
        .iter()
        .filter(|r| r.status == "changed")
        .collect();
    for r in changed.iter().take(SHOWN) {
        if let (Some(a), Some(b)) = (&r.a, &r.b) {
            let _ = writeln!(s, "  changed {:.2}", r.similarity);
            let _ = writeln!(s, "    A [{}] {}", path(&a.path), cut(&a.text));
            let _ = writeln!(s, "    B [{}] {}", path(&b.path), cut(&b.text));
        }
    }
    more(&mut s, changed.len());

    if !c.metrics.is_empty() {
        let _ = writeln!(s, "\nMetrics that differ for the same noun:");
        for m in c.metrics.iter().take(SHOWN) {
            let _ = writeln!(
                s,
                "  {} ({}): A {}  |  B {}",
                m.noun,
                m.unit,
                m.a.join("、"),
                m.b.join("、")
            );
        }
        more(&mut s, c.metrics.len());
    }
    s
}

fn more(s: &mut String, total: usize) {
    if total > SHOWN {
        let _ = writeln!(
            s,
            "  … and {} more (--json or --html for all)",
            total - SHOWN
        );
    }
}

fn path(p: &[u32]) -> String {
    p.iter().map(u32::to_string).collect::<Vec<_>>().join(".")
}

/// One line of at most WIDTH chars, line breaks shown as ⏎.
pub fn cut(t: &str) -> String {
    let flat: String = t.replace('\n', "⏎");
    let n = flat.chars().count();
    if n <= WIDTH {
        flat
    } else {
        let head: String = flat.chars().take(WIDTH - 1).collect();
        format!("{head}…")
    }
}

/// A ranked table of A's comparisons: the files that share most of A first (A in B, then B in
/// A, then the name), so "does my draft reuse an earlier speech?" is answered in one screen.
/// Files that share no passage are counted, not listed.
pub fn ranking(comparisons: &[&Comparison]) -> String {
    let mut s = String::new();
    let Some(first) = comparisons.first() else {
        return s;
    };
    let _ = writeln!(
        s,
        "A  {}  ({} chars), compared with {} files",
        first.a.file,
        first.a.chars,
        comparisons.len()
    );
    let _ = writeln!(s, "rank  A in B  B in A  passages  B");
    let mut shown = 0;
    for (k, c) in comparisons
        .iter()
        .filter(|c| !c.passages.is_empty())
        .enumerate()
    {
        let _ = writeln!(
            s,
            "{:>4}  {:>5.1}%  {:>5.1}%  {:>8}  {}",
            k + 1,
            c.coverage.a_in_b * 100.0,
            c.coverage.b_in_a * 100.0,
            c.passages.len(),
            c.b.file
        );
        shown += 1;
    }
    let none = comparisons.len() - shown;
    if none > 0 {
        let files = if none == 1 {
            "file shares"
        } else {
            "files share"
        };
        let _ = writeln!(
            s,
            "({none} {files} no passage of {} content chars or more with A)",
            first.min_length
        );
    }
    s
}

/// The order `ranking` lists comparisons in.
pub fn rank_order(comparisons: &[Comparison]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..comparisons.len()).collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (&comparisons[x], &comparisons[y]);
        b.coverage
            .a_in_b
            .total_cmp(&a.coverage.a_in_b)
            .then(b.coverage.b_in_a.total_cmp(&a.coverage.b_in_a))
            .then(a.b.file.cmp(&b.b.file))
    });
    order
}

/// Where a passage is: its lines in the file, or, where they are not known, its chars.
fn place(lines: Option<[usize; 2]>, span: &crate::span::Span) -> String {
    match lines {
        Some([a, b]) if a == b => format!("line {a}"),
        Some([a, b]) => format!("lines {a}–{b}"),
        None => format!("chars {}–{}", span.start, span.end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut() {
        let t = "字".repeat(100);
        assert_eq!(cut(&t).chars().count(), WIDTH);
        assert_eq!(cut("一\n二"), "一⏎二");
    }
}
