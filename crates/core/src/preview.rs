//! A look at a file before it is shared: a small picture, the first lines of a text, a
//! PDF's page count — or plain words saying why there is none.
//!
//! Nothing is fetched for other kinds of file, and what is fetched is bounded: one GET
//! with a `Range` that asks for at most the cap of its kind, and the body is read no
//! further than that cap even if a server ignores the range. Decoding runs on a blocking
//! thread (never on an async worker, never on a window's thread), and pictures are decoded
//! under [`image::Limits`], so a small file that claims to be a huge picture (a
//! decompression bomb) is refused before anything is allocated for it.

use std::io::Cursor;

use crate::client::Session;
use crate::error::{Error, Result};
use crate::i18n::locale_format::human_size;
use crate::location::S3Location;
use crate::visible::visible;

/// Pictures up to this size are fetched whole and decoded. A phone photo is 3–12 MB; 20 MB
/// leaves room for big PNGs while keeping a preview to a few seconds on a slow line and a
/// bounded amount of memory. Bigger pictures get no preview ("Too big to preview").
pub const IMAGE_CAP: u64 = 20 * 1024 * 1024;

/// Bytes read from the start of a text file, whatever its size: 64 KiB holds far more
/// than the [`TEXT_LINES`] lines shown, so a 2 GB log costs one small request.
pub const TEXT_READ: u64 = 64 * 1024;

/// Lines of a text file shown, and characters of each (longer lines end in "…").
pub const TEXT_LINES: usize = 40;
pub const TEXT_LINE_CHARS: usize = 200;

/// PDFs up to this size are fetched whole to count their pages: a PDF's page tree can
/// be anywhere in the file (its cross-reference table is at the end and points into the
/// middle), so the count needs all of it. Above the cap the page count is said to be
/// unknown instead of downloading the whole document.
pub const PDF_CAP: u64 = 16 * 1024 * 1024;

/// Pictures wider or taller than this are not decoded (no screen needs more for a
/// thumbnail, and it bounds the memory a decoder may ask for).
pub const MAX_IMAGE_SIDE: u32 = 16_384;

/// The most memory a picture's decoder may use: 256 MiB is an 8192 × 8192 RGBA picture.
/// A file claiming more is refused before decoding (a decompression bomb).
pub const MAX_IMAGE_ALLOC: u64 = 256 * 1024 * 1024;

/// The largest side of the thumbnail sent to the window (the panel is at most ~480
/// points wide; twice that for high-density screens).
pub const THUMBNAIL_SIDE: u32 = 960;

/// What a file looks like, as far as a preview goes.
#[derive(Clone, PartialEq, Eq)]
pub enum Preview {
    /// A thumbnail (RGBA, 8 bits a channel, `width` × `height`, at most
    /// [`THUMBNAIL_SIDE`] a side) of a picture of `full_width` × `full_height`.
    Image {
        rgba: Vec<u8>,
        width: u32,
        height: u32,
        full_width: u32,
        full_height: u32,
    },
    /// The first lines of a text, control and bidi characters made visible (tabs become
    /// spaces); `truncated` when there is more than what is shown.
    Text { lines: Vec<String>, truncated: bool },
    /// A PDF; `pages` is `None` when it is too big to count here ([`PDF_CAP`]) or its
    /// page tree could not be read (e.g. an encrypted PDF).
    Pdf { pages: Option<u32> },
    /// No preview, and why.
    None { reason: NoPreview },
}

impl std::fmt::Debug for Preview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Preview::Image {
                rgba,
                width,
                height,
                full_width,
                full_height,
            } => f
                .debug_struct("Image")
                .field("bytes", &rgba.len())
                .field("width", width)
                .field("height", height)
                .field("full_width", full_width)
                .field("full_height", full_height)
                .finish(),
            Preview::Text { lines, truncated } => f
                .debug_struct("Text")
                .field("lines", lines)
                .field("truncated", truncated)
                .finish(),
            Preview::Pdf { pages } => f.debug_struct("Pdf").field("pages", pages).finish(),
            Preview::None { reason } => f.debug_struct("None").field("reason", reason).finish(),
        }
    }
}

