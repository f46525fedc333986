//! Shared by the window tests that run against demo storage: an embedded S3 server over a
//! temporary folder, the window built on it, and kittest helpers that step the window until
//! backend answers arrive.
#![allow(dead_code)]

// Each shared test module stands alone; a test binary using two of them has two copies.
#[allow(clippy::duplicate_mod)]
#[path = "../support/server.rs"]
mod server;

use std::path::Path;
use std::sync::{Arc, Mutex, Once};
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use s3share_core::ConnectionSettings;
use s3share_gui::App;
use s3share_gui::history_jobs::HistoryStore;
use s3share_gui::widgets::Clipboard;

pub use server::TestServer;

/// What a recording clipboard was given, oldest first.
pub type Copied = Arc<Mutex<Vec<String>>>;

/// What window tests add to the test server.
impl TestServer {
    /// A server over `files` (bucket/key → bytes), with random keys; also makes sure no
    /// test here ever asks the EC2 metadata service.
    pub fn with_files(files: &[(&str, &[u8])]) -> Self {
        static ENV: Once = Once::new();
        // SAFETY: set once, before this test binary starts any runtime of its own.
        #[allow(unsafe_code)]
        ENV.call_once(|| unsafe { std::env::set_var("AWS_EC2_METADATA_DISABLED", "true") });
        Self::start(files, None)
    }

    pub fn connection(&self) -> ConnectionSettings {
        self.demo().connection("Test storage")
    }

    /// The window on this server, made by `make` from the egui context and the settings.
    pub fn window(
        &self,
        make: impl FnOnce(&egui::Context, ConnectionSettings) -> App + 'static,
    ) -> Harness<'static, App> {
        self.window_sized([1200.0, 760.0], make)
    }

    /// [`window`](Self::window) at `size` (width, height in points).
    pub fn window_sized(
        &self,
        size: [f32; 2],
        make: impl FnOnce(&egui::Context, ConnectionSettings) -> App + 'static,
    ) -> Harness<'static, App> {
        let settings = self.connection();
        Harness::builder()
            .with_size(size)
            .with_max_steps(40)
            .build_eframe(move |cc| make(&cc.egui_ctx, settings))
    }

    /// The window on this server with its history kept in the folder `history`, and what it
    /// copies to the clipboard.
    pub fn window_with_history(&self, history: &Path) -> (Harness<'static, App>, Copied) {
        let (clipboard, copied) = Clipboard::recording();
        let store = HistoryStore::in_dir(history);
        let harness = self.window(move |ctx, settings| {
            App::new_for_test(ctx, settings, clipboard)
                .expect("app")
                .with_history(Some(store))
        });
        (harness, copied)
    }

    /// GETs a page's link as a recipient would; it must answer 200 with a page (UTF-8).
    #[track_caller]
    pub fn get_page(&self, url: &str) -> String {
        let (status, page) = self.get(url);
        assert_eq!(status, 200, "the page answers");
        String::from_utf8(page).expect("a UTF-8 page")
    }

    /// GETs a link as a recipient would: status and body.
    pub fn get(&self, url: &str) -> (u16, Vec<u8>) {
        self.block_on(async {
            let response = reqwest::get(url).await.expect("GET the link");
            let status = response.status().as_u16();
            (status, response.bytes().await.unwrap().to_vec())
        })
    }
}

/// Steps the window until `done` holds (backend answers arrive on other threads), then
/// checks that everything on screen is accessible (labelled widgets).
#[track_caller]
pub fn wait_for(
    harness: &mut Harness<'_, App>,
    what: &str,
    done: impl Fn(&Harness<'_, App>) -> bool,
) {
    step_until(harness, what, done);
    harness.check_accessibility();
}

/// [`wait_for`] without the accessibility check (for screens with widgets not ours).
#[track_caller]
pub fn step_until(
    harness: &mut Harness<'_, App>,
    what: &str,
    done: impl Fn(&Harness<'_, App>) -> bool,
) {
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

#[track_caller]
pub fn wait_for_label(harness: &mut Harness<'_, App>, label: &str) {
    wait_for(harness, label, |h| h.query_by_label(label).is_some());
}

#[track_caller]
pub fn wait_for_text(harness: &mut Harness<'_, App>, part: &str) {
    wait_for(harness, part, |h| has_text(h, part));
}

/// The text copied last.
#[track_caller]
pub fn last_copied(copied: &Copied) -> String {
    copied
        .lock()
        .unwrap()
        .last()
        .cloned()
        .expect("a copied text")
}

/// Some widget's label contains `part`.
pub fn has_text(harness: &Harness<'_, App>, part: &str) -> bool {
    harness.query_all_by_label_contains(part).next().is_some()
}

pub fn click(harness: &mut Harness<'_, App>, label: &str) {
    harness.get_by_label(label).click();
    harness.run_ok();
}

/// Clicks the button (a listing row, a preset…) called `label`.
pub fn click_button(harness: &mut Harness<'_, App>, label: &str) {
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, label)
        .click();
    harness.run_ok();
}

/// Types into the field labelled `label` (replacing what was there).
pub fn type_into(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run_ok();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_ok();
    harness.get_by_label(label).type_text(text);
    harness.run_ok();
}

/// eframe storage in memory: what the window would write to its app.ron.
#[derive(Default)]
pub struct MemoryStorage(pub std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}
