//! The backend side of the history view: reading and writing the history file and the
//! preferences (blocking file I/O, run by the backend on a blocking thread).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Utc};

use s3share_core::history::{History, HistoryEntry};
use s3share_core::managed::ManagedFolder;
use s3share_core::preferences::{Preferences, ThemeChoice};

/// Where the history and the preferences live. Cloned into backend commands; one lock
/// keeps two writes from interleaving (the backend runs the window's ops one after the
/// other, in the order asked; the lock also covers "Stop sharing"'s own write).
#[derive(Clone, Debug)]
pub struct HistoryStore {
    pub history: History,
    pub preferences: PathBuf,
    lock: Arc<Mutex<()>>,
}

/// What the backend does with the history file.
#[derive(Clone, Debug)]
pub enum HistoryOp {
    /// Answered on the bus with `Event::HistoryLoaded`.
    Load,
    Append(Vec<HistoryEntry>),
    /// Removes every line equal to one of these (a link and its re-copies).
    Remove(Vec<HistoryEntry>),
    Clear,
    /// View → Theme: only the theme changes in the file (read, changed, written under the
    /// lock), whatever the window has read of the rest so far.
    SaveTheme(ThemeChoice),
    /// The window's language (`None`: the system's); only that key changes in the file.
    SaveLanguage(Option<s3share_core::i18n::Language>),
    /// "Keep the links themselves": only that key changes in the file, like `SaveTheme`.
    SaveKeepLinks(bool),
    /// "Stop sharing" removed this folder at that time.
    MarkTakenBack {
        folder: ManagedFolder,
        at: DateTime<Utc>,
    },
}

impl HistoryStore {
    pub fn new(history: PathBuf, preferences: PathBuf) -> Self {
        Self {
            history: History::new(history),
            preferences,
            lock: Arc::default(),
        }
    }

    /// The user's own files (data and config folders).
    pub fn default_paths() -> Option<Self> {
        Some(Self::new(
            History::default_path().ok()?,
            Preferences::default_path().ok()?,
        ))
    }

    /// `history.jsonl` and `settings.toml` in `dir` (tests).
    pub fn in_dir(dir: &Path) -> Self {
        Self::new(dir.join("history.jsonl"), dir.join("settings.toml"))
    }

    /// Runs `op` (blocking file I/O). `Load` answers with the entries and preferences.
    pub fn run(
        &self,
        op: HistoryOp,
    ) -> s3share_core::Result<Option<(Vec<HistoryEntry>, Preferences)>> {
        let _guard = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        match op {
            HistoryOp::Load => Ok(Some((
                self.history.load()?,
                Preferences::load(&self.preferences),
            ))),
            HistoryOp::Append(entries) => self.history.append_all(&entries).map(|()| None),
            HistoryOp::Remove(entries) => {
                self.history.retain(|e| !entries.contains(e))?;
                Ok(None)
            }
            HistoryOp::Clear => self.history.clear().map(|()| None),
            HistoryOp::SaveKeepLinks(keep) => {
                let mut preferences = Preferences::load(&self.preferences);
                preferences.keep_links_in_history = keep;
                preferences.save(&self.preferences).map(|()| None)
            }
            HistoryOp::SaveLanguage(language) => {
                s3share_core::preferences::save_language(&self.preferences, language).map(|()| None)
            }
            HistoryOp::SaveTheme(theme) => {
                let mut preferences = Preferences::load(&self.preferences);
                preferences.theme = theme;
                preferences.save(&self.preferences).map(|()| None)
            }
            HistoryOp::MarkTakenBack { folder, at } => {
                self.history.mark_taken_back(&folder, at).map(|_| None)
            }
        }
    }
}
