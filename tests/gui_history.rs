//! The history view (egui_kittest, embedded S3 server on 127.0.0.1): re-copies of one link
//! are one line ("copied 4 times"), and a person can search it (case and accents ignored),
//! sort it by when links were made or end, and keep to the links still working — and the
//! window remembers that sort and that choice for the next run.

use std::sync::{Arc, Mutex};

use chrono::{Duration, Utc};
use eframe::Storage;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use s3share_core::history::{History, HistoryEntry};
use s3share_gui::bus::Start;
use s3share_gui::history::HistorySort;
use s3share_gui::history_jobs::HistoryStore;
use s3share_gui::widgets::Clipboard;
use s3share_gui::{App, Remembered};

mod window;

use window::{MemoryStorage, TestServer, click, has_text, type_into, wait_for, wait_for_label};

const CAFE: &str = "Café menu.pdf";
const LONG: &str = "Contract for the renovation of the old town hall, final signed version (3).pdf";

/// A link to `key` made `made_min` minutes ago that works `lasts_min` minutes.
fn link(key: &str, made_min: i64, lasts_min: i64, url: &str) -> HistoryEntry {
    let created_at = Utc::now() - Duration::minutes(made_min);
    HistoryEntry {
        created_at,
        connection: "Test storage".to_owned(),
        bucket: "docs".to_owned(),
        key: key.to_owned(),
        mode: "inline".to_owned(),
        filename: None,
        expires_at: created_at + Duration::minutes(lasts_min),
        url: Some(url.to_owned()),
        warnings: Vec::new(),
        managed: None,
    }
}

/// A history in `dir`, oldest first as the file keeps it: a menu copied four times in four
/// minutes (a day each), a report (two hours), a contract (five days), and a photo whose
/// link ended yesterday.
fn seed(dir: &std::path::Path) {
    let history = History::new(dir.join("history.jsonl"));
    let day = 24 * 60;
    for entry in [
        link("Lisbon tram.jpg", 2 * day, day, "http://127.0.0.1:9/tram"),
        link(LONG, 30, 5 * day, "http://127.0.0.1:9/contract"),
        link(CAFE, 4, day, "http://127.0.0.1:9/menu-4"),
        link(CAFE, 3, day, "http://127.0.0.1:9/menu-3"),
        link(CAFE, 2, day, "http://127.0.0.1:9/menu-2"),
        link("report.txt", 10, 120, "http://127.0.0.1:9/report"),
        link(CAFE, 1, day, "http://127.0.0.1:9/menu-1"),
    ] {
        history.append(&entry).unwrap();
    }
}

fn open_history(
    server: &TestServer,
    dir: &std::path::Path,
    size: [f32; 2],
) -> (Harness<'static, App>, Arc<Mutex<Vec<String>>>) {
    open_history_remembering(server, dir, size, Remembered::default())
}

/// [`open_history`] in a window that starts with `remembered` (eframe storage's state).
fn open_history_remembering(
    server: &TestServer,
    dir: &std::path::Path,
    size: [f32; 2],
    remembered: Remembered,
) -> (Harness<'static, App>, Arc<Mutex<Vec<String>>>) {
    let (clipboard, copied) = Clipboard::recording();
    let store = HistoryStore::in_dir(dir);
    let mut harness = server.window_sized(size, move |ctx, settings| {
        App::with_start(ctx, Start::Connection(settings), remembered, clipboard)
            .expect("app")
            .with_history(Some(store))
    });
    // Seven links made, four lines: the menu's four copies are one.
    wait_for_label(&mut harness, "History (4 links)");
    click(&mut harness, "History (4 links)");
    wait_for_label(&mut harness, "Shared links");
    (harness, copied)
}

