//! The add / edit dialog's form: its fields, what it shows while waiting, and turning what
//! was typed into a connection through the core's one rule. The secret and the session
//! token are plain strings here and nowhere else (egui persists a text field's cursor,
//! never its text).

use egui::{RichText, Ui};

use crate::bus::RequestId;
use crate::widgets::{error_label, ok_color};
use s3share_core::connection_input::{ConnectionInput, KeysInput};
use s3share_core::credentials::parse_session_end;
use s3share_core::i18n::locale_format::local_day_time;
use s3share_core::saved::{Provider, SavedConnection};
use s3share_core::secrets::StoredSecret;
use s3share_core::tr;
use s3share_core::visible::visible;
use s3share_core::{ConnectionSettings, Result, Secret};

use super::{session_only_note, waiting_for_keyring};

/// The AWS profile names for the profile picker (read from ~/.aws by the backend).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Profiles {
    NotRequested,
    Reading(RequestId),
    Read(Vec<String>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Status {
    Idle,
    Testing(RequestId),
    TestOk(String),
    Saving(RequestId),
    Removing(RequestId),
    Failed(String),
    /// No keyring: the plain reason; "Keep for this session only" is offered.
    NoKeyring(String),
}

impl Status {
    pub(super) fn is_busy(&self) -> bool {
        matches!(
            self,
            Status::Testing(_) | Status::Saving(_) | Status::Removing(_)
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DialogClick {
    Test,
    Save,
    KeepForSession,
    StopWaiting,
    Remove,
    Cancel,
}

/// The form. The secret and the session token are plain strings here and nowhere else.
pub(super) struct Dialog {
    /// The connection being edited (None: a new one).
    pub(super) editing: Option<SavedConnection>,
    /// Editing a connection kept for this session only.
    pub(super) session_only: bool,
    pub(super) name: String,
    pub(super) provider: Provider,
    pub(super) account_id: String,
    pub(super) endpoint: String,
    pub(super) region: String,
    pub(super) path_style: bool,
    pub(super) use_profile: bool,
    pub(super) profile: String,
    /// The AWS profile names, read on the backend when the dialog opens.
    pub(super) profiles: Profiles,
    pub(super) access_key_id: String,
    pub(super) secret: String,
    pub(super) session_token: String,
    /// When the temporary keys stop working (optional): RFC 3339 or "YYYY-MM-DD HH:MM".
    pub(super) session_end: String,
    pub(super) test_bucket: String,
    pub(super) status: Status,
    pub(super) confirm_remove: bool,
    /// Put the cursor in the name field on the first frame.
    pub(super) focus_name: bool,
}

impl Dialog {
    pub(super) fn new(editing: Option<SavedConnection>, session_only: bool) -> Self {
        let mut dialog = Self {
            editing: None,
            session_only,
            name: String::new(),
            provider: Provider::Aws,
            account_id: String::new(),
            endpoint: String::new(),
            region: String::new(),
            path_style: false,
            use_profile: false,
            profile: String::new(),
            profiles: Profiles::NotRequested,
            access_key_id: String::new(),
            secret: String::new(),
            session_token: String::new(),
            session_end: String::new(),
            test_bucket: String::new(),
            status: Status::Idle,
            confirm_remove: false,
            focus_name: true,
        };
        if let Some(c) = editing {
            dialog.name.clone_from(&c.name);
            dialog.provider = c.provider;
            dialog.region = c.region.clone().unwrap_or_default();
            dialog.path_style = c.path_style;
            dialog.endpoint = c.endpoint.clone().unwrap_or_default();
            if c.provider == Provider::R2 {
                dialog.account_id = c
                    .endpoint
                    .as_deref()
                    .and_then(|e| e.strip_prefix("https://"))
                    .and_then(|e| e.strip_suffix(".r2.cloudflarestorage.com"))
                    .unwrap_or_default()
                    .to_owned();
            }
            dialog.use_profile = c.access_key_id.is_none();
            if let Some(p) = &c.aws_profile {
                dialog.profile.clone_from(p);
            }
            dialog.access_key_id = c.access_key_id.clone().unwrap_or_default();
            if let Some(end) = c.session_expires_at {
                dialog.session_end = end
                    .with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M")
                    .to_string();
            }
            dialog.editing = Some(c);
        }
        dialog
    }

    pub(super) fn set_provider(&mut self, provider: Provider) {
        if provider == self.provider {
            return;
        }
        let old_default = self.provider.default_region();
        self.provider = provider;
        if self.region.trim().is_empty() || self.region == old_default {
            self.region = match provider {
                Provider::Aws => String::new(),
                p => p.default_region().to_owned(),
            };
        }
        self.path_style = provider == Provider::Custom;
    }

    /// What the form says, for the core's rule ([`SavedConnection::from_input`]).
    fn input(&self) -> ConnectionInput {
        ConnectionInput {
            name: self.name.clone(),
            provider: self.provider,
            account_id: self.account_id.clone(),
            // The field shows only for custom services (it keeps its text when another
            // provider is picked).
            endpoint: if self.provider == Provider::Custom {
                self.endpoint.clone()
            } else {
                String::new()
            },
            region: self.region.clone(),
            path_style: (self.provider == Provider::Custom).then_some(self.path_style),
            keys: if self.use_profile {
                KeysInput::Profile(self.profile.clone())
            } else {
                KeysInput::AccessKey {
                    id: self.access_key_id.clone(),
                    secret_given: !self.secret.trim().is_empty(),
                    session_token: !self.session_token.trim().is_empty(),
                }
            },
            session_end: if self.use_profile {
                String::new()
            } else {
                self.session_end.clone()
            },
        }
    }

    /// The connection the form describes, and the typed secret (None: keep the stored one).
    pub(super) fn form(&self) -> Result<(SavedConnection, Option<StoredSecret>)> {
        let connection = SavedConnection::from_input(&self.input(), self.editing.as_ref())?;
        let typed = self.secret.trim();
        let secret = (connection.access_key_id.is_some() && !typed.is_empty()).then(|| {
            let token = self.session_token.trim();
            StoredSecret {
                secret_access_key: Secret::new(typed),
                session_token: (!token.is_empty()).then(|| Secret::new(token)),
            }
        });
        Ok((connection, secret))
    }

    /// Applies the AWS profile names if they answer this dialog's request.
    pub(super) fn profiles_read(&mut self, request: RequestId, names: Vec<String>) {
        if self.profiles != Profiles::Reading(request) {
            return;
        }
        if self.profile.is_empty()
            && let Some(first) = names.first()
        {
            self.profile.clone_from(first);
        }
        self.profiles = Profiles::Read(names);
    }

    fn title(&self) -> String {
        if self.editing.is_some() {
            tr!("form-title-edit")
        } else {
            tr!("form-title-add")
        }
    }

    pub(super) fn ui(&mut self, ui: &mut Ui) -> Option<DialogClick> {
        let mut click = None;
        let busy = self.status.is_busy();
        ui.set_width(460.0);
        ui.heading(self.title());
        ui.add_space(6.0);
        ui.add_enabled_ui(!busy, |ui| {
            egui::Grid::new("connection-form")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| self.fields_ui(ui));
        });
        ui.add_space(8.0);
        self.status_ui(ui, &mut click);
        ui.add_space(8.0);
        ui.separator();
        ui.horizontal(|ui| {
            if let Some(original) = &self.editing {
                if self.confirm_remove {
                    ui.label(tr!("form-remove-question", name = visible(&original.name)));
                    if ui
                        .add_enabled(!busy, egui::Button::new(tr!("form-remove-yes")))
                        .clicked()
                    {
                        click = Some(DialogClick::Remove);
                    }
                    if ui.button(tr!("form-remove-keep")).clicked() {
                        self.confirm_remove = false;
                    }
                } else if ui
                    .add_enabled(!busy, egui::Button::new(tr!("form-remove")))
                    .on_hover_text(tr!("form-remove-hover"))
                    .clicked()
                {
                    self.confirm_remove = true;
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let save = egui::Button::new(
                    RichText::new(tr!("form-save"))
                        .strong()
                        .color(ui.visuals().selection.stroke.color),
                )
                .fill(ui.visuals().selection.bg_fill);
                if ui.add_enabled(!busy, save).clicked() {
                    click = Some(DialogClick::Save);
                }
                if ui
                    .add_enabled(!busy, egui::Button::new(tr!("form-test")))
                    .on_hover_text(tr!("form-test-hover"))
                    .clicked()
                {
                    click = Some(DialogClick::Test);
                }
                if ui.button(tr!("form-cancel")).clicked() {
                    click = Some(DialogClick::Cancel);
                }
            });
        });
        click
    }

    fn fields_ui(&mut self, ui: &mut Ui) {
        let name = text_row(
            ui,
            &tr!("form-name"),
            &mut self.name,
            &tr!("form-name-hint"),
            false,
        );
        if std::mem::take(&mut self.focus_name) {
            name.request_focus();
        }

        let label = ui.label(tr!("form-provider"));
        let mut provider = self.provider;
        egui::ComboBox::from_id_salt("provider")
            .selected_text(provider.label())
            .width(300.0)
            .show_ui(ui, |ui| {
                for p in Provider::ALL {
                    ui.selectable_value(&mut provider, p, p.label());
                }
            })
            .response
            .labelled_by(label.id);
        self.set_provider(provider);
        ui.end_row();

        match self.provider {
            Provider::R2 => {
                text_row(
                    ui,
                    &tr!("form-account-id"),
                    &mut self.account_id,
                    &tr!("form-account-id-hint"),
                    false,
                );
            }
            Provider::Custom => {
                text_row(
                    ui,
                    &tr!("form-endpoint"),
                    &mut self.endpoint,
                    "http://192.168.1.10:9000",
                    false,
                );
                let typed = ConnectionSettings {
                    endpoint: Some(self.endpoint.clone()),
                    ..ConnectionSettings::from_aws_chain(None)
                };
                if let Some(warning) = typed.plaintext_warning() {
                    ui.label("");
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!("⚠ {warning}"))
                                .small()
                                .color(ui.visuals().warn_fg_color),
                        )
                        .wrap(),
                    );
                    ui.end_row();
                }
            }
            _ => {}
        }
        match self.provider {
            Provider::R2 => {
                ui.label(tr!("form-region"));
                ui.label(RichText::new(tr!("form-region-auto")).weak());
                ui.end_row();
                self.region = "auto".to_owned();
            }
            Provider::Aws => {
                text_row(
                    ui,
                    &tr!("form-region"),
                    &mut self.region,
                    &tr!("form-region-found"),
                    false,
                );
            }
            p => {
                text_row(
                    ui,
                    &tr!("form-region"),
                    &mut self.region,
                    p.default_region(),
                    false,
                );
            }
        }
        if self.provider == Provider::Custom {
            ui.label("");
            ui.checkbox(&mut self.path_style, tr!("form-path-style"))
                .on_hover_text(tr!("form-path-style-hover"));
            ui.end_row();
        } else if self.provider != Provider::Aws {
            ui.label(tr!("form-address"));
            let region = match self.region.trim() {
                "" => self.provider.default_region(),
                r => r,
            };
            let text = match self
                .provider
                .endpoint(region, Some(self.account_id.as_str()))
            {
                Ok(Some(e)) => e,
                _ => "—".to_owned(),
            };
            ui.label(RichText::new(text).weak());
            ui.end_row();
        }

        ui.label(tr!("form-keys"));
        ui.horizontal(|ui| {
            ui.radio_value(&mut self.use_profile, false, tr!("form-access-keys"));
            ui.radio_value(&mut self.use_profile, true, tr!("form-use-profile"));
        });
        ui.end_row();
        if self.use_profile {
            let label = ui.label(tr!("form-aws-profile"));
            let names = match &self.profiles {
                Profiles::Read(names) => names.as_slice(),
                _ => &[],
            };
            if names.is_empty() {
                ui.vertical(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut self.profile)
                            .hint_text(tr!("form-profile-hint"))
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id);
                    if matches!(self.profiles, Profiles::Read(_)) {
                        ui.label(RichText::new(tr!("form-no-profiles")).weak().small());
                    }
                });
            } else {
                egui::ComboBox::from_id_salt("aws-profile")
                    .selected_text(self.profile.clone())
                    .width(300.0)
                    .show_ui(ui, |ui| {
                        for p in names {
                            ui.selectable_value(&mut self.profile, p.clone(), p);
                        }
                    })
                    .response
                    .labelled_by(label.id);
            }
            ui.end_row();
            ui.label("");
            ui.label(RichText::new(tr!("form-profile-note")).weak().small());
            ui.end_row();
        } else {
            text_row(
                ui,
                &tr!("form-access-key-id"),
                &mut self.access_key_id,
                "AKIA…",
                false,
            );
            let hint = if self
                .editing
                .as_ref()
                .is_some_and(|c| c.access_key_id.is_some())
            {
                tr!("form-secret-unchanged")
            } else {
                String::new()
            };
            text_row(ui, &tr!("form-secret"), &mut self.secret, &hint, true);
            text_row(
                ui,
                &tr!("form-session-token"),
                &mut self.session_token,
                &tr!("form-session-token-hint"),
                true,
            );
            let token_typed = !self.session_token.trim().is_empty();
            let end_stored = self
                .editing
                .as_ref()
                .is_some_and(|c| c.session_expires_at.is_some());
            if token_typed || end_stored || !self.session_end.trim().is_empty() {
                text_row(
                    ui,
                    &tr!("form-session-ends"),
                    &mut self.session_end,
                    &tr!("form-session-ends-hint"),
                    false,
                );
                ui.label("");
                let note = match self.session_end.trim() {
                    "" => RichText::new(tr!("form-session-end-missing"))
                        .color(ui.visuals().warn_fg_color),
                    text => match parse_session_end(text) {
                        Ok(at) => {
                            RichText::new(tr!("form-session-end-note", time = local_day_time(at)))
                                .weak()
                        }
                        Err(e) => RichText::new(e.to_string()).color(ui.visuals().error_fg_color),
                    },
                };
                ui.add(egui::Label::new(note.small()).wrap());
                ui.end_row();
            }
        }
        text_row(
            ui,
            &tr!("form-test-bucket"),
            &mut self.test_bucket,
            &tr!("form-test-bucket-hint"),
            false,
        );
    }

    fn status_ui(&self, ui: &mut Ui, click: &mut Option<DialogClick>) {
        match &self.status {
            Status::Idle => {
                let where_ = if self.session_only {
                    session_only_note()
                } else {
                    tr!("form-keyring-note")
                };
                ui.label(RichText::new(where_).weak().small());
            }
            Status::Testing(_) => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr!("form-testing"));
                });
            }
            Status::Saving(_) | Status::Removing(_) => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(waiting_for_keyring());
                    if ui
                        .small_button(tr!("form-stop-waiting"))
                        .on_hover_text(tr!("form-stop-waiting-hover"))
                        .clicked()
                    {
                        *click = Some(DialogClick::StopWaiting);
                    }
                });
            }
            Status::TestOk(text) => {
                ui.label(RichText::new(format!("✔ {text}")).color(ok_color(ui)));
            }
            Status::Failed(text) => {
                error_label(ui, text);
            }
            Status::NoKeyring(text) => {
                error_label(ui, text);
                ui.add_space(4.0);
                if ui.button(tr!("form-keep-for-session")).clicked() {
                    *click = Some(DialogClick::KeepForSession);
                }
                ui.label(RichText::new(session_only_note()).weak().small());
            }
        }
    }
}

