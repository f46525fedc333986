//! The one way the window asks for work: a [`Command`] on the bus, answered by [`Event`]s.
//!
//! Every backend operation is one `Command` variant; answers to requests carry the
//! [`RequestId`] they were made for, so an answer for something the user has left (a closed
//! dialog, another selection) matches nothing the view waits for and is dropped.
//! Views depend on this module and on the core, never on the backend's insides.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::mpsc;

use s3share_core::credentials::CredentialsInfo;
use s3share_core::history::HistoryEntry;
use s3share_core::link_check::LinkCheck;
use s3share_core::pages::files_page::{FilesPage, PageSource};
use s3share_core::preferences::Preferences;
use s3share_core::preview::Preview;
use s3share_core::saved::SavedConnection;
use s3share_core::saved_ops::TestOutcome;
use s3share_core::secrets::{SecretStore, StoredSecret};
use s3share_core::take_back::{ShareCopy, TakenBack};
use s3share_core::upload::UploadedFile;
use s3share_core::upload_plan::Skipped;
use s3share_core::{
    BucketInfo, ConnectionSettings, Error, ListingPage, Result, S3Location, ShareLink, ShareRequest,
};

use crate::history_jobs::{HistoryOp, HistoryStore};
use crate::name_filter::FilterJob;

/// What an answer is for. Each request gets a new one, unique in the process, so no two
/// views can mistake each other's answers and a late answer never fills a newer request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RequestId(u64);

