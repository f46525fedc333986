//! Password-protected files: a file is sealed here ([`sealed`]: AES-256-GCM under a key
//! from the password), uploaded with a page that opens it in the recipient's browser
//! ([`page`]), both in a managed folder of kind `Protected`, and the page is shared.
//! Without the password the bucket, the link and the page show only the size.

pub mod page;
pub mod sealed;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use crate::client::Session;
use crate::credentials::Secret;
use crate::disposition::{LinkMode, guess_content_type};
use crate::error::{Error, Result};
use crate::expiry::Expiry;
use crate::history::{HistoryEntry, ManagedRecord};
use crate::location::S3Location;
use crate::managed::{ManagedFolder, ManagedKind};
use crate::share::{ShareLink, ShareRequest};
use crate::upload::{FileSnapshot, ProgressFn, local_error};
use sealed::{Header, Label, SealError, SealKey};

/// The biggest file a password page opens: the browser holds the whole decrypted file
/// in memory before saving it (500 MB, said as such everywhere sizes are shown).
pub const MAX_SIZE: u64 = 500_000_000;

/// The sealed file's name inside its folder (it says nothing about the file).
pub const DATA_NAME: &str = "data";

/// What to protect, where, for how long, with which password.
#[derive(Debug)]
pub struct ProtectRequest {
    pub file: PathBuf,
    /// The bucket and the folder the managed folder is made in.
    pub destination: S3Location,
    pub expiry: Expiry,
    pub password: Secret,
    /// The name the recipient saves it under; the local file's own name when `None`.
    pub name: Option<String>,
}

/// How far protecting has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProtectStep {
    /// Bytes of a file in the bucket fetched so far ([`Session::protect_object`]).
    Fetching(u64),
    /// Deriving the key from the password (about a second).
    DerivingKey,
    /// Bytes of the file encrypted so far.
    Sealing(u64),
    /// Bytes of the sealed file uploaded so far (of [`ProtectedFile::sealed_size`]).
    Uploading(u64),
}

pub type ProtectProgress = Arc<dyn Fn(ProtectStep) + Send + Sync>;

/// A protected file, uploaded and shared.
#[derive(Clone, Debug)]
pub struct ProtectedFile {
    /// The page's link: what to send the recipient (with the password, separately).
    pub link: ShareLink,
    pub folder: ManagedFolder,
    /// The file's own name (sealed in the file; the bucket never sees it).
    pub name: String,
    pub size: u64,
    pub sealed_size: u64,
}

impl ProtectedFile {
    /// Its history line: the page's link under the file's real name, with its folder
    /// (so it can be taken back and is cleaned up when it ends).
    pub fn history_entry(&self, connection: &str, keep_url: bool) -> HistoryEntry {
        let mut entry = HistoryEntry::from_link(connection, &self.link, keep_url);
        entry.filename = Some(self.name.clone());
        entry.managed = Some(ManagedRecord::new(self.folder.clone(), 1));
        entry
    }
}

/// Refuses before anything is read or uploaded: a page that could never decrypt, a short
/// password, a file too big for a browser's memory.
pub fn check(session: &Session, password: &Secret, size: u64, name: &str) -> Result<()> {
    if session.is_plaintext_remote() {
        return Err(Error::PasswordPageNeedsHttps {
            endpoint: session.endpoint_label().to_owned(),
        });
    }
    sealed::check_password(password)?;
    if size > MAX_SIZE {
        return Err(Error::TooBigToProtect {
            name: name.to_owned(),
            size,
            limit: MAX_SIZE,
        });
    }
    Ok(())
}

