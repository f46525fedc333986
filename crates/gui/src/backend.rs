//! The window's worker: a tokio runtime on its own named threads. The UI sends
//! [`Command`]s on the bus (never waiting), the backend runs them and sends [`Event`]s
//! back, then asks egui for a repaint. Both channels are bounded.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::bus::UploadJob;
use crate::bus::{Command, Event, EventSink, LinkUrl, MailOutcome, RequestId, Start};
use crate::connection_jobs;
use crate::upload_worker::Uploads;
use s3share_core::demo::{DEMO_PORT, DemoServer, StableDemo, seed_samples, start_stable};
use s3share_core::link_check::{LinkCheck, check_link};
use s3share_core::preview::{Fetched, NoPreview, Preview, PreviewKind};
use s3share_core::saved::DEMO_NAME;
use s3share_core::saved_ops::{find_saved, settings_of};
use s3share_core::secrets::SecretStore;
use s3share_core::upload_plan::{PlannedFile, plan_uploads};
use s3share_core::{Error, Result, S3Location, Session, ShareLink};

/// Objects per listing request (the S3 maximum).
pub const PAGE_SIZE: i32 = 1000;
const COMMAND_QUEUE: usize = 64;
const EVENT_QUEUE: usize = 64;

/// Owns the runtime; dropping it stops every task (and the demo server).
pub struct Backend {
    commands: mpsc::Sender<Command>,
    events: mpsc::Receiver<Event>,
    runtime: Option<tokio::runtime::Runtime>,
    uploads: Uploads,
}

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Backend").finish_non_exhaustive()
    }
}

impl Backend {
    /// Starts the runtime. `repaint` is called after each event is queued.
    pub fn start(repaint: egui::Context) -> std::io::Result<Self> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .thread_name("s3share-backend")
            .build()?;
        let (commands, command_rx) = mpsc::channel(COMMAND_QUEUE);
        let (event_tx, events) = mpsc::channel(EVENT_QUEUE);
        let sink = EventSink::new(event_tx, repaint);
        let uploads = Uploads::default();
        runtime.spawn(dispatch(command_rx, sink, uploads.clone()));
        Ok(Self {
            commands,
            events,
            runtime: Some(runtime),
            uploads,
        })
    }

    /// Queues a command without waiting. Returns false if the backend is overwhelmed or
    /// gone (the caller shows that beside what failed).
    pub fn send(&self, command: Command) -> bool {
        match self.commands.try_send(command) {
            Ok(()) => true,
            Err(e) => {
                tracing::warn!(error = %e, "backend did not take a command");
                false
            }
        }
    }

    /// The runtime's handle, for work a view hands off without a command (the in-app file
    /// chooser reads folders on its blocking threads).
    pub fn runtime(&self) -> Option<tokio::runtime::Handle> {
        self.runtime.as_ref().map(|r| r.handle().clone())
    }

    pub fn try_recv(&mut self) -> Option<Event> {
        self.events.try_recv().ok()
    }
}

/// How long closing the window waits for uploads to abort their multipart uploads.
/// What does not finish in time is aborted on the next start (core::pending_uploads).
const ABORT_GRACE: Duration = Duration::from_secs(3);

impl Drop for Backend {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            self.uploads.cancel_all();
            // block_on cannot run inside another runtime (some tests drop the app there).
            if tokio::runtime::Handle::try_current().is_err() {
                // The window is closing: waiting (at most ABORT_GRACE) is what keeps
                // multipart uploads from being left open.
                #[allow(clippy::disallowed_methods)]
                runtime.block_on(self.uploads.wait_until_idle(ABORT_GRACE));
            }
            runtime.shutdown_background();
        }
    }
}

/// "Stop sharing": the bucket first, then the history file (on a blocking thread).
async fn take_back(
    session: &Session,
    entry: &s3share_core::history::HistoryEntry,
    store: Option<crate::history_jobs::HistoryStore>,
) -> Result<s3share_core::take_back::TakenBack> {
    let done = session.stop_sharing(entry).await?;
    if let Some(store) = store {
        let op = crate::history_jobs::HistoryOp::MarkTakenBack {
            folder: done.folder.clone(),
            at: done.at,
        };
        tokio::task::spawn_blocking(move || store.run(op))
            .await
            .map_err(|e| Error::invalid("history", e.to_string()))??;
    }
    Ok(done)
}

