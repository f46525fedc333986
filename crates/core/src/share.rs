//! Pre-signed links: GET links to share a file, PUT links to receive one. Signed by
//! `Session::presign_fast` (AWS's `aws-sigv4` signer without the SDK's request pipeline),
//! or by the SDK's presigner for the buckets that path leaves to it.

use chrono::{DateTime, Utc};

use super::body_checksum::{BodyChecksum, CRC32C_HEADER};
use super::browse::ObjectInfo;
use super::client::{PresignInput, PresignedOperation, Session};
use super::disposition::{LinkMode, content_disposition, guess_content_type, inline_content_type};
use super::error::{Error, Result};
use super::expiry::Expiry;
use super::location::S3Location;

/// What a PUT link signs in besides the key: the uploader must send exactly these.
#[derive(Clone, Debug)]
pub(crate) struct PutRequest {
    pub content_type: String,
    /// Checksum of the body: the server refuses a body that differs.
    pub checksum: Option<BodyChecksum>,
    /// `If-None-Match: *`: the server refuses to replace an existing file.
    pub keep_existing: bool,
}

/// Links made at once for a multi-file selection.
const LINKS_AT_ONCE: usize = 8;

/// Why a link stops working when it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpiryReason {
    /// The lifetime the user asked for.
    Requested,
    /// The temporary credentials that signed it end sooner.
    CredentialsSession,
}

/// Something the person handing out a link should know about it. The sentences live here,
/// once, for the CLI, the `--json` output, the window and the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkWarning {
    /// Signed with temporary keys (a session token) whose end is not known: the link stops
    /// working when that session ends, which may be before the time shown.
    SessionEndUnknown,
}

impl LinkWarning {
    /// A few words for a list (history): "may stop early".
    pub fn short(self) -> String {
        match self {
            LinkWarning::SessionEndUnknown => crate::tr!("share-warning-session-short"),
        }
    }
}

impl std::fmt::Display for LinkWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            LinkWarning::SessionEndUnknown => crate::tr!("share-warning-session"),
        })
    }
}

/// `--json`: each warning as its code and its sentence.
fn warnings_with_text<S: serde::Serializer>(
    warnings: &[LinkWarning],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    #[derive(serde::Serialize)]
    struct Shown {
        code: LinkWarning,
        message: String,
    }
    let mut seq = serializer.serialize_seq(Some(warnings.len()))?;
    for w in warnings {
        seq.serialize_element(&Shown {
            code: *w,
            message: w.to_string(),
        })?;
    }
    seq.end()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareRequest {
    pub object: S3Location,
    pub expiry: Expiry,
    pub mode: LinkMode,
    /// Check the object exists first (HEAD), so a missing file is reported now.
    pub check_exists: bool,
}

impl ShareRequest {
    /// A link to `object`, checked to exist first (so a missing file is reported now).
    pub fn new(object: S3Location, expiry: Expiry, mode: LinkMode) -> Self {
        Self {
            object,
            expiry,
            mode,
            check_exists: true,
        }
    }

    /// One request per object, all with the same lifetime and mode (several files shared
    /// at once, in the order given).
    pub fn for_each(
        objects: impl IntoIterator<Item = S3Location>,
        expiry: Expiry,
        mode: &LinkMode,
    ) -> Vec<Self> {
        objects
            .into_iter()
            .map(|object| Self::new(object, expiry, mode.clone()))
            .collect()
    }

    /// With `check` off, the link is signed without asking whether the file exists
    /// (`--no-check`; files that were just uploaded).
    #[must_use]
    pub fn with_check(mut self, check: bool) -> Self {
        self.check_exists = check;
        self
    }
}

/// A `Debug` of it hides the signature and session token (see [`redact_url`]).
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
pub struct ShareLink {
    pub url: String,
    pub object: S3Location,
    #[serde(flatten)]
    pub mode: LinkMode,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub expiry_reason: ExpiryReason,
    /// What the existence check found (size, type); `None` with `check_exists` off.
    pub info: Option<ObjectInfo>,
    /// Said wherever the link is shown (stderr, `--json`, the window, the history).
    #[serde(serialize_with = "warnings_with_text")]
    pub warnings: Vec<LinkWarning>,
}

/// Links signed together by [`Session::sign_downloads`], in the order asked; all end at
/// `expires_at`. A `Debug` of it hides the signatures.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedBatch {
    pub urls: Vec<String>,
    /// When they were signed (whole seconds, the service's time).
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub expiry_reason: ExpiryReason,
    pub warnings: Vec<LinkWarning>,
}

