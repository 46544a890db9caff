//! The genre (speech / interview / summary / report), from the cues of `dictionaries/genres.tsv`.

use crate::dict::{CueIn, Dictionaries};

/// Bytes at the start of a document where an address to the audience opens a speech.
const OPENING: usize = 1500;

/// The genre of the first cue of `dictionaries/genres.tsv` found where its line says; a
/// document without any is a report.
pub(super) fn genre(title: Option<&str>, head: &str, text: &str) -> &'static str {
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
