files-count = { $count ->
    [one] { $count } fichier
   *[other] { $count } fichiers
}

duration-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}
duration-hours = { $count ->
    [one] { $count } heure
   *[other] { $count } heures
}
duration-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
duration-seconds = { $count ->
    [one] { $count } seconde
   *[other] { $count } secondes
}
duration-two = { $first } { $second }
time-until-in = { $time } (dans { $left })

backend-pick-files-title = Envoyer des fichiers
backend-web-request-failed = Impossible de lancer une requête web : { $reason }
