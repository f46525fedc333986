//! A connected [`Session`]: SDK clients per region, each bucket's detected region, the
//! storage service's clock, and the HTTP client used for transfers through pre-signed URLs.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use aws_config::BehaviorVersion;
use aws_config::environment::region::EnvironmentVariableRegionProvider;
use aws_config::meta::region::RegionProviderChain;
use aws_config::profile::ProfileFileRegionProvider;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_s3::Client;
use aws_sdk_s3::config::interceptors::{
    BeforeDeserializationInterceptorContextMut, BeforeTransmitInterceptorContextRef,
};
use aws_sdk_s3::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_s3::config::{Region, RequestChecksumCalculation, ResponseChecksumValidation};
use aws_sdk_s3::error::SdkError;
use aws_sdk_s3::presigning::PresigningConfig;

use super::body_checksum::ChecksumChoice;
use aws_smithy_async::time::TimeSource;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::InterceptorContext;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::retries::classifiers::{
    ClassifyRetry, RetryAction, RetryClassifierPriority,
};
use aws_smithy_types::config_bag::{Storable, StoreReplace};
use aws_smithy_types::retry::ErrorKind;
use chrono::{DateTime, Utc};
use url::Url;

mod clock;
mod presign;

use super::connection::{ConnectionSettings, DEFAULT_REGION};
use super::credentials::{CachedCredentials, CredentialSource, CredentialsInfo};
use super::error::{Error, Result};
use super::pending_uploads::PendingUploads;
use super::s3_error::{Subject, from_sdk, region_from_error_body};
use clock::{ClockInterceptor, ServiceClock, SessionTime, SignedWithWrongClockRetry, clock_note};
pub(crate) use presign::{PresignInput, PresignedOperation};

/// One connection, ready to use. Cheap to clone; share it between tasks.
#[derive(Clone, Debug)]
pub struct Session {
    inner: Arc<SessionInner>,
}

#[derive(Debug)]
struct SessionInner {
    name: String,
    endpoint: Option<Url>,
    endpoint_label: String,
    default_region: String,
    path_style: bool,
    credentials: CachedCredentials,
    clients: Mutex<HashMap<String, Client>>,
    bucket_regions: Mutex<HashMap<String, String>>,
    /// The storage service's clock, measured from its answers; shared by every client.
    clock: Arc<ServiceClock>,
    /// Bucket endpoints for signing links without the SDK's pipeline (see `presign`).
    fast_signer: presign::FastSigner,
    /// For pre-signed requests; built on first use (see [`Session::http`]).
    http: tokio::sync::OnceCell<reqwest::Client>,
    pending_uploads: Option<PendingUploads>,
    upload_checksum: ChecksumChoice,
}

fn build_http_client() -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .user_agent(concat!("s3share/", env!("CARGO_PKG_VERSION")))
        .build()
        // Building fails only when the TLS set-up does: no trusted certificates found.
        .map_err(|e| Error::Certificates {
            detail: std::error::Error::source(&e)
                .map_or_else(|| e.to_string(), ToString::to_string),
        })
}

impl Session {
    /// Checks the settings and prepares clients. Does not touch the network: the first
    /// request resolves credentials and regions.
    pub async fn connect(settings: &ConnectionSettings) -> Result<Self> {
        let endpoint = settings.endpoint_url()?;
        let path_style = settings.uses_path_style()?;
        let default_region = match settings.region_checked()? {
            Some(r) => r.to_owned(),
            None => region_from_environment(&settings.credentials).await,
        };
        let endpoint_label = endpoint.as_ref().map_or_else(
            || "Amazon S3".to_owned(),
            |u| u.as_str().trim_end_matches('/').to_owned(),
        );
        Ok(Self {
            inner: Arc::new(SessionInner {
                name: settings.name.clone(),
                upload_checksum: ChecksumChoice::for_endpoint(endpoint.as_ref()),
                endpoint,
                endpoint_label,
                default_region,
                path_style,
                credentials: CachedCredentials::new(&settings.credentials),
                clients: Mutex::new(HashMap::new()),
                bucket_regions: Mutex::new(HashMap::new()),
                clock: Arc::new(ServiceClock::default()),
                fast_signer: presign::FastSigner::default(),
                http: tokio::sync::OnceCell::new(),
                pending_uploads: PendingUploads::default_location(),
            }),
        })
    }

    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// The checksum uploads sign in, as this service is known to check.
    pub(crate) fn upload_checksum(&self) -> &ChecksumChoice {
        &self.inner.upload_checksum
    }

