//! `Content-Disposition` values for links (RFC 6266 / RFC 8187) and the content type a
//! browser needs to show a file inline.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use unicode_normalization::UnicodeNormalization;

use super::error::{Error, Result};

/// Longest download name we put in a header, in characters. File systems stop at 255
/// bytes; browsers truncate anyway, but keeping the extension matters.
const MAX_FILE_NAME_CHARS: usize = 180;

/// RFC 8187 `attr-char`: everything else is percent-encoded in `filename*`.
const ATTR_CHAR_ESCAPES: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// How the recipient's browser treats the link.
#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum LinkMode {
    /// Show the file in the browser when it can (PDF, pictures, text).
    #[default]
    Inline,
    /// Always download; `filename` is the name the file is saved under.
    Attachment { filename: Option<String> },
}

impl LinkMode {
    /// The one rule from a "download" choice to a mode, for the window, the CLI and the
    /// history alike: open in the browser unless asked to download; a download is saved as
    /// `filename`, or under the file's own name without one. A name without `download`
    /// is ignored (the window keeps its "Save as" text while "Open in browser" is chosen).
    pub fn from_download(download: bool, filename: Option<String>) -> Self {
        if download {
            LinkMode::Attachment { filename }
        } else {
            LinkMode::Inline
        }
    }

    /// True for a download link.
    pub fn is_download(&self) -> bool {
        matches!(self, LinkMode::Attachment { .. })
    }

    /// "inline" or "attachment", as the history stores it.
    pub fn name(&self) -> &'static str {
        match self {
            LinkMode::Inline => "inline",
            LinkMode::Attachment { .. } => "attachment",
        }
    }

    /// The name a download is saved under, when one was chosen.
    pub fn filename(&self) -> Option<&str> {
        match self {
            LinkMode::Attachment { filename } => filename.as_deref(),
            LinkMode::Inline => None,
        }
    }
}

/// The `response-content-disposition` value for a mode, with the name made safe.
pub fn content_disposition(mode: &LinkMode) -> Result<String> {
    match mode {
        LinkMode::Inline => Ok("inline".to_owned()),
        LinkMode::Attachment { filename: None } => Ok("attachment".to_owned()),
        LinkMode::Attachment {
            filename: Some(name),
        } => Ok(attachment_with_name(&sanitize_file_name(name)?)),
    }
}

/// Removes what must never be in a saved file name or a header: control characters
/// (CR/LF, tab, ...) and path separators. Trims and shortens, keeping the extension.
pub fn sanitize_file_name(name: &str) -> Result<String> {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' => '_',
            // Control characters and bidi overrides ("invoice\u{202E}fdp.exe") never reach
            // the name a browser saves under.
            c if c.is_control() || super::visible::is_hidden(c) => ' ',
            c => c,
        })
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    // Dots and spaces at either end (hidden files, Windows drops trailing ones).
    let cleaned = cleaned
        .trim_matches(|c: char| c == '.' || c.is_whitespace())
        .to_owned();
    if cleaned.is_empty() {
        return Err(Error::invalid(
            "file name",
            "the download name is empty; type a name such as report.pdf",
        ));
    }
    Ok(shorten_keeping_extension(&cleaned, MAX_FILE_NAME_CHARS))
}

fn shorten_keeping_extension(name: &str, max_chars: usize) -> String {
    let count = name.chars().count();
    if count <= max_chars {
        return name.to_owned();
    }
    let (stem, ext) = match name.rfind('.') {
        Some(dot) if name.len() - dot <= 16 && dot > 0 => name.split_at(dot),
        _ => (name, ""),
    };
    let keep = max_chars.saturating_sub(ext.chars().count()).max(1);
    let stem: String = stem.chars().take(keep).collect();
    // Cut mid-name, the end may now be a space or (without an extension) a dot.
    let stem = if ext.is_empty() {
        stem.trim_end_matches(|c: char| c == '.' || c.is_whitespace())
    } else {
        stem.trim_end()
    };
    format!("{stem}{ext}")
}

fn attachment_with_name(name: &str) -> String {
    let fallback = ascii_fallback(name);
    if fallback == name {
        format!("attachment; filename=\"{fallback}\"")
    } else {
        let encoded = utf8_percent_encode(name, ATTR_CHAR_ESCAPES);
        format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
    }
}

/// An ASCII-only stand-in for old clients: accents dropped (é → e), quotes, backslashes
/// and `%` (which some browsers decode) replaced, anything else non-ASCII becomes `_`.
fn ascii_fallback(name: &str) -> String {
    name.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            '"' | '\\' | '%' => '_',
            c if c.is_ascii() && !c.is_ascii_control() => c,
            _ => '_',
        })
        .collect()
}

