# El marco de la ventana principal: barra superior, menú Ver, aviso de demostración,
# barra de estado, cierre tras copiar, inicio; temas, reloj, fin de sesión.

window-copy-select-first = Seleccione primero un archivo y luego pulse Ctrl+Mayús+C.
window-filter = Filtro
window-filter-hint = Filtrar… (Ctrl+F)
window-filter-clear = Borrar el filtro
window-view-menu = Ver
window-show-own-files = Mostrar los archivos propios de s3share
window-show-own-files-hover = Las carpetas .s3share donde s3share guarda las copias y páginas compartidas (se eliminan cuando terminan sus enlaces)
window-refresh = ⟳ Actualizar
window-refresh-hover = Volver a listar esta carpeta
window-theme = Tema
window-theme-system = Igual que el sistema
window-theme-light = Claro
window-theme-dark = Oscuro
window-demo-banner = Almacenamiento de demostración en este equipo: los enlaces solo funcionan aquí.
window-demo-banner-hover = Los archivos de demostración están en una carpeta de este equipo; los enlaces solo se abren aquí, mientras S3 Share esté abierto.
window-demo-add-account = Añadir su cuenta de S3 →

window-too-busy-list = La ventana está demasiado ocupada para listar esta carpeta. Inténtelo de nuevo.
window-request-files = Solicitar archivos…
window-request-files-hover = Crear una página a través de la cual cualquiera puede enviarle archivos a esta carpeta
window-history-hover = Los enlaces que ha compartido y hasta cuándo funcionan
window-keys-hint = Flechas: seleccionar · Intro: abrir una carpeta · Retroceso: subir · Ctrl+Mayús+C: copiar un enlace

window-close-title = ¿Pegar el enlace antes de cerrar?
window-close-text = Lo que acaba de copiar solo permanece en el portapapeles mientras S3 Share esté abierto, salvo que use un gestor de portapapeles. Péguelo primero o cierre de todos modos.
window-close-keep-open = Mantener S3 Share abierto
window-close-anyway = Cerrar de todos modos

window-could-not-open = s3share: no se pudo abrir la ventana: { $reason }. La línea de comandos sigue funcionando: consulte `s3share --help`.

window-demo-started-afresh = El almacenamiento de demostración tuvo que empezar de cero, así que los enlaces que creó antes con él ya no funcionan.
window-demo-last-time-gone = Los enlaces que creó con el almacenamiento de demostración la última vez ya no funcionan.
window-demo-session-only = Los enlaces creados con el almacenamiento de demostración dejarán de funcionar cuando se cierre S3 Share.
window-demo-no-keyring = Esta vez ningún llavero guardó las claves del almacenamiento de demostración, así que solo duran mientras S3 Share esté abierto.
window-demo-port-taken = Otro programa está usando el puerto { $port }, al que apuntan esos enlaces. Cuando quede libre, volverán a funcionar tras reiniciar S3 Share.
window-demo-keys-gone = El llavero ya no guarda las claves del almacenamiento de demostración, así que tiene claves nuevas.
window-demo-keyring-unreadable = No se pudo leer el llavero, así que el almacenamiento de demostración usa claves nuevas hasta que S3 Share se vuelva a iniciar.
window-demo-earlier-keys-not-kept = La última vez ningún llavero guardó las claves del almacenamiento de demostración, así que esos enlaces terminaron al cerrarse S3 Share.
window-demo-earlier-fallback-port = La última vez el almacenamiento de demostración funcionó en el puerto { $port }, porque su puerto habitual estaba ocupado; los enlaces creados entonces apuntan allí.
window-demo-gone-other-port = Apunta al almacenamiento de demostración en el puerto { $port }, donde ya no funciona.
window-demo-gone-somewhere = Apunta a un almacenamiento de demostración que ya no funciona allí.
window-demo-gone-other-keys = El almacenamiento de demostración tiene claves nuevas desde que se creó este enlace, así que lo rechaza.
window-demo-gone-before-restart = Se creó antes de que el almacenamiento de demostración tuviera que empezar de cero.

window-clock-behind = El reloj de su equipo va { $how_far } por detrás del del servicio de almacenamiento; los enlaces se firman con la hora del servicio, así que funcionan como se indica. Configure la fecha y la hora automáticas en los ajustes del sistema.
window-clock-ahead = El reloj de su equipo va { $how_far } por delante del del servicio de almacenamiento; los enlaces se firman con la hora del servicio, así que funcionan como se indica. Configure la fecha y la hora automáticas en los ajustes del sistema.

window-session-end-not-a-date = “{ $text }” no es una fecha y hora; escríbala como 2026-11-28 14:30 (hora local) o 2026-11-28T13:30:00Z
window-session-end-skipped = “{ $text }” no existe en la hora local (los relojes se la saltan); indique otra hora
