//! Comparing texts: reused passages between two files (`align`), their slogans, requirements
//! and metrics side by side (`diff`), rendered for a terminal (`report`) or a browser (`html`);
//! near-duplicates and reuse across a whole corpus (`minhash`, `corpus`, `recall`). Works on the
//! normalized text the pipeline prepares, so a traditional copy matches its simplified source.

pub mod align;
pub mod content;
pub mod corpus;
pub mod diff;
pub mod html;
pub mod minhash;
pub mod recall;
pub mod report;

use crate::pipeline::{Pipeline, Prepared};
use crate::record::FileRecord;
use crate::span::Span;
use align::{Aligned, Params};
use content::Content;
use serde::Serialize;

pub const SCHEMA: &str = "tifa-compare/1";

/// One file made ready for comparison: its prepared text, content chars and record.
pub struct Side {
    pub file: String,
    pub prepared: Prepared,
    pub content: Content,
    pub record: FileRecord,
}

impl Side {
    pub fn load(pipeline: &Pipeline, file: &str, bytes: &[u8]) -> Result<Side, String> {
        let prepared = pipeline
            .prepare(bytes)
            .map_err(|e| format!("{file}: {e}"))?;
        let record = pipeline.process(file, bytes);
        if let Some(e) = &record.error {
            return Err(format!("{file}: {e}"));
        }
        let content = Content::new(prepared.cleaned.body.as_str());
        Ok(Side {
            file: file.to_owned(),
            prepared,
            content,
            record,
        })
    }

    pub fn text(&self) -> &str {
        self.prepared.cleaned.body.as_str()
    }
}

/// A reused passage: the same text (up to small edits) in A and in B.
#[derive(Debug, Clone, Serialize)]
pub struct Passage {
    /// 1, 2, 3 … in A order; the HTML report's anchors use it.
    pub id: usize,
    /// Aligned content characters on A's side (punctuation and whitespace not counted).
    pub length: usize,
    /// Equal content characters / alignment columns, 3 decimals.
    pub identity: f64,
    pub a: Span,
    pub b: Span,
    /// Normalized text of the passage in A and in B.
    pub a_text: String,
    pub b_text: String,
    /// First and last line of the passage in A's file and in B's (1-based), for `compare`;
    /// `reuse` leaves them out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub a_lines: Option<[usize; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b_lines: Option<[usize; 2]>,
}

/// Passages from content-level alignments, with spans into both files.
pub fn passages(
    found: &[Aligned],
    a: (&Prepared, &Content),
    b: (&Prepared, &Content),
) -> Vec<Passage> {
    found
        .iter()
        .enumerate()
        .map(|(k, x)| {
            let ra = a.1.text_range(x.a.0, x.a.1);
            let rb = b.1.text_range(x.b.0, x.b.1);
            Passage {
                id: k + 1,
                length: x.a.1 - x.a.0,
                identity: round3(x.identity()),
                a_text: slice_chars(&a.0.cleaned.body, ra.clone()),
                b_text: slice_chars(&b.0.cleaned.body, rb.clone()),
                a_lines: Some(a.0.lines(ra.clone())),
                b_lines: Some(b.0.lines(rb.clone())),
                a: a.0.span(ra),
                b: b.0.span(rb),
            }
        })
        .collect()
}

/// Share of content chars covered by at least one of `ranges` (content offsets).
pub fn coverage(ranges: impl Iterator<Item = (usize, usize)>, len: usize) -> f64 {
    if len == 0 {
        return 0.0;
    }
    let mut v: Vec<(usize, usize)> = ranges.collect();
    v.sort_unstable();
    let (mut covered, mut reach) = (0usize, 0usize);
    for (s, e) in v {
        let s = s.max(reach);
        if e > s {
            covered += e - s;
            reach = e;
        }
    }
    round3(covered as f64 / len as f64)
}

/// What one file is, in a comparison's header.
#[derive(Debug, Clone, Serialize)]
pub struct FileInfo {
    pub file: String,
    /// Chars of the normalized text.
    pub chars: usize,
    /// Content chars (what coverage counts).
    pub content_chars: usize,
    /// The encoding the file was read in (encoding_rs name): what the spans' byte offsets
    /// count in.
    pub encoding: &'static str,
}

/// Share of each side found in the other.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub a_in_b: f64,
    pub b_in_a: f64,
}

/// Everything `tifa compare` says about A and B.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub schema: &'static str,
    pub a: FileInfo,
    pub b: FileInfo,
    pub coverage: Coverage,
    /// The shortest passage reported, in content chars (`--min-length`).
    pub min_length: usize,
    pub passages: Vec<Passage>,
    pub slogans: diff::SloganDiff,
    pub requirements: Vec<diff::RequirementPair>,
    pub metrics: Vec<diff::MetricDiff>,
}

/// Compare A with B.
pub fn compare(a: &Side, b: &Side, params: &Params) -> Comparison {
    let found = align::align(&a.content, &b.content, params);
    let info = |s: &Side| FileInfo {
        file: s.file.clone(),
        chars: s.content.text_len,
        content_chars: s.content.len(),
        encoding: s.prepared.decoded.encoding,
    };
    Comparison {
        schema: SCHEMA,
        a: info(a),
        b: info(b),
        coverage: Coverage {
            a_in_b: coverage(found.iter().map(|x| x.a), a.content.len()),
            b_in_a: coverage(found.iter().map(|x| x.b), b.content.len()),
        },
        min_length: params.min_len,
        passages: passages(&found, (&a.prepared, &a.content), (&b.prepared, &b.content)),
        slogans: diff::slogans(&a.record, &b.record),
        requirements: diff::requirements(&a.record, &b.record),
        metrics: diff::metrics(&a.record, &b.record),
    }
}

pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Normalized text of chars `r`.
pub fn slice_chars(t: &crate::align::AlignedText, r: std::ops::Range<usize>) -> String {
    t.as_str()[t.byte_of_char(r.start)..t.byte_of_char(r.end)].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_counts_overlaps_once() {
        assert_eq!(coverage([(0, 10), (5, 15), (20, 25)].into_iter(), 50), 0.4);
        assert_eq!(coverage(std::iter::empty(), 0), 0.0);
    }
}
