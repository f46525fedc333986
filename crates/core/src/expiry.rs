//! How long a link lives: parsing (`90s`, `15m`, `1h`, `1d`, `7d`, bare seconds) and the
//! SigV4 limits (1 second to 7 days).

use std::fmt;
use std::time::Duration;

use super::error::{Error, Result};
use super::format::duration_exact;

/// The longest a SigV4 pre-signed URL can live: 7 days.
pub const MAX_EXPIRY_SECS: u64 = 604_800;

/// A validated link lifetime, 1 second ..= 7 days.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "u64", into = "u64")]
pub struct Expiry(u64);

impl Expiry {
    pub const FIFTEEN_MINUTES: Expiry = Expiry(15 * 60);
    pub const ONE_HOUR: Expiry = Expiry(3600);
    pub const ONE_DAY: Expiry = Expiry(86_400);
    pub const SEVEN_DAYS: Expiry = Expiry(MAX_EXPIRY_SECS);

    pub fn from_secs(secs: u64) -> Result<Self> {
        if secs == 0 {
            return Err(Error::invalid(
                "expiry",
                crate::tr!("input-expiry-too-short"),
            ));
        }
        if secs > MAX_EXPIRY_SECS {
            return Err(Error::invalid(
                "expiry",
                crate::tr!(
                    "input-expiry-too-long",
                    duration = crate::i18n::locale_format::duration_exact(secs)
                ),
            ));
        }
        Ok(Self(secs))
    }

    /// Parses `90s`, `15m`, `1h`, `1d`, `7d`, `1w` or a bare number of seconds.
    pub fn parse(text: &str) -> Result<Self> {
        let t = text.trim();
        let unit_at = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (number, unit) = t.split_at(unit_at);
        let bad = || {
            Error::invalid(
                "expiry",
                crate::tr!("input-expiry-not-duration", text = text),
            )
        };
        if number.is_empty() {
            return Err(bad());
        }
        let n: u64 = number.parse().map_err(|_| bad())?;
        let factor = match unit.trim() {
            "" | "s" | "sec" | "secs" | "second" | "seconds" => 1,
            "m" | "min" | "mins" | "minute" | "minutes" => 60,
            "h" | "hour" | "hours" => 3600,
            "d" | "day" | "days" => 86_400,
            "w" | "week" | "weeks" => 7 * 86_400,
            _ => return Err(bad()),
        };
        Self::from_secs(n.saturating_mul(factor))
    }

    pub fn as_secs(self) -> u64 {
        self.0
    }

    pub fn as_duration(self) -> Duration {
        Duration::from_secs(self.0)
    }
}

impl Default for Expiry {
    fn default() -> Self {
        Self::ONE_HOUR
    }
}

impl TryFrom<u64> for Expiry {
    type Error = Error;
    fn try_from(secs: u64) -> Result<Self> {
        Self::from_secs(secs)
    }
}

impl From<Expiry> for u64 {
    fn from(e: Expiry) -> u64 {
        e.0
    }
}

impl fmt::Display for Expiry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&duration_exact(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_units_and_bare_seconds() {
        assert_eq!(Expiry::parse("90s").unwrap().as_secs(), 90);
        assert_eq!(Expiry::parse("15m").unwrap().as_secs(), 900);
        assert_eq!(Expiry::parse("1h").unwrap().as_secs(), 3600);
        assert_eq!(Expiry::parse("1d").unwrap().as_secs(), 86_400);
        assert_eq!(Expiry::parse("7d").unwrap().as_secs(), 604_800);
        assert_eq!(Expiry::parse("1w").unwrap().as_secs(), 604_800);
        assert_eq!(Expiry::parse("604800").unwrap().as_secs(), 604_800);
        assert_eq!(Expiry::parse(" 2 hours ").unwrap().as_secs(), 7200);
        assert_eq!(Expiry::parse("1").unwrap().as_secs(), 1);
    }

    #[test]
    fn rejects_out_of_range_and_garbage() {
        for bad in [
            "0",
            "0s",
            "8d",
            "604801",
            "-5m",
            "soon",
            "",
            "1.5h",
            "h",
            "5x",
            "99999999999999999999d",
        ] {
            let err = Expiry::parse(bad).unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::InvalidInput {
                        field: "expiry",
                        ..
                    }
                ),
                "{bad}: {err}"
            );
        }
        assert!(
            Expiry::parse("8d")
                .unwrap_err()
                .to_string()
                .contains("7 days")
        );
    }

    #[test]
    fn describes_in_words() {
        assert_eq!(Expiry::SEVEN_DAYS.to_string(), "7 days");
        assert_eq!(Expiry::ONE_HOUR.to_string(), "1 hour");
        assert_eq!(Expiry::FIFTEEN_MINUTES.to_string(), "15 minutes");
        assert_eq!(Expiry::parse("90").unwrap().to_string(), "90 seconds");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        const UNITS: [(&str, u64); 10] = [
            ("", 1),
            ("s", 1),
            ("seconds", 1),
            ("m", 60),
            ("min", 60),
            ("h", 3600),
            ("hours", 3600),
            ("d", 86_400),
            ("days", 86_400),
            ("w", 604_800),
        ];

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4000))]

            #[test]
            fn parsing_anything_never_panics(text in any::<String>()) {
                if let Err(e) = Expiry::parse(&text) {
                    prop_assert!(matches!(e, Error::InvalidInput { field: "expiry", .. }), "{:?}", e);
                }
            }

            #[test]
            fn numbers_with_units(n in 0u64..2_000_000, unit in 0..UNITS.len(), spaced in any::<bool>()) {
                let (name, factor) = UNITS[unit];
                let text = if spaced { format!(" {n} {name} ") } else { format!("{n}{name}") };
                let secs = n * factor;
                match Expiry::parse(&text) {
                    Ok(e) => prop_assert_eq!(e.as_secs(), secs),
                    Err(_) => prop_assert!(secs == 0 || secs > MAX_EXPIRY_SECS, "{} refused", text),
                }
            }

            #[test]
            fn words_and_json_round_trip(secs in 1..=MAX_EXPIRY_SECS) {
                let e = Expiry::from_secs(secs).unwrap();
                prop_assert_eq!(Expiry::parse(&e.to_string()).unwrap(), e);
                let json = serde_json::to_string(&e).unwrap();
                prop_assert_eq!(serde_json::from_str::<Expiry>(&json).unwrap(), e);
                prop_assert_eq!(e.as_duration().as_secs(), secs);
            }

            #[test]
            fn out_of_range_seconds_are_refused(secs in prop_oneof![Just(0u64), (MAX_EXPIRY_SECS + 1)..]) {
                prop_assert!(Expiry::from_secs(secs).is_err());
                prop_assert!(serde_json::from_str::<Expiry>(&secs.to_string()).is_err());
            }
        }
    }
}
