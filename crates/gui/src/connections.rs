//! Saved connections in the window: the switcher in the top bar, the add / edit dialog
//! (test, save, remove) and keys kept for this session only when no keyring is reachable.
//!
//! Keyring and file work runs on the backend runtime (keyring calls on `spawn_blocking`: a
//! locked keyring may wait for an unlock prompt); answers come back through a bounded
//! channel drained in `App::logic`. The secret typed into the dialog lives only in the
//! dialog's own strings: egui persists a text field's cursor, never its text.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use egui::{RichText, Ui};
use tokio::sync::mpsc;

use super::widgets::{error_label, local_day_time, ok_color};
use crate::backend::Backend;
use crate::bus::Start;
use s3share_core::credentials::CredentialsInfo;
use s3share_core::credentials::parse_session_end;
use s3share_core::demo::default_storage_dir;
use s3share_core::saved::{ConnectionList, Provider, SavedConnection, check_unique};
use s3share_core::secrets::{SecretStore, StoredSecret, off_thread};
use s3share_core::{ConnectionSettings, CredentialSource, Error, Result, Secret, Session};

/// The built-in connections' names (reserved in the core, for the CLI too).
pub use s3share_core::saved::{AWS_NAME, DEMO_NAME};
const AWS_LABEL: &str = "AWS (environment/profile)";
const REPLY_QUEUE: usize = 16;
/// Shown while a keyring call has not returned (it may be waiting for an unlock prompt).
pub const WAITING_FOR_KEYRING: &str = "Waiting for the keyring…";
pub const SESSION_ONLY_NOTE: &str = "The keys stay in memory only and are forgotten when S3 Share closes. Nothing is written to disk.";

/// What the window should do after something happened here.
#[derive(Debug)]
pub enum ConnectionAction {
    /// Open this connection (the user picked it, or just saved it).
    Switch(Start),
    /// A short confirmation for the toast.
    Notice(String),
}

/// Answers from tasks on the backend runtime.
enum Reply {
    Loaded(Result<Vec<SavedConnection>>),
    Tested {
        id: u64,
        result: Result<String>,
    },
    Saved {
        id: u64,
        result: Result<SavedConnection>,
    },
    Removed {
        id: u64,
        name: String,
        result: Result<()>,
    },
}

/// The saved connections, the session-only ones and the dialog.
pub struct Connections {
    path: Result<PathBuf, String>,
    saved: Vec<SavedConnection>,
    load_error: Option<String>,
    /// Kept for this session only (no keyring): never written to connections.toml.
    session_only: Vec<SavedConnection>,
    memory: SecretStore,
    aws_available: bool,
    dialog: Option<Box<Dialog>>,
    tx: mpsc::Sender<Reply>,
    rx: mpsc::Receiver<Reply>,
    repaint: egui::Context,
    next_id: u64,
}

impl std::fmt::Debug for Connections {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connections")
            .field("saved", &self.saved.len())
            .field("session_only", &self.session_only.len())
            .finish_non_exhaustive()
    }
}

/// Where the window starts without flags: the remembered connection if it still exists,
/// else AWS keys if there are any, else demo storage.
pub fn start_for(remembered: Option<&str>, aws_available: bool) -> Start {
    let fallback = default_start(aws_available);
    match remembered {
        None => fallback,
        Some(DEMO_NAME) => demo_start(),
        Some(AWS_NAME) if aws_available => {
            Start::Connection(ConnectionSettings::from_aws_chain(None))
        }
        Some(name) => Start::Named {
            name: name.to_owned(),
            otherwise: Box::new(fallback),
        },
    }
}

/// With command-line flags: `--profile NAME` opens the saved connection of that name
/// first, then the AWS profile (as the CLI's `--profile` does).
pub fn start_for_flags(settings: ConnectionSettings) -> Start {
    match &settings.credentials {
        CredentialSource::AwsChain {
            profile: Some(name),
        } => Start::Named {
            name: name.clone(),
            otherwise: Box::new(Start::Connection(settings)),
        },
        _ => Start::Connection(settings),
    }
}

/// AWS keys if there are any, else demo storage.
pub fn default_start(aws_available: bool) -> Start {
    if aws_available {
        Start::Connection(ConnectionSettings::from_aws_chain(None))
    } else {
        demo_start()
    }
}

fn demo_start() -> Start {
    match default_storage_dir() {
        Ok(root) => Start::DemoStorage { root },
        // No home folder: the AWS chain will say what is missing.
        Err(_) => Start::Connection(ConnectionSettings::from_aws_chain(None)),
    }
}

/// Settings for a saved connection; the secret is read on a blocking thread.
pub async fn settings_of(
    connection: SavedConnection,
    secrets: SecretStore,
) -> Result<ConnectionSettings> {
    off_thread(move || connection.settings(&secrets)).await
}

