//! The share panel in German: its buttons, the link's countdown ("(noch 2 Minuten)") turning
//! into "abgelaufen" with a clock the test sets, the QR code window, and
//! the email text it copies. Its own test binary: the language is one per process, and the
//! other window tests expect English.

use std::sync::{Arc, Mutex};

use chrono::Utc;
use egui_kittest::Harness;
use s3share_core::i18n::{self, Language};
use s3share_gui::bus::Start;
use s3share_gui::clock::Clock;
use s3share_gui::share_panel::{ExpiryChoice, ShareSettings, Unit};
use s3share_gui::widgets::Clipboard;
use s3share_gui::{App, Remembered};

mod window;

use window::{TestServer, click, click_button, has_text, wait_for, wait_for_label};

/// The window on `server` in German, reading time from `clock`, links lasting 2 minutes.
fn open_window(
    server: &TestServer,
    clock: &Clock,
) -> (Harness<'static, App>, Arc<Mutex<Vec<String>>>) {
    let (clipboard, copied) = Clipboard::recording();
    let mut remembered = Remembered::default();
    remembered.share = ShareSettings {
        choice: ExpiryChoice::Custom,
        custom_amount: "2".to_owned(),
        custom_unit: Unit::Minutes,
        download: false,
    };
    let clock = clock.clone();
    let harness = server.window(move |ctx, settings| {
        let mut app = App::with_start(ctx, Start::Connection(settings), remembered, clipboard)
            .expect("app")
            .with_clock(clock);
        app.set_language(Some(Language::German));
        app
    });
    (harness, copied)
}

#[test]
fn the_share_panel_speaks_german_and_counts_down_in_german() {
    let server = TestServer::with_files(&[("box/bericht.pdf", b"%PDF-1.4 report")]);
    let clock = Clock::manual(Utc::now());
    let (mut harness, copied) = open_window(&server, &clock);
    assert_eq!(i18n::language(), Language::German);
    wait_for_label(&mut harness, "bericht.pdf");
    click_button(&mut harness, "bericht.pdf");
    wait_for_label(&mut harness, "Link gilt für");
    assert!(has_text(&harness, "Eigene…"));
    assert!(
        has_text(&harness, "Minuten"),
        "the unit after the number typed"
    );
    clock.set(Utc::now());
    click(&mut harness, "Link kopieren");
    wait_for(&mut harness, "the link", |_| {
        !copied.lock().unwrap().is_empty()
    });
    assert!(has_text(&harness, "✔ Kopiert — gültig bis"));
    assert!(has_text(&harness, "(noch 2 Minuten)"));
    assert!(!has_text(&harness, "works until"), "no English left");

    click(&mut harness, "✉ Für E-Mail kopieren");
    wait_for(&mut harness, "the email text", |_| {
        copied.lock().unwrap().len() >= 2
    });
    let email = copied.lock().unwrap().last().cloned().unwrap_or_default();
    assert!(email.contains("Link gültig bis "), "{email}");
    assert!(!email.contains("works until"), "{email}");

    click(&mut harness, "QR-Code");
    wait_for(&mut harness, "the QR code", |h| {
        has_text(h, "Richten Sie die Kamera")
    });
    assert!(has_text(
        &harness,
        "Ein Smartphone (oder jemand anderes) kann ihn nicht öffnen."
    ));

    // Three minutes on, without a click: ended, in German.
    clock.advance(chrono::Duration::minutes(3));
    harness.run_ok();
    assert!(
        has_text(&harness, "Dieser Link ist abgelaufen"),
        "share panel"
    );
    assert!(!has_text(&harness, "(noch "), "no countdown is left");
}
