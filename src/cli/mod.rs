//! The command line: parse once into validated values, call the core, print.
//! Results go to stdout; any failure is one plain line on stderr and a non-zero exit.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

mod connections;
mod history;
mod upload;

use s3share_core::demo::{DemoServer, DemoServerOptions, seed_samples};
use s3share_core::format::human_size;
use s3share_core::visible::visible;
use s3share_core::{
    ConnectionSettings, Error, Expiry, LinkMode, LinkWarning, Result, S3Location, Session,
    ShareRequest,
};

#[derive(Debug, Parser)]
#[command(
    name = "s3share",
    version,
    about = "Share files from S3 buckets as working pre-signed links",
    long_about = "Share files from S3 buckets (AWS, Cloudflare R2, Wasabi, Backblaze B2, MinIO) as working pre-signed links.\n\nWithout a command, opens the window. Credentials come from the standard AWS chain: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, AWS_PROFILE and ~/.aws/config (SSO included). The EC2/ECS metadata services are never asked.",
    after_help = "Examples:\n  s3share link s3://reports/2026/q3.pdf --expires 7d\n  s3share link s3://photos/IMG_0412.jpg --attachment --filename 'Lisbon tram.jpg'\n  s3share upload contract.pdf s3://shared/clients/ --link\n  s3share demo-server --port 9000"
)]
pub struct Cli {
    #[command(flatten)]
    pub connection: ConnectionArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct ConnectionArgs {
    /// S3-compatible endpoint, e.g. https://ACCOUNT.r2.cloudflarestorage.com or http://127.0.0.1:9000
    #[arg(long, global = true, env = "AWS_ENDPOINT_URL", value_name = "URL")]
    pub endpoint: Option<String>,
    /// Region to sign for when the bucket's own region cannot be detected
    #[arg(long, global = true, value_name = "NAME")]
    pub region: Option<String>,
    /// Address buckets as https://host/BUCKET/KEY (automatic for IP and localhost endpoints)
    #[arg(long, global = true)]
    pub path_style: bool,
    /// AWS profile from ~/.aws/config or ~/.aws/credentials (SSO included)
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the buckets these credentials can see
    Buckets {
        #[arg(long)]
        json: bool,
    },
    /// List a bucket or a folder in it
    Ls {
        /// s3://BUCKET or s3://BUCKET/FOLDER/
        location: String,
        /// Everything below the folder, not only its direct files
        #[arg(long)]
        recursive: bool,
        #[arg(long)]
        json: bool,
    },
    /// Print a pre-signed link to a file (only the URL, on one line)
    Link {
        /// s3://BUCKET/KEY
        location: String,
        /// How long the link works: 90s, 15m, 1h, 1d, 7d or seconds (1 second to 7 days)
        #[arg(long, default_value = "1h", value_name = "DUR")]
        expires: String,
        /// Open in the browser (the default)
        #[arg(long, conflicts_with = "attachment")]
        inline: bool,
        /// Download instead of opening in the browser
        #[arg(long)]
        attachment: bool,
        /// File name for the download (implies --attachment)
        #[arg(long, value_name = "NAME", conflicts_with = "inline")]
        filename: Option<String>,
        /// Do not check that the file exists first
        #[arg(long)]
        no_check: bool,
        /// Print url, expires_at and expiry_reason as JSON
        #[arg(long)]
        json: bool,
    },
    /// Print a pre-signed upload (PUT) link that someone else can send a file to
    UploadLink {
        /// s3://BUCKET/KEY the uploaded file will have
        location: String,
        #[arg(long, default_value = "1h", value_name = "DUR")]
        expires: String,
        /// Content-Type the uploader must send (guessed from the name if not given)
        #[arg(long, value_name = "TYPE")]
        content_type: Option<String>,
        /// Also print a ready curl command on a second line
        #[arg(long)]
        curl: bool,
        /// Make the link even if a file of that name exists (the upload will replace it)
        #[arg(long)]
        replace: bool,
        /// Print url, expiry and the headers to send as JSON
        #[arg(long)]
        json: bool,
    },
    /// Upload files through pre-signed links
    Upload {
        /// Files and folders (recursively; symbolic links are skipped), then the
        /// destination s3://BUCKET/[PREFIX/]
        #[arg(required = true, num_args = 2.., value_name = "FILE|FOLDER... s3://BUCKET/[PREFIX/]")]
        paths: Vec<String>,
        /// Print a share link for each uploaded file
        #[arg(long)]
        link: bool,
        /// Lifetime of the printed links
        #[arg(long, default_value = "1h", value_name = "DUR")]
        expires: String,
        /// Files, and parts of big files, sent at once
        #[arg(long, default_value_t = 4, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=64))]
        jobs: u16,
        /// Part size for big files, e.g. 8MiB, 64MiB
        #[arg(long, default_value = "16MiB", value_name = "SIZE")]
        part_size: String,
        /// Files larger than this are sent in parts (always above 5 GiB)
        #[arg(long, default_value = "64MiB", value_name = "SIZE")]
        multipart_above: String,
    },
    /// Print an email-ready message with links to one or more files
    Message {
        /// s3://BUCKET/KEY, one or more
        #[arg(required = true, value_name = "s3://BUCKET/KEY")]
        locations: Vec<String>,
        #[arg(long, default_value = "1h", value_name = "DUR")]
        expires: String,
        #[arg(long, conflicts_with = "attachment")]
        inline: bool,
        #[arg(long)]
        attachment: bool,
        /// HTML instead of plain text
        #[arg(long)]
        html: bool,
    },
    /// Show the links made so far, newest first
    History {
        #[arg(long)]
        json: bool,
    },
    /// Manage saved connections (their secret keys live in the system keyring)
    Connection {
        #[command(subcommand)]
        action: ConnectionAction,
    },
    /// Run the embedded local S3 server in the foreground (demo storage, testing)
    DemoServer {
        /// Port on 127.0.0.1 (0 picks a free one)
        #[arg(long, default_value_t = 9000)]
        port: u16,
        /// Folder that holds the buckets (default: the demo storage folder)
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConnectionAction {
    /// Save a connection; the secret key is read from stdin or a prompt, never an argument.
    /// Endpoint, region and path-style come from the global options.
    Add {
        name: String,
        /// aws, r2, wasabi, b2, spaces or custom (MinIO and other S3-compatible services)
        #[arg(long, default_value = "aws")]
        provider: String,
        /// Cloudflare account id (for --provider r2)
        #[arg(long, value_name = "ID")]
        account_id: Option<String>,
        #[arg(long, value_name = "ID", required_unless_present = "aws_profile")]
        access_key_id: Option<String>,
        /// Read the secret access key from the first line of stdin
        #[arg(long)]
        secret_stdin: bool,
        /// Use this AWS profile (~/.aws/config, SSO included) instead of keys
        #[arg(long, value_name = "NAME", conflicts_with_all = ["access_key_id", "secret_stdin"])]
        aws_profile: Option<String>,
        /// Temporary keys: also read a session token (the second line of stdin, or a prompt)
        #[arg(long, requires = "access_key_id")]
        session_token: bool,
        /// When the temporary keys stop working: 2026-11-28T13:30:00Z or 2026-11-28 14:30 (local time)
        #[arg(long, value_name = "TIME", requires = "session_token")]
        session_expires: Option<String>,
    },
    /// List saved connections (no secrets are shown)
    List {
        #[arg(long)]
        json: bool,
    },
    /// Check that a saved connection works (lists buckets, or looks at --bucket)
    Test {
        name: String,
        /// Check this bucket instead of listing all (for keys that may not list buckets)
        #[arg(long, value_name = "BUCKET")]
        bucket: Option<String>,
    },
    /// Remove a saved connection and its secret from the keyring
    Remove { name: String },
}

/// Entry point for the binary's command-line mode.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    let Some(command) = cli.command else {
        let args = &cli.connection;
        let explicit = args.endpoint.is_some()
            || args.profile.is_some()
            || args.region.is_some()
            || args.path_style;
        return s3share_gui::run(explicit.then(|| args.settings()));
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("s3share-worker")
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("s3share: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(&cli.connection, command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("s3share: {e}");
            match e {
                Error::InvalidInput { .. }
                | Error::SameDestination { .. }
                | Error::ObjectExists { .. } => ExitCode::from(2),
                _ => ExitCode::FAILURE,
            }
        }
    }
}

/// The log on stderr, for the CLI and the window: `S3SHARE_LOG` sets the level; signatures
/// and tokens are taken out of every line (see `core::logging`).
fn init_logging() {
    s3share_core::logging::init();
}

impl ConnectionArgs {
    pub fn settings(&self) -> ConnectionSettings {
        let mut settings = ConnectionSettings::from_aws_chain(self.profile.clone());
        settings.endpoint.clone_from(&self.endpoint);
        settings.region.clone_from(&self.region);
        settings.path_style = self.path_style.then_some(true);
        settings
    }
}

async fn run(connection: &ConnectionArgs, command: Command) -> Result<()> {
    let command = match command {
        Command::DemoServer { port, dir } => return demo_server(port, dir).await,
        Command::Connection { action } => return connections::run(connection, action).await,
        Command::History { json } => return history::show(json),
        other => other,
    };
    let settings = connections::resolve(connection).await?;
    warn_plaintext(&settings);
    let session = Session::connect(&settings).await?;
    // Multipart uploads an earlier run could not abort (killed, or the abort failed).
    let leftover = session.abort_abandoned_uploads().await;
    if leftover > 0 {
        tracing::warn!(
            leftover,
            "multipart uploads of an earlier run could not be aborted yet"
        );
    }
    let result = run_with(session.clone(), command).await;
    if result.is_ok()
        && let Some(note) = session.clock_note()
    {
        eprintln!("s3share: note: {note}");
    }
    result
}

async fn run_with(session: Session, command: Command) -> Result<()> {
    match command {
        Command::Buckets { json } => buckets(&session, json).await,
        Command::Ls {
            location,
            recursive,
            json,
        } => ls(&session, &S3Location::parse(&location)?, recursive, json).await,
        Command::Link {
            location,
            expires,
            inline: _,
            attachment,
            filename,
            no_check,
            json,
        } => {
            // --filename implies a download.
            let mode = LinkMode::from_download(attachment || filename.is_some(), filename);
            let request = ShareRequest::new(
                S3Location::parse_object(&location)?,
                Expiry::parse(&expires)?,
                mode,
            )
            .with_check(!no_check);
            let link = session.share_link(&request).await?;
            history::record(&session, std::slice::from_ref(&link));
            warn_links(&link.warnings);
            if json {
                print_json(&link)
            } else {
                print_lines(&[&link.url])
            }
        }
        Command::UploadLink {
            location,
            expires,
            content_type,
            curl,
            replace,
            json,
        } => {
            let object = S3Location::parse_object(&location)?;
            let expiry = Expiry::parse(&expires)?;
            if !replace && session.object_exists(&object).await? {
                return Err(Error::ObjectExists {
                    bucket: object.bucket,
                    key: object.key,
                });
            }
            // Without --replace the server also refuses the upload if a file appears
            // there before it (If-None-Match: *).
            let link = if replace {
                session
                    .upload_link(&object, expiry, content_type.as_deref())
                    .await?
            } else {
                session
                    .upload_link_for_new_file(&object, expiry, content_type.as_deref())
                    .await?
            };
            warn_links(&link.warnings);
            if json {
                print_json(&link)
            } else if curl {
                print_lines(&[&link.url, &link.curl_command(object.file_name())])
            } else {
                print_lines(&[&link.url])
            }
        }
        Command::Upload {
            mut paths,
            link,
            expires,
            jobs,
            part_size,
            multipart_above,
        } => {
            let destination = S3Location::parse(&paths.pop().unwrap_or_default())?;
            let expiry = Expiry::parse(&expires)?;
            let options = s3share_core::upload::UploadOptions::checked(
                usize::from(jobs),
                s3share_core::format::parse_size(&part_size)?,
                s3share_core::format::parse_size(&multipart_above)?,
            )?;
            upload::run(
                &session,
                paths,
                &destination,
                link.then_some(expiry),
                &options,
            )
            .await?;
            if link {
                warn_links(&session.link_warnings().await?);
            }
            Ok(())
        }
        Command::Message {
            locations,
            expires,
            inline: _,
            attachment,
            html,
        } => {
            let expiry = Expiry::parse(&expires)?;
            let mode = LinkMode::from_download(attachment, None);
            let objects = locations
                .iter()
                .map(|l| S3Location::parse_object(l))
                .collect::<Result<Vec<_>>>()?;
            let mut links = Vec::new();
            for request in ShareRequest::for_each(objects, expiry, &mode) {
                links.push(session.share_link(&request).await?);
            }
            history::record(&session, &links);
            warn_links(
                &links
                    .iter()
                    .flat_map(|l| l.warnings.iter().copied())
                    .collect::<Vec<_>>(),
            );
            let text = if html {
                s3share_core::message::html(&links)
            } else {
                s3share_core::message::plain_text(&links)
            };
            print_lines(&[text.trim_end()])
        }
        Command::DemoServer { .. } | Command::Connection { .. } | Command::History { .. } => {
            unreachable!("handled above")
        }
    }
}

async fn buckets(session: &Session, json: bool) -> Result<()> {
    let buckets = session.list_buckets().await?;
    if json {
        return print_json(&buckets);
    }
    let names: Vec<String> = buckets
        .iter()
        .map(|b| visible(&b.name).into_owned())
        .collect();
    print_lines(&names.iter().map(String::as_str).collect::<Vec<_>>())
}

async fn ls(session: &Session, folder: &S3Location, recursive: bool, json: bool) -> Result<()> {
    let folder = folder.as_folder();
    let listing = session.list_all(&folder, recursive).await?;
    // JSON keeps keys exactly (escaped as JSON requires); lines for people show control
    // and bidi characters as escapes, so a key cannot forge a line or reverse text.
    if json {
        return print_json(&listing);
    }
    let mut lines = Vec::new();
    for prefix in &listing.folders {
        lines.push(format!("{:>16}  {:>9}  {}", "", "folder", visible(prefix)));
    }
    for object in &listing.objects {
        let modified = object
            .last_modified
            .map_or_else(String::new, s3share_core::format::local_stamp);
        lines.push(format!(
            "{modified:>16}  {:>9}  {}",
            human_size(object.size),
            visible(&object.key)
        ));
    }
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    print_lines(&refs)
}

async fn demo_server(port: u16, dir: Option<PathBuf>) -> Result<()> {
    let root = match dir {
        Some(d) => d,
        None => s3share_core::demo::default_storage_dir()?,
    };
    seed_samples(&root)?;
    let server = DemoServer::start(DemoServerOptions {
        root,
        port,
        keys: None,
    })
    .await?;
    print_lines(&[
        &format!(
            "Local S3 server at {} (files in {})",
            server.endpoint(),
            server.root().display()
        ),
        &format!("export AWS_ENDPOINT_URL={}", server.endpoint()),
        &format!("export AWS_ACCESS_KEY_ID={}", server.access_key_id()),
        &format!(
            "export AWS_SECRET_ACCESS_KEY={}",
            server.secret_access_key().expose()
        ),
        &format!("export AWS_REGION={}", s3share_core::demo::DEMO_REGION),
        "Press Ctrl+C to stop.",
    ])?;
    let _ = tokio::signal::ctrl_c().await;
    server.stop();
    Ok(())
}

/// One line on stderr per kind of warning the links carry (stdout stays only the links).
fn warn_links(warnings: &[LinkWarning]) {
    let mut said = Vec::new();
    for w in warnings {
        if !said.contains(w) {
            eprintln!("s3share: warning: {w}");
            said.push(*w);
        }
    }
}

/// Plain http to another computer: said once on stderr, the command still runs.
pub(crate) fn warn_plaintext(settings: &ConnectionSettings) {
    if let Some(warning) = settings.plaintext_warning() {
        eprintln!("s3share: warning: {warning}");
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Refused {
        code: "json".to_owned(),
        message: e.to_string(),
    })?;
    print_lines(&[&text])
}

/// Writes to stdout; a closed pipe (`| head`) is not an error worth a message.
fn print_lines(lines: &[&str]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    for line in lines {
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    let _ = out.flush();
    Ok(())
}
