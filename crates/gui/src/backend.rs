//! The window's worker: a tokio runtime on its own named threads. The UI sends [`Command`]s
//! (never waiting), the backend runs them and sends [`Event`]s back, then asks egui for a
//! repaint. Both channels are bounded.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::connections;
use super::history::{HistoryOp, HistoryStore};
use super::upload_worker::{ClashChoice, UploadJob, UploadOutcome, Uploads};
use s3share_core::credentials::CredentialsInfo;
use s3share_core::demo::{DemoServer, DemoServerOptions, seed_samples};
use s3share_core::history::HistoryEntry;
use s3share_core::preferences::Preferences;
use s3share_core::saved::SavedConnection;
use s3share_core::secrets::SecretStore;
use s3share_core::upload_plan::{PlannedFile, Skipped, plan_uploads};
use s3share_core::{
    BucketInfo, ConnectionSettings, Error, ListingPage, Result, S3Location, Session, ShareLink,
    ShareRequest,
};

/// Objects per listing request (the S3 maximum).
pub const PAGE_SIZE: i32 = 1000;
const COMMAND_QUEUE: usize = 64;
const EVENT_QUEUE: usize = 64;

/// Where the window gets its files from.
#[derive(Clone, Debug)]
pub enum Start {
    /// A connection (AWS chain, saved keys, a test server).
    Connection(ConnectionSettings),
    /// The embedded local server over `root`, seeded with sample files once.
    DemoStorage { root: PathBuf },
    /// A saved connection; its secret is read from `secrets` on a blocking thread.
    Saved {
        connection: Box<SavedConnection>,
        secrets: SecretStore,
    },
    /// The saved connection called `name` (connections.toml + keyring) if there is one,
    /// else `otherwise` (`--profile NAME`, the connection remembered from the last run).
    Named { name: String, otherwise: Box<Start> },
}

/// A pre-signed URL inside a command: a secret, so its `Debug` hides the signature.
pub struct LinkUrl(pub String);

impl std::fmt::Debug for LinkUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", s3share_core::share::redact_url(&self.0))
    }
}

/// What the UI asks for.
#[derive(Debug)]
pub enum Command {
    Connect(Start),
    ListBuckets,
    /// Every page of a folder, streamed as [`Event::Listed`]. Starting a new listing
    /// cancels the previous one.
    ListFolder {
        folder: S3Location,
        generation: u64,
    },
    /// Links for one or more files (same expiry and mode), made together: all or none.
    MakeLinks {
        id: u64,
        requests: Vec<ShareRequest>,
    },
    /// Reads or changes the shared-links history (file I/O on a blocking thread).
    History {
        store: HistoryStore,
        op: HistoryOp,
    },
    /// Dropped or picked files and folders, uploaded into `folder` (folders recursively).
    UploadFiles {
        batch: u64,
        paths: Vec<PathBuf>,
        folder: S3Location,
    },
    /// Sends one file again (Retry), replacing what is there.
    RetryUpload(UploadJob),
    CancelUpload {
        id: u64,
    },
    ResolveClash {
        id: u64,
        choice: ClashChoice,
    },
    /// An upload link for someone else ("Request a file").
    MakeUploadLink {
        id: u64,
        object: S3Location,
        expiry: s3share_core::Expiry,
        /// Without it, a taken name is answered with [`Event::UploadLinkNameTaken`].
        replace: bool,
    },
    /// Requests the link itself, as a recipient would.
    TestLink {
        id: u64,
        url: LinkUrl,
    },
}

