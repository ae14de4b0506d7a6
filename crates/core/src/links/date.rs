//! Publication dates from URL shapes, and relative labels between two dates.
//!
//! Shapes read: `/2024/12/10/`, `/2024/dec/10/`, `/2024/12/` (month only), `/20241210/`,
//! `/2024-12-10/`, `20241210-slug`, `slug-20241210-id`, `slug-2024-12-10`, and query
//! parameters (`?date=2024-12-10`). Invariant: every date returned is a real calendar date
//! (month 1–12, day within the month, leap years honoured), as ISO `YYYY-MM-DD`, or `YYYY-MM`
//! when the URL only gives a month.

/// Years accepted as publication years; outside this range a number is an id.
const YEARS: std::ops::RangeInclusive<u32> = 1990..=2099;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A calendar date, possibly month-precision (`day == None`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    pub year: u32,
    pub month: u32,
    pub day: Option<u32>,
}

impl Ymd {
    pub fn new(year: u32, month: u32, day: Option<u32>) -> Option<Ymd> {
        if !YEARS.contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if let Some(d) = day {
            if d < 1 || d > days_in_month(year, month) {
                return None;
            }
        }
        Some(Ymd { year, month, day })
    }

    pub fn iso(&self) -> String {
        match self.day {
            Some(d) => format!("{:04}-{:02}-{:02}", self.year, self.month, d),
            None => format!("{:04}-{:02}", self.year, self.month),
        }
    }

