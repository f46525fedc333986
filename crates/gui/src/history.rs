//! The shared-links history view: every link made in the window (and by the CLI), newest
//! first, with Copy again while it works and Make a new link once it has expired. The file
//! itself is read and written by the backend (`history_jobs::HistoryStore::run` on a blocking
//! thread).

use chrono::{DateTime, Utc};
use egui::{RichText, Ui};

use super::widgets::{SearchField, Toast, error_label, ok_color, search_field};
use crate::connections::shown_name;
use crate::history_jobs::{HistoryOp, HistoryStore};
use crate::name_filter::{Needle, fold, fold_into};
use s3share_core::history::{HistoryEntry, LinkGroup, ShareState, group_copies};
use s3share_core::i18n::locale_format::local_day_time;
use s3share_core::managed::{ManagedFolder, ManagedKind};
use s3share_core::pages::files_page::FilesPage;
use s3share_core::preferences::{Preferences, ThemeChoice};
use s3share_core::share::redact_url;
use s3share_core::take_back::{ShareCopy, TakenBack};
use s3share_core::tr;
use s3share_core::visible::visible;
use s3share_core::{Expiry, S3Location, ShareLink, ShareRequest};

/// What a click in the history view asks for. Its `Debug` hides the link's signature.
#[derive(Clone, PartialEq, Eq)]
pub enum HistoryAction {
    CopyAgain(String),
    MakeNew(Box<HistoryEntry>),
    /// Remove these lines (a link and its re-copies) from the history.
    Delete(Vec<HistoryEntry>),
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
            Self::Delete(entries) => f.debug_tuple("Delete").field(entries).finish(),
            Self::ClearAll => f.write_str("ClearAll"),
            Self::StopSharing(entry) => f.debug_tuple("StopSharing").field(entry).finish(),
            Self::KeepLinks(keep) => f.debug_tuple("KeepLinks").field(keep).finish(),
            Self::Close => f.write_str("Close"),
        }
    }
}

/// How the history's lines are ordered (remembered between runs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum HistorySort {
    /// The latest made first (how links were added).
    #[default]
    MadeNewest,
    MadeOldest,
    /// The link that stops working next first; ended links after the working ones
    /// (the latest ended first).
    EndsSoonest,
    EndsLatest,
}

impl HistorySort {
    pub const ALL: [Self; 4] = [
        Self::MadeNewest,
        Self::MadeOldest,
        Self::EndsSoonest,
        Self::EndsLatest,
    ];

    pub fn label(self) -> String {
        match self {
            Self::MadeNewest => tr!("history-sort-made-newest"),
            Self::MadeOldest => tr!("history-sort-made-oldest"),
            Self::EndsSoonest => tr!("history-sort-ends-soonest"),
            Self::EndsLatest => tr!("history-sort-ends-latest"),
        }
    }
}

/// Which preferences were changed in the window this session.
#[derive(Clone, Copy, Debug, Default)]
struct Touched {
    theme: bool,
    keep_links: bool,
}

/// The view's state.
#[derive(Debug)]
pub struct HistoryView {
    pub open: bool,
    /// Newest first. Changed only through the methods below, which group it again.
    entries: Vec<HistoryEntry>,
    /// `entries` as lines: re-copies of one link together (`history::group_copies`).
    groups: Vec<LinkGroup>,
    /// Each line's searchable text (name, bucket, connection, download name), folded
    /// like the browser's filter: "cafe" finds "Café menu".
    folded: Vec<String>,
    pub preferences: Preferences,
    /// The preferences the user changed this session (kept when the file's answer arrives).
    touched: Touched,
    /// The search box.
    pub filter: String,
    pub sort: HistorySort,
    /// "Only links still working".
    pub only_working: bool,
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
            groups: Vec::new(),
            folded: Vec::new(),
            // Until the settings are read, links are not kept: if they cannot be read, the
            // user's "do not keep links" is respected (fails closed).
            preferences: Preferences {
                keep_links_in_history: false,
                ..Preferences::default()
            },
            touched: Touched::default(),
            filter: String::new(),
            sort: HistorySort::default(),
            only_working: false,
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

/// What a line is searched by, folded (`name_filter::fold`).
fn search_text(entry: &HistoryEntry) -> String {
    let mut text = String::new();
    for part in [&entry.key, &entry.bucket, &entry.connection]
        .into_iter()
        .chain(entry.filename.as_ref())
    {
        fold_into(part, &mut text);
        text.push('\n');
    }
    // Demo storage is shown in the window's language: found by its name in any of them, so
    // a search works whatever the language was when this text was made.
    if entry.connection == s3share_core::saved::DEMO_NAME {
        text.push_str(&DEMO_LABELS_FOLDED);
    }
    text
}

/// Demo storage's name in every language, folded once (the same for every demo line).
static DEMO_LABELS_FOLDED: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let mut text = String::new();
    for label in s3share_core::saved::demo_labels() {
        fold_into(&label, &mut text);
        text.push('\n');
    }
    text
});

