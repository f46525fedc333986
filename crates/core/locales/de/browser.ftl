browser-items = { $count ->
    [one] { $total } Eintrag
   *[other] { $total } Einträge
}
browser-items-shown = { $shown } von { $items } angezeigt
browser-filtering = , wird gefiltert…
browser-loading-more = , weitere werden geladen…
browser-listing-failed = { " " }(die Auflistung wurde mit einem Fehler abgebrochen)
