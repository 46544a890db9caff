//! Word segmentation with jieba-rs and the domain user dictionary (`dictionaries/userdict.txt`).
//! The only module that talks to jieba; callers get byte ranges and part-of-speech tags.

use crate::dict::Dictionaries;
use jieba_rs::Jieba;
use serde::Serialize;
use std::io::BufReader;
use std::ops::Range;
use std::sync::OnceLock;

/// A word with its byte range in the segmented text and its part-of-speech tag; both strings
/// borrow (the word from the text, the tag from the segmenter), so tagging allocates nothing
/// per word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Token<'a> {
    pub word: &'a str,
    pub tag: &'a str,
    #[serde(skip)]
    pub range: Range<usize>,
}

impl Token<'_> {
    /// Nouns and noun-like words (n, nr, ns, nt, nz, vn, j, l; user-dictionary entries).
    pub fn is_nounish(&self) -> bool {
        self.tag.starts_with('n') || matches!(self.tag, "vn" | "j" | "l" | "an" | "b")
    }
}

/// jieba with the default dictionary plus the domain words.
pub struct Segmenter {
    jieba: Jieba,
}

impl Segmenter {
    pub fn new() -> Self {
        let mut jieba = Jieba::new();
        let userdict = &Dictionaries::get().userdict;
        if let Err(e) = jieba.load_dict(&mut BufReader::new(userdict.as_bytes())) {
            eprintln!("tifa: userdict.txt not loaded: {e}");
        }
        Segmenter { jieba }
    }

    /// Start loading the shared segmenter on a background thread: the jieba dictionary is the
    /// longest load of a run, so it should overlap everything else that happens before the
    /// first file needs it.
    pub fn preload() {
        std::thread::spawn(|| {
            Segmenter::global();
        });
    }

    /// Load jieba's part-of-speech model for unseen words (about a quarter of the dictionary's
    /// time) on this thread. jieba parses it, a table of its own shared by every instance, at
    /// the first such word; an empty jieba sees only unseen words, so tagging with one loads
    /// it now. Call it on another thread than `preload`'s, or the first file waits for both,
    /// one after the other.
    pub fn preload_model() {
        Jieba::empty().tag("龘靐", true);
    }

    /// One shared segmenter per process (building it parses the dictionaries).
    pub fn global() -> &'static Segmenter {
        static SEG: OnceLock<Segmenter> = OnceLock::new();
        SEG.get_or_init(Segmenter::new)
    }

    /// Words of `text` with byte ranges (HMM on for unseen words).
    pub fn cut(&self, text: &str) -> Vec<Range<usize>> {
        self.jieba
            .cut(text, true)
            .into_iter()
            .map(|t| t.byte_start..t.byte_end)
            .collect()
    }

    /// Part-of-speech tag of the first word of `text`, from the dictionary only (no HMM):
    /// enough to tell whether a short phrase opens with a verb, at a fraction of `tag`'s cost.
    pub fn first_tag(&self, text: &str) -> Option<String> {
        // The first word never reaches past a few chars; tagging a prefix keeps it cheap.
        let end = text.char_indices().nth(6).map_or(text.len(), |(i, _)| i);
        self.jieba
            .tag(&text[..end], false)
            .first()
            .map(|t| t.tag.to_owned())
    }

    /// Words with part-of-speech tags (HMM on for unseen words).
    pub fn tag<'a>(&'a self, text: &'a str) -> Vec<Token<'a>> {
        self.tag_with(text, true)
    }

    /// Words with part-of-speech tags; `hmm: false` leaves unseen words as single chars and
    /// skips the costly tag guessing for them.
    pub fn tag_with<'a>(&'a self, text: &'a str, hmm: bool) -> Vec<Token<'a>> {
        let mut pos = 0;
        self.jieba
            .tag(text, hmm)
            .into_iter()
            .map(|t| {
                let start = pos;
                pos += t.word.len();
                Token {
                    word: t.word,
                    tag: t.tag,
                    range: start..pos,
                }
            })
            .collect()
    }

    pub fn has_word(&self, w: &str) -> bool {
        self.jieba.has_word(w)
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_entries_are_never_split() {
        let seg = Segmenter::global();
        let text = "督导组要指导先进性教育活动，做到两不误，照镜子、正衣冠。";
        let words: Vec<&str> = seg.cut(text).into_iter().map(|r| &text[r]).collect();
        for w in ["督导组", "先进性教育活动", "两不误", "照镜子", "正衣冠"] {
            assert!(words.contains(&w), "{w} split in {words:?}");
        }
    }

    #[test]
    fn tags_cover_the_text_contiguously() {
        let text = "全县25名同志组成6个督导组。";
        let toks = Segmenter::global().tag(text);
        let joined: String = toks.iter().map(|t| &text[t.range.clone()]).collect();
        assert_eq!(joined, text);
    }
}
