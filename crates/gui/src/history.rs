//! The shared-links history view: every link made in the window (and by the CLI), newest
//! first, with Copy again while it works and Make a new link once it has expired. The file
//! itself is read and written by the backend (`history_jobs::HistoryStore::run` on a blocking
//! thread).

use chrono::{DateTime, Utc};
use egui::{RichText, Ui};

use super::widgets::{Toast, error_label, ok_color};
use crate::history_jobs::{HistoryOp, HistoryStore};
use s3share_core::format::local_day_time;
use s3share_core::history::{HistoryEntry, ShareState};
use s3share_core::managed::{ManagedFolder, ManagedKind};
use s3share_core::pages::files_page::FilesPage;
use s3share_core::preferences::Preferences;
use s3share_core::share::redact_url;
use s3share_core::take_back::{ShareCopy, TakenBack};
use s3share_core::visible::visible;
use s3share_core::{Expiry, S3Location, ShareLink, ShareRequest};

/// What a click in the history view asks for. Its `Debug` hides the link's signature.
#[derive(Clone, PartialEq, Eq)]
pub enum HistoryAction {
    CopyAgain(String),
    MakeNew(Box<HistoryEntry>),
    Delete(Box<HistoryEntry>),
    ClearAll,
    KeepLinks(bool),
    /// "Stop sharing": delete the copy (or page) the entry records.
    StopSharing(Box<HistoryEntry>),
    Close,
}

impl std::fmt::Debug for HistoryAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::CopyAgain(url) => f.debug_tuple("CopyAgain").field(&redact_url(url)).finish(),
            Self::MakeNew(entry) => f.debug_tuple("MakeNew").field(entry).finish(),
            Self::Delete(entry) => f.debug_tuple("Delete").field(entry).finish(),
            Self::ClearAll => f.write_str("ClearAll"),
            Self::StopSharing(entry) => f.debug_tuple("StopSharing").field(entry).finish(),
            Self::KeepLinks(keep) => f.debug_tuple("KeepLinks").field(keep).finish(),
            Self::Close => f.write_str("Close"),
        }
    }
}

/// The view's state.
#[derive(Debug)]
pub struct HistoryView {
    pub open: bool,
    /// Newest first.
    pub entries: Vec<HistoryEntry>,
    pub preferences: Preferences,
    pub filter: String,
    pub error: Option<String>,
    /// A Make a new link in flight.
    pub remaking: Option<crate::bus::RequestId>,
    /// A "Stop sharing" in flight, and the folder it removes.
    pub taking_back: Option<(crate::bus::RequestId, ManagedFolder)>,
    confirm_clear: bool,
    /// Demo storage as connected now: its links of an earlier session may have ended.
    pub demo: Option<s3share_core::demo::DemoSession>,
    /// What "now" is for the badges ("expires in 3 h"); a test sets its own.
    pub clock: crate::clock::Clock,
}

impl Default for HistoryView {
    fn default() -> Self {
        Self {
            open: false,
            entries: Vec::new(),
            // Until the settings are read, links are not kept: if they cannot be read, the
            // user's "do not keep links" is respected (fails closed).
            preferences: Preferences {
                keep_links_in_history: false,
            },
            filter: String::new(),
            error: None,
            remaking: None,
            taking_back: None,
            confirm_clear: false,
            clock: crate::clock::Clock::system(),
            demo: None,
        }
    }
}

/// The request that makes a fresh link like `entry`'s: same file, mode and lifetime.
pub fn renewal(entry: &HistoryEntry) -> Result<ShareRequest, String> {
    let object = S3Location::new(&entry.bucket, &entry.key).map_err(|e| e.to_string())?;
    let secs = (entry.expires_at - entry.created_at).num_seconds().max(1);
    let expiry = Expiry::from_secs(u64::try_from(secs).unwrap_or(1).min(604_800))
        .map_err(|e| e.to_string())?;
    Ok(ShareRequest::new(object, expiry, entry.link_mode()))
}

/// The key's last part as shown (control and bidi characters made visible).
fn file_name(entry: &HistoryEntry) -> std::borrow::Cow<'_, str> {
    visible(s3share_core::location::key_name(&entry.key))
}

const REVOKE_TEXT: &str = "A plain link keeps working until it expires: it cannot be taken back early. \
    To stop one sooner, move, rename or delete the file, or disable the access key that signed it \
    (that stops every link it signed). Links to a copy (\"Share a copy I can take back\") can: \
    Stop sharing deletes the copy. Deleting a line here only removes it from this list.";

