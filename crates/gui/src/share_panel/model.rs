//! What the share panel knows: the chosen lifetime and open/download mode (remembered
//! between runs), the selected files, and how far their links got. No drawing here.

use std::time::Instant;

use chrono::{DateTime, Utc};

use crate::bus::{MailOutcome, RequestId};
use s3share_core::credentials::CredentialsInfo;
use s3share_core::disposition::sanitize_file_name;
use s3share_core::link_check::LinkCheck;
use s3share_core::visible::visible;
use s3share_core::{Error, Expiry, LinkMode, S3Location, ShareLink, ShareRequest};

/// The lifetime presets, and Custom.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ExpiryChoice {
    FifteenMinutes,
    #[default]
    OneHour,
    OneDay,
    SevenDays,
    Custom,
}

impl ExpiryChoice {
    /// The preset lengths; each is labelled in its largest whole unit ("15 minutes",
    /// "1 Stunde") by `locale_format::duration_exact`.
    pub const PRESETS: [(ExpiryChoice, Expiry); 4] = [
        (ExpiryChoice::FifteenMinutes, Expiry::FIFTEEN_MINUTES),
        (ExpiryChoice::OneHour, Expiry::ONE_HOUR),
        (ExpiryChoice::OneDay, Expiry::ONE_DAY),
        (ExpiryChoice::SevenDays, Expiry::SEVEN_DAYS),
    ];
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Unit {
    Minutes,
    #[default]
    Hours,
    Days,
}

impl Unit {
    pub(super) const ALL: [Unit; 3] = [Unit::Minutes, Unit::Hours, Unit::Days];

    pub(super) fn secs(self) -> u64 {
        match self {
            Unit::Minutes => 60,
            Unit::Hours => 3600,
            Unit::Days => 86_400,
        }
    }

    /// The unit's name after `amount`: "1 day", "3 days".
    pub(super) fn label(self, amount: u64) -> String {
        match self {
            Unit::Minutes => s3share_core::tr!("share-unit-minutes", count = amount),
            Unit::Hours => s3share_core::tr!("share-unit-hours", count = amount),
            Unit::Days => s3share_core::tr!("share-unit-days", count = amount),
        }
    }
}

/// The choices the window remembers between runs.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ShareSettings {
    pub choice: ExpiryChoice,
    pub custom_amount: String,
    pub custom_unit: Unit,
    pub download: bool,
}

impl Default for ShareSettings {
    fn default() -> Self {
        Self {
            choice: ExpiryChoice::default(),
            custom_amount: "2".to_owned(),
            custom_unit: Unit::Hours,
            download: false,
        }
    }
}

impl ShareSettings {
    /// The chosen lifetime, or why it cannot be used (in words).
    pub fn expiry(&self) -> Result<Expiry, String> {
        if let Some((_, expiry)) = ExpiryChoice::PRESETS
            .iter()
            .find(|(c, ..)| *c == self.choice)
        {
            return Ok(*expiry);
        }
        let text = self.custom_amount.trim();
        if text.is_empty() {
            return Err(s3share_core::tr!("share-expiry-empty"));
        }
        let amount: u64 = text
            .parse()
            .map_err(|_| s3share_core::tr!("share-expiry-not-number", text = text))?;
        Expiry::from_secs(amount.saturating_mul(self.custom_unit.secs())).map_err(|e| plain(&e))
    }
}

/// An error's message without the field name, as a sentence.
fn plain(error: &Error) -> String {
    let text = match error {
        Error::InvalidInput { reason, .. } => reason.clone(),
        other => other.to_string(),
    };
    let mut chars = text.chars();
    let sentence = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect::<String>())
        .unwrap_or_default();
    if sentence.ends_with('.') {
        sentence
    } else {
        format!("{sentence}.")
    }
}

/// What to do with links once they are made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deliver {
    /// The URL (one file) or a plain list (several) on the clipboard.
    Link,
    /// HTML with a plain-text alternative on the clipboard.
    ForEmail,
    /// A new message in the default mail program (`mailto:`).
    Email,
    /// A QR code on screen.
    Qr,
}

