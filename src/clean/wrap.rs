//! Hard-wrapped text (a PDF's lines, as Hong Kong's Hansard comes): lines broken at a fixed
//! width inside sentences, which cleaning joins again so that a sentence is one line. Reads
//! only the text; `lines` asks it which line runs on into the next.

use std::collections::HashMap;

/// Chars that end a line where the text itself ends something (a sentence, a label, a quote).
const ENDS: &[char] = &[
    '。', '！', '？', '；', '：', '”', '」', '』', '）', ')', '…', '!', '?', ';', ':',
];

/// How many lines the detection reads: the wrap shows in the first pages.
const SAMPLE_LINES: usize = 3000;

/// The width a text is hard-wrapped at, in chars, or None where its lines are paragraphs.
///
/// Wrapped text has one line length far more common than the others (the width, give or take
/// a char where half-width chars mix in), few lines longer than it, and its lines of that
/// length mostly end inside a sentence. Paragraph-per-line text has no such length; a news
/// page's list of links has one, but its lines end in punctuation or are links.
pub fn wrap_width(text: &str) -> Option<usize> {
    let lens: Vec<(usize, bool)> = text
        .lines()
        .take(SAMPLE_LINES)
        .map(str::trim)
        .filter(|l| !l.contains("http"))
        .map(|l| (l.chars().count(), l.ends_with(ENDS)))
        .filter(|&(n, _)| n >= 8)
        .collect();
    if lens.len() < 20 {
        return None;
    }
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for &(n, _) in &lens {
        *counts.entry(n).or_default() += 1;
    }
    let near = |w: usize| {
        (w.saturating_sub(1)..=w + 1)
            .map(|k| counts.get(&k).copied().unwrap_or(0))
            .sum::<usize>()
    };
    // The most common length, give or take one; the longer one on a tie.
    let width = counts.keys().copied().max_by_key(|&w| (near(w), w))?;
    let at_width: Vec<bool> = lens
        .iter()
        .filter(|&&(n, _)| n.abs_diff(width) <= 1)
        .map(|&(_, ended)| ended)
        .collect();
    let open = at_width.iter().filter(|&&ended| !ended).count();
    let longer = lens.iter().filter(|&&(n, _)| n > width + 1).count();
    let wrapped = width >= 20
        && at_width.len() * 5 >= lens.len()
        && open * 5 >= at_width.len() * 4
        && longer * 10 <= lens.len() * 3;
    wrapped.then_some(width)
}

/// Whether `line` of a text wrapped at `width` runs on into the next line: it fills the width
/// (a shorter line ends its paragraph) and does not end on a sentence's end.
pub fn runs_on(line: &str, width: usize) -> bool {
    let t = line.trim();
    !t.ends_with(ENDS) && t.chars().count() + 4 >= width
}

/// Whether a line opens something of its own, which no wrapped line before it runs into: a
/// numbered point ((一), 1., 第一), a dash or a bullet.
pub fn opens_unit(line: &str) -> bool {
    let t = line.trim_start();
    let mut chars = t.chars();
    let first = chars.next();
    let second = chars.next();
    matches!(first, Some('（' | '(' | '第' | '—' | '―' | '•' | '●' | '■'))
        || first.is_some_and(|c| c.is_ascii_digit())
        || (first.is_some_and(crate::numeral::is_cn_numeral_char) && second == Some('、'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped_text() -> String {
        let mut s = String::new();
        for _ in 0..8 {
            for _ in 0..4 {
                s.push_str("政府在這方面的工作一直沒有停止，我們會繼續努力推動殘疾人士\n");
            }
            s.push_str("就業，並且會不斷檢討有關政策的成效。\n\n");
        }
        s
    }

    #[test]
    fn a_text_broken_at_one_width_inside_sentences_is_wrapped() {
        assert_eq!(wrap_width(&wrapped_text()), Some(29));
        assert!(runs_on(
            "政府在這方面的工作一直沒有停止，我們會繼續努力推動殘疾人士",
            29
        ));
        assert!(!runs_on(
            "就業，並且會不斷檢討有關政策的成效，向議員匯報最新的進展。",
            29
        ));
        assert!(!runs_on("提交文件", 29));
    }

    #[test]
    fn paragraphs_one_a_line_are_not_wrapped() {
        let text = "我们要深入学习贯彻党的二十大精神，推动高质量发展。\n".repeat(30);
        assert_eq!(wrap_width(&text), None);
        // Headlines of every length, none ending in punctuation: no width.
        let headlines: String = (8..40).map(|n| "要闻".repeat(n / 2) + "\n").collect();
        assert_eq!(wrap_width(&headlines), None);
    }

    #[test]
    fn numbered_points_and_bullets_open_a_line() {
        assert!(opens_unit("（一）當局有否統計"));
        assert!(opens_unit("3. 政府會否考慮"));
        assert!(opens_unit("二、關於就業"));
        assert!(!opens_unit("就業，並且會不斷檢討"));
    }
}
