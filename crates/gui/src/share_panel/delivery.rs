//! What happens to links once they are made: the clipboard (URL, or HTML for email), a
//! new message in the mail program (opened by the backend, never on the UI thread), or a
//! QR code. Also the window's handling of share-panel clicks and of the answers.

use std::time::Instant;

use super::model::{Deliver, LinkState, PageState, ShareAction, TestState};
use crate::bus::{Command, MailOutcome, RequestId};
use crate::widgets::Toast;
use chrono::{DateTime, Utc};
use s3share_core::i18n::locale_format::{local_day_time, until_in};
use s3share_core::pages::files_page::{FilesPage, PageFile, PageSource};
use s3share_core::take_back::ShareCopy;
use s3share_core::tr;
use s3share_core::{Error, ShareLink};

/// Dark modules on white with a four-module quiet zone, one pixel per module (drawn
/// scaled up without smoothing).
pub fn qr_image(url: &str) -> Result<egui::ColorImage, String> {
    let code = qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::L)
        .map_err(|_| tr!("share-qr-too-long", length = url.len()))?;
    let width = code.width();
    let quiet = 4;
    let side = width + 2 * quiet;
    let mut pixels = vec![egui::Color32::WHITE; side * side];
    for (i, color) in code.to_colors().into_iter().enumerate() {
        if color == qrcode::Color::Dark {
            let (x, y) = (i % width + quiet, i / width + quiet);
            pixels[y * side + x] = egui::Color32::BLACK;
        }
    }
    Ok(egui::ColorImage::new([side, side], pixels))
}

/// Why a phone that scans the code of `url` cannot open it, when it cannot: the link points
/// at this computer (demo storage, a server on 127.0.0.1), which no other device reaches.
pub fn phone_warning(url: &str) -> Option<String> {
    s3share_core::connection::local_host_of(url)?;
    Some(tr!("share-phone-warning"))
}

/// "Link copied — works until Fri 28 Nov 14:03 (in 7 days)"
pub fn copied_text(link: &ShareLink) -> String {
    tr!("share-copied-toast", until = until_text(link))
}

/// "Copied — page with 12 files, works until Fri 28 Nov 14:03 (in 7 days)"
pub fn page_copied_text(files: usize, until: &str) -> String {
    tr!(
        "share-page-copied",
        files = tr!("files-count", count = files),
        until = until
    )
}

/// The page's result once its link has ended ("… it worked until Fri 28 Nov 14:03").
pub fn page_ended_text(files: usize, ended: DateTime<Utc>) -> String {
    tr!(
        "share-page-ended",
        files = tr!("files-count", count = files),
        time = local_day_time(ended)
    )
}

/// The result once the links have ended: one sentence, "ended" said once, the right number.
pub fn links_ended_text(links: usize, ended: DateTime<Utc>) -> String {
    tr!(
        "share-links-ended",
        count = links,
        time = local_day_time(ended)
    )
}

/// "Fri 28 Nov 14:03 (in 7 days)", local time, as the link is made (for a toast: what
/// stays on screen counts down with `clock::until_live`).
pub(super) fn until_text(link: &ShareLink) -> String {
    until_in(
        link.expires_at,
        (link.expires_at - link.created_at).num_seconds(),
    )
}

/// What the window does with share-panel clicks and the links that come back.
impl crate::App {
    pub(crate) fn share_action(&mut self, ctx: &egui::Context, action: ShareAction) {
        let deliver = match action {
            ShareAction::CopyLink => Deliver::Link,
            ShareAction::CopyForEmail => Deliver::ForEmail,
            ShareAction::Email => Deliver::Email,
            ShareAction::ShowQr => Deliver::Qr,
            ShareAction::TestLink => {
                if let LinkState::Ready { links, .. } = &self.share.link
                    && let [link] = links.as_slice()
                {
                    let url = link.url.clone();
                    let request = RequestId::new();
                    self.share.test = TestState::Pending { request };
                    self.backend.send(Command::TestLink {
                        request,
                        url: crate::bus::LinkUrl(url),
                    });
                }
                return;
            }
            ShareAction::RefreshFolder => {
                self.refresh();
                return;
            }
            ShareAction::ShareAsPage => {
                self.share_as_page(ctx);
                return;
            }
            ShareAction::Protect => {
                if let [row] = self.browser.selected_files().as_slice()
                    && let Some(bucket) = self.browser.bucket.clone()
                    && let Ok(object) = s3share_core::S3Location::new(bucket, row.key.clone())
                {
                    self.open_protect(object, row.size);
                }
                return;
            }
        };
        // Copy link always signs anew; the others hand out what was just made, if anything.
        if deliver != Deliver::Link
            && let Some((links, made_at)) = self.share.reusable_links()
        {
            let note = self.deliver(ctx, &links, deliver);
            self.share.link = LinkState::Ready {
                links,
                deliver,
                note,
                made_at,
            };
            return;
        }
        match self.share.requests(&self.remembered.share) {
            Ok(requests) => {
                let request = RequestId::new();
                self.share.link = LinkState::Pending { request, deliver };
                self.share.test = TestState::Idle;
                self.share.mail = None;
                let command = if self.share.copy {
                    Command::MakeCopies { request, requests }
                } else {
                    Command::MakeLinks { request, requests }
                };
                if !self.backend.send(command) {
                    self.share.link = LinkState::Failed {
                        message: tr!("share-busy"),
                        missing: false,
                    };
                }
            }
            Err(why) => self.toast = Some(Toast::new(ctx, why, false)),
        }
    }