/// For inline links: the type to announce when the stored one would make the browser
/// download instead of display (generic or missing). `None` keeps the stored type.
pub fn inline_content_type(stored: Option<&str>, key: &str) -> Option<String> {
    let generic = match stored {
        None => true,
        Some(t) => {
            let t = t.trim().to_ascii_lowercase();
            t.is_empty() || t == "application/octet-stream" || t == "binary/octet-stream"
        }
    };
    if !generic {
        return None;
    }
    let guess = mime_guess::from_path(key).first()?;
    if guess.essence_str() == "application/octet-stream" {
        return None;
    }
    Some(with_utf8_charset(guess.essence_str()))
}

/// Text types get `charset=utf-8` so accented text is not shown as mojibake.
pub fn with_utf8_charset(essence: &str) -> String {
    if essence.starts_with("text/") {
        format!("{essence}; charset=utf-8")
    } else {
        essence.to_owned()
    }
}

/// The content type to store for a file, from its name.
pub fn guess_content_type(name: &str) -> String {
    with_utf8_charset(
        mime_guess::from_path(name)
            .first_or_octet_stream()
            .essence_str(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attach(name: &str) -> String {
        content_disposition(&LinkMode::Attachment {
            filename: Some(name.to_owned()),
        })
        .unwrap()
    }

    #[test]
    fn download_choice_makes_the_mode() {
        assert_eq!(LinkMode::from_download(false, None), LinkMode::Inline);
        assert_eq!(
            LinkMode::from_download(false, Some("x.pdf".into())),
            LinkMode::Inline
        );
        assert_eq!(
            LinkMode::from_download(true, None),
            LinkMode::Attachment { filename: None }
        );
        let named = LinkMode::from_download(true, Some("x.pdf".into()));
        assert_eq!(named.filename(), Some("x.pdf"));
        assert!(named.is_download());
        assert_eq!(
            (named.name(), LinkMode::Inline.name()),
            ("attachment", "inline")
        );
    }

    #[test]
    fn inline_and_plain_attachment() {
        assert_eq!(content_disposition(&LinkMode::Inline).unwrap(), "inline");
        assert_eq!(
            content_disposition(&LinkMode::Attachment { filename: None }).unwrap(),
            "attachment"
        );
    }

    #[test]
    fn plain_ascii_name_needs_no_extended_form() {
        assert_eq!(
            attach("report 2026.pdf"),
            "attachment; filename=\"report 2026.pdf\""
        );
    }

    #[test]
    fn quotes_and_backslashes_never_raw() {
        let v = attach("my \"best\" file\\x.txt");
        assert_eq!(
            v,
            "attachment; filename=\"my _best_ file_x.txt\"; filename*=UTF-8''my%20%22best%22%20file_x.txt"
        );
    }

    #[test]
    fn control_characters_are_removed() {
        for name in [
            "a\r\nSet-Cookie: x=y.txt",
            "a\tb.txt",
            "a\u{0}b.txt",
            "a\u{7f}b.txt",
        ] {
            let v = attach(name);
            assert!(!v.chars().any(|c| c.is_control()), "{v:?}");
        }
        assert_eq!(attach("a\r\nb.txt"), "attachment; filename=\"a b.txt\"");
        assert_eq!(attach("a\tb.txt"), "attachment; filename=\"a b.txt\"");
    }

    #[test]
    fn percent_is_encoded_in_extended_form() {
        assert_eq!(
            attach("100%.txt"),
            "attachment; filename=\"100_.txt\"; filename*=UTF-8''100%25.txt"
        );
    }

    #[test]
    fn non_ascii_gets_fallback_and_utf8_form() {
        assert_eq!(
            attach("Résumé été.pdf"),
            "attachment; filename=\"Resume ete.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%C3%A9t%C3%A9.pdf"
        );
        let v = attach("報告書 📄.pdf");
        assert!(
            v.starts_with("attachment; filename=\"___ _.pdf\"; filename*=UTF-8''"),
            "{v}"
        );
        assert!(
            v.ends_with("%E5%A0%B1%E5%91%8A%E6%9B%B8%20%F0%9F%93%84.pdf"),
            "{v}"
        );
    }

    #[test]
    fn path_separators_and_empty_names() {
        assert_eq!(
            attach("../etc/passwd"),
            "attachment; filename=\"_etc_passwd\""
        );
        for empty in ["", "   ", "\r\n", ".."] {
            let err = content_disposition(&LinkMode::Attachment {
                filename: Some(empty.to_owned()),
            })
            .unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::InvalidInput {
                        field: "file name",
                        ..
                    }
                ),
                "{empty:?}"
            );
        }
    }

    #[test]
    fn very_long_names_keep_their_extension() {
        let long = format!("{}.pdf", "ä".repeat(1000));
        let clean = sanitize_file_name(&long).unwrap();
        assert_eq!(clean.chars().count(), MAX_FILE_NAME_CHARS);
        assert!(clean.ends_with(".pdf"));
        let v = attach(&long);
        assert!(v.len() < 2000, "{}", v.len());
    }

    #[test]
    fn inline_type_only_when_generic() {
        assert_eq!(inline_content_type(Some("image/jpeg"), "a.pdf"), None);
        assert_eq!(
            inline_content_type(Some("binary/octet-stream"), "a.PDF").as_deref(),
            Some("application/pdf")
        );
        assert_eq!(
            inline_content_type(None, "notes.txt").as_deref(),
            Some("text/plain; charset=utf-8")
        );
        assert_eq!(
            inline_content_type(Some("application/octet-stream"), "blob"),
            None
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// A minimal RFC 6266 reader, the way a browser reads the header: the type, then
        /// `name=token` or `name="quoted \" string"` parameters; `filename*` (RFC 8187,
        /// `UTF-8''percent-encoded`) wins over `filename`.
        fn file_name_from_header(value: &str) -> Option<String> {
            let (kind, mut rest) = value.split_once(';').unwrap_or((value, ""));
            assert_eq!(kind.trim(), "attachment");
            let mut plain = None;
            let mut extended = None;
            loop {
                rest = rest.trim_start();
                if rest.is_empty() {
                    break;
                }
                let (name, after) = rest.split_once('=')?;
                let (param, after) = if let Some(quoted) = after.strip_prefix('"') {
                    let mut text = String::new();
                    let mut chars = quoted.char_indices();
                    let end = loop {
                        match chars.next()? {
                            (_, '\\') => text.push(chars.next()?.1),
                            (i, '"') => break i + 1,
                            (_, c) => text.push(c),
                        }
                    };
                    (text, &quoted[end..])
                } else {
                    let end = after.find(';').unwrap_or(after.len());
                    (after[..end].trim().to_owned(), &after[end..])
                };
                match name.trim().to_ascii_lowercase().as_str() {
                    "filename" => plain = Some(param),
                    "filename*" => {
                        let encoded = param.strip_prefix("UTF-8''")?;
                        let bytes =
                            percent_encoding::percent_decode_str(encoded).collect::<Vec<u8>>();
                        extended = Some(String::from_utf8(bytes).ok()?);
                    }
                    _ => {}
                }
                rest = after.trim_start().strip_prefix(';').unwrap_or(after);
                if rest.len() == after.len() && !after.trim().is_empty() {
                    return None;
                }
            }
            extended.or(plain)
        }

        fn any_name() -> impl Strategy<Value = String> {
            prop_oneof![
                any::<String>(),
                // Names people and attackers actually use.
                "[a-zA-Z0-9 ._/\"\\\\%;=*'()\r\n\t\u{0}\u{7f}\u{85}\u{202e}éü報📄-]{0,40}",
                "\\PC{0,300}",
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4000))]

            #[test]
            fn any_name_gives_a_safe_header_that_names_the_file(name in any_name()) {
                let mode = LinkMode::Attachment { filename: Some(name.clone()) };
                match content_disposition(&mode) {
                    Ok(value) => {
                        prop_assert!(!value.chars().any(|c| c.is_control()), "{:?}", value);
                        prop_assert!(value.is_ascii(), "{:?}", value);
                        prop_assert!(http::HeaderValue::from_str(&value).is_ok(), "{:?}", value);
                        let sanitized = sanitize_file_name(&name).unwrap();
                        prop_assert_eq!(file_name_from_header(&value), Some(sanitized.clone()), "{:?}", value);
                        prop_assert!(sanitized.chars().count() <= MAX_FILE_NAME_CHARS);
                        prop_assert!(!sanitized.contains(['/', '\\']));
                        prop_assert!(!sanitized.chars().any(char::is_control));
                    }
                    Err(e) => {
                        prop_assert!(matches!(e, Error::InvalidInput { field: "file name", .. }), "{:?}", e);
                        prop_assert!(!name.chars().any(|c| c.is_alphanumeric()), "{:?} refused", name);
                    }
                }
            }

            #[test]
            fn sanitizing_is_stable(name in any_name()) {
                if let Ok(once) = sanitize_file_name(&name) {
                    prop_assert_eq!(sanitize_file_name(&once).unwrap(), once);
                }
            }

            #[test]
            fn inline_types_never_panic(stored in proptest::option::of(any::<String>()), key in any::<String>()) {
                if let Some(t) = inline_content_type(stored.as_deref(), &key) {
                    prop_assert!(http::HeaderValue::from_str(&t).is_ok(), "{:?}", t);
                }
                prop_assert!(http::HeaderValue::from_str(&guess_content_type(&key)).is_ok());
            }
        }
    }
}
