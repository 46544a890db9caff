//! Traditional → simplified conversion behind one trait: opencc-fmmseg by default, the system
//! libopencc (feature `libopencc`) as an alternative. Nothing else in tifa names OpenCC.

use std::fmt;

/// Which OpenCC configuration to apply. All go toward simplified Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Conversion {
    /// OpenCC `t2s`: traditional characters to simplified.
    #[default]
    T2s,
    /// `tw2s`: Taiwan standard to simplified.
    Tw2s,
    /// `tw2sp`: Taiwan standard with phrase conversion (軟體 → 软件).
    Tw2sp,
    /// `hk2s`: Hong Kong standard to simplified.
    Hk2s,
    /// Leave characters as they are (punctuation and width still normalized).
    None,
}

impl Conversion {
    pub fn config_name(self) -> &'static str {
        match self {
            Conversion::T2s => "t2s",
            Conversion::Tw2s => "tw2s",
            Conversion::Tw2sp => "tw2sp",
            Conversion::Hk2s => "hk2s",
            Conversion::None => "none",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "t2s" => Conversion::T2s,
            "tw2s" => Conversion::Tw2s,
            "tw2sp" => Conversion::Tw2sp,
            "hk2s" => Conversion::Hk2s,
            "none" => Conversion::None,
            _ => return None,
        })
    }
}

impl fmt::Display for Conversion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.config_name())
    }
}

/// A script converter. Implementations must be pure functions of their input.
pub trait Converter: Send + Sync {
    /// Backend name for provenance ("opencc-fmmseg", "libopencc").
    fn backend(&self) -> &'static str;
    fn conversion(&self) -> Conversion;
    fn convert(&self, text: &str) -> String;
}

/// The default backend: pure-Rust OpenCC with current upstream lexicons, no system library.
pub struct Fmmseg {
    cc: opencc_fmmseg::OpenCC,
    conversion: Conversion,
}

impl Fmmseg {
    pub fn new(conversion: Conversion) -> Self {
        let mut cc = opencc_fmmseg::OpenCC::new();
        // tifa parallelizes across files; nested parallel conversion only adds contention.
        cc.set_parallel(false);
        Fmmseg { cc, conversion }
    }
}

impl Converter for Fmmseg {
    fn backend(&self) -> &'static str {
        "opencc-fmmseg"
    }

    fn conversion(&self) -> Conversion {
        self.conversion
    }

    fn convert(&self, text: &str) -> String {
        use opencc_fmmseg::OpenccConfig as C;
        let config = match self.conversion {
            Conversion::T2s => C::T2s,
            Conversion::Tw2s => C::Tw2s,
            Conversion::Tw2sp => C::Tw2sp,
            Conversion::Hk2s => C::Hk2s,
            Conversion::None => return text.to_owned(),
        };
        // Punctuation is left to `punct` (「」 → “”), so this stays OpenCC's own conversion.
        self.cc.convert_with_config(text, config, false)
    }
}

/// The system OpenCC library, for users who need its own configuration files.
#[cfg(feature = "libopencc")]
pub struct LibOpencc {
    cc: opencc_rust::OpenCC,
    conversion: Conversion,
}

#[cfg(feature = "libopencc")]
impl LibOpencc {
    pub fn new(conversion: Conversion) -> Result<Self, String> {
        use opencc_rust::DefaultConfig as D;
        let config = match conversion {
            Conversion::T2s | Conversion::None => D::T2S,
            Conversion::Tw2s => D::TW2S,
            Conversion::Tw2sp => D::TW2SP,
            Conversion::Hk2s => D::HK2S,
        };
        let cc = opencc_rust::OpenCC::new(config).map_err(|e| e.to_string())?;
        Ok(LibOpencc { cc, conversion })
    }
}

#[cfg(feature = "libopencc")]
impl Converter for LibOpencc {
    fn backend(&self) -> &'static str {
        "libopencc"
    }

    fn conversion(&self) -> Conversion {
        self.conversion
    }

    fn convert(&self, text: &str) -> String {
        if self.conversion == Conversion::None {
            return text.to_owned();
        }
        self.cc.convert(text)
    }
}
