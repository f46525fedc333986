//! The window (eframe/egui). [`App`] owns the state: `logic()` drains backend events (also
//! while the window is hidden), `ui()` draws and turns clicks into backend commands. The UI
//! thread never waits for the network.

pub mod app_uploads;
pub mod backend;
pub mod browser;
pub mod bus;
pub mod clock;
mod connection_jobs;
pub mod connections;
mod demo_words;
pub mod file_request;
pub mod history;
pub mod history_jobs;
mod language;
pub mod name_filter;
mod native;
pub mod protect_dialog;
mod remembered;
pub mod share_panel;
mod system_theme;
pub mod theme;
mod top_bar;
pub mod upload_worker;
pub mod uploads;
pub mod widgets;

pub use native::run;
pub use remembered::Remembered;

use std::time::Instant;

use egui::RichText;

use self::backend::Backend;
use self::browser::{Browser, BrowserAction, Buckets, Row};
use self::bus::{Command, Event, RequestId, Start};
use self::connections::{ConnectionAction, Connections};
use self::history::HistoryView;
use self::history_jobs::HistoryStore;
use self::share_panel::{ShareAction, SharePanel, TestState};
use self::widgets::{Clipboard, ClipboardCloseGuard, Toast, error_label};
use s3share_core::credentials::CredentialsInfo;
use s3share_core::preferences::ThemeChoice;
use s3share_core::{ConnectionSettings, S3Location};

/// Below this window width (points) the share panel goes below the list instead of
/// beside it.
pub const STACK_BELOW_WIDTH: f32 = 900.0;

/// The window title (also what tests and window managers look for).
pub const TITLE: &str = "S3 Share";

#[derive(Clone, Debug, PartialEq, Eq)]
enum ConnectionState {
    Connecting,
    Ready,
    Failed(String),
}

pub struct App {
    backend: Backend,
    uploads: uploads::UploadQueue,
    /// The links being made for uploaded files.
    upload_links: Option<RequestId>,
    /// The file chooser is open (on the backend) for this request.
    choosing_files: Option<RequestId>,
    /// The window's own chooser, open (the desktop has none).
    in_app_chooser: Option<uploads::InAppChooser>,
    /// The desktop answered that it has no file chooser: the window's own is used.
    no_desktop_chooser: bool,
    /// Asking whether to close while uploads run; and the answer was yes.
    asking_close: bool,
    confirmed_close: bool,
    clipboard: Clipboard,
    remembered: Remembered,
    connection_name: String,
    connection: ConnectionState,
    demo: bool,
    credentials: Option<CredentialsInfo>,
    buckets: Buckets,
    browser: Browser,
    share: SharePanel,
    history: HistoryView,
    /// Where links are recorded (`None`: only in memory, e.g. in tests).
    history_store: Option<HistoryStore>,
    clipboard_close: ClipboardCloseGuard,
    connections: Connections,
    /// The open "Request files" dialog.
    file_request: Option<file_request::FileRequestDialog>,
    /// The open "Protect with a password" dialog.
    protect: Option<protect_dialog::ProtectDialog>,
    toast: Option<Toast>,
    /// Where the window was launched, to report the time to the first frame once.
    launched: Option<Instant>,
    filter_id: egui::Id,
    /// The desktop's light/dark setting, when the system tells (see `system_theme.rs`).
    system_dark: Option<bool>,
    /// The language chosen in View → Language (`None`: the system's); see `language.rs`.
    language: Option<s3share_core::i18n::Language>,
    /// How many times the desktop has said its light/dark setting (tests wait for one).
    system_theme_said: usize,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("connection", &self.connection_name)
            .field("bucket", &self.browser.bucket)
            .field("prefix", &self.browser.prefix)
            .finish_non_exhaustive()
    }
}

/// True when the standard AWS chain has something to find (the core's rule).
pub use s3share_core::aws_files::aws_credentials_present;

