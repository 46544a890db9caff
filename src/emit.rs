//! Writing records: one JSON line per input file, in input order. The sink knows nothing of
//! extraction; it only serializes and counts.

use crate::record::FileRecord;
use std::io::{self, Write};

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
        self.out.write_all(line)?;
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