    /// New links from the backend: for the share panel or for the history view.
    pub(crate) fn links_ready(
        &mut self,
        ctx: &egui::Context,
        request: RequestId,
        result: s3share_core::Result<(Vec<ShareLink>, String)>,
    ) {
        self.links_made(ctx, request, result, false);
    }

    /// Links for the share panel or the history view; `recorded`: already in history
    /// (copies), else they are recorded once someone waits for them.
    fn links_made(
        &mut self,
        ctx: &egui::Context,
        request: RequestId,
        result: s3share_core::Result<(Vec<ShareLink>, String)>,
        recorded: bool,
    ) {
        if self.history.remaking == Some(request) {
            self.history.remaking = None;
            match result {
                Ok((links, connection)) => {
                    if !recorded {
                        self.record_links(&connection, &links);
                    }
                    if let Some(link) = links.first() {
                        self.clipboard.copy(ctx, link.url.clone());
                        self.toast = Some(Toast::new(ctx, copied_text(link), true));
                    }
                }
                Err(error) => self.toast = Some(Toast::new(ctx, error.to_string(), false)),
            }
            return;
        }
        let LinkState::Pending {
            request: pending,
            deliver,
        } = self.share.link
        else {
            return;
        };
        if pending != request {
            return; // the user moved on; do not surprise them with a copy
        }
        match result {
            Ok((links, connection)) => {
                if !recorded {
                    self.record_links(&connection, &links);
                }
                let note = self.deliver(ctx, &links, deliver);
                self.share.link = LinkState::Ready {
                    links,
                    deliver,
                    note,
                    made_at: Instant::now(),
                };
            }
            Err(error) => {
                self.share.link = LinkState::Failed {
                    missing: matches!(error, Error::NoSuchKey { .. }),
                    message: error.to_string(),
                };
            }
        }
    }

    /// New copies that can be taken back (for the share panel, or "Make a new link" of a
    /// copy in history). They are recorded in history whatever happens next: they exist
    /// in the bucket, so they must be there to be taken back and cleaned up.
    pub(crate) fn copies_ready(
        &mut self,
        ctx: &egui::Context,
        request: RequestId,
        result: s3share_core::Result<(Vec<ShareCopy>, String)>,
    ) {
        let result = result.map(|(copies, connection)| {
            self.record_copies(&connection, &copies);
            let links: Vec<ShareLink> = copies.into_iter().map(|c| c.link).collect();
            (links, connection)
        });
        self.links_made(ctx, request, result, true);
    }

    /// "Share as one link": a page of the selected files (sizes known from the listing),
    /// or of the selected folder and its folders, made by the backend.
    fn share_as_page(&mut self, ctx: &egui::Context) {
        let expiry = match self.remembered.share.expiry() {
            Ok(expiry) => expiry,
            Err(why) => {
                self.toast = Some(Toast::new(ctx, why, false));
                return;
            }
        };
        let Some(bucket) = self.browser.bucket.clone() else {
            return;
        };
        let rows = self.browser.selected_files();
        let source = if rows.len() > 1 {
            PageSource::Files {
                bucket,
                files: rows
                    .into_iter()
                    .map(|row| PageFile {
                        key: row.key,
                        size: row.size,
                    })
                    .collect(),
            }
        } else if let Some(folder) = self.share.folder.clone() {
            PageSource::Folder {
                folder,
                recursive: true,
            }
        } else {
            return;
        };
        let request = RequestId::new();
        self.share.page = PageState::Pending { request };
        if !self.backend.send(Command::MakePage {
            request,
            source,
            expiry,
        }) {
            self.share.page = PageState::Failed(tr!("share-busy"));
        }
    }