impl App {
    /// The real window: remembered choices from eframe storage; AWS keys if there are
    /// any, demo storage otherwise. `theme`: the one in the settings, read before the
    /// window opened so the first frame already has it.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        settings: Option<ConnectionSettings>,
        launched: Instant,
        theme: ThemeChoice,
    ) -> std::io::Result<Self> {
        let remembered: Remembered = cc
            .storage
            .and_then(|s| eframe::get_value::<Remembered>(s, eframe::APP_KEY))
            .map(Remembered::migrated)
            .unwrap_or_default();
        // `--profile NAME`: that saved connection, else that AWS profile. Without flags:
        // the connection open last time, else AWS keys, else demo storage.
        let start = match settings {
            Some(settings) => connections::start_for_flags(settings),
            None => {
                connections::start_for(remembered.connection.as_deref(), aws_credentials_present())
            }
        };
        let mut app = Self::with_start(&cc.egui_ctx, start, remembered, Clipboard::system())?
            .with_history(HistoryStore::default_paths());
        app.launched = Some(launched);
        app.history.preferences.theme = theme;
        theme::apply(&cc.egui_ctx, theme, None);
        app.follow_system_theme();
        app.load_language();
        Ok(app)
    }

    /// How many times the desktop has said its light/dark setting so far (once at the
    /// start, then at each change of it).
    pub fn system_theme_said(&self) -> usize {
        self.system_theme_said
    }

    /// Starts following the desktop's light/dark setting (the real window does at start).
    pub fn follow_system_theme(&self) {
        self.backend.send(Command::WatchSystemTheme);
    }

    /// A window on `settings` (e.g. a running demo server), for tests and benchmarks.
    pub fn new_for_test(
        ctx: &egui::Context,
        settings: ConnectionSettings,
        clipboard: Clipboard,
    ) -> std::io::Result<Self> {
        Self::with_start(
            ctx,
            Start::Connection(settings),
            Remembered::default(),
            clipboard,
        )
    }

    pub fn with_start(
        ctx: &egui::Context,
        start: Start,
        remembered: Remembered,
        clipboard: Clipboard,
    ) -> std::io::Result<Self> {
        let demo = matches!(start, Start::DemoStorage { .. });
        let connection_name = start_name(&start);
        native::install_fonts(ctx);
        theme::install(ctx);
        let backend = Backend::start(ctx.clone())?;
        backend.send(Command::Connect(start));
        backend.send(Command::ListBuckets);
        let mut connections = Connections::new(aws_credentials_present());
        connections.reload(&backend);
        let browser = Browser::default();
        let uploads = uploads::UploadQueue::default();
        let mut history = HistoryView::default();
        history.sort = remembered.history_sort;
        history.only_working = remembered.history_only_working;
        Ok(Self {
            backend,
            uploads,
            upload_links: None,
            choosing_files: None,
            in_app_chooser: None,
            no_desktop_chooser: false,
            asking_close: false,
            confirmed_close: false,
            clipboard,
            share: SharePanel::default(),
            history,
            history_store: None,
            clipboard_close: ClipboardCloseGuard::default(),
            connections,
            file_request: None,
            protect: None,
            remembered,
            connection_name,
            connection: ConnectionState::Connecting,
            demo,
            credentials: None,
            buckets: Buckets::Loading,
            browser,
            toast: None,
            launched: None,
            filter_id: egui::Id::unique("s3share-filter"),
            system_dark: None,
            language: None,
            system_theme_said: 0,
        })
    }

    /// The window reading time from `clock` (tests set a manual one to see countdowns end).
    pub fn with_clock(mut self, clock: clock::Clock) -> Self {
        self.share.clock = clock.clone();
        self.history.clock = clock;
        self
    }

    /// Applies one backend answer (the only way state changes from the network).
    pub fn handle_event(&mut self, ctx: &egui::Context, event: Event) {
        let Some(event) = self.upload_event(ctx, event) else {
            return;
        };
        match event {
            Event::Connected { name, demo } => {
                if self.remembered.connection.as_deref() != Some(name.as_str()) {
                    self.remembered.bucket = None;
                    self.remembered.folder.clear();
                    self.remembered.connection = Some(name.clone());
                }
                self.connection_name = name;
                self.share.preview.clear();
                self.demo = demo.is_some();
                if let Some((text, detail)) = demo.as_ref().and_then(demo_words::start_notice) {
                    self.toast = Some(Toast::new(ctx, text, false).with_detail(detail));
                }
                self.history.demo = demo;
                self.connection = ConnectionState::Ready;
                self.clean_ended_on_connect();
            }
            Event::ConnectFailed(error) => {
                self.connection = ConnectionState::Failed(error.to_string());
                self.buckets = Buckets::Failed(error.to_string());
            }
            Event::Credentials(info) => self.credentials = Some(info),
            Event::SystemTheme { dark } => {
                self.system_dark = dark;
                self.system_theme_said += 1;
            }
            Event::Buckets(Ok(list)) => {
                if self.browser.bucket.is_none() {
                    let remembered = self
                        .remembered
                        .bucket
                        .clone()
                        .filter(|b| list.iter().any(|x| &x.name == b));
                    let only = (list.len() == 1).then(|| list[0].name.clone());
                    if let Some(bucket) = remembered {
                        let folder = self.remembered.folder.clone();
                        self.open_folder(bucket, folder);
                    } else if let Some(bucket) = only {
                        self.open_folder(bucket, String::new());
                    }
                }
                self.buckets = Buckets::Ready(list);
            }
            Event::Buckets(Err(error)) => self.buckets = Buckets::Failed(error.to_string()),
            Event::Listed {
                generation,
                page,
                done,
            } if generation == self.browser.generation => self.browser.add_page(page, done),
            Event::ListFailed { generation, error } if generation == self.browser.generation => {
                self.browser.fail(error.to_string());
            }
            Event::LinksReady { request, result } => self.links_ready(ctx, request, result),
            Event::CopiesReady { request, result } => self.copies_ready(ctx, request, result),
            Event::TakenBack {
                request,
                entry,
                result,
            } => self.taken_back(ctx, request, &entry, result),
            Event::HistoryLoaded {
                entries,
                preferences,
            } => self.history_loaded(entries, preferences),
            Event::HistoryFailed(message) => self.history.error = Some(message),
            Event::Connections(answer) => {
                let actions =
                    self.connections
                        .handle_event(&self.backend, answer, &self.connection_name);
                self.connection_actions(ctx, actions);
            }
            Event::LinkTested { request, result } => {
                if matches!(self.share.test, TestState::Pending { request: pending } if pending == request)
                {
                    self.share.test = TestState::Done(result);
                }
            }
            Event::MailOpened { request, outcome } => self.mail_opened(ctx, request, outcome),
            Event::Previewed {
                request,
                object,
                result,
            } => self.share.preview.answered(ctx, request, &object, result),
            Event::PageReady { request, result } => self.page_ready(ctx, request, result),
            Event::RowsFiltered { request, rows } => self.browser.filtered(request, rows),
            Event::FileRequestReady { request, result } => self.file_request_ready(request, result),
            Event::ProtectProgress { request, step } => self.protect_progress(request, step),
            Event::Protected { request, result } => self.protect_done(request, result),
            // Stale listing answers; upload events were taken by `upload_event` above.
            _ => {}
        }
    }

    /// Opens another connection: the browser starts over (older listing answers are
    /// dropped by their generation).
    fn switch_connection(&mut self, start: Start) {
        let mut browser = Browser::default();
        browser.generation = self.browser.generation + 1;
        self.browser = browser;
        self.share.select(None);
        self.connection_name = start_name(&start);
        self.demo = matches!(start, Start::DemoStorage { .. });
        self.connection = ConnectionState::Connecting;
        self.credentials = None;
        self.buckets = Buckets::Loading;
        self.remembered.bucket = None;
        self.remembered.folder.clear();
        self.backend.send(Command::Connect(start));
        self.backend.send(Command::ListBuckets);
    }

    fn connection_actions(&mut self, ctx: &egui::Context, actions: Vec<ConnectionAction>) {
        for action in actions {
            match action {
                ConnectionAction::Switch(start) => self.switch_connection(start),
                ConnectionAction::Notice(text) => self.toast = Some(Toast::new(ctx, text, true)),
            }
        }
    }

    /// The generation the open folder's listing answers carry (see [`Event::Listed`]).
    pub fn listing_generation(&self) -> u64 {
        self.browser.generation
    }

    /// Rows received for the open folder, and rows shown after the filter.
    pub fn listing_counts(&mut self) -> (usize, usize) {
        self.browser.counts(self.remembered.sort)
    }

    /// View → Theme: the user's choice (kept in the settings file).
    pub fn theme_choice(&self) -> ThemeChoice {
        self.history.preferences.theme
    }

    /// The filter's answer is still being computed on another thread.
    pub fn filtering(&self) -> bool {
        self.browser.filtering()
    }

    /// Hands a large filter scan to the backend (the rows shown stay until its answer).
    fn send_filter_job(&mut self, ctx: &egui::Context) {
        let Some((request, job)) = self.browser.take_filter_job() else {
            return;
        };
        if !self.backend.send(Command::FilterRows {
            request,
            job: job.clone(),
        }) {
            // The backend's queue is full: offered again shortly, never scanned here (a
            // scan of a few million names would freeze the window).
            self.browser.hold_filter_job(request, job);
            ctx.request_repaint_after(std::time::Duration::from_millis(16));
        }
    }

    fn open_folder(&mut self, bucket: String, prefix: String) {
        // Where the user is, remembered for the next start.
        self.remembered.bucket = Some(bucket.clone());
        self.remembered.folder.clone_from(&prefix);
        self.browser.show_own_files = self.remembered.show_own_files;
        let generation = self.browser.open(bucket.clone(), prefix.clone());
        self.sync_share_selection();
        let folder = S3Location {
            bucket,
            key: prefix,
        };
        if !self
            .backend
            .send(Command::ListFolder { folder, generation })
        {
            self.browser.fail(s3share_core::tr!("window-too-busy-list"));
        }
    }

    fn refresh(&mut self) {
        match self.browser.bucket.clone() {
            Some(bucket) => {
                let prefix = self.browser.prefix.clone();
                self.open_folder(bucket, prefix);
            }
            None => {
                self.buckets = Buckets::Loading;
                self.backend.send(Command::ListBuckets);
            }
        }
    }

    fn apply(&mut self, ctx: &egui::Context, action: BrowserAction) {
        match action {
            BrowserAction::OpenBucket(bucket) => self.open_folder(bucket, String::new()),
            BrowserAction::OpenFolder(prefix) => {
                if let Some(bucket) = self.browser.bucket.clone() {
                    self.open_folder(bucket, prefix);
                }
            }
            BrowserAction::Select(_) => {
                // The browser already applied the click (Ctrl/Shift pick several).
                // Back to the list: arrow keys move the selection again.
                ctx.memory_mut(|m| {
                    if let Some(id) = m.focused() {
                        m.surrender_focus(id);
                    }
                });
                self.sync_share_selection();
            }
            BrowserAction::Refresh => {
                if matches!(self.buckets, Buckets::Failed(_) | Buckets::Ready(_))
                    && self.browser.bucket.is_none()
                {
                    self.buckets = Buckets::Loading;
                    self.backend.send(Command::ListBuckets);
                } else {
                    self.refresh();
                }
            }
        }
    }

    /// The folder the share panel offers as one page: the folder row selected (true), or
    /// the folder open when nothing is selected (false, its row named for display).
    fn share_folder(&self) -> Option<(Row, bool)> {
        if let Some(row) = self
            .browser
            .selected_row()
            .filter(|row| row.folder && self.browser.picked.len() <= 1)
        {
            return Some((row.clone(), true));
        }
        let bucket = self.browser.bucket.clone()?;
        // Something is selected (cheap to tell: this runs every frame).
        if self.browser.picked.len() > 1 || self.browser.selected_row().is_some() {
            return None;
        }
        let prefix = &self.browser.prefix;
        Some((
            Row::folder(if prefix.is_empty() {
                format!("{bucket}/")
            } else {
                prefix.clone()
            }),
            false,
        ))
    }

    /// The share panel, and "Request files…" when no file is selected.
    fn share_panel_ui(&mut self, ui: &mut egui::Ui, stacked: bool) -> Option<ShareAction> {
        let rows = self.browser.selected_files();
        let folder = self.share_folder();
        let action = self.share.ui(
            ui,
            &rows,
            folder.as_ref().map(|(row, selected)| (row, *selected)),
            &mut self.remembered.share,
            self.credentials.as_ref(),
            stacked,
        );
        // With no file selected: ask others for files, into this folder.
        if rows.is_empty()
            && let Some(folder) = self.file_request_target()
        {
            ui.vertical_centered(|ui| {
                ui.add_space(if stacked { 8.0 } else { 24.0 });
                ui.separator();
                ui.add_space(8.0);
                if ui
                    .button(s3share_core::tr!("window-request-files"))
                    .on_hover_text(s3share_core::tr!("window-request-files-hover"))
                    .clicked()
                {
                    self.open_file_request(folder);
                }
            });
        }
        action
    }

    fn sync_share_selection(&mut self) {
        let Some(bucket) = self.browser.bucket.clone() else {
            self.share.select(None);
            self.share.select_folder(None);
            return;
        };
        // The folder row selected, else (no file selected) the folder open.
        let folder = self.share_folder().map(|(row, selected)| S3Location {
            bucket: bucket.clone(),
            key: if selected {
                row.key
            } else {
                self.browser.prefix.clone()
            },
        });
        self.share.select_folder(folder);
        let objects = self
            .browser
            .selected_files()
            .into_iter()
            .map(|row| S3Location {
                bucket: bucket.clone(),
                key: row.key,
            })
            .collect();
        self.share.select_many(objects);
    }
}

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        while let Some(event) = self.backend.try_recv() {
            self.handle_event(ctx, event);
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if let Some(launched) = self.launched.take() {
            tracing::info!(ms = launched.elapsed().as_millis(), "first frame");
        }
        theme::apply(&ctx, self.history.preferences.theme, self.system_dark);
        if !self.connections.is_dialog_open() {
            self.keyboard(&ctx);
        }

        let mut browser_action = None;
        egui::Panel::top("top").show(ui, |ui| {
            ui.add_space(4.0);
            browser_action = self.top_bar_ui(ui);
            if self.demo {
                ui.add_space(2.0);
                self.banner_ui(ui);
            }
            if let ConnectionState::Failed(message) = &self.connection {
                let message = message.clone();
                error_label(ui, &message);
            }
            ui.add_space(4.0);
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let text = browser::status_text(&mut self.browser, self.remembered.sort)
                    .unwrap_or_default();
                ui.label(RichText::new(text).weak());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let open = self.history.open;
                    if ui
                        .selectable_label(open, self.history.button_text())
                        .on_hover_text(s3share_core::tr!("window-history-hover"))
                        .clicked()
                    {
                        self.history.open = !open;
                    }
                    ui.separator();
                    ui.label(
                        RichText::new(s3share_core::tr!("window-keys-hint"))
                            .small()
                            .weak(),
                    );
                });
            });
        });
        self.uploads_strip_ui(ui);
        // A narrow window puts the share panel below the list, across the whole width:
        // names keep their width, and Copy link stays in sight without a panel to open
        // (a collapsed panel would hide the one button a person came for).
        let stacked = ui.available_width() < STACK_BELOW_WIDTH;
        let mut share_action = None;
        // Under the list, the panel would leave history a strip: history takes the room
        // until "Back to files".
        if stacked && !self.history.open {
            let height = ui.available_height();
            egui::Panel::bottom("share-below")
                .resizable(true)
                .default_size((height * 0.55).clamp(200.0, 340.0))
                .size_range(150.0..=(height * 0.75).max(150.0))
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .auto_shrink([false, false])
                        .show(ui, |ui| share_action = self.share_panel_ui(ui, true));
                });
        }
        egui::Panel::left("buckets")
            .resizable(true)
            .default_size(190.0)
            .size_range(140.0..=360.0)
            .show(ui, |ui| {
                if let Some(a) = self.browser.buckets_ui(ui, &self.buckets) {
                    browser_action = Some(a);
                }
            });
        if !stacked {
            // Resizable by its left edge; at most half the window, so the list keeps room.
            let max = (ui.available_width() * 0.5).max(280.0);
            egui::Panel::right("share")
                .resizable(true)
                .default_size(320.0)
                .size_range(260.0..=max.min(560.0))
                .show(ui, |ui| share_action = self.share_panel_ui(ui, false));
        }
        let mut history_action = None;
        egui::CentralPanel::default().show(ui, |ui| {
            if self.history.open {
                history_action = self.history.ui(ui, &self.connection_name);
            } else if let Some(a) = self.browser.listing_ui(ui, &mut self.remembered.sort) {
                browser_action = Some(a);
            }
        });
        if let Some(action) = history_action {
            self.history_action(&ctx, action);
        }

        if let Some(action) = browser_action {
            self.apply(&ctx, action);
        }
        if let Some(action) = share_action {
            self.share_action(&ctx, action);
        }
        if let Some(command) = self.share.preview.take_command()
            && !self.backend.send(command)
        {
            self.share.preview.not_sent(&ctx);
        }
        self.uploads_ui(&ctx);
        self.file_request_ui(&ctx);
        self.protect_ui(&ctx);
        let copied_at = self.clipboard.copied_at();
        self.clipboard_close.ui(
            &ctx,
            copied_at,
            self.asking_close,
            &mut self.confirmed_close,
        );
        let actions = self
            .connections
            .dialog_ui(&ctx, &self.backend, &self.connection_name);
        self.connection_actions(&ctx, actions);
        if let Some(toast) = &self.toast
            && !toast.show(&ctx)
        {
            self.toast = None;
        }
        self.send_filter_job(&ctx);
        theme::paint_focus_ring(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remembered.history_sort = self.history.sort;
        self.remembered.history_only_working = self.history.only_working;
        eframe::set_value(storage, eframe::APP_KEY, &self.remembered);
    }
}

/// The name shown for a connection until the backend confirms it.
fn start_name(start: &Start) -> String {
    match start {
        Start::Connection(s) => s.name.clone(),
        Start::DemoStorage { .. } => connections::DEMO_NAME.to_owned(),
        Start::Saved { connection, .. } => connection.name.clone(),
        Start::Named { name, .. } => name.clone(),
    }
}
