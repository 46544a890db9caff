//! The `tifa` command: `extract` runs the pipeline over files and folders, `eval` scores the
//! extraction against gold annotations.

use clap::{Args, Parser, Subcommand};
use std::io::{Read, Write};
use std::process::ExitCode;
use tifa::batch::{self, Input};
use tifa::emit::JsonlSink;
use tifa::normalize::{Conversion, Converter, Fmmseg};
use tifa::{Options, Pipeline};

#[derive(Parser)]
#[command(
    name = "tifa",
    version,
    about = "Structure and formulations (提法) from Chinese official speeches and reports"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract outline, lists, slogans, metrics and metadata: one JSON line per input file.
    Extract(ExtractArgs),
    /// Score extraction against gold annotations (tests/gold/GUIDE.md, "Scoring").
    Eval(EvalArgs),
}

#[derive(Args)]
struct ExtractArgs {
    /// Files or folders (walked recursively); `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<String>,
    /// Write JSON lines here instead of standard output.
    #[arg(short, long)]
    output: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(short, long)]
    jobs: Option<usize>,
    /// Include each document's words (jieba segmentation).
    #[arg(long)]
    tokens: bool,
    /// Include each document's normalized text (what span char offsets refer to).
    #[arg(long)]
    text: bool,
    /// OpenCC conversion: t2s, tw2s, tw2sp, hk2s or none.
    #[arg(long, default_value = "t2s")]
    convert: String,
    /// Use the system libopencc instead of opencc-fmmseg (build with --features libopencc).
    #[arg(long)]
    libopencc: bool,
}

#[derive(Args)]
struct EvalArgs {
    /// Gold annotations (JSONL, format tifa-gold/1).
    #[arg(long)]
    gold: String,
    /// Corpus root the gold file names are relative to.
    #[arg(long)]
    root: String,
    /// Score an existing extraction output instead of extracting from the root.
    #[arg(long)]
    system: Option<String>,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
    /// List missed and spurious items per file.
    #[arg(long)]
    verbose: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => extract(a),
        Command::Eval(a) => eval(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tifa: {e}");
            ExitCode::from(2)
        }
    }
}

fn converter(name: &str, libopencc: bool) -> Result<Box<dyn Converter>, String> {
    let conv = Conversion::parse(name)
        .ok_or_else(|| format!("unknown --convert {name:?} (t2s, tw2s, tw2sp, hk2s, none)"))?;
    if libopencc {
        #[cfg(feature = "libopencc")]
        return Ok(Box::new(tifa::normalize::convert::LibOpencc::new(conv)?));
        #[cfg(not(feature = "libopencc"))]
        return Err("--libopencc needs a build with `--features libopencc`".into());
    }
    Ok(Box::new(Fmmseg::new(conv)))
}

fn thread_pool(jobs: Option<usize>) -> Result<(), String> {
    if let Some(n) = jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .map_err(|e| format!("thread pool: {e}"))?;
    }
    Ok(())
}

fn extract(a: ExtractArgs) -> Result<ExitCode, String> {
    thread_pool(a.jobs)?;
    let pipeline = Pipeline::new(
        converter(&a.convert, a.libopencc)?,
        Options {
            tokens: a.tokens,
            text: a.text,
        },
    );
    let inputs = batch::collect_inputs(&a.paths);
    let stdin_bytes = if inputs.contains(&Input::Stdin) {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("reading stdin: {e}"))?;
        Some(buf)
    } else {
        None
    };
    let out: Box<dyn Write> = match &a.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).map_err(|e| format!("cannot create {path}: {e}"))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut sink = JsonlSink::new(out);
    batch::run(&pipeline, &inputs, stdin_bytes.as_deref(), |r| {
        if let Some(e) = &r.error {
            eprintln!("tifa: {}: {e}", r.file);
        }
        sink.write(r)
    })
    .map_err(|e| format!("writing output: {e}"))?;
    let (written, errors) = (sink.written, sink.errors);
    sink.finish().map_err(|e| format!("writing output: {e}"))?;
    if errors > 0 {
        eprintln!("tifa: {written} files, {errors} with errors");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn eval(a: EvalArgs) -> Result<ExitCode, String> {
    let gold_text =
        std::fs::read_to_string(&a.gold).map_err(|e| format!("cannot read {}: {e}", a.gold))?;
    let gold = tifa::eval::load_gold(&gold_text)?;
    let records: Vec<serde_json::Value> = match &a.system {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .enumerate()
                .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("{path}:{}: {e}", i + 1)))
                .collect::<Result<_, _>>()?
        }
        None => extract_gold_files(&gold, &a.root)?,
    };
    let scores = tifa::eval::score(&gold, &records, &a.root);
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&scores.to_json()).map_err(|e| e.to_string())?
        );
    } else {
        print!("{}", scores.to_table());
    }
    if a.verbose {
        for line in scores.mismatches() {
            eprintln!("{line}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Extract the files the gold names, from `root`, as JSON values for the scorer.
fn extract_gold_files(
    gold: &[tifa::eval::GoldFile],
    root: &str,
) -> Result<Vec<serde_json::Value>, String> {
    let pipeline = Pipeline::default();
    let inputs: Vec<Input> = gold
        .iter()
        .map(|g| Input::Path(std::path::Path::new(root).join(&g.file)))
        .collect();
    let mut out = Vec::new();
    batch::run(&pipeline, &inputs, None, |r| {
        out.push(serde_json::to_value(r).map_err(std::io::Error::other)?);
        Ok(())
    })
    .map_err(|e| e.to_string())?;
    Ok(out)
}
