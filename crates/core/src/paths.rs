//! The app's folders and how its files are written: one place for both.
//!
//! Settings live in the config folder (`~/.config/s3share` on Linux), history, open-upload
//! notes and demo storage in the data folder (`~/.local/share/s3share`). Every file the
//! app rewrites is replaced atomically (a private temporary file in the same folder,
//! flushed, then renamed), so a crash or a full disk never leaves half a file, and folders
//! and files are private to the user (0700 / 0600) whatever the umask.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Temporary files of an atomic write are named `.<file>.<random>.tmp` in the file's folder.
pub const TEMP_SUFFIX: &str = ".tmp";

fn project_dirs() -> Result<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "s3share").ok_or_else(|| {
        Error::invalid(
            "home folder",
            "this account has no home folder to keep s3share's settings and history in",
        )
    })
}

/// `<config folder>/<name>`, e.g. `~/.config/s3share/connections.toml`.
pub fn config_file(name: &str) -> Result<PathBuf> {
    Ok(project_dirs()?.config_dir().join(name))
}

/// `<data folder>/<name>`, e.g. `~/.local/share/s3share/history.jsonl`.
pub fn data_path(name: &str) -> Result<PathBuf> {
    Ok(project_dirs()?.data_dir().join(name))
}

/// Read and write for the owner only.
#[cfg(unix)]
pub fn private_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(0o600)
}

/// Creates the missing parts of `dir`, private to the user (0700).
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// The prefix of `target`'s temporary files (see [`is_temporary_of`]).
fn temp_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.")
}

/// Whether `name` (a file name in `target`'s folder) is a temporary file of an atomic
/// write of `target`: a leftover when no write is running.
pub fn is_temporary_of(target: &Path, name: &str) -> bool {
    name.starts_with(&temp_prefix(target)) && name.ends_with(TEMP_SUFFIX)
}

/// Replaces `target` with `contents` atomically: its folder is created (private), the bytes
/// go to a private temporary file beside it, are flushed to disk, and the file is renamed
/// over `target`. On failure the temporary file is removed and `target` is unchanged.
pub fn write_atomically(target: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    create_private_dir(dir)?;
    let prefix = temp_prefix(target);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    builder.permissions(private_permissions());
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    tmp.persist(target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atomic_write_replaces_the_file_privately_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("new/folder/settings.toml");
        write_atomically(&target, b"first").unwrap();
        write_atomically(&target, b"second").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"second");
        let names: Vec<String> = std::fs::read_dir(target.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["settings.toml"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&target), 0o600);
            assert_eq!(mode(target.parent().unwrap()), 0o700);
        }
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("history.jsonl");
        write_atomically(&target, b"kept").unwrap();
        // A folder where the temporary file must go cannot be written into: the rename
        // never happens and the old contents stay.
        let blocker = dir.path().join("blocked");
        std::fs::write(&blocker, b"a file, not a folder").unwrap();
        assert!(write_atomically(&blocker.join("x.toml"), b"lost?").is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"kept");
        assert!(is_temporary_of(&target, ".history.jsonl.a1b2c3.tmp"));
        assert!(!is_temporary_of(&target, "history.jsonl"));
    }
}
