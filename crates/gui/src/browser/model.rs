//! The open folder as data: rows arriving page by page, sorted (each page merged, not a
//! full re-sort) and filtered into the view, and the selection (click, Ctrl/Shift-click,
//! arrow keys). No drawing here.
//!
//! The filter compares folded names (`name_filter::fold`, made once per row as pages
//! arrive). The view is kept up to date incrementally: a longer query narrows the rows
//! shown, a new page is filtered alone and merged in, a new sort re-sorts only the rows
//! shown. A scan of more than [`Browser::async_above`] rows (a first letter, a deleted one,
//! in a big folder) is handed out as a [`FilterJob`] for another thread; the rows shown stay
//! until its answer, and an answer for a query that is no longer asked for is dropped.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use egui::Modifiers;

use super::row::Row;
use crate::bus::RequestId;
use crate::name_filter::{FilterJob, FoldedNames, fold, matching};
use s3share_core::format::count;
use s3share_core::managed::is_managed_key;
use s3share_core::{BucketInfo, ListingPage};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Column {
    Name,
    Size,
    Modified,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sort {
    pub column: Column,
    pub ascending: bool,
}

impl Sort {
    /// A click on a column header: the same column reverses, another starts in its most
    /// useful direction (names A→Z, sizes and dates biggest / newest first).
    pub fn toggle(&mut self, column: Column) {
        if self.column == column {
            self.ascending = !self.ascending;
        } else {
            *self = Sort {
                column,
                ascending: column == Column::Name,
            };
        }
    }
}

impl Default for Sort {
    fn default() -> Self {
        Self {
            column: Column::Name,
            ascending: true,
        }
    }
}

/// Where a folder listing stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Listing {
    /// No bucket open.
    Idle,
    /// Pages are arriving (rows hold what came so far).
    Loading,
    Done,
    /// The message, beside the listing.
    Failed(String),
}

/// What the user asked the browser to do; the app turns it into commands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BrowserAction {
    OpenBucket(String),
    /// Open this prefix of the current bucket ("" = the bucket's top).
    OpenFolder(String),
    Select(usize),
    Refresh,
}

/// The buckets on the left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Buckets {
    Loading,
    Ready(Vec<BucketInfo>),
    Failed(String),
}

/// Rows a filter scans on the UI thread; a larger scan runs as a [`FilterJob`].
pub const ASYNC_FILTER_ABOVE: usize = 20_000;

/// A filter being computed on another thread.
#[derive(Debug)]
struct PendingFilter {
    request: RequestId,
    /// The folded query it answers.
    needle: String,
    /// Rows it looked at (`rows[..rows_seen]`) and the sort its candidates were in.
    rows_seen: usize,
    sort: Sort,
    cancelled: Arc<AtomicBool>,
}

/// The open folder.
#[derive(Debug)]
pub struct Browser {
    pub bucket: Option<String>,
    pub prefix: String,
    /// Bumped for every listing request; answers for older ones are dropped.
    pub generation: u64,
    pub listing: Listing,
    pub rows: Vec<Row>,
    /// The folded name of each row (shared with filter jobs; copied on write only while
    /// one runs).
    names: Arc<FoldedNames>,
    /// Every position in `rows`, sorted (merged page by page as they arrive).
    order: Arc<Vec<usize>>,
    /// Rows not yet merged into `order`.
    unmerged: Vec<usize>,
    /// The sort changed: `order` must be rebuilt from scratch.
    resort: bool,
    /// Positions in `rows`, filtered and sorted: what the table shows.
    pub(super) view: Vec<usize>,
    view_dirty: bool,
    /// The filter `view` was made with (folded).
    view_filter: String,
    /// How many rows (`rows[..view_rows]`) and which sort `view` accounts for.
    view_rows: usize,
    view_sort: Sort,
    pub filter: String,
    /// A scan running elsewhere, and the job still to hand out (see [`Self::take_filter_job`]).
    pending: Option<PendingFilter>,
    job_to_send: Option<(RequestId, FilterJob)>,
    /// Scans of more rows than this run as a [`FilterJob`].
    pub async_above: usize,
    /// The sort `order` was built with; the sort itself is the window's remembered choice,
    /// passed in wherever rows are shown.
    sorted_by: Sort,
    /// Index into `rows`: the row last clicked or moved to.
    pub selected: Option<usize>,
    /// Several rows picked with Ctrl/Shift-click (empty for a single selection).
    pub picked: BTreeSet<usize>,
    /// Where a Shift-click range starts.
    anchor: Option<usize>,
    /// Scroll so the selection is visible on the next frame.
    pub(super) scroll_to_selection: bool,
    /// Where the list was scrolled to and how tall it was, last frame.
    pub(super) last_scroll: (f32, f32),
    /// Show s3share's own `.s3share/` folders (pages, copies); hidden by default, by the
    /// one rule `managed::is_managed_key`. Inside such a folder everything shows.
    pub show_own_files: bool,
}