    /// Plain http to another computer (see [`crate::connection::is_plaintext_remote`]):
    /// pages served from there are no secure context, so they cannot decrypt.
    pub fn is_plaintext_remote(&self) -> bool {
        self.inner
            .endpoint
            .as_ref()
            .is_some_and(crate::connection::is_plaintext_remote)
    }

    /// The custom endpoint, if any (`None`: Amazon S3).
    pub(crate) fn endpoint_url(&self) -> Option<&Url> {
        self.inner.endpoint.as_ref()
    }

    /// "Amazon S3" or the endpoint address, for messages.
    pub fn endpoint_label(&self) -> &str {
        &self.inner.endpoint_label
    }

    pub fn default_region(&self) -> &str {
        &self.inner.default_region
    }

    /// The HTTP client for pre-signed requests (uploads), built on first use on a blocking
    /// thread: building it reads the system's trusted certificates (about 12 ms), which
    /// commands that upload nothing never need; a single PUT builds it while its checksum
    /// is read. A failure is not kept: the next upload tries again.
    pub(crate) async fn http(&self) -> Result<&reqwest::Client> {
        self.inner
            .http
            .get_or_try_init(|| async {
                match tokio::task::spawn_blocking(build_http_client).await {
                    Ok(built) => built,
                    Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
                    Err(_) => Err(Error::Cancelled),
                }
            })
            .await
    }

    /// Where open multipart uploads are noted (see [`PendingUploads`]).
    pub fn pending_uploads(&self) -> Option<&PendingUploads> {
        self.inner.pending_uploads.as_ref()
    }

    /// The storage service's time: this computer's clock corrected by the difference seen
    /// in the service's answers (only when it is more than a few seconds).
    pub fn now(&self) -> SystemTime {
        self.inner.clock.refresh();
        self.inner.clock.now()
    }

    /// [`now`](Self::now) as a date, for "works until" times.
    pub fn now_utc(&self) -> DateTime<Utc> {
        DateTime::<Utc>::from(self.now())
    }

    /// How far the service's clock is ahead of this computer's (negative: behind), once an
    /// answer has told it.
    pub fn clock_offset(&self) -> Option<chrono::Duration> {
        self.inner
            .clock
            .measured_ms()
            .map(chrono::Duration::milliseconds)
    }

    /// A sentence for the user when this computer's clock is far enough off to matter
    /// (a minute or more): links are signed with the service's time anyway.
    pub fn clock_note(&self) -> Option<String> {
        clock_note(self.inner.clock.measured_ms()?)
    }

    /// Presigning settings that sign with the service's time, so a link made on a computer
    /// whose clock is off still works from the moment it is handed out. Every pre-signed
    /// URL of this session should be made with this.
    pub fn presigning_config(&self, expires_in: Duration) -> Result<PresigningConfig> {
        self.presigning_config_at(self.now(), expires_in)
    }

    /// [`presigning_config`](Self::presigning_config) with a start time taken from
    /// [`now`](Self::now) earlier, so links signed together end at the same second.
    pub fn presigning_config_at(
        &self,
        start: SystemTime,
        expires_in: Duration,
    ) -> Result<PresigningConfig> {
        PresigningConfig::builder()
            .start_time(start)
            .expires_in(expires_in)
            .build()
            .map_err(|e| Error::invalid("expiry", e.to_string()))
    }

    pub async fn credentials_info(&self) -> Result<CredentialsInfo> {
        self.inner.credentials.info().await
    }