/// The link(s) for the selected file(s), as far as they got.
#[derive(Clone, Debug)]
pub enum LinkState {
    Idle,
    Pending {
        request: RequestId,
        deliver: Deliver,
    },
    Ready {
        links: Vec<ShareLink>,
        deliver: Deliver,
        /// Something the user should know about how it was delivered.
        note: Option<String>,
        /// When they arrived, on this computer's monotonic clock (their `created_at` is
        /// the storage service's time, which may differ from this computer's).
        made_at: Instant,
    },
    /// `missing`: the file is gone, so refreshing the folder is the next step.
    Failed {
        message: String,
        missing: bool,
    },
}

/// "Share as one link": a page listing the selected files (or a folder's), as far as it got.
#[derive(Clone, Debug)]
pub enum PageState {
    Idle,
    Pending {
        request: RequestId,
    },
    /// Copied: the page's link and how many files it lists.
    Ready {
        link: Box<ShareLink>,
        files: usize,
    },
    Failed(String),
}

#[derive(Clone, Debug)]
pub enum TestState {
    Idle,
    Pending { request: RequestId },
    Done(LinkCheck),
}

/// What a click in the panel asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareAction {
    CopyLink,
    CopyForEmail,
    Email,
    ShowQr,
    TestLink,
    RefreshFolder,
    /// One page with a link for each selected file (or each file of the selected folder).
    ShareAsPage,
    /// "With a password…": the selected file, encrypted, behind a page that asks for it.
    Protect,
}

/// The QR code window.
pub struct QrView {
    pub name: String,
    pub url: String,
    pub(super) texture: Option<egui::TextureHandle>,
    pub(super) error: Option<String>,
    /// Said under the code when a phone cannot open the link (it points at this computer).
    pub(super) phone_warning: Option<String>,
}

impl std::fmt::Debug for QrView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QrView")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// How recent links may be handed out again (Copy for email right after Copy link) rather
/// than signing new ones.
const REUSE_SECS: u64 = 300;

#[derive(Debug)]
pub struct SharePanel {
    /// The download name, prefilled with the file's own name (one file only).
    pub save_as: String,
    /// The (first) file `save_as` and `link` belong to.
    pub for_key: Option<S3Location>,
    /// The other files when several are selected.
    pub more: Vec<S3Location>,
    /// The folder selected (no file is then): it can be shared as one page.
    pub folder: Option<S3Location>,
    pub link: LinkState,
    pub page: PageState,
    pub test: TestState,
    pub qr: Option<QrView>,
    /// "Email…" handed to the backend: the request its answer will carry.
    pub mail: Option<RequestId>,
    /// "Share a copy I can take back": links go to copies kept in `.s3share/shares/`
    /// (for this window's session only: a copy costs storage, so it is chosen each time
    /// the window is opened).
    pub copy: bool,
    /// What "now" is for the countdowns shown (a test sets its own).
    pub clock: crate::clock::Clock,
    /// The preview of the one file selected.
    pub preview: super::preview::PreviewPane,
}

/// The panel's choices (expiry, open or download) are `ShareSettings`, kept in the window's
/// remembered state and passed in where they matter.
impl Default for SharePanel {
    fn default() -> Self {
        Self {
            save_as: String::new(),
            for_key: None,
            more: Vec::new(),
            folder: None,
            link: LinkState::Idle,
            page: PageState::Idle,
            test: TestState::Idle,
            qr: None,
            mail: None,
            copy: false,
            clock: crate::clock::Clock::system(),
            preview: super::preview::PreviewPane::default(),
        }
    }
}

impl SharePanel {
    /// Follows the selection: a new file starts fresh, with its own name to save as.
    pub fn select(&mut self, object: Option<S3Location>) {
        self.select_many(object.into_iter().collect());
    }

    /// Follows a selection of any number of files.
    pub fn select_many(&mut self, mut objects: Vec<S3Location>) {
        let first = (!objects.is_empty()).then(|| objects.remove(0));
        if self.for_key == first && self.more == objects {
            return;
        }
        // A name with control or bidi characters shows them (`\u{202E}`), so the download
        // name cannot hide them either.
        self.save_as = first
            .as_ref()
            .map(|o| visible(o.file_name()).into_owned())
            .unwrap_or_default();
        self.for_key = first;
        self.more = objects;
        self.forget_links();
    }

