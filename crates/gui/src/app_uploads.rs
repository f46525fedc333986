//! Uploads in the window: drops and the file picker become `UploadFiles` commands; upload
//! events update the queue; finished files refresh the folder and (for a single dropped
//! file) put its share link on the clipboard.

use super::App;
use super::uploads::{Chosen, InAppChooser, UploadAction, drop_overlay, folder_label};
use super::widgets::Toast;
use crate::bus::{Command, Event, RequestId};
use s3share_core::tr;
use s3share_core::visible::visible;
use s3share_core::{Expiry, LinkMode, S3Location, ShareLink, ShareRequest};

impl App {
    /// Takes the upload events; gives every other event back.
    pub(super) fn upload_event(&mut self, ctx: &egui::Context, event: Event) -> Option<Event> {
        match event {
            Event::UploadQueued {
                batch,
                id,
                path,
                object,
                size,
            } => self.uploads.on_queued(batch, id, path, object, size),
            Event::NothingToUpload { batch } => {
                self.uploads.on_nothing(batch);
                let sentence = match self.uploads.skipped_in(batch) {
                    Some(skipped) => tr!("uploads-nothing-skipped", skipped = skipped),
                    None => tr!("uploads-nothing-readable"),
                };
                self.toast = Some(Toast::new(ctx, sentence, false));
            }
            Event::UploadRefused { batch, error } => {
                self.uploads.on_nothing(batch);
                self.toast = Some(Toast::new(ctx, error.to_string(), false));
            }
            Event::UploadSkipped { batch, skipped } => {
                let sentence = skipped_sentence(&skipped);
                self.toast = Some(Toast::new(ctx, sentence.clone(), false));
                self.uploads.on_skipped(batch, sentence);
            }
            Event::UploadClash { id, object } => {
                if let Some(choice) = self.uploads.on_clash(id, object) {
                    self.backend.send(Command::ResolveClash { id, choice });
                }
            }
            Event::UploadRenamed { id, object } => self.uploads.on_renamed(id, object),
            Event::UploadProgress { id, sent } => self.uploads.on_progress(id, sent),
            Event::UploadFinished { id, outcome } => {
                let finished = self.uploads.on_finished(id, outcome);
                if let Some(object) = &finished.uploaded
                    && self.browser.bucket.as_deref() == Some(object.bucket.as_str())
                    && self.browser.prefix == object.parent_prefix()
                    && !self.uploads.is_busy()
                {
                    self.refresh();
                }
                if let Some(object) = finished.single_drop
                    && self.remembered.copy_link_after_upload
                {
                    self.copy_links_for(vec![object]);
                }
                if !self.uploads.is_busy() {
                    self.refresh_if_showing_uploads();
                }
            }
            Event::FilesPicked {
                request,
                folder,
                paths,
            } => {
                if self.choosing_files == Some(request) {
                    self.choosing_files = None;
                    match paths {
                        Some(paths) if !paths.is_empty() => {
                            self.upload_paths(ctx, paths, Some(folder), false);
                        }
                        Some(_cancelled) => {}
                        // No portal and no zenity: never nothing at all — the window's own
                        // chooser, from now on, and a word on why it looks different.
                        None => {
                            self.no_desktop_chooser = true;
                            self.toast =
                                Some(Toast::new(ctx, tr!("uploads-no-desktop-chooser"), true));
                            self.open_in_app_chooser(ctx, folder);
                        }
                    }
                }
            }
            // Another connection: a chooser open for the last one's folder goes, and a
            // desktop chooser's late answer is let fall.
            connected @ Event::Connected { .. } => {
                self.choosing_files = None;
                self.in_app_chooser = None;
                return Some(connected);
            }
            Event::UploadLinkReady { request, result } => {
                self.uploads
                    .on_upload_link(request, result.map_err(|e| e.to_string()));
            }
            Event::UploadLinkNameTaken { request, free } => {
                self.uploads.on_upload_link_name_taken(request, free);
            }
            Event::LinksReady { request, result } if self.upload_links == Some(request) => {
                self.upload_links = None;
                self.upload_links_ready(ctx, result.map(|(links, _)| links));
            }
            other => return Some(other),
        }
        None
    }

    fn refresh_if_showing_uploads(&mut self) {
        let showing = self.uploads.rows().iter().any(|r| {
            self.browser.bucket.as_deref() == Some(r.object.bucket.as_str())
                && r.object.key.starts_with(&self.browser.prefix)
        });
        if showing {
            self.refresh();
        }
    }

    /// Share links (current expiry and open/download choice) for uploaded files.
    fn copy_links_for(&mut self, objects: Vec<S3Location>) {
        let expiry = self.remembered.share.expiry().unwrap_or(Expiry::ONE_DAY);
        let mode = LinkMode::from_download(self.remembered.share.download, None);
        let requests = ShareRequest::for_each(objects, expiry, &mode);
        let request = RequestId::new();
        if self.backend.send(Command::MakeLinks { request, requests }) {
            self.upload_links = Some(request);
        }
    }

