//! The campaign a text belongs to, counted from the names and aliases of
//! `dictionaries/campaigns.tsv` and the years each campaign ran.

use crate::dict::Dictionaries;
use crate::scan::{Literals, Prefer};
use std::sync::OnceLock;

/// The campaign named most often (by any alias), ties broken by the later dictionary entry.
/// One search over the text, leftmost-longest so 先进性教育活动 is not also 先进性教育.
/// An alias several campaigns share (主题教育: 2019–20 and 2023–24) counts for the one running in
/// the document's `year`, and for none when no such campaign ran then (a 2025 news item's
/// “清明祭英烈”主题教育实践活动); without a year, for the first.
pub(super) fn campaign(text: &str, year: Option<i32>) -> Option<String> {
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
                // “两学一做”学习教育 names it in full as much as 两学一做学习教育 does.
                let is_name = unquoted(a) == unquoted(&c.name);
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
        // “主题教育课”, 红色主题教育活动, “…”主题教育: a theme, not the campaign the alias
        // stands for.
        if !full[m.literal] && own.len() > 1 && theme_only(text, m.start, m.end) {
            continue;
        }
        let owner = match (own.as_slice(), year) {
            ([only], _) => Some(*only),
            (_, Some(y)) => own.iter().copied().find(|&i| running(i, y)),
            (_, None) => own.first().copied(),
        };
        let Some(i) = owner else { continue };
        // 巩固拓展…学习教育成果, …常态化: a campaign that has ended, recalled; it counts in its
        // own years only.
        let ended = d.campaigns[i]
            .end
            .is_some_and(|e| year.is_none_or(|y| y > e));
        if ended && consolidates(text, m.start, m.end) {
            continue;
        }
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

/// Quotation marks, 、 and ， left out: the name as it reads (“不忘初心、牢记使命”主题教育).
fn unquoted(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '“' | '”' | '‘' | '’' | '"' | '、' | '，'))
        .collect()
}

/// Whether the mention at `start..end` recalls a campaign's results: 巩固拓展 (深化) before it,
/// or 成果, 常态化, 制度化 right after it (a closing quotation mark between).
fn consolidates(text: &str, start: usize, end: usize) -> bool {
    let after = text[end..].trim_start_matches(['”', '’']);
    let before_from = crate::scan::floor_char_boundary(text, start.saturating_sub(8 * 3));
    ["成果", "常态化", "制度化"]
        .iter()
        .any(|w| after.starts_with(w))
        || text[before_from..start].contains("巩固")
}

/// Whether a shared alias (主题教育) names a theme here: a lesson, hall or activity of that
/// theme (主题教育课, 主题教育馆, 主题教育活动, 主题教育实践), or a theme quoted before it
/// (“清明祭英烈”主题教育).
fn theme_only(text: &str, start: usize, end: usize) -> bool {
    let after = &text[end..];
    ["课", "馆", "活动", "实践"]
        .iter()
        .any(|w| after.starts_with(w))
        || text[..start].ends_with('”')
}
