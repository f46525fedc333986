//! Pre-signed URLs without the SDK's request pipeline. The SDK's `presigned()` runs the
//! whole interceptor chain for every URL (endpoint rules, serializer, auth-scheme and
//! identity resolution) and `aws-sigv4` re-derives the signing key each time: a share link
//! took ~24 µs that way (benches/presign.rs), which counts for pages of many files and the
//! part URLs of large uploads. This path resolves each bucket's endpoint once with the
//! SDK's own resolver, builds the request as the SDK's serializer does (with the same
//! `aws-smithy-http` encoders), composes the canonical request as `aws-sigv4` does for S3
//! presigning, and signs it with `aws-sigv4`'s own key derivation and signature functions,
//! the derived key kept per (keys, day, region). What it cannot reproduce exactly (S3
//! Express, multi-region access points, other signing names, endpoints that add headers,
//! blank keys) is left to the SDK's presigner: see [`FastEndpoint::from_resolved`].
//! `presign::tests` prove the URLs byte for byte equal to the SDK's.

use aws_credential_types::Credentials;
use aws_sdk_s3::config::endpoint::{DefaultResolver, Params, ResolveEndpoint};
use aws_sdk_s3::presigning::PresigningConfig;
use aws_smithy_types::Document;

use super::*;

/// The S3 operations signed here, each as the SDK's serializer writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PresignedOperation {
    GetObject,
    PutObject,
    UploadPart,
}

impl PresignedOperation {
    fn method(self) -> &'static str {
        match self {
            PresignedOperation::GetObject => "GET",
            PresignedOperation::PutObject | PresignedOperation::UploadPart => "PUT",
        }
    }

    /// The `x-id` query parameter the SDK's serializer writes first.
    fn x_id(self) -> &'static str {
        match self {
            PresignedOperation::GetObject => "GetObject",
            PresignedOperation::PutObject => "PutObject",
            PresignedOperation::UploadPart => "UploadPart",
        }
    }
}

/// One URL to sign.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PresignInput<'a> {
    pub operation: PresignedOperation,
    pub bucket: &'a str,
    pub key: &'a str,
    /// Query parameters after `x-id`, not yet encoded, in the order the SDK's serializer
    /// writes them (the model's member order: `partNumber` before `uploadId`,
    /// `response-content-disposition` before `response-content-type`).
    pub query: &'a [(&'static str, &'a str)],
    /// Headers signed in (the uploader must send them), lowercase names, in the model's
    /// member order (`content-md5`, `content-type`, `x-amz-checksum-crc32c`, `if-none-match`).
    pub headers: &'a [(&'static str, &'a str)],
}

/// A bucket's endpoint as the SDK's resolver gives it, when plain SigV4 for `s3` signs it.
#[derive(Debug)]
pub(crate) struct FastEndpoint {
    /// `scheme://authority` and the endpoint's path without its trailing `/`
    /// (`https://bucket.s3.eu-west-1.amazonaws.com`, `http://127.0.0.1:9000/bucket`):
    /// the request's path is appended to it as `Uri::set_endpoint` merges them.
    prefix: String,
    /// The `host` header as signed: the authority without a default port.
    host: String,
    /// Where the URL's path starts in `prefix` (after `scheme://authority`).
    path_start: usize,
    signing_region: String,
}

