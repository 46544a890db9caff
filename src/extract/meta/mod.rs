//! Document metadata: title, genre (speech / interview / summary / report), dates of delivery
//! or publication in ISO form, source / editor / reporter, and the campaign the text belongs to.
//!
//! Reads the document's first lines and the metadata lines `clean` lifted out of the body.
//! This module ties the parts together; each part does one job: `title`, `dates`, `genre`,
//! `source` (and reporter), `level`, `campaign`.

mod campaign;
mod dates;
mod genre;
mod level;
mod source;
mod title;

use crate::clean::MetaField;
use crate::dict::Dictionaries;
use campaign::campaign;
pub use dates::{file_name_date, iso_dates, iso_year, signature_date};
use genre::genre;
use level::level;
use serde::Serialize;
use source::{credited_source, reporter_in_body};
pub use title::title_of;
use title::{byline_title, footnote_date, run_in_title};

#[derive(Debug, Clone, Default, Serialize)]
pub struct Meta {
    pub title: Option<String>,
    pub genre: &'static str,
    pub dates: Vec<String>,
    pub source: Option<String>,
    pub editor: Option<String>,
    pub reporter: Option<String>,
    pub author: Option<String>,
    pub campaign: Option<String>,
    /// Issuing level: 中央, 省, 市, 县, 区 or 乡, from the cues in `dictionaries/levels.tsv`.
    pub level: Option<String>,
    /// `dates` holds only the file name's date: the text stated none.
    #[serde(skip)]
    pub dated_by_file: bool,
    /// The day the text speaks from, what its 今天 and 今年 mean: a date line under its title
    /// or a date run into it, else the file name's date where the text states none, else a news
    /// summary's date. A page's publication date alone is no such day: pages go up years
    /// after the speech.
    #[serde(skip)]
    pub spoken: Option<String>,
}

/// Metadata of one document. `first` says whether this is the file's first document (the
/// lifted metadata lines belong to the file, so only the first document reports them).
pub fn meta(text: &str, fields: &[MetaField], first: bool, file: &str) -> Meta {
    let lines: Vec<&str> = text.lines().take(8).collect();
    // Scraped pages open with the site name and page labels: the title is the first line after them.
    let dicts = Dictionaries::get();
    let lead = lines.iter().take(4).position(|l| !dicts.is_site_label(l));
    let title = lead.and_then(|i| {
        let line = lines[i];
        // A title broken over two lines (…培训班、\n…开班仪式上的致辞) reads as one, and so
        // does a title with its occasion below it (……\n——在…大会上的报告), and a title of two
        // lines with its occasion below them (高举…伟大旗帜\n为…而团结奋斗\n——在…上的报告),
        // as one-line titles are written (构建新发展格局 实现互利共赢——在…上的主旨演讲).
        // The occasion, not a delivery line with its date (——2026年1月25日在…上, kept apart
        // for the date) nor an interview's byline (——访…).
        let occasion = |l: &&str| l.starts_with("——在") && l.chars().count() <= 40;
        let (next, after) = (lines.get(i + 1), lines.get(i + 2));
        let short_title = |l: &str| {
            l.chars().count() <= 30
                && !l.contains(['，', '。', '：', '；'])
                && title_of(l).is_some()
        };
        let joined = match (next, after) {
            (Some(next), _) if line.ends_with(['、', '—']) => format!("{line}{next}"),
            (Some(next), _) if occasion(next) && short_title(line) => format!("{line}{next}"),
            (Some(next), Some(sub))
                if occasion(sub) && short_title(line) && short_title(next) && *next != line =>
            {
                format!("{line} {next}{sub}")
            }
            _ => line.to_string(),
        };
        (!joined.contains('：'))
            .then(|| title_of(&joined))
            .flatten()
    });
    // A file of one line runs title, date and body together; a title line may run on into its
    // date and speaker (在…时的讲话（2020年2月3日）习近平).
    let run_in = match (title.as_ref(), lead) {
        (None, Some(i)) if lines[i].chars().count() > 60 => run_in_title(lines[i]),
        (Some(t), _) => run_in_title(t),
        _ => None,
    };
    let (title, mut run_in_dates) = match run_in {
        Some((t, dates)) => (Some(t), dates),
        None => (title, Vec::new()),
    };
    let title = title.or_else(|| {
        lead.filter(|&i| lines[i].chars().count() > 60)
            .and_then(|i| byline_title(lines[i]))
    });
    // 政府工作报告——2024年3月5日在…会议上 国务院总理 李强: the delivery line run into the title.
    let delivered = title.as_deref().and_then(|t| {
        let (head, tail) = t.split_once("——")?;
        let when = tail
            .split_once('在')
            .map_or(tail, |(d, _)| d)
            .replace(' ', "");
        let dates = iso_dates(&when);
        (head.chars().count() >= 2 && when.chars().count() <= 16 && !dates.is_empty())
            .then(|| (head.trim().to_owned(), dates))
    });
    let title = match delivered {
        Some((head, dates)) => {
            run_in_dates.extend(dates);
            Some(head)
        }
        None => title,
    };
    let head: String = lines.join("\n");
    let genre = genre(title.as_deref(), &head, text);
    let mut m = Meta {
        title,
        genre,
        ..Meta::default()
    };
    if first {
        for f in fields {
            let slot = match f.field.as_str() {
                "date" => {
                    for d in iso_dates(&f.value) {
                        if !m.dates.contains(&d) {
                            m.dates.push(d);
                        }
                    }
                    continue;
                }
                "source" => &mut m.source,
                "editor" => &mut m.editor,
                "reporter" => &mut m.reporter,
                "author" => &mut m.author,
                _ => continue,
            };
            // 资料来源：…统计调查，政 under a table is a footnote, not who published the text.
            let prose = f.field == "source" && f.value.contains(['，', '。']);
            if slot.is_none() && !f.value.is_empty() && !prose {
                *slot = Some(f.value.clone());
            }
        }
    }
    if m.source.is_none() {
        m.source = credited_source(text);
    }
    // A date line of its own under the title: （2020年1月8日）, or the date a report was
    // delivered: ——2026年1月27日在吉林省第十四届人民代表大会第五次会议上.
    let mut stated: Vec<String> = Vec::new();
    for l in lines.iter().skip(1).take(4) {
        let t = l.trim_matches(|c: char| matches!(c, '（' | '）' | ' ' | '—' | '―'));
        let t = t
            .split_once('在')
            .map_or(t, |(date, _)| date)
            .replace(' ', "");
        if t.chars().count() <= 16 {
            stated.extend(iso_dates(&t));
        }
    }
    stated.extend(run_in_dates);
    if stated.is_empty() && first {
        stated.extend(footnote_date(text));
    }
    for d in &stated {
        if !m.dates.contains(d) {
            m.dates.push(d.clone());
        }
    }
    if m.reporter.is_none() {
        m.reporter = reporter_in_body(text);
    }
    if m.dates.is_empty() {
        m.dates.extend(file_name_date(file));
        m.dated_by_file = !m.dates.is_empty();
    }
    m.spoken = stated.into_iter().next().or_else(|| {
        (m.dated_by_file || m.genre == "summary")
            .then(|| m.dates.first().cloned())
            .flatten()
    });
    let year = m
        .dates
        .first()
        .and_then(|d| d.get(..4)?.parse().ok())
        .or_else(|| m.title.as_deref().and_then(iso_year));
    m.campaign = campaign(text, year);
    m.level = level(text, m.title.as_deref());
    m
}

#[cfg(test)]
mod tests;
