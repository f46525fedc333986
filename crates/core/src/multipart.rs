//! Multipart uploads through pre-signed UploadPart URLs: parts sent in parallel, each
//! with a signed checksum the server checks (CRC32C declared at creation and repeated per
//! part at completion, as S3 wants, where the service checks CRC32C; MD5 elsewhere),
//! retried (and re-signed) on network trouble; cancel or failure aborts the upload so no
//! invisible parts stay billed, and an upload that could not be aborted is remembered
//! and aborted on the next start.

use std::path::Path;
use std::sync::Arc;

use aws_sdk_s3::types::{ChecksumAlgorithm, CompletedMultipartUpload, CompletedPart};
use futures_util::{StreamExt, TryStreamExt};
use tokio_util::sync::CancellationToken;

use super::body_checksum::{BodyChecksum, ChecksumKind};
use super::client::{PresignInput, PresignedOperation, Session};
use super::error::{Error, Result};
use super::location::S3Location;
use super::pending_uploads::PendingUpload;
use super::s3_error::from_sdk;
use super::upload::{
    FileSnapshot, ProgressCounter, RangePut, UploadOptions, put_range, with_retries,
};

struct SentPart {
    number: i32,
    etag: String,
    checksum: BodyChecksum,
}

/// One part of the file.
#[derive(Clone, Copy)]
struct PartRange {
    number: i32,
    offset: u64,
    len: u64,
}

impl Session {
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn upload_multipart(
        &self,
        path: &Path,
        object: &S3Location,
        content_type: &str,
        before: &FileSnapshot,
        options: &UploadOptions,
        progress: &Arc<ProgressCounter>,
        cancel: &CancellationToken,
    ) -> Result<()> {
        let kind = self.upload_checksum_kind(object, before.len).await;
        let client = self.client_for(&object.bucket).await?;
        let subject = self.subject(Some(&object.bucket), Some(&object.key));
        let pending = self
            .create_upload(&client, object, content_type, kind)
            .await?;
        let upload_id = pending.upload_id.clone();
        let size = before.len;
        let part_size = options.part_size_for(size);
        let part_count = size.div_ceil(part_size).max(1);

        let send_all = async {
            let mut parts: Vec<SentPart> = futures_util::stream::iter(0..part_count)
                .map(|index| {
                    let offset = index * part_size;
                    let part = PartRange {
                        number: i32::try_from(index + 1).unwrap_or(i32::MAX),
                        offset,
                        len: part_size.min(size - offset),
                    };
                    self.send_part(
                        object, &upload_id, part, kind, path, before, options, progress,
                    )
                })
                .buffer_unordered(options.jobs.max(1))
                .try_collect()
                .await?;
            // A file written to meanwhile is not completed: the old object stays.
            if !before.still_matches(path).await {
                return Err(Error::FileChanged {
                    path: path.to_owned(),
                });
            }
            parts.sort_by_key(|p| p.number);
            let completed = CompletedMultipartUpload::builder()
                .set_parts(Some(
                    parts
                        .iter()
                        .map(|p| {
                            CompletedPart::builder()
                                .part_number(p.number)
                                .e_tag(format!("\"{}\"", p.etag))
                                .set_checksum_crc32_c(p.checksum.crc32c())
                                .build()
                        })
                        .collect(),
                ))
                .build();
            client
                .complete_multipart_upload()
                .bucket(&object.bucket)
                .key(&object.key)
                .upload_id(&upload_id)
                .multipart_upload(completed)
                .set_if_none_match(options.keep_existing.then(|| "*".to_owned()))
                .send()
                .await
                .map_err(|e| match e.raw_response().map(|r| r.status().as_u16()) {
                    Some(412) => Error::ObjectExists {
                        bucket: object.bucket.clone(),
                        key: object.key.clone(),
                    },
                    _ => from_sdk(e, subject),
                })?;
            Ok(())
        };
        let result = tokio::select! {
            result = send_all => result,
            () = cancel.cancelled() => Err(Error::Cancelled),
        };
        match &result {
            Ok(()) => self.forget_pending(&upload_id),
            Err(_) => self.abort_upload(&pending).await,
        }
        result
    }

