files-count = { $count ->
    [one] { $count } Datei
   *[other] { $count } Dateien
}
