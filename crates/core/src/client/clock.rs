//! The storage service's clock as seen from here: every SDK answer's `Date`, measured at the
//! middle of the round trip, corrects the time requests and pre-signed URLs are signed with
//! (an interceptor and a time source for the SDK), and a retry classifier retries once a
//! request refused for a wrong clock.

// The client's SDK imports, shared with its clock.
use super::*;

/// Below this the difference is noise (`Date` has whole seconds, the round trip adds
/// more); above it every signature uses the service's time.
pub(super) const MIN_CORRECTION_MS: u64 = 5_000;
/// From this on the user hears about it.
pub(super) const NOTE_FROM_MS: u64 = 60_000;
/// A request signed with a clock this far from the service's may have been refused for
/// it (S3 allows 15 minutes, some servers less): try once more with the corrected time.
pub(super) const RETRY_FROM_MS: u64 = 60_000;
/// Answers slower than this say little about the clock.
pub(super) const MAX_TRUSTED_ROUND_TRIP: Duration = Duration::from_secs(60);

/// The difference between the service's clock and this computer's, shared by all clients
/// of a session. `measured` follows every answer; `applied` (what signatures use) moves
/// only when a new measurement is more than [`MIN_CORRECTION_MS`] away, and only at the start
/// of a request: a time source that jitters or jumps in the middle of a transfer would
/// confuse the SDK's stalled-transfer detection, which reads the same clock.
#[derive(Debug, Default)]
pub(super) struct ServiceClock {
    /// `service - local` in milliseconds, once `measured`.
    measured_ms: AtomicI64,
    measured: AtomicBool,
    applied_ms: AtomicI64,
}

impl ServiceClock {
    pub(super) fn record(&self, offset_ms: i64) {
        self.measured_ms.store(offset_ms, Ordering::Relaxed);
        self.measured.store(true, Ordering::Release);
    }

    pub(super) fn measured_ms(&self) -> Option<i64> {
        self.measured
            .load(Ordering::Acquire)
            .then(|| self.measured_ms.load(Ordering::Relaxed))
    }

    /// Takes the latest measurement into use if it differs enough from the one in use.
    pub(super) fn refresh(&self) {
        let Some(measured) = self.measured_ms() else {
            return;
        };
        let target = if measured.unsigned_abs() >= MIN_CORRECTION_MS {
            measured
        } else {
            0
        };
        let applied = self.applied_ms.load(Ordering::Relaxed);
        if target.saturating_sub(applied).unsigned_abs() >= MIN_CORRECTION_MS {
            self.applied_ms.store(target, Ordering::Relaxed);
        }
    }

    /// The correction signatures use now.
    pub(super) fn applied_ms(&self) -> i64 {
        self.applied_ms.load(Ordering::Relaxed)
    }

    pub(super) fn now(&self) -> SystemTime {
        shift(SystemTime::now(), self.applied_ms())
    }
}

pub(super) fn shift(t: SystemTime, ms: i64) -> SystemTime {
    let by = Duration::from_millis(ms.unsigned_abs());
    if ms >= 0 {
        t.checked_add(by)
    } else {
        t.checked_sub(by)
    }
    .unwrap_or(t)
}

/// `a - b` in milliseconds, signed.
pub(super) fn signed_ms(a: SystemTime, b: SystemTime) -> i64 {
    match a.duration_since(b) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_millis()).unwrap_or(i64::MAX),
    }
}

/// A measured length of time in round words of the current language (as
/// [`crate::format::duration_approx`]: "45 seconds", "3 minutes", "2 hours", "3 days").
fn approx_words(secs: u64) -> String {
    let rounded =
        |unit: u64| i64::try_from(secs.saturating_add(unit / 2) / unit).unwrap_or(i64::MAX);
    if secs < 90 {
        crate::tr!("duration-seconds", count = rounded(1))
    } else if secs < 90 * 60 {
        crate::tr!("duration-minutes", count = rounded(60))
    } else if secs < 48 * 3600 {
        crate::tr!("duration-hours", count = rounded(3600))
    } else {
        crate::tr!("duration-days", count = rounded(86_400))
    }
}

pub(super) fn clock_note(offset_ms: i64) -> Option<String> {
    if offset_ms.unsigned_abs() < NOTE_FROM_MS {
        return None;
    }
    let how_far = approx_words(offset_ms.unsigned_abs().saturating_add(500) / 1000);
    // The service ahead of us means this computer is behind.
    Some(if offset_ms > 0 {
        crate::tr!("window-clock-behind", how_far = how_far)
    } else {
        crate::tr!("window-clock-ahead", how_far = how_far)
    })
}

