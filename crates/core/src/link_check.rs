//! Requesting a link as its recipient would, and saying in plain words why it fails.

use crate::tr;

/// The outcome of requesting a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkCheck {
    Works,
    Fails(String),
}

/// Fetches the first byte of the link, as a recipient's browser would fetch all of it.
pub async fn check_link(client: &reqwest::Client, url: &str) -> LinkCheck {
    let response = match client
        .get(url)
        .header(http::header::RANGE, "bytes=0-0")
        .send()
        .await
    {
        Ok(r) => r,
        Err(e) if e.is_timeout() => {
            return LinkCheck::Fails(tr!("share-check-timeout"));
        }
        Err(_) => {
            return LinkCheck::Fails(tr!("share-check-unreachable"));
        }
    };
    let status = response.status().as_u16();
    if response.status().is_success() {
        return LinkCheck::Works;
    }
    let body = response.text().await.unwrap_or_default();
    LinkCheck::Fails(link_failure_reason(status, &body))
}

/// Plain words for an S3 error answer to a link request.
pub fn link_failure_reason(status: u16, body: &str) -> String {
    let code = xml_tag(body, "Code").unwrap_or_default();
    let message = xml_tag(body, "Message")
        .unwrap_or_default()
        .to_ascii_lowercase();
    match code {
        "AccessDenied" if message.contains("expired") => {
            tr!("share-check-expired")
        }
        "NoSuchKey" => tr!("share-check-no-file"),
        "NoSuchBucket" => tr!("share-check-no-bucket"),
        "SignatureDoesNotMatch" => {
            tr!("share-check-signature")
        }
        "InvalidAccessKeyId" | "InvalidToken" | "ExpiredToken" => {
            tr!("share-check-keys")
        }
        "AccessDenied" => {
            tr!("share-check-denied")
        }
        "" => tr!("share-check-status", status = status),
        other => tr!("share-check-refused", status = status, code = other),
    }
}

fn xml_tag<'a>(body: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let start = body.find(&open)? + open.len();
    let end = body[start..].find(&format!("</{tag}>"))? + start;
    Some(body[start..end].trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_link_failures() {
        let expired =
            "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>";
        assert_eq!(
            link_failure_reason(403, expired),
            "The link has expired. Copy a new one."
        );
        let missing = "<Error><Code>NoSuchKey</Code></Error>";
        assert!(link_failure_reason(404, missing).contains("no longer exists"));
        assert_eq!(
            link_failure_reason(500, ""),
            "The storage service answered HTTP 500."
        );
        assert!(link_failure_reason(400, "<Code>Weird</Code>").contains("Weird"));
    }
}