/// The saved connection called `name` (from connections.toml, secret from the keyring),
/// with the region / path-style of `flags` on top, as the CLI's `--profile` does.
/// `Ok(None)` when there is no saved connection of that name.
pub async fn find_saved(name: &str, flags: &Start) -> Result<Option<ConnectionSettings>> {
    let name = name.to_owned();
    let found = off_thread(move || {
        let list = ConnectionList::load(&ConnectionList::default_path()?)?;
        list.find(&name)
            .map(|saved| saved.settings(&SecretStore::Keyring))
            .transpose()
    })
    .await?;
    Ok(found.map(|mut settings| {
        if let Start::Connection(flags) = flags {
            if flags.region.is_some() {
                settings.region.clone_from(&flags.region);
            }
            if flags.path_style == Some(true) {
                settings.path_style = Some(true);
            }
        }
        settings
    }))
}

impl Connections {
    pub fn new(repaint: egui::Context, aws_available: bool) -> Self {
        let (tx, rx) = mpsc::channel(REPLY_QUEUE);
        Self {
            path: ConnectionList::default_path().map_err(|e| e.to_string()),
            saved: Vec::new(),
            load_error: None,
            session_only: Vec::new(),
            memory: SecretStore::memory(),
            aws_available,
            dialog: None,
            tx,
            rx,
            repaint,
            next_id: 0,
        }
    }

    /// Reads connections.toml again (on the backend runtime).
    pub fn reload(&self, backend: &Backend) {
        let Ok(path) = self.path.clone() else {
            return;
        };
        let tx = self.tx.clone();
        let repaint = self.repaint.clone();
        backend.spawn(async move {
            let result = tokio::task::spawn_blocking(move || ConnectionList::load(&path))
                .await
                .unwrap_or_else(|e| Err(Error::invalid("connections file", e.to_string())))
                .map(|list| list.connections);
            let _ = tx.send(Reply::Loaded(result)).await;
            repaint.request_repaint();
        });
    }

    pub fn saved(&self) -> &[SavedConnection] {
        &self.saved
    }

    pub fn session_only(&self) -> &[SavedConnection] {
        &self.session_only
    }

    pub fn is_dialog_open(&self) -> bool {
        self.dialog.is_some()
    }

    /// Opens the dialog for a new connection (the first-run "Add your S3 account").
    pub fn open_add(&mut self) {
        self.dialog = Some(Box::new(Dialog::new(None, false)));
    }

    fn open_edit(&mut self, name: &str) {
        let found = self
            .saved
            .iter()
            .map(|c| (c, false))
            .chain(self.session_only.iter().map(|c| (c, true)))
            .find(|(c, _)| c.name == name);
        if let Some((connection, session_only)) = found {
            self.dialog = Some(Box::new(Dialog::new(
                Some(connection.clone()),
                session_only,
            )));
        }
    }

    fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Applies the answers that arrived; `current` is the open connection's name.
    pub fn poll(&mut self, backend: &Backend, current: &str) -> Vec<ConnectionAction> {
        let mut actions = Vec::new();
        while let Ok(reply) = self.rx.try_recv() {
            match reply {
                Reply::Loaded(Ok(list)) => {
                    self.saved = list;
                    self.load_error = None;
                }
                Reply::Loaded(Err(e)) => self.load_error = Some(e.to_string()),
                Reply::Tested { id, result } => {
                    if let Some(dialog) = &mut self.dialog
                        && dialog.status == Status::Testing(id)
                    {
                        dialog.status = match result {
                            Ok(text) => Status::TestOk(text),
                            Err(e) => Status::Failed(e.to_string()),
                        };
                    }
                }
                Reply::Saved { id, result } => {
                    let Some(dialog) = &mut self.dialog else {
                        continue;
                    };
                    if dialog.status != Status::Saving(id) {
                        continue;
                    }
                    match result {
                        Ok(connection) => {
                            self.dialog = None;
                            self.reload(backend);
                            actions.push(ConnectionAction::Notice(format!(
                                "Saved “{}”.",
                                connection.name
                            )));
                            actions.push(ConnectionAction::Switch(Start::Saved {
                                connection: Box::new(connection),
                                secrets: SecretStore::Keyring,
                            }));
                        }
                        Err(e @ Error::KeyringUnavailable { .. }) => {
                            tracing::warn!(error = ?e, "keyring unavailable");
                            dialog.status = Status::NoKeyring(e.to_string());
                        }
                        Err(e) => dialog.status = Status::Failed(e.to_string()),
                    }
                }
                Reply::Removed { id, name, result } => {
                    self.reload(backend);
                    let ours = self
                        .dialog
                        .as_ref()
                        .is_some_and(|d| d.status == Status::Removing(id));
                    match result {
                        Ok(()) => {
                            if ours {
                                self.dialog = None;
                            }
                            actions.push(ConnectionAction::Notice(format!(
                                "Removed “{name}” and its secret key."
                            )));
                            if name == current {
                                actions.push(ConnectionAction::Switch(default_start(
                                    self.aws_available,
                                )));
                            }
                        }
                        Err(e) => {
                            if let Some(dialog) = self.dialog.as_mut().filter(|_| ours) {
                                dialog.status = Status::Failed(e.to_string());
                            }
                        }
                    }
                }
            }
        }
        actions
    }

