//! Human-friendly numbers shared by the CLI and the window.

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

/// A length of time in round words, for differences that are measured rather than
/// chosen: "45 seconds", "3 minutes", "2 hours", "3 days".
pub fn describe_approx_secs(secs: u64) -> String {
    let plural = |n: u64, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    let rounded = |unit: u64| secs.saturating_add(unit / 2) / unit;
    if secs < 90 {
        plural(secs, "second")
    } else if secs < 90 * 60 {
        plural(rounded(60), "minute")
    } else if secs < 48 * 3600 {
        plural(rounded(3600), "hour")
    } else {
        plural(rounded(86_400), "day")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(describe_approx_secs(1), "1 second");
        assert_eq!(describe_approx_secs(45), "45 seconds");
        assert_eq!(describe_approx_secs(90), "2 minutes");
        assert_eq!(describe_approx_secs(61 * 60), "61 minutes");
        assert_eq!(describe_approx_secs(7199), "2 hours");
        assert_eq!(describe_approx_secs(3 * 86_400 + 5), "3 days");
        assert_eq!(describe_approx_secs(u64::MAX), "213503982334601 days");
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
                let text = describe_approx_secs(secs);
                prop_assert!(text.starts_with(|c: char| c.is_ascii_digit()), "{}", text);
            }
        }
    }
}
