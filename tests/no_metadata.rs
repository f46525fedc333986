//! No metadata probes, ever: the real binary runs under `strace -f -e trace=connect` inside
//! an empty network namespace (`unshare -n`), with AWS_EC2_METADATA_DISABLED removed, for
//! AWS profiles whose keys would come from the EC2 instance or ECS container metadata
//! services and for a start without any credentials. No connect() may go to
//! 169.254.169.254, fd00:ec2::254 or 169.254.170.2, and the user is told in words why such
//! a profile does not work. A control case proves the trace sees a connect when one happens.
//!
//! Needs `strace` and `unshare` (util-linux); `bash .ci/run` installs them. Without them the
//! tests fail with that sentence rather than pass unseen.

use std::path::Path;
use std::process::{Command, Output};

const METADATA_ADDRESSES: [&str; 3] = ["169.254.169.254", "fd00:ec2::254", "169.254.170.2"];
const REFUSAL: &str = "s3share does not use instance or container metadata";

/// What the traced run printed, and every connect() it made (one line each).
struct Traced {
    output: Output,
    connects: Vec<String>,
}

impl Traced {
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    #[track_caller]
    fn assert_no_metadata_connect(&self) {
        for line in &self.connects {
            for address in METADATA_ADDRESSES {
                assert!(
                    !line.contains(address),
                    "connect() to a metadata service: {line}\nstderr: {}",
                    self.stderr()
                );
            }
        }
    }

    #[track_caller]
    fn assert_failed_saying(&self, sentence: &str) {
        let err = self.stderr();
        assert!(!self.output.status.success(), "should fail; stderr: {err}");
        assert!(err.contains(sentence), "expected {sentence:?} in {err:?}");
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[track_caller]
fn require_tool(program: &str, arg: &str, package: &str) {
    let works = Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        works,
        "`{program}` is needed for the no-metadata tests (package {package}); `bash .ci/run` installs it"
    );
}

fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// Runs `s3share args` traced, in an empty network namespace, with only HOME, XDG dirs,
/// PATH and `env` set (no AWS_EC2_METADATA_DISABLED).
fn traced(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Traced {
    require_tool("strace", "-V", "strace");
    require_tool("unshare", "--version", "util-linux");
    let trace = home.join("connect.trace");
    let mut cmd = Command::new("unshare");
    // As root a network namespace is enough; otherwise map the user to root in a user
    // namespace first (needs unprivileged user namespaces).
    cmd.arg(if is_root() {
        "--net"
    } else {
        "--map-root-user"
    });
    if !is_root() {
        cmd.arg("--net");
    }
    cmd.args(["strace", "-f", "-qq", "-e", "trace=connect", "-o"])
        .arg(&trace)
        .arg(env!("CARGO_BIN_EXE_s3share"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    let output = cmd.output().expect("run unshare + strace + s3share");
    let text = std::fs::read_to_string(&trace).unwrap_or_else(|e| {
        panic!(
            "no strace output ({e}); unshare/strace failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    Traced {
        output,
        connects: text
            .lines()
            .filter(|l| l.contains("connect("))
            .map(str::to_owned)
            .collect(),
    }
}

/// A temporary HOME with `~/.aws/config` holding `config`.
fn home_with_config(config: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join(".aws")).unwrap();
    std::fs::write(home.path().join(".aws/config"), config).unwrap();
    home
}

const CONFIG: &str = "\
[default]
credential_source = Ec2InstanceMetadata
role_arn = arn:aws:iam::123456789012:role/Default

[profile imds]
region = eu-west-1
credential_source = Ec2InstanceMetadata
role_arn = arn:aws:iam::123456789012:role/Imds

[profile ecs]
credential_source = EcsContainer
role_arn = arn:aws:iam::123456789012:role/Ecs

[profile chained]
role_arn = arn:aws:iam::123456789012:role/Outer
source_profile = imds
";

#[test]
fn instance_metadata_profiles_are_refused_without_any_probe() {
    let home = home_with_config(CONFIG);
    for (args, env) in [
        (vec!["buckets", "--profile", "imds"], vec![]),
        (vec!["buckets"], vec![("AWS_PROFILE", "imds")]),
        // The [default] profile, no flag, no variable.
        (vec!["buckets"], vec![]),
        // role_arn + source_profile whose own keys come from instance metadata.
        (vec!["buckets", "--profile", "chained"], vec![]),
        (
            vec![
                "link",
                "s3://bucket/file.pdf",
                "--no-check",
                "--profile",
                "imds",
            ],
            vec![],
        ),
    ] {
        let run = traced(home.path(), &args, &env);
        run.assert_no_metadata_connect();
        run.assert_failed_saying(REFUSAL);
        assert!(
            run.stderr()
                .contains("credential_source = Ec2InstanceMetadata"),
            "{args:?}: {}",
            run.stderr()
        );
    }
}

#[test]
fn container_metadata_is_refused_without_any_probe() {
    let home = home_with_config(CONFIG);
    let run = traced(
        home.path(),
        &["buckets", "--profile", "ecs"],
        &[(
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "/v2/credentials/some-task",
        )],
    );
    run.assert_no_metadata_connect();
    run.assert_failed_saying(REFUSAL);
    assert!(run.stderr().contains("EcsContainer"), "{}", run.stderr());

    // No profile at all, only the container variables: no keys, and a word about why.
    let empty = tempfile::tempdir().unwrap();
    for variable in [
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    ] {
        let value = if variable.ends_with("FULL_URI") {
            "http://169.254.170.2/v2/credentials/x"
        } else {
            "/v2/credentials/x"
        };
        let run = traced(empty.path(), &["buckets"], &[(variable, value)]);
        run.assert_no_metadata_connect();
        run.assert_failed_saying(REFUSAL);
        assert!(run.stderr().contains(variable), "{}", run.stderr());
    }
}

#[test]
fn no_credentials_at_all_probes_nothing() {
    let empty = tempfile::tempdir().unwrap();
    for args in [
        vec!["buckets"],
        vec!["link", "s3://bucket/file.pdf", "--no-check"],
    ] {
        let run = traced(empty.path(), &args, &[]);
        run.assert_no_metadata_connect();
        run.assert_failed_saying("No S3 keys were found");
    }
}

/// The harness itself: a connect that does happen is seen (so the tests above can fail).
#[test]
fn the_trace_sees_a_connect_when_one_happens() {
    let empty = tempfile::tempdir().unwrap();
    let run = traced(
        empty.path(),
        &["buckets", "--endpoint", "http://169.254.170.2:80"],
        &[
            ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"),
            ("AWS_SECRET_ACCESS_KEY", "secret"),
        ],
    );
    assert!(
        run.connects.iter().any(|l| l.contains("169.254.170.2")),
        "the trace should show the connect to the endpoint: {:#?}\n{}",
        run.connects,
        run.stderr()
    );
    assert!(!run.output.status.success());
}
