//! The right-hand panel: what the selected file is, how long the link works, whether it
//! opens or downloads, and the big Copy link button.

use crate::bus::RequestId;
use std::time::Instant;

use chrono::{DateTime, Utc};
use egui::{RichText, Ui};

use super::browser::Row;
use super::widgets::{Toast, duration_words, error_label, local_day_time, ok_color};
use s3share_core::credentials::CredentialsInfo;
use s3share_core::disposition::{guess_content_type, sanitize_file_name};
use s3share_core::expiry::MAX_EXPIRY_SECS;
use s3share_core::format::human_size;
use s3share_core::link_check::LinkCheck;
use s3share_core::message::{MAX_MAIL_LINE, url_too_long_for_mail};
use s3share_core::visible::visible;
use s3share_core::{Error, Expiry, ExpiryReason, LinkMode, S3Location, ShareLink, ShareRequest};

/// The lifetime presets, and Custom.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ExpiryChoice {
    FifteenMinutes,
    #[default]
    OneHour,
    OneDay,
    SevenDays,
    Custom,
}

impl ExpiryChoice {
    pub const PRESETS: [(ExpiryChoice, Expiry, &'static str); 4] = [
        (
            ExpiryChoice::FifteenMinutes,
            Expiry::FIFTEEN_MINUTES,
            "15 minutes",
        ),
        (ExpiryChoice::OneHour, Expiry::ONE_HOUR, "1 hour"),
        (ExpiryChoice::OneDay, Expiry::ONE_DAY, "1 day"),
        (ExpiryChoice::SevenDays, Expiry::SEVEN_DAYS, "7 days"),
    ];
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Unit {
    Minutes,
    #[default]
    Hours,
    Days,
}

impl Unit {
    const ALL: [Unit; 3] = [Unit::Minutes, Unit::Hours, Unit::Days];

    fn secs(self) -> u64 {
        match self {
            Unit::Minutes => 60,
            Unit::Hours => 3600,
            Unit::Days => 86_400,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Unit::Minutes => "minutes",
            Unit::Hours => "hours",
            Unit::Days => "days",
        }
    }
}

/// The choices the window remembers between runs.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ShareSettings {
    pub choice: ExpiryChoice,
    pub custom_amount: String,
    pub custom_unit: Unit,
    pub download: bool,
}

impl Default for ShareSettings {
    fn default() -> Self {
        Self {
            choice: ExpiryChoice::default(),
            custom_amount: "2".to_owned(),
            custom_unit: Unit::Hours,
            download: false,
        }
    }
}

impl ShareSettings {
    /// The chosen lifetime, or why it cannot be used (in words).
    pub fn expiry(&self) -> Result<Expiry, String> {
        if let Some((_, expiry, _)) = ExpiryChoice::PRESETS
            .iter()
            .find(|(c, ..)| *c == self.choice)
        {
            return Ok(*expiry);
        }
        let text = self.custom_amount.trim();
        if text.is_empty() {
            return Err("Type how long the link should work, for example 3 days.".to_owned());
        }
        let amount: u64 = text.parse().map_err(|_| {
            format!("“{text}” is not a whole number. Type for example 3 and pick days.")
        })?;
        Expiry::from_secs(amount.saturating_mul(self.custom_unit.secs())).map_err(|e| plain(&e))
    }
}

/// An error's message without the field name, as a sentence.
fn plain(error: &Error) -> String {
    let text = match error {
        Error::InvalidInput { reason, .. } => reason.clone(),
        other => other.to_string(),
    };
    let mut chars = text.chars();
    let sentence = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect::<String>())
        .unwrap_or_default();
    if sentence.ends_with('.') {
        sentence
    } else {
        format!("{sentence}.")
    }
}

/// What to do with links once they are made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deliver {
    /// The URL (one file) or a plain list (several) on the clipboard.
    Link,
    /// HTML with a plain-text alternative on the clipboard.
    ForEmail,
    /// A new message in the default mail program (`mailto:`).
    Email,
    /// A QR code on screen.
    Qr,
}

/// The link(s) for the selected file(s), as far as they got.
#[derive(Clone, Debug)]
pub enum LinkState {
    Idle,
    Pending {
        request: RequestId,
        deliver: Deliver,
    },
    Ready {
        links: Vec<ShareLink>,
        deliver: Deliver,
        /// Something the user should know about how it was delivered.
        note: Option<String>,
        /// When they arrived, on this computer's monotonic clock (their `created_at` is
        /// the storage service's time, which may differ from this computer's).
        made_at: Instant,
    },
    /// `missing`: the file is gone, so refreshing the folder is the next step.
    Failed {
        message: String,
        missing: bool,
    },
}