    /// The switcher in the top bar: the open connection; click for the others.
    pub fn switcher_ui(
        &mut self,
        ui: &mut Ui,
        current: &str,
        connecting: bool,
        credentials: Option<&CredentialsInfo>,
    ) -> Option<ConnectionAction> {
        let mut action = None;
        let title = if connecting {
            format!("☁ {current} (connecting…) ⏷")
        } else {
            format!("☁ {current} ⏷")
        };
        let response = ui.menu_button(RichText::new(title).strong(), |ui| {
            ui.set_min_width(260.0);
            ui.label(RichText::new("Open storage").weak());
            let current_expiry = credentials
                .filter(|c| c.temporary)
                .and_then(|c| c.expires_at);
            let mut entries: Vec<(String, String, Start)> = Vec::new();
            for c in &self.saved {
                let expiry = if c.name == current {
                    current_expiry.or(c.session_expires_at)
                } else {
                    c.session_expires_at
                };
                entries.push((
                    c.name.clone(),
                    entry_text(c, expiry, false),
                    Start::Saved {
                        connection: Box::new(c.clone()),
                        secrets: SecretStore::Keyring,
                    },
                ));
            }
            for c in &self.session_only {
                let expiry = if c.name == current {
                    current_expiry
                } else {
                    c.session_expires_at
                };
                entries.push((
                    c.name.clone(),
                    entry_text(c, expiry, true),
                    Start::Saved {
                        connection: Box::new(c.clone()),
                        secrets: self.memory.clone(),
                    },
                ));
            }
            if self.aws_available {
                let mut text = AWS_LABEL.to_owned();
                if current == AWS_NAME
                    && let Some(at) = current_expiry
                {
                    text.push_str(&expiry_suffix(at));
                }
                entries.push((
                    AWS_NAME.to_owned(),
                    text,
                    Start::Connection(ConnectionSettings::from_aws_chain(None)),
                ));
            }
            entries.push((DEMO_NAME.to_owned(), DEMO_NAME.to_owned(), demo_start()));
            for (name, text, start) in entries {
                if ui.selectable_label(name == current, text).clicked() && name != current {
                    action = Some(ConnectionAction::Switch(start));
                }
            }
            if let Some(error) = &self.load_error {
                error_label(ui, error);
            }
            ui.separator();
            if ui.button("➕ Add a connection…").clicked() {
                self.open_add();
            }
            let editable = self
                .saved
                .iter()
                .chain(&self.session_only)
                .any(|c| c.name == current);
            if editable && ui.button(format!("✏ Edit “{current}”…")).clicked() {
                self.open_edit(current);
            }
        });
        response.response.on_hover_text(
            "The storage account the window is showing. Click to switch or add one.",
        );
        action
    }

