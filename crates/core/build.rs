//! Lists the Fluent catalogues (`locales/<language>/<area>.ftl`) for `src/i18n/mod.rs`, so
//! adding an area file needs no code change: each file is embedded with `include_str!`.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // Read when the script runs, not when it was compiled: a build cache shared between
    // checkouts (CI's fresh clone) reuses the compiled script from another folder.
    let manifest_dir =
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join("locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    for language in std::fs::read_dir(&root).expect("crates/core/locales") {
        let language = language.expect("a language folder").path();
        if !language.is_dir() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", language.display());
        for file in std::fs::read_dir(&language).expect("a language folder") {
            let path = file.expect("a catalogue file").path();
            if path.extension().is_some_and(|e| e == "ftl") {
                println!("cargo:rerun-if-changed={}", path.display());
                files.push(path);
            }
        }
    }
    files.sort();
    let mut out = String::from("&[\n");
    for path in files {
        let language = path.parent().and_then(Path::file_name).expect("language");
        let area = path.file_stem().expect("area");
        writeln!(
            out,
            "    ({:?}, {:?}, include_str!({:?})),",
            language.to_str().expect("UTF-8 folder name"),
            area.to_str().expect("UTF-8 file name"),
            path.to_str().expect("UTF-8 path"),
        )
        .expect("write to a string");
    }
    out.push(']');
    let target = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("catalogues.rs");
    std::fs::write(target, out).expect("write catalogues.rs");
}