/// What the backend answers.
#[derive(Debug)]
pub enum Event {
    Connected {
        name: String,
        demo: bool,
    },
    ConnectFailed(Error),
    /// Known once the keys are resolved; says whether they are temporary.
    Credentials(CredentialsInfo),
    Buckets(Result<Vec<BucketInfo>>),
    Listed {
        generation: u64,
        page: ListingPage,
        /// The last page.
        done: bool,
    },
    ListFailed {
        generation: u64,
        error: Error,
    },
    LinksReady {
        id: u64,
        /// The links, in the order asked for, and the connection that signed them.
        result: Result<(Vec<ShareLink>, String)>,
    },
    HistoryLoaded {
        entries: Vec<HistoryEntry>,
        preferences: Preferences,
    },
    /// The history file could not be read or written (the message says which and why).
    HistoryFailed(String),
    LinkTested {
        id: u64,
        result: LinkCheck,
    },
    /// A file of a batch is queued (sent once per file before its upload starts).
    UploadQueued {
        batch: u64,
        id: u64,
        path: PathBuf,
        object: S3Location,
        size: u64,
    },
    /// A dropped batch held no readable file.
    NothingToUpload {
        batch: u64,
    },
    /// A batch that cannot be sent as it is (two files for one name): nothing was sent.
    UploadRefused {
        batch: u64,
        error: Error,
    },
    /// Items of a batch left out (symbolic links, unreadable items).
    UploadSkipped {
        batch: u64,
        skipped: Vec<Skipped>,
    },
    UploadClash {
        id: u64,
        object: S3Location,
    },
    /// "Keep both" chose another name.
    UploadRenamed {
        id: u64,
        object: S3Location,
    },
    UploadProgress {
        id: u64,
        sent: u64,
    },
    UploadFinished {
        id: u64,
        outcome: UploadOutcome,
    },
    UploadLinkReady {
        id: u64,
        result: Result<s3share_core::UploadLink>,
    },
    /// A file of the requested name exists; `free` is the first free " (n)" name.
    UploadLinkNameTaken {
        id: u64,
        free: S3Location,
    },
}

/// The outcome of requesting a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkCheck {
    Works,
    Fails(String),
}

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
        let sink = EventSink {
            tx: event_tx,
            repaint,
        };
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

    /// Runs a task on the backend runtime (it answers through its own channel).
    pub fn spawn(&self, task: impl std::future::Future<Output = ()> + Send + 'static) {
        if let Some(runtime) = &self.runtime {
            runtime.spawn(task);
        }
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
                runtime.block_on(self.uploads.wait_until_idle(ABORT_GRACE));
            }
            runtime.shutdown_background();
        }
    }
}

#[derive(Clone)]
pub(crate) struct EventSink {
    tx: mpsc::Sender<Event>,
    repaint: egui::Context,
}

impl EventSink {
    /// Waits for room (back-pressure on listings); false once the window is gone.
    pub(crate) async fn send(&self, event: Event) -> bool {
        let sent = self.tx.send(event).await.is_ok();
        self.repaint.request_repaint();
        sent
    }

    /// For progress: dropped when the queue is full (the next one will do).
    pub(crate) fn try_send(&self, event: Event) {
        if self.tx.try_send(event).is_ok() {
            self.repaint.request_repaint();
        }
    }
}

async fn dispatch(mut commands: mpsc::Receiver<Command>, sink: EventSink, uploads: Uploads) {
    let mut session: Option<Session> = None;
    // Kept alive as long as the window runs: links to demo storage work while it does.
    let mut demo_server: Option<DemoServer> = None;
    let mut listing: Option<CancellationToken> = None;
    let upload_ids = Arc::new(AtomicU64::new(1));
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(20))
        .build();

    while let Some(command) = commands.recv().await {
        match command {
            Command::Connect(start) => match connect(start).await {
                Ok((new_session, server)) => {
                    let demo = server.is_some();
                    demo_server = server;
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
            Command::MakeLinks { id, requests } => {
                let Some(session) = session.clone() else {
                    sink.send(Event::LinksReady {
                        id,
                        result: Err(Error::invalid("connection", "not connected yet")),
                    })
                    .await;
                    continue;
                };
                let sink = sink.clone();
                tokio::spawn(async move {
                    let links = session.share_links(&requests).await;
                    let result = links.map(|links| (links, session.name().to_owned()));
                    sink.send(Event::LinksReady { id, result }).await;
                });
            }
            Command::History { store, op } => {
                let sink = sink.clone();
                tokio::spawn(async move {
                    let answer = tokio::task::spawn_blocking(move || store.run(op)).await;
                    let event = match answer {
                        Ok(Ok(Some((entries, preferences)))) => Event::HistoryLoaded {
                            entries,
                            preferences,
                        },
                        Ok(Ok(None)) => return,
                        Ok(Err(e)) => Event::HistoryFailed(e.to_string()),
                        Err(e) => Event::HistoryFailed(e.to_string()),
                    };
                    sink.send(event).await;
                });
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
                id,
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
                            Ok(free) => Event::UploadLinkNameTaken { id, free },
                            Err(e) => Event::UploadLinkReady { id, result: Err(e) },
                        },
                        Ok(false) if replace => Event::UploadLinkReady {
                            id,
                            result: session.upload_link(&object, expiry, None).await,
                        },
                        Ok(false) => Event::UploadLinkReady {
                            id,
                            result: session
                                .upload_link_for_new_file(&object, expiry, None)
                                .await,
                        },
                        Err(e) => Event::UploadLinkReady { id, result: Err(e) },
                    };
                    sink.send(event).await;
                });
            }
            Command::TestLink {
                id,
                url: LinkUrl(url),
            } => {
                let sink = sink.clone();
                let result = match &http {
                    Ok(client) => {
                        let client = client.clone();
                        tokio::spawn(async move {
                            let result = test_link(&client, &url).await;
                            sink.send(Event::LinkTested { id, result }).await;
                        });
                        continue;
                    }
                    Err(e) => LinkCheck::Fails(format!("Could not start a web request: {e}")),
                };
                sink.send(Event::LinkTested { id, result }).await;
            }
        }
    }
    drop(demo_server);
}