    /// Follows the selection of a folder row (`None`: no folder is selected).
    pub fn select_folder(&mut self, folder: Option<S3Location>) {
        if self.folder != folder {
            self.folder = folder;
            self.forget_links();
        }
    }

    /// The links shown no longer match the choices: start over (answers still on their
    /// way are then dropped, as nothing waits for their request any more).
    pub fn forget_links(&mut self) {
        self.link = LinkState::Idle;
        self.page = PageState::Idle;
        self.test = TestState::Idle;
        self.qr = None;
        self.mail = None;
    }

    /// The mail program's answer for `request`. Returns true when the message must go on
    /// the clipboard instead (the note says so); an answer nothing waits for is ignored.
    pub fn mail_answered(&mut self, request: RequestId, outcome: MailOutcome) -> bool {
        if self.mail != Some(request) {
            return false;
        }
        self.mail = None;
        let LinkState::Ready { note, .. } = &mut self.link else {
            return false;
        };
        let why = match outcome {
            MailOutcome::Opened => return false,
            MailOutcome::NoMailProgram => {
                s3share_core::tr!("share-no-mail-program")
            }
            MailOutcome::TooLong => s3share_core::tr!(
                "share-mail-too-long",
                max = s3share_core::message::MAX_MAILTO_LEN
            ),
        };
        *note = Some(why);
        true
    }

    /// Every selected file.
    pub fn objects(&self) -> Vec<S3Location> {
        self.for_key
            .iter()
            .chain(self.more.iter())
            .cloned()
            .collect()
    }

    pub(super) fn several(&self) -> bool {
        !self.more.is_empty()
    }

    pub(super) fn mode(&self, settings: &ShareSettings) -> Result<LinkMode, String> {
        // One file downloads under "Save as"; each of several under its own name.
        let filename = if settings.download && !self.several() {
            Some(sanitize_file_name(&self.save_as).map_err(|e| plain(&e))?)
        } else {
            None
        };
        Ok(LinkMode::from_download(settings.download, filename))
    }

    /// The request the current choices make (first file), or why Copy link is not possible.
    pub fn request(&self, settings: &ShareSettings) -> Result<ShareRequest, String> {
        self.requests(settings)?
            .into_iter()
            .next()
            .ok_or_else(|| s3share_core::tr!("share-select-first"))
    }

    /// One request per selected file, same expiry and mode.
    pub fn requests(&self, settings: &ShareSettings) -> Result<Vec<ShareRequest>, String> {
        let objects = self.objects();
        if objects.is_empty() {
            return Err(s3share_core::tr!("share-select-first"));
        }
        let expiry = settings.expiry()?;
        let mode = self.mode(settings)?;
        Ok(ShareRequest::for_each(objects, expiry, &mode))
    }

    /// Links already made for exactly this selection and these settings, recent enough
    /// to hand out again.
    pub fn reusable_links(&self) -> Option<(Vec<ShareLink>, Instant)> {
        let LinkState::Ready { links, made_at, .. } = &self.link else {
            return None;
        };
        let fresh = made_at.elapsed().as_secs() < REUSE_SECS;
        fresh.then(|| (links.clone(), *made_at))
    }

    /// Opens the QR code window for `link`.
    pub fn show_qr(&mut self, link: &ShareLink) {
        self.qr = Some(QrView {
            name: link.object.file_name().to_owned(),
            url: link.url.clone(),
            texture: None,
            error: None,
            phone_warning: super::delivery::phone_warning(&link.url),
        });
    }
}

