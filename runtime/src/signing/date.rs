//! `X-Sdk-Date` values: UTC in the basic ISO 8601 form `YYYYMMDDTHHMMSSZ`.
//!
//! The conversion is the classic days-from-civil arithmetic (H. Hinnant); it is a few lines and
//! saves a date-time dependency for one fixed format.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

const SECONDS_PER_DAY: u64 = 86_400;

/// A calendar moment in UTC, to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SdkDate {
    year: u32,
    month: u32,
    day: u32,
    seconds_of_day: u32,
}

impl SdkDate {
    /// The UTC date of `time`; `None` before 1970 or after year 9999 (not representable).
    pub(crate) fn from_system_time(time: SystemTime) -> Option<Self> {
        let seconds = time.duration_since(UNIX_EPOCH).ok()?.as_secs();
        let (year, month, day) = civil_from_days(seconds / SECONDS_PER_DAY);
        let seconds_of_day = u32::try_from(seconds % SECONDS_PER_DAY).ok()?;
        (year <= 9999).then_some(Self { year, month, day, seconds_of_day })
    }

    /// Parses `YYYYMMDDTHHMMSSZ`, rejecting impossible dates and times.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        if !text.is_ascii() || bytes.len() != 16 || bytes[8] != b'T' || bytes[15] != b'Z' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            let digits = &text[range];
            if !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            digits.parse().ok()
        };
        let (year, month, day) = (number(0..4)?, number(4..6)?, number(6..8)?);
        let (hour, minute, second) = (number(9..11)?, number(11..13)?, number(13..15)?);
        let valid = year >= 1970
            && (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day)
            && hour < 24
            && minute < 60
            && second < 60;
        valid.then_some(Self {
            year,
            month,
            day,
            seconds_of_day: hour * 3600 + minute * 60 + second,
        })
    }

    /// The moment as a `SystemTime`.
    pub(crate) fn to_system_time(self) -> SystemTime {
        let days = days_from_civil(self.year, self.month, self.day);
        UNIX_EPOCH + Duration::from_secs(days * SECONDS_PER_DAY + u64::from(self.seconds_of_day))
    }

    /// `YYYYMMDD`, the date part used in a derived-signing credential scope.
    pub(crate) fn day_stamp(self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }
}

impl SdkDate {
    /// `YYYYMMDDTHHMMSSZ` as bytes on the stack: formatting through `fmt` showed up in signing
    /// profiles, and the signer needs the text twice per request.
    pub(crate) fn to_basic(self) -> BasicDate {
        let mut text = *b"00000000T000000Z";
        let mut put = |at: usize, digits: usize, mut value: u32| {
            for slot in text[at..at + digits].iter_mut().rev() {
                // `value % 10` is a single digit.
                *slot = b'0' + (value % 10) as u8;
                value /= 10;
            }
        };
        put(0, 4, self.year);
        put(4, 2, self.month);
        put(6, 2, self.day);
        put(9, 2, self.seconds_of_day / 3600);
        put(11, 2, self.seconds_of_day / 60 % 60);
        put(13, 2, self.seconds_of_day % 60);
        BasicDate(text)
    }
}

/// The text of an [`SdkDate`], `YYYYMMDDTHHMMSSZ`.
#[derive(Clone, Copy)]
pub(crate) struct BasicDate([u8; 16]);

impl BasicDate {
    /// The date as text.
    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII digits, `T` and `Z` are ever written.
        std::str::from_utf8(&self.0).unwrap_or_else(|_| unreachable!("the date is ASCII"))
    }
}

impl std::fmt::Display for SdkDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.to_basic().as_str())
    }
}

fn is_leap(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 → (year, month, day), for dates on or after the epoch.
fn civil_from_days(days: u64) -> (u32, u32, u32) {
    // Shift the epoch to 0000-03-01 so leap days fall at the end of each 400-year era.
    let shifted = days + 719_468;
    let era = shifted / 146_097;
    let day_of_era = shifted % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (u32::try_from(year).unwrap_or(u32::MAX), month as u32, day as u32)
}

/// (year, month, day) on or after 1970-01-01 → days since the epoch.
fn days_from_civil(year: u32, month: u32, day: u32) -> u64 {
    let year = u64::from(if month <= 2 { year - 1 } else { year });
    let (month, day) = (u64::from(month), u64::from(day));
    let era = year / 400;
    let year_of_era = year % 400;
    let month_index = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_moments() {
        let at = |seconds: u64| {
            SdkDate::from_system_time(UNIX_EPOCH + Duration::from_secs(seconds)).unwrap()
        };
        assert_eq!(at(0).to_string(), "19700101T000000Z");
        assert_eq!(at(951_782_400).to_string(), "20000229T000000Z");
        assert_eq!(at(1_700_000_000).to_string(), "20231114T221320Z");
        assert_eq!(at(4_102_444_799).to_string(), "20991231T235959Z");
    }

    #[test]
    fn parse_round_trips_every_day_for_centuries() {
        for day in (0..200_000u64).step_by(37) {
            let time = UNIX_EPOCH + Duration::from_secs(day * SECONDS_PER_DAY + 3_723);
            let date = SdkDate::from_system_time(time).unwrap();
            assert_eq!(SdkDate::parse(&date.to_string()), Some(date));
            assert_eq!(date.to_system_time(), time);
        }
    }

    #[test]
    fn parse_rejects_impossible_values() {
        for bad in [
            "",
            "20230229T000000Z",
            "20231301T000000Z",
            "20230101T240000Z",
            "20230101 000000Z",
            "2023010AT000000Z",
            "19691231T235959Z",
            "20230101T000000",
            "+2023010T000000Z",
        ] {
            assert_eq!(SdkDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn before_epoch_is_not_representable() {
        assert_eq!(SdkDate::from_system_time(UNIX_EPOCH - Duration::from_secs(1)), None);
    }
}
