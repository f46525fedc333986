//! The backend side of uploads: expands dropped folders, asks before replacing, runs a few
//! uploads at once through the core (pre-signed PUT / multipart), and reports progress at
//! most ~10 times a second per file.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::{Semaphore, oneshot};
use tokio_util::sync::CancellationToken;

use crate::bus::{ClashChoice, Event, EventSink, UploadJob, UploadOutcome};
use s3share_core::upload::UploadOptions;
use s3share_core::{Error, Result, S3Location, Session};

/// Uploads running at once.
pub const PARALLEL_UPLOADS: usize = 4;
pub(crate) const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// Uploads in flight and clashes waiting for an answer.
#[derive(Clone)]
pub struct Uploads {
    slots: Arc<Semaphore>,
    /// Existence checks (HEAD) running at once.
    checks: Arc<Semaphore>,
    /// The window is closing: nothing new starts.
    closing: Arc<AtomicBool>,
    running: Arc<Mutex<HashMap<u64, CancellationToken>>>,
    clashes: Arc<Mutex<HashMap<u64, oneshot::Sender<ClashChoice>>>>,
}

impl Default for Uploads {
    fn default() -> Self {
        Self {
            slots: Arc::new(Semaphore::new(PARALLEL_UPLOADS)),
            checks: Arc::new(Semaphore::new(PARALLEL_UPLOADS)),
            closing: Arc::default(),
            running: Arc::default(),
            clashes: Arc::default(),
        }
    }
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

    /// Cancels every upload (the window is closing): each aborts its multipart upload.
    pub fn cancel_all(&self) {
        self.closing.store(true, Ordering::Relaxed);
        for token in lock(&self.running).values() {
            token.cancel();
        }
        for (_, answer) in lock(&self.clashes).drain() {
            let _ = answer.send(ClashChoice::Skip);
        }
    }

    /// Waits until no upload runs any more, or `within` has passed.
    pub async fn wait_until_idle(&self, within: Duration) {
        let deadline = Instant::now() + within;
        while !lock(&self.running).is_empty() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub fn resolve_clash(&self, id: u64, choice: ClashChoice) {
        if let Some(answer) = lock(&self.clashes).remove(&id) {
            let _ = answer.send(choice);
        }
    }

    /// Starts one upload in the background.
    pub(crate) fn start(&self, session: Session, job: UploadJob, sink: EventSink) {
        if self.closing.load(Ordering::Relaxed) {
            return;
        }
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
        if cancel.is_cancelled() {
            return UploadOutcome::Failed(Error::Cancelled);
        }
        let (object, replace) = match self.destination(session, &job, sink).await {
            Ok(Some(destination)) => destination,
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
        // Unless the user chose Replace, the server refuses to replace a file that
        // appeared after the check (another upload, another person).
        let options = UploadOptions {
            keep_existing: !replace,
            ..UploadOptions::default()
        };
        match session
            .upload_file_with(&job.path, &object, None, &options, progress, cancel)
            .await
        {
            Ok(file) => UploadOutcome::Uploaded(file),
            Err(e) => UploadOutcome::Failed(e),
        }
    }

    /// Where the file goes, and whether replacing what is there was chosen: its own name,
    /// or after asking, a free " (n)" name; `None` to skip.
    async fn destination(
        &self,
        session: &Session,
        job: &UploadJob,
        sink: &EventSink,
    ) -> Result<Option<(S3Location, bool)>> {
        if !job.ask_on_clash {
            return Ok(Some((job.object.clone(), true)));
        }
        let exists = {
            // Bounded like the uploads: 20 000 dropped files never mean 20 000 HEADs at once.
            let Ok(_check) = self.checks.acquire().await else {
                return Err(Error::Cancelled);
            };
            if self.closing.load(Ordering::Relaxed) {
                return Err(Error::Cancelled);
            }
            session.object_exists(&job.object).await?
        };
        if !exists {
            return Ok(Some((job.object.clone(), false)));
        }
        let (answer, question) = oneshot::channel();
        lock(&self.clashes).insert(job.id, answer);
        sink.send(Event::UploadClash {
            id: job.id,
            object: job.object.clone(),
        })
        .await;
        match question.await.unwrap_or(ClashChoice::Skip) {
            ClashChoice::Replace => Ok(Some((job.object.clone(), true))),
            ClashChoice::Skip => Ok(None),
            ClashChoice::KeepBoth => {
                let Ok(_check) = self.checks.acquire().await else {
                    return Err(Error::Cancelled);
                };
                session
                    .free_name(&job.object)
                    .await
                    .map(|o| Some((o, false)))
            }
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
