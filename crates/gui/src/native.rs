//! Starting the native window: fonts, icon, size, and the app inside it.

use std::process::ExitCode;
use std::time::Instant;

use crate::{App, TITLE};
use s3share_core::ConnectionSettings;
use s3share_core::preferences::Preferences;

/// The bundled fonts, with the monospace one as the last fallback of the proportional
/// family: it has the arrows and symbols (→, ↑, ✓) the UI font lacks.
pub(crate) fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    if let Some(mono) = fonts
        .families
        .get(&egui::FontFamily::Monospace)
        .and_then(|f| f.first())
        .cloned()
        && let Some(proportional) = fonts.families.get_mut(&egui::FontFamily::Proportional)
        && !proportional.contains(&mono)
    {
        proportional.push(mono);
    }
    ctx.set_fonts(fonts);
}

/// Opens the window; returns when it is closed. With `settings` (from command-line flags)
/// it uses those instead of looking for keys or opening demo storage.
pub fn run(settings: Option<ConnectionSettings>) -> ExitCode {
    let launched = Instant::now();
    // The theme before the window opens (a small file, read once, like eframe's own
    // storage), so the first frame is not drawn in the other one.
    let theme = Preferences::default_path()
        .map(|path| Preferences::load(&path).theme)
        .unwrap_or_default();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(TITLE)
        .with_app_id("s3share")
        .with_inner_size([1100.0, 680.0])
        .with_min_inner_size([760.0, 440.0]);
    if let Ok(icon) =
        eframe::icon_data::from_png_bytes(include_bytes!("../../../assets/icon-256.png"))
    {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window: true,
        ..Default::default()
    };
    match eframe::run_native(
        TITLE,
        options,
        Box::new(move |cc| {
            let app = App::new(cc, settings, launched, theme)?;
            Ok(Box::new(app) as Box<dyn eframe::App>)
        }),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "{}",
                s3share_core::tr!("window-could-not-open", reason = e.to_string())
            );
            ExitCode::FAILURE
        }
    }
}
