//! The window without any keyring (the session bus address leads nowhere): saving a
//! connection says so in plain words and offers "Keep for this session only"; that works
//! (browse, copy a working link) and nothing is written to disk. One test: the keyring
//! store is set up once per process.

mod common;
mod gui_common;

use egui_kittest::Harness;
use gui_common::*;
use s3share_gui::connections;
use s3share_gui::widgets::Clipboard;
use s3share_gui::{App, Remembered};

#[test]
fn without_a_keyring_keys_can_be_kept_for_this_session_only() {
    let env = env(false);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let bucket = runtime.block_on(async {
        let s = common::session().await;
        let b = common::bucket(&s, "nokeyring").await;
        common::put(&s, &b, "hello.txt", b"hello").await;
        b
    });
    let endpoint = common::server().endpoint();

    let (clipboard, copied_log) = Clipboard::recording();
    let start = connections::start_for(None, false);
    let mut harness = Harness::builder()
        .with_size([1200.0, 800.0])
        .with_max_steps(40)
        .build_eframe(move |cc| {
            App::with_start(&cc.egui_ctx, start, Remembered::default(), clipboard).expect("app")
        });
    wait_for_text(&mut harness, "Demo storage on this computer");
    click(&mut harness, "Add your S3 account →");
    wait_for_label(&mut harness, "Add your S3 account");
    type_into(&mut harness, "Name", "Laptop MinIO");
    click(&mut harness, "Provider");
    click(&mut harness, "MinIO / other S3-compatible");
    type_into(&mut harness, "Endpoint", &endpoint);
    type_into(&mut harness, "Access key ID", common::ACCESS_KEY_ID);
    type_into(&mut harness, "Secret access key", common::SECRET_ACCESS_KEY);

    click_button(&mut harness, "Save");
    wait_for_text(&mut harness, "No keyring is available");
    assert!(has_text(&harness, "never writes keys to a file"));
    assert!(has_text(&harness, "forgotten when S3 Share closes"));
    assert!(!env.connections_file().exists(), "nothing is written");

    click_button(&mut harness, "Keep for this session only");
    wait_for_label(&mut harness, "hello.txt");
    assert!(has_text(&harness, "☁ Laptop MinIO"));
    click(&mut harness, "hello.txt");
    click_button(&mut harness, "Copy link");
    wait_for(&mut harness, "the link on the clipboard", |_| {
        !copied(&copied_log).is_empty()
    });
    let url = copied(&copied_log)[0].clone();
    let status = runtime.block_on(async {
        common::http_client()
            .get(&url)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    });
    assert_eq!(status, 200, "{url}");

    // Listed in the switcher, marked as kept for this session only.
    click(&mut harness, "☁ Laptop MinIO ⏷");
    assert!(has_text(
        &harness,
        "Laptop MinIO — MinIO / other S3-compatible · this session only"
    ));
    harness.key_press(egui::Key::Escape);
    harness.run_ok();

    // Nothing on disk: no connections.toml, and the secret appears nowhere.
    assert!(!env.connections_file().exists());
    let mut leaks = occurrences_below(&env.home, common::SECRET_ACCESS_KEY);
    leaks += persisted_text(&mut harness)
        .matches(common::SECRET_ACCESS_KEY)
        .count();
    assert_eq!(leaks, 0, "the secret leaked");
    let _ = bucket;
}
