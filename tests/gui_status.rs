//! The window stays honest about time and place: "in …" counts down live and turns into
//! "ended" (with a clock the test sets, and one repaint per change of words, not one per
//! frame), and the QR code of a link to this computer says a phone cannot open it.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use s3share_gui::bus::Start;
use s3share_gui::clock::Clock;
use s3share_gui::share_panel::{ExpiryChoice, ShareSettings, Unit};
use s3share_gui::widgets::Clipboard;
use s3share_gui::{App, Remembered};

mod window;

use window::{TestServer, click, click_button, has_text, wait_for, wait_for_label};

/// The window on `server`, reading time from `clock`, links lasting `minutes` minutes.
fn open_window(
    server: &TestServer,
    clock: &Clock,
    minutes: u32,
) -> (Harness<'static, App>, Arc<Mutex<Vec<String>>>) {
    let (clipboard, copied) = Clipboard::recording();
    let mut remembered = Remembered::default();
    remembered.share = ShareSettings {
        choice: ExpiryChoice::Custom,
        custom_amount: minutes.to_string(),
        custom_unit: Unit::Minutes,
        download: false,
    };
    let clock = clock.clone();
    let harness = server.window(move |ctx, settings| {
        App::with_start(ctx, Start::Connection(settings), remembered, clipboard)
            .expect("app")
            .with_clock(clock)
    });
    (harness, copied)
}

/// How long the window asked egui to wait before the next frame.
fn repaint_delay(harness: &Harness<'_, App>) -> Duration {
    harness.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay
}

