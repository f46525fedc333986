//! Where a connection points: endpoint, region, addressing style and credential source.
//! Saved connections (metadata in TOML, secrets in the keyring) build one of these.

use url::Url;

use super::credentials::CredentialSource;
use super::error::{Error, Result};

/// The region used when nothing else names one.
pub const DEFAULT_REGION: &str = "us-east-1";

#[derive(Clone, Debug)]
pub struct ConnectionSettings {
    /// Shown to the user ("Work (AWS)", "Demo storage").
    pub name: String,
    /// Custom S3-compatible endpoint (`https://host:port/path`); `None` = AWS.
    pub endpoint: Option<String>,
    /// Region to sign for when a bucket's own region cannot be detected.
    /// `None` = from the environment / AWS profile, else us-east-1.
    pub region: Option<String>,
    /// `None` = automatic: path-style for IP addresses and localhost endpoints.
    pub path_style: Option<bool>,
    pub credentials: CredentialSource,
}

impl ConnectionSettings {
    /// The standard AWS chain (env vars, `AWS_PROFILE`, SSO), with endpoint/region from
    /// `AWS_ENDPOINT_URL` / `AWS_REGION` when the caller does not give them.
    pub fn from_aws_chain(profile: Option<String>) -> Self {
        Self {
            name: profile.clone().unwrap_or_else(|| "AWS".to_owned()),
            endpoint: None,
            region: None,
            path_style: None,
            credentials: CredentialSource::AwsChain { profile },
        }
    }

    /// The endpoint, checked and normalised (port and path kept, trailing `/` dropped).
    pub fn endpoint_url(&self) -> Result<Option<Url>> {
        let Some(text) = self
            .endpoint
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        else {
            return Ok(None);
        };
        let url = Url::parse(text).map_err(|_| {
            Error::invalid(
                "endpoint",
                format!("\"{text}\" is not a web address; write it like https://s3.example.com or http://127.0.0.1:9000"),
            )
        })?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(Error::invalid(
                "endpoint",
                format!("\"{text}\" must start with https:// or http:// and name a host"),
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(Error::invalid(
                "endpoint",
                format!("\"{text}\" must not contain ? or #"),
            ));
        }
        Ok(Some(url))
    }

    /// Path-style addressing: as set, else automatic for IP/localhost endpoints (their
    /// names cannot carry a bucket sub-domain).
    pub fn uses_path_style(&self) -> Result<bool> {
        if let Some(explicit) = self.path_style {
            return Ok(explicit);
        }
        Ok(self.endpoint_url()?.is_some_and(|url| match url.host() {
            Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)) => true,
            Some(url::Host::Domain(d)) => d == "localhost" || d.ends_with(".localhost"),
            None => false,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_endpoint(e: &str) -> ConnectionSettings {
        ConnectionSettings {
            endpoint: Some(e.to_owned()),
            ..ConnectionSettings::from_aws_chain(None)
        }
    }

    #[test]
    fn endpoint_keeps_port_and_path() {
        let url = with_endpoint("http://127.0.0.1:9000/s3")
            .endpoint_url()
            .unwrap()
            .unwrap();
        assert_eq!(url.port(), Some(9000));
        assert_eq!(url.path(), "/s3");
    }

    #[test]
    fn path_style_is_automatic_for_ip_and_localhost() {
        assert!(
            with_endpoint("http://127.0.0.1:9000")
                .uses_path_style()
                .unwrap()
        );
        assert!(
            with_endpoint("http://[::1]:9000")
                .uses_path_style()
                .unwrap()
        );
        assert!(
            with_endpoint("http://localhost:9000")
                .uses_path_style()
                .unwrap()
        );
        assert!(
            !with_endpoint("https://s3.wasabisys.com")
                .uses_path_style()
                .unwrap()
        );
        let mut forced = with_endpoint("https://minio.example.com");
        forced.path_style = Some(true);
        assert!(forced.uses_path_style().unwrap());
        assert!(
            !ConnectionSettings::from_aws_chain(None)
                .uses_path_style()
                .unwrap()
        );
    }

    #[test]
    fn bad_endpoints_are_explained() {
        for bad in ["minio:9000", "ftp://x", "not a url", "https://x/?a=b"] {
            let err = with_endpoint(bad).endpoint_url().unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::InvalidInput {
                        field: "endpoint",
                        ..
                    }
                ),
                "{bad}"
            );
        }
    }
}
