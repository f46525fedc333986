//! How numbers, lengths of time and dates read, for the CLI and the window alike: one
//! family, so "7 days" or "Fri 28 Nov 14:03" is written the same way everywhere.
//!
//! - sizes: [`human_size`], [`parse_size`], [`count`]
//! - a count and its noun: [`counted`] ("1 file", "2 files"), [`plural`] (the noun alone)
//! - lengths of time: [`duration_exact`] (a chosen length: "90 seconds", "7 days"),
//!   [`duration_words`] (to the minute: "2 hours 30 minutes"), [`duration_approx`]
//!   (measured, one unit: "3 minutes"), [`expires_in_words`] (a badge: "expires in 3 h");
//!   a transfer's time left ("12 min") is `i18n::locale_format::duration_short`, the window's
//! - dates, in this computer's time zone: [`local_day_time`] ("Fri 28 Nov 14:03"),
//!   [`until_in`] ("Fri 28 Nov 14:03 (in 7 days)"), [`local_short`] (a table column),
//!   [`local_stamp`] ("2026-11-28 14:03", sortable, for the CLI's tables)

use chrono::{DateTime, Datelike, Local, Utc};

/// "0 B", "812 B", "4.2 MB", "1.0 GB" (decimal units, as file managers show them).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KB", "MB", "GB", "TB", "PB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    #[allow(clippy::cast_precision_loss)]
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if value >= 100.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// Parses sizes like `5MiB`, `16M`, `64MB`, `1GiB` or a number of bytes (binary units:
/// part sizes are powers of two in practice).
pub fn parse_size(text: &str) -> crate::Result<u64> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let bad = || {
        crate::Error::invalid(
            "size",
            format!("\"{text}\" is not a size; use for example 8MiB, 64MiB or 1GiB"),
        )
    };
    let n: u64 = number.parse().map_err(|_| bad())?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(bad()),
    };
    n.checked_mul(factor).ok_or_else(bad)
}

/// The noun for `n` things: `one` for exactly 1, `many` otherwise (also for 0).
///
/// The one place the window and the CLI choose between the two forms, English rules only;
/// a message catalogue with each language's plural rules can replace it.
pub fn plural<'a>(n: u64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// "1 file", "12 files", "1 000 files", "0 links": a count and its noun (see [`plural`]),
/// thousands grouped as in [`count`].
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        count(n),
        plural(u64::try_from(n).unwrap_or(u64::MAX), one, many)
    )
}

/// "1 day", "2 days", "0 seconds": a length of time in one unit (never grouped).
fn units<N: TryInto<u64> + Copy + std::fmt::Display>(n: N, unit: &str) -> String {
    let many = format!("{unit}s");
    // Negative or huge values are never 1: the plural.
    let forms = n.try_into().unwrap_or(u64::MAX);
    format!("{n} {}", plural(forms, unit, &many))
}

/// "1 file", "12 files", "1 000 files".
pub fn files_count(n: usize) -> String {
    counted(n, "file", "files")
}

/// "1 000" or "100 000": counts with a narrow no-break space between thousands.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// A chosen length, exactly, in its largest whole unit: "7 days", "1 hour", "90 seconds".
pub fn duration_exact(secs: u64) -> String {
    if secs.is_multiple_of(86_400) && secs > 0 {
        units(secs / 86_400, "day")
    } else if secs.is_multiple_of(3600) && secs > 0 {
        units(secs / 3600, "hour")
    } else if secs.is_multiple_of(60) && secs > 0 {
        units(secs / 60, "minute")
    } else {
        units(secs, "second")
    }
}

/// A length of time in round words, for differences that are measured rather than
/// chosen: "45 seconds", "3 minutes", "2 hours", "3 days".
pub fn duration_approx(secs: u64) -> String {
    let rounded = |unit: u64| secs.saturating_add(unit / 2) / unit;
    if secs < 90 {
        units(secs, "second")
    } else if secs < 90 * 60 {
        units(rounded(60), "minute")
    } else if secs < 48 * 3600 {
        units(rounded(3600), "hour")
    } else {
        units(rounded(86_400), "day")
    }
}

/// "7 days", "1 hour", "2 hours 30 minutes", "45 seconds": a duration in words, rounded
/// to the minute above one minute; at most two units. Negative lengths read as 0 seconds.
pub fn duration_words(secs: i64) -> String {
    let secs = secs.max(0);
    if secs < 60 {
        return units(secs, "second");
    }
    let minutes = secs.saturating_add(30) / 60;
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    match (days, hours, mins) {
        (0, 0, m) => units(m, "minute"),
        (0, h, 0) => units(h, "hour"),
        (0, h, m) => format!("{} {}", units(h, "hour"), units(m, "minute")),
        (d, 0, _) => units(d, "day"),
        (d, h, _) => format!("{} {}", units(d, "day"), units(h, "hour")),
    }
}