    fn upload_links_ready(
        &mut self,
        ctx: &egui::Context,
        result: s3share_core::Result<Vec<ShareLink>>,
    ) {
        // Links signed with temporary keys of unknown end may stop early: say so here too.
        let warning = result
            .as_deref()
            .ok()
            .and_then(|links| links.iter().flat_map(|l| &l.warnings).next())
            .map(|w| format!(" {w}"))
            .unwrap_or_default();
        match result.as_deref() {
            Err(e) => {
                self.toast = Some(Toast::new(
                    ctx,
                    tr!("uploads-no-link", reason = e.to_string()),
                    false,
                ));
            }
            Ok([one]) => {
                self.clipboard.copy(ctx, one.url.clone());
                self.toast = Some(Toast::new(
                    ctx,
                    tr!(
                        "uploads-one-link-copied",
                        copied = super::share_panel::copied_text(one),
                        warning = warning.as_str()
                    ),
                    true,
                ));
            }
            Ok(many) => {
                let text = many
                    .iter()
                    .map(|l| format!("{}\n{}", visible(l.object.file_name()), l.url))
                    .collect::<Vec<_>>()
                    .join("\n\n");
                self.clipboard.copy(ctx, text);
                self.toast = Some(Toast::new(
                    ctx,
                    tr!(
                        "uploads-links-copied",
                        count = many.len(),
                        warning = warning.as_str()
                    ),
                    true,
                ));
            }
        }
    }

    /// The folder being shown, as an upload destination.
    fn upload_target(&self) -> Option<S3Location> {
        Some(S3Location {
            bucket: self.browser.bucket.clone()?,
            key: self.browser.prefix.clone(),
        })
    }

    /// Sends picked or dropped paths to `folder` (`None`: no bucket is open).
    pub(super) fn upload_paths(
        &mut self,
        ctx: &egui::Context,
        paths: Vec<std::path::PathBuf>,
        folder: Option<S3Location>,
        from_drop: bool,
    ) {
        let Some(folder) = folder else {
            self.toast = Some(Toast::new(ctx, tr!("uploads-open-bucket-then-drop"), false));
            return;
        };
        let batch = self.uploads.start_batch(from_drop);
        if !self.backend.send(Command::UploadFiles {
            batch,
            paths,
            folder,
        }) {
            self.toast = Some(Toast::new(ctx, tr!("uploads-busy"), false));
        }
    }

