//! The command line: parse once (`args.rs`, clap), turn the arguments into validated values
//! (`Job`), then call the core and print (`output.rs`). Results go to stdout; any failure
//! is one plain line on stderr and a non-zero exit (2 for bad input).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

mod args;
mod connections;
mod history;
mod output;
mod page;
mod protect;
mod upload;

pub use args::{Cli, Command, ConnectionAction, ConnectionArgs, PageAction};
use output::{print_json, print_lines, warn_links, warn_plaintext};
use s3share_core::demo::{DemoServer, DemoServerOptions, seed_samples};
use s3share_core::format::human_size;
use s3share_core::managed::is_managed_key;
use s3share_core::pages::files_page::PageSource;
use s3share_core::request::RequestOptions;
use s3share_core::upload::UploadOptions;
use s3share_core::visible::visible;
use s3share_core::{Error, Expiry, Result, S3Location, Session, ShareRequest};

/// A command whose arguments have been checked: what runs is only what is valid.
enum Job {
    /// Needs no storage connection.
    Local(LocalJob),
    /// Runs against the storage the connection options name.
    Online(OnlineJob),
}

enum LocalJob {
    History {
        json: bool,
    },
    /// Needs the connection the history entry was made with, found first.
    Unshare {
        target: String,
        json: bool,
    },
    Connection(ConnectionAction),
    DemoServer {
        port: u16,
        dir: Option<PathBuf>,
    },
}

enum OnlineJob {
    Buckets {
        json: bool,
    },
    Ls {
        folder: S3Location,
        recursive: bool,
        /// Also s3share's own `.s3share/` folders.
        all: bool,
        json: bool,
    },
    Link {
        request: ShareRequest,
        /// Share a copy that can be taken back.
        copy: bool,
        json: bool,
    },
    UploadLink {
        object: S3Location,
        expiry: Expiry,
        content_type: Option<String>,
        curl: bool,
        replace: bool,
        json: bool,
    },
    Upload {
        files: Vec<String>,
        destination: S3Location,
        /// Lifetime of the links to print, if links are asked for.
        links: Option<Expiry>,
        options: UploadOptions,
    },
    Message {
        requests: Vec<ShareRequest>,
        html: bool,
    },
    Protect(s3share_core::protect::ProtectRequest),
    Request {
        options: RequestOptions,
        json: bool,
    },
    Page {
        source: PageSource,
        expiry: Expiry,
        json: bool,
    },
    PageClean {
        /// A bucket (or folder in one) to look through besides the history's.
        place: Option<S3Location>,
    },
}

