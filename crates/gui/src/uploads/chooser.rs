//! The window's own file chooser, for desktops without one (no file-chooser portal and no
//! zenity: rfd then answers nothing). It is `egui_file`'s dialog (the egui 0.37 one;
//! `egui-file-dialog` has no release for egui 0.37 yet) over [`LocalFolders`], which reads
//! folders on the backend's blocking threads: the dialog never waits on the disk.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use egui_file::vfs::VfsFile;
use egui_file::{FileDialog, Filter, State, Vfs};
use s3share_core::S3Location;

/// The open chooser and where the chosen files go (the folder shown when the user asked).
pub struct InAppChooser {
    dialog: FileDialog,
    folders: LocalFolders,
    pub folder: S3Location,
}

impl std::fmt::Debug for InAppChooser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InAppChooser")
            .field("directory", &self.dialog.directory())
            .field("folder", &self.folder)
            .finish_non_exhaustive()
    }
}

/// What the chooser did this frame.
pub enum Chosen {
    Open,
    Cancelled,
    Files(Vec<PathBuf>),
}

impl InAppChooser {
    /// Opens in `start` (the home folder); folders are read on `runtime`.
    pub fn open(
        ctx: &egui::Context,
        runtime: tokio::runtime::Handle,
        start: PathBuf,
        folder: S3Location,
    ) -> Self {
        let folders = LocalFolders::new(ctx.clone(), runtime);
        let mut dialog = FileDialog::open_file()
            .title(&s3share_core::tr!("uploads-chooser-title"))
            .open_button_text(s3share_core::tr!("uploads-chooser-open").into())
            .file_label_text(s3share_core::tr!("uploads-chooser-file-name").into())
            .show_hidden_checkbox_text(s3share_core::tr!("uploads-chooser-hidden").into())
            .refresh_button_hover_text(s3share_core::tr!("uploads-chooser-refresh").into())
            .parent_folder_button_hover_text(s3share_core::tr!("uploads-chooser-up").into())
            .cancel_button_text(s3share_core::tr!("uploads-chooser-cancel").into())
            .multi_select(true)
            .show_rename(false)
            .show_new_folder(false)
            .initial_path(start)
            .default_size([560.0, 420.0])
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .with_fs(Box::new(folders.clone()));
        dialog.open();
        Self {
            dialog,
            folders,
            folder,
        }
    }

    /// Draws the chooser; once the listing of the folder it shows arrives, shows it.
    pub fn show(&mut self, ctx: &egui::Context) -> Chosen {
        let here = self.dialog.directory().to_path_buf();
        if self.folders.arrived_for(&here) {
            self.dialog.set_path(here);
        }
        match self.dialog.show(ctx).state() {
            State::Open => Chosen::Open,
            State::Cancelled | State::Closed => Chosen::Cancelled,
            State::Selected => {
                // Only regular files are uploaded: a folder (egui_file lets one be picked by
                // its name) or a device never is.
                let mut files: Vec<PathBuf> = self
                    .dialog
                    .selection()
                    .into_iter()
                    .map(Path::to_path_buf)
                    .collect();
                if files.is_empty()
                    && let Some(one) = self.dialog.path()
                {
                    files.push(one.to_path_buf());
                }
                let (files, unknown) = self.folders.regular_files(files);
                if !files.is_empty() {
                    return Chosen::Files(files);
                }
                // A name typed in another folder (not read here yet): show that folder, so
                // the file can be seen and picked there.
                self.dialog.open();
                if let Some(folder) = unknown.and_then(|p| p.parent().map(Path::to_path_buf)) {
                    self.dialog.set_path(folder);
                }
                Chosen::Open
            }
        }
    }
}

/// One folder entry as read on the backend.
#[derive(Clone, Debug)]
struct LocalEntry {
    path: PathBuf,
    /// The name as shown: lossy where it is not UTF-8 (the path stays exact).
    name: String,
    dir: bool,
    /// A regular file (not a socket, device or pipe).
    file: bool,
    selected: bool,
}

impl VfsFile for LocalEntry {
    fn is_file(&self) -> bool {
        self.file
    }
    fn is_dir(&self) -> bool {
        self.dir
    }
    fn path(&self) -> &Path {
        &self.path
    }
    fn selected(&self) -> bool {
        self.selected
    }
    fn set_selected(&mut self, selected: bool) {
        // Folders open on a double click; only files are picked.
        self.selected = selected && self.file;
    }
    fn get_file_name(&self) -> &str {
        &self.name
    }
}

