//! The top bar (connection, bucket path, filter, upload menu), the demo banner and the
//! keyboard shortcuts of the main window.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::browser::{BrowserAction, Buckets};
use crate::connections;
use crate::history_jobs::HistoryOp;
use crate::share_panel::ShareAction;
use crate::theme;
use crate::widgets::{SearchField, Toast, search_field};
use crate::{App, ConnectionState};
use s3share_core::preferences::ThemeChoice;

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
            // The right-hand group is laid out left to right, so Tab moves through the bar
            // in reading order (a right-to-left layout would make it go backwards); it is
            // pushed against the right edge by the width it took last frame.
            let width_id = ui.scope_id().with("s3share-top-bar-right");
            let known = ui.data(|d| d.get_temp::<f32>(width_id));
            let spare = ui.available_width() - known.unwrap_or(0.0) - ui.spacing().item_spacing.x;
            ui.add_space(spare.max(0.0));
            let width = ui
                .scope(|ui| {
                    if let Some(a) = self.top_bar_right_ui(ui) {
                        action = Some(a);
                    }
                })
                .response
                .rect
                .width();
            if known.is_none_or(|known| (known - width).abs() > 0.5) {
                ui.data_mut(|d| d.insert_temp(width_id, width));
                // Laid out again before anything is shown, now at the right place.
                ui.ctx().request_discard("top bar width");
            }
        });
        action
    }

    /// Filter, Upload, View and Refresh, left to right.
    fn top_bar_right_ui(&mut self, ui: &mut egui::Ui) -> Option<BrowserAction> {
        let mut action = None;
        if self.browser.bucket.is_some() {
            let mut filter = self.browser.filter.clone();
            search_field(
                ui,
                &mut filter,
                &SearchField {
                    label: "Filter",
                    hint: "Filter… (Ctrl+F)",
                    clear: "Clear the filter",
                    id: Some(self.filter_id),
                },
            );
            if filter != self.browser.filter {
                self.browser.set_filter(filter);
            }
        }
        self.upload_menu_ui(ui);
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
            ui.separator();
            self.theme_menu_ui(ui);
            self.language_menu_ui(ui);
        });
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
        action
    }

    /// View → Theme: the system's setting, or always light or dark; kept in the settings.
    fn theme_menu_ui(&mut self, ui: &mut egui::Ui) {
        ui.label(egui::RichText::new("Theme").weak());
        let mut choice = self.history.preferences.theme;
        for option in ThemeChoice::ALL {
            ui.radio_value(&mut choice, option, option.label());
        }
        if choice != self.history.preferences.theme {
            self.history.set_theme(choice);
            theme::apply(ui.ctx(), choice, self.system_dark);
            self.history_op(HistoryOp::SaveTheme(choice));
        }
    }

    pub(crate) fn banner_ui(&mut self, ui: &mut egui::Ui) {
        let fill = crate::theme::palette(ui.visuals()).banner_fill;
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
