//! Password-protected files: the file is sealed here (AES-256-GCM, key from the password)
//! and shared with a page that opens it in the recipient's browser.

pub mod sealed;
