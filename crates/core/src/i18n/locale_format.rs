//! Sizes and dates in a language's own form: "4,2 Mo" in French, "Fr, 28. Nov, 14:03" in
//! German. The `*_in` functions take the language (tests, anything that must not depend on
//! the process's language); the others use the current one ([`super::language`]).
//! The CLI keeps [`crate::format`]'s English forms.

use chrono::{DateTime, Datelike, Local, TimeZone, Utc};

use super::{Language, language};
use crate::tr;

/// "4.2 MB" (English), "4,2 MB" (German, Spanish), "4,2 Mo" (French): decimal units, as
/// file managers show them.
pub fn human_size_in(language: Language, bytes: u64) -> String {
    let units: [&str; 6] = match language {
        Language::French => ["o", "ko", "Mo", "Go", "To", "Po"],
        _ => ["B", "KB", "MB", "GB", "TB", "PB"],
    };
    if bytes < 1000 {
        return format!("{bytes} {}", units[0]);
    }
    #[allow(clippy::cast_precision_loss)]
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < units.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    let number = if value >= 100.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    };
    format!("{} {}", decimal(language, &number), units[unit])
}

/// [`human_size_in`] the current language.
pub fn human_size(bytes: u64) -> String {
    human_size_in(language(), bytes)
}

/// A number written with a point, in the language's form (a decimal comma but in English).
fn decimal(language: Language, number: &str) -> String {
    match language {
        Language::English => number.to_owned(),
        _ => number.replace('.', ","),
    }
}

fn chrono_locale(language: Language) -> chrono::Locale {
    match language {
        Language::English => chrono::Locale::en_GB,
        Language::German => chrono::Locale::de_DE,
        Language::French => chrono::Locale::fr_FR,
        Language::Spanish => chrono::Locale::es_ES,
    }
}

/// Weekday, day, month and time (24-hour clock), with the year when it is not this year's:
/// "Fri 28 Nov 14:03", "Fr, 28. Nov, 14:03", "ven. 28 nov., 14:03", "vie 28 nov, 14:03".
pub fn day_time_in<Tz: TimeZone>(language: Language, t: &DateTime<Tz>, this_year: i32) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let same_year = t.year() == this_year;
    let pattern = match (language, same_year) {
        (Language::English, true) => "%a %-d %b %H:%M",
        (Language::English, false) => "%a %-d %b %Y %H:%M",
        (Language::German, true) => "%a, %-d. %b, %H:%M",
        (Language::German, false) => "%a, %-d. %b %Y, %H:%M",
        (Language::French | Language::Spanish, true) => "%a %-d %b, %H:%M",
        (Language::French | Language::Spanish, false) => "%a %-d %b %Y, %H:%M",
    };
    t.format_localized(pattern, chrono_locale(language))
        .to_string()
}

/// [`day_time_in`] the current language, in this computer's time zone.
pub fn local_day_time(t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&Local);
    day_time_in(language(), &local, Local::now().year())
}

/// [`crate::format::local_day_time_zoned`] in the current language: a moment with its time
/// zone, for text read elsewhere (an email): "Fri 4 Dec, 17:36 CET",
/// "Fr, 4. Dez, 17:36 CET". English stays exactly the CLI's form.
pub fn local_day_time_zoned(t: DateTime<Utc>) -> String {
    let language = language();
    if language == Language::English {
        return crate::format::local_day_time_zoned(t);
    }
    match crate::format::mail_zone() {
        Some(zone) => zoned_in(language, &t.with_timezone(&zone), "%Z"),
        None => zoned_in(language, &t.with_timezone(&Local), "UTC%:z"),
    }
}

/// [`day_time_in`] followed by the zone (`zone_format`: its name, or its offset).
fn zoned_in<Tz: TimeZone>(language: Language, t: &DateTime<Tz>, zone_format: &str) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let this_year = Utc::now().with_timezone(&t.timezone()).year();
    format!(
        "{} {}",
        day_time_in(language, t, this_year),
        t.format(zone_format)
    )
}

/// A table column's date: day, month and time this year, else day, month and year:
/// "28 Nov 14:03" / "3 Mar 2025"; "28. Nov, 14:03" / "3. Mär 2025" in German.
pub fn short_date_in<Tz: TimeZone>(language: Language, t: &DateTime<Tz>, this_year: i32) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let same_year = t.year() == this_year;
    let pattern = match (language, same_year) {
        (Language::English, true) => "%-d %b %H:%M",
        (Language::English, false) => "%-d %b %Y",
        (Language::German, true) => "%-d. %b, %H:%M",
        (Language::German, false) => "%-d. %b %Y",
        (Language::French | Language::Spanish, true) => "%-d %b, %H:%M",
        (Language::French | Language::Spanish, false) => "%-d %b %Y",
    };
    t.format_localized(pattern, chrono_locale(language))
        .to_string()
}

/// [`short_date_in`] the current language, in this computer's time zone.
pub fn local_short_date(t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&Local);
    short_date_in(language(), &local, Local::now().year())
}

fn unit(secs: i64, unit: &str) -> String {
    match unit {
        "day" => tr!("duration-days", count = secs),
        "hour" => tr!("duration-hours", count = secs),
        "minute" => tr!("duration-minutes", count = secs),
        _ => tr!("duration-seconds", count = secs),
    }
}

