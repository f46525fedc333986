# Words used across the window.

files-count = { $count ->
    [one] { $count } file
   *[other] { $count } files
}