impl Session {
    /// Seals `request.file` with the password into a private temporary file, uploads it
    /// and its page into a new managed folder (kind `Protected`) in the destination, and
    /// shares the page. Nothing is uploaded when a check fails; a half-made folder is
    /// removed again.
    pub async fn protect(
        &self,
        request: &ProtectRequest,
        progress: ProtectProgress,
        cancel: CancellationToken,
    ) -> Result<ProtectedFile> {
        let path = request.file.as_path();
        let name = match &request.name {
            Some(name) => name.clone(),
            None => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .ok_or_else(|| Error::invalid("file", "choose a file, not a folder"))?,
        };
        let snapshot = FileSnapshot::take(path).await?;
        check(self, &request.password, snapshot.len, &name)?;
        // The name the recipient's browser saves under: no control or bidi characters
        // ("invoice\u{202E}fdp.exe"), no path separators — as for every download name.
        let label = Label {
            content_type: guess_content_type(&name),
            name: crate::disposition::sanitize_file_name(&name)?,
        };
        let folder = self
            .new_managed_folder(
                &request.destination.bucket,
                &request.destination.key,
                ManagedKind::Protected,
                request.expiry,
            )
            .await?;

        let scratch = tempfile::Builder::new()
            .prefix("s3share-protect-")
            .tempfile()
            .map_err(|source| Error::LocalFile {
                path: std::env::temp_dir(),
                source,
            })?;
        let sealed_size = seal_file(
            path,
            snapshot,
            &label,
            &request.password,
            scratch.path(),
            &progress,
            &cancel,
        )
        .await?;

        let result = self
            .upload_and_share(&folder, scratch.path(), snapshot.len, &progress, cancel)
            .await;
        match result {
            Ok(link) => Ok(ProtectedFile {
                link,
                folder,
                name,
                size: snapshot.len,
                sealed_size,
            }),
            Err(e) => {
                // Whatever of it arrived is of no use without its page (or its link).
                if let Err(cleanup) = self.remove_managed(&folder).await {
                    tracing::warn!(error = %cleanup, "could not remove a half-made protected file");
                }
                Err(e)
            }
        }
    }

    /// Protects a file that is already in the bucket: it is fetched into a private
    /// temporary file, then sealed and shared as [`protect`](Self::protect) does, in a
    /// managed folder beside it. The original is left as it is.
    pub async fn protect_object(
        &self,
        object: &S3Location,
        expiry: Expiry,
        password: Secret,
        progress: ProtectProgress,
        cancel: CancellationToken,
    ) -> Result<ProtectedFile> {
        let name = object.file_name().to_owned();
        let info = self.head_object(object).await?;
        check(self, &password, info.size, &name)?;
        let scratch = tempfile::Builder::new()
            .prefix("s3share-fetch-")
            .tempfile()
            .map_err(|source| Error::LocalFile {
                path: std::env::temp_dir(),
                source,
            })?;
        self.fetch_to(object, scratch.path(), &progress, &cancel)
            .await?;
        let request = ProtectRequest {
            file: scratch.path().to_owned(),
            destination: S3Location {
                bucket: object.bucket.clone(),
                key: object.parent_prefix().to_owned(),
            },
            expiry,
            password,
            name: Some(name),
        };
        self.protect(&request, progress, cancel).await
    }

    /// Streams an object into `path` (a private file already created).
    async fn fetch_to(
        &self,
        object: &S3Location,
        path: &Path,
        progress: &ProtectProgress,
        cancel: &CancellationToken,
    ) -> Result<()> {
        use tokio::io::AsyncWriteExt;
        let subject = self.subject(Some(&object.bucket), Some(&object.key));
        let client = self.client_for(&object.bucket).await?;
        let answer = client
            .get_object()
            .bucket(&object.bucket)
            .key(&object.key)
            .send()
            .await
            .map_err(|e| crate::s3_error::from_sdk(e, subject))?;
        let mut body = answer.body;
        let mut file = tokio::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(path)
            .await
            .map_err(local_error(path))?;
        let mut fetched = 0u64;
        loop {
            let chunk = tokio::select! {
                () = cancel.cancelled() => return Err(Error::Cancelled),
                chunk = body.try_next() => chunk,
            };
            let chunk = chunk.map_err(|_| Error::Network {
                endpoint: self.endpoint_label().to_owned(),
            })?;
            let Some(chunk) = chunk else { break };
            file.write_all(&chunk).await.map_err(local_error(path))?;
            fetched += chunk.len() as u64;
            progress(ProtectStep::Fetching(fetched));
        }
        file.flush().await.map_err(local_error(path))?;
        Ok(())
    }

