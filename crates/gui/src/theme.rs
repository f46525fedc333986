//! The window's colours, in one place: egui's light and dark visuals adjusted so every text
//! colour the window draws reaches WCAG AA contrast (4.5:1) on every background it is drawn
//! on, the app's own colours (success green, folder icons, the demo banner, history badges),
//! the keyboard focus ring, and which theme is shown (the user's choice in View → Theme, or
//! the system's setting).
//!
//! Other modules take colours from `ui.visuals()` (text, weak text, hint text, links,
//! warnings, errors) or from [`palette`]; none is written out anywhere else.

use egui::{Color32, CornerRadius, Stroke, StrokeKind, Theme, ThemePreference, Ui, Visuals};
use s3share_core::preferences::ThemeChoice;

/// The app's own colours for one theme (egui's are in [`Visuals`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// "✔ Copied", "✔ works", the badge of a link still working.
    pub ok: Color32,
    /// Text on an `ok` badge.
    pub on_ok: Color32,
    /// The 📁 icon of folder rows.
    pub folder: Color32,
    /// Behind the demo-storage banner.
    pub banner_fill: Color32,
    /// Behind the listing row under the pointer (its size and date are weak text).
    pub row_hover: Color32,
    /// The ring around whatever has the keyboard focus.
    pub focus: Color32,
    /// Over the whole window while files are dragged over it (translucent), and the text
    /// on it.
    pub overlay: Color32,
    pub on_overlay: Color32,
}

const DARK: Palette = Palette {
    ok: Color32::from_rgb(0x6c, 0xd3, 0x7e),
    on_ok: Color32::from_rgb(0x0b, 0x2a, 0x14),
    folder: Color32::from_rgb(0xd8, 0xa0, 0x30),
    banner_fill: Color32::from_rgb(0x1f, 0x33, 0x4d),
    row_hover: Color32::from_gray(42),
    focus: Color32::from_rgb(0xff, 0xc8, 0x3c),
    overlay: Color32::from_black_alpha(160),
    on_overlay: Color32::WHITE,
};

const LIGHT: Palette = Palette {
    ok: Color32::from_rgb(0x18, 0x70, 0x2e),
    on_ok: Color32::WHITE,
    folder: Color32::from_rgb(0x8a, 0x5a, 0x00),
    banner_fill: Color32::from_rgb(0xe3, 0xef, 0xfd),
    row_hover: Color32::from_gray(234),
    focus: Color32::from_rgb(0x00, 0x40, 0xa0),
    overlay: Color32::from_black_alpha(160),
    on_overlay: Color32::WHITE,
};

/// Small text (hints, notes under a control): egui's 9 points are hard to read.
pub const SMALL_TEXT_SIZE: f32 = 10.5;

/// Width of the focus ring, and the gap between it and the widget, in points.
pub const FOCUS_RING_WIDTH: f32 = 2.0;
const FOCUS_RING_GAP: f32 = 2.0;

/// The app's colours for the theme `visuals` belong to.
pub fn palette(visuals: &Visuals) -> &'static Palette {
    if visuals.dark_mode { &DARK } else { &LIGHT }
}

/// A green that reads well on the current theme.
pub fn ok_color(ui: &Ui) -> Color32 {
    palette(ui.visuals()).ok
}

