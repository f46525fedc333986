# El historial de enlaces compartidos.

history-button = Historial ({ $count ->
    [one] { $count } enlace
   *[other] { $count } enlaces
})
history-back = ← Volver a los archivos
history-heading = Enlaces compartidos
history-revoke-text = Un enlace simple funciona hasta que caduca: no se puede retirar antes. Para detenerlo antes, mueva, cambie el nombre o elimine el archivo, o desactive la clave de acceso que lo firmó (eso detiene todos los enlaces que firmó). Los enlaces a una copia (“Compartir una copia que pueda retirar”) sí pueden: “Dejar de compartir” elimina la copia. Eliminar una línea aquí solo la quita de esta lista.
history-search = Buscar en el historial
history-search-hint = Nombre, bucket, conexión…
history-search-clear = Borrar la búsqueda
history-sort = Ordenar
history-sort-made-newest = Más recientes primero
history-sort-made-oldest = Más antiguos primero
history-sort-ends-soonest = Los que terminan antes primero
history-sort-ends-latest = Los que terminan después primero
history-only-working = Solo enlaces que aún funcionan
history-only-working-hover = Oculta los enlaces que han terminado o se han retirado
history-keep-links = Guardar los propios enlaces
history-keep-links-hover = Si está desactivado, solo se guarda qué se compartió, cuándo y hasta cuándo, no los enlaces que funcionan (cualquiera que pueda leer sus archivos podría usarlos).
history-cancel = Cancelar
history-clear = Borrar el historial
history-clear-question = ¿Quitar todas las líneas? Los enlaces ya enviados siguen funcionando.
history-clear-all = Borrar todo…
history-empty = Aún no hay enlaces. Los enlaces que copie aparecerán aquí.
history-none-working = Ya no funciona ningún enlace.
history-none-working-matches = Ningún enlace que funcione coincide con “{ $search }”.
history-none-matches = Ningún enlace coincide con “{ $search }”.

history-remove-copies-working = Quitar del historial, con sus copias (los enlaces siguen funcionando)
history-remove-working = Quitar del historial (el enlace sigue funcionando)
history-remove-copies = Quitar del historial, con sus copias
history-remove = Quitar del historial
history-stop-sharing = Dejar de compartir
history-stop-sharing-hover = Dejar de compartir: { $effect }.
history-stopping-another = Deteniendo otro enlace…
history-stop-other-connection = Creado con “{ $connection }”: abra esa conexión para dejar de compartirlo.
history-copy-again = Copiar de nuevo
history-copy-again-hover = Copia el mismo enlace; aún funciona
history-make-new = Crear un enlace nuevo
history-make-new-hover = Copia un enlace nuevo al mismo archivo, válido durante el mismo tiempo que este
history-make-new-other-connection = Creado con “{ $connection }”: abra esa conexión para crear un enlace nuevo.
history-ended-demo-restarted = terminado: el almacenamiento de demostración se reinició

history-downloads-as = se descarga como { $name }
history-downloads = se descarga
history-opens-in-browser = se abre en el navegador
history-made = creado el { $time }
history-works-until = funciona hasta el { $time }
history-would-have-worked-until = habría funcionado hasta el { $time }
history-ended-at = terminó el { $time }
history-copied-times = copiado { $count ->
    [one] { $count } vez
   *[other] { $count } veces
}
history-same-copies = { $text } · { $count ->
    [one] { $count } copia
   *[other] { $count } copias
}

history-too-busy-update = La ventana está demasiado ocupada para actualizar el historial. Inténtelo de nuevo.
history-too-busy-stop = La ventana está demasiado ocupada para dejar de compartir. Inténtelo de nuevo.
history-stopped-sharing = Se dejó de compartir { $name }: { $effect }.
history-copied-again = Enlace copiado de nuevo

history-state-active = activo
history-state-ended = terminado
history-state-taken-back = retirado
history-state-active-until = activo, funciona hasta el { $time }
history-page-label = página · { $count ->
    [one] { $shown } archivo
   *[other] { $shown } archivos
}
history-mode-page = un enlace a una página en el bucket que lista los archivos
history-mode-request = un enlace a una página en el bucket que acepta subidas
history-mode-protected = un enlace a una página que pide la contraseña
history-mode-copy = un enlace a la copia del archivo hecha por s3share
history-effect-copy = se elimina la copia de s3share y su enlace deja de funcionar de inmediato (su propio archivo no se toca)
history-effect-protected = se eliminan el archivo cifrado y su página, y el enlace deja de funcionar de inmediato
history-effect-page = se elimina la página y su enlace deja de funcionar de inmediato, pero quien ya haya abierto la página conserva los enlaces a los archivos que mostraba hasta que terminen ({ $ends })
history-effect-request = se elimina la página y su enlace deja de funcionar de inmediato, pero un navegador que aún la tenga abierta puede enviar archivos hasta que termine el formulario ({ $ends }); los archivos ya recibidos se quedan