impl Default for Browser {
    fn default() -> Self {
        Self {
            bucket: None,
            prefix: String::new(),
            generation: 0,
            listing: Listing::Idle,
            rows: Vec::new(),
            names: Arc::default(),
            order: Arc::default(),
            unmerged: Vec::new(),
            resort: false,
            view: Vec::new(),
            view_dirty: false,
            view_filter: String::new(),
            view_rows: 0,
            view_sort: Sort::default(),
            filter: String::new(),
            pending: None,
            job_to_send: None,
            async_above: ASYNC_FILTER_ABOVE,
            sorted_by: Sort::default(),
            selected: None,
            picked: BTreeSet::new(),
            anchor: None,
            scroll_to_selection: false,
            last_scroll: (0.0, 0.0),
            show_own_files: false,
        }
    }
}

impl Browser {
    /// Starts showing `bucket`/`prefix`; returns the generation to list it under.
    pub fn open(&mut self, bucket: String, prefix: String) -> u64 {
        self.generation += 1;
        self.bucket = Some(bucket);
        self.prefix = prefix;
        self.rows.clear();
        self.names = Arc::default();
        self.order = Arc::default();
        self.unmerged.clear();
        self.view.clear();
        self.view_filter.clear();
        self.view_rows = 0;
        self.cancel_pending();
        self.selected = None;
        self.picked.clear();
        self.anchor = None;
        self.filter.clear();
        self.listing = Listing::Loading;
        self.last_scroll = (0.0, 0.0);
        self.generation
    }

    /// Adds a page of the current listing.
    pub fn add_page(&mut self, mut page: ListingPage, done: bool) {
        if !self.show_own_files && !is_managed_key(&self.prefix) {
            page.folders.retain(|f| !is_managed_key(f));
            page.objects.retain(|o| !is_managed_key(&o.key));
        }
        self.rows.reserve(page.folders.len() + page.objects.len());
        let first = self.rows.len();
        self.rows.extend(page.folders.into_iter().map(Row::folder));
        self.rows.extend(
            page.objects
                .into_iter()
                .map(|o| Row::file(o.key, o.size, o.last_modified)),
        );
        // Folded once, here; a running filter job keeps its own copy.
        let names = Arc::make_mut(&mut self.names);
        names.reserve(self.rows.len() - first);
        for row in &self.rows[first..] {
            names.push(row.name());
        }
        self.unmerged.extend(first..self.rows.len());
        self.view_dirty = true;
        if done {
            self.listing = Listing::Done;
        }
    }

    pub fn fail(&mut self, message: String) {
        self.listing = Listing::Failed(message);
    }

    pub fn selected_row(&self) -> Option<&Row> {
        self.selected.and_then(|i| self.rows.get(i))
    }

    /// Whether row `index` is part of the selection.
    pub fn is_selected(&self, index: usize) -> bool {
        self.selected == Some(index) || self.picked.contains(&index)
    }

    /// The files to share, in the order shown: the picked ones, or the selected one.
    pub fn selected_files(&mut self) -> Vec<Row> {
        if self.picked.len() > 1 {
            if self.view_dirty {
                self.rebuild_view();
            }
            let picked = &self.picked;
            let rows = &self.rows;
            self.view
                .iter()
                .filter(|i| picked.contains(i))
                .map(|&i| &rows[i])
                .filter(|r| !r.folder)
                .cloned()
                .collect()
        } else {
            self.selected_row()
                .filter(|r| !r.folder)
                .cloned()
                .into_iter()
                .collect()
        }
    }

