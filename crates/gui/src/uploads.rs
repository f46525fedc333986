//! The upload queue as the user sees it: where dropped files will go, one row per file with
//! progress, speed, time left, Cancel and Retry, the "file already exists" question, the
//! links of a finished batch, and "Request a file" (an upload link for someone else).

use crate::bus::RequestId;
use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::time::Instant;

use egui::{Align2, RichText};

use super::upload_worker::{ClashChoice, UploadJob, UploadOutcome};
use s3share_core::format::human_size;
use s3share_core::message::until_text;
use s3share_core::visible::visible;
use s3share_core::{Expiry, S3Location, UploadLink};

#[derive(Clone, Debug, PartialEq)]
pub enum RowState {
    Waiting,
    Sending,
    Done,
    Skipped,
    Failed(String),
    Cancelled,
}

#[derive(Clone, Debug)]
pub struct UploadRow {
    pub id: u64,
    pub batch: u64,
    pub path: PathBuf,
    pub object: S3Location,
    pub size: u64,
    pub sent: u64,
    pub state: RowState,
    /// Bytes per second, smoothed.
    speed: f64,
    sample: Option<(Instant, u64)>,
}

impl UploadRow {
    /// The file name as shown (control and bidi characters made visible).
    pub fn name(&self) -> std::borrow::Cow<'_, str> {
        visible(self.object.file_name())
    }

    fn is_active(&self) -> bool {
        matches!(self.state, RowState::Waiting | RowState::Sending)
    }
}

#[derive(Debug, Default)]
struct Batch {
    from_drop: bool,
    files: usize,
    finished: usize,
    uploaded: Vec<S3Location>,
    apply_to_all: Option<ClashChoice>,
}

/// What the queue asks the app to do.
#[derive(Debug)]
pub enum UploadAction {
    Cancel(u64),
    Retry(UploadJob),
    Resolve {
        id: u64,
        choice: ClashChoice,
    },
    /// Make share links (current expiry and mode) for these files and copy them all.
    CopyLinks(Vec<S3Location>),
    RequestLink {
        /// Answers for an earlier dialog (or an earlier click) carry another request.
        request: RequestId,
        object: S3Location,
        expiry: Expiry,
        /// The user chose to replace a file of that name.
        replace: bool,
    },
}

/// What a finished upload means for the rest of the window.
#[derive(Debug, Default)]
pub struct Finished {
    /// The file is now in this folder: refresh it if it is open.
    pub uploaded: Option<S3Location>,
    /// The single file of a drop finished: copy its link if the setting says so.
    pub single_drop: Option<S3Location>,
}

#[derive(Debug)]
struct RequestDialog {
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

#[derive(Debug)]
pub struct UploadQueue {
    rows: Vec<UploadRow>,
    batches: HashMap<u64, Batch>,
    next_batch: u64,
    clashes: VecDeque<(u64, S3Location)>,
    clash_apply_all: bool,
    pub expanded: bool,
    request: Option<RequestDialog>,
    /// What the latest batch left out (links, unreadable items), shown under the summary
    /// until the list is cleared: (batch, sentence).
    skipped: Option<(u64, String)>,
}

impl Default for UploadQueue {
    fn default() -> Self {
        Self {
            rows: Vec::new(),
            batches: HashMap::new(),
            next_batch: 1,
            clashes: VecDeque::new(),
            clash_apply_all: false,
            expanded: false,
            request: None,
            skipped: None,
        }
    }
}

impl UploadQueue {
    /// A new batch; send `Command::UploadFiles` with the returned id.
    pub fn start_batch(&mut self, from_drop: bool) -> u64 {
        let batch = self.next_batch;
        self.next_batch += 1;
        self.batches.insert(
            batch,
            Batch {
                from_drop,
                ..Batch::default()
            },
        );
        batch
    }

    pub fn rows(&self) -> &[UploadRow] {
        &self.rows
    }

    pub fn is_busy(&self) -> bool {
        self.rows.iter().any(UploadRow::is_active)
    }

    pub fn on_queued(&mut self, batch: u64, id: u64, path: PathBuf, object: S3Location, size: u64) {
        if let Some(b) = self.batches.get_mut(&batch) {
            b.files += 1;
        }
        self.rows.push(UploadRow {
            id,
            batch,
            path,
            object,
            size,
            sent: 0,
            state: RowState::Waiting,
            speed: 0.0,
            sample: None,
        });
    }

    pub fn on_nothing(&mut self, batch: u64) {
        self.batches.remove(&batch);
    }

