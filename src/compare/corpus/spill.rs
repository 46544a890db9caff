//! The spill: an anonymous temporary file holding, per sketched file, what the later passes
//! need of it — content chars, seed index, and a span table giving passages their spans and
//! texts — so that memory holds only signatures and fingerprints, whatever the corpus size.
//! Reading a record back costs a copy from the page cache; preparing the file again would cost
//! decoding, conversion and cleaning, once per candidate pair.

use super::super::content::Content;
use crate::pipeline::Prepared;
use crate::span::Span;
use std::fs::File;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};

/// Where one file's record lies in the spill, and its sizes. Layout: content chars (4 bytes
/// each), seed index (8 bytes an entry), then when `located` the span table (`ENTRY` bytes a
/// content char) and the normalized body (UTF-8).
#[derive(Debug, Clone, Copy)]
pub struct Record {
    offset: u64,
    /// Content chars.
    pub chars: u32,
    seeds: u32,
    body: u32,
    /// False when some content char has no origin or origins go backwards (see
    /// `spans_decompose`): then the record has no span table and passages are located by
    /// preparing the file again.
    pub located: bool,
}

impl Record {
    /// The record as if its spans did not decompose, so that tests reach the fallback.
    #[cfg(test)]
    pub(super) fn without_table(self) -> Record {
        Record {
            located: false,
            body: 0,
            ..self
        }
    }

    fn seeds_at(&self) -> u64 {
        self.offset + self.chars as u64 * 4
    }

    fn table_at(&self) -> u64 {
        self.seeds_at() + self.seeds as u64 * 8
    }

    fn body_at(&self) -> u64 {
        self.table_at() + self.chars as u64 * ENTRY as u64
    }

    fn size(&self) -> u64 {
        self.body_at() - self.offset + self.body as u64
    }
}

/// The content chars and seed index of one file, read back for alignment.
pub struct Loaded {
    pub chars: Vec<char>,
    pub seeds: Vec<(u32, u32)>,
}

/// Per content char: char offset in the body, byte offset in the body, raw byte offsets of the
/// start and end of the char's origin.
const ENTRY: usize = 16;

/// Records are written in blocks of this size, so that no copy of a large file's record is
/// ever held whole.
const BLOCK: usize = 1 << 16;

pub struct Spill {
    file: File,
    /// End of the space handed out so far: each record reserves its range once and is then
    /// written and read with positioned I/O, without a lock.
    end: AtomicU64,
}

impl Spill {
    pub fn new() -> io::Result<Spill> {
        Ok(Spill {
            file: tempfile::tempfile()?,
            end: AtomicU64::new(0),
        })
    }

    /// Reserve a record for `content` and write its chars and, when spans decompose, its span
    /// table and body. `seeds` is the length of the seed index `write_seeds` fills in later
    /// (once the prepared text is freed).
    pub fn write_text(
        &self,
        content: &Content,
        seeds: usize,
        prepared: &Prepared,
    ) -> io::Result<Record> {
        let size = |n: usize| u32::try_from(n).map_err(|_| io::Error::other("file too large"));
        let body = prepared.cleaned.body.as_str();
        let located = spans_decompose(content, prepared);
        let mut r = Record {
            offset: 0,
            chars: size(content.len())?,
            seeds: size(seeds)?,
            body: size(if located { body.len() } else { 0 })?,
            located,
        };
        r.offset = self.end.fetch_add(r.size(), Ordering::Relaxed);
        let mut w = Blocks::new(self, r.offset);
        for &c in &content.chars {
            w.push(&(c as u32).to_ne_bytes())?;
        }
        w.finish()?;
        if located {
            let mut w = Blocks::new(self, r.table_at());
            let text = &prepared.cleaned.body;
            for &p in &content.pos {
                let (o0, o1) = text.origin_of(p as usize);
                let raw = |o: usize| prepared.decoded.raw_offset(o) as u32;
                for v in [p, text.byte_of_char(p as usize) as u32, raw(o0), raw(o1)] {
                    w.push(&v.to_ne_bytes())?;
                }
            }
            w.finish()?;
            self.write_into(r.body_at(), body.as_bytes())?;
        }
        Ok(r)
    }

    pub fn write_seeds(&self, r: &Record, seeds: &[(u32, u32)]) -> io::Result<()> {
        if seeds.len() != r.seeds as usize {
            return Err(io::Error::other("seed index of an unexpected length"));
        }
        let mut w = Blocks::new(self, r.seeds_at());
        for &(h, i) in seeds {
            w.push(&h.to_ne_bytes())?;
            w.push(&i.to_ne_bytes())?;
        }
        w.finish()
    }

    fn read(&self, offset: u64, len: usize) -> io::Result<Vec<u8>> {
        let mut buf = vec![0u8; len];
        self.read_into(offset, &mut buf)?;
        Ok(buf)
    }

    fn write_into(&self, offset: u64, buf: &[u8]) -> io::Result<()> {
        write_at(&self.file, buf, offset)
            .map_err(|e| io::Error::new(e.kind(), format!("writing the temporary file: {e}")))
    }

