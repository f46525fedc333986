//! The window at the sizes people use (egui_kittest, embedded S3 server on 127.0.0.1):
//! under 900 points wide the share panel goes below the list, so names keep their width;
//! a name cut short shows whole on hover; Copy link stays put while results open below it.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use s3share_gui::App;
use s3share_gui::widgets::Clipboard;

mod window;

use window::{TestServer, click, wait_for, wait_for_label};

const LONG: &str = "Contract for the renovation of the old town hall, final signed version (3).pdf";

fn server() -> TestServer {
    TestServer::with_files(&[
        ("docs/Café menu – été.txt", b"menu".as_slice()),
        (&format!("docs/{LONG}"), b"%PDF-1.4"),
        ("docs/Reports 2026/q1.pdf", b"%PDF-1.4"),
    ])
}

fn open(server: &TestServer, size: [f32; 2]) -> Harness<'static, App> {
    let (clipboard, _) = Clipboard::recording();
    let mut harness = server.window_sized(size, move |ctx, settings| {
        App::new_for_test(ctx, settings, clipboard).expect("app")
    });
    wait_for_label(&mut harness, "Café menu – été.txt");
    harness
}

fn copy_link_rect(harness: &Harness<'_, App>) -> egui::Rect {
    harness
        .get_by_role_and_label(Role::Button, "Copy link")
        .rect()
}

/// Copy link's place before and after the link is made (the result, the link field and
/// Test link open below it), and after Test link answers; then the same for two files,
/// one with a long name, whose links open as a row each.
fn copy_link_stays_put(size: [f32; 2]) {
    let server = server();
    let mut harness = open(&server, size);
    click(&mut harness, "Café menu – été.txt");
    wait_for_label(&mut harness, "Copy link");
    let before = copy_link_rect(&harness);
    click(&mut harness, "Copy link");
    wait_for_label(&mut harness, "Test link");
    assert_eq!(copy_link_rect(&harness), before, "moved when the link came");
    click(&mut harness, "Test link");
    wait_for_label(&mut harness, "✔ works");
    assert_eq!(
        copy_link_rect(&harness),
        before,
        "moved when the test answered"
    );

    harness
        .get_by_label(LONG)
        .click_modifiers(egui::Modifiers::COMMAND);
    harness.run_ok();
    wait_for_label(&mut harness, "Copy links");
    let links = |h: &Harness<'_, App>| h.get_by_role_and_label(Role::Button, "Copy links").rect();
    let before = links(&harness);
    click(&mut harness, "Copy links");
    wait_for(&mut harness, "a row per link", |h| {
        h.query_by_role_and_label(Role::TextInput, LONG).is_some()
    });
    assert_eq!(links(&harness), before, "moved when the links came");
}

#[test]
fn copy_link_stays_put_when_rows_open_below_it_at_1280x800() {
    copy_link_stays_put([1280.0, 800.0]);
}

#[test]
fn copy_link_stays_put_when_rows_open_below_it_at_800x600() {
    copy_link_stays_put([800.0, 600.0]);
}

fn row_rect(harness: &Harness<'_, App>, name: &str) -> egui::Rect {
    harness.get_by_role_and_label(Role::Button, name).rect()
}

#[test]
fn under_900_points_the_share_panel_goes_below_the_list() {
    let server = server();
    let mut harness = open(&server, [800.0, 600.0]);
    click(&mut harness, "Café menu – été.txt");
    wait_for_label(&mut harness, "Copy link");
    let row = row_rect(&harness, "Café menu – été.txt");
    let button = copy_link_rect(&harness);
    assert!(button.top() > row.bottom(), "{button:?} not below {row:?}");
    // The list has the width the panel would have taken: its rows reach past the middle.
    assert!(row.right() > 700.0, "{row:?}");
    // The choices sit left of Copy link, in their own column.
    let preset = harness.get_by_role_and_label(Role::Button, "1 day").rect();
    assert!(preset.right() < button.left(), "{preset:?} {button:?}");
}

#[test]
fn wide_windows_keep_the_share_panel_beside_the_list() {
    let server = server();
    let mut harness = open(&server, [1280.0, 800.0]);
    click(&mut harness, "Café menu – été.txt");
    wait_for_label(&mut harness, "Copy link");
    let row = row_rect(&harness, "Café menu – été.txt");
    let button = copy_link_rect(&harness);
    assert!(
        button.left() >= row.right(),
        "{button:?} not right of {row:?}"
    );
    assert!(button.top() < 600.0, "{button:?}");
    // The choices are above Copy link, in one column.
    let preset = harness.get_by_role_and_label(Role::Button, "1 day").rect();
    assert!(preset.bottom() < button.top(), "{preset:?} {button:?}");
}

/// How many widgets (the row, and a tooltip once it shows) are called `name`.
fn called(harness: &Harness<'_, App>, name: &str) -> usize {
    harness.query_all_by_label(name).count()
}

#[test]
fn a_name_cut_short_shows_whole_on_hover() {
    let server = server();
    let mut harness = open(&server, [800.0, 600.0]);
    wait_for_label(&mut harness, LONG);
    assert_eq!(called(&harness, LONG), 1);
    harness.get_by_role_and_label(Role::Button, LONG).hover();
    wait_for(&mut harness, "the whole name in a tooltip", |h| {
        called(h, LONG) == 2
    });
    // A name that fits has nothing to add.
    let short = "Café menu – été.txt";
    harness.get_by_role_and_label(Role::Button, short).hover();
    for _ in 0..90 {
        harness.step();
    }
    assert_eq!(called(&harness, short), 1, "a tooltip repeats a whole name");
    assert_eq!(
        called(&harness, LONG),
        1,
        "the tooltip stays after the pointer left"
    );
}
