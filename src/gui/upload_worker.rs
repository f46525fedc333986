//! The backend side of uploads: expands dropped folders, asks before replacing, runs a few
//! uploads at once through the core (pre-signed PUT / multipart), and reports progress at
//! most ~10 times a second per file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::{Semaphore, oneshot};
use tokio_util::sync::CancellationToken;

use super::backend::{Event, EventSink};
use crate::core::upload::UploadedFile;
use crate::core::{Error, Result, S3Location, Session};

/// Uploads running at once.
pub const PARALLEL_UPLOADS: usize = 4;
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// What to do when a file of the same name is already there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClashChoice {
    Replace,
    /// Upload as "name (1).ext" (the first free number).
    KeepBoth,
    Skip,
}

/// How one upload ended.
#[derive(Debug)]
pub enum UploadOutcome {
    Uploaded(UploadedFile),
    Skipped,
    Failed(Error),
}

/// Uploads in flight and clashes waiting for an answer.
#[derive(Clone)]
pub struct Uploads {
    slots: Arc<Semaphore>,
    running: Arc<Mutex<HashMap<u64, CancellationToken>>>,
    clashes: Arc<Mutex<HashMap<u64, oneshot::Sender<ClashChoice>>>>,
}

impl Default for Uploads {
    fn default() -> Self {
        Self {
            slots: Arc::new(Semaphore::new(PARALLEL_UPLOADS)),
            running: Arc::default(),
            clashes: Arc::default(),
        }
    }
}

/// One file to send.
#[derive(Clone, Debug)]
pub struct UploadJob {
    pub id: u64,
    pub path: PathBuf,
    pub object: S3Location,
    /// Ask before replacing an existing file (false when the user already chose Replace).
    pub ask_on_clash: bool,
}

impl Uploads {
    pub fn cancel(&self, id: u64) {
        if let Some(token) = lock(&self.running).remove(&id) {
            token.cancel();
        }
        // A clash question still open for this upload counts as "skip".
        if let Some(answer) = lock(&self.clashes).remove(&id) {
            let _ = answer.send(ClashChoice::Skip);
        }
    }

    pub fn resolve_clash(&self, id: u64, choice: ClashChoice) {
        if let Some(answer) = lock(&self.clashes).remove(&id) {
            let _ = answer.send(choice);
        }
    }

    /// Starts one upload in the background.
    pub(crate) fn start(&self, session: Session, job: UploadJob, sink: EventSink) {
        let cancel = CancellationToken::new();
        lock(&self.running).insert(job.id, cancel.clone());
        let uploads = self.clone();
        tokio::spawn(async move {
            let id = job.id;
            let outcome = uploads.run(&session, job, cancel, &sink).await;
            lock(&uploads.running).remove(&id);
            sink.send(Event::UploadFinished { id, outcome }).await;
        });
    }

    async fn run(
        &self,
        session: &Session,
        job: UploadJob,
        cancel: CancellationToken,
        sink: &EventSink,
    ) -> UploadOutcome {
        let object = match self.destination(session, &job, sink).await {
            Ok(Some(object)) => object,
            Ok(None) => return UploadOutcome::Skipped,
            Err(e) => return UploadOutcome::Failed(e),
        };
        let Ok(_slot) = self.slots.clone().acquire_owned().await else {
            return UploadOutcome::Failed(Error::Cancelled);
        };
        if cancel.is_cancelled() {
            return UploadOutcome::Failed(Error::Cancelled);
        }
        if object != job.object {
            sink.send(Event::UploadRenamed {
                id: job.id,
                object: object.clone(),
            })
            .await;
        }
        let progress = {
            let sink = sink.clone();
            let id = job.id;
            let last = Mutex::new(Instant::now() - PROGRESS_EVERY);
            Arc::new(move |sent: u64| {
                let mut last = lock(&last);
                if last.elapsed() >= PROGRESS_EVERY {
                    *last = Instant::now();
                    sink.try_send(Event::UploadProgress { id, sent });
                }
            })
        };
        match session
            .upload_file(&job.path, &object, None, progress, cancel)
            .await
        {
            Ok(file) => UploadOutcome::Uploaded(file),
            Err(e) => UploadOutcome::Failed(e),
        }
    }

