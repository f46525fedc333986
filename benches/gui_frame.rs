//! CPU per frame of the window with a 100 000-object folder, measured the way eframe runs
//! it: one `run_ui` pass (layout, input) plus tessellation, on this thread. No GPU upload or
//! present (that is the driver's, not ours). AccessKit stays off, as without a screen reader.
//!
//! Run: `cargo bench --bench gui_frame` (the bench profile, i.e. release) or, quicker,
//! `cargo test --bench gui_frame` (dev profile; the numbers are then an upper bound).
//!
//! Scenarios: pages arriving, idle frames, scrolling, selection clicks and arrow keys, and
//! typing in the filter (over 100 keystrokes: queries typed, partly erased, typed again,
//! cleared with Escape). Each prints p50 / p95 / max of its frames in one table.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
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
            .map(|i| {
                let n = (i * 7919) % OBJECTS;
                // Mostly camera names, some with accents (the filter folds them).
                let name = match n % 50 {
                    0 => format!("Café menu {n:06}.pdf"),
                    1 => format!("Résumé {n:06}.docx"),
                    _ => format!("IMG_{n:06}.jpg"),
                };
                ObjectEntry {
                    key: format!("big/{name}"),
                    size: (i as u64 * 104_729) % 9_000_000,
                    last_modified: Some(now - chrono::Duration::minutes(i as i64)),
                    etag: None,
                    storage_class: None,
                }
            })
            .collect(),
        next_token: None,
    }
}

/// One line of the table: p50 / p95 / max of a scenario's frames.
struct Scenario {
    name: &'static str,
    samples: Vec<Duration>,
}

impl Scenario {
    fn print(&self) {
        let mut sorted = self.samples.clone();
        sorted.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let at = |q: f64| {
            ms(sorted[((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1])
        };
        println!(
            "| {:<42} | {:>6} | {:>8.3} | {:>8.3} | {:>8.3} |",
            self.name,
            sorted.len(),
            at(0.50),
            at(0.95),
            ms(*sorted.last().unwrap()),
        );
    }
}

/// What a person does in the filter field.
enum Stroke {
    Type(&'static str),
    Backspace(usize),
    /// Ctrl+A, Backspace.
    Clear,
}

const TYPING: &[Stroke] = &[
    Stroke::Type("img_0042"),
    Stroke::Backspace(3),
    Stroke::Type("913"),
    Stroke::Backspace(8),
    Stroke::Type("cafe"),
    Stroke::Type(" menu 00"),
    Stroke::Backspace(5),
    Stroke::Clear,
    Stroke::Type("résumé"),
    Stroke::Backspace(6),
    Stroke::Type("folder 1"),
    Stroke::Clear,
    Stroke::Type("jpg"),
    Stroke::Backspace(3),
    Stroke::Type("IMG_09"),
    Stroke::Type("99"),
    Stroke::Backspace(8),
    Stroke::Type("menu"),
    Stroke::Backspace(2),
    Stroke::Type("nu 0012"),
    Stroke::Clear,
    Stroke::Type("e"),
    Stroke::Type("nu"),
    Stroke::Backspace(3),
    Stroke::Type("0"),
    Stroke::Type("1"),
    Stroke::Type("2"),
];

fn key(key: Key, modifiers: Modifiers) -> InputEvent {
    InputEvent::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    }
}

fn keystrokes() -> Vec<InputEvent> {
    let mut out = Vec::new();
    for stroke in TYPING {
        match stroke {
            Stroke::Type(text) => out.extend(text.chars().map(|c| InputEvent::Text(c.to_string()))),
            Stroke::Backspace(n) => {
                out.extend((0..*n).map(|_| key(Key::Backspace, Modifiers::NONE)))
            }
            Stroke::Clear => {
                out.push(key(Key::A, Modifiers::COMMAND));
                out.push(key(Key::Backspace, Modifiers::NONE));
            }
        }
    }
    out
}

fn click(pos: egui::Pos2, pressed: bool) -> InputEvent {
    InputEvent::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    }
}

fn main() {
    // The same embedded server fixture as the window tests (tests/window).
    let server = fixture::TestServer::with_files(&[
        ("bench/readme.txt", b"100 000 objects below"),
        ("bench/big/notes.txt", b""),
    ]);

    let ctx = egui::Context::default();
    // What eframe's event loop does with repaint requests: a frame now when one is asked for
    // without delay (input, answers from other threads); cursor blinks are left out.
    let wake = Arc::new(AtomicBool::new(false));
    ctx.set_request_repaint_callback({
        let wake = Arc::clone(&wake);
        move |info| {
            if info.delay < Duration::from_millis(16) {
                wake.store(true, Ordering::Relaxed);
            }
        }
    });
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
        "app built + first frame (fonts, no GPU): {:.1} ms; first frame alone: {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0,
        first.as_secs_f64() * 1000.0
    );

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

