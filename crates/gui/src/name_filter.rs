//! Finding rows by name: names folded once when they arrive (case and accents: "cafe" finds
//! "Café menu"), and [`FilterJob`], the scan of a large folder that the backend runs off the
//! UI thread. Knows only std, `memchr` and `unicode-normalization`, so the bus can carry a
//! job without knowing the browser.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use memchr::memmem;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `text` as the filter compares it: compatibility-decomposed (NFKD, so "ﬁ" is "fi" and
/// full-width letters are plain ones), accents and other combining marks dropped, lower
/// case, and the case folds that lower case misses (ς → σ, ß → ss).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`], appended to `out` (no allocation of its own).
pub fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        // Most keys: nothing to decompose.
        out.extend(text.chars().map(|c| c.to_ascii_lowercase()));
        return;
    }
    for c in text.nfkd().flat_map(char::to_lowercase) {
        match c {
            c if is_combining_mark(c) => {}
            'ς' => out.push('σ'),
            'ß' => out.push_str("ss"),
            c => out.push(c),
        }
    }
}

/// The folded names of a folder's rows, in the rows' order, in one buffer (one allocation
/// per page rather than one per row; a job shares it through an `Arc`).
#[derive(Clone, Debug, Default)]
pub struct FoldedNames {
    text: String,
    /// Where each name ends in `text`.
    ends: Vec<usize>,
}

impl FoldedNames {
    pub fn push(&mut self, name: &str) {
        fold_into(name, &mut self.text);
        self.ends.push(self.text.len());
    }

    pub fn reserve(&mut self, rows: usize) {
        self.ends.reserve(rows);
    }

    /// The folded name of row `index`.
    pub fn get(&self, index: usize) -> &str {
        let start = index.checked_sub(1).map_or(0, |i| self.ends[i]);
        &self.text[start..self.ends[index]]
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// A folded, non-empty needle, searched for in folded names.
pub struct Needle<'a>(memmem::Finder<'a>);

impl<'a> Needle<'a> {
    /// `folded` must come from [`fold`].
    pub fn new(folded: &'a str) -> Self {
        Self(memmem::Finder::new(folded.as_bytes()))
    }

    pub fn is_in(&self, folded_name: &str) -> bool {
        self.0.find(folded_name.as_bytes()).is_some()
    }
}

/// The rows among `candidates` (positions into `names`, kept in their order) whose folded
/// name contains `needle` (folded). `None` if `cancelled` was set on the way.
pub fn matching(
    names: &FoldedNames,
    candidates: impl IntoIterator<Item = usize>,
    needle: &str,
    cancelled: Option<&AtomicBool>,
) -> Option<Vec<usize>> {
    /// Rows between two looks at `cancelled` (a few hundred microseconds).
    const CHECK_EVERY: usize = 8192;
    let needle = Needle::new(needle);
    let mut found = Vec::new();
    for (n, row) in candidates.into_iter().enumerate() {
        if n % CHECK_EVERY == 0 && cancelled.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return None;
        }
        if needle.is_in(names.get(row)) {
            found.push(row);
        }
    }
    Some(found)
}

/// A filter over many rows, for a thread other than the UI's: everything it reads is shared
/// and never changes while it runs (new pages copy `names` on write).
#[derive(Clone)]
pub struct FilterJob {
    pub names: Arc<FoldedNames>,
    /// Rows to look at, in the order to keep.
    pub candidates: Arc<Vec<usize>>,
    /// Folded, non-empty.
    pub needle: String,
    /// Set when a newer filter makes this one useless.
    pub cancelled: Arc<AtomicBool>,
}

/// Counts, not the names: a command in a log line stays one line.
impl std::fmt::Debug for FilterJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FilterJob")
            .field("names", &self.names.len())
            .field("candidates", &self.candidates.len())
            .field("needle", &self.needle)
            .finish_non_exhaustive()
    }
}

impl FilterJob {
    /// The matching rows, or `None` if the job was cancelled.
    pub fn run(&self) -> Option<Vec<usize>> {
        matching(
            &self.names,
            self.candidates.iter().copied(),
            &self.needle,
            Some(&self.cancelled),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_compatibility_forms() {
        assert_eq!(fold("Café Menu.PDF"), "cafe menu.pdf");
        assert_eq!(fold("RÉSUMÉ"), "resume");
        // Decomposed input (as macOS writes names) folds the same as composed.
        assert_eq!(fold("Cafe\u{301}"), fold("Café"));
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("ΟΔΟΣ"), fold("οδοσ"));
        assert_eq!(fold("ﬁle"), "file");
        assert_eq!(fold("ＡＢＣ"), "abc");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("Ångström"), "angstrom");
        // Scripts without case or accents stay as they are.
        assert_eq!(fold("写真 2024"), "写真 2024");
    }

    #[test]
    fn folded_names_and_matching() {
        let mut names = FoldedNames::default();
        for name in [
            "Café menu.pdf",
            "",
            "cafeteria",
            "IMG_0001.JPG",
            "crème brûlée",
        ] {
            names.push(name);
        }
        assert_eq!(names.len(), 5);
        assert_eq!(names.get(0), "cafe menu.pdf");
        assert_eq!(names.get(1), "");
        assert_eq!(names.get(4), "creme brulee");
        let found = |needle: &str| matching(&names, 0..names.len(), &fold(needle), None).unwrap();
        assert_eq!(found("CAFE"), [0, 2]);
        assert_eq!(found("café"), [0, 2]);
        assert_eq!(found("brûl"), [4]);
        assert_eq!(found(".jpg"), [3]);
        // Kept in the candidates' order.
        let some = matching(&names, [3, 2, 0], &fold("a"), None).unwrap();
        assert_eq!(some, [2, 0]);
    }

    #[test]
    fn a_cancelled_job_gives_nothing() {
        let mut names = FoldedNames::default();
        for i in 0..20_000 {
            names.push(&format!("file {i}"));
        }
        let job = FilterJob {
            names: Arc::new(names),
            candidates: Arc::new((0..20_000).collect()),
            needle: "file".to_owned(),
            cancelled: Arc::new(AtomicBool::new(false)),
        };
        assert_eq!(job.run().map(|rows| rows.len()), Some(20_000));
        job.cancelled.store(true, Ordering::Relaxed);
        assert_eq!(job.run(), None);
    }
}