impl std::fmt::Debug for SignedBatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedBatch")
            .field(
                "urls",
                &self.urls.iter().map(|u| redact_url(u)).collect::<Vec<_>>(),
            )
            .field("created_at", &self.created_at)
            .field("expires_at", &self.expires_at)
            .field("expiry_reason", &self.expiry_reason)
            .field("warnings", &self.warnings)
            .finish()
    }
}

/// A `Debug` of it hides the signature and session token (see [`redact_url`]).
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
pub struct UploadLink {
    pub url: String,
    pub object: S3Location,
    pub content_type: String,
    pub expires_at: DateTime<Utc>,
    pub expiry_reason: ExpiryReason,
    /// Exactly the headers an uploader must send with the PUT.
    pub headers: Vec<(String, String)>,
    #[serde(serialize_with = "warnings_with_text")]
    pub warnings: Vec<LinkWarning>,
}

impl UploadLink {
    /// A ready-to-run `curl` command for this link.
    pub fn curl_command(&self, file: &str) -> String {
        let mut cmd = format!("curl --fail -T {}", shell_quote(file));
        for (name, value) in &self.headers {
            cmd.push_str(&format!(" -H {}", shell_quote(&format!("{name}: {value}"))));
        }
        cmd.push(' ');
        cmd.push_str(&shell_quote(&self.url));
        cmd
    }
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Hides the signature and session token of a pre-signed URL, for logs and messages.
pub fn redact_url(url: &str) -> String {
    let Ok(mut parsed) = url::Url::parse(url) else {
        return redact_secrets(url).into_owned();
    };
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .map(|(k, v)| {
            let secret = k.eq_ignore_ascii_case("X-Amz-Signature")
                || k.eq_ignore_ascii_case("X-Amz-Security-Token");
            (
                k.into_owned(),
                if secret {
                    "REDACTED".to_owned()
                } else {
                    v.into_owned()
                },
            )
        })
        .collect();
    if !pairs.is_empty() {
        parsed.query_pairs_mut().clear().extend_pairs(pairs);
    }
    parsed.to_string()
}

/// Names whose value is a secret wherever it appears in text: query parameters
/// (`X-Amz-Signature=…`, `X-Amz-Security-Token=…`, `X-Amz-Credential=…`), headers
/// (`x-amz-security-token: …`) and the `Authorization` header (`Credential=…, Signature=…`).
const SECRET_NAMES: [&str; 3] = ["signature", "security-token", "credential"];

/// Characters a secret value is made of (hex, base64, percent-encoding, credential scope).
fn is_secret_value_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'%' | b'+' | b'/' | b'=' | b'-' | b'_' | b'.' | b'~')
}

/// Replaces the value after every `signature`, `security-token` and `credential` name
/// (any case, followed by `=`, `:`, `%3D` and quotes or spaces) with `REDACTED`. Used for
/// everything written to the log and for error text that came from elsewhere.
pub fn redact_secrets(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let lower = text.to_ascii_lowercase().into_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let Some(name) = SECRET_NAMES
            .iter()
            .find(|n| lower[i..].starts_with(n.as_bytes()))
        else {
            i += 1;
            continue;
        };
        let mut j = i + name.len();
        let mut assigned = false;
        loop {
            match bytes.get(j) {
                Some(b'=' | b':') => assigned = true,
                Some(b'"' | b'\'' | b' ' | b'\\') => {}
                Some(b'%') if lower[j..].starts_with(b"%3d") || lower[j..].starts_with(b"%3a") => {
                    assigned = true;
                    j += 2;
                }
                _ => break,
            }
            j += 1;
        }
        let start = j;
        while j < bytes.len() && is_secret_value_char(bytes[j]) {
            j += 1;
        }
        if assigned && j > start && &text[start..j] != "REDACTED" {
            out.push_str(&text[copied..start]);
            out.push_str("REDACTED");
            copied = j;
        }
        i = j.max(i + 1);
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    std::borrow::Cow::Owned(out)
}