    pub(crate) fn subject<'a>(
        &'a self,
        bucket: Option<&'a str>,
        key: Option<&'a str>,
    ) -> Subject<'a> {
        Subject {
            endpoint: &self.inner.endpoint_label,
            bucket,
            key,
        }
    }

    /// The client for the connection's own region (bucket listing, region detection).
    pub(crate) fn default_client(&self) -> Client {
        self.client_in(&self.inner.default_region)
    }

    /// The client that signs for `region` (built once per region).
    pub(crate) fn client_in(&self, region: &str) -> Client {
        let mut clients = self
            .inner
            .clients
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        clients
            .entry(region.to_owned())
            .or_insert_with(|| self.build_client(region))
            .clone()
    }

    fn build_client(&self, region: &str) -> Client {
        let mut config = aws_sdk_s3::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(region.to_owned()))
            .credentials_provider(SharedCredentialsProvider::new(
                self.inner.credentials.clone(),
            ))
            .force_path_style(self.inner.path_style)
            // Checksum headers signed into a pre-signed PUT would make a plain
            // `curl -T` fail; only send them where S3 requires them.
            .request_checksum_calculation(RequestChecksumCalculation::WhenRequired)
            .response_checksum_validation(ResponseChecksumValidation::WhenRequired)
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(Duration::from_secs(5))
                    .operation_attempt_timeout(Duration::from_secs(60))
                    .build(),
            )
            .retry_config(RetryConfig::standard().with_max_attempts(3))
            // The session measures the service's clock itself and signs every request
            // with it (the SDK's own correction would add the same difference twice).
            .time_source(SessionTime(self.inner.clock.clone()))
            .disable_clock_skew_correction(true)
            .interceptor(ClockInterceptor(self.inner.clock.clone()))
            .retry_classifier(SignedWithWrongClockRetry);
        if let Some(url) = &self.inner.endpoint {
            config = config.endpoint_url(url.as_str().trim_end_matches('/'));
        }
        Client::from_conf(config.build())
    }

    /// The client that signs for `bucket`'s own region (detected once, then cached).
    pub(crate) async fn client_for(&self, bucket: &str) -> Result<Client> {
        let region = self.bucket_region(bucket).await?;
        Ok(self.client_in(&region))
    }

    /// The bucket's region like [`bucket_region`](Self::bucket_region), but the
    /// connection's region when the bucket's cannot be detected (offline signing, keys
    /// without bucket access).
    pub(crate) async fn region_for_signing(&self, bucket: &str) -> String {
        match self.bucket_region(bucket).await {
            Ok(region) => region,
            Err(e) => {
                tracing::debug!(error = %e, bucket, "region detection failed; signing for the connection's region");
                self.inner.default_region.clone()
            }
        }
    }

    /// The bucket's real region: HeadBucket's `x-amz-bucket-region` (also sent with
    /// 301/400/403 answers) or a `<Region>` in an error body (Garage, and AWS for
    /// `AuthorizationHeaderMalformed`), else GetBucketLocation, else the connection's region.
    pub async fn bucket_region(&self, bucket: &str) -> Result<String> {
        if let Some(r) = self.cached_region(bucket) {
            return Ok(r);
        }
        let client = self.default_client();
        let detected = match client.head_bucket().bucket(bucket).send().await {
            Ok(out) => out.bucket_region().map(normalize_region),
            Err(SdkError::ServiceError(service)) => {
                let raw = service.raw();
                match region_told_by(raw) {
                    Some(r) => Some(r),
                    None if raw.status().as_u16() == 404 => {
                        return Err(Error::NoSuchBucket {
                            bucket: bucket.to_owned(),
                        });
                    }
                    // A bare 403/400 says nothing (HEAD answers have no body);
                    // GetBucketLocation answers with a code, and maybe the region.
                    None => Some(self.bucket_location(&client, bucket).await?),
                }
            }
            Err(other) => return Err(from_sdk(other, self.subject(Some(bucket), None))),
        };
        let region = detected.unwrap_or_else(|| self.inner.default_region.clone());
        if region != self.inner.default_region {
            tracing::debug!(
                bucket,
                region,
                "bucket is in another region; signing for it"
            );
        }
        self.inner
            .bucket_regions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(bucket.to_owned(), region.clone());
        Ok(region)
    }

    fn cached_region(&self, bucket: &str) -> Option<String> {
        self.inner
            .bucket_regions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(bucket)
            .cloned()
    }

    async fn bucket_location(&self, client: &Client, bucket: &str) -> Result<String> {
        let out = match client.get_bucket_location().bucket(bucket).send().await {
            Ok(out) => out,
            Err(e) => {
                // Signed for the wrong region: the answer may name the right one.
                if let SdkError::ServiceError(service) = &e
                    && let Some(region) = region_told_by(service.raw())
                {
                    return Ok(region);
                }
                return Err(from_sdk(e, self.subject(Some(bucket), None)));
            }
        };
        Ok(match out.location_constraint() {
            Some(c) if !c.as_str().is_empty() => normalize_region(c.as_str()),
            // An empty constraint means us-east-1 on AWS; other servers may simply
            // not know, so keep the connection's region for them.
            _ if self.inner.endpoint.is_none() => DEFAULT_REGION.to_owned(),
            _ => self.inner.default_region.clone(),
        })
    }
}

