//! Issue 14, "Readability and keyboard", through the window (egui_kittest) against the
//! embedded S3 server on 127.0.0.1: Tab goes through the top bar left to right and every
//! focused control gets a ring that stands out; the theme follows the system's light/dark
//! setting unless View → Theme says otherwise, and that choice is kept in the settings file;
//! counts agree with their nouns ("1 day"). Run inside `.ci/with-desktop-session` (a
//! private D-Bus session, where one test plays the desktop's settings portal).

use egui::epaint::{RectShape, Shape};
use egui::{Color32, Key, Rect, Theme};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use s3share_core::preferences::{Preferences, ThemeChoice};
use s3share_gui::App;
use s3share_gui::bus::Event;
use s3share_gui::history_jobs::HistoryStore;
use s3share_gui::theme;
use s3share_gui::widgets::Clipboard;
use zbus::zvariant::{OwnedValue, Value};

mod window;

use window::{TestServer, click, click_button, has_text, type_into, wait_for, wait_for_label};

fn open_window(server: &TestServer, store: Option<HistoryStore>) -> Harness<'static, App> {
    let (clipboard, _) = Clipboard::recording();
    server.window(move |ctx, settings| {
        App::new_for_test(ctx, settings, clipboard)
            .expect("app")
            .with_history(store)
    })
}

/// The focused widget's label and where it is.
fn focused(harness: &Harness<'_, App>) -> Option<(String, Rect)> {
    let node = harness.query_by(|n| n.is_focused())?;
    let label = node.accesskit_node().label().unwrap_or_default();
    Some((label, node.rect()))
}

