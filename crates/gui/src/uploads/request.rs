//! "Request a file": the dialog that makes an upload link for someone else, and the
//! answers it waits for (each carries the request it was made for).

use egui::Align2;

use super::{UploadAction, UploadQueue, folder_label};
use crate::bus::RequestId;
use s3share_core::i18n::locale_format::local_day_time as until_text;
use s3share_core::visible::visible;
use s3share_core::{Expiry, S3Location, UploadLink, tr};

#[derive(Debug)]
pub struct RequestDialog {
    folder: S3Location,
    name: String,
    expiry: Expiry,
    link: Option<Result<UploadLink, String>>,
    /// The name the user asked for is taken: (that name, a free " (1)" one).
    taken: Option<(String, S3Location)>,
    waiting: bool,
    focus_name: bool,
    /// The link request this dialog waits for.
    request_id: Option<RequestId>,
}

impl UploadQueue {
    pub fn on_upload_link(&mut self, request: RequestId, result: Result<UploadLink, String>) {
        if let Some(dialog) = self.waiting_dialog(request) {
            dialog.waiting = false;
            dialog.link = Some(result);
        }
    }

    /// The requested name is taken: the dialog offers `free` or Replace.
    pub fn on_upload_link_name_taken(&mut self, request: RequestId, free: S3Location) {
        if let Some(dialog) = self.waiting_dialog(request) {
            dialog.waiting = false;
            dialog.taken = Some((dialog.name.trim().to_owned(), free));
        }
    }

    /// The open "Request a file" dialog, if it waits for this very request.
    fn waiting_dialog(&mut self, request: RequestId) -> Option<&mut RequestDialog> {
        self.request
            .as_mut()
            .filter(|d| d.request_id == Some(request))
    }

    pub fn open_request_dialog(&mut self, folder: S3Location) {
        self.request = Some(RequestDialog {
            folder,
            name: String::new(),
            expiry: Expiry::ONE_DAY,
            link: None,
            taken: None,
            waiting: false,
            focus_name: true,
            request_id: None,
        });
    }