/// Why a file has no preview. `Display` is the sentence shown in its place.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NoPreview {
    /// Not a picture, text or PDF: nothing is downloaded.
    #[error("{}", crate::tr!("share-preview-kind"))]
    Kind,
    /// Over the cap of its kind: nothing is downloaded.
    #[error("{}", crate::tr!("share-preview-too-big", size = human_size(*size)))]
    TooBig { size: u64 },
    #[error("{}", crate::tr!("share-preview-empty"))]
    Empty,
    /// The file is not the size it was listed with.
    #[error("{}", crate::tr!("share-preview-changed"))]
    Changed,
    /// The picture is larger than [`MAX_IMAGE_SIDE`] or would need more than
    /// [`MAX_IMAGE_ALLOC`] to decode.
    #[error("{}", crate::tr!("share-preview-too-large", width = *width, height = *height))]
    TooLarge { width: u32, height: u32 },
    /// The bytes are not what the file's type says (a damaged or mislabelled file).
    #[error("{}", unreadable(*.0))]
    Unreadable(PreviewKind),
}

/// "No preview: the file could not be read as a picture".
fn unreadable(kind: PreviewKind) -> String {
    match kind {
        PreviewKind::Image => crate::tr!("share-preview-unreadable-picture"),
        PreviewKind::Text => crate::tr!("share-preview-unreadable-text"),
        PreviewKind::Pdf => crate::tr!("share-preview-unreadable-pdf"),
    }
}

/// The kinds of file that get a preview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PreviewKind {
    Image,
    Text,
    Pdf,
}

impl PreviewKind {
    /// The kind of a file from its stored `Content-Type`, else from its name (a
    /// generic stored type such as `application/octet-stream` counts as none).
    pub fn of(key: &str, content_type: Option<&str>) -> Option<Self> {
        let stored = content_type
            .map(|t| {
                t.split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase()
            })
            .filter(|t| {
                !t.is_empty() && t != "application/octet-stream" && t != "binary/octet-stream"
            });
        let essence = match stored {
            Some(t) => t,
            None => mime_guess::from_path(key)
                .first()?
                .essence_str()
                .to_ascii_lowercase(),
        };
        Self::of_type(&essence)
    }

    fn of_type(essence: &str) -> Option<Self> {
        match essence {
            "image/png" | "image/apng" | "image/jpeg" | "image/jpg" | "image/pjpeg"
            | "image/gif" | "image/webp" => Some(Self::Image),
            "application/pdf" | "application/x-pdf" => Some(Self::Pdf),
            t if t.starts_with("text/") => Some(Self::Text),
            "application/json"
            | "application/ld+json"
            | "application/xml"
            | "application/javascript"
            | "application/x-javascript"
            | "application/ecmascript"
            | "application/toml"
            | "application/yaml"
            | "application/x-yaml"
            | "application/x-sh"
            | "application/x-python"
            | "application/sql"
            | "application/rtf"
            | "application/x-tex"
            | "application/xhtml+xml"
            | "image/svg+xml" => Some(Self::Text),
            t if t.ends_with("+json") || t.ends_with("+xml") => Some(Self::Text),
            _ => None,
        }
    }

    /// How many bytes of a file of this kind are fetched (at most), and whether a file
    /// bigger than that is previewed from its start (text) or not at all.
    fn cap(self) -> u64 {
        match self {
            Self::Image => IMAGE_CAP,
            Self::Text => TEXT_READ,
            Self::Pdf => PDF_CAP,
        }
    }
}

/// What [`Session::preview`] does for a file, decided before anything is fetched: the
/// range it asks for (`bytes=0-{fetch - 1}`), or the answer without a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PreviewPlan {
    Fetch { kind: PreviewKind, bytes: u64 },
    Answer(Preview),
}

