//! Cleaning: markup to text (before normalization) and, on the normalized text, dropping site
//! chrome, lifting metadata lines out of the body, and splitting compilations into documents.
//!
//! Talks to `dict` for the boilerplate and metadata labels and to `align` to keep offsets.

pub mod lines;
pub mod markup;
mod wrap;

pub use lines::{clean_lines, clean_lines_owned, Cleaned, MetaField};
