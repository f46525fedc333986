//! The open folder as data: rows arriving page by page, sorted (each page merged, not a
//! full re-sort) and filtered into the view, and the selection (click, Ctrl/Shift-click,
//! arrow keys). No drawing here.

use std::collections::BTreeSet;

use egui::Modifiers;

use super::row::Row;
use s3share_core::format::count;
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

/// The open folder.
#[derive(Debug)]
pub struct Browser {
    pub bucket: Option<String>,
    pub prefix: String,
    /// Bumped for every listing request; answers for older ones are dropped.
    pub generation: u64,
    pub listing: Listing,
    pub rows: Vec<Row>,
    /// Every position in `rows`, sorted (merged page by page as they arrive).
    order: Vec<usize>,
    /// Rows not yet merged into `order`.
    unmerged: Vec<usize>,
    /// The sort changed: `order` must be rebuilt from scratch.
    resort: bool,
    /// Positions in `rows`, filtered and sorted: what the table shows.
    pub(super) view: Vec<usize>,
    view_dirty: bool,
    /// The filter `view` was made with (lower case).
    view_filter: String,
    pub filter: String,
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
}

impl Default for Browser {
    fn default() -> Self {
        Self {
            bucket: None,
            prefix: String::new(),
            generation: 0,
            listing: Listing::Idle,
            rows: Vec::new(),
            order: Vec::new(),
            unmerged: Vec::new(),
            resort: false,
            view: Vec::new(),
            view_dirty: false,
            view_filter: String::new(),
            filter: String::new(),
            sorted_by: Sort::default(),
            selected: None,
            picked: BTreeSet::new(),
            anchor: None,
            scroll_to_selection: false,
            last_scroll: (0.0, 0.0),
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
        self.order.clear();
        self.unmerged.clear();
        self.view.clear();
        self.view_filter.clear();
        self.selected = None;
        self.picked.clear();
        self.anchor = None;
        self.filter.clear();
        self.listing = Listing::Loading;
        self.last_scroll = (0.0, 0.0);
        self.generation
    }

    /// Adds a page of the current listing.
    pub fn add_page(&mut self, page: ListingPage, done: bool) {
        self.rows.reserve(page.folders.len() + page.objects.len());
        let first = self.rows.len();
        self.rows.extend(page.folders.into_iter().map(Row::folder));
        self.rows.extend(
            page.objects
                .into_iter()
                .map(|o| Row::file(o.key, o.size, o.last_modified)),
        );
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
        let rows = &self.rows;
        let sort = self.sorted_by;
        let compare = |a: &usize, b: &usize| compare_rows(&rows[*a], &rows[*b], sort);
        let mut order_changed = false;
        if std::mem::take(&mut self.resort) {
            self.order.clear();
            self.order.extend(0..rows.len());
            self.order.sort_unstable_by(compare);
            self.unmerged.clear();
            order_changed = true;
        } else if !self.unmerged.is_empty() {
            // A page arrived: sort it alone, then merge (linear, not a full re-sort).
            let mut new = std::mem::take(&mut self.unmerged);
            new.sort_unstable_by(compare);
            let old = std::mem::take(&mut self.order);
            self.order = merge(&old, &new, compare);
            order_changed = true;
        }
        let needle = self.filter.trim().to_lowercase();
        if needle.is_empty() {
            self.view.clone_from(&self.order);
        } else if !order_changed
            && !self.view_filter.is_empty()
            && needle.contains(&self.view_filter)
        {
            // Typing more narrows what is already shown.
            self.view.retain(|&i| rows[i].lower.contains(&needle));
        } else {
            self.view.clear();
            self.view.extend(
                self.order
                    .iter()
                    .copied()
                    .filter(|&i| rows[i].lower.contains(&needle)),
            );
        }
        self.view_filter = needle;
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

/// Folders first (whatever the direction), then by the sort column, then by name.
fn compare_rows(a: &Row, b: &Row, sort: Sort) -> std::cmp::Ordering {
    b.folder.cmp(&a.folder).then_with(|| {
        let by_name = || a.lower.cmp(&b.lower).then_with(|| a.key.cmp(&b.key));
        let order = match sort.column {
            Column::Name => by_name(),
            Column::Size => a.size.cmp(&b.size).then_with(by_name),
            Column::Modified => a.modified.cmp(&b.modified).then_with(by_name),
        };
        if sort.ascending {
            order
        } else {
            order.reverse()
        }
    })
}

/// Merges two sorted lists.
fn merge(
    a: &[usize],
    b: &[usize],
    compare: impl Fn(&usize, &usize) -> std::cmp::Ordering,
) -> Vec<usize> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if compare(&b[j], &a[i]).is_lt() {
            out.push(b[j]);
            j += 1;
        } else {
            out.push(a[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// The line under the listing: "1 000 items, loading more…".
pub fn status_text(browser: &mut Browser, sort: Sort) -> Option<String> {
    browser.bucket.as_ref()?;
    let (total, shown) = browser.counts(sort);
    let items = |n: usize| {
        if n == 1 {
            "1 item".to_owned()
        } else {
            format!("{} items", count(n))
        }
    };
    let mut text = if shown == total {
        items(total)
    } else {
        format!("{} of {} shown", count(shown), items(total))
    };
    match browser.listing {
        Listing::Loading => text.push_str(", loading more…"),
        Listing::Failed(_) => text.push_str(" (the listing stopped with an error)"),
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
}