    fn read_into(&self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
        read_at(&self.file, buf, offset)
            .map_err(|e| io::Error::new(e.kind(), format!("reading the temporary file: {e}")))
    }

    /// Read `n` values of `width` bytes from `at` on, a block at a time (a large file's record
    /// is never held twice).
    fn values<T>(
        &self,
        at: u64,
        n: usize,
        width: usize,
        value: impl Fn(&[u8]) -> T,
    ) -> io::Result<Vec<T>> {
        let mut out = Vec::with_capacity(n);
        let per_block = BLOCK / width;
        let mut buf = vec![0u8; per_block.min(n) * width];
        let mut done = 0;
        while done < n {
            let k = per_block.min(n - done);
            let b = &mut buf[..k * width];
            self.read_into(at + (done * width) as u64, b)?;
            out.extend(b.chunks_exact(width).map(&value));
            done += k;
        }
        Ok(out)
    }

    pub fn chars(&self, r: &Record) -> io::Result<Vec<char>> {
        self.values(r.offset, r.chars as usize, 4, |w| {
            char::from_u32(u32_at(w, 0)).unwrap_or('\u{FFFD}')
        })
    }

    pub fn load(&self, r: &Record) -> io::Result<Loaded> {
        Ok(Loaded {
            chars: self.chars(r)?,
            seeds: self.values(r.seeds_at(), r.seeds as usize, 8, |w| {
                (u32_at(w, 0), u32_at(w, 4))
            })?,
        })
    }

    /// Span and normalized text of content chars `s..e` (`s < e`) of a `located` record, as
    /// `Prepared::span` and `slice_chars` give them for `Content::text_range(s, e)`.
    pub fn half(&self, r: &Record, chars: &[char], (s, e): (usize, usize)) -> io::Result<Half> {
        let bad = || io::Error::other("passage outside its file's span table");
        if s >= e || e > r.chars as usize || !r.located {
            return Err(bad());
        }
        let entries = self.read(r.table_at() + (s * ENTRY) as u64, (e - s) * ENTRY)?;
        let entry = |k: usize| [0, 4, 8, 12].map(|o| u32_at(&entries, k * ENTRY + o) as usize);
        let (first, last) = (entry(0), entry(e - s - 1));
        // Texts hold every char between the first and the last, punctuation included.
        let end_byte = last[1] + chars.get(e - 1).map_or(0, |c| c.len_utf8());
        if first[1] > end_byte || end_byte > r.body as usize {
            return Err(bad());
        }
        let text = self.read(r.body_at() + first[1] as u64, end_byte - first[1])?;
        Ok(Half {
            span: Span {
                start: first[0],
                end: last[0] + 1,
                byte_start: first[2],
                byte_end: last[3],
            },
            text: String::from_utf8(text).map_err(io::Error::other)?,
        })
    }
}

/// Buffered positioned writes from `at` on.
struct Blocks<'a> {
    spill: &'a Spill,
    at: u64,
    buf: Vec<u8>,
}

impl<'a> Blocks<'a> {
    fn new(spill: &'a Spill, at: u64) -> Self {
        Blocks {
            spill,
            at,
            buf: Vec::with_capacity(BLOCK),
        }
    }

    fn push(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= BLOCK {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.spill.write_into(self.at, &self.buf)?;
        self.at += self.buf.len() as u64;
        self.buf.clear();
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        self.flush()
    }
}

#[cfg(unix)]
fn read_at(f: &File, buf: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(f, buf, at)
}

#[cfg(unix)]
fn write_at(f: &File, buf: &[u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(f, buf, at)
}

#[cfg(windows)]
fn read_at(f: &File, mut buf: &mut [u8], mut at: u64) -> io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(f, buf, at)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => (buf, at) = (&mut buf[n..], at + n as u64),
        }
    }
    Ok(())
}

#[cfg(windows)]
fn write_at(f: &File, mut buf: &[u8], mut at: u64) -> io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_write(f, buf, at)? {
            0 => return Err(io::ErrorKind::WriteZero.into()),
            n => (buf, at) = (&buf[n..], at + n as u64),
        }
    }
    Ok(())
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

/// Whether spans decompose by their ends, so that a span table can stand in for the prepared
/// text. `Prepared::span` of a passage's range takes the origins of its first and last chars
/// with a non-empty origin, and falls back to a walk when they are out of order. When every
/// content char has a non-empty origin and origins never go backwards (the pipeline keeps text
/// order), a range from content char `s` to `e - 1` spans `origin(s).start .. origin(e - 1).end`,
/// and one table entry per content char says it all. Offsets must also fit the table's u32s.
fn spans_decompose(content: &Content, prepared: &Prepared) -> bool {
    let body = &prepared.cleaned.body;
    let fits = |n: usize| u32::try_from(n).is_ok();
    if !fits(body.as_str().len()) || !fits(prepared.decoded.raw_offset(prepared.decoded.text.len()))
    {
        return false;
    }
    let mut prev = 0usize;
    content.pos.iter().all(|&p| {
        let (o0, o1) = body.origin_of(p as usize);
        let ok = o0 < o1 && o0 >= prev;
        prev = o0;
        ok
    })
}