    /// A click on row `index`: alone it selects that row; with Ctrl (Cmd) it adds or removes
    /// it; with Shift it selects every row from the last plain click to it.
    pub fn click(&mut self, index: usize, modifiers: Modifiers, sort: Sort) {
        if modifiers.shift {
            let anchor = self.anchor.or(self.selected).unwrap_or(index);
            let view = self.view(sort).to_vec();
            let a = view.iter().position(|&i| i == anchor);
            let b = view.iter().position(|&i| i == index);
            if let (Some(a), Some(b)) = (a, b) {
                let (from, to) = (a.min(b), a.max(b));
                self.picked = view[from..=to].iter().copied().collect();
                self.anchor = Some(anchor);
                self.selected = Some(index);
                return;
            }
        }
        if modifiers.command {
            if self.picked.is_empty()
                && let Some(current) = self.selected
            {
                self.picked.insert(current);
            }
            if self.picked.remove(&index) {
                self.selected = self.picked.iter().next_back().copied();
            } else {
                self.picked.insert(index);
                self.selected = Some(index);
            }
            self.anchor = self.selected;
            if self.picked.len() <= 1 {
                self.picked.clear();
            }
            return;
        }
        self.picked.clear();
        self.selected = Some(index);
        self.anchor = Some(index);
    }

    pub fn set_filter(&mut self, filter: String) {
        self.filter = filter;
        self.view_dirty = true;
    }

    /// The prefix one level up, if not at the bucket's top.
    pub fn parent_prefix(&self) -> Option<String> {
        if self.prefix.is_empty() {
            return None;
        }
        let trimmed = self.prefix.trim_end_matches('/');
        Some(
            trimmed
                .rfind('/')
                .map_or_else(String::new, |i| trimmed[..=i].to_owned()),
        )
    }

    /// Rows as shown: filtered and sorted by `sort` (recomputed only after a change).
    pub fn view(&mut self, sort: Sort) -> &[usize] {
        if sort != self.sorted_by {
            self.sorted_by = sort;
            self.resort = true;
            self.view_dirty = true;
            self.scroll_to_selection = true;
        }
        if self.view_dirty {
            self.rebuild_view();
        }
        &self.view
    }

    /// Total rows received and rows shown.
    pub fn counts(&mut self, sort: Sort) -> (usize, usize) {
        let shown = self.view(sort).len();
        (self.rows.len(), shown)
    }

    fn rebuild_view(&mut self) {
        self.view_dirty = false;
        self.update_order();
        self.catch_up_view();
        let needle = fold(self.filter.trim());
        if needle == self.view_filter {
            self.cancel_pending();
            return;
        }
        if needle.is_empty() {
            self.cancel_pending();
            self.view.clone_from(&self.order);
            self.view_filter.clear();
            return;
        }
        if self.pending.as_ref().is_some_and(|p| p.needle == needle) {
            return; // already being computed
        }
        // A longer query only removes rows: look at those shown, not at all of them.
        let narrowing = !self.view_filter.is_empty() && needle.contains(&self.view_filter);
        self.cancel_pending();
        let candidates = if narrowing { &self.view } else { &*self.order };
        if candidates.len() <= self.async_above {
            let found = matching(&self.names, candidates.iter().copied(), &needle, None);
            self.view = found.unwrap_or_default();
            self.view_filter = needle;
            return;
        }
        // Too many for one frame: another thread scans; the rows shown stay meanwhile.
        let candidates = if narrowing {
            Arc::new(self.view.clone())
        } else {
            Arc::clone(&self.order)
        };
        let cancelled = Arc::new(AtomicBool::new(false));
        let request = RequestId::new();
        self.job_to_send = Some((
            request,
            FilterJob {
                names: Arc::clone(&self.names),
                candidates,
                needle: needle.clone(),
                cancelled: Arc::clone(&cancelled),
            },
        ));
        self.pending = Some(PendingFilter {
            request,
            needle,
            rows_seen: self.view_rows,
            sort: self.view_sort,
            cancelled,
        });
    }

