//! Domain dictionaries from `dictionaries/`: embedded at build time so the binary runs anywhere,
//! parsed once per process, every line checked as it loads.
//!
//! Talks to nothing but the data files; stages ask `Dictionaries::get()` for what they need.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const BOILERPLATE: &str = include_str!("../dictionaries/boilerplate.txt");
const METADATA: &str = include_str!("../dictionaries/metadata.tsv");
const USERDICT: &str = include_str!("../dictionaries/userdict.txt");
const ACTORS: &str = include_str!("../dictionaries/actors.txt");
const CAMPAIGNS: &str = include_str!("../dictionaries/campaigns.tsv");
const SLOGANS: &str = include_str!("../dictionaries/slogans.tsv");
const UNITS: &str = include_str!("../dictionaries/units.txt");
const ANNOUNCE: &str = include_str!("../dictionaries/announce.txt");
const LEVELS: &str = include_str!("../dictionaries/levels.tsv");
const CLAUSE_VERBS: &str = include_str!("../dictionaries/clause_verbs.txt");
const CURRENCIES: &str = include_str!("../dictionaries/currencies.txt");
const SPAN_ATTRIBUTES: &str = include_str!("../dictionaries/span_attributes.txt");
const GENRES: &str = include_str!("../dictionaries/genres.tsv");
const PERIOD_NAMES: &str = include_str!("../dictionaries/period_names.txt");
const NOT_SLOGANS: &str = include_str!("../dictionaries/not_slogans.txt");
const NO_MEMBERS: &str = include_str!("../dictionaries/no_members.txt");
const REQUIREMENT_CUES: &str = include_str!("../dictionaries/requirement_cues.txt");
const QUOTE_CUES: &str = include_str!("../dictionaries/quote_cues.txt");
const SPEAKERS: &str = include_str!("../dictionaries/speakers.txt");

/// How a boilerplate pattern meets a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    Line,
    Prefix,
    Contains,
    /// Not dropped: marks leading lines that are site names, never titles.
    NoTitle,
}

#[derive(Debug, Clone)]
pub struct Campaign {
    pub name: String,
    pub start: Option<i32>,
    pub end: Option<i32>,
    pub aliases: Vec<String>,
}

/// The words of `requirement_cues.txt`, by kind.
#[derive(Debug, Clone, Default)]
pub struct RequirementCues {
    pub directive: Vec<String>,
    pub review: Vec<String>,
    pub title: Vec<String>,
    pub condition: Vec<String>,
    pub reactor: Vec<String>,
    pub told: Vec<String>,
    pub feature: Vec<String>,
    pub noun_after: Vec<String>,
}

/// The words of `speakers.txt`, by kind: who speaks a sentence of a news story.
#[derive(Debug, Clone, Default)]
pub struct Speakers {
    pub foreign: Vec<String>,
    pub abbr: Vec<String>,
    pub abbr_head: Vec<String>,
    pub china: Vec<String>,
    pub saying: Vec<String>,
    pub not_speaker: Vec<String>,
}

/// The words of `quote_cues.txt`, by kind.
#[derive(Debug, Clone, Default)]
pub struct QuoteCues {
    pub name_after: Vec<String>,
    pub saying: Vec<String>,
    pub speech_verb: Vec<String>,
    pub obligation: Vec<String>,
    /// Right after a quoted formula, it names a brand (“三秦四季”等品牌).
    pub brand: Vec<String>,
    /// May stand between the quotation and a `brand` word (等, 文旅).
    pub brand_lead: Vec<String>,
}

/// The words of `not_slogans.txt`, by MATCH kind.
#[derive(Debug, Clone, Default)]
pub struct NotSlogans {
    /// The canonical form is the word.
    pub exact: Vec<String>,
    /// The canonical form starts with the word.
    pub prefix: Vec<String>,
    /// The canonical form ends with the word (三级航天功勋奖章, 五壮士).
    pub suffix: Vec<String>,
    /// Single chars: an unquoted N-A-N-B whose member A or B is one counts things (两党两国).
    pub counted: Vec<char>,
}

/// The words of `no_members.txt`: formulas whose numerals count no members.
#[derive(Debug, Clone, Default)]
pub struct NoMembers {
    /// The B of 一A一B that each A gets one of (一企一策, 一村一品).
    pub per: Vec<String>,
    /// Units of time whose numerals tell a span (四季轮牧三季休牧).
    pub span: Vec<String>,
}