/// On connecting: what s3share made on this connection and has ended is removed
/// (`Session::clean_recorded`); the outcome goes to the log.
async fn clean_ended(session: Session, store: crate::history_jobs::HistoryStore) {
    let loaded = tokio::task::spawn_blocking(move || store.history.load()).await;
    let Ok(Ok(entries)) = loaded else {
        tracing::warn!("cleanup skipped: the history could not be read");
        return;
    };
    let cleaned = session.clean_recorded(&entries).await;
    if !cleaned.report.removed.is_empty() {
        tracing::info!(
            folders = cleaned.report.removed.len(),
            objects = cleaned.report.objects_removed,
            "removed ended pages and copies"
        );
    }
    for (bucket, base, error) in &cleaned.failed {
        tracing::warn!(
            bucket = %s3share_core::visible::visible(bucket),
            base = %s3share_core::visible::visible(base),
            %error,
            "could not clean ended pages and copies"
        );
    }
}

/// Runs the window's history and settings ops one after the other, in the order asked (each
/// on a blocking thread), so a later save never lands before an earlier one (Theme: Light
/// then Dark leaves Dark). `Load` answers with `Event::HistoryLoaded`, a failure with
/// `Event::HistoryFailed`.
fn history_worker(
    sink: EventSink,
) -> mpsc::Sender<(
    crate::history_jobs::HistoryStore,
    crate::history_jobs::HistoryOp,
)> {
    let (queue, mut ops) = mpsc::channel::<(
        crate::history_jobs::HistoryStore,
        crate::history_jobs::HistoryOp,
    )>(COMMAND_QUEUE);
    tokio::spawn(async move {
        while let Some((store, op)) = ops.recv().await {
            let answer = tokio::task::spawn_blocking(move || store.run(op)).await;
            let event = match answer {
                Ok(Ok(Some((entries, preferences)))) => Event::HistoryLoaded {
                    entries,
                    preferences,
                },
                Ok(Ok(None)) => continue,
                Ok(Err(e)) => Event::HistoryFailed(e.to_string()),
                Err(e) => Event::HistoryFailed(e.to_string()),
            };
            if !sink.send(event).await {
                break;
            }
        }
    });
    queue
}

fn link_check_client() -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(20))
        .build()
        .map_err(|e| e.to_string())
}

