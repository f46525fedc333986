//! Uploads in the window (egui_kittest) against the embedded S3 server: files dropped on
//! the window land in the open folder, their link is copied, and a name clash is asked
//! about instead of overwriting.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use s3share_gui::App;
use s3share_gui::widgets::Clipboard;

/// A file as the windowing system hands it over when dropped.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

mod fault_proxy;
mod window;

use window::{TestServer, has_text, wait_for};

/// A file on this computer, to drop on the window.
fn local_file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn stored(server: &TestServer, bucket_and_key: &str) -> Option<Vec<u8>> {
    std::fs::read(server.path(bucket_and_key)).ok()
}

fn open_window(server: &TestServer) -> (Harness<'static, App>, Arc<Mutex<Vec<String>>>) {
    let (clipboard, copied) = Clipboard::recording();
    let harness = server
        .window(move |ctx, settings| App::new_for_test(ctx, settings, clipboard).expect("app"));
    (harness, copied)
}

fn drop_files(harness: &mut Harness<'_, App>, paths: &[PathBuf]) {
    for path in paths {
        harness
            .input_mut()
            .dropped_files
            .push(Arc::new(Dropped(path.clone())));
    }
    harness.step();
}

#[test]
fn a_dropped_file_is_uploaded_listed_and_its_link_copied() {
    let server = TestServer::with_files(&[("photos/2026/old.jpg", b"old")]);
    let files = tempfile::tempdir().unwrap();
    let (mut harness, copied) = open_window(&server);
    wait_for(&mut harness, "the folder", |h| has_text(h, "2026 (folder)"));
    harness.get_by_label("2026 (folder)").click();
    wait_for(&mut harness, "old.jpg", |h| has_text(h, "old.jpg"));

    let file = local_file(&files, "Plage été.jpg", b"\xff\xd8 a beach \xff\xd9");
    drop_files(&mut harness, &[file]);
    wait_for(&mut harness, "the link on the clipboard", |_| {
        !copied.lock().unwrap().is_empty()
    });
    assert_eq!(
        stored(&server, "photos/2026/Plage été.jpg").as_deref(),
        Some(&b"\xff\xd8 a beach \xff\xd9"[..])
    );
    let url = copied.lock().unwrap().last().cloned().unwrap();
    assert_eq!(
        server.get(&url),
        (200, b"\xff\xd8 a beach \xff\xd9".to_vec())
    );
    wait_for(&mut harness, "the new file in the listing", |h| {
        has_text(h, "Plage été.jpg")
    });
    assert!(has_text(&harness, "Uploads: 1 of 1"));
}

#[test]
fn a_name_clash_is_asked_and_keep_both_adds_a_number() {
    let server = TestServer::with_files(&[("docs/report.pdf", b"original")]);
    let files = tempfile::tempdir().unwrap();
    let (mut harness, copied) = open_window(&server);
    wait_for(&mut harness, "report.pdf", |h| has_text(h, "report.pdf"));
    let file = local_file(&files, "report.pdf", b"new version");
    drop_files(&mut harness, std::slice::from_ref(&file));
    wait_for(&mut harness, "the upload strip", |h| {
        has_text(h, "Uploads:")
    });
    wait_for(&mut harness, "the clash question", |h| {
        has_text(h, "A file with this name already exists")
    });
    // Nothing was replaced while the question is open.
    assert_eq!(
        stored(&server, "docs/report.pdf").as_deref(),
        Some(&b"original"[..])
    );
    harness
        .get_by_role_and_label(Role::Button, "Keep both")
        .click();
    wait_for(&mut harness, "the upload", |_| {
        !copied.lock().unwrap().is_empty()
    });
    assert_eq!(
        stored(&server, "docs/report.pdf").as_deref(),
        Some(&b"original"[..])
    );
    assert_eq!(
        stored(&server, "docs/report (1).pdf").as_deref(),
        Some(&b"new version"[..])
    );

    // Dropping it again and choosing Replace overwrites, as asked.
    drop_files(&mut harness, &[file]);
    wait_for(&mut harness, "the clash question", |h| {
        has_text(h, "A file with this name already exists")
    });
    harness
        .get_by_role_and_label(Role::Button, "Replace")
        .click();
    wait_for(&mut harness, "the replaced file", |_| {
        stored(&server, "docs/report.pdf").as_deref() == Some(&b"new version"[..])
    });
}

#[test]
fn two_dropped_files_with_one_name_are_refused_naming_it() {
    let server = TestServer::with_files(&[("docs/keep.txt", b"keep")]);
    let files = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(files.path().join("a")).unwrap();
    std::fs::create_dir_all(files.path().join("b")).unwrap();
    let first = local_file(&files, "a/minutes.txt", b"first");
    let second = local_file(&files, "b/minutes.txt", b"second");
    let (mut harness, copied) = open_window(&server);
    wait_for(&mut harness, "keep.txt", |h| has_text(h, "keep.txt"));
    drop_files(&mut harness, &[first, second]);
    wait_for(&mut harness, "the refusal", |h| {
        has_text(h, "Two files would be uploaded as \"minutes.txt\"")
    });
    assert!(stored(&server, "docs/minutes.txt").is_none());
    assert!(copied.lock().unwrap().is_empty());
}

/// ⬆ Upload → Request a file… (a fresh dialog) → name → Make upload link.
fn request_upload_link(harness: &mut Harness<'_, App>, name: &str) {
    harness.get_by_label("⬆ Upload").click();
    harness.run_ok();
    harness.get_by_label("Request a file…").click();
    harness.run_ok();
    harness.get_by_label("File name").type_text(name);
    harness.run_ok();
    harness.get_by_label("Make upload link").click();
}

