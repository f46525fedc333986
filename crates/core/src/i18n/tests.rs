//! The catalogue is complete: every language has every English message (and no other), with
//! no variable English does not give; every file parses; every `tr!` id used exists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_bundle::FluentResource;
use fluent_syntax::ast;

use super::{CATALOGUES, Language, message_in};

/// Per message id: the variables its value and attributes use.
type Messages = BTreeMap<String, BTreeSet<String>>;

fn pattern_variables(pattern: &ast::Pattern<&str>, into: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, into);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, into: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, into);
            for variant in variants {
                pattern_variables(&variant.value, into);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, into),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, into: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            into.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, into),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, into);
            }
            for argument in &arguments.named {
                inline_variables(&argument.value, into);
            }
        }
        _ => {}
    }
}

/// Parses one file, failing the test on any syntax error.
fn parse(language: &str, area: &str, text: &str) -> Messages {
    let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(_, errors)| {
        panic!("locales/{language}/{area}.ftl does not parse: {errors:?}")
    });
    let mut messages = Messages::new();
    for entry in resource.entries() {
        let (id, value, attributes) = match entry {
            ast::Entry::Message(m) => (m.id.name, m.value.as_ref(), &m.attributes),
            ast::Entry::Term(t) => (t.id.name, Some(&t.value), &t.attributes),
            ast::Entry::Junk { content } => {
                panic!("locales/{language}/{area}.ftl has junk: {content}")
            }
            _ => continue,
        };
        let mut variables = BTreeSet::new();
        if let Some(value) = value {
            pattern_variables(value, &mut variables);
        }
        for attribute in attributes {
            pattern_variables(&attribute.value, &mut variables);
        }
        assert!(
            messages.insert(id.to_owned(), variables).is_none(),
            "locales/{language}/{area}.ftl defines {id} twice"
        );
    }
    messages
}

/// Area → messages, for one language.
fn catalogue(language: Language) -> BTreeMap<&'static str, Messages> {
    CATALOGUES
        .iter()
        .filter(|(code, ..)| *code == language.code())
        .map(|(code, area, text)| (*area, parse(code, area, text)))
        .collect()
}

#[test]
fn only_known_language_folders() {
    for (code, area, _) in CATALOGUES {
        assert!(
            Language::ALL.iter().any(|l| l.code() == *code),
            "locales/{code}/{area}.ftl: no such language in i18n::Language"
        );
    }
}

#[test]
fn every_language_has_every_english_message_and_no_other() {
    let english = catalogue(Language::English);
    assert!(english.len() >= 2, "the English catalogue is missing");
    let mut all_ids = BTreeSet::new();
    for messages in english.values() {
        for id in messages.keys() {
            assert!(
                all_ids.insert(id.clone()),
                "{id} is defined in two English files"
            );
        }
    }
    for language in &Language::ALL[1..] {
        let translated = catalogue(*language);
        let code = language.code();
        for (area, messages) in &english {
            let Some(theirs) = translated.get(area) else {
                panic!("locales/{code}/{area}.ftl is missing");
            };
            for (id, variables) in messages {
                let Some(their_variables) = theirs.get(id) else {
                    panic!("locales/{code}/{area}.ftl lacks {id}");
                };
                let unknown: Vec<_> = their_variables.difference(variables).collect();
                assert!(
                    unknown.is_empty(),
                    "locales/{code}/{area}.ftl: {id} uses {unknown:?}, which English does not give"
                );
            }
            for id in theirs.keys() {
                assert!(
                    messages.contains_key(id),
                    "locales/{code}/{area}.ftl has {id}, which English does not"
                );
            }
        }
        for area in translated.keys() {
            assert!(
                english.contains_key(area),
                "locales/{code}/{area}.ftl has no English file"
            );
        }
    }
}

/// Every literal id given to the macro in the sources (window, core, CLI).
fn ids_used() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut found = Vec::new();
    let mut folders = vec![
        root.join("crates/core/src"),
        root.join("crates/gui/src"),
        root.join("src"),
    ];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                // Spelt in two so this file does not find itself.
                let needle = concat!("tr", "!(");
                let mut rest = text.as_str();
                while let Some(at) = rest.find(needle) {
                    // `tr!(`, not `include_str!(`.
                    let alone = !rest[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
                    rest = rest[at + 4..].trim_start();
                    if alone
                        && let Some(quoted) = rest.strip_prefix('"')
                        && let Some(end) = quoted.find('"')
                    {
                        found.push((quoted[..end].to_owned(), path.display().to_string()));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn every_id_used_in_the_sources_is_in_the_english_catalogue() {
    let english: BTreeSet<String> = catalogue(Language::English)
        .into_values()
        .flat_map(BTreeMap::into_keys)
        .collect();
    let used = ids_used();
    assert!(used.len() > 50, "the scan found only {} ids", used.len());
    for (id, file) in used {
        assert!(
            english.contains(&id),
            "{file}: tr!(\"{id}\") is not in locales/en/"
        );
    }
}

#[test]
fn placeables_carry_no_bidi_isolation_marks() {
    let text = message_in(
        Language::German,
        "error-no-such-bucket",
        Some(&{
            let mut args = super::args();
            super::set_arg(&mut args, "bucket", "fotos");
            args
        }),
    );
    assert!(text.contains("„fotos“"), "{text}");
    assert!(!text.contains(['\u{2068}', '\u{2069}']), "{text:?}");
}

#[test]
fn plurals_follow_each_language() {
    let count = |language, n: u64| {
        let mut args = super::args();
        super::set_arg(&mut args, "count", n);
        message_in(language, "files-count", Some(&args))
    };
    assert_eq!(count(Language::English, 1), "1 file");
    assert_eq!(count(Language::English, 2), "2 files");
    assert_eq!(count(Language::English, 0), "0 files");
    assert_eq!(count(Language::German, 1), "1 Datei");
    assert_eq!(count(Language::German, 3), "3 Dateien");
    // French counts 0 and 1 as singular.
    assert_eq!(count(Language::French, 0), "0 fichier");
    assert_eq!(count(Language::French, 2), "2 fichiers");
    assert_eq!(count(Language::Spanish, 1), "1 archivo");
    assert_eq!(count(Language::Spanish, 5), "5 archivos");
}

#[test]
fn system_locale_names_map_to_a_language() {
    assert_eq!(Language::from_locale("de_DE.UTF-8"), Some(Language::German));
    assert_eq!(Language::from_locale("fr-CA"), Some(Language::French));
    assert_eq!(Language::from_locale("es"), Some(Language::Spanish));
    assert_eq!(Language::from_locale("en_US"), Some(Language::English));
    assert_eq!(Language::from_locale("C"), None);
    assert_eq!(Language::from_locale("POSIX"), None);
    assert_eq!(Language::from_locale("pt_BR"), None);
}

#[test]
fn the_current_language_is_english_until_set() {
    // Nothing in the core's tests sets it: the CLI's language.
    assert_eq!(super::language(), Language::English);
    assert_eq!(crate::tr!("language-menu"), "Language");
}