    /// Answers at once when the user chose "apply to all" for this batch.
    pub fn on_clash(&mut self, id: u64, object: S3Location) -> Option<ClashChoice> {
        let batch = self.row(id).map(|r| r.batch)?;
        if let Some(choice) = self.batches.get(&batch).and_then(|b| b.apply_to_all) {
            return Some(choice);
        }
        self.clashes.push_back((id, object));
        None
    }

    pub fn on_renamed(&mut self, id: u64, object: S3Location) {
        if let Some(row) = self.row_mut(id) {
            row.object = object;
        }
    }

    pub fn on_progress(&mut self, id: u64, sent: u64) {
        let Some(row) = self.row_mut(id) else {
            return;
        };
        row.state = RowState::Sending;
        let now = Instant::now();
        if let Some((at, before)) = row.sample {
            let secs = now.duration_since(at).as_secs_f64();
            if secs > 0.05 && sent >= before {
                #[allow(clippy::cast_precision_loss)]
                let instant = (sent - before) as f64 / secs;
                row.speed = if row.speed == 0.0 {
                    instant
                } else {
                    0.7 * row.speed + 0.3 * instant
                };
            }
        }
        row.sample = Some((now, sent));
        row.sent = sent;
    }

    pub fn on_finished(&mut self, id: u64, outcome: UploadOutcome) -> Finished {
        let mut finished = Finished::default();
        let Some(row) = self.row_mut(id) else {
            return finished;
        };
        let batch_id = row.batch;
        row.state = match outcome {
            UploadOutcome::Uploaded(file) => {
                row.sent = row.size;
                row.object = file.object;
                finished.uploaded = Some(row.object.clone());
                RowState::Done
            }
            UploadOutcome::Skipped => RowState::Skipped,
            UploadOutcome::Failed(s3share_core::Error::Cancelled) => RowState::Cancelled,
            UploadOutcome::Failed(e) => RowState::Failed(e.to_string()),
        };
        self.clashes.retain(|(clash, _)| *clash != id);
        if let Some(batch) = self.batches.get_mut(&batch_id) {
            batch.finished += 1;
            if let Some(object) = &finished.uploaded {
                batch.uploaded.push(object.clone());
            }
            if batch.from_drop && batch.files == 1 && batch.finished == 1 {
                finished.single_drop.clone_from(&finished.uploaded);
            }
        }
        finished
    }

    pub fn on_skipped(&mut self, batch: u64, sentence: String) {
        self.skipped = Some((batch, sentence));
    }

    /// The skipped-items sentence of `batch`, if it left anything out.
    pub fn skipped_in(&self, batch: u64) -> Option<&str> {
        self.skipped
            .as_ref()
            .filter(|(b, _)| *b == batch)
            .map(|(_, sentence)| sentence.as_str())
    }

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

    fn row(&self, id: u64) -> Option<&UploadRow> {
        self.rows.iter().find(|r| r.id == id)
    }

    fn row_mut(&mut self, id: u64) -> Option<&mut UploadRow> {
        self.rows.iter_mut().find(|r| r.id == id)
    }

    /// "2 of 5 · 38 MB/s · 12 s left"
    pub fn summary(&self) -> String {
        let total = self.rows.len();
        let done = self
            .rows
            .iter()
            .filter(|r| r.state == RowState::Done)
            .count();
        let failed = self
            .rows
            .iter()
            .filter(|r| matches!(r.state, RowState::Failed(_)))
            .count();
        let mut text = format!("Uploads: {done} of {total}");
        let speed: f64 = self
            .rows
            .iter()
            .filter(|r| r.state == RowState::Sending)
            .map(|r| r.speed)
            .sum();
        if self.is_busy() && speed > 0.0 {
            let left: u64 = self
                .rows
                .iter()
                .filter(|r| r.is_active())
                .map(|r| r.size.saturating_sub(r.sent))
                .sum();
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let secs = (left as f64 / speed).ceil() as u64;
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let rate = human_size(speed as u64);
            text.push_str(&format!(
                " · {rate}/s · {} left",
                s3share_core::format::duration_short(secs)
            ));
        }
        if failed > 0 {
            text.push_str(&format!(" · {failed} failed"));
        }
        text
    }