    /// The add / edit dialog, when open.
    pub fn dialog_ui(
        &mut self,
        ctx: &egui::Context,
        backend: &Backend,
        current: &str,
    ) -> Vec<ConnectionAction> {
        let mut actions = Vec::new();
        let Some(mut dialog) = self.dialog.take() else {
            return actions;
        };
        // Anchored near the top, so the dialog grows downwards instead of jumping when
        // the provider adds or removes fields.
        let id = egui::Id::unique("s3share-connection-dialog");
        let area =
            egui::Modal::default_area(id).anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 90.0));
        let modal = egui::Modal::new(id)
            .area(area)
            .show(ctx, |ui| dialog.ui(ui));
        let mut keep = true;
        let busy = dialog.status.is_busy();
        if modal.should_close() && !busy {
            keep = false;
        }
        match modal.inner {
            Some(DialogClick::Cancel) => keep = false,
            Some(DialogClick::Test) => match dialog.form() {
                Ok((connection, secret)) => {
                    let id = self.next_id();
                    dialog.status = Status::Testing(id);
                    let store = if dialog.session_only {
                        self.memory.clone()
                    } else {
                        SecretStore::Keyring
                    };
                    let bucket =
                        Some(dialog.test_bucket.trim().to_owned()).filter(|b| !b.is_empty());
                    let tx = self.tx.clone();
                    let repaint = self.repaint.clone();
                    backend.spawn(async move {
                        let result = test_connection(connection, secret, store, bucket).await;
                        let _ = tx.send(Reply::Tested { id, result }).await;
                        repaint.request_repaint();
                    });
                }
                Err(e) => dialog.status = Status::Failed(e.to_string()),
            },
            Some(DialogClick::Save) => match (dialog.form(), self.path.clone()) {
                (Err(e), _) => dialog.status = Status::Failed(e.to_string()),
                (Ok(_), Err(e)) => dialog.status = Status::NoKeyring(e),
                (Ok((connection, secret)), Ok(path)) => {
                    if let Err(e) = self.check_name(&connection) {
                        dialog.status = Status::Failed(e.to_string());
                    } else if dialog.session_only {
                        actions.extend(self.keep_for_session(&mut dialog, connection, secret));
                        keep = false;
                    } else {
                        let id = self.next_id();
                        dialog.status = Status::Saving(id);
                        let original = dialog.editing.clone();
                        let tx = self.tx.clone();
                        let repaint = self.repaint.clone();
                        backend.spawn(async move {
                            let result = off_thread(move || {
                                save_connection(&path, original.as_ref(), connection, secret)
                            })
                            .await;
                            let _ = tx.send(Reply::Saved { id, result }).await;
                            repaint.request_repaint();
                        });
                    }
                }
            },
            Some(DialogClick::KeepForSession) => match dialog.form() {
                Ok((connection, secret)) => {
                    actions.extend(self.keep_for_session(&mut dialog, connection, secret));
                    keep = false;
                }
                Err(e) => dialog.status = Status::Failed(e.to_string()),
            },
            Some(DialogClick::StopWaiting) => dialog.status = Status::Idle,
            Some(DialogClick::Remove) => {
                if let Some(original) = dialog.editing.clone() {
                    if dialog.session_only {
                        let _ = self.memory.delete(&original.id);
                        self.session_only.retain(|c| c.id != original.id);
                        actions.push(ConnectionAction::Notice(format!(
                            "Removed “{}”.",
                            original.name
                        )));
                        if original.name == current {
                            actions
                                .push(ConnectionAction::Switch(default_start(self.aws_available)));
                        }
                        keep = false;
                    } else if let Ok(path) = self.path.clone() {
                        let id = self.next_id();
                        dialog.status = Status::Removing(id);
                        let name = original.name.clone();
                        let tx = self.tx.clone();
                        let repaint = self.repaint.clone();
                        backend.spawn(async move {
                            let result = off_thread({
                                let name = name.clone();
                                move || {
                                    ConnectionList::remove(&path, &SecretStore::Keyring, &name)
                                        .map(|_| ())
                                }
                            })
                            .await;
                            let _ = tx.send(Reply::Removed { id, name, result }).await;
                            repaint.request_repaint();
                        });
                    }
                }
            }
            None => {}
        }
        if keep {
            self.dialog = Some(dialog);
        }
        actions
    }

    /// No two connections with one name, the session-only ones included (the name rules
    /// themselves are the core's, checked by `SavedConnection::validate`).
    fn check_name(&self, connection: &SavedConnection) -> Result<()> {
        check_unique(connection, self.saved.iter().chain(&self.session_only))
    }

    /// Keeps the connection in memory for this session (no keyring): listed in the switcher
    /// until the window closes, never written to connections.toml.
    fn keep_for_session(
        &mut self,
        dialog: &mut Dialog,
        mut connection: SavedConnection,
        secret: Option<StoredSecret>,
    ) -> Vec<ConnectionAction> {
        if let Some(secret) = &secret
            && let Err(e) = self.memory.save(&connection.id, secret)
        {
            dialog.status = Status::Failed(e.to_string());
            return Vec::new();
        }
        if secret.is_none() && connection.access_key_id.is_some() {
            // Editing a session-only connection without retyping the secret keeps it.
            connection.id = dialog
                .editing
                .as_ref()
                .map_or(connection.id, |c| c.id.clone());
        }
        self.session_only.retain(|c| c.id != connection.id);
        self.session_only.push(connection.clone());
        vec![
            ConnectionAction::Notice(format!(
                "“{}” is kept for this session only; it is forgotten when S3 Share closes.",
                connection.name
            )),
            ConnectionAction::Switch(Start::Saved {
                connection: Box::new(connection),
                secrets: self.memory.clone(),
            }),
        ]
    }
}

fn entry_text(c: &SavedConnection, expiry: Option<DateTime<Utc>>, session_only: bool) -> String {
    let mut text = format!("{} — {}", c.name, c.provider.label());
    if let Some(profile) = &c.aws_profile {
        text.push_str(&format!(" (profile {profile})"));
    }
    if session_only {
        text.push_str(" · this session only");
    }
    if let Some(at) = expiry {
        text.push_str(&expiry_suffix(at));
    }
    text
}

fn expiry_suffix(at: DateTime<Utc>) -> String {
    if at <= Utc::now() {
        " · temporary keys, expired".to_owned()
    } else {
        format!(" · temporary keys until {}", local_day_time(at))
    }
}

/// Adds or updates a saved connection through the core (same rules as the CLI): the
/// secret goes to the keyring first, so a missing keyring stops everything before the file
/// is written. Blocking: call from a blocking thread.
fn save_connection(
    path: &Path,
    original: Option<&SavedConnection>,
    connection: SavedConnection,
    secret: Option<StoredSecret>,
) -> Result<SavedConnection> {
    match original {
        None => ConnectionList::add(
            path,
            &SecretStore::Keyring,
            connection.clone(),
            secret.as_ref(),
        )?,
        Some(original) => ConnectionList::update(
            path,
            &SecretStore::Keyring,
            original,
            connection.clone(),
            secret.as_ref(),
        )?,
    }
    Ok(connection)
}

