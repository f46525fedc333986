//! The page that opens a protected file in the recipient's browser: the shared layout
//! (`pages::render`), a password form, and `page.js`, which fetches the sealed file
//! through the pre-signed link in `data-src` and decrypts it with WebCrypto.

use chrono::{DateTime, SecondsFormat, Utc};
use maud::html;

use super::MAX_SIZE;
use crate::format::human_size;
use crate::pages::{PageParts, render};

/// The page's script: a constant, so the page's Content-Security-Policy allows exactly it.
pub const SCRIPT: &str = include_str!("page.js");

pub const TITLE: &str = "A password-protected file";

/// The page for a sealed file of `sealed_size` bytes (`size` before sealing) at
/// `data_url`, whose link ends at `ends_at`.
pub fn page(data_url: &str, sealed_size: u64, size: u64, ends_at: DateTime<Utc>) -> String {
    let body = html! {
        p.muted {
            "Someone shared a file with you and locked it with a password. "
            "Enter the password they gave you to open it."
        }
        div.card #protected data-src=(data_url) data-size=(sealed_size) {
            p {
                "Size: " strong { (human_size(size)) }
                br;
                "The link works until "
                time #until datetime=(ends_at.to_rfc3339_opts(SecondsFormat::Secs, true)) {
                    (ends_at.format("%a %-d %b %Y, %H:%M UTC"))
                }
                "."
            }
            // Hidden until the script runs, and its field has no name: without the script
            // the password can never be submitted anywhere (the policy also forbids forms).
            form #unlock hidden {
                label for="password" { "Password" }
                input #password type="password" autocomplete="off"
                    autocapitalize="off" spellcheck="false" required autofocus;
                p { button #open type="submit" { "Open the file" } }
            }
            progress #progress max="100" value="0" hidden {}
            p #status role="status" aria-live="polite" {}
            p #saved hidden {
                "Saved to your downloads: " strong #name {} " (" span #saved-size { (human_size(size)) } "). "
                a #again { "Save it again" }
            }
            noscript { p.error { "This page needs JavaScript to open the file." } }
        }
        p.muted {
            "The file is decrypted here, in this browser: the password is never sent anywhere. "
            "Files up to " (human_size(MAX_SIZE)) " can be opened this way."
        }
    };
    render(&PageParts {
        title: TITLE,
        body,
        script: Some(SCRIPT),
        talks_to_bucket: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_is_an_escaped_attribute_and_nothing_names_the_file() {
        let url = "https://b.example/.s3share/x/data?X-Amz-Signature=abc&X-Amz-Date=1\"><script>";
        let html = page(url, 2_000_000, 1_998_000, DateTime::UNIX_EPOCH);
        assert!(html.contains(
            "data-src=\"https://b.example/.s3share/x/data?X-Amz-Signature=abc&amp;X-Amz-Date=1&quot;&gt;&lt;script&gt;\""
        ));
        assert!(html.contains("data-size=\"2000000\""));
        assert!(html.contains("2.0 MB"));
        assert_eq!(html.matches("<script>").count(), 1);
        assert!(html.contains("connect-src 'self'"));
        assert!(html.contains("datetime=\"1970-01-01T00:00:00Z\""));
        // Without its script the page can send the password nowhere: the form is hidden,
        // its field has no name, and the policy forbids form submissions.
        assert!(html.contains("<form id=\"unlock\" hidden>"), "{html}");
        assert!(!html.contains("name=\"password\""));
        assert!(html.contains("form-action 'none'"));
    }
}