impl HistoryView {
    /// The bottom-bar button text.
    pub fn button_text(&self) -> String {
        match self.entries.len() {
            1 => "History (1 link)".to_owned(),
            n => format!("History ({n} links)"),
        }
    }

    fn matches(entry: &HistoryEntry, needle: &str) -> bool {
        needle.is_empty()
            || [&entry.key, &entry.bucket, &entry.connection]
                .iter()
                .any(|s| s.to_lowercase().contains(needle))
            || entry
                .filename
                .as_ref()
                .is_some_and(|f| f.to_lowercase().contains(needle))
    }

    /// The whole view; `connection` is the one the window is on (links can be renewed
    /// only through it).
    pub fn ui(&mut self, ui: &mut Ui, connection: &str) -> Option<HistoryAction> {
        let mut action = None;
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("← Back to files").clicked() {
                action = Some(HistoryAction::Close);
            }
            ui.heading("Shared links");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let response = ui.add(
                    egui::TextEdit::singleline(&mut self.filter)
                        .hint_text("Filter by name, bucket…")
                        .desired_width(200.0),
                );
                let label = ui.label("Filter history");
                response.labelled_by(label.id);
            });
        });
        ui.add(egui::Label::new(RichText::new(REVOKE_TEXT).weak()).wrap());
        ui.horizontal(|ui| {
            let mut keep = self.preferences.keep_links_in_history;
            if ui
                .checkbox(&mut keep, "Keep the links themselves")
                .on_hover_text(
                    "When off, only what was shared, when and until when is kept — not the \
                     working links (anyone who can read your files could use them).",
                )
                .changed()
            {
                action = Some(HistoryAction::KeepLinks(keep));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if self.confirm_clear {
                    if ui.button("Cancel").clicked() {
                        self.confirm_clear = false;
                    }
                    if ui.button("Clear history").clicked() {
                        self.confirm_clear = false;
                        action = Some(HistoryAction::ClearAll);
                    }
                    ui.label("Remove every line? Links already sent keep working.");
                } else if ui
                    .add_enabled(!self.entries.is_empty(), egui::Button::new("Clear all…"))
                    .clicked()
                {
                    self.confirm_clear = true;
                }
            });
        });
        if let Some(error) = &self.error {
            error_label(ui, error);
        }
        ui.separator();
        if self.entries.is_empty() {
            ui.add_space(30.0);
            ui.vertical_centered(|ui| {
                ui.label(
                    RichText::new("No links yet. Links you copy are listed here.")
                        .size(15.0)
                        .weak(),
                );
            });
            return action;
        }
        let needle = self.filter.trim().to_lowercase();
        let now = self.clock.now();
        let busy = Busy {
            demo: self.demo.as_ref(),
            remaking: self.remaking.is_some(),
            taking_back: self.taking_back.as_ref().map(|(_, folder)| folder),
        };
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let mut shown = 0;
                for entry in self.entries.iter().filter(|e| Self::matches(e, &needle)) {
                    shown += 1;
                    if let Some(a) = entry_ui(ui, entry, now, connection, &busy) {
                        action = Some(a);
                    }
                    ui.separator();
                }
                if shown == 0 {
                    ui.label(
                        RichText::new(format!("No link matches “{}”.", self.filter.trim())).weak(),
                    );
                }
            });
        action
    }
}

/// A demo-storage link the demo storage running now no longer answers: it restarted on
/// another port or with other keys since the link was made.
fn demo_restarted(entry: &HistoryEntry, demo: Option<&s3share_core::demo::DemoSession>) -> bool {
    entry.connection == s3share_core::saved::DEMO_NAME
        && demo.is_some_and(|d| !d.still_serves(entry.url.as_deref(), entry.created_at))
}

/// What is in flight, so its buttons wait.
struct Busy<'a> {
    /// Demo storage as connected now (see [`demo_restarted`]).
    demo: Option<&'a s3share_core::demo::DemoSession>,
    remaking: bool,
    taking_back: Option<&'a ManagedFolder>,
}

