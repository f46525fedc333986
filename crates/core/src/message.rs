//! Email-ready text for one or many links: plain text (raw URLs on their own lines) and
//! HTML (the file name as link text), plus `mailto:` links. File names come from shared
//! buckets: they pass through [`visible`] (no line breaks, no bidi overrides) and, in
//! HTML, are escaped as well.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::share::ShareLink;
use super::visible::visible;
use crate::i18n::locale_format::human_size;
use crate::tr;

/// Mail systems may break lines longer than this (RFC 5322).
pub const MAX_MAIL_LINE: usize = 998;
/// Longest `mailto:` link mail programs reliably accept.
pub const MAX_MAILTO_LEN: usize = 2000;

/// RFC 6068: everything but unreserved characters is percent-encoded in mailto fields.
const MAILTO_ESCAPES: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Until when a link works, as the window and the CLI say it too ("Fri 28 Nov 14:03").
/// The same function as [`crate::format::local_day_time`] under the name callers know.
pub use super::format::local_day_time as until_text;
/// Until when, in mail text: with the time zone ("Fri 4 Dec, 17:36 CET"), in the sender's
/// language (they write to their own contacts).
use crate::i18n::locale_format::local_day_time_zoned as mail_until_text;

/// The file's name as people read it: the download name or the key's last part, with
/// control and bidi characters made visible.
fn display_name(link: &ShareLink) -> String {
    let name = link.mode.filename().unwrap_or(link.object.file_name());
    visible(name).into_owned()
}

fn size_suffix(link: &ShareLink) -> String {
    link.info
        .as_ref()
        .map_or_else(String::new, |i| format!(" ({})", human_size(i.size)))
}

/// Plain text: per file its name and size, the raw URL on its own line, and the end time.
pub fn plain_text(links: &[ShareLink]) -> String {
    let mut text = String::new();
    if links.len() > 1 {
        let files = tr!("files-count", count = links.len());
        text.push_str(&tr!("email-here-are", files = files));
        text.push_str("\n\n");
    }
    for (i, link) in links.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(&format!(
            "{}{}\n{}\n{}\n",
            display_name(link),
            size_suffix(link),
            link.url,
            tr!("email-works-until", time = mail_until_text(link.expires_at))
        ));
    }
    text
}

/// HTML: the file name is the link text; size and end time beside it (maud escapes
/// every value).
pub fn html(links: &[ShareLink]) -> String {
    maud::html! {
        @if links.len() > 1 {
            p { (tr!("email-here-are", files = tr!("files-count", count = links.len()))) }
            "\n"
        }
        @for link in links {
            p {
                a href=(link.url) { (display_name(link)) }
                (size_suffix(link))
                br;
                "\n" (tr!("email-works-until", time = mail_until_text(link.expires_at)))
            }
            "\n"
        }
    }
    .into_string()
}

/// "Shared file: NAME" or "Shared files: A, B and 2 more".
pub fn subject(links: &[ShareLink]) -> String {
    match links {
        [one] => tr!("email-subject-one", name = display_name(one)),
        [a, b] => tr!(
            "email-subject-two",
            first = display_name(a),
            second = display_name(b)
        ),
        [a, rest @ ..] => tr!(
            "email-subject-more",
            first = display_name(a),
            count = rest.len()
        ),
        [] => tr!("email-subject-none"),
    }
}

/// A `mailto:` link with subject and body, or `None` when it would be too long for mail
/// programs (the caller then copies the text instead and says why).
pub fn mailto(links: &[ShareLink]) -> Option<String> {
    let encode = |s: &str| utf8_percent_encode(s, MAILTO_ESCAPES).to_string();
    // Mail bodies use CRLF line ends (RFC 6068 section 5).
    let body = plain_text(links).replace('\n', "\r\n");
    let link = format!(
        "mailto:?subject={}&body={}",
        encode(&subject(links)),
        encode(&body)
    );
    (link.len() <= MAX_MAILTO_LEN).then_some(link)
}

