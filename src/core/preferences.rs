//! User preferences shared by the window and the CLI (`<config dir>/settings.toml`).

use std::path::{Path, PathBuf};

use super::error::{Error, Result};

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Keep the URLs themselves in the history (else only what was shared and until when).
    pub keep_links_in_history: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            keep_links_in_history: true,
        }
    }
}

impl Preferences {
    pub fn default_path() -> Result<PathBuf> {
        directories::ProjectDirs::from("", "", "s3share")
            .map(|d| d.config_dir().join("settings.toml"))
            .ok_or_else(|| Error::invalid("home folder", "no home folder to keep settings in"))
    }

    /// A missing or unreadable file gives the defaults (preferences are never worth failing over).
    pub fn load(path: &Path) -> Self {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|text| toml::from_str(&text).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        let io = |source| Error::ConfigFile {
            path: path.to_owned(),
            source,
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let text = toml::to_string_pretty(self).map_err(|e| io(std::io::Error::other(e)))?;
        std::fs::write(path, text).map_err(io)
    }
}