impl RequestId {
    #[allow(clippy::new_without_default)] // a default would hide that each call is new
    pub fn new() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Self(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

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
    /// Calls `Session::connect` for what `Start` names (a saved connection through
    /// `core::saved_ops::settings_of`, or demo storage through `core::demo`), then
    /// `Session::credentials_info` and `Session::abort_abandoned_uploads`. Answered by
    /// [`Event::Connected`] / [`Event::ConnectFailed`] and [`Event::Credentials`].
    Connect(Start),
    /// Calls `Session::list_buckets`; answered by [`Event::Buckets`].
    ListBuckets,
    /// Calls `Session::list_page` for every page of a folder, streamed as
    /// [`Event::Listed`] with `generation`. Starting a new listing cancels the previous one.
    ListFolder { folder: S3Location, generation: u64 },
    /// Calls `Session::share_links`: links for one or more files (same expiry and mode),
    /// made together, all or none. Answered by [`Event::LinksReady`] with `request`.
    MakeLinks {
        request: RequestId,
        requests: Vec<ShareRequest>,
    },
    /// Calls `Session::share_copies`: a copy of each file that can be taken back, shared
    /// ("Share a copy I can take back"), all or none. Answered by [`Event::CopiesReady`].
    MakeCopies {
        request: RequestId,
        requests: Vec<ShareRequest>,
    },
    /// Calls `Session::stop_sharing` ("Stop sharing": deletes the copy or page `entry`
    /// records), then `History::mark_taken_back` through `store` (on a blocking thread).
    /// Answered by [`Event::TakenBack`].
    TakeBack {
        request: RequestId,
        entry: Box<HistoryEntry>,
        store: Option<HistoryStore>,
    },
    /// Calls `Session::files_page`: one page listing many files (a selection, or a folder
    /// and its folders), each with its own download link, all ending together; the page
    /// is stored under `.s3share/pages/` beside them. Answered by [`Event::PageReady`].
    MakePage {
        request: RequestId,
        source: PageSource,
        expiry: s3share_core::Expiry,
    },
    /// Loads the history through `store` and calls `Session::clean_recorded`: removes what
    /// s3share made on this connection (pages, copies…) whose links have ended. Sent once
    /// the window is connected; the outcome is only logged.
    CleanEnded { store: HistoryStore },
    /// Calls `core::history` / `core::preferences` through `HistoryStore::run` (file I/O on
    /// a blocking thread). `Load` is answered by [`Event::HistoryLoaded`].
    History { store: HistoryStore, op: HistoryOp },
    /// Calls `core::upload_plan::plan_uploads`, then `Session::upload_file` for each file
    /// (through the upload worker): dropped or picked files and folders, uploaded into
    /// `folder` (folders recursively). Answered by the `Upload*` events of `batch`.
    UploadFiles {
        batch: u64,
        paths: Vec<PathBuf>,
        folder: S3Location,
    },
    /// Calls `Session::upload_file` again for one file (Retry), replacing what is there.
    RetryUpload(UploadJob),
    /// Cancels that upload (its multipart upload is aborted by `Session::upload_file`).
    CancelUpload { id: u64 },
    /// The user's answer to [`Event::UploadClash`] for that upload.
    ResolveClash { id: u64, choice: ClashChoice },
    /// Calls `Session::object_exists` / `free_name`, then `Session::upload_link` or
    /// `upload_link_for_new_file`: an upload link for someone else ("Request a file").
    /// Answered by [`Event::UploadLinkReady`] or [`Event::UploadLinkNameTaken`].
    MakeUploadLink {
        request: RequestId,
        object: S3Location,
        expiry: s3share_core::Expiry,
        /// Without it, a taken name is answered with [`Event::UploadLinkNameTaken`].
        replace: bool,
    },
    /// Calls `Session::request_files`: a new folder for files and a page through which
    /// anyone with its link can send files there ("Request files…"). Answered by
    /// [`Event::FileRequestReady`] with `request`.
    MakeFileRequest {
        request: RequestId,
        options: s3share_core::request::RequestOptions,
    },
    /// Calls `Session::protect_object`: fetches the file, encrypts it with the password and
    /// shares it as a page that opens it ("Protect with a password…"). Progress comes as
    /// [`Event::ProtectProgress`], the answer as [`Event::Protected`], both with `request`;
    /// `cancel` stops it (the dialog cancels when it is closed).
    ProtectFile {
        request: RequestId,
        object: S3Location,
        expiry: s3share_core::Expiry,
        password: s3share_core::Secret,
        cancel: tokio_util::sync::CancellationToken,
    },
    /// Calls `core::link_check::check_link`: requests the link itself, as a recipient
    /// would. Answered by [`Event::LinkTested`].
    TestLink { request: RequestId, url: LinkUrl },
    /// Opens the desktop's file chooser (`rfd::AsyncFileDialog`: the portal, else zenity)
    /// on the backend, so the window keeps drawing and draining events while it is open.
    /// Answered by [`Event::FilesPicked`].
    PickFiles {
        request: RequestId,
        /// Where the chosen files go: the folder shown when the user asked.
        folder: S3Location,
    },
    // --- share panel ---
    /// A new message in the desktop's mail program with `links` in it ("Email…").
    /// Calls s3share_core::message::mailto, then `open::that_detached` on a blocking thread
    /// (starting a program can wait on the desktop, never on the UI thread). Answered by
    /// [`Event::MailOpened`] with the same `request`.
    OpenMail {
        request: RequestId,
        links: Vec<ShareLink>,
    },
    /// Calls `Session::preview` (core::preview): one ranged GET of at most the cap of the
    /// file's kind, decoded on a blocking thread; a picture's thumbnail is then made an
    /// `egui::ColorImage` there too. Answered by [`Event::Previewed`] with `request` and
    /// `object`. A newer `PreviewFile` cancels the one before (the selection moved on).
    PreviewFile {
        request: RequestId,
        object: S3Location,
        /// As listed.
        size: u64,
    },
    // --- browser ---
    /// Runs `FilterJob::run` (name_filter.rs) on a blocking thread: the rows of a large
    /// folder whose folded name contains the query. Answered by [`Event::RowsFiltered`]
    /// with the same `request`; nothing if the job was cancelled by a newer query.
    FilterRows { request: RequestId, job: FilterJob },
    // --- connections ---
    /// Calls `s3share_core::saved_ops` / `s3share_core::aws_files` for saved connections
    /// (load, test, save, remove, AWS profile names); each [`ConnectionCommand`] names its call.
    Connections(ConnectionCommand),
    // --- look ---
    /// Follows the desktop's light/dark setting (`system_theme::watch`: the XDG portal's
    /// `org.freedesktop.appearance` `color-scheme`, then its changes). Answered by
    /// [`Event::SystemTheme`], again on every change; nothing without a portal.
    WatchSystemTheme,
}

/// What the backend answers.
#[derive(Debug)]
pub enum Event {
    Connected {
        name: String,
        /// Demo storage: who answers its links this session (and whether this start had
        /// to change port or keys, ending links made before).
        demo: Option<s3share_core::demo::DemoSession>,
    },
    ConnectFailed(Error),
    /// Known once the keys are resolved; says whether they are temporary.
    Credentials(CredentialsInfo),
    /// The desktop prefers dark (`Some(true)`), light (`Some(false)`) or says nothing.
    SystemTheme {
        dark: Option<bool>,
    },
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
        request: RequestId,
        /// The links, in the order asked for, and the connection that signed them.
        result: Result<(Vec<ShareLink>, String)>,
    },
    CopiesReady {
        request: RequestId,
        /// The copies' links, in the order asked for, and the connection that made them.
        result: Result<(Vec<ShareCopy>, String)>,
    },
    TakenBack {
        request: RequestId,
        entry: Box<HistoryEntry>,
        result: Result<TakenBack>,
    },
    PageReady {
        request: RequestId,
        /// The page, and the connection that signed it.
        result: Result<(Box<FilesPage>, String)>,
    },
    HistoryLoaded {
        entries: Vec<HistoryEntry>,
        preferences: Preferences,
    },
    /// The history file could not be read or written (the message says which and why).
    HistoryFailed(String),
    LinkTested {
        request: RequestId,
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
        request: RequestId,
        result: Result<s3share_core::UploadLink>,
    },
    FileRequestReady {
        request: RequestId,
        /// The request made, and the connection that signed it.
        result: Result<(Box<s3share_core::request::FileRequest>, String)>,
    },
    ProtectProgress {
        request: RequestId,
        step: s3share_core::protect::ProtectStep,
    },
    Protected {
        request: RequestId,
        /// The protected file, and the connection that signed its link.
        result: Result<(Box<s3share_core::protect::ProtectedFile>, String)>,
    },
    /// A file of the requested name exists; `free` is the first free " (n)" name.
    UploadLinkNameTaken {
        request: RequestId,
        free: S3Location,
    },
    /// The file chooser closed; `paths` is empty when the user cancelled, `None` when this
    /// desktop has no chooser (no portal, no zenity): the window then shows its own.
    FilesPicked {
        request: RequestId,
        folder: S3Location,
        paths: Option<Vec<PathBuf>>,
    },
    // --- share panel ---
    /// How handing a message to the mail program went ([`Command::OpenMail`]).
    MailOpened {
        request: RequestId,
        outcome: MailOutcome,
    },
    /// The preview of `object` ([`Command::PreviewFile`]).
    Previewed {
        request: RequestId,
        object: S3Location,
        result: Result<PreviewReady>,
    },
    // --- browser ---
    /// The rows (positions in the listing, in the job's order) matching a filter.
    RowsFiltered {
        request: RequestId,
        rows: Vec<usize>,
    },
    // --- connections ---
    /// An answer to a [`ConnectionCommand`], carrying its request id.
    Connections(ConnectionEvent),
}

