//! The output file of `tifa extract`, written behind: every few megabytes the kernel is asked
//! to start writing what it holds to disk, while the run goes on.
//!
//! The output is written to FILE.partial and renamed over FILE at the end. When that rename
//! replaces an earlier output, ext4 first allocates and writes out the new file's delayed
//! blocks (its `auto_da_alloc` guard against empty files after a crash): 45-58 ms for the
//! 100 MB of output of the 50 MB peer input, on the critical path of the run. Written behind,
//! the blocks are mostly out by then, and the rename takes 18 ms. The bytes are the same.

use std::fs::File;
use std::io::{self, Write};

/// Bytes written between two requests to start writing out.
const BEHIND: u64 = 8 << 20;

pub struct WriteBehind {
    file: File,
    since: u64,
}

impl WriteBehind {
    pub fn new(file: File) -> Self {
        WriteBehind { file, since: 0 }
    }

    /// Ask the kernel to start writing out the file's dirty pages, without waiting for them
    /// (`sync_file_range` with `SYNC_FILE_RANGE_WRITE`: no durability is promised or needed).
    /// A hint only: where it is not available or fails, nothing changes but the timing.
    fn start_writeback(&self) {
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        {
            use std::os::fd::AsRawFd;
            // SAFETY: the descriptor is this file's, open for the call; offset 0 and length 0
            // name the whole file, and the flag only starts writeback of its dirty pages.
            unsafe {
                libc::sync_file_range(self.file.as_raw_fd(), 0, 0, libc::SYNC_FILE_RANGE_WRITE);
            }
        }
    }
}

impl Write for WriteBehind {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = self.file.write(bytes)?;
        self.since += n as u64;
        if self.since >= BEHIND {
            self.start_writeback();
            self.since = 0;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_behind_is_what_was_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.jsonl");
        let line = "{\"schema\":\"tifa/1\",\"file\":\"督导组.txt\"}\n".repeat(1000);
        let mut w = WriteBehind::new(File::create(&path).expect("create"));
        // Past several write-behind points, in pieces of uneven size.
        let mut want = Vec::new();
        while want.len() < (3 * BEHIND) as usize {
            w.write_all(line.as_bytes()).expect("write");
            w.write_all(&line.as_bytes()[..37]).expect("write");
            want.extend_from_slice(line.as_bytes());
            want.extend_from_slice(&line.as_bytes()[..37]);
        }
        w.flush().expect("flush");
        assert_eq!(std::fs::read(&path).expect("read"), want);
    }
}
