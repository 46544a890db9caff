//! Document metadata: title, genre (speech / interview / summary / report), dates of delivery
//! or publication in ISO form, source / editor / reporter, and the campaign the text belongs to.
//!
//! Reads the document's first lines and the metadata lines `clean` lifted out of the body.

use crate::clean::MetaField;
use crate::dict::{CueIn, Dictionaries};
use crate::extract::dates::DateMention;
use crate::scan::{Literals, Prefer};
use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;

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
}

fn date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?P<y>(?:19|20)\d{2})(?:年|-|/|\.)(?P<m>\d{1,2})(?:月|-|/|\.)(?P<d>\d{1,2})日?",
        )
        .unwrap_or_else(|e| panic!("{e}"))
    })
}

/// ISO dates (YYYY-MM-DD) found in `s`, in Arabic (2023年10月20日, 2023-10-20) or Chinese
/// numerals (二〇二三年十月二十日).
pub fn iso_dates(s: &str) -> Vec<String> {
    let arabic = date_re().captures_iter(s).filter_map(|c| {
        let at = c.get(0)?.start();
        let y: u32 = c.name("y")?.as_str().parse().ok()?;
        let m: u32 = c.name("m")?.as_str().parse().ok()?;
        let d: u32 = c.name("d")?.as_str().parse().ok()?;
        Some((at, y, m, d))
    });
    let spelled = super::dates::spelled_dates(s)
        .into_iter()
        .filter_map(|d| Some((d.range.start, u32::try_from(d.year).ok()?, d.month?, d.day?)));
    let mut found: Vec<(usize, u32, u32, u32)> = arabic.chain(spelled).collect();
    found.sort_unstable();
    found
        .into_iter()
        .filter(|&(_, _, m, d)| (1..=12).contains(&m) && (1..=31).contains(&d))
        .map(|(_, y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
        .collect()
}

/// The date a file's name carries (2020-01-08_1.txt, 20221115.md, 2013_03_08讲话.txt), for
/// documents whose text states none: scraped collections name files by publication date.
pub fn file_name_date(file: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?:^|\D)((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?:\D|$)",
        )
        .unwrap_or_else(|e| panic!("{e}"))
    });
    let name = std::path::Path::new(file).file_name()?.to_string_lossy();
    let c = re.captures(&name)?;
    Some(format!("{}-{}-{}", &c[1], &c[2], &c[3]))
}

/// The date a letter or message is signed with, among the full dates `mentions` found in
/// `text`: a name of two to four chars after a sentence end or on a line of its own, then the
/// date, closing its line or followed by the agency's dateline
/// (……。习近平2020年7月7日（新华社北京7月8日电）; 习近平\n2020年7月7日).
pub fn signature_date(text: &str, mentions: &[DateMention]) -> Option<String> {
    mentions.iter().find_map(|d| {
        let iso = d
            .iso
            .as_deref()
            .filter(|i| d.kind == "full" && i.len() == 10)?;
        let after = text[d.range.end..].trim_start_matches(' ');
        if !(after.is_empty() || after.starts_with(['（', '\n'])) {
            return None;
        }
        let before = text[..d.range.start].trim_end_matches([' ', '\n']);
        let name = before.len()
            - before
                .trim_end_matches(|c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c))
                .len();
        let n = before[before.len() - name..].chars().count();
        let opener = before[..before.len() - name].chars().next_back();
        ((2..=4).contains(&n) && opener.is_none_or(|c| matches!(c, '\n' | '。' | '！' | '？')))
            .then(|| iso.to_owned())
    })
}

/// A year written in `s` (2026年…工作报告 → 2026).
pub fn iso_year(s: &str) -> Option<i32> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"((?:19|20)\d{2})年").unwrap_or_else(|e| panic!("{e}")));
    re.captures(s)
        .and_then(|c| c.get(1))
        .and_then(|m| m.as_str().parse().ok())
}

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
    if !(4..=60).contains(&n) || t.contains('。') || t.starts_with("同志们") || bad_end || chapter
    {
        return None;
    }
    Some(t.to_owned())
}

