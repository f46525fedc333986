//! Where the keys come from (explicit keys, or the standard AWS chain without the EC2/ECS
//! metadata probes) and when temporary ones run out.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use aws_config::environment::credentials::EnvironmentVariableCredentialsProvider;
use aws_config::meta::credentials::CredentialsProviderChain;
use aws_config::profile::ProfileFileCredentialsProvider;
use aws_credential_types::Credentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider, future};
use chrono::{DateTime, Utc};
use tokio::sync::Mutex;

use super::error::{Error, Result};

/// A secret string: never printed, never serialized.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// How a connection gets its keys.
#[derive(Clone, Debug)]
pub enum CredentialSource {
    /// Keys typed by the user (later: read from the keyring).
    Static {
        access_key_id: String,
        secret_access_key: Secret,
        session_token: Option<Secret>,
        expires_at: Option<DateTime<Utc>>,
    },
    /// The standard AWS chain: environment variables, then the shared config/credentials
    /// files (`AWS_PROFILE`, SSO, credential_process). With `profile` set, only that profile.
    /// Never the EC2/ECS metadata endpoints: a desktop is not on EC2 and probing stalls.
    AwsChain { profile: Option<String> },
}

impl CredentialSource {
    fn provider(&self) -> SharedCredentialsProvider {
        match self {
            CredentialSource::Static {
                access_key_id,
                secret_access_key,
                session_token,
                expires_at,
            } => SharedCredentialsProvider::new(Credentials::new(
                access_key_id,
                secret_access_key.expose(),
                session_token.as_ref().map(|t| t.expose().to_owned()),
                expires_at.map(SystemTime::from),
                "s3share",
            )),
            CredentialSource::AwsChain {
                profile: Some(name),
            } => SharedCredentialsProvider::new(profile_provider(Some(name))),
            CredentialSource::AwsChain { profile: None } => SharedCredentialsProvider::new(
                CredentialsProviderChain::first_try("Environment", EnvironmentWithExpiry)
                    .or_else("Profile", profile_provider(None)),
            ),
        }
    }
}

/// The profile files' provider with the two metadata sources replaced by a refusal, so
/// `credential_source = Ec2InstanceMetadata` / `EcsContainer` (also at the end of a
/// `role_arn` chain) can never make it connect to 169.254.169.254, fd00:ec2::254 or
/// 169.254.170.2.
fn profile_provider(name: Option<&str>) -> ProfileFileCredentialsProvider {
    let shown = name
        .map(str::to_owned)
        .or_else(|| std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty()))
        .unwrap_or_else(|| "default".to_owned());
    let mut builder = ProfileFileCredentialsProvider::builder();
    for source in METADATA_SOURCES {
        builder = builder.with_custom_provider(
            source,
            RefuseMetadata {
                profile: shown.clone(),
                source,
            },
        );
    }
    if let Some(name) = name {
        builder = builder.profile_name(name);
    }
    builder.build()
}

/// The `credential_source` values that mean a metadata service.
const METADATA_SOURCES: [&str; 2] = ["Ec2InstanceMetadata", "EcsContainer"];

/// Environment variables that point the AWS SDKs at the ECS container credentials endpoint.
const CONTAINER_VARIABLES: [&str; 2] = [
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
];

/// Stands in for a metadata credential source: fails at once, without any network.
#[derive(Debug)]
struct RefuseMetadata {
    profile: String,
    source: &'static str,
}

impl ProvideCredentials for RefuseMetadata {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::ready(Err(CredentialsError::invalid_configuration(
            Error::MetadataCredentials {
                profile: Some(self.profile.clone()),
                what: format!("credential_source = {}", self.source),
            },
        )))
    }
}

/// `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`, with the session's
/// end from `AWS_CREDENTIAL_EXPIRATION` when set (aws-vault and
/// `aws configure export-credentials --format env` set it).
#[derive(Debug)]
struct EnvironmentWithExpiry;

impl ProvideCredentials for EnvironmentWithExpiry {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(async move {
            let creds = EnvironmentVariableCredentialsProvider::new()
                .provide_credentials()
                .await?;
            let end = std::env::var("AWS_CREDENTIAL_EXPIRATION")
                .ok()
                .and_then(|text| parse_session_end(&text).ok());
            Ok(match end {
                Some(end) if creds.session_token().is_some() && creds.expiry().is_none() => {
                    Credentials::new(
                        creds.access_key_id(),
                        creds.secret_access_key(),
                        creds.session_token().map(str::to_owned),
                        Some(SystemTime::from(end)),
                        "Environment",
                    )
                }
                _ => creds,
            })
        })
    }
}

