browser-items = { $count ->
    [one] { $total } elemento
   *[other] { $total } elementos
}
browser-items-shown = { $shown } de { $items } mostrados
browser-filtering = , filtrando…
browser-loading-more = , cargando más…
browser-listing-failed = { " " }(el listado se detuvo con un error)