impl std::fmt::Debug for ShareLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShareLink")
            .field("url", &redact_url(&self.url))
            .field("object", &self.object)
            .field("mode", &self.mode)
            .field("created_at", &self.created_at)
            .field("expires_at", &self.expires_at)
            .field("expiry_reason", &self.expiry_reason)
            .field("info", &self.info)
            .field("warnings", &self.warnings)
            .finish()
    }
}

impl std::fmt::Debug for UploadLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UploadLink")
            .field("url", &redact_url(&self.url))
            .field("object", &self.object)
            .field("content_type", &self.content_type)
            .field("expires_at", &self.expires_at)
            .field("expiry_reason", &self.expiry_reason)
            .field("headers", &self.headers)
            .field("warnings", &self.warnings)
            .finish()
    }
}

impl Session {
    pub async fn share_link(&self, request: &ShareRequest) -> Result<ShareLink> {
        let object = &request.object;
        if !object.is_object() {
            return Err(Error::invalid("file", "pick a file, not a folder"));
        }
        // A download without a chosen name saves under the key's own file name.
        let mode = match &request.mode {
            LinkMode::Attachment { filename: None } => LinkMode::Attachment {
                filename: Some(object.file_name().to_owned()),
            },
            other => other.clone(),
        };
        let disposition = content_disposition(&mode)?;
        let info = if request.check_exists {
            Some(self.head_object(object).await?)
        } else {
            None
        };
        let content_type = match (&mode, &info) {
            (LinkMode::Inline, Some(info)) => {
                inline_content_type(info.content_type.as_deref(), &object.key)
            }
            _ => None,
        };
        // Region detection is also the first answer from the service when nothing was
        // checked: it tells the service's clock before anything is signed.
        let region = if request.check_exists {
            self.bucket_region(&object.bucket).await?
        } else {
            self.region_for_signing(&object.bucket).await
        };
        let (expires_at, expiry_reason, warnings) = self.effective_expiry(request.expiry).await?;
        let config = self.presigning_config(request.expiry.as_duration())?;
        let mut query = vec![("response-content-disposition", disposition.as_str())];
        if let Some(t) = &content_type {
            query.push(("response-content-type", t.as_str()));
        }
        let input = PresignInput {
            operation: PresignedOperation::GetObject,
            bucket: &object.bucket,
            key: &object.key,
            query: &query,
            headers: &[],
        };
        let (url, _) = self.presign(&region, &input, config).await?;
        tracing::debug!(url = %redact_url(&url), "made share link");
        Ok(ShareLink {
            url,
            object: object.clone(),
            mode,
            created_at: self.now_utc(),
            expires_at,
            expiry_reason,
            info,
            warnings,
        })
    }

    /// Links for many files, in order, all or none. A few are made at once, never one
    /// request per file racing the server.
    pub async fn share_links(&self, requests: &[ShareRequest]) -> Result<Vec<ShareLink>> {
        use futures_util::{StreamExt, TryStreamExt};
        // Owned requests: a stream of futures borrowing each item is not `Send` enough
        // for a spawned task.
        futures_util::stream::iter(requests.to_vec())
            .map(|request| async move { self.share_link(&request).await })
            .buffered(LINKS_AT_ONCE)
            .try_collect()
            .await
    }

    /// GET links for many objects of one bucket, signed together: one region lookup, one
    /// start time, no request per file (a listing already said they exist), so a thousand
    /// links take milliseconds and all of them end at the same second
    /// ([`SignedBatch::expires_at`]). `mode` gives each key's open/download choice.
    pub async fn sign_downloads(
        &self,
        bucket: &str,
        keys: &[(String, LinkMode)],
        expiry: Expiry,
    ) -> Result<SignedBatch> {
        // Whole seconds: the signature's date has no fraction, so neither does the end.
        let now = self.now_utc();
        let start = DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
        self.sign_downloads_at(bucket, keys, expiry, start).await
    }

