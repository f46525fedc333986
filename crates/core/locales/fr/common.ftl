files-count = { $count ->
    [one] { $count } fichier
   *[other] { $count } fichiers
}