/// Lists the buckets (or looks up one named bucket, for keys that may not list them).
async fn test_connection(
    connection: SavedConnection,
    secret: Option<StoredSecret>,
    store: SecretStore,
    bucket: Option<String>,
) -> Result<String> {
    let settings = match secret {
        // Typed in the dialog: tested without touching the keyring.
        Some(secret) => {
            let typed = SecretStore::memory();
            typed.save(&connection.id, &secret)?;
            connection.settings(&typed)?
        }
        // Editing without retyping the secret: the stored one.
        None => settings_of(connection, store).await?,
    };
    let session = Session::connect(&settings).await?;
    if let Some(bucket) = bucket {
        let region = session.bucket_region(&bucket).await?;
        return Ok(format!(
            "Connection works: the bucket “{bucket}” is reachable (region {region})."
        ));
    }
    match session.list_buckets().await {
        Ok(list) => {
            let names: Vec<&str> = list.iter().take(3).map(|b| b.name.as_str()).collect();
            Ok(match list.len() {
                0 => "Connection works, but these keys see no bucket yet.".to_owned(),
                n if n > 3 => format!("Connection works: {n} buckets ({}, …).", names.join(", ")),
                n => format!(
                    "Connection works: {n} bucket{} ({}).",
                    if n == 1 { "" } else { "s" },
                    names.join(", ")
                ),
            })
        }
        Err(Error::AccessDenied { what }) => Err(Error::AccessDenied {
            what: format!(
                "{what} (if these keys may not list buckets, type a bucket name under “Bucket to test” and test again)"
            ),
        }),
        Err(e) => Err(e),
    }
}

/// Profile names in ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE /
/// AWS_SHARED_CREDENTIALS_FILE). Only section names are read; nothing secret is kept.
#[allow(clippy::disallowed_methods)] // moves to the core with the connection split
pub fn aws_profiles() -> Vec<String> {
    let home = directories::BaseDirs::new().map(|d| d.home_dir().join(".aws"));
    let file = |env: &str, default: &str| {
        std::env::var_os(env)
            .map(PathBuf::from)
            .or_else(|| home.as_ref().map(|h| h.join(default)))
    };
    let mut names = Vec::new();
    if let Some(text) =
        file("AWS_CONFIG_FILE", "config").and_then(|p| std::fs::read_to_string(p).ok())
    {
        names.extend(profile_sections(&text, true));
    }
    if let Some(text) = file("AWS_SHARED_CREDENTIALS_FILE", "credentials")
        .and_then(|p| std::fs::read_to_string(p).ok())
    {
        names.extend(profile_sections(&text, false));
    }
    names.sort();
    names.dedup();
    names
}

/// Section names of an AWS config (`[default]`, `[profile NAME]`) or credentials
/// (`[NAME]`) file; other sections (`[sso-session …]`, `[services …]`) are skipped.
pub fn profile_sections(text: &str, config: bool) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            let inner = line.strip_prefix('[')?.split(']').next()?.trim();
            if !config {
                return Some(inner.to_owned());
            }
            if inner == "default" {
                return Some(inner.to_owned());
            }
            let mut words = inner.split_whitespace();
            match (words.next(), words.next(), words.next()) {
                (Some("profile"), Some(name), None) => Some(name.to_owned()),
                _ => None,
            }
        })
        .filter(|name| !name.is_empty())
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Status {
    Idle,
    Testing(u64),
    TestOk(String),
    Saving(u64),
    Removing(u64),
    Failed(String),
    /// No keyring: the plain reason; "Keep for this session only" is offered.
    NoKeyring(String),
}

