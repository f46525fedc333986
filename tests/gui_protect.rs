//! "Protect with a password…" in the window (egui_kittest) against the embedded S3 server:
//! a short or mistyped password is refused in the dialog, the right one encrypts the file
//! on the backend, the page's link is copied and works, the sealed file opens only with the
//! password, and history keeps the page under the file's name.

use s3share_core::Secret;
use s3share_core::history::History;
use s3share_core::protect::sealed;
use s3share_gui::App;
use s3share_gui::history_jobs::HistoryStore;
use s3share_gui::widgets::Clipboard;

mod window;

use window::{TestServer, click, click_button, has_text, type_into, wait_for_label, wait_for_text};

const PASSWORD: &str = "Strand von Cascais";

#[test]
fn a_file_is_protected_with_a_password_and_its_page_link_copied() {
    let contract: Vec<u8> = (0..200_000u32).map(|i| (i % 253) as u8).collect();
    let server = TestServer::with_files(&[("shared/deals/Vertrag Ö.pdf", &contract)]);
    let history_dir = tempfile::tempdir().unwrap();
    let (clipboard, copied) = Clipboard::recording();
    let store = HistoryStore::in_dir(history_dir.path());
    let mut harness = server.window(move |ctx, settings| {
        App::new_for_test(ctx, settings, clipboard)
            .expect("app")
            .with_history(Some(store))
    });
    wait_for_label(&mut harness, "deals (folder)");
    click(&mut harness, "deals (folder)");
    wait_for_label(&mut harness, "Vertrag Ö.pdf");
    click(&mut harness, "Vertrag Ö.pdf");

    click_button(&mut harness, "With a password…");
    wait_for_label(&mut harness, "Protect and share");
    assert!(has_text(&harness, "“Vertrag Ö.pdf” (200 KB) is encrypted"));
    type_into(&mut harness, "Password", "short");
    assert!(has_text(&harness, "use at least 8 characters"));
    type_into(&mut harness, "Password", PASSWORD);
    type_into(&mut harness, "Same password again", "Strand von Cascai");
    assert!(has_text(&harness, "Type the same password twice."));
    type_into(&mut harness, "Same password again", PASSWORD);
    assert!(!has_text(&harness, "Type the same password twice."));
    click_button(&mut harness, "Protect and share");
    wait_for_text(&mut harness, "The file is protected");
    assert!(has_text(&harness, "the password another way"));

    click_button(&mut harness, "Copy page link");
    let url = copied
        .lock()
        .unwrap()
        .last()
        .cloned()
        .expect("a copied link");
    assert!(url.contains("/shared/deals/.s3share/protected/"), "{url}");
    let (status, html) = server.get(&url);
    assert_eq!(status, 200);
    let html = String::from_utf8(html).unwrap();
    assert!(!html.contains("Vertrag"), "the page must not name the file");

    // The sealed file beside the page opens with the password only, as the original.
    let entries = History::new(history_dir.path().join("history.jsonl"))
        .load()
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].filename.as_deref(), Some("Vertrag Ö.pdf"));
    let folder = &entries[0]
        .managed
        .as_ref()
        .expect("a managed record")
        .folder;
    let sealed_path = server.path(&format!("shared/{}", folder.object("data").key));
    let stored = std::fs::read(sealed_path).unwrap();
    let opened = sealed::open(&Secret::new(PASSWORD), &stored).unwrap();
    assert_eq!(opened.content, contract);
    assert_eq!(opened.label.name, "Vertrag Ö.pdf");
    assert!(sealed::open(&Secret::new("Strand von Cascai"), &stored).is_err());
    // The original is as it was.
    assert_eq!(
        std::fs::read(server.path("shared/deals/Vertrag Ö.pdf")).unwrap(),
        contract
    );
}