    /// Starts a multipart upload (declaring CRC32C parts when `kind` says so) and notes it
    /// in the journal until it is completed or aborted.
    pub(crate) async fn create_upload(
        &self,
        client: &aws_sdk_s3::Client,
        object: &S3Location,
        content_type: &str,
        kind: ChecksumKind,
    ) -> Result<PendingUpload> {
        let created = client
            .create_multipart_upload()
            .bucket(&object.bucket)
            .key(&object.key)
            .content_type(content_type)
            .set_checksum_algorithm(
                (kind == ChecksumKind::Crc32c).then_some(ChecksumAlgorithm::Crc32C),
            )
            .send()
            .await
            .map_err(|e| from_sdk(e, self.subject(Some(&object.bucket), Some(&object.key))))?;
        let pending = PendingUpload {
            connection: self.name().to_owned(),
            endpoint: self.endpoint_label().to_owned(),
            bucket: object.bucket.clone(),
            key: object.key.clone(),
            upload_id: created.upload_id().unwrap_or_default().to_owned(),
            pid: std::process::id(),
            started_at: chrono::Utc::now(),
        };
        if let Some(journal) = self.pending_uploads() {
            journal.remember(&pending);
        }
        Ok(pending)
    }

    #[allow(clippy::too_many_arguments)]
    async fn send_part(
        &self,
        object: &S3Location,
        upload_id: &str,
        part: PartRange,
        kind: ChecksumKind,
        path: &Path,
        before: &FileSnapshot,
        options: &UploadOptions,
        progress: &Arc<ProgressCounter>,
    ) -> Result<SentPart> {
        let subject = self.subject(Some(&object.bucket), Some(&object.key));
        let checksum = BodyChecksum::of_range(kind, path, before, part.offset, part.len).await?;
        with_retries(options.attempts, |_| {
            let checksum = &checksum;
            async move {
                // Signed afresh for every try, so a retry never uses an expired URL.
                let (url, headers) = self
                    .presign_part(object, upload_id, part.number, checksum)
                    .await?;
                let put = RangePut {
                    url: &url,
                    headers: &headers,
                    path,
                    snapshot: before,
                    offset: part.offset,
                    len: part.len,
                };
                let outcome = put_range(self.http().await?, &put, progress, subject).await?;
                Ok(SentPart {
                    number: part.number,
                    etag: outcome.etag.unwrap_or_default(),
                    checksum: checksum.clone(),
                })
            }
        })
        .await
    }

    /// An UploadPart URL valid for an hour and the headers the PUT must send.
    pub(crate) async fn presign_part(
        &self,
        object: &S3Location,
        upload_id: &str,
        part_number: i32,
        checksum: &BodyChecksum,
    ) -> Result<(String, Vec<(String, String)>)> {
        let config = self.presigning_config(std::time::Duration::from_secs(3600))?;
        let region = self.bucket_region(&object.bucket).await?;
        let part_number_text = part_number.to_string();
        let input = PresignInput {
            operation: PresignedOperation::UploadPart,
            bucket: &object.bucket,
            key: &object.key,
            query: &[("partNumber", &part_number_text), ("uploadId", upload_id)],
            headers: &[checksum.header()],
        };
        self.presign(&region, &input, config).await
    }

    /// Aborts a multipart upload; if that fails it stays noted for the next start.
    pub(crate) async fn abort_upload(&self, upload: &PendingUpload) {
        let subject = self.subject(Some(&upload.bucket), Some(&upload.key));
        let aborted = async {
            self.client_for(&upload.bucket)
                .await?
                .abort_multipart_upload()
                .bucket(&upload.bucket)
                .key(&upload.key)
                .upload_id(&upload.upload_id)
                .send()
                .await
                .map_err(|e| from_sdk(e, subject))
        };
        match aborted.await {
            // Already gone (aborted or completed elsewhere) is as good as aborted.
            Ok(_) | Err(Error::NoSuchKey { .. } | Error::NoSuchBucket { .. }) => {
                self.forget_pending(&upload.upload_id);
            }
            Err(e) => {
                tracing::warn!(error = %e, "could not abort a multipart upload; will retry on next start");
            }
        }
    }

    fn forget_pending(&self, upload_id: &str) {
        if let Some(journal) = self.pending_uploads() {
            journal.forget(upload_id);
        }
    }

    /// Aborts the multipart uploads an earlier run left open on this storage service
    /// (cut off by a crash, a closed window, or an abort that failed). Returns how many
    /// are still open afterwards.
    pub async fn abort_abandoned_uploads(&self) -> usize {
        let Some(journal) = self.pending_uploads() else {
            return 0;
        };
        let abandoned = journal.abandoned_on(self.name(), self.endpoint_label());
        for upload in &abandoned {
            self.abort_upload(upload).await;
        }
        journal
            .abandoned_on(self.name(), self.endpoint_label())
            .len()
    }
}
