//! The share panel as drawn: details of the selection, lifetime presets, open or
//! download, the Copy link button row, the result and the QR code window.

use egui::{RichText, Ui};

use super::delivery::{links_ended_text, page_copied_text, page_ended_text, qr_image};
use super::model::{
    Deliver, ExpiryChoice, LinkState, PageState, ShareAction, SharePanel, ShareSettings, TestState,
    Unit, temporary_end,
};
use crate::browser::Row;
use crate::clock::{has_ended, until_live};
use crate::widgets::{error_label, ok_color};
use s3share_core::ExpiryReason;
use s3share_core::credentials::CredentialsInfo;
use s3share_core::disposition::guess_content_type;
use s3share_core::expiry::MAX_EXPIRY_SECS;
use s3share_core::i18n::locale_format::{
    duration_exact, duration_words, human_size, local_day_time,
};
use s3share_core::link_check::LinkCheck;
use s3share_core::managed::is_managed_key;
use s3share_core::message::{MAX_MAIL_LINE, url_too_long_for_mail};
use s3share_core::take_back::copy_cost_note;
use s3share_core::tr;
use s3share_core::visible::visible;

impl SharePanel {
    /// The whole panel for `rows`, the selected files (none: nothing or a folder selected).
    /// `folder`: the folder row selected when no file is (it can be shared as one page).
    /// `stacked`: the panel lies below the list (a narrow window) in two columns, choices
    /// on the left and Copy link with what it made on the right, and the caller scrolls
    /// it; else it stands beside the list in one column and scrolls itself.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        rows: &[Row],
        folder: Option<(&Row, bool)>,
        settings: &mut ShareSettings,
        credentials: Option<&CredentialsInfo>,
        stacked: bool,
    ) -> Option<ShareAction> {
        self.qr_window(ui.ctx());
        if let (true, Some((folder, true))) = (rows.is_empty(), folder) {
            return if stacked {
                self.folder_ui(ui, folder, settings, true)
            } else {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| self.folder_ui(ui, folder, settings, false))
                    .inner
            };
        }
        if rows.is_empty() {
            return self.nothing_selected_ui(ui, folder.map(|(f, _)| f), settings, stacked);
        }
        if stacked {
            return self.files_ui(ui, rows, settings, credentials, true);
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.files_ui(ui, rows, settings, credentials, false)
            })
            .inner
    }

    /// No file selected: what to do, and sharing the folder open as one page.
    fn nothing_selected_ui(
        &mut self,
        ui: &mut Ui,
        folder: Option<&Row>,
        settings: &mut ShareSettings,
        stacked: bool,
    ) -> Option<ShareAction> {
        let hint = |ui: &mut Ui| {
            ui.add_space(if stacked { 12.0 } else { 40.0 });
            ui.vertical_centered(|ui| {
                ui.label(RichText::new(tr!("share-hint-select")).size(15.0).weak());
                ui.add_space(6.0);
                ui.label(RichText::new(tr!("share-hint-then")).weak());
                ui.add_space(6.0);
                ui.label(RichText::new(tr!("share-hint-several")).small().weak());
            });
        };
        let Some(folder) = folder else {
            hint(ui);
            return None;
        };
        let mut page = |ui: &mut Ui| {
            ui.add(
                egui::Label::new(
                    RichText::new(tr!("share-folder-or-page", folder = folder.shown_name()))
                        .strong(),
                )
                .wrap(),
            );
            ui.label(RichText::new(tr!("share-folder-or-page-detail")).weak());
            ui.add_space(6.0);
            self.expiry_ui(ui, settings);
            ui.add_space(10.0);
            self.page_ui(ui, settings, 0, false)
        };
        if stacked {
            columns(ui, |left, right| {
                hint(left);
                right.add_space(8.0);
                page(right)
            })
        } else {
            hint(ui);
            ui.add_space(24.0);
            ui.separator();
            page(ui)
        }
    }

    /// Files selected: what they are and the choices, then Copy link and what it made.
    fn files_ui(
        &mut self,
        ui: &mut Ui,
        rows: &[Row],
        settings: &mut ShareSettings,
        credentials: Option<&CredentialsInfo>,
        stacked: bool,
    ) -> Option<ShareAction> {
        ui.add_space(8.0);
        if stacked {
            // Copy link tops its own column: nothing above it comes or goes.
            return columns(ui, |left, right| {
                self.choices_ui(left, rows, settings, true);
                self.deliver_ui(right, rows, settings, credentials)
            });
        }
        self.choices_ui(ui, rows, settings, false);
        ui.add_space(14.0);
        self.deliver_ui(ui, rows, settings, credentials)
    }

    /// The selection, how long the link works, how it opens, and take-back copies.
    fn choices_ui(
        &mut self,
        ui: &mut Ui,
        rows: &[Row],
        settings: &mut ShareSettings,
        stacked: bool,
    ) {
        if let [row] = rows {
            self.details_ui(ui, row);
        } else {
            several_ui(ui, rows);
        }
        ui.add_space(10.0);
        ui.separator();
        self.expiry_ui(ui, settings);
        ui.add_space(10.0);
        self.mode_ui(ui, settings, stacked);
        ui.add_space(10.0);
        self.take_back_ui(ui, rows);
    }

    /// Copy link and its companions, the links made, and (several files) one page.
    fn deliver_ui(
        &mut self,
        ui: &mut Ui,
        rows: &[Row],
        settings: &ShareSettings,
        credentials: Option<&CredentialsInfo>,
    ) -> Option<ShareAction> {
        let mut action = self.copy_ui(ui, settings, credentials);
        if let Some(a) = self.result_ui(ui) {
            action = Some(a);
        }
        // Last, so a picture never pushes Copy link or the link made out of view.
        if let [row] = rows {
            self.preview_ui(ui, row);
        }
        if rows.len() > 1 {
            ui.add_space(12.0);
            ui.separator();
            if let Some(a) = self.page_ui(ui, settings, rows.len(), false) {
                action = Some(a);
            }
        }
        action
    }

    /// A folder selected: its name, the lifetime, and Share as one link.
    fn folder_ui(
        &mut self,
        ui: &mut Ui,
        folder: &Row,
        settings: &mut ShareSettings,
        stacked: bool,
    ) -> Option<ShareAction> {
        ui.add_space(8.0);
        let choices = |this: &mut Self, ui: &mut Ui, settings: &mut ShareSettings| {
            ui.add(
                egui::Label::new(
                    RichText::new(format!("{} {}", folder.icon(), folder.shown_name())).heading(),
                )
                .wrap(),
            );
            ui.label(RichText::new(tr!("share-folder-kind")).weak());
            ui.add_space(10.0);
            ui.separator();
            this.expiry_ui(ui, settings);
        };
        if stacked {
            return columns(ui, |left, right| {
                choices(self, left, settings);
                self.page_ui(right, settings, 0, true)
            });
        }
        choices(self, ui, settings);
        ui.add_space(14.0);
        self.page_ui(ui, settings, 0, true)
    }

    /// "Share as one link": the button, its progress and what came of it. `files` is how
    /// many are selected (0 for a folder, whose count is known once listed).
    fn page_ui(
        &mut self,
        ui: &mut Ui,
        settings: &ShareSettings,
        files: usize,
        main: bool,
    ) -> Option<ShareAction> {
        let expiry = settings.expiry();
        let pending = matches!(self.page, PageState::Pending { .. });
        let enabled = expiry.is_ok() && !pending;
        let text = RichText::new(tr!("share-page-button")).strong();
        let button = if main {
            let (fill, color) = if enabled {
                (
                    ui.visuals().selection.bg_fill,
                    ui.visuals().selection.stroke.color,
                )
            } else {
                (
                    ui.visuals().widgets.inactive.weak_bg_fill,
                    ui.visuals().weak_text_color(),
                )
            };
            egui::Button::new(text.size(17.0).color(color))
                .fill(fill)
                .min_size(egui::vec2(0.0, 42.0))
        } else {
            egui::Button::new(text).min_size(egui::vec2(0.0, 32.0))
        };
        let hover = if files > 0 {
            tr!(
                "share-page-hover-files",
                files = tr!("files-count", count = files)
            )
        } else {
            tr!("share-page-hover-folder")
        };
        let response = ui
            .vertical_centered_justified(|ui| ui.add_enabled(enabled, button))
            .inner
            .on_hover_text(hover);
        let action = response.clicked().then_some(ShareAction::ShareAsPage);
        ui.label(RichText::new(tr!("share-page-kept")).small().weak());
        if let Err(why) = &expiry {
            ui.label(RichText::new(tr!("share-page-off", why = why)).weak());
        }
        match &self.page {
            PageState::Idle => {}
            PageState::Pending { .. } => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr!("share-page-making"));
                });
            }
            PageState::Ready { link, files } => {
                ui.add_space(6.0);
                let now = self.clock.now();
                let text = if has_ended(link.expires_at, now) {
                    RichText::new(page_ended_text(*files, link.expires_at))
                        .color(ui.visuals().warn_fg_color)
                } else {
                    RichText::new(page_copied_text(
                        *files,
                        &until_live(ui.ctx(), link.expires_at, now),
                    ))
                    .color(ok_color(ui))
                };
                ui.add(egui::Label::new(text.strong()).wrap());
                if link.expiry_reason == ExpiryReason::CredentialsSession {
                    ui.add(
                        egui::Label::new(
                            RichText::new(tr!("share-sooner")).color(ui.visuals().warn_fg_color),
                        )
                        .wrap(),
                    );
                }
                for warning in &link.warnings {
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!("⚠ {warning}")).color(ui.visuals().warn_fg_color),
                        )
                        .wrap(),
                    );
                }
                ui.horizontal(|ui| {
                    let label = ui.label(tr!("share-page-link"));
                    let mut url = link.url.as_str();
                    ui.add(egui::TextEdit::singleline(&mut url).desired_width(f32::INFINITY))
                        .labelled_by(label.id);
                });
            }
            PageState::Failed(message) => {
                let message = message.clone();
                error_label(ui, &message);
            }
        }
        action
    }

    fn details_ui(&self, ui: &mut Ui, row: &Row) {
        ui.add(egui::Label::new(RichText::new(row.shown_name()).heading()).wrap());
        let kind = match &self.link {
            LinkState::Ready { links, .. } => links[0]
                .info
                .as_ref()
                .and_then(|i| i.content_type.clone())
                .unwrap_or_else(|| guess_content_type(row.name())),
            _ => guess_content_type(row.name()),
        };
        let kind = kind.split(';').next().unwrap_or_default().to_owned();
        ui.label(RichText::new(format!("{} · {kind}", human_size(row.size))).weak());
        if let Some(modified) = row.modified {
            ui.label(RichText::new(tr!("share-modified", time = local_day_time(modified))).weak());
        }
    }

    fn expiry_ui(&mut self, ui: &mut Ui, settings: &mut ShareSettings) {
        ui.label(RichText::new(tr!("share-expiry-heading")).strong());
        ui.add_space(2.0);
        let before = settings.clone();
        ui.horizontal_wrapped(|ui| {
            for (choice, expiry) in ExpiryChoice::PRESETS {
                ui.selectable_value(
                    &mut settings.choice,
                    choice,
                    duration_exact(expiry.as_secs()),
                );
            }
            let custom = ui
                .selectable_value(
                    &mut settings.choice,
                    ExpiryChoice::Custom,
                    tr!("share-custom"),
                )
                .on_hover_text(tr!("share-custom-hover"));
            if custom.clicked() && before.choice != ExpiryChoice::Custom {
                // Start from the preset that was chosen, in its own unit.
                if let Some((_, e)) = ExpiryChoice::PRESETS
                    .iter()
                    .find(|(c, ..)| *c == before.choice)
                {
                    let unit = Unit::ALL
                        .into_iter()
                        .rev()
                        .find(|u| e.as_secs().is_multiple_of(u.secs()))
                        .unwrap_or(Unit::Minutes);
                    settings.custom_unit = unit;
                    settings.custom_amount = (e.as_secs() / unit.secs()).to_string();
                }
            }
        });
        if settings.choice == ExpiryChoice::Custom {
            ui.horizontal(|ui| {
                let label = ui.label(tr!("share-custom-length"));
                ui.add(
                    egui::TextEdit::singleline(&mut settings.custom_amount)
                        .desired_width(48.0)
                        .hint_text("3"),
                )
                .labelled_by(label.id);
                // "1 day", "3 days": the unit agrees with the number typed.
                let amount = settings.custom_amount.trim().parse::<u64>().unwrap_or(0);
                for unit in Unit::ALL {
                    ui.selectable_value(&mut settings.custom_unit, unit, unit.label(amount));
                }
            });
            match settings.expiry() {
                Ok(_) => {
                    ui.label(
                        RichText::new(tr!(
                            "share-max-length",
                            length =
                                duration_words(i64::try_from(MAX_EXPIRY_SECS).unwrap_or(i64::MAX))
                        ))
                        .small()
                        .weak(),
                    );
                }
                Err(why) => {
                    error_label(ui, &why);
                }
            }
        }
        if *settings != before {
            self.forget_links();
        }
    }

    /// Open in browser or download; `side_by_side`: the two choices on one line (the
    /// panel below the list, where height is scarce).
    fn mode_ui(&mut self, ui: &mut Ui, settings: &mut ShareSettings, side_by_side: bool) {
        ui.label(RichText::new(tr!("share-mode-heading")).strong());
        let before = (settings.download, self.save_as.clone());
        let radios = |ui: &mut Ui, download: &mut bool| {
            ui.radio_value(download, false, tr!("share-open-in-browser"))
                .on_hover_text(tr!("share-open-in-browser-hover"));
            ui.radio_value(download, true, tr!("share-download"));
        };
        if side_by_side {
            ui.horizontal_wrapped(|ui| radios(ui, &mut settings.download));
        } else {
            radios(ui, &mut settings.download);
        }
        if settings.download && self.several() {
            ui.horizontal(|ui| {
                ui.add_space(24.0);
                ui.label(RichText::new(tr!("share-each-own-name")).weak());
            });
        } else if settings.download {
            ui.horizontal(|ui| {
                ui.add_space(24.0);
                let label = ui.label(tr!("share-save-as"));
                ui.add(egui::TextEdit::singleline(&mut self.save_as).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
            });
            if let Err(why) = self.mode(settings) {
                error_label(ui, &why);
            }
        }
        if (settings.download, self.save_as.clone()) != before {
            self.forget_links();
        }
    }

    /// "Share a copy I can take back", and what it costs.
    fn take_back_ui(&mut self, ui: &mut Ui, rows: &[Row]) {
        let before = self.copy;
        ui.checkbox(&mut self.copy, tr!("share-take-back"))
            .on_hover_text(tr!("share-take-back-hover"));
        let bytes: u64 = rows.iter().map(|r| r.size).sum();
        ui.horizontal(|ui| {
            ui.add_space(24.0);
            ui.add(egui::Label::new(RichText::new(copy_cost_note(bytes)).small().weak()).wrap());
        });
        if self.copy != before {
            self.forget_links();
        }
    }

    fn copy_ui(
        &mut self,
        ui: &mut Ui,
        settings: &ShareSettings,
        credentials: Option<&CredentialsInfo>,
    ) -> Option<ShareAction> {
        let request = self.request(settings);
        let several = self.several();
        let pending = matches!(self.link, LinkState::Pending { .. });
        let enabled = request.is_ok() && !pending;
        let (fill, text) = if enabled {
            (
                ui.visuals().selection.bg_fill,
                ui.visuals().selection.stroke.color,
            )
        } else {
            (
                ui.visuals().widgets.inactive.weak_bg_fill,
                ui.visuals().weak_text_color(),
            )
        };
        let label = if several {
            tr!("share-copy-links")
        } else {
            tr!("share-copy-link")
        };
        let button = egui::Button::new(RichText::new(label).size(17.0).strong().color(text))
            .fill(fill)
            .min_size(egui::vec2(0.0, 42.0));
        let response = ui
            .vertical_centered_justified(|ui| ui.add_enabled(enabled, button))
            .inner
            .on_hover_text(if several {
                tr!("share-copy-links-hover")
            } else {
                tr!("share-copy-link-hover")
            });
        let mut action = response.clicked().then_some(ShareAction::CopyLink);
        ui.add_space(4.0);
        // Sized to their words (never wrapped inside a button); wraps as a row if narrow.
        ui.horizontal_wrapped(|ui| {
            let size = egui::vec2(0.0, 28.0);
            let email = ui
                .add_enabled(
                    enabled,
                    egui::Button::new(tr!("share-copy-for-email")).min_size(size),
                )
                .on_hover_text(tr!("share-copy-for-email-hover"));
            if email.clicked() {
                action = Some(ShareAction::CopyForEmail);
            }
            let mail = ui
                .add_enabled(
                    enabled,
                    egui::Button::new(tr!("share-email")).min_size(size),
                )
                .on_hover_text(tr!("share-email-hover"));
            if mail.clicked() {
                action = Some(ShareAction::Email);
            }
            if !several {
                let qr = ui
                    .add_enabled(enabled, egui::Button::new(tr!("share-qr")).min_size(size))
                    .on_hover_text(tr!("share-qr-hover"));
                if qr.clicked() {
                    action = Some(ShareAction::ShowQr);
                }
                let protect = ui
                    .add(egui::Button::new(tr!("share-password")).min_size(size))
                    .on_hover_text(tr!("share-password-hover"));
                if protect.clicked() {
                    action = Some(ShareAction::Protect);
                }
            }
        });
        if let Err(why) = &request {
            let response = response.on_disabled_hover_text(why.as_str());
            let _ = response;
            ui.label(RichText::new(tr!("share-copy-off", why = why)).weak());
        }
        if pending {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(if several {
                    tr!("share-making-links")
                } else {
                    tr!("share-making-link")
                });
            });
        }
        if let (Ok(request), Some(info)) = (&request, credentials)
            && let Some(end) = temporary_end(info, request.expiry, self.clock.now())
        {
            {
                let now = self.clock.now();
                let text = if has_ended(end, now) {
                    tr!("share-sign-in-ended", time = local_day_time(end))
                } else {
                    tr!(
                        "share-sign-in-temporary",
                        until = until_live(ui.ctx(), end, now)
                    )
                };
                ui.add(
                    egui::Label::new(RichText::new(text).color(ui.visuals().warn_fg_color)).wrap(),
                );
            }
        }
        if let LinkState::Failed { message, missing } = &self.link {
            let (message, missing) = (message.clone(), *missing);
            error_label(ui, &message);
            if missing && ui.button(tr!("share-refresh-folder")).clicked() {
                action = Some(ShareAction::RefreshFolder);
            }
        }
        action
    }

    fn result_ui(&mut self, ui: &mut Ui) -> Option<ShareAction> {
        let LinkState::Ready {
            links,
            deliver,
            note,
            ..
        } = &self.link
        else {
            return None;
        };
        let mut action = None;
        ui.add_space(10.0);
        let first = &links[0];
        // Counted down live: "(in 2 minutes)" becomes "(ended)" when the link ends.
        let now = self.clock.now();
        let ended = has_ended(first.expires_at, now);
        let until = if ended {
            String::new()
        } else {
            until_live(ui.ctx(), first.expires_at, now)
        };
        let headline = match (deliver, links.len()) {
            _ if ended => links_ended_text(links.len(), first.expires_at),
            (Deliver::Email, _) if self.mail.is_some() => tr!("share-made-mail", until = until),
            (Deliver::Email, _) if note.is_none() => {
                tr!("share-made-mail-opened", until = until)
            }
            (Deliver::Qr, _) => tr!("share-made-qr", until = until),
            (Deliver::ForEmail, _) => tr!("share-made-for-email", until = until),
            (_, 1) => tr!("share-made-one", until = until),
            (_, n) => tr!("share-made-many", count = n, until = until),
        };
        let color = if ended {
            ui.visuals().warn_fg_color
        } else {
            ok_color(ui)
        };
        ui.add(egui::Label::new(RichText::new(headline).color(color).strong()).wrap());
        if is_managed_key(&first.object.key) {
            ui.add(egui::Label::new(RichText::new(tr!("share-links-to-copy")).weak()).wrap());
        }
        if self.mail.is_some() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tr!("share-opening-mail"));
            });
        }
        if let Some(note) = note {
            ui.add(egui::Label::new(RichText::new(note).color(ui.visuals().warn_fg_color)).wrap());
        }
        if links
            .iter()
            .any(|l| l.expiry_reason == ExpiryReason::CredentialsSession)
        {
            ui.add(
                egui::Label::new(
                    RichText::new(tr!("share-sooner")).color(ui.visuals().warn_fg_color),
                )
                .wrap(),
            );
        }
        let mut said = Vec::new();
        for warning in links.iter().flat_map(|l| &l.warnings) {
            if !said.contains(warning) {
                said.push(*warning);
                ui.add(
                    egui::Label::new(
                        RichText::new(format!("⚠ {warning}")).color(ui.visuals().warn_fg_color),
                    )
                    .wrap(),
                );
            }
        }
        if let Some(long) = links.iter().find(|l| url_too_long_for_mail(&l.url)) {
            ui.add(
                egui::Label::new(
                    RichText::new(tr!(
                        "share-long-link",
                        length = long.url.len(),
                        max = MAX_MAIL_LINE
                    ))
                    .color(ui.visuals().warn_fg_color),
                )
                .wrap(),
            );
        }
        if links.len() > 1 {
            for link in links {
                ui.horizontal(|ui| {
                    // At most 40 % of the row, shortened with "…" (whole on hover): a long
                    // name must not widen the panel and move Copy link.
                    let label = ui
                        .scope(|ui| {
                            ui.set_max_width(ui.available_width() * 0.4);
                            ui.add(egui::Label::new(visible(link.object.file_name())).truncate())
                        })
                        .inner;
                    let mut url = link.url.as_str();
                    ui.add(egui::TextEdit::singleline(&mut url).desired_width(f32::INFINITY))
                        .labelled_by(label.id);
                });
            }
            return None;
        }
        ui.horizontal(|ui| {
            let label = ui.label(tr!("share-link"));
            let mut url = first.url.as_str();
            ui.add(egui::TextEdit::singleline(&mut url).desired_width(f32::INFINITY))
                .labelled_by(label.id);
        });
        ui.horizontal_wrapped(|ui| {
            let testing = matches!(self.test, TestState::Pending { .. });
            if ui
                .add_enabled(!testing, egui::Button::new(tr!("share-test-link")))
                .on_hover_text(tr!("share-test-link-hover"))
                .clicked()
            {
                action = Some(ShareAction::TestLink);
            }
            match &self.test {
                TestState::Idle => {}
                TestState::Pending { .. } => {
                    ui.spinner();
                }
                TestState::Done(LinkCheck::Works) => {
                    ui.label(RichText::new(tr!("share-test-works")).color(ok_color(ui)));
                }
                TestState::Done(LinkCheck::Fails(why)) => {
                    error_label(ui, why);
                }
            }
        });
        action
    }

    /// The QR code window, while open.
    fn qr_window(&mut self, ctx: &egui::Context) {
        let Some(qr) = &mut self.qr else {
            return;
        };
        if qr.texture.is_none() && qr.error.is_none() {
            match qr_image(&qr.url) {
                Ok(image) => {
                    qr.texture =
                        Some(ctx.load_texture("s3share-qr", image, egui::TextureOptions::NEAREST));
                }
                Err(why) => qr.error = Some(why),
            }
        }
        let mut open = true;
        egui::Window::new(tr!("share-qr"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(300.0)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .show(ctx, |ui| {
                ui.label(RichText::new(&qr.name).strong());
                ui.add_space(4.0);
                if let Some(texture) = &qr.texture {
                    // Smaller in a low window, so the words below it (longer in German or
                    // French) stay in view above a toast.
                    let side = (ctx.content_rect().height() - 380.0).clamp(200.0, 280.0);
                    ui.add(
                        egui::Image::new((texture.id(), egui::vec2(side, side)))
                            .alt_text(tr!("share-qr-alt", name = qr.name.as_str())),
                    );
                    ui.add(egui::Label::new(RichText::new(tr!("share-qr-point")).weak()).wrap());
                }
                if let Some(warning) = &qr.phone_warning {
                    ui.add(
                        egui::Label::new(RichText::new(warning).color(ui.visuals().warn_fg_color))
                            .wrap(),
                    );
                }
                if let Some(why) = &qr.error {
                    error_label(ui, why);
                }
            });
        if !open {
            self.qr = None;
        }
    }
}

/// "3 files selected", their names, and how much that is.
fn several_ui(ui: &mut Ui, rows: &[Row]) {
    ui.label(RichText::new(tr!("share-several-selected", count = rows.len())).heading());
    let total: u64 = rows.iter().map(|r| r.size).sum();
    ui.label(RichText::new(tr!("share-several-total", size = human_size(total))).weak());
    ui.add_space(4.0);
    const SHOWN: usize = 6;
    for row in rows.iter().take(SHOWN) {
        ui.add(
            egui::Label::new(RichText::new(format!("{} {}", row.icon(), row.shown_name())).weak())
                .truncate(),
        );
    }
    if rows.len() > SHOWN {
        ui.label(RichText::new(tr!("share-several-more", count = rows.len() - SHOWN)).weak());
    }
}

/// Two columns side by side (the panel below the list), a gutter between them.
fn columns<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui, &mut Ui) -> R) -> R {
    ui.scope(|ui| {
        let item = ui.spacing().item_spacing.x;
        ui.spacing_mut().item_spacing.x = 24.0;
        ui.columns_const(|[left, right]: &mut [Ui; 2]| {
            left.spacing_mut().item_spacing.x = item;
            right.spacing_mut().item_spacing.x = item;
            add(left, right)
        })
    })
    .inner
}
