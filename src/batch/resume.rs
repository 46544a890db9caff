//! Resuming an interrupted run. Records are written in input order, so the partial output of
//! a killed run is a prefix of the full output: keep its complete lines, skip that many
//! inputs (checking each skipped input is the one the kept record names, with the same
//! content), and append. The options that shape a record are kept beside the partial output
//! and must be the same on resume, or the output would mix records of two kinds.

use super::Input;
use serde_json::Value;
use std::fs::OpenOptions;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A complete record of the interrupted run: the input it names, and the SHA-256 of the
/// bytes it was made from (absent when the input could not be read).
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub file: String,
    pub id: Option<String>,
    pub sha256: Option<String>,
}

/// What an interrupted run left: its complete records, in order.
#[derive(Debug, Default)]
pub struct Done {
    pub kept: Vec<Kept>,
    /// How many of them are error records (they count towards the exit code).
    pub errors: usize,
}

/// Read the partial output at `path`, and cut it after its last complete record (a killed
/// writer may leave half a line). A missing file means nothing was done.
pub fn load(path: &Path) -> std::io::Result<Done> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Done::default()),
        Err(e) => return Err(e),
    };
    let mut done = Done::default();
    let mut keep = 0u64;
    let mut reader = BufReader::new(file);
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line)?;
        if n == 0 || line.last() != Some(&b'\n') {
            break;
        }
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(&line) else {
            break;
        };
        let (Some(file), id) = (v["file"].as_str(), v["id"].as_str()) else {
            break;
        };
        done.kept.push(Kept {
            file: file.to_owned(),
            id: id.map(str::to_owned),
            sha256: v["source"]["sha256"].as_str().map(str::to_owned),
        });
        if v["status"] == "error" {
            done.errors += 1;
        }
        keep += n as u64;
    }
    OpenOptions::new().write(true).open(path)?.set_len(keep)?;
    Ok(done)
}

/// `inputs` without the first `done.kept.len()`, which must be the inputs the kept records
/// name, with the bytes they were made from (an input edited since would keep a record of its
/// old text). On a mismatch (the corpus changed since the interrupted run) the stream ends
/// before yielding anything and `mismatch` says where.
pub fn skip_done<I>(
    inputs: I,
    done: Done,
    mismatch: Arc<Mutex<Option<String>>>,
) -> impl Iterator<Item = Input> + Send
where
    I: Iterator<Item = Input> + Send,
{
    let mut kept = done.kept.into_iter().enumerate();
    let mut failed = false;
    inputs
        .filter_map(move |input| {
            if failed {
                return None;
            }
            let Some((i, k)) = kept.next() else {
                return Some(Some(input));
            };
            let why = if input.name() != k.file || input.id().map(str::to_owned) != k.id {
                Some(format!(
                    "record {} of the partial output is {:?} but input {} is {:?}",
                    i + 1,
                    k.file,
                    i + 1,
                    input.name()
                ))
            } else if k.sha256.is_some() && k.sha256 != sha256_of(&input) {
                Some(format!(
                    "{:?} is not the file it was when its record was made",
                    k.file
                ))
            } else {
                None
            };
            if let Some(why) = why {
                failed = true;
                if let Ok(mut m) = mismatch.lock() {
                    *m = Some(why);
                }
                return Some(None);
            }
            None
        })
        .map_while(|x| x)
}

/// The SHA-256 a record of `input` carries, for the inputs that can be read again.
fn sha256_of(input: &Input) -> Option<String> {
    let bytes = match input {
        Input::Path(p) => super::read::file_whole(p).ok()?,
        Input::Line(l) => l.text.as_bytes().to_vec(),
        Input::Stdin | Input::Failed { .. } => return None,
    };
    Some(crate::pipeline::sha256_hex(&bytes))
}

/// Where the options of the run writing `partial` are kept.
fn options_path(partial: &Path) -> PathBuf {
    let mut p = partial.as_os_str().to_owned();
    p.push(".options");
    PathBuf::from(p)
}

/// Note the options of a fresh run writing `partial`, for a later `--resume`.
pub fn record_options(partial: &Path, options: &Value) -> std::io::Result<()> {
    std::fs::write(options_path(partial), format!("{options}\n"))
}

/// Whether a run with `options` may resume `partial`: the interrupted run's options, where
/// they were noted, must be the same. Returns the options that differ, in words.
pub fn check_options(partial: &Path, options: &Value) -> Result<(), String> {
    let Ok(text) = std::fs::read_to_string(options_path(partial)) else {
        // A partial output without its note (an older tifa): nothing to compare.
        return Ok(());
    };
    let before: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    let Some(now) = options.as_object() else {
        return Ok(());
    };
    let differ: Vec<String> = now
        .iter()
        .filter(|(k, v)| before.get(k.as_str()) != Some(*v))
        .map(|(k, v)| {
            format!(
                "{k}: {} then, {v} now",
                before.get(k.as_str()).unwrap_or(&Value::Null)
            )
        })
        .collect();
    if differ.is_empty() {
        Ok(())
    } else {
        Err(differ.join("; "))
    }
}

/// Drop the note of `partial`'s options once the run is complete.
pub fn forget_options(partial: &Path) {
    let _ = std::fs::remove_file(options_path(partial));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn a_half_written_last_line_is_cut_off() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("out.jsonl.partial");
        std::fs::write(
            &p,
            "{\"file\":\"a\",\"status\":\"ok\"}\n{\"file\":\"b\",\"status\":\"error\"}\n{\"file\":\"c\",\"sta",
        )
        .expect("write");
        let done = load(&p).expect("load");
        assert_eq!(done.kept.len(), 2);
        assert_eq!(done.errors, 1);
        let left = std::fs::read_to_string(&p).expect("read");
        assert!(left.ends_with("\"error\"}\n"), "{left}");
    }

    #[test]
    fn skipping_checks_the_names_of_done_inputs() {
        let inputs = || {
            ["a", "b", "c"]
                .map(|n| Input::Path(PathBuf::from(n)))
                .into_iter()
        };
        let done = |names: &[&str]| Done {
            kept: names
                .iter()
                .map(|n| Kept {
                    file: n.to_string(),
                    id: None,
                    sha256: None,
                })
                .collect(),
            errors: 0,
        };
        let m = Arc::new(Mutex::new(None));
        let left: Vec<String> = skip_done(inputs(), done(&["a", "b"]), m.clone())
            .map(|i| i.name())
            .collect();
        assert_eq!(left, ["c"]);
        assert!(m.lock().expect("lock").is_none());
        let left: Vec<Input> = skip_done(inputs(), done(&["a", "x"]), m.clone()).collect();
        assert!(left.is_empty());
        assert!(m
            .lock()
            .expect("lock")
            .as_deref()
            .unwrap_or("")
            .contains("\"x\""));
    }
}
