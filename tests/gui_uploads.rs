//! Uploads in the window (egui_kittest) against the embedded S3 server: files dropped on
//! the window land in the open folder, their link is copied, and a name clash is asked
//! about instead of overwriting.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use s3share::core::demo::{DemoServer, DemoServerOptions};
use s3share::gui::App;
use s3share::gui::widgets::Clipboard;

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

struct Fixture {
    _runtime: tokio::runtime::Runtime,
    server: DemoServer,
    _dir: tempfile::TempDir,
    files: tempfile::TempDir,
}

impl Fixture {
    fn start(existing: &[(&str, &[u8])]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        for (path, bytes) in existing {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let server = runtime
            .block_on(DemoServer::start(DemoServerOptions {
                root: dir.path().to_owned(),
                port: 0,
                keys: None,
            }))
            .unwrap();
        Self {
            _runtime: runtime,
            server,
            _dir: dir,
            files: tempfile::tempdir().unwrap(),
        }
    }

    fn local_file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.files.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn stored(&self, bucket_and_key: &str) -> Option<Vec<u8>> {
        std::fs::read(self.server.root().join(bucket_and_key)).ok()
    }

    fn window(&self) -> (Harness<'static, App>, Arc<Mutex<Vec<String>>>) {
        let (clipboard, copied) = Clipboard::recording();
        let settings = self.server.connection("Test storage");
        let harness = Harness::builder()
            .with_size([1200.0, 760.0])
            .with_max_steps(40)
            .build_eframe(move |cc| {
                App::new_for_test(&cc.egui_ctx, settings, clipboard).expect("app")
            });
        (harness, copied)
    }
}

#[track_caller]
fn wait_for(harness: &mut Harness<'_, App>, what: &str, done: impl Fn(&Harness<'_, App>) -> bool) {
    for _ in 0..500 {
        harness.step();
        if done(harness) {
            harness.run_ok();
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out waiting for {what}");
}

fn has_text(harness: &Harness<'_, App>, part: &str) -> bool {
    harness.query_all_by_label_contains(part).next().is_some()
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

fn get(url: &str) -> (u16, Vec<u8>) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let response = reqwest::Client::new().get(url).send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.bytes().await.unwrap().to_vec())
    })
}

#[test]
fn a_dropped_file_is_uploaded_listed_and_its_link_copied() {
    let fixture = Fixture::start(&[("photos/2026/old.jpg", b"old")]);
    let (mut harness, copied) = fixture.window();
    wait_for(&mut harness, "the folder", |h| has_text(h, "2026 (folder)"));
    harness.get_by_label("2026 (folder)").click();
    wait_for(&mut harness, "old.jpg", |h| has_text(h, "old.jpg"));

    let file = fixture.local_file("Plage été.jpg", b"\xff\xd8 a beach \xff\xd9");
    drop_files(&mut harness, &[file]);
    wait_for(&mut harness, "the link on the clipboard", |_| {
        !copied.lock().unwrap().is_empty()
    });
    assert_eq!(
        fixture.stored("photos/2026/Plage été.jpg").as_deref(),
        Some(&b"\xff\xd8 a beach \xff\xd9"[..])
    );
    let url = copied.lock().unwrap().last().cloned().unwrap();
    assert_eq!(get(&url), (200, b"\xff\xd8 a beach \xff\xd9".to_vec()));
    wait_for(&mut harness, "the new file in the listing", |h| {
        has_text(h, "Plage été.jpg")
    });
    assert!(has_text(&harness, "Uploads: 1 of 1"));
}

#[test]
fn a_name_clash_is_asked_and_keep_both_adds_a_number() {
    let fixture = Fixture::start(&[("docs/report.pdf", b"original")]);
    let (mut harness, copied) = fixture.window();
    wait_for(&mut harness, "report.pdf", |h| has_text(h, "report.pdf"));
    let file = fixture.local_file("report.pdf", b"new version");
    drop_files(&mut harness, std::slice::from_ref(&file));
    wait_for(&mut harness, "the upload strip", |h| {
        has_text(h, "Uploads:")
    });
    wait_for(&mut harness, "the clash question", |h| {
        has_text(h, "A file with this name already exists")
    });
    // Nothing was replaced while the question is open.
    assert_eq!(
        fixture.stored("docs/report.pdf").as_deref(),
        Some(&b"original"[..])
    );
    harness
        .get_by_role_and_label(Role::Button, "Keep both")
        .click();
    wait_for(&mut harness, "the upload", |_| {
        !copied.lock().unwrap().is_empty()
    });
    assert_eq!(
        fixture.stored("docs/report.pdf").as_deref(),
        Some(&b"original"[..])
    );
    assert_eq!(
        fixture.stored("docs/report (1).pdf").as_deref(),
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
        fixture.stored("docs/report.pdf").as_deref() == Some(&b"new version"[..])
    });
}
