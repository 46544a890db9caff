//! What a batch reads: paths walked lazily in sorted order (the `ignore` crate: hidden entries
//! skipped, `--glob` include/exclude, symlinks followed with loop detection), standard input,
//! and JSONL files read one object per line (`id`, `text`, other fields passed through).
//! Nothing here runs the pipeline; `batch` hands each `Input` to a worker.

use ignore::overrides::{Override, OverrideBuilder};
use ignore::WalkBuilder;
use serde_json::{Map, Value};
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

/// One unit of work: it yields exactly one output record.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// A file, read by the worker.
    Path(PathBuf),
    /// Standard input (`-`).
    Stdin,
    /// One line of a JSONL input: the text to process, its id and the fields passed through.
    Line(Box<Line>),
    /// Something that could not even be listed (an unreadable folder, a symlink loop, a bad
    /// JSONL line): it becomes an error record instead of vanishing. A JSONL line that parsed
    /// as an object keeps its id, so its error record can be joined back to the input.
    Failed {
        name: String,
        message: String,
        id: Option<String>,
    },
}

/// A JSONL object as input: `{"id": …, "text": …, …}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The JSONL file (`-` for stdin).
    pub file: String,
    /// 1-based line number in that file.
    pub line: usize,
    pub id: String,
    pub text: String,
    /// Every other field of the object, passed through to the record.
    pub fields: Map<String, Value>,
    /// What the record should warn of (an id an earlier line has too).
    pub warning: Option<String>,
}

impl Input {
    /// The name the record carries in its `file` field.
    pub fn name(&self) -> String {
        match self {
            Input::Path(p) => p.to_string_lossy().into_owned(),
            Input::Stdin => "-".to_owned(),
            Input::Line(l) => l.file.clone(),
            Input::Failed { name, .. } => name.clone(),
        }
    }

    /// The JSONL id, for inputs that have one.
    pub fn id(&self) -> Option<&str> {
        match self {
            Input::Line(l) => Some(&l.id),
            Input::Failed { id, .. } => id.as_deref(),
            _ => None,
        }
    }
}

/// How to expand the paths given on the command line.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// ripgrep-style globs: `*.txt` includes, `!*.html` excludes. They filter files found in
    /// folders; a file named on the command line is always read.
    pub globs: Vec<String>,
    /// Read every input as JSONL (one object a line) instead of as one document.
    pub jsonl: bool,
    /// What the run itself writes (`-o FILE`, FILE.partial, the `--csv` folder): never read
    /// from a folder walked, so that `extract data/ -o data/out.jsonl` does not take in its
    /// own output.
    pub skip: Vec<PathBuf>,
}

/// Paths a walk leaves out: each as its canonical parent folder and its file name.
#[derive(Debug, Clone, Default)]
struct Skipped(Vec<(PathBuf, std::ffi::OsString)>);

impl Skipped {
    fn new(paths: &[PathBuf]) -> Self {
        Skipped(
            paths
                .iter()
                .filter_map(|p| {
                    let name = p.file_name()?.to_owned();
                    let parent = match p.parent() {
                        Some(d) if !d.as_os_str().is_empty() => d,
                        _ => Path::new("."),
                    };
                    Some((std::fs::canonicalize(parent).ok()?, name))
                })
                .collect(),
        )
    }

    /// Whether `path` is one of the paths. The name is compared first: a folder is
    /// canonicalized only for an entry of such a name.
    fn contains(&self, path: &Path) -> bool {
        let Some(name) = path.file_name() else {
            return false;
        };
        if !self.0.iter().any(|(_, n)| n == name) {
            return false;
        }
        let parent = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let Ok(parent) = std::fs::canonicalize(parent) else {
            return false;
        };
        self.0.iter().any(|(d, n)| *d == parent && n == name)
    }
}

/// The inputs of `paths`, lazily, in order: each path in the order given, each folder walked
/// in sorted path order. Standard input is read when its turn comes.
pub fn walk(
    paths: &[String],
    opts: &WalkOptions,
) -> Result<impl Iterator<Item = Input> + Send, String> {
    let mut roots = Vec::with_capacity(paths.len());
    for p in paths {
        let overrides = if p == "-" || opts.globs.is_empty() {
            Override::empty()
        } else {
            let mut b = OverrideBuilder::new(p);
            for g in &opts.globs {
                b.add(g).map_err(|e| format!("bad --glob {g:?}: {e}"))?;
            }
            b.build().map_err(|e| format!("bad --glob: {e}"))?
        };
        roots.push((p.clone(), overrides));
    }
    let jsonl = opts.jsonl;
    let skip = Skipped::new(&opts.skip);
    Ok(roots.into_iter().flat_map(move |(p, overrides)| {
        let files: Box<dyn Iterator<Item = Input> + Send> = if p == "-" {
            Box::new(std::iter::once(Input::Stdin))
        } else {
            walk_root(&p, overrides, skip.clone())
        };
        files.flat_map(move |input| -> Box<dyn Iterator<Item = Input> + Send> {
            match input {
                Input::Path(path) if jsonl || holds_jsonl(&path) => jsonl_file(path),
                Input::Stdin if jsonl => jsonl_stdin(),
                other => Box::new(std::iter::once(other)),
            }
        })
    }))
}

