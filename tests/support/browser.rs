//! Headless Chromium for tests, driven through chromedriver (WebDriver) with `fantoccini`.
//!
//! `Browser::start().await` runs Debian's `/usr/bin/chromedriver` on a free 127.0.0.1 port
//! and opens one headless Chromium session in it: a profile and a download folder of its own
//! (downloads are saved there without asking), a 1280×900 window. Dropping the `Browser`
//! ends chromedriver and the Chromium it started (the whole process group, which is theirs
//! alone); `close().await` ends the WebDriver session first, politely.
//!
//! Needs the `chromium` and `chromium-driver` packages (`.ci/run` installs them). Use it from
//! a `#[tokio::test]`:
//!
//! ```ignore
//! #[allow(clippy::duplicate_mod)]
//! #[path = "support/browser.rs"]
//! mod browser;
//!
//! let browser = browser::Browser::start().await;
//! browser.client().goto(&url).await.unwrap();
//! let file = browser.wait_for_download(Duration::from_secs(30)).await;
//! ```
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

pub struct Browser {
    client: Client,
    driver: Child,
    downloads: PathBuf,
    /// Holds the download folder, the profile and chromedriver's log.
    dir: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session (1280×900).
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().expect("browser temp dir");
        let downloads = dir.path().join("downloads");
        let profile = dir.path().join("profile");
        std::fs::create_dir_all(&downloads).expect("download folder");
        std::fs::create_dir_all(&profile).expect("profile folder");
        let log = dir.path().join("chromedriver.log");
        let spawn_driver = |port: u16| {
            use std::os::unix::process::CommandExt;
            Command::new(CHROMEDRIVER)
                .arg(format!("--port={port}"))
                .arg(format!("--log-path={}", log.display()))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                // A process group of its own, so Drop can end Chromium with it.
                .process_group(0)
                .spawn()
                .unwrap_or_else(|e| {
                    panic!("start {CHROMEDRIVER} (apt-get install chromium-driver): {e}")
                })
        };
        let mut browser_options = serde_json::Map::new();
        browser_options.insert("binary".into(), CHROMIUM.into());
        browser_options.insert(
            "args".into(),
            serde_json::json!([
                "--headless=new",
                // The tests run as root, where Chromium's sandbox cannot start.
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ]),
        );
        browser_options.insert(
            "prefs".into(),
            serde_json::json!({
                "download.default_directory": downloads.display().to_string(),
                "download.prompt_for_download": false,
                "download.directory_upgrade": true,
                "safebrowsing.enabled": false,
            }),
        );
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), "chrome".into());
        capabilities.insert("goog:chromeOptions".into(), browser_options.into());
        // The free port is found by binding and releasing it: another process may take it
        // first, and chromedriver then ends at once. Then it starts again on another port.
        let mut port = free_port();
        let mut driver = spawn_driver(port);
        let mut restarts = 0;
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            let webdriver = format!("http://127.0.0.1:{port}");
            match ClientBuilder::rustls()
                .expect("rustls connector")
                .capabilities(capabilities.clone())
                .connect(&webdriver)
                .await
            {
                Ok(client) => break client,
                Err(e) => {
                    if let Ok(Some(status)) = driver.try_wait() {
                        if restarts < 3 {
                            restarts += 1;
                            port = free_port();
                            driver = spawn_driver(port);
                            continue;
                        }
                        panic!(
                            "chromedriver ended ({status}); its log:\n{}",
                            std::fs::read_to_string(&log).unwrap_or_default()
                        );
                    }
                    if Instant::now() > deadline {
                        end_group(&mut driver);
                        panic!("no WebDriver session within 30 s: {e}");
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        };
        Self {
            client,
            driver,
            downloads,
            dir,
        }
    }

    /// The WebDriver client (a cheap handle: clone it freely).
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Resizes the page's viewport to `width`×`height` CSS pixels (e.g. 390×844 for a
    /// phone): the window is resized, then grown by whatever the browser's frame takes.
    pub async fn set_size(&self, width: u32, height: u32) {
        self.client
            .set_window_size(width, height)
            .await
            .expect("resize the window");
        let inner = self
            .client
            .execute("return [window.innerWidth, window.innerHeight]", vec![])
            .await
            .expect("read the viewport");
        let inner_width = u32::try_from(inner[0].as_u64().expect("innerWidth")).unwrap();
        let inner_height = u32::try_from(inner[1].as_u64().expect("innerHeight")).unwrap();
        if (inner_width, inner_height) != (width, height) {
            self.client
                .set_window_size(
                    width + width.saturating_sub(inner_width),
                    height + height.saturating_sub(inner_height),
                )
                .await
                .expect("resize the window");
        }
    }

    /// Where Chromium saves downloads.
    pub fn download_dir(&self) -> &Path {
        &self.downloads
    }

    /// Waits until a finished download appears in the download folder (Chromium's
    /// unfinished `.crdownload` files are ignored) and returns its path.
    pub async fn wait_for_download(&self, timeout: Duration) -> PathBuf {
        let deadline = Instant::now() + timeout;
        loop {
            let mut done = Vec::new();
            let mut busy = false;
            for entry in std::fs::read_dir(&self.downloads).expect("read the download folder") {
                let path = entry.expect("read the download folder").path();
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                // Chromium writes `NAME.crdownload` (and hidden temporary files) until the
                // download is complete, then renames it.
                if name.ends_with(".crdownload") || name.starts_with('.') {
                    busy = true;
                } else {
                    done.push(path);
                }
            }
            assert!(
                done.len() <= 1,
                "more than one download in {}: {done:?}",
                self.downloads.display()
            );
            if !busy && let Some(file) = done.pop() {
                return file;
            }
            assert!(
                Instant::now() < deadline,
                "no download finished within {timeout:?} in {}",
                self.downloads.display()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves a PNG of what the window shows now.
    pub async fn screenshot(&self, path: impl AsRef<Path>) {
        let path = path.as_ref();
        let png = self.client.screenshot().await.expect("take a screenshot");
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("screenshot folder");
        }
        std::fs::write(path, png).expect("write the screenshot");
    }

    /// chromedriver's log, to print when a test fails for reasons the page does not show.
    pub fn driver_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("chromedriver.log")).unwrap_or_default()
    }

    /// Ends the WebDriver session (Chromium quits), then chromedriver.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
        // Drop ends chromedriver.
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        end_group(&mut self.driver);
    }
}

/// Ends chromedriver and everything it started (its process group), then reaps it.
fn end_group(driver: &mut Child) {
    // `kill -- -PGID`: the group is chromedriver's own (`process_group(0)` above).
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", driver.id())])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    let _ = driver.kill();
    let _ = driver.wait();
}

/// Where the tests' screenshots go: `$S3SHARE_SHOTS`, else `shots/` in this build's own
/// temporary folder (never a fixed /tmp path that two test runs would share).
pub fn shots_dir() -> std::path::PathBuf {
    std::env::var_os("S3SHARE_SHOTS").map_or_else(
        || Path::new(env!("CARGO_TARGET_TMPDIR")).join("shots"),
        std::path::PathBuf::from,
    )
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("local address").port()
}
