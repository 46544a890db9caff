//! Per-stage throughput of the tifa pipeline on the bundled corpus.
//!
//! Input: the plain-text files of `corpus/` (sorted by name, joined by `\n`) repeated to ~1 MB
//! (`common::plain_buffer`). The markup stage uses `corpus/002_*` (an HTML page) repeated to
//! ~1 MB instead. The inputs of normalize, clean_lines and the extraction stages are built
//! exactly as `Pipeline::prepare` builds them from the 1 MB buffer, and checked against it.
//! Stages after cleaning run per document of the cleaned body, as `Pipeline::process` does.
//!
//! Run: `cargo bench --bench stages` (see benches/README.md).

mod common;

use common::{corpus_files, repeat_to_target};
use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use std::hint::black_box;
use std::ops::Range;
use std::time::Duration;
use tifa::align::{AlignedBuilder, AlignedText};
use tifa::clean::{self, markup, Cleaned};
use tifa::extract::{metrics, slogans};
use tifa::normalize::{self, Conversion, Converter, Fmmseg};
use tifa::outline::{self, OutlineUnit};
use tifa::segment::Segmenter;
use tifa::{decode, lists, Pipeline};

/// Everything the stage benchmarks need, computed once.
struct Inputs {
    /// Whole corpus repeated to ~1 MB (raw bytes).
    bytes: Vec<u8>,
    /// `bytes` decoded.
    text: String,
    /// The HTML file repeated to ~1 MB.
    html: String,
    /// Whether `Pipeline::prepare` treats `text` as markup.
    text_is_markup: bool,
    /// `text` aligned as `Pipeline::prepare` aligns it (input of normalize).
    aligned: AlignedText,
    /// `aligned` normalized (input of clean_lines).
    normalized: AlignedText,
    /// `normalized` cleaned; its documents feed the extraction stages.
    cleaned: Cleaned,
}

impl Inputs {
    fn load(converter: &dyn Converter, pipeline: &Pipeline) -> Self {
        let files = corpus_files();
        let bytes = common::plain_buffer();
        let text = decode::decode(&bytes).expect("corpus decodes").text;

        let html_file = files
            .iter()
            .find(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("002_"))
            })
            .expect("corpus/002_* (HTML)");
        let html_bytes = repeat_to_target(&std::fs::read(html_file).expect("read HTML file"));
        let html = String::from_utf8(html_bytes).expect("HTML file is UTF-8");
        assert!(
            markup::looks_like_markup(&html),
            "corpus/002_* should look like markup"
        );

        let text_is_markup = markup::looks_like_markup(&text);
        let aligned = base_alignment(&text);
        let normalized = normalize::normalize(&aligned, converter);
        let cleaned = clean::clean_lines(&normalized);
        let prepared = pipeline.prepare(&bytes).expect("prepare corpus");
        assert_eq!(
            (
                prepared.markup,
                prepared.cleaned.body.as_str(),
                &prepared.cleaned.documents
            ),
            (text_is_markup, cleaned.body.as_str(), &cleaned.documents),
            "bench inputs drifted from Pipeline::prepare; update benches/stages.rs"
        );
        Inputs {
            bytes,
            text,
            html,
            text_is_markup,
            aligned,
            normalized,
            cleaned,
        }
    }

    /// Text of each document of the cleaned body (what the extraction stages see).
    fn documents(&self) -> Vec<&str> {
        let body = &self.cleaned.body;
        self.cleaned
            .documents
            .iter()
            .map(|r| &body.as_str()[body.byte_of_char(r.start)..body.byte_of_char(r.end)])
            .collect()
    }
}

/// What `Pipeline::prepare` feeds to normalize: the markup's text aligned to its source when
/// the input sniffs as markup, else the identity alignment.
fn base_alignment(text: &str) -> AlignedText {
    if markup::looks_like_markup(text) {
        let m = markup::markup_to_text(text);
        let mut b = AlignedBuilder::with_capacity(m.text.len(), m.src.len());
        for (c, &(s, e)) in m.text.chars().zip(m.src.iter()) {
            b.push(c, s as usize, e as usize);
        }
        b.finish()
    } else {
        AlignedText::identity(text)
    }
}

fn docs_len(docs: &[&str]) -> u64 {
    docs.iter().map(|d| d.len() as u64).sum()
}

/// Extraction of one document, as `Pipeline::document` does it (without span mapping).
fn extract_document(text: &str) -> usize {
    let units = outline::outline(text);
    let lists = lists::lists(text, &units);
    let (slogans, terms) = slogans::slogans(text);
    let mut exclude: Vec<Range<usize>> = lists::announcements(text)
        .into_iter()
        .map(|a| a.range)
        .collect();
    exclude.extend(slogans.iter().map(|s| s.range.clone()));
    exclude.extend(units.iter().map(|u| u.marker_range.clone()));
    let metrics = metrics::metrics(text, &exclude);
    units.len() + lists.len() + slogans.len() + terms.len() + metrics.len()
}