type Listing = Result<Vec<LocalEntry>, (io::ErrorKind, String)>;

#[derive(Default)]
struct Shared {
    /// Listings read and not yet shown (each is shown once: Refresh reads again).
    listed: HashMap<PathBuf, Listing>,
    reading: HashSet<PathBuf>,
    /// Folders whose listing arrived since the chooser last looked.
    arrived: HashSet<PathBuf>,
    /// The regular files of the listings shown: what may be uploaded.
    files: HashSet<PathBuf>,
}

/// egui_file's view of the disk: a folder asked for is read on a blocking thread of the
/// backend's runtime; until it arrives the dialog shows it empty, then (see
/// [`InAppChooser::show`]) asks again and gets it.
#[derive(Clone)]
pub struct LocalFolders {
    shared: Arc<Mutex<Shared>>,
    ctx: egui::Context,
    runtime: tokio::runtime::Handle,
}

impl LocalFolders {
    fn new(ctx: egui::Context, runtime: tokio::runtime::Handle) -> Self {
        Self {
            shared: Arc::default(),
            ctx,
            runtime,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether the listing of `here` (the folder shown) arrived since the last call.
    /// Listings of folders the user has left are dropped: going back reads them afresh.
    fn arrived_for(&self, here: &Path) -> bool {
        let mut shared = self.lock();
        if shared.arrived.is_empty() {
            return false;
        }
        let arrived = std::mem::take(&mut shared.arrived);
        shared.listed.retain(|path, _| path == here);
        arrived.contains(here)
    }

    /// Of `paths`, the regular files listed in a folder shown; and the first path the
    /// chooser has not seen (typed, in a folder not read yet).
    fn regular_files(&self, paths: Vec<PathBuf>) -> (Vec<PathBuf>, Option<PathBuf>) {
        let shared = self.lock();
        let (files, others): (Vec<_>, Vec<_>) =
            paths.into_iter().partition(|p| shared.files.contains(p));
        (files, others.into_iter().next())
    }
}

impl Vfs for LocalFolders {
    fn create_dir(&self, _path: &Path) -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "folders are not made here",
        ))
    }

    fn rename(&self, _from: &Path, _to: &Path) -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "files are not renamed here",
        ))
    }

    fn read_folder(
        &self,
        path: &Path,
        show_system_files: bool,
        show_files_filter: &Filter<PathBuf>,
        #[cfg(unix)] show_hidden: bool,
        #[cfg(windows)] _show_drives: bool,
    ) -> Result<Vec<Box<dyn VfsFile>>, io::Error> {
        #[cfg(not(unix))]
        let show_hidden = true;
        let mut shared = self.lock();
        let Some(listing) = shared.listed.remove(path) else {
            if shared.reading.insert(path.to_path_buf()) {
                let (me, path) = (self.clone(), path.to_path_buf());
                self.runtime.spawn_blocking(move || {
                    let listing = read_folder(&path);
                    let mut shared = me.lock();
                    shared.reading.remove(&path);
                    shared.arrived.insert(path.clone());
                    shared.listed.insert(path, listing);
                    drop(shared);
                    me.ctx.request_repaint();
                });
            }
            return Ok(Vec::new());
        };
        let entries = listing.map_err(|(kind, message)| io::Error::new(kind, message))?;
        shared
            .files
            .extend(entries.iter().filter(|e| e.file).map(|e| e.path.clone()));
        Ok(entries
            .into_iter()
            .filter(|e| e.dir || ((show_system_files || e.file) && show_files_filter(&e.path)))
            .filter(|e| show_hidden || !e.name.starts_with('.'))
            .map(|e| Box::new(e) as Box<dyn VfsFile>)
            .collect())
    }
}