/// A preview ready to draw: a picture already made into an image egui can upload as a
/// texture (made on a blocking thread, not while a frame is drawn), anything else as the
/// core said it.
pub enum PreviewReady {
    Image {
        image: egui::ColorImage,
        /// The picture's own size (the image is a thumbnail of it).
        full_width: u32,
        full_height: u32,
    },
    Other(Preview),
}

impl std::fmt::Debug for PreviewReady {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PreviewReady::Image { image, .. } => write!(f, "Image({:?})", image.size),
            PreviewReady::Other(preview) => write!(f, "{preview:?}"),
        }
    }
}

impl From<Preview> for PreviewReady {
    /// Turns a picture's RGBA bytes into an image (CPU work: call it off the UI thread).
    fn from(preview: Preview) -> Self {
        match preview {
            Preview::Image {
                rgba,
                width,
                height,
                full_width,
                full_height,
            } => PreviewReady::Image {
                image: egui::ColorImage::from_rgba_unmultiplied(
                    [width as usize, height as usize],
                    &rgba,
                ),
                full_width,
                full_height,
            },
            other => PreviewReady::Other(other),
        }
    }
}

/// What became of a message handed to the mail program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailOutcome {
    /// The mail program was started with the message.
    Opened,
    /// The message is longer than mail programs take in a `mailto:` link.
    TooLong,
    /// No mail program could be started (none set up, or it failed to start).
    NoMailProgram,
}

