files-count = { $count ->
    [one] { $count } archivo
   *[other] { $count } archivos
}

duration-days = { $count ->
    [one] { $count } día
   *[other] { $count } días
}
duration-hours = { $count ->
    [one] { $count } hora
   *[other] { $count } horas
}
duration-minutes = { $count ->
    [one] { $count } minuto
   *[other] { $count } minutos
}
duration-seconds = { $count ->
    [one] { $count } segundo
   *[other] { $count } segundos
}
duration-two = { $first } { $second }
time-until-in = { $time } (dentro de { $left })

backend-pick-files-title = Subir archivos
backend-web-request-failed = No se pudo iniciar una solicitud web: { $reason }
