//! The words a person reads, in their language: one catalogue of Fluent messages
//! (`crates/core/locales/<language>/<area>.ftl`, embedded at build time by `build.rs`), read
//! through [`tr!`](crate::tr):
//!
//! ```
//! use s3share_core::tr;
//! let label = tr!("language-menu");
//! let sentence = tr!("error-no-such-bucket", bucket = "photos");
//! # assert_eq!(label, "Language");
//! # assert!(sentence.contains("photos"));
//! ```
//!
//! One language is current for the whole process ([`set_language`]); it is English until
//! someone sets it. The CLI never does, so it stays English; the window sets it at start from
//! its settings or the system's locale ([`Language::system`]). A message missing in the
//! current language falls back to English (a test makes sure none is missing).
//!
//! Fluent's bidi isolation marks (U+2068 … U+2069 around each placeable) are off: names are
//! already made visible by [`crate::visible`], and the marks would travel into clipboard text.
//!
//! Dates and sizes in the current language's own form are in [`locale_format`].

pub mod locale_format;
#[cfg(test)]
mod tests;

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// Every catalogue file: (language code, area, text), listed by `build.rs`.
pub(crate) const CATALOGUES: &[(&str, &str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));

/// A language the window can speak.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Language {
    #[default]
    #[serde(rename = "en")]
    English,
    #[serde(rename = "de")]
    German,
    #[serde(rename = "fr")]
    French,
    #[serde(rename = "es")]
    Spanish,
}

impl Language {
    pub const ALL: [Language; 4] = [
        Language::English,
        Language::German,
        Language::French,
        Language::Spanish,
    ];

    /// The catalogue folder's name (`locales/de/`), and the settings file's value.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::German => "de",
            Language::French => "fr",
            Language::Spanish => "es",
        }
    }

    /// The language's name in itself, as a language menu shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::German => "Deutsch",
            Language::French => "Français",
            Language::Spanish => "Español",
        }
    }

    /// The language of a locale name as systems write it (`de_DE.UTF-8`, `fr-CA`, `es`);
    /// `None` for `C`, `POSIX` and languages without a catalogue.
    pub fn from_locale(locale: &str) -> Option<Language> {
        let language = locale
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.code() == language)
    }

    /// The first of the system's preferred languages that has a catalogue, else English.
    pub fn system() -> Language {
        sys_locale::get_locales()
            .find_map(|locale| Language::from_locale(&locale))
            .unwrap_or_default()
    }

    fn index(self) -> usize {
        self as usize
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Makes `language` the one every following [`tr!`](crate::tr) speaks (for the whole process).
pub fn set_language(language: Language) {
    CURRENT.store(language as u8, Ordering::Relaxed);
}

/// The language [`tr!`](crate::tr) speaks now.
pub fn language() -> Language {
    Language::ALL[usize::from(CURRENT.load(Ordering::Relaxed)) % Language::ALL.len()]
}

fn bundles() -> &'static [FluentBundle<FluentResource>] {
    static BUNDLES: OnceLock<Vec<FluentBundle<FluentResource>>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        Language::ALL
            .iter()
            .map(|language| {
                let id: unic_langid::LanguageIdentifier =
                    language.code().parse().expect("a valid language code");
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                bundle.set_use_isolating(false);
                for (code, area, text) in CATALOGUES {
                    if *code != language.code() {
                        continue;
                    }
                    // A damaged file still gives what it could parse (a test fails on it).
                    let resource = FluentResource::try_new((*text).to_owned()).unwrap_or_else(
                        |(partial, errors)| {
                            tracing::warn!(code, area, ?errors, "catalogue has errors");
                            partial
                        },
                    );
                    if let Err(errors) = bundle.add_resource(resource) {
                        tracing::warn!(code, area, ?errors, "catalogue repeats a message");
                    }
                }
                bundle
            })
            .collect()
    })
}

/// Message `id` in `language`, with `args`; English when the language lacks it, and the
/// id itself when English does too (never a panic: a test checks every id used).
pub fn message_in(language: Language, id: &str, args: Option<&FluentArgs<'_>>) -> String {
    let bundles = bundles();
    for bundle in [
        &bundles[language.index()],
        &bundles[Language::English.index()],
    ] {
        if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors);
            if !errors.is_empty() {
                tracing::warn!(id, ?errors, "message formatted with errors");
            }
            return text.into_owned();
        }
    }
    tracing::warn!(id, "message missing from the catalogue");
    id.to_owned()
}

/// Message `id` in the current language (what [`tr!`](crate::tr) calls).
pub fn message(id: &str, args: Option<&FluentArgs<'_>>) -> String {
    message_in(language(), id, args)
}

/// A value given to a message: text, or a number (which plural selectors choose by).
pub trait Arg {
    fn into_value(self) -> FluentValue<'static>;
}

impl Arg for &str {
    fn into_value(self) -> FluentValue<'static> {
        FluentValue::from(self.to_owned())
    }
}

impl Arg for String {
    fn into_value(self) -> FluentValue<'static> {
        FluentValue::from(self)
    }
}

impl Arg for std::borrow::Cow<'_, str> {
    fn into_value(self) -> FluentValue<'static> {
        FluentValue::from(self.into_owned())
    }
}

impl Arg for &String {
    fn into_value(self) -> FluentValue<'static> {
        FluentValue::from(self.clone())
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn into_value(self) -> FluentValue<'static> {
                FluentValue::from(self)
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize, i32, i64);

/// Builds a message's arguments (used by [`tr!`](crate::tr)).
pub fn args() -> FluentArgs<'static> {
    FluentArgs::new()
}

/// Sets one argument (used by [`tr!`](crate::tr)).
pub fn set_arg(args: &mut FluentArgs<'static>, name: &'static str, value: impl Arg) {
    args.set(name, value.into_value());
}

/// A message of the catalogue in the current language: `tr!("request-make")`, or with
/// arguments `tr!("files-count", count = n)` (text or numbers; `$count` in the message chooses
/// plural forms). Every literal id is checked against the English catalogue by a test.
#[macro_export]
macro_rules! tr {
    ($id:literal) => {
        $crate::i18n::message($id, None)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::args();
        $( $crate::i18n::set_arg(&mut args, stringify!($name), $value); )+
        $crate::i18n::message($id, Some(&args))
    }};
}