/// The window's visuals for `theme`: egui's, with text colours that pass WCAG AA.
pub fn visuals(theme: Theme) -> Visuals {
    match theme {
        Theme::Dark => {
            let mut v = Visuals::dark();
            // egui's grey 140 body text is dim; its weak text (60 % of it) is 2.6:1.
            v.widgets.noninteractive.fg_stroke.color = Color32::from_gray(205);
            // Controls at rest get an outline: a checkbox, a radio button or a text field
            // is otherwise a shape barely darker or lighter than the panel (1.2:1).
            v.widgets.inactive.bg_stroke = Stroke::new(1.0, Color32::from_gray(125));
            v.weak_text_color = Some(Color32::from_gray(158));
            v.hyperlink_color = Color32::from_rgb(90, 170, 255);
            v.error_fg_color = Color32::from_rgb(255, 115, 105);
            v.warn_fg_color = Color32::from_rgb(255, 160, 40);
            v
        }
        Theme::Light => {
            let mut v = Visuals::light();
            v.widgets.noninteractive.fg_stroke.color = Color32::from_gray(40);
            v.widgets.inactive.bg_stroke = Stroke::new(1.0, Color32::from_gray(135));
            v.weak_text_color = Some(Color32::from_gray(98));
            v.hyperlink_color = Color32::from_rgb(0, 86, 178);
            v.error_fg_color = Color32::from_rgb(190, 20, 20);
            v.warn_fg_color = Color32::from_rgb(160, 74, 0);
            v
        }
    }
}

/// Gives the window its light and dark visuals (both: the theme can change while it runs)
/// and its small-text size.
pub fn install(ctx: &egui::Context) {
    for theme in [Theme::Dark, Theme::Light] {
        ctx.set_visuals_of(theme, visuals(theme));
    }
    ctx.all_styles_mut(|style| {
        if let Some(small) = style.text_styles.get_mut(&egui::TextStyle::Small) {
            small.size = SMALL_TEXT_SIZE;
        }
    });
}

/// What egui is told to show for the user's `choice`. "Same as the system" uses what egui
/// knows of the system (Windows, macOS), else the desktop portal's answer (`portal_dark`,
/// Linux: see `system_theme.rs`), else egui's own fallback.
pub fn preference(
    choice: ThemeChoice,
    portal_dark: Option<bool>,
    egui_knows_system: bool,
) -> ThemePreference {
    match (choice, portal_dark) {
        (ThemeChoice::Light, _) => ThemePreference::Light,
        (ThemeChoice::Dark, _) => ThemePreference::Dark,
        (ThemeChoice::System, Some(dark)) if !egui_knows_system => {
            if dark {
                ThemePreference::Dark
            } else {
                ThemePreference::Light
            }
        }
        (ThemeChoice::System, _) => ThemePreference::System,
    }
}

/// Shows the theme for `choice` (from the next frame on, when it changes).
pub fn apply(ctx: &egui::Context, choice: ThemeChoice, portal_dark: Option<bool>) {
    let wanted = preference(choice, portal_dark, ctx.system_theme().is_some());
    if ctx.options(|o| o.theme_preference) != wanted {
        ctx.set_theme(wanted);
        ctx.request_repaint();
    }
}

/// Draws a ring around the widget that has the keyboard focus. egui marks a focused widget
/// only with its 1-point "active" outline, which frameless buttons (breadcrumbs, links)
/// and custom-drawn rows do not have; this ring is the same for all. Call at the end of
/// the frame, after everything else is drawn.
pub fn paint_focus_ring(ctx: &egui::Context) {
    let Some(id) = ctx.memory(|m| m.focused()) else {
        return;
    };
    // `read_response` does what a widget's own response does, including giving up the
    // focus when the pointer was pressed elsewhere this frame: on such a frame it would take
    // the focus from a field that asked for it after the click (a dialog opened by a menu
    // item). egui has already moved the focus for that click; the ring is drawn next frame.
    if ctx.input(|i| i.pointer.any_pressed() || i.pointer.any_click()) {
        ctx.request_repaint();
        return;
    }
    let Some(response) = ctx.read_response(id) else {
        return;
    };
    let rect = response.rect;
    // Scrolled out of sight: no ring; partly hidden: the ring is cut where the widget is.
    if !rect.is_finite() || !response.interact_rect.is_positive() {
        return;
    }
    let mut painter = ctx.layer_painter(response.layer_id);
    if response.interact_rect != rect {
        painter.set_clip_rect(response.interact_rect);
    }
    let color = palette(&ctx.global_style().visuals).focus;
    painter.rect_stroke(
        rect.expand(FOCUS_RING_GAP),
        CornerRadius::same(6),
        Stroke::new(FOCUS_RING_WIDTH, color),
        StrokeKind::Outside,
    );
}