/// All inputs of `paths` as a list (small corpora, tests, `eval`).
pub fn collect_inputs(paths: &[String]) -> Vec<Input> {
    match walk(paths, &WalkOptions::default()) {
        Ok(it) => it.collect(),
        Err(e) => vec![Input::Failed {
            name: paths.join(" "),
            message: e,
            id: None,
        }],
    }
}

fn walk_root(
    root: &str,
    overrides: Override,
    skip: Skipped,
) -> Box<dyn Iterator<Item = Input> + Send> {
    let path = Path::new(root);
    let root = root.to_owned();
    if !path.exists() && path.symlink_metadata().is_err() {
        // A missing path is read (and fails) like a file, so it gets its error record.
        return Box::new(std::iter::once(Input::Path(path.to_path_buf())));
    }
    let walker = WalkBuilder::new(path)
        .standard_filters(false)
        // Hidden entries are filtered here rather than by `hidden(true)`, which an include
        // glob would override (`*.txt` would let `.notes.txt` in).
        .filter_entry(move |e| {
            e.depth() == 0
                || !(e.file_name().to_string_lossy().starts_with('.') || skip.contains(e.path()))
        })
        .follow_links(true)
        .overrides(overrides)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    Box::new(walker.filter_map(move |entry| match entry {
        Ok(e) if e.file_type().is_some_and(|t| t.is_dir()) => None,
        // A named pipe, socket or device found in a folder is not opened: reading a pipe
        // nobody writes to would block the run for good. Named on the command line, it is
        // read, as the user asked.
        Ok(e) if e.depth() > 0 && !e.file_type().is_some_and(|t| t.is_file()) => {
            let kind = special_kind(e.file_type());
            Some(Input::Failed {
                name: e.path().to_string_lossy().into_owned(),
                message: format!(
                    "not a regular file ({kind}): not read; name it on the command line to read it"
                ),
                id: None,
            })
        }
        Ok(e) => Some(Input::Path(e.into_path())),
        Err(err) => Some(Input::Failed {
            name: error_path(&err).unwrap_or_else(|| root.clone()),
            message: format!("cannot list: {err}"),
            id: None,
        }),
    }))
}

/// What a special file is, in words.
fn special_kind(t: Option<std::fs::FileType>) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        match t {
            Some(t) if t.is_fifo() => return "a named pipe",
            Some(t) if t.is_socket() => return "a socket",
            Some(t) if t.is_block_device() || t.is_char_device() => return "a device",
            _ => {}
        }
    }
    let _ = t;
    "not a file or folder"
}

fn error_path(err: &ignore::Error) -> Option<String> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.to_string_lossy().into_owned()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.to_string_lossy().into_owned()),
        _ => None,
    }
}

/// Whether a file is JSONL input even without `--jsonl`: named `*.jsonl` (or `*.jsonl.gz`),
/// its first line an object with a `"text"`. A corpus folder holding a dump beside its text
/// files (`tw-laws.jsonl` in `../shared/corpus`) then gives a record per text, where reading
/// the dump as one text gave a single record of JSON syntax whose outline, slogans and metrics
/// were all wrong. Anything else named so is read as one text, and its record says why.
fn holds_jsonl(path: &Path) -> bool {
    let name = path.to_string_lossy();
    if !(name.ends_with(".jsonl") || name.ends_with(".jsonl.gz")) {
        return false;
    }
    let Ok(reader) = super::read::open_lines(path) else {
        return false;
    };
    // A first line past this is no JSONL object of a text: no need to read it all.
    let mut lines = Read::take(reader, MAX_FIRST_LINE).split(b'\n');
    let first = lines.find(|l| {
        l.as_ref()
            .map_or(true, |l| !l.iter().all(u8::is_ascii_whitespace))
    });
    match first {
        Some(Ok(line)) => serde_json::from_slice::<Value>(&line)
            .is_ok_and(|v| v.get("text").is_some_and(Value::is_string)),
        _ => false,
    }
}

/// 64 MiB: `--max-bytes`'s default, the most one text may be.
const MAX_FIRST_LINE: u64 = 64 << 20;

fn jsonl_file(path: PathBuf) -> Box<dyn Iterator<Item = Input> + Send> {
    let name = path.to_string_lossy().into_owned();
    match super::read::open_lines(&path) {
        Ok(r) => jsonl_lines(name, r),
        Err(e) => Box::new(std::iter::once(Input::Failed {
            name,
            message: format!("cannot read file: {e}"),
            id: None,
        })),
    }
}

/// `jsonl_lines` of standard input, gzip or not.
fn jsonl_stdin() -> Box<dyn Iterator<Item = Input> + Send> {
    match super::read::lines_of(std::io::stdin()) {
        Ok(r) => jsonl_lines("-".to_owned(), r),
        Err(e) => Box::new(std::iter::once(Input::Failed {
            name: "-".to_owned(),
            message: format!("cannot read standard input: {e}"),
            id: None,
        })),
    }
}

