//! Self-contained HTML pages s3share writes into a bucket (share pages, file requests,
//! password pages) and shares with a pre-signed link.
//!
//! Every page goes through [`render`]: one layout, inline CSS and script only, and a strict
//! Content-Security-Policy that allows exactly that CSS and that script (by their SHA-256)
//! and, when asked, requests to the bucket the page is served from. Pages are written with
//! maud, which escapes every value by default; data a script needs goes into `data-*`
//! attributes (escaped like any attribute, read with `dataset`), never into script text.

pub mod request_page;

use base64::Engine as _;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use sha2::{Digest, Sha256};

use super::client::Session;
use super::disposition::LinkMode;
use super::error::Result;
use super::expiry::Expiry;
use super::location::S3Location;
use super::managed::ManagedFolder;
use super::s3_error::from_sdk;
use super::share::{ShareLink, ShareRequest};

pub mod files_page;

/// The one style sheet every page shares: readable on a phone, light and dark.
const STYLE: &str = include_str!("page.css");

/// The content type pages are stored with.
pub const HTML_CONTENT_TYPE: &str = "text/html; charset=utf-8";

/// The file name of a page inside its managed folder.
pub const PAGE_NAME: &str = "index.html";

/// What goes into a page besides the layout.
pub struct PageParts<'a> {
    /// The document title and the heading.
    pub title: &'a str,
    pub body: Markup,
    /// Inline script (a constant of the page's module), if the page has one.
    pub script: Option<&'a str>,
    /// The page's script sends requests to the bucket it is served from (`fetch`, XHR).
    /// No page ever submits a form by itself: scripts send, so a page without its script
    /// can never send what was typed into it.
    pub talks_to_bucket: bool,
}

/// The whole HTML document.
pub fn render(parts: &PageParts<'_>) -> String {
    let csp = content_security_policy(parts.script, parts.talks_to_bucket);
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content=(csp);
                // The page's own address is a pre-signed link: never send it along.
                meta name="referrer" content="no-referrer";
                meta name="robots" content="noindex, nofollow";
                title { (parts.title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                main {
                    h1 { (parts.title) }
                    (parts.body)
                }
                footer { "Shared with S3 Share" }
                @if let Some(script) = parts.script {
                    script { (PreEscaped(script)) }
                }
            }
        }
    }
    .into_string()
}

fn content_security_policy(script: Option<&str>, talks_to_bucket: bool) -> String {
    let mut csp = format!(
        "default-src 'none'; style-src '{}'; base-uri 'none'; form-action 'none'",
        sha256_source(STYLE)
    );
    if let Some(script) = script {
        csp.push_str(&format!("; script-src '{}'", sha256_source(script)));
    }
    if talks_to_bucket {
        csp.push_str("; connect-src 'self'");
    }
    csp
}

fn sha256_source(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

impl Session {
    /// Stores `html` as the page of `folder` and shares it with a pre-signed link that
    /// opens in the browser and ends with the folder.
    pub async fn publish_page(
        &self,
        folder: &ManagedFolder,
        html: String,
        expiry: Expiry,
    ) -> Result<ShareLink> {
        let page = self.store_page(folder, html).await?;
        self.share_link(&ShareRequest::new(page, expiry, LinkMode::Inline).with_check(false))
            .await
    }

    /// Stores `html` as the page of `folder` (`index.html`, `text/html; charset=utf-8`,
    /// never kept by shared caches); returns where.
    pub async fn store_page(&self, folder: &ManagedFolder, html: String) -> Result<S3Location> {
        let page = folder.object(PAGE_NAME);
        let client = self.client_for(&page.bucket).await?;
        client
            .put_object()
            .bucket(&page.bucket)
            .key(&page.key)
            .content_type(HTML_CONTENT_TYPE)
            // A page is private to whoever holds its link: no shared cache keeps it.
            .cache_control("private, no-store")
            .body(html.into_bytes().into())
            .send()
            .await
            .map_err(|e| from_sdk(e, self.subject(Some(&page.bucket), Some(&page.key))))?;
        Ok(page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_exactly_the_page_s_own_style_and_script() {
        let script = "document.body.dataset.ready = 'yes';";
        let page = render(&PageParts {
            title: "Files <from> \"you\"",
            body: html! { p { "<script>alert(1)</script>" } },
            script: Some(script),
            talks_to_bucket: false,
        });
        assert!(page.contains(&sha256_source(STYLE)));
        assert!(page.contains(&format!("script-src '{}'", sha256_source(script))));
        assert!(page.contains("form-action 'none'"));
        assert!(!page.contains("connect-src"));
        assert!(page.contains("<title>Files &lt;from&gt; &quot;you&quot;</title>"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert_eq!(page.matches("<script>").count(), 1);
    }

    #[test]
    fn a_page_that_talks_to_its_bucket_may_fetch_and_post_there_only() {
        let page = render(&PageParts {
            title: "Send files",
            body: html! {},
            script: None,
            talks_to_bucket: true,
        });
        assert!(page.contains("connect-src 'self'"));
        assert!(page.contains("form-action 'none'"));
        assert!(!page.contains("script-src"));
        assert!(page.contains("default-src 'none'"));
    }
}
