//! The preview in the share panel: a picture, the first lines of a text, a PDF's page
//! count, or plain words saying why there is none (core::preview decides and fetches).
//!
//! The selection settles for [`DEBOUNCE`] before anything is asked (arrowing down a
//! folder asks for nothing on the way); then one `Command::PreviewFile` goes to the
//! backend, which cancels the one before. The answer carries its request and the file it
//! is for, and only the answer for the file still selected is shown. Drawing never waits:
//! a spinner shows while the answer is on its way.

use std::time::Duration;

use egui::{RichText, Ui};

use super::model::SharePanel;
use crate::browser::Row;
use crate::bus::{Command, PreviewReady, RequestId};
use s3share_core::format::human_size;
use s3share_core::preview::{NoPreview, PDF_CAP, Preview, PreviewKind, PreviewPlan};
use s3share_core::{Result, S3Location};

/// How long the selection must stay on a file before its preview is asked for.
pub const DEBOUNCE: Duration = Duration::from_millis(120);

/// A spinner shows only when a preview takes longer than this (a quick one appears
/// without a flash of spinner; the space it takes is kept meanwhile).
pub const SPINNER_AFTER: Duration = Duration::from_millis(300);

/// The space a picture is drawn in (scaled down to fit, centred), and the height of the
/// text's box: fixed, so the panel does not jump when the answer arrives, and small enough
/// that the preview (drawn last, under Copy link and the link made) is in view without
/// scrolling in a window 800 points tall.
const IMAGE_HEIGHT: f32 = 150.0;
const TEXT_HEIGHT: f32 = 110.0;

/// The preview of the one file selected, as far as it got.
#[derive(Default)]
pub struct PreviewPane {
    /// The file shown (or to be shown), its size as listed and its kind.
    target: Option<(S3Location, u64, Option<PreviewKind>)>,
    state: State,
    /// A command for the backend, taken by the window after drawing.
    outbox: Option<Command>,
}

#[derive(Default)]
enum State {
    #[default]
    Idle,
    /// The selection changed at this moment (egui's time, in seconds); asked for once it
    /// has settled.
    Settling(f64),
    Loading {
        request: RequestId,
        since: f64,
    },
    Ready(Shown),
}

enum Shown {
    Image {
        texture: egui::TextureHandle,
        full: [u32; 2],
    },
    /// The lines, with a last "…" line when there is more.
    Text(String),
    /// Its page count, and whether it is protected by a password.
    Pdf(Option<u32>, bool),
    Words(String),
}

impl Shown {
    /// Anything but a picture (pictures come as `PreviewReady::Image`).
    fn of(preview: Preview) -> Self {
        match preview {
            Preview::Text { lines, truncated } => {
                let mut text = lines.join("\n");
                if truncated {
                    text.push_str("\n…");
                }
                Shown::Text(text)
            }
            Preview::Pdf { pages, protected } => Shown::Pdf(pages, protected),
            Preview::None { reason } => Shown::Words(reason.to_string()),
            Preview::Image { .. } => Shown::Words(NoPreview::Kind.to_string()),
        }
    }
}

impl std::fmt::Debug for PreviewPane {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = match &self.state {
            State::Idle => "idle",
            State::Settling(_) => "settling",
            State::Loading { .. } => "loading",
            State::Ready(_) => "ready",
        };
        f.debug_struct("PreviewPane")
            .field("state", &state)
            .finish_non_exhaustive()
    }
}