impl Job {
    /// Checks every argument (locations, lifetimes, sizes) before anything is sent.
    fn from_command(command: Command) -> Result<Self> {
        let online = match command {
            Command::History { json } => return Ok(Self::Local(LocalJob::History { json })),
            Command::Unshare { target, json } => {
                return Ok(Self::Local(LocalJob::Unshare { target, json }));
            }
            Command::Connection { action } => return Ok(Self::Local(LocalJob::Connection(action))),
            Command::DemoServer { port, dir } => {
                return Ok(Self::Local(LocalJob::DemoServer { port, dir }));
            }
            Command::Buckets { json } => OnlineJob::Buckets { json },
            Command::Ls {
                location,
                recursive,
                all,
                json,
            } => OnlineJob::Ls {
                folder: S3Location::parse(&location)?.as_folder(),
                recursive,
                all,
                json,
            },
            Command::Link {
                location,
                link,
                filename,
                no_check,
                copy,
                json,
            } => {
                let (expiry, mode) = link.checked(filename)?;
                let object = S3Location::parse_object(&location)?;
                OnlineJob::Link {
                    request: ShareRequest::new(object, expiry, mode).with_check(!no_check),
                    copy,
                    json,
                }
            }
            Command::UploadLink {
                location,
                expires,
                content_type,
                curl,
                replace,
                json,
            } => OnlineJob::UploadLink {
                object: S3Location::parse_object(&location)?,
                expiry: Expiry::parse(&expires)?,
                content_type,
                curl,
                replace,
                json,
            },
            Command::Upload {
                mut paths,
                link,
                expires,
                jobs,
                part_size,
                multipart_above,
            } => {
                // clap insists on two or more: the last is the destination.
                let destination = S3Location::parse(&paths.pop().unwrap_or_default())?;
                let expiry = Expiry::parse(&expires)?;
                OnlineJob::Upload {
                    files: paths,
                    destination,
                    links: link.then_some(expiry),
                    options: UploadOptions::checked(
                        usize::from(jobs),
                        s3share_core::format::parse_size(&part_size)?,
                        s3share_core::format::parse_size(&multipart_above)?,
                    )?,
                }
            }
            Command::Protect {
                file,
                destination,
                expires,
            } => {
                let destination = S3Location::parse(&destination)?.as_folder();
                let expiry = Expiry::parse(&expires)?;
                OnlineJob::Protect(s3share_core::protect::ProtectRequest {
                    file,
                    destination,
                    expiry,
                    // Last: nothing is asked before the other arguments are known good.
                    password: protect::read_password()?,
                    name: None,
                })
            }
            Command::Request {
                location,
                expires,
                max_size,
                json,
            } => OnlineJob::Request {
                options: RequestOptions::new(
                    S3Location::parse(&location)?,
                    Expiry::parse(&expires)?,
                    s3share_core::format::parse_size(&max_size)?,
                )?,
                json,
            },
            Command::Page {
                action: Some(PageAction::Clean { bucket }),
                ..
            } => OnlineJob::PageClean {
                place: bucket
                    .map(|b| S3Location::parse(&b).map(|l| l.as_folder()))
                    .transpose()?,
            },
            Command::Page {
                action: None,
                locations,
                recursive,
                expires,
                json,
            } => OnlineJob::Page {
                source: page::source(&locations, recursive)?,
                expiry: Expiry::parse(&expires)?,
                json,
            },
            Command::Message {
                locations,
                link,
                html,
            } => {
                let (expiry, mode) = link.checked(None)?;
                let objects = locations
                    .iter()
                    .map(|l| S3Location::parse_object(l))
                    .collect::<Result<Vec<_>>>()?;
                OnlineJob::Message {
                    requests: ShareRequest::for_each(objects, expiry, &mode),
                    html,
                }
            }
        };
        Ok(Self::Online(online))
    }
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
    let result = Job::from_command(command).map(|job| runtime.block_on(run(&cli.connection, job)));
    match result.and_then(|ran| ran) {
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

async fn run(connection: &ConnectionArgs, job: Job) -> Result<()> {
    let online = match job {
        Job::Local(LocalJob::DemoServer { port, dir }) => return demo_server(port, dir).await,
        Job::Local(LocalJob::Connection(action)) => {
            return connections::run(connection, action).await;
        }
        Job::Local(LocalJob::History { json }) => return history::show(json),
        Job::Local(LocalJob::Unshare { target, json }) => {
            return history::unshare(connection, &target, json).await;
        }
        Job::Online(online) => online,
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
    let result = run_online(&session, online).await;
    if result.is_ok()
        && let Some(note) = session.clock_note()
    {
        eprintln!("s3share: note: {note}");
    }
    result
}

async fn run_online(session: &Session, job: OnlineJob) -> Result<()> {
    match job {
        OnlineJob::Buckets { json } => buckets(session, json).await,
        OnlineJob::Ls {
            folder,
            recursive,
            all,
            json,
        } => ls(session, &folder, recursive, all, json).await,
        OnlineJob::Link {
            request,
            copy: true,
            json,
        } => {
            let copy = session.share_copy(&request).await?;
            history::record_copy(session, &copy);
            warn_links(&copy.link.warnings);
            eprintln!("s3share: note: {}", copy.cost);
            if json {
                print_json(&copy)
            } else {
                print_lines(&[&copy.link.url])
            }
        }
        OnlineJob::Link {
            request,
            copy: false,
            json,
        } => {
            let link = session.share_link(&request).await?;
            history::record(session, std::slice::from_ref(&link));
            warn_links(&link.warnings);
            if json {
                print_json(&link)
            } else {
                print_lines(&[&link.url])
            }
        }
        OnlineJob::UploadLink {
            object,
            expiry,
            content_type,
            curl,
            replace,
            json,
        } => {
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
        OnlineJob::Upload {
            files,
            destination,
            links,
            options,
        } => {
            upload::run(session, files, &destination, links, &options).await?;
            if links.is_some() {
                warn_links(&session.link_warnings().await?);
            }
            Ok(())
        }
        OnlineJob::Protect(request) => protect::run(session, request).await,
        OnlineJob::Request { options, json } => request(session, &options, json).await,
        OnlineJob::Page {
            source,
            expiry,
            json,
        } => page::make(session, &source, expiry, json).await,
        OnlineJob::PageClean { place } => page::clean(session, place.as_ref()).await,
        OnlineJob::Message { requests, html } => {
            let mut links = Vec::new();
            for request in &requests {
                links.push(session.share_link(request).await?);
            }
            history::record(session, &links);
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
    }
}

/// `s3share request`: the page's link on stdout; where files arrive (and, on services
/// without form uploads, how many the page takes) on stderr.
async fn request(session: &Session, options: &RequestOptions, json: bool) -> Result<()> {
    let request = session.request_files(options).await?;
    history::record_request(session, &request);
    warn_links(&request.page.warnings);
    if let Some(note) = request.uploads.note() {
        eprintln!("s3share: note: {note}");
    }
    if json {
        return print_json(&request);
    }
    eprintln!(
        "s3share: files will arrive in s3://{}/{} (up to {} each); the page works until {}",
        visible(&request.received.bucket),
        visible(&request.received.key),
        human_size(request.max_size),
        s3share_core::format::local_day_time(request.page.expires_at)
    );
    print_lines(&[&request.page.url])
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

async fn ls(
    session: &Session,
    folder: &S3Location,
    recursive: bool,
    all: bool,
    json: bool,
) -> Result<()> {
    let mut listing = session.list_all(folder, recursive).await?;
    // s3share's own folders (pages, copies) are hidden unless asked for: the one rule is
    // `managed::is_managed_key`, as in the window's browser.
    if !all && !is_managed_key(&folder.key) {
        listing.folders.retain(|f| !is_managed_key(f));
        listing.objects.retain(|o| !is_managed_key(&o.key));
    }
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
    // The window's demo storage uses the same folder: one server over it at a time, or two
    // would write the same files.
    let _held = s3share_core::demo::lock_folder(&root)?;
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
