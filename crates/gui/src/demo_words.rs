//! What the window says about demo storage's links after it started: why earlier links no
//! longer work ([`DemoRestart`], [`LinkGone`] come typed from the core; the words are here).

use s3share_core::demo::{DemoRestart, DemoSession, LinkGone};
use s3share_core::tr;

/// The toast after connecting to demo storage, and its details (shown on hover); `None`
/// when every earlier link still works and this session's links outlive it.
pub fn start_notice(session: &DemoSession) -> Option<(String, String)> {
    let mut text = Vec::new();
    if session
        .restart
        .iter()
        .any(DemoRestart::ends_all_earlier_links)
    {
        text.push(tr!("window-demo-started-afresh"));
    } else if !session.restart.is_empty() {
        text.push(tr!("window-demo-last-time-gone"));
    }
    if session.session_only_keys {
        text.push(tr!("window-demo-session-only"));
    }
    if text.is_empty() {
        return None;
    }
    let mut detail: Vec<String> = session.restart.iter().map(restart_words).collect();
    if session.session_only_keys {
        detail.push(tr!("window-demo-no-keyring"));
    }
    Some((text.join(" "), detail.join("\n")))
}

fn restart_words(why: &DemoRestart) -> String {
    match why {
        DemoRestart::PortTaken { port } => {
            tr!("window-demo-port-taken", port = port.to_string())
        }
        DemoRestart::KeysGone => tr!("window-demo-keys-gone"),
        DemoRestart::KeyringUnreadable => tr!("window-demo-keyring-unreadable"),
        DemoRestart::EarlierKeysNotKept => tr!("window-demo-earlier-keys-not-kept"),
        DemoRestart::EarlierFallbackPort { port } => {
            tr!("window-demo-earlier-fallback-port", port = port.to_string())
        }
    }
}

/// Why one demo-storage link in history no longer works (hover text of its state).
pub fn gone_words(gone: LinkGone) -> String {
    match gone {
        LinkGone::OtherPort { port: Some(port) } => {
            tr!("window-demo-gone-other-port", port = port.to_string())
        }
        LinkGone::OtherPort { port: None } => tr!("window-demo-gone-somewhere"),
        LinkGone::OtherKeys => tr!("window-demo-gone-other-keys"),
        LinkGone::MadeBeforeRestart => tr!("window-demo-gone-before-restart"),
    }
}
