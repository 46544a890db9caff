//! `tifa stats`: corpus statistics from an extraction output (JSONL) or from files and folders
//! extracted in-process; talks to `batch` for the run, `stats` for counting and rendering.

use crate::cli::extract::converter;
use crate::cli::{write_failed, Stop};
use clap::{Args, ValueEnum};
use serde_json::Value;
use std::io::{BufRead, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use tifa::align::AlignedText;
use tifa::batch;
use tifa::dict::Dictionaries;
use tifa::extract::slogans::canonical;
use tifa::normalize::normalize;
use tifa::stats::{render, Collector, Facet, Section, StatsOptions};
use tifa::{Options, Pipeline};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Args)]
pub struct StatsArgs {
    /// Extraction outputs (JSONL from `tifa extract`), or corpus files and folders to extract;
    /// `-` reads JSONL from standard input.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Group slogan frequencies by this.
    #[arg(long, value_enum, default_value = "year")]
    pub by: Facet,
    /// Slogans listed per group and in the trend table (without --slogan), and metric nouns
    /// listed.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Slogans for the trend table (repeat or separate with commas), as written or canonical
    /// (两不误、两促进 or 两不误两促进); default: the --top slogans used by most documents.
    #[arg(long, value_name = "SLOGAN", value_delimiter = ',')]
    pub slogan: Vec<String>,
    /// Count documents containing and occurrences of these literal terms per group, and show
    /// their trend (repeat or separate with commas; needs the text, like --kwic).
    #[arg(long, value_name = "TERM", value_delimiter = ',')]
    pub term: Vec<String>,
    /// The trend as a tidy long table: group, slogan_or_term, documents, docs_in_group, share
    /// (one row per slogan or term and group), in every format.
    #[arg(long)]
    pub long: bool,
    /// Show every occurrence of this term in context (needs the text: a corpus path, or an
    /// output made with `tifa extract --text`).
    #[arg(long, value_name = "TERM", value_parser = super::term)]
    pub kwic: Option<String>,
    /// Characters of context on each side of a kwic hit.
    #[arg(long, default_value_t = 15)]
    pub context: usize,
    /// Only these sections (repeat or separate with commas); default: all.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub section: Vec<Section>,
    /// table (aligned text), csv (one section: pick it with --section) or json.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Write here instead of standard output (`-` is standard output).
    #[arg(short, long)]
    pub output: Option<String>,
    /// Worker threads when extracting (default: all cores).
    #[arg(short, long)]
    pub jobs: Option<usize>,
    /// OpenCC conversion when extracting (and of the kwic term and --term): t2s, tw2s, tw2sp,
    /// hk2s or none.
    #[arg(long, default_value = "t2s")]
    pub convert: String,
}