/// A history badge: "expires in 3 h", "expires in 12 min", "expires in 2 days", "expired".
pub fn expires_in_words(expires_at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (expires_at - now).num_seconds();
    if secs <= 0 {
        return "expired".to_owned();
    }
    let hours = secs.saturating_add(1800) / 3600;
    let text = match secs {
        0..60 => format!("{secs} s"),
        60..3600 => format!("{} min", secs / 60),
        _ if hours < 24 => format!("{hours} h"),
        _ => units(secs.saturating_add(43_200) / 86_400, "day"),
    };
    format!("expires in {text}")
}

/// "Fri 28 Nov 14:03" in this computer's time zone (the year too when it is not this
/// year's): until when a link works, in the window and the CLI.
pub fn local_day_time(t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&Local);
    if local.year() == Local::now().year() {
        local.format("%a %-d %b %H:%M").to_string()
    } else {
        local.format("%a %-d %b %Y %H:%M").to_string()
    }
}

/// "Fri 4 Dec, 17:36 CET": a moment in this computer's time zone, named, for text read
/// elsewhere (an email), so a recipient in another zone knows when the link ends. The
/// zone is `TZ` or the system's; without a known name, its offset ("UTC+05:30").
pub fn local_day_time_zoned(t: DateTime<Utc>) -> String {
    match mail_zone() {
        Some(zone) => day_time_in(t, &zone, "%Z"),
        None => day_time_in(t, &Local, "UTC%:z"),
    }
}

/// This computer's named time zone: `TZ`, else the system's; `None` when it has no known
/// name (then only its offset can be given).
pub(crate) fn mail_zone() -> Option<chrono_tz::Tz> {
    std::env::var("TZ")
        .ok()
        .map(|tz| tz.trim_start_matches(':').to_owned())
        .or_else(|| iana_time_zone::get_timezone().ok())
        .and_then(|name| name.parse::<chrono_tz::Tz>().ok())
}

fn day_time_in<Z: chrono::TimeZone>(t: DateTime<Utc>, zone: &Z, zone_format: &str) -> String
where
    Z::Offset: std::fmt::Display,
{
    let local = t.with_timezone(zone);
    let now = Utc::now().with_timezone(zone);
    let day = if local.year() == now.year() {
        "%a %-d %b"
    } else {
        "%a %-d %b %Y"
    };
    local
        .format(&format!("{day}, %H:%M {zone_format}"))
        .to_string()
}

/// "Fri 28 Nov 14:03 (in 7 days)": a moment and how far away it is.
pub fn until_in(at: DateTime<Utc>, secs_left: i64) -> String {
    format!("{} (in {})", local_day_time(at), duration_words(secs_left))
}

/// Short local date for a Modified column: "12 Oct 14:03" this year, "12 Oct 2024" before.
pub fn local_short(t: DateTime<Utc>, this_year: i32) -> String {
    let local = t.with_timezone(&Local);
    if local.year() == this_year {
        local.format("%-d %b %H:%M").to_string()
    } else {
        local.format("%-d %b %Y").to_string()
    }
}

