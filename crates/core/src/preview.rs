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
    /// A PDF; `pages` is `None` when it is too big to count here ([`PDF_CAP`]), when
    /// counting could cost more memory than its size says (see [`pdf_pages`]) or its page
    /// tree could not be read; `protected` when it is encrypted and its pages could not be
    /// counted without its password.
    Pdf { pages: Option<u32>, protected: bool },
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
            Preview::Pdf { pages, protected } => f
                .debug_struct("Pdf")
                .field("pages", pages)
                .field("protected", protected)
                .finish(),
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
    /// [`MAX_IMAGE_ALLOC`] to decode (its size as its header says, 0 × 0 when unknown).
    #[error("{}", too_many_pixels(*width, *height))]
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

/// "Too many pixels to preview (60000 × 60000)", without the size when it is not known.
fn too_many_pixels(width: u32, height: u32) -> String {
    if width == 0 || height == 0 {
        crate::tr!("share-preview-too-many-pixels")
    } else {
        crate::tr!(
            "share-preview-too-many-pixels-sized",
            width = width,
            height = height
        )
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

    /// The answer when the bytes of a file of this kind could not be decoded (also when
    /// its decoder failed in an unexpected way).
    pub fn unreadable(self) -> Preview {
        Preview::None {
            reason: NoPreview::Unreadable(self),
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
            PreviewKind::Pdf if size > PDF_CAP => Self::Answer(Preview::Pdf {
                pages: None,
                protected: false,
            }),
            _ => Self::Fetch {
                kind,
                bytes: size.min(kind.cap()),
            },
        }
    }
}

/// What was fetched for a preview: the answer already, or bytes to decode with
/// [`Fetched::decode`] (CPU work: off async workers).
pub enum Fetched {
    Answer(Preview),
    Bytes {
        kind: PreviewKind,
        bytes: Vec<u8>,
        /// The file's whole size, as the answer said (else as listed).
        total: Option<u64>,
    },
}

impl Fetched {
    /// The preview (blocking: decodes pictures, reads a PDF's page tree). A decoder that
    /// fails in an unexpected way (a panic in a dependency) gives the plain "could not be
    /// read" words.
    pub fn decode(self) -> Preview {
        match self {
            Fetched::Answer(preview) => preview,
            Fetched::Bytes { kind, bytes, total } => {
                std::panic::catch_unwind(|| decode(kind, &bytes, total))
                    .unwrap_or_else(|_| kind.unreadable())
            }
        }
    }

    /// The kind fetched, `None` for an answer without a request.
    pub fn kind(&self) -> Option<PreviewKind> {
        match self {
            Fetched::Answer(_) => None,
            Fetched::Bytes { kind, .. } => Some(*kind),
        }
    }
}

impl Session {
    /// A preview of `object` (`size` bytes as listed, its stored type if known):
    /// [`Session::fetch_preview`], then [`Fetched::decode`] on a blocking thread.
    pub async fn preview(
        &self,
        object: &S3Location,
        size: u64,
        content_type: Option<&str>,
    ) -> Result<Preview> {
        let fetched = self.fetch_preview(object, size, content_type).await?;
        let kind = fetched.kind();
        Ok(tokio::task::spawn_blocking(move || fetched.decode())
            .await
            .unwrap_or_else(|_| {
                kind.map_or(
                    Preview::None {
                        reason: NoPreview::Kind,
                    },
                    PreviewKind::unreadable,
                )
            }))
    }

    /// What a preview of `object` needs: one ranged GET of at most the cap of its kind
    /// ([`IMAGE_CAP`], [`TEXT_READ`], [`PDF_CAP`]). Other kinds and files over the cap are
    /// answered without a request.
    pub async fn fetch_preview(
        &self,
        object: &S3Location,
        size: u64,
        content_type: Option<&str>,
    ) -> Result<Fetched> {
        let (kind, wanted) = match PreviewPlan::new(&object.key, size, content_type) {
            PreviewPlan::Answer(preview) => return Ok(Fetched::Answer(preview)),
            PreviewPlan::Fetch { kind, bytes } => (kind, bytes),
        };
        let (bytes, total) = self.fetch_start(object, wanted).await?;
        // A server that says no size: the listing's.
        let total = total.or(Some(size));
        Ok(Fetched::Bytes { kind, bytes, total })
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
        PreviewKind::Pdf if !whole => Preview::Pdf {
            pages: None,
            protected: false,
        },
        PreviewKind::Pdf if !head(bytes).windows(5).any(|w| w == b"%PDF-") => {
            PreviewKind::Pdf.unreadable()
        }
        PreviewKind::Pdf => pdf_pages(bytes),
    }
}

/// Pages are never said to be more than one per this many bytes of the file (a page
/// object takes more): a bigger count is a lie of the file's, and is not shown.
const MIN_PAGE_BYTES: usize = 16;

/// A PDF's page count, read only where that costs no more memory than the file's size.
///
/// A linearized PDF says its page count (`/N`) in its first object: that is read from its
/// first kilobyte. Otherwise lopdf reads the page tree, but only of a PDF whose
/// cross-reference data are plain tables and that has no compressed object streams:
/// lopdf (0.47) decompresses those while reading, each up to 256 MiB and kept in memory,
/// so a hostile 16 MiB file could ask for gigabytes. Their page count is unknown here.
pub fn pdf_pages(bytes: &[u8]) -> Preview {
    let unknown = Preview::Pdf {
        pages: None,
        protected: false,
    };
    let plausible = |n: u64| {
        u32::try_from(n)
            .ok()
            .filter(|&n| n > 0 && n as usize <= bytes.len() / MIN_PAGE_BYTES)
    };
    if let Some(n) = linearized_pages(bytes) {
        return Preview::Pdf {
            pages: plausible(n),
            protected: false,
        };
    }
    if !plain_structure(bytes) {
        return unknown;
    }
    match lopdf::Document::load_metadata_mem(bytes) {
        Ok(meta) => {
            let pages = plausible(u64::from(meta.page_count));
            Preview::Pdf {
                pages,
                protected: pages.is_none() && meta.encrypted,
            }
        }
        Err(e) => {
            tracing::debug!(error = %e, "a PDF's page count could not be read");
            unknown
        }
    }
}

/// The first kilobyte (where a PDF's header and a linearized PDF's first object are).
fn head(bytes: &[u8]) -> &[u8] {
    &bytes[..bytes.len().min(1024)]
}

/// `/N` of a linearization dictionary in the first kilobyte (`<< /Linearized 1 /L 4711 …
/// /N 12 … >>`), when its `/L` is the file's length (else pages were added since).
fn linearized_pages(bytes: &[u8]) -> Option<u64> {
    let head = head(bytes);
    let names = names(head);
    let at = names.iter().position(|(n, _)| n == b"Linearized")?;
    let end = head[names[at].1..]
        .windows(2)
        .position(|w| w == b">>")
        .map_or(head.len(), |p| names[at].1 + p);
    let value = |key: &[u8]| {
        let (_, after) = names[at..]
            .iter()
            .find(|(n, after)| n == key && *after < end)?;
        number(&head[*after..end])
    };
    let length = value(b"L")?;
    (length == bytes.len() as u64)
        .then(|| value(b"N"))
        .flatten()
}

/// The whole number at the start of `bytes` (after white space).
fn number(bytes: &[u8]) -> Option<u64> {
    let start = bytes.iter().position(|b| !is_space(*b))?;
    let rest = &bytes[start..];
    let len = rest
        .iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(rest.len());
    std::str::from_utf8(&rest[..len]).ok()?.parse().ok()
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | 0)
}

