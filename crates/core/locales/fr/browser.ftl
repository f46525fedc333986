browser-items = { $count ->
    [one] { $total } élément
   *[other] { $total } éléments
}
browser-items-shown = { $shown } sur { $items } affichés
browser-filtering = , filtrage…
browser-loading-more = , chargement de la suite…
browser-listing-failed = { " " }(la liste s'est arrêtée sur une erreur)
