//! Small pieces shared by the panels: the clipboard seam, the toast, status colours and
//! times in the user's own time zone.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use egui::{Align2, RichText, Ui};

/// Where copied links go. One seam, so tests can read what the window copied.
#[derive(Clone, Debug)]
pub enum Clipboard {
    /// The system clipboard: plain text through egui (written at the end of the frame),
    /// HTML through one `arboard` clipboard made on first use and kept for the app's life
    /// (on X11 the app itself serves what it copied, for as long as that object lives).
    System(SystemClipboard),
    /// Keeps every copy, newest last (tests): the plain text, and the HTML when there was.
    Recording {
        text: Arc<Mutex<Vec<String>>>,
        html: Arc<Mutex<Vec<Option<String>>>>,
    },
}

impl Default for Clipboard {
    fn default() -> Self {
        Self::system()
    }
}

/// The `arboard` clipboard, created lazily on the UI thread, and when something was last
/// copied.
#[derive(Clone, Default)]
pub struct SystemClipboard(
    Arc<Mutex<Option<arboard::Clipboard>>>,
    Arc<Mutex<Option<Instant>>>,
);

impl std::fmt::Debug for SystemClipboard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SystemClipboard")
    }
}

impl SystemClipboard {
    /// Puts HTML with its plain-text alternative on the clipboard.
    pub fn set_html(&self, html: &str, text: &str) -> Result<(), arboard::Error> {
        let mut slot = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if slot.is_none() {
            *slot = Some(arboard::Clipboard::new()?);
        }
        let clipboard = slot.as_mut().ok_or(arboard::Error::ClipboardNotSupported)?;
        clipboard.set().html(html, Some(text))?;
        self.copied();
        Ok(())
    }

    fn copied(&self) {
        *self.1.lock().unwrap_or_else(PoisonError::into_inner) = Some(Instant::now());
    }

    /// What the clipboard holds as text (for tests of the real clipboard).
    pub fn get_text(&self) -> Result<String, arboard::Error> {
        let mut slot = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if slot.is_none() {
            *slot = Some(arboard::Clipboard::new()?);
        }
        slot.as_mut()
            .ok_or(arboard::Error::ClipboardNotSupported)?
            .get_text()
    }
}

impl Clipboard {
    /// When the window last put something on the system clipboard.
    pub fn copied_at(&self) -> Option<Instant> {
        match self {
            Clipboard::System(system) => *system.1.lock().unwrap_or_else(PoisonError::into_inner),
            Clipboard::Recording { .. } => None,
        }
    }

    pub fn system() -> Self {
        Self::System(SystemClipboard::default())
    }

    /// A recording clipboard and the list of texts it writes to.
    pub fn recording() -> (Self, Arc<Mutex<Vec<String>>>) {
        let (clipboard, text, _) = Self::recording_with_html();
        (clipboard, text)
    }

    /// A recording clipboard, its texts and, for each copy, the HTML (if any).
    #[expect(clippy::type_complexity, reason = "two plain logs, for tests")]
    pub fn recording_with_html() -> (
        Self,
        Arc<Mutex<Vec<String>>>,
        Arc<Mutex<Vec<Option<String>>>>,
    ) {
        let text = Arc::new(Mutex::new(Vec::new()));
        let html = Arc::new(Mutex::new(Vec::new()));
        (
            Self::Recording {
                text: Arc::clone(&text),
                html: Arc::clone(&html),
            },
            text,
            html,
        )
    }

    pub fn copy(&self, ctx: &egui::Context, text: String) {
        match self {
            Clipboard::System(system) => {
                ctx.copy_text(text);
                system.copied();
            }
            Clipboard::Recording { text: log, html } => {
                log.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(text);
                html.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(None);
            }
        }
    }

    /// Copies HTML with a plain-text alternative. Returns false when only the plain text
    /// could be copied (no clipboard that takes HTML, e.g. Wayland without XWayland).
    pub fn copy_html(&self, ctx: &egui::Context, html: String, text: String) -> bool {
        match self {
            Clipboard::System(system) => match system.set_html(&html, &text) {
                Ok(()) => true,
                Err(e) => {
                    tracing::warn!(error = %e, "HTML could not be copied; copying plain text");
                    ctx.copy_text(text);
                    system.copied();
                    false
                }
            },
            Clipboard::Recording {
                text: log,
                html: html_log,
            } => {
                log.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(text);
                html_log
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(Some(html));
                true
            }
        }
    }
}

/// Seconds after a copy in which closing the window asks first (on Linux).
const CLOSE_AFTER_COPY_SECS: u64 = 20;

/// On Linux, what the window copied is served by the window itself: it goes when the window
/// does, unless a clipboard manager took a copy. Closing right after copying asks once.
#[derive(Debug, Default)]
pub struct ClipboardCloseGuard {
    asking: bool,
    /// The copy already asked about (never twice for the same one).
    asked_for: Option<Instant>,
}

impl ClipboardCloseGuard {
    /// Call every frame. `busy`: another close question is on screen (it goes first);
    /// `confirmed`: the user already agreed to close (set here too).
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        copied_at: Option<Instant>,
        busy: bool,
        confirmed: &mut bool,
    ) {
        let recent = copied_at.filter(|t| t.elapsed() < Duration::from_secs(CLOSE_AFTER_COPY_SECS));
        if cfg!(all(unix, not(target_os = "macos")))
            && ctx.input(|i| i.viewport().close_requested())
            && !*confirmed
            && !busy
            && recent.is_some()
            && self.asked_for != recent
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.asking = true;
            self.asked_for = recent;
        }
        if !self.asking {
            return;
        }
        egui::Modal::new(egui::Id::unique("s3share-clipboard-close")).show(ctx, |ui| {
            ui.set_max_width(380.0);
            ui.label(RichText::new("Paste the link before closing?").strong());
            ui.add_space(4.0);
            ui.add(
                egui::Label::new(
                    "What you just copied stays on the clipboard only while S3 Share is open, \
                     unless you use a clipboard manager. Paste it first, or close anyway.",
                )
                .wrap(),
            );
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Keep S3 Share open").clicked() {
                    self.asking = false;
                }
                if ui.button("Close anyway").clicked() {
                    self.asking = false;
                    *confirmed = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
        });
    }
}

