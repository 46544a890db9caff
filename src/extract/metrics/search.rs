//! Where metrics are in a text: the number-and-unit pattern, and a search for it that tries the
//! pattern only where a metric can start. Talks to `dict` for the unit words and to `scan`.
//!
//! The pattern opens with a digit, a Chinese numeral or an approximator (近, 超过 …), so a
//! regex finds no literal to skip ahead with and its automaton reads every byte of the text,
//! under 1 GB/s. The chars a match can start with are found far faster on their own (digits by
//! a vectorized byte scan, the others with Teddy), and the pattern is then matched anchored at
//! each, in order: the first that matches is the leftmost match, as the regex's own search
//! would report it, and the search resumes at its end.

use crate::dict::Dictionaries;
use crate::numeral;
use crate::scan::{self, Literals, Prefer};
use regex::{Captures, Regex};
use std::iter::Peekable;
use std::sync::OnceLock;

/// Words that make the number after them approximate (达 does not, but it belongs to the match).
pub(super) const APPROXIMATORS: [&str; 10] = [
    "近", "约", "超过", "超", "突破", "至少", "不到", "将近", "逾", "达",
];

/// The chars of a Chinese count. 一 is left out as its first char (see `with_leading_one`) but
/// not inside it: 十一万元 and 三百一十万元 are one number each, not 一万元 and 十万元.
const CN_NUMERALS: &str = "两二三四五六七八九十百千万亿零〇";

/// The metric pattern. Digits are ASCII: normalization folds full-width ones, and the number
/// parser reads no others.
pub(super) fn source() -> String {
    let mut units: Vec<&str> = Dictionaries::get()
        .units
        .iter()
        .map(String::as_str)
        .collect();
    units.sort_by_key(|u| std::cmp::Reverse(u.len()));
    let units: Vec<String> = units.iter().map(|u| regex::escape(u)).collect();
    // Thousands grouped by commas (3,226名) or, in Hong Kong and PDF text, by spaces
    // (1 000名) are one number.
    const ARABIC: &str = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]{1,3}(?: [0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?";
    format!(
        r"(?:(?P<pre>{}) ?)?(?:(?P<num>{ARABIC})(?:%?(?:-|—|~|～|至|到)(?P<max>{ARABIC}))?(?P<a1>余|多)?(?P<mag>万亿|万|亿)?|(?P<cn>[{CN_NUMERALS}][{CN_NUMERALS}一]{{0,9}}))(?P<a2>余|多)?(?P<unit>{})(?P<post>左右|以上|多)?",
        APPROXIMATORS.join("|"),
        units.join("|")
    )
}

/// The pattern, matched only at the start of the haystack it is given.
fn anchored() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!("^(?:{})", source()))
            .unwrap_or_else(|e| panic!("metric pattern from units.txt: {e}"))
    })
}

/// Whether the number pattern, unit and all, matches at byte `start` of `text`.
pub(super) fn unit_follows(text: &str, start: usize) -> bool {
    anchored().is_match(&text[start..])
}

/// What a match can start with apart from a digit: a Chinese numeral or a whole approximator.
/// The approximators are searched as words, as the numerals are frequent enough already and 不
/// (of 不到) is among the commonest chars. Searching them without overlaps passes over the 近
/// inside 将近, which is no loss: a match from 近 would need what one from 将 needs after it.
fn openers() -> &'static Literals {
    static SET: OnceLock<Literals> = OnceLock::new();
    SET.get_or_init(|| {
        let mut words: Vec<String> = CN_NUMERALS.chars().map(String::from).collect();
        words.extend(APPROXIMATORS.iter().map(|w| w.to_string()));
        Literals::new(&words, Prefer::First)
    })
}

/// A match: its groups, found in the text from byte `at` on.
pub(super) struct Found<'t> {
    at: usize,
    caps: Captures<'t>,
}

/// A group of a match, in byte offsets of the whole text (`regex::Match`'s methods).
#[derive(Debug, Clone, Copy)]
pub(super) struct Group<'t> {
    start: usize,
    text: &'t str,
}

impl<'t> Found<'t> {
    pub(super) fn all(&self) -> Group<'t> {
        self.group(self.caps.get(0))
    }

    pub(super) fn name(&self, name: &str) -> Option<Group<'t>> {
        self.caps.name(name).map(|m| self.group(Some(m)))
    }

    fn group(&self, m: Option<regex::Match<'t>>) -> Group<'t> {
        match m {
            Some(m) => Group {
                start: self.at + m.start(),
                text: m.as_str(),
            },
            None => Group {
                start: self.at,
                text: "",
            },
        }
    }
}

impl<'t> Group<'t> {
    pub(super) fn start(&self) -> usize {
        self.start
    }

    pub(super) fn end(&self) -> usize {
        self.start + self.text.len()
    }

    pub(super) fn range(&self) -> std::ops::Range<usize> {
        self.start()..self.end()
    }

    pub(super) fn as_str(&self) -> &'t str {
        self.text
    }
}

/// `g` run on to byte `end` of `text` (a range's upper end taken into its match).
pub(super) fn extend_to<'t>(text: &'t str, g: Group<'t>, end: usize) -> Group<'t> {
    Group {
        start: g.start,
        text: &text[g.start..end.max(g.end())],
    }
}

/// `g` cut to start at byte `start` of `text` (an opener that was no approximator left out).
pub(super) fn starting_at<'t>(text: &'t str, g: Group<'t>, start: usize) -> Group<'t> {
    Group {
        start,
        text: &text[start..g.end().max(start)],
    }
}