/// Steps until the toast has gone (egui time advances with each step) and the file's
/// preview has arrived, so the only repaint asked for is the countdown's.
fn until_the_toast_is_gone(harness: &mut Harness<'_, App>) {
    for _ in 0..500 {
        harness.step();
        if !has_text(harness, "Link copied") && !has_text(harness, "Loading preview") {
            harness.run_ok();
            return;
        }
        // The preview comes from the backend, in real time.
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the toast or the preview's spinner stayed");
}

#[test]
fn works_until_counts_down_live_and_says_ended() {
    let server = TestServer::with_files(&[("box/report.pdf", b"%PDF-1.4 report")]);
    let clock = Clock::manual(Utc::now());
    let (mut harness, copied) = open_window(&server, &clock, 2);
    wait_for_label(&mut harness, "report.pdf");
    click_button(&mut harness, "report.pdf");
    clock.set(Utc::now());
    click(&mut harness, "Copy link");
    wait_for(&mut harness, "the link", |_| {
        !copied.lock().unwrap().is_empty()
    });
    assert!(has_text(&harness, "✔ Copied — works until"));
    assert!(has_text(&harness, "(in 2 minutes)"));
    until_the_toast_is_gone(&mut harness);

    // Idle, the window asks for one frame when "2 minutes" becomes "1 minute" (a little
    // over 30 s from now: fewer than 90 s left), not for a frame after every frame.
    let delay = repaint_delay(&harness);
    assert!(
        (Duration::from_secs(25)..=Duration::from_secs(40)).contains(&delay),
        "{delay:?}"
    );

    // History counts down too.
    click(&mut harness, "History (1 link)");
    assert!(has_text(&harness, "expires in 2 min"));

    // Three minutes on, without any click: the same window says the link has ended.
    clock.advance(chrono::Duration::minutes(3));
    harness.run_ok();
    assert!(has_text(&harness, "This link has ended"), "share panel");
    assert!(!has_text(&harness, "(ended)"), "ended is said once");
    assert!(!has_text(&harness, "(in "), "no countdown is left");
    assert!(has_text(&harness, "expired"), "history's badge");
    // Nothing left to count down: no timed repaint for it.
    assert!(repaint_delay(&harness) > Duration::from_secs(3600));
}

#[test]
fn the_qr_code_of_a_link_to_this_computer_says_a_phone_cannot_open_it() {
    let server = TestServer::with_files(&[("box/report.pdf", b"%PDF-1.4 report")]);
    let (mut harness, _copied) = open_window(&server, &Clock::system(), 60);
    wait_for_label(&mut harness, "report.pdf");
    click_button(&mut harness, "report.pdf");
    click(&mut harness, "QR code");
    wait_for(&mut harness, "the QR code", |h| {
        has_text(h, "QR code of the link to")
    });
    assert!(has_text(
        &harness,
        "This link points at this computer: a phone (or anyone else) cannot open it."
    ));
    assert!(!has_text(&harness, "(127.0.0.1)"), "no jargon");
}

/// A history line of demo storage: `key` linked through `endpoint`, signed by `access_key`.
fn demo_entry(key: &str, endpoint: &str, access_key: &str) -> s3share_core::history::HistoryEntry {
    let made = Utc::now() - chrono::Duration::hours(1);
    s3share_core::history::HistoryEntry {
        created_at: made,
        connection: "Demo storage".to_owned(),
        bucket: "demo".to_owned(),
        key: key.to_owned(),
        mode: "inline".to_owned(),
        filename: None,
        expires_at: made + chrono::Duration::days(7),
        url: Some(format!(
            "{endpoint}/demo/{key}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={access_key}%2F20261128%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=00"
        )),
        warnings: Vec::new(),
        managed: None,
    }
}

#[test]
fn links_of_an_earlier_demo_session_show_as_ended_when_demo_storage_restarted_elsewhere() {
    use s3share_core::demo::{DemoRestart, DemoSession};
    use s3share_gui::bus::Event;
    let server = TestServer::with_files(&[("box/report.pdf", b"%PDF-1.4 report")]);
    let (mut harness, _copied) = open_window(&server, &Clock::system(), 60);
    wait_for_label(&mut harness, "report.pdf");
    // Port 28213 was taken this time: demo storage answers on 28214, with the same keys.
    let ctx = harness.ctx.clone();
    harness.state_mut().handle_event(
        &ctx,
        Event::HistoryLoaded {
            entries: vec![
                demo_entry("before.txt", "http://127.0.0.1:28213", "DEMOKEY"),
                demo_entry("after.txt", "http://127.0.0.1:28214", "DEMOKEY"),
                // Ended on its own before: it keeps its own state, not the restart's.
                s3share_core::history::HistoryEntry {
                    expires_at: Utc::now() - chrono::Duration::minutes(5),
                    ..demo_entry("expired.txt", "http://127.0.0.1:28213", "DEMOKEY")
                },
            ],
            preferences: s3share_core::preferences::Preferences {
                keep_links_in_history: true,
                ..Default::default()
            },
        },
    );
    harness.state_mut().handle_event(
        &ctx,
        Event::Connected {
            name: "Demo storage".to_owned(),
            demo: Some(DemoSession {
                endpoint: "http://127.0.0.1:28214".to_owned(),
                access_key_id: "DEMOKEY".to_owned(),
                restarted_at: Some(Utc::now()),
                restart: vec![DemoRestart::PortTaken { port: 28213 }],
                session_only_keys: false,
            }),
        },
    );
    harness.run_ok();
    assert!(has_text(
        &harness,
        "Demo storage had to start afresh, so links you made with it earlier no longer work."
    ));
    // Why, on hover.
    harness
        .get_by_label_contains("Demo storage had to start afresh")
        .hover();
    harness.run_ok();
    assert!(has_text(
        &harness,
        "Another program is using port 28213, where those links point."
    ));
    click(&mut harness, "History (3 links)");
    // The earlier session's link is said to have ended, and why; the new one is active;
    // the one that had expired is just "ended".
    assert_eq!(
        harness
            .query_all_by_label("ended — demo storage restarted")
            .count(),
        1
    );
    assert_eq!(
        harness.query_all_by_label("ended").count(),
        1,
        "expired.txt"
    );
    harness
        .get_by_label("ended — demo storage restarted")
        .hover();
    harness.run_ok();
    assert!(has_text(
        &harness,
        "It points at demo storage on port 28213, where it no longer runs."
    ));
    assert!(
        has_text(&harness, "would have worked until"),
        "the restart ended it before its time"
    );
    assert!(has_text(&harness, "expires in 7 days"), "the link made now");
    assert!(
        has_text(&harness, "Make a new link"),
        "the ended one offers a new link"
    );
}
