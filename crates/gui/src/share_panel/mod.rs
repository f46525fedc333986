//! The right-hand panel: what the selected file is, how long the link works, whether it
//! opens or downloads, and the big Copy link button.
//!
//! - `model`: settings, selection, link and test states, the reuse rule (no egui drawing)
//! - `view`: the panel's `ui()` and the QR code window
//! - `delivery`: what happens to links once made (clipboard, email, mail program, QR)
//! - `preview`: a look at the selected file (picture, first lines, page count)

mod delivery;
mod model;
mod preview;
mod view;

pub use delivery::{copied_text, page_copied_text, qr_image};
pub use model::{
    Deliver, ExpiryChoice, LinkState, PageState, QrView, ShareAction, SharePanel, ShareSettings,
    TestState, Unit, temporary_end,
};
pub use preview::PreviewPane;