/// A place of `levels.tsv` whose 市 or 区 cues count for `level` (北京市 → 省).
#[derive(Debug, Clone)]
pub struct LevelRank {
    pub place: String,
    pub level: String,
    /// The cue level the place's name carries: its last char, 市 or 区.
    pub own: String,
    /// Named in the title (北京市), or anywhere in the text (自治区).
    pub in_title: bool,
}

#[derive(Debug, Clone)]
pub struct SloganEntry {
    pub canonical: String,
    pub variants: Vec<String>,
    pub count: usize,
    pub era: String,
    pub members: Vec<String>,
}

/// Everything tifa knows about the domain, from the plain data files.
#[derive(Debug)]
pub struct Dictionaries {
    pub boilerplate: Vec<(String, MatchKind)>,
    /// Metadata label → field name (date, source, editor, reporter, author, title, place).
    pub metadata: Vec<(String, String)>,
    /// jieba user dictionary text, comment lines removed.
    pub userdict: String,
    /// Actor word and its kind (org, role, collective).
    pub actors: Vec<(String, String)>,
    pub campaigns: Vec<Campaign>,
    pub slogans: Vec<SloganEntry>,
    /// Unit word → the unit written in output (余名 is not here: approximators are grammar).
    pub units: Vec<String>,
    /// Units that are what they count (5省, 11地市): the metric's noun is the unit.
    pub self_units: HashSet<String>,
    /// Nouns that, after a count, announce the speech's own structure (问题, 意见, 方面 …).
    pub announce_nouns: Vec<String>,
    /// Classifiers used in announcements (个, 点, 项, 条, 种, 方面).
    pub announce_classifiers: Vec<String>,
    /// Classifiers that announce only a series of exactly their count (五大工程, 四类问题).
    pub announce_exact: Vec<String>,
    /// Words after (`.0`) or before (`.1`) a count of years that make it a name (五年规划).
    pub period_names: (Vec<String>, Vec<String>),
    /// Names that are no formula, and the members that make a counted phrase (`not_slogans.txt`).
    pub not_slogans: NotSlogans,
    /// Formulas whose numerals count no members (`no_members.txt`).
    pub no_members: NoMembers,
    /// Words that tell a report from a requirement (`requirement_cues.txt`).
    pub requirement_cues: RequirementCues,
    /// Words around a quotation that make it no slogan (`quote_cues.txt`).
    pub quote_cues: QuoteCues,
    /// Who speaks a news sentence: foreign parties, the Chinese side (`speakers.txt`).
    pub speakers: Speakers,
    /// Issuing-level cues: (cue, level, weight).
    pub levels: Vec<(String, String, u32)>,
    /// Places whose own cues understate their rank (我市 in 北京市, 我区 in an autonomous
    /// region): (place, level, whether the title must name it rather than the text).
    pub level_ranks: Vec<LevelRank>,
    /// Verbs that end a counted noun's run after a noun (城市开通运营…): they open its clause.
    pub clause_verbs: HashSet<String>,
    /// Currency names that are part of an amount beside them, never its noun (新台币, 人民币).
    pub currencies: HashSet<String>,
    /// Words after a span of hours or minutes that make it an attribute (24小时值守).
    pub span_attributes: Vec<String>,
    /// Genre cues in the order they are tried; the first found gives the genre.
    pub genres: Vec<GenreCue>,
}

/// Where a genre cue is looked for (`dictionaries/genres.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueIn {
    LineStart,
    Head,
    Title,
    Text,
    Opening,
    /// In the opening, followed by a mark that ends an address (同学们：, 朋友们！).
    Address,
}

/// One line of `dictionaries/genres.tsv`.
#[derive(Debug, Clone)]
pub struct GenreCue {
    pub genre: &'static str,
    pub within: CueIn,
    pub cue: String,
}

/// The genres a document can have, as the record writes them.
pub const GENRES_KNOWN: [&str; 4] = ["speech", "interview", "summary", "report"];

static DICTS: OnceLock<Dictionaries> = OnceLock::new();