/// The title and date of a line that runs them into the body, as one-line files of speeches
/// do: 构建新发展格局　实现互利共赢——在…上的主旨演讲（2020年11月19日，北京）中华人民共和国主席
/// 习近平各位… The title is what stands before a dated parenthesis near the line's start,
/// after a 新华社…电 dateline.
fn run_in_title(line: &str) -> Option<(String, Vec<String>)> {
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

/// Metadata of one document. `first` says whether this is the file's first document (the
/// lifted metadata lines belong to the file, so only the first document reports them).
pub fn meta(text: &str, fields: &[MetaField], first: bool, file: &str) -> Meta {
    let lines: Vec<&str> = text.lines().take(8).collect();
    // Scraped pages open with the site name and page labels: the title is the first line after them.
    let dicts = Dictionaries::get();
    let lead = lines.iter().take(4).position(|l| !dicts.is_site_label(l));
    let title = lead.and_then(|i| {
        let line = lines[i];
        // A title broken over two lines (…培训班、\n…开班仪式上的致辞) reads as one.
        let joined = match lines.get(i + 1) {
            Some(next) if line.ends_with(['、', '—']) => format!("{line}{next}"),
            _ => line.to_string(),
        };
        (!joined.contains('：'))
            .then(|| title_of(&joined))
            .flatten()
    });
    // A file of one line runs title, date and body together.
    let run_in = match (title.as_ref(), lead) {
        (None, Some(i)) if lines[i].chars().count() > 60 => run_in_title(lines[i]),
        _ => None,
    };
    let (title, mut run_in_dates) = match run_in {
        Some((t, dates)) => (Some(t), dates),
        None => (title, Vec::new()),
    };
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
    for l in lines.iter().skip(1).take(4) {
        let t = l.trim_matches(|c: char| matches!(c, '（' | '）' | ' ' | '—' | '―'));
        let t = t
            .split_once('在')
            .map_or(t, |(date, _)| date)
            .replace(' ', "");
        if t.chars().count() <= 16 {
            for d in iso_dates(&t) {
                if !m.dates.contains(&d) {
                    m.dates.push(d);
                }
            }
        }
    }
    for d in run_in_dates {
        if !m.dates.contains(&d) {
            m.dates.push(d);
        }
    }
    if m.reporter.is_none() {
        m.reporter = reporter_in_body(text);
    }
    if m.dates.is_empty() {
        m.dates.extend(file_name_date(file));
        m.dated_by_file = !m.dates.is_empty();
    }
    let year = m
        .dates
        .first()
        .and_then(|d| d.get(..4)?.parse().ok())
        .or_else(|| m.title.as_deref().and_then(iso_year));
    m.campaign = campaign(text, year);
    m.level = level(text, m.title.as_deref());
    m
}

/// Bytes at the start of a document where an address to the audience opens a speech.
const OPENING: usize = 1500;

/// The genre of the first cue of `dictionaries/genres.tsv` found where its line says; a
/// document without any is a report.
fn genre(title: Option<&str>, head: &str, text: &str) -> &'static str {
    let title = title.unwrap_or("");
    let opening = &text[..crate::scan::floor_char_boundary(text, OPENING)];
    Dictionaries::get()
        .genres
        .iter()
        .find(|g| match g.within {
            CueIn::LineStart => head.lines().any(|l| l.starts_with(g.cue.as_str())),
            CueIn::Head => head.contains(g.cue.as_str()),
            CueIn::Title => title.contains(g.cue.as_str()),
            CueIn::Text => text.contains(g.cue.as_str()),
            CueIn::Opening => opening.contains(g.cue.as_str()),
            CueIn::Address => opening.match_indices(g.cue.as_str()).any(|(i, c)| {
                opening[i + c.len()..].starts_with(['：', '，', '！', '、', ':', ',', '!'])
            }),
        })
        .map_or("report", |g| g.genre)
}