#[test]
fn request_a_file_on_a_taken_name_offers_a_free_name_or_replace() {
    let server = TestServer::with_files(&[("docs/contract.pdf", b"signed original")]);
    let (mut harness, copied) = open_window(&server);
    wait_for(&mut harness, "contract.pdf", |h| {
        has_text(h, "contract.pdf")
    });
    request_upload_link(&mut harness, "contract.pdf");
    wait_for(&mut harness, "the taken-name notice", |h| {
        has_text(h, "A file named \"contract.pdf\" is already in this folder")
    });
    assert!(
        !has_text(&harness, "Copy link only"),
        "no link before a choice"
    );

    harness.get_by_label("Use \"contract (1).pdf\"").click();
    wait_for(&mut harness, "the link for the free name", |h| {
        has_text(h, "saved as \"contract (1).pdf\"")
    });
    // The uploader must send If-None-Match too: the link never replaces a file that
    // appears under the free name meanwhile.
    assert!(has_text(
        &harness,
        "Content-Type: application/pdf, If-None-Match: *"
    ));
    assert!(copied.lock().unwrap().is_empty());

    // Asking for the taken name again (a fresh dialog) and choosing Replace gives a link.
    request_upload_link(&mut harness, "contract.pdf");
    wait_for(&mut harness, "the taken-name notice", |h| {
        has_text(h, "is already in this folder")
    });
    harness.get_by_label("Replace it").click();
    wait_for(&mut harness, "the link that replaces", |h| {
        has_text(h, "saved as \"contract.pdf\"")
    });
    assert!(has_text(
        &harness,
        "the header Content-Type: application/pdf, for example"
    ));
    assert_eq!(
        stored(&server, "docs/contract.pdf").as_deref(),
        Some(&b"signed original"[..]),
        "making the link replaces nothing"
    );
}

#[test]
fn closing_the_window_aborts_the_uploads_in_flight() {
    let server = TestServer::with_files(&[("docs/keep.txt", b"keep")]);
    let files = tempfile::tempdir().unwrap();
    // Above the 64 MiB multipart threshold, so parts are in flight for a while.
    let big = local_file(&files, "big.bin", &vec![7u8; 160 * 1024 * 1024]);
    let (mut harness, _copied) = open_window(&server);
    wait_for(&mut harness, "keep.txt", |h| has_text(h, "keep.txt"));
    drop_files(&mut harness, &[big]);
    let open_uploads = || {
        std::fs::read_dir(server.root())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(".upload"))
            .count()
    };
    wait_for(&mut harness, "the multipart upload to start", |_| {
        open_uploads() > 0
    });
    drop(harness);
    assert_eq!(open_uploads(), 0, "closing left a multipart upload open");
    assert!(stored(&server, "docs/big.bin").is_none());
}

#[test]
fn a_thousand_dropped_files_keep_few_requests_in_flight() {
    let server = TestServer::with_files(&[("docs/keep.txt", b"keep")]);
    let proxy = fault_proxy::FaultProxy::start(&server.endpoint());
    let files = tempfile::tempdir().unwrap();
    let folder = files.path().join("scans");
    std::fs::create_dir(&folder).unwrap();
    for i in 0..1000 {
        std::fs::write(folder.join(format!("scan {i:04}.txt")), format!("page {i}")).unwrap();
    }
    let (clipboard, _copied) = Clipboard::recording();
    let mut settings = server.connection();
    settings.endpoint = Some(proxy.endpoint());
    let mut harness = Harness::builder()
        .with_size([1200.0, 760.0])
        .with_max_steps(40)
        .build_eframe(move |cc| App::new_for_test(&cc.egui_ctx, settings, clipboard).expect("app"));
    wait_for(&mut harness, "keep.txt", |h| has_text(h, "keep.txt"));
    proxy.reset_counts();
    drop_files(&mut harness, &[folder]);
    for _ in 0..3000 {
        harness.step();
        if std::fs::read_dir(server.path("docs/scans"))
            .map(|d| d.count())
            .unwrap_or(0)
            == 1000
            && has_text(&harness, "Uploads: 1000 of 1000")
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(has_text(&harness, "Uploads: 1000 of 1000"));
    assert_eq!(
        stored(&server, "docs/scans/scan 0999.txt").as_deref(),
        Some(&b"page 999"[..])
    );
    eprintln!(
        "requests {}, at most {} in flight",
        proxy.requests(),
        proxy.max_in_flight()
    );
    // 4 uploads and 4 existence checks at most, plus a listing refresh.
    assert!(proxy.requests() >= 2000, "{} requests", proxy.requests());
    assert!(
        proxy.max_in_flight() <= 9,
        "{} requests in flight at once",
        proxy.max_in_flight()
    );
}

#[test]
fn symbolic_links_in_a_dropped_folder_are_skipped_and_said() {
    let server = TestServer::with_files(&[("docs/keep.txt", b"keep")]);
    let files = tempfile::tempdir().unwrap();
    let folder = files.path().join("Contracts");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("signed.pdf"), b"%PDF signed").unwrap();
    std::os::unix::fs::symlink("/etc", folder.join("system")).unwrap();
    let (mut harness, _copied) = open_window(&server);
    wait_for(&mut harness, "keep.txt", |h| has_text(h, "keep.txt"));
    drop_files(&mut harness, &[folder]);
    wait_for(&mut harness, "the skipped notice", |h| {
        has_text(h, "Skipped 1 item: \"system\" (a symbolic link")
    });
    wait_for(&mut harness, "the upload", |_| {
        stored(&server, "docs/Contracts/signed.pdf").is_some()
    });
    assert!(!server.path("docs/Contracts/system").exists());
}