/// The rectangles stroked with `color` at least `width` wide in the last frame.
fn stroked_rects(harness: &Harness<'_, App>, color: Color32, width: f32) -> Vec<Rect> {
    fn walk(shape: &Shape, color: Color32, width: f32, out: &mut Vec<Rect>) {
        match shape {
            Shape::Rect(RectShape { rect, stroke, .. })
                if stroke.color == color && stroke.width >= width =>
            {
                out.push(*rect);
            }
            Shape::Vec(shapes) => {
                for s in shapes {
                    walk(s, color, width, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, color, width, &mut out);
    }
    out
}

#[test]
fn tab_goes_through_the_top_bar_left_to_right_with_a_ring_that_stands_out() {
    let server = TestServer::with_files(&[("box/report.pdf", b"%PDF-1.4 report")]);
    let mut harness = open_window(&server, None);
    wait_for_label(&mut harness, "report.pdf");
    assert!(focused(&harness).is_none());

    let ctx = harness.ctx.clone();
    let mut order = Vec::new();
    for _ in 0..12 {
        harness.key_press(Key::Tab);
        harness.run_ok();
        let (label, rect) = focused(&harness).expect("Tab focuses a control");
        // The ring: the focus colour of the theme shown, 2 points wide, around the control.
        let ring = theme::palette(&ctx.global_style().visuals).focus;
        let rings = stroked_rects(&harness, ring, theme::FOCUS_RING_WIDTH);
        assert!(
            rings.iter().any(|r| r.contains_rect(rect)),
            "no focus ring around {label:?} at {rect:?} (rings: {rings:?})"
        );
        order.push((label.clone(), rect));
        if label.contains("Refresh") {
            break;
        }
    }
    let labels: Vec<&str> = order.iter().map(|(l, _)| l.as_str()).collect();
    let expected = [
        "☁ Test storage ⏷",
        "Filter",
        "⬆ Upload",
        "View",
        "⟳ Refresh",
    ];
    assert_eq!(labels, expected, "Tab order in the top bar");
    for pair in order.windows(2) {
        assert!(
            pair[0].1.left() < pair[1].1.left(),
            "{:?} comes before {:?} but is not to its left",
            pair[0].0,
            pair[1].0
        );
    }
    // The right-hand group still sits against the right edge.
    let refresh = order.last().unwrap().1;
    let screen = ctx.content_rect();
    assert!(
        screen.right() - refresh.right() < 24.0,
        "Refresh at {refresh:?}, window {screen:?}"
    );

    // Shift+Tab goes back the same way.
    harness.key_press_modifiers(egui::Modifiers::SHIFT, Key::Tab);
    harness.run_ok();
    assert_eq!(focused(&harness).unwrap().0, "View");
}

#[test]
fn the_theme_follows_the_system_unless_chosen_and_the_choice_is_kept() {
    let server = TestServer::with_files(&[("box/report.pdf", b"%PDF-1.4 report")]);
    let settings = tempfile::tempdir().unwrap();
    let store = HistoryStore::in_dir(settings.path());
    let mut harness = open_window(&server, Some(store));
    wait_for_label(&mut harness, "report.pdf");
    assert_eq!(harness.state().theme_choice(), ThemeChoice::System);

    // The desktop says light, then dark: the window follows it.
    let ctx = harness.ctx.clone();
    for (dark, theme) in [(false, Theme::Light), (true, Theme::Dark)] {
        harness
            .state_mut()
            .handle_event(&ctx, Event::SystemTheme { dark: Some(dark) });
        harness.run_ok();
        assert_eq!(ctx.theme(), theme);
        // Drawn with the window's own colours (the ones that pass the contrast test; the
        // harness turns the cursor's blinking off, so not all visuals are compared).
        let (shown, own) = (ctx.global_style().visuals.clone(), theme::visuals(theme));
        assert_eq!(shown.weak_text_color(), own.weak_text_color());
        assert_eq!(shown.text_color(), own.text_color());
        assert_eq!(shown.hyperlink_color, own.hyperlink_color);
        assert_eq!(shown.panel_fill, own.panel_fill);
    }

    // View → Theme → Light wins over the dark desktop, and is written to settings.toml.
    click(&mut harness, "View");
    click(&mut harness, "Light");
    harness.run_ok();
    assert_eq!(ctx.theme(), Theme::Light);
    assert_eq!(harness.state().theme_choice(), ThemeChoice::Light);
    let path = settings.path().join("settings.toml");
    wait_for(&mut harness, "the theme in settings.toml", |_| {
        Preferences::load(&path).theme == ThemeChoice::Light
    });
    // Only the theme changed in the file.
    assert!(Preferences::load(&path).keep_links_in_history);

    // Back to the system's setting: dark again.
    if harness.query_by_label("Same as the system").is_none() {
        click(&mut harness, "View");
    }
    click(&mut harness, "Same as the system");
    harness.run_ok();
    assert_eq!(ctx.theme(), Theme::Dark);
    wait_for(&mut harness, "System in settings.toml", |_| {
        Preferences::load(&path).theme == ThemeChoice::System
    });

    // A new window starts with the choice kept in the file.
    std::fs::write(&path, "theme = \"light\"\n").unwrap();
    drop(harness);
    let mut harness = open_window(&server, Some(HistoryStore::in_dir(settings.path())));
    wait_for(&mut harness, "the saved theme", |h| {
        h.state().theme_choice() == ThemeChoice::Light
    });
    harness.run_ok();
    assert_eq!(harness.ctx.theme(), Theme::Light);
}

/// The desktop's settings portal, as GNOME or KDE run it: light to begin with.
struct FakePortal;

#[zbus::interface(name = "org.freedesktop.portal.Settings")]
impl FakePortal {
    fn read_one(&self, namespace: &str, key: &str) -> zbus::fdo::Result<OwnedValue> {
        if (namespace, key) == (APPEARANCE, "color-scheme") {
            Ok(OwnedValue::from(2u32))
        } else {
            Err(zbus::fdo::Error::Failed("no such setting".to_owned()))
        }
    }
}

const APPEARANCE: &str = "org.freedesktop.appearance";
const PORTAL_PATH: &str = "/org/freedesktop/portal/desktop";

#[test]
fn same_as_the_system_follows_the_desktop_portal_as_it_changes() {
    let portal = zbus::blocking::connection::Builder::session()
        .expect("a session bus: run inside .ci/with-desktop-session")
        .name("org.freedesktop.portal.Desktop")
        .unwrap()
        .serve_at(PORTAL_PATH, FakePortal)
        .unwrap()
        .build()
        .unwrap();
    let changed = |key: &str, scheme: u32| {
        portal
            .emit_signal(
                None::<&str>,
                PORTAL_PATH,
                "org.freedesktop.portal.Settings",
                "SettingChanged",
                &(APPEARANCE, key, Value::U32(scheme)),
            )
            .unwrap();
    };
    let server = TestServer::with_files(&[("box/report.pdf", b"%PDF-1.4 report")]);
    let mut harness = open_window(&server, None);
    wait_for_label(&mut harness, "report.pdf");
    // egui alone sees no system theme here (winit has none on Linux): dark.
    assert_eq!(harness.ctx.theme(), Theme::Dark);
    harness.state_mut().follow_system_theme();
    wait_for(&mut harness, "light, as the portal says", |h| {
        h.ctx.theme() == Theme::Light
    });
    // The user switches the desktop to dark, then back to light.
    changed("color-scheme", 1);
    wait_for(&mut harness, "dark after the change", |h| {
        h.ctx.theme() == Theme::Dark
    });
    // Another appearance setting changing is not the light/dark one: it says nothing. The
    // change after it (signals arrive in order) shows it has been through.
    let said = harness.state().system_theme_said();
    changed("contrast", 2);
    changed("color-scheme", 1);
    wait_for(&mut harness, "the change after it", |h| {
        h.state().system_theme_said() > said
    });
    assert_eq!(
        harness.state().system_theme_said(),
        said + 1,
        "the contrast setting was taken for the light/dark one"
    );
    assert_eq!(harness.ctx.theme(), Theme::Dark);
    changed("color-scheme", 2);
    wait_for(&mut harness, "light again", |h| {
        h.ctx.theme() == Theme::Light
    });
    // A choice in View → Theme wins over the desktop: its change arrives and is not followed.
    click(&mut harness, "View");
    click(&mut harness, "Dark");
    harness.run_ok();
    assert_eq!(harness.ctx.theme(), Theme::Dark);
    let said = harness.state().system_theme_said();
    changed("color-scheme", 2);
    wait_for(&mut harness, "the desktop's change", |h| {
        h.state().system_theme_said() > said
    });
    harness.run_ok();
    assert_eq!(harness.ctx.theme(), Theme::Dark);
}

#[test]
fn a_custom_length_of_one_reads_one_day() {
    let server = TestServer::with_files(&[("box/report.pdf", b"%PDF-1.4 report")]);
    let mut harness = open_window(&server, None);
    wait_for_label(&mut harness, "report.pdf");
    click_button(&mut harness, "report.pdf");
    click(&mut harness, "Custom…");
    type_into(&mut harness, "Custom length", "1");
    assert!(harness.query_by_label("day").is_some(), "1 day");
    assert!(harness.query_by_label("days").is_none(), "never 1 days");
    click(&mut harness, "day");
    type_into(&mut harness, "Custom length", "3");
    assert!(harness.query_by_label("days").is_some(), "3 days");
    assert!(has_text(&harness, "at most 7 days"));
}

#[test]
fn a_dialog_field_keeps_the_focus_it_asked_for_and_shows_the_ring() {
    let server = TestServer::with_files(&[("box/report.pdf", b"%PDF-1.4 report")]);
    let mut harness = open_window(&server, None);
    wait_for_label(&mut harness, "report.pdf");
    // The dialog opens from a menu item and focuses its field in the frame of the click.
    click(&mut harness, "⬆ Upload");
    click(&mut harness, "Request a file…");
    let (label, rect) = focused(&harness).expect("the file name field has the focus");
    assert_eq!(label, "File name");
    let ring = theme::palette(&harness.ctx.global_style().visuals).focus;
    assert!(
        stroked_rects(&harness, ring, theme::FOCUS_RING_WIDTH)
            .iter()
            .any(|r| r.contains_rect(rect)),
        "no focus ring around the field"
    );
    harness.get_by_label("File name").type_text("signed.pdf");
    harness.run_ok();
    assert_eq!(
        harness.get_by_label("File name").value().as_deref(),
        Some("signed.pdf")
    );
}