    /// Parse `YYYY-MM-DD` or `YYYY-MM`.
    pub fn parse_iso(s: &str) -> Option<Ymd> {
        let mut parts = s.trim().split('-');
        let year = number(parts.next()?, 4)?;
        let month = number(parts.next()?, 2)?;
        let day = match parts.next() {
            Some(d) => Some(number(d, 2)?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Ymd::new(year, month, day)
    }
}

// `is_multiple_of` is newer than the workspace's minimum Rust version.
#[allow(unknown_lints, clippy::manual_is_multiple_of)]
fn is_leap(y: u32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// All-ASCII-digit string of exactly `len` digits.
fn number(s: &str, len: usize) -> Option<u32> {
    if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// A month given as 1–2 digits or an English month name/abbreviation.
fn month_of(s: &str) -> Option<u32> {
    if !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let lower = s.to_ascii_lowercase();
    let head = lower.get(..3)?;
    let i = MONTHS.iter().position(|m| *m == head)?;
    let is_name = lower.len() == 3
        || crate::dates::MONTHS.get(i).is_some_and(|f| *f == lower)
        || lower == "sept";
    is_name.then_some(i as u32 + 1)
}

fn day_of(s: &str) -> Option<u32> {
    if !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// `YYYYMMDD` as a date.
fn compact(s: &str) -> Option<Ymd> {
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Ymd::new(
        s.get(..4)?.parse().ok()?,
        s.get(4..6)?.parse().ok()?,
        Some(s.get(6..8)?.parse().ok()?),
    )
}

/// Where in the path a date was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub date: Ymd,
    /// Indices of the path segments that are wholly the date (`/2024/12/10/` → three).
    pub whole_segments: std::ops::Range<usize>,
}

/// A date spread over whole path segments or filling one segment.
pub fn in_segments(segments: &[String]) -> Option<Found> {
    for (i, seg) in segments.iter().enumerate() {
        let next = |k: usize| segments.get(i + k).map(String::as_str);
        if let Some(year) = number(seg, 4) {
            if let Some(month) = next(1).and_then(month_of) {
                if let Some(day) = next(2).and_then(day_of) {
                    // A day that does not exist means these numbers are not a date at all.
                    if let Some(date) = Ymd::new(year, month, Some(day)) {
                        return Some(Found {
                            date,
                            whole_segments: i..i + 3,
                        });
                    }
                } else if let Some(date) = Ymd::new(year, month, None) {
                    return Some(Found {
                        date,
                        whole_segments: i..i + 2,
                    });
                }
            }
        }
        let whole = compact(seg)
            .or_else(|| Ymd::parse_iso(seg).filter(|d| d.day.is_some()))
            .or_else(|| compact_month(seg));
        if let Some(date) = whole {
            return Some(Found {
                date,
                whole_segments: i..i + 1,
            });
        }
    }
    None
}

/// `YYYYMM` as a standalone segment (e.g. `/page/202412/1324567.shtml`).
fn compact_month(s: &str) -> Option<Ymd> {
    if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Ymd::new(s.get(..4)?.parse().ok()?, s.get(4..6)?.parse().ok()?, None)
}

/// A date among a slug's tokens (split on `-` and `_`): `YYYYMMDD`, or `YYYY MM DD` in a row.
/// Returns the date and the token range it occupies.
pub fn in_tokens(tokens: &[&str]) -> Option<(Ymd, std::ops::Range<usize>)> {
    for (i, t) in tokens.iter().enumerate() {
        if let Some(d) = compact(t) {
            return Some((d, i..i + 1));
        }
        if let Some(year) = number(t, 4) {
            let month = tokens.get(i + 1).and_then(|m| number(m, 2));
            let day = tokens.get(i + 2).and_then(|d| number(d, 2));
            if let (Some(m), Some(d)) = (month, day) {
                if let Some(date) = Ymd::new(year, m, Some(d)) {
                    return Some((date, i..i + 3));
                }
            }
        }
    }
    None
}

/// Query parameters that carry a publication date.
#[rustfmt::skip]
const DATE_KEYS: &[&str] = &[
    "date", "d", "pubdate", "pub_date", "published", "publish_date", "publishdate", "dt",
];

pub fn in_query(query: &[(String, String)]) -> Option<Ymd> {
    query
        .iter()
        .filter(|(k, _)| DATE_KEYS.contains(&k.as_str()))
        .find_map(|(_, v)| {
            let v = v.trim();
            let head = v.get(..10).unwrap_or(v);
            compact(v)
                .or_else(|| Ymd::parse_iso(head).filter(|d| d.day.is_some()))
                .or_else(|| Ymd::parse_iso(v))
        })
}

/// A month written as a name or abbreviation ("Dec", "December", "Sept."), never a number.
fn month_name(s: &str) -> Option<u32> {
    let t = s.trim_end_matches('.');
    if t.len() < 3 || !t.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    month_of(t)
}

/// A day of the month as written in text: "12", "12th", "1st".
fn text_day(s: &str) -> Option<u32> {
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = s.get(digits.len()..).unwrap_or("").to_ascii_lowercase();
    if !matches!(suffix.as_str(), "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    day_of(digits).filter(|d| (1..=31).contains(d))
}

/// A date written in running text: "Dec 12", "December 12, 2024", "12 December 2024",
/// "2024-12-12". The year is `None` when the text does not give one (wire datelines).
pub fn parse_text_date(s: &str) -> Option<(Option<u32>, u32, u32)> {
    let toks: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    let iso = toks
        .iter()
        .filter_map(|t| Ymd::parse_iso(t.trim_matches(|c: char| !c.is_ascii_digit())));
    if let Some((d, day)) = iso.filter_map(|d| d.day.map(|day| (d, day))).next() {
        return Some((Some(d.year), d.month, day));
    }
    let (mi, month) = toks
        .iter()
        .enumerate()
        .find_map(|(i, t)| month_name(t).map(|m| (i, m)))?;
    let after = mi
        .checked_add(1)
        .and_then(|i| toks.get(i))
        .and_then(|t| text_day(t));
    let before = mi
        .checked_sub(1)
        .and_then(|i| toks.get(i))
        .and_then(|t| text_day(t));
    let day = after.or(before)?;
    let year = toks
        .iter()
        .find_map(|t| number(t, 4))
        .filter(|y| YEARS.contains(y));
    Some((year, month, day))
}

/// The article's own date: the first lead date that parses (its year, when missing, taken as
/// the one that puts it closest to the newest link), else the newest link date.
pub fn article_date<'a>(
    lead_dates: impl IntoIterator<Item = &'a str>,
    link_dates: impl IntoIterator<Item = &'a str>,
) -> Option<Ymd> {
    let newest = link_dates
        .into_iter()
        .filter_map(Ymd::parse_iso)
        .filter(|d| d.day.is_some())
        .max();
    let days = |d: &Ymd| d.day.map(|day| day_number(d.year, d.month, day));
    for text in lead_dates {
        let Some((year, month, day)) = parse_text_date(text) else {
            continue;
        };
        let date = match (year, newest) {
            (Some(y), _) => Ymd::new(y, month, Some(day)),
            (None, Some(n)) => {
                let target = days(&n).unwrap_or_default();
                [n.year.saturating_sub(1), n.year, n.year + 1]
                    .into_iter()
                    .filter_map(|y| Ymd::new(y, month, Some(day)))
                    .min_by_key(|d| (days(d).unwrap_or_default() - target).abs())
            }
            (None, None) => None,
        };
        if date.is_some() {
            return date;
        }
    }
    newest
}

/// Days since 1970-01-01 (proleptic Gregorian), for day-precision dates.
fn day_number(y: u32, m: u32, d: u32) -> i64 {
    // Howard Hinnant's days_from_civil.
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn count_words(n: i64, unit: &str) -> String {
    const WORDS: [&str; 13] = [
        "zero", "a", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    let count = usize::try_from(n)
        .ok()
        .and_then(|i| WORDS.get(i))
        .map(|w| w.to_string())
        .unwrap_or(n.to_string());
    if n == 1 {
        format!("{count} {unit}")
    } else {
        format!("{count} {unit}s")
    }
}

/// How `link_date` relates to `article_date` ("two days earlier", "same day", "a week later").
/// Both are ISO `YYYY-MM-DD` or `YYYY-MM`; `None` if either does not parse.
pub fn relative_label(link_date: &str, article_date: &str) -> Option<String> {
    let link = Ymd::parse_iso(link_date)?;
    let art = Ymd::parse_iso(article_date)?;
    let (amount, unit) = match (link.day, art.day) {
        (Some(ld), Some(ad)) => {
            let diff = day_number(art.year, art.month, ad) - day_number(link.year, link.month, ld);
            let n = diff.abs();
            if n == 0 {
                return Some("same day".to_string());
            }
            let (amount, unit) = match n {
                1..=13 => (n, "day"),
                14..=59 => (n / 7, "week"),
                60..=364 => (n / 30, "month"),
                _ => (n / 365, "year"),
            };
            (amount * diff.signum(), unit)
        }
        _ => {
            let months = |d: Ymd| i64::from(d.year) * 12 + i64::from(d.month);
            let diff = months(art) - months(link);
            if diff == 0 {
                return Some("same month".to_string());
            }
            if diff.abs() >= 12 {
                ((diff.abs() / 12) * diff.signum(), "year")
            } else {
                (diff, "month")
            }
        }
    };
    let words = count_words(amount.abs(), unit);
    Some(if amount > 0 {
        format!("{words} earlier")
    } else {
        format!("{words} later")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(path: &str) -> Vec<String> {
        path.split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn dates_in_segments() {
        let cases: &[(&str, Option<&str>)] = &[
            ("news/mena/2024/12/10/slug", Some("2024-12-10")),
            ("2024/12/10/world/slug.html", Some("2024-12-10")),
            ("world/2024/dec/10/slug", Some("2024-12-10")),
            ("world/2024/Sept/3/slug", Some("2024-09-03")),
            ("originals/2024/12/slug", Some("2024-12")),
            ("news/20241210/slug", Some("20241210").map(|_| "2024-12-10")),
            ("story/2024-12-10/slug", Some("2024-12-10")),
            ("page/202412/1324567.shtml", Some("2024-12")),
            ("news/2024/02/30/slug", None),
            ("news/2024/02/29/slug", Some("2024-02-29")),
            ("news/2023/02/29/slug", None),
            ("news/2024/13/01/slug", None),
            ("node/2582341/middle-east", None),
            ("news/1234/05/06/x", None),
            ("news/20241310/slug", None),
            ("", None),
        ];
        for (path, want) in cases {
            let got = in_segments(&segs(path)).map(|f| f.date.iso());
            assert_eq!(got.as_deref(), *want, "{path}");
        }
    }

    #[test]
    fn dates_in_tokens_and_query() {
        let cases: &[(&str, Option<&str>)] = &[
            ("20241210-syria-rebels", Some("2024-12-10")),
            ("syria-rebels-20241210-p5kx1a", Some("2024-12-10")),
            ("qatar-opens-contact-2024-12-10", Some("2024-12-10")),
            ("election-2024-results", None),
            ("a-2024-13-40", None),
        ];
        for (slug, want) in cases {
            let toks: Vec<&str> = slug.split(['-', '_']).collect();
            assert_eq!(
                in_tokens(&toks).map(|(d, _)| d.iso()).as_deref(),
                *want,
                "{slug}"
            );
        }
        let q = |k: &str, v: &str| vec![(k.to_string(), v.to_string())];
        assert_eq!(
            in_query(&q("date", "2024-12-10"))
                .map(|d| d.iso())
                .as_deref(),
            Some("2024-12-10")
        );
        assert_eq!(
            in_query(&q("pubdate", "20241209"))
                .map(|d| d.iso())
                .as_deref(),
            Some("2024-12-09")
        );
        assert_eq!(
            in_query(&q("published", "2024-12-08T10:00:00Z"))
                .map(|d| d.iso())
                .as_deref(),
            Some("2024-12-08")
        );
        assert_eq!(in_query(&q("id", "20241209")), None);
        assert_eq!(in_query(&q("date", "2024-02-31")), None);
    }

    #[test]
    fn text_dates() {
        type Parsed = Option<(Option<u32>, u32, u32)>;
        let cases: &[(&str, Parsed)] = &[
            ("Dec 12", Some((None, 12, 12))),
            ("Sept. 3", Some((None, 9, 3))),
            ("December 10, 2024", Some((Some(2024), 12, 10))),
            ("10 December 2024", Some((Some(2024), 12, 10))),
            ("March 3rd", Some((None, 3, 3))),
            ("2024-12-10", Some((Some(2024), 12, 10))),
            ("Tuesday", None),
            ("12 may", Some((None, 5, 12))),
            ("last year", None),
            ("Dec 45", None),
            (
                "Updated (2024-12-11) from 2024-12",
                Some((Some(2024), 12, 11)),
            ),
            (
                "MUSCAT, Dec 12 (Reuters) - Oman hosted",
                Some((None, 12, 12)),
            ),
            ("In March 2011, protests began", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_text_date(text), *want, "{text}");
        }
        let iso = |d: Option<Ymd>| d.map(|d| d.iso());
        // A dateline without a year takes the year that puts it nearest the links.
        assert_eq!(
            iso(article_date(["Dec 12"], ["2024-12-10", "2024-12-09"])).as_deref(),
            Some("2024-12-12")
        );
        assert_eq!(
            iso(article_date(["Jan 2"], ["2024-12-30"])).as_deref(),
            Some("2025-01-02")
        );
        assert_eq!(
            iso(article_date(["Tuesday", "Dec 12, 2023"], ["2024-12-10"])).as_deref(),
            Some("2023-12-12")
        );
        assert_eq!(iso(article_date(["Dec 12"], [])), None);
        assert_eq!(
            iso(article_date([], ["2024-12-10", "2024-12", "x"])).as_deref(),
            Some("2024-12-10")
        );
        assert_eq!(
            iso(article_date(["Feb 29"], ["2023-03-01"])).as_deref(),
            Some("2024-02-29")
        );
    }

    #[test]
    fn relative_labels() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("2024-12-08", "2024-12-10", Some("two days earlier")),
            ("2024-12-09", "2024-12-10", Some("a day earlier")),
            ("2024-12-10", "2024-12-10", Some("same day")),
            ("2024-12-11", "2024-12-10", Some("a day later")),
            ("2024-11-26", "2024-12-10", Some("two weeks earlier")),
            ("2024-02-28", "2024-03-01", Some("two days earlier")),
            ("2023-12-10", "2024-12-10", Some("a year earlier")),
            ("2024-09-10", "2024-12-10", Some("three months earlier")),
            ("2024-12", "2024-12-10", Some("same month")),
            ("2024-10", "2024-12-10", Some("two months earlier")),
            ("2021-10", "2024-12", Some("three years earlier")),
            ("2024-12-10", "not a date", None),
            ("2024-13-01", "2024-12-10", None),
        ];
        for (link, art, want) in cases {
            assert_eq!(
                relative_label(link, art).as_deref(),
                *want,
                "{link} vs {art}"
            );
        }
    }
}
