//! The issuing level (中央, 省, 市, 县, 区, 乡), weighed from the cues of `dictionaries/levels.tsv`.

use crate::dict::Dictionaries;
use crate::scan::{Literals, Prefer};
use std::sync::OnceLock;

/// The level whose cues weigh most (我县 outweighs a passing 省委).
/// The weight from which a cue of `levels.tsv` speaks for the speaker, not of a body named.
const SPEAKER_WEIGHT: u32 = 5;

pub(super) fn level(text: &str, title: Option<&str>) -> Option<String> {
    static CUES: OnceLock<Literals> = OnceLock::new();
    let d = Dictionaries::get();
    let cues = CUES.get_or_init(|| {
        let cues: Vec<&str> = d.levels.iter().map(|(c, _, _)| c.as_str()).collect();
        Literals::new(&cues, Prefer::Longest)
    });
    let mut score: Vec<(&str, u32)> = Vec::new();
    let found: Vec<usize> = cues
        .find_iter(text)
        .filter(|m| !inside_a_word(text, m.start, m.end))
        .map(|m| m.literal)
        .collect();
    // A cue of weight 0 (全国) counts beside others, but alone it tells no level: a law of
    // Taiwan or a student's notes that say 全国 were made by no 中央.
    if found.iter().all(|&i| d.levels[i].2 == 0) {
        return None;
    }
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
        let w = &(*w).max(1);
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

/// Whether a cue is part of a longer word: 全区 in 安全区 or 健全区域, 区委 or 市委 in 委托.
fn inside_a_word(text: &str, start: usize, end: usize) -> bool {
    let cue = &text[start..end];
    let (prev, next) = (
        text[..start].chars().next_back(),
        text[end..].chars().next(),
    );
    (cue.starts_with('全') && (prev.is_some_and(|c| "安健齐完".contains(c)) || next == Some('域')))
        || (cue.ends_with('委') && next == Some('托'))
}