fn entry_ui(
    ui: &mut Ui,
    entry: &HistoryEntry,
    now: DateTime<Utc>,
    connection: &str,
    busy: &Busy<'_>,
) -> Option<HistoryAction> {
    let mut action = None;
    let restarted = demo_restarted(entry, busy.demo);
    let state = match entry.state(now) {
        ShareState::Active if restarted => ShareState::Ended,
        state => state,
    };
    let expired = state != ShareState::Active;
    let remaking = busy.remaking;
    ui.horizontal(|ui| {
        let name = match &entry.managed {
            // A page shares a folder (or the folder holding its files): its name, what it is.
            Some(record) if record.folder.kind == ManagedKind::Page => {
                let name = file_name(entry);
                let name = if name.is_empty() {
                    visible(&entry.bucket)
                } else {
                    name
                };
                format!("{name} · {}", record.label())
            }
            _ => file_name(entry).into_owned(),
        };
        ui.label(RichText::new(name).strong());
        // The state in the words the CLI uses too (`ShareState::label`).
        let label = if restarted {
            "ended — demo storage restarted"
        } else {
            state.label()
        };
        ui.label(RichText::new(label).small().strong());
        // A taken-back link has nothing left to count down: its state says it all.
        let badge = match state {
            ShareState::TakenBack => None,
            _ if restarted => None,
            // Counted down live (one repaint when the words change, not every frame).
            _ => Some(crate::clock::expires_live(ui.ctx(), entry.expires_at, now)),
        };
        let (text, fill) = if expired {
            (
                ui.visuals().weak_text_color(),
                ui.visuals().widgets.inactive.weak_bg_fill,
            )
        } else {
            // Dark text on the light green of dark mode, white on the dark green of light mode.
            let text = if ui.visuals().dark_mode {
                egui::Color32::from_rgb(0x0b, 0x2a, 0x14)
            } else {
                egui::Color32::WHITE
            };
            (text, ok_color(ui))
        };
        if let Some(badge) = badge {
            egui::Frame::new()
                .fill(fill)
                .corner_radius(8.0)
                .inner_margin(egui::Margin::symmetric(6, 1))
                .show(ui, |ui| {
                    ui.label(RichText::new(badge).small().color(text));
                });
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("🗑")
                .on_hover_text("Remove from the history (the link keeps working)")
                .clicked()
            {
                action = Some(HistoryAction::Delete(Box::new(entry.clone())));
            }
            if state == ShareState::Active && entry.can_take_back() {
                let same = entry.connection == connection;
                let stopping = busy.taking_back.is_some();
                let this_one = entry
                    .managed
                    .as_ref()
                    .is_some_and(|m| Some(&m.folder) == busy.taking_back);
                if this_one {
                    ui.spinner();
                }
                let effect = entry.stop_sharing_effect().unwrap_or_default();
                let response = ui
                    .add_enabled(same && !stopping, egui::Button::new("Stop sharing"))
                    .on_hover_text(format!("Stop sharing: {effect}."))
                    .on_disabled_hover_text(if same {
                        "Stopping another link…".to_owned()
                    } else {
                        format!(
                            "Made with “{}”: open that connection to stop sharing it.",
                            visible(&entry.connection)
                        )
                    });
                if response.clicked() {
                    action = Some(HistoryAction::StopSharing(Box::new(entry.clone())));
                }
            }
            match (&entry.url, expired) {
                (Some(url), false) => {
                    if ui
                        .button("Copy again")
                        .on_hover_text("Copies the same link; it still works")
                        .clicked()
                    {
                        action = Some(HistoryAction::CopyAgain(url.clone()));
                    }
                }
                // A page (a file request's form) is signed once: it cannot be renewed by
                // signing its link again.
                _ if entry.managed.is_some() => {}
                _ => {
                    let same = entry.connection == connection;
                    let response = ui
                        .add_enabled(same && !remaking, egui::Button::new("Make a new link"))
                        .on_hover_text(
                            "Copies a new link to the same file, working as long as this one did",
                        )
                        .on_disabled_hover_text(format!(
                            "Made with “{}”: open that connection to make a new link.",
                            visible(&entry.connection)
                        ));
                    if response.clicked() {
                        action = Some(HistoryAction::MakeNew(Box::new(entry.clone())));
                    }
                }
            }
        });
    });
    let mode = match (&entry.mode[..], &entry.filename, &entry.managed) {
        (_, _, Some(record)) => record.mode_text().to_owned(),
        ("attachment", Some(name), _) => format!("downloads as {}", visible(name)),
        ("attachment", None, _) => "downloads".to_owned(),
        _ => "opens in the browser".to_owned(),
    };
    let until = if expired { "ended" } else { "works until" };
    ui.label(
        RichText::new(format!(
            "{}/{} · {} · {} · made {} · {until} {}",
            visible(&entry.bucket),
            visible(&entry.key),
            visible(&entry.connection),
            mode,
            local_day_time(entry.created_at),
            local_day_time(entry.expires_at)
        ))
        .small()
        .weak(),
    );
    for warning in &entry.warnings {
        ui.label(
            RichText::new(format!("⚠ {}", warning.short()))
                .small()
                .color(ui.visuals().warn_fg_color),
        )
        .on_hover_text(warning.to_string());
    }
    action
}

