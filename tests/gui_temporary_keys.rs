//! The window with temporary keys, against the embedded S3 server: a link signed with a
//! session token whose end is unknown carries a visible note in the share panel and a mark
//! in the history; one whose end is known says it ends with the session. The connection
//! dialog warns about plain http to another computer and takes the session's end time.

use std::sync::{Arc, Mutex};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use s3share_core::{CredentialSource, Secret};
use s3share_gui::App;
use s3share_gui::history_jobs::HistoryStore;
use s3share_gui::widgets::Clipboard;

mod window;

use window::{
    TestServer, click, click_button, has_text, type_into, wait_for, wait_for_label, wait_for_text,
};

const EARLY: &str = "may stop working before the time shown";

/// The window on `server`, signing with the server's keys plus a session token ending at
/// `expires_at` (unknown: `None`), its history in `history`.
fn open_with_token(
    server: &TestServer,
    expires_at: Option<chrono::DateTime<chrono::Utc>>,
    history: &std::path::Path,
) -> (Harness<'static, App>, Arc<Mutex<Vec<String>>>) {
    let (clipboard, copied) = Clipboard::recording();
    let store = HistoryStore::in_dir(history);
    let harness = server.window(move |ctx, mut settings| {
        if let CredentialSource::Static {
            session_token,
            expires_at: end,
            ..
        } = &mut settings.credentials
        {
            *session_token = Some(Secret::new("FwoGZXIvYXdzEXAMPLETOKEN"));
            *end = expires_at;
        }
        App::new_for_test(ctx, settings, clipboard)
            .expect("app")
            .with_history(Some(store))
    });
    (harness, copied)
}

fn copy_a_link(harness: &mut Harness<'_, App>, copied: &Arc<Mutex<Vec<String>>>) -> String {
    wait_for_label(harness, "deal.pdf");
    click(harness, "deal.pdf");
    wait_for_label(harness, "Copy link");
    click_button(harness, "Copy link");
    wait_for(harness, "the link on the clipboard", |_| {
        !copied.lock().unwrap().is_empty()
    });
    copied.lock().unwrap()[0].clone()
}

#[test]
fn unknown_session_end_is_noted_in_the_share_panel() {
    let server = TestServer::with_files(&[("contracts/deal.pdf", b"%PDF deal")]);
    let history = tempfile::tempdir().unwrap();
    let (mut harness, copied) = open_with_token(&server, None, history.path());
    let url = copy_a_link(&mut harness, &copied);
    assert!(url.contains("X-Amz-Security-Token="), "{url}");
    assert_eq!(server.get(&url), (200, b"%PDF deal".to_vec()));
    wait_for_text(&mut harness, EARLY);
    assert!(!has_text(&harness, "Sooner than you asked"));

    // The history marks the link.
    wait_for_label(&mut harness, "History (1 link)");
    click(&mut harness, "History (1 link)");
    wait_for_text(&mut harness, "⚠ may stop early");
}

#[test]
fn known_session_end_shortens_the_link_without_the_note() {
    let server = TestServer::with_files(&[("contracts/deal.pdf", b"%PDF deal")]);
    let end = chrono::Utc::now() + chrono::Duration::minutes(30);
    let history = tempfile::tempdir().unwrap();
    let (mut harness, copied) = open_with_token(&server, Some(end), history.path());
    let url = copy_a_link(&mut harness, &copied);
    assert_eq!(server.get(&url).0, 200);
    wait_for_text(&mut harness, "Sooner than you asked");
    assert!(!has_text(&harness, EARLY));
    wait_for_label(&mut harness, "History (1 link)");
    click(&mut harness, "History (1 link)");
    wait_for_text(&mut harness, "expires in");
    assert!(!has_text(&harness, "may stop early"));
}

#[test]
fn the_dialog_warns_about_plain_http_and_takes_the_session_end() {
    let server = TestServer::with_files(&[("contracts/deal.pdf", b"%PDF deal")]);
    let (clipboard, _) = Clipboard::recording();
    let mut harness = server
        .window(move |ctx, settings| App::new_for_test(ctx, settings, clipboard).expect("app"));
    wait_for_label(&mut harness, "☁ Test storage ⏷");
    click(&mut harness, "☁ Test storage ⏷");
    click(&mut harness, "➕ Add a connection…");
    wait_for_label(&mut harness, "Add your S3 account");
    type_into(&mut harness, "Name", "Office");
    click(&mut harness, "Provider");
    click(&mut harness, "MinIO / other S3-compatible");

    type_into(&mut harness, "Endpoint", "http://192.168.1.10:9000");
    assert!(has_text(&harness, "plain http to another computer"));
    type_into(&mut harness, "Endpoint", "http://127.0.0.1:9000");
    assert!(!has_text(&harness, "plain http to another computer"));
    type_into(&mut harness, "Endpoint", "https://me:pw@minio.example");
    type_into(&mut harness, "Access key ID", "AKID");
    type_into(&mut harness, "Secret access key", "secret");
    click_button(&mut harness, "Save");
    wait_for_text(&mut harness, "user name or password");
    type_into(&mut harness, "Endpoint", "http://127.0.0.1:9000");

    // The end-time field comes with the token, and says what leaving it empty means.
    assert!(harness.query_by_label("Session ends").is_none());
    type_into(&mut harness, "Session token", "FwoGZXIvYXdzEXAMPLETOKEN");
    wait_for_label(&mut harness, "Session ends");
    assert!(has_text(&harness, "may stop working early"));
    type_into(&mut harness, "Session ends", "soon-ish");
    assert!(has_text(&harness, "is not a date and time"));
    type_into(&mut harness, "Session ends", "2099-12-31 23:00");
    assert!(has_text(&harness, "Links end by"));
    type_into(&mut harness, "Session ends", "2020-01-01 10:00");
    click_button(&mut harness, "Save");
    wait_for_text(&mut harness, "has passed");
}