impl HistoryView {
    /// Every entry, newest first.
    pub fn entries(&self) -> &[HistoryEntry] {
        &self.entries
    }

    /// View → Theme, chosen in the window.
    pub fn set_theme(&mut self, theme: ThemeChoice) {
        self.preferences.theme = theme;
        self.touched.theme = true;
    }

    /// "Keep the links themselves", changed in the window.
    pub fn set_keep_links(&mut self, keep: bool) {
        self.preferences.keep_links_in_history = keep;
        self.touched.keep_links = true;
    }

    /// The settings as read from the file: a choice made in the window before they
    /// arrived stays (it is saved already, after the read).
    pub fn loaded_preferences(&mut self, loaded: Preferences) {
        let Preferences {
            keep_links_in_history,
            theme,
        } = loaded;
        if !self.touched.theme {
            self.preferences.theme = theme;
        }
        if !self.touched.keep_links {
            self.preferences.keep_links_in_history = keep_links_in_history;
        }
    }

    /// Replaces the entries (as loaded from the file).
    pub fn set_entries(&mut self, entries: Vec<HistoryEntry>) {
        self.entries = entries;
        self.regroup();
    }

    /// Adds entries just made, in front.
    pub fn add_front(&mut self, entries: &[HistoryEntry]) {
        for entry in entries {
            self.entries.insert(0, entry.clone());
        }
        self.regroup();
    }

    /// Removes the entries equal to any of `gone`.
    pub fn remove(&mut self, gone: &[HistoryEntry]) {
        self.entries.retain(|e| !gone.contains(e));
        self.regroup();
    }

    /// Changes entries in place (their grouping may change too).
    pub fn update(&mut self, change: impl FnMut(&mut HistoryEntry)) {
        self.entries.iter_mut().for_each(change);
        self.regroup();
    }

    fn regroup(&mut self) {
        self.groups = group_copies(&self.entries);
        self.folded = self
            .groups
            .iter()
            .map(|g| search_text(&self.entries[g.latest()]))
            .collect();
    }

    /// The lines shown for the search, the sort and "Only links still working", as
    /// positions in `groups`.
    fn shown(&self, now: DateTime<Utc>) -> Vec<usize> {
        let needle = fold(self.filter.trim());
        let needle = (!needle.is_empty()).then(|| Needle::new(&needle));
        let mut shown: Vec<usize> = (0..self.groups.len())
            .filter(|&g| needle.as_ref().is_none_or(|n| n.is_in(&self.folded[g])))
            .filter(|&g| {
                !self.only_working
                    || line_state(&self.entries, &self.groups[g], self.demo.as_ref(), now).0
                        == ShareState::Active
            })
            .collect();
        let (groups, entries) = (&self.groups, &self.entries);
        let demo = self.demo.as_ref();
        // Stable: equal times keep the newest-first order.
        match self.sort {
            HistorySort::MadeNewest => {}
            HistorySort::MadeOldest => shown.sort_by_key(|&g| groups[g].made_at(entries)),
            HistorySort::EndsSoonest => shown.sort_by_key(|&g| {
                let ends = groups[g].ends_at(entries);
                if line_state(entries, &groups[g], demo, now).0 == ShareState::Active {
                    (false, ends, std::cmp::Reverse(ends))
                } else {
                    (true, DateTime::<Utc>::MIN_UTC, std::cmp::Reverse(ends))
                }
            }),
            HistorySort::EndsLatest => {
                shown.sort_by_key(|&g| std::cmp::Reverse(groups[g].ends_at(entries)));
            }
        }
        shown
    }

    /// The bottom-bar button text: one link per line (re-copies of a link are one).
    pub fn button_text(&self) -> String {
        tr!("history-button", count = self.groups.len())
    }

