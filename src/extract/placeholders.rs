//! Template placeholders left in a text (xxx个单位, ××区, XX同志, 某某): not metrics, but worth
//! reporting to office staff checking a draft made from a template.

use regex::Regex;
use serde::Serialize;
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Debug, Clone, Serialize)]
pub struct Placeholder {
    /// The placeholder with the word it stands in (××区, xxx个单位).
    pub text: String,
    #[serde(skip)]
    pub range: Range<usize>,
}

fn re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:[xX]{2,}|[×＊*]{2,}|○○|□□|ＸＸ)(?:(?:个|名|家|项|人|次)[\p{Han}]{1,2}|[区县市乡镇村省部局委]|同志)?")
            .unwrap_or_else(|e| panic!("placeholder pattern: {e}"))
    })
}

pub fn placeholders(text: &str) -> Vec<Placeholder> {
    re().find_iter(text)
        // A run of letters inside a Latin word (taxxx) is not a placeholder.
        .filter(|m| {
            !text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphabetic())
        })
        .map(|m| Placeholder {
            text: m.as_str().to_owned(),
            range: m.range(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_gaps_are_found() {
        let got: Vec<String> = placeholders("共有xxx个单位参加，××区保持先进性，Maxxx公司")
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(got, vec!["xxx个单位", "××区"]);
    }
}
