//! Saved connections in the window: the controller behind the switcher and the add / edit
//! dialog (test, save, remove), and keys kept for this session only when no keyring is
//! reachable.
//!
//! Work goes to the backend as [`ConnectionCommand`]s on the bus; each answer carries the
//! [`RequestId`] it was made for, and the dialog applies only the one it waits for (an
//! answer for a dialog the user closed, or for an earlier click, is dropped).

mod form;
mod switcher;

use std::path::PathBuf;

use crate::backend::Backend;
use crate::bus::{Command, ConnectionCommand, ConnectionEvent, RequestId, Start};
use form::{Dialog, DialogClick, Profiles, Status};
use s3share_core::demo::default_storage_dir;
use s3share_core::saved::{ConnectionList, SavedConnection, check_unique};
use s3share_core::saved_ops::TestOutcome;
use s3share_core::secrets::{SecretStore, StoredSecret};
use s3share_core::visible::visible;
use s3share_core::{ConnectionSettings, CredentialSource, Error, Result, tr};

/// The built-in connections' names (reserved in the core, for the CLI too).
pub use s3share_core::saved::{AWS_NAME, DEMO_NAME};
fn aws_label() -> String {
    tr!("connections-aws-label")
}
/// A connection's name as the window shows it: the built-in demo storage's in the window's
/// language (its saved name, in history too, stays the same in every language); any other
/// with control and bidi characters made visible.
pub fn shown_name(name: &str) -> String {
    if name == DEMO_NAME {
        s3share_core::saved::demo_label()
    } else {
        visible(name).into_owned()
    }
}
/// Shown while a keyring call has not returned (it may be waiting for an unlock prompt).
pub fn waiting_for_keyring() -> String {
    tr!("connections-waiting-for-keyring")
}
pub fn session_only_note() -> String {
    tr!("connections-session-only-note")
}

/// What the window should do after something happened here.
#[derive(Debug)]
pub enum ConnectionAction {
    /// Open this connection (the user picked it, or just saved it).
    Switch(Start),
    /// A short confirmation for the toast.
    Notice(String),
}

/// The saved connections, the session-only ones and the dialog.
pub struct Connections {
    path: Result<PathBuf, String>,
    saved: Vec<SavedConnection>,
    load_error: Option<String>,
    /// The newest load asked for; older answers are dropped.
    loading: Option<RequestId>,
    /// Kept for this session only (no keyring): never written to connections.toml.
    session_only: Vec<SavedConnection>,
    memory: SecretStore,
    aws_available: bool,
    dialog: Option<Box<Dialog>>,
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

pub(crate) fn demo_start() -> Start {
    match default_storage_dir() {
        Ok(root) => Start::DemoStorage { root },
        // No home folder: the AWS chain will say what is missing.
        Err(_) => Start::Connection(ConnectionSettings::from_aws_chain(None)),
    }
}

impl Connections {
    pub fn new(aws_available: bool) -> Self {
        Self {
            path: ConnectionList::default_path().map_err(|e| e.to_string()),
            saved: Vec::new(),
            load_error: None,
            loading: None,
            session_only: Vec::new(),
            memory: SecretStore::memory(),
            aws_available,
            dialog: None,
        }
    }

