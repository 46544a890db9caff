//! A folder of CSV tables written all or nothing, for every command with `--csv`.
//!
//! Each table is written as `NAME.csv.partial` and renamed to `NAME.csv` only when every table
//! of the set is complete; a run that fails drops the set and its partial files with it. A run
//! killed outright (Ctrl-C, `kill -9`) leaves `*.csv.partial` files at most, never a cut
//! `NAME.csv` that a CSV reader would take for a whole table.

use std::fs::File;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

/// A table of a `TableFolder`, by the order it was added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableId(usize);

/// The open tables of one folder, under their temporary names until `commit`.
pub struct TableFolder {
    dir: PathBuf,
    tables: Vec<OpenTable>,
}

struct OpenTable {
    /// Final file name (`pairs.csv`).
    name: String,
    writer: csv::Writer<BufWriter<File>>,
}

/// A CSV writer of the form every tifa table has: RFC 4180, records ending in CRLF.
pub fn csv_writer<W: io::Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w)
}

fn csv_err(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Make `dir` ready for tables: create it (and its parents) and create an unnamed file in it.
/// Commands call this before any work, so that a `--csv` naming a file, or a folder that
/// cannot be written, stops them at once rather than after the whole run.
pub fn prepare_dir(dir: &Path) -> io::Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "exists and is not a folder",
        ));
    }
    std::fs::create_dir_all(dir)?;
    tempfile::tempfile_in(dir).map(drop)
}

impl TableFolder {
    /// Prepare `dir` (`prepare_dir`); no table is opened yet.
    pub fn create(dir: impl AsRef<Path>) -> io::Result<TableFolder> {
        let dir = dir.as_ref().to_path_buf();
        prepare_dir(&dir)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?;
        Ok(TableFolder {
            dir,
            tables: Vec::new(),
        })
    }

    /// The folder the tables are written to.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn partial_path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.partial"))
    }

    /// Open the table `NAME.csv` (as `NAME.csv.partial`) and write its header.
    pub fn add<S: AsRef<str>>(&mut self, name: &str, header: &[S]) -> io::Result<TableId> {
        let name = format!("{name}.csv");
        let path = self.partial_path(&name);
        let file = File::create(&path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        let mut writer = csv_writer(BufWriter::new(file));
        writer
            .write_record(header.iter().map(AsRef::as_ref))
            .map_err(csv_err)?;
        self.tables.push(OpenTable { name, writer });
        Ok(TableId(self.tables.len() - 1))
    }

    /// Append one row to table `t`.
    pub fn write<I>(&mut self, t: TableId, row: I) -> io::Result<()>
    where
        I: IntoIterator,
        I::Item: AsRef<[u8]>,
    {
        self.tables[t.0].writer.write_record(row).map_err(csv_err)
    }

    /// Flush every table, then give each its final name, replacing a table of that name.
    pub fn commit(mut self) -> io::Result<()> {
        for t in &mut self.tables {
            t.writer
                .flush()
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", t.name)))?;
        }
        // Closed before they are renamed; what failed to rename is removed by `drop`.
        while !self.tables.is_empty() {
            let name = self.tables.remove(0).name;
            let (from, to) = (self.partial_path(&name), self.dir.join(&name));
            if let Err(e) = std::fs::rename(&from, &to) {
                let _ = std::fs::remove_file(&from);
                return Err(io::Error::new(e.kind(), format!("{}: {e}", to.display())));
            }
        }
        Ok(())
    }
}

impl Drop for TableFolder {
    /// A set not committed is incomplete: its partial files go.
    fn drop(&mut self) {
        for t in std::mem::take(&mut self.tables) {
            let path = self.partial_path(&t.name);
            drop(t);
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }

    #[test]
    fn tables_appear_only_when_committed() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut f = TableFolder::create(tmp.path()).expect("create");
        let a = f.add("a", &["x", "y"]).expect("add");
        let b = f.add("b", &["z"]).expect("add");
        f.write(a, ["1", "二"]).expect("write");
        f.write(b, ["3"]).expect("write");
        assert_eq!(names(tmp.path()), ["a.csv.partial", "b.csv.partial"]);
        f.commit().expect("commit");
        assert_eq!(names(tmp.path()), ["a.csv", "b.csv"]);
        let a = std::fs::read_to_string(tmp.path().join("a.csv")).expect("read");
        assert_eq!(a, "x,y\r\n1,二\r\n");
    }

    /// The bug: a run that stopped half-way left its tables cut mid-row under their final
    /// names (`reuse --csv`, `tifa tables` on truncated input).
    #[test]
    fn a_set_dropped_before_commit_leaves_nothing_and_keeps_earlier_tables() {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::write(tmp.path().join("a.csv"), "x\r\nearlier\r\n").expect("write");
        let mut f = TableFolder::create(tmp.path()).expect("create");
        let a = f.add("a", &["x"]).expect("add");
        for i in 0..10_000 {
            f.write(a, [i.to_string()]).expect("write");
        }
        drop(f);
        assert_eq!(names(tmp.path()), ["a.csv"]);
        let a = std::fs::read_to_string(tmp.path().join("a.csv")).expect("read");
        assert_eq!(a, "x\r\nearlier\r\n");
    }

    #[test]
    fn a_file_in_place_of_the_folder_is_refused() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let file = tmp.path().join("notadir");
        std::fs::write(&file, "").expect("write");
        let e = prepare_dir(&file).expect_err("refused");
        assert_eq!(e.to_string(), "exists and is not a folder");
        prepare_dir(&tmp.path().join("new/sub")).expect("created with its parents");
        assert!(tmp.path().join("new/sub").is_dir());
        assert_eq!(names(&tmp.path().join("new/sub")), Vec::<String>::new());
    }
}