async fn dispatch(mut commands: mpsc::Receiver<Command>, sink: EventSink, uploads: Uploads) {
    let mut session: Option<Session> = None;
    // Kept alive as long as the window runs: links to demo storage work while it does.
    let mut demo_server: Option<DemoServer> = None;
    let mut listing: Option<CancellationToken> = None;
    let mut previewing: Option<CancellationToken> = None;
    // One preview decodes at a time (a picture may take up to 256 MiB while decoding):
    // quick selections of big pictures queue here, and those left behind are dropped.
    let decoding = Arc::new(tokio::sync::Semaphore::new(1));
    let upload_ids = Arc::new(AtomicU64::new(1));
    let history = history_worker(sink.clone());
    // For "Test link"; built on first use (it reads the system's certificates, ~12 ms, which
    // would otherwise hold up the first connection at every start).
    // A failure is not kept: the next test tries again.
    let link_client: Arc<tokio::sync::OnceCell<reqwest::Client>> = Arc::default();

    while let Some(command) = commands.recv().await {
        match command {
            Command::Connect(start) => match reconnect(start, &mut demo_server).await {
                Ok((new_session, server)) => {
                    let demo = server.as_ref().map(|s| s.session.clone());
                    demo_server = server.map(|s| s.server);
                    let name = new_session.name().to_owned();
                    session = Some(new_session.clone());
                    if !sink.send(Event::Connected { name, demo }).await {
                        break;
                    }
                    let sink = sink.clone();
                    tokio::spawn(async move {
                        if let Ok(info) = new_session.credentials_info().await {
                            sink.send(Event::Credentials(info)).await;
                        }
                        new_session.abort_abandoned_uploads().await;
                    });
                }
                Err(error) => {
                    session = None;
                    demo_server = None;
                    sink.send(Event::ConnectFailed(error)).await;
                }
            },
            Command::ListBuckets => {
                let Some(session) = session.clone() else {
                    continue;
                };
                let sink = sink.clone();
                tokio::spawn(async move {
                    sink.send(Event::Buckets(session.list_buckets().await))
                        .await;
                });
            }
            Command::ListFolder { folder, generation } => {
                if let Some(previous) = listing.take() {
                    previous.cancel();
                }
                let Some(session) = session.clone() else {
                    continue;
                };
                let cancel = CancellationToken::new();
                listing = Some(cancel.clone());
                tokio::spawn(list_folder(
                    session,
                    folder,
                    generation,
                    cancel,
                    sink.clone(),
                ));
            }
            Command::MakeLinks { request, requests } => answer(
                session.as_ref(),
                &sink,
                move |session| async move {
                    let links = session.share_links(&requests).await?;
                    Ok((links, session.name().to_owned()))
                },
                move |result| Event::LinksReady { request, result },
            ),
            Command::MakeCopies { request, requests } => answer(
                session.as_ref(),
                &sink,
                move |session| async move {
                    let copies = session.share_copies(&requests).await?;
                    Ok((copies, session.name().to_owned()))
                },
                move |result| Event::CopiesReady { request, result },
            ),
            Command::TakeBack {
                request,
                entry,
                store,
            } => {
                let taken = entry.clone();
                answer(
                    session.as_ref(),
                    &sink,
                    move |session| async move { take_back(&session, &taken, store).await },
                    move |result| Event::TakenBack {
                        request,
                        entry,
                        result,
                    },
                );
            }
            Command::CleanEnded { store } => {
                let Some(session) = session.clone() else {
                    continue;
                };
                tokio::spawn(clean_ended(session, store));
            }
            Command::MakePage {
                request,
                source,
                expiry,
            } => answer(
                session.as_ref(),
                &sink,
                move |session| async move {
                    let page = session.files_page(&source, expiry).await?;
                    Ok((Box::new(page), session.name().to_owned()))
                },
                move |result| Event::PageReady { request, result },
            ),
            Command::History { store, op } => {
                if history.send((store, op)).await.is_err() {
                    break;
                }
            }
            Command::UploadFiles {
                batch,
                paths,
                folder,
            } => {
                let Some(session) = session.clone() else {
                    continue;
                };
                let (uploads, sink, ids) = (uploads.clone(), sink.clone(), Arc::clone(&upload_ids));
                tokio::spawn(async move {
                    let planned =
                        tokio::task::spawn_blocking(move || plan_uploads(&paths, &folder))
                            .await
                            .unwrap_or_else(|e| Err(Error::invalid("files", e.to_string())));
                    let plan = match planned {
                        Ok(plan) => plan,
                        Err(error) => {
                            sink.send(Event::UploadRefused { batch, error }).await;
                            return;
                        }
                    };
                    if !plan.skipped.is_empty() {
                        let skipped = plan.skipped.clone();
                        sink.send(Event::UploadSkipped { batch, skipped }).await;
                    }
                    if plan.files.is_empty() {
                        sink.send(Event::NothingToUpload { batch }).await;
                    }
                    for PlannedFile { path, object, size } in plan.files {
                        let id = ids.fetch_add(1, Ordering::Relaxed);
                        let queued = Event::UploadQueued {
                            batch,
                            id,
                            path: path.clone(),
                            object: object.clone(),
                            size,
                        };
                        if !sink.send(queued).await {
                            return;
                        }
                        let job = UploadJob {
                            id,
                            path,
                            object,
                            ask_on_clash: true,
                        };
                        uploads.start(session.clone(), job, sink.clone());
                    }
                });
            }
            Command::RetryUpload(job) => {
                if let Some(session) = session.clone() {
                    uploads.start(session, job, sink.clone());
                }
            }
            Command::CancelUpload { id } => uploads.cancel(id),
            Command::ResolveClash { id, choice } => uploads.resolve_clash(id, choice),
            Command::MakeUploadLink {
                request,
                object,
                expiry,
                replace,
            } => {
                let Some(session) = session.clone() else {
                    continue;
                };
                let sink = sink.clone();
                tokio::spawn(async move {
                    let taken = if replace {
                        Ok(false)
                    } else {
                        session.object_exists(&object).await
                    };
                    let event = match taken {
                        Ok(true) => match session.free_name(&object).await {
                            Ok(free) => Event::UploadLinkNameTaken { request, free },
                            Err(e) => Event::UploadLinkReady {
                                request,
                                result: Err(e),
                            },
                        },
                        Ok(false) if replace => Event::UploadLinkReady {
                            request,
                            result: session.upload_link(&object, expiry, None).await,
                        },
                        Ok(false) => Event::UploadLinkReady {
                            request,
                            result: session
                                .upload_link_for_new_file(&object, expiry, None)
                                .await,
                        },
                        Err(e) => Event::UploadLinkReady {
                            request,
                            result: Err(e),
                        },
                    };
                    sink.send(event).await;
                });
            }
            Command::MakeFileRequest { request, options } => answer(
                session.as_ref(),
                &sink,
                move |session| async move {
                    let made = session.request_files(&options).await?;
                    Ok((Box::new(made), session.name().to_owned()))
                },
                move |result| Event::FileRequestReady { request, result },
            ),
            Command::ProtectFile {
                request,
                object,
                expiry,
                password,
                cancel,
            } => {
                let progress = protect_progress(sink.clone(), request);
                answer(
                    session.as_ref(),
                    &sink,
                    move |session| async move {
                        let made = session
                            .protect_object(&object, expiry, password, progress, cancel)
                            .await?;
                        Ok((Box::new(made), session.name().to_owned()))
                    },
                    move |result| Event::Protected { request, result },
                );
            }
            Command::PickFiles { request, folder } => {
                let sink = sink.clone();
                tokio::spawn(async move {
                    let picked = rfd::AsyncFileDialog::new()
                        .set_title(s3share_core::tr!("backend-pick-files-title"))
                        .pick_files()
                        .await;
                    let picked = picked.map(|p| p.iter().map(|f| f.path().to_owned()).collect());
                    let paths = chooser_answer(picked, cfg!(target_os = "linux"));
                    sink.send(Event::FilesPicked {
                        request,
                        folder,
                        paths,
                    })
                    .await;
                });
            }
            Command::TestLink {
                request,
                url: LinkUrl(url),
            } => {
                let sink = sink.clone();
                let link_client = Arc::clone(&link_client);
                tokio::spawn(async move {
                    let client = link_client
                        .get_or_try_init(|| async {
                            tokio::task::spawn_blocking(link_check_client)
                                .await
                                .unwrap_or_else(|e| Err(e.to_string()))
                        })
                        .await;
                    let result = match client {
                        Ok(client) => check_link(client, &url).await,
                        Err(e) => LinkCheck::Fails(s3share_core::tr!(
                            "backend-web-request-failed",
                            reason = s3share_core::share::redact_secrets(&e).into_owned()
                        )),
                    };
                    sink.send(Event::LinkTested { request, result }).await;
                });
            }
            Command::OpenMail { request, links } => {
                let sink = sink.clone();
                tokio::spawn(async move {
                    let outcome = open_mail(&links).await;
                    sink.send(Event::MailOpened { request, outcome }).await;
                });
            }
            Command::PreviewFile {
                request,
                object,
                size,
            } => {
                if let Some(previous) = previewing.take() {
                    previous.cancel();
                }
                let cancel = CancellationToken::new();
                previewing = Some(cancel.clone());
                let answered = object.clone();
                let decoding = Arc::clone(&decoding);
                answer(
                    session.as_ref(),
                    &sink,
                    move |session| async move {
                        let fetched = tokio::select! {
                            () = cancel.cancelled() => return Err(Error::Cancelled),
                            fetched = session.fetch_preview(&object, size, None) => fetched?,
                        };
                        decode_preview(fetched, &decoding, &cancel).await
                    },
                    move |result| Event::Previewed {
                        request,
                        object: answered,
                        result,
                    },
                );
            }
            Command::FilterRows { request, job } => {
                let sink = sink.clone();
                tokio::spawn(async move {
                    // A scan of up to a few million names: CPU work, off the async workers.
                    let found = tokio::task::spawn_blocking(move || job.run()).await;
                    if let Ok(Some(rows)) = found {
                        sink.send(Event::RowsFiltered { request, rows }).await;
                    }
                });
            }
            Command::Connections(job) => connection_jobs::run(job, &sink),
            Command::WatchSystemTheme => {
                tokio::spawn(crate::system_theme::watch(sink.clone()));
            }
        }
    }
    drop(demo_server);
}

