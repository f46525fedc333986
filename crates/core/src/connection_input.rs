//! The one rule for building a saved connection from what a person typed, the same for
//! the window's form and `s3share connection add`: which fields each provider takes, the
//! region and path-style defaults, keys vs AWS profile, and the session end of temporary
//! keys. The result is checked by [`SavedConnection::validate`] (name, region, endpoint).

use chrono::Utc;

use super::credentials::parse_session_end;
use super::error::{Error, Result};
use super::saved::{Provider, SavedConnection};

/// Where a connection's keys come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeysInput {
    /// An AWS profile (~/.aws, SSO included); nothing secret is copied.
    Profile(String),
    /// An access key ID whose secret goes to the keyring.
    AccessKey {
        id: String,
        /// A secret is given now; false only when editing keeps the stored one.
        secret_given: bool,
        /// A session token comes with the secret (temporary keys).
        session_token: bool,
    },
}

/// A connection as typed (free text; empty means "not given").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectionInput {
    /// Taken as typed: a name with spaces at either end is refused, not trimmed.
    pub name: String,
    pub provider: Provider,
    /// Cloudflare account id (R2 only).
    pub account_id: String,
    /// The service's address (custom providers only).
    pub endpoint: String,
    /// Empty: found for each bucket on AWS, the provider's default region elsewhere.
    pub region: String,
    /// `None`: the provider's default (on for custom services, off elsewhere).
    pub path_style: Option<bool>,
    pub keys: KeysInput,
    /// When temporary keys stop working (optional; see [`parse_session_end`]).
    pub session_end: String,
}

impl SavedConnection {
    /// The connection `input` describes, checked. `editing` is the saved connection being
    /// changed (its id is kept, and so is its stored secret when none is given).
    pub fn from_input(input: &ConnectionInput, editing: Option<&SavedConnection>) -> Result<Self> {
        let provider = input.provider;
        let region = match input.region.trim() {
            "" if provider == Provider::Aws => None,
            "" => Some(provider.default_region().to_owned()),
            r => Some(r.to_owned()),
        };
        let endpoint = match (provider, input.endpoint.trim()) {
            (Provider::Custom, e) => Some(e.to_owned()).filter(|e| !e.is_empty()),
            (p, "") => p.endpoint(
                region.as_deref().unwrap_or(p.default_region()),
                Some(input.account_id.as_str()),
            )?,
            (p, _) => {
                return Err(Error::invalid(
                    "endpoint",
                    crate::tr!("input-endpoint-not-custom", provider = p.label()),
                ));
            }
        };
        let path_style = match (provider, input.path_style) {
            (Provider::Custom, choice) => choice.unwrap_or(true),
            (_, Some(true)) => {
                return Err(Error::invalid(
                    "path-style",
                    crate::tr!("input-path-style-not-custom", provider = provider.label()),
                ));
            }
            (_, _) => false,
        };
        let mut connection = SavedConnection {
            id: editing.map_or_else(SavedConnection::new_id, |c| c.id.clone()),
            name: input.name.clone(),
            provider,
            endpoint,
            region,
            path_style,
            access_key_id: None,
            aws_profile: None,
            session_expires_at: None,
        };
        match &input.keys {
            KeysInput::Profile(profile) => {
                let profile = profile.trim();
                if profile.is_empty() {
                    return Err(Error::invalid(
                        "AWS profile",
                        crate::tr!("input-pick-profile"),
                    ));
                }
                connection.aws_profile = Some(profile.to_owned());
            }
            KeysInput::AccessKey {
                id,
                secret_given,
                session_token,
            } => {
                let id = id.trim();
                if id.is_empty() {
                    return Err(Error::invalid(
                        "access key ID",
                        crate::tr!("input-type-key-id"),
                    ));
                }
                connection.access_key_id = Some(id.to_owned());
                let end = match input.session_end.trim() {
                    "" => None,
                    text => Some(parse_session_end(text)?),
                };
                let had_secret = editing.is_some_and(|c| c.access_key_id.is_some());
                if !secret_given && !had_secret {
                    return Err(Error::invalid(
                        "secret access key",
                        crate::tr!("input-type-secret"),
                    ));
                }
                // Keeping the stored secret (and token): the end shown was the stored one.
                if *secret_given {
                    if !session_token && end.is_some() {
                        return Err(Error::invalid(
                            "session end",
                            crate::tr!("input-session-end-no-token"),
                        ));
                    }
                    if end.is_some_and(|at| at <= Utc::now()) {
                        return Err(Error::invalid(
                            "session end",
                            crate::tr!("input-session-end-passed"),
                        ));
                    }
                }
                connection.session_expires_at = end;
            }
        }
        connection.validate()?;
        Ok(connection)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(provider: Provider) -> ConnectionInput {
        ConnectionInput {
            name: "Office".to_owned(),
            provider,
            account_id: String::new(),
            endpoint: String::new(),
            region: String::new(),
            path_style: None,
            keys: KeysInput::AccessKey {
                id: "AKID".to_owned(),
                secret_given: true,
                session_token: false,
            },
            session_end: String::new(),
        }
    }

    fn field(err: Error) -> &'static str {
        match err {
            Error::InvalidInput { field, .. } => field,
            other => panic!("{other}"),
        }
    }

