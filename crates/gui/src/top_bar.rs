//! The top bar (connection, bucket path, filter, upload menu), the demo banner and the
//! keyboard shortcuts of the main window.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::browser::{BrowserAction, Buckets};
use crate::connections;
use crate::share_panel::ShareAction;
use crate::widgets::Toast;
use crate::{App, ConnectionState};

const DEMO_BANNER: &str = "Demo storage on this computer — links work only here.";
const COPY_SHORTCUT: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::C);
const FILTER_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);

impl App {
    /// Keyboard: arrows, Enter, Backspace, Ctrl+F, Ctrl+Shift+C.
    pub(crate) fn keyboard(&mut self, ctx: &egui::Context) {
        if ctx.input_mut(|i| i.consume_shortcut(&COPY_SHORTCUT)) {
            if self.share.for_key.is_some() {
                self.share_action(ctx, ShareAction::CopyLink);
            } else {
                self.toast = Some(Toast::new(
                    ctx,
                    "Select a file first, then press Ctrl+Shift+C.",
                    false,
                ));
            }
        }
        if ctx.input_mut(|i| i.consume_shortcut(&FILTER_SHORTCUT)) {
            ctx.memory_mut(|m| m.request_focus(self.filter_id));
        }
        if ctx.text_edit_focused() {
            return; // typing in a field: keys belong to it
        }
        // Enter activates a focused button itself; only without one does it open a folder.
        let button_focused = ctx.memory(|m| m.focused().is_some());
        let (down, up, enter, back) = ctx.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::ArrowDown),
                i.consume_key(Modifiers::NONE, Key::ArrowUp),
                !button_focused && i.consume_key(Modifiers::NONE, Key::Enter),
                i.consume_key(Modifiers::NONE, Key::Backspace),
            )
        });
        if down || up {
            self.browser
                .move_selection(if down { 1 } else { -1 }, self.remembered.sort);
            self.sync_share_selection();
        }
        if enter
            && let Some(row) = self.browser.selected_row()
            && row.folder
        {
            let prefix = row.key.clone();
            self.apply(ctx, BrowserAction::OpenFolder(prefix));
        }
        if back && let Some(parent) = self.browser.parent_prefix() {
            self.apply(ctx, BrowserAction::OpenFolder(parent));
        }
    }

    pub(crate) fn top_bar_ui(&mut self, ui: &mut egui::Ui) -> Option<BrowserAction> {
        let mut action = None;
        ui.horizontal(|ui| {
            ui.add_space(4.0);
            let connecting = self.connection == ConnectionState::Connecting;
            if let Some(connections::ConnectionAction::Switch(start)) =
                self.connections.switcher_ui(
                    ui,
                    &self.connection_name,
                    connecting,
                    self.credentials.as_ref(),
                )
            {
                self.switch_connection(start);
            }
            ui.separator();
            action = self.browser.breadcrumbs_ui(ui);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .add_enabled(
                        self.browser.bucket.is_some() || !matches!(self.buckets, Buckets::Loading),
                        egui::Button::new("⟳ Refresh"),
                    )
                    .on_hover_text("List this folder again")
                    .clicked()
                {
                    action = Some(BrowserAction::Refresh);
                }
                ui.menu_button("View", |ui| {
                    if ui
                        .checkbox(
                            &mut self.remembered.show_own_files,
                            "Show s3share's own files",
                        )
                        .on_hover_text(
                            "The .s3share folders where s3share keeps shared copies and pages \
                             (they are removed when their links end)",
                        )
                        .changed()
                    {
                        ui.close();
                        action = Some(BrowserAction::Refresh);
                    }
                });
                self.upload_menu_ui(ui);
                if self.browser.bucket.is_some() {
                    let mut filter = self.browser.filter.clone();
                    let response = ui.add(
                        egui::TextEdit::singleline(&mut filter)
                            .id(self.filter_id)
                            .hint_text("Filter… (Ctrl+F)")
                            .desired_width(200.0),
                    );
                    let label = ui.label("Filter");
                    let response = response.labelled_by(label.id);
                    // Escape clears the filter. egui takes the focus away at the start of
                    // the frame Escape is pressed in, so the field has just lost it.
                    if (response.has_focus() || response.lost_focus())
                        && ui.input(|i| i.key_pressed(Key::Escape))
                    {
                        filter.clear();
                    }
                    if filter != self.browser.filter {
                        self.browser.set_filter(filter);
                    }
                }
            });
        });
        action
    }

    pub(crate) fn banner_ui(&mut self, ui: &mut egui::Ui) {
        let fill = if ui.visuals().dark_mode {
            egui::Color32::from_rgb(0x1f, 0x33, 0x4d)
        } else {
            egui::Color32::from_rgb(0xe3, 0xef, 0xfd)
        };
        egui::Frame::new()
            .fill(fill)
            .inner_margin(egui::Margin::symmetric(10, 6))
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label("ℹ");
                    ui.label(DEMO_BANNER)
                        .on_hover_text("The demo files live in a folder on this computer; links open only here, while S3 Share runs.");
                    if ui
                        .link("Add your S3 account →")
                        .on_hover_text("AWS, Cloudflare R2, Wasabi, Backblaze B2, DigitalOcean Spaces, MinIO…")
                        .clicked()
                    {
                        self.connections.open_add();
                    }
                });
            });
    }
}
