//! Sending a file through a pre-signed PUT URL: streamed from disk (memory stays flat),
//! with progress, cancellation and an integrity check afterwards.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use futures_util::StreamExt;
use tokio_util::sync::CancellationToken;

use super::client::Session;
use super::disposition::guess_content_type;
use super::error::{Error, Result};
use super::expiry::Expiry;
use super::location::S3Location;
use super::read_ahead::read_ahead;
use super::s3_error::{Subject, classify};
use super::share::PutRequest;

/// Called with the number of bytes sent so far.
pub type ProgressFn = Arc<dyn Fn(u64) + Send + Sync>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadedFile {
    pub object: S3Location,
    pub size: u64,
}

/// What the server said after a successful PUT.
pub(crate) struct PutOutcome {
    /// Whatever the server calls it: an MD5 on plain buckets, anything on encrypted ones.
    pub etag: Option<String>,
}

pub(crate) fn local_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::LocalFile {
        path: path.to_owned(),
        source,
    }
}

/// One byte range of a file, to be PUT to a pre-signed URL whose signed checksum lets
/// the server refuse a body that was damaged (or changed) on the way.
pub(crate) struct RangePut<'a> {
    pub url: &'a str,
    pub headers: &'a [(String, String)],
    pub path: &'a Path,
    /// The file as planned: opened only if it is still that file.
    pub snapshot: &'a FileSnapshot,
    pub offset: u64,
    pub len: u64,
}

/// Bytes sent so far across all parts; reported through `on_progress`.
pub(crate) struct ProgressCounter {
    sent: AtomicU64,
    on_progress: ProgressFn,
}

impl ProgressCounter {
    pub fn new(on_progress: ProgressFn) -> Arc<Self> {
        Arc::new(Self {
            sent: AtomicU64::new(0),
            on_progress,
        })
    }

    fn add(&self, bytes: u64) {
        let total = self.sent.fetch_add(bytes, Ordering::Relaxed) + bytes;
        (self.on_progress)(total);
    }

