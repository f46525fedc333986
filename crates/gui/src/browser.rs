//! The bucket list (left) and the folder listing (centre): breadcrumbs, filter, sortable
//! columns, folders first. Only the visible rows are laid out, so a folder of 100 000
//! objects scrolls as smoothly as one of ten.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Local, Utc};
use egui::{
    Align, Align2, Color32, Layout, Modifiers, RichText, Role, Sense, Ui, WidgetInfo, vec2,
};

use super::widgets::{self, count, error_label};
use s3share_core::format::human_size;
use s3share_core::visible::visible;
use s3share_core::{BucketInfo, ListingPage};

/// Height of one listing row, in points.
pub const ROW_HEIGHT: f32 = 24.0;
const SIZE_WIDTH: f32 = 90.0;
const MODIFIED_WIDTH: f32 = 150.0;
const ICON_WIDTH: f32 = 24.0;

/// One line of the folder listing: a sub-folder or a file.
#[derive(Clone, Debug)]
pub struct Row {
    /// Full key (folders end in `/`).
    pub key: String,
    pub folder: bool,
    pub size: u64,
    pub modified: Option<DateTime<Utc>>,
    /// Lower-case name, for filtering and sorting.
    lower: String,
}

impl Row {
    pub fn folder(prefix: String) -> Self {
        let mut row = Self {
            key: prefix,
            folder: true,
            size: 0,
            modified: None,
            lower: String::new(),
        };
        row.lower = row.name().to_lowercase();
        row
    }

    pub fn file(key: String, size: u64, modified: Option<DateTime<Utc>>) -> Self {
        let mut row = Self {
            key,
            folder: false,
            size,
            modified,
            lower: String::new(),
        };
        row.lower = row.name().to_lowercase();
        row
    }

    /// The last part of the key, without a folder's trailing `/`.
    pub fn name(&self) -> &str {
        let trimmed = self.key.strip_suffix('/').unwrap_or(&self.key);
        trimmed.rsplit('/').next().unwrap_or(trimmed)
    }