/// One input per non-blank line; a line that is not a JSON object with a text becomes an
/// error record naming the line. A read error ends the input: a damaged gzip stream would give
/// it again at every later line.
fn jsonl_lines<R: BufRead + Send + 'static>(
    file: String,
    reader: R,
) -> Box<dyn Iterator<Item = Input> + Send> {
    let mut broken = false;
    let lines = reader
        .split(b'\n')
        .map_while(move |line| {
            let go_on = !broken;
            broken |= line.is_err();
            go_on.then_some(line)
        })
        .enumerate();
    // The line each id was first seen on: (file, id, doc) keys the tables, so a repeated id
    // is said on its record rather than left to multiply rows in a join.
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    Box::new(lines.filter_map(move |(i, line)| {
        let n = i + 1;
        // A line without an id, or unreadable, is known by its number.
        let failed = |message: String, id: Option<String>| Input::Failed {
            name: file.clone(),
            message: format!("line {n}: {message}"),
            id: Some(id.unwrap_or_else(|| n.to_string())),
        };
        let bytes = match line {
            Ok(b) => b,
            Err(e) => return Some(failed(format!("cannot read: {e}"), None)),
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        Some(match parse_line(&bytes) {
            Ok((id, text, fields)) => {
                let id = id.unwrap_or_else(|| n.to_string());
                let first = *seen.entry(id.clone()).or_insert(n);
                let warning = (first != n).then(|| {
                    format!("line {n}: id {id:?} is also the id of line {first}; give each line its own id, or rows of the tables share a key")
                });
                Input::Line(Box::new(Line {
                    file: file.clone(),
                    line: n,
                    id,
                    text,
                    fields,
                    warning,
                }))
            }
            Err((m, id)) => failed(m, id),
        })
    }))
}

type Parsed = (Option<String>, String, Map<String, Value>);

/// The line's id, text and other fields; or why it is no input, with its id where it has one.
fn parse_line(bytes: &[u8]) -> Result<Parsed, (String, Option<String>)> {
    let mut obj = match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(o)) => o,
        Ok(_) => return Err(("not a JSON object".to_owned(), None)),
        Err(e) => return Err((format!("invalid JSON: {e}"), None)),
    };
    let id = match obj.remove("id") {
        Some(Value::String(s)) => Some(s),
        Some(Value::Null) | None => None,
        Some(v) => Some(v.to_string()),
    };
    let text = match obj.remove("text") {
        Some(Value::String(t)) => t,
        Some(_) => return Err(("\"text\" is not a string".to_owned(), id)),
        None => return Err(("no \"text\" field".to_owned(), id)),
    };
    Ok((id, text, obj))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_lines_keep_id_text_and_other_fields() {
        let data = "{\"id\": 7, \"text\": \"同志们\", \"year\": 2005}\n\n[1]\n{\"id\":\"x\"}\n";
        let got: Vec<Input> = jsonl_lines("f.jsonl".into(), std::io::Cursor::new(data)).collect();
        assert_eq!(got.len(), 3);
        let Input::Line(l) = &got[0] else {
            panic!("{got:?}")
        };
        assert_eq!((l.id.as_str(), l.text.as_str(), l.line), ("7", "同志们", 1));
        assert_eq!(l.fields.get("year"), Some(&Value::from(2005)));
        assert!(
            matches!(&got[1], Input::Failed { message, .. } if message == "line 3: not a JSON object")
        );
        assert!(
            matches!(&got[2], Input::Failed { message, .. } if message.contains("no \"text\""))
        );
        // The line without a text still has its id, for its error record; a line with none
        // is known by its number.
        assert_eq!(got[2].id(), Some("x"));
        assert_eq!(got[1].id(), Some("3"));
    }

    #[test]
    fn folders_walk_sorted_without_hidden_files_and_with_globs() {
        let dir = tempfile::tempdir().expect("tempdir");
        for f in ["b.txt", "a.txt", ".hidden.txt", "sub/c.txt", "sub/d.html"] {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, "x").expect("write");
        }
        let root = dir.path().to_string_lossy().into_owned();
        let names = |globs: &[&str]| -> Vec<String> {
            let opts = WalkOptions {
                globs: globs.iter().map(|g| g.to_string()).collect(),
                ..WalkOptions::default()
            };
            walk(std::slice::from_ref(&root), &opts)
                .expect("walk")
                .map(|i| i.name()[root.len() + 1..].to_owned())
                .collect()
        };
        assert_eq!(names(&[]), ["a.txt", "b.txt", "sub/c.txt", "sub/d.html"]);
        assert_eq!(names(&["*.txt"]), ["a.txt", "b.txt", "sub/c.txt"]);
        assert_eq!(names(&["!sub/**"]), ["a.txt", "b.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_become_failed_inputs_not_hangs() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a.txt"), "x").expect("write");
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).expect("symlink");
        let got: Vec<Input> = walk(
            &[dir.path().to_string_lossy().into_owned()],
            &WalkOptions::default(),
        )
        .expect("walk")
        .collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(matches!(&got[0], Input::Path(p) if p.ends_with("a.txt")));
        assert!(matches!(&got[1], Input::Failed { message, .. } if message.contains("loop")));
    }
}