/// Every name in `bytes` (`/Name`, `#xx` escapes decoded) and the offset just after it.
/// A name is read no further than letters, digits and escapes, so it is never longer than
/// the name a PDF reader sees there: a name beginning with a word is found whatever it is
/// spelt with.
fn names(bytes: &[u8]) -> Vec<(Vec<u8>, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'/' {
            i += 1;
            continue;
        }
        i += 1;
        let mut name = Vec::new();
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                name.push(b);
                i += 1;
            } else if b == b'#'
                && let Some(hex) = bytes.get(i + 1..i + 3)
                && let Ok(hex) = std::str::from_utf8(hex)
                && let Ok(byte) = u8::from_str_radix(hex, 16)
            {
                name.push(byte);
                i += 3;
            } else {
                break;
            }
        }
        found.push((name, i));
    }
    found
}

/// Whether the PDF has only plain cross-reference tables (every `startxref` and `/Prev`
/// offset points at `xref`) and no compressed object streams or cross-reference streams
/// (no name starting `ObjStm` or `XRef`, however spelt): lopdf then decompresses nothing
/// to count its pages.
fn plain_structure(bytes: &[u8]) -> bool {
    let points_at_xref = |rest: &[u8]| -> bool {
        let start = rest
            .iter()
            .position(|b| !is_space(*b))
            .unwrap_or(rest.len());
        let rest = &rest[start..];
        let len = rest
            .iter()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(rest.len());
        // A reference (`/Prev 12 0 R`, an outline's) is no offset: lopdf does not follow it.
        let after = &rest[len..];
        let after = &after[after
            .iter()
            .position(|b| !is_space(*b))
            .unwrap_or(after.len())..];
        if len > 0 && after.first().is_some_and(u8::is_ascii_digit) {
            return true;
        }
        number(rest)
            .and_then(|offset| bytes.get(usize::try_from(offset).ok()?..))
            .is_some_and(|at| at.starts_with(b"xref"))
    };
    for (name, after) in names(bytes) {
        if name.starts_with(b"ObjStm") || name.starts_with(b"XRef") {
            return false;
        }
        if name == b"Prev" && !points_at_xref(&bytes[after..]) {
            return false;
        }
    }
    let mut from = 0;
    let mut seen = false;
    while let Some(at) = bytes[from..].windows(9).position(|w| w == b"startxref") {
        let after = from + at + 9;
        if !points_at_xref(&bytes[after..]) {
            return false;
        }
        seen = true;
        from = after;
    }
    seen
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

// The PDF builder is shared with the preview tests of the workspace.
#[cfg(test)]
#[path = "../../../tests/support/pdf.rs"]
mod test_pdf;

#[cfg(test)]
mod tests {
    use super::test_pdf::pdf_of;
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
            PreviewPlan::Answer(Preview::Pdf {
                pages: None,
                protected: false
            })
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
        assert_eq!(
            NoPreview::TooLarge {
                width: 60_000,
                height: 20
            }
            .to_string(),
            "Too many pixels to preview (60000 × 20)"
        );
        // A size its header did not say is not said as "0 × 0".
        assert_eq!(
            NoPreview::TooLarge {
                width: 0,
                height: 0
            }
            .to_string(),
            "Too many pixels to preview"
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
            Preview::Pdf {
                pages: None,
                protected: false
            }
        );
    }

    const PAGES: [&str; 4] = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        "<< /Type /Page /Parent 2 0 R >>",
        "<< /Type /Page /Parent 2 0 R >>",
    ];

    fn pages(bytes: &[u8]) -> Preview {
        decode(PreviewKind::Pdf, bytes, None)
    }

    #[test]
    fn a_plain_pdf_has_its_pages_counted() {
        assert_eq!(
            pages(&pdf_of(&PAGES, "/Root 1 0 R")),
            Preview::Pdf {
                pages: Some(2),
                protected: false
            }
        );
    }

    /// Compressed object streams and cross-reference streams make lopdf decompress (each
    /// up to 256 MiB, kept): such a PDF is not handed to it, however its names are spelt.
    #[test]
    fn a_pdf_with_object_or_xref_streams_is_not_read() {
        let unknown = Preview::Pdf {
            pages: None,
            protected: false,
        };
        let mut with_stream = PAGES.to_vec();
        with_stream.push("<< /Type /ObjStm /N 1 /First 4 /Length 0 >>\nstream\n\nendstream");
        assert_eq!(pages(&pdf_of(&with_stream, "/Root 1 0 R")), unknown);
        let mut spelt = PAGES.to_vec();
        spelt.push("<< /Type /Obj#53t#6d /N 1 /First 4 /Length 0 >>\nstream\n\nendstream");
        assert_eq!(pages(&pdf_of(&spelt, "/Root 1 0 R")), unknown);
        // A hybrid file's trailer points at a cross-reference stream.
        assert_eq!(pages(&pdf_of(&PAGES, "/Root 1 0 R /XRefStm 9")), unknown);
        // startxref (or /Prev) pointing at an object, not a table: a cross-reference stream.
        let mut elsewhere = pdf_of(&PAGES, "/Root 1 0 R");
        let at = elsewhere.len() - b"%%EOF\n".len();
        let tail = String::from_utf8(elsewhere[..at].to_vec()).unwrap();
        let start = tail.rfind("startxref\n").unwrap();
        elsewhere.truncate(start);
        elsewhere.extend_from_slice(b"startxref\n9\n%%EOF\n");
        assert_eq!(pages(&elsewhere), unknown);
        assert_eq!(pages(&pdf_of(&PAGES, "/Root 1 0 R /Prev 9")), unknown);
        // An outline's /Prev is a reference, not an offset.
        let mut outline = PAGES.to_vec();
        outline.push("<< /Title (a) /Prev 3 0 R >>");
        assert_eq!(
            pages(&pdf_of(&outline, "/Root 1 0 R")),
            Preview::Pdf {
                pages: Some(2),
                protected: false
            }
        );
    }

    /// A linearized PDF says its page count in its first object: read from there, when
    /// its length is the file's.
    #[test]
    fn a_linearized_pdf_says_its_pages() {
        let body = "<< /Type /ObjStm >>".repeat(10);
        for (length_right, expected) in [(true, Some(7)), (false, None)] {
            let mut bytes = Vec::new();
            for _ in 0..2 {
                let length = if length_right { bytes.len() } else { 3 };
                bytes = format!(
                    "%PDF-1.5\n1 0 obj\n<< /Linearized 1 /L {length:06} /N 7 /T 9 >>\nendobj\n{body}"
                )
                .into_bytes();
            }
            assert_eq!(
                pages(&bytes),
                Preview::Pdf {
                    pages: expected,
                    protected: false
                }
            );
        }
    }

    /// A catalog without pages gives lopdf's page count 0; a /Count the file cannot hold
    /// is a lie: both are "unknown", never "0 pages" or four billion.
    #[test]
    fn no_pages_or_absurd_counts_are_unknown() {
        let unknown = Preview::Pdf {
            pages: None,
            protected: false,
        };
        let mut no_pages = PAGES.to_vec();
        no_pages[0] = "<< /Type /Catalog >>";
        assert_eq!(pages(&pdf_of(&no_pages, "/Root 1 0 R")), unknown);
        let mut lying = PAGES.to_vec();
        lying[1] = "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 4000000000 >>";
        assert_eq!(pages(&pdf_of(&lying, "/Root 1 0 R")), unknown);
        // Kids whose counts add up past u32 (lopdf adds them without a check: a panic in
        // a debug build) give the plain words, not a panic.
        let mut overflow = PAGES.to_vec();
        overflow[1] = "<< /Type /Pages /Kids [3 0 R 4 0 R] >>";
        overflow[2] = "<< /Type /Pages /Kids [] /Count 4294967295 >>";
        overflow[3] = "<< /Type /Pages /Kids [] /Count 4294967295 >>";
        let fetched = Fetched::Bytes {
            kind: PreviewKind::Pdf,
            bytes: pdf_of(&overflow, "/Root 1 0 R"),
            total: None,
        };
        let preview = fetched.decode();
        assert!(
            preview == unknown || preview == PreviewKind::Pdf.unreadable(),
            "{preview:?}"
        );
        assert_eq!(
            pages(b"PK\x03\x04 not a PDF"),
            PreviewKind::Pdf.unreadable()
        );
    }
}