/// A labelled one-line field in the form grid.
fn text_row(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
    hint: &str,
    password: bool,
) -> egui::Response {
    let label = ui.label(label);
    let response = ui
        .add(
            egui::TextEdit::singleline(text)
                .hint_text(hint)
                .password(password)
                .desired_width(300.0),
        )
        .labelled_by(label.id);
    ui.end_row();
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_builds_a_connection_without_the_secret() {
        let mut dialog = Dialog::new(None, false);
        dialog.name = "Office".to_owned();
        dialog.set_provider(Provider::Custom);
        dialog.endpoint = "http://127.0.0.1:9000".to_owned();
        dialog.access_key_id = "AKID".to_owned();
        dialog.secret = "very-secret".to_owned();
        let (connection, secret) = dialog.form().unwrap();
        assert!(connection.path_style);
        assert_eq!(connection.region.as_deref(), Some("us-east-1"));
        assert_eq!(secret.unwrap().secret_access_key.expose(), "very-secret");
        let toml = toml::to_string(&connection).unwrap();
        assert!(!toml.contains("very-secret"));

        dialog.secret.clear();
        assert!(
            dialog.form().is_err(),
            "a new key connection needs its secret"
        );

        let mut r2 = Dialog::new(None, false);
        r2.name = "R2".to_owned();
        r2.set_provider(Provider::R2);
        r2.account_id = "abc123".to_owned();
        r2.access_key_id = "K".to_owned();
        r2.secret = "S".to_owned();
        let (connection, _) = r2.form().unwrap();
        assert_eq!(
            connection.endpoint.as_deref(),
            Some("https://abc123.r2.cloudflarestorage.com")
        );
        assert_eq!(connection.region.as_deref(), Some("auto"));
        let edit = Dialog::new(Some(connection), false);
        assert_eq!(edit.account_id, "abc123");
        let (_, secret) = edit.form().unwrap();
        assert!(secret.is_none(), "editing keeps the stored secret");
    }
}