    /// The bottom strip (and the list when expanded). Draws nothing without uploads.
    pub fn panel_ui(&mut self, ui: &mut egui::Ui) -> Vec<UploadAction> {
        let mut actions = Vec::new();
        if self.rows.is_empty() {
            return actions;
        }
        ui.horizontal(|ui| {
            ui.label(self.summary());
            let label = if self.expanded { "Hide" } else { "Show" };
            if ui.button(label).clicked() {
                self.expanded = !self.expanded;
            }
            let finished: Vec<&Batch> = self
                .batches
                .values()
                .filter(|b| b.files > 1 && b.finished == b.files && !b.uploaded.is_empty())
                .collect();
            if let Some(batch) = finished.last() {
                let n = batch.uploaded.len();
                if ui
                    .button(format!("Copy links to the {n} uploaded files"))
                    .clicked()
                {
                    actions.push(UploadAction::CopyLinks(batch.uploaded.clone()));
                }
            }
            if !self.is_busy() && ui.button("Clear finished").clicked() {
                self.rows.clear();
                self.batches.clear();
                self.skipped = None;
                self.expanded = false;
            }
        });
        if let Some((_, sentence)) = &self.skipped {
            ui.colored_label(ui.visuals().warn_fg_color, sentence);
        }
        if self.expanded {
            egui::ScrollArea::vertical().max_height(180.0).show_rows(
                ui,
                22.0,
                self.rows.len(),
                |ui, range| {
                    for row in &self.rows[range] {
                        row_ui(ui, row, &mut actions);
                    }
                },
            );
        }
        actions
    }

    /// Asks what to do when a file already exists. Never overwrites silently.
    pub fn clash_ui(&mut self, ctx: &egui::Context) -> Vec<UploadAction> {
        let mut actions = Vec::new();
        let Some((id, object)) = self.clashes.front().cloned() else {
            return actions;
        };
        let mut choice = None;
        egui::Window::new("A file with this name already exists")
            .collapsible(false)
            .resizable(false)
            .anchor(Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.label(format!(
                    "\"{}\" is already in {}. What should happen?",
                    visible(object.file_name()),
                    folder_label(&object)
                ));
                ui.horizontal(|ui| {
                    if ui.button("Replace").clicked() {
                        choice = Some(ClashChoice::Replace);
                    }
                    if ui
                        .button("Keep both")
                        .on_hover_text("The new file gets \" (1)\" added to its name")
                        .clicked()
                    {
                        choice = Some(ClashChoice::KeepBoth);
                    }
                    if ui.button("Skip").clicked() {
                        choice = Some(ClashChoice::Skip);
                    }
                });
                let others = self.clashes.len() > 1
                    || self
                        .row(id)
                        .and_then(|r| self.batches.get(&r.batch))
                        .is_some_and(|b| b.files > 1);
                if others {
                    ui.checkbox(
                        &mut self.clash_apply_all,
                        "Do this for every file of this upload",
                    );
                }
            });
        if let Some(choice) = choice {
            self.clashes.pop_front();
            actions.push(UploadAction::Resolve { id, choice });
            if self.clash_apply_all {
                let batch = self.row(id).map(|r| r.batch);
                if let Some(b) = batch.and_then(|b| self.batches.get_mut(&b)) {
                    b.apply_to_all = Some(choice);
                }
                let same_batch: Vec<u64> = self
                    .clashes
                    .iter()
                    .filter(|(other, _)| self.row(*other).map(|r| r.batch) == batch)
                    .map(|(other, _)| *other)
                    .collect();
                self.clashes
                    .retain(|(other, _)| !same_batch.contains(other));
                actions.extend(
                    same_batch
                        .into_iter()
                        .map(|id| UploadAction::Resolve { id, choice }),
                );
            }
            self.clash_apply_all = false;
        }
        actions
    }