/// The window's side of the history: recording links, and the view's clicks.
impl super::App {
    /// Loads the history from `store` (in the backend) and records links there from now on.
    #[must_use]
    pub fn with_history(mut self, store: Option<HistoryStore>) -> Self {
        self.history_store = store;
        self.load_history();
        self
    }

    pub(super) fn load_history(&mut self) {
        if let Some(store) = self.history_store.clone() {
            self.backend.send(crate::bus::Command::History {
                store,
                op: HistoryOp::Load,
            });
        }
    }

    fn history_op(&mut self, op: HistoryOp) {
        if let Some(store) = self.history_store.clone()
            && !self
                .backend
                .send(crate::bus::Command::History { store, op })
        {
            self.history.error =
                Some("The window is too busy to update the history. Try again.".to_owned());
        }
    }

    /// Adds new copies to the view and the file, with the folder each lives in (so they
    /// can be taken back and cleaned up).
    pub(super) fn record_copies(&mut self, connection: &str, copies: &[ShareCopy]) {
        let keep = self.history.preferences.keep_links_in_history;
        let entries: Vec<HistoryEntry> = copies
            .iter()
            .map(|c| HistoryEntry::from_copy(connection, c, keep))
            .collect();
        for entry in &entries {
            self.history.entries.insert(0, entry.clone());
        }
        self.history_op(HistoryOp::Append(entries));
    }

    /// Once connected: ended pages and copies this connection made are removed.
    pub(super) fn clean_ended_on_connect(&mut self) {
        if let Some(store) = self.history_store.clone() {
            self.backend.send(crate::bus::Command::CleanEnded { store });
        }
    }

    /// The answer to "Stop sharing": the entry now says "taken back".
    pub(super) fn taken_back(
        &mut self,
        ctx: &egui::Context,
        request: crate::bus::RequestId,
        entry: &HistoryEntry,
        result: s3share_core::Result<TakenBack>,
    ) {
        if self.history.taking_back.as_ref().map(|(r, _)| *r) == Some(request) {
            self.history.taking_back = None;
        }
        match result {
            Ok(done) => {
                for shown in &mut self.history.entries {
                    if let Some(record) = &mut shown.managed
                        && record.folder == done.folder
                        && record.taken_back_at.is_none()
                    {
                        record.taken_back_at = Some(done.at);
                    }
                }
                let name = file_name(entry).into_owned();
                let effect = entry.stop_sharing_effect().unwrap_or_default();
                self.toast = Some(Toast::new(
                    ctx,
                    format!("Stopped sharing {name}: {effect}."),
                    true,
                ));
            }
            Err(error) => self.history.error = Some(error.to_string()),
        }
    }

    /// Adds new links to the view and the file (respecting "Keep the links themselves").
    pub(super) fn record_links(&mut self, connection: &str, links: &[ShareLink]) {
        let keep = self.history.preferences.keep_links_in_history;
        let entries: Vec<HistoryEntry> = links
            .iter()
            .map(|l| HistoryEntry::from_link(connection, l, keep))
            .collect();
        for entry in &entries {
            self.history.entries.insert(0, entry.clone());
        }
        self.history_op(HistoryOp::Append(entries));
    }

    /// Records a page of files ("Share as one link").
    pub(super) fn record_page(&mut self, connection: &str, page: &FilesPage) {
        let keep = self.history.preferences.keep_links_in_history;
        self.record_entry(page.history_entry(connection, keep));
    }

    /// Adds one entry made elsewhere (a file request's page) to the view and the file.
    pub(super) fn record_entry(&mut self, entry: HistoryEntry) {
        self.history.entries.insert(0, entry.clone());
        self.history_op(HistoryOp::Append(vec![entry]));
    }

