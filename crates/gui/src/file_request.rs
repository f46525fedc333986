//! "Request files…": the dialog that makes a page through which anyone can send files into
//! a new folder (core `request`), copies its link, and opens the folder the files arrive in.
//! The page is made on the backend (`Command::MakeFileRequest`); the dialog applies only
//! the answer to the request it is waiting for.

use egui::{Align2, RichText};

use crate::bus::{Command, LinkUrl, RequestId};
use crate::widgets::{Toast, error_label, ok_color};
use s3share_core::i18n::locale_format::human_size;
use s3share_core::request::{FileRequest, RequestOptions};
use s3share_core::tr;
use s3share_core::visible::visible;
use s3share_core::{Expiry, S3Location};

/// The largest-file choices (bytes, 1000-based as sizes are shown everywhere).
pub const MAX_SIZES: [u64; 4] = [10_000_000, 100_000_000, 1_000_000_000, 5_000_000_000];

#[derive(Debug)]
enum State {
    Choosing,
    Waiting(RequestId),
    Ready(Box<FileRequest>),
    Failed(String),
}

#[derive(Debug)]
pub struct FileRequestDialog {
    folder: S3Location,
    expiry: Expiry,
    max_size: u64,
    state: State,
}

/// What a click in the dialog asks the app to do.
#[derive(Debug)]
pub enum FileRequestAction {
    Make {
        request: RequestId,
        options: RequestOptions,
    },
    CopyLink(LinkUrl),
    OpenFolder(S3Location),
}

impl FileRequestDialog {
    pub fn new(folder: S3Location) -> Self {
        Self {
            folder: folder.as_folder(),
            expiry: Expiry::SEVEN_DAYS,
            max_size: MAX_SIZES[2],
            state: State::Choosing,
        }
    }

    /// The backend's answer; `false` when it is not for the request this dialog waits for.
    pub fn on_ready(
        &mut self,
        request: RequestId,
        result: Result<Box<FileRequest>, String>,
    ) -> bool {
        if !matches!(self.state, State::Waiting(waiting) if waiting == request) {
            return false;
        }
        self.state = match result {
            Ok(made) => State::Ready(made),
            Err(why) => State::Failed(why),
        };
        true
    }

    /// Draws the dialog; returns whether it stays open and what was clicked.
    /// `now` from the window's clock ("works until … (in 7 days)" counts down with it).
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        now: chrono::DateTime<chrono::Utc>,
    ) -> (bool, Vec<FileRequestAction>) {
        let mut actions = Vec::new();
        let mut open = true;
        egui::Window::new(tr!("request-title"))
            .open(&mut open)
            .collapsible(false)
            .anchor(Align2::CENTER_TOP, [0.0, 80.0])
            .default_width(460.0)
            .show(ctx, |ui| {
                let intro = if self.folder.key.is_empty() {
                    tr!(
                        "request-intro-bucket",
                        bucket = visible(&self.folder.bucket)
                    )
                } else {
                    let place = format!(
                        "{}/{}",
                        visible(&self.folder.bucket),
                        visible(self.folder.key.trim_end_matches('/'))
                    );
                    tr!("request-intro-folder", folder = place)
                };
                ui.label(intro);
                ui.add_space(6.0);
                let choosing = !matches!(self.state, State::Waiting(_) | State::Ready(_));
                ui.add_enabled_ui(choosing, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(tr!("request-works-for"));
                        for (label, expiry) in [
                            (tr!("duration-hours", count = 1), Expiry::ONE_HOUR),
                            (tr!("duration-days", count = 1), Expiry::ONE_DAY),
                            (tr!("duration-days", count = 7), Expiry::SEVEN_DAYS),
                        ] {
                            ui.selectable_value(&mut self.expiry, expiry, label);
                        }
                    });
                    ui.horizontal_wrapped(|ui| {
                        ui.label(tr!("request-largest-file"));
                        for size in MAX_SIZES {
                            ui.selectable_value(&mut self.max_size, size, size_label(size));
                        }
                    });
                    ui.add_space(6.0);
                    if ui.button(tr!("request-make")).clicked() {
                        match RequestOptions::new(self.folder.clone(), self.expiry, self.max_size) {
                            Ok(options) => {
                                let request = RequestId::new();
                                self.state = State::Waiting(request);
                                actions.push(FileRequestAction::Make { request, options });
                            }
                            Err(e) => self.state = State::Failed(e.to_string()),
                        }
                    }
                });
                match &self.state {
                    State::Choosing => {}
                    State::Waiting(_) => {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label(tr!("request-making"));
                        });
                    }
                    State::Failed(why) => {
                        error_label(ui, why);
                    }
                    State::Ready(made) => ready_ui(ui, made, now, &mut actions),
                }
            });
        (open, actions)
    }
}

fn size_label(size: u64) -> String {
    // "10 MB", not "10.0 MB" (or "10,0 MB"): the choices are round numbers.
    human_size(size).replace(".0 ", " ").replace(",0 ", " ")
}