/// Who published a text without a source line: the paper of a reprint's credit line
/// (《 人民日报 》（ 2020年09月12日 02 版）), else the agency of a dateline that opens a line
/// near the start (新华社北京11月10日电).
fn credited_source(text: &str) -> Option<String> {
    static CREDIT: OnceLock<Regex> = OnceLock::new();
    static DATELINE: OnceLock<Regex> = OnceLock::new();
    let credit = CREDIT.get_or_init(|| {
        Regex::new(r"《\s*([^》\s]{2,12})\s*》\s*（\s*(?:19|20)\d{2}年\d{1,2}月\d{1,2}日\s*\d{1,3}\s*版\s*）")
            .unwrap_or_else(|e| panic!("{e}"))
    });
    let dateline = DATELINE.get_or_init(|| {
        Regex::new(r"^（?(\p{Han}{1,3}社)[^\n电）。，]{0,12}电").unwrap_or_else(|e| panic!("{e}"))
    });
    if let Some(c) = credit.captures_iter(text).last() {
        return c.get(1).map(|m| m.as_str().to_owned());
    }
    text.lines()
        .take(6)
        .find_map(|l| dateline.captures(l.trim_start()))
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_owned())
}

/// （记者 张琪） at the end of a news text.
fn reporter_in_body(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"[（(]记者\s*([^）)]{2,20})[）)]").unwrap_or_else(|e| panic!("{e}"))
    });
    re.captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().trim().to_owned())
}

/// The level whose cues weigh most (我县 outweighs a passing 省委).
/// The weight from which a cue of `levels.tsv` speaks for the speaker, not of a body named.
const SPEAKER_WEIGHT: u32 = 5;

fn level(text: &str, title: Option<&str>) -> Option<String> {
    static CUES: OnceLock<Literals> = OnceLock::new();
    let d = Dictionaries::get();
    let cues = CUES.get_or_init(|| {
        let cues: Vec<&str> = d.levels.iter().map(|(c, _, _)| c.as_str()).collect();
        Literals::new(&cues, Prefer::Longest)
    });
    let mut score: Vec<(&str, u32)> = Vec::new();
    let found: Vec<usize> = cues.find_iter(text).map(|m| m.literal).collect();
    // A speaker cue (weight 5 and up: 我省, 我代表市政府) says where the text is given; bodies
    // named in passing (高于全国, 县委) then count for nothing.
    let floor = if found.iter().any(|&i| d.levels[i].2 >= SPEAKER_WEIGHT) {
        SPEAKER_WEIGHT
    } else {
        0
    };
    for i in found {
        let (_, lv, w) = &d.levels[i];
        if *w < floor {
            continue;
        }
        match score.iter_mut().find(|(l, _)| l == lv) {
            Some(s) => s.1 += w,
            None => score.push((lv, *w)),
        }
    }
    // In an autonomous region (西藏自治区) 我区 and 区党委 speak of the province-level region,
    // in a municipality's report (2026年北京市政府工作报告) 我市 of the province-level city.
    for r in &d.level_ranks {
        let named = match r.in_title {
            true => title.is_some_and(|t| t.contains(r.place.as_str())),
            false => text.contains(r.place.as_str()),
        };
        if !named {
            continue;
        }
        if let Some(i) = score.iter().position(|(l, _)| *l == r.own) {
            let (_, s) = score.remove(i);
            match score.iter_mut().find(|(l, _)| *l == r.level) {
                Some(p) => p.1 += s,
                None => score.push((r.level.as_str(), s)),
            }
        }
    }
    // Ties go to the level whose cue the text names first.
    let best = score
        .iter()
        .fold(None, |acc: Option<(&str, u32)>, &(l, s)| match acc {
            Some((_, b)) if b >= s => acc,
            _ => Some((l, s)),
        });
    best.map(|(l, _)| l.to_owned())
}