/// Decodes what was fetched for a preview (and makes a picture's pixels an
/// `egui::ColorImage`) on a blocking thread, one at a time through `gate`; nothing is
/// decoded once `cancel` is (the selection moved on while it waited). A decoder that
/// fails unexpectedly (a panic) gives the plain "could not be read" words.
async fn decode_preview(
    fetched: Fetched,
    gate: &Arc<tokio::sync::Semaphore>,
    cancel: &CancellationToken,
) -> Result<crate::bus::PreviewReady> {
    let permit = tokio::select! {
        () = cancel.cancelled() => return Err(Error::Cancelled),
        permit = Arc::clone(gate).acquire_owned() => permit.map_err(|_| Error::Cancelled)?,
    };
    if cancel.is_cancelled() {
        return Err(Error::Cancelled);
    }
    let kind = fetched.kind();
    let decoded = tokio::task::spawn_blocking(move || {
        let _decoding = permit;
        crate::bus::PreviewReady::from(fetched.decode())
    })
    .await;
    Ok(decoded.unwrap_or_else(|_| {
        crate::bus::PreviewReady::Other(kind.map_or(
            Preview::None {
                reason: NoPreview::Kind,
            },
            PreviewKind::unreadable,
        ))
    }))
}

/// Hands the message for `links` to the desktop's mail program, on a blocking thread.
async fn open_mail(links: &[ShareLink]) -> MailOutcome {
    let Some(mailto) = s3share_core::message::mailto(links) else {
        return MailOutcome::TooLong;
    };
    // On a blocking thread of the backend, where starting a program may wait.
    #[allow(clippy::disallowed_methods)]
    let opened = tokio::task::spawn_blocking(move || open::that_detached(&mailto)).await;
    match opened {
        Ok(Ok(())) => MailOutcome::Opened,
        Ok(Err(e)) => {
            // The error text of `open` repeats the whole mailto: link (the message, working
            // links included): log only its kind.
            tracing::warn!(error = ?e.kind(), "no mail program opened");
            MailOutcome::NoMailProgram
        }
        Err(e) => {
            tracing::warn!(error = %e, "the mail program task stopped");
            MailOutcome::NoMailProgram
        }
    }
}

