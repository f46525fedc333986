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
                format!(
                    "\"{}\" is not a web address; write it like https://s3.example.com or http://127.0.0.1:9000",
                    without_user_info(text)
                ),
            )
        })?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(Error::invalid(
                "endpoint",
                format!(
                    "\"{}\" must start with https:// or http:// and name a host",
                    without_user_info(text)
                ),
            ));
        }
        if !url.username().is_empty() || url.password().is_some() {
            // Never echo it: the part before @ may be a password.
            let shown = format!("{}://{}", url.scheme(), url.host_str().unwrap_or_default());
            return Err(Error::invalid(
                "endpoint",
                format!(
                    "the address must not contain a user name or password (user:password@); write it like {shown} and give the keys in the key fields"
                ),
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(Error::invalid(
                "endpoint",
                format!(
                    "\"{text}\" must not contain ? or # (a query or a fragment); give only the server's address, like https://s3.example.com"
                ),
            ));
        }
        Ok(Some(url))
    }

    /// The region to sign for, checked ([`check_region`]); `None` when not set.
    pub fn region_checked(&self) -> Result<Option<&str>> {
        match self.region.as_deref().map(str::trim) {
            Some(r) if !r.is_empty() => check_region(r).map(Some),
            _ => Ok(None),
        }
    }

    /// True when the endpoint is plain `http://` to a host other than this computer:
    /// links, files and session tokens would cross the network unencrypted.
    pub fn is_plaintext_remote(&self) -> bool {
        self.endpoint_url()
            .ok()
            .flatten()
            .is_some_and(|url| is_plaintext_remote(&url))
    }

    /// The warning for a plain-http remote endpoint, if this is one.
    pub fn plaintext_warning(&self) -> Option<String> {
        self.endpoint_url()
            .ok()
            .flatten()
            .filter(is_plaintext_remote)
            .map(|url| plaintext_warning(&url))
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

/// A region is a plain token: letters, digits, `-` and `_`, at most 64 characters
/// (`us-east-1`, `auto`, `garage`). It goes into every signature's credential scope, where
/// a space or a `/` would make every request fail.
pub fn check_region(region: &str) -> Result<&str> {
    let r = region.trim();
    let ok = !r.is_empty()
        && r.len() <= 64
        && r.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(r)
    } else {
        Err(Error::invalid(
            "region",
            format!(
                "\"{}\" is not a region name; a region is letters, digits and hyphens only, like eu-west-1",
                r.escape_debug()
            ),
        ))
    }
}

/// Plain `http://` to anything but this computer (127.0.0.0/8, ::1, localhost).
pub fn is_plaintext_remote(url: &Url) -> bool {
    url.scheme() == "http" && !is_loopback(url)
}

/// The host of `url` when it is this computer (127.0.0.0/8, ::1, localhost): a link there
/// opens only here, never on a phone or someone else's computer. `None` for other hosts
/// and for text that is not a URL.
pub fn local_host_of(url: &str) -> Option<String> {
    let url = Url::parse(url).ok()?;
    is_loopback(&url).then(|| url.host_str().unwrap_or_default().to_owned())
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => {
            ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        Some(url::Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost")
        }
        None => false,
    }
}

/// The one sentence said about a plain-http remote endpoint (CLI and window).
pub fn plaintext_warning(url: &Url) -> String {
    crate::tr!(
        "input-plaintext-warning",
        url = url.as_str().trim_end_matches('/')
    )
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
    fn endpoints_with_user_info_are_refused_without_echoing_it() {
        for bad in [
            "https://u:p4ss@host.example",
            "https://user@host.example:9000/s3",
            "http://:secret@127.0.0.1:9000",
        ] {
            let err = with_endpoint(bad).endpoint_url().unwrap_err();
            let text = err.to_string();
            assert!(text.contains("user name or password"), "{text}");
            assert!(!text.contains("p4ss") && !text.contains("secret"), "{text}");
        }
    }

    #[test]
    fn plain_http_is_flagged_only_for_other_computers() {
        for local in [
            "http://127.0.0.1:9000",
            "http://127.8.9.10",
            "http://[::1]:9000",
            "http://localhost:9000",
            "http://LOCALHOST.",
            "http://minio.localhost",
            "http://[::ffff:127.0.0.1]:9000",
            "https://192.168.1.10:9000",
            "https://s3.example.com",
        ] {
            assert!(!with_endpoint(local).is_plaintext_remote(), "{local}");
            assert!(
                with_endpoint(local).plaintext_warning().is_none(),
                "{local}"
            );
        }
        for remote in [
            "http://192.168.1.10:9000",
            "http://minio.office.lan",
            "http://[fd00::1]:9000",
            "http://localhost.evil.example",
            "http://128.0.0.1",
        ] {
            assert!(with_endpoint(remote).is_plaintext_remote(), "{remote}");
            let warning = with_endpoint(remote).plaintext_warning().unwrap();
            assert!(warning.contains("unencrypted"), "{warning}");
        }
        assert!(!ConnectionSettings::from_aws_chain(None).is_plaintext_remote());
    }

    #[test]
    fn regions_are_plain_tokens() {
        for good in ["us-east-1", "auto", "garage", "eu_central", " nyc3 "] {
            assert_eq!(check_region(good).unwrap(), good.trim());
        }
        for bad in [
            "",
            "us east 1",
            "eu-west-1/s3",
            "a\nb",
            "région",
            "x?y",
            "a".repeat(65).as_str(),
        ] {
            let err = check_region(bad).unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::InvalidInput {
                        field: "region",
                        ..
                    }
                ),
                "{bad}"
            );
            assert!(!err.to_string().contains('\n'), "no raw control characters");
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4000))]

            #[test]
            fn endpoint_parsing_never_panics(text in "\\PC{0,60}") {
                let settings = with_endpoint(&text);
                if let Ok(Some(url)) = settings.endpoint_url() {
                    prop_assert!(matches!(url.scheme(), "http" | "https"));
                    prop_assert!(url.username().is_empty() && url.password().is_none());
                    prop_assert!(url.query().is_none() && url.fragment().is_none());
                    let _ = settings.uses_path_style();
                }
                let _ = settings.is_plaintext_remote();
            }

            #[test]
            fn url_like_endpoints_never_panic(
                scheme in "(https?|ftp|HTTP)",
                user in proptest::option::of("[a-z:%@]{0,6}"),
                host in "[a-z0-9.\\-\\[\\]:]{0,20}",
                rest in "[/?#a-z0-9=&%]{0,12}",
            ) {
                let text = match user {
                    Some(u) => format!("{scheme}://{u}@{host}{rest}"),
                    None => format!("{scheme}://{host}{rest}"),
                };
                let settings = with_endpoint(&text);
                if let Ok(Some(url)) = settings.endpoint_url() {
                    prop_assert!(url.username().is_empty() && url.password().is_none());
                    prop_assert!(url.query().is_none() && url.fragment().is_none());
                }
                let _ = settings.plaintext_warning();
            }

            #[test]
            fn region_check_never_panics_and_accepts_only_tokens(text in "\\PC{0,80}") {
                if let Ok(region) = check_region(&text) {
                    prop_assert!(!region.is_empty() && region.len() <= 64);
                    prop_assert!(region.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
                }
            }

            #[test]
            fn real_region_shapes_pass(region in "[a-z]{2}(-[a-z]{2,10}){1,2}-[0-9]{1,2}") {
                prop_assert_eq!(check_region(&region).unwrap(), region.as_str());
            }
        }
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

/// An address as typed, with any `user:password@` taken out: it is echoed in messages.
fn without_user_info(text: &str) -> String {
    let (scheme, rest) = text.split_once("://").unwrap_or(("", text));
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => {
            let separator = if scheme.is_empty() { "" } else { "://" };
            format!("{scheme}{separator}…@{}", &rest[at + 1..])
        }
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod user_info_tests {
    use super::*;

    #[test]
    fn a_password_in_a_broken_address_is_not_repeated() {
        let settings = ConnectionSettings {
            endpoint: Some("https://u:hunter2@host:99999".to_owned()),
            ..ConnectionSettings::from_aws_chain(None)
        };
        let message = settings.endpoint_url().unwrap_err().to_string();
        assert!(!message.contains("hunter2"), "{message}");
        assert_eq!(without_user_info("host/a@b"), "host/a@b");
        assert_eq!(without_user_info("http://a@b@c/x"), "http://…@c/x");
    }
}
