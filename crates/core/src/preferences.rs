//! User preferences shared by the window and the CLI (`<config dir>/settings.toml`).
//!
//! The window's language (`language = "de"`; absent: the system's) is in the same file,
//! read and written on its own ([`load_language`], [`save_language`]); each save keeps
//! the other's keys. The CLI ignores it (it stays English).

use std::path::{Path, PathBuf};

use super::error::{Error, Result};
use super::i18n::Language;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Keep the URLs themselves in the history (else only what was shared and until when).
    pub keep_links_in_history: bool,
    /// The window's colours: the system's light or dark setting, or always one of them.
    pub theme: ThemeChoice,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            keep_links_in_history: true,
            theme: ThemeChoice::System,
        }
    }
}

/// Light or dark window (View → Theme); `settings.toml`: `theme = "system"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    /// Follow the system's light/dark setting.
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    /// The menu's words for it.
    pub fn label(self) -> String {
        match self {
            ThemeChoice::System => crate::tr!("window-theme-system"),
            ThemeChoice::Light => crate::tr!("window-theme-light"),
            ThemeChoice::Dark => crate::tr!("window-theme-dark"),
        }
    }
}

impl Preferences {
    pub fn default_path() -> Result<PathBuf> {
        crate::paths::config_file("settings.toml")
    }

    /// A missing file gives the defaults. A file that is there but cannot be read or
    /// understood fails closed: the user may have turned "keep links in history" off, so
    /// links are not kept (everything else keeps its default).
    pub fn load(path: &Path) -> Self {
        let unreadable = |why: &dyn std::fmt::Display| {
            tracing::warn!(
                path = %path.display(),
                error = %why,
                "settings could not be read; links are not kept in the history"
            );
            Self {
                keep_links_in_history: false,
                ..Self::default()
            }
        };
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text).unwrap_or_else(|e| unreadable(&e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Self::default(),
            Err(e) => unreadable(&e),
        }
    }

    /// Writes these keys over the file's, keeping keys it does not know (a newer version's,
    /// or one saved on its own such as the window's language).
    pub fn save(&self, path: &Path) -> Result<()> {
        let io = |source| Error::ConfigFile {
            path: path.to_owned(),
            source,
        };
        let value = toml::Table::try_from(self).map_err(|e| io(std::io::Error::other(e)))?;
        save_keys(path, value)
    }
}

/// The window's language: `Some` when the user chose one, `None` for the system's (also
/// when the file is missing, unreadable, or names a language without a catalogue).
pub fn load_language(path: &Path) -> Option<Language> {
    let text = std::fs::read_to_string(path).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    table.get("language")?.clone().try_into().ok()
}

/// Saves the window's language (`None`: follow the system), keeping the file's other keys.
pub fn save_language(path: &Path, language: Option<Language>) -> Result<()> {
    let mut table = toml::Table::new();
    if let Some(language) = language {
        table.insert("language".to_owned(), language.code().into());
    }
    let mut keys = read_table(path);
    keys.remove("language");
    keys.extend(table);
    write_table(path, &keys)
}

/// The file's keys. A file that is there but cannot be read or understood gives the keys
/// `Preferences::load` falls back to (links not kept), so saving one key never turns
/// "keep links in history" back on by dropping the damaged file's choice.
fn read_table(path: &Path) -> toml::Table {
    let parsed = match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str(&text).ok(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return toml::Table::new(),
        Err(_) => None,
    };
    parsed.unwrap_or_else(|| toml::Table::try_from(Preferences::load(path)).unwrap_or_default())
}

/// Writes `keys` over the file's keys of the same names, keeping the others.
fn save_keys(path: &Path, keys: toml::Table) -> Result<()> {
    let mut table = read_table(path);
    table.extend(keys);
    write_table(path, &table)
}