/// Runs `work` with the session on the runtime and sends its answer as `event` makes it;
/// before a connection is open, `event` gets a "not connected yet" error instead, so a
/// dialog waiting for an answer always gets one.
fn answer<T, Work, Fut>(
    session: Option<&Session>,
    sink: &EventSink,
    work: Work,
    event: impl FnOnce(Result<T>) -> Event + Send + 'static,
) where
    Work: FnOnce(Session) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Result<T>> + Send + 'static,
    T: Send + 'static,
{
    let session = session.cloned();
    let sink = sink.clone();
    tokio::spawn(async move {
        let result = match session {
            Some(session) => work(session).await,
            None => Err(Error::invalid("connection", "not connected yet")),
        };
        sink.send(event(result)).await;
    });
}

/// Progress of "Protect with a password": every change of step, and within a step at most
/// ten times a second.
fn protect_progress(sink: EventSink, request: RequestId) -> s3share_core::protect::ProtectProgress {
    use s3share_core::protect::ProtectStep;
    let last = std::sync::Mutex::new(None::<(std::mem::Discriminant<ProtectStep>, Instant)>);
    Arc::new(move |step: ProtectStep| {
        let mut last = last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let kind = std::mem::discriminant(&step);
        let due = last.is_none_or(|(was, at)| {
            was != kind || at.elapsed() >= crate::upload_worker::PROGRESS_EVERY
        });
        if due {
            *last = Some((kind, Instant::now()));
            sink.try_send(Event::ProtectProgress { request, step });
        }
    })
}

/// What rfd's file chooser answered, as [`Event::FilesPicked`] says it: `Some([])` when the
/// person cancelled, `None` when there is no chooser. On Linux rfd answers `Some([])` on
/// cancel and `None` when neither the portal nor zenity could show one; elsewhere (the
/// system's own dialog, always there) `None` is a cancel.
fn chooser_answer(
    picked: Option<Vec<std::path::PathBuf>>,
    linux: bool,
) -> Option<Vec<std::path::PathBuf>> {
    match picked {
        None if !linux => Some(Vec::new()),
        picked => picked,
    }
}

/// Connects; for demo storage again, the running one first lets go of its port.
async fn reconnect(
    start: Start,
    demo_server: &mut Option<DemoServer>,
) -> Result<(Session, Option<StableDemo>)> {
    if matches!(start, Start::DemoStorage { .. }) {
        drop(demo_server.take());
    }
    connect(start).await
}

