//! What the window remembers between runs (eframe storage), read and edited in place.

use crate::browser;
use crate::history::HistorySort;
use crate::share_panel::ShareSettings;

/// What the window remembers between runs (eframe storage). Never a secret.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Remembered {
    /// Name of the connection the bucket and folder belong to.
    pub connection: Option<String>,
    pub bucket: Option<String>,
    pub folder: String,
    pub share: ShareSettings,
    pub sort: browser::Sort,
    /// "After upload, copy the link" (on by default); the menu's checkbox edits it here.
    pub copy_link_after_upload: bool,
    /// View → "Show s3share's own files" (its `.s3share/` folders); off by default.
    pub show_own_files: bool,
    /// The history's "Sort" and "Only links still working", as last left.
    pub history_sort: HistorySort,
    pub history_only_working: bool,
    /// The negated setting of earlier versions, read once so a user's "off" stays off.
    #[serde(skip_serializing)]
    no_link_after_upload: Option<bool>,
}

impl Default for Remembered {
    fn default() -> Self {
        Self {
            connection: None,
            bucket: None,
            folder: String::new(),
            share: ShareSettings::default(),
            sort: browser::Sort::default(),
            copy_link_after_upload: true,
            show_own_files: false,
            history_sort: HistorySort::default(),
            history_only_working: false,
            no_link_after_upload: None,
        }
    }
}

impl Remembered {
    /// Settings as stored by this or an earlier version.
    pub(crate) fn migrated(mut self) -> Self {
        if let Some(off) = self.no_link_after_upload.take() {
            self.copy_link_after_upload = !off;
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::Remembered;

    #[test]
    fn copy_link_after_upload_is_on_by_default_and_an_earlier_off_stays_off() {
        assert!(Remembered::default().copy_link_after_upload);
        let earlier: Remembered = toml::from_str("no_link_after_upload = true").unwrap();
        assert!(!earlier.migrated().copy_link_after_upload);
        let written = toml::to_string(&Remembered::default()).unwrap();
        assert!(
            written.contains("copy_link_after_upload = true"),
            "{written}"
        );
        assert!(!written.contains("no_link"), "{written}");
    }
}
