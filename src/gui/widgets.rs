//! Small pieces shared by the panels: the clipboard seam, the toast, status colours and
//! times in the user's own time zone.

use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Datelike, Local, Utc};
use egui::{Align2, Color32, RichText, Ui};

/// Where copied links go. One seam, so tests can read what the window copied.
#[derive(Clone, Debug, Default)]
pub enum Clipboard {
    /// The system clipboard, through egui (written at the end of the frame).
    #[default]
    System,
    /// Keeps every copied text, newest last (tests).
    Recording(Arc<Mutex<Vec<String>>>),
}

impl Clipboard {
    /// A recording clipboard and the list it writes to.
    pub fn recording() -> (Self, Arc<Mutex<Vec<String>>>) {
        let log = Arc::new(Mutex::new(Vec::new()));
        (Self::Recording(Arc::clone(&log)), log)
    }

    pub fn copy(&self, ctx: &egui::Context, text: String) {
        match self {
            Clipboard::System => ctx.copy_text(text),
            Clipboard::Recording(log) => log
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(text),
        }
    }
}

/// How long a toast stays, in seconds.
const TOAST_SECS: f64 = 6.0;

/// A short message at the bottom of the window that goes away by itself.
#[derive(Clone, Debug)]
pub struct Toast {
    pub text: String,
    pub ok: bool,
    /// `egui` time when it appeared.
    shown_at: f64,
}

impl Toast {
    pub fn new(ctx: &egui::Context, text: impl Into<String>, ok: bool) -> Self {
        Self {
            text: text.into(),
            ok,
            shown_at: ctx.input(|i| i.time),
        }
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
            .interactable(false)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style())
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
            });
        true
    }
}

/// A green that reads well on the current theme.
pub fn ok_color(ui: &Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(0x6c, 0xd3, 0x7e)
    } else {
        Color32::from_rgb(0x1b, 0x7a, 0x32)
    }
}

/// An error beside what failed: icon plus wrapped text in the theme's error colour.
pub fn error_label(ui: &mut Ui, text: &str) -> egui::Response {
    let color = ui.visuals().error_fg_color;
    ui.add(egui::Label::new(RichText::new(format!("⚠ {text}")).color(color)).wrap())
}

/// "Fri 28 Nov 14:03" in local time (the year too when it is not this year).
pub fn local_day_time(t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&Local);
    if local.year() == Local::now().year() {
        local.format("%a %-d %b %H:%M").to_string()
    } else {
        local.format("%a %-d %b %Y %H:%M").to_string()
    }
}

/// Short local date for the Modified column: "12 Oct 14:03" this year, "12 Oct 2024" before.
pub fn local_short(t: DateTime<Utc>, this_year: i32) -> String {
    let local = t.with_timezone(&Local);
    if local.year() == this_year {
        local.format("%-d %b %H:%M").to_string()
    } else {
        local.format("%-d %b %Y").to_string()
    }
}

/// "7 days", "1 hour", "2 hours 30 minutes", "45 seconds": a duration in words, rounded
/// to the minute above one minute.
pub fn duration_words(secs: i64) -> String {
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    let secs = secs.max(0);
    if secs < 60 {
        return plural(secs, "second");
    }
    let minutes = (secs + 30) / 60;
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    match (days, hours, mins) {
        (0, 0, m) => plural(m, "minute"),
        (0, h, 0) => plural(h, "hour"),
        (0, h, m) => format!("{} {}", plural(h, "hour"), plural(m, "minute")),
        (d, 0, _) => plural(d, "day"),
        (d, h, _) => format!("{} {}", plural(d, "day"), plural(h, "hour")),
    }
}

/// "1 000" or "100 000": counts with a thin space between thousands.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_words() {
        assert_eq!(duration_words(604_800), "7 days");
        assert_eq!(duration_words(604_799), "7 days");
        assert_eq!(duration_words(86_400), "1 day");
        assert_eq!(duration_words(3600), "1 hour");
        assert_eq!(duration_words(900), "15 minutes");
        assert_eq!(duration_words(9000), "2 hours 30 minutes");
        assert_eq!(duration_words(90_000), "1 day 1 hour");
        assert_eq!(duration_words(42), "42 seconds");
    }

    #[test]
    fn counts_group_thousands() {
        assert_eq!(count(7), "7");
        assert_eq!(count(1000), "1\u{202f}000");
        assert_eq!(count(100_000), "100\u{202f}000");
        assert_eq!(count(1_234_567), "1\u{202f}234\u{202f}567");
    }

    #[test]
    fn recording_clipboard_keeps_text() {
        let (clipboard, log) = Clipboard::recording();
        clipboard.copy(&egui::Context::default(), "hello".to_owned());
        assert_eq!(*log.lock().unwrap(), vec!["hello".to_owned()]);
    }
}
