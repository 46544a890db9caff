//! The pipeline for one input: decode → clean (markup) → normalize → clean (lines) → segment →
//! outline → lists → extract → record. Pure function of the bytes; no I/O here.

use crate::align::{AlignedText, Window};
use crate::clean::{self, markup};
use crate::decode::{self, Decoded};
use crate::extract::{dates, meta, metrics, placeholders, requirements, slogans};
use crate::lists;
use crate::normalize::{self, Conversion, Converter, Fmmseg};
use crate::outline;
use crate::record::{Document, FileRecord, Located, Source, Status, SCHEMA};
use crate::segment::Segmenter;
use crate::span::Span;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::ops::Range;

/// What to put in each record beyond the elements, and how to work on large inputs.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub tokens: bool,
    pub text: bool,
    /// Inputs and documents of at least this many bytes are worked on by several threads at
    /// once (hash beside prepare, documents side by side, extractors side by side, metrics in
    /// chunks of lines): a 10 MB compilation would otherwise run alone on one core at the end
    /// of a batch. Smaller ones are already spread across the pool file by file. The record
    /// is the same either way.
    pub split_from: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tokens: false,
            text: false,
            split_from: 1 << 20,
        }
    }
}

/// A configured pipeline; cheap to share across threads.
pub struct Pipeline {
    converter: Box<dyn Converter>,
    pub options: Options,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new(Box::new(Fmmseg::new(Conversion::T2s)), Options::default())
    }
}

/// The text every span of a record points into, with the way back to raw bytes.
pub struct Prepared {
    pub decoded: Decoded,
    pub markup: bool,
    pub cleaned: clean::Cleaned,
}

impl Prepared {
    /// Span of body chars `range` (char offsets).
    pub fn span(&self, range: Range<usize>) -> Span {
        self.span_in(range, &self.cleaned.body.whole())
    }

    /// `span` of chars inside `window` (a document's, from `AlignedText::window`).
    pub fn span_in(&self, range: Range<usize>, window: &Window) -> Span {
        let body = &self.cleaned.body;
        let r = body.origin_range_in(range.clone(), window);
        Span {
            start: range.start,
            end: range.end,
            byte_start: self.decoded.raw_offset(r.start),
            byte_end: self.decoded.raw_offset(r.end),
        }
    }

    /// Decoded text (before normalization) of body chars `range`: what the span's bytes hold.
    /// (`Pipeline::prepare` keeps the decoded text; `process_owned` hands it to normalization
    /// and only maps spans with what is left.)
    pub fn original(&self, range: Range<usize>) -> &str {
        let r = self.cleaned.body.origin_range(range);
        &self.decoded.text[r]
    }

    /// The first and last line (1-based) of the file that body chars `range` come from: where
    /// office staff find a passage in their editor. A line break the range ends on is the end
    /// of its last line, not the start of another.
    pub fn lines(&self, range: Range<usize>) -> [usize; 2] {
        let r = self.cleaned.body.origin_range(range);
        let text = self.decoded.text.as_bytes();
        let lines_in = |bytes: &[u8]| memchr::memchr_iter(b'\n', bytes).count();
        let first = 1 + lines_in(&text[..r.start]);
        let inside = &text[r.start..r.end.max(r.start)];
        let inside = inside.strip_suffix(b"\n").unwrap_or(inside);
        [first, first + lines_in(inside)]
    }
}

impl Pipeline {
    pub fn new(converter: Box<dyn Converter>, options: Options) -> Self {
        Pipeline { converter, options }
    }

    /// Build the lazily loaded rules, automata and lexicons before the first file by running
    /// the extractors on a short sample. Start `Segmenter::preload` before building the
    /// pipeline, so the jieba dictionary loads meanwhile on its own thread.
    pub fn warm_up(&self) {
        // No number here needs tags, so this thread never waits for the segmenter; the
        // traditional chars make OpenCC load its dictionaries now rather than in a worker.
        let sample = "同志們：\n一、要堅持“兩不誤”、两促进，督导组负责。\n二、2013年3月召开。";
        let _ = self.process("", sample.as_bytes());
    }

    pub fn converter(&self) -> &dyn Converter {
        self.converter.as_ref()
    }

    /// Decode, clean and normalize: everything before extraction.
    pub fn prepare(&self, bytes: &[u8]) -> Result<Prepared, decode::DecodeError> {
        let decoded = decode::decode(bytes)?;
        let (markup, cleaned) = self.clean_decoded(&decoded);
        Ok(Prepared {
            decoded,
            markup,
            cleaned,
        })
    }