impl FastEndpoint {
    /// Only the endpoints the SDK signs with plain SigV4 for `s3` with single URI encoding
    /// and adds no headers to. The rest fall back to the SDK's presigner, which picks
    /// their signer itself: S3 Express directory buckets (`sigv4-s3express`, session
    /// credentials of its own), multi-region access points (`sigv4a`), S3 on Outposts and
    /// Object Lambda (another signing name).
    fn from_resolved(endpoint: &aws_smithy_types::endpoint::Endpoint) -> Option<Self> {
        if endpoint.headers().next().is_some() {
            return None;
        }
        // The first scheme is the one the SDK signs with (S3 lists no alternatives).
        let scheme = endpoint.auth_schemes().first()?;
        let text = |name: &str| match scheme.get(name) {
            Some(Document::String(s)) => Some(s.as_str()),
            _ => None,
        };
        let plain_sigv4 = scheme.name() == "sigv4"
            && text("signingName") == Some("s3")
            && matches!(
                scheme.get("disableDoubleEncoding"),
                Some(Document::Bool(true))
            );
        if !plain_sigv4 {
            return None;
        }
        let signing_region = text("signingRegion")?.to_owned();
        let parsed: http::Uri = endpoint.url().parse().ok()?;
        let parts = parsed.into_parts();
        let scheme = parts.scheme?;
        let authority = parts.authority?;
        let path = parts.path_and_query.as_ref().map_or("", |p| p.path());
        if parts
            .path_and_query
            .as_ref()
            .is_some_and(|p| p.query().is_some())
        {
            return None;
        }
        let path = path.strip_suffix('/').unwrap_or(path);
        let default_port = match authority.port_u16() {
            None => true,
            Some(port) => {
                (scheme == http::uri::Scheme::HTTP && port == 80)
                    || (scheme == http::uri::Scheme::HTTPS && port == 443)
            }
        };
        let host = if default_port {
            authority.host()
        } else {
            authority.as_str()
        };
        Some(Self {
            host: host.to_owned(),
            path_start: format!("{scheme}://{authority}").len(),
            prefix: format!("{scheme}://{authority}{path}"),
            signing_region,
        })
    }
}

/// One region's buckets: `None` for those the SDK's presigner signs.
type BucketEndpoints = HashMap<String, Option<Arc<FastEndpoint>>>;

/// Per session: each (region, bucket)'s endpoint, resolved once. `None` stored for a
/// bucket means the SDK's presigner signs its URLs.
#[derive(Debug, Default)]
pub(super) struct FastSigner {
    /// The SDK's own endpoint rules, as every client of the session uses them.
    resolver: DefaultResolver,
    endpoints: Mutex<HashMap<String, BucketEndpoints>>,
    keys: SigningKeyCache,
}

impl Session {
    /// The bucket's endpoint for the fast path, resolved by the SDK's own endpoint rules
    /// with the parameters its client for `region` uses (see `build_client`).
    fn fast_endpoint(&self, region: &str, bucket: &str) -> Option<Arc<FastEndpoint>> {
        let signer = &self.inner.fast_signer;
        if let Some(known) = signer
            .endpoints
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(region)
            .and_then(|buckets| buckets.get(bucket))
        {
            return known.clone();
        }
        let params = Params::builder()
            .region(region)
            .bucket(bucket)
            .force_path_style(self.inner.path_style)
            .set_endpoint(
                self.inner
                    .endpoint
                    .as_ref()
                    .map(|url| url.as_str().trim_end_matches('/').to_owned()),
            )
            .build();
        let resolved = params.ok().and_then(|params| {
            // The default resolver answers at once: its future is ready.
            futures_util::FutureExt::now_or_never(signer.resolver.resolve_endpoint(&params))
                .and_then(std::result::Result::ok)
        });
        let endpoint = resolved
            .as_ref()
            .and_then(FastEndpoint::from_resolved)
            .map(Arc::new);
        if endpoint.is_none() {
            tracing::debug!(
                bucket,
                region,
                "this bucket's links are signed by the SDK's presigner"
            );
        }
        signer
            .endpoints
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(region.to_owned())
            .or_default()
            .insert(bucket.to_owned(), endpoint.clone());
        endpoint
    }

    /// The URL the SDK's presigner would make for `input` in `region` with `config`, made
    /// without its pipeline; `None` when this bucket's URLs need the SDK's presigner.
    pub(crate) async fn presign_fast(
        &self,
        region: &str,
        input: &PresignInput<'_>,
        config: &PresigningConfig,
    ) -> Result<Option<String>> {
        // The SDK refuses a blank key or bucket with its own error: leave those to it.
        if input.key.trim().is_empty() || input.bucket.trim().is_empty() {
            return Ok(None);
        }
        let Some(endpoint) = self.fast_endpoint(region, input.bucket) else {
            return Ok(None);
        };
        let credentials = self.inner.credentials.credentials().await?;
        presign_with(
            &endpoint,
            &self.inner.fast_signer.keys,
            &credentials,
            input,
            config,
        )
        .map(Some)
    }