/// A Chinese count and its whole match, widened to the 一 that leads it (一百二十名, 一千多家,
/// 中华民国一百零四年). 一 is no opener of the search, as an article it is among the commonest
/// chars, so a count of hundreds or more is found from its 百/千/万/亿 and the 一 is taken here.
pub(super) fn with_leading_one<'t>(
    text: &'t str,
    num: Group<'t>,
    all: Group<'t>,
) -> (Group<'t>, Group<'t>) {
    // 一九九三年 likewise: a year written digit by digit, whose 一 the search leaves out too.
    let year_digits = num.as_str().chars().count() >= 3
        && num.as_str().chars().all(crate::numeral::is_year_digit);
    let led = num.start() == all.start()
        && (num.as_str().starts_with(['百', '千', '万', '亿']) || year_digits)
        && text[..num.start()].ends_with('一');
    if !led {
        return (num, all);
    }
    let start = num.start() - '一'.len_utf8();
    let widen = |g: Group<'t>| Group {
        start,
        text: &text[start..g.end()],
    };
    (widen(num), widen(all))
}

/// A Chinese count widened back over the lower figure of a range that says its unit once
/// (六至八人, 两到三天, 十五至二十名): the widened number and match, and the lower figure.
/// The lower figure is no opener's match of its own, as 至 is no unit. A bare digit before a
/// round upper figure shares its magnitude: 三到四百人 is 300 to 400, 三至六万元 30,000 to
/// 60,000 (but 二至三十个 stays 2 to 30: 十 is as often a count of its own).
pub(super) fn with_range_start<'t>(
    text: &'t str,
    num: Group<'t>,
    all: Group<'t>,
) -> Option<(Group<'t>, Group<'t>, u64)> {
    if num.start() != all.start() {
        return None;
    }
    let before = &text[..num.start()];
    let before = before
        .strip_suffix('至')
        .or_else(|| before.strip_suffix('到'))?;
    let start = before.trim_end_matches(numeral::is_cn_numeral_char).len();
    let lower = &before[start..];
    let mut low = numeral::parse_int(lower)?;
    let mut upper = num.as_str().chars();
    let lead = upper.next().and_then(numeral::digit_value);
    let magnitude = upper.as_str();
    if let (Some(d), Some(e), 1) = (
        numeral::parse_int(lower).filter(|&d| d < 10),
        lead,
        lower.chars().count(),
    ) {
        if d < e
            && !magnitude.is_empty()
            && magnitude != "十"
            && magnitude.chars().all(|c| numeral::digit_value(c).is_none())
        {
            low = d * numeral::parse_int(magnitude)?;
        }
    }
    let widen = |g: Group<'t>| Group {
        start,
        text: &text[start..g.end()],
    };
    Some((widen(num), widen(all), low))
}

/// The matches of the pattern in `text`, left to right and without overlaps.
pub(super) fn matches(text: &str) -> impl Iterator<Item = Found<'_>> + '_ {
    let starts = Merged {
        a: scan::ascii_digits(text).peekable(),
        b: openers().find_iter(text).map(|f| f.start).peekable(),
    };
    scan::leftmost_matches(starts, move |s| {
        let found = Found {
            at: s,
            caps: anchored().captures(&text[s..])?,
        };
        let end = found.all().end();
        Some((found, end))
    })
}

/// Two ascending sequences of offsets as one.
struct Merged<A: Iterator<Item = usize>, B: Iterator<Item = usize>> {
    a: Peekable<A>,
    b: Peekable<B>,
}

impl<A: Iterator<Item = usize>, B: Iterator<Item = usize>> Iterator for Merged<A, B> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        match (self.a.peek(), self.b.peek()) {
            (Some(x), Some(y)) if y < x => self.b.next(),
            (Some(_), _) => self.a.next(),
            (None, _) => self.b.next(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The anchored search must find exactly what the pattern's own scan of the whole text
    /// finds, where numbers run together, share digits with ranges and follow approximators.
    #[test]
    fn anchored_search_finds_what_the_whole_text_scan_finds() {
        let whole = Regex::new(&source()).unwrap();
        let mut texts = vec![
            "1234,567个，近 3个，超过5000人，1 000名，十二个，第三个，达12个，不到两成，将近百名"
                .to_owned(),
            "3,2266名、12-14个、5%-8%、13～14个单位、1.5万亿元、80余篇、近400个、两三个、三四十家"
                .to_owned(),
            "2013年12月31日，不不不近近约约超过超2个1个0个00000000000000000000个".to_owned(),
        ];
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        for e in std::fs::read_dir(root).unwrap() {
            texts.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
        }
        for t in &texts {
            let want: Vec<(usize, usize)> =
                whole.find_iter(t).map(|m| (m.start(), m.end())).collect();
            let got: Vec<(usize, usize)> = matches(t)
                .map(|f| (f.all().start(), f.all().end()))
                .collect();
            assert!(!want.is_empty());
            assert_eq!(got, want);
        }
    }

    #[test]
    fn merged_offsets_stay_in_order() {
        let m = Merged {
            a: [1, 4, 9].into_iter().peekable(),
            b: [0, 5, 6, 10].into_iter().peekable(),
        };
        assert_eq!(m.collect::<Vec<_>>(), vec![0, 1, 4, 5, 6, 9, 10]);
    }
}