#[derive(Clone)]
pub(crate) struct EventSink {
    tx: mpsc::Sender<Event>,
    repaint: egui::Context,
}

impl EventSink {
    /// `repaint` wakes the window after each event is queued.
    pub(crate) fn new(tx: mpsc::Sender<Event>, repaint: egui::Context) -> Self {
        Self { tx, repaint }
    }

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

/// Work on saved connections (the window's switcher and dialog ask for it).
#[derive(Debug)]
pub enum ConnectionCommand {
    /// Calls `s3share_core::saved_ops::load_saved` (connections.toml at `path`), answered
    /// by [`ConnectionEvent::Loaded`].
    Load { request: RequestId, path: PathBuf },
    /// Calls `s3share_core::saved_ops::settings_of` (the typed `secret`, else the one in
    /// `secrets`) and `s3share_core::saved_ops::test_connection`, answered by
    /// [`ConnectionEvent::Tested`]. Nothing is saved.
    Test {
        request: RequestId,
        connection: Box<SavedConnection>,
        secret: Option<StoredSecret>,
        secrets: SecretStore,
        /// Look up this one bucket instead of listing them all.
        bucket: Option<String>,
    },
    /// Calls `s3share_core::saved_ops::save_connection` (keyring first, then the file; an
    /// update when `original` is the connection being edited), answered by
    /// [`ConnectionEvent::Saved`].
    Save {
        request: RequestId,
        path: PathBuf,
        original: Option<Box<SavedConnection>>,
        connection: Box<SavedConnection>,
        secret: Option<StoredSecret>,
    },
    /// Calls `s3share_core::saved_ops::remove_connection` (the file entry and its keyring
    /// secret), answered by [`ConnectionEvent::Removed`].
    Remove {
        request: RequestId,
        path: PathBuf,
        name: String,
    },
    /// Calls `s3share_core::aws_files::aws_profiles` (reads ~/.aws on a blocking thread),
    /// answered by [`ConnectionEvent::AwsProfiles`].
    ReadAwsProfiles { request: RequestId },
}

/// Answers to [`ConnectionCommand`]s; the dialog applies only the one it waits for.
#[derive(Debug)]
pub enum ConnectionEvent {
    Loaded {
        request: RequestId,
        result: Result<Vec<SavedConnection>>,
    },
    Tested {
        request: RequestId,
        result: Result<TestOutcome>,
    },
    /// The connection as saved.
    Saved {
        request: RequestId,
        result: Result<SavedConnection>,
    },
    Removed {
        request: RequestId,
        name: String,
        result: Result<()>,
    },
    /// Profile names in ~/.aws/config and ~/.aws/credentials (none if unreadable).
    AwsProfiles {
        request: RequestId,
        names: Vec<String>,
    },
}

// --- what uploads are made of (the queue shows them, the upload worker runs them) ---

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

/// One file to send.
#[derive(Clone, Debug)]
pub struct UploadJob {
    pub id: u64,
    pub path: PathBuf,
    pub object: S3Location,
    /// Ask before replacing an existing file (false when the user already chose Replace).
    pub ask_on_clash: bool,
}