/// When temporary keys stop working, as a person or a tool writes it: RFC 3339
/// (`2026-11-28T06:18:10Z`, `2026-11-28T06:18:10+00:00`, what `aws sts` prints), or local
/// time as `YYYY-MM-DD HH:MM[:SS]` (a `T` instead of the space works too).
pub fn parse_session_end(text: &str) -> Result<DateTime<Utc>> {
    let t = text.trim();
    let bad = || {
        Error::invalid(
            "session end",
            crate::tr!("window-session-end-not-a-date", text = t),
        )
    };
    if t.is_empty() {
        return Err(bad());
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(t) {
        return Ok(at.with_timezone(&Utc));
    }
    let local = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|format| chrono::NaiveDateTime::parse_from_str(t, format).ok())
    .ok_or_else(bad)?;
    match local.and_local_timezone(chrono::Local) {
        chrono::LocalResult::Single(at) => Ok(at.with_timezone(&Utc)),
        // A time that happens twice (clocks going back): the earlier, to be safe.
        chrono::LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        chrono::LocalResult::None => Err(Error::invalid(
            "session end",
            crate::tr!("window-session-end-skipped", text = t),
        )),
    }
}

/// What the core needs to know of the current keys besides the keys themselves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CredentialsInfo {
    pub access_key_id: String,
    /// Set for temporary credentials (a session): links die with the session.
    pub expires_at: Option<DateTime<Utc>>,
    pub temporary: bool,
}

/// Resolves credentials once and reuses them until shortly before they expire, so that
/// reading the expiry for a link costs nothing and SSO/credential_process run rarely.
#[derive(Clone)]
pub struct CachedCredentials {
    inner: Arc<CacheInner>,
}

struct CacheInner {
    source: SharedCredentialsProvider,
    /// Keys from the AWS chain (environment, profiles), not typed-in ones.
    chain: bool,
    current: Mutex<Option<Credentials>>,
}

/// Refresh temporary credentials this long before they expire.
const REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);

impl CachedCredentials {
    pub fn new(source: &CredentialSource) -> Self {
        Self {
            inner: Arc::new(CacheInner {
                source: source.provider(),
                chain: matches!(source, CredentialSource::AwsChain { .. }),
                current: Mutex::new(None),
            }),
        }
    }

    pub async fn credentials(&self) -> Result<Credentials> {
        let mut current = self.inner.current.lock().await;
        if let Some(creds) = current.as_ref() {
            let fresh = creds
                .expiry()
                .is_none_or(|exp| exp > SystemTime::now() + REFRESH_MARGIN);
            if fresh {
                return Ok(creds.clone());
            }
        }
        let creds =
            self.inner.source.provide_credentials().await.map_err(
                |e| match from_credentials_error(&e) {
                    Error::NoCredentials if self.inner.chain => container_hint(),
                    other => other,
                },
            )?;
        if creds.expiry().is_some_and(|exp| exp <= SystemTime::now()) {
            return Err(Error::CredentialsExpired);
        }
        *current = Some(creds.clone());
        Ok(creds)
    }

    pub async fn info(&self) -> Result<CredentialsInfo> {
        let creds = self.credentials().await?;
        Ok(CredentialsInfo {
            access_key_id: creds.access_key_id().to_owned(),
            expires_at: creds.expiry().map(DateTime::<Utc>::from),
            temporary: creds.session_token().is_some(),
        })
    }
}

impl fmt::Debug for CachedCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CachedCredentials").finish_non_exhaustive()
    }
}

impl ProvideCredentials for CachedCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(async move {
            self.credentials().await.map_err(|e| match e {
                Error::NoCredentials => CredentialsError::not_loaded(e),
                other => CredentialsError::provider_error(other),
            })
        })
    }
}

