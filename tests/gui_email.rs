//! The email hand-off in the window (egui_kittest) against the embedded S3 server on
//! 127.0.0.1: pick two files with Ctrl-click, Copy for email, fetch both links for real; the
//! history view lists the links, survives a restart and marks expired ones.

use std::sync::{Arc, Mutex};

use chrono::Utc;
use egui::Modifiers;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use s3share_core::history::{History, HistoryEntry};
use s3share_gui::App;
use s3share_gui::history_jobs::HistoryStore;
use s3share_gui::widgets::Clipboard;

type Log<T> = Arc<Mutex<Vec<T>>>;

mod window;

use window::{TestServer, click, has_text, wait_for};

/// The window on `server` with its history in `history`, and what it copies.
fn open_window(
    server: &TestServer,
    history: &std::path::Path,
) -> (Harness<'static, App>, Log<String>, Log<Option<String>>) {
    let (clipboard, text, html) = Clipboard::recording_with_html();
    let store = HistoryStore::in_dir(history);
    let harness = server.window(move |ctx, settings| {
        App::new_for_test(ctx, settings, clipboard)
            .expect("app")
            .with_history(Some(store))
    });
    (harness, text, html)
}

fn urls_in(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with("http://"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn two_files_in_one_email_with_working_links_and_a_history() {
    let server = TestServer::with_files(&[
        ("reports/Q1 summary.pdf", b"%PDF-1.4 first quarter"),
        ("reports/Q2 & more.pdf", b"%PDF-1.4 second quarter"),
        ("reports/unrelated.txt", b"not shared"),
    ]);
    let history_dir = tempfile::tempdir().unwrap();
    // An old link, already expired, recorded earlier (by the CLI, say).
    History::new(history_dir.path().join("history.jsonl"))
        .append(&HistoryEntry {
            created_at: Utc::now() - chrono::Duration::days(3),
            connection: "Test storage".to_owned(),
            bucket: "reports".to_owned(),
            key: "old-contract.pdf".to_owned(),
            mode: "inline".to_owned(),
            filename: None,
            expires_at: Utc::now() - chrono::Duration::days(2),
            url: Some("http://127.0.0.1:1/expired".to_owned()),
            warnings: Vec::new(),
            managed: None,
        })
        .unwrap();
    let (mut harness, text_log, html_log) = open_window(&server, history_dir.path());
    wait_for(&mut harness, "the listing", |h| {
        h.query_by_label("Q1 summary.pdf").is_some()
    });
    wait_for(&mut harness, "the history loaded", |h| {
        h.query_by_label("History (1 link)").is_some()
    });

    // Click one, Ctrl-click the other: the panel is about both.
    click(&mut harness, "Q1 summary.pdf");
    harness
        .get_by_label("Q2 & more.pdf")
        .click_modifiers(Modifiers::COMMAND);
    harness.run_ok();
    assert!(has_text(&harness, "2 files selected"));
    click(&mut harness, "1 day");
    click(&mut harness, "✉ Copy for email");
    wait_for(&mut harness, "the message on the clipboard", |_| {
        !text_log.lock().unwrap().is_empty()
    });

    let text = text_log.lock().unwrap().last().cloned().unwrap();
    let html = html_log
        .lock()
        .unwrap()
        .last()
        .cloned()
        .unwrap()
        .expect("HTML was copied");
    assert!(text.starts_with("Here are 2 files:"), "{text}");
    assert!(
        text.contains("Q1 summary.pdf") && text.contains("Q2 & more.pdf"),
        "{text}"
    );
    assert!(
        html.contains("Q1 summary.pdf") && html.contains("Q2 &amp; more.pdf"),
        "{html}"
    );
    assert!(html.contains("Link works until"), "{html}");
    let urls = urls_in(&text);
    assert_eq!(urls.len(), 2, "{text}");
    for (url, body) in urls.iter().zip([
        &b"%PDF-1.4 first quarter"[..],
        &b"%PDF-1.4 second quarter"[..],
    ]) {
        assert!(url.contains("X-Amz-Expires=86400"), "{url}");
        assert!(
            html.contains(&url.replace('&', "&amp;")),
            "the HTML links to {url}"
        );
        let (status, got) = server.get(url);
        assert_eq!(status, 200, "{url}");
        assert_eq!(got, body);
    }
    assert!(has_text(&harness, "Copied for email"));

    // The history lists both new links (newest first) and the old expired one.
    wait_for(&mut harness, "the history button", |h| {
        h.query_by_label("History (3 links)").is_some()
    });
    click(&mut harness, "History (3 links)");
    assert!(harness.query_by_label("Shared links").is_some());
    // (The share panel on the right still lists the two selected files as well.)
    assert_eq!(harness.query_all_by_label("Q1 summary.pdf").count(), 2);
    assert_eq!(harness.query_all_by_label("Q2 & more.pdf").count(), 2);
    assert!(harness.query_by_label("old-contract.pdf").is_some());
    assert_eq!(
        harness.query_all_by_label("expires in 1 day").count(),
        2,
        "both new links work for a day"
    );
    assert!(harness.query_by_label("expired").is_some());
    assert_eq!(harness.query_all_by_label("Copy again").count(), 2);
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Make a new link")
            .is_some(),
        "the expired link can be renewed"
    );
    assert!(has_text(&harness, "cannot be taken back early"));

    // Copy again hands out the same working link.
    harness
        .query_all_by_label("Copy again")
        .next()
        .unwrap()
        .click();
    harness.run_ok();
    let again = text_log.lock().unwrap().last().cloned().unwrap();
    assert!(urls.contains(&again), "{again}");

    // Make a new link for the expired one: a fresh link is copied and recorded.
    std::fs::write(
        server.root().join("reports/old-contract.pdf"),
        b"%PDF-1.4 contract",
    )
    .unwrap();
    click(&mut harness, "Make a new link");
    wait_for(&mut harness, "the renewed link", |h| {
        h.query_by_label("History (4 links)").is_some()
    });
    let renewed = text_log.lock().unwrap().last().cloned().unwrap();
    assert!(renewed.contains("old-contract.pdf"), "{renewed}");
    assert_eq!(server.get(&renewed).0, 200);

    // The search narrows the list.
    harness.get_by_label("Search history").focus();
    harness.run_ok();
    harness.get_by_label("Search history").type_text("q2");
    harness.run_ok();
    assert!(harness.query_by_label("old-contract.pdf").is_none());
    assert_eq!(harness.query_all_by_label("Q1 summary.pdf").count(), 1);
    assert_eq!(harness.query_all_by_label("Q2 & more.pdf").count(), 2);
    drop(harness);

    // A new window on the same history file sees all of it.
    let (mut harness, _, _) = open_window(&server, history_dir.path());
    wait_for(&mut harness, "the history after a restart", |h| {
        h.query_by_label("History (4 links)").is_some()
    });
    click(&mut harness, "History (4 links)");
    assert!(harness.query_by_label("Q1 summary.pdf").is_some());
    assert!(harness.query_by_label("Q2 & more.pdf").is_some());

    // Delete one, then clear all (after confirming).
    let before = harness.query_all_by_label("🗑").count();
    harness.query_all_by_label("🗑").next().unwrap().click();
    harness.run_ok();
    assert_eq!(harness.query_all_by_label("🗑").count(), before - 1);
    click(&mut harness, "Clear all…");
    click(&mut harness, "Clear history");
    assert!(harness.query_by_label("History (0 links)").is_some());
    wait_for(&mut harness, "the file emptied", |_| {
        History::new(history_dir.path().join("history.jsonl"))
            .load()
            .unwrap()
            .is_empty()
    });
}

#[test]
fn without_keeping_links_the_history_has_no_urls() {
    let server = TestServer::with_files(&[("box/one.txt", b"one")]);
    let history_dir = tempfile::tempdir().unwrap();
    let (mut harness, text_log, _) = open_window(&server, history_dir.path());
    wait_for(&mut harness, "the listing", |h| {
        h.query_by_label("one.txt").is_some()
    });
    click(&mut harness, "History (0 links)");
    click(&mut harness, "Keep the links themselves");
    wait_for(&mut harness, "the setting saved", |_| {
        std::fs::read_to_string(history_dir.path().join("settings.toml"))
            .is_ok_and(|t| t.contains("keep_links_in_history = false"))
    });
    click(&mut harness, "← Back to files");
    click(&mut harness, "one.txt");
    click(&mut harness, "Copy link");
    wait_for(&mut harness, "the link", |_| {
        !text_log.lock().unwrap().is_empty()
    });
    let history = History::new(history_dir.path().join("history.jsonl"));
    wait_for(&mut harness, "the history written", |_| {
        history.load().is_ok_and(|e| e.len() == 1)
    });
    let entries = history.load().unwrap();
    assert_eq!(entries[0].key, "one.txt");
    assert_eq!(entries[0].url, None);
    // Without the link, Make a new link is the way to share it again.
    click(&mut harness, "History (1 link)");
    assert!(harness.query_by_label("Copy again").is_none());
    assert!(harness.query_by_label("Make a new link").is_some());
}
