//! Traditional → simplified conversion behind one trait: opencc-fmmseg by default, the system
//! libopencc (feature `libopencc`) as an alternative. Nothing else in tifa names OpenCC.

use crate::scan::CharBits;
use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

/// Which OpenCC configuration to apply. All go toward simplified Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Conversion {
    /// OpenCC `t2s`: traditional characters to simplified.
    #[default]
    T2s,
    /// `tw2s`: Taiwan standard to simplified.
    Tw2s,
    /// `tw2sp`: Taiwan standard with phrase conversion (軟體 → 软件).
    Tw2sp,
    /// `hk2s`: Hong Kong standard to simplified.
    Hk2s,
    /// Leave characters as they are (punctuation and width still normalized).
    None,
}

impl Conversion {
    pub fn config_name(self) -> &'static str {
        match self {
            Conversion::T2s => "t2s",
            Conversion::Tw2s => "tw2s",
            Conversion::Tw2sp => "tw2sp",
            Conversion::Hk2s => "hk2s",
            Conversion::None => "none",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "t2s" => Conversion::T2s,
            "tw2s" => Conversion::Tw2s,
            "tw2sp" => Conversion::Tw2sp,
            "hk2s" => Conversion::Hk2s,
            "none" => Conversion::None,
            _ => return None,
        })
    }
}

impl fmt::Display for Conversion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.config_name())
    }
}

/// A script converter. Implementations must be pure functions of their input.
pub trait Converter: Send + Sync {
    /// Backend name for provenance ("opencc-fmmseg", "libopencc").
    fn backend(&self) -> &'static str;
    fn conversion(&self) -> Conversion;
    fn convert(&self, text: &str) -> String;

    /// Byte ranges of the lines of `text` (each with its line break) that converting may
    /// change, in order. A line left out is one the conversion is sure to hand back as it is,
    /// so a caller may skip it: most input is already simplified. By default, every line.
    fn changing_lines(&self, text: &str) -> Vec<Range<usize>> {
        crate::scan::line_ranges(text).collect()
    }
}

/// The default backend: pure-Rust OpenCC with current upstream lexicons, no system library.
///
/// The lexicons load at the first conversion, not in `new`: `tifa extract` warms its pipeline
/// up on a thread of its own, so the load (about 20 ms) overlaps reading and decoding the
/// first file rather than delaying it.
pub struct Fmmseg {
    conversion: Conversion,
    loaded: OnceLock<Loaded>,
}

struct Loaded {
    cc: opencc_fmmseg::OpenCC,
    changing: Changing,
}

impl Fmmseg {
    pub fn new(conversion: Conversion) -> Self {
        Fmmseg {
            conversion,
            loaded: OnceLock::new(),
        }
    }

    fn loaded(&self) -> &Loaded {
        self.loaded.get_or_init(|| {
            let dicts =
                own_phrases_kept(opencc_fmmseg::DictionaryMaxlength::new().unwrap_or_default());
            let changing = Changing::of(&dicts, self.conversion);
            let mut cc = opencc_fmmseg::OpenCC::from_dictionary(dicts);
            // tifa parallelizes across files; nested parallel conversion only adds contention.
            cc.set_parallel(false);
            Loaded { cc, changing }
        })
    }
}

/// The lexicon with every simplified phrase its t2s phrase table writes kept as it is.
///
/// Some of those phrases hold a char that the char table rewrites on its own: 顯著 → 显著, but
/// 著 → 着 (the particle of Taiwan-style text, as in 標誌著). A simplified text that already
/// reads 显著 (significant) then came out as 显着, 898 times over `../shared/corpus`; 论著, 专著,
/// 恶名昭著 likewise. Adding each such phrase to the table as itself (88 of 525) makes t2s keep
/// what it writes, and changes nothing for traditional input, whose phrases are the keys.
fn own_phrases_kept(d: opencc_fmmseg::DictionaryMaxlength) -> opencc_fmmseg::DictionaryMaxlength {
    use opencc_fmmseg::{CustomDictMode, CustomDictSpec, DictSlot};
    let rewritten = |c: char| {
        d.ts_characters
            .get(&[c])
            .is_some_and(|v| v.chars().ne(std::iter::once(c)))
    };
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (key, value) in d.ts_phrases.iter() {
        let chars: Vec<char> = value.chars().collect();
        if chars.as_slice() != key
            && chars.iter().any(|&c| rewritten(c))
            && d.ts_phrases.get(&chars).is_none()
        {
            pairs.push((value.to_owned(), value.to_owned()));
        }
    }
    // Several traditional phrases can share their simplified one.
    pairs.sort();
    pairs.dedup();
    let spec = CustomDictSpec {
        slot: DictSlot::TSPhrases,
        pairs,
        mode: CustomDictMode::Append,
    };
    match d.with_custom_dicts(&[spec]) {
        Ok(d) => d,
        // Appending cannot fail today; should it, the lexicon as shipped is the fallback.
        Err(_) => opencc_fmmseg::DictionaryMaxlength::new().unwrap_or_default(),
    }
}