/// WCAG 2 relative luminance of an opaque colour (sRGB).
pub fn relative_luminance(color: Color32) -> f32 {
    let channel = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(color.r()) + 0.7152 * channel(color.g()) + 0.0722 * channel(color.b())
}

/// WCAG 2 contrast ratio of two opaque colours, 1.0 ..= 21.0.
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `top` (premultiplied, possibly translucent or additive) drawn over the opaque `below`,
/// as egui blends them.
pub fn over(top: Color32, below: Color32) -> Color32 {
    let blend = |t: u8, b: u8| {
        let v = u16::from(t) + u16::from(b) * (255 - u16::from(top.a())) / 255;
        u8::try_from(v.min(255)).unwrap_or(u8::MAX)
    };
    Color32::from_rgb(
        blend(top.r(), below.r()),
        blend(top.g(), below.g()),
        blend(top.b(), below.b()),
    )
}

/// Every (name, text colour, background) pair the window draws in this theme: text on the
/// panels, windows, text fields, table stripes, buttons, the selection, the banner and the
/// history badges.
pub fn text_pairs(visuals: &Visuals) -> Vec<(String, Color32, Color32)> {
    let p = palette(visuals);
    let w = &visuals.widgets;
    let stripe = over(visuals.faint_bg_color, visuals.panel_fill);
    let surfaces = [
        ("panel", visuals.panel_fill),
        ("window", visuals.window_fill),
        ("text field", visuals.text_edit_bg_color()),
        ("extreme", visuals.extreme_bg_color),
        ("stripe", stripe),
        ("hovered row", p.row_hover),
    ];
    let texts = [
        ("text", visuals.text_color()),
        ("weak text", visuals.weak_text_color()),
        ("strong text", visuals.strong_text_color()),
        ("link", visuals.hyperlink_color),
        ("error", visuals.error_fg_color),
        ("warning", visuals.warn_fg_color),
        ("ok", p.ok),
        ("folder icon", p.folder),
    ];
    let mut pairs = Vec::new();
    for (surface, bg) in surfaces {
        for (text, fg) in texts {
            pairs.push((format!("{text} on {surface}"), fg, bg));
        }
    }
    for (state, visuals) in [
        ("inactive", &w.inactive),
        ("hovered", &w.hovered),
        ("active", &w.active),
        ("open", &w.open),
    ] {
        pairs.push((
            format!("{state} button text"),
            visuals.text_color(),
            visuals.weak_bg_fill,
        ));
        pairs.push((
            format!("{state} checkbox mark"),
            visuals.fg_stroke.color,
            visuals.bg_fill,
        ));
    }
    // Hint text in text fields is egui's weak text colour (TextEditStyle::hint_text_color).
    pairs.push((
        "hint text in a text field".to_owned(),
        visuals.weak_text_color(),
        visuals.text_edit_bg_color(),
    ));
    pairs.push((
        "text field text".to_owned(),
        w.inactive.text_color(),
        visuals.text_edit_bg_color(),
    ));
    pairs.push((
        "selected text".to_owned(),
        visuals.selection.stroke.color,
        visuals.selection.bg_fill,
    ));
    // History: an ended link's badge is weak text on a button's fill.
    pairs.push((
        "ended badge".to_owned(),
        visuals.weak_text_color(),
        w.inactive.weak_bg_fill,
    ));
    pairs.push(("working badge".to_owned(), p.on_ok, p.ok));
    // The drop hint: on the overlay over the lightest thing it can cover.
    for (surface, bg) in [
        ("panel", visuals.panel_fill),
        ("text field", visuals.text_edit_bg_color()),
        ("selection", visuals.selection.bg_fill),
    ] {
        pairs.push((
            format!("drop hint over the {surface}"),
            p.on_overlay,
            over(p.overlay, bg),
        ));
    }
    for (text, fg) in [
        ("text", visuals.text_color()),
        ("link", visuals.hyperlink_color),
    ] {
        pairs.push((format!("{text} on the banner"), fg, p.banner_fill));
    }
    pairs
}

