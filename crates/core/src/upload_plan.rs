//! What a set of chosen or dropped files and folders becomes: one (file, key) per file,
//! folders walked recursively with their relative paths kept (like `aws s3 cp
//! --recursive`). Symbolic links inside folders are never followed, so a link to `..`, to
//! `/etc` or to a loop cannot pull in files from elsewhere: they are listed as skipped.
//! (A path the user named itself, like `~/Documents` pointing elsewhere, is what they
//! chose and is used.) Two files that would land on the same key are refused before
//! anything is sent. The CLI and the window both use this.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::error::{Error, Result};
use super::location::S3Location;

/// One file to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedFile {
    pub path: PathBuf,
    pub object: S3Location,
    pub size: u64,
}

/// Why something was left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SkipReason {
    SymbolicLink,
    /// A socket, device or pipe: nothing to upload.
    NotAFile,
    /// Could not be read (permissions, vanished meanwhile); the reason in words.
    Unreadable(String),
    /// The name is not valid text (UTF-8), so it has no faithful key.
    NameNotText,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::SymbolicLink => f.write_str(&crate::tr!("uploads-skip-symlink")),
            SkipReason::NotAFile => f.write_str(&crate::tr!("uploads-skip-not-file")),
            SkipReason::Unreadable(why) => f.write_str(&crate::tr!(
                "uploads-skip-unreadable",
                reason = why.as_str()
            )),
            SkipReason::NameNotText => f.write_str(&crate::tr!("uploads-skip-name-not-text")),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: SkipReason,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UploadPlan {
    /// In the order given, folders' contents sorted by name.
    pub files: Vec<PlannedFile>,
    pub skipped: Vec<Skipped>,
}

impl UploadPlan {
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }
}

/// Plans the upload of `paths` into `folder` (a bucket, or a key prefix ending in `/`).
/// Reads the file system: call it off the UI thread.
pub fn plan_uploads(paths: &[PathBuf], folder: &S3Location) -> Result<UploadPlan> {
    if !folder.key.is_empty() && !folder.key.ends_with('/') {
        return Err(Error::invalid(
            "destination",
            crate::tr!("input-destination-not-folder", folder = folder.to_string()),
        ));
    }
    let mut plan = UploadPlan::default();
    for path in paths {
        // The user named this path: a link here is what they chose, and "." has a name.
        let real = std::fs::canonicalize(path).map_err(|source| Error::LocalFile {
            path: path.clone(),
            source,
        })?;
        let Some(name) = path.file_name().or_else(|| real.file_name()) else {
            return Err(Error::invalid(
                "file",
                crate::tr!("input-file-no-name", path = path.display().to_string()),
            ));
        };
        let Some(name) = name.to_str() else {
            plan.skipped.push(Skipped {
                path: path.clone(),
                reason: SkipReason::NameNotText,
            });
            continue;
        };
        walk(&real, format!("{}{name}", folder.key), folder, &mut plan);
    }
    refuse_duplicates(&plan.files)?;
    Ok(plan)
}

fn walk(path: &Path, key: String, folder: &S3Location, plan: &mut UploadPlan) {
    let skip = |plan: &mut UploadPlan, reason| {
        plan.skipped.push(Skipped {
            path: path.to_owned(),
            reason,
        });
    };
    // symlink_metadata: a link is seen as a link, never as what it points to.
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) => return skip(plan, SkipReason::Unreadable(e.to_string())),
    };
    let kind = meta.file_type();
    if kind.is_symlink() {
        skip(plan, SkipReason::SymbolicLink);
    } else if kind.is_file() {
        plan.files.push(PlannedFile {
            path: path.to_owned(),
            object: S3Location {
                bucket: folder.bucket.clone(),
                key,
            },
            size: meta.len(),
        });
    } else if kind.is_dir() {
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => return skip(plan, SkipReason::Unreadable(e.to_string())),
        };
        let mut children: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        children.sort();
        for child in children {
            match child.file_name().map(|n| n.to_str()) {
                Some(Some(name)) => {
                    let child_key = format!("{key}/{name}");
                    walk(&child, child_key, folder, plan);
                }
                _ => plan.skipped.push(Skipped {
                    path: child,
                    reason: SkipReason::NameNotText,
                }),
            }
        }
    } else {
        skip(plan, SkipReason::NotAFile);
    }
}

