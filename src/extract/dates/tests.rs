//! Tests of date mentions: the forms found, their kinds, and the year a document lends them.

use super::*;

fn got(s: &str, year: Option<i32>) -> Vec<(String, &'static str, Option<String>)> {
    date_mentions(s, Anchor { year, day: None })
        .into_iter()
        .map(|d| (d.text, d.kind, d.iso))
        .collect()
}

#[test]
fn full_partial_blank_and_relative() {
    let g = got(
        "2013年8月20日发布。3月 日，县委召开会议；以7月8日动员大会为标志，2月底完成，今年推进。",
        None,
    );
    let iso: Vec<Option<&str>> = g.iter().map(|x| x.2.as_deref()).collect();
    let kinds: Vec<&str> = g.iter().map(|x| x.1).collect();
    assert_eq!(
        kinds,
        vec!["full", "partial", "partial", "partial", "relative"]
    );
    assert_eq!(
        iso,
        vec![Some("2013-08-20"), None, Some("--07-08"), None, None]
    );
    assert_eq!(g[1].0, "3月 日");
}

/// The anchored search must find exactly what the pattern's own scan of the whole text
/// finds: same matches, same order, none skipped where mentions crowd each other.
#[test]
fn anchored_search_finds_what_the_whole_text_scan_finds() {
    let whole = Regex::new(PATTERN).unwrap();
    let mut texts = vec![
        "2013年12月31日，12月2013年1月今年去年日前近日天天天今天月月年年".to_owned(),
        "112月、3.5月、201月、1月 日、10月   日、2020年底2021年初上旬2月中旬".to_owned(),
        "x月年日天1年2月3日4天2013年今年12月20日号日前明天年末".to_owned(),
    ];
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    for e in std::fs::read_dir(root).unwrap() {
        texts.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    let found_by = [
        Literals::new(&ANCHORS, Prefer::First),
        Literals::automaton(&ANCHORS, Prefer::First),
    ];
    for (t, anchors) in texts
        .iter()
        .flat_map(|t| found_by.iter().map(move |a| (t, a)))
    {
        let want: Vec<(usize, usize)> = whole.find_iter(t).map(|m| (m.start(), m.end())).collect();
        let got: Vec<(usize, usize)> = matches(t, anchors)
            .map(|(at, c)| {
                let m = c.get(0).unwrap();
                (at + m.start(), at + m.end())
            })
            .collect();
        assert!(!want.is_empty());
        assert_eq!(got, want);
    }
}

/// The bug: dates in Chinese numerals, as official documents date themselves, were not
/// found at all (and 二〇三五年 was a metric).
#[test]
fn dates_in_chinese_numerals() {
    let g = got(
        "（二〇二三年十月二十日）本办法自二〇二〇年十月一日起施行，到二〇三五年基本实现，2013年8月20日，二〇二〇年十二月。",
        None,
    );
    let want = [
        ("二〇二三年十月二十日", "full", "2023-10-20"),
        ("二〇二〇年十月一日", "full", "2020-10-01"),
        ("二〇三五年", "full", "2035"),
        ("2013年8月20日", "full", "2013-08-20"),
        ("二〇二〇年十二月", "full", "2020-12"),
    ];
    let got: Vec<(&str, &str, &str)> = g
        .iter()
        .map(|(t, k, i)| (t.as_str(), *k, i.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(got, want);
    // Five digits are no year, nor is a count with 十.
    assert!(got_none("一二三四五年，三十年"));
}

/// The bug: Taiwan's laws date themselves by the Republic's years (民国一百零四年五月一日),
/// which gave no date at all and a metric of 104 years.
#[test]
fn dates_of_the_republic_era() {
    let g = got(
        "中华民国八十八年五月二十七日施行。自民国一百零四年五月一日至一百零五年四月三十日止，民国 101 年 5 月 1 日，民国101年12月，民国九十年。",
        None,
    );
    let want = [
        ("中华民国八十八年五月二十七日", "full", "1999-05-27"),
        ("民国一百零四年五月一日", "full", "2015-05-01"),
        ("一百零五年四月三十日", "full", "2016-04-30"),
        ("民国 101 年 5 月 1 日", "full", "2012-05-01"),
        ("民国101年12月", "full", "2012-12"),
        ("民国九十年", "full", "2001"),
    ];
    let got: Vec<(&str, &str, &str)> = g
        .iter()
        .map(|(t, k, i)| (t.as_str(), *k, i.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(got, want);
    // The era named without a year is no date.
    assert!(got_none("中华民国宪法，民国时期"));
}

fn got_none(s: &str) -> bool {
    date_mentions(s, Anchor::default()).is_empty()
}

#[test]
fn the_documents_year_completes_partial_dates() {
    let g = got("截止4月10日，共发表报道。", Some(2005));
    assert_eq!(g[0].2.as_deref(), Some("2005-04-10"));
}

fn with_day(s: &str, day: &str) -> Vec<(String, &'static str, Option<String>)> {
    let day = Day::parse(day);
    let year = day.map(|d| d.year);
    date_mentions(s, Anchor { year, day })
        .into_iter()
        .map(|d| (d.text, d.kind, d.iso))
        .collect()
}

fn iso_of<'a>(g: &'a [(String, &'static str, Option<String>)], text: &str) -> Option<&'a str> {
    g.iter()
        .find(|m| m.0 == text)
        .unwrap_or_else(|| panic!("{text} not found in {g:?}"))
        .2
        .as_deref()
}

/// The bugs of the dates review: dates without a year took the year of whatever full date the
/// text happened to name (自2021年以来 made a 2024 broadcast's 10月22日 2021-10-22), or none;
/// 今天 and 今年 were never resolved; 去年12月 was 去年 and a 12月 of this year.
#[test]
fn the_day_the_text_speaks_from_dates_what_it_leaves_out() {
    let g = with_day(
        "自2021年以来，生态环境部今天（10月22日）公布，今年1—9月，去年12月，昨天，本月，今天的中国。",
        "2024-10-22",
    );
    assert_eq!(iso_of(&g, "10月22日"), Some("2024-10-22"));
    assert_eq!(iso_of(&g, "今天"), Some("2024-10-22"));
    assert_eq!(iso_of(&g, "去年12月"), Some("2023-12"));
    assert_eq!(iso_of(&g, "昨天"), Some("2024-10-21"));
    assert_eq!(iso_of(&g, "本月"), Some("2024-10"));
    // The present age is no day.
    assert_eq!(
        g.last().map(|m| (m.0.as_str(), m.2.clone())),
        Some(("今天", None))
    );
    // A range of months keeps its year; late months in January are last year's.
    let g = with_day("2022年1—11月，其中，12月同比增长7.7%。", "2024-01-21");
    assert_eq!(iso_of(&g, "11月"), Some("2022-11"));
    assert_eq!(iso_of(&g, "12月"), Some("2023-12"));
}

/// The bugs of the dates review: a day written alone (习近平29日在上海考察) was no date, 16,446
/// times in the news summaries.
#[test]
fn days_written_alone_take_the_month_they_belong_to() {
    let g = with_day(
        "习近平29日在上海考察。拉隆功将于5月16日至17日访华。伊朗将于30日举行选举。",
        "2025-04-29",
    );
    assert_eq!(iso_of(&g, "29日"), Some("2025-04-29"));
    assert_eq!(iso_of(&g, "17日"), Some("2025-05-17"));
    assert_eq!(iso_of(&g, "30日"), Some("2025-04-30"));
    // A day later than the text's, without a word of what is to come, is last month's.
    let g = with_day("美国中央司令部20日称。", "2024-01-05");
    assert_eq!(iso_of(&g, "20日"), Some("2023-12-20"));
    // Spans of days are no dates.
    for s in ["应于30日内提出", "满30日者", "每3日一次", "1日游"] {
        assert!(with_day(s, "2024-01-05").is_empty(), "{s}");
    }
}

/// The bugs of the dates review: Hong Kong's transcripts (2012年 4月 27日) gave three pieces,
/// years before 1900 none, and words that only contain a relative word counted as one.
#[test]
fn spaced_and_old_dates_and_words_that_are_no_time() {
    let g = got(
        "在 2012年 4月 27日提出，1840年鸦片战争，1409年2月15日。",
        None,
    );
    let texts: Vec<&str> = g.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(texts, ["2012年 4月 27日", "1840年", "1409年2月15日"]);
    assert_eq!(g[0].2.as_deref(), Some("2012-04-27"));
    for s in [
        "于开会七日前提出",
        "注明年、月、日",
        "以前年度结余",
        "创造更加美好的明天",
        "登上月球",
        "时至今日",
        "近2000年前",
    ] {
        assert!(got_none(s), "{s}: {:?}", got(s, None));
    }
}

/// The bugs of the dates review: a range sharing its unit (2023—2025年, 1—8月) gave only its
/// closing date; 2013年7月 was partial though its year is written, and 2022年底 no month;
/// 今晚 and 昨晚 were no dates.
#[test]
fn range_openers_written_years_and_evenings() {
    let g = with_day(
        "行动计划（2023—2025年），2022年1—11月，1—8月份，2013年7月，2022年底，今晚播出，昨晚。",
        "2024-10-22",
    );
    let want: Vec<(&str, &str, Option<&str>)> = vec![
        ("2023", "full", Some("2023")),
        ("2025年", "full", Some("2025")),
        ("2022年", "full", Some("2022")),
        ("1", "full", Some("2022-01")),
        ("11月", "partial", Some("2022-11")),
        ("1", "partial", Some("2024-01")),
        ("8月", "partial", Some("2024-08")),
        ("2013年7月", "full", Some("2013-07")),
        ("2022年底", "full", Some("2022-12")),
        ("今晚", "relative", Some("2024-10-22")),
        ("昨晚", "relative", Some("2024-10-21")),
    ];
    let got: Vec<(&str, &str, Option<&str>)> = g
        .iter()
        .map(|(t, k, i)| (t.as_str(), *k, i.as_deref()))
        .collect();
    assert_eq!(got, want);
}

/// The bugs of the dates review: Taiwan's laws go on in the Republic's years without naming
/// the era (…起至七十六年七月十四日止), and months and days in Chinese numerals without a year
/// (每年二月一日, 预计将在四月中旬) were no dates.
#[test]
fn republic_years_without_the_era_and_spelled_month_days() {
    let g = got(
        "自民国三十八年五月二十日起至七十六年七月十四日止，于每年二月一日前送交，七十六年来。",
        Some(2001),
    );
    let want = [
        ("民国三十八年五月二十日", "full", Some("1949-05-20")),
        ("七十六年七月十四日", "full", Some("1987-07-14")),
        ("二月一日", "partial", Some("--02-01")),
    ];
    let got: Vec<(&str, &str, Option<&str>)> = g
        .iter()
        .map(|(t, k, i)| (t.as_str(), *k, i.as_deref()))
        .collect();
    assert_eq!(got, want);
    let g = with_day(
        "预计将在四月中旬全部完成，农历三月初三，十月革命。",
        "2025-03-31",
    );
    let texts: Vec<(&str, Option<&str>)> =
        g.iter().map(|m| (m.0.as_str(), m.2.as_deref())).collect();
    assert_eq!(texts, [("四月中旬", Some("2025-04"))]);
    // Without a 民国 date, a count of years with a month is no date of that era.
    assert!(got_none("七十六年七月十四日"));
}
