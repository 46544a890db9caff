//! Resuming an interrupted run. Records are written in input order, so the partial output of
//! a killed run is a prefix of the full output: keep its complete lines, skip that many
//! inputs (checking each skipped input is the one the kept record names), and append.

use super::Input;
use std::fs::OpenOptions;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// What an interrupted run left: the (file, id) of each complete record, in order.
#[derive(Debug, Default)]
pub struct Done {
    pub keys: Vec<(String, Option<String>)>,
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
        done.keys.push((file.to_owned(), id.map(str::to_owned)));
        if v["status"] == "error" {
            done.errors += 1;
        }
        keep += n as u64;
    }
    OpenOptions::new().write(true).open(path)?.set_len(keep)?;
    Ok(done)
}

/// `inputs` without the first `done.keys.len()`, which must be the inputs the kept records
/// name. On a mismatch (the corpus changed since the interrupted run) the stream ends before
/// yielding anything and `mismatch` says where.
pub fn skip_done<I>(
    inputs: I,
    done: Done,
    mismatch: Arc<Mutex<Option<String>>>,
) -> impl Iterator<Item = Input> + Send
where
    I: Iterator<Item = Input> + Send,
{
    let mut keys = done.keys.into_iter().enumerate();
    let mut failed = false;
    inputs
        .filter_map(move |input| {
            if failed {
                return None;
            }
            let Some((i, (file, id))) = keys.next() else {
                return Some(Some(input));
            };
            if input.name() != file || input.id().map(str::to_owned) != id {
                failed = true;
                if let Ok(mut m) = mismatch.lock() {
                    *m = Some(format!(
                        "record {} of the partial output is {file:?} but input {} is {:?}",
                        i + 1,
                        i + 1,
                        input.name()
                    ));
                }
                return Some(None);
            }
            None
        })
        .map_while(|x| x)
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
        assert_eq!(done.keys.len(), 2);
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
            keys: names.iter().map(|n| (n.to_string(), None)).collect(),
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
