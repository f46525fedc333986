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
            } => SharedCredentialsProvider::new(
                ProfileFileCredentialsProvider::builder()
                    .profile_name(name)
                    .build(),
            ),
            CredentialSource::AwsChain { profile: None } => SharedCredentialsProvider::new(
                CredentialsProviderChain::first_try(
                    "Environment",
                    EnvironmentVariableCredentialsProvider::new(),
                )
                .or_else("Profile", ProfileFileCredentialsProvider::builder().build()),
            ),
        }
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
    current: Mutex<Option<Credentials>>,
}

/// Refresh temporary credentials this long before they expire.
const REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);

impl CachedCredentials {
    pub fn new(source: &CredentialSource) -> Self {
        Self {
            inner: Arc::new(CacheInner {
                source: source.provider(),
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
        let creds = self
            .inner
            .source
            .provide_credentials()
            .await
            .map_err(|e| from_credentials_error(&e))?;
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
                Error::NoCredentials => CredentialsError::not_loaded(e.to_string()),
                other => CredentialsError::provider_error(other.to_string()),
            })
        })
    }
}

fn from_credentials_error(err: &CredentialsError) -> Error {
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