    /// The whole view; `connection` is the one the window is on (links can be renewed
    /// only through it).
    pub fn ui(&mut self, ui: &mut Ui, connection: &str) -> Option<HistoryAction> {
        let mut action = None;
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button(tr!("history-back")).clicked() {
                action = Some(HistoryAction::Close);
            }
            ui.heading(tr!("history-heading"));
        });
        ui.add(egui::Label::new(RichText::new(tr!("history-revoke-text")).weak()).wrap());
        ui.horizontal_wrapped(|ui| {
            search_field(
                ui,
                &mut self.filter,
                &SearchField {
                    label: &tr!("history-search"),
                    hint: &tr!("history-search-hint"),
                    clear: &tr!("history-search-clear"),
                    id: None,
                },
            );
            ui.add_space(8.0);
            let label = ui.label(tr!("history-sort"));
            egui::ComboBox::from_id_salt("s3share-history-sort")
                .selected_text(self.sort.label())
                .show_ui(ui, |ui| {
                    for sort in HistorySort::ALL {
                        ui.selectable_value(&mut self.sort, sort, sort.label());
                    }
                })
                .response
                .labelled_by(label.id);
            ui.add_space(8.0);
            ui.checkbox(&mut self.only_working, tr!("history-only-working"))
                .on_hover_text(tr!("history-only-working-hover"));
        });
        ui.horizontal(|ui| {
            let mut keep = self.preferences.keep_links_in_history;
            if ui
                .checkbox(&mut keep, tr!("history-keep-links"))
                .on_hover_text(tr!("history-keep-links-hover"))
                .changed()
            {
                action = Some(HistoryAction::KeepLinks(keep));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .add_enabled(
                        !self.entries.is_empty() && !self.confirm_clear,
                        egui::Button::new(tr!("history-clear-all")),
                    )
                    .clicked()
                {
                    self.confirm_clear = true;
                }
            });
        });
        // The question on a line of its own: beside the checkbox it would run over it in
        // a narrow window (and in longer languages).
        if self.confirm_clear {
            ui.horizontal_wrapped(|ui| {
                ui.label(tr!("history-clear-question"));
                if ui.button(tr!("history-clear")).clicked() {
                    self.confirm_clear = false;
                    action = Some(HistoryAction::ClearAll);
                }
                if ui.button(tr!("history-cancel")).clicked() {
                    self.confirm_clear = false;
                }
            });
        }
        if let Some(error) = &self.error {
            error_label(ui, error);
        }
        ui.separator();
        if self.entries.is_empty() {
            ui.add_space(30.0);
            ui.vertical_centered(|ui| {
                ui.label(RichText::new(tr!("history-empty")).size(15.0).weak());
            });
            return action;
        }
        let now = self.clock.now();
        let shown = self.shown(now);
        let busy = Busy {
            demo: self.demo.as_ref(),
            remaking: self.remaking.is_some(),
            taking_back: self.taking_back.as_ref().map(|(_, folder)| folder),
        };
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for &g in &shown {
                    let line = Line {
                        entries: &self.entries,
                        group: &self.groups[g],
                    };
                    if let Some(a) = line_ui(ui, &line, now, connection, &busy) {
                        action = Some(a);
                    }
                    ui.separator();
                }
                if shown.is_empty() {
                    let search = self.filter.trim();
                    let text = match (search.is_empty(), self.only_working) {
                        (true, _) => tr!("history-none-working"),
                        (false, true) => tr!("history-none-working-matches", search = search),
                        (false, false) => tr!("history-none-matches", search = search),
                    };
                    ui.label(RichText::new(text).weak());
                }
            });
        action
    }
}

/// Why a demo-storage link the demo storage running now no longer answers has ended: it
/// restarted on another port or with other keys since the link was made.
fn demo_gone(
    entry: &HistoryEntry,
    demo: Option<&s3share_core::demo::DemoSession>,
) -> Option<s3share_core::demo::LinkGone> {
    if entry.connection != s3share_core::saved::DEMO_NAME {
        return None;
    }
    demo.and_then(|d| d.gone(entry.url.as_deref(), entry.created_at))
}

/// Where one copy stands: its own state, or ended when demo storage no longer serves it.
fn copy_state(
    entry: &HistoryEntry,
    demo: Option<&s3share_core::demo::DemoSession>,
    now: DateTime<Utc>,
) -> (ShareState, Option<s3share_core::demo::LinkGone>) {
    match entry.state(now) {
        ShareState::Active => match demo_gone(entry, demo) {
            Some(gone) => (ShareState::Ended, Some(gone)),
            None => (ShareState::Active, None),
        },
        state => (state, None),
    }
}