/// Chars without which a conversion cannot change a text. OpenCC only ever rewrites a matched
/// dictionary key, and every key the conversion rewrites holds one of them: the chars it
/// rewrites on their own, and for the few phrases made only of other chars (新抱 → 媳妇), the
/// last char the phrase rewrites (抱). A text free of them comes back as it is, in every round.
struct Changing(CharBits);

impl Changing {
    fn of(d: &opencc_fmmseg::DictionaryMaxlength, conversion: Conversion) -> Self {
        // The rounds of each configuration, as OpenCC applies them: its own first round (none
        // for t2s), then t2s.
        let round_1: &[&opencc_fmmseg::DictMaxLen] = match conversion {
            Conversion::T2s | Conversion::None => &[],
            Conversion::Tw2s => &[&d.tw_variants_rev_phrases, &d.tw_variants_rev],
            Conversion::Tw2sp => &[
                &d.tw_phrases_rev,
                &d.tw_variants_rev_phrases,
                &d.tw_variants_rev,
            ],
            Conversion::Hk2s => &[&d.hk_variants_rev_phrases, &d.hk_variants_rev],
        };
        let t2s = [&d.ts_phrases, &d.ts_characters];
        let dicts: Vec<&opencc_fmmseg::DictMaxLen> = match conversion {
            Conversion::None => Vec::new(),
            _ => round_1.iter().copied().chain(t2s).collect(),
        };
        let mut set = CharBits::default();
        let rewrites = |k: &[char], v: &str| !k.iter().copied().eq(v.chars());
        // Chars rewritten on their own first: a phrase that rewrites anything almost always
        // holds one of them, so the common chars phrases merely share (一, 不, 中) stay out.
        for dict in &dicts {
            for (k, v) in dict.iter() {
                if let [c] = k {
                    if rewrites(k, v) {
                        set.insert(*c);
                    }
                }
            }
        }
        for dict in &dicts {
            for (k, v) in dict.iter() {
                if k.len() > 1 && rewrites(k, v) && !k.iter().any(|&c| set.contains(c)) {
                    let vs: Vec<char> = v.chars().collect();
                    let last = (0..k.len()).rev().find(|&i| vs.get(i) != Some(&k[i]));
                    set.insert(k[last.unwrap_or(k.len() - 1)]);
                }
            }
        }
        Changing(set)
    }

    fn lines_in(&self, text: &str) -> Vec<Range<usize>> {
        crate::scan::line_ranges(text)
            .filter(|line| text[line.clone()].chars().any(|c| self.0.contains(c)))
            .collect()
    }
}

impl Converter for Fmmseg {
    fn backend(&self) -> &'static str {
        "opencc-fmmseg"
    }

    fn conversion(&self) -> Conversion {
        self.conversion
    }

    fn convert(&self, text: &str) -> String {
        use opencc_fmmseg::OpenccConfig as C;
        let config = match self.conversion {
            Conversion::T2s => C::T2s,
            Conversion::Tw2s => C::Tw2s,
            Conversion::Tw2sp => C::Tw2sp,
            Conversion::Hk2s => C::Hk2s,
            Conversion::None => return text.to_owned(),
        };
        // Punctuation is left to `punct` (「」 → “”), so this stays OpenCC's own conversion.
        self.loaded().cc.convert_with_config(text, config, false)
    }

    fn changing_lines(&self, text: &str) -> Vec<Range<usize>> {
        self.loaded().changing.lines_in(text)
    }
}