/// When temporary keys end before a link of `expiry` made at `now` would: that moment.
pub fn temporary_end(
    info: &CredentialsInfo,
    expiry: Expiry,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let end = info.expires_at.filter(|_| info.temporary)?;
    let wanted = now + chrono::Duration::seconds(i64::try_from(expiry.as_secs()).ok()?);
    (end < wanted).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn custom(amount: &str, unit: Unit) -> ShareSettings {
        ShareSettings {
            choice: ExpiryChoice::Custom,
            custom_amount: amount.to_owned(),
            custom_unit: unit,
            download: false,
        }
    }

    /// "Links stop working when your sign-in ends" is judged at the window's clock.
    #[test]
    fn temporary_keys_are_judged_at_the_given_now() {
        let now: DateTime<Utc> = "2020-03-01T12:00:00Z".parse().unwrap();
        let info = CredentialsInfo {
            access_key_id: "ASIA".to_owned(),
            expires_at: Some(now + chrono::Duration::hours(2)),
            temporary: true,
        };
        let end = info.expires_at;
        assert_eq!(temporary_end(&info, Expiry::ONE_DAY, now), end);
        assert_eq!(temporary_end(&info, Expiry::ONE_HOUR, now), None);
    }

    #[test]
    fn custom_expiry_is_validated_in_words() {
        assert_eq!(
            custom("3", Unit::Days).expiry().unwrap().as_secs(),
            3 * 86_400
        );
        assert!(
            custom("0", Unit::Minutes)
                .expiry()
                .unwrap_err()
                .contains("at least 1 second")
        );
        let long = custom("8", Unit::Days).expiry().unwrap_err();
        assert!(long.contains("longer than 7 days"), "{long}");
        assert!(custom("", Unit::Days).expiry().is_err());
        assert!(
            custom("1.5", Unit::Days)
                .expiry()
                .unwrap_err()
                .contains("whole number")
        );
        assert!(custom("99999999999999999999", Unit::Days).expiry().is_err());
    }

    fn ready(panel: &mut SharePanel) {
        let now = chrono::Utc::now();
        let object = S3Location::new("bucket", "a/report.pdf").unwrap();
        panel.select(Some(object.clone()));
        panel.link = LinkState::Ready {
            links: vec![ShareLink {
                url: "http://127.0.0.1:1/bucket/a/report.pdf".to_owned(),
                object,
                mode: LinkMode::Inline,
                created_at: now,
                expires_at: now + chrono::Duration::hours(1),
                expiry_reason: s3share_core::ExpiryReason::Requested,
                info: None,
                warnings: Vec::new(),
            }],
            deliver: Deliver::Email,
            note: None,
            made_at: Instant::now(),
        };
    }

    fn note(panel: &SharePanel) -> Option<String> {
        match &panel.link {
            LinkState::Ready { note, .. } => note.clone(),
            _ => None,
        }
    }

    #[test]
    fn mail_answers_are_matched_by_request() {
        let mut panel = SharePanel::default();
        ready(&mut panel);
        let asked = RequestId::new();
        panel.mail = Some(asked);
        // An answer for another request (an earlier click) changes nothing.
        assert!(!panel.mail_answered(RequestId::new(), MailOutcome::NoMailProgram));
        assert_eq!(panel.mail, Some(asked));
        assert_eq!(note(&panel), None);
        // No mail program: the message goes on the clipboard, and the panel says so.
        assert!(panel.mail_answered(asked, MailOutcome::NoMailProgram));
        assert_eq!(panel.mail, None);
        assert!(note(&panel).unwrap().contains("on the clipboard instead"));
        // A second answer for the same request is not waited for any more.
        assert!(!panel.mail_answered(asked, MailOutcome::TooLong));

        let opened = RequestId::new();
        ready(&mut panel);
        panel.mail = Some(opened);
        assert!(!panel.mail_answered(opened, MailOutcome::Opened));
        assert_eq!((panel.mail, note(&panel)), (None, None));

        // Another file selected: the answer for the old links is dropped.
        let late = RequestId::new();
        ready(&mut panel);
        panel.mail = Some(late);
        panel.select(Some(S3Location::new("bucket", "other.txt").unwrap()));
        assert!(!panel.mail_answered(late, MailOutcome::TooLong));
        assert!(matches!(panel.link, LinkState::Idle));
    }

    #[test]
    fn empty_save_as_blocks_the_link() {
        let mut panel = SharePanel::default();
        let settings = ShareSettings {
            download: true,
            ..ShareSettings::default()
        };
        panel.select(Some(S3Location::new("bucket", "a/report.pdf").unwrap()));
        assert_eq!(panel.save_as, "report.pdf");
        assert!(panel.request(&settings).is_ok());
        panel.save_as = "  ".to_owned();
        assert!(panel.request(&settings).unwrap_err().contains("empty"));
    }
}
