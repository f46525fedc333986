//! Multipart uploads through pre-signed UploadPart URLs: parts sent in parallel, each
//! retried (and re-signed) on network trouble; cancel or failure aborts the upload so no
//! invisible parts stay billed.

use std::path::Path;
use std::sync::Arc;

use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart};
use futures_util::{StreamExt, TryStreamExt};
use md5::{Digest, Md5};
use tokio_util::sync::CancellationToken;

use super::client::Session;
use super::disposition::guess_content_type;
use super::error::{Error, Result};
use super::location::S3Location;
use super::s3_error::from_sdk;
use super::upload::{
    ProgressCounter, RangePut, SentFile, UploadOptions, hex, put_range, with_retries,
};

struct SentPart {
    number: i32,
    etag: String,
    md5: [u8; 16],
}

impl Session {
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn upload_multipart(
        &self,
        path: &Path,
        object: &S3Location,
        content_type: Option<&str>,
        size: u64,
        options: &UploadOptions,
        progress: &Arc<ProgressCounter>,
        cancel: &CancellationToken,
    ) -> Result<SentFile> {
        let client = self.client_for(&object.bucket).await?;
        let subject = self.subject(Some(&object.bucket), Some(&object.key));
        let content_type = content_type
            .map(str::to_owned)
            .unwrap_or_else(|| guess_content_type(object.file_name()));
        let created = client
            .create_multipart_upload()
            .bucket(&object.bucket)
            .key(&object.key)
            .content_type(content_type)
            .send()
            .await
            .map_err(|e| from_sdk(e, subject))?;
        let upload_id = created.upload_id().unwrap_or_default().to_owned();
        let part_size = options.part_size_for(size);
        let part_count = size.div_ceil(part_size).max(1);

        let send_all = async {
            let mut parts: Vec<SentPart> = futures_util::stream::iter(0..part_count)
                .map(|index| {
                    let offset = index * part_size;
                    let len = part_size.min(size - offset);
                    let number = i32::try_from(index + 1).unwrap_or(i32::MAX);
                    self.send_part(
                        &client, object, &upload_id, number, path, offset, len, options, progress,
                    )
                })
                .buffer_unordered(options.jobs.max(1))
                .try_collect()
                .await?;
            parts.sort_by_key(|p| p.number);
            let completed = CompletedMultipartUpload::builder()
                .set_parts(Some(
                    parts
                        .iter()
                        .map(|p| {
                            CompletedPart::builder()
                                .part_number(p.number)
                                .e_tag(format!("\"{}\"", p.etag))
                                .build()
                        })
                        .collect(),
                ))
                .build();
            let done = client
                .complete_multipart_upload()
                .bucket(&object.bucket)
                .key(&object.key)
                .upload_id(&upload_id)
                .multipart_upload(completed)
                .send()
                .await
                .map_err(|e| from_sdk(e, subject))?;
            let mut all = Md5::new();
            for part in &parts {
                all.update(part.md5);
            }
            Ok(SentFile {
                etag: done.e_tag().map(|e| e.trim_matches('"').to_owned()),
                kms_encrypted: false,
                expected_etag: format!("{}-{}", hex(&all.finalize()), parts.len()),
            })
        };
        let result = tokio::select! {
            result = send_all => result,
            () = cancel.cancelled() => Err(Error::Cancelled),
        };
        if result.is_err() {
            let aborted = client
                .abort_multipart_upload()
                .bucket(&object.bucket)
                .key(&object.key)
                .upload_id(&upload_id)
                .send()
                .await;
            if let Err(e) = aborted {
                tracing::warn!(error = %from_sdk(e, subject), "could not abort a multipart upload");
            }
        }
        result
    }

    #[allow(clippy::too_many_arguments)]
    async fn send_part(
        &self,
        client: &aws_sdk_s3::Client,
        object: &S3Location,
        upload_id: &str,
        number: i32,
        path: &Path,
        offset: u64,
        len: u64,
        options: &UploadOptions,
        progress: &Arc<ProgressCounter>,
    ) -> Result<SentPart> {
        let subject = self.subject(Some(&object.bucket), Some(&object.key));
        with_retries(options.attempts, |_| async move {
            // Signed afresh for every try, so a retry never uses an expired URL.
            let config = PresigningConfig::expires_in(std::time::Duration::from_secs(3600))
                .map_err(|e| Error::invalid("expiry", e.to_string()))?;
            let presigned = client
                .upload_part()
                .bucket(&object.bucket)
                .key(&object.key)
                .upload_id(upload_id)
                .part_number(number)
                .presigned(config)
                .await
                .map_err(|e| from_sdk(e, subject))?;
            let headers: Vec<(String, String)> = presigned
                .headers()
                .filter(|(name, _)| !name.eq_ignore_ascii_case("host"))
                .map(|(n, v)| (n.to_owned(), v.to_owned()))
                .collect();
            let put = RangePut {
                url: presigned.uri(),
                headers: &headers,
                path,
                offset,
                len,
            };
            let outcome = put_range(self.http(), &put, progress, subject).await?;
            Ok(SentPart {
                number,
                etag: outcome.etag.unwrap_or_default(),
                md5: outcome.md5,
            })
        })
        .await
    }
}
