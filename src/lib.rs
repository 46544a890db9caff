//! tifa (提法): extraction of structure and formulations from Chinese official speeches and
//! reports. The modules follow the pipeline: decode → clean → normalize → segment → outline →
//! lists → extract → record/emit; `batch` runs it over many files, `eval` scores it against gold;
//! `tables` and `stats` turn the output into CSV tables and corpus statistics.

pub mod align;
pub mod batch;
pub mod clean;
pub mod compare;
pub mod decode;
pub mod dict;
pub mod emit;
pub mod eval;
pub mod extract;
pub mod lists;
pub mod normalize;
pub mod numeral;
pub mod outline;
pub mod pipeline;
pub mod record;
pub mod scan;
pub mod segment;
pub mod span;
pub mod stats;
pub mod tables;

pub use pipeline::{Options, Pipeline};
pub use record::FileRecord;
pub use span::Span;
