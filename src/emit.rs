//! Writing records: one JSON line per input file, in input order. The sink knows nothing of
//! extraction; it only serializes and counts.

use crate::record::FileRecord;
use std::io::{self, Write};
use std::sync::mpsc::Sender;

/// A JSONL sink that tracks how many records were errors.
pub struct JsonlSink<W: Write> {
    out: W,
    pub written: usize,
    pub errors: usize,
}

impl<W: Write> JsonlSink<W> {
    pub fn new(out: W) -> Self {
        JsonlSink {
            out,
            written: 0,
            errors: 0,
        }
    }

    pub fn write(&mut self, record: &FileRecord) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, record)?;
        self.out.write_all(b"\n")?;
        self.written += 1;
        if record.is_error() {
            self.errors += 1;
        }
        Ok(())
    }

    /// Write a record serialized beforehand (`to_json_line`, on the worker that made it).
    pub fn write_line(&mut self, line: &[u8], is_error: bool) -> io::Result<()> {
        self.write_pieces(std::iter::once(line), is_error)
    }

    /// Write a record that arrives in pieces (`send_json_chunks`), each as it comes.
    pub fn write_pieces<P: AsRef<[u8]>>(
        &mut self,
        pieces: impl IntoIterator<Item = P>,
        is_error: bool,
    ) -> io::Result<()> {
        for piece in pieces {
            self.out.write_all(piece.as_ref())?;
        }
        self.out.write_all(b"\n")?;
        self.written += 1;
        if is_error {
            self.errors += 1;
        }
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// A record as one JSON line (no trailing newline).
pub fn to_json_line(record: &FileRecord) -> String {
    serde_json::to_string(record).unwrap_or_else(|e| {
        format!("{{\"schema\":\"tifa/1\",\"status\":\"error\",\"error\":\"serialize: {e}\"}}")
    })
}

/// Bytes per piece of `send_json_chunks`.
const CHUNK: usize = 1 << 20;

/// `to_json_line` in pieces of up to 1 MiB, each sent as soon as it is full: the writer
/// writes a large record while the rest of it is being serialized, and the whole line is
/// never held at once. The pieces join to the bytes of `to_json_line`: a record has string
/// keys only, so serializing it fails only where writing does, and a piece fails to send
/// only when the writer has stopped, after which nothing is written.
pub fn send_json_chunks(record: &FileRecord, to: &Sender<Vec<u8>>) {
    let mut w = ChunkWriter {
        buf: Vec::with_capacity(CHUNK),
        to,
    };
    if serde_json::to_writer(&mut w, record).is_ok() {
        let _ = w.flush();
    }
}

/// An `io::Write` that sends what it is given in pieces of at most `CHUNK` bytes, each sent
/// when the next write would not fit (a single larger write makes a piece of its own size).
/// A piece never outgrows the buffer it was given: growing it would copy what it holds into a
/// buffer twice the size, 100 MB of copying and fresh pages for a 100 MB record.
struct ChunkWriter<'a> {
    buf: Vec<u8>,
    to: &'a Sender<Vec<u8>>,
}

impl ChunkWriter<'_> {
    #[cold]
    fn send_full(&mut self) -> io::Result<()> {
        let full = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK));
        self.to.send(full).map_err(io::Error::other)
    }
}

impl Write for ChunkWriter<'_> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.write_all(bytes)?;
        Ok(bytes.len())
    }

    // serde_json writes a record in small fragments (a key, a quote, a number) through
    // `write_all`: taking each whole here spares the default's loop over `write`.
    #[inline]
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.buf.len() + bytes.len() > CHUNK && !self.buf.is_empty() {
            self.send_full()?;
        }
        self.buf.extend_from_slice(bytes);
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.buf.is_empty() {
            let rest = std::mem::take(&mut self.buf);
            self.to.send(rest).map_err(io::Error::other)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_of_a_large_record_join_to_its_json_line() {
        // A message of 3 MB of three-byte chars: pieces end inside chars and the line spans
        // several of them.
        let message = "同志们，“两不误”。\n".repeat(100_000);
        let record = FileRecord::error("big.txt".into(), message, None);
        let (tx, rx) = std::sync::mpsc::channel();
        send_json_chunks(&record, &tx);
        drop(tx);
        let pieces: Vec<Vec<u8>> = rx.iter().collect();
        assert!(pieces.len() >= 3, "{} pieces", pieces.len());
        // Full pieces, each in the buffer it started with: serde_json writes a few bytes at a
        // time here (a run of the message between two escaped line breaks).
        assert!(pieces[..pieces.len() - 1]
            .iter()
            .all(|p| p.len() > CHUNK - 64 && p.capacity() == CHUNK));
        assert_eq!(pieces.concat(), to_json_line(&record).into_bytes());
    }

    #[test]
    fn a_record_written_in_pieces_is_the_line_written_whole() {
        let record = FileRecord::error("a.txt".into(), "空文件".into(), None);
        let mut whole = JsonlSink::new(Vec::new());
        whole
            .write_line(to_json_line(&record).as_bytes(), true)
            .expect("write");
        let mut pieces = JsonlSink::new(Vec::new());
        let line = to_json_line(&record);
        let (a, b) = line.split_at(7);
        pieces.write_pieces([a, b], true).expect("write");
        assert_eq!((pieces.written, pieces.errors), (1, 1));
        assert_eq!(
            pieces.finish().expect("flush"),
            whole.finish().expect("flush")
        );
    }
}
