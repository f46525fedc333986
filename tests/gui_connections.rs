//! Saved connections in the window, against a private Secret Service (dbus-daemon +
//! unlocked gnome-keyring-daemon, started by the test) and the embedded S3 server: add a
//! MinIO-style connection through the dialog, test it, save it, browse it, copy a working
//! link; open it again as on the next start; remove it. The secret is found only in the
//! keyring afterwards. One test: the keyring store is set up once per process.

mod common;
mod gui_common;

use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use gui_common::*;
use s3share_gui::bus::Start;
use s3share_gui::connections::{self, DEMO_NAME};
use s3share_gui::widgets::Clipboard;
use s3share_gui::{App, Remembered};

const BODY: &[u8] = b"%PDF-1.4 quarterly report";
const TESTING: &str = "Testing the connection…";

fn window(start: Start, clipboard: Clipboard) -> Harness<'static, App> {
    Harness::builder()
        .with_size([1200.0, 800.0])
        .with_max_steps(40)
        .build_eframe(move |cc| {
            App::with_start(&cc.egui_ctx, start, Remembered::default(), clipboard).expect("app")
        })
}

#[test]
fn add_test_save_browse_share_and_remove_a_connection() {
    let env = env(true);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let bucket = runtime.block_on(async {
        let s = common::session().await;
        let b = common::bucket(&s, "office").await;
        common::put(&s, &b, "reports/q3.pdf", BODY).await;
        b
    });
    let endpoint = common::server().endpoint();

    // First run: no saved connection, no AWS keys → demo storage with its banner.
    assert!(!s3share_gui::aws_credentials_present());
    let (clipboard, copied_log) = Clipboard::recording();
    let start = connections::start_for(None, false);
    assert!(matches!(start, Start::DemoStorage { .. }), "{start:?}");
    let mut harness = window(start, clipboard);
    wait_for_text(&mut harness, "Demo storage on this computer");
    click(&mut harness, "Add your S3 account →");
    wait_for_label(&mut harness, "Add your S3 account");

    // Fill the dialog as a user would.
    type_into(&mut harness, "Name", "Office MinIO");
    click(&mut harness, "Provider");
    click(&mut harness, "MinIO / other S3-compatible");
    assert!(
        harness
            .get_by_role_and_label(Role::CheckBox, "Path-style addresses (server/bucket/file)")
            .accesskit_node()
            .toggled()
            == Some(egui::accesskit::Toggled::True),
        "MinIO uses path-style addresses"
    );
    type_into(&mut harness, "Endpoint", &endpoint);
    type_into(&mut harness, "Access key ID", common::ACCESS_KEY_ID);
    type_into(&mut harness, "Secret access key", common::SECRET_ACCESS_KEY);
    assert!(
        !has_text(&harness, common::SECRET_ACCESS_KEY),
        "the secret is never shown"
    );

    click_button(&mut harness, "Test connection");
    wait_for_text(&mut harness, "Connection works");
    assert!(
        has_text(&harness, &bucket),
        "the test names the bucket it saw"
    );

    click_button(&mut harness, "Save");
    // Saved: the dialog closes and the window opens the new connection; its only bucket
    // opens by itself.
    wait_for_label(&mut harness, "reports (folder)");
    assert!(harness.query_by_label("Add your S3 account").is_none());
    assert!(has_text(&harness, "☁ Office MinIO"));
    assert!(!has_text(&harness, "Demo storage on this computer"));
    click(&mut harness, "reports (folder)");
    wait_for_label(&mut harness, "q3.pdf");
    click(&mut harness, "q3.pdf");
    wait_for_label(&mut harness, "Copy link");
    click_button(&mut harness, "Copy link");
    wait_for(&mut harness, "the link on the clipboard", |_| {
        !copied(&copied_log).is_empty()
    });
    let url = copied(&copied_log)[0].clone();
    assert!(url.starts_with(&endpoint), "{url}");
    let (status, body) = runtime.block_on(async {
        let response = common::http_client().get(&url).send().await.unwrap();
        (response.status().as_u16(), response.bytes().await.unwrap())
    });
    assert_eq!(status, 200);
    assert_eq!(&body[..], BODY);

    // Metadata in connections.toml, the secret in the keyring only.
    let config = std::fs::read_to_string(env.connections_file()).unwrap();
    assert!(config.contains("Office MinIO") && config.contains(common::ACCESS_KEY_ID));
    let list = s3share_core::saved::ConnectionList::load(&env.connections_file()).unwrap();
    let saved = list.find("Office MinIO").unwrap().clone();
    assert!(saved.path_style);
    assert!(keyring_has(&saved.id), "the secret is in the keyring");

    // What the window remembers names the connection and holds no secret.
    let persisted = persisted_text(&mut harness);
    assert!(persisted.contains("Office MinIO"), "{persisted}");
    assert_eq!(persisted.matches(common::SECRET_ACCESS_KEY).count(), 0);

    // The switcher lists it with the built-in ones.
    click(&mut harness, "☁ Office MinIO ⏷");
    assert!(has_text(
        &harness,
        "Office MinIO — MinIO / other S3-compatible"
    ));
    assert!(harness.query_by_label(DEMO_NAME).is_some());
    assert!(
        harness
            .query_by_label("AWS (environment/profile)")
            .is_none(),
        "no AWS keys here"
    );
    harness.key_press(egui::Key::Escape);
    harness.run_ok();
    drop(harness);

    // Next start: the remembered connection opens again (secret read from the keyring).
    let (clipboard, _) = Clipboard::recording();
    let mut harness = window(
        connections::start_for(Some("Office MinIO"), false),
        clipboard,
    );
    wait_for_label(&mut harness, "reports (folder)");
    assert!(has_text(&harness, "☁ Office MinIO"));

    // Edit → Remove: the keyring item and the file entry are gone; back to demo storage.
    click(&mut harness, "☁ Office MinIO ⏷");
    click(&mut harness, "✏ Edit “Office MinIO”…");
    wait_for_label(&mut harness, "Edit connection");
    assert_eq!(
        harness.get_by_label("Name").value().as_deref(),
        Some("Office MinIO")
    );
    // The core's name rules, the same as the CLI's: a built-in name in any case is taken.
    type_into(&mut harness, "Name", "aws");
    click_button(&mut harness, "Save");
    wait_for_text(&mut harness, "is a built-in connection");
    type_into(&mut harness, "Name", "Office MinIO");
    click_button(&mut harness, "Remove…");
    click_button(&mut harness, "Yes, remove");
    wait_for_text(&mut harness, "Demo storage on this computer");
    assert!(!keyring_has(&saved.id), "the secret left the keyring");
    let list = s3share_core::saved::ConnectionList::load(&env.connections_file()).unwrap();
    assert!(list.find("Office MinIO").is_none());

    // The secret is nowhere on disk but in the (encrypted) keyring.
    let mut leaks = 0;
    for dir in [".config", ".local/share/s3share", ".cache"] {
        leaks += occurrences_below(&env.home.join(dir), common::SECRET_ACCESS_KEY);
    }
    leaks += persisted_text(&mut harness)
        .matches(common::SECRET_ACCESS_KEY)
        .count();
    assert_eq!(leaks, 0, "the secret leaked outside the keyring");
    drop(harness);
    env.stop();
}