impl PreviewPane {
    /// Draws the preview of `object` (`size` bytes as listed); a new file starts over.
    /// Kinds without a preview and files over the cap are answered at once, without asking
    /// the backend.
    pub fn ui(&mut self, ui: &mut Ui, object: &S3Location, size: u64) {
        let now = ui.input(|i| i.time);
        let same = self
            .target
            .as_ref()
            .is_some_and(|(o, s, _)| o == object && *s == size);
        if !same {
            self.outbox = None;
            let (kind, state) = match PreviewPlan::new(&object.key, size, None) {
                PreviewPlan::Answer(preview) => (None, State::Ready(Shown::of(preview))),
                PreviewPlan::Fetch { kind, .. } => (Some(kind), State::Settling(now)),
            };
            self.target = Some((object.clone(), size, kind));
            self.state = state;
        }
        if let State::Settling(since) = self.state {
            let waited = Duration::from_secs_f64((now - since).max(0.0));
            if waited >= DEBOUNCE {
                let request = RequestId::new();
                self.outbox = Some(Command::PreviewFile {
                    request,
                    object: object.clone(),
                    size,
                });
                self.state = State::Loading {
                    request,
                    since: now,
                };
                ui.ctx().request_repaint_after(SPINNER_AFTER);
            } else {
                ui.ctx().request_repaint_after(DEBOUNCE - waited);
            }
        }
        let kind = self.target.as_ref().and_then(|(_, _, kind)| *kind);
        // In a scope of its own: whatever the preview draws (a spinner, a picture, words),
        // the widgets after it keep their ids, so the Save as field keeps its focus and
        // typing when the answer arrives.
        ui.push_id("s3share-preview", |ui| {
            ui.add_space(8.0);
            match &self.state {
                State::Idle => {}
                State::Settling(_) => waiting_ui(ui, kind, false),
                State::Loading { since, .. } => {
                    let waited = Duration::from_secs_f64((now - since).max(0.0));
                    if waited < SPINNER_AFTER {
                        ui.ctx().request_repaint_after(SPINNER_AFTER - waited);
                    }
                    waiting_ui(ui, kind, waited >= SPINNER_AFTER);
                }
                State::Ready(shown) => shown_ui(ui, shown, kind, object, size),
            }
        });
    }

    /// The command to send, once per request (the window sends it after drawing).
    pub fn take_command(&mut self) -> Option<Command> {
        self.outbox.take()
    }

    /// Forgets the file and any answer on its way (another connection: the same bucket
    /// and key there are another file).
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// The backend did not take the command: asked again on a later frame.
    pub fn not_sent(&mut self, ctx: &egui::Context) {
        if let State::Loading { .. } = self.state {
            self.state = State::Settling(ctx.input(|i| i.time));
            ctx.request_repaint_after(DEBOUNCE);
        }
    }

    /// The backend's answer: shown if it is for the request still waited for.
    pub fn answered(
        &mut self,
        ctx: &egui::Context,
        request: RequestId,
        object: &S3Location,
        result: Result<PreviewReady>,
    ) {
        let waited = matches!(self.state, State::Loading { request: r, .. } if r == request)
            && self.target.as_ref().is_some_and(|(o, ..)| o == object);
        if !waited {
            return;
        }
        let shown = match result {
            Ok(PreviewReady::Image {
                image,
                full_width,
                full_height,
            }) => Shown::Image {
                texture: ctx.load_texture("s3share-preview", image, egui::TextureOptions::LINEAR),
                full: [full_width, full_height],
            },
            Ok(PreviewReady::Other(preview)) => Shown::of(preview),
            Err(error) => Shown::Words(format!("No preview: {error}")),
        };
        self.state = State::Ready(shown);
    }
}

/// The space the preview of a `kind` takes, kept while it loads (with a spinner once it
/// takes a while), so nothing below moves when it arrives.
fn waiting_ui(ui: &mut Ui, kind: Option<PreviewKind>, spinner: bool) {
    let loading = "Loading preview…";
    match kind {
        Some(PreviewKind::Image) => {
            let (rect, _) = ui.allocate_exact_size(
                egui::vec2(ui.available_width(), IMAGE_HEIGHT),
                egui::Sense::hover(),
            );
            if spinner {
                ui.put(
                    egui::Rect::from_center_size(rect.center(), egui::vec2(24.0, 24.0)),
                    egui::Spinner::new().size(24.0),
                );
            }
            ui.label(RichText::new(loading).small().weak());
        }
        Some(PreviewKind::Text) => {
            text_box(ui, |ui| {
                if spinner {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(RichText::new(loading).weak());
                    });
                }
            });
        }
        Some(PreviewKind::Pdf) | None => {
            ui.horizontal(|ui| {
                if spinner {
                    ui.spinner();
                }
                ui.label(RichText::new(loading).weak());
            });
        }
    }
}