impl PreviewPlan {
    pub fn new(key: &str, size: u64, content_type: Option<&str>) -> Self {
        let Some(kind) = PreviewKind::of(key, content_type) else {
            return Self::Answer(Preview::None {
                reason: NoPreview::Kind,
            });
        };
        if size == 0 {
            return Self::Answer(Preview::None {
                reason: NoPreview::Empty,
            });
        }
        match kind {
            PreviewKind::Image if size > IMAGE_CAP => Self::Answer(Preview::None {
                reason: NoPreview::TooBig { size },
            }),
            PreviewKind::Pdf if size > PDF_CAP => Self::Answer(Preview::Pdf { pages: None }),
            _ => Self::Fetch {
                kind,
                bytes: size.min(kind.cap()),
            },
        }
    }
}

impl Session {
    /// A preview of `object` (`size` bytes as listed, its stored type if known): one
    /// ranged GET of at most the cap of its kind ([`IMAGE_CAP`], [`TEXT_READ`],
    /// [`PDF_CAP`]), decoded on a blocking thread. Other kinds and files over the cap
    /// are answered without a request.
    pub async fn preview(
        &self,
        object: &S3Location,
        size: u64,
        content_type: Option<&str>,
    ) -> Result<Preview> {
        let (kind, wanted) = match PreviewPlan::new(&object.key, size, content_type) {
            PreviewPlan::Answer(preview) => return Ok(preview),
            PreviewPlan::Fetch { kind, bytes } => (kind, bytes),
        };
        let (bytes, total) = self.fetch_start(object, wanted).await?;
        tokio::task::spawn_blocking(move || decode(kind, &bytes, total))
            .await
            .map_err(|e| Error::invalid("preview", e.to_string()))
    }

    /// The first `wanted` bytes of `object` (`wanted` ≥ 1), and its whole size when the
    /// answer says it. Reads no further than `wanted` even if the range is ignored.
    async fn fetch_start(
        &self,
        object: &S3Location,
        wanted: u64,
    ) -> Result<(Vec<u8>, Option<u64>)> {
        let subject = self.subject(Some(&object.bucket), Some(&object.key));
        let client = self.client_for(&object.bucket).await?;
        let answer = client
            .get_object()
            .bucket(&object.bucket)
            .key(&object.key)
            .range(format!("bytes=0-{}", wanted - 1))
            .send()
            .await
            .map_err(|e| crate::s3_error::from_sdk(e, subject))?;
        // "bytes 0-99/1234": the size now (the file may have changed since it was listed).
        let total = answer
            .content_range
            .as_deref()
            .and_then(|r| r.rsplit('/').next())
            .and_then(|t| t.parse().ok())
            .or_else(|| answer.content_length.and_then(|l| u64::try_from(l).ok()));
        let limit = usize::try_from(wanted).unwrap_or(usize::MAX);
        let mut bytes = Vec::with_capacity(limit.min(1024 * 1024));
        let mut body = answer.body;
        while bytes.len() < limit {
            let chunk = body.try_next().await.map_err(|_| Error::Network {
                endpoint: self.endpoint_label().to_owned(),
            })?;
            let Some(chunk) = chunk else { break };
            let room = limit - bytes.len();
            bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
        }
        Ok((bytes, total))
    }
}

/// Turns the first bytes of a file into its preview (CPU work: call it off async workers).
/// `total` is the file's whole size when known.
pub fn decode(kind: PreviewKind, bytes: &[u8], total: Option<u64>) -> Preview {
    if bytes.is_empty() {
        return Preview::None {
            reason: NoPreview::Empty,
        };
    }
    let whole = total.is_none_or(|t| t <= bytes.len() as u64);
    // Only part of a picture or PDF arrived: over the cap, or the file grew since it was
    // listed (and the range asked for the listed size).
    let size = total.unwrap_or_default();
    match kind {
        PreviewKind::Image | PreviewKind::Pdf if !whole && size <= kind.cap() => Preview::None {
            reason: NoPreview::Changed,
        },
        PreviewKind::Image if !whole => Preview::None {
            reason: NoPreview::TooBig { size },
        },
        PreviewKind::Image => decode_image(bytes),
        PreviewKind::Text => decode_text(bytes, !whole),
        PreviewKind::Pdf if !whole => Preview::Pdf { pages: None },
        PreviewKind::Pdf => match lopdf::Document::load_metadata_mem(bytes) {
            Ok(meta) => Preview::Pdf {
                pages: Some(meta.page_count),
            },
            Err(e) if bytes.starts_with(b"%PDF-") => {
                tracing::debug!(error = %e, "a PDF's page count could not be read");
                Preview::Pdf { pages: None }
            }
            Err(_) => Preview::None {
                reason: NoPreview::Unreadable(PreviewKind::Pdf),
            },
        },
    }
}

