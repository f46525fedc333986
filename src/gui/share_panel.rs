//! The right-hand panel: what the selected file is, how long the link works, whether it
//! opens or downloads, and the big Copy link button.

use chrono::{DateTime, Utc};
use egui::{RichText, Ui};

use super::backend::LinkCheck;
use super::browser::Row;
use super::widgets::{duration_words, error_label, local_day_time, ok_color};
use crate::core::credentials::CredentialsInfo;
use crate::core::disposition::{guess_content_type, sanitize_file_name};
use crate::core::expiry::MAX_EXPIRY_SECS;
use crate::core::format::human_size;
use crate::core::{Error, Expiry, ExpiryReason, LinkMode, S3Location, ShareLink, ShareRequest};

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

/// The link for the selected file, as far as it got.
#[derive(Clone, Debug)]
pub enum LinkState {
    Idle,
    Pending {
        id: u64,
    },
    Ready(Box<ShareLink>),
    /// `missing`: the file is gone, so refreshing the folder is the next step.
    Failed {
        message: String,
        missing: bool,
    },
}

#[derive(Clone, Debug)]
pub enum TestState {
    Idle,
    Pending { id: u64 },
    Done(LinkCheck),
}

/// What a click in the panel asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareAction {
    CopyLink,
    TestLink,
    RefreshFolder,
}

#[derive(Debug)]
pub struct SharePanel {
    pub settings: ShareSettings,
    /// The download name, prefilled with the file's own name.
    pub save_as: String,
    /// The file `save_as` and `link` belong to.
    pub for_key: Option<S3Location>,
    pub link: LinkState,
    pub test: TestState,
    next_id: u64,
}

impl SharePanel {
    pub fn new(settings: ShareSettings) -> Self {
        Self {
            settings,
            save_as: String::new(),
            for_key: None,
            link: LinkState::Idle,
            test: TestState::Idle,
            next_id: 0,
        }
    }

    /// Follows the selection: a new file starts fresh, with its own name to save as.
    pub fn select(&mut self, object: Option<S3Location>) {
        if self.for_key == object {
            return;
        }
        self.save_as = object
            .as_ref()
            .map(|o| o.file_name().to_owned())
            .unwrap_or_default();
        self.for_key = object;
        self.link = LinkState::Idle;
        self.test = TestState::Idle;
    }

    pub fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    fn mode(&self) -> Result<LinkMode, String> {
        if !self.settings.download {
            return Ok(LinkMode::Inline);
        }
        let name = sanitize_file_name(&self.save_as).map_err(|e| plain(&e))?;
        Ok(LinkMode::Attachment {
            filename: Some(name),
        })
    }

    /// The request the current choices make, or why Copy link is not possible.
    pub fn request(&self) -> Result<ShareRequest, String> {
        let object = self
            .for_key
            .clone()
            .ok_or_else(|| "Select a file first.".to_owned())?;
        Ok(ShareRequest {
            object,
            expiry: self.settings.expiry()?,
            mode: self.mode()?,
            check_exists: true,
        })
    }

    /// The whole panel for `row` (`None`: nothing or a folder selected).
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        row: Option<&Row>,
        credentials: Option<&CredentialsInfo>,
    ) -> Option<ShareAction> {
        let Some(row) = row else {
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
            });
            return None;
        };
        let mut action = None;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.add_space(8.0);
                self.details_ui(ui, row);
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
        ui.add(egui::Label::new(RichText::new(row.name()).heading()).wrap());
        let kind = match &self.link {
            LinkState::Ready(link) => link
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
        }
    }

    fn mode_ui(&mut self, ui: &mut Ui) {
        ui.label(RichText::new("When the link is opened").strong());
        let before = (self.settings.download, self.save_as.clone());
        ui.radio_value(&mut self.settings.download, false, "Open in browser")
            .on_hover_text("Pictures, PDFs and text show in the browser; other files download");
        ui.radio_value(&mut self.settings.download, true, "Download");
        if self.settings.download {
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
        }
    }

    fn copy_ui(
        &mut self,
        ui: &mut Ui,
        credentials: Option<&CredentialsInfo>,
    ) -> Option<ShareAction> {
        let request = self.request();
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
        let button = egui::Button::new(RichText::new("Copy link").size(17.0).strong().color(text))
            .fill(fill)
            .min_size(egui::vec2(0.0, 42.0));
        let response = ui
            .vertical_centered_justified(|ui| ui.add_enabled(enabled, button))
            .inner
            .on_hover_text("Copies a link that works for the time chosen above (Ctrl+Shift+C)");
        let mut action = response.clicked().then_some(ShareAction::CopyLink);
        if let Err(why) = &request {
            let response = response.on_disabled_hover_text(why.as_str());
            let _ = response;
            ui.label(RichText::new(format!("Copy link is off: {why}")).weak());
        }
        if pending {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Making the link…");
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
        let LinkState::Ready(link) = &self.link else {
            return None;
        };
        let mut action = None;
        ui.add_space(10.0);
        ui.add(
            egui::Label::new(
                RichText::new(format!("✔ Copied — works until {}", until_text(link)))
                    .color(ok_color(ui))
                    .strong(),
            )
            .wrap(),
        );
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
        ui.horizontal(|ui| {
            let label = ui.label("Link");
            let mut url = link.url.as_str();
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