fn group<'a>(c: &'a mut Criterion, name: &str, bytes: u64) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(bytes));
    g
}

fn stages(c: &mut Criterion) {
    // Every figure is for one core (see `common::one_core_pipeline`).
    let pipeline = common::one_core_pipeline();
    let converter = Fmmseg::new(Conversion::T2s);
    let inputs = Inputs::load(&converter, &pipeline);
    let docs = inputs.documents();
    let body_len = docs_len(&docs);
    let seg = Segmenter::global();
    // Per-document outlines and tags, computed once for the stages that consume them.
    let outlines: Vec<Vec<OutlineUnit>> = docs.iter().map(|d| outline::outline(d)).collect();

    eprintln!(
        "stages: raw input {} bytes (sniffed as markup: {}), html {} bytes, normalize input {} bytes, \
         cleaned body {} bytes in {} document(s)",
        inputs.bytes.len(),
        inputs.text_is_markup,
        inputs.html.len(),
        inputs.aligned.as_str().len(),
        body_len,
        docs.len()
    );

    // --- preparation stages -------------------------------------------------------------
    let mut g = group(c, "decode", inputs.bytes.len() as u64);
    g.bench_function("decode", |b| {
        b.iter(|| decode::decode(black_box(&inputs.bytes)).map(|d| d.text.len()))
    });
    g.finish();

    let mut g = group(c, "markup", inputs.html.len() as u64);
    g.bench_function("markup_to_text", |b| {
        b.iter(|| {
            let html = black_box(inputs.html.as_str());
            markup::looks_like_markup(html).then(|| markup::markup_to_text(html).text.len())
        })
    });
    g.finish();

    let mut g = group(c, "convert_t2s", inputs.text.len() as u64);
    g.bench_function("fmmseg_convert", |b| {
        b.iter(|| converter.convert(black_box(&inputs.text)).len())
    });
    g.finish();

    // What `Pipeline::prepare` does between decode and normalize on the 1 MB buffer: sniff, then
    // markup_to_text + alignment or the identity alignment.
    let mut g = group(c, "align_base", inputs.text.len() as u64);
    g.bench_function("sniff_and_align", |b| {
        b.iter(|| base_alignment(black_box(&inputs.text)).char_len())
    });
    g.finish();

    let mut g = group(c, "normalize", inputs.aligned.as_str().len() as u64);
    g.bench_function("normalize_aligned", |b| {
        b.iter(|| normalize::normalize(black_box(&inputs.aligned), &converter).char_len())
    });
    g.finish();

    let mut g = group(c, "clean_lines", inputs.normalized.as_str().len() as u64);
    g.bench_function("clean_lines", |b| {
        b.iter(|| {
            clean::clean_lines(black_box(&inputs.normalized))
                .documents
                .len()
        })
    });
    g.finish();

    let mut g = group(c, "segment_cut", body_len);
    g.bench_function("jieba_cut", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| seg.cut(black_box(d)).len())
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = group(c, "segment_tag", body_len);
    g.bench_function("jieba_tag", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| seg.tag(black_box(d)).len())
                .sum::<usize>()
        })
    });
    g.finish();

    // --- extraction stages ----------------------------------------------------------------
    let mut g = group(c, "outline", body_len);
    g.bench_function("outline", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| outline::outline(black_box(d)).len())
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = group(c, "lists", body_len);
    g.bench_function("lists", |b| {
        b.iter(|| {
            docs.iter()
                .zip(&outlines)
                .map(|(d, units)| lists::lists(black_box(d), units).len())
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = group(c, "slogans", body_len);
    g.bench_function("slogans", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| {
                    let (s, t) = slogans::slogans(black_box(d));
                    s.len() + t.len()
                })
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = group(c, "metrics", body_len);
    g.bench_function("metrics", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| metrics::metrics(black_box(d), &[]).len())
                .sum::<usize>()
        })
    });
    g.finish();

    // --- composites -----------------------------------------------------------------------
    // prepare: decode + markup check + normalize + clean (Pipeline::prepare) + jieba cut.
    let mut g = group(c, "prepare", inputs.bytes.len() as u64);
    g.bench_function("prepare_and_cut", |b| {
        b.iter(|| common::prepare_and_cut(&pipeline, black_box(&inputs.bytes)))
    });
    // The same without the cut: exactly what `Pipeline::process` runs before extraction.
    g.bench_function("prepare_only", |b| {
        b.iter(|| {
            pipeline
                .prepare(black_box(&inputs.bytes))
                .expect("prepare")
                .cleaned
                .documents
                .len()
        })
    });
    g.finish();

    // extract_only: outline + lists + slogans + tag + metrics on the prepared documents.
    let mut g = group(c, "extract_only", body_len);
    g.bench_function("extract", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| extract_document(black_box(d)))
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = group(c, "end_to_end", inputs.bytes.len() as u64);
    g.bench_function("pipeline_process", |b| {
        b.iter(|| {
            pipeline
                .process("corpus.txt", black_box(&inputs.bytes))
                .documents
                .len()
        })
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = stages
}
criterion_main!(benches);