/// The formats decoded (the `image` crate may know others through other crates' features;
/// those are not previewed).
const PICTURES: [image::ImageFormat; 4] = [
    image::ImageFormat::Png,
    image::ImageFormat::Jpeg,
    image::ImageFormat::Gif,
    image::ImageFormat::WebP,
];

fn decode_image(bytes: &[u8]) -> Preview {
    let unreadable = Preview::None {
        reason: NoPreview::Unreadable(PreviewKind::Image),
    };
    let Ok(reader) = image::ImageReader::new(Cursor::new(bytes)).with_guessed_format() else {
        return unreadable;
    };
    if !reader.format().is_some_and(|f| PICTURES.contains(&f)) {
        return unreadable;
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(MAX_IMAGE_ALLOC);
    let mut reader = reader;
    reader.limits(limits);
    let picture = match reader.decode() {
        Ok(picture) => picture,
        Err(image::ImageError::Limits(_)) => {
            // Say how big it claims to be, read from its header alone.
            let size = image::ImageReader::new(Cursor::new(bytes))
                .with_guessed_format()
                .ok()
                .and_then(|r| r.into_dimensions().ok())
                .unwrap_or_default();
            return Preview::None {
                reason: NoPreview::TooLarge {
                    width: size.0,
                    height: size.1,
                },
            };
        }
        Err(e) => {
            tracing::debug!(error = %e, "a picture could not be decoded");
            return unreadable;
        }
    };
    let (full_width, full_height) = (picture.width(), picture.height());
    let thumbnail = if full_width > THUMBNAIL_SIDE || full_height > THUMBNAIL_SIDE {
        picture.thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE)
    } else {
        picture
    };
    let rgba = thumbnail.into_rgba8();
    Preview::Image {
        width: rgba.width(),
        height: rgba.height(),
        rgba: rgba.into_raw(),
        full_width,
        full_height,
    }
}

/// The first [`TEXT_LINES`] lines of `bytes` as UTF-8 (invalid sequences become U+FFFD; a
/// character cut by the end of a partial read is dropped), each made readable.
/// `more`: the file goes on after `bytes`.
fn decode_text(bytes: &[u8], more: bool) -> Preview {
    let mut bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if more {
        // A multi-byte character cut in two at the end of the range is not an error.
        if let Err(e) = std::str::from_utf8(bytes)
            && e.error_len().is_none()
        {
            bytes = &bytes[..e.valid_up_to()];
        }
    }
    let text = String::from_utf8_lossy(bytes);
    let mut truncated = more;
    let mut lines = Vec::new();
    let mut all = text.split('\n');
    for line in all.by_ref().take(TEXT_LINES) {
        lines.push(shown_line(line, &mut truncated));
    }
    // A last line break ends the text; anything after it is more text.
    if all.next().is_some_and(|rest| !rest.is_empty()) || all.next().is_some() {
        truncated = true;
    }
    if lines.last().is_some_and(String::is_empty) && !truncated {
        lines.pop();
    }
    Preview::Text { lines, truncated }
}

