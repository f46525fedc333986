//! The core's words in the window's language: the email text (it follows the sender's
//! language: they write to their own contacts), the history badge's countdown, a link
//! test's reasons and the copy-cost note. Its own test binary: the language is one per
//! process, and the core's other tests expect English.

use chrono::{DateTime, Utc};
use s3share_core::i18n::{self, Language, locale_format};
use s3share_core::link_check::link_failure_reason;
use s3share_core::message::{html, plain_text, subject};
use s3share_core::take_back::copy_cost_note;
use s3share_core::{ExpiryReason, LinkMode, LinkWarning, ObjectInfo, S3Location, ShareLink};

fn link(key: &str) -> ShareLink {
    ShareLink {
        url: format!("http://h/bucket/{key}?X=1"),
        object: S3Location::new("bucket", key).unwrap(),
        mode: LinkMode::Inline,
        created_at: Utc::now(),
        expires_at: "2026-12-04T16:36:00Z".parse().unwrap(),
        expiry_reason: ExpiryReason::Requested,
        info: Some(ObjectInfo {
            key: key.to_owned(),
            size: 4_200_000,
            content_type: None,
            last_modified: None,
            etag: None,
        }),
        warnings: Vec::new(),
    }
}

/// One test, the languages one after the other: the language is the whole process's.
#[test]
fn email_text_and_link_words_follow_the_language() {
    let links = [link("a/Bericht.pdf"), link("b.pdf"), link("c.pdf")];
    // 4 Dec 16:36 UTC: 4 or 5 Dec in every time zone, named as the machine's.
    let until = |ends: &str| {
        let zoned = locale_format::local_day_time_zoned(links[0].expires_at);
        assert!(zoned.contains(ends), "{zoned}");
        zoned
    };
    let one = &links[..1];
    let now: DateTime<Utc> = "2026-11-28T12:00:00Z".parse().unwrap();
    let badge =
        |secs: i64| locale_format::expires_in_words(now + chrono::Duration::seconds(secs), now);

    // English: what the CLI writes, word for word.
    assert_eq!(i18n::language(), Language::English);
    let text = plain_text(one);
    assert!(
        text.starts_with(
            "Bericht.pdf (4.2 MB)\nhttp://h/bucket/a/Bericht.pdf?X=1\nLink works until "
        ),
        "{text}"
    );
    assert!(
        text.ends_with(&format!("until {}\n", until(" Dec, "))),
        "{text}"
    );
    assert_eq!(subject(&links), "Shared files: Bericht.pdf and 2 more");
    assert_eq!(badge(3 * 3600), "expires in 3 h");

    i18n::set_language(Language::German);
    let text = plain_text(one);
    assert!(text.starts_with("Bericht.pdf (4,2 MB)\n"), "{text}");
    let de = until(". Dez, ");
    assert!(
        text.contains(&format!("\nLink gültig bis {de}\n")),
        "{text}"
    );
    let many = plain_text(&links);
    assert!(many.starts_with("Hier sind 3 Dateien:\n\n"), "{many}");
    let html = html(&links);
    assert!(html.contains("<p>Hier sind 3 Dateien:</p>"), "{html}");
    assert!(html.contains(&format!("Link gültig bis {de}")), "{html}");
    assert!(!html.contains("works until"), "{html}");
    assert_eq!(
        subject(&links),
        "Geteilte Dateien: Bericht.pdf und 2 weitere"
    );
    assert_eq!(subject(one), "Geteilte Datei: Bericht.pdf");
    assert_eq!(badge(3 * 3600), "noch 3 Std.");
    assert_eq!(badge(12 * 60), "noch 12 Min.");
    assert_eq!(badge(86_400), "noch 1 Tag");
    assert_eq!(badge(2 * 86_400), "noch 2 Tage");
    assert_eq!(badge(-1), "abgelaufen");
    assert_eq!(locale_format::duration_short(3900), "1 Std. 5 Min.");
    assert_eq!(locale_format::duration_short(61), "2 Min.");
    assert_eq!(
        link_failure_reason(404, "<Error><Code>NoSuchKey</Code></Error>"),
        "Die Datei existiert nicht mehr. Aktualisieren Sie den Ordner."
    );
    assert_eq!(
        copy_cost_note(4_200_000),
        "Speichert eine zweite Kopie (4,2 MB), bis der Link endet"
    );
    let warning = LinkWarning::SessionEndUnknown.to_string();
    assert!(
        warning.starts_with("Dieser Link wurde mit vorübergehenden"),
        "{warning}"
    );

    i18n::set_language(Language::French);
    let text = plain_text(one);
    assert!(text.starts_with("Bericht.pdf (4,2 Mo)\n"), "{text}");
    assert!(
        text.contains(&format!("\nLien valable jusqu’au {}\n", until(" déc., "))),
        "{text}"
    );
    assert_eq!(badge(3 * 3600), "expire dans 3 h");
    assert_eq!(badge(86_400), "expire dans 1 jour");

    i18n::set_language(Language::Spanish);
    let text = plain_text(one);
    assert!(
        text.contains(&format!(
            "\nEl enlace funciona hasta el {}\n",
            until(" dic, ")
        )),
        "{text}"
    );
    assert_eq!(
        subject(&links[..2]),
        "Archivos compartidos: Bericht.pdf y b.pdf"
    );
    assert_eq!(badge(2 * 86_400), "caduca en 2 días");

    // Back to English: the CLI's words again.
    i18n::set_language(Language::English);
    assert_eq!(
        badge(3 * 3600),
        s3share_core::format::expires_in_words(now + chrono::Duration::hours(3), now)
    );
}