    /// "Request a file": an upload link for someone else, with a ready curl command.
    pub fn request_ui(&mut self, ctx: &egui::Context) -> Vec<UploadAction> {
        let mut actions = Vec::new();
        let Some(dialog) = &mut self.request else {
            return actions;
        };
        let mut open = true;
        egui::Window::new("Request a file")
            .open(&mut open)
            .collapsible(false)
            .anchor(Align2::CENTER_TOP, [0.0, 80.0])
            .default_width(480.0)
            .show(ctx, |ui| {
                ui.label(format!(
                    "Make a link someone else can use to send you one file into {}.",
                    folder_label(&dialog.folder)
                ));
                ui.horizontal(|ui| {
                    let label = ui.label("File name");
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
                    ui.label("Link works for");
                    for (label, expiry) in [
                        ("1 hour", Expiry::ONE_HOUR),
                        ("1 day", Expiry::ONE_DAY),
                        ("7 days", Expiry::SEVEN_DAYS),
                    ] {
                        ui.selectable_value(&mut dialog.expiry, expiry, label);
                    }
                });
                let name = dialog.name.trim();
                let valid = !name.is_empty() && !name.contains('/');
                let make = ui.add_enabled(valid && !dialog.waiting, egui::Button::new("Make upload link"));
                if !valid && !name.is_empty() {
                    ui.colored_label(ui.visuals().error_fg_color, "A file name cannot contain /.");
                }
                let mut request = make.clicked().then_some((name.to_owned(), false));
                // The question is about the name it was asked for: editing the name ends it.
                if dialog.taken.as_ref().is_some_and(|(taken, _)| taken != name) {
                    dialog.taken = None;
                }
                if let Some((taken, free)) = dialog.taken.clone() {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!(
                            "A file named \"{}\" is already in this folder. The upload would replace it.",
                            visible(&taken)
                        ),
                    );
                    ui.add_enabled_ui(!dialog.waiting, |ui| {
                        ui.horizontal(|ui| {
                            let free_name = free.file_name().to_owned();
                            if ui
                                .button(format!("Use \"{}\"", visible(&free_name)))
                                .clicked()
                            {
                                request = Some((free_name, false));
                            }
                            if ui.button("Replace it").clicked() {
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
                        let header_words = if link.headers.len() == 1 { "header" } else { "headers" };
                        ui.label(format!(
                            "Anyone with this link can upload one file, saved as \"{}\", until {}. They send it with an HTTP PUT and the {header_words} {headers}, for example with this command:",
                            visible(link.object.file_name()),
                            until_text(link.expires_at)
                        ));
                        let curl = link.curl_command(link.object.file_name());
                        let mut shown = curl.clone();
                        let label = ui.label("Command:");
                        ui.add(
                            egui::TextEdit::multiline(&mut shown)
                                .desired_rows(4)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id);
                        ui.horizontal(|ui| {
                            if ui.button("Copy command").clicked() {
                                ui.ctx().copy_text(curl);
                            }
                            if ui.button("Copy link only").clicked() {
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

fn row_ui(ui: &mut egui::Ui, row: &UploadRow, actions: &mut Vec<UploadAction>) {
    ui.horizontal(|ui| {
        ui.add_sized(
            [220.0, 18.0],
            egui::Label::new(row.name().as_ref()).truncate(),
        );
        #[allow(clippy::cast_precision_loss)]
        let fraction = if row.size == 0 {
            1.0
        } else {
            row.sent as f32 / row.size as f32
        };
        match &row.state {
            RowState::Waiting => {
                ui.label(RichText::new("waiting").weak());
            }
            RowState::Sending => {
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(180.0)
                        .show_percentage(),
                );
                if row.speed > 0.0 {
                    #[allow(clippy::cast_precision_loss)]
                    let left = row.size.saturating_sub(row.sent) as f64 / row.speed;
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    ui.label(format!(
                        "{}/s · {} left",
                        human_size(row.speed as u64),
                        s3share_core::format::duration_short(left.ceil() as u64)
                    ));
                }
            }
            RowState::Done => {
                ui.label(format!("✔ {}", human_size(row.size)));
            }
            RowState::Skipped => {
                ui.label(RichText::new("skipped (already there)").weak());
            }
            RowState::Cancelled => {
                ui.label(RichText::new("cancelled").weak());
            }
            RowState::Failed(reason) => {
                ui.colored_label(ui.visuals().error_fg_color, "failed")
                    .on_hover_text(reason);
                ui.label(RichText::new(reason).small());
            }
        }
        if row.is_active() && ui.small_button("Cancel").clicked() {
            actions.push(UploadAction::Cancel(row.id));
        }
        if matches!(row.state, RowState::Failed(_) | RowState::Cancelled)
            && ui.small_button("Retry").clicked()
        {
            actions.push(UploadAction::Retry(UploadJob {
                id: row.id,
                path: row.path.clone(),
                object: row.object.clone(),
                ask_on_clash: true,
            }));
        }
    });
}

/// The folder a file goes into, or the folder itself: "photos/2026/" or "the top of
/// bucket photos".
pub fn folder_label(location: &S3Location) -> String {
    let folder = if location.is_object() {
        location.parent_prefix()
    } else {
        location.key.as_str()
    };
    if folder.is_empty() {
        format!("the top of bucket \"{}\"", visible(&location.bucket))
    } else {
        visible(folder).into_owned()
    }
}

/// While files hover over the window: where they will go.
pub fn drop_overlay(ctx: &egui::Context, target: &str) {
    let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
    if !hovering {
        return;
    }
    let screen = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("s3share-drop"),
    ));
    painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(160));
    painter.text(
        screen.center(),
        Align2::CENTER_CENTER,
        format!("Drop to upload to {target}"),
        egui::FontId::proportional(24.0),
        egui::Color32::WHITE,
    );
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