/// "2026-11-28 14:03", local time: sortable, for the CLI's tables.
pub fn local_stamp(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_times_name_their_zone() {
        let t: DateTime<Utc> = "2026-12-04T16:36:00Z".parse().unwrap();
        assert_eq!(
            day_time_in(t, &chrono_tz::Europe::Berlin, "%Z"),
            "Fri 4 Dec, 17:36 CET"
        );
        assert_eq!(
            day_time_in(t, &chrono_tz::America::New_York, "%Z"),
            "Fri 4 Dec, 11:36 EST"
        );
        let summer: DateTime<Utc> = "2026-07-03T16:36:00Z".parse().unwrap();
        assert_eq!(
            day_time_in(summer, &chrono_tz::Europe::Berlin, "%Z"),
            "Fri 3 Jul, 18:36 CEST"
        );
        let offset = chrono::FixedOffset::east_opt(5 * 3600 + 1800).unwrap();
        assert_eq!(
            day_time_in(t, &offset, "UTC%:z"),
            "Fri 4 Dec, 22:06 UTC+05:30"
        );
        let later: DateTime<Utc> = "2031-01-03T08:00:00Z".parse().unwrap();
        assert_eq!(
            day_time_in(later, &chrono_tz::UTC, "%Z"),
            "Fri 3 Jan 2031, 08:00 UTC"
        );
    }

    #[test]
    fn sizes() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(999), "999 B");
        assert_eq!(human_size(1000), "1.0 KB");
        assert_eq!(human_size(4_200_000), "4.2 MB");
        assert_eq!(human_size(250_000_000), "250 MB");
        assert_eq!(human_size(1_000_000_000_000), "1.0 TB");
    }

    #[test]
    fn approximate_durations() {
        assert_eq!(duration_approx(1), "1 second");
        assert_eq!(duration_approx(45), "45 seconds");
        assert_eq!(duration_approx(90), "2 minutes");
        assert_eq!(duration_approx(61 * 60), "61 minutes");
        assert_eq!(duration_approx(7199), "2 hours");
        assert_eq!(duration_approx(3 * 86_400 + 5), "3 days");
        assert_eq!(duration_approx(u64::MAX), "213503982334601 days");
    }

    #[test]
    fn exact_durations() {
        assert_eq!(duration_exact(604_800), "7 days");
        assert_eq!(duration_exact(86_400), "1 day");
        assert_eq!(duration_exact(3600), "1 hour");
        assert_eq!(duration_exact(900), "15 minutes");
        assert_eq!(duration_exact(90), "90 seconds");
        assert_eq!(duration_exact(1), "1 second");
        assert_eq!(duration_exact(0), "0 seconds");
    }

    #[test]
    fn durations_in_words() {
        assert_eq!(duration_words(604_800), "7 days");
        assert_eq!(duration_words(604_799), "7 days");
        assert_eq!(duration_words(86_400), "1 day");
        assert_eq!(duration_words(3600), "1 hour");
        assert_eq!(duration_words(900), "15 minutes");
        assert_eq!(duration_words(9000), "2 hours 30 minutes");
        assert_eq!(duration_words(90_000), "1 day 1 hour");
        assert_eq!(duration_words(42), "42 seconds");
        assert_eq!(duration_words(-5), "0 seconds");
        // Once overflowed (secs + 30).
        assert!(duration_words(i64::MAX).contains(" days"));
    }

    #[test]
    fn badges_in_words() {
        let now = Utc::now();
        let at = |secs| now + chrono::Duration::seconds(secs);
        assert_eq!(expires_in_words(at(-5), now), "expired");
        assert_eq!(expires_in_words(at(0), now), "expired");
        assert_eq!(expires_in_words(at(30), now), "expires in 30 s");
        assert_eq!(expires_in_words(at(3 * 3600 - 20), now), "expires in 3 h");
        assert_eq!(expires_in_words(at(15 * 60), now), "expires in 15 min");
        assert_eq!(expires_in_words(at(7 * 86_400), now), "expires in 7 days");
        assert_eq!(expires_in_words(at(86_400), now), "expires in 1 day");
    }

    #[test]
    fn counts_and_their_nouns_agree() {
        assert_eq!(counted(1, "file", "files"), "1 file");
        assert_eq!(counted(0, "file", "files"), "0 files");
        assert_eq!(counted(2, "link", "links"), "2 links");
        assert_eq!(counted(1000, "item", "items"), "1\u{202f}000 items");
        assert_eq!(counted(1, "entry", "entries"), "1 entry");
        assert_eq!(counted(3, "entry", "entries"), "3 entries");
        assert_eq!(plural(1, "header", "headers"), "header");
        assert_eq!(plural(0, "header", "headers"), "headers");
        assert_eq!(files_count(1), "1 file");
        assert_eq!(files_count(2), "2 files");
        // Lengths of time take the same rule: "1 day", never "1 days".
        assert_eq!(duration_words(86_400 + 3600), "1 day 1 hour");
        assert_eq!(duration_words(60), "1 minute");
        assert_eq!(duration_approx(1), "1 second");
        assert_eq!(duration_exact(60), "1 minute");
        assert_eq!(units(-1i64, "second"), "-1 seconds");
    }

    #[test]
    fn counts_group_thousands() {
        assert_eq!(count(7), "7");
        assert_eq!(count(1000), "1\u{202f}000");
        assert_eq!(count(100_000), "100\u{202f}000");
        assert_eq!(count(1_234_567), "1\u{202f}234\u{202f}567");
    }

    #[test]
    fn dates_read_the_same_everywhere() {
        let now = Utc::now();
        let this_year = now.with_timezone(&Local).year();
        let day_time = local_day_time(now);
        // "Fri 28 Nov 14:03": weekday, day, month, time; no year this year.
        assert_eq!(day_time.split(' ').count(), 4, "{day_time}");
        assert!(!day_time.contains(&this_year.to_string()), "{day_time}");
        let long_ago = "2001-02-03T04:05:06Z".parse().unwrap();
        assert!(local_day_time(long_ago).contains("2001"));
        assert!(local_short(long_ago, this_year).contains("2001"));
        assert_eq!(local_stamp(long_ago).len(), "2001-02-03 04:05".len());
        let until = until_in(now, 7 * 86_400);
        assert!(
            until.starts_with(&day_time) && until.ends_with(" (in 7 days)"),
            "{until}"
        );
    }

    /// Every "N unit" in `text` agrees in number: "1 day", "2 days", never "1 days".
    fn plurals_agree(text: &str) -> bool {
        let words: Vec<&str> = text.split_whitespace().collect();
        words.windows(2).all(|pair| {
            let Ok(n) = pair[0].parse::<u64>() else {
                return true;
            };
            let unit = pair[1].trim_end_matches(')');
            if !["second", "minute", "hour", "day"].contains(&unit.trim_end_matches('s')) {
                return true;
            }
            (n == 1) != unit.ends_with('s')
        })
    }

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("16MiB").unwrap(), 16 << 20);
        assert_eq!(parse_size("5M").unwrap(), 5 << 20);
        assert_eq!(parse_size("1GiB").unwrap(), 1 << 30);
        assert_eq!(parse_size("1024").unwrap(), 1024);
        assert!(parse_size("lots").is_err());
        assert!(parse_size("99999999999999GiB").is_err());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        const UNITS: [(&str, u64); 10] = [
            ("", 1),
            ("b", 1),
            ("K", 1 << 10),
            ("KiB", 1 << 10),
            ("m", 1 << 20),
            ("MB", 1 << 20),
            ("MiB", 1 << 20),
            ("G", 1 << 30),
            ("gb", 1 << 30),
            ("GiB", 1 << 30),
        ];

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4000))]

            #[test]
            fn parsing_anything_never_panics(text in any::<String>()) {
                if let Err(e) = parse_size(&text) {
                    prop_assert!(matches!(e, crate::Error::InvalidInput { field: "size", .. }), "{:?}", e);
                }
            }

            #[test]
            fn numbers_with_units(n in any::<u64>(), unit in 0..UNITS.len(), spaced in any::<bool>()) {
                let (name, factor) = UNITS[unit];
                let text = if spaced { format!(" {n} {name} ") } else { format!("{n}{name}") };
                match n.checked_mul(factor) {
                    Some(bytes) => prop_assert_eq!(parse_size(&text).unwrap(), bytes),
                    None => prop_assert!(parse_size(&text).is_err()),
                }
            }

            #[test]
            fn human_sizes_are_short_and_end_with_a_unit(bytes in any::<u64>()) {
                let text = human_size(bytes);
                prop_assert!(text.len() <= 8, "{}", text);
                prop_assert!(["B", "KB", "MB", "GB", "TB", "PB"].iter().any(|u| text.ends_with(&format!(" {u}"))), "{}", text);
            }

            #[test]
            fn approximate_durations_never_panic(secs in any::<u64>()) {
                let text = duration_approx(secs);
                prop_assert!(text.starts_with(|c: char| c.is_ascii_digit()), "{}", text);
                prop_assert!(plurals_agree(&text), "{}", text);
            }

            #[test]
            fn durations_never_panic_and_plurals_agree(secs in any::<i64>(), unsigned in any::<u64>()) {
                for text in [
                    duration_words(secs),
                    duration_exact(unsigned),
                    crate::i18n::locale_format::duration_short(unsigned),
                    duration_approx(unsigned),
                ] {
                    prop_assert!(!text.is_empty());
                    prop_assert!(plurals_agree(&text), "{}", text);
                }
            }

            #[test]
            fn whole_units_read_exactly(n in 1u64..10_000, unit in 0usize..4) {
                let (secs, name) = [(1, "second"), (60, "minute"), (3600, "hour"), (86_400, "day")][unit];
                let text = duration_exact(n * secs);
                // The largest whole unit: 120 s is "2 minutes", 86 400 s "1 day".
                prop_assert!(plurals_agree(&text), "{}", text);
                if unit == 3 || n % [60, 60, 24, 1][unit] != 0 {
                    let expected = if n == 1 { format!("1 {name}") } else { format!("{n} {name}s") };
                    prop_assert_eq!(text, expected);
                }
            }

            #[test]
            fn dates_never_panic(secs in -8_000_000_000i64..8_000_000_000, left in any::<i64>(), year in any::<i32>()) {
                let t = DateTime::<Utc>::from_timestamp(secs, 0).unwrap();
                let now = Utc::now();
                for text in [local_day_time(t), local_short(t, year), local_stamp(t), until_in(t, left), expires_in_words(t, now)] {
                    prop_assert!(!text.is_empty());
                    prop_assert!(plurals_agree(&text), "{}", text);
                }
            }
        }
    }
}