    /// The name as shown: control and bidi characters made visible (keys come from
    /// shared buckets; see `core::visible`).
    pub fn shown_name(&self) -> std::borrow::Cow<'_, str> {
        visible(self.name())
    }

    /// What assistive technology (and the tests) call this row.
    pub fn accessible_label(&self) -> String {
        if self.folder {
            format!("{} (folder)", self.shown_name())
        } else {
            self.shown_name().into_owned()
        }
    }

    pub fn icon(&self) -> &'static str {
        if self.folder {
            return "🗀";
        }
        let ext = self
            .name()
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "jpg" | "jpeg" | "png" | "gif" | "webp" | "heic" | "svg" | "bmp" | "tif" | "tiff" => {
                "🖼"
            }
            "mp4" | "mov" | "mkv" | "avi" | "webm" => "🎞",
            "mp3" | "wav" | "flac" | "ogg" | "m4a" => "🎵",
            "zip" | "gz" | "tgz" | "7z" | "rar" | "xz" | "bz2" | "zst" | "tar" => "📦",
            _ => "🗋",
        }
    }
}

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
    view: Vec<usize>,
    view_dirty: bool,
    /// The filter `view` was made with (lower case).
    view_filter: String,
    pub filter: String,
    pub sort: Sort,
    /// Index into `rows`: the row last clicked or moved to.
    pub selected: Option<usize>,
    /// Several rows picked with Ctrl/Shift-click (empty for a single selection).
    pub picked: BTreeSet<usize>,
    /// Where a Shift-click range starts.
    anchor: Option<usize>,
    /// Scroll so the selection is visible on the next frame.
    scroll_to_selection: bool,
    /// Where the list was scrolled to and how tall it was, last frame.
    last_scroll: (f32, f32),
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
            sort: Sort::default(),
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
    pub fn click(&mut self, index: usize, modifiers: Modifiers) {
        if modifiers.shift {
            let anchor = self.anchor.or(self.selected).unwrap_or(index);
            let view = self.view().to_vec();
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

    pub fn set_sort(&mut self, column: Column) {
        if self.sort.column == column {
            self.sort.ascending = !self.sort.ascending;
        } else {
            // Sizes and dates are most useful biggest / newest first.
            self.sort = Sort {
                column,
                ascending: column == Column::Name,
            };
        }
        self.resort = true;
        self.view_dirty = true;
        self.scroll_to_selection = true;
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

    /// Rows as shown: filtered and sorted (recomputed only after a change).
    pub fn view(&mut self) -> &[usize] {
        if self.view_dirty {
            self.rebuild_view();
        }
        &self.view
    }

    /// Total rows received and rows shown.
    pub fn counts(&mut self) -> (usize, usize) {
        let shown = self.view().len();
        (self.rows.len(), shown)
    }

    fn rebuild_view(&mut self) {
        self.view_dirty = false;
        let rows = &self.rows;
        let sort = self.sort;
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
    pub fn move_selection(&mut self, delta: isize) -> Option<usize> {
        let selected = self.selected;
        let view = self.view();
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

    /// The bucket list; returns a click.
    pub fn buckets_ui(&self, ui: &mut Ui, buckets: &Buckets) -> Option<BrowserAction> {
        let mut action = None;
        ui.add_space(6.0);
        ui.label(RichText::new("Buckets").strong());
        ui.add_space(4.0);
        match buckets {
            Buckets::Loading => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Loading buckets…");
                });
            }
            Buckets::Failed(message) => {
                error_label(ui, message);
                if ui.button("Try again").clicked() {
                    action = Some(BrowserAction::Refresh);
                }
            }
            Buckets::Ready(list) if list.is_empty() => {
                ui.add(
                    egui::Label::new(
                        "No buckets yet. Create one in your storage provider's console, then refresh.",
                    )
                    .wrap(),
                );
                if ui.button("Refresh").clicked() {
                    action = Some(BrowserAction::Refresh);
                }
            }
            Buckets::Ready(list) => {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        ui.with_layout(Layout::top_down_justified(Align::Min), |ui| {
                            for bucket in list {
                                let open = self.bucket.as_deref() == Some(bucket.name.as_str());
                                let shown = visible(&bucket.name);
                                let response = ui
                                    .selectable_label(open, shown.as_ref())
                                    .on_hover_text(format!("Open the bucket {shown}"));
                                if response.clicked() {
                                    action = Some(BrowserAction::OpenBucket(bucket.name.clone()));
                                }
                            }
                        });
                    });
            }
        }
        action
    }

    /// Bucket › folder › sub-folder; every part but the last opens its folder.
    pub fn breadcrumbs_ui(&self, ui: &mut Ui) -> Option<BrowserAction> {
        let bucket = self.bucket.as_ref()?;
        let mut action = None;
        let parts: Vec<&str> = self.prefix.split('/').filter(|p| !p.is_empty()).collect();
        let crumb = |ui: &mut Ui, text: &str, is_last: bool| -> bool {
            if is_last {
                ui.label(RichText::new(text).strong());
                false
            } else {
                ui.add(egui::Button::new(text).frame(false))
                    .on_hover_text(format!("Go to {text}"))
                    .clicked()
            }
        };
        if crumb(ui, &format!("🗄 {}", visible(bucket)), parts.is_empty()) {
            action = Some(BrowserAction::OpenFolder(String::new()));
        }
        let mut prefix = String::new();
        for (i, part) in parts.iter().enumerate() {
            ui.label(RichText::new("›").weak());
            prefix.push_str(part);
            prefix.push('/');
            if crumb(ui, &visible(part), i + 1 == parts.len()) {
                action = Some(BrowserAction::OpenFolder(prefix.clone()));
            }
        }
        action
    }

    /// The listing: header, rows, empty states. Returns the click, if any.
    pub fn listing_ui(&mut self, ui: &mut Ui) -> Option<BrowserAction> {
        if self.bucket.is_none() {
            empty_state(ui, "Pick a bucket on the left to see its files.");
            return None;
        }
        let mut action = self.header_ui(ui);
        ui.separator();

        if let Listing::Failed(message) = &self.listing {
            let message = message.clone();
            ui.add_space(8.0);
            error_label(ui, &message);
            if ui.button("Try again").clicked() {
                action = Some(BrowserAction::Refresh);
            }
            return action;
        }
        let loading = self.listing == Listing::Loading;
        let (total, shown) = self.counts();
        if shown == 0 {
            if loading {
                ui.add_space(12.0);
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Loading…");
                });
            } else if total == 0 {
                empty_state(ui, "This folder is empty.");
            } else {
                let text = format!("Nothing in this folder matches “{}”.", self.filter.trim());
                empty_state(ui, &text);
            }
            return action;
        }

        let this_year = Local::now().year();
        let scroll_target = self.scroll_target(shown);
        let mut area = egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .id_salt(("listing", self.generation));
        if let Some(offset) = scroll_target {
            area = area.vertical_scroll_offset(offset);
        }
        let rows = &self.rows;
        let view = &self.view;
        let this = &*self;
        let output = ui
            .scope(|ui| {
                ui.spacing_mut().item_spacing.y = 0.0;
                area.show_rows(ui, ROW_HEIGHT, shown, |ui, range| {
                    let mut clicked = None;
                    for &index in &view[range] {
                        let row = &rows[index];
                        if row_ui(ui, row, this.is_selected(index), this_year).clicked() {
                            clicked = Some((index, row.folder, click_modifiers(ui)));
                        }
                    }
                    clicked
                })
            })
            .inner;
        self.last_scroll = (output.state.clamped_offset().y, output.inner_rect.height());
        let clicked = match output.inner {
            // A plain click on a folder opens it; with Ctrl or Shift it joins the selection.
            Some((index, true, modifiers)) if !(modifiers.command || modifiers.shift) => {
                Some(BrowserAction::OpenFolder(self.rows[index].key.clone()))
            }
            Some((index, _, modifiers)) => {
                self.click(index, modifiers);
                Some(BrowserAction::Select(index))
            }
            None => None,
        };
        action.or(clicked)
    }

    /// The offset that brings the selection into view, when it must move.
    fn scroll_target(&mut self, shown: usize) -> Option<f32> {
        if !std::mem::take(&mut self.scroll_to_selection) {
            return None;
        }
        let selected = self.selected?;
        let position = self.view.iter().position(|&i| i == selected)?;
        debug_assert!(position < shown);
        #[expect(
            clippy::cast_precision_loss,
            reason = "row positions are far below 2^24"
        )]
        let top = position as f32 * ROW_HEIGHT;
        let (offset, height) = self.last_scroll;
        if top < offset {
            Some(top)
        } else if top + ROW_HEIGHT > offset + height && height > 0.0 {
            Some(top + ROW_HEIGHT - height)
        } else {
            None
        }
    }

    fn header_ui(&mut self, ui: &mut Ui) -> Option<BrowserAction> {
        let width = ui.available_width();
        let name_width = (width - SIZE_WIDTH - MODIFIED_WIDTH).max(80.0);
        let mut clicked = None;
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = 0.0;
            for (column, label, w, align) in [
                (Column::Name, "Name", name_width, Align::Min),
                (Column::Size, "Size", SIZE_WIDTH, Align::Max),
                (Column::Modified, "Modified", MODIFIED_WIDTH, Align::Min),
            ] {
                if self.header_cell(ui, column, label, w, align) {
                    clicked = Some(column);
                }
            }
        });
        if let Some(column) = clicked {
            self.set_sort(column);
        }
        None
    }

    fn header_cell(
        &self,
        ui: &mut Ui,
        column: Column,
        label: &str,
        width: f32,
        align: Align,
    ) -> bool {
        let (rect, response) = ui.allocate_exact_size(vec2(width, ROW_HEIGHT), Sense::click());
        let active = self.sort.column == column;
        let direction = if self.sort.ascending {
            "ascending"
        } else {
            "descending"
        };
        response.widget_info(|| {
            let mut info = WidgetInfo::labeled(
                Role::Button,
                true,
                format!("Sort by {}", label.to_lowercase()),
            );
            if active {
                info.selected = Some(true);
            }
            info
        });
        let response = response.on_hover_text(if active {
            format!(
                "Sorted by {} ({direction}); click to reverse",
                label.to_lowercase()
            )
        } else {
            format!("Sort by {}", label.to_lowercase())
        });
        if ui.is_rect_visible(rect) {
            let visuals = ui.style().interact(&response);
            let text = match (active, self.sort.ascending) {
                (true, true) => format!("{label} ⏶"),
                (true, false) => format!("{label} ⏷"),
                (false, _) => label.to_owned(),
            };
            let inner = rect.shrink2(vec2(6.0, 0.0));
            let (anchor, pos) = if align == Align::Max {
                (Align2::RIGHT_CENTER, inner.right_center())
            } else {
                (
                    Align2::LEFT_CENTER,
                    inner.left_center()
                        + vec2(
                            if column == Column::Name {
                                ICON_WIDTH
                            } else {
                                0.0
                            },
                            0.0,
                        ),
                )
            };
            let color = if response.hovered() {
                visuals.text_color()
            } else {
                ui.visuals().weak_text_color()
            };
            ui.painter().text(
                pos,
                anchor,
                text,
                egui::TextStyle::Button.resolve(ui.style()),
                color,
            );
        }
        response.clicked()
    }
}