impl Status {
    fn is_busy(&self) -> bool {
        matches!(
            self,
            Status::Testing(_) | Status::Saving(_) | Status::Removing(_)
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DialogClick {
    Test,
    Save,
    KeepForSession,
    StopWaiting,
    Remove,
    Cancel,
}

/// The form. The secret and the session token are plain strings here and nowhere else.
struct Dialog {
    /// The connection being edited (None: a new one).
    editing: Option<SavedConnection>,
    /// Editing a connection kept for this session only.
    session_only: bool,
    name: String,
    provider: Provider,
    account_id: String,
    endpoint: String,
    region: String,
    path_style: bool,
    use_profile: bool,
    profile: String,
    profiles: Vec<String>,
    access_key_id: String,
    secret: String,
    session_token: String,
    /// When the temporary keys stop working (optional): RFC 3339 or "YYYY-MM-DD HH:MM".
    session_end: String,
    test_bucket: String,
    status: Status,
    confirm_remove: bool,
    /// Put the cursor in the name field on the first frame.
    focus_name: bool,
}

impl Dialog {
    fn new(editing: Option<SavedConnection>, session_only: bool) -> Self {
        let profiles = aws_profiles();
        let mut dialog = Self {
            editing: None,
            session_only,
            name: String::new(),
            provider: Provider::Aws,
            account_id: String::new(),
            endpoint: String::new(),
            region: String::new(),
            path_style: false,
            use_profile: false,
            profile: profiles.first().cloned().unwrap_or_default(),
            profiles,
            access_key_id: String::new(),
            secret: String::new(),
            session_token: String::new(),
            session_end: String::new(),
            test_bucket: String::new(),
            status: Status::Idle,
            confirm_remove: false,
            focus_name: true,
        };
        if let Some(c) = editing {
            dialog.name.clone_from(&c.name);
            dialog.provider = c.provider;
            dialog.region = c.region.clone().unwrap_or_default();
            dialog.path_style = c.path_style;
            dialog.endpoint = c.endpoint.clone().unwrap_or_default();
            if c.provider == Provider::R2 {
                dialog.account_id = c
                    .endpoint
                    .as_deref()
                    .and_then(|e| e.strip_prefix("https://"))
                    .and_then(|e| e.strip_suffix(".r2.cloudflarestorage.com"))
                    .unwrap_or_default()
                    .to_owned();
            }
            dialog.use_profile = c.access_key_id.is_none();
            if let Some(p) = &c.aws_profile {
                dialog.profile.clone_from(p);
            }
            dialog.access_key_id = c.access_key_id.clone().unwrap_or_default();
            if let Some(end) = c.session_expires_at {
                dialog.session_end = end
                    .with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M")
                    .to_string();
            }
            dialog.editing = Some(c);
        }
        dialog
    }

    fn set_provider(&mut self, provider: Provider) {
        if provider == self.provider {
            return;
        }
        let old_default = self.provider.default_region();
        self.provider = provider;
        if self.region.trim().is_empty() || self.region == old_default {
            self.region = match provider {
                Provider::Aws => String::new(),
                p => p.default_region().to_owned(),
            };
        }
        self.path_style = provider == Provider::Custom;
    }

    /// The connection the form describes, and the typed secret (None: keep the stored one).
    fn form(&self) -> Result<(SavedConnection, Option<StoredSecret>)> {
        let name = self.name.trim().to_owned();
        let region = match self.region.trim() {
            "" if self.provider == Provider::Aws => None,
            "" => Some(self.provider.default_region().to_owned()),
            r => Some(r.to_owned()),
        };
        let endpoint = match self.provider {
            Provider::Custom => Some(self.endpoint.trim().to_owned()).filter(|e| !e.is_empty()),
            p => p.endpoint(
                region.as_deref().unwrap_or(p.default_region()),
                Some(self.account_id.as_str()),
            )?,
        };
        let mut connection = SavedConnection {
            id: self
                .editing
                .as_ref()
                .map_or_else(SavedConnection::new_id, |c| c.id.clone()),
            name,
            provider: self.provider,
            endpoint,
            region,
            path_style: self.provider == Provider::Custom && self.path_style,
            access_key_id: None,
            aws_profile: None,
            session_expires_at: None,
        };
        let mut secret = None;
        if self.use_profile {
            let profile = self.profile.trim();
            if profile.is_empty() {
                return Err(Error::invalid(
                    "AWS profile",
                    "pick a profile (they come from ~/.aws/config and ~/.aws/credentials)",
                ));
            }
            connection.aws_profile = Some(profile.to_owned());
        } else {
            let key_id = self.access_key_id.trim();
            if key_id.is_empty() {
                return Err(Error::invalid("access key ID", "type the access key ID"));
            }
            connection.access_key_id = Some(key_id.to_owned());
            let typed = self.secret.trim();
            let had_secret = self
                .editing
                .as_ref()
                .is_some_and(|c| c.access_key_id.is_some());
            let end = match self.session_end.trim() {
                "" => None,
                text => Some(parse_session_end(text)?),
            };
            if typed.is_empty() {
                if !had_secret {
                    return Err(Error::invalid(
                        "secret access key",
                        "type the secret access key that belongs to this key ID",
                    ));
                }
                // Keeps the stored secret (and token); the end shown was the stored one.
                connection.session_expires_at = end;
            } else {
                let token = self.session_token.trim();
                if token.is_empty() && end.is_some() {
                    return Err(Error::invalid(
                        "session end",
                        "only temporary keys end: type their session token too, or clear the end time",
                    ));
                }
                if end.is_some_and(|at| at <= Utc::now()) {
                    return Err(Error::invalid(
                        "session end",
                        "that time has passed, so these temporary keys no longer work; get new ones",
                    ));
                }
                connection.session_expires_at = end;
                secret = Some(StoredSecret {
                    secret_access_key: Secret::new(typed),
                    session_token: (!token.is_empty()).then(|| Secret::new(token)),
                });
            }
        }
        connection.validate()?;
        Ok((connection, secret))
    }

    fn title(&self) -> &'static str {
        if self.editing.is_some() {
            "Edit connection"
        } else {
            "Add your S3 account"
        }
    }

    fn ui(&mut self, ui: &mut Ui) -> Option<DialogClick> {
        let mut click = None;
        let busy = self.status.is_busy();
        ui.set_width(460.0);
        ui.heading(self.title());
        ui.add_space(6.0);
        ui.add_enabled_ui(!busy, |ui| {
            egui::Grid::new("connection-form")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| self.fields_ui(ui));
        });
        ui.add_space(8.0);
        self.status_ui(ui, &mut click);
        ui.add_space(8.0);
        ui.separator();
        ui.horizontal(|ui| {
            if let Some(original) = &self.editing {
                if self.confirm_remove {
                    ui.label(format!("Remove “{}”?", original.name));
                    if ui
                        .add_enabled(!busy, egui::Button::new("Yes, remove"))
                        .clicked()
                    {
                        click = Some(DialogClick::Remove);
                    }
                    if ui.button("Keep it").clicked() {
                        self.confirm_remove = false;
                    }
                } else if ui
                    .add_enabled(!busy, egui::Button::new("Remove…"))
                    .on_hover_text(
                        "Forget this connection and delete its secret key from the keyring",
                    )
                    .clicked()
                {
                    self.confirm_remove = true;
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let save = egui::Button::new(
                    RichText::new("Save")
                        .strong()
                        .color(ui.visuals().selection.stroke.color),
                )
                .fill(ui.visuals().selection.bg_fill);
                if ui.add_enabled(!busy, save).clicked() {
                    click = Some(DialogClick::Save);
                }
                if ui
                    .add_enabled(!busy, egui::Button::new("Test connection"))
                    .on_hover_text("List the buckets with these keys (nothing is saved)")
                    .clicked()
                {
                    click = Some(DialogClick::Test);
                }
                if ui.button("Cancel").clicked() {
                    click = Some(DialogClick::Cancel);
                }
            });
        });
        click
    }

    fn fields_ui(&mut self, ui: &mut Ui) {
        let name = text_row(
            ui,
            "Name",
            &mut self.name,
            "Work, Photos, Office MinIO…",
            false,
        );
        if std::mem::take(&mut self.focus_name) {
            name.request_focus();
        }

        let label = ui.label("Provider");
        let mut provider = self.provider;
        egui::ComboBox::from_id_salt("provider")
            .selected_text(provider.label())
            .width(300.0)
            .show_ui(ui, |ui| {
                for p in Provider::ALL {
                    ui.selectable_value(&mut provider, p, p.label());
                }
            })
            .response
            .labelled_by(label.id);
        self.set_provider(provider);
        ui.end_row();

        match self.provider {
            Provider::R2 => {
                text_row(
                    ui,
                    "Account ID",
                    &mut self.account_id,
                    "shown on the R2 overview page",
                    false,
                );
            }
            Provider::Custom => {
                text_row(
                    ui,
                    "Endpoint",
                    &mut self.endpoint,
                    "http://192.168.1.10:9000",
                    false,
                );
                let typed = ConnectionSettings {
                    endpoint: Some(self.endpoint.clone()),
                    ..ConnectionSettings::from_aws_chain(None)
                };
                if let Some(warning) = typed.plaintext_warning() {
                    ui.label("");
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!("⚠ {warning}"))
                                .small()
                                .color(ui.visuals().warn_fg_color),
                        )
                        .wrap(),
                    );
                    ui.end_row();
                }
            }
            _ => {}
        }
        match self.provider {
            Provider::R2 => {
                ui.label("Region");
                ui.label(RichText::new("auto (R2 picks it)").weak());
                ui.end_row();
                self.region = "auto".to_owned();
            }
            Provider::Aws => {
                text_row(
                    ui,
                    "Region",
                    &mut self.region,
                    "found for each bucket",
                    false,
                );
            }
            p => {
                text_row(ui, "Region", &mut self.region, p.default_region(), false);
            }
        }
        if self.provider == Provider::Custom {
            ui.label("");
            ui.checkbox(
                &mut self.path_style,
                "Path-style addresses (server/bucket/file)",
            )
            .on_hover_text(
                "Needed by MinIO and most servers reached by IP address or a single host name",
            );
            ui.end_row();
        } else if self.provider != Provider::Aws {
            ui.label("Address");
            let region = match self.region.trim() {
                "" => self.provider.default_region(),
                r => r,
            };
            let text = match self
                .provider
                .endpoint(region, Some(self.account_id.as_str()))
            {
                Ok(Some(e)) => e,
                _ => "—".to_owned(),
            };
            ui.label(RichText::new(text).weak());
            ui.end_row();
        }

        ui.label("Keys");
        ui.horizontal(|ui| {
            ui.radio_value(&mut self.use_profile, false, "Access keys");
            ui.radio_value(&mut self.use_profile, true, "Use an AWS profile");
        });
        ui.end_row();
        if self.use_profile {
            let label = ui.label("AWS profile");
            if self.profiles.is_empty() {
                ui.vertical(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut self.profile)
                            .hint_text("profile name")
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id);
                    ui.label(
                        RichText::new("No profiles found in ~/.aws/config or ~/.aws/credentials.")
                            .weak()
                            .small(),
                    );
                });
            } else {
                egui::ComboBox::from_id_salt("aws-profile")
                    .selected_text(self.profile.clone())
                    .width(300.0)
                    .show_ui(ui, |ui| {
                        for p in &self.profiles {
                            ui.selectable_value(&mut self.profile, p.clone(), p);
                        }
                    })
                    .response
                    .labelled_by(label.id);
            }
            ui.end_row();
            ui.label("");
            ui.label(
                RichText::new(
                    "The keys stay in the AWS files (SSO included); nothing secret is copied.",
                )
                .weak()
                .small(),
            );
            ui.end_row();
        } else {
            text_row(ui, "Access key ID", &mut self.access_key_id, "AKIA…", false);
            let hint = if self
                .editing
                .as_ref()
                .is_some_and(|c| c.access_key_id.is_some())
            {
                "unchanged (kept in the keyring)"
            } else {
                ""
            };
            text_row(ui, "Secret access key", &mut self.secret, hint, true);
            text_row(
                ui,
                "Session token",
                &mut self.session_token,
                "optional, for temporary keys",
                true,
            );
            let token_typed = !self.session_token.trim().is_empty();
            let end_stored = self
                .editing
                .as_ref()
                .is_some_and(|c| c.session_expires_at.is_some());
            if token_typed || end_stored || !self.session_end.trim().is_empty() {
                text_row(
                    ui,
                    "Session ends",
                    &mut self.session_end,
                    "2026-11-28 14:30 (optional)",
                    false,
                );
                ui.label("");
                let note = match self.session_end.trim() {
                    "" => RichText::new(
                        "Without its end time, links made with these keys may stop working early, and S3 Share cannot tell when.",
                    )
                    .color(ui.visuals().warn_fg_color),
                    text => match parse_session_end(text) {
                        Ok(at) => RichText::new(format!(
                            "Links end by {} at the latest.",
                            local_day_time(at)
                        ))
                        .weak(),
                        Err(e) => RichText::new(e.to_string()).color(ui.visuals().error_fg_color),
                    },
                };
                ui.add(egui::Label::new(note.small()).wrap());
                ui.end_row();
            }
        }
        text_row(
            ui,
            "Bucket to test",
            &mut self.test_bucket,
            "optional, for keys that may not list buckets",
            false,
        );
    }

    fn status_ui(&self, ui: &mut Ui, click: &mut Option<DialogClick>) {
        match &self.status {
            Status::Idle => {
                let where_ = if self.session_only {
                    SESSION_ONLY_NOTE
                } else {
                    "The secret key is kept in the system keyring, never in a file."
                };
                ui.label(RichText::new(where_).weak().small());
            }
            Status::Testing(_) => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Testing the connection…");
                });
            }
            Status::Saving(_) | Status::Removing(_) => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(WAITING_FOR_KEYRING);
                    if ui
                        .small_button("Stop waiting")
                        .on_hover_text("The keyring may be showing an unlock prompt")
                        .clicked()
                    {
                        *click = Some(DialogClick::StopWaiting);
                    }
                });
            }
            Status::TestOk(text) => {
                ui.label(RichText::new(format!("✔ {text}")).color(ok_color(ui)));
            }
            Status::Failed(text) => {
                error_label(ui, text);
            }
            Status::NoKeyring(text) => {
                error_label(ui, text);
                ui.add_space(4.0);
                if ui.button("Keep for this session only").clicked() {
                    *click = Some(DialogClick::KeepForSession);
                }
                ui.label(RichText::new(SESSION_ONLY_NOTE).weak().small());
            }
        }
    }
}

