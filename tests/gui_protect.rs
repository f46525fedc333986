//! "Protect with a password…" in the window (egui_kittest) against the embedded S3 server:
//! a short or mistyped password is refused in the dialog, the right one encrypts the file
//! on the backend, the page's link is copied and works, the sealed file opens only with the
//! password, and history keeps the page under the file's name.

use s3share_core::Secret;
use s3share_core::history::History;
use s3share_core::protect::sealed;

mod window;

use window::{
    TestServer, click, click_button, has_text, last_copied, type_into, wait_for_label,
    wait_for_text,
};

const PASSWORD: &str = "Strand von Cascais";

#[test]
fn a_file_is_protected_with_a_password_and_its_page_link_copied() {
    let contract: Vec<u8> = (0..200_000u32).map(|i| (i % 253) as u8).collect();
    let server = TestServer::with_files(&[("shared/deals/Vertrag Ö.pdf", &contract)]);
    let history_dir = tempfile::tempdir().unwrap();
    let (mut harness, copied) = server.window_with_history(history_dir.path());
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
    let url = last_copied(&copied);
    assert!(url.contains("/shared/deals/.s3share/protected/"), "{url}");
    let html = server.get_page(&url);
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