/// How long a toast stays, in seconds.
const TOAST_SECS: f64 = 6.0;

/// A short message at the bottom of the window that goes away by itself.
#[derive(Clone, Debug)]
pub struct Toast {
    pub text: String,
    pub ok: bool,
    /// More on it, shown when the pointer rests on it.
    pub detail: Option<String>,
    /// `egui` time when it appeared.
    shown_at: f64,
}

impl Toast {
    /// `text` may hold names from shared buckets: control and bidi characters in it are
    /// made visible (see `core::visible`).
    pub fn new(ctx: &egui::Context, text: impl Into<String>, ok: bool) -> Self {
        let text = text.into();
        Self {
            text: s3share_core::visible::visible(&text).into_owned(),
            ok,
            detail: None,
            shown_at: ctx.input(|i| i.time),
        }
    }

    /// With `detail` shown when the pointer rests on the toast.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(s3share_core::visible::visible(&detail.into()).into_owned());
        self
    }

    /// Draws the toast; false once it has expired. Schedules exactly one repaint to
    /// remove it, so an idle window stays idle.
    pub fn show(&self, ctx: &egui::Context) -> bool {
        let age = ctx.input(|i| i.time) - self.shown_at;
        if age >= TOAST_SECS {
            return false;
        }
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(TOAST_SECS - age));
        egui::Area::new(egui::Id::unique("s3share-toast"))
            .anchor(Align2::CENTER_BOTTOM, egui::vec2(0.0, -48.0))
            .order(egui::Order::Foreground)
            .interactable(self.detail.is_some())
            .show(ctx, |ui| {
                let frame = egui::Frame::popup(ui.style())
                    .inner_margin(egui::Margin::symmetric(16, 10))
                    .show(ui, |ui| {
                        let icon = if self.ok { "✔" } else { "⚠" };
                        let color = if self.ok {
                            ok_color(ui)
                        } else {
                            ui.visuals().error_fg_color
                        };
                        ui.horizontal(|ui| {
                            ui.label(RichText::new(icon).color(color).strong());
                            ui.label(RichText::new(&self.text).strong());
                        });
                    });
                if let Some(detail) = &self.detail {
                    frame.response.on_hover_text(detail);
                }
            });
        true
    }
}

/// The success green (the theme's, see `theme.rs`).
pub use crate::theme::ok_color;

/// An error beside what failed: icon plus wrapped text in the theme's error colour.
pub fn error_label(ui: &mut Ui, text: &str) -> egui::Response {
    let color = ui.visuals().error_fg_color;
    ui.add(egui::Label::new(RichText::new(format!("⚠ {text}")).color(color)).wrap())
}

/// What a [`search_field`] shows: its label, its hint, and the words of its × (hover text
/// and accessible name).
pub struct SearchField<'a> {
    pub label: &'a str,
    pub hint: &'a str,
    pub clear: &'a str,
    /// The field's id when something else focuses it (Ctrl+F).
    pub id: Option<egui::Id>,
}

/// A labelled one-line search (or filter) field, 200 points wide. Escape empties it, and
/// so does a × after it, shown only while there is something to clear (so Tab does not
/// stop on a button that does nothing). "×", not "✕": egui's fonts lack the latter.
pub fn search_field(ui: &mut Ui, text: &mut String, field: &SearchField<'_>) -> egui::Response {
    let label = ui.label(field.label);
    let mut edit = egui::TextEdit::singleline(text)
        .hint_text(field.hint)
        .desired_width(200.0);
    if let Some(id) = field.id {
        edit = edit.id(id);
    }
    let response = ui.add(edit).labelled_by(label.id);
    // egui takes the focus away at the start of the frame Escape is pressed in, so the
    // field has just lost it.
    if (response.has_focus() || response.lost_focus())
        && ui.input(|i| i.key_pressed(egui::Key::Escape))
    {
        text.clear();
    }
    if !text.is_empty() {
        let clear = ui
            .add(
                egui::Button::new("×")
                    .frame(false)
                    .min_size(egui::vec2(24.0, 24.0)),
            )
            .on_hover_text(field.clear);
        let words = field.clear.to_owned();
        clear.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &words));
        if clear.clicked() {
            text.clear();
        }
    }
    response
}

// Times and counts read the same in the window and the CLI: one family in the core,
// re-exported here for the panels that import them from `widgets`.
pub use s3share_core::format::{count, duration_words, local_day_time, local_short};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recording_clipboard_keeps_text() {
        let (clipboard, log, html) = Clipboard::recording_with_html();
        let ctx = egui::Context::default();
        clipboard.copy(&ctx, "hello".to_owned());
        assert!(clipboard.copy_html(&ctx, "<b>hi</b>".to_owned(), "hi".to_owned()));
        assert_eq!(
            *log.lock().unwrap(),
            vec!["hello".to_owned(), "hi".to_owned()]
        );
        assert_eq!(
            *html.lock().unwrap(),
            vec![None, Some("<b>hi</b>".to_owned())]
        );
    }
}
