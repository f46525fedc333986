//! Sending a file through a pre-signed PUT URL: streamed from disk (memory stays flat),
//! with progress, cancellation and an integrity check afterwards.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use futures_util::StreamExt;
use md5::{Digest, Md5};
use tokio::io::AsyncReadExt;
use tokio_util::io::ReaderStream;
use tokio_util::sync::CancellationToken;

use super::client::Session;
use super::error::{Error, Result};
use super::expiry::Expiry;
use super::location::S3Location;
use super::s3_error::{Subject, classify};

/// Called with the number of bytes sent so far.
pub type ProgressFn = Arc<dyn Fn(u64) + Send + Sync>;

/// Read size per chunk: big enough for loopback speed, small enough for smooth progress.
const CHUNK_BYTES: usize = 256 * 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadedFile {
    pub object: S3Location,
    pub size: u64,
}

/// What the server said after a successful PUT.
pub(crate) struct PutOutcome {
    pub etag: Option<String>,
    pub kms_encrypted: bool,
    pub md5: [u8; 16],
}

fn local_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::LocalFile {
        path: path.to_owned(),
        source,
    }
}

/// One byte range of a file, to be PUT to a pre-signed URL.
pub(crate) struct RangePut<'a> {
    pub url: &'a str,
    pub headers: &'a [(String, String)],
    pub path: &'a Path,
    pub offset: u64,
    pub len: u64,
}

/// Bytes sent so far across all parts; reported through `on_progress`.
pub(crate) struct ProgressCounter {
    sent: std::sync::atomic::AtomicU64,
    on_progress: ProgressFn,
}

impl ProgressCounter {
    pub fn new(on_progress: ProgressFn) -> Arc<Self> {
        Arc::new(Self {
            sent: std::sync::atomic::AtomicU64::new(0),
            on_progress,
        })
    }

    fn add(&self, bytes: u64) {
        let total = self
            .sent
            .fetch_add(bytes, std::sync::atomic::Ordering::Relaxed)
            + bytes;
        (self.on_progress)(total);
    }

    /// Takes back what a failed attempt had counted, before it is retried.
    fn take_back(&self, bytes: u64) {
        let total = self
            .sent
            .fetch_sub(bytes, std::sync::atomic::Ordering::Relaxed)
            .saturating_sub(bytes);
        (self.on_progress)(total);
    }
}

/// PUTs a byte range of a file, streamed from disk, with the given headers.
pub(crate) async fn put_range(
    http: &reqwest::Client,
    put: &RangePut<'_>,
    progress: &Arc<ProgressCounter>,
    subject: Subject<'_>,
) -> Result<PutOutcome> {
    let mut file = tokio::fs::File::open(put.path)
        .await
        .map_err(local_error(put.path))?;
    if put.offset > 0 {
        use tokio::io::AsyncSeekExt;
        file.seek(std::io::SeekFrom::Start(put.offset))
            .await
            .map_err(local_error(put.path))?;
    }
    let hasher = Arc::new(Mutex::new(Md5::new()));
    let attempt_sent = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let stream = {
        let hasher = Arc::clone(&hasher);
        let progress = Arc::clone(progress);
        let attempt_sent = Arc::clone(&attempt_sent);
        ReaderStream::with_capacity(file.take(put.len), CHUNK_BYTES).inspect(move |chunk| {
            if let Ok(bytes) = chunk {
                hasher
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .update(bytes);
                attempt_sent.fetch_add(bytes.len() as u64, std::sync::atomic::Ordering::Relaxed);
                progress.add(bytes.len() as u64);
            }
        })
    };
    let mut request = http
        .put(put.url)
        .header(reqwest::header::CONTENT_LENGTH, put.len)
        .body(reqwest::Body::wrap_stream(stream));
    for (name, value) in put.headers {
        request = request.header(name, value);
    }
    let result = send_checked(request, subject).await;
    if result.is_err() {
        progress.take_back(attempt_sent.load(std::sync::atomic::Ordering::Relaxed));
    }
    let (etag, kms_encrypted) = result?;
    let md5 = hasher
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
        .finalize()
        .into();
    Ok(PutOutcome {
        etag,
        kms_encrypted,
        md5,
    })
}

