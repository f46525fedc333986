//! A connected [`Session`]: SDK clients per region, each bucket's detected region, and
//! the HTTP client used for transfers through pre-signed URLs.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_config::environment::region::EnvironmentVariableRegionProvider;
use aws_config::meta::region::RegionProviderChain;
use aws_config::profile::ProfileFileRegionProvider;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_s3::Client;
use aws_sdk_s3::config::{Region, RequestChecksumCalculation, ResponseChecksumValidation};
use aws_sdk_s3::error::SdkError;
use url::Url;

use super::connection::{ConnectionSettings, DEFAULT_REGION};
use super::credentials::{CachedCredentials, CredentialSource, CredentialsInfo};
use super::error::{Error, Result};
use super::s3_error::{Subject, from_sdk};

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
    http: reqwest::Client,
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
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .user_agent(concat!("s3share/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Refused {
                code: "http-client".to_owned(),
                message: e.to_string(),
            })?;
        Ok(Self {
            inner: Arc::new(SessionInner {
                name: settings.name.clone(),
                endpoint,
                endpoint_label,
                default_region,
                path_style,
                credentials: CachedCredentials::new(&settings.credentials),
                clients: Mutex::new(HashMap::new()),
                bucket_regions: Mutex::new(HashMap::new()),
                http,
            }),
        })
    }

    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// "Amazon S3" or the endpoint address, for messages.
    pub fn endpoint_label(&self) -> &str {
        &self.inner.endpoint_label
    }

    pub fn default_region(&self) -> &str {
        &self.inner.default_region
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
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

    fn client_in(&self, region: &str) -> Client {
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
            .retry_config(RetryConfig::standard().with_max_attempts(3));
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

    /// Like [`client_for`](Self::client_for), but signs for the connection's region when
    /// the bucket's cannot be detected (offline signing, keys without bucket access).
    pub(crate) async fn client_for_signing(&self, bucket: &str) -> Client {
        match self.bucket_region(bucket).await {
            Ok(region) => self.client_in(&region),
            Err(e) => {
                tracing::debug!(error = %e, bucket, "region detection failed; signing for the connection's region");
                self.default_client()
            }
        }
    }

    /// The bucket's real region: HeadBucket's `x-amz-bucket-region` (also sent with
    /// 301/400/403 answers), else GetBucketLocation, else the connection's region.
    pub async fn bucket_region(&self, bucket: &str) -> Result<String> {
        if let Some(r) = self.cached_region(bucket) {
            return Ok(r);
        }
        let client = self.default_client();
        let detected = match client.head_bucket().bucket(bucket).send().await {
            Ok(out) => out.bucket_region().map(normalize_region),
            Err(SdkError::ServiceError(service)) => {
                let raw = service.raw();
                match raw.headers().get("x-amz-bucket-region") {
                    Some(r) => Some(normalize_region(r)),
                    None if raw.status().as_u16() == 404 => {
                        return Err(Error::NoSuchBucket {
                            bucket: bucket.to_owned(),
                        });
                    }
                    // A bare 403/400 says nothing; GetBucketLocation answers with a code.
                    None => Some(self.bucket_location(&client, bucket).await?),
                }
            }
            Err(other) => return Err(from_sdk(other, self.subject(Some(bucket), None))),
        };
        let region = detected.unwrap_or_else(|| self.inner.default_region.clone());
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
        let out = client
            .get_bucket_location()
            .bucket(bucket)
            .send()
            .await
            .map_err(|e| from_sdk(e, self.subject(Some(bucket), None)))?;
        Ok(match out.location_constraint() {
            Some(c) if !c.as_str().is_empty() => normalize_region(c.as_str()),
            // An empty constraint means us-east-1 on AWS; other servers may simply
            // not know, so keep the connection's region for them.
            _ if self.inner.endpoint.is_none() => DEFAULT_REGION.to_owned(),
            _ => self.inner.default_region.clone(),
        })
    }
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
    use super::*;

    #[test]
    fn legacy_region_names() {
        assert_eq!(normalize_region(""), "us-east-1");
        assert_eq!(normalize_region("EU"), "eu-west-1");
        assert_eq!(normalize_region("ap-south-1"), "ap-south-1");
    }
}
