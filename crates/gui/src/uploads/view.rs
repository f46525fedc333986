//! How the queue is drawn: the bottom strip and its rows, the "file already exists"
//! question, and where dropped files will go.

use egui::{Align2, RichText};

use super::{Batch, RowState, UploadAction, UploadQueue, UploadRow};
use crate::bus::{ClashChoice, UploadJob};
use s3share_core::i18n::locale_format::human_size;
use s3share_core::visible::visible;
use s3share_core::{S3Location, tr};

impl UploadQueue {
    /// The bottom strip (and the list when expanded). Draws nothing without uploads.
    pub fn panel_ui(&mut self, ui: &mut egui::Ui) -> Vec<UploadAction> {
        let mut actions = Vec::new();
        if self.rows.is_empty() {
            return actions;
        }
        ui.horizontal(|ui| {
            ui.label(self.summary());
            let label = if self.expanded {
                tr!("uploads-hide")
            } else {
                tr!("uploads-show")
            };
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
                if ui.button(tr!("uploads-copy-links", count = n)).clicked() {
                    actions.push(UploadAction::CopyLinks(batch.uploaded.clone()));
                }
            }
            if !self.is_busy() && ui.button(tr!("uploads-clear")).clicked() {
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
        egui::Window::new(tr!("uploads-clash-title"))
            .collapsible(false)
            .resizable(false)
            .anchor(Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.label(tr!(
                    "uploads-clash-body",
                    name = visible(object.file_name()),
                    folder = folder_label(&object)
                ));
                ui.horizontal(|ui| {
                    if ui.button(tr!("uploads-replace")).clicked() {
                        choice = Some(ClashChoice::Replace);
                    }
                    if ui
                        .button(tr!("uploads-keep-both"))
                        .on_hover_text(tr!("uploads-keep-both-hint"))
                        .clicked()
                    {
                        choice = Some(ClashChoice::KeepBoth);
                    }
                    if ui.button(tr!("uploads-skip")).clicked() {
                        choice = Some(ClashChoice::Skip);
                    }
                });
                let others = self.clashes.len() > 1
                    || self
                        .row(id)
                        .and_then(|r| self.batches.get(&r.batch))
                        .is_some_and(|b| b.files > 1);
                if others {
                    ui.checkbox(&mut self.clash_apply_all, tr!("uploads-apply-all"));
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
                ui.label(RichText::new(tr!("uploads-waiting")).weak());
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
                    ui.label(tr!(
                        "uploads-speed-left",
                        speed = human_size(row.speed as u64),
                        left =
                            s3share_core::i18n::locale_format::duration_short(left.ceil() as u64)
                    ));
                }
            }
            RowState::Done => {
                ui.label(format!("✔ {}", human_size(row.size)));
            }
            RowState::Skipped => {
                ui.label(RichText::new(tr!("uploads-skipped-there")).weak());
            }
            RowState::Cancelled => {
                ui.label(RichText::new(tr!("uploads-cancelled")).weak());
            }
            RowState::Failed(reason) => {
                ui.colored_label(ui.visuals().error_fg_color, tr!("uploads-failed"))
                    .on_hover_text(reason);
                ui.label(RichText::new(reason).small());
            }
        }
        if row.is_active() && ui.small_button(tr!("uploads-cancel")).clicked() {
            actions.push(UploadAction::Cancel(row.id));
        }
        if matches!(row.state, RowState::Failed(_) | RowState::Cancelled)
            && ui.small_button(tr!("uploads-retry")).clicked()
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
        tr!("uploads-top-of-bucket", bucket = visible(&location.bucket))
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
    let palette = crate::theme::palette(&ctx.global_style().visuals);
    painter.rect_filled(screen, 0.0, palette.overlay);
    painter.text(
        screen.center(),
        Align2::CENTER_CENTER,
        tr!("uploads-drop-to", target = target),
        egui::FontId::proportional(24.0),
        palette.on_overlay,
    );
}