/// The outline of a control at rest (text field, checkbox, radio button, button) and what it
/// has to stand out from: the surfaces controls sit on.
pub fn control_outline_pairs(visuals: &Visuals) -> Vec<(&'static str, Color32, Color32)> {
    let outline = visuals.widgets.inactive.bg_stroke.color;
    vec![
        ("panel", outline, visuals.panel_fill),
        ("window", outline, visuals.window_fill),
        (
            "stripe",
            outline,
            over(visuals.faint_bg_color, visuals.panel_fill),
        ),
        ("banner", outline, palette(visuals).banner_fill),
    ]
}

/// Every background the focus ring can be drawn next to (around a widget: the surface; inside
/// it: the widget's own fill).
pub fn focus_ring_neighbours(visuals: &Visuals) -> Vec<(&'static str, Color32)> {
    let w = &visuals.widgets;
    vec![
        ("panel", visuals.panel_fill),
        ("window", visuals.window_fill),
        ("text field", visuals.text_edit_bg_color()),
        ("stripe", over(visuals.faint_bg_color, visuals.panel_fill)),
        ("button", w.inactive.weak_bg_fill),
        ("hovered button", w.hovered.weak_bg_fill),
        ("pressed button", w.active.weak_bg_fill),
        ("selection", visuals.selection.bg_fill),
        ("banner", palette(visuals).banner_fill),
        ("hovered row", palette(visuals).row_hover),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG AA for normal-size text.
    const AA_TEXT: f32 = 4.5;
    /// WCAG AA for the parts of controls and focus indicators (non-text contrast).
    const AA_NON_TEXT: f32 = 3.0;

    #[test]
    fn luminance_and_contrast_follow_wcag() {
        assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast_ratio(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 1e-6);
        // Known values: #777 on white is 4.48:1, #767676 4.54:1 (the AA boundary).
        assert!((contrast_ratio(Color32::from_gray(0x77), Color32::WHITE) - 4.48).abs() < 0.01);
        assert!((contrast_ratio(Color32::from_gray(0x76), Color32::WHITE) - 4.54).abs() < 0.01);
        assert_eq!(
            over(Color32::from_additive_luminance(5), Color32::from_gray(27)),
            Color32::from_gray(32)
        );
        assert_eq!(
            over(Color32::from_black_alpha(255), Color32::WHITE),
            Color32::BLACK
        );
    }

    #[test]
    fn egui_defaults_would_fail_so_the_test_can() {
        // The weak text egui draws by default: 60 % of its grey body text.
        for theme in [Theme::Dark, Theme::Light] {
            let v = match theme {
                Theme::Dark => Visuals::dark(),
                Theme::Light => Visuals::light(),
            };
            let weak = over(v.weak_text_color(), v.panel_fill);
            assert!(
                contrast_ratio(weak, v.panel_fill) < AA_TEXT,
                "{theme:?}: egui's weak text passes now; drop this check"
            );
        }
    }

    #[test]
    fn every_text_colour_passes_aa_on_every_background_in_both_themes() {
        let mut failures = Vec::new();
        for theme in [Theme::Dark, Theme::Light] {
            let v = visuals(theme);
            for (what, fg, bg) in text_pairs(&v) {
                // What is painted: a translucent colour blends with what is below it.
                let fg = over(fg, bg);
                let ratio = contrast_ratio(fg, bg);
                if ratio < AA_TEXT {
                    failures.push(format!("{theme:?}: {what}: {ratio:.2}:1"));
                }
            }
        }
        assert!(failures.is_empty(), "below 4.5:1:\n{}", failures.join("\n"));
    }

    #[test]
    fn the_focus_ring_stands_out_from_everything_around_it() {
        for theme in [Theme::Dark, Theme::Light] {
            let v = visuals(theme);
            let ring = palette(&v).focus;
            for (what, bg) in focus_ring_neighbours(&v) {
                let ratio = contrast_ratio(ring, bg);
                assert!(
                    ratio >= AA_NON_TEXT,
                    "{theme:?}: focus ring next to {what}: {ratio:.2}:1"
                );
            }
        }
    }

    /// Not a check (the tests above are): a table of the ratios, for whoever changes a
    /// colour: `cargo test -p s3share-gui --lib contrast_table -- --ignored --nocapture`.
    #[test]
    #[ignore = "prints a table, checks nothing"]
    fn contrast_table() {
        for theme in [Theme::Dark, Theme::Light] {
            let v = visuals(theme);
            for (what, fg, bg) in text_pairs(&v) {
                let ratio = contrast_ratio(over(fg, bg), bg);
                println!("{theme:?}\t{ratio:5.2}\t{what}");
            }
        }
    }

    #[test]
    fn controls_at_rest_have_an_outline_that_can_be_seen() {
        for theme in [Theme::Dark, Theme::Light] {
            let v = visuals(theme);
            assert!(v.widgets.inactive.bg_stroke.width >= 1.0);
            for (what, outline, bg) in control_outline_pairs(&v) {
                let ratio = contrast_ratio(outline, bg);
                assert!(
                    ratio >= AA_NON_TEXT,
                    "{theme:?}: control outline on {what}: {ratio:.2}:1"
                );
            }
        }
    }

    #[test]
    fn small_text_is_not_tiny() {
        let ctx = egui::Context::default();
        install(&ctx);
        for theme in [Theme::Dark, Theme::Light] {
            let style = ctx.style_of(theme);
            assert_eq!(
                style.text_styles[&egui::TextStyle::Small].size,
                SMALL_TEXT_SIZE
            );
        }
    }

    #[test]
    fn weak_text_is_still_weaker_than_text() {
        for theme in [Theme::Dark, Theme::Light] {
            let v = visuals(theme);
            let (text, weak) = (v.text_color(), v.weak_text_color());
            assert!(
                contrast_ratio(text, v.panel_fill) > contrast_ratio(weak, v.panel_fill) + 1.5,
                "{theme:?}: weak text must look weaker than text"
            );
        }
    }

    #[test]
    fn the_choice_wins_and_system_follows_the_desktop() {
        use ThemeChoice::{Dark, Light, System};
        assert_eq!(preference(Light, Some(true), false), ThemePreference::Light);
        assert_eq!(preference(Dark, Some(false), true), ThemePreference::Dark);
        assert_eq!(
            preference(System, Some(false), false),
            ThemePreference::Light
        );
        assert_eq!(preference(System, Some(true), false), ThemePreference::Dark);
        // egui knows the system (Windows, macOS): it follows it itself.
        assert_eq!(
            preference(System, Some(true), true),
            ThemePreference::System
        );
        assert_eq!(preference(System, None, false), ThemePreference::System);
    }

    #[test]
    fn applying_switches_the_context_theme() {
        let ctx = egui::Context::default();
        install(&ctx);
        apply(&ctx, ThemeChoice::System, Some(false));
        assert_eq!(ctx.theme(), Theme::Light);
        assert_eq!(ctx.style_of(Theme::Light).visuals, visuals(Theme::Light));
        apply(&ctx, ThemeChoice::Dark, Some(false));
        assert_eq!(ctx.theme(), Theme::Dark);
        assert_eq!(ctx.style_of(Theme::Dark).visuals, visuals(Theme::Dark));
    }
}
