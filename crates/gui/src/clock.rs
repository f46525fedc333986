//! The time the window reads ("works until 17:43 (in 2 minutes)", "expires in 3 h"): the
//! system's, or one a test sets. Texts that count down ask egui for one repaint when their
//! words next change (the next minute, mostly; each second in the last minute), never for a
//! repaint every frame, so an idle window stays idle and "in …" never goes stale.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};
use s3share_core::format::{duration_words, local_day_time};

/// Where "now" comes from. Cheap to clone; clones share a manual clock.
#[derive(Clone, Debug, Default)]
pub struct Clock(Option<Arc<Mutex<DateTime<Utc>>>>);

impl Clock {
    /// The system's clock.
    pub fn system() -> Self {
        Self(None)
    }

    /// A clock that stands at `at` until it is set or advanced (tests).
    pub fn manual(at: DateTime<Utc>) -> Self {
        Self(Some(Arc::new(Mutex::new(at))))
    }

    pub fn now(&self) -> DateTime<Utc> {
        match &self.0 {
            None => Utc::now(),
            Some(at) => *at.lock().unwrap_or_else(PoisonError::into_inner),
        }
    }

    /// Sets a manual clock to `at` (the system clock is left alone).
    pub fn set(&self, at: DateTime<Utc>) {
        if let Some(now) = &self.0 {
            *now.lock().unwrap_or_else(PoisonError::into_inner) = at;
        }
    }

    /// Moves a manual clock on by `by` (the system clock is left alone).
    pub fn advance(&self, by: chrono::Duration) {
        if let Some(at) = &self.0 {
            let mut at = at.lock().unwrap_or_else(PoisonError::into_inner);
            *at += by;
        }
    }
}

/// "Fri 28 Nov 14:03 (in 7 days)" while `at` is ahead, "Fri 28 Nov 14:03 (ended)" after;
/// asks for a repaint when the words next change. The date is formatted once (a time-zone
/// lookup); the bisection for the next change reads only the duration words.
pub fn until_live(ctx: &egui::Context, at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let day_time = local_day_time(at);
    let secs = (at - now).num_seconds();
    if secs <= 0 {
        return format!("{day_time} (ended)");
    }
    repaint_when_changed(ctx, at, now, &|secs| {
        if secs <= 0 {
            String::new()
        } else {
            duration_words(secs)
        }
    });
    format!("{day_time} (in {})", duration_words(secs))
}

/// A history badge ("expires in 12 min", "expired") in the window's language, rounded as
/// the CLI's `format::expires_in_words`.
fn expires_in_words(secs: i64) -> String {
    if secs <= 0 {
        return s3share_core::tr!("history-expired");
    }
    let hours = secs.saturating_add(1800) / 3600;
    match secs {
        0..60 => s3share_core::tr!("history-expires-in-seconds", count = secs),
        60..3600 => s3share_core::tr!("history-expires-in-minutes", count = secs / 60),
        _ if hours < 24 => s3share_core::tr!("history-expires-in-hours", count = hours),
        _ => s3share_core::tr!(
            "history-expires-in-days",
            count = secs.saturating_add(43_200) / 86_400
        ),
    }
}

/// A history badge ("expires in 12 min", "expired"), asking for a repaint when it changes.
pub fn expires_live(ctx: &egui::Context, at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let words = expires_in_words;
    repaint_when_changed(ctx, at, now, &words);
    words((at - now).num_seconds())
}

/// True once `at` has passed (the words say "ended").
pub fn has_ended(at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    (at - now).num_seconds() <= 0
}

/// Requests one repaint for when `words` (of the whole seconds left until `at`) next say
/// something else; nothing once `at` has passed (the words no longer change).
fn repaint_when_changed(
    ctx: &egui::Context,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
    words: &dyn Fn(i64) -> String,
) {
    if let Some(wait) = next_change(at, now, words) {
        ctx.request_repaint_after(wait);
    }
}

/// How long until `words(seconds left)` change. The words of a countdown stay the same over
/// one run of seconds (they only get coarser the further away `at` is), so the run is found
/// by bisection: the smallest count of seconds left that still reads the same.
pub fn next_change(
    at: DateTime<Utc>,
    now: DateTime<Utc>,
    words: &dyn Fn(i64) -> String,
) -> Option<Duration> {
    let left_ms = (at - now).num_milliseconds();
    let secs = left_ms / 1000;
    if secs <= 0 {
        return None;
    }
    let shown = words(secs);
    // Invariant: words(hi) == shown; words(lo) differs (0 seconds left reads "ended").
    let (mut lo, mut hi) = (0_i64, secs);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if words(mid) == shown {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    // The words change when fewer than `hi` whole seconds are left.
    let wait_ms = (left_ms - hi * 1000 + 1).max(1);
    Some(Duration::from_millis(u64::try_from(wait_ms).unwrap_or(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_plus(secs: i64) -> (DateTime<Utc>, DateTime<Utc>) {
        let now: DateTime<Utc> = "2026-11-28T17:41:00Z".parse().unwrap();
        (now + chrono::Duration::seconds(secs), now)
    }

    #[test]
    fn minutes_change_once_a_minute_and_seconds_each_second() {
        let words = |s: i64| s3share_core::format::duration_words(s.max(0));
        let wait = |left| {
            let (at, now) = at_plus(left);
            next_change(at, now, &|s| if s <= 0 { "ended".into() } else { words(s) })
                .map(|d| d.as_millis())
        };
        // "2 minutes" from 149 s down to 90 s: it changes when 89 s are left.
        assert_eq!(wait(120), Some(30_001));
        assert_eq!(wait(149), Some(59_001));
        // "1 minute" until 60 s; then each second (the words change as the second ends).
        assert_eq!(wait(75), Some(15_001));
        assert_eq!(wait(45), Some(1));
        assert_eq!(wait(1), Some(1));
        assert_eq!(wait(0), None);
        assert_eq!(wait(-5), None);
        // Days away: the words change within an hour, not every frame.
        let far = wait(3 * 86_400).unwrap();
        assert!((1..=3_600_001).contains(&far), "{far}");
    }

    #[test]
    fn until_live_reads_as_until_in_and_ends() {
        let ctx = egui::Context::default();
        for left in [1, 59, 61, 3_600, 3 * 86_400] {
            let (at, now) = at_plus(left);
            assert_eq!(
                until_live(&ctx, at, now),
                s3share_core::format::until_in(at, left)
            );
        }
        let (at, now) = at_plus(-1);
        assert!(until_live(&ctx, at, now).ends_with(" (ended)"));
    }

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let start: DateTime<Utc> = "2026-11-28T17:41:00Z".parse().unwrap();
        let clock = Clock::manual(start);
        let shared = clock.clone();
        shared.advance(chrono::Duration::minutes(3));
        assert_eq!(clock.now(), start + chrono::Duration::minutes(3));
        assert!(has_ended(start, clock.now()));
        assert!(!has_ended(
            start + chrono::Duration::minutes(4),
            clock.now()
        ));
    }
}