/// The campaign named most often (by any alias), ties broken by the later dictionary entry.
/// One search over the text, leftmost-longest so 先进性教育活动 is not also 先进性教育.
/// An alias several campaigns share (主题教育: 2019–20 and 2023–24) counts for the one running in
/// the document's `year`, and for none when no such campaign ran then (a 2025 news item's
/// “清明祭英烈”主题教育实践活动); without a year, for the first.
fn campaign(text: &str, year: Option<i32>) -> Option<String> {
    static NAMES: OnceLock<(Literals, Vec<Vec<usize>>, Vec<bool>)> = OnceLock::new();
    let d = Dictionaries::get();
    let (names, owners, full) = NAMES.get_or_init(|| {
        let mut pats: Vec<&str> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        // Whether a pattern is some campaign's full name, not only an alias.
        let mut full: Vec<bool> = Vec::new();
        for (i, c) in d.campaigns.iter().enumerate() {
            // Two- and three-char aliases (三讲) are too ambiguous to count on their own.
            for a in
                std::iter::once(&c.name).chain(c.aliases.iter().filter(|a| a.chars().count() >= 4))
            {
                let is_name = a == &c.name;
                match pats.iter().position(|p| p == a) {
                    Some(k) => {
                        owners[k].push(i);
                        full[k] |= is_name;
                    }
                    None => {
                        pats.push(a.as_str());
                        owners.push(vec![i]);
                        full.push(is_name);
                    }
                }
            }
        }
        (Literals::new(&pats, Prefer::Longest), owners, full)
    });
    let running = |i: usize, y: i32| {
        let c = &d.campaigns[i];
        c.start.is_some_and(|s| s <= y) && c.end.is_none_or(|e| y <= e)
    };
    let mut counts = vec![0usize; d.campaigns.len()];
    let mut named = vec![false; d.campaigns.len()];
    // Aliases met outside the years their campaign ran: they count only where the text also
    // names that campaign in full (a 2024 news item's “建功强军事业”教育实践活动 is no
    // 群众路线教育实践活动, a 2022 talk recalling 先进性教育活动 may well be about it).
    let mut stray = vec![0usize; d.campaigns.len()];
    for m in names.find_iter(text) {
        let own = &owners[m.literal];
        let owner = match (own.as_slice(), year) {
            ([only], _) => Some(*only),
            (_, Some(y)) => own.iter().copied().find(|&i| running(i, y)),
            (_, None) => own.first().copied(),
        };
        let Some(i) = owner else { continue };
        if full[m.literal] {
            named[i] = true;
            counts[i] += 1;
        } else if year.is_some_and(|y| !running(i, y)) {
            stray[i] += 1;
        } else {
            counts[i] += 1;
        }
    }
    for (i, n) in stray.into_iter().enumerate() {
        if named[i] {
            counts[i] += n;
        }
    }
    // Ties go to the later campaign: a text recalling several (五年来…主题教育、党史学习教育)
    // lives in the time of the last.
    let (best, n) =
        counts.iter().enumerate().fold(
            (0, 0),
            |acc, (i, &n)| if n >= acc.1 && n > 0 { (i, n) } else { acc },
        );
    // A long text naming a campaign once, in passing (a 2026 work report reviewing 2025), is
    // not about it.
    let passing = n == 1 && text.len() > PASSING_MENTION_BYTES;
    (n > 0 && !passing).then(|| d.campaigns[best].name.clone())
}