    let mut table = Vec::new();

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
    table.push(Scenario {
        name: "page of 1 000 arrives (merge + frame)",
        samples: streaming,
    });

    let idle = (0..200).map(|_| window.frame(Vec::new())).collect();
    table.push(Scenario {
        name: "idle frame, 100 000 rows",
        samples: idle,
    });

    let pointer = pos2(450.0, 400.0);
    let scrolling = (0..200)
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
    table.push(Scenario {
        name: "scrolling, 240 pt per frame",
        samples: scrolling,
    });

    // Clicks on rows: press in one frame, release (the click) in the next.
    let mut clicks = Vec::new();
    for i in 0..100 {
        let at = pos2(450.0, 200.0 + (i % 12) as f32 * 24.0);
        clicks.push(window.frame(vec![InputEvent::PointerMoved(at), click(at, true)]));
        clicks.push(window.frame(vec![click(at, false)]));
    }
    table.push(Scenario {
        name: "selection click (press, release frames)",
        samples: clicks,
    });

    let arrows = (0..200)
        .map(|_| window.frame(vec![key(Key::ArrowDown, Modifiers::NONE)]))
        .collect();
    table.push(Scenario {
        name: "arrow key moves the selection",
        samples: arrows,
    });

    // Ctrl+F, then typing: one keystroke per frame; between keystrokes the window draws
    // whatever else comes (answers from other threads) until it is idle, as eframe would.
    window.frame(vec![key(Key::F, Modifiers::COMMAND)]);
    let strokes = keystrokes();
    let mut typing = Vec::new();
    let mut between = Vec::new();
    // Keystroke → the rows for the new query on screen (a large scan runs off the UI thread).
    let mut latency = Vec::new();
    for stroke in &strokes {
        wake.store(false, Ordering::Relaxed);
        let pressed = Instant::now();
        typing.push(window.frame(vec![stroke.clone()]));
        let mut shown = (!window.app.filtering()).then(|| pressed.elapsed());
        // About 8 keystrokes a second: ~120 ms until the next one.
        let next = Instant::now() + Duration::from_millis(120);
        while Instant::now() < next {
            if wake.swap(false, Ordering::Relaxed) {
                between.push(window.frame(Vec::new()));
                if shown.is_none() && !window.app.filtering() {
                    shown = Some(pressed.elapsed());
                }
            } else {
                std::thread::sleep(Duration::from_micros(200));
            }
        }
        latency.push(shown.expect("the filter answered within 120 ms"));
    }
    let keystroke_count = typing.len();
    let (_, shown_before_escape) = window.app.listing_counts();
    // Escape in the filter clears it.
    window.frame(vec![InputEvent::Text("x".to_owned())]);
    for _ in 0..50 {
        window.frame(vec![]);
        std::thread::sleep(Duration::from_millis(2));
    }
    window.frame(vec![key(Key::Escape, Modifiers::NONE)]);
    table.push(Scenario {
        name: "filter: keystroke frame",
        samples: typing,
    });
    table.push(Scenario {
        name: "filter: keystroke → its rows shown",
        samples: latency,
    });
    if !between.is_empty() {
        table.push(Scenario {
            name: "filter: frames between keystrokes",
            samples: between,
        });
    }
    let (total, shown) = window.app.listing_counts();

    println!("| scenario (release, {OBJECTS} objects) | frames | p50 ms | p95 ms | max ms |");
    println!("|---|---:|---:|---:|---:|");
    for scenario in &table {
        scenario.print();
    }
    println!(
        "{keystroke_count} keystrokes; the last query shows {shown_before_escape} rows; \
         after \"x\" and Escape {shown} of {total} rows are shown"
    );
}