/// The modifiers held when the pointer was released this frame (they ride on the event;
/// the keyboard state may already have changed by the end of the frame).
fn click_modifiers(ui: &Ui) -> Modifiers {
    ui.input(|i| {
        i.events
            .iter()
            .rev()
            .find_map(|e| match e {
                egui::Event::PointerButton {
                    pressed: false,
                    modifiers,
                    ..
                } => Some(*modifiers),
                _ => None,
            })
            .unwrap_or(i.modifiers)
    })
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

fn empty_state(ui: &mut Ui, text: &str) {
    ui.add_space(40.0);
    ui.vertical_centered(|ui| {
        ui.label(RichText::new(text).size(15.0).weak());
    });
}

/// One row, painted directly (no child widgets): cheap enough for any number of frames.
fn row_ui(ui: &mut Ui, row: &Row, selected: bool, this_year: i32) -> egui::Response {
    let width = ui.available_width();
    // Not a tab stop of its own: the list is one stop, moved through with the arrow keys.
    let (rect, response) = ui.allocate_exact_size(vec2(width, ROW_HEIGHT), Sense::CLICK);
    response
        .widget_info(|| WidgetInfo::selected(Role::Button, true, selected, row.accessible_label()));
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.visuals();
    let painter = ui.painter_at(rect);
    if selected {
        painter.rect_filled(rect, 3.0, visuals.selection.bg_fill);
    } else if response.hovered() {
        painter.rect_filled(rect, 3.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let text_color = if selected {
        visuals.selection.stroke.color
    } else {
        visuals.text_color()
    };
    let weak = if selected {
        text_color
    } else {
        visuals.weak_text_color()
    };
    let font = egui::TextStyle::Body.resolve(ui.style());
    let name_width = (width - SIZE_WIDTH - MODIFIED_WIDTH).max(80.0);
    let y = rect.center().y;
    let icon_color = if row.folder && !selected {
        Color32::from_rgb(0xd8, 0xa0, 0x30)
    } else {
        weak
    };
    painter.text(
        egui::pos2(rect.left() + 6.0, y),
        Align2::LEFT_CENTER,
        row.icon(),
        font.clone(),
        icon_color,
    );
    let name_galley = egui::WidgetText::from(row.shown_name()).into_galley(
        ui,
        Some(egui::TextWrapMode::Truncate),
        name_width - ICON_WIDTH - 12.0,
        egui::TextStyle::Body,
    );
    let name_pos = egui::pos2(
        rect.left() + 6.0 + ICON_WIDTH,
        y - name_galley.size().y / 2.0,
    );
    painter.galley(name_pos, name_galley, text_color);
    if !row.folder {
        let size_right = rect.left() + name_width + SIZE_WIDTH - 6.0;
        painter.text(
            egui::pos2(size_right, y),
            Align2::RIGHT_CENTER,
            human_size(row.size),
            font.clone(),
            weak,
        );
        if let Some(modified) = row.modified {
            painter.text(
                egui::pos2(rect.left() + name_width + SIZE_WIDTH + 6.0, y),
                Align2::LEFT_CENTER,
                widgets::local_short(modified, this_year),
                font,
                weak,
            );
        }
    }
    response
}

/// The line under the listing: "1 000 items, loading more…".
pub fn status_text(browser: &mut Browser) -> Option<String> {
    browser.bucket.as_ref()?;
    let (total, shown) = browser.counts();
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

    fn names(b: &mut Browser) -> Vec<String> {
        let view = b.view().to_vec();
        view.iter().map(|&i| b.rows[i].name().to_owned()).collect()
    }

    #[test]
    fn folders_first_then_sorted() {
        let mut b = Browser::default();
        b.open("bk".into(), "p/".into());
        b.add_page(
            page(&["p/zeta/"], &[("p/b.txt", 5), ("p/A.txt", 50)]),
            false,
        );
        b.add_page(page(&["p/alpha/"], &[("p/c.txt", 1)]), true);
        assert_eq!(names(&mut b), ["alpha", "zeta", "A.txt", "b.txt", "c.txt"]);
        b.set_sort(Column::Size);
        assert_eq!(names(&mut b), ["zeta", "alpha", "A.txt", "b.txt", "c.txt"]);
        b.set_sort(Column::Size);
        assert_eq!(names(&mut b), ["alpha", "zeta", "c.txt", "b.txt", "A.txt"]);
        b.set_filter("TXT".into());
        assert_eq!(b.counts(), (5, 3));
        b.set_filter("b.TXT".into());
        assert_eq!(names(&mut b), ["b.txt"]);
        b.set_filter("a".into());
        assert_eq!(names(&mut b), ["alpha", "zeta", "A.txt"]);
        b.add_page(page(&[], &[("p/aa.txt", 7)]), true);
        assert_eq!(names(&mut b), ["alpha", "zeta", "aa.txt", "A.txt"]);
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
        assert_eq!(b.move_selection(1), Some(0));
        assert_eq!(b.move_selection(1), Some(1));
        assert_eq!(b.move_selection(1), Some(1));
        assert_eq!(b.move_selection(-5), Some(0));
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
        b.click(a, Modifiers::NONE);
        assert_eq!(keys(&mut b), ["a"]);
        b.click(c, Modifiers::COMMAND);
        assert_eq!(keys(&mut b), ["a", "c"]);
        b.click(a, Modifiers::COMMAND);
        assert_eq!(keys(&mut b), ["c"]);
        assert!(b.picked.is_empty());
        b.click(d, Modifiers::SHIFT);
        assert_eq!(keys(&mut b), ["c", "d"]);
        // A range over a folder shares only the files.
        let sub = index(&b, "sub/");
        b.click(a, Modifiers::NONE);
        b.click(sub, Modifiers::SHIFT);
        assert_eq!(keys(&mut b), ["a"]);
        b.click(d, Modifiers::SHIFT);
        assert_eq!(keys(&mut b), ["a", "b", "c", "d"]);
        // Arrow keys go back to one file.
        b.move_selection(1);
        assert_eq!(b.selected_files().len(), 1);
    }
}
