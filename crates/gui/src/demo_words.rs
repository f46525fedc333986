//! What the window says about demo storage's links after it started: why earlier links no
//! longer work ([`DemoRestart`], [`LinkGone`] come typed from the core; the words are here).

use s3share_core::demo::{DemoRestart, DemoSession, LinkGone};

/// The toast after connecting to demo storage, and its details (shown on hover); `None`
/// when every earlier link still works and this session's links outlive it.
pub fn start_notice(session: &DemoSession) -> Option<(String, String)> {
    let mut text = Vec::new();
    if session
        .restart
        .iter()
        .any(DemoRestart::ends_all_earlier_links)
    {
        text.push(
            "Demo storage had to start afresh, so links you made with it earlier no longer work."
                .to_owned(),
        );
    } else if !session.restart.is_empty() {
        text.push("Links you made with demo storage last time no longer work.".to_owned());
    }
    if session.session_only_keys {
        text.push("Links made with demo storage stop working when S3 Share closes.".to_owned());
    }
    if text.is_empty() {
        return None;
    }
    let mut detail: Vec<String> = session.restart.iter().map(restart_words).collect();
    if session.session_only_keys {
        detail.push(
            "No keyring kept demo storage's keys this time, so they last only while S3 Share \
             is open."
                .to_owned(),
        );
    }
    Some((text.join(" "), detail.join("\n")))
}

fn restart_words(why: &DemoRestart) -> String {
    match why {
        DemoRestart::PortTaken { port } => format!(
            "Another program is using port {port}, where those links point. Once it is free, \
             they work again after S3 Share starts again."
        ),
        DemoRestart::KeysGone => {
            "The keyring no longer holds demo storage's keys, so it has new ones.".to_owned()
        }
        DemoRestart::KeyringUnreadable => "The keyring could not be read, so demo storage uses \
             new keys until S3 Share starts again."
            .to_owned(),
        DemoRestart::EarlierKeysNotKept => {
            "Last time no keyring kept demo storage's keys, so those links ended when S3 Share \
             closed."
                .to_owned()
        }
        DemoRestart::EarlierFallbackPort { port } => format!(
            "Last time demo storage ran on port {port}, because its usual port was taken; \
             links made then point there."
        ),
    }
}

/// Why one demo-storage link in history no longer works (hover text of its state).
pub fn gone_words(gone: LinkGone) -> String {
    match gone {
        LinkGone::OtherPort { port: Some(port) } => {
            format!("It points at demo storage on port {port}, where it no longer runs.")
        }
        LinkGone::OtherPort { port: None } => {
            "It points at demo storage where it no longer runs.".to_owned()
        }
        LinkGone::OtherKeys => {
            "Demo storage has new keys since this link was made, so it refuses the link.".to_owned()
        }
        LinkGone::MadeBeforeRestart => {
            "It was made before demo storage had to start afresh.".to_owned()
        }
    }
}