/// The names shown, top to bottom.
fn order(harness: &Harness<'_, App>) -> Vec<&'static str> {
    let mut shown: Vec<(f32, &'static str)> = [CAFE, "report.txt", LONG, "Lisbon tram.jpg"]
        .into_iter()
        .filter_map(|name| {
            let node = harness.query_by_role_and_label(Role::Label, name)?;
            Some((node.rect().top(), name))
        })
        .collect();
    shown.sort_by(|a, b| a.0.total_cmp(&b.0));
    shown.into_iter().map(|(_, name)| name).collect()
}

fn sort_by(harness: &mut Harness<'_, App>, choice: &str) {
    harness
        .get_by_role_and_label(Role::ComboBox, "Sort")
        .click();
    harness.run_ok();
    click(harness, choice);
}

fn server() -> TestServer {
    TestServer::with_files(&[("docs/report.txt", b"report".as_slice())])
}

#[test]
fn re_copies_are_one_line_that_can_be_searched_sorted_and_kept_to_working_links() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let (mut harness, copied) = open_history(&server, dir.path(), [1280.0, 800.0]);

    assert!(has_text(&harness, "copied 4 times"));
    assert_eq!(harness.query_all_by_label(CAFE).count(), 1, "one line");
    // The copies, latest first, once opened.
    click(&mut harness, "copied 4 times");
    let copies: Vec<String> = harness
        .query_all_by_label_contains(" · works until ")
        .filter_map(|n| n.accesskit_node().value())
        .filter(|label| label.starts_with("made "))
        .collect();
    assert_eq!(copies.len(), 4, "{copies:?}");

    // Newest first, then by end time either way, then oldest made first.
    assert_eq!(
        order(&harness),
        [CAFE, "report.txt", LONG, "Lisbon tram.jpg"]
    );
    // Ended links after the working ones (the photo's ended yesterday).
    sort_by(&mut harness, "Ends soonest first");
    assert_eq!(
        order(&harness),
        ["report.txt", CAFE, LONG, "Lisbon tram.jpg"]
    );
    sort_by(&mut harness, "Ends latest first");
    assert_eq!(
        order(&harness),
        [LONG, CAFE, "report.txt", "Lisbon tram.jpg"]
    );
    sort_by(&mut harness, "Oldest first");
    assert_eq!(
        order(&harness),
        ["Lisbon tram.jpg", LONG, "report.txt", CAFE]
    );

    // Only the links still working: the photo's ended yesterday.
    click(&mut harness, "Only links still working");
    assert_eq!(order(&harness), [LONG, "report.txt", CAFE]);
    click(&mut harness, "Only links still working");

    // Case and accents do not matter, as in the browser's filter.
    type_into(&mut harness, "Search history", "CAFE");
    assert_eq!(order(&harness), [CAFE]);
    type_into(&mut harness, "Search history", "renovation");
    assert_eq!(order(&harness), [LONG]);
    type_into(&mut harness, "Search history", "lisboa");
    assert_eq!(order(&harness), Vec::<&str>::new());
    assert!(has_text(&harness, "No link matches “lisboa”."));
    // The × clears the search, and is there only while there is one.
    harness.get_by_label("Clear the search").click();
    harness.run_ok();
    assert_eq!(
        order(&harness),
        ["Lisbon tram.jpg", LONG, "report.txt", CAFE]
    );
    assert!(harness.query_by_label("Clear the search").is_none());
    type_into(&mut harness, "Search history", "menu");
    assert_eq!(order(&harness), [CAFE]);

    // Copy again hands out the copy that works longest: the latest.
    click(&mut harness, "Copy again");
    assert_eq!(
        copied.lock().unwrap().as_slice(),
        ["http://127.0.0.1:9/menu-1"]
    );
    // Removing the line removes its four copies, from the file too.
    harness.get_by_role_and_label(Role::Button, "🗑").click();
    harness.run_ok();
    wait_for_label(&mut harness, "History (3 links)");
    let history = History::new(dir.path().join("history.jsonl"));
    wait_for(&mut harness, "the copies gone from the file", |_| {
        history.load().unwrap().len() == 3
    });
    assert!(history.load().unwrap().iter().all(|e| e.key != CAFE));
}

#[test]
fn the_sort_and_only_working_links_are_as_left_last_time() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let mut remembered = Remembered::default();
    remembered.history_sort = HistorySort::EndsLatest;
    remembered.history_only_working = true;
    let (mut harness, _) =
        open_history_remembering(&server, dir.path(), [1280.0, 800.0], remembered);
    assert_eq!(
        order(&harness),
        [LONG, CAFE, "report.txt"],
        "ends latest first, without the ended photo"
    );

    sort_by(&mut harness, "Oldest first");
    click(&mut harness, "Only links still working");
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    let stored = storage.get_string(eframe::APP_KEY).expect("stored");
    assert!(stored.contains("history_sort:MadeOldest"), "{stored}");
    assert!(stored.contains("history_only_working:false"), "{stored}");
}

#[test]
fn a_long_name_in_history_shows_whole_on_hover_at_800x600() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let (mut harness, _) = open_history(&server, dir.path(), [800.0, 600.0]);
    // In a narrow window history takes the room the share panel had below the list.
    assert!(harness.query_by_label("Request files…").is_none());
    let label = harness.get_by_role_and_label(Role::Label, LONG);
    // Cut short to leave room for its state and buttons.
    assert!(label.rect().right() < 800.0, "{:?}", label.rect());
    assert_eq!(harness.query_all_by_label(LONG).count(), 1);
    label.hover();
    wait_for(&mut harness, "the whole name in a tooltip", |h| {
        h.query_all_by_label(LONG).count() == 2
    });
}