// ---------------------------------------------------------------------------------------
// The storage service's clock.
//
// A link signed with a clock that is off is dead on arrival: two hours behind and a
// one-hour link has already expired; ahead, and the service says "not valid yet". Every
// SDK answer carries a `Date` header, so the session measures the difference there and
// signs everything with the service's time: normal requests through the clients' time
// source, pre-signed URLs through `Session::presigning_config` (the SDK's presigning
// ignores the time source and takes a start time instead).

/// The region an error answer names: the `x-amz-bucket-region` header, else a `<Region>`
/// element in the XML body. Anything that is not a plain region token is ignored.
fn region_told_by(raw: &HttpResponse) -> Option<String> {
    let told = match raw.headers().get("x-amz-bucket-region") {
        Some(header) => Some(header.to_owned()),
        None => raw.body().bytes().and_then(region_from_error_body),
    }?;
    let region = normalize_region(&told);
    let plain = region.len() <= 64
        && region
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    plain.then_some(region)
}

/// `EU` is the legacy name of eu-west-1; an empty answer means us-east-1.
pub fn normalize_region(region: &str) -> String {
    match region.trim() {
        "" => DEFAULT_REGION.to_owned(),
        "EU" => "eu-west-1".to_owned(),
        r => r.to_owned(),
    }
}

/// `AWS_REGION` / `AWS_DEFAULT_REGION`, then the profile's region, then us-east-1.
/// Never the EC2 metadata service.
async fn region_from_environment(credentials: &CredentialSource) -> String {
    let profile = match credentials {
        CredentialSource::AwsChain { profile: Some(p) } => Some(p.as_str()),
        _ => None,
    };
    let mut from_profile = ProfileFileRegionProvider::builder();
    if let Some(p) = profile {
        from_profile = from_profile.profile_name(p);
    }
    let chain = RegionProviderChain::first_try(EnvironmentVariableRegionProvider::new())
        .or_else(from_profile.build());
    chain
        .region()
        .await
        .map_or_else(|| DEFAULT_REGION.to_owned(), |r| r.to_string())
}

#[cfg(test)]
mod tests {
    use super::clock::*;
    use super::*;

    fn answer(status: u16, date: Option<&str>) -> HttpResponse {
        let mut response = HttpResponse::new(
            status.try_into().unwrap(),
            aws_smithy_types::body::SdkBody::empty(),
        );
        if let Some(d) = date {
            response.headers_mut().insert("date", d.to_owned());
        }
        response
    }

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    // 2026-11-27T18:00:00Z
    const SIX_PM: u64 = 1_795_802_400;

    #[test]
    fn offset_is_measured_at_the_middle_of_the_round_trip() {
        let date = Some("Fri, 27 Nov 2026 18:00:00 GMT");
        // This computer thinks it is 16:00:00 .. 16:00:02: two hours behind.
        let offset =
            measure_offset(&answer(200, date), at(SIX_PM - 7200), at(SIX_PM - 7198)).unwrap();
        assert_eq!(offset, 7_200_000 - 1000 + 500);
        // Ahead: negative.
        let offset = measure_offset(&answer(403, date), at(SIX_PM + 7200), at(SIX_PM + 7200));
        assert_eq!(offset, Some(-7_200_000 + 500));
    }

    #[test]
    fn untrustworthy_answers_are_ignored() {
        let date = Some("Fri, 27 Nov 2026 18:00:00 GMT");
        assert_eq!(measure_offset(&answer(200, None), at(0), at(1)), None);
        assert_eq!(
            measure_offset(&answer(200, Some("yesterday")), at(0), at(1)),
            None
        );
        let mut cached = answer(200, date);
        cached.headers_mut().insert("age", "30");
        assert_eq!(measure_offset(&cached, at(SIX_PM), at(SIX_PM)), None);
        // A five-minute round trip says nothing precise.
        assert_eq!(
            measure_offset(&answer(200, date), at(SIX_PM), at(SIX_PM + 300)),
            None
        );
    }

