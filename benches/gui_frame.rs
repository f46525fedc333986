//! CPU per frame of the window with a 100 000-object folder, measured the way eframe runs
//! it: one `run_ui` pass (layout, input) plus tessellation, on this thread. No GPU upload or
//! present (that is the driver's, not ours). AccessKit stays off, as without a screen reader.
//!
//! Run: `cargo bench --bench gui_frame` (release) or, quicker, `cargo test --bench gui_frame`
//! (dev profile; the numbers are then an upper bound).

use std::time::{Duration, Instant};

use chrono::Utc;
use egui::{Event as InputEvent, Key, Modifiers, RawInput, Rect, pos2, vec2};
use s3share_core::{ListingPage, ObjectEntry};
use s3share_gui::App;
use s3share_gui::bus::Event;
use s3share_gui::widgets::Clipboard;

#[path = "../tests/window/mod.rs"]
mod fixture;

const OBJECTS: usize = 100_000;
const PAGE: usize = 1000;

struct Window {
    ctx: egui::Context,
    app: App,
    frame: eframe::Frame,
    time: f64,
}

impl Window {
    /// One frame: logic + ui + tessellation. Returns its duration.
    fn frame(&mut self, events: Vec<InputEvent>) -> Duration {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1280.0, 800.0))),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        let start = Instant::now();
        let mut output = self.ctx.run_ui(input, |ui| {
            eframe::App::logic(&mut self.app, ui.ctx(), &mut self.frame);
            eframe::App::ui(&mut self.app, ui, &mut self.frame);
        });
        let shapes = std::mem::take(&mut output.shapes);
        let meshes = self.ctx.tessellate(shapes, output.pixels_per_point);
        std::hint::black_box(meshes);
        let elapsed = start.elapsed();
        // No GPU here: the texture upload is the renderer's part.
        output.textures_delta.clear();
        elapsed
    }
}

fn page(start: usize) -> ListingPage {
    let now = Utc::now();
    ListingPage {
        folders: if start == 0 {
            (0..20).map(|i| format!("big/folder {i:02}/")).collect()
        } else {
            Vec::new()
        },
        objects: (start..start + PAGE)
            .map(|i| ObjectEntry {
                key: format!("big/IMG_{:06}.jpg", (i * 7919) % OBJECTS),
                size: (i as u64 * 104_729) % 9_000_000,
                last_modified: Some(now - chrono::Duration::minutes(i as i64)),
                etag: None,
                storage_class: None,
            })
            .collect(),
        next_token: None,
    }
}

fn stats(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mean = samples.iter().map(|d| ms(*d)).sum::<f64>() / samples.len() as f64;
    println!(
        "{name:<44} mean {:>7.2} ms   median {:>7.2} ms   p95 {:>7.2} ms   max {:>7.2} ms   ({} frames)",
        mean,
        ms(samples[samples.len() / 2]),
        ms(samples[samples.len() * 95 / 100]),
        ms(*samples.last().unwrap()),
        samples.len()
    );
}

fn main() {
    // The same embedded server fixture as the window tests (tests/window).
    let server = fixture::TestServer::with_files(&[
        ("bench/readme.txt", b"100 000 objects below"),
        ("bench/big/notes.txt", b""),
    ]);

    let ctx = egui::Context::default();
    let start = Instant::now();
    let app = App::new_for_test(&ctx, server.connection(), Clipboard::recording().0).unwrap();
    let mut window = Window {
        ctx,
        app,
        frame: eframe::Frame::_new_kittest(),
        time: 0.0,
    };
    let first = window.frame(Vec::new());
    println!(
        "app built + first frame (fonts, no GPU): {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    println!("first frame alone: {:.1} ms", first.as_secs_f64() * 1000.0);

    // The only bucket opens by itself; wait for its (real) listing.
    let deadline = Instant::now() + Duration::from_secs(20);
    while window.app.listing_counts().0 == 0 {
        assert!(
            Instant::now() < deadline,
            "the bucket listing never arrived"
        );
        window.frame(Vec::new());
        std::thread::sleep(Duration::from_millis(10));
    }

    // 100 pages arrive; each is followed by a frame (as the backend's repaint causes).
    let generation = window.app.listing_generation();
    let mut streaming = Vec::new();
    for p in 0..OBJECTS / PAGE {
        let event = Event::Listed {
            generation,
            page: page(p * PAGE),
            done: p + 1 == OBJECTS / PAGE,
        };
        let t = Instant::now();
        window.app.handle_event(&window.ctx.clone(), event);
        let apply = t.elapsed();
        streaming.push(apply + window.frame(Vec::new()));
    }
    let (total, _) = window.app.listing_counts();
    assert!(total > OBJECTS, "{total} rows");
    stats("page arrives (append + re-sort + frame)", streaming);

    let idle: Vec<_> = (0..200).map(|_| window.frame(Vec::new())).collect();
    stats("frame, 100 000 rows, nothing changes", idle);

    let pointer = pos2(450.0, 400.0);
    let scrolling: Vec<_> = (0..200)
        .map(|_| {
            window.frame(vec![
                InputEvent::PointerMoved(pointer),
                InputEvent::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: vec2(0.0, -240.0),
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Wheel,
                    modifiers: Modifiers::NONE,
                },
            ])
        })
        .collect();
    stats("frame, scrolling 240 pt per frame", scrolling);

    let key = |key| InputEvent::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    let arrows: Vec<_> = (0..200)
        .map(|_| window.frame(vec![key(Key::ArrowDown)]))
        .collect();
    stats("frame, arrow key moves the selection", arrows);

    // Ctrl+F, then typing: each keystroke re-filters 100 000 names.
    window.frame(vec![InputEvent::Key {
        key: Key::F,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::COMMAND,
    }]);
    let typing: Vec<_> = "IMG_0042"
        .chars()
        .map(|c| window.frame(vec![InputEvent::Text(c.to_string())]))
        .collect();
    let (_, shown) = window.app.listing_counts();
    stats("frame, typing in the filter (re-filter)", typing);
    println!("filter \"IMG_0042\" shows {shown} rows");
}