#[derive(Clone, Debug)]
pub enum TestState {
    Idle,
    Pending { request: RequestId },
    Done(LinkCheck),
}

/// What a click in the panel asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareAction {
    CopyLink,
    CopyForEmail,
    Email,
    ShowQr,
    TestLink,
    RefreshFolder,
}

/// The QR code window.
pub struct QrView {
    pub name: String,
    pub url: String,
    texture: Option<egui::TextureHandle>,
    error: Option<String>,
}

impl std::fmt::Debug for QrView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QrView")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// How recent links may be handed out again (Copy for email right after Copy link) rather
/// than signing new ones.
const REUSE_SECS: u64 = 300;

#[derive(Debug)]
pub struct SharePanel {
    pub settings: ShareSettings,
    /// The download name, prefilled with the file's own name (one file only).
    pub save_as: String,
    /// The (first) file `save_as` and `link` belong to.
    pub for_key: Option<S3Location>,
    /// The other files when several are selected.
    pub more: Vec<S3Location>,
    pub link: LinkState,
    pub test: TestState,
    pub qr: Option<QrView>,
}

impl SharePanel {
    pub fn new(settings: ShareSettings) -> Self {
        Self {
            settings,
            save_as: String::new(),
            for_key: None,
            more: Vec::new(),
            link: LinkState::Idle,
            test: TestState::Idle,
            qr: None,
        }
    }

    /// Follows the selection: a new file starts fresh, with its own name to save as.
    pub fn select(&mut self, object: Option<S3Location>) {
        self.select_many(object.into_iter().collect());
    }

    /// Follows a selection of any number of files.
    pub fn select_many(&mut self, mut objects: Vec<S3Location>) {
        let first = (!objects.is_empty()).then(|| objects.remove(0));
        if self.for_key == first && self.more == objects {
            return;
        }
        // A name with control or bidi characters shows them (`\u{202E}`), so the download
        // name cannot hide them either.
        self.save_as = first
            .as_ref()
            .map(|o| visible(o.file_name()).into_owned())
            .unwrap_or_default();
        self.for_key = first;
        self.more = objects;
        self.link = LinkState::Idle;
        self.test = TestState::Idle;
        self.qr = None;
    }

    /// Every selected file.
    pub fn objects(&self) -> Vec<S3Location> {
        self.for_key
            .iter()
            .chain(self.more.iter())
            .cloned()
            .collect()
    }

    fn several(&self) -> bool {
        !self.more.is_empty()
    }

    fn mode(&self) -> Result<LinkMode, String> {
        if !self.settings.download {
            return Ok(LinkMode::Inline);
        }
        if self.several() {
            // Each file downloads under its own name.
            return Ok(LinkMode::Attachment { filename: None });
        }
        let name = sanitize_file_name(&self.save_as).map_err(|e| plain(&e))?;
        Ok(LinkMode::Attachment {
            filename: Some(name),
        })
    }

    /// The request the current choices make (first file), or why Copy link is not possible.
    pub fn request(&self) -> Result<ShareRequest, String> {
        self.requests()?
            .into_iter()
            .next()
            .ok_or_else(|| "Select a file first.".to_owned())
    }

    /// One request per selected file, same expiry and mode.
    pub fn requests(&self) -> Result<Vec<ShareRequest>, String> {
        let objects = self.objects();
        if objects.is_empty() {
            return Err("Select a file first.".to_owned());
        }
        let expiry = self.settings.expiry()?;
        let mode = self.mode()?;
        Ok(objects
            .into_iter()
            .map(|object| ShareRequest {
                object,
                expiry,
                mode: mode.clone(),
                check_exists: true,
            })
            .collect())
    }

    /// Links already made for exactly this selection and these settings, recent enough
    /// to hand out again.
    pub fn reusable_links(&self) -> Option<(Vec<ShareLink>, Instant)> {
        let LinkState::Ready { links, made_at, .. } = &self.link else {
            return None;
        };
        let fresh = made_at.elapsed().as_secs() < REUSE_SECS;
        fresh.then(|| (links.clone(), *made_at))
    }

    /// Opens the QR code window for `link`.
    pub fn show_qr(&mut self, link: &ShareLink) {
        self.qr = Some(QrView {
            name: link.object.file_name().to_owned(),
            url: link.url.clone(),
            texture: None,
            error: None,
        });
    }