/// True when a URL is too long for one mail line (long session tokens do this).
pub fn url_too_long_for_mail(url: &str) -> bool {
    url.len() > MAX_MAIL_LINE
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ExpiryReason, LinkMode, ObjectInfo, S3Location};
    use chrono::Utc;

    fn link(key: &str, url: &str) -> ShareLink {
        ShareLink {
            url: url.to_owned(),
            object: S3Location::new("bucket", key).unwrap(),
            mode: LinkMode::Inline,
            created_at: Utc::now(),
            expires_at: "2026-11-28T14:03:00Z".parse().unwrap(),
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

    #[test]
    fn plain_text_has_raw_url_on_its_own_line() {
        let text = plain_text(&[link("a/IMG 1.jpg", "http://h/b/a/IMG%201.jpg?X=1&Y=2")]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "IMG 1.jpg (4.2 MB)");
        assert_eq!(lines[1], "http://h/b/a/IMG%201.jpg?X=1&Y=2");
        assert!(lines[2].starts_with("Link works until "));
    }

    #[test]
    fn html_escapes_names_and_urls() {
        let html = html(&[link("<b>&.txt", "http://h/x?a=1&b=2")]);
        assert!(
            html.contains("<a href=\"http://h/x?a=1&amp;b=2\">&lt;b&gt;&amp;.txt</a>"),
            "{html}"
        );
        assert!(html.contains("Link works until"));
    }

    #[test]
    fn several_files_in_one_message() {
        let links = [
            link("a.pdf", "http://h/a"),
            link("b.pdf", "http://h/b"),
            link("c.pdf", "http://h/c"),
        ];
        let text = plain_text(&links);
        assert!(text.starts_with("Here are 3 files:"));
        assert!(text.contains("http://h/a\n") && text.contains("http://h/c\n"));
        assert_eq!(subject(&links), "Shared files: a.pdf and 2 more");
    }

    #[test]
    fn mailto_round_trips_awkward_names() {
        let name = "Q3 & Q4 #1 100% résumé.pdf";
        let links = [link(name, "http://h/k?X-Amz-Signature=ab&x=1")];
        let mailto = mailto(&links).unwrap();
        assert!(!mailto.contains(' ') && !mailto.contains('#'), "{mailto}");
        let query = mailto.strip_prefix("mailto:?").unwrap();
        let fields: std::collections::HashMap<String, String> = query
            .split('&')
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (
                    k.to_owned(),
                    percent_encoding::percent_decode_str(v)
                        .decode_utf8()
                        .unwrap()
                        .into_owned(),
                )
            })
            .collect();
        assert_eq!(fields["subject"], format!("Shared file: {name}"));
        assert_eq!(fields["body"], plain_text(&links).replace('\n', "\r\n"));
    }

    const FORGED: &str = "a\nhttps://evil.example/x\n.pdf";

    #[test]
    fn names_cannot_forge_lines_or_reverse_text() {
        let download = |name: &str| {
            let mut l = link("in/file.pdf", "http://h/k?X-Amz-Signature=ab");
            l.mode = LinkMode::Attachment {
                filename: Some(name.to_owned()),
            };
            l
        };
        for links in [
            vec![link(FORGED, "http://h/k")],
            vec![
                download(FORGED),
                link("docs/y\r\n\u{1b}[2J.pdf", "http://h/z"),
            ],
        ] {
            let text = plain_text(&links);
            assert!(
                !text.lines().any(|l| l.starts_with("https://evil.example")),
                "{text}"
            );
            assert!(!text.contains('\r'), "{text}");
            assert!(!subject(&links).contains('\n'));
            let html = html(&links);
            assert!(!html.contains("\nhttps://evil"), "{html}");
            let decoded = percent_encoding::percent_decode_str(&mailto(&links).unwrap())
                .decode_utf8()
                .unwrap()
                .into_owned();
            assert!(!decoded.contains("\r\nhttps://evil"), "{decoded}");
        }
        let links = [download("invoice\u{202E}fdp.exe")];
        for text in [plain_text(&links), html(&links), subject(&links)] {
            assert!(!text.contains('\u{202E}'), "{text}");
            assert!(text.contains("invoice\\u{202E}fdp.exe"), "{text}");
        }
    }

    /// The HTML with the tags this module writes taken out: anything left that looks like
    /// markup came from a name.
    fn without_own_tags(html: &str) -> String {
        let mut rest = html.to_owned();
        for tag in ["<p>", "</p>", "</a>", "<br>"] {
            rest = rest.replace(tag, "");
        }
        // `<a href="…">`: the URL is escaped, so the first `">` after it ends the tag.
        while let Some(start) = rest.find("<a href=\"") {
            let end = rest[start..]
                .find("\">")
                .map_or(rest.len(), |e| start + e + 2);
            rest.replace_range(start..end, "");
        }
        rest
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn html_never_lets_a_name_through_raw(
            key in "[a-z]{0,3}/?(\\PC|[<>\"'&\n\r\u{1b}\u{202E}])*",
            filename in proptest::option::of("(\\PC|[<>\"'&\n\u{202E}])*"),
        ) {
            let mut l = link(&key, "http://h/k?a=1&X-Amz-Signature=<\">");
            if let Some(name) = filename {
                l.mode = LinkMode::Attachment { filename: Some(name) };
            }
            let html = html(std::slice::from_ref(&l));
            let rest = without_own_tags(&html);
            proptest::prop_assert!(!rest.contains(['<', '>']), "{}", html);
            proptest::prop_assert!(!html.replace('\n', "").chars().any(crate::visible::is_hidden), "{}", html);
        }

        #[test]
        fn plain_text_keeps_one_name_per_line(key in "[a-z]{0,3}/?(\\PC|[\n\r\t\u{1b}\u{202E}\u{2066}\u{85}\u{2028}])*") {
            let text = plain_text(&[link(&key, "http://h/k")]);
            // Name, URL, end time: exactly three lines whatever the name holds.
            proptest::prop_assert_eq!(text.lines().count(), 3, "{}", text);
            proptest::prop_assert_eq!(text.lines().nth(1), Some("http://h/k"));
            proptest::prop_assert!(!text.replace('\n', "").chars().any(crate::visible::is_hidden));
        }

        #[test]
        fn mailto_round_trips(
            keys in proptest::collection::vec("[a-z]{1,3}/(\\PC|[&=?#%+ \n\u{202E}])*", 1..4),
        ) {
            let links: Vec<ShareLink> = keys
                .iter()
                .map(|k| link(k, "http://h/k?X-Amz-Signature=ab&x=1%2F"))
                .collect();
            if let Some(mailto) = mailto(&links) {
                proptest::prop_assert!(mailto.len() <= MAX_MAILTO_LEN);
                let query = mailto.strip_prefix("mailto:?").unwrap();
                let mut fields = std::collections::HashMap::new();
                for kv in query.split('&') {
                    let (k, v) = kv.split_once('=').unwrap();
                    let v = percent_encoding::percent_decode_str(v).decode_utf8().unwrap();
                    fields.insert(k.to_owned(), v.into_owned());
                }
                proptest::prop_assert_eq!(fields.len(), 2);
                proptest::prop_assert_eq!(&fields["subject"], &subject(&links));
                proptest::prop_assert_eq!(&fields["body"], &plain_text(&links).replace('\n', "\r\n"));
            }
        }
    }

    #[test]
    fn too_long_for_mailto_or_mail_lines() {
        let long_url = format!("http://h/k?X-Amz-Security-Token={}", "t".repeat(1200));
        assert!(url_too_long_for_mail(&long_url));
        assert!(mailto(&[link("a.pdf", &long_url), link("b.pdf", &long_url)]).is_none());
        assert!(!url_too_long_for_mail("http://h/k"));
    }
}
