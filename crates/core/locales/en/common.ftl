# Words used across the window.

files-count = { $count ->
    [one] { $count } file
   *[other] { $count } files
}

duration-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
duration-hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
duration-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
duration-seconds = { $count ->
    [one] { $count } second
   *[other] { $count } seconds
}
duration-two = { $first } { $second }
# A moment and how far away it is ($left: a duration-* above).
time-until-in = { $time } (in { $left })

# The backend's few words (crates/gui/src/backend.rs).
backend-pick-files-title = Upload files
backend-web-request-failed = Could not start a web request: { $reason }