    /// Markup removal, normalization and line cleaning of a decoded input.
    fn clean_decoded(&self, decoded: &Decoded) -> (bool, clean::Cleaned) {
        let is_markup = markup::looks_like_markup(&decoded.text);
        let base = if is_markup {
            let m = markup::markup_to_text(&decoded.text);
            aligned_from_markup(m)
        } else {
            AlignedText::identity(&decoded.text)
        };
        (is_markup, self.normalize_and_clean(base))
    }

    /// `clean_decoded` that takes a plain text out of `decoded` rather than copying it: a
    /// large input then holds one buffer of its size fewer at the peak of normalization.
    /// `decoded.text` is left empty; its offsets still map spans to the raw bytes.
    fn clean_decoded_taking_text(&self, decoded: &mut Decoded) -> (bool, clean::Cleaned) {
        if markup::looks_like_markup(&decoded.text) {
            return self.clean_decoded(decoded);
        }
        let base = AlignedText::identity_owned(std::mem::take(&mut decoded.text));
        (false, self.normalize_and_clean(base))
    }

    fn normalize_and_clean(&self, base: AlignedText) -> clean::Cleaned {
        let normalized = normalize::normalize_owned(base, self.converter.as_ref());
        clean::clean_lines_owned(normalized)
    }

    /// Process one input into its record. `file` is the name the record carries. UTF-8 input
    /// is copied once, as the decoded text (`process_owned` takes the bytes themselves).
    pub fn process(&self, file: &str, bytes: &[u8]) -> FileRecord {
        self.process_owned(file, bytes.to_vec())
    }

    /// `process` for bytes the caller hands over: UTF-8 input becomes the decoded text
    /// without a copy (a 50 MB file then holds one buffer of itself fewer). Same record.
    pub fn process_owned(&self, file: &str, bytes: Vec<u8>) -> FileRecord {
        let len = bytes.len();
        let large = len >= self.options.split_from;
        let (decoded, raw) = decode::decode_owned(bytes);
        let mut decoded = match decoded {
            Ok(d) => d,
            Err(e) => {
                let sha256 = sha256_hex(raw.as_deref().unwrap_or_default());
                return self.finish_record(file, len, sha256, Err(e));
            }
        };
        // Hashing runs beside cleaning only for a large input with threads to spare. The
        // record needs the decoded text no more once it is cleaned, so cleaning takes it
        // unless the hash is reading it at the same time (UTF-8 input is its own raw bytes).
        let beside = large && rayon::current_num_threads() > 1;
        let (sha256, (markup, cleaned)) = match raw.as_deref() {
            Some(raw) => join_if(
                beside,
                || sha256_hex(raw),
                || self.clean_decoded_taking_text(&mut decoded),
            ),
            None if beside => join_if(
                true,
                || sha256_hex(decoded.text.as_bytes()),
                || self.clean_decoded(&decoded),
            ),
            None => {
                let sha256 = sha256_hex(decoded.text.as_bytes());
                (sha256, self.clean_decoded_taking_text(&mut decoded))
            }
        };
        drop(raw);
        let prepared = Prepared {
            decoded,
            markup,
            cleaned,
        };
        self.finish_record(file, len, sha256, Ok(prepared))
    }

    /// The record of a prepared input (or of one that would not decode).
    fn finish_record(
        &self,
        file: &str,
        len: usize,
        sha256: String,
        prepared: Result<Prepared, decode::DecodeError>,
    ) -> FileRecord {
        let large = len >= self.options.split_from;
        let mut source = Source {
            bytes: len,
            sha256,
            encoding: "",
            confident: false,
            replaced: 0,
            markup: false,
            compression: None,
        };
        let prepared = match prepared {
            Ok(p) => p,
            Err(e) => return FileRecord::error(file.to_owned(), e.to_string(), Some(source)),
        };
        source.encoding = prepared.decoded.encoding;
        source.confident = prepared.decoded.confident;
        source.replaced = prepared.decoded.replaced;
        source.markup = prepared.markup;
        let mut warnings = Vec::new();
        if prepared.decoded.replaced > 0 {
            warnings.push(format!(
                "{} malformed byte sequences replaced",
                prepared.decoded.replaced
            ));
        }
        if !prepared.decoded.confident {
            warnings.push(format!(
                "encoding guessed as {} with low confidence",
                prepared.decoded.encoding
            ));
        }
        let body = &prepared.cleaned.body;
        if body.as_str().trim().is_empty() {
            let mut r = FileRecord::error(
                file.to_owned(),
                "no text left after cleaning".to_owned(),
                Some(source),
            );
            r.warnings = warnings;
            return r;
        }
        let one = |(id, range): (usize, &Range<usize>)| {
            let mut w = Vec::new();
            let doc = self.document(&prepared, file, id, range.clone(), &mut w);
            (doc, w)
        };
        let ranges = &prepared.cleaned.documents;
        // A compilation's speeches are independent; in order either way.
        let done: Vec<(Document, Vec<String>)> = if large && ranges.len() > 1 {
            ranges.par_iter().enumerate().map(one).collect()
        } else {
            ranges.iter().enumerate().map(one).collect()
        };
        let mut documents = Vec::with_capacity(done.len());
        for (doc, w) in done {
            documents.push(doc);
            warnings.extend(w);
        }
        FileRecord {
            schema: SCHEMA,
            file: file.to_owned(),
            id: None,
            fields: None,
            status: Status::Ok,
            error: None,
            source: Some(source),
            documents,
            warnings,
        }
    }