    /// Drops and the upload dialogs; call once per frame from `ui()`.
    pub(super) fn uploads_ui(&mut self, ctx: &egui::Context) {
        let target = self
            .upload_target()
            .map(|f| {
                if f.key.is_empty() {
                    tr!("uploads-target-bucket", bucket = visible(&f.bucket))
                } else {
                    folder_label(&f)
                }
            })
            .unwrap_or_else(|| tr!("uploads-target-none"));
        drop_overlay(ctx, &target);
        let dropped: Vec<_> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if !dropped.is_empty() {
            self.upload_paths(ctx, dropped, self.upload_target(), true);
        }
        self.in_app_chooser_ui(ctx);
        let mut actions = self.uploads.clash_ui(ctx);
        actions.extend(self.uploads.request_ui(ctx));
        for action in actions {
            self.upload_action(action);
        }
        // Closing with uploads running asks first: nothing is lost silently.
        if ctx.input(|i| i.viewport().close_requested())
            && self.uploads.is_busy()
            && !self.confirmed_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.asking_close = true;
        }
        if self.asking_close {
            egui::Window::new(tr!("uploads-close-title"))
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
                .show(ctx, |ui| {
                    ui.label(tr!("uploads-close-body"));
                    ui.horizontal(|ui| {
                        if ui.button(tr!("uploads-close-keep")).clicked() {
                            self.asking_close = false;
                        }
                        if ui.button(tr!("uploads-close-stop")).clicked() {
                            self.asking_close = false;
                            self.confirmed_close = true;
                            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                        }
                    });
                });
        }
    }

    /// Opens the file chooser on the backend; its answer is [`Event::FilesPicked`]. On a
    /// desktop known to have none, the window's own opens at once.
    fn choose_files(&mut self, ctx: &egui::Context) {
        let Some(folder) = self.upload_target() else {
            return;
        };
        if self.no_desktop_chooser {
            self.open_in_app_chooser(ctx, folder);
            return;
        }
        let request = RequestId::new();
        if self.backend.send(Command::PickFiles { request, folder }) {
            self.choosing_files = Some(request);
        } else {
            self.toast = Some(Toast::new(ctx, tr!("uploads-busy-choose"), false));
        }
    }

    /// The window's own chooser (egui_file), starting in the home folder.
    fn open_in_app_chooser(&mut self, ctx: &egui::Context, folder: S3Location) {
        let Some(runtime) = self.backend.runtime() else {
            return;
        };
        let start = std::env::home_dir().unwrap_or_else(|| std::path::PathBuf::from("/"));
        self.in_app_chooser = Some(InAppChooser::open(ctx, runtime, start, folder));
    }

    /// The window's own chooser while open: chosen files go where the user was.
    fn in_app_chooser_ui(&mut self, ctx: &egui::Context) {
        let Some(chooser) = &mut self.in_app_chooser else {
            return;
        };
        match chooser.show(ctx) {
            Chosen::Open => {}
            Chosen::Cancelled => self.in_app_chooser = None,
            Chosen::Files(paths) => {
                let folder = chooser.folder.clone();
                self.in_app_chooser = None;
                if !paths.is_empty() {
                    self.upload_paths(ctx, paths, Some(folder), false);
                }
            }
        }
    }

    /// The toolbar's Upload menu: pick files, request a file, the drop-to-link setting.
    pub(super) fn upload_menu_ui(&mut self, ui: &mut egui::Ui) {
        let can = self.upload_target().is_some();
        ui.add_enabled_ui(can, |ui| {
            ui.menu_button(tr!("uploads-menu"), |ui| {
                let choosing = self.choosing_files.is_some() || self.in_app_chooser.is_some();
                let label = if choosing {
                    tr!("uploads-choosing")
                } else {
                    tr!("uploads-choose")
                };
                if ui
                    .add_enabled(!choosing, egui::Button::new(label))
                    .on_hover_text(tr!("uploads-choose-hint"))
                    .clicked()
                {
                    ui.close();
                    self.choose_files(ui.ctx());
                }
                ui.label(egui::RichText::new(tr!("uploads-drop-hint")).weak());
                if ui
                    .button(tr!("uploads-request-file"))
                    .on_hover_text(tr!("uploads-request-file-hint"))
                    .clicked()
                {
                    ui.close();
                    if let Some(folder) = self.upload_target() {
                        self.uploads.open_request_dialog(folder);
                    }
                }
                if ui
                    .button(tr!("uploads-request-files"))
                    .on_hover_text(tr!("uploads-request-files-hint"))
                    .clicked()
                {
                    ui.close();
                    if let Some(folder) = self.file_request_target() {
                        self.open_file_request(folder);
                    }
                }
                ui.separator();
                ui.checkbox(
                    &mut self.remembered.copy_link_after_upload,
                    tr!("uploads-copy-after"),
                );
            })
            .response
            .on_disabled_hover_text(tr!("uploads-open-bucket-first"));
        });
    }

    /// The strip at the bottom with the queue; draws nothing without uploads.
    pub(super) fn uploads_strip_ui(&mut self, ui: &mut egui::Ui) {
        if self.uploads.rows().is_empty() {
            return;
        }
        let mut actions = Vec::new();
        egui::Panel::bottom("s3share-uploads").show(ui, |ui| {
            ui.add_space(2.0);
            actions = self.uploads.panel_ui(ui);
            ui.add_space(2.0);
        });
        for action in actions {
            self.upload_action(action);
        }
    }

    fn upload_action(&mut self, action: UploadAction) {
        match action {
            UploadAction::Cancel(id) => {
                self.backend.send(Command::CancelUpload { id });
            }
            UploadAction::Retry(job) => {
                self.uploads.on_progress(job.id, 0);
                self.backend.send(Command::RetryUpload(job));
            }
            UploadAction::Resolve { id, choice } => {
                self.backend.send(Command::ResolveClash { id, choice });
            }
            UploadAction::CopyLinks(objects) => self.copy_links_for(objects),
            UploadAction::RequestLink {
                request,
                object,
                expiry,
                replace,
            } => {
                self.backend.send(Command::MakeUploadLink {
                    request,
                    object,
                    expiry,
                    replace,
                });
            }
        }
    }
}

/// "Skipped 2 items: "link" (a symbolic link (links are not followed)), …" — the first
/// few named, so the toast stays short.
fn skipped_sentence(skipped: &[s3share_core::upload_plan::Skipped]) -> String {
    const NAMED: usize = 3;
    let mut named: Vec<String> = skipped
        .iter()
        .take(NAMED)
        .map(|s| {
            let name = s.path.file_name().map_or_else(
                || s.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            tr!(
                "uploads-skipped-one",
                name = visible(&name),
                reason = s.reason.to_string()
            )
        })
        .collect();
    if skipped.len() > NAMED {
        named.push(tr!("uploads-skipped-more", count = skipped.len() - NAMED));
    }
    tr!(
        "uploads-skipped",
        count = skipped.len(),
        items = named.join(", ")
    )
}
