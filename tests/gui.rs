//! The window, driven through its accessibility tree (egui_kittest) against the embedded
//! S3 server on 127.0.0.1: browse, pick a file, copy a link, and fetch that link for real.

use std::sync::{Arc, Mutex};

use eframe::Storage;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use s3share_core::{ListingPage, ObjectEntry};
use s3share_gui::browser::{ASYNC_FILTER_ABOVE, Column, Sort};
use s3share_gui::bus::{Event, Start};
use s3share_gui::widgets::Clipboard;
use s3share_gui::{App, Remembered};

mod window;

use window::{
    MemoryStorage, TestServer, click, click_button, has_text, type_into, wait_for, wait_for_label,
    wait_for_text,
};

/// The window on `server`, and what it copies.
fn open_window(server: &TestServer) -> (Harness<'static, App>, Arc<Mutex<Vec<String>>>) {
    let (clipboard, copied) = Clipboard::recording();
    let harness = server
        .window(move |ctx, settings| App::new_for_test(ctx, settings, clipboard).expect("app"));
    (harness, copied)
}

fn copy_button_enabled(harness: &Harness<'_, App>) -> bool {
    !harness
        .get_by_role_and_label(Role::Button, "Copy link")
        .accesskit_node()
        .is_disabled()
}

/// Vertical positions of rows, to check their order on screen.
fn top(harness: &Harness<'_, App>, label: &str) -> f32 {
    harness.get_by_label(label).rect().top()
}

fn copied(log: &Arc<Mutex<Vec<String>>>) -> Vec<String> {
    log.lock().unwrap().clone()
}

const TRAM: &[u8] = b"\xff\xd8\xff\xe0 pretend this is a JPEG of a Lisbon tram \xff\xd9";

#[test]
fn copy_a_download_link_with_a_non_ascii_name_and_fetch_it() {
    let server = TestServer::with_files(&[
        ("photos/trips/Lisbon/tram.jpg", TRAM),
        ("photos/trips/notes.txt", b"notes"),
        ("photos/cover.txt", b"cover"),
        ("invoices/2026-01.pdf", b"%PDF-1.4"),
    ]);
    let (mut harness, copied_log) = open_window(&server);

    // Two buckets: nothing opens by itself; pick one.
    wait_for_label(&mut harness, "photos");
    click(&mut harness, "photos");
    wait_for_label(&mut harness, "trips (folder)");
    click(&mut harness, "trips (folder)");
    wait_for_label(&mut harness, "Lisbon (folder)");
    click(&mut harness, "Lisbon (folder)");
    wait_for_label(&mut harness, "tram.jpg");
    click(&mut harness, "tram.jpg");

    // The share panel shows the file and offers its name to save as.
    wait_for_label(&mut harness, "1 day");
    assert!(copy_button_enabled(&harness));
    click(&mut harness, "1 day");
    click(&mut harness, "Download");
    assert_eq!(
        harness.get_by_label("Save as").value().as_deref(),
        Some("tram.jpg")
    );
    type_into(&mut harness, "Save as", "Tram à Lisboa – été.jpg");
    assert_eq!(
        harness.get_by_label("Save as").value().as_deref(),
        Some("Tram à Lisboa – été.jpg")
    );
    assert!(copied(&copied_log).is_empty());
    click(&mut harness, "Copy link");

    wait_for(&mut harness, "the link on the clipboard", |_| {
        !copied(&copied_log).is_empty()
    });
    let urls = copied(&copied_log);
    assert_eq!(urls.len(), 1, "{urls:?}");
    let url = &urls[0];
    assert!(url.starts_with(&server.endpoint()), "{url}");
    assert!(url.contains("X-Amz-Expires=86400"), "one day: {url}");

    // The window says until when, and shows the link it copied.
    assert!(has_text(&harness, "Link copied — works until"));
    assert!(has_text(&harness, "(in 1 day)"));
    assert_eq!(
        harness.get_by_label("Link").value().as_deref(),
        Some(url.as_str())
    );

    // A real HTTP client gets the exact bytes, with the chosen name to save under.
    let (status, disposition, body) = server.block_on(async {
        let response = reqwest::get(url.as_str()).await.expect("GET the link");
        let status = response.status().as_u16();
        let disposition = response
            .headers()
            .get(http::header::CONTENT_DISPOSITION)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let body = response.bytes().await.unwrap();
        (status, disposition, body)
    });
    assert_eq!(status, 200);
    assert_eq!(&body[..], TRAM);
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(
        disposition
            .contains("filename*=UTF-8''Tram%20%C3%A0%20Lisboa%20%E2%80%93%20%C3%A9t%C3%A9.jpg"),
        "{disposition}"
    );
    assert!(
        disposition.contains("filename=\"Tram a Lisboa _ ete.jpg\""),
        "{disposition}"
    );

    // Test link asks the server too.
    click(&mut harness, "Test link");
    wait_for_label(&mut harness, "✔ works");
}

