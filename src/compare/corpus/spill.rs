//! The spill: an anonymous temporary file holding, per sketched file, what the later passes
//! need of it — content chars, seed index, and a span table giving passages their spans and
//! texts — so that memory holds only signatures and fingerprints, whatever the corpus size.
//! Reading a record back costs a copy from the page cache; preparing the file again would cost
//! decoding, conversion and cleaning, once per candidate pair.

use super::super::content::Content;
use crate::pipeline::Prepared;
use crate::span::Span;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

/// Where one file's record lies in the spill, and its sizes.
#[derive(Debug, Clone, Copy)]
pub struct Record {
    offset: u64,
    /// Content chars.
    pub chars: u32,
    seeds: u32,
    /// Bytes of the normalized body; the span table and body are present when `located`.
    body: u32,
    /// False when some content char has no origin or origins go backwards (see `span_table`):
    /// then the record has no span table and passages are located by preparing the file again.
    pub located: bool,
}

/// The content chars and seed index of one file, read back for alignment.
pub struct Loaded {
    pub chars: Vec<char>,
    pub seeds: Vec<(u32, u32)>,
}

/// Per content char: char offset in the body, byte offset in the body, raw byte offsets of the
/// start and end of the char's origin.
const ENTRY: usize = 16;

pub struct Spill {
    /// The file and its length. Writes append and reads seek under the lock (records are read
    /// back in parallel, but each read is one copy from the page cache).
    file: Mutex<(File, u64)>,
}

impl Spill {
    pub fn new() -> io::Result<Spill> {
        Ok(Spill {
            file: Mutex::new((tempfile::tempfile()?, 0)),
        })
    }

    /// Append the record of one prepared file.
    pub fn write(
        &self,
        content: &Content,
        seeds: &[(u32, u32)],
        prepared: &Prepared,
    ) -> io::Result<Record> {
        let mut buf: Vec<u8> = Vec::with_capacity(content.len() * (4 + 8 + ENTRY));
        for &c in &content.chars {
            buf.extend_from_slice(&(c as u32).to_ne_bytes());
        }
        for &(h, i) in seeds {
            buf.extend_from_slice(&h.to_ne_bytes());
            buf.extend_from_slice(&i.to_ne_bytes());
        }
        let table = span_table(content, prepared);
        let body = prepared.cleaned.body.as_str();
        if let Some(t) = &table {
            buf.extend_from_slice(t);
            buf.extend_from_slice(body.as_bytes());
        }
        let size = |n: usize| u32::try_from(n).map_err(|_| io::Error::other("file too large"));
        let mut guard = self.file.lock().map_err(|_| io::Error::other("spill lock"))?;
        let offset = guard.1;
        guard.0.seek(SeekFrom::Start(offset))?;
        guard.0.write_all(&buf)?;
        guard.1 += buf.len() as u64;
        Ok(Record {
            offset,
            chars: size(content.len())?,
            seeds: size(seeds.len())?,
            body: size(if table.is_some() { body.len() } else { 0 })?,
            located: table.is_some(),
        })
    }

    fn read(&self, offset: u64, len: usize) -> io::Result<Vec<u8>> {
        let mut buf = vec![0u8; len];
        let mut guard = self.file.lock().map_err(|_| io::Error::other("spill lock"))?;
        guard.0.seek(SeekFrom::Start(offset))?;
        guard.0.read_exact(&mut buf)?;
        Ok(buf)
    }

    pub fn chars(&self, r: &Record) -> io::Result<Vec<char>> {
        let b = self.read(r.offset, r.chars as usize * 4)?;
        Ok(b.chunks_exact(4)
            .map(|w| char::from_u32(u32_at(w, 0)).unwrap_or('\u{FFFD}'))
            .collect())
    }

    pub fn load(&self, r: &Record) -> io::Result<Loaded> {
        let chars = self.chars(r)?;
        let b = self.read(r.offset + r.chars as u64 * 4, r.seeds as usize * 8)?;
        let seeds = b
            .chunks_exact(8)
            .map(|w| (u32_at(w, 0), u32_at(w, 4)))
            .collect();
        Ok(Loaded { chars, seeds })
    }

    /// Span and normalized text of content chars `s..e` (`s < e`) of a `located` record, as
    /// `Prepared::span` and `slice_chars` give them for `Content::text_range(s, e)`.
    pub fn half(&self, r: &Record, chars: &[char], (s, e): (usize, usize)) -> io::Result<Half> {
        let table = r.offset + r.chars as u64 * 4 + r.seeds as u64 * 8;
        let entry = |k: usize| -> io::Result<[u32; 4]> {
            let b = self.read(table + (k * ENTRY) as u64, ENTRY)?;
            Ok([0, 4, 8, 12].map(|o| u32_at(&b, o)))
        };
        let (first, last) = (entry(s)?, entry(e - 1)?);
        let end_byte = last[1] as usize + chars.get(e - 1).map_or(0, |c| c.len_utf8());
        let body = table + r.chars as u64 * ENTRY as u64;
        let start_byte = (first[1] as usize).min(end_byte);
        if end_byte > r.body as usize {
            return Err(io::Error::other("span table out of range"));
        }
        let text = self.read(body + start_byte as u64, end_byte - start_byte)?;
        Ok(Half {
            span: Span {
                start: first[0] as usize,
                end: last[0] as usize + 1,
                byte_start: first[2] as usize,
                byte_end: last[3] as usize,
            },
            text: String::from_utf8(text).map_err(io::Error::other)?,
        })
    }
}

/// One side of a passage.
pub struct Half {
    pub span: Span,
    pub text: String,
}

fn u32_at(b: &[u8], o: usize) -> u32 {
    let mut w = [0u8; 4];
    w.copy_from_slice(&b[o..o + 4]);
    u32::from_ne_bytes(w)
}

/// The span table, when spans decompose by their ends. `Prepared::span` of a passage's range
/// takes the origin of its first and last char with a non-empty origin, and falls back to a
/// walk when they are out of order. When every content char has a non-empty origin and origins
/// never go backwards (the pipeline keeps text order), a range from content char `s` to `e - 1`
/// spans `origin(s).start .. origin(e - 1).end`: one entry per content char says it all.
fn span_table(content: &Content, prepared: &Prepared) -> Option<Vec<u8>> {
    let body = &prepared.cleaned.body;
    let mut out = Vec::with_capacity(content.len() * ENTRY);
    let mut prev = 0usize;
    for &p in &content.pos {
        let (o0, o1) = body.origin_of(p as usize);
        if o0 >= o1 || o0 < prev {
            return None;
        }
        prev = o0;
        let raw = |o: usize| u32::try_from(prepared.decoded.raw_offset(o)).ok();
        let byte = u32::try_from(body.byte_of_char(p as usize)).ok()?;
        for v in [p, byte, raw(o0)?, raw(o1)?] {
            out.extend_from_slice(&v.to_ne_bytes());
        }
    }
    Some(out)
}
