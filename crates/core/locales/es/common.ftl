files-count = { $count ->
    [one] { $count } archivo
   *[other] { $count } archivos
}
