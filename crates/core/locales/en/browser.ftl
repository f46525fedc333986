# The file browser (crates/gui/src/browser/): its status line.

browser-items = { $count ->
    [one] { $total } item
   *[other] { $total } items
}
browser-items-shown = { $shown } of { $items } shown
browser-filtering = , filtering…
browser-loading-more = , loading more…
browser-listing-failed = { " " }(the listing stopped with an error)
