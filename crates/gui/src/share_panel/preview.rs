//! The preview in the share panel: a picture, the first lines of a text, a PDF's page
//! count, or plain words saying why there is none (core::preview decides and fetches).
//!
//! The selection settles for [`DEBOUNCE`] before anything is asked (arrowing down a
//! folder asks for nothing on the way); then one `Command::PreviewFile` goes to the
//! backend, which cancels the one before. The answer carries its request and the file it
//! is for, and only the answer for the file still selected is shown. Drawing never waits:
//! a spinner shows while the answer is on its way.

use std::time::{Duration, Instant};

use egui::{RichText, Ui};

use super::model::SharePanel;
use crate::browser::Row;
use crate::bus::{Command, PreviewReady, RequestId};
use s3share_core::format::human_size;
use s3share_core::preview::{PDF_CAP, Preview};
use s3share_core::{Result, S3Location};

/// How long the selection must stay on a file before its preview is asked for.
pub const DEBOUNCE: Duration = Duration::from_millis(120);

/// The tallest a picture is drawn (a tall one is scaled down to fit), and the height of
/// the text's box: small enough that Copy link stays in view in a window 700 points tall.
const MAX_IMAGE_HEIGHT: f32 = 200.0;
const MAX_TEXT_HEIGHT: f32 = 150.0;

/// The preview of the one file selected, as far as it got.
#[derive(Default)]
pub struct PreviewPane {
    /// The file shown (or to be shown) and its size as listed.
    target: Option<(S3Location, u64)>,
    state: State,
    /// A command for the backend, taken by the window after drawing.
    outbox: Option<Command>,
}

#[derive(Default)]
enum State {
    #[default]
    Idle,
    /// The selection changed at this moment; asked for once it has settled.
    Settling(Instant),
    Loading(RequestId),
    Ready(Shown),
}

enum Shown {
    Image {
        texture: egui::TextureHandle,
        full: [u32; 2],
    },
    Text {
        lines: String,
        truncated: bool,
    },
    Pdf(Option<u32>),
    Words(String),
}

impl std::fmt::Debug for PreviewPane {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = match &self.state {
            State::Idle => "idle",
            State::Settling(_) => "settling",
            State::Loading(_) => "loading",
            State::Ready(_) => "ready",
        };
        f.debug_struct("PreviewPane")
            .field("state", &state)
            .finish_non_exhaustive()
    }
}

impl PreviewPane {
    /// Draws the preview of `object` (`size` bytes as listed); a new file starts over.
    pub fn ui(&mut self, ui: &mut Ui, object: &S3Location, size: u64) {
        let same = self
            .target
            .as_ref()
            .is_some_and(|(o, s)| o == object && *s == size);
        if !same {
            self.target = Some((object.clone(), size));
            self.state = State::Settling(Instant::now());
            self.outbox = None;
        }
        if let State::Settling(since) = self.state {
            let waited = since.elapsed();
            if waited >= DEBOUNCE {
                let request = RequestId::new();
                self.outbox = Some(Command::PreviewFile {
                    request,
                    object: object.clone(),
                    size,
                });
                self.state = State::Loading(request);
            } else {
                ui.ctx().request_repaint_after(DEBOUNCE - waited);
            }
        }
        ui.add_space(8.0);
        match &self.state {
            State::Idle => {}
            State::Settling(_) | State::Loading(_) => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(RichText::new("Loading preview…").weak());
                });
            }
            State::Ready(shown) => shown_ui(ui, shown, object, size),
        }
    }

    /// The command to send, once per request (the window sends it after drawing).
    pub fn take_command(&mut self) -> Option<Command> {
        self.outbox.take()
    }

    /// The backend did not take the command: asked again on a later frame.
    pub fn not_sent(&mut self, ctx: &egui::Context) {
        if let State::Loading(_) = self.state {
            self.state = State::Settling(Instant::now());
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
        let waited = matches!(self.state, State::Loading(r) if r == request)
            && self.target.as_ref().is_some_and(|(o, _)| o == object);
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
            Ok(PreviewReady::Other(Preview::Text { lines, truncated })) => Shown::Text {
                lines: lines.join("\n"),
                truncated,
            },
            Ok(PreviewReady::Other(Preview::Pdf { pages })) => Shown::Pdf(pages),
            Ok(PreviewReady::Other(Preview::None { reason })) => Shown::Words(reason.to_string()),
            // The core's picture preview always comes as `PreviewReady::Image`.
            Ok(PreviewReady::Other(Preview::Image { .. })) => {
                Shown::Words("No preview for this kind of file".to_owned())
            }
            Err(error) => Shown::Words(format!("No preview: {error}")),
        };
        self.state = State::Ready(shown);
    }
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

fn shown_ui(ui: &mut Ui, shown: &Shown, object: &S3Location, size: u64) {
    match shown {
        Shown::Image { texture, full } => {
            let [w, h] = texture.size().map(|side| side as f32);
            let ppp = ui.ctx().pixels_per_point();
            // Fit the panel's width and MAX_IMAGE_HEIGHT; never larger than the thumbnail's
            // own pixels.
            let scale = (ui.available_width() / w)
                .min(MAX_IMAGE_HEIGHT / h)
                .min(1.0 / ppp.max(0.5));
            let image = egui::Image::new((texture.id(), egui::vec2(w * scale, h * scale)))
                .alt_text(format!(
                    "Preview of {}",
                    s3share_core::visible::visible(object.file_name())
                ));
            ui.vertical_centered(|ui| ui.add(image));
            ui.label(
                RichText::new(format!("Picture · {} × {} pixels", full[0], full[1]))
                    .small()
                    .weak(),
            );
        }
        Shown::Text { lines, truncated } => {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                egui::ScrollArea::both()
                    .id_salt("s3share-preview-text")
                    .max_height(MAX_TEXT_HEIGHT)
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        ui.add(
                            egui::Label::new(RichText::new(lines.as_str()).monospace()).extend(),
                        );
                    });
            });
            if *truncated {
                ui.label(RichText::new("Only the beginning is shown.").small().weak());
            }
        }
        Shown::Pdf(Some(1)) => {
            ui.label(RichText::new("PDF · 1 page").weak());
        }
        Shown::Pdf(Some(pages)) => {
            ui.label(RichText::new(format!("PDF · {pages} pages")).weak());
        }
        Shown::Pdf(None) if size > PDF_CAP => {
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
        Shown::Pdf(None) => {
            ui.add(
                egui::Label::new(
                    RichText::new("PDF · its page count could not be read (it may be encrypted)")
                        .weak(),
                )
                .wrap(),
            );
        }
        Shown::Words(words) => {
            ui.add(egui::Label::new(RichText::new(words.as_str()).weak()).wrap());
        }
    }
}