/// No keys found: say so, unless the environment expects keys from an ECS container
/// endpoint, which s3share never asks; then say that.
fn container_hint() -> Error {
    CONTAINER_VARIABLES
        .into_iter()
        .find(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
        .map_or(Error::NoCredentials, |name| Error::MetadataCredentials {
            profile: None,
            what: name.to_owned(),
        })
}

/// A credentials error of ours (no keys, expired, a metadata source refused), however deep
/// the SDK wrapped it: the SDK calls [`CachedCredentials`] for every request.
pub(crate) fn find_own_error(err: &(dyn std::error::Error + 'static)) -> Option<Error> {
    let mut cause = Some(err);
    while let Some(e) = cause {
        match e.downcast_ref::<Error>() {
            Some(Error::MetadataCredentials { profile, what }) => {
                return Some(Error::MetadataCredentials {
                    profile: profile.clone(),
                    what: what.clone(),
                });
            }
            Some(Error::NoCredentials) => return Some(Error::NoCredentials),
            Some(Error::CredentialsExpired) => return Some(Error::CredentialsExpired),
            _ => {}
        }
        cause = e.source();
    }
    None
}

fn from_credentials_error(err: &CredentialsError) -> Error {
    if let Some(own) = find_own_error(err) {
        return own;
    }
    let text = aws_smithy_types::error::display::DisplayErrorContext(err).to_string();
    match err {
        CredentialsError::CredentialsNotLoaded(_) => Error::NoCredentials,
        CredentialsError::ProviderTimedOut(_) => Error::Network {
            endpoint: "the credentials provider".to_owned(),
        },
        CredentialsError::InvalidConfiguration(_) => Error::invalid("AWS profile", text),
        _ if text.to_ascii_lowercase().contains("expired") => Error::CredentialsExpired,
        _ => Error::Refused {
            code: "credentials".to_owned(),
            message: text,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn session_ends_as_tools_and_people_write_them() {
        let utc: DateTime<Utc> = "2026-11-28T06:18:10Z".parse().unwrap();
        for text in [
            "2026-11-28T06:18:10Z",
            "2026-11-28T06:18:10+00:00",
            " 2026-11-28T07:18:10+01:00 ",
        ] {
            assert_eq!(parse_session_end(text).unwrap(), utc, "{text}");
        }
        let local = chrono::NaiveDate::from_ymd_opt(2026, 11, 28)
            .unwrap()
            .and_hms_opt(14, 30, 0)
            .unwrap()
            .and_local_timezone(chrono::Local)
            .earliest()
            .unwrap()
            .with_timezone(&Utc);
        for text in [
            "2026-11-28 14:30",
            "2026-11-28T14:30",
            "2026-11-28 14:30:00",
        ] {
            assert_eq!(parse_session_end(text).unwrap(), local, "{text}");
        }
        for bad in [
            "",
            "tomorrow",
            "2026-13-01 10:00",
            "2026-11-28",
            "14:30",
            "2026-11-28 25:00",
        ] {
            let err = parse_session_end(bad).unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::InvalidInput {
                        field: "session end",
                        ..
                    }
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn metadata_refusal_is_found_through_the_sdk_wrapping() {
        let inner = CredentialsError::invalid_configuration(Error::MetadataCredentials {
            profile: Some("imds".to_owned()),
            what: "credential_source = Ec2InstanceMetadata".to_owned(),
        });
        let outer = CredentialsError::provider_error(inner);
        let err = from_credentials_error(&outer);
        assert!(matches!(err, Error::MetadataCredentials { .. }), "{err}");
        let text = err.to_string();
        assert!(
            text.contains("\"imds\"")
                && text.contains("does not use instance or container metadata")
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn session_end_parsing_never_panics(text in "\\PC{0,40}") {
            let _ = parse_session_end(&text);
        }

        #[test]
        fn rfc3339_round_trips(secs in 0i64..4_000_000_000, offset_min in -720i32..=840) {
            let at = DateTime::<Utc>::from_timestamp(secs, 0).unwrap();
            let offset = chrono::FixedOffset::east_opt(offset_min * 60).unwrap();
            let text = at.with_timezone(&offset).to_rfc3339();
            prop_assert_eq!(parse_session_end(&text).unwrap(), at);
        }

        #[test]
        fn local_times_round_trip(secs in 0i64..4_000_000_000) {
            let at = DateTime::<Utc>::from_timestamp(secs / 60 * 60, 0).unwrap();
            let text = at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string();
            let parsed = parse_session_end(&text).unwrap();
            // Clocks going back make a local time happen twice: the earlier one is taken.
            prop_assert!(parsed <= at && at - parsed <= chrono::Duration::hours(1));
        }
    }
}
