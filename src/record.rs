//! The output record of one input file (`tifa/1`): what `emit` writes and `eval` reads.
//! Field names follow the gold guide where the two meet (marker, text, depth, intro, announced,
//! found, canonical, items, value, max, unit, noun, approx, title, genre, dates).

use crate::extract::dates::DateMention;
use crate::extract::placeholders::Placeholder;
use crate::extract::{Meta, Metric, Requirement, Slogan, Term};
use crate::lists::List;
use crate::outline::OutlineUnit;
use crate::span::Span;
use serde::Serialize;

pub const SCHEMA: &str = "tifa/1";

/// Where the input came from and how it was read.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub bytes: usize,
    pub sha256: String,
    pub encoding: &'static str,
    pub confident: bool,
    /// Malformed byte sequences replaced with U+FFFD.
    pub replaced: usize,
    /// Whether the input was markup (HTML, JSP/PHP templates, JSON with HTML) cleaned to text.
    pub markup: bool,
    /// How the file was compressed (`"gzip"`); absent for a plain file. `bytes` and
    /// `sha256` are then those of the decompressed bytes, which spans point into.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compression: Option<&'static str>,
}

/// An element with its location.
#[derive(Debug, Clone, Serialize)]
pub struct Located<T> {
    #[serde(flatten)]
    pub item: T,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub id: usize,
    /// Title, genre, dates, source, editor, reporter, author, campaign and level, written as
    /// fields of the document itself.
    #[serde(flatten)]
    pub meta: Meta,
    pub span: Span,
    pub outline: Vec<Located<OutlineUnit>>,
    pub lists: Vec<Located<List>>,
    pub slogans: Vec<Located<Slogan>>,
    pub terms: Vec<Located<Term>>,
    pub metrics: Vec<Located<Metric>>,
    pub requirements: Vec<Located<Requirement>>,
    /// Every date written in the body: full, partial or relative.
    pub date_mentions: Vec<Located<DateMention>>,
    /// Template gaps left in the text (xxx个单位, ××区).
    pub placeholders: Vec<Located<Placeholder>>,
    /// Words of the document, with `--tokens`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<String>>,
    /// The normalized text the char offsets of spans refer to, with `--text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl Document {
    pub fn from_meta(id: usize, meta: Meta, span: Span) -> Self {
        Document {
            id,
            meta,
            span,
            outline: Vec::new(),
            lists: Vec::new(),
            slogans: Vec::new(),
            terms: Vec::new(),
            metrics: Vec::new(),
            requirements: Vec::new(),
            date_mentions: Vec::new(),
            placeholders: Vec::new(),
            tokens: None,
            text: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Error,
}

/// One line of output: a result or an error, never nothing.
#[derive(Debug, Clone, Serialize)]
pub struct FileRecord {
    pub schema: &'static str,
    pub file: String,
    /// The object's `id` when the input was a JSONL line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The JSONL object's other fields, passed through unchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<serde_json::Map<String, serde_json::Value>>,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    pub documents: Vec<Document>,
    pub warnings: Vec<String>,
}

impl FileRecord {
    pub fn error(file: String, message: String, source: Option<Source>) -> Self {
        FileRecord {
            schema: SCHEMA,
            file,
            id: None,
            fields: None,
            status: Status::Error,
            error: Some(message),
            source,
            documents: Vec::new(),
            warnings: Vec::new(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.status == Status::Error
    }
}
