//! The command line as typed: clap's structures (strings and flags). `jobs.rs` turns them
//! into validated values before anything runs.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use s3share_core::{ConnectionSettings, Expiry, LinkMode, Result};

#[derive(Debug, Parser)]
#[command(
    name = "s3share",
    version,
    about = "Share files from S3 buckets as working pre-signed links",
    long_about = "Share files from S3 buckets (AWS, Cloudflare R2, Wasabi, Backblaze B2, MinIO) as working pre-signed links.\n\nWithout a command, opens the window. Credentials come from the standard AWS chain: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, AWS_PROFILE and ~/.aws/config (SSO included). The EC2/ECS metadata services are never asked.",
    after_help = "Examples:\n  s3share link s3://reports/2026/q3.pdf --expires 7d\n  s3share link s3://photos/IMG_0412.jpg --attachment --filename 'Lisbon tram.jpg'\n  s3share link s3://reports/draft.pdf --copy --expires 1d    (then: s3share unshare ID)\n  s3share upload contract.pdf s3://shared/clients/ --link\n  s3share protect contract.pdf s3://shared/clients/ --expires 3d\n  s3share demo-server --port 9000"
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
        /// Also show s3share's own files (its .s3share/ folders: pages, copies)
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Print a pre-signed link to a file (only the URL, on one line)
    Link {
        /// s3://BUCKET/KEY
        location: String,
        #[command(flatten)]
        link: LinkArgs,
        /// File name for the download (implies --attachment)
        #[arg(long, value_name = "NAME", conflicts_with = "inline")]
        filename: Option<String>,
        /// Do not check that the file exists first
        #[arg(long, conflicts_with = "copy")]
        no_check: bool,
        /// Share a copy you can take back (`s3share unshare`): the file is copied inside
        /// the bucket (into .s3share/shares/ beside it) and the copy is shared; it is
        /// stored twice until the link ends or is taken back
        #[arg(long)]
        copy: bool,
        /// Print url, expires_at and expiry_reason as JSON
        #[arg(long)]
        json: bool,
    },
    /// Stop sharing a copy made with `link --copy`, a page, a file request or a protected
    /// file: delete it, so its link answers 403/404. A plain pre-signed link cannot be
    /// taken back.
    Unshare {
        /// The short id `s3share history` shows (recommended), or `-` to read the id or
        /// link from stdin; a link given here shows in `ps` and shell history
        #[arg(value_name = "ID|-|URL")]
        target: String,
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
    /// Encrypt a file with a password and share it as a page that opens it in a browser
    /// (the password is read from stdin, or asked for; never given as an argument)
    Protect {
        /// The file to protect (at most 500 MB: the recipient's browser decrypts it in memory)
        file: PathBuf,
        /// s3://BUCKET/[PREFIX/] to keep the encrypted file and its page in (under .s3share/)
        destination: String,
        /// How long the page works
        #[arg(long, default_value = "1d", value_name = "DUR")]
        expires: String,
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
        #[command(flatten)]
        link: LinkArgs,
        /// HTML instead of plain text
        #[arg(long)]
        html: bool,
    },
    /// Make a page through which anyone can send you files (no account, no software):
    /// prints its link; the files arrive in a new folder inside FOLDER
    Request {
        /// s3://BUCKET/FOLDER/ the files go below
        location: String,
        /// How long the page works: 90s, 15m, 1h, 1d, 7d (at most 7 days)
        #[arg(long, default_value = "7d", value_name = "DUR")]
        expires: String,
        /// The largest file the page takes, e.g. 100MiB, 2GiB (at most 5GiB)
        #[arg(long, default_value = "1GiB", value_name = "SIZE")]
        max_size: String,
        /// Print the page's url, the folder files arrive in and the limits as JSON
        #[arg(long)]
        json: bool,
    },
    /// Share many files as one link: a page listing each file with its own download link
    /// (all ending with the page); prints the page's link. `page clean` removes ended pages.
    #[command(
        args_conflicts_with_subcommands = true,
        subcommand_negates_reqs = true,
        after_help = "Examples:\n  s3share page s3://photos/lisbon/ --expires 7d\n  s3share page s3://photos/lisbon/ --recursive\n  s3share page s3://docs/a.pdf s3://docs/b.pdf\n  s3share page clean s3://photos/"
    )]
    Page {
        #[command(subcommand)]
        action: Option<PageAction>,
        /// One folder (s3://BUCKET/FOLDER/, ending in /), or one or more files s3://BUCKET/KEY
        /// of one bucket
        #[arg(
            required = true,
            value_name = "s3://BUCKET/FOLDER/ | s3://BUCKET/KEY..."
        )]
        locations: Vec<String>,
        /// Also the files in the folder's folders (shown with their paths)
        #[arg(long)]
        recursive: bool,
        /// How long the page and its links work: 90s, 15m, 1h, 1d, 7d (1 second to 7 days)
        #[arg(long, default_value = "1h", value_name = "DUR")]
        expires: String,
        /// Print the page's url, expiry, folder and file count as JSON
        #[arg(long)]
        json: bool,
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

#[derive(Debug, Subcommand)]
pub enum PageAction {
    /// Remove the pages whose links have ended: those in the history made with this
    /// connection, and with a bucket, every ended one in s3://BUCKET/.s3share/. Only
    /// s3share's own .s3share/ folders are ever removed.
    Clean {
        /// s3://BUCKET (or s3://BUCKET/FOLDER/) to look through as well
        #[arg(value_name = "s3://BUCKET/")]
        bucket: Option<String>,
    },
}

/// How a share link behaves: `link` and `message` take the same options.
#[derive(Debug, Args)]
pub struct LinkArgs {
    /// How long the link works: 90s, 15m, 1h, 1d, 7d or seconds (1 second to 7 days)
    #[arg(long, default_value = "1h", value_name = "DUR")]
    pub expires: String,
    /// Open in the browser (the default)
    #[arg(long, conflicts_with = "attachment")]
    pub inline: bool,
    /// Download instead of opening in the browser
    #[arg(long)]
    pub attachment: bool,
}

impl LinkArgs {
    /// The validated lifetime and the open/download choice (`filename` implies a download).
    pub fn checked(&self, filename: Option<String>) -> Result<(Expiry, LinkMode)> {
        let download = (self.attachment || filename.is_some()) && !self.inline;
        Ok((
            Expiry::parse(&self.expires)?,
            LinkMode::from_download(download, filename),
        ))
    }
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
