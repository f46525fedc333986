//! Reading the pages the app writes, as a browser would: shared by the CLI/core tests
//! (tests/common) and the window tests, which include this file with `#[path]`.

/// The value of the page's `data-NAME` attribute, unescaped as the browser's `dataset`
/// reads it.
pub fn data(html: &str, name: &str) -> String {
    let marker = format!(" data-{name}=\"");
    let start = html.find(&marker).expect(name) + marker.len();
    let end = start + html[start..].find('"').unwrap();
    html[start..end]
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
