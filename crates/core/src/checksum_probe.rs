//! Whether a storage service checks `x-amz-checksum-crc32c`, asked once per session before
//! the first upload big enough for it to matter: a multipart upload is started for the
//! destination key, one part with a deliberately wrong CRC32C is sent, and the upload is
//! aborted (it is never completed, so nothing the user has is touched). Refused as damaged:
//! the service checks, and CRC32C is used. Accepted, or anything else: MD5, which every
//! service checks.

use std::path::Path;

use super::body_checksum::{BodyChecksum, CRC32C_WORTH_PROBING, ChecksumKind};
use super::client::Session;
use super::error::{Error, Result};
use super::location::S3Location;
use super::upload::{FileSnapshot, send_checked};

/// The test part's body and a CRC32C that is not its own.
const PROBE_BODY: &[u8] = b"s3share checks that this service checks CRC32C";
const WRONG_CRC32C: &str = "AAAAAA==";

impl Session {
    /// The checksum an upload of `size` bytes to `object` signs in: CRC32C where the
    /// service is known (or was found) to check it, MD5 otherwise and for small files.
    pub(crate) async fn upload_checksum_kind(
        &self,
        object: &S3Location,
        size: u64,
    ) -> ChecksumKind {
        if let Some(kind) = self.upload_checksum().known() {
            return kind;
        }
        // Without an HTTP client (no certificates) nothing can be asked: MD5 for now, not
        // remembered, and the upload itself says what is wrong.
        if size < CRC32C_WORTH_PROBING || self.http().await.is_err() {
            return ChecksumKind::Md5;
        }
        self.upload_checksum()
            // Boxed: the probe holds SDK request futures of tens of KiB.
            .known_or_probed(Box::pin(self.probe_crc32c(object)))
            .await
    }

    /// The checksum a single PUT of the whole file signs in. When the service still has to
    /// be asked, the file's CRC32C is computed while it is: the question then costs no time
    /// when the answer is yes (the CRC32C is thrown away when it is no, and MD5 computed).
    pub(crate) async fn whole_file_checksum(
        &self,
        object: &S3Location,
        path: &Path,
        snapshot: &FileSnapshot,
    ) -> Result<BodyChecksum> {
        let len = snapshot.len;
        let whole = |kind| BodyChecksum::of_range(kind, path, snapshot, 0, len);
        if self.upload_checksum().known().is_some() || len < CRC32C_WORTH_PROBING {
            return whole(self.upload_checksum_kind(object, len).await).await;
        }
        // The CRC32C first: its reads start on other threads before the probe's client is
        // built on this one.
        let (crc32c, kind) = tokio::join!(
            whole(ChecksumKind::Crc32c),
            self.upload_checksum_kind(object, len)
        );
        match kind {
            ChecksumKind::Crc32c => crc32c,
            ChecksumKind::Md5 => whole(ChecksumKind::Md5).await,
        }
    }

    async fn probe_crc32c(&self, object: &S3Location) -> ChecksumKind {
        let Ok(client) = self.client_for(&object.bucket).await else {
            return ChecksumKind::Md5;
        };
        let Ok(pending) = self
            .create_upload(
                &client,
                object,
                "application/octet-stream",
                ChecksumKind::Crc32c,
            )
            .await
        else {
            // Refused for the CRC32C declaration, or for anything else: the upload itself
            // will say what is wrong.
            return ChecksumKind::Md5;
        };
        let wrong = BodyChecksum::Crc32c(WRONG_CRC32C.to_owned());
        let answer = async {
            let (url, headers) = self
                .presign_part(object, &pending.upload_id, 1, &wrong)
                .await?;
            let mut request = self.http().await?.put(url).body(PROBE_BODY);
            for (name, value) in &headers {
                request = request.header(name, value);
            }
            send_checked(
                request,
                self.subject(Some(&object.bucket), Some(&object.key)),
            )
            .await
        };
        let kind = match answer.await {
            Err(Error::UploadCorrupted { .. }) => ChecksumKind::Crc32c,
            _ => ChecksumKind::Md5,
        };
        self.abort_upload(&pending).await;
        tracing::debug!(?kind, "uploads to this service sign this checksum");
        kind
    }
}