/// Two files for one key would overwrite each other (the second silently replacing the
/// first): refused, naming both.
fn refuse_duplicates(files: &[PlannedFile]) -> Result<()> {
    let mut seen: HashMap<&str, &Path> = HashMap::with_capacity(files.len());
    for file in files {
        if let Some(first) = seen.insert(&file.object.key, &file.path) {
            return Err(Error::SameDestination {
                key: file.object.key.clone(),
                first: first.to_owned(),
                second: file.path.clone(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(key: &str) -> S3Location {
        S3Location {
            bucket: "b".to_owned(),
            key: key.to_owned(),
        }
    }

    #[test]
    fn folders_keep_relative_paths_and_never_follow_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("trip");
        std::fs::create_dir_all(root.join("day 1")).unwrap();
        std::fs::write(root.join("day 1/a.jpg"), b"a").unwrap();
        std::fs::write(root.join("notes.txt"), b"notes").unwrap();
        let outside = dir.path().join("secret.txt");
        std::fs::write(&outside, b"secret").unwrap();
        std::os::unix::fs::symlink(&outside, root.join("link-to-file")).unwrap();
        std::os::unix::fs::symlink("..", root.join("up")).unwrap();
        std::os::unix::fs::symlink("/etc", root.join("etc")).unwrap();
        std::os::unix::fs::symlink(".", root.join("day 1/loop")).unwrap();

        let plan = plan_uploads(std::slice::from_ref(&root), &folder("in/")).unwrap();
        let keys: Vec<&str> = plan.files.iter().map(|f| f.object.key.as_str()).collect();
        assert_eq!(keys, ["in/trip/day 1/a.jpg", "in/trip/notes.txt"]);
        assert_eq!(plan.total_bytes(), 6);
        let mut skipped: Vec<_> = plan
            .skipped
            .iter()
            .map(|s| {
                (
                    s.path.strip_prefix(&root).unwrap().to_owned(),
                    s.reason.clone(),
                )
            })
            .collect();
        skipped.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            skipped,
            [
                (PathBuf::from("day 1/loop"), SkipReason::SymbolicLink),
                (PathBuf::from("etc"), SkipReason::SymbolicLink),
                (PathBuf::from("link-to-file"), SkipReason::SymbolicLink),
                (PathBuf::from("up"), SkipReason::SymbolicLink),
            ]
        );
    }

    #[test]
    fn two_files_for_one_key_are_refused_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["a", "b"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
            std::fs::write(dir.path().join(sub).join("x.txt"), sub).unwrap();
        }
        let err = plan_uploads(
            &[dir.path().join("a/x.txt"), dir.path().join("b/x.txt")],
            &folder("in/"),
        )
        .unwrap_err();
        assert!(matches!(&err, Error::SameDestination { key, .. } if key == "in/x.txt"));
        assert!(err.to_string().contains("in/x.txt"), "{err}");
    }

    #[test]
    fn a_named_link_is_used_and_dot_has_a_name() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::create_dir(&real).unwrap();
        std::fs::write(real.join("a.txt"), b"a").unwrap();
        std::os::unix::fs::symlink(&real, dir.path().join("Documents")).unwrap();
        let plan = plan_uploads(&[dir.path().join("Documents")], &folder("")).unwrap();
        assert_eq!(plan.files[0].object.key, "Documents/a.txt");
        let plan = plan_uploads(&[real.join(".")], &folder("")).unwrap();
        assert_eq!(plan.files[0].object.key, "real/a.txt");
    }

    #[test]
    fn names_that_are_not_text_are_skipped() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let odd = dir.path().join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
        std::fs::write(&odd, b"x").unwrap();
        std::fs::write(dir.path().join("ok.txt"), b"x").unwrap();
        let plan = plan_uploads(&[dir.path().to_owned()], &folder("")).unwrap();
        assert_eq!(plan.files.len(), 1);
        assert_eq!(plan.skipped[0].reason, SkipReason::NameNotText);
    }

    #[test]
    fn destination_must_be_a_folder() {
        assert!(plan_uploads(&[], &folder("file.txt")).is_err());
        assert!(plan_uploads(&[], &folder("")).unwrap().files.is_empty());
    }
}