/// A folder's entries, folders first, then by name (on a blocking thread).
#[allow(clippy::disallowed_methods)] // runs on the backend's blocking threads, never the UI's
fn read_folder(path: &Path) -> Listing {
    let said = |e: io::Error| (e.kind(), format!("{}: {e}", path.display()));
    let mut entries: Vec<LocalEntry> = std::fs::read_dir(path)
        .map_err(said)?
        .filter_map(Result::ok)
        .map(|entry| {
            let path = entry.path();
            // Through links, as a file chooser does (the upload plan decides about them).
            let kind = std::fs::metadata(&path).ok().map(|m| m.file_type());
            LocalEntry {
                // Shown to a person: control and bidi characters made visible.
                name: s3share_core::visible::visible(&entry.file_name().to_string_lossy())
                    .into_owned(),
                dir: kind.is_some_and(|k| k.is_dir()),
                file: kind.is_some_and(|k| k.is_file()),
                path,
                selected: false,
            }
        })
        .collect();
    entries.sort_by(|a, b| b.dir.cmp(&a.dir).then_with(|| a.name.cmp(&b.name)));
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-thread runtime (kept alive by the caller), folders read on it, and a filter
    /// that lets everything through.
    fn folders_on_a_runtime() -> (tokio::runtime::Runtime, LocalFolders, Filter<PathBuf>) {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .build()
            .unwrap();
        let folders = LocalFolders::new(egui::Context::default(), runtime.handle().clone());
        (runtime, folders, Box::new(|_| true))
    }

    #[test]
    #[allow(clippy::disallowed_methods)] // a test's own files
    fn folders_are_read_off_the_calling_thread_and_shown_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("b.txt"), b"b").unwrap();
        std::fs::write(dir.path().join(".hidden"), b"h").unwrap();
        let (_runtime, folders, all) = folders_on_a_runtime();
        let read = |hidden| {
            folders
                .read_folder(dir.path(), false, &all, hidden)
                .unwrap()
                .iter()
                .map(|e| e.get_file_name().to_owned())
                .collect::<Vec<_>>()
        };
        // The first ask starts a read and shows nothing yet.
        assert!(read(false).is_empty());
        for _ in 0..200 {
            if folders.arrived_for(dir.path()) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert_eq!(
            read(false),
            ["sub", "b.txt"],
            "folders first, no hidden files"
        );
        // Shown once: asking again reads the folder again (Refresh sees new files).
        assert!(read(true).is_empty());
    }

    fn wait_for(folders: &LocalFolders, paths: &[&Path]) {
        for _ in 0..200 {
            let shared = folders.lock();
            if paths.iter().all(|p| shared.arrived.contains(*p)) {
                return;
            }
            drop(shared);
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("no listing arrived");
    }

    #[test]
    #[allow(clippy::disallowed_methods)] // a test's own files
    fn a_listing_of_a_folder_left_meanwhile_is_dropped_not_shown_later() {
        let dir = tempfile::tempdir().unwrap();
        let (left, shown) = (dir.path().join("left"), dir.path().join("shown"));
        std::fs::create_dir(&left).unwrap();
        std::fs::create_dir(&shown).unwrap();
        std::fs::write(left.join("old.txt"), b"o").unwrap();
        let (_runtime, folders, all) = folders_on_a_runtime();
        let names = |path: &Path| {
            folders
                .read_folder(path, false, &all, false)
                .unwrap()
                .iter()
                .map(|e| e.get_file_name().to_owned())
                .collect::<Vec<_>>()
        };
        // The user opened "left", then went on to "shown" before "left" was read.
        assert!(names(&left).is_empty());
        assert!(names(&shown).is_empty());
        wait_for(&folders, &[&left, &shown]);
        // The folder shown asks to be shown again; "left"'s listing is dropped...
        assert!(folders.arrived_for(&shown));
        assert!(folders.lock().listed.contains_key(&shown));
        assert!(!folders.arrived_for(&shown), "once");
        // ...so going back to "left" reads it afresh rather than showing the old listing.
        assert!(!folders.lock().listed.contains_key(&left));
        assert!(names(&left).is_empty(), "read again, not shown stale");
    }

    #[test]
    #[allow(clippy::disallowed_methods)] // a test's own files
    fn only_regular_files_are_picked_never_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("Photos")).unwrap();
        std::fs::write(dir.path().join("a.txt"), b"a").unwrap();
        let (_runtime, folders, all) = folders_on_a_runtime();
        assert!(
            folders
                .read_folder(dir.path(), false, &all, false)
                .unwrap()
                .is_empty()
        );
        wait_for(&folders, &[dir.path()]);
        let mut entries = folders.read_folder(dir.path(), false, &all, false).unwrap();
        for entry in &mut entries {
            entry.set_selected(true);
        }
        let selected: Vec<&str> = entries
            .iter()
            .filter(|e| e.selected())
            .map(|e| e.get_file_name())
            .collect();
        assert_eq!(selected, ["a.txt"], "a click on a folder picks nothing");
        // A folder's path (egui_file accepts one typed by name) is not uploaded.
        let (files, unknown) =
            folders.regular_files(vec![dir.path().join("Photos"), dir.path().join("a.txt")]);
        assert_eq!(files, [dir.path().join("a.txt")]);
        assert_eq!(unknown, Some(dir.path().join("Photos")));
    }
}
