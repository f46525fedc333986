//! Names shown to people cannot forge text.
//!
//! Object keys, bucket names and server messages come from other people (a shared bucket,
//! a remote server). Shown raw, a key like `"a\nhttps://evil.example/x"` starts a line of
//! its own in an email, and `"invoice\u{202E}fdp.exe"` displays as `invoiceexe.pdf`.
//! [`visible`] is the one place that makes such characters visible, and every text a
//! person reads (email text and HTML, the clipboard, history, `ls`, error messages,
//! window labels) passes names through it.
//!
//! The form is Rust's (and close to JSON's): `\n`, `\r`, `\t` for the three common ones,
//! `\u{XXXX}` (upper-case hex, at least four digits) for every other:
//!
//! - C0 controls U+0000–U+001F (ESC included) and DEL U+007F;
//! - C1 controls U+0080–U+009F;
//! - bidirectional controls: U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069;
//! - the Unicode line and paragraph separators U+2028 and U+2029 (they break lines too).
//!
//! Everything else (accents, combining marks, CJK, emoji, zero-width joiners) is left
//! as it is, and so is a backslash: the escapes are for reading, not for decoding.

use std::borrow::Cow;
use std::fmt::Write;

/// True for a character that [`visible`] escapes.
pub fn is_hidden(c: char) -> bool {
    c.is_control() // C0, DEL, C1
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// `name` with control and bidi characters shown as escapes (`\n`, `\u{202E}`); borrowed
/// unchanged when there are none.
pub fn visible(name: &str) -> Cow<'_, str> {
    if !name.chars().any(is_hidden) {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden(c) => {
                let _ = write!(out, "\\u{{{:04X}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_controls_and_bidi() {
        assert_eq!(
            visible("a\nhttps://evil.example/x\n.pdf"),
            "a\\nhttps://evil.example/x\\n.pdf"
        );
        assert_eq!(visible("invoice\u{202E}fdp.exe"), "invoice\\u{202E}fdp.exe");
        assert_eq!(visible("a\tb\rc\u{1b}[31m"), "a\\tb\\rc\\u{001B}[31m");
        assert_eq!(visible("\u{7f}\u{85}\u{9b}"), "\\u{007F}\\u{0085}\\u{009B}");
        assert_eq!(
            visible("\u{2066}x\u{2069}\u{200E}\u{200F}\u{61C}\u{2028}"),
            "\\u{2066}x\\u{2069}\\u{200E}\\u{200F}\\u{061C}\\u{2028}"
        );
    }

    #[test]
    fn leaves_ordinary_unicode_alone() {
        for name in [
            "résumé.pdf",
            "報告書 2026.pdf",
            "👩‍👩‍👧 trip.jpg",
            "e\u{301}t\u{301}e\u{301}",
            "مرحبا.txt",
            "a\\nb",
            "",
        ] {
            assert!(
                matches!(visible(name), Cow::Borrowed(n) if n == name),
                "{name}"
            );
        }
    }

    /// The code points of the `HIDDEN = /[...]/` class in a page's script (only `\uXXXX`
    /// and `\uXXXX-\uXXXX` items).
    fn script_class(script: &str) -> Vec<(u32, u32)> {
        let start = script.find("HIDDEN = /[").expect("a HIDDEN class") + "HIDDEN = /[".len();
        let class = &script[start..start + script[start..].find("]/").unwrap()];
        let mut ranges = Vec::new();
        let mut items = class.split("\\u").skip(1).peekable();
        let hex = |s: &str| u32::from_str_radix(&s[..4], 16).unwrap();
        while let Some(item) = items.next() {
            let low = hex(item);
            let high = if item[4..].starts_with('-') {
                hex(items.next().unwrap())
            } else {
                assert_eq!(item.len(), 4, "only \\u items in {class}");
                low
            };
            ranges.push((low, high));
        }
        ranges
    }

    /// The request page and the protected-file page escape exactly what `visible` does.
    #[test]
    fn the_pages_scripts_hide_the_same_characters() {
        for (page, script) in [
            ("request", include_str!("pages/request_page.js")),
            ("protect", include_str!("protect/page.js")),
        ] {
            let class = script_class(script);
            // A JS class holds UTF-16 units: everything past U+FFFF is out of it (as it
            // is out of `is_hidden`).
            for code in 0..=0xFFFFu32 {
                let Some(c) = char::from_u32(code) else {
                    continue;
                };
                let in_script = class.iter().any(|&(lo, hi)| (lo..=hi).contains(&code));
                assert_eq!(in_script, is_hidden(c), "{page}: U+{code:04X}");
            }
            assert!(
                !(0x10000..=0x10FFFFu32)
                    .filter_map(char::from_u32)
                    .any(is_hidden)
            );
            // The same form of escape: `\n` for the common ones, four hex digits at least.
            assert!(
                script.contains(r"'\n': '\\n'") || script.contains(r#""\n": "\\n""#),
                "{page}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn output_never_holds_a_hidden_char(name in any::<String>()) {
            let shown = visible(&name);
            prop_assert!(!shown.chars().any(is_hidden), "{shown:?}");
            prop_assert!(!shown.contains('\n') && !shown.contains('\r'));
        }

        #[test]
        fn identity_without_hidden_chars(name in "[^\\p{Cc}\u{061C}\u{200E}\u{200F}\u{202A}-\u{202E}\u{2066}-\u{2069}\u{2028}\u{2029}]*") {
            prop_assert_eq!(visible(&name), name.as_str());
        }

        #[test]
        fn every_hidden_char_becomes_one_escape(
            parts in proptest::collection::vec(("[a-z]{0,3}", any::<char>()), 0..20)
        ) {
            let mut name = String::new();
            let mut expected_escapes = 0;
            for (text, c) in &parts {
                name.push_str(text);
                name.push(*c);
                expected_escapes += usize::from(is_hidden(*c));
            }
            let shown = visible(&name);
            let escapes = shown.matches("\\u{").count()
                + shown.matches("\\n").count()
                + shown.matches("\\r").count()
                + shown.matches("\\t").count();
            // A `\` typed in the name may add to the count, never take from it.
            prop_assert!(escapes >= expected_escapes);
        }
    }
}
