//! The browser as drawn: the bucket list, breadcrumbs, the sortable header and the
//! folder table. Only the visible rows are laid out, so a folder of 100 000 objects
//! scrolls as smoothly as one of ten.

use chrono::{Datelike, Local};
use egui::{Align, Align2, Layout, Modifiers, RichText, Role, Sense, Ui, WidgetInfo, vec2};

use super::model::{Browser, BrowserAction, Buckets, Column, Listing, Sort};
use super::row::Row;
use crate::widgets::error_label;
use s3share_core::i18n::locale_format::{human_size, short_date_in};
use s3share_core::tr;
use s3share_core::visible::visible;

/// Height of one listing row, in points.
pub const ROW_HEIGHT: f32 = 24.0;
const ICON_WIDTH: f32 = 24.0;

/// The widths of the name, size and modified columns in a table `width` wide: the size
/// and date columns narrow down first in a narrow list, so names keep what they can.
fn column_widths(width: f32) -> (f32, f32, f32) {
    let (size, modified) = if width < 600.0 {
        (76.0, 112.0)
    } else {
        (90.0, 150.0)
    };
    ((width - size - modified).max(80.0), size, modified)
}

impl Browser {
    /// The bucket list; returns a click.
    pub fn buckets_ui(&self, ui: &mut Ui, buckets: &Buckets) -> Option<BrowserAction> {
        let mut action = None;
        ui.add_space(6.0);
        ui.label(RichText::new(tr!("table-buckets")).strong());
        ui.add_space(4.0);
        match buckets {
            Buckets::Loading => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr!("table-loading-buckets"));
                });
            }
            Buckets::Failed(message) => {
                error_label(ui, message);
                if ui.button(tr!("table-try-again")).clicked() {
                    action = Some(BrowserAction::Refresh);
                }
            }
            Buckets::Ready(list) if list.is_empty() => {
                ui.add(egui::Label::new(tr!("table-no-buckets")).wrap());
                if ui.button(tr!("table-refresh")).clicked() {
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
                                    .on_hover_text(tr!("table-open-bucket", name = shown.as_ref()));
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
                    .on_hover_text(tr!("table-go-to", name = text))
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
    /// `sort`: the window's remembered sort order; a header click changes it.
    pub fn listing_ui(&mut self, ui: &mut Ui, sort: &mut Sort) -> Option<BrowserAction> {
        if self.bucket.is_none() {
            empty_state(ui, &tr!("table-pick-bucket"));
            return None;
        }
        let mut action = self.header_ui(ui, sort);
        let sort = *sort;
        ui.separator();

        if let Listing::Failed(message) = &self.listing {
            let message = message.clone();
            ui.add_space(8.0);
            error_label(ui, &message);
            if ui.button(tr!("table-try-again")).clicked() {
                action = Some(BrowserAction::Refresh);
            }
            return action;
        }
        let loading = self.listing == Listing::Loading;
        let (total, shown) = self.counts(sort);
        if shown == 0 {
            if loading {
                ui.add_space(12.0);
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr!("table-loading"));
                });
            } else if total == 0 {
                empty_state(ui, &tr!("table-empty-folder"));
            } else if self.filtering() {
                // The rows shown were filtered out earlier; the new query's are on their way.
                ui.add_space(12.0);
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr!("table-filtering"));
                });
            } else {
                let text = tr!("table-no-match", filter = self.filter.trim());
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
                self.click(index, modifiers, sort);
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

    fn header_ui(&mut self, ui: &mut Ui, sort: &mut Sort) -> Option<BrowserAction> {
        let current = *sort;
        let (name_width, size_width, modified_width) = column_widths(ui.available_width());
        let mut clicked = None;
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = 0.0;
            for (column, label, w, align) in [
                (Column::Name, tr!("table-name"), name_width, Align::Min),
                (Column::Size, tr!("table-size"), size_width, Align::Max),
                (
                    Column::Modified,
                    tr!("table-modified"),
                    modified_width,
                    Align::Min,
                ),
            ] {
                if self.header_cell(ui, current, column, &label, w, align) {
                    clicked = Some(column);
                }
            }
        });
        if let Some(column) = clicked {
            sort.toggle(column);
        }
        None
    }

    fn header_cell(
        &self,
        ui: &mut Ui,
        sort: Sort,
        column: Column,
        label: &str,
        width: f32,
        align: Align,
    ) -> bool {
        let (rect, response) = ui.allocate_exact_size(vec2(width, ROW_HEIGHT), Sense::click());
        let active = sort.column == column;
        let in_sentence = match column {
            Column::Name => tr!("table-name-in-sentence"),
            Column::Size => tr!("table-size-in-sentence"),
            Column::Modified => tr!("table-modified-in-sentence"),
        };
        let sort_by = tr!("table-sort-by", column = in_sentence.as_str());
        response.widget_info(|| {
            let mut info = WidgetInfo::labeled(Role::Button, true, sort_by.clone());
            if active {
                info.selected = Some(true);
            }
            info
        });
        let response = response.on_hover_text(match (active, sort.ascending) {
            (true, true) => tr!("table-sorted-ascending", column = in_sentence.as_str()),
            (true, false) => tr!("table-sorted-descending", column = in_sentence.as_str()),
            (false, _) => sort_by.clone(),
        });
        if ui.is_rect_visible(rect) {
            let visuals = ui.style().interact(&response);
            let text = match (active, sort.ascending) {
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
        painter.rect_filled(rect, 3.0, crate::theme::palette(visuals).row_hover);
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
    let (name_width, size_width, _) = column_widths(width);
    let y = rect.center().y;
    let icon_color = if row.folder && !selected {
        crate::theme::palette(visuals).folder
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
    // A name cut short ("Contract for the…") shows whole on hover, escapes and all.
    let elided = name_galley.elided;
    painter.galley(name_pos, name_galley, text_color);
    if !row.folder {
        let size_right = rect.left() + name_width + size_width - 6.0;
        painter.text(
            egui::pos2(size_right, y),
            Align2::RIGHT_CENTER,
            human_size(row.size),
            font.clone(),
            weak,
        );
        if let Some(modified) = row.modified {
            painter.text(
                egui::pos2(rect.left() + name_width + size_width + 6.0, y),
                Align2::LEFT_CENTER,
                short_date_in(
                    s3share_core::i18n::language(),
                    &modified.with_timezone(&Local),
                    this_year,
                ),
                font,
                weak,
            );
        }
    }
    if elided {
        response.on_hover_text(row.shown_name())
    } else {
        response
    }
}
