//! Turns SDK errors into the core's [`Error`] classes.

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_s3::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_types::error::display::DisplayErrorContext;

use super::error::Error;

/// What a request was about, so a bare 404/403 can be named precisely.
#[derive(Clone, Copy, Debug)]
pub struct Subject<'a> {
    pub endpoint: &'a str,
    pub bucket: Option<&'a str>,
    pub key: Option<&'a str>,
}

impl Subject<'_> {
    fn describe(&self) -> String {
        match (self.bucket, self.key) {
            (Some(b), Some(k)) => format!("\"{k}\" in bucket \"{b}\""),
            (Some(b), None) => format!("bucket \"{b}\""),
            _ => "the list of buckets".to_owned(),
        }
    }
}

pub fn from_sdk<E>(err: SdkError<E, HttpResponse>, subject: Subject<'_>) -> Error
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    match &err {
        SdkError::ServiceError(service) => {
            let raw = service.raw();
            let region = raw
                .headers()
                .get("x-amz-bucket-region")
                .map(str::to_owned)
                .or_else(|| raw.body().bytes().and_then(region_from_error_body));
            classify(
                raw.status().as_u16(),
                service.err().code().unwrap_or(""),
                service.err().message().unwrap_or(""),
                region,
                subject,
            )
        }
        SdkError::ResponseError(response) => {
            let status = response.raw().status().as_u16();
            if status >= 500 {
                Error::Server { status }
            } else {
                classify(status, "", "", None, subject)
            }
        }
        SdkError::TimeoutError(_) => network(subject),
        SdkError::DispatchFailure(failure) => {
            if let Some(creds) = find_credentials_error(&err) {
                return creds;
            }
            if failure.is_io() || failure.is_timeout() {
                network(subject)
            } else {
                other(&err)
            }
        }
        _ => find_credentials_error(&err).unwrap_or_else(|| other(&err)),
    }
}

/// An S3 error document: `<Error><Code>…</Code><Message>…</Message><Region>…</Region></Error>`.
/// Only what the core reads; other elements are ignored.
#[derive(Debug, serde::Deserialize)]
#[serde(rename = "Error")]
struct ErrorDocument {
    #[serde(rename = "Region")]
    region: Option<String>,
}

/// The `<Region>` an error body names. Servers that do not send `x-amz-bucket-region`
/// (Garage) say it there when a request was signed for another region; AWS does too with
/// `AuthorizationHeaderMalformed`.
pub fn region_from_error_body(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    let document: ErrorDocument = quick_xml::de::from_str(text).ok()?;
    document
        .region
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty())
}

fn network(subject: Subject<'_>) -> Error {
    Error::Network {
        endpoint: subject.endpoint.to_owned(),
    }
}

fn other<E: std::error::Error + 'static>(err: &E) -> Error {
    let text = DisplayErrorContext(err).to_string();
    if text.contains("no credentials") || text.contains("CredentialsNotLoaded") {
        return Error::NoCredentials;
    }
    Error::Refused {
        code: "request".to_owned(),
        message: text,
    }
}

