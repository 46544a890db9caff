//! An input's bytes as the pipeline sees them: a file or standard input read whole within a
//! size limit, and gunzipped where it is gzip. Compression is known by the gzip magic bytes,
//! not by the name: a `.txt.gz` corpus, a `.jsonl.gz` dump and `zcat`-less pipes all read.
//! The only place tifa talks to flate2; the batch, `--resume`, `compare` and `stats` read
//! through it.

use flate2::read::MultiGzDecoder;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;

/// How an input was stored, where it was not plain bytes. Spans, `source.bytes` and
/// `source.sha256` are those of the decompressed bytes: what tifa read the text from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// gzip (RFC 1952), members concatenated as `cat a.gz b.gz` or bgzip write them.
    Gzip,
}

impl Compression {
    /// The name a record's `source.compression` carries.
    pub fn name(self) -> &'static str {
        match self {
            Compression::Gzip => "gzip",
        }
    }
}

/// An input read whole.
#[derive(Debug)]
pub struct Bytes {
    pub bytes: Vec<u8>,
    pub compression: Option<Compression>,
}

/// What reading within a limit gave.
#[derive(Debug)]
pub enum Limited {
    Read(Bytes),
    /// Over the limit: the size where it was known before reading (a plain file's), and
    /// whether the bytes counted were decompressed ones.
    TooBig {
        size: Option<u64>,
        compression: Option<Compression>,
    },
}

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The file at `path`, decompressed where it is gzip, if it holds at most `max` bytes (after
/// decompressing: a small archive may stand for a large text).
pub fn file(path: &Path, max: u64) -> io::Result<Limited> {
    let size = std::fs::metadata(path)?.len();
    let (head, rest) = sniff(std::fs::File::open(path)?)?;
    if is_gzip(&head) {
        // A text compresses about threefold; the guess only sizes the first buffer.
        let hint = size.saturating_mul(4).min(max) as usize;
        return limited(gunzip(head, rest), max, hint, Some(Compression::Gzip));
    }
    if size > max {
        return Ok(Limited::TooBig {
            size: Some(size),
            compression: None,
        });
    }
    limited(Cursor::new(head).chain(rest), max, size as usize, None)
}

/// Standard input, as `file` reads a file.
pub fn stdin(max: u64) -> io::Result<Limited> {
    let (head, rest) = sniff(io::stdin().lock())?;
    if is_gzip(&head) {
        return limited(gunzip(head, rest), max, 0, Some(Compression::Gzip));
    }
    limited(Cursor::new(head).chain(rest), max, 0, None)
}

/// The whole file at `path`, decompressed where it is gzip, with no limit: for reading again
/// what a run has read once (`--resume`, `compare`).
pub fn file_whole(path: &Path) -> io::Result<Vec<u8>> {
    whole(file(path, u64::MAX)?)
}

/// `file_whole` for standard input.
pub fn stdin_whole() -> io::Result<Vec<u8>> {
    whole(stdin(u64::MAX)?)
}

fn whole(read: Limited) -> io::Result<Vec<u8>> {
    match read {
        Limited::Read(b) => Ok(b.bytes),
        // u64::MAX bytes fit in no memory.
        Limited::TooBig { .. } => Err(io::Error::other("too large to read")),
    }
}

/// A stream read line by line (JSONL input, extraction output), decompressed where it is gzip.
pub fn lines_of(r: impl Read + Send + 'static) -> io::Result<Box<dyn BufRead + Send>> {
    let (head, rest) = sniff(r)?;
    Ok(if is_gzip(&head) {
        Box::new(BufReader::new(gunzip(head, rest)))
    } else {
        Box::new(BufReader::new(Cursor::new(head).chain(rest)))
    })
}

/// `lines_of` the file at `path`.
pub fn open_lines(path: &Path) -> io::Result<Box<dyn BufRead + Send>> {
    lines_of(std::fs::File::open(path)?)
}

fn is_gzip(head: &[u8]) -> bool {
    head == GZIP_MAGIC
}

/// The first two bytes of `r` (fewer at its end), and `r` after them. A pipe may hand over one
/// byte at a time, so this reads until it has both.
fn sniff<R: Read>(mut r: R) -> io::Result<(Vec<u8>, R)> {
    let mut head = vec![0u8; GZIP_MAGIC.len()];
    let mut n = 0;
    while n < head.len() {
        match r.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    head.truncate(n);
    Ok((head, r))
}

fn gunzip<R: Read>(head: Vec<u8>, rest: R) -> impl Read {
    GzipErrors(MultiGzDecoder::new(Cursor::new(head).chain(rest)))
}

/// Errors of the decompressor say so: "corrupt deflate stream" alone reads like a disk fault.
struct GzipErrors<R>(R);

impl<R: Read> Read for GzipErrors<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0
            .read(buf)
            .map_err(|e| io::Error::new(e.kind(), format!("damaged gzip data: {e}")))
    }
}

