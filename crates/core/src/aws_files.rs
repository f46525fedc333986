//! The AWS shared files (`~/.aws/config`, `~/.aws/credentials`, or `AWS_CONFIG_FILE` /
//! `AWS_SHARED_CREDENTIALS_FILE`): where they are, whether there is anything to find, and
//! the profile names in them. Only section names are read; nothing secret is kept.
//! File reads: call from a blocking thread or the backend, never from a UI frame.

use std::path::PathBuf;

/// The config (`config = true`) or credentials file the AWS SDK reads.
fn aws_file(config: bool) -> Option<PathBuf> {
    let (env, default) = if config {
        ("AWS_CONFIG_FILE", "config")
    } else {
        ("AWS_SHARED_CREDENTIALS_FILE", "credentials")
    };
    std::env::var_os(env)
        .map(PathBuf::from)
        .or_else(|| directories::BaseDirs::new().map(|d| d.home_dir().join(".aws").join(default)))
}

/// True when the standard AWS chain has something to find (env keys, a profile, the
/// shared files). Looks only at the environment and whether two files exist: no network.
pub fn aws_credentials_present() -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    if set("AWS_ACCESS_KEY_ID") || set("AWS_PROFILE") {
        return true;
    }
    [false, true]
        .into_iter()
        .any(|config| aws_file(config).is_some_and(|p| p.is_file()))
}

/// Profile names in the AWS config and credentials files, sorted, without duplicates.
pub fn aws_profiles() -> Vec<String> {
    let mut names = Vec::new();
    for config in [true, false] {
        if let Some(text) = aws_file(config).and_then(|p| std::fs::read_to_string(p).ok()) {
            names.extend(profile_sections(&text, config));
        }
    }
    names.sort();
    names.dedup();
    names
}

/// Section names of an AWS config (`[default]`, `[profile NAME]`) or credentials
/// (`[NAME]`) file; other sections (`[sso-session …]`, `[services …]`) are skipped.
pub fn profile_sections(text: &str, config: bool) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            let inner = line.strip_prefix('[')?.split(']').next()?.trim();
            if !config || inner == "default" {
                return Some(inner.to_owned());
            }
            let mut words = inner.split_whitespace();
            match (words.next(), words.next(), words.next()) {
                (Some("profile"), Some(name), None) => Some(name.to_owned()),
                _ => None,
            }
        })
        .filter(|name| !name.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_names_from_aws_files() {
        let config = "[default]\nregion = eu-west-1\n[profile work]\nsso_session = corp\n\
                      [sso-session corp]\nsso_start_url = https://x\n[ profile  spaced ]\n";
        assert_eq!(
            profile_sections(config, true),
            ["default", "work", "spaced"]
        );
        let credentials = "[default]\naws_access_key_id = AKID\naws_secret_access_key = S\n[old]\n";
        assert_eq!(profile_sections(credentials, false), ["default", "old"]);
    }
}