    /// The bucket's own URL (`https://bucket.s3.eu-west-1.amazonaws.com`,
    /// `http://127.0.0.1:9000/bucket`), the region requests to it are signed for and the
    /// session's keys, for a browser form that posts straight to the bucket (see
    /// `post_policy`); `None` when this bucket needs a signer other than plain SigV4.
    pub(crate) async fn bucket_url_for_signing(
        &self,
        region: &str,
        bucket: &str,
    ) -> Result<Option<(String, String, Credentials)>> {
        let Some(endpoint) = self.fast_endpoint(region, bucket) else {
            return Ok(None);
        };
        let credentials = self.inner.credentials.credentials().await?;
        Ok(Some((
            endpoint.prefix.clone(),
            endpoint.signing_region.clone(),
            credentials,
        )))
    }

    /// A pre-signed URL for `input` and the headers its request must send (lower-case
    /// names, `host` left out): made by the fast path, or by the SDK's presigner for the
    /// buckets that path leaves to it.
    pub(crate) async fn presign(
        &self,
        region: &str,
        input: &PresignInput<'_>,
        config: PresigningConfig,
    ) -> Result<(String, Vec<(String, String)>)> {
        if let Some(url) = self.presign_fast(region, input, &config).await? {
            let headers = input
                .headers
                .iter()
                .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
                .collect();
            return Ok((url, headers));
        }
        self.presign_with_sdk(region, input, config).await
    }

    /// What the SDK's presigner makes for `input`: the URL and the headers it signed in.
    async fn presign_with_sdk(
        &self,
        region: &str,
        input: &PresignInput<'_>,
        config: PresigningConfig,
    ) -> Result<(String, Vec<(String, String)>)> {
        let client = self.client_in(region);
        let query = |name: &str| {
            input
                .query
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        };
        let header = |name: &str| {
            input
                .headers
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        };
        let subject = self.subject(Some(input.bucket), Some(input.key));
        let presigned = match input.operation {
            PresignedOperation::GetObject => client
                .get_object()
                .bucket(input.bucket)
                .key(input.key)
                .set_response_content_disposition(query("response-content-disposition"))
                .set_response_content_type(query("response-content-type"))
                .presigned(config)
                .await
                .map_err(|e| crate::s3_error::from_sdk(e, subject))?,
            PresignedOperation::PutObject => client
                .put_object()
                .bucket(input.bucket)
                .key(input.key)
                .set_content_md5(header("content-md5"))
                .set_content_type(header("content-type"))
                .set_checksum_crc32_c(header("x-amz-checksum-crc32c"))
                .set_if_none_match(header("if-none-match"))
                .presigned(config)
                .await
                .map_err(|e| crate::s3_error::from_sdk(e, subject))?,
            PresignedOperation::UploadPart => client
                .upload_part()
                .bucket(input.bucket)
                .key(input.key)
                .set_part_number(query("partNumber").and_then(|n| n.parse().ok()))
                .set_upload_id(query("uploadId"))
                .set_content_md5(header("content-md5"))
                .set_checksum_crc32_c(header("x-amz-checksum-crc32c"))
                .presigned(config)
                .await
                .map_err(|e| crate::s3_error::from_sdk(e, subject))?,
        };
        let headers = presigned
            .headers()
            .filter(|(name, _)| !name.eq_ignore_ascii_case("host"))
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
            .collect();
        Ok((presigned.uri().to_owned(), headers))
    }
}

/// The derived SigV4 key for one day, region and set of keys: four HMACs the SDK repeats
/// for every URL, kept here until any of them changes.
#[derive(Default)]
pub(super) struct SigningKeyCache(Mutex<Option<CachedSigningKey>>);

struct CachedSigningKey {
    credentials: Credentials,
    date: String,
    region: String,
    key: Vec<u8>,
}

impl std::fmt::Debug for SigningKeyCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKeyCache(..)")
    }
}

