//! The window's language (the View menu's Language section): switching to Deutsch changes what the window
//! says at once, and back to English. Its own test binary: the language is one per process,
//! and the other window tests expect English (they never set it, so they get English
//! whatever the machine's LANG says).

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use s3share_core::i18n::{self, Language};
use s3share_gui::App;
use s3share_gui::widgets::Clipboard;

mod window;

use window::{TestServer, click, has_text, wait_for_label, wait_for_text};

/// Opens the View menu (called `menu` in the language shown), checks its language section
/// is headed `heading`, and picks `language` (by its own name), as a user would.
fn choose(harness: &mut Harness<'_, App>, menu: &str, heading: &str, language: &str) {
    click(harness, menu);
    wait_for_label(harness, heading);
    click(harness, language);
    harness.key_press(egui::Key::Escape);
    harness.run_ok();
}

/// The connection switcher's menu, opened and checked for `labels`, then closed.
fn switcher_says(harness: &mut Harness<'_, App>, labels: &[&str]) {
    click(harness, "☁ Test storage ⏷");
    for label in labels {
        wait_for_label(harness, label);
    }
    harness.key_press(egui::Key::Escape);
    harness.run_ok();
}

#[test]
fn switching_to_deutsch_and_back_changes_the_labels() {
    let server = TestServer::with_files(&[("fotos/bericht.pdf", b"%PDF-1.4")]);
    let (clipboard, _) = Clipboard::recording();
    let mut harness = server.window(move |ctx, settings| {
        let mut app = App::new_for_test(ctx, settings, clipboard).expect("app");
        // As every window test may: English whatever the machine's LANG.
        app.set_language(Some(Language::English));
        app
    });
    wait_for_text(&mut harness, "bericht.pdf");
    switcher_says(&mut harness, &["➕ Add a connection…", "Demo storage"]);

    choose(&mut harness, "View", "Language", "Deutsch");
    assert_eq!(harness.state().language_choice(), Some(Language::German));
    assert_eq!(i18n::language(), Language::German);
    // The built-in demo storage is named in the window's language too.
    switcher_says(
        &mut harness,
        &["➕ Verbindung hinzufügen…", "Demo-Speicher"],
    );
    assert!(!has_text(&harness, "Add a connection"));

    // The top bar is German too (Refresh), and the menu is "Ansicht",
    // its language section "Sprache"; English again from there.
    assert!(has_text(&harness, "⟳ Aktualisieren"));
    assert!(harness.query_by_label("⟳ Refresh").is_none());
    choose(&mut harness, "Ansicht", "Sprache", "English");
    assert_eq!(harness.state().language_choice(), Some(Language::English));
    switcher_says(&mut harness, &["➕ Add a connection…", "Demo storage"]);
    assert!(has_text(&harness, "⟳ Refresh"));
    assert!(
        harness
            .query_by_label("➕ Verbindung hinzufügen…")
            .is_none()
    );
}
