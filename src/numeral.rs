//! Chinese and Arabic numerals to numbers: 两 → 2, 十二 → 12, 三千二百二十六 → 3226,
//! 1.2万 → 12000. Shared by the outline, lists and metrics stages.

/// Value of one Chinese digit character (零〇一二两三…九).
pub fn digit_value(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn unit_value(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

/// Is `c` part of a Chinese numeral?
pub fn is_cn_numeral_char(c: char) -> bool {
    digit_value(c).is_some() || unit_value(c).is_some()
}

/// A digit of a year written digit by digit (二〇三五, 一九九八, 二零二零): the plain digits only,
/// not 两 or the financial forms.
pub fn is_year_digit(c: char) -> bool {
    matches!(
        c,
        '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
    )
}

/// A year written digit by digit in Chinese numerals: four year digits. A count of years is
/// written with 十 and 百 (三十年), never as four bare digits.
pub fn is_spelled_year(s: &str) -> bool {
    s.chars().count() == 4 && s.chars().all(is_year_digit)
}

/// Parse a whole string as an integer: ASCII digits, or a Chinese numeral
/// (positional 十二/三千二百二十六, or digit strings like 一九九八 / 二〇〇五).
pub fn parse_int(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let chars: Vec<char> = s.chars().collect();
    if !chars.iter().all(|&c| is_cn_numeral_char(c)) {
        return None;
    }
    if chars.len() > 1 && chars.iter().all(|&c| digit_value(c).is_some()) {
        // 一九九八-style digit strings; but 两 never appears inside such strings.
        if chars.contains(&'两') {
            return None;
        }
        return chars
            .iter()
            .try_fold(0u64, |acc, &c| Some(acc * 10 + digit_value(c)?));
    }
    // 三亿五千万: the part counted in 亿, the part in 万 below it, and what is below 万.
    let mut yi = 0u64;
    let mut wan = 0u64;
    let mut section = 0u64;
    // The last of 十/百/千 in this section: they come in descending order (十百千万 is no number).
    let mut small = u64::MAX;
    let mut digit: Option<u64> = None;
    for &c in &chars {
        if let Some(d) = digit_value(c) {
            if digit.is_some_and(|p| p != 0) {
                return None; // 三四 is not a positional numeral (零 may stand before a digit)
            }
            digit = Some(d);
        } else if let Some(u) = unit_value(c) {
            if u < 10_000 {
                if u >= small {
                    return None;
                }
                small = u;
                // A bare 十 means 一十.
                section += digit.take().unwrap_or(1) * u;
                continue;
            }
            let below = section + digit.take().unwrap_or(0);
            section = 0;
            small = u64::MAX;
            if u == 10_000 {
                wan = wan.checked_add(below.max(1).checked_mul(u)?)?;
            } else {
                // 万亿 and 一万二千亿 count everything before 亿 in 亿; a bare 亿 is one.
                let n = wan + below;
                wan = 0;
                yi = yi
                    .checked_add(if n == 0 && yi == 0 { 1 } else { n })?
                    .checked_mul(u)?;
            }
        }
    }
    yi.checked_add(wan)?
        .checked_add(section)?
        .checked_add(digit.unwrap_or(0))
}

/// Parse a Chinese numeral with decimals read digit by digit after 点: 十二点五 → 12.5,
/// 零点八 → 0.8; without 点 it is `parse_int`.
pub fn parse_cn_decimal(s: &str) -> Option<f64> {
    let Some((int, frac)) = s.split_once('点') else {
        return parse_int(s).map(|v| v as f64);
    };
    let whole = parse_int(int)?;
    // Through the decimal string, so 九十九点四 is the 99.4 that "99.4" parses to.
    let digits: Option<String> = frac
        .chars()
        .map(|c| {
            is_year_digit(c)
                .then(|| digit_value(c))
                .flatten()
                .and_then(|d| char::from_digit(d as u32, 10))
        })
        .collect();
    let digits = digits.filter(|d| !d.is_empty())?;
    format!("{whole}.{digits}").parse().ok()
}

/// Parse a decimal number written with ASCII digits and an optional 万/亿 magnitude,
/// e.g. "1.2万" → 12000.0, "99.4" → 99.4.
pub fn parse_decimal(s: &str) -> Option<f64> {
    let (num, mult) = match s.chars().last()? {
        '万' => (&s[..s.len() - '万'.len_utf8()], 1e4),
        '亿' => (&s[..s.len() - '亿'.len_utf8()], 1e8),
        _ => (s, 1.0),
    };
    let v: f64 = num.replace(',', "").parse().ok()?;
    Some(v * mult)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        for (s, v) in [
            ("一", 1),
            ("两", 2),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("二十一", 21),
            ("一百零五", 105),
            ("三千二百二十六", 3226),
            ("一万二千", 12000),
            ("九千万", 90_000_000),
            ("一九九八", 1998),
            ("二〇〇五", 2005),
            ("14", 14),
        ] {
            assert_eq!(parse_int(s), Some(v), "{s}");
        }
        assert_eq!(parse_int("第一"), None);
        assert_eq!(parse_int("十百千万"), None);
        assert_eq!(parse_int(""), None);
    }

    /// The bug: 一万亿 read as 1,000,100,000,000 (the 亿 multiplied a 1 put in for the empty
    /// part after 万), and 三亿五千万 as 3,000,050,000,000.
    #[test]
    fn counts_of_wan_under_yi() {
        for (s, v) in [
            ("一万亿", 1_000_000_000_000),
            ("万亿", 1_000_000_000_000),
            ("一万二千亿", 1_200_000_000_000),
            ("三亿五千万", 350_000_000),
            ("五十万", 500_000),
            ("十亿", 1_000_000_000),
            ("万", 10_000),
            ("亿", 100_000_000),
            ("两千亿", 200_000_000_000),
        ] {
            assert_eq!(parse_int(s), Some(v), "{s}");
        }
    }

    #[test]
    fn chinese_decimals() {
        assert_eq!(parse_cn_decimal("十二点五"), Some(12.5));
        assert_eq!(parse_cn_decimal("九十九点四"), Some(99.4));
        assert_eq!(parse_cn_decimal("零点八"), Some(0.8));
        assert_eq!(parse_cn_decimal("三十"), Some(30.0));
        assert_eq!(parse_cn_decimal("十二点"), None);
        assert_eq!(parse_cn_decimal("十二点十"), None);
    }

    #[test]
    fn decimals_with_magnitude() {
        assert_eq!(parse_decimal("99.4"), Some(99.4));
        assert_eq!(parse_decimal("1.2万"), Some(12000.0));
        assert_eq!(parse_decimal("3亿"), Some(300_000_000.0));
        assert_eq!(parse_decimal("1,000"), Some(1000.0));
    }
}