async fn connect(start: Start) -> Result<(Session, Option<StableDemo>)> {
    match start {
        Start::Connection(settings) => Ok((Session::connect(&settings).await?, None)),
        Start::DemoStorage { root } => {
            let seed_root = root.clone();
            tokio::task::spawn_blocking(move || seed_samples(&seed_root))
                .await
                .map_err(|e| Error::DemoServer(e.to_string()))??;
            // The same port and keys as last time, so links made then still work.
            let demo = start_stable(root, SecretStore::Keyring, DEMO_PORT).await?;
            let session = Session::connect(&demo.server.connection(DEMO_NAME)).await?;
            Ok((session, Some(demo)))
        }
        Start::Saved {
            connection,
            secrets,
        } => {
            let settings = settings_of(*connection, None, secrets).await?;
            Ok((Session::connect(&settings).await?, None))
        }
        Start::Named { name, otherwise } => {
            let flags = match &*otherwise {
                Start::Connection(flags) => Some(flags),
                _ => None,
            };
            match find_saved(&name, flags).await? {
                Some(settings) => Ok((Session::connect(&settings).await?, None)),
                None => Box::pin(connect(*otherwise)).await,
            }
        }
    }
}

async fn list_folder(
    session: Session,
    folder: S3Location,
    generation: u64,
    cancel: CancellationToken,
    sink: EventSink,
) {
    let mut token = None;
    loop {
        let page = tokio::select! {
            () = cancel.cancelled() => return,
            page = session.list_page(&folder, false, token.take(), Some(PAGE_SIZE)) => page,
        };
        match page {
            Ok(page) => {
                token.clone_from(&page.next_token);
                let done = token.is_none();
                if !sink
                    .send(Event::Listed {
                        generation,
                        page,
                        done,
                    })
                    .await
                    || done
                {
                    return;
                }
            }
            Err(error) => {
                sink.send(Event::ListFailed { generation, error }).await;
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bus::RequestId;
    use s3share_core::{ExpiryReason, LinkMode};

    fn link(url: String) -> ShareLink {
        let now = chrono::Utc::now();
        ShareLink {
            url,
            object: S3Location::new("bucket", "report.pdf").unwrap(),
            mode: LinkMode::Inline,
            created_at: now,
            expires_at: now + chrono::Duration::hours(1),
            expiry_reason: ExpiryReason::Requested,
            info: None,
            warnings: Vec::new(),
        }
    }

    /// Cancelling the system's chooser on macOS or Windows (rfd answers `None` there) is a
    /// cancel, not "this desktop has no chooser".
    #[test]
    fn a_cancelled_chooser_is_no_missing_chooser_outside_linux() {
        let chosen = Some(vec![std::path::PathBuf::from("/home/a/b.txt")]);
        for linux in [false, true] {
            assert_eq!(chooser_answer(Some(Vec::new()), linux), Some(Vec::new()));
            assert_eq!(chooser_answer(chosen.clone(), linux), chosen);
        }
        assert_eq!(chooser_answer(None, false), Some(Vec::new()), "cancelled");
        assert_eq!(chooser_answer(None, true), None, "no portal, no zenity");
    }

    /// The backend's first event, waiting at most 10 seconds.
    fn first_answer(backend: &mut Backend) -> Event {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(event) = backend.try_recv() {
                return event;
            }
            assert!(std::time::Instant::now() < deadline, "no answer");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// "Email…" is a command answered on the bus with its own request id. A message too
    /// long for a `mailto:` link is answered without starting any program.
    #[test]
    fn open_mail_is_answered_with_its_request() {
        let mut backend = Backend::start(egui::Context::default()).unwrap();
        let request = RequestId::new();
        let long = format!("http://127.0.0.1:1/bucket/report.pdf?{}", "x".repeat(3000));
        assert!(backend.send(Command::OpenMail {
            request,
            links: vec![link(long)],
        }));
        let answer = first_answer(&mut backend);
        let Event::MailOpened {
            request: answered,
            outcome,
        } = answer
        else {
            panic!("unexpected answer {answer:?}");
        };
        assert_eq!(answered, request);
        assert_eq!(outcome, MailOutcome::TooLong);
    }

    /// A file request asked for before any connection is answered (the dialog stops
    /// waiting and says why), not left unanswered.
    #[test]
    fn a_file_request_without_a_connection_is_answered_with_an_error() {
        let mut backend = Backend::start(egui::Context::default()).unwrap();
        let request = RequestId::new();
        let options = s3share_core::request::RequestOptions::new(
            S3Location::new("bucket", "in/").unwrap(),
            s3share_core::Expiry::ONE_HOUR,
            1000,
        )
        .unwrap();
        assert!(backend.send(Command::MakeFileRequest { request, options }));
        let answer = first_answer(&mut backend);
        let Event::FileRequestReady {
            request: answered,
            result: Err(error),
        } = answer
        else {
            panic!("unexpected answer {answer:?}");
        };
        assert_eq!(answered, request);
        assert!(error.to_string().contains("not connected"), "{error}");
    }

    fn text() -> Fetched {
        Fetched::Bytes {
            kind: PreviewKind::Text,
            bytes: b"hello".to_vec(),
            total: None,
        }
    }

    /// Decodes go one at a time; one whose selection moved on while it waited for its turn
    /// is never decoded.
    // `#[tokio::test]` waits with `block_on` on the test's own thread (no window here).
    #[allow(clippy::disallowed_methods)]
    #[tokio::test]
    async fn previews_decode_one_at_a_time_and_not_once_cancelled() {
        let gate = Arc::new(tokio::sync::Semaphore::new(1));
        let busy = Arc::clone(&gate).acquire_owned().await.unwrap();
        let (left, waiting) = (CancellationToken::new(), CancellationToken::new());
        let left_behind = tokio::spawn({
            let (gate, left) = (Arc::clone(&gate), left.clone());
            async move { decode_preview(text(), &gate, &left).await }
        });
        let next = tokio::spawn({
            let (gate, waiting) = (Arc::clone(&gate), waiting.clone());
            async move { decode_preview(text(), &gate, &waiting).await }
        });
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert!(
            !left_behind.is_finished() && !next.is_finished(),
            "waits its turn"
        );
        left.cancel();
        assert!(matches!(left_behind.await.unwrap(), Err(Error::Cancelled)));
        drop(busy);
        let decoded = next.await.unwrap().unwrap();
        let crate::bus::PreviewReady::Other(Preview::Text { lines, .. }) = &decoded else {
            panic!("{decoded:?}");
        };
        assert_eq!(lines, &["hello"]);
        // Cancelled before its turn came: not decoded even if the gate is free.
        let cancelled = CancellationToken::new();
        cancelled.cancel();
        assert!(matches!(
            decode_preview(text(), &gate, &cancelled).await,
            Err(Error::Cancelled)
        ));
    }

    /// Settings saved quickly one after another land in the order chosen: the last wins.
    #[test]
    fn history_ops_run_in_the_order_asked() {
        use crate::history_jobs::{HistoryOp, HistoryStore};
        use s3share_core::preferences::ThemeChoice;
        let dir = tempfile::tempdir().unwrap();
        let store = HistoryStore::in_dir(dir.path());
        let mut backend = Backend::start(egui::Context::default()).unwrap();
        let send = |op: HistoryOp| {
            let command = || Command::History {
                store: store.clone(),
                op: op.clone(),
            };
            while !backend.send(command()) {
                std::thread::sleep(Duration::from_millis(5));
            }
        };
        for i in 0..200 {
            let theme = if i % 2 == 0 {
                ThemeChoice::Light
            } else {
                ThemeChoice::Dark
            };
            send(HistoryOp::SaveTheme(theme));
            send(HistoryOp::SaveKeepLinks(i % 3 == 0));
        }
        send(HistoryOp::SaveTheme(ThemeChoice::Light));
        send(HistoryOp::Load);
        let started = Instant::now();
        let preferences = loop {
            match backend.try_recv() {
                Some(Event::HistoryLoaded { preferences, .. }) => break preferences,
                Some(Event::HistoryFailed(e)) => panic!("{e}"),
                _ if started.elapsed() > Duration::from_secs(30) => panic!("no answer"),
                _ => std::thread::sleep(Duration::from_millis(5)),
            }
        };
        assert_eq!(preferences.theme, ThemeChoice::Light);
        // The last keep-links save was for i = 199: 199 % 3 != 0.
        assert!(!preferences.keep_links_in_history);
    }
}