/// The clients' clock: this computer's, corrected by the session's measurement.
#[derive(Debug)]
pub(super) struct SessionTime(pub(super) Arc<ServiceClock>);

impl TimeSource for SessionTime {
    fn now(&self) -> SystemTime {
        self.0.now()
    }
}

/// When a request left, by this computer's clock, and the correction it was signed with.
#[derive(Clone, Copy, Debug)]
pub(super) struct SentAt {
    local: SystemTime,
    applied_ms: i64,
}

impl Storable for SentAt {
    type Storer = StoreReplace<Self>;
}

/// Marks an answer that refused a request signed with a clock the answer itself shows
/// to be off: worth one more try now that the session knows the right time.
#[derive(Clone, Copy, Debug)]
pub(super) struct SignedWithWrongClock;

/// Measures the service's clock from the `Date` of every answer (the midpoint of the
/// round trip, as NTP does).
#[derive(Debug)]
pub(super) struct ClockInterceptor(pub(super) Arc<ServiceClock>);

impl Intercept for ClockInterceptor {
    fn name(&self) -> &'static str {
        "s3share::ServiceClock"
    }

    fn read_before_attempt(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> std::result::Result<(), BoxError> {
        self.0.refresh();
        Ok(())
    }

    fn read_before_transmit(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> std::result::Result<(), BoxError> {
        cfg.interceptor_state().store_put(SentAt {
            local: SystemTime::now(),
            applied_ms: self.0.applied_ms(),
        });
        Ok(())
    }

    fn modify_before_deserialization(
        &self,
        context: &mut BeforeDeserializationInterceptorContextMut<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> std::result::Result<(), BoxError> {
        let received = SystemTime::now();
        let Some(sent) = cfg.load::<SentAt>().copied() else {
            return Ok(());
        };
        let response = context.response();
        let Some(offset_ms) = measure_offset(response, sent.local, received) else {
            return Ok(());
        };
        self.0.record(offset_ms);
        let status = response.status().as_u16();
        if matches!(status, 400 | 403)
            && offset_ms.saturating_sub(sent.applied_ms).unsigned_abs() >= RETRY_FROM_MS
        {
            tracing::debug!(
                offset_ms,
                "request refused and signed with a clock that is off; retrying with the service's time"
            );
            context.response_mut().add_extension(SignedWithWrongClock);
        }
        Ok(())
    }
}

/// `service - local` from an answer's `Date`, or `None` when it cannot be trusted
/// (no date, a cached answer, a slow round trip).
pub(super) fn measure_offset(
    response: &HttpResponse,
    sent: SystemTime,
    received: SystemTime,
) -> Option<i64> {
    if response.headers().get("age").is_some() {
        return None;
    }
    let date = response.headers().get("date")?;
    let server =
        aws_smithy_types::DateTime::from_str(date, aws_smithy_types::date_time::Format::HttpDate)
            .ok()
            .and_then(|d| SystemTime::try_from(d).ok())?;
    let round_trip = received.duration_since(sent).ok()?;
    if round_trip > MAX_TRUSTED_ROUND_TRIP {
        return None;
    }
    // `Date` is cut to the second: the service's time was, on average, half a second later.
    let server = server + Duration::from_millis(500);
    Some(signed_ms(server, sent + round_trip / 2))
}

/// Retries (once, in practice) a request that was refused while signed with a clock that
/// the answer showed to be off, e.g. "RequestTimeTooSkewed", or a bare 403 to a HEAD.
#[derive(Debug)]
pub(super) struct SignedWithWrongClockRetry;

impl ClassifyRetry for SignedWithWrongClockRetry {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        let marked = ctx
            .response()
            .is_some_and(|r| r.extension::<SignedWithWrongClock>().is_some());
        if marked && matches!(ctx.output_or_error(), Some(Err(_))) {
            // No back-off: the reason is known and already fixed.
            RetryAction::retryable_error_with_explicit_delay(ErrorKind::ClientError, Duration::ZERO)
        } else {
            RetryAction::NoActionIndicated
        }
    }

    fn name(&self) -> &'static str {
        "s3share::SignedWithWrongClock"
    }

    fn priority(&self) -> RetryClassifierPriority {
        RetryClassifierPriority::run_after(RetryClassifierPriority::http_status_code_classifier())
    }
}
