//! The lexicon of `dictionaries/slogans.tsv`: its formula entries as an automaton, walked over
//! the text with punctuation passed over, and the counts and members the entries state.

use super::quoted::{balance_quotes, core};
use super::{canonical, is_fold_punct, Slogan};
use crate::dict::Dictionaries;
use crate::extract::expand;
use crate::scan::{self, CharSet};
use aho_corasick::automaton::Automaton;
use aho_corasick::{dfa, Anchored, MatchKind, PatternID, StartKind};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The lexicon's formula entries as an anchored automaton over punctuation-free text, with
/// the entry each pattern belongs to and the chars a pattern can start with.
pub(super) struct Lexicon {
    /// Leftmost-longest and anchored. It is walked a byte at a time over the text's chars,
    /// punctuation passed over, and stops where no pattern goes on: after a char or two at
    /// most starts, with no folded copy of the text to build first.
    dfa: dfa::DFA,
    owner: Vec<usize>,
    /// The chars a pattern can start with: the only places a match is tried.
    firsts: CharSet,
    /// COUNT of each entry that states one, by canonical form and by variant.
    pub(super) counts: HashMap<String, u32>,
    /// MEMBERS of each entry that lists them, keyed like `counts`.
    pub(super) members: HashMap<String, &'static [String]>,
    /// Every entry's canonical form and variants: what the shape rules must not drop.
    entries: HashSet<String>,
}

impl Lexicon {
    /// Is `canonical` an entry of the lexicon (or one of its variants)?
    pub(super) fn lists(&self, canonical: &str) -> bool {
        self.entries.contains(canonical)
    }
}

pub(super) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let d = Dictionaries::get();
        let mut pats = Vec::new();
        let mut owner = Vec::new();
        for (i, e) in d.slogans.iter().enumerate() {
            // The guide counts unquoted prose only when it is a numeral formula (两不误,
            // 三个代表); a quoted lexicon slogan is already found by the quote rule.
            if expand::formula_count(&e.canonical).is_none() {
                continue;
            }
            for p in std::iter::once(&e.canonical).chain(&e.variants) {
                let c = canonical(p);
                // Two-char entries (四风, 三讲) are found only as formulas in text; as bare
                // substrings they would fire inside ordinary words.
                if c.chars().count() >= 3 {
                    pats.push(c);
                    owner.push(i);
                }
            }
        }
        let mut counts = HashMap::new();
        for e in d.slogans.iter().filter(|e| e.count > 0) {
            for p in std::iter::once(&e.canonical).chain(&e.variants) {
                counts.insert(canonical(p), u32::try_from(e.count).unwrap_or(0));
            }
        }
        let mut members = HashMap::new();
        for e in d.slogans.iter().filter(|e| !e.members.is_empty()) {
            for p in std::iter::once(&e.canonical).chain(&e.variants) {
                members.insert(canonical(p), e.members.as_slice());
            }
        }
        let entries = d
            .slogans
            .iter()
            .flat_map(|e| std::iter::once(&e.canonical).chain(&e.variants))
            .map(|p| canonical(p))
            .collect();
        let firsts: Vec<char> = pats.iter().filter_map(|p| p.chars().next()).collect();
        let firsts = CharSet::new(&firsts);
        let dfa = dfa::DFA::builder()
            .start_kind(StartKind::Anchored)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&pats)
            .unwrap_or_else(|e| panic!("slogan lexicon automaton: {e}"));
        Lexicon {
            dfa,
            owner,
            firsts,
            counts,
            members,
            entries,
        }
    })
}
/// Whether `item` shares two chars in a row with one of the `known` members (a 两个务必 item
/// is a member's whole clause, a 六个精准 item may add a gloss: 因村派人（第一书记）精准).
pub(super) fn names_a_member(item: &str, known: &[String]) -> bool {
    let item = canonical(item);
    let bounds: Vec<usize> = item
        .char_indices()
        .map(|(i, _)| i)
        .chain([item.len()])
        .collect();
    let named = |piece: &str| known.iter().any(|m| m.contains(piece));
    match bounds.len() {
        0 | 1 => false,
        2 => named(&item),
        _ => bounds.windows(3).any(|w| named(&item[w[0]..w[2]])),
    }
}
/// The longest pattern of `dfa` that the punctuation-free text from byte `start` opens with,
/// and the byte where its last char ends in `text`: what an anchored leftmost-longest search
/// of the folded text reports.
fn longest_at(dfa: &dfa::DFA, text: &str, start: usize) -> Option<(PatternID, usize)> {
    let mut sid = dfa.start_state(Anchored::Yes).ok()?;
    let (mut folded, mut found) = (0, None);
    let mut buf = [0u8; 4];
    for (i, c) in text[start..].char_indices() {
        if is_fold_punct(c) {
            continue;
        }
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            sid = dfa.next_state(Anchored::Yes, sid, b);
            folded += 1;
            if dfa.is_special(sid) {
                if dfa.is_dead(sid) {
                    return found;
                }
                // A match state is entered at a pattern's last byte, so here at a char's end.
                // One reached by a pattern that starts later is no match of this search.
                if dfa.is_match(sid) {
                    let pattern = dfa.match_pattern(sid, 0);
                    if dfa.pattern_len(pattern) == folded {
                        found = Some((pattern, start + i + c.len_utf8()));
                    }
                }
            }
        }
    }
    found
}

