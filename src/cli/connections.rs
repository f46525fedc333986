//! `s3share connection …` and `--profile NAME` resolution.

use std::io::{BufRead, IsTerminal};

use super::output::{print_json, print_lines};
use super::{ConnectionAction, ConnectionArgs};
use s3share_core::connection_input::{ConnectionInput, KeysInput};
use s3share_core::saved::{ConnectionList, SavedConnection};
use s3share_core::saved_ops::{
    TestOutcome, remove_connection, resolve_profile, save_connection, settings_of, test_connection,
};
use s3share_core::secrets::{SecretStore, StoredSecret};
use s3share_core::{ConnectionSettings, Error, Result, Secret};

/// `--profile NAME` picks a saved connection of that name first, then an AWS profile
/// (the core's rule, the same as the window's).
pub async fn resolve(args: &ConnectionArgs) -> Result<ConnectionSettings> {
    resolve_profile(args.settings()).await
}

/// For something made with the connection `made_with` (a history entry): that connection
/// (a saved one, else an AWS profile of that name) when the options name none (no
/// `--profile`, no `--endpoint`). "AWS" is the name of the plain AWS chain.
pub async fn resolve_for(args: &ConnectionArgs, made_with: &str) -> Result<ConnectionSettings> {
    let mut settings = args.settings();
    if args.profile.is_none() && args.endpoint.is_none() && made_with != "AWS" {
        settings = ConnectionSettings::from_aws_chain(Some(made_with.to_owned()));
        settings.region.clone_from(&args.region);
        settings.path_style = args.path_style.then_some(true);
    }
    resolve_profile(settings).await
}

pub async fn run(args: &ConnectionArgs, action: ConnectionAction) -> Result<()> {
    let path = ConnectionList::default_path()?;
    match action {
        ConnectionAction::Add {
            name,
            provider,
            account_id,
            access_key_id,
            secret_stdin,
            aws_profile,
            session_token,
            session_expires,
        } => {
            let input = ConnectionInput {
                name: name.clone(),
                provider: provider.parse()?,
                account_id: account_id.unwrap_or_default(),
                endpoint: args.endpoint.clone().unwrap_or_default(),
                region: args.region.clone().unwrap_or_default(),
                // The flag can only ask for path-style; custom services have it anyway.
                path_style: args.path_style.then_some(true),
                keys: match (access_key_id, aws_profile) {
                    (Some(id), _) => KeysInput::AccessKey {
                        id,
                        secret_given: true,
                        session_token,
                    },
                    (None, profile) => KeysInput::Profile(profile.unwrap_or_default()),
                },
                session_end: session_expires.unwrap_or_default(),
            };
            let connection = SavedConnection::from_input(&input, None)?;
            super::output::warn_plaintext(&ConnectionSettings {
                endpoint: connection.endpoint.clone(),
                ..ConnectionSettings::from_aws_chain(None)
            });
            let secret = match connection.access_key_id {
                Some(_) => Some(read_secret(secret_stdin, session_token)?),
                None => None,
            };
            if session_token && connection.session_expires_at.is_none() {
                eprintln!(
                    "s3share: warning: without --session-expires, links made with these temporary keys may stop working early, and s3share cannot say when."
                );
            }
            save_connection(path, None, connection, secret).await?;
            eprintln!("Saved connection \"{name}\"; its secret key is in the system keyring.");
            Ok(())
        }
        ConnectionAction::List { json } => {
            let list = ConnectionList::load(&path)?;
            if json {
                return print_json(&list.connections);
            }
            let lines: Vec<String> = list
                .connections
                .iter()
                .map(|c| {
                    let keys = match (&c.access_key_id, &c.aws_profile) {
                        (Some(id), _) => match c.session_expires_at {
                            Some(end) => format!(
                                "key {id} (secret in keyring), temporary until {}",
                                s3share_core::format::local_stamp(end)
                            ),
                            None => format!("key {id} (secret in keyring)"),
                        },
                        (None, Some(p)) => format!("AWS profile {p}"),
                        (None, None) => "AWS default credentials".to_owned(),
                    };
                    format!(
                        "{}\t{}\t{}\t{}\t{keys}",
                        c.name,
                        c.provider.label(),
                        c.endpoint.as_deref().unwrap_or("Amazon S3"),
                        c.region.as_deref().unwrap_or("-"),
                    )
                })
                .collect();
            print_lines(&lines.iter().map(String::as_str).collect::<Vec<_>>())
        }
        ConnectionAction::Test { name, bucket } => {
            let list = ConnectionList::load(&path)?;
            let saved = list
                .find(&name)
                .cloned()
                .ok_or_else(|| Error::NoSuchConnection { name: name.clone() })?;
            let settings = settings_of(saved, None, SecretStore::Keyring).await?;
            super::output::warn_plaintext(&settings);
            let summary = match test_connection(&settings, bucket.as_deref()).await? {
                TestOutcome::Bucket {
                    name: bucket,
                    region,
                } => {
                    format!("bucket \"{bucket}\" is reachable (region {region})")
                }
                TestOutcome::Buckets(names) => format!(
                    "{} visible",
                    s3share_core::format::counted(names.len(), "bucket", "buckets")
                ),
            };
            print_lines(&[&format!("Connection \"{name}\" works: {summary}.")])
        }
        ConnectionAction::Remove { name } => {
            remove_connection(path, name.clone()).await?;
            eprintln!("Removed connection \"{name}\" and its secret key.");
            Ok(())
        }
    }
}

/// The secret (and with `--session-token` the token) comes from stdin (`--secret-stdin`:
/// first line, second line) or prompts without echo, never from an argument (arguments
/// show up in process lists and shell history).
fn read_secret(from_stdin: bool, with_token: bool) -> Result<StoredSecret> {
    let (secret, token) = if from_stdin {
        let mut stdin = std::io::stdin().lock();
        let mut read = |what: &'static str| {
            let mut line = String::new();
            stdin
                .read_line(&mut line)
                .map(|_| line)
                .map_err(|e| Error::invalid(what, format!("could not read stdin: {e}")))
        };
        let secret = read("secret")?;
        let token = if with_token {
            read("session token")?
        } else {
            String::new()
        };
        (secret, token)
    } else if std::io::stdin().is_terminal() {
        let ask = |prompt: &str, what: &'static str| {
            rpassword::prompt_password(prompt)
                .map_err(|e| Error::invalid(what, format!("could not read it: {e}")))
        };
        let secret = ask("Secret access key: ", "secret")?;
        let token = if with_token {
            ask("Session token: ", "session token")?
        } else {
            String::new()
        };
        (secret, token)
    } else {
        return Err(Error::invalid(
            "secret",
            "give the secret access key on stdin with --secret-stdin, or run in a terminal to be asked",
        ));
    };
    let secret = secret.trim();
    if secret.is_empty() {
        return Err(Error::invalid("secret", "the secret access key is empty"));
    }
    let token = token.trim();
    if with_token && token.is_empty() {
        return Err(Error::invalid(
            "session token",
            "--session-token was given but the token is empty (on stdin it is the second line)",
        ));
    }
    Ok(StoredSecret {
        secret_access_key: Secret::new(secret),
        session_token: (!token.is_empty()).then(|| Secret::new(token)),
    })
}