    /// Reads connections.toml again (on the backend).
    pub fn reload(&mut self, backend: &Backend) {
        let Ok(path) = self.path.clone() else {
            return;
        };
        let request = RequestId::new();
        if send(backend, ConnectionCommand::Load { request, path }) {
            self.loading = Some(request);
        }
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

    /// Applies one backend answer; `current` is the open connection's name.
    pub fn handle_event(
        &mut self,
        backend: &Backend,
        event: ConnectionEvent,
        current: &str,
    ) -> Vec<ConnectionAction> {
        let mut actions = Vec::new();
        match event {
            ConnectionEvent::Loaded { request, result } => {
                if self.loading != Some(request) {
                    return actions;
                }
                self.loading = None;
                match result {
                    Ok(list) => {
                        self.saved = list;
                        self.load_error = None;
                    }
                    Err(e) => self.load_error = Some(e.to_string()),
                }
            }
            ConnectionEvent::AwsProfiles { request, names } => {
                if let Some(dialog) = &mut self.dialog {
                    dialog.profiles_read(request, names);
                }
            }
            ConnectionEvent::Tested { request, result } => {
                if let Some(dialog) = self.waiting(&Status::Testing(request)) {
                    let listed = dialog.test_bucket.trim().is_empty();
                    dialog.status = match result {
                        Ok(outcome) => Status::TestOk(tested_text(&outcome)),
                        Err(e) if listed => Status::Failed(with_bucket_hint(e).to_string()),
                        Err(e) => Status::Failed(e.to_string()),
                    };
                }
            }
            ConnectionEvent::Saved { request, result } => {
                let ours = self.waiting(&Status::Saving(request)).is_some();
                match result {
                    Ok(connection) => {
                        // The file changed, whoever waits: the switcher lists it.
                        self.reload(backend);
                        if ours {
                            self.dialog = None;
                            actions.push(ConnectionAction::Notice(tr!(
                                "connections-saved",
                                name = visible(&connection.name)
                            )));
                            actions.push(ConnectionAction::Switch(Start::Saved {
                                connection: Box::new(connection),
                                secrets: SecretStore::Keyring,
                            }));
                        }
                    }
                    Err(e) => {
                        if let Some(dialog) = self.waiting(&Status::Saving(request)) {
                            dialog.status = match e {
                                Error::KeyringUnavailable { .. } => {
                                    tracing::warn!(error = ?e, "keyring unavailable");
                                    Status::NoKeyring(e.to_string())
                                }
                                e => Status::Failed(e.to_string()),
                            };
                        }
                    }
                }
            }
            ConnectionEvent::Removed {
                request,
                name,
                result,
            } => {
                // Removed or not, the file may have changed.
                self.reload(backend);
                let ours = self.waiting(&Status::Removing(request)).is_some();
                match result {
                    Ok(()) => {
                        if ours {
                            self.dialog = None;
                        }
                        actions.push(ConnectionAction::Notice(tr!(
                            "connections-removed-with-key",
                            name = visible(&name)
                        )));
                        if name == current {
                            actions
                                .push(ConnectionAction::Switch(default_start(self.aws_available)));
                        }
                    }
                    Err(e) => {
                        if let Some(dialog) = self.waiting(&Status::Removing(request)) {
                            dialog.status = Status::Failed(e.to_string());
                        }
                    }
                }
            }
        }
        actions
    }

    /// The open dialog, if it waits for exactly this (a request id is never reused).
    fn waiting(&mut self, status: &Status) -> Option<&mut Dialog> {
        self.dialog
            .as_deref_mut()
            .filter(|dialog| dialog.status == *status)
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
        if dialog.profiles == Profiles::NotRequested {
            let request = RequestId::new();
            dialog.profiles = if send(backend, ConnectionCommand::ReadAwsProfiles { request }) {
                Profiles::Reading(request)
            } else {
                Profiles::Read(Vec::new())
            };
        }
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
                    let request = RequestId::new();
                    let secrets = if dialog.session_only {
                        self.memory.clone()
                    } else {
                        SecretStore::Keyring
                    };
                    let bucket =
                        Some(dialog.test_bucket.trim().to_owned()).filter(|b| !b.is_empty());
                    let command = ConnectionCommand::Test {
                        request,
                        connection: Box::new(connection),
                        secret,
                        secrets,
                        bucket,
                    };
                    dialog.status = if send(backend, command) {
                        Status::Testing(request)
                    } else {
                        Status::Failed(too_busy())
                    };
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
                        let request = RequestId::new();
                        let command = ConnectionCommand::Save {
                            request,
                            path,
                            original: dialog.editing.clone().map(Box::new),
                            connection: Box::new(connection),
                            secret,
                        };
                        dialog.status = if send(backend, command) {
                            Status::Saving(request)
                        } else {
                            Status::Failed(too_busy())
                        };
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
                        actions.push(ConnectionAction::Notice(tr!(
                            "connections-removed",
                            name = visible(&original.name)
                        )));
                        if original.name == current {
                            actions
                                .push(ConnectionAction::Switch(default_start(self.aws_available)));
                        }
                        keep = false;
                    } else if let Ok(path) = self.path.clone() {
                        let request = RequestId::new();
                        let command = ConnectionCommand::Remove {
                            request,
                            path,
                            name: original.name.clone(),
                        };
                        dialog.status = if send(backend, command) {
                            Status::Removing(request)
                        } else {
                            Status::Failed(too_busy())
                        };
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
            ConnectionAction::Notice(tr!(
                "connections-kept-for-session",
                name = visible(&connection.name)
            )),
            ConnectionAction::Switch(Start::Saved {
                connection: Box::new(connection),
                secrets: self.memory.clone(),
            }),
        ]
    }
}

/// Said when the backend's queue is full (it takes commands without waiting).
fn too_busy() -> String {
    tr!("connections-too-busy")
}

fn send(backend: &Backend, command: ConnectionCommand) -> bool {
    backend.send(Command::Connections(command))
}

/// What a successful test says in the dialog.
fn tested_text(outcome: &TestOutcome) -> String {
    match outcome {
        TestOutcome::Bucket { name, region } => {
            tr!(
                "connections-test-bucket",
                name = visible(name),
                region = visible(region)
            )
        }
        TestOutcome::Buckets(list) => {
            let names: Vec<String> = list
                .iter()
                .take(3)
                .map(|n| visible(n).into_owned())
                .collect();
            match list.len() {
                0 => tr!("connections-test-no-bucket"),
                n if n > 3 => tr!(
                    "connections-test-many-buckets",
                    count = n,
                    names = names.join(", ")
                ),
                n => tr!(
                    "connections-test-buckets",
                    count = n,
                    names = names.join(", ")
                ),
            }
        }
    }
}

/// Keys that may not list buckets can still be tested on one bucket: the dialog says how.
fn with_bucket_hint(error: Error) -> Error {
    match error {
        Error::AccessDenied { what } => Error::AccessDenied {
            what: tr!("connections-bucket-hint", what = what),
        },
        e => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tested(request: RequestId) -> ConnectionEvent {
        ConnectionEvent::Tested {
            request,
            result: Ok(TestOutcome::Buckets(vec!["photos".to_owned()])),
        }
    }

    #[test]
    fn the_dialog_applies_only_the_answer_it_waits_for() {
        let backend = Backend::start(egui::Context::default()).unwrap();
        let mut connections = Connections::new(false);
        let closed = RequestId::new();
        // An answer with no dialog open changes nothing.
        assert!(
            connections
                .handle_event(&backend, tested(closed), "x")
                .is_empty()
        );
        connections.open_add();
        let waited = RequestId::new();
        connections.dialog.as_mut().unwrap().status = Status::Testing(waited);
        // The closed dialog's answer, arriving late, is dropped.
        connections.handle_event(&backend, tested(closed), "x");
        assert_eq!(
            connections.dialog.as_ref().unwrap().status,
            Status::Testing(waited)
        );
        connections.handle_event(&backend, tested(waited), "x");
        assert_eq!(
            connections.dialog.as_ref().unwrap().status,
            Status::TestOk("Connection works: 1 bucket (photos).".to_owned())
        );

        // A stale load does not replace a newer one.
        connections.loading = Some(RequestId::new());
        let stale = ConnectionEvent::Loaded {
            request: RequestId::new(),
            result: Err(Error::invalid("connections file", "stale")),
        };
        connections.handle_event(&backend, stale, "x");
        assert!(connections.load_error.is_none());
    }
}
