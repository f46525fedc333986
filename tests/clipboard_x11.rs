//! Copy for email through the real system clipboard (arboard on X11), read back the way
//! another program would (`xclip`). CI runs the tests under Xvfb; without $DISPLAY this test
//! says so and passes.

use std::process::Command;
use std::time::{Duration, Instant};

use egui_kittest::kittest::Queryable;
use s3share_gui::App;
use s3share_gui::widgets::Clipboard;

mod window;

use window::TestServer;

fn xclip(target: &str) -> Option<String> {
    let output = Command::new("xclip")
        .args(["-selection", "clipboard", "-t", target, "-o"])
        .output()
        .expect("xclip (apt install xclip)");
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn copy_for_email_offers_html_and_text_on_the_x11_clipboard() {
    if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        eprintln!("clipboard_x11: skipped, $DISPLAY is not set (run under xvfb-run)");
        return;
    }
    let body = b"%PDF-1.4 minutes of the meeting";
    let server = TestServer::with_files(&[("minutes/Meeting notes é.pdf", body)]);
    // The real system clipboard, exactly as the window uses it.
    let clipboard = Clipboard::system();
    let mut harness =
        server.window(move |ctx, settings| App::new_for_test(ctx, settings, clipboard).unwrap());

    let started = Instant::now();
    while harness.query_by_label("Meeting notes é.pdf").is_none() {
        assert!(started.elapsed() < Duration::from_secs(10), "no listing");
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    harness.get_by_label("Meeting notes é.pdf").click();
    harness.run_ok();
    harness.get_by_label("✉ Copy for email").click();
    harness.run_ok();

    // The window (still alive: it serves the clipboard) offers both formats.
    let started = Instant::now();
    let targets = loop {
        harness.step();
        let targets = xclip("TARGETS").unwrap_or_default();
        if targets.contains("text/html") {
            break targets;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no HTML on the clipboard; targets: {targets}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        targets.contains("UTF8_STRING") || targets.contains("text/plain"),
        "{targets}"
    );
    let html = xclip("text/html").expect("HTML");
    assert!(html.contains("Meeting notes é.pdf"), "{html}");
    assert!(html.contains("Link works until"), "{html}");
    let text = xclip("UTF8_STRING")
        .or_else(|| xclip("text/plain"))
        .expect("plain text");
    assert!(text.starts_with("Meeting notes é.pdf"), "{text}");
    let url = text
        .lines()
        .find(|l| l.starts_with("http://"))
        .expect("the raw URL on its own line")
        .to_owned();
    assert!(html.contains(&url.replace('&', "&amp;")), "{html}");

    let (status, got) = server.get(&url);
    assert_eq!(status, 200);
    assert_eq!(got, body);
    drop(harness);
}