#[test]
fn filter_narrows_the_list_and_ctrl_f_focuses_it() {
    let server = TestServer::with_files(&[
        ("fruit/apple.txt", b"a"),
        ("fruit/banana.txt", b"b"),
        ("fruit/Cherry banana.pdf", b"c"),
        ("fruit/dried/fig.txt", b"f"),
    ]);
    let (mut harness, _) = open_window(&server);
    // The only bucket opens by itself.
    wait_for_label(&mut harness, "apple.txt");
    assert!(harness.query_by_label("4 items").is_some());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_ok();
    assert!(
        harness.get_by_label("Filter").is_focused(),
        "Ctrl+F focuses the filter"
    );
    harness.get_by_label("Filter").type_text("BANANA");
    harness.run_ok();

    assert!(harness.query_by_label("apple.txt").is_none());
    assert!(harness.query_by_label("dried (folder)").is_none());
    assert!(harness.query_by_label("banana.txt").is_some());
    assert!(harness.query_by_label("Cherry banana.pdf").is_some());
    assert!(has_text(&harness, "2 of 4 items shown"));

    type_into(&mut harness, "Filter", "kiwi");
    assert!(harness.query_by_label("banana.txt").is_none());
    assert!(has_text(&harness, "Nothing in this folder matches “kiwi”"));
    harness.check_accessibility();

    // The × beside the field clears it: every row is back.
    harness.get_by_label("Clear the filter").click();
    harness.run_ok();
    assert!(harness.query_by_label("apple.txt").is_some());
    assert!(has_text(&harness, "4 items"));
    assert!(harness.query_by_label("Clear the filter").is_none());
}

/// A folder too big to filter within one frame: the scan runs on the backend, the rows
/// shown stay until it answers, and only the answer for the last query is shown.
#[test]
fn typing_in_a_big_folder_shows_the_filtered_rows() {
    let server = TestServer::with_files(&[("photos/readme.txt", b"r")]);
    let (mut harness, _) = open_window(&server);
    wait_for_label(&mut harness, "readme.txt");
    // The rest of the folder, as the backend delivers pages.
    let photos = ASYNC_FILTER_ABOVE + 5_000;
    let generation = harness.state().listing_generation();
    let objects = (0..photos)
        .map(|i| ObjectEntry {
            key: if i % 1000 == 7 {
                format!("Café menu {i:05}.pdf")
            } else {
                format!("photo {i:05}.jpg")
            },
            size: 1,
            last_modified: None,
            etag: None,
            storage_class: None,
        })
        .collect();
    let ctx = harness.ctx.clone();
    harness.state_mut().handle_event(
        &ctx,
        Event::Listed {
            generation,
            page: ListingPage {
                folders: Vec::new(),
                objects,
                next_token: None,
            },
            done: true,
        },
    );
    harness.run_ok();
    let total = photos + 1;
    assert_eq!(harness.state_mut().listing_counts(), (total, total));

    // One frame per key, so scans for "c", "ca", "caf" are asked for (and overtaken)
    // before the one for "cafe".
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_ok();
    for c in ["c", "a", "f", "e"] {
        harness.get_by_label("Filter").type_text(c);
        harness.step();
    }
    wait_for(&mut harness, "the filtered rows", |h| {
        !h.state().filtering() && h.query_by_label("Café menu 00007.pdf").is_some()
    });
    assert!(harness.query_by_label("photo 00001.jpg").is_none());
    assert_eq!(harness.state_mut().listing_counts(), (total, 25));
    // Nothing that arrives later (a scan for an earlier query) replaces it.
    for _ in 0..20 {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(harness.state_mut().listing_counts(), (total, 25));
    assert!(harness.query_by_label("Café menu 00007.pdf").is_some());

    // Escape clears the filter: every row again.
    harness.key_press(Key::Escape);
    harness.run_ok();
    assert_eq!(harness.state_mut().listing_counts(), (total, total));
    assert!(harness.query_by_label("photo 00001.jpg").is_some());
}

#[test]
fn sort_by_size_keeps_folders_first() {
    let server = TestServer::with_files(&[
        ("data/medium.bin", &[0u8; 300]),
        ("data/small.bin", &[0u8; 10]),
        ("data/large.bin", &[0u8; 2000]),
        ("data/zz folder/inner.bin", &[0u8; 1]),
    ]);
    let (mut harness, _) = open_window(&server);
    wait_for_label(&mut harness, "small.bin");

    // By name first: folder, then large, medium, small.
    assert!(top(&harness, "zz folder (folder)") < top(&harness, "large.bin"));
    assert!(top(&harness, "large.bin") < top(&harness, "medium.bin"));
    assert!(top(&harness, "medium.bin") < top(&harness, "small.bin"));

    // Size: biggest first.
    click(&mut harness, "Sort by size");
    assert!(top(&harness, "zz folder (folder)") < top(&harness, "large.bin"));
    assert!(top(&harness, "large.bin") < top(&harness, "medium.bin"));
    assert!(top(&harness, "medium.bin") < top(&harness, "small.bin"));

    // Again: smallest first, folders still on top.
    click(&mut harness, "Sort by size");
    assert!(top(&harness, "zz folder (folder)") < top(&harness, "small.bin"));
    assert!(top(&harness, "small.bin") < top(&harness, "medium.bin"));
    assert!(top(&harness, "medium.bin") < top(&harness, "large.bin"));
}

#[test]
fn a_file_deleted_after_listing_gives_no_link_but_says_so() {
    let server =
        TestServer::with_files(&[("docs/gone.txt", b"soon gone"), ("docs/stays.txt", b"here")]);
    let (mut harness, copied_log) = open_window(&server);
    wait_for_label(&mut harness, "gone.txt");
    click(&mut harness, "gone.txt");

    std::fs::remove_file(server.path("docs/gone.txt")).unwrap();
    click(&mut harness, "Copy link");
    wait_for_text(&mut harness, "no longer exists");
    assert!(copied(&copied_log).is_empty(), "nothing was copied");
    assert!(!has_text(&harness, "Link copied"));

    // The next step is one click away.
    click(&mut harness, "Refresh folder");
    wait_for(&mut harness, "the listing without the file", |h| {
        h.query_by_label("stays.txt").is_some() && h.query_by_label("gone.txt").is_none()
    });
}

#[test]
fn invalid_custom_expiry_disables_copy_and_says_why() {
    let server = TestServer::with_files(&[("box/report.pdf", b"%PDF-1.4 report")]);
    let (mut harness, copied_log) = open_window(&server);
    wait_for_label(&mut harness, "report.pdf");
    click_button(&mut harness, "report.pdf");
    assert!(copy_button_enabled(&harness));

    click(&mut harness, "Custom…");
    type_into(&mut harness, "Custom length", "0");
    assert!(!copy_button_enabled(&harness), "0 is not a lifetime");
    assert!(has_text(&harness, "at least 1 second"));

    type_into(&mut harness, "Custom length", "8");
    click(&mut harness, "days");
    assert!(!copy_button_enabled(&harness), "8 days is too long");
    assert!(has_text(&harness, "longer than 7 days"));

    // Ctrl+Shift+C does not get around it.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    harness.run_ok();
    assert!(copied(&copied_log).is_empty());

    type_into(&mut harness, "Custom length", "7");
    assert!(copy_button_enabled(&harness));
    // Focus back on the list, then the shortcut copies with the current settings.
    click_button(&mut harness, "report.pdf");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    harness.run_ok();
    wait_for(&mut harness, "the link", |_| {
        !copied(&copied_log).is_empty()
    });
    assert!(copied(&copied_log)[0].contains("X-Amz-Expires=604800"));
}

#[test]
fn keyboard_moves_opens_and_goes_up() {
    let server =
        TestServer::with_files(&[("keys/a folder/inside.txt", b"x"), ("keys/b.txt", b"b")]);
    let (mut harness, _) = open_window(&server);
    wait_for_label(&mut harness, "b.txt");

    harness.key_press(Key::ArrowDown);
    harness.run_ok();
    let folder = harness.get_by_label("a folder (folder)");
    assert_eq!(
        folder.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True),
        "the first row is selected"
    );
    harness.key_press(Key::Enter);
    wait_for_label(&mut harness, "inside.txt");
    harness.key_press(Key::Backspace);
    wait_for_label(&mut harness, "b.txt");
    harness.key_press(Key::ArrowDown);
    harness.key_press(Key::ArrowDown);
    harness.run_ok();
    // A file selected: the share panel is about it.
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Copy link")
            .is_some()
    );
}

