//! "Share a copy I can take back" in the window (egui_kittest) against the embedded S3
//! server on 127.0.0.1: the copy's link works, "Stop sharing" in history makes it answer
//! 403/404 and the entry says "taken back"; the browser hides s3share's own folder unless
//! View → "Show s3share's own files" is on.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use s3share_core::history::{History, ShareState};

mod window;

use window::{TestServer, click, has_text, last_copied, wait_for, wait_for_label};

const PHOTO: &[u8] = b"\xff\xd8\xff\xe0 a small jpeg";
/// A page s3share made earlier, in its own folder (ends in 2099).
const OWN_PAGE: &str = "photos/.s3share/pages/20991231T000000Z-0123456789abcdef0123/index.html";

#[test]
fn a_copy_s_link_works_until_stop_sharing_and_history_says_taken_back() {
    let server = TestServer::with_files(&[
        ("photos/IMG_0412.jpg", PHOTO),
        (OWN_PAGE, b"<html></html>".as_slice()),
    ]);
    let history_dir = tempfile::tempdir().unwrap();
    let (mut harness, copied) = server.window_with_history(history_dir.path());
    wait_for_label(&mut harness, "IMG_0412.jpg");
    click(&mut harness, "IMG_0412.jpg");

    // The option says what it costs, before anything is made.
    assert!(has_text(
        &harness,
        &format!(
            "Stores a second copy ({} B) until the link ends",
            PHOTO.len()
        )
    ));
    click(&mut harness, "Share a copy I can take back");
    click(&mut harness, "Copy link");
    wait_for(&mut harness, "the copy's link on the clipboard", |_| {
        !copied.lock().unwrap().is_empty()
    });
    let url = last_copied(&copied);
    assert!(url.contains("/.s3share/shares/"), "{url}");
    assert_eq!(server.get(&url), (200, PHOTO.to_vec()));
    assert!(has_text(&harness, "It links to a copy"));

    wait_for_label(&mut harness, "History (1 link)");
    click(&mut harness, "History (1 link)");
    assert!(harness.query_by_label("active").is_some());
    // The detail line says what it is: a copy, not a page.
    assert!(has_text(&harness, "a link to s3share's copy of the file"));
    harness
        .get_by_role_and_label(Role::Button, "Stop sharing")
        .click();
    harness.run_ok();
    wait_for(&mut harness, "the entry taken back", |h| {
        h.query_by_label("taken back").is_some()
    });
    // What it did, in the words the CLI uses (ManagedRecord::stop_sharing_effect).
    assert!(has_text(
        &harness,
        "s3share's copy is deleted and its link stops working at once"
    ));
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Stop sharing")
            .is_none(),
        "nothing left to stop"
    );
    assert!(harness.query_all_by_label("Copy again").next().is_none());
    let (status, _) = server.get(&url);
    assert!(
        matches!(status, 403 | 404),
        "the link still answers {status}"
    );
    // The user's own file is untouched.
    assert_eq!(
        std::fs::read(server.path("photos/IMG_0412.jpg")).unwrap(),
        PHOTO
    );
    // The history file says so too (the backend wrote it).
    let history = History::new(history_dir.path().join("history.jsonl"));
    wait_for(&mut harness, "the history file updated", |_| {
        history
            .load()
            .unwrap()
            .first()
            .is_some_and(|e| e.state(chrono::Utc::now()) == ShareState::TakenBack)
    });
    let entry = history.load().unwrap().remove(0);
    assert_eq!(entry.key, "IMG_0412.jpg", "history names the user's file");
}

#[test]
fn the_browser_hides_s3share_s_own_folder_unless_asked() {
    let server = TestServer::with_files(&[
        ("photos/IMG_0412.jpg", PHOTO),
        (OWN_PAGE, b"<html></html>".as_slice()),
    ]);
    let history_dir = tempfile::tempdir().unwrap();
    let (mut harness, _) = server.window_with_history(history_dir.path());
    wait_for_label(&mut harness, "IMG_0412.jpg");
    assert!(harness.query_by_label(".s3share (folder)").is_none());
    assert!(
        has_text(&harness, "1 item"),
        "the status counts what is shown"
    );

    click(&mut harness, "View");
    click(&mut harness, "Show s3share's own files");
    wait_for_label(&mut harness, ".s3share (folder)");
    assert!(harness.query_by_label("IMG_0412.jpg").is_some());

    click(&mut harness, "View");
    click(&mut harness, "Show s3share's own files");
    wait_for(&mut harness, "the folder hidden again", |h| {
        h.query_by_label(".s3share (folder)").is_none()
            && h.query_by_label("IMG_0412.jpg").is_some()
    });
}

/// When the window connects, what history records on this connection and has ended is
/// removed from the bucket (copies as well as pages); what still works stays.
#[test]
fn ended_copies_are_removed_when_the_window_connects() {
    use chrono::Utc;
    use s3share_core::history::{HistoryEntry, ManagedRecord};
    use s3share_core::managed::{ManagedFolder, ManagedKind};

    let ended = ManagedFolder::new(
        "photos",
        "",
        ManagedKind::Copy,
        Utc::now() - chrono::Duration::minutes(5),
    );
    let ended_key = format!("photos/{}", ended.object("IMG_0412.jpg").key);
    let server = TestServer::with_files(&[
        ("photos/IMG_0412.jpg", PHOTO),
        (ended_key.as_str(), PHOTO),
        (OWN_PAGE, b"<html></html>".as_slice()),
    ]);
    let history_dir = tempfile::tempdir().unwrap();
    History::new(history_dir.path().join("history.jsonl"))
        .append(&HistoryEntry {
            created_at: Utc::now() - chrono::Duration::hours(1),
            connection: "Test storage".to_owned(),
            bucket: "photos".to_owned(),
            key: "IMG_0412.jpg".to_owned(),
            mode: "inline".to_owned(),
            filename: None,
            expires_at: ended.ends_at,
            url: None,
            warnings: Vec::new(),
            managed: Some(ManagedRecord {
                folder: ended.clone(),
                files: 1,
                taken_back_at: None,
            }),
        })
        .unwrap();
    assert!(server.path(&ended_key).exists());
    let (mut harness, _) = server.window_with_history(history_dir.path());
    wait_for(&mut harness, "the ended copy removed", |_| {
        !server.path(&ended_key).exists()
    });
    // The page that still works and the user's file stay.
    assert!(server.path(OWN_PAGE).exists());
    assert!(server.path("photos/IMG_0412.jpg").exists());
}
