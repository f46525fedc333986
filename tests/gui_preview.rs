//! The share panel's preview (egui_kittest) against the embedded S3 server on 127.0.0.1:
//! selecting a picture shows it, a text shows its first lines, a zip says in plain words
//! that it has no preview.

use std::io::Cursor;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use s3share_gui::App;
use s3share_gui::widgets::Clipboard;

mod window;

use window::{TestServer, click, has_text, wait_for, wait_for_label};

fn png() -> Vec<u8> {
    let picture = image::RgbImage::from_pixel(400, 300, image::Rgb([30, 140, 60]));
    let mut out = Cursor::new(Vec::new());
    picture.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[test]
fn selecting_a_file_shows_its_preview() {
    let picture = png();
    let server = TestServer::with_files(&[
        ("shared/garden.png", &picture),
        ("shared/archive.zip", b"PK\x03\x04 not read"),
        ("shared/notes.txt", b"Buy seeds\n\x1b[2J cleared?\n"),
    ]);
    let (clipboard, _copied) = Clipboard::recording();
    let mut harness = server
        .window(move |ctx, settings| App::new_for_test(ctx, settings, clipboard).expect("app"));

    // One bucket: it opens by itself.
    wait_for_label(&mut harness, "garden.png");
    click(&mut harness, "garden.png");
    wait_for(&mut harness, "the picture's preview", |h| {
        h.query_by_role_and_label(Role::Image, "Preview of garden.png")
            .is_some()
    });
    assert!(has_text(&harness, "400 × 300 pixels"));

    // A zip: nothing fetched, plain words instead.
    click(&mut harness, "archive.zip");
    wait_for(&mut harness, "the words for no preview", |h| {
        has_text(h, "No preview for this kind of file")
    });
    assert!(
        harness
            .query_by_role_and_label(Role::Image, "Preview of garden.png")
            .is_none(),
        "the picture of the file selected before is gone"
    );

    // A text: its first lines, the escape character shown rather than obeyed.
    click(&mut harness, "notes.txt");
    wait_for(&mut harness, "the text's first lines", |h| {
        has_text(h, "Buy seeds")
    });
    assert!(has_text(&harness, "\\u{001B}[2J cleared?"));
}