async fn connect(start: Start) -> Result<(Session, Option<DemoServer>)> {
    match start {
        Start::Connection(settings) => Ok((Session::connect(&settings).await?, None)),
        Start::DemoStorage { root } => {
            let seed_root = root.clone();
            tokio::task::spawn_blocking(move || seed_samples(&seed_root))
                .await
                .map_err(|e| Error::DemoServer(e.to_string()))??;
            let server = DemoServer::start(DemoServerOptions {
                root,
                port: 0,
                keys: None,
            })
            .await?;
            let session = Session::connect(&server.connection("Demo storage")).await?;
            Ok((session, Some(server)))
        }
        Start::Saved {
            connection,
            secrets,
        } => {
            let settings = connections::settings_of(*connection, secrets).await?;
            Ok((Session::connect(&settings).await?, None))
        }
        Start::Named { name, otherwise } => {
            match connections::find_saved(&name, &otherwise).await? {
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

/// Fetches the first byte of the link, as a recipient's browser would fetch all of it.
async fn test_link(client: &reqwest::Client, url: &str) -> LinkCheck {
    let response = match client
        .get(url)
        .header(http::header::RANGE, "bytes=0-0")
        .send()
        .await
    {
        Ok(r) => r,
        Err(e) if e.is_timeout() => {
            return LinkCheck::Fails(
                "The storage service did not answer in time. Try again in a minute.".to_owned(),
            );
        }
        Err(_) => {
            return LinkCheck::Fails(
                "Could not reach the storage service from this computer. Check the internet connection."
                    .to_owned(),
            );
        }
    };
    let status = response.status().as_u16();
    if response.status().is_success() {
        return LinkCheck::Works;
    }
    let body = response.text().await.unwrap_or_default();
    LinkCheck::Fails(link_failure_reason(status, &body))
}

/// Plain words for an S3 error answer to a link request.
pub fn link_failure_reason(status: u16, body: &str) -> String {
    let code = xml_tag(body, "Code").unwrap_or_default();
    let message = xml_tag(body, "Message")
        .unwrap_or_default()
        .to_ascii_lowercase();
    match code {
        "AccessDenied" if message.contains("expired") => {
            "The link has expired. Copy a new one.".to_owned()
        }
        "NoSuchKey" => "The file no longer exists. Refresh the folder.".to_owned(),
        "NoSuchBucket" => "The bucket no longer exists.".to_owned(),
        "SignatureDoesNotMatch" => {
            "The storage service does not accept the link's signature. Was the link changed when it was pasted?".to_owned()
        }
        "InvalidAccessKeyId" | "InvalidToken" | "ExpiredToken" => {
            "The keys that signed the link are no longer valid. Sign in again and copy a new link.".to_owned()
        }
        "AccessDenied" => {
            "Access denied: the keys that signed the link may not read this file.".to_owned()
        }
        "" => format!("The storage service answered HTTP {status}."),
        other => format!("The storage service refused the link (HTTP {status}, {other})."),
    }
}

fn xml_tag<'a>(body: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let start = body.find(&open)? + open.len();
    let end = body[start..].find(&format!("</{tag}>"))? + start;
    Some(body[start..end].trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_link_failures() {
        let expired =
            "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>";
        assert_eq!(
            link_failure_reason(403, expired),
            "The link has expired. Copy a new one."
        );
        let missing = "<Error><Code>NoSuchKey</Code></Error>";
        assert!(link_failure_reason(404, missing).contains("no longer exists"));
        assert_eq!(
            link_failure_reason(500, ""),
            "The storage service answered HTTP 500."
        );
        assert!(link_failure_reason(400, "<Code>Weird</Code>").contains("Weird"));
    }
}