    #[test]
    fn small_differences_are_left_alone() {
        let clock = ServiceClock::default();
        clock.refresh();
        assert_eq!(clock.applied_ms(), 0);
        assert_eq!(clock.measured_ms(), None);
        clock.record(4_000);
        clock.refresh();
        assert_eq!(clock.applied_ms(), 0);
        assert_eq!(clock_note(4_000), None);
        clock.record(-6_000);
        // Not before the next request starts.
        assert_eq!(clock.applied_ms(), 0);
        clock.refresh();
        assert_eq!(clock.applied_ms(), -6_000);
        let off = signed_ms(clock.now(), SystemTime::now());
        assert!((-6_100..=-5_900).contains(&off), "{off}");
        // Jitter of the one-second `Date` does not move the clock in use.
        clock.record(-7_000);
        clock.refresh();
        assert_eq!(clock.applied_ms(), -6_000);
        clock.record(7_200_000);
        clock.refresh();
        assert_eq!(clock.applied_ms(), 7_200_000);
        // Fixed in the meantime: back to this computer's own time.
        clock.record(300);
        clock.refresh();
        assert_eq!(clock.applied_ms(), 0);
        assert_eq!(clock_note(-59_000), None);
    }

    #[test]
    fn notes_say_how_far_and_which_way() {
        let behind = clock_note(7_200_400).unwrap();
        assert!(
            behind.starts_with("Your computer's clock is 2 hours behind the storage service's;"),
            "{behind}"
        );
        let ahead = clock_note(-180_000).unwrap();
        assert!(
            ahead.contains("3 minutes ahead of the storage service's"),
            "{ahead}"
        );
        assert!(clock_note(i64::MIN).is_some());
        assert!(clock_note(i64::MAX).is_some());
    }

    #[test]
    fn shifting_round_trips() {
        let now = SystemTime::now();
        for ms in [0, 1, -1, 5_000, -7_200_000, 604_800_000] {
            assert_eq!(signed_ms(shift(now, ms), now), ms);
        }
        // Extremes never panic.
        let _ = shift(SystemTime::UNIX_EPOCH, i64::MIN);
        let _ = shift(now, i64::MAX);
        let _ = signed_ms(SystemTime::UNIX_EPOCH, shift(now, i64::MAX));
    }

    #[test]
    fn a_region_named_in_an_error_must_be_a_plain_token() {
        let mut garage = answer(400, None);
        *garage.body_mut() = aws_smithy_types::body::SdkBody::from(
            "<Error><Code>AuthorizationHeaderMalformed</Code><Region>garage-eu</Region></Error>",
        );
        assert_eq!(region_told_by(&garage).as_deref(), Some("garage-eu"));
        let mut header = answer(301, None);
        header.headers_mut().insert("x-amz-bucket-region", "EU");
        assert_eq!(region_told_by(&header).as_deref(), Some("eu-west-1"));
        let mut odd = answer(400, None);
        *odd.body_mut() = aws_smithy_types::body::SdkBody::from(
            "<Error><Region>eu west\nhttps://evil</Region></Error>",
        );
        assert_eq!(region_told_by(&odd), None);
        assert_eq!(region_told_by(&answer(400, None)), None);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4000))]

            /// Whatever the difference (up to a year either way) and however the round
            /// trip falls within a second, the measurement is right to about a second.
            #[test]
            fn the_difference_is_measured_to_a_second(
                offset_ms in -31_536_000_000i64..31_536_000_000,
                sent_ms in 0u64..1000,
                round_trip_ms in 0u64..2000,
            ) {
                let local_sent = at(SIX_PM) + Duration::from_millis(sent_ms);
                let local_received = local_sent + Duration::from_millis(round_trip_ms);
                // The server answers half-way, with its own clock, cut to the second.
                let server = shift(local_sent + Duration::from_millis(round_trip_ms / 2), offset_ms);
                let secs = server.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs();
                let date = aws_smithy_types::DateTime::from_secs(i64::try_from(secs).unwrap())
                    .fmt(aws_smithy_types::date_time::Format::HttpDate)
                    .unwrap();
                let measured = measure_offset(&answer(200, Some(&date)), local_sent, local_received).unwrap();
                prop_assert!((measured - offset_ms).abs() <= 1000, "{} vs {}", measured, offset_ms);
            }

            #[test]
            fn notes_never_panic(offset_ms in any::<i64>()) {
                let note = clock_note(offset_ms);
                prop_assert_eq!(note.is_some(), offset_ms.unsigned_abs() >= NOTE_FROM_MS);
            }
        }
    }

    #[test]
    fn legacy_region_names() {
        assert_eq!(normalize_region(""), "us-east-1");
        assert_eq!(normalize_region("EU"), "eu-west-1");
        assert_eq!(normalize_region("ap-south-1"), "ap-south-1");
    }
}