    /// Brings `order` up to date with the rows and the sort.
    fn update_order(&mut self) {
        let rows = &self.rows;
        let names = &*self.names;
        let sort = self.sorted_by;
        let compare = |a: &usize, b: &usize| compare_rows(rows, names, *a, *b, sort);
        if std::mem::take(&mut self.resort) {
            let mut order: Vec<usize> = (0..rows.len()).collect();
            order.sort_unstable_by(compare);
            self.order = Arc::new(order);
            self.unmerged.clear();
        } else if !self.unmerged.is_empty() {
            // A page arrived: sort it alone, then merge it in (no full re-sort).
            let mut new = std::mem::take(&mut self.unmerged);
            new.sort_unstable_by(compare);
            self.order = Arc::new(merge(&self.order, &new, compare));
        }
    }

    /// Brings the rows shown up to date with new rows and the sort, for the filter they
    /// were made with: new rows are filtered alone and merged in; a new sort re-sorts
    /// only the rows shown.
    fn catch_up_view(&mut self) {
        let rows = &self.rows;
        let names = &*self.names;
        let sort = self.sorted_by;
        if self.view_filter.is_empty() {
            if self.view_rows != rows.len() || self.view_sort != sort {
                self.view.clone_from(&self.order);
            }
        } else {
            let compare = |a: &usize, b: &usize| compare_rows(rows, names, *a, *b, sort);
            if self.view_sort != sort {
                self.view.sort_unstable_by(compare);
            }
            if self.view_rows < rows.len() {
                let found = matching(names, self.view_rows..rows.len(), &self.view_filter, None);
                let mut new = found.unwrap_or_default();
                new.sort_unstable_by(compare);
                self.view = merge(&self.view, &new, compare);
            }
        }
        self.view_rows = rows.len();
        self.view_sort = sort;
    }

    fn cancel_pending(&mut self) {
        if let Some(pending) = self.pending.take() {
            pending.cancelled.store(true, Ordering::Relaxed);
        }
        self.job_to_send = None;
    }

    /// The filter job to run on another thread, if the last change asked for one. The
    /// answer goes to [`Self::filtered`] with the same request.
    pub fn take_filter_job(&mut self) -> Option<(RequestId, FilterJob)> {
        self.job_to_send.take()
    }

    /// A job the backend could not take yet, to be offered again; a newer query since
    /// has replaced it.
    pub fn hold_filter_job(&mut self, request: RequestId, job: FilterJob) {
        if self.job_to_send.is_none() && self.pending.as_ref().is_some_and(|p| p.request == request)
        {
            self.job_to_send = Some((request, job));
        }
    }

    /// A filter job's answer: shown if it is for the query still asked for, else dropped.
    pub fn filtered(&mut self, request: RequestId, found: Vec<usize>) {
        let Some(pending) = self.pending.take_if(|p| p.request == request) else {
            return;
        };
        self.view = found;
        self.view_filter = pending.needle;
        self.view_rows = pending.rows_seen;
        self.view_sort = pending.sort;
        // Rows or a sort that came meanwhile are caught up on the next look.
        self.view_dirty = true;
    }

    /// A filter is being computed on another thread (the rows shown are for an older one).
    pub fn filtering(&self) -> bool {
        self.pending.is_some()
    }

    /// Moves the selection by `delta` rows of the view (arrow keys).
    pub fn move_selection(&mut self, delta: isize, sort: Sort) -> Option<usize> {
        let selected = self.selected;
        let view = self.view(sort);
        if view.is_empty() {
            return None;
        }
        let position = selected.and_then(|s| view.iter().position(|&i| i == s));
        let next = match position {
            None => 0,
            Some(p) => p.saturating_add_signed(delta).min(view.len() - 1),
        };
        let row = view[next];
        self.selected = Some(row);
        self.picked.clear();
        self.anchor = Some(row);
        self.scroll_to_selection = true;
        Some(row)
    }
}

