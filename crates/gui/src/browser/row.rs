//! One line of the folder listing, with the names people see and assistive technology reads.

use chrono::{DateTime, Utc};

use s3share_core::visible::visible;

/// One line of the folder listing: a sub-folder or a file.
#[derive(Clone, Debug)]
pub struct Row {
    /// Full key (folders end in `/`).
    pub key: String,
    pub folder: bool,
    pub size: u64,
    pub modified: Option<DateTime<Utc>>,
}

impl Row {
    pub fn folder(prefix: String) -> Self {
        Self {
            key: prefix,
            folder: true,
            size: 0,
            modified: None,
        }
    }

    pub fn file(key: String, size: u64, modified: Option<DateTime<Utc>>) -> Self {
        Self {
            key,
            folder: false,
            size,
            modified,
        }
    }

    /// The last part of the key, without a folder's trailing `/`.
    pub fn name(&self) -> &str {
        let trimmed = self.key.strip_suffix('/').unwrap_or(&self.key);
        trimmed.rsplit('/').next().unwrap_or(trimmed)
    }

    /// The name as shown: control and bidi characters made visible (keys come from
    /// shared buckets; see `core::visible`).
    pub fn shown_name(&self) -> std::borrow::Cow<'_, str> {
        visible(self.name())
    }

    /// What assistive technology (and the tests) call this row.
    pub fn accessible_label(&self) -> String {
        if self.folder {
            format!("{} (folder)", self.shown_name())
        } else {
            self.shown_name().into_owned()
        }
    }

    pub fn icon(&self) -> &'static str {
        if self.folder {
            return "🗀";
        }
        let ext = self
            .name()
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "jpg" | "jpeg" | "png" | "gif" | "webp" | "heic" | "svg" | "bmp" | "tif" | "tiff" => {
                "🖼"
            }
            "mp4" | "mov" | "mkv" | "avi" | "webm" => "🎞",
            "mp3" | "wav" | "flac" | "ogg" | "m4a" => "🎵",
            "zip" | "gz" | "tgz" | "7z" | "rar" | "xz" | "bz2" | "zst" | "tar" => "📦",
            _ => "🗋",
        }
    }
}
