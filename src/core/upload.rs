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
use super::share::UploadLink;

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
struct PutOutcome {
    etag: Option<String>,
    kms_encrypted: bool,
    md5_hex: String,
}

fn local_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::LocalFile {
        path: path.to_owned(),
        source,
    }
}

/// PUTs `path` to `link`, sending exactly `size` bytes and the link's headers.
async fn put_file_to_url(
    http: &reqwest::Client,
    link: &UploadLink,
    path: &Path,
    size: u64,
    on_progress: &ProgressFn,
    subject: Subject<'_>,
) -> Result<PutOutcome> {
    let file = tokio::fs::File::open(path)
        .await
        .map_err(local_error(path))?;
    let hasher = Arc::new(Mutex::new(Md5::new()));
    let sent = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let stream = {
        let hasher = Arc::clone(&hasher);
        let on_progress = Arc::clone(on_progress);
        ReaderStream::with_capacity(file.take(size), CHUNK_BYTES).inspect(move |chunk| {
            if let Ok(bytes) = chunk {
                hasher
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .update(bytes);
                let total = sent
                    .fetch_add(bytes.len() as u64, std::sync::atomic::Ordering::Relaxed)
                    + bytes.len() as u64;
                on_progress(total);
            }
        })
    };
    let mut request = http
        .put(&link.url)
        .header(reqwest::header::CONTENT_LENGTH, size)
        .body(reqwest::Body::wrap_stream(stream));
    for (name, value) in &link.headers {
        request = request.header(name, value);
    }
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
    let md5_hex = hex(&hasher
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
        .finalize());
    Ok(PutOutcome {
        etag,
        kms_encrypted,
        md5_hex,
    })
}

/// The text of the first `<tag>…</tag>` in an S3 error document.
pub(crate) fn xml_tag(body: &str, tag: &str) -> Option<String> {
    let start = body.find(&format!("<{tag}>"))? + tag.len() + 2;
    let end = body[start..].find(&format!("</{tag}>"))? + start;
    Some(body[start..end].to_owned())
}

fn hex(bytes: &[u8]) -> String {
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

impl Session {
    /// Uploads one file to `object` through a pre-signed PUT, then checks that what
    /// arrived is what was sent (size, and the MD5 ETag where the server gives one).
    /// On cancel, failure or a file that changed meanwhile, nothing is left under `object`.
    pub async fn upload_file(
        &self,
        path: &Path,
        object: &S3Location,
        content_type: Option<&str>,
        on_progress: ProgressFn,
        cancel: CancellationToken,
    ) -> Result<UploadedFile> {
        let size = file_size(path).await?;
        let link = self
            .upload_link(object, Expiry::ONE_DAY, content_type)
            .await?;
        let subject = self.subject(Some(&object.bucket), Some(&object.key));
        let put = put_file_to_url(self.http(), &link, path, size, &on_progress, subject);
        let outcome = tokio::select! {
            outcome = put => outcome,
            () = cancel.cancelled() => Err(Error::Cancelled),
        };
        let changed = file_size(path).await.map_or(true, |now| now != size);
        let outcome = match outcome {
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
        self.verify(object, size, &outcome).await
    }

    async fn verify(
        &self,
        object: &S3Location,
        size: u64,
        put: &PutOutcome,
    ) -> Result<UploadedFile> {
        let info = self.head_object(object).await?;
        let etag_is_md5 = put
            .etag
            .as_deref()
            .is_some_and(|e| e.len() == 32 && e.chars().all(|c| c.is_ascii_hexdigit()));
        let problem = if info.size != size {
            Some(format!("{} bytes arrived of {size}", info.size))
        } else if etag_is_md5
            && !put.kms_encrypted
            && put.etag.as_deref() != Some(put.md5_hex.as_str())
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
    async fn discard(&self, object: &S3Location) {
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