/// Sends a request; a non-2xx answer becomes the matching error class.
async fn send_checked(
    request: reqwest::RequestBuilder,
    subject: Subject<'_>,
) -> Result<(Option<String>, bool)> {
    let response = request.send().await.map_err(|e| {
        tracing::debug!(error = %e, "upload request failed");
        Error::Network {
            endpoint: subject.endpoint.to_owned(),
        }
    })?;
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let etag = header("etag").map(|e| e.trim_matches('"').to_owned());
    let kms_encrypted = header("x-amz-server-side-encryption").is_some_and(|v| v.contains("kms"));
    if !(200..300).contains(&status) {
        let body = response.text().await.unwrap_or_default();
        return Err(classify(
            status,
            &xml_tag(&body, "Code").unwrap_or_default(),
            &xml_tag(&body, "Message").unwrap_or_default(),
            None,
            subject,
        ));
    }
    Ok((etag, kms_encrypted))
}

/// Runs `attempt` until it succeeds, fails for good, or `attempts` are used up; waits
/// 0.25 s, 0.5 s, 1 s … between tries. Only network trouble and 5xx answers are retried.
pub(crate) async fn with_retries<T, F, Fut>(attempts: u32, mut attempt: F) -> Result<T>
where
    F: FnMut(u32) -> Fut,
    Fut: std::future::Future<Output = Result<T>>,
{
    let mut tries = 0;
    loop {
        match attempt(tries).await {
            Err(e) if e.is_transient() && tries + 1 < attempts => {
                tracing::debug!(error = %e, tries, "retrying");
                tokio::time::sleep(std::time::Duration::from_millis(250 << tries.min(5))).await;
                tries += 1;
            }
            other => return other,
        }
    }
}

/// The text of the first `<tag>…</tag>` in an S3 error document.
pub(crate) fn xml_tag(body: &str, tag: &str) -> Option<String> {
    let start = body.find(&format!("<{tag}>"))? + tag.len() + 2;
    let end = body[start..].find(&format!("</{tag}>"))? + start;
    Some(body[start..end].to_owned())
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn file_size(path: &Path) -> Result<u64> {
    let meta = tokio::fs::metadata(path).await.map_err(local_error(path))?;
    if !meta.is_file() {
        return Err(Error::invalid(
            "file",
            format!("\"{}\" is not a regular file", path.display()),
        ));
    }
    Ok(meta.len())
}

/// How uploads are sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UploadOptions {
    /// Files larger than this use multipart (always above 5 GiB, S3's single-PUT limit).
    pub multipart_threshold: u64,
    /// Size of each part (at least 5 MiB; raised when a file would need over 10 000 parts).
    pub part_size: u64,
    /// Parts sent at once.
    pub jobs: usize,
    /// Tries per request (network trouble and 5xx answers are retried).
    pub attempts: u32,
}

pub const MIB: u64 = 1024 * 1024;
/// S3's limits for multipart uploads.
pub const MIN_PART_SIZE: u64 = 5 * MIB;
pub const MAX_SINGLE_PUT: u64 = 5 * 1024 * MIB;
pub const MAX_PARTS: u64 = 10_000;

impl Default for UploadOptions {
    fn default() -> Self {
        Self {
            multipart_threshold: 64 * MIB,
            part_size: 16 * MIB,
            jobs: 4,
            attempts: 4,
        }
    }
}

impl UploadOptions {
    pub fn uses_multipart(&self, size: u64) -> bool {
        size > self.multipart_threshold.min(MAX_SINGLE_PUT)
    }

    /// The part size for a file: as set, but at least 5 MiB and few enough parts.
    pub fn part_size_for(&self, size: u64) -> u64 {
        self.part_size
            .max(MIN_PART_SIZE)
            .max(size.div_ceil(MAX_PARTS))
    }
}

/// What an upload sent, to check against what the server stored.
pub(crate) struct SentFile {
    pub etag: Option<String>,
    pub kms_encrypted: bool,
    /// The ETag S3 gives such an upload when nothing was lost: the MD5, or for multipart
    /// the MD5 of the parts' MD5s with `-N`.
    pub expected_etag: String,
}

impl Session {
    /// Uploads one file to `object` through pre-signed URLs with the default options.
    pub async fn upload_file(
        &self,
        path: &Path,
        object: &S3Location,
        content_type: Option<&str>,
        on_progress: ProgressFn,
        cancel: CancellationToken,
    ) -> Result<UploadedFile> {
        self.upload_file_with(
            path,
            object,
            content_type,
            &UploadOptions::default(),
            on_progress,
            cancel,
        )
        .await
    }