    #[test]
    fn each_provider_gets_its_address_region_and_path_style() {
        let mut custom = input(Provider::Custom);
        custom.endpoint = " http://127.0.0.1:9000 ".to_owned();
        let c = SavedConnection::from_input(&custom, None).unwrap();
        assert_eq!(c.endpoint.as_deref(), Some("http://127.0.0.1:9000"));
        assert_eq!(c.region.as_deref(), Some("us-east-1"));
        assert!(c.path_style, "custom services use path-style by default");
        custom.path_style = Some(false);
        assert!(
            !SavedConnection::from_input(&custom, None)
                .unwrap()
                .path_style
        );
        custom.endpoint.clear();
        assert_eq!(
            field(SavedConnection::from_input(&custom, None).unwrap_err()),
            "endpoint"
        );

        // AWS: the region is found for each bucket (or the profile's) unless one is given.
        let aws = SavedConnection::from_input(&input(Provider::Aws), None).unwrap();
        assert_eq!(
            (aws.endpoint, aws.region, aws.path_style),
            (None, None, false)
        );

        let mut r2 = input(Provider::R2);
        r2.account_id = "abc123".to_owned();
        let c = SavedConnection::from_input(&r2, None).unwrap();
        assert_eq!(
            c.endpoint.as_deref(),
            Some("https://abc123.r2.cloudflarestorage.com")
        );
        assert_eq!(c.region.as_deref(), Some("auto"));

        // A preset provider takes neither an endpoint nor path-style.
        let mut wasabi = input(Provider::Wasabi);
        wasabi.endpoint = "http://127.0.0.1:9000".to_owned();
        assert_eq!(
            field(SavedConnection::from_input(&wasabi, None).unwrap_err()),
            "endpoint"
        );
        let mut wasabi = input(Provider::Wasabi);
        wasabi.path_style = Some(true);
        assert_eq!(
            field(SavedConnection::from_input(&wasabi, None).unwrap_err()),
            "path-style"
        );
        wasabi.path_style = Some(false);
        wasabi.region = "eu west".to_owned();
        assert_eq!(
            field(SavedConnection::from_input(&wasabi, None).unwrap_err()),
            "region"
        );
    }

    #[test]
    fn names_are_taken_as_typed() {
        for (name, ok) in [
            ("Work", true),
            (" Work", false),
            ("aws", false),
            ("", false),
        ] {
            let mut i = input(Provider::Aws);
            i.name = name.to_owned();
            assert_eq!(
                SavedConnection::from_input(&i, None).is_ok(),
                ok,
                "{name:?}"
            );
        }
    }

    #[test]
    fn keys_profiles_and_session_ends() {
        let mut i = input(Provider::Aws);
        i.keys = KeysInput::Profile("  ".to_owned());
        assert_eq!(
            field(SavedConnection::from_input(&i, None).unwrap_err()),
            "AWS profile"
        );
        i.keys = KeysInput::Profile("work".to_owned());
        let c = SavedConnection::from_input(&i, None).unwrap();
        assert_eq!(
            (c.aws_profile.as_deref(), c.access_key_id),
            (Some("work"), None)
        );

        let keys = |secret_given, session_token| KeysInput::AccessKey {
            id: "AKID".to_owned(),
            secret_given,
            session_token,
        };
        let mut i = input(Provider::Aws);
        i.keys = keys(false, false);
        assert_eq!(
            field(SavedConnection::from_input(&i, None).unwrap_err()),
            "secret access key"
        );
        let saved = SavedConnection::from_input(&input(Provider::Aws), None).unwrap();
        let edited = SavedConnection::from_input(&i, Some(&saved)).unwrap();
        assert_eq!(
            edited.id, saved.id,
            "editing keeps the id (and the stored secret)"
        );

        i.keys = keys(true, false);
        i.session_end = "2099-01-01 10:00".to_owned();
        let err = SavedConnection::from_input(&i, None).unwrap_err();
        assert!(err.to_string().contains("session token"), "{err}");
        i.keys = keys(true, true);
        assert!(
            SavedConnection::from_input(&i, None)
                .unwrap()
                .session_expires_at
                .is_some()
        );
        i.session_end = "2020-01-01 10:00".to_owned();
        let err = SavedConnection::from_input(&i, None).unwrap_err();
        assert!(err.to_string().contains("has passed"), "{err}");
        i.session_end = "soon".to_owned();
        let err = SavedConnection::from_input(&i, None).unwrap_err();
        assert!(err.to_string().contains("is not a date and time"), "{err}");
    }
}
