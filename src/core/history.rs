//! The shared-links history: one JSON object per line in `<data dir>/history.jsonl`,
//! readable only by the user (0600). With "keep the links themselves" off, URLs are not
//! stored, only what was shared, when, and until when.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::disposition::LinkMode;
use super::error::{Error, Result};
use super::share::{LinkWarning, ShareLink};

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HistoryEntry {
    pub created_at: DateTime<Utc>,
    pub connection: String,
    pub bucket: String,
    pub key: String,
    /// "inline" or "attachment".
    pub mode: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    pub expires_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// What was said about the link when it was made (e.g. it may stop early).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<LinkWarning>,
}

impl HistoryEntry {
    pub fn from_link(connection: &str, link: &ShareLink, keep_url: bool) -> Self {
        let (mode, filename) = match &link.mode {
            LinkMode::Inline => ("inline", None),
            LinkMode::Attachment { filename } => ("attachment", filename.clone()),
        };
        Self {
            created_at: link.created_at,
            connection: connection.to_owned(),
            bucket: link.object.bucket.clone(),
            key: link.object.key.clone(),
            mode: mode.to_owned(),
            filename,
            expires_at: link.expires_at,
            url: keep_url.then(|| link.url.clone()),
            warnings: link.warnings.clone(),
        }
    }

    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        self.expires_at <= now
    }
}

/// The history file.
#[derive(Clone, Debug)]
pub struct History {
    path: PathBuf,
}

impl History {
    pub fn new(path: PathBuf) -> Self {
        Self { path }
    }

    /// `<data dir>/history.jsonl` (e.g. ~/.local/share/s3share on Linux).
    pub fn default_path() -> Result<PathBuf> {
        directories::ProjectDirs::from("", "", "s3share")
            .map(|d| d.data_dir().join("history.jsonl"))
            .ok_or_else(|| Error::invalid("home folder", "no home folder to keep the history in"))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn io(&self) -> impl Fn(std::io::Error) -> Error + '_ {
        |source| Error::ConfigFile {
            path: self.path.clone(),
            source,
        }
    }

    pub fn append(&self, entry: &HistoryEntry) -> Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(self.io())?;
        }
        let mut file = private_options()
            .append(true)
            .open(&self.path)
            .map_err(self.io())?;
        let line = serde_json::to_string(entry).map_err(|e| self.io()(std::io::Error::other(e)))?;
        writeln!(file, "{line}").map_err(self.io())
    }

    /// Newest first. Lines that cannot be read (a crash mid-write) are skipped.
    pub fn load(&self) -> Result<Vec<HistoryEntry>> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(self.io()(e)),
        };
        let mut entries: Vec<HistoryEntry> = text
            .lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect();
        entries.reverse();
        Ok(entries)
    }

    /// Removes the entries for which `remove` is true; rewrites the file atomically.
    pub fn retain(&self, keep: impl Fn(&HistoryEntry) -> bool) -> Result<()> {
        let mut entries = self.load()?;
        entries.retain(|e| keep(e));
        entries.reverse();
        let tmp = self.path.with_extension("jsonl.tmp");
        {
            let mut file = private_options()
                .truncate(true)
                .open(&tmp)
                .map_err(self.io())?;
            for entry in &entries {
                let line = serde_json::to_string(entry)
                    .map_err(|e| self.io()(std::io::Error::other(e)))?;
                writeln!(file, "{line}").map_err(self.io())?;
            }
        }
        std::fs::rename(&tmp, &self.path).map_err(self.io())
    }

    pub fn clear(&self) -> Result<()> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(self.io()(e)),
        }
    }
}

/// Created readable and writable by the owner only: the file can hold working links.
fn private_options() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: &str, expires_in_secs: i64, url: Option<&str>) -> HistoryEntry {
        HistoryEntry {
            created_at: Utc::now(),
            connection: "Work".to_owned(),
            bucket: "b".to_owned(),
            key: key.to_owned(),
            mode: "inline".to_owned(),
            filename: None,
            expires_at: Utc::now() + chrono::Duration::seconds(expires_in_secs),
            url: url.map(str::to_owned),
            warnings: Vec::new(),
        }
    }

    #[test]
    fn survives_reopening_newest_first_and_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data/history.jsonl");
        History::new(path.clone())
            .append(&entry("old", -10, Some("http://x/old")))
            .unwrap();
        History::new(path.clone())
            .append(&entry("new", 3600, None))
            .unwrap();
        let entries = History::new(path.clone()).load().unwrap();
        assert_eq!(
            entries.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(),
            ["new", "old"]
        );
        assert!(entries[1].is_expired(Utc::now()));
        assert!(!entries[0].is_expired(Utc::now()));
        assert_eq!(entries[0].url, None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let history = History::new(path.clone());
        history.retain(|e| e.key != "old").unwrap();
        assert_eq!(history.load().unwrap().len(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        history.clear().unwrap();
        assert!(history.load().unwrap().is_empty());
    }

    #[test]
    fn warnings_are_kept_and_old_lines_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::new(dir.path().join("history.jsonl"));
        let mut warned = entry("temp", 60, None);
        warned.warnings = vec![LinkWarning::SessionEndUnknown];
        history.append(&warned).unwrap();
        history.append(&entry("plain", 60, None)).unwrap();
        let text = std::fs::read_to_string(history.path()).unwrap();
        assert!(
            text.contains("\"warnings\":[\"session_end_unknown\"]"),
            "{text}"
        );
        assert_eq!(text.matches("warnings").count(), 1, "{text}");
        let entries = history.load().unwrap();
        assert_eq!(entries[0].warnings, []);
        assert_eq!(entries[1].warnings, [LinkWarning::SessionEndUnknown]);
    }

    #[test]
    fn damaged_lines_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        let history = History::new(path.clone());
        history.append(&entry("a", 60, None)).unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"{\"broken\n")
            .unwrap();
        assert_eq!(history.load().unwrap().len(), 1);
    }
}
