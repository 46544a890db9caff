//! Corpus statistics over extraction records (placeholder).