/// Lexicon formulas found anywhere, matched on a punctuation-free view of the text so that
/// 两不误、两促进 meets the entry 两不误两促进. Matches are tried only at the positions holding
/// a pattern's first char (a numeral, or the first char of a variant: 不, 中, 党 …),
/// leftmost-longest and without overlaps as a scan of the whole folded text would find them.
/// Those first chars are common, so they are found by decoding every char.
pub(super) fn lexicon_hits(text: &str, out: &mut Vec<Slogan>) {
    let lex = lexicon();
    let dicts = Dictionaries::get();
    let starts = lex.firsts.decode_iter(text).map(|(start, _)| start);
    let hits = scan::leftmost_matches(starts, |start| {
        let (pattern, end) = longest_at(&lex.dfa, text, start)?;
        Some(((start..end, pattern), end))
    });
    for (range, pattern) in hits {
        // 第八项规定, 第四种形态: an ordinal, not the formula.
        if text[..range.start].ends_with('第') {
            continue;
        }
        if out.iter().any(|o| {
            let c = core(text, &o.range);
            c.start <= range.start && range.end <= c.end
        }) {
            continue;
        }
        let e = &dicts.slogans[lex.owner[pattern.as_usize()]];
        let range = balance_quotes(text, range);
        out.retain(|o| {
            let c = core(text, &o.range);
            !(range.start <= c.start && c.end <= range.end)
        });
        out.push(Slogan {
            text: text[range.clone()].to_owned(),
            canonical: e.canonical.clone(),
            items: Vec::new(),
            count: None,
            kind: "lexicon",
            range,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk must report what the anchored leftmost-longest search of the folded text
    /// (the punctuation-free copy it replaced) reports, at every start.
    #[test]
    fn dfa_walk_is_the_anchored_search_of_the_folded_text() {
        let pats = [
            "两不误两促进",
            "两不误",
            "两学一做",
            "两学一做学习教育",
            "一岗双责",
            "中国梦想",
            "一二",
        ];
        let dfa = dfa::DFA::builder()
            .start_kind(StartKind::Anchored)
            .match_kind(MatchKind::LeftmostLongest)
            .build(pats)
            .unwrap();
        let ac = aho_corasick::AhoCorasick::builder()
            .start_kind(StartKind::Anchored)
            .match_kind(MatchKind::LeftmostLongest)
            .build(pats)
            .unwrap();
        let text =
            "“两不误、两促进”，两不误。两学 一做学习、教育；一岗，双责中国梦，一二三两学一做";
        for (start, _) in text.char_indices() {
            let mut folded = String::new();
            let mut ends = Vec::new();
            for (i, c) in text[start..]
                .char_indices()
                .filter(|&(_, c)| !is_fold_punct(c))
            {
                folded.push(c);
                ends.extend(std::iter::repeat_n(start + i + c.len_utf8(), c.len_utf8()));
            }
            let input = aho_corasick::Input::new(&folded).anchored(Anchored::Yes);
            let want = ac.find(input).map(|m| (m.pattern(), ends[m.end() - 1]));
            assert_eq!(longest_at(&dfa, text, start), want, "at {start}");
        }
        let at = text.find("两学 一做").unwrap();
        assert_eq!(
            longest_at(&dfa, text, at).map(|(p, _)| p.as_usize()),
            Some(3)
        );
    }
}