    async fn upload_and_share(
        &self,
        folder: &ManagedFolder,
        sealed: &Path,
        size: u64,
        progress: &ProtectProgress,
        cancel: CancellationToken,
    ) -> Result<ShareLink> {
        let data = folder.object(DATA_NAME);
        let uploading = progress.clone();
        let on_upload: ProgressFn = Arc::new(move |sent| uploading(ProtectStep::Uploading(sent)));
        let uploaded = self
            .upload_file(
                sealed,
                &data,
                Some("application/octet-stream"),
                on_upload,
                cancel,
            )
            .await?;
        // The links end when the folder does (its name says when), however long the
        // upload took.
        let expiry = remaining(folder, self.now_utc())?;
        let data_link = self
            .share_link(&ShareRequest::new(data, expiry, LinkMode::Inline).with_check(false))
            .await?;
        let html = page::page(&data_link.url, uploaded.size, size, data_link.expires_at);
        self.publish_page(folder, html, expiry).await
    }
}

/// Seals the file into `out` on a blocking thread (the key derivation and the encryption
/// are CPU work); the file must not change meanwhile.
async fn seal_file(
    path: &Path,
    snapshot: FileSnapshot,
    label: &Label,
    password: &Secret,
    out: &Path,
    progress: &ProtectProgress,
    cancel: &CancellationToken,
) -> Result<u64> {
    let (file_path, label, out) = (path.to_owned(), label.clone(), out.to_owned());
    let password = Secret::new(password.expose());
    let (progress, cancel) = (progress.clone(), cancel.clone());
    let sealing = tokio::task::spawn_blocking(move || -> Result<u64> {
        let path = file_path;
        let file = snapshot.open(&path)?;
        progress(ProtectStep::DerivingKey);
        let key = SealKey::derive(&password, Header::new_random());
        let writer = std::fs::File::create(&out).map_err(local_error(&out))?;
        let content = Cancellable {
            inner: std::io::BufReader::new(file),
            cancel: &cancel,
        };
        let size = key
            .seal(
                &label,
                content,
                std::io::BufWriter::new(writer),
                MAX_SIZE,
                |done| progress(ProtectStep::Sealing(done)),
            )
            .map_err(|e| match e {
                _ if cancel.is_cancelled() => Error::Cancelled,
                SealError::Label(e) => e,
                SealError::Read(source) => Error::LocalFile {
                    path: path.clone(),
                    source,
                },
                SealError::Write(source) => Error::LocalFile {
                    path: out.clone(),
                    source,
                },
                SealError::TooBig => Error::TooBigToProtect {
                    name: label.name.clone(),
                    size: MAX_SIZE + 1,
                    limit: MAX_SIZE,
                },
            })?;
        if size != snapshot.len {
            return Err(Error::FileChanged { path });
        }
        Ok(sealed::sealed_len(size, sealed::CHUNK_SIZE))
    });
    let sealed_size = sealing.await.map_err(|e| Error::Refused {
        code: "protect".to_owned(),
        message: e.to_string(),
    })??;
    if !snapshot.still_matches(path).await {
        return Err(Error::FileChanged {
            path: path.to_owned(),
        });
    }
    Ok(sealed_size)
}

/// A reader that stops (with an error) once the user cancels.
struct Cancellable<'a, R> {
    inner: R,
    cancel: &'a CancellationToken,
}

impl<R: std::io::Read> std::io::Read for Cancellable<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.cancel.is_cancelled() {
            return Err(std::io::Error::other("cancelled"));
        }
        self.inner.read(buf)
    }
}

/// The time left until `folder` ends, as a link lifetime.
fn remaining(folder: &ManagedFolder, now: chrono::DateTime<chrono::Utc>) -> Result<Expiry> {
    let left = (folder.ends_at - now).num_seconds();
    if left < 1 {
        return Err(Error::invalid(
            "expires",
            "the link's time ran out while the file was uploading; choose a longer time",
        ));
    }
    Expiry::from_secs(u64::try_from(left).unwrap_or(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_left_of_a_folder_s_time_is_the_links_lifetime() {
        let now = chrono::Utc::now();
        let folder = ManagedFolder::new(
            "b",
            "",
            ManagedKind::Protected,
            now + chrono::Duration::hours(1),
        );
        let left = remaining(&folder, now).unwrap().as_secs();
        assert!((3599..=3600).contains(&left), "{left}");
        assert!(remaining(&folder, now + chrono::Duration::hours(2)).is_err());
    }
}
