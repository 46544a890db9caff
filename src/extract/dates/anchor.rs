//! The document's own date, as `date_mentions` reads it: the year that completes dates written
//! without one (4月10日), and the day that 今天, 昨天 and 今年 are counted from.

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Day {
    /// `YYYY-MM-DD`.
    pub fn parse(iso: &str) -> Option<Day> {
        let mut parts = iso.splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts
            .next()?
            .parse()
            .ok()
            .filter(|m| (1..=12).contains(m))?;
        let day = parts.next()?.parse().ok()?;
        (1..=days_in(year, month))
            .contains(&day)
            .then_some(Day { year, month, day })
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The day `by` days later (earlier where negative), for the few days 前天 … 后天 reach.
    pub fn shifted(self, by: i32) -> Day {
        let mut d = self;
        for _ in 0..by.unsigned_abs() {
            d = if by > 0 { d.next() } else { d.previous() };
        }
        d
    }

    fn next(self) -> Day {
        match (self.day < days_in(self.year, self.month), self.month) {
            (true, _) => Day {
                day: self.day + 1,
                ..self
            },
            (false, 12) => Day {
                year: self.year + 1,
                month: 1,
                day: 1,
            },
            (false, m) => Day {
                month: m + 1,
                day: 1,
                ..self
            },
        }
    }

    fn previous(self) -> Day {
        match (self.day > 1, self.month) {
            (true, _) => Day {
                day: self.day - 1,
                ..self
            },
            (false, 1) => Day {
                year: self.year - 1,
                month: 12,
                day: 31,
            },
            (false, m) => Day {
                month: m - 1,
                day: days_in(self.year, m - 1),
                ..self
            },
        }
    }
}

fn days_in(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// What a document lends its dates: its year, and the day it speaks from where known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Anchor {
    pub year: Option<i32>,
    pub day: Option<Day>,
}

impl Anchor {
    /// The year of a date written with its month but no year. A text of January or February
    /// that names October to December speaks of last year's months (其中，12月同比增长7.7%
    /// in a report of 21 January); no rule goes the other way, as 2月 in December is as often
    /// this year's.
    pub fn year_of_month(&self, month: u32) -> Option<i32> {
        match self.day {
            Some(d) if d.month <= 2 && month >= 10 && self.year == Some(d.year) => Some(d.year - 1),
            _ => self.year,
        }
    }

    /// The ISO form of a relative word, where the document's date settles it: 今年 → `YYYY`,
    /// 昨天 → the day before, 本月 → `YYYY-MM`. Words that point back into the text (当天,
    /// 次日) or only near the day (近日, 日前), and 上月, whose month is the reported figures'
    /// (较上月上升) rather than the speaker's, stay unresolved.
    pub fn relative(&self, word: &str) -> Option<String> {
        if let Some(y) = self.offset_year(word) {
            return Some(format!("{y:04}"));
        }
        let days = |by: i32| self.day.map(|d| d.shifted(by).iso());
        match word {
            "今天" | "今日" | "今晚" => days(0),
            "昨天" | "昨日" | "昨晚" => days(-1),
            "明天" | "明日" => days(1),
            "前天" => days(-2),
            "后天" => days(2),
            "本月" => self.day.map(|d| format!("{:04}-{:02}", d.year, d.month)),
            _ => None,
        }
    }

    /// The year a relative year word names: 今年 0, 去年 −1, 明年 +1, 前年 −2.
    pub fn offset_year(&self, word: &str) -> Option<i32> {
        let by = match word {
            "今年" => 0,
            "去年" => -1,
            "明年" => 1,
            "前年" => -2,
            _ => return None,
        };
        self.year.map(|y| y + by)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(iso: &str) -> Day {
        Day::parse(iso).expect("a valid day")
    }

    #[test]
    fn days_shift_across_months_years_and_leap_days() {
        assert_eq!(day("2024-03-01").shifted(-1).iso(), "2024-02-29");
        assert_eq!(day("2023-03-01").shifted(-1).iso(), "2023-02-28");
        assert_eq!(day("2023-12-31").shifted(1).iso(), "2024-01-01");
        assert_eq!(day("2024-01-01").shifted(-2).iso(), "2023-12-30");
        assert_eq!(day("2024-04-30").shifted(2).iso(), "2024-05-02");
        assert!(Day::parse("2023-02-29").is_none());
        assert!(Day::parse("2023-13-01").is_none());
    }

    #[test]
    fn relative_words_resolve_from_the_day_the_text_speaks() {
        let a = Anchor {
            year: Some(2024),
            day: Some(day("2024-10-22")),
        };
        assert_eq!(a.relative("今天").as_deref(), Some("2024-10-22"));
        assert_eq!(a.relative("昨天").as_deref(), Some("2024-10-21"));
        assert_eq!(a.relative("去年").as_deref(), Some("2023"));
        assert_eq!(a.relative("本月").as_deref(), Some("2024-10"));
        for word in ["当天", "近日", "日前", "上月", "次日"] {
            assert_eq!(a.relative(word), None, "{word}");
        }
        // A year alone (a report's title) settles the years, not the days.
        let y = Anchor {
            year: Some(2026),
            day: None,
        };
        assert_eq!(y.relative("今年").as_deref(), Some("2026"));
        assert_eq!(y.relative("今天"), None);
    }

    #[test]
    fn late_months_in_january_are_last_years() {
        let a = Anchor {
            year: Some(2024),
            day: Some(day("2024-01-21")),
        };
        assert_eq!(a.year_of_month(12), Some(2023));
        assert_eq!(a.year_of_month(1), Some(2024));
        let december = Anchor {
            year: Some(2023),
            day: Some(day("2023-12-11")),
        };
        assert_eq!(december.year_of_month(2), Some(2023));
    }
}