fn write_table(path: &Path, table: &toml::Table) -> Result<()> {
    let io = |source| Error::ConfigFile {
        path: path.to_owned(),
        source,
    };
    let text = toml::to_string_pretty(table).map_err(|e| io(std::io::Error::other(e)))?;
    crate::paths::write_atomically(path, text.as_bytes()).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_the_language_over_a_damaged_file_keeps_links_off() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        std::fs::write(&path, "keep_links_in_history = fal").unwrap();
        save_language(&path, Some(Language::German)).unwrap();
        assert!(!Preferences::load(&path).keep_links_in_history);
        assert_eq!(load_language(&path), Some(Language::German));
    }

    #[test]
    fn missing_file_keeps_links_and_saved_choice_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config/settings.toml");
        assert!(Preferences::load(&path).keep_links_in_history);
        assert_eq!(Preferences::load(&path).theme, ThemeChoice::System);
        let off = Preferences {
            keep_links_in_history: false,
            theme: ThemeChoice::Light,
        };
        off.save(&path).unwrap();
        assert_eq!(Preferences::load(&path), off);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("theme = \"light\""), "{text}");
    }

    #[test]
    fn saving_keeps_keys_it_does_not_know() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        std::fs::write(&path, "language = \"de\"\ntheme = \"dark\"\n").unwrap();
        Preferences {
            keep_links_in_history: false,
            theme: ThemeChoice::Light,
        }
        .save(&path)
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("language = \"de\""), "{text}");
        assert_eq!(Preferences::load(&path).theme, ThemeChoice::Light);
        assert!(!Preferences::load(&path).keep_links_in_history);
    }

    #[test]
    fn a_file_from_before_themes_follows_the_system() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        std::fs::write(&path, "keep_links_in_history = false\n").unwrap();
        let read = Preferences::load(&path);
        assert!(!read.keep_links_in_history);
        assert_eq!(read.theme, ThemeChoice::System);
        std::fs::write(&path, "theme = \"dark\"\n").unwrap();
        let read = Preferences::load(&path);
        assert!(read.keep_links_in_history);
        assert_eq!(read.theme, ThemeChoice::Dark);
    }

    #[test]
    fn language_is_kept_beside_the_other_settings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config/settings.toml");
        assert_eq!(load_language(&path), None);
        let off = Preferences {
            keep_links_in_history: false,
            theme: ThemeChoice::Dark,
        };
        off.save(&path).unwrap();
        save_language(&path, Some(Language::German)).unwrap();
        assert_eq!(load_language(&path), Some(Language::German));
        assert_eq!(Preferences::load(&path), off);
        // Saving the other settings keeps the language, and back to the system's.
        Preferences::default().save(&path).unwrap();
        assert_eq!(load_language(&path), Some(Language::German));
        save_language(&path, None).unwrap();
        assert_eq!(load_language(&path), None);
        assert_eq!(Preferences::load(&path), Preferences::default());
        std::fs::write(&path, "language = \"tlh\"\n").unwrap();
        assert_eq!(load_language(&path), None);
    }

    #[test]
    fn unreadable_or_damaged_file_fails_closed() {
        let dir = tempfile::tempdir().unwrap();
        let damaged = dir.path().join("damaged.toml");
        std::fs::write(&damaged, "keep_links_in_history = fal").unwrap();
        assert!(!Preferences::load(&damaged).keep_links_in_history);
        let wrong_type = dir.path().join("wrong.toml");
        std::fs::write(&wrong_type, "keep_links_in_history = \"no\"\n").unwrap();
        assert!(!Preferences::load(&wrong_type).keep_links_in_history);
        let not_utf8 = dir.path().join("binary.toml");
        std::fs::write(&not_utf8, [0xff, 0xfe, 0x00]).unwrap();
        assert!(!Preferences::load(&not_utf8).keep_links_in_history);
        // A folder where the file should be: it cannot be read.
        let folder = dir.path().join("folder.toml");
        std::fs::create_dir(&folder).unwrap();
        assert!(!Preferences::load(&folder).keep_links_in_history);
    }
}