/// Where a line stands: working while any of its copies works (copies made before and
/// after a demo-storage restart can share a line); else ended because demo storage
/// restarted when a copy would otherwise still work; else its own state (taken back,
/// ended).
fn line_state(
    entries: &[HistoryEntry],
    group: &LinkGroup,
    demo: Option<&s3share_core::demo::DemoSession>,
    now: DateTime<Utc>,
) -> (ShareState, Option<s3share_core::demo::LinkGone>) {
    let mut gone = None;
    for &i in group.members() {
        match copy_state(&entries[i], demo, now) {
            (ShareState::Active, _) => return (ShareState::Active, None),
            (_, Some(why)) if gone.is_none() => gone = Some(why),
            _ => {}
        }
    }
    match gone {
        Some(why) => (ShareState::Ended, Some(why)),
        None => (group.state(entries, now), None),
    }
}

/// What is in flight, so its buttons wait.
struct Busy<'a> {
    /// Demo storage as connected now (see [`demo_gone`]).
    demo: Option<&'a s3share_core::demo::DemoSession>,
    remaking: bool,
    taking_back: Option<&'a ManagedFolder>,
}

/// One line: a link and its re-copies.
struct Line<'a> {
    entries: &'a [HistoryEntry],
    group: &'a LinkGroup,
}

impl Line<'_> {
    fn latest(&self) -> &HistoryEntry {
        &self.entries[self.group.latest()]
    }

    fn copies(&self) -> impl Iterator<Item = &HistoryEntry> {
        self.group.members().iter().map(|&i| &self.entries[i])
    }

    /// The copies that still work (not those demo storage no longer serves).
    fn working<'b>(
        &'b self,
        demo: Option<&'b s3share_core::demo::DemoSession>,
        now: DateTime<Utc>,
    ) -> impl Iterator<Item = &'b HistoryEntry> {
        self.copies()
            .filter(move |e| copy_state(e, demo, now).0 == ShareState::Active)
    }

    /// The kept link that works longest, to copy again.
    fn url<'b>(
        &'b self,
        demo: Option<&'b s3share_core::demo::DemoSession>,
        now: DateTime<Utc>,
    ) -> Option<&'b str> {
        self.working(demo, now)
            .filter_map(|e| Some((e.expires_at, e.url.as_deref()?)))
            .max_by_key(|(ends, _)| *ends)
            .map(|(_, url)| url)
    }

    /// When it stops working: its last working copy's end, else its last copy's.
    fn ends_at(
        &self,
        demo: Option<&s3share_core::demo::DemoSession>,
        now: DateTime<Utc>,
    ) -> DateTime<Utc> {
        self.working(demo, now)
            .map(|e| e.expires_at)
            .max()
            .unwrap_or_else(|| self.group.ends_at(self.entries))
    }
}

