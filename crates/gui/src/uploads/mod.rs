//! The upload queue as the user sees it: where dropped files will go, one row per file with
//! progress, speed, time left, Cancel and Retry, the "file already exists" question, the
//! links of a finished batch, and "Request a file" (an upload link for someone else).

mod chooser;
mod request;
mod view;

pub use chooser::{Chosen, InAppChooser};

pub use request::RequestDialog;
pub use view::{drop_overlay, folder_label};

use crate::bus::RequestId;
use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::time::Instant;

use crate::bus::{ClashChoice, UploadJob, UploadOutcome};
use s3share_core::i18n::locale_format::human_size;
use s3share_core::visible::visible;
use s3share_core::{Expiry, S3Location, tr};

#[derive(Clone, Debug, PartialEq)]
pub enum RowState {
    Waiting,
    Sending,
    Done,
    Skipped,
    Failed(String),
    Cancelled,
}

#[derive(Clone, Debug)]
pub struct UploadRow {
    pub id: u64,
    pub batch: u64,
    pub path: PathBuf,
    pub object: S3Location,
    pub size: u64,
    pub sent: u64,
    pub state: RowState,
    /// Bytes per second, smoothed.
    speed: f64,
    sample: Option<(Instant, u64)>,
}

impl UploadRow {
    /// The file name as shown (control and bidi characters made visible).
    pub fn name(&self) -> std::borrow::Cow<'_, str> {
        visible(self.object.file_name())
    }

    fn is_active(&self) -> bool {
        matches!(self.state, RowState::Waiting | RowState::Sending)
    }
}

#[derive(Debug, Default)]
struct Batch {
    from_drop: bool,
    files: usize,
    finished: usize,
    uploaded: Vec<S3Location>,
    apply_to_all: Option<ClashChoice>,
}

/// What the queue asks the app to do.
#[derive(Debug)]
pub enum UploadAction {
    Cancel(u64),
    Retry(UploadJob),
    Resolve {
        id: u64,
        choice: ClashChoice,
    },
    /// Make share links (current expiry and mode) for these files and copy them all.
    CopyLinks(Vec<S3Location>),
    RequestLink {
        /// Answers for an earlier dialog (or an earlier click) carry another request.
        request: RequestId,
        object: S3Location,
        expiry: Expiry,
        /// The user chose to replace a file of that name.
        replace: bool,
    },
}

/// What a finished upload means for the rest of the window.
#[derive(Debug, Default)]
pub struct Finished {
    /// The file is now in this folder: refresh it if it is open.
    pub uploaded: Option<S3Location>,
    /// The single file of a drop finished: copy its link if the setting says so.
    pub single_drop: Option<S3Location>,
}

#[derive(Debug)]
pub struct UploadQueue {
    rows: Vec<UploadRow>,
    batches: HashMap<u64, Batch>,
    next_batch: u64,
    clashes: VecDeque<(u64, S3Location)>,
    clash_apply_all: bool,
    pub expanded: bool,
    request: Option<RequestDialog>,
    /// What the latest batch left out (links, unreadable items), shown under the summary
    /// until the list is cleared: (batch, sentence).
    skipped: Option<(u64, String)>,
}

impl Default for UploadQueue {
    fn default() -> Self {
        Self {
            rows: Vec::new(),
            batches: HashMap::new(),
            next_batch: 1,
            clashes: VecDeque::new(),
            clash_apply_all: false,
            expanded: false,
            request: None,
            skipped: None,
        }
    }
}

impl UploadQueue {
    /// A new batch; send `Command::UploadFiles` with the returned id.
    pub fn start_batch(&mut self, from_drop: bool) -> u64 {
        let batch = self.next_batch;
        self.next_batch += 1;
        self.batches.insert(
            batch,
            Batch {
                from_drop,
                ..Batch::default()
            },
        );
        batch
    }

    pub fn rows(&self) -> &[UploadRow] {
        &self.rows
    }

    pub fn is_busy(&self) -> bool {
        self.rows.iter().any(UploadRow::is_active)
    }

    pub fn on_queued(&mut self, batch: u64, id: u64, path: PathBuf, object: S3Location, size: u64) {
        if let Some(b) = self.batches.get_mut(&batch) {
            b.files += 1;
        }
        self.rows.push(UploadRow {
            id,
            batch,
            path,
            object,
            size,
            sent: 0,
            state: RowState::Waiting,
            speed: 0.0,
            sample: None,
        });
    }

