//! The connection switcher in the top bar: the open connection; click for the others
//! (saved, kept for this session, AWS, demo storage), to add one or edit the open one.

use chrono::{DateTime, Utc};
use egui::{RichText, Ui};

use super::{ConnectionAction, Connections, aws_label, demo_start, shown_name};
use crate::bus::Start;
use crate::widgets::error_label;
use s3share_core::ConnectionSettings;
use s3share_core::credentials::CredentialsInfo;
use s3share_core::i18n::locale_format::local_day_time;
use s3share_core::saved::{AWS_NAME, DEMO_NAME, SavedConnection};
use s3share_core::secrets::SecretStore;
use s3share_core::tr;
use s3share_core::visible::visible;

impl Connections {
    /// The switcher in the top bar: the open connection; click for the others.
    pub fn switcher_ui(
        &mut self,
        ui: &mut Ui,
        current: &str,
        connecting: bool,
        credentials: Option<&CredentialsInfo>,
    ) -> Option<ConnectionAction> {
        let mut action = None;
        let title = if connecting {
            tr!("switcher-title-connecting", name = shown_name(current))
        } else {
            tr!("switcher-title", name = shown_name(current))
        };
        let response = ui.menu_button(RichText::new(title).strong(), |ui| {
            ui.set_min_width(260.0);
            ui.label(RichText::new(tr!("switcher-open-storage")).weak());
            let current_expiry = credentials
                .filter(|c| c.temporary)
                .and_then(|c| c.expires_at);
            let mut entries: Vec<(String, String, Start)> = Vec::new();
            for c in &self.saved {
                let expiry = if c.name == current {
                    current_expiry.or(c.session_expires_at)
                } else {
                    c.session_expires_at
                };
                entries.push((
                    c.name.clone(),
                    entry_text(c, expiry, false),
                    Start::Saved {
                        connection: Box::new(c.clone()),
                        secrets: SecretStore::Keyring,
                    },
                ));
            }
            for c in &self.session_only {
                let expiry = if c.name == current {
                    current_expiry
                } else {
                    c.session_expires_at
                };
                entries.push((
                    c.name.clone(),
                    entry_text(c, expiry, true),
                    Start::Saved {
                        connection: Box::new(c.clone()),
                        secrets: self.memory.clone(),
                    },
                ));
            }
            if self.aws_available {
                let mut text = aws_label();
                if current == AWS_NAME
                    && let Some(at) = current_expiry
                {
                    text.push_str(&expiry_suffix(at));
                }
                entries.push((
                    AWS_NAME.to_owned(),
                    text,
                    Start::Connection(ConnectionSettings::from_aws_chain(None)),
                ));
            }
            entries.push((DEMO_NAME.to_owned(), shown_name(DEMO_NAME), demo_start()));
            for (name, text, start) in entries {
                if ui.selectable_label(name == current, text).clicked() && name != current {
                    action = Some(ConnectionAction::Switch(start));
                }
            }
            if let Some(error) = &self.load_error {
                error_label(ui, error);
            }
            ui.separator();
            if ui.button(tr!("switcher-add")).clicked() {
                self.open_add();
            }
            let editable = self
                .saved
                .iter()
                .chain(&self.session_only)
                .any(|c| c.name == current);
            if editable
                && ui
                    .button(tr!("switcher-edit", name = visible(current)))
                    .clicked()
            {
                self.open_edit(current);
            }
        });
        response.response.on_hover_text(tr!("switcher-hover"));
        action
    }
}

fn entry_text(c: &SavedConnection, expiry: Option<DateTime<Utc>>, session_only: bool) -> String {
    let mut text = format!("{} — {}", visible(&c.name), c.provider.label());
    if let Some(profile) = &c.aws_profile {
        text.push_str(&tr!("switcher-profile", profile = visible(profile)));
    }
    if session_only {
        text.push_str(&tr!("switcher-session-only"));
    }
    if let Some(at) = expiry {
        text.push_str(&expiry_suffix(at));
    }
    text
}

fn expiry_suffix(at: DateTime<Utc>) -> String {
    if at <= Utc::now() {
        tr!("switcher-keys-expired")
    } else {
        tr!("switcher-keys-until", time = local_day_time(at))
    }
}