fn find_credentials_error(err: &(dyn std::error::Error + 'static)) -> Option<Error> {
    if let Some(own) = super::credentials::find_own_error(err) {
        return Some(own);
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        if let Some(c) = e.downcast_ref::<CredentialsError>() {
            return Some(match c {
                CredentialsError::CredentialsNotLoaded(_) => Error::NoCredentials,
                _ => {
                    let text = DisplayErrorContext(c).to_string();
                    if text.contains("expired") {
                        Error::CredentialsExpired
                    } else if text.contains("No S3 keys") {
                        Error::NoCredentials
                    } else {
                        Error::Refused {
                            code: "credentials".to_owned(),
                            message: text,
                        }
                    }
                }
            });
        }
        let text = e.to_string();
        if text.contains("No S3 keys were found") {
            return Some(Error::NoCredentials);
        }
        source = e.source();
    }
    None
}

/// Maps an S3 error code / HTTP status to a class. HEAD answers carry no body, so a bare
/// 404 means "not found" for whatever the request was about.
pub fn classify(
    status: u16,
    code: &str,
    message: &str,
    region: Option<String>,
    subject: Subject<'_>,
) -> Error {
    let bucket = subject.bucket.unwrap_or_default().to_owned();
    match code {
        "InvalidAccessKeyId"
        | "SignatureDoesNotMatch"
        | "InvalidToken"
        | "InvalidSecurity"
        | "InvalidClientTokenId" => return Error::CredentialsRejected,
        "ExpiredToken" | "TokenRefreshRequired" | "ExpiredTokenException" => {
            return Error::CredentialsExpired;
        }
        "RequestTimeTooSkewed" => return Error::ClockSkew,
        "AccessDenied" | "AllAccessDisabled" | "AccountProblem" | "Forbidden" => {
            if message.contains("expired") && subject.key.is_some() {
                return Error::AccessDenied {
                    what: format!("{} (the link has expired)", subject.describe()),
                };
            }
            return Error::AccessDenied {
                what: subject.describe(),
            };
        }
        "NoSuchBucket" => return Error::NoSuchBucket { bucket },
        "NoSuchKey" => {
            return Error::NoSuchKey {
                bucket,
                key: subject.key.unwrap_or_default().to_owned(),
            };
        }
        "PermanentRedirect"
        | "AuthorizationHeaderMalformed"
        | "IllegalLocationConstraintException" => {
            return Error::WrongRegion { bucket, region };
        }
        _ => {}
    }
    match status {
        301 | 307 => Error::WrongRegion { bucket, region },
        403 => Error::AccessDenied {
            what: subject.describe(),
        },
        404 => match subject.key {
            Some(key) => Error::NoSuchKey {
                bucket,
                key: key.to_owned(),
            },
            None if subject.bucket.is_some() => Error::NoSuchBucket { bucket },
            None => Error::Refused {
                code: "NotFound".to_owned(),
                message: "the server answered 404 for the list of buckets".to_owned(),
            },
        },
        500.. => Error::Server { status },
        _ => Error::Refused {
            code: if code.is_empty() {
                format!("HTTP {status}")
            } else {
                code.to_owned()
            },
            message: message.to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OBJ: Subject<'static> = Subject {
        endpoint: "http://127.0.0.1:1",
        bucket: Some("b1"),
        key: Some("k"),
    };

    #[test]
    fn codes_win_over_status() {
        assert!(matches!(
            classify(403, "InvalidAccessKeyId", "", None, OBJ),
            Error::CredentialsRejected
        ));
        assert!(matches!(
            classify(403, "SignatureDoesNotMatch", "", None, OBJ),
            Error::CredentialsRejected
        ));
        assert!(matches!(
            classify(400, "ExpiredToken", "", None, OBJ),
            Error::CredentialsExpired
        ));
        assert!(matches!(
            classify(403, "RequestTimeTooSkewed", "", None, OBJ),
            Error::ClockSkew
        ));
        assert!(matches!(
            classify(404, "NoSuchBucket", "", None, OBJ),
            Error::NoSuchBucket { .. }
        ));
        assert!(matches!(
            classify(301, "PermanentRedirect", "", Some("eu-west-1".into()), OBJ),
            Error::WrongRegion { region: Some(r), .. } if r == "eu-west-1"
        ));
    }

    #[test]
    fn region_in_error_bodies() {
        let garage = br#"<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>AuthorizationHeaderMalformed</Code><Message>Authorization header malformed, unexpected scope: 20260101/us-east-1/s3/aws4_request</Message><Resource>/b</Resource><Region>garage-eu</Region></Error>"#;
        assert_eq!(region_from_error_body(garage).as_deref(), Some("garage-eu"));
        let aws = b"<Error><Code>AuthorizationHeaderMalformed</Code><Message>the region 'us-east-1' is wrong; expecting 'eu-central-1'</Message><Region>eu-central-1</Region><RequestId>X</RequestId><HostId>Y</HostId></Error>";
        assert_eq!(region_from_error_body(aws).as_deref(), Some("eu-central-1"));
        for none in [
            &b"<Error><Code>AccessDenied</Code></Error>"[..],
            b"<Error><Region>  </Region></Error>",
            b"",
            b"not xml",
            b"<Error><Region>a</Region",
            b"\xff\xfe",
        ] {
            assert_eq!(region_from_error_body(none), None, "{none:?}");
        }
    }

    #[test]
    fn bare_statuses_use_the_subject() {
        assert!(matches!(
            classify(404, "", "", None, OBJ),
            Error::NoSuchKey { .. }
        ));
        let bucket_only = Subject { key: None, ..OBJ };
        assert!(matches!(
            classify(404, "", "", None, bucket_only),
            Error::NoSuchBucket { .. }
        ));
        assert!(matches!(
            classify(403, "", "", None, OBJ),
            Error::AccessDenied { .. }
        ));
        assert!(matches!(
            classify(503, "", "", None, OBJ),
            Error::Server { status: 503 }
        ));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4000))]

            #[test]
            fn any_body_is_read_without_panicking(body in proptest::collection::vec(any::<u8>(), 0..400)) {
                let _ = region_from_error_body(&body);
            }

            #[test]
            fn the_region_comes_back_out(region in "[a-z0-9][a-z0-9._-]{0,40}", message in any::<String>()) {
                let escape = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
                let body = format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AuthorizationHeaderMalformed</Code><Message>{}</Message><Region>{region}</Region><RequestId>1</RequestId></Error>",
                    escape(&message)
                );
                prop_assert_eq!(region_from_error_body(body.as_bytes()), Some(region));
            }
        }
    }
}
