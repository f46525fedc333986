//! "Request files…" in the window (egui_kittest) against the embedded S3 server: choose a
//! lifetime and a size cap, make the page, copy its link, send a file through the page's
//! form as a browser would, and find it with "Open folder"; the request is in history.

use egui_kittest::kittest::Queryable;
use s3share_core::history::History;

mod window;

#[path = "support/html.rs"]
mod html;

use html::data;

use window::{
    TestServer, click, click_button, has_text, last_copied, wait_for, wait_for_label, wait_for_text,
};

#[test]
fn request_files_for_a_folder_copy_the_page_and_see_what_arrived() {
    let server = TestServer::with_files(&[("shared/inbox/old.txt", b"already here")]);
    let history_dir = tempfile::tempdir().unwrap();
    let (mut harness, copied) = server.window_with_history(history_dir.path());
    wait_for_label(&mut harness, "inbox (folder)");
    click(&mut harness, "inbox (folder)");
    wait_for_label(&mut harness, "old.txt");

    // Nothing selected: the share panel offers to ask others for files.
    click_button(&mut harness, "Request files…");
    wait_for_label(&mut harness, "Make request page");
    assert!(has_text(
        &harness,
        "a new folder of their own inside shared/inbox; the files already in shared/inbox are never replaced"
    ));
    // The share panel behind the dialog has a "1 day" of its own: the dialog's is the
    // last one drawn.
    harness
        .query_all_by_role_and_label(egui::accesskit::Role::Button, "1 day")
        .last()
        .expect("the dialog's 1 day")
        .click();
    harness.run_ok();
    click_button(&mut harness, "10 MB");
    click_button(&mut harness, "Make request page");
    wait_for_text(&mut harness, "The request page is ready");
    assert!(has_text(&harness, "(up to 10.0 MB each)"));

    click_button(&mut harness, "Copy page link");
    let url = last_copied(&copied);
    assert!(url.contains("/shared/inbox/.s3share/requests/"), "{url}");
    let html = server.get_page(&url);
    assert!(html.contains("up to <strong>10.0 MB</strong>"));

    // Someone sends a file through the page's form.
    let fields: Vec<(String, String)> = serde_json::from_str(&data(&html, "fields")).unwrap();
    let key = format!("{}signed contract (a1b2c3).pdf", data(&html, "prefix"));
    let status = server.block_on(async {
        let mut form = reqwest::multipart::Form::new();
        for (name, value) in fields {
            form = form.text(name, value);
        }
        form = form.text("key", key).part(
            "file",
            reqwest::multipart::Part::bytes(b"%PDF-1.4 signed".to_vec()).file_name("x.pdf"),
        );
        reqwest::Client::new()
            .post(data(&html, "url"))
            .multipart(form)
            .send()
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status, 201);

    // What arrived shows in the folder's listing (the embedded server, unlike S3, lists
    // no empty folder, so the new folder appears once a file is in it).
    click_button(&mut harness, "⟳ Refresh");
    wait_for(&mut harness, "the new folder listed", |h| {
        h.query_all_by_label_contains("Files received ").count() >= 2
    });

    click_button(&mut harness, "Open folder");
    wait_for_label(&mut harness, "signed contract (a1b2c3).pdf");
    assert!(harness.query_by_label("Make request page").is_none());

    // History lists the request by the folder files arrive in, its page link ready to copy.
    click(&mut harness, "History (1 link)");
    wait_for(&mut harness, "the history view", |h| {
        h.query_by_label("Shared links").is_some()
    });
    assert!(has_text(&harness, "Files received "));
    click_button(&mut harness, "Copy again");
    assert_eq!(last_copied(&copied), url);

    let entries = History::new(history_dir.path().join("history.jsonl"))
        .load()
        .unwrap();
    assert_eq!(entries.len(), 1);
    let managed = entries[0].managed.as_ref().expect("a managed record");
    assert_eq!(managed.files, 0);
    assert!(entries[0].key.starts_with("inbox/Files received "));
    // The dialog's "1 day" was the one chosen.
    let lifetime = entries[0].expires_at - entries[0].created_at;
    assert!(
        (lifetime - chrono::Duration::days(1)).num_seconds().abs() <= 5,
        "{lifetime}"
    );
}