    /// [`sign_downloads`](Self::sign_downloads) with the start time of an earlier batch
    /// (its `created_at`), so the two end at the same second.
    pub async fn sign_downloads_at(
        &self,
        bucket: &str,
        keys: &[(String, LinkMode)],
        expiry: Expiry,
        start: DateTime<Utc>,
    ) -> Result<SignedBatch> {
        let region = self.bucket_region(bucket).await?;
        let (expires_at, expiry_reason, warnings) =
            self.effective_expiry_from(start, expiry).await?;
        let config = self.presigning_config_at(start.into(), expiry.as_duration())?;
        let mut urls = Vec::with_capacity(keys.len());
        for (key, mode) in keys {
            if key.is_empty() || key.ends_with('/') {
                return Err(Error::invalid("file", "pick a file, not a folder"));
            }
            let disposition = content_disposition(mode)?;
            let input = PresignInput {
                operation: PresignedOperation::GetObject,
                bucket,
                key,
                query: &[("response-content-disposition", disposition.as_str())],
                headers: &[],
            };
            let (url, _) = self.presign(&region, &input, config.clone()).await?;
            urls.push(url);
        }
        Ok(SignedBatch {
            urls,
            created_at: start,
            expires_at,
            expiry_reason,
            warnings,
        })
    }

    /// A PUT link for `object`; the uploader must send `Content-Type` as given (or as
    /// guessed from the key) and nothing else.
    pub async fn upload_link(
        &self,
        object: &S3Location,
        expiry: Expiry,
        content_type: Option<&str>,
    ) -> Result<UploadLink> {
        self.upload_link_with(object, expiry, content_type, false)
            .await
    }

    /// Like [`upload_link`](Self::upload_link), but the upload is refused (412) if a file
    /// exists at the key by then, so a link handed out for a free name never replaces a
    /// file that appeared meanwhile. The uploader also sends `If-None-Match: *`.
    pub async fn upload_link_for_new_file(
        &self,
        object: &S3Location,
        expiry: Expiry,
        content_type: Option<&str>,
    ) -> Result<UploadLink> {
        self.upload_link_with(object, expiry, content_type, true)
            .await
    }

    async fn upload_link_with(
        &self,
        object: &S3Location,
        expiry: Expiry,
        content_type: Option<&str>,
        keep_existing: bool,
    ) -> Result<UploadLink> {
        if !object.is_object() {
            return Err(Error::invalid(
                "location",
                "an upload link needs a file name at the end (s3://bucket/folder/name.pdf)",
            ));
        }
        let content_type = match content_type.map(str::trim) {
            Some(t) if !t.is_empty() => {
                if t.parse::<mime_guess::Mime>().is_err() {
                    return Err(Error::invalid(
                        "content type",
                        format!("\"{t}\" is not a content type (like application/pdf)"),
                    ));
                }
                t.to_owned()
            }
            _ => guess_content_type(object.file_name()),
        };
        self.signed_put(
            object,
            expiry,
            PutRequest {
                content_type,
                checksum: None,
                keep_existing,
            },
        )
        .await
    }

