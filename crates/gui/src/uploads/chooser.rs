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
            .title("Upload files")
            .open_button_text("Upload".into())
            .file_label_text("File name:".into())
            .show_hidden_checkbox_text("Show hidden files".into())
            .refresh_button_hover_text("Read this folder again".into())
            .parent_folder_button_hover_text("Up one folder".into())
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

    /// Draws the chooser; once a listing the backend read arrives, shows it.
    pub fn show(&mut self, ctx: &egui::Context) -> Chosen {
        if self.folders.take_arrived() {
            let here = self.dialog.directory().to_path_buf();
            self.dialog.set_path(here);
        }
        match self.dialog.show(ctx).state() {
            State::Open => Chosen::Open,
            State::Cancelled | State::Closed => Chosen::Cancelled,
            State::Selected => {
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
                Chosen::Files(files)
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
        self.selected = selected;
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
    arrived: bool,
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

    /// A listing arrived since the last call.
    fn take_arrived(&self) -> bool {
        std::mem::take(&mut self.lock().arrived)
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
                    shared.listed.insert(path, listing);
                    shared.arrived = true;
                    drop(shared);
                    me.ctx.request_repaint();
                });
            }
            return Ok(Vec::new());
        };
        let entries = listing.map_err(|(kind, message)| io::Error::new(kind, message))?;
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
                name: entry.file_name().to_string_lossy().into_owned(),
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

    #[test]
    #[allow(clippy::disallowed_methods)] // a test's own files
    fn folders_are_read_off_the_calling_thread_and_shown_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("b.txt"), b"b").unwrap();
        std::fs::write(dir.path().join(".hidden"), b"h").unwrap();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .build()
            .unwrap();
        let folders = LocalFolders::new(egui::Context::default(), runtime.handle().clone());
        let all: Filter<PathBuf> = Box::new(|_| true);
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
            if folders.take_arrived() {
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
}
