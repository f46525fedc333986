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
use s3share_core::format::{duration_words, human_size, local_day_time};
use s3share_core::link_check::LinkCheck;
use s3share_core::managed::is_managed_key;
use s3share_core::message::{MAX_MAIL_LINE, url_too_long_for_mail};
use s3share_core::take_back::copy_cost_note;
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
                ui.label(
                    RichText::new("Select a file to share it.")
                        .size(15.0)
                        .weak(),
                );
                ui.add_space(6.0);
                ui.label(
                    RichText::new("Then pick how long the link works and click Copy link.").weak(),
                );
                ui.add_space(6.0);
                ui.label(
                    RichText::new("Ctrl-click or Shift-click to share several files at once.")
                        .small()
                        .weak(),
                );
            });
        };
        let Some(folder) = folder else {
            hint(ui);
            return None;
        };
        let mut page = |ui: &mut Ui| {
            ui.add(
                egui::Label::new(
                    RichText::new(format!(
                        "Or share everything in “{}” as one link",
                        folder.shown_name()
                    ))
                    .strong(),
                )
                .wrap(),
            );
            ui.label(RichText::new("Every file in it and in its folders, on one page.").weak());
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
            ui.label(
                RichText::new("Folder · share every file in it, and in its folders, as one link")
                    .weak(),
            );
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
        let text = RichText::new("Share as one link").strong();
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
            format!(
                "Copies one link to a page listing the {}, each with its own \
                 download link; the page and its links work for the time chosen above",
                s3share_core::format::counted(files, "file", "files")
            )
        } else {
            "Copies one link to a page listing every file in this folder and its folders, each \
             with its own download link; the page and its links work for the time chosen above"
                .to_owned()
        };
        let response = ui
            .vertical_centered_justified(|ui| ui.add_enabled(enabled, button))
            .inner
            .on_hover_text(hover);
        let action = response.clicked().then_some(ShareAction::ShareAsPage);
        ui.label(
            RichText::new(
                "The page is kept in the bucket (in .s3share/) until its links end, then removed.",
            )
            .small()
            .weak(),
        );
        if let Err(why) = &expiry {
            ui.label(RichText::new(format!("Share as one link is off: {why}")).weak());
        }
        match &self.page {
            PageState::Idle => {}
            PageState::Pending { .. } => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Making the page…");
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
                            RichText::new(
                                "Sooner than you asked: the temporary sign-in that signed it ends then.",
                            )
                            .color(ui.visuals().warn_fg_color),
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
                    let label = ui.label("Page link");
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
            ui.label(RichText::new(format!("Modified {}", local_day_time(modified))).weak());
        }
    }

    fn expiry_ui(&mut self, ui: &mut Ui, settings: &mut ShareSettings) {
        ui.label(RichText::new("Link works for").strong());
        ui.add_space(2.0);
        let before = settings.clone();
        ui.horizontal_wrapped(|ui| {
            for (choice, _, label) in ExpiryChoice::PRESETS {
                ui.selectable_value(&mut settings.choice, choice, label);
            }
            let custom = ui
                .selectable_value(&mut settings.choice, ExpiryChoice::Custom, "Custom…")
                .on_hover_text("Any length from 1 second to 7 days");
            if custom.clicked() && before.choice != ExpiryChoice::Custom {
                // Start from the preset that was chosen, in its own unit.
                if let Some((_, e, _)) = ExpiryChoice::PRESETS
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
                let label = ui.label("Custom length");
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
                        RichText::new(format!(
                            "Links can work for at most {} (a limit of S3 signatures).",
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
        ui.label(RichText::new("When the link is opened").strong());
        let before = (settings.download, self.save_as.clone());
        let radios = |ui: &mut Ui, download: &mut bool| {
            ui.radio_value(download, false, "Open in browser")
                .on_hover_text("Pictures, PDFs and text show in the browser; other files download");
            ui.radio_value(download, true, "Download");
        };
        if side_by_side {
            ui.horizontal_wrapped(|ui| radios(ui, &mut settings.download));
        } else {
            radios(ui, &mut settings.download);
        }
        if settings.download && self.several() {
            ui.horizontal(|ui| {
                ui.add_space(24.0);
                ui.label(RichText::new("Each file downloads under its own name.").weak());
            });
        } else if settings.download {
            ui.horizontal(|ui| {
                ui.add_space(24.0);
                let label = ui.label("Save as");
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
        ui.checkbox(&mut self.copy, "Share a copy I can take back")
            .on_hover_text(
                "A plain link cannot be taken back. With this, the file is copied inside the \
                 bucket (into .s3share/shares/ beside it) and the copy is shared: \
                 \"Stop sharing\" in History deletes it and the link stops working at once. \
                 The copy is removed when the link ends.",
            );
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
        let label = if several { "Copy links" } else { "Copy link" };
        let button = egui::Button::new(RichText::new(label).size(17.0).strong().color(text))
            .fill(fill)
            .min_size(egui::vec2(0.0, 42.0));
        let response = ui
            .vertical_centered_justified(|ui| ui.add_enabled(enabled, button))
            .inner
            .on_hover_text(if several {
                "Copies a link for each file, one per line, that works for the time chosen above (Ctrl+Shift+C)"
            } else {
                "Copies a link that works for the time chosen above (Ctrl+Shift+C)"
            });
        let mut action = response.clicked().then_some(ShareAction::CopyLink);
        ui.add_space(4.0);
        // Sized to their words (never wrapped inside a button); wraps as a row if narrow.
        ui.horizontal_wrapped(|ui| {
            let size = egui::vec2(0.0, 28.0);
            let email = ui
                .add_enabled(
                    enabled,
                    egui::Button::new("✉ Copy for email").min_size(size),
                )
                .on_hover_text(
                    "Copies a ready-to-paste message: the file name as a clickable link, its size \
                     and until when it works (plain text too, for plain editors)",
                );
            if email.clicked() {
                action = Some(ShareAction::CopyForEmail);
            }
            let mail = ui
                .add_enabled(enabled, egui::Button::new("Email…").min_size(size))
                .on_hover_text("Starts a new message in your mail program, with the link in it");
            if mail.clicked() {
                action = Some(ShareAction::Email);
            }
            if !several {
                let qr = ui
                    .add_enabled(enabled, egui::Button::new("QR code").min_size(size))
                    .on_hover_text("Shows the link as a QR code, to open it on a phone");
                if qr.clicked() {
                    action = Some(ShareAction::ShowQr);
                }
                let protect = ui
                    .add(egui::Button::new("With a password…").min_size(size))
                    .on_hover_text(
                        "Encrypts the file here and shares a page that opens it only with a \
                         password you choose",
                    );
                if protect.clicked() {
                    action = Some(ShareAction::Protect);
                }
            }
        });
        if let Err(why) = &request {
            let response = response.on_disabled_hover_text(why.as_str());
            let _ = response;
            ui.label(RichText::new(format!("Copy link is off: {why}")).weak());
        }
        if pending {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(if several {
                    "Making the links…"
                } else {
                    "Making the link…"
                });
            });
        }
        if let (Ok(request), Some(info)) = (&request, credentials)
            && let Some(end) = temporary_end(info, request.expiry, self.clock.now())
        {
            {
                let now = self.clock.now();
                let text = if has_ended(end, now) {
                    format!(
                        "Your temporary sign-in ended at {}: links made with it no longer work.",
                        local_day_time(end)
                    )
                } else {
                    format!(
                        "These keys are temporary: links stop working when your sign-in ends, on {}.",
                        until_live(ui.ctx(), end, now)
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
            if missing && ui.button("Refresh folder").clicked() {
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
            (Deliver::Email, _) if self.mail.is_some() => {
                format!("✔ Link made — works until {until}")
            }
            (Deliver::Email, _) if note.is_none() => {
                format!("✔ Opened in your mail program — works until {until}")
            }
            (Deliver::Qr, _) => format!("✔ QR code ready — works until {until}"),
            (Deliver::ForEmail, _) => {
                format!("✔ Copied for email — paste it into a message. Works until {until}")
            }
            (_, 1) => format!("✔ Copied — works until {until}"),
            (_, n) => format!(
                "✔ {} copied — they work until {until}",
                s3share_core::format::counted(n, "link", "links")
            ),
        };
        let color = if ended {
            ui.visuals().warn_fg_color
        } else {
            ok_color(ui)
        };
        ui.add(egui::Label::new(RichText::new(headline).color(color).strong()).wrap());
        if is_managed_key(&first.object.key) {
            ui.add(
                egui::Label::new(
                    RichText::new(
                        "It links to a copy: History → Stop sharing deletes it, and the link stops working at once.",
                    )
                    .weak(),
                )
                .wrap(),
            );
        }
        if self.mail.is_some() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Opening your mail program…");
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
                    RichText::new(
                        "Sooner than you asked: the temporary sign-in that signed it ends then.",
                    )
                    .color(ui.visuals().warn_fg_color),
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
                    RichText::new(format!(
                        "⚠ This link is {} characters long. Some mail systems break lines longer \
                         than {MAX_MAIL_LINE} characters, so it may arrive broken: test it from \
                         the message you send. Temporary sign-ins make links this long; a \
                         connection with permanent access keys gives short links.",
                        long.url.len()
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
            let label = ui.label("Link");
            let mut url = first.url.as_str();
            ui.add(egui::TextEdit::singleline(&mut url).desired_width(f32::INFINITY))
                .labelled_by(label.id);
        });
        ui.horizontal_wrapped(|ui| {
            let testing = matches!(self.test, TestState::Pending { .. });
            if ui
                .add_enabled(!testing, egui::Button::new("Test link"))
                .on_hover_text("Opens the link the way the recipient's browser will")
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
                    ui.label(RichText::new("✔ works").color(ok_color(ui)));
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
        egui::Window::new("QR code")
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
                    let side = 280.0;
                    ui.add(
                        egui::Image::new((texture.id(), egui::vec2(side, side)))
                            .alt_text(format!("QR code of the link to {}", qr.name)),
                    );
                    ui.add(
                        egui::Label::new(
                            RichText::new("Point a phone's camera at it to open the link.").weak(),
                        )
                        .wrap(),
                    );
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
    let files = s3share_core::format::counted(rows.len(), "file", "files");
    ui.label(RichText::new(format!("{files} selected")).heading());
    let total: u64 = rows.iter().map(|r| r.size).sum();
    ui.label(
        RichText::new(format!(
            "{} in all · one message with a link for each",
            human_size(total)
        ))
        .weak(),
    );
    ui.add_space(4.0);
    const SHOWN: usize = 6;
    for row in rows.iter().take(SHOWN) {
        ui.add(
            egui::Label::new(RichText::new(format!("{} {}", row.icon(), row.shown_name())).weak())
                .truncate(),
        );
    }
    if rows.len() > SHOWN {
        ui.label(RichText::new(format!("and {} more", rows.len() - SHOWN)).weak());
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