    /// Takes back what a failed attempt had counted, before it is retried.
    fn take_back(&self, bytes: u64) {
        let total = self
            .sent
            .fetch_sub(bytes, Ordering::Relaxed)
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
    // A file changed since the digest was taken would only be refused by the server.
    if !put.snapshot.still_matches(put.path).await {
        return Err(Error::FileChanged {
            path: put.path.to_owned(),
        });
    }
    let mut file = put.snapshot.open(put.path)?;
    std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(put.offset))
        .map_err(local_error(put.path))?;
    let attempt_sent = Arc::new(AtomicU64::new(0));
    let stream = {
        let progress = Arc::clone(progress);
        let attempt_sent = Arc::clone(&attempt_sent);
        read_ahead(file, put.len).inspect(move |chunk| {
            if let Ok(bytes) = chunk {
                attempt_sent.fetch_add(bytes.len() as u64, Ordering::Relaxed);
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
        progress.take_back(attempt_sent.load(Ordering::Relaxed));
    }
    let answer = result?;
    Ok(PutOutcome {
        etag: answer
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(|e| e.trim_matches('"').to_owned()),
    })
}

/// Sends a request; a non-2xx answer becomes the matching error class. Returns the
/// headers of a successful answer.
pub(crate) async fn send_checked(
    request: reqwest::RequestBuilder,
    subject: Subject<'_>,
) -> Result<reqwest::header::HeaderMap> {
    let response = request.send().await.map_err(|e| {
        tracing::debug!(error = %e.without_url(), "upload request failed");
        Error::Network {
            endpoint: subject.endpoint.to_owned(),
        }
    })?;
    let status = response.status().as_u16();
    if !(200..300).contains(&status) {
        let body = response.text().await.unwrap_or_default();
        let code = xml_tag(&body, "Code").unwrap_or_default();
        if status == 412 {
            return Err(Error::ObjectExists {
                bucket: subject.bucket.unwrap_or_default().to_owned(),
                key: subject.key.unwrap_or_default().to_owned(),
            });
        }
        // MinIO names a wrong `x-amz-checksum-*` XAmzContentChecksumMismatch.
        if matches!(
            code.as_str(),
            "BadDigest" | "InvalidDigest" | "XAmzContentChecksumMismatch"
        ) {
            return Err(Error::UploadCorrupted {
                key: subject.key.unwrap_or_default().to_owned(),
                detail: "the storage service found it damaged on the way and refused it".to_owned(),
            });
        }
        return Err(classify(
            status,
            &code,
            &xml_tag(&body, "Message").unwrap_or_default(),
            None,
            subject,
        ));
    }
    Ok(response.headers().clone())
}

/// Runs `attempt` until it succeeds, fails for good, or `attempts` are used up; waits
/// 0.25 s, 0.5 s, 1 s … between tries. Network trouble, 5xx answers and bodies the server
/// refused as damaged are retried.
pub(crate) async fn with_retries<T, F, Fut>(attempts: u32, mut attempt: F) -> Result<T>
where
    F: FnMut(u32) -> Fut,
    Fut: std::future::Future<Output = Result<T>>,
{
    let mut tries = 0;
    loop {
        match attempt(tries).await {
            Err(e)
                if (e.is_transient() || matches!(e, Error::UploadCorrupted { .. }))
                    && tries + 1 < attempts =>
            {
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

/// What a file looked like when its upload started; any difference later means it was
/// written to, or replaced, while being sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FileSnapshot {
    pub len: u64,
    modified: Option<SystemTime>,
    /// Device and inode: the same file, not another one renamed into its place.
    identity: (u64, u64),
}

impl FileSnapshot {
    /// The file at `path` itself: a symbolic link is refused, never followed.
    pub(crate) async fn take(path: &Path) -> Result<Self> {
        let meta = tokio::fs::symlink_metadata(path)
            .await
            .map_err(local_error(path))?;
        if !meta.is_file() {
            return Err(Error::invalid(
                "file",
                format!("\"{}\" is not a regular file", path.display()),
            ));
        }
        Ok(Self::of(&meta))
    }

    fn of(meta: &std::fs::Metadata) -> Self {
        #[cfg(unix)]
        let identity = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let identity = (0, 0);
        Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            identity,
        }
    }

    /// The file is still as it was (a file that cannot be read any more counts as changed).
    pub(crate) async fn still_matches(&self, path: &Path) -> bool {
        Self::take(path).await.is_ok_and(|now| now == *self)
    }

    /// Opens the file for reading without following a symbolic link, and only if it is
    /// still the file this snapshot describes.
    pub(crate) fn open(&self, path: &Path) -> Result<std::fs::File> {
        let mut options = std::fs::OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW);
        }
        let file = options.open(path).map_err(local_error(path))?;
        let now = file.metadata().map_err(local_error(path))?;
        if Self::of(&now) != *self {
            return Err(Error::FileChanged {
                path: path.to_owned(),
            });
        }
        Ok(file)
    }
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
    /// Refuse (`ObjectExists`) instead of replacing a file that is at the key when the
    /// upload lands, even one that appeared after the user was asked (`If-None-Match: *`
    /// signed into the PUT and the multipart completion).
    pub keep_existing: bool,
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
            keep_existing: false,
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
    /// big files). Every PUT carries a signed checksum, so the server itself refuses
    /// a damaged body before it stores or replaces anything; that works on encrypted
    /// buckets too, where the ETag is not an MD5. Nothing is ever deleted afterwards
    /// because of a client-side comparison. On cancel or failure no multipart upload
    /// stays open (or it is remembered and aborted on the next start).
    pub async fn upload_file_with(
        &self,
        path: &Path,
        object: &S3Location,
        content_type: Option<&str>,
        options: &UploadOptions,
        on_progress: ProgressFn,
        cancel: CancellationToken,
    ) -> Result<UploadedFile> {
        if !object.is_object() {
            return Err(Error::invalid(
                "destination",
                "the upload needs a file name",
            ));
        }
        let before = FileSnapshot::take(path).await?;
        let size = before.len;
        let progress = ProgressCounter::new(on_progress);
        let content_type = content_type
            .map(str::to_owned)
            .unwrap_or_else(|| guess_content_type(object.file_name()));
        let sent = if options.uses_multipart(size) {
            self.upload_multipart(
                path,
                object,
                &content_type,
                &before,
                options,
                &progress,
                &cancel,
            )
            .await
        } else {
            let single =
                self.upload_single(path, object, content_type, &before, options, &progress);
            tokio::select! {
                sent = single => sent,
                () = cancel.cancelled() => Err(Error::Cancelled),
            }
        };
        let unchanged = before.still_matches(path).await;
        match sent {
            Err(Error::Cancelled) => return Err(Error::Cancelled),
            // What was stored is the file as it was when the upload started (the digest
            // was computed first and checked by the server); it is kept, but not shared.
            _ if !unchanged => {
                return Err(Error::FileChanged {
                    path: PathBuf::from(path),
                });
            }
            other => other?,
        }
        self.check_stored_size(object, size).await
    }

    async fn upload_single(
        &self,
        path: &Path,
        object: &S3Location,
        content_type: String,
        before: &FileSnapshot,
        options: &UploadOptions,
        progress: &Arc<ProgressCounter>,
    ) -> Result<()> {
        let (checksum, http) =
            tokio::join!(self.whole_file_checksum(object, path, before), self.http());
        let (checksum, http) = (checksum?, http?);
        let subject = self.subject(Some(&object.bucket), Some(&object.key));
        let put = PutRequest {
            content_type,
            checksum: Some(checksum),
            keep_existing: options.keep_existing,
        };
        with_retries(options.attempts, |_| {
            let put = put.clone();
            async move {
                // Signed afresh for every try, so a retry never uses an expired URL.
                let link = self.signed_put(object, Expiry::ONE_DAY, put).await?;
                let range = RangePut {
                    url: &link.url,
                    headers: &link.headers,
                    path,
                    snapshot: before,
                    offset: 0,
                    len: before.len,
                };
                put_range(http, &range, progress, subject).await
            }
        })
        .await?;
        Ok(())
    }

    /// The server already checked every byte; a HEAD confirms the object is there and
    /// complete. A difference is reported, never "fixed" by deleting anything.
    async fn check_stored_size(&self, object: &S3Location, size: u64) -> Result<UploadedFile> {
        let info = self.head_object(object).await?;
        if info.size != size {
            return Err(Error::UploadCorrupted {
                key: object.key.clone(),
                detail: format!("{} bytes are in the bucket, {size} were sent", info.size),
            });
        }
        Ok(UploadedFile {
            object: object.clone(),
            size,
        })
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
