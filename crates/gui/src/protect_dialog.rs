//! "Protect with a password…": a file of the bucket is encrypted on this computer and shared
//! as a page that opens it with the password (core `protect`). The work runs on the backend
//! (`Command::ProtectFile`); the dialog shows its progress, can cancel it, and applies only
//! the answer to the request it is waiting for.

use egui::{Align2, RichText};
use tokio_util::sync::CancellationToken;

use crate::bus::{Command, LinkUrl, RequestId};
use crate::widgets::{Toast, error_label, ok_color};
use s3share_core::i18n::locale_format::human_size;
use s3share_core::protect::{MAX_SIZE, ProtectStep, ProtectedFile, sealed};
use s3share_core::tr;
use s3share_core::visible::visible;
use s3share_core::{Expiry, S3Location, Secret};

#[derive(Debug)]
enum State {
    Choosing,
    Working {
        request: RequestId,
        cancel: CancellationToken,
        step: Option<ProtectStep>,
    },
    Ready(Box<ProtectedFile>),
    Failed(String),
}

pub struct ProtectDialog {
    object: S3Location,
    size: u64,
    expiry: Expiry,
    password: String,
    repeated: String,
    /// The password field takes the keyboard when the dialog opens.
    focus_password: bool,
    state: State,
}

impl std::fmt::Debug for ProtectDialog {
    // The typed password never appears in a Debug line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProtectDialog")
            .field("object", &self.object)
            .field("size", &self.size)
            .field("expiry", &self.expiry)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

/// What a click in the dialog asks the app to do.
#[derive(Debug)]
pub enum ProtectAction {
    Start {
        request: RequestId,
        object: S3Location,
        expiry: Expiry,
        password: Secret,
        cancel: CancellationToken,
    },
    CopyLink(LinkUrl),
}

impl ProtectDialog {
    pub fn new(object: S3Location, size: u64) -> Self {
        Self {
            object,
            size,
            expiry: Expiry::ONE_DAY,
            password: String::new(),
            repeated: String::new(),
            focus_password: true,
            state: State::Choosing,
        }
    }

    /// How far the backend has come; ignored unless it is for the request shown.
    pub fn on_progress(&mut self, request: RequestId, new_step: ProtectStep) {
        if let State::Working {
            request: waiting,
            step,
            ..
        } = &mut self.state
            && *waiting == request
        {
            *step = Some(new_step);
        }
    }

    /// The backend's answer; `false` when it is not for the request this dialog waits for.
    pub fn on_done(
        &mut self,
        request: RequestId,
        result: Result<Box<ProtectedFile>, String>,
    ) -> bool {
        if !matches!(&self.state, State::Working { request: waiting, .. } if *waiting == request) {
            return false;
        }
        self.state = match result {
            Ok(made) => State::Ready(made),
            Err(why) => State::Failed(why),
        };
        true
    }

    /// What stops the file from being protected before anything is sent, in a sentence.
    fn refusal(&self) -> Option<String> {
        if self.size > MAX_SIZE {
            return Some(tr!(
                "protect-too-big",
                size = human_size(self.size),
                limit = human_size(MAX_SIZE)
            ));
        }
        if self.password.is_empty() {
            return Some(String::new());
        }
        if let Err(e) = sealed::check_password(&Secret::new(self.password.as_str())) {
            return Some(e.to_string());
        }
        if self.repeated != self.password {
            return Some(tr!("protect-type-twice"));
        }
        None
    }