impl SigningKeyCache {
    fn signature(
        &self,
        credentials: &Credentials,
        time: SystemTime,
        date: &str,
        region: &str,
        string_to_sign: &str,
    ) -> String {
        let mut cached = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let fresh = cached
            .as_ref()
            .is_some_and(|c| c.date == date && c.region == region && c.credentials == *credentials);
        if !fresh {
            let key = aws_sigv4::sign::v4::generate_signing_key(
                credentials.secret_access_key(),
                time,
                region,
                "s3",
            );
            *cached = Some(CachedSigningKey {
                credentials: credentials.clone(),
                date: date.to_owned(),
                region: region.to_owned(),
                key: key.as_ref().to_vec(),
            });
        }
        let key = &cached.as_ref().expect("cached just above").key;
        aws_sigv4::sign::v4::calculate_signature(key, string_to_sign.as_bytes())
    }
}

/// Signs `input` for `endpoint` as the SDK's presigner does (see the module comment):
/// query-string SigV4 for `s3` with single URI encoding, no path normalisation, an
/// unsigned payload and the session token signed in. The canonical request is composed
/// here (the SDK's `aws-sigv4` rebuilds it and re-derives the key for every URL); the key
/// derivation and the signature are `aws-sigv4`'s own functions, and `tests` prove the
/// URL byte for byte equal to the SDK presigner's over thousands of random inputs.
fn presign_with(
    endpoint: &FastEndpoint,
    keys: &SigningKeyCache,
    credentials: &Credentials,
    input: &PresignInput<'_>,
    config: &PresigningConfig,
) -> Result<String> {
    use aws_smithy_http::query::fmt_string;
    // The SDK's serializer: `/{Key+}` (greedy label), then the query.
    let key = aws_smithy_http::label::fmt_string(
        input.key,
        aws_smithy_http::label::EncodingStrategy::Greedy,
    );
    let mut url = String::with_capacity(endpoint.prefix.len() + key.len() + 512);
    url.push_str(&endpoint.prefix);
    url.push('/');
    url.push_str(&key);
    let path_end = url.len();
    {
        let mut query = aws_smithy_http::query::Writer::new(&mut url);
        query.push_kv("x-id", input.operation.x_id());
        for (name, value) in input.query {
            query.push_kv(name, &fmt_string(value));
        }
    }

    let time = config.start_time();
    let stamp = chrono::DateTime::<chrono::Utc>::from(time);
    let date = stamp.format("%Y%m%d").to_string();
    let date_time = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let region = endpoint.signing_region.as_str();
    let credential = format!(
        "{}/{date}/{region}/s3/aws4_request",
        credentials.access_key_id()
    );
    let mut header_names: Vec<&str> = input.headers.iter().map(|(name, _)| *name).collect();
    header_names.push("host");
    header_names.sort_unstable();
    let signed_headers = header_names.join(";");
    let expires = config.expires().as_secs().to_string();
    let mut signing_query: Vec<(&str, &str)> = vec![
        ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
        ("X-Amz-Credential", &credential),
        ("X-Amz-Date", &date_time),
        ("X-Amz-Expires", &expires),
        ("X-Amz-SignedHeaders", &signed_headers),
    ];
    let token = credentials.session_token();

    // Canonical query: every parameter, encoded, sorted by encoded name then value.
    let mut canonical_query: Vec<(String, String)> =
        std::iter::once(("x-id", input.operation.x_id()))
            .chain(input.query.iter().copied())
            .chain(signing_query.iter().copied())
            .chain(token.map(|t| ("X-Amz-Security-Token", t)))
            .map(|(name, value)| (fmt_string(name), fmt_string(value)))
            .collect();
    canonical_query.sort_unstable();
    let mut canonical = String::with_capacity(url.len() * 2 + 256);
    canonical.push_str(input.operation.method());
    canonical.push('\n');
    canonical.push_str(&url[endpoint.path_start..path_end]);
    canonical.push('\n');
    for (i, (name, value)) in canonical_query.iter().enumerate() {
        if i > 0 {
            canonical.push('&');
        }
        canonical.push_str(name);
        canonical.push('=');
        canonical.push_str(value);
    }
    canonical.push('\n');
    for name in &header_names {
        canonical.push_str(name);
        canonical.push(':');
        if *name == "host" {
            canonical.push_str(&endpoint.host);
        } else if let Some((_, value)) = input.headers.iter().find(|(n, _)| n == name) {
            canonical.push_str(&single_spaced(value));
        }
        canonical.push('\n');
    }
    canonical.push('\n');
    canonical.push_str(&signed_headers);
    canonical.push_str("\nUNSIGNED-PAYLOAD");

    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{date_time}\n{date}/{region}/s3/aws4_request\n{}",
        hex::encode(<sha2::Sha256 as sha2::Digest>::digest(canonical.as_bytes()))
    );
    let signature = keys.signature(credentials, time, &date, region, &string_to_sign);
    // As the SDK applies the signature: after the request's own query, in this order.
    signing_query.push(("X-Amz-Signature", &signature));
    signing_query.extend(token.map(|t| ("X-Amz-Security-Token", t)));
    for (name, value) in signing_query {
        url.push('&');
        url.push_str(name);
        url.push('=');
        url.push_str(&fmt_string(value));
    }
    Ok(url)
}