    fn document(
        &self,
        p: &Prepared,
        file: &str,
        id: usize,
        chars: Range<usize>,
        warnings: &mut Vec<String>,
    ) -> Document {
        let body = &p.cleaned.body;
        let base = body.byte_of_char(chars.start);
        let text = &body.as_str()[base..body.byte_of_char(chars.end)];
        // Local byte range of the document text → span.
        let window = body.window(chars.clone());
        // Each extractor's elements come in text order: the search for the next one starts
        // where the last one began.
        let last = std::cell::Cell::new(chars.start);
        let span_of = |r: &Range<usize>| {
            let s = body.char_at_byte_from(base + r.start, chars.clone(), last.get());
            last.set(s);
            let e = if r.end == r.start {
                s
            } else {
                body.char_at_byte_from(base + r.end - 1, chars.clone(), s) + 1
            };
            p.span_in(s..e, &window)
        };
        // A long document (a law compilation, a year of bulletins) runs its independent
        // extractors side by side, so it does not hold up a batch on one core.
        let large = text.len() >= self.options.split_from;
        let ((m, units, announced, lists), ((slogans, terms), gaps, mentions)) = join_if(
            large,
            || {
                let m = meta::meta(text, &p.cleaned.meta, id == 0, file);
                let mut units = outline::outline(text);
                if m.genre == "summary" {
                    outline::continue_colon_headlines(text, &mut units);
                }
                let announced = lists::announcements(text);
                let lists = lists::lists_from(&announced, text, &units);
                (m, units, announced, lists)
            },
            || {
                (
                    slogans::slogans(text),
                    placeholders::placeholders(text),
                    dates::date_mentions(text, dates::Anchor::default()),
                )
            },
        );
        let mut doc = Document::from_meta(id, m, p.span(chars.clone()));
        for l in &lists {
            if l.found != l.announced {
                warnings.push(format!(
                    "document {id}: list \"{}\" announces {} items, {} found",
                    l.intro, l.announced, l.found
                ));
            }
        }
        // A count in digits, or one whose noun announces nothing by itself, is an announcement
        // only where its list follows (提3点要求：一要…, 启动五大工程：一是…); elsewhere
        // (制定3个专门工作方案, 派出五个督导组) it stays a metric, as the gold has it.
        let mut exclude: Vec<Range<usize>> = announced
            .into_iter()
            .filter(|a| {
                !(a.exact
                    || text
                        .as_bytes()
                        .get(a.range.start)
                        .is_some_and(u8::is_ascii_digit))
                    || lists.iter().any(|l| l.range == a.range)
            })
            .map(|a| a.range)
            .collect();
        exclude.extend(slogans.iter().map(|s| s.range.clone()));
        exclude.extend(units.iter().map(|u| u.marker_range.clone()));
        exclude.extend(gaps.iter().map(|g| g.range.clone()));
        let (mut metrics, requirements) = join_if(
            large,
            || {
                if large {
                    metrics::metrics_in_chunks(text, &exclude, METRIC_CHUNK)
                } else {
                    metrics::metrics(text, &exclude)
                }
            },
            || requirements::requirements(text, &units, doc.meta.genre == "summary"),
        );
        let markers = units.iter().map(|u| u.marker_range.clone());
        metrics::after_markers(text, markers, &exclude, &mut metrics);
        // The document's own date completes partial dates (4月10日 → 2005-04-10) and resolves
        // 今天 and 今年: the year its title states, else the day it speaks from (a date line, a
        // news summary's date, the file name's where the text states none), else the year its
        // full dates share. A page's publication date alone does not count: pages go up years
        // after the speech.
        let spoken = doc.meta.spoken.as_deref().and_then(dates::Day::parse);
        let year = doc
            .meta
            .title
            .as_deref()
            .and_then(meta::iso_year)
            .or(spoken.map(|d| d.year))
            .or_else(|| {
                let years: Vec<i32> = mentions
                    .iter()
                    .filter(|d| d.kind == "full")
                    .filter_map(|d| d.iso.as_deref()?.get(..4)?.parse().ok())
                    .collect();
                years
                    .first()
                    .copied()
                    .filter(|y| years.iter().all(|x| x == y))
            });
        let anchor = dates::Anchor { year, day: spoken };
        // Only dates written without a year, and relative ones, need a second pass that knows it.
        let needs_anchor = |d: &dates::DateMention| {
            d.kind == "relative"
                || d.kind == "partial" && d.iso.as_deref().is_none_or(|i| i.starts_with('-'))
        };
        let mentions = if anchor != dates::Anchor::default() && mentions.iter().any(needs_anchor) {
            dates::date_mentions(text, anchor)
        } else {
            mentions
        };
        // A letter's signature dates it better than the file name (published the day after);
        // a letter quoted in a news summary does not date the summary.
        let signed = (doc.meta.genre != "summary")
            .then(|| meta::signature_date(text, &mentions))
            .flatten();
        if let Some(d) = signed {
            if std::mem::take(&mut doc.meta.dated_by_file) {
                doc.meta.dates.clear();
            }
            if !doc.meta.dates.contains(&d) {
                doc.meta.dates.push(d);
            }
        }
        doc.date_mentions = locate(mentions, |d| &d.range, &span_of);
        doc.placeholders = locate(gaps, |g| &g.range, &span_of);
        doc.requirements = locate(requirements, |r| &r.range, &span_of);
        doc.outline = locate(units, |u| &u.range, &span_of);
        doc.lists = locate(lists, |l| &l.range, &span_of);
        doc.slogans = locate(slogans, |s| &s.range, &span_of);
        doc.terms = locate(terms, |t| &t.range, &span_of);
        doc.metrics = locate(metrics, |m| &m.range, &span_of);
        if self.options.tokens {
            doc.tokens = Some(
                Segmenter::global()
                    .cut(text)
                    .into_iter()
                    .map(|r| &text[r])
                    .filter(|w| !w.trim().is_empty())
                    .map(str::to_owned)
                    .collect(),
            );
        }
        if self.options.text {
            doc.text = Some(text.to_owned());
        }
        doc
    }
}

