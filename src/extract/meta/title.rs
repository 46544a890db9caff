//! The document's title: a first line that reads as one, or the head of a one-line file that
//! runs title, date and body together.

use super::iso_dates;
use regex::Regex;
use std::sync::OnceLock;

/// A first line that reads as a title: short, no sentence end, not a salutation. A file-name
/// line ("45严督实导 务求实效——….txt") loses its numbering and extension.
pub fn title_of(first_line: &str) -> Option<String> {
    // A Markdown heading (# 《新闻联播》 （20250404）) is titled without its marks.
    let mut t = first_line.trim().trim_start_matches('#').trim_start();
    let file_name = [".txt", ".doc", ".docx", ".html", ".htm", ".pdf"]
        .iter()
        .find_map(|ext| t.strip_suffix(ext));
    if let Some(stem) = file_name {
        // A file-name line carries the site's numbering in front ("45严督实导…"); a real
        // title's leading digits are content (2026年…工作报告), so only file names lose them.
        t = stem;
        let stripped =
            t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '_' || c == '-' || c == ' ');
        if stripped.chars().count() >= 4 {
            t = stripped;
        }
    }
    let n = t.chars().count();
    let bad_end = t.ends_with(['：', ':', '，', '；']);
    // 第一章 马克思主义中国化…: study notes opening on a chapter have no title of their own.
    let chapter = t
        .strip_prefix('第')
        .map(|r| r.trim_start_matches(crate::numeral::is_cn_numeral_char))
        .is_some_and(|r| r.starts_with(['章', '编']));
    // A law's name may be short (民法, 请愿法), a heading's not; 方法, 办法, 做法 are words.
    let law = (2..4).contains(&n)
        && t.ends_with('法')
        && ![
            "方法", "办法", "做法", "看法", "想法", "说法", "手法", "写法", "用法", "算法",
        ]
        .contains(&t);
    if !((4..=60).contains(&n) || law)
        || t.contains('。')
        || t.starts_with("同志们")
        || bad_end
        || chapter
    {
        return None;
    }
    Some(t.to_owned())
}

/// The title and date of a line that runs them into the body, as one-line files of speeches
/// do: 构建新发展格局　实现互利共赢——在…上的主旨演讲（2020年11月19日，北京）中华人民共和国主席
/// 习近平各位… The title is what stands before a dated parenthesis near the line's start,
/// after a 新华社…电 dateline.
pub(super) fn run_in_title(line: &str) -> Option<(String, Vec<String>)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(?:新华社[^电（]{0,15}电)?(.{4,80}?)（((?:19|20)\d{2}年\d{1,2}月\d{1,2}日)[^）]{0,12}）")
            .unwrap_or_else(|e| panic!("{e}"))
    });
    let c = re.captures(line)?;
    let title = c.get(1)?.as_str().trim();
    if title.contains(['。', '：', '，']) {
        return None;
    }
    Some((title.to_owned(), iso_dates(c.get(2)?.as_str())))
}

/// The title of a one-line article run into its byline (Qiushi's 不断开拓当代中国马克思主义政治
/// 经济学新境界※习近平今天，…): what stands before a ※ near the line's start, when it reads as
/// a title.
pub(super) fn byline_title(line: &str) -> Option<String> {
    let (head, _) = line.split_once('※')?;
    let head = head.trim();
    let n = head.chars().count();
    ((6..=80).contains(&n) && !head.contains(['。', '，', '：', '？', '！', '；']))
        .then(|| head.to_owned())
}

/// The day a footnote says the text was given (※这是习近平总书记2015年11月23日在…的讲话。):
/// it outranks a file name's date, which is the day the text was published.
pub(super) fn footnote_date(text: &str) -> Option<String> {
    let at = text.find("※这是").or_else(|| text.find("※ 这是"))?;
    let note = &text[at..];
    let note = note.find('。').map_or(note, |k| &note[..k]);
    let note = note
        .char_indices()
        .nth(80)
        .map_or(note, |(k, _)| &note[..k]);
    iso_dates(note).into_iter().find(|d| d.len() == 10)
}
