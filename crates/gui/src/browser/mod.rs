//! The bucket list (left) and the folder listing (centre): breadcrumbs, filter, sortable
//! columns, folders first.
//!
//! - `row`: one line of the listing
//! - `model`: rows, sorting, filtering, selection, listing pages (no drawing)
//! - `table`: the bucket list, breadcrumbs and the table as drawn

mod model;
mod row;
mod table;

pub use model::{
    ASYNC_FILTER_ABOVE, Browser, BrowserAction, Buckets, Column, Listing, Sort, status_text,
};
pub use row::Row;
pub use table::ROW_HEIGHT;