/// The window starts where it was left (bucket, folder, sort order) and what it stores is
/// what the user changed since, read from the one remembered state.
#[test]
fn the_window_remembers_where_it_was_and_how_it_sorted() {
    let server = TestServer::with_files(&[
        ("docs/2026/small.txt", b"s"),
        ("docs/2026/big.txt", b"a much bigger file"),
        ("docs/2025/old.txt", b"old"),
    ]);
    let mut remembered = Remembered::default();
    remembered.connection = Some("Test storage".to_owned());
    remembered.bucket = Some("docs".to_owned());
    remembered.folder = "2026/".to_owned();
    remembered.sort = Sort {
        column: Column::Size,
        ascending: false,
    };
    let settings = server.connection();
    let mut harness = Harness::builder()
        .with_size([1200.0, 760.0])
        .with_max_steps(40)
        .build_eframe(move |cc| {
            let start = Start::Connection(settings);
            App::with_start(&cc.egui_ctx, start, remembered, Clipboard::recording().0).expect("app")
        });
    wait_for(&mut harness, "the remembered folder", |h| {
        has_text(h, "big.txt") && has_text(h, "small.txt")
    });
    assert!(
        top(&harness, "big.txt") < top(&harness, "small.txt"),
        "biggest first, as remembered"
    );

    click(&mut harness, "Sort by name");
    harness.get_by_label("🗄 docs").click();
    wait_for(&mut harness, "the top of the bucket", |h| {
        has_text(h, "2025 (folder)")
    });
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    let stored = storage.get_string(eframe::APP_KEY).expect("stored");
    assert!(stored.contains("folder:\"\""), "{stored}");
    assert!(stored.contains("column:Name"), "{stored}");
    assert!(stored.contains("ascending:true"), "{stored}");
}