/// The system OpenCC library, for users who need its own configuration files.
#[cfg(feature = "libopencc")]
pub struct LibOpencc {
    cc: opencc_rust::OpenCC,
    conversion: Conversion,
}

#[cfg(feature = "libopencc")]
impl LibOpencc {
    pub fn new(conversion: Conversion) -> Result<Self, String> {
        use opencc_rust::DefaultConfig as D;
        let config = match conversion {
            Conversion::T2s | Conversion::None => D::T2S,
            Conversion::Tw2s => D::TW2S,
            Conversion::Tw2sp => D::TW2SP,
            Conversion::Hk2s => D::HK2S,
        };
        let cc = opencc_rust::OpenCC::new(config).map_err(|e| e.to_string())?;
        Ok(LibOpencc { cc, conversion })
    }
}

#[cfg(feature = "libopencc")]
impl Converter for LibOpencc {
    fn backend(&self) -> &'static str {
        "libopencc"
    }

    fn conversion(&self) -> Conversion {
        self.conversion
    }

    fn convert(&self, text: &str) -> String {
        if self.conversion == Conversion::None {
            return text.to_owned();
        }
        self.cc.convert(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_load_at_the_first_conversion_not_in_new() {
        let cc = Fmmseg::new(Conversion::T2s);
        assert!(cc.loaded.get().is_none());
        assert_eq!(cc.convert("兩個堅持"), "两个坚持");
        assert!(cc.loaded.get().is_some());
    }

    /// The skip must be exact: a dictionary key the conversion would leave out is one it
    /// converts to itself. Keys are where every rewrite happens, so this covers them all.
    #[test]
    fn lines_left_out_are_lines_conversion_keeps() {
        let dicts = opencc_fmmseg::DictionaryMaxlength::new().unwrap_or_default();
        for conversion in [Conversion::T2s, Conversion::Tw2sp, Conversion::Hk2s] {
            let cc = Fmmseg::new(conversion);
            let keys: Vec<String> = [
                &dicts.ts_phrases,
                &dicts.ts_characters,
                &dicts.tw_phrases_rev,
                &dicts.tw_variants_rev_phrases,
                &dicts.hk_variants_rev,
            ]
            .iter()
            .flat_map(|d| d.iter().map(|(k, _)| k.iter().collect::<String>()))
            .collect();
            let mut skipped = 0;
            for key in &keys {
                if cc.changing_lines(key).is_empty() {
                    skipped += 1;
                    assert_eq!(&cc.convert(key), key, "{conversion}: {key} left out");
                }
            }
            assert!(skipped > 0, "{conversion}: some keys convert to themselves");
        }
    }

    /// The bug: t2s rewrote the already simplified 显著 to 显着, because 显著 is only the
    /// output of 顯著 and 著 alone becomes 着.
    #[test]
    fn simplified_phrases_t2s_writes_stay_as_they_are() {
        let cc = Fmmseg::new(Conversion::T2s);
        assert_eq!(
            cc.convert("今年取得显著成效，是一部专著，恶名昭著"),
            "今年取得显著成效，是一部专著，恶名昭著"
        );
        // Traditional input converts as before: the phrase, and the particle on its own.
        assert_eq!(cc.convert("顯著提高，標誌著我縣"), "显著提高，标志着我县");
    }

    #[test]
    fn simplified_lines_are_left_out_and_rewriting_phrases_are_not() {
        let cc = Fmmseg::new(Conversion::T2s);
        let text = "督导组工作会议\n督導組工作會議\n新闻\n新抱\n";
        let lines: Vec<&str> = cc
            .changing_lines(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        // 新抱 → 媳妇 is a phrase of common chars: its last rewritten char (抱) marks it.
        assert_eq!(lines, vec!["督導組工作會議\n", "新抱\n"]);
        assert_eq!(cc.convert("新抱"), "媳妇");
        assert!(Fmmseg::new(Conversion::None)
            .changing_lines(text)
            .is_empty());
    }
}