/// A header value as SigV4 canonicalises it: spaces trimmed, runs of spaces made one.
fn single_spaced(value: &str) -> std::borrow::Cow<'_, str> {
    let value = value.trim_matches(' ');
    if value.contains("  ") {
        let mut out = String::with_capacity(value.len());
        for (i, word) in value.split(' ').filter(|w| !w.is_empty()).enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body_checksum::BodyChecksum;
    use crate::connection::ConnectionSettings;
    use crate::credentials::{CredentialSource, Secret};
    use proptest::prelude::*;

    fn session(endpoint: Option<&str>, path_style: Option<bool>, token: Option<&str>) -> Session {
        let settings = ConnectionSettings {
            name: "test".to_owned(),
            endpoint: endpoint.map(str::to_owned),
            region: Some("us-east-1".to_owned()),
            path_style,
            credentials: CredentialSource::Static {
                access_key_id: "AKIDEXAMPLE".to_owned(),
                secret_access_key: Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                session_token: token.map(Secret::new),
                expires_at: None,
            },
        };
        runtime().block_on(Session::connect(&settings)).unwrap()
    }

    fn runtime() -> &'static tokio::runtime::Runtime {
        static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
        RUNTIME.get_or_init(|| {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap()
        })
    }

    fn config(start_secs: u64, expires_secs: u64) -> PresigningConfig {
        PresigningConfig::builder()
            .start_time(SystemTime::UNIX_EPOCH + Duration::from_secs(start_secs))
            .expires_in(Duration::from_secs(expires_secs))
            .build()
            .unwrap()
    }

    #[test]
    fn the_cached_key_follows_the_day_and_the_region() {
        // One session signs across midnight and across regions: every URL must still be
        // the SDK's (a key kept from the day or region before would not be).
        let session = session(Some("http://127.0.0.1:9000"), None, Some("token/+="));
        let input = PresignInput {
            operation: PresignedOperation::GetObject,
            bucket: "bucket",
            key: "a.pdf",
            query: &[],
            headers: &[],
        };
        let midnight = 1_795_824_000; // 2026-11-28T00:00:00Z
        for (region, start) in [
            ("us-east-1", midnight - 1),
            ("us-east-1", midnight - 1),
            ("us-east-1", midnight),
            ("eu-west-1", midnight),
            ("us-east-1", midnight + 86_400),
        ] {
            let fast = runtime()
                .block_on(session.presign_fast(region, &input, &config(start, 60)))
                .unwrap()
                .unwrap();
            let (sdk, _) = runtime()
                .block_on(session.presign_with_sdk(region, &input, config(start, 60)))
                .unwrap();
            assert_eq!(fast, sdk, "{region} at {start}");
        }
    }

    #[test]
    fn a_simple_link_is_the_sdks() {
        let session = session(Some("http://127.0.0.1:9000"), None, None);
        let input = PresignInput {
            operation: PresignedOperation::GetObject,
            bucket: "bucket",
            key: "folder/a b+c%d?e#f.pdf",
            query: &[(
                "response-content-disposition",
                "attachment; filename=\"a b.pdf\"",
            )],
            headers: &[],
        };
        let config = config(1_795_802_400, 3600);
        let fast = runtime()
            .block_on(session.presign_fast("us-east-1", &input, &config))
            .unwrap()
            .unwrap();
        let (sdk, _) = runtime()
            .block_on(session.presign_with_sdk("us-east-1", &input, config))
            .unwrap();
        assert_eq!(fast, sdk);
        assert!(fast.starts_with("http://127.0.0.1:9000/bucket/folder/a%20b%2Bc%25d%3Fe%23f.pdf?x-id=GetObject&response-content-disposition="), "{}", crate::share::redact_url(&fast));
    }

    #[test]
    fn directory_buckets_and_arns_go_to_the_sdk() {
        let session = session(None, None, None);
        for bucket in [
            "mybucket--usw2-az1--x-s3",
            "arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap",
        ] {
            assert!(
                session.fast_endpoint("us-west-2", bucket).is_none(),
                "{bucket}"
            );
        }
        assert!(session.fast_endpoint("us-west-2", "plain-bucket").is_some());
        // An access point ARN is plain SigV4 for its own host and region.
        let input = PresignInput {
            operation: PresignedOperation::GetObject,
            bucket: "arn:aws:s3:eu-west-1:123456789012:accesspoint/myendpoint",
            key: "a/b c.txt",
            query: &[("response-content-disposition", "inline")],
            headers: &[],
        };
        let config = config(1_795_802_400, 60);
        let fast = runtime()
            .block_on(session.presign_fast("us-west-2", &input, &config))
            .unwrap()
            .unwrap();
        let (sdk, _) = runtime()
            .block_on(session.presign_with_sdk("us-west-2", &input, config))
            .unwrap();
        assert_eq!(fast, sdk);
        assert!(fast.contains("%2Feu-west-1%2Fs3%2Faws4_request"));
    }

    #[derive(Debug, Clone)]
    struct Case {
        endpoint: Option<&'static str>,
        path_style: Option<bool>,
        region: &'static str,
        bucket: String,
        key: String,
        token: Option<String>,
        start_secs: u64,
        expires_secs: u64,
        operation: PresignedOperation,
        disposition: String,
        content_type: Option<String>,
        checksum: Option<BodyChecksum>,
        keep_existing: bool,
        part_number: i32,
        upload_id: String,
    }

    fn cases() -> impl Strategy<Value = Case> {
        let place = prop_oneof![
            Just((Some("http://127.0.0.1:9000"), None)),
            Just((Some("http://localhost:9000/"), Some(true))),
            Just((Some("https://s3.example.com"), Some(false))),
            Just((Some("https://s3.example.com/some/path/"), Some(true))),
            Just((None, Some(false))),
            Just((None, Some(true))),
        ];
        let region = prop_oneof![
            Just("us-east-1"),
            Just("eu-west-1"),
            Just("ap-southeast-2"),
            Just("cn-north-1"),
            Just("us-gov-west-1"),
            Just("garage"),
        ];
        let operation = prop_oneof![
            Just(PresignedOperation::GetObject),
            Just(PresignedOperation::PutObject),
            Just(PresignedOperation::UploadPart),
        ];
        // Keys: anything S3 takes, with the characters that need care in a URL.
        let key = prop_oneof![
            "\\PC{1,40}",
            "[ +%?#&=;:/\\\\~*'()!$,@\\[\\]{}|^`\"<>.a-zA-Z0-9_-]{1,40}",
            "[\\x00-\\x1f\\x7f é日本語🎉/]{1,20}",
            "([a-z]{1,5}/){0,4}[a-zé ]{1,8}(\\.[a-z]{1,4})?",
        ];
        let name = prop_oneof!["\\PC{1,30}", "[ \"';%+&=a-z.]{1,20}"];
        let disposition = (any::<bool>(), name).prop_map(|(download, name)| {
            let mode = crate::disposition::LinkMode::from_download(download, Some(name));
            crate::disposition::content_disposition(&mode).unwrap_or_else(|_| "inline".to_owned())
        });
        (
            (place, region, "[a-z0-9][a-z0-9.-]{1,20}[a-z0-9]", key),
            (
                proptest::option::of("[A-Za-z0-9+/=]{20,120}"),
                1_600_000_000u64..2_000_000_000,
                1u64..=crate::expiry::MAX_EXPIRY_SECS,
            ),
            (
                operation,
                disposition,
                proptest::option::of("(text/plain; charset=utf-8|image/png|application/pdf)"),
                proptest::option::of(prop_oneof![
                    "[A-Za-z0-9+/]{22}==".prop_map(BodyChecksum::Md5),
                    "[A-Za-z0-9+/]{6}==".prop_map(BodyChecksum::Crc32c),
                ]),
                any::<bool>(),
                1i32..=10_000,
                "[A-Za-z0-9._~+/=-]{1,80}",
            ),
        )
            .prop_map(
                |(
                    ((endpoint, path_style), region, bucket, key),
                    (token, start_secs, expires_secs),
                    (
                        operation,
                        disposition,
                        content_type,
                        checksum,
                        keep_existing,
                        part_number,
                        upload_id,
                    ),
                )| Case {
                    endpoint,
                    path_style,
                    region,
                    bucket,
                    key,
                    token,
                    start_secs,
                    expires_secs,
                    operation,
                    disposition,
                    content_type,
                    checksum,
                    keep_existing,
                    part_number,
                    upload_id,
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// For the same inputs and the same time, the fast path's URL (and the headers the
        /// uploader must send) are the SDK presigner's, byte for byte.
        #[test]
        fn fast_urls_are_the_sdks_byte_for_byte(case in cases()) {
            let session = session(case.endpoint, case.path_style, case.token.as_deref());
            let part_number = case.part_number.to_string();
            let mut query: Vec<(&'static str, &str)> = Vec::new();
            let mut headers: Vec<(&'static str, &str)> = Vec::new();
            match case.operation {
                PresignedOperation::GetObject => {
                    query.push(("response-content-disposition", &case.disposition));
                    if let Some(t) = &case.content_type {
                        query.push(("response-content-type", t));
                    }
                }
                PresignedOperation::PutObject => {
                    if let Some(BodyChecksum::Md5(md5)) = &case.checksum {
                        headers.push(("content-md5", md5));
                    }
                    headers.push(("content-type", case.content_type.as_deref().unwrap_or("application/octet-stream")));
                    if let Some(BodyChecksum::Crc32c(crc)) = &case.checksum {
                        headers.push(("x-amz-checksum-crc32c", crc));
                    }
                    if case.keep_existing {
                        headers.push(("if-none-match", "*"));
                    }
                }
                PresignedOperation::UploadPart => {
                    query.push(("partNumber", &part_number));
                    query.push(("uploadId", &case.upload_id));
                    if let Some(checksum) = &case.checksum {
                        headers.push(checksum.header());
                    }
                }
            }
            let input = PresignInput {
                operation: case.operation,
                bucket: &case.bucket,
                key: &case.key,
                query: &query,
                headers: &headers,
            };
            let config = config(case.start_secs, case.expires_secs);
            let fast = runtime().block_on(session.presign_fast(case.region, &input, &config)).unwrap();
            if case.key.trim().is_empty() {
                prop_assert!(fast.is_none());
                return Ok(());
            }
            // Every bucket name here is a plain one: it must take the fast path.
            prop_assert!(fast.is_some(), "{} took the slow path", case.bucket);
            let fast = fast.unwrap();
            let (sdk, sdk_headers) = runtime().block_on(session.presign_with_sdk(case.region, &input, config)).unwrap();
            prop_assert_eq!(fast, sdk);
            let ours: Vec<(String, String)> = headers.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect();
            prop_assert_eq!(ours, sdk_headers);
        }
    }
}