/// The `--slogan` values in canonical form, in the order given and each once: normalized like
/// the text (兩不誤 → 两不误), punctuation removed, a full-width comma taken as a separator too,
/// and a variant of `dictionaries/slogans.tsv` (五位一体总体布局) mapped to its entry (五位一体),
/// as extraction records it.
fn chosen_slogans(given: &[String], conv: &dyn tifa::normalize::Converter) -> Vec<String> {
    let lexicon = &Dictionaries::get().slogans;
    let mut out: Vec<String> = Vec::new();
    for s in given.iter().flat_map(|s| s.split('，')) {
        let c = canonical(normalize(&AlignedText::identity(s), conv).as_str());
        let c = lexicon
            .iter()
            .find(|e| e.variants.iter().any(|v| canonical(v) == c))
            .map_or(c, |e| e.canonical.clone());
        if !c.is_empty() && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// A term as the text holds it: matched against normalized text, it is normalized the same
/// way, so 兩不誤 and full-width or ASCII punctuation find what the text holds.
fn normalized_term(t: &str, conv: &dyn tifa::normalize::Converter) -> String {
    let n = normalize(&AlignedText::identity(t), conv);
    let n = n.as_str().trim();
    if n.is_empty() {
        t.to_owned()
    } else {
        n.to_owned()
    }
}

/// The `--term` values normalized, in the order given and each once; a full-width comma
/// separates too, as for --slogan.
fn chosen_terms(given: &[String], conv: &dyn tifa::normalize::Converter) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in given.iter().flat_map(|t| t.split('，')) {
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        let n = normalized_term(t, conv);
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// Whether `path` is a `tifa extract` output: its first non-empty line is a `tifa/…` record.
/// Decided by content, not by name: corpora hold `.json` pages too.
fn is_extraction_output(path: &Path) -> bool {
    let Ok(f) = tifa::batch::read::open_lines(path) else {
        return false;
    };
    let mut first = String::new();
    let mut reader = f.take(1 << 24);
    while first.trim().is_empty() {
        first.clear();
        match reader.read_line(&mut first) {
            Ok(0) | Err(_) => return false,
            Ok(_) => {}
        }
    }
    serde_json::from_str::<Value>(first.trim()).is_ok_and(|v| {
        v.get("schema")
            .and_then(Value::as_str)
            .is_some_and(|s| s.starts_with("tifa/"))
    })
}

/// Why standard input is not an extraction output, and how to make one of what it holds:
/// `cat speech.txt | tifa stats -` gave only serde's "expected value at line 1 column 1".
fn not_extraction_output(n: usize, parsed: &Result<Value, serde_json::Error>) -> String {
    let (what, how) = match parsed {
        Err(e) => (
            format!("line {n} is not JSON: {e}"),
            "to count a text, extract it first: … | tifa extract - | tifa stats -, or give \
             tifa stats the file's path",
        ),
        Ok(v) if v.get("text").is_some() => (
            format!("line {n} is an object with a \"text\", not a tifa record"),
            "to count JSONL input (one text a line), extract it first: \
             … | tifa extract --jsonl - | tifa stats -",
        ),
        Ok(_) => (
            format!("line {n} has no \"schema\": \"tifa/…\""),
            "to count a text, extract it first: … | tifa extract - | tifa stats -",
        ),
    };
    format!("standard input is not tifa JSONL output ({what}); {how}")
}

/// Records of an extraction output, one a line. The first record of standard input is checked
/// for the `tifa/` schema (a file is only read this way when its first line has it).
fn read_jsonl(name: &str, input: impl BufRead, stats: &mut Collector) -> Result<(), String> {
    let mut checked = name != "-";
    for (n, line) in input.lines().enumerate() {
        let line = line.map_err(|e| format!("{name}: {e}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed = serde_json::from_str::<Value>(&line);
        if !checked {
            let is_record = parsed.as_ref().is_ok_and(|v| {
                v.get("schema")
                    .and_then(Value::as_str)
                    .is_some_and(|s| s.starts_with("tifa/"))
            });
            if !is_record {
                return Err(not_extraction_output(n + 1, &parsed));
            }
            checked = true;
        }
        let v = parsed.map_err(|e| format!("{name}:{}: {e}", n + 1))?;
        stats.add(&v);
    }
    Ok(())
}

/// The paths named on the command line that cannot be read: missing, a file that does not
/// open, a folder that does not list. Their error records are counted like any other, but
/// they fail the run: a typo in a script must not pass for an empty corpus.
fn unreadable(paths: &[String]) -> Vec<&str> {
    paths
        .iter()
        .filter(|p| *p != "-")
        .filter(|p| match std::fs::metadata(p) {
            Err(_) => true,
            Ok(m) if m.is_dir() => std::fs::read_dir(p).is_err(),
            Ok(m) if m.is_file() => std::fs::File::open(p).is_err(),
            // Opening a FIFO would block until a writer comes; the extraction reads it.
            Ok(_) => false,
        })
        .map(String::as_str)
        .collect()
}

pub fn run(a: StatsArgs) -> Result<ExitCode, Stop> {
    let only: Vec<Section> = if a.section.is_empty() {
        Vec::new()
    } else {
        a.section.clone()
    };
    if a.format == Format::Csv {
        let n = if only.is_empty() {
            6 + usize::from(a.kwic.is_some()) + usize::from(!a.term.is_empty())
        } else {
            only.len()
        };
        if n != 1 {
            return Err("--format csv writes one table: choose it with --section \
                        (overview, slogans, terms, trend, metrics, depth, warnings, kwic)"
                .into());
        }
    }
    if only.contains(&Section::Kwic) && a.kwic.is_none() {
        return Err("--section kwic needs --kwic TERM".into());
    }
    if only.contains(&Section::Terms) && a.term.is_empty() {
        return Err("--section terms needs --term TERM".into());
    }
    let conv = converter(&a.convert, false)?;
    let kwic = a.kwic.as_deref().map(|t| normalized_term(t, conv.as_ref()));
    let slogans = chosen_slogans(&a.slogan, conv.as_ref());
    if !a.slogan.is_empty() && slogans.is_empty() {
        return Err("--slogan: no slogan given".into());
    }
    let terms = chosen_terms(&a.term, conv.as_ref());
    if !a.term.is_empty() && terms.is_empty() {
        return Err("--term: no term given".into());
    }
    let mut stats = Collector::new(StatsOptions {
        by: a.by,
        top: a.top,
        slogans,
        terms: terms.clone(),
        long: a.long,
        kwic: kwic.clone(),
        context: a.context,
    });
    let failed_paths = unreadable(&a.paths);
    let mut corpus: Vec<String> = Vec::new();
    for p in &a.paths {
        if p == "-" {
            let input = tifa::batch::read::lines_of(std::io::stdin())
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            read_jsonl("-", input, &mut stats)?;
        } else if Path::new(p).is_file() && is_extraction_output(Path::new(p)) {
            let f = tifa::batch::read::open_lines(Path::new(p))
                .map_err(|e| format!("cannot read {p}: {e}"))?;
            read_jsonl(p, f, &mut stats)?;
        } else {
            corpus.push(p.clone());
        }
    }
    if !corpus.is_empty() {
        let pipeline = Pipeline::new(
            conv,
            Options {
                tokens: false,
                text: kwic.is_some() || !terms.is_empty(),
                ..Options::default()
            },
        );
        let walk = batch::WalkOptions {
            skip: super::own_outputs(a.output.as_deref(), None),
            ..batch::WalkOptions::default()
        };
        let inputs = batch::walk(&corpus, &walk)?;
        let opts = batch::BatchOptions {
            threads: a.jobs.unwrap_or(0),
            ..Default::default()
        };
        batch::run_stream(&pipeline, inputs, &opts, |r| {
            // As `tifa extract` does; an output's error records were told when it was made.
            if let Some(line) = super::error_line(&r) {
                eprintln!("{line}");
            }
            stats.add(&serde_json::to_value(&r).map_err(std::io::Error::other)?);
            Ok(())
        })
        .map_err(|e| format!("extracting: {e}"))?;
    }
    let no_documents = stats.documents() == 0;
    // A slogan no document uses reads 0.0 everywhere: say so, as a typo or a phrase tifa does
    // not take for a slogan (unquoted prose) would otherwise pass for a real zero.
    let (unused_slogans, unused_terms) = stats.unused();
    for s in unused_slogans {
        eprintln!(
            "tifa: no document has the slogan {s}: the trend counts the slogans tifa \
             extracts (docs/stats.md); --term {s} counts the words wherever they occur"
        );
    }
    let with_text = stats.documents_with_text();
    if !terms.is_empty() && with_text > 0 {
        for t in unused_terms {
            eprintln!("tifa: no document contains the term {t}");
        }
        let without = stats.documents() - with_text;
        if without > 0 {
            eprintln!(
                "tifa: --term: {without} documents have no text (an output made without \
                 `tifa extract --text`) and count as not containing any term"
            );
        }
    }
    let report = stats.report().map_err(|e| e.to_string())?;
    let report = report.select(&only);

    let mut out: Box<dyn Write> = match super::output_file(a.output.as_deref()) {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).map_err(|e| format!("cannot create {path}: {e}"))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let written = match a.format {
        Format::Table => render::write_text(&mut out, &report),
        Format::Json => render::write_json(&mut out, &report),
        Format::Csv => match report.tables.first() {
            Some(t) => render::write_csv(&mut out, t),
            None => Ok(()),
        },
    };
    written
        .and_then(|()| out.flush())
        .map_err(|e| write_failed("writing output", &e))?;
    if !failed_paths.is_empty() {
        eprintln!(
            "tifa: cannot read what the command line names: {}",
            failed_paths.join(", ")
        );
    }
    if no_documents {
        eprintln!("tifa: no input gave a document: nothing was counted");
    }
    Ok(if failed_paths.is_empty() && !no_documents {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