/// A labelled one-line field in the form grid.
fn text_row(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
    hint: &str,
    password: bool,
) -> egui::Response {
    let label = ui.label(label);
    let response = ui
        .add(
            egui::TextEdit::singleline(text)
                .hint_text(hint)
                .password(password)
                .desired_width(300.0),
        )
        .labelled_by(label.id);
    ui.end_row();
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_names_from_aws_files() {
        let config = "[default]\nregion = eu-west-1\n[profile work]\nsso_session = corp\n\
                      [sso-session corp]\nsso_start_url = https://x\n[ profile  spaced ]\n";
        assert_eq!(
            profile_sections(config, true),
            ["default", "work", "spaced"]
        );
        let credentials = "[default]\naws_access_key_id = AKID\naws_secret_access_key = S\n[old]\n";
        assert_eq!(profile_sections(credentials, false), ["default", "old"]);
    }

    #[test]
    fn form_builds_a_connection_without_the_secret() {
        let mut dialog = Dialog::new(None, false);
        dialog.name = "Office".to_owned();
        dialog.set_provider(Provider::Custom);
        dialog.endpoint = "http://127.0.0.1:9000".to_owned();
        dialog.access_key_id = "AKID".to_owned();
        dialog.secret = "very-secret".to_owned();
        let (connection, secret) = dialog.form().unwrap();
        assert!(connection.path_style);
        assert_eq!(connection.region.as_deref(), Some("us-east-1"));
        assert_eq!(secret.unwrap().secret_access_key.expose(), "very-secret");
        let toml = toml::to_string(&connection).unwrap();
        assert!(!toml.contains("very-secret"));

        dialog.secret.clear();
        assert!(
            dialog.form().is_err(),
            "a new key connection needs its secret"
        );

        let mut r2 = Dialog::new(None, false);
        r2.name = "R2".to_owned();
        r2.set_provider(Provider::R2);
        r2.account_id = "abc123".to_owned();
        r2.access_key_id = "K".to_owned();
        r2.secret = "S".to_owned();
        let (connection, _) = r2.form().unwrap();
        assert_eq!(
            connection.endpoint.as_deref(),
            Some("https://abc123.r2.cloudflarestorage.com")
        );
        assert_eq!(connection.region.as_deref(), Some("auto"));
        let edit = Dialog::new(Some(connection), false);
        assert_eq!(edit.account_id, "abc123");
        let (_, secret) = edit.form().unwrap();
        assert!(secret.is_none(), "editing keeps the stored secret");
    }
}