    pub(super) fn history_loaded(&mut self, entries: Vec<HistoryEntry>, preferences: Preferences) {
        self.history.entries = entries;
        self.history.preferences = preferences;
        self.history.error = None;
    }

    pub(super) fn history_action(&mut self, ctx: &egui::Context, action: HistoryAction) {
        match action {
            HistoryAction::Close => self.history.open = false,
            HistoryAction::CopyAgain(url) => {
                self.clipboard.copy(ctx, url);
                self.toast = Some(Toast::new(ctx, "Link copied again", true));
            }
            HistoryAction::MakeNew(entry) => match renewal(&entry) {
                Ok(renewed) => {
                    let request = crate::bus::RequestId::new();
                    self.history.remaking = Some(request);
                    // Only plain links offer "Make a new link" (a page's, a request's, a
                    // protected file's or a copy's link is made once).
                    self.backend.send(crate::bus::Command::MakeLinks {
                        request,
                        requests: vec![renewed],
                    });
                }
                Err(why) => self.toast = Some(Toast::new(ctx, why, false)),
            },
            HistoryAction::Delete(entry) => {
                if let Some(i) = self.history.entries.iter().position(|e| *e == *entry) {
                    self.history.entries.remove(i);
                }
                self.history_op(HistoryOp::Remove(entry));
            }
            HistoryAction::ClearAll => {
                self.history.entries.clear();
                self.history_op(HistoryOp::Clear);
            }
            HistoryAction::StopSharing(entry) => {
                let Some(record) = &entry.managed else {
                    return;
                };
                let request = crate::bus::RequestId::new();
                self.history.taking_back = Some((request, record.folder.clone()));
                self.history.error = None;
                if !self.backend.send(crate::bus::Command::TakeBack {
                    request,
                    entry,
                    store: self.history_store.clone(),
                }) {
                    self.history.taking_back = None;
                    self.history.error =
                        Some("The window is too busy to stop sharing. Try again.".to_owned());
                }
            }
            HistoryAction::KeepLinks(keep) => {
                self.history.preferences.keep_links_in_history = keep;
                let preferences = self.history.preferences.clone();
                self.history_op(HistoryOp::SavePreferences(preferences));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use s3share_core::LinkMode;

    #[test]
    fn links_are_not_kept_before_the_settings_are_read() {
        assert!(!HistoryView::default().preferences.keep_links_in_history);
    }

    #[test]
    fn debug_of_actions_and_entries_hides_the_signature() {
        let url = "http://h/b/k?X-Amz-Security-Token=tok3n&X-Amz-Signature=0123abcd";
        let action = HistoryAction::CopyAgain(url.to_owned());
        let created: DateTime<Utc> = "2026-01-01T10:00:00Z".parse().unwrap();
        let entry = HistoryEntry {
            created_at: created,
            connection: "Work".to_owned(),
            bucket: "b".to_owned(),
            key: "k".to_owned(),
            mode: "inline".to_owned(),
            filename: None,
            expires_at: created,
            url: Some(url.to_owned()),
            warnings: Vec::new(),
            managed: None,
        };
        let ops = format!("{:?}", HistoryOp::Append(vec![entry.clone()]));
        for text in [format!("{action:?}"), format!("{entry:?}"), ops] {
            assert!(
                !text.contains("0123abcd") && !text.contains("tok3n"),
                "{text}"
            );
        }
    }

    #[test]
    fn renewal_keeps_file_mode_and_lifetime() {
        let created: DateTime<Utc> = "2026-01-01T10:00:00Z".parse().unwrap();
        let entry = HistoryEntry {
            created_at: created,
            connection: "Work".to_owned(),
            bucket: "reports".to_owned(),
            key: "docs/a b.pdf".to_owned(),
            mode: "attachment".to_owned(),
            filename: Some("A.pdf".to_owned()),
            expires_at: created + chrono::Duration::hours(3),
            url: None,
            warnings: Vec::new(),
            managed: None,
        };
        let request = renewal(&entry).unwrap();
        assert_eq!(request.object.key, "docs/a b.pdf");
        assert_eq!(request.expiry.as_secs(), 3 * 3600);
        assert_eq!(
            request.mode,
            LinkMode::Attachment {
                filename: Some("A.pdf".to_owned())
            }
        );
    }
}