/// Folders first (whatever the direction), then by the sort column, then by (folded) name.
fn compare_rows(
    rows: &[Row],
    names: &FoldedNames,
    a: usize,
    b: usize,
    sort: Sort,
) -> std::cmp::Ordering {
    let (row_a, row_b) = (&rows[a], &rows[b]);
    row_b.folder.cmp(&row_a.folder).then_with(|| {
        let by_name = || {
            names
                .get(a)
                .cmp(names.get(b))
                .then_with(|| row_a.key.cmp(&row_b.key))
        };
        let order = match sort.column {
            Column::Name => by_name(),
            Column::Size => row_a.size.cmp(&row_b.size).then_with(by_name),
            Column::Modified => row_a.modified.cmp(&row_b.modified).then_with(by_name),
        };
        if sort.ascending {
            order
        } else {
            order.reverse()
        }
    })
}

/// Merges a short sorted list `b` into a long sorted one `a` (equal items: `a`'s first).
/// Each item of `b` finds its place by binary search and the runs of `a` between are
/// copied whole: |b| · log |a| comparisons (names compared), not |a| + |b|.
fn merge(
    a: &[usize],
    b: &[usize],
    compare: impl Fn(&usize, &usize) -> std::cmp::Ordering,
) -> Vec<usize> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut rest = a;
    for item in b {
        let place = rest.partition_point(|x| !compare(item, x).is_lt());
        out.extend_from_slice(&rest[..place]);
        out.push(*item);
        rest = &rest[place..];
    }
    out.extend_from_slice(rest);
    out
}