impl Dictionaries {
    /// The embedded dictionaries. They ship with the binary and are checked by the test suite,
    /// so a malformed line is a build defect, reported here and skipped rather than fatal.
    pub fn get() -> &'static Dictionaries {
        DICTS.get_or_init(|| {
            let (d, errors) = Self::parse();
            for e in errors {
                eprintln!("tifa: dictionary: {e}");
            }
            d
        })
    }

    /// Parse all files, returning the problems found (file:line: message).
    pub fn parse() -> (Dictionaries, Vec<String>) {
        let mut errors = Vec::new();
        let boilerplate = data_lines(BOILERPLATE)
            .filter_map(|(n, l)| {
                let mut cols = l.split('\t');
                let pat = cols.next()?.trim().to_owned();
                let kind = match cols.next().map(str::trim) {
                    None | Some("prefix") => MatchKind::Prefix,
                    Some("line") => MatchKind::Line,
                    Some("contains") => MatchKind::Contains,
                    Some("notitle") => MatchKind::NoTitle,
                    Some(k) => {
                        errors.push(format!("boilerplate.txt:{n}: unknown kind {k:?}"));
                        return None;
                    }
                };
                Some((pat, kind))
            })
            .collect();
        let metadata = data_lines(METADATA)
            .filter_map(|(n, l)| match l.split_once('\t') {
                Some((a, b)) => Some((a.trim().to_owned(), b.trim().to_owned())),
                None => {
                    errors.push(format!("metadata.tsv:{n}: expected label<TAB>field"));
                    None
                }
            })
            .collect();
        let userdict = data_lines(USERDICT)
            .map(|(_, l)| format!("{l}\n"))
            .collect();
        let actors = data_lines(ACTORS)
            .map(|(_, l)| {
                let mut cols = l.split('\t');
                let word = cols.next().unwrap_or(l).trim().to_owned();
                let kind = cols.next().unwrap_or("org").trim().to_owned();
                (word, kind)
            })
            .collect();
        let campaigns = data_lines(CAMPAIGNS)
            .filter_map(|(n, l)| {
                let cols: Vec<&str> = l.split('\t').collect();
                if cols.len() < 3 {
                    errors.push(format!(
                        "campaigns.tsv:{n}: expected name, start, end, aliases"
                    ));
                    return None;
                }
                Some(Campaign {
                    name: cols[0].trim().to_owned(),
                    start: cols[1].trim().parse().ok(),
                    end: cols[2].trim().parse().ok(),
                    aliases: split_list(cols.get(3).copied().unwrap_or(""), ','),
                })
            })
            .collect();
        let slogans = data_lines(SLOGANS)
            .filter_map(|(n, l)| {
                let cols: Vec<&str> = l.split('\t').collect();
                let count = cols.get(2).and_then(|c| c.trim().parse::<usize>().ok());
                let (Some(canonical), Some(count)) = (cols.first(), count) else {
                    errors.push(format!(
                        "slogans.tsv:{n}: expected canonical, variants, count, era, members"
                    ));
                    return None;
                };
                let members = split_list(cols.get(4).copied().unwrap_or(""), '|');
                if !members.is_empty() && members.len() != count {
                    errors.push(format!(
                        "slogans.tsv:{n}: {} members for count {count}",
                        members.len()
                    ));
                }
                Some(SloganEntry {
                    canonical: canonical.trim().to_owned(),
                    variants: split_list(cols.get(1).copied().unwrap_or(""), ','),
                    count,
                    era: cols.get(3).map(|s| s.trim().to_owned()).unwrap_or_default(),
                    members,
                })
            })
            .collect();
        let mut self_units = HashSet::new();
        let units = data_lines(UNITS)
            .map(|(_, l)| {
                let (word, kind) = l.split_once('\t').unwrap_or((l, ""));
                let word = word.trim().to_owned();
                if kind.trim() == "self" {
                    self_units.insert(word.clone());
                }
                word
            })
            .collect();
        let [announce_classifiers, announce_nouns, announce_exact] = words_by_kind(
            "announce.txt",
            ANNOUNCE,
            ["classifier", "noun", "exact"],
            &mut errors,
        );
        let [after, before] = words_by_kind(
            "period_names.txt",
            PERIOD_NAMES,
            ["after", "before"],
            &mut errors,
        );
        let period_names = (after, before);
        let [exact, prefix, suffix, counted] = words_by_kind(
            "not_slogans.txt",
            NOT_SLOGANS,
            ["exact", "prefix", "suffix", "counted"],
            &mut errors,
        );
        let counted = counted
            .iter()
            .filter_map(|w| {
                let mut cs = w.chars();
                match (cs.next(), cs.next()) {
                    (Some(c), None) => Some(c),
                    _ => {
                        errors.push(format!("not_slogans.txt: counted {w:?} is not one char"));
                        None
                    }
                }
            })
            .collect();
        let not_slogans = NotSlogans {
            exact,
            prefix,
            suffix,
            counted,
        };
        let [per, span] = words_by_kind("no_members.txt", NO_MEMBERS, ["per", "span"], &mut errors);
        let no_members = NoMembers { per, span };
        let [directive, review, title, condition, reactor, told, feature, noun_after] =
            words_by_kind(
                "requirement_cues.txt",
                REQUIREMENT_CUES,
                [
                    "directive",
                    "review",
                    "title",
                    "condition",
                    "reactor",
                    "told",
                    "feature",
                    "noun_after",
                ],
                &mut errors,
            );
        let requirement_cues = RequirementCues {
            directive,
            review,
            title,
            condition,
            reactor,
            told,
            feature,
            noun_after,
        };
        let [name_after, saying, speech_verb, obligation, brand, brand_lead] = words_by_kind(
            "quote_cues.txt",
            QUOTE_CUES,
            [
                "name_after",
                "saying",
                "speech_verb",
                "obligation",
                "brand",
                "brand_lead",
            ],
            &mut errors,
        );
        let [foreign, abbr, abbr_head, china, says, not_speaker] = words_by_kind(
            "speakers.txt",
            SPEAKERS,
            [
                "foreign",
                "abbr",
                "abbr_head",
                "china",
                "saying",
                "not_speaker",
            ],
            &mut errors,
        );
        let speakers = Speakers {
            foreign,
            abbr,
            abbr_head,
            china,
            saying: says,
            not_speaker,
        };
        let quote_cues = QuoteCues {
            name_after,
            saying,
            speech_verb,
            obligation,
            brand,
            brand_lead,
        };
        let mut level_ranks = Vec::new();
        let levels = data_lines(LEVELS)
            .filter_map(|(n, l)| {
                let cols: Vec<&str> = l.split('\t').collect();
                let where_ = cols.get(2).map(|w| w.trim());
                if let (Some(place), Some(lv), Some(w @ ("title" | "text"))) =
                    (cols.first(), cols.get(1), where_)
                {
                    let own = place.trim().chars().next_back().map(String::from);
                    match own {
                        Some(own) if own == "市" || own == "区" => level_ranks.push(LevelRank {
                            place: place.trim().to_owned(),
                            level: lv.trim().to_owned(),
                            own,
                            in_title: w == "title",
                        }),
                        _ => {
                            errors.push(format!("levels.tsv:{n}: a ranked place ends in 市 or 区"))
                        }
                    }
                    return None;
                }
                match (
                    cols.first(),
                    cols.get(1),
                    cols.get(2).and_then(|w| w.trim().parse().ok()),
                ) {
                    (Some(c), Some(lv), Some(w))
                        if ["中央", "省", "市", "县", "区", "乡"].contains(&lv.trim()) =>
                    {
                        Some((c.trim().to_owned(), lv.trim().to_owned(), w))
                    }
                    _ => {
                        errors.push(format!(
                            "levels.tsv:{n}: expected cue<TAB>level<TAB>weight|title|text"
                        ));
                        None
                    }
                }
            })
            .collect();
        let clause_verbs = data_lines(CLAUSE_VERBS)
            .map(|(_, l)| l.trim().to_owned())
            .collect();
        let currencies = data_lines(CURRENCIES)
            .map(|(_, l)| l.trim().to_owned())
            .collect();
        let span_attributes = data_lines(SPAN_ATTRIBUTES)
            .map(|(_, l)| l.trim().to_owned())
            .collect();
        let genres = data_lines(GENRES)
            .filter_map(|(n, l)| {
                let cols: Vec<&str> = l.split('\t').map(str::trim).collect();
                let genre = GENRES_KNOWN.into_iter().find(|g| cols.first() == Some(g));
                let within = match cols.get(1) {
                    Some(&"line-start") => Some(CueIn::LineStart),
                    Some(&"head") => Some(CueIn::Head),
                    Some(&"title") => Some(CueIn::Title),
                    Some(&"text") => Some(CueIn::Text),
                    Some(&"opening") => Some(CueIn::Opening),
                    Some(&"address") => Some(CueIn::Address),
                    _ => None,
                };
                match (genre, within, cols.get(2)) {
                    (Some(genre), Some(within), Some(cue)) if !cue.is_empty() => Some(GenreCue {
                        genre,
                        within,
                        cue: cue.to_string(),
                    }),
                    _ => {
                        errors.push(format!(
                            "genres.tsv:{n}: expected genre<TAB>line-start|head|title|text|opening<TAB>cue"
                        ));
                        None
                    }
                }
            })
            .collect();
        let d = Dictionaries {
            genres,
            clause_verbs,
            currencies,
            span_attributes,
            boilerplate,
            metadata,
            userdict,
            actors,
            campaigns,
            slogans,
            units,
            self_units,
            announce_nouns,
            announce_classifiers,
            announce_exact,
            period_names,
            not_slogans,
            no_members,
            requirement_cues,
            quote_cues,
            speakers,
            levels,
            level_ranks,
        };
        (d, errors)
    }

    /// Is this line a site name or page label (a `notitle` boilerplate entry)? Only a short
    /// line is: a file of one line (a speech run into its title) may hold 平台 anywhere.
    pub fn is_site_label(&self, line: &str) -> bool {
        line.chars().nth(SITE_LABEL_MAX_CHARS).is_none()
            && self
                .boilerplate
                .iter()
                .any(|(p, k)| *k == MatchKind::NoTitle && line.contains(p.as_str()))
    }

    /// Metadata labels keyed by label, for quick lookup.
    pub fn metadata_map(&self) -> HashMap<&str, &str> {
        self.metadata
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect()
    }
}