/// A loopback TCP forwarder to `upstream` that holds each new connection for `delay`
/// before passing it on, so answers through it come late. The Host header is kept, so
/// signatures made for this address verify upstream.
fn slow_proxy(runtime: &tokio::runtime::Runtime, upstream: &str, delay: Duration) -> String {
    let upstream = upstream
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    runtime.spawn(async move {
        while let Ok((mut client, _)) = listener.accept().await {
            let upstream = upstream.clone();
            tokio::spawn(async move {
                tokio::time::sleep(delay).await;
                if let Ok(mut server) = tokio::net::TcpStream::connect(&upstream).await {
                    let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                }
            });
        }
    });
    format!("http://{addr}")
}

/// Fills a new connection's form for the embedded server behind `endpoint`.
fn fill_form(harness: &mut Harness<'static, App>, endpoint: &str, secret: &str) {
    wait_for_label(harness, "Add your S3 account");
    type_into(harness, "Name", "Late answers");
    click(harness, "Provider");
    click(harness, "MinIO / other S3-compatible");
    type_into(harness, "Endpoint", endpoint);
    type_into(harness, "Access key ID", common::ACCESS_KEY_ID);
    type_into(harness, "Secret access key", secret);
}

#[test]
fn a_test_answer_for_a_closed_dialog_is_dropped() {
    let _env = env(true);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let slow = slow_proxy(
        &runtime,
        &common::server().endpoint(),
        Duration::from_millis(1500),
    );
    let (clipboard, _) = Clipboard::recording();
    let mut harness = window(Start::Connection(common::settings()), clipboard);
    wait_for_label(&mut harness, "☁ test ⏷");

    // Test good keys, then close the dialog before the (slow) answer comes.
    click(&mut harness, "☁ test ⏷");
    click(&mut harness, "➕ Add a connection…");
    fill_form(&mut harness, &slow, common::SECRET_ACCESS_KEY);
    click_button(&mut harness, "Test connection");
    assert!(has_text(&harness, TESTING));
    click_button(&mut harness, "Cancel");
    assert!(harness.query_by_label("Add your S3 account").is_none());

    // A new dialog tests a wrong secret: its answer comes after the first one's, which
    // must never show here.
    click(&mut harness, "☁ test ⏷");
    click(&mut harness, "➕ Add a connection…");
    fill_form(&mut harness, &slow, "not-the-secret");
    click_button(&mut harness, "Test connection");
    wait_for(&mut harness, "the second test's answer", |h| {
        assert!(
            !has_text(h, "Connection works"),
            "the answer for the closed dialog was shown"
        );
        !has_text(h, TESTING)
    });
    assert!(!has_text(&harness, "Connection works"));
    click_button(&mut harness, "Cancel");
}
