//! `s3share connection …` and `--profile NAME` resolution.

use std::io::{BufRead, IsTerminal};

use super::{ConnectionAction, ConnectionArgs, print_json, print_lines};
use s3share_core::credentials::parse_session_end;
use s3share_core::saved::{ConnectionList, Provider, SavedConnection};
use s3share_core::secrets::{SecretStore, StoredSecret, off_thread};
use s3share_core::{ConnectionSettings, Error, Result, Secret, Session};

/// `--profile NAME` picks a saved connection of that name first, then an AWS profile.
pub async fn resolve(args: &ConnectionArgs) -> Result<ConnectionSettings> {
    let Some(name) = args.profile.clone() else {
        return Ok(args.settings());
    };
    let list = ConnectionList::load(&ConnectionList::default_path()?)?;
    let Some(saved) = list.find(&name).cloned() else {
        return Ok(args.settings());
    };
    let mut settings = off_thread(move || saved.settings(&SecretStore::Keyring)).await?;
    if args.region.is_some() {
        settings.region.clone_from(&args.region);
    }
    if args.path_style {
        settings.path_style = Some(true);
    }
    Ok(settings)
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
            let provider: Provider = provider.parse()?;
            let region = args
                .region
                .clone()
                .unwrap_or_else(|| provider.default_region().to_owned());
            let endpoint = match &args.endpoint {
                Some(e) => Some(e.clone()),
                None => provider.endpoint(&region, account_id.as_deref())?,
            };
            let connection = SavedConnection {
                id: SavedConnection::new_id(),
                name: name.clone(),
                provider,
                endpoint,
                region: Some(region),
                path_style: args.path_style || provider == Provider::Custom,
                access_key_id,
                aws_profile,
                session_expires_at: session_expires
                    .as_deref()
                    .map(parse_session_end)
                    .transpose()?,
            };
            connection.validate()?;
            if let Some(end) = connection.session_expires_at
                && end <= chrono::Utc::now()
            {
                return Err(Error::invalid(
                    "session end",
                    "that time has passed, so these temporary keys no longer work; get new ones",
                ));
            }
            super::warn_plaintext(&ConnectionSettings {
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
            off_thread(move || {
                ConnectionList::add(&path, &SecretStore::Keyring, connection, secret.as_ref())
            })
            .await?;
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
            let settings = off_thread(move || saved.settings(&SecretStore::Keyring)).await?;
            super::warn_plaintext(&settings);
            let session = Session::connect(&settings).await?;
            let summary = match bucket {
                Some(bucket) => {
                    let region = session.bucket_region(&bucket).await?;
                    format!("bucket \"{bucket}\" is reachable (region {region})")
                }
                None => {
                    let buckets = session.list_buckets().await?;
                    format!("{} bucket(s) visible", buckets.len())
                }
            };
            print_lines(&[&format!("Connection \"{name}\" works: {summary}.")])
        }
        ConnectionAction::Remove { name } => {
            off_thread({
                let name = name.clone();
                move || ConnectionList::remove(&path, &SecretStore::Keyring, &name)
            })
            .await?;
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