/// The longest line (in chars) that may be a site label.
const SITE_LABEL_MAX_CHARS: usize = 60;

/// The words of a `WORD<TAB>KIND` file, one list per kind of `kinds`, in file order; a line of
/// another kind is an error.
fn words_by_kind<const N: usize>(
    name: &str,
    text: &str,
    kinds: [&str; N],
    errors: &mut Vec<String>,
) -> [Vec<String>; N] {
    let mut out: [Vec<String>; N] = std::array::from_fn(|_| Vec::new());
    for (n, l) in data_lines(text) {
        let (w, kind) = l.split_once('\t').unwrap_or((l, ""));
        match kinds.iter().position(|k| *k == kind.trim()) {
            Some(i) => out[i].push(w.trim().to_owned()),
            None => errors.push(format!("{name}:{n}: expected word<TAB>{}", kinds.join("|"))),
        }
    }
    out
}

/// Non-comment, non-blank lines with their 1-based line numbers.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

fn split_list(s: &str, sep: char) -> Vec<String> {
    s.split(sep)
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dictionary_line_parses() {
        let (d, errors) = Dictionaries::parse();
        assert!(
            errors.is_empty(),
            "dictionary errors:\n{}",
            errors.join("\n")
        );
        assert!(d.boilerplate.len() > 40);
        assert!(
            d.slogans.len() >= 150,
            "slogans.tsv has {}",
            d.slogans.len()
        );
        assert!(d.units.iter().any(|u| u == "名"));
        assert!(d.clause_verbs.iter().any(|v| v == "成为"));
        assert!(d.currencies.contains("新台币"));
        assert!(d.span_attributes.iter().any(|w| w == "值守"));
        assert!(d.announce_classifiers.iter().any(|u| u == "点"));
        // Every genre but the fallback (report) has a cue, the interview cues first.
        assert_eq!(d.genres.first().map(|g| g.genre), Some("interview"));
        for g in GENRES_KNOWN {
            assert!(d.genres.iter().any(|c| c.genre == g), "no cue for {g}");
        }
    }

    #[test]
    fn slogan_canonicals_are_unique_and_simplified() {
        let d = Dictionaries::get();
        let mut seen = std::collections::HashSet::new();
        for s in &d.slogans {
            assert!(
                seen.insert(s.canonical.as_str()),
                "duplicate {}",
                s.canonical
            );
            assert_eq!(crate::normalize::to_simplified(&s.canonical), s.canonical);
        }
    }
}
