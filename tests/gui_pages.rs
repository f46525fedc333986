//! "Share as one link" in the window (egui_kittest) against the embedded S3 server: pick
//! two files with Ctrl-click, or a folder, get one page link on the clipboard, open it and
//! every link on it for real; the history lists the pages; ended pages recorded in the
//! history are removed in the background when the window connects.

use chrono::Utc;
use egui::Modifiers;
use egui_kittest::kittest::Queryable;
use s3share_core::history::{History, HistoryEntry, ManagedRecord};
use s3share_core::managed::ManagedFolder;

mod window;

use window::{TestServer, click, click_button, has_text, last_copied, wait_for};

/// An ended page, as a window of an earlier day left it in the bucket.
const ENDED: &str = "photos/.s3share/pages/20200101T000000Z-0123456789abcdef0123/index.html";

/// Every `href` of a page, unescaped as a browser reads it.
fn links_of(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].replace("&amp;", "&"))
        .collect()
}

#[test]
fn several_files_or_a_folder_become_one_link_to_a_page() {
    let server = TestServer::with_files(&[
        ("photos/tram & river.jpg", b"jpeg one"),
        ("photos/castle.jpg", b"jpeg two"),
        ("photos/day 2/beach.jpg", b"jpeg three"),
        ("photos/notes.txt", b"not shared"),
        (ENDED, b"<p>an old page</p>"),
    ]);
    let history_dir = tempfile::tempdir().unwrap();
    let ended = ManagedFolder::containing("photos", ENDED.trim_start_matches("photos/")).unwrap();
    // The old page, as the history recorded it.
    History::new(history_dir.path().join("history.jsonl"))
        .append(&HistoryEntry {
            managed: Some(ManagedRecord {
                folder: ended.clone(),
                files: 3,
                taken_back_at: None,
            }),
            ..HistoryEntry {
                created_at: Utc::now() - chrono::Duration::days(3),
                connection: "Test storage".to_owned(),
                bucket: "photos".to_owned(),
                key: String::new(),
                mode: "inline".to_owned(),
                filename: None,
                expires_at: ended.ends_at,
                url: None,
                warnings: Vec::new(),
                managed: None,
            }
        })
        .unwrap();
    assert!(server.path(&format!("photos/{}", ended.prefix())).exists());
    let (mut harness, copied) = server.window_with_history(history_dir.path());

    // Connecting removes the ended page, quietly.
    wait_for(&mut harness, "the ended page removed", |_| {
        !server.path(ENDED).exists()
    });
    for kept in [
        "photos/castle.jpg",
        "photos/notes.txt",
        "photos/day 2/beach.jpg",
    ] {
        assert!(server.path(kept).exists(), "{kept}");
    }

    wait_for(&mut harness, "the buckets", |h| {
        h.query_by_label("photos").is_some()
    });
    click(&mut harness, "photos");
    wait_for(&mut harness, "the listing", |h| {
        h.query_by_label("castle.jpg").is_some()
    });
    click(&mut harness, "castle.jpg");
    harness
        .get_by_label("tram & river.jpg")
        .click_modifiers(Modifiers::COMMAND);
    harness.run_ok();
    assert!(has_text(&harness, "2 files selected"));
    click(&mut harness, "1 day");
    click_button(&mut harness, "Share as one link");
    wait_for(&mut harness, "the page link on the clipboard", |_| {
        !copied.lock().unwrap().is_empty()
    });
    wait_for(&mut harness, "the panel's answer", |h| {
        has_text(h, "Copied — page with 2 files, works until")
    });
    let url = last_copied(&copied);
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(url.contains("X-Amz-Expires=86400"), "{url}");
    let page = server.get_page(&url);
    assert!(page.contains("tram &amp; river.jpg"), "{page}");
    assert!(!page.contains("notes.txt"));
    let links = links_of(&page);
    assert_eq!(links.len(), 2);
    let bodies: Vec<Vec<u8>> = links.iter().map(|l| server.get(l).1).collect();
    assert!(bodies.contains(&b"jpeg one".to_vec()) && bodies.contains(&b"jpeg two".to_vec()));

    // A folder: open it, select nothing, and share all of it.
    click(&mut harness, "day 2 (folder)");
    wait_for(&mut harness, "the folder's panel", |h| {
        h.query_by_label("beach.jpg").is_some()
            && has_text(h, "Or share everything in “day 2” as one link")
    });
    click_button(&mut harness, "Share as one link");
    wait_for(&mut harness, "the folder's page", |h| {
        has_text(h, "Copied — page with 1 file, works until")
    });
    let url = last_copied(&copied);
    let page = server.get_page(&url);
    assert!(page.contains("<title>day 2</title>"), "{page}");
    assert_eq!(server.get(&links_of(&page)[0]).1, b"jpeg three");

    // Both pages are in the history, the old one marked ended.
    wait_for(&mut harness, "the history button", |h| {
        h.query_by_label("History (3 links)").is_some()
    });
    click(&mut harness, "History (3 links)");
    assert!(has_text(&harness, "day 2 · page · 1 file"));
    assert!(has_text(&harness, "photos · page · 2 files"));
    assert!(has_text(&harness, "photos · page · 3 files"));
    assert!(has_text(&harness, "ended"));
    let entries = History::new(history_dir.path().join("history.jsonl"))
        .load()
        .unwrap();
    assert_eq!(entries[0].key, "day 2/");
    assert_eq!(entries[0].managed.as_ref().unwrap().files, 1);
    assert_eq!(entries[1].managed.as_ref().unwrap().files, 2);
}