/// The line under the listing: "1 000 items, loading more…".
pub fn status_text(browser: &mut Browser, sort: Sort) -> Option<String> {
    browser.bucket.as_ref()?;
    let (total, shown) = browser.counts(sort);
    let items = |n: usize| s3share_core::tr!("browser-items", count = n, total = count(n));
    let mut text = if shown == total {
        items(total)
    } else {
        s3share_core::tr!(
            "browser-items-shown",
            shown = count(shown),
            items = items(total)
        )
    };
    if browser.filtering() {
        text.push_str(&s3share_core::tr!("browser-filtering"));
    }
    match browser.listing {
        Listing::Loading => text.push_str(&s3share_core::tr!("browser-loading-more")),
        Listing::Failed(_) => text.push_str(&s3share_core::tr!("browser-listing-failed")),
        Listing::Done | Listing::Idle => {}
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use s3share_core::ObjectEntry;

    #[test]
    fn rows_show_control_and_bidi_characters_as_escapes() {
        let row = Row::file("in/invoice\u{202E}fdp.exe".to_owned(), 1, None);
        assert_eq!(row.accessible_label(), "invoice\\u{202E}fdp.exe");
        let folder = Row::folder("a\nhttps://evil.example/x/".to_owned());
        assert_eq!(folder.shown_name(), "x");
        let folder = Row::folder("line\nbreak/".to_owned());
        assert_eq!(folder.accessible_label(), "line\\nbreak (folder)");
        // Sorting and filtering still use the real name.
        assert_eq!(row.name(), "invoice\u{202E}fdp.exe");
    }

    fn page(folders: &[&str], files: &[(&str, u64)]) -> ListingPage {
        ListingPage {
            folders: folders.iter().map(|f| (*f).to_owned()).collect(),
            objects: files
                .iter()
                .map(|(k, s)| ObjectEntry {
                    key: (*k).to_owned(),
                    size: *s,
                    last_modified: None,
                    etag: None,
                    storage_class: None,
                })
                .collect(),
            next_token: None,
        }
    }

    fn names(b: &mut Browser, sort: Sort) -> Vec<String> {
        let view = b.view(sort).to_vec();
        view.iter().map(|&i| b.rows[i].name().to_owned()).collect()
    }

    #[test]
    fn s3share_s_own_folders_are_hidden_unless_asked_for() {
        let mut b = Browser::default();
        b.open("bkt".to_owned(), "trip/".to_owned());
        b.add_page(
            page(
                &["trip/.s3share/", "trip/raw/"],
                &[("trip/a.jpg", 1), ("trip/.s3share/shares/x", 1)],
            ),
            true,
        );
        assert_eq!(names(&mut b, Sort::default()), ["raw", "a.jpg"]);
        b.show_own_files = true;
        b.open("bkt".to_owned(), "trip/".to_owned());
        b.add_page(page(&["trip/.s3share/", "trip/raw/"], &[]), true);
        assert_eq!(names(&mut b, Sort::default()), [".s3share", "raw"]);
        // Inside s3share's folder (opened on purpose), everything shows.
        b.show_own_files = false;
        b.open("bkt".to_owned(), "trip/.s3share/".to_owned());
        b.add_page(page(&["trip/.s3share/shares/"], &[]), true);
        assert_eq!(names(&mut b, Sort::default()), ["shares"]);
    }

    #[test]
    fn folders_first_then_sorted() {
        let mut b = Browser::default();
        let mut sort = Sort::default();
        b.open("bk".into(), "p/".into());
        b.add_page(
            page(&["p/zeta/"], &[("p/b.txt", 5), ("p/A.txt", 50)]),
            false,
        );
        b.add_page(page(&["p/alpha/"], &[("p/c.txt", 1)]), true);
        assert_eq!(
            names(&mut b, sort),
            ["alpha", "zeta", "A.txt", "b.txt", "c.txt"]
        );
        sort.toggle(Column::Size);
        assert_eq!(
            names(&mut b, sort),
            ["zeta", "alpha", "A.txt", "b.txt", "c.txt"]
        );
        sort.toggle(Column::Size);
        assert_eq!(
            names(&mut b, sort),
            ["alpha", "zeta", "c.txt", "b.txt", "A.txt"]
        );
        b.set_filter("TXT".into());
        assert_eq!(b.counts(sort), (5, 3));
        b.set_filter("b.TXT".into());
        assert_eq!(names(&mut b, sort), ["b.txt"]);
        b.set_filter("a".into());
        assert_eq!(names(&mut b, sort), ["alpha", "zeta", "A.txt"]);
        b.add_page(page(&[], &[("p/aa.txt", 7)]), true);
        assert_eq!(names(&mut b, sort), ["alpha", "zeta", "aa.txt", "A.txt"]);
    }

    #[test]
    fn parent_and_selection() {
        let mut b = Browser::default();
        b.open("bk".into(), "a/b/".into());
        assert_eq!(b.parent_prefix().as_deref(), Some("a/"));
        b.open("bk".into(), "a/".into());
        assert_eq!(b.parent_prefix().as_deref(), Some(""));
        b.open("bk".into(), String::new());
        assert_eq!(b.parent_prefix(), None);
        b.add_page(page(&[], &[("x", 1), ("y", 2)]), true);
        assert_eq!(b.move_selection(1, Sort::default()), Some(0));
        assert_eq!(b.move_selection(1, Sort::default()), Some(1));
        assert_eq!(b.move_selection(1, Sort::default()), Some(1));
        assert_eq!(b.move_selection(-5, Sort::default()), Some(0));
    }

    #[test]
    fn ctrl_and_shift_click_pick_several_files() {
        let mut b = Browser::default();
        b.open("bk".into(), String::new());
        b.add_page(
            page(&["sub/"], &[("a", 1), ("b", 2), ("c", 3), ("d", 4)]),
            true,
        );
        let index = |b: &Browser, key: &str| b.rows.iter().position(|r| r.key == key).unwrap();
        let keys = |b: &mut Browser| {
            b.selected_files()
                .iter()
                .map(|r| r.key.clone())
                .collect::<Vec<_>>()
        };
        let (a, c, d) = (index(&b, "a"), index(&b, "c"), index(&b, "d"));
        b.click(a, Modifiers::NONE, Sort::default());
        assert_eq!(keys(&mut b), ["a"]);
        b.click(c, Modifiers::COMMAND, Sort::default());
        assert_eq!(keys(&mut b), ["a", "c"]);
        b.click(a, Modifiers::COMMAND, Sort::default());
        assert_eq!(keys(&mut b), ["c"]);
        assert!(b.picked.is_empty());
        b.click(d, Modifiers::SHIFT, Sort::default());
        assert_eq!(keys(&mut b), ["c", "d"]);
        // A range over a folder shares only the files.
        let sub = index(&b, "sub/");
        b.click(a, Modifiers::NONE, Sort::default());
        b.click(sub, Modifiers::SHIFT, Sort::default());
        assert_eq!(keys(&mut b), ["a"]);
        b.click(d, Modifiers::SHIFT, Sort::default());
        assert_eq!(keys(&mut b), ["a", "b", "c", "d"]);
        // Arrow keys go back to one file.
        b.move_selection(1, Sort::default());
        assert_eq!(b.selected_files().len(), 1);
    }

    #[test]
    fn the_filter_ignores_case_and_accents() {
        let mut b = Browser::default();
        b.open("bk".into(), String::new());
        b.add_page(
            page(
                &["Crème brûlée/"],
                &[("Café menu.pdf", 1), ("CAFETERIA.txt", 2), ("cave.txt", 3)],
            ),
            true,
        );
        let sort = Sort::default();
        b.set_filter("cafe".into());
        assert_eq!(names(&mut b, sort), ["Café menu.pdf", "CAFETERIA.txt"]);
        b.set_filter("  CAFÉ M ".into());
        assert_eq!(names(&mut b, sort), ["Café menu.pdf"]);
        b.set_filter("creme".into());
        assert_eq!(names(&mut b, sort), ["Crème brûlée"]);
    }

    /// Runs the job the browser handed out, as the backend would, and answers with it.
    fn run_job(b: &mut Browser) -> bool {
        let Some((request, job)) = b.take_filter_job() else {
            return false;
        };
        if let Some(rows) = job.run() {
            b.filtered(request, rows);
        }
        true
    }

    fn big_folder(b: &mut Browser, files: usize) {
        b.open("bk".into(), String::new());
        let keys: Vec<String> = (0..files).map(|i| format!("file {i:05}.txt")).collect();
        let files: Vec<(&str, u64)> = keys.iter().map(|k| (k.as_str(), 1)).collect();
        b.add_page(page(&[], &files), true);
    }

    #[test]
    fn a_large_scan_runs_elsewhere_and_keeps_the_rows_shown() {
        let mut b = Browser {
            async_above: 300,
            ..Browser::default()
        };
        big_folder(&mut b, 1000);
        let sort = Sort::default();
        assert_eq!(b.counts(sort), (1000, 1000));
        b.set_filter("9".into());
        // Handed out: the rows shown stay as they were meanwhile.
        assert_eq!(b.counts(sort), (1000, 1000));
        assert!(b.filtering());
        assert!(run_job(&mut b));
        assert!(!b.filtering());
        assert_eq!(b.counts(sort), (1000, 271));
        // Narrowing 271 rows is done here, at once.
        b.set_filter("99".into());
        assert_eq!(b.counts(sort), (1000, 19));
        assert!(b.take_filter_job().is_none());
    }

    #[test]
    fn an_answer_for_an_older_query_is_dropped() {
        let mut b = Browser {
            async_above: 100,
            ..Browser::default()
        };
        big_folder(&mut b, 1000);
        let sort = Sort::default();
        b.set_filter("1".into());
        b.view(sort);
        let (old_request, old_job) = b.take_filter_job().unwrap();
        b.set_filter("2".into());
        b.view(sort);
        let (request, job) = b.take_filter_job().unwrap();
        // The older job was cancelled when the newer one was made.
        assert!(old_job.cancelled.load(Ordering::Relaxed));
        assert_eq!(old_job.run(), None);
        // Even if it had finished, its answer never replaces the newer one.
        let old_rows = matching(
            &old_job.names,
            old_job.candidates.iter().copied(),
            "1",
            None,
        );
        b.filtered(request, job.run().unwrap());
        b.filtered(old_request, old_rows.unwrap());
        assert_eq!(b.counts(sort), (1000, 271));
        assert!(names(&mut b, sort).iter().all(|n| n.contains('2')));
        // Nor before it: an answer for a query no longer asked for is dropped.
        b.set_filter("3".into());
        b.view(sort);
        let (three, three_job) = b.take_filter_job().unwrap();
        b.set_filter("4".into());
        b.view(sort);
        b.filtered(three, three_job.run().unwrap_or_default());
        assert!(names(&mut b, sort).iter().all(|n| n.contains('2')));
        assert!(run_job(&mut b));
        assert!(names(&mut b, sort).iter().all(|n| n.contains('4')));
        // Going back to the query shown cancels what was asked meanwhile.
        b.set_filter("5".into());
        b.view(sort);
        b.set_filter("4".into());
        b.view(sort);
        assert!(!b.filtering());
        assert!(b.take_filter_job().is_none());
    }

    mod incremental {
        use super::*;
        use proptest::prelude::*;

        /// What the user does between two looks at the listing.
        #[derive(Clone, Debug)]
        enum Step {
            Type(char),
            Backspace,
            Clear,
            Page(Vec<(String, bool)>),
            Sort(Column),
            /// Runs the job handed out, if any (else it stays in flight).
            RunJob,
        }

        fn name() -> impl Strategy<Value = String> {
            proptest::collection::vec(
                prop::sample::select(vec!['a', 'b', 'A', 'B', 'é', 'É', 'e', ' ', '.', 'ß', 's']),
                0..6,
            )
            .prop_map(|chars| chars.into_iter().collect())
        }

        fn step() -> impl Strategy<Value = Step> {
            prop_oneof![
                4 => prop::sample::select(vec!['a', 'b', 'e', 'E', 'é', 's', ' ', '.'])
                    .prop_map(Step::Type),
                2 => Just(Step::Backspace),
                1 => Just(Step::Clear),
                2 => proptest::collection::vec((name(), any::<bool>()), 0..20).prop_map(Step::Page),
                1 => prop::sample::select(vec![Column::Name, Column::Size, Column::Modified])
                    .prop_map(Step::Sort),
                3 => Just(Step::RunJob),
            ]
        }

        /// The rows a full scan shows: every row whose folded name holds the folded query,
        /// in the sort order.
        fn full_scan(b: &Browser, sort: Sort) -> Vec<usize> {
            let needle = fold(b.filter.trim());
            let mut all: Vec<usize> = (0..b.rows.len()).collect();
            all.sort_by(|x, y| compare_rows(&b.rows, &b.names, *x, *y, sort));
            all.retain(|&i| b.names.get(i).contains(&needle));
            all
        }

        proptest! {
            #[test]
            fn narrowing_and_merging_match_a_full_scan(
                first in proptest::collection::vec((name(), any::<bool>()), 0..40),
                steps in proptest::collection::vec(step(), 1..40),
                async_above in 0usize..30,
            ) {
                let mut b = Browser { async_above, ..Browser::default() };
                let mut sort = Sort::default();
                let mut n = 0;
                let mut add = |b: &mut Browser, names: Vec<(String, bool)>| {
                    let (folders, files): (Vec<_>, Vec<_>) = names.into_iter().partition(|(_, f)| *f);
                    let folders: Vec<String> = folders.into_iter().map(|(k, _)| { n += 1; format!("{k}{n}/") }).collect();
                    let files: Vec<(String, u64)> = files.into_iter().map(|(k, _)| { n += 1; (format!("{k}{n}"), n % 7) }).collect();
                    let folders: Vec<&str> = folders.iter().map(String::as_str).collect();
                    let files: Vec<(&str, u64)> = files.iter().map(|(k, s)| (k.as_str(), *s)).collect();
                    b.add_page(page(&folders, &files), false);
                };
                b.open("bk".into(), String::new());
                add(&mut b, first);
                for step in steps {
                    match step {
                        Step::Type(c) => {
                            let mut filter = b.filter.clone();
                            filter.push(c);
                            b.set_filter(filter);
                        }
                        Step::Backspace => {
                            let mut filter = b.filter.clone();
                            filter.pop();
                            b.set_filter(filter);
                        }
                        Step::Clear => b.set_filter(String::new()),
                        Step::Page(names) => add(&mut b, names),
                        Step::Sort(column) => sort.toggle(column),
                        Step::RunJob => { run_job(&mut b); }
                    }
                    b.view(sort);
                    if !b.filtering() {
                        prop_assert_eq!(b.view(sort).to_vec(), full_scan(&b, sort));
                    }
                }
                // Whatever was in flight, once answered the view is the full scan's.
                b.view(sort);
                run_job(&mut b);
                prop_assert!(!b.filtering());
                prop_assert_eq!(b.view(sort).to_vec(), full_scan(&b, sort));
            }
        }
    }
}
