# Uploads (crates/gui/src/app_uploads.rs, uploads/) and the folder table (browser/table.rs).

uploads-nothing-skipped = Nada que subir. { $skipped }
uploads-nothing-readable = Nada que subir: lo que se soltó no contiene archivos legibles.
uploads-no-desktop-chooser = Este escritorio no tiene selector de archivos, así que s3share muestra el suyo. También puede soltar archivos en esta ventana.
uploads-no-link = Subido, pero no se creó ningún enlace: { $reason }
uploads-one-link-copied = Subido — { $copied }.{ $warning }
uploads-links-copied = { $count ->
    [one] { $count } enlace copiado.{ $warning }
   *[other] { $count } enlaces copiados.{ $warning }
}
uploads-open-bucket-then-drop = Abra primero un bucket y luego suelte los archivos donde deban ir.
uploads-busy = Ocupado: vuelva a intentar la subida en un momento.
uploads-busy-choose = Ocupado: vuelva a intentar «Subir archivos…» en un momento.
uploads-target-bucket = el bucket «{ $bucket }»
uploads-target-none = — abra primero un bucket
uploads-close-title = Todavía hay subidas en curso
uploads-close-body = Si cierra ahora, se detendrán; los archivos sin terminar no estarán en el bucket.
uploads-close-keep = Seguir subiendo
uploads-close-stop = Detener las subidas y cerrar
uploads-menu = ⬆ Subir
uploads-choosing = Eligiendo archivos…
uploads-choose = Subir archivos…
uploads-choose-hint = O suelte archivos y carpetas en la ventana
uploads-drop-hint = …o suelte archivos en esta ventana
uploads-request-file = Pedir un archivo…
uploads-request-file-hint = Crear un enlace con el que otra persona puede enviarle un archivo
uploads-request-files = Pedir archivos…
uploads-request-files-hint = Crear una página a través de la cual cualquiera puede enviarle archivos
uploads-copy-after = Copiar el enlace tras subir
uploads-open-bucket-first = Abra primero un bucket
uploads-skipped-one = «{ $name }» ({ $reason })
uploads-skipped-more = y { $count } más
uploads-skipped = { $count ->
    [one] Se omitió { $count } elemento: { $items }.
   *[other] Se omitieron { $count } elementos: { $items }.
}
uploads-skip-symlink = un enlace simbólico (los enlaces no se siguen)
uploads-skip-not-file = no es un archivo normal
uploads-skip-unreadable = no se pudo leer: { $reason }
uploads-skip-name-not-text = su nombre no es un texto válido; cámbiele el nombre y vuelva a subirlo

uploads-summary = Subidas: { $done } de { $total }
uploads-summary-speed = { " " }· { $speed }/s · quedan { $left }
uploads-summary-failed = { " " }· { $count ->
    [one] { $count } fallida
   *[other] { $count } fallidas
}
uploads-hide = Ocultar
uploads-show = Mostrar
uploads-copy-links = { $count ->
    [one] Copiar el enlace del archivo subido
   *[other] Copiar los enlaces de los { $count } archivos subidos
}
uploads-clear = Quitar terminadas
uploads-clash-title = El archivo ya existe
uploads-clash-body = «{ $name }» ya está en { $folder }. ¿Qué debe hacerse?
uploads-replace = Reemplazar
uploads-keep-both = Conservar ambos
uploads-keep-both-hint = Al nombre del archivo nuevo se le añade « (1)»
uploads-skip = Omitir
uploads-apply-all = Hacer lo mismo con todos los archivos de esta subida
uploads-waiting = en espera
uploads-speed-left = { $speed }/s · quedan { $left }
uploads-skipped-there = omitido (ya existe)
uploads-cancelled = cancelado
uploads-failed = falló
uploads-cancel = Cancelar
uploads-retry = Reintentar
uploads-top-of-bucket = la raíz del bucket «{ $bucket }»
uploads-drop-to = Suelte para subir. Destino: { $target }

uploads-chooser-title = Subir archivos
uploads-chooser-open = Subir
uploads-chooser-file-name = Nombre del archivo:
uploads-chooser-hidden = Mostrar archivos ocultos
uploads-chooser-refresh = Volver a leer esta carpeta
uploads-chooser-up = Subir una carpeta
uploads-chooser-cancel = Cancelar

uploads-request-title = Pedir un archivo
uploads-request-intro = Cree un enlace con el que otra persona puede enviarle un archivo a { $folder }.
uploads-request-name = Nombre del archivo
uploads-request-works-for = El enlace vale
uploads-request-hour = 1 hora
uploads-request-day = 1 día
uploads-request-week = 7 días
uploads-request-make = Crear enlace de subida
uploads-request-no-slash = Un nombre de archivo no puede contener /.
uploads-request-taken = Ya hay un archivo llamado «{ $name }» en esta carpeta. La subida lo reemplazaría.
uploads-request-use = Usar «{ $name }»
uploads-request-replace = Reemplazarlo
uploads-request-ready = Cualquiera con este enlace puede subir un archivo, guardado como «{ $name }», hasta el { $until }. Lo envía con un HTTP PUT y { $count ->
        [one] la cabecera
       *[other] las cabeceras
    } { $headers }, por ejemplo con este comando:
uploads-request-command = Comando:
uploads-request-copy-command = Copiar comando
uploads-request-copy-link = Copiar solo el enlace

table-buckets = Buckets
table-loading-buckets = Cargando buckets…
table-try-again = Reintentar
table-no-buckets = Aún no hay buckets. Cree uno en la consola de su proveedor de almacenamiento y luego actualice.
table-refresh = Actualizar
table-open-bucket = Abrir el bucket { $name }
table-go-to = Ir a { $name }
table-pick-bucket = Elija un bucket a la izquierda para ver sus archivos.
table-loading = Cargando…
table-empty-folder = Esta carpeta está vacía: suelte archivos en esta ventana para subirlos aquí.
table-filtering = Filtrando…
table-no-match = Nada en esta carpeta coincide con «{ $filter }».
table-name = Nombre
table-size = Tamaño
table-modified = Modificado
table-name-in-sentence = nombre
table-size-in-sentence = tamaño
table-modified-in-sentence = fecha de modificación
table-sort-by = Ordenar por { $column }
table-sorted-ascending = Ordenado por { $column } (ascendente); haga clic para invertir
table-sorted-descending = Ordenado por { $column } (descendente); haga clic para invertir
