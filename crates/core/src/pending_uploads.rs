//! Multipart uploads that s3share started and has not yet completed or aborted, one small
//! file each in the data folder. S3 keeps (and bills) the parts of an open multipart
//! upload, invisibly, until someone aborts it: when an abort fails, or the process is
//! killed or the window closed mid-upload, the entry stays and the next start aborts it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

/// One open multipart upload.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PendingUpload {
    /// `Session::name` and `Session::endpoint_label`: the connection it was started on
    /// (only that connection's keys are sure to be allowed to abort it).
    pub connection: String,
    pub endpoint: String,
    pub bucket: String,
    pub key: String,
    pub upload_id: String,
    /// The process that started it: while that process runs, the upload is its own.
    pub pid: u32,
    pub started_at: DateTime<Utc>,
}

/// The folder of pending-upload entries.
#[derive(Clone, Debug)]
pub struct PendingUploads {
    dir: PathBuf,
}

/// Entries of processes that cannot be checked for liveness count as abandoned after this.
#[cfg(not(target_os = "linux"))]
const ABANDONED_AFTER: chrono::Duration = chrono::Duration::days(1);
/// Notes this old are given up (the connection is gone, or its keys may not abort it);
/// a bucket lifecycle rule is the remedy then, which the log line says.
const GIVE_UP_AFTER: chrono::Duration = chrono::Duration::days(30);

impl PendingUploads {
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// `<data dir>/pending-uploads`, if this system has a home folder.
    pub fn default_location() -> Option<Self> {
        crate::paths::data_path("pending-uploads")
            .ok()
            .map(Self::at)
    }

    fn entry_path(&self, upload_id: &str) -> PathBuf {
        // Upload IDs are opaque; hex keeps any of them a plain file name.
        let name: String = upload_id.bytes().map(|b| format!("{b:02x}")).collect();
        self.dir.join(format!("{name}.json"))
    }

    /// Notes an upload before any part is sent. Failing to note it is only logged: the
    /// upload itself still aborts on failure as usual.
    pub fn remember(&self, upload: &PendingUpload) {
        let write = || -> std::io::Result<()> {
            let json = serde_json::to_vec(upload).map_err(std::io::Error::other)?;
            crate::paths::write_atomically(&self.entry_path(&upload.upload_id), &json)
        };
        if let Err(e) = write() {
            tracing::warn!(error = %e, dir = %self.dir.display(), "could not note an open multipart upload");
        }
    }

    /// Forgets an upload that was completed or aborted.
    pub fn forget(&self, upload_id: &str) {
        let path = self.entry_path(upload_id);
        if let Err(e) = std::fs::remove_file(&path)
            && e.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!(error = %e, path = %path.display(), "could not remove a pending-upload note");
        }
    }

    /// Uploads of this connection whose process has ended: they will never be completed.
    /// Notes older than 30 days are given up here (and logged).
    pub fn abandoned_on(&self, connection: &str, endpoint: &str) -> Vec<PendingUpload> {
        let mut abandoned = Vec::new();
        for upload in self.all() {
            if Utc::now() - upload.started_at > GIVE_UP_AFTER {
                tracing::warn!(
                    bucket = %upload.bucket,
                    "giving up aborting an old multipart upload; a lifecycle rule on the bucket can remove it"
                );
                self.forget(&upload.upload_id);
            } else if upload.connection == connection
                && upload.endpoint == endpoint
                && !process_runs(&upload)
            {
                abandoned.push(upload);
            }
        }
        abandoned
    }

    /// Every entry, for tests and diagnostics.
    pub fn all(&self) -> Vec<PendingUpload> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        entries
            .flatten()
            // Dot files are atomic writes still in progress (see `paths`).
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .filter_map(|e| read_entry(&e.path()))
            .collect()
    }
}

fn read_entry(path: &Path) -> Option<PendingUpload> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(target_os = "linux")]
fn process_runs(upload: &PendingUpload) -> bool {
    upload.pid == std::process::id() || Path::new("/proc").join(upload.pid.to_string()).exists()
}

#[cfg(not(target_os = "linux"))]
fn process_runs(upload: &PendingUpload) -> bool {
    upload.pid == std::process::id() || Utc::now() - upload.started_at < ABANDONED_AFTER
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, pid: u32) -> PendingUpload {
        PendingUpload {
            connection: "c".to_owned(),
            endpoint: "http://127.0.0.1:9".to_owned(),
            bucket: "b".to_owned(),
            key: "k".to_owned(),
            upload_id: id.to_owned(),
            pid,
            started_at: Utc::now(),
        }
    }

    #[test]
    fn remembers_forgets_and_spares_running_processes() {
        let dir = tempfile::tempdir().unwrap();
        let pending = PendingUploads::at(dir.path().join("p"));
        pending.remember(&entry("a/b+c==", std::process::id()));
        // A pid far above Linux's pid_max: that process cannot be running.
        pending.remember(&entry("dead", 4_000_000_000));
        assert_eq!(pending.all().len(), 2);
        let mut ancient = entry("ancient", 4_000_000_000);
        ancient.started_at -= chrono::Duration::days(31);
        pending.remember(&ancient);
        let abandoned = pending.abandoned_on("c", "http://127.0.0.1:9");
        assert_eq!(abandoned.len(), 1);
        assert_eq!(abandoned[0].upload_id, "dead");
        assert!(pending.abandoned_on("c", "elsewhere").is_empty());
        assert!(
            pending
                .abandoned_on("other connection", "http://127.0.0.1:9")
                .is_empty()
        );
        pending.forget("dead");
        pending.forget("never there");
        assert_eq!(pending.all().len(), 1);
    }
}