    /// Uploads one file to `object` through pre-signed URLs (one PUT, or multipart for
    /// big files), then checks that what arrived is what was sent (size, and the ETag where
    /// the server gives an MD5-based one). On cancel, failure, or a file that changed
    /// meanwhile, nothing new is left under `object` and no multipart upload stays open.
    pub async fn upload_file_with(
        &self,
        path: &Path,
        object: &S3Location,
        content_type: Option<&str>,
        options: &UploadOptions,
        on_progress: ProgressFn,
        cancel: CancellationToken,
    ) -> Result<UploadedFile> {
        if object.key.is_empty() || object.key.ends_with('/') {
            return Err(Error::invalid(
                "destination",
                "the upload needs a file name",
            ));
        }
        let size = file_size(path).await?;
        let progress = ProgressCounter::new(on_progress);
        let sent = if options.uses_multipart(size) {
            self.upload_multipart(
                path,
                object,
                content_type,
                size,
                options,
                &progress,
                &cancel,
            )
            .await
        } else {
            let single = self.upload_single(path, object, content_type, size, options, &progress);
            tokio::select! {
                sent = single => sent,
                () = cancel.cancelled() => Err(Error::Cancelled),
            }
        };
        let changed = file_size(path).await.map_or(true, |now| now != size);
        let sent = match sent {
            Ok(_) if changed => {
                self.discard(object).await;
                return Err(Error::FileChanged {
                    path: PathBuf::from(path),
                });
            }
            Err(e) if changed && !matches!(e, Error::Cancelled) => {
                return Err(Error::FileChanged {
                    path: PathBuf::from(path),
                });
            }
            other => other?,
        };
        self.verify(object, size, &sent).await
    }

    async fn upload_single(
        &self,
        path: &Path,
        object: &S3Location,
        content_type: Option<&str>,
        size: u64,
        options: &UploadOptions,
        progress: &Arc<ProgressCounter>,
    ) -> Result<SentFile> {
        let link = self
            .upload_link(object, Expiry::ONE_DAY, content_type)
            .await?;
        let subject = self.subject(Some(&object.bucket), Some(&object.key));
        let put = RangePut {
            url: &link.url,
            headers: &link.headers,
            path,
            offset: 0,
            len: size,
        };
        let outcome = with_retries(options.attempts, |_| {
            put_range(self.http(), &put, progress, subject)
        })
        .await?;
        Ok(SentFile {
            etag: outcome.etag,
            kms_encrypted: outcome.kms_encrypted,
            expected_etag: hex(&outcome.md5),
        })
    }

    async fn verify(
        &self,
        object: &S3Location,
        size: u64,
        sent: &SentFile,
    ) -> Result<UploadedFile> {
        let info = self.head_object(object).await?;
        let etag_checkable = sent.etag.as_deref().is_some_and(|e| {
            let (hash, _) = e.split_once('-').unwrap_or((e, ""));
            hash.len() == 32 && hash.chars().all(|c| c.is_ascii_hexdigit())
        });
        let problem = if info.size != size {
            Some(format!("{} bytes arrived of {size}", info.size))
        } else if etag_checkable
            && !sent.kms_encrypted
            && sent.etag.as_deref() != Some(sent.expected_etag.as_str())
        {
            Some("the checksum does not match".to_owned())
        } else {
            None
        };
        if let Some(detail) = problem {
            self.discard(object).await;
            return Err(Error::UploadCorrupted {
                key: object.key.clone(),
                detail,
            });
        }
        Ok(UploadedFile {
            object: object.clone(),
            size,
        })
    }

    /// Best-effort removal of a bad upload; the caller reports the original problem.
    pub(crate) async fn discard(&self, object: &S3Location) {
        if let Err(e) = self.delete_object(object).await {
            tracing::warn!(error = %e, key = %object.key, "could not remove a failed upload");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_error_codes() {
        let body = "<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>";
        assert_eq!(xml_tag(body, "Code").as_deref(), Some("AccessDenied"));
        assert_eq!(
            xml_tag(body, "Message").as_deref(),
            Some("Request has expired")
        );
        assert_eq!(xml_tag("", "Code"), None);
    }
}