    /// Draws the dialog; returns whether it stays open and what was clicked. Closing it
    /// while it works cancels the work.
    /// `now` from the window's clock ("works until … (in 7 days)" counts down with it).
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        now: chrono::DateTime<chrono::Utc>,
    ) -> (bool, Vec<ProtectAction>) {
        let mut actions = Vec::new();
        let mut open = true;
        egui::Window::new(tr!("protect-title"))
            .open(&mut open)
            .collapsible(false)
            .anchor(Align2::CENTER_TOP, [0.0, 80.0])
            .default_width(460.0)
            .show(ctx, |ui| {
                ui.label(tr!(
                    "protect-intro",
                    name = visible(self.object.file_name()),
                    size = human_size(self.size)
                ));
                ui.add_space(6.0);
                let choosing = matches!(self.state, State::Choosing | State::Failed(_));
                ui.add_enabled_ui(choosing, |ui| self.choices_ui(ui, &mut actions));
                match &self.state {
                    State::Choosing => {}
                    State::Working { cancel, step, .. } => {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label(step_text(*step, self.size));
                            if ui.button(tr!("protect-cancel")).clicked() {
                                cancel.cancel();
                            }
                        });
                    }
                    State::Failed(why) => {
                        error_label(ui, why);
                    }
                    State::Ready(made) => ready_ui(ui, made, now, &mut actions),
                }
            });
        if !open && let State::Working { cancel, .. } = &self.state {
            cancel.cancel();
        }
        (open, actions)
    }

    fn choices_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<ProtectAction>) {
        egui::Grid::new("protect-password")
            .num_columns(2)
            .show(ui, |ui| {
                let label = ui.label(tr!("protect-password"));
                let field = ui
                    .add(egui::TextEdit::singleline(&mut self.password).password(true))
                    .labelled_by(label.id);
                if std::mem::take(&mut self.focus_password) {
                    field.request_focus();
                }
                ui.end_row();
                let label = ui.label(tr!("protect-password-again"));
                ui.add(egui::TextEdit::singleline(&mut self.repeated).password(true))
                    .labelled_by(label.id);
                ui.end_row();
            });
        ui.horizontal_wrapped(|ui| {
            ui.label(tr!("protect-works-for"));
            for (label, expiry) in [
                (tr!("duration-hours", count = 1), Expiry::ONE_HOUR),
                (tr!("duration-days", count = 1), Expiry::ONE_DAY),
                (tr!("duration-days", count = 7), Expiry::SEVEN_DAYS),
            ] {
                ui.selectable_value(&mut self.expiry, expiry, label);
            }
        });
        ui.add_space(6.0);
        let refusal = self.refusal();
        if let Some(why) = refusal.as_deref().filter(|why| !why.is_empty()) {
            ui.label(RichText::new(why).weak());
        }
        if ui
            .add_enabled(refusal.is_none(), egui::Button::new(tr!("protect-start")))
            .clicked()
        {
            let request = RequestId::new();
            let cancel = CancellationToken::new();
            // The typed password leaves the dialog with the request.
            let password = Secret::new(std::mem::take(&mut self.password));
            self.repeated.clear();
            actions.push(ProtectAction::Start {
                request,
                object: self.object.clone(),
                expiry: self.expiry,
                password,
                cancel: cancel.clone(),
            });
            self.state = State::Working {
                request,
                cancel,
                step: None,
            };
        }
    }
}

fn step_text(step: Option<ProtectStep>, size: u64) -> String {
    match step {
        None => tr!("protect-step-starting"),
        Some(ProtectStep::Fetching(done)) => tr!(
            "protect-step-fetching",
            done = human_size(done),
            size = human_size(size)
        ),
        Some(ProtectStep::DerivingKey) => tr!("protect-step-key"),
        Some(ProtectStep::Sealing(done)) => tr!(
            "protect-step-encrypting",
            done = human_size(done),
            size = human_size(size)
        ),
        Some(ProtectStep::Uploading(sent)) => {
            tr!("protect-step-uploading", done = human_size(sent))
        }
    }
}

fn ready_ui(
    ui: &mut egui::Ui,
    made: &ProtectedFile,
    now: chrono::DateTime<chrono::Utc>,
    actions: &mut Vec<ProtectAction>,
) {
    ui.add_space(6.0);
    ui.separator();
    ui.label(
        RichText::new(tr!("protect-ready"))
            .color(ok_color(ui))
            .strong(),
    );
    ui.label(tr!(
        "protect-ready-details",
        until = crate::clock::until_live(ui.ctx(), made.link.expires_at, now)
    ));
    for warning in &made.link.warnings {
        ui.colored_label(ui.visuals().warn_fg_color, warning.to_string());
    }
    if ui.button(tr!("protect-copy-link")).clicked() {
        actions.push(ProtectAction::CopyLink(LinkUrl(made.link.url.clone())));
    }
}

/// The window's side: opening the dialog, sending its command, applying the answers.
impl super::App {
    pub(super) fn open_protect(&mut self, object: S3Location, size: u64) {
        self.protect = Some(ProtectDialog::new(object, size));
    }

    pub(super) fn protect_progress(&mut self, request: RequestId, step: ProtectStep) {
        if let Some(dialog) = &mut self.protect {
            dialog.on_progress(request, step);
        }
    }

    pub(super) fn protect_done(
        &mut self,
        request: RequestId,
        result: s3share_core::Result<(Box<ProtectedFile>, String)>,
    ) {
        // A protected file made is recorded even if the dialog was closed meanwhile.
        if let Ok((made, connection)) = &result {
            let keep = self.history.preferences.keep_links_in_history;
            self.record_entry(made.history_entry(connection, keep));
        }
        let shown = result.map(|(made, _)| made).map_err(|e| e.to_string());
        if let Some(dialog) = &mut self.protect {
            dialog.on_done(request, shown);
        }
    }

    pub(super) fn protect_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.protect else {
            return;
        };
        let (open, actions) = dialog.ui(ctx, self.share.clock.now());
        if !open {
            self.protect = None;
        }
        for action in actions {
            match action {
                ProtectAction::Start {
                    request,
                    object,
                    expiry,
                    password,
                    cancel,
                } => {
                    let sent = self.backend.send(Command::ProtectFile {
                        request,
                        object,
                        expiry,
                        password,
                        cancel,
                    });
                    if !sent && let Some(dialog) = &mut self.protect {
                        dialog.state = State::Failed(tr!("protect-too-busy"));
                    }
                }
                ProtectAction::CopyLink(LinkUrl(url)) => {
                    self.clipboard.copy(ctx, url);
                    self.toast = Some(Toast::new(ctx, tr!("protect-link-copied"), true));
                }
            }
        }
    }
}