fn ready_ui(
    ui: &mut egui::Ui,
    made: &FileRequest,
    now: chrono::DateTime<chrono::Utc>,
    actions: &mut Vec<FileRequestAction>,
) {
    ui.add_space(6.0);
    ui.separator();
    ui.label(
        RichText::new(tr!("request-ready"))
            .color(ok_color(ui))
            .strong(),
    );
    ui.label(tr!(
        "request-ready-details",
        folder = visible(made.folder_name()),
        size = human_size(made.max_size),
        until = crate::clock::until_live(ui.ctx(), made.page.expires_at, now)
    ));
    if let Some(note) = made.uploads.note() {
        ui.colored_label(ui.visuals().warn_fg_color, capitalised(&note));
    }
    for warning in &made.page.warnings {
        ui.colored_label(ui.visuals().warn_fg_color, warning.to_string());
    }
    ui.horizontal(|ui| {
        if ui.button(tr!("request-copy-link")).clicked() {
            actions.push(FileRequestAction::CopyLink(LinkUrl(made.page.url.clone())));
        }
        if ui
            .button(tr!("request-open-folder"))
            .on_hover_text(tr!("request-open-folder-hover"))
            .clicked()
        {
            actions.push(FileRequestAction::OpenFolder(made.received.clone()));
        }
    });
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The window's side: opening the dialog, sending its command, applying the answer.
impl super::App {
    /// Opens "Request files" for `folder` (the open folder, or the folder selected in it).
    pub(super) fn open_file_request(&mut self, folder: S3Location) {
        self.file_request = Some(FileRequestDialog::new(folder));
    }

    /// Where "Request files…" points: a folder selected in the listing, else the open one.
    pub(super) fn file_request_target(&self) -> Option<S3Location> {
        let bucket = self.browser.bucket.clone()?;
        let key = match self.browser.selected_row() {
            Some(row) if row.folder => row.key.clone(),
            _ => self.browser.prefix.clone(),
        };
        Some(S3Location { bucket, key })
    }

    pub(super) fn file_request_ready(
        &mut self,
        request: RequestId,
        result: s3share_core::Result<(Box<FileRequest>, String)>,
    ) {
        let recorded = match &result {
            Ok((made, connection)) => {
                Some(made.history_entry(connection, self.history.preferences.keep_links_in_history))
            }
            Err(_) => None,
        };
        let shown = result.map(|(made, _)| made).map_err(|e| e.to_string());
        let applied = self
            .file_request
            .as_mut()
            .is_some_and(|dialog| dialog.on_ready(request, shown));
        // A page made is recorded even if the dialog was closed meanwhile: it exists.
        if let Some(entry) = recorded {
            self.record_entry(entry);
            if applied
                && let Some(bucket) = self.browser.bucket.clone()
                && self.file_request.as_ref().is_some_and(|d| {
                    d.folder.bucket == bucket && d.folder.key == self.browser.prefix
                })
            {
                // The new folder shows in the listing at once.
                let prefix = self.browser.prefix.clone();
                self.open_folder(bucket, prefix);
            }
        }
    }

    pub(super) fn file_request_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.file_request else {
            return;
        };
        let (open, actions) = dialog.ui(ctx, self.share.clock.now());
        if !open {
            self.file_request = None;
        }
        for action in actions {
            match action {
                FileRequestAction::Make { request, options } => {
                    if !self
                        .backend
                        .send(Command::MakeFileRequest { request, options })
                        && let Some(dialog) = &mut self.file_request
                    {
                        dialog.state = State::Failed(tr!("request-too-busy"));
                    }
                }
                FileRequestAction::CopyLink(LinkUrl(url)) => {
                    self.clipboard.copy(ctx, url);
                    self.toast = Some(Toast::new(ctx, tr!("request-link-copied"), true));
                }
                FileRequestAction::OpenFolder(folder) => {
                    self.file_request = None;
                    self.history.open = false;
                    self.open_folder(folder.bucket, folder.key);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_late_answer_never_fills_a_newer_dialog() {
        let folder = S3Location::new("docs", "in/").unwrap();
        let mut dialog = FileRequestDialog::new(folder.clone());
        let first = RequestId::new();
        dialog.state = State::Waiting(first);
        let mut newer = FileRequestDialog::new(folder);
        let second = RequestId::new();
        newer.state = State::Waiting(second);
        assert!(!newer.on_ready(first, Err("late".to_owned())));
        assert!(matches!(newer.state, State::Waiting(w) if w == second));
        assert!(newer.on_ready(second, Err("the answer".to_owned())));
        assert!(matches!(&newer.state, State::Failed(why) if why == "the answer"));
        // An answer for a dialog that is not waiting changes nothing.
        assert!(!newer.on_ready(second, Err("again".to_owned())));
    }

    #[test]
    fn size_choices_read_as_round_numbers() {
        let labels: Vec<String> = MAX_SIZES.into_iter().map(size_label).collect();
        assert_eq!(labels, ["10 MB", "100 MB", "1 GB", "5 GB"]);
    }
}