    /// A PUT link as described by `put`.
    pub(crate) async fn signed_put(
        &self,
        object: &S3Location,
        expiry: Expiry,
        put: PutRequest,
    ) -> Result<UploadLink> {
        let region = self.bucket_region(&object.bucket).await?;
        let (expires_at, expiry_reason, warnings) = self.effective_expiry(expiry).await?;
        let config = self.presigning_config(expiry.as_duration())?;
        // In the order the SDK's serializer writes them (see `PresignInput::headers`).
        let mut signed_headers = Vec::with_capacity(3);
        if let Some(BodyChecksum::Md5(md5)) = &put.checksum {
            signed_headers.push(("content-md5", md5.as_str()));
        }
        signed_headers.push(("content-type", put.content_type.as_str()));
        if let Some(BodyChecksum::Crc32c(crc)) = &put.checksum {
            signed_headers.push((CRC32C_HEADER, crc.as_str()));
        }
        if put.keep_existing {
            signed_headers.push(("if-none-match", "*"));
        }
        let input = PresignInput {
            operation: PresignedOperation::PutObject,
            bucket: &object.bucket,
            key: &object.key,
            query: &[],
            headers: &signed_headers,
        };
        let (url, headers) = self.presign(&region, &input, config).await?;
        Ok(UploadLink {
            url,
            object: object.clone(),
            content_type: put.content_type,
            expires_at,
            expiry_reason,
            headers: headers
                .into_iter()
                .map(|(name, value)| (canonical_header_name(&name), value))
                .collect(),
            warnings,
        })
    }

    /// Requested lifetime, cut short by the end of temporary credentials; a warning when
    /// they are temporary and their end is unknown.
    pub(crate) async fn effective_expiry(
        &self,
        expiry: Expiry,
    ) -> Result<(DateTime<Utc>, ExpiryReason, Vec<LinkWarning>)> {
        self.effective_expiry_from(self.now_utc(), expiry).await
    }

    /// [`effective_expiry`](Self::effective_expiry) of links signed at `start`.
    async fn effective_expiry_from(
        &self,
        start: DateTime<Utc>,
        expiry: Expiry,
    ) -> Result<(DateTime<Utc>, ExpiryReason, Vec<LinkWarning>)> {
        let requested =
            start + chrono::Duration::seconds(i64::try_from(expiry.as_secs()).unwrap_or(i64::MAX));
        let creds = self.credentials_info().await?;
        let (at, reason) = match creds.expires_at {
            Some(end) if creds.temporary && end < requested => {
                (end, ExpiryReason::CredentialsSession)
            }
            _ => (requested, ExpiryReason::Requested),
        };
        Ok((at, reason, link_warnings(&creds)))
    }

    /// What links signed now would carry as warnings (for commands that sign later).
    pub async fn link_warnings(&self) -> Result<Vec<LinkWarning>> {
        Ok(link_warnings(&self.credentials_info().await?))
    }
}

fn link_warnings(creds: &super::credentials::CredentialsInfo) -> Vec<LinkWarning> {
    if creds.temporary && creds.expires_at.is_none() {
        vec![LinkWarning::SessionEndUnknown]
    } else {
        Vec::new()
    }
}