/// A text longer than this (about 2,000 chars) needs two mentions of a campaign to belong to it.
const PASSING_MENTION_BYTES: usize = 6_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_opens_a_speech_but_a_quoted_one_deep_in_a_news_item_does_not() {
        let un =
            "新华社北京9月21日电 讲话全文如下：\n主席先生，各位同事：\n75年前，世界人民赢得胜利。";
        assert_eq!(meta(un, &[], true, "").genre, "speech");
        let news = format!(
            "今日要闻\n{}他说：“同志们，我们要继续努力。”",
            "今天各地开展活动。\n".repeat(200)
        );
        assert_eq!(meta(&news, &[], true, "").genre, "report");
    }

    /// The bug: 24 of 31 provincial 2026 work reports were filed under the 2025 campaign their
    /// review names once, and a tie went to the oldest campaign.
    #[test]
    fn a_campaign_named_once_in_passing_is_not_the_documents() {
        let review = format!(
            "2026年政府工作报告\n扎实开展深入贯彻中央八项规定精神学习教育。{}",
            "推动经济高质量发展。".repeat(300)
        );
        assert_eq!(meta(&review, &[], true, "").campaign, None);
        let news = "党纪学习教育读书班开班\n党纪学习教育读书班今天开班。";
        assert_eq!(
            meta(news, &[], true, "").campaign.as_deref(),
            Some("党纪学习教育")
        );
        let both = format!(
            "五年来，开展党史学习教育，开展党纪学习教育。{}",
            "推动发展。".repeat(10)
        );
        assert_eq!(
            meta(&both, &[], true, "").campaign.as_deref(),
            Some("党纪学习教育")
        );
    }

    #[test]
    fn a_shared_campaign_alias_counts_for_the_campaign_of_the_documents_year() {
        let text = "正文\n深入开展主题教育，确保主题教育取得实效。";
        let campaign_in = |file: &str| meta(text, &[], true, file).campaign;
        assert_eq!(
            campaign_in("20230705.md").as_deref(),
            Some("学习贯彻习近平新时代中国特色社会主义思想主题教育")
        );
        assert_eq!(
            campaign_in("2019-09-01_1.txt").as_deref(),
            Some("不忘初心牢记使命主题教育")
        );
        // No campaign with that alias ran in 2025; without a year, the first entry.
        assert_eq!(campaign_in("20250404.md"), None);
        assert_eq!(
            campaign_in("speech.txt").as_deref(),
            Some("不忘初心牢记使命主题教育")
        );
        // A full name counts whatever the year.
        let named = meta("正文\n党史学习教育总结。", &[], true, "20250404.md");
        assert_eq!(named.campaign.as_deref(), Some("党史学习教育"));
    }

    /// The bug: an alias outside its campaign's years named another activity: a 2024 news
    /// item's “建功强军事业”教育实践活动 was 党的群众路线教育实践活动.
    #[test]
    fn an_alias_out_of_its_years_counts_only_beside_the_full_name() {
        let text = "正文\n部队开展“学习强军思想、建功强军事业”教育实践活动。";
        let campaign_in = |t: &str, file: &str| meta(t, &[], true, file).campaign;
        assert_eq!(campaign_in(text, "20240911.md"), None);
        assert_eq!(
            campaign_in(text, "2013-08-20_1.txt").as_deref(),
            Some("党的群众路线教育实践活动")
        );
        let recalled = "正文\n回顾党的群众路线教育实践活动，教育实践活动成效显著。";
        assert_eq!(
            campaign_in(recalled, "20240911.md").as_deref(),
            Some("党的群众路线教育实践活动")
        );
    }

    /// The bug: only a date line of 16 chars or fewer was read, so a report's delivery date
    /// in its subtitle was missed, and a space inside the date broke it.
    #[test]
    fn the_delivery_date_of_a_subtitle_dates_the_document() {
        let m = meta(
            "政府工作报告\n——2026年1月27日在吉林省第十四届人民代表大会第五次会议上\n省长 胡玉亭\n各位代表：",
            &[],
            true,
            "",
        );
        assert_eq!(m.dates, vec!["2026-01-27"]);
        let m = meta(
            "在座谈会上的讲话\n（2026年 4月23日）\n同志们：",
            &[],
            true,
            "",
        );
        assert_eq!(m.dates, vec!["2026-04-23"]);
        // A title that names where it was given but holds no date gives none.
        let m = meta(
            "讲话\n习近平在企业家座谈会上的讲话\n同志们：",
            &[],
            true,
            "",
        );
        assert!(m.dates.is_empty());
    }

    /// The bug: one-line speech files, title, date and body run together, had no title and
    /// only the file name's date.
    #[test]
    fn a_title_run_into_the_body_of_a_one_line_file() {
        let line = "新华社北京11月19日电构建新发展格局　实现互利共赢——在亚太经合组织工商领导人对话会上的主旨演讲（2020年11月19日，北京）中华人民共和国主席 习近平各位工商界朋友，女士们，先生们，朋友们：在全球共抗新冠肺炎疫情的重要时刻，很高兴同大家见面。";
        let m = meta(line, &[], true, "2020-11-20_1.txt");
        assert_eq!(
            m.title.as_deref(),
            Some("构建新发展格局　实现互利共赢——在亚太经合组织工商领导人对话会上的主旨演讲")
        );
        assert_eq!(m.dates, vec!["2020-11-19"]);
        // A long first line that is prose keeps no title.
        let prose = "同志们：今天召开会议，主要任务是总结工作（2020年11月19日以来的情况），部署下一步工作，大家要认真抓好落实，确保各项任务完成。";
        assert_eq!(meta(prose, &[], true, "").title, None);
    }

    /// The bug: a one-line speech holding a site-label word anywhere (博览会平台功能) was
    /// taken for a site label, and lost its title and delivery date (11 files).
    #[test]
    fn a_one_line_file_naming_a_platform_keeps_its_title() {
        let line = "新华社南宁11月27日电在第十七届中国—东盟博览会开幕式上的致辞（2020年11月27日，北京）中华人民共和国主席 习近平尊敬的各位嘉宾：我们要发挥博览会平台功能，共同推动合作。";
        let m = meta(line, &[], true, "2020-11-28_1.txt");
        assert_eq!(
            m.title.as_deref(),
            Some("在第十七届中国—东盟博览会开幕式上的致辞")
        );
        assert_eq!(m.dates, vec!["2020-11-27"]);
        // A short site label still leads to the title after it.
        let m = meta(
            "欢迎访问政务服务平台\n关于做好防汛工作的通知\n正文。",
            &[],
            true,
            "",
        );
        assert_eq!(m.title.as_deref(), Some("关于做好防汛工作的通知"));
    }

    /// The bug: reprints credited to a paper and texts opened by an agency's dateline had no
    /// source (48 in ../shared/corpus), and a table's 资料来源 footnote was taken for one.
    #[test]
    fn a_credit_line_or_a_dateline_names_the_source() {
        let text =
            "讲话标题\n（新华社北京9月11日电）正文。\n《 人民日报 》（ 2020年09月12日 02 版）";
        assert_eq!(
            meta(text, &[], true, "").source.as_deref(),
            Some("人民日报")
        );
        let text = "标题\n新华社北京11月10日电 正文。";
        assert_eq!(meta(text, &[], true, "").source.as_deref(), Some("新华社"));
        let footnote = MetaField {
            field: "source".into(),
            label: "资料来源".into(),
            value: "雇佣及职位空缺按季统计调查，政".into(),
        };
        assert_eq!(meta("标题\n正文。", &[footnote], true, "").source, None);
    }

    #[test]
    fn a_date_line_in_chinese_numerals_dates_the_document() {
        let m = meta(
            "关于加强基层党建工作的通知\n（二〇二三年十月二十日）\n正文",
            &[],
            true,
            "",
        );
        assert_eq!(m.dates, ["2023-10-20"]);
        assert_eq!(
            iso_dates("2020年1月8日至二〇二〇年二月三日"),
            ["2020-01-08", "2020-02-03"]
        );
    }

    #[test]
    fn dates_in_file_names() {
        assert_eq!(
            file_name_date("speeches/2020-01-08_1.txt").as_deref(),
            Some("2020-01-08")
        );
        assert_eq!(
            file_name_date("xwlb/20221115.md").as_deref(),
            Some("2022-11-15")
        );
        assert_eq!(file_name_date("000_c1dd23876f65785c.txt"), None);
        assert_eq!(file_name_date("report-2026.txt"), None);
        assert_eq!(file_name_date("id_120221115.txt"), None);
    }

    #[test]
    fn titles_from_first_lines() {
        assert_eq!(
            title_of("45严督实导 务求实效——中央指导组工作综述.txt").as_deref(),
            Some("严督实导 务求实效——中央指导组工作综述")
        );
        assert_eq!(
            title_of("在活动督导组工作会议讲话").as_deref(),
            Some("在活动督导组工作会议讲话")
        );
        assert_eq!(title_of("同志们："), None);
        assert_eq!(
            title_of("2026年四川省人民政府工作报告").as_deref(),
            Some("2026年四川省人民政府工作报告")
        );
        assert_eq!(
            title_of("按照中央的统一部署，昨天下午区委召开了动员大会。"),
            None
        );
    }

    #[test]
    fn a_title_broken_over_two_lines_is_joined() {
        let m = meta(
            "在入党积极分子培训班、\n发展对象培训班开班仪式上的致辞\n同志们：",
            &[],
            true,
            "",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("在入党积极分子培训班、发展对象培训班开班仪式上的致辞")
        );
    }

    #[test]
    fn issuing_level_from_speaker_cues() {
        assert_eq!(
            meta(
                "我县先进性教育活动按照省委要求开展，全县党员参加。",
                &[],
                true,
                ""
            )
            .level
            .as_deref(),
            Some("县")
        );
        assert_eq!(
            meta("中央指导组深入联系单位，党中央高度重视。", &[], true, "")
                .level
                .as_deref(),
            Some("中央")
        );
    }

    /// The bug: the head of state at the UN (中方愿…) had no level, and Hong Kong's
    /// Legislative Council came out 中央 (中央人民政府 named in its debates).
    #[test]
    fn china_speaking_abroad_is_central_and_hong_kongs_council_provincial() {
        let level = |t: &str| meta(t, &[], true, "").level;
        assert_eq!(
            level("主席先生：中方愿同各方一道，中方支持世界卫生组织。").as_deref(),
            Some("中央")
        );
        assert_eq!(
            level("立法会会议过程正式纪录\n主席：立法会现在开会。中央人民政府。").as_deref(),
            Some("省")
        );
    }

    /// The bug: a provincial report comparing itself with 全国 came out 中央, and a news
    /// programme quoting a county official 县.
    #[test]
    fn a_speaker_cue_outweighs_bodies_named_in_passing() {
        let level = |t: &str| meta(t, &[], true, "").level;
        assert_eq!(
            level("我代表省政府报告工作。增幅高于全国，居全国前列，全国第一，全国领先。")
                .as_deref(),
            Some("省")
        );
        assert_eq!(
            level("《新闻联播》 （20230603）\n县长说，我县将全县麦田全部收割。").as_deref(),
            Some("中央")
        );
    }

    /// The bug: the reports of the municipalities under the central government came out 市
    /// (上海, 天津, 重庆: 我市, 全市) or 中央 (北京: 全国 outweighed 全市), not the province
    /// level they rank at.
    #[test]
    fn a_municipality_reports_at_province_level() {
        let level = |t: &str| meta(t, &[], true, "").level;
        let report = "2026年上海市政府工作报告\n我市全市经济稳定，全市就业增长。\n";
        assert_eq!(level(report).as_deref(), Some("省"));
        let beijing = "2026年北京市政府工作报告\n现在，我代表北京市人民政府向大会报告工作。全国领先，全国第一，全国前列。\n";
        assert_eq!(level(beijing).as_deref(), Some("省"));
        // A city that names Beijing in passing stays a city.
        let city = "石家庄市政府工作报告\n我市对接北京市，全市协同发展。\n";
        assert_eq!(level(city).as_deref(), Some("市"));
    }

    /// The bug: a title that runs its delivery line on (政府工作报告——2024年3月5日在…上 国务院
    /// 总理 李强) was taken whole, and its date was lost.
    #[test]
    fn a_delivery_line_run_into_the_title_dates_it() {
        let m = meta("政府工作报告——2024年3月5日在第十四届全国人民代表大会第二次会议上国务院总理 李强\n各位代表：\n现在，我代表国务院报告工作。", &[], true, "");
        assert_eq!(m.title.as_deref(), Some("政府工作报告"));
        assert_eq!(m.dates, ["2024-03-05"]);
        let m = meta(
            "构建新发展格局 实现互利共赢——在亚太经合组织工商领导人对话会上的主旨演讲\n各位代表：",
            &[],
            true,
            "",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("构建新发展格局 实现互利共赢——在亚太经合组织工商领导人对话会上的主旨演讲")
        );
    }

    /// The bug: letters signed 习近平2020年7月7日 were dated by their file name (the day the
    /// news of them was published) or not at all.
    #[test]
    fn a_signature_dates_a_letter() {
        let signed = |t: &str| {
            let mentions = crate::extract::dates::date_mentions(t, None);
            signature_date(t, &mentions)
        };
        assert_eq!(
            signed("为人民多作贡献。习近平2020年7月7日（新华社北京7月8日电）新华社北京7月8日电")
                .as_deref(),
            Some("2020-07-07")
        );
        assert_eq!(
            signed("此致\n敬礼！\n习近平\n2020年7月7日\n").as_deref(),
            Some("2020-07-07")
        );
        // A date in a sentence, or after a long line, signs nothing.
        assert_eq!(
            signed("习近平2022年10月16日在中国共产党第二十次全国代表大会上的报告"),
            None
        );
        assert_eq!(signed("会议决定，自即日起全面实施2020年7月7日\n"), None);
    }

    #[test]
    fn site_labels_are_not_titles() {
        let m = meta(
            "欢迎访问剑阁网络管理平台\n接访信息详情\n关于开展核查的通知\n正文。",
            &[],
            true,
            "",
        );
        assert_eq!(m.title.as_deref(), Some("关于开展核查的通知"));
    }

    /// The bug: 同学们 inside a quoted letter (同学们生逢其时) made a news item a speech; an
    /// address is followed by ：，！.
    #[test]
    fn an_address_cue_needs_the_mark_after_it() {
        let letter = "回信\n毕业生们：你们好！同学们生逢其时、肩负重任。";
        assert_eq!(meta(letter, &[], true, "").genre, "report");
        assert_eq!(
            meta("毕业典礼\n同学们：大家好。", &[], true, "").genre,
            "speech"
        );
        let summit = "尊敬的拉马福萨总统，尊敬的各位国家元首，感谢各位同事出席会议。";
        assert_eq!(meta(summit, &[], true, "").genre, "speech");
    }

    /// The bug: study notes opening on their first chapter were titled by it.
    #[test]
    fn a_chapter_heading_is_no_title() {
        assert_eq!(title_of("第一章 马克思主义中国化两大理论成果"), None);
        assert_eq!(title_of("第十二编 总则"), None);
        assert_eq!(
            title_of("第一书记工作座谈会讲话").as_deref(),
            Some("第一书记工作座谈会讲话")
        );
    }

    #[test]
    fn genre_cues() {
        assert_eq!(
            meta("履职尽责 加强督导\n——访联络组组长孔原\n正文", &[], true, "").genre,
            "interview"
        );
        assert_eq!(
            meta("在培训班上的讲话\n同志们：", &[], true, "").genre,
            "speech"
        );
        assert_eq!(meta("某某工作综述\n正文", &[], true, "").genre, "summary");
        // The bug: a 《新闻联播》 transcript (a digest of the day's news) came out as a report,
        // or as a speech where an item quoted 同志们.
        let news = "《新闻联播》 (20220924)\n新闻摘要\n本期节目主要内容：\n同志们说";
        assert_eq!(meta(news, &[], true, "").genre, "summary");
        // A work report is still a report, and a text without any cue too.
        assert_eq!(
            meta("政府工作报告\n各位代表：", &[], true, "").genre,
            "report"
        );
        assert_eq!(meta("正文\n没有线索", &[], true, "").genre, "report");
        assert_eq!(
            meta(
                "深入开展先进性教育活动，搞好先进性教育活动。",
                &[],
                true,
                ""
            )
            .campaign
            .as_deref(),
            Some("保持共产党员先进性教育活动")
        );
        assert_eq!(
            meta("尊敬的各位来宾，女士们、先生们，朋友们：", &[], true, "").genre,
            "speech"
        );
    }

    #[test]
    fn dates_from_metadata_fields() {
        let f = vec![MetaField {
            field: "date".into(),
            label: "发布时间".into(),
            value: "2013年08月20日 17:56".into(),
        }];
        assert_eq!(meta("正文", &f, true, "").dates, vec!["2013-08-20"]);
        assert_eq!(iso_dates("时间：2022-07-14 09:58:00"), vec!["2022-07-14"]);
    }
}