fn line_ui(
    ui: &mut Ui,
    line: &Line<'_>,
    now: DateTime<Utc>,
    connection: &str,
    busy: &Busy<'_>,
) -> Option<HistoryAction> {
    let mut action = None;
    let entry = line.latest();
    let (state, restarted) = line_state(line.entries, line.group, busy.demo, now);
    let ends_at = line.ends_at(busy.demo, now);
    let expired = state != ShareState::Active;
    let remaking = busy.remaking;
    ui.horizontal(|ui| {
        // Buttons and badges from the right; the name takes what is left, shortened with
        // "…" when it must be (the whole name shows on hover).
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("🗑")
                .on_hover_text(match (line.group.copies() > 1, expired) {
                    (true, false) => tr!("history-remove-copies-working"),
                    (false, false) => tr!("history-remove-working"),
                    (true, true) => tr!("history-remove-copies"),
                    (false, true) => tr!("history-remove"),
                })
                .clicked()
            {
                action = Some(HistoryAction::Delete(line.copies().cloned().collect()));
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
                    .add_enabled(
                        same && !stopping,
                        egui::Button::new(tr!("history-stop-sharing")),
                    )
                    .on_hover_text(tr!("history-stop-sharing-hover", effect = effect))
                    .on_disabled_hover_text(if same {
                        tr!("history-stopping-another")
                    } else {
                        tr!(
                            "history-stop-other-connection",
                            connection = shown_name(&entry.connection)
                        )
                    });
                if response.clicked() {
                    action = Some(HistoryAction::StopSharing(Box::new(entry.clone())));
                }
            }
            match (line.url(busy.demo, now), expired) {
                (Some(url), false) => {
                    if ui
                        .button(tr!("history-copy-again"))
                        .on_hover_text(tr!("history-copy-again-hover"))
                        .clicked()
                    {
                        action = Some(HistoryAction::CopyAgain(url.to_owned()));
                    }
                }
                // A page (a file request's form) is signed once: it cannot be renewed by
                // signing its link again.
                _ if entry.managed.is_some() => {}
                _ => {
                    let same = entry.connection == connection;
                    let response = ui
                        .add_enabled(
                            same && !remaking,
                            egui::Button::new(tr!("history-make-new")),
                        )
                        .on_hover_text(tr!("history-make-new-hover"))
                        .on_disabled_hover_text(tr!(
                            "history-make-new-other-connection",
                            connection = shown_name(&entry.connection)
                        ));
                    if response.clicked() {
                        action = Some(HistoryAction::MakeNew(Box::new(entry.clone())));
                    }
                }
            }
            if restarted.is_none() {
                badge_ui(ui, state, ends_at, now);
            }
            // The state in the words the CLI uses too (`ShareState::label`).
            let label = if restarted.is_some() {
                tr!("history-ended-demo-restarted")
            } else {
                state.label()
            };
            let label = ui.label(RichText::new(label).small().strong());
            if let Some(gone) = restarted {
                label.on_hover_text(crate::demo_words::gone_words(gone));
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.add(egui::Label::new(RichText::new(line_name(entry)).strong()).truncate());
            });
        });
    });
    let mode = match (&entry.mode[..], &entry.filename, &entry.managed) {
        (_, _, Some(record)) => record.mode_text(),
        ("attachment", Some(name), _) => tr!("history-downloads-as", name = visible(name)),
        ("attachment", None, _) => tr!("history-downloads"),
        _ => tr!("history-opens-in-browser"),
    };
    // Ended before its time (taken back, demo storage restarted): when it would have ended.
    let ends = local_day_time(ends_at);
    let until = match state {
        ShareState::Active => tr!("history-works-until", time = ends),
        _ if now < ends_at => tr!("history-would-have-worked-until", time = ends),
        _ => tr!("history-ended-at", time = ends),
    };
    ui.add(
        egui::Label::new(
            RichText::new(format!(
                "{}/{} · {} · {} · {} · {until}",
                visible(&entry.bucket),
                visible(&entry.key),
                shown_name(&entry.connection),
                mode,
                tr!("history-made", time = local_day_time(entry.created_at)),
            ))
            .small()
            .weak(),
        )
        .wrap(),
    );
    if line.group.copies() > 1 {
        copies_ui(ui, line, now, busy.demo);
    }
    let mut said = Vec::new();
    for warning in line.copies().flat_map(|e| &e.warnings) {
        if said.contains(warning) {
            continue;
        }
        said.push(*warning);
        ui.label(
            RichText::new(format!("⚠ {}", warning.short()))
                .small()
                .color(ui.visuals().warn_fg_color),
        )
        .on_hover_text(warning.to_string());
    }
    action
}

/// What the line shares: the file's name, or a page's folder and what it is.
fn line_name(entry: &HistoryEntry) -> String {
    match &entry.managed {
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
    }
}

/// "expires in 3 h" on green while it works, grey once ended; nothing once taken back.
fn badge_ui(ui: &mut Ui, state: ShareState, ends_at: DateTime<Utc>, now: DateTime<Utc>) {
    // A taken-back link has nothing left to count down: its state says it all.
    if state == ShareState::TakenBack {
        return;
    }
    let (text, fill) = if state == ShareState::Active {
        // Dark text on the light green of dark mode, white on the dark green of light mode.
        (crate::theme::palette(ui.visuals()).on_ok, ok_color(ui))
    } else {
        (
            ui.visuals().weak_text_color(),
            ui.visuals().widgets.inactive.weak_bg_fill,
        )
    };
    egui::Frame::new()
        .fill(fill)
        .corner_radius(8.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(
                // Counted down live (one repaint when the words change, not every frame).
                RichText::new(crate::clock::expires_live(ui.ctx(), ends_at, now))
                    .small()
                    .color(text),
            );
        });
}