    /// "Request a file": an upload link for someone else, with a ready curl command.
    pub fn request_ui(&mut self, ctx: &egui::Context) -> Vec<UploadAction> {
        let mut actions = Vec::new();
        let Some(dialog) = &mut self.request else {
            return actions;
        };
        let mut open = true;
        egui::Window::new(tr!("uploads-request-title"))
            .open(&mut open)
            .collapsible(false)
            .anchor(Align2::CENTER_TOP, [0.0, 80.0])
            .default_width(480.0)
            .show(ctx, |ui| {
                ui.label(tr!(
                    "uploads-request-intro",
                    folder = folder_label(&dialog.folder)
                ));
                ui.horizontal(|ui| {
                    let label = ui.label(tr!("uploads-request-name"));
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(&mut dialog.name)
                                .hint_text("contract-signed.pdf")
                                .desired_width(280.0),
                        )
                        .labelled_by(label.id);
                    if dialog.focus_name {
                        field.request_focus();
                        dialog.focus_name = false;
                    }
                });
                ui.horizontal(|ui| {
                    ui.label(tr!("uploads-request-works-for"));
                    for (label, expiry) in [
                        (tr!("uploads-request-hour"), Expiry::ONE_HOUR),
                        (tr!("uploads-request-day"), Expiry::ONE_DAY),
                        (tr!("uploads-request-week"), Expiry::SEVEN_DAYS),
                    ] {
                        ui.selectable_value(&mut dialog.expiry, expiry, label);
                    }
                });
                let name = dialog.name.trim();
                let valid = !name.is_empty() && !name.contains('/');
                let make = ui.add_enabled(
                    valid && !dialog.waiting,
                    egui::Button::new(tr!("uploads-request-make")),
                );
                if !valid && !name.is_empty() {
                    ui.colored_label(ui.visuals().error_fg_color, tr!("uploads-request-no-slash"));
                }
                let mut request = make.clicked().then_some((name.to_owned(), false));
                // The question is about the name it was asked for: editing the name ends it.
                if dialog
                    .taken
                    .as_ref()
                    .is_some_and(|(taken, _)| taken != name)
                {
                    dialog.taken = None;
                }
                if let Some((taken, free)) = dialog.taken.clone() {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        tr!("uploads-request-taken", name = visible(&taken)),
                    );
                    ui.add_enabled_ui(!dialog.waiting, |ui| {
                        ui.horizontal(|ui| {
                            let free_name = free.file_name().to_owned();
                            if ui
                                .button(tr!("uploads-request-use", name = visible(&free_name)))
                                .clicked()
                            {
                                request = Some((free_name, false));
                            }
                            if ui.button(tr!("uploads-request-replace")).clicked() {
                                request = Some((taken, true));
                            }
                        });
                    });
                }
                if let Some((name, replace)) = request {
                    let request_id = RequestId::new();
                    dialog.request_id = Some(request_id);
                    dialog.waiting = true;
                    dialog.link = None;
                    dialog.taken = None;
                    dialog.name.clone_from(&name);
                    actions.push(UploadAction::RequestLink {
                        request: request_id,
                        object: S3Location {
                            bucket: dialog.folder.bucket.clone(),
                            key: format!("{}{name}", dialog.folder.key),
                        },
                        expiry: dialog.expiry,
                        replace,
                    });
                }
                if dialog.waiting {
                    ui.spinner();
                }
                match &dialog.link {
                    Some(Ok(link)) => {
                        for warning in &link.warnings {
                            ui.colored_label(ui.visuals().warn_fg_color, warning.to_string());
                        }
                        let headers = link
                            .headers
                            .iter()
                            .map(|(name, value)| format!("{name}: {value}"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        ui.label(tr!(
                            "uploads-request-ready",
                            name = visible(link.object.file_name()),
                            until = until_text(link.expires_at),
                            count = link.headers.len(),
                            headers = headers
                        ));
                        let curl = link.curl_command(link.object.file_name());
                        let mut shown = curl.clone();
                        let label = ui.label(tr!("uploads-request-command"));
                        ui.add(
                            egui::TextEdit::multiline(&mut shown)
                                .desired_rows(4)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id);
                        ui.horizontal(|ui| {
                            if ui.button(tr!("uploads-request-copy-command")).clicked() {
                                ui.ctx().copy_text(curl);
                            }
                            if ui.button(tr!("uploads-request-copy-link")).clicked() {
                                ui.ctx().copy_text(link.url.clone());
                            }
                        });
                    }
                    Some(Err(message)) => {
                        ui.colored_label(ui.visuals().error_fg_color, message);
                    }
                    None => {}
                }
            });
        if !open {
            self.request = None;
        }
        actions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> S3Location {
        S3Location::new("docs", "in/").unwrap()
    }

    fn asked(queue: &mut UploadQueue) -> RequestId {
        let request = RequestId::new();
        let dialog = queue.request.as_mut().expect("dialog open");
        dialog.request_id = Some(request);
        dialog.waiting = true;
        request
    }

    /// The old bug: every dialog asked with id 0, so the answer to a closed dialog filled
    /// the next one. Answers now name their request; others are dropped.
    #[test]
    fn a_late_answer_never_fills_a_newer_request_a_file_dialog() {
        let mut queue = UploadQueue::default();
        queue.open_request_dialog(folder());
        let first = asked(&mut queue);
        queue.request = None; // the user closed it before the answer came
        queue.open_request_dialog(folder());
        let second = asked(&mut queue);

        queue.on_upload_link(first, Err("late".to_owned()));
        queue.on_upload_link_name_taken(first, S3Location::new("docs", "in/a (1).pdf").unwrap());
        let dialog = queue.request.as_ref().unwrap();
        assert!(dialog.link.is_none() && dialog.taken.is_none() && dialog.waiting);

        queue.on_upload_link(second, Err("the answer".to_owned()));
        let dialog = queue.request.as_ref().unwrap();
        assert!(matches!(&dialog.link, Some(Err(why)) if why == "the answer"));
        assert!(!dialog.waiting);
    }
}