/// One line as shown: its line ending removed, tabs as four spaces, control and bidi
/// characters visible (`\u{1B}`), cut at [`TEXT_LINE_CHARS`] characters.
fn shown_line(line: &str, truncated: &mut bool) -> String {
    let line = line
        .strip_suffix('\r')
        .unwrap_or(line)
        .replace('\t', "    ");
    let shown = visible(&line);
    if shown.chars().count() > TEXT_LINE_CHARS {
        *truncated = true;
        let mut cut: String = shown.chars().take(TEXT_LINE_CHARS).collect();
        cut.push('…');
        cut
    } else {
        shown.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_the_stored_type_else_the_name() {
        assert_eq!(PreviewKind::of("a.png", None), Some(PreviewKind::Image));
        assert_eq!(PreviewKind::of("a.JPG", None), Some(PreviewKind::Image));
        assert_eq!(PreviewKind::of("a.webp", None), Some(PreviewKind::Image));
        assert_eq!(PreviewKind::of("notes.txt", None), Some(PreviewKind::Text));
        assert_eq!(PreviewKind::of("data.json", None), Some(PreviewKind::Text));
        assert_eq!(PreviewKind::of("report.pdf", None), Some(PreviewKind::Pdf));
        assert_eq!(PreviewKind::of("archive.zip", None), None);
        assert_eq!(PreviewKind::of("photo.tiff", None), None);
        assert_eq!(PreviewKind::of("no-extension", None), None);
        // The stored type wins over the name; a generic one does not count.
        assert_eq!(
            PreviewKind::of("blob", Some("image/png")),
            Some(PreviewKind::Image)
        );
        assert_eq!(
            PreviewKind::of("a.txt", Some("application/octet-stream")),
            Some(PreviewKind::Text)
        );
        assert_eq!(
            PreviewKind::of("a.txt", Some("text/plain; charset=utf-8")),
            Some(PreviewKind::Text)
        );
    }

    #[test]
    fn the_plan_fetches_at_most_the_cap() {
        assert_eq!(
            PreviewPlan::new("a.zip", 10, None),
            PreviewPlan::Answer(Preview::None {
                reason: NoPreview::Kind
            })
        );
        assert_eq!(
            PreviewPlan::new("big.png", IMAGE_CAP + 1, None),
            PreviewPlan::Answer(Preview::None {
                reason: NoPreview::TooBig {
                    size: IMAGE_CAP + 1
                }
            })
        );
        assert_eq!(
            PreviewPlan::new("a.png", 1000, None),
            PreviewPlan::Fetch {
                kind: PreviewKind::Image,
                bytes: 1000
            }
        );
        assert_eq!(
            PreviewPlan::new("huge.log", 5_000_000_000, None),
            PreviewPlan::Fetch {
                kind: PreviewKind::Text,
                bytes: TEXT_READ
            }
        );
        assert_eq!(
            PreviewPlan::new("big.pdf", PDF_CAP + 1, None),
            PreviewPlan::Answer(Preview::Pdf { pages: None })
        );
        assert_eq!(
            PreviewPlan::new("empty.txt", 0, None),
            PreviewPlan::Answer(Preview::None {
                reason: NoPreview::Empty
            })
        );
    }

    #[test]
    fn the_sentences_are_plain() {
        assert_eq!(
            NoPreview::Kind.to_string(),
            "No preview for this kind of file"
        );
        assert_eq!(
            NoPreview::TooBig {
                size: 1_200_000_000
            }
            .to_string(),
            format!("Too big to preview ({})", human_size(1_200_000_000))
        );
    }

    fn text(bytes: &[u8], more: bool) -> (Vec<String>, bool) {
        match decode_text(bytes, more) {
            Preview::Text { lines, truncated } => (lines, truncated),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn text_shows_control_and_bidi_characters_and_no_broken_tail() {
        let (lines, truncated) = text(b"one\r\ntwo\x1b[31m\tred\nevil\xE2\x80\xAEfdp.exe\n", false);
        assert_eq!(
            lines,
            ["one", "two\\u{001B}[31m    red", "evil\\u{202E}fdp.exe"]
        );
        assert!(!truncated);
        // "é" cut in two by the end of the range: dropped, not shown as U+FFFD.
        let (lines, truncated) = text(b"caf\xC3", true);
        assert_eq!(lines, ["caf"]);
        assert!(truncated);
        // Invalid UTF-8 inside the text is shown as U+FFFD.
        let (lines, _) = text(b"a\xFFb", false);
        assert_eq!(lines, ["a\u{FFFD}b"]);
    }

    #[test]
    fn text_keeps_the_first_lines_and_says_there_is_more() {
        let many: String = (0..100).map(|i| format!("line {i}\n")).collect();
        let (lines, truncated) = text(many.as_bytes(), false);
        assert_eq!(lines.len(), TEXT_LINES);
        assert_eq!(lines[0], "line 0");
        assert!(truncated);
        let exactly: String = (0..TEXT_LINES).map(|i| format!("line {i}\n")).collect();
        let (lines, truncated) = text(exactly.as_bytes(), false);
        assert_eq!(lines.len(), TEXT_LINES);
        assert!(!truncated);
        let long = "x".repeat(TEXT_LINE_CHARS + 5);
        let (lines, truncated) = text(long.as_bytes(), false);
        assert_eq!(lines[0].chars().count(), TEXT_LINE_CHARS + 1);
        assert!(lines[0].ends_with('…'));
        assert!(truncated);
    }

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbaImage::from_pixel(width, height, image::Rgba([200, 10, 10, 255]));
        let mut out = Cursor::new(Vec::new());
        picture.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn pictures_become_thumbnails() {
        let Preview::Image {
            rgba,
            width,
            height,
            full_width,
            full_height,
        } = decode(PreviewKind::Image, &png(2000, 1000), None)
        else {
            panic!("no picture");
        };
        assert_eq!((full_width, full_height), (2000, 1000));
        assert_eq!((width, height), (THUMBNAIL_SIDE, THUMBNAIL_SIDE / 2));
        assert_eq!(rgba.len(), (width * height * 4) as usize);
        assert_eq!(&rgba[..4], &[200, 10, 10, 255]);
    }

    /// A GIF whose header claims 60 000 × 60 000 pixels (14 GB decoded) is refused from
    /// its header, before anything is allocated for it.
    #[test]
    fn a_decompression_bomb_is_refused() {
        let picture = image::RgbaImage::from_pixel(1, 1, image::Rgba([0, 0, 0, 255]));
        let mut bomb = Cursor::new(Vec::new());
        picture
            .write_to(&mut bomb, image::ImageFormat::Gif)
            .unwrap();
        let mut bomb = bomb.into_inner();
        // The logical screen's width and height (little-endian) follow "GIF89a".
        bomb[6..8].copy_from_slice(&60_000u16.to_le_bytes());
        bomb[8..10].copy_from_slice(&60_000u16.to_le_bytes());
        assert_eq!(
            decode(PreviewKind::Image, &bomb, None),
            Preview::None {
                reason: NoPreview::TooLarge {
                    width: 60_000,
                    height: 60_000
                }
            }
        );
    }

    #[test]
    fn not_a_picture_is_said_plainly() {
        assert_eq!(
            decode(PreviewKind::Image, b"PK\x03\x04 not a picture", None),
            Preview::None {
                reason: NoPreview::Unreadable(PreviewKind::Image)
            }
        );
        // A TIFF may be known to the image crate through other crates' features: not previewed.
        assert_eq!(
            decode(PreviewKind::Image, b"II*\x00\x08\x00\x00\x00", None),
            Preview::None {
                reason: NoPreview::Unreadable(PreviewKind::Image)
            }
        );
    }

    #[test]
    fn a_partial_picture_or_pdf_is_not_decoded() {
        assert_eq!(
            decode(PreviewKind::Image, &png(4, 4), Some(IMAGE_CAP * 2)),
            Preview::None {
                reason: NoPreview::TooBig {
                    size: IMAGE_CAP * 2
                }
            }
        );
        assert_eq!(
            decode(PreviewKind::Pdf, b"%PDF-1.4\n", Some(PDF_CAP * 2)),
            Preview::Pdf { pages: None }
        );
    }
}
