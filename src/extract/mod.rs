//! Elements of a document beyond its outline: slogans and formulas, metrics, metadata.

pub mod dates;
pub mod expand;
pub mod meta;
pub mod metrics;
pub mod placeholders;
pub mod requirements;
pub mod slogans;

pub use meta::Meta;
pub use metrics::Metric;
pub use requirements::Requirement;
pub use slogans::{Slogan, Term};
