//! The file-request page: anyone holding its link picks or drops files and sends them
//! straight to the bucket, seeing each file's progress and a plain "Received" or the
//! reason it was not. Two ways to send, chosen by [`RequestUploads`]: a signed POST
//! policy (one form for any number of files, size enforced by the server) or, where the
//! service has no POST Object (Cloudflare R2), a fixed number of pre-signed PUT slots.

use maud::{Markup, html};

use super::{PageParts, render};
use crate::format::human_size;
use crate::post_policy::PostForm;
use crate::share::UploadLink;

/// How the page sends files.
#[derive(Clone, Debug)]
pub enum PageUploads<'a> {
    /// A signed POST form (the server checks the key prefix, size and expiry).
    Form(&'a PostForm),
    /// Pre-signed PUT links, one file each, for a fresh key each (the server refuses to
    /// replace a file: `If-None-Match: *`).
    Slots(&'a [UploadLink]),
}

/// What the page says and does.
pub struct RequestPage<'a> {
    /// The name of the folder files arrive in (its last part, as the owner sees it).
    pub folder_name: &'a str,
    pub max_size: u64,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub uploads: PageUploads<'a>,
}

/// The page's script: reads its settings from the form's `data-*` attributes.
const SCRIPT: &str = include_str!("request_page.js");

pub fn render_request_page(page: &RequestPage<'_>) -> String {
    render(&PageParts {
        title: "Send files",
        body: body(page),
        script: Some(SCRIPT),
        talks_to_bucket: true,
    })
}

fn body(page: &RequestPage<'_>) -> Markup {
    let max = human_size(page.max_size);
    let until_utc = page
        .expires_at
        .format("%a %-d %b %Y, %H:%M UTC")
        .to_string();
    let (mode, url, fields, prefix, slots) = match &page.uploads {
        PageUploads::Form(form) => (
            "form",
            form.url.as_str(),
            serde_json::to_string(&form.fields).unwrap_or_default(),
            form.rules.key_prefix.as_str(),
            String::new(),
        ),
        PageUploads::Slots(links) => (
            "slots",
            "",
            String::new(),
            "",
            serde_json::to_string(
                &links
                    .iter()
                    .map(|l| serde_json::json!({ "url": l.url, "headers": l.headers }))
                    .collect::<Vec<_>>(),
            )
            .unwrap_or_default(),
        ),
    };
    html! {
        p {
            "The files you send here go straight into the folder "
            strong { "“" (page.folder_name) "”" }
            " of the person who sent you this page. Nobody else can see them through this page."
        }
        p.muted {
            "Each file can be up to " strong { (max) } ". "
            @if let PageUploads::Slots(links) = &page.uploads {
                "This page takes up to " (links.len()) " files. "
            }
            "This page works until "
            time #until datetime=(page.expires_at.to_rfc3339()) { (until_utc) } "."
        }
        form.card #send-form
            data-mode=(mode)
            data-url=(url)
            data-fields=(fields)
            data-prefix=(prefix)
            data-slots=(slots)
            data-max=(page.max_size)
            data-max-text=(max)
            data-expires=(page.expires_at.to_rfc3339())
        {
            div.drop #drop {
                label for="files" { "Choose files to send" }
                input #files type="file" name="file" multiple;
                p.muted { "or drop them here" }
            }
            ul.files #list {}
            p { button #send type="submit" disabled { "Send files" } }
            p #summary role="status" aria-live="polite" {}
        }
        noscript { p.error { "This page needs JavaScript to send files. Turn it on and reload the page." } }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::post_policy::PostRules;

    fn form() -> PostForm {
        PostForm {
            url: "http://127.0.0.1:9000/b".to_owned(),
            fields: vec![("policy".to_owned(), "eyJ9\"<x>".to_owned())],
            rules: PostRules {
                bucket: "b".to_owned(),
                key_prefix: "in/Files received \"<b>\"/".to_owned(),
                max_size: 5_000_000,
                expires_at: chrono::DateTime::parse_from_rfc3339("2026-11-28T14:30:00Z")
                    .unwrap()
                    .to_utc(),
            },
        }
    }

    #[test]
    fn names_and_fields_are_escaped_and_the_page_may_post_to_its_bucket_only() {
        let form = form();
        let html = render_request_page(&RequestPage {
            folder_name: "Files <script>alert(1)</script>",
            max_size: 5_000_000,
            expires_at: form.rules.expires_at,
            uploads: PageUploads::Form(&form),
        });
        assert!(html.contains("Files &lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("<script>alert"));
        assert!(html.contains("data-prefix=\"in/Files received &quot;&lt;b&gt;&quot;/\""));
        assert!(html.contains("connect-src 'self'") && html.contains("form-action 'none'"));
        assert!(html.contains("up to <strong>5.0 MB</strong>"), "{html}");
        assert!(html.contains("Sat 28 Nov 2026, 14:30 UTC"));
        assert_eq!(html.matches("<script>").count(), 1);
    }

    #[test]
    fn a_slots_page_says_how_many_files_it_takes() {
        let html = render_request_page(&RequestPage {
            folder_name: "Files received",
            max_size: 1000,
            expires_at: chrono::Utc::now(),
            uploads: PageUploads::Slots(&[]),
        });
        assert!(html.contains("data-mode=\"slots\""));
        assert!(html.contains("This page takes up to 0 files."));
    }
}
