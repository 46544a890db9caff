//! Keyword in context: every occurrence of a term in a document's normalized text, with a few
//! characters either side and its char offset in the file (the unit of `span.start`).

/// One hit of the term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KwicLine {
    /// Char offset of the hit in the file's normalized text.
    pub start: usize,
    pub left: String,
    pub hit: String,
    pub right: String,
}

/// Hits of `term` in `text` (a document's text starting at char `doc_start` of the file), left to
/// right and not overlapping, with up to `context` chars each side, not crossing a line break:
/// a context line is about one paragraph, not the one before it.
pub fn kwic(text: &str, doc_start: usize, term: &str, context: usize) -> Vec<KwicLine> {
    if term.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    // Char offsets advance incrementally: counting from 0 for each hit would be quadratic on
    // long documents with many hits.
    let (mut byte_pos, mut char_pos) = (0usize, 0usize);
    for (b, m) in text.match_indices(term) {
        char_pos += text[byte_pos..b].chars().count();
        byte_pos = b;
        let left: Vec<char> = text[..b]
            .chars()
            .rev()
            .take_while(|c| *c != '\n')
            .take(context)
            .collect();
        let right: String = text[b + m.len()..]
            .chars()
            .take_while(|c| *c != '\n')
            .take(context)
            .collect();
        out.push(KwicLine {
            start: doc_start + char_pos,
            left: left.into_iter().rev().collect(),
            hit: m.to_owned(),
            right,
        });
    }
    out
}

/// Occurrences of `term` in `text`, matched as `kwic` matches them (left to right, not
/// overlapping), without building the context lines.
pub fn count(text: &str, term: &str) -> usize {
    if term.is_empty() {
        return 0;
    }
    text.matches(term).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_with_context_and_file_offsets() {
        let t = "甲乙两不误丙丁\n戊两不误";
        let k = kwic(t, 100, "两不误", 2);
        assert_eq!(k.len(), 2);
        assert_eq!(
            (k[0].start, k[0].left.as_str(), k[0].right.as_str()),
            (102, "甲乙", "丙丁")
        );
        assert_eq!(
            (k[1].start, k[1].left.as_str(), k[1].right.as_str()),
            (109, "戊", "")
        );
    }

    #[test]
    fn empty_term_finds_nothing() {
        assert!(kwic("abc", 0, "", 3).is_empty());
        assert_eq!(count("abc", ""), 0);
    }

    #[test]
    fn count_matches_as_kwic_does() {
        let t = "两两两两，两两\n两";
        for term in ["两两", "两", "两两两"] {
            assert_eq!(count(t, term), kwic(t, 0, term, 2).len(), "{term}");
        }
        assert_eq!(count(t, "两两"), 3);
    }
}