/// Bytes of whole lines per parallel metrics task in a large document.
const METRIC_CHUNK: usize = 1 << 18;

/// `rayon::join` where it pays, plain sequence otherwise; the results are the same.
fn join_if<A: Send, B: Send>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if parallel {
        rayon::join(a, b)
    } else {
        (a(), b())
    }
}

/// Attach spans to elements that know their local byte range.
fn locate<T>(
    items: Vec<T>,
    range: impl Fn(&T) -> &Range<usize>,
    span_of: &dyn Fn(&Range<usize>) -> Span,
) -> Vec<Located<T>> {
    items
        .into_iter()
        .map(|item| Located {
            span: span_of(range(&item)),
            item,
        })
        .collect()
}

fn aligned_from_markup(m: markup::MarkupText) -> AlignedText {
    let mut b = crate::align::AlignedBuilder::with_capacity(m.text.len(), m.src.len());
    // Page text mostly runs on through the input char for char (between tags and entities):
    // each such run is appended as a block.
    let mut run: Option<(usize, usize, usize)> = None; // text start, input start, input end
    for ((at, c), &(s, e)) in m.text.char_indices().zip(m.src.iter()) {
        let (s, e) = (s as usize, e as usize);
        match run.as_mut() {
            Some((_, _, end)) if s == *end && e - s == c.len_utf8() => *end = e,
            _ => {
                if let Some((from, start, _)) = run.take() {
                    b.push_contiguous(&m.text[from..at], start);
                }
                if e - s == c.len_utf8() {
                    run = Some((at, s, e));
                } else {
                    b.push(c, s, e);
                }
            }
        }
    }
    if let Some((from, start, _)) = run {
        b.push_contiguous(&m.text[from..], start);
    }
    b.finish()
}

/// The SHA-256 of `bytes` as a record's `source.sha256` writes it: 64 lowercase hex digits.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}
