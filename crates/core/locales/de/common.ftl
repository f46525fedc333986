files-count = { $count ->
    [one] { $count } Datei
   *[other] { $count } Dateien
}

duration-days = { $count ->
    [one] { $count } Tag
   *[other] { $count } Tage
}
duration-hours = { $count ->
    [one] { $count } Stunde
   *[other] { $count } Stunden
}
duration-minutes = { $count ->
    [one] { $count } Minute
   *[other] { $count } Minuten
}
duration-seconds = { $count ->
    [one] { $count } Sekunde
   *[other] { $count } Sekunden
}
duration-two = { $first } { $second }
time-until-in = { $time } (noch { $left })

backend-pick-files-title = Dateien hochladen
backend-web-request-failed = Die Webanfrage konnte nicht gestartet werden: { $reason }