/// Read at most `max + 1` bytes; over the limit when there were more than `max`.
fn limited(
    r: impl Read,
    max: u64,
    size_hint: usize,
    compression: Option<Compression>,
) -> io::Result<Limited> {
    // Sized up front: growing by doubling would hold up to twice the file at the copy.
    let mut bytes = Vec::with_capacity(size_hint.saturating_add(1));
    r.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(if bytes.len() as u64 <= max {
        Limited::Read(Bytes { bytes, compression })
    } else {
        Limited::TooBig {
            size: None,
            compression,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    #[test]
    fn gzip_is_known_by_its_bytes_not_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let text = "同志们：今天召开督导组工作会议。".as_bytes();
        for name in ["a.txt.gz", "a.txt"] {
            let Limited::Read(b) = file(&write(&dir, name, &gz(text)), 1 << 20).unwrap() else {
                panic!("{name}: over the limit");
            };
            assert_eq!(b.bytes, text, "{name}");
            assert_eq!(b.compression, Some(Compression::Gzip));
        }
        let Limited::Read(b) = file(&write(&dir, "b.gz", text), 1 << 20).unwrap() else {
            panic!("over the limit");
        };
        assert_eq!((b.bytes.as_slice(), b.compression), (text, None));
    }

    #[test]
    fn concatenated_members_read_as_one_text() {
        let dir = tempfile::tempdir().unwrap();
        let mut both = gz("第一部分。".as_bytes());
        both.extend(gz("第二部分。".as_bytes()));
        let p = write(&dir, "two.gz", &both);
        assert_eq!(file_whole(&p).unwrap(), "第一部分。第二部分。".as_bytes());
    }

    /// A small archive may hold a huge text: the limit counts what it decompresses to.
    #[test]
    fn the_limit_counts_decompressed_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let big = vec![b'a'; 100_000];
        let p = write(&dir, "bomb.gz", &gz(&big));
        assert!(std::fs::metadata(&p).unwrap().len() < 1_000);
        match file(&p, 10_000).unwrap() {
            Limited::TooBig { size, compression } => {
                assert_eq!((size, compression), (None, Some(Compression::Gzip)))
            }
            Limited::Read(_) => panic!("read past the limit"),
        }
        assert!(matches!(file(&p, 100_000).unwrap(), Limited::Read(_)));
    }

    #[test]
    fn damaged_gzip_is_an_error_that_says_gzip() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = gz("同志们：今天召开督导组工作会议。".as_bytes());
        bytes.truncate(bytes.len() / 2);
        let err = file(&write(&dir, "cut.gz", &bytes), 1 << 20).unwrap_err();
        assert!(err.to_string().starts_with("damaged gzip data"), "{err}");
    }

    #[test]
    fn short_files_read_as_they_are() {
        let dir = tempfile::tempdir().unwrap();
        for bytes in [&b""[..], b"\x1f", b"a"] {
            let Limited::Read(b) = file(&write(&dir, "s", bytes), 10).unwrap() else {
                panic!("over the limit");
            };
            assert_eq!((b.bytes.as_slice(), b.compression), (bytes, None));
        }
    }

    #[test]
    fn lines_of_a_gzip_stream_are_its_decompressed_lines() {
        let data = gz(b"{\"id\":\"1\"}\n{\"id\":\"2\"}\n");
        let lines: Vec<String> = lines_of(Cursor::new(data))
            .unwrap()
            .lines()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(lines, ["{\"id\":\"1\"}", "{\"id\":\"2\"}"]);
    }
}
