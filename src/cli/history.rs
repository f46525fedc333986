//! `s3share history`, and recording the links the CLI makes.

use chrono::Utc;

use super::{print_json, print_lines};
use crate::core::history::{History, HistoryEntry};
use crate::core::message::until_text;
use crate::core::preferences::Preferences;
use crate::core::{Result, Session, ShareLink};

/// Records links in the history. A history that cannot be written is worth a warning,
/// not a failed command: the link itself is fine.
pub fn record(session: &Session, links: &[ShareLink]) {
    let keep_url = Preferences::default_path()
        .map(|p| Preferences::load(&p).keep_links_in_history)
        .unwrap_or(true);
    let result = History::default_path().and_then(|path| {
        let history = History::new(path);
        links.iter().try_for_each(|link| {
            history.append(&HistoryEntry::from_link(session.name(), link, keep_url))
        })
    });
    if let Err(e) = result {
        eprintln!("s3share: warning: the link was made but not added to the history: {e}");
    }
}

pub fn show(json: bool) -> Result<()> {
    let entries = History::new(History::default_path()?).load()?;
    if json {
        return print_json(&entries);
    }
    let now = Utc::now();
    let lines: Vec<String> = entries
        .iter()
        .map(|e| {
            let mut state = if e.is_expired(now) {
                "expired".to_owned()
            } else {
                format!("works until {}", until_text(e.expires_at))
            };
            for warning in &e.warnings {
                state.push_str(&format!(" ({})", warning.short()));
            }
            let name = e.filename.as_deref().unwrap_or(&e.key);
            format!(
                "{}\t{}\ts3://{}/{}\t{name}\t{state}",
                e.created_at
                    .with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M"),
                e.connection,
                e.bucket,
                e.key
            )
        })
        .collect();
    print_lines(&lines.iter().map(String::as_str).collect::<Vec<_>>())
}