/// The framed box a text is shown in, always [`TEXT_HEIGHT`] tall.
fn text_box(ui: &mut Ui, inside: impl FnOnce(&mut Ui)) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        egui::ScrollArea::both()
            .id_salt("s3share-preview-text")
            .min_scrolled_height(TEXT_HEIGHT)
            .max_height(TEXT_HEIGHT)
            .auto_shrink([false, false])
            .show(ui, inside);
    });
}

impl SharePanel {
    /// The preview of `row`, the one file selected.
    pub(super) fn preview_ui(&mut self, ui: &mut Ui, row: &Row) {
        if let Some(object) = self.for_key.as_ref().filter(|o| o.key == row.key) {
            let object = object.clone();
            self.preview.ui(ui, &object, row.size);
        }
    }
}

/// What arrived, in the space kept for it while it loaded (a picture that could not be
/// read says so in the picture's space), so nothing below moves.
fn shown_ui(ui: &mut Ui, shown: &Shown, kind: Option<PreviewKind>, object: &S3Location, size: u64) {
    match shown {
        Shown::Image { texture, full } => {
            let [w, h] = texture.size().map(|side| side as f32);
            let ppp = ui.ctx().pixels_per_point();
            let (rect, _) = ui.allocate_exact_size(
                egui::vec2(ui.available_width(), IMAGE_HEIGHT),
                egui::Sense::hover(),
            );
            // Fit the space kept for it; never larger than the thumbnail's own pixels.
            let scale = (rect.width() / w)
                .min(IMAGE_HEIGHT / h)
                .min(1.0 / ppp.max(0.5));
            let size = egui::vec2(w * scale, h * scale);
            let image = egui::Image::new((texture.id(), size)).alt_text(format!(
                "Preview of {}",
                s3share_core::visible::visible(object.file_name())
            ));
            ui.put(egui::Rect::from_center_size(rect.center(), size), image);
            ui.label(
                RichText::new(format!("Picture · {} × {} pixels", full[0], full[1]))
                    .small()
                    .weak(),
            );
        }
        Shown::Text(text) => {
            text_box(ui, |ui| {
                ui.add(egui::Label::new(RichText::new(text.as_str()).monospace()).extend());
            });
        }
        Shown::Pdf(Some(pages), _) => {
            let pages = usize::try_from(*pages).unwrap_or(usize::MAX);
            let pages = s3share_core::format::counted(pages, "page", "pages");
            ui.label(RichText::new(format!("PDF · {pages}")).weak());
        }
        Shown::Pdf(None, true) => {
            ui.label(RichText::new("PDF · protected by a password").weak());
        }
        Shown::Pdf(None, _) if size > PDF_CAP => {
            ui.add(
                egui::Label::new(
                    RichText::new(format!(
                        "PDF · page count unknown: only PDFs up to {} are read to count their \
                         pages",
                        human_size(PDF_CAP)
                    ))
                    .weak(),
                )
                .wrap(),
            );
        }
        Shown::Pdf(None, _) => {
            ui.label(RichText::new("PDF · page count unknown").weak());
        }
        Shown::Words(words) => {
            let words = egui::Label::new(RichText::new(words.as_str()).weak()).wrap();
            match kind {
                Some(PreviewKind::Image) => {
                    // The picture's space and its caption line.
                    let height = IMAGE_HEIGHT
                        + ui.spacing().item_spacing.y
                        + ui.text_style_height(&egui::TextStyle::Small);
                    let width = ui.available_width();
                    ui.allocate_ui_with_layout(
                        egui::vec2(width, height),
                        egui::Layout::centered_and_justified(egui::Direction::TopDown),
                        |ui| {
                            ui.set_min_size(egui::vec2(width, height));
                            ui.add(words);
                        },
                    );
                }
                Some(PreviewKind::Text) => text_box(ui, |ui| {
                    ui.add(words);
                }),
                Some(PreviewKind::Pdf) | None => {
                    ui.add(words);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One frame of the pane showing `object`, at `time` seconds.
    fn frame(ctx: &egui::Context, pane: &mut PreviewPane, object: &S3Location, time: f64) {
        let input = egui::RawInput {
            time: Some(time),
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| pane.ui(ui, object, 100));
        // No renderer here: the font atlas is not uploaded anywhere.
        output.textures_delta.clear();
    }

    fn asked(pane: &mut PreviewPane) -> Option<(RequestId, S3Location)> {
        match pane.take_command() {
            Some(Command::PreviewFile {
                request, object, ..
            }) => Some((request, object)),
            _ => None,
        }
    }

    fn text(line: &str) -> Result<PreviewReady> {
        Ok(PreviewReady::Other(Preview::Text {
            lines: vec![line.to_owned()],
            truncated: false,
        }))
    }

    fn shown_text(pane: &PreviewPane) -> Option<&str> {
        match &pane.state {
            State::Ready(Shown::Text(text)) => Some(text),
            _ => None,
        }
    }

    /// Arrowing past a file asks nothing for it; an answer for a file left behind is dropped,
    /// and only the answer for the file still selected is shown.
    #[test]
    fn only_the_answer_for_the_file_selected_is_shown() {
        let ctx = egui::Context::default();
        let mut pane = PreviewPane::default();
        let a = S3Location::new("box", "a.txt").unwrap();
        let b = S3Location::new("box", "b.txt").unwrap();
        let c = S3Location::new("box", "c.txt").unwrap();

        frame(&ctx, &mut pane, &a, 0.0);
        assert!(
            asked(&mut pane).is_none(),
            "not before the selection settles"
        );
        frame(&ctx, &mut pane, &a, 1.0);
        let (for_a, asked_for) = asked(&mut pane).expect("a is asked for");
        assert_eq!(asked_for, a);

        // Past b in less than the debounce: nothing asked for it.
        frame(&ctx, &mut pane, &b, 1.05);
        frame(&ctx, &mut pane, &c, 1.1);
        assert!(asked(&mut pane).is_none());
        frame(&ctx, &mut pane, &c, 2.0);
        let (for_c, asked_for) = asked(&mut pane).expect("c is asked for");
        assert_eq!(asked_for, c);

        // a's answer arrives late: not shown over c.
        pane.answered(&ctx, for_a, &a, text("from a"));
        assert_eq!(shown_text(&pane), None);
        // An answer carrying c but another request (an earlier ask for c) is dropped too.
        pane.answered(&ctx, for_a, &c, text("stale c"));
        assert_eq!(shown_text(&pane), None);
        pane.answered(&ctx, for_c, &c, text("from c"));
        assert_eq!(shown_text(&pane), Some("from c"));
    }

    /// A zip gets its words at once: no request.
    #[test]
    fn kinds_without_a_preview_ask_nothing() {
        let ctx = egui::Context::default();
        let mut pane = PreviewPane::default();
        let zip = S3Location::new("box", "archive.zip").unwrap();
        frame(&ctx, &mut pane, &zip, 0.0);
        frame(&ctx, &mut pane, &zip, 5.0);
        assert!(asked(&mut pane).is_none());
        assert!(matches!(
            &pane.state,
            State::Ready(Shown::Words(words)) if *words == NoPreview::Kind.to_string()
        ));
    }

    /// Another connection: the file and an answer on its way are forgotten (the same
    /// bucket and key there are another file).
    #[test]
    fn a_connection_switch_forgets_the_file_and_its_answer() {
        let ctx = egui::Context::default();
        let mut pane = PreviewPane::default();
        let a = S3Location::new("box", "a.txt").unwrap();
        frame(&ctx, &mut pane, &a, 0.0);
        frame(&ctx, &mut pane, &a, 1.0);
        let (request, _) = asked(&mut pane).expect("a is asked for");
        pane.clear();
        pane.answered(&ctx, request, &a, text("from the other connection"));
        assert_eq!(shown_text(&pane), None);
        // Selected again on the new connection: asked for again.
        frame(&ctx, &mut pane, &a, 2.0);
        frame(&ctx, &mut pane, &a, 3.0);
        assert!(asked(&mut pane).is_some());
    }
}