    /// The page the backend made: to the clipboard and the history, if it is still the
    /// one the panel waits for (another selection drops it).
    pub(crate) fn page_ready(
        &mut self,
        ctx: &egui::Context,
        request: RequestId,
        result: s3share_core::Result<(Box<FilesPage>, String)>,
    ) {
        if !matches!(self.share.page, PageState::Pending { request: pending } if pending == request)
        {
            return;
        }
        match result {
            Ok((page, connection)) => {
                self.record_page(&connection, &page);
                self.clipboard.copy(ctx, page.link.url.clone());
                let text = page_copied_text(page.files, &until_text(&page.link));
                self.toast = Some(Toast::new(
                    ctx,
                    text.trim_start_matches("✔ ").to_owned(),
                    true,
                ));
                self.share.page = PageState::Ready {
                    files: page.files,
                    link: Box::new(page.link),
                };
            }
            Err(error) => self.share.page = PageState::Failed(error.to_string()),
        }
    }

    /// Hands the links over; returns a note when it went differently than asked.
    fn deliver(
        &mut self,
        ctx: &egui::Context,
        links: &[ShareLink],
        deliver: Deliver,
    ) -> Option<String> {
        match deliver {
            Deliver::Link => {
                let text = match links {
                    [one] => one.url.clone(),
                    many => s3share_core::message::plain_text(many),
                };
                self.clipboard.copy(ctx, text);
                let toast = match links {
                    [one] => copied_text(one),
                    many => tr!("share-links-copied-toast", count = many.len()),
                };
                self.toast = Some(Toast::new(ctx, toast, true));
                None
            }
            Deliver::ForEmail => {
                let rich = self.copy_for_email(ctx, links);
                self.toast = Some(Toast::new(ctx, tr!("share-copied-for-email-toast"), true));
                (!rich).then(|| tr!("share-plain-only"))
            }
            // Starting a program can wait on the desktop: the backend does it and answers
            // with `Event::MailOpened` (see `mail_opened`).
            Deliver::Email => {
                let request = RequestId::new();
                let links_for_mail = links.to_vec();
                if self.backend.send(Command::OpenMail {
                    request,
                    links: links_for_mail,
                }) {
                    self.share.mail = Some(request);
                    None
                } else {
                    self.copy_for_email(ctx, links);
                    Some(tr!("share-mail-busy"))
                }
            }
            Deliver::Qr => {
                if let Some(link) = links.first() {
                    self.share.show_qr(link);
                }
                None
            }
        }
    }

    /// HTML with a plain-text alternative on the clipboard; false when only the text went.
    fn copy_for_email(&self, ctx: &egui::Context, links: &[ShareLink]) -> bool {
        let html = s3share_core::message::html(links);
        let text = s3share_core::message::plain_text(links);
        self.clipboard.copy_html(ctx, html, text)
    }

    /// The mail program's answer: when it did not open, the message goes on the clipboard
    /// and the panel says so beside the buttons. Answers for links no longer shown are
    /// dropped (the panel waits for nothing else).
    pub(crate) fn mail_opened(
        &mut self,
        ctx: &egui::Context,
        request: RequestId,
        outcome: MailOutcome,
    ) {
        if self.share.mail_answered(request, outcome)
            && let LinkState::Ready { links, .. } = &self.share.link
        {
            let links = links.clone();
            self.copy_for_email(ctx, &links);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::phone_warning;

    #[test]
    fn ended_links_say_ended_once_and_count_right() {
        let at: chrono::DateTime<chrono::Utc> = "2026-11-28T17:41:00Z".parse().unwrap();
        let one = super::links_ended_text(1, at);
        assert!(
            one.starts_with("This link has ended: it worked until "),
            "{one}"
        );
        let three = super::links_ended_text(3, at);
        assert!(
            three.starts_with("These 3 links have ended: they worked until "),
            "{three}"
        );
        for text in [one, three, super::page_ended_text(2, at)] {
            assert_eq!(text.matches("ended").count(), 1, "{text}");
            assert!(!text.contains('✔'), "{text}");
        }
    }

    #[test]
    fn links_to_this_computer_warn_that_a_phone_cannot_open_them() {
        for url in [
            "http://127.0.0.1:9000/demo/a.pdf?X-Amz-Signature=00",
            "http://localhost:9000/demo/a.pdf",
            "http://[::1]:9000/demo/a.pdf",
        ] {
            let warning = phone_warning(url).unwrap_or_default();
            assert!(
                warning.contains("a phone (or anyone else) cannot open it"),
                "{url}"
            );
            assert!(!warning.contains("127.0.0.1"), "no jargon: {warning}");
            assert!(!warning.contains("X-Amz-Signature"), "{warning}");
        }
        assert!(phone_warning("https://bucket.s3.eu-west-1.amazonaws.com/a.pdf").is_none());
        assert!(phone_warning("http://192.168.1.20:9000/demo/a.pdf").is_none());
    }
}