/// [`crate::format::duration_words`] in the current language: "2 hours 30 minutes",
/// "2 Stunden 30 Minuten"; rounded to the minute above one minute, at most two units.
pub fn duration_words(secs: i64) -> String {
    let secs = secs.max(0);
    if secs < 60 {
        return unit(secs, "second");
    }
    let minutes = secs.saturating_add(30) / 60;
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    match (days, hours, mins) {
        (0, 0, m) => unit(m, "minute"),
        (0, h, 0) => unit(h, "hour"),
        (0, h, m) => tr!(
            "duration-two",
            first = unit(h, "hour"),
            second = unit(m, "minute")
        ),
        (d, 0, _) => unit(d, "day"),
        (d, h, _) => tr!(
            "duration-two",
            first = unit(d, "day"),
            second = unit(h, "hour")
        ),
    }
}

/// [`crate::format::duration_exact`] in the current language: a chosen length in its
/// largest whole unit ("7 days", "7 Tage", "1 heure").
pub fn duration_exact(secs: u64) -> String {
    let secs = i64::try_from(secs).unwrap_or(i64::MAX);
    if secs % 86_400 == 0 && secs > 0 {
        unit(secs / 86_400, "day")
    } else if secs % 3600 == 0 && secs > 0 {
        unit(secs / 3600, "hour")
    } else if secs % 60 == 0 && secs > 0 {
        unit(secs / 60, "minute")
    } else {
        unit(secs, "second")
    }
}

/// [`crate::format::until_in`] in the current language: "Fri 28 Nov 14:03 (in 7 days)",
/// "Fr, 28. Nov, 14:03 (in 7 Tagen)".
pub fn until_in(at: DateTime<Utc>, secs_left: i64) -> String {
    tr!(
        "time-until-in",
        time = local_day_time(at),
        left = duration_words(secs_left)
    )
}

/// A transfer's time left, short, in the current language: "45 s", "3 min" (rounded up,
/// never "0 min"), "1 h 5 min"; "3 Min.", "1 Std. 5 Min.".
pub fn duration_short(secs: u64) -> String {
    let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    match secs {
        0..60 => tr!("share-left-seconds", count = count(secs)),
        60..3600 => tr!("share-left-minutes", count = count(secs.div_ceil(60))),
        _ => tr!(
            "duration-two",
            first = tr!("share-left-hours", count = count(secs / 3600)),
            second = tr!("share-left-minutes", count = count(secs % 3600 / 60))
        ),
    }
}

/// [`crate::format::expires_in_words`] in the current language: a history badge
/// ("expires in 3 h", "läuft in 3 Std. ab", "expired").
pub fn expires_in_words(expires_at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (expires_at - now).num_seconds();
    if secs <= 0 {
        return tr!("share-expired");
    }
    let hours = secs.saturating_add(1800) / 3600;
    let left = match secs {
        0..60 => tr!("share-left-seconds", count = secs),
        60..3600 => tr!("share-left-minutes", count = secs / 60),
        _ if hours < 24 => tr!("share-left-hours", count = hours),
        _ => unit(secs.saturating_add(43_200) / 86_400, "day"),
    };
    tr!("share-expires-in", left = left)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn friday() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 17, 36, 0).unwrap()
    }

    #[test]
    fn short_durations() {
        assert_eq!(duration_short(0), "0 s");
        assert_eq!(duration_short(59), "59 s");
        assert_eq!(duration_short(61), "2 min");
        assert_eq!(duration_short(3900), "1 h 5 min");
        assert_eq!(duration_short(u64::MAX).split(' ').count(), 4);
    }

    #[test]
    fn sizes_use_the_languages_decimal_mark_and_units() {
        let size = 4_200_000;
        assert_eq!(human_size_in(Language::English, size), "4.2 MB");
        assert_eq!(human_size_in(Language::German, size), "4,2 MB");
        assert_eq!(human_size_in(Language::Spanish, size), "4,2 MB");
        assert_eq!(human_size_in(Language::French, size), "4,2 Mo");
        assert_eq!(human_size_in(Language::French, 812), "812 o");
        assert_eq!(human_size_in(Language::German, 812), "812 B");
        assert_eq!(human_size_in(Language::German, 123_000_000), "123 MB");
        assert_eq!(human_size_in(Language::French, 1_000_000_000), "1,0 Go");
        // English stays exactly what the CLI writes.
        for bytes in [0, 999, 1000, 4_200_000, 99_949_999, 5_000_000_000_000] {
            assert_eq!(
                human_size_in(Language::English, bytes),
                crate::format::human_size(bytes)
            );
        }
    }

    #[test]
    fn dates_use_the_languages_names_and_a_24_hour_clock() {
        let t = friday();
        assert_eq!(day_time_in(Language::English, &t, 2026), "Fri 27 Nov 17:36");
        assert_eq!(
            day_time_in(Language::German, &t, 2026),
            "Fr, 27. Nov, 17:36"
        );
        assert_eq!(
            day_time_in(Language::French, &t, 2026),
            "ven. 27 nov., 17:36"
        );
        assert_eq!(
            day_time_in(Language::Spanish, &t, 2026),
            "vie 27 nov, 17:36"
        );
        assert_eq!(
            day_time_in(Language::German, &t, 2027),
            "Fr, 27. Nov 2026, 17:36"
        );
        let march = Utc.with_ymd_and_hms(2025, 3, 3, 9, 5, 0).unwrap();
        assert_eq!(short_date_in(Language::English, &march, 2026), "3 Mar 2025");
        assert_eq!(short_date_in(Language::German, &march, 2026), "3. Mär 2025");
        assert_eq!(short_date_in(Language::French, &march, 2026), "3 mars 2025");
        assert_eq!(short_date_in(Language::Spanish, &march, 2026), "3 mar 2025");
        assert_eq!(
            short_date_in(Language::German, &march, 2025),
            "3. Mär, 09:05"
        );
    }
}
