//! "Upload files…" opens the desktop's file chooser without stopping the window: while it
//! is open, frames keep running and backend answers keep arriving; its answer uploads the
//! chosen files into the folder the user was in when they asked.
//!
//! The chooser is the real rfd path: no portal runs on the test's private D-Bus, so rfd
//! starts `zenity`, here a script first in PATH that stays "open" until the test lets it
//! answer (like a person taking their time), then prints the chosen file.

use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable;
use s3share_gui::App;
use s3share_gui::widgets::Clipboard;

mod window;

use window::{TestServer, has_text, wait_for};

/// A `zenity` that answers `chosen` once `gate` exists (or after 20 s, so a window that
/// blocks on it makes the test fail instead of hang).
fn install_slow_zenity(bin: &Path, gate: &Path, chosen: &Path) {
    let script = format!(
        "#!/bin/sh\nfor i in $(seq 400); do [ -e '{}' ] && break; sleep 0.05; done\nprintf '%s\\n' '{}'\n",
        gate.display(),
        chosen.display()
    );
    let zenity = bin.join("zenity");
    std::fs::write(&zenity, script).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&zenity, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn the_window_keeps_running_while_the_file_chooser_is_open() {
    let local = tempfile::tempdir().unwrap();
    let bin = local.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let gate = local.path().join("answer-now");
    let chosen: PathBuf = local.path().join("Quarterly report.pdf");
    std::fs::write(&chosen, b"%PDF-1.7 the report").unwrap();
    install_slow_zenity(&bin, &gate, &chosen);
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // SAFETY: the only test in this binary; nothing else runs or reads the environment yet.
    #[allow(unsafe_code)]
    unsafe {
        std::env::set_var("PATH", path);
    }

    let server = TestServer::with_files(&[
        ("office/reports/2025.pdf", b"old"),
        ("office/photos/beach.jpg", b"\xff\xd8"),
    ]);
    let (clipboard, _copied) = Clipboard::recording();
    let mut harness = server
        .window(move |ctx, settings| App::new_for_test(ctx, settings, clipboard).expect("app"));
    wait_for(&mut harness, "the reports folder", |h| {
        has_text(h, "reports (folder)")
    });
    harness.get_by_label("reports (folder)").click();
    wait_for(&mut harness, "2025.pdf", |h| has_text(h, "2025.pdf"));

    harness.get_by_label("⬆ Upload").click();
    harness.run_ok();
    harness.get_by_label("Upload files…").click();
    harness.run_ok();

    // The chooser is open now. The window still answers: go to another folder and its
    // listing arrives (a blocking chooser would hold the frame until the gate opens, 20 s).
    harness.get_by_label("⬆ Upload").click();
    harness.run_ok();
    assert!(
        has_text(&harness, "Choosing files…"),
        "the menu says the chooser is open"
    );
    harness.key_press(egui::Key::Escape);
    harness.run_ok();
    harness.get_by_label("🗄 office").click();
    wait_for(&mut harness, "the bucket's top level", |h| {
        has_text(h, "photos (folder)")
    });
    harness.get_by_label("photos (folder)").click();
    wait_for(&mut harness, "beach.jpg listed while choosing", |h| {
        has_text(h, "beach.jpg")
    });
    assert!(!gate.exists(), "the chooser was still open meanwhile");

    // The person picks the file: it goes where they were when they asked (reports/).
    std::fs::write(&gate, b"").unwrap();
    let stored = server.path("office/reports/Quarterly report.pdf");
    wait_for(&mut harness, "the chosen file in reports/", |_| {
        std::fs::read(&stored).ok().as_deref() == Some(&b"%PDF-1.7 the report"[..])
    });
    assert!(
        !server.path("office/photos/Quarterly report.pdf").exists(),
        "not into the folder shown when the chooser answered"
    );
}