    /// The whole panel for `rows`, the selected files (none: nothing or a folder selected).
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        rows: &[Row],
        credentials: Option<&CredentialsInfo>,
    ) -> Option<ShareAction> {
        self.qr_window(ui.ctx());
        if rows.is_empty() {
            ui.add_space(40.0);
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
            return None;
        }
        let mut action = None;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.add_space(8.0);
                if let [row] = rows {
                    self.details_ui(ui, row);
                } else {
                    several_ui(ui, rows);
                }
                ui.add_space(10.0);
                ui.separator();
                self.expiry_ui(ui);
                ui.add_space(10.0);
                self.mode_ui(ui);
                ui.add_space(14.0);
                action = self.copy_ui(ui, credentials);
                if let Some(a) = self.result_ui(ui) {
                    action = Some(a);
                }
            });
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

    fn expiry_ui(&mut self, ui: &mut Ui) {
        ui.label(RichText::new("Link works for").strong());
        ui.add_space(2.0);
        let before = self.settings.clone();
        ui.horizontal_wrapped(|ui| {
            for (choice, _, label) in ExpiryChoice::PRESETS {
                ui.selectable_value(&mut self.settings.choice, choice, label);
            }
            let custom = ui
                .selectable_value(&mut self.settings.choice, ExpiryChoice::Custom, "Custom…")
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
                    self.settings.custom_unit = unit;
                    self.settings.custom_amount = (e.as_secs() / unit.secs()).to_string();
                }
            }
        });
        if self.settings.choice == ExpiryChoice::Custom {
            ui.horizontal(|ui| {
                let label = ui.label("Custom length");
                ui.add(
                    egui::TextEdit::singleline(&mut self.settings.custom_amount)
                        .desired_width(48.0)
                        .hint_text("3"),
                )
                .labelled_by(label.id);
                for unit in Unit::ALL {
                    ui.selectable_value(&mut self.settings.custom_unit, unit, unit.label());
                }
            });
            match self.settings.expiry() {
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
        if self.settings != before {
            self.link = LinkState::Idle;
            self.test = TestState::Idle;
            self.qr = None;
        }
    }

    fn mode_ui(&mut self, ui: &mut Ui) {
        ui.label(RichText::new("When the link is opened").strong());
        let before = (self.settings.download, self.save_as.clone());
        ui.radio_value(&mut self.settings.download, false, "Open in browser")
            .on_hover_text("Pictures, PDFs and text show in the browser; other files download");
        ui.radio_value(&mut self.settings.download, true, "Download");
        if self.settings.download && self.several() {
            ui.horizontal(|ui| {
                ui.add_space(24.0);
                ui.label(RichText::new("Each file downloads under its own name.").weak());
            });
        } else if self.settings.download {
            ui.horizontal(|ui| {
                ui.add_space(24.0);
                let label = ui.label("Save as");
                ui.add(egui::TextEdit::singleline(&mut self.save_as).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
            });
            if let Err(why) = self.mode() {
                error_label(ui, &why);
            }
        }
        if (self.settings.download, self.save_as.clone()) != before {
            self.link = LinkState::Idle;
            self.test = TestState::Idle;
            self.qr = None;
        }
    }

    fn copy_ui(
        &mut self,
        ui: &mut Ui,
        credentials: Option<&CredentialsInfo>,
    ) -> Option<ShareAction> {
        let request = self.request();
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
            && let Some(end) = temporary_end(info, request.expiry)
        {
            {
                ui.add(
                    egui::Label::new(
                        RichText::new(format!(
                            "These keys are temporary: links stop working when your sign-in ends, {} (in {}).",
                            local_day_time(end),
                            duration_words((end - Utc::now()).num_seconds())
                        ))
                        .color(ui.visuals().warn_fg_color),
                    )
                    .wrap(),
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
        let headline = match (deliver, links.len()) {
            (Deliver::Email, _) if note.is_none() => {
                format!(
                    "✔ Opened in your mail program — works until {}",
                    until_text(first)
                )
            }
            (Deliver::Qr, _) => format!("✔ QR code ready — works until {}", until_text(first)),
            (Deliver::ForEmail, _) => format!(
                "✔ Copied for email — paste it into a message. Works until {}",
                until_text(first)
            ),
            (_, 1) => format!("✔ Copied — works until {}", until_text(first)),
            (_, n) => format!("✔ {n} links copied — they work until {}", until_text(first)),
        };
        ui.add(egui::Label::new(RichText::new(headline).color(ok_color(ui)).strong()).wrap());
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
                    let label = ui.label(visible(link.object.file_name()));
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
                if let Some(why) = &qr.error {
                    error_label(ui, why);
                }
            });
        if !open {
            self.qr = None;
        }
    }
}

/// Dark modules on white with a four-module quiet zone, one pixel per module (drawn
/// scaled up without smoothing).
pub fn qr_image(url: &str) -> Result<egui::ColorImage, String> {
    let code =
        qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::L).map_err(|_| {
            format!(
                "This link is too long for a QR code ({} characters). Send it by email instead.",
                url.len()
            )
        })?;
    let width = code.width();
    let quiet = 4;
    let side = width + 2 * quiet;
    let mut pixels = vec![egui::Color32::WHITE; side * side];
    for (i, color) in code.to_colors().into_iter().enumerate() {
        if color == qrcode::Color::Dark {
            let (x, y) = (i % width + quiet, i / width + quiet);
            pixels[y * side + x] = egui::Color32::BLACK;
        }
    }
    Ok(egui::ColorImage::new([side, side], pixels))
}

/// "3 files selected", their names, and how much that is.
fn several_ui(ui: &mut Ui, rows: &[Row]) {
    ui.label(RichText::new(format!("{} files selected", rows.len())).heading());
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

/// When temporary keys end before a link of `expiry` would: that moment.
pub fn temporary_end(info: &CredentialsInfo, expiry: Expiry) -> Option<DateTime<Utc>> {
    let end = info.expires_at.filter(|_| info.temporary)?;
    let wanted = Utc::now() + chrono::Duration::seconds(i64::try_from(expiry.as_secs()).ok()?);
    (end < wanted).then_some(end)
}

/// "Link copied — works until Fri 28 Nov 14:03 (in 7 days)"
pub fn copied_text(link: &ShareLink) -> String {
    format!("Link copied — works until {}", until_text(link))
}

/// "Fri 28 Nov 14:03 (in 7 days)", local time.
fn until_text(link: &ShareLink) -> String {
    format!(
        "{} (in {})",
        local_day_time(link.expires_at),
        duration_words((link.expires_at - link.created_at).num_seconds())
    )
}

/// What the window does with share-panel clicks and the links that come back.
impl super::App {
    pub(super) fn share_action(&mut self, ctx: &egui::Context, action: ShareAction) {
        let deliver = match action {
            ShareAction::CopyLink => Deliver::Link,
            ShareAction::CopyForEmail => Deliver::ForEmail,
            ShareAction::Email => Deliver::Email,
            ShareAction::ShowQr => Deliver::Qr,
            ShareAction::TestLink => {
                if let LinkState::Ready { links, .. } = &self.share.link
                    && let [link] = links.as_slice()
                {
                    let url = link.url.clone();
                    let request = RequestId::new();
                    self.share.test = TestState::Pending { request };
                    self.backend.send(crate::bus::Command::TestLink {
                        request,
                        url: crate::bus::LinkUrl(url),
                    });
                }
                return;
            }
            ShareAction::RefreshFolder => {
                self.refresh();
                return;
            }
        };
        // Copy link always signs anew; the others hand out what was just made, if anything.
        if deliver != Deliver::Link
            && let Some((links, made_at)) = self.share.reusable_links()
        {
            let note = self.deliver(ctx, &links, deliver);
            self.share.link = LinkState::Ready {
                links,
                deliver,
                note,
                made_at,
            };
            return;
        }
        match self.share.requests() {
            Ok(requests) => {
                let request = RequestId::new();
                self.share.link = LinkState::Pending { request, deliver };
                self.share.test = TestState::Idle;
                if !self
                    .backend
                    .send(crate::bus::Command::MakeLinks { request, requests })
                {
                    self.share.link = LinkState::Failed {
                        message: "The window is too busy; try again.".to_owned(),
                        missing: false,
                    };
                }
            }
            Err(why) => self.toast = Some(Toast::new(ctx, why, false)),
        }
    }

    /// New links from the backend: for the share panel or for the history view.
    pub(super) fn links_ready(
        &mut self,
        ctx: &egui::Context,
        request: RequestId,
        result: s3share_core::Result<(Vec<ShareLink>, String)>,
    ) {
        if self.history.remaking == Some(request) {
            self.history.remaking = None;
            match result {
                Ok((links, connection)) => {
                    self.record_links(&connection, &links);
                    if let Some(link) = links.first() {
                        self.clipboard.copy(ctx, link.url.clone());
                        self.toast = Some(Toast::new(ctx, copied_text(link), true));
                    }
                }
                Err(error) => self.toast = Some(Toast::new(ctx, error.to_string(), false)),
            }
            return;
        }
        let LinkState::Pending {
            request: pending,
            deliver,
        } = self.share.link
        else {
            return;
        };
        if pending != request {
            return; // the user moved on; do not surprise them with a copy
        }
        match result {
            Ok((links, connection)) => {
                self.record_links(&connection, &links);
                let note = self.deliver(ctx, &links, deliver);
                self.share.link = LinkState::Ready {
                    links,
                    deliver,
                    note,
                    made_at: Instant::now(),
                };
            }
            Err(error) => {
                self.share.link = LinkState::Failed {
                    missing: matches!(error, Error::NoSuchKey { .. }),
                    message: error.to_string(),
                };
            }
        }
    }

    /// Hands the links over; returns a note when it went differently than asked.
    fn deliver(
        &mut self,
        ctx: &egui::Context,
        links: &[ShareLink],
        deliver: Deliver,
    ) -> Option<String> {
        let copy_for_email = |app: &mut Self| {
            let html = s3share_core::message::html(links);
            let text = s3share_core::message::plain_text(links);
            app.clipboard.copy_html(ctx, html, text)
        };
        match deliver {
            Deliver::Link => {
                let text = match links {
                    [one] => one.url.clone(),
                    many => s3share_core::message::plain_text(many),
                };
                self.clipboard.copy(ctx, text);
                let toast = match links {
                    [one] => copied_text(one),
                    many => format!("{} links copied, one message", many.len()),
                };
                self.toast = Some(Toast::new(ctx, toast, true));
                None
            }
            Deliver::ForEmail => {
                let rich = copy_for_email(self);
                self.toast = Some(Toast::new(
                    ctx,
                    "Copied for email — paste it into a message",
                    true,
                ));
                (!rich).then(|| {
                    "Copied as plain text only: this desktop's clipboard did not take the formatted version."
                        .to_owned()
                })
            }
            Deliver::Email => match s3share_core::message::mailto(links) {
                // Moved to the backend by the share-panel split (issue 11).
                #[allow(clippy::disallowed_methods)]
                Some(mailto) => match open::that_detached(&mailto) {
                    Ok(()) => None,
                    Err(e) => {
                        // The error text of `open` repeats the whole mailto: link (the
                        // message, working links included): log only its kind.
                        tracing::warn!(error = ?e.kind(), "no mail program opened");
                        copy_for_email(self);
                        Some(
                            "No mail program opened, so the message is on the clipboard instead: \
                             start a new email and paste it."
                                .to_owned(),
                        )
                    }
                },
                None => {
                    copy_for_email(self);
                    Some(format!(
                        "The message is too long to hand to a mail program directly (they take \
                         about {} characters), so it is on the clipboard instead: start a new \
                         email and paste it.",
                        s3share_core::message::MAX_MAILTO_LEN
                    ))
                }
            },
            Deliver::Qr => {
                if let Some(link) = links.first() {
                    self.share.show_qr(link);
                }
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn custom(amount: &str, unit: Unit) -> ShareSettings {
        ShareSettings {
            choice: ExpiryChoice::Custom,
            custom_amount: amount.to_owned(),
            custom_unit: unit,
            download: false,
        }
    }

    #[test]
    fn custom_expiry_is_validated_in_words() {
        assert_eq!(
            custom("3", Unit::Days).expiry().unwrap().as_secs(),
            3 * 86_400
        );
        assert!(
            custom("0", Unit::Minutes)
                .expiry()
                .unwrap_err()
                .contains("at least 1 second")
        );
        let long = custom("8", Unit::Days).expiry().unwrap_err();
        assert!(long.contains("longer than 7 days"), "{long}");
        assert!(custom("", Unit::Days).expiry().is_err());
        assert!(
            custom("1.5", Unit::Days)
                .expiry()
                .unwrap_err()
                .contains("whole number")
        );
        assert!(custom("99999999999999999999", Unit::Days).expiry().is_err());
    }

    #[test]
    fn empty_save_as_blocks_the_link() {
        let mut panel = SharePanel::new(ShareSettings {
            download: true,
            ..ShareSettings::default()
        });
        panel.select(Some(S3Location::new("bucket", "a/report.pdf").unwrap()));
        assert_eq!(panel.save_as, "report.pdf");
        assert!(panel.request().is_ok());
        panel.save_as = "  ".to_owned();
        assert!(panel.request().unwrap_err().contains("empty"));
    }
}