    /// Where the file goes: its own name, or after asking, a free " (n)" name; `None` to skip.
    async fn destination(
        &self,
        session: &Session,
        job: &UploadJob,
        sink: &EventSink,
    ) -> Result<Option<S3Location>> {
        if !job.ask_on_clash || !exists(session, &job.object).await? {
            return Ok(Some(job.object.clone()));
        }
        let (answer, question) = oneshot::channel();
        lock(&self.clashes).insert(job.id, answer);
        sink.send(Event::UploadClash {
            id: job.id,
            object: job.object.clone(),
        })
        .await;
        match question.await.unwrap_or(ClashChoice::Skip) {
            ClashChoice::Replace => Ok(Some(job.object.clone())),
            ClashChoice::Skip => Ok(None),
            ClashChoice::KeepBoth => free_name(session, &job.object).await.map(Some),
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

async fn exists(session: &Session, object: &S3Location) -> Result<bool> {
    match session.head_object(object).await {
        Ok(_) => Ok(true),
        Err(Error::NoSuchKey { .. }) => Ok(false),
        Err(e) => Err(e),
    }
}

/// "report.pdf" → "report (1).pdf", "report (2).pdf", … the first that is not taken.
async fn free_name(session: &Session, object: &S3Location) -> Result<S3Location> {
    for n in 1..1000 {
        let candidate = S3Location {
            bucket: object.bucket.clone(),
            key: numbered_key(&object.key, n),
        };
        if !exists(session, &candidate).await? {
            return Ok(candidate);
        }
    }
    Err(Error::invalid(
        "file name",
        "too many files with this name already; rename the file first",
    ))
}

pub fn numbered_key(key: &str, n: u32) -> String {
    let (folder, name) = key.rsplit_once('/').map_or(("", key), |(f, n)| (f, n));
    let (stem, ext) = match name.rfind('.') {
        Some(dot) if dot > 0 => name.split_at(dot),
        _ => (name, ""),
    };
    let numbered = format!("{stem} ({n}){ext}");
    if folder.is_empty() {
        numbered
    } else {
        format!("{folder}/{numbered}")
    }
}

/// Dropped files and folders → (file, key under `folder`), folders walked recursively and
/// their relative paths kept. Runs on a blocking thread (folders can be big).
pub fn expand_dropped(paths: &[PathBuf], folder: &S3Location) -> Vec<(PathBuf, S3Location, u64)> {
    let mut files = Vec::new();
    for path in paths {
        let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        walk(path, &format!("{}{name}", folder.key), folder, &mut files);
    }
    files
}

fn walk(path: &Path, key: &str, folder: &S3Location, out: &mut Vec<(PathBuf, S3Location, u64)>) {
    let Ok(meta) = std::fs::metadata(path) else {
        return;
    };
    if meta.is_file() {
        out.push((
            path.to_owned(),
            S3Location {
                bucket: folder.bucket.clone(),
                key: key.to_owned(),
            },
            meta.len(),
        ));
    } else if meta.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        let mut children: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        children.sort();
        for child in children {
            if let Some(name) = child.file_name().map(|n| n.to_string_lossy().into_owned()) {
                walk(&child, &format!("{key}/{name}"), folder, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_names_keep_folder_and_extension() {
        assert_eq!(numbered_key("a/b/report.pdf", 1), "a/b/report (1).pdf");
        assert_eq!(numbered_key("notes", 2), "notes (2)");
        assert_eq!(numbered_key(".bashrc", 1), ".bashrc (1)");
        assert_eq!(numbered_key("x/archive.tar.gz", 3), "x/archive.tar (3).gz");
    }

    #[test]
    fn dropped_folders_keep_relative_paths() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("Trip");
        std::fs::create_dir_all(root.join("day 1")).unwrap();
        std::fs::write(root.join("day 1/a.jpg"), b"a").unwrap();
        std::fs::write(root.join("b.jpg"), b"bb").unwrap();
        let single = dir.path().join("c.txt");
        std::fs::write(&single, b"ccc").unwrap();
        let folder = S3Location::new("bucket", "photos/").unwrap();
        let files = expand_dropped(&[root, single], &folder);
        let keys: Vec<(&str, u64)> = files.iter().map(|(_, o, s)| (o.key.as_str(), *s)).collect();
        assert_eq!(
            keys,
            [
                ("photos/Trip/b.jpg", 2),
                ("photos/Trip/day 1/a.jpg", 1),
                ("photos/c.txt", 3)
            ]
        );
    }
}