/// "copied 4 times", opening to when each copy was made and until when it works, latest
/// first (each copy's own state: demo storage may serve some and not others).
fn copies_ui(
    ui: &mut Ui,
    line: &Line<'_>,
    now: DateTime<Utc>,
    demo: Option<&s3share_core::demo::DemoSession>,
) {
    let latest = line.latest();
    let id = ui.make_persistent_id((
        "s3share-history-copies",
        &latest.key,
        &latest.bucket,
        latest.created_at,
    ));
    egui::CollapsingHeader::new(
        RichText::new(tr!("history-copied-times", count = line.group.copies())).small(),
    )
    .id_salt(id)
    .show(ui, |ui| {
        // Copies made in the same minute read the same: said once, with how many.
        let mut said: Vec<(String, usize)> = Vec::new();
        for copy in line.copies() {
            let ends = local_day_time(copy.expires_at);
            let until = match copy_state(copy, demo, now) {
                (ShareState::Active, _) => tr!("history-works-until", time = ends),
                _ if copy.is_expired(now) => tr!("history-ended-at", time = ends),
                _ => tr!("history-would-have-worked-until", time = ends),
            };
            let text = format!(
                "{} · {until}",
                tr!("history-made", time = local_day_time(copy.created_at))
            );
            match said.last_mut() {
                Some((last, count)) if *last == text => *count += 1,
                _ => said.push((text, 1)),
            }
        }
        for (text, count) in said {
            let text = if count > 1 {
                tr!("history-same-copies", text = text, count = count)
            } else {
                text
            };
            ui.label(RichText::new(text).small().weak());
        }
    });
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

    pub(super) fn history_op(&mut self, op: HistoryOp) {
        if let Some(store) = self.history_store.clone()
            && !self
                .backend
                .send(crate::bus::Command::History { store, op })
        {
            self.history.error = Some(tr!("history-too-busy-update"));
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
        self.history.add_front(&entries);
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
                self.history.update(|shown| {
                    if let Some(record) = &mut shown.managed
                        && record.folder == done.folder
                        && record.taken_back_at.is_none()
                    {
                        record.taken_back_at = Some(done.at);
                    }
                });
                let name = file_name(entry).into_owned();
                let effect = entry.stop_sharing_effect().unwrap_or_default();
                self.toast = Some(Toast::new(
                    ctx,
                    tr!("history-stopped-sharing", name = name, effect = effect),
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
        self.history.add_front(&entries);
        self.history_op(HistoryOp::Append(entries));
    }

    /// Records a page of files ("Share as one link").
    pub(super) fn record_page(&mut self, connection: &str, page: &FilesPage) {
        let keep = self.history.preferences.keep_links_in_history;
        self.record_entry(page.history_entry(connection, keep));
    }

    /// Adds one entry made elsewhere (a file request's page) to the view and the file.
    pub(super) fn record_entry(&mut self, entry: HistoryEntry) {
        self.history.add_front(std::slice::from_ref(&entry));
        self.history_op(HistoryOp::Append(vec![entry]));
    }

    pub(super) fn history_loaded(&mut self, entries: Vec<HistoryEntry>, preferences: Preferences) {
        self.history.set_entries(entries);
        self.history.loaded_preferences(preferences);
        self.history.error = None;
    }

    pub(super) fn history_action(&mut self, ctx: &egui::Context, action: HistoryAction) {
        match action {
            HistoryAction::Close => self.history.open = false,
            HistoryAction::CopyAgain(url) => {
                self.clipboard.copy(ctx, url);
                self.toast = Some(Toast::new(ctx, tr!("history-copied-again"), true));
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
            HistoryAction::Delete(entries) => {
                self.history.remove(&entries);
                self.history_op(HistoryOp::Remove(entries));
            }
            HistoryAction::ClearAll => {
                self.history.set_entries(Vec::new());
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
                    self.history.error = Some(tr!("history-too-busy-stop"));
                }
            }
            HistoryAction::KeepLinks(keep) => {
                self.history.set_keep_links(keep);
                self.history_op(HistoryOp::SaveKeepLinks(keep));
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

    #[test]
    fn demo_storage_lines_are_found_by_its_name_in_every_language() {
        let created: DateTime<Utc> = "2026-01-01T10:00:00Z".parse().unwrap();
        let demo = HistoryEntry {
            connection: s3share_core::saved::DEMO_NAME.to_owned(),
            ..entry("report.pdf", created, 1)
        };
        let (demo, work) = (
            search_text(&demo),
            search_text(&entry("report.pdf", created, 1)),
        );
        for label in ["Demo-Speicher", "Stockage de démo", "Demo storage"] {
            assert!(demo.contains(&fold(label)), "{label} in {demo:?}");
            assert!(!work.contains(&fold(label)), "{label} in {work:?}");
        }
    }

    fn entry(key: &str, created: DateTime<Utc>, hours: i64) -> HistoryEntry {
        HistoryEntry {
            created_at: created,
            connection: "Work".to_owned(),
            bucket: "b".to_owned(),
            key: key.to_owned(),
            mode: "inline".to_owned(),
            filename: None,
            expires_at: created + chrono::Duration::hours(hours),
            url: None,
            warnings: Vec::new(),
            managed: None,
        }
    }

    /// "Ends soonest first": working links by when they end, then the ended ones (the
    /// latest ended first), never an ended link on top.
    #[test]
    fn ending_soonest_puts_ended_links_after_working_ones() {
        let now: DateTime<Utc> = "2026-01-10T12:00:00Z".parse().unwrap();
        let mut view = HistoryView {
            clock: crate::clock::Clock::manual(now),
            ..HistoryView::default()
        };
        view.set_entries(vec![
            entry("long-ended", now - chrono::Duration::days(5), 1),
            entry("ends-later", now - chrono::Duration::hours(1), 48),
            entry("just-ended", now - chrono::Duration::hours(3), 2),
            entry("ends-soon", now - chrono::Duration::hours(2), 3),
        ]);
        view.sort = HistorySort::EndsSoonest;
        let keys: Vec<&str> = view
            .shown(now)
            .into_iter()
            .map(|g| view.entries[view.groups[g].latest()].key.as_str())
            .collect();
        assert_eq!(
            keys,
            ["ends-soon", "ends-later", "just-ended", "long-ended"]
        );
    }

    /// A theme or keep-links choice made before the settings file answered stays.
    #[test]
    fn choices_made_before_the_settings_arrive_stay() {
        let mut view = HistoryView::default();
        view.set_theme(ThemeChoice::Dark);
        view.loaded_preferences(Preferences {
            keep_links_in_history: true,
            theme: ThemeChoice::Light,
        });
        assert_eq!(view.preferences.theme, ThemeChoice::Dark);
        assert!(
            view.preferences.keep_links_in_history,
            "untouched: from the file"
        );
        view.set_keep_links(false);
        view.loaded_preferences(Preferences {
            keep_links_in_history: true,
            theme: ThemeChoice::Light,
        });
        assert!(!view.preferences.keep_links_in_history);
    }

    /// Copies of one link made before and after a demo-storage restart share a line: it
    /// works (through the copy made since), and Copy again hands out that copy, not the
    /// older one demo storage no longer serves, even though that one would end later.
    #[test]
    fn a_line_works_through_the_copies_demo_storage_still_serves() {
        let now: DateTime<Utc> = "2026-01-10T12:00:00Z".parse().unwrap();
        let minutes = chrono::Duration::minutes;
        let demo = s3share_core::demo::DemoSession {
            endpoint: "http://127.0.0.1:9000".to_owned(),
            access_key_id: "NEWKEY".to_owned(),
            restarted_at: Some(now - minutes(3)),
            restart: Vec::new(),
            session_only_keys: false,
        };
        let copy = |port: u16, key: &str, made: i64, ends: i64| HistoryEntry {
            connection: s3share_core::saved::DEMO_NAME.to_owned(),
            url: Some(format!(
                "http://127.0.0.1:{port}/b/k?X-Amz-Credential={key}%2F20260110%2Fus-east-1"
            )),
            expires_at: now + minutes(ends),
            ..entry("k", now - minutes(made), 0)
        };
        let before = copy(8000, "OLDKEY", 5, 120);
        let after = copy(9000, "NEWKEY", 1, 115);
        let entries = vec![after.clone(), before];
        let groups = group_copies(&entries);
        assert_eq!(groups.len(), 1, "one line");
        let line = Line {
            entries: &entries,
            group: &groups[0],
        };
        assert_eq!(
            line_state(&entries, &groups[0], Some(&demo), now),
            (ShareState::Active, None)
        );
        assert_eq!(line.url(Some(&demo), now), after.url.as_deref());
        assert_eq!(line.ends_at(Some(&demo), now), after.expires_at);
    }
}