fn canonical_header_name(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prop_assert;
    use proptest::prop_assert_eq;

    #[test]
    fn requests_are_made_one_way() {
        let a = S3Location::new("bucket", "a.txt").unwrap();
        let b = S3Location::new("bucket", "b.txt").unwrap();
        let mode = LinkMode::from_download(true, None);
        let requests = ShareRequest::for_each([a.clone(), b.clone()], Expiry::ONE_HOUR, &mode);
        assert_eq!(
            requests,
            [
                ShareRequest::new(a.clone(), Expiry::ONE_HOUR, mode.clone()),
                ShareRequest::new(b, Expiry::ONE_HOUR, mode.clone()),
            ]
        );
        assert!(requests.iter().all(|r| r.check_exists));
        let unchecked = ShareRequest::new(a, Expiry::ONE_DAY, LinkMode::Inline).with_check(false);
        assert!(!unchecked.check_exists);
    }

    #[test]
    fn redacts_signature_and_token() {
        let url = "http://127.0.0.1:9/b/k?X-Amz-Expires=60&X-Amz-Security-Token=tok%2Fen&X-Amz-Signature=abcdef";
        let red = redact_url(url);
        assert!(!red.contains("abcdef") && !red.contains("tok"), "{red}");
        assert!(red.contains("X-Amz-Expires=60"));
        assert!(red.contains("X-Amz-Signature=REDACTED"));
    }

    #[test]
    fn debug_of_links_hides_the_signature() {
        let url = "http://127.0.0.1:9/b/k?X-Amz-Security-Token=tok3n&X-Amz-Signature=0123abcd";
        let share = ShareLink {
            url: url.to_owned(),
            object: S3Location::new("bbb", "k").unwrap(),
            mode: LinkMode::Inline,
            created_at: Utc::now(),
            expires_at: Utc::now(),
            expiry_reason: ExpiryReason::Requested,
            info: None,
            warnings: Vec::new(),
        };
        let upload = UploadLink {
            url: url.to_owned(),
            object: S3Location::new("bbb", "k").unwrap(),
            content_type: "text/plain".to_owned(),
            expires_at: Utc::now(),
            expiry_reason: ExpiryReason::Requested,
            headers: Vec::new(),
            warnings: Vec::new(),
        };
        for text in [format!("{share:?}"), format!("{upload:#?}")] {
            assert!(
                !text.contains("0123abcd") && !text.contains("tok3n"),
                "{text}"
            );
            assert!(text.contains("X-Amz-Signature=REDACTED"), "{text}");
        }
    }

    #[test]
    fn redacts_secrets_in_any_text() {
        let cases = [
            (
                "error sending request for url (http://h/b/k?X-Amz-Credential=AK%2F2026&X-Amz-Signature=abc123&x=1)",
                "error sending request for url (http://h/b/k?X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED&x=1)",
            ),
            (
                "authorization: AWS4-HMAC-SHA256 Credential=AK/2026/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-security-token, Signature=ff00",
                "authorization: AWS4-HMAC-SHA256 Credential=REDACTED, SignedHeaders=host;x-amz-security-token, Signature=REDACTED",
            ),
            (
                "{\"x-amz-security-token\": \"Fw+/tok==\"}",
                "{\"x-amz-security-token\": \"REDACTED\"}",
            ),
            (
                "x-amz-security-token:tok\n",
                "x-amz-security-token:REDACTED\n",
            ),
            // Percent-encoded text (a mailto body): the rest of the run goes too.
            (
                "body=X-Amz-Signature%3Dabc%26x%3D1 end",
                "body=X-Amz-Signature%3DREDACTED end",
            ),
            (
                "SignatureDoesNotMatch: the link's signature. Check it",
                "SignatureDoesNotMatch: the link's signature. Check it",
            ),
            ("résumé signature=é", "résumé signature=é"),
        ];
        for (text, expected) in cases {
            assert_eq!(redact_secrets(text), expected);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn redaction_never_panics_and_hides_the_value(
            before in "[0-9 ,;&?(){}é日]{0,30}",
            name in "(X-Amz-Signature|x-amz-security-token|X-AMZ-CREDENTIAL|Signature)",
            sep in "(=|: |\": \"|%3D)",
            value in "[A-Za-z0-9][A-Za-z0-9%+/=_.~-]{0,79}",
            after in "([&,;\" ]\\PC{0,20})?",
            noise in "\\PC{0,60}",
        ) {
            let _ = redact_secrets(&noise);
            let text = format!("{before}{name}{sep}{value}{after}");
            let red = redact_secrets(&text);
            prop_assert!(red.contains(&format!("{name}{sep}REDACTED")), "{red}");
            prop_assert_eq!(redact_secrets(&red), red.clone());
        }
    }

    #[test]
    fn curl_command_quotes_everything() {
        let link = UploadLink {
            url: "http://h/b/it's?a=1&b=2".to_owned(),
            object: S3Location::new("bbb", "it's").unwrap(),
            content_type: "text/plain".to_owned(),
            expires_at: Utc::now(),
            expiry_reason: ExpiryReason::Requested,
            headers: vec![("Content-Type".to_owned(), "text/plain".to_owned())],
            warnings: Vec::new(),
        };
        assert_eq!(
            link.curl_command("my file.txt"),
            r"curl --fail -T 'my file.txt' -H 'Content-Type: text/plain' 'http://h/b/it'\''s?a=1&b=2'"
        );
    }

    #[test]
    fn header_names_are_capitalised() {
        assert_eq!(canonical_header_name("content-type"), "Content-Type");
        assert_eq!(canonical_header_name("x-amz-acl"), "X-Amz-Acl");
    }
}