    pub fn on_nothing(&mut self, batch: u64) {
        self.batches.remove(&batch);
    }

    /// Answers at once when the user chose "apply to all" for this batch.
    pub fn on_clash(&mut self, id: u64, object: S3Location) -> Option<ClashChoice> {
        let batch = self.row(id).map(|r| r.batch)?;
        if let Some(choice) = self.batches.get(&batch).and_then(|b| b.apply_to_all) {
            return Some(choice);
        }
        self.clashes.push_back((id, object));
        None
    }

    pub fn on_renamed(&mut self, id: u64, object: S3Location) {
        if let Some(row) = self.row_mut(id) {
            row.object = object;
        }
    }

    pub fn on_progress(&mut self, id: u64, sent: u64) {
        let Some(row) = self.row_mut(id) else {
            return;
        };
        row.state = RowState::Sending;
        let now = Instant::now();
        if let Some((at, before)) = row.sample {
            let secs = now.duration_since(at).as_secs_f64();
            if secs > 0.05 && sent >= before {
                #[allow(clippy::cast_precision_loss)]
                let instant = (sent - before) as f64 / secs;
                row.speed = if row.speed == 0.0 {
                    instant
                } else {
                    0.7 * row.speed + 0.3 * instant
                };
            }
        }
        row.sample = Some((now, sent));
        row.sent = sent;
    }

    pub fn on_finished(&mut self, id: u64, outcome: UploadOutcome) -> Finished {
        let mut finished = Finished::default();
        let Some(row) = self.row_mut(id) else {
            return finished;
        };
        let batch_id = row.batch;
        row.state = match outcome {
            UploadOutcome::Uploaded(file) => {
                row.sent = row.size;
                row.object = file.object;
                finished.uploaded = Some(row.object.clone());
                RowState::Done
            }
            UploadOutcome::Skipped => RowState::Skipped,
            UploadOutcome::Failed(s3share_core::Error::Cancelled) => RowState::Cancelled,
            UploadOutcome::Failed(e) => RowState::Failed(e.to_string()),
        };
        self.clashes.retain(|(clash, _)| *clash != id);
        if let Some(batch) = self.batches.get_mut(&batch_id) {
            batch.finished += 1;
            if let Some(object) = &finished.uploaded {
                batch.uploaded.push(object.clone());
            }
            if batch.from_drop && batch.files == 1 && batch.finished == 1 {
                finished.single_drop.clone_from(&finished.uploaded);
            }
        }
        finished
    }

    pub fn on_skipped(&mut self, batch: u64, sentence: String) {
        self.skipped = Some((batch, sentence));
    }

    /// The skipped-items sentence of `batch`, if it left anything out.
    pub fn skipped_in(&self, batch: u64) -> Option<&str> {
        self.skipped
            .as_ref()
            .filter(|(b, _)| *b == batch)
            .map(|(_, sentence)| sentence.as_str())
    }

    fn row(&self, id: u64) -> Option<&UploadRow> {
        self.rows.iter().find(|r| r.id == id)
    }

    fn row_mut(&mut self, id: u64) -> Option<&mut UploadRow> {
        self.rows.iter_mut().find(|r| r.id == id)
    }

    /// "2 of 5 · 38 MB/s · 12 s left"
    pub fn summary(&self) -> String {
        let total = self.rows.len();
        let done = self
            .rows
            .iter()
            .filter(|r| r.state == RowState::Done)
            .count();
        let failed = self
            .rows
            .iter()
            .filter(|r| matches!(r.state, RowState::Failed(_)))
            .count();
        let mut text = tr!("uploads-summary", done = done, total = total);
        let speed: f64 = self
            .rows
            .iter()
            .filter(|r| r.state == RowState::Sending)
            .map(|r| r.speed)
            .sum();
        if self.is_busy() && speed > 0.0 {
            let left: u64 = self
                .rows
                .iter()
                .filter(|r| r.is_active())
                .map(|r| r.size.saturating_sub(r.sent))
                .sum();
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let secs = (left as f64 / speed).ceil() as u64;
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let rate = human_size(speed as u64);
            text.push_str(&tr!(
                "uploads-summary-speed",
                speed = rate,
                left = s3share_core::i18n::locale_format::duration_short(secs)
            ));
        }
        if failed > 0 {
            text.push_str(&tr!("uploads-summary-failed", count = failed));
        }
        text
    }
}
